#include "app/decks.hpp"

#include "deck/deck.hpp"
#include "deck/import.hpp"

#include <platform.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace amorce::app {

namespace fs = std::filesystem;

// [SECTION] Looking for decks
namespace {

// Visible sub-folders of dir, sorted, at most `limit` (a mount point is not a deep tree).
std::vector<fs::path> subfolders(const fs::path& dir, std::size_t limit = 64) {
    std::vector<fs::path> out;
    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (const fs::directory_iterator end; !ec && it != end && out.size() < limit; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code e2;
        if (!name.empty() && name[0] != '.' && it->is_directory(e2)) out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

std::vector<std::string> find_importable_decks(const std::string& home, std::size_t limit) {
    std::vector<fs::path> places;
    for (const auto& m : subfolders("/media")) { // /media/STICK or /media/USER/STICK
        places.push_back(m);
        for (const auto& mm : subfolders(m)) places.push_back(mm);
    }
    for (const auto& user : subfolders("/run/media"))
        for (const auto& stick : subfolders(user)) places.push_back(stick);
    if (!home.empty()) places.push_back(home);

    std::vector<std::string> out;
    auto add = [&](const fs::path& p) {
        const std::string s = p.string();
        if (out.size() < limit && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    };
    for (const auto& place : places) {
        std::error_code ec;
        if (fs::is_regular_file(place / deck::kManifestName, ec)) add(place);
        for (const auto& d : deck::deck_folders(place)) add(d);
        if (out.size() >= limit) break;
    }
    return out;
}

std::vector<ui::InstalledDeck> list_installed_decks(const std::string& shipped_dir,
                                                    const std::string& imported_dir) {
    std::vector<ui::InstalledDeck> out;
    for (const bool shipped : {true, false}) {
        for (const auto& folder : deck::deck_folders(shipped ? shipped_dir : imported_dir)) {
            const deck::LoadResult r = deck::load_deck(folder);
            ui::InstalledDeck d;
            d.id = r.deck.id.empty() ? folder.filename().string() : r.deck.id;
            d.title = r.deck.title.empty() ? folder.filename().string() : r.deck.title;
            d.licence = r.deck.licence;
            d.cards = r.deck.cards.size();
            d.usable = r.deck.available_count();
            d.shipped = shipped;
            out.push_back(std::move(d));
        }
    }
    return out;
}

std::vector<std::string> installed_deck_ids(const std::string& shipped_dir, const std::string& imported_dir) {
    std::vector<std::string> ids;
    for (const std::string& root : {shipped_dir, imported_dir}) {
        for (const auto& folder : deck::deck_folders(root)) {
            ids.push_back(folder.filename().string());
            const std::string id = deck::read_deck_id(folder);
            if (!id.empty()) ids.push_back(id);
        }
    }
    return ids;
}

// [SECTION] Controller
namespace {

// "~/decks/x" -> "$HOME/decks/x" (a counsellor may type it that way).
std::string expand_home(const std::string& path) {
    const char* home = std::getenv("HOME");
    if (home && *home && (path == "~" || path.rfind("~/", 0) == 0)) return home + path.substr(1);
    return path;
}

} // namespace

DecksController::~DecksController() {
    if (worker_.valid()) worker_.wait();
}

void DecksController::open(const std::string& shipped_dir, const std::string& imported_dir) {
    shipped_dir_ = shipped_dir;
    imported_dir_ = imported_dir;
    state_ = ui::DecksState{};
    result_.reset();
    result_path_.clear();
    if (busy_ == ui::DecksBusy::None) start(ui::DecksBusy::Listing, {});
    else list_pending_ = true;
}

void DecksController::start(ui::DecksBusy kind, const std::string& path) {
    if (worker_.valid()) worker_.wait(); // finished already: its output was collected
    busy_ = kind;
    if (kind != ui::DecksBusy::Listing) state_.scroll_to_result = true;
    if (kind == ui::DecksBusy::Listing) {
        have_found_ = false;
        list_pending_ = false;
    }
    slot_ = std::make_shared<Slot>();
    const char* home_env = std::getenv("HOME");
    const std::string home = home_env ? home_env : "";
    worker_ = std::async(std::launch::async, [slot = slot_, kind, path, home, shipped = shipped_dir_,
                                              imported = imported_dir_] {
        Output out;
        out.kind = kind;
        out.path = path;
        const std::string source = expand_home(path);
        switch (kind) {
        case ui::DecksBusy::Listing:
            out.decks = list_installed_decks(shipped, imported);
            out.found = find_importable_decks(home);
            break;
        case ui::DecksBusy::Checking:
            out.result = deck::check_import(source, imported, installed_deck_ids(shipped, imported));
            break;
        case ui::DecksBusy::Importing:
            out.result = deck::import_deck(source, imported, installed_deck_ids(shipped, imported));
            if (out.result->ok) out.decks = list_installed_decks(shipped, imported);
            break;
        case ui::DecksBusy::None: break;
        }
        {
            std::lock_guard<std::mutex> lock(slot->mutex);
            slot->output = std::move(out);
        }
        platform::Platform::wake(); // after the output is in place: the next frame sees it
    });
}

bool DecksController::collect() {
    if (!slot_) return false;
    std::optional<Output> out;
    {
        std::lock_guard<std::mutex> lock(slot_->mutex);
        out.swap(slot_->output);
    }
    if (!out) return false;
    slot_.reset();
    busy_ = ui::DecksBusy::None;
    if (out->decks) {
        decks_ = std::move(*out->decks);
        have_decks_ = true;
    }
    if (out->found) {
        found_ = std::move(*out->found);
        have_found_ = true;
    }
    bool imported = false;
    if (out->result) {
        result_ = std::move(out->result);
        result_path_ = out->path;
        result_is_import_ = out->kind == ui::DecksBusy::Importing;
        state_.scroll_to_result = true;
        imported = result_is_import_ && result_->ok;
    }
    if (list_pending_) start(ui::DecksBusy::Listing, {});
    return imported;
}

DecksController::Outcome DecksController::draw() {
    const bool imported = collect();
    ui::DecksModel model;
    model.decks = have_decks_ ? &decks_ : nullptr;
    model.found = have_found_ ? &found_ : nullptr;
    model.busy = busy_;
    model.result = result_ ? &*result_ : nullptr;
    model.result_path = result_path_;
    model.result_is_import = result_is_import_;
    const ui::DecksResult r = ui::draw_decks_screen(model, state_);
    switch (r.action) {
    case ui::DecksAction::Back: return Outcome::Back;
    case ui::DecksAction::Check:
        if (busy_ == ui::DecksBusy::None) start(ui::DecksBusy::Checking, r.path);
        break;
    case ui::DecksAction::Import:
        if (busy_ == ui::DecksBusy::None) start(ui::DecksBusy::Importing, r.path);
        break;
    case ui::DecksAction::Rescan:
        if (busy_ == ui::DecksBusy::None) start(ui::DecksBusy::Listing, {});
        break;
    case ui::DecksAction::None: break;
    }
    return imported ? Outcome::Imported : Outcome::None;
}

} // namespace amorce::app
