// Minimal RAII helpers over the SQLite C API (internal to store/).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace amorce::store::sql {

struct Error : std::runtime_error {
    int code;
    Error(const std::string& what, int c) : std::runtime_error(what), code(c) {}
};

class Db {
public:
    Db() = default;
    // Opens with SQLITE_OPEN_READWRITE | CREATE (or READONLY); throws Error.
    explicit Db(const std::string& path, bool read_only = false);
    ~Db();
    Db(Db&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
    Db& operator=(Db&& o) noexcept;
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    sqlite3* get() const { return db_; }
    void exec(const char* sql); // throws Error
    int user_version();
    std::string errmsg() const { return db_ ? sqlite3_errmsg(db_) : "no database"; }

private:
    sqlite3* db_ = nullptr;
};

class Stmt {
public:
    Stmt(const Db& db, const char* sql); // throws Error
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int i, std::int64_t v);
    Stmt& bind(int i, const std::string& text);
    Stmt& bind_blob(int i, const std::string& bytes);
    // A value read by another statement (possibly of another connection), copied as it is.
    Stmt& bind_value(int i, const sqlite3_value* v);
    bool step();  // true: a row is available; false: done. Throws Error.
    void reset();

    std::int64_t int64(int col) const { return sqlite3_column_int64(s_, col); }
    std::string text(int col) const;
    std::string blob(int col) const;
    // Valid until the next step() or reset(); for bind_value().
    const sqlite3_value* value(int col) const { return sqlite3_column_value(s_, col); }

private:
    sqlite3* db_;
    sqlite3_stmt* s_ = nullptr;
};

} // namespace amorce::store::sql
