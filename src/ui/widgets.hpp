// Touch widgets. Each one records its stable id, screen rectangle and text in the Registry
// every frame, which is how headless UI scripts find and tap them (DESIGN §8).
//
// [SECTION] Registry
// [SECTION] Widgets
#pragma once

#include "ui/theme.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace amorce::ui {

// [SECTION] Registry
struct WidgetRecord {
    std::string id;    // stable id ("home.new_session"); empty for plain text
    ImVec2 min, max;   // screen rectangle in pixels (clipped to what is visible)
    std::string text;  // visible text, if any
    bool enabled = true;
};

class Registry {
public:
    void begin_frame();
    void record(const std::string& id, ImVec2 min, ImVec2 max, const std::string& text, bool enabled = true);
    // Lookups read the last *completed* frame.
    const WidgetRecord* find(const std::string& id) const;
    const WidgetRecord* find_text(const std::string& text) const; // substring of a visible text
    const std::vector<WidgetRecord>& last_frame() const { return last_; }

private:
    std::vector<WidgetRecord> current_, last_;
    size_t used_ = 0; // records made this frame (current_ may hold older ones past it, reused)
};
Registry& registry();

// Records the last ImGui item (if visible) under id/text.
void record_last_item(const std::string& id, const std::string& text, bool enabled = true);

// [SECTION] Widgets
enum class ButtonKind { Primary, Secondary, Danger, Quiet };

// A large rounded button with an optional icon. Returns true on a tap: press and release
// inside it without dragging past the tap threshold (a finger scrolling a list never taps).
// size.x == 0: fit the content; size.x < 0: fill the available width.
bool button(const char* id, const char* icon, const char* label, ButtonKind kind = ButtonKind::Secondary,
            ImVec2 size = ImVec2(0, 0), bool enabled = true);

// A square icon-only button (target-sized) with an accessible label recorded for scripts.
bool icon_button(const char* id, const char* icon, const char* label, bool enabled = true);

// Text that scripts can find. wrap_width: 0 = no wrap, <0 = wrap at the window edge.
void text(const std::string& s, ImFont* font = nullptr, ImU32 color = colors::Text, float wrap_width = -1.0f);

// Labelled single-line text field. Shows `error` under it in red when non-empty.
// Returns true when the value changed.
bool text_field(const char* id, const char* label, std::string& value, const std::string& error,
                const char* hint = "", float width = -1.0f);
// Multi-line field that wraps words at its width while typing. ImGui 1.86 cannot wrap an
// editable field, so the wrap is done in its buffer: at each wrap point a space is shown as a
// line break (same length, so cursor positions never move) and turned back into a space in the
// text the caller gets. The state must live as long as the field (one per field).
struct WrappedText {
    std::string display;     // text as edited: soft breaks shown as '\n'
    std::vector<int> soft;   // positions in `display` that are soft breaks, ascending
    std::string plain;       // the caller's text `display` was built from
    float width = -1.0f;     // wrap width `display` was built for
    int length = 0;          // display length before the last edit
};
bool wrapped_text_area(const char* id, std::string& plain, WrappedText& state, ImVec2 size);
// The wrapping itself (exposed for tests): turns `plain` into `state.display` for this width.
void wrap_text(WrappedText& state, const std::string& plain, ImFont* font, float font_size, float width);
std::string unwrap_text(const WrappedText& state);

// One choice among options, as large side-by-side segments. Returns true when changed.
bool segmented(const char* id, const std::vector<std::string>& options, int& selected);

// A chip that toggles on/off.
bool chip(const char* id, const std::string& label, bool& on);

// Large checkbox with a wrapped label; the whole row is the target.
bool checkbox(const char* id, const std::string& label, bool& value);

// A child region scrolled by dragging a finger (and by the wheel). Always pair with end.
void begin_touch_scroll(const char* id, ImVec2 size);
void end_touch_scroll();

// A full-window, undecorated screen. Always pair with end_screen.
void begin_screen(const char* id);
void end_screen();

// Text cut with "…" to fit max_w pixels on one line at this font size ("" if not even "…" fits).
std::string ellipsize(ImFont* font, float size, const std::string& text, float max_w);
// The same into `out` (its memory reused: for labels drawn every frame); returns out.
const std::string& ellipsize_into(std::string& out, ImFont* font, float size, const std::string& text, float max_w);

// A centred modal sheet (opened while this is called every frame). Returns true when open: then
// draw its content and call ImGui::EndPopup(); close it with ImGui::CloseCurrentPopup().
bool begin_sheet(const char* id, float width_frac = 0.9f, float max_w_dp = 820.0f);

// A rounded panel background for the next group of widgets.
void card_begin(const char* id, ImVec2 size, ImU32 bg = colors::Surface);
void card_end();

// An invisible tappable rectangle at the cursor (rows, pads). Draw it yourself; record it with
// record_last_item. Returns true on a tap.
bool tap_area(const char* id, ImVec2 size, bool* held = nullptr);

// True if the tap that just ended stayed under the drag threshold.
bool released_as_tap();

// A widget is animating (inertia, a transition): ask the main loop for more frames. The loop
// reads and clears the request after each frame (render on demand stays idle otherwise).
void request_animation_frames();
bool take_animation_request();

} // namespace amorce::ui
