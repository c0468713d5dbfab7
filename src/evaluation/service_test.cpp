// 好差评 on SQLite and PostgreSQL (issue 10 "Done when"; policy 四(三)): a
// service rated 不满意 opens a rectification for the responsible unit, due
// in working days from the calendar table; an unanswered one goes to the
// unit above when the (injected) clock passes its due day, then to the one
// above that; a named rating is called back before it is closed; once per
// channel.
#include <gtest/gtest.h>

#include <array>

#include "evaluation/service.hpp"
#include "org/service.hpp"
#include "privacy/testing.hpp"
#include "stats/counters.hpp"
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

// 申诉复核 (四(三); 国办发〔2019〕51号 practice): the street that must fix a
// bad rating appeals it; the district reviews.
class EvaluationAppeal : public EvaluationService {
 protected:
  void SetUp() override {
    EvaluationService::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    manager_ = person("mgr", "110101001");
    reviewer_ = person("dist", "110101");
  }
  std::int64_t person(const std::string& login, const std::string& unit) {
    return db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("INSERT INTO account (login, name_sealed, name_masked, phone_sealed, phone_masked, unit_code, "
                           "password_hash, password_changed_at, created_at, updated_at) VALUES ($1, '', '王*', '', '', "
                           "$2, 'x', 0, 0, 0) RETURNING id",
                           {login, unit}))
          .int64(0);
    }).value();
  }
  Result<Rectification> appeal_as(std::int64_t by, std::int64_t rect, std::int64_t now, const std::string& reason = "malicious") {
    return db_->transact<Rectification>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return appeal(tx, keys_, settings_, audit::Actor::system(), street_, by, rect, reason,
                    "评价人当日未在本窗口办理业务，系误操作评价器", now);
    });
  }
  Result<Appeal> review_as(std::int64_t by, std::int64_t appeal_id, Decision d, std::int64_t now,
                           const org::Scope& scope = org::Scope::of({"/110000/110101/"})) {
    auto version = scalar("SELECT version FROM evaluation_appeal WHERE id = " + std::to_string(appeal_id));
    return db_->transact<Appeal>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return review(tx, keys_, audit::Actor::system(), scope, by, appeal_id, d, "经调阅监控核实", version, now);
    });
  }
  // The value of a rating counter of a day at the hall's street (0 when no row).
  std::int64_t counter(const char* metric, const char* day) {
    return scalar(std::string("SELECT COALESCE(SUM(value), 0) FROM stat_day WHERE unit_code = '110101001' AND day = '") +
                  day + "' AND metric = '" + metric + "'");
  }
  std::int64_t month_counter(const char* metric) {
    return scalar(std::string("SELECT COALESCE(SUM(value), 0) FROM stat_month WHERE month = '2025-09' AND metric = '") +
                  metric + "'");
  }
  org::Scope street_ = org::Scope::of({"/110000/110101/110101001/"});
  std::int64_t manager_ = 0, reviewer_ = 0;
};

TEST_P(EvaluationAppeal, AnUpheldAppealTakesTheRatingOutOfTheFigures_4_3) {
  const auto at = noon("2025-09-26");
  auto bad = rate(served_ticket(at), 1, {"attitude_bad"}, at);
  ASSERT_TRUE(bad) << bad.error().message;
  ASSERT_TRUE(rate(served_ticket(at), 5, {"efficient"}, at));
  const auto rect = *bad->rectification_id;
  EXPECT_EQ(counter("ratings.total", "2025-09-26"), 2);
  EXPECT_EQ(counter("ratings.bad", "2025-09-26"), 1);
  EXPECT_EQ(counter("ratings.good", "2025-09-26"), 1);

  // The fourth working day after the rating, across 国庆 (09-28 worked, 10-01..08 off).
  auto appealed = appeal_as(manager_, rect, noon("2025-10-09"));
  ASSERT_TRUE(appealed) << appealed.error().message;
  ASSERT_TRUE(appealed->appeal);
  EXPECT_EQ(appealed->appeal->state, "pending");
  EXPECT_EQ(appealed->appeal->review_unit_code, "110101");
  EXPECT_EQ(appealed->appeal_due_day, "2025-10-10");
  // Pending, the rectification does not escalate.
  EXPECT_TRUE(sweep_at(noon("2025-10-13"))->empty());
  // The street cannot review (it is not the unit above); the district can.
  auto street = review_as(reviewer_, appealed->appeal->id, Decision::kUphold, noon("2025-10-13"), street_);
  ASSERT_FALSE(street);
  EXPECT_EQ(street.error().code, ErrorCode::kNotFound);
  auto upheld = review_as(reviewer_, appealed->appeal->id, Decision::kUphold, noon("2025-10-13"));
  ASSERT_TRUE(upheld) << upheld.error().message;
  EXPECT_EQ(upheld->state, "upheld");
  EXPECT_TRUE(upheld->evaluation.excluded);

  // Out of the figures, on the rating's own day, in the same transaction.
  EXPECT_EQ(counter("ratings.total", "2025-09-26"), 1);
  EXPECT_EQ(counter("ratings.bad", "2025-09-26"), 0);
  EXPECT_EQ(counter("ratings.good", "2025-09-26"), 1);
  EXPECT_EQ(month_counter("ratings.bad"), 0);
  auto listed = db_->transact<Listing>(store::TxMode::kRead, [&](store::Tx& tx) { return list(tx, street_, Filter{}); });
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->summary.total, 1);
  EXPECT_EQ(listed->summary.by_level[1], 0);
  EXPECT_EQ(listed->items.size(), 2u);  // still listed, marked excluded
  // The rectification closes as 申诉成立.
  auto x = db_->transact<Rectification>(store::TxMode::kRead, [&](store::Tx& tx) {
    return get_rectification(tx, keys_, street_, rect);
  });
  EXPECT_EQ(x->state, "closed");
  EXPECT_EQ(x->appeal_state, "upheld");
  EXPECT_NE(x->result.find("申诉成立"), std::string::npos);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action IN ('evaluation.appeal', 'evaluation.appeal.uphold')"), 2);

  // A rebuild from the business tables gives the same figures.
  const auto before = [&] {
    return std::array{counter("ratings.total", "2025-09-26"), counter("ratings.bad", "2025-09-26"),
                      counter("ratings.good", "2025-09-26"), month_counter("ratings.total"),
                      month_counter("ratings.bad"), month_counter("ratings.good")};
  };
  const auto live = before();
  ASSERT_TRUE(stats::rebuild(*db_));
  EXPECT_EQ(before(), live);
  EXPECT_EQ(live, (std::array<std::int64_t, 6>{1, 0, 1, 1, 0, 1}));
}

TEST_P(EvaluationAppeal, TheAppellantCannotReviewTheirOwnAppeal_4_3) {
  const auto at = noon("2025-11-03");
  auto bad = rate(served_ticket(at), 2, {"waiting_long"}, at);
  ASSERT_TRUE(bad);
  // A district administrator may both fix and review; not the same appeal.
  auto appealed = appeal_as(reviewer_, *bad->rectification_id, at);
  ASSERT_TRUE(appealed) << appealed.error().message;
  auto own = review_as(reviewer_, appealed->appeal->id, Decision::kUphold, at);
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM evaluation_appeal WHERE state = 'pending'"), 1);
  EXPECT_EQ(scalar("SELECT excluded FROM evaluation WHERE id = " + std::to_string(bad->id)), 0);
  EXPECT_EQ(counter("ratings.bad", "2025-11-03"), 1);
  // Someone else at the district decides it.
  EXPECT_TRUE(review_as(person("dist2", "110101"), appealed->appeal->id, Decision::kReject, at));
}

TEST_P(EvaluationAppeal, ARejectedAppealCannotBeRepeated) {
  const auto at = noon("2025-11-03");
  auto bad = rate(served_ticket(at), 2, {"waiting_long"}, at);
  ASSERT_TRUE(bad);
  const auto rect = *bad->rectification_id;
  // Bad input changes nothing.
  auto vague = appeal_as(manager_, rect, at, "dislike");
  ASSERT_FALSE(vague);
  EXPECT_EQ(vague.error().field, "reason");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM evaluation_appeal"), 0);
  auto appealed = appeal_as(manager_, rect, at);
  ASSERT_TRUE(appealed);
  auto twice = appeal_as(manager_, rect, at);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto rejected = review_as(reviewer_, appealed->appeal->id, Decision::kReject, at);
  ASSERT_TRUE(rejected) << rejected.error().message;
  EXPECT_EQ(rejected->state, "rejected");
  auto again = review_as(reviewer_, appealed->appeal->id, Decision::kUphold, at);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto repeat = appeal_as(manager_, rect, noon("2025-11-04"));
  ASSERT_FALSE(repeat);
  EXPECT_EQ(repeat.error().code, ErrorCode::kConflict);
  // The rectification goes on; the rating still counts.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM rectification WHERE state = 'open'"), 1);
  EXPECT_EQ(counter("ratings.bad", "2025-11-03"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'evaluation.appeal.reject'"), 1);
}

TEST_P(EvaluationAppeal, AnAppealAfterItsWorkingDaysIsRefused_4_3) {
  const auto at = noon("2025-09-26");
  auto bad = rate(served_ticket(at), 2, {"waiting_long"}, at);
  ASSERT_TRUE(bad);
  // Five working days: 09-28, 09-29, 09-30, 10-09, 10-10; 10-11 is too late.
  auto late = appeal_as(manager_, *bad->rectification_id, noon("2025-10-11"));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(late.error().field, "appeal_due_day");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM evaluation_appeal"), 0);
  EXPECT_TRUE(appeal_as(manager_, *bad->rectification_id, noon("2025-10-10")));
}

YC_ON_BOTH_ENGINES(EvaluationService);
YC_ON_BOTH_ENGINES(EvaluationAppeal);

}  // namespace
}  // namespace yc::evaluation
