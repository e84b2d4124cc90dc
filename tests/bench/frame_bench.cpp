// Figure 1: CPU time of one home-screen frame (1,000 sessions) vs one frame of the Dear ImGui
// demo window, same fonts, style and display size (method: bench.hpp, [SECTION] Frame figures).
#include "bench.hpp"

#include "ui/screens.hpp"
#include "ui/widgets.hpp"

#include <cstdio>

namespace bench {

using namespace amorce;

Figure bench_home_frame() {
    Figure f;
    f.name = "home frame CPU";
    f.goal = "<= 1.0x";
    // One font atlas shared by both contexts, filled by the app's theme (dp of a 1280x800
    // 10-inch tablet, as the platform computes it).
    UiSetup ui(ImVec2(1280, 800));
    if (!ui.init(tablet_dp(1280, 800))) {
        f.note = ui.error;
        return f;
    }
    Scene home, demo;
    home.ctx = ui.contexts.front();
    demo.ctx = ui.new_context();

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

    demo.draw = demo_window(ImVec2(1280, 800));

    run_alternating(demo, home);
    std::fprintf(stderr, "  home: %zu frames, %.0f vertices/frame, %zu widgets recorded; demo: %zu frames, %.0f vertices/frame\n",
                 home.samples.size(), home.vertices, ui::registry().last_frame().size(), demo.samples.size(),
                 demo.vertices);
    return frame_vs_demo(f.name, home, demo);
}

} // namespace bench
