#include <gtest/gtest.h>

#include "platform/http/http.hpp"
#include "platform/http/json_body.hpp"

namespace yc::http {
namespace {

Response ok(const Request&) { return json_response(200, std::string("{}")); }

TEST(Router, MatchesLiteralAndParameterSegments) {
  Router r;
  r.add(Method::kGet, "/api/health", ok);
  r.add(Method::kPost, "/api/events/:topic", ok);
  auto m = r.match(Method::kPost, "/api/events/hall.1");
  ASSERT_NE(m.route, nullptr);
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].first, "topic");
  EXPECT_EQ(m.params[0].second, "hall.1");
}

TEST(Router, UnknownPathIsNotFoundAndWrongMethodListsAllowed) {
  Router r;
  r.add(Method::kGet, "/api/health", ok);
  auto none = r.match(Method::kGet, "/api/nothing");
  EXPECT_EQ(none.route, nullptr);
  EXPECT_TRUE(none.allowed.empty());
  auto wrong = r.match(Method::kDelete, "/api/health");
  EXPECT_EQ(wrong.route, nullptr);
  ASSERT_EQ(wrong.allowed.size(), 1u);
  EXPECT_EQ(wrong.allowed[0], Method::kGet);
  EXPECT_NE(r.match(Method::kHead, "/api/health").route, nullptr);
}

TEST(Router, ParametersArePercentDecodedAndBadEscapesMatchNothing) {
  Router r;
  r.add(Method::kGet, "/api/items/:code", ok);
  auto m = r.match(Method::kGet, "/api/items/%E4%B8%80");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params[0].second, "一");
  EXPECT_EQ(r.match(Method::kGet, "/api/items/%zz").route, nullptr);
  EXPECT_EQ(r.match(Method::kGet, "/api/items/a%00b").route, nullptr);
}

TEST(Request, QueryParametersAreDecoded) {
  Request q;
  q.raw_query = "topics=system%2Chall.1&name=%E4%B8%80+%E7%AA%97&flag";
  EXPECT_EQ(q.query("topics").value(), "system,hall.1");
  EXPECT_EQ(q.query("name").value(), "一 窗");
  EXPECT_EQ(q.query("flag").value(), "");
  EXPECT_FALSE(q.query("absent").has_value());
}

// Issue 13, item 5 (found by the injection sweep): a query parameter naming
// an object is digits or refused; "1' OR '1'='1" is not site 1.
TEST(Request, IdQueryTakesDigitsOnlyAndNamesTheField) {
  Request q;
  q.raw_query = "site=12&bad=1%27%20OR%20%271%27%3D%271&empty=&neg=-1&huge=1234567890123456789";
  EXPECT_EQ(id_query(q, "site", "场所编号不正确").value(), 12);
  EXPECT_FALSE(id_query(q, "absent", "场所编号不正确").value().has_value());
  EXPECT_FALSE(id_query(q, "empty", "场所编号不正确").value().has_value());
  for (const char* name : {"bad", "neg", "huge"}) {
    auto r = id_query(q, name, "场所编号不正确");
    ASSERT_FALSE(r.has_value()) << name;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().field, name);
    EXPECT_EQ(r.error().message, "场所编号不正确");
  }
}

Request json_request(std::string content_type, std::string body) {
  Request r;
  r.method = Method::kPost;
  if (!content_type.empty()) r.headers.emplace_back("content-type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

TEST(JsonBody, AcceptsJsonWithCharset) {
  auto v = parse_json_body(json_request("application/json; charset=utf-8", R"({"a":"𠮷"})"));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->at("a").as_string(), "𠮷");
}

TEST(JsonBody, RejectsWrongContentTypeMalformedAndInvalidUtf8) {
  EXPECT_EQ(parse_json_body(json_request("text/plain", "{}")).error().code,
            ErrorCode::kUnsupportedMediaType);
  EXPECT_EQ(parse_json_body(json_request("", "{}")).error().code, ErrorCode::kUnsupportedMediaType);
  EXPECT_EQ(parse_json_body(json_request("application/json; charset=gbk", "{}")).error().code,
            ErrorCode::kUnsupportedMediaType);
  EXPECT_EQ(parse_json_body(json_request("application/json", "{\"a\":")).error().code,
            ErrorCode::kInvalidJson);
  EXPECT_EQ(parse_json_body(json_request("application/json", "")).error().code,
            ErrorCode::kInvalidJson);
  EXPECT_EQ(parse_json_body(json_request("application/json", "{\"a\":\"\xff\xfe\"}")).error().code,
            ErrorCode::kInvalidJson);
  std::string deep(100, '[');
  deep += std::string(100, ']');
  EXPECT_EQ(parse_json_body(json_request("application/json", deep)).error().code,
            ErrorCode::kInvalidJson);
}

}  // namespace
}  // namespace yc::http
