#include <gtest/gtest.h>

#include <set>

#include "platform/http/http.hpp"
#include "platform/result.hpp"

namespace yc {
namespace {

constexpr ErrorCode kAll[] = {
    ErrorCode::kInvalidJson,     ErrorCode::kInvalidArgument,  ErrorCode::kUnsupportedMediaType,
    ErrorCode::kPayloadTooLarge, ErrorCode::kNotFound,         ErrorCode::kMethodNotAllowed,
    ErrorCode::kUnauthenticated, ErrorCode::kForbidden,        ErrorCode::kCsrfRejected,
    ErrorCode::kStepRequired,    ErrorCode::kConflict,
    ErrorCode::kVersionConflict, ErrorCode::kUnprocessable,    ErrorCode::kUnavailable,
    ErrorCode::kReadOnly,        ErrorCode::kStorageFull,      ErrorCode::kDeviceAbsent,
    ErrorCode::kNoCard,          ErrorCode::kDeviceFailed,     ErrorCode::kInternal,
};

TEST(Errors, EveryCodeHasAStableDistinctNameAndAChineseMessage) {
  std::set<std::string_view> names;
  for (auto c : kAll) {
    EXPECT_TRUE(names.insert(code_name(c)).second) << code_name(c);
    EXPECT_FALSE(default_message(c).empty());
    // Chinese text for people: at least one byte outside ASCII.
    bool non_ascii = false;
    for (unsigned char ch : default_message(c)) non_ascii = non_ascii || ch >= 0x80;
    EXPECT_TRUE(non_ascii) << code_name(c);
  }
}

TEST(Errors, MapToTheRealHttpStatus) {
  EXPECT_EQ(http::status_for(ErrorCode::kInvalidJson), 400);
  EXPECT_EQ(http::status_for(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(http::status_for(ErrorCode::kUnsupportedMediaType), 415);
  EXPECT_EQ(http::status_for(ErrorCode::kPayloadTooLarge), 413);
  EXPECT_EQ(http::status_for(ErrorCode::kNotFound), 404);
  EXPECT_EQ(http::status_for(ErrorCode::kMethodNotAllowed), 405);
  EXPECT_EQ(http::status_for(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(http::status_for(ErrorCode::kForbidden), 403);
  EXPECT_EQ(http::status_for(ErrorCode::kConflict), 409);
  EXPECT_EQ(http::status_for(ErrorCode::kVersionConflict), 409);
  EXPECT_EQ(http::status_for(ErrorCode::kUnprocessable), 422);
  EXPECT_EQ(http::status_for(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(http::status_for(ErrorCode::kReadOnly), 503);
  EXPECT_EQ(http::status_for(ErrorCode::kStorageFull), 503);
  EXPECT_EQ(http::status_for(ErrorCode::kDeviceAbsent), 503);
  EXPECT_EQ(http::status_for(ErrorCode::kNoCard), 422);
  EXPECT_EQ(http::status_for(ErrorCode::kDeviceFailed), 502);
  EXPECT_EQ(http::status_for(ErrorCode::kInternal), 500);
}

TEST(Errors, ErrorBodyHasCodeMessageFieldAndRequestId) {
  auto r = http::error_response(Error::make(ErrorCode::kInvalidArgument, "名称不能为空", "name"),
                                "rid-1");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body,
            R"({"error":{"code":"INVALID_ARGUMENT","message":"名称不能为空","field":"name"},"request_id":"rid-1"})");
}

Result<int> half(int x) {
  if (x % 2 != 0) return fail(ErrorCode::kInvalidArgument, "必须是偶数", "x");
  return x / 2;
}
Result<int> quarter(int x) {
  int h = YC_TRY(half(x));
  return YC_TRY(half(h));
}

TEST(Result, TryPropagatesTheFirstError) {
  EXPECT_EQ(*quarter(8), 2);
  auto r = quarter(6);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field, "x");
}

}  // namespace
}  // namespace yc
