// `unlock` figures (issue 7): the time to unlock an encrypted store with the app's Argon2id
// parameters, and the save latency of an encrypted store against one without accounts, in the
// same run (goal <= 1.2x).
#include "bench.hpp"

#include "store/crypto.hpp"
#include "store/store.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>

namespace fs = std::filesystem;

namespace bench {

using namespace amorce;

namespace {

constexpr const char* kPin = "482915";

} // namespace

std::vector<Figure> bench_unlock(const std::string& scratch) {
    std::vector<Figure> out;
    const fs::path dir = fs::path(scratch) / "unlock";
    fs::remove_all(dir);

    // 1. Unlock with the app's parameters (KdfParams::standard()): one Argon2id and one unwrap.
    {
        constexpr int kRuns = 7;
        Figure f;
        const store::crypto::KdfParams p = store::crypto::KdfParams::standard();
        f.name = fmt("unlock (Argon2id ops %llu, %zu MiB)", static_cast<unsigned long long>(p.ops), p.mem >> 20);
        f.goal = "~500 ms on a low-end tablet";
        std::string error;
        auto store = store::Store::open((dir / "unlock").string(), &error);
        if (!store || !store->create_admin("admin", "Admin", kPin, &error)) {
            f.note = "cannot create the encrypted store: " + error;
            out.push_back(f);
            return out;
        }
        store.reset();
        store = store::Store::open((dir / "unlock").string(), &error);
        std::vector<double> unlock_ms, verify_ms, raw_ms;
        const std::string salt = store::crypto::random_salt();
        for (int i = 0; i < kRuns; ++i) {
            store->lock();
            double t0 = wall_ms();
            const store::UnlockResult r = store->unlock("admin", kPin);
            unlock_ms.push_back(wall_ms() - t0);
            if (!r.ok()) {
                f.note = "unlock failed: " + r.error;
                out.push_back(f);
                return out;
            }
            t0 = wall_ms();
            store->verify_secret("admin", kPin);
            verify_ms.push_back(wall_ms() - t0);
            t0 = wall_ms();
            const store::crypto::SecretKey k = store::crypto::derive_key(kPin, salt, p);
            raw_ms.push_back(wall_ms() - t0);
        }
        const double u50 = median(unlock_ms), r50 = median(raw_ms);
        std::fprintf(stderr, "  unlock: p50 %.0f ms (max %.0f), verify_secret p50 %.0f ms, bare Argon2id p50 %.0f ms\n",
                     u50, percentile(unlock_ms, 100), median(verify_ms), r50);
        f.measured = fmt("p50 %.0f ms (max %.0f ms)", u50, percentile(unlock_ms, 100));
        f.baseline = fmt("one bare Argon2id %.0f ms", r50);
        f.ratio = fmt("%.2fx", u50 / r50);
        // No tablet here: assume a low-end ARM tablet is 3-4x slower than this machine.
        f.measured_ok = true;
        f.pass = u50 * 3.5 <= 1000 && u50 * 3.5 >= 200;
        out.push_back(f);
    }

    // 2. Save latency, encrypted vs without accounts, alternating blocks so disk noise hits both.
    {
        constexpr int kSaves = 300;
        constexpr int kBlock = 25;
        Figure f;
        f.name = "save latency encrypted";
        f.goal = "p50 <= 1.2x";
        std::string error;
        auto plain = store::Store::open((dir / "plain").string(), &error);
        auto sealed = store::Store::open((dir / "sealed").string(), &error);
        if (!plain || !sealed) {
            f.note = "cannot open the stores: " + error;
            out.push_back(f);
            return out;
        }
        sealed->set_kdf_params(store::crypto::KdfParams::minimum()); // unlock cost is not what is timed here
        if (!sealed->create_admin("admin", "Admin", kPin, &error)) {
            f.note = "create_admin: " + error;
            out.push_back(f);
            return out;
        }
        bench::CommitWaiter plain_done, sealed_done;
        plain->set_commit_hook([&](const auto& rows) { plain_done.on_commit(rows); });
        sealed->set_commit_hook([&](const auto& rows) { sealed_done.on_commit(rows); });
        Rng rng(2);
        core::Session session = fake_session(rng, 4000, core::unix_now());
        const size_t note_pos = session.notes.size() / 2;
        std::vector<double> plain_ms, sealed_ms;
        auto one = [&](store::Store& st, bench::CommitWaiter& c, std::vector<double>& into, int n) -> bool {
            session.notes[note_pos] = static_cast<char>('a' + n % 26);
            ++session.revision;
            c.arm(session.id, session.revision);
            const double t0 = wall_ms();
            st.save_async(session);
            const double t1 = c.wait();
            if (t1 < 0) return false;
            into.push_back(t1 - t0);
            return true;
        };
        for (int done = 0; done < kSaves; done += kBlock) {
            for (int i = 0; i < kBlock; ++i)
                if (!one(*sealed, sealed_done, sealed_ms, done + i)) {
                    f.note = "encrypted commit not reported within 10 s: " + sealed->write_error();
                    out.push_back(f);
                    return out;
                }
            for (int i = 0; i < kBlock; ++i)
                if (!one(*plain, plain_done, plain_ms, done + i)) {
                    f.note = "plain commit not reported within 10 s: " + plain->write_error();
                    out.push_back(f);
                    return out;
                }
        }
        plain->set_commit_hook(nullptr);
        sealed->set_commit_hook(nullptr);
        const double s50 = median(sealed_ms), s99 = percentile(sealed_ms, 99);
        const double p50 = median(plain_ms), p99 = percentile(plain_ms, 99);
        f.measured = fmt("p50 %.2f ms, p99 %.2f ms", s50, s99);
        f.baseline = fmt("no accounts p50 %.2f ms, p99 %.2f ms", p50, p99);
        f.ratio = fmt("p50 %.2fx, p99 %.2fx", s50 / p50, s99 / p99);
        f.measured_ok = true;
        f.pass = s50 / p50 <= 1.2;
        out.push_back(f);
    }
    fs::remove_all(dir);
    return out;
}

} // namespace bench
