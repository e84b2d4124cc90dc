#include "store/store.hpp"

#include "core/serialize.hpp"
#include "store/sqlite.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <set>
#include <mutex>
#include <thread>

// [SECTION] Schema and migrations
// [SECTION] Opening, damage detection and salvage
// [SECTION] Writer thread
// [SECTION] Reads

namespace fs = std::filesystem;

namespace amorce::store {

using core::Session;
using core::SessionSummary;

// [SECTION] Schema and migrations
namespace {

// migrations[i] upgrades user_version i to i+1. Never edit a released migration: append one.
const char* const kMigrations[] = {
    // 0 -> 1
    R"sql(
    -- The narrow table the session list reads (a few hundred bytes a row, so listing 10,000
    -- sessions touches little of the file); the whole session lives in `payloads`.
    CREATE TABLE sessions(
        id            TEXT PRIMARY KEY,
        status        INTEGER NOT NULL,
        interview_day INTEGER NOT NULL,   -- days since 1970-01-01, sorts by deadline
        updated_at    INTEGER NOT NULL,
        revision      INTEGER NOT NULL,
        summary       BLOB NOT NULL       -- codec-sealed SessionSummary (names never in clear columns)
    );
    CREATE INDEX sessions_by_deadline ON sessions(interview_day, id);
    CREATE TABLE payloads(
        id            TEXT PRIMARY KEY,   -- = sessions.id
        payload       BLOB NOT NULL       -- codec-sealed Session
    );
    CREATE TABLE counsellors(
        id           TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        created_at   INTEGER NOT NULL
    );
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    )sql",
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == Store::kSchemaVersion,
              "one migration per schema version");

void configure(sql::Db& db) {
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA synchronous=FULL");
    db.exec("PRAGMA foreign_keys=ON");
}

// Throws (SQLITE_MISMATCH) when the file comes from a newer release. Called before anything
// writes to the file (even journal_mode=WAL rewrites its header).
int check_not_newer(sql::Db& db) {
    const int found = db.user_version();
    if (found > Store::kSchemaVersion)
        throw sql::Error("database schema " + std::to_string(found) + " is newer than this app (" +
                             std::to_string(Store::kSchemaVersion) + ")",
                         SQLITE_MISMATCH);
    return found;
}

// Returns the version found before migrating. Throws sql::Error on failure, or when the file
// comes from a newer release (we never downgrade a file).
int migrate(sql::Db& db) {
    const int found = check_not_newer(db);
    for (int v = found; v < Store::kSchemaVersion; ++v) {
        db.exec("BEGIN IMMEDIATE");
        try {
            db.exec(kMigrations[v]);
            db.exec(("PRAGMA user_version=" + std::to_string(v + 1)).c_str());
            db.exec("COMMIT");
        } catch (...) {
            db.exec("ROLLBACK");
            throw;
        }
    }
    return found;
}

// Only these mean "the file itself is damaged". Anything else (busy, locked, I/O, read-only,
// full disk, cannot open) must leave the file alone: deleting a live database because another
// process held a lock would lose its data.
bool is_damage(const sql::Error& e) {
    const int primary = e.code & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

// false: the file is damaged. Throws sql::Error for any other failure.
bool quick_check_ok(sql::Db& db) {
    try {
        sql::Stmt s(db, "PRAGMA quick_check");
        return s.step() && s.text(0) == "ok";
    } catch (const sql::Error& e) {
        if (is_damage(e)) return false;
        throw;
    }
}

std::string timestamp_for_file() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
    const core::Date d = core::Date::from_unix(ms / 1000);
    const long long in_day = ms % 86400000;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d-%02lld%02lld%02lld-%03lld", d.year, d.month, d.day, in_day / 3600000,
                  in_day / 60000 % 60, in_day / 1000 % 60, in_day % 1000);
    return buf;
}

// A path in dir that does not exist yet (never overwrite a set-aside file).
fs::path unique_path(const fs::path& dir, const std::string& stem, const std::string& ext) {
    fs::path p = dir / (stem + ext);
    for (int i = 2; fs::exists(p); ++i) p = dir / (stem + "-" + std::to_string(i) + ext);
    return p;
}

struct Row {
    std::string id;
    int status = 0;
    std::int64_t interview_day = 0, updated_at = 0, revision = 0;
    std::string summary, payload;
};

Row make_row_with(const PayloadCodec& codec, const Session& s, std::int64_t now) {
    Row r;
    r.id = s.id;
    r.status = static_cast<int>(s.status);
    r.interview_day = s.interview_date().to_days();
    r.updated_at = now;
    r.revision = static_cast<std::int64_t>(s.revision);
    r.summary = codec.seal(core::encode_binary(core::summarize(s, now)));
    r.payload = codec.seal(core::encode_binary(s));
    return r;
}

} // namespace

// [SECTION] Store::Impl
struct Store::Impl {
    fs::path dir;
    std::string path;
    std::shared_ptr<const PayloadCodec> codec;
    sql::Db read_db;   // UI thread reads
    sql::Db write_db;  // writer thread only (plus synchronous helpers under write_mutex)
    int schema = 0;

    // Writer state
    std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable idle;
    std::map<std::string, Session> pending;  // latest queued state per session
    std::set<std::string> damaged_ids;       // payloads found damaged by load(): listed as damaged
    std::map<std::string, std::string> set_aside; // id -> copy made by set_aside_damaged this run
    bool writing = false;
    bool stop = false;
    std::string last_error;
    CommitHook hook;
    std::thread writer;
    std::mutex write_mutex; // serialises write_db use between the writer and sync calls

    Row make_row(const Session& s, std::int64_t now) const { return make_row_with(*codec, s, now); }

    // Upsert that never lets an older revision replace a newer one: the payload is written
    // only when the index row was (same transaction, so both always match).
    static void write_rows(sql::Db& db, const std::vector<Row>& rows) {
        sql::Stmt st(db, R"sql(
            INSERT INTO sessions(id, status, interview_day, updated_at, revision, summary)
            VALUES(?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT(id) DO UPDATE SET status=excluded.status, interview_day=excluded.interview_day,
                updated_at=excluded.updated_at, revision=excluded.revision, summary=excluded.summary
            WHERE excluded.revision >= sessions.revision)sql");
        sql::Stmt pl(db, "INSERT OR REPLACE INTO payloads(id, payload) VALUES(?1, ?2)");
        for (const Row& r : rows) {
            st.reset();
            st.bind(1, r.id).bind(2, std::int64_t{r.status}).bind(3, r.interview_day).bind(4, r.updated_at);
            st.bind(5, r.revision).bind_blob(6, r.summary);
            st.step();
            if (sqlite3_changes(db.get()) == 0) continue; // an older revision: keep the newer one
            pl.reset();
            pl.bind(1, r.id).bind_blob(2, r.payload);
            pl.step();
        }
    }

    bool commit_rows(const std::vector<Row>& rows, std::string* error) {
        std::lock_guard<std::mutex> lock(write_mutex);
        try {
            write_db.exec("BEGIN IMMEDIATE");
            try {
                write_rows(write_db, rows);
                write_db.exec("COMMIT");
            } catch (...) {
                sqlite3_exec(write_db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
                throw;
            }
            return true;
        } catch (const sql::Error& e) {
            if (error) *error = e.what();
            return false;
        }
    }

    // [SECTION] Writer thread
    void writer_loop() {
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            wake.wait(lock, [&] { return stop || !pending.empty(); });
            if (pending.empty() && stop) break;
            std::map<std::string, Session> batch;
            batch.swap(pending);
            writing = true;
            lock.unlock();

            // Encoding happens here, off the UI thread.
            const std::int64_t now = core::unix_now();
            std::vector<Row> rows;
            rows.reserve(batch.size());
            for (const auto& kv : batch) rows.push_back(make_row(kv.second, now));
            std::string error;
            const bool ok = commit_rows(rows, &error);

            lock.lock();
            writing = false;
            if (ok) {
                last_error.clear();
                if (hook) {
                    // Call a copy: set_commit_hook() may replace `hook` while it runs unlocked.
                    const CommitHook call = hook;
                    std::vector<std::pair<std::string, std::uint64_t>> done;
                    for (const auto& r : rows) done.emplace_back(r.id, static_cast<std::uint64_t>(r.revision));
                    lock.unlock();
                    call(done);
                    lock.lock();
                }
            } else {
                last_error = error;
                // Keep what failed unless a newer state was queued meanwhile; retry shortly.
                for (auto& kv : batch) pending.emplace(kv.first, std::move(kv.second));
                idle.notify_all();
                if (stop) break; // closing: do not spin on a disk that keeps failing
                wake.wait_for(lock, std::chrono::milliseconds(250), [&] { return stop; });
                continue;
            }
            idle.notify_all();
        }
        idle.notify_all();
    }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Store::~Store() {
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        impl_->stop = true;
    }
    impl_->wake.notify_all();
    if (impl_->writer.joinable()) impl_->writer.join();
    // The writer stops retrying at shutdown only when the disk keeps failing: say what is lost
    // rather than lose it silently.
    for (const auto& kv : impl_->pending)
        std::fprintf(stderr, "amorce: session %s (revision %llu) could not be saved: %s\n", kv.first.c_str(),
                     static_cast<unsigned long long>(kv.second.revision), impl_->last_error.c_str());
}

// [SECTION] Opening, damage detection and salvage
namespace {

// Reads every row it can from a damaged database; skips what SQLite refuses. Rows are found
// through the table itself and through both indexes, so one damaged b-tree page does not hide
// rows the others still reach; each row is then read from the table by rowid. *lost counts the
// sessions known to exist (by any of those routes) that could not be read back.
std::vector<Row> salvage(const std::string& path, const PayloadCodec& codec, int* lost) {
    std::map<std::string, Row> found; // by session id
    try {
        sql::Db db(path, true);
        // Read-only connection: this only lets SQLite read a truncated file (header page
        // count larger than the file), it cannot write anything.
        sqlite3_exec(db.get(), "PRAGMA writable_schema=ON", nullptr, nullptr, nullptr);
        // rowid -> session id, through every route given (a table scan and its indexes), each
        // read until SQLite refuses.
        auto collect_rowids = [&db](std::initializer_list<const char*> queries) {
            std::map<std::int64_t, std::string> rows;
            for (const char* q : queries) {
                try {
                    sql::Stmt st(db, q);
                    // rowid <= 0 is never assigned by an INSERT: it comes from a half-readable page.
                    while (st.step())
                        if (st.int64(0) > 0) rows.emplace(st.int64(0), st.text(1));
                } catch (const sql::Error&) {
                }
            }
            return rows;
        };
        const auto known = collect_rowids({"SELECT rowid, id FROM sessions NOT INDEXED",
                                           "SELECT rowid, id FROM sessions INDEXED BY sqlite_autoindex_sessions_1",
                                           "SELECT rowid, id FROM sessions INDEXED BY sessions_by_deadline"});
        std::map<std::string, bool> ids; // every session id seen
        for (const auto& kv : known) ids.emplace(kv.second, false);
        sql::Stmt one(db, "SELECT id, status, interview_day, updated_at, revision, summary "
                          "FROM sessions NOT INDEXED WHERE rowid=?1");
        // Payloads: rowids found through the table and its primary-key index, then each row
        // read alone, so a damaged page loses only the rows on it.
        const auto payload_rows = collect_rowids({"SELECT rowid, id FROM payloads NOT INDEXED",
                                                  "SELECT rowid, id FROM payloads INDEXED BY sqlite_autoindex_payloads_1"});
        std::map<std::string, std::string> payloads; // session id -> sealed payload
        sql::Stmt read_payload(db, "SELECT id, payload FROM payloads NOT INDEXED WHERE rowid=?1");
        for (const auto& kv : payload_rows) {
            try {
                read_payload.reset();
                read_payload.bind(1, kv.first);
                if (read_payload.step()) payloads.emplace(read_payload.text(0), read_payload.blob(1));
            } catch (const sql::Error&) {
            }
            ids.emplace(kv.second, false);
        }
        for (const auto& kv : known) {
            try {
                one.reset();
                one.bind(1, kv.first);
                if (!one.step()) continue;
                Row r;
                r.id = one.text(0);
                r.status = static_cast<int>(one.int64(1));
                r.interview_day = one.int64(2);
                r.updated_at = one.int64(3);
                r.revision = one.int64(4);
                r.summary = one.blob(5);
                const auto payload = payloads.find(r.id);
                if (payload == payloads.end()) continue; // a session without its content is lost
                r.payload = payload->second;
                auto it = found.find(r.id);
                if (it == found.end() || it->second.revision < r.revision) found[r.id] = std::move(r);
            } catch (const sql::Error&) {
            }
        }
        // A payload whose index row is gone still holds the whole session: rebuild the row.
        for (const auto& kv : payloads) {
            if (found.count(kv.first)) continue;
            ids.emplace(kv.first, false);
            const std::optional<std::string> plain = codec.open(kv.second);
            if (!plain) continue;
            try {
                const Session s = core::decode_binary(*plain);
                if (s.id == kv.first) found[s.id] = make_row_with(codec, s, core::unix_now());
            } catch (const core::DecodeError&) {
            }
        }
        for (const auto& kv : ids)
            if (!found.count(kv.first)) ++*lost;
    } catch (const sql::Error&) {
    }
    std::vector<Row> rows;
    for (auto& kv : found) rows.push_back(std::move(kv.second));
    return rows;
}

// Counsellors and settings (meta): read what can be read, as (table, c1, c2, c3) rows.
std::vector<std::vector<std::string>> salvage_small_tables(const std::string& path) {
    std::vector<std::vector<std::string>> out;
    try {
        sql::Db db(path, true);
        sqlite3_exec(db.get(), "PRAGMA writable_schema=ON", nullptr, nullptr, nullptr);
        try {
            sql::Stmt st(db, "SELECT id, display_name, created_at FROM counsellors");
            while (st.step()) out.push_back({"counsellors", st.text(0), st.text(1), std::to_string(st.int64(2))});
        } catch (const sql::Error&) {
        }
        try {
            sql::Stmt st(db, "SELECT key, value FROM meta");
            while (st.step()) out.push_back({"meta", st.text(0), st.text(1), ""});
        } catch (const sql::Error&) {
        }
    } catch (const sql::Error&) {
    }
    return out;
}

void restore_small_tables(sql::Db& db, const std::vector<std::vector<std::string>>& rows) {
    sql::Stmt c(db, "INSERT OR REPLACE INTO counsellors(id, display_name, created_at) VALUES(?1, ?2, ?3)");
    sql::Stmt m(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)");
    for (const auto& r : rows) {
        if (r[0] == "counsellors") {
            c.reset();
            c.bind(1, r[1]).bind(2, r[2]).bind(3, static_cast<std::int64_t>(std::atoll(r[3].c_str()))).step();
        } else {
            m.reset();
            m.bind(1, r[1]).bind(2, r[2]).step();
        }
    }
}

} // namespace

std::unique_ptr<Store> Store::open(const std::string& dir_arg, std::string* error, OpenReport* report,
                                   std::shared_ptr<const PayloadCodec> codec) {
    if (sodium_init() < 0) {
        if (error) *error = "libsodium failed to initialise";
        return nullptr;
    }
    OpenReport local_report;
    OpenReport& rep = report ? *report : local_report;
    rep = OpenReport{};

    auto impl = std::make_unique<Impl>();
    impl->dir = fs::path(dir_arg);
    impl->codec = codec ? std::move(codec) : std::make_shared<ChecksumCodec>();
    std::error_code ec;
    fs::create_directories(impl->dir, ec);
    if (ec) {
        if (error) *error = "cannot create data folder " + dir_arg + ": " + ec.message();
        return nullptr;
    }
    impl->path = (impl->dir / kFileName).string();

    auto try_open = [&](std::string* why) -> bool {
        try {
            sql::Db db(impl->path);
            if (!quick_check_ok(db)) {
                *why = "integrity check failed";
                return false;
            }
            check_not_newer(db);
            configure(db);
            migrate(db);
            impl->schema = db.user_version();
            impl->write_db = std::move(db);
            impl->read_db = sql::Db(impl->path);
            return true;
        } catch (const sql::Error& e) {
            *why = e.what();
            if (!is_damage(e)) throw; // newer file, busy, locked, I/O...: never touch it
            return false;
        }
    };

    std::string why;
    try {
        if (!try_open(&why)) {
            // Set the damaged file aside (with its WAL), salvage, start a fresh file.
            rep.database_was_damaged = true;
            const fs::path aside_dir = impl->dir / "damaged";
            fs::create_directories(aside_dir, ec);
            const fs::path copy = unique_path(aside_dir, "amorce-" + timestamp_for_file(), ".db");
            fs::copy_file(impl->path, copy, ec);
            if (ec) {
                if (error) *error = "database damaged (" + why + ") and cannot be copied aside: " + ec.message();
                return nullptr;
            }
            // The WAL holds the most recent commits: without a copy of it, do not go on.
            for (const char* suffix : {"-wal", "-shm"}) {
                if (!fs::exists(impl->path + suffix)) continue;
                fs::copy_file(impl->path + suffix, copy.string() + suffix, ec);
                if (ec) {
                    if (error)
                        *error = "database damaged (" + why + ") and its " + suffix + " file cannot be copied aside: " +
                                 ec.message();
                    return nullptr;
                }
            }
            rep.damaged_copy = copy.string();
            std::vector<Row> rows = salvage(copy.string(), *impl->codec, &rep.lost_sessions);
            const std::vector<std::vector<std::string>> extra = salvage_small_tables(copy.string());
            fs::remove(impl->path, ec);
            fs::remove(impl->path + "-wal", ec);
            fs::remove(impl->path + "-shm", ec);
            if (!try_open(&why)) {
                if (error) *error = "cannot create a new database: " + why;
                return nullptr;
            }
            try {
                impl->write_db.exec("BEGIN IMMEDIATE");
                Impl::write_rows(impl->write_db, rows);
                restore_small_tables(impl->write_db, extra);
                impl->write_db.exec("COMMIT");
                rep.salvaged_sessions = static_cast<int>(rows.size());
            } catch (const sql::Error&) {
                sqlite3_exec(impl->write_db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
                rep.lost_sessions += static_cast<int>(rows.size());
            }
        }
    } catch (const sql::Error& e) {
        if (error) *error = e.what();
        return nullptr;
    }

    Impl* raw = impl.get();
    impl->writer = std::thread([raw] { raw->writer_loop(); });
    return std::unique_ptr<Store>(new Store(std::move(impl)));
}

const std::string& Store::path() const { return impl_->path; }
int Store::schema_version() const { return impl_->schema; }

// [SECTION] Writes
void Store::save_async(const core::Session& session) {
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        auto it = impl_->pending.find(session.id);
        if (it == impl_->pending.end()) impl_->pending.emplace(session.id, session);
        else if (it->second.revision <= session.revision) it->second = session;
    }
    impl_->wake.notify_one();
}

bool Store::flush() {
    std::unique_lock<std::mutex> lock(impl_->mutex);
    impl_->idle.wait(lock, [&] {
        return (impl_->pending.empty() && !impl_->writing) || !impl_->last_error.empty();
    });
    return impl_->pending.empty() && impl_->last_error.empty();
}

bool Store::save_now(const core::Session& session, std::string* error) {
    std::vector<Row> rows{impl_->make_row(session, core::unix_now())};
    return impl_->commit_rows(rows, error);
}

bool Store::remove(const std::string& id, std::string* error) {
    std::lock_guard<std::mutex> lock(impl_->write_mutex);
    try {
        impl_->write_db.exec("BEGIN IMMEDIATE");
        try {
            sql::Stmt st(impl_->write_db, "DELETE FROM sessions WHERE id=?1");
            st.bind(1, id).step();
            sql::Stmt pl(impl_->write_db, "DELETE FROM payloads WHERE id=?1");
            pl.bind(1, id).step();
            impl_->write_db.exec("COMMIT");
        } catch (...) {
            sqlite3_exec(impl_->write_db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
        return true;
    } catch (const sql::Error& e) {
        if (error) *error = e.what();
        return false;
    }
}

std::string Store::write_error() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->last_error;
}

void Store::set_commit_hook(CommitHook hook) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->hook = std::move(hook);
}

// [SECTION] Reads
std::vector<SessionSummary> Store::list() const {
    // Only the small summaries are read and verified here: checking every payload would read
    // and hash the whole database on each listing (10,000 sessions must list in < 50 ms). A
    // damaged payload is found when the session is opened, and remembered from then on.
    std::vector<SessionSummary> out;
    std::set<std::string> known_damaged;
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        known_damaged = impl_->damaged_ids;
    }
    try {
        sql::Stmt st(impl_->read_db,
                     "SELECT id, status, interview_day, updated_at, revision, summary "
                     "FROM sessions ORDER BY interview_day, id");
        while (st.step()) {
            SessionSummary s;
            std::string id = st.text(0);
            std::optional<std::string> plain = impl_->codec->open(st.blob(5));
            bool ok = false;
            if (plain && known_damaged.count(id) == 0) {
                try {
                    s = core::decode_summary_binary(*plain);
                    ok = true;
                } catch (const core::DecodeError&) {
                }
            }
            if (!ok) {
                s = SessionSummary{};
                s.damaged = true;
            }
            s.id = std::move(id);
            s.status = static_cast<core::SessionStatus>(std::clamp<std::int64_t>(st.int64(1), 0, 2));
            s.interview_date = core::Date::from_days(st.int64(2));
            s.updated_at = st.int64(3);
            s.revision = static_cast<std::uint64_t>(st.int64(4));
            out.push_back(std::move(s));
        }
    } catch (const sql::Error&) {
    }
    return out;
}

std::optional<Session> Store::load(const std::string& id, std::string* error, bool* damaged) const {
    if (damaged) *damaged = false;
    auto mark_damaged = [&](const std::string& why) -> std::optional<Session> {
        {
            std::lock_guard<std::mutex> lock(impl_->mutex);
            impl_->damaged_ids.insert(id);
        }
        if (damaged) *damaged = true;
        if (error) *error = why;
        return std::nullopt;
    };
    try {
        sql::Stmt st(impl_->read_db, "SELECT payload FROM payloads WHERE id=?1");
        st.bind(1, id);
        if (!st.step()) {
            sql::Stmt listed(impl_->read_db, "SELECT 1 FROM sessions WHERE id=?1");
            listed.bind(1, id);
            if (listed.step()) return mark_damaged("session " + id + " is damaged (its content is missing)");
            if (error) *error = "no session " + id;
            return std::nullopt;
        }
        std::optional<std::string> plain = impl_->codec->open(st.blob(0));
        if (!plain) return mark_damaged("session " + id + " is damaged (checksum mismatch)");
        return core::decode_binary(*plain);
    } catch (const sql::Error& e) {
        if (error) *error = e.what();
    } catch (const core::DecodeError& e) {
        return mark_damaged("session " + id + " is damaged (" + e.what() + ")");
    }
    return std::nullopt;
}

std::string Store::set_aside_damaged(const std::string& id) const {
    {
        // One copy per damaged row and run: tapping it again must not fill the disk.
        std::lock_guard<std::mutex> lock(impl_->mutex);
        auto done = impl_->set_aside.find(id);
        if (done != impl_->set_aside.end()) return done->second;
    }
    try {
        sql::Stmt st(impl_->read_db,
                     "SELECT s.summary, p.payload FROM sessions s LEFT JOIN payloads p ON p.id = s.id WHERE s.id=?1");
        st.bind(1, id);
        if (!st.step()) return {};
        std::error_code ec;
        const fs::path dir = impl_->dir / "damaged";
        fs::create_directories(dir, ec);
        const fs::path p = unique_path(dir, id + "-" + timestamp_for_file(), ".bin");
        FILE* f = std::fopen(p.string().c_str(), "wbx");
        if (!f) return {};
        const std::string a = st.blob(0), b = st.blob(1);
        std::fwrite(a.data(), 1, a.size(), f);
        std::fwrite(b.data(), 1, b.size(), f);
        std::fclose(f);
        std::lock_guard<std::mutex> lock(impl_->mutex);
        impl_->set_aside[id] = p.string();
        return p.string();
    } catch (const sql::Error&) {
        return {};
    }
}

std::vector<Counsellor> Store::counsellors() const {
    std::vector<Counsellor> out;
    try {
        sql::Stmt st(impl_->read_db, "SELECT id, display_name FROM counsellors ORDER BY created_at, id");
        while (st.step()) out.push_back(Counsellor{st.text(0), st.text(1)});
    } catch (const sql::Error&) {
    }
    return out;
}

bool Store::add_counsellor(const Counsellor& c, std::string* error) {
    std::lock_guard<std::mutex> lock(impl_->write_mutex);
    try {
        sql::Stmt st(impl_->write_db,
                     "INSERT OR REPLACE INTO counsellors(id, display_name, created_at) VALUES(?1, ?2, ?3)");
        st.bind(1, c.id).bind(2, c.display_name).bind(3, core::unix_now()).step();
        return true;
    } catch (const sql::Error& e) {
        if (error) *error = e.what();
        return false;
    }
}

std::optional<std::string> Store::meta(const std::string& key) const {
    try {
        sql::Stmt st(impl_->read_db, "SELECT value FROM meta WHERE key=?1");
        st.bind(1, key);
        if (st.step()) return st.text(0);
    } catch (const sql::Error&) {
    }
    return std::nullopt;
}

bool Store::set_meta(const std::string& key, const std::string& value) {
    std::lock_guard<std::mutex> lock(impl_->write_mutex);
    try {
        sql::Stmt st(impl_->write_db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)");
        st.bind(1, key).bind(2, value).step();
        return true;
    } catch (const sql::Error&) {
        return false;
    }
}

} // namespace amorce::store
