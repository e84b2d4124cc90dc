// TouchTracker: turns raw finger events into one primary pointer plus gestures (long-press, pinch/pan).
// Pure logic: no SDL, no ImGui IO. The platform feeds it finger events (pixels, milliseconds) and reads
// one TouchFrame per drawn frame; unit tests feed it directly.
//
// [SECTION] Tuning
// [SECTION] TouchFrame (what one frame sees)
// [SECTION] TouchTracker
//
// Rules (see platform/README.md):
// - The first finger down (when none was down) is the primary pointer. A press and release that both
//   happen before a frame is drawn are still reported as "down" for one frame, then "up" the next, so
//   we don't miss taps shorter than one frame.
// - The frame after the release, the pointer position becomes invalid: nothing stays hovered under a
//   lifted finger.
// - A second finger turns the gesture into a pinch/pan: the pointer is released *off-screen* (so the
//   widget under the first finger does not receive a click) and stays released until every finger is up.
// - A primary press held long_press_ms without moving more than slop_dp fires long_press once. Lifting
//   the finger afterwards without moving does not click (the long-press consumed the tap).
#pragma once

#include "platform.hpp"

#include <cstdint>
#include <vector>

namespace amorce::platform {

// [SECTION] Tuning
struct TouchTuning {
    float slop_dp = 8.0f;              // movement (dp) under which a press is still a tap / long-press
    std::uint64_t long_press_ms = 500; // still press duration that fires a long-press
};

// [SECTION] TouchFrame
struct TouchFrame {
    bool pointer_down = false;  // value for io.MouseDown[0]
    bool pointer_valid = false; // false: the pointer is nowhere (io.MousePos = -FLT_MAX)
    ImVec2 pointer_pos{0, 0};   // pixels, meaningful when pointer_valid
    bool tap = false;  // the primary finger was released this frame as a tap (no drag, no long-press)
    Gestures gestures; // last_input_was_touch is left to the platform
};

// [SECTION] TouchTracker
class TouchTracker {
  public:
    using FingerId = std::int64_t;

    explicit TouchTracker(TouchTuning tuning = {}) : tuning_(tuning) {}

    // Pixels per dp (dpi / 160); the slop is slop_dp * px_per_dp pixels.
    void set_px_per_dp(float px_per_dp) { px_per_dp_ = px_per_dp > 0.0f ? px_per_dp : 1.0f; }
    float slop_px() const { return tuning_.slop_dp * px_per_dp_; }

    // Raw events, in arrival order. Positions in pixels, times in milliseconds (any monotonic origin).
    void finger_down(FingerId id, float x, float y, std::uint64_t t_ms);
    void finger_move(FingerId id, float x, float y, std::uint64_t t_ms);
    void finger_up(FingerId id, float x, float y, std::uint64_t t_ms);
    // Stuck fingers (focus lost, missing finger-up): forget every finger, cancel the press (no click).
    void release_all();

    // Called once per drawn frame, before ImGui::NewFrame(): consumes what happened since the previous
    // frame and returns the pointer + gestures for this frame.
    TouchFrame begin_frame(std::uint64_t now_ms);

    int fingers_down() const { return static_cast<int>(fingers_.size()); }
    bool primary_moved_beyond_slop() const { return primary_moved_; }
    // Something still has to be shown on a later frame (a latched tap, a release, a hover to clear,
    // a pinch end, a long-press due): the caller should draw another frame.
    bool has_pending(std::uint64_t now_ms) const;
    // Milliseconds until the long-press of the current press fires (0 = due now), -1 if none pending.
    int ms_until_long_press(std::uint64_t now_ms) const;

  private:
    struct Finger {
        FingerId id;
        ImVec2 pos;
    };
    Finger* find(FingerId id);
    void update_pinch_from_fingers();
    bool long_press_eligible() const;
    void fire_long_press(ImVec2 pos);

    TouchTuning tuning_;
    float px_per_dp_ = 1.0f;
    std::vector<Finger> fingers_; // in order of arrival; [0] and [1] form the pinch pair

    // Primary pointer (first finger of a gesture).
    bool primary_active_ = false; // the primary finger is down and still drives the pointer
    FingerId primary_id_ = 0;
    ImVec2 primary_pos_{0, 0};
    ImVec2 primary_start_{0, 0};
    std::uint64_t primary_down_ms_ = 0;
    bool primary_moved_ = false;    // went beyond slop at some point during this press
    bool long_press_fired_ = false; // for this press
    bool gesture_multi_ = false;    // a second finger joined: pointer suppressed until all fingers are up

    // Latches consumed by begin_frame (the "shorter than one frame" tricks).
    bool press_latched_ = false; // a primary press happened since the last frame
    ImVec2 press_pos_{0, 0};
    bool release_pending_ = false; // a primary release still has to be reported
    ImVec2 release_pos_{0, 0};
    bool release_hides_ = false; // report the release off-screen (cancelled press / consumed tap)
    bool release_is_tap_ = false;
    bool clear_hover_pending_ = false;
    bool long_press_pending_ = false; // fired between frames (finger lifted after the delay)
    ImVec2 long_press_pos_{0, 0};

    // Pinch/pan between the first two fingers.
    bool pinch_active_ = false;
    bool pinch_seen_this_frame_ = false; // the pinch was active at some point since the last frame
    float pinch_last_dist_ = 1.0f;
    ImVec2 pinch_last_center_{0, 0};
    float pinch_frame_scale_ = 1.0f;
    ImVec2 pinch_frame_pan_{0, 0};
    float pinch_total_scale_ = 1.0f;
    ImVec2 pinch_total_pan_{0, 0};
};

} // namespace amorce::platform
