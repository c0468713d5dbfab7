#pragma once
// Internal control (issue 9, item 5; policy 四(四), annex 一(四)): the
// internal-control post samples finished cases of a unit at random, records
// a result per case, and a finding gets a working-day deadline and a
// follow-up. Only someone holding the internal_control post runs checks.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "platform/time.hpp"
#include "store/database.hpp"

namespace yc::staff {

// The four points of a benefit payment review (待遇发放复核).
struct Checklist {
  bool eligibility = false;  // 资格条件
  bool standard = false;     // 标准与金额
  bool account = false;      // 发放账户为本人
  bool approval = false;     // 审批手续完整、不相容岗位分离
  bool all() const { return eligibility && standard && account && approval; }
};

// Who handled one step of a sampled case (from its history).
struct Handler {
  std::string step, name_masked;
  std::int64_t account_id = 0;
};

struct CheckItem {
  std::int64_t id = 0, case_id = 0;
  std::string case_no, item_name, status, outcome, accepted_day, result, note;
  std::optional<Checklist> checklist;
  std::vector<Handler> handlers;
  bool separation_ok = true;  // 三(七): nobody handled two of the steps
};

struct Finding {
  std::int64_t id = 0, check_id = 0, item_id = 0, case_id = 0;
  std::string case_no, unit_code, description, due_day, follow_up;
  std::optional<std::int64_t> closed_at;
};

struct Check {
  std::int64_t id = 0;
  std::string kind;  // cases | benefit_payment
  std::string unit_code, unit_name, period_from, period_to;
  int sample_size = 0, checked = 0, findings = 0, open_findings = 0;
  std::int64_t created_by = 0, created_at = 0;
  std::vector<CheckItem> items;     // detail only
  std::vector<Finding> finding_list;  // detail only
};

struct CheckInput {
  std::string unit_code;
  time::Date from, to;
  int sample_size = 10;  // 1..50
  std::string kind = "cases";  // cases | benefit_payment (行政给付 items only)
};

// by: the account running it (must hold the internal_control post on `today`).
Result<Check> create_check(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                           const CheckInput& in, const time::Date& today, std::int64_t now);
Result<std::vector<Check>> list_checks(store::Tx& tx, const org::Scope& scope);
Result<Check> get_check(store::Tx& tx, const org::Scope& scope, std::int64_t id);
struct Judgement {
  std::string result;  // ok | finding
  std::string note;    // required for a finding
  int due_days = 10;   // a finding is due this many working days after today
  std::optional<Checklist> checklist;  // required (and only allowed) in a benefit_payment check
};
Result<Check> judge_item(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                         std::int64_t check_id, std::int64_t item_id, const Judgement& j, const time::Date& today,
                         std::int64_t now);
Result<Finding> close_finding(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                              std::int64_t id, const std::string& follow_up, std::int64_t now);

}  // namespace yc::staff
