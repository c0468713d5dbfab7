#include "staff/routes.hpp"

#include <boost/json.hpp>

#include <fmt/format.h>

#include "audit/service.hpp"
#include "hall/board.hpp"
#include "platform/http/json_body.hpp"
#include "platform/time.hpp"
#include "staff/internal.hpp"
#include "staff/service.hpp"

namespace yc::staff {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;

time::Date today() { return time::shanghai_date(time::now_ms()); }

json::object violation_json(const Violation& v) {
  return {{"rule", v.rule}, {"clause", v.clause}, {"message", v.message}};
}
json::array violations_json(const std::vector<Violation>& vs) {
  json::array out;
  for (const auto& v : vs) out.push_back(violation_json(v));
  return out;
}

json::object assignment_json(const AssignmentRow& a) {
  return {{"id", a.id},
          {"account_id", a.account_id},
          {"post", post_code(a.a.post)},
          {"post_name", post_name(a.a.post)},
          {"high_risk", is_high_risk(a.a.post)},
          {"category", a.a.category},
          {"from", a.a.from.iso()},
          {"to", a.a.to ? json::value(a.a.to->iso()) : json::value(nullptr)},
          {"reason", a.reason},
          {"created_at", a.created_at}};
}

json::object training_json(const TrainingRow& t) {
  return {{"id", t.id},
          {"course", t.course},
          {"kind", t.kind},
          {"day", t.day},
          {"days", t.days},
          {"passed", t.passed},
          {"session_id", t.session_id ? json::value(*t.session_id) : json::value(nullptr)},
          {"score", t.score ? json::value(*t.score) : json::value(nullptr)}};
}

json::object person_json(const Person& p) {
  json::array posts, categories;
  for (const auto& a : p.posts) posts.push_back(assignment_json(a));
  for (const auto& c : p.categories) categories.emplace_back(c);
  return {{"account_id", p.account_id},
          {"login", p.login},
          {"name", p.name_masked},
          {"badge", p.badge},
          {"has_photo", p.has_photo},
          {"unit_code", p.unit_code},
          {"unit_name", p.unit_name},
          {"employment", p.employment ? json::value(employment_code(*p.employment)) : json::value(nullptr)},
          {"employment_name", p.employment ? employment_name(*p.employment) : ""},
          {"formal", p.employment && is_formal(*p.employment)},
          {"site_id", p.site_id ? json::value(*p.site_id) : json::value(nullptr)},
          {"site_name", p.site_name},
          {"categories", categories},
          {"hired_on", p.hired_on},
          {"version", p.version},
          {"posts", posts},
          {"training_days", p.training_days},
          {"pre_post_passed", p.pre_post_passed},
          {"warnings", violations_json(p.warnings)}};
}

json::object finding_json(const Finding& f) {
  return {{"id", f.id},           {"check_id", f.check_id},     {"item_id", f.item_id},
          {"case_id", f.case_id}, {"case_no", f.case_no},       {"unit_code", f.unit_code},
          {"description", f.description}, {"due_day", f.due_day}, {"follow_up", f.follow_up},
          {"closed_at", f.closed_at ? json::value(*f.closed_at) : json::value(nullptr)}};
}

json::object check_json(const Check& c, bool detail) {
  json::object o{{"id", c.id},
                 {"kind", c.kind},
                 {"unit_code", c.unit_code},
                 {"unit_name", c.unit_name},
                 {"from", c.period_from},
                 {"to", c.period_to},
                 {"sample_size", c.sample_size},
                 {"checked", c.checked},
                 {"findings", c.findings},
                 {"open_findings", c.open_findings},
                 {"created_by", c.created_by},
                 {"created_at", c.created_at}};
  if (detail) {
    json::array items, findings;
    for (const auto& i : c.items) {
      json::array handlers;
      for (const auto& h : i.handlers) handlers.push_back({{"step", h.step}, {"name", h.name_masked}});
      json::value checklist = nullptr;
      if (i.checklist) {
        checklist = json::object{{"eligibility", i.checklist->eligibility},
                                 {"standard", i.checklist->standard},
                                 {"account", i.checklist->account},
                                 {"approval", i.checklist->approval}};
      }
      items.push_back({{"id", i.id},
                       {"case_id", i.case_id},
                       {"case_no", i.case_no},
                       {"item_name", i.item_name},
                       {"status", i.status},
                       {"outcome", i.outcome},
                       {"accepted_day", i.accepted_day},
                       {"result", i.result},
                       {"note", i.note},
                       {"checklist", checklist},
                       {"handlers", handlers},
                       {"separation_ok", i.separation_ok}});
    }
    for (const auto& f : c.finding_list) findings.push_back(finding_json(f));
    o["items"] = items;
    o["finding_list"] = findings;
  }
  return o;
}

Result<time::Date> date_field(const http::JsonObject& b, std::string_view key) {
  return time::parse_date(YC_TRY(b.text(key, 10)), key);
}

// The four points of a benefit review, each a boolean; absent or null: none.
Result<std::optional<Checklist>> checklist_field(const http::JsonObject& b) {
  const auto& v = b.raw("checklist");
  if (v.is_null()) return std::optional<Checklist>{};
  if (!v.is_object()) return fail(ErrorCode::kInvalidArgument, "核对项格式不正确", "checklist");
  http::JsonObject o(v.as_object());
  Checklist c;
  for (auto [key, flag] : {std::pair{"eligibility", &c.eligibility}, std::pair{"standard", &c.standard},
                           std::pair{"account", &c.account}, std::pair{"approval", &c.approval}}) {
    auto value = YC_TRY(o.opt_bool(key));
    if (!value) return fail(ErrorCode::kInvalidArgument, "待遇发放复核须逐项核对四个方面", "checklist");
    *flag = *value;
  }
  return std::optional<Checklist>{c};
}

Result<double> query_number(const http::Request& r, std::string_view key, double fallback) {
  auto v = r.query(key);
  if (!v) return fallback;
  try {
    std::size_t used = 0;
    double d = std::stod(*v, &used);
    if (used != v->size()) throw std::invalid_argument("trailing");
    return d;
  } catch (const std::exception&) {
    return fail(ErrorCode::kInvalidArgument, "应为数字", std::string(key));
  }
}

json::object unit_json(const UnitRef& u) { return {{"code", u.code}, {"name", u.name}, {"level", u.level}}; }

json::value rate_json(const std::optional<double>& rate) { return rate ? json::value(*rate) : json::value(nullptr); }

}  // namespace

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys) {
  api.add(Method::kGet, "/api/staff/meta", "staff.read", [](const http::Request&, const Principal&) -> Result<http::Response> {
    json::array employments, posts, pairs;
    for (auto e : {Employment::kCivilServant, Employment::kInstitution, Employment::kAssistant,
                   Employment::kCommunityPost, Employment::kPurchased, Employment::kContract}) {
      employments.push_back({{"code", employment_code(e)}, {"name", employment_name(e)}, {"formal", is_formal(e)}});
    }
    for (auto p : {Post::kIntake, Post::kFirstReview, Post::kSecondReview, Post::kApproval, Post::kRecheck,
                   Post::kBenefitPayment, Post::kRateSetting, Post::kInternalControl, Post::kArchive, Post::kHallLead}) {
      posts.push_back({{"code", post_code(p)}, {"name", post_name(p)}, {"high_risk", is_high_risk(p)}});
    }
    for (const auto& m : default_incompatible()) {
      bool internal = m.a == Post::kInternalControl || m.b == Post::kInternalControl;
      pairs.push_back({{"a", post_code(m.a)},
                       {"b", post_code(m.b)},
                       {"same_category_only", m.same_category_only},
                       {"clause", internal ? "四(四)" : "三(七)"}});
    }
    return http::json_response(200, json::object{{"employments", employments}, {"posts", posts}, {"incompatible", pairs}});
  });

  api.add(Method::kGet, "/api/staff", "staff.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_query(r, "site", "场所编号不正确"));
    const std::string unit = r.query("unit").value_or("");
    auto people = YC_TRY(db.transact<std::vector<Person>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list_people(tx, p.scope("staff.read"), site, unit, today());
    }));
    json::array items;
    for (const auto& x : people) items.push_back(person_json(x));
    return http::json_response(200, json::object{{"items", items}});
  });

  api.add(Method::kGet, "/api/staff/compliance", "staff.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto now = today();
    const std::string month = r.query("month").value_or(fmt::format("{:04d}-{:02d}", now.year, now.month));
    const std::string unit = r.query("unit").value_or("");
    auto c = YC_TRY(db.transact<Compliance>(store::TxMode::kRead, [&](store::Tx& tx) {
      return compliance(tx, p.scope("staff.read"), unit, month, now);
    }));
    json::array sites, people;
    std::size_t violations = 0;
    for (const auto& s : c.sites) {
      violations += s.violations.size();
      sites.push_back({{"site_id", s.site_id},
                       {"site_name", s.site_name},
                       {"unit_code", s.unit_code},
                       {"windows", s.windows},
                       {"staff", s.staff},
                       {"ratio", s.windows > 0 ? json::value(static_cast<double>(s.staff) / s.windows) : json::value(nullptr)},
                       {"formal_staff", s.formal_staff},
                       {"on_post_rate", rate_json(s.on_post_rate)},
                       {"violations", violations_json(s.violations)}});
    }
    for (const auto& x : c.people) {
      violations += x.violations.size();
      people.push_back({{"account_id", x.account_id},
                        {"name", x.name_masked},
                        {"site_name", x.site_name},
                        {"violations", violations_json(x.violations)}});
    }
    json::array path, children;
    for (const auto& u : c.path) path.push_back(unit_json(u));
    for (const auto& u : c.children) {
      children.push_back({{"unit_code", u.unit.code},
                          {"unit_name", u.unit.name},
                          {"level", u.unit.level},
                          {"sites", u.sites},
                          {"windows", u.windows},
                          {"staff", u.staff},
                          {"formal_staff", u.formal_staff},
                          {"on_post_rate", rate_json(u.on_post_rate())},
                          {"sites_with_violations", u.sites_with_violations},
                          {"people_with_violations", u.people_with_violations},
                          {"violations", u.violations}});
    }
    json::object totals{{"sites", sites.size()}, {"people", people.size()}, {"violations", violations}};
    return http::json_response(200, json::object{{"month", c.month},
                                                  {"unit", unit_json(c.unit)},
                                                  {"path", path},
                                                  {"children", children},
                                                  {"sites", sites},
                                                  {"people", people},
                                                  {"totals", totals}});
  });

  api.add(Method::kGet, "/api/staff/capacity", "staff.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site_given = YC_TRY(http::id_query(r, "site", "场所编号不正确"));
    if (!site_given) return fail(ErrorCode::kInvalidArgument, "请选择场所", "site");
    const std::int64_t site = *site_given;
    const auto day = r.query("day") ? YC_TRY(time::parse_date(*r.query("day"), "day")) : today();
    const double share = YC_TRY(query_number(r, "target_share", 0.8));
    const double wait_minutes = YC_TRY(query_number(r, "target_wait_minutes", 15));
    auto rep = YC_TRY(db.transact<CapacityReport>(store::TxMode::kRead, [&](store::Tx& tx) {
      return capacity(tx, p.scope("staff.read"), site, day, share, wait_minutes * 60);
    }));
    json::array hours;
    for (const auto& h : rep.hours) {
      hours.push_back({{"hour", h.hour},
                       {"arrivals", h.arrivals},
                       {"mean_service_seconds", h.mean_service_seconds},
                       {"windows_needed", h.windows_needed},
                       {"service_level", h.service_level},
                       {"mean_wait_seconds", h.mean_wait_seconds}});
    }
    return http::json_response(200, json::object{{"site_id", rep.site_id},
                                                  {"day", rep.day},
                                                  {"target_share", share},
                                                  {"target_wait_minutes", wait_minutes},
                                                  {"windows_open", rep.windows_open},
                                                  {"staff_on_roster", rep.staff_on_roster},
                                                  {"hours", hours}});
  });

  // --- Internal control (四(四)) ----------------------------------------------------------
  api.add(Method::kGet, "/api/staff/internal-checks", "staff.read", [&db](const http::Request&, const Principal& p) -> Result<http::Response> {
    auto list = YC_TRY(db.transact<std::vector<Check>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list_checks(tx, p.scope("staff.read"));
    }));
    json::array items;
    for (const auto& c : list) items.push_back(check_json(c, false));
    return http::json_response(200, json::object{{"items", items}});
  });

  api.add(Method::kPost, "/api/staff/internal-checks", "staff.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    CheckInput in;
    in.unit_code = YC_TRY(b.text("unit", 20));
    in.from = YC_TRY(date_field(b, "from"));
    in.to = YC_TRY(date_field(b, "to"));
    in.sample_size = static_cast<int>(YC_TRY(b.opt_integer("sample_size")).value_or(10));
    in.kind = YC_TRY(b.opt_text("kind", 20)).value_or("cases");
    auto c = YC_TRY(db.transact<Check>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return create_check(tx, p.actor(identity::client_of(r).address), p.scope("staff.manage"), p.account_id, in,
                          today(), time::now_ms());
    }));
    return http::json_response(201, check_json(c, true));
  });

  api.add(Method::kGet, "/api/staff/internal-checks/:id", "staff.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto c = YC_TRY(db.transact<Check>(store::TxMode::kRead, [&](store::Tx& tx) {
      return get_check(tx, p.scope("staff.read"), id);
    }));
    return http::json_response(200, check_json(c, true));
  });

  api.add(Method::kPost, "/api/staff/internal-checks/:id/items/:item", "staff.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    const auto item = YC_TRY(http::id_param(r, "item"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    Judgement j;
    j.result = YC_TRY(b.text("result", 20));
    j.note = YC_TRY(b.opt_text("note", 500)).value_or("");
    j.due_days = static_cast<int>(YC_TRY(b.opt_integer("due_days")).value_or(10));
    j.checklist = YC_TRY(checklist_field(b));
    auto c = YC_TRY(db.transact<Check>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return judge_item(tx, p.actor(identity::client_of(r).address), p.scope("staff.manage"), p.account_id, id, item,
                        j, today(), time::now_ms());
    }));
    return http::json_response(200, check_json(c, true));
  });

  api.add(Method::kPost, "/api/staff/findings/:id/close", "staff.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto follow_up = YC_TRY(b.text("follow_up", 500));
    auto f = YC_TRY(db.transact<Finding>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return close_finding(tx, p.actor(identity::client_of(r).address), p.scope("staff.manage"), p.account_id, id,
                           follow_up, time::now_ms());
    }));
    return http::json_response(200, finding_json(f));
  });

  add_training_routes(api, db);

  // Literal paths above; /api/staff/:account would match them otherwise (first match wins).
  api.add(Method::kGet, "/api/staff/:account", "staff.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "account"));
    auto d = YC_TRY(db.transact<PersonDetail>(store::TxMode::kRead, [&](store::Tx& tx) {
      return get_person(tx, p.scope("staff.read"), id, today());
    }));
    auto o = person_json(d.person);
    json::array history, training;
    for (const auto& a : d.history) history.push_back(assignment_json(a));
    for (const auto& t : d.training) training.push_back(training_json(t));
    json::array attendance;
    for (const auto& a : d.attendance) attendance.push_back({{"day", a.day}, {"status", a.status}});
    o["history"] = history;
    o["training"] = training;
    o["attendance"] = attendance;
    return http::json_response(200, o);
  });

  api.add(Method::kPut, "/api/staff/:account", "staff.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "account"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    ProfileInput in;
    auto employment = employment_from(YC_TRY(b.text("employment", 20)));
    if (!employment) return fail(ErrorCode::kInvalidArgument, "用工性质不正确", "employment");
    in.employment = *employment;
    in.site_id = YC_TRY(b.opt_integer("site_id"));
    in.hired_on = YC_TRY(b.opt_text("hired_on", 10)).value_or("");
    in.version = YC_TRY(b.opt_integer("version"));
    const auto& cats = b.raw("categories");
    if (!cats.is_null()) {
      if (!cats.is_array() || cats.as_array().size() > 20)
        return fail(ErrorCode::kInvalidArgument, "事项类别应为不超过 20 项的数组", "categories");
      for (const auto& c : cats.as_array()) {
        if (!c.is_string()) return fail(ErrorCode::kInvalidArgument, "事项类别应为文本", "categories");
        in.categories.emplace_back(c.as_string());
      }
    }
    auto person = YC_TRY(db.transact<Person>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return put_profile(tx, p.actor(identity::client_of(r).address), p.scope("staff.manage"), id, in, today(),
                         time::now_ms());
    }));
    return http::json_response(200, person_json(person));
  });

  api.add(Method::kPost, "/api/staff/:account/assignments", "staff.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "account"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    auto post = post_from(YC_TRY(b.text("post", 30)));
    if (!post) return fail(ErrorCode::kInvalidArgument, "岗位不正确", "post");
    Assignment a;
    a.post = *post;
    a.category = YC_TRY(b.opt_text("category", 40)).value_or("");
    a.from = YC_TRY(date_field(b, "from"));
    if (auto to = YC_TRY(b.opt_text("to", 10)); to && !to->empty()) a.to = YC_TRY(time::parse_date(*to, "to"));
    const auto reason = YC_TRY(b.opt_text("reason", 200)).value_or("");
    auto row = YC_TRY(db.transact<AssignmentRow>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return assign(tx, p.actor(identity::client_of(r).address), p.scope("staff.manage"), id, a, reason, p.account_id,
                    time::now_ms());
    }));
    return http::json_response(201, assignment_json(row));
  });

  api.add(Method::kPost, "/api/staff/assignments/:id/end", "staff.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto to = YC_TRY(date_field(b, "to"));
    const auto reason = YC_TRY(b.opt_text("reason", 200)).value_or("");
    auto row = YC_TRY(db.transact<AssignmentRow>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return end_assignment(tx, p.actor(identity::client_of(r).address), p.scope("staff.manage"), id, to, reason,
                            p.account_id);
    }));
    return http::json_response(200, assignment_json(row));
  });

  api.add(Method::kPost, "/api/staff/:account/training", "staff.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "account"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    TrainingRow t;
    t.course = YC_TRY(b.text("course", 100));
    t.kind = YC_TRY(b.text("kind", 20));
    t.day = YC_TRY(b.text("day", 10));
    auto days = YC_TRY(b.opt_number("days"));
    if (!days) return fail(ErrorCode::kInvalidArgument, "请填写培训天数", "days");
    t.days = *days;
    t.passed = YC_TRY(b.opt_bool("passed")).value_or(false);
    auto row = YC_TRY(db.transact<TrainingRow>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return add_training(tx, p.actor(identity::client_of(r).address), p.scope("staff.manage"), id, t, time::now_ms());
    }));
    return http::json_response(201, training_json(row));
  });

  // 三亮明 亮身份: the photo the hall screen shows at the person's window,
  // kept by the hall manager too (the clerk keeps their own under /api/hall/photo).
  api.add(Method::kGet, "/api/staff/:account/photo", "staff.read", [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "account"));
    auto photo = YC_TRY(db.transact<hall::Photo>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<hall::Photo> {
      YC_TRY_VOID(person_in_scope(tx, p.scope("staff.read"), id));
      return hall::own_photo(tx, keys, id);
    }));
    http::Response resp;
    resp.content_type = photo.content_type;
    resp.body = std::move(photo.bytes);
    resp.header("Cache-Control", "no-store");
    return resp;
  });

  api.add_upload(Method::kPut, "/api/staff/:account/photo", "staff.manage", 256 * 1024 + 1, [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "account"));
    const auto declared = std::string(r.header("content-type").value_or(""));
    if (declared != "image/jpeg" && declared != "image/png")
      return fail(ErrorCode::kUnsupportedMediaType, "照片应为 JPEG 或 PNG 图片", "photo");
    YC_TRY_VOID(db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
      YC_TRY_VOID(person_in_scope(tx, p.scope("staff.manage"), id));
      YC_TRY_VOID(hall::put_photo(tx, keys, id, declared, r.body, time::now_ms()));
      YC_TRY_VOID(audit::append(tx, audit::entry_for(p.actor(identity::client_of(r).address), "account.photo",
                                                     "account", std::to_string(id))));
      return {};
    }));
    return http::no_content();
  });

  api.add(Method::kDelete, "/api/staff/:account/photo", "staff.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "account"));
    YC_TRY_VOID(db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
      YC_TRY_VOID(person_in_scope(tx, p.scope("staff.manage"), id));
      YC_TRY_VOID(hall::remove_photo(tx, id));
      YC_TRY_VOID(audit::append(tx, audit::entry_for(p.actor(identity::client_of(r).address), "account.photo.remove",
                                                     "account", std::to_string(id))));
      return {};
    }));
    return http::no_content();
  });

  api.add(Method::kPut, "/api/staff/:account/attendance/:day", "staff.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "account"));
    const auto day = YC_TRY(time::parse_date(r.param("day"), "day"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto status = YC_TRY(b.text("status", 20));
    YC_TRY_VOID(db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return set_attendance(tx, p.actor(identity::client_of(r).address), p.scope("staff.manage"), id, day, status,
                            time::now_ms());
    }));
    return http::json_response(200, json::object{{"day", day.iso()}, {"status", status}});
  });
}

}  // namespace yc::staff
