// Export figures (issue 8): sealed bundles of 10,000 finalized sessions without PDFs and of 100
// with PDFs, in sessions per second, each against the raw SQLite JSON dump of the same stored
// rows (json_group_array over sessions + payloads, written to a file), measured in the same run.
//
// [SECTION] Fake finalized sessions
// [SECTION] Baseline: sqlite3 JSON dump
// [SECTION] Figures
#include "bench.hpp"

#include "core/synthesis.hpp"
#include "export/bundle.hpp"
#include "store/store.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace bench {

namespace fs = std::filesystem;
using namespace amorce;

namespace {

// [SECTION] Fake finalized sessions ----------------------------------------------------------------
// fake_session plus what a finalized interview holds: a short timeline with ROME codes, the
// seven sections (about 2.5 KB of French), two préconisations, the finalization stamp.
core::Session finalized_session(Rng& rng, std::int64_t now) {
    core::Session s = fake_session(rng, 400, now);
    s.status = core::SessionStatus::Finalized;
    const char* romes[] = {"G1602", "F1703", "N1105", "K2204", "H2102"};
    for (int i = 0; i < 4; ++i) {
        core::TimelineEpisode e = core::new_episode(i % 2 ? core::Lane::Employment : core::Lane::Education,
                                                    core::FuzzyDate::of_month(2005 + 3 * i, 1 + i),
                                                    core::FuzzyDate::of_year(2007 + 3 * i, i == 2));
        e.job.title = "Commis de cuisine";
        e.job.rome_code = romes[rng.range(0, 4)];
        e.training.level = rng.range(0, 5);
        s.timeline.episodes.push_back(e);
    }
    for (core::SectionId id : core::kSections)
        s.synthesis.section(id).text = fake_notes(rng, 350);
    s.synthesis.recommendations = {{"formation_qualifiante", "Formation qualifiante", core::Priority::High, "CAP."},
                                   {"logement", "Logement", core::Priority::Medium, ""}};
    s.synthesis.finalized_by = s.counsellor_id;
    s.synthesis.finalized_at = s.ended_at + 86400;
    return s;
}

struct Filled {
    std::unique_ptr<store::Store> store;
    std::string error;
};

Filled fill(const fs::path& dir, int n, std::uint64_t seed) {
    Filled f;
    fs::remove_all(dir);
    f.store = store::Store::open(dir.string(), &f.error);
    if (!f.store) return f;
    // Encrypted like a real tablet (accounts, audit log); Argon2id at its minimum, not timed.
    f.store->set_kdf_params(store::crypto::KdfParams::minimum());
    if (!f.store->create_admin("bench", "Bench", "482915", &f.error)) return f;
    Rng rng(seed);
    const std::int64_t now = core::unix_now();
    for (int i = 0; i < n; ++i) f.store->save_async(finalized_session(rng, now));
    if (!f.store->flush()) f.error = "filling the store failed: " + f.store->write_error();
    return f;
}

// [SECTION] Baseline: sqlite3 JSON dump ------------------------------------------------------------
// The stored rows of the finalized sessions as one JSON array (binary columns in hex), written to
// a file and fsynced like the bundle: what "dumping the database as JSON" costs on this machine.
double sqlite_dump_ms(const std::string& db_path, const fs::path& out, std::string* error) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        *error = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return -1;
    }
    sqlite3_stmt* st = nullptr;
    const char* sql =
        "SELECT json_group_array(json_object('id', s.id, 'status', s.status, 'interview_day', s.interview_day,"
        " 'updated_at', s.updated_at, 'revision', s.revision, 'summary', hex(s.summary), 'payload', hex(p.payload)))"
        " FROM sessions s JOIN payloads p ON p.id = s.id WHERE s.status = 1";
    double ms = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK) {
        const double t0 = wall_ms();
        if (sqlite3_step(st) == SQLITE_ROW) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
            const int bytes = sqlite3_column_bytes(st, 0);
            std::FILE* f = std::fopen(out.c_str(), "wb");
            if (f) {
                std::fwrite(text, 1, static_cast<size_t>(bytes), f);
                std::fflush(f);
                fsync(fileno(f));
                std::fclose(f);
                ms = wall_ms() - t0;
            } else {
                *error = "cannot write " + out.string();
            }
        }
    }
    if (ms < 0 && error->empty()) *error = sqlite3_errmsg(db);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return ms;
}

// [SECTION] Figures --------------------------------------------------------------------------------
Figure export_figure(const std::string& scratch, const char* name, int n, bool pdfs, const char* goal) {
    Figure f;
    f.name = name;
    f.goal = goal;
    const fs::path dir = fs::path(scratch) / (pdfs ? "export-pdf" : "export");
    const fs::path out = dir / "out";
    const double fill0 = wall_ms();
    Filled filled = fill(dir / "data", n, pdfs ? 11 : 7);
    if (!filled.store || !filled.error.empty()) {
        f.note = filled.error;
        return f;
    }
    std::fprintf(stderr, "  export: filled %d finalized sessions in %.0f ms\n", n, wall_ms() - fill0);
    fs::create_directories(out);
    std::string error;
    const double base_ms = sqlite_dump_ms(filled.store->path(), dir / "dump.json", &error);
    if (base_ms < 0) {
        f.note = "sqlite dump: " + error;
        return f;
    }
    const auto assets = core::load_synthesis_assets(AMORCE_ASSETS_DIR, &error);
    if (!assets) {
        f.note = error;
        return f;
    }
    exporting::ExportOptions o;
    o.out_dir = out.string();
    o.central_public_key = exporting::generate_central_keys().public_key;
    o.include_pdfs = pdfs;
    o.assets = &*assets;
    const double t0 = wall_ms();
    const exporting::ExportPlan plan = exporting::plan_export(*filled.store, o);
    const exporting::ExportResult r = exporting::run_export(*filled.store, plan, o);
    const double ms = wall_ms() - t0;
    if (!r.ok || r.sessions != n) {
        f.note = "export failed: " + r.error;
        return f;
    }
    f.measured_ok = true;
    f.measured = fmt("%.0f sessions/s (%.0f ms, %.1f MB sealed)", n / (ms / 1000.0), ms, static_cast<double>(r.bytes) / 1e6);
    f.baseline = fmt("sqlite3 JSON dump %.0f sessions/s (%.0f ms, %.1f MB)", n / (base_ms / 1000.0), base_ms,
                     static_cast<double>(fs::file_size(dir / "dump.json")) / 1e6);
    f.ratio = fmt("%.1fx", ms / base_ms);
    // Goals in sessions per second: a day's batch (a few dozen) must take seconds, not minutes.
    f.pass = pdfs ? n / (ms / 1000.0) >= 5 : n / (ms / 1000.0) >= 500;
    fs::remove_all(dir);
    return f;
}

} // namespace

std::vector<Figure> bench_export(const std::string& scratch) {
    return {export_figure(scratch, "export 10,000 (no PDF)", 10000, false, ">= 500 sessions/s"),
            export_figure(scratch, "export 100 with PDFs", 100, true, ">= 5 sessions/s")};
}

} // namespace bench
