// Entry points: the touch app (interactive or scripted) and the command line.
#pragma once

#include <string>

namespace amorce::app {

struct RunOptions {
    std::string data_dir;      // empty: default per-user folder
    std::string assets_dir;    // empty: resolved (AMORCE_ASSETS env, build tree, install tree)
    std::string decks_dir;     // empty: resolved (AMORCE_DECKS env, build tree, install tree)
    std::string script;        // headless UI script
    std::string out_dir = "screenshots";
    std::string lang = "fr";
    int width = 1280, height = 800;
    bool headless = false;
    bool demo = false;
    bool kiosk = false;        // full screen, no window frame (see platform/KIOSK.md)
    int max_seconds = 0;       // stop after this long (benchmarks); 0 = no limit
    std::string keyboard;      // on-screen keyboard: auto | on | off; empty: auto, off when headless
};

int run_app(const RunOptions& options);
int main_entry(int argc, char** argv);
std::string resolve_assets_dir(const char* argv0);
std::string resolve_decks_dir(const char* argv0);

} // namespace amorce::app
