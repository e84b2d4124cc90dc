// Fuzz target for the deck parsers: the deck.json manifest parser and the image path (header
// and structure checks, stb_image decode, downscale, PNG round trip). Each input goes to both.
//
// Built two ways (tests/fuzz/CMakeLists.txt):
//   - amorce_fuzz_deck (AMORCE_FUZZ=ON, clang): libFuzzer + ASan + UBSan, for fuzzing runs;
//   - amorce_fuzz_deck_replay (every build): replay_main.cpp feeds the seed corpus and the test
//     decks through this same function, so CTest exercises the parsers on every run.
// Besides "no crash, no sanitizer report", the checks below turn broken invariants into crashes.
#include "deck/deck.hpp"
#include "deck/images.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

void require(bool ok) {
    if (!ok) __builtin_trap();
}

void fuzz_manifest(const std::uint8_t* data, std::size_t size) {
    using namespace amorce::deck;
    const LoadResult r = parse_manifest(std::string_view(reinterpret_cast<const char*>(data), size));
    for (const auto& p : r.problems)
        require(!p.message.empty() && p.line().size() > p.message.size());
    // A card left available passed every manifest check: usable id (unique), safe path, description.
    std::set<std::string> ids;
    for (const auto& c : r.deck.cards) {
        if (!c.available()) continue;
        require(is_valid_id(c.id) && ids.insert(c.id).second);
        require(is_safe_relative_path(c.file));
        require(!c.description.empty());
    }
    if (r.problems.empty())
        require(r.deck.format == kFormatVersion && is_valid_id(r.deck.id) && !r.deck.cards.empty());
}

void fuzz_image(const std::uint8_t* data, std::size_t size) {
    using namespace amorce::deck;
    // Small caps keep one input fast; the production caps only differ in size.
    ImageLimits limits;
    limits.max_side = 1024;
    limits.max_pixels = 1 << 20;
    limits.max_file_bytes = 1 << 20;
    const ImageInfo info = inspect_image(data, size, limits);
    if (info.ok()) require(info.width > 0 && info.height > 0 && info.width <= limits.max_side);
    Image image;
    ImageInfo decoded;
    if (!decode_image(data, size, limits, &image, &decoded)) return;
    require(info.ok() && image.width == info.width && image.height == info.height);
    require(image.rgba.size() == std::size_t(image.width) * std::size_t(image.height) * 4);
    const Image thumb = downscale(image, 32);
    require(!thumb.empty() && std::max(thumb.width, thumb.height) <= 32);
    // Our own PNGs must pass our own checks and decode back to the same size.
    std::vector<std::uint8_t> png;
    require(encode_png(thumb, &png));
    Image back;
    ImageInfo back_info;
    require(decode_image(png.data(), png.size(), limits, &back, &back_info));
    require(back_info.format == ImageFormat::Png && back.width == thumb.width && back.height == thumb.height);
    (void)content_hash(data, size);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz_manifest(data, size);
    fuzz_image(data, size);
    return 0;
}
