#include <gtest/gtest.h>

#include "platform/log.hpp"

namespace yc::log {
namespace {

TEST(Redact, MasksIdNumbersAndPhonesInPaths) {
  EXPECT_EQ(redact("/api/persons/11010519491231002X"), "/api/persons/11**************2X");
  EXPECT_EQ(redact("phone=13800138000"), "phone=13*******00");
  EXPECT_EQ(redact("/api/items/42"), "/api/items/42");
  EXPECT_EQ(redact(""), "");
}

}  // namespace
}  // namespace yc::log
