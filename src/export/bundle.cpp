// Export bundles: central keys, planning, the sealed tar writer, verification. See bundle.hpp.
//
// [SECTION] Small helpers        hex, base64, SHA-256, JSON text
// [SECTION] Central keys
// [SECTION] Sealed stream        SealedWriter (tar bytes in, encrypted chunks out), open_sealed
// [SECTION] Interrupted exports  the intent record, checking the bundle it names, settling it
// [SECTION] Planning
// [SECTION] Running
// [SECTION] Verifying
#include "export/bundle.hpp"

#include "export/session_json.hpp"
#include "report/from_session.hpp"
#include "store/audit.hpp"
#include "store/store.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <cereal/archives/json.hpp>
#include <cereal/types/string.hpp>
#include <rapidjson/document.h>
#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace amorce::exporting {

namespace fs = std::filesystem;

namespace {

// [SECTION] Small helpers -------------------------------------------------------------------------
constexpr char kMagic[8] = {'A', 'M', 'O', 'R', 'C', 'E', 'B', 'X'};
constexpr std::size_t kHeaderAd = 9;             // magic + version: the associated data of every chunk
constexpr std::size_t kFingerprintBytes = 8;
constexpr std::size_t kSealedKeyBytes = crypto_box_SEALBYTES + crypto_secretstream_xchacha20poly1305_KEYBYTES;
constexpr std::size_t kPrefixBytes = kHeaderAd + kFingerprintBytes + kSealedKeyBytes +
                                     crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr const char* kPublicTitle = "AMORCE CENTRAL PUBLIC KEY 1";
constexpr const char* kSecretTitle = "AMORCE CENTRAL SECRET KEY 1";

bool sodium_ready() {
    static const bool ok = sodium_init() >= 0;
    return ok;
}

std::string hex(const std::string& raw) {
    std::string out(raw.size() * 2 + 1, '\0');
    sodium_bin2hex(&out[0], out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
    out.pop_back();
    return out;
}

std::string sha256_hex(const std::string& data) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return hex(std::string(reinterpret_cast<char*>(h), sizeof h));
}

std::string random_hex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(&raw[0], raw.size());
    return hex(raw);
}

std::string errno_text(int e) { return std::strerror(e); }

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    return s.substr(i);
}

bool read_file(const std::string& path, std::string* out, std::string* error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        *error = "cannot read " + path + ": " + errno_text(errno);
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    *out = ss.str();
    return true;
}

// "Maison d’arrêt de Démo" -> "maison-d-arret-de-demo": the file name stays portable (USB keys
// formatted FAT, Windows at the central office).
std::string slug(const std::string& text) {
    const std::string folded = core::fold_for_search(text);
    std::string out;
    for (char c : folded) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (ok) out.push_back(c);
        else if (!out.empty() && out.back() != '-') out.push_back('-');
        if (out.size() >= 40) break;
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "etablissement" : out;
}

std::string compact_utc(std::int64_t t) { // "20260101T100000Z"
    std::string iso = core::format_unix_iso(t);
    iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
    iso.erase(std::remove(iso.begin(), iso.end(), ':'), iso.end());
    return iso;
}

} // namespace

// [SECTION] Central keys --------------------------------------------------------------------------
std::string key_to_base64(const std::string& raw) {
    std::string out(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(&out[0], out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

namespace {
std::optional<std::string> key_from_base64(const std::string& text) {
    unsigned char raw[crypto_box_PUBLICKEYBYTES + 1];
    size_t len = 0;
    const std::string t = trim(text);
    if (sodium_base642bin(raw, sizeof raw, t.c_str(), t.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        len != crypto_box_PUBLICKEYBYTES)
        return std::nullopt;
    return std::string(reinterpret_cast<char*>(raw), len);
}

// Splits a key file into its title line and its base64 line.
bool split_key_file(const std::string& text, std::string* title, std::string* body) {
    const auto nl = text.find('\n');
    if (nl == std::string::npos) return false;
    *title = trim(text.substr(0, nl));
    *body = trim(text.substr(nl + 1));
    return true;
}

std::string public_of(const std::string& secret) {
    unsigned char pk[crypto_box_PUBLICKEYBYTES];
    crypto_scalarmult_base(pk, reinterpret_cast<const unsigned char*>(secret.data()));
    return std::string(reinterpret_cast<char*>(pk), sizeof pk);
}

bool write_new_file(const std::string& path, const std::string& content, mode_t mode, std::string* error) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        *error = errno == EEXIST ? path + " already exists (not overwritten)" : "cannot create " + path + ": " + errno_text(errno);
        return false;
    }
    const bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) && ::fsync(fd) == 0;
    const int e = errno;
    ::close(fd);
    if (!ok) {
        ::unlink(path.c_str());
        *error = "cannot write " + path + ": " + errno_text(e);
    }
    return ok;
}
} // namespace

CentralKeys generate_central_keys() {
    sodium_ready();
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(pk, sk);
    CentralKeys k{std::string(reinterpret_cast<char*>(pk), sizeof pk), std::string(reinterpret_cast<char*>(sk), sizeof sk)};
    sodium_memzero(sk, sizeof sk);
    return k;
}

bool write_central_keys(const std::string& dir, const CentralKeys& keys, std::string* error) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        *error = "cannot create " + dir + ": " + ec.message();
        return false;
    }
    const std::string key_path = (fs::path(dir) / "central.key").string();
    const std::string pub_path = (fs::path(dir) / "central.pub").string();
    // Both are checked first so that a refusal leaves no half pair behind.
    for (const auto& p : {key_path, pub_path})
        if (fs::exists(p, ec)) {
            *error = p + " already exists (not overwritten)";
            return false;
        }
    if (!write_new_file(key_path, std::string(kSecretTitle) + "\n" + key_to_base64(keys.secret_key) + "\n", 0600, error))
        return false;
    if (!write_new_file(pub_path, std::string(kPublicTitle) + "\n" + key_to_base64(keys.public_key) + "\n", 0644, error)) {
        ::unlink(key_path.c_str());
        return false;
    }
    return true;
}

std::optional<std::string> public_key_from_text(const std::string& text, std::string* error) {
    std::string title, body = text;
    if (text.find('\n') != std::string::npos && trim(text).find('\n') != std::string::npos) {
        split_key_file(text, &title, &body);
        if (title == kSecretTitle) {
            *error = "this is the central SECRET key; the tablet needs only the public key (central.pub)";
            return std::nullopt;
        }
        if (title != kPublicTitle) {
            *error = "not an Amorce central public key (expected a first line '" + std::string(kPublicTitle) + "')";
            return std::nullopt;
        }
    }
    auto key = key_from_base64(body);
    if (!key) *error = "not a valid public key (expected 32 bytes in base64)";
    return key;
}

std::optional<std::string> read_public_key(const std::string& path, std::string* error) {
    std::string text;
    if (!read_file(path, &text, error)) return std::nullopt;
    std::string e;
    auto key = public_key_from_text(text, &e);
    if (!key) *error = path + ": " + e;
    return key;
}

std::optional<std::string> read_secret_key(const std::string& path, std::string* error) {
    std::string text, title, body;
    if (!read_file(path, &text, error)) return std::nullopt;
    if (!split_key_file(text, &title, &body) || (title != kSecretTitle && title != kPublicTitle)) {
        *error = path + ": not an Amorce central secret key (expected a first line '" + kSecretTitle + "')";
        return std::nullopt;
    }
    if (title == kPublicTitle) {
        *error = path + ": this is the public key; opening a bundle needs the secret key (central.key)";
        return std::nullopt;
    }
    auto key = key_from_base64(body);
    if (!key) *error = path + ": not a valid secret key (expected 32 bytes in base64)";
    return key;
}

std::string key_fingerprint(const std::string& public_key) {
    return sha256_hex(public_key).substr(0, kFingerprintBytes * 2);
}

bool ensure_demo_central_key(store::Store& store, const std::string& data_dir, std::string* error) {
    if (store.meta(kCentralKeyMeta)) return true;
    const std::string dir = (fs::path(data_dir) / "demo-central").string();
    std::optional<std::string> pk = read_public_key((fs::path(dir) / "central.pub").string(), error);
    if (!pk) {
        const CentralKeys keys = generate_central_keys();
        if (!write_central_keys(dir, keys, error)) return false;
        pk = keys.public_key;
    }
    if (!store.set_meta(kCentralKeyMeta, key_to_base64(*pk))) {
        *error = "cannot store the demo central key";
        return false;
    }
    return true;
}

// [SECTION] Sealed stream -------------------------------------------------------------------------
namespace {

// Receives the tar as libarchive writes it and turns it into sealed chunks on the file.
class SealedWriter {
public:
    SealedWriter(int fd, std::int64_t fail_after) : fd_(fd), fail_after_(fail_after) {}
    ~SealedWriter() { sodium_memzero(&state_, sizeof state_); }

    bool begin(const std::string& public_key) {
        unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
        crypto_secretstream_xchacha20poly1305_keygen(key);
        std::string prefix(kMagic, sizeof kMagic);
        prefix.push_back(static_cast<char>(kBundleVersion));
        ad_ = prefix;
        unsigned char fp[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(fp, reinterpret_cast<const unsigned char*>(public_key.data()), public_key.size());
        prefix.append(reinterpret_cast<char*>(fp), kFingerprintBytes);
        unsigned char sealed[kSealedKeyBytes];
        if (crypto_box_seal(sealed, key, sizeof key, reinterpret_cast<const unsigned char*>(public_key.data())) != 0) {
            sodium_memzero(key, sizeof key);
            error = "cannot seal the bundle key to the central public key";
            return false;
        }
        prefix.append(reinterpret_cast<char*>(sealed), sizeof sealed);
        unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
        crypto_secretstream_xchacha20poly1305_init_push(&state_, header, key);
        sodium_memzero(key, sizeof key);
        prefix.append(reinterpret_cast<char*>(header), sizeof header);
        prefix_sha256 = sha256_hex(prefix);
        return put(prefix);
    }
    // Plain tar bytes.
    bool add(const void* data, std::size_t n) {
        const char* p = static_cast<const char*>(data);
        while (n > 0) {
            const std::size_t take = std::min(n, kChunkBytes - buffer_.size());
            buffer_.append(p, take);
            p += take;
            n -= take;
            if (buffer_.size() == kChunkBytes && !push(false)) return false;
        }
        return true;
    }
    // The last chunk (possibly empty), tagged FINAL: without it a reader knows the file was cut.
    bool finish() { return push(true); }

    std::int64_t written = 0;
    std::string error;
    // SHA-256 of the clear header: the sealed stream key and the stream header in it are random,
    // so it names this very file (the export intent keeps it; the bundle id is inside, sealed).
    std::string prefix_sha256;

private:
    bool push(bool final) {
        std::string out(buffer_.size() + crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
        crypto_secretstream_xchacha20poly1305_push(
            &state_, reinterpret_cast<unsigned char*>(&out[0]), nullptr,
            reinterpret_cast<const unsigned char*>(buffer_.data()), buffer_.size(),
            reinterpret_cast<const unsigned char*>(ad_.data()), ad_.size(),
            final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
        buffer_.clear();
        return put(out);
    }
    bool put(const std::string& bytes) {
        const char* p = bytes.data();
        std::size_t n = bytes.size();
        while (n > 0) {
            std::size_t take = n;
            if (fail_after_ >= 0) {
                if (written >= fail_after_) {
                    error = errno_text(ENOSPC);
                    return false;
                }
                take = std::min<std::size_t>(take, static_cast<std::size_t>(fail_after_ - written));
            }
            const ssize_t w = ::write(fd_, p, take);
            if (w < 0) {
                if (errno == EINTR) continue;
                error = errno_text(errno);
                return false;
            }
            p += w;
            n -= static_cast<std::size_t>(w);
            written += w;
        }
        return true;
    }

    int fd_;
    std::int64_t fail_after_;
    crypto_secretstream_xchacha20poly1305_state state_{};
    std::string buffer_;
    std::string ad_;
};

la_ssize_t tar_write(struct archive* a, void* client, const void* buffer, size_t length) {
    auto* w = static_cast<SealedWriter*>(client);
    if (!w->add(buffer, length)) {
        archive_set_error(a, EIO, "%s", w->error.c_str());
        return -1;
    }
    return static_cast<la_ssize_t>(length);
}

// The plain tar of a sealed bundle's bytes, or nullopt + *error (one line).
std::optional<std::string> open_sealed_bytes(const std::string& file, const std::string& secret_key, std::string* error) {
    sodium_ready();
    if (file.size() < kHeaderAd || std::memcmp(file.data(), kMagic, sizeof kMagic) != 0) {
        *error = "not an Amorce bundle (bad magic)";
        return std::nullopt;
    }
    const int version = static_cast<unsigned char>(file[sizeof kMagic]);
    if (version != kBundleVersion) {
        *error = "unknown bundle version " + std::to_string(version) + " (this Amorce reads version " +
                 std::to_string(kBundleVersion) + ")";
        return std::nullopt;
    }
    if (file.size() < kPrefixBytes) {
        *error = "truncated bundle: the header is incomplete";
        return std::nullopt;
    }
    if (secret_key.size() != crypto_box_SECRETKEYBYTES) {
        *error = "the secret key is not 32 bytes";
        return std::nullopt;
    }
    const std::string pk = public_of(secret_key);
    unsigned char fp[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(fp, reinterpret_cast<const unsigned char*>(pk.data()), pk.size());
    const std::string sealed_for = hex(file.substr(kHeaderAd, kFingerprintBytes));
    if (std::memcmp(fp, file.data() + kHeaderAd, kFingerprintBytes) != 0) {
        *error = "wrong key: the bundle is sealed for central key " + sealed_for + ", the key given is " +
                 hex(std::string(reinterpret_cast<char*>(fp), kFingerprintBytes));
        return std::nullopt;
    }
    const auto* in = reinterpret_cast<const unsigned char*>(file.data());
    std::size_t pos = kHeaderAd + kFingerprintBytes;
    unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
    if (crypto_box_seal_open(key, in + pos, kSealedKeyBytes, reinterpret_cast<const unsigned char*>(pk.data()),
                             reinterpret_cast<const unsigned char*>(secret_key.data())) != 0) {
        *error = "cannot open the bundle key: the header was altered (or another key with the same fingerprint)";
        return std::nullopt;
    }
    pos += kSealedKeyBytes;
    crypto_secretstream_xchacha20poly1305_state state;
    const int init = crypto_secretstream_xchacha20poly1305_init_pull(&state, in + pos, key);
    sodium_memzero(key, sizeof key);
    if (init != 0) {
        *error = "damaged bundle: bad stream header";
        return std::nullopt;
    }
    pos += crypto_secretstream_xchacha20poly1305_HEADERBYTES;
    std::string plain;
    std::string chunk;
    const std::size_t full = kChunkBytes + crypto_secretstream_xchacha20poly1305_ABYTES;
    bool final_seen = false;
    for (std::size_t index = 0; pos < file.size(); ++index) {
        if (final_seen) {
            *error = "damaged bundle: " + std::to_string(file.size() - pos) + " bytes after the final chunk";
            return std::nullopt;
        }
        const std::size_t n = std::min(full, file.size() - pos);
        if (n < crypto_secretstream_xchacha20poly1305_ABYTES) {
            *error = "truncated bundle: chunk " + std::to_string(index) + " is incomplete";
            return std::nullopt;
        }
        chunk.resize(n - crypto_secretstream_xchacha20poly1305_ABYTES);
        unsigned long long len = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&state, reinterpret_cast<unsigned char*>(&chunk[0]), &len, &tag,
                                                       in + pos, n, in, kHeaderAd) != 0) {
            // A short last chunk is what a cut file looks like, and also a changed final chunk.
            *error = std::string(n < full ? "truncated or tampered bundle: the last chunk " : "damaged or tampered bundle: chunk ") +
                     std::to_string(index) + " (bytes " + std::to_string(pos) + "-" + std::to_string(pos + n - 1) +
                     ") fails authentication";
            return std::nullopt;
        }
        plain.append(chunk.data(), static_cast<std::size_t>(len));
        pos += n;
        final_seen = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    }
    if (!final_seen) {
        *error = "truncated bundle: the encrypted stream ends before its final chunk";
        return std::nullopt;
    }
    return plain;
}

} // namespace

std::optional<std::string> open_sealed(const std::string& file_bytes, const std::string& secret_key, std::string* error) {
    return open_sealed_bytes(file_bytes, secret_key, error);
}

bool seal_to_file(const std::string& tar, const std::string& public_key, const std::string& path, std::string* error) {
    sodium_ready();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) {
        *error = "cannot create " + path + ": " + errno_text(errno);
        return false;
    }
    SealedWriter w(fd, -1);
    const bool ok = w.begin(public_key) && w.add(tar.data(), tar.size()) && w.finish();
    ::close(fd);
    if (!ok) *error = "cannot write " + path + ": " + w.error;
    return ok;
}

// [SECTION] Interrupted exports -------------------------------------------------------------------
namespace {

constexpr const char* kIntentTitle = "amorce.export.pending/1";

// What run_export() is about to make true: this file holds these sessions.
struct ExportIntent {
    std::string bundle_id;
    std::string path;   // absolute: the app and the CLI may not run from the same folder
    std::string tmp;    // the temporary file (a crash before the rename leaves it behind)
    std::int64_t at = 0;      // the bundle's time (manifest created_at): the marks use it
    std::int64_t size = -1;   // the sealed file's size
    std::string header;       // SHA-256 of the clear header (SealedWriter::prefix_sha256)
    std::vector<std::string> sessions;
};

// Plain "key=value" lines (the meta is a text column, read by people debugging a tablet too).
// Only ids, a path and numbers: the meta is not encrypted, and none of these is personal data.
std::string intent_text(const ExportIntent& i) {
    std::string out = std::string(kIntentTitle) + "\n";
    out += "bundle_id=" + i.bundle_id + "\n";
    out += "path=" + i.path + "\n";
    out += "tmp=" + i.tmp + "\n";
    out += "at=" + std::to_string(i.at) + "\n";
    out += "size=" + std::to_string(i.size) + "\n";
    out += "header=" + i.header + "\n";
    for (const auto& id : i.sessions) out += "session=" + id + "\n";
    return out;
}

std::optional<ExportIntent> parse_intent(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line) || line != kIntentTitle) return std::nullopt;
    ExportIntent i;
    bool have_at = false;
    while (std::getline(in, line)) {
        const auto eq = line.find('=');
        if (eq == std::string::npos) return std::nullopt;
        const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
        try {
            if (key == "bundle_id") i.bundle_id = value;
            else if (key == "path") i.path = value;
            else if (key == "tmp") i.tmp = value;
            else if (key == "at") i.at = std::stoll(value), have_at = true;
            else if (key == "size") i.size = std::stoll(value);
            else if (key == "header") i.header = value;
            else if (key == "session") i.sessions.push_back(value);
            // Unknown keys are skipped: a later version may add some.
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    if (i.path.empty() || !have_at || i.size < 0 || i.header.size() != 64 || i.sessions.empty()) return std::nullopt;
    for (const auto& id : i.sessions)
        if (!is_safe_id(id)) return std::nullopt;
    return i;
}

// True when `i.path` is the bundle the intent describes. It cannot be decrypted here (the tablet
// has only the public key), but its size and its clear header (magic, version, key fingerprint,
// and the random sealed key and stream header) must all be those written: the rename is atomic
// and the file was fsynced before it, so anything else is not our bundle.
bool is_intended_bundle(const ExportIntent& i, std::string* why) {
    std::error_code ec;
    const auto size = fs::file_size(i.path, ec);
    if (ec) {
        *why = "no bundle at " + i.path;
        return false;
    }
    if (static_cast<std::int64_t>(size) != i.size) {
        *why = i.path + " is " + std::to_string(size) + " bytes, the bundle was " + std::to_string(i.size);
        return false;
    }
    std::ifstream in(i.path, std::ios::binary);
    std::string prefix(kPrefixBytes, '\0');
    if (!in.read(&prefix[0], static_cast<std::streamsize>(prefix.size()))) {
        *why = "cannot read " + i.path;
        return false;
    }
    if (std::memcmp(prefix.data(), kMagic, sizeof kMagic) != 0 ||
        static_cast<unsigned char>(prefix[sizeof kMagic]) != kBundleVersion) {
        *why = i.path + " is not an Amorce bundle";
        return false;
    }
    if (sha256_hex(prefix) != i.header) {
        *why = i.path + " is another bundle than the one interrupted";
        return false;
    }
    return true;
}

} // namespace

bool resolve_pending_export(store::Store& store, PendingExportReport* report) {
    PendingExportReport local;
    PendingExportReport& rep = report ? *report : local;
    rep = PendingExportReport{};
    const auto text = store.meta(kPendingExportMeta);
    if (!text || text->empty()) return true;
    auto failed = [&](const std::string& why) {
        rep.outcome = PendingExportReport::Outcome::Failed;
        rep.detail = why;
        return false;
    };
    if (!store.is_unlocked()) return failed("the store is locked");
    auto clear = [&] { return store.set_meta(kPendingExportMeta, ""); };
    const auto intent = parse_intent(*text);
    if (!intent) {
        // Nothing to act on: keeping it would block every export for good.
        if (!clear()) return failed("cannot clear an unreadable export record");
        rep.outcome = PendingExportReport::Outcome::Discarded;
        rep.detail = "the record of an interrupted export could not be read";
        return true;
    }
    rep.bundle_path = intent->path;
    rep.bundle_id = intent->bundle_id;
    std::error_code ec;
    if (!intent->tmp.empty()) fs::remove(intent->tmp, ec); // half a bundle: never delivered
    std::string why;
    if (!is_intended_bundle(*intent, &why)) {
        if (!clear()) return failed("cannot clear the export record");
        rep.outcome = PendingExportReport::Outcome::Discarded;
        rep.detail = why;
        return true;
    }
    // The bundle is there: mark what that export did not. A session it already marked has
    // exported_at == the bundle's time (the crash came after the marks, before the clear); marking
    // it again would write a second "export" entry for one delivery.
    std::string error;
    const auto list = store.list(&error);
    if (!error.empty()) return failed(error);
    std::vector<std::string> todo;
    for (const auto& id : intent->sessions) {
        const auto it = std::find_if(list.begin(), list.end(), [&](const auto& s) { return s.id == id; });
        const bool skip = it == list.end() || it->damaged || it->status == core::SessionStatus::Draft ||
                          (it->status == core::SessionStatus::Exported && it->exported_at == intent->at);
        (skip ? rep.skipped : todo).push_back(id);
    }
    if (!todo.empty() && !store.mark_exported(todo, intent->at, &error)) return failed(error);
    if (!clear()) return failed("the sessions are marked but the export record cannot be cleared");
    rep.marked = std::move(todo);
    rep.outcome = PendingExportReport::Outcome::Marked;
    return true;
}

// [SECTION] Planning ------------------------------------------------------------------------------

ExportPlan plan_export(store::Store& store, const ExportOptions& options) {
    ExportPlan plan;
    std::string error;
    // First what an interrupted export left: its sessions may be in a bundle already.
    if (!resolve_pending_export(store, &plan.interrupted))
        plan.problems.push_back("an earlier export was interrupted and cannot be settled yet: " + plan.interrupted.detail);
    const auto list = store.list(&error);
    if (!error.empty()) {
        plan.problems.push_back(error);
        return plan;
    }
    std::set<std::string> again(options.again.begin(), options.again.end());
    std::set<std::string> found;
    for (const auto& s : list) {
        const bool asked = again.count(s.id) > 0;
        if (asked) found.insert(s.id);
        if (s.damaged) {
            if (asked) plan.problems.push_back("session " + s.id + " is damaged and cannot be exported");
            continue;
        }
        if (asked) {
            if (s.status == core::SessionStatus::Draft)
                plan.problems.push_back("session " + s.id + " is not finalized: finalize its synthesis first");
            else
                plan.sessions.push_back({s.id, s.display_name, s.interview_date, s.status,
                                         s.status == core::SessionStatus::Exported});
            continue;
        }
        if (s.status == core::SessionStatus::Draft) {
            ++plan.drafts_left;
            continue;
        }
        if (s.status == core::SessionStatus::Exported) {
            ++plan.already_exported;
            continue;
        }
        if (options.since && s.interview_date < *options.since) continue;
        plan.sessions.push_back({s.id, s.display_name, s.interview_date, s.status, false});
    }
    for (const auto& id : again)
        if (!found.count(id)) plan.problems.push_back("no session " + id + " in this data folder");
    std::stable_sort(plan.sessions.begin(), plan.sessions.end(),
                     [](const PlannedSession& a, const PlannedSession& b) { return a.interview_date < b.interview_date; });
    return plan;
}

// [SECTION] Running -------------------------------------------------------------------------------
namespace {

struct FileEntry {
    std::string path;
    std::int64_t size = 0;
    std::string sha256;
};

struct ManifestSession {
    std::string id, status, interview_date;
    bool pdf = false;
};

std::string manifest_json(const std::string& bundle_id, const ExportOptions& o, const std::string& establishment,
                          std::int64_t now, const std::vector<ManifestSession>& sessions,
                          const std::vector<FileEntry>& files, const store::AuditHead& head, int audit_entries) {
    using Out = cereal::JSONOutputArchive;
    std::ostringstream out;
    {
        Out ar(out, Out::Options(324, Out::Options::IndentChar::space, 2));
        ar(cereal::make_nvp("format", std::string(kBundleFormat)));
        ar(cereal::make_nvp("bundle_id", bundle_id));
        ar(cereal::make_nvp("app_version", o.app_version));
        ar(cereal::make_nvp("establishment", valid_utf8(establishment)));
        ar(cereal::make_nvp("created_at", core::format_unix_iso(now)));
        ar(cereal::make_nvp("session_schema", std::string(kSessionSchemaVersion)));
        ar.setNextName("sessions");
        ar.startNode();
        ar.makeArray();
        for (const auto& s : sessions) {
            ar.startNode();
            ar(cereal::make_nvp("id", s.id), cereal::make_nvp("status", s.status),
               cereal::make_nvp("interview_date", s.interview_date), cereal::make_nvp("pdf", s.pdf));
            ar.finishNode();
        }
        ar.finishNode();
        ar.setNextName("files");
        ar.startNode();
        ar.makeArray();
        for (const auto& f : files) {
            ar.startNode();
            ar(cereal::make_nvp("path", f.path), cereal::make_nvp("size", f.size), cereal::make_nvp("sha256", f.sha256));
            ar.finishNode();
        }
        ar.finishNode();
        ar.setNextName("audit");
        ar.startNode();
        ar(cereal::make_nvp("entries", audit_entries), cereal::make_nvp("head_seq", head.seq),
           cereal::make_nvp("head_hash", hex(head.hash)));
        ar.finishNode();
    }
    out << '\n';
    return out.str();
}

// Owns the temporary file until commit(): the destructor removes it on every failure path.
class TempBundle {
public:
    ~TempBundle() {
        if (fd >= 0) ::close(fd);
        if (!tmp.empty()) ::unlink(tmp.c_str());
    }
    int fd = -1;
    std::string tmp;
};

} // namespace

ExportResult run_export(store::Store& store, const ExportPlan& plan, const ExportOptions& o,
                        const ExportProgress& progress) {
    ExportResult result;
    auto fail = [&](const std::string& e) {
        result.ok = false;
        result.error = e;
        return result;
    };
    if (!sodium_ready()) return fail("libsodium cannot start");
    if (PendingExportReport pending; !resolve_pending_export(store, &pending))
        return fail("an earlier export was interrupted and cannot be settled yet: " + pending.detail);
    if (!plan.problems.empty()) return fail(plan.problems.front());
    if (plan.empty()) return fail("nothing to export");
    if (o.include_pdfs && !o.assets) return fail("the synthesis assets are needed to write the PDFs");

    // The key first: a missing or bad key must not cost a whole export.
    std::string pk = o.central_public_key;
    if (pk.empty()) {
        const auto meta = store.meta(kCentralKeyMeta);
        if (!meta) return fail("no central public key: give one (amorce export --key central.pub) or set it in the settings");
        std::string e;
        auto k = public_key_from_text(*meta, &e);
        if (!k) return fail("the central public key in the settings is invalid: " + e);
        pk = *k;
    }
    if (pk.size() != crypto_box_PUBLICKEYBYTES) return fail("the central public key is not 32 bytes");

    const std::int64_t now = o.now ? o.now : core::unix_now();
    const std::string bundle_id = random_hex(8);
    std::string establishment = o.establishment;
    if (establishment.empty()) establishment = store.meta("establishment").value_or("");

    std::error_code ec;
    if (!fs::is_directory(o.out_dir, ec)) return fail("the output folder " + o.out_dir + " does not exist");
    // The export record is lines of text: a folder name with a line break could not be kept in it.
    if (o.out_dir.find('\n') != std::string::npos) return fail("the output folder's name contains a line break");

    // Loaded and checked before anything is written: a session that cannot go stops the export.
    std::vector<core::Session> sessions;
    std::set<std::string> again_ids;
    for (const auto& p : plan.sessions) {
        std::string e;
        auto s = store.load(p.id, &e);
        if (!s) return fail("session " + p.id + ": " + e);
        if (!is_safe_id(s->id)) return fail("session " + p.id + ": its id cannot name a file");
        const bool ok_status = s->status == core::SessionStatus::Finalized ||
                               (p.again && s->status == core::SessionStatus::Exported);
        if (!ok_status)
            return fail("session " + p.id + " is " + core::status_key(s->status) + ", not finalized: nothing exported");
        if (s->synthesis.finalized_at == 0 || s->synthesis.empty())
            return fail("session " + p.id + " has no finalized synthesis: nothing exported");
        if (establishment.empty()) establishment = s->participant.establishment;
        sessions.push_back(std::move(*s));
    }
    std::string error;
    // A store without accounts (never set up, tests) has no audit log yet: the extract is empty.
    std::vector<store::AuditEntry> audit_all;
    if (store.has_accounts()) {
        audit_all = store.audit_entries({}, &error);
        if (!error.empty()) return fail("cannot read the audit log: " + error);
    }
    const store::AuditHead head = store.audit_head();

    std::map<std::string, std::string> names; // finalizer id -> display name, for the PDFs
    for (const auto& a : store.accounts()) names[a.id] = a.display_name;
    for (const auto& c : store.counsellors()) names.emplace(c.id, c.display_name);

    const std::string name = "amorce-" + slug(establishment) + "-" + compact_utc(now) + "-" + bundle_id.substr(0, 8) +
                             kBundleExtension;
    const fs::path final_path = fs::path(o.out_dir) / name;
    TempBundle temp;
    temp.tmp = (fs::path(o.out_dir) / ("." + name + ".tmp")).string();
    temp.fd = ::open(temp.tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (temp.fd < 0) {
        const int e = errno;
        temp.tmp.clear(); // not ours: never unlink what we did not create
        return fail("cannot write in " + o.out_dir + ": " + errno_text(e));
    }

    SealedWriter sealed(temp.fd, o.fail_after_bytes);
    if (!sealed.begin(pk)) return fail("cannot write " + temp.tmp + ": " + sealed.error);
    struct archive* a = archive_write_new();
    struct ArchiveCloser {
        struct archive* a;
        ~ArchiveCloser() { archive_write_free(a); }
    } closer{a};
    archive_write_set_format_pax_restricted(a);
    archive_write_add_filter_none(a);
    if (archive_write_open(a, &sealed, nullptr, tar_write, nullptr) != ARCHIVE_OK)
        return fail(std::string("cannot start the archive: ") + archive_error_string(a));

    std::vector<FileEntry> files;
    auto add_file = [&](const std::string& path, const std::string& data) -> bool {
        struct archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, path.c_str());
        archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_mtime(e, now, 0);
        bool ok = archive_write_header(a, e) == ARCHIVE_OK;
        if (ok && !data.empty()) ok = archive_write_data(a, data.data(), data.size()) == static_cast<la_ssize_t>(data.size());
        archive_entry_free(e);
        if (!ok) {
            result.error = "cannot write " + temp.tmp + ": " +
                           (!sealed.error.empty() ? sealed.error : std::string(archive_error_string(a) ? archive_error_string(a) : "archive error"));
            return false;
        }
        files.push_back({path, static_cast<std::int64_t>(data.size()), sha256_hex(data)});
        return true;
    };

    const int total = static_cast<int>(sessions.size()) + 2;
    int done = 0;
    std::vector<ManifestSession> listed;
    for (const auto& s : sessions) {
        if (progress) progress(done, total, "session " + s.id);
        if (!add_file("sessions/" + s.id + ".json", session_document(s))) return fail(result.error);
        ManifestSession m{s.id, core::status_key(s.status), s.interview_date().to_iso(), false};
        if (o.include_pdfs) {
            static const std::vector<deck::Deck> no_decks;
            auto who = names.find(s.synthesis.finalized_by);
            const report::SynthesisDocument doc = report::document_from_session(
                s, *o.assets, o.decks ? *o.decks : no_decks, who != names.end() ? who->second : std::string());
            std::string pdf;
            if (!report::render_synthesis_pdf(doc, &pdf, &error))
                return fail("session " + s.id + ": the synthesis PDF cannot be made: " + error);
            if (!add_file("syntheses/" + s.id + ".pdf", pdf)) return fail(result.error);
            m.pdf = true;
            ++result.pdfs;
        }
        listed.push_back(m);
        ++done;
    }

    if (progress) progress(done, total, "audit log");
    std::set<std::string> ids;
    for (const auto& s : sessions) ids.insert(s.id);
    std::vector<const store::AuditEntry*> extract;
    for (const auto& e : audit_all)
        if (ids.count(e.target)) extract.push_back(&e);
    std::sort(extract.begin(), extract.end(), [](auto* x, auto* y) { return x->seq < y->seq; });
    std::string audit;
    for (const auto* e : extract) audit += store::to_json_line(*e) + "\n";
    if (!add_file("audit.jsonl", audit)) return fail(result.error);
    ++done;

    if (progress) progress(done, total, "sealing");
    const std::string manifest =
        manifest_json(bundle_id, o, establishment, now, listed, files, head, static_cast<int>(extract.size()));
    if (!add_file("manifest.json", manifest)) return fail(result.error);
    if (archive_write_close(a) != ARCHIVE_OK)
        return fail("cannot write " + temp.tmp + ": " + (!sealed.error.empty() ? sealed.error : archive_error_string(a)));
    if (!sealed.finish()) return fail("cannot write " + temp.tmp + ": " + sealed.error);
    if (::fsync(temp.fd) != 0) return fail("cannot write " + temp.tmp + ": " + errno_text(errno));
    const int fd = temp.fd;
    temp.fd = -1;
    if (::close(fd) != 0) return fail("cannot write " + temp.tmp + ": " + errno_text(errno));
    if (fs::exists(final_path, ec)) return fail(final_path.string() + " already exists");

    // The intent before the rename: from the rename on, a crash leaves a delivered bundle whose
    // sessions look unexported, and only this record lets the next run mark them.
    std::vector<std::string> id_list;
    for (const auto& s : sessions) id_list.push_back(s.id);
    ExportIntent intent;
    intent.bundle_id = bundle_id;
    intent.path = fs::absolute(final_path, ec).string();
    intent.tmp = fs::absolute(temp.tmp, ec).string();
    intent.at = now;
    intent.size = sealed.written;
    intent.header = sealed.prefix_sha256;
    intent.sessions = id_list;
    if (!store.set_meta(kPendingExportMeta, intent_text(intent)))
        return fail("cannot record the export before writing the bundle: nothing exported");
    auto clear_intent = [&] { return store.set_meta(kPendingExportMeta, ""); };
    if (o.test_crash == TestCrash::BeforeRename) {
        temp.tmp.clear(); // a crash removes nothing
        return fail("test: stopped before the rename");
    }
    if (::rename(temp.tmp.c_str(), final_path.c_str()) != 0) {
        const int e = errno;
        clear_intent(); // nothing delivered (if this fails, the next run finds no bundle and drops it)
        return fail("cannot rename the bundle into place: " + errno_text(e));
    }
    temp.tmp.clear();
    // The folder entry too, so a power cut after "done" cannot lose the bundle.
    if (int dfd = ::open(o.out_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    if (o.test_crash == TestCrash::AfterRename) return fail("test: stopped after the rename");

    // Marked only now that the bundle exists. If marking fails, the bundle goes too: a session
    // must never be in a bundle while the tablet still offers it as "not exported". Should the
    // bundle stay (it cannot be removed), so does the intent: the next run marks its sessions.
    if (!store.mark_exported(id_list, now, &error)) {
        if (::unlink(final_path.c_str()) == 0) clear_intent();
        return fail("the sessions could not be marked exported (" + error + "): the bundle was removed");
    }
    // A failed clear is harmless: the next run finds these sessions marked at `now` and skips them.
    clear_intent();
    if (progress) progress(total, total, "done");
    result.ok = true;
    result.path = final_path.string();
    result.bundle_id = bundle_id;
    result.sessions = static_cast<int>(sessions.size());
    result.audit_entries = static_cast<int>(extract.size());
    result.bytes = sealed.written;
    return result;
}

// [SECTION] Verifying -----------------------------------------------------------------------------
namespace {

std::optional<std::map<std::string, std::string>> untar(const std::string& tar, std::string* error) {
    struct archive* a = archive_read_new();
    archive_read_support_format_tar(a);
    std::map<std::string, std::string> files;
    std::optional<std::map<std::string, std::string>> out;
    if (archive_read_open_memory(a, tar.data(), tar.size()) != ARCHIVE_OK) {
        *error = std::string("the archive cannot be read: ") + archive_error_string(a);
        archive_read_free(a);
        return std::nullopt;
    }
    struct archive_entry* e = nullptr;
    int r = ARCHIVE_OK;
    while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
        const char* p = archive_entry_pathname(e);
        const std::string path = p ? p : "";
        if (archive_entry_filetype(e) != AE_IFREG || path.empty() || path[0] == '/' || path.find("..") != std::string::npos) {
            *error = "unexpected entry '" + path + "' in the archive";
            archive_read_free(a);
            return std::nullopt;
        }
        if (files.count(path)) {
            *error = path + " appears twice in the archive";
            archive_read_free(a);
            return std::nullopt;
        }
        std::string data;
        char buf[65536];
        la_ssize_t n = 0;
        while ((n = archive_read_data(a, buf, sizeof buf)) > 0) data.append(buf, static_cast<size_t>(n));
        if (n < 0) {
            *error = path + ": cannot be read from the archive: " + archive_error_string(a);
            archive_read_free(a);
            return std::nullopt;
        }
        files[path] = std::move(data);
    }
    if (r != ARCHIVE_EOF) {
        *error = std::string("the archive is damaged: ") + (archive_error_string(a) ? archive_error_string(a) : "");
        archive_read_free(a);
        return std::nullopt;
    }
    archive_read_free(a);
    return files;
}

std::string get_str(const rapidjson::Value& v, const char* name) {
    auto it = v.FindMember(name);
    return it != v.MemberEnd() && it->value.IsString() ? std::string(it->value.GetString()) : std::string();
}

} // namespace

VerifyReport verify_bundle(const std::string& path, const std::string& central_secret_key, bool keep_files) {
    VerifyReport rep;
    auto fail = [&](const std::string& e) {
        rep.ok = false;
        rep.error = e;
        return rep;
    };
    std::string file, error;
    if (!read_file(path, &file, &error)) return fail(error);
    auto tar = open_sealed_bytes(file, central_secret_key, &error);
    if (!tar) return fail(error);
    auto files = untar(*tar, &error);
    if (!files) return fail(error);

    auto mit = files->find("manifest.json");
    if (mit == files->end()) return fail("manifest.json is missing");
    rapidjson::Document m;
    m.Parse<rapidjson::kParseValidateEncodingFlag>(mit->second.c_str(), mit->second.size());
    if (m.HasParseError() || !m.IsObject()) return fail("manifest.json is not a JSON object");
    rep.format = get_str(m, "format");
    if (rep.format != kBundleFormat)
        return fail("manifest.json: unknown format '" + rep.format + "' (this Amorce reads " + kBundleFormat + ")");
    rep.bundle_id = get_str(m, "bundle_id");
    rep.establishment = get_str(m, "establishment");
    rep.created_at = get_str(m, "created_at");
    rep.app_version = get_str(m, "app_version");
    if (rep.bundle_id.empty() || rep.created_at.empty()) return fail("manifest.json: bundle_id or created_at missing");

    // Every listed file present with its size and hash; every file present is listed.
    auto fit = m.FindMember("files");
    if (fit == m.MemberEnd() || !fit->value.IsArray()) return fail("manifest.json: no files list");
    std::set<std::string> listed;
    for (const auto& f : fit->value.GetArray()) {
        if (!f.IsObject()) return fail("manifest.json: a files entry is not an object");
        const std::string p = get_str(f, "path"), sha = get_str(f, "sha256");
        auto sit = f.FindMember("size");
        if (p.empty() || sha.size() != 64 || sit == f.MemberEnd() || !sit->value.IsInt64())
            return fail("manifest.json: a files entry lacks path, size or sha256");
        if (!listed.insert(p).second) return fail("manifest.json: " + p + " is listed twice");
        auto it = files->find(p);
        if (it == files->end()) return fail(p + ": listed in the manifest but missing from the bundle");
        if (static_cast<std::int64_t>(it->second.size()) != sit->value.GetInt64())
            return fail(p + ": size does not match the manifest");
        if (sha256_hex(it->second) != sha) return fail(p + ": SHA-256 does not match the manifest");
    }
    for (const auto& f : *files)
        if (f.first != "manifest.json" && !listed.count(f.first))
            return fail(f.first + ": in the bundle but not listed in the manifest");

    auto sit = m.FindMember("sessions");
    if (sit == m.MemberEnd() || !sit->value.IsArray()) return fail("manifest.json: no sessions list");
    std::set<std::string> ids;
    for (const auto& s : sit->value.GetArray()) {
        if (!s.IsObject()) return fail("manifest.json: a sessions entry is not an object");
        VerifiedSession v{get_str(s, "id"), get_str(s, "status"), get_str(s, "interview_date"), false};
        if (!is_safe_id(v.id)) return fail("manifest.json: a session id is missing or invalid");
        ids.insert(v.id);
        const std::string doc_path = "sessions/" + v.id + ".json";
        auto d = files->find(doc_path);
        if (d == files->end()) return fail(doc_path + ": missing");
        DocumentInfo info;
        if (!session_from_document(d->second, &error, &info)) return fail(doc_path + ": " + error);
        if (info.session_id != v.id) return fail(doc_path + ": session_id is '" + info.session_id + "'");
        if (info.status != "finalized" && info.status != "exported")
            return fail(doc_path + ": status '" + info.status + "' (only finalized sessions are exported)");
        v.status = info.status;
        v.interview_date = info.interview_date;
        v.pdf = files->count("syntheses/" + v.id + ".pdf") > 0;
        if (v.pdf) {
            const std::string& pdf = files->at("syntheses/" + v.id + ".pdf");
            if (pdf.compare(0, 5, "%PDF-") != 0) return fail("syntheses/" + v.id + ".pdf: not a PDF");
            ++rep.pdfs;
        }
        rep.documents[v.id] = d->second;
        rep.sessions.push_back(v);
    }
    for (const auto& f : *files) {
        const std::string& p = f.first;
        if (p == "manifest.json" || p == "audit.jsonl") continue;
        std::string id;
        if (p.rfind("sessions/", 0) == 0 && p.size() > 14 && p.compare(p.size() - 5, 5, ".json") == 0)
            id = p.substr(9, p.size() - 14);
        else if (p.rfind("syntheses/", 0) == 0 && p.size() > 14 && p.compare(p.size() - 4, 4, ".pdf") == 0)
            id = p.substr(10, p.size() - 14);
        else
            return fail(p + ": unexpected file in the bundle");
        if (!ids.count(id)) return fail(p + ": not a session of the manifest");
    }
    auto ait = files->find("audit.jsonl");
    if (ait == files->end()) return fail("audit.jsonl: missing");
    std::istringstream lines(ait->second);
    std::string line;
    for (int n = 1; std::getline(lines, line); ++n) {
        rapidjson::Document e;
        e.Parse(line.c_str(), line.size());
        if (e.HasParseError() || !e.IsObject() || !ids.count(get_str(e, "target")))
            return fail("audit.jsonl: line " + std::to_string(n) + " is not an entry about a session of the bundle");
        ++rep.audit_entries;
    }
    if (auto au = m.FindMember("audit"); au != m.MemberEnd() && au->value.IsObject()) {
        auto seq = au->value.FindMember("head_seq");
        rep.audit_head = (seq != au->value.MemberEnd() && seq->value.IsInt64() ? std::to_string(seq->value.GetInt64()) : "?") +
                         ":" + get_str(au->value, "head_hash");
        auto count = au->value.FindMember("entries");
        if (count == au->value.MemberEnd() || !count->value.IsInt() || count->value.GetInt() != rep.audit_entries)
            return fail("audit.jsonl: the number of entries does not match the manifest");
    } else {
        return fail("manifest.json: no audit object");
    }
    if (keep_files) rep.files = std::move(*files);
    rep.ok = true;
    return rep;
}

} // namespace amorce::exporting
