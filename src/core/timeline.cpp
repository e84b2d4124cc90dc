#include "core/timeline.hpp"

#include "core/session.hpp"
#include "core/tsv.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace amorce::core {

namespace {

constexpr int kMaxYear = 9999; // EDTF years have 4 digits; also keeps month indexes far from overflow

// "{0}" / "{1}" in a catalog pattern.
std::string substitute(std::string pattern, const std::string& a, const std::string& b = {}) {
    for (size_t p = pattern.find("{0}"); p != std::string::npos; p = pattern.find("{0}", p + a.size()))
        pattern.replace(p, 3, a);
    for (size_t p = pattern.find("{1}"); p != std::string::npos; p = pattern.find("{1}", p + b.size()))
        pattern.replace(p, 3, b);
    return pattern;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string trimmed(const std::string& s) {
    size_t a = 0, b = s.size();
    while (a < b && is_space(s[a])) ++a;
    while (b > a && is_space(s[b - 1])) --b;
    return s.substr(a, b - a);
}

bool blank_text(const std::string& s) {
    for (char c : s)
        if (!is_space(c)) return false;
    return true;
}

// Lanes whose periods fill a gap (DESIGN: education, work, no-work, justice).
bool fills_gaps(Lane lane) {
    return lane == Lane::Education || lane == Lane::Employment || lane == Lane::NoWork || lane == Lane::Justice;
}

struct Span {
    int first = 0;
    int last = 0;
};

// Periods of `lane` (or of any gap-filling lane when `lane` is empty) as month spans clipped to
// today: unset starts and periods starting after today are left out.
template <class Pred> std::vector<Span> spans_until(const Timeline& t, int today_month, Pred pred) {
    std::vector<Span> out;
    for (const auto& e : t.episodes) {
        if (e.is_event() || !e.start.is_set() || !pred(e)) continue;
        const int first = e.first_month();
        if (first > today_month) continue;
        out.push_back(Span{first, std::min(e.last_month(today_month), today_month)});
    }
    return out;
}

// Sorted, overlapping and touching spans joined.
std::vector<Span> merged(std::vector<Span> spans) {
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
        return std::tie(a.first, a.last) < std::tie(b.first, b.last);
    });
    std::vector<Span> out;
    for (const Span& s : spans) {
        if (!out.empty() && s.first <= out.back().last + 1) out.back().last = std::max(out.back().last, s.last);
        else out.push_back(s);
    }
    return out;
}

} // namespace

// [SECTION] Lanes

const char* lane_key(Lane lane) {
    switch (lane) {
    case Lane::Education: return "education";
    case Lane::Employment: return "employment";
    case Lane::NoWork: return "no_work";
    case Lane::Personal: return "personal";
    case Lane::Justice: return "justice";
    case Lane::Projects: return "projects";
    }
    return "personal";
}

std::optional<Lane> lane_from_key(const std::string& key) {
    for (Lane l : kLanes)
        if (key == lane_key(l)) return l;
    return std::nullopt;
}

// [SECTION] Fuzzy dates

int month_index(int year, int month) { return year * 12 + (month - 1); }

int FuzzyDate::first_month() const { return is_set() ? month_index(year, has_month() ? month : 1) : 0; }
int FuzzyDate::last_month() const { return is_set() ? month_index(year, has_month() ? month : 12) : 0; }

FuzzyDate FuzzyDate::from_month_index(int index, bool approximate) {
    return FuzzyDate{year_of_month_index(index), month_of_month_index(index), approximate};
}

std::string to_edtf(const FuzzyDate& d) {
    if (!d.is_set()) return {};
    char buf[32];
    if (d.has_month()) std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
    else std::snprintf(buf, sizeof buf, "%04d", d.year);
    std::string out = buf;
    if (d.approximate) out += '~';
    return out;
}

std::optional<FuzzyDate> parse_edtf(const std::string& text) {
    const auto digits = [&](size_t at, size_t n, int* value) {
        if (at + n > text.size()) return false;
        int v = 0;
        for (size_t i = at; i < at + n; ++i) {
            if (text[i] < '0' || text[i] > '9') return false;
            v = v * 10 + (text[i] - '0');
        }
        *value = v;
        return true;
    };
    FuzzyDate d;
    size_t at = 0;
    if (!digits(0, 4, &d.year) || d.year == 0) return std::nullopt;
    at = 4;
    if (at < text.size() && text[at] == '-') {
        if (!digits(at + 1, 2, &d.month) || d.month < 1 || d.month > 12) return std::nullopt;
        at += 3;
    }
    if (at < text.size() && text[at] == '~') {
        d.approximate = true;
        ++at;
    }
    if (at != text.size()) return std::nullopt;
    return d;
}

std::string to_edtf_interval(const FuzzyDate& start, const FuzzyDate& end) {
    const auto side = [](const FuzzyDate& d) { return d.is_set() ? to_edtf(d) : std::string(".."); };
    return side(start) + "/" + side(end);
}

std::string to_edtf(const TimelineEpisode& e) {
    return e.is_event() ? to_edtf(e.start) : to_edtf_interval(e.start, e.end);
}

std::string date_label(const FuzzyDate& d, const DateWords& words) {
    if (!d.is_set()) return words.ongoing;
    std::string text = std::to_string(d.year);
    if (d.has_month()) text = words.months[static_cast<size_t>(d.month - 1)] + " " + text;
    return d.approximate ? substitute(words.approx, text) : text;
}

std::string period_label(const FuzzyDate& start, const FuzzyDate& end, bool open, const DateWords& words) {
    if (!end.is_set()) return open ? substitute(words.range, date_label(start, words), words.ongoing)
                                   : date_label(start, words);
    if (end == start) return date_label(start, words);
    return substitute(words.range, date_label(start, words), date_label(end, words));
}

// [SECTION] Episodes and events

const char* contract_key(Contract c) {
    switch (c) {
    case Contract::Unknown: return "unknown";
    case Contract::Cdi: return "cdi";
    case Contract::Cdd: return "cdd";
    case Contract::Temp: return "temp";
    case Contract::Seasonal: return "seasonal";
    case Contract::Apprenticeship: return "apprenticeship";
    case Contract::Subsidised: return "subsidised";
    case Contract::Undeclared: return "undeclared";
    case Contract::Other: return "other";
    }
    return "unknown";
}

const char* work_time_key(WorkTime t) {
    switch (t) {
    case WorkTime::Unknown: return "unknown";
    case WorkTime::Full: return "full";
    case WorkTime::Part: return "part";
    }
    return "unknown";
}

const char* answer_key(Answer a) {
    switch (a) {
    case Answer::Unknown: return "unknown";
    case Answer::Yes: return "yes";
    case Answer::No: return "no";
    }
    return "unknown";
}

const char* event_key(EventType e) {
    switch (e) {
    case EventType::None: return "none";
    case EventType::Diploma: return "diploma";
    case EventType::ChildBirth: return "child_birth";
    case EventType::DetentionEntry: return "detention_entry";
    case EventType::Release: return "release";
    case EventType::Move: return "move";
    case EventType::Other: return "other";
    }
    return "none";
}

Lane default_lane(EventType e) {
    switch (e) {
    case EventType::Diploma: return Lane::Education;
    case EventType::DetentionEntry:
    case EventType::Release: return Lane::Justice;
    case EventType::ChildBirth:
    case EventType::Move:
    case EventType::None:
    case EventType::Other: return Lane::Personal;
    }
    return Lane::Personal;
}

int TimelineEpisode::last_month(int today_month) const {
    if (is_event()) return first_month();
    return end.is_set() ? end.last_month() : std::max(today_month, first_month());
}

bool TimelineEpisode::operator==(const TimelineEpisode& o) const {
    return id == o.id && lane == o.lane && kind == o.kind && start == o.start && end == o.end &&
           title == o.title && job == o.job && training == o.training && event == o.event && note == o.note;
}

bool is_blank(const TimelineEpisode& e) {
    return blank_text(e.title) && blank_text(e.note) && blank_text(e.job.title) && blank_text(e.job.rome_code) &&
           blank_text(e.job.employer) && e.job.contract == Contract::Unknown && e.job.work_time == WorkTime::Unknown &&
           blank_text(e.training.title) && e.training.diploma == Answer::Unknown && e.training.level == 0 &&
           (!e.is_event() || e.event == EventType::None || e.event == EventType::Other);
}

const std::string& display_title(const TimelineEpisode& e) {
    if (!blank_text(e.title)) return e.title;
    if (!blank_text(e.job.title)) return e.job.title;
    if (!blank_text(e.training.title)) return e.training.title;
    static const std::string none;
    return none;
}

std::string new_episode_id() { return new_session_id(); }

TimelineEpisode new_episode(Lane lane, FuzzyDate start, FuzzyDate end) {
    TimelineEpisode e;
    e.id = new_episode_id();
    e.lane = lane;
    e.start = start;
    e.end = end;
    return e;
}

TimelineEpisode new_event(EventType type, FuzzyDate date) {
    TimelineEpisode e = new_episode(default_lane(type), date);
    e.kind = EpisodeKind::Event;
    e.event = type == EventType::None ? EventType::Other : type;
    return e;
}

int episode_index(const Timeline& t, const std::string& id) {
    for (size_t i = 0; i < t.episodes.size(); ++i)
        if (t.episodes[i].id == id) return static_cast<int>(i);
    return -1;
}

const TimelineEpisode* find_episode(const Timeline& t, const std::string& id) {
    const int i = episode_index(t, id);
    return i < 0 ? nullptr : &t.episodes[static_cast<size_t>(i)];
}

TimelineEpisode* find_episode(Timeline& t, const std::string& id) {
    const int i = episode_index(t, id);
    return i < 0 ? nullptr : &t.episodes[static_cast<size_t>(i)];
}

// [SECTION] Checks and corrections

const char* issue_key(TimelineIssue issue) {
    switch (issue) {
    case TimelineIssue::MissingStart: return "missing_start";
    case TimelineIssue::TooMany: return "too_many";
    case TimelineIssue::EndBeforeStart: return "end_before_start";
    case TimelineIssue::BeforeBirth: return "before_birth";
    case TimelineIssue::FarFuture: return "far_future";
    case TimelineIssue::BadMonth: return "bad_month";
    case TimelineIssue::BadRomeCode: return "bad_rome_code";
    case TimelineIssue::BadLevel: return "bad_level";
    case TimelineIssue::EventEnd: return "event_end";
    case TimelineIssue::Blank: return "blank";
    }
    return "";
}

bool is_refusal(TimelineIssue i) { return i == TimelineIssue::MissingStart || i == TimelineIssue::TooMany; }

bool EpisodeCheck::has(TimelineIssue issue) const {
    return std::find(issues.begin(), issues.end(), issue) != issues.end();
}

namespace {
constexpr int kIssueCount = static_cast<int>(TimelineIssue::Blank) + 1;
struct IssueSet {
    bool on[kIssueCount] = {};
    void add(TimelineIssue i) { on[static_cast<int>(i)] = true; }
    std::vector<TimelineIssue> list() const {
        std::vector<TimelineIssue> out;
        for (int i = 0; i < kIssueCount; ++i)
            if (on[i]) out.push_back(static_cast<TimelineIssue>(i));
        return out;
    }
};

// Swaps start and end when the end's period finishes before the start's begins.
void fix_order(TimelineEpisode& e, IssueSet& found) {
    if (e.is_event() || !e.start.is_set() || !e.end.is_set()) return;
    if (e.end.last_month() < e.start.first_month()) {
        std::swap(e.start, e.end);
        found.add(TimelineIssue::EndBeforeStart);
    }
}

void normalize(TimelineEpisode& e, IssueSet& found) {
    for (FuzzyDate* d : {&e.start, &e.end}) {
        if (d->month != 0 && !d->has_month()) {
            d->month = 0;
            found.add(TimelineIssue::BadMonth);
        }
        if (!d->is_set()) *d = FuzzyDate{}; // an unset date carries no month or « vers »
        // Damaged data: keep month indexes far from int overflow (EDTF years are 4 digits).
        if (d->year > kMaxYear) {
            d->year = kMaxYear;
            found.add(TimelineIssue::FarFuture);
        } else if (d->year < 0) {
            d->year = 1;
            found.add(TimelineIssue::BeforeBirth);
        }
    }
    if (e.training.level < 0 || e.training.level > kMaxLevel) {
        e.training.level = 0;
        found.add(TimelineIssue::BadLevel);
    }
    if (e.is_event() && e.end.is_set()) {
        e.end = FuzzyDate{};
        found.add(TimelineIssue::EventEnd);
    }
    fix_order(e, found);
}
} // namespace

std::vector<TimelineIssue> normalize_episode(TimelineEpisode& e) {
    IssueSet found;
    normalize(e, found);
    return found.list();
}

bool is_valid_rome_code(const std::string& code) {
    if (code.size() != 5 || code[0] < 'A' || code[0] > 'Z') return false;
    for (size_t i = 1; i < 5; ++i)
        if (code[i] < '0' || code[i] > '9') return false;
    return true;
}

TimelineLimits timeline_limits(const Session& s, const Date& today) {
    const Date& birth = s.participant.birth_date;
    TimelineLimits l;
    l.max_year = today.year + kMaxYearsAhead;
    l.min_year = birth.is_set() ? std::min(birth.year, l.max_year) : today.year - 110;
    return l;
}

EpisodeCheck check_episode(const Session& s, const TimelineEpisode& e, const Date& today) {
    EpisodeCheck out{e, {}, false};
    TimelineEpisode& ep = out.episode;
    IssueSet found;
    normalize(ep, found);
    if (!ep.start.is_set()) found.add(TimelineIssue::MissingStart);

    const TimelineLimits limits = timeline_limits(s, today);
    for (FuzzyDate* d : {&ep.start, &ep.end}) {
        if (!d->is_set()) continue;
        if (d->year < limits.min_year) {
            d->year = limits.min_year;
            found.add(TimelineIssue::BeforeBirth);
        } else if (d->year > limits.max_year) {
            d->year = limits.max_year;
            found.add(TimelineIssue::FarFuture);
        }
    }
    // Both moved into the same year with their months kept (1985-06 / 1986-02 -> 1990-06 / 1990-02).
    fix_order(ep, found);

    std::string code;
    for (char c : trimmed(ep.job.rome_code)) code += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    if (!code.empty() && !is_valid_rome_code(code)) {
        code.clear();
        found.add(TimelineIssue::BadRomeCode);
    }
    ep.job.rome_code = code;

    if (is_blank(ep)) found.add(TimelineIssue::Blank);
    if (!find_episode(s.timeline, ep.id) && s.timeline.episodes.size() >= kMaxEpisodes)
        found.add(TimelineIssue::TooMany);

    out.issues = found.list();
    out.refused = std::any_of(out.issues.begin(), out.issues.end(), is_refusal);
    return out;
}

// [SECTION] Editing helpers

TimelineEpisode shifted(const TimelineEpisode& e, int months) {
    TimelineEpisode out = e;
    if (months == 0) return out;
    if (months % 12 == 0) {
        if (out.start.is_set()) out.start.year += months / 12;
        if (out.end.is_set()) out.end.year += months / 12;
        return out;
    }
    if (out.start.is_set())
        out.start = FuzzyDate::from_month_index(e.start.first_month() + months, e.start.approximate);
    if (out.end.is_set()) out.end = FuzzyDate::from_month_index(e.end.last_month() + months, e.end.approximate);
    return out;
}

TimelineEpisode with_start(const TimelineEpisode& e, const FuzzyDate& start) {
    TimelineEpisode out = e;
    if (!start.is_set()) return out;
    out.start = start;
    if (!e.is_event() && e.end.is_set() && start.first_month() > e.end.last_month())
        out.start = FuzzyDate::from_month_index(e.end.last_month(), start.approximate);
    return out;
}

TimelineEpisode with_end(const TimelineEpisode& e, const FuzzyDate& end) {
    TimelineEpisode out = e;
    if (e.is_event()) return out;
    out.end = end;
    if (end.is_set() && e.start.is_set() && end.last_month() < e.start.first_month())
        out.end = FuzzyDate::from_month_index(e.start.first_month(), end.approximate);
    return out;
}

// [SECTION] Derived facts

int months_employed(const Timeline& t, int today_month) {
    int total = 0;
    for (const Span& s : merged(spans_until(t, today_month, [](const TimelineEpisode& e) {
             return e.lane == Lane::Employment;
         })))
        total += s.last - s.first + 1;
    return total;
}

std::optional<JobFact> longest_job(const Timeline& t, int today_month) {
    const TimelineEpisode* best = nullptr;
    int best_months = 0;
    for (const auto& e : t.episodes) {
        if (e.is_event() || e.lane != Lane::Employment || !e.start.is_set() || e.first_month() > today_month)
            continue;
        const int months = std::min(e.last_month(today_month), today_month) - e.first_month() + 1;
        if (!best || months > best_months || (months == best_months && e.first_month() < best->first_month())) {
            best = &e;
            best_months = months;
        }
    }
    if (!best) return std::nullopt;
    return JobFact{best->id, blank_text(best->job.title) ? best->title : best->job.title, best->job.rome_code,
                   best->job.employer, best_months};
}

std::optional<DiplomaFact> highest_diploma(const Timeline& t) {
    std::optional<DiplomaFact> best;
    for (const auto& e : t.episodes) {
        const bool from_training = !e.is_event() && e.lane == Lane::Education && e.training.diploma == Answer::Yes;
        const bool from_event = e.is_event() && e.event == EventType::Diploma && e.training.diploma != Answer::No;
        if (!from_training && !from_event) continue;
        DiplomaFact f{e.id, blank_text(e.training.title) ? e.title : e.training.title, e.training.level,
                      (from_training && e.end.is_set()) ? e.end : e.start};
        if (!best || f.level > best->level ||
            (f.level == best->level && f.date.first_month() < best->date.first_month()))
            best = std::move(f);
    }
    return best;
}

std::vector<Gap> find_gaps(const Timeline& t, const Date& birth_date, int today_month, int min_months) {
    const std::vector<Span> covered =
        merged(spans_until(t, today_month, [](const TimelineEpisode& e) { return fills_gaps(e.lane); }));
    int from = 0;
    // A birth year outside 1..9999 (damaged data) counts as unknown rather than overflowing.
    if (birth_date.is_set() && birth_date.year >= 1 && birth_date.year <= kMaxYear - 16)
        from = month_index(birth_date.year + 16, std::clamp(birth_date.month, 1, 12));
    else if (!covered.empty()) from = covered.front().first;
    else return {};

    std::vector<Gap> out;
    const auto add = [&](int first, int last) {
        first = std::max(first, from);
        last = std::min(last, today_month);
        if (last - first + 1 >= std::max(min_months, 1)) out.push_back(Gap{first, last});
    };
    int cursor = from; // first month not yet known to be covered
    for (const Span& s : covered) {
        if (s.first > cursor) add(cursor, s.first - 1);
        cursor = std::max(cursor, s.last + 1);
    }
    if (cursor <= today_month) add(cursor, today_month);
    return out;
}

std::optional<LastJobEnd> last_job_end(const Timeline& t, int today_month) {
    const TimelineEpisode* best = nullptr;
    const auto end_of = [&](const TimelineEpisode& e) { return e.ongoing() ? INT32_MAX : e.end.last_month(); };
    for (const auto& e : t.episodes) {
        if (e.is_event() || e.lane != Lane::Employment || !e.start.is_set() || e.first_month() > today_month)
            continue;
        if (!best || end_of(e) > end_of(*best) ||
            (end_of(e) == end_of(*best) && e.first_month() > best->first_month()))
            best = &e;
    }
    if (!best) return std::nullopt;
    return LastJobEnd{best->id, best->end, best->ongoing()};
}

TimelineFacts derive_facts(const Session& s, const Date& today) {
    const int now = month_index(today);
    TimelineFacts f;
    f.months_employed = months_employed(s.timeline, now);
    f.longest_job = longest_job(s.timeline, now);
    f.highest_diploma = highest_diploma(s.timeline);
    f.gaps = find_gaps(s.timeline, s.participant.birth_date, now);
    f.last_job_end = last_job_end(s.timeline, now);
    return f;
}

// [SECTION] Row stacking

LaneRows stack_lane(const Timeline& t, Lane lane, int today_month, bool include_events) {
    LaneRows out;
    out.row.assign(t.episodes.size(), -1);
    struct Item {
        size_t index;
        int first, last;
    };
    std::vector<Item> items;
    bool any = false;
    for (size_t i = 0; i < t.episodes.size(); ++i) {
        const auto& e = t.episodes[i];
        if (e.lane != lane) continue;
        any = true;
        out.row[i] = 0;
        if (!e.start.is_set() || (e.is_event() && !include_events)) continue; // row 0, takes no row
        items.push_back(Item{i, e.first_month(), e.last_month(today_month)});
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        if (a.first != b.first) return a.first < b.first;
        if (a.last != b.last) return a.last > b.last; // longer first: it goes below the short ones
        return a.index < b.index;
    });
    std::vector<int> row_last; // last month taken in each row
    for (const Item& it : items) {
        size_t r = 0;
        while (r < row_last.size() && row_last[r] >= it.first) ++r;
        if (r == row_last.size()) row_last.push_back(it.last);
        else row_last[r] = it.last;
        out.row[it.index] = static_cast<int>(r);
    }
    out.row_count = any ? std::max<int>(1, static_cast<int>(row_last.size())) : 0;
    return out;
}

// [SECTION] ROME job list

std::string fold_for_search(const std::string& text) {
    // Latin-1 supplement letters (second byte after 0xC3), folded to ASCII.
    static const char* const kC3[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // 80-8F
        "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "ss", // 90-9F
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // A0-AF
        "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "y",  // B0-BF
    };
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const unsigned char d = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += static_cast<char>(c);
            else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
            else out += ' ';
        } else if (c == 0xC3 && d >= 0x80 && d <= 0xBF) {
            out += kC3[d - 0x80];
            ++i;
        } else if (c == 0xC5 && (d == 0x92 || d == 0x93)) { // Œ œ
            out += "oe";
            ++i;
        } else if (c == 0xC5 && d == 0xB8) { // Ÿ
            out += 'y';
            ++i;
        } else if (c == 0xC2 && d == 0xA0) { // no-break space
            out += ' ';
            ++i;
        } else if (c == 0xE2 && d == 0x80 && i + 2 < text.size()) { // ’ – — … and other punctuation
            out += ' ';
            i += 2;
        } else {
            out += static_cast<char>(c); // other scripts: kept as they are
        }
    }
    return out;
}

namespace {
std::vector<std::string> words_of(const std::string& folded) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && folded[i] == ' ') ++i;
        const size_t start = i;
        while (i < folded.size() && folded[i] != ' ') ++i;
        if (i > start) out.push_back(folded.substr(start, i - start));
    }
    return out;
}
bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }
} // namespace

std::optional<std::vector<RomeJob>> load_rome_jobs(const std::string& path, std::string* error) {
    const auto fail = [&](const std::string& message) -> std::optional<std::vector<RomeJob>> {
        if (error) *error = message;
        return std::nullopt;
    };
    std::vector<RomeJob> out;
    std::string problem;
    const auto stop = [&](std::string message) {
        problem = std::move(message);
        return false;
    };
    const bool opened = read_tsv_lines(path, [&](int number, const std::string& line) {
        const std::string where = path + ":" + std::to_string(number) + ": ";
        const size_t tab = line.find('\t');
        if (tab == std::string::npos) return stop(where + "expected code<TAB>title");
        if (line.find('\t', tab + 1) != std::string::npos) return stop(where + "more than one tab");
        RomeJob job{line.substr(0, tab), trimmed(line.substr(tab + 1))};
        if (!is_valid_rome_code(job.code))
            return stop(where + "bad ROME code '" + job.code + "' (expected a letter and 4 digits)");
        if (job.title.empty()) return stop(where + "empty title for " + job.code);
        for (const auto& other : out)
            if (other.code == job.code && other.title == job.title)
                return stop(where + "duplicate entry " + job.code + " '" + job.title + "'");
        out.push_back(std::move(job));
        return true;
    });
    if (!opened) return fail("cannot read job list " + path);
    if (!problem.empty()) return fail(problem);
    return out;
}

std::vector<const RomeJob*> search_rome_jobs(const std::vector<RomeJob>& jobs, const std::string& query,
                                             size_t max_results) {
    const std::vector<std::string> q = words_of(fold_for_search(query));
    if (q.empty() || max_results == 0) return {};
    struct Hit {
        int rank;
        size_t words;
        size_t index;
    };
    std::vector<Hit> hits;
    for (size_t i = 0; i < jobs.size(); ++i) {
        const std::vector<std::string> title = words_of(fold_for_search(jobs[i].title));
        bool all = true;
        for (const auto& word : q) {
            bool found = false;
            for (const auto& tw : title) found = found || starts_with(tw, word);
            all = all && found;
        }
        if (all) {
            hits.push_back(Hit{!title.empty() && starts_with(title[0], q[0]) ? 0 : 1, title.size(), i});
            continue;
        }
        std::string code;
        for (char c : jobs[i].code) code += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (q.size() == 1 && q[0].size() >= 2 && starts_with(code, q[0])) hits.push_back(Hit{2, title.size(), i});
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
        return std::tie(a.rank, a.words, a.index) < std::tie(b.rank, b.words, b.index);
    });
    std::vector<const RomeJob*> out;
    for (size_t i = 0; i < hits.size() && i < max_results; ++i) out.push_back(&jobs[hits[i].index]);
    return out;
}

} // namespace amorce::core
