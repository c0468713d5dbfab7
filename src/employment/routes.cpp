#include "employment/routes.hpp"

#include <boost/json.hpp>

#include <fmt/format.h>

#include "employment/service.hpp"
#include "platform/http/json_body.hpp"
#include "platform/text.hpp"
#include "platform/time.hpp"

namespace yc::employment {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;

constexpr const char* kRead = "employment.read";
constexpr const char* kWrite = "employment.write";

Who who_of(const http::Request& r, const Principal& p) {
  return Who{p.account_id, p.actor(identity::client_of(r).address)};
}

json::array codes_json(const std::string& list, std::string_view (*name)(std::string_view)) {
  json::array a;
  for (const auto& c : split_list(list)) a.push_back(json::object{{"code", c}, {"name", name(c)}});
  return a;
}
json::array words_json(const std::string& list) {
  json::array a;
  for (const auto& w : split_list(list)) a.push_back(json::string(w));
  return a;
}

// A list of short texts: absent gives nullopt; anything but strings is refused.
Result<std::optional<std::vector<std::string>>> opt_list(const http::JsonObject& b, std::string_view key,
                                                         std::size_t max_items = 20) {
  const auto& v = b.raw(key);
  if (v.is_null()) return std::optional<std::vector<std::string>>();
  if (!v.is_array() || v.as_array().size() > max_items)
    return fail(ErrorCode::kInvalidArgument, fmt::format("应为不超过 {} 项的文字列表", max_items), std::string(key));
  std::vector<std::string> out;
  for (const auto& x : v.as_array()) {
    if (!x.is_string()) return fail(ErrorCode::kInvalidArgument, "应为文字列表", std::string(key));
    out.emplace_back(x.as_string());
  }
  return std::optional(std::move(out));
}
Result<std::vector<std::string>> list(const http::JsonObject& b, std::string_view key) {
  return YC_TRY(opt_list(b, key)).value_or(std::vector<std::string>{});
}

json::object employer_json(const Employer& e) {
  return {{"id", e.id},
          {"credit_code", e.credit_code},
          {"name", e.name},
          {"industry", e.industry},
          {"address", e.address},
          {"unit_code", e.unit_code},
          {"unit_name", e.unit_name},
          {"contact_name", e.contact_name_masked},
          {"contact_phone", e.contact_phone_masked},
          {"employees", e.employees},
          {"open_vacancies", e.open_vacancies},
          {"version", e.version}};
}

json::object referral_json(const Referral& x) {
  return {{"id", x.id},
          {"resident_id", x.resident_id},
          {"vacancy_id", x.vacancy_id},
          {"resident_name", x.resident_name_masked},
          {"vacancy_title", x.vacancy_title},
          {"employer_name", x.employer_name},
          {"welfare", x.welfare},
          {"state", x.state},
          {"state_name", referral_state_name(x.state)},
          {"referred_day", x.referred_day},
          {"outcome_day", x.outcome_day},
          {"note", x.note},
          {"version", x.version}};
}

json::object guidance_json(const Guidance& g) {
  return {{"id", g.id},
          {"resident_id", g.resident_id},
          {"kind", g.kind},
          {"kind_name", g.kind == "training" ? "培训推荐" : "职业指导"},
          {"day", g.day},
          {"topic", g.topic},
          {"provider", g.provider},
          {"state", g.state},
          {"state_name", guidance_state_name(g.state)},
          {"note", g.note},
          {"by_name", g.by_name},
          {"version", g.version}};
}

json::object placement_json(const Placement& p) {
  return {{"id", p.id},
          {"resident_id", p.resident_id},
          {"vacancy_id", p.vacancy_id},
          {"resident_name", p.resident_name_masked},
          {"vacancy_title", p.vacancy_title},
          {"employer_name", p.employer_name},
          {"start_day", p.start_day},
          {"subsidy_end_day", p.subsidy_end_day},
          {"state", p.state},
          {"state_name", p.state == "active" ? "在岗" : "已结束"},
          {"end_day", p.end_day},
          {"end_reason", p.end_reason},
          {"flag", p.flag},
          {"flag_name", p.flag == "expired" ? "补贴已到期" : p.flag == "ending" ? "补贴即将到期" : ""},
          {"version", p.version}};
}

json::object resident_json(const Resident& x) {
  json::object o{{"id", x.id},
                 {"unit_code", x.unit_code},
                 {"unit_name", x.unit_name},
                 {"id_number", x.id_masked},
                 {"name", x.name_masked},
                 {"phone", x.phone_masked},
                 {"address", x.address_masked},
                 {"gender", x.gender},
                 {"gender_name", x.gender == "M" ? "男" : "女"},
                 {"age", x.age},
                 {"household", x.household},
                 {"household_name", household_name(x.household)},
                 {"education", x.education},
                 {"status", x.status},
                 {"status_name", status_name(x.status)},
                 {"hardship_category", x.hardship_category},
                 {"hardship_category_name", hardship_category_name(x.hardship_category)},
                 {"registered_day", x.registered_day},
                 {"skills", words_json(x.skills)},
                 {"needs", codes_json(x.needs, need_name)},
                 {"desired_job", x.desired_job},
                 {"last_visit_day", x.last_visit_day},
                 {"next_visit_day", x.next_visit_day},
                 {"visit_due", x.visit_due},
                 {"updated_at", x.updated_at},
                 {"version", x.version}};
  return o;
}

json::object resident_detail_json(const Resident& x) {
  auto o = resident_json(x);
  json::array visits, refs, guide, places;
  for (const auto& v : x.visits)
    visits.push_back(json::object{{"id", v.id},
                                  {"visit_day", v.visit_day},
                                  {"method", v.method},
                                  {"method_name", method_name(v.method)},
                                  {"status_before", v.status_before},
                                  {"status_after", v.status_after},
                                  {"status_after_name", status_name(v.status_after)},
                                  {"needs", codes_json(v.needs, need_name)},
                                  {"note", v.note},
                                  {"next_visit_day", v.next_visit_day},
                                  {"visited_by", v.visited_by_name},
                                  {"created_at", v.created_at}});
  for (const auto& r : x.referrals) refs.push_back(referral_json(r));
  for (const auto& g : x.guidance) guide.push_back(guidance_json(g));
  for (const auto& p : x.placements) places.push_back(placement_json(p));
  o["visits"] = std::move(visits);
  o["referrals"] = std::move(refs);
  o["guidance"] = std::move(guide);
  o["placements"] = std::move(places);
  return o;
}

json::object vacancy_json(const Vacancy& v) {
  return {{"id", v.id},
          {"employer_id", v.employer_id},
          {"employer_name", v.employer_name},
          {"title", v.title},
          {"skills", words_json(v.skills)},
          {"education", v.education},
          {"location", v.location},
          {"headcount", v.headcount},
          {"filled", v.filled},
          {"salary_min", http::or_null(v.salary_min)},
          {"salary_max", http::or_null(v.salary_max)},
          {"welfare", v.welfare},
          {"state", v.state},
          {"state_name", v.state == "open" ? "招聘中" : "已关闭"},
          {"open_day", v.open_day},
          {"close_day", v.close_day},
          {"referrals_open", v.referrals_open},
          {"version", v.version}};
}

json::object match_json(const Match& m) {
  json::array reasons;
  for (const auto& r : m.reasons) reasons.push_back(json::string(r));
  return {{"score", m.score}, {"reasons", std::move(reasons)}};
}

json::object figures_json(const UnitFigures& f) {
  return {{"unit_code", f.unit_code},     {"unit_name", f.unit_name},       {"residents", f.residents},
          {"employed", f.employed},       {"unemployed", f.unemployed},     {"flexible", f.flexible},
          {"hardship", f.hardship},       {"rural", f.rural},               {"visits_month", f.visits_month},
          {"visits_due", f.visits_due},   {"referrals_month", f.referrals_month}, {"hired_month", f.hired_month},
          {"placements_active", f.placements_active}};
}

Result<EmployerInput> employer_input(const http::JsonObject& b, bool adding) {
  EmployerInput in;
  if (adding) in.credit_code = YC_TRY(b.text("credit_code", 18));
  in.name = YC_TRY(b.text("name", 100));
  in.industry = YC_TRY(b.opt_text("industry", 50)).value_or("");
  in.address = YC_TRY(b.opt_text("address", 200)).value_or("");
  in.unit_code = YC_TRY(b.text("unit_code", 20));
  in.contact_name = YC_TRY(b.opt_text("contact_name", 50)).value_or("");
  in.contact_phone = YC_TRY(b.opt_text("contact_phone", 20)).value_or("");
  in.employees = static_cast<int>(std::clamp<std::int64_t>(YC_TRY(b.opt_integer("employees")).value_or(0), -1, 2'000'000));
  return in;
}

Result<ResidentInput> resident_input(const http::JsonObject& b, bool adding) {
  ResidentInput in;
  if (adding) {
    in.id_number = YC_TRY(b.text("id_number", 18));
    in.name = YC_TRY(b.text("name", 50));
    in.unit_code = YC_TRY(b.text("unit_code", 20));
  } else {
    in.unit_code = YC_TRY(b.opt_text("unit_code", 20)).value_or("");
  }
  in.phone = YC_TRY(b.opt_text("phone", 20)).value_or("");
  in.address = YC_TRY(b.opt_text("address", 200)).value_or("");
  in.household = YC_TRY(b.opt_text("household", 10)).value_or("urban");
  in.education = YC_TRY(b.opt_text("education", 20)).value_or("");
  in.status = YC_TRY(b.text("status", 20));
  in.hardship_category = YC_TRY(b.opt_text("hardship_category", 20)).value_or("");
  in.registered_day = YC_TRY(b.opt_text("registered_day", 10)).value_or("");
  in.desired_job = YC_TRY(b.opt_text("desired_job", 50)).value_or("");
  in.skills = YC_TRY(list(b, "skills"));
  in.needs = YC_TRY(list(b, "needs"));
  return in;
}

int small_int(std::int64_t v) { return static_cast<int>(std::clamp<std::int64_t>(v, -1, 10'000'000)); }

}  // namespace

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys) {
  using store::TxMode;
  using store::Tx;

  // --- Employers ----------------------------------------------------------------------------
  api.add(Method::kGet, "/api/employers", kRead, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto q = r.query("q").value_or("");
    if (utf8_length(q) > 50) return fail(ErrorCode::kInvalidArgument, "查询词不超过 50 字", "q");
    auto list_ = YC_TRY(db.transact<std::vector<Employer>>(TxMode::kRead, [&](Tx& tx) {
      return employers(tx, p.scope(kRead), q);
    }));
    json::array items;
    for (const auto& e : list_) items.push_back(employer_json(e));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });
  api.add(Method::kPost, "/api/employers", kWrite, [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto in = YC_TRY(employer_input(YC_TRY(http::JsonObject::parse(r)), true));
    auto e = YC_TRY(db.transact<Employer>(TxMode::kWrite, [&](Tx& tx) {
      return add_employer(tx, keys, who_of(r, p), p.scope(kWrite), in, time::now_ms());
    }));
    return http::json_response(201, employer_json(e));
  });
  api.add(Method::kGet, "/api/employers/:id", kRead, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r));
    auto e = YC_TRY(db.transact<Employer>(TxMode::kRead, [&](Tx& tx) { return employer(tx, p.scope(kRead), id); }));
    return http::json_response(200, employer_json(e));
  });
  api.add(Method::kPatch, "/api/employers/:id", kWrite, [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto version = YC_TRY(b.integer("version"));
    auto in = YC_TRY(employer_input(b, false));
    auto e = YC_TRY(db.transact<Employer>(TxMode::kWrite, [&](Tx& tx) {
      return update_employer(tx, keys, who_of(r, p), p.scope(kWrite), id, version, in, time::now_ms());
    }));
    return http::json_response(200, employer_json(e));
  });

  // --- The registry ---------------------------------------------------------------------------
  api.add(Method::kGet, "/api/residents", kRead, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    ResidentFilter f;
    f.status = r.query("status").value_or("");
    f.unit_code = r.query("unit").value_or("");
    f.need = r.query("need").value_or("");
    f.due = r.query("due").value_or("") == "1";
    if (!f.status.empty() && !valid_status(f.status)) return fail(ErrorCode::kInvalidArgument, "就业状态不正确", "status");
    if (!f.need.empty() && !valid_need(f.need)) return fail(ErrorCode::kInvalidArgument, "需求不正确", "need");
    const auto now = time::now_ms();
    auto list_ = YC_TRY(db.transact<std::vector<Resident>>(TxMode::kRead, [&](Tx& tx) {
      return residents(tx, p.scope(kRead), f, now);
    }));
    json::array items;
    for (const auto& x : list_) items.push_back(resident_json(x));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });
  api.add(Method::kPost, "/api/residents", kWrite, [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto in = YC_TRY(resident_input(YC_TRY(http::JsonObject::parse(r)), true));
    auto x = YC_TRY(db.transact<Resident>(TxMode::kWrite, [&](Tx& tx) {
      return add_resident(tx, keys, who_of(r, p), p.scope(kWrite), in, time::now_ms());
    }));
    return http::json_response(201, resident_detail_json(x));
  });
  // By ID number, in the body (never in a URL).
  api.add(Method::kPost, "/api/residents/find", kRead, [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto id_number = YC_TRY(b.text("id_number", 18));
    auto x = YC_TRY(db.transact<Resident>(TxMode::kRead, [&](Tx& tx) {
      return find_resident(tx, keys, p.scope(kRead), id_number, time::now_ms());
    }));
    return http::json_response(200, resident_detail_json(x));
  });
  api.add(Method::kGet, "/api/residents/:id", kRead, [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r));
    auto x = YC_TRY(db.transact<Resident>(TxMode::kRead, [&](Tx& tx) {
      return resident(tx, keys, p.scope(kRead), id, time::now_ms());
    }));
    return http::json_response(200, resident_detail_json(x));
  });
  api.add(Method::kPatch, "/api/residents/:id", kWrite, [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto version = YC_TRY(b.integer("version"));
    auto in = YC_TRY(resident_input(b, false));
    auto x = YC_TRY(db.transact<Resident>(TxMode::kWrite, [&](Tx& tx) {
      return update_resident(tx, keys, who_of(r, p), p.scope(kWrite), id, version, in, time::now_ms());
    }));
    return http::json_response(200, resident_detail_json(x));
  });
  // The full phone and address for a call or a home visit (audited).
  api.add(Method::kPost, "/api/residents/:id/reveal", kWrite, [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r));
    auto who = YC_TRY(db.transact<privacy::PersonInput>(TxMode::kWrite, [&](Tx& tx) {
      return reveal_resident(tx, keys, who_of(r, p), p.scope(kWrite), id);
    }));
    return http::json_response(200, json::object{{"id_number", who.id_number}, {"name", who.name},
                                                 {"phone", who.phone}, {"address", who.address}});
  });
  api.add(Method::kPost, "/api/residents/:id/visits", kWrite, [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto version = YC_TRY(b.integer("version"));
    VisitInput in;
    in.visit_day = YC_TRY(b.opt_text("visit_day", 10)).value_or("");
    in.method = YC_TRY(b.text("method", 10));
    in.status = YC_TRY(b.opt_text("status", 20)).value_or("");
    in.hardship_category = YC_TRY(b.opt_text("hardship_category", 20)).value_or("");
    in.registered_day = YC_TRY(b.opt_text("registered_day", 10)).value_or("");
    in.note = YC_TRY(b.text("note", 1000));
    in.next_visit_day = YC_TRY(b.opt_text("next_visit_day", 10)).value_or("");
    in.needs = YC_TRY(list(b, "needs"));
    in.skills = YC_TRY(opt_list(b, "skills"));
    in.desired_job = YC_TRY(b.opt_text("desired_job", 50));
    auto x = YC_TRY(db.transact<Resident>(TxMode::kWrite, [&](Tx& tx) {
      return record_visit(tx, keys, who_of(r, p), p.scope(kWrite), id, version, in, time::now_ms());
    }));
    return http::json_response(201, resident_detail_json(x));
  });
  api.add(Method::kGet, "/api/residents/:id/matches", kRead, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r));
    auto list_ = YC_TRY(db.transact<std::vector<VacancyMatch>>(TxMode::kRead, [&](Tx& tx) {
      return matches_for_resident(tx, p.scope(kRead), id, time::now_ms());
    }));
    json::array items;
    for (const auto& m : list_) items.push_back(json::object{{"vacancy", vacancy_json(m.vacancy)}, {"match", match_json(m.match)}});
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });
  api.add(Method::kPost, "/api/residents/:id/guidance", kWrite, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r));
    auto b = YC_TRY(http::JsonObject::parse(r));
    GuidanceInput in;
    in.kind = YC_TRY(b.text("kind", 10));
    in.day = YC_TRY(b.opt_text("day", 10)).value_or("");
    in.topic = YC_TRY(b.text("topic", 100));
    in.provider = YC_TRY(b.opt_text("provider", 100)).value_or("");
    in.note = YC_TRY(b.opt_text("note", 500)).value_or("");
    auto g = YC_TRY(db.transact<Guidance>(TxMode::kWrite, [&](Tx& tx) {
      return add_guidance(tx, who_of(r, p), p.scope(kWrite), id, in, time::now_ms());
    }));
    return http::json_response(201, guidance_json(g));
  });
  api.add(Method::kPost, "/api/guidance/:id/state", kWrite, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto version = YC_TRY(b.integer("version"));
    const auto state = YC_TRY(b.text("state", 20));
    const auto note = YC_TRY(b.opt_text("note", 500)).value_or("");
    auto g = YC_TRY(db.transact<Guidance>(TxMode::kWrite, [&](Tx& tx) {
      return move_training(tx, who_of(r, p), p.scope(kWrite), id, version, state, note, time::now_ms());
    }));
    return http::json_response(200, guidance_json(g));
  });

  // --- Vacancies and matching ---------------------------------------------------------------
  api.add(Method::kGet, "/api/vacancies", kRead, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    VacancyFilter f;
    f.state = r.query("state").value_or("open");
    if (f.state == "all") f.state.clear();
    if (!f.state.empty() && f.state != "open" && f.state != "closed")
      return fail(ErrorCode::kInvalidArgument, "岗位状态不正确", "state");
    if (auto w = r.query("welfare")) f.welfare = *w == "1";
    if (auto e = YC_TRY(http::id_query(r, "employer", "用人单位不正确"))) f.employer_id = *e;
    auto list_ = YC_TRY(db.transact<std::vector<Vacancy>>(TxMode::kRead, [&](Tx& tx) {
      return vacancies(tx, p.scope(kRead), f);
    }));
    json::array items;
    for (const auto& v : list_) items.push_back(vacancy_json(v));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });
  api.add(Method::kPost, "/api/vacancies", kWrite, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    VacancyInput in;
    in.employer_id = YC_TRY(b.integer("employer_id"));
    in.title = YC_TRY(b.text("title", 50));
    in.education = YC_TRY(b.opt_text("education", 20)).value_or("");
    in.location = YC_TRY(b.opt_text("location", 100)).value_or("");
    in.skills = YC_TRY(list(b, "skills"));
    in.headcount = small_int(YC_TRY(b.opt_integer("headcount")).value_or(1));
    if (auto s = YC_TRY(b.opt_integer("salary_min"))) in.salary_min = small_int(*s);
    if (auto s = YC_TRY(b.opt_integer("salary_max"))) in.salary_max = small_int(*s);
    in.welfare = YC_TRY(b.opt_bool("welfare")).value_or(false);
    auto v = YC_TRY(db.transact<Vacancy>(TxMode::kWrite, [&](Tx& tx) {
      return add_vacancy(tx, who_of(r, p), p.scope(kWrite), in, time::now_ms());
    }));
    return http::json_response(201, vacancy_json(v));
  });
  api.add(Method::kPost, "/api/vacancies/:id/close", kWrite, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r));
    auto v = YC_TRY(db.transact<Vacancy>(TxMode::kWrite, [&](Tx& tx) {
      return close_vacancy(tx, who_of(r, p), p.scope(kWrite), id, time::now_ms());
    }));
    return http::json_response(200, vacancy_json(v));
  });
  api.add(Method::kGet, "/api/vacancies/:id/matches", kRead, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r));
    using Found = std::pair<Vacancy, std::vector<ResidentMatch>>;
    auto found = YC_TRY(db.transact<Found>(TxMode::kRead, [&](Tx& tx) -> Result<Found> {
      const auto scope = p.scope(kRead);
      auto v = YC_TRY(vacancy(tx, scope, id));
      auto matches = YC_TRY(matches_for_vacancy(tx, scope, id, time::now_ms()));
      return Found{std::move(v), std::move(matches)};
    }));
    json::array items;
    for (const auto& m : found.second)
      items.push_back(json::object{{"resident", resident_json(m.resident)}, {"match", match_json(m.match)}});
    return http::json_response(200, json::object{{"vacancy", vacancy_json(found.first)}, {"items", std::move(items)}});
  });

  // --- Referrals --------------------------------------------------------------------------------
  api.add(Method::kGet, "/api/referrals", kRead, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto list_ = YC_TRY(db.transact<std::vector<Referral>>(TxMode::kRead, [&](Tx& tx) {
      return referrals(tx, p.scope(kRead), r.query("state").value_or(""));
    }));
    json::array items;
    for (const auto& x : list_) items.push_back(referral_json(x));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });
  api.add(Method::kPost, "/api/referrals", kWrite, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto resident_id = YC_TRY(b.integer("resident_id"));
    const auto vacancy_id = YC_TRY(b.integer("vacancy_id"));
    const auto note = YC_TRY(b.opt_text("note", 200)).value_or("");
    auto x = YC_TRY(db.transact<Referral>(TxMode::kWrite, [&](Tx& tx) {
      return refer(tx, who_of(r, p), p.scope(kWrite), resident_id, vacancy_id, note, time::now_ms());
    }));
    return http::json_response(201, referral_json(x));
  });
  api.add(Method::kPost, "/api/referrals/:id/outcome", kWrite, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto version = YC_TRY(b.integer("version"));
    const auto outcome = YC_TRY(b.text("outcome", 20));
    const auto note = YC_TRY(b.opt_text("note", 200)).value_or("");
    auto x = YC_TRY(db.transact<Referral>(TxMode::kWrite, [&](Tx& tx) {
      return referral_outcome(tx, who_of(r, p), p.scope(kWrite), id, version, outcome, note, time::now_ms());
    }));
    return http::json_response(200, referral_json(x));
  });

  // --- 公益性岗位 placements ------------------------------------------------------------------------
  api.add(Method::kGet, "/api/welfare-placements", kRead, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto state = r.query("state").value_or("active");
    if (state == "all") state.clear();
    else if (state != "active" && state != "ended") return fail(ErrorCode::kInvalidArgument, "安置状态不正确", "state");
    auto list_ = YC_TRY(db.transact<std::vector<Placement>>(TxMode::kRead, [&](Tx& tx) {
      return placements(tx, p.scope(kRead), state, time::now_ms());
    }));
    json::array items;
    for (const auto& x : list_) items.push_back(placement_json(x));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });
  api.add(Method::kPost, "/api/welfare-placements", kWrite, [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    PlacementInput in;
    in.resident_id = YC_TRY(b.integer("resident_id"));
    in.vacancy_id = YC_TRY(b.integer("vacancy_id"));
    in.start_day = YC_TRY(b.opt_text("start_day", 10)).value_or("");
    in.subsidy_end_day = YC_TRY(b.opt_text("subsidy_end_day", 10)).value_or("");
    auto x = YC_TRY(db.transact<Placement>(TxMode::kWrite, [&](Tx& tx) {
      return place(tx, keys, who_of(r, p), p.scope(kWrite), in, time::now_ms());
    }));
    return http::json_response(201, placement_json(x));
  });
  api.add(Method::kPost, "/api/welfare-placements/:id/end", kWrite, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto version = YC_TRY(b.integer("version"));
    const auto end_day = YC_TRY(b.opt_text("end_day", 10)).value_or("");
    const auto reason = YC_TRY(b.text("end_reason", 200));
    auto x = YC_TRY(db.transact<Placement>(TxMode::kWrite, [&](Tx& tx) {
      return end_placement(tx, who_of(r, p), p.scope(kWrite), id, version, end_day, reason, time::now_ms());
    }));
    return http::json_response(200, placement_json(x));
  });

  // --- Figures ------------------------------------------------------------------------------------
  api.add(Method::kGet, "/api/employment/summary", kRead, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto s = YC_TRY(db.transact<Summary>(TxMode::kRead, [&](Tx& tx) {
      return summary(tx, p.scope(kRead), r.query("unit").value_or(""), time::now_ms());
    }));
    json::array units;
    for (const auto& u : s.units) units.push_back(figures_json(u));
    return http::json_response(200, json::object{{"total", figures_json(s.total)},
                                                 {"units", std::move(units)},
                                                 {"open_vacancies", s.open_vacancies},
                                                 {"open_posts", s.open_posts}});
  });
}

}  // namespace yc::employment
