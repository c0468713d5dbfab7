#include "calendar/service.hpp"

#include <fmt/format.h>

#include "audit/service.hpp"
#include "org/model.hpp"
#include "platform/text.hpp"
#include "platform/time.hpp"

namespace yc::calendar {
namespace {

std::string kind_name(DayKind k) { return k == DayKind::kWorkday ? "workday" : "holiday"; }

std::optional<DayKind> parse_kind(std::string_view s) {
  if (s == "holiday" || s == "休" || s == "放假") return DayKind::kHoliday;
  if (s == "workday" || s == "班" || s == "上班") return DayKind::kWorkday;
  return std::nullopt;
}

Result<void> check(const Day& d) {
  auto date = YC_TRY(parse_date(d.day, "day"));
  const bool weekend = iso_weekday(date) >= 6;
  if (d.kind == DayKind::kWorkday && !weekend)
    return fail(ErrorCode::kInvalidArgument, fmt::format("{} 是工作日,无需标为调休上班", d.day), "kind");
  if (d.kind == DayKind::kHoliday && weekend)
    return fail(ErrorCode::kInvalidArgument, fmt::format("{} 是周末,本来就不上班", d.day), "kind");
  if (d.name.empty() || utf8_length(d.name) > 30)
    return fail(ErrorCode::kInvalidArgument, "请填写名称(不超过 30 个字),如“春节”", "name");
  return {};
}

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
  YC_TRY_VOID(check(day));
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
  auto rows = YC_TRY(org::parse_csv(csv));
  ImportResult result;
  std::vector<Day> days;
  bool ok = true;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const int line = static_cast<int>(i) + 1;
    if (i == 0 && !row.empty() && (row[0] == "date" || row[0] == "日期")) continue;  // a header
    if (row.size() == 1 && row[0].empty()) continue;                             // a blank line
    ImportLine l{line, row.empty() ? "" : row[0], std::nullopt};
    if (row.size() != 3) {
      l.error = Error::make(ErrorCode::kInvalidArgument, "每行应有 3 列:日期,类别,名称", "row");
    } else if (auto kind = parse_kind(row[1]); !kind) {
      l.error = Error::make(ErrorCode::kInvalidArgument, "类别应为 holiday/休 或 workday/班", "kind");
    } else {
      Day d{row[0], *kind, row[2]};
      if (auto c = check(d); !c) l.error = c.error();
      else days.push_back(std::move(d));
    }
    if (l.error) ok = false;
    result.lines.push_back(std::move(l));
  }
  if (!ok || days.empty()) return result;
  for (const auto& d : days) YC_TRY_VOID(upsert(tx, actor, d));
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
