#include "store/store.hpp"

#include <sodium.h>

namespace amorce::store {

namespace {
constexpr size_t kSumBytes = 16;
std::string checksum(const char* data, size_t size) {
    unsigned char out[kSumBytes];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data), size, nullptr, 0);
    return std::string(reinterpret_cast<const char*>(out), sizeof out);
}
} // namespace

std::string ChecksumCodec::seal(const std::string& plain, const std::string&) const {
    return plain + checksum(plain.data(), plain.size());
}

std::optional<std::string> ChecksumCodec::open(const std::string& stored, const std::string&) const {
    if (stored.size() < kSumBytes) return std::nullopt;
    const size_t n = stored.size() - kSumBytes;
    if (checksum(stored.data(), n) != stored.substr(n)) return std::nullopt;
    return stored.substr(0, n);
}

namespace {
constexpr char kSealed = '\x01';     // a payload sealed by seal()
constexpr char kUnreadable = '\x02'; // seal_unreadable(): bytes kept, reported damaged
} // namespace

EncryptingCodec::EncryptingCodec(std::shared_ptr<const crypto::SecretKey> key) : key_(std::move(key)) {}

std::string EncryptingCodec::seal(const std::string& plain, const std::string& associated) const {
    return kSealed + crypto::aead_seal(*key_, plain, associated);
}

std::string EncryptingCodec::seal_unreadable(const std::string& raw, const std::string& associated) const {
    return kUnreadable + crypto::aead_seal(*key_, raw, associated);
}

std::optional<std::string> EncryptingCodec::open(const std::string& stored, const std::string& associated) const {
    if (stored.empty() || stored[0] != kSealed) return std::nullopt;
    return crypto::aead_open(*key_, std::string_view(stored).substr(1), associated);
}

} // namespace amorce::store
