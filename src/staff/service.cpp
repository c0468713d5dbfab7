#include "staff/service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "audit/service.hpp"
#include "org/service.hpp"
#include "staff/erlang.hpp"

namespace yc::staff {
namespace {

constexpr const char* kAssignmentCols = "id, account_id, post, category, from_day, to_day, reason, created_at";

Result<time::Date> date_of(const std::string& iso, std::string_view field) { return time::parse_date(iso, field); }

AssignmentRow assignment_from(const store::Row& r) {
  AssignmentRow a;
  a.id = r.int64(0);
  a.account_id = r.int64(1);
  a.a.post = post_from(r.text(2)).value_or(Post::kIntake);
  a.a.category = r.text(3);
  a.a.from = time::parse_date(r.text(4)).value();
  if (auto to = r.opt_text(5)) a.a.to = time::parse_date(*to).value();
  a.reason = r.text(6);
  a.created_at = r.int64(7);
  return a;
}

bool held_on(const Assignment& a, const time::Date& day) {
  auto d = time::days_from_civil(day);
  return time::days_from_civil(a.from) <= d && (!a.to || time::days_from_civil(*a.to) >= d);
}

std::vector<std::string> split_categories(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    auto comma = s.find(',', start);
    auto part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// The account's unit path when the scope covers it; kNotFound otherwise.
// The assignments and training of many people in two queries (not two per
// person): ids are integers read from the database, written into the SQL.
std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

Result<std::map<std::int64_t, std::vector<AssignmentRow>>> histories_of(store::Tx& tx, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::vector<AssignmentRow>> out;
  if (ids.empty()) return out;
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} FROM staff_assignment WHERE account_id IN ({}) ORDER BY from_day, id",
                                          kAssignmentCols, id_list(ids))));
  for (const auto& r : rows.rows) {
    auto a = assignment_from(r);
    out[a.account_id].push_back(std::move(a));
  }
  return out;
}

Result<std::map<std::int64_t, std::vector<TrainingRow>>> trainings_of(store::Tx& tx, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::vector<TrainingRow>> out;
  if (ids.empty()) return out;
  auto rows = YC_TRY(tx.query(fmt::format("SELECT account_id, id, course, kind, day, days_x10, passed, session_id, score FROM staff_training "
                                          "WHERE account_id IN ({}) ORDER BY day DESC, id DESC",
                                          id_list(ids))));
  for (const auto& r : rows.rows) {
    auto score = r.opt_int64(8);
    out[r.int64(0)].push_back(TrainingRow{r.int64(1), r.text(2), r.text(3), r.text(4),
                                          static_cast<double>(r.int64(5)) / 10.0, r.int64(6) != 0, r.opt_int64(7),
                                          score ? std::optional<int>(static_cast<int>(*score)) : std::nullopt});
  }
  return out;
}

Result<std::vector<AssignmentRow>> history_of(store::Tx& tx, std::int64_t account_id) {
  return std::move(YC_TRY(histories_of(tx, {account_id}))[account_id]);
}

Result<std::vector<TrainingRow>> training_of(store::Tx& tx, std::int64_t account_id) {
  return std::move(YC_TRY(trainings_of(tx, {account_id}))[account_id]);
}

Training training_summary(const std::vector<TrainingRow>& rows, const time::Date& today) {
  Training t;
  std::string year = fmt::format("{:04d}-", today.year);
  for (const auto& r : rows) {
    if (r.day.rfind(year, 0) == 0 && r.kind == "annual") t.days_this_year += r.days;
    if (r.kind == "pre_post" && r.passed) t.pre_post_passed = true;
  }
  return t;
}

// The standing rules on one person's current posts (the dashboard's view).
std::vector<Violation> person_warnings(const Person& p, const std::vector<AssignmentRow>& history,
                                       const Training& training, const time::Date& today) {
  std::vector<Violation> out;
  if (!p.employment) return out;
  std::vector<Assignment> all;
  for (const auto& h : history) all.push_back(h.a);
  std::set<Post> seen;
  for (const auto& held : p.posts) {
    const Post post = held.a.post;
    if (is_high_risk(post) && !is_formal(*p.employment)) {
      out.push_back({"high_risk_formal_only", "三(七)",
                     fmt::format("{}是高风险岗位，必须由编制内人员担任，该人员为{}", post_name(post),
                                 employment_name(*p.employment))});
    }
    if (is_high_risk(post) && seen.insert(post).second) {
      auto t = consecutive_tenure(all, post, today);
      if (t.level == Tenure::Level::kViolation) {
        out.push_back({"rotation_over", "三(七)",
                       fmt::format("自{}起连续在{}岗位超过5年，应轮岗", t.since->iso(), post_name(post))});
      } else if (t.level == Tenure::Level::kWarning) {
        out.push_back({"rotation_due", "三(七)",
                       fmt::format("自{}起连续在{}岗位已满4年6个月，请安排轮岗", t.since->iso(), post_name(post))});
      }
    }
  }
  // Incompatible posts held together (data from before the rules, or a matrix changed since).
  auto matrix = default_incompatible();
  for (std::size_t i = 0; i < p.posts.size(); ++i) {
    std::vector<Assignment> others;
    for (std::size_t j = 0; j < i; ++j) others.push_back(p.posts[j].a);
    for (auto& v : check_assignment(*p.employment, others, p.posts[i].a, matrix, Training{5, true})) {
      if (v.rule == "incompatible_posts") out.push_back(std::move(v));
    }
  }
  if (!p.posts.empty() && !training.pre_post_passed) {
    out.push_back({"pre_post_training", "三(九)", "在岗但没有岗前培训合格记录"});
  }
  if (!p.posts.empty()) {
    if (auto v = check_training_days(training.days_this_year)) out.push_back(*v);
  }
  return out;
}

constexpr const char* kPersonSql =
    "SELECT a.id, a.login, a.name_masked, a.badge, a.unit_code, u.name, p.employment, p.site_id, s.name, "
    "p.categories, p.hired_on, p.version, "
    "(SELECT COUNT(*) FROM account_photo ph WHERE ph.account_id = a.id) "
    "FROM account a JOIN org_unit u ON u.code = a.unit_code "
    "LEFT JOIN staff_profile p ON p.account_id = a.id LEFT JOIN org_site s ON s.id = p.site_id ";

Person person_from(const store::Row& r, const time::Date& today, const std::vector<AssignmentRow>& history,
                   const std::vector<TrainingRow>& training) {
  Person p;
  p.account_id = r.int64(0);
  p.login = r.text(1);
  p.name_masked = r.text(2);
  p.badge = r.text(3);
  p.unit_code = r.text(4);
  p.unit_name = r.text(5);
  if (auto e = r.opt_text(6)) p.employment = employment_from(*e);
  p.site_id = r.opt_int64(7);
  p.site_name = r.text(8);
  p.categories = split_categories(r.text(9));
  p.hired_on = r.text(10);
  p.version = r.int64(11);
  p.has_photo = r.int64(12) > 0;
  for (const auto& h : history) {
    if (held_on(h.a, today)) p.posts.push_back(h);
  }
  auto summary = training_summary(training, today);
  p.training_days = summary.days_this_year;
  p.pre_post_passed = summary.pre_post_passed;
  p.warnings = person_warnings(p, history, summary, today);
  return p;
}

std::string join_messages(const std::vector<Violation>& v) {
  std::string out;
  for (const auto& x : v) {
    if (!out.empty()) out += "；";
    out += x.clause.empty() ? x.message : fmt::format("{}（{}）", x.message, x.clause);
  }
  return out;
}

}  // namespace

Result<void> person_in_scope(store::Tx& tx, const org::Scope& scope, std::int64_t account_id) {
  auto row = tx.one("SELECT u.path FROM account a JOIN org_unit u ON u.code = a.unit_code WHERE a.id = $1",
                    {account_id});
  if (!row || !scope.covers(row->text(0))) return fail(ErrorCode::kNotFound, "人员不存在", "account_id");
  return {};
}

Result<std::vector<Person>> list_people(store::Tx& tx, const org::Scope& scope, std::optional<std::int64_t> site,
                                        const std::string& unit_code, const time::Date& today) {
  std::vector<store::Param> params;
  std::string sql = std::string(kPersonSql) + "WHERE a.active = 1 AND " + scope.sql("u.path", params);
  if (site) {
    params.push_back(*site);
    sql += fmt::format(" AND p.site_id = ${}", params.size());
  }
  if (!unit_code.empty()) {
    auto unit = tx.one("SELECT path FROM org_unit WHERE code = $1", {unit_code});
    if (!unit || !scope.covers(unit->text(0))) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
    params.push_back(unit->text(0) + "%");
    sql += fmt::format(" AND u.path LIKE ${}", params.size());
  }
  sql += " ORDER BY a.unit_code, a.login";
  auto rows = YC_TRY(tx.query(sql, params));
  std::vector<std::int64_t> ids;
  for (const auto& r : rows.rows) ids.push_back(r.int64(0));
  auto histories = YC_TRY(histories_of(tx, ids));
  auto trainings = YC_TRY(trainings_of(tx, ids));
  std::vector<Person> out;
  for (const auto& r : rows.rows) out.push_back(person_from(r, today, histories[r.int64(0)], trainings[r.int64(0)]));
  return out;
}

Result<PersonDetail> get_person(store::Tx& tx, const org::Scope& scope, std::int64_t account_id,
                                const time::Date& today) {
  YC_TRY_VOID(person_in_scope(tx, scope, account_id));
  auto row = YC_TRY(tx.one(std::string(kPersonSql) + "WHERE a.id = $1", {account_id}));
  PersonDetail d;
  d.history = YC_TRY(history_of(tx, account_id));
  d.training = YC_TRY(training_of(tx, account_id));
  d.person = person_from(row, today, d.history, d.training);
  const auto since = time::civil_from_days(time::days_from_civil(today) - 62).iso();
  auto days = YC_TRY(tx.query("SELECT day, status FROM staff_attendance WHERE account_id = $1 AND day >= $2 ORDER BY day",
                              {account_id, since}));
  for (const auto& r : days.rows) d.attendance.push_back(AttendanceDay{r.text(0), r.text(1)});
  return d;
}

Result<Person> put_profile(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t account_id,
                           const ProfileInput& in, const time::Date& today, std::int64_t now) {
  YC_TRY_VOID(person_in_scope(tx, scope, account_id));
  if (in.site_id) YC_TRY(org::site_place(tx, scope, *in.site_id));
  if (!in.hired_on.empty()) YC_TRY(date_of(in.hired_on, "hired_on"));
  std::string categories;
  for (const auto& c : in.categories) {
    if (c.empty() || c.size() > 40 || c.find(',') != std::string::npos)
      return fail(ErrorCode::kInvalidArgument, "事项类别代码不正确", "categories");
    categories += (categories.empty() ? "" : ",") + c;
  }
  const std::string employment(employment_code(in.employment));
  const store::Param site = in.site_id ? store::Param(*in.site_id) : store::null_param();
  auto existing = tx.one("SELECT version FROM staff_profile WHERE account_id = $1", {account_id});
  if (existing) {
    if (!in.version) return fail(ErrorCode::kInvalidArgument, "请提供 version", "version");
    auto n = YC_TRY(tx.exec("UPDATE staff_profile SET employment = $1, site_id = $2, categories = $3, hired_on = $4, "
                            "version = version + 1, updated_at = $5 WHERE account_id = $6 AND version = $7",
                            {employment, site, categories, in.hired_on, now, account_id, *in.version}));
    if (n == 0) return fail(ErrorCode::kVersionConflict, "档案已被他人修改，请刷新后再改", "version");
  } else {
    YC_TRY(tx.exec("INSERT INTO staff_profile (account_id, employment, site_id, categories, hired_on, updated_at) "
                   "VALUES ($1, $2, $3, $4, $5, $6)",
                   {account_id, employment, site, categories, in.hired_on, now}));
  }
  // The case engine's high-risk check reads account.formal_staff (issue 6).
  YC_TRY(tx.exec("UPDATE account SET formal_staff = $1 WHERE id = $2",
                 {std::int64_t{is_formal(in.employment) ? 1 : 0}, account_id}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "staff.profile", "account", std::to_string(account_id))));
  return YC_TRY(get_person(tx, scope, account_id, today)).person;
}

Result<AssignmentRow> assign(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                             std::int64_t account_id, const Assignment& proposed, const std::string& reason,
                             std::optional<std::int64_t> by, std::int64_t now) {
  YC_TRY_VOID(person_in_scope(tx, scope, account_id));
  // One assignment at a time per person: the checks read what the write changes.
  auto profile = tx.one("SELECT employment FROM staff_profile WHERE account_id = $1", {account_id});
  if (!profile) return fail(ErrorCode::kUnprocessable, "请先填写该人员的档案（用工性质）", "employment");
  YC_TRY(tx.exec("UPDATE staff_profile SET updated_at = updated_at WHERE account_id = $1", {account_id}));
  auto employment = employment_from(profile->text(0)).value_or(Employment::kContract);
  auto history = YC_TRY(history_of(tx, account_id));
  auto training = training_summary(YC_TRY(training_of(tx, account_id)), proposed.from);
  std::vector<Assignment> held;
  for (const auto& h : history) held.push_back(h.a);
  auto violations = check_assignment(employment, held, proposed, default_incompatible(), training);
  if (!violations.empty()) {
    return fail(ErrorCode::kUnprocessable, join_messages(violations),
                violations.front().rule == "pre_post_training" ? "training" : "post");
  }
  auto id = YC_TRY(tx.one("INSERT INTO staff_assignment (account_id, post, category, from_day, to_day, reason, "
                          "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                          {account_id, std::string(post_code(proposed.post)), proposed.category, proposed.from.iso(),
                           proposed.to ? store::Param(proposed.to->iso()) : store::null_param(), reason,
                           by ? store::Param(*by) : store::null_param(), now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "staff.assign", "staff_assignment", std::to_string(id.int64(0)))));
  auto row = YC_TRY(tx.one(fmt::format("SELECT {} FROM staff_assignment WHERE id = $1", kAssignmentCols), {id.int64(0)}));
  return assignment_from(row);
}

Result<AssignmentRow> end_assignment(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                     std::int64_t id, const time::Date& to, const std::string& reason,
                                     std::optional<std::int64_t> by) {
  auto row = tx.one(fmt::format("SELECT {} FROM staff_assignment WHERE id = $1", kAssignmentCols), {id});
  if (!row) return fail(ErrorCode::kNotFound, "任职记录不存在", "id");
  auto a = assignment_from(*row);
  if (!person_in_scope(tx, scope, a.account_id)) return fail(ErrorCode::kNotFound, "任职记录不存在", "id");
  if (a.a.to) return fail(ErrorCode::kConflict, "该任职已结束", "to");
  if (time::days_from_civil(to) < time::days_from_civil(a.a.from))
    return fail(ErrorCode::kInvalidArgument, "结束日期不能早于任职开始日期", "to");
  std::string note = a.reason.empty() ? reason : (reason.empty() ? a.reason : a.reason + "；结束：" + reason);
  YC_TRY(tx.exec("UPDATE staff_assignment SET to_day = $1, reason = $2, ended_by = $3 WHERE id = $4 AND to_day IS NULL",
                 {to.iso(), note, by ? store::Param(*by) : store::null_param(), id}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "staff.assignment.end", "staff_assignment", std::to_string(id))));
  a.a.to = to;
  a.reason = note;
  return a;
}

Result<TrainingRow> add_training(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                 std::int64_t account_id, TrainingRow t, std::int64_t now) {
  YC_TRY_VOID(person_in_scope(tx, scope, account_id));
  if (t.course.empty()) return fail(ErrorCode::kInvalidArgument, "请填写培训课程", "course");
  if (t.kind != "pre_post" && t.kind != "annual")
    return fail(ErrorCode::kInvalidArgument, "培训类型只能是岗前培训或年度专项培训", "kind");
  YC_TRY(date_of(t.day, "day"));
  auto tenths = static_cast<std::int64_t>(t.days * 10 + 0.5);
  if (tenths < 5 || tenths > 300 || std::abs(static_cast<double>(tenths) - t.days * 10) > 1e-6)
    return fail(ErrorCode::kInvalidArgument, "培训天数应在 0.5 到 30 天之间，按 0.1 天计", "days");
  auto id = YC_TRY(tx.one("INSERT INTO staff_training (account_id, course, kind, day, days_x10, passed, created_at) "
                          "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                          {account_id, t.course, t.kind, t.day, tenths, std::int64_t{t.passed ? 1 : 0}, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "staff.training", "staff_training", std::to_string(id.int64(0)))));
  t.id = id.int64(0);
  return t;
}

Result<void> set_attendance(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                            std::int64_t account_id, const time::Date& day, const std::string& status,
                            std::int64_t now) {
  YC_TRY_VOID(person_in_scope(tx, scope, account_id));
  static const std::set<std::string> kStatuses = {"on_post", "leave", "secondment", "absent"};
  if (!kStatuses.contains(status))
    return fail(ErrorCode::kInvalidArgument, "考勤状态只能是在岗、请假、借调或缺勤", "status");
  auto n = YC_TRY(tx.exec("UPDATE staff_attendance SET status = $1, updated_at = $2 WHERE account_id = $3 AND day = $4",
                          {status, now, account_id, day.iso()}));
  if (n == 0) {
    YC_TRY(tx.exec("INSERT INTO staff_attendance (account_id, day, status, updated_at) VALUES ($1, $2, $3, $4)",
                   {account_id, day.iso(), status, now}));
  }
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "staff.attendance", "account", std::to_string(account_id))));
  return {};
}

Result<Compliance> compliance(store::Tx& tx, const org::Scope& scope, const std::string& unit_code,
                              const std::string& month, const time::Date& today) {
  if (month.size() != 7 || !time::parse_date(month + "-01"))
    return fail(ErrorCode::kInvalidArgument, "月份应形如 2026-11", "month");
  Compliance c;
  c.month = month;
  const auto top = YC_TRY(org::unit_or_top(tx, scope, unit_code));
  const std::string unit_path = top.path;
  c.unit = UnitRef{top.code, top.name, static_cast<int>(top.level)};
  // Every unit under it (and its ancestors for the breadcrumb): code -> path.
  std::map<std::string, std::string> paths;
  auto units = YC_TRY(tx.query("SELECT code, name, level, path, parent_code FROM org_unit WHERE path LIKE $1",
                               {unit_path + "%"}));
  for (const auto& r : units.rows) {
    paths[r.text(0)] = r.text(3);
    if (r.opt_text(4).value_or("") == c.unit.code) {
      c.children.push_back(UnitCompliance{UnitRef{r.text(0), r.text(1), static_cast<int>(r.int64(2))}});
    }
  }
  for (const auto& u : YC_TRY(org::breadcrumb(tx, scope, unit_path)))
    c.path.push_back(UnitRef{u.code, u.name, static_cast<int>(u.level)});
  std::sort(c.children.begin(), c.children.end(), [](const auto& a, const auto& b) { return a.unit.code < b.unit.code; });

  auto people = YC_TRY(list_people(tx, scope, std::nullopt, c.unit.code, today));
  std::map<std::int64_t, SiteCompliance> sites;
  auto sites_list = YC_TRY(org::list_sites(tx, scope, c.unit.code));
  for (const auto& s : sites_list) {
    SiteCompliance sc;
    sc.site_id = s.site.id;
    sc.site_name = s.site.name;
    sc.unit_code = s.site.unit_code;
    sc.unit_path = paths[s.site.unit_code];
    sites[s.site.id] = std::move(sc);
  }
  // Windows and formal staff's attendance of every site in two queries.
  auto windows = YC_TRY(tx.query("SELECT w.site_id, COUNT(*) FROM org_window w JOIN org_site s ON s.id = w.site_id "
                                 "JOIN org_unit u ON u.code = s.unit_code WHERE u.path LIKE $1 GROUP BY w.site_id",
                                 {unit_path + "%"}));
  for (const auto& r : windows.rows) {
    if (auto it = sites.find(r.int64(0)); it != sites.end()) it->second.windows = static_cast<int>(r.int64(1));
  }
  // 三(七) 到岗率 98%: formal staff's attendance days of the month; approved
  // leave does not count against it, secondment and absence do.
  auto attendance = YC_TRY(tx.query(
      "SELECT p.site_id, COALESCE(SUM(CASE WHEN t.status = 'on_post' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN t.status <> 'leave' THEN 1 ELSE 0 END), 0) "
      "FROM staff_attendance t JOIN staff_profile p ON p.account_id = t.account_id JOIN org_site s ON s.id = p.site_id "
      "JOIN org_unit u ON u.code = s.unit_code WHERE u.path LIKE $1 AND p.employment IN ('civil_servant', 'institution') "
      "AND t.day LIKE $2 GROUP BY p.site_id",
      {unit_path + "%", month + "-%"}));
  for (const auto& r : attendance.rows) {
    if (auto it = sites.find(r.int64(0)); it != sites.end()) {
      it->second.on_post_days = static_cast<int>(r.int64(1));
      it->second.due_days = static_cast<int>(r.int64(2));
    }
  }
  for (const auto& p : people) {
    if (!p.employment || !p.site_id || !sites.contains(*p.site_id)) continue;
    auto& sc = sites[*p.site_id];
    bool at_window = std::any_of(p.posts.begin(), p.posts.end(), [](const auto& a) { return a.a.post == Post::kIntake; });
    if (at_window) ++sc.staff;
    if (is_formal(*p.employment)) ++sc.formal_staff;
  }
  for (auto& [id, sc] : sites) {
    // 三(七) 以每个窗口不低于1.2人: the window clerks (综合受理) of the site.
    if (sc.windows > 0) {
      if (auto v = check_window_staffing(sc.staff, sc.windows)) sc.violations.push_back(*v);
    }
    if (sc.due_days > 0) {
      sc.on_post_rate = static_cast<double>(sc.on_post_days) / static_cast<double>(sc.due_days);
      if (auto v = check_on_post_rate(sc.on_post_days, sc.due_days)) sc.violations.push_back(*v);
    }
    c.sites.push_back(std::move(sc));
  }
  // Someone who handles cases but is not on the roster escapes every rule
  // above (and the case engine's post check): the view names them.
  auto handlers = YC_TRY(tx.query("SELECT DISTINCT account_id FROM role_grant WHERE role_code IN "
                                  "('window_clerk', 'first_reviewer', 'second_reviewer', 'approver', 'rechecker')"));
  std::set<std::int64_t> handling;
  for (const auto& r : handlers.rows) handling.insert(r.int64(0));
  for (const auto& p : people) {
    auto warnings = p.warnings;
    if (!p.employment && handling.contains(p.account_id)) {
      warnings.push_back({"no_profile", "三(七)", "有经办权限但未建人员档案(用工性质、岗位)，岗位规则无法核查"});
    }
    if (warnings.empty()) continue;
    c.people.push_back(PersonCompliance{p.account_id, p.name_masked, p.site_name, paths[p.unit_code], std::move(warnings)});
  }
  // The drill-down rows: each child unit sums what lies under it.
  for (auto& child : c.children) {
    const auto& prefix = paths[child.unit.code];
    for (const auto& sc : c.sites) {
      if (sc.unit_path.rfind(prefix, 0) != 0) continue;
      ++child.sites;
      child.windows += sc.windows;
      child.staff += sc.staff;
      child.formal_staff += sc.formal_staff;
      child.on_post_days += sc.on_post_days;
      child.due_days += sc.due_days;
      if (!sc.violations.empty()) ++child.sites_with_violations;
      child.violations += static_cast<int>(sc.violations.size());
    }
    for (const auto& pc : c.people) {
      if (pc.unit_path.rfind(prefix, 0) != 0) continue;
      ++child.people_with_violations;
      child.violations += static_cast<int>(pc.violations.size());
    }
  }
  return c;
}

Result<CapacityReport> capacity(store::Tx& tx, const org::Scope& scope, std::int64_t site_id, const time::Date& day,
                                double target_share, double target_wait_seconds) {
  YC_TRY(org::site_place(tx, scope, site_id, "site"));
  if (target_share <= 0 || target_share >= 1)
    return fail(ErrorCode::kInvalidArgument, "目标比例应在 0 到 1 之间", "target_share");
  if (target_wait_seconds <= 0 || target_wait_seconds > 4 * 3600)
    return fail(ErrorCode::kInvalidArgument, "目标等候时间应在 1 到 240 分钟之间", "target_wait_minutes");
  CapacityReport rep;
  rep.site_id = site_id;
  rep.day = day.iso();
  rep.windows_open = static_cast<int>(
      YC_TRY(tx.one("SELECT COUNT(*) FROM org_window WHERE site_id = $1 AND is_open = 1", {site_id})).int64(0));
  rep.staff_on_roster = static_cast<int>(
      YC_TRY(tx.one("SELECT COUNT(DISTINCT p.account_id) FROM staff_profile p JOIN staff_assignment a "
                    "ON a.account_id = p.account_id WHERE p.site_id = $1 AND a.post = 'intake' AND a.from_day <= $2 "
                    "AND (a.to_day IS NULL OR a.to_day >= $2)",
                    {site_id, day.iso()}))
          .int64(0));
  // ticket.day is the hall's counter day, YYYYMMDD (hall::counter_day).
  auto rows = YC_TRY(tx.query("SELECT taken_at, called_at, finished_at FROM ticket WHERE site_id = $1 AND day = $2",
                              {site_id, fmt::format("{:04}{:02}{:02}", day.year, day.month, day.day)}));
  const auto day_start = time::shanghai_day_start_ms(day);
  std::array<int, 24> arrivals{};
  std::array<double, 24> service_sum{};
  std::array<int, 24> served{};
  for (const auto& r : rows.rows) {
    int hour = static_cast<int>((r.int64(0) - day_start) / 3'600'000);
    if (hour < 0 || hour > 23) continue;
    ++arrivals[static_cast<std::size_t>(hour)];
    if (auto called = r.opt_int64(1), done = r.opt_int64(2); called && done && *done > *called) {
      service_sum[static_cast<std::size_t>(hour)] += static_cast<double>(*done - *called) / 1000.0;
      ++served[static_cast<std::size_t>(hour)];
    }
  }
  // Hours without a finished service borrow the day's mean.
  double total_service = 0;
  int total_served = 0;
  for (std::size_t h = 0; h < 24; ++h) {
    total_service += service_sum[h];
    total_served += served[h];
  }
  const double day_mean = total_served > 0 ? total_service / total_served : 600.0;
  for (std::size_t h = 0; h < 24; ++h) {
    if (arrivals[h] == 0) continue;
    HourCapacity hc;
    hc.hour = static_cast<int>(h);
    hc.arrivals = arrivals[h];
    hc.mean_service_seconds = served[h] > 0 ? service_sum[h] / served[h] : day_mean;
    auto need = windows_needed(hc.arrivals, hc.mean_service_seconds, target_share, target_wait_seconds);
    hc.windows_needed = need.windows;
    hc.service_level = need.service_level;
    hc.mean_wait_seconds = need.mean_wait_seconds;
    rep.hours.push_back(hc);
  }
  return rep;
}

}  // namespace yc::staff
