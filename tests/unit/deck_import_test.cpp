// Unit tests for src/deck/import: a good deck is imported whole and loads with no problem; every
// bad test deck, a duplicate id, a source inside the library, the limits, an unwritable library
// and a failed copy are refused and leave nothing behind (no new folder, no ".import-*").
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "deck/deck.hpp"
#include "deck/import.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include "temp_dir.hpp"

using namespace amorce::deck;
namespace fs = std::filesystem;

namespace {

struct TempDir : amorce::test::TempDir {
    TempDir() : amorce::test::TempDir("amorce-import-test") {}
};

const fs::path kDecks = fs::path(AMORCE_TEST_DATA_DIR) / "decks";
const fs::path kGood = kDecks / "good-small";
const fs::path kShipped = fs::path(AMORCE_SOURCE_DIR) / "photolangage";
const std::vector<std::string> kShippedIds = {"regards", "quotidien"};

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_text(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
    REQUIRE(out.good());
}

// Every entry of a folder (names only, hidden ones included), sorted; empty if it does not exist.
std::vector<std::string> entries(const fs::path& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        out.push_back(it->path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// Every file below a folder, as relative paths, sorted.
std::vector<std::string> files_below(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (!e.is_directory()) out.push_back(e.path().lexically_relative(dir).generic_string());
    std::sort(out.begin(), out.end());
    return out;
}

bool has_problem(const ImportResult& r, const std::string& card, ProblemCode code) {
    return std::any_of(r.problems.begin(), r.problems.end(), [&](const Problem& p) {
        return p.code == code && (card.empty() ? p.deck_level : p.card == card);
    });
}

// A writable copy of good-small to alter.
fs::path copy_of_good(const fs::path& where) {
    const fs::path dst = where / "source";
    fs::copy(kGood, dst, fs::copy_options::recursive);
    return dst;
}

} // namespace

TEST_CASE("deck import: a good deck is copied whole and loads with no problem") {
    TempDir tmp;
    const fs::path root = tmp.path / "decks"; // does not exist yet: the import creates it
    const ImportResult r = import_deck(kGood, root, kShippedIds);
    REQUIRE_MESSAGE(r.ok, r.message);
    CHECK(r.error == ImportError::None);
    CHECK(r.deck_id == "petit-test");
    CHECK(r.title == "Petit jeu de test");
    CHECK(r.cards == 2);
    CHECK(r.folder == root / "petit-test");
    CHECK(entries(root) == std::vector<std::string>{"petit-test"}); // no ".import-*" left

    LoadOptions o;
    o.decode_images = true;
    const LoadResult loaded = load_deck(r.folder, o);
    CHECK(loaded.problems.empty());
    CHECK(loaded.deck.cards.size() == 2);
    CHECK(loaded.deck.available_count() == 2);
    CHECK(files_below(r.folder) == std::vector<std::string>{"CREDITS.md", "deck.json", "degrade.jpg",
                                                            "images/degrade.png", "licences/CC0-1.0.txt"});
    for (const auto& f : files_below(r.folder)) CHECK_MESSAGE(read_all(r.folder / f) == read_all(kGood / f), f);
    CHECK(deck_folders(root) == std::vector<fs::path>{root / "petit-test"});
    CHECK(read_deck_id(r.folder) == "petit-test");
}

TEST_CASE("deck import: the check alone writes nothing and says the deck is ready") {
    TempDir tmp;
    const fs::path root = tmp.path / "decks";
    const ImportResult r = check_import(kGood, root, kShippedIds);
    CHECK_MESSAGE(r.ok, r.message);
    CHECK(r.cards == 2);
    CHECK(r.files == 5);
    CHECK(r.problems.empty());
    CHECK_FALSE(fs::exists(root));
}

TEST_CASE("deck import: only the deck's own files are copied, never through a symbolic link") {
    TempDir tmp;
    const fs::path src = copy_of_good(tmp.path);
    write_text(src / "LICENSE", "licence text\n");
    write_text(src / "photo-perso.jpg", "not part of the deck\n");
    write_text(src / "lettre.odt", "someone's letter\n");
    write_text(src / ".cache" / "x.txt", "hidden\n");
    write_text(tmp.path / "outside" / "secret.txt", "outside the deck\n");
    fs::create_symlink(tmp.path / "outside" / "secret.txt", src / "lien.txt");
    fs::create_directory_symlink(tmp.path / "outside", src / "licences" / "dehors");
    const fs::path root = tmp.path / "decks";
    const ImportResult r = import_deck(src, root, kShippedIds);
    REQUIRE_MESSAGE(r.ok, r.message);
    CHECK(files_below(r.folder) == std::vector<std::string>{"CREDITS.md", "LICENSE", "deck.json", "degrade.jpg",
                                                            "images/degrade.png", "licences/CC0-1.0.txt"});
}

TEST_CASE("deck import: a card image reached through a symbolic link is refused") {
    TempDir tmp;
    const fs::path src = copy_of_good(tmp.path);
    fs::rename(src / "degrade.jpg", src / "images" / "vrai.jpg");
    fs::create_symlink("images/vrai.jpg", src / "degrade.jpg"); // inside the deck: load_deck accepts it
    const fs::path root = tmp.path / "decks";
    const ImportResult r = import_deck(src, root, kShippedIds);
    CHECK_FALSE(r.ok);
    CHECK(r.error == ImportError::LinkRefused);
    CHECK(r.file == "degrade.jpg");
    CHECK(entries(root).empty());
}

TEST_CASE("deck import: each bad test deck is refused with its problems and leaves nothing") {
    struct Bad {
        const char* deck;
        const char* card; // "" for a deck-level problem
        ProblemCode code;
    };
    const std::vector<Bad> bad = {
        {"missing-image", "absent", ProblemCode::FileNotFound},
        {"empty-image", "vide", ProblemCode::FileEmpty},
        {"truncated-jpeg", "coupe", ProblemCode::ImageTruncated},
        {"corrupt-file", "texte", ProblemCode::ImageNotJpegOrPng},
        {"corrupt-file", "abime", ProblemCode::ImageCorrupt},
        {"absurd-png", "geant", ProblemCode::ImageTooLarge},
        {"malformed-json", "", ProblemCode::ManifestMalformed},
        {"path-escape", "dehors", ProblemCode::PathUnsafe},
        {"path-escape", "absolu", ProblemCode::PathUnsafe},
        {"duplicate-ids", "meme", ProblemCode::CardIdDuplicate},
    };
    // Every bad deck of tests/data/decks is in the table (a new one must be added here).
    std::set<std::string> listed;
    for (const auto& b : bad) listed.insert(b.deck);
    for (const auto& name : entries(kDecks))
        if (fs::is_directory(kDecks / name) && name != "good-small")
            CHECK_MESSAGE(listed.count(name) == 1, "bad deck not covered: " << name);

    TempDir tmp;
    const fs::path root = tmp.path / "decks";
    REQUIRE(import_deck(kGood, root, kShippedIds).ok); // the library already holds a deck
    for (const auto& b : bad) {
        CAPTURE(b.deck);
        CAPTURE(b.card);
        const ImportResult checked = check_import(kDecks / b.deck, root, kShippedIds);
        CHECK_FALSE(checked.ok);
        CHECK(checked.error == ImportError::Problems);
        CHECK(has_problem(checked, b.card, b.code));
        const ImportResult r = import_deck(kDecks / b.deck, root, kShippedIds);
        CHECK_FALSE(r.ok);
        CHECK(r.error == ImportError::Problems);
        CHECK(has_problem(r, b.card, b.code));
        CHECK(r.problems.size() == checked.problems.size());
        CHECK(entries(root) == std::vector<std::string>{"petit-test"});
    }
}

TEST_CASE("deck import: a deck whose id is already installed is refused") {
    TempDir tmp;
    const fs::path root = tmp.path / "decks";
    // Listed by the caller (a shipped deck with the same id).
    ImportResult r = import_deck(kGood, root, {"regards", "petit-test"});
    CHECK_FALSE(r.ok);
    CHECK(r.error == ImportError::AlreadyInstalled);
    CHECK(entries(root).empty());
    // Already imported, even if the caller forgot it.
    REQUIRE(import_deck(kGood, root, kShippedIds).ok);
    r = import_deck(kGood, root, {});
    CHECK_FALSE(r.ok);
    CHECK(r.error == ImportError::AlreadyInstalled);
    CHECK(entries(root) == std::vector<std::string>{"petit-test"});
    // A shipped deck is never imported over itself.
    r = import_deck(kShipped / "quotidien", root, kShippedIds);
    CHECK(r.error == ImportError::AlreadyInstalled);
}

TEST_CASE("deck import: a source inside the imported decks folder is refused") {
    TempDir tmp;
    const fs::path root = tmp.path / "decks";
    REQUIRE(import_deck(kGood, root, kShippedIds).ok);
    fs::rename(root / "petit-test", root / "renomme"); // so the id check alone would not catch it
    const ImportResult r = import_deck(root / "renomme", root, {});
    CHECK_FALSE(r.ok);
    CHECK(r.error == ImportError::SourceInLibrary);
    CHECK(entries(root) == std::vector<std::string>{"renomme"});
    CHECK(import_deck(root, root, {}).error == ImportError::SourceInLibrary);
}

TEST_CASE("deck import: decks above the size or file-count limits are refused") {
    TempDir tmp;
    const fs::path root = tmp.path / "decks";
    ImportOptions o;
    o.limits.max_total_bytes = 1000;
    ImportResult r = import_deck(kGood, root, kShippedIds, o);
    CHECK(r.error == ImportError::TooLarge);
    CHECK(r.bytes > 1000);
    o = ImportOptions{};
    o.limits.max_files = 4;
    r = import_deck(kGood, root, kShippedIds, o);
    CHECK(r.error == ImportError::TooManyFiles);
    CHECK(r.files == 5);
    CHECK_FALSE(fs::exists(root));
}

TEST_CASE("deck import: an unwritable imported decks folder is refused cleanly") {
    TempDir tmp;
    // A file where the folder should be: refused whoever runs the test.
    const fs::path blocked = tmp.path / "decks-file";
    write_text(blocked, "not a folder\n");
    ImportResult r = import_deck(kGood, blocked, kShippedIds);
    CHECK_FALSE(r.ok);
    CHECK(r.error == ImportError::LibraryUnwritable);
    CHECK(read_all(blocked) == "not a folder\n");

    // A read-only folder. root ignores permissions, so this part only runs for other users.
    if (::geteuid() == 0) {
        MESSAGE("running as root: the read-only folder check is skipped");
        return;
    }
    const fs::path root = tmp.path / "decks";
    fs::create_directory(root);
    fs::permissions(root, fs::perms::owner_read | fs::perms::owner_exec);
    r = import_deck(kGood, root, kShippedIds);
    fs::permissions(root, fs::perms::owner_all);
    CHECK_FALSE(r.ok);
    CHECK(r.error == ImportError::LibraryUnwritable);
    CHECK(entries(root).empty());
}

TEST_CASE("deck import: a copy that fails midway leaves nothing half-imported") {
    TempDir tmp;
    const fs::path root = tmp.path / "decks";
    for (int after : {0, 2, 4}) {
        CAPTURE(after);
        ImportOptions o;
        o.fail_after_files = after; // like a full disk after this many files
        const ImportResult r = import_deck(kGood, root, kShippedIds, o);
        CHECK_FALSE(r.ok);
        CHECK(r.error == ImportError::CopyFailed);
        CHECK_FALSE(r.file.empty());
        CHECK(entries(root).empty()); // no "petit-test", no ".import-*"
        CHECK(deck_folders(root).empty());
    }
    if (::geteuid() != 0) { // an unreadable licence text (root would read it anyway)
        const fs::path src = copy_of_good(tmp.path);
        fs::permissions(src / "licences" / "CC0-1.0.txt", fs::perms::none);
        const ImportResult r = import_deck(src, root, kShippedIds);
        CHECK(r.error == ImportError::CopyFailed);
        CHECK(r.file == "licences/CC0-1.0.txt");
        CHECK(entries(root).empty());
    }
    CHECK(import_deck(kGood, root, kShippedIds).ok); // and a retry works
}

TEST_CASE("deck import: leftover .import folders are ignored, then removed by the next import") {
    TempDir tmp;
    const fs::path root = tmp.path / "decks";
    fs::create_directories(root);
    fs::copy(kGood, root / ".import-0123abcd", fs::copy_options::recursive); // a crash mid-import
    fs::create_directories(root / ".import-removed-99");
    CHECK(deck_folders(root).empty());
    const ImportResult r = import_deck(kGood, root, kShippedIds);
    REQUIRE_MESSAGE(r.ok, r.message);
    CHECK(entries(root) == std::vector<std::string>{"petit-test"});
    fs::create_directories(root / ".import-x");
    CHECK(remove_import_leftovers(root) == 1);
}

TEST_CASE("deck import: deck_folders lists deck folders sorted by name") {
    CHECK(deck_folders(kShipped) == std::vector<fs::path>{kShipped / "quotidien", kShipped / "regards"});
    TempDir tmp;
    CHECK(deck_folders(tmp.path / "absent").empty());
    fs::create_directories(tmp.path / "b-deck");
    write_text(tmp.path / "b-deck" / "deck.json", "{}");
    fs::create_directories(tmp.path / "a-deck");
    write_text(tmp.path / "a-deck" / "deck.json", "{}");
    fs::create_directories(tmp.path / "not-a-deck");
    write_text(tmp.path / "file.json", "{}");
    CHECK(deck_folders(tmp.path) == std::vector<fs::path>{tmp.path / "a-deck", tmp.path / "b-deck"});
    CHECK(read_deck_id(tmp.path / "a-deck").empty());
    CHECK(read_deck_id(kShipped / "regards") == "regards");
}

TEST_CASE("deck import: an imported deck can be removed; bad ids are refused") {
    TempDir tmp;
    const fs::path root = tmp.path / "decks";
    REQUIRE(import_deck(kGood, root, kShippedIds).ok);
    std::string error;
    CHECK_FALSE(remove_imported_deck(root, "../decks", &error));
    CHECK_FALSE(remove_imported_deck(root, "absent", &error));
    CHECK(entries(root) == std::vector<std::string>{"petit-test"});
    CHECK(remove_imported_deck(root, "petit-test", &error));
    CHECK(entries(root).empty());
    CHECK(import_deck(kGood, root, kShippedIds).ok); // can be imported again
}
