#include "exchange/routes.hpp"

#include <boost/json.hpp>

#include "audit/service.hpp"
#include "cases/model.hpp"
#include "exchange/case_feed.hpp"
#include "exchange/webhooks.hpp"
#include "identity/api_clients.hpp"
#include "platform/http/json_body.hpp"
#include "platform/time.hpp"

namespace yc::exchange {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;

json::object subscription_json(const Subscription& s) {
  json::array events;
  for (const auto& e : s.events) events.emplace_back(e);
  return {{"id", s.id},           {"name", s.name},       {"url", s.url},         {"unit_code", s.unit_code},
          {"unit_name", s.unit_name}, {"events", events}, {"active", s.active},   {"created_at", s.created_at},
          {"pending", s.pending}, {"dead", s.dead}};
}

json::object delivery_json(const Delivery& d) {
  return {{"id", d.id},
          {"subscription_id", d.subscription_id},
          {"subscription_name", d.subscription_name},
          {"event", d.event},
          {"payload", d.payload},
          {"state", d.state},
          {"attempts", d.attempts},
          {"last_status", d.last_status ? json::value(*d.last_status) : json::value(nullptr)},
          {"last_error", d.last_error},
          {"next_at", d.next_at},
          {"created_at", d.created_at},
          {"delivered_at", d.delivered_at ? json::value(*d.delivered_at) : json::value(nullptr)}};
}


json::object api_client_json(const identity::ApiClient& c) {
  json::array scopes;
  for (const auto& s : c.scopes) scopes.emplace_back(s);
  return {{"id", c.id},
          {"name", c.name},
          {"unit_code", c.unit_code},
          {"unit_name", c.unit_name},
          {"scopes", scopes},
          {"token_prefix", c.token_prefix},
          {"created_by", c.created_by_login},
          {"created_at", c.created_at},
          {"expires_at", http::or_null(c.expires_at)},
          {"revoked_at", http::or_null(c.revoked_at)},
          {"last_used_at", http::or_null(c.last_used_at)},
          {"last_used_address", c.last_used_address}};
}

json::object unit_ref(const std::string& code, const std::string& name) { return {{"code", code}, {"name", name}}; }

json::object case_record_json(const CaseRecord& c) {
  return {{"case_no", c.case_no},
          {"item_code", c.item_code},
          {"item_name", c.item_name},
          {"channel", c.channel},
          {"status", c.status},
          {"status_name", std::string(cases::status_label(c.status))},
          {"outcome", c.outcome},
          {"intake_unit", unit_ref(c.intake_unit_code, c.intake_unit_name)},
          {"handling_unit", unit_ref(c.handling_unit_code, c.handling_unit_name)},
          {"applicant", json::object{{"kind", c.applicant_kind},
                                     {"name", c.applicant_name_masked},
                                     {"id_number", c.applicant_id_masked}}},
          {"agent_kind", c.agent_kind},
          {"promised_days", c.promised_days},
          {"accepted_day", http::or_null(c.accepted_day)},
          {"due_day", http::or_null(c.due_day)},
          {"overdue", c.overdue},
          {"accepted_at", http::or_null(c.accepted_at)},
          {"completed_at", http::or_null(c.completed_at)},
          {"delivered_at", http::or_null(c.delivered_at)},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

Result<int> int_query(const http::Request& r, const char* name, int fallback, int lo, int hi, const char* message) {
  auto v = r.query(name);
  if (!v) return fallback;
  if (v->empty() || v->size() > 4 || v->find_first_not_of("0123456789") != std::string::npos)
    return fail(ErrorCode::kInvalidArgument, message, name);
  const int n = std::stoi(*v);
  if (n < lo || n > hi) return fail(ErrorCode::kInvalidArgument, message, name);
  return n;
}

audit::Entry read_entry(const Principal& p, const http::Request& r, std::string what) {
  return audit::entry_for(p.actor(identity::client_of(r).address), "api.cases.read", "api_client",
                          std::to_string(p.api_client_id) + ":" + what);
}

}  // namespace

std::set<std::string> client_readable_routes() {
  return {"/api/stats/overview", "/api/stats/ledger", "/api/stats/ledger.xlsx", "/api/stats/report.pdf"};
}

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys) {
  api.add(Method::kGet, "/api/webhooks", "exchange.manage", [&db](const http::Request&, const Principal& p) -> Result<http::Response> {
    auto list = YC_TRY(db.transact<std::vector<Subscription>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return subscriptions(tx, p.scope("exchange.manage"));
    }));
    json::array items;
    for (const auto& s : list) items.push_back(subscription_json(s));
    return http::json_response(200, json::object{{"items", items}});
  });

  api.add(Method::kPost, "/api/webhooks", "exchange.manage", [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    NewSubscription in;
    in.name = YC_TRY(b.text("name", 50));
    in.url = YC_TRY(b.text("url", 500));
    in.unit_code = YC_TRY(b.text("unit", 20));
    const auto& events = b.raw("events");
    if (!events.is_array() || events.as_array().size() > 10)
      return fail(ErrorCode::kInvalidArgument, "请选择要推送的事件", "events");
    for (const auto& e : events.as_array()) {
      if (!e.is_string()) return fail(ErrorCode::kInvalidArgument, "事件格式不正确", "events");
      in.events.emplace_back(e.as_string());
    }
    auto created = YC_TRY(db.transact<Created>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return subscribe(tx, keys, p.actor(identity::client_of(r).address), p.scope("exchange.manage"), p.account_id, in,
                       time::now_ms());
    }));
    return http::json_response(201, json::object{{"subscription", subscription_json(created.subscription)},
                                                 {"secret", created.secret}});
  });

  api.add(Method::kGet, "/api/webhooks/deliveries", "exchange.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto state = r.query("state").value_or("");
    auto list = YC_TRY(db.transact<std::vector<Delivery>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return deliveries(tx, p.scope("exchange.manage"), state);
    }));
    json::array items;
    for (const auto& d : list) items.push_back(delivery_json(d));
    return http::json_response(200, json::object{{"items", items}});
  });

  api.add(Method::kPost, "/api/webhooks/deliveries/:id/retry", "exchange.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto d = YC_TRY(db.transact<Delivery>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return retry(tx, p.actor(identity::client_of(r).address), p.scope("exchange.manage"), id, time::now_ms());
    }));
    return http::json_response(200, delivery_json(d));
  });

  api.add(Method::kDelete, "/api/webhooks/:id", "exchange.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    YC_TRY_VOID(db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return deactivate(tx, p.actor(identity::client_of(r).address), p.scope("exchange.manage"), id);
    }));
    return http::no_content();
  });

  // --- Authorized systems (issue 10, item 7) ----------------------------------------------------
  api.add(Method::kGet, "/api/api-clients", "exchange.manage", [&db](const http::Request&, const Principal& p) -> Result<http::Response> {
    auto list = YC_TRY(db.transact<std::vector<identity::ApiClient>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return identity::list_api_clients(tx, p.scope("exchange.manage"));
    }));
    json::array items;
    for (const auto& c : list) items.push_back(api_client_json(c));
    json::array scopes;
    for (const auto& s : identity::api_client_scopes()) scopes.emplace_back(s);
    return http::json_response(200, json::object{{"items", items}, {"scopes", scopes}});
  });

  api.add(Method::kPost, "/api/api-clients", "exchange.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    identity::NewApiClient in;
    in.name = YC_TRY(b.text("name", 50));
    in.unit_code = YC_TRY(b.text("unit", 20));
    const auto& scopes = b.raw("scopes");
    if (!scopes.is_array() || scopes.as_array().size() > 10)
      return fail(ErrorCode::kInvalidArgument, "请选择授权范围", "scopes");
    for (const auto& s : scopes.as_array()) {
      if (!s.is_string()) return fail(ErrorCode::kInvalidArgument, "授权范围格式不正确", "scopes");
      in.scopes.emplace_back(s.as_string());
    }
    if (const auto& e = b.raw("expires_on"); !e.is_null()) in.expires_on = YC_TRY(b.text("expires_on", 10));
    auto issued = YC_TRY(db.transact<identity::IssuedToken>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return identity::create_api_client(tx, p.actor(identity::client_of(r).address), p.scope("exchange.manage"),
                                         p.account_id, in, time::now_ms());
    }));
    return http::json_response(201, json::object{{"client", api_client_json(issued.client)}, {"token", issued.token}});
  });

  api.add(Method::kPost, "/api/api-clients/:id/rotate", "exchange.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto issued = YC_TRY(db.transact<identity::IssuedToken>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return identity::rotate_api_client(tx, p.actor(identity::client_of(r).address), p.scope("exchange.manage"), id,
                                         time::now_ms());
    }));
    return http::json_response(200, json::object{{"client", api_client_json(issued.client)}, {"token", issued.token}});
  });

  api.add(Method::kPost, "/api/api-clients/:id/revoke", "exchange.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto c = YC_TRY(db.transact<identity::ApiClient>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return identity::revoke_api_client(tx, p.actor(identity::client_of(r).address), p.scope("exchange.manage"), id,
                                         p.account_id, time::now_ms());
    }));
    return http::json_response(200, api_client_json(c));
  });

  // What systems read: cases (cases.read) and, through client_readable_routes, figures (stats.read).
  api.add_client("/api/open/cases", "cases.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    FeedQuery q;
    if (auto a = r.query("after")) q.after = *a;
    if (auto f = r.query("from")) q.from = *f;
    q.unit = r.query("unit").value_or("");
    q.status = r.query("status").value_or("");
    if (!q.status.empty() && !cases::valid_status(q.status))
      return fail(ErrorCode::kInvalidArgument, "未知的办件状态", "status");
    q.limit = YC_TRY(int_query(r, "limit", 100, 1, 500, "limit 应为 1 至 500 的整数"));
    auto page = YC_TRY(db.transact<FeedPage>(store::TxMode::kRead, [&](store::Tx& tx) {
      return case_feed(tx, p.scope("cases.read"), q, time::now_ms());
    }));
    if (!page.items.empty()) {
      // Masked, but still about people: who read which page is kept.
      YC_TRY_VOID(db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
        auto e = read_entry(p, r, "feed");
        e.after_digest = audit::digest({page.items.front().case_no, page.items.back().case_no,
                                        std::to_string(page.items.size())});
        YC_TRY_VOID(audit::append(tx, std::move(e)));
        return {};
      }));
    }
    json::array items;
    for (const auto& c : page.items) items.push_back(case_record_json(c));
    return http::json_response(200, json::object{{"items", items}, {"next", page.next}, {"more", page.more}});
  });

  api.add_client("/api/open/cases/:case_no", "cases.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto case_no = std::string(r.param("case_no"));
    if (case_no.empty() || case_no.size() > 40) return fail(ErrorCode::kNotFound, "办件不存在", "case_no");
    using Found = std::pair<CaseRecord, std::vector<CaseEventRecord>>;
    auto found = YC_TRY(db.transact<Found>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Found> {
      auto c = YC_TRY(case_record(tx, p.scope("cases.read"), case_no));
      YC_TRY_VOID(audit::append(tx, read_entry(p, r, c.first.case_no)));
      return c;
    }));
    auto body = case_record_json(found.first);
    json::array events;
    for (const auto& e : found.second)
      events.push_back(json::object{{"kind", e.kind}, {"step", e.step}, {"unit_code", e.unit_code}, {"at", e.at}});
    body["events"] = std::move(events);
    return http::json_response(200, body);
  });

  api.add_public(Method::kGet, "/api/openapi.json", [](const http::Request&) -> Result<http::Response> {
    auto resp = http::json_response(200, std::string(openapi_json()));
    resp.header("Cache-Control", "public, max-age=300");
    return resp;
  });
}

}  // namespace yc::exchange
