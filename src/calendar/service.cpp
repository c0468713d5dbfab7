#include "calendar/service.hpp"

#include <fmt/format.h>

#include "audit/service.hpp"
#include "platform/time.hpp"

namespace yc::calendar {
namespace {

std::string kind_name(DayKind k) { return k == DayKind::kWorkday ? "workday" : "holiday"; }

Result<void> upsert(store::Tx& tx, const audit::Actor& actor, const Day& d) {
  YC_TRY_VOID(tx.exec(
      "INSERT INTO calendar_day (day, kind, name, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (day) DO UPDATE SET kind = $2, name = $3, updated_at = $4, updated_by = $5",
      {d.day, kind_name(d.kind), d.name, time::now_ms(), actor.id}));
  auto e = audit::entry_for(actor, "calendar.day.set", "calendar_day", d.day);
  e.after_digest = audit::digest({d.day, kind_name(d.kind), d.name});
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return {};
}

}  // namespace

Result<Exceptions> load(store::Tx& tx, const std::string& from, const std::string& to) {
  auto rows = YC_TRY(tx.query("SELECT day, kind FROM calendar_day WHERE day >= $1 AND day <= $2", {from, to}));
  Exceptions ex;
  for (const auto& r : rows.rows) ex[r.text(0)] = r.text(1) == "workday" ? DayKind::kWorkday : DayKind::kHoliday;
  return ex;
}

Result<std::vector<Day>> list_year(store::Tx& tx, int year) {
  auto rows = YC_TRY(tx.query("SELECT day, kind, name FROM calendar_day WHERE day >= $1 AND day <= $2 ORDER BY day",
                              {fmt::format("{}-01-01", year), fmt::format("{}-12-31", year)}));
  std::vector<Day> out;
  for (const auto& r : rows.rows)
    out.push_back(Day{r.text(0), r.text(1) == "workday" ? DayKind::kWorkday : DayKind::kHoliday, r.text(2)});
  return out;
}

Result<Day> set_day(store::Tx& tx, const audit::Actor& actor, const Day& day) {
  YC_TRY_VOID(check_day(day));
  YC_TRY_VOID(upsert(tx, actor, day));
  return day;
}

Result<void> remove_day(store::Tx& tx, const audit::Actor& actor, const std::string& day) {
  YC_TRY_VOID(parse_date(day, "day"));
  auto n = YC_TRY(tx.exec("DELETE FROM calendar_day WHERE day = $1", {day}));
  if (n == 0) return fail(ErrorCode::kNotFound, "该日期没有特别安排", "day");
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "calendar.day.remove", "calendar_day", day)));
  return {};
}

Result<ImportResult> import_csv(store::Tx& tx, const audit::Actor& actor, std::string_view csv) {
  auto parsed = YC_TRY(parse_import(csv));
  ImportResult result;
  result.lines = std::move(parsed.lines);
  if (!parsed.ok || parsed.days.empty()) return result;
  for (const auto& d : parsed.days) YC_TRY_VOID(upsert(tx, actor, d));
  result.imported = true;
  return result;
}

Result<time::Date> due_date(store::Tx& tx, const time::Date& start, int days, bool count_start) {
  if (days < 0 || days > 400) return fail(ErrorCode::kInvalidArgument, "工作日数应为 0 至 400", "days");
  // A year and a half of exceptions covers any time limit in the catalog.
  auto ex = YC_TRY(load(tx, start.iso(), add_days(start, days * 2 + 60).iso()));
  return add_working_days(start, days, ex, count_start);
}

}  // namespace yc::calendar
