#pragma once
// Staff, posts and compliance (issue 9; docs/api/staff.md): profiles,
// dated post assignments checked against the rules of model.hpp, training,
// attendance, the compliance view per site and person, and capacity from
// the hall's real tickets. Every write is one transaction with its audit entry.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "platform/time.hpp"
#include "staff/model.hpp"
#include "store/database.hpp"

namespace yc::staff {

struct AssignmentRow {
  std::int64_t id = 0, account_id = 0;
  Assignment a;
  std::string reason;
  std::int64_t created_at = 0;
};

struct TrainingRow {
  std::int64_t id = 0;
  std::string course, kind, day;
  double days = 0;
  bool passed = false;
  std::optional<std::int64_t> session_id;  // recorded from a training session
  std::optional<int> score;
};

struct Person {
  std::int64_t account_id = 0;
  std::string login, name_masked, badge, unit_code, unit_name;
  std::optional<Employment> employment;  // nullopt: no profile yet
  std::optional<std::int64_t> site_id;
  std::string site_name;
  std::vector<std::string> categories;
  std::string hired_on;
  std::int64_t version = 0;
  bool has_photo = false;                 // 三亮明 亮身份 (account_photo)
  std::vector<AssignmentRow> posts;       // held today
  double training_days = 0;               // this year
  bool pre_post_passed = false;
  std::vector<Violation> warnings;
};

struct AttendanceDay {
  std::string day, status;
};

struct PersonDetail {
  Person person;
  std::vector<AssignmentRow> history;
  std::vector<TrainingRow> training;
  std::vector<AttendanceDay> attendance;  // the last 62 days with a record
};

// kNotFound (field account_id) unless the account's unit is in scope.
Result<void> person_in_scope(store::Tx& tx, const org::Scope& scope, std::int64_t account_id);

Result<std::vector<Person>> list_people(store::Tx& tx, const org::Scope& scope, std::optional<std::int64_t> site,
                                        const std::string& unit_code, const time::Date& today);
Result<PersonDetail> get_person(store::Tx& tx, const org::Scope& scope, std::int64_t account_id,
                                const time::Date& today);

struct ProfileInput {
  Employment employment = Employment::kContract;
  std::optional<std::int64_t> site_id;
  std::vector<std::string> categories;
  std::string hired_on;
  std::optional<std::int64_t> version;
};
Result<Person> put_profile(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t account_id,
                           const ProfileInput& in, const time::Date& today, std::int64_t now);

// Refused (kUnprocessable, field "post") with every violated rule, clause first.
Result<AssignmentRow> assign(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                             std::int64_t account_id, const Assignment& proposed, const std::string& reason,
                             std::optional<std::int64_t> by, std::int64_t now);
Result<AssignmentRow> end_assignment(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                     std::int64_t id, const time::Date& to, const std::string& reason,
                                     std::optional<std::int64_t> by);

Result<TrainingRow> add_training(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                 std::int64_t account_id, TrainingRow row, std::int64_t now);

Result<void> set_attendance(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                            std::int64_t account_id, const time::Date& day, const std::string& status,
                            std::int64_t now);

struct SiteCompliance {
  std::int64_t site_id = 0;
  std::string site_name, unit_code, unit_path;
  int windows = 0, staff = 0, formal_staff = 0;
  int on_post_days = 0, due_days = 0;  // formal staff's attendance records of the month (leave excluded)
  std::optional<double> on_post_rate;
  std::vector<Violation> violations;
};
struct PersonCompliance {
  std::int64_t account_id = 0;
  std::string name_masked, site_name, unit_path;
  std::vector<Violation> violations;
};
struct UnitRef {
  std::string code, name;
  int level = 0;
};
// One child unit, summing every site and person under it (drill-down).
struct UnitCompliance {
  UnitRef unit;
  int sites = 0, windows = 0, staff = 0, formal_staff = 0, on_post_days = 0, due_days = 0;
  int sites_with_violations = 0, people_with_violations = 0, violations = 0;
  std::optional<double> on_post_rate() const {
    return due_days > 0 ? std::optional<double>(static_cast<double>(on_post_days) / due_days) : std::nullopt;
  }
};
struct Compliance {
  std::string month;
  UnitRef unit;
  std::vector<UnitRef> path;  // from the top of the caller's scope down to unit
  std::vector<UnitCompliance> children;
  std::vector<SiteCompliance> sites;
  std::vector<PersonCompliance> people;
};
// month: "YYYY-MM"; today: the day the rules are judged on; unit_code ""
// = the top of the caller's scope.
Result<Compliance> compliance(store::Tx& tx, const org::Scope& scope, const std::string& unit_code,
                              const std::string& month, const time::Date& today);

struct HourCapacity {
  int hour = 0, arrivals = 0, windows_needed = 0;
  double mean_service_seconds = 0, service_level = 0, mean_wait_seconds = 0;
};
struct CapacityReport {
  std::int64_t site_id = 0;
  std::string day;
  int windows_open = 0, staff_on_roster = 0;
  std::vector<HourCapacity> hours;
};
Result<CapacityReport> capacity(store::Tx& tx, const org::Scope& scope, std::int64_t site_id, const time::Date& day,
                                double target_share, double target_wait_seconds);

}  // namespace yc::staff
