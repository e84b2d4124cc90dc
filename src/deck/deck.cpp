// Photolangage decks: manifest parsing and validation (see deck.hpp).
//
// [SECTION] Names, ids and paths
// [SECTION] Problem collection
// [SECTION] Manifest (deck.json)
// [SECTION] Files on disk
// [SECTION] load_deck
//
// JSON is read with RapidJSON, the parser cereal's JSON archive is built on (Debian's cereal uses
// Debian's rapidjson-dev). The DOM rather than cereal's archive because a manifest comes from
// outside: every field is optional or typed wrong somewhere, and each mistake must become a clear
// per-card problem, not an exception out of the middle of a load. The parse is iterative (no
// recursion, so "[[[[..." cannot overflow the stack) and validates UTF-8.
#include "deck/deck.hpp"

// Included first so RAPIDJSON_ASSERT is cereal's throwing one in every translation unit (ODR).
#include <cereal/archives/json.hpp>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <exception>
#include <map>
#include <system_error>
#include <utility>

namespace amorce::deck {

namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] Names, ids and paths
//-----------------------------------------------------------------------------

const char* problem_key(ProblemCode code) {
    switch (code) {
    case ProblemCode::FolderNotFound: return "folder_not_found";
    case ProblemCode::ManifestMissing: return "manifest_missing";
    case ProblemCode::ManifestUnreadable: return "manifest_unreadable";
    case ProblemCode::ManifestTooLarge: return "manifest_too_large";
    case ProblemCode::ManifestMalformed: return "manifest_malformed";
    case ProblemCode::ManifestInvalid: return "manifest_invalid";
    case ProblemCode::FormatUnsupported: return "format_unsupported";
    case ProblemCode::DeckIdInvalid: return "deck_id_invalid";
    case ProblemCode::TitleMissing: return "title_missing";
    case ProblemCode::NoCards: return "no_cards";
    case ProblemCode::TooManyCards: return "too_many_cards";
    case ProblemCode::CreditsMissing: return "credits_missing";
    case ProblemCode::CardInvalid: return "card_invalid";
    case ProblemCode::CardIdInvalid: return "card_id_invalid";
    case ProblemCode::CardIdDuplicate: return "card_id_duplicate";
    case ProblemCode::FileMissingInManifest: return "file_missing_in_manifest";
    case ProblemCode::PathUnsafe: return "path_unsafe";
    case ProblemCode::DescriptionMissing: return "description_missing";
    case ProblemCode::FileNotFound: return "file_not_found";
    case ProblemCode::PathEscapes: return "path_escapes";
    case ProblemCode::FileNotRegular: return "file_not_regular";
    case ProblemCode::FileUnreadable: return "file_unreadable";
    case ProblemCode::FileEmpty: return "file_empty";
    case ProblemCode::FileTooBig: return "file_too_big";
    case ProblemCode::ImageNotJpegOrPng: return "image_not_jpeg_or_png";
    case ProblemCode::ImageHeaderUnreadable: return "image_header_unreadable";
    case ProblemCode::ImageTooLarge: return "image_too_large";
    case ProblemCode::ImageTruncated: return "image_truncated";
    case ProblemCode::ImageCorrupt: return "image_corrupt";
    }
    return "unknown";
}

std::string Problem::line() const {
    if (deck_level) return "deck: " + message;
    return card + " " + (file.empty() ? std::string("-") : file) + ": " + message;
}

std::size_t Deck::available_count() const {
    return static_cast<std::size_t>(
        std::count_if(cards.begin(), cards.end(), [](const Card& c) { return c.available(); }));
}

const Card* Deck::find(std::string_view card_id) const {
    for (const auto& c : cards)
        if (c.id == card_id) return &c;
    return nullptr;
}

const std::vector<std::string>& known_themes() {
    static const std::vector<std::string> themes = {"nature", "ville",      "voyage",  "travail", "maison",
                                                    "objets", "nourriture", "animaux", "eau",     "lumière",
                                                    "calme",  "effort",     "liberté"};
    return themes;
}

bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool is_safe_relative_path(std::string_view path) {
    if (path.empty() || path.size() > 255 || path.front() == '/') return false;
    for (char c : path)
        if (c == '\\' || c == ':' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = path.find('/', start);
        const std::string_view part =
            path.substr(start, end == std::string_view::npos ? path.npos : end - start);
        if (part.empty() || part == "." || part == "..") return false;
        if (end == std::string_view::npos) return true;
        start = end + 1;
    }
}

namespace {

// How a card is named in problems: its id when it has a usable one, else its position.
std::string card_label(const Card& card, std::size_t index) {
    if (!card.id.empty() && card.id.size() <= 64) {
        std::string s = card.id;
        for (char& c : s)
            if (static_cast<unsigned char>(c) < 0x20 || c == ' ') c = '?';
        return s;
    }
    return "#" + std::to_string(index + 1);
}

//-----------------------------------------------------------------------------
// [SECTION] Problem collection
//-----------------------------------------------------------------------------

// Deck-level problems in order, then card problems sorted by card (stable), whatever phase
// (manifest, disk) found them.
struct Collector {
    std::vector<Problem> deck;
    std::vector<std::pair<std::size_t, Problem>> cards;

    void deck_problem(ProblemCode code, std::string message) {
        deck.push_back(Problem{code, true, {}, {}, std::move(message)});
    }
    void card_problem(Card& card, std::size_t index, ProblemCode code, std::string message) {
        if (!card.problem) {
            card.problem = code;
            card.problem_message = message;
        }
        cards.emplace_back(index,
                           Problem{code, false, card_label(card, index), card.file, std::move(message)});
    }
    std::vector<Problem> take() {
        std::stable_sort(cards.begin(), cards.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<Problem> all = std::move(deck);
        for (auto& p : cards)
            all.push_back(std::move(p.second));
        return all;
    }
};

ProblemCode problem_for(ImageError e) {
    switch (e) {
    case ImageError::Unreadable: return ProblemCode::FileUnreadable;
    case ImageError::Empty: return ProblemCode::FileEmpty;
    case ImageError::FileTooBig: return ProblemCode::FileTooBig;
    case ImageError::NotJpegOrPng: return ProblemCode::ImageNotJpegOrPng;
    case ImageError::HeaderUnreadable: return ProblemCode::ImageHeaderUnreadable;
    case ImageError::TooLarge: return ProblemCode::ImageTooLarge;
    case ImageError::Truncated: return ProblemCode::ImageTruncated;
    case ImageError::Corrupt:
    case ImageError::None: break;
    }
    return ProblemCode::ImageCorrupt;
}

//-----------------------------------------------------------------------------
// [SECTION] Manifest (deck.json)
//-----------------------------------------------------------------------------

using JsonValue = rapidjson::Value;

enum class Field { Absent, Ok, WrongType };

// A string member; null counts as absent.
Field read_string(const JsonValue& obj, const char* name, std::string* out) {
    const auto m = obj.FindMember(name);
    if (m == obj.MemberEnd() || m->value.IsNull()) return Field::Absent;
    if (!m->value.IsString()) return Field::WrongType;
    out->assign(m->value.GetString(), m->value.GetStringLength());
    return Field::Ok;
}

bool has_visible_text(const std::string& s) {
    return std::any_of(s.begin(), s.end(),
                       [](char c) { return c != ' ' && c != '\t' && c != '\n' && c != '\r'; });
}

// "line 3, column 12" of a byte offset (columns in bytes, 1-based).
std::string position_text(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1, line_start = 0;
    for (std::size_t i = 0; i < offset; ++i)
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1);
}

// Reads every field first, then reports, so that each problem line names the card's file.
void parse_card(const JsonValue& v, std::size_t index, Card* card, Collector* c) {
    if (!v.IsObject()) {
        c->card_problem(*card, index, ProblemCode::CardInvalid, "card entry is not an object { ... }");
        return;
    }
    const Field id = read_string(v, "id", &card->id);
    const Field file = read_string(v, "file", &card->file);
    const Field description = read_string(v, "description", &card->description);
    bool themes_ok = true;
    const auto themes = v.FindMember("themes");
    if (themes != v.MemberEnd() && !themes->value.IsNull()) {
        themes_ok = themes->value.IsArray();
        if (themes_ok)
            for (const auto& t : themes->value.GetArray()) {
                if (!t.IsString() || t.GetStringLength() == 0) {
                    themes_ok = false;
                    break;
                }
                card->themes.emplace_back(t.GetString(), t.GetStringLength());
            }
        if (!themes_ok) card->themes.clear();
    }
    const std::pair<const char*, std::string*> optional[] = {
        {"credit", &card->credit}, {"licence", &card->licence}, {"source", &card->source}};
    std::vector<const char*> wrong_optional;
    for (const auto& [name, out] : optional)
        if (read_string(v, name, out) == Field::WrongType) wrong_optional.push_back(name);

    switch (id) {
    case Field::Absent: c->card_problem(*card, index, ProblemCode::CardIdInvalid, "card has no id"); break;
    case Field::WrongType:
        c->card_problem(*card, index, ProblemCode::CardIdInvalid, "\"id\" must be text");
        break;
    case Field::Ok:
        if (!is_valid_id(card->id))
            c->card_problem(*card, index, ProblemCode::CardIdInvalid,
                            "id must be 1 to 64 characters among a-z, 0-9 and '-'");
        break;
    }
    if (file == Field::WrongType) {
        c->card_problem(*card, index, ProblemCode::CardInvalid, "\"file\" must be text");
    } else if (card->file.empty()) {
        c->card_problem(*card, index, ProblemCode::FileMissingInManifest, "card has no \"file\"");
    } else if (!is_safe_relative_path(card->file)) {
        const char f0 = card->file.front();
        const bool absolute = f0 == '/' || f0 == '\\' || card->file.find(':') != std::string::npos;
        const bool dotdot = ("/" + card->file + "/").find("/../") != std::string::npos;
        c->card_problem(*card, index, ProblemCode::PathUnsafe,
                        absolute ? "path refused: absolute paths are not allowed"
                        : dotdot ? "path refused: '..' would leave the deck folder"
                                 : "path refused: use '/' between plain folder and file names");
    }
    if (description == Field::WrongType)
        c->card_problem(*card, index, ProblemCode::CardInvalid, "\"description\" must be text");
    else if (!has_visible_text(card->description))
        c->card_problem(*card, index, ProblemCode::DescriptionMissing, "no French description");
    if (!themes_ok)
        c->card_problem(*card, index, ProblemCode::CardInvalid, "\"themes\" must be a list of words");
    for (const char* name : wrong_optional)
        c->card_problem(*card, index, ProblemCode::CardInvalid, std::string("\"") + name + "\" must be text");
}

void parse_into(std::string_view json, const LoadOptions& o, Deck* deck, Collector* c) {
    if (json.size() > o.max_manifest_bytes) {
        c->deck_problem(ProblemCode::ManifestTooLarge,
                        "deck.json is too big (" + std::to_string(json.size()) + " bytes; the limit is " +
                            std::to_string(o.max_manifest_bytes) + ")");
        return;
    }
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(json.data(),
                                                                                      json.size());
    if (doc.HasParseError()) {
        c->deck_problem(ProblemCode::ManifestMalformed,
                        "deck.json is not valid JSON (" + position_text(json, doc.GetErrorOffset()) + ": " +
                            rapidjson::GetParseError_En(doc.GetParseError()) + ")");
        return;
    }
    if (!doc.IsObject()) {
        c->deck_problem(ProblemCode::ManifestInvalid, "deck.json must hold one object { ... }");
        return;
    }
    // An unknown format may mean anything: read nothing more from it.
    const auto format = doc.FindMember("format");
    if (format == doc.MemberEnd()) {
        c->deck_problem(ProblemCode::FormatUnsupported,
                        "\"format\" is missing (this version reads format 1)");
        return;
    }
    if (!format->value.IsInt() || format->value.GetInt() != kFormatVersion) {
        c->deck_problem(ProblemCode::FormatUnsupported,
                        format->value.IsInt() ? "format " + std::to_string(format->value.GetInt()) +
                                                    " is not supported (this version reads format 1)"
                                              : std::string("\"format\" must be the number 1"));
        return;
    }
    deck->format = kFormatVersion;

    if (read_string(doc, "id", &deck->id) != Field::Ok || !is_valid_id(deck->id))
        c->deck_problem(ProblemCode::DeckIdInvalid,
                        "deck id missing or invalid (1 to 64 of a-z, 0-9 and '-')");
    if (read_string(doc, "title", &deck->title) != Field::Ok || !has_visible_text(deck->title))
        c->deck_problem(ProblemCode::TitleMissing, "deck title missing");
    if (read_string(doc, "version", &deck->version) == Field::WrongType)
        c->deck_problem(ProblemCode::ManifestInvalid, "\"version\" must be text");
    if (read_string(doc, "licence", &deck->licence) == Field::WrongType)
        c->deck_problem(ProblemCode::ManifestInvalid, "\"licence\" must be text");

    const auto cards = doc.FindMember("cards");
    if (cards == doc.MemberEnd() || !cards->value.IsArray()) {
        c->deck_problem(ProblemCode::ManifestInvalid, "\"cards\" must be a list");
        return;
    }
    const auto& list = cards->value;
    if (list.Empty()) {
        c->deck_problem(ProblemCode::NoCards, "the deck has no cards");
        return;
    }
    const std::size_t n = std::min<std::size_t>(list.Size(), o.max_cards);
    if (list.Size() > o.max_cards)
        c->deck_problem(ProblemCode::TooManyCards, "the deck has " + std::to_string(list.Size()) +
                                                       " cards; only the first " + std::to_string(n) +
                                                       " are read");
    deck->cards.resize(n);
    std::map<std::string, std::size_t> first_with_id;
    for (std::size_t i = 0; i < n; ++i) {
        Card& card = deck->cards[i];
        parse_card(list[static_cast<rapidjson::SizeType>(i)], i, &card, c);
        if (card.id.empty()) continue;
        const auto [it, inserted] = first_with_id.emplace(card.id, i);
        if (!inserted)
            c->card_problem(card, i, ProblemCode::CardIdDuplicate,
                            "id already used by card #" + std::to_string(it->second + 1) +
                                " (the first one is kept)");
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Files on disk
//-----------------------------------------------------------------------------

bool is_inside(const fs::path& root, const fs::path& p) {
    const auto [r, q] = std::mismatch(root.begin(), root.end(), p.begin(), p.end());
    return r == root.end() && q != p.end();
}

// root is the deck folder, canonical. The path's spelling was already checked (no "..", not
// absolute); here symbolic links are followed and must land inside the folder.
void check_file(const fs::path& root, std::size_t index, Card* card, const LoadOptions& o, Collector* c) {
    std::error_code ec;
    const fs::path spelled = root / fs::path(card->file);
    const fs::file_status st = fs::symlink_status(spelled, ec);
    if (ec || !fs::exists(st)) {
        c->card_problem(*card, index, ProblemCode::FileNotFound, "file not found");
        return;
    }
    const fs::path real = fs::canonical(spelled, ec);
    if (ec) {
        c->card_problem(*card, index, ProblemCode::FileNotFound, "file not found (broken symbolic link)");
        return;
    }
    if (!is_inside(root, real)) {
        c->card_problem(*card, index, ProblemCode::PathEscapes,
                        "path refused: a symbolic link leads outside the deck folder");
        return;
    }
    if (!fs::is_regular_file(real, ec)) {
        c->card_problem(*card, index, ProblemCode::FileNotRegular, "not a regular file");
        return;
    }
    card->path = real;
    std::vector<std::uint8_t> bytes;
    ImageError read_error = ImageError::None;
    std::string message;
    if (!read_file(real, o.limits.max_file_bytes, &bytes, &read_error, &message)) {
        c->card_problem(*card, index, problem_for(read_error), message);
        return;
    }
    ImageInfo info;
    bool ok = false;
    if (o.decode_images) {
        Image image;
        ok = decode_image(bytes.data(), bytes.size(), o.limits, &image, &info);
    } else {
        info = inspect_image(bytes.data(), bytes.size(), o.limits);
        ok = info.ok();
    }
    card->format = info.format;
    card->width = info.width;
    card->height = info.height;
    if (!ok) c->card_problem(*card, index, problem_for(info.error), info.message);
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] load_deck
//-----------------------------------------------------------------------------

LoadResult parse_manifest(std::string_view json, const LoadOptions& options) {
    LoadResult r;
    try {
        Collector c;
        parse_into(json, options, &r.deck, &c);
        r.problems = c.take();
    } catch (const std::exception& e) { // bad_alloc, or a RapidJSON assertion we did not foresee
        r = LoadResult{};
        r.problems.push_back(Problem{ProblemCode::ManifestInvalid,
                                     true,
                                     {},
                                     {},
                                     std::string("deck.json cannot be read (") + e.what() + ")"});
    }
    return r;
}

LoadResult load_deck(const fs::path& dir, const LoadOptions& options) {
    LoadResult r;
    r.deck.dir = dir;
    auto deck_problem = [&](ProblemCode code, std::string message) {
        r.problems.push_back(Problem{code, true, {}, {}, std::move(message)});
        return r;
    };
    try {
        std::error_code ec;
        if (!fs::is_directory(dir, ec))
            return deck_problem(ProblemCode::FolderNotFound, "deck folder not found");
        const fs::path root = fs::canonical(dir, ec);
        if (ec)
            return deck_problem(ProblemCode::FolderNotFound, "deck folder unreadable (" + ec.message() + ")");
        r.deck.dir = root;
        const fs::path manifest = root / kManifestName;
        if (!fs::exists(manifest, ec))
            return deck_problem(ProblemCode::ManifestMissing, "no deck.json in the folder");

        std::vector<std::uint8_t> bytes;
        ImageError read_error = ImageError::None;
        std::string message;
        if (!read_file(manifest, options.max_manifest_bytes, &bytes, &read_error, &message))
            return deck_problem(read_error == ImageError::FileTooBig ? ProblemCode::ManifestTooLarge
                                                                     : ProblemCode::ManifestUnreadable,
                                "deck.json: " + message);

        Collector c;
        parse_into(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), options,
                   &r.deck, &c);
        if (!fs::is_regular_file(root / kCreditsName, ec) || fs::file_size(root / kCreditsName, ec) == 0)
            c.deck_problem(ProblemCode::CreditsMissing, "no CREDITS.md (credits and licences of the images)");
        for (std::size_t i = 0; i < r.deck.cards.size(); ++i) {
            Card& card = r.deck.cards[i];
            if (is_safe_relative_path(card.file)) check_file(root, i, &card, options, &c);
        }
        r.problems = c.take();
    } catch (const std::exception& e) { // bad_alloc, filesystem_error: still no crash, one clear problem
        const fs::path dir_kept = r.deck.dir;
        r = LoadResult{};
        r.deck.dir = dir_kept;
        deck_problem(ProblemCode::ManifestUnreadable, std::string("deck cannot be read (") + e.what() + ")");
    }
    return r;
}

} // namespace amorce::deck
