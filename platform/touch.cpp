// TouchTracker implementation. See touch.hpp for the rules; this file only applies them.
#include "touch.hpp"

#include <algorithm>
#include <cmath>

namespace amorce::platform {

namespace {

float distance(ImVec2 a, ImVec2 b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}
ImVec2 midpoint(ImVec2 a, ImVec2 b) {
    return ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
}

// Two fingers at the same spot would divide by zero; a 1 px floor keeps the ratios finite.
constexpr float kMinPinchDistance = 1.0f;

} // namespace

TouchTracker::Finger* TouchTracker::find(FingerId id) {
    for (Finger& f : fingers_)
        if (f.id == id) return &f;
    return nullptr;
}

void TouchTracker::finger_down(FingerId id, float x, float y, std::uint64_t t_ms) {
    // A second "down" for a finger we believe is already down means its "up" was lost: start clean.
    if (find(id)) release_all();

    fingers_.push_back(Finger{id, ImVec2(x, y)});

    if (fingers_.size() == 1) {
        primary_active_ = true;
        primary_id_ = id;
        primary_pos_ = primary_start_ = ImVec2(x, y);
        primary_down_ms_ = t_ms;
        primary_moved_ = false;
        long_press_fired_ = false;
        gesture_multi_ = false;
        press_latched_ = true; // so we don't miss presses released before the next frame
        press_pos_ = primary_pos_;
        release_pending_ = false;
        release_hides_ = false;
        release_is_tap_ = false;
        clear_hover_pending_ = false;
        return;
    }

    if (fingers_.size() == 2) {
        // A pinch starts. Release the pointer off-screen so the widget under the first finger is not
        // clicked and nothing drags while the fingers zoom.
        gesture_multi_ = true;
        if (primary_active_ || press_latched_) {
            primary_active_ = false;
            press_latched_ = false;
            release_pending_ = true;
            release_hides_ = true;
            release_is_tap_ = false;
        }
        long_press_pending_ = false;
        pinch_active_ = true;
        pinch_seen_this_frame_ = true;
        pinch_last_dist_ = std::max(distance(fingers_[0].pos, fingers_[1].pos), kMinPinchDistance);
        pinch_last_center_ = midpoint(fingers_[0].pos, fingers_[1].pos);
        pinch_frame_scale_ = 1.0f;
        pinch_frame_pan_ = ImVec2(0, 0);
        pinch_total_scale_ = 1.0f;
        pinch_total_pan_ = ImVec2(0, 0);
    }
    // A third finger and more: tracked (so their "up" is understood) but not used.
}

void TouchTracker::finger_move(FingerId id, float x, float y, std::uint64_t /*t_ms*/) {
    Finger* f = find(id);
    if (!f) return; // a finger we never saw going down (released by release_all, or from outside)
    f->pos = ImVec2(x, y);

    if (primary_active_ && id == primary_id_) {
        primary_pos_ = f->pos;
        if (distance(primary_pos_, primary_start_) > slop_px()) primary_moved_ = true;
    }
    if (pinch_active_ && (id == fingers_[0].id || id == fingers_[1].id)) update_pinch_from_fingers();
}

void TouchTracker::update_pinch_from_fingers() {
    const float dist = std::max(distance(fingers_[0].pos, fingers_[1].pos), kMinPinchDistance);
    const ImVec2 center = midpoint(fingers_[0].pos, fingers_[1].pos);
    // Accumulated per event: the product of ratios telescopes to (last distance / first distance),
    // so the result does not depend on how the moves were split between frames.
    const float ratio = dist / pinch_last_dist_;
    pinch_frame_scale_ *= ratio;
    pinch_total_scale_ *= ratio;
    const ImVec2 delta(center.x - pinch_last_center_.x, center.y - pinch_last_center_.y);
    pinch_frame_pan_ = ImVec2(pinch_frame_pan_.x + delta.x, pinch_frame_pan_.y + delta.y);
    pinch_total_pan_ = ImVec2(pinch_total_pan_.x + delta.x, pinch_total_pan_.y + delta.y);
    pinch_last_dist_ = dist;
    pinch_last_center_ = center;
}

void TouchTracker::finger_up(FingerId id, float x, float y, std::uint64_t t_ms) {
    if (!find(id)) return;
    finger_move(id, x, y, t_ms); // the lift position counts as the last move

    if (pinch_active_ && (id == fingers_[0].id || id == fingers_[1].id)) {
        pinch_active_ = false; // pinch_seen_this_frame_ stays set: the next frame reports its last step
    }

    if (primary_active_ && id == primary_id_) {
        primary_active_ = false;
        // Lifted after the delay but before a frame could fire it (the loop was busy): still a long-press.
        if (!primary_moved_ && !long_press_fired_ && !gesture_multi_ &&
            t_ms >= primary_down_ms_ + tuning_.long_press_ms)
            fire_long_press(primary_pos_);
        release_pending_ = true;
        release_pos_ = primary_pos_;
        // A long-press is the secondary action: lifting in place must not also click.
        release_hides_ = long_press_fired_ && !primary_moved_;
        release_is_tap_ = !primary_moved_ && !long_press_fired_;
    }

    fingers_.erase(
        std::remove_if(fingers_.begin(), fingers_.end(), [id](const Finger& f) { return f.id == id; }),
        fingers_.end());
    if (fingers_.empty()) gesture_multi_ = false;
}

void TouchTracker::release_all() {
    if (primary_active_ || press_latched_ || release_pending_) {
        // Cancelled, not released: report the release off-screen so nothing gets clicked.
        release_pending_ = true;
        release_hides_ = true;
        release_is_tap_ = false;
    }
    primary_active_ = false;
    press_latched_ = false;
    long_press_pending_ = false;
    pinch_active_ = false;
    gesture_multi_ = false;
    fingers_.clear();
}

bool TouchTracker::long_press_eligible() const {
    return primary_active_ && !primary_moved_ && !long_press_fired_ && !gesture_multi_;
}

void TouchTracker::fire_long_press(ImVec2 pos) {
    long_press_fired_ = true;
    long_press_pending_ = true;
    long_press_pos_ = pos;
}

int TouchTracker::ms_until_long_press(std::uint64_t now_ms) const {
    if (!long_press_eligible()) return -1;
    const std::uint64_t elapsed = now_ms > primary_down_ms_ ? now_ms - primary_down_ms_ : 0;
    if (elapsed >= tuning_.long_press_ms) return 0;
    return static_cast<int>(tuning_.long_press_ms - elapsed);
}

bool TouchTracker::has_pending(std::uint64_t now_ms) const {
    return press_latched_ || release_pending_ || clear_hover_pending_ || long_press_pending_ ||
           pinch_seen_this_frame_ || ms_until_long_press(now_ms) == 0;
}

TouchFrame TouchTracker::begin_frame(std::uint64_t now_ms) {
    TouchFrame out;

    if (ms_until_long_press(now_ms) == 0) fire_long_press(primary_pos_);

    // Primary pointer, in priority order.
    if (primary_active_) {
        out.pointer_down = true;
        out.pointer_valid = true;
        out.pointer_pos = primary_pos_;
        press_latched_ = false;
    } else if (press_latched_) {
        // Pressed and released since the last frame: show it held for this frame, release on the next.
        out.pointer_down = true;
        out.pointer_valid = true;
        out.pointer_pos = press_pos_;
        press_latched_ = false;
    } else if (release_pending_) {
        out.pointer_down = false;
        out.pointer_valid = !release_hides_;
        out.pointer_pos = release_pos_;
        out.tap = release_is_tap_;
        release_pending_ = false;
        clear_hover_pending_ = out.pointer_valid;
    } else if (clear_hover_pending_) {
        clear_hover_pending_ = false; // nothing stays hovered under a lifted finger
    }

    Gestures& g = out.gestures;
    g.finger_down = !fingers_.empty();
    if (long_press_pending_) {
        g.long_press = true;
        g.long_press_pos = long_press_pos_;
        long_press_pending_ = false;
    }
    if (pinch_active_ || pinch_seen_this_frame_) {
        g.pinching = true;
        g.pinch_scale = pinch_frame_scale_;
        g.pinch_total_scale = pinch_total_scale_;
        g.pinch_center = pinch_last_center_;
        g.pan_delta = pinch_frame_pan_;
        g.pan_total = pinch_total_pan_;
    }
    pinch_frame_scale_ = 1.0f;
    pinch_frame_pan_ = ImVec2(0, 0);
    pinch_seen_this_frame_ = pinch_active_;
    return out;
}

} // namespace amorce::platform
