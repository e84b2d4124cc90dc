// --demo data: a demo counsellor and three clearly fictional people, so a newcomer sees a
// realistic list (one due soon, one late, one finalized) at first start.
#include "app/app.hpp"

namespace amorce::app {

namespace {
core::Session demo_session(const std::string& id, const char* last, const char* first, core::Date birth,
                           const char* ecrou, core::LegalStatus legal, int days_ago, core::SessionStatus status,
                           const char* notes, const store::Counsellor& c, const std::string& establishment) {
    const std::int64_t day = 86400;
    const std::int64_t started = core::unix_now() - days_ago * day;
    core::Session s;
    s.id = id;
    s.participant.last_name = last;
    s.participant.first_name = first;
    s.participant.birth_date = birth;
    s.participant.ecrou = ecrou;
    s.participant.establishment = establishment;
    s.participant.legal_status = legal;
    s.participant.entry_date = core::local_date_of(started - 2 * day);
    s.participant.languages = {"fr"};
    s.counsellor_id = c.id;
    s.counsellor_name = c.display_name;
    s.created_at = started - 300;
    s.started_at = started;
    s.ended_at = started + 3300;
    s.consent = true;
    s.consent_at = started;
    s.notes = notes;
    s.status = status;
    s.history = {{s.created_at, c.id, "created", ""},
                 {started, c.id, "interview_started", ""},
                 {s.ended_at, c.id, "interview_ended", ""}};
    if (status == core::SessionStatus::Finalized)
        s.history.push_back({started + 2 * day, c.id, "finalized", ""});
    s.revision = 1;
    return s;
}
} // namespace

void seed_demo(store::Store& store) {
    if (store.meta("demo_seeded")) return;
    const store::Counsellor c{"demo", "Camille Démo (conseillère)"};
    store.add_counsellor(c);
    const std::string establishment = "Maison d’arrêt de démonstration";
    store.set_meta("establishment", establishment);
    store.save_now(demo_session("demo000000000001", "Démo", "Léa", core::Date{1994, 2, 14}, "DEMO-0001",
                                core::LegalStatus::Prevenu, 1, core::SessionStatus::Draft,
                                "Personne fictive. Intéressée par la cuisine ; a travaillé en restauration.", c,
                                establishment));
    store.save_now(demo_session("demo000000000002", "Exemple", "Karim", core::Date{1987, 9, 3}, "DEMO-0002",
                                core::LegalStatus::Condamne, 7, core::SessionStatus::Draft,
                                "Personne fictive. Permis B, expérience dans le bâtiment.", c, establishment));
    store.save_now(demo_session("demo000000000003", "Fictif", "Stéphane", core::Date{1979, 12, 24}, "DEMO-0003",
                                core::LegalStatus::Condamne, 3, core::SessionStatus::Finalized,
                                "Personne fictive. Souhaite une formation qualifiante.", c, establishment));
    store.set_meta("demo_seeded", "1");
}

} // namespace amorce::app
