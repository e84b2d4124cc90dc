// Session storage: SQLite (WAL, synchronous=FULL, secure_delete), explicit user_version
// migrations, index columns for listing, and the cereal payload behind a PayloadCodec. Writes go
// through one writer thread; the UI thread never waits on disk to record a change.
//
// Encryption at rest (DESIGN §5, issue 7). A store starts with no account: payloads are sealed
// by ChecksumCodec and everything works without unlocking, as before the security issue.
// create_admin() turns it into an encrypted store for good: a random database key, wrapped for
// each account (Argon2id of its secret) and for the organisation recovery key, seals every
// summary and payload (EncryptingCodec: XChaCha20-Poly1305, the session id as associated data);
// the existing rows are re-encrypted in the same transaction and the files purged. From then on
// the store opens locked: list(), load(), save_now(), remove() refuse ("the store is locked")
// until unlock() or unlock_with_recovery(); lock() drops the key again. Index columns (id,
// status, interview day, revision, times) never hold a participant's name, birth date or écrou.
//
// [SECTION] PayloadCodec
// [SECTION] Accounts
// [SECTION] Store
#pragma once

#include "core/retention.hpp"
#include "core/session.hpp"
#include "store/audit.hpp"
#include "store/crypto.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace amorce::store {

// [SECTION] PayloadCodec
// Turns a plain payload into stored bytes and back. `associated` names what the bytes are for
// ("payload:<id>", "summary:<id>"): a codec that authenticates it refuses bytes moved to another
// row. open() returns nullopt when the stored bytes are damaged (never throws, never returns
// garbage to the decoder).
class PayloadCodec {
public:
    virtual ~PayloadCodec() = default;
    virtual std::string seal(const std::string& plain, const std::string& associated) const = 0;
    virtual std::optional<std::string> open(const std::string& stored, const std::string& associated) const = 0;
};

// Plain payload followed by a 16-byte BLAKE2b checksum: detects damage, hides nothing. Ignores
// the associated data (the format of schema-1 files, kept as it was).
class ChecksumCodec final : public PayloadCodec {
public:
    std::string seal(const std::string& plain, const std::string& associated) const override;
    std::optional<std::string> open(const std::string& stored, const std::string& associated) const override;
};

// 0x01 || XChaCha20-Poly1305(database key, random nonce, associated data): hides and
// authenticates. A row already unreadable when the store was encrypted is kept sealed as
// 0x02 || ... (seal_unreadable): its bytes stay, encrypted, and open() reports it damaged.
class EncryptingCodec final : public PayloadCodec {
public:
    explicit EncryptingCodec(std::shared_ptr<const crypto::SecretKey> key);
    std::string seal(const std::string& plain, const std::string& associated) const override;
    std::optional<std::string> open(const std::string& stored, const std::string& associated) const override;
    std::string seal_unreadable(const std::string& raw, const std::string& associated) const;

private:
    std::shared_ptr<const crypto::SecretKey> key_;
};

// [SECTION] Accounts
enum class Role { Admin, Counsellor };
const char* role_key(Role r); // "admin", "counsellor"

// An account as listed: never its secret, hash or wrapped key.
struct Account {
    std::string id;              // what the person types or picks to sign in
    std::string display_name;
    Role role = Role::Counsellor;
    int failures = 0;            // consecutive failed attempts (reset by a success)
    std::int64_t last_failure_at = 0; // unix seconds, 0 if none
    bool locked = false;         // kLockAfterFailures failures: only an administrator unlocks it
    std::int64_t created_at = 0;
};

// The outcome of an attempt with a secret (unlock, verify_secret, change_secret).
struct UnlockResult {
    enum class Status {
        Ok,
        WrongSecret,    // counted; wait_seconds is the wait now imposed on the next attempt
        MustWait,       // not tried (not counted): try again in wait_seconds
        AccountLocked,  // too many failures (this attempt may have been the last one)
        UnknownAccount,
        Failed,         // anything else, see error (a refused new secret: its crypto::kSecret* key)
    };
    Status status = Status::Failed;
    std::int64_t wait_seconds = 0;
    int failures = 0;       // the account's consecutive failures after this attempt
    int attempts_left = 0;  // failures still allowed before the account locks
    std::string error;      // English, or a secret-policy key ("secret.pin_too_short")
    bool ok() const { return status == Status::Ok; }
};

// [SECTION] Store
struct OpenReport {
    bool database_was_damaged = false;   // the file could not be used as it was
    std::string damaged_copy;            // where the damaged file was copied (never overwritten)
    int salvaged_sessions = 0;           // sessions read back from the damaged file
    int lost_sessions = 0;               // rows that could not be read back
};

struct Counsellor {
    std::string id;
    std::string display_name;
};

// Overwrites a file with zeros, flushes, then removes it: what was in it does not stay in the
// file's blocks (on a plain file system; flash wear-levelling may keep old copies, which is why
// personal data is never written in clear in the first place). True when the file is gone.
bool erase_file(const std::string& path);
// erase_file() on every regular file directly in dir (not below); returns how many went.
int erase_files_in(const std::string& dir);

class Store {
public:
    static constexpr int kSchemaVersion = 3; // 2: accounts and the recovery wrap; 3: the audit log (issue 7)
    static constexpr const char* kFileName = "amorce.db";

    // Opens (or creates) DIR/amorce.db. A damaged database is copied aside into DIR/damaged/,
    // readable sessions are salvaged into a fresh file and *report says what happened.
    // Returns nullptr with *error (English) only when nothing can be opened at all.
    static std::unique_ptr<Store> open(const std::string& dir, std::string* error,
                                       OpenReport* report = nullptr,
                                       std::shared_ptr<const PayloadCodec> codec = nullptr);
    ~Store(); // flushes pending writes

    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::string& path() const;
    int schema_version() const;

    // Listing, sorted by deadline (oldest interview first). Rows whose summary is damaged, or
    // whose payload a load() found damaged, are included with `damaged = true` and the id only.
    // Payloads are not read here (listing stays fast); load() verifies them. Summaries are
    // decrypted in memory, so searching the list by name works once unlocked. Locked: empty, and
    // *error says so.
    std::vector<core::SessionSummary> list(std::string* error = nullptr) const;
    // Loads one session. nullopt + *error (English) if missing or damaged; *damaged tells which.
    // Locked: nullopt, *error says so and the session is not marked damaged.
    std::optional<core::Session> load(const std::string& id, std::string* error = nullptr,
                                      bool* damaged = nullptr) const;
    // Copies a damaged row's stored bytes to DIR/damaged/<id>-<time>.bin (never overwriting).
    std::string set_aside_damaged(const std::string& id) const;

    // Queues the session for the writer thread and returns at once. The latest queued state of
    // each session is committed, normally within a few milliseconds and always retried. Queued
    // while locked, it waits (in memory) for the next unlock and write_error() says so.
    void save_async(const core::Session& session);
    // Waits until everything queued so far is committed (or has failed). True if all committed.
    bool flush();
    // Synchronous save, for the command line and tests.
    bool save_now(const core::Session& session, std::string* error = nullptr);
    // Deletes a session; its bytes are overwritten (secure_delete) and the WAL checkpointed and
    // truncated, so nothing of it stays in the files. Refused while locked.
    bool remove(const std::string& id, std::string* error = nullptr);
    // Rewrites the whole file (VACUUM) and empties the WAL: nothing deleted or replaced before
    // stays anywhere in the files (freed pages, old WAL frames). Slow on a big file.
    bool purge(std::string* error = nullptr);

    // The most recent write failure (English), empty when the last write succeeded.
    std::string write_error() const;
    // Called on the writer thread after each commit, with the ids and revisions committed.
    using CommitHook = std::function<void(const std::vector<std::pair<std::string, std::uint64_t>>&)>;
    void set_commit_hook(CommitHook hook);

    std::vector<Counsellor> counsellors() const;
    bool add_counsellor(const Counsellor& c, std::string* error = nullptr);
    std::optional<std::string> meta(const std::string& key) const;
    bool set_meta(const std::string& key, const std::string& value);

    // [SECTION] Accounts and encryption
    // Every call below that takes a secret runs Argon2id once (about 0.1-0.5 s, see
    // crypto::KdfParams::standard()): call it off the UI thread. Attempts are serialised.
    // *error / UnlockResult::error are English, except a secret refused by the policy, which
    // gives its crypto::kSecret* key ("secret.pin_too_short") for the UI to translate.

    // True once create_admin() has run: the store is encrypted and opens locked.
    bool has_accounts() const;
    // True when sessions can be read and written: no accounts yet, or unlocked.
    bool is_unlocked() const;
    // Who unlocked the store (nullopt when locked, with no accounts, or with the recovery key).
    std::optional<Account> current_account() const;
    bool unlocked_with_recovery() const;
    // Every account, by creation (no secrets).
    std::vector<Account> accounts() const;

    // Argon2id cost for hashes and wraps made from now on (default crypto::KdfParams::standard();
    // tests use the minimum). Each wrap keeps the cost it was made with; a successful unlock
    // rewraps an account made with another cost.
    void set_kdf_params(const crypto::KdfParams& params);
    // The clock (unix seconds) the throttle reads; core::unix_now by default. For tests.
    void set_clock(std::function<std::int64_t()> now);

    // First run: creates the site administrator (the store must have no account yet), the
    // database key and the organisation recovery key; re-encrypts every existing session in
    // one transaction, then purge()s. The store is then encrypted and unlocked by this
    // administrator. Copies set aside in DIR/damaged/ before are encrypted too (NAME.sealed, the
    // clear file zeroed and removed). Returns the recovery key, printable ("7K2D 9QXM ..."), shown once and
    // never stored; nullopt + *error on failure (nothing changed).
    std::optional<std::string> create_admin(const std::string& id, const std::string& display_name,
                                            const std::string& secret, std::string* error = nullptr);
    // A new account (administrator or counsellor). Only while unlocked by an administrator or
    // the recovery key. Ids: 1-64 characters among a-z 0-9 . _ - and unique.
    bool add_account(const std::string& id, const std::string& display_name, Role role, const std::string& secret,
                     std::string* error = nullptr);
    // Unlocks with an account's secret: Ok installs the database key. Throttled per account
    // (crypto::throttle_*), the failures being kept in the file so a restart does not reset them.
    UnlockResult unlock(const std::string& id, const std::string& secret);
    // Unlocks with the organisation recovery key (typed in any case, with or without spaces);
    // then the administrator's tasks are allowed (set_secret() to give a forgotten PIN a new one).
    UnlockResult unlock_with_recovery(const std::string& typed_key);
    // Checks an account's secret without touching the key (leaving the shared mode while
    // unlocked): the Argon2id hash, throttled and counted like unlock(), but it never locks the
    // account (attempts_left is 0): the person left alone with the tablet in the shared mode
    // could otherwise block the counsellor's account (and the only administrator's) in minutes.
    // The waits (up to 5 min each) keep guessing a 6-digit PIN out of reach.
    UnlockResult verify_secret(const std::string& id, const std::string& secret);
    // The account's own change: the old secret (throttled like unlock) and the new one (policy).
    // Rewraps the database key; no session is re-encrypted; the store stays as it was.
    UnlockResult change_secret(const std::string& id, const std::string& old_secret, const std::string& new_secret);
    // Administrator or recovery: gives an account a new secret (forgotten PIN) and unlocks it.
    bool set_secret(const std::string& id, const std::string& new_secret, std::string* error = nullptr);
    // Administrator or recovery: clears an account's failures and lock.
    bool admin_unlock_account(const std::string& id, std::string* error = nullptr);
    // Administrator or recovery: a new recovery key replaces the old one (which stops working).
    std::optional<std::string> replace_recovery_key(std::string* error = nullptr);
    // Recovery-key attempts are throttled like an account's (crypto::throttle_*, kept in the file)
    // but never lock: the recovery key is the last way in.

    // [SECTION] Audit log (store/audit.hpp)
    // Every account, unlock and lock operation above writes its own entry (login_ok,
    // login_failed, account_locked, unlock_recovery, lock, account_created, secret_changed,
    // admin_unlock); mark_exported() writes "export", apply_retention() "purge". The app adds
    // open, change, finalize and reopen with audit(). Entries made while the store is locked (a
    // failed login) wait in an unchained table, in the file, and are chained at the next unlock.
    // The chain's key is AuditLog::derive_key(database key): the log needs no key of its own.
    // A reopen reason (typed, it may name the person) is sealed in the file under a key derived
    // from the database key, and opened again by audit_entries().

    // Queues an entry by the account that unlocked the store ("#recovery" for the recovery key,
    // "" without accounts); it is committed with the next write (in the same transaction as the
    // sessions queued before it), normally within milliseconds. The same entry again within a
    // minute of the last one is not written again (a drag of twenty cards is one "change").
    void audit(const std::string& what, const std::string& target = "", const std::string& detail = "");
    // Entries, newest first (the filter of AuditLog::query). Waits for queued entries first.
    // Empty + *error while locked.
    std::vector<AuditEntry> audit_entries(const AuditFilter& filter = {}, std::string* error = nullptr) const;
    // Walks the whole chain (AuditLog::verify). Locked: problem WrongKey and *error says so.
    AuditCheck verify_audit(std::string* error = nullptr) const;
    // The head, to keep outside the database (the export bundle's manifest).
    AuditHead audit_head() const;

    // [SECTION] Export marks and retention
    // Marks the sessions as exported at `at` (unix seconds): status Exported, a history entry
    // "exported", the index column exported_at (listed in SessionSummary::exported_at), and one
    // audit "export" entry each (detail "again" when the session had already been exported), all
    // in one transaction: either every session is marked or none. Unlocked only.
    bool mark_exported(const std::vector<std::string>& ids, std::int64_t at, std::string* error = nullptr);
    // The retention policy stored in meta (core::setting_key), or the default.
    core::RetentionSettings retention_settings() const;
    struct RetentionRun {
        core::RetentionPlan plan;          // what was decided (flagged drafts included)
        std::vector<std::string> purged;   // ids deleted (each with an audit "purge" entry)
        std::string error;                 // English, empty when everything planned was done
    };
    // Purges the exported sessions due under the stored policy at `now` (unix seconds; local
    // days), each with an audit "purge" entry (who ""), then purge()s the file when anything
    // went. Unlocked only. Drafts are only flagged (plan.flag), never deleted.
    RetentionRun apply_retention(std::int64_t now);

    // A key derived from the database key for another purpose (crypto::derive_subkey, e.g. the
    // audit log's MAC key, "auditlog"). Empty while locked or without accounts.
    crypto::SecretKey derived_key(std::string_view purpose, std::uint64_t index = 1) const;
    // Commits what was queued, then forgets the database key: reads and writes are refused
    // until the next unlock. Nothing happens on a store without accounts.
    // reason goes into the audit entry ("button", "idle", "shared_mode"...).
    void lock(const std::string& reason = "button");

    struct Impl;

private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace amorce::store
