// Shared fixtures of the encrypted-store tests (test_store_crypto.cpp, test_store_audit.cpp):
// a temporary data folder, a fake clock, three people with distinctive names, raw-byte scans
// and a raw SQLite connection to look at and tamper with the file.
#pragma once

#include "core/serialize.hpp"
#include "core/session.hpp"
#include "store/crypto.hpp"
#include "store/store.hpp"

#include <doctest/doctest.h>

#include "raw_db.hpp"
#include "temp_dir.hpp"
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using amorce::core::Date;
using amorce::core::Session;
using amorce::store::Account;
using amorce::store::OpenReport;
using amorce::store::Role;
using amorce::store::Store;
using amorce::store::UnlockResult;
namespace crypto = amorce::store::crypto;
using Status = UnlockResult::Status;
using amorce::test::RawDb;

namespace store_fx {

struct TempDir : amorce::test::TempDir {
    TempDir() : amorce::test::TempDir("amorce-crypto-test") {}
    fs::path db() const { return path / Store::kFileName; }
};

constexpr const char* kAdminPin = "482915";
constexpr const char* kCounsellorPin = "730146";

inline std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A fake clock for the throttle, advanced by hand.
struct FakeClock {
    std::shared_ptr<std::atomic<std::int64_t>> now = std::make_shared<std::atomic<std::int64_t>>(1'800'000'000);
    std::function<std::int64_t()> fn() const {
        auto n = now;
        return [n] { return n->load(); };
    }
    void advance(std::int64_t s) { *now += s; }
};

inline std::unique_ptr<Store> open_store(const fs::path& dir, OpenReport* report = nullptr) {
    std::string error;
    auto store = Store::open(dir.string(), &error, report);
    INFO("open error: " << error);
    REQUIRE(store != nullptr);
    store->set_kdf_params(crypto::KdfParams::minimum());
    return store;
}

// Distinctive values, so a hit in the raw bytes can only come from this person.
struct Person {
    std::string last, first, ecrou;
    Date birth;
};
const Person kPeople[] = {
    {"Quimperlé-Zanzibar", "Théodorine", "ECR-8841-QZ", Date{1987, 3, 29}},
    {"Vrankowiczéa", "Aurélien", "ECR-5172-VW", Date{1979, 11, 4}},
    {"Oubangui-Marsac", "Ysolde", "ECR-0093-OM", Date{2001, 7, 16}},
};

inline Session make_person_session(const std::string& id, const Person& p) {
    Session s;
    s.id = id;
    s.participant.last_name = p.last;
    s.participant.first_name = p.first;
    s.participant.birth_date = p.birth;
    s.participant.ecrou = p.ecrou;
    s.participant.establishment = "Maison d’arrêt de Fresnes";
    s.participant.entry_date = Date{2026, 11, 1};
    s.counsellor_id = "camille";
    s.counsellor_name = "Camille Démo";
    s.created_at = 1'795'000'000;
    s.notes = "Notes sur " + p.first + " " + p.last + ", écrou " + p.ecrou;
    s.revision = 1;
    return s;
}

// What a scan looks for, with a label for the report: the name parts, the écrou, the birth date
// as text in the usual forms and as cereal writes it (three little-endian 32-bit integers: year,
// month, day), and the name's first ASCII letters in both cases (display names are upper case).
// Nothing shorter than 4 bytes: encrypted bytes would match it by chance.
inline std::vector<std::pair<std::string, std::string>> needles(const Person& p) {
    char fr[16], iso[16];
    std::snprintf(fr, sizeof fr, "%02d/%02d/%04d", p.birth.day, p.birth.month, p.birth.year);
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", p.birth.year, p.birth.month, p.birth.day);
    std::string binary;
    for (int v : {p.birth.year, p.birth.month, p.birth.day}) {
        const auto u = static_cast<std::uint32_t>(v);
        for (int b = 0; b < 4; ++b) binary.push_back(static_cast<char>((u >> (8 * b)) & 0xff));
    }
    std::vector<std::pair<std::string, std::string>> out = {
        {"last name " + p.last, p.last}, {"first name " + p.first, p.first}, {"écrou " + p.ecrou, p.ecrou},
        {"birth date " + std::string(fr), fr}, {"birth date " + std::string(iso), iso},
        {"birth date (binary) of " + p.last, binary}};
    size_t ascii = 0;
    while (ascii < p.last.size() && static_cast<unsigned char>(p.last[ascii]) < 0x80) ++ascii;
    if (ascii >= 5) {
        std::string lower = p.last.substr(0, ascii), upper = lower;
        for (char& c : upper)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        out.push_back({"name prefix " + lower, lower});
        out.push_back({"name prefix " + upper, upper});
    }
    out.erase(std::remove_if(out.begin(), out.end(), [](const auto& n) { return n.second.size() < 4; }), out.end());
    return out;
}

// Every regular file under dir (amorce.db, -wal, -shm, journals, set-aside copies, anything
// else), read raw. Returns "file: what" for each hit.
inline std::vector<std::string> scan_folder(const fs::path& dir, const std::vector<Person>& people) {
    std::vector<std::string> hits;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        const std::string bytes = read_bytes(entry.path());
        for (const Person& p : people)
            for (const auto& n : needles(p))
                if (bytes.find(n.second) != std::string::npos)
                    hits.push_back(entry.path().filename().string() + ": " + n.first);
    }
    return hits;
}

inline std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) out.push_back(entry.path().filename().string());
    return out;
}


inline std::string id_of(int i) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016x", 0xc0ffee00 + i);
    return buf;
}

// Saves the three people, creates the administrator (and a counsellor); returns the recovery key.
inline std::string setup_encrypted(Store& store, bool sessions_first = true) {
    if (sessions_first)
        for (int i = 0; i < 3; ++i) REQUIRE(store.save_now(make_person_session(id_of(i), kPeople[i])));
    std::string error;
    const auto recovery = store.create_admin("admin", "Adèle Admin", kAdminPin, &error);
    INFO(error);
    REQUIRE(recovery);
    REQUIRE(store.add_account("camille", "Camille Démo", Role::Counsellor, kCounsellorPin, &error));
    if (!sessions_first)
        for (int i = 0; i < 3; ++i) REQUIRE(store.save_now(make_person_session(id_of(i), kPeople[i])));
    return *recovery;
}

const std::vector<Person> kAllPeople(std::begin(kPeople), std::end(kPeople));

} // namespace store_fx
using namespace store_fx;
