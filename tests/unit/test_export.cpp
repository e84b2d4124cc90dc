// Export to the central system (issue 8): the session document (round trip, refusals), sealed
// bundles (round trip, tamper, truncation, wrong key, unknown version), idempotency, explicit
// re-export, and failure injection (full disk, read-only folder, missing key, no synthesis):
// whatever fails leaves no bundle and marks nothing exported.
#include "app/app.hpp"
#include "core/commands.hpp"
#include "core/synthesis.hpp"
#include "export/bundle.hpp"
#include "export/session_json.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using namespace amorce;
using amorce::exporting::ExportOptions;

const std::string kAssets = std::string(AMORCE_SOURCE_DIR) + "/assets";

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
void write_bytes(const fs::path& p, const std::string& data) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << data;
}
std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path().filename().string());
    return out;
}

const core::SynthesisAssets& assets() {
    static const auto a = core::load_synthesis_assets(kAssets);
    REQUIRE(a.has_value());
    return *a;
}

// Drafts, adds a préconisation and finalizes, as a counsellor would.
void finalize(core::Session& s) {
    std::int64_t at = s.ended_at + 7200;
    auto run = [&](core::CommandData d) { core::Command{std::move(d), "demo"}.apply(s, at += 60); };
    const core::RedraftPlan plan = core::redraft(s.synthesis, core::draft_synthesis(s, assets()));
    if (!plan.changes.empty()) run(core::ApplyDraft{plan.changes});
    run(core::AddRecommendation{core::make_recommendation(assets().catalogue.front(), core::Priority::High, "À voir."), -1});
    run(core::Finalize{"demo", at + 60});
    REQUIRE(s.status == core::SessionStatus::Finalized);
}

// A demo data folder (three interviews) with all three syntheses finalized, and a central key pair.
struct DemoDay {
    test::TempDir dir{"amorce-export-test"};
    fs::path data = dir.path / "data";
    fs::path out = dir.path / "out";
    std::unique_ptr<store::Store> st;
    exporting::CentralKeys keys = exporting::generate_central_keys();

    explicit DemoDay(bool finalize_all = true) {
        fs::create_directories(data);
        fs::create_directories(out);
        std::string error;
        st = store::Store::open(data.string(), &error);
        REQUIRE(st != nullptr);
        st->set_kdf_params(store::crypto::KdfParams::minimum());
        app::seed_demo(*st, kAssets);
        REQUIRE(st->is_unlocked());
        if (finalize_all)
            for (const char* id : {"demo000000000001", "demo000000000002"}) {
                auto s = st->load(id);
                REQUIRE(s);
                finalize(*s);
                REQUIRE(st->save_now(*s));
            }
    }
    ExportOptions options() const {
        ExportOptions o;
        o.out_dir = out.string();
        o.central_public_key = keys.public_key;
        o.assets = &assets();
        return o;
    }
    exporting::ExportResult export_now(const ExportOptions& o) {
        return exporting::run_export(*st, exporting::plan_export(*st, o), o);
    }
    int count(core::SessionStatus status) const {
        int n = 0;
        for (const auto& s : st->list()) n += s.status == status;
        return n;
    }
};

// Rewrites one file inside a bundle's tar (the central key opens it, the public key reseals it):
// the only way to reach the manifest check, since any other change fails the stream's MAC.
std::string tar_with(const std::string& tar, const std::string& path, const std::function<void(std::string&)>& edit) {
    struct archive* in = archive_read_new();
    archive_read_support_format_tar(in);
    REQUIRE(archive_read_open_memory(in, tar.data(), tar.size()) == ARCHIVE_OK);
    std::vector<std::pair<std::string, std::string>> files;
    struct archive_entry* e = nullptr;
    while (archive_read_next_header(in, &e) == ARCHIVE_OK) {
        std::string data(static_cast<size_t>(archive_entry_size(e)), '\0');
        if (!data.empty()) archive_read_data(in, &data[0], data.size());
        files.emplace_back(archive_entry_pathname(e), data);
    }
    archive_read_free(in);
    std::vector<char> buf(tar.size() + 1024 * 1024);
    size_t used = 0;
    struct archive* out = archive_write_new();
    archive_write_set_format_pax_restricted(out);
    REQUIRE(archive_write_open_memory(out, buf.data(), buf.size(), &used) == ARCHIVE_OK);
    for (auto& f : files) {
        if (f.first == path) edit(f.second);
        struct archive_entry* w = archive_entry_new();
        archive_entry_set_pathname(w, f.first.c_str());
        archive_entry_set_size(w, static_cast<la_int64_t>(f.second.size()));
        archive_entry_set_filetype(w, AE_IFREG);
        archive_entry_set_perm(w, 0644);
        archive_write_header(out, w);
        archive_write_data(out, f.second.data(), f.second.size());
        archive_entry_free(w);
    }
    archive_write_close(out);
    archive_write_free(out);
    return std::string(buf.data(), used);
}

} // namespace

TEST_CASE("export: the session document reads back as the session (round trip)") {
    DemoDay day(false);
    for (const char* id : {"demo000000000001", "demo000000000002", "demo000000000003"}) {
        auto s = day.st->load(id);
        REQUIRE(s);
        const std::string json = exporting::session_document(*s);
        std::string error;
        exporting::DocumentInfo info;
        auto back = exporting::session_from_document(json, &error, &info);
        INFO(id << ": " << error);
        REQUIRE(back);
        CHECK(*back == exporting::document_view(*s));
        CHECK(info.session_id == id);
        CHECK(json.find("\"schema_version\": \"amorce.session/1\"") != std::string::npos);
        CHECK(json.find(s->notes) == std::string::npos); // private notes stay on the tablet
    }
    // Léa's document carries what her interview produced: EDTF dates, ROME codes, words, boards.
    auto lea = day.st->load("demo000000000001");
    const std::string json = exporting::session_document(*lea);
    CHECK(json.find("\"edtf\": \"") != std::string::npos);
    CHECK(json.find("\"interest_code\"") != std::string::npos);
    CHECK(json.find("J’ai eu des hauts et des bas") != std::string::npos);
    bool rome = false;
    for (const auto& e : lea->timeline.episodes)
        if (!e.job.rome_code.empty()) rome = json.find("\"rome_code\": \"" + e.job.rome_code + "\"") != std::string::npos;
    CHECK(rome);
}

TEST_CASE("export: EDTF dates of the timeline (year, month, approximate, open end)") {
    core::Session s;
    s.id = "0123456789abcdef";
    s.created_at = 1'790'000'000;
    auto add = [&](core::FuzzyDate a, core::FuzzyDate b, core::Lane lane) {
        core::TimelineEpisode e = core::new_episode(lane, a, b);
        s.timeline.episodes.push_back(e);
    };
    add(core::FuzzyDate::of_month(2019, 9), core::FuzzyDate::of_month(2021, 6), core::Lane::Employment);
    add(core::FuzzyDate::of_year(2015, true), core::FuzzyDate::of_year(2016), core::Lane::Education);
    add(core::FuzzyDate::of_month(2022, 3), {}, core::Lane::NoWork);
    s.timeline.episodes.push_back(core::new_event(core::EventType::Diploma, core::FuzzyDate::of_year(2019)));
    s.timeline.episodes[0].job.rome_code = "F1703";
    const std::string json = exporting::session_document(s);
    for (const char* edtf : {"\"2019-09/2021-06\"", "\"2015~/2016\"", "\"2022-03/..\"", "\"2019\""})
        CHECK_MESSAGE(json.find(edtf) != std::string::npos, edtf);
    auto back = exporting::session_from_document(json);
    REQUIRE(back);
    CHECK(*back == exporting::document_view(s));
}

TEST_CASE("export: a document of an unknown schema version, or a damaged one, is refused with its path") {
    DemoDay day(false);
    const std::string good = exporting::session_document(*day.st->load("demo000000000001"));
    auto refused = [&](std::string json, const char* expected) {
        std::string error;
        CHECK_FALSE(exporting::session_from_document(json, &error));
        CHECK_MESSAGE(error.find(expected) != std::string::npos, error);
    };
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string s = good;
        const auto p = s.find(from);
        REQUIRE(p != std::string::npos);
        return s.replace(p, from.size(), to);
    };
    refused(replaced("amorce.session/1", "amorce.session/9"), "unknown schema_version 'amorce.session/9'");
    refused(replaced("\"schema_version\"", "\"schema\""), "schema_version: missing");
    refused(good.substr(0, good.size() / 2), "not JSON");
    refused(replaced("\"ecrou\"", "\"ecrou_number\""), "participant.ecrou_number: unknown field");
    refused(replaced("\"legal_status\": \"prevenu\"", "\"legal_status\": \"libre\""), "participant.legal_status: unknown value");
    refused(replaced("\"lane\": \"", "\"lane\": \"x"), "timeline[0].lane");
    refused(replaced("\"edtf\": \"", "\"edtf\": \"vers "), "timeline[0].edtf: not an EDTF");
    refused(replaced("\"birth_date\": \"1994-02-14\"", "\"birth_date\": \"14/02/1994\""), "participant.birth_date: not a date");
    refused(replaced("\"consent\": true", "\"consent\": \"yes\""), "interview.consent: expected true or false");
    refused(replaced("\"session_id\": \"demo000000000001\"", "\"session_id\": \"../etc\""), "session_id: not an id");
}

TEST_CASE("export: a bad ROME code in a document is refused") {
    core::Session s;
    s.id = "0123456789abcdef";
    s.timeline.episodes.push_back(core::new_episode(core::Lane::Employment, core::FuzzyDate::of_year(2019)));
    s.timeline.episodes[0].job.rome_code = "F1703";
    std::string json = exporting::session_document(s);
    json.replace(json.find("F1703"), 5, "F17O3");
    std::string error;
    CHECK_FALSE(exporting::session_from_document(json, &error));
    CHECK(error.find("timeline[0].job.rome_code: not a ROME code") != std::string::npos);
}

TEST_CASE("export: a demo day exports to one sealed bundle that verifies, with the sessions inside") {
    DemoDay day;
    REQUIRE(day.count(core::SessionStatus::Finalized) == 3);
    ExportOptions o = day.options();
    const exporting::ExportPlan plan = exporting::plan_export(*day.st, o);
    REQUIRE(plan.sessions.size() == 3);
    std::vector<core::Session> before;
    for (const auto& p : plan.sessions) before.push_back(*day.st->load(p.id));
    std::vector<std::tuple<int, int, std::string>> steps;
    const auto r = exporting::run_export(*day.st, plan, o, [&](int d, int t, const std::string& s) { steps.emplace_back(d, t, s); });
    INFO(r.error);
    REQUIRE(r.ok);
    CHECK(r.sessions == 3);
    CHECK(r.pdfs == 3);
    CHECK(fs::path(r.path).filename().string().rfind("amorce-maison-d-arret-de-demonstration-", 0) == 0);
    CHECK(fs::path(r.path).extension() == ".amorce");
    CHECK(files_in(day.out).size() == 1); // no temporary file left
    REQUIRE(!steps.empty());
    CHECK(std::get<0>(steps.back()) == std::get<1>(steps.back()));
    // Sealed: no participant name or écrou in clear in the file.
    const std::string bytes = read_bytes(r.path);
    CHECK(bytes.find("DEMO-0003") == std::string::npos);
    CHECK(bytes.find("Stéphane") == std::string::npos);

    const auto v = exporting::verify_bundle(r.path, day.keys.secret_key);
    INFO(v.error);
    REQUIRE(v.ok);
    CHECK(v.bundle_id == r.bundle_id);
    CHECK(v.establishment == "Maison d’arrêt de démonstration");
    CHECK(v.sessions.size() == 3);
    CHECK(v.pdfs == 3);
    CHECK(v.audit_entries == r.audit_entries);
    for (const auto& s : before) {
        REQUIRE(v.documents.count(s.id));
        auto back = exporting::session_from_document(v.documents.at(s.id));
        REQUIRE(back);
        CHECK(*back == exporting::document_view(s));
    }
    // Marked exported only now, each with an audit "export" entry.
    CHECK(day.count(core::SessionStatus::Exported) == 3);
    for (const auto& s : day.st->list()) CHECK(s.exported_at != 0);
    store::AuditFilter f;
    f.what = store::audit_kind::kExport;
    CHECK(day.st->audit_entries(f).size() == 3);
}

TEST_CASE("export: a second export has nothing new; re-exporting needs an explicit choice and is audited") {
    DemoDay day;
    ExportOptions o = day.options();
    REQUIRE(day.export_now(o).ok);
    const auto plan = exporting::plan_export(*day.st, o);
    CHECK(plan.empty());
    CHECK(plan.already_exported == 3);
    const auto r = exporting::run_export(*day.st, plan, o);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "nothing to export");
    CHECK(files_in(day.out).size() == 1);

    o.again = {"demo000000000003"};
    const auto again_plan = exporting::plan_export(*day.st, o);
    REQUIRE(again_plan.sessions.size() == 1);
    CHECK(again_plan.sessions[0].again);
    const auto r2 = exporting::run_export(*day.st, again_plan, o);
    INFO(r2.error);
    REQUIRE(r2.ok);
    CHECK(files_in(day.out).size() == 2);
    const auto v = exporting::verify_bundle(r2.path, day.keys.secret_key);
    REQUIRE(v.ok);
    CHECK(v.sessions.size() == 1);
    CHECK(v.sessions[0].status == "exported");
    store::AuditFilter f;
    f.what = store::audit_kind::kExport;
    f.target = "demo000000000003";
    const auto entries = day.st->audit_entries(f);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].detail == "again"); // newest first
}

TEST_CASE("export: --again with a draft or an unknown id, and --since, are planned as asked") {
    DemoDay day(false);
    ExportOptions o = day.options();
    o.again = {"demo000000000002", "nope"};
    auto plan = exporting::plan_export(*day.st, o);
    REQUIRE(plan.problems.size() == 2);
    CHECK(plan.problems[0].find("not finalized") != std::string::npos);
    CHECK(plan.problems[1].find("no session nope") != std::string::npos);
    CHECK_FALSE(exporting::run_export(*day.st, plan, o).ok);
    CHECK(files_in(day.out).empty());

    o.again.clear();
    o.since = core::today_local().plus_days(1);
    CHECK(exporting::plan_export(*day.st, o).empty());
    o.since = core::today_local().plus_days(-30);
    plan = exporting::plan_export(*day.st, o);
    REQUIRE(plan.sessions.size() == 1); // only Stéphane is finalized in the plain demo data
    CHECK(plan.drafts_left == 2);
}

TEST_CASE("export: tampered, truncated, wrongly keyed or unknown bundles are refused with one clear line") {
    DemoDay day;
    const auto r = day.export_now(day.options());
    REQUIRE(r.ok);
    const std::string good = read_bytes(r.path);
    const fs::path bad = day.dir.path / "bad.amorce";
    auto verify_bytes = [&](const std::string& bytes) {
        write_bytes(bad, bytes);
        return exporting::verify_bundle(bad.string(), day.keys.secret_key);
    };
    auto refused = [&](const std::string& bytes, const char* expected) {
        const auto v = verify_bytes(bytes);
        CHECK_FALSE(v.ok);
        CHECK_MESSAGE(v.error.find(expected) != std::string::npos, v.error);
        CHECK(v.error.find('\n') == std::string::npos);
    };
    SUBCASE("one byte changed anywhere in the stream") {
        for (size_t at : {good.size() / 3, good.size() / 2, good.size() - 5}) {
            std::string t = good;
            t[at] = static_cast<char>(t[at] ^ 0x01);
            refused(t, "fails authentication");
        }
    }
    SUBCASE("a file changed inside and resealed: the manifest names it") {
        std::string error;
        auto tar = exporting::open_sealed(good, day.keys.secret_key, &error);
        REQUIRE(tar);
        const std::string tampered = tar_with(*tar, "sessions/demo000000000003.json", [](std::string& d) {
            d.replace(d.find("Stéphane"), 3, "Ste");
        });
        REQUIRE(exporting::seal_to_file(tampered, day.keys.public_key, bad.string(), &error));
        const auto v = exporting::verify_bundle(bad.string(), day.keys.secret_key);
        CHECK_FALSE(v.ok);
        CHECK(v.error == "sessions/demo000000000003.json: SHA-256 does not match the manifest");
        const std::string extra = tar_with(*tar, "audit.jsonl", [](std::string& d) { d += "{\"target\":\"x\"}\n"; });
        REQUIRE(exporting::seal_to_file(extra, day.keys.public_key, bad.string(), &error));
        CHECK(exporting::verify_bundle(bad.string(), day.keys.secret_key).error.find("audit.jsonl") == 0);
    }
    SUBCASE("truncated") {
        refused(good.substr(0, good.size() / 2), "");
        CHECK(verify_bytes(good.substr(0, good.size() / 2)).error.find("truncated or tampered bundle") == 0);
        const size_t chunk = exporting::kChunkBytes + 17;
        const size_t prefix = 9 + 8 + 80 + 24;
        REQUIRE(good.size() > prefix + chunk);
        refused(good.substr(0, prefix + chunk), "truncated bundle: the encrypted stream ends before its final chunk");
        refused(good.substr(0, 40), "truncated bundle: the header is incomplete");
        refused(good + "x", "fails authentication"); // bytes appended: the last chunk no longer authenticates
    }
    SUBCASE("wrong key, unknown version, not a bundle") {
        const auto other = exporting::generate_central_keys();
        const auto v = exporting::verify_bundle(r.path, other.secret_key);
        CHECK_FALSE(v.ok);
        CHECK(v.error.find("wrong key: the bundle is sealed for central key " +
                           exporting::key_fingerprint(day.keys.public_key)) == 0);
        std::string t = good;
        t[8] = 9;
        refused(t, "unknown bundle version 9");
        refused("%PDF-1.4 hello", "not an Amorce bundle");
        refused("", "not an Amorce bundle");
    }
}

TEST_CASE("export: a full disk midway leaves no bundle and marks nothing exported") {
    DemoDay day;
    for (std::int64_t limit : {0, 100, 70'000}) {
        ExportOptions o = day.options();
        o.fail_after_bytes = limit;
        const auto r = day.export_now(o);
        CHECK_FALSE(r.ok);
        CHECK_MESSAGE(r.error.find("No space left on device") != std::string::npos, r.error);
        CHECK(files_in(day.out).empty());
        CHECK(day.count(core::SessionStatus::Exported) == 0);
    }
    // The same data then exports fine: nothing was half done.
    CHECK(day.export_now(day.options()).ok);
}

TEST_CASE("export: a read-only or missing output folder writes nothing and marks nothing") {
    DemoDay day;
    ExportOptions o = day.options();
    if (geteuid() == 0) {
        o.out_dir = "/proc"; // root ignores file modes: /proc refuses new files for everyone
    } else {
        REQUIRE(::chmod(day.out.c_str(), 0555) == 0);
    }
    auto r = day.export_now(o);
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("cannot write in " + o.out_dir) == 0);
    ::chmod(day.out.c_str(), 0755);
    CHECK(files_in(day.out).empty());
    o.out_dir = (day.dir.path / "missing").string();
    r = day.export_now(o);
    CHECK(r.error.find("does not exist") != std::string::npos);
    CHECK(day.count(core::SessionStatus::Exported) == 0);
    CHECK(day.count(core::SessionStatus::Finalized) == 3);
}

TEST_CASE("export: no key, a bad key, a session without synthesis or PDF assets: nothing written or marked") {
    test::TempDir dir("amorce-export-test");
    std::string error;
    auto st = store::Store::open((dir.path / "data").string(), &error);
    REQUIRE(st);
    core::Session s;
    s.id = "0123456789abcdef";
    s.created_at = core::unix_now() - 86400;
    s.status = core::SessionStatus::Finalized; // e.g. damaged data: finalized without a synthesis
    REQUIRE(st->save_now(s));
    ExportOptions o;
    o.out_dir = dir.str();
    o.assets = &assets();
    const auto plan = exporting::plan_export(*st, o);
    REQUIRE(plan.sessions.size() == 1);
    auto r = exporting::run_export(*st, plan, o);
    CHECK(r.error.find("no central public key") == 0);
    st->set_meta(exporting::kCentralKeyMeta, "not base64!");
    r = exporting::run_export(*st, plan, o);
    CHECK(r.error.find("the central public key in the settings is invalid") == 0);
    o.central_public_key = exporting::generate_central_keys().public_key;
    r = exporting::run_export(*st, plan, o);
    CHECK(r.error == "session 0123456789abcdef has no finalized synthesis: nothing exported");
    o.assets = nullptr;
    r = exporting::run_export(*st, plan, o);
    CHECK(r.error.find("synthesis assets") != std::string::npos);
    CHECK(files_in(dir.path).size() == 1); // only the data folder
    CHECK(st->list()[0].status == core::SessionStatus::Finalized);
}

TEST_CASE("export: central key files (keygen)") {
    test::TempDir dir("amorce-export-test");
    const auto keys = exporting::generate_central_keys();
    std::string error;
    REQUIRE(exporting::write_central_keys(dir.str(), keys, &error));
    struct stat st {};
    REQUIRE(::stat((dir.path / "central.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK_FALSE(exporting::write_central_keys(dir.str(), exporting::generate_central_keys(), &error));
    CHECK(error.find("already exists (not overwritten)") != std::string::npos);
    CHECK(exporting::read_public_key((dir.path / "central.pub").string(), &error) == keys.public_key);
    CHECK(exporting::read_secret_key((dir.path / "central.key").string(), &error) == keys.secret_key);
    CHECK_FALSE(exporting::read_secret_key((dir.path / "central.pub").string(), &error));
    CHECK(error.find("this is the public key") != std::string::npos);
    CHECK_FALSE(exporting::read_public_key((dir.path / "central.key").string(), &error));
    CHECK(error.find("SECRET key") != std::string::npos);
    CHECK(exporting::public_key_from_text(exporting::key_to_base64(keys.public_key), &error) == keys.public_key);
    CHECK_FALSE(exporting::read_secret_key((dir.path / "none.key").string(), &error));
}

TEST_CASE("export: the demo data has a central key, so a newcomer exports and verifies at once") {
    DemoDay day(false);
    ExportOptions o = day.options();
    o.central_public_key.clear(); // from the settings
    const auto r = day.export_now(o);
    INFO(r.error);
    REQUIRE(r.ok);
    std::string error;
    auto sk = exporting::read_secret_key((day.data / "demo-central" / "central.key").string(), &error);
    REQUIRE(sk);
    const auto v = exporting::verify_bundle(r.path, *sk);
    CHECK(v.ok);
    CHECK(v.sessions.size() == 1);
}

// The crash gap between the rename and the marks (see bundle.hpp): an intent recorded before the
// rename lets the next run mark what the interrupted one delivered, and only that.
namespace {
int export_entries(store::Store& st, const std::string& id = "") {
    store::AuditFilter f;
    f.what = store::audit_kind::kExport;
    if (!id.empty()) f.target = id;
    return static_cast<int>(st.audit_entries(f).size());
}
} // namespace

TEST_CASE("export: a crash right after the rename, then the next run marks the bundle's sessions with no duplicate") {
    DemoDay day;
    ExportOptions o = day.options();
    o.now = core::unix_now() - 60;
    o.test_crash = exporting::TestCrash::AfterRename;
    const auto crashed = day.export_now(o);
    CHECK_FALSE(crashed.ok);
    // As the tablet left it: one bundle in place, its sessions still "finalized", the intent kept.
    const auto left = files_in(day.out);
    REQUIRE(left.size() == 1);
    CHECK(day.count(core::SessionStatus::Finalized) == 3);
    CHECK(export_entries(*day.st) == 0);
    CHECK_FALSE(day.st->meta(exporting::kPendingExportMeta).value_or("").empty());

    // The next run (the app's export screen plans first): the bundle's sessions are marked at its
    // time, nothing is left to export, and no second bundle is written.
    ExportOptions again = day.options();
    const auto plan = exporting::plan_export(*day.st, again);
    CHECK(plan.problems.empty());
    CHECK(plan.interrupted.outcome == exporting::PendingExportReport::Outcome::Marked);
    CHECK(plan.interrupted.marked.size() == 3);
    CHECK(plan.interrupted.bundle_path == (fs::absolute(day.out) / left[0]).string());
    CHECK(plan.empty());
    CHECK(plan.already_exported == 3);
    CHECK(exporting::run_export(*day.st, plan, again).error == "nothing to export");
    CHECK(files_in(day.out).size() == 1);
    for (const auto& s : day.st->list()) {
        CHECK(s.status == core::SessionStatus::Exported);
        CHECK(s.exported_at == o.now);
    }
    CHECK(export_entries(*day.st) == 3);
    for (const char* id : {"demo000000000001", "demo000000000002", "demo000000000003"}) {
        store::AuditFilter f;
        f.what = store::audit_kind::kExport;
        f.target = id;
        const auto e = day.st->audit_entries(f);
        REQUIRE(e.size() == 1);
        CHECK(e[0].detail == ""); // a first export, not "again"
    }
    CHECK(day.st->meta(exporting::kPendingExportMeta).value_or("").empty());
    // The bundle the crash left is whole: the central system reads it.
    const auto v = exporting::verify_bundle((day.out / left[0]).string(), day.keys.secret_key);
    INFO(v.error);
    CHECK(v.ok);
    CHECK(v.sessions.size() == 3);
    // Settled once: nothing more happens.
    exporting::PendingExportReport rep;
    CHECK(exporting::resolve_pending_export(*day.st, &rep));
    CHECK(rep.outcome == exporting::PendingExportReport::Outcome::None);
}

TEST_CASE("export: a crash after some marks, then settling marks only the others (one audit entry each)") {
    DemoDay day;
    ExportOptions o = day.options();
    o.now = core::unix_now() - 60;
    o.test_crash = exporting::TestCrash::AfterRename;
    CHECK_FALSE(day.export_now(o).ok);
    // As if the marks had been committed for one session and the record not cleared yet.
    REQUIRE(day.st->mark_exported({"demo000000000002"}, o.now));
    exporting::PendingExportReport rep;
    REQUIRE(exporting::resolve_pending_export(*day.st, &rep));
    CHECK(rep.outcome == exporting::PendingExportReport::Outcome::Marked);
    CHECK(rep.marked.size() == 2);
    CHECK(rep.skipped == std::vector<std::string>{"demo000000000002"});
    CHECK(day.count(core::SessionStatus::Exported) == 3);
    CHECK(export_entries(*day.st, "demo000000000002") == 1);
    CHECK(export_entries(*day.st) == 3);
}

TEST_CASE("export: a crash before the rename delivered nothing, so the record and the half file go and nothing is marked") {
    DemoDay day;
    ExportOptions o = day.options();
    o.test_crash = exporting::TestCrash::BeforeRename;
    CHECK_FALSE(day.export_now(o).ok);
    REQUIRE(files_in(day.out).size() == 1); // the temporary file a crash leaves
    CHECK(files_in(day.out)[0].back() == 'p'); // ".….amorce.tmp"
    const auto plan = exporting::plan_export(*day.st, day.options());
    CHECK(plan.interrupted.outcome == exporting::PendingExportReport::Outcome::Discarded);
    CHECK(plan.interrupted.detail.find("no bundle at") == 0);
    CHECK(files_in(day.out).empty());
    CHECK(plan.sessions.size() == 3);
    CHECK(day.count(core::SessionStatus::Finalized) == 3);
    CHECK(export_entries(*day.st) == 0);
    // And the export then goes as usual: one bundle.
    const auto r = exporting::run_export(*day.st, plan, day.options());
    INFO(r.error);
    CHECK(r.ok);
    CHECK(files_in(day.out).size() == 1);
    CHECK(day.st->meta(exporting::kPendingExportMeta).value_or("").empty());
}

TEST_CASE("export: an interrupted export whose file is not that bundle any more marks nothing") {
    DemoDay day;
    ExportOptions o = day.options();
    o.test_crash = exporting::TestCrash::AfterRename;
    CHECK_FALSE(day.export_now(o).ok);
    REQUIRE(files_in(day.out).size() == 1);
    const fs::path bundle = day.out / files_in(day.out)[0];
    std::string bytes = read_bytes(bundle);
    SUBCASE("another file of the same size") {
        bytes[40] = static_cast<char>(bytes[40] ^ 0x55); // in the sealed key: another bundle's header
        write_bytes(bundle, bytes);
    }
    SUBCASE("a cut file") { write_bytes(bundle, bytes.substr(0, bytes.size() / 2)); }
    SUBCASE("removed") { fs::remove(bundle); }
    exporting::PendingExportReport rep;
    CHECK(exporting::resolve_pending_export(*day.st, &rep));
    CHECK(rep.outcome == exporting::PendingExportReport::Outcome::Discarded);
    CHECK(day.count(core::SessionStatus::Finalized) == 3);
    CHECK(export_entries(*day.st) == 0);
    CHECK(day.st->meta(exporting::kPendingExportMeta).value_or("").empty());
}

TEST_CASE("export: an interrupted export is not settled while the store is locked, and blocks a new one") {
    DemoDay day;
    ExportOptions o = day.options();
    o.test_crash = exporting::TestCrash::AfterRename;
    CHECK_FALSE(day.export_now(o).ok);
    day.st->lock("test");
    exporting::PendingExportReport rep;
    CHECK_FALSE(exporting::resolve_pending_export(*day.st, &rep));
    CHECK(rep.outcome == exporting::PendingExportReport::Outcome::Failed);
    const auto plan = exporting::plan_export(*day.st, day.options());
    REQUIRE_FALSE(plan.problems.empty());
    CHECK(plan.problems[0].find("an earlier export was interrupted") == 0);
    REQUIRE(day.st->unlock("demo", app::kDemoSecret).ok());
    CHECK(exporting::resolve_pending_export(*day.st, &rep));
    CHECK(rep.outcome == exporting::PendingExportReport::Outcome::Marked);
    CHECK(files_in(day.out).size() == 1);
}
