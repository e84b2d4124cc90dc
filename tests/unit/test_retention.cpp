// Unit tests for src/core/retention: the policy and its settings, which exported sessions are
// purged and which drafts are flagged, at the day boundaries and on bad dates.
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "core/retention.hpp"

#include <doctest/doctest.h>

#include <climits>
#include <optional>
#include <string>
#include <vector>

using namespace amorce::core;

namespace {

RetentionCandidate exported(const std::string& id, Date on) {
    RetentionCandidate c;
    c.id = id;
    c.status = SessionStatus::Exported;
    c.interview_date = Date{2025, 1, 10};
    c.exported_on = on;
    return c;
}

RetentionCandidate draft(const std::string& id, Date interview) {
    RetentionCandidate c;
    c.id = id;
    c.status = SessionStatus::Draft;
    c.interview_date = interview;
    return c;
}

std::vector<std::string> purge_ids(const RetentionPlan& p) {
    std::vector<std::string> ids;
    for (const auto& d : p.purge) ids.push_back(d.id);
    return ids;
}

std::vector<std::string> flag_ids(const RetentionPlan& p) {
    std::vector<std::string> ids;
    for (const auto& d : p.flag) ids.push_back(d.id);
    return ids;
}

std::optional<RetentionSkip> skipped(const RetentionPlan& p, const std::string& id) {
    for (const auto& s : p.skipped)
        if (s.id == id) return s.why;
    return std::nullopt;
}

RetentionValueError parse_error(const std::string& text) {
    RetentionValueError e = RetentionValueError::None;
    CHECK_FALSE(parse_retention_days(text, &e).has_value());
    return e;
}

using Ids = std::vector<std::string>;

} // namespace

TEST_CASE("retention: defaults and policy validation") {
    const RetentionPolicy def;
    CHECK(def.purge_exported_after_days == 30);
    CHECK(def.flag_drafts_after_days == 30);
    CHECK(validate_policy(def).empty());
    CHECK(check_retention_days(1) == RetentionValueError::None);
    CHECK(check_retention_days(365) == RetentionValueError::None);
    CHECK(check_retention_days(0) == RetentionValueError::TooSmall);
    CHECK(check_retention_days(-1) == RetentionValueError::TooSmall);
    CHECK(check_retention_days(INT_MIN) == RetentionValueError::TooSmall);
    CHECK(check_retention_days(366) == RetentionValueError::TooLarge);
    CHECK(check_retention_days(INT_MAX) == RetentionValueError::TooLarge);

    RetentionPolicy bad;
    bad.purge_exported_after_days = 0;
    bad.flag_drafts_after_days = 1000;
    const auto issues = validate_policy(bad);
    REQUIRE(issues.size() == 2);
    CHECK(issues[0] == RetentionIssue{RetentionSetting::PurgeExportedAfterDays, RetentionValueError::TooSmall});
    CHECK(issues[1] == RetentionIssue{RetentionSetting::FlagDraftsAfterDays, RetentionValueError::TooLarge});
}

TEST_CASE("retention: settings values are parsed strictly and never crash") {
    CHECK(parse_retention_days("30") == 30);
    CHECK(parse_retention_days(" 30 ") == 30);
    CHECK(parse_retention_days("\t7\n") == 7);
    CHECK(parse_retention_days("030") == 30);
    CHECK(parse_retention_days("1") == 1);
    CHECK(parse_retention_days("365") == 365);
    RetentionValueError e = RetentionValueError::TooLarge;
    CHECK(parse_retention_days("45", &e) == 45);
    CHECK(e == RetentionValueError::None); // reset on success

    CHECK(parse_error("") == RetentionValueError::Empty);
    CHECK(parse_error("   ") == RetentionValueError::Empty);
    CHECK(parse_error("abc") == RetentionValueError::NotANumber);
    CHECK(parse_error("30 jours") == RetentionValueError::NotANumber);
    CHECK(parse_error("3 0") == RetentionValueError::NotANumber);
    CHECK(parse_error("3.5") == RetentionValueError::NotANumber);
    CHECK(parse_error("3,5") == RetentionValueError::NotANumber);
    CHECK(parse_error("+5") == RetentionValueError::NotANumber);
    CHECK(parse_error("-") == RetentionValueError::NotANumber);
    CHECK(parse_error("--5") == RetentionValueError::NotANumber);
    CHECK(parse_error("1e3") == RetentionValueError::NotANumber);
    CHECK(parse_error("0x1E") == RetentionValueError::NotANumber);
    CHECK(parse_error(std::string("3\0", 2)) == RetentionValueError::NotANumber);
    CHECK(parse_error("\xD9\xA3\xD9\xA0") == RetentionValueError::NotANumber); // Arabic-Indic ٣٠
    CHECK(parse_error("\xEF\xBC\x93\xEF\xBC\x90") == RetentionValueError::NotANumber); // full-width ３０
    CHECK(parse_error("0") == RetentionValueError::TooSmall);
    CHECK(parse_error("000") == RetentionValueError::TooSmall);
    CHECK(parse_error("-5") == RetentionValueError::TooSmall);
    CHECK(parse_error("-99999999999999999999999") == RetentionValueError::TooSmall);
    CHECK(parse_error("366") == RetentionValueError::TooLarge);
    CHECK(parse_error("2147483648") == RetentionValueError::TooLarge);
    CHECK(parse_error("99999999999999999999999999999999") == RetentionValueError::TooLarge);
    CHECK_FALSE(parse_retention_days("abc").has_value()); // no error pointer
}

TEST_CASE("retention: policy_from_settings falls back to the default and says why") {
    const RetentionSettings unset = policy_from_settings(std::nullopt, std::nullopt);
    CHECK(unset.policy.purge_exported_after_days == 30);
    CHECK(unset.policy.flag_drafts_after_days == 30);
    CHECK(unset.issues.empty());

    const RetentionSettings set = policy_from_settings(std::string("45"), std::string(" 10 "));
    CHECK(set.policy.purge_exported_after_days == 45);
    CHECK(set.policy.flag_drafts_after_days == 10);
    CHECK(set.issues.empty());

    const RetentionSettings bad = policy_from_settings(std::string("0"), std::string("dix"));
    CHECK(bad.policy.purge_exported_after_days == 30);
    CHECK(bad.policy.flag_drafts_after_days == 30);
    REQUIRE(bad.issues.size() == 2);
    CHECK(bad.issues[0] == RetentionIssue{RetentionSetting::PurgeExportedAfterDays, RetentionValueError::TooSmall});
    CHECK(bad.issues[1] == RetentionIssue{RetentionSetting::FlagDraftsAfterDays, RetentionValueError::NotANumber});
    CHECK(describe(bad.issues[0]) == "retention.purge_exported_after_days is below the minimum of 1 day");
    CHECK(describe(bad.issues[1]) == "retention.flag_drafts_after_days is not a whole number of days");
    CHECK(describe({RetentionSetting::FlagDraftsAfterDays, RetentionValueError::TooLarge}) ==
          "retention.flag_drafts_after_days is above the maximum of 365 days");

    const RetentionSettings empty = policy_from_settings(std::string(""), std::nullopt);
    CHECK(empty.policy.purge_exported_after_days == 30);
    REQUIRE(empty.issues.size() == 1);
    CHECK(empty.issues[0].error == RetentionValueError::Empty);
}

TEST_CASE("retention: an exported session is kept on day 29 and purged from day 30") {
    const Date exported_on{2026, 3, 1};
    const std::vector<RetentionCandidate> one = {exported("s1", exported_on)};
    const RetentionPolicy policy;
    CHECK(plan_retention(one, policy, exported_on).purge.empty());                // day 0
    CHECK(plan_retention(one, policy, exported_on.plus_days(29)).purge.empty());  // day 29
    const RetentionPlan day30 = plan_retention(one, policy, exported_on.plus_days(30));
    REQUIRE(day30.purge.size() == 1);
    CHECK(day30.purge[0].id == "s1");
    CHECK(day30.purge[0].exported_on == exported_on);
    CHECK(day30.purge[0].days_since_export == 30);
    CHECK(exported_on.plus_days(30) == Date{2026, 3, 31});
    const RetentionPlan day31 = plan_retention(one, policy, exported_on.plus_days(31));
    REQUIRE(day31.purge.size() == 1);
    CHECK(day31.purge[0].days_since_export == 31);
    CHECK(plan_retention(one, policy, Date{2030, 1, 1}).purge.size() == 1); // long overdue
    CHECK(day31.skipped.empty());

    // Across a leap February and a year end.
    const std::vector<RetentionCandidate> leap = {exported("s2", Date{2024, 2, 15})};
    CHECK(plan_retention(leap, policy, Date{2024, 3, 15}).purge.empty()); // 29 days (Feb has 29)
    CHECK(plan_retention(leap, policy, Date{2024, 3, 16}).purge.size() == 1);
    const std::vector<RetentionCandidate> year = {exported("s3", Date{2025, 12, 15})};
    CHECK(plan_retention(year, policy, Date{2026, 1, 13}).purge.empty());
    CHECK(plan_retention(year, policy, Date{2026, 1, 14}).purge.size() == 1);
}

TEST_CASE("retention: only exported sessions are purged, never damaged ones") {
    const Date today{2026, 6, 1};
    const Date long_ago{2025, 1, 1};
    RetentionCandidate d = draft("draft", long_ago);
    d.exported_on = long_ago; // an export day on a draft does not make it purgeable
    RetentionCandidate f = d;
    f.id = "finalized";
    f.status = SessionStatus::Finalized;
    RetentionCandidate broken = exported("damaged", long_ago);
    broken.damaged = true;
    const RetentionPlan p =
        plan_retention({d, f, broken, exported("exported", long_ago)}, RetentionPolicy{}, today);
    CHECK(purge_ids(p) == Ids{"exported"});
    CHECK(flag_ids(p) == Ids{"draft"});
    CHECK(skipped(p, "damaged") == RetentionSkip::Damaged);
    CHECK_FALSE(skipped(p, "finalized").has_value());
}

TEST_CASE("retention: an exported session without a usable export day is kept and reported") {
    const Date today{2026, 6, 1};
    const RetentionPlan p = plan_retention(
        {
            exported("no_date", Date{}),
            exported("impossible", Date{2026, 2, 30}),
            exported("bad_month", Date{2026, 13, 1}),
            exported("tomorrow", today.plus_days(1)),
            exported("far_future", Date{2099, 1, 1}),
            exported("today", today),
        },
        RetentionPolicy{}, today);
    CHECK(p.purge.empty());
    CHECK(skipped(p, "no_date") == RetentionSkip::ExportedWithoutDate);
    CHECK(skipped(p, "impossible") == RetentionSkip::InvalidDate);
    CHECK(skipped(p, "bad_month") == RetentionSkip::InvalidDate);
    CHECK(skipped(p, "tomorrow") == RetentionSkip::ExportDateInFuture);
    CHECK(skipped(p, "far_future") == RetentionSkip::ExportDateInFuture);
    CHECK_FALSE(skipped(p, "today").has_value()); // simply not due yet
    CHECK(p.skipped.size() == 5);
}

TEST_CASE("retention: a draft is flagged from day 30 after its interview") {
    const Date interview{2026, 4, 10};
    const std::vector<RetentionCandidate> one = {draft("d1", interview)};
    const RetentionPolicy policy;
    CHECK(plan_retention(one, policy, interview).flag.empty());
    CHECK(plan_retention(one, policy, interview.plus_days(29)).flag.empty());
    const RetentionPlan day30 = plan_retention(one, policy, interview.plus_days(30));
    REQUIRE(day30.flag.size() == 1);
    CHECK(day30.flag[0].id == "d1");
    CHECK(day30.flag[0].interview_date == interview);
    CHECK(day30.flag[0].days_since_interview == 30);
    CHECK(plan_retention(one, policy, interview.plus_days(31)).flag[0].days_since_interview == 31);
    CHECK(day30.purge.empty()); // flagged, never deleted

    const Date today{2026, 6, 1};
    RetentionCandidate finalized = draft("finalized", interview);
    finalized.status = SessionStatus::Finalized;
    const RetentionPlan p = plan_retention({draft("no_date", Date{}), draft("future", today.plus_days(3)),
                                            draft("bad", Date{2026, 4, 31}), finalized,
                                            exported("exported_recently", today.plus_days(-2))},
                                           policy, today);
    CHECK(p.flag.empty());
    CHECK(skipped(p, "no_date") == RetentionSkip::DraftWithoutDate);
    CHECK(skipped(p, "future") == RetentionSkip::InterviewDateInFuture);
    CHECK(skipped(p, "bad") == RetentionSkip::InvalidDate);
    CHECK_FALSE(skipped(p, "finalized").has_value());
    CHECK_FALSE(skipped(p, "exported_recently").has_value());
}

TEST_CASE("retention: policy bounds 1 and 365 days and out-of-range values decide nothing") {
    const Date today{2026, 6, 1};
    const std::vector<RetentionCandidate> sessions = {exported("yesterday", today.plus_days(-1)),
                                                      exported("today", today),
                                                      exported("year", today.plus_days(-365)),
                                                      draft("d_yesterday", today.plus_days(-1)),
                                                      draft("d_year", today.plus_days(-364))};
    RetentionPolicy one_day;
    one_day.purge_exported_after_days = 1;
    one_day.flag_drafts_after_days = 1;
    const RetentionPlan p1 = plan_retention(sessions, one_day, today);
    CHECK(purge_ids(p1) == Ids{"yesterday", "year"});
    CHECK(flag_ids(p1) == Ids{"d_yesterday", "d_year"});
    CHECK(p1.policy_issues.empty());

    RetentionPolicy year;
    year.purge_exported_after_days = 365;
    year.flag_drafts_after_days = 365;
    const RetentionPlan p365 = plan_retention(sessions, year, today);
    CHECK(purge_ids(p365) == Ids{"year"});
    CHECK(p365.flag.empty()); // 364 days

    // 0 is not "never" nor "at once": refused, and that half of the plan does nothing.
    RetentionPolicy zero_purge;
    zero_purge.purge_exported_after_days = 0;
    zero_purge.flag_drafts_after_days = 1;
    const RetentionPlan p0 = plan_retention(sessions, zero_purge, today);
    CHECK(p0.purge.empty());
    CHECK(flag_ids(p0) == Ids{"d_yesterday", "d_year"});
    REQUIRE(p0.policy_issues.size() == 1);
    CHECK(p0.policy_issues[0].setting == RetentionSetting::PurgeExportedAfterDays);

    RetentionPolicy negative;
    negative.purge_exported_after_days = -30;
    negative.flag_drafts_after_days = INT_MAX;
    const RetentionPlan pn = plan_retention(sessions, negative, today);
    CHECK(pn.purge.empty());
    CHECK(pn.flag.empty());
    CHECK(pn.policy_issues.size() == 2);
}

TEST_CASE("retention: an unset or impossible today decides nothing") {
    const std::vector<RetentionCandidate> sessions = {exported("old", Date{2020, 1, 1}),
                                                      draft("d", Date{2020, 1, 1})};
    for (const Date today : {Date{}, Date{2026, 13, 1}, Date{2026, 2, 29}, Date{0, 1, 1}}) {
        CAPTURE(today.to_iso());
        const RetentionPlan p = plan_retention(sessions, RetentionPolicy{}, today);
        CHECK(p.today_invalid);
        CHECK(p.purge.empty());
        CHECK(p.flag.empty());
    }
    const RetentionPlan ok = plan_retention(sessions, RetentionPolicy{}, Date{2026, 1, 1});
    CHECK_FALSE(ok.today_invalid);
    CHECK(ok.purge.size() == 1);
    CHECK(plan_retention({}, RetentionPolicy{}, Date{2026, 1, 1}).skipped.empty()); // no sessions
}

TEST_CASE("retention: sessions_to_purge and drafts_to_flag work from the store's summaries") {
    const Date today{2026, 6, 1};
    auto summary = [](const std::string& id, SessionStatus status, Date interview) {
        SessionSummary s;
        s.id = id;
        s.display_name = "must not matter";
        s.status = status;
        s.interview_date = interview;
        return s;
    };
    std::vector<SessionSummary> list = {
        summary("e_old", SessionStatus::Exported, Date{2026, 1, 5}),
        summary("d_old", SessionStatus::Draft, Date{2026, 3, 1}),
        summary("e_new", SessionStatus::Exported, Date{2026, 5, 20}),
        summary("f_old", SessionStatus::Finalized, Date{2026, 1, 5}),
        summary("d_new", SessionStatus::Draft, Date{2026, 5, 25}),
        summary("e_unknown", SessionStatus::Exported, Date{2026, 1, 5}),
        summary("e_old2", SessionStatus::Exported, Date{2026, 1, 6}),
    };
    list.push_back(summary("e_damaged", SessionStatus::Exported, Date{2026, 1, 5}));
    list.back().damaged = true;

    std::vector<std::string> asked;
    auto exported_on = [&](const std::string& id) {
        asked.push_back(id);
        if (id == "e_old" || id == "e_old2") return Date{2026, 2, 1};
        if (id == "e_new") return Date{2026, 5, 20};
        return Date{};
    };
    const auto purge = sessions_to_purge(list, exported_on, today);
    REQUIRE(purge.size() == 2);
    CHECK(purge[0].id == "e_old"); // input order
    CHECK(purge[1].id == "e_old2");
    CHECK(purge[0].days_since_export == (today.to_days() - Date{2026, 2, 1}.to_days()));
    CHECK(asked == Ids{"e_old", "e_new", "e_unknown", "e_old2"}); // exported and readable ones only

    CHECK(sessions_to_purge(list, nullptr, today).empty()); // no lookup: no export day, nothing purged

    const auto flags = drafts_to_flag(list, today);
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].id == "d_old");
    CHECK(flags[0].days_since_interview == 92);
    RetentionPolicy week;
    week.flag_drafts_after_days = 7;
    CHECK(drafts_to_flag(list, today, week).size() == 2);

    const RetentionCandidate c = retention_candidate(list.back(), Date{2026, 2, 1});
    CHECK(c.id == "e_damaged");
    CHECK(c.damaged);
    CHECK(c.status == SessionStatus::Exported);
    CHECK(c.exported_on == Date{2026, 2, 1});
}

TEST_CASE("retention: setting, error and skip keys are stable") {
    CHECK(std::string(setting_key(RetentionSetting::PurgeExportedAfterDays)) == "retention.purge_exported_after_days");
    CHECK(std::string(setting_key(RetentionSetting::FlagDraftsAfterDays)) == "retention.flag_drafts_after_days");
    CHECK(std::string(error_key(RetentionValueError::Empty)) == "empty");
    CHECK(std::string(error_key(RetentionValueError::NotANumber)) == "not_a_number");
    CHECK(std::string(error_key(RetentionValueError::TooSmall)) == "too_small");
    CHECK(std::string(error_key(RetentionValueError::TooLarge)) == "too_large");
    CHECK(std::string(skip_key(RetentionSkip::Damaged)) == "damaged");
    CHECK(std::string(skip_key(RetentionSkip::ExportedWithoutDate)) == "exported_without_date");
    CHECK(std::string(skip_key(RetentionSkip::ExportDateInFuture)) == "export_date_in_future");
    CHECK(std::string(skip_key(RetentionSkip::DraftWithoutDate)) == "draft_without_date");
    CHECK(std::string(skip_key(RetentionSkip::InterviewDateInFuture)) == "interview_date_in_future");
    CHECK(std::string(skip_key(RetentionSkip::InvalidDate)) == "invalid_date");
}
