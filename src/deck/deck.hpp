// Photolangage decks: the deck.json manifest, its validation, and the cards the UI shows.
//
// A deck is a folder:
//   deck.json    { "format": 1, "id": "regards", "title": "Regards", "version": "1.0",
//                  "licence": "summary", "cards": [ { "id": "pont", "file": "01-pont.jpg",
//                  "description": "French sentence", "themes": ["voyage"], "credit": "...",
//                  "licence": "CC-BY-SA-4.0", "source": "..." } ] }
//   the images   JPEG or PNG, paths relative to the folder (sub-folders allowed, nothing outside)
//   CREDITS.md   and the licence texts
//
// load_deck() never fails as a whole: it returns the deck with every card it could read plus a
// list of problems. A card with a problem stays in the deck, marked unavailable with the reason
// (the UI shows it greyed with the reason; the other cards work). A deck.json that cannot be read
// gives an empty deck and one deck-level problem.
#pragma once

#include "deck/images.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace amorce::deck {

constexpr int kFormatVersion = 1; // the deck.json "format" this code reads
constexpr const char* kManifestName = "deck.json";
constexpr const char* kCreditsName = "CREDITS.md";

// Why a deck or a card cannot be used. Stable: the UI shows problem_key() through the translation
// catalog (French); the command line prints the English message.
enum class ProblemCode {
    // deck level
    FolderNotFound,  // the deck folder does not exist
    ManifestMissing, // no deck.json
    ManifestUnreadable,
    ManifestTooLarge,
    ManifestMalformed, // not valid JSON (line and column in the message)
    ManifestInvalid,   // valid JSON with the wrong shape (root not an object, cards not a list...)
    FormatUnsupported, // "format" missing or not one this code reads
    DeckIdInvalid,
    TitleMissing,
    NoCards,
    TooManyCards,
    CreditsMissing,
    // card level: the manifest entry
    CardInvalid, // entry not an object, or a field of the wrong type
    CardIdInvalid,
    CardIdDuplicate,
    FileMissingInManifest, // no "file"
    PathUnsafe,            // absolute, "..", backslash...: refused before touching the disk
    DescriptionMissing,
    // card level: the image file
    FileNotFound,
    PathEscapes, // resolves outside the deck folder through a symbolic link
    FileNotRegular,
    FileUnreadable,
    FileEmpty,
    FileTooBig,
    ImageNotJpegOrPng,
    ImageHeaderUnreadable,
    ImageTooLarge,
    ImageTruncated,
    ImageCorrupt,
};

// "file_not_found", "image_truncated"...: the suffix of the UI's translation key "deck.problem.*".
const char* problem_key(ProblemCode code);

struct Problem {
    ProblemCode code = ProblemCode::ManifestInvalid;
    bool deck_level = true;
    std::string card;    // the card's label (its id, or "#N" when it has none); empty at deck level
    std::string file;    // the card's file as written in deck.json (may be empty)
    std::string message; // English, complete: "file is truncated (ends inside the image data)"

    // One line for the command line: "pont 01-pont.jpg: file not found" or "deck: no cards".
    std::string line() const;
};

struct Card {
    std::string id;
    std::string file;        // relative to the deck folder, as written in deck.json
    std::string description; // French, for accessibility and the synthesis PDF
    std::vector<std::string> themes;
    std::string credit;
    std::string licence;
    std::string source;

    std::filesystem::path path; // absolute, resolved; empty when the path was refused
    ImageFormat format = ImageFormat::Unknown;
    int width = 0;
    int height = 0;

    std::optional<ProblemCode> problem; // set: the card is shown as unavailable
    std::string problem_message;        // English reason (first problem of the card)

    bool available() const { return !problem.has_value(); }
};

struct Deck {
    std::filesystem::path dir;
    int format = 0;
    std::string id;
    std::string title;
    std::string version;
    std::string licence; // summary
    std::vector<Card> cards;

    std::size_t available_count() const;
    const Card* find(std::string_view card_id) const;
};

struct LoadOptions {
    ImageLimits limits;
    std::size_t max_cards = 1000;
    std::size_t max_manifest_bytes = 1u << 20;
    // Also decode every image fully (deck-check, import): catches damage inside the pixel data
    // that the header and structure checks cannot see. Off at start-up: thumbnails come from cache.
    bool decode_images = false;
};

struct LoadResult {
    Deck deck;
    std::vector<Problem> problems; // deck-level first, then per card in deck.json order
};

// Reads and validates a deck folder (see the top of this file). Never throws.
LoadResult load_deck(const std::filesystem::path& dir, const LoadOptions& options = {});

// The manifest alone, from memory: JSON, fields, ids, descriptions. No file is touched and
// Card::path stays empty. Used by load_deck, the tests and the fuzz target. Never throws.
LoadResult parse_manifest(std::string_view json, const LoadOptions& options = {});

// The themes the shipped decks use (French words, as written in deck.json). Imported decks may
// use others; the UI shows those as they are.
const std::vector<std::string>& known_themes();

// True for "pont", "coucher-soleil", "a1": 1 to 64 of [a-z0-9-].
bool is_valid_id(std::string_view id);

// True for a relative path that stays inside the folder by its spelling alone: no leading '/',
// no '\\', no ':', no empty, "." or ".." component, no control character. (Symbolic links are
// checked on disk by load_deck.)
bool is_safe_relative_path(std::string_view path);

} // namespace amorce::deck
