// The photolangage board (shared mode, tab « Photos »): the round's question shown large, a
// thumbnail grid scrolled by dragging (with inertia), 1-3 choice slots, a full-screen photo view
// (pinch, pan, swipe), and sheets for the question and for the person's words about a choice.
//
// Choosing a photo: drag it onto a slot (a sideways drag or a long-press lifts it; an up/down
// drag scrolls the grid), or tap it (full screen) and tap a slot there. Every change is a core
// command; the session screen hands them to the editor (undo/redo, autosave).
//
// [SECTION] Photo library (what the app provides)
// [SECTION] Board state and entry points
#pragma once

#include "core/commands.hpp"
#include "core/photolangage.hpp"
#include "deck/deck.hpp"
#include "ui/widgets.hpp"

#include <platform.hpp>

#include <cstdint>
#include <utility>
#include <string>
#include <vector>

namespace amorce::ui {

// [SECTION] Photo library
struct PhotoTexture {
    ImTextureID id = nullptr; // nullptr while the image loads (or when it failed)
    int width = 0, height = 0;
    bool failed = false;      // could not be decoded; `error` says why (English)
    std::string error;
};

// Decks and their images as textures. The UI thread asks; decoding happens on workers; an image
// not ready yet returns an empty texture and the board draws a calm placeholder.
class PhotoLibrary {
public:
    virtual ~PhotoLibrary() = default;
    virtual const std::vector<deck::Deck>& decks() const = 0;
    virtual PhotoTexture thumbnail(const deck::Deck& deck, const deck::Card& card) = 0;
    // The photo at screen size for the full-screen view (a few are kept, older ones dropped).
    virtual PhotoTexture large(const deck::Deck& deck, const deck::Card& card) = 0;
};

// [SECTION] Board state and entry points
enum class PhotoSheet { None, NewRound, EditRound, Choice, Decks };

struct PhotoBoardState {
    std::string round_id;          // the round shown; empty: the last one
    std::string deck_id;           // the deck shown in the grid; empty: the default deck
    // Grid tile width in dp: pinch the grid (or its +/− buttons) to see more, smaller photos
    // (« toutes les photos sur la table ») or fewer, larger ones.
    float tile_dp = 150.0f;
    static constexpr float kMinTileDp = 64.0f, kMaxTileDp = 280.0f;
    // Grid scrolling (pixels) and inertia (pixels per second).
    float scroll = 0.0f;
    float velocity = 0.0f;
    std::string scroll_deck;       // deck the scroll position belongs to
    std::vector<std::string> card_ids; // "photo.card.<deck>.<card>" of scroll_deck (built once)
    // The current press in the grid.
    enum class Press { None, Pending, Scrolling, Lifted, Ignored } press = Press::None;
    int press_card = -1;           // card index under the finger at press time
    float press_scroll = 0.0f;
    std::vector<std::pair<double, float>> track; // (time, finger y) over the last ~150 ms
    ImVec2 lift_offset{0, 0};      // finger position minus the lifted card's top-left corner
    ImVec2 lift_size{0, 0};
    int hover_slot = -1;           // slot under a lifted card
    // Full screen.
    int full_card = -1;            // card index in the deck shown full screen; -1: closed
    float zoom = 1.0f;
    ImVec2 pan{0, 0};
    float swipe = 0.0f;            // horizontal offset while swiping to the next photo
    bool full_press = false;
    // Sheets.
    PhotoSheet sheet = PhotoSheet::None;
    int sheet_slot = -1;           // the slot the Choice sheet edits
    int new_slot_count = 2;        // slots of a new round
    float sheet_overhead = 0.0f;   // height of the question sheet without its list (last frame)
    std::string custom_prompt;     // the question being typed
    WrappedText words;             // the words field of the Choice sheet
    std::string words_key;         // round/slot the words field belongs to
    bool focus_words = false;      // put the cursor in the words field (the sheet just opened)
    std::string hint;              // a short help line shown under the slots (translation key)
    double hint_until = 0.0;
};

struct PhotoBoardModel {
    const core::Session* session = nullptr;
    const std::vector<core::Prompt>* prompts = nullptr;
    PhotoLibrary* library = nullptr;
    const platform::Gestures* gestures = nullptr;
    std::string who;               // counsellor id for the commands
    std::int64_t now = 0;          // unix seconds (new rounds)
    bool read_only = false;        // finalized interview: shown, nothing offered to change
};

// Draws the board in the current region; appends what the user did to *out.
void draw_photo_board(const PhotoBoardModel& model, PhotoBoardState& state, std::vector<core::Command>* out);

// Draws the full-screen view and the sheets over everything. Call once per frame outside any
// child region (after the screen's own content).
void draw_photo_overlays(const PhotoBoardModel& model, PhotoBoardState& state, std::vector<core::Command>* out);

// How fast the grid glides on after a finger lifts (pixels per second, positive = scrolls
// down) from its positions, one (time in seconds, y) per frame, the last at the lift: the
// finger's speed over its last ~150 ms of movement, or 0 if frames saw it resting 100 ms
// before lifting. Counting frames seen (not only time) keeps a flick a flick on a slow frame.
float release_velocity(const std::vector<std::pair<double, float>>& track);

// The pictogram of a prompt from the catalogue (a generic speech bubble for a typed question).
const char* prompt_icon(const std::string& prompt_key);

} // namespace amorce::ui
