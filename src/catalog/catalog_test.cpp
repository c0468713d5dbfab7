// The catalog's item model, conformance checker and version workflow
// (issue 5, items 1-4; policy 三(二)(三), 十二个统一).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <set>

#include "audit/service.hpp"
#include "catalog/demo.hpp"
#include "catalog/offers.hpp"
#include "catalog/service.hpp"
#include "org/service.hpp"
#include "platform/time.hpp"
#include "store/migrate.hpp"
#include "store/migrations.hpp"
#include "store/engine_test.hpp"
#include "store/testing.hpp"

namespace yc::catalog {
namespace {

namespace json = boost::json;

constexpr const char* kComplete = R"({
  "code": "BJ-JYCY-901", "name": "失业登记", "type": "public_service",
  "legal_basis": [{"law": "《中华人民共和国就业促进法》", "article": "", "text": "县级以上人民政府……"}],
  "levels": ["street"], "service_objects": ["person"],
  "time_limit": {"kind": "promised", "legal_days": 15, "promised_days": 5},
  "conditions": ["在法定劳动年龄内、有劳动能力、有就业要求、处于无业状态"],
  "materials": [
    {"name": "居民身份证", "kind": "document", "form": "original", "count": 1, "required": true},
    {"name": "失业登记申请表", "kind": "form", "form": "original", "count": 1, "required": true,
     "blank_form": "BJ-JYCY-901-申请表.pdf", "sample": "BJ-JYCY-901-申请表-样表.pdf"},
    {"name": "户口簿", "kind": "document", "form": "original", "count": 1, "required": false,
     "condition": "本市户籍人员", "shared": true, "shared_source": "市公安局人口信息"}
  ],
  "process": [{"step": "intake", "name": "受理"}, {"step": "review_first", "name": "初审"},
              {"step": "deliver", "name": "办结"}],
  "result": {"kind": "record", "name": "失业登记", "delivery": ["window"]},
  "fee": {"free": true},
  "body": "街道(乡镇)社会保障事务所",
  "category": "employment", "service_level": "street", "channels": ["window", "online"],
  "citywide": true, "high_risk": "", "life_events": ["unemployment"], "synonyms": ["失业证"],
  "summary": "失业后办理登记,享受就业服务", "demo": true
})";

Item complete() { return parse_item(json::parse(kComplete)).value(); }

json::value with(std::function<void(json::object&)> change) {
  auto v = json::parse(kComplete);
  change(v.as_object());
  return v;
}

bool flags(const Item& it, std::string_view rule, std::string_view path) {
  for (const auto& f : check(it))
    if (f.rule == rule && f.path == path) return true;
  return false;
}

TEST(CatalogModel, ACompleteItemPassesAndRoundTrips) {
  const auto it = complete();
  EXPECT_TRUE(check(it).empty());
  EXPECT_EQ(json::serialize(to_json(parse_item(to_json(it)).value())), json::serialize(to_json(it)));
  EXPECT_EQ(twelve_fields().size(), 12u);
}

// Issue 5, "Done when": a test removes a field and sees it flagged — each of
// the twelve, one at a time.
TEST(CatalogModel, RemovingAnyOfTheTwelveFieldsIsFlagged) {
  for (const auto& f : twelve_fields()) {
    auto doc = with([&](json::object& o) { o.erase(f.member); });
    auto it = parse_item(doc);
    ASSERT_TRUE(it) << f.member;
    EXPECT_TRUE(flags(*it, "missing_field", f.member)) << "十二个统一: " << f.label;
  }
}

TEST(CatalogModel, TheCheckerFindsEachRuleBroken) {
  auto it = complete();
  it.time_limit.promised_days = 20;  // over the legal 15 (限时办结, 三(八))
  EXPECT_TRUE(flags(it, "promise_over_legal", "time_limit.promised_days"));
  it = complete();
  it.time_limit = TimeLimit{"immediate", 0, 3};
  EXPECT_TRUE(flags(it, "immediate_with_days", "time_limit"));
  it = complete();
  it.materials[1].blank_form.clear();
  EXPECT_TRUE(flags(it, "form_without_blank", "materials[1].blank_form"));
  it = complete();
  it.materials[2].condition.clear();
  EXPECT_TRUE(flags(it, "optional_without_condition", "materials[2].condition"));
  it = complete();
  it.materials[2].shared_source.clear();
  EXPECT_TRUE(flags(it, "shared_without_source", "materials[2].shared_source"));
  it = complete();
  it.process = {{"intake", "受理", ""}, {"approve", "审批", ""}, {"review_first", "初审", ""}};
  EXPECT_TRUE(flags(it, "chain_out_of_order", "process[2]"));
  it = complete();
  it.process = {{"intake", "受理", ""}, {"deliver", "办结", ""}};
  it.high_risk = "benefit_payment";
  EXPECT_TRUE(flags(it, "high_risk_without_review", "process"));
  it = complete();
  it.fee = Fee{true, false, "", ""};
  EXPECT_TRUE(flags(it, "fee_without_basis", "fee"));
}

TEST(CatalogModel, BadDocumentsAreRefusedNamingThePath) {
  auto bad_enum = parse_item(with([](json::object& o) { o["materials"].as_array()[0].as_object()["form"] = "photo"; }));
  ASSERT_FALSE(bad_enum);
  EXPECT_EQ(bad_enum.error().field, "materials[0].form");
  auto bad_type = parse_item(with([](json::object& o) { o["levels"] = "street"; }));
  EXPECT_EQ(bad_type.error().field, "levels");
  auto bad_code = parse_item(with([](json::object& o) { o["code"] = "JYCY-1"; }));
  EXPECT_EQ(bad_code.error().field, "code");
  auto twice = parse_item(with([](json::object& o) { o["channels"] = json::array{"window", "window"}; }));
  EXPECT_EQ(twice.error().field, "channels[1]");
  auto days = parse_item(with([](json::object& o) { o["time_limit"].as_object()["legal_days"] = -1; }));
  EXPECT_EQ(days.error().field, "time_limit.legal_days");
  // A rare character is ordinary text.
  auto rare = parse_item(with([](json::object& o) { o["summary"] = "𠮷 字也能写"; }));
  EXPECT_TRUE(rare);
}

TEST(CatalogModel, DiffNamesChangedFieldsInChinese) {
  auto a = complete();
  auto b = complete();
  b.time_limit.promised_days = 3;
  b.materials.push_back(Material{"照片", "proof", "original", 2, true, "", "", "", false, ""});
  auto d = diff(a, b);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].label, "办结时限");
  EXPECT_NE(d[0].after.find("承诺 3 个工作日"), std::string::npos);
  EXPECT_EQ(d[1].label, "申请材料 4");
  EXPECT_EQ(d[1].before, "");
  EXPECT_TRUE(diff(a, a).empty());
}

class CatalogService : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(org::seed_demo_city(*db_));
  }
  template <typename T>
  Result<T> tx(std::function<Result<T>(store::Tx&)> fn) {
    return db_->transact<T>(store::TxMode::kWrite, fn);
  }
  audit::Actor editor_{"11", "city_admin", "110000", "", "", "127.0.0.1"};
  audit::Actor reviewer_{"12", "city_admin", "110000", "", "", "127.0.0.1"};
  org::Scope city_ = org::Scope::of({"/110000/"});
};

// Issue 5, item 3: draft -> a second person reviews -> published with an
// effective date; a case-like reference to v1 still reads v1 after v2.
TEST_P(CatalogService, DraftReviewPublishAndOldVersionsStayReadable) {
  auto v1 = tx<Version>([&](store::Tx& t) { return create_item(t, editor_, city_, complete()); }).value();
  EXPECT_EQ(v1.status, "draft");
  EXPECT_FALSE(tx<Version>([&](store::Tx& t) { return get_current(t, "BJ-JYCY-901", time::now_ms()); }));

  // An incomplete draft cannot be submitted.
  auto incomplete = complete();
  incomplete.conditions.clear();
  v1 = tx<Version>([&](store::Tx& t) { return save_draft(t, editor_, city_, v1.id, incomplete, v1.version); }).value();
  auto refused = tx<Version>([&](store::Tx& t) { return submit(t, editor_, city_, v1.id, v1.version); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(refused.error().field, "conditions");
  v1 = tx<Version>([&](store::Tx& t) { return save_draft(t, editor_, city_, v1.id, complete(), v1.version); }).value();
  v1 = tx<Version>([&](store::Tx& t) { return submit(t, editor_, city_, v1.id, v1.version); }).value();
  EXPECT_EQ(v1.status, "review");
  // The editor cannot approve their own work.
  auto self = tx<Version>([&](store::Tx& t) { return approve(t, editor_, city_, v1.id, time::now_ms(), "", v1.version); });
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().code, ErrorCode::kForbidden);
  v1 = tx<Version>([&](store::Tx& t) { return approve(t, reviewer_, city_, v1.id, time::now_ms(), "同意", v1.version); }).value();
  EXPECT_EQ(v1.status, "published");
  auto current = tx<Version>([&](store::Tx& t) { return get_current(t, "BJ-JYCY-901", time::now_ms() + 1); }).value();
  EXPECT_EQ(current.id, v1.id);

  // v2 adds a material and takes effect in a day; until then v1 is in force.
  auto v2 = tx<Version>([&](store::Tx& t) { return new_draft(t, editor_, city_, "BJ-JYCY-901"); }).value();
  EXPECT_EQ(v2.number, 2);
  auto changed = complete();
  changed.materials.push_back(Material{"一寸照片", "proof", "original", 2, true, "", "", "", false, ""});
  v2 = tx<Version>([&](store::Tx& t) { return save_draft(t, editor_, city_, v2.id, changed, v2.version); }).value();
  v2 = tx<Version>([&](store::Tx& t) { return submit(t, editor_, city_, v2.id, v2.version); }).value();
  const auto tomorrow = time::now_ms() + 86'400'000;
  v2 = tx<Version>([&](store::Tx& t) { return approve(t, reviewer_, city_, v2.id, tomorrow, "", v2.version); }).value();
  EXPECT_EQ(tx<Version>([&](store::Tx& t) { return get_current(t, "BJ-JYCY-901", time::now_ms() + 1); })->number, 1);
  EXPECT_EQ(tx<Version>([&](store::Tx& t) { return get_current(t, "BJ-JYCY-901", tomorrow); })->number, 2);
  auto old = tx<Version>([&](store::Tx& t) { return get_version(t, v1.id); }).value();
  EXPECT_EQ(old.item.materials.size(), 3u);
  EXPECT_EQ(tx<Version>([&](store::Tx& t) { return get_version(t, v2.id); })->item.materials.size(), 4u);
  auto hist = tx<std::vector<VersionSummary>>([&](store::Tx& t) { return history(t, "BJ-JYCY-901"); }).value();
  ASSERT_EQ(hist.size(), 2u);
  EXPECT_EQ(hist[0].number, 2);
  EXPECT_TRUE(audit::verify(*db_)->ok);
}

TEST_P(CatalogService, OnlyTheCityEditsAndWithdrawnItemsAreNotOffered) {
  const auto district = org::Scope::of({"/110000/110101/"});
  auto refused = tx<Version>([&](store::Tx& t) { return create_item(t, editor_, district, complete()); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  auto seeded = seed(*db_, std::string("[") + kComplete + "]", time::now_ms() - 1000);
  ASSERT_TRUE(seeded) << seeded.error().message;
  EXPECT_EQ(*seeded, 1);
  EXPECT_EQ(*seed(*db_, std::string("[") + kComplete + "]", time::now_ms()), 0);  // idempotent
  auto listed = tx<std::vector<Version>>([&](store::Tx& t) { return list_current(t, ListFilter{"失业", "", "", ""}, time::now_ms()); });
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(tx<std::vector<Version>>([&](store::Tx& t) { return list_current(t, ListFilter{"养老", "", "", ""}, time::now_ms()); })->size(), 0u);
  ASSERT_TRUE(tx<bool>([&](store::Tx& t) -> Result<bool> {
    YC_TRY_VOID(withdraw(t, editor_, city_, "BJ-JYCY-901", "政策调整"));
    return true;
  }));
  EXPECT_EQ(tx<std::vector<Version>>([&](store::Tx& t) { return list_current(t, ListFilter{}, time::now_ms()); })->size(), 0u);
  auto report = tx<std::vector<ItemFindings>>([&](store::Tx& t) { return conformance(t); });
  EXPECT_EQ(report->size(), 0u);  // withdrawn items are not reported
}

// Issue 5, "Done when": all seeded items pass the conformance checker; they
// cover the annex's four street categories and the community services.
TEST(CatalogDemo, EverySeededItemPassesTheCheckerAndTheAnnexIsCovered) {
  auto parsed = json::parse(demo_catalog_json());
  ASSERT_TRUE(parsed.is_array());
  EXPECT_GE(parsed.as_array().size(), 40u);
  std::set<std::string> codes, names, street_categories;
  bool community = false;
  for (const auto& v : parsed.as_array()) {
    auto it = parse_item(v);
    ASSERT_TRUE(it) << it.error().message;
    for (const auto& f : check(*it)) ADD_FAILURE() << it->code << " " << f.path << ": " << f.message;
    EXPECT_TRUE(it->demo) << it->code;
    EXPECT_TRUE(codes.insert(it->code).second) << it->code;
    EXPECT_TRUE(names.insert(it->name).second) << it->name;
    if (it->service_level == "street") street_categories.insert(it->category);
    if (it->service_level == "community") community = true;
  }
  EXPECT_EQ(street_categories, (std::set<std::string>{"employment", "social_insurance", "labor_relations", "other"}));
  EXPECT_TRUE(community);
  for (const char* name : {"失业登记", "失业保险金申领", "社会保障卡申领"}) EXPECT_TRUE(names.count(name)) << name;
}

// Issue 5, item 2: a street's implementation list inherits the hall's
// address, hours and phone; sites of other units and withdrawn items are refused.
TEST_P(CatalogService, ImplementationListsInheritFromTheSiteAndStayInScope) {
  ASSERT_TRUE(seed(*db_, std::string("[") + kComplete + "]", time::now_ms() - 1000));
  const auto street = org::Scope::of({"/110000/110101/110101001/"});
  const auto hall = tx<std::int64_t>([](store::Tx& t) -> Result<std::int64_t> {
    return YC_TRY(t.one("SELECT id FROM org_site WHERE unit_code = '110101001' AND kind = 'hall'")).int64(0);
  }).value();
  const auto other = tx<std::int64_t>([](store::Tx& t) -> Result<std::int64_t> {
    return YC_TRY(t.one("SELECT id FROM org_site WHERE unit_code = '110102003'")).int64(0);
  }).value();
  OfferInput in;
  in.site_id = hall;
  in.windows = "1、2 号综合窗口";
  auto o = tx<Offer>([&](store::Tx& t) { return set_offer(t, editor_, street, "110101001", "BJ-JYCY-901", in); });
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->shown_phone, "12333");  // from the hall
  EXPECT_FALSE(o->shown_address.empty());
  in.phone = "010-65120000";
  o = tx<Offer>([&](store::Tx& t) { return set_offer(t, editor_, street, "110101001", "BJ-JYCY-901", in); });
  EXPECT_EQ(o->shown_phone, "010-65120000");  // its own, when given
  EXPECT_EQ(o->version, 2);
  in.site_id = other;
  EXPECT_EQ(tx<Offer>([&](store::Tx& t) { return set_offer(t, editor_, street, "110101001", "BJ-JYCY-901", in); })
                .error().field, "site_id");
  EXPECT_EQ(tx<Offer>([&](store::Tx& t) { return set_offer(t, editor_, street, "110102003", "BJ-JYCY-901", {}); })
                .error().code, ErrorCode::kNotFound);
  auto where = tx<std::vector<Offer>>([&](store::Tx& t) { return item_offers(t, "BJ-JYCY-901", ""); }).value();
  ASSERT_EQ(where.size(), 1u);
  EXPECT_EQ(where[0].unit_name, "东华门街道");
  EXPECT_EQ(tx<std::vector<std::string>>([&](store::Tx& t) { return items_at_site(t, hall); })->size(), 1u);
  // An offer without a site and without its own details is flagged, by district.
  ASSERT_TRUE(tx<Offer>([&](store::Tx& t) { return set_offer(t, editor_, org::Scope::all(), "110102003", "BJ-JYCY-901", {}); }));
  auto findings = tx<std::vector<OfferFinding>>([](store::Tx& t) { return offer_findings(t); }).value();
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].district_name, "西城区");
  ASSERT_TRUE(tx<bool>([&](store::Tx& t) -> Result<bool> {
    YC_TRY_VOID(withdraw(t, editor_, city_, "BJ-JYCY-901", "测试"));
    return true;
  }));
  EXPECT_EQ(tx<Offer>([&](store::Tx& t) { return set_offer(t, editor_, street, "110101001", "BJ-JYCY-901", {}); })
                .error().code, ErrorCode::kConflict);
}

// Issue 5, item 8: a wrong row imports nothing; a clean import makes drafts.
TEST_P(CatalogService, ImportIsAllOrNothingWithAReportPerRow) {
  auto good = json::parse(kComplete);
  auto second = json::parse(kComplete);
  second.as_object()["code"] = "BJ-JYCY-902";
  second.as_object()["name"] = "就业创业证申领";
  auto bad = json::parse(kComplete);
  bad.as_object()["code"] = "BJ-JYCY-903";
  bad.as_object()["time_limit"].as_object()["promised_days"] = 30;
  auto report = tx<ImportReport>([&](store::Tx& t) {
    return import_items(t, editor_, city_, json::array{good, bad, second, json::value("x")});
  }).value();
  EXPECT_FALSE(report.imported);
  ASSERT_EQ(report.rows.size(), 4u);
  EXPECT_EQ(report.rows[0].outcome, "created");
  EXPECT_EQ(report.rows[1].outcome, "error");
  EXPECT_EQ(report.rows[1].problems[0].rule, "promise_over_legal");
  EXPECT_EQ(report.rows[3].problems[0].rule, "invalid");
  EXPECT_TRUE(tx<std::vector<VersionSummary>>([](store::Tx& t) { return list_latest(t, ListFilter{}); })->empty());
  report = tx<ImportReport>([&](store::Tx& t) { return import_items(t, editor_, city_, json::array{good, second}); }).value();
  EXPECT_TRUE(report.imported);
  auto latest = tx<std::vector<VersionSummary>>([](store::Tx& t) { return list_latest(t, ListFilter{}); }).value();
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].status, "draft");
  // Importing again while the drafts are open is refused, row by row.
  report = tx<ImportReport>([&](store::Tx& t) { return import_items(t, editor_, city_, json::array{good}); }).value();
  EXPECT_FALSE(report.imported);
  EXPECT_EQ(report.rows[0].problems[0].rule, "open_draft");
}

TEST(CatalogModel, PinyinInitialsForKioskSearch) {
  EXPECT_EQ(pinyin_initials("失业登记"), "sydj");
  EXPECT_EQ(pinyin_initials("社会保障卡申领"), "shbzksl");
  EXPECT_EQ(pinyin_initials("A1 就业-创业证"), "a1jycyz");
  EXPECT_EQ(pinyin_initials("𠮷"), "");  // outside the table: left out, no harm
  EXPECT_EQ(pinyin_initials(std::string("\xE5\xA4", 2)), "");  // truncated UTF-8
}

// Issue 5, item 7: words, synonyms, pinyin initials and life events.
TEST_P(CatalogService, SearchByWordsSynonymsInitialsAndLifeEvents) {
  auto pension = complete();
  pension.code = "BJ-SHBX-901";
  pension.name = "城乡居民基本养老保险参保登记";
  pension.synonyms = {"养老保险"};
  pension.summary = "参加城乡居民养老保险";
  pension.conditions = {"年满 16 周岁、不在校、未参加职工养老保险的本市户籍居民"};
  pension.materials.resize(1);  // 居民身份证 only
  pension.life_events = {"insurance"};
  pension.category = "social_insurance";
  auto benefit = complete();
  benefit.code = "BJ-JYCY-902";
  benefit.name = "失业保险金申领";
  benefit.synonyms = {"失业金"};
  benefit.high_risk = "benefit_payment";
  std::string arr = "[";
  for (const auto* it : {&pension, &benefit}) arr += json::serialize(to_json(*it)) + ",";
  arr += kComplete;
  arr += "]";
  ASSERT_EQ(*seed(*db_, arr, time::now_ms() - 1000), 3);
  auto codes = [&](ListFilter f) {
    std::vector<std::string> out;
    const auto found = tx<std::vector<Version>>([&](store::Tx& t) { return list_current(t, f, time::now_ms()); }).value();
    for (const auto& v : found) out.push_back(v.item_code);
    return out;
  };
  EXPECT_EQ(codes({"失业", "", "", ""}), (std::vector<std::string>{"BJ-JYCY-901", "BJ-JYCY-902"}));
  EXPECT_EQ(codes({"失业金", "", "", ""}), (std::vector<std::string>{"BJ-JYCY-902"}));
  EXPECT_EQ(codes({"sydj", "", "", ""}), (std::vector<std::string>{"BJ-JYCY-901"}));
  EXPECT_EQ(codes({"SYDJ", "", "", ""}), (std::vector<std::string>{"BJ-JYCY-901"}));
  EXPECT_EQ(codes({"失业 申领", "", "", ""}), (std::vector<std::string>{"BJ-JYCY-902"}));
  EXPECT_EQ(codes({"", "social_insurance", "", ""}), (std::vector<std::string>{"BJ-SHBX-901"}));
  EXPECT_EQ(codes({"", "", "", "insurance"}), (std::vector<std::string>{"BJ-SHBX-901"}));
  EXPECT_TRUE(codes({"𠮷", "", "", ""}).empty());
  EXPECT_TRUE(codes({"%' OR 1=1 --", "", "", ""}).empty());
}

YC_ON_BOTH_ENGINES(CatalogService);

}  // namespace
}  // namespace yc::catalog
