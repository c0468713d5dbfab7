#include "platform/http/http.hpp"

#include <cctype>

#include <boost/json.hpp>

namespace yc::http {

std::string_view method_name(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidJson: return 400;
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnsupportedMediaType: return 415;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kVersionConflict: return 409;
    case ErrorCode::kUnprocessable: return 422;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kReadOnly: return 503;
    // Disk full is a passing condition of the server, not of the request:
    // 503 with Retry-After, like read-only (issue 13, item 3).
    case ErrorCode::kStorageFull: return 503;
    case ErrorCode::kDeviceAbsent: return 503;
    case ErrorCode::kNoCard: return 422;
    case ErrorCode::kDeviceFailed: return 502;
    case ErrorCode::kCsrfRejected: return 403;
    case ErrorCode::kStepRequired: return 403;
    case ErrorCode::kRateLimited: return 429;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response error_response(const Error& error, std::string_view request_id) {
  boost::json::object body;
  body["error"] = boost::json::object{{"code", code_name(error.code)},
                                      {"message", error.message},
                                      {"field", error.field}};
  body["request_id"] = request_id;
  Response r;
  r.status = status_for(error.code);
  r.body = boost::json::serialize(body);
  if (error.code == ErrorCode::kUnavailable || error.code == ErrorCode::kReadOnly ||
      error.code == ErrorCode::kStorageFull)
    r.header("Retry-After", "5");
  if (error.code == ErrorCode::kRateLimited)
    r.header("Retry-After", std::to_string(error.retry_after_s > 0 ? error.retry_after_s : 60));
  return r;
}

Response json_response(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return std::string_view(v);
  return std::nullopt;
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes application/x-www-form-urlencoded text ('+' is a space).
std::string decode_query_part(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}
}  // namespace

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size() || hex_value(s[i + 1]) < 0 || hex_value(s[i + 2]) < 0)
      return std::nullopt;
    const char c = static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
    if (c == '\0') return std::nullopt;
    out.push_back(c);
    i += 2;
  }
  return out;
}

std::optional<std::string> Request::query(std::string_view name) const {
  std::string_view q = raw_query;
  while (!q.empty()) {
    auto amp = q.find('&');
    std::string_view part = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
    auto eq = part.find('=');
    std::string key = decode_query_part(part.substr(0, eq));
    if (key != name) continue;
    return eq == std::string_view::npos ? std::string{} : decode_query_part(part.substr(eq + 1));
  }
  return std::nullopt;
}

std::string_view Request::param(std::string_view name) const {
  for (const auto& [k, v] : path_params)
    if (k == name) return v;
  return {};
}

namespace {
std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segs;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { ++i; continue; }
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    segs.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return segs;
}
}  // namespace

std::string public_base(const std::string& configured, const Request& r) {
  if (!configured.empty()) return configured;
  std::string scheme = "http";
  if (auto proto = r.header("x-forwarded-proto"); proto && *proto == "https") scheme = "https";
  auto host = r.header("host").value_or("127.0.0.1");
  std::string clean;
  for (char c : host)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']') clean += c;
  return scheme + "://" + clean;
}

void Router::add(Method method, std::string pattern, Handler handler, Execution execution,
                 std::int64_t max_body_bytes) {
  Compiled c;
  c.segments = split_path(pattern);
  c.route = Route{method, std::move(pattern), std::move(handler), nullptr, nullptr, execution, max_body_bytes};
  routes_.push_back(std::move(c));
}

void Router::add_stream(std::string pattern,
                        std::function<std::optional<Error>(const Request&)> check,
                        StreamHandler handler) {
  Compiled c;
  c.segments = split_path(pattern);
  c.route = Route{Method::kGet, std::move(pattern), nullptr, std::move(handler),
                  std::move(check), Execution::kWorker, 0};
  routes_.push_back(std::move(c));
}

Router::Match Router::match(Method method, std::string_view path) const {
  Match result;
  // Split lazily into views: this runs for every API request.
  std::vector<std::string_view> segs;
  for (std::size_t i = 0; i < path.size();) {
    if (path[i] == '/') { ++i; continue; }
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    segs.push_back(path.substr(i, j - i));
    i = j;
  }
  for (const auto& c : routes_) {
    if (c.segments.size() != segs.size()) continue;
    bool ok = true;
    for (std::size_t i = 0; i < segs.size() && ok; ++i) {
      const auto& p = c.segments[i];
      ok = (!p.empty() && p[0] == ':') ? !segs[i].empty() : p == segs[i];
    }
    if (!ok) continue;
    const bool method_ok =
        c.route.method == method || (method == Method::kHead && c.route.method == Method::kGet &&
                                     c.route.handler != nullptr);
    if (!method_ok) {
      result.allowed.push_back(c.route.method);
      continue;
    }
    result.route = &c.route;
    for (std::size_t i = 0; i < segs.size(); ++i) {
      if (c.segments[i][0] != ':') continue;
      auto decoded = percent_decode(segs[i]);
      if (!decoded) return Match{};  // a malformed escape matches nothing
      result.params.emplace_back(c.segments[i].substr(1), std::move(*decoded));
    }
    result.allowed.clear();
    return result;
  }
  return result;
}

}  // namespace yc::http
