// The life timeline (frise chronologique): lanes, fuzzy dates, episodes and point events, checks
// and corrections, derived facts for the synthesis, row stacking for display, and the built-in
// list of common jobs with ROME codes. Plain data and pure functions, no UI text: every change
// goes through a command (commands.hpp: AddEpisode, RemoveEpisode, UpdateEpisode, MoveEpisode).
//
// Table of contents
//   [SECTION] Lanes
//   [SECTION] Fuzzy dates (month index, EDTF, labels)
//   [SECTION] Episodes and events
//   [SECTION] Checks and corrections
//   [SECTION] Editing helpers (drag to move / resize)
//   [SECTION] Derived facts
//   [SECTION] Row stacking for display
//   [SECTION] ROME job list (assets/rome/metiers.tsv)
//
// Conventions the UI can rely on
// - Months are counted as a "month index": year * 12 + (month - 1). January 2015 = 24180.
// - An episode covers whole months, both ends included: from the first month of its start
//   (a year-only start means January) to the last month of its end (a year-only end means
//   December). "2012 – 2014" is January 2012 to December 2014, 36 months.
// - An open episode (end unset, « en cours ») runs to "today" wherever a function needs an end;
//   those functions take today's month index.
// - Catalog keys (assets/i18n/*.tsv, French and English, provided with this model):
//     timeline.lane.<lane_key>         lane names        (« Emploi »)
//     timeline.contract.<contract_key> contract types    (« Intérim »)
//     timeline.work_time.<key>         full/part time    (« Temps partiel »)
//     timeline.answer.<key>            yes/no/unknown    (« Obtenu »...)
//     timeline.event.<event_key>       event types       (« Naissance d’un enfant »)
//     timeline.issue.<issue_key>       check messages    (« La fin était avant le début : ... »)
//     timeline.month.1 .. timeline.month.12, timeline.date.approx ("vers {0}"),
//     timeline.date.ongoing (« en cours »)                 words for date labels (DateWords)
//     timeline.level.0 .. timeline.level.8                 levels (« Niveau 3 (CAP, BEP) »)
//   tests/unit/test_timeline.cpp checks that every one of them exists in both catalogs.
#pragma once

#include "core/date.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace amorce::core {

struct Session;

// [SECTION] Lanes ------------------------------------------------------------------------------

// One horizontal track of the timeline. Stored by its key (lane_key), never by number.
enum class Lane : std::uint8_t {
    Education = 0,  // Scolarité et formation
    Employment = 1, // Emploi
    NoWork = 2,     // Sans emploi / inactivité
    Personal = 3,   // Vie personnelle (famille, logement, santé)
    Justice = 4,    // Justice
    Projects = 5,   // Projets (future)
};
inline constexpr int kLaneCount = 6;
// Display order, top to bottom.
inline constexpr std::array<Lane, kLaneCount> kLanes = {Lane::Education, Lane::Employment, Lane::NoWork,
                                                        Lane::Personal,  Lane::Justice,    Lane::Projects};

// Stable keys: "education", "employment", "no_work", "personal", "justice", "projects".
const char* lane_key(Lane lane);
std::optional<Lane> lane_from_key(const std::string& key);

// [SECTION] Fuzzy dates ------------------------------------------------------------------------

// A date as people remember it: a year, optionally a month, optionally « vers » (approximate).
// year == 0 means unset (an open end). No day: the timeline never needs one.
struct FuzzyDate {
    int year = 0;             // 0 = unset
    int month = 0;            // 1..12, 0 = unknown (year only)
    bool approximate = false; // « vers 2015 »

    bool is_set() const { return year != 0; }
    bool has_month() const { return month >= 1 && month <= 12; }

    // Month index of the first / last month of the period this date stands for:
    // 2015 -> Jan 2015 / Dec 2015; 2015-03 -> Mar 2015 / Mar 2015. Unset: 0 (check is_set()).
    int first_month() const;
    int last_month() const;

    static FuzzyDate of_year(int year, bool approximate = false) { return FuzzyDate{year, 0, approximate}; }
    static FuzzyDate of_month(int year, int month, bool approximate = false) {
        return FuzzyDate{year, month, approximate};
    }
    // The year-month of a month index (precision: month).
    static FuzzyDate from_month_index(int index, bool approximate = false);

    bool operator==(const FuzzyDate& o) const {
        return year == o.year && month == o.month && approximate == o.approximate;
    }
    bool operator!=(const FuzzyDate& o) const { return !(*this == o); }
};

int month_index(int year, int month);                 // month 1..12
inline int month_index(const Date& d) { return month_index(d.year, d.month); }
inline int year_of_month_index(int index) { return index >= 0 ? index / 12 : (index - 11) / 12; }
inline int month_of_month_index(int index) { return index - year_of_month_index(index) * 12 + 1; }

// EDTF (ISO 8601-2 level 1): "2015", "2015-03", "2015~", "2015-03~"; unset -> "".
std::string to_edtf(const FuzzyDate& d);
// Parses exactly what to_edtf writes (4-digit year 0001..9999, month 01..12, optional '~').
// Anything else (days, '?', '%', spaces, "") -> nullopt. parse_edtf(to_edtf(d)) == d.
std::optional<FuzzyDate> parse_edtf(const std::string& text);
// An EDTF interval: "2012/2014-06"; an unset side is "..": open end "2016-09/..".
std::string to_edtf_interval(const FuzzyDate& start, const FuzzyDate& end);

// Words for date labels. Core holds no UI text: the UI fills this from the catalog
// (timeline.month.N, timeline.date.approx, timeline.date.ongoing); the synthesis drafter does the same.
struct DateWords {
    std::array<std::string, 12> months; // "janvier" .. "décembre"
    std::string approx = "{0}";         // "vers {0}"
    std::string ongoing;                // "en cours"
    std::string range = "{0} – {1}";    // "{0} – {1}"
};
// "2015", "mars 2015", "vers 2015", "vers mars 2015"; unset -> words.ongoing.
std::string date_label(const FuzzyDate& d, const DateWords& words);
// "2012 – 2014", "mars 2016 – en cours"; when end is unset and `open` is false (a point event): the start only.
std::string period_label(const FuzzyDate& start, const FuzzyDate& end, bool open, const DateWords& words);

// [SECTION] Episodes and events ----------------------------------------------------------------

enum class EpisodeKind : std::uint8_t {
    Episode = 0, // a period: start – end (end unset = « en cours »)
    Event = 1,   // a point in time: start only
};

// Employment contracts. Keys: "unknown", "cdi", "cdd", "temp" (intérim), "seasonal" (saisonnier),
// "apprenticeship", "subsidised" (contrat aidé), "undeclared" (non déclaré), "other".
enum class Contract : std::uint8_t {
    Unknown = 0, Cdi, Cdd, Temp, Seasonal, Apprenticeship, Subsidised, Undeclared, Other
};
inline constexpr std::array<Contract, 9> kContracts = {
    Contract::Unknown, Contract::Cdi,        Contract::Cdd,        Contract::Temp,  Contract::Seasonal,
    Contract::Apprenticeship, Contract::Subsidised, Contract::Undeclared, Contract::Other};
const char* contract_key(Contract c);

// Keys: "unknown", "full", "part".
enum class WorkTime : std::uint8_t { Unknown = 0, Full, Part };
const char* work_time_key(WorkTime t);

// Keys: "unknown", "yes", "no" (diploma obtained).
enum class Answer : std::uint8_t { Unknown = 0, Yes, No };
const char* answer_key(Answer a);

// Point events. Keys: "none" (a period, not an event), "diploma", "child_birth",
// "detention_entry", "release", "move", "other".
enum class EventType : std::uint8_t { None = 0, Diploma, ChildBirth, DetentionEntry, Release, Move, Other };
inline constexpr std::array<EventType, 6> kEventTypes = {EventType::Diploma, EventType::ChildBirth,
                                                         EventType::DetentionEntry, EventType::Release,
                                                         EventType::Move, EventType::Other};
const char* event_key(EventType e);
// Where a new event of this type goes: Diploma -> Education, ChildBirth/Move -> Personal,
// DetentionEntry/Release -> Justice, None/Other -> Personal.
Lane default_lane(EventType e);

// Education levels, 2019 nomenclature: 3 = CAP/BEP, 4 = Bac, 5 = Bac+2, 6 = Bac+3/4, 7 = Bac+5,
// 8 = doctorat; 1-2 = savoirs de base / CléA. 0 = unknown.
inline constexpr int kMaxLevel = 8;

// Employment lane details.
struct JobDetails {
    std::string title;      // « Commis de cuisine »
    std::string rome_code;  // "" or letter + 4 digits ("G1602"); see is_valid_rome_code
    std::string employer;
    Contract contract = Contract::Unknown;
    WorkTime work_time = WorkTime::Unknown;

    bool operator==(const JobDetails& o) const {
        return title == o.title && rome_code == o.rome_code && employer == o.employer &&
               contract == o.contract && work_time == o.work_time;
    }
    bool operator!=(const JobDetails& o) const { return !(*this == o); }
};

// Education lane details (also used by a Diploma event: title + level).
struct TrainingDetails {
    std::string title;                  // « CAP cuisine »
    Answer diploma = Answer::Unknown;   // diploma obtained?
    int level = 0;                      // 0..kMaxLevel (0 = unknown)

    bool operator==(const TrainingDetails& o) const {
        return title == o.title && diploma == o.diploma && level == o.level;
    }
    bool operator!=(const TrainingDetails& o) const { return !(*this == o); }
};

// One box (period) or marker (event) on the timeline. Every detail field exists whatever the lane:
// the edit panel shows those of the lane, and details of another lane are kept (moving an episode
// to another lane and back loses nothing) but ignored by the derived facts.
struct TimelineEpisode {
    std::string id;              // unique within the session (new_episode_id)
    Lane lane = Lane::Personal;
    EpisodeKind kind = EpisodeKind::Episode;
    FuzzyDate start;             // required (check_episode refuses an unset start)
    FuzzyDate end;               // unset = open (« en cours »); always unset for an event
    std::string title;           // short free label shown on the box; may be empty
    JobDetails job;              // Employment lane
    TrainingDetails training;    // Education lane, Diploma events
    EventType event = EventType::None; // events only (None for periods)
    std::string note;            // free note

    bool is_event() const { return kind == EpisodeKind::Event; }
    bool ongoing() const { return kind == EpisodeKind::Episode && !end.is_set(); }
    // Month indexes covered (both included); an open episode runs to max(today_month, start).
    int first_month() const { return start.first_month(); }
    int last_month(int today_month) const;

    bool operator==(const TimelineEpisode& o) const;
    bool operator!=(const TimelineEpisode& o) const { return !(*this == o); }
};

// EDTF of an episode: an event is its date ("2024-05"), a period an interval ("2012/2014", "2016/..").
std::string to_edtf(const TimelineEpisode& e);

// Nothing but dates: no title, no job/training detail, no event type other than None/Other, no note.
// Allowed (the person may fill it in later), flagged by check_episode, drawn as such by the UI.
bool is_blank(const TimelineEpisode& e);
// The text to show on the box: title, else job title, else training title; "" when none
// (the UI then shows the event type or lane name from the catalog).
const std::string& display_title(const TimelineEpisode& e);

// The whole timeline of a session (Session::timeline, cereal Session version 3).
struct Timeline {
    std::vector<TimelineEpisode> episodes; // in the order they were added (not sorted by date)

    bool operator==(const Timeline& o) const { return episodes == o.episodes; }
    bool operator!=(const Timeline& o) const { return !(*this == o); }
};

inline constexpr size_t kMaxEpisodes = 1000; // AddEpisode beyond this is refused (TimelineIssue::TooMany)

std::string new_episode_id(); // random, 16 hex characters
// A new period / event with a random id. An event's lane is default_lane(type).
TimelineEpisode new_episode(Lane lane, FuzzyDate start, FuzzyDate end = {});
TimelineEpisode new_event(EventType type, FuzzyDate date);

// Lookup by id; nullptr / -1 when absent.
const TimelineEpisode* find_episode(const Timeline& t, const std::string& id);
TimelineEpisode* find_episode(Timeline& t, const std::string& id);
int episode_index(const Timeline& t, const std::string& id);

// [SECTION] Checks and corrections -------------------------------------------------------------

// What check_episode found. Each has a catalog text "timeline.issue.<issue_key>".
enum class TimelineIssue : std::uint8_t {
    MissingStart,    // refused: no start year
    TooMany,         // refused: the timeline already holds kMaxEpisodes episodes
    EndBeforeStart,  // corrected: start and end were swapped
    BeforeBirth,     // corrected: a year before the birth year was raised to the birth year
    FarFuture,       // corrected: a year more than kMaxYearsAhead ahead was lowered to that limit
    BadMonth,        // corrected: a month outside 1..12 became "unknown" (year only)
    BadRomeCode,     // corrected: a ROME code that is not letter + 4 digits was removed
    BadLevel,        // corrected: a level outside 0..8 became 0 (unknown)
    EventEnd,        // corrected: a point event had an end; removed
    Blank,           // kept: nothing but dates (is_blank)
};
const char* issue_key(TimelineIssue issue); // "missing_start", "too_many", "end_before_start", ...
bool is_refusal(TimelineIssue issue);       // MissingStart, TooMany

inline constexpr int kMaxYearsAhead = 10;

// Years a date may take: [birth year, today + kMaxYearsAhead]. Without a birth date the low
// end is today - 110 (the oldest participant form accepts). The UI's steppers use the same range.
struct TimelineLimits {
    int min_year = 0;
    int max_year = 0;
};
TimelineLimits timeline_limits(const Session& s, const Date& today);

struct EpisodeCheck {
    TimelineEpisode episode;           // corrected copy; add/update this one
    std::vector<TimelineIssue> issues; // in the order of the enum, each at most once
    bool refused = false;              // a refusal issue is present: do not add/update

    bool has(TimelineIssue issue) const;
};

// Checks an episode before AddEpisode / UpdateEpisode and corrects what can be corrected:
// - end before start: swapped (both typed values are kept; a stepper slip is the usual cause);
// - a year before the birth year: raised to it; beyond today + 10 years: lowered to it
//   (the month and « vers » are kept);
// - bad month, level, ROME code (trimmed and upper-cased first: " g1602" is fine); an event's end;
// - a blank episode is kept and flagged; no start, or a new episode beyond kMaxEpisodes, refused.
// TooMany is only checked when `e.id` is not in the session yet (an update is never refused for it).
EpisodeCheck check_episode(const Session& s, const TimelineEpisode& e, const Date& today);

// The context-free part of the corrections (month, level, swap, event end, and years outside
// 1..9999 from damaged data): what the commands and the loader apply themselves so that stored
// episodes always satisfy it. Returns the issues.
std::vector<TimelineIssue> normalize_episode(TimelineEpisode& e);

// "G1602": one ASCII capital letter A-Z then 4 digits.
bool is_valid_rome_code(const std::string& code);

// [SECTION] Editing helpers (drag to move / resize) --------------------------------------------
// Dragging clamps (it never swaps): the dragged edge stops at the other one.

// Start and end shifted by `months`. A multiple of 12 keeps year-only dates year-only; any other
// shift gives them a month (a year-only date counts as January for the start, December for the end).
TimelineEpisode shifted(const TimelineEpisode& e, int months);
// A new start; if it would pass the end, the start becomes the end's last month.
TimelineEpisode with_start(const TimelineEpisode& e, const FuzzyDate& start);
// A new end (unset = open); if it would come before the start, the end becomes the start's first month.
TimelineEpisode with_end(const TimelineEpisode& e, const FuzzyDate& end);

// [SECTION] Derived facts ----------------------------------------------------------------------
// Pure and deterministic. Only periods count (events are points), except for the highest diploma.
// Periods with an unset start are ignored; periods starting after today are ignored; open ones
// end at today. Approximate dates count as their period (« vers 2015 » = 2015).

inline constexpr int kMinGapMonths = 3; // shorter gaps are ordinary transitions, not shown

struct JobFact {
    std::string episode_id;
    std::string title;     // job.title, else the episode title
    std::string rome_code;
    std::string employer;
    int months = 0;
};

struct DiplomaFact {
    std::string episode_id;
    std::string title;     // training.title, else the episode title
    int level = 0;         // 0 when only diplomas of unknown level were obtained
    FuzzyDate date;        // the end of the training (its start if open), or the event date
};

struct Gap {
    int first_month = 0;   // month index, included
    int last_month = 0;    // month index, included
    int months() const { return last_month - first_month + 1; }
    FuzzyDate start() const { return FuzzyDate::from_month_index(first_month); }
    FuzzyDate end() const { return FuzzyDate::from_month_index(last_month); }
    bool operator==(const Gap& o) const { return first_month == o.first_month && last_month == o.last_month; }
};

struct LastJobEnd {
    std::string episode_id;
    FuzzyDate end;         // unset when ongoing
    bool ongoing = false;  // a job is still running (then it is the "last job")
};

// Months covered by at least one Employment period (overlaps counted once).
int months_employed(const Timeline& t, int today_month);
// The Employment period with the most months; ties: the earliest start, then list order.
std::optional<JobFact> longest_job(const Timeline& t, int today_month);
// The highest level among Education periods with diploma == Yes and Diploma events (diploma != No).
// Ties: the earliest date. A diploma of unknown level (0) is returned only if there is no other.
std::optional<DiplomaFact> highest_diploma(const Timeline& t);
// Runs of at least `min_months` months, from the month of the 16th birthday to today's month
// (both included), covered by no period in the Education, Employment, NoWork or Justice lanes.
// Without a birth date the search starts at the first such period. In date order.
std::vector<Gap> find_gaps(const Timeline& t, const Date& birth_date, int today_month,
                           int min_months = kMinGapMonths);
// The Employment period that ends last (an ongoing one wins; ties: the latest start, then list order).
std::optional<LastJobEnd> last_job_end(const Timeline& t, int today_month);

struct TimelineFacts {
    int months_employed = 0;
    std::optional<JobFact> longest_job;
    std::optional<DiplomaFact> highest_diploma;
    std::vector<Gap> gaps;
    std::optional<LastJobEnd> last_job_end;
};
// All of the above for a session (birth date from the participant, today's month from `today`).
TimelineFacts derive_facts(const Session& s, const Date& today);

// [SECTION] Row stacking for display -----------------------------------------------------------

// Rows for overlapping boxes in one lane (greedy interval partitioning, sorted by start, then by
// longer first, then list order): each period gets the lowest row free at its start month.
// Events are single months; with include_events false they all get row 0 and take no row.
struct LaneRows {
    std::vector<int> row;  // one per t.episodes entry; -1 for episodes of other lanes
    int row_count = 0;     // rows used (0 for an empty lane, else max row + 1)
};
LaneRows stack_lane(const Timeline& t, Lane lane, int today_month, bool include_events = false);

// [SECTION] ROME job list ----------------------------------------------------------------------

// One entry of assets/rome/metiers.tsv: `code<TAB>title`, e.g. "G1602\tCuisinier / Cuisinière".
// Several titles may share a code (a ROME fiche groups many job titles).
struct RomeJob {
    std::string code;
    std::string title;
};

// Entries in file order. Empty lines and lines starting with '#' are skipped. On a missing file,
// a line without exactly one tab, a bad code or an empty title: nullopt, and `*error` names the
// file and line ("metiers.tsv:12: bad ROME code 'G16O2' (expected a letter and 4 digits)").
std::optional<std::vector<RomeJob>> load_rome_jobs(const std::string& path, std::string* error = nullptr);

// Entries matching every word of `query` (accent- and case-insensitive): each query word must
// begin a word of the title ("cuisi" -> « Cuisinier / Cuisinière », "eleve" -> « Éleveur »),
// or the query is a code prefix ("G16"). Best first: a title starting with the first query word,
// then fewer words in the title, then file order. Empty query: nothing. At most `max_results`.
std::vector<const RomeJob*> search_rome_jobs(const std::vector<RomeJob>& jobs, const std::string& query,
                                             size_t max_results = 30);

// Lower-case, accents removed, œ -> oe, æ -> ae, punctuation -> space (UTF-8 in, ASCII out for
// Latin letters). Used by the search; handy for the UI's own filtering.
std::string fold_for_search(const std::string& text);

} // namespace amorce::core
