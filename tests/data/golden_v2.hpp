// Content of tests/data/golden-v2/amorce.db (schema version 1, Session cereal payload version 2:
// photolangage rounds), shared by the generator
// (tests/data/make_golden.cpp) and the test that opens the file (tests/unit/test_store.cpp).
//
// FROZEN: the committed file was written from exactly this content. Never edit these values;
// a later schema version gets its own golden_vN.hpp and golden-vN/ directory (see README.md).
// Fields added to Session after v2 keep their defaults here: that is what a v2 file must load as.
#pragma once

#include "core/session.hpp"

#include <vector>

namespace golden_v2 {

inline constexpr const char* kDir = "golden-v2";

inline std::vector<amorce::core::Session> sessions() {
    using namespace amorce::core;
    std::vector<Session> out;

    // 1. Interview held and finalized; every field used.
    Session a;
    a.id = "a1b2c3d4e5f60718";
    a.participant.last_name = "Lefèvre";
    a.participant.first_name = "Zoé";
    a.participant.birth_date = Date{1990, 5, 17};
    a.participant.ecrou = "2025-00417";
    a.participant.establishment = "Maison d’arrêt de Fresnes";
    a.participant.legal_status = LegalStatus::Prevenu;
    a.participant.entry_date = Date{2025, 3, 7};
    a.participant.languages = {"fr", "ar"};
    a.counsellor_id = "c-001";
    a.counsellor_name = "Émile Lœwy";
    a.created_at = 1741608000;  // 2025-03-10 12:00 UTC
    a.started_at = 1741611900;  // 2025-03-10 13:05 UTC
    a.ended_at = 1741615800;    // 2025-03-10 14:10 UTC
    a.consent = true;
    a.consent_at = 1741611960;
    a.notes = "« Je veux passer le CAP cuisine. » Cœur à l’ouvrage, sœur à Lyon ; "
              "freins : logement, permis. Très motivée…";
    a.status = SessionStatus::Finalized;
    a.history = {HistoryEntry{1741608000, "c-001", "created", ""},
                 HistoryEntry{1741611900, "c-001", "interview_started", ""},
                 HistoryEntry{1741615800, "c-001", "interview_ended", "fin à l’heure"}};
    a.revision = 37;
    {
        PhotoRound r1;
        r1.id = "r-0001";
        r1.prompt_key = "prompt.parcours";
        r1.prompt_text = "Choisissez une photo qui représente votre parcours.";
        r1.slot_count = 2;
        r1.slots = {PhotoChoice{"regards", "regards-07", "« C’est la route : on ne sait jamais où elle mène. »",
                                {"parcours", "mobilité"}},
                    PhotoChoice{"quotidien", "cuisine", "Le cœur à l’ouvrage, comme ma sœur…", {}}};
        r1.started_at = 1741612000;
        PhotoRound r2;
        r2.id = "r-0002";
        r2.prompt_key = "prompt.demain";
        r2.prompt_text = "Choisissez une photo qui représente ce que vous aimeriez faire demain.";
        r2.slot_count = 3;
        r2.slots = {PhotoChoice{"regards", "regards-07", "", {"projet"}}, std::nullopt,
                    PhotoChoice{"quotidien", "toque", "Être cheffe ; ouvrir un restaurant à Lyon !", {"travail", "famille"}}};
        r2.started_at = 1741612900;
        a.photolangage = {r1, r2};
    }
    out.push_back(a);

    // 2. Draft, interview not started, no consent yet.
    Session b;
    b.id = "0f1e2d3c4b5a6978";
    b.participant.last_name = "N’Diaye";
    b.participant.first_name = "Oumar";
    b.participant.birth_date = Date{1984, 12, 31};
    b.participant.ecrou = "2025-01288";
    b.participant.establishment = "Maison d’arrêt de Villepinte";
    b.participant.legal_status = LegalStatus::Condamne;
    b.participant.entry_date = Date{2025, 5, 30};
    b.participant.languages = {"fr", "wo"};
    b.counsellor_id = "c-002";
    b.counsellor_name = "Françoise Dubœuf";
    b.created_at = 1748865600;  // 2025-06-02 12:00 UTC
    b.notes = "À revoir : besoin d’un interprète ? œuvre sociale, « peut-être ».";
    b.history = {HistoryEntry{1748865600, "c-002", "created", ""}};
    b.revision = 3;
    {
        PhotoRound r;
        r.id = "r-0101";
        r.prompt_text = "Qu’est-ce qui vous a aidé à tenir, ici ?"; // typed by the counsellor
        r.slot_count = 1;
        r.slots = {PhotoChoice{"regards", "regards-31", "« Mon frère, il vient au parloir. » Œil qui pétille.",
                               {"soutien"}}};
        r.started_at = 1748866000;
        b.photolangage = {r};
    }
    out.push_back(b);

    // 3. Exported; minimal participant record, empty notes.
    Session c;
    c.id = "9988776655443322";
    c.participant.last_name = "Œlschläger";
    c.participant.first_name = "Jérôme";
    c.participant.birth_date = Date{2000, 2, 29};
    c.participant.ecrou = "2026-00002";
    c.participant.legal_status = LegalStatus::Prevenu;
    c.participant.entry_date = Date{2026, 1, 14};
    c.counsellor_id = "c-001";
    c.counsellor_name = "Émile Lœwy";
    c.created_at = 1768478400;  // 2026-01-15 12:00 UTC
    c.started_at = 1768478400;
    c.ended_at = 1768482000;
    c.consent = true;
    c.consent_at = 1768478400;
    c.status = SessionStatus::Exported;
    c.history = {HistoryEntry{1768478400, "c-001", "created", ""},
                 HistoryEntry{1768482000, "c-001", "exported", "lot n°1"}};
    c.revision = 12;
    {
        PhotoRound r;
        r.id = "r-0201";
        r.prompt_key = "prompt.difficulte";
        r.prompt_text = "Choisissez une photo qui représente une difficulté.";
        r.slot_count = 3;
        r.slots = {std::nullopt, std::nullopt, std::nullopt}; // round opened, nothing chosen
        r.started_at = 1768479000;
        c.photolangage = {r};
    }
    out.push_back(c);
    return out;
}

} // namespace golden_v2
