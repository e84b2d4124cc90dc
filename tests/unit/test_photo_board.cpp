// The photolangage grid's glide after a flick (ui/photo_board.hpp: release_velocity).
#include "ui/photo_board.hpp"

#include <doctest/doctest.h>

using Track = std::vector<std::pair<double, float>>;

TEST_CASE("photo grid: a flick upwards glides on at the finger's speed") {
    // 60 fps, the finger moves up 20 px per frame, then lifts.
    Track t;
    for (int i = 0; i <= 10; ++i) t.emplace_back(i / 60.0, 600.0f - 20.0f * static_cast<float>(i));
    t.emplace_back(11 / 60.0, 380.0f);
    const float v = amorce::ui::release_velocity(t);
    CHECK(v == doctest::Approx(1200.0).epsilon(0.05)); // 20 px per 1/60 s, content moves up
}

TEST_CASE("photo grid: a flick downwards glides back up the list") {
    Track t;
    for (int i = 0; i <= 6; ++i) t.emplace_back(i / 60.0, 200.0f + 15.0f * static_cast<float>(i));
    CHECK(amorce::ui::release_velocity(t) < -800.0f);
}

TEST_CASE("photo grid: a finger that rested before lifting does not glide") {
    Track t;
    for (int i = 0; i <= 6; ++i) t.emplace_back(i / 60.0, 600.0f - 20.0f * static_cast<float>(i));
    for (int i = 7; i <= 20; ++i) t.emplace_back(i / 60.0, 480.0f); // 13 frames still, > 100 ms
    CHECK(amorce::ui::release_velocity(t) == 0.0f);
}

TEST_CASE("photo grid: on slow frames a flick is still a flick") {
    // Frames 150 ms apart: down, one frame after the move, the lift. No frame saw the finger rest.
    const Track t = {{0.0, 420.0f}, {0.15, 180.0f}, {0.30, 180.0f}};
    CHECK(amorce::ui::release_velocity(t) == doctest::Approx(1600.0).epsilon(0.01));
}

TEST_CASE("photo grid: a press without movement does not glide") {
    CHECK(amorce::ui::release_velocity({}) == 0.0f);
    CHECK(amorce::ui::release_velocity({{0.0, 300.0f}}) == 0.0f);
    CHECK(amorce::ui::release_velocity({{0.0, 300.0f}, {0.1, 301.0f}, {0.2, 300.0f}}) == 0.0f);
}
