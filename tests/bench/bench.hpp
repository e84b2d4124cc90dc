// amorce_bench: shared helpers (statistics, clocks, fake French data, result lines).
// Every figure is a ratio against a baseline measured in the same run (DESIGN §9).
#pragma once

#include "core/session.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"

#include <imgui.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace bench {

// [SECTION] Clocks and statistics
double wall_ms();        // steady clock, milliseconds
double thread_cpu_ms();  // CPU time of the calling thread, milliseconds
// Percentile (0..100) by nearest rank on a copy of v; NaN if v is empty.
double percentile(std::vector<double> v, double pct);
inline double median(const std::vector<double>& v) { return percentile(v, 50); }

// [SECTION] Store commits
// Waits for a store's commit hook to report (id, revision) (save latency benchmarks).
struct CommitWaiter {
    std::mutex m;
    std::condition_variable cv;
    std::string id;
    std::uint64_t revision = 0;
    bool done = false;
    double at_ms = 0;

    void on_commit(const std::vector<std::pair<std::string, std::uint64_t>>& rows) {
        const double now = wall_ms();
        std::lock_guard<std::mutex> lock(m);
        for (const auto& r : rows)
            if (r.first == id && r.second >= revision && !done) {
                done = true;
                at_ms = now;
                cv.notify_all();
            }
    }
    void arm(const std::string& i, std::uint64_t rev) {
        std::lock_guard<std::mutex> lock(m);
        id = i;
        revision = rev;
        done = false;
    }
    // Returns the commit time, or a negative value after 10 s.
    double wait() {
        std::unique_lock<std::mutex> lock(m);
        if (!cv.wait_for(lock, std::chrono::seconds(10), [&] { return done; })) return -1;
        return at_ms;
    }
};

// [SECTION] Result lines
struct Figure {
    std::string name;       // "home frame CPU"
    std::string measured;   // "0.21 ms p50 (p95 0.30)"
    std::string baseline;   // "demo window 0.35 ms p50"
    std::string ratio;      // "0.60x"
    std::string goal;       // "<= 1.0x"
    bool measured_ok = false; // false: could not be measured at all
    bool pass = false;
    std::string note;       // why it could not be measured
};
std::string fmt(const char* format, ...) __attribute__((format(printf, 1, 2)));
void print_figures(const std::vector<Figure>& figures);

// [SECTION] Fake data (fictional French people; deterministic)
class Rng {
public:
    explicit Rng(std::uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ull + 1) {}
    std::uint64_t next();
    int range(int lo, int hi); // inclusive
    template <class T> const T& pick(const std::vector<T>& v) { return v[static_cast<size_t>(range(0, static_cast<int>(v.size()) - 1))]; }

private:
    std::uint64_t s_;
};

// A realistic participant with accented French names.
amorce::core::Participant fake_participant(Rng& rng);
// French counsellor notes of about `bytes` bytes (UTF-8).
std::string fake_notes(Rng& rng, size_t bytes);
// A complete session: participant, consent, history, notes of about notes_bytes.
amorce::core::Session fake_session(Rng& rng, size_t notes_bytes, std::int64_t now);
// What the home list shows for n fake sessions, sorted like Store::list() (deadline, id).
std::vector<amorce::core::SessionSummary> fake_summaries(Rng& rng, int n, const amorce::core::Date& today);

// [SECTION] Frame figures (frame_bench.cpp, photo_bench.cpp, timeline_bench.cpp)
// Frame CPU = ImGui::NewFrame + the UI code + ImGui::Render (draw lists built), timed with the
// thread CPU clock; nothing is rasterised (GPU / SDL renderer work, not UI cost). The measured
// screen and the baseline (the ImGui demo window) each have their own context; both share one
// font atlas filled by the app's theme.

// Pixels per dp of a 10-inch tablet with that many pixels: what Platform::dp() computes headless
// (1280x800: 0.94, 2560x1600: 1.89).
float tablet_dp(float width, float height);

// Catalog (French), fonts and theme shared by every context of a figure: one font atlas filled by
// ui::Theme::apply at `dp`, the style of the first context copied to the others. The destructor
// destroys the contexts and unsets the theme and catalog.
struct UiSetup {
    amorce::ui::Catalog catalog;
    ImFontAtlas atlas;
    amorce::ui::Theme theme;
    ImVec2 display;
    std::vector<ImGuiContext*> contexts;
    std::string error;

    explicit UiSetup(ImVec2 display_size) : display(display_size) {}
    UiSetup(const UiSetup&) = delete;
    UiSetup& operator=(const UiSetup&) = delete;
    ~UiSetup();
    bool init(float dp);         // catalog, first context, theme, atlas; false and error on failure
    ImGuiContext* new_context(); // a context sharing the atlas, styled like the first one
};

// One measured scene. A step: delta 1/60 s, the pointer sweeping up and down (the same path scaled
// to the display: 640,300±200 at 1280x800), `before` (untimed, may change this frame's input),
// then NewFrame + draw + Render timed, then `after` (untimed).
struct Scene {
    ImGuiContext* ctx = nullptr;
    std::function<void()> draw;
    std::function<void(int frame)> before; // optional
    std::function<void()> after;           // optional
    std::vector<double> samples;           // ms, timed steps only
    int frame = 0;
    double vertices = 0;                   // of the last frame, for the report

    void step(bool timed);
};

// The baseline's UI code: ImGui::ShowDemoWindow() at (0,0) covering `size`, with Help,
// Widgets › Basic, Widgets › Trees and Layout & Scrolling expanded.
std::function<void()> demo_window(ImVec2 size);

// The protocol: 50 warm-up frames each (demo first), then 12 alternating blocks of 50 frames
// (demo first): 600 timed frames each. Clears both scenes' samples first.
void run_alternating(Scene& demo, Scene& measured);

// A "<name>  X ms p50 (p95 Y)  vs demo window ..." line with the p50 ratio, goal <= 1.0x;
// not measured when either scene has no samples.
Figure frame_vs_demo(const std::string& name, const Scene& measured, const Scene& demo);

// [SECTION] Figures (each returns one line; scratch is a private folder under /tmp/bench)
Figure bench_home_frame();
Figure bench_save_latency(const std::string& scratch);
Figure bench_list(const std::string& scratch);
Figure bench_startup(const std::string& scratch, const std::string& app);
Figure bench_idle_cpu(const std::string& scratch, const std::string& app);
// Photolangage (photo_bench.cpp): thumbnails of a shipped deck cold vs warm, the session
// screen's grid with >= 80 thumbnails vs the demo window, peak RSS with both decks loaded.
Figure bench_thumbnails(const std::string& scratch, const std::string& deck_id);
// The grid: one line at the app's own sizes, one with >= 80 cards visible if those show fewer.
std::vector<Figure> bench_grid_frame(const std::string& scratch);
Figure bench_photo_memory(const std::string& scratch);
// The memory figure's child process (amorce_bench --photo-memory-child DIR): prints one line.
int photo_memory_child(const std::string& dir);
// The life timeline (timeline_bench.cpp): session screen, tab « Frise », 200 episodes, frames
// while two fingers pinch, vs the demo window; at 1280x800 and 2560x1600.
std::vector<Figure> bench_timeline_frame();
// amorce_bench --timeline-loop N (hidden): only N pinching timeline frames at 1280x800, for a profiler.
int timeline_loop(int frames);
// Expression boards (board_bench.cpp): session screen, tab « Expression », a board of 60 cards,
// frames while a finger drags a card over the columns, vs the demo window; 1280x800 and 2560x1600.
std::vector<Figure> bench_board_frame();
// The synthesis PDF (pdf_bench.cpp): report::document_from_session + write_synthesis_pdf of a full
// session (23 episodes, 6 photos, 5 boards, 3 préconisations) to a file, vs a one-paragraph PDF
// through the same API; the goal is absolute (p90 <= 150 ms).
Figure bench_pdf(const std::string& scratch);
// Unlock time with the app's Argon2id parameters; save latency encrypted vs no accounts (crypto_bench.cpp).
std::vector<Figure> bench_unlock(const std::string& scratch);
// export_bench.cpp: sealed bundles of 10,000 sessions (no PDF) and 100 with PDFs vs a sqlite3 JSON dump.
std::vector<Figure> bench_export(const std::string& scratch);

} // namespace bench
