#include "platform/http/server.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include <asio/thread_pool.hpp>
#include <fmt/format.h>
#include <restinio/all.hpp>

#include "platform/log.hpp"
#include "platform/metrics.hpp"
#include "platform/time.hpp"

namespace yc::http {
namespace {

struct Traits : public restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t> {
  static constexpr bool use_connection_count_limiter = true;
};
using RestinioServer = restinio::http_server_t<Traits>;
using ReqHandle = restinio::request_handle_t;

// Security headers. Documents (the SPA) get the full policy: only our own
// scripts, inline styles for Element Plus, nothing may frame the page. API
// answers are data, never rendered, so they get the short policy OWASP's REST
// guidance gives (default-src 'none'; frame-ancestors 'none'). The workbench
// also calls the window PC's device agent on the loopback address and uses
// the document camera through getUserMedia (docs/api/agent.md).
constexpr std::pair<const char*, const char*> kDocumentHeaders[] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
     "img-src 'self' data: blob:; font-src 'self' data:; "
     "connect-src 'self' http://127.0.0.1:* http://localhost:*; "
     "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "same-origin"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Permissions-Policy", "camera=(self), microphone=(), geolocation=(self)"},
};
constexpr std::pair<const char*, const char*> kApiHeaders[] = {
    {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Cache-Control", "no-store"},
};

constexpr int kMaxPendingWrites = 256;

// An io_context whose services can be shut down before it is destroyed.
// Shutting down destroys the handlers still parked in it, and with them the
// connections they own; those connections report to the acceptor's
// connection limiter, so this must happen while the RESTinio server (which
// owns the acceptor) is still alive. See ServerImpl::shutdown.
class IoContext : public asio::io_context {
 public:
  IoContext() : asio::io_context(1) {}  // one thread runs each loop
  using asio::io_context::shutdown;
};

// SO_REUSEPORT: several acceptors on one port, the kernel spreads the
// connections among them.
using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// One event loop: an io_context run by one thread, with its own acceptor on
// the shared port. Loops share nothing on the hot path, as nginx's workers do.
struct Loop {
  IoContext io;
  asio::executor_work_guard<asio::io_context::executor_type> work{asio::make_work_guard(io)};
  std::unique_ptr<RestinioServer> server;
  std::thread thread;
};  // a stream this far behind is dropped

Method to_method(const restinio::http_method_id_t& m) {
  if (m == restinio::http_method_get()) return Method::kGet;
  if (m == restinio::http_method_head()) return Method::kHead;
  if (m == restinio::http_method_post()) return Method::kPost;
  if (m == restinio::http_method_put()) return Method::kPut;
  if (m == restinio::http_method_patch()) return Method::kPatch;
  if (m == restinio::http_method_delete()) return Method::kDelete;
  if (m == restinio::http_method_options()) return Method::kOptions;
  return Method::kOther;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 507: return "Insufficient Storage";
    default: return "Status";
  }
}

std::string new_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t v = rng();
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) id[static_cast<std::size_t>(i)] = kHex[v & 0xf];
  return id;
}

bool acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool is_api(std::string_view path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

constexpr std::string_view kMetricsPath = "/metrics";

// yichuang_http_requests_total{method,status}: the status as its class
// (2xx..5xx) and the method from a fixed list, so that no label carries a
// path or an id and every series exists from the start. Registered once per
// server; counting is an array index and a relaxed atomic add.
class HttpMetrics {
 public:
  HttpMetrics() {
    auto& reg = metrics::process();
    for (int m = 0; m < kMethods; ++m)
      for (int c = 0; c < kClasses; ++c)
        requests_[m][c] = &reg.counter("yichuang_http_requests_total", "HTTP requests answered, by method and status class.",
                                       {{"method", std::string(method_name(static_cast<Method>(m)))},
                                        {"status", fmt::format("{}xx", c + 2)}});
    duration_ = &reg.histogram("yichuang_http_request_duration_seconds",
                               "Time from reading a request to handing its answer to the socket.",
                               metrics::default_seconds_buckets());
    streams_ = &reg.gauge("yichuang_sse_streams", "Open event streams (Server-Sent Events).");
  }

  void answered(Method method, int status, std::chrono::steady_clock::duration took) noexcept {
    const int c = std::clamp(status / 100, 2, 5) - 2;
    requests_[static_cast<int>(method)][c]->inc();
    duration_->observe(std::chrono::duration<double>(took).count());
  }
  void stream_opened() noexcept {
    requests_[static_cast<int>(Method::kGet)][0]->inc();
    streams_->add(1);
  }
  void stream_closed() noexcept { streams_->add(-1); }

 private:
  static constexpr int kMethods = static_cast<int>(Method::kOther) + 1;
  static constexpr int kClasses = 4;  // 2xx..5xx (no 1xx is ever sent)
  metrics::Counter* requests_[kMethods][kClasses] = {};
  metrics::Histogram* duration_ = nullptr;
  metrics::Gauge* streams_ = nullptr;
};

std::string allow_header(std::vector<Method> methods) {
  std::string out;
  for (Method m : methods) {
    if (!out.empty()) out += ", ";
    out += method_name(m);
    if (m == Method::kGet) out += ", HEAD";
  }
  return out;
}

class SseStream final : public EventStream {
 public:
  explicit SseStream(restinio::response_builder_t<restinio::chunked_output_t> rb)
      : rb_(std::move(rb)) {}

  bool send(std::string frame) override {
    std::unique_lock lock(mu_);
    if (closed_) return false;
    if (pending_ >= kMaxPendingWrites) {
      lock.unlock();
      close();
      return false;
    }
    ++pending_;
    rb_.append_chunk(std::move(frame));
    std::weak_ptr<SseStream> weak = self_;
    rb_.flush([weak](const asio::error_code& ec) {
      auto self = weak.lock();
      if (!self) return;
      {
        std::lock_guard g(self->mu_);
        --self->pending_;
      }
      if (ec) self->close();
    });
    return true;
  }

  void close() override {
    std::vector<std::function<void()>> callbacks;
    {
      std::lock_guard lock(mu_);
      if (closed_) return;
      closed_ = true;
      rb_.done();
      callbacks.swap(on_close_);
    }
    for (auto& cb : callbacks) cb();
  }

  bool closed() const override {
    std::lock_guard lock(mu_);
    return closed_;
  }

  void on_close(std::function<void()> fn) override {
    std::unique_lock lock(mu_);
    if (closed_) {
      lock.unlock();
      fn();
      return;
    }
    on_close_.push_back(std::move(fn));
  }

  std::weak_ptr<SseStream> self_;

 private:
  mutable std::mutex mu_;
  restinio::response_builder_t<restinio::chunked_output_t> rb_;
  bool closed_ = false;
  int pending_ = 0;
  std::vector<std::function<void()>> on_close_;
};

class ServerImpl final : public Server {
 public:
  ServerImpl(ServerOptions options, Router router, std::shared_ptr<const StaticSite> site)
      : options_(std::move(options)),
        router_(std::move(router)),
        site_(std::move(site)),
        workers_(static_cast<std::size_t>(options_.worker_threads)) {}

  ~ServerImpl() override { shutdown(); }

  Result<void> open() {
    raise_fd_limit();
    // With several loops the acceptors share the port through SO_REUSEPORT,
    // which would also let a second yichuang bind it silently: probe first
    // with a plain socket so that a port in use is still an error.
    if (options_.io_threads > 1) YC_TRY_VOID(probe_port());
    const auto loops = static_cast<std::size_t>(options_.io_threads);
    const bool reuse_port = loops > 1;
    for (std::size_t i = 0; i < loops; ++i) {
      auto loop = std::make_unique<Loop>();
      auto settings =
          restinio::server_settings_t<Traits>{}
              .address(options_.listen)
              .port(static_cast<std::uint16_t>(options_.port))
              .max_parallel_connections(
                  std::max<std::size_t>(1, static_cast<std::size_t>(options_.max_connections) / loops))
              .read_next_http_message_timelimit(std::chrono::seconds(60))
              .write_http_response_timelimit(options_.request_timeout)
              .handle_request_timeout(options_.request_timeout)
              .incoming_http_msg_limits(
                  restinio::incoming_http_msg_limits_t{}
                      .max_url_size(8 * 1024)
                      .max_field_count(100)
                      .max_field_value_size(16 * 1024)
                      // Bodies a little over the limit still get a 413 with a
                      // JSON explanation; far over it, the connection is closed.
                      .max_body_size(static_cast<std::uint64_t>(
                          std::max(options_.max_body_bytes * 4, router_.max_route_body() * 2))))
              .acceptor_options_setter([reuse_port](restinio::acceptor_options_t& o) {
                o.set_option(asio::ip::tcp::acceptor::reuse_address(true));
                if (reuse_port) o.set_option(ReusePort(true));
              })
              .socket_options_setter([](restinio::socket_options_t& o) {
                o.set_option(asio::ip::tcp::no_delay{true});
              })
              .request_handler([this](ReqHandle req) { return handle(std::move(req)); });
      try {
        loop->server = std::make_unique<RestinioServer>(restinio::external_io_context(loop->io),
                                                        std::move(settings));
        loop->server->open_sync();
      } catch (const std::exception& e) {
        loop->server.reset();
        stop_loops();
        return fail(ErrorCode::kUnavailable,
                    fmt::format("无法监听 {}:{}: {}", options_.listen, options_.port, e.what()),
                    "server.port");
      }
      loops_.push_back(std::move(loop));
    }
    for (auto& loop : loops_) loop->thread = std::thread([l = loop.get()] { l->io.run(); });
    every(std::chrono::duration_cast<std::chrono::milliseconds>(options_.heartbeat),
          [this] { heartbeat(); });
    return {};
  }

  Result<void> probe_port() {
    asio::io_context io;
    asio::error_code ec;
    asio::ip::tcp::acceptor probe(io);
    const auto address = asio::ip::make_address(options_.listen, ec);
    if (!ec) {
      const asio::ip::tcp::endpoint ep(address, static_cast<std::uint16_t>(options_.port));
      probe.open(ep.protocol(), ec);
      if (!ec) probe.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
      if (!ec) probe.bind(ep, ec);
    }
    if (ec)
      return fail(ErrorCode::kUnavailable,
                  fmt::format("无法监听 {}:{}: {}", options_.listen, options_.port, ec.message()),
                  "server.port");
    return {};
  }

  void wait_for_stop() override {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    int sig = 0;
    sigwait(&set, &sig);
    log::info(fmt::format("event=stopping signal={} in_flight={} streams={}", sig,
                          in_flight_.load(), open_streams()));
    shutdown();
    log::info("event=stopped");
  }

  void request_stop() override { kill(getpid(), SIGTERM); }

  void every(std::chrono::milliseconds period, std::function<void()> fn) override {
    auto timer = std::make_shared<asio::steady_timer>(loops_.front()->io);
    {
      std::lock_guard lock(timers_mu_);
      timers_.push_back(timer);
    }
    arm(timer, period, std::make_shared<std::function<void()>>(std::move(fn)));
  }

  void post(std::function<void()> fn) override {
    asio::post(workers_, [fn = std::move(fn)] {
      try {
        fn();
      } catch (const std::exception& e) {
        log::error(fmt::format("event=task_failed error=\"{}\"", e.what()));
      }
    });
  }

  std::size_t open_streams() const override {
    std::lock_guard lock(streams_mu_);
    return streams_.size();
  }

 private:
  void arm(std::shared_ptr<asio::steady_timer> timer, std::chrono::milliseconds period,
           std::shared_ptr<std::function<void()>> fn) {
    timer->expires_after(period);
    timer->async_wait([this, timer, period, fn](const asio::error_code& ec) {
      if (ec || draining_) return;
      post([fn] { (*fn)(); });
      arm(timer, period, fn);
    });
  }

  static void raise_fd_limit() {
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
      rl.rlim_cur = rl.rlim_max;
      setrlimit(RLIMIT_NOFILE, &rl);
    }
  }

  Request convert(const ReqHandle& req) {
    Request r;
    const auto& h = req->header();
    r.method = to_method(h.method());
    r.path = std::string(h.path());
    r.raw_query = std::string(h.query());
    r.body = req->body();
    r.headers.reserve(h.fields_count());
    h.for_each_field([&r](const restinio::http_header_field_t& f) {
      std::string name = f.name();
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers.emplace_back(std::move(name), f.value());
    });
    auto given = r.header("x-request-id");
    r.request_id = given && acceptable_request_id(*given) ? std::string(*given) : new_request_id();
    r.received_at_ms = time::now_ms();
    const auto peer = req->remote_endpoint().address();
    r.remote_address = peer.to_string();
    // Behind the local reverse proxy (deploy/nginx.conf), the client is the
    // last X-Forwarded-For entry, which that proxy appended itself. Only a
    // proxy on this host is trusted to say so.
    if (peer.is_loopback()) {
      if (auto xff = r.header("x-forwarded-for"); xff && !xff->empty()) {
        auto last = xff->substr(xff->rfind(',') == std::string_view::npos ? 0 : xff->rfind(',') + 1);
        while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
        asio::error_code ec;
        auto parsed = asio::ip::make_address(std::string(last), ec);
        if (!ec) r.remote_address = parsed.to_string();
      }
    }
    return r;
  }

  Response invoke(const Handler& handler, const Request& r) {
    try {
      return handler(r);
    } catch (const std::exception& e) {
      log::error(fmt::format("event=handler_failed rid={} method={} path={} error=\"{}\"",
                             r.request_id, method_name(r.method), log::redact(r.path),
                             log::redact(e.what())));
    } catch (...) {
      log::error(fmt::format("event=handler_failed rid={} method={} path={}", r.request_id,
                             method_name(r.method), log::redact(r.path)));
    }
    return error_response(Error::make(ErrorCode::kInternal), r.request_id);
  }

  void send(const ReqHandle& req, const Request& r, Response resp,
            std::chrono::steady_clock::time_point started) {
    const int status = resp.status;
    metrics_.answered(r.method, status, std::chrono::steady_clock::now() - started);
    const std::string_view body =
        resp.static_body.empty() ? std::string_view(resp.body) : resp.static_body;
    const std::size_t bytes = body.size();
    auto on_written = [this, status, bytes, started, method = r.method,
                       path = options_.access_log ? r.path : std::string(),
                       rid = options_.access_log ? r.request_id : std::string()](
                          const asio::error_code&) {
      if (options_.access_log) {
        const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
        log::info(fmt::format("event=access method={} path={} status={} bytes={} us={} rid={}",
                              method_name(method), log::redact(path), status, bytes, us, rid));
      }
      --in_flight_;
    };

    auto rb = req->create_response<restinio::user_controlled_output_t>(
        restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(status)},
                                     reason_phrase(status)});
    if (is_api(r.path) || r.path == kMetricsPath) {
      for (const auto& [k, v] : kApiHeaders) rb.append_header(k, v);
    } else {
      for (const auto& [k, v] : kDocumentHeaders) rb.append_header(k, v);
    }
    rb.append_header("X-Request-Id", r.request_id);
    if (!resp.content_type.empty()) rb.append_header(restinio::http_field::content_type, resp.content_type);
    for (auto& [k, v] : resp.headers) rb.append_header(k, v);
    if (draining_) rb.connection_close();
    if (status == 304 || status == 204) {
      rb.set_content_length(0);
    } else {
      rb.set_content_length(bytes);
      if (r.method != Method::kHead) {
        if (resp.static_body.empty())
          rb.set_body(std::move(resp.body));
        else
          rb.set_body(restinio::const_buffer(body.data(), body.size()));
      }
    }
    if (options_.access_log) {
      rb.done(std::move(on_written));
    } else {
      rb.done();
      --in_flight_;
    }
  }

  restinio::request_handling_status_t handle(ReqHandle req) {
    const auto started = std::chrono::steady_clock::now();
    ++in_flight_;
    auto r = std::make_shared<Request>(convert(req));
    if (draining_) {
      send(req, *r, error_response(Error::make(ErrorCode::kUnavailable, "服务正在重启,请稍后重试"),
                                   r->request_id),
           started);
      return restinio::request_accepted();
    }
    if (r->path == kMetricsPath && options_.metrics) {
      Response resp;
      if (r->method != Method::kGet && r->method != Method::kHead) {
        resp = error_response(Error::make(ErrorCode::kMethodNotAllowed), r->request_id);
        resp.header("Allow", "GET, HEAD");
      } else {
        resp = invoke(options_.metrics, *r);
      }
      send(req, *r, std::move(resp), started);
      return restinio::request_accepted();
    }
    if (!is_api(r->path)) {
      Response resp;
      if (r->method != Method::kGet && r->method != Method::kHead) {
        resp = error_response(Error::make(ErrorCode::kMethodNotAllowed), r->request_id);
        resp.header("Allow", "GET, HEAD");
      } else {
        resp = site_->serve(*r);
      }
      send(req, *r, std::move(resp), started);
      return restinio::request_accepted();
    }

    auto match = router_.match(r->method, r->path);
    if (match.route == nullptr) {
      Response resp;
      if (!match.allowed.empty()) {
        resp = error_response(Error::make(ErrorCode::kMethodNotAllowed), r->request_id);
        resp.header("Allow", allow_header(match.allowed));
      } else {
        resp = error_response(Error::make(ErrorCode::kNotFound, "接口不存在"), r->request_id);
      }
      send(req, *r, std::move(resp), started);
      return restinio::request_accepted();
    }
    const Route& route = *match.route;
    r->path_params = std::move(match.params);
    const std::int64_t limit = route.max_body_bytes > 0 ? route.max_body_bytes : options_.max_body_bytes;
    if (static_cast<std::int64_t>(r->body.size()) > limit) {
      send(req, *r,
           error_response(Error::make(ErrorCode::kPayloadTooLarge,
                                      fmt::format("请求内容过大,上限为 {} 字节", limit)),
                          r->request_id),
           started);
      return restinio::request_accepted();
    }
    if (route.stream) {
      if (route.stream_check) {
        if (auto err = route.stream_check(*r)) {
          send(req, *r, error_response(*err, r->request_id), started);
          return restinio::request_accepted();
        }
      }
      --in_flight_;  // streams end at shutdown; they do not hold it up
      open_stream(req, r, route.stream);
      return restinio::request_accepted();
    }
    if (route.execution == Execution::kInline) {
      send(req, *r, invoke(route.handler, *r), started);
      return restinio::request_accepted();
    }
    asio::post(workers_, [this, req, r, &route, started] {
      send(req, *r, invoke(route.handler, *r), started);
    });
    return restinio::request_accepted();
  }

  void open_stream(const ReqHandle& req, const std::shared_ptr<Request>& r,
                   const StreamHandler& handler) {
    if (open_streams() >= static_cast<std::size_t>(options_.max_streams)) {
      ++in_flight_;
      send(req, *r, error_response(Error::make(ErrorCode::kUnavailable, "实时连接数已满,请稍后重试"),
                                   r->request_id),
           std::chrono::steady_clock::now());
      return;
    }
    auto rb = req->create_response<restinio::chunked_output_t>();
    for (const auto& [k, v] : kApiHeaders) rb.append_header(k, v);
    rb.append_header("X-Request-Id", r->request_id);
    rb.append_header(restinio::http_field::content_type, "text/event-stream; charset=utf-8");
    rb.append_header("X-Accel-Buffering", "no");  // nginx: pass events through at once
    rb.flush();
    auto stream = std::make_shared<SseStream>(std::move(rb));
    stream->self_ = stream;
    const std::uint64_t id = ++next_stream_id_;
    {
      std::lock_guard lock(streams_mu_);
      streams_.emplace(id, stream);
    }
    metrics_.stream_opened();
    stream->on_close([this, id] {
      metrics_.stream_closed();
      std::lock_guard lock(streams_mu_);
      streams_.erase(id);
    });
    if (options_.access_log)
      log::info(fmt::format("event=stream_open path={} rid={}", log::redact(r->path), r->request_id));
    asio::post(workers_, [r, stream, &handler] {
      try {
        handler(*r, stream);
      } catch (const std::exception& e) {
        log::error(fmt::format("event=stream_failed rid={} error=\"{}\"", r->request_id,
                               log::redact(e.what())));
        stream->close();
      }
    });
  }

  std::vector<std::shared_ptr<SseStream>> snapshot_streams() {
    std::vector<std::shared_ptr<SseStream>> out;
    std::lock_guard lock(streams_mu_);
    out.reserve(streams_.size());
    for (auto& [id, s] : streams_) out.push_back(s);
    return out;
  }

  void heartbeat() {
    for (auto& s : snapshot_streams()) s->send(": heartbeat\n\n");
  }

  void shutdown() {
    if (stopped_.exchange(true)) return;
    draining_ = true;
    for (auto& loop : loops_) {
      std::promise<void> closed;
      loop->server->close_async([&closed] { closed.set_value(); },
                                [&closed](std::exception_ptr) { closed.set_value(); });
      closed.get_future().wait_for(std::chrono::seconds(5));
    }
    {
      std::lock_guard lock(timers_mu_);
      for (auto& t : timers_) asio::post(t->get_executor(), [t] { t->cancel(); });
    }
    for (auto& s : snapshot_streams()) s->close();
    const auto deadline = std::chrono::steady_clock::now() + options_.shutdown_grace;
    while (in_flight_ > 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (in_flight_ > 0)
      log::warn(fmt::format("event=shutdown_grace_expired in_flight={}", in_flight_.load()));
    workers_.join();
    // Let the last writes (stream ends, final responses) reach the sockets.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stop_loops();
  }

  // Stops and joins every loop, then shuts its io_context down while its
  // RESTinio server is still alive (see IoContext), then destroys both.
  void stop_loops() {
    for (auto& loop : loops_) {
      loop->work.reset();
      loop->io.stop();
    }
    for (auto& loop : loops_)
      if (loop->thread.joinable()) loop->thread.join();
    {
      std::lock_guard lock(timers_mu_);
      timers_.clear();
    }
    for (auto& loop : loops_) {
      loop->io.shutdown();
      loop->server.reset();
    }
    loops_.clear();
  }

  ServerOptions options_;
  Router router_;
  std::shared_ptr<const StaticSite> site_;
  asio::thread_pool workers_;
  std::vector<std::unique_ptr<Loop>> loops_;
  std::atomic<bool> draining_{false};
  std::atomic<bool> stopped_{false};
  std::atomic<std::int64_t> in_flight_{0};
  mutable std::mutex streams_mu_;
  std::map<std::uint64_t, std::shared_ptr<SseStream>> streams_;
  std::atomic<std::uint64_t> next_stream_id_{0};
  std::mutex timers_mu_;
  std::vector<std::shared_ptr<asio::steady_timer>> timers_;
  HttpMetrics metrics_;
};

}  // namespace

void block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

Result<std::unique_ptr<Server>> Server::start(ServerOptions options, Router router,
                                              std::shared_ptr<const StaticSite> site) {
  if (!site) site = StaticSite::load("").value();
  auto server = std::make_unique<ServerImpl>(std::move(options), std::move(router), std::move(site));
  YC_TRY_VOID(server->open());
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace yc::http
