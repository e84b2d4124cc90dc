// Unit tests for src/store/audit: the hash-chained audit log (append, verify against every kind of
// tampering done with raw SQL, query, JSON lines) and its text helpers.
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "store/audit.hpp"
#include "store/sqlite.hpp"

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <chrono>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using amorce::store::AuditCheck;
using amorce::store::AuditEntry;
using amorce::store::AuditFilter;
using amorce::store::AuditHead;
using amorce::store::AuditLog;
using amorce::store::AuditProblem;
using amorce::store::json_escape;
using amorce::store::sanitize_audit_text;
using amorce::store::to_json_line;
namespace kind = amorce::store::audit_kind;
namespace sql = amorce::store::sql;

namespace {

const std::string kZeroKey(32, '\0');

std::string other_key() { return std::string(32, '\x5a'); }

struct Fixture {
    amorce::test::TempDir dir{"amorce-audit-test"};
    std::string path = dir.str() + "/audit.db";
    sql::Db db{path};
    AuditLog log{db, kZeroKey};
    Fixture() { log.ensure_table(); }

    // n entries at 1000, 1010, ...: who alternates c1/c2, targets s1..s3, kinds cycle.
    void fill(int n) {
        const char* kinds[] = {kind::kOpen, kind::kChange, kind::kFinalize};
        for (int i = 0; i < n; ++i) {
            AuditEntry e;
            e.at = 1000 + 10 * i;
            e.who = i % 2 ? "c2" : "c1";
            e.what = kinds[i % 3];
            e.target = "s" + std::to_string(i % 3 + 1);
            e.detail = e.what == std::string(kind::kChange) ? "cmd.add_episode" : "";
            log.append(e);
        }
    }
    // Raw SQL as someone holding the file would run it: the triggers dropped first.
    void tamper(const std::string& statements) {
        db.exec("DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;"
                "DROP TRIGGER IF EXISTS audit_no_replace; DROP TRIGGER IF EXISTS audit_head_no_delete;");
        db.exec(statements.c_str());
    }
    std::string hash_of(int seq) {
        sql::Stmt s(db, "SELECT hash FROM audit WHERE seq = ?");
        s.bind(1, static_cast<std::int64_t>(seq));
        REQUIRE(s.step());
        return s.blob(0);
    }
    std::int64_t count() {
        sql::Stmt s(db, "SELECT COUNT(*) FROM audit");
        REQUIRE(s.step());
        return s.int64(0);
    }
};

int exec_rc(sql::Db& db, const char* statement, std::string* message = nullptr) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db.get(), statement, nullptr, nullptr, &err);
    if (message) *message = err ? err : "";
    sqlite3_free(err);
    return rc;
}

void check_fails(const AuditCheck& c, AuditProblem problem, std::int64_t seq) {
    INFO("problem: " << amorce::store::problem_key(c.problem) << ", seq " << c.bad_seq << ": " << c.reason);
    CHECK_FALSE(c.ok());
    CHECK(c.problem == problem);
    CHECK(c.bad_seq == seq);
    CHECK_FALSE(c.reason.empty());
}

} // namespace

TEST_CASE("audit: append assigns seq, links the hashes and verifies") {
    Fixture f;
    CHECK(f.log.verify().ok()); // an empty log
    CHECK(f.log.head() == AuditHead{});
    f.fill(5);
    const auto all = f.log.query();
    REQUIRE(all.size() == 5);
    CHECK(all.front().seq == 5); // newest first
    for (std::size_t i = 0; i < all.size(); ++i) {
        const AuditEntry& e = all[all.size() - 1 - i];
        CHECK(e.seq == static_cast<std::int64_t>(i + 1));
        CHECK(e.hash.size() == 32);
        CHECK(e.prev_hash == (i == 0 ? std::string(32, '\0') : all[all.size() - i].hash));
    }
    CHECK(f.log.head() == AuditHead{5, all.front().hash});
    const AuditCheck c = f.log.verify();
    CHECK(c.ok());
    CHECK(c.checked == 5);
    CHECK(c.reason.empty());

    // at = 0 means now; append returns what it stored.
    const auto before = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
    const AuditEntry stored = f.log.append({0, 0, "c1", kind::kLock, "", "idle", "", ""});
    CHECK(stored.seq == 6);
    CHECK(stored.at >= before);
    CHECK(stored.at <= before + 5);
    CHECK(stored.prev_hash == all.front().hash);
    CHECK(f.log.verify().ok());
}

TEST_CASE("audit: the chain survives closing and reopening the database") {
    amorce::test::TempDir dir("amorce-audit-test");
    const std::string path = dir.str() + "/audit.db";
    {
        sql::Db db(path);
        AuditLog log(db, kZeroKey);
        log.ensure_table();
        log.append({0, 100, "c1", kind::kLoginOk, "", "", "", ""});
        log.append({0, 200, "c1", kind::kOpen, "0123456789abcdef", "", "", ""});
    }
    sql::Db db(path);
    AuditLog log(db, kZeroKey);
    log.ensure_table(); // idempotent
    CHECK(log.verify().ok());
    CHECK(log.append({0, 300, "c1", kind::kLock, "", "button", "", ""}).seq == 3);
    CHECK(log.verify().ok());
}

TEST_CASE("audit: SQL triggers refuse UPDATE and DELETE on the log") {
    Fixture f;
    f.fill(3);
    std::string msg;
    CHECK(exec_rc(f.db, "UPDATE audit SET detail = 'x' WHERE seq = 2", &msg) != SQLITE_OK);
    CHECK(msg.find("append-only") != std::string::npos);
    CHECK(exec_rc(f.db, "DELETE FROM audit WHERE seq = 3", &msg) != SQLITE_OK);
    CHECK(exec_rc(f.db, "DELETE FROM audit_head", &msg) != SQLITE_OK);
    CHECK(exec_rc(f.db, "INSERT OR REPLACE INTO audit SELECT seq, at, 'x', what, target, detail, prev_hash, hash "
                        "FROM audit WHERE seq = 1", &msg) != SQLITE_OK);
    CHECK(msg.find("append-only") != std::string::npos);
    CHECK(exec_rc(f.db, "INSERT INTO audit SELECT 4, at, who, what, target, detail, prev_hash, hash "
                        "FROM audit WHERE seq = 1") == SQLITE_OK); // new rows are allowed: verify() judges them
    CHECK(f.count() == 4);
    CHECK_FALSE(f.log.verify().ok());
}

TEST_CASE("audit: an edited field is found at its seq") {
    const char* edits[] = {
        "UPDATE audit SET at = at + 1 WHERE seq = 4",
        "UPDATE audit SET who = 'c9' WHERE seq = 4",
        "UPDATE audit SET what = 'export' WHERE seq = 4",
        "UPDATE audit SET target = 's9' WHERE seq = 4",
        "UPDATE audit SET detail = 'cmd.other' WHERE seq = 4",
        "UPDATE audit SET detail = detail || ' ' WHERE seq = 4",
        "UPDATE audit SET hash = zeroblob(32) WHERE seq = 4",
        "UPDATE audit SET hash = x'' WHERE seq = 4",
        "UPDATE audit SET prev_hash = zeroblob(32) WHERE seq = 4",
        "UPDATE audit SET prev_hash = x'00' WHERE seq = 4",
    };
    for (const std::string edit : edits) {
        CAPTURE(edit);
        Fixture f;
        f.fill(6);
        f.tamper(edit);
        check_fails(f.log.verify(), AuditProblem::EditedRow, 4);
    }
    Fixture f; // the first and the last rows too
    f.fill(6);
    f.tamper("UPDATE audit SET who = 'x' WHERE seq = 1");
    check_fails(f.log.verify(), AuditProblem::EditedRow, 1);
    Fixture g;
    g.fill(6);
    g.tamper("UPDATE audit SET who = 'x' WHERE seq = 6");
    check_fails(g.log.verify(), AuditProblem::EditedRow, 6);
}

TEST_CASE("audit: a deleted row in the middle or at the start is found") {
    Fixture f;
    f.fill(6);
    f.tamper("DELETE FROM audit WHERE seq = 3");
    const AuditCheck c = f.log.verify();
    check_fails(c, AuditProblem::DeletedRow, 3);
    CHECK(c.reason == "entry 3 was deleted");

    Fixture g;
    g.fill(6);
    g.tamper("DELETE FROM audit WHERE seq IN (3, 4)");
    check_fails(g.log.verify(), AuditProblem::DeletedRow, 3);
    CHECK(g.log.verify().reason == "entries 3 to 4 were deleted");

    Fixture h;
    h.fill(6);
    h.tamper("DELETE FROM audit WHERE seq = 1");
    check_fails(h.log.verify(), AuditProblem::DeletedRow, 1);

    // Deleted and the following rows renumbered: the renumbered rows no longer verify.
    Fixture r;
    r.fill(6);
    r.tamper("DELETE FROM audit WHERE seq = 3; UPDATE audit SET seq = seq - 1 WHERE seq > 3;"
             "UPDATE audit_head SET seq = 5");
    CHECK_FALSE(r.log.verify().ok());
    CHECK(r.log.verify().bad_seq == 3);
}

TEST_CASE("audit: deleting the newest rows is found through the head") {
    Fixture f;
    f.fill(6);
    f.tamper("DELETE FROM audit WHERE seq = 6");
    check_fails(f.log.verify(), AuditProblem::TailDeleted, 6);

    Fixture g;
    g.fill(6);
    g.tamper("DELETE FROM audit WHERE seq >= 4");
    const AuditCheck c = g.log.verify();
    check_fails(c, AuditProblem::TailDeleted, 4);
    CHECK(c.reason == "the newest entries (4 to 6) were deleted");

    Fixture all; // every row, head kept
    all.fill(3);
    all.tamper("DELETE FROM audit");
    check_fails(all.log.verify(), AuditProblem::TailDeleted, 1);
}

TEST_CASE("audit: a head rewritten or deleted to hide a deletion is found") {
    Fixture f;
    f.fill(6);
    const std::string h5 = f.hash_of(5);
    f.tamper("DELETE FROM audit WHERE seq = 6");
    sql::Stmt s(f.db, "UPDATE audit_head SET seq = 5, hash = ?");
    s.bind_blob(1, h5);
    s.step();
    check_fails(f.log.verify(), AuditProblem::HeadAltered, 0);

    Fixture g;
    g.fill(6);
    g.tamper("DELETE FROM audit WHERE seq = 6; DELETE FROM audit_head");
    check_fails(g.log.verify(), AuditProblem::HeadMissing, 5);

    Fixture m; // the head's MAC itself damaged
    m.fill(2);
    m.tamper("UPDATE audit_head SET mac = zeroblob(32)");
    check_fails(m.log.verify(), AuditProblem::HeadAltered, 0);
}

TEST_CASE("audit: appending after tampering keeps the evidence") {
    Fixture f; // tail and head deleted, then the application appends again
    f.fill(6);
    f.tamper("DELETE FROM audit WHERE seq = 6; DELETE FROM audit_head");
    const AuditEntry e = f.log.append({0, 5000, "c1", kind::kLoginOk, "", "", "", ""});
    CHECK(e.seq == 6);
    check_fails(f.log.verify(), AuditProblem::HeadRebuilt, 6);
    f.log.append({0, 5001, "c1", kind::kLock, "", "", "", ""});
    check_fails(f.log.verify(), AuditProblem::HeadRebuilt, 6); // still, after more appends

    Fixture g; // tail deleted, genuine head kept: the new row leaves the gap visible
    g.fill(6);
    g.tamper("DELETE FROM audit WHERE seq >= 5");
    CHECK(g.log.append({0, 5000, "c1", kind::kLoginOk, "", "", "", ""}).seq == 7);
    check_fails(g.log.verify(), AuditProblem::DeletedRow, 5);

    Fixture h; // a middle row deleted
    h.fill(6);
    h.tamper("DELETE FROM audit WHERE seq = 2");
    h.log.append({0, 5000, "c1", kind::kLoginOk, "", "", "", ""});
    check_fails(h.log.verify(), AuditProblem::DeletedRow, 2);

    Fixture m; // head MAC damaged
    m.fill(3);
    m.tamper("UPDATE audit_head SET mac = zeroblob(32)");
    CHECK(m.log.append({0, 5000, "c1", kind::kLoginOk, "", "", "", ""}).seq == 4);
    check_fails(m.log.verify(), AuditProblem::HeadRebuilt, 4);
}

TEST_CASE("audit: swapped rows are reported as reordered") {
    Fixture f;
    f.fill(6);
    f.tamper("UPDATE audit SET seq = -3 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 4;"
             "UPDATE audit SET seq = 4 WHERE seq = -3");
    const AuditCheck c = f.log.verify();
    check_fails(c, AuditProblem::Reordered, 3);
    CHECK(c.reason.find("written as 4") != std::string::npos);

    Fixture g; // the first and the last
    g.fill(6);
    g.tamper("UPDATE audit SET seq = -1 WHERE seq = 1; UPDATE audit SET seq = 1 WHERE seq = 6;"
             "UPDATE audit SET seq = 6 WHERE seq = -1");
    check_fails(g.log.verify(), AuditProblem::Reordered, 1);

    Fixture h; // contents swapped, hashes left in place: the rows no longer match their hashes
    h.fill(6);
    h.tamper("CREATE TEMP TABLE t AS SELECT * FROM audit WHERE seq IN (3, 4);"
             "UPDATE audit SET who = (SELECT who FROM t WHERE seq = 4), what = (SELECT what FROM t WHERE seq = 4),"
             " target = (SELECT target FROM t WHERE seq = 4), at = (SELECT at FROM t WHERE seq = 4) WHERE seq = 3;"
             "UPDATE audit SET who = (SELECT who FROM t WHERE seq = 3), what = (SELECT what FROM t WHERE seq = 3),"
             " target = (SELECT target FROM t WHERE seq = 3), at = (SELECT at FROM t WHERE seq = 3) WHERE seq = 4;");
    check_fails(h.log.verify(), AuditProblem::EditedRow, 3);
}

TEST_CASE("audit: a genuine row spliced from another log breaks the link") {
    Fixture a, b; // two logs with the same key
    a.fill(3);
    b.log.append({0, 1, "x", kind::kLoginOk, "", "", "", ""});
    b.log.append({0, 2, "x", kind::kPurge, "s1", "", "", ""});
    b.db.exec(("ATTACH DATABASE '" + a.path + "' AS a").c_str());
    b.db.exec("DROP TRIGGER IF EXISTS a.audit_no_delete; DELETE FROM a.audit WHERE seq = 2;"
              "INSERT INTO a.audit SELECT * FROM main.audit WHERE seq = 2; DETACH DATABASE a");
    check_fails(a.log.verify(), AuditProblem::BadLink, 2);
}

TEST_CASE("audit: a row added by hand with seq 0 is found") {
    Fixture f;
    f.fill(3);
    f.tamper("INSERT INTO audit SELECT 0, at, who, what, target, detail, prev_hash, hash FROM audit WHERE seq = 1");
    check_fails(f.log.verify(), AuditProblem::InsertedRow, 0);
}

TEST_CASE("audit: the wrong key fails verification and a bad key size is refused") {
    Fixture f;
    f.fill(4);
    const AuditLog wrong(f.db, other_key());
    check_fails(wrong.verify(), AuditProblem::WrongKey, 1);
    CHECK(f.log.verify().ok());

    CHECK_THROWS_AS(AuditLog(f.db, ""), std::invalid_argument);
    CHECK_THROWS_AS(AuditLog(f.db, std::string(31, 'k')), std::invalid_argument);
    CHECK_THROWS_AS(AuditLog(f.db, std::string(33, 'k')), std::invalid_argument);

    Fixture empty; // no rows: only the head could tell, and there is none
    const AuditLog wrong_empty(empty.db, other_key());
    CHECK(wrong_empty.verify().ok());
}

TEST_CASE("audit: derive_key is deterministic and depends on the database key") {
    const std::string db_key_a(32, '\x01'), db_key_b(32, '\x02');
    const std::string a = AuditLog::derive_key(db_key_a);
    CHECK(a.size() == 32);
    CHECK(a == AuditLog::derive_key(db_key_a));
    CHECK(a != db_key_a);
    CHECK(a != AuditLog::derive_key(db_key_b));
    CHECK_THROWS_AS(AuditLog::derive_key(std::string(16, 'k')), std::invalid_argument);

    Fixture f; // a log written with one derived key does not verify with the other
    {
        AuditLog log(f.db, a);
        log.append({0, 1, "c1", kind::kLoginOk, "", "", "", ""});
        CHECK(log.verify().ok());
    }
    check_fails(AuditLog(f.db, AuditLog::derive_key(db_key_b)).verify(), AuditProblem::WrongKey, 1);
}

TEST_CASE("audit: a restored older head is caught only by an expected head kept elsewhere") {
    // The documented limit: rows and head rolled back together to an earlier genuine state.
    Fixture f;
    f.fill(5);
    f.tamper("CREATE TEMP TABLE old_head AS SELECT * FROM audit_head");
    f.log.append({0, 9000, "c1", kind::kExport, "s1", "", "", ""});
    const AuditHead recorded = f.log.head(); // e.g. written into the export bundle
    CHECK(recorded.seq == 6);
    f.tamper("DELETE FROM audit WHERE seq = 6; DELETE FROM audit_head; INSERT INTO audit_head SELECT * FROM old_head");
    CHECK(f.log.verify().ok());
    check_fails(f.log.verify(&recorded), AuditProblem::TailDeleted, 6);

    Fixture g; // same length, other content: impossible without the key, so use a second log
    g.fill(5);
    AuditHead forged = g.log.head();
    forged.hash = std::string(32, '\x33');
    check_fails(g.log.verify(&forged), AuditProblem::HeadMismatch, 5);
    const AuditHead genuine = g.log.head();
    CHECK(g.log.verify(&genuine).ok());
    g.fill(2); // an older expected head still matches its row
    CHECK(g.log.verify(&genuine).ok());
}

TEST_CASE("audit: unknown kinds are refused and nothing is written") {
    Fixture f;
    f.fill(2);
    CHECK_THROWS_AS(f.log.append({0, 1, "c1", "login", "", "", "", ""}), std::invalid_argument);
    CHECK_THROWS_AS(f.log.append({0, 1, "c1", "", "", "", "", ""}), std::invalid_argument);
    CHECK_THROWS_AS(f.log.append({0, 1, "c1", "OPEN", "", "", "", ""}), std::invalid_argument);
    CHECK(f.count() == 2);
    CHECK(f.log.head().seq == 2);
    CHECK(f.log.verify().ok());
}

TEST_CASE("audit: every kind is known, unique and lower-case") {
    const auto& kinds = amorce::store::audit_kinds();
    CHECK(kinds.size() == 15);
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        CHECK(amorce::store::is_audit_kind(kinds[i]));
        for (std::size_t j = i + 1; j < kinds.size(); ++j) CHECK(kinds[i] != kinds[j]);
        for (const char c : kinds[i]) CHECK(((c >= 'a' && c <= 'z') || c == '_'));
    }
    CHECK(amorce::store::is_audit_kind("reopen"));
    CHECK_FALSE(amorce::store::is_audit_kind("reopened"));
}

TEST_CASE("audit: append cleans who, target and detail before hashing") {
    Fixture f;
    const std::string long_detail(500, 'x');
    const AuditEntry e =
        f.log.append({0, 1, " c1\n", kind::kReopen, "s1\x1b[31m", "Erreur\tde\r\ndate " + long_detail, "", ""});
    CHECK(e.who == "c1");
    CHECK(e.target == "s1[31m");
    CHECK(e.detail.rfind("Erreur de date xxx", 0) == 0);
    CHECK(e.detail.size() <= AuditLog::kMaxDetailBytes);
    const auto stored = f.log.query();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].who == e.who);
    CHECK(stored[0].target == e.target);
    CHECK(stored[0].detail == e.detail);
    CHECK(f.log.verify().ok());
}

TEST_CASE("audit: append joins the caller's transaction") {
    Fixture f;
    f.fill(2);
    const AuditHead before = f.log.head();
    f.db.exec("BEGIN");
    f.log.append({0, 1, "c1", kind::kPurge, "s1", "", "", ""});
    f.db.exec("ROLLBACK"); // e.g. the purge itself failed: its audit entry goes with it
    CHECK(f.count() == 2);
    CHECK(f.log.head() == before);
    CHECK(f.log.verify().ok());

    f.db.exec("BEGIN");
    f.log.append({0, 2, "c1", kind::kPurge, "s1", "", "", ""});
    f.log.append({0, 3, "c1", kind::kPurge, "s2", "", "", ""});
    f.db.exec("COMMIT");
    CHECK(f.count() == 4);
    CHECK(f.log.head().seq == 4);
    CHECK(f.log.verify().ok());
}

TEST_CASE("audit: ten thousand entries append and verify") {
    Fixture f;
    const auto t0 = std::chrono::steady_clock::now();
    f.db.exec("BEGIN");
    f.fill(10000);
    f.db.exec("COMMIT");
    const auto t1 = std::chrono::steady_clock::now();
    const AuditCheck c = f.log.verify();
    const auto t2 = std::chrono::steady_clock::now();
    CHECK(c.ok());
    CHECK(c.checked == 10000);
    const auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
    MESSAGE("audit: 10,000 appends in one transaction " << ms(t1 - t0) << " ms, verify " << ms(t2 - t1) << " ms");

    f.tamper("UPDATE audit SET detail = 'x' WHERE seq = 9999"); // worst case: the reorder search runs
    const auto t3 = std::chrono::steady_clock::now();
    check_fails(f.log.verify(), AuditProblem::EditedRow, 9999);
    MESSAGE("audit: verify of 10,000 entries finding an edit at 9,999: "
            << ms(std::chrono::steady_clock::now() - t3) << " ms");
}

TEST_CASE("audit: query filters by who, what, target and time, newest first, with paging") {
    Fixture f;
    f.fill(12); // seq i+1: at 1000+10i, who c1 (even i) / c2, kinds open/change/finalize, target s(i%3+1)
    auto seqs = [](const std::vector<AuditEntry>& v) {
        std::vector<std::int64_t> out;
        for (const auto& e : v) out.push_back(e.seq);
        return out;
    };
    using V = std::vector<std::int64_t>;
    CHECK(seqs(f.log.query()) == V{12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
    AuditFilter who;
    who.who = "c2";
    CHECK(seqs(f.log.query(who)) == V{12, 10, 8, 6, 4, 2});
    AuditFilter what;
    what.what = kind::kChange;
    CHECK(seqs(f.log.query(what)) == V{11, 8, 5, 2});
    AuditFilter target;
    target.target = "s3";
    CHECK(seqs(f.log.query(target)) == V{12, 9, 6, 3});
    AuditFilter range; // inclusive bounds: at 1030 (seq 4) to 1060 (seq 7)
    range.from = 1030;
    range.to = 1060;
    CHECK(seqs(f.log.query(range)) == V{7, 6, 5, 4});
    AuditFilter both;
    both.who = "c1";
    both.target = "s1";
    CHECK(seqs(f.log.query(both)) == V{7, 1});
    AuditFilter page;
    page.limit = 5;
    CHECK(seqs(f.log.query(page)) == V{12, 11, 10, 9, 8});
    page.before_seq = 8;
    CHECK(seqs(f.log.query(page)) == V{7, 6, 5, 4, 3});
    page.before_seq = 3;
    CHECK(seqs(f.log.query(page)) == V{2, 1});
    AuditFilter none;
    none.who = "nobody";
    CHECK(f.log.query(none).empty());
    AuditFilter injection; // values are bound, never spliced into the SQL
    injection.who = "c1' OR '1'='1";
    CHECK(f.log.query(injection).empty());
    const auto one = f.log.query(what);
    CHECK(one[0].detail == "cmd.add_episode");
    CHECK(one[0].at == 1100);
    CHECK(one[0].who == "c1");
}

TEST_CASE("audit: sanitize_audit_text strips controls and caps the length") {
    CHECK(sanitize_audit_text("cmd.add_episode") == "cmd.add_episode");
    CHECK(sanitize_audit_text("  a\tb\r\nc  ") == "a b c");
    CHECK(sanitize_audit_text("a\n\n\nb") == "a b");
    CHECK(sanitize_audit_text(std::string("a\0b\x07" "c\x7f" "d", 7)) == "abcd");
    CHECK(sanitize_audit_text("x\xC2\x85y") == "x y");                   // NEL
    CHECK(sanitize_audit_text("x\xC2\x9By") == "xy");                    // C1 CSI
    CHECK(sanitize_audit_text("abc\xE2\x80\xAE" "fdp.exe") == "abcfdp.exe"); // RIGHT-TO-LEFT OVERRIDE
    CHECK(sanitize_audit_text("a\xE2\x81\xA6" "b") == "ab");             // LEFT-TO-RIGHT ISOLATE
    CHECK(sanitize_audit_text("l\xE2\x80\xA8m") == "l m");               // LINE SEPARATOR
    CHECK(sanitize_audit_text("Réouverture : « erreur »") == "Réouverture : « erreur »");
    CHECK(sanitize_audit_text("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
    CHECK(sanitize_audit_text("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD"); // overlong '/'
    CHECK(sanitize_audit_text("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // surrogate
    CHECK(sanitize_audit_text("trunc\xE2\x82") == "trunc\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(sanitize_audit_text("\n\t ") == "");

    // Caps: at most max bytes, cut between characters, "…" at the end.
    CHECK(sanitize_audit_text("abcdef", 6) == "abcdef");
    CHECK(sanitize_audit_text("abcdefg", 6) == "abc\xE2\x80\xA6");
    CHECK(sanitize_audit_text("ééééé", 8) == "éé\xE2\x80\xA6"); // 10 bytes; 5 left: é é, not half of one
    CHECK(sanitize_audit_text("ab cdefgh", 6) == "ab\xE2\x80\xA6"); // no space before the ellipsis
    CHECK(sanitize_audit_text("abcdef", 2) == "ab");
    CHECK(sanitize_audit_text("abcdef", 0) == "");
    const std::string emoji = "\xF0\x9F\x98\x80"; // 😀, 4 bytes
    std::string many;
    for (int i = 0; i < 100; ++i) many += emoji;
    const std::string capped = sanitize_audit_text(many);
    CHECK(capped.size() <= AuditLog::kMaxDetailBytes);
    CHECK(capped.size() == 49 * 4 + 3); // 197 bytes of emoji would not fit: 196 + "…"
    CHECK(sanitize_audit_text(std::string(100000, 'z')).size() == AuditLog::kMaxDetailBytes);
}

TEST_CASE("audit: json_escape handles quotes, newlines and non-ASCII") {
    CHECK(json_escape("plain") == "plain");
    CHECK(json_escape("il a dit \"non\"") == "il a dit \\\"non\\\"");
    CHECK(json_escape("C:\\dossier") == "C:\\\\dossier");
    CHECK(json_escape("a\nb\r\tc") == "a\\nb\\r\\tc");
    CHECK(json_escape("\b\f") == "\\b\\f");
    CHECK(json_escape(std::string("\x01\x1f\x7f", 3)) == "\\u0001\\u001f\\u007f");
    CHECK(json_escape(std::string("a\0b", 3)) == "a\\u0000b");
    CHECK(json_escape("Élodie, « réouverture », œuvre") == "Élodie, « réouverture », œuvre");
    CHECK(json_escape("\xF0\x9F\x98\x80 \xE4\xB8\xAD") == "\xF0\x9F\x98\x80 \xE4\xB8\xAD"); // 😀 中
    CHECK(json_escape("x\xE2\x80\xA8y\xE2\x80\xA9") == "x\\u2028y\\u2029");
    CHECK(json_escape("bad\xFF\xC3") == "bad\\ufffd\\ufffd");
    CHECK(json_escape("</script>") == "</script>");
    CHECK(json_escape("") == "");
}

TEST_CASE("audit: JSON lines give every entry oldest first, one per line") {
    AuditEntry e;
    e.seq = 7;
    e.at = 1767261600; // 2026-01-01T10:00:00Z
    e.who = "c1";
    e.what = "reopen";
    e.target = "0123456789abcdef";
    e.detail = "Date \"erronée\"\nà corriger";
    e.prev_hash = std::string(32, '\0');
    e.hash = std::string(32, '\xab');
    std::string expected_hash;
    for (int i = 0; i < 32; ++i) expected_hash += "ab";
    CHECK(to_json_line(e) ==
          "{\"seq\":7,\"at\":1767261600,\"time\":\"2026-01-01T10:00:00Z\",\"who\":\"c1\",\"what\":\"reopen\","
          "\"target\":\"0123456789abcdef\",\"detail\":\"Date \\\"erronée\\\"\\nà corriger\",\"prev_hash\":\"" +
              std::string(64, '0') + "\",\"hash\":\"" + expected_hash + "\"}");
    e.at = -5; // a damaged time: null, not nonsense
    CHECK(to_json_line(e).find("\"time\":null") != std::string::npos);

    Fixture f;
    f.fill(4);
    f.log.append({0, 2000, "c1", kind::kReopen, "s1", "ligne 1\nligne 2 \"citée\"", "", ""});
    std::ostringstream out;
    CHECK(f.log.write_json_lines(out) == 5);
    const std::string text = out.str();
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    REQUIRE(lines.size() == 5);
    CHECK(text.back() == '\n');
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CHECK(lines[i].rfind("{\"seq\":" + std::to_string(i + 1) + ",", 0) == 0);
        CHECK(lines[i].back() == '}');
    }
    CHECK(lines[4].find("\"detail\":\"ligne 1 ligne 2 \\\"citée\\\"\"") != std::string::npos);
}
