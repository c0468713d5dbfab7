#pragma once
// Working days (工作日) for deadlines (policy 三(八) 限时办结; research/calendar.md):
// Monday to Friday, minus the statutory holidays, plus the weekend days the
// State Council's yearly notice makes working days (调休). The exceptions are
// data an administrator maintains; this is the pure arithmetic over them,
// and the rules of one exception and of the CSV import.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"
#include "platform/time.hpp"

namespace yc::calendar {

enum class DayKind { kHoliday, kWorkday };  // a weekday off / a weekend day at work

// Exceptions to Monday-Friday, by ISO date ("2025-01-28").
using Exceptions = std::map<std::string, DayKind, std::less<>>;

// 1 = Monday ... 7 = Sunday.
int iso_weekday(const time::Date& d);
time::Date add_days(const time::Date& d, int days);
using time::parse_date;

bool is_working_day(const time::Date& d, const Exceptions& ex);

// The day on which `working_days` working days have passed since `start`.
// The start day itself counts only when count_start is set (the common rule
// is that the day of acceptance does not). 0 days: the start day itself.
time::Date add_working_days(const time::Date& start, int working_days, const Exceptions& ex,
                            bool count_start = false);

// Working days after `from` up to and including `to` (0 when to <= from).
int working_days_between(const time::Date& from, const time::Date& to, const Exceptions& ex);

// One exception as an administrator enters it.
struct Day {
  std::string day;  // ISO date
  DayKind kind = DayKind::kHoliday;
  std::string name;
};

// "holiday"/"休"/"放假" or "workday"/"班"/"上班".
std::optional<DayKind> parse_kind(std::string_view s);

// A valid date; a holiday falls on a weekday and a 调休 workday on a weekend;
// a name of 1 to 30 characters. The error names the field.
Result<void> check_day(const Day& d);

// The CSV import "date,kind,name" (an optional header, blank lines skipped),
// judged row by row without touching the table: a report line per row and
// the days of the good rows. A file that is not CSV at all (an unclosed
// quote) is refused with the field "file".
struct ImportLine {
  int line = 0;
  std::string day;
  std::optional<Error> error;
};
struct ParsedImport {
  std::vector<ImportLine> lines;
  std::vector<Day> days;
  bool ok = true;  // no line has an error
};
Result<ParsedImport> parse_import(std::string_view csv);

}  // namespace yc::calendar
