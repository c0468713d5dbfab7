#pragma once
// One store interface over SQLite and PostgreSQL (docs/ARCHITECTURE.md,
// "Storage"). SQL is written once in the portable subset both engines run,
// with $1..$n placeholders (SQLite binds them as named parameters "$1"...).
// No engine header leaks out of src/store.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/result.hpp"

namespace yc::store {

enum class Engine { kSqlite, kPostgres };
std::string_view engine_name(Engine engine);  // "sqlite" | "postgresql"

// A bound parameter: NULL, integer, real or text (UTF-8). Booleans are 0/1.
using Param = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

inline Param null_param() { return nullptr; }

// One result row; columns are read by index, converted from the engine's
// representation (libpq text format, SQLite's storage class).
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cells)
      : cells_(std::move(cells)) {}
  std::size_t size() const { return cells_.size(); }
  bool is_null(std::size_t i) const { return !cells_.at(i).has_value(); }
  std::int64_t int64(std::size_t i) const;    // 0 for NULL
  double real(std::size_t i) const;           // 0 for NULL
  const std::string& text(std::size_t i) const;  // "" for NULL
  std::optional<std::int64_t> opt_int64(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;

 private:
  std::vector<std::optional<std::string>> cells_;
};

struct Rows {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
};

// A connection inside a transaction (or autocommit for Database::session).
// Not thread-safe; owned by one task at a time.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Engine engine() const = 0;
  virtual Result<Rows> query(std::string_view sql,
                             const std::vector<Param>& params = {}) = 0;
  // Convenience: number of affected rows.
  Result<std::int64_t> exec(std::string_view sql,
                            const std::vector<Param>& params = {});
  // Convenience: first row or kNotFound.
  Result<Row> one(std::string_view sql, const std::vector<Param>& params = {});
  // Runs several statements with no parameters (migrations).
  virtual Result<void> exec_script(std::string_view sql) = 0;
};

enum class TxMode { kRead, kWrite };

struct Options {
  Engine engine = Engine::kSqlite;
  std::string sqlite_path;      // file path; parent directory must exist
  std::string postgres_url;     // libpq conninfo or postgresql:// URI
  int pool_size = 8;            // max open connections
  int busy_timeout_ms = 5000;   // SQLite busy timeout; PG connect/lock wait
};

class Database {
 public:
  virtual ~Database() = default;
  static Result<std::unique_ptr<Database>> open(const Options& options);

  virtual Engine engine() const = 0;

  // Runs fn inside one transaction on a pooled connection: COMMIT when fn
  // returns a value, ROLLBACK when it returns an error (or throws). Write
  // transactions take the write lock up front on SQLite (BEGIN IMMEDIATE).
  // Serialization failures and SQLite busy are retried a few times.
  template <typename T>
  Result<T> transact(TxMode mode, const std::function<Result<T>(Tx&)>& fn);

  // Health probe: round trip to the engine.
  virtual Result<void> ping() = 0;

 protected:
  virtual Result<void> run_in_tx(TxMode mode,
                                 const std::function<Result<void>(Tx&)>& fn) = 0;
};

template <typename T>
Result<T> Database::transact(TxMode mode,
                             const std::function<Result<T>(Tx&)>& fn) {
  std::optional<T> out;
  auto r = run_in_tx(mode, [&](Tx& tx) -> Result<void> {
    auto v = fn(tx);
    if (!v) return Unexpected{std::move(v.error())};
    out.emplace(std::move(v).value());
    return {};
  });
  if (!r) return Unexpected{std::move(r.error())};
  return std::move(*out);
}

template <>
inline Result<void> Database::transact<void>(
    TxMode mode, const std::function<Result<void>(Tx&)>& fn) {
  return run_in_tx(mode, fn);
}

// Optimistic concurrency (STYLE.md §4): `UPDATE <table> SET <set_sql>,
// version = version + 1 WHERE id = $k AND version = $k+1` where set_sql uses
// $1..$n from params. Returns the new version, kNotFound when no such id,
// kVersionConflict when the row moved on.
Result<std::int64_t> update_versioned(Tx& tx, std::string_view table,
                                      std::string_view set_sql,
                                      std::vector<Param> params,
                                      std::int64_t id,
                                      std::int64_t expected_version);

}  // namespace yc::store
