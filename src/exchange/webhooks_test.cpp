// Webhooks (issue 10, item 7) on SQLite and PostgreSQL: the HMAC is the
// standard one (RFC 4231 test case 2); an event is queued only for the
// subscriptions that want it under their unit; a failed delivery is retried
// with back-off and becomes a dead letter after the last attempt, which can
// be sent again; a delivered one is signed so the receiver can check it.
#include <gtest/gtest.h>

#include "exchange/outbox.hpp"
#include "exchange/webhooks.hpp"
#include "org/service.hpp"
#include "privacy/testing.hpp"
#include "store/engine_test.hpp"

namespace yc::exchange {
namespace {

TEST(Webhooks, HmacSha256MatchesRfc4231) {
  // RFC 4231 §4.3, test case 2.
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(signature("Jefe", 1700000000, "{}"), "sha256=" + hmac_sha256_hex("Jefe", "1700000000.{}"));
}

TEST(Webhooks, BackoffGrowsAndEnds) {
  EXPECT_EQ(backoff_ms(1).value(), 60'000);
  EXPECT_EQ(backoff_ms(6).value(), 43'200'000);
  EXPECT_FALSE(backoff_ms(kMaxAttempts));
}

class WebhookService : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(org::seed_demo_city(*db_));
    admin_ = db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("INSERT INTO account (login, name_sealed, name_masked, phone_sealed, phone_masked, unit_code, "
                           "password_hash, password_changed_at, created_at, updated_at) VALUES ('hooks', '', '王*', '', '', "
                           "'110000', 'x', 0, 0, 0) RETURNING id"))
          .int64(0);
    }).value();
  }
  Result<Created> sub(const std::string& unit, std::vector<std::string> events) {
    return db_->transact<Created>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return subscribe(tx, keys_, audit::Actor::system(), org::Scope::all(), admin_,
                       NewSubscription{"区数据中心", "http://127.0.0.1:9/hook", unit, events}, 0);
    });
  }
  void event(std::string_view name, const std::string& path) {
    ASSERT_TRUE(db_->transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return enqueue(tx, name, path, {{"case_no", "20261127-000001"}}, 1000);
    }));
  }
  std::vector<Delivery> list(const std::string& state) {
    return db_->transact<std::vector<Delivery>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return deliveries(tx, org::Scope::all(), state);
    }).value();
  }
  privacy::testing::TempKeyRing temp_keys_;
  const privacy::KeyRing& keys_ = temp_keys_.keys();
  std::int64_t admin_ = 0;
};

TEST_P(WebhookService, EventsGoOnlyWhereSubscribedAndSignedDeliveriesCheckOut) {
  auto dongcheng = sub("110101", {"case.accepted"});
  ASSERT_TRUE(dongcheng) << dongcheng.error().message;
  ASSERT_TRUE(sub("110102", {"case.accepted", "case.completed"}));
  auto bad = sub("110101", {"case.exploded"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "events");
  event("case.accepted", "/110000/110101/110101001/");
  event("case.completed", "/110000/110101/110101001/");  // nobody under 东城区 wants it
  auto pending = list("pending");
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].subscription_id, dongcheng->subscription.id);

  std::vector<Post> sent;
  const Sender ok = [&](const Post& p) -> Result<int> {
    sent.push_back(p);
    return 204;
  };
  EXPECT_EQ(dispatch(*db_, keys_, ok, 2'000'000).value(), 1);
  ASSERT_EQ(sent.size(), 1u);
  std::string ts, sig;
  for (const auto& [k, v] : sent[0].headers) {
    if (k == "X-Yichuang-Timestamp") ts = v;
    if (k == "X-Yichuang-Signature") sig = v;
  }
  EXPECT_EQ(sig, signature(dongcheng->secret, std::stoll(ts), sent[0].body));
  EXPECT_NE(sent[0].body.find("\"event\":\"case.accepted\""), std::string::npos);
  EXPECT_EQ(list("delivered").size(), 1u);
}

TEST_P(WebhookService, FailuresBackOffThenBecomeADeadLetterThatCanBeSentAgain) {
  ASSERT_TRUE(sub("110101", {"evaluation.rated"}));
  event("evaluation.rated", "/110000/110101/110101001/");
  int calls = 0;
  const Sender down = [&](const Post&) -> Result<int> {
    ++calls;
    return fail(ErrorCode::kUnavailable, "Couldn't connect to server");
  };
  std::int64_t now = 2'000'000;
  EXPECT_EQ(dispatch(*db_, keys_, down, now).value(), 0);
  EXPECT_EQ(dispatch(*db_, keys_, down, now + 1000).value(), 0);  // not due again for a minute
  EXPECT_EQ(calls, 1);
  for (int attempt = 1; attempt < kMaxAttempts; ++attempt) {
    now += backoff_ms(attempt).value();
    dispatch(*db_, keys_, down, now).value();
  }
  EXPECT_EQ(calls, kMaxAttempts);
  auto dead = list("dead");
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].attempts, kMaxAttempts);
  EXPECT_EQ(dead[0].last_error, "Couldn't connect to server");
  ASSERT_TRUE(db_->transact<Delivery>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return retry(tx, audit::Actor::system(), org::Scope::all(), dead[0].id, now);
  }));
  const Sender up = [](const Post&) -> Result<int> { return 200; };
  EXPECT_EQ(dispatch(*db_, keys_, up, now).value(), 1);
  EXPECT_TRUE(list("dead").empty());
  // A delivered one is no dead letter: it cannot be "retried".
  auto again = db_->transact<Delivery>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return retry(tx, audit::Actor::system(), org::Scope::all(), dead[0].id, now);
  });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

YC_ON_BOTH_ENGINES(WebhookService);

}  // namespace
}  // namespace yc::exchange
