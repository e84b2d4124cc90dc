// Export bundles for the central system (issue 8, DESIGN §7): one sealed file per batch.
//
// [SECTION] Central keys      keygen, key files, the public key kept in the store's meta
// [SECTION] Interrupted exports  the intent written before the rename, settled at the next run
// [SECTION] Planning          what an export will take (the export screen shows it first)
// [SECTION] Running           writing one bundle, atomically, then marking the sessions exported
// [SECTION] Verifying         what the central system (or `amorce verify`) does with a bundle
//
// The file. A tar (pax) of
//   sessions/<id>.json   the session document (export/session_json.hpp)
//   syntheses/<id>.pdf   the synthesis PDF (report::write_synthesis_pdf's document)
//   audit.jsonl          the audit-log entries whose target is one of the sessions, oldest first
//   manifest.json        written last: format, bundle id, app version, establishment, creation
//                        time, the sessions, the SHA-256 and size of every other file, the audit head
// is encrypted as it is written, and only the central system can open it:
//   "AMORCEBX" | version (1 byte) | key fingerprint (8) | crypto_box_seal(stream key) (80)
//   | secretstream header (24) | chunks
// Each chunk is crypto_secretstream_xchacha20poly1305 over kChunkBytes of tar (the last one
// shorter, tagged FINAL), with the 9 header bytes (magic + version) as associated data. The
// stream key is random per bundle and sealed to the central public key, so the tablet, which
// holds only that public key, cannot read its own bundles back. A cut file lacks the FINAL tag,
// a changed byte fails a chunk's MAC: both are refused before the tar is even read.
//
// Atomic and idempotent. run_export() writes OUT/.<name>.tmp, fsyncs it, renames it to
// OUT/amorce-<establishment>-<UTC time>-<short id>.amorce and fsyncs the folder; only then does it
// call Store::mark_exported(). Any failure before (a session not finalized, no synthesis, a
// missing key, a PDF error, a full disk, a read-only folder) removes the temporary file and marks
// nothing. By default only Finalized sessions go (never Exported ones); re-exporting needs their
// ids in ExportOptions::again, and mark_exported audits it ("export", detail "again").
//
// The crash gap. Between the rename and mark_exported() the bundle exists but its sessions still
// look unexported: a crash (or a flat battery) there would send them again in the next bundle.
// So, just before the rename, run_export() records its intent in the store's meta
// (kPendingExportMeta: the bundle's path, id, time, size, a hash of its clear header, the session
// ids) and clears it once the sessions are marked. Whoever finds an intent left over settles it
// first (resolve_pending_export: plan_export, run_export, and the app at each unlock): the bundle
// is there and is that very file -> its sessions are marked exported at the bundle's time; it is
// not -> the intent is dropped (nothing was delivered, nothing is marked).
#pragma once

#include "core/session.hpp"
#include "core/synthesis.hpp"
#include "deck/deck.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace amorce::store {
class Store;
}

namespace amorce::exporting {

inline constexpr const char* kBundleFormat = "amorce.bundle/1";
inline constexpr int kBundleVersion = 1;
inline constexpr const char* kBundleExtension = ".amorce";
inline constexpr const char* kCentralKeyMeta = "export.central_public_key"; // base64 in the store's meta
inline constexpr std::size_t kChunkBytes = 64 * 1024;

// [SECTION] Central keys ------------------------------------------------------------------------
// Keys are 32 raw bytes (X25519). Files hold one base64 line after a title line:
//   central.pub  "AMORCE CENTRAL PUBLIC KEY 1\n<base64>\n"
//   central.key  "AMORCE CENTRAL SECRET KEY 1\n<base64>\n"   (mode 0600)
struct CentralKeys {
    std::string public_key;
    std::string secret_key;
};
CentralKeys generate_central_keys();
// Writes DIR/central.key and DIR/central.pub (creates DIR). Refuses to overwrite either file.
bool write_central_keys(const std::string& dir, const CentralKeys& keys, std::string* error);
// Reads a public key: a central.pub file, or a bare base64 key (as kept in the meta).
std::optional<std::string> read_public_key(const std::string& path, std::string* error);
std::optional<std::string> public_key_from_text(const std::string& text, std::string* error);
// Reads a central.key file (a public key file given instead is named as such).
std::optional<std::string> read_secret_key(const std::string& path, std::string* error);
std::string key_to_base64(const std::string& raw);
// Hex of the first 8 bytes of SHA-256(public key): names a key in messages.
std::string key_fingerprint(const std::string& public_key);

// The demo: DATA/demo-central/central.{key,pub} (made once) and the public key in the meta, so
// that `--demo` exports and verifies at once. Never used outside demo data.
bool ensure_demo_central_key(store::Store& store, const std::string& data_dir, std::string* error);

// [SECTION] Interrupted exports -------------------------------------------------------------------
inline constexpr const char* kPendingExportMeta = "export.pending"; // "" or absent: nothing pending

// What resolve_pending_export() found and did (the app says it in French; English details).
struct PendingExportReport {
    enum class Outcome {
        None,      // no export was interrupted
        Marked,    // the bundle is there: its sessions are now marked exported
        Discarded, // no such bundle (or not that file): the intent is dropped, nothing marked
        Failed,    // the store refused (locked, a write failed): the intent stays for next time
    };
    Outcome outcome = Outcome::None;
    std::string bundle_path;
    std::string bundle_id;
    std::vector<std::string> marked;  // sessions marked exported now
    std::vector<std::string> skipped; // already marked by that export, deleted or reopened since
    std::string detail;               // English: why Discarded or Failed
};

// Settles an export interrupted between its rename and the marks (see the top of this file).
// True when nothing is left pending (also when there was nothing); false (Failed) when the intent
// had to stay: then no new export may start, or the same sessions could go twice.
bool resolve_pending_export(store::Store& store, PendingExportReport* report = nullptr);

// [SECTION] Planning ----------------------------------------------------------------------------
// Tests only: run_export() stops as if the tablet died at that point (nothing after it happens;
// the temporary file and the intent stay as a real crash would leave them).
enum class TestCrash { None, BeforeRename, AfterRename };

struct ExportOptions {
    std::string out_dir;                    // where the bundle goes (must exist)
    std::string central_public_key;         // 32 raw bytes; empty: the store's meta kCentralKeyMeta
    std::optional<core::Date> since;        // only interviews on or after this day
    std::vector<std::string> again;         // Exported sessions to send again (explicit choice)
    std::string establishment;              // empty: meta "establishment", else the sessions'
    bool include_pdfs = true;
    const core::SynthesisAssets* assets = nullptr; // for the PDFs (required when include_pdfs)
    const std::vector<deck::Deck>* decks = nullptr; // photos in the PDFs (may be null: no photos)
    std::int64_t now = 0;                   // unix seconds of the export; 0: now
    std::string app_version = "0.1.0";
    // Tests: the bundle writer fails with "No space left on device" once this many bytes were
    // written (a full disk without a full disk). -1: never.
    std::int64_t fail_after_bytes = -1;
    TestCrash test_crash = TestCrash::None;
};

struct PlannedSession {
    std::string id;
    std::string display_name;     // for the export screen only; never written in the file name
    core::Date interview_date;
    core::SessionStatus status = core::SessionStatus::Finalized;
    bool again = false;           // already exported: sent again by explicit choice
};

struct ExportPlan {
    std::vector<PlannedSession> sessions; // what will go, by interview date
    std::vector<std::string> problems;    // English; run_export refuses a plan with problems
    int drafts_left = 0;                  // sessions not finalized yet (not exported; for the screen)
    int already_exported = 0;             // Exported sessions left out (not in `again`)
    PendingExportReport interrupted;      // an interrupted export settled first (None: there was none)
    bool empty() const { return sessions.empty(); }
};

// Lists what run_export would take: Finalized sessions (not Exported) whose interview day is on
// or after `since`, plus the `again` ones (each must exist and be Finalized or Exported, else a
// problem). Damaged rows are a problem only when named in `again`. The store must be unlocked.
// An interrupted export is settled first (it may mark sessions exported: plan.interrupted says
// so); one that cannot be settled is a problem.
ExportPlan plan_export(store::Store& store, const ExportOptions& options);

// [SECTION] Running -----------------------------------------------------------------------------
// done / total counts steps (one per session, plus the audit extract and the manifest); `step`
// names the current one in English ("session demo000000000003", "audit log", "sealing").
using ExportProgress = std::function<void(int done, int total, const std::string& step)>;

struct ExportResult {
    bool ok = false;
    std::string path;            // the bundle written (ok only)
    std::string bundle_id;
    int sessions = 0;
    int pdfs = 0;
    int audit_entries = 0;
    std::int64_t bytes = 0;      // size of the sealed file
    std::string error;           // English, one line; nothing was written or marked when set
};

// Writes the plan's sessions into one sealed bundle in options.out_dir and marks them exported.
// An empty plan is an error ("nothing to export") and writes nothing. An interrupted export is
// settled first; if it cannot be, nothing is written.
ExportResult run_export(store::Store& store, const ExportPlan& plan, const ExportOptions& options,
                        const ExportProgress& progress = {});

// [SECTION] Verifying ---------------------------------------------------------------------------
struct VerifiedSession {
    std::string id;
    std::string status;           // as in the document ("finalized", "exported")
    std::string interview_date;
    bool pdf = false;
};

struct VerifyReport {
    bool ok = false;
    std::string error;            // one line naming what failed (a file, a field, the key...)
    std::string bundle_id, establishment, created_at, app_version, format;
    std::vector<VerifiedSession> sessions;
    int pdfs = 0;
    int audit_entries = 0;
    std::string audit_head;       // "seq:hash"
    std::map<std::string, std::string> documents; // session id -> its JSON (for tests and import)
    std::map<std::string, std::string> files;     // every file by path (keep_files only)
};

// Opens a bundle with the central secret key: decrypts it, checks magic and version, the key,
// every SHA-256 and size in the manifest (naming the file that fails), that every file is listed
// and every listed file present, and checks each session document (session_from_document).
// keep_files: also return every file (the central system's import, `amorce verify --out DIR`).
VerifyReport verify_bundle(const std::string& path, const std::string& central_secret_key, bool keep_files = false);

// Lower level, for the central system's tools and for tests: the plain tar inside a bundle's
// bytes (the first check of verify_bundle: magic, version, key, every chunk's MAC, the FINAL
// tag), and a tar sealed as a bundle file (no manifest check: a test seals a tampered tar).
std::optional<std::string> open_sealed(const std::string& file_bytes, const std::string& secret_key, std::string* error);
bool seal_to_file(const std::string& tar, const std::string& public_key, const std::string& path, std::string* error);

} // namespace amorce::exporting
