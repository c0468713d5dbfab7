#pragma once
// PostgreSQL LISTEN on a dedicated connection, for the events module. Sending
// is plain SQL in a transaction (`SELECT pg_notify($1, $2)`, delivered on
// COMMIT only).

#include <memory>
#include <string>
#include <vector>

#include "platform/result.hpp"

namespace yc::store {

struct Notification {
  std::string channel;
  std::string payload;
};

class PgListener {
 public:
  virtual ~PgListener() = default;
  // Connects with `url` and LISTENs on `channel` (an identifier).
  static Result<std::unique_ptr<PgListener>> open(const std::string& url,
                                                  const std::string& channel);
  // Waits up to timeout_ms for notifications; returns those that arrived
  // (maybe none). A broken connection is re-opened and re-LISTENed on the
  // next call; notifications sent while it was down are lost.
  virtual Result<std::vector<Notification>> wait(int timeout_ms) = 0;
  // Makes a blocked wait() return promptly; later waits return at once.
  virtual void close() = 0;
};

}  // namespace yc::store
