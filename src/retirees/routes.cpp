#include "retirees/routes.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "platform/http/json_body.hpp"
#include "platform/time.hpp"
#include "retirees/service.hpp"

namespace yc::retirees {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;

time::Date today() { return time::shanghai_date(time::now_ms()); }

json::value opt_text(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object retiree_json(const Retiree& r) {
  return {{"id", r.id},
          {"kind", r.kind},
          {"kind_name", kind_name(r.kind)},
          {"unit_code", r.unit_code},
          {"unit_name", r.unit_name},
          {"id_number", r.id_masked},
          {"name", r.name_masked},
          {"phone", r.phone_masked},
          {"address", r.address_masked},
          {"gender", r.gender},
          {"gender_name", r.gender == "F" ? "女" : "男"},
          {"birth_year", r.birth_year},
          {"injury_level", http::or_null(r.injury_level)},
          {"benefit_kind", r.benefit_kind},
          {"benefit_kind_name", benefit_kind_name(r.benefit_kind)},
          {"start_day", r.start_day},
          {"former_employer", r.former_employer},
          {"status", r.status},
          {"status_name", status_name(r.status)},
          {"benefits_active", r.benefits_active},
          {"death_day", opt_text(r.death_day)},
          {"benefit_stop_day", opt_text(r.benefit_stop_day)},
          {"last_contact_day", opt_text(r.last_contact_day)},
          {"uncontacted_this_year", r.uncontacted},
          {"created_at", r.created_at},
          {"version", r.version}};
}

json::object activity_json(const Activity& a, bool with_participants) {
  json::object o{{"id", a.id},
                 {"unit_code", a.unit_code},
                 {"unit_name", a.unit_name},
                 {"kind", a.kind},
                 {"kind_name", activity_kind_name(a.kind)},
                 {"title", a.title},
                 {"day", a.day},
                 {"place", a.place},
                 {"content", a.content},
                 {"participant_count", a.participant_count},
                 {"created_at", a.created_at}};
  if (with_participants) {
    json::array people;
    for (const auto& r : a.participants) people.push_back(retiree_json(r));
    o["participants"] = std::move(people);
  }
  return o;
}

json::object detail_json(const Detail& d, std::int64_t viewer) {
  auto o = retiree_json(d.retiree);
  json::array contacts, activities, reports;
  for (const auto& c : d.contacts)
    contacts.push_back({{"id", c.id}, {"day", c.day}, {"method", c.method}, {"method_name", contact_method_name(c.method)},
                        {"note", c.note}, {"by_name", c.by_name}, {"created_at", c.created_at}});
  for (const auto& a : d.activities) activities.push_back(activity_json(a, false));
  for (const auto& r : d.death_reports)
    reports.push_back({{"id", r.id}, {"death_day", r.death_day}, {"source", r.source},
                       {"source_name", death_source_name(r.source)}, {"note", r.note}, {"state", r.state},
                       {"reported_by_name", r.reported_by_name}, {"reported_by_self", r.reported_by == viewer},
                       {"reported_at", r.reported_at}, {"checked_by_name", r.checked_by_name},
                       {"checked_at", http::or_null(r.checked_at)}, {"reject_reason", r.reject_reason},
                       {"benefit_stop_day", opt_text(r.benefit_stop_day)}});
  o["contacts"] = std::move(contacts);
  o["activities"] = std::move(activities);
  o["death_reports"] = std::move(reports);
  return o;
}

Result<std::vector<std::int64_t>> ids(const http::JsonObject& b, std::string_view key) {
  std::vector<std::int64_t> out;
  const auto& v = b.raw(key);
  if (v.is_null()) return out;
  if (!v.is_array()) return fail(ErrorCode::kInvalidArgument, "参加人员应为人员编号列表", std::string(key));
  for (const auto& x : v.as_array()) {
    if (!x.is_int64() || x.as_int64() <= 0) return fail(ErrorCode::kInvalidArgument, "参加人员应为人员编号列表", std::string(key));
    out.push_back(x.as_int64());
  }
  return out;
}

}  // namespace

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys) {
  api.add(Method::kGet, "/api/retirees", "retiree.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    Filter f{r.query("unit").value_or(""), r.query("kind").value_or(""), r.query("status").value_or(""),
             r.query("uncontacted").value_or("") == "1"};
    auto items = YC_TRY(db.transact<std::vector<Retiree>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list(tx, p.scope("retiree.read"), f, today());
    }));
    json::array out;
    for (const auto& x : items) out.push_back(retiree_json(x));
    return http::json_response(200, json::object{{"items", std::move(out)}});
  });

  api.add(Method::kPost, "/api/retirees", "retiree.write", [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    NewRetiree in;
    in.unit_code = YC_TRY(b.text("unit_code", 20));
    in.person.id_number = YC_TRY(b.text("id_number", 18));
    in.person.name = YC_TRY(b.text("name", 50));
    in.person.phone = YC_TRY(b.opt_text("phone", 20)).value_or("");
    in.person.address = YC_TRY(b.opt_text("address", 200)).value_or("");
    in.entry.kind = YC_TRY(b.text("kind", 20));
    in.entry.benefit_kind = YC_TRY(b.opt_text("benefit_kind", 30)).value_or("");
    if (auto l = YC_TRY(b.opt_integer("injury_level"))) in.entry.injury_level = static_cast<int>(std::clamp<std::int64_t>(*l, -1, 99));
    in.entry.start_day = YC_TRY(b.text("start_day", 10));
    in.entry.former_employer = YC_TRY(b.opt_text("former_employer", 100)).value_or("");
    auto x = YC_TRY(db.transact<Retiree>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return add(tx, keys, p.actor(identity::client_of(r).address), p.scope("retiree.write"), p.account_id, in,
                 time::now_ms());
    }));
    return http::json_response(201, retiree_json(x));
  });

  api.add(Method::kGet, "/api/retirees/:id", "retiree.read", [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto d = YC_TRY(db.transact<Detail>(store::TxMode::kRead, [&](store::Tx& tx) {
      return get(tx, keys, p.scope("retiree.read"), id, today());
    }));
    return http::json_response(200, detail_json(d, p.account_id));
  });

  api.add(Method::kPost, "/api/retirees/:id/reveal", "retiree.write", [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto who = YC_TRY(db.transact<privacy::PersonInput>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return reveal(tx, keys, p.actor(identity::client_of(r).address), p.scope("retiree.write"), id);
    }));
    return http::json_response(200, json::object{{"id_number", who.id_number}, {"name", who.name}, {"phone", who.phone},
                                                 {"address", who.address}});
  });

  // The steps on one person, each answering the person's detail.
  const auto step = [&db, &keys](const http::Request& r, const Principal& p, const char* permission, int status,
                                 auto&& fn) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    auto d = YC_TRY(db.transact<Detail>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Detail> {
      return fn(tx, b, p.actor(identity::client_of(r).address), p.scope(permission), id);
    }));
    return http::json_response(status, detail_json(d, p.account_id));
  };
  using Scope = org::Scope;
  api.add(Method::kPost, "/api/retirees/:id/contacts", "retiree.write", [step, &keys](const http::Request& r, const Principal& p) {
    return step(r, p, "retiree.write", 201, [&](store::Tx& tx, const http::JsonObject& b, const audit::Actor& a,
                                                const Scope& s, std::int64_t id) -> Result<Detail> {
      // Locals first: g++ leaks what a braced initializer built when YC_TRY returns inside it.
      auto day = YC_TRY(b.text("day", 10));
      auto method = YC_TRY(b.text("method", 20));
      auto note = YC_TRY(b.opt_text("note", 500)).value_or("");
      NewContact in{std::move(day), std::move(method), std::move(note)};
      return add_contact(tx, keys, a, s, p.account_id, id, in, time::now_ms());
    });
  });
  api.add(Method::kPost, "/api/retirees/:id/death-report", "retiree.write", [step, &keys](const http::Request& r, const Principal& p) {
    return step(r, p, "retiree.write", 201, [&](store::Tx& tx, const http::JsonObject& b, const audit::Actor& a,
                                                const Scope& s, std::int64_t id) -> Result<Detail> {
      auto death_day = YC_TRY(b.text("death_day", 10));
      auto source = YC_TRY(b.text("source", 20));
      auto note = YC_TRY(b.opt_text("note", 500)).value_or("");
      NewDeathReport in{std::move(death_day), std::move(source), std::move(note)};
      return report_death(tx, keys, a, s, p.account_id, id, in, time::now_ms());
    });
  });
  api.add(Method::kPost, "/api/retirees/:id/death-report/recheck", "retiree.recheck", [step, &keys](const http::Request& r, const Principal& p) {
    return step(r, p, "retiree.recheck", 200, [&](store::Tx& tx, const http::JsonObject& b, const audit::Actor& a,
                                                  const Scope& s, std::int64_t id) -> Result<Detail> {
      const auto decision = YC_TRY(b.text("decision", 10));
      if (decision != "confirm" && decision != "reject")
        return fail(ErrorCode::kInvalidArgument, "请选择确认或退回", "decision");
      return recheck_death(tx, keys, a, s, p.account_id, id, decision == "confirm" ? Decision::kConfirm : Decision::kReject,
                           YC_TRY(b.opt_text("reason", 500)).value_or(""), time::now_ms());
    });
  });

  // 文体活动、健康讲座 ... (附件二 社区协助).
  api.add(Method::kGet, "/api/retiree-activities", "retiree.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto unit = r.query("unit").value_or("");
    auto items = YC_TRY(db.transact<std::vector<Activity>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return activities(tx, p.scope("retiree.read"), unit);
    }));
    json::array out;
    for (const auto& a : items) out.push_back(activity_json(a, false));
    return http::json_response(200, json::object{{"items", std::move(out)}});
  });
  api.add(Method::kPost, "/api/retiree-activities", "retiree.write", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    NewActivity in;
    in.unit_code = YC_TRY(b.text("unit_code", 20));
    in.kind = YC_TRY(b.text("kind", 20));
    in.title = YC_TRY(b.text("title", 100));
    in.day = YC_TRY(b.text("day", 10));
    in.place = YC_TRY(b.text("place", 100));
    in.content = YC_TRY(b.opt_text("content", 2000)).value_or("");
    in.participants = YC_TRY(ids(b, "participants"));
    auto a = YC_TRY(db.transact<Activity>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return add_activity(tx, p.actor(identity::client_of(r).address), p.scope("retiree.write"), p.account_id, in,
                          time::now_ms());
    }));
    return http::json_response(201, activity_json(a, true));
  });
  api.add(Method::kGet, "/api/retiree-activities/:id", "retiree.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto a = YC_TRY(db.transact<Activity>(store::TxMode::kRead, [&](store::Tx& tx) {
      return activity(tx, p.scope("retiree.read"), id, today());
    }));
    return http::json_response(200, activity_json(a, true));
  });
}

}  // namespace yc::retirees
