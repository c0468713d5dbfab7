#include "hall/routes.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "hall/service.hpp"
#include "hall/voice.hpp"
#include "identity/idempotency.hpp"
#include "platform/http/json_body.hpp"
#include "platform/log.hpp"
#include "org/service.hpp"
#include "platform/time.hpp"

namespace yc::hall {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;

json::object group_json(const Group& g) {
  json::array cats;
  for (const auto& c : g.categories) cats.emplace_back(c);
  return json::object{{"id", g.id},         {"site_id", g.site_id}, {"code", g.code},     {"name", g.name},
                      {"prefix", g.prefix}, {"categories", cats},   {"active", g.active}, {"version", g.version}};
}

json::object ticket_json(const Ticket& t) {
  return json::object{{"id", t.id},       {"site_id", t.site_id}, {"group_id", t.group_id}, {"day", t.day},
                      {"label", t.label}, {"number", t.number},   {"channel", t.channel},   {"state", t.state},
                      {"green", t.green}, {"taken_at", t.taken_at}};
}

json::object call_json(const Call& c) {
  return json::object{{"ticket", ticket_json(c.ticket)},
                      {"window_number", c.window_number},
                      {"window_name", c.window_name},
                      {"text", call_text(c.ticket.label, c.window_number)}};
}

Caller caller_of(const http::Request& r, const Principal& p) {
  return Caller{p.account_id, p.actor(identity::client_of(r).address)};
}

Result<std::string> string_list(const json::value& v, std::string_view field, std::vector<std::string>* out) {
  if (!v.is_array()) return fail(ErrorCode::kInvalidArgument, fmt::format("{} 应为列表", field), std::string(field));
  for (const auto& e : v.as_array()) {
    if (!e.is_string() || e.as_string().size() > 40)
      return fail(ErrorCode::kInvalidArgument, fmt::format("{} 的每一项应为文本", field), std::string(field));
    out->emplace_back(e.as_string());
  }
  return std::string();
}

// Tells the hall's screens (topic hall.<site>.queue); a failed publish is
// logged, the call itself stands.
void announce(events::Service& events, const Call& c, std::string_view kind) {
  auto sent = events.publish(fmt::format("hall.{}.queue", c.ticket.site_id),
                             json::serialize(json::object{{"kind", kind},
                                                          {"label", c.ticket.label},
                                                          {"window_number", c.window_number},
                                                          {"window_name", c.window_name},
                                                          {"text", call_text(c.ticket.label, c.window_number)}}));
  if (!sent) log::warn(fmt::format("event=hall_publish_failed site={}", c.ticket.site_id));
}

}  // namespace

void add_routes(identity::ApiRouter& api, store::Database& db, events::Service& events) {
  api.add(Method::kGet, "/api/hall/sites/:site/groups", "org.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto groups = YC_TRY(db.transact<std::vector<Group>>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::vector<Group>> {
      YC_TRY(org::site_place(tx, p.scope("org.read"), site, "site"));
      return list_groups(tx, site);
    }));
    json::array items;
    for (const auto& g : groups) items.push_back(group_json(g));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  api.add(Method::kPost, "/api/hall/sites/:site/groups", "hall.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto code = YC_TRY(b.text("code", 32));
    const auto name = YC_TRY(b.text("name", 30));
    const auto prefix = YC_TRY(b.text("prefix", 1));
    std::vector<std::string> categories;
    if (!b.raw("categories").is_null()) YC_TRY(string_list(b.raw("categories"), "categories", &categories));
    auto g = YC_TRY(db.transact<Group>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return add_group(tx, p.actor(identity::client_of(r).address), p.scope("hall.manage"), site, code, name, prefix,
                       categories, time::now_ms());
    }));
    return http::json_response(201, group_json(g));
  });

  api.add(Method::kPut, "/api/hall/windows/:window/groups", "hall.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto window = YC_TRY(http::id_param(r, "window"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    std::vector<std::string> groups;
    YC_TRY(string_list(b.raw("groups"), "groups", &groups));
    YC_TRY_VOID(db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return set_window_groups(tx, p.actor(identity::client_of(r).address), p.scope("hall.manage"), window, groups);
    }));
    return http::no_content();
  });

  // A ticket issued by the window (a walk-in without the kiosk).
  api.add(Method::kPost, "/api/hall/sites/:site/tickets", "case.intake", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto group = YC_TRY(b.text("group", 32));
    const bool green = YC_TRY(b.opt_bool("green")).value_or(false);
    return identity::idempotent(db, r, p, true, [&](store::Tx& tx) -> Result<http::Response> {
      YC_TRY(org::site_place(tx, p.scope("case.intake"), site, "site"));
      return http::json_response(201, ticket_json(YC_TRY(take_ticket(tx, site, group, "window", green, time::now_ms()))));
    });
  });

  api.add(Method::kPost, "/api/hall/windows/:window/call", "case.intake", [&db, &events](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto window = YC_TRY(http::id_param(r, "window"));
    auto c = YC_TRY(db.transact<Call>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return call_next(tx, caller_of(r, p), p.scope("case.intake"), window, time::now_ms());
    }));
    announce(events, c, "call");
    return http::json_response(200, call_json(c));
  });

  api.add(Method::kPost, "/api/hall/windows/:window/recall", "case.intake", [&db, &events](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto window = YC_TRY(http::id_param(r, "window"));
    auto c = YC_TRY(db.transact<Call>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return recall(tx, caller_of(r, p), p.scope("case.intake"), window);
    }));
    announce(events, c, "recall");
    return http::json_response(200, call_json(c));
  });

  api.add(Method::kPost, "/api/hall/windows/:window/finish", "case.intake", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto window = YC_TRY(http::id_param(r, "window"));
    auto t = YC_TRY(db.transact<Ticket>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return finish(tx, caller_of(r, p), p.scope("case.intake"), window, time::now_ms());
    }));
    return http::json_response(200, ticket_json(t));
  });

  api.add(Method::kPost, "/api/hall/windows/:window/skip", "case.intake", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto window = YC_TRY(http::id_param(r, "window"));
    auto t = YC_TRY(db.transact<Ticket>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return skip(tx, caller_of(r, p), p.scope("case.intake"), window, time::now_ms());
    }));
    return http::json_response(200, ticket_json(t));
  });

  api.add(Method::kPost, "/api/hall/windows/:window/transfer", "case.intake", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto window = YC_TRY(http::id_param(r, "window"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto group = YC_TRY(b.text("group", 32));
    auto t = YC_TRY(db.transact<Ticket>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return transfer(tx, caller_of(r, p), p.scope("case.intake"), window, group);
    }));
    return http::json_response(200, ticket_json(t));
  });
}

}  // namespace yc::hall
