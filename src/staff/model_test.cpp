// The staffing rules (issue 9), one test per rule named after its clause in
// 京人社服发〔2019〕117号, each passing and failing on purpose.
#include <gtest/gtest.h>

#include "staff/model.hpp"

namespace yc::staff {
namespace {

time::Date d(int y, int m, int day) { return time::Date{y, m, day}; }

Assignment post(Post p, time::Date from, std::optional<time::Date> to = std::nullopt, std::string category = "") {
  return Assignment{p, std::move(category), from, to};
}

const Training kTrained{6, true};

bool has(const std::vector<Violation>& v, std::string_view rule) {
  for (const auto& x : v) {
    if (x.rule == rule) return true;
  }
  return false;
}

TEST(StaffCodes, EveryEmploymentAndPostHasACodeAndAChineseName) {
  for (auto e : {Employment::kCivilServant, Employment::kInstitution, Employment::kAssistant,
                 Employment::kCommunityPost, Employment::kPurchased, Employment::kContract}) {
    EXPECT_EQ(employment_from(employment_code(e)), e);
    EXPECT_FALSE(employment_name(e).empty());
  }
  EXPECT_FALSE(employment_from("temp"));
  EXPECT_EQ(post_from("benefit_payment"), Post::kBenefitPayment);
  EXPECT_EQ(post_name(Post::kRateSetting), "费率核定");
  EXPECT_FALSE(post_from("cashier"));
}

TEST(Policy3_7, FormalStaffAreCivilServantsAndInstitutionStaffOnly) {
  EXPECT_TRUE(is_formal(Employment::kCivilServant));
  EXPECT_TRUE(is_formal(Employment::kInstitution));
  EXPECT_FALSE(is_formal(Employment::kAssistant));
  EXPECT_FALSE(is_formal(Employment::kCommunityPost));
  EXPECT_FALSE(is_formal(Employment::kPurchased));
  EXPECT_FALSE(is_formal(Employment::kContract));
}

TEST(Policy3_7, HighRiskPostsAreFormalStaffOnly) {
  auto m = default_incompatible();
  auto refused = check_assignment(Employment::kAssistant, {}, post(Post::kBenefitPayment, d(2026, 1, 1)), m, kTrained);
  ASSERT_TRUE(has(refused, "high_risk_formal_only"));
  EXPECT_EQ(refused.front().clause, "三(七)");
  EXPECT_NE(refused.front().message.find("待遇发放"), std::string::npos);
  EXPECT_NE(refused.front().message.find("协管员"), std::string::npos);
  EXPECT_TRUE(check_assignment(Employment::kInstitution, {}, post(Post::kBenefitPayment, d(2026, 1, 1)), m, kTrained).empty());
  EXPECT_TRUE(has(check_assignment(Employment::kContract, {}, post(Post::kRateSetting, d(2026, 1, 1)), m, kTrained),
                  "high_risk_formal_only"));
  // An ordinary post is open to every kind of staff.
  EXPECT_TRUE(check_assignment(Employment::kAssistant, {}, post(Post::kIntake, d(2026, 1, 1)), m, kTrained).empty());
}

TEST(Policy3_7, IncompatiblePostsOfTheSameCategoryAreRefused) {
  auto m = default_incompatible();
  std::vector<Assignment> held = {post(Post::kIntake, d(2025, 1, 1), std::nullopt, "employment")};
  auto refused = check_assignment(Employment::kCivilServant, held,
                                  post(Post::kApproval, d(2026, 3, 1), std::nullopt, "employment"), m, kTrained);
  ASSERT_TRUE(has(refused, "incompatible_posts"));
  EXPECT_EQ(refused.front().clause, "三(七)");
  // Another category: 受理 of 就业 and 审批 of 社保 may be held together.
  EXPECT_TRUE(check_assignment(Employment::kCivilServant, held,
                               post(Post::kApproval, d(2026, 3, 1), std::nullopt, "social_insurance"), m, kTrained)
                  .empty());
  // Not at the same time: the old post ended before the new one starts.
  std::vector<Assignment> ended = {post(Post::kIntake, d(2024, 1, 1), d(2026, 2, 28), "employment")};
  EXPECT_TRUE(check_assignment(Employment::kCivilServant, ended,
                               post(Post::kApproval, d(2026, 3, 1), std::nullopt, "employment"), m, kTrained)
                  .empty());
  // 初审 / 复审 / 审批 by different people.
  std::vector<Assignment> first = {post(Post::kFirstReview, d(2025, 1, 1))};
  EXPECT_TRUE(has(check_assignment(Employment::kCivilServant, first, post(Post::kSecondReview, d(2026, 1, 1)), m, kTrained),
                  "incompatible_posts"));
}

TEST(Policy3_7, RecheckIsApartFromThePostsItChecksAndPaymentFromRateSetting) {
  auto m = default_incompatible();
  std::vector<Assignment> approver = {post(Post::kApproval, d(2025, 1, 1))};
  EXPECT_TRUE(has(check_assignment(Employment::kCivilServant, approver, post(Post::kRecheck, d(2026, 1, 1)), m, kTrained),
                  "incompatible_posts"));
  std::vector<Assignment> payer = {post(Post::kBenefitPayment, d(2025, 1, 1), std::nullopt, "pension")};
  EXPECT_TRUE(has(check_assignment(Employment::kCivilServant, payer,
                                   post(Post::kRateSetting, d(2026, 1, 1), std::nullopt, "injury"), m, kTrained),
                  "incompatible_posts"));
  // A city that drops the pair from its matrix allows it.
  EXPECT_TRUE(check_assignment(Employment::kCivilServant, payer,
                               post(Post::kRateSetting, d(2026, 1, 1), std::nullopt, "injury"), {}, kTrained)
                  .empty());
}

TEST(Policy4_4, TheInternalControlPostIsFullTime) {
  auto m = default_incompatible();
  std::vector<Assignment> archivist = {post(Post::kArchive, d(2025, 1, 1))};
  auto refused = check_assignment(Employment::kCivilServant, archivist, post(Post::kInternalControl, d(2026, 1, 1)), m, kTrained);
  ASSERT_TRUE(has(refused, "incompatible_posts"));
  EXPECT_EQ(refused.front().clause, "四(四)");
  EXPECT_TRUE(check_assignment(Employment::kCivilServant, {}, post(Post::kInternalControl, d(2026, 1, 1)), m, kTrained).empty());
}

TEST(Policy3_7, HighRiskPostsRotateWithinFiveYears) {
  std::vector<Assignment> h = {post(Post::kBenefitPayment, d(2021, 3, 1), d(2023, 2, 28), "pension"),
                               post(Post::kBenefitPayment, d(2023, 3, 1), std::nullopt, "unemployment")};
  // Back-to-back spans are one run, from 2021-03-01.
  auto t = consecutive_tenure(h, Post::kBenefitPayment, d(2025, 8, 31));
  ASSERT_TRUE(t.since);
  EXPECT_EQ(*t.since, d(2021, 3, 1));
  EXPECT_EQ(t.level, Tenure::Level::kOk);
  EXPECT_EQ(consecutive_tenure(h, Post::kBenefitPayment, d(2025, 9, 1)).level, Tenure::Level::kWarning);  // 4.5 years
  EXPECT_EQ(consecutive_tenure(h, Post::kBenefitPayment, d(2026, 3, 1)).level, Tenure::Level::kWarning);  // 5 years to the day
  EXPECT_EQ(consecutive_tenure(h, Post::kBenefitPayment, d(2026, 3, 2)).level, Tenure::Level::kViolation);
  // A gap restarts the count.
  std::vector<Assignment> gap = {post(Post::kBenefitPayment, d(2020, 1, 1), d(2022, 12, 31)),
                                 post(Post::kBenefitPayment, d(2023, 2, 1))};
  auto g = consecutive_tenure(gap, Post::kBenefitPayment, d(2026, 6, 1));
  EXPECT_EQ(*g.since, d(2023, 2, 1));
  EXPECT_EQ(g.level, Tenure::Level::kOk);
  // An ordinary post has no limit; a post not held today has no tenure.
  std::vector<Assignment> intake = {post(Post::kIntake, d(2015, 1, 1))};
  EXPECT_EQ(consecutive_tenure(intake, Post::kIntake, d(2026, 1, 1)).level, Tenure::Level::kOk);
  EXPECT_FALSE(consecutive_tenure(gap, Post::kBenefitPayment, d(2023, 1, 15)).since);
}

TEST(Policy3_7, AtLeastOnePointTwoStaffPerWindow) {
  EXPECT_FALSE(check_window_staffing(6, 5));  // exactly 1.2
  auto v = check_window_staffing(5, 5);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->clause, "三(七)");
  EXPECT_NE(v->message.find("至少需要6人"), std::string::npos);
  EXPECT_TRUE(check_window_staffing(4, 4));  // 4.8 needed: 5 people
  EXPECT_NE(check_window_staffing(4, 4)->message.find("至少需要5人"), std::string::npos);
  EXPECT_FALSE(check_window_staffing(0, 0));
}

TEST(Policy3_7, FormalStaffOnPostAtLeastNinetyEightPercent) {
  EXPECT_FALSE(check_on_post_rate(98, 100));
  auto v = check_on_post_rate(97, 100);
  ASSERT_TRUE(v);
  EXPECT_NE(v->message.find("97.0%"), std::string::npos);
  EXPECT_FALSE(check_on_post_rate(0, 0));
}

TEST(Policy3_9, AtLeastFiveTrainingDaysAYearAndTrainingBeforeThePost) {
  EXPECT_FALSE(check_training_days(5));
  auto v = check_training_days(4.5);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->clause, "三(九)");
  auto untrained = check_assignment(Employment::kInstitution, {}, post(Post::kIntake, d(2026, 1, 1)),
                                    default_incompatible(), Training{0, false});
  ASSERT_TRUE(has(untrained, "pre_post_training"));
  EXPECT_EQ(untrained.front().clause, "三(九)");
}

TEST(StaffAssignments, TheSamePostTwiceAndABackwardsPeriodAreRefused) {
  std::vector<Assignment> held = {post(Post::kIntake, d(2025, 1, 1), std::nullopt, "employment")};
  EXPECT_TRUE(has(check_assignment(Employment::kInstitution, held,
                                   post(Post::kIntake, d(2026, 1, 1), std::nullopt, "employment"), {}, kTrained),
                  "already_held"));
  EXPECT_TRUE(has(check_assignment(Employment::kInstitution, {}, post(Post::kIntake, d(2026, 1, 1), d(2025, 1, 1)), {},
                                   kTrained),
                  "bad_period"));
}

}  // namespace
}  // namespace yc::staff
