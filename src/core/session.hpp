// The interview session: who, when, consent, notes, status and history.
// Plain structs; every change goes through a Command (commands.hpp).
#pragma once

#include "core/boards.hpp"
#include "core/date.hpp"
#include "core/photolangage.hpp"
#include "core/synthesis.hpp"
#include "core/timeline.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace amorce::core {

// Pre-trial detainee or sentenced person.
enum class LegalStatus : std::uint8_t { Unknown = 0, Prevenu = 1, Condamne = 2 };

struct Participant {
    std::string last_name;   // nom
    std::string first_name;  // prénom
    Date birth_date;
    std::string ecrou;       // numéro d'écrou
    std::string establishment;
    LegalStatus legal_status = LegalStatus::Unknown;
    Date entry_date;         // date d'entrée en détention
    std::vector<std::string> languages;

    std::string display_name() const; // "DUPONT Jean"
    bool operator==(const Participant& o) const;
    bool operator!=(const Participant& o) const { return !(*this == o); }
};

// Upper-case for display (DUPONT, LEFÈVRE, ŒUVRE): ASCII and Latin-1/œ/ÿ letters.
std::string to_upper_fr(const std::string& s);

// One problem found in a participant record. The UI maps each to a French message.
enum class ParticipantField : std::uint8_t {
    LastName, FirstName, BirthDate, Ecrou, LegalStatus, EntryDate, Establishment
};
enum class FieldProblem : std::uint8_t {
    Required,          // empty
    TooLong,           // more than 80 characters
    InFuture,          // date after today
    TooYoung,          // under 18 at the interview (the programme is for adults)
    TooOld,            // over 110
    BeforeBirth,       // entry date before birth date
    BadCharacters,     // control characters
};
struct ParticipantIssue {
    ParticipantField field;
    FieldProblem problem;
};
std::vector<ParticipantIssue> validate(const Participant& p, const Date& today);

enum class SessionStatus : std::uint8_t { Draft = 0, Finalized = 1, Exported = 2 };
const char* status_key(SessionStatus s); // "draft", "finalized", "exported"

struct HistoryEntry {
    std::int64_t at = 0;   // unix seconds
    std::string who;       // counsellor id
    std::string what;      // machine key: "created", "interview_started", "interview_ended", "finalized",
                           // "reopened" (detail: the reason), ...
    std::string detail;    // free text (e.g. a reason)

    bool operator==(const HistoryEntry& o) const {
        return at == o.at && who == o.who && what == o.what && detail == o.detail;
    }
};

inline constexpr int kSynthesisDueDays = 5; // synthesis due within 5 days of the interview

struct Session {
    std::string id;                 // random, 16 hex chars
    Participant participant;
    std::string counsellor_id;
    std::string counsellor_name;
    std::int64_t created_at = 0;    // unix seconds
    std::int64_t started_at = 0;    // interview start (0 = not started)
    std::int64_t ended_at = 0;      // interview end (0 = still running)
    bool consent = false;           // the person agreed to the interview and its record
    std::int64_t consent_at = 0;
    std::string notes;              // counsellor's free notes
    SessionStatus status = SessionStatus::Draft; // not Draft: content commands are refused (commands.hpp)
    std::vector<HistoryEntry> history;
    std::vector<PhotoRound> photolangage; // rounds in the order they were opened (cereal v2)
    Timeline timeline;              // life timeline episodes and events (cereal v3)
    std::vector<Board> boards;      // expression boards in the order they were opened (cereal v4)
    Synthesis synthesis;            // sections, recommendations, who finalized and when (cereal v5)
    std::uint64_t revision = 0;     // +1 on every applied change; storage keeps the latest

    // Day of the interview (local time): started_at, else created_at.
    Date interview_date() const;
    Date due_date() const { return interview_date().plus_days(kSynthesisDueDays); }
    // Days left before the synthesis is due (negative: late). Meaningless once finalized.
    int days_left(const Date& today) const;
    bool interview_running() const { return started_at != 0 && ended_at == 0; }

    bool operator==(const Session& o) const;
    bool operator!=(const Session& o) const { return !(*this == o); }
};

// What the session list shows, stored beside the payload so that listing never decodes it whole.
struct SessionSummary {
    std::string id;
    std::string display_name;
    std::string ecrou;
    Date interview_date;
    SessionStatus status = SessionStatus::Draft;
    std::int64_t updated_at = 0;
    std::uint64_t revision = 0;
    bool damaged = false;           // the payload could not be read (listed, never overwritten)
    std::int64_t exported_at = 0;   // unix seconds of the last export (store::Store::mark_exported), 0: never

    int days_left(const Date& today) const;
};
SessionSummary summarize(const Session& s, std::int64_t updated_at);

// A new random session id (16 lowercase hex characters).
std::string new_session_id();

} // namespace amorce::core
