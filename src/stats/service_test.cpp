// The figures of the dashboards and ledgers (issue 10, items 4-5) on SQLite
// and PostgreSQL: counters added where things happen roll up from street to
// district to city, by day or by whole month, with 本级 for what a unit did
// itself; the ledger lists every day of the month and the cases per item;
// the workbook is a real XLSX.
#include <gtest/gtest.h>

#include "org/service.hpp"
#include "stats/counters.hpp"
#include "stats/service.hpp"
#include "stats/xlsx.hpp"
#include "store/engine_test.hpp"

namespace yc::stats {
namespace {

namespace m = metric;

class StatsService : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(org::seed_demo_city(*db_));
  }
  void fact(const char* day, const char* unit, const char* path, const char* item, std::string_view metric,
            std::int64_t n) {
    ASSERT_TRUE(db_->transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return add(tx, Where{time::parse_date(day).value(), unit, path, item}, {{metric, n}});
    }));
  }
  Result<Overview> view(const std::string& unit, const char* from, const char* to) {
    return db_->transact<Overview>(store::TxMode::kRead, [&](store::Tx& tx) {
      return overview(tx, org::Scope::all(), unit, time::parse_date(from).value(), time::parse_date(to).value());
    });
  }
};

constexpr const char* kDhm = "/110000/110101/110101001/";  // 东华门街道
constexpr const char* kXjk = "/110000/110102/110102003/";  // 新街口街道

TEST_P(StatsService, CountersRollUpFromStreetToCity) {
  fact("2026-10-30", "110101001", kDhm, "BJ-JYCY-001", m::kCasesAccepted, 3);
  fact("2026-11-02", "110101001", kDhm, "BJ-JYCY-001", m::kCasesAccepted, 2);
  fact("2026-11-02", "110102003", kXjk, "BJ-SHBX-001", m::kCasesAccepted, 5);
  fact("2026-11-02", "110101", "/110000/110101/", "BJ-SHBX-001", m::kCasesCompleted, 4);  // at the district itself
  fact("2026-11-03", "110101001", kDhm, "", m::kRatingsTotal, 10);
  fact("2026-11-03", "110101001", kDhm, "", m::kRatingsGood, 9);

  auto city = view("", "2026-11-01", "2026-11-30");
  ASSERT_TRUE(city) << city.error().message;
  EXPECT_EQ(city->granularity, "day");
  EXPECT_EQ(city->totals.get(m::kCasesAccepted), 7);  // October's 3 are outside
  EXPECT_EQ(city->totals.get(m::kCasesCompleted), 4);
  EXPECT_DOUBLE_EQ(city->totals.good_rate().value(), 0.9);
  ASSERT_GE(city->children.size(), 2u);
  const auto child = [](const Overview& o, const std::string& code) {
    return std::find_if(o.children.begin(), o.children.end(), [&](const auto& c) { return c.unit.code == code; });
  };
  EXPECT_EQ(child(*city, "110101")->figures.get(m::kCasesAccepted), 2);
  EXPECT_EQ(child(*city, "110101")->figures.get(m::kCasesCompleted), 4);
  EXPECT_EQ(child(*city, "110102")->figures.get(m::kCasesAccepted), 5);
  ASSERT_EQ(city->series.size(), 2u);  // two days with figures

  auto district = view("110101", "2026-11-01", "2026-11-30");
  ASSERT_TRUE(district);
  auto self = child(*district, "");
  ASSERT_NE(self, district->children.end());
  EXPECT_EQ(self->unit.name, "本级");
  EXPECT_EQ(self->figures.get(m::kCasesCompleted), 4);
  EXPECT_EQ(child(*district, "110101001")->figures.get(m::kCasesAccepted), 2);
  ASSERT_EQ(district->path.size(), 2u);

  // Whole months over more than one month read the monthly counters.
  auto months = view("", "2026-10-01", "2026-11-30");
  ASSERT_TRUE(months);
  EXPECT_EQ(months->granularity, "month");
  EXPECT_EQ(months->totals.get(m::kCasesAccepted), 10);
  ASSERT_EQ(months->series.size(), 2u);
  EXPECT_EQ(months->series[0].period, "2026-10");

  auto bad = view("", "2026-11-30", "2026-11-01");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "to");
  auto out = db_->transact<Overview>(store::TxMode::kRead, [&](store::Tx& tx) {
    return overview(tx, org::Scope::of({"/110000/110102/"}), "110101", time::Date{2026, 11, 1}, time::Date{2026, 11, 30});
  });
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, ErrorCode::kNotFound);
}

TEST_P(StatsService, TheMonthlyLedgerListsEveryDayAndEveryItemAndIsAnXlsx) {
  fact("2026-11-02", "110101001", kDhm, "BJ-JYCY-001", m::kCasesAccepted, 2);
  fact("2026-11-02", "110101001", kDhm, "BJ-JYCY-001", m::kCasesCompleted, 2);
  fact("2026-11-02", "110101001", kDhm, "BJ-JYCY-001", m::kCasesOnTime, 1);
  fact("2026-11-20", "110101001", kDhm, "BJ-SHBX-001", m::kCasesAccepted, 1);
  fact("2026-11-20", "110101001", kDhm, "", m::kTicketsServed, 4);
  fact("2026-11-20", "110101001", kDhm, "", m::kTicketsWaitSeconds, 4 * 600);
  auto l = db_->transact<Ledger>(store::TxMode::kRead, [&](store::Tx& tx) {
    return ledger(tx, org::Scope::all(), "110101001", "2026-11");
  });
  ASSERT_TRUE(l) << l.error().message;
  EXPECT_EQ(l->days.size(), 30u);
  EXPECT_EQ(l->totals.get(m::kCasesAccepted), 3);
  EXPECT_DOUBLE_EQ(l->totals.on_time_rate().value(), 0.5);
  EXPECT_DOUBLE_EQ(l->totals.avg_wait_minutes().value(), 10.0);
  ASSERT_EQ(l->items.size(), 2u);
  EXPECT_EQ(l->items[0].item_code, "BJ-JYCY-001");
  auto bytes = ledger_xlsx(*l);
  ASSERT_TRUE(bytes) << bytes.error().message;
  EXPECT_EQ(bytes->substr(0, 2), "PK");  // a zip: the workbook
  EXPECT_GT(bytes->size(), 4000u);
  auto wrong = db_->transact<Ledger>(store::TxMode::kRead, [&](store::Tx& tx) {
    return ledger(tx, org::Scope::all(), "110101001", "2026-13");
  });
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().field, "month");
}

TEST_P(StatsService, RebuildRecomputesTheCountersFromTheBusinessTables) {
  // A counter with no business row behind it disappears on rebuild.
  fact("2026-11-02", "110101001", kDhm, "BJ-JYCY-001", m::kCasesAccepted, 7);
  auto rows = rebuild(*db_);
  ASSERT_TRUE(rows) << rows.error().message;
  auto l = db_->transact<Ledger>(store::TxMode::kRead, [&](store::Tx& tx) {
    return ledger(tx, org::Scope::all(), "110101001", "2026-11");
  });
  ASSERT_TRUE(l);
  EXPECT_EQ(l->totals.get(m::kCasesAccepted), 0);
  EXPECT_TRUE(l->items.empty());
}

YC_ON_BOTH_ENGINES(StatsService);

}  // namespace
}  // namespace yc::stats
