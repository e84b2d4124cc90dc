// Unit tests for src/store/crypto: secret policy, Argon2id hashing and derivation, key wrapping,
// authenticated encryption, the recovery key and the throttle schedule. Argon2id runs with the
// minimum parameters except in the one case that reports the real cost.
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "store/crypto.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <set>
#include <string>

using namespace amorce::store::crypto;

namespace {
const KdfParams kFast = KdfParams::minimum();

std::string key_bytes(const SecretKey& k) {
    return std::string(reinterpret_cast<const char*>(k.data()), SecretKey::kSize);
}
} // namespace

// [SECTION] SecretKey
TEST_CASE("crypto: secret keys are random, compared in constant time and wiped when moved or cleared") {
    REQUIRE(init());
    SecretKey empty;
    CHECK(empty.empty());
    SecretKey a = SecretKey::random(), b = SecretKey::random();
    CHECK_FALSE(a.empty());
    CHECK_FALSE(a.equals(b));
    CHECK(key_bytes(a) != std::string(SecretKey::kSize, '\0'));

    const std::string bytes = key_bytes(a);
    SecretKey copy = SecretKey::from_bytes(bytes.data(), bytes.size());
    CHECK(copy.equals(a));
    CHECK(SecretKey::from_bytes(bytes.data(), 31).empty());

    SecretKey moved(std::move(a));
    CHECK(moved.equals(copy));
    CHECK(a.empty()); // NOLINT(bugprone-use-after-move): the moved-from key must be wiped
    CHECK(key_bytes(a) == std::string(SecretKey::kSize, '\0'));
    moved.clear();
    CHECK(moved.empty());
    CHECK(key_bytes(moved) == std::string(SecretKey::kSize, '\0'));
}

// [SECTION] Secret policy
TEST_CASE("crypto: secret policy accepts 6-digit PINs and 10-character passphrases and names each refusal") {
    CHECK(check_secret("482915") == "");
    CHECK(check_secret("48291573") == "");
    CHECK(check_secret("") == kSecretEmpty);
    CHECK(check_secret("48291") == kSecretPinTooShort);
    CHECK(check_secret("000000") == kSecretPinTooSimple);
    CHECK(check_secret("123456") == kSecretPinTooSimple);
    CHECK(check_secret("9876543") == kSecretPinTooSimple);
    CHECK(check_secret("123457") == "");
    CHECK(check_secret("cheval bleu") == "");
    CHECK(check_secret("Été à Noël") == ""); // 10 code points, 13 bytes
    CHECK(check_secret("Été à Noë") == kSecretPassphraseTooShort);
    CHECK(check_secret("abc12") == kSecretPassphraseTooShort);
    CHECK(check_secret("          ") == kSecretEmpty);
    CHECK(check_secret(std::string(129, 'a')) == kSecretTooLong);
    CHECK(check_secret(std::string(128, 'a')) == "");
    CHECK(check_secret("cheval\tbleu") == kSecretNotText);
    CHECK(check_secret("cheval \xC3 bleu") == kSecretNotText);
    CHECK(check_secret("\xC0\xA0\xC0\xA0\xC0\xA0\xC0\xA0\xC0\xA0") == kSecretNotText); // overlong
    CHECK(is_pin("0123"));
    CHECK_FALSE(is_pin("12 34"));
    CHECK_FALSE(is_pin(""));
}

// [SECTION] Argon2id
TEST_CASE("crypto: Argon2id secret hashes verify the right secret only") {
    REQUIRE(init());
    const auto hash = hash_secret("482915", kFast);
    REQUIRE(hash);
    CHECK(hash->rfind("$argon2id$", 0) == 0);
    CHECK(hash->find("482915") == std::string::npos);
    CHECK(verify_secret(*hash, "482915"));
    CHECK_FALSE(verify_secret(*hash, "482916"));
    CHECK_FALSE(verify_secret(*hash, ""));
    CHECK_FALSE(verify_secret("", "482915"));
    CHECK_FALSE(verify_secret("$argon2id$garbage", "482915"));
    // Two hashes of one secret differ (random salt) and both verify.
    const auto again = hash_secret("482915", kFast);
    REQUIRE(again);
    CHECK(*again != *hash);
    CHECK(verify_secret(*again, "482915"));
    // A hash whose stated cost is beyond our bounds is refused without running it.
    std::string heavy = *hash;
    const size_t m = heavy.find("$m=");
    const size_t comma = heavy.find(',', m);
    heavy.replace(m + 3, comma - m - 3, "4194304"); // 4 GiB
    CHECK_FALSE(verify_secret(heavy, "482915"));
    // Parameters out of bounds are refused.
    CHECK_FALSE(hash_secret("482915", KdfParams{1, 1024}));
    CHECK_FALSE(hash_secret("482915", KdfParams{kKdfOpsMax + 1, kFast.mem}));
}

TEST_CASE("crypto: key derivation depends on secret, salt and parameters") {
    REQUIRE(init());
    const std::string salt = random_salt();
    CHECK(salt.size() == kSaltSize);
    CHECK(random_salt() != salt);
    const SecretKey k1 = derive_key("482915", salt, kFast);
    REQUIRE_FALSE(k1.empty());
    CHECK(derive_key("482915", salt, kFast).equals(k1));
    CHECK_FALSE(derive_key("482916", salt, kFast).equals(k1));
    CHECK_FALSE(derive_key("482915", random_salt(), kFast).equals(k1));
    CHECK_FALSE(derive_key("482915", salt, KdfParams{kFast.ops + 1, kFast.mem}).equals(k1));
    CHECK(derive_key("482915", "short", kFast).empty());
    CHECK(derive_key("482915", salt, KdfParams{0, kFast.mem}).empty());
    CHECK(derive_key("482915", salt, KdfParams{1, kKdfMemMax * 2}).empty());
    CHECK(KdfParams::standard().valid());
    CHECK(KdfParams::minimum().valid());
}

TEST_CASE("crypto: the standard Argon2id parameters cost what the design says (timed)") {
    REQUIRE(init());
    const KdfParams p = KdfParams::standard();
    const std::string salt = random_salt();
    const auto t0 = std::chrono::steady_clock::now();
    const SecretKey k = derive_key("482915", salt, p);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE_FALSE(k.empty());
    MESSAGE("Argon2id ops=" << p.ops << " mem=" << (p.mem >> 20) << " MiB: " << ms << " ms on this machine");
    CHECK(p.mem >= (std::size_t{19} << 20)); // at least OWASP's minimum for Argon2id
    CHECK(ms < 10000);
}

// [SECTION] Authenticated encryption
TEST_CASE("crypto: sealed payloads open with the same key and associated data only") {
    REQUIRE(init());
    const SecretKey key = SecretKey::random();
    const std::string plain = "DUPONT-MARTIN Zoé, née le 17/05/1990, écrou 2026-04711";
    const std::string sealed = aead_seal(key, plain, "payload:0123456789abcdef");
    REQUIRE(sealed.size() == kNonceSize + plain.size() + kTagSize);
    CHECK(sealed.find("DUPONT") == std::string::npos);
    CHECK(sealed.find("2026-04711") == std::string::npos);

    auto back = aead_open(key, sealed, "payload:0123456789abcdef");
    REQUIRE(back);
    CHECK(*back == plain);

    // Random nonce: sealing twice gives different bytes.
    CHECK(aead_seal(key, plain, "payload:0123456789abcdef") != sealed);
    // Another row's associated data, another key, a flipped bit anywhere, a truncation: refused.
    CHECK_FALSE(aead_open(key, sealed, "payload:fedcba9876543210"));
    CHECK_FALSE(aead_open(key, sealed, ""));
    CHECK_FALSE(aead_open(SecretKey::random(), sealed, "payload:0123456789abcdef"));
    for (size_t i : {size_t{0}, kNonceSize, sealed.size() / 2, sealed.size() - 1}) {
        std::string bad = sealed;
        bad[i] = static_cast<char>(bad[i] ^ 0x01);
        CHECK_FALSE(aead_open(key, bad, "payload:0123456789abcdef"));
    }
    CHECK_FALSE(aead_open(key, sealed.substr(0, sealed.size() - 1), "payload:0123456789abcdef"));
    CHECK_FALSE(aead_open(key, "", "payload:0123456789abcdef"));
    // An empty key seals nothing and opens nothing.
    CHECK(aead_seal(SecretKey(), plain, "x").empty());
    CHECK_FALSE(aead_open(SecretKey(), sealed, "payload:0123456789abcdef"));
    // An empty plain text round-trips.
    auto empty = aead_open(key, aead_seal(key, "", "x"), "x");
    REQUIRE(empty);
    CHECK(empty->empty());
}

TEST_CASE("crypto: subkeys are stable per purpose and index and differ from the key and each other") {
    REQUIRE(init());
    const SecretKey key = SecretKey::random();
    const SecretKey audit = derive_subkey(key, "auditlog");
    REQUIRE_FALSE(audit.empty());
    CHECK(derive_subkey(key, "auditlog").equals(audit));
    CHECK_FALSE(audit.equals(key));
    CHECK_FALSE(derive_subkey(key, "auditlog", 2).equals(audit));
    CHECK_FALSE(derive_subkey(key, "blindidx").equals(audit));
    CHECK_FALSE(derive_subkey(SecretKey::random(), "auditlog").equals(audit));
    CHECK(derive_subkey(key, "audit").empty());
    CHECK(derive_subkey(SecretKey(), "auditlog").empty());
}

// [SECTION] Key wrapping
TEST_CASE("crypto: a wrapped key unwraps with its secret and context only") {
    REQUIRE(init());
    const SecretKey db_key = SecretKey::random();
    const auto wrapped = wrap_key(db_key, "482915", "account:camille", kFast);
    REQUIRE(wrapped);
    CHECK(wrapped->salt.size() == kSaltSize);
    CHECK(wrapped->params == kFast);
    CHECK(wrapped->sealed.find(key_bytes(db_key)) == std::string::npos);

    CHECK(unwrap_key(*wrapped, "482915", "account:camille").equals(db_key));
    CHECK(unwrap_key(*wrapped, "482916", "account:camille").empty());
    CHECK(unwrap_key(*wrapped, "", "account:camille").empty());
    CHECK(unwrap_key(*wrapped, "482915", "account:karim").empty());
    CHECK(unwrap_key(*wrapped, "482915", "recovery").empty());

    WrappedKey other_salt = *wrapped;
    other_salt.salt = random_salt();
    CHECK(unwrap_key(other_salt, "482915", "account:camille").empty());
    WrappedKey other_params = *wrapped;
    other_params.params.ops += 1;
    CHECK(unwrap_key(other_params, "482915", "account:camille").empty());
    WrappedKey huge = *wrapped;
    huge.params.mem = kKdfMemMax + 1;
    CHECK(unwrap_key(huge, "482915", "account:camille").empty());
    WrappedKey flipped = *wrapped;
    flipped.sealed[30] = static_cast<char>(flipped.sealed[30] ^ 0x80);
    CHECK(unwrap_key(flipped, "482915", "account:camille").empty());
    WrappedKey cut = *wrapped;
    cut.sealed.pop_back();
    CHECK(unwrap_key(cut, "482915", "account:camille").empty());

    // Rewrapping under a new secret gives the same key back, with a fresh salt.
    const auto rewrapped = wrap_key(db_key, "cheval bleu du matin", "account:camille", kFast);
    REQUIRE(rewrapped);
    CHECK(rewrapped->salt != wrapped->salt);
    CHECK(unwrap_key(*rewrapped, "cheval bleu du matin", "account:camille").equals(db_key));
    CHECK_FALSE(wrap_key(SecretKey(), "482915", "account:camille", kFast));
}

// [SECTION] Recovery key
TEST_CASE("crypto: recovery keys are 32 unambiguous characters, printed in groups and read back tolerantly") {
    REQUIRE(init());
    const std::string key = new_recovery_key();
    REQUIRE(key.size() == kRecoveryChars);
    CHECK(key.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ") == std::string::npos);
    CHECK(new_recovery_key() != key);

    const std::string printed = format_recovery_key(key);
    CHECK(printed.size() == 32 + 7);
    CHECK(printed[4] == ' ');
    CHECK(printed.substr(0, 4) == key.substr(0, 4));
    CHECK(parse_recovery_key(printed) == key);

    // Lower case, dashes, line breaks, and the letters that look like digits.
    CHECK(parse_recovery_key("abcd-efgh-jkmn-pqrs\ntvwx yz01 2345 6789") == "ABCDEFGHJKMNPQRSTVWXYZ0123456789");
    CHECK(parse_recovery_key("OoIi Ll00 1111 2222 3333 4444 5555 6666") == "00111100111122223333444455556666");
    CHECK_FALSE(parse_recovery_key(""));
    CHECK_FALSE(parse_recovery_key(key.substr(1)));
    CHECK_FALSE(parse_recovery_key(key + "0"));
    CHECK_FALSE(parse_recovery_key("UUUU" + key.substr(4))); // U is not in the alphabet
    CHECK_FALSE(parse_recovery_key(key.substr(0, 31) + "!"));

    // Many keys: every symbol appears (uniform draw), none repeats.
    std::set<std::string> seen;
    std::set<char> symbols;
    for (int i = 0; i < 200; ++i) {
        const std::string k = new_recovery_key();
        seen.insert(k);
        symbols.insert(k.begin(), k.end());
    }
    CHECK(seen.size() == 200);
    CHECK(symbols.size() == 32);
}

// [SECTION] Throttling
TEST_CASE("crypto: throttle schedule is free for 3 failures, then doubles from 2 s, and locks at 10") {
    CHECK(throttle_delay(0) == 0);
    CHECK(throttle_delay(1) == 0);
    CHECK(throttle_delay(3) == 0);
    CHECK(throttle_delay(4) == 2);
    CHECK(throttle_delay(5) == 4);
    CHECK(throttle_delay(6) == 8);
    CHECK(throttle_delay(9) == 64);
    CHECK(throttle_delay(11) == 256);
    CHECK(throttle_delay(12) == kMaxWaitSeconds);
    CHECK(throttle_delay(1000) == kMaxWaitSeconds);
    CHECK_FALSE(throttle_locks(9));
    CHECK(throttle_locks(10));
    CHECK(throttle_locks(11));

    const std::int64_t t = 1'800'000'000;
    CHECK(throttle_wait(3, t, t) == 0);
    CHECK(throttle_wait(4, t, t) == 2);
    CHECK(throttle_wait(4, t, t + 1) == 1);
    CHECK(throttle_wait(4, t, t + 2) == 0);
    CHECK(throttle_wait(6, t, t + 5) == 3);
    CHECK(throttle_wait(6, t, t + 3600) == 0);
    // A clock set back does not shorten the wait.
    CHECK(throttle_wait(6, t, t - 100) == 8);
}
