// The work behind « Administration » (issue 7); see admin.hpp.
//
// [SECTION] Audit paging
// [SECTION] Loading what the screen shows
// [SECTION] Jobs off the UI thread
// [SECTION] One frame
#include "app/admin.hpp"

#include "core/retention.hpp"
#include "ui/i18n.hpp"

#include <platform.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace amorce::app {

// [SECTION] Audit paging
std::vector<store::AuditEntry> audit_page(const AuditFetch& fetch, const std::vector<std::string>& kinds,
                                          store::AuditFilter base, std::int64_t before_seq, int limit, bool* more) {
    base.before_seq = before_seq;
    base.limit = limit + 1;
    std::vector<store::AuditEntry> all;
    if (kinds.empty()) {
        all = fetch(base);
    } else {
        // The newest limit + 1 of each kind hold the newest limit + 1 of the group.
        for (const std::string& k : kinds) {
            store::AuditFilter f = base;
            f.what = k;
            std::vector<store::AuditEntry> part = fetch(f);
            all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
        }
        std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.seq > b.seq; });
    }
    if (more) *more = static_cast<int>(all.size()) > limit;
    if (static_cast<int>(all.size()) > limit) all.resize(static_cast<size_t>(limit));
    return all;
}

std::vector<std::string> audit_group_kinds(ui::AuditGroup group) {
    std::vector<std::string> out;
    if (group == ui::AuditGroup::All) return out;
    for (const std::string& k : store::audit_kinds())
        if (ui::audit_group_of(k) == group) out.push_back(k);
    return out;
}

// [SECTION] Loading what the screen shows
AdminController::~AdminController() {
    if (job_.valid()) job_.wait();
    if (verify_.valid()) verify_.wait();
}

void AdminController::open(store::Store& store, bool recovery) {
    close();
    store_ = &store;
    model_ = ui::AdminModel{};
    model_.recovery = recovery;
    if (auto a = store.current_account()) model_.self_id = a->id;
    load_accounts();
    load_settings();
}

void AdminController::close() {
    if (job_.valid()) job_.wait();
    if (verify_.valid()) verify_.wait();
    job_ = {};
    verify_ = {};
    ui::close_admin_screen(state_);
    model_ = ui::AdminModel{};
    accounts_.clear();
    entries_.clear();
    lines_.clear();
    oldest_seq_ = 0;
}

void AdminController::load_accounts() {
    accounts_.clear();
    for (const store::Account& a : store_->accounts())
        accounts_.push_back({a.id, a.display_name, a.role == store::Role::Admin, a.failures, a.locked});
    model_.journal_people.clear();
    for (const auto& a : accounts_) model_.journal_people.emplace_back(a.id, a.name);
    model_.journal_people.emplace_back("#recovery", ui::tr("audit.who.recovery"));
}

// The journal from the newest entry (a filter changed, the page opened) or one page older.
void AdminController::load_journal(bool from_newest, const std::vector<core::SessionSummary>& sessions) {
    if (from_newest) {
        entries_.clear();
        oldest_seq_ = 0;
    }
    store::AuditFilter f;
    if (!state_.person.empty()) f.who = state_.person;
    const core::Date first = ui::period_first_day(state_.period, core::today_local());
    if (first.is_set()) f.from = ui::local_midnight(first);
    std::string error;
    bool more = false;
    const auto page = audit_page([&](const store::AuditFilter& q) { return store_->audit_entries(q, &error); },
                                 audit_group_kinds(state_.group), f, oldest_seq_, kJournalPage, &more);
    model_.journal_error = error.empty() ? std::string() : std::string(ui::tr("admin.journal.read_failed"));
    if (!error.empty()) std::fprintf(stderr, "amorce: audit log: %s\n", error.c_str());
    entries_.insert(entries_.end(), page.begin(), page.end());
    if (!entries_.empty()) oldest_seq_ = entries_.back().seq;
    model_.journal_more = more;
    // Names come from memory only: the log holds ids, never a participant's name.
    std::map<std::string, std::string> account_names, session_names;
    for (const auto& a : accounts_) account_names[a.id] = a.name;
    for (const auto& s : sessions)
        if (!s.damaged) session_names[s.id] = s.display_name;
    auto lookup = [](const std::map<std::string, std::string>& m) {
        return [&m](const std::string& id) {
            const auto it = m.find(id);
            return it == m.end() ? std::string() : it->second;
        };
    };
    lines_.clear();
    lines_.reserve(entries_.size());
    for (const auto& e : entries_)
        lines_.push_back(ui::audit_line({e.seq, e.at, e.who, e.what, e.target, e.detail}, lookup(account_names), lookup(session_names)));
}

void AdminController::start_verify() {
    if (verify_.valid()) return;
    model_.verify_running = true;
    store::Store* store = store_;
    verify_ = std::async(std::launch::async, [store] {
        const auto started = std::chrono::steady_clock::now();
        store::AuditCheck c = store->verify_audit();
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        if (ms > 200) std::fprintf(stderr, "amorce: audit log checked in %.0f ms (%lld entries)\n", ms, static_cast<long long>(c.checked));
        platform::Platform::wake();
        return c;
    });
}

void AdminController::load_settings() {
    ui::AdminSettings s;
    int seconds = 300; // the app's default (App::lock_after_seconds)
    if (auto v = store_->meta("lock_after_seconds")) {
        const int n = std::atoi(v->c_str());
        if (n >= 30 && n <= 24 * 3600) seconds = n;
    }
    s.lock_minutes = std::max(1, (seconds + 30) / 60);
    const core::RetentionSettings r = store_->retention_settings();
    s.purge_days = r.policy.purge_exported_after_days;
    s.flag_days = r.policy.flag_drafts_after_days;
    for (const auto& issue : r.issues)
        s.problems.push_back(ui::tr(issue.setting == core::RetentionSetting::PurgeExportedAfterDays ? "admin.settings.bad_purge"
                                                                                                    : "admin.settings.bad_flag"));
    model_.settings = s;
}

// [SECTION] Jobs off the UI thread
std::string AdminController::refusal(const std::string& error) const {
    if (error.rfind("secret.", 0) == 0) return ui::tr(error.c_str());
    if (error.find("already exists") != std::string::npos) return ui::tr("admin.add.id_taken");
    if (error.find("account id") != std::string::npos) return ui::tr("admin.add.id_invalid");
    if (error.find("no account") != std::string::npos) return ui::tr("admin.error.no_account");
    if (error.find("administrator") != std::string::npos || error.find("locked") != std::string::npos)
        return ui::tr("admin.error.not_allowed");
    return ui::tr("admin.error.failed");
}

void AdminController::finish_job() {
    if (!job_.valid()) return;
    if (job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        ui::request_animation_frames();
        return;
    }
    JobResult j = job_.get();
    model_.busy = false;
    ui::AdminSheetState& sh = state_.sheet;
    if (!j.ok) {
        std::fprintf(stderr, "amorce: administration: %s\n", j.error.c_str());
        const std::string why = refusal(j.error);
        if (sh.kind == ui::AdminSheet::None) {
            state_.failed = why;
            return;
        }
        sh.error = why;
        // Back to where the refused part is typed: the identifier, or the code.
        const bool about_id = why == ui::tr("admin.add.id_taken") || why == ui::tr("admin.add.id_invalid");
        if (sh.kind == ui::AdminSheet::Add && about_id) sh.step = 0;
        else if (sh.kind != ui::AdminSheet::RecoveryConfirm) sh.step = 1;
        sh.pad = ui::PinPadState{};
        sh.confirm = ui::PinPadState{};
        return;
    }
    switch (j.action) {
    case ui::AdminAction::AddAccount:
        state_.sheet = ui::AdminSheetState{};
        state_.done = ui::trf("admin.add.done", {j.name});
        break;
    case ui::AdminAction::SetSecret:
        state_.sheet = ui::AdminSheetState{};
        state_.done = ui::trf("admin.code.done", {j.name});
        break;
    case ui::AdminAction::ReplaceRecovery:
        state_.sheet = ui::AdminSheetState{};
        state_.sheet.kind = ui::AdminSheet::RecoveryKey;
        state_.sheet.recovery_key = std::move(j.recovery_key);
        break;
    default: break;
    }
    load_accounts();
}

void AdminController::run(const ui::AdminResult& r, const std::vector<core::SessionSummary>& sessions, Outcome* out) {
    using A = ui::AdminAction;
    store::Store* store = store_;
    auto start = [this](std::function<JobResult()> work) {
        model_.busy = true;
        state_.failed.clear();
        job_ = std::async(std::launch::async, [work = std::move(work)] {
            JobResult j = work();
            platform::Platform::wake(); // a frame to show the outcome
            return j;
        });
    };
    auto save = [&](const std::string& key, int value, int row) {
        if (store->set_meta(key, std::to_string(value))) {
            state_.saved_row = row;
            state_.failed.clear();
            return true;
        }
        state_.saved_row = 0;
        state_.failed = ui::tr("admin.settings.save_failed");
        return false;
    };
    auto save_days = [&](core::RetentionSetting which, int value, int row, int* field) {
        core::RetentionValueError e = core::RetentionValueError::None;
        if (!core::parse_retention_days(std::to_string(value), &e)) {
            state_.failed = ui::tr(("admin.settings.error." + std::string(core::error_key(e))).c_str());
            return;
        }
        if (save(core::setting_key(which), value, row)) *field = value;
    };
    switch (r.action) {
    case A::None: break;
    case A::Back: *out = Outcome::Back; break;
    case A::ShowPage:
        state_.done.clear();
        state_.failed.clear();
        if (state_.page == ui::AdminPage::Journal) {
            load_journal(true, sessions);
            start_verify();
        } else if (state_.page == ui::AdminPage::Accounts) {
            load_accounts();
        } else {
            load_settings();
        }
        break;
    case A::JournalFilter: load_journal(true, sessions); break;
    case A::JournalOlder: load_journal(false, sessions); break;
    case A::AddAccount:
        start([store, id = r.id, name = r.name, secret = r.secret] {
            JobResult j{A::AddAccount, false, {}, name, {}};
            j.ok = store->add_account(id, name, store::Role::Counsellor, secret, &j.error);
            return j;
        });
        break;
    case A::SetSecret:
        start([store, id = r.id, name = r.name, secret = r.secret] {
            JobResult j{A::SetSecret, false, {}, name, {}};
            j.ok = store->set_secret(id, secret, &j.error);
            return j;
        });
        break;
    case A::ReplaceRecovery:
        start([store] {
            JobResult j{A::ReplaceRecovery, false, {}, {}, {}};
            if (auto key = store->replace_recovery_key(&j.error)) {
                j.ok = true;
                j.recovery_key = std::move(*key);
            }
            return j;
        });
        break;
    case A::UnlockAccount: {
        // No secret involved: quick enough for the UI thread.
        std::string error;
        if (store->admin_unlock_account(r.id, &error)) {
            state_.done = ui::trf("admin.unlock.done", {r.name});
            state_.failed.clear();
        } else {
            std::fprintf(stderr, "amorce: administration: %s\n", error.c_str());
            state_.failed = refusal(error);
        }
        load_accounts();
        break;
    }
    case A::SetLockMinutes:
        if (save("lock_after_seconds", r.value * 60, 1)) {
            model_.settings.lock_minutes = r.value;
            *out = Outcome::LockDelayChanged;
        }
        break;
    case A::SetPurgeDays: save_days(core::RetentionSetting::PurgeExportedAfterDays, r.value, 2, &model_.settings.purge_days); break;
    case A::SetFlagDays: save_days(core::RetentionSetting::FlagDraftsAfterDays, r.value, 3, &model_.settings.flag_days); break;
    }
}

// [SECTION] One frame
AdminController::Outcome AdminController::draw(const std::vector<core::SessionSummary>& sessions) {
    Outcome out = Outcome::None;
    if (!store_) return Outcome::Back;
    finish_job();
    if (verify_.valid() && verify_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        const store::AuditCheck c = verify_.get();
        model_.verify_running = false;
        model_.verify_ok = c.ok();
        model_.verify_checked = c.checked;
        model_.verify_problem.clear();
        if (!c.ok()) {
            const std::string key = std::string("audit.problem.") + store::problem_key(c.problem);
            const char* s = ui::tr(key.c_str());
            model_.verify_problem = key == s ? std::string(ui::tr("audit.problem.unknown")) : std::string(s);
            if (c.bad_seq > 0) model_.verify_problem += " " + ui::trf("admin.journal.at_entry", {std::to_string(c.bad_seq)});
            std::fprintf(stderr, "amorce: audit log check: %s\n", c.reason.c_str());
        }
    } else if (verify_.valid()) {
        ui::request_animation_frames();
    }
    model_.accounts = &accounts_;
    model_.journal = &lines_;
    const ui::AdminResult r =
        ui::draw_admin(model_, state_, [](const std::string& s) { return store::crypto::check_secret(s); });
    run(r, sessions, &out);
    return out;
}

} // namespace amorce::app
