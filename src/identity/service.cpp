#include "identity/service.hpp"
#include "platform/text.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "audit/service.hpp"
#include "identity/secrets.hpp"
#include "org/model.hpp"
#include "org/service.hpp"
#include "platform/time.hpp"
#include "privacy/model.hpp"

namespace yc::identity {
namespace {

constexpr const char* kBadLogin = "用户名或密码错误(连续失败 5 次将锁定 30 分钟)";
constexpr const char* kNameContext = "account.name";
constexpr const char* kPhoneContext = "account.phone";
constexpr const char* kTotpContext = "account.totp";

std::string token_hash(std::string_view token) {
  return privacy::sm3_hex(std::string("yichuang.session:") + std::string(token));
}

std::optional<std::string> normalize_login(std::string_view login) {
  if (login.size() < 3 || login.size() > 32) return std::nullopt;
  std::string out;
  for (char c : login) {
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '.' || l == '_' || l == '-'))
      return std::nullopt;
    out += l;
  }
  if (out[0] < 'a' || out[0] > 'z') return std::nullopt;
  return out;
}

Result<void> check_person_name(std::string_view name) {
  const auto n = utf8_length(name);
  if (n == 0 || n > 30) return fail(ErrorCode::kInvalidArgument, "姓名不能为空,且不超过 30 个字", "name");
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7F) return fail(ErrorCode::kInvalidArgument, "姓名含有不可见字符", "name");
  return {};
}

// The refusal a use case decided on, committed with its failure records and
// audit entry; the caller turns it into the error after the commit.
using Refusal = std::optional<Error>;

constexpr const char* kAccountColumns =
    "a.id, a.login, a.name_masked, a.phone_masked, a.unit_code, u.name, a.active, "
    "a.must_change_password, a.totp_sealed, a.last_login_at, a.version, a.formal_staff";

Account account_from(const store::Row& r) {
  Account a;
  a.id = r.int64(0);
  a.login = r.text(1);
  a.name_masked = r.text(2);
  a.phone_masked = r.text(3);
  a.unit_code = r.text(4);
  a.unit_name = r.text(5);
  a.active = r.int64(6) != 0;
  a.must_change_password = r.int64(7) != 0;
  a.totp_enabled = !r.text(8).empty();
  a.last_login_at = r.opt_int64(9);
  a.version = r.int64(10);
  a.formal_staff = r.int64(11) != 0;
  return a;
}

std::string join_roles(const std::vector<Grant>& grants) {
  std::set<std::string> codes;
  for (const auto& g : grants) codes.insert(g.role);
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

}  // namespace

const std::vector<PermissionInfo>& permission_catalog() {
  static const std::vector<PermissionInfo> kCatalog = {
      {"org.read", "查看组织机构与服务场所"},
      {"org.write", "管理组织机构"},
      {"site.write", "管理服务场所与窗口"},
      {"account.read", "查看用户"},
      {"account.write", "管理用户(新建、停用、重置密码)"},
      {"personal.reveal", "查看完整个人信息(留痕)"},
      {"grant.write", "授权与撤销角色"},
      {"session.manage", "查看并注销他人会话"},
      {"mfa.reset", "重置他人的动态口令"},
      {"audit.read", "查阅审计日志"},
      {"case.consult", "咨询登记(首问负责)"},
      {"case.intake", "综合受理"},
      {"case.review.first", "初审"},
      {"case.review.second", "复审"},
      {"case.approve", "审批"},
      {"case.recheck", "复核"},
      {"hall.manage", "大厅管理"},
      {"stats.read", "查看统计"},
      {"catalog.manage", "管理服务事项目录"},
      {"catalog.offer", "管理本单位实施清单"},
      {"calendar.manage", "维护工作日历(节假日与调休)"},
      {"staff.read", "查看人员、岗位与合规情况"},
      {"staff.manage", "管理人员档案、岗位任职、培训与考勤"},
  };
  return kCatalog;
}

std::string permission_name(std::string_view code) {
  for (const auto& p : permission_catalog())
    if (code == p.code) return p.name;
  return std::string(code);
}

std::string_view step_name(Step s) {
  switch (s) {
    case Step::kTotp: return "totp";
    case Step::kTotpEnroll: return "totp_enroll";
    case Step::kChangePassword: return "change_password";
    case Step::kDone: return "done";
  }
  return "done";
}

namespace {
Step parse_step(std::string_view s) {
  if (s == "totp") return Step::kTotp;
  if (s == "totp_enroll") return Step::kTotpEnroll;
  if (s == "change_password") return Step::kChangePassword;
  return Step::kDone;
}
}  // namespace

bool Principal::has(std::string_view permission) const {
  return permission_paths.find(permission) != permission_paths.end();
}

org::Scope Principal::scope(std::string_view permission) const {
  auto it = permission_paths.find(permission);
  if (it == permission_paths.end()) return {};
  return org::Scope::of(it->second);
}

std::vector<std::string> Principal::permissions() const {
  std::vector<std::string> out;
  for (const auto& [p, _] : permission_paths) out.push_back(p);
  return out;
}

audit::Actor Principal::actor(std::string client_address) const {
  if (api_client_id != 0)
    return audit::Actor{"client:" + std::to_string(api_client_id), "api_client", unit_code, "", "",
                        std::move(client_address)};
  return audit::Actor{std::to_string(account_id), join_roles(grants), unit_code, "", "",
                      std::move(client_address)};
}

Accounts::Accounts(store::Database& db, const privacy::KeyRing& keys, SessionPolicy policy, Clock clock)
    : db_(db), keys_(keys), policy_(policy), clock_(clock ? std::move(clock) : Clock(&time::now_ms)) {}

Result<void> Accounts::load_roles() {
  roles_ = YC_TRY(db_.transact<std::vector<Role>>(store::TxMode::kRead, [](store::Tx& tx) -> Result<std::vector<Role>> {
    auto rows = YC_TRY(tx.query(
        "SELECT code, name, triad, requires_totp, idle_minutes FROM role ORDER BY sort_order"));
    std::vector<Role> out;
    for (const auto& r : rows.rows)
      out.push_back(Role{r.text(0), r.text(1), r.text(2), r.int64(3) != 0, static_cast<int>(r.int64(4)), {}});
    auto perms = YC_TRY(tx.query("SELECT role_code, permission FROM role_permission ORDER BY permission"));
    for (const auto& p : perms.rows)
      for (auto& role : out)
        if (role.code == p.text(0)) role.permissions.push_back(p.text(1));
    return out;
  }));
  return {};
}

const Role* Accounts::role(std::string_view code) const {
  for (const auto& r : roles_)
    if (r.code == code) return &r;
  return nullptr;
}

Step Accounts::next_step(const std::vector<Grant>& grants, bool totp_enabled, bool must_change,
                         bool totp_passed) const {
  bool needs_totp = totp_enabled;
  for (const auto& g : grants)
    if (const Role* r = role(g.role); r != nullptr && r->requires_totp) needs_totp = true;
  if (needs_totp && !totp_passed) return totp_enabled ? Step::kTotp : Step::kTotpEnroll;
  if (must_change) return Step::kChangePassword;
  return Step::kDone;
}

std::int64_t Accounts::idle_for(const std::vector<Grant>& grants) const {
  std::int64_t idle = policy_.default_idle_ms;
  for (const auto& g : grants)
    if (const Role* r = role(g.role); r != nullptr)
      idle = std::min<std::int64_t>(idle, std::int64_t{r->idle_minutes} * 60 * 1000);
  return idle;
}

Result<std::vector<Grant>> Accounts::load_grants(store::Tx& tx, std::int64_t account_id) {
  auto rows = YC_TRY(tx.query(
      "SELECT g.id, g.account_id, g.role_code, r.name, g.unit_code, u.name, u.path, g.created_at "
      "FROM role_grant g JOIN role r ON r.code = g.role_code JOIN org_unit u ON u.code = g.unit_code "
      "WHERE g.account_id = $1 ORDER BY r.sort_order, u.path",
      {account_id}));
  std::vector<Grant> out;
  for (const auto& r : rows.rows)
    out.push_back(Grant{r.int64(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.int64(7)});
  return out;
}

Result<Principal> Accounts::load_principal(store::Tx& tx, std::string_view hash, SessionState* state) {
  auto rows = YC_TRY(tx.query(
      "SELECT s.id, s.account_id, s.step, s.csrf_token, s.expires_at, s.idle_ms, a.login, "
      "a.name_masked, a.unit_code, u.name, u.path, s.last_seen_at, s.ended_at, a.active FROM auth_session s "
      "JOIN account a ON a.id = s.account_id JOIN org_unit u ON u.code = a.unit_code "
      "WHERE s.token_hash = $1",
      {std::string(hash)}));
  if (rows.rows.empty()) return fail(ErrorCode::kUnauthenticated, "请先登录");
  const auto& r = rows.rows[0];
  Principal p;
  p.session_id = r.text(0);
  p.account_id = r.int64(1);
  p.step = parse_step(r.text(2));
  p.csrf_token = r.text(3);
  p.expires_at = r.int64(4);
  p.idle_ms = r.int64(5);
  p.login = r.text(6);
  p.name_masked = r.text(7);
  p.unit_code = r.text(8);
  p.unit_name = r.text(9);
  p.unit_path = r.text(10);
  if (state != nullptr) *state = SessionState{r.int64(11), !r.is_null(12), r.int64(13) != 0};
  p.grants = YC_TRY(load_grants(tx, p.account_id));
  for (const auto& g : p.grants)
    if (const Role* role_info = role(g.role))
      for (const auto& perm : role_info->permissions) p.permission_paths[perm].push_back(g.unit_path);
  return p;
}

namespace {

Result<std::optional<std::int64_t>> locked(store::Tx& tx, std::int64_t account_id, std::int64_t now,
                                           const LockoutPolicy& policy) {
  const std::int64_t horizon = std::max<std::int64_t>(policy.window_ms, 3'600'000);
  auto rows = YC_TRY(tx.query("SELECT at FROM login_failure WHERE account_id = $1 AND at > $2",
                              {account_id, now - horizon}));
  std::vector<std::int64_t> failures;
  for (const auto& r : rows.rows) failures.push_back(r.int64(0));
  return locked_until(std::move(failures), now, policy);
}

Result<void> record_failure(store::Tx& tx, std::int64_t account_id, std::int64_t now) {
  YC_TRY_VOID(tx.exec("DELETE FROM login_failure WHERE account_id = $1 AND at < $2",
                      {account_id, now - 86'400'000}));
  YC_TRY_VOID(tx.exec("INSERT INTO login_failure (account_id, at) VALUES ($1, $2)", {account_id, now}));
  return {};
}

audit::Entry entry(const audit::Actor& actor, std::string action, std::string type, std::string id,
                   std::string outcome = "ok") {
  auto e = audit::entry_for(actor, std::move(action), std::move(type), std::move(id));
  e.outcome = std::move(outcome);
  return e;
}

Result<void> end_sessions_of(store::Tx& tx, std::int64_t account_id, std::int64_t now,
                             const std::string& by, const std::string& except_id) {
  YC_TRY_VOID(tx.exec(
      "UPDATE auth_session SET ended_at = $1, ended_by = $2 WHERE account_id = $3 AND ended_at IS NULL "
      "AND id <> $4",
      {now, by, account_id, except_id}));
  return {};
}

}  // namespace

Result<SignedIn> Accounts::login(std::string_view login_name, std::string_view password,
                                 const Client& client) {
  const auto login = normalize_login(login_name);
  const auto now = clock_();
  std::optional<SignedIn> out;
  auto refusal = YC_TRY(db_.transact<Refusal>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Refusal> {
    const Refusal bad = Error::make(ErrorCode::kUnauthenticated, kBadLogin);
    audit::Actor anonymous{"", "", "", "", "", client.address};
    std::optional<store::Row> row;
    if (login) {
      auto rows = YC_TRY(tx.query(
          "SELECT id, password_hash, active, must_change_password, totp_sealed, unit_code FROM account "
          "WHERE login = $1",
          {*login}));
      if (!rows.rows.empty()) row = rows.rows[0];
    }
    if (!row) {
      // The same work as for a real account, so timing does not tell either.
      static const std::string kDummy = hash_password("yichuang-dummy-password").value();
      (void)verify_password(kDummy, password);
      YC_TRY_VOID(audit::append(tx, entry(anonymous, "session.login", "account", "", "refused")));
      return bad;
    }
    const std::int64_t id = row->int64(0);
    audit::Actor who{std::to_string(id), "", row->text(5), "", "", client.address};
    if (YC_TRY(locked(tx, id, now, policy_.lockout))) {
      YC_TRY_VOID(audit::append(tx, entry(who, "session.login", "account", std::to_string(id), "refused")));
      return bad;
    }
    if (!verify_password(row->text(1), password)) {
      YC_TRY_VOID(record_failure(tx, id, now));
      YC_TRY_VOID(audit::append(tx, entry(who, "session.login", "account", std::to_string(id), "refused")));
      if (YC_TRY(locked(tx, id, now, policy_.lockout)))
        YC_TRY_VOID(audit::append(tx, entry(audit::Actor::system(), "account.lock", "account", std::to_string(id))));
      return bad;
    }
    if (row->int64(2) == 0) {
      YC_TRY_VOID(audit::append(tx, entry(who, "session.login", "account", std::to_string(id), "refused")));
      return bad;
    }
    YC_TRY_VOID(tx.exec("DELETE FROM login_failure WHERE account_id = $1", {id}));
    auto grants = YC_TRY(load_grants(tx, id));
    const Step step = next_step(grants, !row->text(4).empty(), row->int64(3) != 0, false);
    SignedIn s;
    s.token = random_token(32);
    const std::string sid = random_token(12);
    YC_TRY_VOID(tx.exec(
        "INSERT INTO auth_session (id, token_hash, account_id, step, csrf_token, created_at, last_seen_at, "
        "expires_at, idle_ms, client_address, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10)",
        {sid, token_hash(s.token), id, std::string(step_name(step)), random_token(24), now,
         now + policy_.absolute_ms, step == Step::kDone ? idle_for(grants) : policy_.step_idle_ms,
         client.address, client.user_agent.substr(0, 200)}));
    YC_TRY_VOID(tx.exec("UPDATE account SET last_login_at = $1 WHERE id = $2", {now, id}));
    s.principal = YC_TRY(load_principal(tx, token_hash(s.token)));
    YC_TRY_VOID(audit::append(tx, entry(s.principal.actor(client.address), "session.login", "auth_session", sid)));
    out = std::move(s);
    return Refusal{};
  }));
  if (refusal) return Unexpected{*refusal};
  return std::move(*out);
}

Result<Principal> Accounts::authenticate(std::string_view token) {
  if (token.empty() || token.size() > 100) return fail(ErrorCode::kUnauthenticated, "请先登录");
  const auto hash = token_hash(token);
  const auto now = clock_();
  // One read for the session, the account and its grants; writes only when
  // the session ends or its last_seen_at is due to move (every 15 s).
  SessionState seen;
  auto principal = YC_TRY(db_.transact<Principal>(
      store::TxMode::kRead, [&](store::Tx& tx) { return load_principal(tx, hash, &seen); }));
  if (seen.ended || !seen.active) return fail(ErrorCode::kUnauthenticated, "会话已结束,请重新登录");
  const bool absolute = now >= principal.expires_at;
  const bool idle = now - seen.last_seen >= principal.idle_ms;
  if (absolute || idle) {
    YC_TRY_VOID(db_.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
      auto n = YC_TRY(tx.exec(
          "UPDATE auth_session SET ended_at = $1, ended_by = $2 WHERE id = $3 AND ended_at IS NULL",
          {now, std::string(absolute ? "expired" : "idle"), principal.session_id}));
      if (n == 1)
        YC_TRY_VOID(audit::append(tx, entry(audit::Actor::system(), absolute ? "session.expire" : "session.idle",
                                            "auth_session", principal.session_id)));
      return {};
    }));
    return fail(ErrorCode::kUnauthenticated,
                absolute ? "会话已超过 12 小时,请重新登录" : "长时间未操作,会话已超时,请重新登录");
  }
  if (now - seen.last_seen >= policy_.touch_every_ms) {
    YC_TRY_VOID(db_.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
      YC_TRY_VOID(tx.exec("UPDATE auth_session SET last_seen_at = $1 WHERE id = $2 AND last_seen_at < $1",
                          {now, principal.session_id}));
      return {};
    }));
  }
  return principal;
}

Result<Principal> Accounts::second_factor_passed(store::Tx& tx, const Principal& p, bool must_change) {
  const Step next = next_step(p.grants, true, must_change, true);
  YC_TRY_VOID(tx.exec("UPDATE auth_session SET step = $1, idle_ms = $2 WHERE id = $3",
                      {std::string(step_name(next)), next == Step::kDone ? idle_for(p.grants) : policy_.step_idle_ms,
                       p.session_id}));
  auto hash = YC_TRY(tx.one("SELECT token_hash FROM auth_session WHERE id = $1", {p.session_id}));
  return load_principal(tx, hash.text(0));
}

Result<Principal> Accounts::reload(const Principal& p) {
  return db_.transact<Principal>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<Principal> {
    auto hash = YC_TRY(tx.one("SELECT token_hash FROM auth_session WHERE id = $1", {p.session_id}));
    return load_principal(tx, hash.text(0));
  });
}

namespace {
Error wrong_step(std::string_view what) {
  return Error::make(ErrorCode::kConflict, fmt::format("当前无需{}", what), "step");
}
}  // namespace

Result<Principal> Accounts::verify_totp(const Principal& p, std::string_view code, const Client& client) {
  if (p.step != Step::kTotp) return Unexpected{wrong_step("验证动态口令")};
  const auto now = clock_();
  std::optional<Principal> out;
  auto refusal = YC_TRY(db_.transact<Refusal>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Refusal> {
    const auto actor = p.actor(client.address);
    const auto id = std::to_string(p.account_id);
    auto row = YC_TRY(tx.one("SELECT totp_sealed, totp_last_step, must_change_password FROM account WHERE id = $1",
                             {p.account_id}));
    auto refuse = [&]() -> Result<Refusal> {
      YC_TRY_VOID(record_failure(tx, p.account_id, now));
      YC_TRY_VOID(audit::append(tx, entry(actor, "session.totp", "account", id, "refused")));
      if (YC_TRY(locked(tx, p.account_id, now, policy_.lockout))) {
        YC_TRY_VOID(end_sessions_of(tx, p.account_id, now, "locked", ""));
        YC_TRY_VOID(audit::append(tx, entry(audit::Actor::system(), "account.lock", "account", id)));
        return Refusal{Error::make(ErrorCode::kUnauthenticated, "验证失败次数过多,账户已锁定 30 分钟")};
      }
      return Refusal{Error::make(ErrorCode::kInvalidArgument, "动态口令不正确或已使用,请输入新的口令", "code")};
    };
    if (YC_TRY(locked(tx, p.account_id, now, policy_.lockout)))
      return Refusal{Error::make(ErrorCode::kUnauthenticated, "验证失败次数过多,账户已锁定 30 分钟")};
    auto raw = YC_TRY(keys_.decrypt(row.text(0), kTotpContext));
    auto step = totp_match(raw, code, now / 1000);
    if (!step || *step <= row.int64(1)) return refuse();  // a used step is a replay
    YC_TRY_VOID(tx.exec("UPDATE account SET totp_last_step = $1 WHERE id = $2", {*step, p.account_id}));
    YC_TRY_VOID(tx.exec("DELETE FROM login_failure WHERE account_id = $1", {p.account_id}));
    YC_TRY_VOID(audit::append(tx, entry(actor, "session.totp", "account", id)));
    out = YC_TRY(second_factor_passed(tx, p, row.int64(2) != 0));
    return Refusal{};
  }));
  if (refusal) return Unexpected{*refusal};
  return std::move(*out);
}

Result<Principal> Accounts::use_recovery_code(const Principal& p, std::string_view code, const Client& client) {
  if (p.step != Step::kTotp) return Unexpected{wrong_step("验证动态口令")};
  const auto now = clock_();
  std::optional<Principal> out;
  auto refusal = YC_TRY(db_.transact<Refusal>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Refusal> {
    const auto actor = p.actor(client.address);
    const auto id = std::to_string(p.account_id);
    if (YC_TRY(locked(tx, p.account_id, now, policy_.lockout)))
      return Refusal{Error::make(ErrorCode::kUnauthenticated, "验证失败次数过多,账户已锁定 30 分钟")};
    auto used = YC_TRY(tx.exec(
        "UPDATE recovery_code SET used_at = $1 WHERE account_id = $2 AND digest = $3 AND used_at IS NULL",
        {now, p.account_id, recovery_digest(code)}));
    if (used != 1) {
      YC_TRY_VOID(record_failure(tx, p.account_id, now));
      YC_TRY_VOID(audit::append(tx, entry(actor, "session.recovery_code", "account", id, "refused")));
      return Refusal{Error::make(ErrorCode::kInvalidArgument, "恢复码不正确或已使用", "recovery_code")};
    }
    auto must = YC_TRY(tx.one("SELECT must_change_password FROM account WHERE id = $1", {p.account_id}));
    YC_TRY_VOID(audit::append(tx, entry(actor, "session.recovery_code", "account", id)));
    out = YC_TRY(second_factor_passed(tx, p, must.int64(0) != 0));
    return Refusal{};
  }));
  if (refusal) return Unexpected{*refusal};
  return std::move(*out);
}

Result<TotpSecret> Accounts::begin_totp_enrollment(const Principal& p) {
  if (p.step != Step::kTotpEnroll) return Unexpected{wrong_step("绑定动态口令")};
  auto secret = new_totp_secret();
  auto sealed = YC_TRY(keys_.encrypt(secret.raw, kTotpContext));
  YC_TRY_VOID(db_.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    YC_TRY_VOID(tx.exec("UPDATE account SET totp_pending_sealed = $1 WHERE id = $2", {sealed, p.account_id}));
    return {};
  }));
  return secret;
}

Result<std::vector<std::string>> Accounts::confirm_totp(const Principal& p, std::string_view code,
                                                       const Client& client) {
  if (p.step != Step::kTotpEnroll) return Unexpected{wrong_step("绑定动态口令")};
  const auto now = clock_();
  std::vector<std::string> codes;
  auto refusal = YC_TRY(db_.transact<Refusal>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Refusal> {
    const auto actor = p.actor(client.address);
    const auto id = std::to_string(p.account_id);
    auto row = YC_TRY(tx.one("SELECT totp_pending_sealed, must_change_password FROM account WHERE id = $1",
                             {p.account_id}));
    if (row.text(0).empty())
      return Refusal{Error::make(ErrorCode::kConflict, "请先获取动态口令密钥", "code")};
    auto raw = YC_TRY(keys_.decrypt(row.text(0), kTotpContext));
    auto step = totp_match(raw, code, now / 1000);
    if (!step) {
      YC_TRY_VOID(record_failure(tx, p.account_id, now));
      YC_TRY_VOID(audit::append(tx, entry(actor, "account.totp.enroll", "account", id, "refused")));
      return Refusal{Error::make(ErrorCode::kInvalidArgument, "动态口令不正确,请核对手机时间后重试", "code")};
    }
    YC_TRY_VOID(tx.exec(
        "UPDATE account SET totp_sealed = totp_pending_sealed, totp_pending_sealed = '', totp_last_step = $1, "
        "version = version + 1, updated_at = $2 WHERE id = $3",
        {*step, now, p.account_id}));
    YC_TRY_VOID(tx.exec("DELETE FROM recovery_code WHERE account_id = $1", {p.account_id}));
    codes = new_recovery_codes();
    for (const auto& c : codes)
      YC_TRY_VOID(tx.exec("INSERT INTO recovery_code (account_id, digest) VALUES ($1, $2)",
                          {p.account_id, recovery_digest(c)}));
    YC_TRY_VOID(second_factor_passed(tx, p, row.int64(1) != 0));
    YC_TRY_VOID(audit::append(tx, entry(actor, "account.totp.enroll", "account", id)));
    return Refusal{};
  }));
  if (refusal) return Unexpected{*refusal};
  return codes;
}

Result<Principal> Accounts::change_password(const Principal& p, std::string_view current,
                                            std::string_view next_password, const Client& client) {
  if (p.step != Step::kChangePassword && p.step != Step::kDone) return Unexpected{wrong_step("修改密码")};
  if (auto policy = check_password_policy(next_password, p.login); !policy)
    return fail(ErrorCode::kInvalidArgument, policy.error().message, "new_password");
  if (current == next_password)
    return fail(ErrorCode::kInvalidArgument, "新密码不能与当前密码相同", "new_password");
  auto hash = YC_TRY(hash_password(next_password));
  const auto now = clock_();
  std::optional<Principal> out;
  auto refusal = YC_TRY(db_.transact<Refusal>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Refusal> {
    const auto actor = p.actor(client.address);
    const auto id = std::to_string(p.account_id);
    auto row = YC_TRY(tx.one("SELECT password_hash FROM account WHERE id = $1", {p.account_id}));
    if (!verify_password(row.text(0), current)) {
      YC_TRY_VOID(record_failure(tx, p.account_id, now));
      YC_TRY_VOID(audit::append(tx, entry(actor, "account.password.change", "account", id, "refused")));
      if (YC_TRY(locked(tx, p.account_id, now, policy_.lockout))) {
        YC_TRY_VOID(end_sessions_of(tx, p.account_id, now, "locked", ""));
        return Refusal{Error::make(ErrorCode::kUnauthenticated, "密码错误次数过多,账户已锁定 30 分钟")};
      }
      return Refusal{Error::make(ErrorCode::kInvalidArgument, "当前密码不正确", "current_password")};
    }
    YC_TRY_VOID(tx.exec(
        "UPDATE account SET password_hash = $1, must_change_password = 0, password_changed_at = $2, "
        "version = version + 1, updated_at = $2 WHERE id = $3",
        {hash, now, p.account_id}));
    YC_TRY_VOID(end_sessions_of(tx, p.account_id, now, "password_change", p.session_id));
    if (p.step == Step::kChangePassword)
      YC_TRY_VOID(tx.exec("UPDATE auth_session SET step = 'done', idle_ms = $1 WHERE id = $2",
                          {idle_for(p.grants), p.session_id}));
    auto e = entry(actor, "account.password.change", "account", id);
    e.before_digest = audit::digest({row.text(0)});
    e.after_digest = audit::digest({hash});
    YC_TRY_VOID(audit::append(tx, std::move(e)));
    auto token = YC_TRY(tx.one("SELECT token_hash FROM auth_session WHERE id = $1", {p.session_id}));
    out = YC_TRY(load_principal(tx, token.text(0)));
    return Refusal{};
  }));
  if (refusal) return Unexpected{*refusal};
  return std::move(*out);
}

Result<void> Accounts::logout(const Principal& p, const Client& client) {
  const auto now = clock_();
  return db_.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    YC_TRY_VOID(tx.exec("UPDATE auth_session SET ended_at = $1, ended_by = 'logout' WHERE id = $2 AND ended_at IS NULL",
                        {now, p.session_id}));
    YC_TRY_VOID(audit::append(tx, entry(p.actor(client.address), "session.logout", "auth_session", p.session_id)));
    return {};
  });
}

namespace {
constexpr const char* kSessionColumns =
    "s.id, s.account_id, s.created_at, s.last_seen_at, s.expires_at, s.client_address, s.user_agent";

Result<std::vector<SessionInfo>> live_sessions(store::Tx& tx, std::int64_t account_id, std::int64_t now) {
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT {} FROM auth_session s WHERE s.account_id = $1 AND s.ended_at IS NULL "
                  "AND s.expires_at > $2 AND s.last_seen_at + s.idle_ms > $2 ORDER BY s.created_at DESC",
                  kSessionColumns),
      {account_id, now}));
  std::vector<SessionInfo> out;
  for (const auto& r : rows.rows)
    out.push_back(SessionInfo{r.text(0), r.int64(1), r.int64(2), r.int64(3), r.int64(4), r.text(5), r.text(6)});
  return out;
}
}  // namespace

Result<std::vector<SessionInfo>> Accounts::own_sessions(const Principal& p) {
  const auto now = clock_();
  return db_.transact<std::vector<SessionInfo>>(store::TxMode::kRead,
                                                [&](store::Tx& tx) { return live_sessions(tx, p.account_id, now); });
}

Result<std::vector<SessionInfo>> Accounts::account_sessions(const org::Scope& scope, std::int64_t account_id) {
  YC_TRY_VOID(get_account(scope, account_id));
  const auto now = clock_();
  return db_.transact<std::vector<SessionInfo>>(store::TxMode::kRead,
                                                [&](store::Tx& tx) { return live_sessions(tx, account_id, now); });
}

Result<void> Accounts::end_session(const Principal& p, const org::Scope& manage_scope,
                                   std::string_view session_id, const Client& client) {
  const auto now = clock_();
  return db_.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    auto rows = YC_TRY(tx.query(
        "SELECT s.account_id, u.path FROM auth_session s JOIN account a ON a.id = s.account_id "
        "JOIN org_unit u ON u.code = a.unit_code WHERE s.id = $1 AND s.ended_at IS NULL",
        {std::string(session_id)}));
    if (rows.rows.empty() ||
        (rows.rows[0].int64(0) != p.account_id && !manage_scope.covers(rows.rows[0].text(1))))
      return fail(ErrorCode::kNotFound, "会话不存在或已结束", "id");
    const bool own = rows.rows[0].int64(0) == p.account_id;
    YC_TRY_VOID(tx.exec("UPDATE auth_session SET ended_at = $1, ended_by = $2 WHERE id = $3",
                        {now, own ? std::string("self") : std::to_string(p.account_id), std::string(session_id)}));
    YC_TRY_VOID(audit::append(tx, entry(p.actor(client.address), "session.revoke", "auth_session",
                                        std::string(session_id))));
    return {};
  });
}

Result<std::vector<Account>> Accounts::list_accounts(const org::Scope& scope, std::string_view query,
                                                     std::string_view unit_code) {
  const auto now = clock_();
  return db_.transact<std::vector<Account>>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::vector<Account>> {
    std::vector<store::Param> params;
    std::string where = scope.sql("u.path", params);
    if (!unit_code.empty()) {
      auto unit = org::get_unit(tx, scope, std::string(unit_code));
      if (!unit) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
      params.emplace_back(unit->path + "%");
      where += fmt::format(" AND u.path LIKE ${}", params.size());
    }
    if (!query.empty()) {
      std::string q;
      for (char c : query)
        if (c != '%' && c != '_' && c != '\\') q += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      params.emplace_back("%" + q + "%");
      where += fmt::format(" AND a.login LIKE ${}", params.size());
    }
    auto rows = YC_TRY(tx.query(
        fmt::format("SELECT {} FROM account a JOIN org_unit u ON u.code = a.unit_code WHERE {} "
                    "ORDER BY u.path, a.login LIMIT 1000",
                    kAccountColumns, where),
        params));
    std::vector<Account> out;
    for (const auto& r : rows.rows) out.push_back(account_from(r));
    auto failures = YC_TRY(tx.query("SELECT account_id, at FROM login_failure WHERE at > $1", {now - 3'600'000}));
    std::map<std::int64_t, std::vector<std::int64_t>> by_account;
    for (const auto& f : failures.rows) by_account[f.int64(0)].push_back(f.int64(1));
    for (auto& a : out)
      if (auto it = by_account.find(a.id); it != by_account.end())
        a.locked_until = locked_until(it->second, now, policy_.lockout);
    return out;
  });
}

namespace {
// The columns of account `id` when its unit is in `scope`; kNotFound otherwise.
Result<store::Row> account_in_scope(store::Tx& tx, const org::Scope& scope, std::int64_t id, std::string_view columns) {
  std::vector<store::Param> params{id};
  const auto where = scope.sql("u.path", params);
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT {} FROM account a JOIN org_unit u ON u.code = a.unit_code WHERE a.id = $1 AND {}", columns,
                  where),
      params));
  if (rows.rows.empty()) return fail(ErrorCode::kNotFound, "用户不存在", "id");
  return std::move(rows.rows[0]);
}
}  // namespace

Result<Account> Accounts::get_account(const org::Scope& scope, std::int64_t id) {
  const auto now = clock_();
  return db_.transact<Account>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<Account> {
    auto a = account_from(YC_TRY(account_in_scope(tx, scope, id, kAccountColumns)));
    a.locked_until = YC_TRY(locked(tx, id, now, policy_.lockout));
    return a;
  });
}

namespace {
struct Sealed {
  std::string name_sealed, name_masked, phone_sealed, phone_masked;
};
Result<Sealed> seal_person(const privacy::KeyRing& keys, std::string_view name, std::string_view phone) {
  YC_TRY_VOID(check_person_name(name));
  if (!phone.empty()) YC_TRY_VOID(privacy::validate_mobile(phone, "phone"));
  Sealed s;
  s.name_sealed = YC_TRY(keys.encrypt(name, kNameContext));
  s.name_masked = privacy::mask_name(name);
  if (!phone.empty()) {
    s.phone_sealed = YC_TRY(keys.encrypt(phone, kPhoneContext));
    s.phone_masked = privacy::mask_phone(phone);
  }
  return s;
}
}  // namespace

Result<std::pair<Account, std::string>> Accounts::create_account(const audit::Actor& actor,
                                                                 const org::Scope& scope, const NewAccount& a) {
  auto password = initial_password();
  auto hash = YC_TRY(hash_password(password));
  auto id = YC_TRY(db_.transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return insert_account(tx, actor, scope, a, hash, true, "");
  }));
  auto account = YC_TRY(get_account(scope, id));
  return std::make_pair(std::move(account), std::move(password));
}

Result<std::int64_t> Accounts::insert_account(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                              const NewAccount& a, const std::string& password_hash,
                                              bool must_change, const std::string& totp_sealed) {
  const auto login = normalize_login(a.login);
  if (!login)
    return fail(ErrorCode::kInvalidArgument, "登录名应为 3 至 32 位小写字母、数字或 . _ -,以字母开头", "login");
  auto sealed = YC_TRY(seal_person(keys_, a.name, a.phone));
  if (a.unit_code.empty()) return fail(ErrorCode::kInvalidArgument, "请选择所属单位", "unit_code");
  auto unit = org::get_unit(tx, scope, a.unit_code);
  if (!unit) return fail(ErrorCode::kNotFound, "所属单位不存在", "unit_code");
  const auto now = clock_();
  auto row = tx.one(
      "INSERT INTO account (login, name_sealed, name_masked, phone_sealed, phone_masked, unit_code, password_hash, "
      "must_change_password, password_changed_at, totp_sealed, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $9) RETURNING id",
      {*login, sealed.name_sealed, sealed.name_masked, sealed.phone_sealed, sealed.phone_masked, a.unit_code,
       password_hash, std::int64_t{must_change ? 1 : 0}, now, totp_sealed});
  if (!row) {
    if (row.error().code == ErrorCode::kConflict)
      return fail(ErrorCode::kConflict, "登录名已被使用", "login");
    return Unexpected{row.error()};
  }
  const auto id = row->int64(0);
  auto e = entry(actor, "account.create", "account", std::to_string(id));
  e.after_digest = audit::digest({*login, sealed.name_sealed, sealed.phone_sealed, a.unit_code});
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return id;
}

Result<Account> Accounts::update_account(const Principal& p, const audit::Actor& actor, const org::Scope& scope,
                                         std::int64_t id, const AccountPatch& patch, std::int64_t expected_version) {
  if (patch.active && !*patch.active && id == p.account_id)
    return fail(ErrorCode::kConflict, "不能停用自己的账户", "active");
  const auto now = clock_();
  YC_TRY_VOID(db_.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    const auto r = YC_TRY(account_in_scope(tx, scope, id,
                                           "a.name_sealed, a.name_masked, a.phone_sealed, a.phone_masked, a.active, "
                                           "a.formal_staff"));
    Sealed after{r.text(0), r.text(1), r.text(2), r.text(3)};
    bool active = r.int64(4) != 0;
    bool formal = r.int64(5) != 0;
    if (patch.formal_staff) formal = *patch.formal_staff;
    if (patch.name) {
      auto s = YC_TRY(seal_person(keys_, *patch.name, ""));
      after.name_sealed = s.name_sealed;
      after.name_masked = s.name_masked;
    }
    if (patch.phone) {
      if (patch.phone->empty()) {
        after.phone_sealed.clear();
        after.phone_masked.clear();
      } else {
        YC_TRY_VOID(privacy::validate_mobile(*patch.phone, "phone"));
        after.phone_sealed = YC_TRY(keys_.encrypt(*patch.phone, kPhoneContext));
        after.phone_masked = privacy::mask_phone(*patch.phone);
      }
    }
    if (patch.active) active = *patch.active;
    YC_TRY_VOID(store::update_versioned(
        tx, "account",
        "name_sealed = $1, name_masked = $2, phone_sealed = $3, phone_masked = $4, active = $5, updated_at = $6, "
        "formal_staff = $7",
        {after.name_sealed, after.name_masked, after.phone_sealed, after.phone_masked, std::int64_t{active ? 1 : 0},
         now, std::int64_t{formal ? 1 : 0}},
        id, expected_version));
    if (!active) YC_TRY_VOID(end_sessions_of(tx, id, now, "disabled", ""));
    auto e = entry(actor, "account.update", "account", std::to_string(id));
    e.before_digest = audit::digest({r.text(0), r.text(2), r.int64(4) != 0 ? "1" : "0", r.int64(5) != 0 ? "1" : "0"});
    e.after_digest = audit::digest({after.name_sealed, after.phone_sealed, active ? "1" : "0", formal ? "1" : "0"});
    YC_TRY_VOID(audit::append(tx, std::move(e)));
    return {};
  }));
  return get_account(scope, id);
}

Result<std::string> Accounts::reset_password(const Principal& p, const audit::Actor& actor,
                                             const org::Scope& scope, std::int64_t id) {
  if (id == p.account_id) return fail(ErrorCode::kConflict, "请通过“修改密码”更改自己的密码", "id");
  YC_TRY_VOID(get_account(scope, id));
  auto password = initial_password();
  auto hash = YC_TRY(hash_password(password));
  const auto now = clock_();
  YC_TRY_VOID(db_.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    YC_TRY_VOID(tx.exec(
        "UPDATE account SET password_hash = $1, must_change_password = 1, password_changed_at = $2, "
        "version = version + 1, updated_at = $2 WHERE id = $3",
        {hash, now, id}));
    YC_TRY_VOID(tx.exec("DELETE FROM login_failure WHERE account_id = $1", {id}));  // also unlocks
    YC_TRY_VOID(end_sessions_of(tx, id, now, "password_reset", ""));
    YC_TRY_VOID(audit::append(tx, entry(actor, "account.password.reset", "account", std::to_string(id))));
    return {};
  }));
  return password;
}

Result<void> Accounts::reset_totp(const Principal& p, const audit::Actor& actor, const org::Scope& scope,
                                  std::int64_t id) {
  if (id == p.account_id) return fail(ErrorCode::kConflict, "不能重置自己的动态口令", "id");
  YC_TRY_VOID(get_account(scope, id));
  const auto now = clock_();
  return db_.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    YC_TRY_VOID(tx.exec(
        "UPDATE account SET totp_sealed = '', totp_pending_sealed = '', totp_last_step = 0, version = version + 1, "
        "updated_at = $1 WHERE id = $2",
        {now, id}));
    YC_TRY_VOID(tx.exec("DELETE FROM recovery_code WHERE account_id = $1", {id}));
    YC_TRY_VOID(end_sessions_of(tx, id, now, "totp_reset", ""));
    YC_TRY_VOID(audit::append(tx, entry(actor, "account.totp.reset", "account", std::to_string(id))));
    return {};
  });
}

Result<Revealed> Accounts::reveal(const audit::Actor& actor, const org::Scope& scope, std::int64_t id) {
  return db_.transact<Revealed>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Revealed> {
    const auto row = YC_TRY(account_in_scope(tx, scope, id, "a.name_sealed, a.phone_sealed"));
    Revealed out;
    out.name = YC_TRY(keys_.decrypt(row.text(0), kNameContext));
    if (!row.text(1).empty()) out.phone = YC_TRY(keys_.decrypt(row.text(1), kPhoneContext));
    // Issue 4, item 5: every display of unmasked personal data is recorded.
    YC_TRY_VOID(audit::append(tx, entry(actor, "account.reveal", "account", std::to_string(id))));
    return out;
  });
}

Result<std::vector<Grant>> Accounts::grants_of(const org::Scope& scope, std::int64_t account_id) {
  YC_TRY_VOID(get_account(scope, account_id));
  return db_.transact<std::vector<Grant>>(store::TxMode::kRead,
                                          [&](store::Tx& tx) { return load_grants(tx, account_id); });
}

Result<Grant> Accounts::insert_grant(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                     std::int64_t account_id, std::string_view role_code,
                                     std::string_view unit_code) {
  const Role* r = role(role_code);
  if (r == nullptr) return fail(ErrorCode::kInvalidArgument, "角色不存在", "role");
  // Lock the account row first, so two grants to one account run one after
  // the other and the 三员 check below sees the other's result.
  std::vector<store::Param> params{account_id, clock_()};
  const auto where = scope.sql("u.path", params);
  auto locked_rows = YC_TRY(tx.query(
      fmt::format("UPDATE account SET version = version + 1, updated_at = $2 WHERE id = $1 AND unit_code IN "
                  "(SELECT u.code FROM org_unit u WHERE {}) RETURNING id",
                  where),
      params));
  if (locked_rows.rows.empty()) return fail(ErrorCode::kNotFound, "用户不存在", "account_id");
  auto unit = org::get_unit(tx, scope, std::string(unit_code));
  if (!unit) return fail(ErrorCode::kNotFound, "授权单位不存在", "unit_code");
  auto existing = YC_TRY(load_grants(tx, account_id));
  if (!r->triad.empty()) {
    // 三员分立 (issue 4, item 4; research/security.md): no account holds two
    // of the system, security and audit administrator roles.
    for (const auto& g : existing) {
      const Role* other = role(g.role);
      if (other != nullptr && !other->triad.empty() && other->triad != r->triad)
        return fail(ErrorCode::kConflict,
                    fmt::format("三员分立:该用户已是{},不能再担任{}", other->name, r->name), "role");
    }
  }
  auto row = tx.one(
      "INSERT INTO role_grant (account_id, role_code, unit_code, created_at, created_by) VALUES ($1, $2, $3, $4, $5) "
      "RETURNING id",
      {account_id, std::string(role_code), std::string(unit_code), clock_(), actor.id});
  if (!row) {
    if (row.error().code == ErrorCode::kConflict)
      return fail(ErrorCode::kConflict, "该用户在此单位已有这个角色", "role");
    return Unexpected{row.error()};
  }
  Grant g{row->int64(0), account_id, r->code, r->name, unit->code, unit->name, unit->path, clock_()};
  auto e = entry(actor, "grant.create", "role_grant", std::to_string(g.id));
  e.after_digest = audit::digest({std::to_string(account_id), g.role, g.unit_code});
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return g;
}

Result<Grant> Accounts::grant(const Principal& p, const audit::Actor& actor, const org::Scope& scope,
                              std::int64_t account_id, std::string_view role_code, std::string_view unit_code) {
  if (account_id == p.account_id) return fail(ErrorCode::kForbidden, "不能给自己授权", "account_id");
  return db_.transact<Grant>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return insert_grant(tx, actor, scope, account_id, role_code, unit_code);
  });
}

Result<void> Accounts::revoke(const Principal& p, const audit::Actor& actor, const org::Scope& scope,
                              std::int64_t grant_id) {
  return db_.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    std::vector<store::Param> params{grant_id};
    const auto in_unit = scope.sql("gu.path", params);
    const auto in_account = scope.sql("au.path", params);
    auto rows = YC_TRY(tx.query(
        fmt::format("SELECT g.account_id, g.role_code, g.unit_code FROM role_grant g "
                    "JOIN org_unit gu ON gu.code = g.unit_code JOIN account a ON a.id = g.account_id "
                    "JOIN org_unit au ON au.code = a.unit_code WHERE g.id = $1 AND {} AND {}",
                    in_unit, in_account),
        params));
    if (rows.rows.empty()) return fail(ErrorCode::kNotFound, "授权不存在", "id");
    if (rows.rows[0].int64(0) == p.account_id)
      return fail(ErrorCode::kForbidden, "不能撤销自己的授权", "id");
    YC_TRY_VOID(tx.exec("DELETE FROM role_grant WHERE id = $1", {grant_id}));
    auto e = entry(actor, "grant.revoke", "role_grant", std::to_string(grant_id));
    e.before_digest =
        audit::digest({std::to_string(rows.rows[0].int64(0)), rows.rows[0].text(1), rows.rows[0].text(2)});
    YC_TRY_VOID(audit::append(tx, std::move(e)));
    return {};
  });
}

Result<std::int64_t> Accounts::create_seeded(const audit::Actor& actor, const NewAccount& a,
                                             std::string_view password, bool must_change,
                                             const std::optional<std::string>& totp_raw,
                                             const std::vector<std::pair<std::string, std::string>>& grants) {
  auto hash = YC_TRY(hash_password(password));
  std::string totp;
  if (totp_raw) totp = YC_TRY(keys_.encrypt(*totp_raw, kTotpContext));
  const auto all = org::Scope::all();
  return db_.transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
    auto id = YC_TRY(insert_account(tx, actor, all, a, hash, must_change, totp));
    for (const auto& [role_code, unit] : grants) YC_TRY_VOID(insert_grant(tx, actor, all, id, role_code, unit));
    return id;
  });
}

}  // namespace yc::identity
