#include "cases/routes.hpp"

#include <random>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "cases/documents.hpp"
#include "cases/incidents.hpp"
#include "catalog/service.hpp"
#include "identity/idempotency.hpp"
#include "notify/notify.hpp"
#include "platform/http/json_body.hpp"
#include "platform/log.hpp"

namespace yc::cases {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;


json::object case_json(const Case& c, const std::string& clock) {
  json::array chain;
  for (const auto& s : c.chain) chain.emplace_back(s);
  return json::object{
      {"id", c.id},
      {"version", c.version},
      {"case_no", c.case_no},
      {"item_code", c.item_code},
      {"item_name", c.item_name},
      {"item_version_id", c.item_version_id},
      {"channel", c.channel},
      {"status", c.status},
      {"status_label", status_label(c.status)},
      {"outcome", c.outcome},
      {"clock", clock},
      {"intake_unit_code", c.intake_unit_code},
      {"intake_unit_name", c.intake_unit_name},
      {"handling_unit_code", c.handling_unit_code},
      {"handling_unit_name", c.handling_unit_name},
      {"site_id", http::or_null(c.site_id)},
      {"window_number", http::or_null(c.window_number)},
      {"ticket", c.ticket},
      {"consultation_id", http::or_null(c.consultation_id)},
      {"applicant_kind", c.applicant_kind},
      {"applicant_id_masked", c.applicant_id_masked},
      {"applicant_name_masked", c.applicant_name_masked},
      {"applicant_phone_masked", c.applicant_phone_masked},
      {"agent_kind", c.agent_kind},
      {"agent_name_masked", c.agent_name_masked},
      {"agent_id_masked", c.agent_id_masked},
      {"intake_by", c.intake_by != 0 ? json::value(c.intake_by) : json::value(nullptr)},
      {"accepted_by", http::or_null(c.accepted_by)},
      {"entered_by", http::or_null(c.entered_by)},
      {"promised_days", c.promised_days},
      {"correction_suspends", c.correction_suspends},
      {"recheck_sampled", c.recheck_sampled},
      {"chain", std::move(chain)},
      {"accepted_day", http::or_null(c.accepted_day)},
      {"due_day", http::or_null(c.due_day)},
      {"warn_day", http::or_null(c.warn_day)},
      {"suspended_since", http::or_null(c.suspended_since)},
      {"suspended_days", c.suspended_days},
      {"accepted_at", http::or_null(c.accepted_at)},
      {"completed_at", http::or_null(c.completed_at)},
      {"delivered_at", http::or_null(c.delivered_at)},
      {"reject_reason", c.reject_reason},
      {"reject_basis", c.reject_basis},
      {"created_at", c.created_at},
      {"recorded_at", c.recorded_at},
      {"updated_at", c.updated_at},
  };
}

std::string today() { return time::shanghai_date(time::now_ms()).iso(); }

json::object case_json(const Case& c) {
  return case_json(c, std::string(clock_state(c.status, c.due_day, c.warn_day, c.suspended_since.has_value(), today())));
}

json::object material_json(const Material& m) {
  return json::object{{"idx", m.idx},           {"name", m.name},
                      {"required", m.required}, {"condition", m.condition},
                      {"expected_form", m.expected_form}, {"shared", m.shared},
                      {"state", m.state},       {"received_form", m.received_form},
                      {"reason", m.reason},     {"files", m.files}};
}

json::object file_json(const FileMeta& f) {
  return json::object{{"id", f.id},         {"material_idx", http::or_null(f.material_idx)}, {"purpose", f.purpose},
                      {"content_type", f.content_type}, {"digest", f.digest}, {"size", f.size},
                      {"created_at", f.created_at}, {"by_applicant", f.by_applicant}};
}

json::object notice_json(const Notice& n) {
  json::array lines;
  for (const auto& l : n.lines)
    lines.push_back(json::object{{"idx", l.idx}, {"name", l.name}, {"state", l.state}, {"reason", l.reason}});
  return json::object{{"id", n.id},           {"number", n.number},       {"notice_no", n.notice_no},
                      {"note", n.note},       {"issued_by_login", n.issued_by_login},
                      {"issued_at", n.issued_at}, {"lines", std::move(lines)}};
}

json::object task_json(const Task& t) {
  return json::object{{"id", t.id},
                      {"case_id", t.case_id},
                      {"version", t.version},
                      {"step", t.step},
                      {"step_label", step_label(t.step)},
                      {"unit_code", t.unit_code},
                      {"unit_name", t.unit_name},
                      {"state", t.state},
                      {"action", t.action},
                      {"opinion", t.opinion},
                      {"assignee_id", http::or_null(t.assignee_id)},
                      {"assignee_login", t.assignee_login},
                      {"acted_by", http::or_null(t.acted_by)},
                      {"acted_login", t.acted_login},
                      {"acted_at", http::or_null(t.acted_at)},
                      {"created_at", t.created_at}};
}

json::object event_json(const Event& e, bool staff) {
  json::object o{{"id", e.id},       {"kind", e.kind},  {"step", e.step}, {"unit_code", e.unit_code},
                 {"unit_name", e.unit_name},
                 {"note", e.note},   {"window_number", http::or_null(e.window_number)}, {"public", e.is_public},
                 {"at", e.at}};
  if (staff) o["actor_login"] = e.actor_login;
  return o;
}

json::object detail_json(const Detail& d) {
  auto o = case_json(d.c, d.clock);
  json::array materials, files, notices, tasks, events, deliveries, additions;
  for (const auto& m : d.materials) materials.push_back(material_json(m));
  for (const auto& f : d.files) files.push_back(file_json(f));
  for (const auto& n : d.notices) notices.push_back(notice_json(n));
  for (const auto& t : d.tasks) tasks.push_back(task_json(t));
  for (const auto& e : d.events) events.push_back(event_json(e, true));
  for (int a : d.additions) additions.emplace_back(a);
  for (const auto& x : d.deliveries)
    deliveries.push_back(json::object{{"method", x.method},
                                      {"receiver_name_masked", x.receiver_name_masked},
                                      {"receiver_id_masked", x.receiver_id_masked},
                                      {"identity_checked", x.identity_checked},
                                      {"tracking_no", x.tracking_no},
                                      {"note", x.note},
                                      {"window_number", http::or_null(x.window_number)},
                                      {"delivered_by_login", x.delivered_by_login},
                                      {"delivered_at", x.delivered_at}});
  o["materials"] = std::move(materials);
  o["files"] = std::move(files);
  o["notices"] = std::move(notices);
  o["additions"] = std::move(additions);
  o["tasks"] = std::move(tasks);
  o["events"] = std::move(events);
  o["deliveries"] = std::move(deliveries);
  json::array methods;
  for (const auto& m : d.delivery_methods) methods.emplace_back(m);
  o["delivery_methods"] = std::move(methods);
  if (d.online)
    o["online"] = json::object{{"delivery", d.online->delivery},
                               {"delivery_label", catalog::label("delivery", d.online->delivery)},
                               {"address", d.online->address_masked},
                               {"declared_at", d.online->declared_at},
                               {"note", d.online->note}};
  else
    o["online"] = nullptr;
  if (d.followup)
    o["followup"] = json::object{{"due_day", d.followup->due_day}, {"state", d.followup->state},
                                 {"outcome", d.followup->outcome}, {"note", d.followup->note},
                                 {"done_by_login", d.followup->done_by_login}, {"done_at", http::or_null(d.followup->done_at)}};
  else
    o["followup"] = nullptr;
  return o;
}

json::object consultation_json(const Consultation& k) {
  json::array handovers;
  for (const auto& h : k.handovers)
    handovers.push_back(json::object{{"from_login", h.from_login}, {"to_login", h.to_login}, {"reason", h.reason},
                                     {"at", h.at}});
  return json::object{{"id", k.id},
                      {"channel", k.channel},
                      {"unit_code", k.unit_code},
                      {"site_id", http::or_null(k.site_id)},
                      {"item_code", k.item_code},
                      {"item_name", k.item_name},
                      {"question", k.question},
                      {"answer", k.answer},
                      {"contact_name_masked", k.contact_name_masked},
                      {"contact_phone_masked", k.contact_phone_masked},
                      {"first_clerk_id", k.first_clerk_id},
                      {"first_clerk_login", k.first_clerk_login},
                      {"owner_id", k.owner_id},
                      {"owner_login", k.owner_login},
                      {"case_id", http::or_null(k.case_id)},
                      {"created_at", k.created_at},
                      {"version", k.version},
                      {"handovers", std::move(handovers)}};
}

Who who_of(const http::Request& r, const Principal& p) { return Who{p.account_id, p.actor(identity::client_of(r).address)}; }

org::Scope union_of(const Principal& p, std::initializer_list<std::string_view> permissions) {
  std::vector<std::string> paths;
  for (auto perm : permissions) {
    const org::Scope s = p.scope(perm);
    paths.insert(paths.end(), s.paths().begin(), s.paths().end());
  }
  return org::Scope::of(std::move(paths));
}

// What a caller sees of cases: the hall side through window and supervision
// permissions, the back-office side through review and supervision ones.
View view_of(const Principal& p) {
  return View{union_of(p, {"case.intake", "case.consult", "hall.manage", "stats.read"}),
              union_of(p, {"case.review.first", "case.review.second", "case.approve", "case.recheck", "hall.manage",
                           "stats.read"})};
}

Result<std::string> text_of(const http::JsonObject& b, std::string_view key, std::size_t max) {
  auto v = YC_TRY(b.opt_text(key, max));
  return v.value_or("");
}

Result<std::optional<int>> opt_int_of(const http::JsonObject& b, std::string_view key, int lo, int hi) {
  const auto& v = b.raw(key);
  if (v.is_null()) return std::optional<int>{};
  if (!v.is_int64() || v.as_int64() < lo || v.as_int64() > hi)
    return fail(ErrorCode::kInvalidArgument, fmt::format("{} 应为 {} 至 {} 的整数", key, lo, hi), std::string(key));
  return std::optional<int>{static_cast<int>(v.as_int64())};
}

Result<Party> party_of(const json::value& v, std::string_view field) {
  if (!v.is_object()) return fail(ErrorCode::kInvalidArgument, fmt::format("{} 应为对象", field), std::string(field));
  const auto& o = v.as_object();
  Party p;
  const auto str = [&](std::string_view k, std::string& out, std::size_t max) -> Result<void> {
    const auto* x = o.if_contains(k);
    if (x == nullptr || x->is_null()) return {};
    if (!x->is_string() || x->as_string().size() > max * 4)
      return fail(ErrorCode::kInvalidArgument, "应为文本", fmt::format("{}.{}", field, k));
    // As every other text field (http::JsonObject): no NUL into names on papers and seals.
    if (std::string_view(x->as_string()).find('\0') != std::string_view::npos)
      return fail(ErrorCode::kInvalidArgument, "应为不含空字符的文本", fmt::format("{}.{}", field, k));
    out = std::string(x->as_string());
    return {};
  };
  YC_TRY_VOID(str("kind", p.kind, 20));
  YC_TRY_VOID(str("id_number", p.id_number, 18));
  YC_TRY_VOID(str("name", p.name, 100));
  YC_TRY_VOID(str("phone", p.phone, 11));
  return p;
}

Result<std::int64_t> task_step_scope(store::Tx& tx, const Principal& p, std::int64_t task_id, org::Scope* scope) {
  auto row = tx.one("SELECT step FROM case_task WHERE id = $1", {task_id});
  if (!row) return fail(ErrorCode::kNotFound, "待办不存在", "id");
  *scope = p.scope(step_permission(row->text(0)));
  if (scope->empty()) return fail(ErrorCode::kNotFound, "待办不存在", "id");
  return task_id;
}

http::Response pdf(std::string bytes, const std::string& name) {
  http::Response resp;
  resp.content_type = "application/pdf";
  resp.body = std::move(bytes);
  resp.header("Content-Disposition", fmt::format("inline; filename=\"{}.pdf\"", name));
  return resp;
}

}  // namespace

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys, Policy policy,
                DocumentSettings settings) {
  auto svc = std::make_shared<Service>(keys, std::move(policy));
  add_online_routes(api, db, svc, settings);

  // --- Consultations (首问负责) --------------------------------------------------------------
  api.add(Method::kPost, "/api/consultations", "case.consult", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    ConsultInput in;
    in.channel = YC_TRY(text_of(b, "channel", 10));
    if (in.channel.empty()) in.channel = "hall";
    const auto site = YC_TRY(opt_int_of(b, "site_id", 1, 2'000'000'000));
    if (site) in.site_id = *site;
    in.item_code = YC_TRY(text_of(b, "item_code", 16));
    in.question = YC_TRY(text_of(b, "question", 1000));
    in.answer = YC_TRY(text_of(b, "answer", 2000));
    in.contact_name = YC_TRY(text_of(b, "contact_name", 50));
    in.contact_phone = YC_TRY(text_of(b, "contact_phone", 11));
    return identity::idempotent(db, r, p, true, [&](store::Tx& tx) -> Result<http::Response> {
      auto k = YC_TRY(svc->consult(tx, who_of(r, p), p.scope("case.consult"), in));
      return http::json_response(201, consultation_json(k));
    });
  });
  api.add(Method::kGet, "/api/consultations", "case.consult", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const bool mine = r.query("mine").value_or("") == "true";
    auto list = YC_TRY(db.transact<std::vector<Consultation>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return svc->consultations(tx, who_of(r, p), p.scope("case.consult"), mine, 200);
    }));
    json::array items;
    for (const auto& k : list) items.push_back(consultation_json(k));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });
  api.add(Method::kPost, "/api/consultations/:id/handover", "case.consult", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto to = YC_TRY(b.text("to_login", 64));
    const auto reason = YC_TRY(text_of(b, "reason", 200));
    auto k = YC_TRY(db.transact<Consultation>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return svc->hand_over(tx, who_of(r, p), p.scope("case.consult"), id, to, reason);
    }));
    return http::json_response(200, consultation_json(k));
  });

  // Where a case can be handled (全城通办, transfers): every district and
  // street of the city with its name; the structure is not confidential.
  api.add(Method::kGet, "/api/cases/units", "", [&db](const http::Request&, const Principal&) -> Result<http::Response> {
    auto rows = YC_TRY(db.transact<store::Rows>(store::TxMode::kRead, [](store::Tx& tx) {
      return tx.query("SELECT u.code, u.name, u.level, COALESCE(p.name, '') FROM org_unit u LEFT JOIN org_unit p ON "
                      "p.code = u.parent_code WHERE u.level IN (2, 3) ORDER BY u.path");
    }));
    json::array items;
    for (const auto& row : rows.rows)
      items.push_back(json::object{{"code", row.text(0)}, {"name", row.text(1)}, {"level", row.int64(2)},
                                   {"parent_name", row.text(3)}});
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  // The paper fallback (应急处理): a blank intake form of an item in force.
  api.add(Method::kGet, "/api/cases/blank-form.pdf", "case.intake", [&db, settings](const http::Request& r, const Principal&) -> Result<http::Response> {
    const auto code = r.query("item_code").value_or("");
    if (code.empty()) return fail(ErrorCode::kInvalidArgument, "请选择服务事项", "item_code");
    auto v = db.transact<catalog::Version>(store::TxMode::kRead, [&](store::Tx& tx) {
      return catalog::get_current(tx, code, time::now_ms());
    });
    if (!v) {
      if (v.error().code == ErrorCode::kNotFound) return fail(ErrorCode::kNotFound, "服务事项不存在或未发布", "item_code");
      return Unexpected{v.error()};
    }
    return pdf(YC_TRY(render_blank_form_pdf(v->item, settings)), "paper-form-" + code);
  });

  // --- Intake at the window ------------------------------------------------------------------------
  api.add(Method::kPost, "/api/cases", "case.intake", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    IntakeInput in;
    in.item_code = YC_TRY(b.text("item_code", 16));
    const auto site = YC_TRY(opt_int_of(b, "site_id", 1, 2'000'000'000));
    if (!site) return fail(ErrorCode::kInvalidArgument, "请选择服务场所", "site_id");
    in.site_id = *site;
    in.window_number = YC_TRY(opt_int_of(b, "window_number", 1, 999));
    in.channel = YC_TRY(text_of(b, "channel", 10));
    if (in.channel.empty()) in.channel = "window";
    in.ticket = YC_TRY(text_of(b, "ticket", 20));
    const auto consultation = YC_TRY(opt_int_of(b, "consultation_id", 1, 2'000'000'000));
    if (consultation) in.consultation_id = *consultation;
    in.original_time = YC_TRY(b.opt_integer("original_time"));
    in.applicant = YC_TRY(party_of(b.raw("applicant"), "applicant"));
    if (!b.raw("agent").is_null()) in.agent = YC_TRY(party_of(b.raw("agent"), "agent"));
    return identity::idempotent(db, r, p, true, [&](store::Tx& tx) -> Result<http::Response> {
      auto d = YC_TRY(svc->open_case(tx, who_of(r, p), p.scope("case.intake"), in, time::now_ms()));
      return http::json_response(201, detail_json(d));
    });
  });

  api.add(Method::kGet, "/api/cases", "", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    CaseFilter f;
    f.status = r.query("status").value_or("");
    f.q = r.query("q").value_or("");
    f.clock = r.query("clock").value_or("");
    f.channel = r.query("channel").value_or("");
    f.mine = r.query("mine").value_or("") == "true";
    const auto limit = r.query("limit").value_or("100");
    if (limit.empty() || limit.size() > 3 || limit.find_first_not_of("0123456789") != std::string::npos)
      return fail(ErrorCode::kInvalidArgument, "limit 应为 1 至 500 的整数", "limit");
    f.limit = std::stoi(limit);
    auto list = YC_TRY(db.transact<std::vector<Case>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return svc->list(tx, who_of(r, p), view_of(p), f);
    }));
    json::array items;
    for (const auto& c : list) items.push_back(case_json(c));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  api.add(Method::kGet, "/api/cases/board", "stats.read", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto scope = p.scope("stats.read");
    const View view{scope, scope};
    const auto day = today();
    json::object out{{"today", day}};
    // online: 网上申报待预审 (issue 11, item 3), waiting for a clerk.
    for (const auto& [key, status, clock, channel] :
         std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
             {"warning", "", "warning", ""},  {"overdue", "", "overdue", ""}, {"suspended", "", "suspended", ""},
             {"ready", "ready", "", ""},      {"followups", "delivered", "", ""}, {"online", "intake", "", "online"}}) {
      CaseFilter f;
      f.status = status;
      f.clock = clock;
      f.channel = channel;
      f.today = day;
      f.limit = 200;
      auto list = YC_TRY(db.transact<std::vector<Case>>(store::TxMode::kRead, [&](store::Tx& tx) {
        return svc->list(tx, who_of(r, p), view, f);
      }));
      json::array items;
      for (const auto& c : list) items.push_back(case_json(c));
      out[key] = std::move(items);
    }
    return http::json_response(200, std::move(out));
  });

  api.add(Method::kGet, "/api/cases/accountability", "stats.read", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto from = YC_TRY(time::parse_date(r.query("from").value_or("2000-01-01"), "from")).iso();
    const auto to = YC_TRY(time::parse_date(r.query("to").value_or(today()), "to")).iso();
    auto rows = YC_TRY(db.transact<std::vector<Service::OverdueRow>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return svc->accountability(tx, p.scope("stats.read"), from, to);
    }));
    json::array items;
    for (const auto& o : rows)
      items.push_back(json::object{{"case", case_json(o.c)},
                                   {"step", o.step},
                                   {"step_label", step_label(o.step == "correction" ? "intake" : o.step)},
                                   {"unit_code", o.unit_code},
                                   {"unit_name", o.unit_name},
                                   {"person_login", o.person_login},
                                   {"person_name_masked", o.person_name_masked},
                                   {"due_day", o.due_day},
                                   {"recorded_at", o.recorded_at}});
    return http::json_response(200, json::object{{"from", from}, {"to", to}, {"items", std::move(items)}});
  });

  api.add(Method::kGet, "/api/cases/:id", "", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto d = YC_TRY(db.transact<Detail>(store::TxMode::kRead, [&](store::Tx& tx) { return svc->get(tx, view_of(p), id, today()); }));
    return http::json_response(200, detail_json(d));
  });

  api.add(Method::kPut, "/api/cases/:id/materials/:idx", "case.intake", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    const auto idx = r.param("idx");
    if (idx.empty() || idx.size() > 3 || idx.find_first_not_of("0123456789") != std::string::npos)
      return fail(ErrorCode::kInvalidArgument, "材料序号有误", "idx");
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto state = YC_TRY(b.text("state", 20));
    const auto form = YC_TRY(text_of(b, "form", 30));
    const auto reason = YC_TRY(text_of(b, "reason", 200));
    auto m = YC_TRY(db.transact<Material>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return svc->judge(tx, who_of(r, p), p.scope("case.intake"), id, std::stoi(std::string(idx)), state, form, reason);
    }));
    return http::json_response(200, material_json(m));
  });

  api.add_upload(Method::kPost, "/api/cases/:id/files", "case.intake", svc->policy().max_file_bytes + 1,
                 [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    std::optional<int> idx;
    if (auto m = r.query("material")) {
      if (m->empty() || m->size() > 3 || m->find_first_not_of("0123456789") != std::string::npos)
        return fail(ErrorCode::kInvalidArgument, "材料序号有误", "material");
      idx = std::stoi(*m);
    }
    const auto declared = std::string(r.header("content-type").value_or(""));
    if (declared.rfind("image/jpeg", 0) != 0 && declared.rfind("image/png", 0) != 0 &&
        declared.rfind("application/pdf", 0) != 0)
      return fail(ErrorCode::kUnsupportedMediaType, "只能上传 JPEG、PNG 图片或 PDF 文件", "file");
    return identity::idempotent(db, r, p, false, [&](store::Tx& tx) -> Result<http::Response> {
      auto f = YC_TRY(svc->attach(tx, who_of(r, p), p.scope("case.intake"), id, idx, r.body, declared));
      return http::json_response(201, file_json(f));
    });
  });

  api.add(Method::kGet, "/api/cases/:id/files/:file_id", "", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    const auto file_id = YC_TRY(http::id_param(r, "file_id"));
    using FileAnswer = std::pair<FileMeta, std::string>;
    auto f = YC_TRY(db.transact<FileAnswer>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return svc->read_file(tx, who_of(r, p), view_of(p), id, file_id);
    }));
    http::Response resp;
    resp.content_type = f.first.content_type;
    // Named by the server, never by the uploader: the type is the sniffed one
    // and nosniff keeps the browser to it (issue 13, item 5).
    const auto* ext = f.first.content_type == "application/pdf" ? "pdf" : f.first.content_type == "image/png" ? "png" : "jpg";
    resp.header("Content-Disposition", fmt::format("inline; filename=\"file-{}.{}\"", f.first.id, ext));
    resp.body = std::move(f.second);
    return resp;
  });

  const auto write = [&db, svc](auto fn) {
    return [&db, svc, fn](const http::Request& r, const Principal& p) -> Result<http::Response> {
      const auto id = YC_TRY(http::id_param(r, "id"));
      return identity::idempotent(db, r, p, false, [&](store::Tx& tx) -> Result<http::Response> {
        return fn(*svc, tx, r, p, id);
      });
    };
  };

  api.add(Method::kPost, "/api/cases/:id/notice", "case.intake", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto note = YC_TRY(text_of(b, "note", 500));
    return identity::idempotent(db, r, p, true, [&](store::Tx& tx) -> Result<http::Response> {
      auto n = YC_TRY(svc->issue_notice(tx, who_of(r, p), p.scope("case.intake"), id, note));
      return http::json_response(201, notice_json(n));
    });
  });

  api.add(Method::kPost, "/api/cases/:id/resume", "case.intake", write([](Service& s, store::Tx& tx, const http::Request& r, const Principal& p, std::int64_t id) -> Result<http::Response> {
    return http::json_response(200, detail_json(YC_TRY(s.resume(tx, who_of(r, p), p.scope("case.intake"), id))));
  }));

  api.add(Method::kPost, "/api/cases/:id/route", "case.intake", write([](Service& s, store::Tx& tx, const http::Request& r, const Principal& p, std::int64_t id) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto unit = YC_TRY(b.text("unit_code", 20));
    const auto reason = YC_TRY(text_of(b, "reason", 200));
    return http::json_response(200, detail_json(YC_TRY(s.route(tx, who_of(r, p), p.scope("case.intake"), id, unit, reason))));
  }));

  api.add(Method::kPost, "/api/cases/:id/accept", "case.intake", write([](Service& s, store::Tx& tx, const http::Request& r, const Principal& p, std::int64_t id) -> Result<http::Response> {
    static thread_local std::mt19937 gen{std::random_device{}()};
    const int roll = std::uniform_int_distribution<int>(0, 99)(gen);
    return http::json_response(200, detail_json(YC_TRY(s.accept(tx, who_of(r, p), p.scope("case.intake"), id, time::now_ms(), roll))));
  }));

  api.add(Method::kPost, "/api/cases/:id/reject", "case.intake", write([](Service& s, store::Tx& tx, const http::Request& r, const Principal& p, std::int64_t id) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto reason = YC_TRY(text_of(b, "reason", 500));
    const auto basis = YC_TRY(text_of(b, "basis", 500));
    return http::json_response(200, detail_json(YC_TRY(s.reject(tx, who_of(r, p), p.scope("case.intake"), id, reason, basis))));
  }));

  api.add(Method::kPost, "/api/cases/:id/correction", "case.intake", write([](Service& s, store::Tx& tx, const http::Request& r, const Principal& p, std::int64_t id) -> Result<http::Response> {
    std::string note;
    if (!r.body.empty()) note = YC_TRY(text_of(YC_TRY(http::JsonObject::parse(r)), "note", 500));
    return http::json_response(200, detail_json(YC_TRY(s.correct(tx, who_of(r, p), p.scope("case.intake"), id, note, time::now_ms()))));
  }));

  api.add(Method::kPost, "/api/cases/:id/deliver", "case.intake", write([](Service& s, store::Tx& tx, const http::Request& r, const Principal& p, std::int64_t id) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    Service::DeliverInput in;
    in.method = YC_TRY(b.text("method", 20));
    in.receiver_name = YC_TRY(text_of(b, "receiver_name", 50));
    in.receiver_id_number = YC_TRY(text_of(b, "receiver_id_number", 18));
    in.tracking_no = YC_TRY(text_of(b, "tracking_no", 40));
    in.note = YC_TRY(text_of(b, "note", 500));
    in.window_number = YC_TRY(opt_int_of(b, "window_number", 1, 999));
    return http::json_response(200, detail_json(YC_TRY(s.deliver(tx, who_of(r, p), p.scope("case.intake"), id, in, time::now_ms()))));
  }));

  api.add(Method::kPost, "/api/cases/:id/followup", "case.intake", write([](Service& s, store::Tx& tx, const http::Request& r, const Principal& p, std::int64_t id) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto outcome = YC_TRY(b.text("outcome", 20));
    const auto note = YC_TRY(text_of(b, "note", 1000));
    return http::json_response(200, detail_json(YC_TRY(s.follow_up(tx, who_of(r, p), p.scope("case.intake"), id, outcome, note, time::now_ms()))));
  }));

  api.add(Method::kPost, "/api/cases/:id/notice-additions", "hall.manage", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto idx = YC_TRY(opt_int_of(b, "idx", 0, 999));
    if (!idx) return fail(ErrorCode::kInvalidArgument, "请选择材料", "idx");
    const auto reason = YC_TRY(text_of(b, "reason", 500));
    YC_TRY_VOID(db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return svc->allow_addition(tx, who_of(r, p), p.scope("hall.manage"), id, *idx, reason);
    }));
    return http::no_content();
  });

  // --- Documents ---------------------------------------------------------------------------------------
  api.add(Method::kGet, "/api/cases/:id/notice.pdf", "", [&db, svc, settings](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    const auto n = r.query("n").value_or("");
    auto d = YC_TRY(db.transact<Detail>(store::TxMode::kRead, [&](store::Tx& tx) { return svc->get(tx, view_of(p), id, today()); }));
    if (d.notices.empty()) return fail(ErrorCode::kNotFound, "本件没有一次性告知书", "n");
    const Notice* notice = &d.notices.back();
    if (!n.empty()) {
      notice = nullptr;
      for (const auto& x : d.notices)
        if (std::to_string(x.number) == n) notice = &x;
      if (notice == nullptr) return fail(ErrorCode::kNotFound, "没有这份告知书", "n");
    }
    return pdf(YC_TRY(render_notice_pdf(d, *notice, settings)), notice->notice_no);
  });
  api.add(Method::kGet, "/api/cases/:id/receipt.pdf", "", [&db, svc, settings](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto d = YC_TRY(db.transact<Detail>(store::TxMode::kRead, [&](store::Tx& tx) { return svc->get(tx, view_of(p), id, today()); }));
    if (!d.c.accepted_at) return fail(ErrorCode::kConflict, "本件尚未受理,没有受理回执", "status");
    return pdf(YC_TRY(render_receipt_pdf(d, settings, r)), "receipt-" + d.c.case_no);
  });
  // 邮寄送达: the clerk who posts an online applicant's result reads the full
  // address once it is decided (audited).
  api.add(Method::kGet, "/api/cases/:id/mailing", "case.intake", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto m = YC_TRY(db.transact<Service::Mailing>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return svc->mailing(tx, who_of(r, p), p.scope("case.intake"), id);
    }));
    auto resp = http::json_response(200, json::object{{"name", m.name}, {"phone", m.phone}, {"address", m.address}});
    resp.header("Cache-Control", "no-store");
    return resp;
  });
  api.add(Method::kGet, "/api/cases/:id/decision.pdf", "", [&db, svc, settings](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto d = YC_TRY(db.transact<Detail>(store::TxMode::kRead, [&](store::Tx& tx) { return svc->get(tx, view_of(p), id, today()); }));
    if (d.c.status != "rejected") return fail(ErrorCode::kConflict, "本件不是不予受理,没有决定书", "status");
    return pdf(YC_TRY(render_decision_pdf(d, settings)), "decision-" + d.c.case_no);
  });

  // --- Incidents (应急处理): windows and the hall manager report, the hall manager closes.
  const auto incident_json = [](const Incident& i) {
    return json::object{{"id", i.id},
                        {"site_id", i.site_id},
                        {"site_name", i.site_name},
                        {"kind", i.kind},
                        {"description", i.description},
                        {"started_at", i.started_at},
                        {"ended_at", http::or_null(i.ended_at)},
                        {"resolution", i.resolution},
                        {"reported_by_login", i.reported_by_login},
                        {"created_at", i.created_at},
                        {"version", i.version}};
  };
  api.add(Method::kGet, "/api/incidents", "", [&db, incident_json](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto scope = union_of(p, {"case.intake", "hall.manage", "stats.read"});
    if (scope.empty()) return fail(ErrorCode::kForbidden, "您没有查看应急事件的权限");
    const bool open_only = r.query("open").value_or("") == "true";
    auto list = YC_TRY(db.transact<std::vector<Incident>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list_incidents(tx, scope, open_only, 200);
    }));
    json::array items;
    for (const auto& i : list) items.push_back(incident_json(i));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });
  api.add(Method::kPost, "/api/incidents", "", [&db, incident_json](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto scope = union_of(p, {"case.intake", "hall.manage"});
    if (scope.empty()) return fail(ErrorCode::kForbidden, "您没有登记应急事件的权限");
    auto b = YC_TRY(http::JsonObject::parse(r));
    IncidentInput in;
    const auto site = YC_TRY(opt_int_of(b, "site_id", 1, 2'000'000'000));
    if (!site) return fail(ErrorCode::kInvalidArgument, "请选择服务场所", "site_id");
    in.site_id = *site;
    in.kind = YC_TRY(b.text("kind", 20));
    in.description = YC_TRY(b.text("description", 1000));
    in.started_at = YC_TRY(b.opt_integer("started_at"));
    return identity::idempotent(db, r, p, true, [&](store::Tx& tx) -> Result<http::Response> {
      return http::json_response(201, incident_json(YC_TRY(report_incident(tx, who_of(r, p), scope, in, time::now_ms()))));
    });
  });
  api.add(Method::kPost, "/api/incidents/:id/close", "hall.manage", [&db, incident_json](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto resolution = YC_TRY(b.text("resolution", 1000));
    auto i = YC_TRY(db.transact<Incident>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return close_incident(tx, who_of(r, p), p.scope("hall.manage"), id, resolution, time::now_ms());
    }));
    return http::json_response(200, incident_json(i));
  });

  // --- Back office (后台分类审批) -------------------------------------------------------------------------
  api.add(Method::kGet, "/api/tasks", "", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto step = r.query("step").value_or("");
    if (!is_back_office_step(step))
      return fail(ErrorCode::kInvalidArgument, "step 应为 review_first、review_second、approve 或 recheck", "step");
    const auto scope = p.scope(step_permission(step));
    if (scope.empty()) return fail(ErrorCode::kForbidden, "您没有该环节的权限", "step");
    const bool mine = r.query("mine").value_or("") == "true";
    using Rows = std::vector<std::pair<Task, Case>>;
    auto rows = YC_TRY(db.transact<Rows>(store::TxMode::kRead, [&](store::Tx& tx) {
      return svc->queue(tx, step, scope, mine, p.account_id);
    }));
    json::array items;
    for (const auto& [t, c] : rows) items.push_back(json::object{{"task", task_json(t)}, {"case", case_json(c)}});
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  api.add(Method::kPost, "/api/tasks/:id/claim", "", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto t = YC_TRY(db.transact<Task>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Task> {
      org::Scope scope;
      YC_TRY_VOID(task_step_scope(tx, p, id, &scope));
      return svc->claim(tx, who_of(r, p), scope, id);
    }));
    return http::json_response(200, task_json(t));
  });

  api.add(Method::kPost, "/api/tasks/:id/act", "", [&db, svc](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto action = YC_TRY(b.text("action", 20));
    const auto opinion = YC_TRY(text_of(b, "opinion", 1000));
    const auto to_unit = YC_TRY(text_of(b, "to_unit", 20));
    return identity::idempotent(db, r, p, false, [&](store::Tx& tx) -> Result<http::Response> {
      org::Scope scope;
      YC_TRY_VOID(task_step_scope(tx, p, id, &scope));
      auto d = YC_TRY(svc->act(tx, who_of(r, p), scope, id, action, opinion, to_unit, time::now_ms()));
      return http::json_response(200, detail_json(d));
    });
  });

  // --- The citizen's progress (public; no staff names) ---------------------------------------------------
  // By the token in the receipt's QR code (GET), or by the applicant's full
  // ID number in a POST body, so the number never sits in a URL or a log.
  const auto progress = [&db, svc](const http::Request& r, const std::string& token,
                                   const std::string& id_number) -> Result<http::Response> {
    const std::string case_no(r.param("case_no"));
    if (token.size() > 64 || id_number.size() > 18)
      return fail(ErrorCode::kNotFound, "未找到办件,请核对办件编号和证件号码", "case_no");
    auto p = YC_TRY(db.transact<Service::Progress>(store::TxMode::kRead, [&](store::Tx& tx) {
      return svc->progress(tx, case_no, token, id_number, today());
    }));
    json::array steps;
    for (const auto& e : p.steps) steps.push_back(event_json(e, false));
    auto resp = http::json_response(200, json::object{{"case_no", p.case_no},
                                                      {"item_name", p.item_name},
                                                      {"status", p.status},
                                                      {"status_label", status_label(p.status)},
                                                      {"outcome", p.outcome},
                                                      {"clock", p.clock},
                                                      {"accepted_day", http::or_null(p.accepted_day)},
                                                      {"due_day", http::or_null(p.due_day)},
                                                      {"steps", std::move(steps)}});
    return resp;
  };
  // Issue 11, "My services": the signed-in citizen's own cases, each with the
  // link of its receipt's QR code (progress and ratings).
  api.add_citizen(Method::kGet, "/api/citizen/cases", [&db](const http::Request&, const identity::CitizenPrincipal& p) -> Result<http::Response> {
    auto list = YC_TRY(db.transact<std::vector<CitizenCase>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return cases_of_applicant(tx, p.id_hash, 200);
    }));
    json::array items;
    for (const auto& c : list)
      items.push_back(json::object{{"case_no", c.case_no},
                                   {"item_code", c.item_code},
                                   {"item_name", c.item_name},
                                   {"channel", c.channel},
                                   {"status", c.status},
                                   {"status_name", std::string(status_label(c.status))},
                                   {"outcome", c.outcome},
                                   {"intake_unit_name", c.intake_unit_name},
                                   {"accepted_day", c.accepted_day ? json::value(*c.accepted_day) : json::value(nullptr)},
                                   {"due_day", c.due_day ? json::value(*c.due_day) : json::value(nullptr)},
                                   {"completed_at", c.completed_at ? json::value(*c.completed_at) : json::value(nullptr)},
                                   {"delivered_at", c.delivered_at ? json::value(*c.delivered_at) : json::value(nullptr)},
                                   {"created_at", c.created_at},
                                   {"progress_path", "/progress/" + c.case_no + "?t=" + c.progress_token}});
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  // The portal's 消息 (issue 11, item 4): what happened to the citizen's cases.
  api.add_citizen(Method::kGet, "/api/citizen/notifications", [&db](const http::Request&, const identity::CitizenPrincipal& p) -> Result<http::Response> {
    auto list = YC_TRY(db.transact<std::vector<notify::Notification>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return notify::of_applicant(tx, p.id_hash, 100);
    }));
    json::array items;
    int unread = 0;
    for (const auto& n : list) {
      if (!n.read_at) ++unread;
      items.push_back(json::object{{"id", n.id}, {"kind", n.kind}, {"case_no", n.case_no}, {"title", n.title},
                                   {"body", n.body}, {"link", n.link}, {"sms", n.sms_state}, {"created_at", n.created_at},
                                   {"read", n.read_at.has_value()}});
    }
    return http::json_response(200, json::object{{"items", std::move(items)}, {"unread", unread}});
  });

  api.add_citizen(Method::kPost, "/api/citizen/notifications/read", [&db](const http::Request& r, const identity::CitizenPrincipal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto up_to = YC_TRY(b.integer("up_to"));
    auto n = YC_TRY(db.transact<int>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return notify::mark_read(tx, p.id_hash, up_to, time::now_ms());
    }));
    return http::json_response(200, json::object{{"marked", n}});
  });

  api.add_public(Method::kGet, "/api/progress/:case_no", [progress](const http::Request& r) -> Result<http::Response> {
    const auto token = r.query("t").value_or("");
    if (token.empty()) return fail(ErrorCode::kInvalidArgument, "缺少查询码", "t");
    return progress(r, token, "");
  });
  api.add_public(Method::kPost, "/api/progress/:case_no", [progress](const http::Request& r) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto id_number = YC_TRY(b.text("id_number", 18));
    return progress(r, "", id_number);
  });
}

Result<Service::SweepResult> sweep(store::Database& db, const privacy::KeyRing& keys, const Policy& policy,
                                   events::Service& events) {
  Service svc(keys, policy);
  auto r = YC_TRY(db.transact<Service::SweepResult>(store::TxMode::kWrite,
                                                    [&](store::Tx& tx) { return svc.sweep(tx, time::now_ms()); }));
  for (const auto& [unit, counts] : r.by_unit) {
    auto sent = events.publish("cases." + unit,
                               json::serialize(json::object{{"warned", counts.first}, {"overdue", counts.second}}));
    if (!sent) log::warn(fmt::format("event=case_sweep_publish_failed topic=cases.{}", unit));
  }
  return r;
}

}  // namespace yc::cases
