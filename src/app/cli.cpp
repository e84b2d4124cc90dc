// Command line: the app's options and the admin/test commands (sessions, show, synthesis, keygen,
// export, verify).
// Commands that read personal data unlock an encrypted data folder with --user ID and the
// account's secret (AMORCE_SECRET, or the first line of standard input).
#include "app/run.hpp"

#include "core/serialize.hpp"
#include "core/synthesis.hpp"
#include "deck/deck.hpp"
#include "deck/import.hpp"
#include "export/bundle.hpp"
#include "export/session_json.hpp"
#include "report/from_session.hpp"
#include "store/store.hpp"

#include <platform.hpp>

#include <cereal/archives/json.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#ifndef _WIN32
#include <termios.h>
#include <unistd.h>
#endif

#include <cstdio>
#include <sys/stat.h>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace amorce::app {

namespace {

const char* kHelp = R"(Amorce - entretien socio-professionnel (touch app)

Usage:
  amorce [--data DIR] [--demo] [--size WxH] [--lang fr|en] [--decks DIR] [--keyboard auto|on|off] [--kiosk]
        Start the touch app. --demo adds a demo counsellor and three fictional sessions.
        --kiosk: full screen without a window frame (the tablet set-up: platform/KIOSK.md).
        --keyboard: the on-screen keyboard while a field is edited; auto (default) hides it
        once a physical keyboard types, until the next touch in a field. Headless runs
        default to off: a script tests it with --keyboard on (or auto).
        --decks: the folder of shipped photolangage decks (default: the app's photolangage/,
        or AMORCE_DECKS); decks imported by a counsellor live in the data folder.
  amorce --headless --script FILE [--data DIR] [--size WxH] [--out DIR] [--demo] [--keyboard on]
        Run a UI script without a display (SDL dummy driver, software renderer);
        screenshots go to --out (default ./screenshots). Exit code 0 when every step passed.
  amorce sessions [--data DIR] [--user ID] [--json]
        List the sessions of a data folder (id, status, interview date, days left, name).
  amorce show [--data DIR] [--user ID] SESSION_ID [--json | --document]
        Print one session whole; --document: as the export writes it (assets/schema/session-1).
  amorce synthesis [--data DIR] [--user ID] SESSION_ID --pdf OUT.pdf
        Write the session's synthesis as a PDF (a draft prints the sections drafted so far).
        Once the data folder has accounts (it is then encrypted), these three commands need
        --user ID and that account's secret: in AMORCE_SECRET, or the first line of standard
        input (typed without echo on a terminal). Failed attempts count as in the app.
  amorce keygen --out DIR
        Make the central system's key pair: DIR/central.key (secret, mode 0600, stays at the
        central system) and DIR/central.pub (for the tablets). Never overwrites a key.
  amorce export [--data DIR] [--user ID] --out DIR [--key central.pub] [--since YYYY-MM-DD] [--again ID]...
        Write the finalized sessions not yet exported (interviews on or after --since) into one
        sealed bundle in DIR, then mark them exported. The public key comes from --key, else
        from the settings (the --demo data has one). --again ID sends an exported session again
        (audited). Nothing new: "nothing to export", no file.
  amorce verify BUNDLE --key central.key [--out DIR]
        Open a bundle with the central secret key, check every checksum and session document,
        print a summary; --out unpacks a bundle that verified into DIR. Exit code 1 with one
        line saying what is wrong otherwise.
  amorce --headless --max-seconds N [--data DIR] [--demo]
        Run without a display and without a script for N seconds (benchmarks, smoke tests).
  amorce deck-check DIR
        Check a photolangage deck folder: one line per problem (CARD FILE: reason), a summary,
        exit code 1 if there is any problem.
  amorce --help | --version

Default data folder: the per-user application folder (SDL_GetPrefPath "Afpa/Amorce").
UI script commands: tap, drag, longpress, pinch, type, key, wait, idle, expect, expect-not,
expect-text, screenshot, resize, restart (see src/app/script.hpp).
)";

bool parse_size(const std::string& s, int* w, int* h) {
    int a = 0, b = 0;
    char extra = 0;
    if (std::sscanf(s.c_str(), "%dx%d%c", &a, &b, &extra) != 2) return false;
    if (a < 320 || b < 320 || a > 8192 || b > 8192) return false;
    *w = a;
    *h = b;
    return true;
}

int usage_error(const std::string& msg) {
    std::fprintf(stderr, "amorce: %s\nTry 'amorce --help'.\n", msg.c_str());
    return 2;
}

// The secret for --user: AMORCE_SECRET, else the first line of standard input (not echoed when it
// is a terminal). nullopt when there is none at all.
std::optional<std::string> read_secret(const std::string& user) {
    if (const char* env = std::getenv("AMORCE_SECRET")) return std::string(env);
#ifndef _WIN32
    const bool tty = isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (tty && tcgetattr(STDIN_FILENO, &saved) == 0) {
        termios quiet = saved;
        quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
        std::fprintf(stderr, "Secret for %s: ", user.c_str());
        std::fflush(stderr);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
#endif
    std::string line;
    int c = 0;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n') line.push_back(static_cast<char>(c));
#ifndef _WIN32
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputc('\n', stderr);
    }
#endif
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() && c == EOF) return std::nullopt;
    return line;
}

// An encrypted store opens locked: unlock it as `user`, or say clearly why not.
bool unlock_for_cli(store::Store& st, const std::string& user) {
    if (!st.has_accounts()) return true; // nothing is encrypted yet: nothing to unlock
    if (user.empty()) {
        std::fprintf(stderr, "amorce: this data folder is encrypted: give --user ID, with the secret in "
                             "AMORCE_SECRET or on standard input\n");
        return false;
    }
    std::optional<std::string> secret = read_secret(user);
    if (!secret) {
        std::fprintf(stderr, "amorce: no secret for %s: put it in AMORCE_SECRET or on standard input\n", user.c_str());
        return false;
    }
    const store::UnlockResult r = st.unlock(user, *secret);
    std::fill(secret->begin(), secret->end(), '\0');
    using Status = store::UnlockResult::Status;
    switch (r.status) {
    case Status::Ok: return true;
    case Status::WrongSecret:
        std::fprintf(stderr, "amorce: wrong secret for %s (%d attempt%s left before the account is locked)\n",
                     user.c_str(), r.attempts_left, r.attempts_left == 1 ? "" : "s");
        break;
    case Status::MustWait:
        std::fprintf(stderr, "amorce: too many failed attempts for %s: try again in %lld s\n", user.c_str(),
                     static_cast<long long>(r.wait_seconds));
        break;
    case Status::AccountLocked:
        std::fprintf(stderr, "amorce: the account %s is locked after too many failed attempts; an administrator "
                             "must unlock it\n",
                     user.c_str());
        break;
    case Status::UnknownAccount: std::fprintf(stderr, "amorce: no account %s in this data folder\n", user.c_str()); break;
    case Status::Failed: std::fprintf(stderr, "amorce: cannot unlock: %s\n", r.error.c_str()); break;
    }
    return false;
}

// Opens an existing data folder for the read commands: a mistyped path must not silently
// become a new, empty folder. An encrypted one is unlocked as `user` (nullptr if it cannot be).
std::unique_ptr<store::Store> open_store(const std::string& dir_arg, const std::string& user) {
    const std::string dir = dir_arg.empty() ? platform::default_data_dir() : dir_arg;
    if (dir.empty()) {
        std::fprintf(stderr, "amorce: no data folder: give one with --data DIR\n");
        return nullptr;
    }
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::path(dir) / store::Store::kFileName, ec)) {
        std::fprintf(stderr, "amorce: no Amorce data in %s (%s not found); give the folder with --data DIR\n",
                     dir.c_str(), store::Store::kFileName);
        return nullptr;
    }
    std::string error;
    store::OpenReport report;
    auto st = store::Store::open(dir, &error, &report);
    if (!st) {
        std::fprintf(stderr, "amorce: cannot open %s: %s\n", dir.c_str(), error.c_str());
        return nullptr;
    }
    if (report.database_was_damaged)
        std::fprintf(stderr, "amorce: the database was damaged; copy set aside at %s (%d sessions recovered, %d lost)\n",
                     report.damaged_copy.c_str(), report.salvaged_sessions, report.lost_sessions);
    if (!unlock_for_cli(*st, user)) return nullptr;
    return st;
}

const char* legal_text(core::LegalStatus s) {
    switch (s) {
    case core::LegalStatus::Prevenu: return "prévenu(e)";
    case core::LegalStatus::Condamne: return "condamné(e)";
    case core::LegalStatus::Unknown: break;
    }
    return "-";
}

// One row of `sessions --json`: readable values (ISO dates, status words, days left), for
// scripts and admins. Not a storage format: it carries no class version.
struct ListingRow {
    std::string id, display_name, ecrou, interview_date, due_date, status;
    int days_left = 0;
    bool damaged = false;
    template <class Archive> void serialize(Archive& ar) {
        ar(CEREAL_NVP(id), CEREAL_NVP(display_name), CEREAL_NVP(ecrou), CEREAL_NVP(interview_date),
           CEREAL_NVP(due_date), CEREAL_NVP(status), CEREAL_NVP(days_left), CEREAL_NVP(damaged));
    }
};

int cmd_sessions(const std::string& dir, const std::string& user, bool json) {
    auto st = open_store(dir, user);
    if (!st) return 1;
    const auto list = st->list();
    const core::Date today = core::today_local();
    if (json) {
        std::vector<ListingRow> rows;
        for (const auto& s : list)
            rows.push_back(ListingRow{s.id, s.display_name, s.ecrou, s.damaged ? "" : s.interview_date.to_iso(),
                                      s.damaged ? "" : s.interview_date.plus_days(core::kSynthesisDueDays).to_iso(),
                                      s.damaged ? "damaged" : core::status_key(s.status), s.days_left(today), s.damaged});
        std::ostringstream out;
        {
            cereal::JSONOutputArchive ar(out);
            ar(cereal::make_nvp("sessions", rows));
        }
        std::printf("%s\n", out.str().c_str());
        return 0;
    }
    std::printf("%-16s  %-9s  %-10s  %9s  %s\n", "ID", "STATUS", "INTERVIEW", "DAYS LEFT", "NAME");
    for (const auto& s : list) {
        if (s.damaged) {
            std::printf("%-16s  %-9s  %-10s  %9s  %s\n", s.id.c_str(), "damaged", "-", "-", "(unreadable)");
            continue;
        }
        const std::string days = s.status == core::SessionStatus::Draft ? std::to_string(s.days_left(today)) : "-";
        std::printf("%-16s  %-9s  %-10s  %9s  %s\n", s.id.c_str(), core::status_key(s.status),
                    s.interview_date.to_iso().c_str(), days.c_str(), s.display_name.c_str());
    }
    std::printf("%zu session(s)\n", list.size());
    return 0;
}

int cmd_show(const std::string& dir, const std::string& user, const std::string& id, bool json, bool document) {
    auto st = open_store(dir, user);
    if (!st) return 1;
    std::string error;
    auto s = st->load(id, &error);
    if (!s) {
        std::fprintf(stderr, "amorce: %s\n", error.c_str());
        return 1;
    }
    if (json) {
        std::printf("%s\n", core::to_json(*s).c_str());
        return 0;
    }
    if (document) { // the export document (amorce.session/1), drafts included: for integrators
        std::fputs(exporting::session_document(*s).c_str(), stdout);
        return 0;
    }
    const auto& p = s->participant;
    std::printf("Session %s (%s, revision %llu)\n", s->id.c_str(), core::status_key(s->status),
                static_cast<unsigned long long>(s->revision));
    std::printf("  Participant:   %s\n", p.display_name().c_str());
    std::printf("  Born:          %s\n", p.birth_date.to_french().c_str());
    std::printf("  Ecrou:         %s\n", p.ecrou.c_str());
    std::printf("  Establishment: %s\n", p.establishment.c_str());
    std::printf("  Legal status:  %s\n", legal_text(p.legal_status));
    std::printf("  Entry date:    %s\n", p.entry_date.to_french().c_str());
    std::string langs;
    for (const auto& l : p.languages) langs += (langs.empty() ? "" : ", ") + l;
    std::printf("  Languages:     %s\n", langs.c_str());
    std::printf("  Counsellor:    %s\n", s->counsellor_name.c_str());
    std::printf("  Consent:       %s\n", s->consent ? "yes" : "no");
    std::printf("  Started:       %s\n", s->started_at ? core::format_unix_french(s->started_at).c_str() : "-");
    std::printf("  Ended:         %s\n", s->ended_at ? core::format_unix_french(s->ended_at).c_str() : "-");
    std::printf("  Due:           %s\n", s->due_date().to_french().c_str());
    std::string notes = s->notes.empty() ? "-" : s->notes;
    for (size_t p = notes.find('\n'); p != std::string::npos; p = notes.find('\n', p + 5)) notes.replace(p, 1, "\n    ");
    std::printf("  Notes:\n    %s\n", notes.c_str());
    std::printf("  History:\n");
    for (const auto& h : s->history)
        std::printf("    %s  %-20s %s %s\n", core::format_unix_french(h.at).c_str(), h.what.c_str(), h.who.c_str(),
                    h.detail.c_str());
    return 0;
}

// synthesis SESSION_ID --pdf OUT.pdf: the synthesis document, written atomically.
int cmd_synthesis(const std::string& dir_arg, const std::string& user, const std::string& id, const std::string& pdf,
                  const std::string& assets_dir, const std::string& decks_dir) {
    auto st = open_store(dir_arg, user);
    if (!st) return 1;
    std::string error;
    auto s = st->load(id, &error);
    if (!s) {
        std::fprintf(stderr, "amorce: %s\n", error.c_str());
        return 1;
    }
    const auto assets = core::load_synthesis_assets(assets_dir, &error);
    if (!assets) {
        std::fprintf(stderr, "amorce: %s\n", error.c_str());
        return 1;
    }
    const std::string dir = dir_arg.empty() ? platform::default_data_dir() : dir_arg;
    const std::vector<deck::Deck> decks = deck::load_decks({decks_dir, dir + "/decks"});
    const report::SynthesisDocument doc = report::document_from_session(*s, *assets, decks);
    if (!report::write_synthesis_pdf(doc, pdf, &error)) {
        std::fprintf(stderr, "amorce: cannot write %s: %s\n", pdf.c_str(), error.c_str());
        return 1;
    }
    std::printf("%s\n", pdf.c_str());
    return 0;
}

// deck-check DIR: the same validation as a deck import, plus a full decode of every image.
int cmd_deck_check(const std::vector<std::string>& args) {
    if (args.size() != 1 || args[0].empty() || args[0][0] == '-') return usage_error("deck-check needs one deck folder");
    deck::LoadOptions options;
    options.decode_images = true;
    const deck::LoadResult r = deck::load_deck(args[0], options);
    for (const auto& p : r.problems) std::printf("%s\n", p.line().c_str());
    const size_t n = r.deck.cards.size(), m = r.problems.size();
    std::printf("%zu card%s, %zu problem%s\n", n, n == 1 ? "" : "s", m, m == 1 ? "" : "s");
    return m == 0 ? 0 : 1;
}

// keygen --out DIR: the central system's key pair.
int cmd_keygen(const std::string& out_dir) {
    if (out_dir.empty()) return usage_error("keygen needs --out DIR");
    std::string error;
    const exporting::CentralKeys keys = exporting::generate_central_keys();
    if (!exporting::write_central_keys(out_dir, keys, &error)) {
        std::fprintf(stderr, "amorce: keygen: %s\n", error.c_str());
        return 1;
    }
    std::printf("%s/central.key  secret: keep it at the central system only (mode 0600)\n", out_dir.c_str());
    std::printf("%s/central.pub  public: give it to the tablets (fingerprint %s)\n", out_dir.c_str(),
                exporting::key_fingerprint(keys.public_key).c_str());
    return 0;
}

// export: plan, then one sealed bundle; progress on stderr, the bundle's path on stdout.
int cmd_export(const std::string& dir_arg, const std::string& user, const std::string& out_dir,
               const std::string& key_path, const std::string& since, const std::vector<std::string>& again,
               const std::string& assets_dir, const std::string& decks_dir) {
    if (out_dir.empty()) return usage_error("export needs --out DIR (the folder for the bundle)");
    exporting::ExportOptions options;
    options.out_dir = out_dir;
    options.again = again;
    if (!since.empty()) {
        options.since = core::parse_iso_date(since);
        if (!options.since) return usage_error("--since needs a date YYYY-MM-DD, not '" + since + "'");
    }
    std::string error;
    if (!key_path.empty()) {
        auto key = exporting::read_public_key(key_path, &error);
        if (!key) {
            std::fprintf(stderr, "amorce: export: %s\n", error.c_str());
            return 1;
        }
        options.central_public_key = *key;
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(out_dir, ec)) {
        std::fprintf(stderr, "amorce: export: the output folder %s does not exist\n", out_dir.c_str());
        return 1;
    }
    auto st = open_store(dir_arg, user);
    if (!st) return 1;
    const auto assets = core::load_synthesis_assets(assets_dir, &error);
    if (!assets) {
        std::fprintf(stderr, "amorce: export: %s\n", error.c_str());
        return 1;
    }
    const std::string dir = dir_arg.empty() ? platform::default_data_dir() : dir_arg;
    const std::vector<deck::Deck> decks = deck::load_decks({decks_dir, dir + "/decks"});
    options.assets = &*assets;
    options.decks = &decks;
    const exporting::ExportPlan plan = exporting::plan_export(*st, options);
    // An export cut between its rename and its marks was settled first: say what it did.
    if (plan.interrupted.outcome == exporting::PendingExportReport::Outcome::Marked)
        std::fprintf(stderr, "amorce: export: an interrupted export was settled: %zu session(s) marked exported (%s)\n",
                     plan.interrupted.marked.size(), plan.interrupted.bundle_path.c_str());
    else if (plan.interrupted.outcome == exporting::PendingExportReport::Outcome::Discarded)
        std::fprintf(stderr, "amorce: export: an interrupted export had delivered nothing (%s)\n",
                     plan.interrupted.detail.c_str());
    if (!plan.problems.empty()) {
        for (const auto& p : plan.problems) std::fprintf(stderr, "amorce: export: %s\n", p.c_str());
        std::fprintf(stderr, "amorce: export: nothing exported\n");
        return 1;
    }
    if (plan.empty()) {
        std::printf("nothing to export (%d already exported, %d not finalized yet)\n", plan.already_exported,
                    plan.drafts_left);
        return 0;
    }
    std::fprintf(stderr, "exporting %zu session(s):", plan.sessions.size());
    for (const auto& p : plan.sessions) std::fprintf(stderr, " %s%s", p.id.c_str(), p.again ? " (again)" : "");
    std::fprintf(stderr, "\n");
    const exporting::ExportResult r =
        exporting::run_export(*st, plan, options, [](int done, int total, const std::string& step) {
            std::fprintf(stderr, "  [%d/%d] %s\n", done, total, step.c_str());
        });
    if (!r.ok) {
        std::fprintf(stderr, "amorce: export failed: %s; no bundle written, nothing marked exported\n", r.error.c_str());
        return 1;
    }
    std::fprintf(stderr, "bundle %s: %d session(s), %d PDF(s), %d audit entries, %lld bytes, sealed\n",
                 r.bundle_id.c_str(), r.sessions, r.pdfs, r.audit_entries, static_cast<long long>(r.bytes));
    std::printf("%s\n", r.path.c_str());
    return 0;
}

// verify BUNDLE --key central.key: the central system's check, with a summary.
int cmd_verify(const std::string& bundle, const std::string& key_path, const std::string& out_dir) {
    if (key_path.empty()) return usage_error("verify needs --key central.key (the central secret key)");
    std::string error;
    auto key = exporting::read_secret_key(key_path, &error);
    if (!key) {
        std::fprintf(stderr, "amorce: verify: %s\n", error.c_str());
        return 1;
    }
    const exporting::VerifyReport r = exporting::verify_bundle(bundle, *key, !out_dir.empty());
    if (!r.ok) {
        std::fprintf(stderr, "amorce: verify: %s: %s\n", bundle.c_str(), r.error.c_str());
        return 1;
    }
    // Only a bundle that verified is unpacked (the central system's import starts here).
    for (const auto& f : r.files) {
        const std::filesystem::path p = std::filesystem::path(out_dir) / f.first;
        std::error_code ec;
        std::filesystem::create_directories(p.parent_path(), ec);
        std::FILE* out = std::fopen(p.string().c_str(), "wbx"); // never overwrite
        bool ok = out != nullptr;
        if (out) {
            ok = std::fwrite(f.second.data(), 1, f.second.size(), out) == f.second.size();
            ok = std::fclose(out) == 0 && ok;
        }
        if (!ok) {
            std::fprintf(stderr, "amorce: verify: cannot write %s (it may already exist)\n", p.string().c_str());
            return 1;
        }
    }
    std::printf("bundle %s (%s, Amorce %s)\n", r.bundle_id.c_str(), r.format.c_str(), r.app_version.c_str());
    std::printf("establishment: %s\n", r.establishment.c_str());
    std::printf("created: %s\n", r.created_at.c_str());
    std::printf("%zu session(s):\n", r.sessions.size());
    for (const auto& s : r.sessions)
        std::printf("  %s  %-9s  %s  %s\n", s.id.c_str(), s.status.c_str(), s.interview_date.c_str(),
                    s.pdf ? "pdf" : "no pdf");
    std::printf("%d PDF(s), %d audit entries, audit head %s\n", r.pdfs, r.audit_entries, r.audit_head.c_str());
    std::printf("OK: every checksum and session document is valid\n");
    return 0;
}

} // namespace

int main_entry(int argc, char** argv) {
    // Everything Amorce writes (the database and its WAL, PDFs, bundles, keys) is for this user
    // only: another account on the machine cannot copy the file to guess PINs offline.
    umask(077);
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "deck-check") return cmd_deck_check({args.begin() + 1, args.end()});
    RunOptions o;
    std::string command;
    std::vector<std::string> positional;
    bool json = false;
    std::string pdf;
    std::string user; // --user: the account that unlocks an encrypted data folder
    std::string key_path, since; // export / verify
    std::vector<std::string> again;
    std::string out_arg;
    bool document = false; // show --document
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* name) -> const std::string* {
            if (i + 1 >= args.size()) return nullptr;
            (void)name;
            return &args[++i];
        };
        if (a == "--help" || a == "-h") {
            std::fputs(kHelp, stdout);
            return 0;
        } else if (a == "--version") {
            std::printf("amorce 0.1.0\n");
            return 0;
        } else if (a == "--data") {
            const std::string* v = value("--data");
            if (!v) return usage_error("--data needs a folder");
            o.data_dir = *v;
        } else if (a == "--script") {
            const std::string* v = value("--script");
            if (!v) return usage_error("--script needs a file");
            o.script = *v;
        } else if (a == "--decks") {
            const std::string* v = value("--decks");
            if (!v) return usage_error("--decks needs a folder");
            o.decks_dir = *v;
        } else if (a == "--out") {
            const std::string* v = value("--out");
            if (!v) return usage_error("--out needs a folder");
            o.out_dir = *v;
            out_arg = *v; // keygen/export/verify: only a folder given here (o.out_dir has a default)
        } else if (a == "--size") {
            const std::string* v = value("--size");
            if (!v || !parse_size(*v, &o.width, &o.height))
                return usage_error("--size needs WxH between 320x320 and 8192x8192, e.g. 1280x800");
        } else if (a == "--lang") {
            const std::string* v = value("--lang");
            if (!v || (*v != "fr" && *v != "en")) return usage_error("--lang is fr or en");
            o.lang = *v;
        } else if (a == "--keyboard") {
            const std::string* v = value("--keyboard");
            if (!v || (*v != "auto" && *v != "on" && *v != "off")) return usage_error("--keyboard is auto, on or off");
            o.keyboard = *v;
        } else if (a == "--max-seconds") {
            const std::string* v = value("--max-seconds");
            if (!v) return usage_error("--max-seconds needs a number");
            o.max_seconds = std::atoi(v->c_str());
        } else if (a == "--kiosk") {
            o.kiosk = true;
        } else if (a == "--headless") {
            o.headless = true;
        } else if (a == "--demo") {
            o.demo = true;
        } else if (a == "--json") {
            json = true;
        } else if (a == "--document") {
            document = true;
        } else if (a == "--user") {
            const std::string* v = value("--user");
            if (!v || v->empty()) return usage_error("--user needs an account id");
            user = *v;
        } else if (a == "--pdf") {
            const std::string* v = value("--pdf");
            if (!v) return usage_error("--pdf needs a file name");
            pdf = *v;
        } else if (a == "--key") {
            const std::string* v = value("--key");
            if (!v || v->empty()) return usage_error("--key needs a key file");
            key_path = *v;
        } else if (a == "--since") {
            const std::string* v = value("--since");
            if (!v) return usage_error("--since needs a date YYYY-MM-DD");
            since = *v;
        } else if (a == "--again") {
            const std::string* v = value("--again");
            if (!v || v->empty()) return usage_error("--again needs a SESSION_ID");
            again.push_back(*v);
        } else if (!a.empty() && a[0] == '-') {
            return usage_error("unknown option " + a);
        } else if (command.empty() && positional.empty() && (a == "sessions" || a == "show" || a == "synthesis" ||
                                                             a == "keygen" || a == "export" || a == "verify")) {
            command = a;
        } else {
            positional.push_back(a);
        }
    }
    if (command == "sessions") {
        if (!positional.empty()) return usage_error("sessions takes no argument");
        return cmd_sessions(o.data_dir, user, json);
    }
    if (command == "show") {
        if (positional.size() != 1) return usage_error("show needs one SESSION_ID");
        return cmd_show(o.data_dir, user, positional[0], json, document);
    }
    if (command == "synthesis") {
        if (positional.size() != 1 || pdf.empty()) return usage_error("synthesis needs one SESSION_ID and --pdf OUT.pdf");
        return cmd_synthesis(o.data_dir, user, positional[0], pdf, resolve_assets_dir(argc > 0 ? argv[0] : nullptr),
                             o.decks_dir.empty() ? resolve_decks_dir(argc > 0 ? argv[0] : nullptr) : o.decks_dir);
    }
    if (command == "keygen") {
        if (!positional.empty()) return usage_error("keygen takes no argument (only --out DIR)");
        return cmd_keygen(out_arg);
    }
    if (command == "export") {
        if (!positional.empty()) return usage_error("export takes no argument (sessions are chosen by status, --since, --again)");
        return cmd_export(o.data_dir, user, out_arg, key_path, since, again,
                          resolve_assets_dir(argc > 0 ? argv[0] : nullptr),
                          o.decks_dir.empty() ? resolve_decks_dir(argc > 0 ? argv[0] : nullptr) : o.decks_dir);
    }
    if (command == "verify") {
        if (positional.size() != 1) return usage_error("verify needs one BUNDLE file and --key central.key");
        return cmd_verify(positional[0], key_path, out_arg);
    }
    if (!positional.empty()) return usage_error("unknown command " + positional[0]);
    if (o.headless && o.script.empty() && o.max_seconds == 0)
        return usage_error("--headless needs --script FILE (or --max-seconds N)");
    if (!o.script.empty()) o.headless = true;
    o.assets_dir = resolve_assets_dir(argc > 0 ? argv[0] : nullptr);
    if (o.decks_dir.empty()) o.decks_dir = resolve_decks_dir(argc > 0 ? argv[0] : nullptr);
    return run_app(o);
}

} // namespace amorce::app
