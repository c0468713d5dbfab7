// 劳动关系 on SQLite and PostgreSQL (issue 12; policy annex 一(三)): the
// fifteen days of mediation (劳动争议调解仲裁法 第十四条) and the overdue flag
// under an injected clock, one outcome per case, sessions only while open,
// one survey per employer and year, the follow-up flag of high-risk hazards,
// referrals to labour inspection, and scope (another street's objects are
// not found).
#include <gtest/gtest.h>

#include "labour/service.hpp"
#include "org/service.hpp"
#include "privacy/testing.hpp"
#include "store/engine_test.hpp"

namespace yc::labour {
namespace {

std::int64_t noon(const char* iso) {
  return time::shanghai_day_start_ms(time::parse_date(iso).value()) + 12 * 3'600'000;
}
time::Date day(const char* iso) { return time::parse_date(iso).value(); }

class LabourService : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(org::seed_demo_city(*db_));
    worker_ = account("jd_l", "street_worker", "110101001");
    worker2_ = account("sq_l", "community_worker", "110101001001");
    clerk_ = account("clerk_l", "");
    other_ = account("xc_l", "street_worker", "110102003");
    employer_ = employer("911101010000000001", "东华门餐饮有限公司", "110101001");
    employer2_ = employer("911101010000000002", "东华门物业服务有限公司", "110101001001");
    employer_out_ = employer("911101020000000003", "新街口商贸有限公司", "110102003");
  }
  template <typename T>
  T run(const std::string& sql, const std::function<T(const store::Row&)>& f, std::vector<store::Param> params = {}) {
    return db_->transact<T>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<T> {
      return f(YC_TRY(tx.one(sql, params)));
    }).value();
  }
  std::int64_t scalar(const std::string& sql) {
    return run<std::int64_t>(sql, [](const store::Row& r) { return r.int64(0); });
  }
  std::int64_t account(const std::string& login, const std::string& role, const std::string& unit = "110101001") {
    const auto id = run<std::int64_t>(
        "INSERT INTO account (login, name_sealed, name_masked, phone_sealed, phone_masked, unit_code, password_hash, "
        "password_changed_at, created_at, updated_at) VALUES ($1, '', '王*', '', '', $2, 'x', 0, 0, 0) RETURNING id",
        [](const store::Row& r) { return r.int64(0); }, {login, unit});
    if (!role.empty())
      run<std::int64_t>("INSERT INTO role_grant (account_id, role_code, unit_code, created_at, created_by) VALUES ($1, $2, "
                        "$3, 0, 'test') RETURNING id",
                        [](const store::Row& r) { return r.int64(0); }, {id, role, unit});
    return id;
  }
  // The employment area's register, written straight (this area only reads it).
  std::int64_t employer(const std::string& code, const std::string& name, const std::string& unit) {
    return run<std::int64_t>(
        "INSERT INTO employer (credit_code, name, unit_code, unit_path, employees, created_by, created_at, updated_at) "
        "SELECT $1, $2, code, path, 20, $3, 0, 0 FROM org_unit WHERE code = $4 RETURNING id",
        [](const store::Row& r) { return r.int64(0); }, {code, name, worker_, unit});
  }
  template <typename T, typename F>
  Result<T> write(F f) {
    return db_->transact<T>(store::TxMode::kWrite, f);
  }
  template <typename T, typename F>
  Result<T> read(F f) {
    return db_->transact<T>(store::TxMode::kRead, f);
  }
  NewMediation wage_claim() {
    NewMediation in;
    in.worker = {"11010519491231002X", "李建国", "13800002222", ""};
    in.employer_id = employer_;
    in.claim_kind = "wages";
    in.claim = "要求支付 2026 年 9 月至 10 月拖欠工资";
    in.claim_amount_fen = 1'200'000;
    in.received_day = "2026-11-01";
    return in;
  }
  Result<Mediation> open_case(std::int64_t at, NewMediation in) {
    return write<Mediation>([&](store::Tx& tx) {
      return open_mediation(tx, keys_, audit::Actor::system(), street_, worker_, in, at);
    });
  }
  Result<Mediation> outcome(std::int64_t id, Outcome out, std::int64_t at) {
    return write<Mediation>([&](store::Tx& tx) {
      return close_mediation(tx, keys_, audit::Actor::system(), street_, worker_, id, out, at);
    });
  }
  Result<Mediation> session(std::int64_t id, std::int64_t at) {
    return write<Mediation>([&](store::Tx& tx) {
      return add_session(tx, keys_, audit::Actor::system(), street_, worker_, id,
                         SessionInput{"", "申请人、用人单位代表、调解员", "双方就数额存在分歧", "deadlock"}, at);
    });
  }
  std::vector<Mediation> mediations(const MediationFilter& f, const char* today) {
    return read<std::vector<Mediation>>([&](store::Tx& tx) { return list_mediations(tx, street_, f, day(today)); }).value();
  }
  Result<Hazard> hazard(const char* risk, const char* found, std::int64_t at, const org::Scope& scope) {
    NewHazard in;
    in.employer_id = employer_;
    in.kind = "wage_arrears";
    in.risk = risk;
    in.description = "餐饮企业连续两个月未足额发放工资";
    in.people = 12;
    in.found_day = found;
    return write<Hazard>([&](store::Tx& tx) { return create_hazard(tx, audit::Actor::system(), scope, worker_, in, at); });
  }
  Result<Hazard> hazard_on(std::int64_t id, const char* today) {
    return read<Hazard>([&](store::Tx& tx) { return get_hazard(tx, street_, id, day(today)); });
  }

  privacy::testing::TempKeyRing temp_keys_;
  const privacy::KeyRing& keys_ = temp_keys_.keys();
  std::int64_t worker_ = 0, worker2_ = 0, clerk_ = 0, other_ = 0, employer_ = 0, employer2_ = 0, employer_out_ = 0;
  org::Scope street_ = org::Scope::of({"/110000/110101/110101001/"});
};

TEST(LabourModel, MediationIsDueFifteenCalendarDaysAfterReceipt_Annex1_3) {
  // 劳动争议调解仲裁法 第十四条: calendar days, across a month's end and 国庆.
  EXPECT_EQ(mediation_due(day("2026-11-01")).iso(), "2026-11-16");
  EXPECT_EQ(mediation_due(day("2026-09-25")).iso(), "2026-10-10");
  EXPECT_FALSE(mediation_overdue("open", "2026-11-16", day("2026-11-16")));
  EXPECT_TRUE(mediation_overdue("open", "2026-11-16", day("2026-11-17")));
  EXPECT_FALSE(mediation_overdue("failed", "2026-11-16", day("2026-11-17")));
}

TEST_P(LabourService, MediationFallsDueAfterFifteenDaysAndIsFlaggedOverdue_Annex1_3) {
  auto m = open_case(noon("2026-11-02"), wage_claim());
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->case_no, "TJ20261102-0001");
  EXPECT_EQ(m->unit_code, "110101001");  // the employer's street
  EXPECT_EQ(m->received_day, "2026-11-01");
  EXPECT_EQ(m->due_day, "2026-11-16");
  EXPECT_EQ(m->mediator_id, worker_);
  EXPECT_EQ(m->worker_name_masked, "李**");
  EXPECT_EQ(m->claim, "要求支付 2026 年 9 月至 10 月拖欠工资");
  // The worker and the claim are sealed at rest.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM mediation_case WHERE worker_name_sealed LIKE '%李%' OR claim_sealed LIKE '%工资%' "
                   "OR worker_phone_sealed LIKE '%1380%'"),
            0);
  auto second = open_case(noon("2026-11-02"), wage_claim());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->case_no, "TJ20261102-0002");

  // The injected day decides: still within the period on the due day, overdue the day after.
  auto on_due = mediations({}, "2026-11-16");
  ASSERT_EQ(on_due.size(), 2u);
  EXPECT_FALSE(on_due[0].overdue);
  EXPECT_TRUE(mediations({"", true}, "2026-11-16").empty());
  auto after = mediations({"", true}, "2026-11-17");
  ASSERT_EQ(after.size(), 2u);
  EXPECT_TRUE(after[0].overdue);
  // A closed case is never overdue.
  ASSERT_TRUE(outcome(m->id, Outcome{"withdrawn", "", {}, "", "申请人已与单位自行和解", Extended::kNo}, noon("2026-11-20")));
  EXPECT_EQ(mediations({"", true}, "2026-11-20").size(), 1u);
  // A received day in the future is refused.
  auto in = wage_claim();
  in.received_day = "2026-11-03";
  auto future = open_case(noon("2026-11-02"), in);
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().field, "received_day");
}

TEST_P(LabourService, ACaseEndsOnceAndTakesSessionsOnlyWhileOpen_Annex1_3) {
  auto m = open_case(noon("2026-11-02"), wage_claim());
  ASSERT_TRUE(m) << m.error().message;
  auto s = session(m->id, noon("2026-11-05"));
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(s->sessions.size(), 1u);
  EXPECT_EQ(s->sessions[0].day, "2026-11-05");
  EXPECT_EQ(s->sessions[0].notes, "双方就数额存在分歧");
  auto failed = outcome(m->id, Outcome{"failed", "", {}, "", "", Extended::kNo}, noon("2026-11-10"));
  ASSERT_TRUE(failed) << failed.error().message;
  EXPECT_EQ(failed->state, "failed");
  EXPECT_NE(failed->outcome_note.find("仲裁"), std::string::npos);  // told to apply for arbitration
  EXPECT_EQ(failed->closed_day, "2026-11-10");
  auto again = outcome(m->id, Outcome{"agreed", "单位于 11 月 30 日前支付工资 12000 元", 1'200'000, "", "", Extended::kNo},
                       noon("2026-11-10"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto late_session = session(m->id, noon("2026-11-11"));
  ASSERT_FALSE(late_session);
  EXPECT_EQ(late_session.error().code, ErrorCode::kConflict);
  // Within the period an agreement closes the case with its text sealed.
  auto other = open_case(noon("2026-11-02"), wage_claim());
  auto agreed = outcome(other->id, Outcome{"agreed", "单位于 11 月 30 日前支付工资 12000 元", 1'200'000, "2026-11-30", "",
                                           Extended::kNo},
                        noon("2026-11-12"));
  ASSERT_TRUE(agreed) << agreed.error().message;
  EXPECT_EQ(agreed->state, "agreed");
  EXPECT_FALSE(agreed->late);
  EXPECT_EQ(agreed->performance_due_day, "2026-11-30");
  EXPECT_EQ(agreed->agreement, "单位于 11 月 30 日前支付工资 12000 元");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM mediation_case WHERE agreement_sealed LIKE '%12000%'"), 0);
}

TEST_P(LabourService, AfterTheFifteenDaysAnAgreementNeedsBothPartiesConsentAndIsMarkedLate_Annex1_3) {
  auto m = open_case(noon("2026-11-02"), wage_claim());
  ASSERT_TRUE(m);
  const Outcome agree{"agreed", "单位分两期支付拖欠工资", 1'000'000, "", "", Extended::kNo};
  auto on_due = outcome(m->id, Outcome{"bogus", "", {}, "", "", Extended::kNo}, noon("2026-11-16"));
  ASSERT_FALSE(on_due);
  EXPECT_EQ(on_due.error().field, "outcome");
  auto refused = outcome(m->id, agree, noon("2026-11-17"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(refused.error().field, "extended");
  auto extended = agree;
  extended.extended = Extended::kYes;
  auto late = outcome(m->id, extended, noon("2026-11-17"));
  ASSERT_TRUE(late) << late.error().message;
  EXPECT_TRUE(late->late);
  EXPECT_FALSE(late->overdue);
  // Failure (arbitration) stays open after the period, and needs no consent.
  auto n = open_case(noon("2026-11-02"), wage_claim());
  ASSERT_TRUE(outcome(n->id, Outcome{"failed", "", {}, "", "", Extended::kNo}, noon("2026-12-01")));
}

TEST_P(LabourService, MediatorHoldsLabourWriteAtTheUnitOrAbove_Annex1_3) {
  auto in = wage_claim();
  in.mediator_id = clerk_;
  auto clerk = open_case(noon("2026-11-02"), in);
  ASSERT_FALSE(clerk);
  EXPECT_EQ(clerk.error().field, "mediator_id");
  // A community worker below the street does not mediate the street's case...
  in.mediator_id = worker2_;
  ASSERT_FALSE(open_case(noon("2026-11-02"), in));
  // ...but does their own community's; an unregistered employer by name.
  in.unit_code = "110101001001";
  in.employer_id.reset();
  in.employer_name = "某装修队";
  auto ok = open_case(noon("2026-11-02"), in);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->employer_name, "某装修队");
  EXPECT_EQ(ok->case_no, "TJ20261102-0001");  // numbered per unit
  auto list = read<std::vector<Mediator>>([&](store::Tx& tx) { return mediators(tx, street_, "110101001001"); });
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 2u);
  // The worker in full only through the audited reveal.
  auto before = scalar("SELECT COUNT(*) FROM audit_log");
  auto who = write<privacy::PersonInput>([&](store::Tx& tx) {
    return reveal_worker(tx, keys_, audit::Actor::system(), street_, ok->id);
  });
  ASSERT_TRUE(who);
  EXPECT_EQ(who->phone, "13800002222");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log"), before + 1);
}

TEST_P(LabourService, OneSurveyPerEmployerAndYearWithProgress_Annex1_3) {
  const auto at = noon("2026-11-20");
  SurveyForm f{30, 20, 10, 28, 5, 3, 2, 27, false, "希望提供技能培训"};
  auto s = write<Survey>([&](store::Tx& tx) {
    return submit_survey(tx, audit::Actor::system(), street_, worker_, employer_, 2026, f, at);
  });
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->employer.name, "东华门餐饮有限公司");
  EXPECT_EQ(s->version, 1);
  auto twice = write<Survey>([&](store::Tx& tx) {
    return submit_survey(tx, audit::Actor::system(), street_, worker2_, employer_, 2026, f, at);
  });
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  // Another year is another form.
  ASSERT_TRUE(write<Survey>([&](store::Tx& tx) {
    return submit_survey(tx, audit::Actor::system(), street_, worker_, employer_, 2025, f, at);
  }));
  auto bad = f;
  bad.local_employees = 25;
  auto sum = write<Survey>([&](store::Tx& tx) {
    return submit_survey(tx, audit::Actor::system(), street_, worker_, employer2_, 2026, bad, at);
  });
  ASSERT_FALSE(sum);
  EXPECT_EQ(sum.error().field, "local_employees");
  // Edited with its version; a stale version is refused.
  f.wage_arrears = true;
  auto edited = write<Survey>([&](store::Tx& tx) {
    return update_survey(tx, audit::Actor::system(), street_, worker2_, s->id, 1, f, at);
  });
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_TRUE(edited->form.wage_arrears);
  EXPECT_EQ(edited->version, 2);
  auto stale = write<Survey>([&](store::Tx& tx) {
    return update_survey(tx, audit::Actor::system(), street_, worker2_, s->id, 1, f, at);
  });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kVersionConflict);
  // Progress of the year: two employers in the street, one surveyed; the other listed as missing.
  auto o = read<SurveyOverview>([&](store::Tx& tx) { return survey_overview(tx, street_, 2026, OnlyMissing::kNo); });
  ASSERT_TRUE(o);
  EXPECT_EQ(o->total, 2);
  EXPECT_EQ(o->surveyed, 1);
  ASSERT_EQ(o->items.size(), 2u);
  EXPECT_FALSE(o->items[0].survey);  // the missing first
  auto missing = read<SurveyOverview>([&](store::Tx& tx) { return survey_overview(tx, street_, 2026, OnlyMissing::kYes); });
  ASSERT_EQ(missing->items.size(), 1u);
  EXPECT_EQ(missing->items[0].employer.id, employer2_);
}

TEST_P(LabourService, AHighRiskHazardWithoutFollowUpForMoreThanSevenDaysIsFlagged_Annex1_3) {
  auto h = hazard("high", "2026-11-01", noon("2026-11-01"), street_);
  ASSERT_TRUE(h) << h.error().message;
  auto medium = hazard("medium", "2026-11-01", noon("2026-11-01"), street_);
  ASSERT_TRUE(medium);
  EXPECT_FALSE(hazard_on(h->id, "2026-11-08")->followup_overdue);  // seven days: not yet
  EXPECT_TRUE(hazard_on(h->id, "2026-11-09")->followup_overdue);
  EXPECT_FALSE(hazard_on(medium->id, "2026-11-20")->followup_overdue);
  const auto flagged = [&](const char* today) {
    return read<std::vector<Hazard>>([&](store::Tx& tx) {
      return list_hazards(tx, street_, HazardFilter{"", "", true}, day(today));
    }).value();
  };
  EXPECT_TRUE(flagged("2026-11-08").empty());
  ASSERT_EQ(flagged("2026-11-09").size(), 1u);
  // A follow-up restarts the seven days.
  auto f = write<Hazard>([&](store::Tx& tx) {
    return add_followup(tx, audit::Actor::system(), street_, worker_, h->id, "2026-11-09", "约谈企业负责人，承诺月底前补发",
                        "2026-11-16", noon("2026-11-09"));
  });
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->last_followup_day, "2026-11-09");
  EXPECT_EQ(f->followups.size(), 1u);
  EXPECT_FALSE(hazard_on(h->id, "2026-11-16")->followup_overdue);
  EXPECT_TRUE(hazard_on(h->id, "2026-11-17")->followup_overdue);
  auto resolved = write<Hazard>([&](store::Tx& tx) {
    return resolve_hazard(tx, audit::Actor::system(), street_, worker_, h->id, "2026-11-17", "工资已全部补发", noon("2026-11-17"));
  });
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_FALSE(resolved->followup_overdue);
  EXPECT_TRUE(flagged("2026-11-30").empty());
  auto closed = write<Hazard>([&](store::Tx& tx) {
    return add_followup(tx, audit::Actor::system(), street_, worker_, h->id, "2026-11-18", "回访", "", noon("2026-11-18"));
  });
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().code, ErrorCode::kConflict);
}

TEST_P(LabourService, AReferralGoesSentAcknowledgedClosedAndShowsOnItsSource_Annex1_3) {
  const auto at = noon("2026-11-10");
  auto h = hazard("high", "2026-11-01", at, street_);
  ASSERT_TRUE(h);
  const auto send = [&](NewReferral in) {
    return write<Referral>([&](store::Tx& tx) { return refer(tx, audit::Actor::system(), street_, worker_, in, at); });
  };
  auto r = send(NewReferral{"hazard", h->id, "", "", "企业拒不补发工资，涉嫌拒不支付劳动报酬", ""});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->state, "sent");
  EXPECT_EQ(r->unit_code, "110101001");
  EXPECT_EQ(r->source_ref, "东华门餐饮有限公司（欠薪）");
  EXPECT_EQ(hazard_on(h->id, "2026-11-10")->referral->state, "sent");
  auto twice = send(NewReferral{"hazard", h->id, "", "", "再次移送同一隐患", ""});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto ack = write<Referral>([&](store::Tx& tx) {
    return acknowledge_referral(tx, audit::Actor::system(), street_, r->id, "2026-11-10", "JC2026-118", at);
  });
  ASSERT_TRUE(ack) << ack.error().message;
  EXPECT_EQ(ack->state, "acknowledged");
  EXPECT_EQ(ack->inspection_ref, "JC2026-118");
  auto ack2 = write<Referral>([&](store::Tx& tx) {
    return acknowledge_referral(tx, audit::Actor::system(), street_, r->id, "", "", at);
  });
  ASSERT_FALSE(ack2);
  EXPECT_EQ(ack2.error().code, ErrorCode::kConflict);
  auto closed = write<Referral>([&](store::Tx& tx) {
    return close_referral(tx, audit::Actor::system(), street_, r->id, "2026-11-10", "责令限期支付，企业已整改", at);
  });
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(closed->state, "closed");
  EXPECT_EQ(hazard_on(h->id, "2026-11-10")->referral->state, "closed");
  // Closed, the record may be referred again; a mediation case and a complaint number too.
  ASSERT_TRUE(send(NewReferral{"hazard", h->id, "", "", "企业再次拖欠工资", ""}));
  auto m = open_case(at, wage_claim());
  ASSERT_TRUE(send(NewReferral{"mediation", m->id, "", "", "调解中发现未签劳动合同", ""}));
  auto c = send(NewReferral{"complaint", std::nullopt, "12333-20261110-0042", "", "热线投诉企业未缴社保", ""});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->unit_code, "110101001");  // the caller's street
  ASSERT_FALSE(send(NewReferral{"complaint", std::nullopt, "12333-20261110-0042", "", "重复移送", ""}));
  auto all = read<std::vector<Referral>>([&](store::Tx& tx) { return list_referrals(tx, street_, ""); });
  EXPECT_EQ(all->size(), 4u);
}

TEST_P(LabourService, AnotherStreetsObjectsAreNotFound_Annex1_3) {
  const auto at = noon("2026-11-10");
  SurveyForm f{10, 10, 0, 10, 0, 0, 0, 10, false, ""};
  auto survey = write<Survey>([&](store::Tx& tx) {
    return submit_survey(tx, audit::Actor::system(), street_, worker_, employer_out_, 2026, f, at);
  });
  ASSERT_FALSE(survey);
  EXPECT_EQ(survey.error().code, ErrorCode::kNotFound);
  auto in = wage_claim();
  in.employer_id = employer_out_;
  auto m = open_case(at, in);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::kNotFound);
  // Objects of 新街口街道 exist, but not for 东华门街道's worker.
  auto h = hazard("high", "2026-11-01", at, org::Scope::all());
  ASSERT_TRUE(h);
  NewHazard out;
  out.unit_code = "110102003";
  out.employer_name = "某建筑工地";
  out.kind = "mass_dispute";
  out.risk = "high";
  out.description = "农民工聚集讨要工资";
  auto far = write<Hazard>([&](store::Tx& tx) { return create_hazard(tx, audit::Actor::system(), org::Scope::all(), other_, out, at); });
  ASSERT_TRUE(far) << far.error().message;
  EXPECT_EQ(hazard_on(far->id, "2026-11-10").error().code, ErrorCode::kNotFound);
  auto mine = read<std::vector<Hazard>>([&](store::Tx& tx) { return list_hazards(tx, street_, {}, day("2026-11-10")); });
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().id, h->id);
  auto refer_far = write<Referral>([&](store::Tx& tx) {
    return refer(tx, audit::Actor::system(), street_, worker_, NewReferral{"hazard", far->id, "", "", "涉嫌欠薪", ""}, at);
  });
  ASSERT_FALSE(refer_far);
  EXPECT_EQ(refer_far.error().code, ErrorCode::kNotFound);
  auto created_far = write<Hazard>([&](store::Tx& tx) { return create_hazard(tx, audit::Actor::system(), street_, worker_, out, at); });
  ASSERT_FALSE(created_far);
  EXPECT_EQ(created_far.error().code, ErrorCode::kNotFound);
}

YC_ON_BOTH_ENGINES(LabourService);

}  // namespace
}  // namespace yc::labour
