// The main loop: render on demand, wait for events otherwise; a script (headless) is ticked
// between event processing and drawing.
#include "app/run.hpp"

#include "app/app.hpp"
#include "app/script.hpp"
#include "ui/i18n.hpp"
#include "ui/keyboard.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <platform.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace amorce::app {

std::string resolve_assets_dir(const char* argv0) {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("AMORCE_ASSETS")) return env;
    std::error_code ec;
    if (argv0) {
        const fs::path exe = fs::weakly_canonical(fs::path(argv0), ec).parent_path();
        for (const fs::path& p : {exe / "assets", exe / "../share/amorce/assets"})
            if (fs::exists(p / "i18n/fr.tsv", ec)) return p.string();
    }
#ifdef AMORCE_ASSETS_DIR
    return AMORCE_ASSETS_DIR;
#else
    return "assets";
#endif
}

std::string resolve_decks_dir(const char* argv0) {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("AMORCE_DECKS")) return env;
    std::error_code ec;
    if (argv0) {
        const fs::path exe = fs::weakly_canonical(fs::path(argv0), ec).parent_path();
        for (const fs::path& p : {exe / "photolangage", exe / "../share/amorce/photolangage"})
            if (fs::is_directory(p, ec)) return p.string();
    }
#ifdef AMORCE_DECKS_DIR
    return AMORCE_DECKS_DIR;
#else
    return "photolangage";
#endif
}

namespace {

struct Runtime final : ScriptHost {
    platform::Platform* plat = nullptr;
    std::string data_dir;
    std::string assets_dir;
    std::string decks_dir;
    std::string out;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<App> app;
    bool demo = false;
    std::string user;

    bool open(std::string* error) {
        app.reset();
        store.reset();
        store::OpenReport report;
        store = store::Store::open(data_dir, error, &report);
        if (!store) return false;
        if (demo) seed_demo(*store, assets_dir);
        // AMORCE_USER with AMORCE_SECRET (UI scripts, a kiosk's own start-up): unlocked at start,
        // and after a restart; a refusal leaves the lock screen, which is then used as usual.
        if (!user.empty() && store->has_accounts() && !store->is_unlocked()) {
            const char* secret = std::getenv("AMORCE_SECRET");
            const store::UnlockResult r = store->unlock(user, secret ? secret : "");
            if (!r.ok()) std::fprintf(stderr, "amorce: AMORCE_USER %s: not unlocked (%s)\n", user.c_str(), r.error.c_str());
        }
        std::string notice;
        if (report.database_was_damaged)
            notice = ui::trf("notice.db_damaged", {report.damaged_copy, std::to_string(report.salvaged_sessions),
                                                   std::to_string(report.lost_sessions)});
        app = std::make_unique<App>(*plat, *store, AppPaths{assets_dir, decks_dir, data_dir}, notice);
        return true;
    }

    platform::Platform& platform() override { return *plat; }
    const ui::Registry& registry() override { return ui::registry(); }
    const std::string& out_dir() override { return out; }
    void elapse(double seconds) override {
        if (app) app->elapse(seconds);
    }
    void restart() override {
        std::string error;
        if (!open(&error)) std::fprintf(stderr, "amorce: cannot reopen data: %s\n", error.c_str());
    }
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int run_app(const RunOptions& o) {
    const auto t0 = std::chrono::steady_clock::now();
    ScriptRunner script;
    const bool scripted = !o.script.empty();
    std::string error;
    if (scripted && !script.load(o.script, &error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 2;
    }

    ui::Catalog catalog;
    if (!catalog.load(o.assets_dir + "/i18n", o.lang, &error)) {
        std::fprintf(stderr, "amorce: %s\n", error.c_str());
        return 1;
    }
    ui::set_catalog(&catalog);

    platform::Options popts;
    popts.width = o.width;
    popts.height = o.height;
    popts.headless = o.headless;
    popts.fullscreen = o.kiosk;
    auto plat = platform::Platform::create(popts, &error);
    if (!plat) {
        std::fprintf(stderr, "amorce: %s\n", error.c_str());
        return 1;
    }

    ui::Theme theme;
    if (!theme.apply(plat->dp(), o.assets_dir, &error)) std::fprintf(stderr, "amorce: warning: %s\n", error.c_str());
    ui::set_theme(&theme);
    plat->invalidate_font_texture();

    Runtime rt;
    rt.plat = plat.get();
    rt.data_dir = o.data_dir.empty() ? platform::default_data_dir() : o.data_dir;
    rt.assets_dir = o.assets_dir;
    rt.decks_dir = o.decks_dir.empty() ? resolve_decks_dir(nullptr) : o.decks_dir;
    rt.out = o.out_dir;
    rt.demo = o.demo;
    if (const char* user = std::getenv("AMORCE_USER")) rt.user = user;
    if (rt.data_dir.empty() || !rt.open(&error)) {
        std::fprintf(stderr, "amorce: cannot open the data folder %s: %s\n", rt.data_dir.c_str(), error.c_str());
        return 1;
    }

    // The on-screen keyboard types into ImGui IO just before each NewFrame and draws after the screens.
    // Headless runs leave it off unless asked: scripts type like a physical keyboard and were
    // written for the whole screen.
    ui::KeyboardMode keyboard_mode = o.headless ? ui::KeyboardMode::Off : ui::KeyboardMode::Auto;
    if (!o.keyboard.empty()) ui::parse_keyboard_mode(o.keyboard, &keyboard_mode);
    ui::OnScreenKeyboard keyboard(keyboard_mode);
    plat->set_before_new_frame([&keyboard, &plat] { keyboard.before_new_frame(*plat); });

    bool first_frame = true;
    int exit_code = 0;
    for (;;) {
        int timeout = 0;
        if (!plat->needs_frame()) {
            timeout = 1000;
            const int timer = plat->next_timer_ms();
            if (timer >= 0) timeout = std::min(timeout, timer);
            if (scripted) timeout = std::min(timeout, script.wait_ms());
        }
        if (!plat->pump_events(timeout)) break;
        if (scripted) {
            const ScriptRunner::Status st = script.tick(rt);
            if (st == ScriptRunner::Status::Failed) {
                std::fprintf(stderr, "%s\n", script.error().c_str());
                exit_code = 1;
                break;
            }
            if (st == ScriptRunner::Status::Passed) break;
        }
        if (o.max_seconds > 0 && seconds_since(t0) > o.max_seconds) break;
        if (rt.app->idle_tick()) plat->request_frames(2);
        if (!plat->needs_frame()) continue;

        // Window moved to a denser display or resized: rebuild fonts for the new density.
        if (std::fabs(plat->dp() - theme.dp) > 0.01f * theme.dp) {
            theme.apply(plat->dp(), o.assets_dir, nullptr);
            plat->invalidate_font_texture();
        }
        plat->begin_frame();
        ui::registry().begin_frame();
        rt.app->draw();
        keyboard.after_draw(*plat);
        plat->end_frame();
        if (ui::take_animation_request()) plat->request_frames(2);
        if (first_frame) {
            first_frame = false;
            if (std::getenv("AMORCE_REPORT_STARTUP"))
                std::printf("startup: first frame after %.1f ms\n", seconds_since(t0) * 1000.0);
        }
    }
    if (scripted) {
        if (exit_code == 0)
            std::printf("script %s: %d steps passed, %d frames drawn\n", o.script.c_str(), script.steps_done(),
                        plat->frames_drawn());
        else
            std::printf("script %s: failed after %d steps, %d frames drawn\n", o.script.c_str(), script.steps_done(),
                        plat->frames_drawn());
    }
    plat->set_before_new_frame(nullptr);
    rt.app.reset();
    rt.store.reset();
    return exit_code;
}

} // namespace amorce::app
