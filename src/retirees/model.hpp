#pragma once
// 社会化管理 of retirees and of people receiving work-injury benefits (issue
// 12, item 4; policy 附件一(二) 社会化退休人员管理服务, 享受工伤待遇人员社会化管理服务;
// 附件二 社区协助): the kinds, codes and checks of the registry, the yearly
// contact, and the rules of the death report and its 复核. Pure.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/result.hpp"
#include "platform/time.hpp"

namespace yc::retirees {

// active --report (formal staff)--> death_reported --复核 confirm (another formal
// staff member)--> deceased (benefits stop); --复核 reject--> active.
std::string_view status_name(std::string_view status);
std::string_view kind_name(std::string_view kind);            // retiree 退休人员 | work_injury 工伤待遇人员
std::string_view benefit_kind_name(std::string_view benefit);  // disability_allowance | nursing_care | dependant_pension
std::string_view contact_method_name(std::string_view method); // visit | phone | walk_in | other
std::string_view activity_kind_name(std::string_view kind);    // culture | health | policy | other
std::string_view death_source_name(std::string_view source);   // family | police | hospital | other

// A past day "YYYY-MM-DD" from 1950 on (people retired long before the
// platform's 2000-2100 business days), not after `today`.
Result<time::Date> parse_past_day(std::string_view iso, const time::Date& today, std::string_view field);

// What makes a registry entry, besides the person.
struct Entry {
  std::string kind, benefit_kind, start_day, former_employer;
  std::optional<int> injury_level;
};
// A retiree has no benefit kind nor level. A work-injury entry names its
// benefit; 伤残津贴 is paid for 1-6 级 only (工伤保险条例 第三十五、三十六条),
// 生活护理费 at any of 1-10 级, 供养亲属抚恤金 to a dependant, who has no level.
Result<void> validate(const Entry& e, const time::Date& today);

// 本年度未联系 (年度联系, 附件一(二)): nobody has reached a living person in the
// current Beijing year. The deceased are never flagged.
bool uncontacted_this_year(std::string_view status, const std::optional<std::string>& last_contact_day,
                           const time::Date& today);

// 三(七): a death report ends benefits (待遇发放), a high-risk post held by
// formal staff only; its 复核 by formal staff other than the reporter.
// kUnprocessable with the reason.
enum class DeathStep { kReport, kRecheck };
Result<void> check_death_step(DeathStep step, bool formal_staff, std::int64_t actor,
                              std::int64_t reported_by = 0);

// Benefits are paid for the month of the death and stop from the first day
// of the next month.
time::Date benefit_stop_day(const time::Date& death_day);

}  // namespace yc::retirees
