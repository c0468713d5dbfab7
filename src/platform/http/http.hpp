#pragma once
// The HTTP vocabulary that area code sees (STYLE.md §2b, §3): plain structs,
// no RESTinio or Asio types. Handlers parse -> call a service -> map the
// result; src/platform/http/server.cpp does the transport.

#include <cstdint>
#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/error.hpp"

namespace yc::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view method_name(Method m);

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  Method method = Method::kGet;
  std::string path;        // as sent (still percent-encoded), starts with '/'
  std::string raw_query;   // after '?', not decoded
  std::string body;
  std::string request_id;  // X-Request-Id given by the client or generated
  std::string remote_address;
  std::int64_t received_at_ms = 0;  // UTC epoch ms when the request was read
  Fields headers;          // names lower-cased
  Fields path_params;      // from the route pattern, e.g. {"topic", "system"}

  // First header with this lower-case name.
  std::optional<std::string_view> header(std::string_view lower_name) const;
  // A decoded query parameter; nullopt when absent.
  std::optional<std::string> query(std::string_view name) const;
  // A path parameter by name, percent-decoded; "" when the route has none.
  std::string_view param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // Set instead of body for bytes that outlive the response (static files).
  std::string_view static_body;
  Fields headers;

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// The base URL of the public pages (QR codes on paper): the configured one,
// else the request's scheme and Host with anything unexpected removed.
std::string public_base(const std::string& configured, const Request& r);

// Percent-decodes a path segment; nullopt for a malformed escape or NUL.
std::optional<std::string> percent_decode(std::string_view text);
// Percent-encodes every byte outside RFC 3986's unreserved set (for
// Content-Disposition's filename*=UTF-8'' form, RFC 5987).
std::string percent_encode(std::string_view s);

// The one mapping from error code to HTTP status (STYLE.md §4). A switch
// without default: a new ErrorCode does not compile until it is mapped.
int status_for(ErrorCode code);

// `{"error":{"code","message","field"},"request_id"}` with the real status.
Response error_response(const Error& error, std::string_view request_id);

// A JSON body that is already serialized.
Response json_response(int status, std::string body);

using Handler = std::function<Response(const Request&)>;

// Where a handler runs: kInline on the event loop (never blocks: no I/O, no
// locks held long), kWorker on the worker pool (may wait for the database).
enum class Execution { kInline, kWorker };

// A live Server-Sent Events stream (text/event-stream). Thread-safe.
class EventStream {
 public:
  virtual ~EventStream() = default;
  // Queues already formatted SSE text ("id: ..\ndata: ..\n\n"). Returns false
  // when the stream is closed or too far behind (it is then closed).
  virtual bool send(std::string frame) = 0;
  // Ends the response; idempotent.
  virtual void close() = 0;
  virtual bool closed() const = 0;
  // Called once when the stream closes, for whatever reason.
  virtual void on_close(std::function<void()> fn) = 0;
};

// Runs on the worker pool once the stream's headers are sent. Keep the
// stream pointer for as long as events should flow.
using StreamHandler =
    std::function<void(const Request&, std::shared_ptr<EventStream>)>;

// Routes: patterns with literal segments and ":name" parameters, e.g.
// "/api/events/:topic". A path that matches a pattern with another method
// gives 405 with Allow; no match gives 404.
struct Route {
  Method method;
  std::string pattern;
  Handler handler;
  StreamHandler stream;  // set instead of handler for SSE routes
  // For SSE routes: checks the request before the 200 and headers go out;
  // an error here is an ordinary error response.
  std::function<std::optional<Error>(const Request&)> stream_check;
  Execution execution = Execution::kWorker;
  std::int64_t max_body_bytes = 0;  // 0: the server default
};

class Router {
 public:
  void add(Method method, std::string pattern, Handler handler,
           Execution execution = Execution::kWorker, std::int64_t max_body_bytes = 0);
  void add_stream(std::string pattern,
                  std::function<std::optional<Error>(const Request&)> check,
                  StreamHandler handler);

  struct Match {
    const Route* route = nullptr;        // null: see allowed
    Fields params;
    std::vector<Method> allowed;         // non-empty: path known, method not
  };
  Match match(Method method, std::string_view path) const;

  // The largest per-route body limit (0 when no route sets one).
  std::int64_t max_route_body() const {
    std::int64_t m = 0;
    for (const auto& c : routes_) m = std::max(m, c.route.max_body_bytes);
    return m;
  }

  // Every route, in the order added (the authorization matrix test walks it).
  std::vector<std::pair<Method, std::string>> list() const {
    std::vector<std::pair<Method, std::string>> out;
    for (const auto& c : routes_) out.emplace_back(c.route.method, c.route.pattern);
    return out;
  }

 private:
  struct Compiled {
    Route route;
    std::vector<std::string> segments;  // ":name" marks a parameter
  };
  std::vector<Compiled> routes_;
};

}  // namespace yc::http
