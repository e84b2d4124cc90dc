// Command line: the app's options and the admin/test commands (sessions, show, synthesis).
// Commands that read personal data unlock an encrypted data folder with --user ID and the
// account's secret (AMORCE_SECRET, or the first line of standard input).
#include "app/run.hpp"

#include "core/serialize.hpp"
#include "core/synthesis.hpp"
#include "deck/deck.hpp"
#include "deck/import.hpp"
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
  amorce show [--data DIR] [--user ID] SESSION_ID [--json]
        Print one session whole.
  amorce synthesis [--data DIR] [--user ID] SESSION_ID --pdf OUT.pdf
        Write the session's synthesis as a PDF (a draft prints the sections drafted so far).
        Once the data folder has accounts (it is then encrypted), these three commands need
        --user ID and that account's secret: in AMORCE_SECRET, or the first line of standard
        input (typed without echo on a terminal). Failed attempts count as in the app.
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

int cmd_show(const std::string& dir, const std::string& user, const std::string& id, bool json) {
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

} // namespace

int main_entry(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "deck-check") return cmd_deck_check({args.begin() + 1, args.end()});
    RunOptions o;
    std::string command;
    std::vector<std::string> positional;
    bool json = false;
    std::string pdf;
    std::string user; // --user: the account that unlocks an encrypted data folder
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
        } else if (a == "--user") {
            const std::string* v = value("--user");
            if (!v || v->empty()) return usage_error("--user needs an account id");
            user = *v;
        } else if (a == "--pdf") {
            const std::string* v = value("--pdf");
            if (!v) return usage_error("--pdf needs a file name");
            pdf = *v;
        } else if (!a.empty() && a[0] == '-') {
            return usage_error("unknown option " + a);
        } else if (command.empty() && positional.empty() && (a == "sessions" || a == "show" || a == "synthesis")) {
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
        return cmd_show(o.data_dir, user, positional[0], json);
    }
    if (command == "synthesis") {
        if (positional.size() != 1 || pdf.empty()) return usage_error("synthesis needs one SESSION_ID and --pdf OUT.pdf");
        return cmd_synthesis(o.data_dir, user, positional[0], pdf, resolve_assets_dir(argc > 0 ? argv[0] : nullptr),
                             o.decks_dir.empty() ? resolve_decks_dir(argc > 0 ? argv[0] : nullptr) : o.decks_dir);
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
