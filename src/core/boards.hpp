// Expression boards ("supports d'expression"): the person sorts picture cards into columns
// (Atouts / Freins / Envies, Métiers, Valeurs au travail, Priorités pour la sortie) and sets
// 0-10 scales (« Où en êtes-vous ? »). Plain data; every change goes through a command
// (commands.hpp: AddBoard, RemoveBoard, PlaceCard, AddCustomCard, EditCustomCard,
// RemoveCustomCard, SetScale). No UI, no pictogram loading here: a card names its pictogram,
// the UI finds the image (assets/pictograms/<name>.png).
//
// A board in a session is a full snapshot of its template (columns, cards, scales, labels)
// plus where each card was put: a session stays readable, exportable and draftable even if the
// template file changes or disappears later.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace amorce::core {

struct Session;

// What a column means for the synthesis. The derived results read roles, never column ids.
enum class ColumnRole : std::uint8_t {
    None = 0,
    Strength,     // Atouts: « Ce que je sais faire », qualities
    Obstacle,     // Freins: « Ce qui me freine »
    Wish,         // Envies: « Ce que je veux »
    Interested,   // Métiers: « Ça m'intéresse »
    Unsure,       // Métiers: « Je ne sais pas »
    NotForMe,     // Métiers: « Pas pour moi »
    Important,    // Valeurs: « Très important pour moi » (ranked: its first cards are the top five)
    Secondary,    // Valeurs: « Important »
    NotImportant, // Valeurs: « Pas important »
    Priority,     // Priorités pour la sortie: one ranked column
};
const char* column_role_key(ColumnRole r);                 // "strength", ... ("" for None)
std::optional<ColumnRole> column_role_from_key(const std::string& key); // "" and "none" give None

struct BoardColumn {
    std::string id;          // unique within the board ("atouts")
    std::string label;       // « Mes atouts »
    std::string pictogram;   // may be empty
    ColumnRole role = ColumnRole::None;
    int ranked = 0;          // > 0: the first `ranked` cards of this column are numbered 1..ranked

    bool operator==(const BoardColumn& o) const;
    bool operator!=(const BoardColumn& o) const { return !(*this == o); }
};

struct BoardCard {
    std::string id;          // template card id ("skill.manual"), or "custom.<n>" for an added card
    std::string label;       // short French label, custom text for an added card
    std::string pictogram;   // may be empty (a custom card without one, or a missing image)
    std::string riasec;      // job cards: 1-3 letters of R I A S E C, most typical first ("RC")
    std::string rome;        // job cards: optional ROME code ("F1703")
    bool custom = false;     // added during the session (typed on the keyboard)

    bool operator==(const BoardCard& o) const;
    bool operator!=(const BoardCard& o) const { return !(*this == o); }
};

inline constexpr int kScaleMin = 0;
inline constexpr int kScaleMax = 10;

// « Où en êtes-vous ? »: one 0..10 scale with faces.
struct BoardScale {
    std::string id;          // "motivation"
    std::string label;       // « Ma motivation »
    std::string low_label;   // « Pas du tout » (may be empty)
    std::string high_label;  // « Tout à fait » (may be empty)
    int value = -1;          // -1: not set yet, else kScaleMin..kScaleMax

    bool operator==(const BoardScale& o) const;
    bool operator!=(const BoardScale& o) const { return !(*this == o); }
};

enum class BoardKind : std::uint8_t {
    Sort = 0,   // cards from a pool into columns (ranked columns rank)
    Scales = 1, // only scales, no cards
};
const char* board_kind_key(BoardKind k);                   // "sort", "scales"
std::optional<BoardKind> board_kind_from_key(const std::string& key);

inline constexpr int kMaxBoardCards = 300;     // per board, template and custom cards together
inline constexpr int kMaxBoardColumns = 6;
inline constexpr int kMaxBoardScales = 12;
inline constexpr int kMaxCardLabelChars = 120; // characters (UTF-8 code points), custom cards included
inline constexpr int kMaxBoardsPerSession = 20;

struct Board {
    std::string id;              // unique within the session
    std::string template_id;     // "atouts_freins_envies", "metiers", "valeurs", "priorites", "echelles"
    BoardKind kind = BoardKind::Sort;
    std::string title;           // « Atouts, freins, envies »
    std::string prompt;          // the question shown above the board (may be empty)
    std::string pictogram;       // the board's own pictogram (chips, menus); may be empty
    std::vector<BoardColumn> columns;
    std::vector<BoardCard> cards;                 // every card, in pool order
    std::vector<std::vector<std::string>> placed; // per column (same size as columns): card ids in rank order
    std::vector<BoardScale> scales;
    std::int64_t started_at = 0; // unix seconds
    int next_custom = 1;         // n of the next "custom.<n>" id

    // Cards not placed in any column, in `cards` order.
    std::vector<const BoardCard*> pool() const;
    const BoardCard* find_card(const std::string& card_id) const;
    // Where a card is: {column, index} or {-1, -1} when in the pool or unknown.
    std::pair<int, int> position(const std::string& card_id) const;
    int column_index(const std::string& column_id) const; // -1 when absent
    // What is left: cards still in the pool (Sort) or scales not set (Scales).
    int left_to_sort() const;
    bool complete() const { return left_to_sort() == 0; }

    bool operator==(const Board& o) const;
    bool operator!=(const Board& o) const { return !(*this == o); }
};

// Restores the invariants the commands rely on, for boards from storage or another program:
// `placed` has one list per column and names each card at most once, only cards of the board;
// scale values are -1 or kScaleMin..kScaleMax; next_custom is past every "custom.<n>" card.
void normalize_board(Board& b);

const Board* find_board(const Session& s, const std::string& board_id);
Board* find_board(Session& s, const std::string& board_id);
int board_index(const Session& s, const std::string& board_id);

// [SECTION] Templates (assets/boards/*.tsv)
//
// One board per file, UTF-8, one record per line, fields separated by tabs; empty lines and
// lines starting with '#' are skipped. Records (optional fields in brackets):
//
//   board    <id>  <kind: sort|scales>  <title>  [pictogram]
//   prompt   <text>
//   column   <id>  <role key>  <label>  [pictogram]  [ranked]
//   card     <id>  <label>  [pictogram]  [riasec]  [rome]
//   scale    <id>  <label>  [low label]  [high label]
//   en       <id>  <English label>          (optional translation of the board, a column, a card or a scale)
//
// `board` comes first, once. A sort board needs 1..kMaxBoardColumns columns and
// 1..kMaxBoardCards cards; a scales board 1..kMaxBoardScales scales and no cards.
struct BoardTemplate {
    Board board;                 // ids, labels, columns, cards, scales; nothing placed
    std::string file;            // where it was read from
    std::vector<std::pair<std::string, std::string>> english; // id -> English label
};

// A problem found while reading a template. `line` is 1-based, 0 for the whole file.
struct TemplateProblem {
    enum class Kind : std::uint8_t {
        CannotRead,        // missing or unreadable file
        NotUtf8,
        UnknownRecord,     // first field is not one of the records above
        MissingField,      // a required field is empty or absent
        BadValue,          // unknown kind or role key, ranked not a number, riasec not RIASEC letters,
                           // rome not letter + 4 digits
        DuplicateId,
        BoardNotFirst,     // a record before `board`, or a second `board`
        TooMany,           // more than the limits above
        Empty,             // a sort board without columns or cards, a scales board without scales
        LabelTooLong,      // more than kMaxCardLabelChars
        MissingPictogram,  // names a pictogram the checker does not know (a warning: the card is kept)
    };
    Kind kind;
    int line = 0;
    std::string detail;          // the offending id or value (English, for logs)
    bool fatal = true;           // false for warnings: the template still loads
};

// Reads one template. `has_pictogram` (may be empty: no check) says whether a pictogram name
// exists; unknown ones are reported as warnings and cleared from the card (shown without).
// On a fatal problem returns nullopt; `problems` gets every problem found, fatal or not.
std::optional<BoardTemplate> load_board_template(const std::string& path,
                                                 const std::function<bool(const std::string&)>& has_pictogram,
                                                 std::vector<TemplateProblem>* problems);

// Every `*.tsv` in `dir`, sorted by file name (01_atouts.tsv, 02_metiers.tsv...). Bad files are
// skipped and reported in `problems` as {file, problem} (warnings of loaded files too); a
// duplicate board id keeps the first (DuplicateId, line 0); an unreadable `dir` is CannotRead.
std::vector<BoardTemplate> load_board_templates(
    const std::string& dir, const std::function<bool(const std::string&)>& has_pictogram,
    std::vector<std::pair<std::string, TemplateProblem>>* problems);

// A new board for a session from a template: a random id, nothing placed, started at `now`.
Board new_board(const BoardTemplate& t, std::int64_t now);

// [SECTION] Custom cards
// n of a custom card id "custom.<n>" (n >= 1), else 0.
int custom_card_number(const std::string& card_id);
enum class CardTextProblem : std::uint8_t { None = 0, Empty, TooLong, BadCharacters };
// Checks a typed card text (after trimming spaces): empty, over kMaxCardLabelChars code points,
// control characters or invalid UTF-8.
CardTextProblem check_card_text(const std::string& text);
std::string trim_card_text(const std::string& text);

// [SECTION] Derived results (for the synthesis and the export)
struct ScaleResult {
    std::string board_id, scale_id, label;
    int value = -1;
};
struct RankedCard {
    std::string board_id, card_id, label;
    int rank = 0;                // 1-based within its column
};
struct BoardResults {
    std::vector<RankedCard> strengths;     // Strength columns, in column order then rank
    std::vector<RankedCard> obstacles;     // Obstacle columns
    std::vector<RankedCard> wishes;        // Wish columns
    std::vector<RankedCard> interested;    // jobs in Interested columns
    std::vector<RankedCard> not_for_me;    // jobs in NotForMe columns
    std::string interest_code;             // up to 3 RIASEC letters, strongest first ("RSC"); "" if no job chosen
    std::vector<RankedCard> top_values;    // first `ranked` cards of Important columns
    std::vector<RankedCard> priorities;    // Priority columns in rank order
    std::vector<ScaleResult> scales;       // every scale that has a value, in board then scale order
    int boards = 0;                        // boards in the session
    int cards_left = 0;                    // cards not sorted, over all boards
};

// Interest code from the Interested job cards: each card gives 3 points to its first RIASEC
// letter, 2 to its second, 1 to its third; the three letters with most points, ties in R I A S E
// C order, letters with 0 points left out.
std::string interest_code(const std::vector<const BoardCard*>& interested);

BoardResults derive_board_results(const Session& s);

} // namespace amorce::core
