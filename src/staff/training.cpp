#include "staff/training.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "audit/service.hpp"
#include "staff/model.hpp"
#include "staff/service.hpp"

namespace yc::staff {
namespace {

// A course is offered below its unit: visible when the scope covers it or
// it sits above one of the scope's units.
bool course_visible(const org::Scope& scope, const std::string& path) {
  if (scope.covers(path)) return true;
  return std::any_of(scope.paths().begin(), scope.paths().end(),
                     [&](const std::string& p) { return p.rfind(path, 0) == 0; });
}

constexpr const char* kCourseSql =
    "SELECT c.id, c.title, c.kind, c.days_x10, c.pass_score, c.unit_code, u.name, c.created_at, c.unit_path, "
    "(SELECT COUNT(*) FROM training_session s WHERE s.course_id = c.id) "
    "FROM training_course c JOIN org_unit u ON u.code = c.unit_code ";

Course course_from(const store::Row& r) {
  Course c;
  c.id = r.int64(0);
  c.title = r.text(1);
  c.kind = r.text(2);
  c.days = static_cast<double>(r.int64(3)) / 10.0;
  c.pass_score = static_cast<int>(r.int64(4));
  c.unit_code = r.text(5);
  c.unit_name = r.text(6);
  c.created_at = r.int64(7);
  c.sessions = static_cast<int>(r.int64(9));
  return c;
}

constexpr const char* kSessionSql =
    "SELECT s.id, s.course_id, c.title, c.kind, c.days_x10, c.pass_score, s.day, s.place, s.trainer, s.capacity, "
    "s.unit_code, u.name, s.recorded_at, "
    "(SELECT COUNT(*) FROM training_enrolment e WHERE e.session_id = s.id), "
    "(SELECT COUNT(*) FROM training_enrolment e WHERE e.session_id = s.id AND e.attended = 1), "
    "(SELECT COUNT(*) FROM training_enrolment e WHERE e.session_id = s.id AND e.attended = 1 "
    "AND e.score >= c.pass_score), s.unit_path "
    "FROM training_session s JOIN training_course c ON c.id = s.course_id JOIN org_unit u ON u.code = s.unit_code ";

Session session_from(const store::Row& r) {
  Session s;
  s.id = r.int64(0);
  s.course_id = r.int64(1);
  s.course_title = r.text(2);
  s.kind = r.text(3);
  s.days = static_cast<double>(r.int64(4)) / 10.0;
  s.pass_score = static_cast<int>(r.int64(5));
  s.day = r.text(6);
  s.place = r.text(7);
  s.trainer = r.text(8);
  s.capacity = static_cast<int>(r.int64(9));
  s.unit_code = r.text(10);
  s.unit_name = r.text(11);
  s.recorded = r.opt_int64(12).has_value();
  s.enrolled = static_cast<int>(r.int64(13));
  s.attended = static_cast<int>(r.int64(14));
  s.passed = static_cast<int>(r.int64(15));
  return s;
}

Result<std::string> unit_path_in(store::Tx& tx, const org::Scope& scope, const std::string& code) {
  auto unit = tx.one("SELECT path FROM org_unit WHERE code = $1", {code});
  if (!unit || !scope.covers(unit->text(0))) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
  return unit->text(0);
}

Result<Session> open_session(store::Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto s = YC_TRY(get_session(tx, scope, id));
  if (s.recorded) return fail(ErrorCode::kConflict, "该场次已录入结果，不能再调整", "id");
  return s;
}

}  // namespace

Result<std::vector<Course>> list_courses(store::Tx& tx, const org::Scope& scope) {
  auto rows = YC_TRY(tx.query(std::string(kCourseSql) + "ORDER BY c.created_at DESC, c.id DESC"));
  std::vector<Course> out;
  for (const auto& r : rows.rows) {
    if (course_visible(scope, r.text(8))) out.push_back(course_from(r));
  }
  return out;
}

Result<Course> create_course(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                             const CourseInput& in, std::int64_t now) {
  if (in.title.empty()) return fail(ErrorCode::kInvalidArgument, "请填写课程名称", "title");
  if (in.kind != "pre_post" && in.kind != "annual")
    return fail(ErrorCode::kInvalidArgument, "课程类别只能是岗前培训或年度培训", "kind");
  if (!(in.days >= 0.5 && in.days <= 30))
    return fail(ErrorCode::kInvalidArgument, "培训天数应在 0.5 到 30 天之间", "days");
  if (in.pass_score < 0 || in.pass_score > 100)
    return fail(ErrorCode::kInvalidArgument, "合格分数应在 0 到 100 之间", "pass_score");
  const auto path = YC_TRY(unit_path_in(tx, scope, in.unit_code));
  auto id = YC_TRY(tx.one("INSERT INTO training_course (title, kind, days_x10, pass_score, unit_code, unit_path, "
                          "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                          {in.title, in.kind, static_cast<std::int64_t>(std::lround(in.days * 10)),
                           std::int64_t{in.pass_score}, in.unit_code, path, by, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "training.course.create", "training_course",
                                                 std::to_string(id.int64(0)))));
  return course_from(YC_TRY(tx.one(std::string(kCourseSql) + "WHERE c.id = $1", {id.int64(0)})));
}

Result<std::vector<Session>> list_sessions(store::Tx& tx, const org::Scope& scope, int year) {
  std::vector<store::Param> params{fmt::format("{:04d}-%", year)};
  auto rows = YC_TRY(tx.query(std::string(kSessionSql) + "WHERE s.day LIKE $1 AND " + scope.sql("s.unit_path", params) +
                                  " ORDER BY s.day DESC, s.id DESC LIMIT 500",
                              params));
  std::vector<Session> out;
  for (const auto& r : rows.rows) out.push_back(session_from(r));
  return out;
}

Result<Session> get_session(store::Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto row = tx.one(std::string(kSessionSql) + "WHERE s.id = $1", {id});
  if (!row || !scope.covers(row->text(16))) return fail(ErrorCode::kNotFound, "培训场次不存在", "id");
  Session s = session_from(*row);
  auto rows = YC_TRY(tx.query("SELECT e.account_id, a.login, a.name_masked, COALESCE(st.name, ''), e.attended, e.score "
                              "FROM training_enrolment e JOIN account a ON a.id = e.account_id "
                              "LEFT JOIN staff_profile p ON p.account_id = e.account_id "
                              "LEFT JOIN org_site st ON st.id = p.site_id WHERE e.session_id = $1 ORDER BY a.login",
                              {id}));
  for (const auto& r : rows.rows) {
    Enrolment e{r.int64(0), r.text(1), r.text(2), r.text(3), std::nullopt, std::nullopt, std::nullopt};
    if (auto attended = r.opt_int64(4)) {
      e.attended = *attended != 0;
      if (auto score = r.opt_int64(5)) e.score = static_cast<int>(*score);
      e.passed = *e.attended && e.score && *e.score >= s.pass_score;
    }
    s.enrolments.push_back(std::move(e));
  }
  return s;
}

Result<Session> create_session(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                               const SessionInput& in, std::int64_t now) {
  auto course = tx.one(std::string(kCourseSql) + "WHERE c.id = $1", {in.course_id});
  if (!course || !course_visible(scope, course->text(8))) return fail(ErrorCode::kNotFound, "课程不存在", "course_id");
  if (in.place.empty()) return fail(ErrorCode::kInvalidArgument, "请填写培训地点", "place");
  if (in.capacity < 1 || in.capacity > 500)
    return fail(ErrorCode::kInvalidArgument, "名额应在 1 到 500 人之间", "capacity");
  const auto path = YC_TRY(unit_path_in(tx, scope, in.unit_code));
  auto id = YC_TRY(tx.one("INSERT INTO training_session (course_id, day, place, trainer, capacity, unit_code, unit_path, "
                          "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                          {in.course_id, in.day.iso(), in.place, in.trainer, std::int64_t{in.capacity}, in.unit_code,
                           path, by, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "training.session.create", "training_session",
                                                 std::to_string(id.int64(0)))));
  return get_session(tx, scope, id.int64(0));
}

Result<Session> enrol(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t session_id,
                      const std::vector<std::int64_t>& accounts, std::int64_t now) {
  auto s = YC_TRY(open_session(tx, scope, session_id));
  if (accounts.empty()) return fail(ErrorCode::kInvalidArgument, "请选择参训人员", "account_ids");
  std::set<std::int64_t> already;
  for (const auto& e : s.enrolments) already.insert(e.account_id);
  std::set<std::int64_t> adding;
  for (auto id : accounts) {
    if (already.contains(id) || adding.contains(id)) continue;
    if (!person_in_scope(tx, scope, id))
      return fail(ErrorCode::kUnprocessable, "所选人员不在本单位范围内", "account_ids");
    auto profile = tx.one("SELECT a.name_masked, p.account_id FROM account a LEFT JOIN staff_profile p "
                          "ON p.account_id = a.id WHERE a.id = $1",
                          {id});
    if (!profile || !profile->opt_int64(1))
      return fail(ErrorCode::kUnprocessable,
                  fmt::format("{} 尚未建立人员档案，不能报名培训", profile ? profile->text(0) : "所选人员"),
                  "account_ids");
    adding.insert(id);
  }
  if (s.enrolled + static_cast<int>(adding.size()) > s.capacity)
    return fail(ErrorCode::kUnprocessable,
                fmt::format("名额不足：本场次 {} 人，已报名 {} 人，本次 {} 人", s.capacity, s.enrolled, adding.size()),
                "account_ids");
  for (auto id : adding) {
    YC_TRY(tx.exec("INSERT INTO training_enrolment (session_id, account_id, created_at) VALUES ($1, $2, $3)",
                   {session_id, id, now}));
  }
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "training.enrol", "training_session",
                                                 std::to_string(session_id))));
  return get_session(tx, scope, session_id);
}

Result<Session> unenrol(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t session_id,
                        std::int64_t account_id) {
  YC_TRY(open_session(tx, scope, session_id));
  auto n = YC_TRY(tx.exec("DELETE FROM training_enrolment WHERE session_id = $1 AND account_id = $2",
                          {session_id, account_id}));
  if (n == 0) return fail(ErrorCode::kNotFound, "该人员未报名本场次", "account_id");
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "training.unenrol", "training_session",
                                                 std::to_string(session_id))));
  return get_session(tx, scope, session_id);
}

Result<Session> record_results(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                               std::int64_t session_id, const std::vector<SessionResult>& results,
                               const time::Date& today, std::int64_t now) {
  auto s = YC_TRY(open_session(tx, scope, session_id));
  auto day = YC_TRY(time::parse_date(s.day, "day"));
  if (time::days_from_civil(today) < time::days_from_civil(day))
    return fail(ErrorCode::kUnprocessable, fmt::format("培训日期 {} 还未到，不能录入结果", s.day), "day");
  if (s.enrolments.empty()) return fail(ErrorCode::kUnprocessable, "本场次没有报名人员", "results");
  std::map<std::int64_t, const SessionResult*> by_account;
  for (const auto& r : results) {
    if (!by_account.emplace(r.account_id, &r).second)
      return fail(ErrorCode::kInvalidArgument, "同一人员的结果重复", "results");
    if (r.attended && !r.score) return fail(ErrorCode::kInvalidArgument, "参加培训的人员须填写考试成绩", "results");
    if (r.score && (*r.score < 0 || *r.score > 100))
      return fail(ErrorCode::kInvalidArgument, "考试成绩应在 0 到 100 之间", "results");
  }
  if (by_account.size() != s.enrolments.size() ||
      !std::all_of(s.enrolments.begin(), s.enrolments.end(),
                   [&](const Enrolment& e) { return by_account.contains(e.account_id); }))
    return fail(ErrorCode::kInvalidArgument, "请为每一位报名人员录入结果，且只录入报名人员", "results");
  auto n = YC_TRY(tx.exec("UPDATE training_session SET recorded_by = $1, recorded_at = $2 "
                          "WHERE id = $3 AND recorded_at IS NULL",
                          {by, now, session_id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该场次已录入结果", "results");
  const auto days_x10 = static_cast<std::int64_t>(std::lround(s.days * 10));
  for (const auto& [account, r] : by_account) {
    const auto score = r->attended ? store::Param(std::int64_t{*r->score}) : store::null_param();
    YC_TRY(tx.exec("UPDATE training_enrolment SET attended = $1, score = $2 WHERE session_id = $3 AND account_id = $4",
                   {std::int64_t{r->attended ? 1 : 0}, score, session_id, account}));
    if (!r->attended) continue;
    const bool passed = *r->score >= s.pass_score;
    YC_TRY(tx.exec("INSERT INTO staff_training (account_id, course, kind, day, days_x10, passed, created_at, session_id, "
                   "score) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                   {account, s.course_title, s.kind, s.day, days_x10, std::int64_t{passed ? 1 : 0}, now, session_id,
                    std::int64_t{*r->score}}));
  }
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "training.results", "training_session",
                                                 std::to_string(session_id))));
  return get_session(tx, scope, session_id);
}

Result<std::vector<TrainingTotal>> training_totals(store::Tx& tx, const org::Scope& scope, const std::string& unit_code,
                                                   int year) {
  if (year < 2000 || year > 2100) return fail(ErrorCode::kInvalidArgument, "年份不正确", "year");
  // The people as of the year's last day: training_days is that year's.
  auto people = YC_TRY(list_people(tx, scope, std::nullopt, unit_code, time::Date{year, 12, 31}));
  auto sessions = YC_TRY(tx.query("SELECT account_id, COUNT(*) FROM staff_training WHERE session_id IS NOT NULL "
                                  "AND day LIKE $1 GROUP BY account_id",
                                  {fmt::format("{:04d}-%", year)}));
  std::map<std::int64_t, int> session_count;
  for (const auto& r : sessions.rows) session_count[r.int64(0)] = static_cast<int>(r.int64(1));
  std::vector<TrainingTotal> out;
  for (const auto& p : people) {
    if (!p.employment) continue;
    out.push_back(TrainingTotal{p.account_id, p.login, p.name_masked, p.unit_name, p.site_name, p.training_days,
                                session_count[p.account_id], p.pre_post_passed,
                                !check_training_days(p.training_days).has_value()});
  }
  return out;
}

}  // namespace yc::staff
