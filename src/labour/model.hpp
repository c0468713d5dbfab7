#pragma once
// 劳动关系 (issue 12; policy annex 一(三): 用工单位统计调查, 劳动争议预防和
// 调解, 矛盾隐患排查, 协助监督检查; annex 二 社区协助): the rules of the
// yearly employer survey, of mediation cases and their fifteen-day period,
// of hazards and their follow-ups, and of referrals to labour inspection. Pure.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/result.hpp"
#include "platform/time.hpp"

namespace yc::labour {

// --- 用工单位统计调查 -------------------------------------------------------
struct SurveyForm {
  int employees = 0, local_employees = 0, nonlocal_employees = 0, contracts = 0;
  int hired = 0, left_count = 0, vacancies = 0, insured = 0;
  bool wage_arrears = false;
  std::string needs;
};
// A survey of `year` (2000 .. this year): counts 0..1000000; 本市 + 外埠 =
// 年末职工; contracts and insured at most the employees; needs ≤ 1000 chars.
Result<void> validate(const SurveyForm& f, int year, const time::Date& today);

// --- 劳动争议调解 -----------------------------------------------------------
// 劳动争议调解仲裁法 第十四条: 自劳动争议调解组织收到调解申请之日起十五日内
// 未达成调解协议的，当事人可以依法申请仲裁. The due day is the day of
// receipt plus fifteen calendar days (not working days).
inline constexpr int kMediationDays = 15;
time::Date mediation_due(const time::Date& received);
// Still open after its due day.
bool mediation_overdue(std::string_view state, std::string_view due_day, const time::Date& today);

bool valid_claim_kind(std::string_view kind);  // wages | contract | social_insurance | injury | dismissal | other
std::string_view claim_kind_name(std::string_view kind);
std::string_view mediation_state_name(std::string_view state);  // open | agreed | failed | withdrawn
bool valid_session_result(std::string_view result);  // progress | deadlock | absent
std::string_view session_result_name(std::string_view result);

// How a case ends. Only an open case ends, once. Within the period any
// outcome; after it the parties may apply for arbitration (第十四条), so the
// case ends as failed (告知申请仲裁) or withdrawn, or as agreed only when both
// parties consented to go on mediating (`extended`): then it is recorded as
// late. Returns whether the outcome is late.
enum class Extended { kNo, kYes };
Result<bool> check_outcome(std::string_view state, std::string_view outcome, std::string_view due_day,
                           const time::Date& today, Extended extended);

// Money in fen (分), 0 .. 100 million yuan.
Result<void> validate_amount(std::optional<std::int64_t> fen, std::string_view field);

// --- 矛盾隐患排查 -----------------------------------------------------------
bool valid_hazard_kind(std::string_view kind);  // wage_arrears | mass_dispute | contract | social_insurance | other
std::string_view hazard_kind_name(std::string_view kind);
bool valid_risk(std::string_view risk);  // low | medium | high
std::string_view risk_name(std::string_view risk);
// A high-risk hazard left open more than this many days since it was found
// or last followed up is flagged for follow-up.
inline constexpr int kHighRiskFollowupDays = 7;
bool followup_overdue(std::string_view state, std::string_view risk, std::string_view found_day,
                      std::string_view last_followup_day, const time::Date& today);

// --- 移送劳动保障监察 -------------------------------------------------------
// sent --acknowledge--> acknowledged --close--> closed (sent may close too:
// the inspection answered at once).
bool referral_can(std::string_view state, std::string_view action);
std::string_view referral_state_name(std::string_view state);
bool valid_source_kind(std::string_view kind);  // hazard | mediation | complaint
std::string_view source_kind_name(std::string_view kind);

// Days between two ISO days (b - a).
std::int64_t days_between(std::string_view a, std::string_view b);

}  // namespace yc::labour
