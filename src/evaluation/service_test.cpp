// 好差评 on SQLite and PostgreSQL (issue 10 "Done when"; policy 四(三)): a
// service rated 不满意 opens a rectification for the responsible unit, due
// in working days from the calendar table; an unanswered one goes to the
// unit above when the (injected) clock passes its due day, then to the one
// above that; a named rating is called back before it is closed; once per
// channel.
#include <gtest/gtest.h>

#include "evaluation/service.hpp"
#include "org/service.hpp"
#include "privacy/testing.hpp"
#include "platform/time.hpp"
#include "store/engine_test.hpp"

namespace yc::evaluation {
namespace {

// Noon in Beijing of a day, as UTC epoch milliseconds.
std::int64_t noon(const char* iso) {
  return time::shanghai_day_start_ms(time::parse_date(iso).value()) + 12 * 3'600'000;
}

class EvaluationService : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(org::seed_demo_city(*db_));
    window_ = scalar("SELECT w.id FROM org_window w JOIN org_site s ON s.id = w.site_id WHERE s.unit_code = '110101001' "
                     "AND s.kind = 'hall' ORDER BY w.number LIMIT 1");
  }
  std::int64_t scalar(const std::string& sql) {
    return db_->transact<std::int64_t>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one(sql)).int64(0);
    }).value();
  }
  // A ticket finished at the window at `at`.
  std::int64_t served_ticket(std::int64_t at) {
    return db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      auto site = YC_TRY(tx.one("SELECT site_id FROM org_window WHERE id = $1", {window_})).int64(0);
      auto group = tx.one("SELECT id FROM service_group WHERE site_id = $1", {site});
      std::int64_t g = 0;
      if (group) {
        g = group->int64(0);
      } else {
        g = YC_TRY(tx.one("INSERT INTO service_group (site_id, code, name, prefix, categories, created_at, updated_at) "
                          "VALUES ($1, 'emp', '就业服务', 'A', ',employment,', 0, 0) RETURNING id",
                          {site}))
                .int64(0);
      }
      auto n = YC_TRY(tx.one("SELECT COUNT(*) FROM ticket")).int64(0) + 1;
      return YC_TRY(tx.one("INSERT INTO ticket (site_id, group_id, day, number, label, channel, state, since, taken_at, "
                           "called_at, window_id, finished_at) VALUES ($1, $2, '20261125', $3, $4, 'kiosk', 'done', $5, $5, "
                           "$5, $6, $7) RETURNING id",
                           {site, g, n, "A" + std::to_string(n), at - 600'000, window_, at}))
          .int64(0);
    }).value();
  }
  Result<Evaluation> rate(std::int64_t ticket, int level, std::vector<std::string> reasons, std::int64_t now,
                          std::string contact = "") {
    return db_->transact<Evaluation>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return rate_ticket(tx, keys_, settings_, window_, ticket, RatingInput{{level, reasons, ""}, "pad", contact}, now);
    });
  }
  Result<std::vector<Escalated>> sweep_at(std::int64_t now) {
    return db_->transact<std::vector<Escalated>>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return sweep(tx, audit::Actor::system(), settings_, time::shanghai_date(now), now);
    });
  }
  privacy::testing::TempKeyRing temp_keys_;
  const privacy::KeyRing& keys_ = temp_keys_.keys();
  Settings settings_{5, 3};
  std::int64_t window_ = 0;
};

TEST_P(EvaluationService, ABadRatingOpensRectificationDueInWorkingDays_4_3) {
  // Friday 2025-09-26, before 国庆 in the seeded 2025 calendar (09-28 worked,
  // 10-01..08 off).
  const auto at = noon("2025-09-26");
  const auto ticket = served_ticket(at);
  auto e = rate(ticket, 2, {"waiting_long"}, at + 60'000);
  ASSERT_TRUE(e) << e.error().message;
  ASSERT_TRUE(e->rectification_id);
  EXPECT_EQ(e->unit_code, "110101001");  // the hall's street answers for its window
  auto due = db_->transact<std::string>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::string> {
    return YC_TRY(tx.one("SELECT due_day FROM rectification WHERE id = $1", {*e->rectification_id})).text(0);
  });
  // 09-28 (调休 Sunday worked), 09-29, 09-30, 10-09, 10-10: the fifth working day.
  EXPECT_EQ(due.value(), "2025-10-10");
  // Once per channel.
  auto again = rate(ticket, 5, {}, at + 120'000);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  // A good rating opens nothing.
  auto good = rate(served_ticket(at), 4, {"efficient"}, at + 60'000);
  ASSERT_TRUE(good);
  EXPECT_FALSE(good->rectification_id);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM rectification"), 1);
}

TEST_P(EvaluationService, AnUnansweredRectificationEscalatesWithTheInjectedClock_4_3) {
  const auto at = noon("2025-11-03");  // a Monday
  auto e = rate(served_ticket(at), 1, {"attitude_bad"}, at);
  ASSERT_TRUE(e);
  // Due 2025-11-10 (five working days). On the due day nothing moves.
  EXPECT_TRUE(sweep_at(noon("2025-11-10"))->empty());
  auto first = sweep_at(noon("2025-11-11"));
  ASSERT_TRUE(first);
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].unit_code, "110101");  // the district
  auto row = [&] {
    return db_->transact<std::pair<std::int64_t, std::string>>(store::TxMode::kRead, [&](store::Tx& tx)
               -> Result<std::pair<std::int64_t, std::string>> {
      auto r = YC_TRY(tx.one("SELECT escalation, due_day FROM rectification WHERE id = $1", {*e->rectification_id}));
      return std::pair{r.int64(0), r.text(1)};
    }).value();
  };
  EXPECT_EQ(row().first, 1);
  EXPECT_EQ(row().second, "2025-11-14");  // three working days more
  EXPECT_TRUE(sweep_at(noon("2025-11-12"))->empty());  // not twice for one lapse
  auto second = sweep_at(noon("2025-11-17"));
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ((*second)[0].unit_code, "110000");  // the city
  EXPECT_TRUE(sweep_at(noon("2025-12-31"))->empty());  // nothing above the city
  EXPECT_EQ(row().first, 2);
  // Escalations are in the audit chain.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'evaluation.escalate'"), 2);
}

TEST_P(EvaluationService, ANamedRatingIsCalledBackBeforeItIsClosed_4_3) {
  const auto at = noon("2025-11-03");
  auto e = rate(served_ticket(at), 2, {"not_one_time"}, at, "13800138000");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->contact_masked, "138****8000");
  const auto scope = org::Scope::of({"/110000/110101/110101001/"});
  const auto id = *e->rectification_id;
  const auto manager = db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
    return YC_TRY(tx.one("INSERT INTO account (login, name_sealed, name_masked, phone_sealed, phone_masked, unit_code, "
                         "password_hash, password_changed_at, created_at, updated_at) VALUES ('mgr', '', '王*', '', '', "
                         "'110101001', 'x', 0, 0, 0) RETURNING id"))
        .int64(0);
  }).value();
  auto x = db_->transact<Rectification>(store::TxMode::kRead, [&](store::Tx& tx) {
    return get_rectification(tx, keys_, scope, id);
  });
  ASSERT_TRUE(x);
  auto early = db_->transact<Rectification>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return close(tx, keys_, audit::Actor::system(), scope, manager, id, "已约谈窗口人员", x->version, at);
  });
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().field, "callback");
  ASSERT_TRUE(db_->transact<Rectification>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return call_back(tx, keys_, audit::Actor::system(), scope, manager, id, "reached", "已电话联系，说明补正要求", at);
  }));
  auto phone = db_->transact<std::string>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return reveal_contact(tx, keys_, audit::Actor::system(), scope, id);
  });
  EXPECT_EQ(phone.value(), "13800138000");
  auto closed = db_->transact<Rectification>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return close(tx, keys_, audit::Actor::system(), scope, manager, id, "已约谈窗口人员并完善一次性告知单", x->version + 1, at);
  });
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(closed->state, "closed");
  // Out of scope: another street sees nothing.
  auto other = db_->transact<Rectification>(store::TxMode::kRead, [&](store::Tx& tx) {
    return get_rectification(tx, keys_, org::Scope::of({"/110000/110102/"}), id);
  });
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
}

YC_ON_BOTH_ENGINES(EvaluationService);

}  // namespace
}  // namespace yc::evaluation
