#include "labour/model.hpp"

#include <fmt/format.h>

#include <utility>

#include "platform/text.hpp"

namespace yc::labour {
namespace {

using Names = std::initializer_list<std::pair<std::string_view, std::string_view>>;

std::string_view lookup(Names names, std::string_view code) {
  for (const auto& [c, n] : names)
    if (c == code) return n;
  return {};
}

}  // namespace

Result<void> validate(const SurveyForm& f, int year, const time::Date& today) {
  if (year < 2000 || year > today.year) return fail(ErrorCode::kInvalidArgument, "调查年度不正确", "year");
  const std::pair<int, const char*> counts[] = {
      {f.employees, "employees"}, {f.local_employees, "local_employees"}, {f.nonlocal_employees, "nonlocal_employees"},
      {f.contracts, "contracts"}, {f.hired, "hired"}, {f.left_count, "left_count"}, {f.vacancies, "vacancies"},
      {f.insured, "insured"}};
  for (const auto& [n, field] : counts)
    if (n < 0 || n > 1'000'000) return fail(ErrorCode::kInvalidArgument, "人数应在 0 至 1000000 之间", field);
  if (f.local_employees + f.nonlocal_employees != f.employees)
    return fail(ErrorCode::kInvalidArgument, "本市与外埠人数之和应等于年末职工人数", "local_employees");
  if (f.contracts > f.employees)
    return fail(ErrorCode::kInvalidArgument, "签订劳动合同人数不能超过职工人数", "contracts");
  if (f.insured > f.employees) return fail(ErrorCode::kInvalidArgument, "参保人数不能超过职工人数", "insured");
  if (utf8_length(f.needs) > 1000) return fail(ErrorCode::kInvalidArgument, "需求与意见不超过 1000 字", "needs");
  return {};
}

time::Date mediation_due(const time::Date& received) {
  return time::civil_from_days(time::days_from_civil(received) + kMediationDays);
}

bool mediation_overdue(std::string_view state, std::string_view due_day, const time::Date& today) {
  return state == "open" && today.iso() > due_day;
}

bool valid_claim_kind(std::string_view kind) { return !claim_kind_name(kind).empty(); }
std::string_view claim_kind_name(std::string_view kind) {
  return lookup({{"wages", "劳动报酬"}, {"contract", "劳动合同"}, {"social_insurance", "社会保险"},
                 {"injury", "工伤待遇"}, {"dismissal", "解除终止与经济补偿"}, {"other", "其他"}},
                kind);
}

std::string_view mediation_state_name(std::string_view state) {
  return lookup({{"open", "调解中"}, {"agreed", "达成协议"}, {"failed", "调解不成"}, {"withdrawn", "撤回申请"}}, state);
}

bool valid_session_result(std::string_view result) { return !session_result_name(result).empty(); }
std::string_view session_result_name(std::string_view result) {
  return lookup({{"progress", "有进展，继续调解"}, {"deadlock", "分歧较大"}, {"absent", "当事人未到场"}}, result);
}

Result<bool> check_outcome(std::string_view state, std::string_view outcome, std::string_view due_day,
                           const time::Date& today, Extended extended) {
  if (outcome != "agreed" && outcome != "failed" && outcome != "withdrawn")
    return fail(ErrorCode::kInvalidArgument, "调解结果不正确", "outcome");
  if (state != "open")
    return fail(ErrorCode::kConflict, fmt::format("该案件已{}，不能再次结案", mediation_state_name(state)), "state");
  const bool late = today.iso() > due_day;
  if (outcome == "agreed" && late && extended == Extended::kNo)
    return fail(ErrorCode::kUnprocessable,
                "已超过十五日调解期限（劳动争议调解仲裁法第十四条），须双方当事人同意延长调解方可达成协议，否则请告知当事人申请仲裁",
                "extended");
  return outcome == "agreed" && late;
}

Result<void> validate_amount(std::optional<std::int64_t> fen, std::string_view field) {
  if (fen && (*fen < 0 || *fen > 10'000'000'000LL))
    return fail(ErrorCode::kInvalidArgument, "金额不正确", std::string(field));
  return {};
}

bool valid_hazard_kind(std::string_view kind) { return !hazard_kind_name(kind).empty(); }
std::string_view hazard_kind_name(std::string_view kind) {
  return lookup({{"wage_arrears", "欠薪"}, {"mass_dispute", "群体性"}, {"contract", "劳动合同"},
                 {"social_insurance", "社保缴纳"}, {"other", "其他"}},
                kind);
}
bool valid_risk(std::string_view risk) { return !risk_name(risk).empty(); }
std::string_view risk_name(std::string_view risk) {
  return lookup({{"low", "低"}, {"medium", "中"}, {"high", "高"}}, risk);
}

std::int64_t days_between(std::string_view a, std::string_view b) {
  auto da = time::parse_date(a), db = time::parse_date(b);
  if (!da || !db) return 0;
  return time::days_from_civil(*db) - time::days_from_civil(*da);
}

bool followup_overdue(std::string_view state, std::string_view risk, std::string_view found_day,
                      std::string_view last_followup_day, const time::Date& today) {
  if (state != "open" || risk != "high") return false;
  const auto since = last_followup_day.empty() ? found_day : last_followup_day;
  return days_between(since, today.iso()) > kHighRiskFollowupDays;
}

bool referral_can(std::string_view state, std::string_view action) {
  if (action == "acknowledge") return state == "sent";
  if (action == "close") return state == "sent" || state == "acknowledged";
  return false;
}
std::string_view referral_state_name(std::string_view state) {
  return lookup({{"sent", "已移送"}, {"acknowledged", "监察已接收"}, {"closed", "已办结"}}, state);
}
bool valid_source_kind(std::string_view kind) { return !source_kind_name(kind).empty(); }
std::string_view source_kind_name(std::string_view kind) {
  return lookup({{"hazard", "矛盾隐患"}, {"mediation", "调解案件"}, {"complaint", "投诉"}}, kind);
}

}  // namespace yc::labour
