#include "core/session.hpp"

#include "core/tsv.hpp"

#include <cctype>
#include <random>

namespace amorce::core {

// Upper-cases ASCII and the Latin letters French names use (é→É, ç→Ç, œ→Œ, ÿ→Ÿ...).
std::string to_upper_fr(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out += static_cast<char>(std::toupper(c));
        } else if (c == 0xC3 && i + 1 < s.size()) {
            // U+00E0..U+00FE (except ÷ U+00F7) -> minus 0x20; bytes C3 A0..BE -> C3 80..9E
            const unsigned char d = static_cast<unsigned char>(s[i + 1]);
            out += static_cast<char>(c);
            out += static_cast<char>(d >= 0xA0 && d <= 0xBE && d != 0xB7 ? d - 0x20 : d);
            ++i;
        } else if (c == 0xC5 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x93) {
            out += "\xC5\x92"; // œ -> Œ
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    // ÿ (C3 BF) -> Ÿ (C5 B8)
    for (size_t p = out.find("\xC3\xBF"); p != std::string::npos; p = out.find("\xC3\xBF", p)) out.replace(p, 2, "\xC5\xB8");
    return out;
}

std::string Participant::display_name() const {
    const std::string upper = to_upper_fr(last_name);
    if (upper.empty()) return first_name;
    if (first_name.empty()) return upper;
    return upper + " " + first_name;
}

bool Participant::operator==(const Participant& o) const {
    return last_name == o.last_name && first_name == o.first_name && birth_date == o.birth_date &&
           ecrou == o.ecrou && establishment == o.establishment && legal_status == o.legal_status &&
           entry_date == o.entry_date && languages == o.languages;
}

namespace {
bool has_control_chars(const std::string& s) {
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f) return true;
    return false;
}
bool blank(const std::string& s) {
    for (unsigned char c : s)
        if (!std::isspace(c)) return false;
    return true;
}
} // namespace

std::vector<ParticipantIssue> validate(const Participant& p, const Date& today) {
    std::vector<ParticipantIssue> out;
    auto check_text = [&](const std::string& v, ParticipantField f, bool required) {
        if (required && blank(v)) out.push_back({f, FieldProblem::Required});
        else if (utf8_length(v) > 80) out.push_back({f, FieldProblem::TooLong});
        else if (has_control_chars(v)) out.push_back({f, FieldProblem::BadCharacters});
    };
    check_text(p.last_name, ParticipantField::LastName, true);
    check_text(p.first_name, ParticipantField::FirstName, true);
    check_text(p.ecrou, ParticipantField::Ecrou, true);
    check_text(p.establishment, ParticipantField::Establishment, true);

    const size_t before_birth_checks = out.size();
    if (!p.birth_date.is_set()) out.push_back({ParticipantField::BirthDate, FieldProblem::Required});
    else if (today < p.birth_date) out.push_back({ParticipantField::BirthDate, FieldProblem::InFuture});
    else if (age_on(p.birth_date, today) < 18)
        out.push_back({ParticipantField::BirthDate, FieldProblem::TooYoung});
    else if (age_on(p.birth_date, today) > 110)
        out.push_back({ParticipantField::BirthDate, FieldProblem::TooOld});
    // Compare the entry date with the birth date only when the birth date itself is plausible:
    // one wrong birth year must not also mark the (correct) entry date red.
    const bool birth_ok = out.size() == before_birth_checks;

    if (p.legal_status == LegalStatus::Unknown)
        out.push_back({ParticipantField::LegalStatus, FieldProblem::Required});

    if (!p.entry_date.is_set()) out.push_back({ParticipantField::EntryDate, FieldProblem::Required});
    else if (today < p.entry_date) out.push_back({ParticipantField::EntryDate, FieldProblem::InFuture});
    else if (birth_ok && p.entry_date < p.birth_date)
        out.push_back({ParticipantField::EntryDate, FieldProblem::BeforeBirth});
    return out;
}

const char* status_key(SessionStatus s) {
    switch (s) {
    case SessionStatus::Draft: return "draft";
    case SessionStatus::Finalized: return "finalized";
    case SessionStatus::Exported: return "exported";
    }
    return "draft";
}

Date Session::interview_date() const { return local_date_of(started_at ? started_at : created_at); }

int Session::days_left(const Date& today) const {
    return static_cast<int>(due_date().to_days() - today.to_days());
}

bool Session::operator==(const Session& o) const {
    return id == o.id && participant == o.participant && counsellor_id == o.counsellor_id &&
           counsellor_name == o.counsellor_name && created_at == o.created_at &&
           started_at == o.started_at && ended_at == o.ended_at && consent == o.consent &&
           consent_at == o.consent_at && notes == o.notes && status == o.status &&
           history == o.history && photolangage == o.photolangage && timeline == o.timeline &&
           boards == o.boards && synthesis == o.synthesis && revision == o.revision;
}

int SessionSummary::days_left(const Date& today) const {
    return static_cast<int>(interview_date.plus_days(kSynthesisDueDays).to_days() - today.to_days());
}

SessionSummary summarize(const Session& s, std::int64_t updated_at) {
    SessionSummary out;
    out.id = s.id;
    out.display_name = s.participant.display_name();
    out.ecrou = s.participant.ecrou;
    out.interview_date = s.interview_date();
    out.status = s.status;
    out.updated_at = updated_at;
    out.revision = s.revision;
    return out;
}

std::string new_session_id() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    static const char* hex = "0123456789abcdef";
    std::uint64_t v = rng();
    std::string id(16, '0');
    for (int i = 15; i >= 0; --i) {
        id[static_cast<size_t>(i)] = hex[v & 0xF];
        v >>= 4;
    }
    return id;
}

} // namespace amorce::core
