// Unit tests for src/store: SQLite persistence, async writer, damage handling, migrations.
// Every test works in its own fresh directory under /tmp (removed afterwards).
// Each TEST_CASE stays on one line at column 0 (tests/doctest_ctest.cmake registers them by regex).
#include "core/commands.hpp"
#include "core/serialize.hpp"
#include "core/session.hpp"
#include "store/store.hpp"

#include "../data/golden_v1.hpp"
#include "../data/golden_v2.hpp"
#include "../data/golden_v3.hpp"
#include "../data/golden_v4.hpp"
#include "../data/golden_v5.hpp"
#include "../data/golden_v6.hpp"

#include <doctest/doctest.h>

#include "raw_db.hpp"
#include "temp_dir.hpp"
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using amorce::core::Date;
using amorce::core::LegalStatus;
using amorce::core::Session;
using amorce::core::SessionStatus;
using amorce::core::SessionSummary;
using amorce::store::OpenReport;
using amorce::store::Store;
using amorce::test::RawDb;

namespace {

struct TempDir : amorce::test::TempDir {
    TempDir() : amorce::test::TempDir("amorce-store-test") {}
    fs::path db() const { return path / Store::kFileName; }
};

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_bytes(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(out.good());
}

std::int64_t local_noon(int y, int m, int d) {
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    return static_cast<std::int64_t>(std::mktime(&tm));
}

Session make_session(const std::string& id, const std::string& last_name, int y = 2026, int m = 11,
                     int d = 20) {
    Session s;
    s.id = id;
    s.participant.last_name = last_name;
    s.participant.first_name = "Zoé";
    s.participant.birth_date = Date{1990, 5, 17};
    s.participant.ecrou = "2026-" + id.substr(0, 5);
    s.participant.establishment = "Maison d’arrêt de Fresnes";
    s.participant.legal_status = LegalStatus::Prevenu;
    s.participant.entry_date = Date{2026, 11, 1};
    s.participant.languages = {"fr"};
    s.counsellor_id = "c-001";
    s.counsellor_name = "Émile Lœwy";
    s.created_at = local_noon(y, m, d);
    s.notes = "« Cœur à l’ouvrage » — " + last_name;
    s.revision = 1;
    return s;
}

std::string hex_id(int i) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016x", i);
    return buf;
}

std::unique_ptr<Store> open_store(const TempDir& dir, OpenReport* report = nullptr) {
    std::string error;
    auto store = Store::open(dir.str(), &error, report);
    INFO("open error: " << error);
    REQUIRE(store != nullptr);
    return store;
}


// Records every connection opened in this process while installed (sqlite3_auto_extension
// runs for each new connection), so a test can ask the Store's own connections for their settings.
std::mutex g_seen_mutex;
std::vector<sqlite3*> g_seen_connections;
int record_connection(sqlite3* db, char**, const void*) {
    std::lock_guard<std::mutex> lock(g_seen_mutex);
    g_seen_connections.push_back(db);
    return SQLITE_OK;
}

std::int64_t pragma_int(sqlite3* db, const char* sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const std::int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

const SessionSummary* find_summary(const std::vector<SessionSummary>& list, const std::string& id) {
    for (const auto& s : list)
        if (s.id == id) return &s;
    return nullptr;
}

} // namespace

// [SECTION] Saving and loading

TEST_CASE("store: save_now then load and list") {
    TempDir dir;
    auto store = open_store(dir);
    CHECK(store->path() == dir.db().string());
    CHECK(store->schema_version() == Store::kSchemaVersion);
    CHECK(store->list().empty());

    Session s = make_session(hex_id(1), "Lefèvre");
    s.notes += "\nSœur à Lyon ; « œuvre » 🙂";
    s.status = SessionStatus::Finalized;
    std::string error;
    REQUIRE(store->save_now(s, &error));
    CHECK(error.empty());

    auto back = store->load(s.id, &error);
    REQUIRE(back);
    CHECK(*back == s);

    const auto list = store->list();
    REQUIRE(list.size() == 1);
    CHECK(list[0].id == s.id);
    CHECK(list[0].display_name == "LEFÈVRE Zoé");
    CHECK(list[0].ecrou == s.participant.ecrou);
    CHECK(list[0].interview_date == Date{2026, 11, 20});
    CHECK(list[0].status == SessionStatus::Finalized);
    CHECK(list[0].revision == 1);
    CHECK_FALSE(list[0].damaged);

    error.clear();
    CHECK_FALSE(store->load("ffffffffffffffff", &error));
    CHECK_FALSE(error.empty());
}

TEST_CASE("store: saved sessions survive closing and reopening") {
    TempDir dir;
    std::vector<Session> saved;
    {
        auto store = open_store(dir);
        for (int i = 0; i < 5; ++i) {
            saved.push_back(make_session(hex_id(100 + i), "Nom" + std::to_string(i), 2026, 10, 1 + i));
            REQUIRE(store->save_now(saved.back()));
        }
        REQUIRE(store->add_counsellor({"c-001", "Émile Lœwy"}));
        REQUIRE(store->set_meta("device", "tablette n°3"));
    }
    OpenReport report;
    auto store = open_store(dir, &report);
    CHECK_FALSE(report.database_was_damaged);
    CHECK(store->list().size() == 5);
    for (const auto& s : saved) {
        auto back = store->load(s.id);
        REQUIRE(back);
        CHECK(*back == s);
    }
    const auto cs = store->counsellors();
    REQUIRE(cs.size() == 1);
    CHECK(cs[0].display_name == "Émile Lœwy");
    CHECK(store->meta("device") == std::string("tablette n°3"));
    CHECK_FALSE(store->meta("absent"));

    REQUIRE(store->remove(saved[0].id));
    CHECK_FALSE(store->load(saved[0].id));
    CHECK(store->list().size() == 4);
}

TEST_CASE("store: save_async is committed by flush and reported by the commit hook") {
    TempDir dir;
    auto store = open_store(dir);
    std::mutex m;
    std::vector<std::pair<std::string, std::uint64_t>> committed;
    store->set_commit_hook([&](const std::vector<std::pair<std::string, std::uint64_t>>& done) {
        std::lock_guard<std::mutex> lock(m);
        committed.insert(committed.end(), done.begin(), done.end());
    });

    Session s = make_session(hex_id(7), "Benoît");
    for (std::uint64_t r = 1; r <= 50; ++r) {
        s.revision = r;
        s.notes = "note " + std::to_string(r);
        store->save_async(s);
    }
    Session other = make_session(hex_id(8), "Dubœuf");
    store->save_async(other);
    REQUIRE(store->flush());
    CHECK(store->write_error().empty());

    auto back = store->load(s.id);
    REQUIRE(back);
    CHECK(back->revision == 50);
    CHECK(back->notes == "note 50");
    CHECK(store->load(other.id) == other);

    std::lock_guard<std::mutex> lock(m);
    REQUIRE_FALSE(committed.empty());
    std::uint64_t last = 0;
    bool other_seen = false;
    for (const auto& c : committed) {
        if (c.first == s.id) {
            CHECK(c.second > last); // revisions of one session are committed in increasing order
            last = c.second;
        } else {
            CHECK(c.first == other.id);
            other_seen = true;
        }
    }
    CHECK(last == 50);
    CHECK(other_seen);
}

TEST_CASE("store: save_async is visible on disk within one second without flush") {
    TempDir dir;
    auto store = open_store(dir);
    Session s = make_session(hex_id(9), "Martin");
    s.revision = 4;
    const auto t0 = std::chrono::steady_clock::now();
    store->save_async(s);
    const auto queued = std::chrono::steady_clock::now() - t0;
    CHECK(queued < std::chrono::milliseconds(50)); // never waits on the disk

    bool seen = false;
    while (std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1)) {
        RawDb raw(dir.db()); // another connection: proves it is committed, not just cached
        const auto revs = raw.ints("SELECT revision FROM sessions WHERE id='" + s.id + "'");
        if (!revs.empty() && revs[0] == 4) {
            seen = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(seen);
}

TEST_CASE("store: destroying the store commits pending async saves") {
    TempDir dir;
    Session s = make_session(hex_id(10), "Durand");
    {
        auto store = open_store(dir);
        for (std::uint64_t r = 1; r <= 20; ++r) {
            s.revision = r;
            store->save_async(s);
        }
    }
    auto store = open_store(dir);
    auto back = store->load(s.id);
    REQUIRE(back);
    CHECK(back->revision == 20);
}

TEST_CASE("store: list is sorted by deadline") {
    TempDir dir;
    auto store = open_store(dir);
    // Saved in a shuffled order; interview days decide the order, then the id.
    Session late = make_session(hex_id(0x30), "Tardif", 2026, 11, 25);
    Session early = make_session(hex_id(0x20), "Précoce", 2026, 11, 2);
    Session mid_b = make_session(hex_id(0x11), "Milieu-B", 2026, 11, 10);
    Session mid_a = make_session(hex_id(0x10), "Milieu-A", 2026, 11, 10);
    // Created first, but the interview started later: the start decides the deadline.
    Session started = make_session(hex_id(0x01), "Commencé", 2026, 10, 1);
    started.started_at = local_noon(2026, 11, 20);
    Session last_year = make_session(hex_id(0x40), "Ancien", 2025, 12, 31);
    for (const Session* s : {&late, &mid_b, &started, &early, &last_year, &mid_a}) REQUIRE(store->save_now(*s));

    const auto list = store->list();
    std::vector<std::string> ids;
    for (const auto& s : list) ids.push_back(s.id);
    const std::vector<std::string> expected{last_year.id, early.id, mid_a.id, mid_b.id, started.id, late.id};
    CHECK(ids == expected);
    for (size_t i = 1; i < list.size(); ++i)
        CHECK(list[i - 1].days_left(Date{2026, 11, 27}) <= list[i].days_left(Date{2026, 11, 27}));
    CHECK(list[4].interview_date == Date{2026, 11, 20});
    CHECK(list[4].days_left(Date{2026, 11, 27}) == -2);

    // Changing the start moves the session in the list.
    started.started_at = local_noon(2026, 11, 1);
    started.revision = 2;
    REQUIRE(store->save_now(started));
    CHECK(store->list()[0].id == last_year.id);
    CHECK(store->list()[1].id == started.id);
}

TEST_CASE("store: an older revision never overwrites a newer one") {
    TempDir dir;
    auto store = open_store(dir);
    Session s = make_session(hex_id(11), "Ordre");
    s.revision = 5;
    s.notes = "révision 5";
    REQUIRE(store->save_now(s));

    Session old = s;
    old.revision = 3;
    old.notes = "révision 3";
    store->save_now(old); // accepted or not, it must not replace revision 5
    CHECK(store->load(s.id)->notes == "révision 5");

    // Same through the async path, in both orders relative to the writer.
    Session r7 = s, r6 = s;
    r7.revision = 7;
    r7.notes = "révision 7";
    r6.revision = 6;
    r6.notes = "révision 6";
    store->save_async(r7);
    store->save_async(r6);
    REQUIRE(store->flush());
    CHECK(store->load(s.id)->revision == 7);
    CHECK(store->load(s.id)->notes == "révision 7");
    CHECK(store->list()[0].revision == 7);

    store->save_async(r6);
    REQUIRE(store->flush());
    CHECK(store->load(s.id)->notes == "révision 7");

    // A newer revision does replace it.
    Session r8 = s;
    r8.revision = 8;
    r8.notes = "révision 8";
    REQUIRE(store->save_now(r8));
    CHECK(store->load(s.id)->notes == "révision 8");
}

TEST_CASE("store: database uses WAL and synchronous FULL") {
    TempDir dir;
    {
        std::lock_guard<std::mutex> lock(g_seen_mutex);
        g_seen_connections.clear();
    }
    using Entry = void (*)(void);
    REQUIRE(sqlite3_auto_extension(reinterpret_cast<Entry>(&record_connection)) == SQLITE_OK);
    auto store = open_store(dir);
    sqlite3_cancel_auto_extension(reinterpret_cast<Entry>(&record_connection));
    REQUIRE(store->save_now(make_session(hex_id(12), "Wal")));

    // The journal mode is stored in the file: any other connection sees it.
    {
        RawDb raw(dir.db());
        CHECK(raw.text("PRAGMA journal_mode") == "wal");
    }
    // synchronous is per connection: ask the Store's own connections.
    std::vector<sqlite3*> conns;
    {
        std::lock_guard<std::mutex> lock(g_seen_mutex);
        conns = g_seen_connections;
    }
    REQUIRE(conns.size() >= 1);
    int full = 0;
    for (sqlite3* c : conns) {
        CHECK(pragma_int(c, "PRAGMA synchronous") >= 2); // FULL (2) or EXTRA (3), never NORMAL/OFF
        if (pragma_int(c, "PRAGMA synchronous") == 2) ++full;
    }
    CHECK(full >= 1);
}

// [SECTION] Damaged rows and files

TEST_CASE("store: a row with altered payload bytes does not load and is then listed as damaged") {
    TempDir dir;
    const Session good1 = make_session(hex_id(21), "Intact-Un", 2026, 11, 1);
    const Session bad = make_session(hex_id(22), "Abîmé", 2026, 11, 2);
    const Session good2 = make_session(hex_id(23), "Intact-Deux", 2026, 11, 3);
    {
        auto store = open_store(dir);
        for (const Session* s : {&good1, &bad, &good2}) REQUIRE(store->save_now(*s));
    }
    {
        RawDb raw(dir.db());
        raw.flip_blob_byte("payload", bad.id);
    }
    OpenReport report;
    auto store = open_store(dir, &report);
    CHECK_FALSE(report.database_was_damaged); // the file itself is fine

    // Listing reads only the summaries (fast); the payload is verified when opened.
    CHECK(store->list().size() == 3);

    std::string error;
    bool damaged = false;
    CHECK_FALSE(store->load(bad.id, &error, &damaged));
    CHECK(damaged);
    CHECK(error.find("damaged") != std::string::npos);
    CHECK(store->load(good1.id) == good1);
    CHECK(store->load(good2.id) == good2);

    // From then on the list shows it as damaged, and the others as fine.
    const auto list = store->list();
    REQUIRE(list.size() == 3);
    const SessionSummary* b = find_summary(list, bad.id);
    REQUIRE(b);
    CHECK(b->damaged);
    CHECK(b->display_name.empty());
    CHECK_FALSE(find_summary(list, good1.id)->damaged);
    CHECK_FALSE(find_summary(list, good2.id)->damaged);
    CHECK(find_summary(list, good1.id)->display_name == "INTACT-UN Zoé");

    // A missing id is not "damaged".
    CHECK_FALSE(store->load("0000000000000000", &error, &damaged));
    CHECK_FALSE(damaged);
}

TEST_CASE("store: a row with an altered summary is listed as damaged") {
    TempDir dir;
    const Session good = make_session(hex_id(24), "Intact");
    const Session bad = make_session(hex_id(25), "Résumé-Abîmé");
    {
        auto store = open_store(dir);
        REQUIRE(store->save_now(good));
        REQUIRE(store->save_now(bad));
        RawDb raw(dir.db()); // altered while the store is open
        raw.flip_blob_byte("summary", bad.id);
    }
    auto store = open_store(dir);
    const auto list = store->list();
    REQUIRE(list.size() == 2);
    const SessionSummary* b = find_summary(list, bad.id);
    REQUIRE(b);
    CHECK(b->damaged);
    CHECK(b->display_name.empty()); // nothing made up from the damaged bytes
    CHECK_FALSE(find_summary(list, good.id)->damaged);
    CHECK(store->load(good.id) == good);
}

TEST_CASE("store: set_aside_damaged writes a new file and never overwrites one") {
    TempDir dir;
    const Session bad = make_session(hex_id(26), "Abîmé");
    auto store = open_store(dir);
    REQUIRE(store->save_now(bad));
    {
        RawDb raw(dir.db());
        raw.flip_blob_byte("payload", bad.id);
    }
    std::string stored;
    {
        RawDb raw(dir.db());
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(raw.db, "SELECT s.summary, p.payload FROM sessions s JOIN payloads p USING(id)", -1,
                                   &st, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        for (int c = 0; c < 2; ++c)
            stored.append(static_cast<const char*>(sqlite3_column_blob(st, c)),
                          static_cast<size_t>(sqlite3_column_bytes(st, c)));
        sqlite3_finalize(st);
    }

    const std::string first = store->set_aside_damaged(bad.id);
    REQUIRE_FALSE(first.empty());
    CHECK(fs::path(first).parent_path() == dir.path / "damaged");
    CHECK(read_bytes(first) == stored); // the exact stored bytes, for later recovery
    write_bytes(first, "sentinelle");

    // Within one run, tapping the damaged row again reuses the copy (no pile of files)...
    CHECK(store->set_aside_damaged(bad.id) == first);
    CHECK(read_bytes(first) == "sentinelle");

    // ...and each later run makes a new file, in the same second or not, never over an old one.
    std::set<std::string> paths{first};
    for (int i = 0; i < 10; ++i) {
        store.reset();
        store = open_store(dir);
        const std::string p = store->set_aside_damaged(bad.id);
        REQUIRE_FALSE(p.empty());
        CHECK(paths.insert(p).second);
        CHECK(read_bytes(p) == stored);
    }
    CHECK(read_bytes(first) == "sentinelle");
    size_t files = 0;
    for (const auto& e : fs::directory_iterator(dir.path / "damaged")) files += e.is_regular_file() ? 1 : 0;
    CHECK(files == 11);

    CHECK(store->set_aside_damaged("ffffffffffffffff").empty());
    // The damaged row is still there, untouched.
    CHECK(store->list().size() == 1);
}

TEST_CASE("store: a database file of garbage is set aside and a fresh one is started") {
    TempDir dir;
    std::mt19937 rng(4096);
    std::string garbage(4096, '\0');
    for (char& c : garbage) c = static_cast<char>(rng());
    write_bytes(dir.db(), garbage);

    OpenReport report;
    std::string error;
    auto store = Store::open(dir.str(), &error, &report);
    INFO(error);
    REQUIRE(store);
    CHECK(report.database_was_damaged);
    CHECK(report.salvaged_sessions == 0);
    REQUIRE_FALSE(report.damaged_copy.empty());
    CHECK(fs::path(report.damaged_copy).parent_path() == dir.path / "damaged");
    CHECK(read_bytes(report.damaged_copy) == garbage);

    // The new database works and keeps what is saved.
    CHECK(store->list().empty());
    const Session s = make_session(hex_id(31), "Nouveau");
    REQUIRE(store->save_now(s));
    store.reset();
    OpenReport again;
    store = open_store(dir, &again);
    CHECK_FALSE(again.database_was_damaged);
    CHECK(store->load(s.id) == s);
    CHECK(read_bytes(report.damaged_copy) == garbage);

    // A second damaged file is set aside beside the first, never over it.
    store.reset();
    std::string garbage2 = garbage;
    std::reverse(garbage2.begin(), garbage2.end());
    write_bytes(dir.db(), garbage2);
    fs::remove(dir.path / (std::string(Store::kFileName) + "-wal"));
    fs::remove(dir.path / (std::string(Store::kFileName) + "-shm"));
    OpenReport third;
    store = open_store(dir, &third);
    CHECK(third.database_was_damaged);
    CHECK(third.damaged_copy != report.damaged_copy);
    CHECK(read_bytes(third.damaged_copy) == garbage2);
    CHECK(read_bytes(report.damaged_copy) == garbage);
}

namespace {

// Saves 200 sessions spread over several b-tree pages of both tables (the narrow index table
// needs that many to fill more than a few pages) and closes the store (WAL checkpointed).
std::vector<Session> fill_for_salvage(const TempDir& dir) {
    std::vector<Session> saved;
    auto store = open_store(dir);
    for (int i = 0; i < 200; ++i) {
        Session s = make_session(hex_id(0x100 + i), "Personne-" + std::to_string(i), 2026, 10, 1 + i % 28);
        s.notes = std::string(600 + static_cast<size_t>(i), 'x') + " « fin » n°" + std::to_string(i);
        saved.push_back(s);
        REQUIRE(store->save_now(s));
    }
    store.reset();
    REQUIRE_FALSE(fs::exists(dir.path / (std::string(Store::kFileName) + "-wal")));
    return saved;
}

// Overwrites one page of the database file with random bytes; returns the new file content.
std::string scramble_page(const TempDir& dir, const char* btree, bool leaf_in_middle) {
    std::int64_t page = 0, page_size = 0;
    {
        RawDb raw(dir.db());
        page_size = raw.ints("PRAGMA page_size").at(0);
        const auto pages = raw.ints(std::string("SELECT pageno FROM dbstat WHERE name='") + btree + "'" +
                                    (leaf_in_middle ? " AND pagetype='leaf'" : "") + " ORDER BY pageno");
        REQUIRE_FALSE(pages.empty());
        page = leaf_in_middle ? pages[pages.size() / 2] : pages.front();
        if (leaf_in_middle) REQUIRE(pages.size() >= 4);
    }
    std::string bytes = read_bytes(dir.db());
    std::mt19937 rng(7);
    for (std::int64_t i = 0; i < page_size; ++i)
        bytes[static_cast<size_t>((page - 1) * page_size + i)] = static_cast<char>(rng());
    write_bytes(dir.db(), bytes);
    return bytes;
}

// Every session listed after a salvage is one of the saved ones, complete and exact.
void check_salvaged_exact(Store& store, const std::vector<Session>& saved, const OpenReport& report) {
    const auto list = store.list();
    CHECK(static_cast<int>(list.size()) == report.salvaged_sessions);
    for (const auto& sum : list) {
        CAPTURE(sum.id);
        CHECK_FALSE(sum.damaged);
        const auto it = std::find_if(saved.begin(), saved.end(), [&](const Session& s) { return s.id == sum.id; });
        REQUIRE(it != saved.end());
        auto back = store.load(sum.id);
        REQUIRE(back);
        CHECK(*back == *it);
    }
}

} // namespace

TEST_CASE("store: a corrupted page of the session index table loses nothing (rebuilt from payloads)") {
    TempDir dir;
    const auto saved = fill_for_salvage(dir);
    const std::string corrupted = scramble_page(dir, "sessions", true);

    OpenReport report;
    auto store = open_store(dir, &report);
    CHECK(report.database_was_damaged);
    CHECK(read_bytes(report.damaged_copy) == corrupted);
    CHECK(report.salvaged_sessions == static_cast<int>(saved.size()));
    CHECK(report.lost_sessions == 0);
    check_salvaged_exact(*store, saved, report);
}

TEST_CASE("store: a corrupted payload page salvages the readable sessions and counts the lost ones") {
    TempDir dir;
    const auto saved = fill_for_salvage(dir);
    const std::string corrupted = scramble_page(dir, "payloads", true);

    OpenReport report;
    auto store = open_store(dir, &report);
    CHECK(report.database_was_damaged);
    CHECK(read_bytes(report.damaged_copy) == corrupted);
    CHECK(report.salvaged_sessions + report.lost_sessions == static_cast<int>(saved.size()));
    CHECK(report.salvaged_sessions >= 1);
    CHECK(report.lost_sessions >= 1);
    MESSAGE("salvaged " << report.salvaged_sessions << ", lost " << report.lost_sessions);
    check_salvaged_exact(*store, saved, report);
}

TEST_CASE("store: a database with a corrupted primary key index salvages every session") {
    TempDir dir;
    const auto saved = fill_for_salvage(dir);
    scramble_page(dir, "sqlite_autoindex_sessions_1", false);

    OpenReport report;
    auto store = open_store(dir, &report);
    CHECK(report.database_was_damaged);
    CHECK(report.salvaged_sessions == static_cast<int>(saved.size())); // the rows themselves are intact
    CHECK(report.lost_sessions == 0);
    check_salvaged_exact(*store, saved, report);
}

TEST_CASE("store: a truncated database file salvages the sessions before the cut") {
    TempDir dir;
    const auto saved = fill_for_salvage(dir);
    // Cut right after the first `sessions` leaf page of the second half: the sessions on that page
    // are known, but their payloads (written after it) are past the cut. Taken from dbstat so the
    // cut does not depend on the payload size (a cut at exactly half lost nothing once the
    // payload grew by 8 bytes).
    std::int64_t page_size = 0, cut_pages = 0;
    {
        RawDb raw(dir.db());
        page_size = raw.ints("PRAGMA page_size").at(0);
        const std::int64_t total = raw.ints("PRAGMA page_count").at(0);
        const auto leaves = raw.ints("SELECT pageno FROM dbstat WHERE name='sessions' AND pagetype='leaf' AND pageno >= " +
                                     std::to_string(total / 2) + " ORDER BY pageno");
        REQUIRE_FALSE(leaves.empty());
        cut_pages = leaves.front();
    }
    std::string bytes = read_bytes(dir.db());
    REQUIRE(static_cast<std::int64_t>(bytes.size()) > cut_pages * page_size);
    bytes.resize(static_cast<size_t>(cut_pages * page_size));
    write_bytes(dir.db(), bytes);

    OpenReport report;
    auto store = open_store(dir, &report);
    CHECK(report.database_was_damaged);
    CHECK(read_bytes(report.damaged_copy) == bytes);
    // Sessions entirely past the cut leave no trace, so only "at most" can be known here.
    CHECK(report.salvaged_sessions + report.lost_sessions <= static_cast<int>(saved.size()));
    CHECK(report.salvaged_sessions >= 1);
    CHECK(report.lost_sessions >= 1);
    MESSAGE("salvaged " << report.salvaged_sessions << ", lost " << report.lost_sessions);
    check_salvaged_exact(*store, saved, report);
}

TEST_CASE("store: a database written by a newer version is refused and left untouched") {
    SUBCASE("WAL file written by the store") {
        TempDir dir;
        {
            auto store = open_store(dir);
            REQUIRE(store->save_now(make_session(hex_id(41), "Futur")));
        }
        {
            RawDb raw(dir.db());
            raw.exec("PRAGMA user_version=" + std::to_string(Store::kSchemaVersion + 1));
            raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        fs::remove(dir.path / (std::string(Store::kFileName) + "-wal"));
        fs::remove(dir.path / (std::string(Store::kFileName) + "-shm"));
        const std::string before = read_bytes(dir.db());

        std::string error;
        OpenReport report;
        auto store = Store::open(dir.str(), &error, &report);
        CHECK(store == nullptr);
        CHECK(error.find("newer") != std::string::npos);
        CHECK_FALSE(report.database_was_damaged);
        CHECK(read_bytes(dir.db()) == before);
        CHECK_FALSE(fs::exists(dir.path / "damaged"));
    }
    SUBCASE("rollback-journal file") {
        TempDir dir;
        {
            RawDb raw(dir.db());
            raw.exec("PRAGMA journal_mode=DELETE");
            raw.exec("CREATE TABLE sessions(id TEXT PRIMARY KEY, payload BLOB)");
            raw.exec("INSERT INTO sessions VALUES('abc', x'0102')");
            raw.exec("PRAGMA user_version=" + std::to_string(Store::kSchemaVersion + 5));
        }
        const std::string before = read_bytes(dir.db());
        std::string error;
        auto store = Store::open(dir.str(), &error);
        CHECK(store == nullptr);
        CHECK(error.find("newer") != std::string::npos);
        CHECK(read_bytes(dir.db()) == before);
        CHECK_FALSE(fs::exists(dir.path / "damaged"));
    }
}

TEST_CASE("store: an empty database file is initialised") {
    TempDir dir;
    write_bytes(dir.db(), "");
    OpenReport report;
    auto store = open_store(dir, &report);
    CHECK_FALSE(report.database_was_damaged);
    CHECK(store->schema_version() == Store::kSchemaVersion);
    const Session s = make_session(hex_id(51), "Vide");
    REQUIRE(store->save_now(s));
    CHECK(store->load(s.id) == s);
}

// [SECTION] Golden files (one per schema version; see tests/data/README.md)

// Opens a copy of a committed golden database (opening may migrate or checkpoint, so the committed
// file is never opened in place) and, when the test ends, checks the committed file is untouched.
struct GoldenCopy {
    fs::path file;
    std::string bytes;
    std::unique_ptr<Store> store;
    GoldenCopy(const char* golden_dir, const TempDir& dir)
        : file(fs::path(AMORCE_TEST_DATA_DIR) / golden_dir / Store::kFileName) {
        REQUIRE(fs::exists(file));
        bytes = read_bytes(file);
        fs::copy_file(file, dir.db());
        OpenReport report;
        store = open_store(dir, &report);
        CHECK_FALSE(report.database_was_damaged);
        CHECK(store->schema_version() == Store::kSchemaVersion);
    }
    ~GoldenCopy() {
        CHECK(read_bytes(file) == bytes);
        CHECK_FALSE(fs::exists(file.string() + "-wal"));
    }
};

TEST_CASE("store: golden v1 database opens") {
    TempDir dir;
    GoldenCopy golden(golden_v1::kDir, dir);
    auto& store = golden.store;

    const auto expected = golden_v1::sessions();
    const auto list = store->list();
    REQUIRE(list.size() == 3);
    // Sorted by deadline: March 2025, June 2025, January 2026.
    CHECK(list[0].id == "a1b2c3d4e5f60718");
    CHECK(list[1].id == "0f1e2d3c4b5a6978");
    CHECK(list[2].id == "9988776655443322");
    CHECK(list[0].display_name == "LEFÈVRE Zoé");
    CHECK(list[1].display_name == "N’DIAYE Oumar");
    CHECK(list[2].display_name == "ŒLSCHLÄGER Jérôme");
    CHECK(list[0].interview_date == Date{2025, 3, 10});
    CHECK(list[2].status == SessionStatus::Exported);
    for (const auto& sum : list) CHECK_FALSE(sum.damaged);

    for (const auto& want : expected) {
        CAPTURE(want.id);
        std::string error;
        auto got = store->load(want.id, &error);
        INFO(error);
        REQUIRE(got);
        CHECK(*got == want);
    }
    // A few literal values, in case golden_v1.hpp were ever edited by mistake.
    auto a = store->load("a1b2c3d4e5f60718");
    REQUIRE(a);
    CHECK(a->participant.last_name == "Lefèvre");
    CHECK(a->participant.establishment == "Maison d’arrêt de Fresnes");
    CHECK(a->counsellor_name == "Émile Lœwy");
    CHECK(a->participant.birth_date == Date{1990, 5, 17});
    CHECK(a->consent);
    CHECK(a->revision == 37);
    CHECK(a->history.size() == 3);
    CHECK(a->notes.rfind("« Je veux passer le CAP cuisine. » Cœur", 0) == 0);
    auto c = store->load("9988776655443322");
    REQUIRE(c);
    CHECK(c->participant.birth_date == Date{2000, 2, 29});
    CHECK(c->notes.empty());
    CHECK(c->history.back().detail == "lot n°1");

    const auto cs = store->counsellors();
    REQUIRE(cs.size() == 2);
    CHECK(cs[1].display_name == "Françoise Dubœuf");

    // The opened copy keeps working, and the committed file was not touched.
    Session b = *store->load("0f1e2d3c4b5a6978");
    b.notes += " Suite.";
    ++b.revision;
    REQUIRE(store->save_now(b));
    CHECK(store->load(b.id) == b);
}

TEST_CASE("store: golden v2 database opens") {
    TempDir dir;
    GoldenCopy golden(golden_v2::kDir, dir);
    auto& store = golden.store;

    const auto expected = golden_v2::sessions();
    const auto list = store->list();
    REQUIRE(list.size() == 3);
    CHECK(list[0].id == "a1b2c3d4e5f60718");
    CHECK(list[1].id == "0f1e2d3c4b5a6978");
    CHECK(list[2].id == "9988776655443322");
    for (const auto& sum : list) CHECK_FALSE(sum.damaged);

    for (const auto& want : expected) {
        CAPTURE(want.id);
        std::string error;
        auto got = store->load(want.id, &error);
        INFO(error);
        REQUIRE(got);
        CHECK(*got == want);
        REQUIRE(got->photolangage.size() == want.photolangage.size());
        for (size_t i = 0; i < want.photolangage.size(); ++i) {
            const auto& g = got->photolangage[i];
            const auto& w = want.photolangage[i];
            CHECK(g.id == w.id);
            CHECK(g.prompt_key == w.prompt_key);
            CHECK(g.prompt_text == w.prompt_text);
            CHECK(g.slot_count == w.slot_count);
            CHECK(g.started_at == w.started_at);
            REQUIRE(g.slots.size() == w.slots.size());
            for (size_t k = 0; k < w.slots.size(); ++k) {
                CAPTURE(k);
                REQUIRE(g.slots[k].has_value() == w.slots[k].has_value());
                if (!w.slots[k]) continue;
                CHECK(g.slots[k]->deck_id == w.slots[k]->deck_id);
                CHECK(g.slots[k]->card_id == w.slots[k]->card_id);
                CHECK(g.slots[k]->words == w.slots[k]->words);
                CHECK(g.slots[k]->themes == w.slots[k]->themes);
            }
        }
    }
    // A few literal values, in case golden_v2.hpp were ever edited by mistake.
    auto a = store->load("a1b2c3d4e5f60718");
    REQUIRE(a);
    CHECK(a->participant.last_name == "Lefèvre");
    CHECK(a->revision == 37);
    REQUIRE(a->photolangage.size() == 2);
    CHECK(a->photolangage[0].prompt_key == "prompt.parcours");
    CHECK(a->photolangage[0].slots[0]->words == "« C’est la route : on ne sait jamais où elle mène. »");
    CHECK(a->photolangage[0].slots[1]->words == "Le cœur à l’ouvrage, comme ma sœur…");
    CHECK(a->photolangage[1].slots[0]->card_id == "regards-07"); // same card in two rounds
    CHECK_FALSE(a->photolangage[1].slots[1].has_value());
    CHECK(a->photolangage[1].slots[2]->themes == std::vector<std::string>{"travail", "famille"});
    auto b = store->load("0f1e2d3c4b5a6978");
    REQUIRE(b);
    REQUIRE(b->photolangage.size() == 1);
    CHECK(b->photolangage[0].prompt_key.empty());
    CHECK(b->photolangage[0].slots[0]->words == "« Mon frère, il vient au parloir. » Œil qui pétille.");
    auto c = store->load("9988776655443322");
    REQUIRE(c);
    REQUIRE(c->photolangage.size() == 1);
    CHECK(c->photolangage[0].slot_count == 3);
    for (const auto& slot : c->photolangage[0].slots) CHECK_FALSE(slot.has_value());

    // The opened copy keeps working, and the committed file was not touched.
    Session edited = *b;
    edited.photolangage[0].slots[0]->words += " Suite.";
    ++edited.revision;
    REQUIRE(store->save_now(edited));
    CHECK(store->load(edited.id) == edited);
}

TEST_CASE("store: golden v3 database opens") {
    using namespace amorce::core;
    TempDir dir;
    GoldenCopy golden(golden_v3::kDir, dir);
    auto& store = golden.store;

    const auto expected = golden_v3::sessions();
    const auto list = store->list();
    REQUIRE(list.size() == 3);
    CHECK(list[0].id == "a1b2c3d4e5f60718");
    CHECK(list[1].id == "0f1e2d3c4b5a6978");
    CHECK(list[2].id == "9988776655443322");
    for (const auto& sum : list) CHECK_FALSE(sum.damaged);

    for (const auto& want : expected) {
        CAPTURE(want.id);
        std::string error;
        auto got = store->load(want.id, &error);
        INFO(error);
        REQUIRE(got);
        CHECK(*got == want);
        CHECK(got->photolangage == want.photolangage);
        REQUIRE(got->timeline.episodes.size() == want.timeline.episodes.size());
        for (size_t i = 0; i < want.timeline.episodes.size(); ++i) {
            const auto& g = got->timeline.episodes[i];
            const auto& w = want.timeline.episodes[i];
            CAPTURE(w.id);
            CHECK(g.id == w.id);
            CHECK(g.lane == w.lane);
            CHECK(g.kind == w.kind);
            CHECK(g.start == w.start);
            CHECK(g.end == w.end);
            CHECK(g.title == w.title);
            CHECK(g.job == w.job);
            CHECK(g.training == w.training);
            CHECK(g.event == w.event);
            CHECK(g.note == w.note);
        }
    }
    // A few literal values, in case golden_v3.hpp were ever edited by mistake.
    auto a = store->load("a1b2c3d4e5f60718");
    REQUIRE(a);
    CHECK(a->revision == 37);
    REQUIRE(a->photolangage.size() == 2);
    REQUIRE(a->timeline.episodes.size() == 14);
    const auto& commis = a->timeline.episodes[2];
    CHECK(commis.lane == Lane::Employment);
    CHECK(commis.start == FuzzyDate{2008, 10, false});
    CHECK(commis.end == FuzzyDate{2011, 0, false});
    CHECK(commis.job.title == "Commis de cuisine");
    CHECK(commis.job.rome_code == "G1602");
    CHECK(commis.job.employer == "Brasserie « Le Cœur d’Or »");
    CHECK(commis.job.contract == Contract::Cdd);
    CHECK(a->timeline.episodes[4].start == FuzzyDate{2011, 0, true}); // « vers 2011 »
    CHECK(a->timeline.episodes[9].ongoing());
    CHECK(a->timeline.episodes[10].event == EventType::DetentionEntry);
    CHECK(a->timeline.episodes[0].training.level == 3);
    CHECK(is_blank(a->timeline.episodes[12]));
    auto b = store->load("0f1e2d3c4b5a6978");
    REQUIRE(b);
    REQUIRE(b->timeline.episodes.size() == 6);
    CHECK(b->timeline.episodes[0].job.employer == "Bâti-Œuvre SARL");
    CHECK(b->timeline.episodes[1].job.contract == Contract::Apprenticeship); // details of another lane kept
    auto c = store->load("9988776655443322");
    REQUIRE(c);
    CHECK(c->timeline.episodes.empty());

    // The opened copy keeps working, and the committed file was not touched.
    Session edited = *b;
    edited.timeline.episodes[0].note += " Suite.";
    ++edited.revision;
    REQUIRE(store->save_now(edited));
    CHECK(store->load(edited.id) == edited);
}

TEST_CASE("store: golden v4 database opens") {
    using namespace amorce::core;
    TempDir dir;
    GoldenCopy golden(golden_v4::kDir, dir);
    auto& store = golden.store;

    const auto expected = golden_v4::sessions();
    const auto list = store->list();
    REQUIRE(list.size() == 3);
    CHECK(list[0].id == "a1b2c3d4e5f60718");
    CHECK(list[1].id == "0f1e2d3c4b5a6978");
    CHECK(list[2].id == "9988776655443322");
    for (const auto& sum : list) CHECK_FALSE(sum.damaged);

    for (const auto& want : expected) {
        CAPTURE(want.id);
        std::string error;
        auto got = store->load(want.id, &error);
        INFO(error);
        REQUIRE(got);
        CHECK(*got == want);
        CHECK(got->photolangage == want.photolangage);
        CHECK(got->timeline == want.timeline);
        REQUIRE(got->boards.size() == want.boards.size());
        for (size_t i = 0; i < want.boards.size(); ++i) {
            const Board& g = got->boards[i];
            const Board& w = want.boards[i];
            CAPTURE(w.id);
            CHECK(g.id == w.id);
            CHECK(g.template_id == w.template_id);
            CHECK(g.kind == w.kind);
            CHECK(g.title == w.title);
            CHECK(g.prompt == w.prompt);
            CHECK(g.pictogram == w.pictogram);
            CHECK(g.columns == w.columns);
            CHECK(g.cards == w.cards);
            CHECK(g.placed == w.placed);
            CHECK(g.scales == w.scales);
            CHECK(g.started_at == w.started_at);
            CHECK(g.next_custom == w.next_custom);
        }
    }
    // A few literal values, in case golden_v4.hpp were ever edited by mistake.
    auto a = store->load("a1b2c3d4e5f60718");
    REQUIRE(a);
    CHECK(a->revision == 37);
    REQUIRE(a->timeline.episodes.size() == 14);
    REQUIRE(a->boards.size() == 4);
    const Board& afe = a->boards[0];
    CHECK(afe.template_id == "atouts_freins_envies");
    CHECK(afe.prompt == "Qu’est-ce qui vous ressemble ?");
    REQUIRE(afe.columns.size() == 3);
    CHECK(afe.columns[1].role == ColumnRole::Obstacle);
    CHECK(afe.columns[2].ranked == 3);
    CHECK(afe.placed[2] == std::vector<std::string>{"wish.family", "custom.1", "wish.training"});
    const BoardCard* custom = afe.find_card("custom.1");
    REQUIRE(custom);
    CHECK(custom->custom);
    CHECK(custom->label == "Je sais « faire plaisir » avec un bon plat");
    CHECK(afe.find_card("quality.heart")->label == "J’ai du cœur à l’ouvrage");
    CHECK(afe.next_custom == 4);
    CHECK(afe.left_to_sort() == 3); // languages, addiction, custom.3
    CHECK(a->boards[1].find_card("job.cook")->rome == "G1602");
    CHECK(a->boards[3].kind == BoardKind::Scales);
    CHECK(a->boards[3].scales[0].value == 9);
    CHECK(a->boards[3].scales[1].value == 0);
    CHECK(a->boards[3].scales[2].value == -1);
    const BoardResults r = derive_board_results(*a);
    CHECK(r.interest_code == "RAC");
    REQUIRE(r.top_values.size() == 5);
    CHECK(r.top_values[0].label == "Travailler en équipe");
    CHECK(r.scales.size() == 3);
    auto b = store->load("0f1e2d3c4b5a6978");
    REQUIRE(b);
    REQUIRE(b->boards.size() == 2);
    CHECK(b->boards[0].placed[0] == std::vector<std::string>{"prio.papers", "prio.job", "prio.housing"});
    CHECK(b->boards[1].find_card("custom.2")->label == "« Mon frère m’attend »");
    CHECK(b->boards[1].left_to_sort() == 3);
    auto c = store->load("9988776655443322");
    REQUIRE(c);
    CHECK(c->boards.empty());

    // The opened copy keeps working, and the committed file was not touched.
    Session edited = *a;
    edited.boards[0].placed[0].push_back("skill.languages");
    ++edited.revision;
    REQUIRE(store->save_now(edited));
    CHECK(store->load(edited.id) == edited);
}

TEST_CASE("store: golden v5 database opens") {
    using namespace amorce::core;
    TempDir dir;
    GoldenCopy golden(golden_v5::kDir, dir);
    auto& store = golden.store;

    const auto expected = golden_v5::sessions();
    const auto list = store->list();
    REQUIRE(list.size() == 3);
    CHECK(list[0].id == "a1b2c3d4e5f60718");
    CHECK(list[1].id == "0f1e2d3c4b5a6978");
    CHECK(list[2].id == "9988776655443322");
    for (const auto& sum : list) CHECK_FALSE(sum.damaged);

    for (const auto& want : expected) {
        CAPTURE(want.id);
        std::string error;
        auto got = store->load(want.id, &error);
        INFO(error);
        REQUIRE(got);
        CHECK(*got == want);
        CHECK(got->photolangage == want.photolangage);
        CHECK(got->timeline == want.timeline);
        CHECK(got->boards == want.boards);
        for (SectionId id : kSections) {
            CAPTURE(section_key(id));
            CHECK(got->synthesis.section(id).text == want.synthesis.section(id).text);
            CHECK(got->synthesis.section(id).drafted == want.synthesis.section(id).drafted);
        }
        CHECK(got->synthesis.recommendations == want.synthesis.recommendations);
        CHECK(got->synthesis.finalized_by == want.synthesis.finalized_by);
        CHECK(got->synthesis.finalized_at == want.synthesis.finalized_at);
    }
    // A few literal values, in case golden_v5.hpp were ever edited by mistake.
    auto a = store->load("a1b2c3d4e5f60718");
    REQUIRE(a);
    CHECK(a->revision == 37);
    CHECK(a->status == SessionStatus::Finalized);
    REQUIRE(a->boards.size() == 4);
    const Synthesis& sy = a->synthesis;
    CHECK(sy.finalized_by == "c-001");
    CHECK(sy.finalized_at == 1741788000);
    CHECK(sy.section(SectionId::ParcoursFormation).edited());
    CHECK_FALSE(sy.section(SectionId::ParcoursPro).edited());
    CHECK(sy.section(SectionId::Projets).drafted.empty());
    CHECK(sy.section(SectionId::Freins).text == "Logement, papiers\xC2\xA0; santé fragile (à confirmer).");
    REQUIRE(sy.recommendations.size() == 3);
    CHECK(sy.recommendations[0].key == "logement");
    CHECK(sy.recommendations[0].priority == Priority::High);
    CHECK(sy.recommendations[1].priority == Priority::Medium);
    CHECK(sy.recommendations[2].priority == Priority::Low);
    CHECK(sy.recommendations[2].label == "Atelier cuisine en détention");
    REQUIRE(a->history.size() == 6);
    CHECK(a->history[4].what == "reopened");
    CHECK(a->history[4].detail == "Erreur sur l’employeur\xC2\xA0: «\xC2\xA0Le Cœur d’Or\xC2\xA0».");
    CHECK(check_finalize(*a) == std::vector<FinalizeIssue>{{FinalizeProblem::NotDraft}});
    auto b = store->load("0f1e2d3c4b5a6978");
    REQUIRE(b);
    CHECK(b->status == SessionStatus::Draft);
    CHECK(b->synthesis.section(SectionId::Freins).text.empty());
    CHECK(b->synthesis.section(SectionId::Freins).edited()); // cleared by the counsellor
    REQUIRE(b->synthesis.recommendations.size() == 1);
    CHECK(b->synthesis.recommendations[0].key == "vae");
    CHECK(b->synthesis.finalized_by.empty());
    auto c = store->load("9988776655443322");
    REQUIRE(c);
    CHECK(c->status == SessionStatus::Exported);
    CHECK(c->synthesis.recommendations[0].key == "mission_locale");

    // The opened copy keeps working (reopened with a reason, edited, saved), and the committed file was not touched.
    Session edited = *a;
    Command{Reopen{"c-002", 1741900000, "Relecture"}, "c-002"}.apply(edited, 1741900000);
    REQUIRE(edited.status == SessionStatus::Draft);
    Command{SetSectionText{SectionId::Projets, "Projet revu."}, "c-002"}.apply(edited, 1741900010);
    ++edited.revision;
    REQUIRE(store->save_now(edited));
    CHECK(store->load(edited.id) == edited);
}

TEST_CASE("store: golden v6 database opens (encrypted: locked, unlocked by its accounts and its recovery key)") {
    using amorce::store::Role;
    using Status = amorce::store::UnlockResult::Status;
    TempDir dir;
    GoldenCopy golden(golden_v6::kDir, dir);
    auto& store = golden.store;
    store->set_kdf_params(amorce::store::crypto::KdfParams::minimum()); // the file's own cost: no rewrap

    CHECK(store->has_accounts());
    CHECK_FALSE(store->is_unlocked());
    CHECK(store->list().empty());
    const auto accounts = store->accounts();
    REQUIRE(accounts.size() == 3);
    CHECK(accounts[0].id == golden_v6::kAdminId);
    CHECK(accounts[0].display_name == golden_v6::kAdminName);
    CHECK(accounts[0].role == Role::Admin);
    CHECK(accounts[1].id == golden_v6::kCounsellorId);
    CHECK(accounts[1].display_name == golden_v6::kCounsellorName);
    CHECK(accounts[1].role == Role::Counsellor);
    CHECK(accounts[2].id == golden_v6::kSecondId);
    CHECK(accounts[2].failures == golden_v6::kSecondFailures);
    CHECK_FALSE(accounts[2].locked);

    CHECK(store->unlock(golden_v6::kCounsellorId, golden_v6::kAdminPin).status == Status::WrongSecret);
    REQUIRE(store->unlock(golden_v6::kCounsellorId, golden_v6::kCounsellorSecret).ok());
    const auto expected = golden_v6::sessions();
    const auto list = store->list();
    REQUIRE(list.size() == 3);
    CHECK(list[0].id == "a1b2c3d4e5f60718");
    CHECK(list[0].display_name == "LEFÈVRE Zoé");
    CHECK(list[2].id == "9988776655443322");
    for (const auto& sum : list) CHECK_FALSE(sum.damaged);
    for (const auto& want : expected) {
        CAPTURE(want.id);
        std::string error;
        auto got = store->load(want.id, &error);
        INFO(error);
        REQUIRE(got);
        CHECK(*got == want);
    }
    CHECK(store->counsellors().size() == 2);

    store->lock();
    REQUIRE(store->unlock(golden_v6::kAdminId, golden_v6::kAdminPin).ok());
    REQUIRE(store->unlock(golden_v6::kSecondId, golden_v6::kSecondPin).ok()); // clears its failures
    CHECK(store->accounts()[2].failures == 0);
    store->lock();
    REQUIRE(store->unlock_with_recovery(golden_v6::kRecoveryKey).ok());
    auto a = store->load("a1b2c3d4e5f60718");
    REQUIRE(a);
    CHECK(a->revision == 37);
    CHECK(a->synthesis.finalized_by == "c-001");

    // The opened copy keeps working, and the committed file was not touched.
    Session edited = *a;
    edited.notes += " Relu.";
    ++edited.revision;
    REQUIRE(store->save_now(edited));
    CHECK(store->load(edited.id) == edited);
}

// [SECTION] Not damage: a busy file is left alone; salvage keeps counsellors and settings

TEST_CASE("store: a database locked by another process is reported, never set aside or replaced") {
    TempDir dir;
    {
        auto store = open_store(dir);
        REQUIRE(store->save_now(make_session(hex_id(0x500), "Occupée")));
    }
    const std::string before = read_bytes(dir.db());
    RawDb other(dir.db());
    other.exec("PRAGMA locking_mode=EXCLUSIVE");
    other.exec("BEGIN EXCLUSIVE");
    std::string error;
    OpenReport report;
    auto store = Store::open(dir.str(), &error, &report);
    CHECK(store == nullptr);
    CHECK_FALSE(error.empty());
    CHECK(error.find("locked") != std::string::npos);
    CHECK_FALSE(report.database_was_damaged);
    CHECK_FALSE(fs::exists(dir.path / "damaged"));
    other.exec("COMMIT");
    CHECK(fs::exists(dir.db()));
    // Once the other process is done, everything is still there.
    sqlite3_close(other.db);
    other.db = nullptr;
    auto again = open_store(dir);
    CHECK(again->list().size() == 1);
    (void)before;
}

TEST_CASE("store: salvaging a damaged database keeps the counsellors and the settings") {
    TempDir dir;
    const auto saved = fill_for_salvage(dir);
    {
        auto store = open_store(dir);
        REQUIRE(store->add_counsellor(amorce::store::Counsellor{"c42", "Élise Conseillère"}));
        REQUIRE(store->set_meta("establishment", "Maison d’arrêt de Nîmes"));
    }
    scramble_page(dir, "payloads", true);
    OpenReport report;
    auto store = open_store(dir, &report);
    REQUIRE(report.database_was_damaged);
    const auto counsellors = store->counsellors();
    REQUIRE(counsellors.size() == 1);
    CHECK(counsellors[0].id == "c42");
    CHECK(counsellors[0].display_name == "Élise Conseillère");
    CHECK(store->meta("establishment").value_or("") == "Maison d’arrêt de Nîmes");
    CHECK(report.salvaged_sessions >= 1);
}
