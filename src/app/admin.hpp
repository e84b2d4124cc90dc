// The work behind « Administration » (issue 7): reads accounts, the audit log and the settings
// from the store for ui::draw_admin, and runs what the administrator asks. Calls that hash a
// secret (add_account, set_secret, replace_recovery_key: Argon2id, a fraction of a second) and
// the audit chain check (it reads the whole log) run off the UI thread, one at a time.
//
// [SECTION] Audit paging    one page of the journal for a group of kinds (pure, testable)
// [SECTION] AdminController
#pragma once

#include "store/store.hpp"
#include "ui/admin_screen.hpp"

#include <functional>
#include <future>
#include <optional>
#include <string>
#include <vector>

namespace amorce::app {

// [SECTION] Audit paging
// The store filters on one kind at a time; a group is several. One page of at most `limit`
// entries older than before_seq (0: from the newest), newest first, for the kinds in `kinds`
// (empty: every kind) and the rest of `base` (who, from). Reads limit + 1 entries per kind to
// know whether older ones remain (*more).
using AuditFetch = std::function<std::vector<store::AuditEntry>(const store::AuditFilter&)>;
std::vector<store::AuditEntry> audit_page(const AuditFetch& fetch, const std::vector<std::string>& kinds,
                                          store::AuditFilter base, std::int64_t before_seq, int limit, bool* more);
// The kinds of a group, from store::audit_kinds() (empty for All: no kind filter).
std::vector<std::string> audit_group_kinds(ui::AuditGroup group);

// [SECTION] AdminController
class AdminController {
public:
    enum class Outcome { None, Back, LockDelayChanged };
    static constexpr int kJournalPage = 50;

    AdminController() = default;
    ~AdminController(); // waits for a running job (a secret being hashed)
    AdminController(const AdminController&) = delete;
    AdminController& operator=(const AdminController&) = delete;

    // Entering the screen. recovery: unlocked with the recovery key (opens on the accounts page
    // with the banner asking for the forgotten account's new code).
    void open(store::Store& store, bool recovery);
    // Leaving it (back or lock): waits for a job, forgets every secret and the journal. Call
    // between frames when it may have a sheet open (the idle lock).
    void close();
    // One frame. sessions: the app's list in memory, to name the journal's sessions (names are
    // never stored in the log).
    Outcome draw(const std::vector<core::SessionSummary>& sessions);
    // The idle delay the administrator chose (seconds), after Outcome::LockDelayChanged.
    int lock_after_seconds() const { return model_.settings.lock_minutes * 60; }

private:
    struct JobResult {
        ui::AdminAction action = ui::AdminAction::None;
        bool ok = false;
        std::string error;        // English from the store, or a "secret.*" key
        std::string name;         // whose account
        std::string recovery_key; // ReplaceRecovery
    };

    void load_accounts();
    void load_journal(bool from_newest, const std::vector<core::SessionSummary>& sessions);
    void start_verify();
    void load_settings();
    void finish_job();
    void run(const ui::AdminResult& r, const std::vector<core::SessionSummary>& sessions, Outcome* out);
    std::string refusal(const std::string& error) const; // French, for an action the store refused

    store::Store* store_ = nullptr;
    ui::AdminState state_;
    ui::AdminModel model_;
    std::vector<ui::AdminAccount> accounts_;
    std::vector<store::AuditEntry> entries_; // the journal shown, newest first
    std::vector<ui::AuditLine> lines_;
    std::int64_t oldest_seq_ = 0;            // paging: the next page is older than this
    std::future<JobResult> job_;
    std::future<store::AuditCheck> verify_;
};

} // namespace amorce::app
