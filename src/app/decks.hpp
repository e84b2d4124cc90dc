// The work behind « Jeux de photos »: listing the installed decks, looking for deck folders on
// USB sticks, checking and importing a deck. It runs on a worker thread (one job at a time) so
// the UI never waits for a slow stick or for the full decode of every image.
#pragma once

#include "ui/decks_screen.hpp"

#include <cstddef>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace amorce::app {

// Folders holding a deck.json, found cheaply where a counsellor's USB stick or copied deck would
// be: the mount points /media/*/, /media/*/*/ and /run/media/*/*/ and their direct sub-folders,
// and the direct sub-folders of home. At most `limit`, sorted within each place.
std::vector<std::string> find_importable_decks(const std::string& home, std::size_t limit = 40);

// The installed decks: the shipped ones, then the imported ones, each sorted by folder name.
// Reads every deck.json and checks every image header (no full decode).
std::vector<ui::InstalledDeck> list_installed_decks(const std::string& shipped_dir,
                                                    const std::string& imported_dir);

// The ids an import must not reuse: every installed deck's id and folder name.
std::vector<std::string> installed_deck_ids(const std::string& shipped_dir, const std::string& imported_dir);

class DecksController {
public:
    enum class Outcome { None, Back, Imported };

    DecksController() = default;
    ~DecksController(); // waits for a running job (an import finishes or cleans up; never half done)
    DecksController(const DecksController&) = delete;
    DecksController& operator=(const DecksController&) = delete;

    // Entering the screen: an empty folder field, a fresh list of decks and of USB folders.
    void open(const std::string& shipped_dir, const std::string& imported_dir);
    // One frame: collects finished work, draws the screen, starts what the counsellor asked for.
    // Imported: a deck was just imported (the caller tells whoever shows decks).
    Outcome draw();

private:
    struct Output {
        ui::DecksBusy kind = ui::DecksBusy::None;
        std::optional<std::vector<ui::InstalledDeck>> decks;
        std::optional<std::vector<std::string>> found;
        std::optional<deck::ImportResult> result;
        std::string path;
    };
    struct Slot { // filled by the worker, read by the UI thread
        std::mutex mutex;
        std::optional<Output> output;
    };

    void start(ui::DecksBusy kind, const std::string& path);
    bool collect(); // true when an import just succeeded

    std::string shipped_dir_, imported_dir_;
    ui::DecksState state_;
    ui::DecksBusy busy_ = ui::DecksBusy::None;
    bool list_pending_ = false; // list again once the running job is done
    std::vector<ui::InstalledDeck> decks_;
    bool have_decks_ = false;
    std::vector<std::string> found_;
    bool have_found_ = false;
    std::optional<deck::ImportResult> result_;
    std::string result_path_;
    bool result_is_import_ = false;

    std::shared_ptr<Slot> slot_;
    std::future<void> worker_;
};

} // namespace amorce::app
