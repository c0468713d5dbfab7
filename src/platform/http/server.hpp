#pragma once
// The HTTP server: RESTinio on Asio event-loop threads, a worker pool for
// handlers that block, the SPA's static files, Server-Sent Events streams and
// graceful stop. Only this header's implementation includes RESTinio.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "platform/http/http.hpp"
#include "platform/http/static_files.hpp"
#include "platform/result.hpp"

namespace yc::http {

struct ServerOptions {
  std::string listen = "127.0.0.1";
  int port = 8080;
  int io_threads = 2;
  int worker_threads = 4;
  std::int64_t max_body_bytes = 1 << 20;
  std::chrono::seconds request_timeout{30};
  int max_connections = 10000;
  std::chrono::seconds shutdown_grace{20};
  bool access_log = true;
  int max_streams = 5000;
  std::chrono::seconds heartbeat{15};
  // GET /metrics (Prometheus), run on the event loop (it must not block)
  // outside the API router: it is not an API route, so it has no session
  // gate and no row in the authorization matrix, and the handler checks its
  // own access. Empty: /metrics is a file path like any other.
  Handler metrics;
};

class Server {
 public:
  virtual ~Server() = default;

  // Binds the listening socket and starts the threads; fails (e.g. address
  // in use) with a message naming the address.
  static Result<std::unique_ptr<Server>> start(ServerOptions options, Router router,
                                               std::shared_ptr<const StaticSite> site);

  // Blocks the calling thread until SIGINT or SIGTERM (or request_stop()),
  // then stops gracefully: no new connections, event streams closed, requests
  // in flight finished (up to shutdown_grace), threads joined.
  // Call block_stop_signals() in main before any thread starts.
  virtual void wait_for_stop() = 0;
  virtual void request_stop() = 0;

  // Runs fn on the worker pool every period (first run after one period).
  virtual void every(std::chrono::milliseconds period, std::function<void()> fn) = 0;
  // Runs fn on the worker pool once, soon.
  virtual void post(std::function<void()> fn) = 0;

  virtual std::size_t open_streams() const = 0;
};

// Blocks SIGINT, SIGTERM and SIGPIPE in the calling thread (and so in every
// thread created after); Server::wait_for_stop receives them with sigwait.
void block_stop_signals();

}  // namespace yc::http
