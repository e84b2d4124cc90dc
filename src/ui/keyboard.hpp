// On-screen keyboard for the shared mode (issue 5): French AZERTY, large keys, a row of accents,
// a « 123 » layer, shift (double tap = caps lock), backspace that repeats, OK / new line,
// arrows, « Fermer le clavier ». It appears at the bottom while a text field is edited and no
// physical keyboard is in use; the screens above shrink so the field stays visible.
//
// [SECTION] Mode (--keyboard auto|on|off)
// [SECTION] Layout (pure: what keys, in which rows)
// [SECTION] Shift (pure: one-shot capitals, double tap = caps lock)
// [SECTION] Visibility (pure: auto mode and physical keyboards)
// [SECTION] Geometry (pure: key rectangles for a display)
// [SECTION] OnScreenKeyboard (ImGui glue)
//
// How a key reaches the field without ending the edit: in ImGui 1.86 any click that reaches
// ImGui outside the active InputText deactivates it. So the platform keeps every press that
// starts inside the keyboard's rectangle away from ImGui (Platform::set_capture_rect) and hands
// it to us; we type with io.AddInputCharactersUTF8 and press Backspace/Enter/arrows through
// io.KeysDown[io.KeyMap[...]] for one frame, before ImGui::NewFrame (Platform::
// set_before_new_frame). The keyboard draws on the foreground draw list, above sheets too.
#pragma once

#include <imgui.h>
#include <platform.hpp>

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace amorce::ui {

// [SECTION] Mode
enum class KeyboardMode {
    Auto, // shown while a field is edited, hidden once a physical keyboard types (until the next touch in a field)
    On,   // shown whenever a field is edited (headless scripts, kiosks)
    Off,  // never
};
// "auto", "on", "off". False for anything else.
bool parse_keyboard_mode(const std::string& text, KeyboardMode* mode);

// [SECTION] Layout
enum class KeyKind { Char, Shift, Layer, Backspace, Enter, Space, Hide, Left, Right };
enum class KeyboardLayer { Letters, Digits };

struct KeyDef {
    KeyKind kind = KeyKind::Char;
    std::string name;       // stable id part: "a", "e_acute", "oe", "apos", "1", "shift", "backspace"...
    std::string text;       // Char: what is typed (lower case)
    std::string shifted;    // Char: what is typed with shift ("" = same as text)
    std::vector<std::string> variants; // Char: names of the keys offered by a long-press (accents)
    float width = 1.0f;     // in key units (a row of letters is 10 units)
};
struct KeyRow {
    std::vector<KeyDef> keys;
};

// The rows of a layer, top to bottom (the same in landscape and portrait).
std::vector<KeyRow> keyboard_layout(KeyboardLayer layer);
// The key that types this name in any layer (accent variants included); nullptr if none.
const KeyDef* find_key(const std::string& name);
// The script id of a key: "kb.key.<name>" for characters, "kb.<name>" for the others.
std::string key_id(const KeyDef& key);
// French capitals, accents included (é -> É, œ -> Œ, ÿ -> Ÿ); other characters unchanged.
std::string upper_fr(const std::string& utf8);

// [SECTION] Shift
class ShiftState {
public:
    enum class Mode { Off, Once, Locked };
    static constexpr std::uint64_t kDoubleTapMs = 400;
    // Off -> Once; Once -> Locked when tapped again within kDoubleTapMs, else Off; Locked -> Off.
    void tap(std::uint64_t now_ms);
    void typed(); // a character was typed: Once -> Off (Locked stays)
    void reset() { mode_ = Mode::Off; }
    Mode mode() const { return mode_; }
    bool upper() const { return mode_ != Mode::Off; }

private:
    Mode mode_ = Mode::Off;
    std::uint64_t last_tap_ms_ = 0;
    bool tapped_before_ = false;
};

// [SECTION] Visibility
class KeyboardVisibility {
public:
    explicit KeyboardVisibility(KeyboardMode mode = KeyboardMode::Auto) : mode_(mode) {}
    // One frame. field_active: a text field is being edited; typed_outside: text or keys came from
    // elsewhere than the on-screen keyboard (a physical keyboard); touched_field: a finger pressed
    // in the UI and a field is being edited after it. Returns whether the keyboard shows.
    bool update(bool field_active, bool typed_outside, bool touched_field);
    KeyboardMode mode() const { return mode_; }

private:
    KeyboardMode mode_;
    bool hidden_by_keyboard_ = false;
};

// [SECTION] Geometry
struct PlacedKey {
    KeyDef key;
    ImVec2 min, max;
};
struct KeyboardGeometry {
    ImVec2 panel_min{0, 0}, panel_max{0, 0}; // the whole keyboard, full width at the bottom
    float key_h = 0, gap = 0;
    std::vector<PlacedKey> keys;
    const PlacedKey* hit(ImVec2 p) const; // the key under p, the nearest in its row for gaps
};
// Keys placed for a display of this size: ≥ 56 dp tall, 8 dp apart, at most 120 dp wide each.
KeyboardGeometry place_keyboard(const std::vector<KeyRow>& rows, ImVec2 display, float dp);

// [SECTION] OnScreenKeyboard
class OnScreenKeyboard {
public:
    static constexpr std::uint64_t kLongPressMs = 450;     // accents popup on a letter
    static constexpr std::uint64_t kRepeatDelayMs = 450;   // backspace held
    static constexpr std::uint64_t kRepeatEveryMs = 70;

    explicit OnScreenKeyboard(KeyboardMode mode = KeyboardMode::Auto);

    // Glue with the platform (see the top of this file).
    void before_new_frame(platform::Platform& platform);
    void after_draw(platform::Platform& platform);

    // The same, with the platform's data passed in (unit tests drive these with an ImGui context).
    // before_new_frame(): handles the captured presses, types into ImGui IO, shrinks the display.
    void before_new_frame(const std::vector<platform::CapturedTouch>& touches, std::uint64_t now_ms);
    struct FrameResult {
        bool want_frames = false;      // a key is held, typing is queued, or the keyboard appeared/left
        ImVec2 capture_min{0, 0}, capture_max{0, 0}; // where presses belong to the keyboard (empty: none)
    };
    // after_draw(): finds the field being edited, draws the keyboard over everything, records its keys.
    FrameResult after_draw(bool last_input_was_touch, std::uint64_t now_ms);

    bool shown() const { return shown_; }
    KeyboardLayer layer() const { return layer_; }
    const ShiftState& shift() const { return shift_; }
    float height() const { return shown_ ? geometry_.panel_max.y - geometry_.panel_min.y : 0.0f; }

private:
    enum class Pulse { None, Backspace, Enter, Left, Right, Hide };
    struct Action {
        std::string text; // typed text, or empty for a pulse
        Pulse pulse = Pulse::None;
    };
    struct Press {
        std::int64_t id = 0;
        std::string key;   // name of the key pressed ("" = none)
        ImVec2 pos{0, 0};
        std::uint64_t down_ms = 0;
        std::uint64_t next_repeat_ms = 0;
        bool popup_opened = false; // this press opened the accents popup
        std::string popup_pick;     // variant under the finger while the popup is open
        bool done = false;          // already acted (committed by a later press, or cancelled)
    };

    void on_down(std::int64_t id, ImVec2 pos, std::uint64_t now_ms);
    void on_move(std::int64_t id, ImVec2 pos);
    void on_up(std::int64_t id, ImVec2 pos, std::uint64_t now_ms);
    void commit(Press& press, std::uint64_t now_ms);
    void act(const KeyDef& key, std::uint64_t now_ms);
    void type(const std::string& text);
    void timers(std::uint64_t now_ms);
    const PlacedKey* popup_hit(ImVec2 p) const;
    void open_popup(const PlacedKey& key);
    void flush_actions();
    void draw() const;

    KeyboardVisibility visibility_;
    bool shown_ = false;          // drawn last frame (and the display shrinks this frame)
    bool multiline_ = false;      // the field being edited takes line breaks
    ImGuiID field_ = 0;           // the field being edited
    int keep_visible_frames_ = 0; // frames left to scroll the edited field into view
    KeyboardLayer layer_ = KeyboardLayer::Letters;
    ShiftState shift_;
    KeyboardGeometry geometry_;
    std::vector<PlacedKey> popup_; // accents offered by a long-press ("" when closed)
    std::string popup_for_;        // the key whose accents are shown
    std::vector<Press> presses_;
    std::deque<Action> actions_;
    Pulse last_pulse_ = Pulse::None; // pressed during the previous frame: the same key waits one frame
    float full_height_ = 0;
    ImVec2 last_full_{0, 0};         // the whole display on the previous frame
    bool typed_outside_ = false;     // text or keys reached IO from elsewhere this frame
    bool changed_ = false;           // something needs another frame
};

// Call right after a text field's InputText: while the keyboard appears (or the field becomes the
// one edited under it) the field, with a line of its label, is scrolled into its window's view.
void keep_field_above_keyboard();

} // namespace amorce::ui
