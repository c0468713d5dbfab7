// Notifications to applicants (issue 11, item 4) on SQLite and PostgreSQL:
// a case step queues the portal's 消息 and an SMS when there is a phone; the
// dispatcher sends it once with the full number only in memory; a gateway
// that is down is retried with back-off and given up after five attempts; a
// gateway that refuses is not retried; the applicant reads and marks them.
#include <gtest/gtest.h>

#include "notify/notify.hpp"
#include "privacy/testing.hpp"
#include "store/engine_test.hpp"

namespace yc::notify {
namespace {

class Recorder final : public SmsSender {
 public:
  std::string_view name() const override { return "test"; }
  Result<std::string> send(const Sms& sms) override {
    sent.push_back(sms);
    if (fail_with) return fail(*fail_with, "网关不可用");
    return "gw-" + sms.ref;
  }
  std::vector<Sms> sent;
  std::optional<ErrorCode> fail_with;
};

class NotifyService : public store::testing::EngineTest {
 protected:
  void queue(const std::string& kind, const std::string& phone) {
    const auto sealed = phone.empty() ? std::string() : keys_.encrypt(phone, "case.applicant.phone").value();
    ASSERT_TRUE(db_->transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return enqueue_case(tx, CaseNote{kind, "20261127-000001", "失业登记", "hash-a", "tok", sealed, "承诺 2026-12-04 前办结"},
                          1'000);
    }));
  }
  std::string state(std::int64_t id) {
    return db_->transact<std::string>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::string> {
      return YC_TRY(tx.one("SELECT sms_state FROM notification WHERE id = $1", {id})).text(0);
    }).value();
  }
  std::int64_t last_id() {
    return db_->transact<std::int64_t>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("SELECT MAX(id) FROM notification")).int64(0);
    }).value();
  }
  privacy::testing::TempKeyRing temp_keys_;
  const privacy::KeyRing& keys_ = temp_keys_.keys();
};

TEST_P(NotifyService, AStepIsToldInThePortalAndOnceBySms_11_4) {
  queue("case.accepted", "13912345678");
  queue("case.ready", "");  // no phone on the case: the portal only
  Recorder gw;
  EXPECT_EQ(dispatch(*db_, keys_, &gw, 1'000).value(), 1);
  ASSERT_EQ(gw.sent.size(), 1u);
  EXPECT_EQ(gw.sent[0].phone, "13912345678");
  EXPECT_NE(gw.sent[0].text.find("20261127-000001"), std::string::npos);
  EXPECT_NE(gw.sent[0].text.find("已受理"), std::string::npos);
  EXPECT_EQ(dispatch(*db_, keys_, &gw, 999'999).value(), 0) << "sent once only";
  auto mine = db_->transact<std::vector<Notification>>(store::TxMode::kRead, [&](store::Tx& tx) {
    return of_applicant(tx, "hash-a", 50);
  }).value();
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].kind, "case.ready");
  EXPECT_EQ(mine[0].sms_state, "none");
  EXPECT_EQ(mine[1].sms_state, "sent");
  EXPECT_EQ(mine[1].link, "/progress/20261127-000001?t=tok");
  EXPECT_EQ(db_->transact<int>(store::TxMode::kWrite, [&](store::Tx& tx) { return mark_read(tx, "hash-a", mine[0].id, 5); }).value(), 2);
  EXPECT_TRUE(db_->transact<std::vector<Notification>>(store::TxMode::kRead, [&](store::Tx& tx) {
    return of_applicant(tx, "other", 50);
  })->empty());
}

TEST_P(NotifyService, AGatewayThatIsDownIsRetriedThenGivenUp_11_4) {
  queue("case.returned", "13912345678");
  const auto id = last_id();
  Recorder gw;
  gw.fail_with = ErrorCode::kUnavailable;
  std::int64_t now = 1'000;
  EXPECT_EQ(dispatch(*db_, keys_, &gw, now).value(), 0);
  EXPECT_EQ(state(id), "pending");
  EXPECT_EQ(dispatch(*db_, keys_, &gw, now + 59'000).value(), 0);
  EXPECT_EQ(gw.sent.size(), 1u) << "not before the back-off";
  for (std::int64_t wait : {60'000, 300'000, 1'800'000, 7'200'000}) {
    now += wait;
    dispatch(*db_, keys_, &gw, now).value();
  }
  EXPECT_EQ(gw.sent.size(), 5u);
  EXPECT_EQ(state(id), "dead");
  EXPECT_EQ(dispatch(*db_, keys_, &gw, now + 86'400'000).value(), 0);
  EXPECT_EQ(gw.sent.size(), 5u);
}

TEST_P(NotifyService, AGatewayThatRefusesIsNotRetried_11_4) {
  queue("case.notice", "13912345678");
  Recorder gw;
  gw.fail_with = ErrorCode::kUnprocessable;
  dispatch(*db_, keys_, &gw, 1'000).value();
  EXPECT_EQ(state(last_id()), "dead");
  dispatch(*db_, keys_, &gw, 9'999'999).value();
  EXPECT_EQ(gw.sent.size(), 1u);
}

TEST_P(NotifyService, WithoutASenderMessagesWait_11_4) {
  queue("case.delivered", "13912345678");
  EXPECT_EQ(dispatch(*db_, keys_, nullptr, 1'000).value(), 0);
  EXPECT_EQ(state(last_id()), "pending");
  Recorder gw;
  EXPECT_EQ(dispatch(*db_, keys_, &gw, 2'000).value(), 1);
}

TEST(SmsSenders, TheConfigurationChoosesOne) {
  SmsConfig c;
  EXPECT_EQ(sender_from(c).value()->name(), "log");
  c.sender = "off";
  EXPECT_EQ(sender_from(c).value(), nullptr);
  c.sender = "http";
  c.url = "http://gateway.example/sms";
  EXPECT_FALSE(sender_from(c));
  c.url = "https://gateway.example/sms";
  EXPECT_EQ(sender_from(c).value()->name(), "http");
}

YC_ON_BOTH_ENGINES(NotifyService);

}  // namespace
}  // namespace yc::notify
