// The on-screen keyboard: layout, capitals, shift and caps lock, when it shows, key sizes, and
// typing into a real ImGui 1.86 text field (accents, œ, ’, backspace over é and œ, held
// backspace, two fingers, long-press accents, OK and new line, hiding).
#include "ui/i18n.hpp"
#include "ui/keyboard.hpp"
#include "ui/widgets.hpp"

#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <set>

using namespace amorce;
using ui::KeyboardLayer;
using ui::KeyKind;
using Touch = platform::CapturedTouch;

namespace {

std::vector<std::string> names(const ui::KeyRow& row) {
    std::vector<std::string> out;
    for (const auto& k : row.keys) out.push_back(k.name);
    return out;
}

std::string all_text(KeyboardLayer layer) {
    std::string s;
    for (const auto& row : ui::keyboard_layout(layer))
        for (const auto& k : row.keys) s += k.text + " ";
    return s;
}

// A text field in a real ImGui context, with the keyboard typing into it. The platform's part
// (io.KeysDown rewritten every frame, captured presses) is played by frame().
struct Field {
    ImGuiContext* ctx;
    ui::OnScreenKeyboard kb;
    std::string value;
    bool multiline = false;
    bool focus = true;
    std::uint64_t now = 10'000;
    ImVec2 display{1280, 800};
    std::vector<char> typed_outside; // characters a physical keyboard sends next frame

    explicit Field(ui::KeyboardMode mode = ui::KeyboardMode::On, bool multi = false, std::string initial = "")
        : kb(mode), value(std::move(initial)), multiline(multi) {
        ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.Fonts->AddFontDefault();
        io.Fonts->Build();
        io.KeyMap[ImGuiKey_Backspace] = 42;
        io.KeyMap[ImGuiKey_Enter] = 40;
        io.KeyMap[ImGuiKey_LeftArrow] = 80;
        io.KeyMap[ImGuiKey_RightArrow] = 79;
        frame();
        frame();
    }
    ~Field() { ImGui::DestroyContext(ctx); }

    void frame(const std::vector<Touch>& touches = {}, std::uint64_t step_ms = 16) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = display;
        io.DeltaTime = step_ms / 1000.0f;
        for (bool& k : io.KeysDown) k = false;
        for (char c : typed_outside) io.AddInputCharacter(static_cast<unsigned>(c));
        typed_outside.clear();
        kb.before_new_frame(touches, now);
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("screen", nullptr, ImGuiWindowFlags_NoDecoration);
        if (focus) {
            ImGui::SetKeyboardFocusHere();
            focus = false;
        }
        if (multiline) ImGui::InputTextMultiline("##f", &value, ImVec2(600, 200));
        else ImGui::InputText("##f", &value);
        ImGui::End();
        kb.after_draw(true, now);
        ImGui::Render();
        ui::registry().begin_frame(); // lookups now read this frame's keys
        now += step_ms;
    }
    ImVec2 center(const std::string& id) const {
        const ui::WidgetRecord* r = ui::registry().find(id);
        REQUIRE_MESSAGE(r != nullptr, "no key " << id);
        return ImVec2((r->min.x + r->max.x) * 0.5f, (r->min.y + r->max.y) * 0.5f);
    }
    void tap(const std::string& id) {
        const ImVec2 c = center(id);
        frame({Touch{Touch::Phase::Down, 1, c}});
        frame({Touch{Touch::Phase::Up, 1, c}});
    }
    void settle() {
        for (int i = 0; i < 4; ++i) frame();
    }
    bool editing() const { return ImGui::GetActiveID() != 0 && ImGui::GetInputTextState(ImGui::GetActiveID()); }
};
} // namespace

TEST_CASE("keyboard layout: AZERTY rows, the accents row, and every row 10 units wide") {
    const auto rows = ui::keyboard_layout(KeyboardLayer::Letters);
    REQUIRE(rows.size() == 5);
    CHECK(names(rows[0]) == std::vector<std::string>{"e_acute", "e_grave", "e_circ", "e_uml", "a_grave", "a_circ",
                                                     "c_cedil", "u_grave", "u_circ", "o_circ", "i_circ", "i_uml", "oe",
                                                     "ae"});
    CHECK(names(rows[1]) == std::vector<std::string>{"a", "z", "e", "r", "t", "y", "u", "i", "o", "p"});
    CHECK(names(rows[2]) == std::vector<std::string>{"q", "s", "d", "f", "g", "h", "j", "k", "l", "m"});
    CHECK(names(rows[3]) == std::vector<std::string>{"shift", "w", "x", "c", "v", "b", "n", "apos", "backspace"});
    std::string accents;
    for (const auto& k : rows[0].keys) accents += k.text;
    CHECK(accents == "éèêëàâçùûôîïœæ");
    for (KeyboardLayer layer : {KeyboardLayer::Letters, KeyboardLayer::Digits}) {
        std::set<std::string> ids;
        bool enter = false, hide = false, space = false, backspace = false, left = false, right = false;
        for (const auto& row : ui::keyboard_layout(layer)) {
            float units = 0;
            for (const auto& k : row.keys) {
                units += k.width;
                CHECK_MESSAGE(ids.insert(ui::key_id(k)).second, "twice: " << ui::key_id(k));
                enter |= k.kind == KeyKind::Enter;
                hide |= k.kind == KeyKind::Hide;
                space |= k.kind == KeyKind::Space;
                backspace |= k.kind == KeyKind::Backspace;
                left |= k.kind == KeyKind::Left;
                right |= k.kind == KeyKind::Right;
            }
            CHECK(units == doctest::Approx(10.0f));
        }
        CHECK(enter);
        CHECK(hide);
        CHECK(space);
        CHECK(backspace);
        CHECK(left);
        CHECK(right);
    }
}

TEST_CASE("keyboard layout: « 123 » has the digits and French punctuation; ids scripts can use") {
    const std::string digits = all_text(KeyboardLayer::Digits);
    for (const char* s : {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "’", "«", "»", "-", ".", ",", "?", "!", ":",
                          "@", "€", "/", "'"})
        CHECK_MESSAGE(digits.find(std::string(s) + " ") != std::string::npos, "missing " << s);
    const std::string letters = all_text(KeyboardLayer::Letters);
    for (const char* s : {"’", ".", ","}) CHECK(letters.find(std::string(s) + " ") != std::string::npos);
    REQUIRE(ui::find_key("oe"));
    CHECK(ui::find_key("oe")->text == "œ");
    CHECK(ui::key_id(*ui::find_key("oe")) == "kb.key.oe");
    CHECK(ui::key_id(*ui::find_key("apos")) == "kb.key.apos");
    CHECK(ui::find_key("apos")->text == "\u2019");
    CHECK(ui::key_id(*ui::find_key("shift")) == "kb.shift");
    CHECK(ui::key_id(*ui::find_key("digits")) == "kb.digits");
    CHECK(ui::key_id(*ui::find_key("letters")) == "kb.letters");
    CHECK(ui::key_id(*ui::find_key("backspace")) == "kb.backspace");
    CHECK(ui::key_id(*ui::find_key("enter")) == "kb.enter");
    CHECK(ui::key_id(*ui::find_key("space")) == "kb.space");
    CHECK(ui::key_id(*ui::find_key("hide")) == "kb.hide");
    CHECK(ui::find_key("u_uml")); // offered on a long-press of u
    CHECK(ui::find_key("nothing") == nullptr);
    // Long-press accents: each variant exists.
    for (const auto& row : ui::keyboard_layout(KeyboardLayer::Letters))
        for (const auto& k : row.keys)
            for (const auto& v : k.variants) CHECK_MESSAGE(ui::find_key(v), k.name << " offers unknown " << v);
    CHECK(ui::find_key("e")->variants == std::vector<std::string>{"e_acute", "e_grave", "e_circ", "e_uml"});
    CHECK(ui::find_key("c")->variants == std::vector<std::string>{"c_cedil"});
}

TEST_CASE("keyboard capitals: every French accent has its capital; signs and digits stay") {
    CHECK(ui::upper_fr("éèêëàâçùûôîïœæüÿ") == "ÉÈÊËÀÂÇÙÛÔÎÏŒÆÜŸ");
    CHECK(ui::upper_fr("azertyuiop") == "AZERTYUIOP");
    CHECK(ui::upper_fr("’«»-.,?!:@€0123÷") == "’«»-.,?!:@€0123÷");
    CHECK(ui::upper_fr("") == "");
    const auto rows = ui::keyboard_layout(KeyboardLayer::Letters);
    for (const auto& k : rows[0].keys) {
        CHECK(k.shifted == ui::upper_fr(k.text));
        CHECK(k.shifted != k.text);
    }
    CHECK(ui::find_key("apos")->shifted.empty()); // no capital: typed as is with shift on
    CHECK(ui::find_key("1")->shifted.empty());
}

TEST_CASE("keyboard shift: one capital, double tap locks, a tap unlocks") {
    ui::ShiftState s;
    using M = ui::ShiftState::Mode;
    CHECK(s.mode() == M::Off);
    s.tap(1000);
    CHECK(s.mode() == M::Once);
    s.typed();
    CHECK(s.mode() == M::Off);
    s.tap(2000);
    s.tap(2000 + ui::ShiftState::kDoubleTapMs - 50);
    CHECK(s.mode() == M::Locked);
    s.typed();
    s.typed();
    CHECK(s.mode() == M::Locked);
    s.tap(5000);
    CHECK(s.mode() == M::Off);
    // Two slow taps: on, then off again (not locked).
    s.tap(6000);
    s.tap(6000 + ui::ShiftState::kDoubleTapMs + 200);
    CHECK(s.mode() == M::Off);
    // Tap, type, tap quickly: a new capital, not a lock.
    s.tap(8000);
    s.typed();
    s.tap(8100);
    CHECK(s.mode() == M::Once);
}

TEST_CASE("keyboard visibility: auto hides on physical typing and comes back on a touch in a field") {
    ui::KeyboardVisibility aut(ui::KeyboardMode::Auto);
    CHECK_FALSE(aut.update(false, false, false));
    CHECK(aut.update(true, false, true));
    CHECK(aut.update(true, false, false));
    CHECK_FALSE(aut.update(true, true, false)); // a physical key
    CHECK_FALSE(aut.update(true, false, false));
    CHECK_FALSE(aut.update(false, false, false));
    CHECK_FALSE(aut.update(true, false, false)); // a field activated without a finger (mouse, focus)
    CHECK(aut.update(true, false, true));        // a finger taps into a field
    CHECK_FALSE(aut.update(true, true, true));   // typing wins over a touch in the same frame
    ui::KeyboardVisibility on(ui::KeyboardMode::On);
    CHECK(on.update(true, true, false));
    CHECK_FALSE(on.update(false, false, false));
    ui::KeyboardVisibility off(ui::KeyboardMode::Off);
    CHECK_FALSE(off.update(true, false, true));
    ui::KeyboardMode m = ui::KeyboardMode::Auto;
    CHECK(ui::parse_keyboard_mode("on", &m));
    CHECK(m == ui::KeyboardMode::On);
    CHECK(ui::parse_keyboard_mode("off", &m));
    CHECK(m == ui::KeyboardMode::Off);
    CHECK(ui::parse_keyboard_mode("auto", &m));
    CHECK(m == ui::KeyboardMode::Auto);
    CHECK_FALSE(ui::parse_keyboard_mode("yes", &m));
}

TEST_CASE("keyboard geometry: keys at least 48 dp, 8 dp apart, inside the panel, in both orientations") {
    struct Case {
        ImVec2 display;
        float dp;
    };
    for (const Case c : {Case{{1280, 800}, 151.0f / 160.0f}, Case{{800, 1280}, 151.0f / 160.0f},
                         Case{{2560, 1600}, 302.0f / 160.0f}, Case{{1600, 2560}, 302.0f / 160.0f}}) {
        for (KeyboardLayer layer : {KeyboardLayer::Letters, KeyboardLayer::Digits}) {
            const auto g = ui::place_keyboard(ui::keyboard_layout(layer), c.display, c.dp);
            CAPTURE(c.display.x);
            CHECK(g.panel_max.y == c.display.y);
            CHECK(g.panel_max.y - g.panel_min.y < c.display.y * 0.45f); // the screen keeps most of its height
            CHECK(g.gap >= std::round(8.0f * c.dp));
            for (size_t i = 0; i < g.keys.size(); ++i) {
                const auto& k = g.keys[i];
                CHECK_MESSAGE(k.max.x - k.min.x >= 48.0f * c.dp, k.key.name);
                CHECK(k.max.y - k.min.y >= 56.0f * c.dp - 0.5f);
                CHECK(k.min.x >= 0);
                CHECK(k.max.x <= c.display.x);
                CHECK(k.min.y >= g.panel_min.y);
                const ImVec2 mid((k.min.x + k.max.x) * 0.5f, (k.min.y + k.max.y) * 0.5f);
                REQUIRE(g.hit(mid));
                CHECK(g.hit(mid)->key.name == k.key.name);
                if (i + 1 < g.keys.size() && g.keys[i + 1].min.y == k.min.y) {
                    CHECK(g.keys[i + 1].min.x - k.max.x >= g.gap - 1.0f); // 8 dp between neighbours
                    // A finger in the gap still types one of the two neighbours.
                    const auto* between = g.hit(ImVec2((k.max.x + g.keys[i + 1].min.x) * 0.5f, mid.y));
                    REQUIRE(between);
                    CHECK((between->key.name == k.key.name || between->key.name == g.keys[i + 1].key.name));
                }
            }
            CHECK(g.hit(ImVec2(10, g.panel_min.y - 5)) == nullptr); // above the keyboard: not a key
        }
    }
}

TEST_CASE("keyboard typing: accents, œ, ’, a capital É, digits, and backspace removes é whole") {
    Field f;
    REQUIRE(f.editing());
    REQUIRE(f.kb.shown());
    f.tap("kb.shift");
    f.tap("kb.key.e_acute");
    f.tap("kb.key.t");
    f.tap("kb.key.e_acute");
    f.tap("kb.space");
    f.tap("kb.key.c");
    f.tap("kb.key.oe");
    f.tap("kb.key.u");
    f.tap("kb.key.r");
    f.tap("kb.key.apos");
    f.tap("kb.digits");
    CHECK(f.kb.layer() == KeyboardLayer::Digits);
    f.tap("kb.key.4");
    f.tap("kb.key.2");
    f.tap("kb.letters");
    f.tap("kb.key.e_acute");
    f.settle();
    CHECK(f.value == "Été cœur’42é");
    f.tap("kb.backspace"); // é is two bytes: both go
    f.settle();
    CHECK(f.value == "Été cœur’42");
    // Back over the digits, the apostrophe, r, u, then œ (two bytes), one character at a time.
    for (int i = 0; i < 5; ++i) f.tap("kb.backspace");
    f.settle();
    CHECK(f.value == "Été cœ");
    f.tap("kb.backspace");
    f.settle();
    CHECK(f.value == "Été c");
    CHECK(f.editing()); // typing never ended the edit
}

TEST_CASE("keyboard typing: several taps between two frames all count, in order") {
    Field f;
    const ImVec2 a = f.center("kb.key.a"), z = f.center("kb.key.z"), bs = f.center("kb.backspace");
    // a, z, backspace, backspace, e: the second backspace waits a frame for the first to be released.
    f.frame({Touch{Touch::Phase::Down, 1, a}, Touch{Touch::Phase::Up, 1, a}, Touch{Touch::Phase::Down, 1, z},
             Touch{Touch::Phase::Up, 1, z}, Touch{Touch::Phase::Down, 1, bs}, Touch{Touch::Phase::Up, 1, bs},
             Touch{Touch::Phase::Down, 1, bs}, Touch{Touch::Phase::Up, 1, bs}});
    f.tap("kb.key.e");
    f.settle();
    CHECK(f.value == "e");
}

TEST_CASE("keyboard typing: a second finger lands before the first lifts (fast typing)") {
    Field f;
    const ImVec2 b = f.center("kb.key.b"), o = f.center("kb.key.o");
    f.frame({Touch{Touch::Phase::Down, 1, b}});
    f.frame({Touch{Touch::Phase::Down, 2, o}});
    f.frame({Touch{Touch::Phase::Up, 1, b}});
    f.frame({Touch{Touch::Phase::Up, 2, o}});
    f.settle();
    CHECK(f.value == "bo");
}

TEST_CASE("keyboard typing: shift twice is caps lock; a press slid off and cancelled types nothing") {
    Field f;
    f.tap("kb.shift");
    f.tap("kb.shift");
    CHECK(f.kb.shift().mode() == ui::ShiftState::Mode::Locked);
    f.tap("kb.key.c");
    f.tap("kb.key.a");
    f.tap("kb.key.oe");
    f.tap("kb.shift");
    f.tap("kb.key.p");
    const ImVec2 z = f.center("kb.key.z");
    f.frame({Touch{Touch::Phase::Down, 3, z}});
    f.frame({Touch{Touch::Phase::Cancel, 3, ImVec2(0, 0)}}); // focus lost: no key
    f.settle();
    CHECK(f.value == "CAŒp");
}

TEST_CASE("keyboard backspace held: deletes once, then repeats until lifted") {
    Field f(ui::KeyboardMode::On, false, "abcdefghijklmnop");
    REQUIRE(f.editing());
    f.tap("kb.right"); // focus selected it all: to the end instead
    f.settle();
    const ImVec2 bs = f.center("kb.backspace");
    f.frame({Touch{Touch::Phase::Down, 1, bs}});
    f.settle();
    CHECK(f.value == "abcdefghijklmno"); // one at once
    // Held for about a second: more go, at a readable pace (not one per frame).
    for (int i = 0; i < 60; ++i) f.frame();
    const size_t left = f.value.size();
    CHECK(left < 13);
    CHECK(left > 2);
    f.frame({Touch{Touch::Phase::Up, 1, bs}});
    f.settle();
    for (int i = 0; i < 30; ++i) f.frame();
    CHECK(f.value.size() == left); // lifted: it stops
}

TEST_CASE("keyboard long-press: a letter offers its accents; slide or tap to choose") {
    Field f;
    const ImVec2 e = f.center("kb.key.e");
    f.frame({Touch{Touch::Phase::Down, 1, e}});
    for (int i = 0; i < 35; ++i) f.frame(); // > 450 ms
    const ImVec2 grave = f.center("kb.popup.e_grave");
    CHECK(grave.y < e.y); // above the key
    f.frame({Touch{Touch::Phase::Move, 1, grave}});
    f.frame({Touch{Touch::Phase::Up, 1, grave}});
    f.settle();
    CHECK(f.value == "è");
    CHECK(ui::registry().find("kb.popup.e_grave") == nullptr); // chosen: the accents go away
    // Lifted on the letter itself: the accents stay for a tap, and the letter is not typed.
    const ImVec2 c = f.center("kb.key.c");
    f.frame({Touch{Touch::Phase::Down, 1, c}});
    for (int i = 0; i < 35; ++i) f.frame();
    f.frame({Touch{Touch::Phase::Up, 1, c}});
    f.settle();
    CHECK(f.value == "è");
    f.tap("kb.popup.c_cedil");
    f.settle();
    CHECK(f.value == "èç");
}

TEST_CASE("keyboard OK ends a one-line field; a multi-line field gets a new line and « Fermer le clavier »") {
    {
        Field f;
        CHECK(ui::registry().find("kb.enter")->text == ui::tr("kb.ok"));
        f.tap("kb.key.o");
        f.tap("kb.enter");
        f.settle();
        CHECK(f.value == "o");
        CHECK_FALSE(f.editing());
        CHECK_FALSE(f.kb.shown());
        CHECK(ui::registry().find("kb.panel") == nullptr);
    }
    {
        Field f(ui::KeyboardMode::On, true);
        REQUIRE(f.editing());
        CHECK(ui::registry().find("kb.enter")->text == ui::tr("kb.newline")); // a new line, not OK
        f.tap("kb.key.a");
        f.tap("kb.enter");
        f.tap("kb.key.b");
        f.settle();
        CHECK(f.value == "a\nb");
        CHECK(f.editing());
    }
}

TEST_CASE("keyboard arrows and hide: the cursor moves, « Fermer le clavier » ends the edit and keeps the text") {
    Field f(ui::KeyboardMode::On, true);
    f.tap("kb.key.a");
    f.tap("kb.key.c");
    f.tap("kb.left");
    f.tap("kb.key.b");
    f.tap("kb.right");
    f.tap("kb.key.d");
    f.settle();
    CHECK(f.value == "abcd");
    f.tap("kb.hide");
    f.settle();
    CHECK_FALSE(f.editing());
    CHECK_FALSE(f.kb.shown());
    CHECK(f.value == "abcd");
}

TEST_CASE("keyboard auto: a physical keyboard typing hides it; the field keeps what was typed") {
    Field f(ui::KeyboardMode::Auto);
    // Activated by focus, not by a finger: auto shows it while no physical keyboard was used.
    REQUIRE(f.kb.shown());
    f.tap("kb.key.m");
    f.typed_outside = {'x'};
    f.frame();
    f.settle();
    CHECK(f.value == "mx");
    CHECK_FALSE(f.kb.shown());
    CHECK(f.editing());
    // The display is whole again once it hides, and shrinks while it shows.
    CHECK(ImGui::GetIO().DisplaySize.y == 800);
}

TEST_CASE("keyboard shown: the screens lay out above it") {
    Field f;
    f.frame();
    // Inside the frame ImGui saw the display above the keyboard; the draw data covers the whole screen.
    CHECK(f.kb.height() > 200);
    CHECK(ImGui::GetMainViewport()->Size.y == 800);
    ImGuiWindow* w = ImGui::FindWindowByName("screen");
    REQUIRE(w);
    CHECK(w->Size.y == doctest::Approx(800 - f.kb.height()));
}
