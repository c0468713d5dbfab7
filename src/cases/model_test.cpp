// The pure rules of case handling (issue 6): chains 三(七), materials and the
// one-time notice 三(八) 一次性告知, separation of duties 三(七), the clock
// 三(八) 限时办结 with the 2025 calendar as test vector.
#include <gtest/gtest.h>

#include "cases/model.hpp"

namespace yc::cases {
namespace {

catalog::Item item_with(std::vector<std::string> steps) {
  catalog::Item it;
  for (auto& s : steps) it.process.push_back(catalog::Step{s, "", ""});
  catalog::Material a;
  a.name = "居民身份证";
  catalog::Material b;
  b.name = "社保信息";
  b.shared = true;
  catalog::Material c;
  c.name = "证明";
  c.required = false;
  c.condition = "有则提供";
  it.materials = {a, b, c};
  return it;
}

// 2025 exceptions around the Spring Festival (research/calendar.md).
calendar::Exceptions spring_2025() {
  using K = calendar::DayKind;
  return {{"2025-01-26", K::kWorkday}, {"2025-01-28", K::kHoliday}, {"2025-01-29", K::kHoliday},
          {"2025-01-30", K::kHoliday}, {"2025-01-31", K::kHoliday}, {"2025-02-03", K::kHoliday},
          {"2025-02-04", K::kHoliday}, {"2025-02-08", K::kWorkday}};
}

time::Date d(const char* iso) { return time::parse_date(iso).value(); }

TEST(CaseChain, FollowsTheItemsReviewStepsInOrder_3_7) {
  EXPECT_TRUE(chain_of(item_with({"intake", "deliver"}), false).empty());  // 即办件
  EXPECT_EQ(chain_of(item_with({"intake", "review_first", "approve", "deliver"}), false),
            (std::vector<std::string>{"review_first", "approve"}));
  // 复核 comes last even when listed earlier, and only once.
  EXPECT_EQ(chain_of(item_with({"intake", "recheck", "review_first", "approve", "deliver"}), false),
            (std::vector<std::string>{"review_first", "approve", "recheck"}));
}

TEST(CaseChain, RandomSampleAddsRecheckOnlyToReviewedItems_3_7) {
  const auto reviewed = item_with({"intake", "review_first", "deliver"});
  EXPECT_TRUE(drawn_for_recheck(reviewed, 5, 4));
  EXPECT_FALSE(drawn_for_recheck(reviewed, 5, 5));
  EXPECT_FALSE(drawn_for_recheck(reviewed, 0, 0));
  EXPECT_TRUE(drawn_for_recheck(reviewed, 100, 99));
  EXPECT_FALSE(drawn_for_recheck(item_with({"intake", "deliver"}), 100, 0));  // nothing to recheck
  EXPECT_FALSE(drawn_for_recheck(item_with({"review_first", "recheck"}), 100, 0));  // always rechecked anyway
  EXPECT_EQ(chain_of(reviewed, true), (std::vector<std::string>{"review_first", "recheck"}));
}

TEST(CaseMaterials, SharedDataIsExemptFromTheStart) {
  const auto ms = materials_of(item_with({}));
  ASSERT_EQ(ms.size(), 3u);
  EXPECT_EQ(ms[0].state, "pending");
  EXPECT_EQ(ms[1].state, "exempt");
  EXPECT_EQ(ms[2].idx, 2);
}

TEST(CaseMaterials, JudgementsNeedFormsAndReasons) {
  const auto ms = materials_of(item_with({}));
  EXPECT_TRUE(check_judgement(ms[0], "received", "original", ""));
  EXPECT_EQ(check_judgement(ms[0], "received", "", "").error().field, "form");
  EXPECT_EQ(check_judgement(ms[0], "missing", "", "").error().field, "reason");
  EXPECT_EQ(check_judgement(ms[0], "defective", "", "").error().field, "reason");
  EXPECT_EQ(check_judgement(ms[0], "not_applicable", "", "").error().field, "state");  // required
  EXPECT_TRUE(check_judgement(ms[2], "not_applicable", "", ""));
  EXPECT_EQ(check_judgement(ms[0], "exempt", "", "").error().field, "reason");  // not shared
  EXPECT_EQ(check_judgement(ms[0], "pending", "", "").error().field, "state");
  EXPECT_EQ(check_judgement(ms[0], "lost", "", "").error().field, "state");
}

TEST(CaseMaterials, AcceptanceNeedsEveryMaterialJudgedAndNoneMissing) {
  auto ms = materials_of(item_with({}));
  EXPECT_EQ(check_acceptable(ms).error().field, "materials[0]");
  ms[0].state = "received";
  EXPECT_EQ(check_acceptable(ms).error().field, "materials[2]");
  ms[2].state = "missing";
  EXPECT_EQ(check_acceptable(ms).error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(notice_list(ms).size(), 1u);
  ms[2].state = "not_applicable";
  EXPECT_TRUE(check_acceptable(ms));
  EXPECT_TRUE(notice_list(ms).empty());
}

TEST(OneTimeNotice, ListCannotGrowWithoutTheHallManagersReason_3_8) {
  const std::set<int> told{1}, none;
  // Before any notice anything may be found missing.
  EXPECT_TRUE(check_notice_growth(0, "missing", none, none, false));
  // After it: what was told may still be missing; anything else may not.
  EXPECT_TRUE(check_notice_growth(1, "missing", told, none, true));
  auto grown = check_notice_growth(0, "defective", told, none, true);
  ASSERT_FALSE(grown);
  EXPECT_EQ(grown.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(grown.error().field, "materials[0]");
  EXPECT_TRUE(check_notice_growth(0, "received", told, none, true));
  EXPECT_TRUE(check_notice_growth(0, "missing", told, std::set<int>{0}, true));
}

// The separation-of-duties matrix (三(七) 岗位不相容): who may act on which step.
TEST(SeparationOfDuties, Matrix_3_7) {
  constexpr std::int64_t clerk = 1, acceptor = 2, first = 3, second = 4, approver = 5, other = 6;
  const std::vector<DoneStep> done{{"review_first", first}, {"review_second", second}, {"approve", approver}};
  struct Row {
    std::string step;
    std::int64_t actor;
    bool allowed;
  };
  const std::vector<Row> rows{
      {"review_first", clerk, false},     {"review_first", acceptor, false}, {"review_first", first, true},
      {"review_first", second, false},    {"approve", first, false},         {"approve", second, false},
      {"approve", approver, true},        {"recheck", approver, false},      {"recheck", first, false},
      {"recheck", clerk, false},          {"recheck", other, true},          {"review_second", other, true},
  };
  for (const auto& r : rows) {
    auto result = check_separation(r.step, r.actor, clerk, acceptor, done, false, false);
    EXPECT_EQ(static_cast<bool>(result), r.allowed) << r.step << " by " << r.actor;
    if (!result) {
      EXPECT_EQ(result.error().code, ErrorCode::kForbidden);
      EXPECT_EQ(result.error().field, "step");
    }
  }
}

TEST(SeparationOfDuties, HighRiskItemsOnlyByFormalStaff_3_7) {
  EXPECT_FALSE(check_separation("approve", 9, 1, 1, {}, true, false));
  EXPECT_TRUE(check_separation("approve", 9, 1, 1, {}, true, true));
  EXPECT_TRUE(check_separation("approve", 9, 1, 1, {}, false, false));
}

TEST(TimeLimit, FiveWorkingDaysFromFriday2025_01_24IsFebruary7_3_8) {
  const auto c = clock_for(d("2025-01-24"), 5, spring_2025());
  EXPECT_EQ(c.due.iso(), "2025-02-07");
  // 80% of 5 days = 4 working days: Jan 26 (调休), 27, Feb 5, 6.
  EXPECT_EQ(c.warn.iso(), "2025-02-06");
  // Suspended for 2 working days: both move on by two working days.
  const auto moved = extend(c, 2, spring_2025());
  EXPECT_EQ(moved.due.iso(), "2025-02-10");  // Feb 8 is a 调休 workday, then Monday Feb 10
  EXPECT_EQ(moved.warn.iso(), "2025-02-08");
}

TEST(TimeLimit, ClockStates_3_8) {
  const std::optional<std::string> due = "2025-02-07", warn = "2025-02-06";
  EXPECT_EQ(clock_state("review", due, warn, false, "2025-02-05"), "on_time");
  EXPECT_EQ(clock_state("review", due, warn, false, "2025-02-06"), "warning");
  EXPECT_EQ(clock_state("review", due, warn, false, "2025-02-07"), "warning");
  EXPECT_EQ(clock_state("review", due, warn, false, "2025-02-08"), "overdue");
  EXPECT_EQ(clock_state("returned", due, warn, true, "2025-03-01"), "suspended");
  EXPECT_EQ(clock_state("ready", due, warn, false, "2025-03-01"), "none");
  EXPECT_EQ(clock_state("intake", std::nullopt, std::nullopt, false, "2025-03-01"), "none");
}

TEST(CaseNumbers, DayAndSequence) {
  EXPECT_EQ(case_number(d("2025-01-24"), 1), "20250124-000001");
  EXPECT_EQ(notice_number("20250124-000001", 2), "GZ20250124-000001-2");
}

}  // namespace
}  // namespace yc::cases
