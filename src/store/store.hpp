// Session storage: SQLite (WAL, synchronous=FULL), explicit user_version migrations, index
// columns for listing, and the cereal payload behind a PayloadCodec (the security issue swaps
// in an encrypting codec). Writes go through one writer thread; the UI thread never waits on
// disk to record a change.
//
// [SECTION] PayloadCodec
// [SECTION] Store
#pragma once

#include "core/session.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace amorce::store {

// [SECTION] PayloadCodec
// Turns a plain payload into stored bytes and back. open() returns nullopt when the stored
// bytes are damaged (never throws, never returns garbage to the decoder).
class PayloadCodec {
public:
    virtual ~PayloadCodec() = default;
    virtual std::string seal(const std::string& plain) const = 0;
    virtual std::optional<std::string> open(const std::string& stored) const = 0;
};

// Plain payload followed by a 16-byte BLAKE2b checksum: detects damage, hides nothing.
class ChecksumCodec final : public PayloadCodec {
public:
    std::string seal(const std::string& plain) const override;
    std::optional<std::string> open(const std::string& stored) const override;
};

// [SECTION] Store
struct OpenReport {
    bool database_was_damaged = false;   // the file could not be used as it was
    std::string damaged_copy;            // where the damaged file was copied (never overwritten)
    int salvaged_sessions = 0;           // sessions read back from the damaged file
    int lost_sessions = 0;               // rows that could not be read back
};

struct Counsellor {
    std::string id;
    std::string display_name;
};

class Store {
public:
    static constexpr int kSchemaVersion = 1;
    static constexpr const char* kFileName = "amorce.db";

    // Opens (or creates) DIR/amorce.db. A damaged database is copied aside into DIR/damaged/,
    // readable sessions are salvaged into a fresh file and *report says what happened.
    // Returns nullptr with *error (English) only when nothing can be opened at all.
    static std::unique_ptr<Store> open(const std::string& dir, std::string* error,
                                       OpenReport* report = nullptr,
                                       std::shared_ptr<const PayloadCodec> codec = nullptr);
    ~Store(); // flushes pending writes

    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::string& path() const;
    int schema_version() const;

    // Listing, sorted by deadline (oldest interview first). Rows whose summary is damaged, or
    // whose payload a load() found damaged, are included with `damaged = true` and the id only.
    // Payloads are not read here (listing stays fast); load() verifies them.
    std::vector<core::SessionSummary> list() const;
    // Loads one session. nullopt + *error (English) if missing or damaged; *damaged tells which.
    std::optional<core::Session> load(const std::string& id, std::string* error = nullptr,
                                      bool* damaged = nullptr) const;
    // Copies a damaged row's stored bytes to DIR/damaged/<id>-<time>.bin (never overwriting).
    std::string set_aside_damaged(const std::string& id) const;

    // Queues the session for the writer thread and returns at once. The latest queued state of
    // each session is committed, normally within a few milliseconds and always retried.
    void save_async(const core::Session& session);
    // Waits until everything queued so far is committed (or has failed). True if all committed.
    bool flush();
    // Synchronous save, for the command line and tests.
    bool save_now(const core::Session& session, std::string* error = nullptr);
    bool remove(const std::string& id, std::string* error = nullptr);

    // The most recent write failure (English), empty when the last write succeeded.
    std::string write_error() const;
    // Called on the writer thread after each commit, with the ids and revisions committed.
    using CommitHook = std::function<void(const std::vector<std::pair<std::string, std::uint64_t>>&)>;
    void set_commit_hook(CommitHook hook);

    std::vector<Counsellor> counsellors() const;
    bool add_counsellor(const Counsellor& c, std::string* error = nullptr);
    std::optional<std::string> meta(const std::string& key) const;
    bool set_meta(const std::string& key, const std::string& value);

    struct Impl;

private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace amorce::store
