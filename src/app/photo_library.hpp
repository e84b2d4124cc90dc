// The app's photo library: the shipped and imported decks, a thumbnail cache on disk, worker
// threads that decode, and the textures made from their results on the UI thread.
#pragma once

#include "deck/deck.hpp"
#include "deck/thumbnails.hpp"
#include "ui/board_view.hpp"
#include "ui/photo_board.hpp"

#include <platform.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace amorce::app {

class PhotoLibrary final : public ui::PhotoLibrary, public ui::PictogramSource {
public:
    // deck_roots: folders whose sub-folders are decks (shipped first, then imported).
    // cache_dir: where thumbnails are kept (created if missing).
    PhotoLibrary(platform::Platform& platform, std::vector<std::string> deck_roots, std::string cache_dir);
    ~PhotoLibrary() override; // stops the workers, frees every texture

    // (Re)reads the deck folders (after an import). Textures of unchanged decks are kept.
    void reload();
    // UI thread, once a frame before drawing: turns finished images into textures.
    void poll();

    const std::vector<deck::Deck>& decks() const override { return decks_; }
    ui::PhotoTexture thumbnail(const deck::Deck& deck, const deck::Card& card) override;
    ui::PhotoTexture large(const deck::Deck& deck, const deck::Card& card) override;
    // Board pictograms: <dir>/<name>.png, through the same workers and cache.
    void set_pictogram_dir(std::string dir) { picto_dir_ = std::move(dir); }
    ui::PhotoTexture pictogram(const std::string& name) override;

    // For benchmarks and tests.
    deck::ThumbnailCache& cache() { return *cache_; }
    bool wait_idle(int ms);
    std::size_t texture_count() const { return thumbs_.size() + large_.size(); }
    std::size_t pending() const { return pending_; }

    static constexpr int kKeepLarge = 3; // full-screen images kept as textures

private:
    struct Entry {
        ui::PhotoTexture texture;
        bool requested = false;
        std::uint64_t used = 0; // frame it was last asked for
    };
    void release(Entry& e);

    platform::Platform& platform_;
    std::vector<std::string> roots_;
    std::vector<deck::Deck> decks_;
    std::unique_ptr<deck::ThumbnailCache> cache_;
    std::unique_ptr<deck::ThumbnailLoader> loader_;
    std::unordered_map<std::string, Entry> thumbs_; // "deck/card"
    std::unordered_map<std::string, Entry> large_;  // "deck/card"
    std::string picto_dir_;
    std::uint64_t frame_ = 0;
    std::size_t pending_ = 0;
};

} // namespace amorce::app
