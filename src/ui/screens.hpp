// The app's screens. Each reads plain data, keeps its own small UI state, and returns what the
// user asked for (an action or core commands); the app applies it. No screen touches storage.
#pragma once

#include "core/commands.hpp"
#include "core/session.hpp"
#include "core/synthesis.hpp"

#include "ui/board_view.hpp"
#include "ui/lock_screens.hpp"
#include "ui/photo_board.hpp"
#include "ui/timeline_view.hpp"
#include "ui/widgets.hpp"

#include <platform.hpp>

#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace amorce::ui {

// [SECTION] Home (counsellor mode): session list, search, new interview
struct HomeModel {
    const std::vector<core::SessionSummary>* sessions = nullptr;
    std::uint64_t sessions_version = 0;  // changes whenever *sessions changes
    std::string counsellor_name;
    core::Date today;
    std::string notice;                  // a message to show once (damaged database...), may be empty
    std::string save_error;              // non-empty while writes fail
    bool can_lock = false;               // accounts exist: a lock button
    bool can_admin = false;              // an administrator (or the recovery key): « Administration »
    // Drafts left too long (retention flag): id -> days since the interview; may be null.
    const std::map<std::string, int>* old_drafts = nullptr;
    int old_draft_days = 30;             // the setting, for the notice
};
// The list's filters (chips above it): every interview, drafts still in time, late drafts,
// finalized, exported.
enum class HomeFilter { All = 0, ToFinalize, Late, Finalized, Exported };
bool home_filter_matches(HomeFilter f, const core::SessionSummary& s, const core::Date& today);

struct HomeState {
    std::string search;
    HomeFilter filter = HomeFilter::All;
    HomeFilter cached_filter = HomeFilter::All;
    // Filter cache (recomputed only when the search or the list changes).
    std::string cached_search;
    std::uint64_t cached_version = ~0ull;
    std::vector<int> visible;
    bool notice_dismissed = false;
    bool old_drafts_dismissed = false;
};
enum class HomeAction { None, NewSession, OpenSession, OpenDamaged, TouchTest, Decks, Lock, Admin, Export };
struct HomeResult {
    HomeAction action = HomeAction::None;
    std::string session_id;
};
HomeResult draw_home(const HomeModel& model, HomeState& state);

// [SECTION] New session form
struct SessionFormState {
    std::string last_name, first_name, birth_date, ecrou, establishment, entry_date;
    int legal_status = -1;             // 0 prévenu, 1 condamné
    std::vector<bool> languages;       // parallel to kLanguages
    bool consent = false;
    bool submitted = false;            // show errors only after a first submit
    bool scroll_to_error = false;      // bring the first error into view on the next frame
    std::string consent_error;
};
enum class FormAction { None, Cancel, Create };
struct FormResult {
    FormAction action = FormAction::None;
    core::Participant participant;     // valid when action == Create
    bool consent = false;
};
// Languages offered as chips (translation keys).
const std::vector<const char*>& language_keys();
SessionFormState new_form_state(const std::string& establishment, const core::Date& today);
// Validates the typed form; fills participant and returns the per-field French messages.
struct FormErrors {
    std::string last_name, first_name, birth_date, ecrou, establishment, legal_status, entry_date, consent;
    bool any() const;
};
FormErrors check_form(const SessionFormState& s, const core::Date& today, core::Participant* out);
FormResult draw_session_form(SessionFormState& state, const core::Date& today);

// [SECTION] Session screen (the frame of the shared mode)
enum class SessionTab { Photolangage = 0, Timeline = 1, Boards = 2 };
struct SessionScreenState {
    SessionTab tab = SessionTab::Photolangage;
    bool notes_open = true;
    WrappedText notes;                 // the notes field (wraps while typing)
    PhotoBoardState photos;            // the photolangage board
    TimelineViewState timeline;        // the life timeline
    BoardViewState boards;             // the expression boards
    SharedExitState exit;              // the counsellor's PIN to leave the shared mode
    bool exit_ends = false;            // that PIN was asked by « Terminer l’entretien »
};
// What the tools need besides the session: photos, the prompt catalogue, the fingers.
struct SessionTools {
    PhotoLibrary* photos = nullptr;
    const std::vector<core::Prompt>* prompts = nullptr;
    const platform::Gestures* gestures = nullptr;
    const std::vector<core::RomeJob>* rome = nullptr; // jobs with ROME codes for the timeline
    const std::vector<core::BoardTemplate>* boards = nullptr; // the boards the counsellor can open
    PictogramSource* pictograms = nullptr;             // card pictograms
    std::int64_t now = 0;              // unix seconds
    core::Date today;
    // Shared mode (the interview is running): leaving it, by « Terminer l’entretien » or a long
    // press in the top-left corner, needs the PIN of this counsellor.
    std::string counsellor_name;
};
// LeaveShared: the PIN sheet was submitted (`secret`); the app checks it, then ends the interview
// when `end_interview`, and goes to the review — or sets state.exit.message.
enum class SessionAction { None, Undo, Redo, EndInterview, LeaveShared };
struct SessionResult {
    SessionAction action = SessionAction::None;
    std::vector<core::Command> commands;
    std::string secret;
    bool end_interview = false;
};
// save_error: non-empty while the store cannot write (shown as a banner; work is kept in memory).
SessionResult draw_session_screen(const core::SessionEditor& editor, SessionScreenState& state,
                                  const SessionTools& tools, const std::string& save_error);

// [SECTION] Review and synthesis (counsellor mode, review_screen.cpp)
// Opening an interview that has ended shows this screen: on the left the pages (« L’entretien »,
// the synthesis sections, « Préconisations », « Finaliser »), on the right the page. The overview
// shows everything the interview produced (notes, photos with the person's words, the timeline,
// the boards and scales); the sections are drafted by core and edited here; recommendations come
// from the catalogue; finalizing checks and locks, reopening asks for a reason.
enum class ReviewPage { Overview = 0, Section, Recommendations, Finalize };
struct ReviewState {
    ReviewPage page = ReviewPage::Overview;
    bool scroll_top = false;           // the page was just chosen: show its top
    core::SectionId section = core::SectionId::ParcoursFormation;
    std::array<WrappedText, core::kSectionCount> texts;     // the section fields
    std::vector<std::pair<std::string, WrappedText>> rec_texts; // recommendation key -> its field
    // « Rédiger » asked to replace edited text: the sections concerned (all sections, or one).
    bool confirm_redraft = false;
    bool redraft_one = false;          // only `section`
    std::vector<core::SectionId> would_overwrite;
    bool confirm_finalize = false;
    bool reopen_open = false;
    std::string reopen_reason;
    WrappedText reopen_field;
    // A message under the top bar (PDF written, draft up to date...); error: shown in red.
    std::string message;
    bool message_error = false;
    bool message_sticky = false;       // survives the next change (set with a change, e.g. finalized)
    // Caches rebuilt when the session's revision changes.
    std::uint64_t cached_revision = ~0ull;
    std::vector<core::Suggestion> suggestions;
    struct Line {
        enum Kind { Heading, Sub, Body, Muted, Photo, Scale } kind = Body;
        std::string text;
        std::string deck_id, card_id; // Photo
        int value = -1;               // Scale
    };
    std::vector<Line> overview;
};
struct ReviewModel {
    const core::SessionEditor* editor = nullptr;
    const core::SynthesisAssets* assets = nullptr; // null: drafting unavailable (files missing)
    PhotoLibrary* photos = nullptr;                // may be null: photos listed without pictures
    std::string who;                               // the counsellor using the app (stamps)
    std::string finalizer_name;                    // who finalized, by name (finalized sessions)
    core::Date today;
};
enum class ReviewAction { None, Back, OpenTools, Undo, Redo, WritePdf };
struct ReviewResult {
    ReviewAction action = ReviewAction::None;
    std::vector<core::Command> commands;
};
ReviewResult draw_review(const ReviewModel& model, ReviewState& state);
// « À rédiger », « Brouillon d’Amorce », « Modifiée » (translation keys), for a section.
const char* section_state_key(const core::SynthesisSection& s);

// [SECTION] Touch test (counsellor settings): check that taps, long-press and pinch work
struct TouchTestState {
    int taps = 0;
    int long_presses = 0;
    int drags = 0;
    float last_drag_px = 0;
    float zoom = 1.0f;
    ImVec2 pan{0, 0};
};
bool draw_touch_test(const platform::Gestures& gestures, TouchTestState& state); // true: back

// Shared helpers
std::string format_days_left(int days);  // "4 jours restants", "En retard de 2 jours"...
const char* status_label(core::SessionStatus s);
// Case- and accent-insensitive "contains", for the search box.
bool matches_search(const std::string& haystack, const std::string& needle);

} // namespace amorce::ui
