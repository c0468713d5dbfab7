// The rules of the employment registry and job services (issue 12, items 1-2;
// policy 附件一(一), 附件二): working age under the 2025 retirement reform, the
// hardship categories, visit periods, matching, and the 公益性岗位 subsidy period.
#include <gtest/gtest.h>

#include <string>

#include "employment/model.hpp"

namespace yc::employment {
namespace {

// Birth dates lie before 2000, which time::parse_date (for business days) refuses.
time::Date d(const char* iso) {
  const std::string s(iso);
  return time::Date{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2))};
}

TEST(EmploymentModel, RetirementFollowsTheGradualReform) {
  // Men born before 1965: 60; born January-April 1965: 60 and one month.
  EXPECT_EQ(retirement_date(d("1964-12-15"), "M").iso(), "2024-12-15");
  EXPECT_EQ(retirement_date(d("1965-01-10"), "M").iso(), "2025-02-10");
  EXPECT_EQ(retirement_date(d("1965-05-10"), "M").iso(), "2025-07-10");  // 60 and two months
  EXPECT_EQ(retirement_date(d("1980-01-01"), "M").iso(), "2043-01-01");  // capped at 63
  // Women (the 55 reference): from January 1970, up to 58.
  EXPECT_EQ(retirement_date(d("1969-06-30"), "F").iso(), "2024-06-30");
  EXPECT_EQ(retirement_date(d("1970-03-31"), "F").iso(), "2025-04-30");  // 31 March + 1 month = 30 April
}

TEST(EmploymentModel, OnlyPeopleOfWorkingAgeAreRegistered_Annex2) {
  EXPECT_TRUE(check_working_age(d("1990-03-07"), "M", d("2026-11-27")));
  EXPECT_FALSE(check_working_age(d("2011-01-01"), "M", d("2026-11-27")));  // 15
  EXPECT_TRUE(check_working_age(d("2010-11-27"), "M", d("2026-11-27")));   // 16 today
  EXPECT_FALSE(check_working_age(d("1962-01-01"), "M", d("2026-11-27")));  // retired
  EXPECT_FALSE(check_working_age(d("1968-01-01"), "F", d("2026-11-27")));  // retired at 55
}

TEST(EmploymentModel, HardshipNeedsACategoryAndAge4050AnAge_Annex1_1) {
  const auto today = d("2026-11-27");
  Registration r{"hardship", "", today};
  EXPECT_EQ(check_registration(r, d("1980-01-01"), "F", today).error().field, "hardship_category");
  r.hardship_category = "age_4050";
  EXPECT_TRUE(check_registration(r, d("1980-01-01"), "F", today));   // a woman of 46
  EXPECT_FALSE(check_registration(r, d("1980-01-01"), "M", today));  // a man of 46
  EXPECT_TRUE(check_registration(r, d("1976-11-27"), "M", today));   // 50 today
  Registration employed{"employed", "disabled", std::nullopt};
  EXPECT_FALSE(check_registration(employed, d("1980-01-01"), "M", today));
  Registration unemployed{"unemployed", "", std::nullopt};
  EXPECT_EQ(check_registration(unemployed, d("1980-01-01"), "M", today).error().field, "registered_day");
  unemployed.registered = d("2026-11-28");
  EXPECT_FALSE(check_registration(unemployed, d("1980-01-01"), "M", today));
}

TEST(EmploymentModel, VisitPeriodsByStatus) {
  EXPECT_EQ(visit_period_days("hardship"), 30);
  EXPECT_EQ(visit_period_days("unemployed"), 30);
  EXPECT_EQ(visit_period_days("flexible"), 90);
  EXPECT_EQ(visit_period_days("employed"), std::nullopt);
}

TEST(EmploymentModel, MatchingBySkillsAndNeedsAndWelfarePostsOnlyForHardship_Annex1_1) {
  Person p{"unemployed", "", "电工,驾驶", "job,training", "电工", "/110000/110101/110101001/110101001001/"};
  Post post{"高压电工", "电工证,高压电工", "/110000/110101/110101001/", false, true, 2, 0};
  auto m = match(p, post);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->score, 10 + 8 + 2);
  EXPECT_EQ(m->reasons.front(), "技能相符: 电工");
  // No job need, employed, a full post: no match.
  auto idle = p;
  idle.needs = "training";
  EXPECT_FALSE(match(idle, post));
  auto working = p;
  working.status = "employed";
  EXPECT_FALSE(match(working, post));
  auto full = post;
  full.filled = 2;
  EXPECT_FALSE(match(p, full));
  // 公益性岗位: 就业困难人员 only.
  auto welfare = post;
  welfare.welfare = true;
  EXPECT_FALSE(match(p, welfare));
  auto hard = p;
  hard.status = "hardship";
  hard.hardship_category = "age_4050";
  ASSERT_TRUE(match(hard, welfare));
  EXPECT_EQ(match(hard, welfare)->reasons.back(), "本街道岗位");
}

TEST(EmploymentModel, SubsidyPeriodIsThreeYearsOrUpToRetirement_Annex1_1) {
  const auto start = d("2026-12-01");
  // Far from retirement: three years.
  EXPECT_EQ(latest_subsidy_end(start, d("2040-01-01")).iso(), "2029-12-01");
  EXPECT_TRUE(check_subsidy_period(start, d("2029-12-01"), d("2040-01-01")));
  EXPECT_FALSE(check_subsidy_period(start, d("2029-12-02"), d("2040-01-01")));
  EXPECT_FALSE(check_subsidy_period(start, start, d("2040-01-01")));
  // Within five years of retirement: up to the retirement date.
  EXPECT_EQ(latest_subsidy_end(start, d("2030-06-01")).iso(), "2030-06-01");
  EXPECT_TRUE(check_subsidy_period(start, d("2030-06-01"), d("2030-06-01")));
  EXPECT_EQ(subsidy_flag("2026-12-20", d("2026-11-27")), "ending");
  EXPECT_EQ(subsidy_flag("2026-11-26", d("2026-11-27")), "expired");
  EXPECT_EQ(subsidy_flag("2027-06-01", d("2026-11-27")), "");
}

TEST(EmploymentModel, TrainingReferralsMoveForwardOnly) {
  EXPECT_TRUE(can_move_training("referred", "enrolled"));
  EXPECT_TRUE(can_move_training("enrolled", "completed"));
  EXPECT_FALSE(can_move_training("completed", "dropped"));
  EXPECT_FALSE(can_move_training("referred", "completed"));
}

TEST(EmploymentModel, CodesAndSkillsAreNormalized) {
  EXPECT_EQ(normal_codes({"policy", "job", "job"}, valid_need, "needs", "需求").value(), "job,policy");
  EXPECT_FALSE(normal_codes({"money"}, valid_need, "needs", "需求"));
  EXPECT_EQ(normal_skills({" 电工 ", "", "电工", "驾驶"}).value(), "电工,驾驶");
  EXPECT_FALSE(normal_skills({"a,b"}));
}

}  // namespace
}  // namespace yc::employment
