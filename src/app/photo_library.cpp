#include "app/photo_library.hpp"

#include "deck/import.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace amorce::app {

namespace fs = std::filesystem;

namespace {

// The shipped decks in the order the board offers them; other decks after, by title.
int deck_rank(const deck::Deck& d) {
    if (d.id == "regards") return 0;
    if (d.id == "quotidien") return 1;
    return 2;
}

std::string key_of(const deck::Deck& d, const deck::Card& c) { return d.id + "/" + c.id; }

} // namespace

PhotoLibrary::PhotoLibrary(platform::Platform& platform, std::vector<std::string> deck_roots, std::string cache_dir)
    : platform_(platform), roots_(std::move(deck_roots)) {
    std::error_code ec;
    fs::create_directories(cache_dir, ec); // best effort: without it thumbnails are just not cached
    cache_ = std::make_unique<deck::ThumbnailCache>(cache_dir);
    loader_ = std::make_unique<deck::ThumbnailLoader>(*cache_, 2, [] { platform::Platform::wake(); });
    reload();
}

PhotoLibrary::~PhotoLibrary() {
    loader_.reset(); // joins the workers before the textures go
    for (auto& [k, e] : thumbs_) release(e);
    for (auto& [k, e] : large_) release(e);
}

void PhotoLibrary::release(Entry& e) {
    if (e.texture.id) platform_.destroy_texture(e.texture.id);
    e.texture = {};
}

void PhotoLibrary::reload() {
    std::vector<deck::Deck> decks = deck::load_decks({roots_.begin(), roots_.end()});
    std::stable_sort(decks.begin(), decks.end(), [](const deck::Deck& a, const deck::Deck& b) {
        if (deck_rank(a) != deck_rank(b)) return deck_rank(a) < deck_rank(b);
        return a.title < b.title;
    });
    decks_ = std::move(decks);
}

void PhotoLibrary::poll() {
    ++frame_;
    for (deck::ThumbnailResult& r : loader_->poll()) {
        const bool is_large = r.key.rfind("L:", 0) == 0;
        auto& map = is_large ? large_ : thumbs_;
        const std::string key = is_large ? r.key.substr(2) : r.key;
        if (pending_ > 0) --pending_;
        auto it = map.find(key);
        if (it == map.end()) continue; // dropped meanwhile
        Entry& e = it->second;
        release(e);
        if (r.ok) {
            e.texture.id = platform_.create_texture(r.image.rgba.data(), r.image.width, r.image.height);
            e.texture.width = r.image.width;
            e.texture.height = r.image.height;
            if (!e.texture.id) {
                e.texture.failed = true;
                e.texture.error = "texture could not be created";
            }
        } else {
            e.texture.failed = true;
            e.texture.error = r.error;
        }
        platform_.request_frames(2);
    }
    // Keep only the most recently shown full-screen images.
    while (large_.size() > static_cast<size_t>(kKeepLarge)) {
        auto oldest = std::min_element(large_.begin(), large_.end(),
                                       [](const auto& a, const auto& b) { return a.second.used < b.second.used; });
        if (oldest->second.used + 1 >= frame_) break; // everything is in use this frame
        release(oldest->second);
        large_.erase(oldest);
    }
}

ui::PhotoTexture PhotoLibrary::thumbnail(const deck::Deck& deck, const deck::Card& card) {
    if (!card.available()) return {};
    const std::string key = key_of(deck, card);
    Entry& e = thumbs_[key];
    e.used = frame_;
    if (!e.requested) {
        e.requested = true;
        ++pending_;
        loader_->request(key, card.path);
    }
    return e.texture;
}

ui::PhotoTexture PhotoLibrary::large(const deck::Deck& deck, const deck::Card& card) {
    if (!card.available()) return {};
    const std::string key = key_of(deck, card);
    Entry& e = large_[key];
    e.used = frame_;
    if (!e.requested) {
        e.requested = true;
        ++pending_;
        const ImVec2 win = platform_.window_size();
        const int side = std::clamp(static_cast<int>(std::max(win.x, win.y)), 512, 1600);
        loader_->request_large("L:" + key, card.path, side);
    }
    return e.texture;
}

ui::PhotoTexture PhotoLibrary::pictogram(const std::string& name) {
    if (name.empty() || picto_dir_.empty()) return {};
    const std::string key = "P:" + name; // deck keys are "deck/card": no colon
    Entry& e = thumbs_[key];
    e.used = frame_;
    if (!e.requested) {
        e.requested = true;
        ++pending_;
        loader_->request(key, picto_dir_ + "/" + name + ".png");
    }
    return e.texture;
}

bool PhotoLibrary::wait_idle(int ms) { return loader_->wait_idle(std::chrono::milliseconds(ms)); }

} // namespace amorce::app
