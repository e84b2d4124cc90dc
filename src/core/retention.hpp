// Retention (issue 7): which exported sessions are due to be purged from the tablet, and which
// drafts have been left too long and are shown to the counsellor. Pure: no clock, no I/O — the
// caller passes today and the dates; the store deletes and writes the audit entry.
//
// [SECTION] Policy     RetentionPolicy, its settings and their validation
// [SECTION] Plan       what to purge, what to flag, what could not be judged
//
// Day arithmetic: "after N days" counts calendar days. A session exported on day D is purged
// from day D + N on (N = 30: kept on D + 29, purged on D + 30 and after). A draft whose interview
// was on day D is flagged from day D + N on. Dates are local calendar days (core::Date); the
// store turns its unix times into days with core::local_date_of.
//
// Decisions (and why):
// - Both delays take 1 to 365 days. 0 is refused rather than meaning "never" or "at once":
//   never purging is not an option in the security model (DESIGN.md §5: exported sessions are
//   purged after a retention period), and purging on the day of the export leaves no time to
//   export again if the central system did not receive the file. More than a year would make
//   the tablet an archive, which it must not be.
// - Drafts are flagged 30 days after the interview by default. The synthesis is due 5 days after
//   the interview and the session list already shows late ones (kSynthesisDueDays); a draft still
//   there a month later is no longer late but forgotten: it holds a person's story with no
//   synthesis to show for it, for as long as an exported session is allowed to stay. The flag
//   asks the counsellor to finish it or delete it; nothing is deleted automatically.
// - Only status Exported is purged; finalized sessions (not yet at the central system) and drafts
//   never are. A damaged session is never purged automatically (its status cannot be read).
// - Dates in the future (the tablet's clock was wrong, or moved back) never purge or flag; the
//   session is listed in `skipped` so that an administrator can look.
// - A policy value out of range purges (or flags) nothing: deleting on a bad setting is worse than
//   not deleting. policy_from_settings() falls back to the default instead and says why.
#pragma once

#include "core/date.hpp"
#include "core/session.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace amorce::core {

// [SECTION] Policy
struct RetentionPolicy {
    static constexpr int kMinDays = 1;
    static constexpr int kMaxDays = 365;
    static constexpr int kDefaultPurgeExportedAfterDays = 30; // issue 7
    static constexpr int kDefaultFlagDraftsAfterDays = 30;    // see above

    int purge_exported_after_days = kDefaultPurgeExportedAfterDays;
    int flag_drafts_after_days = kDefaultFlagDraftsAfterDays;
};

enum class RetentionSetting : std::uint8_t { PurgeExportedAfterDays, FlagDraftsAfterDays };
// The settings' keys (e.g. in the store's meta table): "retention.purge_exported_after_days",
// "retention.flag_drafts_after_days".
const char* setting_key(RetentionSetting s);

// Why a typed or stored value was refused; the UI turns each into a French message.
enum class RetentionValueError : std::uint8_t {
    None,
    Empty,      // nothing but spaces
    NotANumber, // anything but ASCII digits with an optional leading '-' ("30 jours", "3.5", "+5")
    TooSmall,   // below RetentionPolicy::kMinDays (0 and negative numbers)
    TooLarge,   // above RetentionPolicy::kMaxDays (however many digits)
};
const char* error_key(RetentionValueError e); // "empty", "not_a_number", "too_small", "too_large"

struct RetentionIssue {
    RetentionSetting setting;
    RetentionValueError error;
    bool operator==(const RetentionIssue& o) const { return setting == o.setting && error == o.error; }
};
std::string describe(const RetentionIssue& issue); // English, e.g. for a log line

// A number of days from a settings field: spaces around are allowed. nullopt + *error otherwise.
std::optional<int> parse_retention_days(std::string_view text, RetentionValueError* error = nullptr);
RetentionValueError check_retention_days(int days);

// Problems of a policy built in code (each value out of range), none when valid.
std::vector<RetentionIssue> validate_policy(const RetentionPolicy& policy);

// The policy from stored settings (nullopt: never set, the default). A bad value is replaced by
// the default and reported in `issues`.
struct RetentionSettings {
    RetentionPolicy policy;
    std::vector<RetentionIssue> issues;
};
RetentionSettings policy_from_settings(const std::optional<std::string>& purge_exported_after_days,
                                       const std::optional<std::string>& flag_drafts_after_days);

// [SECTION] Plan
// What the store must provide for each session: the summary's fields, plus the calendar day the
// session was exported (SessionSummary has no such field; unset when not exported or unknown).
struct RetentionCandidate {
    std::string id;
    SessionStatus status = SessionStatus::Draft;
    Date interview_date; // SessionSummary::interview_date
    Date exported_on;    // local day the export was written
    bool damaged = false;
};
RetentionCandidate retention_candidate(const SessionSummary& s, const Date& exported_on);

struct PurgeDue {
    std::string id;
    Date exported_on;
    std::int64_t days_since_export = 0; // >= the policy's delay
};

struct DraftFlag {
    std::string id;
    Date interview_date;
    std::int64_t days_since_interview = 0; // >= the policy's delay
};

enum class RetentionSkip : std::uint8_t {
    Damaged,               // unreadable: never purged automatically
    ExportedWithoutDate,   // status Exported but no export day: kept, for an administrator
    ExportDateInFuture,    // exported "after today": the clock is wrong
    DraftWithoutDate,      // a draft with no interview day
    InterviewDateInFuture, // a draft whose interview is after today
    InvalidDate,           // a date that does not exist (e.g. 30/02)
};
const char* skip_key(RetentionSkip s); // "damaged", "exported_without_date", ...

struct SkippedSession {
    std::string id;
    RetentionSkip why;
};

struct RetentionPlan {
    std::vector<PurgeDue> purge;         // in input order
    std::vector<DraftFlag> flag;         // in input order
    std::vector<SkippedSession> skipped; // sessions that could not be judged, and why
    std::vector<RetentionIssue> policy_issues; // a part with a bad value did nothing
    bool today_invalid = false;          // today unset or impossible: nothing at all was decided
};

RetentionPlan plan_retention(const std::vector<RetentionCandidate>& sessions, const RetentionPolicy& policy,
                             const Date& today);

// The two halves of plan_retention, from the store's listing. exported_on(id) returns the day
// the session was exported (unset when unknown).
std::vector<PurgeDue> sessions_to_purge(const std::vector<SessionSummary>& summaries,
                                        const std::function<Date(const std::string& id)>& exported_on,
                                        const Date& today, const RetentionPolicy& policy = {});
std::vector<DraftFlag> drafts_to_flag(const std::vector<SessionSummary>& summaries, const Date& today,
                                      const RetentionPolicy& policy = {});

} // namespace amorce::core
