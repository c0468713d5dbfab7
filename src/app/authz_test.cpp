// The authorization matrix (issue 4, "Done when"; research/security.md "Tests
// that show it"): every role x every API endpoint x an object inside and
// outside the caller's scope. The table below must name every route the
// server has: a new endpoint without a row fails EveryRouteHasARow.
//
// Each role is granted at 东城区 (110101); "in" objects lie in 东城区, "out"
// objects in 西城区 (110102). A role without the endpoint's permission gets
// 403; with it, the in-scope call succeeds and the out-of-scope one is 404.
#include <gtest/gtest.h>

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"  // table rows name only what they need

#include <boost/json.hpp>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <variant>

#include "app/routes.hpp"
#include "employment/service.hpp"
#include "exchange/routes.hpp"
#include "identity/api_clients.hpp"
#include "platform/time.hpp"
#include "audit/model.hpp"
#include "audit/service.hpp"
#include "cases/incidents.hpp"
#include "hall/board.hpp"
#include "hall/service.hpp"
#include "cases/service.hpp"
#include "catalog/offers.hpp"
#include "catalog/service.hpp"
#include "identity/secrets.hpp"
#include "identity/service.hpp"
#include "org/service.hpp"
#include "store/migrate.hpp"
#include "store/migrations.hpp"
#include "store/testing.hpp"

namespace yc::app {
namespace {

using http::Method;
namespace json = boost::json;

constexpr const char* kPassword = "Matrix-Pass-2026";
const std::string kTotpRaw = "authz-matrix-totp-01";
constexpr const char* kDongcheng = "110101";
// A published catalog item (docs/catalog-item.md).
constexpr const char* kCatalogItem = R"([{
  "code": "BJ-JYCY-901", "name": "失业登记", "type": "public_service",
  "legal_basis": [{"law": "《中华人民共和国就业促进法》", "article": "", "text": "……"}],
  "levels": ["street"], "service_objects": ["person"],
  "time_limit": {"kind": "immediate", "legal_days": 0, "promised_days": 0},
  "conditions": ["处于无业状态"],
  "materials": [{"name": "居民身份证", "kind": "document", "form": "original", "count": 1, "required": true}],
  "process": [{"step": "intake", "name": "受理"}, {"step": "deliver", "name": "办结"}],
  "result": {"kind": "record", "name": "失业登记", "delivery": ["window"]},
  "fee": {"free": true}, "body": "街道(乡镇)社会保障事务所",
  "category": "employment", "service_level": "street", "channels": ["window"], "citywide": true,
  "high_risk": "", "life_events": [], "synonyms": [], "summary": "", "demo": true},
 {"code": "BJ-SHBX-901", "name": "参保登记", "type": "public_service",
  "legal_basis": [{"law": "《中华人民共和国社会保险法》", "article": "", "text": "……"}],
  "levels": ["street"], "service_objects": ["person"],
  "time_limit": {"kind": "promised", "legal_days": 15, "promised_days": 5, "correction_suspends": true},
  "conditions": ["本市户籍"],
  "materials": [{"name": "居民身份证", "kind": "document", "form": "original", "count": 1, "required": true}],
  "process": [{"step": "intake", "name": "受理"}, {"step": "review_first", "name": "初审"},
              {"step": "approve", "name": "审批"}, {"step": "deliver", "name": "办结"}],
  "result": {"kind": "record", "name": "参保登记", "delivery": ["window"]},
  "fee": {"free": true}, "body": "街道(乡镇)社会保障事务所",
  "category": "social_insurance", "service_level": "street", "channels": ["window"], "citywide": true,
  "high_risk": "", "life_events": [], "synonyms": [], "summary": "", "demo": true}])";

struct Call {
  std::string path;
  std::string query;
  std::string body;  // JSON; empty for none
  std::string content_type = "application/json";
};

struct Caller {
  std::string role;
  std::int64_t account_id = 0;
  std::string login, token, csrf;
};

class Matrix;

struct Row {
  Method method;
  std::string pattern;
  // "public": no session; "session": any live session; otherwise the
  // permission the gate demands ("" = any finished sign-in).
  std::string access;
  std::function<Call(Matrix&, const Caller&)> in;
  std::function<Call(Matrix&, const Caller&)> out;  // null: nothing is out of scope
  int ok = 200;
  // The status a caller gets, when it differs from the default rule.
  std::function<int(bool has_permission, bool in_scope)> expect;
  // For lists: text that must not appear in an in-scope answer.
  std::string absent;
  // The status by the role's permissions, for routes open to any signed-in
  // caller whose answer depends on what the caller holds (cases, tasks).
  std::function<int(const std::vector<std::string>& permissions, bool in_scope)> by_role;
};

bool holds_any(const std::vector<std::string>& have, std::initializer_list<const char*> wanted) {
  for (const char* w : wanted)
    if (std::find(have.begin(), have.end(), w) != have.end()) return true;
  return false;
}

// Who sees a case at all (cases/routes.cpp view_of).
bool sees_cases(const std::vector<std::string>& p) {
  return holds_any(p, {"case.intake", "case.consult", "hall.manage", "stats.read", "case.review.first",
                       "case.review.second", "case.approve", "case.recheck"});
}

class Matrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {}

  void SetUp() override {
    std::string why;
    db_ = store::testing::open_for_test(store::Engine::kSqlite, &dir_, &why);
    ASSERT_TRUE(db_) << why;
    ASSERT_TRUE(store::migrate(*db_, store::builtin_migrations()));
    ASSERT_TRUE(org::seed_demo_city(*db_));
    const auto key_file = (dir_ / "keys").string();
    ASSERT_TRUE(privacy::KeyRing::generate(key_file, "k1"));
    keys_ = privacy::KeyRing::load(key_file).value();
    accounts_ = std::make_unique<identity::Accounts>(*db_, keys_);
    ASSERT_TRUE(accounts_->load_roles());
    events_ = std::make_unique<events::Service>(*db_, "", "matrix");
    config_ = Config{};
    config_.cases.files_dir = (dir_ / "files").string();
    config_.hall.voice_dir = (dir_ / "voice").string();
    // Every role calls every public route from one address here: the rate
    // limits are the API tests' business (tests/api/limits.test.mjs).
    config_.limits = LimitsConfig{1'000'000, 1'000'000, 1'000'000, 1'000'000};
    cases::Policy policy;
    policy.files_dir = config_.cases.files_dir;
    policy.recheck_sample_percent = 0;
    cases_ = std::make_unique<cases::Service>(keys_, policy);
    api_ = add_routes(router_, *db_, *events_, *accounts_, config_,
                      SystemFacts{"test", "matrix", "sqlite", "", "production", "12333", "", 1 << 20, 15});
    hall_in_ = scalar("SELECT id FROM org_site WHERE unit_code = '110101001' AND kind = 'hall'");
    hall_out_ = scalar("SELECT id FROM org_site WHERE unit_code = '110102003' AND kind = 'hall'");
    window_in_ = scalar("SELECT id FROM org_window WHERE site_id = " + std::to_string(hall_in_) + " AND number = 1");
    window_out_ = scalar("SELECT id FROM org_window WHERE site_id = " + std::to_string(hall_out_) + " AND number = 1");
    target_in_ = account("110101001");
    target_out_ = account("110102003");
    ASSERT_TRUE(catalog::seed(*db_, kCatalogItem, 1000));
    version_ = scalar("SELECT id FROM catalog_version WHERE item_code = 'BJ-JYCY-901'");
    clerk_ = account("110101001");
    reviewer_ = account("110101001");
    // The hall (issue 7): one group at each hall, served by window 1.
    for (auto [site, window] : {std::pair{hall_in_, window_in_}, std::pair{hall_out_, window_out_}}) {
      ASSERT_TRUE(db_->transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
        YC_TRY(hall::add_group(tx, audit::Actor::system(), org::Scope::all(), site, "emp", "就业服务", "A", {}, 0));
        return hall::set_window_groups(tx, audit::Actor::system(), org::Scope::all(), window, {"emp"});
      }));
    }
  }
  void TearDown() override {
    api_.reset();
    cases_.reset();
    events_.reset();
    accounts_.reset();
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

 public:
  std::int64_t scalar(const std::string& sql) {
    return db_->transact<std::int64_t>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one(sql)).int64(0);
    }).value();
  }
  std::string unique(const char* prefix) { return prefix + std::to_string(++counter_); }
  int window_counter_ = 0;  // window numbers are 1-999: their own counter

  // An internal check of `unit` (no items), straight into the table.
  std::int64_t internal_check(const std::string& unit) {
    return db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      auto path = YC_TRY(tx.one("SELECT path FROM org_unit WHERE code = $1", {unit})).text(0);
      return YC_TRY(tx.one("INSERT INTO internal_check (unit_code, unit_path, period_from, period_to, sample_size, created_by, "
                           "created_at) VALUES ($1, $2, '2026-01-01', '2026-12-31', 0, $3, 0) RETURNING id",
                           {unit, path, target_in_}))
          .int64(0);
    }).value();
  }
  // A training session of `unit` on a past day (of a city course); with
  // `enrolled`, one staff member of the unit is on it. Returns its path.
  std::int64_t city_course() {
    return db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("INSERT INTO training_course (title, kind, days_x10, pass_score, unit_code, unit_path, "
                           "created_by, created_at) VALUES ('窗口规范', 'annual', 10, 60, '110000', '/110000/', $1, 0) "
                           "RETURNING id",
                           {target_in_}))
          .int64(0);
    }).value();
  }
  std::string training_session(const std::string& unit, std::int64_t enrolled = 0) {
    const auto course = city_course();
    return "/api/staff/training-sessions/" + std::to_string(db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      auto path = YC_TRY(tx.one("SELECT path FROM org_unit WHERE code = $1", {unit})).text(0);
      auto id = YC_TRY(tx.one("INSERT INTO training_session (course_id, day, place, capacity, unit_code, unit_path, created_by, "
                              "created_at) VALUES ($1, '2026-01-10', '会议室', 10, $2, $3, $4, 0) RETURNING id",
                              {course, unit, path, target_in_})).int64(0);
      if (enrolled != 0)
        YC_TRY(tx.exec("INSERT INTO training_enrolment (session_id, account_id, created_at) VALUES ($1, $2, 0)", {id, enrolled}));
      return id;
    }).value());
  }
  // A staff member of `unit` with a photo on file; returns the photo path.
  std::string staff_photo(const std::string& unit) {
    const auto id = staff_member(unit);
    EXPECT_TRUE(db_->transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return hall::put_photo(tx, keys_, id, "image/png", std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR", 0);
    }));
    return "/api/staff/" + std::to_string(id) + "/photo";
  }
  // A bad rating of a service of `unit` with its open rectification; returns the rectification's path.
  std::string rectification(const std::string& unit) {
    return "/api/rectifications/" + std::to_string(db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      auto path = YC_TRY(tx.one("SELECT path FROM org_unit WHERE code = $1", {unit})).text(0);
      auto e = YC_TRY(tx.one("INSERT INTO evaluation (target_kind, target_id, stage, channel, level, unit_code, unit_path, day, "
                             "created_at) VALUES ('ticket', $1, 'served', 'pad', 1, $2, $3, '2026-11-02', 0) RETURNING id",
                             {std::int64_t{++counter_}, unit, path}));
      return YC_TRY(tx.one("INSERT INTO rectification (evaluation_id, unit_code, unit_path, state, due_day, created_at) "
                           "VALUES ($1, $2, $3, 'open', '2026-11-09', 0) RETURNING id",
                           {e.int64(0), unit, path}))
          .int64(0);
    }).value());
  }
  // A complaint about `unit` in `state`, sealed as the service seals it; returns its path.
  std::string complaint(const std::string& unit, const std::string& state = "received", std::int64_t assignee = 0,
                        bool anonymous = true) {
    return "/api/complaints/" + std::to_string(db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      auto path = YC_TRY(tx.one("SELECT path FROM org_unit WHERE code = $1", {unit})).text(0);
      const auto content = YC_TRY(keys_.encrypt("窗口工作人员态度生硬不解释", "complaint.content"));
      const auto name = anonymous ? std::string() : YC_TRY(keys_.encrypt("刘晓梅", "complaint.reporter.name"));
      const auto phone = anonymous ? std::string() : YC_TRY(keys_.encrypt("13800001111", "complaint.reporter.phone"));
      return YC_TRY(tx.one("INSERT INTO complaint (complaint_no, query_code_hash, kind, category, channel, anonymous, "
                           "reporter_name_sealed, reporter_phone_sealed, content_sealed, unit_code, unit_path, state, "
                           "assignee_id, accept_due_day, reply_due_day, received_day, created_at) VALUES ($1, 'x', "
                           "'complaint', 'attitude', 'web', $2, $3, $4, $5, $6, $7, $8, $9, '2026-11-04', '2026-11-16', "
                           "'2026-11-02', 0) RETURNING id",
                           {unique("TS"), std::int64_t{anonymous ? 1 : 0}, name, phone, content, unit, path, state,
                            assignee != 0 ? store::Param(assignee) : store::null_param()}))
          .int64(0);
    }).value());
  }
  // A webhook subscription under `unit` with one dead letter; returns {subscription id, delivery id}.
  std::pair<std::int64_t, std::int64_t> webhook(const std::string& unit) {
    return db_->transact<std::pair<std::int64_t, std::int64_t>>(store::TxMode::kWrite, [&](store::Tx& tx)
               -> Result<std::pair<std::int64_t, std::int64_t>> {
      auto path = YC_TRY(tx.one("SELECT path FROM org_unit WHERE code = $1", {unit})).text(0);
      auto sub = YC_TRY(tx.one("INSERT INTO webhook_subscription (name, url, secret_sealed, events, unit_code, unit_path, "
                               "created_by, created_at) VALUES ('系统', 'https://x.example/h', 'x', ',case.accepted,', $1, $2, "
                               "$3, 0) RETURNING id",
                               {unit, path, target_in_}))
                     .int64(0);
      auto d = YC_TRY(tx.one("INSERT INTO webhook_delivery (subscription_id, event, payload, state, attempts, next_at, "
                             "created_at) VALUES ($1, 'case.accepted', '{}', 'dead', 7, 0, 0) RETURNING id",
                             {sub}))
                   .int64(0);
      return std::pair{sub, d};
    }).value();
  }
  std::string case_no(std::int64_t id) {
    return db_->transact<std::string>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::string> {
      return YC_TRY(tx.one("SELECT case_no FROM service_case WHERE id = $1", {id})).text(0);
    }).value();
  }
  http::Response call_bearer(Method method, const Call& c, const std::string& bearer) {
    http::Request r;
    r.method = method;
    r.path = c.path;
    r.raw_query = c.query;
    r.request_id = "matrix";
    r.remote_address = "192.0.2.5";
    r.headers.emplace_back("authorization", "Bearer " + bearer);
    auto m = router_.match(method, c.path);
    EXPECT_NE(m.route, nullptr) << c.path;
    if (m.route == nullptr || !m.route->handler) return http::Response{};
    r.path_params = m.params;
    return m.route->handler(r);
  }
  // An authorized system at `unit` with `scopes`; returns its id and token.
  std::pair<std::int64_t, std::string> api_client(const std::string& unit, std::vector<std::string> scopes = {"cases.read", "stats.read"}) {
    auto issued = db_->transact<identity::IssuedToken>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return identity::create_api_client(tx, audit::Actor::system(), org::Scope::all(), target_in_,
                                         identity::NewApiClient{"区数据中心", unit, std::move(scopes), std::nullopt},
                                         time::now_ms());
    }).value();
    return {issued.client.id, issued.token};
  }
  // A person with a staff profile (协管员) and a passed pre-post training.
  std::int64_t staff_member(const std::string& unit) {
    const auto id = account(unit);
    EXPECT_TRUE(db_->transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
      YC_TRY(tx.exec("INSERT INTO staff_profile (account_id, employment, updated_at) VALUES ($1, 'assistant', 0)", {id}));
      YC_TRY(tx.exec("INSERT INTO staff_training (account_id, course, kind, day, days_x10, passed, created_at) "
                     "VALUES ($1, '岗前培训', 'pre_post', '2026-01-04', 10, 1, 0)",
                     {id}));
      return {};
    }));
    return id;
  }
  // An open assignment of such a person; returns its id.
  std::int64_t staff_post(const std::string& unit) {
    const auto id = staff_member(unit);
    return db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("INSERT INTO staff_assignment (account_id, post, from_day, created_at) "
                           "VALUES ($1, 'intake', '2026-01-05', 0) RETURNING id",
                           {id}))
          .int64(0);
    }).value();
  }
  // A fresh account (no roles) in `unit`.
  std::int64_t account(const std::string& unit, const std::string& role = "") {
    const auto login = unique("acct");
    std::vector<std::pair<std::string, std::string>> grants;
    if (!role.empty()) grants.emplace_back(role, unit);
    return accounts_->create_seeded(audit::Actor::system(), identity::NewAccount{login, "对象人员", "", unit}, kPassword,
                                    false, std::nullopt, grants)
        .value();
  }
  std::string login_of(std::int64_t id) {
    return db_->transact<std::string>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::string> {
      return YC_TRY(tx.one("SELECT login FROM account WHERE id = $1", {id})).text(0);
    }).value();
  }
  std::int64_t version_of(const std::string& table, std::int64_t id) {
    return scalar("SELECT version FROM " + table + " WHERE id = " + std::to_string(id));
  }
  // A live session of another account, by its public id.
  std::string session_of(std::int64_t id) {
    auto s = accounts_->login(login_of(id), kPassword, identity::Client{"192.0.2.1", "matrix"}).value();
    return s.principal.session_id;
  }
  // Makes sure `unit` offers the test item; returns the DELETE path of it.
  std::string offer_on(const std::string& unit) {
    EXPECT_TRUE(db_->transact<catalog::Offer>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return catalog::set_offer(tx, audit::Actor::system(), org::Scope::all(), unit, "BJ-JYCY-901", {});
    }));
    return "/api/catalog/offers/" + unit + "/BJ-JYCY-901";
  }
  std::int64_t grant_on(std::int64_t account_id, const std::string& unit) {
    identity::Principal system;
    system.account_id = -1;
    return accounts_->grant(system, audit::Actor::system(), org::Scope::all(), account_id, "window_clerk", unit)
        .value()
        .id;
  }

  Caller sign_in(const std::string& role) {
    Caller c;
    c.role = role;
    c.login = unique("who");
    const bool totp = accounts_->role(role)->requires_totp;
    c.account_id = accounts_->create_seeded(audit::Actor::system(),
                                            identity::NewAccount{c.login, "矩阵人员", "", kDongcheng}, kPassword,
                                            false, totp ? std::optional<std::string>(kTotpRaw) : std::nullopt,
                                            {{role, kDongcheng}})
                       .value();
    auto s = accounts_->login(c.login, kPassword, identity::Client{"192.0.2.2", "matrix"});
    EXPECT_TRUE(s) << role;
    c.token = s->token;
    auto p = s->principal;
    if (p.step == identity::Step::kTotp)
      p = accounts_->verify_totp(p, identity::totp_code(kTotpRaw, accounts_->now() / 1000), {"192.0.2.2", "matrix"})
              .value();
    EXPECT_EQ(p.step, identity::Step::kDone) << role;
    c.csrf = p.csrf_token;
    return c;
  }

  http::Response call(Method method, const Call& c, const std::string& token, const std::string& csrf) {
    http::Request r;
    r.method = method;
    r.path = c.path;
    r.raw_query = c.query;
    r.body = c.body;
    r.request_id = "matrix";
    r.remote_address = "192.0.2.3";
    if (!token.empty()) r.headers.emplace_back("cookie", "other=1; yc_session=" + token);
    if (!csrf.empty()) r.headers.emplace_back("x-csrf-token", csrf);
    if (!c.body.empty()) r.headers.emplace_back("content-type", c.content_type);
    if (method == Method::kPost) r.headers.emplace_back("idempotency-key", unique("idem"));
    auto m = router_.match(method, c.path);
    EXPECT_NE(m.route, nullptr) << c.path;
    if (m.route == nullptr || !m.route->handler) return http::Response{};
    r.path_params = m.params;
    return m.route->handler(r);
  }

  std::vector<Row> rows();

  // Fixtures of the grassroots areas (issue 12), one block each.
  // --- employment fixtures ---
  // A valid resident ID number (GB 11643 check character) of a new person
  // of 东城区 born in January of `year` (a thousand a day: never one twice).
  std::string id_number_born(int year) {
    static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    const int n = ++counter_;
    const auto day = std::to_string(101 + n / 1000 % 28).substr(1);
    const auto first17 = "110101" + std::to_string(year) + "01" + day + std::to_string(1000 + n % 1000).substr(1);
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
    return first17 + "10X98765432"[sum % 11];
  }
  std::string new_id_number() { return id_number_born(1990); }
  // A valid unified social credit code (GB 32100 check character), new each call.
  std::string new_credit_code() {
    static constexpr std::string_view kChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static constexpr int kWeights[] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    const auto first17 = "911101015" + std::to_string(100000000 + ++counter_).substr(1);
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) sum += static_cast<int>(kChars.find(first17[i])) * kWeights[i];
    return first17 + kChars[(31 - sum % 31) % 31];
  }
  // The employment area's objects in scope (东华门第一社区 / 东华门街道) or out of
  // it (新街口), made through the service; each returns its id.
  template <typename T>
  T employment_write(const std::function<Result<T>(store::Tx&)>& f) {
    return db_->transact<T>(store::TxMode::kWrite, f).value();
  }
  employment::Who employment_who() { return employment::Who{clerk_, audit::Actor::system()}; }
  std::int64_t job_seeker(bool in, const std::string& status = "unemployed") {
    employment::ResidentInput r;
    r.id_number = new_id_number();
    r.name = in ? "张敏" : "西城人员";
    r.unit_code = in ? "110101001001" : "110102003001";
    r.status = status;
    r.hardship_category = status == "hardship" ? "disabled" : "";
    r.skills = {"电工", "保洁"};
    r.needs = {"job", "training"};
    return employment_write<employment::Resident>([&](store::Tx& tx) {
      return employment::add_resident(tx, keys_, employment_who(), org::Scope::all(), r, time::now_ms());
    }).id;
  }
  std::int64_t employer_of(bool in) {
    employment::EmployerInput e{new_credit_code(), in ? "东华门矩阵单位" : "西城矩阵单位", "", "",
                                in ? "110101001" : "110102003", "", "", 10};
    return employment_write<employment::Employer>([&](store::Tx& tx) {
      return employment::add_employer(tx, keys_, employment_who(), org::Scope::all(), e, time::now_ms());
    }).id;
  }
  std::int64_t job_vacancy(bool in, bool welfare = false) {
    employment::VacancyInput v;
    v.employer_id = employer_of(in);
    v.title = welfare ? "社区保洁员" : "电工";
    v.skills = {"电工", "保洁"};
    v.headcount = 5;
    v.welfare = welfare;
    return employment_write<employment::Vacancy>([&](store::Tx& tx) {
      return employment::add_vacancy(tx, employment_who(), org::Scope::all(), v, time::now_ms());
    }).id;
  }
  std::int64_t job_referral(bool in) {
    const auto r = job_seeker(in), v = job_vacancy(in);
    return employment_write<employment::Referral>([&](store::Tx& tx) {
      return employment::refer(tx, employment_who(), org::Scope::all(), r, v, "", time::now_ms());
    }).id;
  }
  std::int64_t training_referral(bool in) {
    const auto r = job_seeker(in);
    return employment_write<employment::Guidance>([&](store::Tx& tx) {
      return employment::add_guidance(tx, employment_who(), org::Scope::all(), r,
                                      employment::GuidanceInput{"training", "", "电工上岗证培训", "职业技能培训学校", ""},
                                      time::now_ms());
    }).id;
  }
  std::int64_t welfare_placement(bool in) {
    const auto r = job_seeker(in, "hardship"), v = job_vacancy(in, true);
    return employment_write<employment::Placement>([&](store::Tx& tx) {
      return employment::place(tx, keys_, employment_who(), org::Scope::all(), employment::PlacementInput{r, v, "", ""},
                               time::now_ms());
    }).id;
  }
  // The ID number of a job seeker, for /api/residents/find.
  std::string job_seeker_id_number(bool in) {
    const auto id = job_seeker(in);
    return db_->transact<std::string>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::string> {
      return keys_.decrypt(YC_TRY(tx.one("SELECT id_sealed FROM resident WHERE id = $1", {id})).text(0), "resident.id");
    }).value();
  }
  // --- end employment fixtures ---
  // --- labour fixtures ---
  // 劳动关系 (annex 一(三)): an employer of `unit` in the register (the
  // employment area's table, written straight: this area only reads it).
  std::int64_t labour_employer(const std::string& unit) {
    return db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("INSERT INTO employer (credit_code, name, unit_code, unit_path, created_by, created_at, updated_at) "
                           "SELECT $1, '矩阵用工单位', code, path, $2, 0, 0 FROM org_unit WHERE code = $3 RETURNING id",
                           {unique("91110101MA"), target_in_, unit}))
          .int64(0);
    }).value();
  }
  // A survey of this year for a new employer of `unit`; returns its path (version 1).
  std::string labour_survey(const std::string& unit) {
    const auto employer = labour_employer(unit);
    return "/api/labour/surveys/" + std::to_string(db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("INSERT INTO labour_survey (employer_id, year, unit_code, unit_path, employees, local_employees, "
                           "nonlocal_employees, contracts, hired, left_count, vacancies, wage_arrears, insured, submitted_by, "
                           "submitted_at, updated_by, updated_at) SELECT $1, $2, unit_code, unit_path, 0, 0, 0, 0, 0, 0, 0, 0, "
                           "0, $3, 0, $3, 0 FROM employer WHERE id = $1 RETURNING id",
                           {employer, std::int64_t{time::shanghai_date(time::now_ms()).year}, target_in_}))
          .int64(0);
    }).value());
  }
  // An open mediation case of `unit`, received on 2026-01-05, sealed as the service seals it.
  std::int64_t mediation(const std::string& unit) {
    return db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      auto path = YC_TRY(tx.one("SELECT path FROM org_unit WHERE code = $1", {unit})).text(0);
      const auto id = YC_TRY(keys_.encrypt("11010519491231002X", "mediation.worker.id"));
      const auto name = YC_TRY(keys_.encrypt("李建国", "mediation.worker.name"));
      const auto claim = YC_TRY(keys_.encrypt("要求支付拖欠工资", "mediation.claim"));
      return YC_TRY(tx.one("INSERT INTO mediation_case (case_no, unit_code, unit_path, worker_id_hash, worker_id_sealed, "
                           "worker_id_masked, worker_name_sealed, worker_name_masked, employer_name, claim_kind, claim_sealed, "
                           "received_day, due_day, mediator_id, state, created_by, created_at) VALUES ($1, $2, $3, 'h', $4, "
                           "'1101**********002X', $5, '李**', '某装修队', 'wages', $6, '2026-01-05', '2026-01-20', $7, "
                           "'open', $7, 0) RETURNING id",
                           {unique("TJ"), unit, path, id, name, claim, target_in_}))
          .int64(0);
    }).value();
  }
  // An open high-risk hazard of `unit`, found on 2026-01-05.
  std::int64_t hazard(const std::string& unit) {
    return db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("INSERT INTO labour_hazard (unit_code, unit_path, kind, risk, description, found_day, state, "
                           "created_by, created_at) SELECT code, path, 'wage_arrears', 'high', '连续两月拖欠工资', '2026-01-05', "
                           "'open', $1, 0 FROM org_unit WHERE code = $2 RETURNING id",
                           {target_in_, unit}))
          .int64(0);
    }).value();
  }
  // A referral (sent on 2026-01-05) of a hazard of `unit`; returns its path.
  std::string labour_referral(const std::string& unit) {
    const auto source = hazard(unit);
    return "/api/labour/referrals/" + std::to_string(db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("INSERT INTO labour_referral (source_kind, source_id, source_ref, unit_code, unit_path, reason, "
                           "referred_day, state, created_by, created_at) SELECT 'hazard', id, '欠薪', unit_code, unit_path, "
                           "'涉嫌拒不支付劳动报酬', '2026-01-05', 'sent', $1, 0 FROM labour_hazard WHERE id = $2 RETURNING id",
                           {target_in_, source}))
          .int64(0);
    }).value());
  }
  // --- end labour fixtures ---
  // --- retirees fixtures ---
  // A valid resident ID number (GB 11643) of a new person, born 1945.
  std::string retiree_id_number() { return id_number_born(1945); }
  // A retiree of `community`, sealed as the service seals them; with
  // `reported`, an open death report by someone else. Returns its path.
  std::string retiree(const std::string& community, bool reported = false) {
    return "/api/retirees/" + std::to_string(db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      auto path = YC_TRY(tx.one("SELECT path FROM org_unit WHERE code = $1", {community})).text(0);
      const auto id = YC_TRY(keys_.encrypt("11010519491231002X", "retiree.id"));
      const auto name = YC_TRY(keys_.encrypt("张三", "retiree.name"));
      auto r = YC_TRY(tx.one("INSERT INTO retiree (kind, unit_code, unit_path, id_hash, id_sealed, id_masked, name_sealed, "
                             "name_masked, gender, birth_year, start_day, status, created_by, created_at, updated_at) "
                             "VALUES ('retiree', $1, $2, $3, $4, '110105********002X', $5, '张*', 'F', 1949, '2005-01-01', "
                             "$6, $7, 0, 0) RETURNING id",
                             {community, path, unique("rh"), id, name, std::string(reported ? "death_reported" : "active"),
                              target_in_}))
                   .int64(0);
      if (reported)
        YC_TRY(tx.exec("INSERT INTO retiree_death_report (retiree_id, death_day, source, state, reported_by, reported_at) "
                       "VALUES ($1, '2025-06-01', 'family', 'open', $2, 0)",
                       {r, target_in_}));
      return r;
    }).value());
  }
  std::string retiree_activity(const std::string& community) {
    return "/api/retiree-activities/" + std::to_string(db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      auto path = YC_TRY(tx.one("SELECT path FROM org_unit WHERE code = $1", {community})).text(0);
      return YC_TRY(tx.one("INSERT INTO retiree_activity (unit_code, unit_path, kind, title, day, place, created_by, created_at) "
                           "VALUES ($1, $2, 'health', '健康讲座', '2025-06-01', '社区活动室', $3, 0) RETURNING id",
                           {community, path, target_in_}))
          .int64(0);
    }).value());
  }
  // --- end retirees fixtures ---
  // --- archives fixtures ---
  // A valid resident ID number not used before in this test (GB 11643 check character).
  std::string archive_id() { return id_number_born(1980); }
  // An archive file kept by the street `unit` (with an open loan when
  // `state` is lent), straight into the tables; returns its path.
  std::string archive_file(const std::string& unit, const std::string& state = "in_store") {
    return "/api/archives/files/" + std::to_string(db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      auto path = YC_TRY(tx.one("SELECT path FROM org_unit WHERE code = $1", {unit})).text(0);
      auto id = YC_TRY(tx.one("INSERT INTO archive_file (file_no, unit_code, unit_path, id_hash, id_sealed, id_masked, "
                              "name_sealed, name_masked, gender, birth_year, source, received_day, pages, room, cabinet, "
                              "shelf, box, state, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, '', "
                              "'110101********0011', '', '张*', 'M', 1980, 'registration', '2020-01-06', 10, '1号库房', "
                              "'A柜', '1层', '1盒', $5, $6, 0, 0) RETURNING id",
                              {unique(unit == "110102003" ? "DA-OUT-" : "DA-IN-"), unit, path, unique("hash"), state,
                               target_in_})).int64(0);
      if (state == "lent")
        YC_TRY(tx.exec("INSERT INTO archive_loan (file_id, borrower_unit, purpose, lent_day, due_day, state, lent_by, "
                       "created_at) VALUES ($1, '社保中心', '核查', '2020-01-06', '2020-01-13', 'open', $2, 0)",
                       {id, target_in_}));
      return id;
    }).value());
  }
  // A room check of the street `unit` in room `room`, straight into the table.
  void archive_check(const std::string& unit, const std::string& room) {
    EXPECT_TRUE(db_->transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
      auto path = YC_TRY(tx.one("SELECT path FROM org_unit WHERE code = $1", {unit})).text(0);
      YC_TRY(tx.exec("INSERT INTO archive_room_check (unit_code, unit_path, room, checked_at, check_day, temperature_x10, "
                     "humidity_x10, extinguisher_ok, smoke_detector_ok, abnormal, checked_by, created_at) VALUES ($1, $2, "
                     "$3, 0, '2026-01-05', 200, 500, 1, 1, 0, $4, 0)",
                     {unit, path, room, target_in_}));
      return {};
    }));
  }
  // --- end archives fixtures ---

  // A case taken at the hall in or out of scope, moved on to `status`.
  std::int64_t make_case(bool in, const std::string& status, const std::string& item = "BJ-JYCY-901") {
    return db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      const cases::Who clerk{clerk_, audit::Actor::system()};
      const cases::Who reviewer{reviewer_, audit::Actor::system()};
      const auto all = org::Scope::all();
      cases::IntakeInput in_;
      in_.item_code = status == "review" || status == "returned" ? "BJ-SHBX-901" : item;
      in_.site_id = in ? hall_in_ : hall_out_;
      in_.applicant = cases::Party{"person", "11010519491231002X", "张三", ""};
      auto d = YC_TRY(cases_->open_case(tx, clerk, all, in_, time::now_ms()));
      const auto id = d.c.id;
      if (status == "intake") return id;
      if (status == "notified") {
        YC_TRY(cases_->judge(tx, clerk, all, id, 0, "missing", "", "未带原件"));
        YC_TRY(cases_->issue_notice(tx, clerk, all, id, ""));
        return id;
      }
      YC_TRY(cases_->judge(tx, clerk, all, id, 0, "received", "original", ""));
      if (status == "received") return id;
      if (status == "rejected") {
        YC_TRY(cases_->reject(tx, clerk, all, id, "不符合条件", "《规定》第一条"));
        return id;
      }
      YC_TRY(cases_->accept(tx, clerk, all, id, time::now_ms(), 99));
      if (status == "returned") {
        const auto task = YC_TRY(tx.one("SELECT id FROM case_task WHERE case_id = $1 AND state = 'open'", {id})).int64(0);
        YC_TRY(cases_->act(tx, reviewer, all, task, "return", "补充材料", "", time::now_ms()));
      }
      if (status == "delivered") {
        cases::Service::DeliverInput di;
        di.method = "window";
        di.receiver_name = "张三";
        di.receiver_id_number = "11010519491231002X";
        YC_TRY(cases_->deliver(tx, clerk, all, id, di, time::now_ms()));
      }
      return id;
    }).value();
  }
  std::string case_path(bool in, const std::string& status, const std::string& suffix = "") {
    return "/api/cases/" + std::to_string(make_case(in, status)) + suffix;
  }
  std::string hall_site(bool in, const std::string& suffix) {
    return "/api/hall/sites/" + std::to_string(in ? hall_in_ : hall_out_) + suffix;
  }
  std::string group_version(bool in) {
    const auto v = scalar("SELECT version FROM service_group WHERE code = 'emp' AND site_id = " +
                          std::to_string(in ? hall_in_ : hall_out_));
    return "{\"version\":" + std::to_string(v) + ",\"active\":true}";
  }
  std::string settings_body(bool in) {
    const auto v = scalar("SELECT COALESCE(MAX(version), 0) FROM hall_setting WHERE site_id = " +
                          std::to_string(in ? hall_in_ : hall_out_));
    return R"({"ticket_hours":"08:30-12:00,13:00-17:00","rest_day_hours":"","green_channel":true,"remote_tickets":false,"max_skips":1,"crowd_wait_minutes":30,)"
           R"("slot_minutes":30,"per_window_slot":2,"booking_days":7,"no_show_limit":3,"no_show_block_days":30,)"
           R"("notice":"","version":)" + std::to_string(v) + "}";
  }
  // A kiosk registered at the hall in or out of scope.
  std::int64_t device(bool in) {
    return db_->transact<hall::NewDevice>(store::TxMode::kWrite, [&](store::Tx& tx) {
      hall::DeviceSpec spec;
      spec.name = "自助机";
      return hall::register_device(tx, audit::Actor::system(), org::Scope::all(), in ? hall_in_ : hall_out_, spec,
                                   time::now_ms());
    }).value().device.id;
  }
  // A waiting ticket at the hall; with `called`, window 1 has called it.
  std::string hall_window(bool in, bool called, const std::string& suffix) {
    const auto site = in ? hall_in_ : hall_out_;
    const auto window = in ? window_in_ : window_out_;
    EXPECT_TRUE(db_->transact<int>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<int> {
      YC_TRY(hall::take_ticket(tx, site, "emp", "kiosk", false, time::now_ms()));
      if (called)
        YC_TRY(hall::call_next(tx, hall::Caller{clerk_, audit::Actor::system()}, org::Scope::all(), window, time::now_ms()));
      return 0;
    }));
    return "/api/hall/windows/" + std::to_string(window) + suffix;
  }
  std::int64_t incident(bool in) {
    return db_->transact<cases::Incident>(store::TxMode::kWrite, [&](store::Tx& tx) {
      cases::IncidentInput ii;
      ii.site_id = in ? hall_in_ : hall_out_;
      ii.kind = "crowding";
      ii.description = "人员拥挤";
      return cases::report_incident(tx, cases::Who{clerk_, audit::Actor::system()}, org::Scope::all(), ii, time::now_ms());
    }).value().id;
  }
  std::int64_t task_of(std::int64_t case_id) {
    return scalar("SELECT id FROM case_task WHERE state = 'open' AND case_id = " + std::to_string(case_id));
  }
  std::int64_t consultation_of(std::int64_t owner, bool in) {
    auto k = db_->transact<cases::Consultation>(store::TxMode::kWrite, [&](store::Tx& tx) {
      cases::ConsultInput ci;
      ci.site_id = in ? hall_in_ : hall_out_;
      ci.question = "怎么办理失业登记";
      ci.answer = "带身份证到窗口";
      return cases_->consult(tx, cases::Who{owner, audit::Actor::system()}, org::Scope::all(), ci);
    });
    EXPECT_TRUE(k) << k.error().message;
    return k.value().id;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  privacy::KeyRing keys_;
  std::unique_ptr<identity::Accounts> accounts_;
  std::unique_ptr<events::Service> events_;
  Config config_;
  http::Router router_;
  std::unique_ptr<identity::ApiRouter> api_;
  std::unique_ptr<cases::Service> cases_;
  std::int64_t clerk_ = 0, reviewer_ = 0;
  std::int64_t hall_in_ = 0, hall_out_ = 0, window_in_ = 0, window_out_ = 0, target_in_ = 0, target_out_ = 0;
  int counter_ = 0;
  int unit_counter_ = 100;
  std::int64_t version_ = 0;  // street codes 110101101.. and 110102101..
};

std::string j(const json::object& o) { return json::serialize(o); }

std::vector<Row> Matrix::rows() {
  auto path = [](std::string p) { return [p](Matrix&, const Caller&) { return Call{p, "", ""}; }; };
  // 申诉复核 (四(三)): a rectification of a rating made today (so still open
  // to appeal), and a pending appeal of one, made by someone else.
  const auto fresh_rectification = [](Matrix& m, const std::string& unit) {
    const auto p = m.rectification(unit);
    const auto id = p.substr(p.rfind('/') + 1);
    EXPECT_TRUE(m.db_->transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
      YC_TRY(tx.exec("UPDATE evaluation SET day = $1 WHERE id = (SELECT evaluation_id FROM rectification WHERE id = " + id + ")",
                     {time::shanghai_date(time::now_ms()).iso()}));
      return {};
    }));
    return p;
  };
  const auto pending_appeal = [](Matrix& m, const std::string& unit) {
    const auto p = m.rectification(unit);
    const auto rect = std::stoll(p.substr(p.rfind('/') + 1));
    return "/api/appeals/" + std::to_string(m.db_->transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      auto r = YC_TRY(tx.one("SELECT r.evaluation_id, u.parent_code, pu.path FROM rectification r JOIN org_unit u ON u.code = "
                             "r.unit_code JOIN org_unit pu ON pu.code = u.parent_code WHERE r.id = $1",
                             {rect}));
      return YC_TRY(tx.one("INSERT INTO evaluation_appeal (rectification_id, evaluation_id, unit_code, unit_path, "
                           "review_unit_code, review_unit_path, reason, explanation, state, appealed_by, appealed_at) "
                           "SELECT $1, $2, unit_code, unit_path, $3, $4, 'mistaken', '评价人误操作评价器', 'pending', $5, 0 "
                           "FROM rectification WHERE id = $1 RETURNING id",
                           {rect, r.int64(0), r.text(1), r.text(2), m.target_in_}))
          .int64(0);
    }).value());
  };
  auto site = [](bool in) {
    return [in](Matrix& m, const Caller&) { return Call{"/api/org/sites/" + std::to_string(in ? m.hall_in_ : m.hall_out_), "", ""}; };
  };
  auto target = [](bool in, std::string suffix = "", std::string body = "") {
    return [in, suffix, body](Matrix& m, const Caller&) {
      return Call{"/api/accounts/" + std::to_string(in ? m.target_in_ : m.target_out_) + suffix, "", body};
    };
  };
  return {
      // --- Public -----------------------------------------------------------------
      {Method::kGet, "/api/health", "public", path("/api/health")},
      {Method::kGet, "/api/system/info", "public", path("/api/system/info")},
      {Method::kGet, "/api/events", "public", nullptr},  // SSE; covered by tests/api
      {Method::kPost, "/api/events/:topic", "public",
       [](Matrix&, const Caller&) { return Call{"/api/events/system", "", "{}"}; }, nullptr, 403},  // token off here
      {Method::kPost, "/api/auth/login", "public",
       [](Matrix& m, const Caller&) {
         return Call{"/api/auth/login", "", j({{"login", m.login_of(m.account("110101001"))}, {"password", kPassword}})};
       }},
      // --- Sign-in steps: any live session; with the sign-in done they have nothing to do
      {Method::kGet, "/api/auth/me", "session", path("/api/auth/me")},
      {Method::kPost, "/api/auth/totp", "session",
       [](Matrix&, const Caller&) { return Call{"/api/auth/totp", "", R"({"code":"123456"})"}; }, nullptr, 409},
      {Method::kPost, "/api/auth/totp/enroll", "session", path("/api/auth/totp/enroll"), nullptr, 409},
      {Method::kPost, "/api/auth/totp/confirm", "session",
       [](Matrix&, const Caller&) { return Call{"/api/auth/totp/confirm", "", R"({"code":"123456"})"}; }, nullptr, 409},
      {Method::kPost, "/api/auth/password", "session",
       [](Matrix&, const Caller& c) {
         return Call{"/api/auth/password", "", j({{"current_password", kPassword}, {"new_password", "Changed-Pw9-" + std::to_string(c.account_id)}})};
       }},
      {Method::kPost, "/api/auth/logout", "session", path("/api/auth/logout"), nullptr, 204},
      // --- Sessions ----------------------------------------------------------------
      {Method::kGet, "/api/sessions", "", path("/api/sessions")},
      {Method::kDelete, "/api/sessions/:id", "",
       [](Matrix& m, const Caller&) { return Call{"/api/sessions/" + m.session_of(m.account("110101001")), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/sessions/" + m.session_of(m.account("110102003")), "", ""}; }, 204,
       // Others' sessions need session.manage over their account; own always.
       [](bool, bool) { return 0; }},
      {Method::kGet, "/api/accounts/:id/sessions", "session.manage", target(true, "/sessions"), target(false, "/sessions")},
      // --- Accounts ------------------------------------------------------------------
      {Method::kGet, "/api/accounts", "account.read", path("/api/accounts"), nullptr, 200, nullptr, "110102003"},
      {Method::kPost, "/api/accounts", "account.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/accounts", "", j({{"login", m.unique("new")}, {"name", "新人员"}, {"unit_code", "110101001"}})};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/accounts", "", j({{"login", m.unique("new")}, {"name", "新人员"}, {"unit_code", "110102003"}})};
       },
       201},
      {Method::kGet, "/api/accounts/:id", "account.read", target(true), target(false)},
      {Method::kPatch, "/api/accounts/:id", "account.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/accounts/" + std::to_string(m.target_in_), "",
                     j({{"name", "改名"}, {"version", m.version_of("account", m.target_in_)}})};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/accounts/" + std::to_string(m.target_out_), "",
                     j({{"name", "改名"}, {"version", m.version_of("account", m.target_out_)}})};
       }},
      {Method::kPost, "/api/accounts/:id/reset-password", "account.write", target(true, "/reset-password"),
       target(false, "/reset-password")},
      {Method::kPost, "/api/accounts/:id/reset-totp", "mfa.reset", target(true, "/reset-totp"), target(false, "/reset-totp"), 204},
      {Method::kPost, "/api/accounts/:id/reveal", "personal.reveal", target(true, "/reveal"), target(false, "/reveal")},
      {Method::kGet, "/api/roles", "", path("/api/roles")},
      {Method::kGet, "/api/accounts/:id/grants", "account.read", target(true, "/grants"), target(false, "/grants")},
      {Method::kPost, "/api/grants", "grant.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/grants", "", j({{"account_id", m.account("110101001")}, {"role", "window_clerk"}, {"unit_code", "110101001"}})};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/grants", "", j({{"account_id", m.account("110102003")}, {"role", "window_clerk"}, {"unit_code", "110102003"}})};
       },
       201},
      {Method::kDelete, "/api/grants/:id", "grant.write",
       [](Matrix& m, const Caller&) { return Call{"/api/grants/" + std::to_string(m.grant_on(m.account("110101001"), "110101001")), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/grants/" + std::to_string(m.grant_on(m.account("110102003"), "110102003")), "", ""}; },
       204},
      // --- Organisation --------------------------------------------------------------
      {Method::kGet, "/api/org/units", "org.read", path("/api/org/units"), nullptr, 200, nullptr, "110102"},
      {Method::kPost, "/api/org/units", "org.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/org/units", "", j({{"code", "110101" + std::to_string(++m.unit_counter_)}, {"parent_code", "110101"}, {"level", 3}, {"name", "新街道"}})};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/org/units", "", j({{"code", "110102" + std::to_string(++m.unit_counter_)}, {"parent_code", "110102"}, {"level", 3}, {"name", "新街道"}})};
       },
       201},
      {Method::kPatch, "/api/org/units/:code", "org.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/org/units/110101002", "", j({{"name", "景山街道"}, {"version", m.scalar("SELECT version FROM org_unit WHERE code = '110101002'")}})};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/org/units/110102001", "", j({{"name", "西长安街街道"}, {"version", m.scalar("SELECT version FROM org_unit WHERE code = '110102001'")}})};
       }},
      {Method::kPost, "/api/org/units/import", "org.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/org/units/import", "", j({{"csv", "code,parent_code,level,name\n110101" + std::to_string(++m.unit_counter_) + ",110101,3,导入街道\n"}})};
       },
       nullptr},
      {Method::kGet, "/api/org/sites", "org.read", path("/api/org/sites"), nullptr, 200, nullptr, "110102003"},
      {Method::kPost, "/api/org/sites", "site.write",
       [](Matrix&, const Caller&) { return Call{"/api/org/sites", "", j({{"unit_code", "110101002"}, {"kind", "hall"}, {"name", "新大厅"}})}; },
       [](Matrix&, const Caller&) { return Call{"/api/org/sites", "", j({{"unit_code", "110102001"}, {"kind", "hall"}, {"name", "新大厅"}})}; },
       201},
      {Method::kGet, "/api/org/sites/:id", "org.read", site(true), site(false)},
      {Method::kPatch, "/api/org/sites/:id", "site.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/org/sites/" + std::to_string(m.hall_in_), "", j({{"name", "东华门街道便民服务中心"}, {"version", m.version_of("org_site", m.hall_in_)}})};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/org/sites/" + std::to_string(m.hall_out_), "", j({{"name", "新街口街道便民服务中心"}, {"version", m.version_of("org_site", m.hall_out_)}})};
       }},
      {Method::kPost, "/api/org/sites/:id/windows", "site.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/org/sites/" + std::to_string(m.hall_in_) + "/windows", "", j({{"number", 10 + ++m.window_counter_}})};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/org/sites/" + std::to_string(m.hall_out_) + "/windows", "", j({{"number", 10 + ++m.window_counter_}})};
       },
       201},
      {Method::kPatch, "/api/org/windows/:id", "site.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/org/windows/" + std::to_string(m.window_in_), "", j({{"open", true}, {"version", m.version_of("org_window", m.window_in_)}})};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/org/windows/" + std::to_string(m.window_out_), "", j({{"open", true}, {"version", m.version_of("org_window", m.window_out_)}})};
       }},
      // --- Audit ----------------------------------------------------------------------
      {Method::kGet, "/api/audit", "audit.read", path("/api/audit"), nullptr, 200, nullptr, "\"unit_id\":\"110102"},
      {Method::kGet, "/api/audit/export", "audit.read", path("/api/audit/export"), nullptr, 200, nullptr, ",110102"},
      {Method::kPost, "/api/audit/verify", "audit.read", path("/api/audit/verify"), nullptr},
      // --- Working-day calendar (policy 三(八)): no unit scope, a city-wide table.
      {Method::kGet, "/api/calendar", "org.read", [](Matrix&, const Caller&) { return Call{"/api/calendar", "year=2025", ""}; }},
      {Method::kGet, "/api/calendar/due", "org.read",
       [](Matrix&, const Caller&) { return Call{"/api/calendar/due", "from=2025-01-24&days=5", ""}; }},
      {Method::kPut, "/api/calendar/days/:day", "calendar.manage",
       [](Matrix&, const Caller&) { return Call{"/api/calendar/days/2026-01-01", "", R"({"kind":"holiday","name":"元旦"})"}; }},
      {Method::kDelete, "/api/calendar/days/:day", "calendar.manage",
       [](Matrix& m, const Caller&) {
         (void)m.db_->transact<void>(store::TxMode::kWrite, [](store::Tx& tx) -> Result<void> {
           YC_TRY_VOID(tx.exec("INSERT INTO calendar_day (day, kind, name, updated_at, updated_by) VALUES "
                               "('2026-05-01', 'holiday', '劳动节', 0, 'test') ON CONFLICT (day) DO NOTHING"));
           return {};
         });
         return Call{"/api/calendar/days/2026-05-01", "", ""};
       },
       nullptr, 204},
      {Method::kPost, "/api/calendar/import", "calendar.manage",
       [](Matrix&, const Caller&) { return Call{"/api/calendar/import", "", R"({"csv":"2026-10-01,休,国庆节\n"})"}; }},
      // --- Catalog (issue 5): public reading; editing the city-wide catalog needs
      // catalog.manage at the city, which no caller here (granted at a district) has.
      {Method::kGet, "/api/catalog/items", "public", path("/api/catalog/items")},
      {Method::kGet, "/api/catalog/items/:code", "public", path("/api/catalog/items/BJ-JYCY-901")},
      {Method::kGet, "/api/catalog/items/:code/guide.pdf", "public", path("/api/catalog/items/BJ-JYCY-901/guide.pdf")},
      {Method::kGet, "/api/catalog/export", "public",
       [](Matrix&, const Caller&) { return Call{"/api/catalog/export", "format=cpsv-ap", ""}; }},
      {Method::kGet, "/api/catalog/items/:code/offers", "public", path("/api/catalog/items/BJ-JYCY-901/offers")},
      {Method::kGet, "/api/catalog/offers", "org.read",
       [](Matrix&, const Caller&) { return Call{"/api/catalog/offers", "unit=110101001", ""}; },
       [](Matrix&, const Caller&) { return Call{"/api/catalog/offers", "unit=110102003", ""}; }},
      {Method::kPut, "/api/catalog/offers/:unit/:item", "catalog.offer",
       [](Matrix&, const Caller&) { return Call{"/api/catalog/offers/110101001/BJ-JYCY-901", "", R"({"windows":"1 号窗口"})"}; },
       [](Matrix&, const Caller&) { return Call{"/api/catalog/offers/110102003/BJ-JYCY-901", "", R"({"windows":"1 号窗口"})"}; }},
      {Method::kDelete, "/api/catalog/offers/:unit/:item", "catalog.offer",
       [](Matrix& m, const Caller&) { return Call{m.offer_on("110101001"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.offer_on("110102003"), "", ""}; }, 204},
      {Method::kGet, "/api/catalog/admin/items", "catalog.manage", path("/api/catalog/admin/items")},
      {Method::kPost, "/api/catalog/admin/items", "catalog.manage",
       [](Matrix&, const Caller&) {
         return Call{"/api/catalog/admin/items", "", R"({"document":{"code":"BJ-JYCY-902","name":"新事项"}})"};
       },
       nullptr, 201, [](bool, bool) { return 403; }},
      {Method::kPost, "/api/catalog/admin/import", "catalog.manage",
       [](Matrix&, const Caller&) { return Call{"/api/catalog/admin/import", "", R"({"items":[{"code":"BJ-JYCY-903"}]})"}; },
       nullptr, 200, [](bool, bool) { return 403; }},
      {Method::kGet, "/api/catalog/admin/items/:code/versions", "catalog.manage",
       path("/api/catalog/admin/items/BJ-JYCY-901/versions")},
      {Method::kPost, "/api/catalog/admin/items/:code/drafts", "catalog.manage",
       path("/api/catalog/admin/items/BJ-JYCY-901/drafts"), nullptr, 201, [](bool, bool) { return 403; }},
      {Method::kPost, "/api/catalog/admin/items/:code/withdraw", "catalog.manage",
       [](Matrix&, const Caller&) { return Call{"/api/catalog/admin/items/BJ-JYCY-901/withdraw", "", R"({"reason":"测试"})"}; },
       nullptr, 204, [](bool, bool) { return 403; }},
      {Method::kPost, "/api/catalog/admin/items/:code/restore", "catalog.manage",
       path("/api/catalog/admin/items/BJ-JYCY-901/restore"), nullptr, 204, [](bool, bool) { return 403; }},
      {Method::kGet, "/api/catalog/versions/:id", "catalog.manage",
       [](Matrix& m, const Caller&) { return Call{"/api/catalog/versions/" + std::to_string(m.version_), "", ""}; }},
      {Method::kPut, "/api/catalog/versions/:id", "catalog.manage",
       [](Matrix& m, const Caller&) {
         return Call{"/api/catalog/versions/" + std::to_string(m.version_), "",
                     R"({"document":{"code":"BJ-JYCY-901","name":"失业登记"},"row_version":1})"};
       },
       nullptr, 200, [](bool, bool) { return 403; }},
      {Method::kPost, "/api/catalog/versions/:id/submit", "catalog.manage",
       [](Matrix& m, const Caller&) { return Call{"/api/catalog/versions/" + std::to_string(m.version_) + "/submit", "", R"({"row_version":1})"}; },
       nullptr, 200, [](bool, bool) { return 403; }},
      {Method::kPost, "/api/catalog/versions/:id/approve", "catalog.manage",
       [](Matrix& m, const Caller&) { return Call{"/api/catalog/versions/" + std::to_string(m.version_) + "/approve", "", R"({"row_version":1})"}; },
       nullptr, 200, [](bool, bool) { return 403; }},
      {Method::kPost, "/api/catalog/versions/:id/reject", "catalog.manage",
       [](Matrix& m, const Caller&) { return Call{"/api/catalog/versions/" + std::to_string(m.version_) + "/reject", "", R"({"row_version":1,"note":"x"})"}; },
       nullptr, 200, [](bool, bool) { return 403; }},
      {Method::kGet, "/api/catalog/versions/:id/diff", "catalog.manage",
       [](Matrix& m, const Caller&) { return Call{"/api/catalog/versions/" + std::to_string(m.version_) + "/diff", "", ""}; }},
      {Method::kGet, "/api/catalog/conformance", "catalog.manage", path("/api/catalog/conformance")},
      // --- Cases (issue 6): the window's side needs case.intake over the hall,
      // the back office's the step's permission over the handling unit.
      {Method::kPost, "/api/consultations", "case.consult",
       [](Matrix& m, const Caller&) {
         return Call{"/api/consultations", "", j({{"site_id", m.hall_in_}, {"question", "问"}, {"answer", "答"}})};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/consultations", "", j({{"site_id", m.hall_out_}, {"question", "问"}, {"answer", "答"}})};
       },
       201},
      {Method::kGet, "/api/consultations", "case.consult",
       [](Matrix& m, const Caller& c) {
         m.consultation_of(c.account_id, false);
         return Call{"/api/consultations", "", ""};
       },
       nullptr, 200, nullptr, "110102003"},
      {Method::kPost, "/api/consultations/:id/handover", "case.consult",
       [](Matrix& m, const Caller& c) {
         return Call{"/api/consultations/" + std::to_string(m.consultation_of(c.account_id, true)) + "/handover", "",
                     j({{"to_login", m.login_of(m.reviewer_)}, {"reason", "下班交接"}})};
       },
       [](Matrix& m, const Caller& c) {
         return Call{"/api/consultations/" + std::to_string(m.consultation_of(c.account_id, false)) + "/handover", "",
                     j({{"to_login", m.login_of(m.reviewer_)}, {"reason", "下班交接"}})};
       }},
      {Method::kPost, "/api/cases", "case.intake",
       [](Matrix& m, const Caller&) {
         return Call{"/api/cases", "", j({{"item_code", "BJ-JYCY-901"}, {"site_id", m.hall_in_},
                                          {"applicant", {{"kind", "person"}, {"id_number", "11010519491231002X"}, {"name", "张三"}}}})};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/cases", "", j({{"item_code", "BJ-JYCY-901"}, {"site_id", m.hall_out_},
                                          {"applicant", {{"kind", "person"}, {"id_number", "11010519491231002X"}, {"name", "张三"}}}})};
       },
       201},
      {Method::kGet, "/api/cases", "",
       [](Matrix& m, const Caller&) {
         m.make_case(false, "intake");
         return Call{"/api/cases", "", ""};
       },
       // A case taken here may be handled elsewhere (全城通办); one taken there is not listed.
       nullptr, 200, nullptr, R"("intake_unit_code":"110102003")"},
      {Method::kGet, "/api/cases/board", "stats.read",
       [](Matrix& m, const Caller&) {
         m.make_case(false, "delivered");
         return Call{"/api/cases/board", "", ""};
       },
       nullptr, 200, nullptr, R"("intake_unit_code":"110102003")"},
      {Method::kGet, "/api/cases/accountability", "stats.read", path("/api/cases/accountability")},
      {Method::kGet, "/api/cases/units", "", path("/api/cases/units")},
      {Method::kGet, "/api/cases/blank-form.pdf", "case.intake",
       [](Matrix&, const Caller&) { return Call{"/api/cases/blank-form.pdf", "item_code=BJ-JYCY-901", ""}; }},
      {Method::kGet, "/api/incidents", "", path("/api/incidents"), nullptr, 200, nullptr, "110102003",
       [](const std::vector<std::string>& p, bool) { return holds_any(p, {"case.intake", "hall.manage", "stats.read"}) ? 200 : 403; }},
      {Method::kPost, "/api/incidents", "",
       [](Matrix& m, const Caller&) {
         return Call{"/api/incidents", "", j({{"site_id", m.hall_in_}, {"kind", "outage"}, {"description", "系统中断"}})};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/incidents", "", j({{"site_id", m.hall_out_}, {"kind", "outage"}, {"description", "系统中断"}})};
       },
       201, nullptr, "",
       [](const std::vector<std::string>& p, bool in) {
         return !holds_any(p, {"case.intake", "hall.manage"}) ? 403 : in ? 201 : 404;
       }},
      {Method::kPost, "/api/incidents/:id/close", "hall.manage",
       [](Matrix& m, const Caller&) { return Call{"/api/incidents/" + std::to_string(m.incident(true)) + "/close", "", R"({"resolution":"已恢复"})"}; },
       [](Matrix& m, const Caller&) { return Call{"/api/incidents/" + std::to_string(m.incident(false)) + "/close", "", R"({"resolution":"已恢复"})"}; }},
      {Method::kGet, "/api/cases/:id", "",
       [](Matrix& m, const Caller&) { return Call{m.case_path(true, "intake"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "intake"), "", ""}; }, 200, nullptr, "",
       [](const std::vector<std::string>& p, bool in) { return sees_cases(p) && in ? 200 : 404; }},
      {Method::kPut, "/api/cases/:id/materials/:idx", "case.intake",
       [](Matrix& m, const Caller&) { return Call{m.case_path(true, "intake", "/materials/0"), "", R"({"state":"received","form":"original"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "intake", "/materials/0"), "", R"({"state":"received","form":"original"})"}; }},
      {Method::kPost, "/api/cases/:id/files", "case.intake",
       [](Matrix& m, const Caller&) {
         return Call{m.case_path(true, "intake", "/files"), "material=0", std::string("\x89PNG\r\n\x1a\nmatrix", 14), "image/png"};
       },
       [](Matrix& m, const Caller&) {
         return Call{m.case_path(false, "intake", "/files"), "material=0", std::string("\x89PNG\r\n\x1a\nmatrix", 14), "image/png"};
       },
       201},
      {Method::kGet, "/api/cases/:id/files/:file_id", "",
       [](Matrix& m, const Caller&) {
         const auto id = m.make_case(true, "intake");
         const auto f = m.db_->transact<cases::FileMeta>(store::TxMode::kWrite, [&](store::Tx& tx) {
           return m.cases_->attach(tx, cases::Who{m.clerk_, audit::Actor::system()}, org::Scope::all(), id, 0,
                                   std::string_view("%PDF-1.4 matrix"));
         }).value();
         return Call{"/api/cases/" + std::to_string(id) + "/files/" + std::to_string(f.id), "", ""};
       },
       nullptr, 200, nullptr, "", [](const std::vector<std::string>& p, bool in) { return sees_cases(p) && in ? 200 : 404; }},
      {Method::kPost, "/api/cases/:id/notice", "case.intake",
       [](Matrix& m, const Caller&) {
         const auto id = m.make_case(true, "intake");
         m.db_->transact<cases::Material>(store::TxMode::kWrite, [&](store::Tx& tx) {
           return m.cases_->judge(tx, cases::Who{m.clerk_, audit::Actor::system()}, org::Scope::all(), id, 0, "missing", "", "未带");
         }).value();
         return Call{"/api/cases/" + std::to_string(id) + "/notice", "", "{}"};
       },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "intake", "/notice"), "", "{}"}; }, 201},
      {Method::kPost, "/api/cases/:id/resume", "case.intake",
       [](Matrix& m, const Caller&) { return Call{m.case_path(true, "notified", "/resume"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "notified", "/resume"), "", ""}; }},
      {Method::kPost, "/api/cases/:id/route", "case.intake",
       [](Matrix& m, const Caller&) { return Call{m.case_path(true, "intake", "/route"), "", R"({"unit_code":"110102003","reason":"户籍地办理"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "intake", "/route"), "", R"({"unit_code":"110101001","reason":"户籍地办理"})"}; }},
      {Method::kPost, "/api/cases/:id/accept", "case.intake",
       [](Matrix& m, const Caller&) { return Call{m.case_path(true, "received", "/accept"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "received", "/accept"), "", ""}; }},
      {Method::kPost, "/api/cases/:id/reject", "case.intake",
       [](Matrix& m, const Caller&) { return Call{m.case_path(true, "intake", "/reject"), "", R"({"reason":"不符合","basis":"第一条"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "intake", "/reject"), "", R"({"reason":"不符合","basis":"第一条"})"}; }},
      {Method::kPost, "/api/cases/:id/correction", "case.intake",
       [](Matrix& m, const Caller&) { return Call{m.case_path(true, "returned", "/correction"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "returned", "/correction"), "", ""}; }},
      {Method::kPost, "/api/cases/:id/deliver", "case.intake",
       [](Matrix& m, const Caller&) { return Call{m.case_path(true, "ready", "/deliver"), "", R"({"method":"window","receiver_name":"张三","receiver_id_number":"11010519491231002X"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "ready", "/deliver"), "", R"({"method":"window","receiver_name":"张三","receiver_id_number":"11010519491231002X"})"}; }},
      {Method::kPost, "/api/cases/:id/followup", "case.intake",
       [](Matrix& m, const Caller&) { return Call{m.case_path(true, "delivered", "/followup"), "", R"({"outcome":"satisfied"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "delivered", "/followup"), "", R"({"outcome":"satisfied"})"}; }},
      {Method::kPost, "/api/cases/:id/notice-additions", "hall.manage",
       [](Matrix& m, const Caller&) { return Call{m.case_path(true, "notified", "/notice-additions"), "", R"({"idx":0,"reason":"复印件不清晰"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "notified", "/notice-additions"), "", R"({"idx":0,"reason":"复印件不清晰"})"}; },
       204},
      {Method::kGet, "/api/cases/:id/notice.pdf", "",
       [](Matrix& m, const Caller&) { return Call{m.case_path(true, "notified", "/notice.pdf"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "notified", "/notice.pdf"), "", ""}; }, 200, nullptr, "",
       [](const std::vector<std::string>& p, bool in) { return sees_cases(p) && in ? 200 : 404; }},
      {Method::kGet, "/api/cases/:id/receipt.pdf", "",
       [](Matrix& m, const Caller&) { return Call{m.case_path(true, "ready", "/receipt.pdf"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "ready", "/receipt.pdf"), "", ""}; }, 200, nullptr, "",
       [](const std::vector<std::string>& p, bool in) { return sees_cases(p) && in ? 200 : 404; }},
      {Method::kGet, "/api/cases/:id/decision.pdf", "",
       [](Matrix& m, const Caller&) { return Call{m.case_path(true, "rejected", "/decision.pdf"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "rejected", "/decision.pdf"), "", ""}; }, 200, nullptr, "",
       [](const std::vector<std::string>& p, bool in) { return sees_cases(p) && in ? 200 : 404; }},
      // A window case has no mailing data (409) where the caller may see it.
      {Method::kGet, "/api/cases/:id/mailing", "case.intake",
       [](Matrix& m, const Caller&) { return Call{m.case_path(true, "ready", "/mailing"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.case_path(false, "ready", "/mailing"), "", ""}; }, 409},
      {Method::kGet, "/api/tasks", "",
       [](Matrix& m, const Caller&) {
         m.make_case(false, "review");
         return Call{"/api/tasks", "step=review_first", ""};
       },
       nullptr, 200, nullptr, R"("intake_unit_code":"110102003")",
       [](const std::vector<std::string>& p, bool) { return holds_any(p, {"case.review.first"}) ? 200 : 403; }},
      {Method::kPost, "/api/tasks/:id/claim", "",
       [](Matrix& m, const Caller&) { return Call{"/api/tasks/" + std::to_string(m.task_of(m.make_case(true, "review"))) + "/claim", "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/tasks/" + std::to_string(m.task_of(m.make_case(false, "review"))) + "/claim", "", ""}; },
       200, nullptr, "", [](const std::vector<std::string>& p, bool in) { return holds_any(p, {"case.review.first"}) && in ? 200 : 404; }},
      {Method::kPost, "/api/tasks/:id/act", "",
       [](Matrix& m, const Caller&) { return Call{"/api/tasks/" + std::to_string(m.task_of(m.make_case(true, "review"))) + "/act", "", R"({"action":"approve"})"}; },
       [](Matrix& m, const Caller&) { return Call{"/api/tasks/" + std::to_string(m.task_of(m.make_case(false, "review"))) + "/act", "", R"({"action":"approve"})"}; },
       200, nullptr, "", [](const std::vector<std::string>& p, bool in) { return holds_any(p, {"case.review.first"}) && in ? 200 : 404; }},
      // --- The hall (issue 7): configuration by the hall manager, calling by the window.
      {Method::kGet, "/api/hall/sites/:site/groups", "org.read",
       [](Matrix& m, const Caller&) { return Call{"/api/hall/sites/" + std::to_string(m.hall_in_) + "/groups", "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/hall/sites/" + std::to_string(m.hall_out_) + "/groups", "", ""}; }},
      {Method::kPost, "/api/hall/sites/:site/groups", "hall.manage",
       [](Matrix& m, const Caller&) {
         return Call{"/api/hall/sites/" + std::to_string(m.hall_in_) + "/groups", "",
                     j({{"code", m.unique("g")}, {"name", "社保"}, {"prefix", std::string(1, static_cast<char>('B' + m.counter_ % 24))}})};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/hall/sites/" + std::to_string(m.hall_out_) + "/groups", "",
                     j({{"code", m.unique("g")}, {"name", "社保"}, {"prefix", "Z"}})};
       },
       201},
      {Method::kPut, "/api/hall/windows/:window/groups", "hall.manage",
       [](Matrix& m, const Caller&) { return Call{"/api/hall/windows/" + std::to_string(m.window_in_) + "/groups", "", R"({"groups":["emp"]})"}; },
       [](Matrix& m, const Caller&) { return Call{"/api/hall/windows/" + std::to_string(m.window_out_) + "/groups", "", R"({"groups":["emp"]})"}; },
       204},
      {Method::kPost, "/api/hall/sites/:site/tickets", "case.intake",
       [](Matrix& m, const Caller&) { return Call{"/api/hall/sites/" + std::to_string(m.hall_in_) + "/tickets", "", R"({"group":"emp"})"}; },
       [](Matrix& m, const Caller&) { return Call{"/api/hall/sites/" + std::to_string(m.hall_out_) + "/tickets", "", R"({"group":"emp"})"}; },
       201},
      {Method::kPost, "/api/hall/windows/:window/call", "case.intake",
       [](Matrix& m, const Caller&) { return Call{m.hall_window(true, false, "/call"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.hall_window(false, false, "/call"), "", ""}; }},
      {Method::kPost, "/api/hall/windows/:window/recall", "case.intake",
       [](Matrix& m, const Caller&) { return Call{m.hall_window(true, true, "/recall"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.hall_window(false, true, "/recall"), "", ""}; }},
      {Method::kPost, "/api/hall/windows/:window/finish", "case.intake",
       [](Matrix& m, const Caller&) { return Call{m.hall_window(true, true, "/finish"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.hall_window(false, true, "/finish"), "", ""}; }},
      {Method::kPost, "/api/hall/windows/:window/skip", "case.intake",
       [](Matrix& m, const Caller&) { return Call{m.hall_window(true, true, "/skip"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.hall_window(false, true, "/skip"), "", ""}; }},
      {Method::kPost, "/api/hall/windows/:window/transfer", "case.intake",
       [](Matrix& m, const Caller&) { return Call{m.hall_window(true, true, "/transfer"), "", R"({"group":"emp"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.hall_window(false, true, "/transfer"), "", R"({"group":"emp"})"}; }},
      {Method::kPatch, "/api/hall/sites/:site/groups/:code", "hall.manage",
       [](Matrix& m, const Caller&) { return Call{m.hall_site(true, "/groups/emp"), "", m.group_version(true)}; },
       [](Matrix& m, const Caller&) { return Call{m.hall_site(false, "/groups/emp"), "", m.group_version(false)}; }},
      {Method::kGet, "/api/hall/sites/:site/settings", "org.read",
       [](Matrix& m, const Caller&) { return Call{m.hall_site(true, "/settings"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.hall_site(false, "/settings"), "", ""}; }},
      {Method::kPut, "/api/hall/sites/:site/settings", "hall.manage",
       [](Matrix& m, const Caller&) { return Call{m.hall_site(true, "/settings"), "", m.settings_body(true)}; },
       [](Matrix& m, const Caller&) { return Call{m.hall_site(false, "/settings"), "", m.settings_body(false)}; }},
      {Method::kGet, "/api/hall/sites/:site/windows", "org.read",
       [](Matrix& m, const Caller&) { return Call{m.hall_site(true, "/windows"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.hall_site(false, "/windows"), "", ""}; }},
      {Method::kGet, "/api/hall/windows/:window", "case.intake",
       [](Matrix& m, const Caller&) { return Call{"/api/hall/windows/" + std::to_string(m.window_in_), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/hall/windows/" + std::to_string(m.window_out_), "", ""}; }},
      {Method::kPost, "/api/hall/windows/:window/sign-in", "case.intake",
       [](Matrix& m, const Caller&) { return Call{"/api/hall/windows/" + std::to_string(m.window_in_) + "/sign-in", "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/hall/windows/" + std::to_string(m.window_out_) + "/sign-in", "", ""}; }},
      {Method::kPost, "/api/hall/windows/:window/sign-out", "case.intake",
       [](Matrix& m, const Caller&) { return Call{"/api/hall/windows/" + std::to_string(m.window_in_) + "/sign-out", "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/hall/windows/" + std::to_string(m.window_out_) + "/sign-out", "", ""}; }},
      {Method::kPost, "/api/hall/windows/:window/open", "case.intake",
       [](Matrix& m, const Caller&) { return Call{"/api/hall/windows/" + std::to_string(m.window_in_) + "/open", "", R"({"open":true})"}; },
       [](Matrix& m, const Caller&) { return Call{"/api/hall/windows/" + std::to_string(m.window_out_) + "/open", "", R"({"open":true})"}; }},
      {Method::kGet, "/api/hall/sites/:site/figures", "org.read",
       [](Matrix& m, const Caller&) { return Call{m.hall_site(true, "/figures"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.hall_site(false, "/figures"), "", ""}; }},
      {Method::kGet, "/api/hall/sites/:site/appointments", "org.read",
       [](Matrix& m, const Caller&) { return Call{m.hall_site(true, "/appointments"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.hall_site(false, "/appointments"), "", ""}; }},
      {Method::kGet, "/api/hall/sites/:site/devices", "hall.manage",
       [](Matrix& m, const Caller&) { return Call{m.hall_site(true, "/devices"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.hall_site(false, "/devices"), "", ""}; }},
      {Method::kPost, "/api/hall/sites/:site/devices", "hall.manage",
       [](Matrix& m, const Caller&) { return Call{m.hall_site(true, "/devices"), "", R"({"name":"自助机"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.hall_site(false, "/devices"), "", R"({"name":"自助机"})"}; }, 201},
      {Method::kDelete, "/api/hall/devices/:id", "hall.manage",
       [](Matrix& m, const Caller&) { return Call{"/api/hall/devices/" + std::to_string(m.device(true)), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/hall/devices/" + std::to_string(m.device(false)), "", ""}; }, 204},
      {Method::kPut, "/api/hall/photo", "",
       [](Matrix&, const Caller&) { return Call{"/api/hall/photo", "", std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR", "image/png"}; },
       nullptr, 204},
      {Method::kGet, "/api/hall/photo", "", path("/api/hall/photo")},  // every role uploaded one just before
      {Method::kDelete, "/api/hall/photo", "", path("/api/hall/photo"), nullptr, 204},
      // Kiosk routes: no session, but without a paired device token nothing.
      {Method::kGet, "/api/kiosk/me", "public", path("/api/kiosk/me"), nullptr, 401},
      {Method::kPost, "/api/kiosk/tickets", "public",
       [](Matrix&, const Caller&) { return Call{"/api/kiosk/tickets", "", R"({"group":"emp"})"}; }, nullptr, 401},
      {Method::kPost, "/api/kiosk/check-in", "public",
       [](Matrix&, const Caller&) { return Call{"/api/kiosk/check-in", "", R"({"code":"12345678"})"}; }, nullptr, 401},
      // Staff, posts and compliance (issue 9): people are in scope by their account's unit.
      {Method::kGet, "/api/staff/meta", "staff.read", path("/api/staff/meta")},
      {Method::kGet, "/api/staff", "staff.read", path("/api/staff")},
      {Method::kGet, "/api/staff/compliance", "staff.read", path("/api/staff/compliance")},
      {Method::kGet, "/api/staff/capacity", "staff.read",
       [](Matrix& m, const Caller&) { return Call{"/api/staff/capacity", "site=" + std::to_string(m.hall_in_), ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/staff/capacity", "site=" + std::to_string(m.hall_out_), ""}; }},
      {Method::kGet, "/api/staff/:account", "staff.read",
       [](Matrix& m, const Caller&) { return Call{"/api/staff/" + std::to_string(m.target_in_), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/staff/" + std::to_string(m.target_out_), "", ""}; }},
      {Method::kPut, "/api/staff/:account", "staff.manage",
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/" + std::to_string(m.account("110101001")), "", R"({"employment":"assistant"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/" + std::to_string(m.account("110102003")), "", R"({"employment":"assistant"})"};
       }},
      {Method::kPost, "/api/staff/:account/assignments", "staff.manage",
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/" + std::to_string(m.staff_member("110101001")) + "/assignments", "",
                     R"({"post":"intake","from":"2026-01-05"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/" + std::to_string(m.staff_member("110102003")) + "/assignments", "",
                     R"({"post":"intake","from":"2026-01-05"})"};
       },
       201},
      {Method::kPost, "/api/staff/assignments/:id/end", "staff.manage",
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/assignments/" + std::to_string(m.staff_post("110101001")) + "/end", "", R"({"to":"2026-12-31"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/assignments/" + std::to_string(m.staff_post("110102003")) + "/end", "", R"({"to":"2026-12-31"})"};
       }},
      {Method::kPost, "/api/staff/:account/training", "staff.manage",
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/" + std::to_string(m.target_in_) + "/training", "",
                     R"({"course":"岗前培训","kind":"pre_post","day":"2026-01-04","days":1,"passed":true})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/" + std::to_string(m.target_out_) + "/training", "",
                     R"({"course":"岗前培训","kind":"pre_post","day":"2026-01-04","days":1,"passed":true})"};
       },
       201},
      {Method::kPut, "/api/staff/:account/attendance/:day", "staff.manage",
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/" + std::to_string(m.target_in_) + "/attendance/2026-11-02", "", R"({"status":"on_post"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/" + std::to_string(m.target_out_) + "/attendance/2026-11-02", "", R"({"status":"on_post"})"};
       }},
      // Internal control (四(四)): creating and judging need the internal_control post
      // as well as staff.manage, which no role of the matrix holds: 403 for all.
      {Method::kGet, "/api/staff/internal-checks", "staff.read", path("/api/staff/internal-checks")},
      {Method::kPost, "/api/staff/internal-checks", "staff.manage",
       [](Matrix&, const Caller&) {
         return Call{"/api/staff/internal-checks", "", R"({"unit":"110101001","from":"2026-01-01","to":"2026-12-31"})"};
       },
       nullptr, 201, [](bool, bool) { return 403; }},
      {Method::kGet, "/api/staff/internal-checks/:id", "staff.read",
       [](Matrix& m, const Caller&) { return Call{"/api/staff/internal-checks/" + std::to_string(m.internal_check("110101001")), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/staff/internal-checks/" + std::to_string(m.internal_check("110102003")), "", ""}; }},
      {Method::kPost, "/api/staff/internal-checks/:id/items/:item", "staff.manage",
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/internal-checks/" + std::to_string(m.internal_check("110101001")) + "/items/1", "", R"({"result":"ok"})"};
       },
       nullptr, 200, [](bool, bool) { return 403; }},
      {Method::kPost, "/api/staff/findings/:id/close", "staff.manage",
       [](Matrix&, const Caller&) { return Call{"/api/staff/findings/999999/close", "", R"({"follow_up":"已整改"})"}; },
       nullptr, 200, [](bool has, bool) { return has ? 404 : 403; }},
      // Training (三(九)): courses and sessions of a unit, results of its people.
      {Method::kGet, "/api/staff/courses", "staff.read", path("/api/staff/courses")},
      {Method::kPost, "/api/staff/courses", "staff.manage",
       [](Matrix&, const Caller&) { return Call{"/api/staff/courses", "", R"({"title":"规范","kind":"annual","days":1,"unit":"110101001"})"}; },
       [](Matrix&, const Caller&) { return Call{"/api/staff/courses", "", R"({"title":"规范","kind":"annual","days":1,"unit":"110102003"})"}; },
       201},
      {Method::kGet, "/api/staff/training-sessions", "staff.read", path("/api/staff/training-sessions")},
      {Method::kPost, "/api/staff/training-sessions", "staff.manage",
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/training-sessions", "",
                     R"({"course_id":)" + std::to_string(m.city_course()) + R"(,"day":"2026-12-01","place":"会议室","capacity":5,"unit":"110101001"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/training-sessions", "",
                     R"({"course_id":)" + std::to_string(m.city_course()) + R"(,"day":"2026-12-01","place":"会议室","capacity":5,"unit":"110102003"})"};
       },
       201},
      {Method::kGet, "/api/staff/training-sessions/:id", "staff.read",
       [](Matrix& m, const Caller&) { return Call{m.training_session("110101001"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.training_session("110102003"), "", ""}; }},
      {Method::kPost, "/api/staff/training-sessions/:id/enrolments", "staff.manage",
       [](Matrix& m, const Caller&) {
         return Call{m.training_session("110101001") + "/enrolments", "",
                     R"({"account_ids":[)" + std::to_string(m.staff_member("110101001")) + "]}"};
       },
       [](Matrix& m, const Caller&) {
         return Call{m.training_session("110102003") + "/enrolments", "",
                     R"({"account_ids":[)" + std::to_string(m.staff_member("110102003")) + "]}"};
       }},
      {Method::kDelete, "/api/staff/training-sessions/:id/enrolments/:account", "staff.manage",
       [](Matrix& m, const Caller&) {
         const auto who = m.staff_member("110101001");
         return Call{m.training_session("110101001", who) + "/enrolments/" + std::to_string(who), "", ""};
       },
       [](Matrix& m, const Caller&) {
         const auto who = m.staff_member("110102003");
         return Call{m.training_session("110102003", who) + "/enrolments/" + std::to_string(who), "", ""};
       }},
      {Method::kPost, "/api/staff/training-sessions/:id/results", "staff.manage",
       [](Matrix& m, const Caller&) {
         const auto who = m.staff_member("110101001");
         return Call{m.training_session("110101001", who) + "/results", "",
                     R"({"results":[{"account_id":)" + std::to_string(who) + R"(,"attended":true,"score":80}]})"};
       },
       [](Matrix& m, const Caller&) {
         const auto who = m.staff_member("110102003");
         return Call{m.training_session("110102003", who) + "/results", "",
                     R"({"results":[{"account_id":)" + std::to_string(who) + R"(,"attended":true,"score":80}]})"};
       }},
      {Method::kGet, "/api/staff/training-totals", "staff.read", path("/api/staff/training-totals")},
      // The roster photo (三亮明), kept by whoever manages the person.
      {Method::kGet, "/api/staff/:account/photo", "staff.read",
       [](Matrix& m, const Caller&) { return Call{m.staff_photo("110101001"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.staff_photo("110102003"), "", ""}; }},
      {Method::kPut, "/api/staff/:account/photo", "staff.manage",
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/" + std::to_string(m.staff_member("110101001")) + "/photo", "",
                     std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR", "image/png"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/staff/" + std::to_string(m.staff_member("110102003")) + "/photo", "",
                     std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR", "image/png"};
       },
       204},
      {Method::kDelete, "/api/staff/:account/photo", "staff.manage",
       [](Matrix& m, const Caller&) { return Call{m.staff_photo("110101001"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.staff_photo("110102003"), "", ""}; },
       204},
      // The window device agent (issue 8): its own token, never a session.
      {Method::kPost, "/api/agent/heartbeat", "public",
       [](Matrix&, const Caller&) { return Call{"/api/agent/heartbeat", "", R"({"devices":[]})"}; }, nullptr, 401},
      // The screens and citizens: public, no personal data beyond 三亮明.
      {Method::kGet, "/api/hall/sites/:site/board", "public",
       [](Matrix& m, const Caller&) { return Call{m.hall_site(true, "/board"), "", ""}; }},
      {Method::kGet, "/api/hall/windows/:window/board", "public",
       [](Matrix& m, const Caller&) { return Call{"/api/hall/windows/" + std::to_string(m.window_in_) + "/board", "", ""}; }},
      {Method::kGet, "/api/hall/windows/:window/photo", "public",
       [](Matrix& m, const Caller&) { return Call{"/api/hall/windows/" + std::to_string(m.window_out_) + "/photo", "", ""}; },
       nullptr, 404},
      {Method::kGet, "/api/hall/voice", "public",
       [](Matrix&, const Caller&) { return Call{"/api/hall/voice", "label=A015&window=3", ""}; }},
      {Method::kPost, "/api/hall/sites/:site/remote-tickets", "public",
       [](Matrix& m, const Caller&) { return Call{m.hall_site(true, "/remote-tickets"), "", R"({"group":"emp","phone":"13800138000"})"}; },
       nullptr, 422},  // not allowed at this site
      {Method::kGet, "/api/hall/sites/:site/slots", "public",
       [](Matrix& m, const Caller&) { return Call{m.hall_site(true, "/slots"), "group=emp", ""}; }},
      {Method::kPost, "/api/appointments", "public",
       [](Matrix& m, const Caller&) {
         return Call{"/api/appointments", "", j({{"site_id", m.hall_in_}, {"group", "emp"}, {"slot_start", 0}, {"name", "张三"},
                                                 {"id_number", "11010519491231002X"}, {"phone", "13800138000"}})};
       },
       nullptr, 422},
      {Method::kPost, "/api/appointments/:code/lookup", "public",
       [](Matrix&, const Caller&) { return Call{"/api/appointments/12345678/lookup", "", R"({"id_number":"11010519491231002X"})"}; },
       nullptr, 404},
      {Method::kPost, "/api/appointments/:code/change", "public",
       [](Matrix&, const Caller&) {
         return Call{"/api/appointments/12345678/change", "", R"({"id_number":"11010519491231002X","slot_start":1})"};
       },
       nullptr, 404},
      {Method::kPost, "/api/appointments/:code/cancel", "public",
       [](Matrix&, const Caller&) { return Call{"/api/appointments/12345678/cancel", "", R"({"id_number":"11010519491231002X"})"}; },
       nullptr, 404},
      {Method::kGet, "/api/progress/:case_no", "public",
       [](Matrix& m, const Caller&) {
         const auto id = m.make_case(true, "ready");
         auto row = m.db_->transact<std::pair<std::string, std::string>>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::pair<std::string, std::string>> {
           auto r = YC_TRY(tx.one("SELECT case_no, progress_token FROM service_case WHERE id = $1", {id}));
           return std::make_pair(r.text(0), r.text(1));
         }).value();
         return Call{"/api/progress/" + row.first, "t=" + row.second, ""};
       }},
      // 好差评 (四(三)): the citizen rates by the receipt's token; pads by their own token.
      {Method::kGet, "/api/evaluation/meta", "public", path("/api/evaluation/meta")},
      {Method::kPost, "/api/progress/:case_no/evaluations", "public",
       [](Matrix& m, const Caller&) {
         const auto id = m.make_case(true, "ready");
         auto row = m.db_->transact<std::pair<std::string, std::string>>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::pair<std::string, std::string>> {
           auto r = YC_TRY(tx.one("SELECT case_no, progress_token FROM service_case WHERE id = $1", {id}));
           return std::make_pair(r.text(0), r.text(1));
         }).value();
         return Call{"/api/progress/" + row.first + "/evaluations", "",
                     R"({"t":")" + row.second + R"(","stage":"accepted","level":5})"};
       },
       nullptr, 201},
      {Method::kPost, "/api/progress/:case_no/evaluations/view", "public",
       [](Matrix& m, const Caller&) {
         const auto id = m.make_case(true, "ready");
         auto row = m.db_->transact<std::pair<std::string, std::string>>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::pair<std::string, std::string>> {
           auto r = YC_TRY(tx.one("SELECT case_no, progress_token FROM service_case WHERE id = $1", {id}));
           return std::make_pair(r.text(0), r.text(1));
         }).value();
         return Call{"/api/progress/" + row.first + "/evaluations/view", "", R"({"t":")" + row.second + R"("})"};
       }},
      {Method::kGet, "/api/pad/current", "public", path("/api/pad/current"), nullptr, 401},
      {Method::kPost, "/api/pad/evaluations", "public",
       [](Matrix&, const Caller&) { return Call{"/api/pad/evaluations", "", R"({"ticket_id":1,"level":5})"}; }, nullptr, 401},
      {Method::kGet, "/api/evaluations", "evaluation.read", path("/api/evaluations")},
      {Method::kGet, "/api/rectifications", "evaluation.read", path("/api/rectifications")},
      {Method::kGet, "/api/rectifications/:id", "evaluation.rectify",
       [](Matrix& m, const Caller&) { return Call{m.rectification("110101001"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.rectification("110102003"), "", ""}; }},
      {Method::kPost, "/api/rectifications/:id/reveal-contact", "evaluation.rectify",
       [](Matrix& m, const Caller&) { return Call{m.rectification("110101001") + "/reveal-contact", "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.rectification("110102003") + "/reveal-contact", "", ""}; },
       404},  // in scope, but this rater left no phone
      {Method::kPost, "/api/rectifications/:id/callback", "evaluation.rectify",
       [](Matrix& m, const Caller&) {
         return Call{m.rectification("110101001") + "/callback", "", R"({"outcome":"reached","note":"已联系"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{m.rectification("110102003") + "/callback", "", R"({"outcome":"reached","note":"已联系"})"};
       }},
      {Method::kPost, "/api/rectifications/:id/close", "evaluation.rectify",
       [](Matrix& m, const Caller&) { return Call{m.rectification("110101001") + "/close", "", R"({"result":"已整改","version":1})"}; },
       [](Matrix& m, const Caller&) { return Call{m.rectification("110102003") + "/close", "", R"({"result":"已整改","version":1})"}; }},
      {Method::kPost, "/api/rectifications/:id/appeal", "evaluation.rectify",
       [fresh_rectification](Matrix& m, const Caller&) {
         return Call{fresh_rectification(m, "110101001") + "/appeal", "", R"({"reason":"mistaken","explanation":"评价人误操作评价器，当日未在本窗口办理"})"};
       },
       [fresh_rectification](Matrix& m, const Caller&) {
         return Call{fresh_rectification(m, "110102003") + "/appeal", "", R"({"reason":"mistaken","explanation":"评价人误操作评价器，当日未在本窗口办理"})"};
       },
       201},
      {Method::kGet, "/api/appeals", "evaluation.review", path("/api/appeals")},
      {Method::kGet, "/api/appeals/:id", "evaluation.review",
       [pending_appeal](Matrix& m, const Caller&) { return Call{pending_appeal(m, "110101001"), "", ""}; },
       [pending_appeal](Matrix& m, const Caller&) { return Call{pending_appeal(m, "110102003"), "", ""}; }},
      {Method::kPost, "/api/appeals/:id/review", "evaluation.review",
       [pending_appeal](Matrix& m, const Caller&) {
         return Call{pending_appeal(m, "110101001") + "/review", "", R"({"decision":"reject","note":"经核实评价属实","version":1})"};
       },
       [pending_appeal](Matrix& m, const Caller&) {
         return Call{pending_appeal(m, "110102003") + "/review", "", R"({"decision":"reject","note":"经核实评价属实","version":1})"};
       }},
      // 四公开 (三(八)): every site's public disclosure.
      {Method::kGet, "/api/public/sites/:site/disclosure", "public",
       [](Matrix& m, const Caller&) { return Call{"/api/public/sites/" + std::to_string(m.hall_in_) + "/disclosure", "", ""}; }},
      // Data exchange: webhooks of the caller's units (system and city administrators).
      {Method::kGet, "/api/webhooks", "exchange.manage", path("/api/webhooks")},
      {Method::kPost, "/api/webhooks", "exchange.manage",
       [](Matrix&, const Caller&) {
         return Call{"/api/webhooks", "", R"({"name":"区数据中心","url":"https://x.example/h","unit":"110101001","events":["case.accepted"]})"};
       },
       [](Matrix&, const Caller&) {
         return Call{"/api/webhooks", "", R"({"name":"区数据中心","url":"https://x.example/h","unit":"110102003","events":["case.accepted"]})"};
       },
       201},
      {Method::kGet, "/api/webhooks/deliveries", "exchange.manage", path("/api/webhooks/deliveries")},
      {Method::kPost, "/api/webhooks/deliveries/:id/retry", "exchange.manage",
       [](Matrix& m, const Caller&) {
         return Call{"/api/webhooks/deliveries/" + std::to_string(m.webhook("110101001").second) + "/retry", "", ""};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/webhooks/deliveries/" + std::to_string(m.webhook("110102003").second) + "/retry", "", ""};
       }},
      {Method::kDelete, "/api/webhooks/:id", "exchange.manage",
       [](Matrix& m, const Caller&) { return Call{"/api/webhooks/" + std::to_string(m.webhook("110101001").first), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/webhooks/" + std::to_string(m.webhook("110102003").first), "", ""}; },
       204},
      // Authorized systems (issue 10, item 7): their tokens, managed by exchange.manage.
      {Method::kGet, "/api/api-clients", "exchange.manage", path("/api/api-clients")},
      {Method::kPost, "/api/api-clients", "exchange.manage",
       [](Matrix&, const Caller&) {
         return Call{"/api/api-clients", "", R"({"name":"区数据中心","unit":"110101001","scopes":["stats.read"]})"};
       },
       [](Matrix&, const Caller&) {
         return Call{"/api/api-clients", "", R"({"name":"区数据中心","unit":"110102003","scopes":["stats.read"]})"};
       },
       201},
      {Method::kPost, "/api/api-clients/:id/rotate", "exchange.manage",
       [](Matrix& m, const Caller&) { return Call{"/api/api-clients/" + std::to_string(m.api_client("110101001").first) + "/rotate", "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/api-clients/" + std::to_string(m.api_client("110102003").first) + "/rotate", "", ""}; }},
      {Method::kPost, "/api/api-clients/:id/revoke", "exchange.manage",
       [](Matrix& m, const Caller&) { return Call{"/api/api-clients/" + std::to_string(m.api_client("110101001").first) + "/revoke", "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/api-clients/" + std::to_string(m.api_client("110102003").first) + "/revoke", "", ""}; }},
      // Only a system's token opens these (AuthorizedSystemsReadWhatTheirTokenAllows).
      {Method::kGet, "/api/open/cases", "client:cases.read",
       [](Matrix&, const Caller&) { return Call{"/api/open/cases", "unit=110101001", ""}; },
       [](Matrix&, const Caller&) { return Call{"/api/open/cases", "unit=110102003", ""}; }},
      {Method::kGet, "/api/open/cases/:case_no", "client:cases.read",
       [](Matrix& m, const Caller&) { return Call{"/api/open/cases/" + m.case_no(m.make_case(true, "review")), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/open/cases/" + m.case_no(m.make_case(false, "review")), "", ""}; }},
      {Method::kGet, "/api/openapi.json", "public", path("/api/openapi.json")},
      // Citizens (issue 11): public sign-in steps, then their own session only.
      {Method::kGet, "/api/citizen/config", "public", path("/api/citizen/config")},
      {Method::kGet, "/api/public/sites", "public", path("/api/public/sites")},
      {Method::kGet, "/api/catalog/answers", "public",
       [](Matrix&, const Caller&) { return Call{"/api/catalog/answers", "q=%E5%A4%B1%E4%B8%9A%E9%87%91", ""}; }},
      {Method::kGet, "/api/citizen/login", "public", path("/api/citizen/login"), nullptr, 503},
      {Method::kGet, "/api/citizen/callback", "public", path("/api/citizen/callback"), nullptr, 302},
      {Method::kPost, "/api/citizen/demo-login", "public",
       [](Matrix&, const Caller&) { return Call{"/api/citizen/demo-login", "", R"({"account":"zhangmin"})"}; }, nullptr, 404},
      {Method::kGet, "/api/citizen/me", "citizen", path("/api/citizen/me")},
      {Method::kPost, "/api/citizen/logout", "citizen", path("/api/citizen/logout")},
      {Method::kGet, "/api/citizen/cases", "citizen", path("/api/citizen/cases")},
      {Method::kGet, "/api/citizen/notifications", "citizen", path("/api/citizen/notifications")},
      {Method::kPost, "/api/citizen/notifications/read", "citizen", path("/api/citizen/notifications/read")},
      {Method::kGet, "/api/citizen/apply/:item_code", "citizen", path("/api/citizen/apply/BJ-JYCY-007")},
      {Method::kGet, "/api/citizen/appointments", "citizen", path("/api/citizen/appointments")},
      {Method::kGet, "/api/citizen/complaints", "citizen", path("/api/citizen/complaints")},
      {Method::kPost, "/api/citizen/complaints", "citizen", path("/api/citizen/complaints")},
      {Method::kPost, "/api/citizen/appointments", "citizen", path("/api/citizen/appointments")},
      {Method::kPost, "/api/citizen/appointments/:code/change", "citizen", path("/api/citizen/appointments/12345678/change")},
      {Method::kPost, "/api/citizen/appointments/:code/cancel", "citizen", path("/api/citizen/appointments/12345678/cancel")},
      {Method::kPost, "/api/citizen/uploads", "citizen", path("/api/citizen/uploads")},
      {Method::kDelete, "/api/citizen/uploads/:id", "citizen", path("/api/citizen/uploads/1")},
      {Method::kPost, "/api/citizen/applications", "citizen", path("/api/citizen/applications")},
      {Method::kGet, "/api/citizen/cases/:case_no", "citizen", path("/api/citizen/cases/20261127-000001")},
      {Method::kPost, "/api/citizen/cases/:case_no/correction", "citizen",
       path("/api/citizen/cases/20261127-000001/correction")},
      {Method::kGet, "/api/citizen/cases/:case_no/result.pdf", "citizen",
       path("/api/citizen/cases/20261127-000001/result.pdf")},
      {Method::kGet, "/api/citizen/cases/:case_no/receipt.pdf", "citizen",
       path("/api/citizen/cases/20261127-000001/receipt.pdf")},
      {Method::kGet, "/api/citizen/cases/:case_no/notice.pdf", "citizen",
       path("/api/citizen/cases/20261127-000001/notice.pdf")},
      // 台账 and dashboards (annex 一(四)): figures of the caller's units.
      {Method::kGet, "/api/stats/overview", "stats.read",
       [](Matrix&, const Caller&) { return Call{"/api/stats/overview", "unit=110101001", ""}; },
       [](Matrix&, const Caller&) { return Call{"/api/stats/overview", "unit=110102003", ""}; }},
      {Method::kGet, "/api/stats/accountability", "stats.read",
       [](Matrix&, const Caller&) { return Call{"/api/stats/accountability", "unit=110101001", ""}; },
       [](Matrix&, const Caller&) { return Call{"/api/stats/accountability", "unit=110102003", ""}; }},
      {Method::kGet, "/api/stats/ledger", "stats.read",
       [](Matrix&, const Caller&) { return Call{"/api/stats/ledger", "unit=110101001&month=2026-11", ""}; },
       [](Matrix&, const Caller&) { return Call{"/api/stats/ledger", "unit=110102003&month=2026-11", ""}; }},
      {Method::kGet, "/api/stats/ledger.xlsx", "stats.read",
       [](Matrix&, const Caller&) { return Call{"/api/stats/ledger.xlsx", "unit=110101001&month=2026-11", ""}; },
       [](Matrix&, const Caller&) { return Call{"/api/stats/ledger.xlsx", "unit=110102003&month=2026-11", ""}; }},
      {Method::kGet, "/api/stats/report.pdf", "stats.read",
       [](Matrix&, const Caller&) { return Call{"/api/stats/report.pdf", "unit=110101001&month=2026-11", ""}; },
       [](Matrix&, const Caller&) { return Call{"/api/stats/report.pdf", "unit=110102003&month=2026-11", ""}; }},
      // 投诉举报 (三(四)): anyone may complain; officers of the unit handle it.
      {Method::kPost, "/api/public/complaints", "public",
       [](Matrix& m, const Caller&) {
         return Call{"/api/public/complaints", "",
                     R"({"category":"attitude","content":"窗口工作人员态度生硬不解释","anonymous":true,"site_id":)" +
                         std::to_string(m.hall_in_) + "}"};
       },
       nullptr, 201},
      {Method::kPost, "/api/public/complaints/:no/view", "public",
       [](Matrix&, const Caller&) { return Call{"/api/public/complaints/TS20261102-0001/view", "", R"({"code":"nope"})"}; },
       nullptr, 404},
      {Method::kPost, "/api/complaints", "complaint.intake",
       [](Matrix& m, const Caller&) {
         return Call{"/api/complaints", "",
                     R"({"category":"attitude","content":"窗口工作人员态度生硬不解释","anonymous":true,"site_id":)" +
                         std::to_string(m.hall_in_) + "}"};
       },
       nullptr, 201},
      {Method::kGet, "/api/complaints", "complaint.read", path("/api/complaints")},
      {Method::kGet, "/api/complaints/:id", "complaint.read",
       [](Matrix& m, const Caller&) { return Call{m.complaint("110101001"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.complaint("110102003"), "", ""}; }},
      {Method::kPost, "/api/complaints/:id/reporter", "complaint.reveal",
       [](Matrix& m, const Caller&) { return Call{m.complaint("110101001", "received", 0, false) + "/reporter", "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.complaint("110102003", "received", 0, false) + "/reporter", "", ""}; }},
      {Method::kPost, "/api/complaints/:id/accept", "complaint.handle",
       [](Matrix& m, const Caller&) { return Call{m.complaint("110101001") + "/accept", "", "{}"}; },
       [](Matrix& m, const Caller&) { return Call{m.complaint("110102003") + "/accept", "", "{}"}; }},
      {Method::kGet, "/api/complaints/:id/assignees", "complaint.handle",
       [](Matrix& m, const Caller&) { return Call{m.complaint("110101001") + "/assignees", "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.complaint("110102003") + "/assignees", "", ""}; }},
      {Method::kPost, "/api/complaints/:id/reject", "complaint.handle",
       [](Matrix& m, const Caller&) { return Call{m.complaint("110101001") + "/reject", "", R"({"reason":"不属于受理范围"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.complaint("110102003") + "/reject", "", R"({"reason":"不属于受理范围"})"}; }},
      {Method::kPost, "/api/complaints/:id/assign", "complaint.handle",
       [](Matrix& m, const Caller& c) {
         return Call{m.complaint("110101001") + "/assign", "", R"({"assignee_id":)" + std::to_string(c.account_id) + "}"};
       },
       [](Matrix& m, const Caller& c) {
         return Call{m.complaint("110102003") + "/assign", "", R"({"assignee_id":)" + std::to_string(c.account_id) + "}"};
       }},
      {Method::kPost, "/api/complaints/:id/reply", "complaint.handle",
       [](Matrix& m, const Caller& c) {
         return Call{m.complaint("110101001", "accepted", c.account_id) + "/reply", "",
                     R"({"reply":"经调查核实，已对窗口人员批评教育","upheld":true})"};
       },
       [](Matrix& m, const Caller& c) {
         return Call{m.complaint("110102003", "accepted", c.account_id) + "/reply", "",
                     R"({"reply":"经调查核实，已对窗口人员批评教育","upheld":true})"};
       }},
      {Method::kPost, "/api/complaints/:id/close", "complaint.handle",
       [](Matrix& m, const Caller&) { return Call{m.complaint("110101001", "replied") + "/close", "", R"({"outcome":"not_applicable"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.complaint("110102003", "replied") + "/close", "", R"({"outcome":"not_applicable"})"}; }},
      {Method::kPost, "/api/progress/:case_no", "public",
       [](Matrix& m, const Caller&) {
         const auto id = m.make_case(true, "ready");
         const auto no = m.db_->transact<std::string>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::string> {
           return YC_TRY(tx.one("SELECT case_no FROM service_case WHERE id = $1", {id})).text(0);
         }).value();
         return Call{"/api/progress/" + no, "", R"({"id_number":"11010519491231002X"})"};
       }},
      // --- employment (issue 12): rows below ---
      {Method::kGet, "/api/employers", "employment.read",
       [](Matrix& m, const Caller&) { m.employer_of(false); m.employer_of(true); return Call{"/api/employers", "", ""}; },
       nullptr, 200, nullptr, "西城矩阵单位"},
      {Method::kPost, "/api/employers", "employment.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/employers", "", R"({"credit_code":")" + m.new_credit_code() + R"(","name":"新单位","unit_code":"110101001"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/employers", "", R"({"credit_code":")" + m.new_credit_code() + R"(","name":"新单位","unit_code":"110102003"})"};
       },
       201, [](bool has, bool in) { return !has ? 403 : in ? 201 : 400; }},
      {Method::kGet, "/api/employers/:id", "employment.read",
       [](Matrix& m, const Caller&) { return Call{"/api/employers/" + std::to_string(m.employer_of(true)), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/employers/" + std::to_string(m.employer_of(false)), "", ""}; }},
      {Method::kPatch, "/api/employers/:id", "employment.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/employers/" + std::to_string(m.employer_of(true)), "", R"({"version":1,"name":"改名单位","unit_code":"110101001"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/employers/" + std::to_string(m.employer_of(false)), "", R"({"version":1,"name":"改名单位","unit_code":"110101001"})"};
       }},
      {Method::kGet, "/api/residents", "employment.read",
       [](Matrix& m, const Caller&) { m.job_seeker(false); m.job_seeker(true); return Call{"/api/residents", "", ""}; },
       nullptr, 200, nullptr, "新街口"},
      {Method::kPost, "/api/residents", "employment.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/residents", "", R"({"id_number":")" + m.new_id_number() + R"(","name":"李四","unit_code":"110101001001","status":"flexible"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/residents", "", R"({"id_number":")" + m.new_id_number() + R"(","name":"李四","unit_code":"110102003001","status":"flexible"})"};
       },
       201, [](bool has, bool in) { return !has ? 403 : in ? 201 : 400; }},
      {Method::kPost, "/api/residents/find", "employment.read",
       [](Matrix& m, const Caller&) { return Call{"/api/residents/find", "", R"({"id_number":")" + m.job_seeker_id_number(true) + "\"}"}; },
       [](Matrix& m, const Caller&) { return Call{"/api/residents/find", "", R"({"id_number":")" + m.job_seeker_id_number(false) + "\"}"}; }},
      {Method::kGet, "/api/residents/:id", "employment.read",
       [](Matrix& m, const Caller&) { return Call{"/api/residents/" + std::to_string(m.job_seeker(true)), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/residents/" + std::to_string(m.job_seeker(false)), "", ""}; }},
      {Method::kPatch, "/api/residents/:id", "employment.write",
       [](Matrix& m, const Caller&) { return Call{"/api/residents/" + std::to_string(m.job_seeker(true)), "", R"({"version":1,"status":"flexible"})"}; },
       [](Matrix& m, const Caller&) { return Call{"/api/residents/" + std::to_string(m.job_seeker(false)), "", R"({"version":1,"status":"flexible"})"}; }},
      {Method::kPost, "/api/residents/:id/reveal", "employment.write",
       [](Matrix& m, const Caller&) { return Call{"/api/residents/" + std::to_string(m.job_seeker(true)) + "/reveal", "", "{}"}; },
       [](Matrix& m, const Caller&) { return Call{"/api/residents/" + std::to_string(m.job_seeker(false)) + "/reveal", "", "{}"}; }},
      {Method::kPost, "/api/residents/:id/visits", "employment.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/residents/" + std::to_string(m.job_seeker(true)) + "/visits", "", R"({"version":1,"method":"phone","note":"电话回访, 仍在求职"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/residents/" + std::to_string(m.job_seeker(false)) + "/visits", "", R"({"version":1,"method":"phone","note":"电话回访, 仍在求职"})"};
       },
       201},
      {Method::kGet, "/api/residents/:id/matches", "employment.read",
       [](Matrix& m, const Caller&) { return Call{"/api/residents/" + std::to_string(m.job_seeker(true)) + "/matches", "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/residents/" + std::to_string(m.job_seeker(false)) + "/matches", "", ""}; }},
      {Method::kPost, "/api/residents/:id/guidance", "employment.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/residents/" + std::to_string(m.job_seeker(true)) + "/guidance", "", R"({"kind":"guidance","topic":"求职面试技巧"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/residents/" + std::to_string(m.job_seeker(false)) + "/guidance", "", R"({"kind":"guidance","topic":"求职面试技巧"})"};
       },
       201},
      {Method::kPost, "/api/guidance/:id/state", "employment.write",
       [](Matrix& m, const Caller&) { return Call{"/api/guidance/" + std::to_string(m.training_referral(true)) + "/state", "", R"({"version":1,"state":"enrolled"})"}; },
       [](Matrix& m, const Caller&) { return Call{"/api/guidance/" + std::to_string(m.training_referral(false)) + "/state", "", R"({"version":1,"state":"enrolled"})"}; }},
      {Method::kGet, "/api/vacancies", "employment.read",
       [](Matrix& m, const Caller&) { m.job_vacancy(false); m.job_vacancy(true); return Call{"/api/vacancies", "", ""}; },
       nullptr, 200, nullptr, "西城矩阵单位"},
      {Method::kPost, "/api/vacancies", "employment.write",
       [](Matrix& m, const Caller&) { return Call{"/api/vacancies", "", R"({"employer_id":)" + std::to_string(m.employer_of(true)) + R"(,"title":"保安"})"}; },
       [](Matrix& m, const Caller&) { return Call{"/api/vacancies", "", R"({"employer_id":)" + std::to_string(m.employer_of(false)) + R"(,"title":"保安"})"}; },
       201, [](bool has, bool in) { return !has ? 403 : in ? 201 : 400; }},
      {Method::kPost, "/api/vacancies/:id/close", "employment.write",
       [](Matrix& m, const Caller&) { return Call{"/api/vacancies/" + std::to_string(m.job_vacancy(true)) + "/close", "", "{}"}; },
       [](Matrix& m, const Caller&) { return Call{"/api/vacancies/" + std::to_string(m.job_vacancy(false)) + "/close", "", "{}"}; }},
      {Method::kGet, "/api/vacancies/:id/matches", "employment.read",
       [](Matrix& m, const Caller&) { return Call{"/api/vacancies/" + std::to_string(m.job_vacancy(true)) + "/matches", "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/vacancies/" + std::to_string(m.job_vacancy(false)) + "/matches", "", ""}; }},
      {Method::kGet, "/api/referrals", "employment.read",
       [](Matrix& m, const Caller&) { m.job_referral(false); m.job_referral(true); return Call{"/api/referrals", "", ""}; },
       nullptr, 200, nullptr, "西城矩阵单位"},
      {Method::kPost, "/api/referrals", "employment.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/referrals", "", R"({"resident_id":)" + std::to_string(m.job_seeker(true)) + R"(,"vacancy_id":)" + std::to_string(m.job_vacancy(true)) + "}"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/referrals", "", R"({"resident_id":)" + std::to_string(m.job_seeker(false)) + R"(,"vacancy_id":)" + std::to_string(m.job_vacancy(false)) + "}"};
       },
       201},
      {Method::kPost, "/api/referrals/:id/outcome", "employment.write",
       [](Matrix& m, const Caller&) { return Call{"/api/referrals/" + std::to_string(m.job_referral(true)) + "/outcome", "", R"({"version":1,"outcome":"declined"})"}; },
       [](Matrix& m, const Caller&) { return Call{"/api/referrals/" + std::to_string(m.job_referral(false)) + "/outcome", "", R"({"version":1,"outcome":"declined"})"}; }},
      {Method::kGet, "/api/welfare-placements", "employment.read",
       [](Matrix& m, const Caller&) { m.welfare_placement(false); m.welfare_placement(true); return Call{"/api/welfare-placements", "", ""}; },
       nullptr, 200, nullptr, "西城矩阵单位"},
      {Method::kPost, "/api/welfare-placements", "employment.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/welfare-placements", "", R"({"resident_id":)" + std::to_string(m.job_seeker(true, "hardship")) + R"(,"vacancy_id":)" + std::to_string(m.job_vacancy(true, true)) + "}"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/welfare-placements", "", R"({"resident_id":)" + std::to_string(m.job_seeker(false, "hardship")) + R"(,"vacancy_id":)" + std::to_string(m.job_vacancy(false, true)) + "}"};
       },
       201},
      {Method::kPost, "/api/welfare-placements/:id/end", "employment.write",
       [](Matrix& m, const Caller&) { return Call{"/api/welfare-placements/" + std::to_string(m.welfare_placement(true)) + "/end", "", R"({"version":1,"end_reason":"本人辞职"})"}; },
       [](Matrix& m, const Caller&) { return Call{"/api/welfare-placements/" + std::to_string(m.welfare_placement(false)) + "/end", "", R"({"version":1,"end_reason":"本人辞职"})"}; }},
      {Method::kGet, "/api/employment/summary", "employment.read",
       [](Matrix&, const Caller&) { return Call{"/api/employment/summary", "unit=110101001", ""}; },
       [](Matrix&, const Caller&) { return Call{"/api/employment/summary", "unit=110102003", ""}; }},
      // --- end employment ---
      // --- labour (issue 12): rows below ---
      {Method::kGet, "/api/labour/surveys", "labour.read", path("/api/labour/surveys")},
      {Method::kGet, "/api/labour/surveys/:id", "labour.read",
       [](Matrix& m, const Caller&) { return Call{m.labour_survey("110101001"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.labour_survey("110102003"), "", ""}; }},
      {Method::kPost, "/api/labour/surveys", "labour.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/labour/surveys", "", R"({"employer_id":)" + std::to_string(m.labour_employer("110101001001")) +
                                                    R"(,"year":2026,"employees":3,"local_employees":3,"insured":3})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/labour/surveys", "", R"({"employer_id":)" + std::to_string(m.labour_employer("110102003")) +
                                                    R"(,"year":2026,"employees":3,"local_employees":3,"insured":3})"};
       },
       201},
      {Method::kPut, "/api/labour/surveys/:id", "labour.write",
       [](Matrix& m, const Caller&) { return Call{m.labour_survey("110101001"), "", R"({"version":1,"vacancies":2})"}; },
       [](Matrix& m, const Caller&) { return Call{m.labour_survey("110102003"), "", R"({"version":1,"vacancies":2})"}; }},
      {Method::kGet, "/api/labour/mediations", "labour.read", path("/api/labour/mediations")},
      {Method::kPost, "/api/labour/mediations", "labour.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/labour/mediations", "",
                     R"({"worker_id_number":"11010519491231002X","worker_name":"李建国","worker_phone":"13800002222",)"
                     R"("claim_kind":"wages","claim":"要求支付拖欠工资","employer_id":)" +
                         std::to_string(m.labour_employer("110101001")) + "}"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/labour/mediations", "",
                     R"({"worker_id_number":"11010519491231002X","worker_name":"李建国","worker_phone":"13800002222",)"
                     R"("claim_kind":"wages","claim":"要求支付拖欠工资","employer_id":)" +
                         std::to_string(m.labour_employer("110102003")) + "}"};
       },
       201},
      {Method::kGet, "/api/labour/mediations/:id", "labour.read",
       [](Matrix& m, const Caller&) { return Call{"/api/labour/mediations/" + std::to_string(m.mediation("110101001")), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/labour/mediations/" + std::to_string(m.mediation("110102003")), "", ""}; }},
      {Method::kPost, "/api/labour/mediations/:id/sessions", "labour.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/labour/mediations/" + std::to_string(m.mediation("110101001")) + "/sessions", "",
                     R"({"attendees":"双方当事人","result":"progress"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/labour/mediations/" + std::to_string(m.mediation("110102003")) + "/sessions", "",
                     R"({"attendees":"双方当事人","result":"progress"})"};
       },
       201},
      {Method::kPost, "/api/labour/mediations/:id/outcome", "labour.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/labour/mediations/" + std::to_string(m.mediation("110101001")) + "/outcome", "", R"({"outcome":"failed"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/labour/mediations/" + std::to_string(m.mediation("110102003")) + "/outcome", "", R"({"outcome":"failed"})"};
       }},
      {Method::kPost, "/api/labour/mediations/:id/worker", "labour.write",
       [](Matrix& m, const Caller&) { return Call{"/api/labour/mediations/" + std::to_string(m.mediation("110101001")) + "/worker", "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/labour/mediations/" + std::to_string(m.mediation("110102003")) + "/worker", "", ""}; }},
      {Method::kGet, "/api/labour/mediators", "labour.write",
       [](Matrix&, const Caller&) { return Call{"/api/labour/mediators", "unit=110101001", ""}; },
       [](Matrix&, const Caller&) { return Call{"/api/labour/mediators", "unit=110102003", ""}; }},
      {Method::kGet, "/api/labour/hazards", "labour.read", path("/api/labour/hazards")},
      {Method::kPost, "/api/labour/hazards", "labour.write",
       [](Matrix&, const Caller&) {
         return Call{"/api/labour/hazards", "",
                     R"({"unit_code":"110101001001","kind":"wage_arrears","risk":"high","description":"连续两月拖欠工资"})"};
       },
       [](Matrix&, const Caller&) {
         return Call{"/api/labour/hazards", "",
                     R"({"unit_code":"110102003","kind":"wage_arrears","risk":"high","description":"连续两月拖欠工资"})"};
       },
       201},
      {Method::kGet, "/api/labour/hazards/:id", "labour.read",
       [](Matrix& m, const Caller&) { return Call{"/api/labour/hazards/" + std::to_string(m.hazard("110101001")), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{"/api/labour/hazards/" + std::to_string(m.hazard("110102003")), "", ""}; }},
      {Method::kPost, "/api/labour/hazards/:id/followups", "labour.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/labour/hazards/" + std::to_string(m.hazard("110101001")) + "/followups", "", R"({"note":"约谈企业负责人"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/labour/hazards/" + std::to_string(m.hazard("110102003")) + "/followups", "", R"({"note":"约谈企业负责人"})"};
       },
       201},
      {Method::kPost, "/api/labour/hazards/:id/resolve", "labour.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/labour/hazards/" + std::to_string(m.hazard("110101001")) + "/resolve", "", R"({"result":"工资已补发"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/labour/hazards/" + std::to_string(m.hazard("110102003")) + "/resolve", "", R"({"result":"工资已补发"})"};
       }},
      {Method::kGet, "/api/labour/referrals", "labour.read", path("/api/labour/referrals")},
      {Method::kPost, "/api/labour/referrals", "labour.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/labour/referrals", "",
                     R"({"source_kind":"hazard","reason":"涉嫌拒不支付劳动报酬","source_id":)" + std::to_string(m.hazard("110101001")) + "}"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/labour/referrals", "",
                     R"({"source_kind":"hazard","reason":"涉嫌拒不支付劳动报酬","source_id":)" + std::to_string(m.hazard("110102003")) + "}"};
       },
       201},
      {Method::kPost, "/api/labour/referrals/:id/acknowledge", "labour.write",
       [](Matrix& m, const Caller&) { return Call{m.labour_referral("110101001") + "/acknowledge", "", "{}"}; },
       [](Matrix& m, const Caller&) { return Call{m.labour_referral("110102003") + "/acknowledge", "", "{}"}; }},
      {Method::kPost, "/api/labour/referrals/:id/close", "labour.write",
       [](Matrix& m, const Caller&) { return Call{m.labour_referral("110101001") + "/close", "", R"({"result":"已责令限期整改"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.labour_referral("110102003") + "/close", "", R"({"result":"已责令限期整改"})"}; }},
      // --- end labour ---
      // --- retirees (issue 12): rows below ---
      // 社会化管理 (附件一(二)): the people of the communities in scope; a
      // death report and its 复核 are for formal staff (三(七)), which the
      // matrix's accounts are not: 422 for holders of the permission.
      {Method::kGet, "/api/retirees", "retiree.read", path("/api/retirees"),
       [](Matrix&, const Caller&) { return Call{"/api/retirees", "unit=110102003", ""}; }},
      {Method::kPost, "/api/retirees", "retiree.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/retirees", "", R"({"kind":"retiree","unit_code":"110101001001","name":"王秀兰","start_day":"2005-06-30","id_number":")" +
                                              m.retiree_id_number() + "\"}"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/retirees", "", R"({"kind":"retiree","unit_code":"110102003001","name":"王秀兰","start_day":"2005-06-30","id_number":")" +
                                              m.retiree_id_number() + "\"}"};
       },
       201},
      {Method::kGet, "/api/retirees/:id", "retiree.read",
       [](Matrix& m, const Caller&) { return Call{m.retiree("110101001001"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.retiree("110102003001"), "", ""}; }},
      {Method::kPost, "/api/retirees/:id/reveal", "retiree.write",
       [](Matrix& m, const Caller&) { return Call{m.retiree("110101001001") + "/reveal", "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.retiree("110102003001") + "/reveal", "", ""}; }},
      {Method::kPost, "/api/retirees/:id/contacts", "retiree.write",
       [](Matrix& m, const Caller&) { return Call{m.retiree("110101001001") + "/contacts", "", R"({"day":"2025-06-01","method":"phone"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.retiree("110102003001") + "/contacts", "", R"({"day":"2025-06-01","method":"phone"})"}; },
       201},
      {Method::kPost, "/api/retirees/:id/death-report", "retiree.write",
       [](Matrix& m, const Caller&) {
         return Call{m.retiree("110101001001") + "/death-report", "", R"({"death_day":"2025-06-01","source":"family"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{m.retiree("110102003001") + "/death-report", "", R"({"death_day":"2025-06-01","source":"family"})"};
       },
       201, [](bool has, bool in_scope) { return !has ? 403 : in_scope ? 422 : 404; }},
      {Method::kPost, "/api/retirees/:id/death-report/recheck", "retiree.recheck",
       [](Matrix& m, const Caller&) { return Call{m.retiree("110101001001", true) + "/death-report/recheck", "", R"({"decision":"confirm"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.retiree("110102003001", true) + "/death-report/recheck", "", R"({"decision":"confirm"})"}; },
       200, [](bool has, bool in_scope) { return !has ? 403 : in_scope ? 422 : 404; }},
      {Method::kGet, "/api/retiree-activities", "retiree.read", path("/api/retiree-activities"),
       [](Matrix&, const Caller&) { return Call{"/api/retiree-activities", "unit=110102003", ""}; }},
      {Method::kPost, "/api/retiree-activities", "retiree.write",
       [](Matrix&, const Caller&) {
         return Call{"/api/retiree-activities", "", R"({"unit_code":"110101001001","kind":"health","title":"健康讲座","day":"2025-06-01","place":"社区活动室"})"};
       },
       [](Matrix&, const Caller&) {
         return Call{"/api/retiree-activities", "", R"({"unit_code":"110102003001","kind":"health","title":"健康讲座","day":"2025-06-01","place":"社区活动室"})"};
       },
       201},
      {Method::kGet, "/api/retiree-activities/:id", "retiree.read",
       [](Matrix& m, const Caller&) { return Call{m.retiree_activity("110101001001"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.retiree_activity("110102003001"), "", ""}; }},
      // --- end retirees ---
      // --- archives (issue 12): rows below ---
      {Method::kGet, "/api/archives/files", "archive.read",
       [](Matrix& m, const Caller&) {
         m.archive_file("110102003");
         return Call{"/api/archives/files", "", ""};
       },
       [](Matrix&, const Caller&) { return Call{"/api/archives/files", "unit=110102003", ""}; }, 200, nullptr, "DA-OUT-"},
      {Method::kPost, "/api/archives/files", "archive.write",
       [](Matrix& m, const Caller&) {
         return Call{"/api/archives/files", "",
                     R"({"unit_code":"110101001","id_number":")" + m.archive_id() + R"(","name":"李建国","source":"registration",)"
                     R"("pages":12,"room":"1号库房","cabinet":"A柜","shelf":"1层","box":"2盒"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{"/api/archives/files", "",
                     R"({"unit_code":"110102003","id_number":")" + m.archive_id() + R"(","name":"李建国","source":"registration",)"
                     R"("pages":12,"room":"1号库房","cabinet":"A柜","shelf":"1层","box":"2盒"})"};
       },
       201},
      {Method::kGet, "/api/archives/files/:id", "archive.read",
       [](Matrix& m, const Caller&) { return Call{m.archive_file("110101001"), "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.archive_file("110102003"), "", ""}; }},
      {Method::kPost, "/api/archives/files/:id/reveal", "archive.write",
       [](Matrix& m, const Caller&) { return Call{m.archive_file("110101001") + "/reveal", "", ""}; },
       [](Matrix& m, const Caller&) { return Call{m.archive_file("110102003") + "/reveal", "", ""}; }},
      {Method::kPost, "/api/archives/files/:id/move", "archive.write",
       [](Matrix& m, const Caller&) {
         return Call{m.archive_file("110101001") + "/move", "", R"({"room":"2号库房","cabinet":"B柜","shelf":"2层","box":"3盒","version":1})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{m.archive_file("110102003") + "/move", "", R"({"room":"2号库房","cabinet":"B柜","shelf":"2层","box":"3盒","version":1})"};
       }},
      {Method::kPost, "/api/archives/files/:id/lend", "archive.write",
       [](Matrix& m, const Caller&) { return Call{m.archive_file("110101001") + "/lend", "", R"({"borrower_unit":"东城区社保中心","purpose":"核定待遇"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.archive_file("110102003") + "/lend", "", R"({"borrower_unit":"东城区社保中心","purpose":"核定待遇"})"}; }},
      {Method::kPost, "/api/archives/files/:id/return", "archive.write",
       [](Matrix& m, const Caller&) { return Call{m.archive_file("110101001", "lent") + "/return", "", R"({"condition":"完好"})"}; },
       [](Matrix& m, const Caller&) { return Call{m.archive_file("110102003", "lent") + "/return", "", R"({"condition":"完好"})"}; }},
      {Method::kPost, "/api/archives/files/:id/transfer", "archive.write",
       [](Matrix& m, const Caller&) {
         return Call{m.archive_file("110101001") + "/transfer", "", R"({"to_org":"西城区社保所","reason":"户籍迁出","receipt_no":"ZC-1"})"};
       },
       [](Matrix& m, const Caller&) {
         return Call{m.archive_file("110102003") + "/transfer", "", R"({"to_org":"西城区社保所","reason":"户籍迁出","receipt_no":"ZC-1"})"};
       }},
      {Method::kGet, "/api/archives/room-checks", "archive.read",
       [](Matrix& m, const Caller&) {
         m.archive_check("110102003", "西城库房");
         return Call{"/api/archives/room-checks", "", ""};
       },
       [](Matrix&, const Caller&) { return Call{"/api/archives/room-checks", "unit=110102003", ""}; }, 200, nullptr, "西城库房"},
      {Method::kPost, "/api/archives/room-checks", "archive.write",
       [](Matrix&, const Caller&) {
         return Call{"/api/archives/room-checks", "",
                     R"({"unit_code":"110101001","room":"1号库房","temperature":20.5,"humidity":52,"extinguisher_ok":true,"smoke_detector_ok":true})"};
       },
       [](Matrix&, const Caller&) {
         return Call{"/api/archives/room-checks", "",
                     R"({"unit_code":"110102003","room":"1号库房","temperature":20.5,"humidity":52,"extinguisher_ok":true,"smoke_detector_ok":true})"};
       },
       201},
      {Method::kGet, "/api/archives/rooms", "archive.read",
       [](Matrix& m, const Caller&) {
         m.archive_check("110102003", "西城库房");
         m.archive_file("110101001");
         return Call{"/api/archives/rooms", "", ""};
       },
       nullptr, 200, nullptr, "西城库房"},
      // --- end archives ---
  };
}

std::string method_pattern(Method m, const std::string& p) { return std::string(http::method_name(m)) + " " + p; }

// The status a caller holding `role` gets from the row's in- or out-of-scope call.
int expected_status(const Row& row, const identity::Role& role, bool in_scope) {
  const auto& held = role.permissions;
  const bool has = row.access == "public" || row.access == "session" || row.access.empty() ||
                   std::find(held.begin(), held.end(), row.access) != held.end();
  if (row.pattern == "/api/sessions/:id")
    return std::find(held.begin(), held.end(), "session.manage") != held.end() && in_scope ? 204 : 404;
  if (row.by_role) return row.by_role(held, in_scope);
  if (row.expect) return row.expect(has, in_scope);
  if (!has) return 403;
  return in_scope ? row.ok : 404;
}

TEST_F(Matrix, EveryRouteHasARowAndEveryRowARoute) {
  std::set<std::string> table, routes;
  for (const auto& r : rows()) table.insert(method_pattern(r.method, r.pattern));
  for (const auto& [m, p] : router_.list()) routes.insert(method_pattern(m, p));
  for (const auto& r : routes) EXPECT_TRUE(table.count(r)) << "route without a row in the matrix: " << r;
  for (const auto& t : table) EXPECT_TRUE(routes.count(t)) << "row without a route: " << t;
  // The gate's own record agrees with the table's access column.
  for (const auto& e : api_->endpoints()) {
    for (const auto& r : rows()) {
      if (r.method != e.method || r.pattern != e.pattern) continue;
      const std::string access = e.access == identity::Access::kPublic    ? "public"
                                 : e.access == identity::Access::kSession ? "session"
                                 : e.access == identity::Access::kClient  ? "client:" + e.permission
                                 : e.access == identity::Access::kCitizen ? "citizen"
                                                                          : e.permission;
      EXPECT_EQ(access, r.access) << method_pattern(r.method, r.pattern);
    }
  }
}

// Issue 4, items 3-4: every gated endpoint refuses a caller with no session
// (401), an unsafe call without the CSRF token (403), and a session whose
// sign-in is not finished (403 STEP_REQUIRED).
TEST_F(Matrix, TheGateRefusesNoSessionNoCsrfAndUnfinishedSignIn) {
  const auto pending = [&] {
    const auto login = unique("pending");
    accounts_->create_seeded(audit::Actor::system(), identity::NewAccount{login, "待验证", "", kDongcheng}, kPassword,
                             true, std::nullopt, {{"window_clerk", kDongcheng}})
        .value();
    auto s = accounts_->login(login, kPassword, {"192.0.2.4", "matrix"}).value();
    EXPECT_EQ(s.principal.step, identity::Step::kChangePassword);
    return s;
  }();
  auto clerk = sign_in("window_clerk");
  for (auto& row : rows()) {
    if (row.access == "public" || !row.in) continue;
    SCOPED_TRACE(method_pattern(row.method, row.pattern));
    const auto c = row.in(*this, clerk);
    auto none = call(row.method, c, "", "");
    EXPECT_EQ(none.status, 401);
    EXPECT_NE(none.body.find("UNAUTHENTICATED"), std::string::npos);
    auto forged = call(row.method, c, "not-a-session-token", "x");
    EXPECT_EQ(forged.status, 401);
    if (row.access.starts_with("client:") || row.access == "citizen") {
      // A staff session, finished or not, never opens a route of systems or citizens.
      EXPECT_EQ(call(row.method, c, clerk.token, clerk.csrf).status, 401);
      continue;
    }
    const bool unsafe = row.method != Method::kGet;
    if (unsafe) {
      auto no_csrf = call(row.method, c, clerk.token, "");
      EXPECT_EQ(no_csrf.status, 403);
      EXPECT_NE(no_csrf.body.find("CSRF_REJECTED"), std::string::npos);
      auto wrong_csrf = call(row.method, c, clerk.token, std::string(clerk.csrf.size(), 'A'));
      EXPECT_EQ(wrong_csrf.status, 403);
    }
    if (row.access != "session") {
      auto step = call(row.method, c, pending.token, pending.principal.csrf_token);
      EXPECT_EQ(step.status, 403);
      EXPECT_NE(step.body.find("STEP_REQUIRED"), std::string::npos);
    }
  }
}

TEST_F(Matrix, EveryRoleEveryEndpointInAndOutOfScope) {
  int checked = 0;
  for (const auto& role : accounts_->roles()) {
    const Caller signed_in = sign_in(role.code);
    for (auto& row : rows()) {
      if (!row.in || row.access.starts_with("client:") || row.access == "citizen") continue;
      SCOPED_TRACE(role.code + " " + method_pattern(row.method, row.pattern));
      // Rows that end or change the session get a sign-in of their own.
      const bool ends = row.pattern == "/api/auth/logout" || row.pattern == "/api/auth/password";
      const Caller caller = ends ? sign_in(role.code) : signed_in;
      auto expected = [&](bool in_scope) { return expected_status(row, role, in_scope); };
      const auto in = row.in(*this, caller);
      auto got = call(row.method, in, row.access == "public" ? "" : caller.token, caller.csrf);
      EXPECT_EQ(got.status, expected(true)) << got.body;
      if (got.status == 200 && !row.absent.empty()) {
        EXPECT_EQ(got.body.find(row.absent), std::string::npos) << "out-of-scope data listed: " << got.body.substr(0, 300);
      }
      if (row.out) {
        const auto out = row.out(*this, caller);
        auto denied = call(row.method, out, caller.token, caller.csrf);
        EXPECT_EQ(denied.status, expected(false)) << denied.body;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, static_cast<int>(accounts_->roles().size()) * 30);
}

// Issue 13, item 5: "SQL injection and XSS payloads in every text field of
// every form (stored and echoed safely)". The forms are the rows above: each
// string of each row's JSON body (nested objects and arrays too) and each
// query parameter gets every payload, in place of the valid value and after
// it (what a free-text field actually stores), on a fresh in-scope call by a
// caller the row lets through. An answer is never 5xx; a refusal is JSON with
// a stable code; an answer that shows the payload shows it byte for byte.
namespace injection {

struct Payload {
  const char* name;
  std::string text;
  // A response string holding this holds the whole payload, or the payload
  // was mangled (escaped, cut, interpreted) on its way in or out.
  std::string marker;
  bool basic;  // sent to every leaf; the others to free-text leaves only
  // Refused wherever a JSON body carries it: every text reader refuses NUL
  // (http::JsonObject), so a hand-made reader that lets it through shows.
  bool refused_in_body = false;
};

const std::vector<Payload>& payloads() {
  static const std::vector<Payload> all = [] {
    std::string chunk = "x'\"<>&;--abcdef0";  // 16 bytes
    std::string long_text;
    while (long_text.size() < 64 * 1024) long_text += chunk;
    return std::vector<Payload>{
        {"sql-or", "' OR '1'='1' --", " OR '1", true},
        {"sql-drop", "x'); DROP TABLE account; --", "DROP TABLE account", false},
        {"sql-stacked", "\"; SELECT pg_sleep(0); --", "pg_sleep(0)", false},
        {"script", "<script>alert(1)</script>", "alert(1)", true},
        {"img-onerror", "\"><img src=x onerror=alert(1)>", "onerror=alert(1)", false},
        {"template", "{{7*7}}", "7*7", false},
        {"nul", std::string("nul\0end", 7), std::string("\0", 1), false, true},
        {"64KiB", long_text, "abcdef0x", false},
    };
  }();
  return all;
}

using Step = std::variant<std::string, std::size_t>;
using LeafPath = std::vector<Step>;

void string_leaves(const json::value& v, LeafPath& at, std::vector<LeafPath>& out) {
  if (v.is_string()) {
    out.push_back(at);
  } else if (v.is_object()) {
    for (const auto& [k, x] : v.get_object()) {
      at.emplace_back(std::string(k));
      string_leaves(x, at, out);
      at.pop_back();
    }
  } else if (v.is_array()) {
    const auto& a = v.get_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      at.emplace_back(i);
      string_leaves(a[i], at, out);
      at.pop_back();
    }
  }
}

json::value* leaf_at(json::value& v, const LeafPath& path) {
  json::value* at = &v;
  for (const auto& step : path) {
    if (const auto* key = std::get_if<std::string>(&step)) {
      auto* o = at->if_object();
      at = o ? o->if_contains(*key) : nullptr;
    } else {
      auto* a = at->if_array();
      const auto i = std::get<std::size_t>(step);
      at = a && i < a->size() ? &(*a)[i] : nullptr;
    }
    if (at == nullptr) return nullptr;
  }
  return at->is_string() ? at : nullptr;
}

std::string describe(const LeafPath& path) {
  std::string out;
  for (const auto& step : path) {
    if (const auto* key = std::get_if<std::string>(&step))
      out += (out.empty() ? "" : ".") + *key;
    else
      out += "[" + std::to_string(std::get<std::size_t>(step)) + "]";
  }
  return out;
}

void strings_of(const json::value& v, std::vector<std::string_view>& out) {
  if (v.is_string()) {
    out.emplace_back(v.get_string());
  } else if (v.is_object()) {
    for (const auto& kv : v.get_object()) strings_of(kv.value(), out);
  } else if (v.is_array()) {
    for (const auto& x : v.get_array()) strings_of(x, out);
  }
}

// Free text: what people type in their own words (names, notes, reasons),
// which the valid calls write in Chinese; codes, dates and enumerations are
// ASCII and get the basic payloads only (to keep the sweep quick).
bool free_text(std::string_view valid) {
  return std::any_of(valid.begin(), valid.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

std::vector<std::pair<std::string, std::string>> query_pairs(const std::string& raw) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string_view q = raw;
  while (!q.empty()) {
    const auto amp = q.find('&');
    const auto part = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
    const auto eq = part.find('=');
    out.emplace_back(std::string(part.substr(0, eq)), eq == std::string_view::npos ? "" : std::string(part.substr(eq + 1)));
  }
  return out;
}

std::string query_with(const std::vector<std::pair<std::string, std::string>>& pairs, std::size_t i,
                       const std::string& value) {
  std::string out;
  for (std::size_t k = 0; k < pairs.size(); ++k)
    out += (k ? "&" : "") + pairs[k].first + "=" + (k == i ? http::percent_encode(value) : pairs[k].second);
  return out;
}

// Whether a text that shows `p`'s marker shows a whole payload holding it
// (the image payload holds the script payload's marker, for one).
bool whole(std::string_view text, const Payload& p) {
  if (text.find(p.marker) == std::string_view::npos) return true;
  for (const auto& q : payloads())
    if (q.text.find(p.marker) != std::string::npos && text.find(q.text) != std::string_view::npos) return true;
  return false;
}

bool has_code(const json::value* error) {
  const auto* code = error && error->is_object() ? error->get_object().if_contains("code") : nullptr;
  return code && code->is_string() && !code->get_string().empty();
}

// `{"error":{"code",...}}`, or the all-or-nothing report of an import
// (docs/api/calendar.md): `{"imported":false,"lines":[...]}` where each
// refused line has its own error code.
bool stable_refusal(const json::value& v) {
  const auto* o = v.if_object();
  if (o == nullptr) return false;
  if (o->contains("error")) return has_code(o->if_contains("error"));
  const auto* lines = o->if_contains("lines");
  if (!o->contains("imported") || lines == nullptr || !lines->is_array()) return false;
  bool refused = false;
  for (const auto& line : lines->get_array()) {
    const auto* ok = line.is_object() ? line.get_object().if_contains("ok") : nullptr;
    if (ok && ok->is_bool() && ok->get_bool()) continue;
    if (!line.is_object() || !has_code(line.get_object().if_contains("error"))) return false;
    refused = true;
  }
  return refused;
}

struct Tally {
  int rows = 0, fields = 0, calls = 0, verbatim = 0, refused = 0, ok_not_shown = 0;
};

// The checks of one answer; `where` names the row, field and payload.
void check_answer(const http::Response& r, const Payload& p, const std::string& where, Tally& tally) {
  ++tally.calls;
  const bool is_json = r.content_type.starts_with("application/json");
  EXPECT_LT(r.status, 500) << where << ": " << r.body.substr(0, 300);
  if (r.status >= 400) {
    ++tally.refused;
    EXPECT_TRUE(is_json) << where << ": a refusal as " << r.content_type;
    json::error_code ec;
    const auto v = json::parse(r.body, ec);
    EXPECT_TRUE(!ec && stable_refusal(v)) << where << ": a refusal without a stable code: " << r.body.substr(0, 300);
    return;
  }
  if (!r.body.empty() && (r.body.front() == '{' || r.body.front() == '[')) {
    EXPECT_TRUE(is_json) << where << ": JSON sent as " << r.content_type;
  }
  if (!is_json || r.body.empty()) return;  // 204, PDFs, workbooks
  json::error_code ec;
  const auto v = json::parse(r.body, ec);
  ASSERT_FALSE(ec) << where << ": the answer says JSON but is not: " << r.body.substr(0, 300);
  std::vector<std::string_view> texts;
  strings_of(v, texts);
  bool shown = false;
  for (const auto s : texts) {
    if (s.find(p.text) != std::string_view::npos) shown = true;
    if (!whole(s, p)) ADD_FAILURE() << where << ": the payload came back changed: " << std::string(s.substr(0, 200));
  }
  ++(shown ? tally.verbatim : tally.ok_not_shown);
}

}  // namespace injection

TEST_F(Matrix, EveryTextFieldTakesInjectionAndScriptPayloadsSafely_Issue13) {
  using namespace injection;
  // The tables the migrations made, with their row counts before the sweep.
  const auto tables = [&] {
    return db_->transact<std::map<std::string, std::int64_t>>(store::TxMode::kRead, [](store::Tx& tx)
               -> Result<std::map<std::string, std::int64_t>> {
      std::map<std::string, std::int64_t> out;
      auto names = YC_TRY(tx.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"));
      for (const auto& row : names.rows)
        out[row.text(0)] = YC_TRY(tx.one("SELECT COUNT(*) FROM \"" + row.text(0) + "\"")).int64(0);
      return out;
    }).value();
  };
  const auto before = tables();
  ASSERT_TRUE(before.count("account"));

  // One signed-in caller per role, made when first needed.
  std::map<std::string, Caller> callers;
  const auto caller_of = [&](const std::string& role) -> const Caller& {
    auto it = callers.find(role);
    if (it == callers.end()) it = callers.emplace(role, sign_in(role)).first;
    return it->second;
  };
  const auto system = api_client("110101");
  // The role for a row: one whose in-scope call succeeds, else one that
  // holds the permission (the call is then refused further in), else any.
  const auto role_for = [&](const Row& row) -> const identity::Role& {
    const identity::Role* holder = nullptr;
    for (const auto& role : accounts_->roles()) {
      const int s = expected_status(row, role, true);
      if (s >= 200 && s < 300) return role;
      if (!holder && s != 403) holder = &role;
    }
    return holder ? *holder : accounts_->roles().front();
  };

  Tally tally;
  for (auto& row : rows()) {
    // Citizens' routes take no form here (their bodies are the online
    // application's, swept by tests/api/online.test.mjs); the SSE stream none.
    if (!row.in || row.access == "citizen") continue;
    const auto& role = role_for(row);
    const bool ends = row.pattern == "/api/auth/logout" || row.pattern == "/api/auth/password";
    const bool bearer = row.access.starts_with("client:");
    const auto send = [&](const Call& c, const Caller& who) {
      if (bearer) return call_bearer(row.method, c, system.second);
      return call(row.method, c, row.access == "public" ? "" : who.token, who.csrf);
    };
    const auto fresh_call = [&](auto&& send_it) {
      const Caller who = bearer ? Caller{} : ends ? sign_in(role.code) : caller_of(role.code);
      return send_it(row.in(*this, who), who);
    };
    const auto probe = row.in(*this, bearer ? Caller{} : caller_of(role.code));
    const bool json_body = !probe.body.empty() && probe.content_type == "application/json";
    std::vector<LeafPath> leaves;
    if (json_body) {
      LeafPath at;
      string_leaves(json::parse(probe.body), at, leaves);
    }
    const auto pairs = query_pairs(probe.query);
    if (leaves.empty() && pairs.empty()) continue;
    ++tally.rows;
    const auto label = method_pattern(row.method, row.pattern);

    for (const auto& leaf : leaves) {
      ++tally.fields;
      auto probe_json = json::parse(probe.body);
      const bool full = free_text(leaf_at(probe_json, leaf)->get_string());
      for (const auto& p : payloads()) {
        if (!full && !p.basic) continue;
        for (const bool append : {false, true}) {
          const auto where = label + " " + describe(leaf) + " " + p.name + (append ? " appended" : "");
          auto r = fresh_call([&](Call c, const Caller& who) {
            auto body = json::parse(c.body);
            auto* s = leaf_at(body, leaf);
            EXPECT_NE(s, nullptr) << where << ": the row's body changed shape";
            if (s == nullptr) return http::Response{};
            const std::string valid(s->get_string());
            const std::string text = append ? valid + p.text : p.text;
            s->get_string() = std::string_view(text);
            c.body = json::serialize(body);
            return send(c, who);
          });
          if (p.refused_in_body) {
            EXPECT_GE(r.status, 400) << where << ": stored a NUL";
          }
          check_answer(r, p, where, tally);
        }
      }
    }
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      ++tally.fields;
      const auto valid = http::percent_decode(pairs[i].second).value_or("");
      const bool full = free_text(valid);
      for (const auto& p : payloads()) {
        if (!full && !p.basic) continue;
        for (const bool append : {false, true}) {
          const auto where = label + " ?" + pairs[i].first + " " + p.name + (append ? " appended" : "");
          auto r = fresh_call([&](Call c, const Caller& who) {
            const auto now = query_pairs(c.query);
            c.query = query_with(now, i, append ? valid + p.text : p.text);
            return send(c, who);
          });
          check_answer(r, p, where, tally);
        }
      }
    }
  }

  // Read back: every list and page answers with what was stored, and any
  // payload it shows, it shows whole.
  int pages = 0;
  for (auto& row : rows()) {
    if (row.method != Method::kGet || !row.in || row.access == "citizen" || row.access.starts_with("client:")) continue;
    const auto& role = role_for(row);
    const auto& who = caller_of(role.code);
    const auto r = call(row.method, row.in(*this, who), row.access == "public" ? "" : who.token, who.csrf);
    if (expected_status(row, role, true) < 500) {
      EXPECT_LT(r.status, 500) << method_pattern(row.method, row.pattern);
    }
    if (r.status != 200 || !r.content_type.starts_with("application/json")) continue;
    ++pages;
    const auto page = json::parse(r.body);
    std::vector<std::string_view> texts;
    strings_of(page, texts);
    for (const auto s : texts)
      for (const auto& p : payloads())
        if (!whole(s, p))
          ADD_FAILURE() << method_pattern(row.method, row.pattern) << " shows " << p.name << " changed: "
                        << std::string(s.substr(0, 200));
  }

  // No statement took effect: every table is still there with no fewer
  // rows, the file is sound and the audit chain unbroken.
  const auto after = tables();
  for (const auto& [table, count] : before) {
    ASSERT_TRUE(after.count(table)) << "table gone: " << table;
    EXPECT_GE(after.at(table), count) << table;
  }
  const auto integrity = db_->transact<std::string>(store::TxMode::kRead, [](store::Tx& tx) -> Result<std::string> {
    return YC_TRY(tx.one("PRAGMA integrity_check")).text(0);
  });
  ASSERT_TRUE(integrity);
  EXPECT_EQ(integrity.value(), "ok");
  const auto chain = audit::verify(*db_);
  ASSERT_TRUE(chain);
  EXPECT_TRUE(chain->ok) << chain->reason;

  std::cout << "injection sweep (issue 13 item 5): rows=" << tally.rows << " fields=" << tally.fields
            << " calls=" << tally.calls << " 2xx_stored_verbatim=" << tally.verbatim
            << " 2xx_not_shown=" << tally.ok_not_shown << " 4xx_refused=" << tally.refused
            << " pages_read_back=" << pages << "\n";
  EXPECT_GT(tally.verbatim, 100);
  EXPECT_GE(tally.rows, 100);
}


// Issue 10, item 7: an authorized system's token opens exactly the GET
// routes open to systems, for the scopes it holds, over its unit; every other
// gated route refuses it, and a revoked token opens nothing.
TEST_F(Matrix, AuthorizedSystemsReadWhatTheirTokenAllows_10_7) {
  const auto full = api_client("110101", {"cases.read", "stats.read"});  // 东城区
  const auto stats_only = api_client("110101", {"stats.read"});
  const auto all_rows = rows();
  int open = 0;
  for (const auto& e : api_->endpoints()) {
    SCOPED_TRACE(method_pattern(e.method, e.pattern));
    const Row* row = nullptr;
    for (const auto& r : all_rows)
      if (r.method == e.method && r.pattern == e.pattern) row = &r;
    ASSERT_NE(row, nullptr);
    if (e.access == identity::Access::kPublic || !row->in) continue;
    if (!e.clients) {
      // The gate refuses before anything is looked up: any id will do.
      std::string p;
      for (std::size_t i = 0; i < e.pattern.size(); ++i) {
        if (e.pattern[i] != ':') { p += e.pattern[i]; continue; }
        p += '1';
        while (i + 1 < e.pattern.size() && e.pattern[i + 1] != '/') ++i;
      }
      EXPECT_EQ(call_bearer(e.method, Call{p, "", ""}, full.second).status, 401);
      continue;
    }
    const auto in = row->in(*this, Caller{});
    ++open;
    EXPECT_EQ(e.method, Method::kGet);
    EXPECT_EQ(call_bearer(e.method, in, full.second).status, 200);
    EXPECT_EQ(call_bearer(e.method, in, stats_only.second).status, e.permission == "stats.read" ? 200 : 403);
    if (row->out) {
      EXPECT_EQ(call_bearer(e.method, row->out(*this, Caller{}), full.second).status, 404);
    }
    EXPECT_EQ(call_bearer(e.method, in, "ycs_" + std::string(43, 'A')).status, 401);
  }
  EXPECT_EQ(open, 6);
  ASSERT_TRUE(db_->transact<identity::ApiClient>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return identity::revoke_api_client(tx, audit::Actor::system(), org::Scope::all(), full.first, target_in_, time::now_ms());
  }));
  EXPECT_EQ(call_bearer(Method::kGet, Call{"/api/stats/overview", "", ""}, full.second).status, 401);
  EXPECT_EQ(call_bearer(Method::kGet, Call{"/api/stats/overview", "", ""}, stats_only.second).status, 200);
}

// The OpenAPI document names every route open to systems with the bearer
// scheme, and every path it names is a route of the server.
TEST_F(Matrix, TheOpenApiDocumentMatchesTheRoutes_10_7) {
  auto doc = json::parse(exchange::openapi_json()).as_object();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  std::set<std::string> routes, documented_bearer, open_routes;
  for (const auto& [m, p] : router_.list()) routes.insert(method_pattern(m, p));
  for (const auto& e : api_->endpoints())
    if (e.clients) open_routes.insert(method_pattern(e.method, e.pattern));
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    // OpenAPI writes {param}; the router :param.
    std::string pattern;
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (path[i] == '{') { pattern += ':'; continue; }
      if (path[i] == '}') continue;
      pattern += path[i];
    }
    for (const auto& [method, op] : item.as_object()) {
      if (method == "parameters") continue;
      std::string upper;
      for (char ch : method) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      const auto key = upper + " " + pattern;
      EXPECT_TRUE(routes.count(key)) << "documented but not a route: " << key;
      const auto* security = op.as_object().if_contains("security");
      if (security && !security->as_array().empty()) documented_bearer.insert(key);
    }
  }
  EXPECT_EQ(documented_bearer, open_routes);
}

}  // namespace
}  // namespace yc::app
