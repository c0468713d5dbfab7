// The training API (issue 9, item 4; docs/api/staff.md "Training").
#include <boost/json.hpp>

#include <fmt/format.h>

#include "platform/http/json_body.hpp"
#include "platform/time.hpp"
#include "staff/model.hpp"
#include "staff/routes.hpp"
#include "staff/training.hpp"

namespace yc::staff {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;

json::object course_json(const Course& c) {
  return {{"id", c.id},           {"title", c.title},         {"kind", c.kind},         {"days", c.days},
          {"pass_score", c.pass_score}, {"unit_code", c.unit_code}, {"unit_name", c.unit_name},
          {"sessions", c.sessions}, {"created_at", c.created_at}};
}


json::object session_json(const Session& s, bool detail) {
  json::object o{{"id", s.id},
                 {"course_id", s.course_id},
                 {"course_title", s.course_title},
                 {"kind", s.kind},
                 {"days", s.days},
                 {"pass_score", s.pass_score},
                 {"day", s.day},
                 {"place", s.place},
                 {"trainer", s.trainer},
                 {"capacity", s.capacity},
                 {"unit_code", s.unit_code},
                 {"unit_name", s.unit_name},
                 {"status", s.recorded ? "recorded" : "open"},
                 {"enrolled", s.enrolled},
                 {"attended", s.attended},
                 {"passed", s.passed}};
  if (detail) {
    json::array enrolments;
    for (const auto& e : s.enrolments) {
      enrolments.push_back({{"account_id", e.account_id},
                            {"login", e.login},
                            {"name", e.name_masked},
                            {"site_name", e.site_name},
                            {"attended", http::or_null(e.attended)},
                            {"score", http::or_null(e.score)},
                            {"passed", http::or_null(e.passed)}});
    }
    o["enrolments"] = enrolments;
  }
  return o;
}

Result<std::int64_t> year_query(const http::Request& r) {
  auto v = r.query("year");
  if (!v) return time::shanghai_date(time::now_ms()).year;
  if (v->size() != 4 || v->find_first_not_of("0123456789") != std::string::npos)
    return fail(ErrorCode::kInvalidArgument, "年份应形如 2026", "year");
  return std::stoll(*v);
}

Result<std::vector<std::int64_t>> id_array(const http::JsonObject& b, std::string_view key) {
  const auto& v = b.raw(key);
  if (!v.is_array() || v.as_array().size() > 500)
    return fail(ErrorCode::kInvalidArgument, "应为不超过 500 项的人员列表", std::string(key));
  std::vector<std::int64_t> out;
  for (const auto& x : v.as_array()) {
    if (!x.is_int64() && !x.is_uint64()) return fail(ErrorCode::kInvalidArgument, "人员编号应为整数", std::string(key));
    out.push_back(x.to_number<std::int64_t>());
  }
  return out;
}

Result<std::vector<SessionResult>> results_array(const http::JsonObject& b) {
  const auto& v = b.raw("results");
  if (!v.is_array() || v.as_array().size() > 500)
    return fail(ErrorCode::kInvalidArgument, "请为每一位报名人员录入结果", "results");
  std::vector<SessionResult> out;
  for (const auto& x : v.as_array()) {
    if (!x.is_object()) return fail(ErrorCode::kInvalidArgument, "结果格式不正确", "results");
    http::JsonObject o(x.as_object());
    SessionResult r;
    auto id = o.integer("account_id");
    auto attended = o.opt_bool("attended");
    auto score = o.opt_integer("score");
    if (!id || !attended || !*attended || !score)
      return fail(ErrorCode::kInvalidArgument, "每项结果须有人员、是否参加，成绩为整数", "results");
    r.account_id = *id;
    r.attended = **attended;
    if (*score) r.score = static_cast<int>(std::clamp<std::int64_t>(**score, -1, 101));
    out.push_back(r);
  }
  return out;
}

}  // namespace

void add_training_routes(identity::ApiRouter& api, store::Database& db) {
  api.add(Method::kGet, "/api/staff/courses", "staff.read", [&db](const http::Request&, const Principal& p) -> Result<http::Response> {
    auto list = YC_TRY(db.transact<std::vector<Course>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list_courses(tx, p.scope("staff.read"));
    }));
    json::array items;
    for (const auto& c : list) items.push_back(course_json(c));
    return http::json_response(200, json::object{{"items", items}});
  });

  api.add(Method::kPost, "/api/staff/courses", "staff.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    CourseInput in;
    in.title = YC_TRY(b.text("title", 100));
    in.kind = YC_TRY(b.text("kind", 20));
    auto days = YC_TRY(b.opt_number("days"));
    if (!days) return fail(ErrorCode::kInvalidArgument, "请填写培训天数", "days");
    in.days = *days;
    in.pass_score = static_cast<int>(std::clamp<std::int64_t>(YC_TRY(b.opt_integer("pass_score")).value_or(60), -1, 101));
    in.unit_code = YC_TRY(b.text("unit", 20));
    auto c = YC_TRY(db.transact<Course>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return create_course(tx, p.actor(identity::client_of(r).address), p.scope("staff.manage"), p.account_id, in,
                           time::now_ms());
    }));
    return http::json_response(201, course_json(c));
  });

  api.add(Method::kGet, "/api/staff/training-sessions", "staff.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto year = static_cast<int>(YC_TRY(year_query(r)));
    auto list = YC_TRY(db.transact<std::vector<Session>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list_sessions(tx, p.scope("staff.read"), year);
    }));
    json::array items;
    for (const auto& s : list) items.push_back(session_json(s, false));
    return http::json_response(200, json::object{{"items", items}});
  });

  api.add(Method::kPost, "/api/staff/training-sessions", "staff.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    SessionInput in;
    in.course_id = YC_TRY(b.integer("course_id"));
    in.day = YC_TRY(time::parse_date(YC_TRY(b.text("day", 10)), "day"));
    in.place = YC_TRY(b.text("place", 100));
    in.trainer = YC_TRY(b.opt_text("trainer", 50)).value_or("");
    in.capacity = static_cast<int>(std::clamp<std::int64_t>(YC_TRY(b.integer("capacity")), 0, 501));
    in.unit_code = YC_TRY(b.text("unit", 20));
    auto s = YC_TRY(db.transact<Session>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return create_session(tx, p.actor(identity::client_of(r).address), p.scope("staff.manage"), p.account_id, in,
                            time::now_ms());
    }));
    return http::json_response(201, session_json(s, true));
  });

  api.add(Method::kGet, "/api/staff/training-sessions/:id", "staff.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto s = YC_TRY(db.transact<Session>(store::TxMode::kRead, [&](store::Tx& tx) {
      return get_session(tx, p.scope("staff.read"), id);
    }));
    return http::json_response(200, session_json(s, true));
  });

  api.add(Method::kPost, "/api/staff/training-sessions/:id/enrolments", "staff.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto accounts = YC_TRY(id_array(b, "account_ids"));
    auto s = YC_TRY(db.transact<Session>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return enrol(tx, p.actor(identity::client_of(r).address), p.scope("staff.manage"), id, accounts, time::now_ms());
    }));
    return http::json_response(200, session_json(s, true));
  });

  api.add(Method::kDelete, "/api/staff/training-sessions/:id/enrolments/:account", "staff.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    const auto account = YC_TRY(http::id_param(r, "account"));
    auto s = YC_TRY(db.transact<Session>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return unenrol(tx, p.actor(identity::client_of(r).address), p.scope("staff.manage"), id, account);
    }));
    return http::json_response(200, session_json(s, true));
  });

  api.add(Method::kPost, "/api/staff/training-sessions/:id/results", "staff.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto results = YC_TRY(results_array(b));
    const auto now = time::now_ms();
    auto s = YC_TRY(db.transact<Session>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return record_results(tx, p.actor(identity::client_of(r).address), p.scope("staff.manage"), p.account_id, id,
                            results, time::shanghai_date(now), now);
    }));
    return http::json_response(200, session_json(s, true));
  });

  api.add(Method::kGet, "/api/staff/training-totals", "staff.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto year = static_cast<int>(YC_TRY(year_query(r)));
    const std::string unit = r.query("unit").value_or("");
    auto list = YC_TRY(db.transact<std::vector<TrainingTotal>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return training_totals(tx, p.scope("staff.read"), unit, year);
    }));
    json::array items;
    for (const auto& t : list) {
      items.push_back({{"account_id", t.account_id},
                       {"login", t.login},
                       {"name", t.name_masked},
                       {"unit_name", t.unit_name},
                       {"site_name", t.site_name},
                       {"days", t.days},
                       {"sessions", t.sessions},
                       {"pre_post_passed", t.pre_post_passed},
                       {"meets", t.meets}});
    }
    return http::json_response(200, json::object{{"year", year}, {"required_days", kTrainingDaysPerYear}, {"items", items}});
  });
}

}  // namespace yc::staff
