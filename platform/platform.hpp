// Amorce platform layer: the only code that touches SDL events and the SDL renderer.
//
// [SECTION] Options
// [SECTION] Gestures (what widgets read about fingers each frame)
// [SECTION] Captured touches (presses kept away from ImGui: the on-screen keyboard)
// [SECTION] Platform (window, event loop helpers, ImGui IO, drawing, textures, screenshots)
// [SECTION] Synthetic input (used by headless UI scripts: real SDL events, same path as a finger)
//
// This header includes no SDL header so that `ui` can read gestures without depending on SDL.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace amorce::platform {

// [SECTION] Options
struct Options {
    int width = 1280;      // window size in pixels
    int height = 800;
    bool headless = false; // SDL dummy video driver + software renderer, no display needed
    bool fullscreen = false; // the whole screen, no window frame (kiosk / shared mode)
    std::string title = "Amorce";
};

// [SECTION] Gestures
// Filled by the platform before each ImGui frame. Values are "this frame" unless said otherwise.
struct Gestures {
    bool finger_down = false;        // a finger currently touches the screen (primary pointer)
    bool last_input_was_touch = false;
    bool long_press = false;         // true on the one frame where a 500 ms still press (8 dp slop) fires
    ImVec2 long_press_pos{0, 0};
    bool pinching = false;           // two fingers down
    float pinch_scale = 1.0f;        // multiplicative scale change since previous frame (1 = none)
    float pinch_total_scale = 1.0f;  // cumulative scale since the two-finger gesture started
    ImVec2 pinch_center{0, 0};       // centre between the two fingers, in pixels
    ImVec2 pan_delta{0, 0};          // two-finger pan delta since previous frame, in pixels
    ImVec2 pan_total{0, 0};          // cumulative two-finger pan since the gesture started
};

// [SECTION] Captured touches
// A press (finger or left mouse button) that starts inside the capture rectangle never reaches
// ImGui nor the gestures: it is queued here instead, with its moves and its release. The
// on-screen keyboard uses this so that tapping a key does not end the edit of the active field.
struct CapturedTouch {
    enum class Phase { Down, Move, Up, Cancel }; // Cancel: focus lost, the press ends without a tap
    Phase phase = Phase::Down;
    std::int64_t id = 0; // finger id; -1 for the mouse
    ImVec2 pos{0, 0};    // pixels
};

// [SECTION] Platform
class Platform {
public:
    // Creates the window, renderer and ImGui context (ImGui::CreateContext is called here).
    // Returns nullptr and sets *error (one clear English line) on failure, e.g. no display.
    static std::unique_ptr<Platform> create(const Options& options, std::string* error);
    ~Platform();
    Platform(const Platform&) = delete;
    Platform& operator=(const Platform&) = delete;

    // Waits at most timeout_ms for events (SDL_WaitEventTimeout; 0 = poll only), then drains and
    // processes every pending event into ImGui IO and the gesture tracker.
    // Returns false when the user asked to quit (window closed, SDL_QUIT).
    bool pump_events(int timeout_ms);

    // Render on demand: true while a frame should be drawn (an input event arrived recently, the
    // window changed, request_frames() was called, or a gesture/long-press timer is pending).
    bool needs_frame() const;
    // Ask for `count` more frames (e.g. an animation, a worker finished a job).
    void request_frames(int count = 3);
    // Milliseconds until a pending timer (long-press) needs a frame, or -1 if none.
    int next_timer_ms() const;

    // Starts an ImGui frame: display size, framebuffer scale, delta time, mouse state, gestures.
    // Calls ImGui::NewFrame().
    void begin_frame();
    // ImGui::Render(), draws ImDrawData with SDL_RenderGeometryRaw, presents. Counts the frame.
    void end_frame();
    int frames_drawn() const;

    const Gestures& gestures() const;

    // Display metrics. dpi() is the effective DPI used for sizing: the larger of what SDL reports
    // (when plausible) and what a 10-inch tablet of the window's pixel size would have.
    float dpi() const;
    float dp() const { return dpi() / 160.0f; } // pixels per density-independent pixel
    ImVec2 window_size() const;                 // in pixels (renderer output size)

    // The font atlas (ImGui::GetIO().Fonts) changed: rebuild its texture before the next frame.
    void invalidate_font_texture();

    // Small texture API for images (RGBA8, straight alpha). Returns nullptr on failure.
    ImTextureID create_texture(const std::uint8_t* rgba, int width, int height);
    void destroy_texture(ImTextureID texture);

    // Writes the last presented frame (or renders the current draw data again) as PNG.
    bool save_screenshot(const std::string& png_path, std::string* error);

    // Any thread: wake the loop (SDL_PushEvent of a user event) and request a few frames.
    static void wake();

    // True when a physical keyboard was used recently (the on-screen keyboard can then hide).
    bool physical_keyboard_used() const;

    // Presses starting inside [min, max) (pixels) are captured; min == max captures nothing.
    void set_capture_rect(ImVec2 min, ImVec2 max);
    // The captured events since the previous call, in arrival order.
    std::vector<CapturedTouch> take_captured();
    // Called by begin_frame() after ImGui IO is filled and just before ImGui::NewFrame() (the
    // on-screen keyboard types into IO there). Empty function: none.
    void set_before_new_frame(std::function<void()> fn);

    // [SECTION] Synthetic input: pushes real SDL events (SDL_PushEvent) that then go through
    // exactly the same processing as hardware events. Coordinates in window pixels.
    void inject_finger_down(int finger, float x, float y);
    void inject_finger_move(int finger, float x, float y);
    void inject_finger_up(int finger, float x, float y);
    void inject_text(const std::string& utf8);
    // key: an SDL keycode name as understood by SDL_GetKeyFromName ("Return", "Backspace", "Tab",
    // "Escape", "Left", "A"...). Returns false if unknown. Pushes key down then key up.
    bool inject_key(const std::string& key_name);
    // True if inject_key() knows this key name (checked when a script is loaded).
    static bool key_name_known(const std::string& key_name);
    void inject_resize(int width, int height);

    struct Impl;

private:
    explicit Platform(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The per-user data folder (SDL_GetPrefPath "Amorce"), created if missing; "" on failure.
std::string default_data_dir();

} // namespace amorce::platform
