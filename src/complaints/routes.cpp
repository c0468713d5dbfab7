#include "complaints/routes.hpp"

#include <boost/json.hpp>

#include <fmt/format.h>

#include "hall/service.hpp"
#include "identity/citizens.hpp"
#include "platform/http/json_body.hpp"
#include "platform/log.hpp"
#include "platform/time.hpp"

namespace yc::complaints {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;

time::Date today() { return time::shanghai_date(time::now_ms()); }

json::object complaint_json(const Complaint& c) {
  json::object o{{"id", c.id},
                 {"complaint_no", c.complaint_no},
                 {"kind", c.kind},
                 {"kind_name", c.kind == "report" ? "举报" : "投诉"},
                 {"category", c.category},
                 {"category_name", category_name(c.category)},
                 {"channel", c.channel},
                 {"channel_name", channel_name(c.channel)},
                 {"state", c.state},
                 {"state_name", state_name(c.state)},
                 {"anonymous", c.anonymous},
                 {"case_no", c.case_no},
                 {"site_name", c.site_name},
                 {"window_number", http::or_null(c.window_number)},
                 {"staff_name", c.staff_name_masked},
                 {"unit_code", c.unit_code},
                 {"unit_name", c.unit_name},
                 {"assignee_id", http::or_null(c.assignee_id)},
                 {"assignee_name", c.assignee_name},
                 {"accept_due_day", c.accept_due_day},
                 {"reply_due_day", c.reply_due_day},
                 {"reject_reason", c.reject_reason},
                 {"reply", c.reply},
                 {"upheld", http::or_null(c.upheld)},
                 {"callback_outcome", c.callback_outcome},
                 {"callback_note", c.callback_note},
                 {"received_day", c.received_day},
                 {"created_at", c.created_at},
                 {"accepted_at", http::or_null(c.accepted_at)},
                 {"replied_at", http::or_null(c.replied_at)},
                 {"closed_at", http::or_null(c.closed_at)},
                 {"close_due_day", c.close_due_day},
                 {"overdue", c.overdue},
                 {"escalation", c.escalation},
                 {"escalated_to", c.escalated_to},
                 {"escalated_to_name", c.escalated_to_name},
                 {"escalated_at", http::or_null(c.escalated_at)},
                 {"version", c.version}};
  if (!c.content.empty()) o["content"] = c.content;
  return o;
}

// What the reporter sees of their complaint: the steps and the answer, not the staff.
json::object reporter_json(const Complaint& c) {
  auto o = complaint_json(c);
  for (const char* k : {"staff_name", "assignee_id", "assignee_name", "callback_note", "unit_code", "escalated_to", "version"})
    o.erase(k);
  return o;
}

Result<NewComplaint> new_complaint(const http::JsonObject& b, bool staff) {
  NewComplaint in;
  auto& ct = in.content;
  ct.kind = YC_TRY(b.opt_text("kind", 20)).value_or("complaint");
  ct.category = YC_TRY(b.text("category", 20));
  ct.channel = YC_TRY(b.opt_text("channel", 20)).value_or(staff ? "window" : "web");
  ct.content = YC_TRY(b.text("content", 2000));
  ct.anonymous = YC_TRY(b.opt_bool("anonymous")).value_or(false);
  ct.name = YC_TRY(b.opt_text("name", 50)).value_or("");
  ct.phone = YC_TRY(b.opt_text("phone", 20)).value_or("");
  ct.id_number = YC_TRY(b.opt_text("id_number", 18)).value_or("");
  in.case_no = YC_TRY(b.opt_text("case_no", 20)).value_or("");
  in.site_id = YC_TRY(b.opt_integer("site_id"));
  if (auto w = YC_TRY(b.opt_integer("window_number"))) in.window_number = static_cast<int>(std::clamp<std::int64_t>(*w, -1, 1000));
  if (staff) in.staff_id = YC_TRY(b.opt_integer("staff_id"));
  return in;
}

}  // namespace

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys, Settings settings) {
  // --- The reporter (public; a kiosk with its device token) -----------------------------------
  api.add_public(Method::kPost, "/api/public/complaints", [&db, &keys, settings](const http::Request& r) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    auto in = YC_TRY(new_complaint(b, false));
    const auto now = time::now_ms();
    auto created = YC_TRY(db.transact<Created>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Created> {
      if (auto auth = r.header("authorization"); auth && auth->substr(0, 7) == "Device ") {
        auto kiosk = YC_TRY(hall::device_by_token(tx, auth->substr(7), "kiosk", now));
        in.content.channel = "kiosk";
        if (!in.site_id) in.site_id = kiosk.site_id;
      } else if (in.content.channel == "kiosk") {
        return fail(ErrorCode::kInvalidArgument, "受理渠道不正确", "channel");
      }
      return submit(tx, keys, settings, audit::Actor::system(), std::nullopt, "", in, now);
    }));
    return http::json_response(201, json::object{{"complaint_no", created.complaint.complaint_no},
                                                 {"query_code", created.query_code},
                                                 {"accept_due_day", created.complaint.accept_due_day}});
  });

  api.add_public(Method::kPost, "/api/public/complaints/:no/view", [&db](const http::Request& r) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto code = YC_TRY(b.text("code", 64));
    const std::string no(r.param("no"));
    auto c = YC_TRY(db.transact<Complaint>(store::TxMode::kRead, [&](store::Tx& tx) {
      return public_view(tx, no, code, today());
    }));
    return http::json_response(200, reporter_json(c));
  });

  // --- The signed-in citizen (issue 11, item 4: 我的投诉) --------------------------------------
  // Filed under the account's name, phone and ID number (sealed as always),
  // and followed without the query code.
  api.add_citizen(Method::kPost, "/api/citizen/complaints", [&db, &keys, settings](const http::Request& r, const identity::CitizenPrincipal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    auto in = YC_TRY(new_complaint(b, false));
    if (in.content.channel != "web" && in.content.channel != "mobile")
      return fail(ErrorCode::kInvalidArgument, "受理渠道只能是网上或掌上", "channel");
    in.content.anonymous = false;
    in.citizen_id = p.citizen_id;
    const auto now = time::now_ms();
    auto created = YC_TRY(db.transact<Created>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Created> {
      auto me = YC_TRY(identity::open_citizen(tx, keys, p.citizen_id));
      in.content.name = me.name;
      if (in.content.phone.empty()) in.content.phone = me.phone;
      if (me.kind == "person") in.content.id_number = me.id_number;
      return submit(tx, keys, settings, p.actor(identity::client_of(r).address), std::nullopt, "", in, now);
    }));
    auto o = reporter_json(created.complaint);
    o["query_code"] = created.query_code;
    return http::json_response(201, o);
  });
  api.add_citizen(Method::kGet, "/api/citizen/complaints", [&db](const http::Request&, const identity::CitizenPrincipal& p) -> Result<http::Response> {
    auto list = YC_TRY(db.transact<std::vector<Complaint>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return of_citizen(tx, p.citizen_id, time::shanghai_date(time::now_ms()));
    }));
    json::array items;
    for (const auto& c : list) items.push_back(reporter_json(c));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  // --- Staff ----------------------------------------------------------------------------------
  api.add(Method::kPost, "/api/complaints", "complaint.intake", [&db, &keys, settings](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    auto in = YC_TRY(new_complaint(b, true));
    auto created = YC_TRY(db.transact<Created>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Created> {
      auto unit = YC_TRY(tx.one("SELECT unit_code FROM account WHERE id = $1", {p.account_id})).text(0);
      return submit(tx, keys, settings, p.actor(identity::client_of(r).address), p.account_id, unit, in, time::now_ms());
    }));
    auto o = complaint_json(created.complaint);
    o["query_code"] = created.query_code;
    return http::json_response(201, o);
  });

  api.add(Method::kGet, "/api/complaints", "complaint.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    Filter f{r.query("state").value_or(""), r.query("unit").value_or("")};
    auto list_ = YC_TRY(db.transact<std::vector<Complaint>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list(tx, p.scope("complaint.read"), p.account_id, f, today());
    }));
    json::array items;
    for (const auto& c : list_) items.push_back(complaint_json(c));
    return http::json_response(200, json::object{{"items", items}});
  });

  api.add(Method::kGet, "/api/complaints/:id", "complaint.read", [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto c = YC_TRY(db.transact<Complaint>(store::TxMode::kRead, [&](store::Tx& tx) {
      return get(tx, keys, p.scope("complaint.read"), p.account_id, id, today());
    }));
    return http::json_response(200, complaint_json(c));
  });

  api.add(Method::kPost, "/api/complaints/:id/reporter", "complaint.reveal", [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto who = YC_TRY(db.transact<Reporter>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return reveal_reporter(tx, keys, p.actor(identity::client_of(r).address), p.scope("complaint.reveal"), p.account_id, id);
    }));
    return http::json_response(200, json::object{{"name", who.name}, {"phone", who.phone}, {"id_number", who.id_number}});
  });

  // Who may be 承办人 (三(四)): the select of the officers' page.
  api.add(Method::kGet, "/api/complaints/:id/assignees", "complaint.handle", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto list_ = YC_TRY(db.transact<std::vector<Assignee>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return assignees(tx, p.scope("complaint.handle"), p.account_id, id);
    }));
    json::array items;
    for (const auto& a : list_)
      items.push_back({{"account_id", a.account_id}, {"name", a.name_masked}, {"unit_code", a.unit_code},
                       {"unit_name", a.unit_name}, {"self", a.account_id == p.account_id}});
    return http::json_response(200, json::object{{"items", items}});
  });

  // The steps, each for complaint.handle over the complaint's unit.
  const auto step = [&db, &keys](const http::Request& r, const Principal& p, auto&& fn) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    auto c = YC_TRY(db.transact<Complaint>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Complaint> {
      return fn(tx, b, p.actor(identity::client_of(r).address), p.scope("complaint.handle"), p.account_id, id);
    }));
    return http::json_response(200, complaint_json(c));
  };
  using Scope = org::Scope;
  api.add(Method::kPost, "/api/complaints/:id/accept", "complaint.handle", [step, &keys, settings](const http::Request& r, const Principal& p) {
    return step(r, p, [&](store::Tx& tx, const http::JsonObject& b, const audit::Actor& a, const Scope& s, std::int64_t by,
                          std::int64_t id) -> Result<Complaint> {
      const auto assignee = YC_TRY(b.opt_integer("assignee_id"));
      const auto category = YC_TRY(b.opt_text("category", 20)).value_or("");
      return accept(tx, keys, settings, a, s, by, id, assignee, category, time::now_ms());
    });
  });
  api.add(Method::kPost, "/api/complaints/:id/reject", "complaint.handle", [step, &keys](const http::Request& r, const Principal& p) {
    return step(r, p, [&](store::Tx& tx, const http::JsonObject& b, const audit::Actor& a, const Scope& s, std::int64_t by,
                          std::int64_t id) -> Result<Complaint> {
      return reject(tx, keys, a, s, by, id, YC_TRY(b.opt_text("reason", 500)).value_or(""), time::now_ms());
    });
  });
  api.add(Method::kPost, "/api/complaints/:id/assign", "complaint.handle", [step, &keys](const http::Request& r, const Principal& p) {
    return step(r, p, [&](store::Tx& tx, const http::JsonObject& b, const audit::Actor& a, const Scope& s, std::int64_t by,
                          std::int64_t id) -> Result<Complaint> {
      return assign(tx, keys, a, s, by, id, YC_TRY(b.integer("assignee_id")), time::now_ms());
    });
  });
  api.add(Method::kPost, "/api/complaints/:id/reply", "complaint.handle", [step, &keys, settings](const http::Request& r, const Principal& p) {
    return step(r, p, [&](store::Tx& tx, const http::JsonObject& b, const audit::Actor& a, const Scope& s, std::int64_t by,
                          std::int64_t id) -> Result<Complaint> {
      const auto text = YC_TRY(b.opt_text("reply", 2000)).value_or("");
      const auto upheld = YC_TRY(b.opt_bool("upheld"));
      if (!upheld) return fail(ErrorCode::kInvalidArgument, "请认定投诉是否属实", "upheld");
      return reply(tx, keys, settings, a, s, by, id, text, *upheld, time::now_ms());
    });
  });
  api.add(Method::kPost, "/api/complaints/:id/close", "complaint.handle", [step, &keys](const http::Request& r, const Principal& p) {
    return step(r, p, [&](store::Tx& tx, const http::JsonObject& b, const audit::Actor& a, const Scope& s, std::int64_t by,
                          std::int64_t id) -> Result<Complaint> {
      return close(tx, keys, a, s, by, id, YC_TRY(b.text("outcome", 20)), YC_TRY(b.opt_text("note", 500)).value_or(""),
                   time::now_ms());
    });
  });
}

Result<int> run_sweep(store::Database& db, events::Service& events, const Settings& settings, std::int64_t now) {
  auto moved = YC_TRY(db.transact<std::vector<Escalated>>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return sweep(tx, audit::Actor::system(), settings, time::shanghai_date(now), now);
  }));
  // The unit above is told; the event carries no text.
  for (const auto& m : moved) {
    auto sent = events.publish(fmt::format("complaints.{}", m.unit_code),
                               json::serialize(json::object{{"kind", "escalated"}, {"id", m.id}}));
    if (!sent) log::warn(fmt::format("event=complaints_publish_failed unit={}", m.unit_code));
  }
  return static_cast<int>(moved.size());
}

}  // namespace yc::complaints
