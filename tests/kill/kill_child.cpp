// Child process of kill_test: edits one session through core::SessionEditor, whose autosave sink
// is Store::save_async, until it is killed. After each command it prints
//   ack <revision> <CLOCK_MONOTONIC ms>
// on stdout (flushed), so the parent knows which revisions were acknowledged to the user, when.
//
//   kill_child DIR
#include "kill_script.hpp"

#include "core/commands.hpp"
#include "store/store.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>

namespace {
long long monotonic_ms() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<long long>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}
} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    using namespace amorce;
    std::string error;
    store::OpenReport report;
    auto store = store::Store::open(argv[1], &error, &report);
    if (!store) {
        std::printf("error open: %s\n", error.c_str());
        std::fflush(stdout);
        return 1;
    }
    if (report.database_was_damaged) {
        std::printf("error damaged: salvaged %d lost %d\n", report.salvaged_sessions, report.lost_sessions);
        std::fflush(stdout);
    }

    std::optional<core::Session> loaded = store->load(kill_script::kSessionId, &error);
    if (!loaded) {
        loaded = kill_script::base_session(core::unix_now());
        if (!store->save_now(*loaded, &error)) {
            std::printf("error save: %s\n", error.c_str());
            std::fflush(stdout);
            return 1;
        }
    }
    std::printf("start %llu\n", static_cast<unsigned long long>(loaded->revision));
    std::fflush(stdout);

    core::SessionEditor editor(*loaded, [&](const core::Session& s) { store->save_async(s); });
    std::mt19937 rng(static_cast<unsigned>(getpid()) ^ static_cast<unsigned>(monotonic_ms()));
    for (;;) {
        const std::uint64_t rev = editor.session().revision + 1;
        editor.execute(kill_script::command_for(rev, editor.session()));
        if (editor.session().revision != rev) {
            std::printf("error revision %llu != %llu\n",
                        static_cast<unsigned long long>(editor.session().revision),
                        static_cast<unsigned long long>(rev));
            std::fflush(stdout);
            return 1;
        }
        std::printf("ack %llu %lld\n", static_cast<unsigned long long>(rev), monotonic_ms());
        std::fflush(stdout);
        std::this_thread::sleep_for(std::chrono::milliseconds(5 + rng() % 16));
    }
}
