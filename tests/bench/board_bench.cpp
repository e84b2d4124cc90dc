// Board figure (issue 5): CPU time of one session-screen frame on the « Expression » tab while a
// finger drags a card over a board of 60 cards vs one frame of the Dear ImGui demo window, measured
// in the same run (method: bench.hpp, [SECTION] Frame figures), at 1280x800 and 2560x1600.
//
// The board is « Atouts, freins, envies » from assets/boards with job cards from « Les métiers »
// added up to 60 cards: 10 in each column, 30 in the pile. Every card draws its pictogram (a
// stand-in texture: uploading is not UI cost). The finger presses a card in the pile, pulls it
// down until it lifts, then sweeps over the three columns without letting go. The figure checks
// from the widget registry that the card was lifted on every timed frame and that the drop place
// changed, so it cannot silently time a static frame.
#include "bench.hpp"

#include "core/boards.hpp"
#include "core/commands.hpp"
#include "core/date.hpp"
#include "ui/screens.hpp"
#include "ui/widgets.hpp"

#include <platform.hpp>

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace bench {

using namespace amorce;

namespace {

constexpr size_t kCards = 60;

// Every pictogram is "loaded": a 192x192 texture id that draws nothing.
struct StandInPictograms final : ui::PictogramSource {
    ui::PhotoTexture pictogram(const std::string& name) override {
        ui::PhotoTexture t;
        if (name.empty()) return t;
        t.id = reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1));
        t.width = t.height = 192;
        return t;
    }
};

// The 60-card board, or an empty session with *error set.
core::Session board_session(const std::vector<core::BoardTemplate>& templates, std::string* error) {
    Rng rng(5);
    core::Session s = fake_session(rng, 1024, core::unix_now());
    s.status = core::SessionStatus::Draft;
    s.ended_at = 0;
    const core::BoardTemplate* afe = nullptr;
    const core::BoardTemplate* jobs = nullptr;
    for (const auto& t : templates) {
        if (t.board.template_id == "atouts_freins_envies") afe = &t;
        if (t.board.template_id == "metiers") jobs = &t;
    }
    if (!afe || !jobs) {
        *error = "the templates atouts_freins_envies and metiers are needed";
        return s;
    }
    core::Board b = core::new_board(*afe, s.started_at);
    for (const core::BoardCard& c : jobs->board.cards) {
        if (b.cards.size() >= kCards) break;
        b.cards.push_back(c);
    }
    const std::string id = b.id;
    core::Command{core::AddBoard{b, -1}, "bench"}.apply(s, s.started_at);
    for (size_t i = 0; i < 30; ++i)
        core::Command{core::PlaceCard{id, b.cards[i * 2].id, static_cast<int>(i % 3), -1}, "bench"}.apply(s, s.started_at);
    const core::Board* placed = core::find_board(s, id);
    if (!placed || placed->cards.size() != kCards || placed->left_to_sort() != 30)
        *error = fmt("the board has %zu cards, %d in the pile (60 and 30 wanted)", placed ? placed->cards.size() : 0,
                     placed ? placed->left_to_sort() : 0);
    return s;
}

struct Expression {
    core::SessionEditor editor;
    ui::SessionScreenState state;
    ui::SessionTools tools;
    platform::Gestures finger;
    StandInPictograms pictograms;
    size_t commands = 0;

    Expression(core::Session s, const std::vector<core::BoardTemplate>* templates) : editor(std::move(s)) {
        state.tab = ui::SessionTab::Boards;
        state.notes_open = false;
        tools.gestures = &finger;
        tools.boards = templates;
        tools.pictograms = &pictograms;
        tools.now = core::unix_now();
        tools.today = core::today_local();
        finger.finger_down = true;
        finger.last_input_was_touch = true;
    }
    void frame() {
        ui::registry().begin_frame();
        const ui::SessionResult r = ui::draw_session_screen(editor, state, tools, "");
        commands += r.commands.size();
    }
};

// One untimed frame with the pointer at `p` (button down or up); returns the registry of that frame.
void untimed(ImGuiContext* ctx, Expression& e, ImVec2 p, bool down) {
    ImGui::SetCurrentContext(ctx);
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;
    io.MousePos = p;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    e.frame();
    ImGui::Render();
    ui::registry().begin_frame(); // completes the frame just drawn
}

ImVec2 centre(const ui::WidgetRecord* w) { return ImVec2((w->min.x + w->max.x) * 0.5f, (w->min.y + w->max.y) * 0.5f); }

Figure board_at(int width, int height, const core::Session& session, const std::vector<core::BoardTemplate>* templates) {
    const std::string name = fmt("board frame CPU (drag a card, %zu cards, %dx%d)", kCards, width, height);
    Figure f;
    f.name = name;
    f.goal = "<= 1.0x";
    const ImVec2 size(static_cast<float>(width), static_cast<float>(height));
    UiSetup ui(size);
    if (!ui.init(tablet_dp(size.x, size.y))) {
        f.note = ui.error;
        return f;
    }
    Expression e(session, templates);
    Scene board, demo;
    board.ctx = ui.contexts.front();
    demo.ctx = ui.new_context();
    // Find a card in the pile and the columns, press the card, pull it down until it lifts.
    untimed(board.ctx, e, ImVec2(-1, -1), false);
    const ui::WidgetRecord* pile = ui::registry().find("board.pile");
    const ui::WidgetRecord* first = nullptr;
    for (const ui::WidgetRecord& w : ui::registry().last_frame())
        if (pile && w.id.rfind("board.card.", 0) == 0 && w.min.y >= pile->min.y && w.max.y <= pile->max.y + 1) {
            first = &w;
            break;
        }
    const ui::WidgetRecord* left = ui::registry().find("board.col.atouts");
    const ui::WidgetRecord* right = ui::registry().find("board.col.envies");
    if (!pile || !first || !left || !right) {
        f.note = "the board did not draw its pile, a card and its columns";
        return f;
    }
    const ImVec2 press = centre(first);
    const ImRect cols(left->min, right->max);
    untimed(board.ctx, e, press, true);
    for (int i = 1; i <= 4; ++i) untimed(board.ctx, e, ImVec2(press.x, press.y + 20.0f * i), true);
    if (!ui::registry().find("board.lifted")) {
        f.note = "the card did not lift";
        return f;
    }
    // The timed part: the lifted card sweeps across the columns and up and down them.
    board.draw = [&e] { e.frame(); };
    board.before = [&](int k) {
        ImGuiIO& io = ImGui::GetIO();
        const float u = 0.5f + 0.45f * std::sin(static_cast<float>(k) * 0.045f);
        const float v = 0.5f + 0.4f * std::sin(static_cast<float>(k) * 0.11f);
        io.MousePos = ImVec2(cols.Min.x + cols.GetWidth() * u, cols.Min.y + cols.GetHeight() * v);
        io.MouseDown[0] = true;
    };
    size_t seen = 0, lifted = 0, timed = 0;
    std::set<std::string> targets;
    board.after = [&] {
        if (board.samples.size() == seen) return;
        seen = board.samples.size();
        ++timed;
        if (ui::registry().find("board.lifted")) ++lifted; // registry of the frame before: lifted too
        targets.insert(std::to_string(e.state.boards.drop_column) + "/" + std::to_string(e.state.boards.drop_index));
    };
    demo.draw = demo_window(size);
    run_alternating(demo, board);
    std::fprintf(stderr,
                 "  %dx%d dp %.2f: %zu frames, %.0f vertices/frame; demo: %zu frames, %.0f vertices/frame\n"
                 "  while timing: the card was lifted on %zu of %zu frames, %zu drop places, %zu commands\n",
                 width, height, ui.theme.dp, board.samples.size(), board.vertices, demo.samples.size(), demo.vertices,
                 lifted, timed, targets.size(), e.commands);
    f = frame_vs_demo(name, board, demo);
    if (f.measured_ok && (lifted != timed || targets.size() < 6)) {
        f.measured_ok = false;
        f.note = fmt("the card was lifted on %zu of %zu frames over %zu drop places: the drag is not measured", lifted,
                     timed, targets.size());
    } else if (f.measured_ok && e.commands != 0) {
        f.measured_ok = false;
        f.note = fmt("the drag produced %zu commands before the finger lifted", e.commands);
    }
    return f;
}

} // namespace

std::vector<Figure> bench_board_frame() {
    std::vector<std::pair<std::string, core::TemplateProblem>> problems;
    const auto templates = core::load_board_templates(AMORCE_ASSETS_DIR "/boards", {}, &problems);
    std::string error;
    const core::Session s = board_session(templates, &error);
    if (!error.empty()) {
        Figure f;
        f.name = "board frame CPU";
        f.note = error;
        return {f};
    }
    return {board_at(1280, 800, s, &templates), board_at(2560, 1600, s, &templates)};
}

} // namespace bench
