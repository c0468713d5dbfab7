#include "platform/http/json_body.hpp"

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

Response json_response(int status, const boost::json::value& body) {
  return json_response(status, boost::json::serialize(body));
}

}  // namespace yc::http
