// Tickets (issue 7, item 1; policy 三(五)(六) 取号) on SQLite and PostgreSQL:
// concurrent kiosks never share or skip a number; numbers restart at
// midnight Asia/Shanghai.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "hall/service.hpp"
#include "org/service.hpp"
#include "platform/time.hpp"
#include "store/engine_test.hpp"

namespace yc::hall {
namespace {

class Tickets : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(org::seed_demo_city(*db_));
    site_ = db_->transact<std::int64_t>(store::TxMode::kRead, [](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("SELECT id FROM org_site WHERE unit_code = '110101001' AND kind = 'hall'")).int64(0);
    }).value();
    for (auto [code, name, prefix] : {std::tuple{"employment", "就业服务", "A"}, std::tuple{"insurance", "社会保险", "B"}}) {
      ASSERT_TRUE(db_->transact<Group>(store::TxMode::kWrite, [&](store::Tx& tx) {
        return add_group(tx, audit::Actor::system(), org::Scope::all(), site_, code, name, prefix, {"employment"}, 0);
      }));
    }
  }
  Result<Ticket> take(const std::string& group, std::int64_t now) {
    return db_->transact<Ticket>(store::TxMode::kWrite,
                                 [&](store::Tx& tx) { return take_ticket(tx, site_, group, "kiosk", false, now); });
  }
  std::int64_t site_ = 0;
};

// Issue 7, Done when: 10,000 tickets in one simulated day by 50 concurrent
// clients, no duplicate and no gap per group.
TEST_P(Tickets, TenThousandTicketsByFiftyClientsNoDuplicateNoGap_3_6) {
  constexpr int kClients = 50, kEach = 200;
  const std::int64_t noon = time::shanghai_day_start_ms(time::Date{2025, 1, 24}) + 12 * 3'600'000;
  std::vector<std::thread> clients;
  std::mutex mu;
  std::map<std::string, std::vector<int>> numbers;
  std::set<std::string> labels;
  std::atomic<int> failures{0};
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&, c] {
      for (int i = 0; i < kEach; ++i) {
        const std::string group = (c + i) % 3 == 0 ? "insurance" : "employment";
        auto t = take(group, noon + i * 1000);
        if (!t) {
          ++failures;
          continue;
        }
        std::lock_guard lock(mu);
        numbers[group].push_back(t->number);
        labels.insert(t->label);
      }
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(labels.size(), static_cast<std::size_t>(kClients * kEach));  // no duplicate
  for (auto& [group, ns] : numbers) {
    std::sort(ns.begin(), ns.end());
    for (std::size_t i = 0; i < ns.size(); ++i) ASSERT_EQ(ns[i], static_cast<int>(i) + 1) << group;  // no gap
  }
  EXPECT_EQ(labels.count("A001"), 1u);
  EXPECT_EQ(labels.count("B001"), 1u);
}

TEST_P(Tickets, NumbersRestartAtMidnightBeijingNotUtc) {
  // 23:59 in Beijing is 15:59 UTC; one minute later Beijing starts a new day
  // while UTC is still on the same date.
  const std::int64_t midnight = time::shanghai_day_start_ms(time::Date{2025, 1, 25});
  EXPECT_EQ(take("employment", midnight - 2 * 60'000)->label, "A001");
  EXPECT_EQ(take("employment", midnight - 60'000)->label, "A002");
  auto next_day = take("employment", midnight + 60'000);
  ASSERT_TRUE(next_day);
  EXPECT_EQ(next_day->label, "A001");
  EXPECT_EQ(next_day->day, "20250125");
  EXPECT_EQ(take("employment", midnight + 120'000)->label, "A002");
}

TEST_P(Tickets, UnknownGroupOrChannelIsRefusedAndTakesNoNumber) {
  EXPECT_EQ(take("pension", 0).error().code, ErrorCode::kNotFound);
  auto bad = db_->transact<Ticket>(store::TxMode::kWrite,
                                   [&](store::Tx& tx) { return take_ticket(tx, site_, "employment", "fax", false, 0); });
  EXPECT_EQ(bad.error().field, "channel");
  EXPECT_EQ(take("employment", 0)->label, "A001");
  auto dup = db_->transact<Group>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return add_group(tx, audit::Actor::system(), org::Scope::all(), site_, "other", "其他", "A", {}, 0);
  });
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);  // prefix A is taken in this site
}

YC_ON_BOTH_ENGINES(Tickets);

}  // namespace
}  // namespace yc::hall
