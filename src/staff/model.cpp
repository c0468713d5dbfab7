#include "staff/model.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include <fmt/format.h>

namespace yc::staff {
namespace {

struct EmploymentRow {
  Employment e;
  std::string_view code, name;
  bool formal;
};
constexpr std::array<EmploymentRow, 6> kEmployments{{
    {Employment::kCivilServant, "civil_servant", "公务员(参公)", true},
    {Employment::kInstitution, "institution", "事业编制", true},
    {Employment::kAssistant, "assistant", "协管员", false},
    {Employment::kCommunityPost, "community_post", "社区服务岗", false},
    {Employment::kPurchased, "purchased", "购买服务", false},
    {Employment::kContract, "contract", "合同制", false},
}};

struct PostRow {
  Post p;
  std::string_view code, name;
  bool high_risk;
};
constexpr std::array<PostRow, 10> kPosts{{
    {Post::kIntake, "intake", "综合受理", false},
    {Post::kFirstReview, "first_review", "初审", false},
    {Post::kSecondReview, "second_review", "复审", false},
    {Post::kApproval, "approval", "审批", false},
    {Post::kRecheck, "recheck", "复核", false},
    {Post::kBenefitPayment, "benefit_payment", "待遇发放", true},
    {Post::kRateSetting, "rate_setting", "费率核定", true},
    {Post::kInternalControl, "internal_control", "内控", false},
    {Post::kArchive, "archive", "档案管理", false},
    {Post::kHallLead, "hall_lead", "大厅负责人", false},
}};

const EmploymentRow& row(Employment e) {
  return *std::find_if(kEmployments.begin(), kEmployments.end(), [&](const auto& r) { return r.e == e; });
}
const PostRow& row(Post p) {
  return *std::find_if(kPosts.begin(), kPosts.end(), [&](const auto& r) { return r.p == p; });
}

std::int64_t day(const time::Date& d) { return time::days_from_civil(d); }
std::int64_t last_day(const Assignment& a) {
  return a.to ? day(*a.to) : std::numeric_limits<std::int64_t>::max();
}

// The same month and day `months` later (the 29th of February, and the 31st
// of a shorter month, fall on the month's last day).
time::Date add_months(const time::Date& d, int months) {
  int total = d.year * 12 + (d.month - 1) + months;
  time::Date out{total / 12, total % 12 + 1, 1};
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int dim = kDays[out.month - 1];
  if (out.month == 2 && ((out.year % 4 == 0 && out.year % 100 != 0) || out.year % 400 == 0)) dim = 29;
  out.day = std::min(d.day, dim);
  return out;
}

std::string covering(const Assignment& a) {
  return a.category.empty() ? std::string("全部类别") : fmt::format("“{}”类", a.category);
}

}  // namespace

std::optional<Employment> employment_from(std::string_view code) {
  for (const auto& r : kEmployments) {
    if (r.code == code) return r.e;
  }
  return std::nullopt;
}
std::string_view employment_code(Employment e) { return row(e).code; }
std::string_view employment_name(Employment e) { return row(e).name; }
bool is_formal(Employment e) { return row(e).formal; }

std::optional<Post> post_from(std::string_view code) {
  for (const auto& r : kPosts) {
    if (r.code == code) return r.p;
  }
  return std::nullopt;
}
std::string_view post_code(Post p) { return row(p).code; }
std::string_view post_name(Post p) { return row(p).name; }
bool is_high_risk(Post p) { return row(p).high_risk; }

std::vector<Incompatible> default_incompatible() {
  std::vector<Incompatible> m = {
      // 三(七) 实行初审、复审、审批制度: each step by another person, and the
      // clerk who took the case does not approve it.
      {Post::kIntake, Post::kApproval, true},
      {Post::kFirstReview, Post::kSecondReview, true},
      {Post::kFirstReview, Post::kApproval, true},
      {Post::kSecondReview, Post::kApproval, true},
      // 重要业务应建立复核机制: the recheck is by someone who did not handle it.
      {Post::kRecheck, Post::kIntake, true},
      {Post::kRecheck, Post::kFirstReview, true},
      {Post::kRecheck, Post::kSecondReview, true},
      {Post::kRecheck, Post::kApproval, true},
      {Post::kRecheck, Post::kBenefitPayment, false},
      // 待遇发放 vs 费率核定: the one who sets a rate does not pay by it.
      {Post::kBenefitPayment, Post::kRateSetting, false},
  };
  // 四(四) 设立专职内控岗位: full-time, so apart from every business post.
  for (Post p : {Post::kIntake, Post::kFirstReview, Post::kSecondReview, Post::kApproval, Post::kRecheck,
                 Post::kBenefitPayment, Post::kRateSetting, Post::kArchive, Post::kHallLead}) {
    m.push_back({Post::kInternalControl, p, false});
  }
  return m;
}

bool overlaps(const Assignment& x, const Assignment& y) {
  bool in_time = day(x.from) <= last_day(y) && day(y.from) <= last_day(x);
  return in_time;
}

std::vector<Violation> check_assignment(Employment employment, const std::vector<Assignment>& held,
                                        const Assignment& proposed, const std::vector<Incompatible>& matrix,
                                        const Training& training) {
  std::vector<Violation> out;
  if (proposed.to && day(*proposed.to) < day(proposed.from)) {
    out.push_back({"bad_period", "", "任职结束日期早于开始日期"});
    return out;
  }
  if (is_high_risk(proposed.post) && !is_formal(employment)) {
    out.push_back({"high_risk_formal_only", "三(七)",
                   fmt::format("{}是高风险岗位，必须由编制内人员担任，该人员为{}", post_name(proposed.post),
                               employment_name(employment))});
  }
  if (!training.pre_post_passed) {
    out.push_back({"pre_post_training", "三(九)", "新上岗人员须先参加岗前培训并考核合格"});
  }
  for (const auto& h : held) {
    if (!overlaps(h, proposed)) continue;
    if (h.post == proposed.post &&
        (h.category == proposed.category || h.category.empty() || proposed.category.empty())) {
      out.push_back({"already_held", "", fmt::format("该人员在此期间已担任{}（{}）", post_name(h.post), covering(h))});
      continue;
    }
    for (const auto& pair : matrix) {
      bool match = (pair.a == h.post && pair.b == proposed.post) || (pair.b == h.post && pair.a == proposed.post);
      if (!match) continue;
      bool same_category = h.category.empty() || proposed.category.empty() || h.category == proposed.category;
      if (pair.same_category_only && !same_category) continue;
      bool internal = pair.a == Post::kInternalControl || pair.b == Post::kInternalControl;
      out.push_back({"incompatible_posts", internal ? "四(四)" : "三(七)",
                     fmt::format("{}与{}为不相容岗位，该人员在此期间已担任{}（{}）", post_name(proposed.post),
                                 post_name(h.post), post_name(h.post), covering(h))});
      break;
    }
  }
  return out;
}

Tenure consecutive_tenure(const std::vector<Assignment>& history, Post post, const time::Date& today) {
  std::vector<const Assignment*> spans;
  for (const auto& a : history) {
    if (a.post == post && day(a.from) <= day(today)) spans.push_back(&a);
  }
  std::sort(spans.begin(), spans.end(), [](const auto* x, const auto* y) { return day(x->from) < day(y->from); });
  // Merge spans that touch or overlap; the last merged run must reach today.
  Tenure t;
  std::optional<std::int64_t> start, end;
  for (const auto* a : spans) {
    if (start && day(a->from) <= *end + 1) {
      end = std::max(*end, last_day(*a));
    } else {
      start = day(a->from);
      end = last_day(*a);
    }
  }
  if (!start || *end < day(today)) return t;
  t.since = time::civil_from_days(*start);
  t.days = static_cast<int>(day(today) - *start + 1);
  if (is_high_risk(post)) {
    if (day(today) > day(add_months(*t.since, 60))) {
      t.level = Tenure::Level::kViolation;
    } else if (day(today) >= day(add_months(*t.since, 54))) {
      t.level = Tenure::Level::kWarning;
    }
  }
  return t;
}

std::optional<Violation> check_window_staffing(int staff, int windows) {
  if (windows <= 0) return std::nullopt;
  // staff / windows >= 1.2  <=>  10 * staff >= 12 * windows
  if (10 * staff >= 12 * windows) return std::nullopt;
  int needed = (12 * windows + 9) / 10;
  return Violation{"window_staffing", "三(七)",
                   fmt::format("窗口{}个，在岗经办人员{}人，低于每窗口1.2人（至少需要{}人）", windows, staff, needed)};
}

std::optional<Violation> check_on_post_rate(int on_post_days, int due_days) {
  if (due_days <= 0) return std::nullopt;
  // on_post / due >= 98%  <=>  100 * on_post >= 98 * due
  if (100 * on_post_days >= 98 * due_days) return std::nullopt;
  return Violation{"on_post_rate", "三(七)",
                   fmt::format("编制内人员到岗率{:.1f}%，低于98%（应到{}人日，实到{}人日）",
                               100.0 * on_post_days / due_days, due_days, on_post_days)};
}

std::optional<Violation> check_training_days(double days_this_year) {
  if (days_this_year >= kTrainingDaysPerYear) return std::nullopt;
  return Violation{"training_days", "三(九)",
                   fmt::format("本年度专项培训{:.1f}天，不足5天", days_this_year)};
}

}  // namespace yc::staff
