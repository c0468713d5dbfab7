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

struct CheckItem {
  std::int64_t id = 0, case_id = 0;
  std::string case_no, item_name, status, outcome, accepted_day, result, note;
};

struct Finding {
  std::int64_t id = 0, check_id = 0, item_id = 0, case_id = 0;
  std::string case_no, unit_code, description, due_day, follow_up;
  std::optional<std::int64_t> closed_at;
};

struct Check {
  std::int64_t id = 0;
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
};

// by: the account running it (must hold the internal_control post on `today`).
Result<Check> create_check(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                           const CheckInput& in, const time::Date& today, std::int64_t now);
Result<std::vector<Check>> list_checks(store::Tx& tx, const org::Scope& scope);
Result<Check> get_check(store::Tx& tx, const org::Scope& scope, std::int64_t id);
// result: ok | finding; a finding needs a note and gets due = due_days working days after today.
Result<Check> judge_item(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                         std::int64_t check_id, std::int64_t item_id, const std::string& result,
                         const std::string& note, int due_days, const time::Date& today, std::int64_t now);
Result<Finding> close_finding(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                              std::int64_t id, const std::string& follow_up, std::int64_t now);

}  // namespace yc::staff
