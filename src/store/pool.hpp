#pragma once
// Internal to src/store: a bounded pool of connections. acquire() waits for a
// free connection (up to a timeout) rather than failing at once.

#include <chrono>
#include <condition_variable>
#include <algorithm>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "platform/metrics.hpp"
#include "platform/result.hpp"

namespace yc::store {

// How long a transaction waits for a free connection: twice the busy
// timeout, at least 2 s.
inline std::chrono::milliseconds pool_wait(int busy_timeout_ms) {
  return std::chrono::milliseconds(std::max(busy_timeout_ms, 1000) * 2);
}

// The transaction protocol both engines share: `begin`, then fn; ROLLBACK
// when fn returns an error or throws, COMMIT otherwise (and ROLLBACK if the
// COMMIT fails). exec runs one statement without parameters.
template <typename Exec, typename Fn, typename TxT>
Result<void> run_transaction(Exec&& exec, const char* begin, TxT& tx, const Fn& fn) {
  YC_TRY_VOID(exec(begin));
  Result<void> r;
  try {
    r = fn(tx);
  } catch (...) {
    (void)exec("ROLLBACK");
    throw;
  }
  if (!r) {
    (void)exec("ROLLBACK");
    return r;
  }
  auto committed = exec("COMMIT");
  if (!committed) (void)exec("ROLLBACK");
  return committed;
}

// yichuang_db_write_errors_total: write transactions that failed for the
// engine's reasons (unreachable or busy, read-only, disk full, unexpected),
// not business refusals such as a conflict or a version mismatch.
inline metrics::Counter& write_errors_counter() {
  static auto& c = metrics::process().counter("yichuang_db_write_errors_total",
                                              "Write transactions that failed for the database's reasons.");
  return c;
}

inline void count_write_result(const Result<void>& r) {
  if (r) return;
  switch (r.error().code) {
    case ErrorCode::kUnavailable:
    case ErrorCode::kReadOnly:
    case ErrorCode::kStorageFull:
    case ErrorCode::kInternal:
      write_errors_counter().inc();
      break;
    default:
      break;
  }
}

template <typename Conn>
class Pool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Conn>>()>;

  Pool(int max_size, Factory factory) : max_(max_size), factory_(std::move(factory)) {
    size_gauge().add(max_);
    in_use_gauge();  // registered now, so a scrape shows it from the start
    write_errors_counter();
  }
  ~Pool() { size_gauge().add(-max_); }
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // A connection on loan; goes back to the pool when destroyed unless
  // discard() was called (a broken connection).
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Conn> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), conn_(std::move(o.conn_)) { o.pool_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_ != nullptr) pool_->give_back(std::move(conn_));
    }
    Conn& operator*() { return *conn_; }
    Conn* operator->() { return conn_.get(); }
    void discard() { conn_.reset(); }

   private:
    Pool* pool_;
    std::unique_ptr<Conn> conn_;
  };

  Result<Lease> acquire(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (idle_.empty() && open_ >= max_) {
      if (cv_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
          open_ >= max_)
        return fail(ErrorCode::kUnavailable, "数据库连接繁忙,请稍后重试");
    }
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      in_use_gauge().add(1);
      return Lease(this, std::move(conn));
    }
    ++open_;
    lock.unlock();
    auto conn = factory_();
    if (!conn) {
      std::lock_guard g(mu_);
      --open_;
      cv_.notify_one();
      return Unexpected{conn.error()};
    }
    in_use_gauge().add(1);
    return Lease(this, std::move(conn).value());
  }

 private:
  // Every pool of the process adds to the same two gauges.
  static metrics::Gauge& size_gauge() {
    static auto& g = metrics::process().gauge("yichuang_db_pool_size", "Database connections a node may open.");
    return g;
  }
  static metrics::Gauge& in_use_gauge() {
    static auto& g = metrics::process().gauge("yichuang_db_pool_in_use", "Database connections on loan to a transaction.");
    return g;
  }

  void give_back(std::unique_ptr<Conn> conn) {
    in_use_gauge().add(-1);
    std::lock_guard lock(mu_);
    if (conn)
      idle_.push_back(std::move(conn));
    else
      --open_;
    cv_.notify_one();
  }

  const int max_;
  Factory factory_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> idle_;
  int open_ = 0;
};

}  // namespace yc::store
