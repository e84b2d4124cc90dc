// Audit log (issue 7): who did what, when, to which session or account. Append-only and
// hash-chained, so that an edited, deleted, inserted or reordered row is detected by verify().
//
// [SECTION] Kinds            the stable machine keys of `what`
// [SECTION] Entries          AuditEntry, AuditFilter, AuditHead, AuditCheck
// [SECTION] AuditLog         append, verify, query, export
// [SECTION] Text helpers     sanitize_audit_text, JSON lines
//
// How the chain works. Every row stores prev_hash (the previous row's hash; 32 zero bytes for
// seq 1) and hash = keyed BLAKE2b-256 (crypto_generichash, 32-byte key) over a domain tag,
// prev_hash and a length-prefixed encoding of seq, at, who, what, target and detail. A one-row
// table audit_head keeps the last seq and hash with their own keyed MAC, so that deleting the
// newest rows (truncating the tail) is detected too: the head then points past the last row.
// SQL triggers refuse UPDATE, DELETE and INSERT OR REPLACE over an existing row of `audit` (and
// deleting the head), which stops the application's own code from rewriting history by mistake;
// they are no defence against someone with the file (they can drop the triggers), and the chain
// is what detects that.
//
// What it does NOT protect against (limits, stated honestly):
// - Anyone holding the key (derived from the database key, so anyone who can unlock the
//   database) can rewrite the whole log and its head consistently. The chain detects tampering
//   by someone who has the file but not an unlocked account.
// - Rollback: a copy of an older audit_head row, restored after deleting the rows appended
//   since, verifies. So does an emptied log (no rows, no head), which looks like a new one.
//   Only a head kept elsewhere catches these: verify(&expected) with a head recorded outside the
//   database (e.g. in the last export bundle, or at the central system).
// - Once the head was found missing or altered by append(), the head records it (broken_at) and
//   verify() keeps reporting it: the log is never silently "repaired".
//
// Personal data: who and target are account ids and session ids, never a participant's name,
// birth date or numéro d'écrou; detail is a machine key (a command label key) or a short reason
// typed by a counsellor. The log is not encrypted (only MAC'd) and stays on the tablet after a
// session is purged, so callers must never put personal data in any field (a login with an
// unknown identifier: who = "", never the typed text, which could be anyone's name). append() strips
// control characters and caps lengths (sanitize_audit_text) but cannot recognise a name.
//
// Threads: AuditLog holds no state besides the key; use it on the thread that owns the
// connection (the store's writer thread), like any other statement on that connection. append()
// joins the caller's transaction when there is one (a SAVEPOINT), else runs its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace amorce::store {

namespace sql {
class Db;
}

// [SECTION] Kinds
// Stable machine keys for AuditEntry::what: stored, exported and filtered on; never rename one.
namespace audit_kind {
inline constexpr const char* kLoginOk = "login_ok";               // who: account id
inline constexpr const char* kLoginFailed = "login_failed";       // who: account id; "" for an unknown one
inline constexpr const char* kAccountLocked = "account_locked";   // target: the locked account
inline constexpr const char* kUnlockRecovery = "unlock_recovery"; // unlocked with the recovery key
inline constexpr const char* kLock = "lock";                      // detail: "idle", "button"...
inline constexpr const char* kOpen = "open";                      // target: session id
inline constexpr const char* kChange = "change";                  // detail: the command label key
inline constexpr const char* kFinalize = "finalize";              // target: session id
inline constexpr const char* kReopen = "reopen";                  // detail: the reason
inline constexpr const char* kExport = "export";                  // target: session id
inline constexpr const char* kPurge = "purge";                    // target: session id
inline constexpr const char* kAccountCreated = "account_created"; // target: account id
inline constexpr const char* kAccountChanged = "account_changed"; // target: account id
inline constexpr const char* kSecretChanged = "secret_changed";   // target: account id
inline constexpr const char* kAdminUnlock = "admin_unlock";       // target: the unlocked account
} // namespace audit_kind

// Every kind above, in that order (for the admin's filter list).
const std::vector<std::string>& audit_kinds();
bool is_audit_kind(std::string_view what);

// [SECTION] Entries
struct AuditEntry {
    std::int64_t seq = 0;  // 1, 2, 3... assigned by append()
    std::int64_t at = 0;   // unix seconds (UTC); 0 given to append() means now
    std::string who;       // account id of the actor; "" for the application itself (retention purge)
    std::string what;      // an audit_kind
    std::string target;    // a session id or an account id; never a name
    std::string detail;    // a machine key or a short reason; never personal data
    std::string prev_hash; // 32 bytes; filled by append() and when read back
    std::string hash;      // 32 bytes; idem
};

// query(): every set criterion must hold. Newest first, by seq (the order of append(), which
// stays right when the tablet's clock was wrong or moved back).
struct AuditFilter {
    std::optional<std::string> who;
    std::optional<std::string> what;
    std::optional<std::string> target;
    std::optional<std::int64_t> from; // at >= from (unix seconds)
    std::optional<std::int64_t> to;   // at <= to
    std::int64_t before_seq = 0;      // paging: only seq < before_seq (0: no bound)
    int limit = 0;                    // at most this many (0 or less: all)
};

// The newest entry as recorded in audit_head: seq 0 and an empty hash for an empty log.
struct AuditHead {
    std::int64_t seq = 0;
    std::string hash;
    bool operator==(const AuditHead& o) const { return seq == o.seq && hash == o.hash; }
};

enum class AuditProblem : std::uint8_t {
    None,
    WrongKey,     // the first row and the head both fail: another key (or both altered)
    EditedRow,    // a row's fields (or its hashes) no longer match its hash
    DeletedRow,   // a seq is missing between two rows
    InsertedRow,  // a row whose seq cannot be part of the chain (0 or negative)
    Reordered,    // a row's content verifies under another seq: rows were swapped or moved
    BadLink,      // a genuine row whose prev_hash is not the previous row's hash (spliced)
    HeadMissing,  // rows but no audit_head
    HeadAltered,  // audit_head's MAC fails
    TailDeleted,  // the head (or the expected head) is past the last row: newest rows deleted
    HeadMismatch, // the head does not name the last row (or the expected head's row differs)
    HeadRebuilt,  // append() found the head missing or altered earlier (bad_seq: that append)
};
const char* problem_key(AuditProblem p); // "edited_row", ... (stable, for the UI's messages)

struct AuditCheck {
    AuditProblem problem = AuditProblem::None;
    std::int64_t bad_seq = 0; // the first seq found bad (0 when not about a row)
    std::int64_t checked = 0; // rows read
    std::string reason;       // English, for logs and the admin screen; empty when ok
    bool ok() const { return problem == AuditProblem::None; }
};

// [SECTION] AuditLog
class AuditLog {
public:
    static constexpr std::size_t kKeyBytes = 32;       // crypto_generichash_KEYBYTES
    static constexpr std::size_t kHashBytes = 32;      // crypto_generichash_BYTES
    static constexpr std::size_t kMaxIdBytes = 64;     // who, target
    static constexpr std::size_t kMaxDetailBytes = 200;

    // The tables, indexes and triggers, idempotent (CREATE ... IF NOT EXISTS): for the store's
    // migrations; ensure_table() runs it.
    static const char* schema_sql();

    // The audit key from the 32-byte database key (crypto_kdf, context "AmAudit1", subkey 1),
    // so that the log needs no key of its own. Throws std::invalid_argument for another size.
    static std::string derive_key(const std::string& database_key);

    // key: exactly kKeyBytes bytes (std::invalid_argument otherwise). Any 32 bytes are accepted,
    // including all zeros: tests use a zero key; the application must pass derive_key(database key).
    // The database must outlive the AuditLog.
    AuditLog(sql::Db& db, std::string key);
    ~AuditLog(); // wipes the key
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    void ensure_table(); // throws sql::Error

    // Appends e (seq, prev_hash and hash are assigned; who, target and detail are cleaned with
    // sanitize_audit_text) and returns what was stored. Throws std::invalid_argument for an
    // unknown kind, sql::Error when the database refuses (nothing is then written).
    AuditEntry append(AuditEntry e);

    AuditHead head() const; // as stored (not verified)

    // Walks the whole chain and the head. expected: a head recorded outside this database;
    // its row must still be there with that hash. Never throws for tampered content; throws
    // sql::Error only when the tables cannot be read at all.
    AuditCheck verify(const AuditHead* expected = nullptr) const;

    std::vector<AuditEntry> query(const AuditFilter& filter = {}) const;

    // Every entry, oldest first, one JSON object per line (to_json_line): for the export bundle.
    // Returns the number of entries written.
    std::int64_t write_json_lines(std::ostream& out) const;

private:
    std::string row_mac(const std::string& prev_hash, const AuditEntry& e) const;
    std::string head_mac(std::int64_t seq, const std::string& hash, std::int64_t broken_at) const;

    sql::Db& db_;
    std::string key_;
};

// [SECTION] Text helpers
// Makes a field safe to store and show: invalid UTF-8 becomes U+FFFD; tabs and line breaks
// become a space; other control characters (C0, DEL, C1), line/paragraph separators and bidi
// overrides are removed; leading and trailing spaces are trimmed; then the text is cut at a
// character boundary to at most max_bytes, ending with "…" when something was cut.
std::string sanitize_audit_text(std::string_view text, std::size_t max_bytes = AuditLog::kMaxDetailBytes);

// JSON string contents (no quotes): " \ and control characters escaped, U+2028/U+2029 as \u
// escapes, other UTF-8 kept as is, invalid UTF-8 bytes as \ufffd. The result is always valid.
std::string json_escape(std::string_view text);

// {"seq":1,"at":1767261600,"time":"2026-01-01T10:00:00Z","who":"…","what":"…","target":"…",
//  "detail":"…","prev_hash":"<64 hex>","hash":"<64 hex>"} — no newline inside, none at the end.
std::string to_json_line(const AuditEntry& e);

} // namespace amorce::store
