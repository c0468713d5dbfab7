#include "employment/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/service.hpp"
#include "platform/text.hpp"
#include "platform/time.hpp"
#include "privacy/model.hpp"
#include "privacy/person.hpp"

namespace yc::employment {
namespace {

using store::Param;
using store::Tx;

constexpr const char* kResident = "resident";
constexpr const char* kVisitNote = "resident_visit.note";
constexpr const char* kContactName = "employer.contact.name";
constexpr const char* kContactPhone = "employer.contact.phone";

Result<void> audit_write(Tx& tx, const Who& who, std::string action, std::string type, std::int64_t id) {
  YC_TRY(audit::append(tx, audit::entry_for(who.actor, std::move(action), std::move(type), std::to_string(id))));
  return {};
}

std::string today_iso(std::int64_t now) { return time::shanghai_date(now).iso(); }

Result<time::Date> day_or_today(const std::string& iso, std::int64_t now, std::string_view field) {
  if (iso.empty()) return time::shanghai_date(now);
  return time::parse_date(iso, field);
}

Result<void> check_text(std::string_view field, const std::string& value, std::size_t max, bool required,
                        std::string_view what) {
  if (required && value.empty()) return fail(ErrorCode::kInvalidArgument, fmt::format("请填写{}", what), std::string(field));
  if (utf8_length(value) > max)
    return fail(ErrorCode::kInvalidArgument, fmt::format("{}不超过 {} 字", what, max), std::string(field));
  return {};
}

// A unit the caller may place things in: in scope, and of the right level
// (a resident lives in a community, level 4; an employer in a street or a
// community, 3-4).
struct Unit {
  std::string code, path, name;
};
Result<Unit> unit_in_scope(Tx& tx, const org::Scope& scope, const std::string& code, int min_level,
                           std::string_view what) {
  auto u = tx.one("SELECT code, path, name, level FROM org_unit WHERE code = $1", {code});
  if (!u || !scope.covers(u->text(1))) return fail(ErrorCode::kInvalidArgument, "所属单位不存在或不在权限范围内", "unit_code");
  if (u->int64(3) < min_level) return fail(ErrorCode::kInvalidArgument, fmt::format("{}须选到社区(村)", what), "unit_code");
  return Unit{u->text(0), u->text(1), u->text(2)};
}

// --- Employers -------------------------------------------------------------------------
constexpr const char* kEmployerCols =
    "e.id, e.credit_code, e.name, e.industry, e.address, e.unit_code, u.name, e.contact_name_masked, "
    "e.contact_phone_masked, e.employees, e.version, "
    "(SELECT COUNT(*) FROM vacancy v WHERE v.employer_id = e.id AND v.state = 'open'), e.unit_path "
    "FROM employer e JOIN org_unit u ON u.code = e.unit_code ";

Employer employer_from(const store::Row& r) {
  Employer e;
  e.id = r.int64(0);
  e.credit_code = r.text(1);
  e.name = r.text(2);
  e.industry = r.text(3);
  e.address = r.text(4);
  e.unit_code = r.text(5);
  e.unit_name = r.text(6);
  e.contact_name_masked = r.text(7);
  e.contact_phone_masked = r.text(8);
  e.employees = static_cast<int>(r.int64(9));
  e.version = r.int64(10);
  e.open_vacancies = static_cast<int>(r.int64(11));
  return e;
}

struct SealedContact {
  std::string name_sealed, name_masked, phone_sealed, phone_masked;
};
Result<SealedContact> check_employer(Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope,
                                     const EmployerInput& in, Unit* unit) {
  YC_TRY_VOID(privacy::validate_credit_code(in.credit_code));
  YC_TRY_VOID(check_text("name", in.name, 100, true, "单位名称"));
  YC_TRY_VOID(check_text("industry", in.industry, 50, false, "行业"));
  YC_TRY_VOID(check_text("address", in.address, 200, false, "经营地址"));
  YC_TRY_VOID(check_text("contact_name", in.contact_name, 50, false, "联系人"));
  if (in.employees < 0 || in.employees > 1'000'000)
    return fail(ErrorCode::kInvalidArgument, "职工人数不正确", "employees");
  *unit = YC_TRY(unit_in_scope(tx, scope, in.unit_code, 3, "所在街道或社区"));
  SealedContact c;
  if (!in.contact_name.empty()) {
    c.name_sealed = YC_TRY(keys.encrypt(in.contact_name, kContactName));
    c.name_masked = privacy::mask_name(in.contact_name);
  }
  if (!in.contact_phone.empty()) {
    YC_TRY_VOID(privacy::validate_contact_phone(in.contact_phone, "contact_phone"));
    c.phone_sealed = YC_TRY(keys.encrypt(in.contact_phone, kContactPhone));
    c.phone_masked = privacy::mask_phone(in.contact_phone);
  }
  return c;
}

// --- Residents -------------------------------------------------------------------------
constexpr const char* kResidentCols =
    "r.id, r.unit_code, u.name, r.id_masked, r.name_masked, r.phone_masked, r.address_masked, r.gender, "
    "r.household, r.education, r.status, r.hardship_category, COALESCE(r.registered_day, ''), r.skills, r.needs, "
    "r.desired_job, COALESCE(r.last_visit_day, ''), COALESCE(r.next_visit_day, ''), r.updated_at, r.version, "
    "r.birth_year, r.unit_path, r.id_sealed "
    "FROM resident r JOIN org_unit u ON u.code = r.unit_code ";
constexpr std::size_t kResidentPath = 21;

Resident resident_from(const store::Row& r, const time::Date& today) {
  Resident x;
  x.id = r.int64(0);
  x.unit_code = r.text(1);
  x.unit_name = r.text(2);
  x.id_masked = r.text(3);
  x.name_masked = r.text(4);
  x.phone_masked = r.text(5);
  x.address_masked = r.text(6);
  x.gender = r.text(7);
  x.household = r.text(8);
  x.education = r.text(9);
  x.status = r.text(10);
  x.hardship_category = r.text(11);
  x.registered_day = r.text(12);
  x.skills = r.text(13);
  x.needs = r.text(14);
  x.desired_job = r.text(15);
  x.last_visit_day = r.text(16);
  x.next_visit_day = r.text(17);
  x.updated_at = r.int64(18);
  x.version = r.int64(19);
  // The age by the birth year only: lists need no more (the day is sealed).
  x.age = today.year - static_cast<int>(r.int64(20));
  x.visit_due = !x.next_visit_day.empty() && x.next_visit_day <= today.iso();
  return x;
}

Result<store::Row> resident_row(Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto row = tx.one(fmt::format("SELECT {}WHERE r.id = $1", kResidentCols), {id});
  if (!row || !scope.covers(row->text(kResidentPath))) return fail(ErrorCode::kNotFound, "人员不在台账中", "id");
  return *row;
}

// The person's birth date and gender, from the sealed ID number.
struct Born {
  time::Date birth;
  std::string gender;
};
Result<Born> born_of(const privacy::KeyRing& keys, const store::Row& r) {
  auto id = YC_TRY(keys.decrypt(r.text(22), "resident.id"));
  return Born{privacy::birth_date_of(id), r.text(7)};
}

Result<Registration> registration_of(const std::string& status, const std::string& category,
                                     const std::string& registered_day) {
  Registration reg{status, category, std::nullopt};
  if (!registered_day.empty()) reg.registered = YC_TRY(time::parse_date(registered_day, "registered_day"));
  return reg;
}

std::optional<std::string> next_visit_after(const std::string& status, const time::Date& from) {
  auto days = visit_period_days(status);
  if (!days) return std::nullopt;
  return time::civil_from_days(time::days_from_civil(from) + *days).iso();
}

// Registration day: kept when the status stays out of work, set when the
// person becomes unemployed, cleared once they work.
std::optional<std::string> registered_for(const std::string& status, const std::string& given,
                                          const std::string& stored, std::int64_t now) {
  if (status != "unemployed" && status != "hardship") return std::nullopt;
  if (!given.empty()) return given;
  if (!stored.empty()) return stored;
  return today_iso(now);
}

// The free fields of a registry entry, the same on adding and editing.
Result<void> check_profile(const ResidentInput& in) {
  if (!valid_household(in.household)) return fail(ErrorCode::kInvalidArgument, "户籍类型不正确", "household");
  YC_TRY_VOID(check_text("education", in.education, 20, false, "学历"));
  return check_text("desired_job", in.desired_job, 50, false, "求职意向");
}

Param opt(const std::optional<std::string>& v) { return v ? Param(*v) : store::null_param(); }
Param opt(const std::optional<int>& v) { return v ? Param(std::int64_t{*v}) : store::null_param(); }

// --- Vacancies -------------------------------------------------------------------------
constexpr const char* kVacancyCols =
    "v.id, v.employer_id, e.name, v.title, v.skills, v.education, v.location, v.state, v.open_day, "
    "COALESCE(v.close_day, ''), v.headcount, v.filled, v.salary_min, v.salary_max, v.welfare, v.version, "
    "(SELECT COUNT(*) FROM job_referral j WHERE j.vacancy_id = v.id AND j.state = 'referred'), v.unit_path "
    "FROM vacancy v JOIN employer e ON e.id = v.employer_id ";
constexpr std::size_t kVacancyPath = 17;

Vacancy vacancy_from(const store::Row& r) {
  Vacancy v;
  v.id = r.int64(0);
  v.employer_id = r.int64(1);
  v.employer_name = r.text(2);
  v.title = r.text(3);
  v.skills = r.text(4);
  v.education = r.text(5);
  v.location = r.text(6);
  v.state = r.text(7);
  v.open_day = r.text(8);
  v.close_day = r.text(9);
  v.headcount = static_cast<int>(r.int64(10));
  v.filled = static_cast<int>(r.int64(11));
  if (auto s = r.opt_int64(12)) v.salary_min = static_cast<int>(*s);
  if (auto s = r.opt_int64(13)) v.salary_max = static_cast<int>(*s);
  v.welfare = r.int64(14) != 0;
  v.version = r.int64(15);
  v.referrals_open = static_cast<int>(r.int64(16));
  return v;
}

Result<std::pair<Vacancy, std::string>> vacancy_row(Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto row = tx.one(fmt::format("SELECT {}WHERE v.id = $1", kVacancyCols), {id});
  if (!row || !scope.covers(row->text(kVacancyPath))) return fail(ErrorCode::kNotFound, "岗位不存在", "vacancy_id");
  return std::pair{vacancy_from(*row), row->text(kVacancyPath)};
}

Person person_of(const Resident& r, const std::string& path) {
  return Person{r.status, r.hardship_category, r.skills, r.needs, r.desired_job, path};
}
Post post_of(const Vacancy& v, const std::string& path) {
  return Post{v.title, v.skills, path, v.welfare, v.state == "open", v.headcount, v.filled};
}

// --- Referrals, guidance, placements -------------------------------------------------------
constexpr const char* kReferralCols =
    "j.id, j.resident_id, j.vacancy_id, r.name_masked, v.title, e.name, j.state, j.referred_day, "
    "COALESCE(j.outcome_day, ''), j.note, v.welfare, j.version, r.unit_path "
    "FROM job_referral j JOIN resident r ON r.id = j.resident_id JOIN vacancy v ON v.id = j.vacancy_id "
    "JOIN employer e ON e.id = v.employer_id ";
Referral referral_from(const store::Row& r) {
  return Referral{r.int64(0), r.int64(1), r.int64(2), r.text(3),  r.text(4),           r.text(5), r.text(6),
                  r.text(7),  r.text(8),  r.text(9),  r.int64(10) != 0, r.int64(11)};
}

constexpr const char* kGuidanceCols =
    "g.id, g.resident_id, g.kind, g.day, g.topic, g.provider, g.state, g.note, a.name_masked, g.version, r.unit_path "
    "FROM guidance_session g JOIN resident r ON r.id = g.resident_id JOIN account a ON a.id = g.by_account ";
Guidance guidance_from(const store::Row& r) {
  return Guidance{r.int64(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.text(5),
                  r.text(6),  r.text(7),  r.text(8), r.int64(9)};
}

constexpr const char* kPlacementCols =
    "p.id, p.resident_id, p.vacancy_id, r.name_masked, v.title, e.name, p.start_day, p.subsidy_end_day, p.state, "
    "COALESCE(p.end_day, ''), p.end_reason, p.version, r.unit_path "
    "FROM welfare_placement p JOIN resident r ON r.id = p.resident_id JOIN vacancy v ON v.id = p.vacancy_id "
    "JOIN employer e ON e.id = v.employer_id ";
Placement placement_from(const store::Row& r, const time::Date& today) {
  Placement p{r.int64(0), r.int64(1), r.int64(2), r.text(3),  r.text(4),  r.text(5), r.text(6),
              r.text(7),  r.text(8),  r.text(9),  r.text(10), "",         r.int64(11)};
  if (p.state == "active") p.flag = std::string(subsidy_flag(p.subsidy_end_day, today));
  return p;
}

// A vacancy fills by one (closing when full) or frees one.
Result<void> fill(Tx& tx, std::int64_t vacancy_id, int delta, std::int64_t now) {
  YC_TRY(tx.exec("UPDATE vacancy SET filled = filled + $1, version = version + 1 WHERE id = $2",
                 {std::int64_t{delta}, vacancy_id}));
  YC_TRY(tx.exec("UPDATE vacancy SET state = 'closed', close_day = $2 WHERE id = $1 AND state = 'open' "
                 "AND filled >= headcount",
                 {vacancy_id, today_iso(now)}));
  if (delta < 0)
    YC_TRY(tx.exec("UPDATE vacancy SET state = 'open', close_day = NULL WHERE id = $1 AND state = 'closed' "
                   "AND filled < headcount",
                   {vacancy_id}));
  return {};
}

// The person's registry row moves on (status, needs), with its version.
Result<void> set_status(Tx& tx, std::int64_t resident_id, const std::string& status, const std::string& needs,
                        std::int64_t now) {
  const bool out = status == "unemployed" || status == "hardship";
  YC_TRY(tx.exec("UPDATE resident SET status = $2, needs = $3, updated_at = $4, version = version + 1, "
                 "registered_day = CASE WHEN $5 = 1 THEN COALESCE(registered_day, $6) ELSE NULL END, "
                 "next_visit_day = $7 WHERE id = $1",
                 {resident_id, status, needs, now, std::int64_t{out ? 1 : 0}, today_iso(now),
                  opt(next_visit_after(status, time::shanghai_date(now)))}));
  return {};
}

std::string without(const std::string& list, std::string_view code) {
  std::vector<std::string> out;
  for (auto& c : split_list(list))
    if (c != code) out.push_back(std::move(c));
  return fmt::format("{}", fmt::join(out, ","));
}

}  // namespace

// --- Employers -------------------------------------------------------------------------
Result<Employer> add_employer(Tx& tx, const privacy::KeyRing& keys, const Who& who, const org::Scope& scope,
                              const EmployerInput& in, std::int64_t now) {
  Unit unit;
  auto c = YC_TRY(check_employer(tx, keys, scope, in, &unit));
  if (tx.one("SELECT id FROM employer WHERE credit_code = $1", {in.credit_code}))
    return fail(ErrorCode::kConflict, "该统一社会信用代码的单位已登记", "credit_code");
  auto id = YC_TRY(tx.one(
                       "INSERT INTO employer (credit_code, name, industry, address, unit_code, unit_path, "
                       "contact_name_sealed, contact_name_masked, contact_phone_sealed, contact_phone_masked, employees, "
                       "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
                       "$13, $13) RETURNING id",
                       {in.credit_code, in.name, in.industry, in.address, unit.code, unit.path, c.name_sealed,
                        c.name_masked, c.phone_sealed, c.phone_masked, std::int64_t{in.employees}, who.account_id, now}))
                .int64(0);
  YC_TRY_VOID(audit_write(tx, who, "employer.add", "employer", id));
  return employer(tx, scope, id);
}

Result<Employer> update_employer(Tx& tx, const privacy::KeyRing& keys, const Who& who, const org::Scope& scope,
                                 std::int64_t id, std::int64_t version, const EmployerInput& in, std::int64_t now) {
  const auto before = YC_TRY(employer(tx, scope, id));
  auto input = in;
  input.credit_code = before.credit_code;
  Unit unit;
  auto c = YC_TRY(check_employer(tx, keys, scope, input, &unit));
  // An empty contact keeps the stored one (the form shows it masked).
  YC_TRY(store::update_versioned(
      tx, "employer",
      "name = $1, industry = $2, address = $3, unit_code = $4, unit_path = $5, employees = $6, updated_at = $7, "
      "contact_name_sealed = CASE WHEN $8 = '' THEN contact_name_sealed ELSE $8 END, "
      "contact_name_masked = CASE WHEN $8 = '' THEN contact_name_masked ELSE $9 END, "
      "contact_phone_sealed = CASE WHEN $10 = '' THEN contact_phone_sealed ELSE $10 END, "
      "contact_phone_masked = CASE WHEN $10 = '' THEN contact_phone_masked ELSE $11 END",
      {input.name, input.industry, input.address, unit.code, unit.path, std::int64_t{input.employees}, now,
       c.name_sealed, c.name_masked, c.phone_sealed, c.phone_masked},
      id, version));
  // Its vacancies follow it.
  YC_TRY(tx.exec("UPDATE vacancy SET unit_path = $2 WHERE employer_id = $1", {id, unit.path}));
  YC_TRY_VOID(audit_write(tx, who, "employer.update", "employer", id));
  return employer(tx, scope, id);
}

Result<std::vector<Employer>> employers(Tx& tx, const org::Scope& scope, const std::string& q) {
  std::vector<Param> params;
  auto where = scope.sql("e.unit_path", params);
  if (!q.empty()) {
    params.emplace_back("%" + q + "%");
    where += fmt::format(" AND (e.name LIKE ${0} OR e.credit_code LIKE ${0})", params.size());
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}WHERE {} ORDER BY e.name LIMIT 500", kEmployerCols, where), params));
  std::vector<Employer> out;
  for (const auto& r : rows.rows) out.push_back(employer_from(r));
  return out;
}

Result<Employer> employer(Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto row = tx.one(fmt::format("SELECT {}WHERE e.id = $1", kEmployerCols), {id});
  if (!row || !scope.covers(row->text(12))) return fail(ErrorCode::kNotFound, "用人单位不存在", "employer_id");
  return employer_from(*row);
}

// --- The registry -------------------------------------------------------------------
Result<Resident> add_resident(Tx& tx, const privacy::KeyRing& keys, const Who& who, const org::Scope& scope,
                              const ResidentInput& in, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto p = YC_TRY(privacy::seal_person(keys, {in.id_number, in.name, in.phone, in.address}, kResident, today));
  YC_TRY_VOID(check_working_age(p.birth, p.gender, today));
  YC_TRY_VOID(check_profile(in));
  const auto registered = registered_for(in.status, in.registered_day, "", now);
  YC_TRY_VOID(check_registration(YC_TRY(registration_of(in.status, in.hardship_category, registered.value_or(""))),
                                 p.birth, p.gender, today));
  const auto skills = YC_TRY(normal_skills(in.skills));
  const auto needs = YC_TRY(normal_codes(in.needs, valid_need, "needs", "需求"));
  const auto unit = YC_TRY(unit_in_scope(tx, scope, in.unit_code, 4, "所在社区"));
  if (auto there = tx.one("SELECT u.name, r.unit_path FROM resident r JOIN org_unit u ON u.code = r.unit_code "
                          "WHERE r.id_hash = $1",
                          {p.id_hash})) {
    // Say where only to someone who may see it.
    return fail(ErrorCode::kConflict,
                scope.covers(there->text(1)) ? fmt::format("该人员已在台账中({})", there->text(0))
                                             : "该人员已在其他社区的台账中, 请联系街道办理迁移",
                "id_number");
  }
  auto id = YC_TRY(tx.one(
                       "INSERT INTO resident (unit_code, unit_path, id_hash, id_sealed, id_masked, name_sealed, "
                       "name_masked, phone_sealed, phone_masked, address_sealed, address_masked, gender, birth_year, "
                       "household, education, status, hardship_category, registered_day, skills, needs, desired_job, "
                       "next_visit_day, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                       "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $24) RETURNING id",
                       {unit.code, unit.path, p.id_hash, p.id_sealed, p.id_masked, p.name_sealed, p.name_masked,
                        p.phone_sealed, p.phone_masked, p.address_sealed, p.address_masked, p.gender,
                        std::int64_t{p.birth_year}, in.household, in.education, in.status, in.hardship_category,
                        opt(registered), skills, needs, in.desired_job, opt(next_visit_after(in.status, today)),
                        who.account_id, now}))
                .int64(0);
  YC_TRY_VOID(audit_write(tx, who, "resident.add", "resident", id));
  return resident(tx, keys, scope, id, now);
}

Result<Resident> update_resident(Tx& tx, const privacy::KeyRing& keys, const Who& who, const org::Scope& scope,
                                 std::int64_t id, std::int64_t version, const ResidentInput& in, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto row = YC_TRY(resident_row(tx, scope, id));
  const auto born = YC_TRY(born_of(keys, row));
  const auto before = resident_from(row, today);
  YC_TRY_VOID(check_profile(in));
  YC_TRY_VOID(check_text("address", in.address, 200, false, "住址"));
  const auto registered = registered_for(in.status, in.registered_day, before.registered_day, now);
  YC_TRY_VOID(check_registration(YC_TRY(registration_of(in.status, in.hardship_category, registered.value_or(""))),
                                 born.birth, born.gender, today));
  const auto skills = YC_TRY(normal_skills(in.skills));
  const auto needs = YC_TRY(normal_codes(in.needs, valid_need, "needs", "需求"));
  const auto unit = YC_TRY(unit_in_scope(tx, scope, in.unit_code.empty() ? before.unit_code : in.unit_code, 4, "所在社区"));
  std::string phone_sealed, phone_masked, address_sealed, address_masked;
  if (!in.phone.empty()) {
    YC_TRY_VOID(privacy::validate_contact_phone(in.phone));
    phone_sealed = YC_TRY(keys.encrypt(in.phone, "resident.phone"));
    phone_masked = privacy::mask_phone(in.phone);
  }
  if (!in.address.empty()) {
    address_sealed = YC_TRY(keys.encrypt(in.address, "resident.address"));
    address_masked = privacy::mask_address(in.address);
  }
  // A new status starts a new visit period; the same one keeps the plan.
  const auto next = in.status == before.status
                        ? (before.next_visit_day.empty() ? next_visit_after(in.status, today)
                                                         : std::optional<std::string>(before.next_visit_day))
                        : next_visit_after(in.status, today);
  YC_TRY(store::update_versioned(
      tx, "resident",
      "unit_code = $1, unit_path = $2, household = $3, education = $4, status = $5, hardship_category = $6, "
      "registered_day = $7, skills = $8, needs = $9, desired_job = $10, next_visit_day = $11, updated_at = $12, "
      "phone_sealed = CASE WHEN $13 = '' THEN phone_sealed ELSE $13 END, "
      "phone_masked = CASE WHEN $13 = '' THEN phone_masked ELSE $14 END, "
      "address_sealed = CASE WHEN $15 = '' THEN address_sealed ELSE $15 END, "
      "address_masked = CASE WHEN $15 = '' THEN address_masked ELSE $16 END",
      {unit.code, unit.path, in.household, in.education, in.status, in.hardship_category, opt(registered), skills,
       needs, in.desired_job, opt(next), now, phone_sealed, phone_masked, address_sealed, address_masked},
      id, version));
  YC_TRY_VOID(audit_write(tx, who, "resident.update", "resident", id));
  return resident(tx, keys, scope, id, now);
}

Result<std::vector<Resident>> residents(Tx& tx, const org::Scope& scope, const ResidentFilter& f, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  std::vector<Param> params;
  auto where = scope.sql("r.unit_path", params);
  if (!f.status.empty()) {
    params.emplace_back(f.status);
    where += fmt::format(" AND r.status = ${}", params.size());
  }
  if (!f.unit_code.empty()) {
    params.emplace_back(f.unit_code);
    where += fmt::format(" AND r.unit_path LIKE (SELECT path FROM org_unit WHERE code = ${}) || '%'", params.size());
  }
  if (!f.need.empty()) {
    params.emplace_back("%" + f.need + "%");
    where += fmt::format(" AND r.needs LIKE ${}", params.size());
  }
  if (f.due) {
    params.emplace_back(today.iso());
    where += fmt::format(" AND r.next_visit_day <= ${}", params.size());
  }
  params.emplace_back(std::int64_t{std::clamp(f.limit, 1, 1000)});
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}WHERE {} ORDER BY CASE WHEN r.next_visit_day IS NULL THEN 1 ELSE 0 "
                                          "END, r.next_visit_day, r.id LIMIT ${}",
                                          kResidentCols, where, params.size()),
                              params));
  std::vector<Resident> out;
  for (const auto& r : rows.rows) out.push_back(resident_from(r, today));
  return out;
}

Result<Resident> resident(Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope, std::int64_t id,
                          std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto row = YC_TRY(resident_row(tx, scope, id));
  auto x = resident_from(row, today);
  if (auto born = born_of(keys, row)) x.age = privacy::age_on(born->birth, today);
  auto visits = YC_TRY(tx.query(
      "SELECT v.id, v.visit_day, v.method, v.status_before, v.status_after, v.needs, v.note_sealed, "
      "COALESCE(v.next_visit_day, ''), a.name_masked, v.created_at FROM resident_visit v "
      "JOIN account a ON a.id = v.visited_by WHERE v.resident_id = $1 ORDER BY v.visit_day DESC, v.id DESC LIMIT 100",
      {id}));
  for (const auto& r : visits.rows) {
    Visit v{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), "", r.text(7), r.text(8), r.int64(9)};
    if (!r.text(6).empty()) v.note = YC_TRY(keys.decrypt(r.text(6), kVisitNote));
    x.visits.push_back(std::move(v));
  }
  for (const auto& r : YC_TRY(tx.query(fmt::format("SELECT {}WHERE j.resident_id = $1 ORDER BY j.id DESC", kReferralCols),
                                       {id}))
                           .rows)
    x.referrals.push_back(referral_from(r));
  for (const auto& r : YC_TRY(tx.query(fmt::format("SELECT {}WHERE g.resident_id = $1 ORDER BY g.day DESC, g.id DESC",
                                                   kGuidanceCols),
                                       {id}))
                           .rows)
    x.guidance.push_back(guidance_from(r));
  for (const auto& r : YC_TRY(tx.query(fmt::format("SELECT {}WHERE p.resident_id = $1 ORDER BY p.id DESC", kPlacementCols),
                                       {id}))
                           .rows)
    x.placements.push_back(placement_from(r, today));
  return x;
}

Result<Resident> find_resident(Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope,
                               const std::string& id_number, std::int64_t now) {
  auto row = tx.one("SELECT id FROM resident WHERE id_hash = $1",
                    {keys.lookup_hash(privacy::normal_resident_id(id_number))});
  if (!row) return fail(ErrorCode::kNotFound, "人员不在台账中", "id_number");
  auto r = resident(tx, keys, scope, row->int64(0), now);
  if (!r) return fail(ErrorCode::kNotFound, "人员不在台账中", "id_number");
  return r;
}

Result<privacy::PersonInput> reveal_resident(Tx& tx, const privacy::KeyRing& keys, const Who& who,
                                             const org::Scope& scope, std::int64_t id) {
  YC_TRY(resident_row(tx, scope, id));
  auto s = YC_TRY(tx.one("SELECT id_sealed, name_sealed, phone_sealed, address_sealed FROM resident WHERE id = $1", {id}));
  auto p = YC_TRY(privacy::open_person(keys, {s.text(0), s.text(1), s.text(2), s.text(3)}, kResident));
  YC_TRY_VOID(audit_write(tx, who, "resident.reveal", "resident", id));
  return p;
}

Result<Resident> record_visit(Tx& tx, const privacy::KeyRing& keys, const Who& who, const org::Scope& scope,
                              std::int64_t id, std::int64_t version, const VisitInput& in, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto row = YC_TRY(resident_row(tx, scope, id));
  const auto before = resident_from(row, today);
  const auto born = YC_TRY(born_of(keys, row));
  if (before.version != version)
    return fail(ErrorCode::kVersionConflict, "台账已被他人更新, 请刷新后再记录", "version");
  if (!valid_method(in.method)) return fail(ErrorCode::kInvalidArgument, "请选择回访方式", "method");
  const auto day = YC_TRY(day_or_today(in.visit_day, now, "visit_day"));
  if (day.iso() > today.iso()) return fail(ErrorCode::kInvalidArgument, "回访日期不能晚于今天", "visit_day");
  if (time::days_from_civil(today) - time::days_from_civil(day) > 60)
    return fail(ErrorCode::kInvalidArgument, "只能补记 60 天内的回访", "visit_day");
  YC_TRY_VOID(check_text("note", in.note, 1000, true, "回访情况"));
  const auto status = in.status.empty() ? before.status : in.status;
  const auto category = in.status.empty() ? before.hardship_category : in.hardship_category;
  const auto registered = registered_for(status, in.registered_day, before.registered_day, now);
  YC_TRY_VOID(check_registration(YC_TRY(registration_of(status, category, registered.value_or(""))), born.birth,
                                 born.gender, today));
  const auto needs = YC_TRY(normal_codes(in.needs, valid_need, "needs", "需求"));
  const auto skills = in.skills ? YC_TRY(normal_skills(*in.skills)) : before.skills;
  const auto desired = in.desired_job.value_or(before.desired_job);
  YC_TRY_VOID(check_text("desired_job", desired, 50, false, "求职意向"));
  std::optional<std::string> next;
  if (!in.next_visit_day.empty()) {
    const auto n = YC_TRY(time::parse_date(in.next_visit_day, "next_visit_day"));
    if (n.iso() <= day.iso()) return fail(ErrorCode::kInvalidArgument, "下次回访日期须晚于本次", "next_visit_day");
    if (time::days_from_civil(n) - time::days_from_civil(day) > 366)
      return fail(ErrorCode::kInvalidArgument, "下次回访须在一年之内", "next_visit_day");
    next = n.iso();
  } else {
    next = next_visit_after(status, day);
  }
  const auto note = YC_TRY(keys.encrypt(in.note, kVisitNote));
  YC_TRY(tx.exec("INSERT INTO resident_visit (resident_id, visit_day, method, status_before, status_after, needs, "
                 "note_sealed, next_visit_day, visited_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                 {id, day.iso(), in.method, before.status, status, needs, note, opt(next), who.account_id, now}));
  // The latest visit wins the registry's "last visit"; a late entry of an
  // older visit does not move it back.
  YC_TRY(store::update_versioned(
      tx, "resident",
      "status = $1, hardship_category = $2, registered_day = $3, needs = $4, skills = $5, desired_job = $6, "
      "next_visit_day = $7, updated_at = $8, "
      "last_visit_day = CASE WHEN last_visit_day IS NULL OR last_visit_day < $9 THEN $9 ELSE last_visit_day END",
      {status, category, opt(registered), needs, skills, desired, opt(next), now, day.iso()}, id, version));
  YC_TRY_VOID(audit_write(tx, who, "resident.visit", "resident", id));
  return resident(tx, keys, scope, id, now);
}

// --- Vacancies and matching ---------------------------------------------------------
Result<Vacancy> add_vacancy(Tx& tx, const Who& who, const org::Scope& scope, const VacancyInput& in,
                            std::int64_t now) {
  auto e = tx.one("SELECT unit_path FROM employer WHERE id = $1", {in.employer_id});
  if (!e || !scope.covers(e->text(0))) return fail(ErrorCode::kInvalidArgument, "用人单位不存在", "employer_id");
  YC_TRY_VOID(check_text("title", in.title, 50, true, "岗位名称"));
  YC_TRY_VOID(check_text("education", in.education, 20, false, "学历要求"));
  YC_TRY_VOID(check_text("location", in.location, 100, false, "工作地点"));
  if (in.headcount < 1 || in.headcount > 1000) return fail(ErrorCode::kInvalidArgument, "招聘人数为 1 至 1000", "headcount");
  if (in.salary_min && (*in.salary_min < 0 || *in.salary_min > 1'000'000))
    return fail(ErrorCode::kInvalidArgument, "月薪不正确", "salary_min");
  if (in.salary_max && (*in.salary_max < 0 || *in.salary_max > 1'000'000))
    return fail(ErrorCode::kInvalidArgument, "月薪不正确", "salary_max");
  if (in.salary_min && in.salary_max && *in.salary_min > *in.salary_max)
    return fail(ErrorCode::kInvalidArgument, "最低月薪不能高于最高月薪", "salary_max");
  const auto skills = YC_TRY(normal_skills(in.skills));
  auto id = YC_TRY(tx.one("INSERT INTO vacancy (employer_id, unit_path, title, skills, headcount, salary_min, salary_max, "
                          "education, location, welfare, state, open_day, created_by, created_at) VALUES ($1, $2, $3, $4, "
                          "$5, $6, $7, $8, $9, $10, 'open', $11, $12, $13) RETURNING id",
                          {in.employer_id, e->text(0), in.title, skills, std::int64_t{in.headcount}, opt(in.salary_min),
                           opt(in.salary_max), in.education, in.location, std::int64_t{in.welfare ? 1 : 0},
                           today_iso(now), who.account_id, now}))
                .int64(0);
  YC_TRY_VOID(audit_write(tx, who, "vacancy.add", "vacancy", id));
  return YC_TRY(vacancy_row(tx, scope, id)).first;
}

Result<Vacancy> close_vacancy(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id, std::int64_t now) {
  auto [v, path] = YC_TRY(vacancy_row(tx, scope, id));
  if (v.state != "open") return fail(ErrorCode::kConflict, "岗位已关闭", "state");
  if (v.referrals_open > 0)
    return fail(ErrorCode::kUnprocessable, fmt::format("还有 {} 条推荐未反馈结果, 请先登记结果", v.referrals_open), "state");
  YC_TRY(tx.exec("UPDATE vacancy SET state = 'closed', close_day = $2, version = version + 1 WHERE id = $1",
                 {id, today_iso(now)}));
  YC_TRY_VOID(audit_write(tx, who, "vacancy.close", "vacancy", id));
  return YC_TRY(vacancy_row(tx, scope, id)).first;
}

Result<std::vector<Vacancy>> vacancies(Tx& tx, const org::Scope& scope, const VacancyFilter& f) {
  std::vector<Param> params;
  auto where = scope.sql("v.unit_path", params);
  if (!f.state.empty()) {
    params.emplace_back(f.state);
    where += fmt::format(" AND v.state = ${}", params.size());
  }
  if (f.welfare) {
    params.emplace_back(std::int64_t{*f.welfare ? 1 : 0});
    where += fmt::format(" AND v.welfare = ${}", params.size());
  }
  if (f.employer_id) {
    params.emplace_back(*f.employer_id);
    where += fmt::format(" AND v.employer_id = ${}", params.size());
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}WHERE {} ORDER BY v.open_day DESC, v.id DESC LIMIT 500", kVacancyCols, where),
                              params));
  std::vector<Vacancy> out;
  for (const auto& r : rows.rows) out.push_back(vacancy_from(r));
  return out;
}

Result<Vacancy> vacancy(Tx& tx, const org::Scope& scope, std::int64_t id) {
  return YC_TRY(vacancy_row(tx, scope, id)).first;
}

Result<std::vector<VacancyMatch>> matches_for_resident(Tx& tx, const org::Scope& scope, std::int64_t id,
                                                       std::int64_t now) {
  auto row = YC_TRY(resident_row(tx, scope, id));
  const auto person = person_of(resident_from(row, time::shanghai_date(now)), row.text(kResidentPath));
  std::vector<Param> params;
  auto where = scope.sql("v.unit_path", params);
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}WHERE v.state = 'open' AND {} ORDER BY v.id", kVacancyCols, where), params));
  std::vector<VacancyMatch> out;
  for (const auto& r : rows.rows) {
    auto v = vacancy_from(r);
    if (auto m = match(person, post_of(v, r.text(kVacancyPath)))) out.push_back({std::move(v), std::move(*m)});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.match.score > b.match.score; });
  if (out.size() > 20) out.resize(20);
  return out;
}

Result<std::vector<ResidentMatch>> matches_for_vacancy(Tx& tx, const org::Scope& scope, std::int64_t id,
                                                       std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto [v, path] = YC_TRY(vacancy_row(tx, scope, id));
  const auto post = post_of(v, path);
  std::vector<Param> params;
  auto where = scope.sql("r.unit_path", params);
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}WHERE r.status <> 'employed' AND r.needs LIKE '%job%' AND {} "
                                          "ORDER BY r.id LIMIT 5000",
                                          kResidentCols, where),
                              params));
  // Those already referred to it and waiting are not proposed again.
  std::vector<std::int64_t> waiting;
  for (const auto& r : YC_TRY(tx.query("SELECT resident_id FROM job_referral WHERE vacancy_id = $1 AND state = 'referred'",
                                       {id}))
                           .rows)
    waiting.push_back(r.int64(0));
  std::vector<ResidentMatch> out;
  for (const auto& r : rows.rows) {
    auto x = resident_from(r, today);
    if (std::find(waiting.begin(), waiting.end(), x.id) != waiting.end()) continue;
    if (auto m = match(person_of(x, r.text(kResidentPath)), post)) out.push_back({std::move(x), std::move(*m)});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.match.score > b.match.score; });
  if (out.size() > 50) out.resize(50);
  return out;
}

// --- Referrals -------------------------------------------------------------------------
Result<Referral> refer(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t resident_id,
                       std::int64_t vacancy_id, const std::string& note, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto row = YC_TRY(resident_row(tx, scope, resident_id));
  auto [v, path] = YC_TRY(vacancy_row(tx, scope, vacancy_id));
  YC_TRY_VOID(check_text("note", note, 200, false, "备注"));
  const auto person = person_of(resident_from(row, today), row.text(kResidentPath));
  if (!match(person, post_of(v, path))) {
    if (v.state != "open" || v.filled >= v.headcount) return fail(ErrorCode::kUnprocessable, "岗位已招满或已关闭", "vacancy_id");
    if (v.welfare && person.status != "hardship")
      return fail(ErrorCode::kUnprocessable, "公益性岗位只安置就业困难人员", "vacancy_id");
    return fail(ErrorCode::kUnprocessable, "该人员当前没有求职需求, 请先在回访中更新需求", "resident_id");
  }
  if (tx.one("SELECT id FROM job_referral WHERE resident_id = $1 AND vacancy_id = $2 AND state = 'referred'",
             {resident_id, vacancy_id}))
    return fail(ErrorCode::kConflict, "已推荐过该岗位, 正在等待结果", "vacancy_id");
  auto id = YC_TRY(tx.one("INSERT INTO job_referral (resident_id, vacancy_id, state, referred_day, note, referred_by, "
                          "created_at) VALUES ($1, $2, 'referred', $3, $4, $5, $6) RETURNING id",
                          {resident_id, vacancy_id, today.iso(), note, who.account_id, now}))
                .int64(0);
  YC_TRY_VOID(audit_write(tx, who, "referral.add", "job_referral", id));
  return referral_from(YC_TRY(tx.one(fmt::format("SELECT {}WHERE j.id = $1", kReferralCols), {id})));
}

Result<Referral> referral_outcome(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                                  std::int64_t version, const std::string& outcome, const std::string& note,
                                  std::int64_t now) {
  auto row = tx.one(fmt::format("SELECT {}WHERE j.id = $1", kReferralCols), {id});
  if (!row || !scope.covers(row->text(12))) return fail(ErrorCode::kNotFound, "推荐记录不存在", "id");
  const auto ref = referral_from(*row);
  if (!valid_outcome(outcome)) return fail(ErrorCode::kInvalidArgument, "推荐结果不正确", "outcome");
  if (ref.state != "referred") return fail(ErrorCode::kConflict, "该推荐已登记结果", "outcome");
  if (outcome == "hired" && ref.welfare)
    return fail(ErrorCode::kUnprocessable, "公益性岗位请通过“岗位安置”登记上岗和补贴期限", "outcome");
  YC_TRY_VOID(check_text("note", note, 200, false, "备注"));
  YC_TRY(store::update_versioned(tx, "job_referral",
                                 "state = $1, outcome_day = $2, note = CASE WHEN $3 = '' THEN note ELSE $3 END, "
                                 "outcome_by = $4",
                                 {outcome, today_iso(now), note, who.account_id}, id, version));
  if (outcome == "hired") {
    YC_TRY_VOID(fill(tx, ref.vacancy_id, 1, now));
    auto r = YC_TRY(tx.one("SELECT needs FROM resident WHERE id = $1", {ref.resident_id}));
    YC_TRY_VOID(set_status(tx, ref.resident_id, "employed", without(r.text(0), "job"), now));
    YC_TRY(tx.exec("UPDATE resident SET hardship_category = '' WHERE id = $1", {ref.resident_id}));
  }
  YC_TRY_VOID(audit_write(tx, who, "referral." + outcome, "job_referral", id));
  return referral_from(YC_TRY(tx.one(fmt::format("SELECT {}WHERE j.id = $1", kReferralCols), {id})));
}

Result<std::vector<Referral>> referrals(Tx& tx, const org::Scope& scope, const std::string& state) {
  std::vector<Param> params;
  auto where = scope.sql("r.unit_path", params);
  if (!state.empty()) {
    params.emplace_back(state);
    where += fmt::format(" AND j.state = ${}", params.size());
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}WHERE {} ORDER BY j.id DESC LIMIT 500", kReferralCols, where), params));
  std::vector<Referral> out;
  for (const auto& r : rows.rows) out.push_back(referral_from(r));
  return out;
}

// --- Guidance and training -------------------------------------------------------------
Result<Guidance> add_guidance(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t resident_id,
                              const GuidanceInput& in, std::int64_t now) {
  YC_TRY(resident_row(tx, scope, resident_id));
  if (!valid_guidance_kind(in.kind)) return fail(ErrorCode::kInvalidArgument, "服务类型不正确", "kind");
  const auto day = YC_TRY(day_or_today(in.day, now, "day"));
  if (day.iso() > today_iso(now)) return fail(ErrorCode::kInvalidArgument, "日期不能晚于今天", "day");
  YC_TRY_VOID(check_text("topic", in.topic, 100, true, in.kind == "training" ? "培训项目" : "指导内容"));
  YC_TRY_VOID(check_text("provider", in.provider, 100, in.kind == "training", "培训机构"));
  YC_TRY_VOID(check_text("note", in.note, 500, false, "备注"));
  auto id = YC_TRY(tx.one("INSERT INTO guidance_session (resident_id, kind, day, topic, provider, state, note, by_account, "
                          "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                          {resident_id, in.kind, day.iso(), in.topic, in.provider,
                           std::string(in.kind == "training" ? "referred" : "done"), in.note, who.account_id, now}))
                .int64(0);
  YC_TRY_VOID(audit_write(tx, who, "guidance.add", "guidance_session", id));
  return guidance_from(YC_TRY(tx.one(fmt::format("SELECT {}WHERE g.id = $1", kGuidanceCols), {id})));
}

Result<Guidance> move_training(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id, std::int64_t version,
                               const std::string& state, const std::string& note, std::int64_t now) {
  auto row = tx.one(fmt::format("SELECT {}WHERE g.id = $1", kGuidanceCols), {id});
  if (!row || !scope.covers(row->text(10))) return fail(ErrorCode::kNotFound, "记录不存在", "id");
  const auto g = guidance_from(*row);
  if (g.kind != "training" || !can_move_training(g.state, state))
    return fail(ErrorCode::kUnprocessable,
                fmt::format("培训推荐从“{}”不能改为“{}”", guidance_state_name(g.state), guidance_state_name(state)), "state");
  YC_TRY_VOID(check_text("note", note, 500, false, "备注"));
  YC_TRY(store::update_versioned(tx, "guidance_session", "state = $1, note = CASE WHEN $2 = '' THEN note ELSE $2 END",
                                 {state, note}, id, version));
  // A finished course fulfils the training need.
  if (state == "completed") {
    auto r = YC_TRY(tx.one("SELECT needs FROM resident WHERE id = $1", {g.resident_id}));
    YC_TRY(tx.exec("UPDATE resident SET needs = $2, updated_at = $3, version = version + 1 WHERE id = $1",
                   {g.resident_id, without(r.text(0), "training"), now}));
  }
  YC_TRY_VOID(audit_write(tx, who, "guidance." + state, "guidance_session", id));
  return guidance_from(YC_TRY(tx.one(fmt::format("SELECT {}WHERE g.id = $1", kGuidanceCols), {id})));
}

// --- 公益性岗位 placements -------------------------------------------------------------
Result<Placement> place(Tx& tx, const privacy::KeyRing& keys, const Who& who, const org::Scope& scope,
                        const PlacementInput& in, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto row = YC_TRY(resident_row(tx, scope, in.resident_id));
  const auto x = resident_from(row, today);
  const auto born = YC_TRY(born_of(keys, row));
  auto [v, path] = YC_TRY(vacancy_row(tx, scope, in.vacancy_id));
  if (!v.welfare) return fail(ErrorCode::kUnprocessable, "只有公益性岗位才登记岗位安置", "vacancy_id");
  // 托底安置 is for 就业困难人员 only (附件一(一)).
  if (x.status != "hardship") return fail(ErrorCode::kUnprocessable, "公益性岗位只安置就业困难人员", "resident_id");
  if (v.state != "open" || v.filled >= v.headcount) return fail(ErrorCode::kUnprocessable, "岗位已招满或已关闭", "vacancy_id");
  const auto start = YC_TRY(day_or_today(in.start_day, now, "start_day"));
  if (time::days_from_civil(start) - time::days_from_civil(today) > 60 ||
      time::days_from_civil(today) - time::days_from_civil(start) > 60)
    return fail(ErrorCode::kInvalidArgument, "上岗日期须在前后 60 天之内", "start_day");
  const auto retirement = retirement_date(born.birth, born.gender);
  const auto end = in.subsidy_end_day.empty() ? latest_subsidy_end(start, retirement)
                                              : YC_TRY(time::parse_date(in.subsidy_end_day, "subsidy_end_day"));
  YC_TRY_VOID(check_subsidy_period(start, end, retirement));
  if (tx.one("SELECT id FROM welfare_placement WHERE resident_id = $1 AND state = 'active'", {in.resident_id}))
    return fail(ErrorCode::kConflict, "该人员已在公益性岗位上", "resident_id");
  // Waiting referrals of the person to this post are settled by the placement.
  YC_TRY(tx.exec("UPDATE job_referral SET state = 'hired', outcome_day = $3, outcome_by = $4, version = version + 1 "
                 "WHERE resident_id = $1 AND vacancy_id = $2 AND state = 'referred'",
                 {in.resident_id, in.vacancy_id, today.iso(), who.account_id}));
  auto id = YC_TRY(tx.one("INSERT INTO welfare_placement (resident_id, vacancy_id, start_day, subsidy_end_day, state, "
                          "placed_by, created_at) VALUES ($1, $2, $3, $4, 'active', $5, $6) RETURNING id",
                          {in.resident_id, in.vacancy_id, start.iso(), end.iso(), who.account_id, now}))
                .int64(0);
  YC_TRY_VOID(fill(tx, in.vacancy_id, 1, now));
  // The person works now; they stay known as 就业困难 by category for the
  // placement's end, when they return to the register.
  YC_TRY_VOID(set_status(tx, in.resident_id, "employed", without(x.needs, "job"), now));
  YC_TRY_VOID(audit_write(tx, who, "placement.add", "welfare_placement", id));
  return placement_from(YC_TRY(tx.one(fmt::format("SELECT {}WHERE p.id = $1", kPlacementCols), {id})), today);
}

Result<Placement> end_placement(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id, std::int64_t version,
                                const std::string& end_day, const std::string& reason, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto row = tx.one(fmt::format("SELECT {}WHERE p.id = $1", kPlacementCols), {id});
  if (!row || !scope.covers(row->text(12))) return fail(ErrorCode::kNotFound, "安置记录不存在", "id");
  const auto p = placement_from(*row, today);
  if (p.state != "active") return fail(ErrorCode::kConflict, "该安置已结束", "state");
  YC_TRY_VOID(check_text("end_reason", reason, 200, true, "结束原因"));
  const auto end = YC_TRY(day_or_today(end_day, now, "end_day"));
  if (end.iso() < p.start_day) return fail(ErrorCode::kInvalidArgument, "结束日期不能早于上岗日期", "end_day");
  if (end.iso() > today.iso()) return fail(ErrorCode::kInvalidArgument, "结束日期不能晚于今天", "end_day");
  YC_TRY(store::update_versioned(tx, "welfare_placement", "state = 'ended', end_day = $1, end_reason = $2",
                                 {end.iso(), reason}, id, version));
  YC_TRY_VOID(fill(tx, p.vacancy_id, -1, now));
  // Back on the register as 就业困难, with the job need and a visit due.
  auto r = YC_TRY(tx.one("SELECT needs, hardship_category FROM resident WHERE id = $1", {p.resident_id}));
  auto needs = split_list(r.text(0));
  if (std::find(needs.begin(), needs.end(), "job") == needs.end()) needs.emplace_back("job");
  std::sort(needs.begin(), needs.end());
  YC_TRY_VOID(set_status(tx, p.resident_id, "hardship", fmt::format("{}", fmt::join(needs, ",")), now));
  if (r.text(1).empty()) YC_TRY(tx.exec("UPDATE resident SET hardship_category = 'other' WHERE id = $1", {p.resident_id}));
  YC_TRY_VOID(audit_write(tx, who, "placement.end", "welfare_placement", id));
  return placement_from(YC_TRY(tx.one(fmt::format("SELECT {}WHERE p.id = $1", kPlacementCols), {id})), today);
}

Result<std::vector<Placement>> placements(Tx& tx, const org::Scope& scope, const std::string& state, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  std::vector<Param> params;
  auto where = scope.sql("r.unit_path", params);
  if (!state.empty()) {
    params.emplace_back(state);
    where += fmt::format(" AND p.state = ${}", params.size());
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}WHERE {} ORDER BY p.subsidy_end_day, p.id LIMIT 500", kPlacementCols, where),
                              params));
  std::vector<Placement> out;
  for (const auto& r : rows.rows) out.push_back(placement_from(r, today));
  return out;
}

// --- Figures -------------------------------------------------------------------------------
Result<Summary> summary(Tx& tx, const org::Scope& scope, const std::string& unit_code, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  const auto month_start = time::Date{today.year, today.month, 1}.iso();
  std::string code = unit_code;
  if (code.empty()) {
    // The caller's widest unit: the shortest path of the scope.
    auto paths = scope.paths();
    if (paths.empty()) return fail(ErrorCode::kNotFound, "没有可查看的单位", "unit_code");
    std::sort(paths.begin(), paths.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
    if (paths.front() == "/") return fail(ErrorCode::kInvalidArgument, "请选择单位", "unit_code");
    auto trimmed = paths.front().substr(0, paths.front().size() - 1);
    code = trimmed.substr(trimmed.rfind('/') + 1);
  }
  auto u = tx.one("SELECT code, name, path FROM org_unit WHERE code = $1", {code});
  if (!u || !scope.covers(u->text(2))) return fail(ErrorCode::kNotFound, "单位不存在", "unit_code");
  Summary s;
  s.total.unit_code = u->text(0);
  s.total.unit_name = u->text(1);
  const auto path = u->text(2);
  std::vector<UnitFigures> units;
  std::vector<std::string> unit_paths;
  for (const auto& c : YC_TRY(tx.query("SELECT code, name, path FROM org_unit WHERE parent_code = $1 ORDER BY code", {code})).rows) {
    units.push_back(UnitFigures{c.text(0), c.text(1)});
    unit_paths.push_back(c.text(2));
  }
  // One query per table grouped by path; each group adds to the total and
  // to the child unit whose path it lies under.
  const auto child_of = [&](const std::string& p) -> UnitFigures* {
    for (std::size_t i = 0; i < units.size(); ++i)
      if (p.starts_with(unit_paths[i])) return &units[i];
    return nullptr;
  };
  const auto add = [&](const std::string& p, auto&& f) {
    f(s.total);
    if (auto* x = child_of(p)) f(*x);
  };
  for (const auto& r : YC_TRY(tx.query("SELECT unit_path, status, household, COUNT(*), "
                                       "SUM(CASE WHEN next_visit_day <= $2 THEN 1 ELSE 0 END) FROM resident "
                                       "WHERE unit_path LIKE $1 || '%' GROUP BY unit_path, status, household",
                                       {path, today.iso()}))
                           .rows) {
    const auto n = static_cast<int>(r.int64(3));
    const auto due = static_cast<int>(r.int64(4));
    const auto status = r.text(1);
    const bool rural = r.text(2) == "rural";
    add(r.text(0), [&](UnitFigures& f) {
      f.residents += n;
      f.visits_due += due;
      if (rural) f.rural += n;
      if (status == "employed") f.employed += n;
      if (status == "unemployed") f.unemployed += n;
      if (status == "flexible") f.flexible += n;
      if (status == "hardship") f.hardship += n;
    });
  }
  for (const auto& r : YC_TRY(tx.query("SELECT r.unit_path, COUNT(*) FROM resident_visit v JOIN resident r ON r.id = "
                                       "v.resident_id WHERE r.unit_path LIKE $1 || '%' AND v.visit_day >= $2 "
                                       "GROUP BY r.unit_path",
                                       {path, month_start}))
                           .rows)
    add(r.text(0), [&](UnitFigures& f) { f.visits_month += static_cast<int>(r.int64(1)); });
  for (const auto& r : YC_TRY(tx.query("SELECT r.unit_path, COUNT(*), SUM(CASE WHEN j.state = 'hired' THEN 1 ELSE 0 END) "
                                       "FROM job_referral j JOIN resident r ON r.id = j.resident_id "
                                       "WHERE r.unit_path LIKE $1 || '%' AND j.referred_day >= $2 GROUP BY r.unit_path",
                                       {path, month_start}))
                           .rows)
    add(r.text(0), [&](UnitFigures& f) {
      f.referrals_month += static_cast<int>(r.int64(1));
      f.hired_month += static_cast<int>(r.int64(2));
    });
  for (const auto& r : YC_TRY(tx.query("SELECT r.unit_path, COUNT(*) FROM welfare_placement p JOIN resident r ON r.id = "
                                       "p.resident_id WHERE r.unit_path LIKE $1 || '%' AND p.state = 'active' "
                                       "GROUP BY r.unit_path",
                                       {path}))
                           .rows)
    add(r.text(0), [&](UnitFigures& f) { f.placements_active += static_cast<int>(r.int64(1)); });
  auto v = YC_TRY(tx.one("SELECT COUNT(*), COALESCE(SUM(headcount - filled), 0) FROM vacancy WHERE state = 'open' "
                         "AND unit_path LIKE $1 || '%'",
                         {path}));
  s.open_vacancies = static_cast<int>(v.int64(0));
  s.open_posts = static_cast<int>(v.int64(1));
  s.units = std::move(units);
  return s;
}

}  // namespace yc::employment
