#include "store/audit.hpp"

#include "core/date.hpp"
#include "store/sqlite.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace amorce::store {

namespace {

// [SECTION] UTF-8

// Decodes the code point at s[i] and moves i past it. Invalid (a stray continuation byte, a
// truncated or overlong sequence, a surrogate, beyond U+10FFFF): returns -1 and moves i by one.
std::int32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    std::size_t len = 0;
    std::int32_t cp = 0, min = 0;
    if ((c & 0xE0) == 0xC0) {
        len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, cp = c & 0x07, min = 0x10000;
    } else {
        ++i;
        return -1;
    }
    if (s.size() - i < len) {
        ++i;
        return -1;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return -1;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return -1;
    }
    i += len;
    return cp;
}

const char* const kReplacement = "\xEF\xBF\xBD"; // U+FFFD
const char* const kEllipsis = "\xE2\x80\xA6";    // U+2026

bool is_line_break_or_tab(std::int32_t cp) {
    return cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r' || cp == 0x85 ||
           cp == 0x2028 || cp == 0x2029;
}

// Controls and the invisible characters that change how the text around them is displayed
// (bidi marks, embeddings, overrides and isolates: "trojan source" spoofing in a list).
bool is_dropped(std::int32_t cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
           cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// [SECTION] Encoding for the MACs

const char* const kRowTag = "amorce.audit.row.v1";
const char* const kHeadTag = "amorce.audit.head.v1";

void put_u64(std::string& out, std::uint64_t v) {
    for (int k = 0; k < 8; ++k) out.push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
}
// Length-prefixed: no two different field lists encode to the same bytes.
void put_bytes(std::string& out, std::string_view bytes) {
    put_u64(out, bytes.size());
    out.append(bytes);
}

std::string keyed_hash(const std::string& key, const std::string& message) {
    unsigned char out[crypto_generichash_BYTES];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), reinterpret_cast<const unsigned char*>(key.data()), key.size());
    return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

bool same_bytes(const std::string& a, const std::string& b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

const std::string& genesis() {
    static const std::string zeros(AuditLog::kHashBytes, '\0');
    return zeros;
}

std::string hex(const std::string& bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0xF]);
    }
    return out;
}

// [SECTION] SQLite plumbing

void exec(sql::Db& db, const char* statement) { db.exec(statement); }

// append()'s transaction: its own (BEGIN IMMEDIATE: the head is read then written, and a
// deferred read lock could not always be upgraded) or a SAVEPOINT inside the caller's.
class WriteScope {
public:
    explicit WriteScope(sql::Db& db) : db_(db), nested_(sqlite3_get_autocommit(db.get()) == 0) {
        exec(db_, nested_ ? "SAVEPOINT audit_append" : "BEGIN IMMEDIATE");
    }
    void commit() {
        exec(db_, nested_ ? "RELEASE audit_append" : "COMMIT");
        done_ = true;
    }
    ~WriteScope() {
        if (done_) return;
        // Best effort: the statement that failed may already have ended the transaction.
        if (nested_) {
            sqlite3_exec(db_.get(), "ROLLBACK TO audit_append; RELEASE audit_append", nullptr, nullptr, nullptr);
        } else if (sqlite3_get_autocommit(db_.get()) == 0) {
            sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        }
    }
    WriteScope(const WriteScope&) = delete;
    WriteScope& operator=(const WriteScope&) = delete;

private:
    sql::Db& db_;
    bool nested_;
    bool done_ = false;
};

// verify()'s read transaction, so that the head and the rows come from one snapshot.
class ReadScope {
public:
    explicit ReadScope(sql::Db& db) : db_(db), own_(sqlite3_get_autocommit(db.get()) != 0) {
        if (own_) exec(db_, "BEGIN");
    }
    ~ReadScope() {
        if (own_ && sqlite3_get_autocommit(db_.get()) == 0)
            sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr);
    }
    ReadScope(const ReadScope&) = delete;
    ReadScope& operator=(const ReadScope&) = delete;

private:
    sql::Db& db_;
    bool own_;
};

struct StoredHead {
    bool present = false;
    std::int64_t seq = 0;
    std::string hash;
    std::int64_t broken_at = 0;
    std::string mac;
};

StoredHead read_head(const sql::Db& db) {
    StoredHead h;
    sql::Stmt s(db, "SELECT seq, hash, broken_at, mac FROM audit_head WHERE id = 1");
    if (s.step()) {
        h.present = true;
        h.seq = s.int64(0);
        h.hash = s.blob(1);
        h.broken_at = s.int64(2);
        h.mac = s.blob(3);
    }
    return h;
}

const char* const kSelectColumns = "SELECT seq, at, who, what, target, detail, prev_hash, hash FROM audit";

AuditEntry read_entry(const sql::Stmt& s) {
    AuditEntry e;
    e.seq = s.int64(0);
    e.at = s.int64(1);
    e.who = s.text(2);
    e.what = s.text(3);
    e.target = s.text(4);
    e.detail = s.text(5);
    e.prev_hash = s.blob(6);
    e.hash = s.blob(7);
    return e;
}

AuditCheck fail(AuditProblem p, std::int64_t seq, std::int64_t checked, std::string reason) {
    AuditCheck c;
    c.problem = p;
    c.bad_seq = seq;
    c.checked = checked;
    c.reason = std::move(reason);
    return c;
}

} // namespace

// [SECTION] Kinds

const std::vector<std::string>& audit_kinds() {
    using namespace audit_kind;
    static const std::vector<std::string> kinds = {
        kLoginOk, kLoginFailed, kAccountLocked, kUnlockRecovery, kLock,           kOpen,
        kChange,  kFinalize,    kReopen,        kExport,         kPurge,          kAccountCreated,
        kAccountChanged, kSecretChanged, kAdminUnlock};
    return kinds;
}

bool is_audit_kind(std::string_view what) {
    const auto& kinds = audit_kinds();
    return std::find(kinds.begin(), kinds.end(), what) != kinds.end();
}

const char* problem_key(AuditProblem p) {
    switch (p) {
    case AuditProblem::None: return "ok";
    case AuditProblem::WrongKey: return "wrong_key";
    case AuditProblem::EditedRow: return "edited_row";
    case AuditProblem::DeletedRow: return "deleted_row";
    case AuditProblem::InsertedRow: return "inserted_row";
    case AuditProblem::Reordered: return "reordered";
    case AuditProblem::BadLink: return "bad_link";
    case AuditProblem::HeadMissing: return "head_missing";
    case AuditProblem::HeadAltered: return "head_altered";
    case AuditProblem::TailDeleted: return "tail_deleted";
    case AuditProblem::HeadMismatch: return "head_mismatch";
    case AuditProblem::HeadRebuilt: return "head_rebuilt";
    }
    return "unknown";
}

// [SECTION] AuditLog

const char* AuditLog::schema_sql() {
    return R"sql(
CREATE TABLE IF NOT EXISTS audit(
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  who TEXT NOT NULL,
  what TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_target ON audit(target);
CREATE TABLE IF NOT EXISTS audit_head(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash BLOB NOT NULL,
  broken_at INTEGER NOT NULL DEFAULT 0,
  mac BLOB NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_replace BEFORE INSERT ON audit
  WHEN EXISTS (SELECT 1 FROM audit WHERE seq = NEW.seq)
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_head_no_delete BEFORE DELETE ON audit_head
  BEGIN SELECT RAISE(ABORT, 'the audit head cannot be deleted'); END;
)sql";
}

std::string AuditLog::derive_key(const std::string& database_key) {
    static_assert(crypto_kdf_KEYBYTES == 32 && kKeyBytes >= crypto_kdf_BYTES_MIN &&
                  kKeyBytes <= crypto_kdf_BYTES_MAX);
    if (database_key.size() != crypto_kdf_KEYBYTES)
        throw std::invalid_argument("audit: the database key must be 32 bytes");
    unsigned char out[kKeyBytes];
    crypto_kdf_derive_from_key(out, sizeof out, 1, "AmAudit1",
                               reinterpret_cast<const unsigned char*>(database_key.data()));
    std::string key(reinterpret_cast<const char*>(out), sizeof out);
    sodium_memzero(out, sizeof out);
    return key;
}

AuditLog::AuditLog(sql::Db& db, std::string key) : db_(db), key_(std::move(key)) {
    static_assert(kKeyBytes == crypto_generichash_KEYBYTES && kHashBytes == crypto_generichash_BYTES);
    if (key_.size() != kKeyBytes) {
        sodium_memzero(key_.data(), key_.size());
        throw std::invalid_argument("audit: the key must be 32 bytes");
    }
}

AuditLog::~AuditLog() { sodium_memzero(key_.data(), key_.size()); }

void AuditLog::ensure_table() { exec(db_, schema_sql()); }

std::string AuditLog::row_mac(const std::string& prev_hash, const AuditEntry& e) const {
    std::string m;
    m.reserve(160 + e.who.size() + e.what.size() + e.target.size() + e.detail.size());
    put_bytes(m, kRowTag);
    put_bytes(m, prev_hash);
    put_u64(m, static_cast<std::uint64_t>(e.seq));
    put_u64(m, static_cast<std::uint64_t>(e.at));
    put_bytes(m, e.who);
    put_bytes(m, e.what);
    put_bytes(m, e.target);
    put_bytes(m, e.detail);
    return keyed_hash(key_, m);
}

std::string AuditLog::head_mac(std::int64_t seq, const std::string& hash, std::int64_t broken_at) const {
    std::string m;
    put_bytes(m, kHeadTag);
    put_u64(m, static_cast<std::uint64_t>(seq));
    put_bytes(m, hash);
    put_u64(m, static_cast<std::uint64_t>(broken_at));
    return keyed_hash(key_, m);
}

AuditEntry AuditLog::append(AuditEntry e) {
    if (!is_audit_kind(e.what)) throw std::invalid_argument("audit: unknown kind \"" + e.what + "\"");
    e.who = sanitize_audit_text(e.who, kMaxIdBytes);
    e.target = sanitize_audit_text(e.target, kMaxIdBytes);
    e.detail = sanitize_audit_text(e.detail, kMaxDetailBytes);
    if (e.at == 0) e.at = core::unix_now();

    WriteScope scope(db_);
    const StoredHead head = read_head(db_);
    std::int64_t last_seq = 0;
    std::string last_hash = genesis();
    {
        sql::Stmt s(db_, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
        if (s.step()) {
            last_seq = s.int64(0);
            last_hash = s.blob(1);
        }
    }
    const bool head_ok = head.present && same_bytes(head.mac, head_mac(head.seq, head.hash, head.broken_at));
    std::int64_t broken_at = head_ok ? head.broken_at : 0;
    if (!head.present && last_seq == 0) {
        e.seq = 1; // a new log
        e.prev_hash = genesis();
    } else if (head_ok && head.seq == last_seq && same_bytes(head.hash, last_hash)) {
        e.seq = head.seq + 1;
        e.prev_hash = head.hash;
    } else {
        // Tampered before this append: continue after everything seen, chained to the head when
        // it is genuine (so verify() still names the gap), and never let the new head look clean.
        const bool from_head = head_ok && head.seq >= last_seq;
        e.seq = std::max(head_ok ? head.seq : 0, last_seq) + 1;
        e.prev_hash = from_head ? head.hash : last_hash;
        if (broken_at == 0) broken_at = e.seq;
    }
    e.hash = row_mac(e.prev_hash, e);

    sql::Stmt ins(db_, "INSERT INTO audit(seq, at, who, what, target, detail, prev_hash, hash) "
                       "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, e.seq).bind(2, e.at).bind(3, e.who).bind(4, e.what).bind(5, e.target).bind(6, e.detail);
    ins.bind_blob(7, e.prev_hash).bind_blob(8, e.hash);
    ins.step();
    sql::Stmt upd(db_, "INSERT INTO audit_head(id, seq, hash, broken_at, mac) VALUES(1, ?, ?, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, "
                       "broken_at = excluded.broken_at, mac = excluded.mac");
    upd.bind(1, e.seq).bind_blob(2, e.hash).bind(3, broken_at).bind_blob(4, head_mac(e.seq, e.hash, broken_at));
    upd.step();
    scope.commit();
    return e;
}

AuditHead AuditLog::head() const {
    const StoredHead h = read_head(db_);
    return h.present ? AuditHead{h.seq, h.hash} : AuditHead{};
}

AuditCheck AuditLog::verify(const AuditHead* expected) const {
    ReadScope scope(db_);
    const StoredHead head = read_head(db_);
    const bool head_ok = head.present && same_bytes(head.mac, head_mac(head.seq, head.hash, head.broken_at));

    // A row whose content verifies under another seq was moved there. Only run on a failing row:
    // one MAC per row of the log.
    auto original_seq = [&](const AuditEntry& e) -> std::int64_t {
        sql::Stmt s(db_, "SELECT seq FROM audit ORDER BY seq");
        AuditEntry moved = e;
        while (s.step()) {
            moved.seq = s.int64(0);
            if (moved.seq != e.seq && same_bytes(row_mac(e.prev_hash, moved), e.hash)) return moved.seq;
        }
        return 0;
    };

    std::int64_t next = 1, checked = 0;
    std::string prev = genesis();
    std::string expected_row_hash; // the hash of row expected->seq, when seen
    sql::Stmt s(db_, (std::string(kSelectColumns) + " ORDER BY seq").c_str());
    while (s.step()) {
        const AuditEntry e = read_entry(s);
        ++checked;
        if (e.seq < next)
            return fail(AuditProblem::InsertedRow, e.seq, checked,
                        "entry " + std::to_string(e.seq) + " cannot be part of the log (added by hand)");
        if (e.seq > next)
            return fail(AuditProblem::DeletedRow, next, checked,
                        e.seq == next + 1 ? "entry " + std::to_string(next) + " was deleted"
                                          : "entries " + std::to_string(next) + " to " +
                                                std::to_string(e.seq - 1) + " were deleted");
        const bool genuine = e.hash.size() == kHashBytes && e.prev_hash.size() == kHashBytes &&
                             same_bytes(row_mac(e.prev_hash, e), e.hash);
        if (!genuine) {
            if (e.seq == 1 && head.present && !head_ok)
                return fail(AuditProblem::WrongKey, e.seq, checked,
                            "the audit key does not match this log (or its first entry and its head were "
                            "both altered)");
            if (const std::int64_t from = original_seq(e))
                return fail(AuditProblem::Reordered, e.seq, checked,
                            "entry " + std::to_string(e.seq) + " holds the entry written as " +
                                std::to_string(from) + ": entries were reordered");
            return fail(AuditProblem::EditedRow, e.seq, checked,
                        "entry " + std::to_string(e.seq) + " was altered after it was written");
        }
        if (!same_bytes(e.prev_hash, prev))
            return fail(AuditProblem::BadLink, e.seq, checked,
                        "entry " + std::to_string(e.seq) + " does not follow entry " +
                            std::to_string(e.seq - 1) + " (taken from another log, or its predecessor "
                                                        "was replaced)");
        if (expected && e.seq == expected->seq) expected_row_hash = e.hash;
        prev = e.hash;
        ++next;
    }
    const std::int64_t last = next - 1;

    if (!head.present) {
        if (last > 0)
            return fail(AuditProblem::HeadMissing, last, checked, "the audit head record was deleted");
    } else if (!head_ok) {
        return fail(AuditProblem::HeadAltered, 0, checked,
                    last == 0 ? "the audit head record does not verify (altered, or another key)"
                              : "the audit head record was altered");
    } else if (head.seq > last) {
        return fail(AuditProblem::TailDeleted, last + 1, checked,
                    "the newest entries (" + std::to_string(last + 1) + " to " + std::to_string(head.seq) +
                        ") were deleted");
    } else if (head.seq < last || !same_bytes(head.hash, prev)) {
        return fail(AuditProblem::HeadMismatch, head.seq < last ? head.seq + 1 : last, checked,
                    "the audit head does not name the last entry (an older head was restored?)");
    } else if (head.broken_at != 0) {
        return fail(AuditProblem::HeadRebuilt, head.broken_at, checked,
                    "the audit head was missing or altered when entry " + std::to_string(head.broken_at) +
                        " was written: entries before it may have been deleted");
    }

    if (expected && expected->seq > 0) {
        if (expected->seq > last)
            return fail(AuditProblem::TailDeleted, last + 1, checked,
                        "the log ends at entry " + std::to_string(last) + " but entry " +
                            std::to_string(expected->seq) + " was recorded elsewhere");
        if (!same_bytes(expected_row_hash, expected->hash))
            return fail(AuditProblem::HeadMismatch, expected->seq, checked,
                        "entry " + std::to_string(expected->seq) +
                            " is not the one recorded elsewhere: the log was rewritten");
    }
    AuditCheck ok;
    ok.checked = checked;
    return ok;
}

std::vector<AuditEntry> AuditLog::query(const AuditFilter& f) const {
    std::string q = std::string(kSelectColumns) + " WHERE 1";
    if (f.who) q += " AND who = ?";
    if (f.what) q += " AND what = ?";
    if (f.target) q += " AND target = ?";
    if (f.from) q += " AND at >= ?";
    if (f.to) q += " AND at <= ?";
    if (f.before_seq > 0) q += " AND seq < ?";
    q += " ORDER BY seq DESC";
    if (f.limit > 0) q += " LIMIT ?";
    sql::Stmt s(db_, q.c_str());
    int i = 0;
    if (f.who) s.bind(++i, *f.who);
    if (f.what) s.bind(++i, *f.what);
    if (f.target) s.bind(++i, *f.target);
    if (f.from) s.bind(++i, *f.from);
    if (f.to) s.bind(++i, *f.to);
    if (f.before_seq > 0) s.bind(++i, f.before_seq);
    if (f.limit > 0) s.bind(++i, static_cast<std::int64_t>(f.limit));
    std::vector<AuditEntry> out;
    while (s.step()) out.push_back(read_entry(s));
    return out;
}

std::int64_t AuditLog::write_json_lines(std::ostream& out) const {
    sql::Stmt s(db_, (std::string(kSelectColumns) + " ORDER BY seq").c_str());
    std::int64_t n = 0;
    while (s.step()) {
        out << to_json_line(read_entry(s)) << '\n';
        ++n;
    }
    return n;
}

// [SECTION] Text helpers

std::string sanitize_audit_text(std::string_view text, std::size_t max_bytes) {
    std::string clean;
    clean.reserve(std::min(text.size(), max_bytes + 8));
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const std::int32_t cp = next_code_point(text, i);
        if (cp < 0) {
            clean += kReplacement;
        } else if (is_line_break_or_tab(cp) || cp == ' ') {
            if (!clean.empty() && clean.back() != ' ') clean += ' '; // runs of spaces become one
        } else if (!is_dropped(cp)) {
            clean.append(text.substr(start, i - start));
        }
        if (clean.size() > max_bytes + 8) break; // enough to know it will be cut
    }
    while (!clean.empty() && clean.back() == ' ') clean.pop_back();
    if (clean.size() <= max_bytes) return clean;

    const std::size_t ellipsis = std::char_traits<char>::length(kEllipsis);
    std::size_t cut = max_bytes >= ellipsis ? max_bytes - ellipsis : max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xC0) == 0x80) --cut; // a character's start
    clean.resize(cut);
    while (!clean.empty() && clean.back() == ' ') clean.pop_back();
    if (max_bytes >= ellipsis) clean += kEllipsis;
    return clean;
}

std::string json_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const std::int32_t cp = next_code_point(text, i);
        char buf[16];
        switch (cp) {
        case -1: out += "\\ufffd"; break;
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (cp < 0x20 || cp == 0x7F || cp == 0x2028 || cp == 0x2029) {
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
                out += buf;
            } else {
                out.append(text.substr(start, i - start));
            }
        }
    }
    return out;
}

std::string to_json_line(const AuditEntry& e) {
    // Year 1970 to 9999: beyond that (a damaged value), the time is null rather than nonsense.
    const bool datable = e.at >= 0 && e.at <= 253402300799LL;
    std::string line = "{\"seq\":" + std::to_string(e.seq) + ",\"at\":" + std::to_string(e.at) + ",\"time\":";
    line += datable ? "\"" + core::format_unix_iso(e.at) + "\"" : std::string("null");
    line += ",\"who\":\"" + json_escape(e.who) + "\"";
    line += ",\"what\":\"" + json_escape(e.what) + "\"";
    line += ",\"target\":\"" + json_escape(e.target) + "\"";
    line += ",\"detail\":\"" + json_escape(e.detail) + "\"";
    line += ",\"prev_hash\":\"" + hex(e.prev_hash) + "\"";
    line += ",\"hash\":\"" + hex(e.hash) + "\"}";
    return line;
}

} // namespace amorce::store
