#include "stats/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "org/model.hpp"
#include "org/service.hpp"
#include "staff/model.hpp"
#include "staff/service.hpp"
#include "stats/counters.hpp"

namespace yc::stats {

std::int64_t Figures::get(std::string_view metric) const {
  auto it = values.find(metric);
  return it == values.end() ? 0 : it->second;
}

void Figures::add(const Figures& other) {
  for (const auto& [k, v] : other.values) values[k] += v;
}

namespace {
std::optional<double> ratio(std::int64_t a, std::int64_t b) {
  return b > 0 ? std::optional<double>(static_cast<double>(a) / static_cast<double>(b)) : std::nullopt;
}
}  // namespace

std::optional<double> Figures::avg_wait_minutes() const {
  auto r = ratio(get(metric::kTicketsWaitSeconds), get(metric::kTicketsServed));
  return r ? std::optional<double>(*r / 60.0) : std::nullopt;
}
std::optional<double> Figures::avg_service_minutes() const {
  auto r = ratio(get(metric::kTicketsServiceSeconds), get(metric::kTicketsServed));
  return r ? std::optional<double>(*r / 60.0) : std::nullopt;
}
std::optional<double> Figures::on_time_rate() const { return ratio(get(metric::kCasesOnTime), get(metric::kCasesCompleted)); }
std::optional<double> Figures::good_rate() const { return ratio(get(metric::kRatingsGood), get(metric::kRatingsTotal)); }
std::optional<double> Figures::upheld_rate() const {
  return ratio(get(metric::kComplaintsUpheld), get(metric::kComplaintsReceived));
}

void StaffingFigures::add(const StaffingFigures& o) {
  roster += o.roster;
  formal += o.formal;
  sites += o.sites;
  windows += o.windows;
  window_staff += o.window_staff;
  sites_below_ratio += o.sites_below_ratio;
  on_post_days += o.on_post_days;
  due_days += o.due_days;
  high_risk_non_formal += o.high_risk_non_formal;
  rotation_over += o.rotation_over;
  rotation_due += o.rotation_due;
  incompatible += o.incompatible;
  sessions += o.sessions;
  people_trained += o.people_trained;
  training_days_x10 += o.training_days_x10;
  trained_5_days += o.trained_5_days;
}

std::optional<double> StaffingFigures::staff_per_window() const {
  return windows > 0 ? std::optional<double>(static_cast<double>(window_staff) / windows) : std::nullopt;
}
std::optional<double> StaffingFigures::on_post_rate() const {
  return due_days > 0 ? std::optional<double>(static_cast<double>(on_post_days) / due_days) : std::nullopt;
}
// The same rule as the staff view (三(七) 到岗率98%).
bool StaffingFigures::on_post_below() const { return staff::check_on_post_rate(on_post_days, due_days).has_value(); }

namespace {

struct Unit {
  UnitRef ref;
  std::string path;
};

Result<Unit> unit_of(store::Tx& tx, const org::Scope& scope, const std::string& code) {
  auto u = YC_TRY(org::unit_or_top(tx, scope, code));
  return Unit{UnitRef{u.code, u.name, static_cast<int>(u.level)}, u.path};
}

Result<std::vector<UnitRef>> path_of(store::Tx& tx, const org::Scope& scope, const std::string& path) {
  std::vector<UnitRef> out;
  for (const auto& u : YC_TRY(org::breadcrumb(tx, scope, path)))
    out.push_back(UnitRef{u.code, u.name, static_cast<int>(u.level)});
  return out;
}

// The child units of `u` with their figures (and 本级 when something was
// recorded at u itself), in code order; one grouped query.
Result<std::vector<UnitFigures>> by_child(store::Tx& tx, const Unit& u, const std::string& table,
                                          const std::string& period_col, const std::string& from,
                                          const std::string& to) {
  std::vector<UnitFigures> out;
  auto children = YC_TRY(tx.query("SELECT code, name, level, path FROM org_unit WHERE parent_code = $1 ORDER BY code",
                                  {u.ref.code}));
  std::map<std::string, std::size_t> at;  // child path -> index
  for (const auto& r : children.rows) {
    at[r.text(3)] = out.size();
    out.push_back(UnitFigures{UnitRef{r.text(0), r.text(1), static_cast<int>(r.int64(2))}, {}});
  }
  if (u.ref.level >= 4) return std::vector<UnitFigures>{};  // a community has no children
  const auto len = u.path.size() + org::code_length(static_cast<org::Level>(u.ref.level + 1)) + 1;
  auto rows = YC_TRY(tx.query(fmt::format("SELECT substr(unit_path, 1, {0}), metric, SUM(value) FROM {1} WHERE unit_path "
                                          "LIKE $1 AND {2} >= $2 AND {2} <= $3 GROUP BY substr(unit_path, 1, {0}), metric",
                                          len, table, period_col),
                              {u.path + "%", from, to}));
  std::optional<std::size_t> self;
  for (const auto& r : rows.rows) {
    auto it = at.find(r.text(0));
    std::size_t i = 0;
    if (it != at.end()) {
      i = it->second;
    } else {
      if (!self) {
        self = out.size();
        out.push_back(UnitFigures{UnitRef{"", "本级", u.ref.level}, {}});
      }
      i = *self;
    }
    out[i].figures.values[r.text(1)] += r.int64(2);
  }
  return out;
}

Result<std::vector<PeriodFigures>> by_period(store::Tx& tx, const Unit& u, const std::string& table,
                                             const std::string& period_col, const std::string& from,
                                             const std::string& to) {
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {1}, metric, SUM(value) FROM {0} WHERE unit_path LIKE $1 AND {1} >= $2 "
                                          "AND {1} <= $3 GROUP BY {1}, metric ORDER BY {1}",
                                          table, period_col),
                              {u.path + "%", from, to}));
  std::vector<PeriodFigures> out;
  for (const auto& r : rows.rows) {
    if (out.empty() || out.back().period != r.text(0)) out.push_back(PeriodFigures{r.text(0), {}});
    out.back().figures.values[r.text(1)] += r.int64(2);
  }
  return out;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string month_of(const time::Date& d) { return fmt::format("{:04d}-{:02d}", d.year, d.month); }

// The staff figures under `u`, per exact unit path (of a person's account, a
// site or a training session); the rules are src/staff's.
Result<std::map<std::string, StaffingFigures>> staffing_by_path(store::Tx& tx, const org::Scope& scope, const Unit& u,
                                                                const time::Date& from, const time::Date& to,
                                                                const time::Date& as_of) {
  std::map<std::string, StaffingFigures> out;
  std::map<std::string, std::string> paths;  // unit code -> path, under u
  const auto units = YC_TRY(tx.query("SELECT code, path FROM org_unit WHERE path LIKE $1", {u.path + "%"}));
  for (const auto& r : units.rows) paths[r.text(0)] = r.text(1);

  // The roster on the snapshot day, with the standing rules on each person.
  std::map<std::int64_t, std::string> roster;  // account -> unit path
  for (const auto& p : YC_TRY(staff::list_people(tx, scope, std::nullopt, u.ref.code, as_of))) {
    if (!p.employment) continue;
    const auto& path = paths[p.unit_code];
    roster[p.account_id] = path;
    auto& f = out[path];
    ++f.roster;
    if (staff::is_formal(*p.employment)) ++f.formal;
    for (const auto& v : p.warnings) {
      if (v.rule == "high_risk_formal_only") ++f.high_risk_non_formal;
      else if (v.rule == "rotation_over") ++f.rotation_over;
      else if (v.rule == "rotation_due") ++f.rotation_due;
      else if (v.rule == "incompatible_posts") ++f.incompatible;
    }
  }

  // Windows, window staff and attendance per site, judged as the staff view does.
  auto c = YC_TRY(staff::compliance(tx, scope, u.ref.code, month_of(to), as_of));
  for (const auto& sc : c.sites) {
    auto& f = out[sc.unit_path];
    ++f.sites;
    f.windows += sc.windows;
    f.window_staff += sc.staff;
    f.on_post_days += sc.on_post_days;
    f.due_days += sc.due_days;
    if (std::any_of(sc.violations.begin(), sc.violations.end(), [](const auto& v) { return v.rule == "window_staffing"; }))
      ++f.sites_below_ratio;
  }

  // Sessions that took place in the period (their results are recorded).
  const auto sessions = YC_TRY(tx.query("SELECT unit_path, COUNT(*) FROM training_session WHERE unit_path LIKE $1 AND "
                                        "day >= $2 AND day <= $3 AND recorded_at IS NOT NULL GROUP BY unit_path",
                                        {u.path + "%", from.iso(), to.iso()}));
  for (const auto& r : sessions.rows) out[r.text(0)].sessions += static_cast<int>(r.int64(1));

  // Everyone on the roster trained in the period, and their days.
  const auto trained = YC_TRY(tx.query("SELECT t.account_id, SUM(t.days_x10) FROM staff_training t JOIN account a ON "
                                       "a.id = t.account_id JOIN org_unit n ON n.code = a.unit_code WHERE n.path LIKE $1 "
                                       "AND t.day >= $2 AND t.day <= $3 GROUP BY t.account_id",
                                       {u.path + "%", from.iso(), to.iso()}));
  for (const auto& r : trained.rows) {
    auto it = roster.find(r.int64(0));
    if (it == roster.end()) continue;
    auto& f = out[it->second];
    ++f.people_trained;
    f.training_days_x10 += static_cast<int>(r.int64(1));
  }

  // 三(九) 每人每年不少于5天: annual training from 1 January to the snapshot day.
  const auto annual = YC_TRY(tx.query("SELECT t.account_id, SUM(t.days_x10) FROM staff_training t JOIN account a ON "
                                      "a.id = t.account_id JOIN org_unit n ON n.code = a.unit_code WHERE n.path LIKE $1 "
                                      "AND t.kind = 'annual' AND t.day >= $2 AND t.day <= $3 GROUP BY t.account_id",
                                      {u.path + "%", fmt::format("{:04d}-01-01", as_of.year), as_of.iso()}));
  for (const auto& r : annual.rows) {
    auto it = roster.find(r.int64(0));
    if (it == roster.end()) continue;
    if (!staff::check_training_days(static_cast<double>(r.int64(1)) / 10.0)) ++out[it->second].trained_5_days;
  }
  return out;
}

// Puts the figures per path into one row per unit of `rows` (by path
// prefix), the rest into 本级 (appended when missing, `self_added`).
Result<Staffing> staffing_for(store::Tx& tx, const org::Scope& scope, const Unit& u, const std::vector<UnitRef>& rows,
                              const time::Date& from, const time::Date& to, const time::Date& today,
                              bool& self_added) {
  self_added = false;
  const auto as_of = time::days_from_civil(today) < time::days_from_civil(to) ? today : to;
  Staffing s;
  s.as_of = as_of.iso();
  s.from = from.iso();
  s.to = to.iso();
  s.attendance_month = month_of(to);
  auto by_path = YC_TRY(staffing_by_path(tx, scope, u, from, to, as_of));
  std::vector<std::string> prefixes;
  std::optional<std::size_t> self;
  for (const auto& r : rows) {
    if (r.code.empty()) {
      self = s.units.size();
      prefixes.emplace_back();
    } else {
      prefixes.push_back(YC_TRY(tx.one("SELECT path FROM org_unit WHERE code = $1", {r.code})).text(0));
    }
    s.units.push_back(UnitStaffing{r, {}});
  }
  for (const auto& [path, f] : by_path) {
    s.totals.add(f);
    if (u.ref.level >= 4) continue;  // a community's figures have no rows
    std::optional<std::size_t> at;
    for (std::size_t i = 0; i < prefixes.size() && !at; ++i)
      if (!prefixes[i].empty() && path.rfind(prefixes[i], 0) == 0) at = i;
    if (!at) {
      if (!self) {
        self = s.units.size();
        prefixes.emplace_back();
        s.units.push_back(UnitStaffing{UnitRef{"", "本级", u.ref.level}, {}});
        self_added = true;
      }
      at = self;
    }
    s.units[*at].figures.add(f);
  }
  return s;
}

}  // namespace

Result<void> add_staffing(store::Tx& tx, const org::Scope& scope, Ledger& l, const time::Date& today) {
  auto u = YC_TRY(unit_of(tx, scope, l.unit.code));
  const auto first = YC_TRY(time::parse_date(l.month + "-01", "month"));
  const time::Date last{first.year, first.month, days_in_month(first.year, first.month)};
  std::vector<UnitRef> rows;
  for (const auto& x : l.units) rows.push_back(x.unit);
  bool self_added = false;
  l.staffing = YC_TRY(staffing_for(tx, scope, u, rows, first, last, today, self_added));
  if (self_added) l.units.push_back(UnitFigures{l.staffing.units.back().unit, {}});
  return {};
}

Result<void> add_employment(store::Tx& tx, const org::Scope& scope, Ledger& l, std::int64_t now) {
  const auto first = YC_TRY(time::parse_date(l.month + "-01", "month"));
  const time::Date last{first.year, first.month, days_in_month(first.year, first.month)};
  // The month's last moment, or now for the month running.
  const auto end = std::min(now, time::shanghai_day_start_ms(last) + 86'400'000 - 1);
  if (end < time::shanghai_day_start_ms(first)) return {};  // a month to come
  auto s = YC_TRY(employment::summary(tx, scope, l.unit.code, end));
  if (s.total.residents == 0 && s.open_vacancies == 0) return {};
  l.employment = std::move(s);
  return {};
}

Result<void> add_staffing(store::Tx& tx, const org::Scope& scope, Overview& o, const time::Date& today) {
  auto u = YC_TRY(unit_of(tx, scope, o.unit.code));
  std::vector<UnitRef> rows;
  for (const auto& x : o.children) rows.push_back(x.unit);
  bool self_added = false;
  o.staffing = YC_TRY(staffing_for(tx, scope, u, rows, YC_TRY(time::parse_date(o.from)), YC_TRY(time::parse_date(o.to)),
                                   today, self_added));
  if (self_added) o.children.push_back(UnitFigures{o.staffing.units.back().unit, {}});
  return {};
}

Result<Overview> overview(store::Tx& tx, const org::Scope& scope, const std::string& unit_code, const time::Date& from,
                          const time::Date& to) {
  const auto span = time::days_from_civil(to) - time::days_from_civil(from);
  if (span < 0) return fail(ErrorCode::kInvalidArgument, "结束日期早于开始日期", "to");
  if (span > 366 * 3) return fail(ErrorCode::kInvalidArgument, "统计期间最长三年", "to");
  auto u = YC_TRY(unit_of(tx, scope, unit_code));
  Overview o;
  o.unit = u.ref;
  o.path = YC_TRY(path_of(tx, scope, u.path));
  o.from = from.iso();
  o.to = to.iso();
  const bool whole_months = from.day == 1 && to.day == days_in_month(to.year, to.month) &&
                            (from.year != to.year || from.month != to.month);
  o.granularity = whole_months ? "month" : "day";
  const std::string table = whole_months ? "stat_month" : "stat_day";
  const std::string col = whole_months ? "month" : "day";
  const auto lo = whole_months ? o.from.substr(0, 7) : o.from;
  const auto hi = whole_months ? o.to.substr(0, 7) : o.to;
  o.children = YC_TRY(by_child(tx, u, table, col, lo, hi));
  o.series = YC_TRY(by_period(tx, u, table, col, lo, hi));
  for (const auto& p : o.series) o.totals.add(p.figures);
  return o;
}

Result<Ledger> ledger(store::Tx& tx, const org::Scope& scope, const std::string& unit_code, const std::string& month) {
  auto first = time::parse_date(month + "-01", "month");
  if (month.size() != 7 || !first) return fail(ErrorCode::kInvalidArgument, "月份应形如 2026-11", "month");
  auto u = YC_TRY(unit_of(tx, scope, unit_code));
  Ledger l;
  l.unit = u.ref;
  l.month = month;
  l.units = YC_TRY(by_child(tx, u, "stat_month", "month", month, month));
  // Every day of the month, also those with nothing.
  auto days = YC_TRY(by_period(tx, u, "stat_day", "day", month + "-01",
                               fmt::format("{}-{:02d}", month, days_in_month(first->year, first->month))));
  std::map<std::string, Figures> by_day;
  for (auto& d : days) by_day[d.period] = std::move(d.figures);
  for (int d = 1; d <= days_in_month(first->year, first->month); ++d) {
    const auto key = fmt::format("{}-{:02d}", month, d);
    l.days.push_back(PeriodFigures{key, by_day[key]});
    l.totals.add(l.days.back().figures);
  }
  auto items = YC_TRY(tx.query(
      "SELECT s.item_code, COALESCE((SELECT v.name FROM catalog_version v WHERE v.item_code = s.item_code ORDER BY "
      "v.number DESC LIMIT 1), s.item_code), s.metric, SUM(s.value) FROM stat_item_month s WHERE s.unit_path LIKE $1 AND "
      "s.month = $2 GROUP BY s.item_code, s.metric ORDER BY s.item_code",
      {u.path + "%", month}));
  for (const auto& r : items.rows) {
    if (l.items.empty() || l.items.back().item_code != r.text(0)) l.items.push_back(ItemFigures{r.text(0), r.text(1), {}});
    l.items.back().figures.values[r.text(2)] += r.int64(3);
  }
  return l;
}

Result<Accountability> accountability(store::Tx& tx, const org::Scope& scope, const std::string& unit_code,
                                      const time::Date& from, const time::Date& to) {
  if (time::days_from_civil(to) < time::days_from_civil(from))
    return fail(ErrorCode::kInvalidArgument, "结束日期早于开始日期", "to");
  auto u = YC_TRY(unit_of(tx, scope, unit_code));
  Accountability out;
  out.unit = u.ref;
  out.from = from.iso();
  out.to = to.iso();
  const auto lo = time::shanghai_day_start_ms(from);
  const auto hi = time::shanghai_day_start_ms(time::civil_from_days(time::days_from_civil(to) + 1));
  const auto like = u.path + "%";
  std::map<std::string, UnitAccountability> units;
  std::map<std::int64_t, PersonAccountability> people;
  // (unit code, unit name, person or NULL, count) rows of one kind of fact.
  const auto tally = [&](const std::string& sql, std::vector<store::Param> params, int Accountable::*field) -> Result<void> {
    auto rows = YC_TRY(tx.query(sql, params));
    for (const auto& r : rows.rows) {
      auto& unit = units[r.text(0)];
      unit.unit_code = r.text(0);
      unit.unit_name = r.text(1);
      unit.a.*field += static_cast<int>(r.int64(3));
      if (auto person = r.opt_int64(2)) people[*person].a.*field += static_cast<int>(r.int64(3));
    }
    return {};
  };
  YC_TRY_VOID(tally("SELECT o.unit_code, u.name, o.person_id, COUNT(*) FROM case_overdue o JOIN org_unit u ON u.code = "
                    "o.unit_code WHERE u.path LIKE $1 AND o.recorded_at >= $2 AND o.recorded_at < $3 "
                    "GROUP BY o.unit_code, u.name, o.person_id",
                    {like, lo, hi}, &Accountable::overdue_cases));
  YC_TRY_VOID(tally("SELECT f.unit_code, u.name, NULL, COUNT(*) FROM internal_finding f JOIN org_unit u ON u.code = "
                    "f.unit_code WHERE u.path LIKE $1 AND f.created_at >= $2 AND f.created_at < $3 "
                    "GROUP BY f.unit_code, u.name",
                    {like, lo, hi}, &Accountable::findings));
  YC_TRY_VOID(tally("SELECT f.unit_code, u.name, NULL, COUNT(*) FROM internal_finding f JOIN org_unit u ON u.code = "
                    "f.unit_code WHERE u.path LIKE $1 AND f.created_at >= $2 AND f.created_at < $3 AND f.closed_at IS NULL "
                    "GROUP BY f.unit_code, u.name",
                    {like, lo, hi}, &Accountable::open_findings));
  YC_TRY_VOID(tally("SELECT c.unit_code, u.name, c.staff_id, COUNT(*) FROM complaint c JOIN org_unit u ON u.code = "
                    "c.unit_code WHERE c.unit_path LIKE $1 AND c.upheld = 1 AND c.replied_at >= $2 AND c.replied_at < $3 "
                    "GROUP BY c.unit_code, u.name, c.staff_id",
                    {like, lo, hi}, &Accountable::upheld_complaints));
  YC_TRY_VOID(tally("SELECT e.unit_code, u.name, e.staff_id, COUNT(*) FROM evaluation e JOIN org_unit u ON u.code = "
                    "e.unit_code WHERE e.unit_path LIKE $1 AND e.level <= 2 AND e.excluded = 0 AND e.day >= $2 AND e.day <= $3 "
                    "GROUP BY e.unit_code, u.name, e.staff_id",
                    {like, from.iso(), to.iso()}, &Accountable::bad_ratings));
  YC_TRY_VOID(tally("SELECT r.unit_code, u.name, NULL, COUNT(*) FROM rectification r JOIN org_unit u ON u.code = "
                    "r.unit_code WHERE r.unit_path LIKE $1 AND r.escalated_at >= $2 AND r.escalated_at < $3 "
                    "GROUP BY r.unit_code, u.name",
                    {like, lo, hi}, &Accountable::escalated_rectifications));
  for (auto& [code, unit] : units) out.units.push_back(std::move(unit));
  std::sort(out.units.begin(), out.units.end(), [](const auto& a, const auto& b) {
    return a.a.total() != b.a.total() ? a.a.total() > b.a.total() : a.unit_code < b.unit_code;
  });
  for (auto& [id, person] : people) {
    auto who = YC_TRY(tx.one("SELECT a.login, a.name_masked, u.name FROM account a JOIN org_unit u ON u.code = a.unit_code "
                             "WHERE a.id = $1",
                             {id}));
    person.account_id = id;
    person.login = who.text(0);
    person.name_masked = who.text(1);
    person.unit_name = who.text(2);
    out.people.push_back(std::move(person));
  }
  std::sort(out.people.begin(), out.people.end(), [](const auto& a, const auto& b) {
    return a.a.total() != b.a.total() ? a.a.total() > b.a.total() : a.account_id < b.account_id;
  });
  return out;
}

}  // namespace yc::stats
