#include "exchange/routes.hpp"

#include <boost/json.hpp>

#include "exchange/webhooks.hpp"
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

}  // namespace

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
}

}  // namespace yc::exchange
