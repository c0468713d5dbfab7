#pragma once
// 劳动力资源台账 and 就业服务 (issue 12, items 1-2; policy 附件一(一) 就业失业登记
// 管理服务、就业援助、职业指导、职业介绍、社会公益性就业组织及托底安置; 附件二
// 社区协助了解掌握失业人员、农村劳动力及就业困难人员情况和就业需求): the codes of
// the registry, the working-age and hardship rules, follow-up visit periods,
// matching people to vacancies, referral outcomes and the subsidy period of
// 公益性岗位. Pure: no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"
#include "platform/time.hpp"

namespace yc::employment {

// --- Codes ------------------------------------------------------------------
// employed 就业 | unemployed 失业登记 | flexible 灵活就业 | hardship 就业困难
bool valid_status(std::string_view s);
std::string_view status_name(std::string_view s);
// 就业困难人员 categories (Beijing's 就业困难人员认定): zero_family 零就业家庭成员,
// low_income 城乡低保人员, disabled 残疾人, long_term 连续失业一年以上,
// age_4050 大龄失业人员 (女40、男50周岁以上), rural 农村转移就业困难劳动力,
// other 其他.
bool valid_hardship_category(std::string_view c);
std::string_view hardship_category_name(std::string_view c);
bool valid_need(std::string_view n);  // job 求职 | training 培训 | policy 政策咨询
std::string_view need_name(std::string_view n);
bool valid_method(std::string_view m);  // home 入户 | phone 电话 | office 来访 | online 网络
std::string_view method_name(std::string_view m);
bool valid_household(std::string_view h);  // urban 城镇 | rural 农村
std::string_view household_name(std::string_view h);

// A comma list of codes, each valid, none twice, in a stable order.
Result<std::string> normal_codes(const std::vector<std::string>& codes, bool (*valid)(std::string_view),
                                 std::string_view field, std::string_view what);
// Free skill words (电工, 驾驶, 保洁): trimmed, de-duplicated, ≤ 20 of ≤ 20 characters.
Result<std::string> normal_skills(const std::vector<std::string>& skills, std::string_view field = "skills");

// --- Working age --------------------------------------------------------------
// The statutory retirement date (国务院关于渐进式提高法定退休年龄的决定, 2025):
// men 60, raised one month for every four months of birth from January
// 1965, up to 63; women 55 (the registry's reference; 干部 and the
// unemployment register), raised likewise from January 1970, up to 58.
time::Date retirement_date(const time::Date& birth, std::string_view gender);
// 劳动年龄: 16 years old, and before the retirement date.
Result<void> check_working_age(const time::Date& birth, std::string_view gender, const time::Date& today);

struct Registration {
  std::string status, hardship_category;
  std::optional<time::Date> registered;  // 失业登记日
};
// hardship needs a category (and age_4050: a woman of 40 or a man of 50 on
// the day); others none. unemployed and hardship need a registration day not
// after today.
Result<void> check_registration(const Registration& r, const time::Date& birth, std::string_view gender,
                                const time::Date& today);

// --- Follow-up visits (跟踪服务) --------------------------------------------------
// Days to the next visit by status: hardship and unemployed monthly (30),
// flexible quarterly (90), employed none (nullopt). Our default, shown on the
// visit form and overridable per visit.
std::optional<int> visit_period_days(std::string_view status);

// --- Matching (职业介绍) -----------------------------------------------------------
struct Person {
  std::string status, hardship_category, skills, needs, desired_job, unit_path;
};
struct Post {
  std::string title, skills, unit_path;
  bool welfare = false;
  bool open = true;
  int headcount = 0, filled = 0;
};
struct Match {
  int score = 0;
  std::vector<std::string> reasons;  // 中文, shown next to the match
};
// nullopt when the person cannot take the post at all: not looking for work
// (status employed, or no job need), the post closed or full, or a
// 公益性岗位 for someone who is not 就业困难 (托底安置 is for them only).
std::optional<Match> match(const Person& person, const Post& post);

// --- Referrals ---------------------------------------------------------------------
// referred --> hired | declined (本人放弃) | rejected (单位未录用) | no_show (未到场)
bool valid_outcome(std::string_view o);
std::string_view referral_state_name(std::string_view s);

// --- Guidance and training referrals -----------------------------------------------
bool valid_guidance_kind(std::string_view k);  // guidance 职业指导 | training 培训推荐
// training: referred -> enrolled -> completed | dropped; referred -> dropped.
bool can_move_training(std::string_view from, std::string_view to);
std::string_view guidance_state_name(std::string_view s);

// --- 公益性岗位 subsidy period -----------------------------------------------------
// At most three years from the start; for someone within five years of
// retirement at the start, up to the retirement date instead.
time::Date latest_subsidy_end(const time::Date& start, const time::Date& retirement);
Result<void> check_subsidy_period(const time::Date& start, const time::Date& end, const time::Date& retirement);
// active placements: ending (≤ 30 days left) | expired (past the end) | ""
std::string_view subsidy_flag(const std::string& end_day, const time::Date& today);

}  // namespace yc::employment
