#pragma once
// Staff, posts and compliance (issue 9; policy 三(七)(九), 四(四)): the rules,
// pure (no I/O). The service (next) loads a person's assignments, training
// and attendance, calls these and refuses an assignment with every
// violation's reason; the compliance dashboard runs the same checks.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/time.hpp"

namespace yc::staff {

// 三(七): 编制内 (civil servants and public-institution staff) are "formal";
// 协管员, 社区服务岗, 购买服务 and 合同制 staff are not.
enum class Employment { kCivilServant, kInstitution, kAssistant, kCommunityPost, kPurchased, kContract };
std::optional<Employment> employment_from(std::string_view code);
std::string_view employment_code(Employment e);  // civil_servant, institution, assistant, ...
std::string_view employment_name(Employment e);  // 公务员(参公), 事业编制, 协管员, ...
bool is_formal(Employment e);

enum class Post {
  kIntake,           // 综合受理
  kFirstReview,      // 初审
  kSecondReview,     // 复审
  kApproval,         // 审批
  kRecheck,          // 复核
  kBenefitPayment,   // 待遇发放 (high risk)
  kRateSetting,      // 费率核定 (high risk)
  kInternalControl,  // 内控 (四(四))
  kArchive,          // 档案管理
  kHallLead,         // 大厅负责人
};
std::optional<Post> post_from(std::string_view code);
std::string_view post_code(Post p);  // intake, first_review, ...
std::string_view post_name(Post p);  // 综合受理, 初审, ...
// 三(七): 待遇发放、费率核定等高风险岗位.
bool is_high_risk(Post p);

// A dated post held by a person, for one item category or all ("").
struct Assignment {
  Post post = Post::kIntake;
  std::string category;             // catalog category code; "" = every category
  time::Date from;
  std::optional<time::Date> to;     // inclusive last day; nullopt = still held
};

// Two posts one person may not hold at the same time (岗位不相容).
struct Incompatible {
  Post a, b;
  bool same_category_only = false;  // only when both cover the same category
};
// The matrix seeded from 三(七) (初审/复审/审批 by different people, 复核 apart
// from those it checks, 待遇发放 apart from 费率核定) and 四(四) (the
// internal-control post apart from every business post). A city may add pairs.
std::vector<Incompatible> default_incompatible();

struct Violation {
  std::string rule;     // stable code: incompatible_posts, high_risk_formal_only, ...
  std::string clause;   // 三(七)
  std::string message;  // Chinese, for people
};

// Whether two assignments overlap in time (categories are the caller's).
bool overlaps(const Assignment& x, const Assignment& y);

struct Training {
  double days_this_year = 0;  // 三(九): at least 5 a year
  bool pre_post_passed = false;  // 三(九): 新招用人员应培训合格后上岗
};

// Checks a proposed assignment against the person's others; empty = allowed.
std::vector<Violation> check_assignment(Employment employment, const std::vector<Assignment>& held,
                                        const Assignment& proposed, const std::vector<Incompatible>& matrix,
                                        const Training& training);

// 三(七): the consecutive time on one post (back-to-back or overlapping
// spans merged, across categories) that is still held on `today`. On a
// high-risk post: a warning from 4 years 6 months, a violation after 5 years
// (the calendar anniversary, not a day count).
struct Tenure {
  std::optional<time::Date> since;  // nullopt: the post is not held today
  int days = 0;
  enum class Level { kOk, kWarning, kViolation } level = Level::kOk;
};
Tenure consecutive_tenure(const std::vector<Assignment>& history, Post post, const time::Date& today);

// 三(七): at least 1.2 staff per window (as tenths, no floating point).
std::optional<Violation> check_window_staffing(int staff, int windows);

// 三(七): formal staff on post at least 98% of the working days that count in
// a month (到岗率). The caller decides which absences count (secondment
// always does: 不得挪用或抽调).
std::optional<Violation> check_on_post_rate(int on_post_days, int due_days);

// 三(九): at least 5 training days per person per year.
inline constexpr double kTrainingDaysPerYear = 5.0;  // 三(九) 每人每年不少于5天
std::optional<Violation> check_training_days(double days_this_year);

}  // namespace yc::staff
