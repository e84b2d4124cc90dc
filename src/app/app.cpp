#include "app/app.hpp"

#include "report/from_session.hpp"
#include "ui/i18n.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace amorce::app {

store::Counsellor ensure_counsellor(store::Store& store) {
    auto all = store.counsellors();
    if (!all.empty()) return all.front();
    store::Counsellor c{"local", "Conseiller"};
    store.add_counsellor(c);
    return c;
}

App::App(platform::Platform& platform, store::Store& store, AppPaths paths, std::string notice)
    : platform_(platform), store_(store), paths_(std::move(paths)), notice_(std::move(notice)) {
    const store::Counsellor c = ensure_counsellor(store_);
    counsellor_id_ = c.id;
    counsellor_name_ = c.display_name;
    establishment_ = store_.meta("establishment").value_or("");
    // A finished save can change what the home list shows: wake the loop for a frame.
    store_.set_commit_hook([](const auto&) { platform::Platform::wake(); });
    reload_list();
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
    editor_ = std::make_unique<core::SessionEditor>(std::move(*session),
                                                    [this](const core::Session& s) { store_.save_async(s); });
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
    editor_ = std::make_unique<core::SessionEditor>(std::move(s),
                                                    [this](const core::Session& saved) { store_.save_async(saved); });
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

void App::draw() {
    const core::Date today = core::today_local();
    switch (screen_) {
    case Screen::Home: {
        ui::HomeModel model;
        model.sessions = &sessions_;
        model.sessions_version = sessions_version_;
        model.counsellor_name = counsellor_name_;
        model.today = today;
        model.notice = notice_;
        model.save_error = store_.write_error();
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
    }
}

} // namespace amorce::app
