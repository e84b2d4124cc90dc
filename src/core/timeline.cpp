// STUB: declarations only for now (the UI can build against timeline.hpp); implemented next.
#include "core/timeline.hpp"

#include "core/session.hpp"

namespace amorce::core {

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

int month_index(int year, int month) { return year * 12 + (month - 1); }
int FuzzyDate::first_month() const { return is_set() ? month_index(year, has_month() ? month : 1) : 0; }
int FuzzyDate::last_month() const { return is_set() ? month_index(year, has_month() ? month : 12) : 0; }
FuzzyDate FuzzyDate::from_month_index(int index, bool approximate) {
    return FuzzyDate{year_of_month_index(index), month_of_month_index(index), approximate};
}
std::string to_edtf(const FuzzyDate&) { return {}; }
std::optional<FuzzyDate> parse_edtf(const std::string&) { return std::nullopt; }
std::string to_edtf_interval(const FuzzyDate&, const FuzzyDate&) { return {}; }
std::string date_label(const FuzzyDate&, const DateWords&) { return {}; }
std::string period_label(const FuzzyDate&, const FuzzyDate&, bool, const DateWords&) { return {}; }

const char* contract_key(Contract) { return "unknown"; }
const char* work_time_key(WorkTime) { return "unknown"; }
const char* answer_key(Answer) { return "unknown"; }
const char* event_key(EventType) { return "none"; }
Lane default_lane(EventType) { return Lane::Personal; }

int TimelineEpisode::last_month(int today_month) const {
    if (is_event()) return first_month();
    return end.is_set() ? end.last_month() : std::max(today_month, first_month());
}
bool TimelineEpisode::operator==(const TimelineEpisode& o) const {
    return id == o.id && lane == o.lane && kind == o.kind && start == o.start && end == o.end &&
           title == o.title && job == o.job && training == o.training && event == o.event && note == o.note;
}
bool is_blank(const TimelineEpisode&) { return false; }
const std::string& display_title(const TimelineEpisode& e) { return e.title; }

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
    e.event = type;
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

const char* issue_key(TimelineIssue) { return ""; }
bool is_refusal(TimelineIssue i) { return i == TimelineIssue::MissingStart || i == TimelineIssue::TooMany; }
TimelineLimits timeline_limits(const Session&, const Date& today) { return {today.year - 110, today.year + 10}; }
bool EpisodeCheck::has(TimelineIssue issue) const {
    for (auto i : issues)
        if (i == issue) return true;
    return false;
}
EpisodeCheck check_episode(const Session&, const TimelineEpisode& e, const Date&) { return {e, {}, false}; }
std::vector<TimelineIssue> normalize_episode(TimelineEpisode&) { return {}; }
bool is_valid_rome_code(const std::string&) { return false; }

TimelineEpisode shifted(const TimelineEpisode& e, int) { return e; }
TimelineEpisode with_start(const TimelineEpisode& e, const FuzzyDate&) { return e; }
TimelineEpisode with_end(const TimelineEpisode& e, const FuzzyDate&) { return e; }

int months_employed(const Timeline&, int) { return 0; }
std::optional<JobFact> longest_job(const Timeline&, int) { return std::nullopt; }
std::optional<DiplomaFact> highest_diploma(const Timeline&) { return std::nullopt; }
std::vector<Gap> find_gaps(const Timeline&, const Date&, int, int) { return {}; }
std::optional<LastJobEnd> last_job_end(const Timeline&, int) { return std::nullopt; }
TimelineFacts derive_facts(const Session&, const Date&) { return {}; }

LaneRows stack_lane(const Timeline& t, Lane, int, bool) { return {std::vector<int>(t.episodes.size(), -1), 0}; }

std::optional<std::vector<RomeJob>> load_rome_jobs(const std::string&, std::string* error) {
    if (error) *error = "not implemented";
    return std::nullopt;
}
std::vector<const RomeJob*> search_rome_jobs(const std::vector<RomeJob>&, const std::string&, size_t) { return {}; }
std::string fold_for_search(const std::string& text) { return text; }

} // namespace amorce::core
