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
    return reply(tx, keys_, settings_, audit::Actor::system(), district_, officer_, c.id, "经调查核实，情况属实，已批评教育", true, at);
  });
  ASSERT_FALSE(not_mine);
  EXPECT_EQ(not_mine.error().code, ErrorCode::kForbidden);
  auto replied = write<Complaint>([&](store::Tx& tx) {
    return reply(tx, keys_, settings_, audit::Actor::system(), district_, officer2_, c.id, "经调查核实，情况属实，已批评教育", true, at);
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

// 督办 (三(四)): a complaint not accepted by its due day goes to the district,
// then, past the extra working days, to the city, and never above it. The
// clock is injected; the deadlines cross 国庆 2025 (10-01..08 off, 09-28 and
// 10-11 worked).
TEST_P(ComplaintsService, AnOverdueComplaintEscalatesWithTheInjectedClock_3_4) {
  auto created = named_about_clerk(noon("2025-09-26"));
  ASSERT_TRUE(created) << created.error().message;
  const auto id = created->complaint.id;
  ASSERT_EQ(created->complaint.accept_due_day, "2025-09-29");
  const auto sweep_at = [&](const char* day) {
    return write<std::vector<Escalated>>([&](store::Tx& tx) {
      return sweep(tx, audit::Actor::system(), settings_, time::parse_date(day).value(), noon(day));
    });
  };
  const auto view = [&](const char* day) {
    return db_->transact<Complaint>(store::TxMode::kRead, [&](store::Tx& tx) {
      return get(tx, keys_, district_, officer_, id, time::parse_date(day).value());
    }).value();
  };
  EXPECT_TRUE(sweep_at("2025-09-29")->empty());  // on the due day nothing moves
  auto first = sweep_at("2025-09-30");
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ((*first)[0].unit_code, "110101");  // the district
  auto c = view("2025-09-30");
  EXPECT_EQ(c.escalation, 1);
  EXPECT_EQ(c.escalated_to, "110101");
  EXPECT_EQ(c.escalated_to_name, "东城区");
  EXPECT_TRUE(c.overdue);
  EXPECT_EQ(c.accept_due_day, "2025-09-29");  // the step's own deadline stays on record
  // Three working days more from 09-30: 10-09, 10-10 and 10-11 (调休 Saturday).
  EXPECT_TRUE(sweep_at("2025-10-01")->empty());  // 国庆: not twice for one lapse
  EXPECT_TRUE(sweep_at("2025-10-08")->empty());
  EXPECT_TRUE(sweep_at("2025-10-11")->empty());
  auto second = sweep_at("2025-10-12");
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ((*second)[0].unit_code, "110000");  // the city
  EXPECT_TRUE(sweep_at("2025-12-31")->empty());  // nothing above the city
  EXPECT_EQ(view("2025-12-31").escalation, 2);
  // Each move is on the complaint's timeline and in the audit chain.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM complaint_event WHERE kind = 'escalated' AND step = 'accept' AND complaint_id = " +
                   std::to_string(id)),
            2);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM complaint_event WHERE from_unit = '110101' AND to_unit = '110000' AND "
                   "due_day = '2025-10-11'"),
            1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'complaint.escalate'"), 2);
}

// The reply and the 回访归档 have their deadlines too; each late step moves one level.
TEST_P(ComplaintsService, ALateReplyAndALateCloseEachEscalateOneLevel_3_4) {
  const auto at = noon("2025-09-26");
  auto created = named_about_clerk(at);
  ASSERT_TRUE(created);
  const auto id = created->complaint.id;
  ASSERT_TRUE(write<Complaint>([&](store::Tx& tx) {
    return accept(tx, keys_, settings_, audit::Actor::system(), district_, officer_, id, std::nullopt, "", at);
  }));
  const auto sweep_at = [&](const char* day) {
    return write<std::vector<Escalated>>([&](store::Tx& tx) {
      return sweep(tx, audit::Actor::system(), settings_, time::parse_date(day).value(), noon(day));
    }).value();
  };
  EXPECT_TRUE(sweep_at("2025-10-16").empty());  // the reply is due 10-16
  ASSERT_EQ(sweep_at("2025-10-17").size(), 1u);
  auto replied = write<Complaint>([&](store::Tx& tx) {
    return reply(tx, keys_, settings_, audit::Actor::system(), district_, officer_, id, "经调查核实，情况不属实，已向投诉人说明",
                 false, noon("2025-10-17"));
  });
  ASSERT_TRUE(replied) << replied.error().message;
  EXPECT_EQ(replied->close_due_day, "2025-10-24");  // five working days for 回访归档
  EXPECT_EQ(replied->escalation, 1);
  EXPECT_TRUE(sweep_at("2025-10-24").empty());
  auto late = sweep_at("2025-10-27");
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].unit_code, "110000");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM complaint_event WHERE step = 'reply'"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM complaint_event WHERE step = 'close'"), 1);
  // Closed, it waits for nothing.
  ASSERT_TRUE(write<Complaint>([&](store::Tx& tx) {
    return close(tx, keys_, audit::Actor::system(), district_, officer_, id, "reached", "", noon("2025-10-28"));
  }));
  EXPECT_TRUE(sweep_at("2026-01-05").empty());
}

// 承办人 (三(四)): those holding complaint.handle at the complaint's unit or
// above, within the caller's scope, never the person complained about.
TEST_P(ComplaintsService, TheAssigneesAreHandlersAtOrAboveTheUnitButNeverThePersonComplainedAbout_3_4) {
  const auto at = noon("2025-11-03");
  const auto street = account("officer_s", "complaints_officer", "110101001");
  const auto city = account("officer_city", "complaints_officer", "110000");
  const auto elsewhere = account("officer_x", "complaints_officer", "110102");
  NewComplaint in;
  in.content = Content{"complaint", "attitude", "window", "窗口工作人员态度生硬，不解释材料要求", true, "", "", ""};
  in.site_id = site_;
  in.staff_id = officer2_;
  auto created = write<Created>([&](store::Tx& tx) {
    return submit(tx, keys_, settings_, audit::Actor::system(), clerk_, "110101001", in, at);
  });
  ASSERT_TRUE(created) << created.error().message;
  const auto id = created->complaint.id;
  const auto ids = [](const std::vector<Assignee>& v) {
    std::vector<std::int64_t> out;
    for (const auto& a : v) out.push_back(a.account_id);
    return out;
  };
  auto mine = db_->transact<std::vector<Assignee>>(store::TxMode::kRead, [&](store::Tx& tx) {
    return assignees(tx, district_, officer_, id);
  });
  ASSERT_TRUE(mine) << mine.error().message;
  // The street's officer first, then the district's; not officer2_ (complained
  // about), not the clerk (no complaint.handle), not the city (outside the
  // caller's scope), not another district's.
  EXPECT_EQ(ids(*mine), (std::vector<std::int64_t>{street, officer_}));
  EXPECT_EQ((*mine)[0].name_masked, "张*");
  EXPECT_EQ((*mine)[0].unit_code, "110101001");
  auto all = db_->transact<std::vector<Assignee>>(store::TxMode::kRead, [&](store::Tx& tx) {
    return assignees(tx, org::Scope::all(), officer_, id);
  });
  EXPECT_EQ(ids(*all), (std::vector<std::int64_t>{street, officer_, city}));
  (void)elsewhere;
  // Everyone listed passes the rule of assign.
  for (const auto who : ids(*all)) {
    auto ok = write<Complaint>([&](store::Tx& tx) {
      return assign(tx, keys_, audit::Actor::system(), org::Scope::all(), officer_, id, who, at);
    });
    EXPECT_TRUE(ok) << who;
  }
  // The person complained about gets no list (the complaint does not exist for them).
  auto theirs = db_->transact<std::vector<Assignee>>(store::TxMode::kRead, [&](store::Tx& tx) {
    return assignees(tx, district_, officer2_, id);
  });
  ASSERT_FALSE(theirs);
  EXPECT_EQ(theirs.error().code, ErrorCode::kNotFound);
  // Nor does anyone outside its scope.
  auto out = db_->transact<std::vector<Assignee>>(store::TxMode::kRead, [&](store::Tx& tx) {
    return assignees(tx, org::Scope::of({"/110000/110102/"}), elsewhere, id);
  });
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, ErrorCode::kNotFound);
}

YC_ON_BOTH_ENGINES(ComplaintsService);

}  // namespace
}  // namespace yc::complaints
