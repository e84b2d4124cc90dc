#include "core/retention.hpp"

#include <algorithm>

namespace amorce::core {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

bool valid(const Date& d) { return is_valid_date(d.year, d.month, d.day); }

int default_days(RetentionSetting s) {
    return s == RetentionSetting::PurgeExportedAfterDays ? RetentionPolicy::kDefaultPurgeExportedAfterDays
                                                         : RetentionPolicy::kDefaultFlagDraftsAfterDays;
}

} // namespace

// [SECTION] Policy

const char* setting_key(RetentionSetting s) {
    switch (s) {
    case RetentionSetting::PurgeExportedAfterDays: return "retention.purge_exported_after_days";
    case RetentionSetting::FlagDraftsAfterDays: return "retention.flag_drafts_after_days";
    }
    return "retention.unknown";
}

const char* error_key(RetentionValueError e) {
    switch (e) {
    case RetentionValueError::None: return "ok";
    case RetentionValueError::Empty: return "empty";
    case RetentionValueError::NotANumber: return "not_a_number";
    case RetentionValueError::TooSmall: return "too_small";
    case RetentionValueError::TooLarge: return "too_large";
    }
    return "unknown";
}

std::string describe(const RetentionIssue& issue) {
    std::string what;
    switch (issue.error) {
    case RetentionValueError::None: what = "is valid"; break;
    case RetentionValueError::Empty: what = "is empty"; break;
    case RetentionValueError::NotANumber: what = "is not a whole number of days"; break;
    case RetentionValueError::TooSmall:
        what = "is below the minimum of " + std::to_string(RetentionPolicy::kMinDays) + " day";
        break;
    case RetentionValueError::TooLarge:
        what = "is above the maximum of " + std::to_string(RetentionPolicy::kMaxDays) + " days";
        break;
    }
    return std::string(setting_key(issue.setting)) + " " + what;
}

RetentionValueError check_retention_days(int days) {
    if (days < RetentionPolicy::kMinDays) return RetentionValueError::TooSmall;
    if (days > RetentionPolicy::kMaxDays) return RetentionValueError::TooLarge;
    return RetentionValueError::None;
}

std::optional<int> parse_retention_days(std::string_view text, RetentionValueError* error) {
    auto fail = [&](RetentionValueError e) -> std::optional<int> {
        if (error) *error = e;
        return std::nullopt;
    };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    if (text.empty()) return fail(RetentionValueError::Empty);
    const bool negative = text.front() == '-';
    if (negative) text.remove_prefix(1);
    if (text.empty()) return fail(RetentionValueError::NotANumber);
    // Digit by digit, saturating well above the maximum: "99999999999999999999" is too large,
    // not an overflow.
    long long value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return fail(RetentionValueError::NotANumber);
        value = std::min(value * 10 + (c - '0'), 1000000LL);
    }
    const int days = static_cast<int>(negative ? -value : value);
    if (const RetentionValueError e = check_retention_days(days); e != RetentionValueError::None) return fail(e);
    if (error) *error = RetentionValueError::None;
    return days;
}

std::vector<RetentionIssue> validate_policy(const RetentionPolicy& policy) {
    std::vector<RetentionIssue> issues;
    if (const auto e = check_retention_days(policy.purge_exported_after_days); e != RetentionValueError::None)
        issues.push_back({RetentionSetting::PurgeExportedAfterDays, e});
    if (const auto e = check_retention_days(policy.flag_drafts_after_days); e != RetentionValueError::None)
        issues.push_back({RetentionSetting::FlagDraftsAfterDays, e});
    return issues;
}

RetentionSettings policy_from_settings(const std::optional<std::string>& purge_exported_after_days,
                                       const std::optional<std::string>& flag_drafts_after_days) {
    RetentionSettings out;
    auto read = [&](const std::optional<std::string>& text, RetentionSetting setting) {
        if (!text) return default_days(setting);
        RetentionValueError e = RetentionValueError::None;
        if (const auto days = parse_retention_days(*text, &e)) return *days;
        out.issues.push_back({setting, e});
        return default_days(setting);
    };
    out.policy.purge_exported_after_days =
        read(purge_exported_after_days, RetentionSetting::PurgeExportedAfterDays);
    out.policy.flag_drafts_after_days = read(flag_drafts_after_days, RetentionSetting::FlagDraftsAfterDays);
    return out;
}

// [SECTION] Plan

const char* skip_key(RetentionSkip s) {
    switch (s) {
    case RetentionSkip::Damaged: return "damaged";
    case RetentionSkip::ExportedWithoutDate: return "exported_without_date";
    case RetentionSkip::ExportDateInFuture: return "export_date_in_future";
    case RetentionSkip::DraftWithoutDate: return "draft_without_date";
    case RetentionSkip::InterviewDateInFuture: return "interview_date_in_future";
    case RetentionSkip::InvalidDate: return "invalid_date";
    }
    return "unknown";
}

RetentionCandidate retention_candidate(const SessionSummary& s, const Date& exported_on) {
    RetentionCandidate c;
    c.id = s.id;
    c.status = s.status;
    c.interview_date = s.interview_date;
    c.exported_on = exported_on;
    c.damaged = s.damaged;
    return c;
}

RetentionPlan plan_retention(const std::vector<RetentionCandidate>& sessions, const RetentionPolicy& policy,
                             const Date& today) {
    RetentionPlan plan;
    plan.policy_issues = validate_policy(policy);
    if (!valid(today)) {
        plan.today_invalid = true;
        return plan;
    }
    const bool purge_on = check_retention_days(policy.purge_exported_after_days) == RetentionValueError::None;
    const bool flag_on = check_retention_days(policy.flag_drafts_after_days) == RetentionValueError::None;
    const std::int64_t now = today.to_days();

    for (const RetentionCandidate& s : sessions) {
        auto skip = [&](RetentionSkip why) { plan.skipped.push_back({s.id, why}); };
        if (s.damaged) {
            skip(RetentionSkip::Damaged);
            continue;
        }
        if (s.status == SessionStatus::Exported) {
            if (!s.exported_on.is_set()) {
                skip(RetentionSkip::ExportedWithoutDate);
            } else if (!valid(s.exported_on)) {
                skip(RetentionSkip::InvalidDate);
            } else if (s.exported_on.to_days() > now) {
                skip(RetentionSkip::ExportDateInFuture);
            } else if (const std::int64_t days = now - s.exported_on.to_days();
                       purge_on && days >= policy.purge_exported_after_days) {
                plan.purge.push_back({s.id, s.exported_on, days});
            }
        } else if (s.status == SessionStatus::Draft) {
            if (!s.interview_date.is_set()) {
                skip(RetentionSkip::DraftWithoutDate);
            } else if (!valid(s.interview_date)) {
                skip(RetentionSkip::InvalidDate);
            } else if (s.interview_date.to_days() > now) {
                skip(RetentionSkip::InterviewDateInFuture);
            } else if (const std::int64_t days = now - s.interview_date.to_days();
                       flag_on && days >= policy.flag_drafts_after_days) {
                plan.flag.push_back({s.id, s.interview_date, days});
            }
        }
        // Finalized: waiting for its export; neither purged nor flagged.
    }
    return plan;
}

std::vector<PurgeDue> sessions_to_purge(const std::vector<SessionSummary>& summaries,
                                        const std::function<Date(const std::string& id)>& exported_on,
                                        const Date& today, const RetentionPolicy& policy) {
    std::vector<RetentionCandidate> candidates;
    candidates.reserve(summaries.size());
    for (const SessionSummary& s : summaries) {
        // Only exported sessions need the store's export day.
        const bool ask = exported_on && s.status == SessionStatus::Exported && !s.damaged;
        candidates.push_back(retention_candidate(s, ask ? exported_on(s.id) : Date{}));
    }
    return plan_retention(candidates, policy, today).purge;
}

std::vector<DraftFlag> drafts_to_flag(const std::vector<SessionSummary>& summaries, const Date& today,
                                      const RetentionPolicy& policy) {
    std::vector<RetentionCandidate> candidates;
    candidates.reserve(summaries.size());
    for (const SessionSummary& s : summaries) candidates.push_back(retention_candidate(s, Date{}));
    return plan_retention(candidates, policy, today).flag;
}

} // namespace amorce::core
