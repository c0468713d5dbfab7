#include "evaluation/routes.hpp"

#include <boost/json.hpp>

#include <fmt/format.h>

#include "audit/model.hpp"
#include "cases/service.hpp"
#include "hall/service.hpp"
#include "platform/http/json_body.hpp"
#include "platform/log.hpp"
#include "platform/time.hpp"

namespace yc::evaluation {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;


json::object evaluation_json(const Evaluation& e) {
  json::array reasons;
  for (const auto& r : e.reasons) reasons.emplace_back(r);
  json::object o{{"id", e.id},
                 {"target_kind", e.target_kind},
                 {"target_id", e.target_id},
                 {"stage", e.stage},
                 {"stage_name", stage_name(e.stage)},
                 {"channel", e.channel},
                 {"channel_name", channel_name(e.channel)},
                 {"level", e.level},
                 {"level_name", level_name(e.level)},
                 {"reasons", reasons},
                 {"has_comment", e.has_comment},
                 {"contact", e.contact_masked},
                 {"unit_code", e.unit_code},
                 {"unit_name", e.unit_name},
                 {"site_name", e.site_name},
                 {"window_number", http::or_null(e.window_number)},
                 {"staff_name", e.staff_name_masked},
                 {"item_code", e.item_code},
                 {"item_name", e.item_name},
                 {"day", e.day},
                 {"created_at", e.created_at},
                 {"rectification_id", http::or_null(e.rectification_id)},
                 {"excluded", e.excluded}};
  if (!e.comment.empty()) o["comment"] = e.comment;
  return o;
}

json::object appeal_json(const Appeal& x) {
  return {{"id", x.id},
          {"rectification_id", x.rectification_id},
          {"evaluation_id", x.evaluation_id},
          {"unit_code", x.unit_code},
          {"unit_name", x.unit_name},
          {"review_unit_code", x.review_unit_code},
          {"review_unit_name", x.review_unit_name},
          {"reason", x.reason},
          {"reason_name", appeal_reason_name(x.reason)},
          {"explanation", x.explanation},
          {"state", x.state},
          {"state_name", appeal_state_name(x.state)},
          {"appealed_by", x.appealed_by},
          {"appellant_name", x.appellant_name},
          {"appealed_at", x.appealed_at},
          {"reviewed_by", http::or_null(x.reviewed_by)},
          {"reviewer_name", x.reviewer_name},
          {"reviewed_at", http::or_null(x.reviewed_at)},
          {"review_note", x.review_note},
          {"version", x.version},
          {"evaluation", evaluation_json(x.evaluation)}};
}

json::object rect_json(const Rectification& x) {
  json::object o{{"id", x.id},
          {"evaluation_id", x.evaluation_id},
          {"unit_code", x.unit_code},
          {"unit_name", x.unit_name},
          {"state", x.state},
          {"due_day", x.due_day},
          {"escalation", x.escalation},
          {"escalated_to", x.escalated_to},
          {"escalated_to_name", x.escalated_to_name},
          {"escalated_at", http::or_null(x.escalated_at)},
          {"callback_outcome", x.callback_outcome},
          {"callback_note", x.callback_note},
          {"callback_at", http::or_null(x.callback_at)},
          {"result", x.result},
          {"closed_at", http::or_null(x.closed_at)},
          {"created_at", x.created_at},
          {"version", x.version},
          {"appeal_state", x.appeal_state},
          {"evaluation", evaluation_json(x.evaluation)}};
  // The detail only: the appeal and the last day to make one.
  if (x.appeal) {
    auto a = appeal_json(*x.appeal);
    a.erase("evaluation");
    o["appeal"] = std::move(a);
  }
  if (!x.appeal_due_day.empty()) o["appeal_due_day"] = x.appeal_due_day;
  return o;
}

// The rating fields of a body: level, reasons, comment, contact.
Result<RatingInput> rating_input(const http::JsonObject& b) {
  RatingInput in;
  in.rating.level = static_cast<int>(std::clamp<std::int64_t>(YC_TRY(b.integer("level")), -1, 99));
  const auto& reasons = b.raw("reasons");
  if (!reasons.is_null()) {
    if (!reasons.is_array() || reasons.as_array().size() > 12)
      return fail(ErrorCode::kInvalidArgument, "评价原因格式不正确", "reasons");
    for (const auto& r : reasons.as_array()) {
      if (!r.is_string()) return fail(ErrorCode::kInvalidArgument, "评价原因格式不正确", "reasons");
      in.rating.reasons.emplace_back(r.as_string());
    }
  }
  in.rating.comment = YC_TRY(b.opt_text("comment", 500)).value_or("");
  in.contact = YC_TRY(b.opt_text("contact", 20)).value_or("");
  return in;
}

void tell(events::Service& events, const std::string& unit, json::object message) {
  auto sent = events.publish(fmt::format("evaluation.{}", unit), json::serialize(message));
  if (!sent) log::warn(fmt::format("event=evaluation_publish_failed unit={}", unit));
}

// A new bad rating is told to its unit's pages (counts only, no text).
void tell_rated(events::Service& events, const Evaluation& e) {
  if (e.rectification_id) tell(events, e.unit_code, {{"kind", "rectification"}, {"id", *e.rectification_id}});
}

Result<std::optional<time::Date>> date_query(const http::Request& r, std::string_view key) {
  auto v = r.query(key);
  if (!v || v->empty()) return std::optional<time::Date>{};
  return std::optional<time::Date>{YC_TRY(time::parse_date(*v, key))};
}

}  // namespace

Result<int> run_sweep(store::Database& db, events::Service& events, const Settings& settings, std::int64_t now) {
  auto moved = YC_TRY(db.transact<std::vector<Escalated>>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return sweep(tx, audit::Actor::system(), settings, time::shanghai_date(now), now);
  }));
  for (const auto& m : moved) tell(events, m.unit_code, {{"kind", "escalated"}, {"id", m.id}});
  return static_cast<int>(moved.size());
}

void add_routes(identity::ApiRouter& api, store::Database& db, events::Service& events, const privacy::KeyRing& keys,
                Settings settings) {
  // --- What can be said (public) ---------------------------------------------------------------
  api.add_public(Method::kGet, "/api/evaluation/meta", [](const http::Request&) -> Result<http::Response> {
    json::array levels, reasons_out;
    for (int l = kLevelMax; l >= kLevelMin; --l) levels.push_back({{"level", l}, {"name", level_name(l)}, {"bad", is_bad(l)}});
    for (const auto& r : reasons()) reasons_out.push_back({{"code", r.code}, {"name", r.name}, {"bad", r.bad}});
    return http::json_response(200, json::object{{"levels", levels}, {"reasons", reasons_out}});
  });

  // --- The citizen's ratings of a case (by the receipt's token or the ID number) --------------
  // The ID number only ever travels in a POST body, so the view is a POST too.
  const auto citizen = [&db, &keys](const http::Request& r, const http::JsonObject& b) -> Result<std::int64_t> {
    const std::string case_no(r.param("case_no"));
    const auto token = YC_TRY(b.opt_text("t", 64)).value_or("");
    const auto id_number = YC_TRY(b.opt_text("id_number", 18)).value_or("");
    if (token.empty() && id_number.empty()) return fail(ErrorCode::kInvalidArgument, "缺少查询码", "t");
    return db.transact<std::int64_t>(store::TxMode::kRead, [&](store::Tx& tx) {
      return cases::citizen_case(tx, keys, case_no, token, id_number);
    });
  };
  const auto view_json = [](const CitizenView& v) {
    json::array stages, ratings;
    for (const auto& s : v.stages) {
      json::array channels;
      for (const auto& c : s.rated_channels) channels.emplace_back(c);
      stages.push_back({{"stage", s.stage}, {"stage_name", stage_name(s.stage)}, {"reached", s.reached}, {"rated_channels", channels}});
    }
    for (const auto& x : v.ratings) {
      auto e = evaluation_json(x.evaluation);
      e.erase("staff_name");
      e.erase("contact");
      e["rectification"] = x.id == 0 ? json::value(nullptr)
                                     : json::value(json::object{{"state", x.state},
                                                                {"unit_name", x.unit_name},
                                                                {"due_day", x.due_day},
                                                                {"called_back", x.callback_at.has_value()},
                                                                {"result", x.result},
                                                                {"closed_at", http::or_null(x.closed_at)},
                                                                {"appeal", x.appeal_state.empty()
                                                                               ? json::value(nullptr)
                                                                               : json::value(json::object{
                                                                                     {"state", x.appeal_state},
                                                                                     {"state_name", appeal_state_name(x.appeal_state)}})}});
      ratings.push_back(std::move(e));
    }
    return json::object{{"stages", stages}, {"ratings", ratings}};
  };

  api.add_public(Method::kPost, "/api/progress/:case_no/evaluations/view", [&db, citizen, view_json](const http::Request& r) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto id = YC_TRY(citizen(r, b));
    auto v = YC_TRY(db.transact<CitizenView>(store::TxMode::kRead, [&](store::Tx& tx) { return citizen_view(tx, id); }));
    return http::json_response(200, view_json(v));
  });

  api.add_public(Method::kPost, "/api/progress/:case_no/evaluations", [&db, &keys, &events, settings, citizen](const http::Request& r) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto id = YC_TRY(citizen(r, b));
    auto in = YC_TRY(rating_input(b));
    const auto stage = YC_TRY(b.text("stage", 20));
    const auto now = time::now_ms();
    auto e = YC_TRY(db.transact<Evaluation>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Evaluation> {
      // A paired kiosk rates as the kiosk; anyone else as web, mobile or the receipt's link.
      if (auto auth = r.header("authorization"); auth && auth->substr(0, 7) == "Device ") {
        YC_TRY(hall::device_by_token(tx, auth->substr(7), "kiosk", now));
        in.channel = "kiosk";
      } else {
        in.channel = YC_TRY(b.opt_text("channel", 20)).value_or("web");
        if (in.channel != "web" && in.channel != "mobile" && in.channel != "receipt")
          return fail(ErrorCode::kInvalidArgument, "评价渠道只能是网上、掌上或回执二维码", "channel");
      }
      return rate_case(tx, keys, settings, id, stage, in, now);
    }));
    tell_rated(events, e);
    return http::json_response(201, evaluation_json(e));
  });

  // --- The window's evaluation pad (Authorization: Device <pad token>) ------------------------
  const auto pad_of = [](store::Tx& tx, const http::Request& r) -> Result<hall::Device> {
    auto auth = r.header("authorization");
    if (!auth || auth->substr(0, 7) != "Device ") return fail(ErrorCode::kUnauthenticated, "评价器未配对或已停用");
    return hall::device_by_token(tx, auth->substr(7), "pad", time::now_ms());
  };

  api.add_public(Method::kGet, "/api/pad/current", [&db, pad_of](const http::Request& r) -> Result<http::Response> {
    struct Current {
      hall::Device device;
      std::string site_name;
      std::optional<PadTicket> ticket;
    };
    auto c = YC_TRY(db.transact<Current>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Current> {
      Current out;
      out.device = YC_TRY(pad_of(tx, r));
      out.site_name = YC_TRY(tx.one("SELECT name FROM org_site WHERE id = $1", {out.device.site_id})).text(0);
      out.ticket = YC_TRY(pad_ticket(tx, *out.device.window_id, time::now_ms()));
      return out;
    }));
    json::value ticket = nullptr;
    if (c.ticket) {
      ticket = json::object{{"ticket_id", c.ticket->ticket_id},
                            {"label", c.ticket->label},
                            {"group_name", c.ticket->group_name},
                            {"clerk_name", c.ticket->clerk_name_masked},
                            {"badge", c.ticket->badge},
                            {"finished_at", c.ticket->finished_at}};
    }
    return http::json_response(200, json::object{{"site_name", c.site_name},
                                                  {"window_number", http::or_null(c.device.window_no)},
                                                  {"ticket", ticket}});
  });

  api.add_public(Method::kPost, "/api/pad/evaluations", [&db, &keys, &events, settings, pad_of](const http::Request& r) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    auto in = YC_TRY(rating_input(b));
    in.channel = "pad";
    const auto ticket = YC_TRY(b.integer("ticket_id"));
    const auto now = time::now_ms();
    auto e = YC_TRY(db.transact<Evaluation>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Evaluation> {
      auto device = YC_TRY(pad_of(tx, r));
      return rate_ticket(tx, keys, settings, *device.window_id, ticket, in, now);
    }));
    tell_rated(events, e);
    return http::json_response(201, evaluation_json(e));
  });

  // --- Staff ----------------------------------------------------------------------------------
  api.add(Method::kGet, "/api/evaluations", "evaluation.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    Filter f;
    f.unit_code = r.query("unit").value_or("");
    f.channel = r.query("channel").value_or("");
    f.from = YC_TRY(date_query(r, "from"));
    f.to = YC_TRY(date_query(r, "to"));
    if (auto m = r.query("max_level"); m && !m->empty()) {
      if (m->size() != 1 || (*m)[0] < '1' || (*m)[0] > '5')
        return fail(ErrorCode::kInvalidArgument, "评价等级应为 1 到 5", "max_level");
      f.max_level = (*m)[0] - '0';
    }
    auto l = YC_TRY(db.transact<Listing>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list(tx, p.scope("evaluation.read"), f);
    }));
    json::array items, by_level;
    for (const auto& e : l.items) items.push_back(evaluation_json(e));
    for (int lv = kLevelMax; lv >= kLevelMin; --lv)
      by_level.push_back({{"level", lv}, {"name", level_name(lv)}, {"count", l.summary.by_level[lv]}});
    return http::json_response(200, json::object{{"items", items},
                                                  {"summary", json::object{{"total", l.summary.total},
                                                                           {"good_rate", l.summary.good_rate()},
                                                                           {"by_level", by_level}}}});
  });

  api.add(Method::kGet, "/api/rectifications", "evaluation.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto state = r.query("state").value_or("");
    auto list = YC_TRY(db.transact<std::vector<Rectification>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list_rectifications(tx, p.scope("evaluation.read"), state);
    }));
    json::array items;
    for (const auto& x : list) items.push_back(rect_json(x));
    return http::json_response(200, json::object{{"items", items}});
  });

  api.add(Method::kGet, "/api/rectifications/:id", "evaluation.rectify", [&db, &keys, settings](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto x = YC_TRY(db.transact<Rectification>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<Rectification> {
      auto out = YC_TRY(get_rectification(tx, keys, p.scope("evaluation.rectify"), id));
      out.appeal_due_day = YC_TRY(appeal_due_day(tx, settings, out));
      return out;
    }));
    return http::json_response(200, rect_json(x));
  });

  api.add(Method::kPost, "/api/rectifications/:id/reveal-contact", "evaluation.rectify", [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto phone = YC_TRY(db.transact<std::string>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return reveal_contact(tx, keys, p.actor(identity::client_of(r).address), p.scope("evaluation.rectify"), id);
    }));
    return http::json_response(200, json::object{{"contact", phone}});
  });

  api.add(Method::kPost, "/api/rectifications/:id/callback", "evaluation.rectify", [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto outcome = YC_TRY(b.text("outcome", 20));
    const auto note = YC_TRY(b.opt_text("note", 500)).value_or("");
    auto x = YC_TRY(db.transact<Rectification>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return call_back(tx, keys, p.actor(identity::client_of(r).address), p.scope("evaluation.rectify"), p.account_id,
                       id, outcome, note, time::now_ms());
    }));
    return http::json_response(200, rect_json(x));
  });

  api.add(Method::kPost, "/api/rectifications/:id/close", "evaluation.rectify", [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto result = YC_TRY(b.opt_text("result", 1000)).value_or("");
    const auto version = YC_TRY(b.integer("version"));
    auto x = YC_TRY(db.transact<Rectification>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return close(tx, keys, p.actor(identity::client_of(r).address), p.scope("evaluation.rectify"), p.account_id, id,
                   result, version, time::now_ms());
    }));
    return http::json_response(200, rect_json(x));
  });

  // --- 申诉复核 (四(三)): the responsible unit appeals, the unit above reviews -----------------
  api.add(Method::kPost, "/api/rectifications/:id/appeal", "evaluation.rectify", [&db, &keys, settings](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto reason = YC_TRY(b.opt_text("reason", 20)).value_or("");
    const auto explanation = YC_TRY(b.opt_text("explanation", 1000)).value_or("");
    auto x = YC_TRY(db.transact<Rectification>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return appeal(tx, keys, settings, p.actor(identity::client_of(r).address), p.scope("evaluation.rectify"),
                    p.account_id, id, reason, explanation, time::now_ms());
    }));
    return http::json_response(201, rect_json(x));
  });

  api.add(Method::kGet, "/api/appeals", "evaluation.review", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto state = r.query("state").value_or("");
    auto list = YC_TRY(db.transact<std::vector<Appeal>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list_appeals(tx, p.scope("evaluation.review"), state);
    }));
    json::array items;
    for (const auto& x : list) {
      auto o = appeal_json(x);
      o["own"] = x.appealed_by == p.account_id;
      items.push_back(std::move(o));
    }
    return http::json_response(200, json::object{{"items", items}});
  });

  api.add(Method::kGet, "/api/appeals/:id", "evaluation.review", [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto x = YC_TRY(db.transact<Appeal>(store::TxMode::kRead, [&](store::Tx& tx) {
      return get_appeal(tx, keys, p.scope("evaluation.review"), id);
    }));
    auto o = appeal_json(x);
    o["own"] = x.appealed_by == p.account_id;
    return http::json_response(200, o);
  });

  api.add(Method::kPost, "/api/appeals/:id/review", "evaluation.review", [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto decision = YC_TRY(b.opt_text("decision", 20)).value_or("");
    if (decision != "uphold" && decision != "reject")
      return fail(ErrorCode::kInvalidArgument, "请选择复核结论(申诉成立或申诉不成立)", "decision");
    const auto note = YC_TRY(b.opt_text("note", 500)).value_or("");
    const auto version = YC_TRY(b.integer("version"));
    auto x = YC_TRY(db.transact<Appeal>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return review(tx, keys, p.actor(identity::client_of(r).address), p.scope("evaluation.review"), p.account_id, id,
                    decision == "uphold" ? Decision::kUphold : Decision::kReject, note, version, time::now_ms());
    }));
    auto o = appeal_json(x);
    o["own"] = false;
    return http::json_response(200, o);
  });
}

}  // namespace yc::evaluation
