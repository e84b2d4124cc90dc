// Deck images: byte-level checks, stb_image decode, downscale, PNG encode, content hash.
//
// [SECTION] Helpers
// [SECTION] JPEG structure walk
// [SECTION] PNG structure walk
// [SECTION] inspect_image
// [SECTION] Decode, downscale, encode
// [SECTION] Hash and file reading
#include "deck/images.hpp"

// stb's implementations are compiled into Debian's libstb: no STB_*_IMPLEMENTATION here.
#include <stb_image.h>
#include <stb_image_resize.h>
#include <stb_image_write.h>

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace amorce::deck {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

namespace {

std::uint32_t be16(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 8) | p[1];
}
std::uint32_t be32(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

const std::uint8_t kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

ImageFormat sniff_format(const std::uint8_t* d, std::size_t n) {
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) return ImageFormat::Jpeg;
    if (n >= 8 && std::memcmp(d, kPngSignature, 8) == 0) return ImageFormat::Png;
    return ImageFormat::Unknown;
}

// Result of walking a file's structure: the dimensions the header declares (0 if not reached)
// and the first structural problem.
struct Walk {
    int width = 0;
    int height = 0;
    ImageError error = ImageError::None;
    std::string message;
};

Walk fail(Walk w, ImageError e, std::string message) {
    w.error = e;
    w.message = std::move(message);
    return w;
}

//-----------------------------------------------------------------------------
// [SECTION] JPEG structure walk
//-----------------------------------------------------------------------------

// SOFn markers carry the frame header (dimensions). C4 (DHT), C8 (JPG) and CC (DAC) share the range.
bool is_sof(std::uint8_t m) {
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

// Walks the marker segments from SOI to EOI. stb_image is lenient with a truncated JPEG (it
// decodes the missing part as grey), so truncation is only caught here: a file that ends before
// its EOI marker is truncated. Bytes after EOI are ignored (some cameras append data).
Walk walk_jpeg(const std::uint8_t* d, std::size_t n) {
    Walk w;
    std::size_t pos = 2; // after SOI (checked by sniff_format)
    bool seen_sof = false, seen_sos = false;
    for (;;) {
        if (pos >= n) return fail(w, ImageError::Truncated, "file is truncated (no end-of-image marker)");
        if (d[pos] != 0xFF)
            return fail(w, ImageError::Corrupt,
                        "corrupt JPEG (expected a marker at byte " + std::to_string(pos) + ")");
        while (pos < n && d[pos] == 0xFF)
            ++pos; // fill bytes
        if (pos >= n) return fail(w, ImageError::Truncated, "file is truncated (ends inside a marker)");
        const std::uint8_t m = d[pos++];
        if (m == 0xD9) { // EOI
            if (!seen_sof) return fail(w, ImageError::Corrupt, "corrupt JPEG (no frame header)");
            if (!seen_sos) return fail(w, ImageError::Corrupt, "corrupt JPEG (no image data)");
            return w;
        }
        if (m == 0x00 || m == 0xD8)
            return fail(w, ImageError::Corrupt,
                        "corrupt JPEG (unexpected marker at byte " + std::to_string(pos - 2) + ")");
        if ((m >= 0xD0 && m <= 0xD7) || m == 0x01) continue; // standalone markers, no length
        if (pos + 2 > n) return fail(w, ImageError::Truncated, "file is truncated (ends inside a marker)");
        const std::size_t len = be16(d + pos);
        if (len < 2) return fail(w, ImageError::Corrupt, "corrupt JPEG (bad segment length)");
        if (pos + len > n)
            return fail(w, ImageError::Truncated, "file is truncated (ends inside the header)");
        if (is_sof(m) && !seen_sof) {
            if (len < 8) return fail(w, ImageError::Corrupt, "corrupt JPEG (short frame header)");
            w.height = static_cast<int>(be16(d + pos + 3));
            w.width = static_cast<int>(be16(d + pos + 5));
            if (w.width == 0 || w.height == 0)
                return fail(w, ImageError::Corrupt, "corrupt JPEG (zero width or height)");
            seen_sof = true;
        }
        pos += len;
        if (m != 0xDA) continue; // not SOS
        if (!seen_sof)
            return fail(w, ImageError::Corrupt, "corrupt JPEG (image data before the frame header)");
        seen_sos = true;
        // Entropy-coded data runs to the next marker; 0xFF00 (a stuffed 0xFF) and restart markers
        // RST0-7 belong to the data, and 0xFF may be repeated as fill.
        for (;;) {
            const void* ff = pos < n ? std::memchr(d + pos, 0xFF, n - pos) : nullptr;
            if (!ff) return fail(w, ImageError::Truncated, "file is truncated (ends inside the image data)");
            pos = static_cast<std::size_t>(static_cast<const std::uint8_t*>(ff) - d);
            if (pos + 1 >= n)
                return fail(w, ImageError::Truncated, "file is truncated (ends inside the image data)");
            const std::uint8_t next = d[pos + 1];
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                pos += 2;
            } else if (next == 0xFF) {
                pos += 1;
            } else {
                break; // a real marker starts at pos
            }
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] PNG structure walk
//-----------------------------------------------------------------------------

std::uint32_t crc32_update(std::uint32_t crc, const std::uint8_t* p, std::size_t n) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    for (std::size_t i = 0; i < n; ++i)
        crc = table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
    return crc;
}

bool is_chunk_letter(std::uint8_t c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Reads the dimensions from IHDR (the first chunk), then walks every chunk to IEND checking
// lengths and CRCs. stb_image ignores CRCs; we don't, so a damaged file is named as such.
Walk walk_png(const std::uint8_t* d, std::size_t n) {
    Walk w;
    if (n < 8 + 8 + 13 + 4)
        return fail(w, ImageError::Truncated, "file is truncated (ends inside the PNG header)");
    if (be32(d + 8) != 13 || std::memcmp(d + 12, "IHDR", 4) != 0)
        return fail(w, ImageError::Corrupt, "corrupt PNG (first chunk is not IHDR)");
    const std::uint32_t width = be32(d + 16), height = be32(d + 20);
    if (width == 0 || height == 0 || width > 0x7FFFFFFFu || height > 0x7FFFFFFFu)
        return fail(w, ImageError::Corrupt, "corrupt PNG (impossible width or height)");
    w.width = static_cast<int>(width);
    w.height = static_cast<int>(height);

    std::size_t pos = 8;
    bool seen_idat = false;
    for (;;) {
        if (n - pos < 12) return fail(w, ImageError::Truncated, "file is truncated (no IEND chunk)");
        const std::uint64_t len = be32(d + pos);
        const std::uint8_t* type = d + pos + 4;
        if (len > 0x7FFFFFFFu) return fail(w, ImageError::Corrupt, "corrupt PNG (bad chunk length)");
        for (int i = 0; i < 4; ++i)
            if (!is_chunk_letter(type[i]))
                return fail(w, ImageError::Corrupt, "corrupt PNG (bad chunk type)");
        if (len + 12 > n - pos)
            return fail(w, ImageError::Truncated, "file is truncated (ends inside a chunk)");
        const std::string name(reinterpret_cast<const char*>(type), 4);
        const std::uint32_t stored = be32(d + pos + 8 + len);
        const std::uint32_t actual =
            crc32_update(0xFFFFFFFFu, type, 4 + static_cast<std::size_t>(len)) ^ 0xFFFFFFFFu;
        if (stored != actual)
            return fail(w, ImageError::Corrupt, "corrupt PNG (CRC mismatch in chunk " + name + ")");
        if (name == "IDAT") seen_idat = true;
        if (name == "IEND") {
            if (!seen_idat) return fail(w, ImageError::Corrupt, "corrupt PNG (no image data)");
            return w;
        }
        pos += 12 + static_cast<std::size_t>(len);
    }
}

std::string dims_text(int w, int h) {
    return std::to_string(w) + "x" + std::to_string(h) + " px";
}

} // namespace

const char* format_name(ImageFormat f) {
    switch (f) {
    case ImageFormat::Jpeg: return "JPEG";
    case ImageFormat::Png: return "PNG";
    case ImageFormat::Unknown: break;
    }
    return "unknown";
}

//-----------------------------------------------------------------------------
// [SECTION] inspect_image
//-----------------------------------------------------------------------------

ImageInfo inspect_image(const std::uint8_t* data, std::size_t size, const ImageLimits& limits) {
    ImageInfo info;
    auto fail_with = [&](ImageError e, std::string message) {
        info.error = e;
        info.message = std::move(message);
        return info;
    };
    if (size == 0 || !data) return fail_with(ImageError::Empty, "file is empty (0 bytes)");
    if (size > limits.max_file_bytes || size > static_cast<std::size_t>(0x7FFFFFFF))
        return fail_with(ImageError::FileTooBig, "file is too big (" + std::to_string(size >> 20) + " MB)");
    info.format = sniff_format(data, size);
    if (info.format == ImageFormat::Unknown)
        return fail_with(ImageError::NotJpegOrPng, "not a JPEG or PNG image");

    const Walk walk = info.format == ImageFormat::Jpeg ? walk_jpeg(data, size) : walk_png(data, size);
    info.width = walk.width;
    info.height = walk.height;
    // Dimensions first: an absurd header is refused whatever else is wrong with the file.
    if (walk.width > 0 && walk.height > 0) {
        if (walk.width > limits.max_side || walk.height > limits.max_side ||
            std::int64_t(walk.width) * walk.height > limits.max_pixels)
            return fail_with(ImageError::TooLarge,
                             "image is too large (" + dims_text(walk.width, walk.height) + "; the limit is " +
                                 std::to_string(limits.max_side) + " px per side and " +
                                 std::to_string(limits.max_pixels / 1'000'000) + " megapixels)");
    }
    if (walk.error != ImageError::None) return fail_with(walk.error, walk.message);

    // The decoder must read the same header: catches the variants stb_image does not support
    // (lossless or arithmetic JPEG, bad PNG colour type...) before a worker tries to decode them.
    int w = 0, h = 0, comp = 0;
    if (!stbi_info_from_memory(data, static_cast<int>(size), &w, &h, &comp)) {
        const char* why = stbi_failure_reason();
        return fail_with(ImageError::HeaderUnreadable,
                         std::string("image header unreadable (") + (why ? why : "unknown reason") + ")");
    }
    if (w != walk.width || h != walk.height)
        return fail_with(ImageError::Corrupt, "corrupt image (header dimensions disagree)");
    return info;
}

//-----------------------------------------------------------------------------
// [SECTION] Decode, downscale, encode
//-----------------------------------------------------------------------------

bool decode_image(const std::uint8_t* data, std::size_t size, const ImageLimits& limits, Image* out,
                  ImageInfo* info) {
    ImageInfo local;
    ImageInfo& i = info ? *info : local;
    i = inspect_image(data, size, limits);
    if (!i.ok()) return false;
    int w = 0, h = 0, comp = 0;
    stbi_uc* pixels = stbi_load_from_memory(data, static_cast<int>(size), &w, &h, &comp, 4);
    if (!pixels) {
        const char* why = stbi_failure_reason();
        i.error = ImageError::Corrupt;
        i.message = std::string("image data cannot be decoded (") + (why ? why : "unknown reason") + ")";
        return false;
    }
    out->width = w;
    out->height = h;
    out->rgba.assign(pixels, pixels + std::size_t(w) * std::size_t(h) * 4);
    stbi_image_free(pixels);
    return true;
}

Image downscale(const Image& image, int long_side) {
    if (image.empty() || long_side <= 0) return {};
    const int side = std::max(image.width, image.height);
    if (side <= long_side) return image;
    const double scale = double(long_side) / side;
    Image out;
    out.width = std::max(1, static_cast<int>(image.width * scale + 0.5));
    out.height = std::max(1, static_cast<int>(image.height * scale + 0.5));
    out.rgba.resize(std::size_t(out.width) * std::size_t(out.height) * 4);
    // sRGB-aware so that thin bright details do not darken; channel 3 is alpha (premultiplied internally).
    if (!stbir_resize_uint8_srgb(image.rgba.data(), image.width, image.height, 0, out.rgba.data(), out.width,
                                 out.height, 0, 4, 3, 0))
        return {};
    return out;
}

bool encode_png(const Image& image, std::vector<std::uint8_t>* out) {
    if (image.empty() || image.rgba.size() != std::size_t(image.width) * std::size_t(image.height) * 4)
        return false;
    out->clear();
    const bool opaque = [&] {
        for (std::size_t i = 3; i < image.rgba.size(); i += 4)
            if (image.rgba[i] != 255) return false;
        return true;
    }();
    std::vector<std::uint8_t> rgb;
    const std::uint8_t* pixels = image.rgba.data();
    int channels = 4;
    if (opaque) { // a third smaller on disk; the loader asks stb for RGBA anyway
        rgb.resize(std::size_t(image.width) * std::size_t(image.height) * 3);
        for (std::size_t i = 0, j = 0; i < image.rgba.size(); i += 4, j += 3)
            std::memcpy(&rgb[j], &image.rgba[i], 3);
        pixels = rgb.data();
        channels = 3;
    }
    auto append = [](void* ctx, void* bytes, int n) {
        auto* v = static_cast<std::vector<std::uint8_t>*>(ctx);
        v->insert(v->end(), static_cast<std::uint8_t*>(bytes), static_cast<std::uint8_t*>(bytes) + n);
    };
    return stbi_write_png_to_func(append, out, image.width, image.height, channels, pixels,
                                  image.width * channels) &&
           !out->empty();
}

//-----------------------------------------------------------------------------
// [SECTION] Hash and file reading
//-----------------------------------------------------------------------------

std::string content_hash(const std::uint8_t* data, std::size_t size) {
    static const bool ready = sodium_init() >= 0; // idempotent and thread-safe
    (void)ready;
    unsigned char hash[crypto_generichash_BYTES]; // 32 bytes: BLAKE2b-256
    crypto_generichash(hash, sizeof hash, data, size, nullptr, 0);
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

bool read_file(const std::filesystem::path& path, std::uint64_t max_bytes, std::vector<std::uint8_t>* out,
               ImageError* error, std::string* message) {
    auto fail_with = [&](ImageError e, std::string m) {
        if (error) *error = e;
        if (message) *message = std::move(m);
        return false;
    };
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) return fail_with(ImageError::Unreadable, "cannot read the file (" + ec.message() + ")");
    if (size > max_bytes)
        return fail_with(ImageError::FileTooBig, "file is too big (" + std::to_string(size >> 20) + " MB)");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail_with(ImageError::Unreadable,
                         std::string("cannot open the file (") + std::strerror(errno) + ")");
    out->resize(static_cast<std::size_t>(size));
    if (size > 0 && !in.read(reinterpret_cast<char*>(out->data()), static_cast<std::streamsize>(size)))
        return fail_with(ImageError::Unreadable, "cannot read the file (it changed while being read?)");
    if (error) *error = ImageError::None;
    return true;
}

} // namespace amorce::deck
