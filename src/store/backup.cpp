#include "store/backup.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <memory>
#include <string_view>

#include <fmt/format.h>

namespace yc::store {
namespace {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

Result<SqliteHandle> open_sqlite(const std::string& path, int flags, int busy_timeout_ms) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  SqliteHandle db(raw);
  if (rc != SQLITE_OK)
    return fail(ErrorCode::kUnavailable,
                fmt::format("无法打开数据库 {}: {}", path, raw != nullptr ? sqlite3_errmsg(raw) : "内存不足"));
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  return db;
}

Result<void> exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return {};
  std::string text = message != nullptr ? message : sqlite3_errmsg(db);
  sqlite3_free(message);
  return fail(ErrorCode::kUnavailable, fmt::format("数据库操作失败: {}", text));
}

// A value for a key=value connection string: quoted, with \ and ' escaped.
std::string conninfo_value(std::string_view v) {
  std::string out = "'";
  for (char ch : v) {
    if (ch == '\\' || ch == '\'') out += '\\';
    out += ch;
  }
  return out + "'";
}

}  // namespace

Result<void> sqlite_online_copy(const std::string& source, const std::string& dest, int pages_per_step,
                                int busy_timeout_ms) {
  // Without SQLITE_OPEN_CREATE: a missing source is an error, not a new
  // empty database. Nothing is written through this connection.
  auto src = YC_TRY(open_sqlite(source, SQLITE_OPEN_READWRITE, busy_timeout_ms));
  auto dst = YC_TRY(open_sqlite(dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, busy_timeout_ms));
  // The snapshot: a read transaction opened before the first step and held
  // to the last. Without it each step starts its own read transaction and a
  // commit by the server in between restarts the copy from page 1, which
  // under steady load may never finish.
  YC_TRY_VOID(exec(src.get(), "BEGIN"));
  YC_TRY_VOID(exec(src.get(), "SELECT COUNT(*) FROM sqlite_master"));
  sqlite3_backup* backup = sqlite3_backup_init(dst.get(), "main", src.get(), "main");
  if (backup == nullptr)
    return fail(ErrorCode::kUnavailable, fmt::format("无法开始在线备份: {}", sqlite3_errmsg(dst.get())));
  int rc = SQLITE_OK;
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    rc = sqlite3_backup_step(backup, pages_per_step);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  }
  sqlite3_backup_finish(backup);
  (void)exec(src.get(), "COMMIT");
  if (rc != SQLITE_DONE)
    return fail(ErrorCode::kUnavailable, fmt::format("在线备份失败: {}", sqlite3_errstr(rc)));
  // The copy stands alone: one file, no -wal beside it.
  YC_TRY_VOID(exec(dst.get(), "PRAGMA journal_mode=DELETE"));
  return {};
}

Result<void> sqlite_integrity_check(const std::string& path) {
  auto db = YC_TRY(open_sqlite(path, SQLITE_OPEN_READONLY, 5000));
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db.get(), "PRAGMA integrity_check(20)", -1, &raw, nullptr) != SQLITE_OK)
    return fail(ErrorCode::kUnavailable, fmt::format("无法校验数据库 {}: {}", path, sqlite3_errmsg(db.get())));
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  std::string problems;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
    const std::string_view line = text != nullptr ? text : "";
    if (line == "ok") continue;
    if (!problems.empty()) problems += "; ";
    problems += line;
  }
  if (rc != SQLITE_DONE)
    return fail(ErrorCode::kUnavailable, fmt::format("无法校验数据库 {}: {}", path, sqlite3_errmsg(db.get())));
  if (!problems.empty())
    return fail(ErrorCode::kInternal, fmt::format("数据库 {} 完整性校验未通过: {}", path, problems));
  return {};
}

Result<PgConninfo> split_pg_password(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (options == nullptr) {
    // libpq's message quotes the whole string, password and all: not shown.
    PQfreemem(error);
    return fail(ErrorCode::kInvalidArgument,
                "database.postgres_url 无法解析: 应为 postgresql://用户@主机:端口/库名 或 key=value 形式",
                "database.postgres_url");
  }
  PgConninfo out;
  for (const auto* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    if (std::string_view(o->keyword) == "password") {
      out.password = o->val;
      continue;
    }
    if (!out.without_password.empty()) out.without_password += ' ';
    out.without_password += fmt::format("{}={}", o->keyword, conninfo_value(o->val));
  }
  PQconninfoFree(options);
  return out;
}

}  // namespace yc::store
