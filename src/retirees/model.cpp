#include "retirees/model.hpp"

#include <charconv>

#include "platform/text.hpp"

namespace yc::retirees {
namespace {
struct Named {
  std::string_view code, name;
};
constexpr Named kStatuses[] = {{"active", "正常"}, {"death_reported", "死亡待复核"}, {"deceased", "已故"}};
constexpr Named kKinds[] = {{"retiree", "退休人员"}, {"work_injury", "工伤待遇人员"}};
constexpr Named kBenefits[] = {
    {"disability_allowance", "伤残津贴"}, {"nursing_care", "生活护理费"}, {"dependant_pension", "供养亲属抚恤金"}};
constexpr Named kMethods[] = {{"visit", "上门"}, {"phone", "电话"}, {"walk_in", "来访"}, {"other", "其他"}};
constexpr Named kActivities[] = {{"culture", "文体活动"}, {"health", "健康讲座"}, {"policy", "政策宣传"}, {"other", "其他"}};
constexpr Named kSources[] = {{"family", "家属告知"}, {"police", "公安"}, {"hospital", "医院"}, {"other", "其他"}};

std::string_view name_in(const auto& table, std::string_view code) {
  for (const auto& n : table)
    if (n.code == code) return n.name;
  return "";
}

int number(std::string_view s) {
  int v = -1;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() ? v : -1;
}
}  // namespace

std::string_view status_name(std::string_view status) { return name_in(kStatuses, status); }
std::string_view kind_name(std::string_view kind) { return name_in(kKinds, kind); }
std::string_view benefit_kind_name(std::string_view benefit) { return name_in(kBenefits, benefit); }
std::string_view contact_method_name(std::string_view method) { return name_in(kMethods, method); }
std::string_view activity_kind_name(std::string_view kind) { return name_in(kActivities, kind); }
std::string_view death_source_name(std::string_view source) { return name_in(kSources, source); }

Result<time::Date> parse_past_day(std::string_view iso, const time::Date& today, std::string_view field) {
  const auto bad = [&] { return fail(ErrorCode::kInvalidArgument, "日期格式应为 YYYY-MM-DD", std::string(field)); };
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return bad();
  const time::Date d{number(iso.substr(0, 4)), number(iso.substr(5, 2)), number(iso.substr(8, 2))};
  if (d.year < 1950 || d.month < 1 || d.month > 12 || d.day < 1) return bad();
  if (time::civil_from_days(time::days_from_civil(d)) != d) return bad();
  if (d.iso() > today.iso()) return fail(ErrorCode::kInvalidArgument, "日期不能晚于今天", std::string(field));
  return d;
}

Result<void> validate(const Entry& e, const time::Date& today) {
  if (kind_name(e.kind).empty()) return fail(ErrorCode::kInvalidArgument, "请选择退休人员或工伤待遇人员", "kind");
  YC_TRY(parse_past_day(e.start_day, today, "start_day"));
  if (utf8_length(e.former_employer) > 100) return fail(ErrorCode::kInvalidArgument, "原工作单位不超过 100 字", "former_employer");
  if (e.kind == "retiree") {
    if (!e.benefit_kind.empty() || e.injury_level)
      return fail(ErrorCode::kInvalidArgument, "退休人员不填写工伤待遇和伤残等级", "benefit_kind");
    return {};
  }
  if (benefit_kind_name(e.benefit_kind).empty()) return fail(ErrorCode::kInvalidArgument, "请选择工伤待遇类别", "benefit_kind");
  if (e.benefit_kind == "dependant_pension") {
    if (e.injury_level) return fail(ErrorCode::kInvalidArgument, "供养亲属不填写伤残等级", "injury_level");
    return {};
  }
  if (!e.injury_level || *e.injury_level < 1 || *e.injury_level > 10)
    return fail(ErrorCode::kInvalidArgument, "请选择伤残等级(一至十级)", "injury_level");
  if (e.benefit_kind == "disability_allowance" && *e.injury_level > 6)
    return fail(ErrorCode::kInvalidArgument, "伤残津贴仅适用于一至六级伤残", "injury_level");
  return {};
}

bool uncontacted_this_year(std::string_view status, const std::optional<std::string>& last_contact_day,
                           const time::Date& today) {
  if (status == "deceased") return false;
  const time::Date new_year{today.year, 1, 1};
  return !last_contact_day || *last_contact_day < new_year.iso();
}

Result<void> check_death_step(DeathStep step, bool formal_staff, std::int64_t actor, std::int64_t reported_by) {
  if (step == DeathStep::kReport) {
    if (!formal_staff)
      return fail(ErrorCode::kUnprocessable, "死亡报告影响待遇发放，属高风险岗位，须由编制内人员办理", "formal_staff");
    return {};
  }
  if (!formal_staff)
    return fail(ErrorCode::kUnprocessable, "待遇停发复核属高风险岗位，须由编制内人员办理", "formal_staff");
  if (actor == reported_by)
    return fail(ErrorCode::kUnprocessable, "报告人不得复核本人报告的死亡信息，须由另一名工作人员复核", "checked_by");
  return {};
}

time::Date benefit_stop_day(const time::Date& death_day) {
  if (death_day.month == 12) return {death_day.year + 1, 1, 1};
  return {death_day.year, death_day.month + 1, 1};
}

}  // namespace yc::retirees
