// amorce_bench: shared helpers (statistics, clocks, fake French data, result lines).
// Every figure is a ratio against a baseline measured in the same run (DESIGN §9).
#pragma once

#include "core/session.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace bench {

// [SECTION] Clocks and statistics
double wall_ms();        // steady clock, milliseconds
double thread_cpu_ms();  // CPU time of the calling thread, milliseconds
// Percentile (0..100) by nearest rank on a copy of v; NaN if v is empty.
double percentile(std::vector<double> v, double pct);
inline double median(const std::vector<double>& v) { return percentile(v, 50); }

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

} // namespace bench
