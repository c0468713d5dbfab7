// SQLite adapter: WAL, synchronous=FULL, foreign keys, busy timeout; a pool
// of connections with cached prepared statements; errors classified once.

#include <sqlite3.h>

#include <charconv>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <cstring>
#include <unordered_map>

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "store/engines.hpp"
#include "store/pool.hpp"

namespace yc::store {
namespace {

Error sqlite_error(int code, std::string_view what) {
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error::make(ErrorCode::kUnavailable, "数据库繁忙,请稍后重试");
    case SQLITE_FULL:
      return Error::make(ErrorCode::kStorageFull);
    case SQLITE_READONLY:
      return Error::make(ErrorCode::kReadOnly);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      if (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC) {
        // ENOSPC often surfaces as a write/fsync I/O error.
        return Error::make(ErrorCode::kStorageFull);
      }
      return Error::make(ErrorCode::kUnavailable, fmt::format("数据库文件无法访问 ({})", what));
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
        return Error::make(ErrorCode::kConflict, "数据已存在,不能重复");
      if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
        return Error::make(ErrorCode::kConflict, "关联的数据不存在或仍被引用");
      return Error::make(ErrorCode::kInvalidArgument, "数据不符合约束");
    default:
      return Error::make(ErrorCode::kInternal, fmt::format("数据库错误 ({})", what));
  }
}

class Connection {
 public:
  explicit Connection(sqlite3* db) : db_(db) {}
  ~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* db() { return db_; }

  Result<sqlite3_stmt*> prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return Unexpected{sqlite_error(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_))};
    cache_.emplace(std::string(sql), stmt);
    return stmt;
  }

  Result<void> exec(const char* sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    std::string msg = err != nullptr ? err : "";
    sqlite3_free(err);
    if (rc != SQLITE_OK) return Unexpected{sqlite_error(sqlite3_extended_errcode(db_), msg)};
    return {};
  }

 private:
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(Connection& c) : c_(c) {}
  Engine engine() const override { return Engine::kSqlite; }

  Result<Rows> query(std::string_view sql, const std::vector<Param>& params) override {
    sqlite3_stmt* stmt = YC_TRY(c_.prepare(sql));
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    // Placeholders are $1..$n: SQLite treats each as a named parameter, so
    // bind by the number in its name (repeats and any order work).
    const int count = sqlite3_bind_parameter_count(stmt);
    for (int i = 1; i <= count; ++i) {
      const char* name = sqlite3_bind_parameter_name(stmt, i);
      std::size_t n = 0;
      if (name == nullptr || name[0] != '$' ||
          std::from_chars(name + 1, name + std::strlen(name), n).ec != std::errc() || n == 0 ||
          n > params.size())
        return fail(ErrorCode::kInternal, "SQL 参数与绑定值不匹配");
      const Param& p = params[n - 1];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(p))
        rc = sqlite3_bind_null(stmt, i);
      else if (const auto* v = std::get_if<std::int64_t>(&p))
        rc = sqlite3_bind_int64(stmt, i, *v);
      else if (const auto* d = std::get_if<double>(&p))
        rc = sqlite3_bind_double(stmt, i, *d);
      else {
        const auto& s = std::get<std::string>(p);
        rc = sqlite3_bind_text64(stmt, i, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) return Unexpected{sqlite_error(rc, "bind")};
    }
    Rows out;
    const int cols = sqlite3_column_count(stmt);
    for (int i = 0; i < cols; ++i) out.columns.emplace_back(sqlite3_column_name(stmt, i));
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        Error e = sqlite_error(sqlite3_extended_errcode(c_.db()), sqlite3_errmsg(c_.db()));
        sqlite3_reset(stmt);
        return Unexpected{std::move(e)};
      }
      std::vector<std::optional<std::string>> cells;
      cells.reserve(static_cast<std::size_t>(cols));
      for (int i = 0; i < cols; ++i) {
        const int type = sqlite3_column_type(stmt, i);
        if (type == SQLITE_NULL) {
          cells.emplace_back(std::nullopt);
        } else if (type == SQLITE_FLOAT) {
          cells.emplace_back(fmt::format("{}", sqlite3_column_double(stmt, i)));
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
          cells.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i))));
        }
      }
      out.rows.emplace_back(std::move(cells));
    }
    out.affected = sqlite3_stmt_readonly(stmt) ? 0 : sqlite3_changes64(c_.db());
    sqlite3_reset(stmt);
    return out;
  }

  Result<void> exec_script(std::string_view sql) override { return c_.exec(std::string(sql).c_str()); }

 private:
  Connection& c_;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(const Options& o)
      : options_(o), pool_(o.pool_size, [this] { return connect(); }) {}

  Engine engine() const override { return Engine::kSqlite; }

  Result<void> ping() override {
    auto lease = YC_TRY(pool_.acquire(timeout()));
    SqliteTx tx(*lease);
    YC_TRY_VOID(tx.query("SELECT 1", {}));
    return {};
  }

  Result<std::unique_ptr<Connection>> connect() {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(options_.sqlite_path.c_str(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                             nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close_v2(db);
      return fail(ErrorCode::kUnavailable,
                  fmt::format("无法打开数据库 {}: {}", options_.sqlite_path, msg),
                  "database.sqlite_path");
    }
    auto conn = std::make_unique<Connection>(db);
    sqlite3_busy_timeout(db, options_.busy_timeout_ms);
    sqlite3_extended_result_codes(db, 1);
    // WAL lets readers run beside the one writer; FULL makes every
    // acknowledged commit durable across power loss.
    YC_TRY_VOID(conn->exec("PRAGMA journal_mode=WAL"));
    YC_TRY_VOID(conn->exec("PRAGMA synchronous=FULL"));
    YC_TRY_VOID(conn->exec("PRAGMA foreign_keys=ON"));
    // A case transition dirties a dozen pages; checkpointing every 10,000
    // pages (not SQLite's 1,000) folds the rewrites of hot pages (the audit
    // head, the newest rows) into one copy back to the database file.
    YC_TRY_VOID(conn->exec("PRAGMA wal_autocheckpoint=10000"));
    return conn;
  }

 protected:
  Result<void> run_in_tx(TxMode mode, const std::function<Result<void>(Tx&)>& fn) override {
    if (mode == TxMode::kWrite && !tl_leading) {
      auto r = read_only_told_apart(group_write(fn));
      count_write_result(r);
      return r;
    }
    auto lease = YC_TRY(pool_.acquire(timeout()));
    SqliteTx tx(*lease);
    // Writers take the write lock up front: a deferred transaction that
    // upgrades later can fail with SQLITE_BUSY instead of waiting.
    return run_transaction([&](const char* sql) { return lease->exec(sql); },
                           mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN", tx, fn);
  }

  // SQLite reports a write refused by a read-only filesystem (the kernel
  // turns one read-only after an I/O error) as a write I/O error, like a full
  // disk, and the errno behind it is not kept reliably; nor do the mount
  // flags always show it (ext4's emergency read-only). Creating an empty file
  // beside the database tells the two apart (issue 13, item 3: READ_ONLY,
  // not STORAGE_FULL). Only on the error path.
  Result<void> read_only_told_apart(Result<void> r) const {
    if (r || (r.error().code != ErrorCode::kStorageFull && r.error().code != ErrorCode::kUnavailable)) return r;
    const auto probe = std::filesystem::path(options_.sqlite_path).concat(".rw-probe");
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
      if (errno == EROFS) return Unexpected{Error::make(ErrorCode::kReadOnly)};
      return r;
    }
    ::close(fd);
    ::unlink(probe.c_str());
    return r;
  }

  // Group commit. SQLite has one writer and, with synchronous=FULL, one
  // fsync per COMMIT; that fsync, not the SQL, bounds how many writes a
  // second are durable. Writers that arrive while a commit is running queue
  // up; the next of them to lead runs the whole queue in one transaction,
  // each write inside its own SAVEPOINT (a failed one is rolled back alone,
  // exactly as if it had run by itself), then COMMITs once. Nobody is
  // answered before that COMMIT is on disk, and if it fails every write of
  // the batch fails: nothing acknowledged is lost, nothing failed is kept.
  struct WriteJob {
    const std::function<Result<void>(Tx&)>* fn = nullptr;
    Result<void> result;
    std::exception_ptr thrown;
    bool done = false;
  };

  Result<void> group_write(const std::function<Result<void>(Tx&)>& fn) {
    WriteJob job;
    job.fn = &fn;
    std::unique_lock lock(group_mu_);
    queue_.push_back(&job);
    while (!job.done) {
      if (leading_) {
        group_cv_.wait(lock);
        continue;
      }
      leading_ = true;
      std::vector<WriteJob*> batch;
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
      lock.unlock();
      run_batch(batch);
      lock.lock();
      leading_ = false;
      for (auto* j : batch) j->done = true;
      group_cv_.notify_all();
    }
    if (job.thrown) std::rethrow_exception(job.thrown);
    return job.result;
  }

  void run_batch(const std::vector<WriteJob*>& batch) {
    // A write that opens another write from inside (never done on purpose)
    // takes the plain path instead of waiting for itself.
    struct Leading {
      Leading() { tl_leading = true; }
      ~Leading() { tl_leading = false; }
    } leading;
    auto fail_all = [&](const Error& e) {
      for (auto* j : batch)
        if (!j->thrown) j->result = Unexpected{e};
    };
    auto lease = pool_.acquire(timeout());
    if (!lease) return fail_all(lease.error());
    Connection& conn = **lease;
    SqliteTx tx(conn);
    if (batch.size() == 1) {
      auto* j = batch.front();
      try {
        j->result = run_transaction([&](const char* sql) { return conn.exec(sql); }, "BEGIN IMMEDIATE", tx, *j->fn);
      } catch (...) {
        j->thrown = std::current_exception();
      }
      return;
    }
    if (auto begun = conn.exec("BEGIN IMMEDIATE"); !begun) return fail_all(begun.error());
    for (auto* j : batch) {
      if (auto sp = conn.exec("SAVEPOINT yc_write"); !sp) {
        (void)conn.exec("ROLLBACK");
        return fail_all(sp.error());
      }
      try {
        j->result = (*j->fn)(tx);
      } catch (...) {
        j->thrown = std::current_exception();
      }
      if (j->result && !j->thrown) {
        if (auto rel = conn.exec("RELEASE yc_write"); !rel) {
          (void)conn.exec("ROLLBACK");
          return fail_all(rel.error());
        }
        continue;
      }
      // Undo this write alone; if even that fails the batch cannot be trusted.
      auto undone = conn.exec("ROLLBACK TO yc_write");
      if (undone) undone = conn.exec("RELEASE yc_write");
      if (!undone) {
        (void)conn.exec("ROLLBACK");
        return fail_all(undone.error());
      }
    }
    if (auto committed = conn.exec("COMMIT"); !committed) {
      (void)conn.exec("ROLLBACK");
      fail_all(committed.error());
    }
  }

  static constexpr std::size_t kMaxBatch = 64;
  static inline thread_local bool tl_leading = false;
  std::mutex group_mu_;
  std::condition_variable group_cv_;
  std::deque<WriteJob*> queue_;
  bool leading_ = false;

 private:
  std::chrono::milliseconds timeout() const { return pool_wait(options_.busy_timeout_ms); }

  Options options_;
  Pool<Connection> pool_;
};

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite(const Options& options) {
  if (sqlite3_threadsafe() == 0) return fail(ErrorCode::kInternal, "SQLite 未以线程安全方式编译");
  auto db = std::make_unique<SqliteDatabase>(options);
  YC_TRY_VOID(db->ping());  // fail at start, not at the first request
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace yc::store
