#include "platform/time.hpp"

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

namespace yc::time {

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Howard Hinnant's civil-calendar algorithms (public domain).
std::int64_t days_from_civil(Date d) {
  const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (d.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m),
              static_cast<int>(d)};
}

namespace {
// Writes v as exactly `width` decimal digits (hot path: no printf).
char* put_digits(char* out, int v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return out + width;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}
}  // namespace

std::string format_utc(std::int64_t epoch_ms) {
  const std::int64_t days = floor_div(epoch_ms, 86'400'000);
  const std::int64_t rem = epoch_ms - days * 86'400'000;
  const Date d = civil_from_days(days);
  const int h = static_cast<int>(rem / 3'600'000);
  const int mi = static_cast<int>(rem / 60'000 % 60);
  const int s = static_cast<int>(rem / 1000 % 60);
  const int ms = static_cast<int>(rem % 1000);
  if (d.year < 0 || d.year > 9999) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", d.year, d.month,
                  d.day, h, mi, s, ms);
    return buf;
  }
  char buf[24];
  char* p = put_digits(buf, d.year, 4);
  *p++ = '-';
  p = put_digits(p, d.month, 2);
  *p++ = '-';
  p = put_digits(p, d.day, 2);
  *p++ = 'T';
  p = put_digits(p, h, 2);
  *p++ = ':';
  p = put_digits(p, mi, 2);
  *p++ = ':';
  p = put_digits(p, s, 2);
  *p++ = '.';
  p = put_digits(p, ms, 3);
  *p++ = 'Z';
  return std::string(buf, static_cast<std::size_t>(p - buf));
}

std::string Date::iso() const {
  if (year < 0 || year > 9999) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
  }
  char buf[10];
  char* p = put_digits(buf, year, 4);
  *p++ = '-';
  p = put_digits(p, month, 2);
  *p++ = '-';
  put_digits(p, day, 2);
  return std::string(buf, sizeof buf);
}

Date shanghai_date(std::int64_t epoch_ms) {
  return civil_from_days(floor_div(epoch_ms + kShanghaiOffsetMs, 86'400'000));
}

Result<Date> parse_date(std::string_view t, std::string_view field) {
  auto bad = [&] { return fail(ErrorCode::kInvalidArgument, "日期格式应为 YYYY-MM-DD", std::string(field)); };
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return bad();
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (t[i] < '0' || t[i] > '9') return bad();
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  const Date d{num(0, 4), num(5, 2), num(8, 2)};
  if (d.year < 2000 || d.year > 2100 || !(civil_from_days(days_from_civil(d)) == d))
    return fail(ErrorCode::kInvalidArgument, fmt::format("{} 不是有效的日期", t), std::string(field));
  return d;
}

std::int64_t shanghai_day_start_ms(const Date& d) {
  return days_from_civil(d) * 86'400'000 - kShanghaiOffsetMs;
}

}  // namespace yc::time
