// Writes tests/data/golden-v6/amorce.db from golden_v6.hpp (the current golden version). Built by
// nothing by default; see tests/data/README.md. Refuses to overwrite an existing golden file.
// Prints the recovery key, which golden_v6.hpp records (kRecoveryKey) before both are committed.
//
//   make_golden OUT_DIR        (writes OUT_DIR/amorce.db; OUT_DIR/amorce.db must not exist)
#include "golden_v6.hpp"

#include "store/store.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
        return 2;
    }
    const fs::path out_dir = argv[1];
    const fs::path out = out_dir / amorce::store::Store::kFileName;
    if (fs::exists(out)) {
        std::fprintf(stderr, "%s exists: golden files are never overwritten\n", out.c_str());
        return 1;
    }

    char tmpl[] = "/tmp/amorce-golden-XXXXXX";
    if (!mkdtemp(tmpl)) {
        std::perror("mkdtemp");
        return 1;
    }
    const fs::path work = tmpl;
    {
        std::string error;
        auto store = amorce::store::Store::open(work.string(), &error);
        if (!store) {
            std::fprintf(stderr, "open: %s\n", error.c_str());
            return 1;
        }
        store->set_kdf_params(amorce::store::crypto::KdfParams::minimum());
        store->add_counsellor({"c-001", "Émile Lœwy"});
        store->add_counsellor({"c-002", "Françoise Dubœuf"});
        for (const auto& s : golden_v6::sessions()) {
            if (!store->save_now(s, &error)) {
                std::fprintf(stderr, "save: %s\n", error.c_str());
                return 1;
            }
        }
        // Saved in clear, then encrypted: the migration every schema-1 file goes through.
        const auto recovery = store->create_admin(golden_v6::kAdminId, golden_v6::kAdminName, golden_v6::kAdminPin, &error);
        if (!recovery ||
            !store->add_account(golden_v6::kCounsellorId, golden_v6::kCounsellorName, amorce::store::Role::Counsellor,
                                golden_v6::kCounsellorSecret, &error) ||
            !store->add_account(golden_v6::kSecondId, golden_v6::kSecondName, amorce::store::Role::Counsellor,
                                golden_v6::kSecondPin, &error)) {
            std::fprintf(stderr, "accounts: %s\n", error.c_str());
            return 1;
        }
        for (int i = 0; i < golden_v6::kSecondFailures; ++i) store->unlock(golden_v6::kSecondId, "000001");
        std::printf("recovery key: %s\n", recovery->c_str());
    } // closes the store

    // One self-contained file: checkpoint the WAL into it and leave no -wal/-shm behind.
    const fs::path db_path = work / amorce::store::Store::kFileName;
    sqlite3* db = nullptr;
    if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr) != SQLITE_OK) {
        std::fprintf(stderr, "checkpoint: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    sqlite3_close(db);
    std::error_code ec;
    fs::remove(db_path.string() + "-wal", ec);
    fs::remove(db_path.string() + "-shm", ec);

    fs::create_directories(out_dir);
    fs::copy_file(db_path, out, ec);
    if (ec) {
        std::fprintf(stderr, "copy: %s\n", ec.message().c_str());
        return 1;
    }
    fs::remove_all(work, ec);
    std::printf("wrote %s (%ju bytes)\n", out.c_str(), static_cast<std::uintmax_t>(fs::file_size(out)));
    return 0;
}
