// Figure 4: start to first frame of the real app (headless) vs spawning `amorce --version`.
// Figure 5: CPU used by the app while idle (script `wait 3000`) vs the same app with `wait 100`.
#include "bench.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace fs = std::filesystem;

namespace bench {

namespace {

struct RunResult {
    bool started = false;
    bool timed_out = false;
    int exit_code = -1;       // -1: killed by a signal
    double wall_ms = 0;       // spawn to reaped
    double cpu_ms = 0;        // user + system of the child
    std::string out;          // stdout + stderr
    std::string error;        // why it could not start
};

double tv_ms(const timeval& tv) { return static_cast<double>(tv.tv_sec) * 1e3 + static_cast<double>(tv.tv_usec) / 1e3; }

// Spawns argv with extra environment variables, output to out_file; waits at most timeout_ms.
RunResult run(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
              const std::string& out_file, int timeout_ms) {
    RunResult r;
    std::vector<std::string> env_store(extra_env);
    for (char** e = environ; *e; ++e) {
        bool overridden = false;
        for (const auto& x : extra_env)
            if (std::strncmp(*e, x.c_str(), x.find('=') + 1) == 0) overridden = true;
        if (!overridden) env_store.emplace_back(*e);
    }
    std::vector<char*> envp, args;
    for (auto& e : env_store) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_store(argv);
    for (auto& a : argv_store) args.push_back(a.data());
    args.push_back(nullptr);

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    pid_t pid = 0;
    const double t0 = wall_ms();
    const int rc = posix_spawn(&pid, args[0], &fa, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        r.error = std::string("cannot start ") + argv[0] + ": " + std::strerror(rc);
        return r;
    }
    r.started = true;

    // Wait with a timeout: poll a pidfd (Linux >= 5.3), else a blocking wait4.
    int status = 0;
    rusage ru{};
    const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    if (pidfd >= 0) {
        pollfd p{pidfd, POLLIN, 0};
        if (poll(&p, 1, timeout_ms) == 0) {
            kill(pid, SIGKILL);
            r.timed_out = true;
        }
        close(pidfd);
    }
    while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
    }
    r.wall_ms = wall_ms() - t0;
    r.cpu_ms = tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(out_file);
    std::stringstream ss;
    ss << in.rdbuf();
    r.out = ss.str();
    return r;
}

std::string write_script(const fs::path& path, const std::string& body) {
    std::ofstream(path) << body;
    return path.string();
}

// The headless app on a fresh data folder with a script.
RunResult run_app(const std::string& app, const fs::path& scratch, const std::string& name,
                  const std::string& script_body) {
    const fs::path data = scratch / ("data-" + name);
    fs::remove_all(data);
    const std::string script = write_script(scratch / (name + ".script"), script_body);
    return run({app, "--headless", "--script", script, "--data", data.string(), "--out", (scratch / "out").string()},
               {"AMORCE_REPORT_STARTUP=1", "SDL_AUDIODRIVER=dummy"}, (scratch / (name + ".out")).string(), 30000);
}

std::string failure(const RunResult& r) {
    if (!r.started) return r.error;
    if (r.timed_out) return "timed out; output: " + r.out;
    return "exit code " + std::to_string(r.exit_code) + "; output: " + r.out;
}

} // namespace

Figure bench_startup(const std::string& scratch_dir, const std::string& app) {
    constexpr int kRuns = 5;
    Figure f;
    f.name = "start to frame";
    f.goal = "<= 300 ms";
    const fs::path scratch = fs::path(scratch_dir) / "startup";
    fs::create_directories(scratch);

    std::vector<double> first_frame, process, version;
    for (int i = 0; i < kRuns; ++i) {
        // Baseline: process start cost of the same binary (loader, libraries, exit).
        const RunResult v = run({app, "--version"}, {}, (scratch / "version.out").string(), 10000);
        if (!v.started || v.exit_code != 0) {
            f.note = "amorce --version: " + failure(v);
            return f;
        }
        version.push_back(v.wall_ms);

        const RunResult r = run_app(app, scratch, "start" + std::to_string(i), "expect @home.new_session\n");
        const size_t at = r.out.find("startup: first frame after ");
        if (!r.started || r.exit_code != 0 || at == std::string::npos) {
            f.note = "app run: " + failure(r);
            return f;
        }
        first_frame.push_back(std::atof(r.out.c_str() + at + std::strlen("startup: first frame after ")));
        process.push_back(r.wall_ms);
    }
    const double ff = median(first_frame), v = median(version);
    std::fprintf(stderr, "  startup: first frame %.1f ms (min %.1f, max %.1f); whole scripted run %.0f ms\n", ff,
                 percentile(first_frame, 0), percentile(first_frame, 100), median(process));
    f.measured = fmt("%.1f ms median of %d", ff, kRuns);
    f.baseline = fmt("`amorce --version` %.1f ms", v);
    f.ratio = fmt("%.1fx", ff / v);
    f.measured_ok = true;
    f.pass = ff <= 300.0;
    return f;
}

Figure bench_idle_cpu(const std::string& scratch_dir, const std::string& app) {
    constexpr int kIdleMs = 3000, kShortMs = 100;
    Figure f;
    f.name = "idle CPU";
    f.goal = "<= 2 % of a core";
    const fs::path scratch = fs::path(scratch_dir) / "idle";
    fs::create_directories(scratch);

    // Same app, same start-up and first frames; only the idle time differs. The difference in
    // CPU over the difference in wall time is what idling costs.
    const RunResult base = run_app(app, scratch, "short", "wait " + std::to_string(kShortMs) + "\n");
    if (!base.started || base.exit_code != 0) {
        f.note = "app with `wait 100`: " + failure(base);
        return f;
    }
    const RunResult idle = run_app(app, scratch, "idle", "wait " + std::to_string(kIdleMs) + "\n");
    if (!idle.started || idle.exit_code != 0) {
        f.note = "app with `wait 3000`: " + failure(idle);
        return f;
    }
    const double extra_wall = idle.wall_ms - base.wall_ms;
    const double extra_cpu = std::max(0.0, idle.cpu_ms - base.cpu_ms);
    if (extra_wall < kIdleMs * 0.5) {
        f.note = fmt("idle run was not longer than the short one (%.0f vs %.0f ms)", idle.wall_ms, base.wall_ms);
        return f;
    }
    const double pct = 100.0 * extra_cpu / extra_wall;
    std::fprintf(stderr, "  idle: wait %d: %.0f ms CPU in %.0f ms; wait %d: %.0f ms CPU in %.0f ms\n", kIdleMs,
                 idle.cpu_ms, idle.wall_ms, kShortMs, base.cpu_ms, base.wall_ms);
    f.measured = fmt("%.2f %% (%.0f ms CPU in %.1f s idle)", pct, extra_cpu, extra_wall / 1000.0);
    f.baseline = fmt("app with `wait %d` %.0f ms CPU", kShortMs, base.cpu_ms);
    f.ratio = fmt("%.2fx", idle.cpu_ms / base.cpu_ms);
    f.measured_ok = true;
    f.pass = pct <= 2.0;
    return f;
}

} // namespace bench
