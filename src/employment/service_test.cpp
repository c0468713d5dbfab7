// 劳动力资源台账 and 就业服务 on SQLite and PostgreSQL (issue 12, items 1-2;
// policy 附件一(一), 附件二): a community worker registers people of their
// community only and records follow-up visits that move the registry on; the
// street sees the whole street; people are matched to vacancies by skills and
// needs, referred once, and a hire fills the post and ends the job need;
// 公益性岗位 take 就业困难人员 only, for three years at most.
#include <gtest/gtest.h>

#include "employment/service.hpp"
#include "org/service.hpp"
#include "privacy/testing.hpp"
#include "store/engine_test.hpp"

namespace yc::employment {
namespace {

std::int64_t noon(const char* iso) {
  return time::shanghai_day_start_ms(time::parse_date(iso).value()) + 12 * 3'600'000;
}

constexpr const char* kCommunity = "110101001001";
constexpr const char* kOtherCommunity = "110101001002";
constexpr const char* kStreet = "110101001";

class EmploymentService : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(org::seed_demo_city(*db_));
    worker_ = Who{account("sq_worker"), audit::Actor::system()};
  }
  std::int64_t account(const std::string& login) {
    return db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("INSERT INTO account (login, name_sealed, name_masked, phone_sealed, phone_masked, unit_code, "
                           "password_hash, password_changed_at, created_at, updated_at) VALUES ($1, '', '韩*', '', '', "
                           "$2, 'x', 0, 0, 0) RETURNING id",
                           {login, std::string(kCommunity)}))
          .int64(0);
    }).value();
  }
  org::Scope scope_of(const std::string& code) {
    return db_->transact<org::Scope>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<org::Scope> {
      return org::Scope::of({YC_TRY(tx.one("SELECT path FROM org_unit WHERE code = $1", {code})).text(0)});
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
  Result<Resident> add(const org::Scope& scope, ResidentInput in, std::int64_t at) {
    return write<Resident>([&](store::Tx& tx) { return add_resident(tx, keys_, worker_, scope, in, at); });
  }
  ResidentInput person(const char* id, const char* name, const char* status, std::vector<std::string> skills = {},
                       std::vector<std::string> needs = {"job"}, const char* unit = kCommunity) {
    ResidentInput in;
    in.id_number = id;
    in.name = name;
    in.phone = "13800001111";
    in.address = "北京市东城区东华门大街 1 号院 2 单元 301";
    in.unit_code = unit;
    in.status = status;
    in.skills = std::move(skills);
    in.needs = std::move(needs);
    return in;
  }
  std::int64_t employer_and_vacancy(const org::Scope& street, bool welfare, int headcount, std::int64_t at) {
    auto e = write<Employer>([&](store::Tx& tx) {
      return add_employer(tx, keys_, worker_, street,
                          EmployerInput{welfare ? "91110000600037341L" : "91110108551385082Q",
                                        welfare ? "东华门街道社区服务中心" : "北京演示电力工程有限公司", "电力", "",
                                        kStreet, "李经理", "010-65123456", 120},
                          at);
    });
    EXPECT_TRUE(e) << e.error().message;
    VacancyInput v;
    v.employer_id = e->id;
    v.title = welfare ? "社区保洁员" : "高压电工";
    v.skills = welfare ? std::vector<std::string>{"保洁"} : std::vector<std::string>{"电工", "高压电工"};
    v.headcount = headcount;
    v.welfare = welfare;
    auto vac = write<Vacancy>([&](store::Tx& tx) { return add_vacancy(tx, worker_, street, v, at); });
    EXPECT_TRUE(vac) << vac.error().message;
    return vac->id;
  }
  privacy::testing::TempKeyRing temp_keys_;
  const privacy::KeyRing& keys_ = temp_keys_.keys();
  Who worker_;
};

TEST_P(EmploymentService, ACommunityRegistersItsOwnPeopleAndVisitsMoveTheRegistryOn_Annex2) {
  const auto at = noon("2026-11-02");
  const auto community = scope_of(kCommunity);
  auto in = person("110101199003071233", "张敏", "unemployed", {"电工"});
  auto added = add(community, in, at);
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_EQ(added->name_masked, "张*");
  EXPECT_EQ(added->id_masked, "110101********1233");
  EXPECT_EQ(added->registered_day, "2026-11-02");
  EXPECT_EQ(added->next_visit_day, "2026-12-02");  // monthly for the unemployed
  EXPECT_EQ(added->age, 36);
  // Sealed at rest.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM resident WHERE name_sealed LIKE '%张敏%' OR phone_sealed LIKE '%1380%' "
                   "OR id_sealed LIKE '%1101011990%'"),
            0);
  // The same person once; another community is out of reach.
  auto twice = add(community, in, at);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto elsewhere = add(community, person("110101198006150020", "王芳", "flexible", {}, {}, kOtherCommunity), at);
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().field, "unit_code");
  auto child = add(community, person("11010120120101001X", "李小", "unemployed"), at);
  ASSERT_FALSE(child);
  EXPECT_EQ(child.error().code, ErrorCode::kUnprocessable);

  // A month later the visit is due; the worker calls and finds flexible work.
  const auto later = noon("2026-12-03");
  auto due = read<std::vector<Resident>>([&](store::Tx& tx) {
    return residents(tx, community, ResidentFilter{"", "", "", true}, later);
  });
  ASSERT_TRUE(due);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_TRUE(due->front().visit_due);
  VisitInput v;
  v.method = "phone";
  v.status = "flexible";
  v.needs = {"policy"};
  v.note = "已在外卖平台灵活就业, 咨询灵活就业社保补贴";
  auto stale = write<Resident>([&](store::Tx& tx) {
    return record_visit(tx, keys_, worker_, community, added->id, added->version + 1, v, later);
  });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kVersionConflict);
  auto visited = write<Resident>([&](store::Tx& tx) {
    return record_visit(tx, keys_, worker_, community, added->id, added->version, v, later);
  });
  ASSERT_TRUE(visited) << visited.error().message;
  EXPECT_EQ(visited->status, "flexible");
  EXPECT_EQ(visited->registered_day, "");
  EXPECT_EQ(visited->needs, "policy");
  EXPECT_EQ(visited->last_visit_day, "2026-12-03");
  EXPECT_EQ(visited->next_visit_day, "2027-03-03");  // quarterly when flexible
  ASSERT_EQ(visited->visits.size(), 1u);
  EXPECT_EQ(visited->visits[0].status_before, "unemployed");
  EXPECT_EQ(visited->visits[0].note, "已在外卖平台灵活就业, 咨询灵活就业社保补贴");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM resident_visit WHERE note_sealed LIKE '%外卖%'"), 0);
  // A visit needs what was found; a future day is refused.
  v.note = "";
  EXPECT_EQ(write<Resident>([&](store::Tx& tx) {
              return record_visit(tx, keys_, worker_, community, added->id, visited->version, v, later);
            }).error().field,
            "note");

  // The street sees the whole street; the other community sees none of it.
  auto street = read<std::vector<Resident>>([&](store::Tx& tx) {
    return residents(tx, scope_of(kStreet), ResidentFilter{}, later);
  });
  ASSERT_TRUE(street);
  EXPECT_EQ(street->size(), 1u);
  auto other = read<Resident>([&](store::Tx& tx) {
    return resident(tx, keys_, scope_of(kOtherCommunity), added->id, later);
  });
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  // Found again by the ID number; the full contact only through the audited reveal.
  auto found = read<Resident>([&](store::Tx& tx) {
    return find_resident(tx, keys_, scope_of(kStreet), "110101199003071233", later);
  });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, added->id);
  auto full = write<privacy::PersonInput>([&](store::Tx& tx) {
    return reveal_resident(tx, keys_, worker_, community, added->id);
  });
  ASSERT_TRUE(full);
  EXPECT_EQ(full->phone, "13800001111");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'resident.reveal'"), 1);
}

TEST_P(EmploymentService, PeopleAreMatchedReferredOnceAndAHireFillsThePost_Annex1_1) {
  const auto at = noon("2026-11-02");
  const auto street = scope_of(kStreet);
  const auto vacancy = employer_and_vacancy(street, false, 1, at);
  auto electrician = add(street, person("110101199003071233", "张敏", "unemployed", {"电工", "驾驶"}), at);
  ASSERT_TRUE(electrician) << electrician.error().message;
  auto cook = add(street, person("110101198808080052", "赵强", "unemployed", {"烹饪"}), at);
  ASSERT_TRUE(cook);
  auto not_looking = add(street, person("110101198006150020", "王芳", "flexible", {"电工"}, {"policy"}), at);
  ASSERT_TRUE(not_looking);

  auto ranked = read<std::vector<ResidentMatch>>([&](store::Tx& tx) { return matches_for_vacancy(tx, street, vacancy, at); });
  ASSERT_TRUE(ranked) << ranked.error().message;
  ASSERT_EQ(ranked->size(), 2u);  // 王芳 has no job need
  EXPECT_EQ(ranked->at(0).resident.id, electrician->id);
  EXPECT_EQ(ranked->at(0).match.reasons.front(), "技能相符: 电工");
  EXPECT_GT(ranked->at(0).match.score, ranked->at(1).match.score);
  auto for_person = read<std::vector<VacancyMatch>>([&](store::Tx& tx) {
    return matches_for_resident(tx, street, electrician->id, at);
  });
  ASSERT_TRUE(for_person);
  ASSERT_EQ(for_person->size(), 1u);

  auto ref = write<Referral>([&](store::Tx& tx) { return refer(tx, worker_, street, electrician->id, vacancy, "", at); });
  ASSERT_TRUE(ref) << ref.error().message;
  EXPECT_EQ(ref->state, "referred");
  auto again = write<Referral>([&](store::Tx& tx) { return refer(tx, worker_, street, electrician->id, vacancy, "", at); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto refused = write<Referral>([&](store::Tx& tx) { return refer(tx, worker_, street, not_looking->id, vacancy, "", at); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "resident_id");
  // A vacancy with a referral waiting is not closed by hand.
  EXPECT_EQ(write<Vacancy>([&](store::Tx& tx) { return close_vacancy(tx, worker_, street, vacancy, at); }).error().code,
            ErrorCode::kUnprocessable);

  auto hired = write<Referral>([&](store::Tx& tx) {
    return referral_outcome(tx, worker_, street, ref->id, ref->version, "hired", "11月10日上岗", at);
  });
  ASSERT_TRUE(hired) << hired.error().message;
  EXPECT_EQ(hired->state, "hired");
  EXPECT_FALSE(write<Referral>([&](store::Tx& tx) {
    return referral_outcome(tx, worker_, street, ref->id, hired->version, "declined", "", at);
  }));
  auto now_employed = read<Resident>([&](store::Tx& tx) { return resident(tx, keys_, street, electrician->id, at); });
  ASSERT_TRUE(now_employed);
  EXPECT_EQ(now_employed->status, "employed");
  EXPECT_EQ(now_employed->needs, "");
  EXPECT_EQ(now_employed->next_visit_day, "");
  ASSERT_EQ(now_employed->referrals.size(), 1u);
  auto open = read<std::vector<Vacancy>>([&](store::Tx& tx) { return vacancies(tx, street, VacancyFilter{}); });
  ASSERT_TRUE(open);
  EXPECT_TRUE(open->empty());  // the one post is filled and closed
  // Another street sees neither the vacancy nor the person.
  const auto other_street = scope_of("110102003");
  EXPECT_EQ(read<std::vector<ResidentMatch>>([&](store::Tx& tx) {
              return matches_for_vacancy(tx, other_street, vacancy, at);
            }).error().code,
            ErrorCode::kNotFound);

  auto s = read<Summary>([&](store::Tx& tx) { return summary(tx, street, kStreet, at); });
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->total.residents, 3);
  EXPECT_EQ(s->total.employed, 1);
  EXPECT_EQ(s->total.unemployed, 1);
  EXPECT_EQ(s->total.referrals_month, 1);
  EXPECT_EQ(s->total.hired_month, 1);
  ASSERT_FALSE(s->units.empty());
  EXPECT_EQ(s->units[0].unit_code, kCommunity);
  EXPECT_EQ(s->units[0].residents, 3);
}

TEST_P(EmploymentService, WelfarePostsPlaceHardshipPeopleForThreeYearsAtMost_Annex1_1) {
  const auto at = noon("2026-11-02");
  const auto street = scope_of(kStreet);
  const auto post = employer_and_vacancy(street, true, 1, at);
  auto plain = add(street, person("110101199003071233", "张敏", "unemployed", {"保洁"}), at);
  ASSERT_TRUE(plain);
  auto in = person("110101197203010030", "刘建军", "hardship", {"保洁"});
  in.hardship_category = "age_4050";
  auto hard = add(street, in, at);
  ASSERT_TRUE(hard) << hard.error().message;

  // Not for someone who is not 就业困难.
  auto no = write<Placement>([&](store::Tx& tx) {
    return place(tx, keys_, worker_, street, PlacementInput{plain->id, post, "", ""}, at);
  });
  ASSERT_FALSE(no);
  EXPECT_EQ(no.error().field, "resident_id");
  auto no_ref = write<Referral>([&](store::Tx& tx) { return refer(tx, worker_, street, plain->id, post, "", at); });
  ASSERT_FALSE(no_ref);
  // Longer than three years is refused; the default is the longest allowed.
  auto too_long = write<Placement>([&](store::Tx& tx) {
    return place(tx, keys_, worker_, street, PlacementInput{hard->id, post, "2026-11-02", "2029-11-03"}, at);
  });
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().field, "subsidy_end_day");
  auto placed = write<Placement>([&](store::Tx& tx) {
    return place(tx, keys_, worker_, street, PlacementInput{hard->id, post, "2026-11-02", ""}, at);
  });
  ASSERT_TRUE(placed) << placed.error().message;
  EXPECT_EQ(placed->subsidy_end_day, "2029-11-02");
  EXPECT_EQ(placed->state, "active");
  auto working = read<Resident>([&](store::Tx& tx) { return resident(tx, keys_, street, hard->id, at); });
  EXPECT_EQ(working->status, "employed");
  EXPECT_EQ(scalar("SELECT filled FROM vacancy WHERE id = " + std::to_string(post)), 1);

  // The end frees the post and puts the person back on the register.
  auto ended = write<Placement>([&](store::Tx& tx) {
    return end_placement(tx, worker_, street, placed->id, placed->version, "", "本人辞职", noon("2026-11-20"));
  });
  ASSERT_TRUE(ended) << ended.error().message;
  EXPECT_EQ(ended->state, "ended");
  auto back = read<Resident>([&](store::Tx& tx) { return resident(tx, keys_, street, hard->id, noon("2026-11-20")); });
  EXPECT_EQ(back->status, "hardship");
  EXPECT_EQ(back->hardship_category, "age_4050");
  EXPECT_EQ(back->needs, "job");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM vacancy WHERE state = 'open' AND filled = 0"), 1);
}

TEST_P(EmploymentService, TrainingReferralsEndTheTrainingNeedWhenCompleted) {
  const auto at = noon("2026-11-02");
  const auto street = scope_of(kStreet);
  auto x = add(street, person("110101199003071233", "张敏", "unemployed", {}, {"job", "training"}), at);
  ASSERT_TRUE(x);
  auto g = write<Guidance>([&](store::Tx& tx) {
    return add_guidance(tx, worker_, street, x->id, GuidanceInput{"training", "", "电工上岗证培训", "东城区职业技能培训学校", ""}, at);
  });
  ASSERT_TRUE(g) << g.error().message;
  EXPECT_EQ(g->state, "referred");
  EXPECT_FALSE(write<Guidance>([&](store::Tx& tx) { return move_training(tx, worker_, street, g->id, g->version, "completed", "", at); }));
  auto enrolled = write<Guidance>([&](store::Tx& tx) { return move_training(tx, worker_, street, g->id, g->version, "enrolled", "", at); });
  ASSERT_TRUE(enrolled);
  auto done = write<Guidance>([&](store::Tx& tx) {
    return move_training(tx, worker_, street, g->id, enrolled->version, "completed", "取得证书", at);
  });
  ASSERT_TRUE(done);
  auto after = read<Resident>([&](store::Tx& tx) { return resident(tx, keys_, street, x->id, at); });
  EXPECT_EQ(after->needs, "job");
  ASSERT_EQ(after->guidance.size(), 1u);
}

YC_ON_BOTH_ENGINES(EmploymentService);

}  // namespace
}  // namespace yc::employment
