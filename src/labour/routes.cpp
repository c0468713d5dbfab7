#include "labour/routes.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <string>

#include "labour/service.hpp"
#include "platform/http/json_body.hpp"
#include "platform/time.hpp"

namespace yc::labour {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;

time::Date today() { return time::shanghai_date(time::now_ms()); }

json::value mark_json(const std::optional<ReferralMark>& m) {
  if (!m) return nullptr;
  return json::object{{"id", m->id}, {"state", m->state}, {"state_name", referral_state_name(m->state)}};
}

json::object employer_json(const EmployerRef& e) {
  return {{"id", e.id}, {"name", e.name}, {"credit_code", e.credit_code}, {"unit_code", e.unit_code},
          {"unit_name", e.unit_name}};
}

json::object survey_json(const Survey& s) {
  const auto& f = s.form;
  return {{"id", s.id},
          {"employer", employer_json(s.employer)},
          {"year", s.year},
          {"employees", f.employees},
          {"local_employees", f.local_employees},
          {"nonlocal_employees", f.nonlocal_employees},
          {"contracts", f.contracts},
          {"hired", f.hired},
          {"left_count", f.left_count},
          {"vacancies", f.vacancies},
          {"wage_arrears", f.wage_arrears},
          {"insured", f.insured},
          {"needs", f.needs},
          {"submitted_by_name", s.submitted_by_name},
          {"submitted_at", s.submitted_at},
          {"updated_by_name", s.updated_by_name},
          {"updated_at", s.updated_at},
          {"version", s.version}};
}

json::object mediation_json(const Mediation& m) {
  json::object o{{"id", m.id},
                 {"case_no", m.case_no},
                 {"unit_code", m.unit_code},
                 {"unit_name", m.unit_name},
                 {"worker_name", m.worker_name_masked},
                 {"worker_id_number", m.worker_id_masked},
                 {"worker_phone", m.worker_phone_masked},
                 {"employer_id", http::or_null(m.employer_id)},
                 {"employer_name", m.employer_name},
                 {"employer_credit_code", m.employer_credit_code},
                 {"claim_kind", m.claim_kind},
                 {"claim_kind_name", claim_kind_name(m.claim_kind)},
                 {"claim_amount_fen", http::or_null(m.claim_amount_fen)},
                 {"received_day", m.received_day},
                 {"due_day", m.due_day},
                 {"state", m.state},
                 {"state_name", mediation_state_name(m.state)},
                 {"mediator_id", m.mediator_id},
                 {"mediator_name", m.mediator_name},
                 {"agreed_amount_fen", http::or_null(m.agreed_amount_fen)},
                 {"performance_due_day", m.performance_due_day},
                 {"outcome_note", m.outcome_note},
                 {"closed_day", m.closed_day},
                 {"late", m.late},
                 {"overdue", m.overdue},
                 {"session_count", m.session_count},
                 {"referral", mark_json(m.referral)},
                 {"created_at", m.created_at},
                 {"version", m.version}};
  if (!m.claim.empty()) {
    o["claim"] = m.claim;
    o["agreement"] = m.agreement;
    json::array sessions;
    for (const auto& s : m.sessions)
      sessions.push_back({{"id", s.id}, {"day", s.day}, {"attendees", s.attendees}, {"notes", s.notes},
                          {"result", s.result}, {"result_name", session_result_name(s.result)},
                          {"by_name", s.by_name}, {"created_at", s.created_at}});
    o["sessions"] = std::move(sessions);
  }
  return o;
}

json::object hazard_json(const Hazard& h, bool detail) {
  json::object o{{"id", h.id},
                 {"unit_code", h.unit_code},
                 {"unit_name", h.unit_name},
                 {"employer_id", http::or_null(h.employer_id)},
                 {"employer_name", h.employer_name},
                 {"kind", h.kind},
                 {"kind_name", hazard_kind_name(h.kind)},
                 {"risk", h.risk},
                 {"risk_name", risk_name(h.risk)},
                 {"description", h.description},
                 {"measures", h.measures},
                 {"people", h.people},
                 {"found_day", h.found_day},
                 {"next_followup_day", h.next_followup_day},
                 {"last_followup_day", h.last_followup_day},
                 {"state", h.state},
                 {"state_name", h.state == "open" ? "排查中" : "已化解"},
                 {"resolved_day", h.resolved_day},
                 {"result", h.result},
                 {"followup_overdue", h.followup_overdue},
                 {"referral", mark_json(h.referral)},
                 {"created_at", h.created_at},
                 {"version", h.version}};
  if (detail) {
    json::array items;
    for (const auto& f : h.followups)
      items.push_back({{"id", f.id}, {"day", f.day}, {"note", f.note}, {"by_name", f.by_name}, {"created_at", f.created_at}});
    o["followups"] = std::move(items);
  }
  return o;
}

json::object referral_json(const Referral& r) {
  return {{"id", r.id},
          {"source_kind", r.source_kind},
          {"source_kind_name", source_kind_name(r.source_kind)},
          {"source_id", http::or_null(r.source_id)},
          {"source_ref", r.source_ref},
          {"unit_code", r.unit_code},
          {"unit_name", r.unit_name},
          {"reason", r.reason},
          {"referred_day", r.referred_day},
          {"state", r.state},
          {"state_name", referral_state_name(r.state)},
          {"inspection_ref", r.inspection_ref},
          {"acknowledged_day", r.acknowledged_day},
          {"closed_day", r.closed_day},
          {"result", r.result},
          {"created_by_name", r.created_by_name},
          {"created_at", r.created_at},
          {"version", r.version}};
}

Result<int> count(const http::JsonObject& b, std::string_view key) {
  auto v = YC_TRY(b.opt_integer(key)).value_or(0);
  if (v < 0 || v > 1'000'000) return fail(ErrorCode::kInvalidArgument, "人数应在 0 至 1000000 之间", std::string(key));
  return static_cast<int>(v);
}

Result<SurveyForm> survey_form(const http::JsonObject& b) {
  SurveyForm f;
  f.employees = YC_TRY(count(b, "employees"));
  f.local_employees = YC_TRY(count(b, "local_employees"));
  f.nonlocal_employees = YC_TRY(count(b, "nonlocal_employees"));
  f.contracts = YC_TRY(count(b, "contracts"));
  f.hired = YC_TRY(count(b, "hired"));
  f.left_count = YC_TRY(count(b, "left_count"));
  f.vacancies = YC_TRY(count(b, "vacancies"));
  f.insured = YC_TRY(count(b, "insured"));
  f.wage_arrears = YC_TRY(b.opt_bool("wage_arrears")).value_or(false);
  f.needs = YC_TRY(b.opt_text("needs", 1000)).value_or("");
  return f;
}

}  // namespace

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys) {
  const auto actor = [](const http::Request& r, const Principal& p) { return p.actor(identity::client_of(r).address); };

  // --- 用工单位统计调查 ---------------------------------------------------------------------
  api.add(Method::kGet, "/api/labour/surveys", "labour.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    int year = today().year;
    if (auto y = r.query("year"); y && !y->empty()) {
      const auto [end, ec] = std::from_chars(y->data(), y->data() + y->size(), year);
      if (ec != std::errc() || end != y->data() + y->size()) return fail(ErrorCode::kInvalidArgument, "调查年度不正确", "year");
    }
    const auto missing = r.query("missing").value_or("") == "1" ? OnlyMissing::kYes : OnlyMissing::kNo;
    auto o = YC_TRY(db.transact<SurveyOverview>(store::TxMode::kRead, [&](store::Tx& tx) {
      return survey_overview(tx, p.scope("labour.read"), year, missing);
    }));
    json::array items;
    for (const auto& l : o.items)
      items.push_back({{"employer", employer_json(l.employer)},
                       {"survey", l.survey ? json::value(survey_json(*l.survey)) : json::value(nullptr)}});
    return http::json_response(200, json::object{{"year", o.year}, {"total", o.total}, {"surveyed", o.surveyed},
                                                 {"items", std::move(items)}});
  });
  api.add(Method::kGet, "/api/labour/surveys/:id", "labour.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto s = YC_TRY(db.transact<Survey>(store::TxMode::kRead, [&](store::Tx& tx) { return get_survey(tx, p.scope("labour.read"), id); }));
    return http::json_response(200, survey_json(s));
  });
  api.add(Method::kPost, "/api/labour/surveys", "labour.write", [&db, actor](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto employer = YC_TRY(b.integer("employer_id"));
    const auto year = YC_TRY(b.integer("year"));
    auto form = YC_TRY(survey_form(b));
    auto s = YC_TRY(db.transact<Survey>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return submit_survey(tx, actor(r, p), p.scope("labour.write"), p.account_id, employer,
                           static_cast<int>(std::clamp<std::int64_t>(year, 0, 9999)), form, time::now_ms());
    }));
    return http::json_response(201, survey_json(s));
  });
  api.add(Method::kPut, "/api/labour/surveys/:id", "labour.write", [&db, actor](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto version = YC_TRY(b.integer("version"));
    auto form = YC_TRY(survey_form(b));
    auto s = YC_TRY(db.transact<Survey>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return update_survey(tx, actor(r, p), p.scope("labour.write"), p.account_id, id, version, form, time::now_ms());
    }));
    return http::json_response(200, survey_json(s));
  });

  // --- 劳动争议调解 -------------------------------------------------------------------------
  api.add(Method::kGet, "/api/labour/mediations", "labour.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    MediationFilter f{std::string(r.query("state").value_or("")), r.query("overdue").value_or("") == "1"};
    auto list = YC_TRY(db.transact<std::vector<Mediation>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list_mediations(tx, p.scope("labour.read"), f, today());
    }));
    json::array items;
    for (const auto& m : list) items.push_back(mediation_json(m));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });
  api.add(Method::kGet, "/api/labour/mediations/:id", "labour.read", [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto m = YC_TRY(db.transact<Mediation>(store::TxMode::kRead, [&](store::Tx& tx) {
      return get_mediation(tx, keys, p.scope("labour.read"), id, today());
    }));
    return http::json_response(200, mediation_json(m));
  });
  api.add(Method::kPost, "/api/labour/mediations", "labour.write", [&db, &keys, actor](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    NewMediation in;
    in.worker.id_number = YC_TRY(b.text("worker_id_number", 18));
    in.worker.name = YC_TRY(b.text("worker_name", 50));
    in.worker.phone = YC_TRY(b.opt_text("worker_phone", 20)).value_or("");
    in.employer_id = YC_TRY(b.opt_integer("employer_id"));
    in.employer_name = YC_TRY(b.opt_text("employer_name", 100)).value_or("");
    in.employer_credit_code = YC_TRY(b.opt_text("employer_credit_code", 18)).value_or("");
    in.unit_code = YC_TRY(b.opt_text("unit_code", 20)).value_or("");
    in.claim_kind = YC_TRY(b.text("claim_kind", 20));
    in.claim = YC_TRY(b.text("claim", 2000));
    in.claim_amount_fen = YC_TRY(b.opt_integer("claim_amount_fen"));
    in.received_day = YC_TRY(b.opt_text("received_day", 10)).value_or("");
    in.mediator_id = YC_TRY(b.opt_integer("mediator_id"));
    auto m = YC_TRY(db.transact<Mediation>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return open_mediation(tx, keys, actor(r, p), p.scope("labour.write"), p.account_id, in, time::now_ms());
    }));
    return http::json_response(201, mediation_json(m));
  });
  api.add(Method::kPost, "/api/labour/mediations/:id/sessions", "labour.write", [&db, &keys, actor](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    // Read into locals first: g++ leaks what a braced initializer built when
    // YC_TRY returns from inside it.
    auto day = YC_TRY(b.opt_text("day", 10)).value_or("");
    auto attendees = YC_TRY(b.text("attendees", 200));
    auto notes = YC_TRY(b.opt_text("notes", 2000)).value_or("");
    auto result = YC_TRY(b.text("result", 20));
    SessionInput in{std::move(day), std::move(attendees), std::move(notes), std::move(result)};
    auto m = YC_TRY(db.transact<Mediation>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return add_session(tx, keys, actor(r, p), p.scope("labour.write"), p.account_id, id, in, time::now_ms());
    }));
    return http::json_response(201, mediation_json(m));
  });
  api.add(Method::kPost, "/api/labour/mediations/:id/outcome", "labour.write", [&db, &keys, actor](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    Outcome out;
    out.outcome = YC_TRY(b.text("outcome", 20));
    out.agreement = YC_TRY(b.opt_text("agreement", 2000)).value_or("");
    out.agreed_amount_fen = YC_TRY(b.opt_integer("agreed_amount_fen"));
    out.performance_due_day = YC_TRY(b.opt_text("performance_due_day", 10)).value_or("");
    out.note = YC_TRY(b.opt_text("note", 500)).value_or("");
    out.extended = YC_TRY(b.opt_bool("extended")).value_or(false) ? Extended::kYes : Extended::kNo;
    auto m = YC_TRY(db.transact<Mediation>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return close_mediation(tx, keys, actor(r, p), p.scope("labour.write"), p.account_id, id, out, time::now_ms());
    }));
    return http::json_response(200, mediation_json(m));
  });
  // The worker in full, for the mediator who must call them: audited.
  api.add(Method::kPost, "/api/labour/mediations/:id/worker", "labour.write", [&db, &keys, actor](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto w = YC_TRY(db.transact<privacy::PersonInput>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return reveal_worker(tx, keys, actor(r, p), p.scope("labour.write"), id);
    }));
    return http::json_response(200, json::object{{"name", w.name}, {"id_number", w.id_number}, {"phone", w.phone}});
  });
  api.add(Method::kGet, "/api/labour/mediators", "labour.write", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto list = YC_TRY(db.transact<std::vector<Mediator>>(store::TxMode::kRead, [&](store::Tx& tx) {
      // No unit asked: the caller's own (the mediators who may take a case registered there).
      auto unit = std::string(r.query("unit").value_or(""));
      if (unit.empty()) unit = p.unit_code;
      return mediators(tx, p.scope("labour.write"), unit);
    }));
    json::array items;
    for (const auto& m : list)
      items.push_back({{"account_id", m.account_id}, {"name", m.name_masked}, {"unit_name", m.unit_name},
                       {"self", m.account_id == p.account_id}});
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  // --- 矛盾隐患排查 -------------------------------------------------------------------------
  api.add(Method::kGet, "/api/labour/hazards", "labour.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    HazardFilter f{std::string(r.query("state").value_or("")), std::string(r.query("risk").value_or("")),
                   r.query("flagged").value_or("") == "1"};
    auto list = YC_TRY(db.transact<std::vector<Hazard>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list_hazards(tx, p.scope("labour.read"), f, today());
    }));
    json::array items;
    for (const auto& h : list) items.push_back(hazard_json(h, false));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });
  api.add(Method::kGet, "/api/labour/hazards/:id", "labour.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto h = YC_TRY(db.transact<Hazard>(store::TxMode::kRead, [&](store::Tx& tx) { return get_hazard(tx, p.scope("labour.read"), id, today()); }));
    return http::json_response(200, hazard_json(h, true));
  });
  api.add(Method::kPost, "/api/labour/hazards", "labour.write", [&db, actor](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    NewHazard in;
    in.unit_code = YC_TRY(b.opt_text("unit_code", 20)).value_or("");
    in.employer_id = YC_TRY(b.opt_integer("employer_id"));
    in.employer_name = YC_TRY(b.opt_text("employer_name", 100)).value_or("");
    in.kind = YC_TRY(b.text("kind", 20));
    in.risk = YC_TRY(b.text("risk", 10));
    in.description = YC_TRY(b.text("description", 1000));
    in.measures = YC_TRY(b.opt_text("measures", 1000)).value_or("");
    in.people = static_cast<int>(std::clamp<std::int64_t>(YC_TRY(b.opt_integer("people")).value_or(0), -1, 1'000'000));
    in.found_day = YC_TRY(b.opt_text("found_day", 10)).value_or("");
    in.next_followup_day = YC_TRY(b.opt_text("next_followup_day", 10)).value_or("");
    auto h = YC_TRY(db.transact<Hazard>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return create_hazard(tx, actor(r, p), p.scope("labour.write"), p.account_id, in, time::now_ms());
    }));
    return http::json_response(201, hazard_json(h, true));
  });
  api.add(Method::kPost, "/api/labour/hazards/:id/followups", "labour.write", [&db, actor](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto day = YC_TRY(b.opt_text("day", 10)).value_or("");
    const auto note = YC_TRY(b.text("note", 1000));
    const auto next = YC_TRY(b.opt_text("next_followup_day", 10)).value_or("");
    auto h = YC_TRY(db.transact<Hazard>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return add_followup(tx, actor(r, p), p.scope("labour.write"), p.account_id, id, day, note, next, time::now_ms());
    }));
    return http::json_response(201, hazard_json(h, true));
  });
  api.add(Method::kPost, "/api/labour/hazards/:id/resolve", "labour.write", [&db, actor](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto day = YC_TRY(b.opt_text("day", 10)).value_or("");
    const auto result = YC_TRY(b.text("result", 1000));
    auto h = YC_TRY(db.transact<Hazard>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return resolve_hazard(tx, actor(r, p), p.scope("labour.write"), p.account_id, id, day, result, time::now_ms());
    }));
    return http::json_response(200, hazard_json(h, true));
  });

  // --- 移送劳动保障监察 ---------------------------------------------------------------------
  api.add(Method::kGet, "/api/labour/referrals", "labour.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto list = YC_TRY(db.transact<std::vector<Referral>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list_referrals(tx, p.scope("labour.read"), std::string(r.query("state").value_or("")));
    }));
    json::array items;
    for (const auto& x : list) items.push_back(referral_json(x));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });
  api.add(Method::kPost, "/api/labour/referrals", "labour.write", [&db, actor](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    NewReferral in;
    in.source_kind = YC_TRY(b.text("source_kind", 20));
    in.source_id = YC_TRY(b.opt_integer("source_id"));
    in.source_ref = YC_TRY(b.opt_text("source_ref", 40)).value_or("");
    in.unit_code = YC_TRY(b.opt_text("unit_code", 20)).value_or("");
    in.reason = YC_TRY(b.text("reason", 1000));
    in.referred_day = YC_TRY(b.opt_text("referred_day", 10)).value_or("");
    auto x = YC_TRY(db.transact<Referral>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return refer(tx, actor(r, p), p.scope("labour.write"), p.account_id, in, time::now_ms());
    }));
    return http::json_response(201, referral_json(x));
  });
  api.add(Method::kPost, "/api/labour/referrals/:id/acknowledge", "labour.write", [&db, actor](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto day = YC_TRY(b.opt_text("day", 10)).value_or("");
    const auto ref = YC_TRY(b.opt_text("inspection_ref", 40)).value_or("");
    auto x = YC_TRY(db.transact<Referral>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return acknowledge_referral(tx, actor(r, p), p.scope("labour.write"), id, day, ref, time::now_ms());
    }));
    return http::json_response(200, referral_json(x));
  });
  api.add(Method::kPost, "/api/labour/referrals/:id/close", "labour.write", [&db, actor](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto day = YC_TRY(b.opt_text("day", 10)).value_or("");
    const auto result = YC_TRY(b.text("result", 1000));
    auto x = YC_TRY(db.transact<Referral>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return close_referral(tx, actor(r, p), p.scope("labour.write"), id, day, result, time::now_ms());
    }));
    return http::json_response(200, referral_json(x));
  });
}

}  // namespace yc::labour
