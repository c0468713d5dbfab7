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

Result<time::Date> parse_date(std::string_view t, std::string_view field) {
  auto bad = [&] { return fail(ErrorCode::kInvalidArgument, "日期格式应为 YYYY-MM-DD", std::string(field)); };
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return bad();
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (t[i] < '0' || t[i] > '9') return bad();
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  const time::Date d{num(0, 4), num(5, 2), num(8, 2)};
  if (d.year < 2000 || d.year > 2100 || !(time::civil_from_days(time::days_from_civil(d)) == d))
    return fail(ErrorCode::kInvalidArgument, fmt::format("{} 不是有效的日期", t), std::string(field));
  return d;
}

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
