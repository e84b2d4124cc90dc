// The application: which screen is shown, the open session's editor, and the wiring between
// screens (ui), the model (core) and storage (store).
#pragma once

#include "app/admin.hpp"
#include "app/decks.hpp"
#include "app/export_controller.hpp"
#include "app/photo_library.hpp"
#include "core/commands.hpp"
#include "core/photolangage.hpp"
#include "core/synthesis.hpp"
#include "store/store.hpp"
#include "ui/screens.hpp"

#include <platform.hpp>

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace amorce::app {

// Setup: first run (no account yet). Locked: the store is encrypted and locked.
// Admin: « Administration » (administrators and the recovery key only).
// Export: « Exporter », from Home only: no session is open, so no editor can save over the
// Exported status the export writes.
enum class Screen { Setup, Locked, Home, NewSession, Session, Review, TouchTest, Decks, Admin, Export };

// Where the app finds its files.
struct AppPaths {
    std::string assets_dir;   // fonts, translations, prompt catalogue
    std::string decks_dir;    // the shipped photolangage decks (one folder per deck)
    std::string data_dir;     // the data folder: database, imported decks ("decks/"), caches ("cache/")
    std::string imported_decks_dir() const { return data_dir + "/decks"; }
    std::string cache_dir() const { return data_dir + "/cache"; }
};

class App {
public:
    App(platform::Platform& platform, store::Store& store, AppPaths paths, std::string notice);
    ~App(); // flushes pending saves

    void draw(); // one frame of UI (between Platform::begin_frame and end_frame)
    // Between frames (the loop calls it at least once a second): locks the counsellor screens
    // after the idle time. True when the screen changed and a frame is needed.
    bool idle_tick();
    // Seconds without a touch before the counsellor screens lock (store meta "lock_after_seconds",
    // default 300).
    int lock_after_seconds() const { return lock_after_seconds_; }
    // As if `seconds` passed since the last touch (UI scripts test the idle lock with it).
    void elapse(double seconds) { last_input_ -= seconds; }
    Screen screen() const { return screen_; }
    const core::SessionEditor* editor() const { return editor_.get(); }
    // The photo library, created when a session is first opened (nullptr before).
    PhotoLibrary* photos() { return photos_.get(); }
    PhotoLibrary& ensure_photos();

private:
    void reload_list();
    void open_session(const std::string& id);
    void create_session(const ui::FormResult& form);
    void close_session();
    void open_review();
    void write_pdf();
    void leave_shared(const store::UnlockResult& r, bool end_interview);
    void after_unlock();      // who is working, the list, home
    // reason: the audit entry's detail ("button", "idle", "account_locked").
    void lock_now(const std::string& why, const char* reason);
    void read_lock_setting();
    void wipe_clear_pdfs();
    void run_retention();
    core::SessionEditor::Sink session_sink();
    std::string unlock_message(const store::UnlockResult& r) const;
    double wait_until(std::int64_t seconds) const;
    std::string counsellor_display_name(const std::string& id);

    platform::Platform& platform_;
    store::Store& store_;
    AppPaths paths_;
    Screen screen_ = Screen::Home;
    std::string notice_;

    std::vector<core::SessionSummary> sessions_;
    std::uint64_t sessions_version_ = 0;
    std::map<std::string, int> old_drafts_; // drafts flagged by retention: id -> days since the interview
    int old_draft_days_ = 30;
    std::string counsellor_id_;
    std::string counsellor_name_;
    std::string establishment_;

    ui::HomeState home_;
    ui::SessionFormState form_;
    ui::SessionScreenState session_ui_;
    ui::ReviewState review_;
    ui::SetupState setup_;
    ui::UnlockState unlock_;
    ui::UnlockModel unlock_model_;
    int lock_after_seconds_ = 300;
    double last_input_ = 0;   // steady seconds of the last touch, key or text
    // A secret being checked off the UI thread (Argon2id takes a fraction of a second).
    enum class AuthKind { None, Unlock, Recovery, LeaveShared };
    AuthKind auth_kind_ = AuthKind::None;
    bool auth_ends_interview_ = false;
    std::future<store::UnlockResult> auth_result_;
    std::vector<store::Account> accounts_; // the lock screen's list (read when it opens)
    void start_auth(AuthKind kind, std::function<store::UnlockResult()> check);
    void finish_auth();
    ui::TouchTestState touch_;
    DecksController decks_; // « Jeux de photos »: list, check, import
    AdminController admin_; // « Administration »: accounts, audit log, settings
    ExportController export_; // « Exporter »: plan, the export on a worker, its result
    std::unique_ptr<core::SessionEditor> editor_;
    std::unique_ptr<PhotoLibrary> photos_;
    std::vector<core::Prompt> prompts_;
    std::vector<core::RomeJob> rome_;
    std::vector<core::BoardTemplate> board_templates_;
    std::optional<core::SynthesisAssets> synthesis_assets_; // null when its files cannot be read
};

// Default counsellor and establishment for a store with none (accounts come with the security
// issue). Returns the counsellor to use.
store::Counsellor ensure_counsellor(store::Store& store);

// --demo: a demo counsellor (the site administrator, PIN kDemoSecret) and three clearly fictional
// sessions (once per data folder).
inline constexpr const char* kDemoSecret = "246810";
void seed_demo(store::Store& store, const std::string& assets_dir);

} // namespace amorce::app
