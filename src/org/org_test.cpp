// Organisation rules and use cases (issue 4, item 1; policy 三(一)).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "audit/service.hpp"
#include "org/scope.hpp"
#include "org/service.hpp"
#include "store/migrate.hpp"
#include "store/migrations.hpp"
#include "store/engine_test.hpp"
#include "store/testing.hpp"

namespace yc::org {
namespace {

TEST(OrgModel, CodesFollowLevelsAndParents) {
  EXPECT_TRUE(validate_unit("110000", Level::kCity, "北京市", std::nullopt, std::nullopt));
  EXPECT_TRUE(validate_unit("110101", Level::kDistrict, "东城区", "110000", Level::kCity));
  EXPECT_TRUE(validate_unit("110101001", Level::kStreet, "东华门街道", "110101", Level::kDistrict));
  EXPECT_TRUE(validate_unit("110101001001", Level::kCommunity, "某社区", "110101001", Level::kStreet));
  EXPECT_EQ(validate_unit("11010", Level::kDistrict, "x", "110000", Level::kCity).error().field, "code");
  EXPECT_EQ(validate_unit("120101", Level::kDistrict, "x", "110000", Level::kCity).error().field, "code");
  EXPECT_EQ(validate_unit("110101001", Level::kStreet, "x", "110000", Level::kCity).error().field,
            "parent_code");  // a street directly under the city
  EXPECT_EQ(validate_unit("110101001", Level::kStreet, "", "110101", Level::kDistrict).error().field, "name");
  EXPECT_FALSE(validate_unit("110100", Level::kCity, "x", std::nullopt, std::nullopt));
}

TEST(OrgModel, ScopeIsEverythingBelowTheGrantedUnit) {
  const auto city = child_path("/", "110000");
  const auto district = child_path(city, "110101");
  EXPECT_EQ(district, "/110000/110101/");
  EXPECT_TRUE(within(child_path(district, "110101001"), district));
  EXPECT_TRUE(within(district, district));
  EXPECT_FALSE(within(child_path(city, "110102"), district));
  EXPECT_FALSE(within("/110000/1101010/", district));  // a sibling whose code merely starts alike
  EXPECT_FALSE(within(district, ""));
}

TEST(OrgScope, NestedGrantsCollapseAndSqlMatchesEachPath) {
  auto s = Scope::of({"/110000/110101/110101001/", "/110000/110102/", "/110000/110101/", ""});
  ASSERT_EQ(s.paths().size(), 2u);
  EXPECT_TRUE(s.covers("/110000/110101/110101002/"));
  EXPECT_FALSE(s.covers("/110000/"));
  std::vector<store::Param> params{std::int64_t{7}};
  EXPECT_EQ(s.sql("u.path", params), "(u.path LIKE $2 OR u.path LIKE $3)");
  EXPECT_EQ(std::get<std::string>(params[1]), "/110000/110101/%");
  std::vector<store::Param> none;
  EXPECT_EQ(Scope{}.sql("path", none), "1 = 0");
  EXPECT_TRUE(Scope::all().is_all());
}

TEST(OrgModel, SitesBelongToTheRightLevel) {
  EXPECT_TRUE(validate_site_unit(SiteKind::kHall, Level::kStreet));
  EXPECT_TRUE(validate_site_unit(SiteKind::kPoint, Level::kCommunity));
  EXPECT_FALSE(validate_site_unit(SiteKind::kHall, Level::kCommunity));
  EXPECT_EQ(window_kind_label(*parse_window_kind("green")), "绿色通道");
  EXPECT_FALSE(parse_window_kind("vip"));
}

TEST(Csv, QuotesCommasNewlinesBomAndCrlf) {
  auto rows = parse_csv("\xEF\xBB\xBF" "a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\nlast,");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0], (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*rows)[1], (std::vector<std::string>{"x, y", "say \"hi\"\nthere"}));
  EXPECT_EQ((*rows)[2], (std::vector<std::string>{"last", ""}));
  EXPECT_FALSE(parse_csv("a,\"open"));
}

TEST(Csv, UnitRowsAreJudgedOneByOne) {
  auto r = parse_unit_csv("code,parent_code,level,name\n110000,,1,北京市\n110101,110000,9,东城区\nshort\n\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_TRUE(r[0].row);
  EXPECT_EQ(r[1].line, 3);
  EXPECT_EQ(r[1].error->field, "level");
  EXPECT_EQ(r[2].line, 4);
  EXPECT_EQ(r[2].error->field, "row");
}

class OrgService : public store::testing::EngineTest {
 protected:
  audit::Actor actor_{"admin", "市级管理员", "110000", "", "", "127.0.0.1"};
};

TEST_P(OrgService, ImportReportsEachBadRowAndKeepsTheGoodOnes) {
  auto report = import_units(*db_, actor_, Scope::all(),
                             "code,parent_code,level,name\n"
                             "110000,,1,北京市\n"
                             "110101,110000,2,东城区\n"
                             "110101001,110101,3,东华门街道\n"
                             "110101001,110101,3,重复的街道\n"      // duplicate code
                             "120101001,110101,3,代码不符\n"        // wrong prefix
                             "110102001,110102,3,上级不存在\n"      // no such parent
                             "110101001001,110101001,4,\"某社区, 一\"\n");
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->size(), 7u);
  for (int i : {0, 1, 2, 6}) EXPECT_FALSE((*report)[static_cast<std::size_t>(i)].error) << i;
  EXPECT_EQ((*report)[3].error->code, ErrorCode::kConflict);
  EXPECT_EQ((*report)[3].line, 5);
  EXPECT_EQ((*report)[4].error->field, "code");
  EXPECT_EQ((*report)[5].error->field, "parent_code");
  auto units = db_->transact<std::vector<Unit>>(store::TxMode::kRead,
                                                [](store::Tx& tx) { return list_units(tx, Scope::of({"/110000/110101/"})); });
  ASSERT_TRUE(units);
  ASSERT_EQ(units->size(), 3u);
  EXPECT_EQ(units->back().name, "某社区, 一");
  // Every created unit is in the audit trail, and the trail is whole.
  auto verified = audit::verify(*db_);
  EXPECT_TRUE(verified->ok);
  EXPECT_EQ(verified->entries, 4);
}

TEST_P(OrgService, DemoCityHasAHallWithWindowsAndIsSeededOnce) {
  ASSERT_TRUE(seed_demo_city(*db_));
  ASSERT_TRUE(seed_demo_city(*db_));
  auto all = db_->transact<std::vector<Unit>>(store::TxMode::kRead, [](store::Tx& tx) { return list_units(tx, Scope::all()); });
  EXPECT_EQ(all->size(), 12u);
  auto windows = db_->transact<std::vector<WindowDetail>>(store::TxMode::kRead, [](store::Tx& tx) -> Result<std::vector<WindowDetail>> {
    auto hall = YC_TRY(tx.one("SELECT id FROM org_site WHERE kind = 'hall' ORDER BY id"));
    return list_windows(tx, Scope::all(), hall.int64(0));
  });
  ASSERT_TRUE(windows);
  ASSERT_EQ(windows->size(), 4u);
  EXPECT_EQ((*windows)[2].window.kind, WindowKind::kGreen);
  EXPECT_EQ((*windows)[0].window.name, "1 号窗口");
}

TEST_P(OrgService, SitesAndWindowsAreChecked) {
  ASSERT_TRUE(seed_demo_city(*db_));
  auto r = db_->transact<Site>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return create_site(tx, actor_, Scope::all(), Site{0, "110101", SiteKind::kHall, "区里的大厅", "", "", "", {}, {}});
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "unit_code");
  auto dup = db_->transact<Window>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Window> {
    auto hall = YC_TRY(tx.one("SELECT id FROM org_site WHERE kind = 'hall' ORDER BY id"));
    return create_window(tx, actor_, Scope::all(), Window{0, hall.int64(0), 1, "", WindowKind::kSpecialized, true});
  });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "number");
}

// Issue 4, item 4: scope is enforced by the service for every query; an
// object outside it is not found, never merely hidden by the screen.
TEST_P(OrgService, ObjectsOutsideTheScopeAreNotFound) {
  ASSERT_TRUE(seed_demo_city(*db_));
  const auto dongcheng = Scope::of({"/110000/110101/"});
  auto r = db_->transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    auto xicheng_hall = YC_TRY(tx.one("SELECT id FROM org_site WHERE unit_code = '110102003'")).int64(0);
    auto dongcheng_hall = YC_TRY(tx.one("SELECT id FROM org_site WHERE unit_code = '110101001' AND kind = 'hall'")).int64(0);
    EXPECT_EQ(get_site(tx, dongcheng, xicheng_hall).error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(get_site(tx, dongcheng, dongcheng_hall));
    EXPECT_EQ(get_unit(tx, dongcheng, "110102").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(list_windows(tx, dongcheng, xicheng_hall).error().code, ErrorCode::kNotFound);
    auto sites = YC_TRY(list_sites(tx, dongcheng, ""));
    EXPECT_EQ(sites.size(), 2u);
    for (const auto& s : sites) EXPECT_EQ(s.site.unit_code.substr(0, 6), "110101");
    EXPECT_EQ(list_sites(tx, dongcheng, "110102").error().code, ErrorCode::kNotFound);
    auto child = create_unit(tx, actor_, dongcheng, UnitRow{"110102009", "110102", Level::kStreet, "越权街道"});
    EXPECT_EQ(child.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(child.error().field, "parent_code");
    auto w = YC_TRY(tx.one("SELECT id, version FROM org_window WHERE site_id = $1 AND number = 1", {xicheng_hall}));
    EXPECT_EQ(update_window(tx, actor_, dongcheng, w.int64(0), WindowPatch{{}, {}, false}, w.int64(1)).error().code,
              ErrorCode::kNotFound);
    EXPECT_EQ(list_units(tx, Scope{}).value().size(), 0u);
    return {};
  });
  ASSERT_TRUE(r) << r.error().message;
}

TEST_P(OrgService, UpdatesCheckTheVersionAndLeaveDigestsInTheTrail) {
  ASSERT_TRUE(seed_demo_city(*db_));
  auto r = db_->transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    auto w = YC_TRY(tx.one("SELECT id, version FROM org_window ORDER BY id"));
    auto closed = YC_TRY(update_window(tx, actor_, Scope::all(), w.int64(0), WindowPatch{{}, {}, false}, w.int64(1)));
    EXPECT_FALSE(closed.window.open);
    EXPECT_EQ(closed.version, w.int64(1) + 1);
    EXPECT_EQ(update_window(tx, actor_, Scope::all(), w.int64(0), WindowPatch{{}, {}, true}, w.int64(1)).error().code,
              ErrorCode::kVersionConflict);
    auto renamed = YC_TRY(rename_unit(tx, actor_, Scope::all(), "110101", "东城区(新)", 1));
    EXPECT_EQ(renamed.version, 2);
    EXPECT_EQ(rename_unit(tx, actor_, Scope::all(), "110101", "x", 1).error().code, ErrorCode::kVersionConflict);
    auto last = YC_TRY(tx.one("SELECT action, before_digest, after_digest FROM audit_log ORDER BY seq DESC"));
    EXPECT_EQ(last.text(0), "org.unit.update");
    EXPECT_EQ(last.text(1).size(), 64u);
    EXPECT_NE(last.text(1), last.text(2));
    return {};
  });
  ASSERT_TRUE(r) << r.error().message;
}

YC_ON_BOTH_ENGINES(OrgService);

}  // namespace
}  // namespace yc::org
