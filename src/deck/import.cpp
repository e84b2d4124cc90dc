// Deck import: validate, copy into a temporary folder, validate the copy, rename (see import.hpp).
//
// [SECTION] Helpers
// [SECTION] Listing
// [SECTION] Which files an import copies
// [SECTION] Durable copy (POSIX)
// [SECTION] check_import
// [SECTION] import_deck and removal
#include "deck/import.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <exception>
#include <random>
#include <set>
#include <system_error>

namespace amorce::deck {

namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

const char* import_error_key(ImportError error) {
    switch (error) {
    case ImportError::None: return "none";
    case ImportError::Problems: return "problems";
    case ImportError::AlreadyInstalled: return "already_installed";
    case ImportError::SourceInLibrary: return "source_in_library";
    case ImportError::TooLarge: return "too_large";
    case ImportError::TooManyFiles: return "too_many_files";
    case ImportError::LinkRefused: return "link_refused";
    case ImportError::NotEnoughSpace: return "not_enough_space";
    case ImportError::LibraryUnwritable: return "library_unwritable";
    case ImportError::CopyFailed: return "copy_failed";
    case ImportError::CopyDiffers: return "copy_differs";
    case ImportError::RenameFailed: return "rename_failed";
    }
    return "unknown";
}

namespace {

bool is_hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return name.empty() || name[0] == '.';
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// True when inner is outer itself or lies inside it (both absolute and normalized).
bool same_or_inside(const fs::path& outer, const fs::path& inner) {
    auto o = outer.begin(), i = inner.begin();
    for (; o != outer.end(); ++o, ++i) {
        if (o->empty()) continue; // trailing separator
        if (i == inner.end() || *o != *i) return false;
    }
    return true;
}

// The real location of p when it exists, else its absolute, normalized spelling.
fs::path real_path(const fs::path& p) {
    std::error_code ec;
    fs::path r = fs::weakly_canonical(p, ec);
    if (ec) r = fs::absolute(p, ec).lexically_normal();
    return r;
}

std::string random_suffix() {
    static const char* hex = "0123456789abcdef";
    std::random_device rd;
    std::string s;
    for (int i = 0; i < 3; ++i) {
        std::uint32_t v = rd();
        for (int k = 0; k < 8; ++k, v >>= 4) s += hex[v & 15];
    }
    return s;
}

ImportResult refuse(ImportResult r, ImportError error, std::string message, std::string file = {}) {
    r.ok = false;
    r.error = error;
    r.message = std::move(message);
    r.file = std::move(file);
    return r;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Listing
//-----------------------------------------------------------------------------

std::vector<fs::path> deck_folders(const fs::path& root) {
    std::vector<fs::path> out;
    std::error_code ec;
    fs::directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) return out;
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
        if (ec) break;
        const fs::path& p = it->path();
        if (is_hidden(p)) continue;
        std::error_code e2;
        if (fs::is_directory(p, e2) && fs::is_regular_file(p / kManifestName, e2)) out.push_back(p);
    }
    std::sort(out.begin(), out.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
    return out;
}

std::vector<Deck> load_decks(const std::vector<fs::path>& roots) {
    std::vector<Deck> decks;
    for (const fs::path& root : roots)
        for (const fs::path& dir : deck_folders(root)) {
            LoadResult r = load_deck(dir);
            if (r.deck.id.empty() || r.deck.cards.empty()) continue;
            const bool dup = std::any_of(decks.begin(), decks.end(), [&](const Deck& d) { return d.id == r.deck.id; });
            if (!dup) decks.push_back(std::move(r.deck));
        }
    return decks;
}

std::string read_deck_id(const fs::path& folder) {
    std::vector<std::uint8_t> bytes;
    ImageError error = ImageError::None;
    std::string message;
    if (!read_file(folder / kManifestName, LoadOptions{}.max_manifest_bytes, &bytes, &error, &message))
        return {};
    const LoadResult r =
        parse_manifest(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    return is_valid_id(r.deck.id) ? r.deck.id : std::string();
}

//-----------------------------------------------------------------------------
// [SECTION] Which files an import copies
//-----------------------------------------------------------------------------
// The deck's own files only: a USB stick may hold anything else next to them. deck.json,
// CREDITS.md and the card images are required; licence and text files are taken from the top
// of the folder (*.md, *.txt, LICENSE*, COPYING*...) and from a licences/ folder. Symbolic links
// are never followed: a required file reached through one refuses the import, an optional one
// is left out.

namespace {

struct CopyItem {
    std::string rel; // relative to the deck folder, '/'-separated
    std::uint64_t size = 0;
};

struct CopyList {
    std::vector<CopyItem> items;
    std::uint64_t bytes = 0;
    std::string link; // the first required file reached through a symbolic link
};

bool is_licence_folder(const std::string& name) {
    const std::string n = lower(name);
    return n == "licences" || n == "licenses" || n == "licence" || n == "license";
}

bool is_text_file_name(const std::string& name, bool in_licence_folder) {
    const std::string n = lower(name);
    const std::string ext = lower(fs::path(name).extension().string());
    if (ext == ".md" || ext == ".txt") return true;
    if (in_licence_folder) return ext.empty() || ext == ".copyright" || ext == ".html" || ext == ".htm";
    for (const char* stem : {"license", "licence", "copying", "copyright", "notice", "authors", "readme"})
        if (n.rfind(stem, 0) == 0) return ext.empty() || n.find('.') == std::string(stem).size();
    return false;
}

// True when a component of root/rel (below root) is a symbolic link.
bool through_link(const fs::path& root, const std::string& rel) {
    fs::path p = root;
    for (const auto& part : fs::path(rel)) {
        p /= part;
        std::error_code ec;
        if (fs::is_symlink(fs::symlink_status(p, ec))) return true;
    }
    return false;
}

void add_item(const fs::path& root, const std::string& rel, bool required, std::set<std::string>* seen,
              CopyList* list) {
    if (!seen->insert(rel).second) return;
    if (through_link(root, rel)) {
        if (required && list->link.empty()) list->link = rel;
        return;
    }
    std::error_code ec;
    const fs::path p = root / rel;
    if (!fs::is_regular_file(fs::symlink_status(p, ec))) return; // missing: load_deck reports it
    const std::uint64_t size = fs::file_size(p, ec);
    if (ec) return;
    list->items.push_back(CopyItem{rel, size});
    list->bytes += size;
}

// root: the deck folder (real path). cards: the card files as written in deck.json.
CopyList files_to_copy(const fs::path& root, const std::vector<Card>& cards) {
    CopyList list;
    std::set<std::string> seen;
    add_item(root, kManifestName, true, &seen, &list);
    add_item(root, kCreditsName, true, &seen, &list);
    for (const Card& c : cards)
        if (is_safe_relative_path(c.file)) add_item(root, c.file, true, &seen, &list);

    constexpr int kMaxEntries = 5000; // a folder with more is not a deck; stop listing
    int entries = 0;
    std::error_code ec;
    fs::directory_iterator it(root, ec);
    for (const fs::directory_iterator end; !ec && it != end && entries < kMaxEntries;
         it.increment(ec), ++entries) {
        const fs::path& p = it->path();
        const std::string name = p.filename().string();
        if (is_hidden(p)) continue;
        std::error_code e2;
        const fs::file_status st = fs::symlink_status(p, e2);
        if (fs::is_regular_file(st) && is_text_file_name(name, false)) {
            add_item(root, name, false, &seen, &list);
        } else if (fs::is_directory(st) && is_licence_folder(name)) {
            // recursive_directory_iterator does not follow directory symlinks unless asked to.
            fs::recursive_directory_iterator rit(p, e2);
            for (const fs::recursive_directory_iterator rend; !e2 && rit != rend && entries < kMaxEntries;
                 rit.increment(e2), ++entries) {
                if (is_hidden(rit->path())) {
                    if (rit->is_directory(e2)) rit.disable_recursion_pending();
                    continue;
                }
                if (rit.depth() > 3) {
                    rit.disable_recursion_pending();
                    continue;
                }
                const fs::file_status rst = fs::symlink_status(rit->path(), e2);
                if (fs::is_regular_file(rst) && is_text_file_name(rit->path().filename().string(), true))
                    add_item(root, rit->path().lexically_relative(root).generic_string(), false, &seen, &list);
            }
        }
    }
    return list;
}

//-----------------------------------------------------------------------------
// [SECTION] Durable copy (POSIX)
//-----------------------------------------------------------------------------

enum class CopyStatus { Ok, Failed, Differs };

struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int release() {
        const int f = fd;
        fd = -1;
        return f;
    }
};

std::string errno_text(int e) { return std::strerror(e); }

// Copies one regular file (the last component is not followed if it is a link), checks that it
// still has the size measured during the check, and flushes it to the disk.
CopyStatus copy_file_durable(const fs::path& from, const fs::path& to, std::uint64_t expected,
                             std::string* why) {
    Fd in(::open(from.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (in.fd < 0) {
        const int e = errno; // ELOOP: the file became a symbolic link since the check
        *why = "cannot read (" + errno_text(e) + ")";
        return e == ELOOP ? CopyStatus::Differs : CopyStatus::Failed;
    }
    struct stat st {};
    if (::fstat(in.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *why = "not a regular file any more";
        return CopyStatus::Differs;
    }
    Fd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (out.fd < 0) {
        *why = "cannot write (" + errno_text(errno) + ")";
        return CopyStatus::Failed;
    }
    std::vector<char> buffer(1 << 16);
    std::uint64_t total = 0;
    for (;;) {
        const ssize_t n = ::read(in.fd, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            *why = "cannot read (" + errno_text(errno) + ")";
            return CopyStatus::Failed;
        }
        if (n == 0) break;
        total += static_cast<std::uint64_t>(n);
        if (total > expected) {
            *why = "the file grew during the copy";
            return CopyStatus::Differs;
        }
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = ::write(out.fd, buffer.data() + done, static_cast<size_t>(n - done));
            if (w < 0) {
                if (errno == EINTR) continue;
                *why = "cannot write (" + errno_text(errno) + ")";
                return CopyStatus::Failed;
            }
            done += w;
        }
    }
    if (total != expected) {
        *why = "the file shrank during the copy";
        return CopyStatus::Differs;
    }
    if (::fsync(out.fd) != 0 || ::close(out.release()) != 0) {
        *why = "cannot write (" + errno_text(errno) + ")";
        return CopyStatus::Failed;
    }
    return CopyStatus::Ok;
}

// Flushes a folder's entries (new files, a rename) to the disk. Best effort on file systems
// that refuse to fsync a directory.
bool sync_dir(const fs::path& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.fd < 0) return false;
    return ::fsync(fd.fd) == 0 || errno == EINVAL;
}

// A temporary folder removed on scope exit unless kept.
struct TempFolder {
    fs::path path;
    bool keep = false;
    ~TempFolder() {
        if (path.empty() || keep) return;
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

//-----------------------------------------------------------------------------
// [SECTION] check_import
//-----------------------------------------------------------------------------

ImportResult check_impl(const fs::path& source, const fs::path& imported_root,
                        const std::vector<std::string>& existing_ids, const ImportOptions& options,
                        CopyList* list_out) {
    ImportResult r;
    std::error_code ec;
    const bool source_exists = fs::is_directory(source, ec);
    const fs::path src = source_exists ? real_path(source) : source;
    const fs::path lib = real_path(imported_root);
    if (source_exists && (same_or_inside(lib, src) || same_or_inside(src, lib)))
        return refuse(r, ImportError::SourceInLibrary,
                      "the folder is the imported decks folder or overlaps it: " + src.string());

    // Limits first, from deck.json alone: a huge deck is refused before any image is decoded.
    CopyList list;
    if (source_exists) {
        std::vector<std::uint8_t> bytes;
        ImageError read_error = ImageError::None;
        std::string message;
        if (read_file(src / kManifestName, options.load.max_manifest_bytes, &bytes, &read_error, &message)) {
            const LoadResult manifest = parse_manifest(
                std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), options.load);
            r.deck_id = manifest.deck.id;
            r.title = manifest.deck.title;
            r.cards = manifest.deck.cards.size();
            list = files_to_copy(src, manifest.deck.cards);
            r.files = list.items.size();
            r.bytes = list.bytes;
            if (list.items.size() > options.limits.max_files)
                return refuse(r, ImportError::TooManyFiles,
                              "too many files (" + std::to_string(list.items.size()) + ", at most " +
                                  std::to_string(options.limits.max_files) + ")");
            if (list.bytes > options.limits.max_total_bytes)
                return refuse(r, ImportError::TooLarge,
                              "the deck is too large (" + std::to_string(list.bytes >> 20) + " MB, at most " +
                                  std::to_string(options.limits.max_total_bytes >> 20) + " MB)");
        }
    }

    // The same validation as deck-check, every image decoded.
    LoadOptions load = options.load;
    load.decode_images = true;
    LoadResult loaded = load_deck(source, load);
    r.deck_id = loaded.deck.id;
    r.title = loaded.deck.title;
    r.cards = loaded.deck.cards.size();
    if (!loaded.problems.empty()) {
        r.problems = std::move(loaded.problems);
        const std::size_t n = r.problems.size();
        return refuse(r, ImportError::Problems,
                      std::to_string(n) + (n == 1 ? " problem" : " problems") + " in the deck");
    }

    const fs::path target = imported_root / r.deck_id;
    if (std::find(existing_ids.begin(), existing_ids.end(), r.deck_id) != existing_ids.end() ||
        fs::exists(fs::symlink_status(target, ec)))
        return refuse(r, ImportError::AlreadyInstalled,
                      "a deck with the id \"" + r.deck_id + "\" is already installed");

    if (!list.link.empty())
        return refuse(r, ImportError::LinkRefused, list.link + " is reached through a symbolic link",
                      list.link);

    // Free space where the copy goes (the nearest existing folder: imported_root may not exist yet).
    fs::path probe = lib;
    while (!probe.empty() && !fs::exists(probe, ec) && probe != probe.parent_path())
        probe = probe.parent_path();
    const fs::space_info space = fs::space(probe, ec);
    if (!ec && space.available < list.bytes + options.limits.free_space_margin)
        return refuse(r, ImportError::NotEnoughSpace,
                      "not enough free space (" + std::to_string(space.available >> 20) + " MB free, " +
                          std::to_string((list.bytes + options.limits.free_space_margin) >> 20) +
                          " MB needed)");

    r.ok = true;
    if (list_out) *list_out = std::move(list);
    return r;
}

} // namespace

ImportResult check_import(const fs::path& source, const fs::path& imported_root,
                          const std::vector<std::string>& existing_ids, const ImportOptions& options) {
    try {
        return check_impl(source, imported_root, existing_ids, options, nullptr);
    } catch (const std::exception& e) { // bad_alloc, filesystem_error: a refusal, never a crash
        return refuse(ImportResult{}, ImportError::CopyFailed,
                      std::string("the check failed (") + e.what() + ")");
    }
}

//-----------------------------------------------------------------------------
// [SECTION] import_deck and removal
//-----------------------------------------------------------------------------

std::size_t remove_import_leftovers(const fs::path& imported_root) {
    std::vector<fs::path> leftovers;
    std::error_code ec;
    fs::directory_iterator it(imported_root, ec);
    for (const fs::directory_iterator end; !ec && it != end; it.increment(ec))
        if (it->path().filename().string().rfind(kImportTempPrefix, 0) == 0) leftovers.push_back(it->path());
    std::size_t removed = 0;
    for (const auto& p : leftovers) {
        std::error_code e2;
        fs::remove_all(p, e2);
        if (!e2) ++removed;
    }
    return removed;
}

namespace {

ImportResult import_impl(const fs::path& source, const fs::path& imported_root,
                         const std::vector<std::string>& existing_ids, const ImportOptions& options) {
    CopyList list;
    ImportResult r = check_impl(source, imported_root, existing_ids, options, &list);
    if (!r.ok) return r;
    r.ok = false;
    const fs::path src = real_path(source);

    std::error_code ec;
    fs::create_directories(imported_root, ec);
    if (ec || !fs::is_directory(imported_root))
        return refuse(r, ImportError::LibraryUnwritable,
                      "cannot create " + imported_root.string() + " (" + ec.message() + ")");
    remove_import_leftovers(imported_root);

    TempFolder temp;
    for (int attempt = 0; attempt < 8 && temp.path.empty(); ++attempt) {
        const fs::path candidate = imported_root / (kImportTempPrefix + random_suffix());
        if (fs::create_directory(candidate, ec)) temp.path = candidate;
        else if (ec) break;
    }
    if (temp.path.empty())
        return refuse(r, ImportError::LibraryUnwritable,
                      "cannot create a folder in " + imported_root.string() + " (" + ec.message() + ")");

    std::set<fs::path> folders{temp.path};
    int copied = 0;
    for (const CopyItem& item : list.items) {
        const fs::path to = temp.path / item.rel;
        if (to.parent_path() != temp.path && folders.insert(to.parent_path()).second) {
            fs::create_directories(to.parent_path(), ec);
            if (ec)
                return refuse(r, ImportError::CopyFailed,
                              "cannot write " + item.rel + " (" + ec.message() + ")", item.rel);
            for (fs::path p = to.parent_path(); p != temp.path && !p.empty(); p = p.parent_path())
                folders.insert(p);
        }
        if (options.fail_after_files >= 0 && copied >= options.fail_after_files)
            return refuse(r, ImportError::CopyFailed,
                          "cannot write " + item.rel + " (" + errno_text(ENOSPC) + ", simulated)", item.rel);
        std::string why;
        switch (copy_file_durable(src / item.rel, to, item.size, &why)) {
        case CopyStatus::Ok: break;
        case CopyStatus::Failed: return refuse(r, ImportError::CopyFailed, item.rel + ": " + why, item.rel);
        case CopyStatus::Differs: return refuse(r, ImportError::CopyDiffers, item.rel + ": " + why, item.rel);
        }
        ++copied;
    }
    for (const auto& f : folders)
        if (!sync_dir(f))
            return refuse(r, ImportError::CopyFailed, "cannot flush " + f.string() + " to the disk");

    // The copy must be exactly as good as the source was.
    LoadOptions load = options.load;
    load.decode_images = true;
    const LoadResult copy = load_deck(temp.path, load);
    if (!copy.problems.empty() || copy.deck.id != r.deck_id || copy.deck.cards.size() != r.cards)
        return refuse(r, ImportError::CopyDiffers,
                      "the copy does not validate" +
                          (copy.problems.empty() ? std::string() : ": " + copy.problems.front().line()));

    const fs::path target = imported_root / r.deck_id;
    if (fs::exists(fs::symlink_status(target, ec)))
        return refuse(r, ImportError::AlreadyInstalled,
                      "a deck with the id \"" + r.deck_id + "\" is already installed");
    fs::rename(temp.path, target, ec);
    if (ec)
        return refuse(r, ImportError::RenameFailed,
                      "cannot rename the copy to " + target.string() + " (" + ec.message() + ")");
    temp.keep = true;
    sync_dir(imported_root); // the rename itself; the files are already on the disk
    r.ok = true;
    r.error = ImportError::None;
    r.folder = target;
    r.message = "imported " + std::to_string(r.cards) + " cards into " + target.string();
    return r;
}

} // namespace

ImportResult import_deck(const fs::path& source, const fs::path& imported_root,
                         const std::vector<std::string>& existing_ids, const ImportOptions& options) {
    try {
        return import_impl(source, imported_root, existing_ids, options);
    } catch (const std::exception& e) { // the temporary folder was removed by its guard
        return refuse(ImportResult{}, ImportError::CopyFailed,
                      std::string("the import failed (") + e.what() + ")");
    }
}

bool remove_imported_deck(const fs::path& imported_root, const std::string& id, std::string* error) {
    auto fail = [&](std::string m) {
        if (error) *error = std::move(m);
        return false;
    };
    if (!is_valid_id(id)) return fail("not a deck id: " + id);
    try {
        std::error_code ec;
        const fs::path folder = imported_root / id;
        const fs::file_status st = fs::symlink_status(folder, ec);
        if (!fs::is_directory(st)) return fail("no imported deck " + id);
        // Out of the list in one step; the files go afterwards (a crash leaves a leftover).
        const fs::path trash = imported_root / (std::string(kImportTempPrefix) + "removed-" + random_suffix());
        fs::rename(folder, trash, ec);
        if (ec) return fail("cannot remove " + folder.string() + " (" + ec.message() + ")");
        sync_dir(imported_root);
        fs::remove_all(trash, ec);
        return true;
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}

} // namespace amorce::deck
