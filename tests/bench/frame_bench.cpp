// Figure 1: CPU time of one home-screen frame (1,000 sessions) vs one frame of the Dear ImGui
// demo window, same fonts, style and display size. Frame CPU = NewFrame + UI code + Render
// (draw lists built); nothing is rasterised, which is GPU / SDL renderer work, not UI cost.
#include "bench.hpp"

#include "ui/i18n.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <functional>

namespace bench {

using namespace amorce;

namespace {

constexpr int kWarmup = 50;
constexpr int kBlock = 50;   // frames per block; blocks alternate between demo and home
constexpr int kBlocks = 12;  // 600 timed frames each
constexpr const char* kDemoName = "Dear ImGui Demo";

struct Scene {
    ImGuiContext* ctx = nullptr;
    std::function<void()> draw;
    std::vector<double> samples;
    int frame = 0;
    double vertices = 0; // of the last frame, for the report

    void step(bool timed) {
        ImGui::SetCurrentContext(ctx);
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60.0f;
        // A pointer moving slowly up and down over the list: hover changes row now and then.
        io.MousePos = ImVec2(640.0f, 300.0f + 200.0f * std::sin(static_cast<float>(frame) * 0.05f));
        ++frame;
        const double t0 = thread_cpu_ms();
        ImGui::NewFrame();
        draw();
        ImGui::Render();
        const double t1 = thread_cpu_ms();
        if (timed) samples.push_back(t1 - t0);
        vertices = ImGui::GetDrawData()->TotalVtxCount;
    }
};

ImGuiContext* make_context(ImFontAtlas* atlas) {
    ImGuiContext* ctx = ImGui::CreateContext(atlas);
    ImGui::SetCurrentContext(ctx);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    return ctx;
}

} // namespace

Figure bench_home_frame() {
    Figure f;
    f.name = "home frame CPU";
    f.goal = "<= 1.0x";

    ui::Catalog catalog;
    std::string error;
    if (!catalog.load(AMORCE_ASSETS_DIR "/i18n", "fr", &error)) {
        f.note = "cannot load the catalog: " + error;
        return f;
    }
    ui::set_catalog(&catalog);

    // One font atlas shared by both contexts, filled by the app's theme (dp of a 1280x800
    // 10-inch tablet, as the platform computes it).
    ImFontAtlas atlas;
    Scene demo, home;
    demo.ctx = make_context(&atlas);
    home.ctx = make_context(&atlas);

    ImGui::SetCurrentContext(home.ctx);
    static ui::Theme theme; // set_theme keeps the pointer
    const float dp = std::sqrt(1280.0f * 1280.0f + 800.0f * 800.0f) / 10.0f / 160.0f;
    if (!theme.apply(dp, AMORCE_ASSETS_DIR, &error)) {
        f.note = "fonts: " + error;
        return f;
    }
    if (!atlas.Build()) {
        f.note = "font atlas build failed";
        return f;
    }
    ui::set_theme(&theme);
    {
        const ImGuiStyle style = ImGui::GetStyle();
        ImFont* font = ImGui::GetIO().FontDefault;
        const float drag = ImGui::GetIO().MouseDragThreshold;
        ImGui::SetCurrentContext(demo.ctx);
        ImGui::GetStyle() = style;
        ImGui::GetIO().FontDefault = font;
        ImGui::GetIO().MouseDragThreshold = drag;
    }

    // Home: 1,000 fictional sessions, mixed statuses and deadlines.
    Rng rng(1);
    const core::Date today = core::today_local();
    const std::vector<core::SessionSummary> sessions = fake_summaries(rng, 1000, today);
    ui::HomeModel model;
    model.sessions = &sessions;
    model.sessions_version = 1;
    model.counsellor_name = "Claire Morvan";
    model.today = today;
    ui::HomeState state;
    home.draw = [&] {
        ui::registry().begin_frame(); // as the app's loop does every frame
        const ui::HomeResult r = ui::draw_home(model, state);
        (void)r;
    };

    // Demo: full window size; a few sections expanded once it exists.
    bool expanded = false;
    demo.draw = [&] {
        ImGui::ShowDemoWindow(nullptr);
        if (!expanded) {
            expanded = true;
            ImGui::SetWindowPos(kDemoName, ImVec2(0, 0));
            ImGui::SetWindowSize(kDemoName, ImVec2(1280, 800));
            ImGui::Begin(kDemoName); // appends to the demo window: same ID stack root
            ImGuiStorage* st = ImGui::GetStateStorage();
            for (const char* header : {"Help", "Widgets", "Basic", "Trees", "Layout & Scrolling"})
                st->SetInt(ImGui::GetID(header), 1);
            ImGui::End();
        }
    };

    for (int i = 0; i < kWarmup; ++i) demo.step(false);
    for (int i = 0; i < kWarmup; ++i) home.step(false);
    for (int b = 0; b < kBlocks; ++b) {
        for (int i = 0; i < kBlock; ++i) demo.step(true);
        for (int i = 0; i < kBlock; ++i) home.step(true);
    }

    const double hp50 = median(home.samples), hp95 = percentile(home.samples, 95);
    const double dp50 = median(demo.samples), dp95 = percentile(demo.samples, 95);
    std::fprintf(stderr, "  home: %zu frames, %.0f vertices/frame, %zu widgets recorded; demo: %zu frames, %.0f vertices/frame\n",
                 home.samples.size(), home.vertices, ui::registry().last_frame().size(), demo.samples.size(),
                 demo.vertices);

    ImGui::DestroyContext(demo.ctx);
    ImGui::DestroyContext(home.ctx);
    ImGui::SetCurrentContext(nullptr);
    ui::set_theme(nullptr);
    ui::set_catalog(nullptr);

    if (!(hp50 > 0) || !(dp50 > 0)) {
        f.note = "no frame time recorded";
        return f;
    }
    const double ratio = hp50 / dp50;
    f.measured = fmt("%.3f ms p50 (p95 %.3f)", hp50, hp95);
    f.baseline = fmt("demo window %.3f ms p50 (p95 %.3f)", dp50, dp95);
    f.ratio = fmt("%.2fx", ratio);
    f.measured_ok = true;
    f.pass = ratio <= 1.0;
    return f;
}

} // namespace bench
