#include "calendar/model.hpp"

#include <fmt/format.h>

#include "org/model.hpp"
#include "platform/text.hpp"

namespace yc::calendar {

int iso_weekday(const time::Date& d) {
  // 1970-01-01 was a Thursday (ISO 4).
  const auto days = time::days_from_civil(d);
  const auto r = ((days % 7) + 7) % 7;  // 0 = Thursday
  return static_cast<int>((r + 3) % 7) + 1;
}

time::Date add_days(const time::Date& d, int days) { return time::civil_from_days(time::days_from_civil(d) + days); }

bool is_working_day(const time::Date& d, const Exceptions& ex) {
  if (auto it = ex.find(d.iso()); it != ex.end()) return it->second == DayKind::kWorkday;
  return iso_weekday(d) <= 5;
}

time::Date add_working_days(const time::Date& start, int n, const Exceptions& ex, bool count_start) {
  time::Date d = start;
  int counted = 0;
  if (count_start && n > 0 && is_working_day(d, ex)) counted = 1;
  while (counted < n) {
    d = add_days(d, 1);
    if (is_working_day(d, ex)) ++counted;
  }
  return d;
}

int working_days_between(const time::Date& from, const time::Date& to, const Exceptions& ex) {
  int n = 0;
  for (auto d = add_days(from, 1); time::days_from_civil(d) <= time::days_from_civil(to); d = add_days(d, 1))
    if (is_working_day(d, ex)) ++n;
  return n;
}

std::optional<DayKind> parse_kind(std::string_view s) {
  if (s == "holiday" || s == "休" || s == "放假") return DayKind::kHoliday;
  if (s == "workday" || s == "班" || s == "上班") return DayKind::kWorkday;
  return std::nullopt;
}

Result<void> check_day(const Day& d) {
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

Result<ParsedImport> parse_import(std::string_view csv) {
  auto rows = YC_TRY(org::parse_csv(csv));
  ParsedImport out;
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
      if (auto c = check_day(d); !c) l.error = c.error();
      else out.days.push_back(std::move(d));
    }
    if (l.error) out.ok = false;
    out.lines.push_back(std::move(l));
  }
  return out;
}

}  // namespace yc::calendar
