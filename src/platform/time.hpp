#pragma once
// Time rules (DESIGN.md, STYLE.md §7): store UTC epoch milliseconds; every
// "day" (ticket numbers, deadlines, daily figures) is a calendar day in
// Asia/Shanghai.

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace yc::time {

// Milliseconds since the Unix epoch, UTC.
std::int64_t now_ms();

// "2026-11-25T02:00:00.123Z"
std::string format_utc(std::int64_t epoch_ms);

// A civil date.
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;
  friend bool operator==(const Date&, const Date&) = default;
  std::string iso() const;  // "2026-11-25"
};

// The Asia/Shanghai calendar day of an instant. China has kept UTC+8 with no
// daylight saving since 1991, and g++ 12 has no std::chrono::zoned_time, so
// the offset is fixed here; instants before 1991 are never business data.
Date shanghai_date(std::int64_t epoch_ms);

// Days since 1970-01-01 for a civil date, and back (proleptic Gregorian).
std::int64_t days_from_civil(Date d);
Date civil_from_days(std::int64_t days);

inline constexpr std::int64_t kShanghaiOffsetMs = 8LL * 3600 * 1000;

// A business date "YYYY-MM-DD" (a real day, years 2000-2100), else
// kInvalidArgument naming `field`.
Result<Date> parse_date(std::string_view iso, std::string_view field = "date");

// The first millisecond (UTC epoch) of a day in Asia/Shanghai.
std::int64_t shanghai_day_start_ms(const Date& d);

}  // namespace yc::time
