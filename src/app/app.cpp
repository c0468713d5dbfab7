#include "app/app.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "app/routes.hpp"
#include "cases/routes.hpp"
#include "complaints/routes.hpp"
#include "evaluation/routes.hpp"
#include "hall/routes.hpp"
#include "hall/service.hpp"
#include "privacy/crypto.hpp"
#include "stats/counters.hpp"
#include "exchange/webhooks.hpp"
#include "notify/notify.hpp"
#include "identity/idempotency.hpp"
#include "audit/service.hpp"
#include "employment/demo.hpp"
#include "catalog/demo.hpp"
#include "catalog/offers.hpp"
#include "catalog/service.hpp"
#include "identity/secrets.hpp"
#include "identity/service.hpp"
#include "org/service.hpp"
#include "events/routes.hpp"
#include "events/service.hpp"
#include "platform/http/server.hpp"
#include "platform/log.hpp"
#include "platform/time.hpp"
#include "store/migrate.hpp"
#include "store/migrations.hpp"

namespace yc::app {

store::Options store_options(const Config& c) {
  store::Options o;
  o.engine = c.database.kind == "postgresql" ? store::Engine::kPostgres : store::Engine::kSqlite;
  o.sqlite_path = c.database.sqlite_path;
  o.postgres_url = c.database.postgres_url;
  o.pool_size = c.database.pool_size;
  o.busy_timeout_ms = c.database.busy_timeout_ms;
  return o;
}

std::string node_id(const Config& c) {
  if (!c.node.id.empty()) return c.node.id;
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return fmt::format("{}-{}", host, c.server.port);
}

namespace {

void print_error(const Error& e) {
  std::fprintf(stderr, "yichuang: %s\n", e.message.c_str());
}

Result<std::unique_ptr<store::Database>> open_database(const Config& c) {
  if (c.database.kind == "sqlite") {
    const auto parent = std::filesystem::path(c.database.sqlite_path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec)
      return fail(ErrorCode::kUnavailable,
                  fmt::format("无法创建数据目录 {}: {}", parent.string(), ec.message()),
                  "database.sqlite_path");
  }
  return store::Database::open(store_options(c));
}

// Opens and migrates the database for a command; on failure prints why and
// returns null. `level` receives the migration level reached.
std::unique_ptr<store::Database> open_for_command(const Config& c, int* level = nullptr) {
  auto db = open_database(c);
  if (!db) {
    print_error(db.error());
    return nullptr;
  }
  auto reached = store::migrate(**db, store::builtin_migrations());
  if (!reached) {
    print_error(reached.error());
    return nullptr;
  }
  if (level != nullptr) *level = *reached;
  return std::move(db).value();
}

std::string setting(store::Database& db, const std::string& key, std::string fallback) {
  auto v = db.transact<std::string>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::string> {
    auto rows = YC_TRY(tx.query("SELECT value FROM settings WHERE key = $1", {key}));
    if (rows.rows.empty()) return fallback;
    return rows.rows[0].text(0);
  });
  return v ? *v : fallback;
}

// The key ring for personal data. A missing key file is created only while
// no account exists (a fresh installation); otherwise sealed data would
// become unreadable, so starting is refused.
std::optional<privacy::KeyRing> open_keys(const Config& c, store::Database& db) {
  const auto& path = c.security.key_file;
  if (!std::filesystem::exists(path)) {
    auto accounts = db.transact<std::int64_t>(store::TxMode::kRead, [](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("SELECT COUNT(*) FROM account")).int64(0);
    });
    if (!accounts) {
      print_error(accounts.error());
      return std::nullopt;
    }
    if (*accounts > 0) {
      print_error(Error::make(ErrorCode::kUnavailable,
                              fmt::format("密钥文件 {} 不存在,而数据库中已有加密的个人信息;请从备份恢复密钥文件 "
                                          "(security.key_file)", path)));
      return std::nullopt;
    }
    std::error_code ec;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (auto g = privacy::KeyRing::generate(path, "k1"); !g) {
      print_error(g.error());
      return std::nullopt;
    }
    std::fprintf(stderr, "yichuang: 已生成密钥文件 %s,请与数据库分开妥善备份\n", path.c_str());
  }
  auto keys = privacy::KeyRing::load(path);
  if (!keys) {
    print_error(keys.error());
    return std::nullopt;
  }
  return std::move(keys).value();
}

// Demo accounts (deployment.mode = demo only): one per role of the policy,
// all with the demo password; the TOTP secret is shared and printed by
// `make run`, so the administrators' second step can be tried.
constexpr const char* kDemoPassword = "Yichuang@2026";
// The demo kiosk's pairing token (scripts/run-demo prints /kiosk/pair#<token>).
constexpr const char* kDemoKioskToken = "yichuang-demo-kiosk-1";
// The demo window device agent of window 1 (issue 8): make run starts
// yichuang-agent with this token and the simulated ID card reader.
constexpr const char* kDemoAgentToken = "yichuang-demo-agent-1";
constexpr const char* kDemoTotpRaw = "yichuang-demo-totp-1";

Result<void> seed_demo_accounts(store::Database& db, const privacy::KeyRing& keys) {
  // A fresh database gets them all; a demo database from an older version
  // gets the roles added since (its sysadmin says it is a demo). A database
  // with other accounts is left alone.
  auto logins = YC_TRY(db.transact<std::set<std::string>>(store::TxMode::kRead, [](store::Tx& tx) -> Result<std::set<std::string>> {
    std::set<std::string> out;
    for (const auto& r : YC_TRY(tx.query("SELECT login FROM account")).rows) out.insert(r.text(0));
    return out;
  }));
  if (!logins.empty() && !logins.contains("sysadmin")) return {};
  identity::Accounts accounts(db, keys);
  YC_TRY_VOID(accounts.load_roles());
  struct Demo {
    const char* login;
    const char* name;
    const char* unit;
    const char* role;
    bool totp;
  };
  const Demo demos[] = {
      {"sysadmin", "王系统", "110000", "system_admin", true},
      {"secadmin", "李安全", "110000", "security_admin", true},
      {"auditor", "赵审计", "110000", "audit_admin", true},
      {"cityadmin", "钱市管", "110000", "city_admin", true},
      {"cityadmin2", "何市审", "110000", "city_admin", true},
      {"dcadmin", "孙区管", "110101", "district_admin", true},
      {"hallmgr", "周大厅", "110101001", "hall_manager", false},
      {"clerk", "吴𠮷", "110101001", "window_clerk", false},
      {"reviewer", "郑初审", "110101001", "first_reviewer", false},
      {"reviewer2", "冯复审", "110101001", "second_reviewer", false},
      {"approver", "陈审批", "110101001", "approver", true},
      {"rechecker", "褚复核", "110101001", "rechecker", true},
      {"xcclerk", "卫受理", "110102003", "window_clerk", false},
      {"tsofficer", "蒋投诉", "110101", "complaints_officer", true},
      // Grassroots business (issue 12): a community worker of 东华门第一社区,
      // two street workers (the second does the 复核 of a death report) and
      // the street's archive keeper.
      {"sqworker", "韩社区", "110101001001", "community_worker", false},
      {"jdworker", "杨街道", "110101001", "street_worker", false},
      {"jdworker2", "朱街道", "110101001", "street_worker", false},
      {"archivist", "秦档案", "110101001", "archive_keeper", false},
  };
  for (const auto& d : demos) {
    if (logins.contains(d.login)) continue;
    YC_TRY_VOID(accounts.create_seeded(audit::Actor::system(), identity::NewAccount{d.login, d.name, "", d.unit},
                                       kDemoPassword, false,
                                       d.totp ? std::optional<std::string>(kDemoTotpRaw) : std::nullopt,
                                       {{d.role, d.unit}}));
  }
  // The back-office demo staff are 编制内, so high-risk items can be tried (三(七)).
  return db.transact<void>(store::TxMode::kWrite, [](store::Tx& tx) -> Result<void> {
    YC_TRY_VOID(tx.exec("UPDATE account SET formal_staff = 1 WHERE login IN "
                        "('reviewer', 'reviewer2', 'approver', 'rechecker', 'hallmgr', 'jdworker', 'jdworker2', "
                        "'archivist')"));
    return {};
  });
}

// Demo implementation lists: the two demo halls handle every street-level
// item at their comprehensive windows, the demo community point the
// community-level ones. Only when no unit has a list yet.
Result<void> seed_demo_offers(store::Database& db) {
  return db.transact<void>(store::TxMode::kWrite, [](store::Tx& tx) -> Result<void> {
    if (YC_TRY(tx.one("SELECT COUNT(*) FROM catalog_offer")).int64(0) > 0) return {};
    auto sites = YC_TRY(tx.query("SELECT id, unit_code, kind FROM org_site ORDER BY id"));
    auto items = YC_TRY(tx.query(
        "SELECT DISTINCT item_code, service_level FROM catalog_version WHERE status = 'published' ORDER BY item_code"));
    const auto all = org::Scope::all();
    for (const auto& site : sites.rows) {
      const bool hall = site.text(2) == "hall";
      for (const auto& item : items.rows) {
        if ((item.text(1) == "street") != hall) continue;
        catalog::OfferInput in;
        in.site_id = site.int64(0);
        in.windows = hall ? "1、2 号综合窗口" : "服务站窗口";
        YC_TRY_VOID(catalog::set_offer(tx, audit::Actor::system(), all, site.text(1), item.text(0), in));
      }
    }
    return {};
  });
}

// The demo staff (issue 9): profiles and posts of the demo accounts, with a
// few violations for the compliance dashboard to show: the first hall has
// one window clerk for four windows (三(七) 1.2 per window), a 协管员 clerk
// short of training days and a reviewer without pre-post training (三(九)),
// the approver on 待遇发放 for more than
// five years (三(七) rotation) and a formal reviewer on post 95% of the
// month (三(七) 98%). Once, when no profile exists.
Result<void> seed_demo_staff(store::Database& db) {
  return db.transact<void>(store::TxMode::kWrite, [](store::Tx& tx) -> Result<void> {
    if (YC_TRY(tx.one("SELECT COUNT(*) FROM staff_profile")).int64(0) > 0) return {};
    const auto now = time::now_ms();
    const auto today = time::shanghai_date(now);
    // The unit's hall; none for a district office.
    const auto site_of = [&](const char* unit) -> store::Param {
      auto row = tx.one("SELECT id FROM org_site WHERE unit_code = $1 AND kind = 'hall' ORDER BY id LIMIT 1",
                        {std::string(unit)});
      return row ? store::Param(row->int64(0)) : store::null_param();
    };
    struct Demo {
      const char* login;
      const char* employment;
      const char* unit;
      std::vector<std::pair<const char*, const char*>> posts;  // post, from
      double annual_days;
    };
    const std::vector<Demo> people = {
        {"clerk", "assistant", "110101001", {{"intake", "2024-03-01"}}, 2},
        {"xcclerk", "contract", "110102003", {{"intake", "2025-06-01"}}, 5},
        {"reviewer", "institution", "110101001", {{"first_review", "2023-01-01"}}, 6},
        {"reviewer2", "institution", "110101001", {{"second_review", "2023-01-01"}}, 6},
        {"approver", "civil_servant", "110101001", {{"approval", "2022-01-01"}, {"benefit_payment", "2020-09-01"}}, 5},
        {"rechecker", "civil_servant", "110101001", {{"recheck", "2022-01-01"}}, 5},
        {"hallmgr", "civil_servant", "110101001", {{"hall_lead", "2021-01-01"}}, 7},
        // 四(四) 专职内控岗位: the district's internal-control officer runs the checks.
        {"dcadmin", "civil_servant", "110101", {{"internal_control", "2024-01-01"}}, 6},
    };
    for (const auto& d : people) {
      auto account = tx.one("SELECT id FROM account WHERE login = $1", {std::string(d.login)});
      if (!account) continue;
      const auto id = account->int64(0);
      const auto site = site_of(d.unit);
      YC_TRY(tx.exec("INSERT INTO staff_profile (account_id, employment, site_id, hired_on, updated_at) "
                     "VALUES ($1, $2, $3, '2019-09-01', $4)",
                     {id, std::string(d.employment), site, now}));
      const bool formal = std::string_view(d.employment) == "civil_servant" || std::string_view(d.employment) == "institution";
      YC_TRY(tx.exec("UPDATE account SET formal_staff = $1 WHERE id = $2", {std::int64_t{formal ? 1 : 0}, id}));
      // reviewer2 has no pre-post training on record (三(九)): a demo violation.
      if (std::string_view(d.login) != "reviewer2") {
        YC_TRY(tx.exec("INSERT INTO staff_training (account_id, course, kind, day, days_x10, passed, created_at) "
                       "VALUES ($1, '岗前培训(人力社保政策与经办)', 'pre_post', '2019-08-20', 30, 1, $2)",
                       {id, now}));
      }
      YC_TRY(tx.exec("INSERT INTO staff_training (account_id, course, kind, day, days_x10, passed, created_at) "
                     "VALUES ($1, '年度专项培训', 'annual', $2, $3, 1, $4)",
                     {id, fmt::format("{:04d}-03-15", today.year), static_cast<std::int64_t>(d.annual_days * 10), now}));
      for (const auto& [post, from] : d.posts) {
        YC_TRY(tx.exec("INSERT INTO staff_assignment (account_id, post, from_day, reason, created_at) "
                       "VALUES ($1, $2, $3, '演示数据', $4)",
                       {id, std::string(post), std::string(from), now}));
      }
    }
    // 三(九): the city's pre-post course and the street's yearly course, with
    // next week's session open for enrolment and two people on it.
    auto hallmgr = tx.one("SELECT id FROM account WHERE login = 'hallmgr'");
    if (hallmgr) {
      const auto by = hallmgr->int64(0);
      YC_TRY(tx.exec("INSERT INTO training_course (title, kind, days_x10, pass_score, unit_code, unit_path, created_by, "
                     "created_at) VALUES ('岗前培训(人力社保政策与经办)', 'pre_post', 30, 60, '110000', '/110000/', $1, $2)",
                     {by, now}));
      auto course = YC_TRY(tx.one("INSERT INTO training_course (title, kind, days_x10, pass_score, unit_code, unit_path, "
                                  "created_by, created_at) VALUES ('窗口服务规范与一次性告知', 'annual', 20, 70, '110101001', "
                                  "'/110000/110101/110101001/', $1, $2) RETURNING id",
                                  {by, now}));
      const auto next_week = time::civil_from_days(time::days_from_civil(today) + 7);
      auto session = YC_TRY(tx.one("INSERT INTO training_session (course_id, day, place, trainer, capacity, unit_code, "
                                   "unit_path, created_by, created_at) VALUES ($1, $2, '东华门街道社区服务中心三楼会议室', "
                                   "'区人力社保局业务科', 20, '110101001', '/110000/110101/110101001/', $3, $4) RETURNING id",
                                   {course.int64(0), next_week.iso(), by, now}));
      YC_TRY(tx.exec("INSERT INTO training_enrolment (session_id, account_id, created_at) SELECT $1, id, $2 FROM account "
                     "WHERE login IN ('clerk', 'reviewer2')",
                     {session.int64(0), now}));
    }
    // 三(七) 到岗率: the reviewer's last 20 working days of records, one absent.
    if (auto reviewer = tx.one("SELECT id FROM account WHERE login = 'reviewer'")) {
      int written = 0;
      for (int back = 0; written < 20 && back < 40; ++back) {
        const auto day = time::civil_from_days(time::days_from_civil(today) - back);
        const auto wd = (time::days_from_civil(day) + 3) % 7;  // 0 = Monday (1970-01-01 was a Thursday)
        if (wd >= 5 || day.month != today.month) continue;
        YC_TRY(tx.exec("INSERT INTO staff_attendance (account_id, day, status, updated_at) VALUES ($1, $2, $3, $4)",
                       {reviewer->int64(0), day.iso(), std::string(written == 3 ? "absent" : "on_post"), now}));
        ++written;
      }
    }
    return {};
  });
}

// Window 1 of the first hall gets a device agent with a known token (only in
// the demo; real agents are paired with a random one). Once.
Result<void> seed_demo_agent(store::Database& db) {
  return db.transact<void>(store::TxMode::kWrite, [](store::Tx& tx) -> Result<void> {
    if (YC_TRY(tx.one("SELECT COUNT(*) FROM hall_device WHERE token_hash = $1", {privacy::sm3_hex(kDemoAgentToken)})).int64(0) > 0)
      return {};
    auto w = tx.one("SELECT w.id, w.site_id FROM org_window w JOIN org_site s ON s.id = w.site_id "
                    "WHERE s.kind = 'hall' ORDER BY s.id, w.number LIMIT 1");
    if (!w) return {};
    YC_TRY_VOID(tx.exec("INSERT INTO hall_device (site_id, kind, name, token_hash, printer, created_at, window_id) "
                        "VALUES ($1, 'agent', '1 号窗口设备助手(演示)', $2, '', $3, $4)",
                        {w->int64(1), privacy::sm3_hex(kDemoAgentToken), time::now_ms(), w->int64(0)}));
    return {};
  });
}

// The demo halls' queue (issue 7): three service groups, the windows that
// serve them, hours round the clock (a demo is tried at any hour; a real
// hall sets its own) and one kiosk with a known token, printed by make run.
// Only when no hall has groups yet.
Result<void> seed_demo_hall(store::Database& db) {
  return db.transact<void>(store::TxMode::kWrite, [](store::Tx& tx) -> Result<void> {
    if (YC_TRY(tx.one("SELECT COUNT(*) FROM service_group")).int64(0) > 0) return {};
    const auto actor = audit::Actor::system();
    const auto all = org::Scope::all();
    const auto now = time::now_ms();
    auto halls = YC_TRY(tx.query("SELECT id FROM org_site WHERE kind = 'hall' ORDER BY id"));
    bool first = true;
    for (const auto& h : halls.rows) {
      const auto site = h.int64(0);
      YC_TRY(hall::add_group(tx, actor, all, site, "employment", "就业服务", "A", {"employment", "labor_relations"}, now));
      YC_TRY(hall::add_group(tx, actor, all, site, "insurance", "社会保险", "B", {"social_insurance"}, now));
      YC_TRY(hall::add_group(tx, actor, all, site, "general", "综合咨询", "C", {"other"}, now));
      auto windows = YC_TRY(tx.query("SELECT id, number FROM org_window WHERE site_id = $1 ORDER BY number", {site}));
      for (const auto& w : windows.rows) {
        const std::vector<std::string> serves = w.int64(1) == 4 ? std::vector<std::string>{"general"}
                                                                : std::vector<std::string>{"employment", "insurance", "general"};
        YC_TRY_VOID(hall::set_window_groups(tx, actor, all, w.int64(0), serves));
      }
      auto s = YC_TRY(hall::get_settings(tx, site));
      s.ticket_hours = "00:00-24:00";
      s.rest_day_hours = "00:00-24:00";
      s.remote_tickets = true;
      s.notice = "演示环境:全天可取号、预约。请留意叫号,过号请到服务台咨询。";
      YC_TRY(hall::put_settings(tx, actor, all, s, now));
      if (first) {
        // A known token only in the demo; real kiosks get a random one.
        YC_TRY_VOID(tx.exec("INSERT INTO hall_device (site_id, kind, name, token_hash, printer, created_at) "
                            "VALUES ($1, 'kiosk', '1 号自助终端(演示)', $2, '', $3)",
                            {site, privacy::sm3_hex(kDemoKioskToken), now}));
        first = false;
      }
    }
    YC_TRY_VOID(tx.exec("UPDATE account SET badge = CASE login WHEN 'clerk' THEN '0101' WHEN 'hallmgr' THEN '0100' "
                        "WHEN 'xcclerk' THEN '0301' ELSE badge END"));
    return {};
  });
}

}  // namespace

int keygen(const Config& c) {
  if (std::filesystem::exists(c.security.key_file)) {
    std::printf("密钥文件已存在: %s (未改动)\n", c.security.key_file.c_str());
    return 0;
  }
  std::error_code ec;
  const auto parent = std::filesystem::path(c.security.key_file).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (auto g = privacy::KeyRing::generate(c.security.key_file, "k1"); !g) {
    print_error(g.error());
    return 1;
  }
  std::printf("已生成密钥文件: %s (权限 0600;请与数据库分开备份)\n", c.security.key_file.c_str());
  return 0;
}

int create_admin(const Config& c, const std::string& login, const std::string& name, const std::string& role,
                 const std::string& unit, const std::string& city_name) {
  auto db = open_for_command(c);
  if (!db) return 1;
  // A new installation: create the city unit first when asked to.
  auto made = db->transact<bool>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<bool> {
    if (org::get_unit(tx, org::Scope::all(), unit)) return false;
    if (city_name.empty())
      return fail(ErrorCode::kNotFound, fmt::format("单位 {} 不存在;新安装请加 --city-name 同时创建市级单位", unit));
    YC_TRY_VOID(org::create_unit(tx, audit::Actor::system(), org::Scope::all(),
                                 org::UnitRow{unit, "", org::Level::kCity, city_name}));
    return true;
  });
  if (!made) {
    print_error(made.error());
    return 1;
  }
  if (*made) std::printf("已创建市级单位 %s %s\n", unit.c_str(), city_name.c_str());
  auto keys = open_keys(c, *db);
  if (!keys) return 1;
  identity::Accounts accounts(*db, *keys);
  if (auto r = accounts.load_roles(); !r) {
    print_error(r.error());
    return 1;
  }
  const auto password = identity::initial_password();
  auto id = accounts.create_seeded(audit::Actor::system(), identity::NewAccount{login, name, "", unit}, password,
                                   true, std::nullopt, {{role, unit}});
  if (!id) {
    print_error(id.error());
    return 1;
  }
  std::printf("已创建账户 %s (编号 %lld),初始密码: %s\n首次登录须修改密码%s。\n", login.c_str(),
              static_cast<long long>(*id), password.c_str(),
              accounts.role(role) != nullptr && accounts.role(role)->requires_totp ? "并绑定动态口令" : "");
  return 0;
}

int check_config(const Config& c) {
  std::printf("配置有效 (%s): 监听 %s:%d, 数据库 %s\n", c.source.c_str(), c.server.listen.c_str(),
              c.server.port, c.database.kind.c_str());
  return 0;
}

int audit_verify(const Config& c) {
  auto db = open_for_command(c);
  if (!db) return 1;
  auto report = audit::verify(*db);
  if (!report) {
    print_error(report.error());
    return 1;
  }
  if (!report->ok) {
    std::fprintf(stderr, "审计日志校验失败: 第 %lld 条: %s\n",
                 static_cast<long long>(report->bad_seq), report->reason.c_str());
    return 3;
  }
  std::printf("审计日志完整: %lld 条记录,哈希链校验通过\n", static_cast<long long>(report->entries));
  return 0;
}

int stats_rebuild(const Config& c) {
  auto db = open_for_command(c);
  if (!db) return 1;
  auto rows = stats::rebuild(*db);
  if (!rows) {
    print_error(rows.error());
    return 1;
  }
  std::printf("统计台账已按业务数据重算: %lld 条日统计\n", static_cast<long long>(*rows));
  return 0;
}

int migrate(const Config& c) {
  int level = 0;
  if (!open_for_command(c, &level)) return 1;
  std::printf("数据库已迁移至版本 %d (%s)\n", level, c.database.kind.c_str());
  return 0;
}

int seed_demo(const Config& c) {
  auto db = open_for_command(c);
  if (!db) return 1;
  // Idempotent: existing values are kept, so an operator's edits survive.
  auto seeded = db->transact<void>(store::TxMode::kWrite, [](store::Tx& tx) -> Result<void> {
    const auto now = time::now_ms();
    const std::pair<const char*, const char*> rows[] = {
        {"deployment.mode", "demo"},
        {"deployment.name", "演示区 · 演示街道便民服务中心"},
        {"deployment.hotline", "12333"},
        {"deployment.service_hours", "工作日 9:00—17:00(法定节假日除外)"},
    };
    for (const auto& [k, v] : rows) {
      const auto inserted = YC_TRY(tx.exec(
          "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) "
          "ON CONFLICT (key) DO NOTHING",
          {std::string(k), std::string(v), now}));
      if (inserted == 0) continue;
      YC_TRY_VOID(audit::append(tx, audit::entry_for(audit::Actor::system(), "settings.seed",
                                                      "setting", k)));
    }
    return {};
  });
  if (!seeded) {
    print_error(seeded.error());
    return 1;
  }
  if (auto city = org::seed_demo_city(*db); !city) {
    print_error(city.error());
    return 1;
  }
  auto keys = open_keys(c, *db);
  if (!keys) return 1;
  if (auto people = seed_demo_accounts(*db, *keys); !people) {
    print_error(people.error());
    return 1;
  }
  // The demo catalog (issue 5, item 5): published as version 1 of each item.
  // In force since 2025-01-01 (Beijing), so paper cases of recent weeks can
  // be entered against it and the 2025 calendar applies to them.
  const auto since = time::shanghai_day_start_ms(time::Date{2025, 1, 1});
  if (auto items = catalog::seed(*db, catalog::demo_catalog_json(), since); !items) {
    print_error(items.error());
    return 1;
  }
  if (auto offers = seed_demo_offers(*db); !offers) {
    print_error(offers.error());
    return 1;
  }
  if (auto queue = seed_demo_hall(*db); !queue) {
    print_error(queue.error());
    return 1;
  }
  if (auto agent = seed_demo_agent(*db); !agent) {
    print_error(agent.error());
    return 1;
  }
  if (auto staff = seed_demo_staff(*db); !staff) {
    print_error(staff.error());
    return 1;
  }
  if (auto registry = employment::seed_demo(*db, *keys, time::now_ms()); !registry) {
    print_error(registry.error());
    return 1;
  }
  std::printf("演示数据已就绪\n");
  return 0;
}

int serve(const Config& c) {
  const double started_at_s = static_cast<double>(time::now_ms()) / 1000.0;
  http::block_stop_signals();
  exchange::init();
  if (auto r = log::init(c.log.level, c.log.file); !r) {
    print_error(r.error());
    return 2;
  }
  int level = 0;
  auto db = open_for_command(c, &level);
  if (!db) return 1;
  // The ledgers' counters start from the business data once (after the
  // upgrade that added them); from then on every change keeps them.
  auto rebuilt = db->transact<bool>(store::TxMode::kRead, [](store::Tx& tx) -> Result<bool> {
    return YC_TRY(tx.one("SELECT rebuilt_at FROM stat_state WHERE id = 1")).opt_int64(0).has_value();
  });
  if (!rebuilt) {
    print_error(rebuilt.error());
    return 1;
  }
  if (!*rebuilt) {
    if (auto n = stats::rebuild(*db); !n) {
      print_error(n.error());
      return 1;
    } else {
      log::info(fmt::format("event=stats_rebuilt day_rows={}", *n));
    }
  }
  auto site = http::StaticSite::load(c.server.web_root);
  if (!site) {
    print_error(site.error());
    return 2;
  }
  const std::string node = node_id(c);
  events::Service events(*db, c.database.postgres_url, node);
  if (auto r = events.start(); !r) {
    print_error(r.error());
    return 1;
  }

  auto keys = open_keys(c, *db);
  if (!keys) return 1;
  identity::Accounts accounts(*db, *keys);
  if (auto r = accounts.load_roles(); !r) {
    print_error(r.error());
    return 1;
  }

  http::Router router;
  auto api = add_routes(router, *db, events, accounts, c,
             SystemFacts{kVersion, node, c.database.kind, setting(*db, "deployment.name", ""),
                         setting(*db, "deployment.mode", "production"),
                         setting(*db, "deployment.hotline", "12333"),
                         setting(*db, "deployment.service_hours", ""), c.server.max_body_bytes,
                         c.events.heartbeat_seconds});

  http::ServerOptions so;
  so.listen = c.server.listen;
  so.port = c.server.port;
  so.io_threads = c.server.io_threads;
  so.worker_threads = c.server.worker_threads;
  so.max_body_bytes = c.server.max_body_bytes;
  so.request_timeout = std::chrono::seconds(c.server.request_timeout_seconds);
  so.max_connections = c.server.max_connections;
  so.shutdown_grace = std::chrono::seconds(c.server.shutdown_grace_seconds);
  so.access_log = c.log.access_log;
  so.max_streams = c.events.max_streams;
  so.heartbeat = std::chrono::seconds(c.events.heartbeat_seconds);
  so.metrics = metrics_handler(MetricsFacts{kVersion, node, c.database.kind, c.metrics.token, started_at_s});
  auto server = http::Server::start(so, std::move(router), *site);
  if (!server) {
    print_error(server.error());
    return 1;
  }
  const auto retention_ms = static_cast<std::int64_t>(c.events.retention_hours) * 3'600'000;
  (*server)->every(std::chrono::minutes(10), [&events, retention_ms] {
    auto n = events.prune(time::now_ms() - retention_ms);
    if (!n) log::warn(fmt::format("event=prune_failed error=\"{}\"", n.error().message));
  });
  // Audit retention (issue 4, item 5): at least six months, configurable.
  const auto audit_keep_ms = static_cast<std::int64_t>(c.security.audit_retention_days) * 86'400'000;
  (*server)->every(std::chrono::hours(1), [&db, audit_keep_ms] {
    auto n = audit::prune(*db, time::now_ms() - audit_keep_ms);
    if (!n) log::warn(fmt::format("event=audit_prune_failed error=\"{}\"", n.error().message));
    else if (*n > 0) log::info(fmt::format("event=audit_pruned entries={}", *n));
  });
  // Text messages to applicants (issue 11): queued with each case step, sent
  // every sms.dispatch_seconds through the configured sender.
  auto sms = notify::sender_from(c.sms);
  if (!sms) {
    print_error(sms.error());
    return 1;
  }
  std::shared_ptr<notify::SmsSender> sms_sender = std::move(*sms);
  (*server)->every(std::chrono::seconds(c.sms.dispatch_seconds), [&db, &keys, sms_sender] {
    auto n = notify::dispatch(*db, *keys, sms_sender.get(), time::now_ms());
    if (!n) log::warn(fmt::format("event=sms_dispatch_failed error=\"{}\"", n.error().message));
    else if (*n > 0) log::info(fmt::format("event=sms_sent count={}", *n));
  });
  // Webhooks (issue 10): the outbox is sent every exchange.dispatch_seconds.
  (*server)->every(std::chrono::seconds(c.exchange.dispatch_seconds), [&db, &keys] {
    auto n = exchange::dispatch(*db, *keys, exchange::curl_post, time::now_ms());
    if (!n) log::warn(fmt::format("event=webhook_dispatch_failed error=\"{}\"", n.error().message));
  });
  // 好差评: unanswered rectifications go up a unit (issue 10), on the cases' rhythm;
  // so do complaints whose step is late (督办, 三(四)).
  const auto evaluation_sweep = [&db, &events, settings = evaluation_settings(c), cs = complaints_settings(c)] {
    auto n = evaluation::run_sweep(*db, events, settings, time::now_ms());
    if (!n) log::warn(fmt::format("event=evaluation_sweep_failed error=\"{}\"", n.error().message));
    else if (*n > 0) log::info(fmt::format("event=evaluation_sweep escalated={}", *n));
    auto m = complaints::run_sweep(*db, events, cs, time::now_ms());
    if (!m) log::warn(fmt::format("event=complaint_sweep_failed error=\"{}\"", m.error().message));
    else if (*m > 0) log::info(fmt::format("event=complaint_sweep escalated={}", *m));
  };
  (*server)->every(std::chrono::minutes(c.cases.sweep_minutes), evaluation_sweep);
  evaluation_sweep();
  // 限时办结 (issue 6, item 8): warnings at 80%, overdue escalation.
  const auto policy = case_policy(c);
  (*server)->every(std::chrono::minutes(c.cases.sweep_minutes), [&db, &keys, &events, policy] {
    auto n = cases::sweep(*db, *keys, policy, events);
    if (!n) log::warn(fmt::format("event=case_sweep_failed error=\"{}\"", n.error().message));
    else if (n->warned + n->overdue > 0)
      log::info(fmt::format("event=case_sweep warned={} overdue={}", n->warned, n->overdue));
  });
  // Once at start too: warnings and escalations do not wait for the first period.
  if (auto n = cases::sweep(*db, *keys, policy, events); !n)
    log::warn(fmt::format("event=case_sweep_failed error=\"{}\"", n.error().message));
  // Portal uploads never named in an application go after a day (issue 11).
  (*server)->every(std::chrono::hours(1), [&db, &keys, policy] {
    auto n = cases::purge_uploads(*db, *keys, policy);
    if (!n) log::warn(fmt::format("event=upload_purge_failed error=\"{}\"", n.error().message));
    else if (*n > 0) log::info(fmt::format("event=upload_purge files={}", *n));
  });
  // The hall (issue 7): no-shows, reminders, stale sign-ins, crowding alerts.
  (*server)->every(std::chrono::minutes(1), [&db, &events] {
    if (auto r = hall::run_sweep(*db, events); !r)
      log::warn(fmt::format("event=hall_sweep_failed error=\"{}\"", r.error().message));
  });
  // Idempotency keys answer retries for a day.
  (*server)->every(std::chrono::hours(1), [&db] {
    auto n = identity::prune_idempotency_keys(*db, time::now_ms() - 86'400'000);
    if (!n) log::warn(fmt::format("event=idempotency_prune_failed error=\"{}\"", n.error().message));
  });
  log::info(fmt::format("event=listening url=http://{}:{} database={} migration={} node={} "
                        "static_files={}",
                        c.server.listen, c.server.port, c.database.kind, level, node,
                        (*site)->file_count()));
  (*server)->wait_for_stop();
  events.stop();
  return 0;
}

}  // namespace yc::app
