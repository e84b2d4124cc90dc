// The edit sequence shared by kill_child (which performs it) and kill_test (which checks what
// survived a SIGKILL). The state at revision R depends on R only, so whatever revision the
// database holds after a kill, kill_test can rebuild the exact session that must be there.
#pragma once

#include "core/commands.hpp"
#include "core/session.hpp"

#include <cstdint>
#include <string>

namespace kill_script {

inline constexpr const char* kSessionId = "00000000000c0ffe";

inline amorce::core::Session base_session(std::int64_t now) {
    amorce::core::Session s;
    s.id = kSessionId;
    s.participant.last_name = "Lefèvre";
    s.participant.first_name = "Zoé";
    s.participant.birth_date = amorce::core::Date{1990, 5, 17};
    s.participant.ecrou = "2026-00417";
    s.participant.establishment = "Maison d’arrêt";
    s.participant.legal_status = amorce::core::LegalStatus::Prevenu;
    s.participant.entry_date = amorce::core::Date{2026, 11, 20};
    s.participant.languages = {"fr"};
    s.counsellor_id = "c-kill";
    s.counsellor_name = "Émile Lœwy";
    s.created_at = now;
    s.notes = "Notes de l’entretien :";
    s.revision = 0;
    return s;
}

// The command that produces revision `rev` from the state at revision rev - 1.
inline amorce::core::Command command_for(std::uint64_t rev, const amorce::core::Session& current) {
    using namespace amorce::core;
    switch (rev % 3) {
    case 0: // typing: the notes grow
        return Command{SetNotes{current.notes + " « r" + std::to_string(rev) + " »"}, "c-kill"};
    case 1: {
        Participant p = current.participant;
        p.establishment = "Maison d’arrêt n°" + std::to_string(rev);
        p.languages = {"fr", rev % 2 ? "ar" : "wo"};
        return Command{UpdateParticipant{p}, "c-kill"};
    }
    default:
        return Command{SetConsent{(rev / 3) % 2 == 0, static_cast<std::int64_t>(rev)}, "c-kill"};
    }
}

} // namespace kill_script
