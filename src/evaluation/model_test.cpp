// The rules of 好差评 (policy 四(三); GB/T 39734-2020): levels, reasons that
// fit the level, a bad rating says why; escalation goes up the unit tree.
#include <gtest/gtest.h>

#include "evaluation/model.hpp"

namespace yc::evaluation {
namespace {

TEST(Evaluation, FiveLevelsAndTheBadOnesOpenRectification_4_3) {
  EXPECT_EQ(level_name(5), "非常满意");
  EXPECT_EQ(level_name(3), "基本满意");
  EXPECT_EQ(level_name(1), "非常不满意");
  EXPECT_FALSE(is_bad(3));
  EXPECT_TRUE(is_bad(2));
  EXPECT_TRUE(is_bad(1));
}

TEST(Evaluation, ReasonsMustFitTheLevelAndABadRatingSaysWhy_4_3) {
  EXPECT_TRUE(validate({5, {"on_time", "guide_accurate"}, ""}));
  EXPECT_TRUE(validate({5, {}, ""}));
  EXPECT_TRUE(validate({2, {"waiting_long"}, ""}));
  EXPECT_TRUE(validate({1, {}, "材料被退回三次"}));
  EXPECT_TRUE(validate({4, {"other"}, "x"}));
  auto why = validate({2, {}, ""});
  ASSERT_FALSE(why);
  EXPECT_EQ(why.error().field, "reasons");
  auto mixed = validate({5, {"attitude_bad"}, ""});
  ASSERT_FALSE(mixed);
  EXPECT_EQ(mixed.error().field, "reasons");
  EXPECT_FALSE(validate({0, {}, ""}));
  EXPECT_FALSE(validate({6, {}, ""}));
  EXPECT_FALSE(validate({2, {"late", "late"}, ""}));
  EXPECT_FALSE(validate({2, {"nope"}, ""}));
  EXPECT_FALSE(validate({3, {}, std::string(501 * 3, '\x41')}));
  std::string five_hundred;
  for (int i = 0; i < 500; ++i) five_hundred += "好";
  EXPECT_TRUE(validate({3, {}, five_hundred}));
  EXPECT_FALSE(validate({3, {}, five_hundred + "好"}));
}

TEST(Evaluation, ChannelsAndStages) {
  for (auto c : {"pad", "kiosk", "web", "mobile", "receipt"}) EXPECT_TRUE(valid_channel(c)) << c;
  EXPECT_FALSE(valid_channel("fax"));
  EXPECT_TRUE(valid_stage("ticket", "served"));
  EXPECT_FALSE(valid_stage("ticket", "accepted"));
  for (auto s : {"accepted", "completed", "delivered"}) EXPECT_TRUE(valid_stage("case", s)) << s;
  EXPECT_FALSE(valid_stage("case", "served"));
}

TEST(Evaluation, UnansweredRectificationGoesUpOneUnitAtATime) {
  const std::string street = "/110000/110101/110101001/";
  auto first = next_escalation(street, 0);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->level, 1);
  EXPECT_EQ(first->unit_code, "110101");
  auto second = next_escalation(street, 1);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->unit_code, "110000");
  EXPECT_FALSE(next_escalation(street, 2));
  EXPECT_FALSE(next_escalation("/110000/", 0));
}

}  // namespace
}  // namespace yc::evaluation
