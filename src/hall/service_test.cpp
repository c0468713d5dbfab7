// Tickets (issue 7, item 1; policy 三(五)(六) 取号) on SQLite and PostgreSQL:
// concurrent kiosks never share or skip a number; numbers restart at
// midnight Asia/Shanghai.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <mutex>
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

class Calling : public Tickets {
 protected:
  void SetUp() override {
    Tickets::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto rows = db_->transact<store::Rows>(store::TxMode::kRead, [&](store::Tx& tx) {
      return tx.query("SELECT id FROM org_window WHERE site_id = $1 ORDER BY number", {site_});
    }).value();
    ASSERT_GE(rows.rows.size(), 3u);
    for (const auto& r : rows.rows) windows_.push_back(r.int64(0));
    clerk_ = db_->transact<std::int64_t>(store::TxMode::kWrite, [](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("INSERT INTO account (login, name_sealed, name_masked, phone_sealed, phone_masked, unit_code, "
                           "password_hash, password_changed_at, created_at, updated_at) VALUES ('caller', '', '张*', '', "
                           "'', '110101001', 'x', 0, 0, 0) RETURNING id")).int64(0);
    }).value();
    serve(windows_[0], {"employment"});
    serve(windows_[1], {"insurance", "employment"});
  }
  void serve(std::int64_t window, std::vector<std::string> groups) {
    ASSERT_TRUE(db_->transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return set_window_groups(tx, audit::Actor::system(), org::Scope::all(), window, groups);
    }));
  }
  Result<Call> next(std::int64_t window, std::int64_t now) {
    return db_->transact<Call>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return call_next(tx, Caller{clerk_, audit::Actor::system()}, here_, window, now);
    });
  }
  Result<Ticket> take_green(const std::string& group, std::int64_t now) {
    return db_->transact<Ticket>(store::TxMode::kWrite,
                                 [&](store::Tx& tx) { return take_ticket(tx, site_, group, "kiosk", true, now); });
  }
  const std::int64_t t0_ = time::shanghai_day_start_ms(time::Date{2025, 1, 24}) + 9 * 3'600'000;
  org::Scope here_ = org::Scope::of({"/110000/110101/110101001/"});
  std::vector<std::int64_t> windows_;
  std::int64_t clerk_ = 0;
};

TEST_P(Calling, GreenChannelThenWaitingTimeOnlyTheGroupsTheWindowServes_3_6) {
  ASSERT_TRUE(take("employment", t0_ + 1000));        // A001
  ASSERT_TRUE(take("insurance", t0_ + 2000));         // B001
  ASSERT_TRUE(take_green("employment", t0_ + 3000));  // A002, green channel
  EXPECT_EQ(next(windows_[0], t0_ + 10'000)->ticket.label, "A002");
  auto second = next(windows_[0], t0_ + 20'000);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->ticket.label, "A001");  // A002 is done now
  EXPECT_EQ(second->window_number, 1);
  EXPECT_EQ(next(windows_[1], t0_ + 30'000)->ticket.label, "B001");
  auto none = next(windows_[1], t0_ + 40'000);
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
}

TEST_P(Calling, TheLastTicketOfTheDayIsFinishedWithoutCallingAnother) {
  ASSERT_TRUE(take("employment", t0_));
  ASSERT_EQ(next(windows_[0], t0_ + 1000)->ticket.label, "A001");
  EXPECT_EQ(next(windows_[0], t0_ + 2000).error().code, ErrorCode::kNotFound);  // nobody else; A001 still called
  const Caller who{clerk_, audit::Actor::system()};
  auto done = db_->transact<Ticket>(store::TxMode::kWrite,
                                    [&](store::Tx& tx) { return finish(tx, who, here_, windows_[0], t0_ + 3000); });
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->state, "done");
  EXPECT_EQ(db_->transact<Ticket>(store::TxMode::kWrite, [&](store::Tx& tx) {
              return finish(tx, who, here_, windows_[0], t0_ + 4000);
            }).error().code,
            ErrorCode::kConflict);
}

TEST_P(Calling, SkipRequeuesOnceThenVoidsAndTransferKeepsThePlace) {
  ASSERT_TRUE(take("employment", t0_));
  ASSERT_EQ(next(windows_[0], t0_ + 1000)->ticket.label, "A001");
  const Caller who{clerk_, audit::Actor::system()};
  auto skipped = db_->transact<Ticket>(store::TxMode::kWrite,
                                       [&](store::Tx& tx) { return skip(tx, who, here_, windows_[0], t0_ + 2000); });
  ASSERT_TRUE(skipped);
  EXPECT_EQ(skipped->state, "waiting");
  ASSERT_EQ(next(windows_[0], t0_ + 3000)->ticket.label, "A001");
  auto voided = db_->transact<Ticket>(store::TxMode::kWrite,
                                      [&](store::Tx& tx) { return skip(tx, who, here_, windows_[0], t0_ + 4000); });
  EXPECT_EQ(voided->state, "void");
  // Transfer: A002 called at window 1 moves to insurance and window 2 calls it.
  ASSERT_TRUE(take("employment", t0_ + 5000));
  ASSERT_EQ(next(windows_[0], t0_ + 6000)->ticket.label, "A002");
  auto moved = db_->transact<Ticket>(store::TxMode::kWrite,
                                     [&](store::Tx& tx) { return transfer(tx, who, here_, windows_[0], "insurance"); });
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->label, "A002");
  serve(windows_[1], {"insurance"});
  EXPECT_EQ(next(windows_[1], t0_ + 7000)->ticket.label, "A002");
  EXPECT_EQ(db_->transact<Call>(store::TxMode::kWrite, [&](store::Tx& tx) {
              return recall(tx, who, here_, windows_[0]);
            }).error().code,
            ErrorCode::kConflict);  // window 1 has nobody called now
}

TEST_P(Calling, AClosedWindowOrOneWithoutGroupsCannotCallAndOutOfScopeIsNotFound) {
  ASSERT_TRUE(take("employment", t0_));
  EXPECT_EQ(next(windows_[2], t0_).error().code, ErrorCode::kUnprocessable);  // no groups
  ASSERT_TRUE(db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return tx.exec("UPDATE org_window SET is_open = 0 WHERE id = $1", {windows_[0]});
  }));
  auto closed = next(windows_[0], t0_);
  EXPECT_EQ(closed.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(closed.error().field, "window_id");
  here_ = org::Scope::of({"/110000/110102/"});
  EXPECT_EQ(next(windows_[1], t0_).error().code, ErrorCode::kNotFound);
}

TEST_P(Calling, ConcurrentWindowsNeverCallTheSameTicket) {
  constexpr int kTickets = 120;
  for (int i = 0; i < kTickets; ++i) ASSERT_TRUE(take("employment", t0_ + i));
  serve(windows_[2], {"employment"});
  std::mutex mu;
  std::vector<std::int64_t> called;
  std::vector<std::thread> threads;
  for (int w = 0; w < 3; ++w)
    threads.emplace_back([&, w] {
      for (int i = 0; i < kTickets; ++i) {
        auto c = next(windows_[static_cast<std::size_t>(w)], t0_ + 1'000'000 + i);
        if (!c) {
          if (c.error().code == ErrorCode::kNotFound) break;
          continue;  // a race lost: the next try picks another
        }
        std::lock_guard lock(mu);
        called.push_back(c->ticket.id);
      }
    });
  for (auto& t : threads) t.join();
  std::set<std::int64_t> unique(called.begin(), called.end());
  EXPECT_EQ(unique.size(), called.size());
  EXPECT_EQ(called.size(), static_cast<std::size_t>(kTickets));
}

YC_ON_BOTH_ENGINES(Tickets);
YC_ON_BOTH_ENGINES(Calling);

}  // namespace
}  // namespace yc::hall
