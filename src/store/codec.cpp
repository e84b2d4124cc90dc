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

std::string ChecksumCodec::seal(const std::string& plain) const {
    return plain + checksum(plain.data(), plain.size());
}

std::optional<std::string> ChecksumCodec::open(const std::string& stored) const {
    if (stored.size() < kSumBytes) return std::nullopt;
    const size_t n = stored.size() - kSumBytes;
    if (checksum(stored.data(), n) != stored.substr(n)) return std::nullopt;
    return stored.substr(0, n);
}

} // namespace amorce::store
