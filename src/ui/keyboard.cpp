// On-screen keyboard: layout, shift, visibility, geometry (pure) and the ImGui glue.
// See keyboard.hpp for why presses on the keyboard never reach ImGui.
//
// [SECTION] Mode
// [SECTION] Layout
// [SECTION] Text
// [SECTION] Shift
// [SECTION] Visibility
// [SECTION] Geometry
// [SECTION] OnScreenKeyboard: presses
// [SECTION] OnScreenKeyboard: typing into ImGui
// [SECTION] OnScreenKeyboard: frame
// [SECTION] OnScreenKeyboard: drawing
// [SECTION] Keeping the edited field in view
#include "ui/keyboard.hpp"

#include "ui/i18n.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace amorce::ui {

// [SECTION] Mode
bool parse_keyboard_mode(const std::string& text, KeyboardMode* mode) {
    if (text == "auto") *mode = KeyboardMode::Auto;
    else if (text == "on") *mode = KeyboardMode::On;
    else if (text == "off") *mode = KeyboardMode::Off;
    else return false;
    return true;
}

// [SECTION] Layout
namespace {

KeyDef ch(const char* name, const char* text, float width = 1.0f, std::vector<std::string> variants = {}) {
    KeyDef k;
    k.kind = KeyKind::Char;
    k.name = name;
    k.text = text;
    k.shifted = upper_fr(text);
    k.width = width;
    k.variants = std::move(variants);
    return k;
}

KeyDef special(KeyKind kind, const char* name, float width) {
    KeyDef k;
    k.kind = kind;
    k.name = name;
    k.width = width;
    return k;
}

// Accented letters, in the order of the accents row (the most frequent first).
const std::vector<KeyDef>& accent_keys() {
    static const std::vector<KeyDef> keys = [] {
        const float w = 10.0f / 14.0f;
        return std::vector<KeyDef>{ch("e_acute", "é", w), ch("e_grave", "è", w), ch("e_circ", "ê", w),
                                   ch("e_uml", "ë", w),   ch("a_grave", "à", w), ch("a_circ", "â", w),
                                   ch("c_cedil", "ç", w), ch("u_grave", "ù", w), ch("u_circ", "û", w),
                                   ch("o_circ", "ô", w),  ch("i_circ", "î", w),  ch("i_uml", "ï", w),
                                   ch("oe", "œ", w),      ch("ae", "æ", w)};
    }();
    return keys;
}

// Offered only by a long-press (rare in French words, still in names).
const std::vector<KeyDef>& rare_keys() {
    static const std::vector<KeyDef> keys{ch("u_uml", "ü"), ch("y_uml", "ÿ")};
    return keys;
}

// Plain letters; those with accents offer them on a long-press.
std::vector<KeyDef> letters(const char* row) {
    std::vector<KeyDef> out;
    for (const char* p = row; *p; ++p) {
        const char s[2] = {*p, 0};
        std::vector<std::string> variants;
        switch (*p) {
        case 'e': variants = {"e_acute", "e_grave", "e_circ", "e_uml"}; break;
        case 'a': variants = {"a_grave", "a_circ", "ae"}; break;
        case 'c': variants = {"c_cedil"}; break;
        case 'u': variants = {"u_grave", "u_circ", "u_uml"}; break;
        case 'o': variants = {"o_circ", "oe"}; break;
        case 'i': variants = {"i_circ", "i_uml"}; break;
        case 'y': variants = {"y_uml"}; break;
        default: break;
        }
        out.push_back(ch(s, s, 1.0f, std::move(variants)));
    }
    return out;
}

std::vector<KeyDef> chars(const std::vector<std::pair<const char*, const char*>>& keys, float width) {
    std::vector<KeyDef> out;
    for (const auto& [name, text] : keys) {
        KeyDef k = ch(name, text, width);
        k.shifted.clear(); // digits and signs have no capital
        out.push_back(k);
    }
    return out;
}

} // namespace

std::vector<KeyRow> keyboard_layout(KeyboardLayer layer) {
    std::vector<KeyRow> rows;
    if (layer == KeyboardLayer::Letters) {
        rows.push_back({accent_keys()});
        rows.push_back({letters("azertyuiop")});
        rows.push_back({letters("qsdfghjklm")});
        KeyRow r3;
        r3.keys.push_back(special(KeyKind::Shift, "shift", 1.5f));
        for (KeyDef& k : letters("wxcvbn")) r3.keys.push_back(k);
        KeyDef apos = ch("apos", "’");
        apos.shifted.clear();
        r3.keys.push_back(apos);
        r3.keys.push_back(special(KeyKind::Backspace, "backspace", 1.5f));
        rows.push_back(r3);
        KeyRow r4;
        // The arrows move the cursor either side of the space bar.
        r4.keys.push_back(special(KeyKind::Layer, "digits", 1.25f));
        r4.keys.push_back(chars({{"comma", ","}}, 0.75f)[0]);
        r4.keys.push_back(special(KeyKind::Left, "left", 0.75f));
        r4.keys.push_back(special(KeyKind::Space, "space", 3.5f));
        r4.keys.push_back(special(KeyKind::Right, "right", 0.75f));
        r4.keys.push_back(chars({{"period", "."}}, 0.75f)[0]);
        r4.keys.push_back(special(KeyKind::Enter, "enter", 1.25f));
        r4.keys.push_back(special(KeyKind::Hide, "hide", 1.0f));
        rows.push_back(r4);
    } else {
        rows.push_back({chars({{"1", "1"}, {"2", "2"}, {"3", "3"}, {"4", "4"}, {"5", "5"},
                               {"6", "6"}, {"7", "7"}, {"8", "8"}, {"9", "9"}, {"0", "0"}}, 1.0f)});
        rows.push_back({chars({{"at", "@"}, {"euro", "€"}, {"minus", "-"}, {"slash", "/"}, {"colon", ":"},
                               {"semicolon", ";"}, {"lparen", "("}, {"rparen", ")"}, {"laquo", "«"}, {"raquo", "»"}},
                              1.0f)});
        rows.push_back({chars({{"percent", "%"}, {"plus", "+"}, {"equals", "="}, {"star", "*"}, {"hash", "#"},
                               {"amp", "&"}, {"underscore", "_"}, {"quote", "\""}, {"squote", "'"}, {"degree", "°"}},
                              1.0f)});
        KeyRow r3;
        r3.keys = chars({{"apos", "’"}, {"question", "?"}, {"exclam", "!"}, {"period", "."}, {"comma", ","}}, 1.7f);
        r3.keys.push_back(special(KeyKind::Backspace, "backspace", 1.5f));
        rows.push_back(r3);
        KeyRow r4;
        r4.keys.push_back(special(KeyKind::Layer, "letters", 1.25f));
        r4.keys.push_back(special(KeyKind::Left, "left", 0.75f));
        r4.keys.push_back(special(KeyKind::Space, "space", 5.0f));
        r4.keys.push_back(special(KeyKind::Right, "right", 0.75f));
        r4.keys.push_back(special(KeyKind::Enter, "enter", 1.25f));
        r4.keys.push_back(special(KeyKind::Hide, "hide", 1.0f));
        rows.push_back(r4);
    }
    return rows;
}

const KeyDef* find_key(const std::string& name) {
    static const std::vector<KeyDef> all = [] {
        std::vector<KeyDef> v;
        for (KeyboardLayer layer : {KeyboardLayer::Letters, KeyboardLayer::Digits})
            for (const KeyRow& row : keyboard_layout(layer))
                for (const KeyDef& k : row.keys) v.push_back(k);
        for (const KeyDef& k : rare_keys()) v.push_back(k);
        return v;
    }();
    for (const KeyDef& k : all)
        if (k.name == name) return &k;
    return nullptr;
}

std::string key_id(const KeyDef& key) {
    return key.kind == KeyKind::Char ? "kb.key." + key.name : "kb." + key.name;
}

// [SECTION] Text
namespace {
// Minimal UTF-8 (the keyboard's own strings are valid; anything else passes through byte by byte).
unsigned decode(const std::string& s, size_t* i) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned c = b(*i);
    if (c >= 0xC0 && c < 0xE0 && *i + 1 < s.size()) {
        const unsigned cp = ((c & 0x1F) << 6) | (b(*i + 1) & 0x3F);
        *i += 2;
        return cp;
    }
    if (c >= 0xE0 && c < 0xF0 && *i + 2 < s.size()) {
        const unsigned cp = ((c & 0x0F) << 12) | ((b(*i + 1) & 0x3F) << 6) | (b(*i + 2) & 0x3F);
        *i += 3;
        return cp;
    }
    *i += 1;
    return c;
}

void encode(unsigned cp, std::string* out) {
    if (cp < 0x80) {
        *out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        *out += static_cast<char>(0xC0 | (cp >> 6));
        *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        *out += static_cast<char>(0xE0 | (cp >> 12));
        *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}
} // namespace

std::string upper_fr(const std::string& utf8) {
    std::string out;
    for (size_t i = 0; i < utf8.size();) {
        unsigned cp = decode(utf8, &i);
        if (cp >= 'a' && cp <= 'z') cp -= 0x20;
        else if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) cp -= 0x20; // à..þ -> À..Þ (not ÷)
        else if (cp == 0xFF) cp = 0x178;                             // ÿ -> Ÿ
        else if (cp == 0x153) cp = 0x152;                            // œ -> Œ
        encode(cp, &out);
    }
    return out;
}

// [SECTION] Shift
void ShiftState::tap(std::uint64_t now_ms) {
    const bool quick = tapped_before_ && now_ms - last_tap_ms_ <= kDoubleTapMs;
    switch (mode_) {
    case Mode::Off: mode_ = Mode::Once; break;
    case Mode::Once: mode_ = quick ? Mode::Locked : Mode::Off; break;
    case Mode::Locked: mode_ = Mode::Off; break;
    }
    last_tap_ms_ = now_ms;
    tapped_before_ = true;
}

void ShiftState::typed() {
    if (mode_ == Mode::Once) mode_ = Mode::Off;
    tapped_before_ = false; // a tap after typing is a new first tap, never a double tap
}

// [SECTION] Visibility
bool KeyboardVisibility::update(bool field_active, bool typed_outside, bool touched_field) {
    switch (mode_) {
    case KeyboardMode::Off: return false;
    case KeyboardMode::On: return field_active;
    case KeyboardMode::Auto: break;
    }
    // A finger in a field asks for the keyboard again; typing on a physical one puts it away
    // (both in one frame: the typing is the later intent).
    if (touched_field) hidden_by_keyboard_ = false;
    if (typed_outside) hidden_by_keyboard_ = true;
    return field_active && !hidden_by_keyboard_;
}

// [SECTION] Geometry
const PlacedKey* KeyboardGeometry::hit(ImVec2 p) const {
    if (p.x < panel_min.x || p.y < panel_min.y || p.x >= panel_max.x || p.y >= panel_max.y) return nullptr;
    // Inside a key, else the nearest key of the row band under p (gaps and margins belong to a key).
    const PlacedKey* best = nullptr;
    float best_d = 1e30f;
    for (const PlacedKey& k : keys) {
        if (p.x >= k.min.x && p.x < k.max.x && p.y >= k.min.y && p.y < k.max.y) return &k;
        const float dy = p.y < k.min.y - gap * 0.5f ? k.min.y - p.y : p.y > k.max.y + gap * 0.5f ? p.y - k.max.y : 0.0f;
        const float dx = p.x < k.min.x ? k.min.x - p.x : p.x > k.max.x ? p.x - k.max.x : 0.0f;
        const float d = dy * 4.0f + dx; // stay in the row when possible
        if (d < best_d) {
            best_d = d;
            best = &k;
        }
    }
    return best;
}

KeyboardGeometry place_keyboard(const std::vector<KeyRow>& rows, ImVec2 display, float dp) {
    KeyboardGeometry g;
    if (rows.empty() || display.x <= 0 || display.y <= 0) return g;
    const float edge = std::round(8.0f * dp);
    g.gap = std::round(8.0f * dp);
    // Tall enough for a fingertip (≥ 56 dp), taller in portrait where height is plenty.
    g.key_h = std::round(std::clamp(display.y * 0.065f, 56.0f * dp, 72.0f * dp));
    float units = 0;
    for (const KeyRow& row : rows) {
        float u = 0;
        for (const KeyDef& k : row.keys) u += k.width;
        units = std::max(units, u);
    }
    // Keys no wider than 120 dp: on a large landscape screen the keyboard is centred.
    const float max_w = std::min(display.x - 2 * edge, units * 120.0f * dp + (units - 1) * g.gap);
    const float unit = (max_w - (units - 1) * g.gap) / units;
    const float x0 = std::round((display.x - max_w) * 0.5f);
    const float n = static_cast<float>(rows.size());
    const float height = edge * 2 + n * g.key_h + (n - 1) * g.gap;
    g.panel_min = ImVec2(0, display.y - height);
    g.panel_max = display;
    for (size_t r = 0; r < rows.size(); ++r) {
        float u = 0;
        for (const KeyDef& k : rows[r].keys) u += k.width;
        const float row_w = u * unit + (u - 1) * g.gap;
        float x = x0 + (max_w - row_w) * 0.5f;
        const float y = g.panel_min.y + edge + static_cast<float>(r) * (g.key_h + g.gap);
        for (const KeyDef& k : rows[r].keys) {
            const float w = k.width * unit + (k.width - 1) * g.gap;
            g.keys.push_back(PlacedKey{k, ImVec2(std::round(x), y), ImVec2(std::round(x + w), y + g.key_h)});
            x += w + g.gap;
        }
    }
    return g;
}

// [SECTION] OnScreenKeyboard: presses
namespace {
bool g_keep_field_visible = false; // read by keep_field_above_keyboard() during the frame

std::uint64_t steady_ms() {
    using namespace std::chrono;
    return static_cast<std::uint64_t>(duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count());
}
} // namespace

OnScreenKeyboard::OnScreenKeyboard(KeyboardMode mode) : visibility_(mode) {}

const PlacedKey* OnScreenKeyboard::popup_hit(ImVec2 p) const {
    for (const PlacedKey& k : popup_) {
        // The popup keys are generous: a little below them still picks (the finger rises from the key).
        if (p.x >= k.min.x - geometry_.gap * 0.5f && p.x < k.max.x + geometry_.gap * 0.5f && p.y >= k.min.y &&
            p.y < k.max.y + geometry_.key_h * 0.5f)
            return &k;
    }
    return nullptr;
}

void OnScreenKeyboard::open_popup(const PlacedKey& key) {
    popup_.clear();
    popup_for_ = key.key.name;
    const float w = key.max.x - key.min.x, h = geometry_.key_h, gap = geometry_.gap;
    const float n = static_cast<float>(key.key.variants.size());
    const float total = n * w + (n - 1) * gap;
    float x = std::clamp((key.min.x + key.max.x) * 0.5f - total * 0.5f, geometry_.panel_min.x + gap,
                         geometry_.panel_max.x - gap - total);
    const float y = key.min.y - gap - h;
    for (const std::string& name : key.key.variants) {
        if (const KeyDef* v = find_key(name)) popup_.push_back(PlacedKey{*v, ImVec2(x, y), ImVec2(x + w, y + h)});
        x += w + gap;
    }
}

void OnScreenKeyboard::on_down(std::int64_t id, ImVec2 pos, std::uint64_t now_ms) {
    // Typing fast, the next finger lands before the previous one lifts: the previous key counts now.
    for (Press& p : presses_)
        if (!p.done && !p.popup_opened) {
            commit(p, now_ms);
            p.done = true;
        }
    Press press;
    press.id = id;
    press.pos = pos;
    press.down_ms = now_ms;
    if (!popup_.empty()) {
        if (const PlacedKey* v = popup_hit(pos)) {
            press.popup_opened = true; // picks among the accents shown
            press.popup_pick = v->key.name;
            presses_.push_back(press);
            changed_ = true;
            return;
        }
        popup_.clear(); // a press elsewhere puts the accents away, and types its own key
        popup_for_.clear();
    }
    const PlacedKey* k = geometry_.hit(pos);
    if (k) {
        press.key = k->key.name;
        if (k->key.kind == KeyKind::Backspace) {
            act(k->key, now_ms); // at once, then again while held
            press.next_repeat_ms = now_ms + kRepeatDelayMs;
        }
    }
    presses_.push_back(press);
    changed_ = true;
}

void OnScreenKeyboard::on_move(std::int64_t id, ImVec2 pos) {
    for (Press& p : presses_) {
        if (p.id != id) continue;
        p.pos = pos;
        if (p.popup_opened && !p.done) {
            const PlacedKey* v = popup_hit(pos);
            p.popup_pick = v ? v->key.name : std::string();
        }
        changed_ = true;
    }
}

void OnScreenKeyboard::on_up(std::int64_t id, ImVec2 pos, std::uint64_t now_ms) {
    for (size_t i = 0; i < presses_.size(); ++i) {
        Press& p = presses_[i];
        if (p.id != id) continue;
        p.pos = pos;
        if (!p.done) {
            if (p.popup_opened) {
                // Released on an accent: typed. Released elsewhere: the accents stay for a tap.
                if (const PlacedKey* v = popup_hit(pos)) {
                    act(v->key, now_ms);
                    popup_.clear();
                    popup_for_.clear();
                }
            } else {
                commit(p, now_ms);
            }
        }
        presses_.erase(presses_.begin() + static_cast<std::ptrdiff_t>(i));
        changed_ = true;
        return;
    }
}

void OnScreenKeyboard::commit(Press& press, std::uint64_t now_ms) {
    // The key under the finger when it lifts (a finger that slid to the neighbour meant it).
    const PlacedKey* k = geometry_.hit(press.pos);
    if (!k && !press.key.empty()) {
        for (const PlacedKey& pk : geometry_.keys)
            if (pk.key.name == press.key) k = &pk;
    }
    if (!k || k->key.kind == KeyKind::Backspace) return; // backspace acted on the press
    if (press.key.empty()) return;
    act(k->key, now_ms);
}

void OnScreenKeyboard::act(const KeyDef& key, std::uint64_t now_ms) {
    switch (key.kind) {
    case KeyKind::Char:
        type(shift_.upper() && !key.shifted.empty() ? key.shifted : key.text);
        shift_.typed();
        break;
    case KeyKind::Space: type(" "); break;
    case KeyKind::Shift: shift_.tap(now_ms); break;
    case KeyKind::Layer:
        layer_ = layer_ == KeyboardLayer::Letters ? KeyboardLayer::Digits : KeyboardLayer::Letters;
        popup_.clear();
        popup_for_.clear();
        break;
    case KeyKind::Backspace: actions_.push_back(Action{"", Pulse::Backspace}); break;
    case KeyKind::Enter: actions_.push_back(Action{"", Pulse::Enter}); break;
    case KeyKind::Left: actions_.push_back(Action{"", Pulse::Left}); break;
    case KeyKind::Right: actions_.push_back(Action{"", Pulse::Right}); break;
    case KeyKind::Hide: actions_.push_back(Action{"", Pulse::Hide}); break;
    }
    changed_ = true;
}

void OnScreenKeyboard::type(const std::string& text) {
    if (!actions_.empty() && actions_.back().pulse == Pulse::None) actions_.back().text += text;
    else actions_.push_back(Action{text, Pulse::None});
}

void OnScreenKeyboard::timers(std::uint64_t now_ms) {
    for (Press& p : presses_) {
        if (p.done) continue;
        const PlacedKey* k = geometry_.hit(p.pos);
        if (!k || k->key.name != p.key) continue; // slid off its key: no repeat, no accents
        if (k->key.kind == KeyKind::Backspace && now_ms >= p.next_repeat_ms) {
            act(k->key, now_ms);
            p.next_repeat_ms = now_ms + kRepeatEveryMs;
        }
        if (!p.popup_opened && !k->key.variants.empty() && now_ms - p.down_ms >= kLongPressMs) {
            open_popup(*k);
            p.popup_opened = true;
            changed_ = true;
        }
    }
}

// [SECTION] OnScreenKeyboard: typing into ImGui
void OnScreenKeyboard::flush_actions() {
    // ImGui 1.86 handles a frame's characters before its keys, and a key held on two frames in a
    // row is one press: so one key per frame, after the text typed before it, and the same key
    // again only after a frame released.
    ImGuiIO& io = ImGui::GetIO();
    std::string text;
    Pulse pulse = Pulse::None;
    while (!actions_.empty()) {
        Action& a = actions_.front();
        if (a.pulse == Pulse::None) {
            text += a.text;
            actions_.pop_front();
            continue;
        }
        if (a.pulse == last_pulse_ || (a.pulse == Pulse::Hide && !text.empty())) break;
        pulse = a.pulse;
        actions_.pop_front();
        break;
    }
    if (!text.empty()) io.AddInputCharactersUTF8(text.c_str());
    auto press = [&io](ImGuiKey key) {
        const int index = io.KeyMap[key];
        if (index >= 0 && index < IM_ARRAYSIZE(io.KeysDown)) io.KeysDown[index] = true;
    };
    switch (pulse) {
    case Pulse::Backspace: press(ImGuiKey_Backspace); break;
    case Pulse::Enter: press(ImGuiKey_Enter); break;
    case Pulse::Left: press(ImGuiKey_LeftArrow); break;
    case Pulse::Right: press(ImGuiKey_RightArrow); break;
    case Pulse::Hide: ImGui::ClearActiveID(); break; // ends the edit; the text is already in the field
    case Pulse::None: break;
    }
    last_pulse_ = pulse;
    if (!actions_.empty() || pulse != Pulse::None) changed_ = true;
}

// [SECTION] OnScreenKeyboard: frame
void OnScreenKeyboard::before_new_frame(platform::Platform& platform) {
    before_new_frame(platform.take_captured(), steady_ms());
}

void OnScreenKeyboard::after_draw(platform::Platform& platform) {
    const FrameResult r = after_draw(platform.gestures().last_input_was_touch, steady_ms());
    platform.set_capture_rect(r.capture_min, r.capture_max);
    if (r.want_frames) platform.request_frames(2);
}

void OnScreenKeyboard::before_new_frame(const std::vector<platform::CapturedTouch>& touches, std::uint64_t now_ms) {
    ImGuiIO& io = ImGui::GetIO();
    full_height_ = io.DisplaySize.y;
    // Text or keys already in IO came from elsewhere: a physical keyboard (or a script typing like one).
    typed_outside_ = !io.InputQueueCharacters.empty();
    for (int k = 0; k < IM_ARRAYSIZE(io.KeysDown) && !typed_outside_; ++k) typed_outside_ = io.KeysDown[k];

    using Phase = platform::CapturedTouch::Phase;
    for (const platform::CapturedTouch& t : touches) {
        switch (t.phase) {
        case Phase::Down:
            if (shown_) on_down(t.id, t.pos, now_ms);
            break;
        case Phase::Move: on_move(t.id, t.pos); break;
        case Phase::Up: on_up(t.id, t.pos, now_ms); break;
        case Phase::Cancel:
            presses_.erase(std::remove_if(presses_.begin(), presses_.end(), [&](const Press& p) { return p.id == t.id; }),
                           presses_.end());
            break;
        }
    }
    timers(now_ms);
    flush_actions();
    // The screens lay out above the keyboard (begin_screen and the sheets read DisplaySize).
    if (shown_) io.DisplaySize.y = std::max(full_height_ - height(), std::round(full_height_ * 0.25f));
    g_keep_field_visible = keep_visible_frames_ > 0;
    if (keep_visible_frames_ > 0) --keep_visible_frames_;
}

OnScreenKeyboard::FrameResult OnScreenKeyboard::after_draw(bool last_input_was_touch, std::uint64_t now_ms) {
    (void)now_ms;
    ImGuiIO& io = ImGui::GetIO();
    FrameResult result;
    const ImGuiID active = ImGui::GetActiveID();
    const ImGuiInputTextState* state = active ? ImGui::GetInputTextState(active) : nullptr;
    const bool field_active = state != nullptr;
    const bool touched = field_active && last_input_was_touch && io.MouseClicked[0];
    bool show = visibility_.update(field_active, typed_outside_, touched);
    // A press outside the field ends the edit at once, but the keyboard goes only when the finger
    // lifts: the screen keeps its size, so the button under the finger (« Ajouter ») stays there.
    if (!show && shown_ && !field_active && !typed_outside_ && io.MouseDown[0]) show = true;
    typed_outside_ = false;
    // ImGui 1.86 leaves ImGuiInputTextState::Flags at 0: a multi-line field is the one that owns a
    // child window (InputTextMultiline draws its text in a child whose ChildId is the field's id).
    multiline_ = false;
    if (field_active)
        for (const ImGuiWindow* w : GImGui->Windows)
            if ((w->Flags & ImGuiWindowFlags_ChildWindow) && w->ChildId == active) multiline_ = true;
    if (show && (active != field_ || !shown_)) {
        if (active != field_) { // a new field starts on the letters, lower case
            layer_ = KeyboardLayer::Letters;
            shift_.reset();
        }
        popup_.clear();
        popup_for_.clear();
        keep_visible_frames_ = 3; // the display shrinks next frame, then the scroll lands
    }
    field_ = field_active ? active : 0;
    const bool was_shown = shown_;
    shown_ = show;

    // Render with the whole screen again (ImGui took the shrunk size as its viewport in NewFrame;
    // the draw data, and so the renderer's clipping, come from the viewport).
    const ImVec2 full(io.DisplaySize.x, full_height_ > 0 ? full_height_ : io.DisplaySize.y);
    io.DisplaySize = full;
    ImGuiViewport* viewport = ImGui::GetMainViewport();
    viewport->Size = full;
    viewport->WorkSize = ImVec2(full.x, full.y - (viewport->WorkPos.y - viewport->Pos.y));

    if (show && was_shown && (full.x != last_full_.x || full.y != last_full_.y))
        keep_visible_frames_ = 3; // the screen turned or was resized: bring the field back into view
    last_full_ = full;
    if (show) {
        const float dp = theme().dp;
        geometry_ = place_keyboard(keyboard_layout(layer_), full, dp);
        if (!popup_for_.empty()) { // re-place the accents over their key (the layout may have moved)
            const std::string owner = popup_for_;
            for (const PlacedKey& k : geometry_.keys)
                if (k.key.name == owner) open_popup(k);
        }
        draw();
        result.capture_min = geometry_.panel_min;
        result.capture_max = geometry_.panel_max;
    } else {
        geometry_ = KeyboardGeometry{};
        popup_.clear();
        popup_for_.clear();
        presses_.clear();
        actions_.clear();
    }
    result.want_frames = changed_ || !presses_.empty() || !actions_.empty() || show != was_shown ||
                         keep_visible_frames_ > 0;
    changed_ = false;
    return result;
}

// [SECTION] OnScreenKeyboard: drawing
namespace {
constexpr ImU32 kPanel = colors::rgb(0xDE, 0xD8, 0xCE);
constexpr ImU32 kSpecial = colors::rgb(0xC9, 0xC1, 0xB4);
constexpr ImU32 kSpecialPressed = colors::rgb(0xB3, 0xAA, 0x9C);
constexpr ImU32 kShadow = colors::rgb(0x8A, 0x80, 0x72, 0x90);

// Small signs (’ ' . , : ; - _ " °) drawn larger than letters so they read on a key.
float caption_size(const std::string& caption, float letter_size) {
    static const std::string small[] = {"’", "'", ".", ",", ":", ";", "-", "_", "\"", "°", "*"};
    for (const std::string& s : small)
        if (caption == s) return std::round(letter_size * 1.3f);
    return letter_size;
}

void text_centered(ImDrawList* dl, ImFont* font, float size, ImVec2 min, ImVec2 max, ImU32 color, const char* s) {
    const ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, 0, s);
    dl->AddText(font, size, ImVec2(std::round((min.x + max.x - ts.x) * 0.5f), std::round((min.y + max.y - ts.y) * 0.5f)),
                color, s);
}

// Shift: an arrow pointing up, outlined, filled when on, with a bar under it when locked.
void draw_shift(ImDrawList* dl, ImVec2 c, float s, ImU32 color, bool filled, bool locked, float line) {
    const float h = s * 0.5f;
    const ImVec2 pts[7] = {{c.x, c.y - h},           {c.x + h, c.y},           {c.x + h * 0.45f, c.y},
                           {c.x + h * 0.45f, c.y + h * 0.8f}, {c.x - h * 0.45f, c.y + h * 0.8f},
                           {c.x - h * 0.45f, c.y},   {c.x - h, c.y}};
    if (filled) {
        dl->AddTriangleFilled(pts[0], pts[1], pts[6], color);
        dl->AddRectFilled(ImVec2(pts[5].x, c.y - 0.5f), pts[3], color);
    } else {
        dl->AddPolyline(pts, 7, color, ImDrawFlags_Closed, line);
    }
    if (locked) dl->AddRectFilled(ImVec2(c.x - h * 0.55f, c.y + h * 1.05f), ImVec2(c.x + h * 0.55f, c.y + h * 1.05f + line * 1.5f), color);
}

// Backspace: a label pointing left with a cross in it.
void draw_backspace(ImDrawList* dl, ImVec2 c, float s, ImU32 color, float line) {
    const float w = s * 0.62f, h = s * 0.42f;
    const ImVec2 pts[5] = {{c.x - w * 0.5f, c.y},
                           {c.x - w * 0.5f + h * 0.5f, c.y - h * 0.5f},
                           {c.x + w * 0.5f, c.y - h * 0.5f},
                           {c.x + w * 0.5f, c.y + h * 0.5f},
                           {c.x - w * 0.5f + h * 0.5f, c.y + h * 0.5f}};
    dl->AddPolyline(pts, 5, color, ImDrawFlags_Closed, line);
    const ImVec2 x(c.x + h * 0.22f, c.y);
    const float k = h * 0.2f;
    dl->AddLine(ImVec2(x.x - k, x.y - k), ImVec2(x.x + k, x.y + k), color, line);
    dl->AddLine(ImVec2(x.x - k, x.y + k), ImVec2(x.x + k, x.y - k), color, line);
}

// New line: the return arrow (down, then left).
void draw_return(ImDrawList* dl, ImVec2 c, float s, ImU32 color, float line) {
    const float k = s * 0.5f;
    const ImVec2 pts[3] = {{c.x + k * 0.55f, c.y - k * 0.5f}, {c.x + k * 0.55f, c.y + k * 0.2f}, {c.x - k * 0.55f, c.y + k * 0.2f}};
    dl->AddPolyline(pts, 3, color, 0, line);
    dl->AddLine(pts[2], ImVec2(pts[2].x + k * 0.3f, pts[2].y - k * 0.3f), color, line);
    dl->AddLine(pts[2], ImVec2(pts[2].x + k * 0.3f, pts[2].y + k * 0.3f), color, line);
}

// Space: the open box of the space bar.
void draw_space(ImDrawList* dl, ImVec2 c, float s, ImU32 color, float line) {
    const float k = s * 0.5f;
    const ImVec2 pts[4] = {{c.x - k, c.y - k * 0.15f}, {c.x - k, c.y + k * 0.2f}, {c.x + k, c.y + k * 0.2f}, {c.x + k, c.y - k * 0.15f}};
    dl->AddPolyline(pts, 4, color, 0, line);
}

// Hide: the keyboard icon with a chevron pointing down under it.
void draw_hide(ImDrawList* dl, ImFont* font, ImVec2 min, ImVec2 max, ImU32 color, float line) {
    const float h = max.y - min.y;
    const float size = std::min(font->FontSize, h * 0.45f);
    const ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, 0, ICON_KEYBOARD);
    const float cx = (min.x + max.x) * 0.5f;
    const float top = min.y + h * 0.18f;
    dl->AddText(font, size, ImVec2(std::round(cx - ts.x * 0.5f), std::round(top)), color, ICON_KEYBOARD);
    const float y = top + ts.y + h * 0.06f, k = h * 0.11f;
    const ImVec2 pts[3] = {{cx - k * 1.3f, y}, {cx, y + k}, {cx + k * 1.3f, y}};
    dl->AddPolyline(pts, 3, color, 0, line);
}
} // namespace

void OnScreenKeyboard::draw() const {
    const Theme& t = theme();
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const ImVec2 full(ImGui::GetIO().DisplaySize.x, full_height_);
    dl->PushClipRect(ImVec2(0, 0), full, false); // the whole screen: the accents bubble rises above the panel
    const float dp = t.dp;
    const float line = std::max(1.5f, 2.0f * dp);
    const float radius = std::min(t.radius, geometry_.key_h * 0.2f);
    ImFont* big = t.title ? t.title : ImGui::GetFont();
    ImFont* bold = t.bold ? t.bold : ImGui::GetFont();
    const float char_size = std::min(big->FontSize, std::round(geometry_.key_h * 0.55f));
    const float label_size = std::min(bold->FontSize, std::round(geometry_.key_h * 0.42f));

    dl->AddRectFilled(geometry_.panel_min, geometry_.panel_max, kPanel);
    dl->AddLine(geometry_.panel_min, ImVec2(geometry_.panel_max.x, geometry_.panel_min.y), colors::Border, std::max(1.0f, dp));
    registry().record("kb.panel", geometry_.panel_min, geometry_.panel_max, "");

    const auto held = [&](const std::string& name) {
        for (const Press& p : presses_) {
            if (p.done || p.popup_opened) continue;
            const PlacedKey* k = geometry_.hit(p.pos);
            if (k && k->key.name == name) return true;
        }
        return false;
    };
    const bool upper = shift_.upper();
    const PlacedKey* bubble = nullptr;
    for (const PlacedKey& pk : geometry_.keys) {
        const KeyDef& k = pk.key;
        const bool down = held(k.name) || (!popup_for_.empty() && popup_for_ == k.name);
        ImU32 bg = colors::Surface, fg = colors::Text;
        std::string caption, label; // caption drawn as text; label recorded for scripts
        switch (k.kind) {
        case KeyKind::Char:
            caption = upper && !k.shifted.empty() ? k.shifted : k.text;
            label = caption;
            bg = down ? colors::SurfacePressed : colors::Surface;
            if (down && popup_for_.empty()) bubble = &pk;
            break;
        case KeyKind::Space:
            label = tr("kb.space");
            bg = down ? colors::SurfacePressed : colors::Surface;
            break;
        case KeyKind::Enter:
            label = multiline_ ? tr("kb.newline") : tr("kb.ok");
            if (!multiline_) caption = label;
            bg = down ? colors::PrimaryPressed : colors::Primary;
            fg = colors::OnPrimary;
            break;
        case KeyKind::Shift:
            label = tr("kb.shift");
            bg = shift_.mode() == ShiftState::Mode::Locked ? (down ? colors::PrimaryPressed : colors::Primary)
                 : shift_.mode() == ShiftState::Mode::Once ? colors::PrimarySoft
                 : down                                    ? kSpecialPressed
                                                           : kSpecial;
            fg = shift_.mode() == ShiftState::Mode::Locked ? colors::OnPrimary
                 : shift_.mode() == ShiftState::Mode::Once ? colors::Primary
                                                           : colors::Text;
            break;
        case KeyKind::Layer:
            caption = label = layer_ == KeyboardLayer::Letters ? tr("kb.digits") : tr("kb.letters");
            bg = down ? kSpecialPressed : kSpecial;
            break;
        case KeyKind::Backspace: label = tr("kb.backspace"); bg = down ? kSpecialPressed : kSpecial; break;
        case KeyKind::Hide: label = tr("kb.hide"); bg = down ? kSpecialPressed : kSpecial; break;
        case KeyKind::Left:
            label = tr("kb.left");
            caption = ICON_PREV;
            bg = down ? kSpecialPressed : kSpecial;
            break;
        case KeyKind::Right:
            label = tr("kb.right");
            caption = ICON_NEXT;
            bg = down ? kSpecialPressed : kSpecial;
            break;
        }
        dl->AddRectFilled(ImVec2(pk.min.x, pk.min.y + std::max(1.0f, 1.5f * dp)),
                          ImVec2(pk.max.x, pk.max.y + std::max(1.0f, 1.5f * dp)), kShadow, radius);
        dl->AddRectFilled(pk.min, pk.max, bg, radius);
        const ImVec2 c((pk.min.x + pk.max.x) * 0.5f, (pk.min.y + pk.max.y) * 0.5f);
        const float s = geometry_.key_h;
        switch (k.kind) {
        case KeyKind::Char:
            text_centered(dl, big, caption_size(caption, char_size), pk.min, pk.max, fg, caption.c_str());
            break;
        case KeyKind::Shift:
            draw_shift(dl, c, s * 0.5f, fg, shift_.upper(), shift_.mode() == ShiftState::Mode::Locked, line);
            break;
        case KeyKind::Backspace: draw_backspace(dl, c, s, fg, line); break;
        case KeyKind::Space: draw_space(dl, c, s, colors::Muted, line); break;
        case KeyKind::Hide: draw_hide(dl, bold, pk.min, pk.max, fg, line); break;
        case KeyKind::Enter:
            if (multiline_) draw_return(dl, c, s, fg, line * 1.2f);
            else text_centered(dl, bold, label_size, pk.min, pk.max, fg, caption.c_str());
            break;
        case KeyKind::Layer:
        case KeyKind::Left:
        case KeyKind::Right: text_centered(dl, bold, label_size, pk.min, pk.max, fg, caption.c_str()); break;
        }
        registry().record(key_id(k), pk.min, pk.max, label);
    }

    // The key under the finger, magnified above it: the person sees which letter goes in.
    if (bubble) {
        const float w = std::max((bubble->max.x - bubble->min.x) * 1.2f, geometry_.key_h * 1.1f);
        const float h = geometry_.key_h * 1.3f;
        const float cx = (bubble->min.x + bubble->max.x) * 0.5f;
        const ImVec2 bmin(std::clamp(cx - w * 0.5f, 0.0f, full.x - w), bubble->min.y - h - geometry_.gap * 0.5f);
        const ImVec2 bmax(bmin.x + w, bmin.y + h);
        dl->AddRectFilled(ImVec2(bmin.x, bmin.y + 2 * dp), ImVec2(bmax.x, bmax.y + 2 * dp), kShadow, radius);
        dl->AddRectFilled(bmin, bmax, colors::Surface, radius);
        dl->AddRect(bmin, bmax, colors::Border, radius, 0, std::max(1.0f, dp));
        const std::string s = upper && !bubble->key.shifted.empty() ? bubble->key.shifted : bubble->key.text;
        text_centered(dl, big, std::round(big->FontSize * 1.25f), bmin, bmax, colors::Text, s.c_str());
    }

    // Accents offered by a long-press, in a raised strip above their letter.
    if (!popup_.empty()) {
        const float pad = geometry_.gap * 0.6f;
        const ImVec2 pmin(popup_.front().min.x - pad, popup_.front().min.y - pad);
        const ImVec2 pmax(popup_.back().max.x + pad, popup_.back().max.y + pad);
        dl->AddRectFilled(ImVec2(pmin.x, pmin.y + 3 * dp), ImVec2(pmax.x, pmax.y + 3 * dp), kShadow, radius + pad);
        dl->AddRectFilled(pmin, pmax, colors::PrimarySoft, radius + pad);
        dl->AddRect(pmin, pmax, colors::Primary, radius + pad, 0, line);
        std::string pick;
        for (const Press& p : presses_)
            if (p.popup_opened && !p.done) pick = p.popup_pick;
        for (const PlacedKey& pk : popup_) {
            const bool on = pk.key.name == pick;
            dl->AddRectFilled(ImVec2(pk.min.x, pk.min.y + std::max(1.0f, 1.5f * dp)),
                              ImVec2(pk.max.x, pk.max.y + std::max(1.0f, 1.5f * dp)), kShadow, radius);
            dl->AddRectFilled(pk.min, pk.max, on ? colors::Primary : colors::Surface, radius);
            const std::string s = upper && !pk.key.shifted.empty() ? pk.key.shifted : pk.key.text;
            text_centered(dl, big, char_size, pk.min, pk.max, on ? colors::OnPrimary : colors::Text, s.c_str());
            registry().record("kb.popup." + pk.key.name, pk.min, pk.max, s);
        }
    }
    dl->PopClipRect();
}

// [SECTION] Keeping the edited field in view
void keep_field_above_keyboard() {
    if (!g_keep_field_visible || ImGui::GetItemID() == 0 || ImGui::GetItemID() != ImGui::GetActiveID()) return;
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    r.Min.y -= ImGui::GetFontSize() * 1.6f; // its label too
    const ImRect view = window->InnerRect;
    if (r.Min.y < view.Min.y || r.Max.y > view.Max.y) ImGui::ScrollToBringRectIntoView(window, r);
}

} // namespace amorce::ui
