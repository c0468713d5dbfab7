#include "stats/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "org/model.hpp"
#include "org/service.hpp"
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

}  // namespace

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
                    "e.unit_code WHERE e.unit_path LIKE $1 AND e.level <= 2 AND e.day >= $2 AND e.day <= $3 "
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
