#include "store/store.hpp"

#include "core/serialize.hpp"
#include "store/sqlite.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iterator>
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

// Per connection: deleted or replaced content is overwritten with zeros, and SQLite's own
// temporary data (sorts, statement journals, VACUUM's copy) stays in memory, never in a file.
void configure_private(sql::Db& db) {
    db.exec("PRAGMA secure_delete=ON");
    db.exec("PRAGMA temp_store=MEMORY");
}

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
    // 1 -> 2 (issue 7): accounts and the recovery wrap. No row until create_admin(): until then
    // the file is used exactly as schema 1 (ChecksumCodec payloads).
    R"sql(
    CREATE TABLE accounts(
        id              TEXT PRIMARY KEY,
        display_name    TEXT NOT NULL,
        role            TEXT NOT NULL CHECK(role IN ('admin', 'counsellor')),
        secret_hash     TEXT NOT NULL,    -- Argon2id (crypto_pwhash_str), carries its own salt and cost
        kdf_salt        BLOB NOT NULL,    -- Argon2id salt of the key that wraps the database key
        kdf_ops         INTEGER NOT NULL,
        kdf_mem         INTEGER NOT NULL,
        wrapped_key     BLOB NOT NULL,    -- the database key, XChaCha20-Poly1305 under that key
        failures        INTEGER NOT NULL DEFAULT 0, -- consecutive failed attempts
        last_failure_at INTEGER NOT NULL DEFAULT 0,
        locked          INTEGER NOT NULL DEFAULT 0,
        created_at      INTEGER NOT NULL
    );
    CREATE TABLE key_wraps(                -- other wraps of the database key: 'recovery'
        name        TEXT PRIMARY KEY,
        kdf_salt    BLOB NOT NULL,
        kdf_ops     INTEGER NOT NULL,
        kdf_mem     INTEGER NOT NULL,
        wrapped_key BLOB NOT NULL,
        created_at  INTEGER NOT NULL
    );
    )sql",
    // 2 -> 3 (issue 7): the audit log (AuditLog::schema_sql(), run after this), the entries
    // made while the store is locked, waiting to be chained, and the export date for retention.
    R"sql(
    CREATE TABLE audit_pending(            -- e.g. a failed login: no key to chain it with yet
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        at     INTEGER NOT NULL,
        who    TEXT NOT NULL,
        what   TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    ALTER TABLE sessions ADD COLUMN exported_at INTEGER NOT NULL DEFAULT 0; -- unix seconds, 0: never
    )sql",
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == Store::kSchemaVersion,
              "one migration per schema version");

void configure(sql::Db& db) {
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA synchronous=FULL");
    db.exec("PRAGMA foreign_keys=ON");
    configure_private(db);
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
            // The audit tables are defined once, beside the code that chains them; their
            // statements are CREATE ... IF NOT EXISTS, so a later change needs a new migration.
            if (v == 2) db.exec(AuditLog::schema_sql());
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

// Associated data of a row's sealed bytes: moved to another row or column, they do not open.
std::string summary_ad(const std::string& id) { return "summary:" + id; }
std::string payload_ad(const std::string& id) { return "payload:" + id; }

Row make_row_with(const PayloadCodec& codec, const Session& s, std::int64_t now) {
    Row r;
    r.id = s.id;
    r.status = static_cast<int>(s.status);
    r.interview_day = s.interview_date().to_days();
    r.updated_at = now;
    r.revision = static_cast<std::int64_t>(s.revision);
    r.summary = codec.seal(core::encode_binary(core::summarize(s, now)), summary_ad(s.id));
    r.payload = codec.seal(core::encode_binary(s), payload_ad(s.id));
    return r;
}

} // namespace

bool erase_file(const std::string& path) {
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > 0) {
        std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
        const std::string zeros(static_cast<size_t>(std::min<std::uintmax_t>(size, 1u << 20)), '\0');
        for (std::uintmax_t done = 0; f && done < size; done += zeros.size())
            f.write(zeros.data(), static_cast<std::streamsize>(std::min<std::uintmax_t>(zeros.size(), size - done)));
        f.flush();
    }
    fs::remove(path, ec);
    return !fs::exists(path, ec);
}

int erase_files_in(const std::string& dir) {
    std::error_code ec;
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file(ec)) files.push_back(entry.path().string());
    int n = 0;
    for (const std::string& f : files) n += erase_file(f) ? 1 : 0;
    return n;
}

// [SECTION] Store::Impl
namespace {
constexpr const char* kLockedError = "the store is locked: unlock it with a counsellor's secret";
// The actor of what is done with the recovery key: account ids never contain '#'.
constexpr const char* kRecoveryActor = "#recovery";
constexpr std::int64_t kAuditCoalesceSeconds = 60;
} // namespace

struct Store::Impl {
    fs::path dir;
    std::string path;
    sql::Db read_db;   // UI thread reads
    sql::Db write_db;  // writer thread only (plus synchronous helpers under write_mutex)
    int schema = 0;

    // Lock order: write_mutex, then mutex; auth_mutex before both.
    std::mutex write_mutex; // serialises write_db use between the writer and sync calls
    std::mutex auth_mutex;  // one attempt with a secret, or one account change, at a time
    std::mutex mutex;       // everything below

    // Encryption state. `codec` is what rows are sealed and opened with now: plain_codec with
    // no accounts, an EncryptingCodec while unlocked, null while locked. It changes only under
    // write_mutex and mutex, so a writer holding write_mutex seals with one codec throughout.
    std::shared_ptr<const PayloadCodec> plain_codec;
    std::shared_ptr<const PayloadCodec> codec;
    std::shared_ptr<const crypto::SecretKey> key; // the database key while unlocked
    bool encrypted = false;
    std::optional<Account> current;
    bool by_recovery = false;
    crypto::KdfParams kdf = crypto::KdfParams::standard();
    std::function<std::int64_t()> clock; // empty: core::unix_now
    std::string audit_key; // AuditLog::derive_key(database key) while unlocked, else empty

    // Audit entries queued by Store::audit(), committed by the writer with the next batch.
    std::vector<AuditEntry> audit_queue;
    AuditEntry last_queued; // the last entry accepted by Store::audit(), for coalescing

    // Writer state
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

    std::shared_ptr<const PayloadCodec> current_codec() {
        std::lock_guard<std::mutex> lock(mutex);
        return codec;
    }

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

    // Runs fn inside BEGIN IMMEDIATE ... COMMIT on write_db (the caller holds write_mutex).
    template <typename Fn>
    bool transaction(Fn&& fn, std::string* error) {
        try {
            write_db.exec("BEGIN IMMEDIATE");
            try {
                fn();
                write_db.exec("COMMIT");
            } catch (...) {
                sqlite3_exec(write_db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
                throw;
            }
            return true;
        } catch (const sql::Error& e) {
            if (error) *error = e.what();
            return false;
        } catch (const std::exception& e) {
            if (error) *error = e.what();
            return false;
        }
    }

    // Seals the sessions with the current codec and commits them. false + kLockedError while locked.
    // Queued audit entries go in the same transaction, after the rows.
    bool seal_and_commit(const std::vector<const Session*>& sessions, std::vector<Row>* committed, std::string* error,
                         const std::vector<AuditEntry>* entries = nullptr) {
        std::lock_guard<std::mutex> lock(write_mutex);
        const std::shared_ptr<const PayloadCodec> c = current_codec();
        if (!c) {
            if (error) *error = kLockedError;
            return false;
        }
        const std::int64_t now = core::unix_now();
        std::vector<Row> rows;
        rows.reserve(sessions.size());
        for (const Session* s : sessions) rows.push_back(make_row_with(*c, *s, now));
        if (!transaction(
                [&] {
                    write_rows(write_db, rows);
                    if (entries)
                        for (const AuditEntry& e : *entries) write_audit(e);
                },
                error))
            return false;
        if (committed) *committed = std::move(rows);
        return true;
    }

    // [SECTION] Writer thread
    void writer_loop() {
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            wake.wait(lock, [&] { return stop || !pending.empty() || !audit_queue.empty(); });
            if (pending.empty() && audit_queue.empty() && stop) break;
            std::map<std::string, Session> batch;
            batch.swap(pending);
            std::vector<AuditEntry> entries;
            entries.swap(audit_queue);
            writing = true;
            lock.unlock();

            // Encoding and encryption happen here, off the UI thread.
            std::vector<const Session*> sessions;
            sessions.reserve(batch.size());
            for (const auto& kv : batch) sessions.push_back(&kv.second);
            std::vector<Row> rows;
            std::string error;
            const bool ok = seal_and_commit(sessions, &rows, &error, &entries);

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
                // Keep what failed unless a newer state was queued meanwhile; retry shortly
                // (locked: at the next unlock).
                for (auto& kv : batch) pending.emplace(kv.first, std::move(kv.second));
                entries.insert(entries.end(), std::make_move_iterator(audit_queue.begin()),
                               std::make_move_iterator(audit_queue.end()));
                audit_queue = std::move(entries); // the older entries first, as they were queued
                idle.notify_all();
                if (stop) break; // closing: do not spin on a disk that keeps failing
                if (!codec) wake.wait(lock, [&] { return stop || codec != nullptr; });
                else wake.wait_for(lock, std::chrono::milliseconds(250), [&] { return stop; });
                continue;
            }
            idle.notify_all();
        }
        idle.notify_all();
    }

    // Copies set aside in DIR/damaged/ before the store was encrypted hold sessions in clear:
    // each becomes NAME.sealed (XChaCha20-Poly1305 under the database key, the file name as
    // associated data), and the clear file is overwritten with zeros, then removed. Best effort,
    // reported on stderr: a copy that cannot be sealed is left as it was (never lost).
    void seal_damaged_copies(const crypto::SecretKey& k) {
        const fs::path aside = dir / "damaged";
        std::error_code ec;
        if (!fs::is_directory(aside, ec)) return;
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(aside, ec))
            if (entry.is_regular_file() && entry.path().extension() != ".sealed") files.push_back(entry.path());
        for (const fs::path& f : files) {
            std::string bytes;
            {
                std::ifstream in(f, std::ios::binary);
                bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
                if (!in.good() && !in.eof()) continue;
            }
            const std::string sealed = crypto::aead_seal(k, bytes, "damaged:" + f.filename().string());
            const fs::path out = f.string() + ".sealed", tmp = f.string() + ".sealed.tmp";
            bool ok = !sealed.empty();
            if (ok) {
                std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
                o.write(sealed.data(), static_cast<std::streamsize>(sealed.size()));
                o.flush();
                ok = o.good();
            }
            if (ok) fs::rename(tmp, out, ec);
            if (!ok || ec) {
                fs::remove(tmp, ec);
                std::fprintf(stderr, "amorce: %s could not be encrypted; it stays as it was\n", f.string().c_str());
                continue;
            }
            sodium_memzero(bytes.data(), bytes.size());
            erase_file(f.string());
        }
    }

    // [SECTION] Audit (internal)
    // Free text in an entry's detail, sealed: "enc:" + base64(XChaCha20-Poly1305 under a key
    // derived from the database key, the target as associated data). Cut to 100 bytes first so
    // the sealed text fits the log's 200-byte detail.
    static constexpr const char* kSealedDetailPrefix = "enc:";
    std::string seal_detail(const std::string& text, const std::string& target) {
        std::shared_ptr<const crypto::SecretKey> k;
        {
            std::lock_guard<std::mutex> lock(mutex);
            k = key;
        }
        if (!k) return "";
        const crypto::SecretKey dk = crypto::derive_subkey(*k, "auditdtl");
        const std::string sealed = crypto::aead_seal(dk, sanitize_audit_text(text, 100), "audit:" + target);
        if (sealed.empty()) return "";
        std::string b64(sodium_base64_encoded_len(sealed.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
        sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size(),
                          sodium_base64_VARIANT_ORIGINAL);
        b64.resize(std::strlen(b64.c_str()));
        return kSealedDetailPrefix + b64;
    }
    std::string open_detail(const std::string& detail, const std::string& target) {
        if (detail.rfind(kSealedDetailPrefix, 0) != 0) return detail;
        std::shared_ptr<const crypto::SecretKey> k;
        {
            std::lock_guard<std::mutex> lock(mutex);
            k = key;
        }
        const std::string b64 = detail.substr(std::strlen(kSealedDetailPrefix));
        std::string bin(b64.size(), '\0');
        size_t len = 0;
        if (!k || sodium_base642bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), b64.c_str(), b64.size(),
                                    nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
            return detail;
        bin.resize(len);
        const std::optional<std::string> plain =
            crypto::aead_open(crypto::derive_subkey(*k, "auditdtl"), bin, "audit:" + target);
        return plain ? *plain : detail;
    }

    std::string audit_key_now() {
        std::lock_guard<std::mutex> lock(mutex);
        return audit_key;
    }
    // The account that unlocked the store, as an audit actor.
    std::string actor() {
        std::lock_guard<std::mutex> lock(mutex);
        if (!key) return "";
        if (by_recovery) return kRecoveryActor;
        return current ? current->id : "";
    }
    // Writes one entry on write_db (the caller holds write_mutex; inside a transaction or not):
    // chained when the key is there, else kept in audit_pending until the next unlock.
    void write_audit(AuditEntry e) {
        if (e.at == 0) e.at = now();
        const std::string k = audit_key_now();
        if (!k.empty()) {
            AuditLog(write_db, k).append(std::move(e));
            return;
        }
        sql::Stmt st(write_db, "INSERT INTO audit_pending(at, who, what, target, detail) VALUES(?1, ?2, ?3, ?4, ?5)");
        st.bind(1, e.at).bind(2, sanitize_audit_text(e.who, AuditLog::kMaxIdBytes)).bind(3, e.what);
        st.bind(4, sanitize_audit_text(e.target, AuditLog::kMaxIdBytes)).bind(5, sanitize_audit_text(e.detail));
        st.step();
    }
    // Best effort outside a transaction of the caller's: an entry that cannot be written must
    // not turn a done operation into a failure (the store's write error says what happened).
    void write_audit_logged(AuditEntry e) {
        try {
            write_audit(std::move(e));
        } catch (const std::exception& ex) {
            std::fprintf(stderr, "amorce: audit entry not written: %s\n", ex.what());
        }
    }
    // Chains the entries made while locked (the caller holds write_mutex, the key is installed).
    void drain_pending_audit() {
        const std::string k = audit_key_now();
        if (k.empty()) return;
        std::vector<AuditEntry> waiting;
        std::vector<std::int64_t> ids;
        {
            sql::Stmt st(write_db, "SELECT id, at, who, what, target, detail FROM audit_pending ORDER BY id");
            while (st.step()) {
                ids.push_back(st.int64(0));
                AuditEntry e;
                e.at = st.int64(1);
                e.who = st.text(2);
                e.what = st.text(3);
                e.target = st.text(4);
                e.detail = st.text(5);
                waiting.push_back(std::move(e));
            }
        }
        if (waiting.empty()) return;
        AuditLog log(write_db, k);
        sql::Stmt del(write_db, "DELETE FROM audit_pending WHERE id=?1");
        for (std::size_t i = 0; i < waiting.size(); ++i) {
            if (!is_audit_kind(waiting[i].what)) waiting[i].what = audit_kind::kLoginFailed; // never lose a row
            log.append(waiting[i]);
            del.reset();
            del.bind(1, ids[i]).step();
        }
    }
    std::int64_t now() {
        std::function<std::int64_t()> clock_fn;
        {
            std::lock_guard<std::mutex> lock(mutex);
            clock_fn = clock;
        }
        return clock_fn ? clock_fn() : core::unix_now();
    }

    // [SECTION] Accounts (internal)
    struct AccountRow {
        Account account;
        std::string hash;
        crypto::WrappedKey wrap;
    };
    std::optional<AccountRow> read_account(const std::string& id);
    // Counts an attempt before checking it (a crash or a kill during Argon2id cannot reset the
    // count), then clears it if `check` succeeds.
    // `purpose` goes into the audit entry of a failure ("unlock", "verify", "change").
    // may_lock false (leaving the shared mode): throttled the same, never locked, so that the
    // person left with the tablet cannot block the counsellor's account by typing wrong codes.
    UnlockResult attempt(const std::string& id, const std::function<bool(const AccountRow&)>& check,
                         const char* purpose, bool may_lock = true);
    // Installs the key, chains the entries kept while locked, then appends `event` (login_ok...).
    void install_key(std::shared_ptr<const crypto::SecretKey> k, std::optional<Account> who, bool recovery,
                     const AuditEntry& event);
    bool admin_allowed(std::string* error);
    bool checkpoint_truncate(std::string* error);
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
            const std::optional<std::string> plain = codec.open(kv.second, payload_ad(kv.first));
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

// The small tables of a damaged file, copied into the fresh one row by row (whatever can be
// read): counsellors, settings, and the accounts and recovery wrap without which an encrypted
// store's sessions could never be opened again. A table missing from an older file is skipped.
void restore_small_tables(sql::Db& fresh, const std::string& damaged_path) {
    static const char* const kTables[][2] = {
        {"counsellors", "id, display_name, created_at"},
        {"meta", "key, value"},
        {"accounts", "id, display_name, role, secret_hash, kdf_salt, kdf_ops, kdf_mem, wrapped_key, failures, "
                     "last_failure_at, locked, created_at"},
        {"key_wraps", "name, kdf_salt, kdf_ops, kdf_mem, wrapped_key, created_at"},
        // The chain as it was (verify() then reports what the damage took).
        {"audit", "seq, at, who, what, target, detail, prev_hash, hash"},
        {"audit_head", "id, seq, hash, broken_at, mac"},
        {"audit_pending", "id, at, who, what, target, detail"},
    };
    try {
        sql::Db old(damaged_path, true);
        sqlite3_exec(old.get(), "PRAGMA writable_schema=ON", nullptr, nullptr, nullptr);
        for (const auto& t : kTables) {
            const std::string cols = t[1];
            const int n = 1 + static_cast<int>(std::count(cols.begin(), cols.end(), ','));
            std::string marks;
            for (int i = 1; i <= n; ++i) marks += (i > 1 ? ", ?" : "?") + std::to_string(i);
            try {
                sql::Stmt from(old, ("SELECT " + cols + " FROM " + t[0]).c_str());
                sql::Stmt to(fresh, ("INSERT OR REPLACE INTO " + std::string(t[0]) + "(" + cols + ") VALUES(" + marks + ")").c_str());
                while (from.step()) {
                    to.reset();
                    for (int i = 0; i < n; ++i) to.bind_value(i + 1, from.value(i));
                    try {
                        to.step();
                    } catch (const sql::Error&) {
                    }
                }
            } catch (const sql::Error&) {
            }
        }
    } catch (const sql::Error&) {
    }
}

bool has_account_rows(sql::Db& db) {
    sql::Stmt st(db, "SELECT EXISTS(SELECT 1 FROM accounts)");
    return st.step() && st.int64(0) != 0;
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
    impl->plain_codec = codec ? std::move(codec) : std::make_shared<ChecksumCodec>();
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
            configure_private(impl->read_db);
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
            std::vector<Row> rows = salvage(copy.string(), *impl->plain_codec, &rep.lost_sessions);
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
                restore_small_tables(impl->write_db, copy.string());
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

    try {
        impl->encrypted = has_account_rows(impl->write_db);
    } catch (const sql::Error& e) {
        if (error) *error = e.what();
        return nullptr;
    }
    // Encrypted: locked until unlock(). Otherwise sessions are sealed as they always were.
    impl->codec = impl->encrypted ? nullptr : impl->plain_codec;

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
        return (impl_->pending.empty() && impl_->audit_queue.empty() && !impl_->writing) ||
               !impl_->last_error.empty();
    });
    return impl_->pending.empty() && impl_->audit_queue.empty() && impl_->last_error.empty();
}

bool Store::save_now(const core::Session& session, std::string* error) {
    return impl_->seal_and_commit({&session}, nullptr, error);
}

bool Store::Impl::checkpoint_truncate(std::string* error) {
    try {
        // Copies the WAL into the file and truncates the WAL to nothing (old frames included).
        sql::Stmt st(write_db, "PRAGMA wal_checkpoint(TRUNCATE)");
        if (st.step() && st.int64(0) != 0) {
            if (error) *error = "the WAL could not be emptied (a reader is still busy)";
            return false;
        }
        return true;
    } catch (const sql::Error& e) {
        if (error) *error = e.what();
        return false;
    }
}

bool Store::remove(const std::string& id, std::string* error) {
    std::lock_guard<std::mutex> lock(impl_->write_mutex);
    if (!impl_->current_codec()) {
        if (error) *error = kLockedError;
        return false;
    }
    const bool ok = impl_->transaction(
        [&] {
            sql::Stmt st(impl_->write_db, "DELETE FROM sessions WHERE id=?1");
            st.bind(1, id).step();
            sql::Stmt pl(impl_->write_db, "DELETE FROM payloads WHERE id=?1");
            pl.bind(1, id).step();
            impl_->write_audit({0, 0, impl_->actor(), audit_kind::kPurge, id, "deleted", {}, {}});
        },
        error);
    // secure_delete zeroed the rows in the pages; the WAL still holds frames with them until
    // it is checkpointed and truncated. Best effort: the deletion itself is done.
    if (ok) impl_->checkpoint_truncate(nullptr);
    return ok;
}

bool Store::purge(std::string* error) {
    std::lock_guard<std::mutex> lock(impl_->write_mutex);
    if (!impl_->checkpoint_truncate(error)) return false;
    try {
        impl_->write_db.exec("VACUUM");
    } catch (const sql::Error& e) {
        if (error) *error = e.what();
        return false;
    }
    return impl_->checkpoint_truncate(error);
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
std::vector<SessionSummary> Store::list(std::string* error) const {
    // Only the small summaries are read and verified here: checking every payload would read
    // and hash the whole database on each listing (10,000 sessions must list in < 50 ms). A
    // damaged payload is found when the session is opened, and remembered from then on.
    std::vector<SessionSummary> out;
    const std::shared_ptr<const PayloadCodec> codec = impl_->current_codec();
    if (!codec) {
        if (error) *error = kLockedError;
        return out;
    }
    std::set<std::string> known_damaged;
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        known_damaged = impl_->damaged_ids;
    }
    try {
        sql::Stmt st(impl_->read_db,
                     "SELECT id, status, interview_day, updated_at, revision, summary, exported_at "
                     "FROM sessions ORDER BY interview_day, id");
        while (st.step()) {
            SessionSummary s;
            std::string id = st.text(0);
            std::optional<std::string> plain = codec->open(st.blob(5), summary_ad(id));
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
            s.exported_at = st.int64(6);
            out.push_back(std::move(s));
        }
    } catch (const sql::Error& e) {
        if (error) *error = e.what();
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
    const std::shared_ptr<const PayloadCodec> codec = impl_->current_codec();
    if (!codec) {
        if (error) *error = kLockedError;
        return std::nullopt;
    }
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
        std::optional<std::string> plain = codec->open(st.blob(0), payload_ad(id));
        if (!plain) return mark_damaged("session " + id + " is damaged (its bytes do not check)");
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

// [SECTION] Accounts and encryption
const char* role_key(Role r) { return r == Role::Admin ? "admin" : "counsellor"; }

namespace {

std::string account_context(const std::string& id) { return "account:" + id; }
constexpr const char* kRecoveryContext = "recovery";
constexpr const char* kRecoveryFailuresKey = "recovery.failures";
constexpr const char* kRecoveryLastFailureKey = "recovery.last_failure_at";

bool valid_account_id(const std::string& id) {
    if (id.empty() || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
}

bool check_new_account(const std::string& id, const std::string& name, const std::string& secret, std::string* error) {
    auto fail = [&](const std::string& why) {
        if (error) *error = why;
        return false;
    };
    if (!valid_account_id(id)) return fail("an account id is 1 to 64 characters among a-z 0-9 . _ -");
    if (name.empty() || name.size() > 200) return fail("an account needs a display name (at most 200 bytes)");
    const std::string reason = crypto::check_secret(secret);
    if (!reason.empty()) return fail(reason);
    return true;
}

crypto::WrappedKey read_wrap(const sql::Stmt& st, int first_col) {
    crypto::WrappedKey w;
    w.salt = st.blob(first_col);
    w.params.ops = static_cast<std::uint64_t>(std::max<std::int64_t>(0, st.int64(first_col + 1)));
    w.params.mem = static_cast<std::size_t>(std::max<std::int64_t>(0, st.int64(first_col + 2)));
    w.sealed = st.blob(first_col + 3);
    return w;
}

Account read_account_columns(const sql::Stmt& st) {
    Account a;
    a.id = st.text(0);
    a.display_name = st.text(1);
    a.role = st.text(2) == "admin" ? Role::Admin : Role::Counsellor;
    a.failures = static_cast<int>(std::clamp<std::int64_t>(st.int64(3), 0, 1 << 20));
    a.last_failure_at = st.int64(4);
    a.locked = st.int64(5) != 0;
    a.created_at = st.int64(6);
    return a;
}
constexpr const char* kAccountColumns = "id, display_name, role, failures, last_failure_at, locked, created_at";

// The hash and wrap of a secret for an account, with the given cost (two Argon2id runs).
struct SecretRecord {
    std::string hash;
    crypto::WrappedKey wrap;
};
std::optional<SecretRecord> make_secret_record(const crypto::SecretKey& key, const std::string& id,
                                               const std::string& secret, const crypto::KdfParams& kdf,
                                               std::string* error) {
    std::optional<std::string> hash = crypto::hash_secret(secret, kdf);
    std::optional<crypto::WrappedKey> wrap = crypto::wrap_key(key, secret, account_context(id), kdf);
    if (!hash || !wrap) {
        if (error) *error = "Argon2id failed (out of memory?)";
        return std::nullopt;
    }
    return SecretRecord{std::move(*hash), std::move(*wrap)};
}

void update_secret(sql::Db& db, const std::string& id, const SecretRecord& r, bool clear_failures) {
    sql::Stmt st(db, clear_failures
                         ? "UPDATE accounts SET secret_hash=?2, kdf_salt=?3, kdf_ops=?4, kdf_mem=?5, wrapped_key=?6, "
                           "failures=0, last_failure_at=0, locked=0 WHERE id=?1"
                         : "UPDATE accounts SET secret_hash=?2, kdf_salt=?3, kdf_ops=?4, kdf_mem=?5, wrapped_key=?6 "
                           "WHERE id=?1");
    st.bind(1, id).bind(2, r.hash).bind_blob(3, r.wrap.salt);
    st.bind(4, static_cast<std::int64_t>(r.wrap.params.ops)).bind(5, static_cast<std::int64_t>(r.wrap.params.mem));
    st.bind_blob(6, r.wrap.sealed).step();
    if (sqlite3_changes(db.get()) != 1) throw sql::Error("no account " + id, SQLITE_NOTFOUND);
}

UnlockResult failed(const std::string& why) {
    UnlockResult r;
    r.status = UnlockResult::Status::Failed;
    r.error = why;
    return r;
}

} // namespace

std::optional<Store::Impl::AccountRow> Store::Impl::read_account(const std::string& id) {
    sql::Stmt st(read_db, (std::string("SELECT ") + kAccountColumns +
                           ", secret_hash, kdf_salt, kdf_ops, kdf_mem, wrapped_key FROM accounts WHERE id=?1")
                              .c_str());
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    AccountRow row;
    row.account = read_account_columns(st);
    row.hash = st.text(7);
    row.wrap = read_wrap(st, 8);
    return row;
}

UnlockResult Store::Impl::attempt(const std::string& id, const std::function<bool(const AccountRow&)>& check,
                                  const char* purpose, bool may_lock) {
    using Status = UnlockResult::Status;
    UnlockResult r;
    try {
        std::optional<AccountRow> row = read_account(id);
        if (!row) {
            // Who is "" : the typed identifier could be anyone's name (audit.hpp).
            std::lock_guard<std::mutex> lock(write_mutex);
            write_audit_logged({0, 0, "", audit_kind::kLoginFailed, "", std::string(purpose) + ":unknown_account", {}, {}});
            r.status = Status::UnknownAccount;
            r.error = "no account " + id;
            return r;
        }
        const Account& a = row->account;
        r.failures = a.failures;
        r.attempts_left = std::max(0, crypto::kLockAfterFailures - a.failures);
        if (a.locked) {
            r.status = Status::AccountLocked;
            r.attempts_left = 0;
            return r;
        }
        const std::int64_t now = this->now();
        const std::int64_t last = a.last_failure_at;
        const std::int64_t wait = crypto::throttle_wait(a.failures, last, now);
        if (now < last) {
            // The clock went back: the wait starts again from now rather than never ending.
            std::lock_guard<std::mutex> lock(write_mutex);
            sql::Stmt st(write_db, "UPDATE accounts SET last_failure_at=?2 WHERE id=?1");
            st.bind(1, id).bind(2, now).step();
        }
        if (wait > 0) {
            r.status = Status::MustWait;
            r.wait_seconds = wait;
            return r;
        }
        // Count the attempt first; a success clears it below.
        const int failures = a.failures + 1;
        const bool locks = may_lock && crypto::throttle_locks(failures);
        {
            std::lock_guard<std::mutex> lock(write_mutex);
            sql::Stmt st(write_db, "UPDATE accounts SET failures=?2, last_failure_at=?3 WHERE id=?1");
            st.bind(1, id).bind(2, std::int64_t{failures}).bind(3, now).step();
        }
        if (check(*row)) {
            std::lock_guard<std::mutex> lock(write_mutex);
            sql::Stmt st(write_db, "UPDATE accounts SET failures=0, last_failure_at=0 WHERE id=?1");
            st.bind(1, id).step();
            r.status = Status::Ok;
            r.failures = 0;
            r.attempts_left = crypto::kLockAfterFailures;
            return r;
        }
        {
            std::lock_guard<std::mutex> lock(write_mutex);
            if (locks) {
                sql::Stmt st(write_db, "UPDATE accounts SET locked=1 WHERE id=?1");
                st.bind(1, id).step();
            }
            write_audit_logged({0, now, id, audit_kind::kLoginFailed, id, purpose, {}, {}});
            if (locks) write_audit_logged({0, now, id, audit_kind::kAccountLocked, id, purpose, {}, {}});
        }
        r.status = locks ? Status::AccountLocked : Status::WrongSecret;
        r.failures = failures;
        r.attempts_left = may_lock ? std::max(0, crypto::kLockAfterFailures - failures) : 0;
        r.wait_seconds = locks ? 0 : crypto::throttle_delay(failures);
        return r;
    } catch (const sql::Error& e) {
        // Nothing is tried when the attempt cannot be counted.
        return failed(e.what());
    }
}

void Store::Impl::install_key(std::shared_ptr<const crypto::SecretKey> k, std::optional<Account> who, bool recovery,
                              const AuditEntry& event) {
    std::lock_guard<std::mutex> wlock(write_mutex);
    {
        std::lock_guard<std::mutex> lock(mutex);
        key = k;
        audit_key = AuditLog::derive_key(std::string(reinterpret_cast<const char*>(k->data()), crypto::SecretKey::kSize));
        codec = std::make_shared<EncryptingCodec>(std::move(k));
        current = std::move(who);
        by_recovery = recovery;
        if (last_error == kLockedError) last_error.clear();
    }
    const bool ok = transaction(
        [&] {
            drain_pending_audit();
            write_audit(event);
        },
        nullptr);
    if (!ok) std::fprintf(stderr, "amorce: the audit log could not record the unlock\n");
    wake.notify_all(); // saves queued while locked go now
}

bool Store::Impl::admin_allowed(std::string* error) {
    std::lock_guard<std::mutex> lock(mutex);
    if (encrypted && key && (by_recovery || (current && current->role == Role::Admin))) return true;
    if (error)
        *error = !encrypted ? "the store has no accounts yet"
                 : !key     ? kLockedError
                            : "only an administrator (or the recovery key) can do this";
    return false;
}

bool Store::has_accounts() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->encrypted;
}

bool Store::is_unlocked() const { return impl_->current_codec() != nullptr; }

std::optional<Account> Store::current_account() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->key ? impl_->current : std::nullopt;
}

bool Store::unlocked_with_recovery() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->key && impl_->by_recovery;
}

std::vector<Account> Store::accounts() const {
    std::vector<Account> out;
    try {
        sql::Stmt st(impl_->read_db,
                     (std::string("SELECT ") + kAccountColumns + " FROM accounts ORDER BY created_at, rowid").c_str());
        while (st.step()) out.push_back(read_account_columns(st));
    } catch (const sql::Error&) {
    }
    return out;
}

void Store::set_kdf_params(const crypto::KdfParams& params) {
    if (!params.valid()) return;
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->kdf = params;
}

void Store::set_clock(std::function<std::int64_t()> now) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->clock = std::move(now);
}

std::optional<std::string> Store::create_admin(const std::string& id, const std::string& display_name,
                                               const std::string& secret, std::string* error) {
    if (!check_new_account(id, display_name, secret, error)) return std::nullopt;
    std::lock_guard<std::mutex> auth(impl_->auth_mutex);
    if (has_accounts()) {
        if (error) *error = "the store already has accounts";
        return std::nullopt;
    }
    crypto::KdfParams kdf;
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        kdf = impl_->kdf;
    }
    auto key = std::make_shared<crypto::SecretKey>(crypto::SecretKey::random());
    const std::string recovery = crypto::new_recovery_key();
    const std::optional<SecretRecord> record = make_secret_record(*key, id, secret, kdf, error);
    const std::optional<crypto::WrappedKey> recovery_wrap = crypto::wrap_key(*key, recovery, kRecoveryContext, kdf);
    if (key->empty() || recovery.empty() || !record || !recovery_wrap) {
        if (error && error->empty()) *error = "cannot make the keys (libsodium failed)";
        return std::nullopt;
    }
    const EncryptingCodec sealer(key);
    const std::int64_t now = core::unix_now();
    Account admin;
    admin.id = id;
    admin.display_name = display_name;
    admin.role = Role::Admin;
    admin.created_at = now;
    {
        std::lock_guard<std::mutex> wlock(impl_->write_mutex);
        const std::shared_ptr<const PayloadCodec> old = impl_->current_codec();
        sql::Db& db = impl_->write_db;
        const bool ok = impl_->transaction(
            [&] {
                if (has_account_rows(db)) throw sql::Error("the store already has accounts", SQLITE_CONSTRAINT);
                sql::Stmt ins(db, "INSERT INTO accounts(id, display_name, role, secret_hash, kdf_salt, kdf_ops, kdf_mem, "
                                  "wrapped_key, created_at) VALUES(?1, ?2, 'admin', ?3, ?4, ?5, ?6, ?7, ?8)");
                ins.bind(1, id).bind(2, display_name).bind(3, record->hash).bind_blob(4, record->wrap.salt);
                ins.bind(5, static_cast<std::int64_t>(kdf.ops)).bind(6, static_cast<std::int64_t>(kdf.mem));
                ins.bind_blob(7, record->wrap.sealed).bind(8, now).step();
                sql::Stmt rec(db, "INSERT OR REPLACE INTO key_wraps(name, kdf_salt, kdf_ops, kdf_mem, wrapped_key, "
                                  "created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
                rec.bind(1, std::string(kRecoveryContext)).bind_blob(2, recovery_wrap->salt);
                rec.bind(3, static_cast<std::int64_t>(kdf.ops)).bind(4, static_cast<std::int64_t>(kdf.mem));
                rec.bind_blob(5, recovery_wrap->sealed).bind(6, now).step();
                // Every existing summary and payload, re-sealed under the new key. A row that no
                // longer opens keeps its bytes, encrypted, and stays reported as damaged.
                auto reseal = [&](const char* table, const char* column, std::string (*ad)(const std::string&)) {
                    std::vector<std::string> ids;
                    {
                        sql::Stmt all(db, (std::string("SELECT id FROM ") + table).c_str());
                        while (all.step()) ids.push_back(all.text(0));
                    }
                    sql::Stmt get(db, (std::string("SELECT ") + column + " FROM " + table + " WHERE id=?1").c_str());
                    sql::Stmt put(db, (std::string("UPDATE ") + table + " SET " + column + "=?2 WHERE id=?1").c_str());
                    for (const std::string& rid : ids) {
                        get.reset();
                        get.bind(1, rid);
                        if (!get.step()) continue;
                        const std::string stored = get.blob(0);
                        const std::optional<std::string> plain = old ? old->open(stored, ad(rid)) : std::nullopt;
                        put.reset();
                        put.bind(1, rid).bind_blob(2, plain ? sealer.seal(*plain, ad(rid))
                                                           : sealer.seal_unreadable(stored, ad(rid)));
                        put.step();
                    }
                };
                reseal("sessions", "summary", &summary_ad);
                reseal("payloads", "payload", &payload_ad);
            },
            error);
        if (!ok) return std::nullopt;
        {
            std::lock_guard<std::mutex> lock(impl_->mutex);
            impl_->encrypted = true;
            impl_->key = key;
            impl_->audit_key =
                AuditLog::derive_key(std::string(reinterpret_cast<const char*>(key->data()), crypto::SecretKey::kSize));
            impl_->codec = std::make_shared<EncryptingCodec>(key);
            impl_->current = admin;
            impl_->by_recovery = false;
        }
        // The log starts here: what was recorded before any account existed, then this.
        if (!impl_->transaction(
                [&] {
                    impl_->drain_pending_audit();
                    impl_->write_audit({0, now, id, audit_kind::kAccountCreated, id, "admin", {}, {}});
                },
                nullptr))
            std::fprintf(stderr, "amorce: the audit log could not record the administrator\n");
    }
    // The rows were rewritten in place: their clear versions may linger in freed space and in
    // old WAL frames. secure_delete zeroed what it could; rewrite the file and empty the WAL.
    std::string purge_error;
    if (!purge(&purge_error))
        std::fprintf(stderr, "amorce: the store is encrypted but the old file could not be purged: %s\n",
                     purge_error.c_str());
    impl_->seal_damaged_copies(*key);
    return crypto::format_recovery_key(recovery);
}

bool Store::add_account(const std::string& id, const std::string& display_name, Role role, const std::string& secret,
                        std::string* error) {
    if (!check_new_account(id, display_name, secret, error)) return false;
    std::lock_guard<std::mutex> auth(impl_->auth_mutex);
    if (!impl_->admin_allowed(error)) return false;
    std::shared_ptr<const crypto::SecretKey> key;
    crypto::KdfParams kdf;
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        key = impl_->key;
        kdf = impl_->kdf;
    }
    const std::optional<SecretRecord> record = make_secret_record(*key, id, secret, kdf, error);
    if (!record) return false;
    std::lock_guard<std::mutex> wlock(impl_->write_mutex);
    return impl_->transaction(
        [&] {
            sql::Stmt ins(impl_->write_db,
                          "INSERT INTO accounts(id, display_name, role, secret_hash, kdf_salt, kdf_ops, kdf_mem, "
                          "wrapped_key, created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
            ins.bind(1, id).bind(2, display_name).bind(3, std::string(role_key(role))).bind(4, record->hash);
            ins.bind_blob(5, record->wrap.salt).bind(6, static_cast<std::int64_t>(kdf.ops));
            ins.bind(7, static_cast<std::int64_t>(kdf.mem)).bind_blob(8, record->wrap.sealed);
            ins.bind(9, core::unix_now());
            try {
                ins.step();
            } catch (const sql::Error& e) {
                if ((e.code & 0xff) == SQLITE_CONSTRAINT) throw sql::Error("an account " + id + " already exists", e.code);
                throw;
            }
            impl_->write_audit({0, 0, impl_->actor(), audit_kind::kAccountCreated, id, role_key(role), {}, {}});
        },
        error);
}

UnlockResult Store::unlock(const std::string& id, const std::string& secret) {
    std::lock_guard<std::mutex> auth(impl_->auth_mutex);
    if (!has_accounts()) return failed("the store has no accounts: nothing to unlock");
    crypto::SecretKey key;
    crypto::WrappedKey used;
    UnlockResult r = impl_->attempt(
        id,
        [&](const Impl::AccountRow& row) {
            key = crypto::unwrap_key(row.wrap, secret, account_context(id));
            used = row.wrap;
            return !key.empty();
        },
        "unlock");
    if (!r.ok()) return r;
    std::optional<Impl::AccountRow> row;
    try {
        row = impl_->read_account(id);
    } catch (const sql::Error& e) {
        return failed(e.what());
    }
    if (!row) return failed("no account " + id);
    auto shared = std::make_shared<crypto::SecretKey>(std::move(key));
    impl_->install_key(shared, row->account, false, {0, 0, id, audit_kind::kLoginOk, id, "unlock", {}, {}});
    // A wrap made with another Argon2id cost is remade with today's (once; best effort).
    crypto::KdfParams kdf;
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        kdf = impl_->kdf;
    }
    if (used.params != kdf) {
        if (std::optional<SecretRecord> rec = make_secret_record(*shared, id, secret, kdf, nullptr)) {
            std::lock_guard<std::mutex> wlock(impl_->write_mutex);
            try {
                update_secret(impl_->write_db, id, *rec, false);
            } catch (const sql::Error&) {
            }
        }
    }
    return r;
}

UnlockResult Store::unlock_with_recovery(const std::string& typed_key) {
    std::lock_guard<std::mutex> auth(impl_->auth_mutex);
    if (!has_accounts()) return failed("the store has no accounts: nothing to unlock");
    UnlockResult r;
    const std::optional<std::string> canonical = crypto::parse_recovery_key(typed_key);
    if (!canonical) { // a typing mistake, not an attempt: Argon2id is not run
        r.status = UnlockResult::Status::WrongSecret;
        r.error = "a recovery key is 32 characters (digits and letters)";
        return r;
    }
    crypto::WrappedKey wrap;
    try {
        sql::Stmt st(impl_->read_db,
                     "SELECT kdf_salt, kdf_ops, kdf_mem, wrapped_key FROM key_wraps WHERE name=?1");
        st.bind(1, std::string(kRecoveryContext));
        if (!st.step()) return failed("this store has no recovery key");
        wrap = read_wrap(st, 0);
    } catch (const sql::Error& e) {
        return failed(e.what());
    }
    // Throttled like an account (the count kept in meta, so a restart does not reset it), but
    // never locked: the recovery key is the last way in. Counted before Argon2id runs.
    const std::int64_t now = impl_->now();
    const int failures = static_cast<int>(std::clamp<std::int64_t>(
        std::strtoll(meta(kRecoveryFailuresKey).value_or("0").c_str(), nullptr, 10), 0, 1 << 20));
    const std::int64_t last = std::strtoll(meta(kRecoveryLastFailureKey).value_or("0").c_str(), nullptr, 10);
    const std::int64_t wait = now < last ? 0 : crypto::throttle_wait(failures, last, now);
    if (wait > 0) {
        r.status = UnlockResult::Status::MustWait;
        r.wait_seconds = wait;
        r.failures = failures;
        return r;
    }
    set_meta(kRecoveryFailuresKey, std::to_string(failures + 1));
    set_meta(kRecoveryLastFailureKey, std::to_string(now));
    crypto::SecretKey key = crypto::unwrap_key(wrap, *canonical, kRecoveryContext);
    if (key.empty()) {
        {
            std::lock_guard<std::mutex> wlock(impl_->write_mutex);
            impl_->write_audit_logged({0, now, kRecoveryActor, audit_kind::kLoginFailed, kRecoveryActor, "recovery", {}, {}});
        }
        r.status = UnlockResult::Status::WrongSecret;
        r.error = "this is not the recovery key of this store";
        r.failures = failures + 1;
        r.wait_seconds = crypto::throttle_delay(failures + 1);
        return r;
    }
    set_meta(kRecoveryFailuresKey, "0");
    set_meta(kRecoveryLastFailureKey, "0");
    impl_->install_key(std::make_shared<crypto::SecretKey>(std::move(key)), std::nullopt, true,
                       {0, now, kRecoveryActor, audit_kind::kUnlockRecovery, kRecoveryActor, "", {}, {}});
    r.status = UnlockResult::Status::Ok;
    return r;
}

UnlockResult Store::verify_secret(const std::string& id, const std::string& secret) {
    std::lock_guard<std::mutex> auth(impl_->auth_mutex);
    UnlockResult r = impl_->attempt(
        id, [&](const Impl::AccountRow& row) { return crypto::verify_secret(row.hash, secret); }, "verify", false);
    if (r.ok()) {
        std::lock_guard<std::mutex> wlock(impl_->write_mutex);
        impl_->write_audit_logged({0, 0, id, audit_kind::kLoginOk, id, "verify", {}, {}});
    }
    return r;
}

UnlockResult Store::change_secret(const std::string& id, const std::string& old_secret, const std::string& new_secret) {
    const std::string reason = crypto::check_secret(new_secret);
    if (!reason.empty()) return failed(reason);
    std::lock_guard<std::mutex> auth(impl_->auth_mutex);
    crypto::SecretKey key;
    UnlockResult r = impl_->attempt(
        id,
        [&](const Impl::AccountRow& row) {
            key = crypto::unwrap_key(row.wrap, old_secret, account_context(id));
            return !key.empty();
        },
        "change");
    if (!r.ok()) return r;
    crypto::KdfParams kdf;
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        kdf = impl_->kdf;
    }
    std::string error;
    const std::optional<SecretRecord> rec = make_secret_record(key, id, new_secret, kdf, &error);
    if (!rec) return failed(error);
    std::lock_guard<std::mutex> wlock(impl_->write_mutex);
    try {
        update_secret(impl_->write_db, id, *rec, false);
    } catch (const sql::Error& e) {
        return failed(e.what());
    }
    impl_->write_audit_logged({0, 0, id, audit_kind::kSecretChanged, id, "own", {}, {}});
    return r;
}

bool Store::set_secret(const std::string& id, const std::string& new_secret, std::string* error) {
    const std::string reason = crypto::check_secret(new_secret);
    if (!reason.empty()) {
        if (error) *error = reason;
        return false;
    }
    std::lock_guard<std::mutex> auth(impl_->auth_mutex);
    if (!impl_->admin_allowed(error)) return false;
    std::shared_ptr<const crypto::SecretKey> key;
    crypto::KdfParams kdf;
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        key = impl_->key;
        kdf = impl_->kdf;
    }
    const std::optional<SecretRecord> rec = make_secret_record(*key, id, new_secret, kdf, error);
    if (!rec) return false;
    std::lock_guard<std::mutex> wlock(impl_->write_mutex);
    try {
        update_secret(impl_->write_db, id, *rec, true);
        impl_->write_audit_logged({0, 0, impl_->actor(), audit_kind::kSecretChanged, id, "admin", {}, {}});
        return true;
    } catch (const sql::Error& e) {
        if (error) *error = e.what();
        return false;
    }
}

bool Store::admin_unlock_account(const std::string& id, std::string* error) {
    std::lock_guard<std::mutex> auth(impl_->auth_mutex);
    if (!impl_->admin_allowed(error)) return false;
    std::lock_guard<std::mutex> wlock(impl_->write_mutex);
    try {
        sql::Stmt st(impl_->write_db, "UPDATE accounts SET failures=0, last_failure_at=0, locked=0 WHERE id=?1");
        st.bind(1, id).step();
        if (sqlite3_changes(impl_->write_db.get()) != 1) {
            if (error) *error = "no account " + id;
            return false;
        }
        impl_->write_audit_logged({0, 0, impl_->actor(), audit_kind::kAdminUnlock, id, "", {}, {}});
        return true;
    } catch (const sql::Error& e) {
        if (error) *error = e.what();
        return false;
    }
}

std::optional<std::string> Store::replace_recovery_key(std::string* error) {
    std::lock_guard<std::mutex> auth(impl_->auth_mutex);
    if (!impl_->admin_allowed(error)) return std::nullopt;
    std::shared_ptr<const crypto::SecretKey> key;
    crypto::KdfParams kdf;
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        key = impl_->key;
        kdf = impl_->kdf;
    }
    const std::string recovery = crypto::new_recovery_key();
    const std::optional<crypto::WrappedKey> wrap = crypto::wrap_key(*key, recovery, kRecoveryContext, kdf);
    if (recovery.empty() || !wrap) {
        if (error) *error = "cannot make the recovery key (libsodium failed)";
        return std::nullopt;
    }
    std::lock_guard<std::mutex> wlock(impl_->write_mutex);
    try {
        sql::Stmt st(impl_->write_db, "INSERT OR REPLACE INTO key_wraps(name, kdf_salt, kdf_ops, kdf_mem, wrapped_key, "
                                      "created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
        st.bind(1, std::string(kRecoveryContext)).bind_blob(2, wrap->salt);
        st.bind(3, static_cast<std::int64_t>(kdf.ops)).bind(4, static_cast<std::int64_t>(kdf.mem));
        st.bind_blob(5, wrap->sealed).bind(6, core::unix_now()).step();
    } catch (const sql::Error& e) {
        if (error) *error = e.what();
        return std::nullopt;
    }
    impl_->write_audit_logged({0, 0, impl_->actor(), audit_kind::kAccountChanged, kRecoveryActor, "recovery_key_replaced", {}, {}});
    return crypto::format_recovery_key(recovery);
}

// [SECTION] Audit log
void Store::audit(const std::string& what, const std::string& target, const std::string& detail) {
    if (!is_audit_kind(what)) {
        std::fprintf(stderr, "amorce: unknown audit kind %s (not recorded)\n", what.c_str());
        return;
    }
    AuditEntry e;
    e.at = impl_->now();
    e.who = impl_->actor();
    e.what = what;
    e.target = target;
    e.detail = detail;
    // A reason typed by a counsellor may name the person: it is sealed (the log itself is only
    // MAC'd) and opened again by audit_entries(). Its full text stays in the session's history.
    if (what == audit_kind::kReopen && !detail.empty()) e.detail = impl_->seal_detail(detail, target);
    if (impl_->audit_key_now().empty()) {
        // Locked (or no account yet): kept in the file, chained at the next unlock.
        std::lock_guard<std::mutex> wlock(impl_->write_mutex);
        impl_->write_audit_logged(std::move(e));
        return;
    }
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        // The same change again within a minute (a drag, typing, twenty cards sorted): the
        // first entry says it, whether or not the writer has committed it meanwhile.
        const AuditEntry& last = impl_->last_queued;
        if (last.who == e.who && last.what == e.what && last.target == e.target && last.detail == e.detail &&
            e.at >= last.at && e.at - last.at < kAuditCoalesceSeconds)
            return;
        impl_->last_queued = e;
        impl_->audit_queue.push_back(std::move(e));
    }
    impl_->wake.notify_one();
}

std::vector<AuditEntry> Store::audit_entries(const AuditFilter& filter, std::string* error) const {
    const std::string k = impl_->audit_key_now();
    if (k.empty()) {
        if (error) *error = kLockedError;
        return {};
    }
    const_cast<Store*>(this)->flush();
    try {
        std::vector<AuditEntry> out = AuditLog(impl_->read_db, k).query(filter);
        for (AuditEntry& e : out) e.detail = impl_->open_detail(e.detail, e.target);
        return out;
    } catch (const std::exception& e) {
        if (error) *error = e.what();
        return {};
    }
}

AuditCheck Store::verify_audit(std::string* error) const {
    AuditCheck c;
    const std::string k = impl_->audit_key_now();
    if (k.empty()) {
        c.problem = AuditProblem::WrongKey;
        c.reason = kLockedError;
        if (error) *error = kLockedError;
        return c;
    }
    const_cast<Store*>(this)->flush();
    try {
        return AuditLog(impl_->read_db, k).verify();
    } catch (const std::exception& e) {
        c.problem = AuditProblem::HeadMissing;
        c.reason = e.what();
        if (error) *error = e.what();
        return c;
    }
}

AuditHead Store::audit_head() const {
    const_cast<Store*>(this)->flush();
    try {
        // head() reads the stored row only: any key will do.
        return AuditLog(impl_->read_db, std::string(AuditLog::kKeyBytes, '\0')).head();
    } catch (const std::exception&) {
        return {};
    }
}

// [SECTION] Export marks and retention
bool Store::mark_exported(const std::vector<std::string>& ids, std::int64_t at, std::string* error) {
    flush(); // a save queued before the export is committed first, then marked
    std::lock_guard<std::mutex> wlock(impl_->write_mutex);
    const std::shared_ptr<const PayloadCodec> c = impl_->current_codec();
    if (!c) {
        if (error) *error = kLockedError;
        return false;
    }
    const std::string who = impl_->actor();
    const std::int64_t now = core::unix_now();
    return impl_->transaction(
        [&] {
            sql::Stmt get(impl_->write_db, "SELECT payload FROM payloads WHERE id=?1");
            sql::Stmt mark(impl_->write_db, "UPDATE sessions SET exported_at=?2 WHERE id=?1");
            for (const std::string& id : ids) {
                get.reset();
                get.bind(1, id);
                if (!get.step()) throw sql::Error("no session " + id, SQLITE_NOTFOUND);
                const std::optional<std::string> plain = c->open(get.blob(0), payload_ad(id));
                if (!plain) throw sql::Error("session " + id + " is damaged", SQLITE_CORRUPT);
                Session s;
                try {
                    s = core::decode_binary(*plain);
                } catch (const core::DecodeError& e) {
                    throw sql::Error("session " + id + " cannot be read: " + e.what(), SQLITE_CORRUPT);
                }
                if (s.status == core::SessionStatus::Draft)
                    throw sql::Error("session " + id + " is not finalized", SQLITE_CONSTRAINT);
                const bool again = s.status == core::SessionStatus::Exported;
                s.status = core::SessionStatus::Exported;
                s.history.push_back({at, who, "exported", again ? "again" : ""});
                ++s.revision;
                Impl::write_rows(impl_->write_db, {make_row_with(*c, s, now)});
                mark.reset();
                mark.bind(1, id).bind(2, at).step();
                impl_->write_audit({0, at, who, audit_kind::kExport, id, again ? "again" : "", {}, {}});
            }
        },
        error);
}

core::RetentionSettings Store::retention_settings() const {
    return core::policy_from_settings(meta(core::setting_key(core::RetentionSetting::PurgeExportedAfterDays)),
                                      meta(core::setting_key(core::RetentionSetting::FlagDraftsAfterDays)));
}

Store::RetentionRun Store::apply_retention(std::int64_t now) {
    RetentionRun run;
    std::string error;
    const std::vector<SessionSummary> all = list(&error);
    if (!error.empty()) {
        run.error = error;
        return run;
    }
    const core::RetentionSettings settings = retention_settings();
    std::vector<core::RetentionCandidate> candidates;
    candidates.reserve(all.size());
    for (const SessionSummary& s : all)
        candidates.push_back(core::retention_candidate(
            s, s.exported_at > 0 ? core::local_date_of(s.exported_at) : core::Date{}));
    run.plan = core::plan_retention(candidates, settings.policy, core::local_date_of(now));
    if (run.plan.purge.empty()) return run;
    {
        std::lock_guard<std::mutex> wlock(impl_->write_mutex);
        if (!impl_->current_codec()) {
            run.error = kLockedError;
            return run;
        }
        const bool ok = impl_->transaction(
            [&] {
                sql::Stmt st(impl_->write_db, "DELETE FROM sessions WHERE id=?1");
                sql::Stmt pl(impl_->write_db, "DELETE FROM payloads WHERE id=?1");
                for (const core::PurgeDue& due : run.plan.purge) {
                    st.reset();
                    st.bind(1, due.id).step();
                    pl.reset();
                    pl.bind(1, due.id).step();
                    // The application does it, not a person: who is "".
                    impl_->write_audit({0, now, "", audit_kind::kPurge, due.id,
                                        "retention:" + std::to_string(due.days_since_export) + "d", {}, {}});
                }
            },
            &run.error);
        if (!ok) return run;
        for (const core::PurgeDue& due : run.plan.purge) run.purged.push_back(due.id);
    }
    std::string purge_error;
    if (!purge(&purge_error)) run.error = "sessions deleted, but the file could not be rewritten: " + purge_error;
    return run;
}

crypto::SecretKey Store::derived_key(std::string_view purpose, std::uint64_t index) const {
    std::shared_ptr<const crypto::SecretKey> key;
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        key = impl_->key;
    }
    return key ? crypto::derive_subkey(*key, purpose, index) : crypto::SecretKey();
}

void Store::lock(const std::string& reason) {
    if (!has_accounts()) return;
    flush(); // what was queued before the lock is sealed with the key it was made under
    std::lock_guard<std::mutex> wlock(impl_->write_mutex);
    if (impl_->current_codec()) impl_->write_audit_logged({0, 0, impl_->actor(), audit_kind::kLock, "", reason, {}, {}});
    std::lock_guard<std::mutex> lock(impl_->mutex);
    sodium_memzero(impl_->audit_key.data(), impl_->audit_key.size());
    impl_->audit_key.clear();
    impl_->codec.reset();
    impl_->key.reset(); // the last holder wipes the bytes (SecretKey's destructor)
    impl_->current.reset();
    impl_->by_recovery = false;
}

} // namespace amorce::store
