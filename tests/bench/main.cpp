// amorce_bench: frame cost, save latency, listing at scale, start-up, idle CPU, the
// photolangage figures, the timeline's pinch, a board drag and the synthesis PDF, each as a ratio
// against a baseline measured in the same run (DESIGN §9).
// See README.md.
//
//   amorce_bench [--app PATH] [frame] [save] [list] [startup] [idle] [thumbs] [grid] [memory] [timeline] [board] [pdf] [unlock] [export]
//
// With no figure named, all of them run. Exit code 0 even when a goal is missed (benchmarks
// report, they do not fail CI); 1 when a figure could not be measured at all, 2 on bad usage.
#include "bench.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <type_traits>

#ifndef AMORCE_BENCH_APP
#define AMORCE_BENCH_APP "amorce"
#endif

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    // Hidden: the child process of the `memory` figure (a fresh process, see photo_bench.cpp).
    if (argc == 3 && std::strcmp(argv[1], "--photo-memory-child") == 0) return bench::photo_memory_child(argv[2]);
    // Hidden: only the timeline's pinching frames, for a profiler (see timeline_bench.cpp).
    if (argc == 3 && std::strcmp(argv[1], "--timeline-loop") == 0) return bench::timeline_loop(std::atoi(argv[2]));
    std::string app = AMORCE_BENCH_APP;
    if (const char* env = std::getenv("AMORCE_BENCH_APP")) app = env;
    std::set<std::string> only;
    const std::set<std::string> known = {"frame", "save", "list", "startup", "idle", "thumbs", "grid", "memory", "timeline", "board", "pdf", "unlock", "export"};
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--app" && i + 1 < argc) {
            app = argv[++i];
        } else if (a == "--help" || a == "-h") {
            std::printf("usage: amorce_bench [--app PATH] [frame] [save] [list] [startup] [idle] [thumbs] [grid] [memory] [timeline] [board] [pdf] [unlock] [export]\n");
            return 0;
        } else if (known.count(a)) {
            only.insert(a);
        } else {
            std::fprintf(stderr, "amorce_bench: unknown argument %s (try --help)\n", a.c_str());
            return 2;
        }
    }
    auto wanted = [&](const char* name) { return only.empty() || only.count(name) > 0; };

    // A private scratch folder, so that two runs at once do not share files.
    const fs::path scratch = fs::path("/tmp/bench") / ("run-" + std::to_string(getpid()));
    std::error_code ec;
    fs::remove_all(scratch, ec);
    fs::create_directories(scratch, ec);
    if (ec) {
        std::fprintf(stderr, "amorce_bench: cannot create %s: %s\n", scratch.c_str(), ec.message().c_str());
        return 1;
    }

    std::vector<bench::Figure> figures;
    auto step = [&](const char* name, const char* what, auto fn) {
        if (!wanted(name)) return;
        std::fprintf(stderr, "measuring %s...\n", what);
        const double t0 = bench::wall_ms();
        auto result = fn();
        if constexpr (std::is_same_v<decltype(result), bench::Figure>) figures.push_back(std::move(result));
        else figures.insert(figures.end(), result.begin(), result.end());
        std::fprintf(stderr, "  (%.1f s)\n", (bench::wall_ms() - t0) / 1000.0);
    };
    const double t0 = bench::wall_ms();
    step("frame", "home frame CPU vs ImGui demo window", [] { return bench::bench_home_frame(); });
    step("save", "save latency vs raw SQLite insert", [&] { return bench::bench_save_latency(scratch.string()); });
    step("list", "listing 10,000 sessions", [&] { return bench::bench_list(scratch.string()); });
    step("startup", "start to first frame", [&] { return bench::bench_startup(scratch.string(), app); });
    step("idle", "idle CPU", [&] { return bench::bench_idle_cpu(scratch.string(), app); });
    step("thumbs", "thumbnails of Regards, cold vs warm cache", [&] { return bench::bench_thumbnails(scratch.string(), "regards"); });
    step("thumbs", "thumbnails of Le quotidien, cold vs warm cache", [&] { return bench::bench_thumbnails(scratch.string(), "quotidien"); });
    step("grid", "photo grid frame CPU vs ImGui demo window", [&] { return bench::bench_grid_frame(scratch.string()); });
    step("memory", "peak memory with both decks loaded", [&] { return bench::bench_photo_memory(scratch.string()); });
    step("timeline", "timeline frame CPU while pinching vs ImGui demo window", [] { return bench::bench_timeline_frame(); });
    step("board", "board frame CPU while dragging a card vs ImGui demo window", [] { return bench::bench_board_frame(); });
    step("pdf", "synthesis PDF of a full session vs a one-paragraph PDF", [&] { return bench::bench_pdf(scratch.string()); });
    step("unlock", "unlock with Argon2id, encrypted save latency", [&] { return bench::bench_unlock(scratch.string()); });
    step("export", "sealed export bundles vs a sqlite3 JSON dump", [&] { return bench::bench_export(scratch.string()); });
    std::fprintf(stderr, "total %.1f s\n\n", (bench::wall_ms() - t0) / 1000.0);

    bench::print_figures(figures);
    fs::remove_all(scratch, ec);
    for (const auto& f : figures)
        if (!f.measured_ok) return 1;
    return 0;
}
