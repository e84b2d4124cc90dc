// Unit tests for src/core: dates, participant validation, serialization, commands and undo/redo.
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "core/commands.hpp"
#include "core/date.hpp"
#include "core/serialize.hpp"
#include "core/session.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <ctime>
#include <random>
#include <string>
#include <vector>

using namespace amorce::core;

namespace {

// Unix time of local noon on a calendar day (robust to the machine's time zone).
std::int64_t local_noon(int y, int m, int d) {
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    return static_cast<std::int64_t>(std::mktime(&tm));
}

DateError parse_error(const std::string& text) {
    DateError e = DateError::None;
    const auto d = parse_french_date(text, &e);
    CHECK_FALSE(d.has_value());
    return e;
}

Participant valid_participant() {
    Participant p;
    p.last_name = "Lefèvre";
    p.first_name = "Zoé";
    p.birth_date = Date{1990, 5, 17};
    p.ecrou = "2026-00417";
    p.establishment = "Maison d’arrêt de Fresnes";
    p.legal_status = LegalStatus::Prevenu;
    p.entry_date = Date{2026, 11, 20};
    p.languages = {"fr", "ar"};
    return p;
}

bool has_issue(const std::vector<ParticipantIssue>& issues, ParticipantField f, FieldProblem pb) {
    for (const auto& i : issues)
        if (i.field == f && i.problem == pb) return true;
    return false;
}

// A session that uses every field, with French text that stresses UTF-8 handling.
Session french_session() {
    Session s;
    s.id = "0123456789abcdef";
    s.participant = valid_participant();
    s.participant.last_name = "Œuvray-N’Diaye";
    s.participant.first_name = "Anaïs Françoise";
    s.participant.legal_status = LegalStatus::Condamne;
    s.participant.languages = {"fr", "wo", "pt-BR"};
    s.counsellor_id = "c-émile";
    s.counsellor_name = "Émile Lœwy";
    s.created_at = 1795000000;
    s.started_at = 1795000600;
    s.ended_at = 1795004200;
    s.consent = true;
    s.consent_at = 1795000610;
    s.notes = "« Je veux passer le CAP cuisine » — il l’a dit deux fois.\n"
              "Cœur, sœur, œuvre ; ça va… 🙂👍🏽 Ünïcödé € \t fin";
    s.status = SessionStatus::Finalized;
    s.history = {HistoryEntry{1795000000, "c-émile", "created", ""},
                 HistoryEntry{1795000600, "c-émile", "interview_started", "salle n°2 « bleue »"},
                 HistoryEntry{1795004200, "c-émile", "interview_ended", "fin à l’heure 🎉"}};
    s.revision = 42;
    return s;
}

void check_same_fields(const Session& a, const Session& b) {
    CHECK(a.id == b.id);
    CHECK(a.participant.last_name == b.participant.last_name);
    CHECK(a.participant.first_name == b.participant.first_name);
    CHECK(a.participant.birth_date == b.participant.birth_date);
    CHECK(a.participant.ecrou == b.participant.ecrou);
    CHECK(a.participant.establishment == b.participant.establishment);
    CHECK(a.participant.legal_status == b.participant.legal_status);
    CHECK(a.participant.entry_date == b.participant.entry_date);
    CHECK(a.participant.languages == b.participant.languages);
    CHECK(a.counsellor_id == b.counsellor_id);
    CHECK(a.counsellor_name == b.counsellor_name);
    CHECK(a.created_at == b.created_at);
    CHECK(a.started_at == b.started_at);
    CHECK(a.ended_at == b.ended_at);
    CHECK(a.consent == b.consent);
    CHECK(a.consent_at == b.consent_at);
    CHECK(a.notes == b.notes);
    CHECK(a.status == b.status);
    REQUIRE(a.history.size() == b.history.size());
    for (size_t i = 0; i < a.history.size(); ++i) CHECK(a.history[i] == b.history[i]);
    CHECK(a.revision == b.revision);
    CHECK(a == b);
}

// Editor with a controllable clock and a sink that records every state it is handed.
struct Fixture {
    std::int64_t now = 1795000000;
    std::vector<Session> seen;
    SessionEditor editor;

    Fixture() : editor(base(), [this](const Session& s) { seen.push_back(s); }) {
        editor.clock = [this] { return now; };
    }
    static Session base() {
        Session s;
        s.id = "00000000000000aa";
        s.participant = valid_participant();
        s.created_at = 1795000000;
        s.notes = "début";
        return s;
    }
    static Command cmd(CommandData d) { return Command{std::move(d), "c1"}; }
};

} // namespace

// [SECTION] Dates

TEST_CASE("core: french date parsing accepts valid dates") {
    auto d = parse_french_date("07/03/1985");
    REQUIRE(d);
    CHECK(*d == Date{1985, 3, 7});
    CHECK(d->to_french() == "07/03/1985");
    CHECK(d->to_iso() == "1985-03-07");

    DateError e = DateError::Format;
    d = parse_french_date("  1.2.2001 ", &e);
    REQUIRE(d);
    CHECK(*d == Date{2001, 2, 1});
    CHECK(e == DateError::None);
    d = parse_french_date("31-12-1999");
    REQUIRE(d);
    CHECK(*d == Date{1999, 12, 31});
    CHECK(parse_french_date("01/01/1900"));
    CHECK(parse_french_date("31/12/2200"));
}

TEST_CASE("core: french date parsing of 29 february in leap and non-leap years") {
    CHECK(parse_french_date("29/02/2024") == Date{2024, 2, 29});
    CHECK(parse_french_date("29/02/2000") == Date{2000, 2, 29}); // divisible by 400
    CHECK(parse_error("29/02/2023") == DateError::NotADate);
    CHECK(parse_error("29/02/1900") == DateError::NotADate); // divisible by 100, not 400
    CHECK(parse_error("30/02/2024") == DateError::NotADate);
    CHECK(is_valid_date(2024, 2, 29));
    CHECK_FALSE(is_valid_date(2100, 2, 29));
}

TEST_CASE("core: french date parsing refuses bad formats and empty text") {
    CHECK(parse_error("") == DateError::Empty);
    CHECK(parse_error("   ") == DateError::Empty);
    CHECK(parse_error("1985-03-07") == DateError::Format); // ISO is not what the field expects
    CHECK(parse_error("07/03/85") == DateError::Format);   // two-digit year
    CHECK(parse_error("07/03/19850") == DateError::Format);
    CHECK(parse_error("07/03") == DateError::Format);
    CHECK(parse_error("07 03 1985") == DateError::Format);
    CHECK(parse_error("7 mars 1985") == DateError::Format);
    CHECK(parse_error("07/03/1985 10h") == DateError::Format);
    CHECK(parse_error("aa/bb/cccc") == DateError::Format);
    CHECK(parse_error("007/03/1985") == DateError::Format);
    CHECK(parse_error("07//1985") == DateError::Format);
}

TEST_CASE("core: french date parsing refuses days that do not exist") {
    CHECK(parse_error("31/04/2000") == DateError::NotADate);
    CHECK(parse_error("31/06/2000") == DateError::NotADate);
    CHECK(parse_error("00/01/2000") == DateError::NotADate);
    CHECK(parse_error("32/01/2000") == DateError::NotADate);
    CHECK(parse_error("15/13/2000") == DateError::NotADate);
    CHECK(parse_error("15/00/2000") == DateError::NotADate);
}

TEST_CASE("core: french date parsing refuses years out of range") {
    CHECK(parse_error("31/12/1899") == DateError::OutOfRange);
    CHECK(parse_error("01/01/2201") == DateError::OutOfRange);
    CHECK(parse_error("01/01/0500") == DateError::OutOfRange);
    CHECK(parse_error("01/01/9999") == DateError::OutOfRange);
}

TEST_CASE("core: date day arithmetic round-trips") {
    CHECK(Date{1970, 1, 1}.to_days() == 0);
    CHECK(Date::from_days(0) == Date{1970, 1, 1});
    CHECK(Date{2024, 2, 28}.plus_days(1) == Date{2024, 2, 29});
    CHECK(Date{2023, 2, 28}.plus_days(1) == Date{2023, 3, 1});
    CHECK(Date{2026, 12, 29}.plus_days(5) == Date{2027, 1, 3});
    CHECK(Date{1960, 3, 1}.plus_days(-1) == Date{1960, 2, 29});
    for (std::int64_t d = -40000; d < 100000; d += 7) CHECK(Date::from_days(d).to_days() == d);
    CHECK(Date::from_unix(-1) == Date{1969, 12, 31});
    CHECK(Date::from_unix(86400 * 365) == Date{1971, 1, 1});
    CHECK(parse_iso_date("2026-11-27") == Date{2026, 11, 27});
    CHECK_FALSE(parse_iso_date("2026-02-30"));
    CHECK(format_unix_iso(0) == "1970-01-01T00:00:00Z");
}

TEST_CASE("core: age on a given day") {
    const Date birth{1990, 6, 15};
    CHECK(age_on(birth, Date{2008, 6, 14}) == 17);
    CHECK(age_on(birth, Date{2008, 6, 15}) == 18);
    CHECK(age_on(birth, Date{2026, 11, 27}) == 36);
    // Born on 29 February: becomes 18 on 1 March in non-leap years.
    CHECK(age_on(Date{2000, 2, 29}, Date{2018, 2, 28}) == 17);
    CHECK(age_on(Date{2000, 2, 29}, Date{2018, 3, 1}) == 18);
    CHECK(age_on(Date{2000, 2, 29}, Date{2024, 2, 29}) == 24);
}

TEST_CASE("core: synthesis is due 5 days after the interview") {
    Session s;
    s.created_at = local_noon(2026, 11, 20);
    CHECK(s.interview_date() == Date{2026, 11, 20});
    CHECK(s.due_date() == Date{2026, 11, 25});
    CHECK(s.days_left(Date{2026, 11, 20}) == 5);
    CHECK(s.days_left(Date{2026, 11, 24}) == 1);
    CHECK(s.days_left(Date{2026, 11, 25}) == 0);
    CHECK(s.days_left(Date{2026, 11, 27}) == -2); // late

    // The interview day is the start, not the creation, once the interview has started.
    s.started_at = local_noon(2026, 11, 29);
    CHECK(s.interview_date() == Date{2026, 11, 29});
    CHECK(s.due_date() == Date{2026, 12, 4});
    CHECK(s.days_left(Date{2026, 11, 30}) == 4);

    // Month and year boundaries.
    s.started_at = local_noon(2026, 12, 30);
    CHECK(s.due_date() == Date{2027, 1, 4});

    const SessionSummary sum = summarize(s, 123);
    CHECK(sum.interview_date == Date{2026, 12, 30});
    CHECK(sum.days_left(Date{2027, 1, 1}) == 3);
    CHECK(sum.days_left(Date{2027, 1, 4}) == 0);
}

// [SECTION] Participant

TEST_CASE("core: participant validation accepts a complete record") {
    const auto issues = validate(valid_participant(), Date{2026, 11, 27});
    CHECK(issues.empty());
}

TEST_CASE("core: participant validation requires the mandatory fields") {
    Participant p;
    const auto issues = validate(p, Date{2026, 11, 27});
    CHECK(has_issue(issues, ParticipantField::LastName, FieldProblem::Required));
    CHECK(has_issue(issues, ParticipantField::FirstName, FieldProblem::Required));
    CHECK(has_issue(issues, ParticipantField::Ecrou, FieldProblem::Required));
    CHECK(has_issue(issues, ParticipantField::BirthDate, FieldProblem::Required));
    CHECK(has_issue(issues, ParticipantField::LegalStatus, FieldProblem::Required));
    CHECK(has_issue(issues, ParticipantField::EntryDate, FieldProblem::Required));
    // The establishment is needed too (the export and the synthesis header name it).
    CHECK(has_issue(issues, ParticipantField::Establishment, FieldProblem::Required));

    Participant blanks = valid_participant();
    blanks.last_name = "   ";
    const auto b = validate(blanks, Date{2026, 11, 27});
    CHECK(has_issue(b, ParticipantField::LastName, FieldProblem::Required));
    CHECK(b.size() == 1);
}

TEST_CASE("core: participant validation refuses a birth date in the future") {
    Participant p = valid_participant();
    p.birth_date = Date{2026, 11, 28};
    p.entry_date = Date{2026, 11, 27};
    const auto issues = validate(p, Date{2026, 11, 27});
    CHECK(has_issue(issues, ParticipantField::BirthDate, FieldProblem::InFuture));

    Participant q = valid_participant();
    q.entry_date = Date{2026, 11, 28};
    CHECK(has_issue(validate(q, Date{2026, 11, 27}), ParticipantField::EntryDate, FieldProblem::InFuture));
}

TEST_CASE("core: participant validation refuses someone under 18") {
    Participant p = valid_participant();
    p.birth_date = Date{2008, 11, 28}; // 18 tomorrow
    CHECK(has_issue(validate(p, Date{2026, 11, 27}), ParticipantField::BirthDate, FieldProblem::TooYoung));
    p.birth_date = Date{2008, 11, 27}; // 18 today
    CHECK(validate(p, Date{2026, 11, 27}).empty());
    p.birth_date = Date{1900, 1, 1};
    CHECK(has_issue(validate(p, Date{2026, 11, 27}), ParticipantField::BirthDate, FieldProblem::TooOld));
}

TEST_CASE("core: participant validation refuses an entry date before birth") {
    Participant p = valid_participant();
    p.entry_date = Date{1989, 1, 1};
    const auto issues = validate(p, Date{2026, 11, 27});
    CHECK(has_issue(issues, ParticipantField::EntryDate, FieldProblem::BeforeBirth));
    CHECK(issues.size() == 1);
}

TEST_CASE("core: participant validation limits names to 80 characters") {
    Participant p = valid_participant();
    p.last_name = std::string(81, 'a');
    CHECK(has_issue(validate(p, Date{2026, 11, 27}), ParticipantField::LastName, FieldProblem::TooLong));
    p.last_name = std::string(80, 'a');
    CHECK(validate(p, Date{2026, 11, 27}).empty());

    // Characters, not bytes: 80 accented letters (160 bytes) are fine, 81 are not.
    std::string accented;
    for (int i = 0; i < 80; ++i) accented += "é";
    p.first_name = accented;
    CHECK(validate(p, Date{2026, 11, 27}).empty());
    p.first_name = accented + "œ";
    CHECK(has_issue(validate(p, Date{2026, 11, 27}), ParticipantField::FirstName, FieldProblem::TooLong));

    Participant c = valid_participant();
    c.ecrou = "12\n34";
    CHECK(has_issue(validate(c, Date{2026, 11, 27}), ParticipantField::Ecrou, FieldProblem::BadCharacters));
}

TEST_CASE("core: participant display name") {
    Participant p = valid_participant();
    p.last_name = "Dupont";
    p.first_name = "Jean";
    CHECK(p.display_name() == "DUPONT Jean");
    p.last_name = "Lefèvre-Dubœuf";
    CHECK(p.display_name() == "LEFÈVRE-DUBŒUF Jean");
    p.last_name = "Dupont";
    p.first_name.clear();
    CHECK(p.display_name() == "DUPONT");
    p.last_name.clear();
    p.first_name = "Zoé";
    CHECK(p.display_name() == "Zoé");
}

// [SECTION] Serialization

TEST_CASE("core: session binary round-trip keeps french text") {
    const Session s = french_session();
    const std::string bytes = encode_binary(s);
    const Session back = decode_binary(bytes);
    check_same_fields(back, s);
    // Deterministic: the same session encodes to the same bytes.
    CHECK(encode_binary(back) == bytes);

    const Session empty;
    CHECK(decode_binary(encode_binary(empty)) == empty);
}

TEST_CASE("core: session JSON round-trip keeps french text") {
    const Session s = french_session();
    const std::string json = to_json(s);
    CHECK(json.find("\"session\"") != std::string::npos);
    const Session back = session_from_json(json);
    check_same_fields(back, s);
    CHECK(to_json(back) == json);

    // Fields differ: the comparison notices.
    Session other = s;
    other.participant.languages.push_back("en");
    CHECK(session_from_json(to_json(other)) != s);
}

TEST_CASE("core: summary binary round-trip") {
    const Session s = french_session();
    const SessionSummary sum = summarize(s, 1795009999);
    const SessionSummary back = decode_summary_binary(encode_binary(sum));
    CHECK(back.id == s.id);
    CHECK(back.display_name == "ŒUVRAY-N’DIAYE Anaïs Françoise");
    CHECK(back.ecrou == s.participant.ecrou);
    CHECK(back.interview_date == s.interview_date());
    CHECK(back.status == SessionStatus::Finalized);
    CHECK(back.updated_at == 1795009999);
    CHECK(back.revision == 42);
    CHECK_FALSE(back.damaged);
}

TEST_CASE("core: decoding truncated bytes throws DecodeError") {
    const std::string bytes = encode_binary(french_session());
    REQUIRE(bytes.size() > 100);
    for (size_t n = 0; n < bytes.size(); ++n) {
        CAPTURE(n);
        CHECK_THROWS_AS(decode_binary(bytes.substr(0, n)), DecodeError);
    }
    const std::string summary = encode_binary(summarize(french_session(), 1));
    for (size_t n = 0; n < summary.size(); ++n) {
        CAPTURE(n);
        CHECK_THROWS_AS(decode_summary_binary(summary.substr(0, n)), DecodeError);
    }
}

TEST_CASE("core: decoding garbage bytes throws DecodeError or yields a session, never crashes") {
    std::mt19937 rng(20261127);
    int threw = 0;
    for (int round = 0; round < 300; ++round) {
        std::string junk(static_cast<size_t>(1 + rng() % 600), '\0');
        for (char& c : junk) c = static_cast<char>(rng());
        try {
            (void)decode_binary(junk);
        } catch (const DecodeError&) {
            ++threw;
        }
    }
    CHECK(threw > 250); // random bytes are essentially never a valid session

    // Every single-byte corruption of a real session: either an error or some session, no crash.
    const std::string bytes = encode_binary(french_session());
    for (size_t i = 0; i < bytes.size(); ++i) {
        std::string bad = bytes;
        bad[i] = static_cast<char>(bad[i] ^ 0xA5);
        try {
            const Session s = decode_binary(bad);
            CHECK((s.consent == true || s.consent == false));
        } catch (const DecodeError&) {
        }
    }

    CHECK_THROWS_AS(session_from_json(""), DecodeError);
    CHECK_THROWS_AS(session_from_json("{\"session\": 12}"), DecodeError);
    CHECK_THROWS_AS(session_from_json("\xff\xfe garbage {{{"), DecodeError);
    const std::string json = to_json(french_session());
    CHECK_THROWS_AS(session_from_json(json.substr(0, json.size() / 2)), DecodeError);
}

// [SECTION] Commands, undo and redo

TEST_CASE("core: undo and redo of UpdateParticipant") {
    Fixture f;
    const Participant before = f.editor.session().participant;
    Participant after = before;
    after.last_name = "Benoît";
    after.languages = {"fr", "ro"};
    f.editor.execute(Fixture::cmd(UpdateParticipant{after}));
    CHECK(f.editor.session().participant == after);
    CHECK(f.editor.undo_label_key() == std::string("cmd.participant"));
    REQUIRE(f.editor.undo());
    CHECK(f.editor.session().participant == before);
    CHECK(f.editor.redo_label_key() == std::string("cmd.participant"));
    REQUIRE(f.editor.redo());
    CHECK(f.editor.session().participant == after);
    CHECK(f.editor.session().revision == 3);
}

TEST_CASE("core: undo and redo of SetConsent") {
    Fixture f;
    f.now = 1795000100;
    f.editor.execute(Fixture::cmd(SetConsent{true, 0}));
    CHECK(f.editor.session().consent);
    CHECK(f.editor.session().consent_at == 1795000100); // stamped with the editor clock
    REQUIRE(f.editor.undo());
    CHECK_FALSE(f.editor.session().consent);
    CHECK(f.editor.session().consent_at == 0);
    REQUIRE(f.editor.redo());
    CHECK(f.editor.session().consent);

    f.editor.execute(Fixture::cmd(SetConsent{false, 0}));
    CHECK_FALSE(f.editor.session().consent);
    CHECK(f.editor.session().consent_at == 0);
    REQUIRE(f.editor.undo());
    CHECK(f.editor.session().consent);

    f.editor.execute(Fixture::cmd(SetConsent{true, 1795000999}));
    CHECK(f.editor.session().consent_at == 1795000999);
}

TEST_CASE("core: undo and redo of SetNotes") {
    Fixture f;
    f.editor.execute(Fixture::cmd(SetNotes{"Projet : CAP électricien, « pas de freins »"}));
    CHECK(f.editor.session().notes == "Projet : CAP électricien, « pas de freins »");
    REQUIRE(f.editor.undo());
    CHECK(f.editor.session().notes == "début");
    REQUIRE(f.editor.redo());
    CHECK(f.editor.session().notes == "Projet : CAP électricien, « pas de freins »");
}

TEST_CASE("core: the editor tells what its last change was and how (for the audit log)") {
    Fixture f;
    using How = SessionEditor::Change::How;
    CHECK(std::string(f.editor.last_change().label_key).empty());
    f.editor.execute(Fixture::cmd(SetNotes{"Projet"}));
    CHECK(std::string(f.editor.last_change().label_key) == "cmd.notes");
    CHECK(f.editor.last_change().how == How::Do);
    REQUIRE(f.editor.undo());
    CHECK(std::string(f.editor.last_change().label_key) == "cmd.notes");
    CHECK(f.editor.last_change().how == How::Undo);
    REQUIRE(f.editor.redo());
    CHECK(f.editor.last_change().how == How::Redo);
}

TEST_CASE("core: undo and redo of StartInterview and EndInterview") {
    Fixture f;
    f.now = 1795000600;
    f.editor.execute(Fixture::cmd(StartInterview{1795000600}));
    CHECK(f.editor.session().started_at == 1795000600);
    CHECK(f.editor.session().interview_running());
    REQUIRE(f.editor.session().history.size() == 1);
    CHECK(f.editor.session().history.back().what == "interview_started");
    CHECK(f.editor.session().history.back().who == "c1");

    f.now = 1795004200;
    f.editor.execute(Fixture::cmd(EndInterview{1795004200}));
    CHECK(f.editor.session().ended_at == 1795004200);
    CHECK_FALSE(f.editor.session().interview_running());
    CHECK(f.editor.session().history.back().what == "interview_ended");

    REQUIRE(f.editor.undo()); // reopen
    CHECK(f.editor.session().ended_at == 0);
    CHECK(f.editor.session().interview_running());
    CHECK(f.editor.session().history.back().what == "interview_reopened");

    REQUIRE(f.editor.undo()); // not started
    CHECK(f.editor.session().started_at == 0);
    CHECK_FALSE(f.editor.session().interview_running());
    CHECK_FALSE(f.editor.undo());

    REQUIRE(f.editor.redo());
    CHECK(f.editor.session().started_at == 1795000600);
    REQUIRE(f.editor.redo());
    CHECK(f.editor.session().ended_at == 1795004200);
    CHECK_FALSE(f.editor.redo());
}

TEST_CASE("core: undo of a whole sequence restores the original session") {
    Fixture f;
    const Session original = f.editor.session();
    Participant p = original.participant;
    p.ecrou = "2026-99999";
    f.editor.execute(Fixture::cmd(UpdateParticipant{p}));
    f.now += 10;
    f.editor.execute(Fixture::cmd(SetConsent{true, 0}));
    f.now += 10;
    f.editor.execute(Fixture::cmd(SetNotes{"première note"}));
    f.now += 10;
    f.editor.execute(Fixture::cmd(SetNotes{"seconde note, bien plus tard"}));
    const Session edited = f.editor.session();
    int undone = 0;
    while (f.editor.undo()) ++undone;
    CHECK(undone == 4);
    Session back = f.editor.session();
    CHECK(back.revision == original.revision + 8);
    back.revision = original.revision;
    CHECK(back == original);
    while (f.editor.redo()) {
    }
    Session again = f.editor.session();
    again.revision = edited.revision;
    again.consent_at = edited.consent_at; // re-stamped by the redo clock
    CHECK(again == edited);
}

TEST_CASE("core: notes typed within 3 seconds are one undo step") {
    Fixture f;
    f.now = 1000;
    f.editor.execute(Fixture::cmd(SetNotes{"B"}));
    f.now = 1001;
    f.editor.execute(Fixture::cmd(SetNotes{"Bo"}));
    f.now = 1003;
    f.editor.execute(Fixture::cmd(SetNotes{"Bon"}));
    f.now = 1006; // 3 s after the previous keystroke: still the same burst
    f.editor.execute(Fixture::cmd(SetNotes{"Bonj"}));
    CHECK(f.editor.session().notes == "Bonj");
    REQUIRE(f.editor.undo());
    CHECK(f.editor.session().notes == "début");
    CHECK_FALSE(f.editor.can_undo());
    REQUIRE(f.editor.redo());
    CHECK(f.editor.session().notes == "Bonj");
    CHECK_FALSE(f.editor.can_redo());
}

TEST_CASE("core: notes typed after a pause or another command are separate undo steps") {
    Fixture f;
    f.now = 1000;
    f.editor.execute(Fixture::cmd(SetNotes{"Bonjour"}));
    f.now = 1004; // more than 3 s later: a new step
    f.editor.execute(Fixture::cmd(SetNotes{"Bonjour !"}));
    f.now = 1005;
    f.editor.execute(Fixture::cmd(SetConsent{true, 0}));
    f.now = 1006; // within 3 s, but the last step is not a notes step
    f.editor.execute(Fixture::cmd(SetNotes{"Bonjour ! Ça va ?"}));

    REQUIRE(f.editor.undo());
    CHECK(f.editor.session().notes == "Bonjour !");
    CHECK(f.editor.session().consent);
    REQUIRE(f.editor.undo());
    CHECK_FALSE(f.editor.session().consent);
    REQUIRE(f.editor.undo());
    CHECK(f.editor.session().notes == "Bonjour");
    REQUIRE(f.editor.undo());
    CHECK(f.editor.session().notes == "début");
    CHECK_FALSE(f.editor.undo());
}

TEST_CASE("core: a new command clears redo") {
    Fixture f;
    f.editor.execute(Fixture::cmd(SetNotes{"un"}));
    f.now += 10;
    f.editor.execute(Fixture::cmd(SetConsent{true, 0}));
    REQUIRE(f.editor.undo());
    CHECK(f.editor.can_redo());
    f.now += 10;
    f.editor.execute(Fixture::cmd(SetNotes{"deux"}));
    CHECK_FALSE(f.editor.can_redo());
    CHECK(f.editor.redo_label_key() == nullptr);
    CHECK_FALSE(f.editor.redo());
    CHECK_FALSE(f.editor.session().consent);
    CHECK(f.editor.session().notes == "deux");
}

TEST_CASE("core: undo history is bounded") {
    Fixture f;
    for (size_t i = 0; i < SessionEditor::kMaxUndo + 20; ++i) {
        f.now += 10; // no merging
        f.editor.execute(Fixture::cmd(SetNotes{"n" + std::to_string(i)}));
    }
    size_t undone = 0;
    while (f.editor.undo()) ++undone;
    CHECK(undone == SessionEditor::kMaxUndo);
    CHECK(f.editor.session().notes == "n19");
}

TEST_CASE("core: the autosave sink sees every revision in order") {
    Fixture f;
    const std::uint64_t r0 = f.editor.session().revision;
    Participant p = f.editor.session().participant;
    p.first_name = "Noé";
    f.editor.execute(Fixture::cmd(UpdateParticipant{p}));
    f.editor.execute(Fixture::cmd(SetNotes{"a"}));
    f.editor.execute(Fixture::cmd(SetNotes{"ab"})); // merged for undo, still saved
    f.editor.undo();
    f.editor.undo();
    f.editor.redo();
    f.editor.execute(Fixture::cmd(StartInterview{1795000000}));
    CHECK(f.editor.undo());

    REQUIRE(f.seen.size() == 8);
    for (size_t i = 0; i < f.seen.size(); ++i) {
        CAPTURE(i);
        CHECK(f.seen[i].revision == r0 + i + 1);
    }
    CHECK(f.seen[0].participant.first_name == "Noé");
    CHECK(f.seen[2].notes == "ab");
    CHECK(f.seen[3].notes == "début");              // undo of the notes burst
    CHECK(f.seen[4].participant.first_name == "Zoé"); // undo of the participant
    CHECK(f.seen[5].participant.first_name == "Noé"); // redo
    CHECK(f.seen[6].started_at == 1795000000);
    CHECK(f.seen[7].started_at == 0);
    CHECK(f.seen.back() == f.editor.session());
}
