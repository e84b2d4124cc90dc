// Unit tests for encryption at rest in src/store (issue 7): accounts, unlocking and its throttle,
// the recovery key, secret changes, locking, re-encryption of an existing store (the golden v1
// file included), and raw-byte scans of every file of the data folder for a participant's name,
// birth date and numéro d'écrou. Argon2id runs with the minimum parameters (set_kdf_params).
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "../data/golden_v1.hpp"
#include "store_fixtures.hpp"

// [SECTION] Without accounts
TEST_CASE("store crypto: a store without accounts works as before, with nothing to unlock") {
    TempDir dir;
    auto store = open_store(dir.path);
    CHECK_FALSE(store->has_accounts());
    CHECK(store->is_unlocked());
    CHECK_FALSE(store->current_account());
    CHECK(store->accounts().empty());
    const Session s = make_person_session(id_of(0), kPeople[0]);
    REQUIRE(store->save_now(s));
    CHECK(store->load(s.id) == s);
    std::string error;
    CHECK(store->list(&error).size() == 1);
    CHECK(error.empty());
    store->lock(); // nothing to lock
    CHECK(store->is_unlocked());
    CHECK(store->load(s.id) == s);
    CHECK(store->unlock("admin", kAdminPin).status == Status::Failed);
    CHECK_FALSE(store->add_account("camille", "Camille", Role::Counsellor, kCounsellorPin, &error));
    // Without encryption the names are in the file: the scan below is able to find them.
    store.reset();
    CHECK_FALSE(scan_folder(dir.path, {kPeople[0]}).empty());
}

// [SECTION] First run
TEST_CASE("store crypto: create_admin refuses weak secrets, bad ids and a second administrator") {
    TempDir dir;
    auto store = open_store(dir.path);
    std::string error;
    CHECK_FALSE(store->create_admin("admin", "Adèle", "12345", &error));
    CHECK(error == crypto::kSecretPinTooShort);
    CHECK_FALSE(store->create_admin("admin", "Adèle", "123456", &error));
    CHECK(error == crypto::kSecretPinTooSimple);
    CHECK_FALSE(store->create_admin("Adèle Admin", "Adèle", kAdminPin, &error));
    CHECK_FALSE(store->create_admin("", "Adèle", kAdminPin, &error));
    CHECK_FALSE(store->create_admin("admin", "", kAdminPin, &error));
    CHECK_FALSE(store->has_accounts());

    const auto key = store->create_admin("admin", "Adèle Admin", "cheval bleu du matin", &error);
    INFO(error);
    REQUIRE(key);
    CHECK(key->size() == 39); // 8 groups of 4 and 7 spaces
    CHECK(crypto::parse_recovery_key(*key));
    CHECK(store->has_accounts());
    CHECK(store->is_unlocked());
    REQUIRE(store->current_account());
    CHECK(store->current_account()->id == "admin");
    CHECK(store->current_account()->role == Role::Admin);
    CHECK_FALSE(store->create_admin("admin2", "Autre", kAdminPin, &error));
    CHECK_FALSE(error.empty());

    const auto accounts = store->accounts();
    REQUIRE(accounts.size() == 1);
    CHECK(accounts[0].display_name == "Adèle Admin");
    CHECK(accounts[0].failures == 0);
    CHECK_FALSE(accounts[0].locked);
    CHECK(accounts[0].created_at > 0);
}

TEST_CASE("store crypto: create_admin encrypts the existing sessions in place and they load, list and search") {
    TempDir dir;
    auto store = open_store(dir.path);
    for (int i = 0; i < 3; ++i) REQUIRE(store->save_now(make_person_session(id_of(i), kPeople[i])));
    std::string error;
    REQUIRE(store->create_admin("admin", "Adèle Admin", kAdminPin, &error));

    for (int i = 0; i < 3; ++i) CHECK(store->load(id_of(i)) == make_person_session(id_of(i), kPeople[i]));
    const auto list = store->list();
    REQUIRE(list.size() == 3);
    // Searching by name works on the decrypted summaries.
    const auto hit = std::find_if(list.begin(), list.end(), [](const auto& s) {
        return s.display_name.find("VRANKOWICZ") != std::string::npos && s.ecrou == "ECR-5172-VW";
    });
    CHECK(hit != list.end());
    for (const auto& s : list) CHECK_FALSE(s.damaged);

    // The stored bytes are the EncryptingCodec's (0x01, nonce, ciphertext, tag).
    store.reset();
    RawDb raw(dir.db());
    const std::string payload = raw.blob("SELECT payload FROM payloads WHERE id=?1", id_of(0));
    REQUIRE(payload.size() > 1 + crypto::kNonceSize + crypto::kTagSize);
    CHECK(payload[0] == '\x01');
    CHECK(raw.integer("PRAGMA user_version") == Store::kSchemaVersion);
}

// [SECTION] Locking and unlocking
TEST_CASE("store crypto: an encrypted store opens locked and refuses list, load, save and remove until unlocked") {
    TempDir dir;
    {
        auto store = open_store(dir.path);
        setup_encrypted(*store);
    }
    auto store = open_store(dir.path);
    CHECK(store->has_accounts());
    CHECK_FALSE(store->is_unlocked());
    CHECK_FALSE(store->current_account());
    std::string error;
    CHECK(store->list(&error).empty());
    CHECK(error.find("locked") != std::string::npos);
    error.clear();
    bool damaged = true;
    CHECK_FALSE(store->load(id_of(0), &error, &damaged));
    CHECK(error.find("locked") != std::string::npos);
    CHECK_FALSE(damaged); // locked is not damaged
    error.clear();
    CHECK_FALSE(store->save_now(make_person_session(id_of(9), kPeople[0]), &error));
    CHECK(error.find("locked") != std::string::npos);
    CHECK_FALSE(store->remove(id_of(0), &error));
    // Accounts are listed (to pick one on the unlock screen), without secrets.
    const auto accounts = store->accounts();
    REQUIRE(accounts.size() == 2);
    CHECK(accounts[0].id == "admin");
    CHECK(accounts[1].id == "camille");
    CHECK(accounts[1].role == Role::Counsellor);

    CHECK(store->unlock("nobody", kAdminPin).status == Status::UnknownAccount);
    CHECK(store->unlock("camille", "000001").status == Status::WrongSecret);
    CHECK_FALSE(store->is_unlocked());
    CHECK(store->derived_key("auditlog").empty());
    const UnlockResult ok = store->unlock("camille", kCounsellorPin);
    CHECK(ok.ok());
    CHECK(ok.failures == 0);
    CHECK(store->is_unlocked());
    REQUIRE(store->current_account());
    CHECK(store->current_account()->id == "camille");
    CHECK(store->list().size() == 3);
    CHECK(store->load(id_of(1)) == make_person_session(id_of(1), kPeople[1]));
    // The failure before the success was cleared.
    CHECK(store->accounts()[1].failures == 0);
    // One database key whoever unlocks: the same derived keys.
    const crypto::SecretKey audit_key = store->derived_key("auditlog");
    CHECK_FALSE(audit_key.empty());
    store->lock();
    REQUIRE(store->unlock("admin", kAdminPin).ok());
    CHECK(store->derived_key("auditlog").equals(audit_key));

    // lock() drops the key: reads refuse again, nothing is marked damaged.
    store->lock();
    CHECK_FALSE(store->is_unlocked());
    CHECK(store->list(&error).empty());
    CHECK_FALSE(store->load(id_of(1), &error, &damaged));
    CHECK_FALSE(damaged);
    REQUIRE(store->unlock("admin", kAdminPin).ok());
    for (const auto& s : store->list()) CHECK_FALSE(s.damaged);
}

TEST_CASE("store crypto: saves queued before lock() are committed; queued while locked they wait for the unlock") {
    TempDir dir;
    auto store = open_store(dir.path);
    setup_encrypted(*store);
    Session s = make_person_session(id_of(0), kPeople[0]);
    s.notes += " — avant verrouillage";
    s.revision = 2;
    store->save_async(s);
    store->lock(); // flushes first
    REQUIRE(store->unlock("admin", kAdminPin).ok());
    CHECK(store->load(s.id) == s);

    store->lock();
    s.notes += " — pendant";
    s.revision = 3;
    store->save_async(s);
    CHECK_FALSE(store->flush());
    CHECK(store->write_error().find("locked") != std::string::npos);
    REQUIRE(store->unlock("camille", kCounsellorPin).ok());
    CHECK(store->flush());
    CHECK(store->write_error().empty());
    CHECK(store->load(s.id) == s);
}

TEST_CASE("store crypto: only an administrator or the recovery key adds accounts, resets secrets and unlocks accounts") {
    TempDir dir;
    auto store = open_store(dir.path);
    const std::string recovery = setup_encrypted(*store, false);
    std::string error;
    CHECK_FALSE(store->add_account("camille", "Encore", Role::Counsellor, "573920", &error)); // exists
    CHECK(error.find("already") != std::string::npos);
    CHECK_FALSE(store->add_account("karim", "Karim", Role::Counsellor, "12345", &error));
    CHECK(error == crypto::kSecretPinTooShort);

    store->lock();
    CHECK_FALSE(store->add_account("karim", "Karim", Role::Counsellor, "573920", &error)); // locked
    REQUIRE(store->unlock("camille", kCounsellorPin).ok());
    CHECK_FALSE(store->add_account("karim", "Karim", Role::Counsellor, "573920", &error)); // not an admin
    CHECK(error.find("administrator") != std::string::npos);
    CHECK_FALSE(store->set_secret("admin", "573920", &error));
    CHECK_FALSE(store->admin_unlock_account("admin", &error));
    CHECK_FALSE(store->replace_recovery_key(&error));

    store->lock();
    REQUIRE(store->unlock_with_recovery(recovery).ok());
    CHECK(store->unlocked_with_recovery());
    CHECK_FALSE(store->current_account());
    REQUIRE(store->add_account("karim", "Karim", Role::Admin, "573920", &error));
    store->lock();
    REQUIRE(store->unlock("karim", "573920").ok());
    CHECK(store->current_account()->role == Role::Admin);
    REQUIRE(store->add_account("lea", "Léa", Role::Counsellor, "passe-partout du soir", &error));
    CHECK(store->accounts().size() == 4);

    // A new recovery key replaces the old one.
    const auto fresh = store->replace_recovery_key(&error);
    REQUIRE(fresh);
    store->lock();
    CHECK(store->unlock_with_recovery(recovery).status == Status::WrongSecret);
    CHECK(store->unlock_with_recovery(*fresh).ok());
}

// [SECTION] Throttle
TEST_CASE("store crypto: wrong secrets are free 3 times, then wait 2, 4, 8 s..., and 10 lock the account until an admin unlocks it") {
    TempDir dir;
    FakeClock clock;
    {
        auto store = open_store(dir.path);
        setup_encrypted(*store);
    }
    auto store = open_store(dir.path);
    store->set_clock(clock.fn());
    for (int i = 1; i <= 3; ++i) {
        const UnlockResult r = store->unlock("camille", "999991");
        CHECK(r.status == Status::WrongSecret);
        CHECK(r.failures == i);
        CHECK(r.attempts_left == 10 - i);
        CHECK(r.wait_seconds == 0);
    }
    // The 4th failure imposes 2 s before the 5th attempt.
    UnlockResult r = store->unlock("camille", "999991");
    CHECK(r.status == Status::WrongSecret);
    CHECK(r.wait_seconds == 2);
    r = store->unlock("camille", kCounsellorPin); // even the right PIN waits, uncounted
    CHECK(r.status == Status::MustWait);
    CHECK(r.wait_seconds == 2);
    clock.advance(1);
    CHECK(store->unlock("camille", kCounsellorPin).wait_seconds == 1);
    CHECK(store->accounts()[1].failures == 4);
    clock.advance(1);
    r = store->unlock("camille", "999991");
    CHECK(r.status == Status::WrongSecret);
    CHECK(r.failures == 5);
    CHECK(r.wait_seconds == 4);

    // The count survives a restart (it is in the file).
    store.reset();
    store = open_store(dir.path);
    store->set_clock(clock.fn());
    CHECK(store->unlock("camille", kCounsellorPin).status == Status::MustWait);
    CHECK(store->accounts()[1].failures == 5);
    // verify_secret (leaving the shared mode) is throttled and counted the same way.
    CHECK(store->verify_secret("camille", kCounsellorPin).status == Status::MustWait);

    std::int64_t expected_wait = 4;
    for (int failures = 6; failures <= 9; ++failures) {
        clock.advance(expected_wait);
        r = store->verify_secret("camille", "999991");
        CHECK(r.status == Status::WrongSecret);
        CHECK(r.failures == failures);
        expected_wait = std::int64_t{1} << (failures - 3);
        CHECK(r.wait_seconds == expected_wait);
    }
    clock.advance(expected_wait);
    r = store->unlock("camille", "999991"); // the 10th
    CHECK(r.status == Status::AccountLocked);
    CHECK(r.attempts_left == 0);
    clock.advance(3600);
    CHECK(store->unlock("camille", kCounsellorPin).status == Status::AccountLocked);
    CHECK(store->verify_secret("camille", kCounsellorPin).status == Status::AccountLocked);
    CHECK(store->accounts()[1].locked);
    CHECK_FALSE(store->is_unlocked());

    // Other accounts are not affected; an administrator unlocks the account.
    REQUIRE(store->unlock("admin", kAdminPin).ok());
    std::string error;
    REQUIRE(store->admin_unlock_account("camille", &error));
    CHECK_FALSE(store->admin_unlock_account("nobody", &error));
    CHECK_FALSE(store->accounts()[1].locked);
    CHECK(store->accounts()[1].failures == 0);
    store->lock();
    CHECK(store->unlock("camille", kCounsellorPin).ok());
}

TEST_CASE("store crypto: a clock set back does not stretch the wait forever") {
    TempDir dir;
    FakeClock clock;
    auto store = open_store(dir.path);
    setup_encrypted(*store);
    store->lock();
    store->set_clock(clock.fn());
    for (int i = 0; i < 5; ++i) {
        store->unlock("camille", "999991");
        clock.advance(100);
    }
    CHECK(store->accounts()[1].failures == 5);
    clock.advance(-86400 * 365); // a year back
    UnlockResult r = store->unlock("camille", kCounsellorPin);
    CHECK(r.status == Status::MustWait);
    CHECK(r.wait_seconds == 4);
    clock.advance(4);
    CHECK(store->unlock("camille", kCounsellorPin).ok());
}

TEST_CASE("store crypto: verify_secret checks a secret without unlocking the store") {
    TempDir dir;
    auto store = open_store(dir.path);
    setup_encrypted(*store);
    store->lock();
    CHECK(store->verify_secret("camille", kCounsellorPin).ok());
    CHECK_FALSE(store->is_unlocked());
    CHECK(store->verify_secret("camille", kAdminPin).status == Status::WrongSecret);
    CHECK(store->verify_secret("nobody", kAdminPin).status == Status::UnknownAccount);
    REQUIRE(store->unlock("camille", kCounsellorPin).ok());
    CHECK(store->verify_secret("admin", kAdminPin).ok());
    CHECK(store->current_account()->id == "camille"); // unchanged
}

// [SECTION] Recovery and secret changes
TEST_CASE("store crypto: the recovery key unlocks after every PIN is forgotten, then a new PIN is set") {
    TempDir dir;
    std::string recovery;
    {
        auto store = open_store(dir.path);
        recovery = setup_encrypted(*store);
    }
    auto store = open_store(dir.path);
    FakeClock clock;
    store->set_clock(clock.fn());
    // Everyone tries and fails until locked out.
    for (int i = 0; i < 10; ++i) {
        store->unlock("admin", "999991");
        store->unlock("camille", "999991");
        clock.advance(600);
    }
    CHECK(store->accounts()[0].locked);
    CHECK(store->accounts()[1].locked);

    CHECK(store->unlock_with_recovery("not a key").status == Status::WrongSecret);
    CHECK(store->unlock_with_recovery(crypto::format_recovery_key(crypto::new_recovery_key())).status ==
          Status::WrongSecret);
    CHECK_FALSE(store->is_unlocked());
    // Typed in lower case with dashes.
    std::string typed = recovery;
    std::replace(typed.begin(), typed.end(), ' ', '-');
    std::transform(typed.begin(), typed.end(), typed.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
    REQUIRE(store->unlock_with_recovery(typed).ok());
    CHECK(store->is_unlocked());
    CHECK(store->list().size() == 3);

    std::string error;
    REQUIRE(store->set_secret("admin", "soleil de minuit", &error));
    CHECK_FALSE(store->accounts()[0].locked);
    CHECK(store->accounts()[1].locked);
    store->lock();
    CHECK(store->unlock("admin", kAdminPin).status == Status::WrongSecret);
    REQUIRE(store->unlock("admin", "soleil de minuit").ok());
    CHECK(store->load(id_of(2)) == make_person_session(id_of(2), kPeople[2]));
    REQUIRE(store->set_secret("camille", "264810", &error));
    store->lock();
    CHECK(store->unlock("camille", "264810").ok());
}

TEST_CASE("store crypto: a PIN changed mid-session keeps the open store working and only the new PIN unlocks") {
    TempDir dir;
    auto store = open_store(dir.path);
    setup_encrypted(*store);
    store->lock();
    REQUIRE(store->unlock("camille", kCounsellorPin).ok());
    Session s = make_person_session(id_of(0), kPeople[0]);
    s.revision = 5;
    store->save_async(s);
    REQUIRE(store->flush());
    store.reset(); // read the stored bytes with nothing else open
    std::string payload_before, key_before;
    {
        RawDb raw(dir.db());
        payload_before = raw.blob("SELECT payload FROM payloads WHERE id=?1", id_of(1));
        key_before = raw.blob("SELECT wrapped_key FROM accounts WHERE id=?1", "camille");
    }
    store = open_store(dir.path);
    REQUIRE(store->unlock("camille", kCounsellorPin).ok());

    CHECK(store->change_secret("camille", kCounsellorPin, "123").status == Status::Failed); // policy
    CHECK(store->change_secret("camille", "999991", "264810").status == Status::WrongSecret);
    const UnlockResult changed = store->change_secret("camille", kCounsellorPin, "264810");
    CHECK(changed.ok());
    // The open store keeps working.
    CHECK(store->is_unlocked());
    CHECK(store->load(s.id) == s);
    s.revision = 6;
    s.notes += " après le changement";
    REQUIRE(store->save_now(s));
    CHECK(store->list().size() == 3);
    store->lock();
    CHECK(store->unlock("camille", kCounsellorPin).status == Status::WrongSecret);
    REQUIRE(store->unlock("camille", "264810").ok());
    CHECK(store->load(s.id) == s);
    CHECK(store->unlock("admin", kAdminPin).ok()); // other accounts unchanged
    store.reset();
    // Rewrapped, not re-encrypted: another session's bytes are exactly as they were.
    RawDb raw(dir.db());
    CHECK(raw.blob("SELECT payload FROM payloads WHERE id=?1", id_of(1)) == payload_before);
    CHECK(raw.blob("SELECT wrapped_key FROM accounts WHERE id=?1", "camille") != key_before);
}

TEST_CASE("store crypto: a wrap made with other Argon2id parameters is remade with the current ones at unlock") {
    TempDir dir;
    auto store = open_store(dir.path);
    setup_encrypted(*store);
    store->lock();
    const crypto::KdfParams other{crypto::KdfParams::minimum().ops + 1, crypto::KdfParams::minimum().mem * 2};
    store->set_kdf_params(other);
    REQUIRE(store->unlock("camille", kCounsellorPin).ok());
    store.reset();
    {
        RawDb raw(dir.db());
        CHECK(raw.integer("SELECT kdf_ops FROM accounts WHERE id='camille'") == static_cast<std::int64_t>(other.ops));
        CHECK(raw.integer("SELECT kdf_mem FROM accounts WHERE id='camille'") == static_cast<std::int64_t>(other.mem));
        CHECK(raw.integer("SELECT kdf_ops FROM accounts WHERE id='admin'") ==
              static_cast<std::int64_t>(crypto::KdfParams::minimum().ops));
    }
    store = open_store(dir.path);
    CHECK(store->unlock("camille", kCounsellorPin).ok());
    CHECK(store->verify_secret("camille", kCounsellorPin).ok());
}

// [SECTION] Attacks on the file
TEST_CASE("store crypto: a database copied to another folder is unreadable without a secret and readable with one") {
    TempDir dir, elsewhere;
    {
        auto store = open_store(dir.path);
        setup_encrypted(*store);
    }
    fs::copy_file(dir.db(), elsewhere.db());
    auto copy = open_store(elsewhere.path);
    CHECK(copy->has_accounts());
    CHECK_FALSE(copy->is_unlocked());
    CHECK(copy->list().empty());
    CHECK_FALSE(copy->load(id_of(0)));
    CHECK(copy->unlock("camille", "000001").status == Status::WrongSecret);
    CHECK(scan_folder(elsewhere.path, kAllPeople).empty());
    // Opening it with the codec of a store without accounts does not help either.
    {
        RawDb raw(elsewhere.db());
        const std::string payload = raw.blob("SELECT payload FROM payloads WHERE id=?1", id_of(0));
        amorce::store::ChecksumCodec plain;
        CHECK_FALSE(plain.open(payload, "payload:" + id_of(0)));
    }
    REQUIRE(copy->unlock("camille", kCounsellorPin).ok());
    CHECK(copy->load(id_of(0)) == make_person_session(id_of(0), kPeople[0]));
}

TEST_CASE("store crypto: a flipped byte in one encrypted payload damages that session only") {
    TempDir dir;
    {
        auto store = open_store(dir.path);
        setup_encrypted(*store);
    }
    {
        RawDb raw(dir.db());
        std::string payload = raw.blob("SELECT payload FROM payloads WHERE id=?1", id_of(1));
        payload[payload.size() / 2] = static_cast<char>(payload[payload.size() / 2] ^ 0x04);
        raw.set_blob("UPDATE payloads SET payload=?1 WHERE id=?2", payload, id_of(1));
    }
    auto store = open_store(dir.path);
    REQUIRE(store->unlock("admin", kAdminPin).ok());
    std::string error;
    bool damaged = false;
    CHECK_FALSE(store->load(id_of(1), &error, &damaged));
    CHECK(damaged);
    CHECK(error.find("damaged") != std::string::npos);
    CHECK(store->load(id_of(0)) == make_person_session(id_of(0), kPeople[0]));
    CHECK(store->load(id_of(2)) == make_person_session(id_of(2), kPeople[2]));
    const auto list = store->list();
    REQUIRE(list.size() == 3);
    for (const auto& s : list) CHECK(s.damaged == (s.id == id_of(1)));
}

TEST_CASE("store crypto: a payload or summary moved to another row does not open there (associated data)") {
    TempDir dir;
    {
        auto store = open_store(dir.path);
        setup_encrypted(*store);
    }
    {
        RawDb raw(dir.db());
        const std::string p0 = raw.blob("SELECT payload FROM payloads WHERE id=?1", id_of(0));
        raw.set_blob("UPDATE payloads SET payload=?1 WHERE id=?2", p0, id_of(1));
        const std::string s0 = raw.blob("SELECT summary FROM sessions WHERE id=?1", id_of(0));
        raw.set_blob("UPDATE sessions SET summary=?1 WHERE id=?2", s0, id_of(2));
    }
    auto store = open_store(dir.path);
    REQUIRE(store->unlock("admin", kAdminPin).ok());
    bool damaged = false;
    CHECK_FALSE(store->load(id_of(1), nullptr, &damaged));
    CHECK(damaged);
    CHECK(store->load(id_of(0)));
    const auto list = store->list();
    REQUIRE(list.size() == 3);
    for (const auto& s : list) CHECK(s.damaged == (s.id != id_of(0)));
}

TEST_CASE("store crypto: a wrapped key copied to another account does not unlock") {
    TempDir dir;
    {
        auto store = open_store(dir.path);
        setup_encrypted(*store);
    }
    {
        RawDb raw(dir.db());
        // The attacker knows camille's PIN and gives admin camille's wrap and salt.
        raw.exec("UPDATE accounts SET (kdf_salt, wrapped_key) = (SELECT kdf_salt, wrapped_key FROM accounts "
                 "WHERE id='camille') WHERE id='admin'");
    }
    auto store = open_store(dir.path);
    CHECK(store->unlock("admin", kCounsellorPin).status == Status::WrongSecret);
    CHECK(store->unlock("camille", kCounsellorPin).ok());
}

TEST_CASE("store crypto: the raw bytes of every file of the data folder hold no name, birth date or ecrou, open and closed") {
    TempDir dir;
    auto store = open_store(dir.path);
    setup_encrypted(*store, false); // sessions saved after encryption
    // More writes through the writer thread, so the WAL holds several versions of each row.
    for (int rev = 2; rev <= 4; ++rev)
        for (int i = 0; i < 3; ++i) {
            Session s = make_person_session(id_of(i), kPeople[i]);
            s.revision = static_cast<std::uint64_t>(rev);
            s.notes += " révision " + std::to_string(rev) + " " + kPeople[i].last;
            store->save_async(s);
        }
    REQUIRE(store->flush());
    CHECK(store->list().size() == 3);
    REQUIRE(store->load(id_of(0)));

    // While open: amorce.db, amorce.db-wal, amorce.db-shm and anything else.
    const auto open_files = files_in(dir.path);
    MESSAGE("files while open: " << [&] {
        std::string all;
        for (const auto& f : open_files) all += f + " ";
        return all;
    }());
    CHECK(std::find(open_files.begin(), open_files.end(), "amorce.db-wal") != open_files.end());
    auto hits = scan_folder(dir.path, kAllPeople);
    for (const auto& h : hits) MESSAGE("hit while open: " << h);
    CHECK(hits.empty());

    // After lock() and after closing.
    store->lock();
    hits = scan_folder(dir.path, kAllPeople);
    CHECK(hits.empty());
    store.reset();
    hits = scan_folder(dir.path, kAllPeople);
    for (const auto& h : hits) MESSAGE("hit after close: " << h);
    CHECK(hits.empty());
}

TEST_CASE("store crypto: a store encrypted after sessions were saved in clear keeps no trace of them in its files") {
    TempDir dir;
    auto store = open_store(dir.path);
    // Saved in clear first, several revisions, through the writer (WAL frames), some removed.
    for (int rev = 1; rev <= 3; ++rev)
        for (int i = 0; i < 3; ++i) {
            Session s = make_person_session(id_of(i), kPeople[i]);
            s.revision = static_cast<std::uint64_t>(rev);
            store->save_async(s);
        }
    REQUIRE(store->flush());
    CHECK_FALSE(scan_folder(dir.path, kAllPeople).empty()); // the scan does see clear data

    std::string error;
    REQUIRE(store->create_admin("admin", "Adèle Admin", kAdminPin, &error));
    auto hits = scan_folder(dir.path, kAllPeople);
    for (const auto& h : hits) MESSAGE("hit after create_admin: " << h);
    CHECK(hits.empty());
    CHECK(store->list().size() == 3);
    store.reset();
    CHECK(scan_folder(dir.path, kAllPeople).empty());
    store = open_store(dir.path);
    REQUIRE(store->unlock("admin", kAdminPin).ok());
    for (int i = 0; i < 3; ++i) {
        Session want = make_person_session(id_of(i), kPeople[i]);
        want.revision = 3;
        CHECK(store->load(id_of(i)) == want);
    }
}

TEST_CASE("store crypto: a removed session leaves nothing in the files, even without encryption") {
    TempDir dir;
    auto store = open_store(dir.path);
    for (int i = 0; i < 3; ++i) REQUIRE(store->save_now(make_person_session(id_of(i), kPeople[i])));
    CHECK(scan_folder(dir.path, {kPeople[1]}).size() > 0);
    std::string error;
    REQUIRE(store->remove(id_of(1), &error));
    auto hits = scan_folder(dir.path, {kPeople[1]});
    for (const auto& h : hits) MESSAGE("hit after remove: " << h);
    CHECK(hits.empty());
    CHECK_FALSE(scan_folder(dir.path, {kPeople[0]}).empty()); // the others are still there, in clear
    REQUIRE(store->purge(&error));
    store.reset();
    CHECK(scan_folder(dir.path, {kPeople[1]}).empty());
    store = open_store(dir.path);
    CHECK(store->list().size() == 2);
    CHECK(store->load(id_of(0)) == make_person_session(id_of(0), kPeople[0]));
}

TEST_CASE("store crypto: the store's connections use secure_delete and keep temporary data in memory") {
    TempDir dir;
    // Every connection opened while the hook is installed is recorded: the store's own two.
    static std::vector<sqlite3*> seen;
    seen.clear();
    auto record = +[](sqlite3* db, char**, const void*) -> int {
        seen.push_back(db);
        return SQLITE_OK;
    };
    REQUIRE(sqlite3_auto_extension(reinterpret_cast<void (*)()>(record)) == SQLITE_OK);
    auto store = open_store(dir.path);
    sqlite3_cancel_auto_extension(reinterpret_cast<void (*)()>(record));
    REQUIRE(seen.size() >= 2);
    for (sqlite3* db : seen) {
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "PRAGMA secure_delete", -1, &st, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        CHECK(sqlite3_column_int(st, 0) == 1);
        sqlite3_finalize(st);
        REQUIRE(sqlite3_prepare_v2(db, "PRAGMA temp_store", -1, &st, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        CHECK(sqlite3_column_int(st, 0) == 2); // MEMORY
        sqlite3_finalize(st);
    }
}

TEST_CASE("store crypto: a damaged encrypted database is salvaged with its accounts and still unlocks") {
    TempDir dir;
    {
        auto store = open_store(dir.path);
        setup_encrypted(*store);
    }
    {
        // Scramble the deadline index's root page: the file is damaged, the tables are intact.
        std::int64_t page = 0, page_size = 0;
        {
            RawDb raw(dir.db());
            page = raw.integer("SELECT rootpage FROM sqlite_schema WHERE name='sessions_by_deadline'");
            page_size = raw.integer("PRAGMA page_size");
        }
        std::string bytes = read_bytes(dir.db());
        for (std::int64_t i = 0; i < page_size; ++i) bytes[static_cast<size_t>((page - 1) * page_size + i)] = '\x5a';
        std::ofstream(dir.db(), std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    OpenReport report;
    auto store = open_store(dir.path, &report);
    CHECK(report.database_was_damaged);
    CHECK(store->has_accounts());
    CHECK(store->accounts().size() == 2);
    CHECK_FALSE(store->is_unlocked());
    REQUIRE(store->unlock("camille", kCounsellorPin).ok());
    CHECK(report.salvaged_sessions == 3);
    for (int i = 0; i < 3; ++i) CHECK(store->load(id_of(i)) == make_person_session(id_of(i), kPeople[i]));
    CHECK(scan_folder(dir.path, kAllPeople).empty()); // the damaged copy set aside is encrypted too
}

// [SECTION] Migration of a schema-1 file
TEST_CASE("store crypto: the golden v1 database opens, is encrypted by create_admin, keeps no name in clear and loads") {
    TempDir dir;
    const fs::path golden = fs::path(AMORCE_TEST_DATA_DIR) / golden_v1::kDir / Store::kFileName;
    const std::string golden_bytes = read_bytes(golden);
    fs::copy_file(golden, dir.db());
    const auto expected = golden_v1::sessions();
    std::vector<Person> people;
    for (const auto& s : expected)
        people.push_back(Person{s.participant.last_name, s.participant.first_name, s.participant.ecrou,
                                s.participant.birth_date});
    CHECK_FALSE(scan_folder(dir.path, people).empty()); // in clear, as schema 1 kept it

    {
        auto store = open_store(dir.path);
        CHECK(store->schema_version() == Store::kSchemaVersion);
        CHECK_FALSE(store->has_accounts());
        CHECK(store->list().size() == 3); // works before any account, as before
        std::string error;
        const auto recovery = store->create_admin("admin", "Adèle Admin", kAdminPin, &error);
        INFO(error);
        REQUIRE(recovery);
        auto hits = scan_folder(dir.path, people);
        for (const auto& h : hits) MESSAGE("hit: " << h);
        CHECK(hits.empty());
        for (const auto& want : expected) CHECK(store->load(want.id) == want);
        CHECK(store->counsellors().size() == 2);
    }
    CHECK(scan_folder(dir.path, people).empty());
    auto store = open_store(dir.path);
    CHECK_FALSE(store->is_unlocked());
    REQUIRE(store->unlock("admin", kAdminPin).ok());
    const auto list = store->list();
    REQUIRE(list.size() == 3);
    CHECK(list[0].display_name == "LEFÈVRE Zoé");
    for (const auto& want : expected) {
        CAPTURE(want.id);
        CHECK(store->load(want.id) == want);
    }
    CHECK(read_bytes(golden) == golden_bytes);
}

TEST_CASE("store crypto: copies set aside as damaged before encryption are encrypted by create_admin, nothing left in clear") {
    TempDir dir;
    fs::create_directories(dir.path / "damaged");
    {
        // What set_aside_damaged and a salvage leave behind in a store without accounts: raw rows.
        std::ofstream out(dir.path / "damaged" / "0000000000000001-20261127-101500.bin", std::ios::binary);
        out << amorce::core::encode_binary(make_person_session(id_of(0), kPeople[0]));
    }
    REQUIRE_FALSE(scan_folder(dir.path, {kPeople[0]}).empty()); // the scan sees it while in clear
    auto store = open_store(dir.path);
    setup_encrypted(*store);
    store.reset();
    CHECK(scan_folder(dir.path, kAllPeople).empty());
    CHECK(fs::exists(dir.path / "damaged" / "0000000000000001-20261127-101500.bin.sealed"));
    CHECK_FALSE(fs::exists(dir.path / "damaged" / "0000000000000001-20261127-101500.bin"));
}

TEST_CASE("store crypto: erase_files_in overwrites and removes every file of a folder (the review's clear PDFs)") {
    TempDir dir;
    const fs::path pdf = dir.path / "pdf";
    fs::create_directories(pdf / "keep");
    for (const char* name : {"synthese-a.pdf", "synthese-b.pdf"}) {
        std::ofstream out(pdf / name, std::ios::binary);
        out << "%PDF-1.4 " << kPeople[0].last << std::string(3000, 'x');
    }
    std::ofstream(pdf / "empty.pdf").close();
    CHECK(amorce::store::erase_files_in(pdf.string()) == 3);
    CHECK(files_in(pdf).empty());
    CHECK(fs::is_directory(pdf / "keep")); // folders are left alone
    CHECK(amorce::store::erase_files_in((dir.path / "missing").string()) == 0);
}

TEST_CASE("store crypto: wrong codes on the shared screen (verify_secret) are throttled but never lock the account") {
    TempDir dir;
    FakeClock clock;
    auto store = open_store(dir.path);
    store->set_clock(clock.fn());
    setup_encrypted(*store);
    for (int i = 1; i <= 15; ++i) {
        clock.advance(crypto::kMaxWaitSeconds + 1);
        const UnlockResult r = store->verify_secret("camille", "999991");
        CHECK(r.status == Status::WrongSecret);
        CHECK(r.failures == i);
        CHECK(r.attempts_left == 0); // nothing to count down: no lock
        CHECK(r.wait_seconds <= crypto::kMaxWaitSeconds);
    }
    CHECK(store->verify_secret("camille", kCounsellorPin).status == Status::MustWait);
    CHECK_FALSE(store->accounts()[1].locked);
    clock.advance(crypto::kMaxWaitSeconds + 1);
    CHECK(store->verify_secret("camille", kCounsellorPin).ok()); // the counsellor still gets in
    CHECK(store->accounts()[1].failures == 0);
}
