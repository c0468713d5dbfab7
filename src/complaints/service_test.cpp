// 投诉举报 on SQLite and PostgreSQL (issue 10; policy 三(四), annex 一(三);
// GB/T 36113): a named complaint about a clerk is accepted within its
// working-day deadline, never handled nor seen by the clerk, answered by its
// assignee and closed after the call-back; the identity opens only through
// the audited reveal; an anonymous one carries no identity at all.
#include <gtest/gtest.h>

#include "complaints/service.hpp"
#include "org/service.hpp"
#include "privacy/testing.hpp"
#include "store/engine_test.hpp"

namespace yc::complaints {
namespace {

std::int64_t noon(const char* iso) {
  return time::shanghai_day_start_ms(time::parse_date(iso).value()) + 12 * 3'600'000;
}

class ComplaintsService : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(org::seed_demo_city(*db_));
    site_ = scalar("SELECT id FROM org_site WHERE unit_code = '110101001' AND kind = 'hall'");
    clerk_ = account("clerk_c", "");
    officer_ = account("officer_c", "complaints_officer", "110101");
    officer2_ = account("officer_d", "complaints_officer", "110101");
  }
  std::int64_t scalar(const std::string& sql) {
    return db_->transact<std::int64_t>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one(sql)).int64(0);
    }).value();
  }
  std::int64_t account(const std::string& login, const std::string& role, const std::string& unit = "110101001") {
    return db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      auto id = YC_TRY(tx.one("INSERT INTO account (login, name_sealed, name_masked, phone_sealed, phone_masked, unit_code, "
                              "password_hash, password_changed_at, created_at, updated_at) VALUES ($1, '', '张*', '', '', "
                              "$2, 'x', 0, 0, 0) RETURNING id",
                              {login, unit}))
                    .int64(0);
      if (!role.empty())
        YC_TRY(tx.exec("INSERT INTO role_grant (account_id, role_code, unit_code, created_at, created_by) VALUES ($1, $2, "
                       "$3, 0, 'test')",
                       {id, role, unit}));
      return id;
    }).value();
  }
  template <typename T, typename F>
  Result<T> write(F f) {
    return db_->transact<T>(store::TxMode::kWrite, f);
  }
  Result<Created> named_about_clerk(std::int64_t at) {
    NewComplaint in;
    in.content = Content{"complaint", "attitude", "web", "窗口工作人员态度生硬，不解释材料要求", false, "刘晓梅", "13800001111", ""};
    in.site_id = site_;
    in.window_number = 1;
    return write<Created>([&](store::Tx& tx) {
      return submit(tx, keys_, settings_, audit::Actor::system(), std::nullopt, "", in, at);
    });
  }
  privacy::testing::TempKeyRing temp_keys_;
  const privacy::KeyRing& keys_ = temp_keys_.keys();
  Settings settings_{2, 10};
  std::int64_t site_ = 0, clerk_ = 0, officer_ = 0, officer2_ = 0;
  org::Scope district_ = org::Scope::of({"/110000/110101/"});
};

TEST_P(ComplaintsService, ANamedComplaintGoesThroughEveryStepWithWorkingDayDeadlines_3_4) {
  const auto at = noon("2025-09-26");  // a Friday before 国庆
  auto created = named_about_clerk(at);
  ASSERT_TRUE(created) << created.error().message;
  const auto& c = created->complaint;
  EXPECT_EQ(c.complaint_no, "TS20250926-0001");
  EXPECT_EQ(c.accept_due_day, "2025-09-29");  // 09-28 (调休) and 09-29
  EXPECT_EQ(c.unit_code, "110101001");
  // The text and the identity are sealed at rest.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM complaint WHERE content_sealed LIKE '%态度%' OR reporter_phone_sealed LIKE '%1380%'"), 0);

  auto accepted = write<Complaint>([&](store::Tx& tx) {
    return accept(tx, keys_, settings_, audit::Actor::system(), district_, officer_, c.id, officer2_, "", at);
  });
  ASSERT_TRUE(accepted) << accepted.error().message;
  EXPECT_EQ(accepted->state, "accepted");
  // 09-28, 09-29, 09-30, 10-09, 10-10, 10-11 (调休 Saturday), 10-13 .. 10-16: ten working days.
  EXPECT_EQ(accepted->reply_due_day, "2025-10-16");
  // Only the assignee answers.
  auto not_mine = write<Complaint>([&](store::Tx& tx) {
    return reply(tx, keys_, audit::Actor::system(), district_, officer_, c.id, "经调查核实，情况属实，已批评教育", true, at);
  });
  ASSERT_FALSE(not_mine);
  EXPECT_EQ(not_mine.error().code, ErrorCode::kForbidden);
  auto replied = write<Complaint>([&](store::Tx& tx) {
    return reply(tx, keys_, audit::Actor::system(), district_, officer2_, c.id, "经调查核实，情况属实，已批评教育", true, at);
  });
  ASSERT_TRUE(replied) << replied.error().message;
  auto anon_outcome = write<Complaint>([&](store::Tx& tx) {
    return close(tx, keys_, audit::Actor::system(), district_, officer2_, c.id, "not_applicable", "", at);
  });
  ASSERT_FALSE(anon_outcome);  // a named reporter is called back
  auto closed = write<Complaint>([&](store::Tx& tx) {
    return close(tx, keys_, audit::Actor::system(), district_, officer2_, c.id, "reached", "投诉人表示满意", at);
  });
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(closed->state, "closed");
  EXPECT_TRUE(closed->upheld.value_or(false));
  // The reporter's view by number and code.
  auto view = db_->transact<Complaint>(store::TxMode::kRead, [&](store::Tx& tx) {
    return public_view(tx, c.complaint_no, created->query_code, time::shanghai_date(at));
  });
  ASSERT_TRUE(view);
  EXPECT_EQ(view->reply, "经调查核实，情况属实，已批评教育");
  auto wrong = db_->transact<Complaint>(store::TxMode::kRead, [&](store::Tx& tx) {
    return public_view(tx, c.complaint_no, "x" + created->query_code, time::shanghai_date(at));
  });
  ASSERT_FALSE(wrong);
}

TEST_P(ComplaintsService, ThePersonComplainedAboutNeverHandlesNorSeesIt_3_4) {
  const auto at = noon("2025-11-03");
  NewComplaint in;
  in.content = Content{"complaint", "violation", "window", "办理时索要与事项无关的证明材料", true, "", "", ""};
  in.site_id = site_;
  in.staff_id = officer2_;  // a complaint about the officer themself
  auto created = write<Created>([&](store::Tx& tx) {
    return submit(tx, keys_, settings_, audit::Actor::system(), clerk_, "110101001", in, at);
  });
  ASSERT_TRUE(created) << created.error().message;
  const auto id = created->complaint.id;
  auto self = write<Complaint>([&](store::Tx& tx) {
    return accept(tx, keys_, settings_, audit::Actor::system(), district_, officer_, id, officer2_, "", at);
  });
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().field, "assignee_id");
  auto seen = db_->transact<std::vector<Complaint>>(store::TxMode::kRead, [&](store::Tx& tx) {
    return list(tx, district_, officer2_, Filter{}, time::shanghai_date(at));
  });
  ASSERT_TRUE(seen);
  EXPECT_TRUE(seen->empty());
  auto direct = db_->transact<Complaint>(store::TxMode::kRead, [&](store::Tx& tx) {
    return get(tx, keys_, district_, officer2_, id, time::shanghai_date(at));
  });
  ASSERT_FALSE(direct);
  EXPECT_EQ(direct.error().code, ErrorCode::kNotFound);
  // Someone without complaint.handle is no assignee either.
  auto clerk = write<Complaint>([&](store::Tx& tx) {
    return accept(tx, keys_, settings_, audit::Actor::system(), district_, officer_, id, clerk_, "", at);
  });
  ASSERT_FALSE(clerk);
  // An anonymous complaint has nothing to reveal.
  auto who = write<Reporter>([&](store::Tx& tx) {
    return reveal_reporter(tx, keys_, audit::Actor::system(), district_, officer_, id);
  });
  ASSERT_FALSE(who);
}

TEST_P(ComplaintsService, TheIdentityOpensOnlyThroughTheAuditedReveal) {
  auto created = named_about_clerk(noon("2025-11-03"));
  ASSERT_TRUE(created);
  const auto before = scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'complaint.reporter.reveal'");
  auto who = write<Reporter>([&](store::Tx& tx) {
    return reveal_reporter(tx, keys_, audit::Actor::system(), district_, officer_, created->complaint.id);
  });
  ASSERT_TRUE(who) << who.error().message;
  EXPECT_EQ(who->name, "刘晓梅");
  EXPECT_EQ(who->phone, "13800001111");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'complaint.reporter.reveal'"), before + 1);
  // Bad input changes nothing.
  NewComplaint bad;
  bad.content = Content{"complaint", "attitude", "web", "太短", true, "", "", ""};
  bad.site_id = site_;
  auto refused = write<Created>([&](store::Tx& tx) {
    return submit(tx, keys_, settings_, audit::Actor::system(), std::nullopt, "", bad, noon("2025-11-03"));
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "content");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM complaint"), 1);
}

YC_ON_BOTH_ENGINES(ComplaintsService);

}  // namespace
}  // namespace yc::complaints
