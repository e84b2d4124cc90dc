// Expression boards (shared mode, tab « Supports »): the person sorts picture cards from a pile
// into columns (Atouts / Freins / Envies, Métiers, Valeurs, Priorités), ranks them, and sets
// 0-10 scales with faces. The counsellor picks the boards; several per session.
//
// Moving a card: drag it (from the pile: a drag towards the columns lifts it, a clearly sideways
// drag scrolls the pile; in a column: a drag with any sideways part lifts it, a straight up/down
// one scrolls a long column, and any drag lifts in a column that fits), or tap it and then tap where it goes (a column, a card to take its place, the pile).
// A long press lifts a card too (then any direction moves it); let go without moving, it shows
// the card large with its details, « Monter / Descendre » and, for a card
// typed during the session, « Modifier / Supprimer ». Every change is a core command.
//
// [SECTION] Pictograms (what the app provides)
// [SECTION] State and entry points
#pragma once

#include "core/boards.hpp"
#include "core/commands.hpp"
#include "ui/photo_board.hpp"
#include "ui/widgets.hpp"

#include <platform.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace amorce::ui {

// [SECTION] Pictograms
// Card pictograms (assets/pictograms/<name>.png) as textures, decoded off the UI thread: an
// empty texture while loading (the card draws a calm placeholder), `failed` when missing.
class PictogramSource {
public:
    virtual ~PictogramSource() = default;
    virtual PhotoTexture pictogram(const std::string& name) = 0;
};

// [SECTION] State and entry points
enum class BoardSheet { None, Templates, Card, Custom };

struct BoardViewState {
    std::string board_id;          // the board shown; empty: the last one
    std::string selected;          // a card picked by a tap, waiting for a second tap (where)
    // The current press on a card.
    enum class Press { None, Pending, Scrolling, Lifted, Ignored } press = Press::None;
    std::string press_card;
    int press_column = -1;         // -1: the pile
    float press_scroll = 0.0f;     // scroll of the pile or column at press time
    ImVec2 lift_offset{0, 0};      // finger minus the lifted card's top-left corner
    bool long_held = false;        // lifted by a long press and not moved since: a release opens its sheet
    ImVec2 held_pos{0, 0};         // where the long press fired
    int drop_column = -2;          // under a lifted card: -2 nothing, -1 the pile, else a column
    int drop_index = -1;           // position in drop_column (before removal of the card)
    // Scrolling: the pile sideways, each column up/down (pixels), with inertia for the pile.
    float pile_scroll = 0.0f;
    float pile_velocity = 0.0f;
    std::vector<float> column_scroll;
    std::vector<std::pair<double, float>> track; // (time, finger position) while scrolling
    std::string scroll_board;      // board the scroll positions belong to
    // A scale whose handle is being dragged.
    std::string scale_drag;
    int scale_last = -1;           // last value sent while dragging
    bool scale_sideways = false;   // the drag went sideways: the value follows it
    // Sheets.
    BoardSheet sheet = BoardSheet::None;
    std::string sheet_card;        // the card the Card sheet shows
    std::string custom_text;       // the card being typed (kept on a refused Add)
    std::string custom_picto;      // its pictogram ("" none)
    int custom_column = -1;        // where it goes (-1: the pile)
    std::string custom_edit;       // card id when editing a typed card, "" when adding
    bool custom_submitted = false; // show the text's problem only after a first « Ajouter »
    bool custom_compact = false;   // the sheet shows only the text while it is typed
    std::string interest;          // "R-A-S": the Holland code of the jobs of interest shown
    std::uint64_t interest_revision = ~0ull;
    std::string interest_board;
    std::string hint;              // a short help line (translation key)
    double hint_until = 0.0;
};

struct BoardViewModel {
    const core::Session* session = nullptr;
    const std::vector<core::BoardTemplate>* templates = nullptr;
    PictogramSource* pictograms = nullptr;
    const platform::Gestures* gestures = nullptr;
    std::string who;               // counsellor id for the commands
    std::int64_t now = 0;          // unix seconds (new boards)
    bool read_only = false;        // a finalized interview: nothing can be added
};

// Draws the boards in the current region; appends what the user did to *out.
void draw_boards(const BoardViewModel& model, BoardViewState& state, std::vector<core::Command>* out);
// Sheets over everything. Call once per frame outside any child region.
void draw_board_overlays(const BoardViewModel& model, BoardViewState& state, std::vector<core::Command>* out);

// Where a dragged card lands in a column, from the finger's y: the index before which it goes,
// counted among the column's cards as they are drawn (the dragged one included). `tops` are
// the cards' top edges, `row_h` their height. Exposed for tests.
int drop_index_at(const std::vector<float>& tops, float row_h, float y);
// The PlaceCard index for a card moving to `index` (as counted by drop_index_at) in `column`,
// given where it is now: inside its own column, positions after it shift up by one.
int place_index(std::pair<int, int> from, int column, int index);

} // namespace amorce::ui
