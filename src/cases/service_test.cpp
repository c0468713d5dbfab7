// Scenario tests of one-window case handling (issue 6) on SQLite and
// PostgreSQL: every path of the chain 咨询 → 受理 → 审核 → 经办 → 反馈 → 跟踪服务
// (policy 三(四)), the five systems of 三(八) and the duties of 三(七).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cases/incidents.hpp"
#include "cases/service.hpp"
#include "catalog/service.hpp"
#include "identity/citizens.hpp"
#include "identity/service.hpp"
#include "notify/notify.hpp"
#include "org/service.hpp"
#include "store/engine_test.hpp"

namespace yc::cases {
namespace {

// Items for the scenarios (docs/catalog-item.md): a 即办件, a fully reviewed
// important item (初审 → 复审 → 审批 → 复核), a first-review-only item, and a
// high-risk one. All city-wide (全城通办).
std::string item_json(const std::string& code, const std::string& name, const std::string& steps,
                      const std::string& time_limit, const std::string& high_risk) {
  return R"({"code": ")" + code + R"(", "name": ")" + name + R"(", "type": "public_service",
    "legal_basis": [{"law": "《中华人民共和国社会保险法》", "article": "", "text": "……"}],
    "levels": ["street"], "service_objects": ["person"], "time_limit": )" + time_limit + R"(,
    "conditions": ["本市参保"],
    "materials": [{"name": "居民身份证", "kind": "document", "form": "original", "count": 1, "required": true},
                  {"name": "参保信息", "kind": "proof", "form": "electronic", "count": 1, "required": true,
                   "shared": true, "shared_source": "社保系统"},
                  {"name": "证明材料", "kind": "proof", "form": "copy", "count": 1, "required": true}],
    "process": [)" + steps + R"(],
    "result": {"kind": "record", "name": "结果", "delivery": ["window", "mail"]},
    "fee": {"free": true}, "body": "街道(乡镇)社会保障事务所",
    "category": "social_insurance", "service_level": "street", "channels": ["window"], "citywide": true,
    "high_risk": ")" + high_risk + R"(", "life_events": [], "synonyms": [], "summary": "", "demo": true})";
}

const std::string kPromised = R"({"kind": "promised", "legal_days": 15, "promised_days": 5, "correction_suspends": true})";
const std::string kImmediate = R"({"kind": "immediate", "legal_days": 0, "promised_days": 0})";

// Offered online (网上, issue 11 item 3), delivered also as a download.
std::string online_item(std::string json) {
  const auto swap = [&](std::string_view from, std::string_view to) { json.replace(json.find(from), from.size(), to); };
  swap(R"("channels": ["window"])", R"("channels": ["window", "online"])");
  swap(R"("delivery": ["window", "mail"])", R"("delivery": ["window", "mail", "online"])");
  return json;
}

// For employers (⑤ 服务对象: 法人) only.
std::string employer_item(std::string json) {
  const std::string from = R"("service_objects": ["person"])";
  json.replace(json.find(from), from.size(), R"("service_objects": ["organization"])");
  return json;
}

std::string catalog_json() {
  const std::string intake = R"({"step": "intake", "name": "受理"})";
  const std::string deliver = R"({"step": "deliver", "name": "办结"})";
  return "[" + item_json("BJ-SHBX-801", "即办事项", intake + "," + deliver, kImmediate, "") + "," +
         item_json("BJ-SHBX-802", "重要事项",
                   intake + R"(,{"step": "review_first"},{"step": "review_second"},{"step": "approve"},{"step": "recheck"},)" + deliver,
                   kPromised, "") +
         "," + item_json("BJ-SHBX-803", "初审事项", intake + R"(,{"step": "review_first"},)" + deliver, kPromised, "") + "," +
         item_json("BJ-SHBX-804", "待遇发放", intake + R"(,{"step": "review_first"},{"step": "approve"},)" + deliver, kPromised,
                   "benefit_payment") +
         "," + online_item(item_json("BJ-SHBX-805", "网上事项", intake + R"(,{"step": "review_first"},)" + deliver, kPromised, "")) +
         "," + employer_item(online_item(item_json("BJ-SHBX-806", "单位网上事项", intake + "," + deliver, kImmediate, ""))) +
         "]";
}

// Beijing noon of a day, as epoch ms.
std::int64_t noon(const char* iso) { return time::shanghai_day_start_ms(time::parse_date(iso).value()) + 12 * 3'600'000; }

constexpr const char* kPerson = "11010519491231002X";

class CaseFlow : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    work_ = std::filesystem::temp_directory_path() / ("yc-cases-" + std::to_string(::getpid()) + "-" +
                                                       std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(work_);
    ASSERT_TRUE(privacy::KeyRing::generate((work_ / "keys").string(), "k1"));
    keys_ = privacy::KeyRing::load((work_ / "keys").string()).value();
    ASSERT_TRUE(org::seed_demo_city(*db_));
    auto seeded = catalog::seed(*db_, catalog_json(), noon("2025-01-01"));
    ASSERT_TRUE(seeded) << seeded.error().message << " " << seeded.error().field;
    accounts_ = std::make_unique<identity::Accounts>(*db_, keys_);
    ASSERT_TRUE(accounts_->load_roles());
    Policy p;
    p.files_dir = (work_ / "files").string();
    p.recheck_sample_percent = 0;
    svc_ = std::make_unique<Service>(keys_, p);
    clerk_ = person("clerk", "110101001");
    first_ = person("first", "110101001");
    second_ = person("second", "110101001");
    approver_ = person("approver", "110101001");
    rechecker_ = person("rechecker", "110101001");
    manager_ = person("manager", "110101001");
    far_clerk_ = person("farclerk", "110102003");
    far_first_ = person("farfirst", "110102003");
    hall_ = scalar("SELECT id FROM org_site WHERE unit_code = '110101001' AND kind = 'hall'");
    far_hall_ = scalar("SELECT id FROM org_site WHERE unit_code = '110102003' AND kind = 'hall'");
  }
  void TearDown() override {
    svc_.reset();
    accounts_.reset();
    EngineTest::TearDown();
    if (!work_.empty()) std::filesystem::remove_all(work_);
  }

  Who person(const std::string& login, const std::string& unit, bool formal = false) {
    const auto id = accounts_->create_seeded(audit::Actor::system(), identity::NewAccount{login, "测试人员", "", unit},
                                             "Test-Password-1!", false, std::nullopt, {})
                        .value();
    if (formal) {
      EXPECT_TRUE(db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) {
        return tx.exec("UPDATE account SET formal_staff = 1 WHERE id = $1", {id});
      }));
    }
    return Who{id, audit::Actor{std::to_string(id), "test", unit, "", "", "127.0.0.1"}};
  }
  std::int64_t scalar(const std::string& sql) {
    return db_->transact<std::int64_t>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one(sql)).int64(0);
    }).value();
  }
  template <typename F>
  auto run(F&& f) {
    using R = std::decay_t<decltype(f(std::declval<store::Tx&>()).value())>;
    return db_->transact<R>(store::TxMode::kWrite, std::function<Result<R>(store::Tx&)>(std::forward<F>(f)));
  }

  // Scopes: the street of the first hall, the second district's street.
  org::Scope here() { return org::Scope::of({"/110000/110101/110101001/"}); }
  org::Scope there() { return org::Scope::of({"/110000/110102/110102003/"}); }
  View view_here() { return View{here(), here()}; }

  Detail open(const std::string& item, std::int64_t now = noon("2025-01-24"), std::int64_t site = 0) {
    IntakeInput in;
    in.item_code = item;
    in.site_id = site ? site : hall_;
    in.window_number = 1;
    in.applicant = Party{"person", kPerson, "张三", "13800138000"};
    auto d = run([&](store::Tx& tx) { return svc_->open_case(tx, clerk_, org::Scope::all(), in, now); });
    EXPECT_TRUE(d) << d.error().message;
    return d.value();
  }
  void judge_all(std::int64_t id) {
    ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->judge(tx, clerk_, here(), id, 0, "received", "original", ""); }));
    ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->judge(tx, clerk_, here(), id, 2, "received", "copy", ""); }));
  }
  Result<Detail> accept(std::int64_t id, std::int64_t now = noon("2025-01-24"), int roll = 99) {
    return run([&](store::Tx& tx) { return svc_->accept(tx, clerk_, here(), id, now, roll); });
  }
  std::int64_t open_task(std::int64_t id) {
    return scalar("SELECT id FROM case_task WHERE state = 'open' AND case_id = " + std::to_string(id));
  }
  Result<Detail> act(const Who& who, std::int64_t id, const std::string& action, const std::string& opinion = "",
                     std::int64_t now = noon("2025-01-27"), const org::Scope* scope = nullptr,
                     const std::string& to_unit = "") {
    const auto task = open_task(id);
    return run([&](store::Tx& tx) {
      return svc_->act(tx, who, scope ? *scope : here(), task, action, opinion, to_unit, now);
    });
  }
  std::vector<std::string> kinds(const Detail& d) {
    std::vector<std::string> out;
    for (const auto& e : d.events) out.push_back(e.kind);
    return out;
  }
  Detail get(std::int64_t id) {
    return db_->transact<Detail>(store::TxMode::kRead, [&](store::Tx& tx) {
      return svc_->get(tx, View{org::Scope::all(), org::Scope::all()}, id, "2025-01-27");
    }).value();
  }

  std::filesystem::path work_;
  privacy::KeyRing keys_;
  std::unique_ptr<identity::Accounts> accounts_;
  std::unique_ptr<Service> svc_;
  Who clerk_, first_, second_, approver_, rechecker_, manager_, far_clerk_, far_first_;
  std::int64_t hall_ = 0, far_hall_ = 0;
};

TEST_P(CaseFlow, AcceptFullChainApproveDeliverFollowUp_3_4_3_7) {
  auto d = open("BJ-SHBX-802");
  EXPECT_EQ(d.c.status, "intake");
  EXPECT_EQ(d.c.applicant_id_masked, "110105********002X");
  EXPECT_EQ(d.c.applicant_name_masked, "张*");
  ASSERT_EQ(d.materials.size(), 3u);
  EXPECT_EQ(d.materials[1].state, "exempt");  // shared data
  judge_all(d.c.id);
  auto a = accept(d.c.id);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->c.status, "review");
  // The 2025 vector: accepted Friday 2025-01-24, 5 working days → 2025-02-07 (三(八) 限时办结).
  EXPECT_EQ(a->c.due_day.value(), "2025-02-07");
  EXPECT_EQ(a->c.chain, (std::vector<std::string>{"review_first", "review_second", "approve", "recheck"}));
  ASSERT_TRUE(act(first_, d.c.id, "approve", "材料齐全"));
  ASSERT_TRUE(act(second_, d.c.id, "approve"));
  ASSERT_TRUE(act(approver_, d.c.id, "approve"));
  auto done = act(rechecker_, d.c.id, "approve", "复核无误");
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->c.status, "ready");
  EXPECT_EQ(done->c.outcome, "approved");
  // 出件 at the window: the receiver's identity is checked and recorded, masked.
  Service::DeliverInput in;
  in.method = "window";
  in.receiver_name = "张三";
  in.receiver_id_number = kPerson;
  auto out = run([&](store::Tx& tx) { return svc_->deliver(tx, clerk_, here(), d.c.id, in, noon("2025-01-28")); });
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(out->c.status, "delivered");
  ASSERT_EQ(out->deliveries.size(), 1u);
  EXPECT_TRUE(out->deliveries[0].identity_checked);
  EXPECT_EQ(out->deliveries[0].receiver_id_masked, "110105********002X");
  ASSERT_TRUE(out->followup);
  EXPECT_EQ(out->followup->state, "open");
  auto closed = run([&](store::Tx& tx) { return svc_->follow_up(tx, clerk_, here(), d.c.id, "satisfied", "", noon("2025-02-05")); });
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->c.status, "closed");
  EXPECT_EQ(kinds(*closed), (std::vector<std::string>{"opened", "judged", "judged", "accepted", "task_opened", "approved",
                                                      "task_opened", "approved", "task_opened", "approved", "task_opened",
                                                      "approved", "ready", "delivered", "followed_up"}));
  // The citizen's view: by the full ID number, steps with dates and windows, no staff.
  auto p = db_->transact<Service::Progress>(store::TxMode::kRead, [&](store::Tx& tx) {
    return svc_->progress(tx, d.c.case_no, "", kPerson, "2025-02-05");
  });
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, "closed");
  for (const auto& e : p->steps) EXPECT_TRUE(e.actor_login.empty());
  auto wrong = db_->transact<Service::Progress>(store::TxMode::kRead, [&](store::Tx& tx) {
    return svc_->progress(tx, d.c.case_no, "", "110105194912310011", "2025-02-05");
  });
  EXPECT_EQ(wrong.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(db_->transact<Service::Progress>(store::TxMode::kRead, [&](store::Tx& tx) {
    return svc_->progress(tx, d.c.case_no, d.c.progress_token, "", "2025-02-05");
  }));
}

TEST_P(CaseFlow, ImmediateItemCompletesAtTheWindow_3_4) {
  auto d = open("BJ-SHBX-801");
  judge_all(d.c.id);
  auto a = accept(d.c.id);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->c.status, "ready");
  EXPECT_TRUE(a->tasks.empty());
}

TEST_P(CaseFlow, NoticeThenCorrectionThenAccept_3_8_OneTimeNotice) {
  auto d = open("BJ-SHBX-803");
  const auto id = d.c.id;
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->judge(tx, clerk_, here(), id, 0, "received", "original", ""); }));
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->judge(tx, clerk_, here(), id, 2, "missing", "", "需社区出具证明"); }));
  EXPECT_EQ(accept(id).error().field, "materials[2]");
  auto n = run([&](store::Tx& tx) { return svc_->issue_notice(tx, clerk_, here(), id, "请一次带齐"); });
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(n->notice_no, notice_number(d.c.case_no, 1));
  ASSERT_EQ(n->lines.size(), 1u);
  EXPECT_EQ(n->lines[0].reason, "需社区出具证明");
  // The citizen comes back: the same case resumes (补正).
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->resume(tx, clerk_, here(), id); }));
  // The list cannot grow silently: material 0 was not on the notice.
  auto grown = run([&](store::Tx& tx) { return svc_->judge(tx, clerk_, here(), id, 0, "defective", "", "复印件不清"); });
  ASSERT_FALSE(grown);
  EXPECT_EQ(grown.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(grown.error().field, "materials[0]");
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->judge(tx, clerk_, here(), id, 2, "received", "copy", ""); }));
  auto a = accept(id, noon("2025-01-27"));
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->c.status, "review");
  // The clock starts at acceptance, not at the first visit.
  EXPECT_EQ(a->c.accepted_day.value(), "2025-01-27");
  EXPECT_EQ(a->c.case_no, d.c.case_no);
}

TEST_P(CaseFlow, NoticeListGrowsOnlyWithTheHallManagersRecordedReason_3_8) {
  auto d = open("BJ-SHBX-803");
  const auto id = d.c.id;
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->judge(tx, clerk_, here(), id, 2, "missing", "", "缺证明"); }));
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->issue_notice(tx, clerk_, here(), id, ""); }));
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->resume(tx, clerk_, here(), id); }));
  EXPECT_FALSE(run([&](store::Tx& tx) { return svc_->judge(tx, clerk_, here(), id, 0, "missing", "", "未带"); }));
  // The reason must be given, and only once per material.
  EXPECT_EQ(run([&](store::Tx& tx) -> Result<int> {
              YC_TRY_VOID(svc_->allow_addition(tx, manager_, here(), id, 0, ""));
              return 0;
            }).error().field,
            "reason");
  ASSERT_TRUE(run([&](store::Tx& tx) -> Result<int> {
    YC_TRY_VOID(svc_->allow_addition(tx, manager_, here(), id, 0, "身份证已过期,首次未发现"));
    return 0;
  }));
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->judge(tx, clerk_, here(), id, 0, "missing", "", "身份证过期"); }));
  auto second = run([&](store::Tx& tx) { return svc_->issue_notice(tx, clerk_, here(), id, ""); });
  ASSERT_TRUE(second);
  EXPECT_EQ(second->number, 2);
  EXPECT_EQ(second->lines.size(), 2u);
  const auto d2 = get(id);
  EXPECT_EQ(d2.additions, (std::vector<int>{0}));
  EXPECT_NE(std::find(kinds(d2).begin(), kinds(d2).end(), "addition"), kinds(d2).end());
}

TEST_P(CaseFlow, RefuseAtTheWindowNamesReasonAndBasis_3_4) {
  auto d = open("BJ-SHBX-803");
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->reject(tx, clerk_, here(), d.c.id, "", "第十条"); }).error().field, "reason");
  auto r = run([&](store::Tx& tx) { return svc_->reject(tx, clerk_, here(), d.c.id, "不属于本市参保人员", "《社会保险法》第五十八条"); });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->c.status, "rejected");
  EXPECT_EQ(r->c.reject_basis, "《社会保险法》第五十八条");
  EXPECT_EQ(accept(d.c.id).error().code, ErrorCode::kConflict);
}

TEST_P(CaseFlow, BackOfficeRefusalEndsTheChain) {
  auto d = open("BJ-SHBX-802");
  judge_all(d.c.id);
  ASSERT_TRUE(accept(d.c.id));
  EXPECT_EQ(act(first_, d.c.id, "refuse", "").error().field, "opinion");
  auto r = act(first_, d.c.id, "refuse", "不符合享受条件");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->c.status, "ready");
  EXPECT_EQ(r->c.outcome, "refused");
}

TEST_P(CaseFlow, ReturnForCorrectionSuspendsTheClock_3_8) {
  auto d = open("BJ-SHBX-803");
  judge_all(d.c.id);
  ASSERT_EQ(accept(d.c.id)->c.due_day.value(), "2025-02-07");
  auto back = act(first_, d.c.id, "return", "证明材料缺少公章", noon("2025-02-05"));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->c.status, "returned");
  EXPECT_EQ(back->c.suspended_since.value(), "2025-02-05");
  EXPECT_EQ(back->clock, "suspended");
  // Back two working days later (Feb 6 and 7): due moves two working days on,
  // over the 调休 Saturday Feb 8, to Monday Feb 10.
  auto fixed = run([&](store::Tx& tx) { return svc_->correct(tx, clerk_, here(), d.c.id, "已补盖公章", noon("2025-02-07")); });
  ASSERT_TRUE(fixed) << fixed.error().message;
  EXPECT_EQ(fixed->c.status, "review");
  EXPECT_EQ(fixed->c.suspended_days, 2);
  EXPECT_EQ(fixed->c.due_day.value(), "2025-02-10");
  // The same step takes it up again.
  ASSERT_EQ(fixed->tasks.size(), 2u);
  EXPECT_EQ(fixed->tasks[1].step, "review_first");
  EXPECT_EQ(fixed->tasks[1].state, "open");
  ASSERT_TRUE(act(first_, d.c.id, "approve"));
}

TEST_P(CaseFlow, RecheckDrawnBySampleAndAlwaysForImportantItems_3_7) {
  auto important = open("BJ-SHBX-802");
  judge_all(important.c.id);
  EXPECT_EQ(accept(important.c.id, noon("2025-01-24"), 99)->c.chain.back(), "recheck");
  Policy p = svc_->policy();
  p.recheck_sample_percent = 10;
  Service sampled(keys_, p);
  for (int roll : {3, 50}) {
    auto d = open("BJ-SHBX-803");
    judge_all(d.c.id);
    auto a = run([&](store::Tx& tx) { return sampled.accept(tx, clerk_, here(), d.c.id, noon("2025-01-24"), roll); });
    ASSERT_TRUE(a);
    EXPECT_EQ(a->c.recheck_sampled, roll < 10);
    EXPECT_EQ(a->c.chain.size(), roll < 10 ? 2u : 1u);
  }
}

TEST_P(CaseFlow, OverdueEscalatesOnceAndNamesStepAndPerson_3_8) {
  auto d = open("BJ-SHBX-803");
  judge_all(d.c.id);
  ASSERT_TRUE(accept(d.c.id));
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->claim(tx, first_, here(), open_task(d.c.id)); }));
  auto warn = run([&](store::Tx& tx) { return svc_->sweep(tx, noon("2025-02-06")); });
  ASSERT_TRUE(warn);
  EXPECT_EQ(warn->warned, 1);
  EXPECT_EQ(warn->overdue, 0);
  auto late = run([&](store::Tx& tx) { return svc_->sweep(tx, noon("2025-02-10")); });
  ASSERT_TRUE(late);
  EXPECT_EQ(late->overdue, 1);
  // The boards of the street and its district hear of it.
  EXPECT_EQ(late->by_unit.at("110101001").second, 1);
  EXPECT_EQ(late->by_unit.at("110101").second, 1);
  EXPECT_FALSE(late->by_unit.contains("110000"));
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->sweep(tx, noon("2025-02-11")); })->overdue, 0);
  auto report = db_->transact<std::vector<Service::OverdueRow>>(store::TxMode::kRead, [&](store::Tx& tx) {
    return svc_->accountability(tx, here(), "2025-01-01", "2025-12-31");
  });
  ASSERT_TRUE(report);
  ASSERT_EQ(report->size(), 1u);
  EXPECT_EQ((*report)[0].step, "review_first");
  EXPECT_EQ((*report)[0].person_login, "first");
  EXPECT_EQ((*report)[0].due_day, "2025-02-07");
  // Out of scope, the report is empty.
  EXPECT_TRUE(db_->transact<std::vector<Service::OverdueRow>>(store::TxMode::kRead, [&](store::Tx& tx) {
    return svc_->accountability(tx, there(), "2025-01-01", "2025-12-31");
  })->empty());
}

TEST_P(CaseFlow, CitywideHandOffAndDeliveryWhereItStarted_3_2) {
  auto d = open("BJ-SHBX-803");
  judge_all(d.c.id);
  auto routed = run([&](store::Tx& tx) { return svc_->route(tx, clerk_, here(), d.c.id, "110102003", "户籍地在西城"); });
  ASSERT_TRUE(routed) << routed.error().message;
  EXPECT_EQ(routed->c.handling_unit_code, "110102003");
  ASSERT_TRUE(accept(d.c.id));
  // The task is in the other street's queue, not here.
  auto mine = db_->transact<std::vector<std::pair<Task, Case>>>(store::TxMode::kRead, [&](store::Tx& tx) {
    return svc_->queue(tx, "review_first", here(), false, first_.account);
  });
  EXPECT_TRUE(mine->empty());
  auto theirs = db_->transact<std::vector<std::pair<Task, Case>>>(store::TxMode::kRead, [&](store::Tx& tx) {
    return svc_->queue(tx, "review_first", there(), false, far_first_.account);
  });
  ASSERT_EQ(theirs->size(), 1u);
  // A reviewer here cannot act on it (not found in scope).
  EXPECT_EQ(act(first_, d.c.id, "approve").error().code, ErrorCode::kNotFound);
  const auto far = there();
  auto done = act(far_first_, d.c.id, "approve", "", noon("2025-01-27"), &far);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->c.status, "ready");
  // Delivered at the hall where it started, not by the other street's clerk.
  Service::DeliverInput in;
  in.method = "mail";
  in.receiver_name = "张三";
  in.tracking_no = "EMS1234567890";
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->deliver(tx, far_clerk_, there(), d.c.id, in, noon("2025-01-28")); })
                .error()
                .code,
            ErrorCode::kNotFound);
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->deliver(tx, clerk_, here(), d.c.id, in, noon("2025-01-28")); }));
  // Every hand-off is on the timeline.
  const auto ks = kinds(get(d.c.id));
  EXPECT_NE(std::find(ks.begin(), ks.end(), "routed"), ks.end());
}

TEST_P(CaseFlow, AnOpinionIsRecordedWithoutClosingTheStep) {
  auto d = open("BJ-SHBX-803");
  judge_all(d.c.id);
  ASSERT_TRUE(accept(d.c.id));
  EXPECT_EQ(act(first_, d.c.id, "comment", "").error().field, "opinion");
  auto c = act(first_, d.c.id, "comment", "需核对参保记录");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->tasks.back().state, "open");
  EXPECT_EQ(c->events.back().kind, "commented");
  ASSERT_TRUE(act(first_, d.c.id, "approve"));
}

TEST_P(CaseFlow, TransferMovesTheStepToAnotherBackOffice) {
  auto d = open("BJ-SHBX-803");
  judge_all(d.c.id);
  ASSERT_TRUE(accept(d.c.id));
  auto moved = act(first_, d.c.id, "transfer", "属西城管辖", noon("2025-01-27"), nullptr, "110102003");
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->c.handling_unit_code, "110102003");
  EXPECT_EQ(moved->tasks.back().unit_code, "110102003");
  EXPECT_EQ(moved->tasks.back().state, "open");
}

// The separation-of-duties matrix (三(七) 岗位不相容) through the service.
TEST_P(CaseFlow, SeparationOfDutiesMatrix_3_7) {
  auto d = open("BJ-SHBX-802");
  judge_all(d.c.id);
  ASSERT_TRUE(accept(d.c.id));
  // The clerk who took and accepted it never reviews it.
  EXPECT_EQ(act(clerk_, d.c.id, "approve").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->claim(tx, clerk_, here(), open_task(d.c.id)); }).error().code,
            ErrorCode::kForbidden);
  ASSERT_TRUE(act(first_, d.c.id, "approve"));
  // The first reviewer may not also take the second review or the approval.
  EXPECT_EQ(act(first_, d.c.id, "approve").error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(act(second_, d.c.id, "approve"));
  EXPECT_EQ(act(second_, d.c.id, "approve").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(act(first_, d.c.id, "approve").error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(act(approver_, d.c.id, "approve"));
  // 复核 by none of them.
  for (const Who* w : {&clerk_, &first_, &second_, &approver_})
    EXPECT_EQ(act(*w, d.c.id, "approve").error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(act(rechecker_, d.c.id, "approve"));
}

TEST_P(CaseFlow, HighRiskItemsOnlyByFormalStaff_3_7) {
  auto d = open("BJ-SHBX-804");
  judge_all(d.c.id);
  ASSERT_TRUE(accept(d.c.id));
  EXPECT_EQ(act(first_, d.c.id, "approve").error().code, ErrorCode::kForbidden);
  const Who formal = person("formal", "110101001", true);
  ASSERT_TRUE(act(formal, d.c.id, "approve"));
}

// 三(七) 严格授权管理 with the staff roster (issue 9): once someone is on the
// roster, a review step needs that post for the item's category.
TEST_P(CaseFlow, OnTheRosterAReviewStepNeedsItsPostForTheCategory_3_7) {
  auto d = open("BJ-SHBX-802");
  judge_all(d.c.id);
  ASSERT_TRUE(accept(d.c.id));
  const Who reviewer = person("rostered", "110101001");
  ASSERT_TRUE(db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return tx.exec("INSERT INTO staff_profile (account_id, employment, updated_at) VALUES ($1, 'institution', 0)",
                   {reviewer.account});
  }));
  auto refused = act(reviewer, d.c.id, "approve");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  EXPECT_NE(refused.error().message.find("初审"), std::string::npos);
  // 初审 of another category does not help; of this item's category (or all) it does.
  const auto post = [&](const std::string& category) {
    return db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return tx.exec("INSERT INTO staff_assignment (account_id, post, category, from_day, created_at) "
                     "VALUES ($1, 'first_review', $2, '2025-01-01', 0)",
                     {reviewer.account, category});
    });
  };
  ASSERT_TRUE(post("employment"));
  EXPECT_EQ(act(reviewer, d.c.id, "approve").error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(post("social_insurance"));
  EXPECT_TRUE(act(reviewer, d.c.id, "approve"));
}

TEST_P(CaseFlow, TheSecondActorOnOneStepGetsConflict) {
  auto d = open("BJ-SHBX-803");
  judge_all(d.c.id);
  ASSERT_TRUE(accept(d.c.id));
  const auto task = open_task(d.c.id);
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->act(tx, first_, here(), task, "approve", "", "", noon("2025-01-27")); }));
  auto again = run([&](store::Tx& tx) { return svc_->act(tx, first_, here(), task, "approve", "", "", noon("2025-01-27")); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("已通过"), std::string::npos);
}

TEST_P(CaseFlow, ConsultationOwnedByTheFirstClerkUntilHandedOver_3_8) {
  ConsultInput in;
  in.site_id = hall_;
  in.item_code = "BJ-SHBX-803";
  in.question = "失业了怎么领失业金";
  in.answer = "先办理失业登记";
  in.contact_phone = "13800138000";
  auto k = run([&](store::Tx& tx) { return svc_->consult(tx, clerk_, here(), in); });
  ASSERT_TRUE(k) << k.error().message;
  EXPECT_EQ(k->owner_id, clerk_.account);
  EXPECT_EQ(k->contact_phone_masked, "138****8000");
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->hand_over(tx, first_, here(), k->id, "second", "交接"); }).error().code,
            ErrorCode::kForbidden);
  auto h = run([&](store::Tx& tx) { return svc_->hand_over(tx, clerk_, here(), k->id, "second", "下班交接"); });
  ASSERT_TRUE(h) << h.error().message;
  EXPECT_EQ(h->owner_login, "second");
  EXPECT_EQ(h->first_clerk_login, "clerk");
  ASSERT_EQ(h->handovers.size(), 1u);
  // It became a case: the link is kept.
  IntakeInput ci;
  ci.item_code = "BJ-SHBX-803";
  ci.site_id = hall_;
  ci.consultation_id = k->id;
  ci.applicant = Party{"person", kPerson, "张三", ""};
  auto c = run([&](store::Tx& tx) { return svc_->open_case(tx, clerk_, here(), ci, noon("2025-01-24")); });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->c.consultation_id.value(), k->id);
}

TEST_P(CaseFlow, PaperBackEntryKeepsTheOriginalTimeAndWhoEnteredIt_Emergency) {
  IntakeInput in;
  in.item_code = "BJ-SHBX-803";
  in.site_id = hall_;
  in.channel = "paper";
  in.applicant = Party{"person", kPerson, "张三", ""};
  const auto now = time::now_ms();
  in.original_time = now - 2 * 3'600'000;
  auto d = run([&](store::Tx& tx) { return svc_->open_case(tx, clerk_, here(), in, now); });
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->c.created_at, now - 2 * 3'600'000);
  EXPECT_EQ(d->c.entered_by.value(), clerk_.account);
  EXPECT_GT(d->c.recorded_at, d->c.created_at);
  in.original_time = now + 60'000;
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->open_case(tx, clerk_, here(), in, now); }).error().field, "original_time");
}

TEST_P(CaseFlow, ScansAreStoredEncryptedOutsideTheDatabaseAndCheckedByContent) {
  auto d = open("BJ-SHBX-803");
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "scan-bytes-张三";
  auto f = run([&](store::Tx& tx) { return svc_->attach(tx, clerk_, here(), d.c.id, 0, png); });
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->content_type, "image/png");
  // On disk the bytes are sealed: the plain text is nowhere in the file.
  bool found_plain = false;
  for (const auto& e : std::filesystem::recursive_directory_iterator(work_ / "files")) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    found_plain = found_plain || text.find("scan-bytes") != std::string::npos;
  }
  EXPECT_FALSE(found_plain);
  auto back = run([&](store::Tx& tx) { return svc_->read_file(tx, clerk_, view_here(), d.c.id, f->id); });
  ASSERT_TRUE(back);
  EXPECT_EQ(back->second, png);
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->attach(tx, clerk_, here(), d.c.id, 0, "GIF89a...."); }).error().code,
            ErrorCode::kUnsupportedMediaType);
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->attach(tx, clerk_, here(), d.c.id, std::nullopt, png); }).error().field,
            "material");  // no agent, no authorization
}

TEST_P(CaseFlow, BadApplicantDataIsRefusedWithTheField) {
  IntakeInput in;
  in.item_code = "BJ-SHBX-803";
  in.site_id = hall_;
  in.applicant = Party{"person", "110105194912310021", "张三", ""};  // wrong check digit
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->open_case(tx, clerk_, here(), in, noon("2025-01-24")); }).error().field,
            "applicant.id_number");
  in.applicant = Party{"employer", "91110000600037341X", "", ""};
  auto e = run([&](store::Tx& tx) { return svc_->open_case(tx, clerk_, here(), in, noon("2025-01-24")); });
  EXPECT_FALSE(e);
  in.applicant = Party{"person", kPerson, "张三", ""};
  in.site_id = far_hall_;  // another street's hall
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->open_case(tx, clerk_, here(), in, noon("2025-01-24")); }).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM service_case"), 0);
}

TEST_P(CaseFlow, IncidentsAreRecordedAndClosedOnce_Emergency) {
  IncidentInput in;
  in.site_id = hall_;
  in.kind = "outage";
  in.description = "社保系统中断,启用纸质受理单";
  const auto now = time::now_ms();
  auto i = run([&](store::Tx& tx) { return report_incident(tx, clerk_, here(), in, now); });
  ASSERT_TRUE(i) << i.error().message;
  EXPECT_FALSE(i->ended_at);
  EXPECT_EQ(run([&](store::Tx& tx) { return report_incident(tx, clerk_, there(), in, now); }).error().code,
            ErrorCode::kNotFound);
  in.kind = "fire";
  EXPECT_EQ(run([&](store::Tx& tx) { return report_incident(tx, clerk_, here(), in, now); }).error().field, "kind");
  auto open = db_->transact<std::vector<Incident>>(store::TxMode::kRead, [&](store::Tx& tx) {
    return list_incidents(tx, here(), true, 50);
  });
  ASSERT_EQ(open->size(), 1u);
  auto closed = run([&](store::Tx& tx) { return close_incident(tx, manager_, here(), i->id, "系统已恢复,纸质件已补录", now + 3'600'000); });
  ASSERT_TRUE(closed);
  EXPECT_TRUE(closed->ended_at);
  EXPECT_EQ(run([&](store::Tx& tx) { return close_incident(tx, manager_, here(), i->id, "再次", now); }).error().code,
            ErrorCode::kConflict);
}

YC_ON_BOTH_ENGINES(CaseFlow);

// --- Online application (网上办, issue 11 item 3; policy 三(六)) ------------------------------

class OnlineFlow : public CaseFlow {
 protected:
  Applicant citizen(const std::string& key, const std::string& name, const std::string& id_number) {
    identity::Citizens citizens(*db_, keys_);
    auto in = citizens.sign_in(identity::OidcIdentity{"test|" + key, name, id_number, "", "13900001111"}, false,
                               identity::Client{"127.0.0.1", "test"});
    EXPECT_TRUE(in) << in.error().message;
    const auto& p = in->principal;
    return Applicant{p.citizen_id, p.kind, p.id_hash, p.actor("127.0.0.1")};
  }
  std::int64_t put(const Applicant& who, const std::string& bytes) {
    auto u = run([&](store::Tx& tx) { return svc_->upload(tx, who, bytes, "", noon("2025-01-24")); });
    EXPECT_TRUE(u) << u.error().message;
    return u ? u->id : 0;
  }
  Result<Detail> submit(const Applicant& who, Service::OnlineInput in) {
    return run([&](store::Tx& tx) { return svc_->submit_online(tx, who, in, noon("2025-01-24")); });
  }
  Service::OnlineInput form(std::int64_t id_card, std::int64_t proof) {
    Service::OnlineInput in;
    in.item_code = "BJ-SHBX-805";
    in.site_id = hall_;
    in.delivery = "online";
    in.declaration = true;
    in.materials = {{0, {id_card}}, {2, {proof}}};
    return in;
  }
  const std::string jpeg_ = std::string("\xFF\xD8\xFF\xE0", 4) + "photo-of-id-card";
  const std::string pdf_ = "%PDF-1.4 proof-张敏";
};

TEST_P(OnlineFlow, AnOnlineApplicationRunsTheWindowsChainAndCorrectionsComeBackOnline_3_6) {
  const auto zhang = citizen("zhang", "张敏", "110101199003071233");
  // Only items offered online (网上/掌上) have a form.
  auto f = run([&](store::Tx& tx) { return svc_->apply_form(tx, zhang, "BJ-SHBX-805", noon("2025-01-24")); });
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_FALSE(f->sites.empty());
  EXPECT_FALSE(f->declaration.empty());
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->apply_form(tx, zhang, "BJ-SHBX-802", noon("2025-01-24")); }).error().code,
            ErrorCode::kUnprocessable);

  // Bad input names the field and stores nothing.
  auto in = form(put(zhang, jpeg_), put(zhang, pdf_));
  in.declaration = false;
  EXPECT_EQ(submit(zhang, in).error().field, "declaration");
  in.declaration = true;
  auto missing = in;
  missing.materials = {{0, in.materials[0].uploads}};
  EXPECT_EQ(submit(zhang, missing).error().field, "materials[2]");
  auto far_away = in;
  far_away.delivery = "bank";
  EXPECT_EQ(submit(zhang, far_away).error().field, "delivery");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM service_case"), 0);

  auto d = submit(zhang, in);
  ASSERT_TRUE(d) << d.error().message << " " << d.error().field;
  EXPECT_EQ(d->c.channel, "online");
  EXPECT_EQ(d->c.status, "intake");
  EXPECT_EQ(d->c.intake_by, 0);  // nobody has taken it yet
  EXPECT_EQ(d->c.applicant_name_masked, "张*");
  ASSERT_EQ(d->files.size(), 2u);
  EXPECT_TRUE(d->files[0].by_applicant);
  ASSERT_TRUE(d->online);
  EXPECT_EQ(d->online->delivery, "online");
  const auto id = d->c.id;
  const auto case_no = d->c.case_no;
  // The uploads are taken once: a retried submission opens no second case.
  EXPECT_EQ(submit(zhang, in).error().code, ErrorCode::kConflict);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM service_case"), 1);
  // Nobody else sees it.
  const auto li = citizen("li", "李建国", "110102196508152031");
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->applicant_case(tx, li, case_no, noon("2025-01-24")); }).error().code,
            ErrorCode::kNotFound);

  // 网上预审: the first clerk to act takes it (and so never reviews it, 三(七)).
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->judge(tx, clerk_, here(), id, 0, "received", "electronic", ""); }));
  EXPECT_EQ(get(id).c.intake_by, clerk_.account);
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->judge(tx, clerk_, here(), id, 2, "defective", "", "复印件不清晰"); }));
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->issue_notice(tx, clerk_, here(), id, "请重新拍照上传"); }));
  // 一次性告知 online: what the notice lists must come back.
  auto nothing = run([&](store::Tx& tx) { return svc_->correct_online(tx, zhang, case_no, "", {}, noon("2025-01-24")); });
  EXPECT_EQ(nothing.error().field, "materials[2]");
  const auto clearer = put(zhang, pdf_ + " clearer");
  auto back = run([&](store::Tx& tx) {
    return svc_->correct_online(tx, zhang, case_no, "已重新扫描", {{2, {clearer}}}, noon("2025-01-24"));
  });
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->c.status, "intake");
  EXPECT_EQ(back->materials[2].state, "pending");  // the clerk judges the new file
  EXPECT_EQ(back->materials[2].files, 2);
  ASSERT_TRUE(run([&](store::Tx& tx) { return svc_->judge(tx, clerk_, here(), id, 2, "received", "electronic", ""); }));
  auto a = accept(id);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->c.status, "review");
  EXPECT_EQ(a->c.due_day.value(), "2025-02-07");  // the same clock as at the window (三(八) 限时办结)
  // The intake clerk may not review it.
  EXPECT_EQ(act(clerk_, id, "approve").error().code, ErrorCode::kForbidden);

  // 退回补正 reaches the applicant, who answers online; the clock resumes.
  ASSERT_TRUE(act(first_, id, "return", "请补充盖章页", noon("2025-02-05")));
  EXPECT_EQ(get(id).c.status, "returned");
  const auto stamped = put(zhang, pdf_ + " stamped");
  auto corrected = run([&](store::Tx& tx) {
    return svc_->correct_online(tx, zhang, case_no, "已补盖章页", {{2, {stamped}}}, noon("2025-02-07"));
  });
  ASSERT_TRUE(corrected) << corrected.error().message;
  // Back two working days later: due moves over the 调休 Saturday to Monday (as at the window).
  EXPECT_EQ(corrected->c.status, "review");
  EXPECT_EQ(corrected->c.suspended_days, 2);
  EXPECT_EQ(corrected->c.due_day.value(), "2025-02-10");
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->correct_online(tx, zhang, case_no, "再来", {}, noon("2025-02-07")); })
                .error().code,
            ErrorCode::kConflict);
  auto done = act(first_, id, "approve", "符合条件", noon("2025-02-07"));
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->c.outcome, "approved");
  Service::DeliverInput out;
  out.method = "online";
  auto delivered = run([&](store::Tx& tx) { return svc_->deliver(tx, clerk_, here(), id, out, noon("2025-02-07")); });
  ASSERT_TRUE(delivered) << delivered.error().message;
  EXPECT_EQ(delivered->c.status, "delivered");

  // Every step reached the applicant's 消息.
  auto notes = db_->transact<std::vector<notify::Notification>>(store::TxMode::kRead, [&](store::Tx& tx) {
    return notify::of_applicant(tx, zhang.id_hash, 50);
  });
  ASSERT_TRUE(notes);
  std::vector<std::string> kinds;
  for (auto it = notes->rbegin(); it != notes->rend(); ++it) kinds.push_back(it->kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"case.submitted", "case.notice", "case.accepted", "case.returned",
                                             "case.ready", "case.delivered"}));
  // The applicant's own timeline names no staff.
  for (const auto& e : delivered->events)
    if (e.kind == "opened" || e.kind == "corrected") {
      EXPECT_FALSE(e.actor_id.has_value()) << e.kind;
    }
}

TEST_P(OnlineFlow, UploadsAreTheCitizensOwnCheckedByContentTakenOnceAndPurged) {
  const auto zhang = citizen("zhang", "张敏", "110101199003071233");
  const auto li = citizen("li", "李建国", "110102196508152031");
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->upload(tx, zhang, "GIF89a....", "", noon("2025-01-24")); }).error().code,
            ErrorCode::kUnsupportedMediaType);
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->upload(tx, zhang, jpeg_, "application/pdf", noon("2025-01-24")); })
                .error().code,
            ErrorCode::kUnsupportedMediaType);
  // Li cannot name Zhang's upload.
  auto in = form(put(zhang, jpeg_), put(zhang, pdf_));
  EXPECT_EQ(submit(li, in).error().code, ErrorCode::kNotFound);
  // A dropped upload cannot be named either.
  const auto dropped = put(zhang, "%PDF-1.4 dropped");
  const auto drop = [&](const Applicant& who, std::int64_t upload) {
    return db_->transact<void>(store::TxMode::kWrite,
                               [&](store::Tx& tx) { return svc_->drop_upload(tx, who, upload, noon("2025-01-24")); });
  };
  ASSERT_TRUE(drop(zhang, dropped));
  EXPECT_EQ(drop(li, in.materials[0].uploads[0]).error().code, ErrorCode::kNotFound);
  auto with_dropped = in;
  with_dropped.materials[1].uploads = {dropped};
  EXPECT_EQ(submit(zhang, with_dropped).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(submit(zhang, in));
  // A day later the unused uploads go, with their files, but a file a case names stays.
  const auto later = time::now_ms() + 25 * 3'600'000LL;
  const auto leftover = put(zhang, "%PDF-1.4 never used");
  ASSERT_NE(leftover, 0);
  auto digests = run([&](store::Tx& tx) { return svc_->purge_uploads(tx, later); });
  ASSERT_TRUE(digests);
  EXPECT_EQ(digests->size(), 2u);  // the dropped one and the unused one
  auto removed = svc_->remove_orphan_files(*db_, *digests, later);
  ASSERT_TRUE(removed);
  EXPECT_EQ(*removed, 2);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM citizen_upload WHERE case_id IS NULL"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM citizen_upload WHERE case_id IS NOT NULL"), 2);
  const auto id = scalar("SELECT id FROM service_case");
  const auto file = scalar("SELECT MIN(id) FROM case_file");
  auto bytes = run([&](store::Tx& tx) { return svc_->read_file(tx, clerk_, view_here(), id, file); });
  ASSERT_TRUE(bytes) << bytes.error().message;
  EXPECT_EQ(bytes->second, jpeg_);
}

TEST_P(OnlineFlow, TheClerkWhoPostsTheResultReadsTheFullAddressOnceDecidedAndItIsAudited) {
  const auto zhang = citizen("zhang", "张敏", "110101199003071233");
  auto in = form(put(zhang, jpeg_), put(zhang, pdf_));
  in.delivery = "mail";
  in.address = "北京市东城区东华门大街 1 号院 2 号楼 301";
  auto d = submit(zhang, in);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->online->address_masked.find("301"), std::string::npos);  // masked on every screen
  const auto id = d->c.id;
  const auto read = [&] {
    return run([&](store::Tx& tx) { return svc_->mailing(tx, clerk_, here(), id); });
  };
  EXPECT_EQ(read().error().code, ErrorCode::kConflict);  // not decided yet
  judge_all(id);
  ASSERT_TRUE(accept(id));
  ASSERT_TRUE(act(first_, id, "approve"));
  auto m = read();
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->address, in.address);
  EXPECT_EQ(m->name, "张敏");
  EXPECT_EQ(m->phone, "13900001111");
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->mailing(tx, far_clerk_, there(), id); }).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'case.mailing.read'"), 1);
}

TEST_P(OnlineFlow, AnEmployerAppliesForAnEmployersItemOnlyUnderItsCreditCode_3_6) {
  identity::Citizens citizens(*db_, keys_);
  auto in = citizens.sign_in(identity::OidcIdentity{"test|firm", "北京某某科技有限公司", "", "91350100M000100Y43", "01012345678"},
                             false, identity::Client{"127.0.0.1", "test"});
  ASSERT_TRUE(in) << in.error().message;
  const auto& p = in->principal;
  const Applicant firm{p.citizen_id, p.kind, p.id_hash, p.actor("127.0.0.1")};
  EXPECT_EQ(firm.kind, "employer");
  const auto zhang = citizen("zhang", "张敏", "110101199003071233");
  // A person's item is not for an employer, nor an employer's for a person.
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->apply_form(tx, firm, "BJ-SHBX-805", noon("2025-01-24")); }).error().code,
            ErrorCode::kUnprocessable);
  EXPECT_EQ(run([&](store::Tx& tx) { return svc_->apply_form(tx, zhang, "BJ-SHBX-806", noon("2025-01-24")); }).error().code,
            ErrorCode::kUnprocessable);
  auto application = form(put(firm, jpeg_), put(firm, pdf_));
  application.item_code = "BJ-SHBX-806";
  auto d = submit(firm, application);
  ASSERT_TRUE(d) << d.error().message << " " << d.error().field;
  EXPECT_EQ(d->c.applicant_kind, "employer");
  EXPECT_EQ(d->c.applicant_id_masked, "91350100M000100Y43");  // public registry data, not personal
  EXPECT_EQ(d->c.applicant_name_masked, "北京某某科技有限公司");
  auto mine = run([&](store::Tx& tx) { return svc_->applicant_case(tx, firm, d->c.case_no, noon("2025-01-24")); });
  EXPECT_TRUE(mine) << mine.error().message;
}

YC_ON_BOTH_ENGINES(OnlineFlow);


}  // namespace
}  // namespace yc::cases
