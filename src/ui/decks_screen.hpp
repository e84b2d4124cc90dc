// « Jeux de photos » (counsellor mode): the installed photolangage decks, and the import of a
// deck from a folder (a USB stick). The screen only draws what it is given and returns what the
// counsellor asked for; the app lists, checks and imports (src/app/decks.cpp).
#pragma once

#include "deck/import.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace amorce::ui {

struct InstalledDeck {
    std::string id;
    std::string title;
    std::string licence; // the deck's licence summary (deck.json "licence")
    std::size_t cards = 0;
    std::size_t usable = 0; // cards without a problem
    bool shipped = false;   // shipped with the app (read-only) or imported
};

enum class DecksBusy { None, Listing, Checking, Importing };

struct DecksModel {
    const std::vector<InstalledDeck>* decks = nullptr; // nullptr until the first listing is done
    const std::vector<std::string>* found =
        nullptr; // deck folders on USB sticks / in home; nullptr while searching
    DecksBusy busy = DecksBusy::None;
    // The last check or import, and the folder it was for (nullptr: none yet).
    const deck::ImportResult* result = nullptr;
    std::string result_path;
    bool result_is_import = false;
};

struct DecksState {
    std::string path;             // the folder field
    bool scroll_to_result = false; // bring the field, buttons and result into view (once)
};

enum class DecksAction { None, Back, Check, Import, Rescan };
struct DecksResult {
    DecksAction action = DecksAction::None;
    std::string path; // Check / Import: the folder, trimmed
};

DecksResult draw_decks_screen(const DecksModel& model, DecksState& state);

// Helpers shared with tests.
std::string trim_path(const std::string& path); // spaces and a trailing '/' removed ("/" stays)
// « Image « pont » », « Image n° 3 » or « Le jeu »: how a problem's card is named.
std::string problem_card_label(const deck::Problem& problem);

} // namespace amorce::ui
