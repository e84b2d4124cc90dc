// The life timeline (shared mode, tab « Frise »): six lanes along the years from birth to five
// years ahead, ages under the years, today marked. Pinch to zoom (years ↔ months) around the
// fingers, two fingers (or one on the ruler) to pan, +/−/« Tout voir » buttons.
//
// One finger along an empty lane draws a new period; a tap on a box opens its edit panel (lane,
// dates with large steppers, job with ROME code, training and diploma level, note); dragging a box
// moves it, its edge handles resize it; dates snap to years (or months when zoomed in). Periods
// with nothing recorded are hatched « période non renseignée »: a tap offers to fill them.
// Every change is a core command (undo/redo, autosave).
#pragma once

#include "core/commands.hpp"
#include "core/timeline.hpp"
#include "ui/widgets.hpp"

#include <platform.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace amorce::ui {

// What the timeline draws that only changes with the session: lane rows, gaps, each episode's
// words and script ids. Rebuilt when the session's revision (or today) changes, not every frame.
struct TimelineCache {
    std::uint64_t revision = ~0ull;
    int today_month = 0;
    std::vector<core::LaneRows> rows;   // per lane (kLanes order)
    std::vector<core::Gap> gaps;
    struct Words {
        std::string title, period, id, record, handle_start, handle_end;
    };
    std::vector<Words> words;           // per episode (session order)
};

struct TimelineViewState {
    TimelineCache cache;
    // The view: month index at the left edge, pixels per month. px_per_month 0: fit all.
    float left_month = 0.0f;
    float px_per_month = 0.0f;
    float canvas_w = 0.0f;               // width the scale was set for (a rotation keeps the years in view)
    // The current one-finger press on the canvas.
    enum class Press { None, Pending, Pan, Create, Move, ResizeStart, ResizeEnd, Ignored } press = Press::None;
    int press_lane = -1;                // lane index under the finger (kLanes order)
    std::string press_episode;          // episode under the finger
    bool press_on_handle_start = false, press_on_handle_end = false;
    float press_left = 0.0f;            // left_month when the press began
    core::FuzzyDate sent_start, sent_end; // last dates sent while dragging (MoveEpisode on change)
    core::TimelineEpisode press_original; // the episode as it was when the drag began
    int create_from = 0, create_to = 0; // months of the box being drawn
    // Sheets.
    enum class Sheet { None, Edit, Gap } sheet = Sheet::None;
    std::string edit_id;                // the episode in the edit panel
    bool edit_is_new = false;           // just created: « Annuler » removes it
    bool edit_pending = false;          // its AddEpisode is applied after this frame: wait for it
    core::Gap gap;                      // the gap the Gap sheet fills
    std::string rome_query;
    std::vector<core::TimelineIssue> issues; // what the last check corrected (shown in the panel)
    std::string facts;                  // the derived facts line (cached for facts_revision)
    std::uint64_t facts_revision = ~0ull;
    std::string message;                // a short line under the toolbar (translation key)
    double message_until = 0.0;
};

struct TimelineViewModel {
    const core::Session* session = nullptr;
    const platform::Gestures* gestures = nullptr;
    const std::vector<core::RomeJob>* rome = nullptr; // may be null or empty (no list)
    core::Date today;
    std::string who;                    // counsellor id for the commands
};

// Draws the timeline in the current region; appends what the user did to *out.
void draw_timeline(const TimelineViewModel& model, TimelineViewState& state, std::vector<core::Command>* out);
// The edit panel and the gap sheet, over everything (call outside child regions).
void draw_timeline_overlays(const TimelineViewModel& model, TimelineViewState& state, std::vector<core::Command>* out);

// Words for date labels from the translation catalog (months, « vers », « en cours »).
const core::DateWords& timeline_date_words();

} // namespace amorce::ui
