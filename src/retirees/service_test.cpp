// 退休人员与工伤待遇人员社会化管理 on SQLite and PostgreSQL (issue 12, item 4;
// policy 附件一(二), 附件二, 三(七)): a death report is a high-risk step for
// formal staff; benefits stop only after another formal staff member's 复核,
// from the first day of the month after the death; the yearly contact is
// judged by the Beijing year; a person outside the caller's scope is not found.
#include <gtest/gtest.h>

#include "org/service.hpp"
#include "privacy/testing.hpp"
#include "retirees/service.hpp"
#include "store/engine_test.hpp"

namespace yc::retirees {
namespace {

std::int64_t noon(const char* iso) {
  return time::shanghai_day_start_ms(time::parse_date(iso).value()) + 12 * 3'600'000;
}

// A valid resident ID number (GB 11643) from its first 17 digits.
std::string id_number(const std::string& first17) {
  static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[static_cast<std::size_t>(i)] - '0') * kWeights[i];
  return first17 + "10X98765432"[sum % 11];
}

// --- Pure rules ---------------------------------------------------------------------------

TEST(RetireeRules, BenefitsStopFromTheFirstDayOfTheNextMonth_3_7) {
  EXPECT_EQ(benefit_stop_day({2026, 3, 15}).iso(), "2026-04-01");
  EXPECT_EQ(benefit_stop_day({2026, 3, 1}).iso(), "2026-04-01");
  EXPECT_EQ(benefit_stop_day({2025, 12, 31}).iso(), "2026-01-01");
}

TEST(RetireeRules, TheDeathStepsAreForFormalStaffAndTwoPeople_3_7) {
  EXPECT_EQ(check_death_step(DeathStep::kReport, false, 1).error().code, ErrorCode::kUnprocessable);
  EXPECT_TRUE(check_death_step(DeathStep::kReport, true, 1));
  EXPECT_EQ(check_death_step(DeathStep::kRecheck, false, 2, 1).error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(check_death_step(DeathStep::kRecheck, true, 1, 1).error().field, "checked_by");
  EXPECT_TRUE(check_death_step(DeathStep::kRecheck, true, 2, 1));
}

TEST(RetireeRules, AWorkInjuryEntryNamesItsBenefitAndLevel_Annex1_2) {
  const time::Date today{2026, 3, 20};
  EXPECT_TRUE(validate({"retiree", "", "1998-05-01", "北京市第一机床厂", std::nullopt}, today));
  EXPECT_FALSE(validate({"retiree", "nursing_care", "1998-05-01", "", std::nullopt}, today));
  EXPECT_TRUE(validate({"work_injury", "disability_allowance", "2020-01-01", "", 4}, today));
  // 伤残津贴: 一至六级 only (工伤保险条例 第三十五、三十六条).
  EXPECT_EQ(validate({"work_injury", "disability_allowance", "2020-01-01", "", 8}, today).error().field, "injury_level");
  EXPECT_TRUE(validate({"work_injury", "nursing_care", "2020-01-01", "", 8}, today));
  EXPECT_FALSE(validate({"work_injury", "nursing_care", "2020-01-01", "", 11}, today));
  EXPECT_FALSE(validate({"work_injury", "nursing_care", "2020-01-01", "", std::nullopt}, today));
  EXPECT_TRUE(validate({"work_injury", "dependant_pension", "2020-01-01", "", std::nullopt}, today));
  EXPECT_FALSE(validate({"work_injury", "", "2020-01-01", "", 3}, today));
  EXPECT_EQ(validate({"retiree", "", "2026-03-21", "", std::nullopt}, today).error().field, "start_day");
  EXPECT_EQ(validate({"retiree", "", "2025-02-30", "", std::nullopt}, today).error().field, "start_day");
}

TEST(RetireeRules, TheYearlyContactIsJudgedByTheBeijingYear_Annex1_2) {
  const std::optional<std::string> last = "2025-12-31";
  EXPECT_FALSE(uncontacted_this_year("active", last, {2025, 12, 31}));
  EXPECT_TRUE(uncontacted_this_year("active", last, {2026, 1, 1}));
  EXPECT_TRUE(uncontacted_this_year("death_reported", std::nullopt, {2026, 1, 1}));
  EXPECT_FALSE(uncontacted_this_year("deceased", std::nullopt, {2026, 1, 1}));
}

// --- On both engines -------------------------------------------------------------------

class RetireesService : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(org::seed_demo_city(*db_));
    helper_ = account("xieguan", false);
    reporter_ = account("jdworker", true);
    checker_ = account("jdworker2", true);
  }
  std::int64_t account(const std::string& login, bool formal) {
    return write<std::int64_t>([&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("INSERT INTO account (login, name_sealed, name_masked, phone_sealed, phone_masked, unit_code, "
                           "password_hash, password_changed_at, created_at, updated_at, formal_staff) VALUES ($1, '', "
                           "'张*', '', '', '110101001', 'x', 0, 0, 0, $2) RETURNING id",
                           {login, std::int64_t{formal ? 1 : 0}}))
          .int64(0);
    }).value();
  }
  std::int64_t scalar(const std::string& sql) {
    return db_->transact<std::int64_t>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one(sql)).int64(0);
    }).value();
  }
  template <typename T, typename F>
  Result<T> write(F f) {
    return db_->transact<T>(store::TxMode::kWrite, f);
  }
  template <typename T, typename F>
  Result<T> read(F f) {
    return db_->transact<T>(store::TxMode::kRead, f);
  }
  Result<Retiree> add_person(const std::string& id, const std::string& unit = "110101001001",
                             const std::string& kind = "retiree", std::int64_t now = noon("2026-03-20"),
                             const org::Scope& scope = org::Scope::of({"/110000/110101/110101001/"})) {
    NewRetiree in;
    in.person = {id, "王秀兰", "13800002222", "北京市东城区东华门大街 1 号"};
    in.entry = kind == "retiree" ? Entry{"retiree", "", "2005-06-30", "北京市第一机床厂", std::nullopt}
                                 : Entry{"work_injury", "disability_allowance", "2019-04-01", "北京建工集团", 5};
    in.unit_code = unit;
    return write<Retiree>([&](store::Tx& tx) { return add(tx, keys_, audit::Actor::system(), scope, helper_, in, now); });
  }
  Result<Detail> report(std::int64_t by, std::int64_t id, const char* day = "2026-03-15") {
    return write<Detail>([&](store::Tx& tx) {
      return report_death(tx, keys_, audit::Actor::system(), street_, by, id, {day, "family", "家属来电告知"},
                          noon("2026-03-20"));
    });
  }
  Result<Detail> recheck(std::int64_t by, std::int64_t id, Decision d, const std::string& reason = "") {
    return write<Detail>([&](store::Tx& tx) {
      return recheck_death(tx, keys_, audit::Actor::system(), street_, by, id, d, reason, noon("2026-03-21"));
    });
  }
  std::int64_t audits(const char* action) {
    return scalar(std::string("SELECT COUNT(*) FROM audit_log WHERE action = '") + action + "'");
  }
  privacy::testing::TempKeyRing temp_keys_;
  const privacy::KeyRing& keys_ = temp_keys_.keys();
  org::Scope street_ = org::Scope::of({"/110000/110101/110101001/"});
  std::int64_t helper_ = 0, reporter_ = 0, checker_ = 0;
  const std::string id1_ = id_number("11010119450312002");
  const std::string id2_ = id_number("11010219520708001");
};

TEST_P(RetireesService, TheRegistrySealsThePersonOncePerKind_Annex1_2) {
  auto r = add_person(id1_);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, "active");
  EXPECT_TRUE(r->benefits_active);
  EXPECT_EQ(r->name_masked, "王**");
  EXPECT_EQ(r->id_masked.substr(0, 6), "110101");
  EXPECT_EQ(r->id_masked.find("0312"), std::string::npos);
  EXPECT_EQ(r->unit_name, "东华门第一社区(演示)");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM retiree WHERE name_sealed LIKE '%王%' OR phone_sealed LIKE '%1380%' OR "
                   "id_sealed LIKE '%110101194503%'"),
            0);
  EXPECT_EQ(audits("retiree.add"), 1);
  // The same person again as a retiree: refused; as drawing a work-injury benefit: a second entry.
  auto again = add_person(id1_, "110101001002");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto injury = add_person(id1_, "110101001001", "work_injury");
  ASSERT_TRUE(injury) << injury.error().message;
  EXPECT_EQ(injury->injury_level, 5);
  // Only a community takes people.
  auto street = add_person(id2_, "110101001");
  ASSERT_FALSE(street);
  EXPECT_EQ(street.error().field, "unit_code");
  // The audited reveal opens the person in full.
  auto who = write<privacy::PersonInput>([&](store::Tx& tx) { return reveal(tx, keys_, audit::Actor::system(), street_, r->id); });
  ASSERT_TRUE(who);
  EXPECT_EQ(who->name, "王秀兰");
  EXPECT_EQ(who->id_number, id1_);
  EXPECT_EQ(audits("retiree.reveal"), 1);
}

TEST_P(RetireesService, APersonInAnotherStreetIsNotFound_Scope) {
  auto xinjiekou = add_person(id1_, "110102003001", "retiree", noon("2026-03-20"), org::Scope::all());
  ASSERT_TRUE(xinjiekou) << xinjiekou.error().message;
  const auto id = xinjiekou->id;
  auto seen = read<Detail>([&](store::Tx& tx) { return get(tx, keys_, street_, id, {2026, 3, 20}); });
  ASSERT_FALSE(seen);
  EXPECT_EQ(seen.error().code, ErrorCode::kNotFound);
  auto listed = read<std::vector<Retiree>>([&](store::Tx& tx) { return list(tx, street_, {}, {2026, 3, 20}); });
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
  auto other_unit = read<std::vector<Retiree>>([&](store::Tx& tx) {
    return list(tx, street_, Filter{"110102003", "", "", false}, {2026, 3, 20});
  });
  ASSERT_FALSE(other_unit);
  EXPECT_EQ(other_unit.error().code, ErrorCode::kNotFound);
  // Nor can anyone here register people there, contact them or report their death.
  auto there = add_person(id2_, "110102003001");
  ASSERT_FALSE(there);
  EXPECT_EQ(there.error().code, ErrorCode::kNotFound);
  auto contact = write<Detail>([&](store::Tx& tx) {
    return add_contact(tx, keys_, audit::Actor::system(), street_, helper_, id, {"2026-03-20", "phone", ""}, noon("2026-03-20"));
  });
  EXPECT_EQ(contact.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(report(reporter_, id).error().code, ErrorCode::kNotFound);
  // Nor list them among an activity's participants.
  auto activity = write<Activity>([&](store::Tx& tx) {
    return add_activity(tx, audit::Actor::system(), street_, helper_,
                        {"110101001001", "health", "健康讲座", "2026-03-18", "社区活动室", "", {id}}, noon("2026-03-20"));
  });
  ASSERT_FALSE(activity);
  EXPECT_EQ(activity.error().field, "participants");
}

TEST_P(RetireesService, ADeathReportIsRefusedToStaffNotOnTheEstablishment_3_7) {
  auto r = add_person(id1_);
  ASSERT_TRUE(r) << r.error().message;
  auto refused = report(helper_, r->id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(refused.error().message.find("编制内"), std::string::npos);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM retiree_death_report"), 0);
  // A formal staff member's report: 死亡待复核, and benefits keep going.
  auto reported = report(reporter_, r->id);
  ASSERT_TRUE(reported) << reported.error().message;
  EXPECT_EQ(reported->retiree.status, "death_reported");
  EXPECT_TRUE(reported->retiree.benefits_active);
  ASSERT_EQ(reported->death_reports.size(), 1u);
  EXPECT_EQ(reported->death_reports[0].state, "open");
  EXPECT_EQ(reported->death_reports[0].note, "家属来电告知");
  EXPECT_EQ(audits("retiree.death.report"), 1);
  // One open report at a time.
  auto second = report(checker_, r->id);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
}

TEST_P(RetireesService, BenefitsStopOnlyAfterAnotherFormalStaffMembersRecheck_3_7) {
  auto r = add_person(id1_);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_TRUE(report(reporter_, r->id));
  // The reporter never rechecks their own report; nor does staff off the establishment.
  auto self = recheck(reporter_, r->id, Decision::kConfirm);
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(self.error().field, "checked_by");
  auto informal = recheck(helper_, r->id, Decision::kConfirm);
  ASSERT_FALSE(informal);
  EXPECT_EQ(informal.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(scalar("SELECT benefits_active FROM retiree WHERE id = " + std::to_string(r->id)), 1);
  // Another formal staff member confirms: deceased, benefits stop from the next month.
  auto confirmed = recheck(checker_, r->id, Decision::kConfirm);
  ASSERT_TRUE(confirmed) << confirmed.error().message;
  EXPECT_EQ(confirmed->retiree.status, "deceased");
  EXPECT_FALSE(confirmed->retiree.benefits_active);
  EXPECT_EQ(confirmed->retiree.death_day, "2026-03-15");
  EXPECT_EQ(confirmed->retiree.benefit_stop_day, "2026-04-01");
  EXPECT_EQ(confirmed->death_reports[0].state, "confirmed");
  EXPECT_EQ(confirmed->death_reports[0].benefit_stop_day, "2026-04-01");
  EXPECT_EQ(confirmed->death_reports[0].checked_by, checker_);
  EXPECT_EQ(audits("retiree.death.confirm"), 1);
  // Nothing is left to recheck, and the deceased are not contacted.
  EXPECT_EQ(recheck(checker_, r->id, Decision::kConfirm).error().code, ErrorCode::kConflict);
  auto contact = write<Detail>([&](store::Tx& tx) {
    return add_contact(tx, keys_, audit::Actor::system(), street_, helper_, r->id, {"2026-03-22", "phone", ""},
                       noon("2026-03-22"));
  });
  EXPECT_EQ(contact.error().code, ErrorCode::kConflict);
}

TEST_P(RetireesService, ARejectedDeathReportRestoresThePerson_3_7) {
  auto r = add_person(id1_, "110101001001", "work_injury");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_TRUE(report(reporter_, r->id, "2025-12-20"));
  auto no_reason = recheck(checker_, r->id, Decision::kReject);
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  auto rejected = recheck(checker_, r->id, Decision::kReject, "经电话核实本人健在，系误报");
  ASSERT_TRUE(rejected) << rejected.error().message;
  EXPECT_EQ(rejected->retiree.status, "active");
  EXPECT_TRUE(rejected->retiree.benefits_active);
  EXPECT_FALSE(rejected->retiree.benefit_stop_day);
  EXPECT_EQ(rejected->death_reports[0].state, "rejected");
  EXPECT_EQ(rejected->death_reports[0].reject_reason, "经电话核实本人健在，系误报");
  EXPECT_EQ(audits("retiree.death.reject"), 1);
  // A later report is open again; confirmed, a December death stops benefits in January.
  ASSERT_TRUE(report(checker_, r->id, "2025-12-20"));
  auto confirmed = recheck(reporter_, r->id, Decision::kConfirm);
  ASSERT_TRUE(confirmed) << confirmed.error().message;
  EXPECT_EQ(confirmed->retiree.benefit_stop_day, "2026-01-01");
  EXPECT_EQ(confirmed->death_reports.size(), 2u);
}

TEST_P(RetireesService, APersonNotContactedInTheBeijingYearIsFlagged_Annex1_2) {
  auto r = add_person(id1_, "110101001001", "retiree", noon("2025-06-01"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->uncontacted);
  // 2025-12-31 23:30 Beijing is still 2025 (15:30 UTC).
  const auto late = time::shanghai_day_start_ms({2025, 12, 31}) + 23 * 3'600'000 + 30 * 60'000;
  auto contacted = write<Detail>([&](store::Tx& tx) {
    return add_contact(tx, keys_, audit::Actor::system(), street_, helper_, r->id, {"2025-12-31", "visit", "身体健康，待遇按时到账"},
                       late);
  });
  ASSERT_TRUE(contacted) << contacted.error().message;
  EXPECT_FALSE(contacted->retiree.uncontacted);
  EXPECT_EQ(contacted->retiree.last_contact_day, "2025-12-31");
  EXPECT_EQ(contacted->contacts.at(0).note, "身体健康，待遇按时到账");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM retiree_contact WHERE note_sealed LIKE '%健康%'"), 0);
  const auto uncontacted = [&](const time::Date& today) {
    return read<std::vector<Retiree>>([&](store::Tx& tx) { return list(tx, street_, Filter{"", "", "", true}, today); })
        .value()
        .size();
  };
  EXPECT_EQ(uncontacted({2025, 12, 31}), 0u);
  // Half an hour later it is 2026 in Beijing: flagged, and listed by the filter.
  const time::Date new_year = time::shanghai_date(late + 30 * 60'000);
  EXPECT_EQ(new_year.iso(), "2026-01-01");
  auto d = read<Detail>([&](store::Tx& tx) { return get(tx, keys_, street_, r->id, new_year); });
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->retiree.uncontacted);
  EXPECT_EQ(uncontacted(new_year), 1u);
  // A contact in the new year clears it; an earlier one never moves the last day back.
  ASSERT_TRUE(write<Detail>([&](store::Tx& tx) {
    return add_contact(tx, keys_, audit::Actor::system(), street_, helper_, r->id, {"2026-01-02", "phone", ""}, noon("2026-01-02"));
  }));
  auto back = write<Detail>([&](store::Tx& tx) {
    return add_contact(tx, keys_, audit::Actor::system(), street_, helper_, r->id, {"2025-11-02", "other", ""}, noon("2026-01-02"));
  });
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->retiree.last_contact_day, "2026-01-02");
  EXPECT_EQ(back->contacts.size(), 3u);
  EXPECT_EQ(uncontacted({2026, 1, 2}), 0u);
  // A contact day in the future is refused.
  auto future = write<Detail>([&](store::Tx& tx) {
    return add_contact(tx, keys_, audit::Actor::system(), street_, helper_, r->id, {"2026-01-03", "phone", ""}, noon("2026-01-02"));
  });
  EXPECT_EQ(future.error().field, "day");
}

TEST_P(RetireesService, AnActivityCountsItsParticipantsOfTheCommunity_Annex2) {
  auto a = add_person(id1_);
  auto b = add_person(id2_, "110101001002");
  ASSERT_TRUE(a && b);
  auto made = write<Activity>([&](store::Tx& tx) {
    return add_activity(tx, audit::Actor::system(), street_, helper_,
                        {"110101001001", "culture", "重阳节联欢会", "2026-03-18", "社区活动室", "合唱、书法展示",
                         {a->id, b->id, a->id}},
                        noon("2026-03-20"));
  });
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->participant_count, 2);
  EXPECT_EQ(made->participants.size(), 2u);
  EXPECT_EQ(made->unit_name, "东华门第一社区(演示)");
  auto listed = read<std::vector<Activity>>([&](store::Tx& tx) { return activities(tx, street_, "110101001001"); });
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->at(0).participant_count, 2);
  auto d = read<Detail>([&](store::Tx& tx) { return get(tx, keys_, street_, b->id, {2026, 3, 20}); });
  ASSERT_TRUE(d);
  ASSERT_EQ(d->activities.size(), 1u);
  EXPECT_EQ(d->activities[0].title, "重阳节联欢会");
  // Organised by a community of the scope only.
  auto elsewhere = write<Activity>([&](store::Tx& tx) {
    return add_activity(tx, audit::Actor::system(), street_, helper_,
                        {"110102003001", "culture", "联欢会", "2026-03-18", "活动室", "", {}}, noon("2026-03-20"));
  });
  EXPECT_EQ(elsewhere.error().code, ErrorCode::kNotFound);
}

YC_ON_BOTH_ENGINES(RetireesService);

}  // namespace
}  // namespace yc::retirees
