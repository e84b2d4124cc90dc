// Photolangage figures (issue 3), each against a baseline measured in the same run:
//   thumbnails  time until every visible thumbnail of a shipped deck has a texture, with the
//               thumbnail cache filled (warm) vs empty (cold: full decode + downscale + write)
//   grid frame  CPU time of one session-screen frame (photo grid, thumbnails loaded) vs one frame
//               of the Dear ImGui demo window (same method as the home frame, frame_bench.cpp):
//               at the app's sizes, then with the tiles made smaller until >= 80 cards show
//   memory      peak RSS of a fresh process holding both decks, every thumbnail as a texture and
//               3 full-screen images vs the same process before loading the decks
// Everything runs headless (SDL dummy video driver + software renderer); every file written
// (thumbnail caches, the benchmark deck) is under the scratch folder.
#include "bench.hpp"

#include "app/photo_library.hpp"
#include "core/commands.hpp"
#include "core/date.hpp"
#include "core/photolangage.hpp"
#include "deck/deck.hpp"
#include "ui/i18n.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <platform.hpp>

#include <imgui.h>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#ifndef AMORCE_DECKS_DIR
#error "AMORCE_DECKS_DIR must point at the shipped decks (set by the amorce_ui target)"
#endif

extern char** environ;

namespace fs = std::filesystem;

namespace bench {

using namespace amorce;

namespace {

// The largest screen DESIGN §4 supports: what the grid and memory figures are about.
constexpr int kWidth = 2560;
constexpr int kHeight = 1600;
constexpr int kWantVisible = 80; // thumbnails the grid frame must show
constexpr const char* kBigDeck = "banc"; // the benchmark deck made of both shipped decks

// [SECTION] Helpers: headless platform, board scene (UiSetup, Scene: bench.hpp)

// A headless Platform (for textures) whose own ImGui context stays aside: the figures draw in
// their own contexts, like frame_bench.cpp. pump() processes the workers' wake events with the
// platform's context current, so they never touch a measured context's IO.
struct Headless {
    std::unique_ptr<platform::Platform> platform;
    ImGuiContext* ctx = nullptr;
    std::string error;

    bool open() {
        ImGui::SetCurrentContext(nullptr); // Platform::create makes its context current only then
        platform::Options o;
        o.width = kWidth;
        o.height = kHeight;
        o.headless = true;
        o.title = "amorce_bench";
        platform = platform::Platform::create(o, &error);
        if (!platform) return false;
        ctx = ImGui::GetCurrentContext();
        return true;
    }
    void pump(int timeout_ms) {
        ImGuiContext* prev = ImGui::GetCurrentContext();
        ImGui::SetCurrentContext(ctx);
        platform->pump_events(timeout_ms);
        ImGui::SetCurrentContext(prev);
    }
    ~Headless() {
        if (!platform) return;
        ImGui::SetCurrentContext(ctx);
        platform.reset();
        ImGui::SetCurrentContext(nullptr);
    }
};

// The decks without images: for counting what the grid shows without starting any decode.
class LayoutOnlyLibrary final : public ui::PhotoLibrary {
public:
    std::vector<deck::Deck> list;
    const std::vector<deck::Deck>& decks() const override { return list; }
    ui::PhotoTexture thumbnail(const deck::Deck&, const deck::Card&) override { return {}; }
    ui::PhotoTexture large(const deck::Deck&, const deck::Card&) override { return {}; }
};

// A running interview with one photolangage round of 3 slots, 2 of them chosen from `deck`.
core::Session board_session(const ui::PhotoLibrary& lib, const std::string& deck_id,
                            const std::vector<core::Prompt>& prompts) {
    Rng rng(3);
    const std::int64_t now = core::unix_now();
    core::Session s = fake_session(rng, 4096, now);
    s.status = core::SessionStatus::Draft;
    s.ended_at = 0;
    const core::Prompt* p = core::find_prompt(prompts, "prompt.parcours");
    core::PhotoRound r = core::new_round(p ? p->key : "", p ? p->text : "Choisissez une photo.", 3, now);
    for (const deck::Deck& d : lib.decks()) {
        if (d.id != deck_id) continue;
        for (size_t i = 0; i < 2 && i * 5 < d.cards.size(); ++i) {
            core::PhotoChoice c;
            c.deck_id = d.id;
            c.card_id = d.cards[i * 5].id;
            c.words = i == 0 ? "Ça me fait penser à la sortie, « passer de l’autre côté »." : "";
            r.slots[i] = c;
        }
    }
    s.photolangage.push_back(std::move(r));
    return s;
}

// The session screen on the photolangage tab, notes closed, showing `deck_id`.
struct Board {
    core::SessionEditor editor;
    ui::SessionScreenState state;
    ui::SessionTools tools;
    app::PhotoLibrary* poller = nullptr; // the real library: poll() every frame as the app does

    Board(core::Session s, ui::PhotoLibrary* lib, const std::vector<core::Prompt>* prompts,
          const platform::Gestures* gestures, const std::string& deck_id)
        : editor(std::move(s)) {
        state.tab = ui::SessionTab::Photolangage;
        state.notes_open = false;
        state.photos.deck_id = deck_id;
        tools.photos = lib;
        tools.prompts = prompts;
        tools.gestures = gestures;
        tools.now = core::unix_now();
    }
    void frame() {
        ui::registry().begin_frame(); // as the app's loop does every frame
        if (poller) poller->poll();   // App::draw polls the library before the session screen
        const ui::SessionResult r = ui::draw_session_screen(editor, state, tools, "");
        (void)r;
    }
};

// Cards of `deck_id` recorded as visible in the last complete frame (ids "photo.card.<deck>.<card>").
std::vector<std::string> visible_cards(const std::string& deck_id) {
    ui::registry().begin_frame(); // completes the frame just drawn
    std::vector<std::string> out;
    const std::string prefix = "photo.card." + deck_id + ".";
    for (const ui::WidgetRecord& w : ui::registry().last_frame())
        if (w.id.rfind(prefix, 0) == 0) out.push_back(w.id.substr(prefix.size()));
    return out;
}

void draw_untimed(ImGuiContext* ctx, Board& board, int frames) {
    ImGui::SetCurrentContext(ctx);
    for (int i = 0; i < frames; ++i) {
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        board.frame();
        ImGui::Render();
    }
}

std::optional<std::vector<core::Prompt>> prompts_or(std::string* error) {
    return core::load_prompts(AMORCE_ASSETS_DIR "/photolangage/prompts.tsv", error);
}

double peak_of(const char* field) { // kB from /proc/self/status ("VmHWM", "VmRSS")
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string key = std::string(field) + ":";
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return std::atof(line.c_str() + key.size());
    return NAN;
}

// [SECTION] Figure: thumbnails cold vs warm

struct LoadRun {
    bool ok = false;
    double ms = 0;
    int decodes = 0, hits = 0, writes = 0, failed = 0;
    std::string error;
};

// A fresh PhotoLibrary (as at app start) asks for the first n cards of the deck, the way the grid
// asks for its visible tiles every frame, and polls until each one has a texture (or failed).
// The clock starts at the first request (loading deck.json is the same cold or warm).
LoadRun load_visible(Headless& h, const std::string& cache_dir, const std::string& deck_id, size_t n) {
    LoadRun run;
    app::PhotoLibrary lib(*h.platform, {AMORCE_DECKS_DIR}, cache_dir);
    const deck::Deck* d = nullptr;
    for (const auto& x : lib.decks())
        if (x.id == deck_id) d = &x;
    if (!d) {
        run.error = "shipped deck " + deck_id + " not found in " AMORCE_DECKS_DIR;
        return run;
    }
    n = std::min(n, d->cards.size());
    const double t0 = wall_ms();
    for (;;) {
        lib.poll();
        size_t shown = 0;
        run.failed = 0;
        for (size_t i = 0; i < n; ++i) {
            const ui::PhotoTexture t = lib.thumbnail(*d, d->cards[i]);
            if (t.id) ++shown;
            else if (t.failed || !d->cards[i].available()) ++shown, ++run.failed;
        }
        if (shown == n) break;
        if (wall_ms() - t0 > 120000) {
            run.error = "thumbnails still missing after 120 s";
            return run;
        }
        h.pump(1); // the loop waits for the workers' wake-up, as the app's render-on-demand loop does
    }
    run.ms = wall_ms() - t0;
    run.decodes = lib.cache().full_decodes();
    run.hits = lib.cache().cache_hits();
    run.writes = lib.cache().cache_writes();
    run.ok = true;
    return run;
}

// How many cards of each deck the grid shows at kWidth x kHeight (notes closed).
bool count_visible(Headless& h, std::vector<std::pair<std::string, size_t>>* decks, std::string* error) {
    UiSetup ui(ImVec2(kWidth, kHeight));
    if (!ui.init(h.platform->dp())) {
        *error = ui.error;
        return false;
    }
    auto prompts = prompts_or(error);
    if (!prompts) return false;
    LayoutOnlyLibrary lib;
    for (auto& [id, n] : *decks) {
        deck::LoadResult r = deck::load_deck(fs::path(AMORCE_DECKS_DIR) / id);
        if (r.deck.cards.empty()) {
            *error = "cannot load the shipped deck " + id;
            return false;
        }
        lib.list.push_back(std::move(r.deck));
    }
    ImGuiContext* ctx = ui.contexts.front();
    for (auto& [id, n] : *decks) {
        Board board(board_session(lib, id, *prompts), &lib, &*prompts, &h.platform->gestures(), id);
        draw_untimed(ctx, board, 2);
        n = visible_cards(id).size();
    }
    return true;
}

} // namespace

Figure bench_thumbnails(const std::string& scratch, const std::string& deck_id) {
    Figure f;
    f.name = "thumbnails " + deck_id;
    f.goal = "warm: 0 full decodes";
    Headless h;
    if (!h.open()) {
        f.note = "headless platform: " + h.error;
        return f;
    }
    std::vector<std::pair<std::string, size_t>> decks = {{deck_id, 0}};
    std::string error;
    if (!count_visible(h, &decks, &error)) {
        f.note = error;
        return f;
    }
    const size_t n = decks.front().second;
    if (n == 0) {
        f.note = "the grid shows no card of " + deck_id;
        return f;
    }
    std::fprintf(stderr, "  %s: the grid shows %zu cards at %dx%d (notes closed)\n", deck_id.c_str(), n, kWidth,
                 kHeight);

    // 3 rounds; each: cold with a new empty cache folder, then warm with the folder it filled.
    std::vector<double> cold, warm;
    int warm_decodes = 0, cold_decodes = 0, failed = 0;
    for (int rep = 0; rep < 3; ++rep) {
        const std::string dir = scratch + "/thumbs-" + deck_id + "-" + std::to_string(rep);
        const LoadRun c = load_visible(h, dir, deck_id, n);
        const LoadRun w = c.ok ? load_visible(h, dir, deck_id, n) : LoadRun{};
        if (!c.ok || !w.ok) {
            f.note = !c.ok ? c.error : w.error;
            return f;
        }
        std::fprintf(stderr, "  %s round %d: cold %.1f ms (%d full decodes, %d written), warm %.1f ms (%d full decodes, %d cache hits)\n",
                     deck_id.c_str(), rep + 1, c.ms, c.decodes, c.writes, w.ms, w.decodes, w.hits);
        cold.push_back(c.ms);
        warm.push_back(w.ms);
        cold_decodes = std::max(cold_decodes, c.decodes);
        warm_decodes = std::max(warm_decodes, w.decodes);
        failed = std::max({failed, c.failed, w.failed});
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    const double cm = median(cold), wm = median(warm);
    f.name = fmt("thumbnails %s (%zu visible)", deck_id.c_str(), n);
    f.measured = fmt("warm %.1f ms median of 3, %d full decodes", wm, warm_decodes);
    f.baseline = fmt("cold %.1f ms, %d full decodes", cm, cold_decodes);
    f.ratio = fmt("%.2fx", wm / cm);
    if (failed) f.measured += fmt(", %d failed", failed);
    f.measured_ok = cm > 0 && wm > 0;
    if (!f.measured_ok) f.note = "no time recorded";
    f.pass = warm_decodes == 0 && failed == 0;
    return f;
}

// [SECTION] Figure: grid frame CPU with >= 80 thumbnails visible vs the demo window

namespace {

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (const char ch : s) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

// No shipped deck has 80 cards (43 and 77) and the grid shows one deck at a time, so the grid
// figure uses a deck made in the scratch folder of every shipped card: the 43 photos, then the
// 77 pictograms (files copied, credits kept). Returns the number of cards, 0 on failure.
size_t make_big_deck(const fs::path& dir, std::string* error) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    std::ostringstream cards;
    std::string credits = "# Banc d’essai\n\nCopies of the shipped decks for amorce_bench.\n\n";
    size_t count = 0;
    for (const char* id : {"regards", "quotidien"}) {
        const fs::path src = fs::path(AMORCE_DECKS_DIR) / id;
        const deck::LoadResult r = deck::load_deck(src);
        if (r.deck.cards.empty()) {
            *error = std::string("cannot load the shipped deck ") + id;
            return 0;
        }
        std::ifstream in(src / deck::kCreditsName, std::ios::binary);
        credits += std::string(std::istreambuf_iterator<char>(in), {}) + "\n";
        for (const deck::Card& c : r.deck.cards) {
            if (!c.available()) continue;
            const std::string file = std::string(id) + "/" + c.file;
            fs::create_directories((dir / file).parent_path(), ec);
            fs::copy_file(c.path, dir / file, fs::copy_options::overwrite_existing, ec);
            if (ec) {
                *error = "cannot copy " + c.path.string() + ": " + ec.message();
                return 0;
            }
            std::string themes;
            for (const auto& t : c.themes) themes += (themes.empty() ? "" : ", ") + json_string(t);
            cards << (count ? ",\n" : "") << "    {\"id\": " << json_string(std::string(id).substr(0, 1) + "-" + c.id)
                  << ", \"file\": " << json_string(file) << ", \"description\": " << json_string(c.description)
                  << ", \"themes\": [" << themes << "], \"credit\": " << json_string(c.credit)
                  << ", \"licence\": " << json_string(c.licence) << ", \"source\": " << json_string(c.source) << "}";
            ++count;
        }
    }
    std::ofstream manifest(dir / deck::kManifestName, std::ios::binary | std::ios::trunc);
    manifest << "{\n  \"format\": " << deck::kFormatVersion << ",\n  \"id\": " << json_string(kBigDeck)
             << ",\n  \"title\": \"Banc d’essai\",\n  \"version\": \"1.0\",\n  \"licence\": "
             << json_string("Copies of « Regards » and « Le quotidien », see CREDITS.md") << ",\n  \"cards\": [\n"
             << cards.str() << "\n  ]\n}\n";
    std::ofstream(dir / deck::kCreditsName, std::ios::binary | std::ios::trunc) << credits;
    manifest.close();
    if (!manifest) {
        *error = "cannot write " + (dir / deck::kManifestName).string();
        return 0;
    }
    const deck::LoadResult check = deck::load_deck(dir);
    if (!check.problems.empty() || check.deck.available_count() != count) {
        *error = "the benchmark deck does not load cleanly: " +
                 (check.problems.empty() ? std::string("cards missing") : check.problems.front().line());
        return 0;
    }
    return count;
}

} // namespace

namespace {

// Draws (untimed) until every card the grid shows, and the chosen photos in the slots, has its
// texture. Returns the cards shown, or an error.
bool warm_visible(Headless& h, Scene& grid, Board& board, app::PhotoLibrary& lib, const deck::Deck& d,
                  std::vector<std::string>* shown, std::string* error) {
    const double t0 = wall_ms();
    for (;;) {
        draw_untimed(grid.ctx, board, 1);
        *shown = visible_cards(d.id);
        size_t ready = 0;
        for (const std::string& id : *shown)
            if (const deck::Card* c = d.find(id))
                if (lib.thumbnail(d, *c).id) ++ready;
        if (ready == shown->size() && lib.pending() == 0) return true;
        if (wall_ms() - t0 > 120000) {
            *error = fmt("thumbnails not loaded after 120 s (%zu of %zu)", ready, shown->size());
            return false;
        }
        lib.wait_idle(200);
        h.pump(0);
    }
}

// The frame figures' protocol (bench.hpp), then a check that the grid still showed what it should.
Figure time_grid_vs_demo(Scene& grid, Scene& demo, const std::string& name, size_t expect_visible) {
    run_alternating(demo, grid);
    const size_t visible = visible_cards(kBigDeck).size();
    std::fprintf(stderr, "  %s: %zu frames, %.0f vertices/frame, %zu cards visible; demo: %zu frames, %.0f vertices/frame\n",
                 name.c_str(), grid.samples.size(), grid.vertices, visible, demo.samples.size(), demo.vertices);
    Figure f = frame_vs_demo(name, grid, demo);
    if (f.measured_ok && visible != expect_visible) {
        f.measured_ok = false;
        f.note = fmt("%zu cards visible while timing, %zu expected", visible, expect_visible);
    }
    return f;
}

} // namespace

std::vector<Figure> bench_grid_frame(const std::string& scratch) {
    std::vector<Figure> out(1);
    Figure& f = out.front();
    f.name = "grid frame CPU";
    f.goal = "<= 1.0x";

    std::string error;
    const size_t deck_cards = make_big_deck(fs::path(scratch) / "decks" / kBigDeck, &error);
    if (!deck_cards) {
        f.note = error;
        return out;
    }
    Headless h;
    if (!h.open()) {
        f.note = "headless platform: " + h.error;
        return out;
    }
    auto prompts = prompts_or(&error);
    if (!prompts) {
        f.note = error;
        return out;
    }
    const float dp = h.platform->dp();
    UiSetup ui(ImVec2(kWidth, kHeight));
    if (!ui.init(dp)) {
        f.note = ui.error;
        return out;
    }
    // Its textures belong to the platform, declared before it (destroyed after it).
    app::PhotoLibrary lib(*h.platform, {AMORCE_DECKS_DIR, scratch + "/decks"}, scratch + "/grid-thumbs");
    const deck::Deck* big = nullptr;
    for (const auto& d : lib.decks())
        if (d.id == kBigDeck) big = &d;
    if (!big) {
        f.note = "the benchmark deck was not listed by PhotoLibrary";
        return out;
    }

    Scene grid, demo;
    grid.ctx = ui.contexts.front();
    demo.ctx = ui.new_context();
    Board board(board_session(lib, kBigDeck, *prompts), &lib, &*prompts, &h.platform->gestures(), kBigDeck);
    board.poller = &lib;
    grid.draw = [&] { board.frame(); };
    demo.draw = demo_window(ImVec2(kWidth, kHeight));

    // 1. The app's own sizes.
    std::vector<std::string> shown;
    if (!warm_visible(h, grid, board, lib, *big, &shown, &error)) {
        f.note = error;
        return out;
    }
    const size_t natural = shown.size();
    std::fprintf(stderr, "  %dx%d, dp %.2f, notes closed: the grid shows %zu of the %zu cards\n", kWidth, kHeight, dp,
                 natural, deck_cards);
    f = time_grid_vs_demo(grid, demo, fmt("grid frame CPU (%zu cards)", natural), natural);
    if (natural >= static_cast<size_t>(kWantVisible)) return out;

    // 2. Fewer than 80 show: make the photos smaller, as a counsellor does by pinching the grid
    // (PhotoBoardState::tile_dp, 150 dp by default), just enough for 80 cards.
    float tile_dp = board.state.photos.tile_dp;
    size_t visible = natural;
    while (visible < static_cast<size_t>(kWantVisible) && tile_dp > ui::PhotoBoardState::kMinTileDp) {
        tile_dp = std::max(ui::PhotoBoardState::kMinTileDp, tile_dp * 0.97f);
        board.state.photos.tile_dp = tile_dp;
        draw_untimed(grid.ctx, board, 2);
        visible = visible_cards(kBigDeck).size();
    }
    const double t0 = wall_ms();
    if (!warm_visible(h, grid, board, lib, *big, &shown, &error)) {
        out.push_back(Figure{});
        out.back().name = "grid frame CPU (80 cards)";
        out.back().note = error;
        return out;
    }
    std::fprintf(stderr, "  photos made smaller (tiles %.0f dp instead of 150): %zu cards show; thumbnails ready in "
                         "%.1f s (%d full decodes, %zu textures)\n",
                 tile_dp, shown.size(), (wall_ms() - t0) / 1000.0, lib.cache().full_decodes(), lib.texture_count());
    out.push_back(time_grid_vs_demo(grid, demo, fmt("grid frame CPU (%zu cards, tiles %.0f dp)", shown.size(), tile_dp),
                                    shown.size()));
    if (shown.size() < static_cast<size_t>(kWantVisible)) {
        out.back().measured_ok = false;
        out.back().note = fmt("only %zu cards visible even with tiles of %.0f dp", shown.size(), tile_dp);
    }
    return out;
}

// [SECTION] Figure: peak memory with both decks loaded (a fresh child process)

int photo_memory_child(const std::string& dir) {
    Headless h;
    if (!h.open()) {
        std::fprintf(stderr, "amorce_bench: headless platform: %s\n", h.error.c_str());
        return 1;
    }
    const double base_hwm = peak_of("VmHWM"), base_rss = peak_of("VmRSS");
    int thumbs = 0, larges = 0, failed = 0, decodes = 0;
    double tex_bytes = 0;
    {
        // Cold thumbnail cache (the worst case: every thumbnail is a full decode on the workers).
        app::PhotoLibrary lib(*h.platform, {AMORCE_DECKS_DIR}, dir + "/thumbs");
        const double t0 = wall_ms();
        for (;;) {
            lib.poll();
            bool all = true;
            thumbs = failed = 0;
            tex_bytes = 0;
            for (const deck::Deck& d : lib.decks())
                for (const deck::Card& c : d.cards) {
                    if (!c.available()) continue;
                    const ui::PhotoTexture t = lib.thumbnail(d, c);
                    if (t.id) ++thumbs, tex_bytes += 4.0 * t.width * t.height;
                    else if (t.failed) ++failed;
                    else all = false;
                }
            if (all) break;
            if (wall_ms() - t0 > 120000) {
                std::fprintf(stderr, "amorce_bench: thumbnails not loaded after 120 s\n");
                return 1;
            }
            h.pump(1);
        }
        // Three full-screen images: the largest photos (the library keeps 3).
        std::vector<std::pair<const deck::Deck*, const deck::Card*>> big;
        for (const deck::Deck& d : lib.decks())
            for (const deck::Card& c : d.cards)
                if (c.available()) big.emplace_back(&d, &c);
        std::sort(big.begin(), big.end(), [](const auto& a, const auto& b) {
            return static_cast<long>(a.second->width) * a.second->height > static_cast<long>(b.second->width) * b.second->height;
        });
        big.resize(std::min<size_t>(big.size(), 3));
        for (;;) {
            lib.poll();
            larges = 0;
            bool all = true;
            double bytes = 0;
            for (const auto& [d, c] : big) {
                const ui::PhotoTexture t = lib.large(*d, *c);
                if (t.id) ++larges, bytes += 4.0 * t.width * t.height;
                else if (t.failed) ++failed;
                else all = false;
            }
            if (all) {
                tex_bytes += bytes;
                break;
            }
            if (wall_ms() - t0 > 120000) {
                std::fprintf(stderr, "amorce_bench: full-screen images not loaded after 120 s\n");
                return 1;
            }
            h.pump(1);
        }
        decodes = lib.cache().full_decodes();
        std::printf("photo-memory baseline_hwm_kb=%.0f baseline_rss_kb=%.0f peak_hwm_kb=%.0f rss_kb=%.0f thumbs=%d large=%d "
                    "failed=%d decodes=%d texture_kb=%.0f ms=%.0f\n",
                    base_hwm, base_rss, peak_of("VmHWM"), peak_of("VmRSS"), thumbs, larges, failed, decodes,
                    tex_bytes / 1024.0, wall_ms() - t0);
        std::fflush(stdout);
    }
    return 0;
}

Figure bench_photo_memory(const std::string& scratch) {
    Figure f;
    f.name = "peak memory (photos)";
    f.goal = "<= 200 MB";
    char self[4096];
    const ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len <= 0) {
        f.note = std::string("cannot find the bench binary: ") + std::strerror(errno);
        return f;
    }
    self[len] = '\0';
    const std::string dir = scratch + "/memory";
    std::error_code ec;
    fs::create_directories(dir, ec);

    // A fresh process (exec, not a bare fork): its peak RSS owes nothing to the figures before.
    int fds[2];
    if (pipe(fds) != 0) {
        f.note = std::string("pipe: ") + std::strerror(errno);
        return f;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    std::vector<std::string> args = {self, "--photo-memory-child", dir};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, self, &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        f.note = std::string("cannot start the child: ") + std::strerror(rc);
        return f;
    }
    std::string out;
    char buf[512];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        out.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    double base_hwm = 0, base_rss = 0, peak = 0, rss = 0, tex_kb = 0, ms = 0;
    int thumbs = 0, larges = 0, failed = 0, decodes = 0;
    const size_t at = out.find("photo-memory ");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || at == std::string::npos ||
        std::sscanf(out.c_str() + at,
                    "photo-memory baseline_hwm_kb=%lf baseline_rss_kb=%lf peak_hwm_kb=%lf rss_kb=%lf thumbs=%d large=%d "
                    "failed=%d decodes=%d texture_kb=%lf ms=%lf",
                    &base_hwm, &base_rss, &peak, &rss, &thumbs, &larges, &failed, &decodes, &tex_kb, &ms) != 10) {
        f.note = "the child process failed (status " + std::to_string(status) + ")";
        return f;
    }
    std::fprintf(stderr, "  child: %d thumbnails (%d full decodes, cold cache) + %d full-screen images as textures "
                         "(%.1f MB of pixels) in %.1f s; %d failed\n",
                 thumbs, decodes, larges, tex_kb / 1024.0, ms / 1000.0, failed);
    std::fprintf(stderr, "  child: VmHWM %.1f MB before the decks (VmRSS %.1f), %.1f MB after (VmRSS now %.1f)\n",
                 base_hwm / 1024.0, base_rss / 1024.0, peak / 1024.0, rss / 1024.0);
    const double mb = peak / 1024.0;
    f.measured = fmt("%.1f MB peak RSS, %d thumbnails + %d full-screen", mb, thumbs, larges);
    f.baseline = fmt("before the decks %.1f MB", base_hwm / 1024.0);
    f.ratio = fmt("%.2fx", peak / base_hwm);
    f.measured_ok = peak > 0 && base_hwm > 0 && larges == 3 && failed == 0;
    if (!f.measured_ok) f.note = fmt("incomplete: %d full-screen images, %d failed", larges, failed);
    f.pass = mb <= 200.0;
    return f;
}

} // namespace bench
