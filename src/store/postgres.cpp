// PostgreSQL adapter over libpq: pooled connections (reconnected when
// broken), text-format parameters $1..$n, errors classified by SQLSTATE.

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "store/engines.hpp"
#include "store/pool.hpp"

namespace yc::store {
namespace {

Error pg_error(const char* sqlstate) {
  const std::string_view s = sqlstate != nullptr ? sqlstate : "";
  if (s == "23505") return Error::make(ErrorCode::kConflict, "数据已存在,不能重复");
  if (s == "23503") return Error::make(ErrorCode::kConflict, "关联的数据不存在或仍被引用");
  if (s.substr(0, 2) == "23" || s.substr(0, 2) == "22")
    return Error::make(ErrorCode::kInvalidArgument, "数据不符合约束");
  if (s == "40001" || s == "40P01") return Error::make(ErrorCode::kUnavailable, "数据库繁忙,请稍后重试");
  if (s == "53100") return Error::make(ErrorCode::kStorageFull);
  if (s == "25006") return Error::make(ErrorCode::kReadOnly);
  if (s.empty() || s.substr(0, 2) == "08" || s.substr(0, 2) == "57" || s.substr(0, 2) == "53")
    return Error::make(ErrorCode::kUnavailable, "数据库暂时不可用,请稍后重试");
  return Error::make(ErrorCode::kInternal, fmt::format("数据库错误 (SQLSTATE {})", s));
}

bool retryable(const char* sqlstate) {
  return sqlstate != nullptr && (std::strcmp(sqlstate, "40001") == 0 || std::strcmp(sqlstate, "40P01") == 0);
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

class Connection {
 public:
  explicit Connection(PGconn* c) : c_(c) {}
  ~Connection() { PQfinish(c_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  PGconn* get() { return c_; }
  bool broken() const { return PQstatus(c_) != CONNECTION_OK; }
  std::string last_sqlstate;  // of the last failed statement

  Result<PgResult> run(const char* sql, int n, const char* const* values) {
    PgResult r(PQexecParams(c_, sql, n, nullptr, values, nullptr, nullptr, 0));
    const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return r;
    const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
    last_sqlstate = state != nullptr ? state : "";
    return Unexpected{pg_error(state)};
  }

  Result<void> simple(const char* sql) {
    PgResult r(PQexec(c_, sql));
    const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return {};
    const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
    last_sqlstate = state != nullptr ? state : "";
    return Unexpected{pg_error(state)};
  }

 private:
  PGconn* c_;
};

class PgTx final : public Tx {
 public:
  explicit PgTx(Connection& c) : c_(c) {}
  Engine engine() const override { return Engine::kPostgres; }

  Result<Rows> query(std::string_view sql, const std::vector<Param>& params) override {
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Param& p = params[i];
      if (std::holds_alternative<std::nullptr_t>(p)) continue;
      if (const auto* v = std::get_if<std::int64_t>(&p))
        storage[i] = std::to_string(*v);
      else if (const auto* d = std::get_if<double>(&p))
        storage[i] = fmt::format("{}", *d);
      else
        storage[i] = std::get<std::string>(p);
      values[i] = storage[i].c_str();
    }
    const std::string text(sql);
    auto res = YC_TRY(c_.run(text.c_str(), static_cast<int>(params.size()), values.data()));
    Rows out;
    const int cols = PQnfields(res.get());
    const int rows = PQntuples(res.get());
    for (int c = 0; c < cols; ++c) out.columns.emplace_back(PQfname(res.get(), c));
    out.rows.reserve(static_cast<std::size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      std::vector<std::optional<std::string>> cells;
      cells.reserve(static_cast<std::size_t>(cols));
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(res.get(), r, c))
          cells.emplace_back(std::nullopt);
        else
          cells.emplace_back(std::string(PQgetvalue(res.get(), r, c),
                                         static_cast<std::size_t>(PQgetlength(res.get(), r, c))));
      }
      out.rows.emplace_back(std::move(cells));
    }
    const char* affected = PQcmdTuples(res.get());
    if (affected != nullptr && *affected != '\0')
      std::from_chars(affected, affected + std::strlen(affected), out.affected);
    return out;
  }

  Result<void> exec_script(std::string_view sql) override {
    return c_.simple(std::string(sql).c_str());
  }

 private:
  Connection& c_;
};

class PgDatabase final : public Database {
 public:
  explicit PgDatabase(const Options& o)
      : options_(o), pool_(o.pool_size, [this] { return connect(); }) {}

  Engine engine() const override { return Engine::kPostgres; }

  Result<void> ping() override {
    auto lease = YC_TRY(pool_.acquire(timeout()));
    auto r = lease->simple("SELECT 1");
    if (!r && lease->broken()) lease.discard();
    return r;
  }

  Result<std::unique_ptr<Connection>> connect() {
    PGconn* c = PQconnectdb(options_.postgres_url.c_str());
    if (c == nullptr || PQstatus(c) != CONNECTION_OK) {
      // PQerrorMessage may echo the host but never the password.
      std::string msg = c != nullptr ? PQerrorMessage(c) : "out of memory";
      while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
      PQfinish(c);
      return fail(ErrorCode::kUnavailable, fmt::format("无法连接 PostgreSQL: {}", msg),
                  "database.postgres_url");
    }
    auto conn = std::make_unique<Connection>(c);
    // Times are computed by the application; keep the session predictable.
    YC_TRY_VOID(conn->simple("SET TIME ZONE 'UTC'"));
    YC_TRY_VOID(conn->simple("SET client_encoding TO 'UTF8'"));
    return conn;
  }

 protected:
  Result<void> run_in_tx(TxMode mode, const std::function<Result<void>(Tx&)>& fn) override {
    constexpr int kAttempts = 4;
    for (int attempt = 1;; ++attempt) {
      auto lease = pool_.acquire(timeout());
      if (!lease) {
        if (mode == TxMode::kWrite) count_write_result(Unexpected{lease.error()});
        return Unexpected{lease.error()};
      }
      auto r = attempt_tx(**lease, mode, fn);
      const std::string state = (*lease)->last_sqlstate;
      if ((*lease)->broken()) lease->discard();
      if (r || attempt == kAttempts || !retryable(state.c_str())) {
        if (mode == TxMode::kWrite) count_write_result(r);
        return r;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt));
    }
  }

 private:
  static Result<void> attempt_tx(Connection& c, TxMode mode,
                                 const std::function<Result<void>(Tx&)>& fn) {
    c.last_sqlstate.clear();
    PgTx tx(c);
    return run_transaction([&](const char* sql) { return c.simple(sql); },
                           mode == TxMode::kWrite ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                                  : "BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY",
                           tx, fn);
  }

  std::chrono::milliseconds timeout() const { return pool_wait(options_.busy_timeout_ms); }

  Options options_;
  Pool<Connection> pool_;
};

}  // namespace

Result<std::unique_ptr<Database>> open_postgres(const Options& options) {
  auto db = std::make_unique<PgDatabase>(options);
  YC_TRY_VOID(db->ping());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace yc::store
