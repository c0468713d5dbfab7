#include "calendar/model.hpp"

#include <fmt/format.h>

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

}  // namespace yc::calendar
