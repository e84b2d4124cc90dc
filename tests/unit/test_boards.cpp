// Unit tests for the expression boards model (src/core/boards.*): templates and their problems,
// new boards, pool and positions, every board command with undo/redo through SessionEditor,
// custom card text checks, derived results for the synthesis, serialization.
// Test templates: tests/data/boards/ (good_*.tsv, bad/ one file per problem, folder/).
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "core/boards.hpp"
#include "core/commands.hpp"
#include "core/serialize.hpp"
#include "core/session.hpp"

#include "../data/golden_v3.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace amorce::core;
namespace fs = std::filesystem;

namespace {

const std::string kBoardsDir = std::string(AMORCE_TEST_DATA_DIR) + "/boards";

// The pictograms the test checker knows ("licorne" is not one of them).
bool known_pictogram(const std::string& name) {
    static const std::set<std::string> known = {"bulle",    "etoile", "barriere", "cible",  "mains",
                                                "poele",    "coeur",  "maison",   "travail", "oui",
                                                "non",      "cuisinier", "briques", "aider", "camion",
                                                "thermometre"};
    return known.count(name) > 0;
}

BoardTemplate load_good(const std::string& name) {
    std::vector<TemplateProblem> problems;
    auto t = load_board_template(kBoardsDir + "/" + name, known_pictogram, &problems);
    REQUIRE(t);
    return *t;
}

// A board from a test template with a readable id.
Board board_from(const std::string& file, const std::string& id) {
    Board b = new_board(load_good(file), 1795000000);
    b.id = id;
    return b;
}

std::vector<std::string> pool_ids(const Board& b) {
    std::vector<std::string> out;
    for (const BoardCard* c : b.pool()) out.push_back(c->id);
    return out;
}

using Ids = std::vector<std::string>;

Session session_with_boards() {
    Session s;
    s.id = "00000000000000b0";
    s.participant.last_name = "Démo";
    s.participant.first_name = "Léa";
    s.boards = {board_from("good_atouts.tsv", "b1"), board_from("good_metiers.tsv", "b2"),
                board_from("good_echelles.tsv", "b3")};
    return s;
}

struct Fixture {
    std::int64_t now = 1795000000;
    int saves = 0;
    SessionEditor editor;

    Fixture() : editor(session_with_boards(), [this](const Session&) { ++saves; }) {
        editor.clock = [this] { return now; };
    }
    void run(CommandData d) { editor.execute(Command{std::move(d), "c1"}); }
    const Board& board(const std::string& id = "b1") const {
        const Board* b = find_board(editor.session(), id);
        REQUIRE(b);
        return *b;
    }
    Ids column(int c, const std::string& id = "b1") const { return board(id).placed.at(static_cast<size_t>(c)); }
    int scale(const std::string& scale_id) const {
        for (const auto& sc : board("b3").scales)
            if (sc.id == scale_id) return sc.value;
        FAIL("no scale " << scale_id);
        return -2;
    }
};

bool same_content(Session a, const Session& b) {
    a.revision = b.revision;
    return a == b;
}

std::map<std::string, std::string> read_catalog(const std::string& lang) {
    std::ifstream in(std::string(AMORCE_SOURCE_DIR) + "/assets/i18n/" + lang + ".tsv");
    std::map<std::string, std::string> out;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#' && line.find('\t') != std::string::npos)
            out[line.substr(0, line.find('\t'))] = line.substr(line.find('\t') + 1);
    return out;
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

// A template file with `n` cards, written to `dir`.
std::string write_cards_template(const amorce::test::TempDir& dir, int n) {
    const std::string path = (dir.path / ("cards_" + std::to_string(n) + ".tsv")).string();
    std::ofstream out(path, std::ios::binary);
    out << "board\tbeaucoup\tsort\tBeaucoup de cartes\n";
    out << "column\toui\tinterested\tÇa m’intéresse\n";
    for (int i = 1; i <= n; ++i) out << "card\tc" << i << "\tCarte n°" << i << " « é »\n";
    return path;
}

BoardCard job_card(const std::string& id, const std::string& riasec) {
    BoardCard c;
    c.id = id;
    c.label = id;
    c.riasec = riasec;
    return c;
}

// A sort board built in code: one column per role, the given cards.
Board sort_board(const std::string& id, std::vector<std::pair<std::string, ColumnRole>> columns,
                 std::vector<BoardCard> cards) {
    Board b;
    b.id = id;
    b.template_id = id;
    for (auto& [cid, role] : columns) {
        BoardColumn c;
        c.id = cid;
        c.label = cid;
        c.role = role;
        b.columns.push_back(c);
    }
    b.cards = std::move(cards);
    b.placed.assign(b.columns.size(), {});
    return b;
}

std::vector<BoardCard> plain_cards(const std::vector<std::string>& ids) {
    std::vector<BoardCard> out;
    for (const auto& id : ids) {
        BoardCard c;
        c.id = id;
        c.label = "« " + id + " »";
        out.push_back(c);
    }
    return out;
}

Ids ids_of(const std::vector<RankedCard>& list) {
    Ids out;
    for (const auto& r : list) out.push_back(r.card_id);
    return out;
}
std::vector<int> ranks_of(const std::vector<RankedCard>& list) {
    std::vector<int> out;
    for (const auto& r : list) out.push_back(r.rank);
    return out;
}

} // namespace

// [SECTION] Templates

TEST_CASE("boards: a good template loads its board, prompt, columns, cards and English labels") {
    std::vector<TemplateProblem> problems;
    auto t = load_board_template(kBoardsDir + "/good_atouts.tsv", known_pictogram, &problems);
    REQUIRE(t);
    CHECK(t->file == kBoardsDir + "/good_atouts.tsv");
    const Board& b = t->board;
    CHECK(b.id == "atouts_test");
    CHECK(b.template_id == "atouts_test");
    CHECK(b.kind == BoardKind::Sort);
    CHECK(b.title == "Atouts, freins, envies");
    CHECK(b.prompt == "Qu’est-ce qui vous ressemble ?");
    CHECK(b.pictogram == "bulle");
    REQUIRE(b.columns.size() == 3);
    CHECK(b.columns[0].id == "atouts");
    CHECK(b.columns[0].label == "Mes atouts");
    CHECK(b.columns[0].role == ColumnRole::Strength);
    CHECK(b.columns[1].role == ColumnRole::Obstacle);
    CHECK(b.columns[1].pictogram == "barriere");
    CHECK(b.columns[2].role == ColumnRole::Wish);
    CHECK(b.columns[2].ranked == 3);
    CHECK(b.columns[0].ranked == 0);
    REQUIRE(b.cards.size() == 6);
    CHECK(b.cards[2].id == "quality.heart");
    CHECK(b.cards[2].label == "J’ai du cœur à l’ouvrage");
    CHECK(b.cards[2].pictogram == "coeur");
    CHECK(b.cards[5].label == "Trouver un « vrai » travail");
    CHECK(b.cards[5].pictogram.empty());
    for (const auto& c : b.cards) CHECK_FALSE(c.custom);
    CHECK(b.placed == std::vector<Ids>(3));
    CHECK(b.scales.empty());
    const std::vector<std::pair<std::string, std::string>> english = {
        {"atouts_test", "Strengths, obstacles, wishes"}, {"atouts", "My strengths"}, {"skill.manual", "Working with my hands"}};
    CHECK(t->english == english);

    auto jobs = load_board_template(kBoardsDir + "/good_metiers.tsv", known_pictogram, nullptr);
    REQUIRE(jobs);
    REQUIRE(jobs->board.cards.size() == 5);
    CHECK(jobs->board.cards[0].riasec == "RA");
    CHECK(jobs->board.cards[0].rome == "G1602");
    CHECK(jobs->board.cards[3].pictogram.empty());
    CHECK(jobs->board.cards[4].riasec == "RCE"); // lower case in the file
    CHECK(jobs->board.cards[4].rome.empty());
    CHECK(jobs->board.columns[1].role == ColumnRole::Unsure);
    CHECK(jobs->board.columns[2].role == ColumnRole::NotForMe);

    auto scales = load_board_template(kBoardsDir + "/good_echelles.tsv", known_pictogram, nullptr);
    REQUIRE(scales);
    CHECK(scales->board.kind == BoardKind::Scales);
    CHECK(scales->board.title == "Où en êtes-vous ?");
    REQUIRE(scales->board.scales.size() == 3);
    CHECK(scales->board.scales[0].low_label == "Pas du tout");
    CHECK(scales->board.scales[0].high_label == "Tout à fait");
    CHECK(scales->board.scales[1].low_label.empty());
    for (const auto& sc : scales->board.scales) CHECK(sc.value == -1);
    CHECK(scales->board.cards.empty());
    CHECK(scales->board.columns.empty());
}

TEST_CASE("boards: a missing pictogram is a warning with its line; the card is kept without it") {
    std::vector<TemplateProblem> problems;
    auto t = load_board_template(kBoardsDir + "/good_atouts.tsv", known_pictogram, &problems);
    REQUIRE(t);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].kind == TemplateProblem::Kind::MissingPictogram);
    CHECK(problems[0].line == 15);
    CHECK(problems[0].detail == "licorne");
    CHECK_FALSE(problems[0].fatal);
    const BoardCard* papers = t->board.find_card("obstacle.papers");
    REQUIRE(papers);
    CHECK(papers->label == "Les papiers");
    CHECK(papers->pictogram.empty());

    // Without a checker nothing is reported and the name is kept.
    problems.clear();
    t = load_board_template(kBoardsDir + "/good_atouts.tsv", {}, &problems);
    REQUIRE(t);
    CHECK(problems.empty());
    CHECK(t->board.find_card("obstacle.papers")->pictogram == "licorne");
}

TEST_CASE("boards: each bad template is refused with its problem and line number") {
    using K = TemplateProblem::Kind;
    struct Case {
        const char* file;
        K kind;
        int line;
    };
    const Case cases[] = {
        {"not_utf8", K::NotUtf8, 4},          {"unknown_record", K::UnknownRecord, 4},
        {"missing_field", K::MissingField, 4}, {"bad_kind", K::BadValue, 2},
        {"bad_role", K::BadValue, 3},          {"bad_ranked", K::BadValue, 3},
        {"bad_riasec", K::BadValue, 5},        {"bad_rome", K::BadValue, 5},
        {"duplicate_id", K::DuplicateId, 5},   {"board_not_first", K::BoardNotFirst, 2},
        {"second_board", K::BoardNotFirst, 5}, {"too_many_columns", K::TooMany, 9},
        {"too_many_scales", K::TooMany, 15},   {"empty", K::Empty, 0},
        {"empty_scales", K::Empty, 0},         {"label_too_long", K::LabelTooLong, 4},
    };
    std::set<K> kinds;
    for (const auto& c : cases) {
        CAPTURE(c.file);
        std::vector<TemplateProblem> problems;
        const auto t = load_board_template(kBoardsDir + "/bad/" + c.file + ".tsv", known_pictogram, &problems);
        CHECK_FALSE(t);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].kind == c.kind);
        CHECK(problems[0].line == c.line);
        CHECK(problems[0].fatal);
        CHECK_FALSE(problems[0].detail.empty());
        kinds.insert(c.kind);
    }
    std::vector<TemplateProblem> problems;
    CHECK_FALSE(load_board_template(kBoardsDir + "/bad/no_such_file.tsv", known_pictogram, &problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].kind == K::CannotRead);
    CHECK(problems[0].line == 0);
    kinds.insert(K::CannotRead);
    // Every kind but the warning (tested above) and TooMany cards (below) has a file here.
    CHECK(kinds.size() == 10);
    // No problem list: still refused, no crash.
    CHECK_FALSE(load_board_template(kBoardsDir + "/bad/duplicate_id.tsv", known_pictogram, nullptr));
}

TEST_CASE("boards: 200 cards load; 301 cards are refused as TooMany at the 301st card") {
    amorce::test::TempDir dir;
    std::vector<TemplateProblem> problems;
    auto t = load_board_template(write_cards_template(dir, 200), known_pictogram, &problems);
    REQUIRE(t);
    CHECK(problems.empty());
    CHECK(t->board.cards.size() == 200);
    CHECK(t->board.cards[199].label == "Carte n°200 « é »");
    CHECK(new_board(*t, 1).left_to_sort() == 200);

    t = load_board_template(write_cards_template(dir, 300), known_pictogram, &problems);
    REQUIRE(t);
    CHECK(t->board.cards.size() == 300);

    problems.clear();
    CHECK_FALSE(load_board_template(write_cards_template(dir, 301), known_pictogram, &problems));
    REQUIRE(problems.size() == 1); // reported once, not once per extra card
    CHECK(problems[0].kind == TemplateProblem::Kind::TooMany);
    CHECK(problems[0].line == 2 + 301);
    problems.clear();
    CHECK_FALSE(load_board_template(write_cards_template(dir, 1000), known_pictogram, &problems));
    CHECK(problems.size() == 1);
}

TEST_CASE("boards: a template folder loads the good files in name order and reports the others") {
    std::vector<std::pair<std::string, TemplateProblem>> problems;
    const auto list = load_board_templates(kBoardsDir + "/folder", known_pictogram, &problems);
    REQUIRE(list.size() == 2);
    CHECK(list[0].board.id == "atouts_dossier");
    CHECK(list[0].board.title == "Atouts"); // the first of two files with the same board id
    CHECK(list[1].board.id == "echelles_dossier");
    REQUIRE(problems.size() == 2);
    CHECK(fs::path(problems[0].first).filename() == "02_casse.tsv");
    CHECK(problems[0].second.kind == TemplateProblem::Kind::BadValue);
    CHECK(problems[0].second.line == 3);
    CHECK(fs::path(problems[1].first).filename() == "04_doublon.tsv");
    CHECK(problems[1].second.kind == TemplateProblem::Kind::DuplicateId);
    CHECK(problems[1].second.detail == "atouts_dossier");

    problems.clear();
    CHECK(load_board_templates(kBoardsDir + "/no_such_folder", known_pictogram, &problems).empty());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].second.kind == TemplateProblem::Kind::CannotRead);
}

TEST_CASE("boards: role and kind keys round-trip") {
    const ColumnRole roles[] = {ColumnRole::Strength,  ColumnRole::Obstacle,     ColumnRole::Wish,
                                ColumnRole::Interested, ColumnRole::Unsure,      ColumnRole::NotForMe,
                                ColumnRole::Important, ColumnRole::Secondary,    ColumnRole::NotImportant,
                                ColumnRole::Priority};
    std::set<std::string> keys;
    for (ColumnRole r : roles) {
        const std::string key = column_role_key(r);
        CAPTURE(key);
        CHECK_FALSE(key.empty());
        CHECK(column_role_from_key(key) == r);
        keys.insert(key);
    }
    CHECK(keys.size() == 10);
    CHECK(column_role_from_key("none") == ColumnRole::None);
    CHECK(column_role_from_key("") == ColumnRole::None);
    CHECK_FALSE(column_role_from_key("Strength"));
    CHECK(board_kind_from_key(board_kind_key(BoardKind::Sort)) == BoardKind::Sort);
    CHECK(board_kind_from_key(board_kind_key(BoardKind::Scales)) == BoardKind::Scales);
    CHECK_FALSE(board_kind_from_key("tri"));
}

// [SECTION] Boards in a session

TEST_CASE("boards: new_board copies the template with a fresh id, nothing placed and scales unset") {
    const BoardTemplate t = load_good("good_atouts.tsv");
    const Board a = new_board(t, 1795000123);
    const Board b = new_board(t, 1795000123);
    CHECK(a.id.size() == 16);
    CHECK(a.id != b.id);
    CHECK(a.template_id == "atouts_test");
    CHECK(a.title == t.board.title);
    CHECK(a.columns == t.board.columns);
    CHECK(a.cards == t.board.cards);
    CHECK(a.placed == std::vector<Ids>(3));
    CHECK(a.started_at == 1795000123);
    CHECK(a.next_custom == 1);
    CHECK(a.left_to_sort() == 6);
    CHECK_FALSE(a.complete());

    BoardTemplate scales = load_good("good_echelles.tsv");
    scales.board.scales[0].value = 4; // a template never carries values
    const Board s = new_board(scales, 1);
    for (const auto& sc : s.scales) CHECK(sc.value == -1);
    CHECK(s.left_to_sort() == 3);
}

TEST_CASE("boards: pool, position and left_to_sort follow the placed cards and set scales") {
    Board b = board_from("good_atouts.tsv", "b1");
    CHECK(pool_ids(b) == Ids{"skill.manual", "skill.cooking", "quality.heart", "obstacle.housing", "obstacle.papers",
                             "wish.job"});
    b.placed[2] = {"wish.job", "skill.cooking"};
    b.placed[0] = {"skill.manual"};
    CHECK(pool_ids(b) == Ids{"quality.heart", "obstacle.housing", "obstacle.papers"});
    CHECK(b.position("skill.cooking") == std::pair<int, int>{2, 1});
    CHECK(b.position("skill.manual") == std::pair<int, int>{0, 0});
    CHECK(b.position("quality.heart") == std::pair<int, int>{-1, -1});
    CHECK(b.position("nope") == std::pair<int, int>{-1, -1});
    CHECK(b.column_index("envies") == 2);
    CHECK(b.column_index("nope") == -1);
    CHECK(b.find_card("wish.job")->label == "Trouver un « vrai » travail");
    CHECK(b.find_card("nope") == nullptr);
    CHECK(b.left_to_sort() == 3);
    b.placed[1] = {"quality.heart", "obstacle.housing", "obstacle.papers"};
    CHECK(b.left_to_sort() == 0);
    CHECK(b.complete());

    Board s = board_from("good_echelles.tsv", "b3");
    s.scales[0].value = 0; // 0 is a value, not "unset"
    s.scales[2].value = 10;
    CHECK(s.left_to_sort() == 1);
    s.scales[1].value = 5;
    CHECK(s.complete());

    Session session = session_with_boards();
    CHECK(board_index(session, "b2") == 1);
    CHECK(find_board(session, "b3")->kind == BoardKind::Scales);
    CHECK(find_board(session, "nope") == nullptr);
    CHECK(board_index(session, "nope") == -1);
}

// [SECTION] Commands

TEST_CASE("boards: PlaceCard sorts, moves between columns, reorders and returns to the pool, with undo and redo") {
    Fixture f;
    const Session start = f.editor.session();
    f.run(PlaceCard{"b1", "skill.manual", 0, -1});
    CHECK(f.column(0) == Ids{"skill.manual"});
    CHECK(f.board().left_to_sort() == 5);
    CHECK(std::string(f.editor.undo_label_key()) == "cmd.card_place");
    f.run(PlaceCard{"b1", "quality.heart", 0, 0});
    f.run(PlaceCard{"b1", "skill.cooking", 0, 99}); // past the end: last
    CHECK(f.column(0) == Ids{"quality.heart", "skill.manual", "skill.cooking"});
    // Reorder inside the column: the index counts the column without the moved card.
    f.run(PlaceCard{"b1", "quality.heart", 0, 2});
    CHECK(f.column(0) == Ids{"skill.manual", "skill.cooking", "quality.heart"});
    f.run(PlaceCard{"b1", "skill.cooking", 0, 0});
    CHECK(f.column(0) == Ids{"skill.cooking", "skill.manual", "quality.heart"});
    // Move to another column.
    f.run(PlaceCard{"b1", "quality.heart", 2, -1});
    CHECK(f.column(0) == Ids{"skill.cooking", "skill.manual"});
    CHECK(f.column(2) == Ids{"quality.heart"});
    // Back to the pool: it takes its place in the template order again.
    f.run(PlaceCard{"b1", "skill.manual", -1, -1});
    CHECK(f.column(0) == Ids{"skill.cooking"});
    CHECK(pool_ids(f.board()) == Ids{"skill.manual", "obstacle.housing", "obstacle.papers", "wish.job"});
    const Session end = f.editor.session();
    CHECK(f.saves == 7);

    // Each undo puts the card back exactly where it was.
    REQUIRE(f.editor.undo());
    CHECK(f.column(0) == Ids{"skill.cooking", "skill.manual"});
    REQUIRE(f.editor.undo());
    CHECK(f.column(0) == Ids{"skill.cooking", "skill.manual", "quality.heart"});
    CHECK(f.column(2).empty());
    REQUIRE(f.editor.undo());
    CHECK(f.column(0) == Ids{"skill.manual", "skill.cooking", "quality.heart"});
    REQUIRE(f.editor.undo());
    CHECK(f.column(0) == Ids{"quality.heart", "skill.manual", "skill.cooking"});
    while (f.editor.undo()) {
    }
    CHECK(same_content(f.editor.session(), start));
    while (f.editor.redo()) {
    }
    CHECK(same_content(f.editor.session(), end));
}

TEST_CASE("boards: commands naming unknown boards, cards, columns or scales, or changing nothing, leave no undo step") {
    Fixture f;
    f.run(PlaceCard{"b1", "skill.manual", 0, 0});
    const int saves = f.saves;
    const Session before = f.editor.session();
    BoardCard text;
    text.label = "Lire";
    const std::vector<CommandData> nothing = {
        PlaceCard{"nope", "skill.manual", 0, 0},
        PlaceCard{"b1", "nope", 0, 0},
        PlaceCard{"b1", "skill.cooking", 3, 0},   // no such column
        PlaceCard{"b1", "skill.cooking", -2, 0},
        PlaceCard{"b1", "skill.cooking", -1, -1}, // already in the pool
        PlaceCard{"b1", "skill.manual", 0, 0},    // already there
        PlaceCard{"b1", "skill.manual", 0, -1},   // last of a one-card column: same place
        PlaceCard{"b2", "skill.manual", 0, 0},    // a card of another board
        AddCustomCard{"nope", text, -1, -1},
        AddCustomCard{"b1", text, 3, -1},
        AddCustomCard{"b3", text, -1, -1},        // no cards on a scales board
        RemoveCustomCard{"b1", "skill.manual"},   // a template card
        RemoveCustomCard{"b1", "custom.1"},
        EditCustomCard{"b1", "skill.manual", "Autre chose", ""},
        EditCustomCard{"b1", "custom.1", "Autre chose", ""},
        SetScale{"b3", "nope", 5},
        SetScale{"nope", "motivation", 5},
        SetScale{"b3", "motivation", -1},         // already unset
        RemoveBoard{"nope"},
    };
    for (size_t i = 0; i < nothing.size(); ++i) {
        CAPTURE(i);
        const CommandData& d = nothing[i];
        Session work = f.editor.session();
        CHECK(std::holds_alternative<NoChange>(Command{d, "c1"}.apply(work, 1).data));
        CHECK(work == before);
        f.run(d);
    }
    CHECK(f.saves == saves);
    REQUIRE(f.editor.undo());
    CHECK_FALSE(f.editor.can_undo());
}

TEST_CASE("boards: a custom card gets the next custom id, can be edited and removed; undo restores its id and position") {
    Fixture f;
    const Session start = f.editor.session();
    BoardCard typed;
    typed.label = "  J’aime le théâtre, « vraiment » œ  ";
    typed.pictogram = "masque";
    typed.id = "skill.manual"; // ignored: not a custom id
    f.run(AddCustomCard{"b1", typed, 2, 0});
    CHECK(std::string(f.editor.undo_label_key()) == "cmd.card_add");
    const BoardCard* c1 = f.board().find_card("custom.1");
    REQUIRE(c1);
    CHECK(c1->label == "J’aime le théâtre, « vraiment » œ");
    CHECK(c1->pictogram == "masque");
    CHECK(c1->custom);
    CHECK(f.column(2) == Ids{"custom.1"});
    CHECK(f.board().next_custom == 2);
    CHECK(f.board().find_card("skill.manual")->label == "Travailler de mes mains");

    BoardCard second;
    second.label = "Réparer des vélos";
    f.run(AddCustomCard{"b1", second, -1, -1}); // into the pool
    CHECK(f.board().cards.back().id == "custom.2");
    CHECK(pool_ids(f.board()).back() == "custom.2");
    CHECK(f.board().left_to_sort() == 7);

    f.run(EditCustomCard{"b1", "custom.1", " J’aime la scène ", ""});
    CHECK(std::string(f.editor.undo_label_key()) == "cmd.card_edit");
    CHECK(f.board().find_card("custom.1")->label == "J’aime la scène");
    CHECK(f.board().find_card("custom.1")->pictogram.empty());
    REQUIRE(f.editor.undo());
    CHECK(f.board().find_card("custom.1")->label == "J’aime le théâtre, « vraiment » œ");
    CHECK(f.board().find_card("custom.1")->pictogram == "masque");
    REQUIRE(f.editor.redo());

    const Session before_remove = f.editor.session();
    f.run(RemoveCustomCard{"b1", "custom.1"});
    CHECK(std::string(f.editor.undo_label_key()) == "cmd.card_remove");
    CHECK(f.board().find_card("custom.1") == nullptr);
    CHECK(f.column(2).empty());
    REQUIRE(f.editor.undo());
    CHECK(same_content(f.editor.session(), before_remove)); // same id, column, index and card order
    CHECK(f.column(2) == Ids{"custom.1"});

    // Remove the card from the middle of a ranked column and undo.
    f.run(PlaceCard{"b1", "wish.job", 2, 0});
    f.run(PlaceCard{"b1", "skill.cooking", 2, -1});
    CHECK(f.column(2) == Ids{"wish.job", "custom.1", "skill.cooking"});
    f.run(RemoveCustomCard{"b1", "custom.1"});
    CHECK(f.column(2) == Ids{"wish.job", "skill.cooking"});
    REQUIRE(f.editor.undo());
    CHECK(f.column(2) == Ids{"wish.job", "custom.1", "skill.cooking"});

    // A later card after a removal still gets a fresh id.
    f.run(RemoveCustomCard{"b1", "custom.1"});
    BoardCard third;
    third.label = "Chanter";
    f.run(AddCustomCard{"b1", third, 0, -1});
    CHECK(f.board().find_card("custom.1") == nullptr);
    CHECK(f.board().find_card("custom.3"));

    // Undo everything, redo everything: the same ids come back.
    const Session end = f.editor.session();
    while (f.editor.undo()) {
    }
    CHECK(same_content(f.editor.session(), start));
    while (f.editor.redo()) {
    }
    CHECK(same_content(f.editor.session(), end));
}

TEST_CASE("boards: empty, blank and 2,000-character custom cards are refused and nothing else changes") {
    Fixture f;
    const Session before = f.editor.session();
    for (const std::string& label : {std::string(), std::string("   "), std::string("\xC2\xA0\t "), repeat("a", 2000),
                                    repeat("é", 121), std::string("deux\nlignes"), std::string("caf\xE9")}) {
        CAPTURE(label.size());
        BoardCard c;
        c.label = label;
        f.run(AddCustomCard{"b1", c, 0, 0});
    }
    CHECK(f.saves == 0);
    CHECK_FALSE(f.editor.can_undo());
    CHECK(f.editor.session() == before);

    BoardCard ok;
    ok.label = repeat("é", 120);
    f.run(AddCustomCard{"b1", ok, 0, 0});
    REQUIRE(f.board().find_card("custom.1"));
    f.run(EditCustomCard{"b1", "custom.1", repeat("a", 2000), ""});
    f.run(EditCustomCard{"b1", "custom.1", "  ", ""});
    CHECK(f.board().find_card("custom.1")->label == repeat("é", 120));
    REQUIRE(f.editor.undo());
    CHECK_FALSE(f.editor.can_undo());
}

TEST_CASE("boards: check_card_text trims spaces, counts code points and refuses control characters and invalid UTF-8") {
    CHECK(check_card_text("") == CardTextProblem::Empty);
    CHECK(check_card_text("    ") == CardTextProblem::Empty);
    CHECK(check_card_text("\t\n \xC2\xA0\xE2\x80\xAF") == CardTextProblem::Empty); // tabs, newline, no-break spaces
    CHECK(check_card_text("Lire") == CardTextProblem::None);
    CHECK(check_card_text("Cœur à l’ouvrage, « oui » !") == CardTextProblem::None);
    CHECK(check_card_text(repeat("é", 120)) == CardTextProblem::None);
    CHECK(check_card_text(repeat("é", 121)) == CardTextProblem::TooLong);
    CHECK(check_card_text(repeat("a", 119) + "œ") == CardTextProblem::None);
    CHECK(check_card_text(repeat("a", 120) + "œ") == CardTextProblem::TooLong);
    CHECK(check_card_text("  " + repeat("a", 120) + "  ") == CardTextProblem::None); // spaces are trimmed first
    CHECK(check_card_text(repeat("😀", 120)) == CardTextProblem::None);
    CHECK(check_card_text(repeat("a", 2000)) == CardTextProblem::TooLong);
    CHECK(check_card_text("deux\nlignes") == CardTextProblem::BadCharacters);
    CHECK(check_card_text("a\tb") == CardTextProblem::BadCharacters);
    CHECK(check_card_text("a\x7F") == CardTextProblem::BadCharacters);
    CHECK(check_card_text("a\xC2\x85") == CardTextProblem::BadCharacters); // C1 control (NEL)
    CHECK(check_card_text("caf\xE9") == CardTextProblem::BadCharacters);   // Latin-1
    CHECK(check_card_text("a\xC5") == CardTextProblem::BadCharacters);     // cut sequence
    CHECK(check_card_text("\xC0\xAF") == CardTextProblem::BadCharacters);  // overlong '/'
    CHECK(check_card_text("\xED\xA0\x80") == CardTextProblem::BadCharacters); // surrogate
    CHECK(trim_card_text("  Lire\xC2\xA0") == "Lire");
    CHECK(trim_card_text("\xE2\x80\xAF« Lire »\t\n") == "« Lire »");
    CHECK(trim_card_text("a  b") == "a  b");
}

TEST_CASE("boards: SetScale clamps, clears with -1 and merges a drag into one undo step") {
    Fixture f;
    f.now = 1000;
    f.run(SetScale{"b3", "motivation", 4});
    CHECK(std::string(f.editor.undo_label_key()) == "cmd.scale");
    f.now = 1001;
    f.run(SetScale{"b3", "motivation", 5});
    f.now = 1003;
    f.run(SetScale{"b3", "motivation", 15}); // clamped
    CHECK(f.scale("motivation") == 10);
    f.now = 1004;
    f.run(SetScale{"b3", "confiance", -7}); // another scale: its own step; clamped to 0
    CHECK(f.scale("confiance") == 0);
    f.now = 1005;
    f.run(SetScale{"b3", "motivation", 8}); // not merged across the other scale
    f.now = 1020;
    f.run(SetScale{"b3", "motivation", -1}); // cleared, after a pause: its own step
    CHECK(f.scale("motivation") == -1);

    REQUIRE(f.editor.undo());
    CHECK(f.scale("motivation") == 8);
    REQUIRE(f.editor.undo());
    CHECK(f.scale("motivation") == 10);
    REQUIRE(f.editor.undo());
    CHECK(f.scale("confiance") == -1);
    CHECK(f.scale("motivation") == 10);
    REQUIRE(f.editor.undo()); // 4, 5, 15 as one step
    CHECK(f.scale("motivation") == -1);
    CHECK_FALSE(f.editor.can_undo());
    REQUIRE(f.editor.redo());
    CHECK(f.scale("motivation") == 10);
}

TEST_CASE("boards: AddBoard and RemoveBoard keep the board's place and content; bad adds are refused") {
    Fixture f;
    Board extra = board_from("good_metiers.tsv", "b4");
    f.run(AddBoard{extra, 1});
    CHECK(std::string(f.editor.undo_label_key()) == "cmd.board_add");
    CHECK(board_index(f.editor.session(), "b4") == 1);
    CHECK(board_index(f.editor.session(), "b2") == 2);
    f.run(PlaceCard{"b1", "wish.job", 2, 0});
    f.run(SetScale{"b3", "sante", 3});
    const Session full = f.editor.session();

    f.run(RemoveBoard{"b1"});
    CHECK(std::string(f.editor.undo_label_key()) == "cmd.board_remove");
    CHECK(find_board(f.editor.session(), "b1") == nullptr);
    REQUIRE(f.editor.undo());
    CHECK(same_content(f.editor.session(), full)); // first again, with its placed card
    CHECK(f.column(2) == Ids{"wish.job"});

    const int saves = f.saves;
    f.run(AddBoard{extra, 0}); // duplicate id
    Board no_id = extra;
    no_id.id.clear();
    f.run(AddBoard{no_id, -1});
    CHECK(f.saves == saves);

    // Damaged board: placed lists fixed on the way in.
    Board odd = board_from("good_atouts.tsv", "b5");
    odd.placed = {{"skill.manual", "nope", "skill.manual"}};
    f.run(AddBoard{odd, -1});
    REQUIRE(find_board(f.editor.session(), "b5"));
    CHECK(f.board("b5").placed == std::vector<Ids>{{"skill.manual"}, {}, {}});

    // At most kMaxBoardsPerSession boards.
    for (int i = 6; f.editor.session().boards.size() < static_cast<size_t>(kMaxBoardsPerSession); ++i)
        f.run(AddBoard{board_from("good_echelles.tsv", "b" + std::to_string(i)), -1});
    const int at_max = f.saves;
    f.run(AddBoard{board_from("good_echelles.tsv", "one-too-many"), -1});
    CHECK(f.saves == at_max);
    CHECK(f.editor.session().boards.size() == static_cast<size_t>(kMaxBoardsPerSession));
}

TEST_CASE("boards: every board command has a label key in both catalogs") {
    const auto fr = read_catalog("fr");
    const auto en = read_catalog("en");
    const std::vector<CommandData> all = {AddBoard{}, RemoveBoard{}, PlaceCard{}, AddCustomCard{},
                                          RemoveCustomCard{}, EditCustomCard{}, SetScale{}};
    std::set<std::string> keys;
    for (const auto& c : all) {
        const std::string k = Command{c, "c1"}.label_key();
        CAPTURE(k);
        CHECK(k.rfind("cmd.", 0) == 0);
        CHECK(fr.count(k) == 1);
        CHECK(en.count(k) == 1);
        keys.insert(k);
    }
    CHECK(keys.size() == all.size());
}

// [SECTION] Derived results

TEST_CASE("boards: derived strengths, obstacles and wishes come in column order then rank") {
    Session s = session_with_boards();
    Board& a = s.boards[0];
    a.placed[0] = {"quality.heart", "skill.manual"};
    a.placed[1] = {"obstacle.papers"};
    a.placed[2] = {"wish.job", "skill.cooking"};
    // A second board with its own strengths column comes after.
    Board more = sort_board("b9", {{"plus", ColumnRole::Strength}, {"autre", ColumnRole::None}},
                            plain_cards({"x.read", "x.count", "x.other"}));
    more.placed = {{"x.count"}, {"x.other"}};
    s.boards.push_back(more);

    const BoardResults r = derive_board_results(s);
    CHECK(ids_of(r.strengths) == Ids{"quality.heart", "skill.manual", "x.count"});
    CHECK(ranks_of(r.strengths) == std::vector<int>{1, 2, 1});
    CHECK(r.strengths[0].label == "J’ai du cœur à l’ouvrage");
    CHECK(r.strengths[0].board_id == "b1");
    CHECK(r.strengths[2].board_id == "b9");
    CHECK(ids_of(r.obstacles) == Ids{"obstacle.papers"});
    CHECK(ids_of(r.wishes) == Ids{"wish.job", "skill.cooking"});
    CHECK(r.boards == 4);
    // Left to sort: 1 on b1 (obstacle.housing), the 5 jobs of b2, 1 on b9; the scales board counts no cards.
    CHECK(r.cards_left == 1 + 5 + 1);
    CHECK(r.interest_code.empty());
    CHECK(r.top_values.empty());
    CHECK(r.scales.empty());
}

TEST_CASE("boards: the interest code weighs RIASEC letters 3-2-1, breaks ties in RIASEC order and leaves out empty letters") {
    const auto code = [](std::vector<BoardCard> cards) {
        std::vector<const BoardCard*> p;
        for (const auto& c : cards) p.push_back(&c);
        return interest_code(p);
    };
    CHECK(code({}) == "");
    CHECK(code({job_card("a", "")}) == "");
    CHECK(code({job_card("a", "A")}) == "A");
    CHECK(code({job_card("a", "IAS")}) == "IAS");
    CHECK(code({job_card("a", "SAI")}) == "SAI");
    // R 3+3, C 2+2, S 3, A 2: R, C, then S.
    CHECK(code({job_card("cook", "RA"), job_card("mason", "RC"), job_card("carer", "SC")}) == "RCS");
    // Ties follow R I A S E C whatever the card order.
    CHECK(code({job_card("a", "C"), job_card("b", "R")}) == "RC");
    CHECK(code({job_card("a", "ES"), job_card("b", "SE")}) == "SE");
    CHECK(code({job_card("a", "E"), job_card("b", "C"), job_card("c", "S"), job_card("d", "I")}) == "ISE");
    // Many cards: the strongest three.
    CHECK(code({job_card("a", "CES"), job_card("b", "CE"), job_card("c", "C"), job_card("d", "RI")}) == "CER");

    // From the sessions's job board: only the Interested column counts.
    Session s = session_with_boards();
    Board& jobs = s.boards[1];
    jobs.placed[0] = {"job.cook", "job.mason", "job.carer"};
    jobs.placed[1] = {"job.seller"};
    jobs.placed[2] = {"job.driver"};
    const BoardResults r = derive_board_results(s);
    CHECK(r.interest_code == "RCS");
    CHECK(ids_of(r.interested) == Ids{"job.cook", "job.mason", "job.carer"});
    CHECK(ids_of(r.not_for_me) == Ids{"job.driver"});
}

TEST_CASE("boards: top values are the first ranked cards of the Important column; priorities keep their order; only set scales count") {
    Session s;
    Board values = sort_board("v", {{"tres", ColumnRole::Important}, {"moyen", ColumnRole::Secondary},
                                    {"non", ColumnRole::NotImportant}},
                              plain_cards({"salaire", "equipe", "securite", "autonomie", "horaires", "utilite",
                                           "apprendre", "reconnaissance"}));
    values.columns[0].ranked = 5;
    values.placed = {{"equipe", "salaire", "utilite", "securite", "horaires", "apprendre", "autonomie"},
                     {"reconnaissance"},
                     {}};
    Board priorities = sort_board("p", {{"ordre", ColumnRole::Priority}},
                                  plain_cards({"logement", "emploi", "formation", "sante", "famille", "papiers",
                                               "argent", "mobilite"}));
    priorities.columns[0].ranked = 8;
    priorities.placed = {{"papiers", "logement", "emploi", "famille"}};
    Board scales = board_from("good_echelles.tsv", "e");
    scales.scales[0].value = 7;
    scales.scales[2].value = 0;
    s.boards = {values, priorities, scales};

    BoardResults r = derive_board_results(s);
    CHECK(ids_of(r.top_values) == Ids{"equipe", "salaire", "utilite", "securite", "horaires"});
    CHECK(ranks_of(r.top_values) == std::vector<int>{1, 2, 3, 4, 5});
    CHECK(r.top_values[0].label == "« equipe »");
    CHECK(ids_of(r.priorities) == Ids{"papiers", "logement", "emploi", "famille"});
    CHECK(ranks_of(r.priorities) == std::vector<int>{1, 2, 3, 4});
    REQUIRE(r.scales.size() == 2);
    CHECK(r.scales[0].scale_id == "motivation");
    CHECK(r.scales[0].label == "Ma motivation");
    CHECK(r.scales[0].value == 7);
    CHECK(r.scales[0].board_id == "e");
    CHECK(r.scales[1].scale_id == "sante");
    CHECK(r.scales[1].value == 0);
    CHECK(r.cards_left == 0 + 4);
    CHECK(r.boards == 3);
    CHECK(r.strengths.empty());

    // Fewer cards than `ranked`: all of them.
    s.boards[0].placed[0].resize(2);
    r = derive_board_results(s);
    CHECK(ids_of(r.top_values) == Ids{"equipe", "salaire"});
}

// [SECTION] Serialization

TEST_CASE("boards: binary and JSON round-trips keep every board field") {
    Fixture f;
    f.run(PlaceCard{"b1", "quality.heart", 0, -1});
    f.run(PlaceCard{"b1", "obstacle.papers", 1, -1});
    BoardCard typed;
    typed.label = "Je sais « bricoler » ; cœur à l’ouvrage";
    typed.pictogram = "marteau";
    f.run(AddCustomCard{"b1", typed, 2, 0});
    f.run(AddCustomCard{"b1", typed, -1, -1});
    f.run(PlaceCard{"b2", "job.cook", 0, -1});
    f.run(SetScale{"b3", "motivation", 8});
    f.run(SetScale{"b3", "sante", 0});
    Session s = f.editor.session();
    s.boards[0].prompt = "Qu’est-ce qui vous ressemble ?";
    s.boards[0].columns[2].ranked = 3;

    const std::string bytes = encode_binary(s);
    const Session back = decode_binary(bytes);
    CHECK(back == s);
    CHECK(back.boards == s.boards);
    CHECK(encode_binary(back) == bytes);
    const std::string json = to_json(s);
    const Session from_json = session_from_json(json);
    CHECK(from_json == s);
    CHECK(to_json(from_json) == json);
    CHECK(json.find("\"role\": \"obstacle\"") != std::string::npos);
    CHECK(json.find("\"role\": \"not_for_me\"") != std::string::npos);
    CHECK(json.find("\"kind\": \"scales\"") != std::string::npos);
    CHECK(json.find("Je sais « bricoler » ; cœur à l’ouvrage") != std::string::npos);
    CHECK(json.find("\"custom.2\"") != std::string::npos);
}

TEST_CASE("boards: a v3 payload decodes with no boards") {
    const Session v3 = golden_v3::sessions()[0];
    REQUIRE(v3.boards.empty());
    // Today's encoding of a session without boards or synthesis ends with the board count (u64)
    // and an empty synthesis (36 bytes, v5); a v3 payload is the same bytes without them, Session version 3.
    std::string bytes = encode_binary(v3);
    REQUIRE(bytes[1] == 5); // Session class version, right after the endianness byte
    bytes[1] = 3;
    bytes.resize(bytes.size() - 8 - 36);
    const Session back = decode_binary(bytes);
    CHECK(back == v3);
    CHECK(back.timeline.episodes.size() == 14);
    // The same bytes read as version 4 run out of data: the version really decides.
    bytes[1] = 4;
    CHECK_THROWS_AS(decode_binary(bytes), DecodeError);
}

TEST_CASE("boards: damaged board data loads normalized, or throws DecodeError") {
    Session s = session_with_boards();
    s.boards[0].placed[0] = {"skill.manual"};
    s.boards[2].scales[0].value = 6;
    std::string json = to_json(s);
    const auto replace = [&](const std::string& from, const std::string& to) {
        const size_t at = json.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, from);
        json.replace(at, from.size(), to);
    };
    replace("\"role\": \"strength\"", "\"role\": \"martian\"");
    replace("\"kind\": \"scales\"", "\"kind\": \"weird\"");
    replace("\"value\": 6", "\"value\": 42");
    replace("\"skill.manual\"\n", "\"skill.manual\", \"nope\", \"skill.manual\"\n");
    const Session back = session_from_json(json);
    REQUIRE(back.boards.size() == 3);
    CHECK(back.boards[0].columns[0].role == ColumnRole::None);
    CHECK(back.boards[0].placed[0] == Ids{"skill.manual"});
    CHECK(back.boards[2].kind == BoardKind::Sort);
    CHECK(back.boards[2].scales[0].value == kScaleMax);

    // Random damage: every board that loads keeps the invariants the commands rely on.
    s = Fixture().editor.session();
    s.boards[0].placed = {{"skill.manual", "wish.job"}, {"obstacle.papers"}, {}};
    s.boards[0].cards.push_back(BoardCard{"custom.4", "Lire « vite »", "", "", "", true});
    s.boards[0].next_custom = 5;
    const std::string bytes = encode_binary(s);
    for (size_t n = 0; n < bytes.size(); n += 11) CHECK_THROWS_AS(decode_binary(bytes.substr(0, n)), DecodeError);
    std::mt19937 rng(5);
    for (size_t i = 0; i < bytes.size(); ++i) {
        std::string bad = bytes;
        bad[i] = static_cast<char>(bad[i] ^ static_cast<char>(1 + rng() % 255));
        try {
            const Session d = decode_binary(bad);
            for (const Board& b : d.boards) {
                REQUIRE(b.placed.size() == b.columns.size());
                std::set<std::string> seen;
                for (const auto& column : b.placed)
                    for (const auto& id : column) {
                        CHECK(b.find_card(id));
                        CHECK(seen.insert(id).second);
                    }
                for (const auto& sc : b.scales) CHECK((sc.value == -1 || (sc.value >= kScaleMin && sc.value <= kScaleMax)));
                for (const auto& c : b.cards) CHECK(custom_card_number(c.id) < b.next_custom);
            }
            (void)derive_board_results(d);
        } catch (const DecodeError&) {
        }
    }
}
