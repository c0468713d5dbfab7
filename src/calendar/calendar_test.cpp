// Working days from the calendar table (policy 三(八) 限时办结;
// research/calendar.md, the verified 2025 schedule as test vector).
#include <gtest/gtest.h>

#include <filesystem>

#include "calendar/service.hpp"
#include "store/migrate.hpp"
#include "store/migrations.hpp"
#include "store/engine_test.hpp"
#include "store/testing.hpp"

namespace yc::calendar {
namespace {

time::Date d(const char* iso) { return parse_date(iso).value(); }

TEST(CalendarModel, WeekdaysAndDates) {
  EXPECT_EQ(iso_weekday(d("2025-01-24")), 5);  // Friday
  EXPECT_EQ(iso_weekday(d("2025-01-26")), 7);  // Sunday
  EXPECT_EQ(iso_weekday(d("2026-11-26")), 4);  // Thursday
  EXPECT_EQ(add_days(d("2024-02-28"), 1).iso(), "2024-02-29");
  EXPECT_EQ(parse_date("2025-02-29").error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(parse_date("2025-1-1"));
  EXPECT_EQ(parse_date("x", "from").error().field, "from");
}

TEST(CalendarModel, WithoutExceptionsOnlyWeekendsAreOff) {
  const Exceptions none;
  EXPECT_EQ(add_working_days(d("2026-11-27"), 1, none).iso(), "2026-11-30");  // Fri -> Mon
  EXPECT_EQ(add_working_days(d("2026-11-26"), 0, none).iso(), "2026-11-26");
  EXPECT_EQ(add_working_days(d("2026-11-26"), 1, none, true).iso(), "2026-11-26");
  EXPECT_EQ(working_days_between(d("2026-11-27"), d("2026-12-04"), none), 5);
}

class CalendarTable : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(db_->transact<void>(store::TxMode::kWrite, [](store::Tx& tx) -> Result<void> {
      YC_TRY_VOID(tx.exec("DELETE FROM calendar_day WHERE updated_by <> 'seed'"));
      return {};
    }));
  }
  Result<time::Date> due(const char* from, int days, bool count_start = false) {
    return db_->transact<time::Date>(store::TxMode::kRead, [&](store::Tx& tx) {
      return due_date(tx, d(from), days, count_start);
    });
  }
  audit::Actor admin_{"1", "system_admin", "110000", "", "", "127.0.0.1"};
};

// The research vector: accepted Friday 2025-01-24, 5 working days, due
// Friday 2025-02-07 (Sunday 01-26 is a 调休 workday; 01-28..02-04 are off).
TEST_P(CalendarTable, The2025SpringFestivalVector) {
  EXPECT_EQ(due("2025-01-24", 5)->iso(), "2025-02-07");
  EXPECT_EQ(due("2025-01-24", 1)->iso(), "2025-01-26");  // the Sunday at work
  EXPECT_EQ(due("2025-01-24", 2)->iso(), "2025-01-27");
  EXPECT_EQ(due("2025-01-24", 3)->iso(), "2025-02-05");
  EXPECT_EQ(due("2025-09-26", 3)->iso(), "2025-09-30");  // 09-28 (Sunday) works
  EXPECT_EQ(due("2025-09-26", 4)->iso(), "2025-10-09");  // 10-01..08 off
  EXPECT_EQ(due("2025-04-30", 1)->iso(), "2025-05-06");
}

TEST_P(CalendarTable, AdministratorsMaintainAndImportTheSchedule) {
  auto added = db_->transact<Day>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return set_day(tx, admin_, Day{"2026-01-01", DayKind::kHoliday, "元旦"});
  });
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_EQ(due("2025-12-31", 1)->iso(), "2026-01-02");
  // A weekday marked as a workday, or a weekend day marked off, is a mistake.
  auto wrong = db_->transact<Day>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return set_day(tx, admin_, Day{"2026-01-05", DayKind::kWorkday, "x"});
  });
  EXPECT_EQ(wrong.error().field, "kind");
  // Import is all or nothing.
  auto bad = db_->transact<ImportResult>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return import_csv(tx, admin_, "date,kind,name\n2026-02-16,休,春节\n2026-02-30,休,春节\n");
  });
  ASSERT_TRUE(bad);
  EXPECT_FALSE(bad->imported);
  EXPECT_FALSE(bad->lines[0].error);
  EXPECT_EQ(bad->lines[1].line, 3);
  EXPECT_EQ(db_->transact<std::vector<Day>>(store::TxMode::kRead, [](store::Tx& tx) { return list_year(tx, 2026); })->size(), 1u);
  auto good = db_->transact<ImportResult>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return import_csv(tx, admin_, "2026-02-16,休,春节\n2026-02-14,班,春节调休上班\n");
  });
  EXPECT_TRUE(good->imported);
  EXPECT_EQ(db_->transact<std::vector<Day>>(store::TxMode::kRead, [](store::Tx& tx) { return list_year(tx, 2026); })->size(), 3u);
  EXPECT_EQ(due("2026-02-13", 1)->iso(), "2026-02-14");
}

YC_ON_BOTH_ENGINES(CalendarTable);

}  // namespace
}  // namespace yc::calendar
