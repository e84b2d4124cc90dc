// Unit tests for the timeline model (src/core/timeline.*): fuzzy dates and EDTF, row stacking,
// gaps and the other derived facts, every command and its inverse, merged drags, bad input,
// serialization and the ROME job list.
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "core/commands.hpp"
#include "core/serialize.hpp"
#include "core/session.hpp"
#include "core/timeline.hpp"

#include "../data/golden_v2.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace amorce::core;
namespace fs = std::filesystem;

namespace {

const Date kToday{2026, 11, 27};
const int kNow = month_index(2026, 11);

FuzzyDate y(int year, bool approx = false) { return FuzzyDate::of_year(year, approx); }
FuzzyDate ym(int year, int month, bool approx = false) { return FuzzyDate::of_month(year, month, approx); }

TimelineEpisode period(const std::string& id, Lane lane, FuzzyDate start, FuzzyDate end = {}) {
    TimelineEpisode e;
    e.id = id;
    e.lane = lane;
    e.start = start;
    e.end = end;
    return e;
}

TimelineEpisode job(const std::string& id, FuzzyDate start, FuzzyDate end, const std::string& title,
                    const std::string& employer = {}, Contract contract = Contract::Unknown) {
    TimelineEpisode e = period(id, Lane::Employment, start, end);
    e.job.title = title;
    e.job.employer = employer;
    e.job.contract = contract;
    return e;
}

TimelineEpisode event(const std::string& id, EventType type, FuzzyDate date) {
    TimelineEpisode e = period(id, default_lane(type), date);
    e.kind = EpisodeKind::Event;
    e.event = type;
    return e;
}

// Léa (born 14 Feb 1994): CAP cuisine, commis de cuisine in CDD, a gap, serveuse in intérim,
// unemployment since, detention this year.
Session lea() {
    Session s;
    s.id = "00000000000000cc";
    s.participant.last_name = "Démo";
    s.participant.first_name = "Léa";
    s.participant.birth_date = Date{1994, 2, 14};
    s.created_at = 1795000000;
    TimelineEpisode cap = period("cap", Lane::Education, ym(2010, 9), ym(2012, 6));
    cap.training = TrainingDetails{"CAP cuisine", Answer::Yes, 3};
    TimelineEpisode commis = job("commis", ym(2012, 9), ym(2014, 8), "Commis de cuisine", "Brasserie du Port", Contract::Cdd);
    commis.job.rome_code = "G1602";
    TimelineEpisode serveuse = job("serveuse", ym(2016, 3), ym(2019, 10), "Serveuse", "Intérim Plus", Contract::Temp);
    serveuse.job.rome_code = "G1803";
    TimelineEpisode chomage = period("chomage", Lane::NoWork, ym(2019, 11));
    chomage.title = "Recherche d’emploi";
    TimelineEpisode entree = event("entree", EventType::DetentionEntry, ym(2026, 11));
    s.timeline.episodes = {cap, commis, serveuse, chomage, entree};
    return s;
}

// Applies `c` to a copy of `s`, then its inverse: the copy must be `s` again. Returns the changed state.
Session apply_and_revert(const Session& s, const CommandData& c) {
    Session work = s;
    const Command inverse = Command{c, "c1"}.apply(work, 1795001000);
    const Session changed = work;
    CHECK_FALSE(std::holds_alternative<NoChange>(inverse.data));
    inverse.apply(work, 1795002000);
    CHECK(work == s);
    return changed;
}

bool is_no_change(const Session& s, const CommandData& c) {
    Session work = s;
    const Command inverse = Command{c, "c1"}.apply(work, 1795001000);
    CHECK(work == s);
    return std::holds_alternative<NoChange>(inverse.data);
}

struct Fixture {
    std::int64_t now = 1795000000;
    std::vector<Session> seen;
    SessionEditor editor;

    Fixture() : editor(lea(), [this](const Session& s) { seen.push_back(s); }) {
        editor.clock = [this] { return now; };
    }
    void run(CommandData d) { editor.execute(Command{std::move(d), "c1"}); }
    const TimelineEpisode& ep(const std::string& id) const {
        const TimelineEpisode* e = find_episode(editor.session().timeline, id);
        REQUIRE(e);
        return *e;
    }
    int undo_all() {
        int n = 0;
        while (editor.undo()) ++n;
        return n;
    }
};

bool same_content(Session a, const Session& b) {
    a.revision = b.revision;
    return a == b;
}

std::map<std::string, std::string> read_catalog(const std::string& lang) {
    std::ifstream in(std::string(AMORCE_SOURCE_DIR) + "/assets/i18n/" + lang + ".tsv");
    std::map<std::string, std::string> out;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#' && line.find('\t') != std::string::npos)
            out[line.substr(0, line.find('\t'))] = line.substr(line.find('\t') + 1);
    return out;
}

DateWords words_from(const std::map<std::string, std::string>& cat) {
    DateWords w;
    for (int m = 1; m <= 12; ++m) w.months[static_cast<size_t>(m - 1)] = cat.at("timeline.month." + std::to_string(m));
    w.approx = cat.at("timeline.date.approx");
    w.ongoing = cat.at("timeline.date.ongoing");
    return w;
}

struct TempFile {
    fs::path path;
    explicit TempFile(const std::string& content, const char* name = "metiers.tsv") {
        const char* base = std::getenv("TMPDIR");
        std::string tmpl = std::string(base && *base ? base : "/tmp") + "/amorce-rome-XXXXXX";
        std::vector<char> buf(tmpl.begin(), tmpl.end());
        buf.push_back('\0');
        REQUIRE(mkdtemp(buf.data()) != nullptr);
        path = fs::path(buf.data()) / name;
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << content;
    }
    ~TempFile() {
        std::error_code ec;
        fs::remove_all(path.parent_path(), ec);
    }
};

std::vector<std::string> titles(const std::vector<const RomeJob*>& hits) {
    std::vector<std::string> out;
    for (const RomeJob* j : hits) out.push_back(j->title);
    return out;
}

} // namespace

// [SECTION] Lanes and fuzzy dates

TEST_CASE("timeline: lane keys are stable and round-trip") {
    CHECK(std::string(lane_key(Lane::Education)) == "education");
    CHECK(std::string(lane_key(Lane::Employment)) == "employment");
    CHECK(std::string(lane_key(Lane::NoWork)) == "no_work");
    CHECK(std::string(lane_key(Lane::Personal)) == "personal");
    CHECK(std::string(lane_key(Lane::Justice)) == "justice");
    CHECK(std::string(lane_key(Lane::Projects)) == "projects");
    std::set<std::string> keys;
    for (Lane l : kLanes) {
        keys.insert(lane_key(l));
        CHECK(lane_from_key(lane_key(l)) == l);
    }
    CHECK(keys.size() == static_cast<size_t>(kLaneCount));
    CHECK_FALSE(lane_from_key("Emploi").has_value());
    CHECK_FALSE(lane_from_key("").has_value());
}

TEST_CASE("timeline: month indexes and the period a fuzzy date stands for") {
    CHECK(month_index(2015, 1) == 2015 * 12);
    CHECK(month_index(2015, 3) - month_index(2014, 3) == 12);
    CHECK(year_of_month_index(month_index(2015, 12)) == 2015);
    CHECK(month_of_month_index(month_index(2015, 12)) == 12);
    CHECK(month_of_month_index(month_index(2016, 1)) == 1);
    CHECK(month_index(Date{2026, 11, 27}) == kNow);

    CHECK(y(2015).first_month() == month_index(2015, 1));
    CHECK(y(2015).last_month() == month_index(2015, 12));
    CHECK(ym(2015, 3).first_month() == month_index(2015, 3));
    CHECK(ym(2015, 3).last_month() == month_index(2015, 3));
    CHECK(y(2015, true).first_month() == y(2015).first_month()); // « vers » counts as the year
    CHECK_FALSE(FuzzyDate{}.is_set());
    CHECK(FuzzyDate::from_month_index(month_index(2012, 9)) == ym(2012, 9));
    CHECK(FuzzyDate::from_month_index(month_index(2012, 9), true) == ym(2012, 9, true));
    CHECK(ym(2015, 3) != ym(2015, 3, true));
    CHECK(y(2015) != ym(2015, 1));
}

TEST_CASE("timeline: EDTF export and parse round-trip, and bad EDTF is refused") {
    CHECK(to_edtf(y(2015)) == "2015");
    CHECK(to_edtf(ym(2015, 3)) == "2015-03");
    CHECK(to_edtf(y(2015, true)) == "2015~");
    CHECK(to_edtf(ym(2015, 3, true)) == "2015-03~");
    CHECK(to_edtf(FuzzyDate{}) == "");
    for (const FuzzyDate& d : {y(2015), ym(2015, 3), y(2015, true), ym(2015, 3, true), ym(1, 12), y(9999, true)}) {
        CAPTURE(to_edtf(d));
        const auto back = parse_edtf(to_edtf(d));
        REQUIRE(back);
        CHECK(*back == d);
    }
    for (int m = 1; m <= 12; ++m) CHECK(parse_edtf(to_edtf(ym(1994, m))) == ym(1994, m));
    for (const char* bad : {"", "15", "20155", "2015-3", "2015-13", "2015-00", "2015-03-12", "2015?", "2015%",
                            " 2015", "2015 ", "2015~~", "0000", "vers 2015", "2015-03~x", "2015/2016", "-2015"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_edtf(bad).has_value());
    }
    CHECK(to_edtf_interval(y(2012), ym(2014, 6)) == "2012/2014-06");
    CHECK(to_edtf_interval(ym(2016, 9), FuzzyDate{}) == "2016-09/..");
    CHECK(to_edtf_interval(y(2011, true), ym(2013, 3)) == "2011~/2013-03");
    CHECK(to_edtf(period("p", Lane::Employment, y(2012), y(2014))) == "2012/2014");
    CHECK(to_edtf(period("p", Lane::Employment, y(2016))) == "2016/..");
    CHECK(to_edtf(event("e", EventType::ChildBirth, ym(2017, 2))) == "2017-02");
}

TEST_CASE("timeline: date and period labels use the catalog's words") {
    const DateWords fr = words_from(read_catalog("fr"));
    CHECK(date_label(y(2015), fr) == "2015");
    CHECK(date_label(ym(2015, 3), fr) == "mars 2015");
    CHECK(date_label(y(2015, true), fr) == "vers 2015");
    CHECK(date_label(ym(2015, 8, true), fr) == "vers août 2015");
    CHECK(date_label(ym(2015, 12), fr) == "décembre 2015");
    CHECK(period_label(y(2012), y(2014), true, fr) == "2012 – 2014");
    CHECK(period_label(ym(2016, 3), FuzzyDate{}, true, fr) == "mars 2016 – en cours");
    CHECK(period_label(ym(2016, 3), FuzzyDate{}, false, fr) == "mars 2016"); // a point event
    CHECK(period_label(y(2012), y(2012), true, fr) == "2012");
    const DateWords en = words_from(read_catalog("en"));
    CHECK(date_label(ym(2015, 3, true), en) == "around March 2015");
    CHECK(period_label(y(2012), FuzzyDate{}, true, en) == "2012 – ongoing");
}

// [SECTION] Episodes

TEST_CASE("timeline: new episodes and events get ids, lanes and kinds") {
    const TimelineEpisode a = new_episode(Lane::Employment, y(2012), y(2014));
    const TimelineEpisode b = new_episode(Lane::Employment, y(2012));
    CHECK(a.id.size() == 16);
    CHECK(a.id != b.id);
    CHECK(a.kind == EpisodeKind::Episode);
    CHECK(b.ongoing());
    CHECK_FALSE(a.ongoing());
    CHECK(a.event == EventType::None);
    const TimelineEpisode d = new_event(EventType::Diploma, ym(2012, 6));
    CHECK(d.is_event());
    CHECK_FALSE(d.ongoing());
    CHECK(d.lane == Lane::Education);
    CHECK(new_event(EventType::DetentionEntry, y(2026)).lane == Lane::Justice);
    CHECK(new_event(EventType::Release, y(2020)).lane == Lane::Justice);
    CHECK(new_event(EventType::ChildBirth, y(2017)).lane == Lane::Personal);
    CHECK(new_event(EventType::Move, y(2019)).lane == Lane::Personal);
    CHECK(new_event(EventType::None, y(2019)).event == EventType::Other);
    CHECK(d.last_month(kNow) == d.first_month());
    CHECK(b.last_month(kNow) == kNow);                      // open: until today
    CHECK(new_episode(Lane::Projects, y(2028)).last_month(kNow) == month_index(2028, 1)); // open, in the future

    Timeline t;
    t.episodes = {a, b, d};
    CHECK(episode_index(t, b.id) == 1);
    CHECK(find_episode(t, d.id) == &t.episodes[2]);
    CHECK(find_episode(t, "nope") == nullptr);
    CHECK(episode_index(t, "") == -1);
}

TEST_CASE("timeline: blank episodes and display titles") {
    TimelineEpisode e = period("x", Lane::Employment, y(2012), y(2013));
    CHECK(is_blank(e));
    CHECK(display_title(e).empty());
    e.note = "   ";
    CHECK(is_blank(e)); // spaces only
    e.job.contract = Contract::Cdd;
    CHECK_FALSE(is_blank(e));
    e.job.contract = Contract::Unknown;
    e.job.title = "Serveuse";
    CHECK_FALSE(is_blank(e));
    CHECK(display_title(e) == "Serveuse");
    e.title = "Saison";
    CHECK(display_title(e) == "Saison");
    TimelineEpisode t = period("t", Lane::Education, y(2010));
    t.training.title = "CAP cuisine";
    CHECK(display_title(t) == "CAP cuisine");
    t.training = TrainingDetails{"", Answer::Unknown, 3};
    CHECK_FALSE(is_blank(t));
    CHECK_FALSE(is_blank(event("b", EventType::ChildBirth, y(2017)))); // the type says what happened
    CHECK(is_blank(event("o", EventType::Other, y(2017))));
}

TEST_CASE("timeline: session equality sees the timeline") {
    const Session s = lea();
    Session t = s;
    CHECK(t == s);
    t.timeline.episodes[1].job.employer = "Autre";
    CHECK(t != s);
    t = s;
    t.timeline.episodes[0].start.approximate = true;
    CHECK(t != s);
    t = s;
    t.timeline.episodes.pop_back();
    CHECK(t != s);
}

// [SECTION] Row stacking

TEST_CASE("timeline: overlapping episodes in one lane stack on rows (greedy)") {
    Timeline t;
    t.episodes = {
        job("a", y(2010), y(2014), "A"),               // 2010-2014
        job("b", y(2012), y(2013), "B"),               // inside a
        job("c", y(2013), y(2016), "C"),               // overlaps a and b
        job("d", y(2015), y(2015), "D"),               // after a: back to row 0
        job("e", y(2017), {}, "E"),                    // open, alone
        period("f", Lane::Education, y(2010), y(2020)),// other lane
        job("g", ym(2014, 12), ym(2015, 2), "G"),      // overlaps a (Dec 2014) and c, d
    };
    const LaneRows r = stack_lane(t, Lane::Employment, kNow);
    REQUIRE(r.row.size() == t.episodes.size());
    CHECK(r.row[0] == 0); // a
    CHECK(r.row[1] == 1); // b
    CHECK(r.row[2] == 2); // c: rows 0 and 1 are busy in 2013
    CHECK(r.row[6] == 1); // g: row 0 holds a until Dec 2014, row 1 is free after b (2013)
    CHECK(r.row[3] == 0); // d (2015): a has ended, row 0 is the lowest free row
    CHECK(r.row[4] == 0); // e
    CHECK(r.row[5] == -1); // other lane
    CHECK(r.row_count == 3);
    // No two overlapping episodes share a row.
    for (size_t i = 0; i < t.episodes.size(); ++i)
        for (size_t k = i + 1; k < t.episodes.size(); ++k) {
            if (r.row[i] < 0 || r.row[i] != r.row[k]) continue;
            const auto& a = t.episodes[i];
            const auto& b = t.episodes[k];
            CHECK((a.last_month(kNow) < b.first_month() || b.last_month(kNow) < a.first_month()));
        }
    CHECK(stack_lane(t, Lane::Justice, kNow).row_count == 0);
}

TEST_CASE("timeline: row stacking puts longer episodes first on a shared start and leaves events out unless asked") {
    Timeline t;
    t.episodes = {
        job("short", y(2012), y(2012), "Court"),
        job("long", y(2012), y(2015), "Long"),
        event("ev1", EventType::Other, ym(2013, 5)),
        event("ev2", EventType::Other, ym(2013, 5)),
        job("undated", FuzzyDate{}, FuzzyDate{}, "Sans date"),
    };
    for (auto& e : t.episodes) e.lane = Lane::Employment;
    LaneRows r = stack_lane(t, Lane::Employment, kNow);
    CHECK(r.row[1] == 0); // same start: the longer one goes below
    CHECK(r.row[0] == 1);
    CHECK(r.row[2] == 0); // events take no row
    CHECK(r.row[3] == 0);
    CHECK(r.row[4] == 0); // no start: row 0, takes no row
    CHECK(r.row_count == 2);
    r = stack_lane(t, Lane::Employment, kNow, true);
    CHECK(r.row[1] == 0);
    CHECK(r.row[0] == 1);
    CHECK(r.row[2] == 1); // May 2013: row 0 is "long", row 1 is free after 2012
    CHECK(r.row[3] == 2); // the same month again
    CHECK(r.row_count == 3);
    // Deterministic: the same input gives the same rows.
    CHECK(stack_lane(t, Lane::Employment, kNow, true).row == r.row);
}

// [SECTION] Derived facts

TEST_CASE("timeline: gaps since age 16 between education, work, no-work and justice periods") {
    const Session s = lea();
    const auto gaps = find_gaps(s.timeline, s.participant.birth_date, kNow);
    REQUIRE(gaps.size() == 2);
    CHECK(gaps[0] == Gap{month_index(2010, 2), month_index(2010, 8)}); // 16th birthday Feb 2010 to the CAP
    CHECK(gaps[0].months() == 7);
    CHECK(gaps[1] == Gap{month_index(2014, 9), month_index(2016, 2)}); // after the CDD
    CHECK(gaps[1].months() == 18);
    CHECK(gaps[1].start() == ym(2014, 9));
    CHECK(gaps[1].end() == ym(2016, 2));
    // The summer 2012 break (2 months) shows with a 1-month threshold.
    const auto all = find_gaps(s.timeline, s.participant.birth_date, kNow, 1);
    REQUIRE(all.size() == 3);
    CHECK(all[1] == Gap{month_index(2012, 7), month_index(2012, 8)});
    CHECK(find_gaps(s.timeline, s.participant.birth_date, kNow, 8).size() == 1);

    // A justice period fills a gap; personal life, projects and events do not.
    Timeline t = s.timeline;
    t.episodes.push_back(period("perso", Lane::Personal, ym(2014, 9), ym(2016, 2)));
    t.episodes.push_back(period("projet", Lane::Projects, ym(2014, 9), ym(2016, 2)));
    t.episodes.push_back(event("enfant", EventType::ChildBirth, ym(2015, 1)));
    CHECK(find_gaps(t, s.participant.birth_date, kNow).size() == 2);
    t.episodes.push_back(period("prison", Lane::Justice, ym(2014, 10), ym(2016, 1)));
    const auto left = find_gaps(t, s.participant.birth_date, kNow, 1);
    REQUIRE(left.size() == 4); // 2010, summer 2012, Sep 2014, Feb 2016
    CHECK(left[2] == Gap{month_index(2014, 9), month_index(2014, 9)});
    CHECK(left[3] == Gap{month_index(2016, 2), month_index(2016, 2)});
    CHECK(find_gaps(t, s.participant.birth_date, kNow).size() == 1); // 1-month gaps ignored
}

TEST_CASE("timeline: gaps run to today, and without a birth date start at the first period") {
    Timeline t;
    const Date birth{1990, 6, 1};
    // Nothing told yet: one gap from 16 to today.
    auto gaps = find_gaps(t, birth, kNow);
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0] == Gap{month_index(2006, 6), kNow});
    CHECK(find_gaps(t, Date{}, kNow).empty());
    // A finished job: the gap after it runs to today.
    t.episodes = {job("j", y(2006), y(2020), "Agent d’entretien")};
    gaps = find_gaps(t, birth, kNow);
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0] == Gap{month_index(2021, 1), kNow});
    // An open job covers until today; the time before age 16 never counts.
    t.episodes = {job("j", y(2000), {}, "Agent d’entretien")};
    CHECK(find_gaps(t, birth, kNow).empty());
    // No birth date: start at the first period.
    t.episodes = {job("a", y(2010), y(2011), "A"), job("b", y(2013), {}, "B")};
    gaps = find_gaps(t, Date{}, kNow);
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0] == Gap{month_index(2012, 1), month_index(2012, 12)});
    // A period starting after today does not cover today.
    t.episodes = {job("a", y(2006), ym(2026, 6), "A"), job("futur", y(2027), y(2028), "F")};
    gaps = find_gaps(t, birth, kNow);
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0] == Gap{month_index(2026, 7), kNow});
    // A damaged birth year counts as unknown.
    t.episodes = {job("a", y(2010), y(2011), "A")};
    CHECK(find_gaps(t, Date{2000000000, 1, 1}, kNow) == find_gaps(t, Date{}, kNow));
    // Someone under 16 today: nothing to look at.
    CHECK(find_gaps(Timeline{}, Date{2015, 1, 1}, kNow).empty());
}

TEST_CASE("timeline: months employed counts overlapping jobs once and open jobs until today") {
    const Session s = lea();
    CHECK(months_employed(s.timeline, kNow) == 24 + 44);
    Timeline t;
    CHECK(months_employed(t, kNow) == 0);
    t.episodes = {job("a", y(2010), y(2012), "A"), job("b", y(2011), y(2013), "B")};
    CHECK(months_employed(t, kNow) == 48); // 2010-2013, the overlap counted once
    t.episodes.push_back(job("c", ym(2013, 6), ym(2013, 8), "C")); // inside b
    CHECK(months_employed(t, kNow) == 48);
    t.episodes.push_back(job("d", ym(2025, 1), {}, "D")); // open: Jan 2025 to Nov 2026
    CHECK(months_employed(t, kNow) == 48 + 23);
    t.episodes.push_back(job("e", y(2030), y(2031), "E")); // in the future: not yet
    t.episodes.push_back(period("f", Lane::NoWork, y(2014), y(2015))); // not a job
    t.episodes.push_back(event("g", EventType::Other, y(2016)));
    t.episodes.back().lane = Lane::Employment; // an event on the job lane is a point, not a job
    CHECK(months_employed(t, kNow) == 48 + 23);
    t.episodes = {job("cdd", ym(2026, 1), ym(2027, 12), "CDD en cours")}; // ends next year
    CHECK(months_employed(t, kNow) == 11);
}

TEST_CASE("timeline: longest job, with ties and open jobs") {
    const Session s = lea();
    auto best = longest_job(s.timeline, kNow);
    REQUIRE(best);
    CHECK(best->episode_id == "serveuse");
    CHECK(best->title == "Serveuse");
    CHECK(best->employer == "Intérim Plus");
    CHECK(best->rome_code == "G1803");
    CHECK(best->months == 44);

    Timeline t;
    CHECK_FALSE(longest_job(t, kNow).has_value());
    t.episodes = {job("late", y(2015), y(2015), "Tard"), job("early", y(2012), y(2012), "Tôt")};
    best = longest_job(t, kNow);
    REQUIRE(best);
    CHECK(best->episode_id == "early"); // a tie: the earliest start
    CHECK(best->months == 12);
    TimelineEpisode open = job("open", ym(2025, 1), {}, "");
    open.title = "Petits boulots";
    t.episodes.push_back(open);
    best = longest_job(t, kNow);
    REQUIRE(best);
    CHECK(best->episode_id == "open"); // Jan 2025 to today: 23 months
    CHECK(best->months == 23);
    CHECK(best->title == "Petits boulots"); // no job title: the episode title
}

TEST_CASE("timeline: highest diploma from training periods and diploma events") {
    const Session s = lea();
    auto best = highest_diploma(s.timeline);
    REQUIRE(best);
    CHECK(best->episode_id == "cap");
    CHECK(best->title == "CAP cuisine");
    CHECK(best->level == 3);
    CHECK(best->date == ym(2012, 6));

    Timeline t = s.timeline;
    TimelineEpisode bts = period("bts", Lane::Education, y(2013), y(2015));
    bts.training = TrainingDetails{"BTS", Answer::No, 5}; // not obtained
    TimelineEpisode projet = period("projet", Lane::Projects, y(2027), y(2028));
    projet.training = TrainingDetails{"Licence", Answer::Yes, 6}; // a plan, not a diploma
    TimelineEpisode bac = event("bac", EventType::Diploma, ym(2020, 7));
    bac.training = TrainingDetails{"DAEU", Answer::Unknown, 4}; // a diploma event counts unless "no"
    TimelineEpisode refused = event("no", EventType::Diploma, ym(2021, 7));
    refused.training = TrainingDetails{"Licence", Answer::No, 6};
    t.episodes.insert(t.episodes.end(), {bts, projet, bac, refused});
    best = highest_diploma(t);
    REQUIRE(best);
    CHECK(best->episode_id == "bac");
    CHECK(best->level == 4);
    CHECK(best->date == ym(2020, 7));

    // Only a diploma of unknown level: returned, with level 0.
    Timeline u;
    TimelineEpisode unknown = period("u", Lane::Education, y(2005), y(2006));
    unknown.training = TrainingDetails{"Brevet", Answer::Yes, 0};
    u.episodes = {unknown};
    best = highest_diploma(u);
    REQUIRE(best);
    CHECK(best->level == 0);
    CHECK(best->title == "Brevet");
    // Two diplomas of the same level: the earliest.
    TimelineEpisode cap2 = period("cap2", Lane::Education, y(2001), y(2003));
    cap2.training = TrainingDetails{"CAP maçon", Answer::Yes, 3};
    TimelineEpisode cap1 = period("cap1", Lane::Education, y(1998), y(2000));
    cap1.training = TrainingDetails{"CAP vente", Answer::Yes, 3};
    u.episodes = {cap2, cap1, unknown};
    REQUIRE(highest_diploma(u));
    CHECK(highest_diploma(u)->episode_id == "cap1");
    CHECK_FALSE(highest_diploma(Timeline{}).has_value());
}

TEST_CASE("timeline: last job end, an ongoing job wins") {
    const Session s = lea();
    auto last = last_job_end(s.timeline, kNow);
    REQUIRE(last);
    CHECK(last->episode_id == "serveuse");
    CHECK(last->end == ym(2019, 10));
    CHECK_FALSE(last->ongoing);

    Timeline t = s.timeline;
    t.episodes.push_back(job("now", ym(2021, 3), {}, "Plongeur"));
    last = last_job_end(t, kNow);
    REQUIRE(last);
    CHECK(last->episode_id == "now");
    CHECK(last->ongoing);
    CHECK_FALSE(last->end.is_set());

    t.episodes = {job("a", y(2010), y(2015), "A"), job("b", y(2014), y(2015), "B"), job("c", y(2001), y(2003), "C")};
    last = last_job_end(t, kNow);
    REQUIRE(last);
    CHECK(last->episode_id == "b"); // same end: the latest start
    CHECK(last->end == y(2015));
    CHECK_FALSE(last_job_end(Timeline{}, kNow).has_value());
    t.episodes = {job("futur", y(2030), y(2031), "Futur")};
    CHECK_FALSE(last_job_end(t, kNow).has_value()); // not started yet
}

TEST_CASE("timeline: derive_facts gathers every fact for Léa's parcours") {
    const TimelineFacts f = derive_facts(lea(), kToday);
    CHECK(f.months_employed == 68);
    REQUIRE(f.longest_job);
    CHECK(f.longest_job->title == "Serveuse");
    REQUIRE(f.highest_diploma);
    CHECK(f.highest_diploma->level == 3);
    REQUIRE(f.gaps.size() == 2);
    CHECK(f.gaps[1].months() == 18);
    REQUIRE(f.last_job_end);
    CHECK(f.last_job_end->end == ym(2019, 10));
    // Pure: the same session and day give the same facts.
    const TimelineFacts g = derive_facts(lea(), kToday);
    CHECK(g.gaps == f.gaps);
    CHECK(g.months_employed == f.months_employed);
    // A later "today" extends the open unemployment period, not the gaps or jobs.
    const TimelineFacts later = derive_facts(lea(), Date{2027, 5, 1});
    CHECK(later.months_employed == 68);
    CHECK(later.gaps.size() == 2);
    CHECK(derive_facts(Session{}, kToday).gaps.empty());
}

// [SECTION] Editing helpers (drag)

TEST_CASE("timeline: shifted, with_start and with_end follow a drag and clamp at the other edge") {
    const TimelineEpisode e = period("e", Lane::Employment, y(2012), y(2014, true));
    TimelineEpisode m = shifted(e, 12);
    CHECK(m.start == y(2013));
    CHECK(m.end == y(2015, true)); // whole years keep year precision and « vers »
    CHECK(shifted(e, -24).start == y(2010));
    m = shifted(e, 3);
    CHECK(m.start == ym(2012, 4)); // Jan + 3
    CHECK(m.end == ym(2015, 3, true)); // Dec 2014 + 3
    CHECK(shifted(e, 0) == e);
    const TimelineEpisode open = period("o", Lane::NoWork, ym(2019, 11));
    CHECK(shifted(open, -2).start == ym(2019, 9));
    CHECK_FALSE(shifted(open, -2).end.is_set());

    CHECK(with_start(e, y(2013)).start == y(2013));
    CHECK(with_start(e, ym(2016, 5)).start == ym(2014, 12)); // past the end: stops at the end
    CHECK(with_start(e, FuzzyDate{}) == e);
    CHECK(with_end(e, ym(2015, 2)).end == ym(2015, 2));
    CHECK(with_end(e, ym(2010, 3)).end == ym(2012, 1)); // before the start: stops at the start
    CHECK_FALSE(with_end(e, FuzzyDate{}).end.is_set());  // open it
    const TimelineEpisode ev = event("ev", EventType::Move, y(2019));
    CHECK(with_end(ev, y(2020)) == ev);
    CHECK(with_start(ev, ym(2020, 4)).start == ym(2020, 4));
    CHECK(shifted(ev, 1).start == ym(2019, 2));
}

// [SECTION] Each command and its exact inverse

TEST_CASE("timeline: AddEpisode appends or inserts, and its inverse removes it") {
    const Session s = lea();
    TimelineEpisode e = job("new", y(2020), y(2021), "Livreur");
    Session changed = apply_and_revert(s, AddEpisode{e});
    REQUIRE(changed.timeline.episodes.size() == 6);
    CHECK(changed.timeline.episodes[5] == e);
    changed = apply_and_revert(s, AddEpisode{e, 0});
    CHECK(changed.timeline.episodes[0].id == "new");
    changed = apply_and_revert(s, AddEpisode{e, 99});
    CHECK(changed.timeline.episodes[5].id == "new");
    // Context-free corrections on the way in.
    TimelineEpisode reversed = job("rev", y(2021), y(2019), "À l’envers");
    changed = apply_and_revert(s, AddEpisode{reversed});
    CHECK(changed.timeline.episodes[5].start == y(2019));
    CHECK(changed.timeline.episodes[5].end == y(2021));

    Session w = s;
    const Command inv = Command{AddEpisode{e}, "c1"}.apply(w, 1);
    REQUIRE(std::holds_alternative<RemoveEpisode>(inv.data));
    CHECK(std::get<RemoveEpisode>(inv.data).episode_id == "new");
}

TEST_CASE("timeline: RemoveEpisode is undone at the same index with every field") {
    const Session s = lea();
    for (size_t i = 0; i < s.timeline.episodes.size(); ++i) {
        const std::string id = s.timeline.episodes[i].id;
        CAPTURE(id);
        const Session changed = apply_and_revert(s, RemoveEpisode{id});
        CHECK(changed.timeline.episodes.size() == 4);
        CHECK(find_episode(changed.timeline, id) == nullptr);
        Session w = s;
        const Command inv = Command{RemoveEpisode{id}, "c1"}.apply(w, 1);
        REQUIRE(std::holds_alternative<AddEpisode>(inv.data));
        CHECK(std::get<AddEpisode>(inv.data).index == static_cast<int>(i));
        CHECK(std::get<AddEpisode>(inv.data).episode == s.timeline.episodes[i]);
    }
}

TEST_CASE("timeline: UpdateEpisode replaces the whole episode and reverts exactly") {
    const Session s = lea();
    TimelineEpisode e = s.timeline.episodes[1]; // commis
    e.lane = Lane::Education;
    e.title = "Apprentissage";
    e.job.contract = Contract::Apprenticeship;
    e.job.work_time = WorkTime::Full;
    e.training = TrainingDetails{"CAP cuisine (2e année)", Answer::Unknown, 3};
    e.note = "« J’aimais bien le chef. »";
    e.start = y(2012, true);
    const Session changed = apply_and_revert(s, UpdateEpisode{e});
    CHECK(changed.timeline.episodes[1] == e);
    CHECK(changed.timeline.episodes.size() == s.timeline.episodes.size());
    Session w = s;
    const Command inv = Command{UpdateEpisode{e}, "c1"}.apply(w, 1);
    REQUIRE(std::holds_alternative<UpdateEpisode>(inv.data));
    CHECK(std::get<UpdateEpisode>(inv.data).episode == s.timeline.episodes[1]);
    // An event's end is dropped on the way in.
    TimelineEpisode ev = s.timeline.episodes[4];
    ev.end = y(2027);
    ev.note = "Maison d’arrêt";
    const Session c2 = apply_and_revert(s, UpdateEpisode{ev});
    CHECK_FALSE(c2.timeline.episodes[4].end.is_set());
    CHECK(c2.timeline.episodes[4].note == "Maison d’arrêt");
}

TEST_CASE("timeline: MoveEpisode changes the dates only and reverts exactly") {
    const Session s = lea();
    Session changed = apply_and_revert(s, MoveEpisode{"serveuse", ym(2016, 5), ym(2020, 1)});
    const TimelineEpisode& e = changed.timeline.episodes[2];
    CHECK(e.start == ym(2016, 5));
    CHECK(e.end == ym(2020, 1));
    CHECK(e.job == s.timeline.episodes[2].job);
    changed = apply_and_revert(s, MoveEpisode{"serveuse", ym(2016, 3), FuzzyDate{}}); // open it
    CHECK(changed.timeline.episodes[2].ongoing());
    changed = apply_and_revert(s, MoveEpisode{"entree", ym(2026, 10), y(2030)}); // an event keeps no end
    CHECK(changed.timeline.episodes[4].start == ym(2026, 10));
    CHECK_FALSE(changed.timeline.episodes[4].end.is_set());
    Session w = s;
    const Command inv = Command{MoveEpisode{"commis", y(2013), y(2015)}, "c1"}.apply(w, 1);
    REQUIRE(std::holds_alternative<MoveEpisode>(inv.data));
    CHECK(std::get<MoveEpisode>(inv.data).start == ym(2012, 9));
    CHECK(std::get<MoveEpisode>(inv.data).end == ym(2014, 8));
}

TEST_CASE("timeline: commands on unknown ids or changing nothing are NoChange, with no undo step") {
    const Session s = lea();
    CHECK(is_no_change(s, AddEpisode{job("", y(2020), y(2021), "Sans id")}));
    CHECK(is_no_change(s, AddEpisode{s.timeline.episodes[0]})); // duplicate id
    CHECK(is_no_change(s, RemoveEpisode{"nope"}));
    CHECK(is_no_change(s, UpdateEpisode{job("nope", y(2020), y(2021), "X")}));
    CHECK(is_no_change(s, UpdateEpisode{s.timeline.episodes[1]})); // identical
    CHECK(is_no_change(s, MoveEpisode{"nope", y(2020), y(2021)}));
    CHECK(is_no_change(s, MoveEpisode{"commis", ym(2012, 9), ym(2014, 8)})); // same dates
    CHECK(is_no_change(s, MoveEpisode{"commis", FuzzyDate{}, ym(2014, 8)})); // no start
    Fixture f;
    f.run(RemoveEpisode{"nope"});
    f.run(MoveEpisode{"commis", ym(2012, 9), ym(2014, 8)});
    CHECK_FALSE(f.editor.can_undo());
    CHECK(f.seen.empty());
}

TEST_CASE("timeline: every timeline command has a cmd.timeline_ label key in both catalogs") {
    const auto fr = read_catalog("fr");
    const auto en = read_catalog("en");
    const std::vector<CommandData> all = {AddEpisode{}, RemoveEpisode{}, UpdateEpisode{}, MoveEpisode{}};
    std::set<std::string> keys;
    for (const auto& c : all) {
        const std::string k = Command{c, "c1"}.label_key();
        CAPTURE(k);
        CHECK(k.rfind("cmd.timeline_", 0) == 0);
        CHECK(fr.count(k) == 1);
        CHECK(en.count(k) == 1);
        keys.insert(k);
    }
    CHECK(keys.size() == all.size());
}

// [SECTION] Undo/redo through SessionEditor

TEST_CASE("timeline: consecutive moves of one episode within 3 seconds are one undo step") {
    Fixture f;
    f.now = 1000;
    f.run(MoveEpisode{"serveuse", ym(2016, 4), ym(2019, 11)});
    f.now = 1001;
    f.run(MoveEpisode{"serveuse", ym(2016, 5), ym(2019, 12)});
    f.now = 1004;
    f.run(MoveEpisode{"serveuse", ym(2016, 6), ym(2020, 1)});
    f.now = 1007; // 3 s after the previous move: still the same drag
    f.run(MoveEpisode{"serveuse", ym(2016, 7), ym(2020, 2)});
    CHECK(f.ep("serveuse").start == ym(2016, 7));
    CHECK(f.seen.size() == 4); // every move is still saved
    CHECK(f.editor.undo_label_key() == std::string("cmd.timeline_move"));
    REQUIRE(f.editor.undo());
    CHECK(f.ep("serveuse").start == ym(2016, 3));
    CHECK(f.ep("serveuse").end == ym(2019, 10));
    CHECK_FALSE(f.editor.can_undo());
    REQUIRE(f.editor.redo());
    CHECK(f.ep("serveuse").start == ym(2016, 7));
    CHECK(f.ep("serveuse").end == ym(2020, 2));
    CHECK_FALSE(f.editor.can_redo());
}

TEST_CASE("timeline: moves of another episode, after a pause or around an update are separate undo steps") {
    Fixture f;
    f.now = 1000;
    f.run(MoveEpisode{"serveuse", ym(2016, 4), ym(2019, 11)});
    f.now = 1001;
    f.run(MoveEpisode{"commis", ym(2012, 10), ym(2014, 9)}); // other episode
    f.now = 1002;
    f.run(MoveEpisode{"serveuse", ym(2016, 5), ym(2019, 12)}); // back to the first: a new step
    f.now = 1010;
    f.run(MoveEpisode{"serveuse", ym(2016, 6), ym(2020, 1)}); // after a pause
    TimelineEpisode e = f.ep("serveuse");
    e.note = "Bonne ambiance";
    f.now = 1011;
    f.run(UpdateEpisode{e}); // an edit does not merge into a move
    f.now = 1012;
    f.run(MoveEpisode{"serveuse", ym(2016, 7), ym(2020, 2)}); // nor a move into an edit
    CHECK(f.undo_all() == 6);
    CHECK(same_content(f.editor.session(), lea()));
}

TEST_CASE("timeline: edits of one episode in the panel within 3 seconds are one undo step") {
    Fixture f;
    TimelineEpisode e = f.ep("commis");
    f.now = 1000;
    e.note = "B";
    f.run(UpdateEpisode{e});
    f.now = 1002;
    e.note = "Bon";
    f.run(UpdateEpisode{e});
    f.now = 1004;
    e.job.work_time = WorkTime::Part;
    f.run(UpdateEpisode{e});
    f.now = 1020;
    e.job.employer = "Brasserie du Port (Sète)";
    f.run(UpdateEpisode{e}); // after a pause: a new step
    CHECK(f.undo_all() == 2);
    CHECK(same_content(f.editor.session(), lea()));
}

TEST_CASE("timeline: a whole parcours is built, undone and redone step by step") {
    Fixture f;
    const Session start = f.editor.session();
    TimelineEpisode gap_fill = period("fill", Lane::NoWork, ym(2014, 9), ym(2016, 2));
    gap_fill.title = "Chômage";
    f.run(AddEpisode{gap_fill});
    f.now += 10;
    TimelineEpisode bebe = event("bebe", EventType::ChildBirth, ym(2017, 2));
    f.run(AddEpisode{bebe, 0});
    f.now += 10;
    f.run(MoveEpisode{"fill", ym(2014, 10), ym(2016, 2)});
    f.now += 10;
    gap_fill = f.ep("fill");
    gap_fill.note = "Inscrite à France Travail";
    f.run(UpdateEpisode{gap_fill});
    f.now += 10;
    f.run(RemoveEpisode{"cap"});
    const Session end = f.editor.session();
    CHECK(end.timeline.episodes.size() == 6);
    CHECK(end.timeline.episodes[0].id == "bebe");
    CHECK(f.seen.size() == 5);
    const auto gaps = derive_facts(end, kToday).gaps; // Sep 2014 alone is too short to show
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0] == Gap{month_index(2010, 2), month_index(2012, 8)}); // the CAP is gone
    CHECK(f.undo_all() == 5);
    CHECK(same_content(f.editor.session(), start));
    CHECK(f.editor.redo_label_key() == std::string("cmd.timeline_add"));
    while (f.editor.redo()) {}
    CHECK(same_content(f.editor.session(), end));
}

// [SECTION] Bad input: checks and corrections

TEST_CASE("timeline: end before start is swapped and flagged") {
    const Session s = lea();
    const EpisodeCheck c = check_episode(s, job("x", y(2019), y(2016), "Serveuse"), kToday);
    CHECK_FALSE(c.refused);
    CHECK(c.issues == std::vector<TimelineIssue>{TimelineIssue::EndBeforeStart});
    CHECK(c.episode.start == y(2016));
    CHECK(c.episode.end == y(2019));
    // Same year, months reversed.
    const EpisodeCheck m = check_episode(s, job("x", ym(2019, 8), ym(2019, 2), "Serveuse"), kToday);
    CHECK(m.has(TimelineIssue::EndBeforeStart));
    CHECK(m.episode.start == ym(2019, 2));
    // Overlapping periods are not reversed: 2019-06 to « 2019 » is fine.
    const EpisodeCheck ok = check_episode(s, job("x", ym(2019, 6), y(2019), "Serveuse"), kToday);
    CHECK(ok.issues.empty());
    CHECK(ok.episode.start == ym(2019, 6));
    // normalize_episode (used by the commands) does the same.
    TimelineEpisode e = job("x", y(2019), y(2016), "Serveuse");
    CHECK(normalize_episode(e) == std::vector<TimelineIssue>{TimelineIssue::EndBeforeStart});
    CHECK(e.start == y(2016));
    CHECK(normalize_episode(e).empty()); // idempotent
}

TEST_CASE("timeline: dates before the birth year or more than 10 years ahead are clamped and flagged") {
    const Session s = lea(); // born 1994
    const TimelineLimits l = timeline_limits(s, kToday);
    CHECK(l.min_year == 1994);
    CHECK(l.max_year == 2036);
    CHECK(timeline_limits(Session{}, kToday).min_year == 2026 - 110);

    EpisodeCheck c = check_episode(s, job("x", y(1990), y(1999), "Trop tôt"), kToday);
    CHECK(c.issues == std::vector<TimelineIssue>{TimelineIssue::BeforeBirth});
    CHECK(c.episode.start == y(1994));
    CHECK(c.episode.end == y(1999));
    CHECK_FALSE(c.refused);

    c = check_episode(s, job("x", ym(1985, 6, true), ym(1986, 2), "Avant la naissance"), kToday);
    CHECK(c.has(TimelineIssue::BeforeBirth));
    CHECK(c.has(TimelineIssue::EndBeforeStart)); // both moved into 1994, months kept, then put in order
    CHECK(c.episode.start == ym(1994, 2));
    CHECK(c.episode.end == ym(1994, 6, true));

    c = check_episode(s, period("p", Lane::Projects, y(2030), y(2045)), kToday);
    CHECK(c.issues == std::vector<TimelineIssue>{TimelineIssue::FarFuture, TimelineIssue::Blank});
    CHECK(c.episode.start == y(2030));
    CHECK(c.episode.end == y(2036));
    c = check_episode(s, event("e", EventType::Release, ym(3000, 5)), kToday);
    CHECK(c.has(TimelineIssue::FarFuture));
    CHECK(c.episode.start == ym(2036, 5));
    c = check_episode(s, job("x", y(2036), y(2036), "Juste à la limite"), kToday);
    CHECK(c.issues.empty());
}

TEST_CASE("timeline: a blank episode is kept and flagged; no start is refused") {
    Session s = lea();
    const EpisodeCheck c = check_episode(s, period("b", Lane::Personal, y(2015), y(2016)), kToday);
    CHECK(c.issues == std::vector<TimelineIssue>{TimelineIssue::Blank});
    CHECK_FALSE(c.refused);
    CHECK(c.episode == period("b", Lane::Personal, y(2015), y(2016)));
    const EpisodeCheck n = check_episode(s, job("n", FuzzyDate{}, y(2016), "Sans début"), kToday);
    CHECK(n.has(TimelineIssue::MissingStart));
    CHECK(n.refused);
    // The blank one can be added and stays as it is.
    SessionEditor ed(s);
    ed.execute(Command{AddEpisode{c.episode}, "c1"});
    REQUIRE(find_episode(ed.session().timeline, "b"));
    CHECK(is_blank(*find_episode(ed.session().timeline, "b")));
}

TEST_CASE("timeline: bad month, level, ROME code and an event's end are corrected and flagged") {
    const Session s = lea();
    TimelineEpisode e = job("x", FuzzyDate{2015, 13, false}, ym(2016, 2), "Cuisinier");
    e.job.rome_code = " g1602 ";
    e.training.level = 9;
    EpisodeCheck c = check_episode(s, e, kToday);
    CHECK(c.issues == std::vector<TimelineIssue>{TimelineIssue::BadMonth, TimelineIssue::BadLevel});
    CHECK(c.episode.start == y(2015));
    CHECK(c.episode.job.rome_code == "G1602"); // trimmed and upper-cased, kept
    CHECK(c.episode.training.level == 0);

    for (const char* bad : {"G16O2", "1602", "G160", "G16022", "É1602", "g 1602"}) {
        CAPTURE(bad);
        e = job("x", y(2015), y(2016), "Cuisinier");
        e.job.rome_code = bad;
        c = check_episode(s, e, kToday);
        CHECK(c.issues == std::vector<TimelineIssue>{TimelineIssue::BadRomeCode});
        CHECK(c.episode.job.rome_code.empty());
        CHECK(c.episode.job.title == "Cuisinier"); // the rest is kept
    }
    e = event("e", EventType::ChildBirth, ym(2017, 2));
    e.end = y(2018);
    e.training.level = -1;
    c = check_episode(s, e, kToday);
    CHECK(c.issues == std::vector<TimelineIssue>{TimelineIssue::BadLevel, TimelineIssue::EventEnd});
    CHECK_FALSE(c.episode.end.is_set());
    // Absurd years (damaged data) are brought into 1..9999 by normalize_episode itself.
    e = job("x", FuzzyDate{-5, 0, false}, FuzzyDate{2000000000, 3, false}, "Cuisinier");
    CHECK(normalize_episode(e) == std::vector<TimelineIssue>{TimelineIssue::BeforeBirth, TimelineIssue::FarFuture});
    CHECK(e.start == y(1));
    CHECK(e.end == ym(9999, 3));
    // An unset date carries no month or « vers ».
    e = job("x", y(2015), FuzzyDate{0, 4, true}, "Cuisinier");
    c = check_episode(s, e, kToday);
    CHECK(c.issues.empty());
    CHECK(c.episode.end == FuzzyDate{});

    CHECK(is_valid_rome_code("F1703"));
    CHECK(is_valid_rome_code("A0000"));
    CHECK_FALSE(is_valid_rome_code("f1703"));
    CHECK_FALSE(is_valid_rome_code(""));
    CHECK_FALSE(is_valid_rome_code("F17035"));
}

TEST_CASE("timeline: issue keys are distinct and only a missing start and the cap refuse") {
    std::set<std::string> keys;
    int refusals = 0;
    for (int i = 0; i <= static_cast<int>(TimelineIssue::Blank); ++i) {
        const auto issue = static_cast<TimelineIssue>(i);
        keys.insert(issue_key(issue));
        refusals += is_refusal(issue) ? 1 : 0;
    }
    CHECK(keys.size() == 10);
    CHECK(keys.count("") == 0);
    CHECK(refusals == 2);
    CHECK(is_refusal(TimelineIssue::TooMany));
    CHECK(is_refusal(TimelineIssue::MissingStart));
}

TEST_CASE("timeline: 500 episodes are fine; the cap refuses episode 1001") {
    Fixture f;
    for (int i = 0; i < 500; ++i) {
        TimelineEpisode e = job("j" + std::to_string(i), ym(2000 + i % 25, 1 + i % 12), ym(2001 + i % 25, 1 + i % 12),
                                "Emploi n°" + std::to_string(i));
        const EpisodeCheck c = check_episode(f.editor.session(), e, kToday);
        REQUIRE_FALSE(c.refused);
        f.run(AddEpisode{c.episode});
        f.now += 5;
    }
    const Session& s = f.editor.session();
    CHECK(s.timeline.episodes.size() == 505);
    const LaneRows rows = stack_lane(s.timeline, Lane::Employment, kNow);
    CHECK(rows.row_count > 1);
    CHECK(rows.row_count <= 502);
    const TimelineFacts facts = derive_facts(s, kToday);
    CHECK(facts.months_employed > 0);
    CHECK(decode_binary(encode_binary(s)) == s);

    // Full timeline: a new episode is refused with a code; editing an existing one still works.
    Session full = lea();
    while (full.timeline.episodes.size() < kMaxEpisodes)
        full.timeline.episodes.push_back(period("p" + std::to_string(full.timeline.episodes.size()), Lane::Personal, y(2010)));
    const TimelineEpisode extra = job("extra", y(2020), y(2021), "De trop");
    const EpisodeCheck c = check_episode(full, extra, kToday);
    CHECK(c.refused);
    CHECK(c.issues == std::vector<TimelineIssue>{TimelineIssue::TooMany});
    CHECK(is_no_change(full, AddEpisode{extra}));
    TimelineEpisode existing = full.timeline.episodes[1];
    existing.note = "Toujours modifiable";
    CHECK_FALSE(check_episode(full, existing, kToday).has(TimelineIssue::TooMany));
    apply_and_revert(full, UpdateEpisode{existing});
    Session fewer = full;
    Command{RemoveEpisode{"p999"}, "c1"}.apply(fewer, 1);
    CHECK_FALSE(check_episode(fewer, extra, kToday).refused);
    const Session added = apply_and_revert(fewer, AddEpisode{extra});
    CHECK(added.timeline.episodes.size() == kMaxEpisodes);
}

// [SECTION] Serialization

namespace {
// Every field with a non-default value.
Session rich_session() {
    Session s = lea();
    TimelineEpisode e = job("rich", ym(2013, 4, true), y(2015, true), "Plongeuse", "Hôtel « Le Cœur »", Contract::Seasonal);
    e.title = "Saison d’été";
    e.job.rome_code = "G1605";
    e.job.work_time = WorkTime::Part;
    e.training = TrainingDetails{"HACCP", Answer::No, 2};
    e.note = "Logée ; nourrie. Œuvre… 🙂";
    s.timeline.episodes.push_back(e);
    TimelineEpisode d = event("dipl", EventType::Diploma, ym(2012, 7));
    d.training = TrainingDetails{"CAP cuisine", Answer::Yes, 3};
    s.timeline.episodes.push_back(d);
    for (EventType t : kEventTypes) s.timeline.episodes.push_back(event(std::string("ev-") + event_key(t), t, y(2020)));
    for (Contract c : kContracts)
        s.timeline.episodes.push_back(job(std::string("c-") + contract_key(c), y(2005), y(2006), "X", "", c));
    for (Lane l : kLanes) s.timeline.episodes.push_back(period(std::string("l-") + lane_key(l), l, y(2001)));
    return s;
}
} // namespace

TEST_CASE("timeline: binary and JSON round-trips keep every field") {
    const Session s = rich_session();
    const std::string bytes = encode_binary(s);
    const Session back = decode_binary(bytes);
    CHECK(back == s);
    CHECK(encode_binary(back) == bytes);
    const std::string json = to_json(s);
    const Session from_json = session_from_json(json);
    CHECK(from_json == s);
    CHECK(to_json(from_json) == json);
    // Enums are stored by key, readable in JSON.
    CHECK(json.find("\"lane\": \"employment\"") != std::string::npos);
    CHECK(json.find("\"lane\": \"no_work\"") != std::string::npos);
    CHECK(json.find("\"contract\": \"seasonal\"") != std::string::npos);
    CHECK(json.find("\"work_time\": \"part\"") != std::string::npos);
    CHECK(json.find("\"diploma\": \"yes\"") != std::string::npos);
    CHECK(json.find("\"event\": \"detention_entry\"") != std::string::npos);
    CHECK(json.find("\"kind\": \"event\"") != std::string::npos);
    CHECK(json.find("Hôtel « Le Cœur »") != std::string::npos);
}

TEST_CASE("timeline: a v2 payload decodes with an empty timeline") {
    const Session v2 = golden_v2::sessions()[0];
    REQUIRE(v2.timeline.episodes.empty());
    // Today's encoding of a session without episodes, boards or synthesis ends with the Timeline
    // class version (u32), the episode count (u64), the board count (u64, v4) and an empty
    // synthesis (36 bytes, v5); a v2 payload is the same bytes without them, Session version 2.
    std::string bytes = encode_binary(v2);
    REQUIRE(bytes.size() > 21 + 36);
    REQUIRE(bytes[1] == 5); // Session class version, right after the endianness byte
    bytes[1] = 2;
    bytes.resize(bytes.size() - 12 - 8 - 36);
    const Session back = decode_binary(bytes);
    CHECK(back == v2);
    CHECK(back.photolangage.size() == 2);
    CHECK(back.timeline.episodes.empty());
    // The same bytes read as version 3 run out of data: the version really decides.
    bytes[1] = 3;
    CHECK_THROWS_AS(decode_binary(bytes), DecodeError);
}

TEST_CASE("timeline: unknown keys and bad values in a stored file load as neutral, normalized values") {
    Session s = lea();
    s.timeline.episodes.resize(2);
    std::string json = to_json(s);
    const auto replace = [&](const std::string& from, const std::string& to) {
        const size_t at = json.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, from);
        json.replace(at, from.size(), to);
    };
    replace("\"lane\": \"education\"", "\"lane\": \"martian\"");
    replace("\"contract\": \"cdd\"", "\"contract\": \"permanent-ish\"");
    replace("\"diploma\": \"yes\"", "\"diploma\": \"oui\"");
    replace("\"month\": 9", "\"month\": 42"); // CAP start month
    const Session back = session_from_json(json);
    REQUIRE(back.timeline.episodes.size() == 2);
    CHECK(back.timeline.episodes[0].lane == Lane::Personal);
    CHECK(back.timeline.episodes[0].training.diploma == Answer::Unknown);
    CHECK(back.timeline.episodes[0].start == y(2010));
    CHECK(back.timeline.episodes[1].job.contract == Contract::Unknown);
    CHECK(back.timeline.episodes[1].job.title == "Commis de cuisine");
}

TEST_CASE("timeline: damaged payloads with episodes throw DecodeError or load normalized episodes") {
    const std::string bytes = encode_binary(rich_session());
    for (size_t n = 0; n < bytes.size(); n += 7) {
        CAPTURE(n);
        CHECK_THROWS_AS(decode_binary(bytes.substr(0, n)), DecodeError);
    }
    std::mt19937 rng(4);
    for (size_t i = 0; i < bytes.size(); ++i) {
        std::string bad = bytes;
        bad[i] = static_cast<char>(bad[i] ^ static_cast<char>(1 + rng() % 255));
        try {
            const Session s = decode_binary(bad);
            for (const auto& e : s.timeline.episodes) {
                CHECK(e.start.year >= 0);
                CHECK(e.start.year <= 9999);
                CHECK(e.end.year <= 9999);
                CHECK(e.start.month >= 0);
                CHECK(e.start.month <= 12);
                CHECK(e.end.month >= 0);
                CHECK(e.end.month <= 12);
                CHECK(e.training.level >= 0);
                CHECK(e.training.level <= kMaxLevel);
                if (e.is_event()) CHECK_FALSE(e.end.is_set());
                if (e.start.is_set() && e.end.is_set()) CHECK(e.end.last_month() >= e.start.first_month());
            }
            (void)derive_facts(s, kToday);
        } catch (const DecodeError&) {
        }
    }
}

// [SECTION] ROME job list

TEST_CASE("timeline: the shipped ROME job list loads with at least 200 valid entries") {
    std::string error;
    const auto jobs = load_rome_jobs(std::string(AMORCE_SOURCE_DIR) + "/assets/rome/metiers.tsv", &error);
    REQUIRE_MESSAGE(jobs, error);
    CHECK(jobs->size() >= 200);
    std::set<std::string> codes;
    for (const auto& j : *jobs) {
        CHECK(is_valid_rome_code(j.code));
        CHECK_FALSE(j.title.empty());
        codes.insert(j.code);
    }
    CHECK(codes.size() >= 150);
    const auto code_of = [&](const std::string& title) -> std::string {
        for (const auto& j : *jobs)
            if (j.title == title) return j.code;
        return "";
    };
    CHECK(code_of("Maçon / Maçonne") == "F1703");
    CHECK(code_of("Cuisinier / Cuisinière") == "G1602");
    CHECK(code_of("Commis de cuisine") == "G1602");
    CHECK(code_of("Serveur / Serveuse en restauration") == "G1803");
    CHECK(code_of("Préparateur / Préparatrice de commandes") == "N1103");
    CHECK(code_of("Boulanger / Boulangère") == "D1102");
    CHECK(code_of("Agent / Agente de sécurité") == "K2503");
    CHECK(code_of("Cariste") == "N1101");
}

TEST_CASE("timeline: a malformed ROME line is reported with file and line number") {
    const struct {
        const char* content;
        const char* expected;
    } cases[] = {
        {"# métiers\nF1703\tMaçon / Maçonne\n\nG16O2\tCuisinier\n", "metiers.tsv:4: bad ROME code 'G16O2'"},
        {"F1703\tMaçon / Maçonne\nG1602 Cuisinier\n", "metiers.tsv:2: expected code<TAB>title"},
        {"F1703\tMaçon\tMaçonne\n", "metiers.tsv:1: more than one tab"},
        {"F1703\tMaçon\nG1602\t  \n", "metiers.tsv:2: empty title"},
        {"F1703\tMaçon\r\nG1602\tCuisinier\r\nF1703\tMaçon\r\n", "metiers.tsv:3: duplicate entry F1703"},
        {"f1703\tMaçon\n", "metiers.tsv:1: bad ROME code 'f1703'"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.content);
        TempFile file(c.content);
        std::string error;
        CHECK_FALSE(load_rome_jobs(file.path.string(), &error).has_value());
        CHECK_MESSAGE(error.find(c.expected) != std::string::npos, error);
    }
    std::string error;
    CHECK_FALSE(load_rome_jobs("/nonexistent/metiers.tsv", &error).has_value());
    CHECK(error.find("/nonexistent/metiers.tsv") != std::string::npos);
    // A good file with a BOM, CRLF, comments and blank lines.
    TempFile good("\xEF\xBB\xBF# liste\r\nF1703\tMaçon / Maçonne\r\n\r\nG1602\t Cuisinier / Cuisinière \r\n");
    const auto jobs = load_rome_jobs(good.path.string(), &error);
    REQUIRE(jobs);
    REQUIRE(jobs->size() == 2);
    CHECK((*jobs)[1].code == "G1602");
    CHECK((*jobs)[1].title == "Cuisinier / Cuisinière");
}

TEST_CASE("timeline: ROME search by words, accent- and case-insensitive") {
    std::string error;
    const auto loaded = load_rome_jobs(std::string(AMORCE_SOURCE_DIR) + "/assets/rome/metiers.tsv", &error);
    REQUIRE_MESSAGE(loaded, error);
    const std::vector<RomeJob>& jobs = *loaded;

    auto hits = search_rome_jobs(jobs, "boulanger");
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0]->title == "Boulanger / Boulangère");
    CHECK(hits[0]->code == "D1102");
    hits = search_rome_jobs(jobs, "cuisi");
    REQUIRE(hits.size() >= 3);
    CHECK(hits[0]->title == "Cuisinier / Cuisinière"); // starts with the word, fewest words
    CHECK(hits[0]->code == "G1602");
    const auto all_cuisi = titles(hits);
    CHECK(std::find(all_cuisi.begin(), all_cuisi.end(), "Commis de cuisine") != all_cuisi.end());
    CHECK(titles(search_rome_jobs(jobs, "CUISINIER")) == titles(search_rome_jobs(jobs, "cuisinier")));
    hits = search_rome_jobs(jobs, "macon");
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0]->title == "Maçon / Maçonne");
    hits = search_rome_jobs(jobs, "ÉBOUEUR");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0]->title == "Éboueur / Éboueuse");
    hits = search_rome_jobs(jobs, "manoeuvre batiment");
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0]->title == "Manœuvre du bâtiment");
    hits = search_rome_jobs(jobs, "commandes prépa"); // word order does not matter
    REQUIRE(hits.size() == 1);
    CHECK(hits[0]->title == "Préparateur / Préparatrice de commandes");
    hits = search_rome_jobs(jobs, "serveur");
    REQUIRE(hits.size() >= 3);
    CHECK(hits[0]->title == "Serveur / Serveuse");
    hits = search_rome_jobs(jobs, "agente d’accueil"); // typographic apostrophe in the query
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0]->title == "Agent / Agente d’accueil");
    hits = search_rome_jobs(jobs, "g1602"); // by code
    REQUIRE(hits.size() >= 4);
    for (const RomeJob* j : hits) CHECK(j->code == "G1602");
    CHECK(search_rome_jobs(jobs, "").empty());
    CHECK(search_rome_jobs(jobs, "  ").empty());
    CHECK(search_rome_jobs(jobs, "astronaute").empty());
    CHECK(search_rome_jobs(jobs, "agent", 5).size() == 5);
    CHECK(search_rome_jobs(jobs, "uisinier").empty()); // words are matched from their start
}

TEST_CASE("timeline: fold_for_search lowers case, drops accents and splits on punctuation") {
    CHECK(fold_for_search("Élève ŒUVRE çà Ÿ") == "eleve oeuvre ca y");
    CHECK(fold_for_search("ÀÂÄÉÈÊËÎÏÔÖÙÛÜÇàâäéèêëîïôöùûüç") == "aaaeeeeiioouuucaaaeeeeiioouuuc");
    CHECK(fold_for_search("d’accueil") == "d accueil");
    CHECK(fold_for_search("Aide-maçon/Aide") == "aide macon aide");
    CHECK(fold_for_search("Cœur\xC2\xA0: æ") == "coeur   ae");
    CHECK(fold_for_search("G1602") == "g1602");
}

// [SECTION] Catalog

TEST_CASE("timeline: every lane, contract, answer, event, issue, month and level has French and English text") {
    const auto fr = read_catalog("fr");
    const auto en = read_catalog("en");
    std::vector<std::string> keys;
    for (Lane l : kLanes) keys.push_back(std::string("timeline.lane.") + lane_key(l));
    for (Contract c : kContracts) keys.push_back(std::string("timeline.contract.") + contract_key(c));
    for (WorkTime t : {WorkTime::Unknown, WorkTime::Full, WorkTime::Part})
        keys.push_back(std::string("timeline.work_time.") + work_time_key(t));
    for (Answer a : {Answer::Unknown, Answer::Yes, Answer::No}) keys.push_back(std::string("timeline.answer.") + answer_key(a));
    keys.push_back(std::string("timeline.event.") + event_key(EventType::None));
    for (EventType e : kEventTypes) keys.push_back(std::string("timeline.event.") + event_key(e));
    for (int i = 0; i <= static_cast<int>(TimelineIssue::Blank); ++i)
        keys.push_back(std::string("timeline.issue.") + issue_key(static_cast<TimelineIssue>(i)));
    for (int m = 1; m <= 12; ++m) keys.push_back("timeline.month." + std::to_string(m));
    for (int level = 0; level <= kMaxLevel; ++level) keys.push_back("timeline.level." + std::to_string(level));
    keys.push_back("timeline.date.approx");
    keys.push_back("timeline.date.ongoing");
    for (const auto& k : keys) {
        CAPTURE(k);
        CHECK(fr.count(k) == 1);
        CHECK(en.count(k) == 1);
    }
    CHECK(fr.at("timeline.lane.education") == "Scolarité et formation");
    CHECK(fr.at("timeline.lane.no_work") == "Sans emploi / inactivité");
    CHECK(fr.at("timeline.month.3") == "mars");
    CHECK(fr.at("timeline.date.approx") == "vers {0}");
    CHECK(fr.at("timeline.issue.end_before_start").find("\xC2\xA0:") != std::string::npos); // no-break space
}
