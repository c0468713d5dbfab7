#include "identity/api_clients.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/service.hpp"
#include "identity/secrets.hpp"
#include "platform/time.hpp"
#include "privacy/crypto.hpp"

namespace yc::identity {
namespace {

constexpr const char* kTokenPrefix = "ycs_";  // "yichuang system": tells a leaked token apart in a scan
constexpr std::int64_t kTouchEveryMs = 60'000;

std::string token_hash(std::string_view token) {
  return privacy::sm3_hex(std::string("yichuang.api-client:") + std::string(token));
}

std::vector<std::string> split_scopes(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

constexpr const char* kClientSql =
    "SELECT c.id, c.name, c.unit_code, COALESCE(u.name, ''), c.unit_path, c.scopes, c.token_prefix, "
    "COALESCE(a.login, ''), c.created_at, c.expires_at, c.revoked_at, c.last_used_at, c.last_used_address "
    "FROM api_client c LEFT JOIN org_unit u ON u.code = c.unit_code LEFT JOIN account a ON a.id = c.created_by ";

ApiClient client_from(const store::Row& r) {
  ApiClient c;
  c.id = r.int64(0);
  c.name = r.text(1);
  c.unit_code = r.text(2);
  c.unit_name = r.text(3);
  c.unit_path = r.text(4);
  c.scopes = split_scopes(r.text(5));
  c.token_prefix = r.text(6);
  c.created_by_login = r.text(7);
  c.created_at = r.int64(8);
  c.expires_at = r.opt_int64(9);
  c.revoked_at = r.opt_int64(10);
  c.last_used_at = r.opt_int64(11);
  c.last_used_address = r.text(12);
  return c;
}

Result<ApiClient> load(store::Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto rows = YC_TRY(tx.query(std::string(kClientSql) + "WHERE c.id = $1", {id}));
  if (rows.rows.empty() || !scope.covers(rows.rows[0].text(4)))
    return fail(ErrorCode::kNotFound, "接入系统不存在", "id");
  return client_from(rows.rows[0]);
}

std::string new_token() { return kTokenPrefix + random_token(32); }

audit::Entry entry(const audit::Actor& actor, std::string action, std::int64_t id, std::string digest_of = {}) {
  auto e = audit::entry_for(actor, std::move(action), "api_client", std::to_string(id));
  if (!digest_of.empty()) e.after_digest = audit::digest({digest_of});
  return e;
}

}  // namespace

const std::vector<std::string>& api_client_scopes() {
  static const std::vector<std::string> kScopes = {"cases.read", "stats.read"};
  return kScopes;
}

Result<std::vector<ApiClient>> list_api_clients(store::Tx& tx, const org::Scope& scope) {
  std::vector<store::Param> params;
  auto rows = YC_TRY(tx.query(std::string(kClientSql) + "WHERE " + scope.sql("c.unit_path", params) +
                                  " ORDER BY c.revoked_at IS NOT NULL, c.id DESC",
                              params));
  std::vector<ApiClient> out;
  for (const auto& r : rows.rows) out.push_back(client_from(r));
  return out;
}

Result<IssuedToken> create_api_client(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                      std::int64_t by, const NewApiClient& in, std::int64_t now) {
  if (in.name.empty()) return fail(ErrorCode::kInvalidArgument, "请填写接入系统名称", "name");
  if (in.scopes.empty()) return fail(ErrorCode::kInvalidArgument, "请至少选择一项授权范围", "scopes");
  std::vector<std::string> scopes;
  for (const auto& s : in.scopes) {
    const auto& known = api_client_scopes();
    if (std::find(known.begin(), known.end(), s) == known.end())
      return fail(ErrorCode::kInvalidArgument, fmt::format("未知的授权范围: {}", s.substr(0, 40)), "scopes");
    if (std::find(scopes.begin(), scopes.end(), s) == scopes.end()) scopes.push_back(s);
  }
  std::sort(scopes.begin(), scopes.end());
  std::optional<std::int64_t> expires_at;
  if (in.expires_on) {
    auto day = YC_TRY(time::parse_date(*in.expires_on, "expires_on"));
    // Works through the whole Beijing day named, and stops at its end.
    expires_at = (time::days_from_civil(day) + 1) * 86'400'000LL - time::kShanghaiOffsetMs;
    if (*expires_at <= now) return fail(ErrorCode::kInvalidArgument, "有效期应晚于今天", "expires_on");
  }
  auto unit = tx.one("SELECT path FROM org_unit WHERE code = $1", {in.unit_code});
  if (!unit || !scope.covers(unit->text(0))) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
  std::string joined = ",";
  for (const auto& s : scopes) joined += s + ",";
  const auto token = new_token();
  auto id = YC_TRY(tx.one(
      "INSERT INTO api_client (name, unit_code, unit_path, scopes, token_hash, token_prefix, created_by, created_at, "
      "expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
      {in.name, in.unit_code, unit->text(0), joined, token_hash(token), token.substr(0, 10), by, now,
       expires_at ? store::Param(*expires_at) : store::Param(nullptr)}));
  YC_TRY_VOID(audit::append(tx, entry(actor, "api_client.create", id.int64(0), joined)));
  return IssuedToken{YC_TRY(load(tx, scope, id.int64(0))), token};
}

Result<IssuedToken> rotate_api_client(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                      std::int64_t id, std::int64_t now) {
  auto c = YC_TRY(load(tx, scope, id));
  if (c.revoked_at) return fail(ErrorCode::kConflict, "接入系统已停用,不能更换令牌", "id");
  if (c.expires_at && *c.expires_at <= now) return fail(ErrorCode::kConflict, "接入系统已过期,请新建", "id");
  const auto token = new_token();
  YC_TRY_VOID(tx.exec("UPDATE api_client SET token_hash = $1, token_prefix = $2 WHERE id = $3",
                      {token_hash(token), token.substr(0, 10), id}));
  YC_TRY_VOID(audit::append(tx, entry(actor, "api_client.rotate", id)));
  return IssuedToken{YC_TRY(load(tx, scope, id)), token};
}

Result<ApiClient> revoke_api_client(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                    std::int64_t id, std::int64_t by, std::int64_t now) {
  auto c = YC_TRY(load(tx, scope, id));
  if (c.revoked_at) return fail(ErrorCode::kConflict, "接入系统已停用", "id");
  YC_TRY_VOID(tx.exec("UPDATE api_client SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL",
                      {now, by, id}));
  YC_TRY_VOID(audit::append(tx, entry(actor, "api_client.revoke", id)));
  return load(tx, scope, id);
}

ApiClients::ApiClients(store::Database& db, RateLimit limit, Clock clock)
    : db_(db), limiter_(limit), clock_(clock ? std::move(clock) : Clock(&time::now_ms)) {}

Result<Principal> ApiClients::authenticate(std::string_view token, const Client& client) {
  constexpr const char* kBad = "接入令牌无效、已停用或已过期";
  if (token.size() < 20 || token.size() > 100) return fail(ErrorCode::kUnauthenticated, kBad, "Authorization");
  const auto now = clock_();
  auto rows = YC_TRY(db_.transact<store::Rows>(store::TxMode::kRead, [&](store::Tx& tx) {
    return tx.query(std::string(kClientSql) + "WHERE c.token_hash = $1", {token_hash(token)});
  }));
  if (rows.rows.empty()) return fail(ErrorCode::kUnauthenticated, kBad, "Authorization");
  const auto c = client_from(rows.rows[0]);
  if (c.revoked_at || (c.expires_at && *c.expires_at <= now))
    return fail(ErrorCode::kUnauthenticated, kBad, "Authorization");
  if (int wait = limiter_.take(std::to_string(c.id), now); wait > 0) {
    auto e = Error::make(ErrorCode::kRateLimited, "接入系统请求过于频繁,请稍后再试");
    e.retry_after_s = wait;
    return Unexpected{e};
  }
  if (!c.last_used_at || now - *c.last_used_at >= kTouchEveryMs) {
    YC_TRY_VOID(db_.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
      YC_TRY_VOID(tx.exec("UPDATE api_client SET last_used_at = $1, last_used_address = $2 WHERE id = $3",
                          {now, client.address.substr(0, 64), c.id}));
      return {};
    }));
  }
  Principal p;
  p.api_client_id = c.id;
  p.login = "system:" + c.name;
  p.name_masked = c.name;
  p.unit_code = c.unit_code;
  p.unit_name = c.unit_name;
  p.unit_path = c.unit_path;
  p.step = Step::kDone;
  for (const auto& s : c.scopes) p.permission_paths[s] = {c.unit_path};
  return p;
}

}  // namespace yc::identity
