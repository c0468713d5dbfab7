// The staff service (issue 9) on SQLite and PostgreSQL: an assignment is
// refused by the rules with nothing written, granted when they hold; the
// compliance view finds the window ratio (三(七) 1.2), the on-post rate
// (三(七) 98%), rotation (三(七) 5 years) and training (三(九)) from stored data.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "org/service.hpp"
#include "platform/time.hpp"
#include "staff/service.hpp"
#include "staff/training.hpp"
#include "store/engine_test.hpp"

namespace yc::staff {
namespace {

class StaffService : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(org::seed_demo_city(*db_));
    site_ = scalar("SELECT id FROM org_site WHERE unit_code = '110101001' AND kind = 'hall'");
    windows_ = scalar("SELECT COUNT(*) FROM org_window WHERE site_id = " + std::to_string(site_));
    ASSERT_GT(windows_, 0);
  }
  std::int64_t scalar(const std::string& sql) {
    return db_->transact<std::int64_t>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one(sql)).int64(0);
    }).value();
  }
  std::int64_t person(const std::string& login, Employment e, bool trained = true) {
    auto id = db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("INSERT INTO account (login, name_sealed, name_masked, phone_sealed, phone_masked, unit_code, "
                           "password_hash, password_changed_at, created_at, updated_at) VALUES ($1, '', '张*', '', '', "
                           "'110101001', 'x', 0, 0, 0) RETURNING id",
                           {login}))
          .int64(0);
    }).value();
    ProfileInput in;
    in.employment = e;
    in.site_id = site_;
    EXPECT_TRUE(write<Person>([&](store::Tx& tx) { return put_profile(tx, audit::Actor::system(), org::Scope::all(), id, in, today_, 0); }));
    if (trained) {
      EXPECT_TRUE(write<TrainingRow>([&](store::Tx& tx) {
        return add_training(tx, audit::Actor::system(), org::Scope::all(), id, TrainingRow{0, "岗前培训", "pre_post", "2020-01-02", 2, true, std::nullopt, std::nullopt}, 0);
      }));
    }
    return id;
  }
  template <typename T, typename F>
  Result<T> write(F f) {
    return db_->transact<T>(store::TxMode::kWrite, f);
  }
  Result<AssignmentRow> assign_to(std::int64_t id, Post post, time::Date from) {
    return write<AssignmentRow>([&](store::Tx& tx) {
      return assign(tx, audit::Actor::system(), org::Scope::all(), id, Assignment{post, "", from, std::nullopt}, "", std::nullopt, 0);
    });
  }
  std::int64_t site_ = 0, windows_ = 0;
  time::Date today_{2026, 11, 26};
};

TEST_P(StaffService, AnAssignmentRefusedByTheRulesWritesNothing_3_7) {
  const auto helper = person("helper", Employment::kAssistant);
  auto refused = assign_to(helper, Post::kBenefitPayment, {2026, 12, 1});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(refused.error().message.find("三(七)"), std::string::npos);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM staff_assignment"), 0);
  ASSERT_TRUE(assign_to(helper, Post::kIntake, {2026, 1, 5}));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM staff_assignment"), 1);
}

TEST_P(StaffService, ComplianceFindsEveryRuleFromStoredData_3_7_3_9) {
  const auto clerk = person("clerk1", Employment::kAssistant);
  ASSERT_TRUE(assign_to(clerk, Post::kIntake, {2025, 1, 1}));
  const auto payer = person("payer", Employment::kCivilServant);
  ASSERT_TRUE(assign_to(payer, Post::kBenefitPayment, {2020, 1, 1}));
  for (int d = 2; d <= 21; ++d) {
    ASSERT_TRUE(write<int>([&](store::Tx& tx) -> Result<int> {
      YC_TRY_VOID(set_attendance(tx, audit::Actor::system(), org::Scope::all(), payer, time::Date{2026, 11, d},
                                 d == 5 ? "absent" : (d == 6 ? "leave" : "on_post"), 0));
      return 0;
    }));
  }
  // A clerk by role who is not on the roster.
  ASSERT_TRUE(write<int>([&](store::Tx& tx) -> Result<int> {
    auto id = YC_TRY(tx.one("INSERT INTO account (login, name_sealed, name_masked, phone_sealed, phone_masked, unit_code, "
                            "password_hash, password_changed_at, created_at, updated_at) VALUES ('unlisted', '', '李*', '', "
                            "'', '110101001', 'x', 0, 0, 0) RETURNING id"));
    YC_TRY(tx.exec("INSERT INTO role_grant (account_id, role_code, unit_code, created_at, created_by) "
                   "VALUES ($1, 'window_clerk', '110101001', 0, 'test')",
                   {id.int64(0)}));
    return 0;
  }));
  auto c = db_->transact<Compliance>(store::TxMode::kRead, [&](store::Tx& tx) {
    return compliance(tx, org::Scope::all(), "110101001", "2026-11", today_);
  });
  ASSERT_TRUE(c) << c.error().message;
  auto site = std::find_if(c->sites.begin(), c->sites.end(), [&](const auto& s) { return s.site_id == site_; });
  ASSERT_NE(site, c->sites.end());
  EXPECT_EQ(site->staff, 1);  // one window clerk
  ASSERT_TRUE(site->on_post_rate);
  EXPECT_NEAR(*site->on_post_rate, 18.0 / 19.0, 1e-9);  // leave does not count, absence does
  std::set<std::string> rules;
  for (const auto& v : site->violations) rules.insert(v.rule);
  for (const auto& p : c->people)
    for (const auto& v : p.violations) rules.insert(v.rule);
  EXPECT_TRUE(rules.contains("window_staffing"));
  EXPECT_TRUE(rules.contains("on_post_rate"));
  EXPECT_TRUE(rules.contains("rotation_over"));
  EXPECT_TRUE(rules.contains("training_days"));
  EXPECT_TRUE(rules.contains("no_profile"));
}

// 三(九) 先培训后上岗: a session's results become the attendees' training
// records; a failed exam does not open a post, a passed one does; results
// are recorded once, for exactly the enrolled people, not before the day.
TEST_P(StaffService, SessionResultsAreTheTrainingThatOpensAPost_3_9) {
  const auto a = person("trainee_a", Employment::kInstitution, false);
  const auto b = person("trainee_b", Employment::kInstitution, false);
  const auto actor = audit::Actor::system();
  const auto all = org::Scope::all();
  auto course = write<Course>([&](store::Tx& tx) {
    return create_course(tx, actor, all, a, CourseInput{"岗前培训", "pre_post", "110101", 2.5, 60}, 0);
  });
  ASSERT_TRUE(course) << course.error().message;
  auto session = write<Session>([&](store::Tx& tx) {
    return create_session(tx, actor, all, a, SessionInput{course->id, {2026, 11, 20}, "街道会议室", "", "110101001", 2}, 0);
  });
  ASSERT_TRUE(session) << session.error().message;
  auto enrolled = write<Session>([&](store::Tx& tx) { return enrol(tx, actor, all, session->id, {a, b, a}, 0); });
  ASSERT_TRUE(enrolled) << enrolled.error().message;
  EXPECT_EQ(enrolled->enrolled, 2);
  // Full: a third person does not fit.
  const auto c = person("trainee_c", Employment::kInstitution, false);
  auto full = write<Session>([&](store::Tx& tx) { return enrol(tx, actor, all, session->id, {c}, 0); });
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().field, "account_ids");

  const auto record = [&](std::vector<SessionResult> results, time::Date today) {
    return write<Session>([&](store::Tx& tx) {
      return record_results(tx, actor, all, a, session->id, results, today, 0);
    });
  };
  auto early = record({{a, true, 90}, {b, true, 40}}, {2026, 11, 19});
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().field, "day");
  auto partial = record({{a, true, 90}}, today_);
  ASSERT_FALSE(partial);
  EXPECT_EQ(partial.error().field, "results");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM staff_training"), 0);  // refusals write nothing

  auto done = record({{a, true, 90}, {b, true, 40}}, today_);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_TRUE(done->recorded);
  EXPECT_EQ(done->attended, 2);
  EXPECT_EQ(done->passed, 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM staff_training WHERE session_id IS NOT NULL AND days_x10 = 25"), 2);
  auto again = record({{a, true, 90}, {b, true, 40}}, today_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);

  EXPECT_TRUE(assign_to(a, Post::kFirstReview, {2026, 11, 27}));
  auto refused = assign_to(b, Post::kFirstReview, {2026, 11, 27});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("三(九)"), std::string::npos);
}

// 三(九) 每人每年不少于5天: the yearly totals count annual training of that year only.
TEST_P(StaffService, YearlyTotalsCountAnnualDaysOfTheYear_3_9) {
  const auto a = person("yearly", Employment::kInstitution);
  for (auto [day, days] : {std::pair{"2026-03-01", 3.0}, std::pair{"2026-09-01", 2.0}, std::pair{"2025-09-01", 4.0}}) {
    ASSERT_TRUE(write<TrainingRow>([&](store::Tx& tx) {
      return add_training(tx, audit::Actor::system(), org::Scope::all(), a,
                          TrainingRow{0, "年度培训", "annual", day, days, true, std::nullopt, std::nullopt}, 0);
    }));
  }
  const auto totals = [&](int year) {
    auto list = db_->transact<std::vector<TrainingTotal>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return training_totals(tx, org::Scope::all(), "110101001", year);
    });
    EXPECT_TRUE(list);
    auto it = std::find_if(list->begin(), list->end(), [&](const auto& t) { return t.account_id == a; });
    EXPECT_NE(it, list->end());
    return *it;
  };
  EXPECT_DOUBLE_EQ(totals(2026).days, 5.0);
  EXPECT_TRUE(totals(2026).meets);
  EXPECT_DOUBLE_EQ(totals(2025).days, 4.0);
  EXPECT_FALSE(totals(2025).meets);
}

// Drill-down: the city's view has a row per district summing what lies
// under it, and the street's view has the breadcrumb city > district > street.
TEST_P(StaffService, ComplianceDrillsDownFromTheCity) {
  const auto clerk = person("drill", Employment::kAssistant);
  ASSERT_TRUE(assign_to(clerk, Post::kIntake, {2025, 1, 1}));
  const auto view = [&](const std::string& unit) {
    return db_->transact<Compliance>(store::TxMode::kRead, [&](store::Tx& tx) {
      return compliance(tx, org::Scope::all(), unit, "2026-11", today_);
    });
  };
  auto city = view("");
  ASSERT_TRUE(city) << city.error().message;
  EXPECT_EQ(city->unit.level, 1);
  ASSERT_FALSE(city->children.empty());
  auto district = std::find_if(city->children.begin(), city->children.end(),
                               [](const auto& u) { return u.unit.code == "110101"; });
  ASSERT_NE(district, city->children.end());
  auto street = view("110101001");
  ASSERT_TRUE(street);
  ASSERT_EQ(street->path.size(), 3u);
  EXPECT_EQ(street->path[1].code, "110101");
  EXPECT_EQ(street->path[2].code, "110101001");
  int street_violations = 0;
  for (const auto& s : street->sites) street_violations += static_cast<int>(s.violations.size());
  for (const auto& p : street->people) street_violations += static_cast<int>(p.violations.size());
  EXPECT_GE(district->violations, street_violations);
  EXPECT_GE(district->sites_with_violations, 1);  // one window clerk for the hall's windows (三(七) 1.2)
  EXPECT_GE(district->staff, 1);
  // A scope below the city starts at its own unit.
  auto scoped = db_->transact<Compliance>(store::TxMode::kRead, [&](store::Tx& tx) {
    return compliance(tx, org::Scope::of({"/110000/110101/"}), "", "2026-11", today_);
  });
  ASSERT_TRUE(scoped) << scoped.error().message;
  EXPECT_EQ(scoped->unit.code, "110101");
  ASSERT_EQ(scoped->path.size(), 1u);
}

YC_ON_BOTH_ENGINES(StaffService);

}  // namespace
}  // namespace yc::staff
