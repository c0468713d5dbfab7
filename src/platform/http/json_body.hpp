#pragma once
// Reading JSON request bodies the one way: Content-Type must be
// application/json, the body must be UTF-8 and well-formed JSON. Errors carry
// the stable codes INVALID_JSON / UNSUPPORTED_MEDIA_TYPE.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/http/http.hpp"
#include "platform/result.hpp"

namespace yc::http {

// An answer's optional member: its value, or null.
template <typename T>
boost::json::value or_null(const std::optional<T>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

Result<boost::json::value> parse_json_body(const Request& request);

// A JSON object body read field by field; every error names the field and
// says what is wrong, in Chinese (kInvalidArgument).
class JsonObject {
 public:
  static Result<JsonObject> parse(const Request& request);
  explicit JsonObject(boost::json::object o) : o_(std::move(o)) {}

  bool has(std::string_view key) const { return o_.contains(key); }
  // A member as it is (null when absent), for nested documents.
  const boost::json::value& raw(std::string_view key) const {
    static const boost::json::value kNull;
    const auto* v = o_.if_contains(key);
    return v != nullptr ? *v : kNull;
  }
  // Required text, at most max_chars code points, surrounding spaces trimmed.
  Result<std::string> text(std::string_view key, std::size_t max_chars = 200) const;
  // Absent or null: nullopt.
  Result<std::optional<std::string>> opt_text(std::string_view key, std::size_t max_chars = 200) const;
  Result<std::int64_t> integer(std::string_view key) const;
  Result<std::optional<std::int64_t>> opt_integer(std::string_view key) const;
  Result<std::optional<bool>> opt_bool(std::string_view key) const;
  Result<std::optional<double>> opt_number(std::string_view key) const;

 private:
  boost::json::object o_;
};

// A numeric path parameter (an object id); anything else is kNotFound, as a
// path naming no object is.
Result<std::int64_t> id_param(const Request& request, std::string_view name = "id");

// A numeric query parameter naming an object (?site=3): absent or empty is
// nullopt; anything but 1 to 18 digits is kInvalidArgument with `message` at
// the field (issue 13: "1' OR '1'='1" is not site 1).
Result<std::optional<std::int64_t>> id_query(const Request& request, std::string_view name, std::string_view message);

// 204 with no body.
Response no_content();

// Serializes a JSON value into a response with the given status.
Response json_response(int status, const boost::json::value& body);

}  // namespace yc::http
