// Deck images: checking a file's bytes before any decode, decoding with stb_image, downscaling,
// PNG encoding and content hashing. No SDL, no ImGui: pixels are plain RGBA buffers.
//
// Every function here takes bytes from outside (a deck folder someone copied onto the tablet):
// nothing may crash or allocate without bound on hostile input. inspect_image() is the gate:
// it reads the dimensions from the header itself, caps them, and walks the file's structure
// (JPEG markers, PNG chunks with CRCs) so that a truncated file is caught without decoding it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace amorce::deck {

enum class ImageFormat { Unknown, Jpeg, Png };

const char* format_name(ImageFormat f); // "JPEG", "PNG", "unknown"

// Caps applied before anything is decoded. The shipped decks are at most 1600 px.
struct ImageLimits {
    int max_side = 8000;                        // pixels, per side
    std::int64_t max_pixels = 40'000'000;       // width × height (RGBA: 160 MB decoded)
    std::uint64_t max_file_bytes = 64ull << 20; // larger files are refused unread
};

enum class ImageError {
    None,
    Unreadable,       // the file could not be read (I/O error, permission)
    Empty,            // 0 bytes
    FileTooBig,       // more than max_file_bytes
    NotJpegOrPng,     // signature is neither JPEG nor PNG
    HeaderUnreadable, // stb_image cannot read the header (unsupported variant, garbage header)
    TooLarge,         // dimensions above the caps
    Truncated,        // the file ends before the image does
    Corrupt,          // structure broken (bad marker, bad CRC) or pixels undecodable
};

struct ImageInfo {
    ImageFormat format = ImageFormat::Unknown;
    int width = 0;
    int height = 0;
    ImageError error = ImageError::None;
    std::string message; // English, for the command line and logs: "file is truncated (...)"
    bool ok() const { return error == ImageError::None; }
};

// Checks an image file's bytes without decoding pixels: JPEG/PNG signature, dimensions from the
// header and the caps, stbi_info agreement, and the file structure up to the end marker.
ImageInfo inspect_image(const std::uint8_t* data, std::size_t size, const ImageLimits& limits);

// 8-bit RGBA pixels, row-major, no padding.
struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;
    bool empty() const { return width <= 0 || height <= 0; }
};

// inspect_image() then stbi_load_from_memory(). On failure returns false and info says why.
bool decode_image(const std::uint8_t* data, std::size_t size, const ImageLimits& limits, Image* out,
                  ImageInfo* info);

// Scales so that the long side is at most long_side (keeps the aspect ratio; sRGB-correct,
// alpha-aware). An image already small enough is returned as is.
Image downscale(const Image& image, int long_side);

// PNG bytes of the image (RGB when fully opaque, RGBA otherwise).
bool encode_png(const Image& image, std::vector<std::uint8_t>* out);

// BLAKE2b-256 of the bytes (libsodium), lowercase hex: the thumbnail cache key.
std::string content_hash(const std::uint8_t* data, std::size_t size);

// Reads a whole file, refusing files above max_bytes. On failure returns false with an English reason.
bool read_file(const std::filesystem::path& path, std::uint64_t max_bytes, std::vector<std::uint8_t>* out,
               ImageError* error, std::string* message);

} // namespace amorce::deck
