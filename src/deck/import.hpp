// Importing a photolangage deck from a folder (a USB stick) into the app's data folder.
//
// The rule is "validated first, nothing half-imported":
//   1. check_import() validates the source like `amorce deck-check` (every image fully decoded)
//      and refuses a deck with any problem, a deck whose id is already installed, a source
//      inside the imported-decks folder, a deck above the size limits or one that needs a
//      symbolic link to be followed. Nothing is written.
//   2. import_deck() runs the same check, then copies the deck's own files (deck.json,
//      CREDITS.md, every card image, licence and text files; regular files only) into a
//      temporary folder `<imported_root>/.import-<random>`, flushes them to disk, validates the
//      copy again, and renames the folder to `<imported_root>/<id>` (one atomic step). Any
//      failure removes the temporary folder. A crash leaves at most a `.import-*` folder, which
//      deck_folders() ignores and the next import removes.
//
// Nothing here touches the shipped decks: they are only read (for their ids) by the caller.
// Files are copied with POSIX calls (O_NOFOLLOW, fsync): Linux and Android.
#pragma once

#include "deck/deck.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace amorce::deck {

constexpr const char* kImportTempPrefix = ".import-"; // temporary and leftover folders

// Sub-folders of root that hold a deck.json, sorted by name. Hidden folders (".import-*"
// leftovers included) are skipped. A missing or unreadable root gives an empty list.
std::vector<std::filesystem::path> deck_folders(const std::filesystem::path& root);

// The decks under these roots, in root order then folder name order: unreadable ones (no id or
// no card; deck-check says why) are left out, and an id already seen keeps its first deck (a
// shipped deck wins over an import with its id).
std::vector<Deck> load_decks(const std::vector<std::filesystem::path>& roots);

// The "id" of the deck.json in folder (the manifest alone; images are not read). Empty when the
// manifest cannot be read or has no valid id.
std::string read_deck_id(const std::filesystem::path& folder);

// Why an import is refused. Stable: the UI shows import_error_key() through the translation
// catalog ("deck.import.<key>"); the command line prints ImportResult::message.
enum class ImportError {
    None,
    Problems,          // the deck has problems (ImportResult::problems lists them)
    AlreadyInstalled,  // a deck with the same id is installed (shipped or imported)
    SourceInLibrary,   // the source is the imported-decks folder, inside it, or contains it
    TooLarge,          // more bytes than ImportLimits::max_total_bytes
    TooManyFiles,      // more files than ImportLimits::max_files
    LinkRefused,       // a file or folder of the deck is a symbolic link (ImportResult::file)
    NotEnoughSpace,    // the data folder's disk has less free space than the deck needs
    LibraryUnwritable, // the imported-decks folder or the temporary folder cannot be created
    CopyFailed,        // reading the source or writing the copy failed (unplugged stick, disk full)
    CopyDiffers,       // the copy does not validate like the source (the source changed meanwhile)
    RenameFailed,      // the final rename failed
};
const char* import_error_key(ImportError error); // "already_installed", "copy_failed"...

struct ImportLimits {
    std::uint64_t max_total_bytes = 512ull << 20; // all copied files together
    std::size_t max_files = 2000;                 // images + manifest + credits + licence texts
    std::uint64_t free_space_margin = 64ull << 20; // left free on the data disk after the copy
};

struct ImportOptions {
    LoadOptions load;    // decode_images is forced on
    ImportLimits limits;
    // Tests only: make the copy fail like a full disk once this many files are written (-1: never).
    int fail_after_files = -1;
};

struct ImportResult {
    bool ok = false;
    ImportError error = ImportError::None;
    std::string message;           // English, complete ("cannot write CREDITS.md: No space left...")
    std::string file;              // the file concerned, relative to the deck (may be empty)
    std::vector<Problem> problems; // when error == Problems, as load_deck returns them

    // What the source deck is (filled whenever its deck.json could be read).
    std::string deck_id;
    std::string title;
    std::size_t cards = 0;
    std::size_t files = 0;       // files an import copies
    std::uint64_t bytes = 0;     // their total size
    std::filesystem::path folder; // import_deck: the installed folder (ok only)
};

// Validates source for an import into imported_root without writing anything. existing_ids: the
// ids of every installed deck (shipped and imported). ok == true: import_deck should succeed.
ImportResult check_import(const std::filesystem::path& source, const std::filesystem::path& imported_root,
                          const std::vector<std::string>& existing_ids, const ImportOptions& options = {});

// check_import(), then the copy described at the top of this file. Creates imported_root if
// needed. Never throws; on failure nothing new is left in imported_root.
ImportResult import_deck(const std::filesystem::path& source, const std::filesystem::path& imported_root,
                         const std::vector<std::string>& existing_ids, const ImportOptions& options = {});

// Removes the `.import-*` folders an interrupted import left behind. Returns how many.
std::size_t remove_import_leftovers(const std::filesystem::path& imported_root);

// Removes the imported deck <imported_root>/<id> (renamed to a `.import-*` folder first, so a
// crash midway leaves only a leftover). Refuses invalid ids and symbolic links. Never throws.
bool remove_imported_deck(const std::filesystem::path& imported_root, const std::string& id,
                          std::string* error = nullptr);

} // namespace amorce::deck
