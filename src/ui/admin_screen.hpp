// « Administration » (counsellor mode, issue 7): the site administrator's screen, reached from
// Home by an administrator or after an unlock with the recovery key, never from the shared mode.
// Three pages: « Comptes » (add a counsellor, unlock a blocked account, give a forgotten PIN a new
// one, replace the recovery key), « Journal » (the audit log, filtered, newest first, with its
// chain check) and « Réglages » (idle lock, retention delays). Like every screen it draws plain
// data and returns what the administrator asked for; the app runs it (src/app/admin.cpp), with
// every secret checked off the UI thread.
//
// [SECTION] Data shown         accounts, audit records, settings (no store types: ui has no store)
// [SECTION] Pure helpers       the French line of an audit entry, kind groups, periods, checks
// [SECTION] State and actions
// [SECTION] Entry point
#pragma once

#include "core/date.hpp"
#include "ui/lock_screens.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace amorce::ui {

// [SECTION] Data shown
struct AdminAccount {
    std::string id;
    std::string name;
    bool admin = false;
    int failures = 0;     // consecutive failed attempts
    bool locked = false;  // blocked after 10 failures
};

// One audit entry as the app reads it (store::AuditEntry without its hashes).
struct AuditRecord {
    std::int64_t seq = 0;
    std::int64_t at = 0;  // unix seconds (UTC)
    std::string who;      // account id, "#recovery", "" for Amorce itself
    std::string what;     // a store audit kind ("login_ok"...)
    std::string target;   // a session id or an account id
    std::string detail;   // a machine key or a short reason
};

// [SECTION] Pure helpers
// The French words of one audit entry, each part ready to show.
struct AuditLine {
    std::string when;    // « 27/11/2026 14:05 » (local time)
    std::string who;     // the account's name, « Clé de secours », « Amorce »
    std::string what;    // « Connexion », « Code refusé »...
    std::string target;  // an account's name, a participant's name (from memory), or a short id
    std::string detail;  // the reason or the change, in words
    bool alert = false;  // refused codes, blocked accounts, purges: shown in red
};
// name_of_account / name_of_session return "" when they do not know the id.
using NameLookup = std::function<std::string(const std::string& id)>;
AuditLine audit_line(const AuditRecord& r, const NameLookup& name_of_account, const NameLookup& name_of_session);

// The journal's kind filter (chips): every kind belongs to exactly one group.
enum class AuditGroup { All = 0, Logins, Sessions, Exports, Accounts };
inline constexpr int kAuditGroupCount = 5;
// The group of a kind; All for an unknown kind (shown only without a group filter).
AuditGroup audit_group_of(const std::string& what);
const char* audit_group_key(AuditGroup g); // translation key of the chip

// The journal's period filter: from the first minute of today, of the last 7 days, or all.
enum class AuditPeriod { All = 0, Today, Week };
// The first calendar day the period shows (unset for All). Week: today and the 6 days before.
core::Date period_first_day(AuditPeriod p, const core::Date& today);
// Unix seconds of 00:00 local time on that day.
std::int64_t local_midnight(const core::Date& day);

// The identifier of a new account, as typed on the on-screen keyboard: spaces around removed and
// ASCII capitals lowered (« Jordan » is « jordan »). The store takes a-z 0-9 . _ - only.
std::string normalize_account_id(const std::string& typed);
// Why a new account's name and identifier are refused (translation key), "" when they are fine.
std::string new_account_problem(const std::string& name, const std::string& id, const std::vector<AdminAccount>& existing);

// The steppers: the next value of a ladder of sensible values, up (dir > 0) or down. A value off
// the ladder (set elsewhere) moves to the nearest ladder value in that direction; the ends stay.
int ladder_step(int value, int dir, const std::vector<int>& ladder);
const std::vector<int>& lock_minutes_ladder();   // 1 … 60
const std::vector<int>& retention_days_ladder(); // 1 … 365

// [SECTION] State and actions
enum class AdminPage { Accounts = 0, Journal, Settings };

struct AdminSettings {
    int lock_minutes = 5;
    int purge_days = 30;
    int flag_days = 30;
    std::vector<std::string> problems; // French: stored values that were refused (defaults used)
};

struct AdminModel {
    const std::vector<AdminAccount>* accounts = nullptr;
    std::string self_id;                  // the administrator using the screen ("" with the recovery key)
    bool recovery = false;                // unlocked with the recovery key: the banner
    bool busy = false;                    // a secret is being hashed (Argon2id): sheets wait
    // Journal
    const std::vector<AuditLine>* journal = nullptr;
    bool journal_more = false;            // older entries exist: « Plus ancien »
    bool verify_running = false;
    bool verify_ok = true;
    std::int64_t verify_checked = 0;
    std::string verify_problem;           // French, when !verify_ok
    std::string journal_error;            // French, when the log could not be read
    // The accounts offered as filter chips (id, name), the recovery key included when used.
    std::vector<std::pair<std::string, std::string>> journal_people;
    // Settings
    AdminSettings settings;
};

// A sheet of the accounts page.
enum class AdminSheet { None, Add, NewCode, RecoveryConfirm, RecoveryKey };
struct AdminSheetState {
    AdminSheet kind = AdminSheet::None;
    int step = 0;                  // Add: 0 name and id, 1 the code, 2 the code again; NewCode: 1, 2
    std::string name, id;          // Add
    std::string target_id, target_name; // NewCode: whose code
    PinPadState pad, confirm;
    std::string error;             // French, shown above the pad
    std::string recovery_key;      // RecoveryKey: shown once, wiped when closed
    bool noted = false;
};

struct AdminState {
    AdminPage page = AdminPage::Accounts;
    bool scroll_top = false;
    AdminSheetState sheet;
    std::string done;              // a short confirmation under the top bar (green)
    std::string failed;            // an action that failed (red)
    // Journal filters
    AuditGroup group = AuditGroup::All;
    std::string person;            // "" every account
    AuditPeriod period = AuditPeriod::All;
    // Settings: the row just saved (« Enregistré »): 0 none, 1 lock, 2 purge, 3 flag.
    int saved_row = 0;
    bool popup_open = false;       // the sheet's ImGui popup, closed on the frame after the sheet ends
};

enum class AdminAction {
    None,
    Back,
    ShowPage,        // page chosen (state.page): the app loads what it shows
    AddAccount,      // name, id, secret
    SetSecret,       // id, secret
    UnlockAccount,   // id
    ReplaceRecovery,
    JournalFilter,   // a filter changed: reload from the newest
    JournalOlder,    // « Plus ancien »
    SetLockMinutes,  // value
    SetPurgeDays,    // value
    SetFlagDays,     // value
};
struct AdminResult {
    AdminAction action = AdminAction::None;
    std::string id, name, secret;
    int value = 0;
};

// [SECTION] Entry point
// Leaving the screen for good (lock, back): forgets everything and closes a sheet left open.
// Call between frames.
void close_admin_screen(AdminState& state);
// check_secret: "" when a secret is acceptable, else the translation key of why not.
AdminResult draw_admin(const AdminModel& model, AdminState& state,
                       const std::function<std::string(const std::string&)>& check_secret);

} // namespace amorce::ui
