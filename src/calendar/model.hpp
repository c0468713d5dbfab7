#pragma once
// Working days (工作日) for deadlines (policy 三(八) 限时办结; research/calendar.md):
// Monday to Friday, minus the statutory holidays, plus the weekend days the
// State Council's yearly notice makes working days (调休). The exceptions are
// data an administrator maintains; this is the pure arithmetic over them.

#include <map>
#include <optional>
#include <string>
#include <string_view>

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

}  // namespace yc::calendar
