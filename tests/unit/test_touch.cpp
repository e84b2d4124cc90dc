// TouchTracker: the pure touch logic behind the platform's primary pointer and gestures.
#include <doctest/doctest.h>

#include "touch.hpp"

using amorce::platform::TouchFrame;
using amorce::platform::TouchTracker;

namespace {
// 1 px per dp unless a test says otherwise: the slop is then 8 px.
TouchTracker make_tracker(float px_per_dp = 1.0f) {
    TouchTracker t;
    t.set_px_per_dp(px_per_dp);
    return t;
}
} // namespace

TEST_CASE("touch: a tap shorter than one frame is held for one frame, released, then hover clears") {
    TouchTracker t = make_tracker();
    t.finger_down(7, 100, 200, 1000);
    t.finger_up(7, 101, 201, 1030);
    CHECK(t.fingers_down() == 0);

    TouchFrame f1 = t.begin_frame(1040);
    CHECK(f1.pointer_down);
    CHECK(f1.pointer_valid);
    CHECK(f1.pointer_pos.x == doctest::Approx(100));
    CHECK(f1.pointer_pos.y == doctest::Approx(200));
    CHECK_FALSE(f1.tap);

    TouchFrame f2 = t.begin_frame(1056);
    CHECK_FALSE(f2.pointer_down);
    CHECK(f2.pointer_valid); // the release happens where the finger was, so the widget gets its click
    CHECK(f2.pointer_pos.x == doctest::Approx(101));
    CHECK(f2.tap);

    TouchFrame f3 = t.begin_frame(1072);
    CHECK_FALSE(f3.pointer_down);
    CHECK_FALSE(f3.pointer_valid); // nothing stays hovered under a lifted finger
    CHECK_FALSE(t.has_pending(1072));
}

TEST_CASE("touch: a held finger drives the pointer and releases on the frame after the lift") {
    TouchTracker t = make_tracker();
    t.finger_down(1, 10, 10, 0);
    TouchFrame f1 = t.begin_frame(16);
    CHECK(f1.pointer_down);
    CHECK(f1.gestures.finger_down);
    t.finger_move(1, 13, 14, 20);
    TouchFrame f2 = t.begin_frame(32);
    CHECK(f2.pointer_down);
    CHECK(f2.pointer_pos.x == doctest::Approx(13));
    CHECK(f2.pointer_pos.y == doctest::Approx(14));
    t.finger_up(1, 13, 14, 40);
    TouchFrame f3 = t.begin_frame(48);
    CHECK_FALSE(f3.pointer_down);
    CHECK(f3.pointer_valid);
    CHECK(f3.tap); // moved 5 px < 8 dp
    CHECK_FALSE(f3.gestures.finger_down);
    CHECK_FALSE(t.begin_frame(64).pointer_valid);
}

TEST_CASE("touch: movement within the 8 dp slop is a tap, beyond it is a drag") {
    // 2 px per dp: the slop is 16 px.
    TouchTracker within = make_tracker(2.0f);
    CHECK(within.slop_px() == doctest::Approx(16.0f));
    within.finger_down(1, 100, 100, 0);
    within.begin_frame(10);
    within.finger_move(1, 109, 112, 20); // 15 px away
    within.finger_up(1, 109, 112, 30);
    CHECK_FALSE(within.primary_moved_beyond_slop());
    CHECK(within.begin_frame(40).tap);

    TouchTracker beyond = make_tracker(2.0f);
    beyond.finger_down(1, 100, 100, 0);
    beyond.begin_frame(10);
    beyond.finger_move(1, 110, 114, 20); // 17.2 px away
    beyond.finger_move(1, 100, 100, 25); // coming back does not make it a tap again
    beyond.finger_up(1, 100, 100, 30);
    CHECK(beyond.primary_moved_beyond_slop());
    TouchFrame f = beyond.begin_frame(40);
    CHECK_FALSE(f.tap);
    CHECK(f.pointer_valid); // a drag still releases where it ends (drop targets need the position)
}

TEST_CASE("touch: long-press fires exactly once at 500 ms and consumes the tap") {
    TouchTracker t = make_tracker();
    t.finger_down(3, 300, 400, 1000);
    CHECK(t.ms_until_long_press(1000) == 500);
    CHECK_FALSE(t.begin_frame(1016).gestures.long_press);
    CHECK(t.ms_until_long_press(1200) == 300);
    t.finger_move(3, 305, 403, 1300); // 5.8 px: still within the slop
    CHECK_FALSE(t.begin_frame(1499).gestures.long_press);
    CHECK(t.ms_until_long_press(1499) == 1);
    CHECK(t.has_pending(1500)); // due: the loop must draw a frame for it

    TouchFrame fired = t.begin_frame(1500);
    CHECK(fired.gestures.long_press);
    CHECK(fired.gestures.long_press_pos.x == doctest::Approx(305));
    CHECK(fired.gestures.long_press_pos.y == doctest::Approx(403));
    CHECK(fired.pointer_down);

    CHECK(t.ms_until_long_press(1600) == -1);
    CHECK_FALSE(t.begin_frame(1600).gestures.long_press);
    CHECK_FALSE(t.begin_frame(3000).gestures.long_press);

    t.finger_up(3, 305, 403, 3100);
    TouchFrame release = t.begin_frame(3116);
    CHECK_FALSE(release.pointer_down);
    CHECK_FALSE(release.pointer_valid); // released off-screen: no click after a long-press
    CHECK_FALSE(release.tap);
    CHECK_FALSE(release.gestures.long_press);
}

TEST_CASE("touch: long-press does not fire when moved beyond the slop or released early") {
    TouchTracker moved = make_tracker();
    moved.finger_down(1, 0, 0, 0);
    moved.finger_move(1, 9, 0, 100); // 9 px > 8 dp
    CHECK(moved.ms_until_long_press(100) == -1);
    CHECK_FALSE(moved.begin_frame(600).gestures.long_press);
    CHECK_FALSE(moved.begin_frame(2000).gestures.long_press);

    TouchTracker early = make_tracker();
    early.finger_down(1, 0, 0, 0);
    early.begin_frame(16);
    early.finger_up(1, 0, 0, 499);
    CHECK(early.ms_until_long_press(499) == -1);
    TouchFrame f = early.begin_frame(520);
    CHECK_FALSE(f.gestures.long_press);
    CHECK(f.tap);
    CHECK_FALSE(early.begin_frame(1000).gestures.long_press);
}

TEST_CASE("touch: a still press lifted after 500 ms before any frame is still a long-press") {
    TouchTracker t = make_tracker();
    t.finger_down(1, 50, 60, 0);
    t.finger_up(1, 50, 60, 650); // the loop was busy: no frame in between
    TouchFrame f1 = t.begin_frame(660);
    CHECK(f1.gestures.long_press);
    CHECK(f1.gestures.long_press_pos.x == doctest::Approx(50));
    TouchFrame f2 = t.begin_frame(676);
    CHECK_FALSE(f2.gestures.long_press);
    CHECK_FALSE(f2.tap);
    CHECK_FALSE(f2.pointer_valid);
}

TEST_CASE("touch: pinch scale from two fingers moving apart, per frame and in total") {
    TouchTracker t = make_tracker();
    t.finger_down(1, 100, 300, 0);
    t.finger_down(2, 200, 300, 5); // distance 100
    TouchFrame f0 = t.begin_frame(16);
    CHECK(f0.gestures.pinching);
    CHECK(f0.gestures.pinch_scale == doctest::Approx(1.0f));
    CHECK(f0.gestures.pinch_center.x == doctest::Approx(150));
    CHECK_FALSE(f0.pointer_down);

    t.finger_move(2, 250, 300, 20); // distance 150
    TouchFrame f1 = t.begin_frame(32);
    CHECK(f1.gestures.pinch_scale == doctest::Approx(1.5f));
    CHECK(f1.gestures.pinch_total_scale == doctest::Approx(1.5f));

    t.finger_move(1, 75, 300, 40);  // distance 175
    t.finger_move(2, 275, 300, 41); // distance 200
    TouchFrame f2 = t.begin_frame(48);
    CHECK(f2.gestures.pinch_scale == doctest::Approx(200.0f / 150.0f));
    CHECK(f2.gestures.pinch_total_scale == doctest::Approx(2.0f));
    CHECK(f2.gestures.pinch_center.x == doctest::Approx(175));

    TouchFrame still = t.begin_frame(64); // no movement: scale change 1, total kept
    CHECK(still.gestures.pinching);
    CHECK(still.gestures.pinch_scale == doctest::Approx(1.0f));
    CHECK(still.gestures.pinch_total_scale == doctest::Approx(2.0f));

    // Fingers closer: 200 -> 50 is a quarter.
    t.finger_move(1, 150, 300, 70);
    t.finger_move(2, 200, 300, 71);
    TouchFrame f3 = t.begin_frame(80);
    CHECK(f3.gestures.pinch_scale == doctest::Approx(0.25f));
    CHECK(f3.gestures.pinch_total_scale == doctest::Approx(0.5f));
}

TEST_CASE("touch: pan delta follows the centre between two fingers") {
    TouchTracker t = make_tracker();
    t.finger_down(1, 100, 100, 0);
    t.finger_down(2, 200, 100, 0);
    t.begin_frame(16);
    t.finger_move(1, 130, 140, 20);
    t.finger_move(2, 230, 140, 21);
    TouchFrame f1 = t.begin_frame(32);
    CHECK(f1.gestures.pan_delta.x == doctest::Approx(30));
    CHECK(f1.gestures.pan_delta.y == doctest::Approx(40));
    CHECK(f1.gestures.pinch_scale == doctest::Approx(1.0f));
    t.finger_move(1, 120, 150, 40);
    t.finger_move(2, 220, 150, 41);
    TouchFrame f2 = t.begin_frame(48);
    CHECK(f2.gestures.pan_delta.x == doctest::Approx(-10));
    CHECK(f2.gestures.pan_delta.y == doctest::Approx(10));
    CHECK(f2.gestures.pan_total.x == doctest::Approx(20));
    CHECK(f2.gestures.pan_total.y == doctest::Approx(50));
    CHECK(f2.gestures.pinch_center.x == doctest::Approx(170));
    CHECK(f2.gestures.pinch_center.y == doctest::Approx(150));
}

TEST_CASE("touch: a second finger cancels the press so the widget under the first is not clicked") {
    TouchTracker t = make_tracker();
    t.finger_down(1, 100, 100, 0);
    TouchFrame pressed = t.begin_frame(16);
    CHECK(pressed.pointer_down);
    t.finger_down(2, 300, 100, 30);
    TouchFrame pinch = t.begin_frame(48);
    CHECK_FALSE(pinch.pointer_down);
    CHECK_FALSE(pinch.pointer_valid); // released off-screen: no click-release on the widget
    CHECK(pinch.gestures.pinching);

    // Lifting one finger ends the pinch; the remaining finger does not become a pointer again.
    t.finger_move(2, 350, 100, 50);
    t.finger_up(2, 350, 100, 60);
    TouchFrame last = t.begin_frame(64);
    CHECK(last.gestures.pinching); // the last step of the pinch is still reported
    CHECK(last.gestures.pinch_total_scale == doctest::Approx(1.25f));
    TouchFrame after = t.begin_frame(80);
    CHECK_FALSE(after.gestures.pinching);
    CHECK(after.gestures.pinch_scale == doctest::Approx(1.0f));
    t.finger_move(1, 180, 100, 90);
    TouchFrame one_left = t.begin_frame(96);
    CHECK_FALSE(one_left.pointer_down);
    CHECK_FALSE(one_left.pointer_valid);
    CHECK(one_left.gestures.finger_down);
    t.finger_up(1, 180, 100, 100);
    CHECK_FALSE(t.begin_frame(112).tap);
    CHECK(t.ms_until_long_press(2000) == -1); // a pinch never turns into a long-press

    // All fingers up: the next finger is a fresh primary pointer.
    t.finger_down(5, 40, 50, 200);
    TouchFrame fresh = t.begin_frame(216);
    CHECK(fresh.pointer_down);
    CHECK(fresh.pointer_pos.x == doctest::Approx(40));
}

TEST_CASE("touch: release_all frees stuck fingers without clicking") {
    TouchTracker t = make_tracker();
    t.finger_down(1, 100, 100, 0);
    t.finger_down(2, 200, 200, 0);
    t.finger_down(3, 300, 300, 0);
    t.begin_frame(16);
    CHECK(t.fingers_down() == 3);
    t.release_all(); // e.g. focus lost: the finger-ups will never come
    CHECK(t.fingers_down() == 0);
    TouchFrame f = t.begin_frame(32);
    CHECK_FALSE(f.pointer_down);
    CHECK_FALSE(f.pointer_valid);
    CHECK_FALSE(f.tap);
    CHECK_FALSE(f.gestures.finger_down);
    // Late events of the forgotten fingers are ignored.
    t.finger_move(1, 500, 500, 40);
    t.finger_up(2, 200, 200, 41);
    TouchFrame g = t.begin_frame(48);
    CHECK_FALSE(g.pointer_down);
    CHECK_FALSE(g.gestures.pinching);
    CHECK_FALSE(t.has_pending(48));

    // A single held press cancelled before its first frame reports no press at all.
    t.finger_down(9, 10, 10, 100);
    t.release_all();
    TouchFrame h = t.begin_frame(116);
    CHECK_FALSE(h.pointer_down);
    CHECK_FALSE(h.pointer_valid);
    CHECK(t.ms_until_long_press(1000) == -1);
}

TEST_CASE("touch: a second down for a finger already down replaces the stuck one") {
    TouchTracker t = make_tracker();
    t.finger_down(4, 100, 100, 0);
    t.begin_frame(16);
    t.finger_down(4, 600, 400, 5000); // its finger-up was lost
    CHECK(t.fingers_down() == 1);
    TouchFrame f = t.begin_frame(5016);
    CHECK(f.pointer_down);
    CHECK(f.pointer_pos.x == doctest::Approx(600));
    CHECK_FALSE(f.gestures.pinching);
    CHECK(t.ms_until_long_press(5016) == 484);
}
