#include "platform/http/json_body.hpp"
#include "platform/text.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace yc::http {

Result<boost::json::value> parse_json_body(const Request& r) {
  auto ct = r.header("content-type");
  std::string_view type = ct ? ct->substr(0, ct->find(';')) : std::string_view{};
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  bool json_type = type.size() == 16;
  for (std::size_t i = 0; json_type && i < type.size(); ++i)
    json_type = std::tolower(static_cast<unsigned char>(type[i])) == "application/json"[i];
  if (!json_type) return fail(ErrorCode::kUnsupportedMediaType);
  if (ct->find("charset=") != std::string_view::npos) {
    std::string lower(*ct);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find("charset=utf-8") == std::string::npos &&
        lower.find("charset=\"utf-8\"") == std::string::npos)
      return fail(ErrorCode::kUnsupportedMediaType, "请求内容必须使用 UTF-8 编码");
  }
  if (r.body.empty()) return fail(ErrorCode::kInvalidJson, "请求内容为空");
  boost::json::error_code ec;
  boost::json::parse_options opts;
  opts.max_depth = 64;
  // allow_invalid_utf8 stays false: strings must be valid UTF-8.
  auto v = boost::json::parse(r.body, ec, {}, opts);
  if (ec) return fail(ErrorCode::kInvalidJson, "请求内容不是有效的 JSON (须为 UTF-8 编码)");
  return v;
}

namespace {
Unexpected missing(std::string_view key) {
  return fail(ErrorCode::kInvalidArgument, "缺少字段 " + std::string(key), std::string(key));
}
Unexpected wrong_type(std::string_view key, std::string_view expected) {
  return fail(ErrorCode::kInvalidArgument,
              "字段 " + std::string(key) + " 应为" + std::string(expected), std::string(key));
}
}  // namespace

Result<JsonObject> JsonObject::parse(const Request& request) {
  auto v = YC_TRY(parse_json_body(request));
  if (!v.is_object()) return fail(ErrorCode::kInvalidJson, "请求内容应为 JSON 对象");
  return JsonObject(std::move(v.as_object()));
}

Result<std::optional<std::string>> JsonObject::opt_text(std::string_view key, std::size_t max_chars) const {
  auto it = o_.find(key);
  if (it == o_.end() || it->value().is_null()) return std::optional<std::string>{};
  if (!it->value().is_string()) return wrong_type(key, "文本");
  std::string_view s = it->value().as_string();
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.find('\0') != std::string_view::npos) return wrong_type(key, "不含空字符的文本");
  if (utf8_length(s) > max_chars)
    return fail(ErrorCode::kInvalidArgument,
                "字段 " + std::string(key) + " 不能超过 " + std::to_string(max_chars) + " 个字",
                std::string(key));
  return std::optional<std::string>(std::string(s));
}

Result<std::string> JsonObject::text(std::string_view key, std::size_t max_chars) const {
  auto v = YC_TRY(opt_text(key, max_chars));
  if (!v) return missing(key);
  return std::move(*v);
}

Result<std::optional<std::int64_t>> JsonObject::opt_integer(std::string_view key) const {
  auto it = o_.find(key);
  if (it == o_.end() || it->value().is_null()) return std::optional<std::int64_t>{};
  const auto& v = it->value();
  if (v.is_int64()) return std::optional<std::int64_t>(v.as_int64());
  if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return std::optional<std::int64_t>(static_cast<std::int64_t>(v.as_uint64()));
  return wrong_type(key, "整数");
}

Result<std::int64_t> JsonObject::integer(std::string_view key) const {
  auto v = YC_TRY(opt_integer(key));
  if (!v) return missing(key);
  return *v;
}

Result<std::optional<bool>> JsonObject::opt_bool(std::string_view key) const {
  auto it = o_.find(key);
  if (it == o_.end() || it->value().is_null()) return std::optional<bool>{};
  if (!it->value().is_bool()) return wrong_type(key, "true 或 false");
  return std::optional<bool>(it->value().as_bool());
}

Result<std::optional<double>> JsonObject::opt_number(std::string_view key) const {
  auto it = o_.find(key);
  if (it == o_.end() || it->value().is_null()) return std::optional<double>{};
  const auto& v = it->value();
  if (v.is_double()) return std::optional<double>(v.as_double());
  if (v.is_int64()) return std::optional<double>(static_cast<double>(v.as_int64()));
  if (v.is_uint64()) return std::optional<double>(static_cast<double>(v.as_uint64()));
  return wrong_type(key, "数字");
}

Result<std::int64_t> id_param(const Request& r, std::string_view name) {
  const auto text = r.param(name);
  std::int64_t v = 0;
  if (text.empty() || text.size() > 18) return fail(ErrorCode::kNotFound, "对象不存在", std::string(name));
  for (char c : text) {
    if (c < '0' || c > '9') return fail(ErrorCode::kNotFound, "对象不存在", std::string(name));
    v = v * 10 + (c - '0');
  }
  return v;
}

Result<std::optional<std::int64_t>> id_query(const Request& r, std::string_view name, std::string_view message) {
  const auto text = r.query(name);
  if (!text || text->empty()) return std::optional<std::int64_t>{};
  if (text->size() > 18 || text->find_first_not_of("0123456789") != std::string::npos)
    return fail(ErrorCode::kInvalidArgument, std::string(message), std::string(name));
  std::int64_t v = 0;
  for (char c : *text) v = v * 10 + (c - '0');
  return std::optional<std::int64_t>{v};
}

Response no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response json_response(int status, const boost::json::value& body) {
  return json_response(status, boost::json::serialize(body));
}

}  // namespace yc::http
