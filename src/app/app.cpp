#include "app/app.hpp"

#include "report/from_session.hpp"
#include "ui/i18n.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace amorce::app {

store::Counsellor ensure_counsellor(store::Store& store) {
    auto all = store.counsellors();
    if (!all.empty()) return all.front();
    store::Counsellor c{"local", "Conseiller"};
    store.add_counsellor(c);
    return c;
}

namespace {
double steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
} // namespace

App::App(platform::Platform& platform, store::Store& store, AppPaths paths, std::string notice)
    : platform_(platform), store_(store), paths_(std::move(paths)), notice_(std::move(notice)) {
    establishment_ = store_.meta("establishment").value_or("");
    wipe_clear_pdfs(); // left by a crash or a power cut
    read_lock_setting();
    last_input_ = steady_seconds();
    // A finished save can change what the home list shows: wake the loop for a frame.
    store_.set_commit_hook([](const auto&) { platform::Platform::wake(); });
    // First run: the site administrator and the recovery key before anything else. An encrypted
    // store opens locked (unless the caller unlocked it: --user with AMORCE_SECRET).
    if (!store_.has_accounts()) screen_ = Screen::Setup;
    else if (!store_.is_unlocked()) screen_ = Screen::Locked;
    else after_unlock();
}

void App::after_unlock() {
    if (auto a = store_.current_account()) {
        counsellor_id_ = a->id;
        counsellor_name_ = a->display_name;
    } else {
        const store::Counsellor c = ensure_counsellor(store_); // unlocked with the recovery key
        counsellor_id_ = c.id;
        counsellor_name_ = c.display_name;
    }
    unlock_ = ui::UnlockState{};
    unlock_model_ = ui::UnlockModel{};
    last_input_ = steady_seconds();
    read_lock_setting(); // an administrator may have changed it
    run_retention();
    // An export cut between writing its bundle and marking its sessions (a crash, a flat
    // battery): mark them now, before the list shows them as still to export.
    {
        exporting::PendingExportReport pending;
        exporting::resolve_pending_export(store_, &pending);
        if (const std::string words = interrupted_export_words(pending); !words.empty()) {
            notice_ = words;
            home_.notice_dismissed = false;
        }
    }
    reload_list();
    screen_ = Screen::Home;
    // The recovery key is used when a code is forgotten: straight to the accounts.
    if (store_.unlocked_with_recovery()) {
        admin_.open(store_, true);
        screen_ = Screen::Admin;
    }
}

void App::read_lock_setting() {
    if (auto v = store_.meta("lock_after_seconds")) {
        const int n = std::atoi(v->c_str());
        if (n >= 30 && n <= 24 * 3600) lock_after_seconds_ = n;
    }
}

// Exported sessions past the retention delay leave the tablet (the store writes the audit
// entries); drafts left too long are flagged on the home list. Run at each unlock: the tablet
// may stay off for days, and a purge must not wait for a particular screen.
void App::run_retention() {
    const store::Store::RetentionRun run = store_.apply_retention(core::unix_now());
    old_drafts_.clear();
    for (const core::DraftFlag& f : run.plan.flag) old_drafts_[f.id] = static_cast<int>(f.days_since_interview);
    old_draft_days_ = store_.retention_settings().policy.flag_drafts_after_days;
    if (!run.purged.empty()) {
        notice_ = run.purged.size() == 1 ? std::string(ui::tr("notice.retention_purged_one"))
                                         : ui::trf("notice.retention_purged", {std::to_string(run.purged.size())});
        home_.notice_dismissed = false;
    }
    if (!run.error.empty()) std::fprintf(stderr, "amorce: retention: %s\n", run.error.c_str());
}

// The editor's autosave: every change is saved, and the audit log says what kind of change it
// was (the command's label key; finalize and reopen are entries of their own).
core::SessionEditor::Sink App::session_sink() {
    return [this](const core::Session& s) {
        store_.save_async(s);
        if (!editor_) return;
        const core::SessionEditor::Change& ch = editor_->last_change();
        const std::string label = ch.label_key ? ch.label_key : "";
        namespace kind = store::audit_kind;
        if (label == "cmd.finalize") {
            store_.audit(kind::kFinalize, s.id);
        } else if (label == "cmd.reopen") {
            store_.audit(kind::kReopen, s.id, s.history.empty() ? std::string() : s.history.back().detail);
        } else {
            using How = core::SessionEditor::Change::How;
            store_.audit(kind::kChange, s.id,
                         label + (ch.how == How::Undo ? ":undo" : ch.how == How::Redo ? ":redo" : ""));
        }
    };
}

// Saves what is pending, closes the open interview, forgets the key: the lock screen.
void App::lock_now(const std::string& why, const char* reason) {
    if (editor_) close_session();
    wipe_clear_pdfs();
    store_.flush();
    store_.lock(reason);
    sessions_.clear();
    ++sessions_version_;
    home_ = ui::HomeState{};
    review_ = ui::ReviewState{};
    admin_.close();
    export_.close(); // waits for an export to finish: a bundle is never left half written
    unlock_ = ui::UnlockState{};
    unlock_model_ = ui::UnlockModel{};
    unlock_model_.message = why;
    unlock_model_.message_error = false;
    accounts_.clear();
    screen_ = Screen::Locked;
}

bool App::idle_tick() {
    if (!store_.has_accounts() || screen_ == Screen::Locked || screen_ == Screen::Setup) return false;
    // The shared mode (an interview running) does not lock: leaving it already needs the PIN.
    if (screen_ == Screen::Session && editor_ && editor_->session().interview_running()) return false;
    if (export_.busy()) return false; // locking would wait for it anyway; lock once it is done
    if (steady_seconds() - last_input_ < lock_after_seconds_) return false;
    lock_now(ui::trf("unlock.locked_idle", {std::to_string(lock_after_seconds_ / 60)}), "idle");
    return true;
}

std::string App::unlock_message(const store::UnlockResult& r) const {
    using S = store::UnlockResult::Status;
    switch (r.status) {
    case S::Ok: return {};
    case S::WrongSecret:
        // How many tries are left before the account locks: the counsellor slows down in time.
        if (r.attempts_left == 1) return ui::tr("unlock.wrong_last");
        return r.attempts_left > 1 ? ui::trf("unlock.wrong_left", {std::to_string(r.attempts_left)}) : ui::tr("unlock.wrong");
    case S::MustWait: return {};
    case S::AccountLocked: return ui::tr("unlock.locked_help");
    case S::UnknownAccount: return ui::tr("unlock.wrong");
    case S::Failed: return r.error.rfind("secret.", 0) == 0 ? ui::tr(r.error.c_str()) : ui::tr("unlock.failed");
    }
    return {};
}

namespace {
// For the log line of a board template that could not be read (English).
const char* template_problem_name(core::TemplateProblem::Kind k) {
    using K = core::TemplateProblem::Kind;
    switch (k) {
    case K::CannotRead: return "cannot read the file";
    case K::NotUtf8: return "not UTF-8";
    case K::UnknownRecord: return "unknown record";
    case K::MissingField: return "missing field";
    case K::BadValue: return "bad value";
    case K::DuplicateId: return "duplicate id";
    case K::BoardNotFirst: return "'board' must come first, once";
    case K::TooMany: return "too many entries";
    case K::Empty: return "empty board";
    case K::LabelTooLong: return "label too long";
    case K::MissingPictogram: return "missing pictogram";
    }
    return "problem";
}
} // namespace

PhotoLibrary& App::ensure_photos() {
    if (!photos_) {
        photos_ = std::make_unique<PhotoLibrary>(
            platform_, std::vector<std::string>{paths_.decks_dir, paths_.imported_decks_dir()},
            paths_.cache_dir() + "/thumbnails");
        // The question catalogue in the interface language (French when there is none).
        const std::string dir = paths_.assets_dir + "/photolangage/";
        const std::string lang = ui::current_language();
        std::string error;
        auto prompts = core::load_prompts(dir + (lang == "fr" ? "prompts.tsv" : "prompts." + lang + ".tsv"), &error);
        if (!prompts && lang != "fr") prompts = core::load_prompts(dir + "prompts.tsv", &error);
        if (prompts) prompts_ = std::move(*prompts);
        else std::fprintf(stderr, "amorce: warning: %s (questions can still be typed)\n", error.c_str());
        // Common jobs with their ROME codes, for the timeline's job picker.
        auto rome = core::load_rome_jobs(paths_.assets_dir + "/rome/metiers.tsv", &error);
        if (rome) rome_ = std::move(*rome);
        else std::fprintf(stderr, "amorce: warning: %s (job titles can still be typed)\n", error.c_str());
        // Expression boards: templates with their pictograms (a bad file is skipped and named).
        const std::string pictos = paths_.assets_dir + "/pictograms";
        photos_->set_pictogram_dir(pictos);
        std::vector<std::pair<std::string, core::TemplateProblem>> problems;
        board_templates_ = core::load_board_templates(
            paths_.assets_dir + "/boards",
            [&](const std::string& name) { return std::filesystem::is_regular_file(pictos + "/" + name + ".png"); },
            &problems);
        for (const auto& [file, p] : problems)
            std::fprintf(stderr, "amorce: %s: %s:%d: %s (%s)\n", p.fatal ? "error" : "warning", file.c_str(), p.line,
                         template_problem_name(p.kind), p.detail.c_str());
        // Synthesis phrases and the préconisations catalogue (without them the review says that
        // drafting is unavailable; the counsellor can still write every section).
        synthesis_assets_ = core::load_synthesis_assets(paths_.assets_dir, &error);
        if (!synthesis_assets_) std::fprintf(stderr, "amorce: warning: %s (no automatic drafting)\n", error.c_str());
    }
    return *photos_;
}

App::~App() {
    store_.set_commit_hook(nullptr);
    store_.flush();
    wipe_clear_pdfs();
}

// A PDF saved from the review is a synthesis in clear, for reading or printing now: it is
// overwritten and removed when Amorce locks, quits or starts again (after a crash). The export
// bundle carries the PDFs sealed; nothing in clear stays on the tablet.
void App::wipe_clear_pdfs() {
    if (!paths_.data_dir.empty()) store::erase_files_in(paths_.data_dir + "/pdf");
}

void App::reload_list() {
    sessions_ = store_.list();
    ++sessions_version_;
}

void App::open_session(const std::string& id) {
    std::string error;
    bool damaged = false;
    auto session = store_.load(id, &error, &damaged);
    if (!session) {
        // A damaged record: copy its bytes aside (never overwritten) and say where.
        notice_ = damaged ? ui::trf("notice.session_damaged", {store_.set_aside_damaged(id)})
                          : std::string(ui::tr("notice.session_open_failed"));
        home_.notice_dismissed = false;
        reload_list();
        return;
    }
    // Listed as damaged but readable: only its list summary was hurt. Saving it again rebuilds
    // the summary from the intact session.
    auto listed = std::find_if(sessions_.begin(), sessions_.end(), [&](const auto& s) { return s.id == id; });
    if (listed != sessions_.end() && listed->damaged) store_.save_async(*session);
    store_.audit(store::audit_kind::kOpen, id);
    editor_ = std::make_unique<core::SessionEditor>(std::move(*session), session_sink());
    session_ui_ = ui::SessionScreenState{};
    ensure_photos();
    // An interview still running opens on its tools; one that has ended opens on its review.
    if (editor_->session().ended_at != 0) open_review();
    else screen_ = Screen::Session;
}

void App::open_review() {
    review_ = ui::ReviewState{};
    screen_ = Screen::Review;
}

std::string App::counsellor_display_name(const std::string& id) {
    for (const auto& c : store_.counsellors())
        if (c.id == id) return c.display_name;
    return id;
}

// The synthesis PDF of the open session, into <data>/pdf/ (named by the session id, never by the
// person's name); the review says where it went or why it failed.
void App::write_pdf() {
    const core::Session& s = editor_->session();
    if (!synthesis_assets_) {
        review_.message = ui::tr("review.no_assets");
        review_.message_error = true;
        return;
    }
    std::error_code ec;
    const std::string dir = paths_.data_dir + "/pdf";
    std::filesystem::create_directories(dir, ec);
    const std::string path = dir + "/synthese-" + s.id + ".pdf";
    const std::string finalizer = s.synthesis.finalized_by.empty() ? std::string() : counsellor_display_name(s.synthesis.finalized_by);
    const report::SynthesisDocument doc = report::document_from_session(s, *synthesis_assets_, ensure_photos().decks(), finalizer);
    std::string error;
    if (report::write_synthesis_pdf(doc, path, &error)) {
        review_.message = ui::trf("review.pdf_written", {std::filesystem::absolute(path, ec).string()});
        review_.message_error = false;
    } else {
        review_.message = ui::trf("review.pdf_failed", {error});
        review_.message_error = true;
    }
}

// The counsellor's PIN typed on the shared screen, once checked: right, the app leaves the shared
// mode (ending the interview when asked) for the review; wrong, the sheet says so (and waits when
// throttled).
void App::leave_shared(const store::UnlockResult& r, bool end_interview) {
    if (!r.ok()) {
        session_ui_.exit.message = unlock_message(r);
        session_ui_.exit.wait_until = wait_until(r.wait_seconds);
        if (r.status == store::UnlockResult::Status::AccountLocked) {
            lock_now(ui::tr("unlock.locked_help"), "account_locked");
            unlock_model_.message_error = true; // a refusal, never in the success colour
        }
        return;
    }
    session_ui_.exit = ui::SharedExitState{};
    if (end_interview && editor_->session().ended_at == 0)
        editor_->execute(core::Command{core::EndInterview{core::unix_now()}, counsellor_id_});
    open_review();
}

void App::start_auth(AuthKind kind, std::function<store::UnlockResult()> check) {
    auth_kind_ = kind;
    auth_result_ = std::async(std::launch::async, [check = std::move(check)] {
        store::UnlockResult r = check();
        platform::Platform::wake(); // a frame to show the outcome
        return r;
    });
}

// The outcome of a secret checked off the UI thread, once it is there.
void App::finish_auth() {
    if (auth_kind_ == AuthKind::None) return;
    if (auth_result_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        platform_.request_frames(2);
        return;
    }
    const store::UnlockResult u = auth_result_.get();
    const AuthKind kind = auth_kind_;
    auth_kind_ = AuthKind::None;
    unlock_model_.checking = false;
    session_ui_.exit.checking = false;
    if (kind == AuthKind::LeaveShared) {
        if (screen_ == Screen::Session && editor_) leave_shared(u, auth_ends_interview_);
        return;
    }
    if (u.ok()) {
        after_unlock();
        return;
    }
    unlock_model_.message = kind == AuthKind::Recovery && u.status != store::UnlockResult::Status::MustWait
                                ? std::string(ui::tr("unlock.recovery_wrong"))
                                : unlock_message(u);
    unlock_model_.message_error = true;
    unlock_model_.wait_until = wait_until(u.wait_seconds);
    accounts_ = store_.accounts(); // a lock shows at once
}

void App::create_session(const ui::FormResult& form) {
    core::Session s;
    s.id = core::new_session_id();
    s.counsellor_id = counsellor_id_;
    s.counsellor_name = counsellor_name_;
    s.created_at = core::unix_now();
    s.history.push_back(core::HistoryEntry{s.created_at, counsellor_id_, "created", {}});
    if (!form.participant.establishment.empty() && form.participant.establishment != establishment_) {
        establishment_ = form.participant.establishment;
        store_.set_meta("establishment", establishment_);
    }
    // Creating the session is not an undoable step of the shared screen (undo there must never
    // remove the interview's start): the initial commands are applied before the editor exists.
    for (const core::Command& c : {core::Command{core::UpdateParticipant{form.participant}, counsellor_id_},
                                   core::Command{core::SetConsent{form.consent, 0}, counsellor_id_},
                                   core::Command{core::StartInterview{core::unix_now()}, counsellor_id_}})
        c.apply(s, core::unix_now());
    s.revision = 1;
    store_.save_async(s);
    store_.audit(store::audit_kind::kOpen, s.id, "new");
    editor_ = std::make_unique<core::SessionEditor>(std::move(s), session_sink());
    session_ui_ = ui::SessionScreenState{};
    ensure_photos();
    screen_ = Screen::Session;
}

void App::close_session() {
    // The writer may still be committing the last change: update the list from memory rather
    // than waiting for the disk on the UI thread.
    const core::SessionSummary summary = core::summarize(editor_->session(), core::unix_now());
    auto it = std::find_if(sessions_.begin(), sessions_.end(), [&](const auto& s) { return s.id == summary.id; });
    if (it != sessions_.end()) *it = summary;
    else sessions_.push_back(summary);
    std::stable_sort(sessions_.begin(), sessions_.end(), [](const auto& a, const auto& b) {
        if (a.interview_date != b.interview_date) return a.interview_date < b.interview_date;
        return a.id < b.id;
    });
    ++sessions_version_;
    editor_.reset();
    screen_ = Screen::Home;
}

// When a wait imposed now ends, on ImGui's clock (the frame's time stands still while Argon2id
// checks a secret, which may take a good part of a second).
double App::wait_until(std::int64_t seconds) const {
    if (seconds <= 0) return 0.0;
    return ui::steady_now() + static_cast<double>(seconds);
}

void App::draw() {
    finish_auth();
    const core::Date today = core::today_local();
    // Any touch, key or text keeps the counsellor screens unlocked.
    {
        const ImGuiIO& io = ImGui::GetIO();
        bool input = io.MouseDown[0] || !io.InputQueueCharacters.empty() ||
                     (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f);
        for (int k = 0; k < IM_ARRAYSIZE(io.KeysDown) && !input; ++k) input = io.KeysDown[k];
        if (input) last_input_ = steady_seconds();
    }
    switch (screen_) {
    case Screen::Setup: {
        const ui::SetupResult r = ui::draw_setup(setup_, [](const std::string& secret) { return store::crypto::check_secret(secret); });
        if (r.action == ui::SetupAction::Create) {
            std::string error;
            auto key = store_.create_admin(r.id, r.name, r.secret, &error);
            if (!key) {
                setup_.error = error.rfind("secret.", 0) == 0 ? ui::tr(error.c_str()) : ui::trf("setup.failed", {error});
                setup_.confirming = false;
                setup_.pad = ui::PinPadState{};
            } else {
                setup_.step = 1;
                setup_.recovery_key = *key;
            }
        } else if (r.action == ui::SetupAction::Done) {
            setup_ = ui::SetupState{};
            after_unlock();
        }
        break;
    }
    case Screen::Locked: {
        if (accounts_.empty() && auth_kind_ == AuthKind::None) accounts_ = store_.accounts();
        unlock_model_.accounts.clear();
        for (const auto& a : accounts_) unlock_model_.accounts.push_back({a.id, a.display_name, a.locked});
        const ui::UnlockResult r = ui::draw_unlock(unlock_model_, unlock_);
        if (auth_kind_ == AuthKind::None && r.action == ui::UnlockAction::Submit) {
            unlock_model_.checking = true;
            unlock_model_.message.clear();
            start_auth(AuthKind::Unlock, [this, id = r.account_id, secret = r.secret] { return store_.unlock(id, secret); });
        } else if (auth_kind_ == AuthKind::None && r.action == ui::UnlockAction::SubmitRecovery) {
            unlock_model_.checking = true;
            unlock_model_.message.clear();
            start_auth(AuthKind::Recovery, [this, key = r.secret] { return store_.unlock_with_recovery(key); });
        }
        break;
    }
    case Screen::Home: {
        ui::HomeModel model;
        model.sessions = &sessions_;
        model.sessions_version = sessions_version_;
        model.counsellor_name = counsellor_name_;
        model.today = today;
        model.notice = notice_;
        model.save_error = store_.write_error();
        model.can_lock = store_.has_accounts();
        {
            const auto who = store_.current_account();
            model.can_admin = store_.unlocked_with_recovery() || (who && who->role == store::Role::Admin);
        }
        model.old_drafts = &old_drafts_;
        model.old_draft_days = old_draft_days_;
        const ui::HomeResult r = ui::draw_home(model, home_);
        switch (r.action) {
        case ui::HomeAction::NewSession:
            form_ = ui::new_form_state(establishment_, today);
            screen_ = Screen::NewSession;
            break;
        case ui::HomeAction::OpenSession: open_session(r.session_id); break;
        case ui::HomeAction::OpenDamaged: open_session(r.session_id); break;
        case ui::HomeAction::TouchTest:
            touch_ = ui::TouchTestState{};
            screen_ = Screen::TouchTest;
            break;
        case ui::HomeAction::Decks:
            decks_.open(paths_.decks_dir, paths_.imported_decks_dir());
            screen_ = Screen::Decks;
            break;
        case ui::HomeAction::Lock: lock_now(std::string(), "button"); break;
        case ui::HomeAction::Admin:
            admin_.open(store_, store_.unlocked_with_recovery());
            screen_ = Screen::Admin;
            break;
        case ui::HomeAction::Export:
            ensure_photos(); // the synthesis assets and the decks, for the PDFs
            export_.open(store_, paths_.data_dir + "/exports", synthesis_assets_ ? &*synthesis_assets_ : nullptr,
                         photos_->decks());
            screen_ = Screen::Export;
            break;
        case ui::HomeAction::None: break;
        }
        break;
    }
    case Screen::NewSession: {
        const ui::FormResult r = ui::draw_session_form(form_, today);
        if (r.action == ui::FormAction::Cancel) screen_ = Screen::Home;
        else if (r.action == ui::FormAction::Create) create_session(r);
        break;
    }
    case Screen::Session: {
        photos_->poll();
        ui::SessionTools tools;
        tools.photos = photos_.get();
        tools.prompts = &prompts_;
        tools.gestures = &platform_.gestures();
        tools.now = core::unix_now();
        tools.rome = &rome_;
        tools.boards = &board_templates_;
        tools.pictograms = photos_.get();
        tools.today = today;
        tools.counsellor_name = counsellor_name_;
        const ui::SessionResult r = ui::draw_session_screen(*editor_, session_ui_, tools, store_.write_error());
        for (const auto& c : r.commands) editor_->execute(c);
        switch (r.action) {
        case ui::SessionAction::Undo: editor_->undo(); break;
        case ui::SessionAction::Redo: editor_->redo(); break;
        case ui::SessionAction::EndInterview:
            // The interview is over: the counsellor goes on to its review and synthesis.
            if (editor_->session().ended_at == 0)
                editor_->execute(core::Command{core::EndInterview{core::unix_now()}, counsellor_id_});
            open_review();
            break;
        case ui::SessionAction::LeaveShared:
            if (auth_kind_ == AuthKind::None) {
                session_ui_.exit.checking = true;
                session_ui_.exit.message.clear();
                auth_ends_interview_ = r.end_interview;
                start_auth(AuthKind::LeaveShared,
                           [this, id = counsellor_id_, secret = r.secret] { return store_.verify_secret(id, secret); });
            }
            break;
        case ui::SessionAction::None: break;
        }
        break;
    }
    case Screen::Review: {
        ensure_photos().poll();
        ui::ReviewModel model;
        model.editor = editor_.get();
        model.assets = synthesis_assets_ ? &*synthesis_assets_ : nullptr;
        model.photos = photos_.get();
        model.who = counsellor_id_;
        const auto& by = editor_->session().synthesis.finalized_by;
        model.finalizer_name = by.empty() ? std::string() : (by == counsellor_id_ ? counsellor_name_ : counsellor_display_name(by));
        model.today = today;
        const ui::ReviewResult r = ui::draw_review(model, review_);
        for (const auto& c : r.commands) editor_->execute(c);
        switch (r.action) {
        case ui::ReviewAction::Back: close_session(); break;
        case ui::ReviewAction::OpenTools:
            session_ui_ = ui::SessionScreenState{};
            screen_ = Screen::Session;
            break;
        case ui::ReviewAction::Undo: editor_->undo(); break;
        case ui::ReviewAction::Redo: editor_->redo(); break;
        case ui::ReviewAction::WritePdf: write_pdf(); break;
        case ui::ReviewAction::None: break;
        }
        break;
    }
    case Screen::TouchTest:
        if (ui::draw_touch_test(platform_.gestures(), touch_)) screen_ = Screen::Home;
        break;
    case Screen::Decks:
        switch (decks_.draw()) {
        case DecksController::Outcome::Back: screen_ = Screen::Home; break;
        case DecksController::Outcome::Imported:
            if (photos_) photos_->reload(); // the board offers the new deck at once
            break;
        case DecksController::Outcome::None: break;
        }
        break;
    case Screen::Admin:
        switch (admin_.draw(sessions_)) {
        case AdminController::Outcome::Back:
            admin_.close();
            screen_ = Screen::Home;
            break;
        case AdminController::Outcome::LockDelayChanged: lock_after_seconds_ = admin_.lock_after_seconds(); break;
        case AdminController::Outcome::None: break;
        }
        break;
    case Screen::Export:
        switch (export_.draw()) {
        case ExportController::Outcome::Back:
            export_.close();
            reload_list(); // an interrupted export settled while planning may have changed statuses
            screen_ = Screen::Home;
            break;
        case ExportController::Outcome::Exported: reload_list(); break; // statuses changed
        case ExportController::Outcome::None: break;
        }
        break;
    }
}

} // namespace amorce::app
