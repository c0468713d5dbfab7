#include "store/notify.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>

#include <fmt/format.h>

namespace yc::store {
namespace {

class Listener final : public PgListener {
 public:
  Listener(std::string url, std::string channel)
      : url_(std::move(url)), channel_(std::move(channel)), wake_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}
  ~Listener() override {
    if (conn_ != nullptr) PQfinish(conn_);
    if (wake_ >= 0) ::close(wake_);
  }

  Result<void> connect() {
    if (conn_ != nullptr) PQfinish(conn_);
    conn_ = PQconnectdb(url_.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
      return fail(ErrorCode::kUnavailable, fmt::format("无法连接 PostgreSQL: {}", msg));
    }
    char* quoted = PQescapeIdentifier(conn_, channel_.c_str(), channel_.size());
    const std::string sql = std::string("LISTEN ") + (quoted != nullptr ? quoted : "\"\"");
    PQfreemem(quoted);
    PGresult* r = PQexec(conn_, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) return fail(ErrorCode::kUnavailable, "无法订阅 PostgreSQL 通知");
    return {};
  }

  Result<std::vector<Notification>> wait(int timeout_ms) override {
    std::vector<Notification> out;
    if (closed_) return out;
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) YC_TRY_VOID(connect());
    if (collect(out)) return out;
    pollfd fds[2] = {{PQsocket(conn_), POLLIN, 0}, {wake_, POLLIN, 0}};
    const int n = ::poll(fds, 2, timeout_ms);
    if (n < 0 || closed_) return out;
    if (fds[0].revents != 0) {
      if (PQconsumeInput(conn_) == 0) {
        PQfinish(conn_);
        conn_ = nullptr;
        return fail(ErrorCode::kUnavailable, "PostgreSQL 通知连接已断开,正在重连");
      }
      collect(out);
    }
    return out;
  }

  void close() override {
    closed_ = true;
    const std::uint64_t one = 1;
    (void)!::write(wake_, &one, sizeof one);
  }

 private:
  bool collect(std::vector<Notification>& out) {
    while (PGnotify* n = PQnotifies(conn_)) {
      out.push_back({n->relname, n->extra});
      PQfreemem(n);
    }
    return !out.empty();
  }

  std::string url_;
  std::string channel_;
  PGconn* conn_ = nullptr;
  int wake_;
  std::atomic<bool> closed_{false};
};

}  // namespace

Result<std::unique_ptr<PgListener>> PgListener::open(const std::string& url,
                                                     const std::string& channel) {
  auto l = std::make_unique<Listener>(url, channel);
  YC_TRY_VOID(l->connect());
  return std::unique_ptr<PgListener>(std::move(l));
}

}  // namespace yc::store
