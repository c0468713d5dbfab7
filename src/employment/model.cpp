#include "employment/model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "platform/text.hpp"
#include "privacy/person.hpp"

namespace yc::employment {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

constexpr std::array kStatuses{Pair{"employed", "就业"}, Pair{"unemployed", "失业登记"}, Pair{"flexible", "灵活就业"},
                               Pair{"hardship", "就业困难"}};
constexpr std::array kCategories{Pair{"zero_family", "零就业家庭成员"},  Pair{"low_income", "城乡低保人员"},
                                 Pair{"disabled", "残疾人"},            Pair{"long_term", "连续失业一年以上"},
                                 Pair{"age_4050", "大龄失业人员"},      Pair{"rural", "农村转移就业困难劳动力"},
                                 Pair{"other", "其他"}};
constexpr std::array kNeeds{Pair{"job", "求职"}, Pair{"training", "培训"}, Pair{"policy", "政策咨询"}};
constexpr std::array kMethods{Pair{"home", "入户走访"}, Pair{"phone", "电话回访"}, Pair{"office", "来访"},
                              Pair{"online", "网络联系"}};
constexpr std::array kHouseholds{Pair{"urban", "城镇"}, Pair{"rural", "农村"}};
constexpr std::array kReferralStates{Pair{"referred", "已推荐"}, Pair{"hired", "已录用"}, Pair{"declined", "本人放弃"},
                                     Pair{"rejected", "单位未录用"}, Pair{"no_show", "未到场"}};
constexpr std::array kGuidanceStates{Pair{"done", "已指导"}, Pair{"referred", "已推荐"}, Pair{"enrolled", "已报名"},
                                     Pair{"completed", "已结业"}, Pair{"dropped", "未参加"}};

template <std::size_t N>
bool in(const std::array<Pair, N>& table, std::string_view code) {
  return std::any_of(table.begin(), table.end(), [&](const Pair& p) { return p.first == code; });
}
template <std::size_t N>
std::string_view name_in(const std::array<Pair, N>& table, std::string_view code) {
  for (const auto& [c, n] : table)
    if (c == code) return n;
  return "";
}

std::int64_t day_number(const time::Date& d) { return time::days_from_civil(d); }

time::Date add_months(time::Date d, int months) {
  const int m = d.year * 12 + (d.month - 1) + months;
  d.year = m / 12;
  d.month = m % 12 + 1;
  // The same day of the month, or the month's last day (31 Jan + 1 month = 28/29 Feb).
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  const int last = d.month == 2 && leap ? 29 : kDays[d.month - 1];
  d.day = std::min(d.day, last);
  return d;
}

std::string lower_ascii(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// Two skill words match when equal or when one holds the other (电工 / 高压电工).
bool words_match(const std::string& a, const std::string& b) {
  const auto x = lower_ascii(a), y = lower_ascii(b);
  return x == y || x.find(y) != std::string::npos || y.find(x) != std::string::npos;
}

}  // namespace

bool valid_status(std::string_view s) { return in(kStatuses, s); }
std::string_view status_name(std::string_view s) { return name_in(kStatuses, s); }
bool valid_hardship_category(std::string_view c) { return in(kCategories, c); }
std::string_view hardship_category_name(std::string_view c) { return name_in(kCategories, c); }
bool valid_need(std::string_view n) { return in(kNeeds, n); }
std::string_view need_name(std::string_view n) { return name_in(kNeeds, n); }
bool valid_method(std::string_view m) { return in(kMethods, m); }
std::string_view method_name(std::string_view m) { return name_in(kMethods, m); }
bool valid_household(std::string_view h) { return in(kHouseholds, h); }
std::string_view household_name(std::string_view h) { return name_in(kHouseholds, h); }
bool valid_outcome(std::string_view o) { return o != "referred" && in(kReferralStates, o); }
std::string_view referral_state_name(std::string_view s) { return name_in(kReferralStates, s); }
bool valid_guidance_kind(std::string_view k) { return k == "guidance" || k == "training"; }
std::string_view guidance_state_name(std::string_view s) { return name_in(kGuidanceStates, s); }

bool can_move_training(std::string_view from, std::string_view to) {
  if (from == "referred") return to == "enrolled" || to == "dropped";
  if (from == "enrolled") return to == "completed" || to == "dropped";
  return false;
}

Result<std::string> normal_codes(const std::vector<std::string>& codes, bool (*valid)(std::string_view),
                                 std::string_view field, std::string_view what) {
  std::vector<std::string> out;
  for (const auto& c : codes) {
    if (!valid(c)) return fail(ErrorCode::kInvalidArgument, fmt::format("{}不正确: {}", what, c), std::string(field));
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  std::sort(out.begin(), out.end());
  return fmt::format("{}", fmt::join(out, ","));
}

Result<std::string> normal_skills(const std::vector<std::string>& skills, std::string_view field) {
  std::vector<std::string> out;
  for (auto s : skills) {
    const auto b = s.find_first_not_of(" \t");
    const auto e = s.find_last_not_of(" \t");
    s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
    if (s.empty()) continue;
    if (s.find(',') != std::string::npos || utf8_length(s) > 20)
      return fail(ErrorCode::kInvalidArgument, "每项技能不超过 20 字, 不含逗号", std::string(field));
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  if (out.size() > 20) return fail(ErrorCode::kInvalidArgument, "技能最多 20 项", std::string(field));
  return fmt::format("{}", fmt::join(out, ","));
}

time::Date retirement_date(const time::Date& birth, std::string_view gender) {
  const bool man = gender == "M";
  const int base_years = man ? 60 : 55;
  const int from_year = man ? 1965 : 1970;
  const int index = (birth.year - from_year) * 12 + (birth.month - 1);
  const int delay = index < 0 ? 0 : std::min(36, index / 4 + 1);
  return add_months(birth, base_years * 12 + delay);
}

Result<void> check_working_age(const time::Date& birth, std::string_view gender, const time::Date& today) {
  if (privacy::age_on(birth, today) < 16)
    return fail(ErrorCode::kUnprocessable, "未满 16 周岁, 不属于劳动年龄人口", "id_number");
  if (day_number(today) >= day_number(retirement_date(birth, gender)))
    return fail(ErrorCode::kUnprocessable, "已达法定退休年龄, 不属于劳动年龄人口", "id_number");
  return {};
}

Result<void> check_registration(const Registration& r, const time::Date& birth, std::string_view gender,
                                const time::Date& today) {
  if (!valid_status(r.status)) return fail(ErrorCode::kInvalidArgument, "就业状态不正确", "status");
  if (r.status == "hardship") {
    if (r.hardship_category.empty())
      return fail(ErrorCode::kInvalidArgument, "请选择就业困难人员类别", "hardship_category");
    if (!valid_hardship_category(r.hardship_category))
      return fail(ErrorCode::kInvalidArgument, "就业困难人员类别不正确", "hardship_category");
    if (r.hardship_category == "age_4050") {
      const auto on = r.registered.value_or(today);
      if (privacy::age_on(birth, on) < (gender == "M" ? 50 : 40))
        return fail(ErrorCode::kUnprocessable, "大龄失业人员须为女性满 40 周岁或男性满 50 周岁", "hardship_category");
    }
  } else if (!r.hardship_category.empty()) {
    return fail(ErrorCode::kInvalidArgument, "只有就业困难人员才有类别", "hardship_category");
  }
  if (r.status == "unemployed" || r.status == "hardship") {
    if (!r.registered) return fail(ErrorCode::kInvalidArgument, "请填写失业登记日期", "registered_day");
    if (day_number(*r.registered) > day_number(today))
      return fail(ErrorCode::kInvalidArgument, "失业登记日期不能晚于今天", "registered_day");
  }
  return {};
}

std::optional<int> visit_period_days(std::string_view status) {
  if (status == "hardship" || status == "unemployed") return 30;
  if (status == "flexible") return 90;
  return std::nullopt;
}

std::optional<Match> match(const Person& person, const Post& post) {
  if (!post.open || post.filled >= post.headcount) return std::nullopt;
  if (person.status == "employed") return std::nullopt;
  const auto needs = split_list(person.needs);
  if (std::find(needs.begin(), needs.end(), "job") == needs.end()) return std::nullopt;
  if (post.welfare && person.status != "hardship") return std::nullopt;
  Match m;
  std::vector<std::string> hits;
  const auto wanted = split_list(post.skills);
  for (const auto& s : split_list(person.skills))
    for (const auto& w : wanted)
      if (words_match(s, w)) {
        hits.push_back(s);
        break;
      }
  if (!hits.empty()) {
    m.score += 10 * static_cast<int>(hits.size());
    m.reasons.push_back(fmt::format("技能相符: {}", fmt::join(hits, "、")));
  }
  if (!person.desired_job.empty() && words_match(person.desired_job, post.title)) {
    m.score += 8;
    m.reasons.push_back("意向岗位相符");
  }
  if (person.status == "hardship") {
    m.score += 3;
    m.reasons.push_back(post.welfare ? "就业困难人员托底安置" : "就业困难人员优先推荐");
  }
  // Work near home: the post's street holds the person's community.
  const auto street = [](const std::string& path) {
    // "/110000/110101/110101001/..." -> "/110000/110101/110101001/"
    std::size_t pos = 0;
    for (int i = 0; i < 3 && pos != std::string::npos; ++i) pos = path.find('/', pos + 1);
    return pos == std::string::npos ? path : path.substr(0, pos + 1);
  };
  if (!post.unit_path.empty() && street(person.unit_path) == street(post.unit_path)) {
    m.score += 2;
    m.reasons.push_back("本街道岗位");
  }
  if (m.reasons.empty()) m.reasons.push_back("有求职需求");
  return m;
}

time::Date latest_subsidy_end(const time::Date& start, const time::Date& retirement) {
  const auto three_years = add_months(start, 36);
  // 距法定退休年龄不足五年的, 可延长至退休.
  if (day_number(add_months(start, 60)) > day_number(retirement) &&
      day_number(retirement) > day_number(three_years))
    return retirement;
  return three_years;
}

Result<void> check_subsidy_period(const time::Date& start, const time::Date& end, const time::Date& retirement) {
  if (day_number(end) <= day_number(start))
    return fail(ErrorCode::kInvalidArgument, "补贴截止日期须晚于上岗日期", "subsidy_end_day");
  const auto latest = latest_subsidy_end(start, retirement);
  if (day_number(end) > day_number(latest))
    return fail(ErrorCode::kUnprocessable,
                fmt::format("公益性岗位补贴期限最长三年(距退休不足五年的可至退休), 本人最晚至 {}", latest.iso()),
                "subsidy_end_day");
  return {};
}

std::string_view subsidy_flag(const std::string& end_day, const time::Date& today) {
  auto end = time::parse_date(end_day);
  if (!end) return "";
  const auto left = day_number(*end) - day_number(today);
  if (left < 0) return "expired";
  if (left <= 30) return "ending";
  return "";
}

}  // namespace yc::employment
