// Platform: SDL2 window + renderer, events -> ImGui 1.86 IO, touch as primary pointer, render on demand.
// Drawing itself (ImDrawData -> SDL_RenderGeometryRaw, textures, PNG) lives in render.cpp.
//
// [SECTION] Constants and render.cpp entry points
// [SECTION] Impl
// [SECTION] Creation and destruction
// [SECTION] Events
// [SECTION] Render on demand
// [SECTION] Frames
// [SECTION] Metrics, textures, screenshots
// [SECTION] Synthetic input
#include "platform.hpp"
#include "touch.hpp"

#include <SDL.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <vector>

namespace amorce::platform {

// [SECTION] Constants and render.cpp entry points
namespace {

constexpr int kIdleFramesAfterEvent = 3;       // frames drawn after any input or window event
constexpr SDL_TouchID kInjectedTouchId = 4242; // fake touch device of synthetic fingers
// Synthetic key events carry this windowID so they never count as physical keyboard use.
constexpr Uint32 kInjectedKeyWindowId = 0x4A4D4B59u;
constexpr Uint64 kPhysicalKeyboardWindowMs = 60'000;
constexpr float kMinDeltaTime = 1.0f / 1000.0f;
constexpr int kSoftwareFrameIntervalMs = 16; // pace an on-screen software renderer (no vsync) to ~60 Hz

// The wake event type is shared by every thread; 0 = no platform alive.
std::atomic<Uint32> g_wake_event{0};
// wake() may run on a worker thread while the platform shuts down: it holds this shared while
// pushing, the destructor holds it exclusively while it stops SDL, so no push races SDL_Quit.
std::shared_mutex g_wake_mutex;

const char kNoDisplayError[] = "no display found: to run without a display use --headless --script FILE";

} // namespace

namespace render {
// Defined in render.cpp.
void draw(SDL_Renderer* renderer, const ImDrawData* draw_data);
SDL_Texture* create_rgba_texture(SDL_Renderer* renderer, const std::uint8_t* rgba, int width, int height);
bool read_rgb(SDL_Renderer* renderer, std::vector<std::uint8_t>* rgb, int* width, int* height,
              std::string* error);
bool write_png(const std::string& path, const std::vector<std::uint8_t>& rgb, int width, int height,
               std::string* error);
} // namespace render

// [SECTION] Impl
struct Platform::Impl {
    SDL_Window* window = nullptr;
    SDL_Renderer* renderer = nullptr;
    bool headless = false;
    bool vsync = false;
    ImGuiContext* imgui = nullptr;

    // Font atlas texture, rebuilt at begin_frame when invalid.
    SDL_Texture* font_texture = nullptr;
    bool font_texture_valid = false;
    bool draw_data_valid = false; // ImGui's draw data describes the last presented frame

    int output_w = 0, output_h = 0; // renderer output size (pixels): ImGui works in these
    float dpi = 160.0f;
    Uint64 last_counter = 0;
    Uint64 last_present_ms = 0;
    int frames_drawn = 0;
    int frames_requested = kIdleFramesAfterEvent; // draw the first frames

    // Touch.
    TouchTracker touch;
    Gestures gestures;
    bool last_input_touch = false;
    SDL_TouchID touch_device = 0; // last real touch device (to detect fingers SDL no longer has)
    bool touch_device_real = false;
    std::vector<std::pair<SDL_FingerID, ImVec2>> injected_fingers; // last positions, for dx/dy

    // Mouse (real mouse only; SDL's touch-emulated mouse is ignored).
    bool mouse_in_window = false;
    ImVec2 mouse_pos{0, 0};
    bool mouse_down[3] = {false, false, false};
    bool mouse_latched[3] = {false, false, false}; // pressed since last frame
    bool right_click_pending = false;              // right click = long-press for mouse users
    ImVec2 right_click_pos{0, 0};

    // Keyboard.
    bool key_down[512] = {};
    bool key_latched[512] = {}; // pressed since last frame (injected key = down+up in one batch)
    bool any_physical_key = false;
    Uint64 last_physical_key_ms = 0;

    char* clipboard = nullptr; // owned SDL string returned to ImGui, freed on the next call

    // Captured touches (the on-screen keyboard): presses that start in the rectangle skip ImGui.
    ImVec2 capture_min{0, 0}, capture_max{0, 0};
    std::vector<std::int64_t> captured_ids; // fingers (and -1, the mouse) owned by the capture
    std::vector<CapturedTouch> captured;    // queued for take_captured()
    std::function<void()> before_new_frame;

    void request(int count) { frames_requested = std::max(frames_requested, count); }
    void refresh_metrics();
    void release_everything();
    bool process(const SDL_Event& e); // false on quit
    // True when the event belongs to the capture (queued, and hidden from ImGui and gestures).
    bool capture(CapturedTouch::Phase phase, std::int64_t id, ImVec2 pos);
    ImVec2 window_to_pixels(int x, int y) const;
};

// [SECTION] Creation and destruction
namespace {

const char* get_clipboard_text(void* user_data) {
    auto* impl = static_cast<Platform::Impl*>(user_data);
    if (impl->clipboard) SDL_free(impl->clipboard);
    impl->clipboard = SDL_GetClipboardText();
    return impl->clipboard;
}

void set_clipboard_text(void*, const char* text) {
    SDL_SetClipboardText(text);
}

void setup_imgui_io(Platform::Impl* impl) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // no imgui.ini next to the binary: layout is the app's business
    io.LogFilename = nullptr;
    io.BackendPlatformName = "amorce_platform_sdl2";
    io.BackendRendererName = "amorce_platform_sdlrenderer";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset; // we honour ImDrawCmd::VtxOffset

    // ImGui 1.86 keyboard: io.KeysDown[] indexed by SDL scancode, KeyMap tells ImGui which is which.
    io.KeyMap[ImGuiKey_Tab] = SDL_SCANCODE_TAB;
    io.KeyMap[ImGuiKey_LeftArrow] = SDL_SCANCODE_LEFT;
    io.KeyMap[ImGuiKey_RightArrow] = SDL_SCANCODE_RIGHT;
    io.KeyMap[ImGuiKey_UpArrow] = SDL_SCANCODE_UP;
    io.KeyMap[ImGuiKey_DownArrow] = SDL_SCANCODE_DOWN;
    io.KeyMap[ImGuiKey_PageUp] = SDL_SCANCODE_PAGEUP;
    io.KeyMap[ImGuiKey_PageDown] = SDL_SCANCODE_PAGEDOWN;
    io.KeyMap[ImGuiKey_Home] = SDL_SCANCODE_HOME;
    io.KeyMap[ImGuiKey_End] = SDL_SCANCODE_END;
    io.KeyMap[ImGuiKey_Insert] = SDL_SCANCODE_INSERT;
    io.KeyMap[ImGuiKey_Delete] = SDL_SCANCODE_DELETE;
    io.KeyMap[ImGuiKey_Backspace] = SDL_SCANCODE_BACKSPACE;
    io.KeyMap[ImGuiKey_Space] = SDL_SCANCODE_SPACE;
    io.KeyMap[ImGuiKey_Enter] = SDL_SCANCODE_RETURN;
    io.KeyMap[ImGuiKey_Escape] = SDL_SCANCODE_ESCAPE;
    io.KeyMap[ImGuiKey_KeyPadEnter] = SDL_SCANCODE_KP_ENTER;
    io.KeyMap[ImGuiKey_A] = SDL_SCANCODE_A;
    io.KeyMap[ImGuiKey_C] = SDL_SCANCODE_C;
    io.KeyMap[ImGuiKey_V] = SDL_SCANCODE_V;
    io.KeyMap[ImGuiKey_X] = SDL_SCANCODE_X;
    io.KeyMap[ImGuiKey_Y] = SDL_SCANCODE_Y;
    io.KeyMap[ImGuiKey_Z] = SDL_SCANCODE_Z;

    io.GetClipboardTextFn = get_clipboard_text;
    io.SetClipboardTextFn = set_clipboard_text;
    io.ClipboardUserData = impl;
}

// SDL 2.26 falls back to its invisible "offscreen" (or "dummy") driver when no display works: without
// --headless that is a missing display, unless the user asked for that driver in SDL_VIDEODRIVER.
bool real_display_driver() {
    const char* driver = SDL_GetCurrentVideoDriver();
    if (!driver) return false;
    if (std::strcmp(driver, "offscreen") != 0 && std::strcmp(driver, "dummy") != 0) return true;
    const char* requested = SDL_getenv("SDL_VIDEODRIVER");
    return requested && SDL_strcasecmp(requested, driver) == 0;
}

} // namespace

Platform::Platform(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

std::unique_ptr<Platform> Platform::create(const Options& options, std::string* error) {
    auto fail = [error](const std::string& message) -> std::unique_ptr<Platform> {
        if (error) *error = message;
        return nullptr;
    };

    if (options.headless) SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
#if defined(__linux__) && !defined(__ANDROID__)
    // No X11/Wayland session and no driver asked for (e.g. kmsdrm): say so in one line, before
    // SDL's own Wayland probe prints its XDG_RUNTIME_DIR complaint.
    if (!options.headless && !SDL_getenv("DISPLAY") && !SDL_getenv("WAYLAND_DISPLAY") &&
        !SDL_getenv("SDL_VIDEODRIVER"))
        return fail(kNoDisplayError);
#endif
    // Touch is handled from SDL_FINGER* events; SDL's emulation in either direction only duplicates it.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
    SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");

    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        if (!options.headless) return fail(kNoDisplayError);
        return fail(std::string("cannot start SDL with the dummy video driver: ") + SDL_GetError());
    }
    if (!options.headless && !real_display_driver()) {
        SDL_Quit();
        return fail(kNoDisplayError);
    }

    auto impl = std::make_unique<Impl>();
    impl->headless = options.headless;
    const int width = std::max(options.width, 1), height = std::max(options.height, 1);
    impl->window = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                    width, height,
                                    SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
                                        (options.fullscreen && !options.headless ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0));
    if (!impl->window) {
        std::string message = options.headless ? std::string("cannot create window: ") + SDL_GetError()
                                               : std::string(kNoDisplayError);
        SDL_Quit();
        return fail(message);
    }

    if (!options.headless) {
        impl->renderer =
            SDL_CreateRenderer(impl->window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
        impl->vsync = impl->renderer != nullptr;
    }
    if (!impl->renderer) impl->renderer = SDL_CreateRenderer(impl->window, -1, SDL_RENDERER_SOFTWARE);
    if (!impl->renderer) {
        std::string message = std::string("cannot create renderer: ") + SDL_GetError();
        SDL_DestroyWindow(impl->window);
        SDL_Quit();
        return fail(message);
    }

    Uint32 wake = g_wake_event.load();
    if (wake == 0) {
        wake = SDL_RegisterEvents(1);
        if (wake != static_cast<Uint32>(-1)) g_wake_event.store(wake);
    }

    // Text input (and the system keyboard on Android/iOS) is started only while a text field is
    // being edited: see end_frame().
    SDL_StopTextInput();

    impl->imgui = ImGui::CreateContext();
    setup_imgui_io(impl.get());
    impl->refresh_metrics();
    ImGui::GetIO().MouseDragThreshold = impl->touch.slop_px(); // same slop for ImGui drags and our taps
    impl->last_counter = SDL_GetPerformanceCounter();

    return std::unique_ptr<Platform>(new Platform(std::move(impl)));
}

Platform::~Platform() {
    std::unique_lock<std::shared_mutex> no_more_wakes(g_wake_mutex);
    g_wake_event.store(0);
    if (impl_->font_texture) SDL_DestroyTexture(impl_->font_texture);
    if (impl_->imgui) ImGui::DestroyContext(impl_->imgui);
    if (impl_->clipboard) SDL_free(impl_->clipboard);
    SDL_StopTextInput();
    SDL_DestroyRenderer(impl_->renderer);
    SDL_DestroyWindow(impl_->window);
    SDL_Quit();
}

// [SECTION] Events
ImVec2 Platform::Impl::window_to_pixels(int x, int y) const {
    // Mouse events are in window coordinates; ImGui works in output pixels (they differ on HiDPI).
    int ww = 0, wh = 0;
    SDL_GetWindowSize(window, &ww, &wh);
    const float sx = ww > 0 ? static_cast<float>(output_w) / ww : 1.0f;
    const float sy = wh > 0 ? static_cast<float>(output_h) / wh : 1.0f;
    return ImVec2(x * sx, y * sy);
}

void Platform::Impl::release_everything() {
    for (std::int64_t id : captured_ids)
        captured.push_back(CapturedTouch{CapturedTouch::Phase::Cancel, id, ImVec2(0, 0)});
    captured_ids.clear();
    touch.release_all();
    for (int b = 0; b < 3; ++b)
        mouse_down[b] = mouse_latched[b] = false;
    std::fill(std::begin(key_down), std::end(key_down), false);
    std::fill(std::begin(key_latched), std::end(key_latched), false);
    injected_fingers.clear();
}

void Platform::Impl::refresh_metrics() {
    SDL_GetRendererOutputSize(renderer, &output_w, &output_h);
    // A 10-inch tablet of this pixel size; SDL's figure wins only when larger and plausible.
    float estimate =
        std::sqrt(static_cast<float>(output_w) * output_w + static_cast<float>(output_h) * output_h) / 10.0f;
    float reported = 0.0f;
    const int display = SDL_GetWindowDisplayIndex(window);
    if (display >= 0 && SDL_GetDisplayDPI(display, &reported, nullptr, nullptr) != 0) reported = 0.0f;
    if (reported < 72.0f || reported > 700.0f) reported = 0.0f;
    dpi = std::max({estimate, reported, 72.0f});
    const float old_slop = touch.slop_px();
    touch.set_px_per_dp(dpi / 160.0f);
    // ImGui's drag threshold follows our slop unless the UI chose another value.
    if (ImGui::GetCurrentContext() && ImGui::GetIO().MouseDragThreshold == old_slop)
        ImGui::GetIO().MouseDragThreshold = touch.slop_px();
}

namespace {
// SDL event timestamps are 32-bit milliseconds; extend them onto the 64-bit clock we use for timers.
Uint64 event_ms(Uint32 timestamp) {
    const Uint64 now = SDL_GetTicks64();
    const Uint32 age = static_cast<Uint32>(now) - timestamp;
    return age <= now ? now - age : 0;
}

int mouse_button_index(Uint8 button) {
    switch (button) {
    case SDL_BUTTON_LEFT:
        return 0;
    case SDL_BUTTON_RIGHT:
        return 1;
    case SDL_BUTTON_MIDDLE:
        return 2;
    default:
        return -1;
    }
}

void update_key_modifiers(ImGuiIO& io) {
    const SDL_Keymod mod = SDL_GetModState();
    io.KeyCtrl = (mod & KMOD_CTRL) != 0;
    io.KeyShift = (mod & KMOD_SHIFT) != 0;
    io.KeyAlt = (mod & KMOD_ALT) != 0;
    io.KeySuper = (mod & KMOD_GUI) != 0;
}
} // namespace

bool Platform::Impl::capture(CapturedTouch::Phase phase, std::int64_t id, ImVec2 pos) {
    auto it = std::find(captured_ids.begin(), captured_ids.end(), id);
    if (phase == CapturedTouch::Phase::Down) {
        const bool inside = pos.x >= capture_min.x && pos.y >= capture_min.y && pos.x < capture_max.x &&
                            pos.y < capture_max.y;
        if (!inside) return false;
        if (it == captured_ids.end()) captured_ids.push_back(id);
    } else {
        if (it == captured_ids.end()) return false;
        if (phase == CapturedTouch::Phase::Up) captured_ids.erase(it);
    }
    captured.push_back(CapturedTouch{phase, id, pos});
    request(kIdleFramesAfterEvent);
    return true;
}

bool Platform::Impl::process(const SDL_Event& e) {
    ImGuiIO& io = ImGui::GetIO();
    switch (e.type) {
    case SDL_QUIT:
        return false;

    case SDL_WINDOWEVENT:
        request(kIdleFramesAfterEvent);
        switch (e.window.event) {
        case SDL_WINDOWEVENT_CLOSE:
            return false;
        case SDL_WINDOWEVENT_FOCUS_LOST:
            release_everything(); // a finger-up or button-up may never come: nothing stays stuck
            io.AddFocusEvent(false);
            break;
        case SDL_WINDOWEVENT_FOCUS_GAINED:
            io.AddFocusEvent(true);
            break;
        case SDL_WINDOWEVENT_LEAVE:
            mouse_in_window = false;
            break;
        case SDL_WINDOWEVENT_SIZE_CHANGED:
        case SDL_WINDOWEVENT_RESIZED:
            refresh_metrics();
            break;
        default:
            break;
        }
        return true;

    case SDL_APP_WILLENTERBACKGROUND:
    case SDL_APP_DIDENTERFOREGROUND:
        release_everything();
        request(kIdleFramesAfterEvent);
        return true;

    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        const SDL_TouchFingerEvent& f = e.tfinger;
        if (f.touchId != kInjectedTouchId) {
            touch_device = f.touchId;
            touch_device_real = false;
            for (int i = 0, n = SDL_GetNumTouchDevices(); i < n; ++i)
                if (SDL_GetTouchDevice(i) == f.touchId) touch_device_real = true;
        }
        const float x = f.x * output_w, y = f.y * output_h; // normalised -> output pixels
        const Uint64 t = event_ms(f.timestamp);
        if (capture(e.type == SDL_FINGERDOWN     ? CapturedTouch::Phase::Down
                    : e.type == SDL_FINGERMOTION ? CapturedTouch::Phase::Move
                                                 : CapturedTouch::Phase::Up,
                    f.fingerId, ImVec2(x, y)))
            return true;
        if (e.type == SDL_FINGERDOWN)
            touch.finger_down(f.fingerId, x, y, t);
        else if (e.type == SDL_FINGERMOTION)
            touch.finger_move(f.fingerId, x, y, t);
        else
            touch.finger_up(f.fingerId, x, y, t);
        last_input_touch = true;
        request(kIdleFramesAfterEvent);
        return true;
    }

    // Mouse: SDL's touch emulation (which == SDL_TOUCH_MOUSEID) is ignored even if the hint is not honoured.
    case SDL_MOUSEMOTION:
        if (e.motion.which == SDL_TOUCH_MOUSEID) return true;
        mouse_pos = window_to_pixels(e.motion.x, e.motion.y);
        mouse_in_window = true;
        last_input_touch = false;
        capture(CapturedTouch::Phase::Move, -1, mouse_pos);
        request(kIdleFramesAfterEvent);
        return true;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: {
        if (e.button.which == SDL_TOUCH_MOUSEID) return true;
        mouse_pos = window_to_pixels(e.button.x, e.button.y);
        mouse_in_window = true;
        last_input_touch = false;
        const int b = mouse_button_index(e.button.button);
        if (b == 0 && capture(e.type == SDL_MOUSEBUTTONDOWN ? CapturedTouch::Phase::Down : CapturedTouch::Phase::Up,
                              -1, mouse_pos))
            return true;
        if (b == 1 && std::find(captured_ids.begin(), captured_ids.end(), -1) != captured_ids.end())
            return true; // a right click during a captured press: no long-press under the keyboard
        if (b >= 0) {
            const bool down = e.type == SDL_MOUSEBUTTONDOWN;
            mouse_down[b] = down;
            if (down) mouse_latched[b] = true; // so we don't miss clicks shorter than one frame
            if (down && b == 1) {
                right_click_pending = true; // mouse users reach long-press actions with a right click
                right_click_pos = mouse_pos;
            }
        }
        request(kIdleFramesAfterEvent);
        return true;
    }
    case SDL_MOUSEWHEEL: {
        if (e.wheel.which == SDL_TOUCH_MOUSEID) return true;
        const float flip = e.wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -1.0f : 1.0f;
        io.MouseWheelH += e.wheel.preciseX * flip;
        io.MouseWheel += e.wheel.preciseY * flip;
        last_input_touch = false;
        request(kIdleFramesAfterEvent);
        return true;
    }

    case SDL_TEXTINPUT:
        io.AddInputCharactersUTF8(e.text.text);
        request(kIdleFramesAfterEvent);
        return true;

    case SDL_KEYDOWN:
    case SDL_KEYUP: {
        const int sc = e.key.keysym.scancode;
        if (sc >= 0 && sc < 512) {
            const bool down = e.type == SDL_KEYDOWN;
            key_down[sc] = down;
            if (down) key_latched[sc] = true; // a down+up in one batch still shows for one frame
        }
        if (e.type == SDL_KEYDOWN && e.key.windowID != kInjectedKeyWindowId) {
            any_physical_key = true;
            last_physical_key_ms = SDL_GetTicks64();
        }
        update_key_modifiers(io);
        request(kIdleFramesAfterEvent);
        return true;
    }

    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        font_texture_valid = false; // textures may be gone with the device
        request(kIdleFramesAfterEvent);
        return true;

    default:
        if (e.type == g_wake_event.load() && e.type != 0) request(kIdleFramesAfterEvent);
        return true;
    }
}

bool Platform::pump_events(int timeout_ms) {
    bool keep_running = true;
    SDL_Event e;
    // Negative timeout: sleep until an event arrives (wake() or input).
    const int got = timeout_ms > 0   ? SDL_WaitEventTimeout(&e, timeout_ms)
                    : timeout_ms < 0 ? SDL_WaitEvent(&e)
                                     : 0;
    if (got) keep_running = impl_->process(e) && keep_running;
    while (SDL_PollEvent(&e))
        keep_running = impl_->process(e) && keep_running;
    return keep_running;
}

// [SECTION] Render on demand
bool Platform::needs_frame() const {
    const Impl& m = *impl_;
    if (m.frames_requested > 0 || !m.font_texture_valid) return true;
    if (m.touch.fingers_down() > 0 || m.touch.has_pending(SDL_GetTicks64())) return true;
    if (!m.captured_ids.empty()) return true;
    for (int b = 0; b < 3; ++b)
        if (m.mouse_down[b] || m.mouse_latched[b]) return true;
    return m.right_click_pending;
}

void Platform::request_frames(int count) {
    impl_->request(count);
}

int Platform::next_timer_ms() const {
    return impl_->touch.ms_until_long_press(SDL_GetTicks64());
}

void Platform::wake() {
    std::shared_lock<std::shared_mutex> lock(g_wake_mutex);
    const Uint32 type = g_wake_event.load();
    if (type == 0) return;
    SDL_Event e;
    SDL_zero(e);
    e.type = type;
    SDL_PushEvent(&e); // thread-safe
}

// [SECTION] Frames
void Platform::begin_frame() {
    Impl& m = *impl_;
    ImGuiIO& io = ImGui::GetIO();

    m.refresh_metrics();
    io.DisplaySize = ImVec2(static_cast<float>(m.output_w), static_cast<float>(m.output_h));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f); // we draw in output pixels; widgets size from dpi

    const Uint64 counter = SDL_GetPerformanceCounter();
    const double dt =
        static_cast<double>(counter - m.last_counter) / static_cast<double>(SDL_GetPerformanceFrequency());
    io.DeltaTime = std::max(static_cast<float>(dt), kMinDeltaTime);
    m.last_counter = counter;

    if (!m.font_texture_valid) {
        if (m.font_texture) SDL_DestroyTexture(m.font_texture);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        m.font_texture = render::create_rgba_texture(m.renderer, pixels, w, h);
        io.Fonts->SetTexID(static_cast<ImTextureID>(m.font_texture));
        m.font_texture_valid = true;
    }

    // A real touch device that reports no finger while we still hold some: the finger-up was lost.
    if (m.touch.fingers_down() > 0 && m.touch_device_real && SDL_GetNumTouchFingers(m.touch_device) == 0)
        m.touch.release_all();

    const Uint64 now = SDL_GetTicks64();
    const TouchFrame tf = m.touch.begin_frame(now);
    m.gestures = tf.gestures;
    m.gestures.last_input_was_touch = m.last_input_touch;
    if (m.right_click_pending) {
        m.gestures.long_press = true;
        m.gestures.long_press_pos = m.right_click_pos;
        m.right_click_pending = false;
    }

    bool mouse_now[3];
    for (int b = 0; b < 3; ++b) {
        mouse_now[b] = m.mouse_down[b] || m.mouse_latched[b];
        m.mouse_latched[b] = false;
    }
    if (m.last_input_touch) {
        io.MouseDown[0] = tf.pointer_down;
        io.MouseDown[1] = io.MouseDown[2] = false;
        io.MousePos = tf.pointer_valid ? tf.pointer_pos : ImVec2(-FLT_MAX, -FLT_MAX);
    } else {
        for (int b = 0; b < 3; ++b)
            io.MouseDown[b] = mouse_now[b];
        io.MousePos = m.mouse_in_window ? m.mouse_pos : ImVec2(-FLT_MAX, -FLT_MAX);
    }

    for (int k = 0; k < 512; ++k) {
        io.KeysDown[k] = m.key_down[k] || m.key_latched[k];
        m.key_latched[k] = false;
    }
    update_key_modifiers(io);

    m.draw_data_valid = false;
    if (m.before_new_frame) m.before_new_frame();
    ImGui::NewFrame();
}

void Platform::end_frame() {
    Impl& m = *impl_;
    ImGui::Render();

    // Follow ImGui's wish for text: start text input when a field is edited, stop it after, so a
    // system keyboard never stays up over the shared screens.
    const bool want_text = ImGui::GetIO().WantTextInput;
    if (want_text != (SDL_IsTextInputActive() == SDL_TRUE)) {
        if (want_text) {
            SDL_StartTextInput();
        } else {
            SDL_StopTextInput();
        }
    }

    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    auto channel = [](float v) { return static_cast<Uint8>(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f); };
    SDL_RenderSetClipRect(m.renderer, nullptr);
    SDL_SetRenderDrawColor(m.renderer, channel(bg.x), channel(bg.y), channel(bg.z), 255);
    SDL_RenderClear(m.renderer);
    render::draw(m.renderer, ImGui::GetDrawData());
    m.draw_data_valid = true;

    // An on-screen software renderer has no vsync: pace it so a held finger does not spin a core.
    if (!m.headless && !m.vsync) {
        const Uint64 now = SDL_GetTicks64();
        if (now < m.last_present_ms + kSoftwareFrameIntervalMs)
            SDL_Delay(static_cast<Uint32>(m.last_present_ms + kSoftwareFrameIntervalMs - now));
    }
    SDL_RenderPresent(m.renderer);
    m.last_present_ms = SDL_GetTicks64();
    ++m.frames_drawn;
    if (m.frames_requested > 0) --m.frames_requested;
}

int Platform::frames_drawn() const {
    return impl_->frames_drawn;
}

const Gestures& Platform::gestures() const {
    return impl_->gestures;
}

// [SECTION] Metrics, textures, screenshots
float Platform::dpi() const {
    return impl_->dpi;
}

ImVec2 Platform::window_size() const {
    return ImVec2(static_cast<float>(impl_->output_w), static_cast<float>(impl_->output_h));
}

void Platform::invalidate_font_texture() {
    impl_->font_texture_valid = false;
    impl_->request(kIdleFramesAfterEvent);
}

ImTextureID Platform::create_texture(const std::uint8_t* rgba, int width, int height) {
    return static_cast<ImTextureID>(render::create_rgba_texture(impl_->renderer, rgba, width, height));
}

void Platform::destroy_texture(ImTextureID texture) {
    if (texture) SDL_DestroyTexture(static_cast<SDL_Texture*>(texture));
}

bool Platform::save_screenshot(const std::string& png_path, std::string* error) {
    Impl& m = *impl_;
    // Draw the last frame again into the back buffer and read it there: this is correct for GPU
    // renderers (whose back buffer is undefined after present) and for the software renderer alike.
    // Called mid-frame (no valid draw data), the software renderer still holds the last frame.
    if (m.draw_data_valid) {
        const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        auto channel = [](float v) { return static_cast<Uint8>(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f); };
        SDL_RenderSetClipRect(m.renderer, nullptr);
        SDL_SetRenderDrawColor(m.renderer, channel(bg.x), channel(bg.y), channel(bg.z), 255);
        SDL_RenderClear(m.renderer);
        render::draw(m.renderer, ImGui::GetDrawData());
    }
    std::vector<std::uint8_t> rgb;
    int w = 0, h = 0;
    const bool ok = render::read_rgb(m.renderer, &rgb, &w, &h, error);
    if (m.draw_data_valid) SDL_RenderPresent(m.renderer);
    return ok && render::write_png(png_path, rgb, w, h, error);
}

bool Platform::physical_keyboard_used() const {
    return impl_->any_physical_key &&
           SDL_GetTicks64() < impl_->last_physical_key_ms + kPhysicalKeyboardWindowMs;
}

void Platform::set_capture_rect(ImVec2 min, ImVec2 max) {
    impl_->capture_min = min;
    impl_->capture_max = max;
}

std::vector<CapturedTouch> Platform::take_captured() {
    std::vector<CapturedTouch> out;
    out.swap(impl_->captured);
    return out;
}

void Platform::set_before_new_frame(std::function<void()> fn) {
    impl_->before_new_frame = std::move(fn);
}

// [SECTION] Synthetic input
namespace {
void push_finger(Platform::Impl& m, Uint32 type, int finger, float x, float y) {
    SDL_Event e;
    SDL_zero(e);
    e.type = type;
    e.tfinger.touchId = kInjectedTouchId;
    e.tfinger.fingerId = finger;
    const float w = m.output_w > 0 ? static_cast<float>(m.output_w) : 1.0f;
    const float h = m.output_h > 0 ? static_cast<float>(m.output_h) : 1.0f;
    e.tfinger.x = x / w;
    e.tfinger.y = y / h;
    auto it = std::find_if(m.injected_fingers.begin(), m.injected_fingers.end(),
                           [finger](const auto& p) { return p.first == finger; });
    if (it != m.injected_fingers.end() && type != SDL_FINGERDOWN) {
        e.tfinger.dx = (x - it->second.x) / w;
        e.tfinger.dy = (y - it->second.y) / h;
    }
    e.tfinger.pressure = 1.0f;
    e.tfinger.windowID = SDL_GetWindowID(m.window);
    if (type == SDL_FINGERUP) {
        if (it != m.injected_fingers.end()) m.injected_fingers.erase(it);
    } else if (it != m.injected_fingers.end()) {
        it->second = ImVec2(x, y);
    } else {
        m.injected_fingers.emplace_back(finger, ImVec2(x, y));
    }
    SDL_PushEvent(&e);
}
} // namespace

void Platform::inject_finger_down(int finger, float x, float y) {
    push_finger(*impl_, SDL_FINGERDOWN, finger, x, y);
}
void Platform::inject_finger_move(int finger, float x, float y) {
    push_finger(*impl_, SDL_FINGERMOTION, finger, x, y);
}
void Platform::inject_finger_up(int finger, float x, float y) {
    push_finger(*impl_, SDL_FINGERUP, finger, x, y);
}

void Platform::inject_text(const std::string& utf8) {
    // SDL_TextInputEvent holds 31 bytes + NUL: cut on UTF-8 character boundaries.
    constexpr std::size_t kChunk = SDL_TEXTINPUTEVENT_TEXT_SIZE - 1;
    std::size_t i = 0;
    while (i < utf8.size()) {
        std::size_t end = std::min(i + kChunk, utf8.size());
        while (end < utf8.size() && end > i && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80)
            --end;
        if (end == i) end = std::min(i + kChunk, utf8.size()); // not UTF-8: cut anyway
        SDL_Event e;
        SDL_zero(e);
        e.type = SDL_TEXTINPUT;
        e.text.windowID = SDL_GetWindowID(impl_->window);
        std::memcpy(e.text.text, utf8.data() + i, end - i);
        e.text.text[end - i] = '\0';
        SDL_PushEvent(&e);
        i = end;
    }
}

bool Platform::key_name_known(const std::string& key_name) {
    // Table lookups only: this runs when a script is loaded, before SDL (and its keymap) starts.
    return SDL_GetScancodeFromName(key_name.c_str()) != SDL_SCANCODE_UNKNOWN;
}

bool Platform::inject_key(const std::string& key_name) {
    const SDL_Keycode key = SDL_GetKeyFromName(key_name.c_str());
    if (key == SDLK_UNKNOWN) return false;
    const SDL_Scancode scancode = SDL_GetScancodeFromKey(key);
    if (scancode == SDL_SCANCODE_UNKNOWN) return false;
    for (Uint32 type : {static_cast<Uint32>(SDL_KEYDOWN), static_cast<Uint32>(SDL_KEYUP)}) {
        SDL_Event e;
        SDL_zero(e);
        e.type = type;
        e.key.windowID = kInjectedKeyWindowId; // marks the event as synthetic (not a physical keyboard)
        e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.key.keysym.scancode = scancode;
        e.key.keysym.sym = key;
        e.key.keysym.mod = KMOD_NONE;
        SDL_PushEvent(&e);
    }
    return true;
}

void Platform::inject_resize(int width, int height) {
    SDL_SetWindowSize(impl_->window, width, height);
    SDL_Event e;
    SDL_zero(e);
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_RESIZED;
    e.window.windowID = SDL_GetWindowID(impl_->window);
    e.window.data1 = width;
    e.window.data2 = height;
    SDL_PushEvent(&e);
}

} // namespace amorce::platform
