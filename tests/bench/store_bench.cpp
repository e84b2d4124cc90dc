// Figure 2: save latency (save_async -> commit hook) vs a raw SQLite insert of the same bytes.
// Figure 3: Store::list() of 10,000 sessions vs a raw SELECT of the same rows.
#include "bench.hpp"

#include "core/serialize.hpp"
#include "store/store.hpp"

#include <sqlite3.h>

#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>

namespace fs = std::filesystem;

namespace bench {

using namespace amorce;

namespace {

// A raw connection configured like the store (WAL, synchronous=FULL).
struct RawDb {
    sqlite3* db = nullptr;
    std::string error;
    explicit RawDb(const std::string& path, bool read_only = false) {
        const int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
            error = db ? sqlite3_errmsg(db) : "out of memory";
            return;
        }
        if (!read_only && (!exec("PRAGMA journal_mode=WAL") || !exec("PRAGMA synchronous=FULL"))) return;
    }
    ~RawDb() { sqlite3_close(db); }
    bool ok() const { return error.empty(); }
    bool exec(const char* sql) {
        char* msg = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) == SQLITE_OK) return true;
        error = msg ? msg : "sqlite error";
        sqlite3_free(msg);
        return false;
    }
};

} // namespace

Figure bench_save_latency(const std::string& scratch) {
    constexpr int kSaves = 300;
    constexpr int kBlock = 25; // alternate store / raw in blocks so disk noise hits both
    Figure f;
    f.name = "save latency";
    f.goal = "p99 <= 3.0x";

    const fs::path dir = fs::path(scratch) / "save";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string error;
    auto store = store::Store::open((dir / "store").string(), &error);
    if (!store) {
        f.note = "cannot open the store: " + error;
        return f;
    }
    CommitWaiter waiter;
    store->set_commit_hook([&](const auto& rows) { waiter.on_commit(rows); });

    Rng rng(2);
    core::Session session = fake_session(rng, 4000, core::unix_now()); // ~4 KB of notes
    const size_t bytes = core::encode_binary(session).size() + core::encode_binary(core::summarize(session, 0)).size() +
                         2 * 16; // both sealed with a 16-byte checksum
    const std::string blob(bytes, 'x');

    RawDb raw((dir / "raw.db").string());
    sqlite3_stmt* insert = nullptr;
    if (!raw.ok() || !raw.exec("CREATE TABLE sessions(id TEXT PRIMARY KEY, data BLOB NOT NULL)") ||
        sqlite3_prepare_v2(raw.db, "INSERT OR REPLACE INTO sessions(id, data) VALUES(?1, ?2)", -1, &insert, nullptr) !=
            SQLITE_OK) {
        f.note = "raw sqlite: " + (raw.error.empty() ? std::string(sqlite3_errmsg(raw.db)) : raw.error);
        return f;
    }

    std::vector<double> store_ms, raw_ms;
    const size_t note_pos = session.notes.size() / 2;
    for (int done = 0; done < kSaves;) {
        for (int i = 0; i < kBlock && done + i < kSaves; ++i) {
            // A one-character edit in the notes, as typing does.
            session.notes[note_pos] = static_cast<char>('a' + (done + i) % 26);
            ++session.revision;
            waiter.arm(session.id, session.revision);
            const double t0 = wall_ms();
            store->save_async(session);
            const double t1 = waiter.wait();
            if (t1 < 0) {
                f.note = "commit hook not called within 10 s (write error: " + store->write_error() + ")";
                sqlite3_finalize(insert);
                return f;
            }
            store_ms.push_back(t1 - t0);
        }
        for (int i = 0; i < kBlock && done + i < kSaves; ++i) {
            const double t0 = wall_ms();
            bool ok = raw.exec("BEGIN IMMEDIATE");
            sqlite3_reset(insert);
            sqlite3_bind_text(insert, 1, session.id.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_blob(insert, 2, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC);
            ok = ok && sqlite3_step(insert) == SQLITE_DONE;
            ok = ok && raw.exec("COMMIT");
            const double t1 = wall_ms();
            if (!ok) {
                f.note = "raw insert failed: " + std::string(sqlite3_errmsg(raw.db));
                sqlite3_finalize(insert);
                return f;
            }
            raw_ms.push_back(t1 - t0);
        }
        done += kBlock;
    }
    sqlite3_finalize(insert);
    store->set_commit_hook(nullptr);

    const double s50 = median(store_ms), s99 = percentile(store_ms, 99);
    const double r50 = median(raw_ms), r99 = percentile(raw_ms, 99);
    std::fprintf(stderr, "  save: %zu saves of %zu bytes; store max %.2f ms, raw max %.2f ms\n", store_ms.size(), bytes,
                 percentile(store_ms, 100), percentile(raw_ms, 100));
    f.measured = fmt("p50 %.2f ms, p99 %.2f ms", s50, s99);
    f.baseline = fmt("raw insert p50 %.2f ms, p99 %.2f ms", r50, r99);
    f.ratio = fmt("p50 %.2fx, p99 %.2fx", s50 / r50, s99 / r99);
    f.measured_ok = true;
    f.pass = s99 / r99 <= 3.0;
    return f;
}

Figure bench_list(const std::string& scratch) {
    constexpr int kSessions = 10000;
    constexpr int kRuns = 5;
    Figure f;
    f.name = "list 10,000";
    f.goal = "<= 50 ms";

    const fs::path dir = fs::path(scratch) / "list";
    fs::remove_all(dir);
    std::string error;
    auto store = store::Store::open(dir.string(), &error);
    if (!store) {
        f.note = "cannot open the store: " + error;
        return f;
    }
    // Fill (not timed): realistic sessions, notes from 0.5 to 6 KB; the writer batches them.
    const double fill0 = wall_ms();
    Rng rng(3);
    const std::int64_t now = core::unix_now();
    for (int i = 0; i < kSessions; ++i)
        store->save_async(fake_session(rng, static_cast<size_t>(rng.range(500, 6000)), now));
    if (!store->flush()) {
        f.note = "filling the store failed: " + store->write_error();
        return f;
    }
    std::fprintf(stderr, "  list: filled %d sessions in %.0f ms (%.1f MB)\n", kSessions, wall_ms() - fill0,
                 static_cast<double>(fs::file_size(store->path())) / 1e6);

    RawDb raw(store->path(), true);
    sqlite3_stmt* select = nullptr;
    if (!raw.ok() || sqlite3_prepare_v2(raw.db, "SELECT id, summary FROM sessions", -1, &select, nullptr) != SQLITE_OK) {
        f.note = "raw sqlite: " + (raw.error.empty() ? std::string(sqlite3_errmsg(raw.db)) : raw.error);
        return f;
    }
    auto raw_list = [&] {
        std::vector<std::pair<std::string, std::string>> rows;
        sqlite3_reset(select);
        while (sqlite3_step(select) == SQLITE_ROW) {
            rows.emplace_back(
                std::string(reinterpret_cast<const char*>(sqlite3_column_text(select, 0)),
                            static_cast<size_t>(sqlite3_column_bytes(select, 0))),
                std::string(static_cast<const char*>(sqlite3_column_blob(select, 1)),
                            static_cast<size_t>(sqlite3_column_bytes(select, 1))));
        }
        return rows.size();
    };

    std::vector<double> list_ms, raw_ms;
    size_t listed = store->list().size(), raw_rows = raw_list(); // warm the page cache for both
    size_t damaged = 0;
    for (int i = 0; i < kRuns; ++i) {
        double t0 = wall_ms();
        const auto list = store->list();
        list_ms.push_back(wall_ms() - t0);
        listed = list.size();
        damaged = 0;
        for (const auto& s : list) damaged += s.damaged ? 1 : 0;
        t0 = wall_ms();
        raw_rows = raw_list();
        raw_ms.push_back(wall_ms() - t0);
    }
    sqlite3_finalize(select);
    if (listed != static_cast<size_t>(kSessions) || raw_rows != listed || damaged != 0) {
        f.note = fmt("list() returned %zu sessions (%zu damaged), raw select %zu, expected %d", listed, damaged,
                     raw_rows, kSessions);
        return f;
    }
    const double l = median(list_ms), r = median(raw_ms);
    f.measured = fmt("%.1f ms median of %d", l, kRuns);
    f.baseline = fmt("raw SELECT id, summary %.1f ms", r);
    f.ratio = fmt("%.1fx", l / r);
    f.measured_ok = true;
    f.pass = l <= 50.0;
    return f;
}

} // namespace bench
