#include "labour/service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "audit/service.hpp"
#include "platform/text.hpp"
#include "privacy/model.hpp"

namespace yc::labour {
namespace {

constexpr const char* kWorker = "mediation.worker";
constexpr const char* kClaim = "mediation.claim";
constexpr const char* kAgreement = "mediation.agreement";
constexpr const char* kNotes = "mediation.notes";

store::Param opt(const std::optional<std::int64_t>& v) { return v ? store::Param(*v) : store::null_param(); }
store::Param day_or_null(const std::string& d) { return d.empty() ? store::null_param() : store::Param(d); }

Result<void> check_text(const std::string& value, std::size_t min, std::size_t max, const char* field,
                        std::string_view what) {
  const auto n = utf8_length(value);
  if (n < min) return fail(ErrorCode::kInvalidArgument, fmt::format("请填写{}", what), field);
  if (n > max) return fail(ErrorCode::kInvalidArgument, fmt::format("{}不超过 {} 字", what, max), field);
  return {};
}

// A business day given by the client: "" is today; never after today.
Result<std::string> past_day(const std::string& iso, const char* field, const time::Date& today) {
  if (iso.empty()) return today.iso();
  auto d = YC_TRY(time::parse_date(iso, field));
  if (d.iso() > today.iso()) return fail(ErrorCode::kInvalidArgument, "日期不能晚于今天", field);
  return d.iso();
}
// A day to come ("" stays ""), on or after `from`.
Result<std::string> later_day(const std::string& iso, const char* field, const std::string& from) {
  if (iso.empty()) return std::string();
  auto d = YC_TRY(time::parse_date(iso, field));
  if (d.iso() < from) return fail(ErrorCode::kInvalidArgument, fmt::format("日期不能早于 {}", from), field);
  return d.iso();
}

struct Unit {
  std::string code, path;
};
Result<Unit> unit_in(store::Tx& tx, const org::Scope& scope, const std::string& code) {
  auto row = tx.one("SELECT path FROM org_unit WHERE code = $1", {code});
  if (!row || !scope.covers(row->text(0))) return fail(ErrorCode::kNotFound, "单位不存在", "unit_code");
  return Unit{code, row->text(0)};
}

constexpr const char* kEmployerCols = "e.id, e.name, e.credit_code, e.unit_code, eu.name";
EmployerRef employer_from(const store::Row& r, std::size_t at) {
  return EmployerRef{r.int64(at), r.text(at + 1), r.text(at + 2), r.text(at + 3), r.text(at + 4)};
}

struct ScopedEmployer {
  EmployerRef ref;
  std::string path;
};
// A registered employer in scope; others are not found.
Result<ScopedEmployer> employer_in(store::Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto row = tx.one(fmt::format("SELECT {}, e.unit_path FROM employer e JOIN org_unit eu ON eu.code = e.unit_code "
                                "WHERE e.id = $1",
                                kEmployerCols),
                    {id});
  if (!row || !scope.covers(row->text(5))) return fail(ErrorCode::kNotFound, "用人单位不存在", "employer_id");
  return ScopedEmployer{employer_from(*row, 0), row->text(5)};
}

// The unit a new record belongs to: the one asked for, else the employer's,
// else the caller's own; always within scope.
Result<Unit> record_unit(store::Tx& tx, const org::Scope& scope, const std::string& asked,
                         const std::optional<ScopedEmployer>& employer, std::int64_t by) {
  if (!asked.empty()) return unit_in(tx, scope, asked);
  if (employer) return Unit{employer->ref.unit_code, employer->path};
  auto own = YC_TRY(tx.one("SELECT unit_code FROM account WHERE id = $1", {by})).text(0);
  return unit_in(tx, scope, own);
}

std::optional<ReferralMark> mark_from(const store::Row& r, std::size_t at) {
  if (r.is_null(at)) return std::nullopt;
  return ReferralMark{r.int64(at), r.text(at + 1)};
}
std::string referral_join(const char* kind, const char* alias) {
  return fmt::format(" LEFT JOIN labour_referral r ON r.id = (SELECT MAX(x.id) FROM labour_referral x WHERE "
                     "x.source_kind = '{}' AND x.source_id = {}.id) ",
                     kind, alias);
}

// --- surveys ---------------------------------------------------------------------------------
constexpr const char* kSurveyCols =
    "s.id, s.year, s.employees, s.local_employees, s.nonlocal_employees, s.contracts, s.hired, s.left_count, "
    "s.vacancies, s.wage_arrears, s.insured, s.needs, COALESCE(sa.name_masked, ''), COALESCE(ua.name_masked, ''), "
    "s.submitted_at, s.updated_at, s.version";
constexpr std::size_t kSurveyColCount = 17;
constexpr const char* kSurveyJoins =
    " LEFT JOIN account sa ON sa.id = s.submitted_by LEFT JOIN account ua ON ua.id = s.updated_by ";

Survey survey_from(const store::Row& r, std::size_t at, EmployerRef employer) {
  Survey s;
  s.id = r.int64(at);
  s.year = static_cast<int>(r.int64(at + 1));
  auto& f = s.form;
  int* counts[] = {&f.employees, &f.local_employees, &f.nonlocal_employees, &f.contracts,
                   &f.hired,     &f.left_count,      &f.vacancies};
  for (std::size_t i = 0; i < 7; ++i) *counts[i] = static_cast<int>(r.int64(at + 2 + i));
  f.wage_arrears = r.int64(at + 9) != 0;
  f.insured = static_cast<int>(r.int64(at + 10));
  f.needs = r.text(at + 11);
  s.submitted_by_name = r.text(at + 12);
  s.updated_by_name = r.text(at + 13);
  s.submitted_at = r.int64(at + 14);
  s.updated_at = r.int64(at + 15);
  s.version = r.int64(at + 16);
  s.employer = std::move(employer);
  return s;
}

std::vector<store::Param> survey_params(const SurveyForm& f) {
  return {std::int64_t{f.employees}, std::int64_t{f.local_employees}, std::int64_t{f.nonlocal_employees},
          std::int64_t{f.contracts}, std::int64_t{f.hired},           std::int64_t{f.left_count},
          std::int64_t{f.vacancies}, std::int64_t{f.wage_arrears ? 1 : 0}, std::int64_t{f.insured},
          f.needs};
}

// --- mediation -------------------------------------------------------------------------------
constexpr const char* kMediationCols =
    "m.id, m.case_no, m.unit_code, u.name, m.worker_name_masked, m.worker_id_masked, m.worker_phone_masked, "
    "m.employer_id, COALESCE(e.name, m.employer_name), COALESCE(e.credit_code, m.employer_credit_code), m.claim_kind, "
    "m.claim_amount_fen, m.received_day, m.due_day, m.state, m.mediator_id, COALESCE(ma.name_masked, ''), "
    "m.agreed_amount_fen, COALESCE(m.performance_due_day, ''), m.outcome_note, COALESCE(m.closed_day, ''), m.late, "
    "(SELECT COUNT(*) FROM mediation_session ms WHERE ms.case_id = m.id), r.id, r.state, m.created_at, m.version, "
    "m.unit_path";
constexpr std::size_t kMediationPath = 27;
std::string mediation_from_sql() {
  return std::string(" FROM mediation_case m JOIN org_unit u ON u.code = m.unit_code LEFT JOIN employer e ON "
                     "e.id = m.employer_id LEFT JOIN account ma ON ma.id = m.mediator_id") +
         referral_join("mediation", "m");
}

Mediation mediation_from(const store::Row& r, const time::Date& today) {
  Mediation m;
  m.id = r.int64(0);
  m.case_no = r.text(1);
  m.unit_code = r.text(2);
  m.unit_name = r.text(3);
  m.worker_name_masked = r.text(4);
  m.worker_id_masked = r.text(5);
  m.worker_phone_masked = r.text(6);
  m.employer_id = r.opt_int64(7);
  m.employer_name = r.text(8);
  m.employer_credit_code = r.text(9);
  m.claim_kind = r.text(10);
  m.claim_amount_fen = r.opt_int64(11);
  m.received_day = r.text(12);
  m.due_day = r.text(13);
  m.state = r.text(14);
  m.mediator_id = r.int64(15);
  m.mediator_name = r.text(16);
  m.agreed_amount_fen = r.opt_int64(17);
  m.performance_due_day = r.text(18);
  m.outcome_note = r.text(19);
  m.closed_day = r.text(20);
  m.late = r.int64(21) != 0;
  m.session_count = static_cast<int>(r.int64(22));
  m.referral = mark_from(r, 23);
  m.created_at = r.int64(25);
  m.version = r.int64(26);
  m.overdue = mediation_overdue(m.state, m.due_day, today);
  return m;
}

Result<Mediation> load_mediation(store::Tx& tx, const org::Scope& scope, std::int64_t id, const time::Date& today) {
  auto row = tx.one(fmt::format("SELECT {}{}WHERE m.id = $1", kMediationCols, mediation_from_sql()), {id});
  if (!row || !scope.covers(row->text(kMediationPath))) return fail(ErrorCode::kNotFound, "调解案件不存在", "id");
  return mediation_from(*row, today);
}

// labour.write granted at the unit of `path` or above, on an active account.
constexpr const char* kMediatorGrants =
    " FROM role_grant g JOIN role_permission rp ON rp.role_code = g.role_code JOIN org_unit gu ON gu.code = g.unit_code "
    "JOIN account a ON a.id = g.account_id WHERE a.active = 1 AND rp.permission = 'labour.write' "
    "AND $1 LIKE gu.path || '%'";

// --- hazards ---------------------------------------------------------------------------------
constexpr const char* kHazardCols =
    "h.id, h.unit_code, u.name, h.employer_id, COALESCE(e.name, h.employer_name), h.kind, h.risk, h.description, "
    "h.measures, h.people, h.found_day, COALESCE(h.next_followup_day, ''), COALESCE(h.last_followup_day, ''), h.state, "
    "COALESCE(h.resolved_day, ''), h.result, r.id, r.state, h.created_at, h.version, h.unit_path";
constexpr std::size_t kHazardPath = 20;
std::string hazard_from_sql() {
  return std::string(" FROM labour_hazard h JOIN org_unit u ON u.code = h.unit_code LEFT JOIN employer e ON "
                     "e.id = h.employer_id") +
         referral_join("hazard", "h");
}

Hazard hazard_from(const store::Row& r, const time::Date& today) {
  Hazard h;
  h.id = r.int64(0);
  h.unit_code = r.text(1);
  h.unit_name = r.text(2);
  h.employer_id = r.opt_int64(3);
  h.employer_name = r.text(4);
  h.kind = r.text(5);
  h.risk = r.text(6);
  h.description = r.text(7);
  h.measures = r.text(8);
  h.people = static_cast<int>(r.int64(9));
  h.found_day = r.text(10);
  h.next_followup_day = r.text(11);
  h.last_followup_day = r.text(12);
  h.state = r.text(13);
  h.resolved_day = r.text(14);
  h.result = r.text(15);
  h.referral = mark_from(r, 16);
  h.created_at = r.int64(18);
  h.version = r.int64(19);
  h.followup_overdue = followup_overdue(h.state, h.risk, h.found_day, h.last_followup_day, today);
  return h;
}

Result<Hazard> load_hazard(store::Tx& tx, const org::Scope& scope, std::int64_t id, const time::Date& today) {
  auto row = tx.one(fmt::format("SELECT {}{}WHERE h.id = $1", kHazardCols, hazard_from_sql()), {id});
  if (!row || !scope.covers(row->text(kHazardPath))) return fail(ErrorCode::kNotFound, "隐患记录不存在", "id");
  return hazard_from(*row, today);
}

// --- referrals -------------------------------------------------------------------------------
constexpr const char* kReferralCols =
    "r.id, r.source_kind, r.source_id, r.source_ref, r.unit_code, u.name, r.reason, r.referred_day, r.state, "
    "r.inspection_ref, COALESCE(r.acknowledged_day, ''), COALESCE(r.closed_day, ''), r.result, "
    "COALESCE(a.name_masked, ''), r.created_at, r.version, r.unit_path";
constexpr std::size_t kReferralPath = 16;
constexpr const char* kReferralFrom =
    " FROM labour_referral r JOIN org_unit u ON u.code = r.unit_code LEFT JOIN account a ON a.id = r.created_by ";

Referral referral_from(const store::Row& r) {
  Referral x;
  x.id = r.int64(0);
  x.source_kind = r.text(1);
  x.source_id = r.opt_int64(2);
  x.source_ref = r.text(3);
  x.unit_code = r.text(4);
  x.unit_name = r.text(5);
  x.reason = r.text(6);
  x.referred_day = r.text(7);
  x.state = r.text(8);
  x.inspection_ref = r.text(9);
  x.acknowledged_day = r.text(10);
  x.closed_day = r.text(11);
  x.result = r.text(12);
  x.created_by_name = r.text(13);
  x.created_at = r.int64(14);
  x.version = r.int64(15);
  return x;
}

Result<Referral> load_referral(store::Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto row = tx.one(fmt::format("SELECT {}{}WHERE r.id = $1", kReferralCols, kReferralFrom), {id});
  if (!row || !scope.covers(row->text(kReferralPath))) return fail(ErrorCode::kNotFound, "移送记录不存在", "id");
  return referral_from(*row);
}

}  // namespace

// --- 用工单位统计调查 -------------------------------------------------------------------------

Result<SurveyOverview> survey_overview(store::Tx& tx, const org::Scope& scope, int year, OnlyMissing only_missing) {
  if (year < 2000 || year > 2100) return fail(ErrorCode::kInvalidArgument, "调查年度不正确", "year");
  std::vector<store::Param> params{std::int64_t{year}};
  const auto where = scope.sql("e.unit_path", params);
  const auto from = fmt::format(" FROM employer e JOIN org_unit eu ON eu.code = e.unit_code LEFT JOIN labour_survey s ON "
                                "s.employer_id = e.id AND s.year = $1{}WHERE {}",
                                kSurveyJoins, where);
  SurveyOverview o;
  o.year = year;
  auto counts = YC_TRY(tx.one(fmt::format("SELECT COUNT(*), COUNT(s.id){}", from), params));
  o.total = static_cast<int>(counts.int64(0));
  o.surveyed = static_cast<int>(counts.int64(1));
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}, {}{}{} ORDER BY (CASE WHEN s.id IS NULL THEN 0 ELSE 1 END), "
                                          "e.name, e.id LIMIT 2000",
                                          kEmployerCols, kSurveyCols, from,
                                          only_missing == OnlyMissing::kYes ? " AND s.id IS NULL" : ""),
                              params));
  for (const auto& r : rows.rows) {
    SurveyLine line{employer_from(r, 0), std::nullopt};
    if (!r.is_null(5)) line.survey = survey_from(r, 5, line.employer);
    o.items.push_back(std::move(line));
  }
  return o;
}

Result<Survey> get_survey(store::Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto row = tx.one(fmt::format("SELECT {}, {}, s.unit_path FROM labour_survey s JOIN employer e ON e.id = s.employer_id "
                                "JOIN org_unit eu ON eu.code = e.unit_code{}WHERE s.id = $1",
                                kEmployerCols, kSurveyCols, kSurveyJoins),
                    {id});
  if (!row || !scope.covers(row->text(5 + kSurveyColCount))) return fail(ErrorCode::kNotFound, "调查表不存在", "id");
  return survey_from(*row, 5, employer_from(*row, 0));
}

Result<Survey> submit_survey(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                             std::int64_t employer_id, int year, const SurveyForm& form, std::int64_t now) {
  YC_TRY_VOID(validate(form, year, time::shanghai_date(now)));
  auto employer = YC_TRY(employer_in(tx, scope, employer_id));
  if (tx.one("SELECT id FROM labour_survey WHERE employer_id = $1 AND year = $2", {employer_id, std::int64_t{year}}))
    return fail(ErrorCode::kConflict, fmt::format("该单位 {} 年度调查表已填报，请修改原表", year), "year");
  auto params = survey_params(form);
  for (store::Param p : {store::Param(employer_id), store::Param(std::int64_t{year}), store::Param(employer.ref.unit_code),
                         store::Param(employer.path), store::Param(by), store::Param(now)})
    params.push_back(std::move(p));
  auto id = YC_TRY(tx.one(
      "INSERT INTO labour_survey (employees, local_employees, nonlocal_employees, contracts, hired, left_count, vacancies, "
      "wage_arrears, insured, needs, employer_id, year, unit_code, unit_path, submitted_by, submitted_at, updated_by, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $15, $16) RETURNING id",
      params));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "labour.survey.submit", "labour_survey", std::to_string(id.int64(0)))));
  return get_survey(tx, scope, id.int64(0));
}

Result<Survey> update_survey(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                             std::int64_t id, std::int64_t version, const SurveyForm& form, std::int64_t now) {
  auto s = YC_TRY(get_survey(tx, scope, id));
  YC_TRY_VOID(validate(form, s.year, time::shanghai_date(now)));
  auto params = survey_params(form);
  params.emplace_back(by);
  params.emplace_back(now);
  YC_TRY(store::update_versioned(tx, "labour_survey",
                                 "employees = $1, local_employees = $2, nonlocal_employees = $3, contracts = $4, "
                                 "hired = $5, left_count = $6, vacancies = $7, wage_arrears = $8, insured = $9, "
                                 "needs = $10, updated_by = $11, updated_at = $12",
                                 params, id, version));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "labour.survey.update", "labour_survey", std::to_string(id))));
  return get_survey(tx, scope, id);
}

// --- 劳动争议调解 -----------------------------------------------------------------------------

Result<std::vector<Mediation>> list_mediations(store::Tx& tx, const org::Scope& scope, const MediationFilter& f,
                                               const time::Date& today) {
  std::vector<store::Param> params;
  std::string where = scope.sql("m.unit_path", params);
  if (!f.state.empty()) {
    if (mediation_state_name(f.state).empty()) return fail(ErrorCode::kInvalidArgument, "状态不正确", "state");
    params.emplace_back(f.state);
    where += fmt::format(" AND m.state = ${}", params.size());
  }
  if (f.overdue_only) {
    params.emplace_back(today.iso());
    where += fmt::format(" AND m.state = 'open' AND m.due_day < ${}", params.size());
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}{}WHERE {} ORDER BY m.received_day DESC, m.id DESC LIMIT 500",
                                          kMediationCols, mediation_from_sql(), where),
                              params));
  std::vector<Mediation> out;
  for (const auto& r : rows.rows) out.push_back(mediation_from(r, today));
  return out;
}

Result<Mediation> get_mediation(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope, std::int64_t id,
                                const time::Date& today) {
  auto m = YC_TRY(load_mediation(tx, scope, id, today));
  auto sealed = YC_TRY(tx.one("SELECT claim_sealed, agreement_sealed FROM mediation_case WHERE id = $1", {id}));
  m.claim = YC_TRY(keys.decrypt(sealed.text(0), kClaim));
  if (!sealed.text(1).empty()) m.agreement = YC_TRY(keys.decrypt(sealed.text(1), kAgreement));
  auto rows = YC_TRY(tx.query("SELECT s.id, s.day, s.attendees, s.notes_sealed, s.result, COALESCE(a.name_masked, ''), "
                              "s.created_at FROM mediation_session s LEFT JOIN account a ON a.id = s.created_by "
                              "WHERE s.case_id = $1 ORDER BY s.day, s.id",
                              {id}));
  for (const auto& r : rows.rows) {
    Session s{r.int64(0), r.text(1), r.text(2), "", r.text(4), r.text(5), r.int64(6)};
    if (!r.text(3).empty()) s.notes = YC_TRY(keys.decrypt(r.text(3), kNotes));
    m.sessions.push_back(std::move(s));
  }
  return m;
}

Result<Mediation> open_mediation(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                                 const org::Scope& scope, std::int64_t by, const NewMediation& in, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto worker = YC_TRY(privacy::seal_person(keys, in.worker, kWorker, today, {.phone_required = true}, "worker_"));
  std::optional<ScopedEmployer> employer;
  std::string employer_name, credit_code;
  if (in.employer_id) {
    employer = YC_TRY(employer_in(tx, scope, *in.employer_id));
  } else {
    YC_TRY_VOID(check_text(in.employer_name, 2, 100, "employer_name", "用人单位名称"));
    employer_name = in.employer_name;
    if (!in.employer_credit_code.empty()) {
      YC_TRY_VOID(privacy::validate_credit_code(in.employer_credit_code, "employer_credit_code"));
      credit_code = in.employer_credit_code;
    }
  }
  if (!valid_claim_kind(in.claim_kind)) return fail(ErrorCode::kInvalidArgument, "争议类型不正确", "claim_kind");
  YC_TRY_VOID(check_text(in.claim, 4, 2000, "claim", "请求事项"));
  YC_TRY_VOID(validate_amount(in.claim_amount_fen, "claim_amount_fen"));
  const auto received = YC_TRY(past_day(in.received_day, "received_day", today));
  const auto due = mediation_due(time::parse_date(received).value()).iso();
  auto unit = YC_TRY(record_unit(tx, scope, in.unit_code, employer, by));
  const auto mediator = in.mediator_id.value_or(by);
  auto held = YC_TRY(tx.one(fmt::format("SELECT COUNT(*){} AND g.account_id = $2", kMediatorGrants), {unit.path, mediator}));
  if (held.int64(0) == 0)
    return fail(ErrorCode::kUnprocessable, "调解员须是本单位或上级单位有劳动关系办理权限的人员", "mediator_id");
  const auto claim = YC_TRY(keys.encrypt(in.claim, kClaim));
  const auto day = fmt::format("{:04}{:02}{:02}", today.year, today.month, today.day);
  auto n = YC_TRY(tx.one("INSERT INTO mediation_counter (unit_code, day, last) VALUES ($1, $2, 1) ON CONFLICT (unit_code, day) "
                         "DO UPDATE SET last = mediation_counter.last + 1 RETURNING last",
                         {unit.code, day}));
  auto id = YC_TRY(tx.one(
      "INSERT INTO mediation_case (case_no, unit_code, unit_path, worker_id_hash, worker_id_sealed, worker_id_masked, "
      "worker_name_sealed, worker_name_masked, worker_phone_sealed, worker_phone_masked, employer_id, employer_name, "
      "employer_credit_code, claim_kind, claim_sealed, claim_amount_fen, received_day, due_day, mediator_id, state, "
      "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
      "$19, 'open', $20, $21) RETURNING id",
      {fmt::format("TJ{}-{:04}", day, n.int64(0)), unit.code, unit.path, worker.id_hash, worker.id_sealed,
       worker.id_masked, worker.name_sealed, worker.name_masked, worker.phone_sealed, worker.phone_masked,
       opt(in.employer_id), employer_name, credit_code, in.claim_kind, claim, opt(in.claim_amount_fen), received, due,
       mediator, by, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "labour.mediation.open", "mediation_case", std::to_string(id.int64(0)))));
  return get_mediation(tx, keys, scope, id.int64(0), today);
}

Result<Mediation> add_session(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                              const org::Scope& scope, std::int64_t by, std::int64_t id, const SessionInput& in,
                              std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto m = YC_TRY(load_mediation(tx, scope, id, today));
  if (m.state != "open")
    return fail(ErrorCode::kConflict, fmt::format("该案件已{}，不能再记录调解", mediation_state_name(m.state)), "state");
  const auto day = YC_TRY(past_day(in.day, "day", today));
  if (day < m.received_day) return fail(ErrorCode::kInvalidArgument, "调解日期不能早于收到申请之日", "day");
  YC_TRY_VOID(check_text(in.attendees, 2, 200, "attendees", "参加人员"));
  YC_TRY_VOID(check_text(in.notes, 0, 2000, "notes", "调解记录"));
  if (!valid_session_result(in.result)) return fail(ErrorCode::kInvalidArgument, "调解情况不正确", "result");
  const auto notes = in.notes.empty() ? std::string() : YC_TRY(keys.encrypt(in.notes, kNotes));
  YC_TRY(tx.exec("INSERT INTO mediation_session (case_id, day, attendees, notes_sealed, result, created_by, created_at) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                 {id, day, in.attendees, notes, in.result, by, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "labour.mediation.session", "mediation_case", std::to_string(id))));
  return get_mediation(tx, keys, scope, id, today);
}

Result<Mediation> close_mediation(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                                  const org::Scope& scope, std::int64_t by, std::int64_t id, const Outcome& out,
                                  std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto m = YC_TRY(load_mediation(tx, scope, id, today));
  const bool late = YC_TRY(check_outcome(m.state, out.outcome, m.due_day, today, out.extended));
  std::string agreement, performance, note = out.note;
  std::optional<std::int64_t> amount;
  if (out.outcome == "agreed") {
    YC_TRY_VOID(check_text(out.agreement, 4, 2000, "agreement", "调解协议内容"));
    YC_TRY_VOID(validate_amount(out.agreed_amount_fen, "agreed_amount_fen"));
    agreement = YC_TRY(keys.encrypt(out.agreement, kAgreement));
    amount = out.agreed_amount_fen;
    performance = YC_TRY(later_day(out.performance_due_day, "performance_due_day", today.iso()));
    YC_TRY_VOID(check_text(note, 0, 500, "note", "说明"));
  } else if (out.outcome == "failed") {
    // 第十四条: the parties may apply for arbitration; the case says they were told.
    if (note.empty()) note = "调解不成，已告知当事人可依法向劳动人事争议仲裁委员会申请仲裁";
    YC_TRY_VOID(check_text(note, 0, 500, "note", "说明"));
  } else {
    YC_TRY_VOID(check_text(note, 2, 500, "note", "撤回原因"));
  }
  auto n = YC_TRY(tx.exec("UPDATE mediation_case SET state = $1, agreement_sealed = $2, agreed_amount_fen = $3, "
                          "performance_due_day = $4, outcome_note = $5, late = $6, closed_day = $7, closed_by = $8, "
                          "closed_at = $9, version = version + 1 WHERE id = $10 AND state = 'open'",
                          {out.outcome, agreement, opt(amount), day_or_null(performance), note,
                           std::int64_t{late ? 1 : 0}, today.iso(), by, now, id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该案件已被他人结案，请刷新", "state");
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "labour.mediation." + out.outcome, "mediation_case", std::to_string(id))));
  return get_mediation(tx, keys, scope, id, today);
}

Result<privacy::PersonInput> reveal_worker(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                                           const org::Scope& scope, std::int64_t id) {
  YC_TRY(load_mediation(tx, scope, id, time::Date{}));
  auto row = YC_TRY(tx.one("SELECT worker_id_sealed, worker_name_sealed, worker_phone_sealed FROM mediation_case "
                           "WHERE id = $1",
                           {id}));
  auto p = YC_TRY(privacy::open_person(keys, {row.text(0), row.text(1), row.text(2), ""}, kWorker));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "labour.mediation.worker.reveal", "mediation_case", std::to_string(id))));
  return p;
}

Result<std::vector<Mediator>> mediators(store::Tx& tx, const org::Scope& scope, const std::string& unit_code) {
  auto unit = YC_TRY(unit_in(tx, scope, unit_code));
  auto rows = YC_TRY(tx.query(fmt::format("SELECT a.id, a.name_masked, gu.name{} ORDER BY gu.level DESC, a.id", kMediatorGrants),
                              {unit.path}));
  std::vector<Mediator> out;
  std::set<std::int64_t> seen;
  for (const auto& r : rows.rows)
    if (seen.insert(r.int64(0)).second) out.push_back(Mediator{r.int64(0), r.text(1), r.text(2)});
  return out;
}

// --- 矛盾隐患排查 -----------------------------------------------------------------------------

Result<std::vector<Hazard>> list_hazards(store::Tx& tx, const org::Scope& scope, const HazardFilter& f,
                                         const time::Date& today) {
  std::vector<store::Param> params;
  std::string where = scope.sql("h.unit_path", params);
  if (!f.state.empty()) {
    if (f.state != "open" && f.state != "resolved") return fail(ErrorCode::kInvalidArgument, "状态不正确", "state");
    params.emplace_back(f.state);
    where += fmt::format(" AND h.state = ${}", params.size());
  }
  if (!f.risk.empty()) {
    if (!valid_risk(f.risk)) return fail(ErrorCode::kInvalidArgument, "风险等级不正确", "risk");
    params.emplace_back(f.risk);
    where += fmt::format(" AND h.risk = ${}", params.size());
  }
  if (f.flagged_only) {
    // The SQL form of model followup_overdue.
    params.emplace_back(time::civil_from_days(time::days_from_civil(today) - kHighRiskFollowupDays).iso());
    where += fmt::format(" AND h.state = 'open' AND h.risk = 'high' AND COALESCE(h.last_followup_day, h.found_day) < ${}",
                         params.size());
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}{}WHERE {} ORDER BY h.found_day DESC, h.id DESC LIMIT 500",
                                          kHazardCols, hazard_from_sql(), where),
                              params));
  std::vector<Hazard> out;
  for (const auto& r : rows.rows) out.push_back(hazard_from(r, today));
  return out;
}

Result<Hazard> get_hazard(store::Tx& tx, const org::Scope& scope, std::int64_t id, const time::Date& today) {
  auto h = YC_TRY(load_hazard(tx, scope, id, today));
  auto rows = YC_TRY(tx.query("SELECT f.id, f.day, f.note, COALESCE(a.name_masked, ''), f.created_at FROM hazard_followup f "
                              "LEFT JOIN account a ON a.id = f.created_by WHERE f.hazard_id = $1 ORDER BY f.day, f.id",
                              {id}));
  for (const auto& r : rows.rows) h.followups.push_back(Followup{r.int64(0), r.text(1), r.text(2), r.text(3), r.int64(4)});
  return h;
}

Result<Hazard> create_hazard(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                             const NewHazard& in, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  std::optional<ScopedEmployer> employer;
  if (in.employer_id) employer = YC_TRY(employer_in(tx, scope, *in.employer_id));
  else YC_TRY_VOID(check_text(in.employer_name, 0, 100, "employer_name", "用人单位名称"));
  if (!valid_hazard_kind(in.kind)) return fail(ErrorCode::kInvalidArgument, "隐患类型不正确", "kind");
  if (!valid_risk(in.risk)) return fail(ErrorCode::kInvalidArgument, "风险等级不正确", "risk");
  YC_TRY_VOID(check_text(in.description, 4, 1000, "description", "隐患情况"));
  YC_TRY_VOID(check_text(in.measures, 0, 1000, "measures", "化解措施"));
  if (in.people < 0 || in.people > 100000) return fail(ErrorCode::kInvalidArgument, "涉及人数不正确", "people");
  const auto found = YC_TRY(past_day(in.found_day, "found_day", today));
  const auto next = YC_TRY(later_day(in.next_followup_day, "next_followup_day", found));
  auto unit = YC_TRY(record_unit(tx, scope, in.unit_code, employer, by));
  auto id = YC_TRY(tx.one(
      "INSERT INTO labour_hazard (unit_code, unit_path, employer_id, employer_name, kind, risk, description, people, "
      "measures, found_day, next_followup_day, state, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
      "$10, $11, 'open', $12, $13) RETURNING id",
      {unit.code, unit.path, opt(in.employer_id), employer ? std::string() : in.employer_name, in.kind, in.risk,
       in.description, std::int64_t{in.people}, in.measures, found, day_or_null(next), by, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "labour.hazard.create", "labour_hazard", std::to_string(id.int64(0)))));
  return get_hazard(tx, scope, id.int64(0), today);
}

Result<Hazard> add_followup(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                            std::int64_t id, const std::string& day, const std::string& note,
                            const std::string& next_followup_day, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto h = YC_TRY(load_hazard(tx, scope, id, today));
  if (h.state != "open") return fail(ErrorCode::kConflict, "该隐患已化解，不能再跟进", "state");
  const auto d = YC_TRY(past_day(day, "day", today));
  if (d < h.found_day) return fail(ErrorCode::kInvalidArgument, "跟进日期不能早于发现日期", "day");
  YC_TRY_VOID(check_text(note, 2, 1000, "note", "跟进情况"));
  const auto next = YC_TRY(later_day(next_followup_day, "next_followup_day", d));
  YC_TRY(tx.exec("INSERT INTO hazard_followup (hazard_id, day, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5)",
                 {id, d, note, by, now}));
  const auto last = std::max(d, h.last_followup_day);
  YC_TRY(tx.exec("UPDATE labour_hazard SET last_followup_day = $1, next_followup_day = $2, version = version + 1 "
                 "WHERE id = $3",
                 {last, day_or_null(next), id}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "labour.hazard.followup", "labour_hazard", std::to_string(id))));
  return get_hazard(tx, scope, id, today);
}

Result<Hazard> resolve_hazard(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t,
                              std::int64_t id, const std::string& day, const std::string& result, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto h = YC_TRY(load_hazard(tx, scope, id, today));
  if (h.state != "open") return fail(ErrorCode::kConflict, "该隐患已化解", "state");
  const auto d = YC_TRY(past_day(day, "day", today));
  if (d < h.found_day) return fail(ErrorCode::kInvalidArgument, "化解日期不能早于发现日期", "day");
  YC_TRY_VOID(check_text(result, 2, 1000, "result", "化解结果"));
  auto n = YC_TRY(tx.exec("UPDATE labour_hazard SET state = 'resolved', resolved_day = $1, result = $2, "
                          "next_followup_day = NULL, version = version + 1 WHERE id = $3 AND state = 'open'",
                          {d, result, id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该隐患已被他人处理，请刷新", "state");
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "labour.hazard.resolve", "labour_hazard", std::to_string(id))));
  return get_hazard(tx, scope, id, today);
}

// --- 移送劳动保障监察 -------------------------------------------------------------------------

Result<std::vector<Referral>> list_referrals(store::Tx& tx, const org::Scope& scope, const std::string& state) {
  std::vector<store::Param> params;
  std::string where = scope.sql("r.unit_path", params);
  if (!state.empty()) {
    if (referral_state_name(state).empty()) return fail(ErrorCode::kInvalidArgument, "状态不正确", "state");
    params.emplace_back(state);
    where += fmt::format(" AND r.state = ${}", params.size());
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}{}WHERE {} ORDER BY r.referred_day DESC, r.id DESC LIMIT 500",
                                          kReferralCols, kReferralFrom, where),
                              params));
  std::vector<Referral> out;
  for (const auto& r : rows.rows) out.push_back(referral_from(r));
  return out;
}

Result<Referral> refer(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                       const NewReferral& in, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  if (!valid_source_kind(in.source_kind)) return fail(ErrorCode::kInvalidArgument, "移送来源不正确", "source_kind");
  Unit unit;
  std::string label;
  std::optional<std::int64_t> source_id;
  if (in.source_kind == "complaint") {
    YC_TRY_VOID(check_text(in.source_ref, 2, 40, "source_ref", "投诉编号"));
    label = in.source_ref;
    unit = YC_TRY(record_unit(tx, scope, in.unit_code, std::nullopt, by));
  } else {
    if (!in.source_id) return fail(ErrorCode::kInvalidArgument, "请选择移送的记录", "source_id");
    source_id = in.source_id;
    if (in.source_kind == "hazard") {
      auto h = YC_TRY(load_hazard(tx, scope, *in.source_id, today));
      label = h.employer_name.empty() ? std::string(hazard_kind_name(h.kind))
                                      : fmt::format("{}（{}）", h.employer_name, hazard_kind_name(h.kind));
      auto path = YC_TRY(tx.one("SELECT unit_path FROM labour_hazard WHERE id = $1", {*in.source_id})).text(0);
      unit = Unit{h.unit_code, std::move(path)};
    } else {
      auto m = YC_TRY(load_mediation(tx, scope, *in.source_id, today));
      label = m.case_no;
      auto path = YC_TRY(tx.one("SELECT unit_path FROM mediation_case WHERE id = $1", {*in.source_id})).text(0);
      unit = Unit{m.unit_code, std::move(path)};
    }
  }
  YC_TRY_VOID(check_text(in.reason, 4, 1000, "reason", "移送理由"));
  const auto day = YC_TRY(past_day(in.referred_day, "referred_day", today));
  auto busy = YC_TRY(tx.one("SELECT COUNT(*) FROM labour_referral WHERE source_kind = $1 AND state <> 'closed' AND "
                            "(source_id = $2 OR (source_id IS NULL AND source_ref = $3))",
                            {in.source_kind, opt(source_id), source_id ? std::string() : label}));
  if (busy.int64(0) > 0) return fail(ErrorCode::kConflict, "该记录已移送劳动保障监察，尚未办结", "source_id");
  auto id = YC_TRY(tx.one("INSERT INTO labour_referral (source_kind, source_id, source_ref, unit_code, unit_path, reason, "
                          "referred_day, state, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'sent', $8, $9) "
                          "RETURNING id",
                          {in.source_kind, opt(source_id), label, unit.code, unit.path, in.reason, day, by, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "labour.referral.create", "labour_referral", std::to_string(id.int64(0)))));
  return load_referral(tx, scope, id.int64(0));
}

Result<Referral> acknowledge_referral(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                      std::int64_t id, const std::string& day, const std::string& inspection_ref,
                                      std::int64_t now) {
  auto r = YC_TRY(load_referral(tx, scope, id));
  if (!referral_can(r.state, "acknowledge"))
    return fail(ErrorCode::kConflict, fmt::format("该移送{}，不能再登记接收", referral_state_name(r.state)), "state");
  const auto d = YC_TRY(past_day(day, "day", time::shanghai_date(now)));
  if (d < r.referred_day) return fail(ErrorCode::kInvalidArgument, "接收日期不能早于移送日期", "day");
  YC_TRY_VOID(check_text(inspection_ref, 0, 40, "inspection_ref", "监察受理编号"));
  auto n = YC_TRY(tx.exec("UPDATE labour_referral SET state = 'acknowledged', acknowledged_day = $1, inspection_ref = $2, "
                          "version = version + 1 WHERE id = $3 AND state = 'sent'",
                          {d, inspection_ref, id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该移送已被他人处理，请刷新", "state");
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "labour.referral.acknowledge", "labour_referral", std::to_string(id))));
  return load_referral(tx, scope, id);
}

Result<Referral> close_referral(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id,
                                const std::string& day, const std::string& result, std::int64_t now) {
  auto r = YC_TRY(load_referral(tx, scope, id));
  if (!referral_can(r.state, "close"))
    return fail(ErrorCode::kConflict, fmt::format("该移送{}，不能再办结", referral_state_name(r.state)), "state");
  const auto d = YC_TRY(past_day(day, "day", time::shanghai_date(now)));
  if (d < r.referred_day) return fail(ErrorCode::kInvalidArgument, "办结日期不能早于移送日期", "day");
  YC_TRY_VOID(check_text(result, 2, 1000, "result", "查处结果"));
  auto n = YC_TRY(tx.exec("UPDATE labour_referral SET state = 'closed', closed_day = $1, result = $2, version = version + 1 "
                          "WHERE id = $3 AND state <> 'closed'",
                          {d, result, id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该移送已被他人处理，请刷新", "state");
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "labour.referral.close", "labour_referral", std::to_string(id))));
  return load_referral(tx, scope, id);
}

}  // namespace yc::labour
