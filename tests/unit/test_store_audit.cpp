// Unit tests for the audit log as the store writes it (issue 7): every account and unlock
// operation leaves its entry, failures made while locked are chained at the next unlock,
// entries queued by the app are committed with the sessions and coalesced, an edited row in the
// file is detected; export marks (atomic, audited) and the retention purge (with its entry, and
// nothing of the person left in the files); the recovery key's throttle.
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "store_fixtures.hpp"

#include "core/retention.hpp"

#include <map>

using amorce::store::AuditEntry;
using amorce::store::AuditFilter;
using amorce::store::AuditProblem;
namespace kind = amorce::store::audit_kind;

namespace {

// The entries, oldest first, as "what who target detail".
std::vector<std::string> lines(const Store& store, const AuditFilter& f = {}) {
    std::string error;
    std::vector<AuditEntry> all = store.audit_entries(f, &error);
    INFO(error);
    REQUIRE(error.empty());
    std::vector<std::string> out;
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        out.push_back(it->what + " " + it->who + " " + it->target + " " + it->detail);
    return out;
}

bool has_line(const std::vector<std::string>& l, const std::string& line) {
    return std::find(l.begin(), l.end(), line) != l.end();
}

Session finalized(const std::string& id, const Person& p) {
    Session s = make_person_session(id, p);
    s.status = amorce::core::SessionStatus::Finalized;
    return s;
}

} // namespace

TEST_CASE("store audit: creating the administrator, adding a counsellor, locking and unlocking are in the log, chained") {
    TempDir dir;
    auto store = open_store(dir.path);
    setup_encrypted(*store);
    store->lock("idle");
    CHECK(store->audit_entries().empty()); // locked: nothing to read
    REQUIRE(store->unlock("camille", kCounsellorPin).ok());
    const auto l = lines(*store);
    CHECK(has_line(l, "account_created admin admin admin"));
    CHECK(has_line(l, "account_created admin camille counsellor"));
    CHECK(has_line(l, "lock admin  idle"));
    CHECK(has_line(l, "login_ok camille camille unlock"));
    CHECK(store->verify_audit().ok());
    CHECK(store->audit_head().seq == static_cast<std::int64_t>(l.size()));
}

TEST_CASE("store audit: failed logins made while locked wait in the file and are chained at the next unlock, in order") {
    TempDir dir;
    {
        auto store = open_store(dir.path);
        setup_encrypted(*store);
        store->lock();
        CHECK(store->unlock("camille", "111111").status == Status::WrongSecret);
        CHECK(store->unlock("nobody", "111111").status == Status::UnknownAccount);
    }
    auto store = open_store(dir.path); // a restart does not lose them
    REQUIRE(store->unlock("admin", kAdminPin).ok());
    const auto l = lines(*store);
    const auto failed = std::find(l.begin(), l.end(), "login_failed camille camille unlock");
    const auto unknown = std::find(l.begin(), l.end(), "login_failed   unlock:unknown_account");
    const auto ok = std::find(l.begin(), l.end(), "login_ok admin admin unlock");
    REQUIRE(failed != l.end());
    REQUIRE(unknown != l.end()); // who is "": the typed identifier could be a name
    REQUIRE(ok != l.end());
    CHECK(failed < unknown);
    CHECK(unknown < ok);
    CHECK(store->verify_audit().ok());
    RawDb raw(dir.db());
    CHECK(raw.integer("SELECT count(*) FROM audit_pending") == 0);
}

TEST_CASE("store audit: ten wrong PINs lock the account and the log says so; the admin's unlock and new PIN are logged") {
    TempDir dir;
    auto store = open_store(dir.path);
    FakeClock clock;
    store->set_clock(clock.fn());
    setup_encrypted(*store);
    for (int i = 0; i < crypto::kLockAfterFailures; ++i) {
        store->unlock("camille", "999999");
        clock.advance(600);
    }
    REQUIRE(store->admin_unlock_account("camille"));
    REQUIRE(store->set_secret("camille", "583920"));
    const auto l = lines(*store);
    CHECK(std::count(l.begin(), l.end(), "login_failed camille camille unlock") == crypto::kLockAfterFailures);
    CHECK(has_line(l, "account_locked camille camille unlock"));
    CHECK(has_line(l, "admin_unlock admin camille "));
    CHECK(has_line(l, "secret_changed admin camille admin"));
    REQUIRE(store->change_secret("camille", "583920", "640271").ok());
    CHECK(has_line(lines(*store), "secret_changed camille camille own"));
    CHECK(store->verify_audit().ok());
}

TEST_CASE("store audit: entries queued by the app are committed with the sessions, and a repeated change is written once") {
    TempDir dir;
    auto store = open_store(dir.path);
    setup_encrypted(*store);
    REQUIRE(store->unlock("camille", kCounsellorPin).ok());
    const Session s = make_person_session(id_of(7), kPeople[0]);
    store->audit(kind::kOpen, s.id);
    for (int i = 0; i < 20; ++i) store->audit(kind::kChange, s.id, "cmd.move_card");
    store->save_async(s);
    store->audit("no_such_kind", s.id); // refused, never written
    REQUIRE(store->flush());
    AuditFilter f;
    f.target = s.id;
    const auto l = lines(*store, f);
    REQUIRE(l.size() == 2);
    CHECK(l[0] == "open camille " + s.id + " ");
    CHECK(l[1] == "change camille " + s.id + " cmd.move_card");
    // Nothing of the person goes into the log, which is not encrypted.
    RawDb raw(dir.db());
    CHECK(raw.integer("SELECT count(*) FROM audit WHERE detail LIKE '%" + kPeople[0].last + "%'") == 0);
}

TEST_CASE("store audit: a reopen reason is sealed in the file (it may name the person) and read back in clear") {
    TempDir dir;
    auto store = open_store(dir.path);
    setup_encrypted(*store);
    const std::string reason = "Oubli signalé par " + kPeople[1].first + " " + kPeople[1].last;
    store->audit(kind::kReopen, id_of(1), reason);
    REQUIRE(store->flush());
    INFO(lines(*store).back());
    CHECK(has_line(lines(*store), "reopen admin " + id_of(1) + " " + reason));
    CHECK(store->verify_audit().ok());
    store.reset();
    CHECK(scan_folder(dir.path, {kPeople[1]}).empty());
}

TEST_CASE("store audit: an audit row edited in the file is detected by the chain check") {
    TempDir dir;
    {
        auto store = open_store(dir.path);
        setup_encrypted(*store);
        store->audit(kind::kReopen, id_of(1), "Oubli");
        REQUIRE(store->flush());
        REQUIRE(store->verify_audit().ok());
    }
    {
        RawDb raw(dir.db());
        raw.exec("DROP TRIGGER audit_no_update");
        raw.exec("UPDATE audit SET detail='Rien' WHERE what='reopen'");
    }
    auto store = open_store(dir.path);
    REQUIRE(store->unlock("admin", kAdminPin).ok());
    const auto check = store->verify_audit();
    CHECK(check.problem == AuditProblem::EditedRow);
    CHECK(check.bad_seq > 0);
}

TEST_CASE("store audit: mark_exported sets status, date and history, one audit entry each; a re-export says again") {
    TempDir dir;
    auto store = open_store(dir.path);
    setup_encrypted(*store, false);
    REQUIRE(store->save_now(finalized(id_of(5), kPeople[1])));
    std::string error;
    REQUIRE(store->mark_exported({id_of(5)}, 1'800'000'000, &error));
    const auto loaded = store->load(id_of(5));
    REQUIRE(loaded);
    CHECK(loaded->status == amorce::core::SessionStatus::Exported);
    REQUIRE_FALSE(loaded->history.empty());
    CHECK(loaded->history.back().what == "exported");
    bool listed = false;
    for (const auto& s : store->list())
        if (s.id == id_of(5)) {
            listed = true;
            CHECK(s.exported_at == 1'800'000'000);
            CHECK(s.status == amorce::core::SessionStatus::Exported);
        }
    CHECK(listed);
    REQUIRE(store->mark_exported({id_of(5)}, 1'800'000'100, &error));
    const auto l = lines(*store);
    CHECK(has_line(l, "export admin " + id_of(5) + " "));
    CHECK(has_line(l, "export admin " + id_of(5) + " again"));
}

TEST_CASE("store audit: mark_exported is all or nothing: a draft among the sessions marks none") {
    TempDir dir;
    auto store = open_store(dir.path);
    setup_encrypted(*store); // three drafts
    REQUIRE(store->save_now(finalized(id_of(5), kPeople[1])));
    std::string error;
    CHECK_FALSE(store->mark_exported({id_of(5), id_of(0)}, 1'800'000'000, &error));
    CHECK(error.find("not finalized") != std::string::npos);
    CHECK_FALSE(store->mark_exported({id_of(5), "0000000000000bad"}, 1'800'000'000, &error));
    for (const auto& s : store->list()) CHECK(s.exported_at == 0);
    CHECK(store->load(id_of(5))->status == amorce::core::SessionStatus::Finalized);
    for (const auto& l : lines(*store)) CHECK(l.rfind("export ", 0) != 0);
}

TEST_CASE("store audit: retention purges exported sessions after the delay, with an entry, and leaves nothing in the files") {
    TempDir dir;
    auto store = open_store(dir.path);
    setup_encrypted(*store, false);
    const std::int64_t day = 86400;
    const std::int64_t now = 1'800'000'000;
    REQUIRE(store->save_now(finalized(id_of(0), kPeople[0])));
    REQUIRE(store->save_now(finalized(id_of(1), kPeople[1])));
    REQUIRE(store->save_now(finalized(id_of(2), kPeople[2]))); // finalized, never exported: kept
    REQUIRE(store->mark_exported({id_of(0)}, now - 31 * day));
    REQUIRE(store->mark_exported({id_of(1)}, now - 10 * day));
    const Store::RetentionRun run = store->apply_retention(now);
    CHECK(run.error.empty());
    REQUIRE(run.purged == std::vector<std::string>{id_of(0)});
    std::vector<std::string> left;
    for (const auto& s : store->list()) left.push_back(s.id);
    CHECK(left == std::vector<std::string>{id_of(1), id_of(2)});
    CHECK(has_line(lines(*store), "purge  " + id_of(0) + " retention:31d"));
    store.reset();
    CHECK(scan_folder(dir.path, {kPeople[0]}).empty());
}

TEST_CASE("store audit: the retention delay comes from the settings; a bad stored value falls back to 30 days") {
    TempDir dir;
    auto store = open_store(dir.path);
    setup_encrypted(*store, false);
    const std::int64_t day = 86400;
    const std::int64_t now = 1'800'000'000;
    REQUIRE(store->save_now(finalized(id_of(0), kPeople[0])));
    REQUIRE(store->mark_exported({id_of(0)}, now - 10 * day));
    using amorce::core::RetentionSetting;
    REQUIRE(store->set_meta(amorce::core::setting_key(RetentionSetting::PurgeExportedAfterDays), "0"));
    CHECK(store->retention_settings().policy.purge_exported_after_days == 30);
    CHECK_FALSE(store->retention_settings().issues.empty());
    CHECK(store->apply_retention(now).purged.empty());
    REQUIRE(store->set_meta(amorce::core::setting_key(RetentionSetting::PurgeExportedAfterDays), "7"));
    CHECK(store->apply_retention(now).purged == std::vector<std::string>{id_of(0)});
}

TEST_CASE("store audit: old drafts are flagged by the retention run, never deleted") {
    TempDir dir;
    auto store = open_store(dir.path);
    setup_encrypted(*store); // three drafts created on 2026-11-18 (created_at 1'795'000'000)
    const Store::RetentionRun run = store->apply_retention(1'795'000'000 + 45 * 86400);
    CHECK(run.purged.empty());
    CHECK(run.plan.flag.size() == 3);
    CHECK(store->list().size() == 3);
}

TEST_CASE("store audit: recovery-key attempts are throttled across restarts, never locked, and logged") {
    TempDir dir;
    FakeClock clock;
    std::string recovery;
    {
        auto store = open_store(dir.path);
        store->set_clock(clock.fn());
        recovery = setup_encrypted(*store);
        store->lock();
        const std::string wrong = "0000 0000 0000 0000 0000 0000 0000 0000";
        // Free three times, like a PIN; the fourth failure imposes a wait.
        for (int i = 0; i < 4; ++i) CHECK(store->unlock_with_recovery(wrong).status == Status::WrongSecret);
        const UnlockResult r = store->unlock_with_recovery(wrong);
        CHECK(r.status == Status::MustWait);
        CHECK(r.wait_seconds > 0);
    }
    auto store = open_store(dir.path);
    store->set_clock(clock.fn());
    CHECK(store->unlock_with_recovery(recovery).status == Status::MustWait); // the restart kept the count
    for (int i = 0; i < 12; ++i) { // far past 10 failures: waits, never a lock
        clock.advance(301);
        CHECK(store->unlock_with_recovery("1111 1111 1111 1111 1111 1111 1111 1111").status == Status::WrongSecret);
    }
    clock.advance(301);
    REQUIRE(store->unlock_with_recovery(recovery).ok());
    const auto l = lines(*store);
    CHECK(std::count(l.begin(), l.end(), "login_failed #recovery #recovery recovery") == 16);
    CHECK(has_line(l, "unlock_recovery #recovery #recovery "));
    // Once in, the counter starts again.
    store->lock();
    CHECK(store->unlock_with_recovery("1111 1111 1111 1111 1111 1111 1111 1111").status == Status::WrongSecret);
}

TEST_CASE("store audit: a session deleted by a counsellor leaves a purge entry naming it by id only") {
    TempDir dir;
    auto store = open_store(dir.path);
    setup_encrypted(*store);
    REQUIRE(store->remove(id_of(2)));
    CHECK(has_line(lines(*store), "purge admin " + id_of(2) + " deleted"));
}
