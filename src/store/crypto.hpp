// The building blocks of encryption at rest (DESIGN §5, issue 7), on libsodium. Pure functions and
// one key class, unit-tested on their own (tests/unit/test_crypto.cpp); store.cpp puts them together:
//
//   database key (random, 256 bits) --XChaCha20-Poly1305--> every session payload and summary
//   secret of each account --Argon2id(salt, params)--> key that wraps the database key
//   organisation recovery key --Argon2id(salt, params)--> key that wraps the database key
//
// Changing a secret rewraps the database key; payloads are never re-encrypted for that.
//
// [SECTION] Initialisation
// [SECTION] SecretKey
// [SECTION] Secret policy
// [SECTION] Argon2id: parameters, secret hashes, key derivation
// [SECTION] Authenticated encryption
// [SECTION] Key wrapping
// [SECTION] Recovery key
// [SECTION] Throttling
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace amorce::store::crypto {

// [SECTION] Initialisation
// Starts libsodium (idempotent, thread-safe). false: it cannot run here; nothing else works then.
bool init();

// [SECTION] SecretKey
// 32 bytes of key material, wiped (sodium_memzero) when destroyed, cleared or moved from. Not
// copyable: share it through a shared_ptr<const SecretKey> so the bytes exist once.
class SecretKey {
public:
    static constexpr std::size_t kSize = 32;

    SecretKey() = default; // empty
    static SecretKey random();
    // Empty unless size == kSize.
    static SecretKey from_bytes(const void* data, std::size_t size);
    ~SecretKey();
    SecretKey(SecretKey&& other) noexcept;
    SecretKey& operator=(SecretKey&& other) noexcept;
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;

    bool empty() const { return !set_; }
    const unsigned char* data() const { return bytes_; }
    void clear();
    // Constant time.
    bool equals(const SecretKey& other) const;

private:
    unsigned char bytes_[kSize] = {};
    bool set_ = false;
};

// [SECTION] Secret policy
// A PIN is digits only, at least 6 of them, not all the same digit and not a run (123456, 987654).
// Anything else is a passphrase: at least 10 characters (UTF-8 code points), not only spaces.
// At most 128 bytes either way. Returns "" when the secret is acceptable, otherwise the
// translation key of the reason (one of the kSecret* below), for the UI to show.
inline constexpr const char* kSecretEmpty = "secret.empty";
inline constexpr const char* kSecretPinTooShort = "secret.pin_too_short";
inline constexpr const char* kSecretPinTooSimple = "secret.pin_too_simple";
inline constexpr const char* kSecretPassphraseTooShort = "secret.passphrase_too_short";
inline constexpr const char* kSecretTooLong = "secret.too_long";
inline constexpr const char* kSecretNotText = "secret.not_text"; // invalid UTF-8 or control characters
inline constexpr std::size_t kPinMinDigits = 6;
inline constexpr std::size_t kPassphraseMinChars = 10;
inline constexpr std::size_t kSecretMaxBytes = 128;
std::string check_secret(std::string_view secret);
bool is_pin(std::string_view secret); // digits only (and not empty)

// [SECTION] Argon2id: parameters, secret hashes, key derivation
// Argon2id cost, stored with every hash and wrap so it can change later (old wraps keep theirs).
struct KdfParams {
    std::uint64_t ops = 0;   // passes (crypto_pwhash opslimit)
    std::size_t mem = 0;     // bytes (crypto_pwhash memlimit)

    // What new hashes and wraps use in the app: ops 2, 64 MiB, libsodium's "interactive" preset
    // (one lane, as libsodium computes it). 0.07-0.17 s on the 2-core AMD EPYC (AVX2) these tests
    // run on, depending on load; a low-end ARM tablet, where libsodium has no SIMD Argon2, is
    // expected to take 3-4x that, i.e. ~0.5 s. Each unlock or secret check computes it once.
    // Measure on the device with `amorce_bench unlock`.
    static KdfParams standard();
    // The cheapest libsodium accepts (OPSLIMIT_MIN, MEMLIMIT_MIN): for tests only.
    static KdfParams minimum();
    // Bounds accepted when reading parameters back from a file: a tampered file must not make
    // us allocate gigabytes or spin for minutes.
    bool valid() const;
    bool operator==(const KdfParams& o) const { return ops == o.ops && mem == o.mem; }
    bool operator!=(const KdfParams& o) const { return !(*this == o); }
};
inline constexpr std::uint64_t kKdfOpsMax = 16;
inline constexpr std::size_t kKdfMemMax = std::size_t{1} << 30; // 1 GiB

// A self-describing Argon2id hash ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), for checking a
// secret without deriving a key (crypto_pwhash_str). nullopt when out of memory or bad params.
std::optional<std::string> hash_secret(std::string_view secret, const KdfParams& params);
// crypto_pwhash_str_verify; false for a wrong secret or a malformed hash.
bool verify_secret(const std::string& hash, std::string_view secret);

inline constexpr std::size_t kSaltSize = 16; // crypto_pwhash_SALTBYTES
std::string random_salt();
// Argon2id(secret, salt, params) -> 32-byte key. Empty key when params or salt are invalid or
// memory is short.
SecretKey derive_key(std::string_view secret, const std::string& salt, const KdfParams& params);

// [SECTION] Authenticated encryption
// XChaCha20-Poly1305 (IETF) with a random 24-byte nonce: sealed = nonce || ciphertext || 16-byte tag.
// The associated data is authenticated but not stored: open() with other associated data fails.
inline constexpr std::size_t kNonceSize = 24;
inline constexpr std::size_t kTagSize = 16;
std::string aead_seal(const SecretKey& key, std::string_view plain, std::string_view associated);
// nullopt when the bytes were altered, the key is wrong or the associated data differs.
std::optional<std::string> aead_open(const SecretKey& key, std::string_view sealed, std::string_view associated);

// A key for another purpose derived from `key` (crypto_kdf, BLAKE2b): `purpose` is exactly 8
// characters ("auditlog", "blindidx"), `index` tells keys of one purpose apart. One-way: the
// derived key gives nothing of `key`. Empty if `key` is empty or `purpose` is not 8 characters.
SecretKey derive_subkey(const SecretKey& key, std::string_view purpose, std::uint64_t index = 1);

// [SECTION] Key wrapping
// The database key sealed under a key derived from a secret. `context` (e.g. "account:camille",
// "recovery") is the associated data: a wrap copied to another account's row does not open there.
struct WrappedKey {
    std::string salt;      // kSaltSize random bytes
    KdfParams params;
    std::string sealed;    // aead_seal(derived, key, "amorce/dbkey/v1/" + context)
};
// nullopt if the key is empty or Argon2id fails (memory).
std::optional<WrappedKey> wrap_key(const SecretKey& key, std::string_view secret, std::string_view context,
                                   const KdfParams& params);
// Empty key for a wrong secret, another context, altered bytes or invalid parameters.
SecretKey unwrap_key(const WrappedKey& wrapped, std::string_view secret, std::string_view context);

// [SECTION] Recovery key
// 160 random bits as 32 characters of Crockford's base32 (digits and capitals without I, L, O, U),
// printed in 8 groups of 4: "7K2D 9QXM ...". Parsing ignores spaces, dashes and case, and reads
// O as 0 and I, L as 1, as Crockford's alphabet says. The canonical form (32 characters, no
// spaces) is what wrap_key() takes as the secret.
inline constexpr std::size_t kRecoveryChars = 32;
std::string new_recovery_key();                               // canonical form
std::string format_recovery_key(const std::string& canonical); // groups of 4 separated by spaces
std::optional<std::string> parse_recovery_key(std::string_view typed); // canonical, or nullopt

// [SECTION] Throttling
// After n consecutive failures of one account the next attempt waits: nothing for the first
// kFreeAttempts, then 2^(n - kFreeAttempts) s (2, 4, 8...) capped at kMaxWaitSeconds; at
// kLockAfterFailures the account is locked until an administrator unlocks it.
inline constexpr int kFreeAttempts = 3;
inline constexpr int kLockAfterFailures = 10;
inline constexpr std::int64_t kMaxWaitSeconds = 300;
// The wait imposed after `failures` consecutive failures (0 for none), regardless of time.
std::int64_t throttle_delay(int failures);
// Seconds still to wait at `now` (unix seconds) after `failures` failures, the last one at
// `last_failure`; 0 when an attempt may be made now. A clock that went back (now < last_failure)
// waits the whole delay again rather than none.
std::int64_t throttle_wait(int failures, std::int64_t last_failure, std::int64_t now);
// True when this many consecutive failures lock the account.
bool throttle_locks(int failures);

} // namespace amorce::store::crypto
