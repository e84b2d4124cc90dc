// Unit tests for src/deck: the shipped « Regards » deck, the bad test decks of tests/data/decks
// (each: the deck still loads, the bad card is unavailable with the right reason, the others are
// fine), manifest checks, image checks, and the thumbnail cache and loader (no UI).
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "deck/deck.hpp"
#include "deck/images.hpp"
#include "deck/thumbnails.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "temp_dir.hpp"

using namespace amorce::deck;
namespace fs = std::filesystem;

namespace {

struct TempDir : amorce::test::TempDir {
    TempDir() : amorce::test::TempDir("amorce-deck-test") {}
};

const fs::path kDecks = fs::path(AMORCE_TEST_DATA_DIR) / "decks";
const fs::path kRegards = fs::path(AMORCE_SOURCE_DIR) / "photolangage" / "regards";

std::vector<std::uint8_t> read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_text(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
    REQUIRE(out.good());
}

const Card& card(const LoadResult& r, const std::string& id) {
    const Card* c = r.deck.find(id);
    REQUIRE_MESSAGE(c != nullptr, "no card " << id);
    return *c;
}

// The one problem of a deck that has exactly one bad card: checks it names card, file and reason.
void expect_single_bad_card(const LoadResult& r, const std::string& id, const std::string& file,
                            ProblemCode code, const std::string& message_part) {
    REQUIRE(r.problems.size() == 1);
    const Problem& p = r.problems[0];
    CHECK_FALSE(p.deck_level);
    CHECK(p.code == code);
    CHECK(p.card == id);
    CHECK(p.file == file);
    CHECK_MESSAGE(p.message.find(message_part) != std::string::npos, p.message);
    CHECK(p.line() == id + " " + file + ": " + p.message);
    const Card& c = card(r, id);
    CHECK_FALSE(c.available());
    CHECK(c.problem == code);
    CHECK(c.problem_message == p.message);
    CHECK(r.deck.available_count() == r.deck.cards.size() - 1);
}

const std::string kGoodCard = R"({"id": "a", "file": "a.jpg", "description": "Une image."})";

std::string manifest_with(const std::string& cards) {
    return R"({"format": 1, "id": "essai", "title": "Essai", "cards": [)" + cards + "]}";
}

// Holds a loader's worker inside on_result until released: makes queue states deterministic.
struct Gate {
    std::mutex m;
    std::condition_variable cv;
    bool entered = false, open = false;
    int results = 0;
    void pass() {
        std::unique_lock<std::mutex> lock(m);
        ++results;
        entered = true;
        cv.notify_all();
        cv.wait(lock, [&] { return open; });
    }
    void wait_entered() {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return entered; });
    }
    void release() {
        std::lock_guard<std::mutex> lock(m);
        open = true;
        cv.notify_all();
    }
};

} // namespace

// [SECTION] The shipped deck

TEST_CASE("deck: the Regards deck loads with 43 cards and no problem") {
    LoadOptions full;
    full.decode_images = true;
    const LoadResult r = load_deck(kRegards, full);
    std::string lines;
    for (const auto& p : r.problems)
        lines += p.line() + "\n";
    CHECK_MESSAGE(r.problems.empty(), lines);
    CHECK(r.deck.id == "regards");
    CHECK(r.deck.title == "Regards");
    CHECK(r.deck.format == 1);
    CHECK_FALSE(r.deck.licence.empty());
    REQUIRE(r.deck.cards.size() == 43);
    CHECK(r.deck.available_count() == 43);

    const std::string credits = [] {
        const auto b = read_bytes(kRegards / "CREDITS.md");
        return std::string(b.begin(), b.end());
    }();
    const auto& themes = known_themes();
    std::set<std::string> files;
    for (const auto& c : r.deck.cards) {
        INFO(c.id);
        CHECK(c.format == ImageFormat::Jpeg);
        CHECK(std::max(c.width, c.height) <= 1600);
        CHECK(c.description.size() > 20);
        CHECK(c.description.back() == '.');
        CHECK(c.themes.size() >= 1);
        CHECK(c.themes.size() <= 3);
        for (const auto& t : c.themes)
            CHECK_MESSAGE(std::count(themes.begin(), themes.end(), t) == 1, t);
        CHECK_FALSE(c.credit.empty());
        CHECK_FALSE(c.licence.empty());
        CHECK(c.source.rfind("Debian package ", 0) == 0);
        CHECK(credits.find("`" + c.file + "`") != std::string::npos); // credited by file name
        files.insert(c.file);
    }
    // Every image of the folder is a card, once.
    std::set<std::string> on_disk;
    for (const auto& e : fs::directory_iterator(kRegards))
        if (e.path().extension() == ".jpg") on_disk.insert(e.path().filename().string());
    CHECK(files == on_disk);
    for (const char* text : {"CC-BY-4.0.txt", "CC-BY-SA-4.0.txt", "CC-BY-SA-3.0.txt", "CC0-1.0.txt",
                             "GPL-2.txt", "GPL-3.txt", "LGPL-2.1.txt", "LGPL-3.txt"})
        CHECK_MESSAGE(fs::file_size(kRegards / "licences" / text) > 5000, text);
}

TEST_CASE("deck: every shipped deck under photolangage/ loads with no problem") {
    int decks = 0;
    for (const auto& e : fs::directory_iterator(kRegards.parent_path())) {
        if (!fs::exists(e.path() / kManifestName)) continue;
        const LoadResult r = load_deck(e.path());
        std::string lines;
        for (const auto& p : r.problems)
            lines += p.line() + "\n";
        CHECK_MESSAGE(r.problems.empty(), e.path().filename().string() << ":\n" << lines);
        CHECK(r.deck.available_count() >= 40); // the issue asks for at least 40 cards per deck
        // Descriptions are read aloud and printed in the synthesis: French typography, no-break
        // spaces before : ; ! ? » and after «.
        for (const auto& card : r.deck.cards) {
            for (const char* bad : {" :", " ;", " !", " ?", " \xc2\xbb", "\xc2\xab "})
                CHECK_MESSAGE(card.description.find(bad) == std::string::npos, card.id << ": " << card.description);
        }
        ++decks;
    }
    CHECK(decks >= 2); // « Regards » and « Le quotidien »
}

// [SECTION] The bad test decks

TEST_CASE("deck: a missing image makes only its card unavailable") {
    const LoadResult r = load_deck(kDecks / "missing-image");
    REQUIRE(r.deck.cards.size() == 3);
    expect_single_bad_card(r, "absent", "absent.jpg", ProblemCode::FileNotFound, "file not found");
    CHECK(card(r, "bon").available());
    CHECK(card(r, "bon").format == ImageFormat::Jpeg);
    CHECK(card(r, "bon").width == 48);
    CHECK(card(r, "bon").height == 32);
    CHECK(card(r, "bon-png").available());
    CHECK(card(r, "bon-png").format == ImageFormat::Png);
    CHECK(card(r, "bon").path == fs::canonical(kDecks / "missing-image" / "good.jpg"));
}

TEST_CASE("deck: a 0-byte image is unavailable with the reason") {
    const LoadResult r = load_deck(kDecks / "empty-image");
    expect_single_bad_card(r, "vide", "vide.jpg", ProblemCode::FileEmpty, "file is empty (0 bytes)");
    CHECK(card(r, "bon").available());
}

TEST_CASE("deck: a truncated JPEG is unavailable with the reason") {
    const LoadResult r = load_deck(kDecks / "truncated-jpeg");
    expect_single_bad_card(r, "coupe", "coupe.jpg", ProblemCode::ImageTruncated, "file is truncated");
    CHECK(card(r, "bon").available());
    // stb_image alone would decode it (as grey); the full-decode check still refuses it.
    LoadOptions full;
    full.decode_images = true;
    CHECK(load_deck(kDecks / "truncated-jpeg", full).problems.size() == 1);
}

TEST_CASE("deck: a corrupt file and a PNG with a bad CRC are unavailable") {
    const LoadResult r = load_deck(kDecks / "corrupt-file");
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[0].line() == "texte texte.jpg: not a JPEG or PNG image");
    CHECK(card(r, "texte").problem == ProblemCode::ImageNotJpegOrPng);
    CHECK(r.problems[1].line() == "abime abime.png: corrupt PNG (CRC mismatch in chunk IDAT)");
    CHECK(card(r, "abime").problem == ProblemCode::ImageCorrupt);
    CHECK(card(r, "bon").available());
    CHECK(r.deck.available_count() == 1);
}

TEST_CASE("deck: a PNG declaring absurd dimensions is refused from its header") {
    CHECK(fs::file_size(kDecks / "absurd-png" / "geant.png") < 100); // nothing to decode: the header lies
    const LoadResult r = load_deck(kDecks / "absurd-png");
    expect_single_bad_card(r, "geant", "geant.png", ProblemCode::ImageTooLarge, "100000x100000 px");
    CHECK(card(r, "geant").width == 100000);
    CHECK(card(r, "bon").available());
}

TEST_CASE("deck: a malformed deck.json gives one clear problem and an empty deck") {
    const LoadResult r = load_deck(kDecks / "malformed-json");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].deck_level);
    CHECK(r.problems[0].code == ProblemCode::ManifestMalformed);
    CHECK(r.problems[0].line() == "deck: deck.json is not valid JSON (line 4, column 3: Missing a comma or "
                                  "'}' after an object member.)");
    CHECK(r.deck.cards.empty());
}

TEST_CASE("deck: paths with .. or absolute paths are refused before touching the disk") {
    const LoadResult r = load_deck(kDecks / "path-escape");
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[0].line() ==
          "dehors ../missing-image/good.jpg: path refused: '..' would leave the deck folder");
    CHECK(r.problems[1].line() == "absolu /etc/hostname: path refused: absolute paths are not allowed");
    CHECK(card(r, "dehors").problem == ProblemCode::PathUnsafe);
    CHECK(card(r, "dehors").path.empty()); // never resolved
    CHECK(card(r, "absolu").problem == ProblemCode::PathUnsafe);
    CHECK(card(r, "bon").available());
}

TEST_CASE("deck: a symbolic link leading outside the deck is refused") {
    TempDir t;
    const fs::path deck = t.path / "deck", outside = t.path / "outside";
    fs::create_directories(deck / "img");
    fs::create_directories(outside);
    fs::copy_file(kDecks / "missing-image" / "good.jpg", outside / "secret.jpg");
    fs::copy_file(kDecks / "missing-image" / "good.jpg", deck / "img" / "a.jpg");
    std::error_code ec;
    fs::create_symlink(outside / "secret.jpg", deck / "lien.jpg", ec);
    if (ec) {
        MESSAGE("symbolic links not available here: " << ec.message());
        return;
    }
    fs::create_directory_symlink(outside, deck / "dossier", ec);
    REQUIRE_FALSE(ec);
    fs::create_symlink(deck / "img" / "a.jpg", deck / "interne.jpg", ec); // stays inside: allowed
    REQUIRE_FALSE(ec);
    fs::create_symlink(deck / "nowhere.jpg", deck / "casse.jpg", ec);
    REQUIRE_FALSE(ec);
    write_text(deck / "CREDITS.md", "test\n");
    write_text(deck / "deck.json",
               manifest_with(R"({"id": "a", "file": "img/a.jpg", "description": "Une image."},
                               {"id": "lien", "file": "lien.jpg", "description": "Une image."},
                               {"id": "dossier", "file": "dossier/secret.jpg", "description": "Une image."},
                               {"id": "interne", "file": "interne.jpg", "description": "Une image."},
                               {"id": "casse", "file": "casse.jpg", "description": "Une image."})"));
    const LoadResult r = load_deck(deck);
    REQUIRE(r.problems.size() == 3);
    CHECK(r.problems[0].line() ==
          "lien lien.jpg: path refused: a symbolic link leads outside the deck folder");
    CHECK(r.problems[1].line() ==
          "dossier dossier/secret.jpg: path refused: a symbolic link leads outside the deck folder");
    CHECK(r.problems[2].line() == "casse casse.jpg: file not found (broken symbolic link)");
    CHECK(card(r, "a").available());
    CHECK(card(r, "interne").available());
    CHECK(card(r, "lien").problem == ProblemCode::PathEscapes);
}

TEST_CASE("deck: duplicate ids keep the first card") {
    const LoadResult r = load_deck(kDecks / "duplicate-ids");
    REQUIRE(r.deck.cards.size() == 3);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line() == "meme good.png: id already used by card #1 (the first one is kept)");
    CHECK(r.deck.cards[0].available());
    CHECK(r.deck.cards[0].file == "good.jpg");
    CHECK(r.deck.cards[1].problem == ProblemCode::CardIdDuplicate);
    CHECK(r.deck.find("meme") == &r.deck.cards[0]);
    CHECK(card(r, "autre").available());
}

// [SECTION] Manifest checks from memory

TEST_CASE("deck: manifest field errors become card problems") {
    const LoadResult r = parse_manifest(manifest_with(kGoodCard + R"(,
        42,
        {"file": "b.jpg", "description": "Sans id."},
        {"id": "Majuscule", "file": "c.jpg", "description": "Id invalide."},
        {"id": "d", "description": "Pas de fichier."},
        {"id": "e", "file": "e.jpg", "description": "   "},
        {"id": "f", "file": "f.jpg", "description": "Thèmes faux.", "themes": "nature"},
        {"id": "g", "file": 7, "description": "Fichier pas texte.", "credit": ["x"]},
        {"id": "h", "file": "h\\i.jpg", "description": "Antislash."},
        {"id": "k", "file": "img/k.jpg", "description": "Bonne carte.", "themes": ["eau", "calme"], "credit": "Moi",
         "licence": "CC0-1.0", "source": "test", "inconnu": true})"));
    std::vector<std::string> lines;
    for (const auto& p : r.problems)
        lines.push_back(p.line());
    const std::vector<std::string> expected = {
        "#2 -: card entry is not an object { ... }",
        "#3 b.jpg: card has no id",
        "Majuscule c.jpg: id must be 1 to 64 characters among a-z, 0-9 and '-'",
        "d -: card has no \"file\"",
        "e e.jpg: no French description",
        "f f.jpg: \"themes\" must be a list of words",
        "g -: \"file\" must be text",
        "g -: \"credit\" must be text",
        "h h\\i.jpg: path refused: use '/' between plain folder and file names",
    };
    CHECK(lines == expected);
    REQUIRE(r.deck.cards.size() == 10);
    CHECK(r.deck.available_count() == 2);
    const Card& k = card(r, "k");
    CHECK(k.available());
    CHECK(k.file == "img/k.jpg");
    CHECK(k.themes == std::vector<std::string>{"eau", "calme"});
    CHECK(k.credit == "Moi");
    CHECK(k.licence == "CC0-1.0");
    CHECK(k.path.empty()); // parse_manifest touches no file
    CHECK(r.deck.cards[3].problem == ProblemCode::CardIdInvalid);
}

TEST_CASE("deck: deck-level checks: format, id, title, cards") {
    auto codes = [](const std::string& json) {
        std::vector<ProblemCode> out;
        for (const auto& p : parse_manifest(json).problems)
            out.push_back(p.code);
        return out;
    };
    using P = ProblemCode;
    CHECK(codes(manifest_with(kGoodCard)).empty());
    CHECK(codes(R"({"format": 2, "id": "x", "title": "X", "cards": [)" + kGoodCard + "]}") ==
          std::vector<P>{P::FormatUnsupported});
    CHECK(parse_manifest(R"({"format": 2})").problems[0].message ==
          "format 2 is not supported (this version reads format 1)");
    CHECK(codes(R"({"format": "1", "cards": []})") == std::vector<P>{P::FormatUnsupported});
    CHECK(codes(R"({"id": "x", "cards": []})") == std::vector<P>{P::FormatUnsupported});
    CHECK(codes(R"({"format": 1, "id": "X Y", "title": "", "cards": [)" + kGoodCard + "]}") ==
          std::vector<P>{P::DeckIdInvalid, P::TitleMissing});
    CHECK(codes(R"({"format": 1, "id": "x", "title": "X", "cards": []})") == std::vector<P>{P::NoCards});
    CHECK(codes(R"({"format": 1, "id": "x", "title": "X", "cards": {}})") ==
          std::vector<P>{P::ManifestInvalid});
    CHECK(codes(R"([1, 2])") == std::vector<P>{P::ManifestInvalid});
    CHECK(codes("") == std::vector<P>{P::ManifestMalformed});
    CHECK(codes("{\"format\": 1, \"id\": \"x\", \"title\": \"\xff\"}") ==
          std::vector<P>{P::ManifestMalformed});
    CHECK(codes(std::string(100000, '[') + std::string(100000, ']')) == std::vector<P>{P::ManifestInvalid});

    LoadOptions small;
    small.max_cards = 2;
    const auto many =
        parse_manifest(manifest_with(kGoodCard + "," + R"({"id": "b", "file": "b.jpg", "description": "B."},
                                                                      {"id": "c", "file": "c.jpg", "description": "C."})"),
                       small);
    CHECK(many.deck.cards.size() == 2);
    REQUIRE(many.problems.size() == 1);
    CHECK(many.problems[0].line() == "deck: the deck has 3 cards; only the first 2 are read");
    small.max_manifest_bytes = 10;
    CHECK(parse_manifest(manifest_with(kGoodCard), small).problems[0].code == P::ManifestTooLarge);
}

TEST_CASE("deck: a missing folder, deck.json or CREDITS.md is a deck problem") {
    TempDir t;
    LoadResult r = load_deck(t.path / "nothing-here");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line() == "deck: deck folder not found");
    CHECK_FALSE(fs::exists(t.path / "nothing-here"));

    r = load_deck(t.path);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line() == "deck: no deck.json in the folder");

    fs::copy_file(kDecks / "missing-image" / "good.jpg", t.path / "a.jpg");
    write_text(t.path / "deck.json", manifest_with(kGoodCard));
    r = load_deck(t.path);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].code == ProblemCode::CreditsMissing);
    CHECK(r.deck.available_count() == 1); // the cards are still usable

    write_text(t.path / "CREDITS.md", "Photo : moi.\n");
    CHECK(load_deck(t.path).problems.empty());
}

TEST_CASE("deck: ids and relative paths are validated by their spelling") {
    CHECK(is_valid_id("pont"));
    CHECK(is_valid_id("coucher-soleil-2"));
    CHECK_FALSE(is_valid_id(""));
    CHECK_FALSE(is_valid_id("Pont"));
    CHECK_FALSE(is_valid_id("pont_1"));
    CHECK_FALSE(is_valid_id("été"));
    CHECK_FALSE(is_valid_id(std::string(65, 'a')));
    CHECK(is_safe_relative_path("01-pont.jpg"));
    CHECK(is_safe_relative_path("images/01 pont.jpg"));
    CHECK(is_safe_relative_path("..hidden.jpg"));
    for (const char* bad : {"", "/etc/passwd", "../x.jpg", "a/../../x.jpg", "a/..", "./a.jpg", "a//b.jpg",
                            "a/", "a\\b.jpg", "C:x.jpg", "c:/x.jpg"})
        CHECK_MESSAGE(!is_safe_relative_path(bad), bad);
    CHECK_FALSE(is_safe_relative_path(std::string("a\0b.jpg", 7)));
    CHECK_FALSE(is_safe_relative_path("a\nb.jpg"));
}

// [SECTION] Images

TEST_CASE("images: JPEG and PNG headers give format and size") {
    const auto jpg = read_bytes(kDecks / "missing-image" / "good.jpg");
    const auto png = read_bytes(kDecks / "missing-image" / "good.png");
    const ImageLimits limits;
    ImageInfo i = inspect_image(jpg.data(), jpg.size(), limits);
    CHECK(i.ok());
    CHECK(i.format == ImageFormat::Jpeg);
    CHECK(i.width == 48);
    CHECK(i.height == 32);
    i = inspect_image(png.data(), png.size(), limits);
    CHECK(i.ok());
    CHECK(i.format == ImageFormat::Png);
    CHECK(i.width == 32);
    CHECK(i.height == 24);

    ImageLimits tight;
    tight.max_side = 40;
    i = inspect_image(jpg.data(), jpg.size(), tight);
    CHECK(i.error == ImageError::TooLarge);
    tight.max_side = 100;
    tight.max_pixels = 48 * 32 - 1;
    CHECK(inspect_image(jpg.data(), jpg.size(), tight).error == ImageError::TooLarge);
    tight.max_file_bytes = 100;
    CHECK(inspect_image(jpg.data(), jpg.size(), tight).error == ImageError::FileTooBig);

    const std::string gif = "GIF89a\x01\x00\x01\x00";
    CHECK(inspect_image(reinterpret_cast<const std::uint8_t*>(gif.data()), gif.size(), limits).error ==
          ImageError::NotJpegOrPng);
    CHECK(inspect_image(nullptr, 0, limits).error == ImageError::Empty);
}

TEST_CASE("images: every truncation of a JPEG or PNG is caught") {
    const ImageLimits limits;
    for (const char* name : {"good.jpg", "good.png"}) {
        const auto bytes = read_bytes(kDecks / "missing-image" / name);
        REQUIRE(inspect_image(bytes.data(), bytes.size(), limits).ok());
        int caught = 0;
        for (std::size_t n = 1; n < bytes.size(); ++n) {
            const ImageInfo i = inspect_image(bytes.data(), n, limits);
            if (!i.ok())
                ++caught;
            else
                FAIL_CHECK(name << " cut at " << n << " bytes passed");
        }
        CHECK(caught == static_cast<int>(bytes.size()) - 1);
    }
    // Bytes after the end marker are ignored (some cameras append data).
    auto jpg = read_bytes(kDecks / "missing-image" / "good.jpg");
    jpg.insert(jpg.end(), {0x00, 0x12, 0x34});
    CHECK(inspect_image(jpg.data(), jpg.size(), limits).ok());
    // A marker where image data should continue is corruption, not truncation.
    auto bad = read_bytes(kDecks / "missing-image" / "good.jpg");
    bad[2] = 0x12; // first segment marker no longer starts with 0xFF
    CHECK(inspect_image(bad.data(), bad.size(), limits).error == ImageError::NotJpegOrPng);
    bad = read_bytes(kDecks / "missing-image" / "good.jpg");
    bad[4] = 0x00;
    bad[5] = 0x01; // segment length 1
    CHECK(inspect_image(bad.data(), bad.size(), limits).error == ImageError::Corrupt);
}

TEST_CASE("images: decode, downscale and PNG round trip keep the picture") {
    const auto bytes = read_bytes(kRegards / "01-pont.jpg");
    Image image;
    ImageInfo info;
    REQUIRE(decode_image(bytes.data(), bytes.size(), ImageLimits{}, &image, &info));
    CHECK(image.width == 1280);
    CHECK(image.height == 720);
    CHECK(image.rgba.size() == 1280u * 720u * 4u);
    const Image thumb = downscale(image, 384);
    CHECK(thumb.width == 384);
    CHECK(thumb.height == 216);
    CHECK(downscale(thumb, 1000).width == 384); // never upscaled
    std::vector<std::uint8_t> png;
    REQUIRE(encode_png(thumb, &png));
    Image back;
    REQUIRE(decode_image(png.data(), png.size(), ImageLimits{}, &back, &info));
    CHECK(info.format == ImageFormat::Png);
    CHECK(back.width == 384);
    CHECK(back.rgba == thumb.rgba); // PNG is lossless; opaque pixels stored as RGB come back with alpha 255

    CHECK(content_hash(bytes.data(), bytes.size()).size() == 64);
    CHECK(content_hash(bytes.data(), bytes.size()) == content_hash(bytes.data(), bytes.size()));
    CHECK(content_hash(bytes.data(), bytes.size()) != content_hash(bytes.data(), bytes.size() - 1));
}

// [SECTION] Thumbnails

TEST_CASE("thumbnails: a second run reads the disk cache and decodes no full image") {
    TempDir t;
    const LoadResult deck = load_deck(kRegards);
    REQUIRE(deck.deck.cards.size() >= 6);
    std::vector<const Card*> cards;
    for (std::size_t i = 0; i < 6; ++i)
        cards.push_back(&deck.deck.cards[i]);

    auto run = [&](ThumbnailCache& cache) {
        std::vector<ThumbnailResult> results;
        {
            ThumbnailLoader loader(cache, 2);
            for (const Card* c : cards)
                loader.request("regards/" + c->id, c->path);
            REQUIRE(loader.wait_idle(std::chrono::seconds(120)));
            results = loader.poll();
            CHECK(loader.poll().empty()); // a result is handed out once
        }
        REQUIRE(results.size() == cards.size());
        std::sort(results.begin(), results.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
        return results;
    };

    ThumbnailCache cold(t.path / "thumbs");
    const auto first = run(cold);
    for (const auto& r : first) {
        INFO(r.key << ": " << r.error);
        CHECK(r.ok);
        const Card& c = *deck.deck.find(r.key.substr(8));
        CHECK(std::max(r.image.width, r.image.height) == 384); // originals are 1280 px
        // Aspect ratio kept (within a pixel of rounding).
        CHECK(std::abs(r.image.width * c.height - r.image.height * c.width) <= std::max(c.width, c.height));
    }
    CHECK(cold.full_decodes() == 6);
    CHECK(cold.cache_writes() == 6);
    CHECK(cold.cache_hits() == 0);

    ThumbnailCache warm(t.path / "thumbs"); // as after a restart
    const auto second = run(warm);
    CHECK(warm.full_decodes() == 0);
    CHECK(warm.cache_hits() == 6);
    for (std::size_t i = 0; i < first.size(); ++i) {
        CHECK(second[i].ok);
        CHECK(second[i].image.width == first[i].image.width);
        CHECK(second[i].image.rgba == first[i].image.rgba);
    }
    // No temporary file left behind.
    int files = 0;
    for (const auto& e : fs::directory_iterator(t.path / "thumbs")) {
        CHECK(e.path().extension() == ".png");
        ++files;
    }
    CHECK(files == 6);
}

TEST_CASE("thumbnails: a damaged cache file is rebuilt") {
    TempDir t;
    ThumbnailCache cache(t.path / "thumbs", 128);
    const fs::path photo = kRegards / "02-libellule.jpg";
    Image thumb;
    std::string error;
    REQUIRE(cache.get(photo, &thumb, &error));
    CHECK(std::max(thumb.width, thumb.height) == 128);
    CHECK(cache.full_decodes() == 1);
    const auto bytes = read_bytes(photo);
    const fs::path cached = t.path / "thumbs" / (content_hash(bytes.data(), bytes.size()) + "-128.png");
    REQUIRE(fs::exists(cached));
    // Torn by a crash: half of the file.
    const auto png = read_bytes(cached);
    write_text(cached, std::string(png.begin(), png.begin() + static_cast<long>(png.size() / 2)));
    Image again;
    REQUIRE(cache.get(photo, &again, &error));
    CHECK(cache.full_decodes() == 2);
    CHECK(again.rgba == thumb.rgba);
    CHECK(read_bytes(cached) == png); // rewritten whole
    REQUIRE(cache.get(photo, &again, &error));
    CHECK(cache.full_decodes() == 2);
    CHECK(cache.cache_hits() == 1);
    // An unwritable cache folder (here: a file in its place) still gives thumbnails.
    write_text(t.path / "blocked", "not a folder");
    ThumbnailCache blocked(t.path / "blocked", 128);
    REQUIRE(blocked.get(photo, &again, &error));
    CHECK(blocked.cache_writes() == 0);
}

TEST_CASE("thumbnails: bad images come back as errors, not crashes") {
    TempDir t;
    ThumbnailCache cache(t.path / "thumbs");
    ThumbnailLoader loader(cache, 2);
    loader.request("coupe", kDecks / "truncated-jpeg" / "coupe.jpg");
    loader.request("vide", kDecks / "empty-image" / "vide.jpg");
    loader.request("absent", kDecks / "missing-image" / "absent.jpg");
    loader.request("geant", kDecks / "absurd-png" / "geant.png");
    loader.request("bon", kDecks / "missing-image" / "good.jpg");
    loader.request_large("bon-grand", kRegards / "03-figue.jpg", 1000);
    REQUIRE(loader.wait_idle(std::chrono::seconds(60)));
    auto results = loader.poll();
    REQUIRE(results.size() == 6);
    std::sort(results.begin(), results.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    CHECK(results[0].key == "absent");
    CHECK_FALSE(results[0].ok);
    CHECK(results[0].error.find("cannot read") != std::string::npos);
    CHECK(results[1].key == "bon");
    CHECK(results[1].ok);
    CHECK(results[1].image.width == 48); // already small: kept as is
    CHECK(results[2].key == "bon-grand");
    CHECK(results[2].ok);
    CHECK(std::max(results[2].image.width, results[2].image.height) == 1000);
    CHECK(results[3].key == "coupe");
    CHECK(results[3].error.find("truncated") != std::string::npos);
    CHECK(results[4].key == "geant");
    CHECK(results[4].error.find("too large") != std::string::npos);
    CHECK(results[5].key == "vide");
    CHECK(results[5].error.find("empty") != std::string::npos);
    CHECK(cache.full_decodes() == 1);
}

TEST_CASE("thumbnails: cancel_pending drops queued requests and a queued key is not queued twice") {
    TempDir t;
    ThumbnailCache cache(t.path / "thumbs", 64);
    Gate gate;
    std::vector<ThumbnailResult> results;
    {
        ThumbnailLoader loader(cache, 1, [&] { gate.pass(); });
        struct ReleaseOnExit { // destroyed before the loader: its join never waits on a held worker
            Gate& g;
            ~ReleaseOnExit() { g.release(); }
        } guard{gate};
        const fs::path photo = kDecks / "missing-image" / "good.jpg";
        loader.request("a", photo);
        gate.wait_entered(); // the only worker is now held after finishing "a"
        loader.request("b", photo);
        loader.request("b", photo); // already queued
        loader.request("c", photo);
        loader.cancel_pending(); // drops b and c
        loader.request("d", photo);
        loader.request("d", photo);
        gate.release();
        REQUIRE(loader.wait_idle(std::chrono::seconds(30)));
        results = loader.poll();
    } // joined: every on_result call has returned
    std::vector<std::string> keys;
    for (const auto& r : results)
        keys.push_back(r.key);
    CHECK(keys == std::vector<std::string>{"a", "d"});
    CHECK(gate.results == 2);
}
