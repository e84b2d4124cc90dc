#include "store/crypto.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace amorce::store::crypto {

// [SECTION] Initialisation
bool init() { return sodium_init() >= 0; }

// [SECTION] SecretKey
SecretKey SecretKey::random() {
    SecretKey k;
    if (!init()) return k;
    randombytes_buf(k.bytes_, kSize);
    k.set_ = true;
    return k;
}

SecretKey SecretKey::from_bytes(const void* data, std::size_t size) {
    SecretKey k;
    if (data == nullptr || size != kSize) return k;
    std::memcpy(k.bytes_, data, kSize);
    k.set_ = true;
    return k;
}

SecretKey::~SecretKey() { clear(); }

SecretKey::SecretKey(SecretKey&& other) noexcept : set_(other.set_) {
    std::memcpy(bytes_, other.bytes_, kSize);
    other.clear();
}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
    if (this != &other) {
        std::memcpy(bytes_, other.bytes_, kSize);
        set_ = other.set_;
        other.clear();
    }
    return *this;
}

void SecretKey::clear() {
    sodium_memzero(bytes_, kSize);
    set_ = false;
}

bool SecretKey::equals(const SecretKey& other) const {
    return set_ == other.set_ && sodium_memcmp(bytes_, other.bytes_, kSize) == 0;
}

// [SECTION] Secret policy
namespace {

// Code points of valid UTF-8 without control characters; -1 otherwise.
long count_text_chars(std::string_view s) {
    long n = 0;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t len = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) len = 1, cp = c;
        else if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
        else return -1;
        if (i + len > s.size()) return -1;
        for (size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return -1;
            cp = (cp << 6) | (cc & 0x3F);
        }
        static const std::uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return -1;
        i += len;
        ++n;
    }
    return n;
}

} // namespace

bool is_pin(std::string_view secret) {
    return !secret.empty() && std::all_of(secret.begin(), secret.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string check_secret(std::string_view secret) {
    if (secret.empty()) return kSecretEmpty;
    if (secret.size() > kSecretMaxBytes) return kSecretTooLong;
    if (is_pin(secret)) {
        if (secret.size() < kPinMinDigits) return kSecretPinTooShort;
        bool same = true, up = true, down = true;
        for (size_t i = 1; i < secret.size(); ++i) {
            const int d = secret[i] - secret[i - 1];
            same = same && d == 0;
            up = up && d == 1;
            down = down && d == -1;
        }
        if (same || up || down) return kSecretPinTooSimple;
        return "";
    }
    const long chars = count_text_chars(secret);
    if (chars < 0) return kSecretNotText;
    if (secret.find_first_not_of(' ') == std::string_view::npos) return kSecretEmpty;
    if (static_cast<size_t>(chars) < kPassphraseMinChars) return kSecretPassphraseTooShort;
    return "";
}

// [SECTION] Argon2id: parameters, secret hashes, key derivation
KdfParams KdfParams::standard() {
    return KdfParams{crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

KdfParams KdfParams::minimum() {
    return KdfParams{crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

bool KdfParams::valid() const {
    return ops >= crypto_pwhash_argon2id_OPSLIMIT_MIN && ops <= kKdfOpsMax &&
           mem >= crypto_pwhash_argon2id_MEMLIMIT_MIN && mem <= kKdfMemMax;
}

std::optional<std::string> hash_secret(std::string_view secret, const KdfParams& params) {
    if (!init() || !params.valid()) return std::nullopt;
    char out[crypto_pwhash_argon2id_STRBYTES];
    if (crypto_pwhash_argon2id_str(out, secret.data(), secret.size(), params.ops, params.mem) != 0)
        return std::nullopt;
    return std::string(out);
}

bool verify_secret(const std::string& hash, std::string_view secret) {
    if (!init() || hash.empty() || hash.size() >= crypto_pwhash_argon2id_STRBYTES) return false;
    // The hash names its own cost: refuse one beyond our bounds (a tampered file) before running it.
    // The encoded form is "$argon2id$v=19$m=<KiB>,t=<ops>,p=1$...".
    const size_t m = hash.find("$m="), t = hash.find(",t=");
    if (hash.compare(0, 10, "$argon2id$") != 0 || m == std::string::npos || t == std::string::npos) return false;
    const unsigned long long kib = std::strtoull(hash.c_str() + m + 3, nullptr, 10);
    const unsigned long long ops = std::strtoull(hash.c_str() + t + 3, nullptr, 10);
    if (kib > kKdfMemMax / 1024 || ops > kKdfOpsMax) return false;
    char buf[crypto_pwhash_argon2id_STRBYTES] = {};
    std::memcpy(buf, hash.data(), hash.size());
    return crypto_pwhash_argon2id_str_verify(buf, secret.data(), secret.size()) == 0;
}

std::string random_salt() {
    std::string salt(kSaltSize, '\0');
    if (init()) randombytes_buf(salt.data(), salt.size());
    return salt;
}

SecretKey derive_key(std::string_view secret, const std::string& salt, const KdfParams& params) {
    static_assert(kSaltSize == crypto_pwhash_argon2id_SALTBYTES, "salt size");
    if (!init() || !params.valid() || salt.size() != kSaltSize) return {};
    unsigned char out[SecretKey::kSize];
    const int rc = crypto_pwhash_argon2id(out, sizeof out, secret.data(), secret.size(),
                                          reinterpret_cast<const unsigned char*>(salt.data()), params.ops, params.mem,
                                          crypto_pwhash_argon2id_ALG_ARGON2ID13);
    SecretKey key = rc == 0 ? SecretKey::from_bytes(out, sizeof out) : SecretKey();
    sodium_memzero(out, sizeof out);
    return key;
}

// [SECTION] Authenticated encryption
std::string aead_seal(const SecretKey& key, std::string_view plain, std::string_view associated) {
    static_assert(kNonceSize == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, "nonce size");
    static_assert(kTagSize == crypto_aead_xchacha20poly1305_ietf_ABYTES, "tag size");
    static_assert(SecretKey::kSize == crypto_aead_xchacha20poly1305_ietf_KEYBYTES, "key size");
    if (key.empty() || !init()) return {};
    std::string out(kNonceSize + plain.size() + kTagSize, '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(out.data());
    randombytes_buf(nonce, kNonceSize);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        nonce + kNonceSize, &clen, reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
        reinterpret_cast<const unsigned char*>(associated.data()), associated.size(), nullptr, nonce, key.data());
    out.resize(kNonceSize + static_cast<size_t>(clen));
    return out;
}

std::optional<std::string> aead_open(const SecretKey& key, std::string_view sealed, std::string_view associated) {
    if (key.empty() || sealed.size() < kNonceSize + kTagSize || !init()) return std::nullopt;
    const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
    std::string plain(sealed.size() - kNonceSize - kTagSize, '\0');
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &mlen, nullptr,
                                                   nonce + kNonceSize, sealed.size() - kNonceSize,
                                                   reinterpret_cast<const unsigned char*>(associated.data()),
                                                   associated.size(), nonce, key.data()) != 0)
        return std::nullopt;
    plain.resize(static_cast<size_t>(mlen));
    return plain;
}

SecretKey derive_subkey(const SecretKey& key, std::string_view purpose, std::uint64_t index) {
    static_assert(SecretKey::kSize == crypto_kdf_KEYBYTES, "kdf key size");
    if (key.empty() || purpose.size() != crypto_kdf_CONTEXTBYTES || !init()) return {};
    char ctx[crypto_kdf_CONTEXTBYTES];
    std::memcpy(ctx, purpose.data(), sizeof ctx);
    unsigned char out[SecretKey::kSize];
    if (crypto_kdf_derive_from_key(out, sizeof out, index, ctx, key.data()) != 0) return {};
    SecretKey sub = SecretKey::from_bytes(out, sizeof out);
    sodium_memzero(out, sizeof out);
    return sub;
}

// [SECTION] Key wrapping
namespace {
std::string wrap_context(std::string_view context) { return "amorce/dbkey/v1/" + std::string(context); }
} // namespace

std::optional<WrappedKey> wrap_key(const SecretKey& key, std::string_view secret, std::string_view context,
                                   const KdfParams& params) {
    if (key.empty()) return std::nullopt;
    WrappedKey w;
    w.salt = random_salt();
    w.params = params;
    const SecretKey kek = derive_key(secret, w.salt, params);
    if (kek.empty()) return std::nullopt;
    w.sealed = aead_seal(kek, std::string_view(reinterpret_cast<const char*>(key.data()), SecretKey::kSize),
                         wrap_context(context));
    if (w.sealed.empty()) return std::nullopt;
    return w;
}

SecretKey unwrap_key(const WrappedKey& wrapped, std::string_view secret, std::string_view context) {
    if (wrapped.sealed.size() != kNonceSize + SecretKey::kSize + kTagSize) return {};
    const SecretKey kek = derive_key(secret, wrapped.salt, wrapped.params);
    if (kek.empty()) return {};
    std::optional<std::string> raw = aead_open(kek, wrapped.sealed, wrap_context(context));
    if (!raw) return {};
    SecretKey key = SecretKey::from_bytes(raw->data(), raw->size());
    sodium_memzero(raw->data(), raw->size());
    return key;
}

// [SECTION] Recovery key
namespace {
constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
static_assert(sizeof(kCrockford) == 33, "32 symbols");
} // namespace

std::string new_recovery_key() {
    if (!init()) return {};
    std::string out;
    out.reserve(kRecoveryChars);
    for (size_t i = 0; i < kRecoveryChars; ++i) out.push_back(kCrockford[randombytes_uniform(32)]);
    return out;
}

std::string format_recovery_key(const std::string& canonical) {
    std::string out;
    for (size_t i = 0; i < canonical.size(); ++i) {
        if (i > 0 && i % 4 == 0) out.push_back(' ');
        out.push_back(canonical[i]);
    }
    return out;
}

std::optional<std::string> parse_recovery_key(std::string_view typed) {
    std::string out;
    for (char c : typed) {
        if (c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c == 'O') c = '0';
        if (c == 'I' || c == 'L') c = '1';
        if (std::strchr(kCrockford, c) == nullptr || c == '\0') return std::nullopt;
        out.push_back(c);
        if (out.size() > kRecoveryChars) return std::nullopt;
    }
    if (out.size() != kRecoveryChars) return std::nullopt;
    return out;
}

// [SECTION] Throttling
std::int64_t throttle_delay(int failures) {
    if (failures <= kFreeAttempts) return 0;
    const int exponent = failures - kFreeAttempts;
    if (exponent >= 20) return kMaxWaitSeconds;
    return std::min<std::int64_t>(std::int64_t{1} << exponent, kMaxWaitSeconds);
}

std::int64_t throttle_wait(int failures, std::int64_t last_failure, std::int64_t now) {
    const std::int64_t delay = throttle_delay(failures);
    if (delay == 0) return 0;
    if (now < last_failure) return delay;
    const std::int64_t elapsed = now - last_failure;
    return elapsed >= delay ? 0 : delay - elapsed;
}

bool throttle_locks(int failures) { return failures >= kLockAfterFailures; }

} // namespace amorce::store::crypto
