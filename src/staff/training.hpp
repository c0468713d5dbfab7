#pragma once
// Training courses and sessions (issue 9, item 4; policy 三(九) 每人每年培训
// 不少于5天、先培训后上岗): a unit offers a course in sessions, enrols people,
// and once a session has taken place records in one go who attended and
// their exam score. Each attendance becomes the person's training record
// (staff_training), which the assignment rules and the 5-day total read.

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

struct Course {
  std::int64_t id = 0;
  std::string title, kind, unit_code, unit_name;
  double days = 0;
  int pass_score = 60, sessions = 0;
  std::int64_t created_at = 0;
};

struct CourseInput {
  std::string title, kind, unit_code;
  double days = 0;
  int pass_score = 60;
};

struct Enrolment {
  std::int64_t account_id = 0;
  std::string login, name_masked, site_name;
  std::optional<bool> attended, passed;
  std::optional<int> score;
};

struct Session {
  std::int64_t id = 0, course_id = 0;
  std::string course_title, kind, day, place, trainer, unit_code, unit_name;
  double days = 0;
  int pass_score = 60, capacity = 0, enrolled = 0, attended = 0, passed = 0;
  bool recorded = false;
  std::vector<Enrolment> enrolments;  // detail only
};

struct SessionInput {
  std::int64_t course_id = 0;
  time::Date day;
  std::string place, trainer, unit_code;
  int capacity = 0;
};

struct SessionResult {
  std::int64_t account_id = 0;
  bool attended = false;
  std::optional<int> score;
};

struct TrainingTotal {
  std::int64_t account_id = 0;
  std::string login, name_masked, unit_name, site_name;
  double days = 0;  // annual training days of the year
  int sessions = 0;
  bool pre_post_passed = false, meets = false;
};

// Courses of the caller's units and of the units above them (a city course
// is offered to every district).
Result<std::vector<Course>> list_courses(store::Tx& tx, const org::Scope& scope);
Result<Course> create_course(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                             const CourseInput& in, std::int64_t now);

Result<std::vector<Session>> list_sessions(store::Tx& tx, const org::Scope& scope, int year);
Result<Session> get_session(store::Tx& tx, const org::Scope& scope, std::int64_t id);
Result<Session> create_session(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                               const SessionInput& in, std::int64_t now);
Result<Session> enrol(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t session_id,
                      const std::vector<std::int64_t>& accounts, std::int64_t now);
Result<Session> unenrol(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t session_id,
                        std::int64_t account_id);
// Exactly the enrolled people, a score for each who attended; not before
// the session's day; once.
Result<Session> record_results(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                               std::int64_t session_id, const std::vector<SessionResult>& results,
                               const time::Date& today, std::int64_t now);

// Everyone on the roster in scope (under unit_code when given) with the
// year's annual training days against the 5 days of 三(九).
Result<std::vector<TrainingTotal>> training_totals(store::Tx& tx, const org::Scope& scope, const std::string& unit_code,
                                                   int year);

}  // namespace yc::staff
