#include "identity/routes.hpp"

#include <boost/json.hpp>

#include "platform/http/json_body.hpp"
#include "platform/time.hpp"

namespace yc::identity {
namespace {

namespace json = boost::json;
using http::Method;

json::value opt_time(const std::optional<std::int64_t>& ms) {
  if (!ms) return nullptr;
  return json::value(time::format_utc(*ms));
}

json::object me_json(const Accounts& accounts, const Principal& p) {
  json::array roles;
  for (const auto& g : p.grants)
    roles.push_back(json::object{{"role", g.role}, {"role_name", g.role_name}, {"unit_code", g.unit_code},
                                 {"unit_name", g.unit_name}});
  json::array perms;
  for (const auto& perm : p.permissions()) perms.push_back(json::value(perm));
  (void)accounts;
  return json::object{
      {"account", json::object{{"id", p.account_id}, {"login", p.login}, {"name", p.name_masked},
                               {"unit_code", p.unit_code}, {"unit_name", p.unit_name}}},
      {"step", step_name(p.step)},
      {"csrf_token", p.csrf_token},
      {"idle_seconds", p.idle_ms / 1000},
      {"expires_at", time::format_utc(p.expires_at)},
      {"roles", std::move(roles)},
      {"permissions", std::move(perms)},
  };
}

json::object account_json(const Account& a) {
  return json::object{{"id", a.id},
                      {"login", a.login},
                      {"name", a.name_masked},
                      {"phone", a.phone_masked},
                      {"unit_code", a.unit_code},
                      {"unit_name", a.unit_name},
                      {"active", a.active},
                      {"must_change_password", a.must_change_password},
                      {"totp_enabled", a.totp_enabled},
                      {"formal_staff", a.formal_staff},
                      {"locked_until", opt_time(a.locked_until)},
                      {"last_login_at", opt_time(a.last_login_at)},
                      {"version", a.version}};
}

json::object grant_json(const Grant& g) {
  return json::object{{"id", g.id},           {"account_id", g.account_id}, {"role", g.role},
                      {"role_name", g.role_name}, {"unit_code", g.unit_code}, {"unit_name", g.unit_name},
                      {"created_at", time::format_utc(g.created_at)}};
}

json::object sessions_json(const std::vector<SessionInfo>& list, const std::string& current) {
  json::array items;
  for (const auto& s : list)
    items.push_back(json::object{{"id", s.id},
                                 {"created_at", time::format_utc(s.created_at)},
                                 {"last_seen_at", time::format_utc(s.last_seen_at)},
                                 {"expires_at", time::format_utc(s.expires_at)},
                                 {"client_address", s.client_address},
                                 {"user_agent", s.user_agent},
                                 {"current", s.id == current}});
  return json::object{{"items", std::move(items)}};
}

}  // namespace

void add_routes(ApiRouter& api) {
  Accounts& accounts = api.accounts();

  // --- Sign-in (issue 4, items 2-3) ------------------------------------------
  api.add_public(Method::kPost, "/api/auth/login", [&api, &accounts](const http::Request& r) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    auto login = YC_TRY(body.text("login", 64));
    auto password = YC_TRY(body.opt_text("password", 256)).value_or("");
    auto signed_in = YC_TRY(accounts.login(login, password, client_of(r)));
    auto resp = http::json_response(200, me_json(accounts, signed_in.principal));
    resp.header("Set-Cookie", session_cookie(api.cookies(), r, signed_in.token));
    return resp;
  });

  api.add_session(Method::kPost, "/api/auth/logout", [&api, &accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    YC_TRY_VOID(accounts.logout(p, client_of(r)));
    auto resp = http::no_content();
    resp.header("Set-Cookie", cleared_cookie(api.cookies(), r));
    return resp;
  });

  api.add_session(Method::kGet, "/api/auth/me", [&accounts](const http::Request&, const Principal& p) -> Result<http::Response> {
    return http::json_response(200, me_json(accounts, p));
  });

  api.add_session(Method::kPost, "/api/auth/totp", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    auto recovery = YC_TRY(body.opt_text("recovery_code", 32));
    Principal next = recovery ? YC_TRY(accounts.use_recovery_code(p, *recovery, client_of(r)))
                              : YC_TRY(accounts.verify_totp(p, YC_TRY(body.text("code", 10)), client_of(r)));
    return http::json_response(200, me_json(accounts, next));
  });

  api.add_session(Method::kPost, "/api/auth/totp/enroll", [&accounts](const http::Request&, const Principal& p) -> Result<http::Response> {
    auto secret = YC_TRY(accounts.begin_totp_enrollment(p));
    return http::json_response(200, json::object{{"secret", secret.base32},
                                                 {"uri", totp_uri(secret, p.login, "一窗")}});
  });

  api.add_session(Method::kPost, "/api/auth/totp/confirm", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    auto codes = YC_TRY(accounts.confirm_totp(p, YC_TRY(body.text("code", 10)), client_of(r)));
    auto me = YC_TRY(accounts.reload(p));
    json::array list;
    for (const auto& c : codes) list.push_back(json::value(c));
    return http::json_response(200, json::object{{"me", me_json(accounts, me)}, {"recovery_codes", std::move(list)}});
  });

  api.add_session(Method::kPost, "/api/auth/password", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    auto current = YC_TRY(body.opt_text("current_password", 256)).value_or("");
    auto next = YC_TRY(body.text("new_password", 256));
    auto me = YC_TRY(accounts.change_password(p, current, next, client_of(r)));
    return http::json_response(200, me_json(accounts, me));
  });

  // --- Sessions -----------------------------------------------------------------
  api.add(Method::kGet, "/api/sessions", "", [&accounts](const http::Request&, const Principal& p) -> Result<http::Response> {
    return http::json_response(200, sessions_json(YC_TRY(accounts.own_sessions(p)), p.session_id));
  });

  api.add(Method::kDelete, "/api/sessions/:id", "", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    YC_TRY_VOID(accounts.end_session(p, p.scope("session.manage"), r.param("id"), client_of(r)));
    return http::no_content();
  });

  api.add(Method::kGet, "/api/accounts/:id/sessions", "session.manage", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto list = YC_TRY(accounts.account_sessions(p.scope("session.manage"), YC_TRY(http::id_param(r))));
    return http::json_response(200, sessions_json(list, p.session_id));
  });

  // --- Accounts --------------------------------------------------------------------
  api.add(Method::kGet, "/api/accounts", "account.read", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto list = YC_TRY(accounts.list_accounts(p.scope("account.read"), r.query("q").value_or(""),
                                              r.query("unit").value_or("")));
    json::array items;
    for (const auto& a : list) items.push_back(account_json(a));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  api.add(Method::kPost, "/api/accounts", "account.write", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    NewAccount a;
    a.login = YC_TRY(body.text("login", 32));
    a.name = YC_TRY(body.text("name", 30));
    a.phone = YC_TRY(body.opt_text("phone", 20)).value_or("");
    a.unit_code = YC_TRY(body.text("unit_code", 12));
    auto [account, password] = YC_TRY(accounts.create_account(p.actor(client_of(r).address), p.scope("account.write"), a));
    return http::json_response(201, json::object{{"account", account_json(account)}, {"initial_password", password}});
  });

  api.add(Method::kGet, "/api/accounts/:id", "account.read", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    return http::json_response(200, account_json(YC_TRY(accounts.get_account(p.scope("account.read"), YC_TRY(http::id_param(r))))));
  });

  api.add(Method::kPatch, "/api/accounts/:id", "account.write", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto id = YC_TRY(http::id_param(r));
    auto body = YC_TRY(http::JsonObject::parse(r));
    AccountPatch patch;
    patch.name = YC_TRY(body.opt_text("name", 30));
    patch.phone = YC_TRY(body.opt_text("phone", 20));
    patch.active = YC_TRY(body.opt_bool("active"));
    patch.formal_staff = YC_TRY(body.opt_bool("formal_staff"));
    auto version = YC_TRY(body.integer("version"));
    auto a = YC_TRY(accounts.update_account(p, p.actor(client_of(r).address), p.scope("account.write"), id, patch, version));
    return http::json_response(200, account_json(a));
  });

  api.add(Method::kPost, "/api/accounts/:id/reset-password", "account.write", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto password = YC_TRY(accounts.reset_password(p, p.actor(client_of(r).address), p.scope("account.write"), YC_TRY(http::id_param(r))));
    return http::json_response(200, json::object{{"initial_password", password}});
  });

  api.add(Method::kPost, "/api/accounts/:id/reset-totp", "mfa.reset", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    YC_TRY_VOID(accounts.reset_totp(p, p.actor(client_of(r).address), p.scope("mfa.reset"), YC_TRY(http::id_param(r))));
    return http::no_content();
  });

  api.add(Method::kPost, "/api/accounts/:id/reveal", "personal.reveal", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto v = YC_TRY(accounts.reveal(p.actor(client_of(r).address), p.scope("personal.reveal"), YC_TRY(http::id_param(r))));
    auto resp = http::json_response(200, json::object{{"name", v.name}, {"phone", v.phone}});
    resp.header("Cache-Control", "no-store");
    return resp;
  });

  // --- Roles and grants (issue 4, item 4) ------------------------------------------
  api.add(Method::kGet, "/api/roles", "", [&accounts](const http::Request&, const Principal&) -> Result<http::Response> {
    json::array items;
    for (const auto& role : accounts.roles()) {
      json::array perms;
      for (const auto& code : role.permissions)
        perms.push_back(json::object{{"code", code}, {"name", permission_name(code)}});
      items.push_back(json::object{{"code", role.code}, {"name", role.name}, {"triad", role.triad},
                                   {"requires_totp", role.requires_totp}, {"idle_minutes", role.idle_minutes},
                                   {"permissions", std::move(perms)}});
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  api.add(Method::kGet, "/api/accounts/:id/grants", "account.read", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto list = YC_TRY(accounts.grants_of(p.scope("account.read"), YC_TRY(http::id_param(r))));
    json::array items;
    for (const auto& g : list) items.push_back(grant_json(g));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  api.add(Method::kPost, "/api/grants", "grant.write", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    auto account_id = YC_TRY(body.integer("account_id"));
    auto role = YC_TRY(body.text("role", 40));
    auto unit = YC_TRY(body.text("unit_code", 12));
    auto g = YC_TRY(accounts.grant(p, p.actor(client_of(r).address), p.scope("grant.write"), account_id, role, unit));
    return http::json_response(201, grant_json(g));
  });

  api.add(Method::kDelete, "/api/grants/:id", "grant.write", [&accounts](const http::Request& r, const Principal& p) -> Result<http::Response> {
    YC_TRY_VOID(accounts.revoke(p, p.actor(client_of(r).address), p.scope("grant.write"), YC_TRY(http::id_param(r))));
    return http::no_content();
  });
}

}  // namespace yc::identity
