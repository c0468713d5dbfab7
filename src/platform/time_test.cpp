#include <gtest/gtest.h>

#include "platform/time.hpp"

namespace yc::time {
namespace {

TEST(Time, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_utc(1764036000123), "2025-11-25T02:00:00.123Z");
}

TEST(Time, DayIsTheShanghaiCalendarDay) {
  // 2025-11-24T15:59:59.999Z is 23:59:59.999 in Shanghai; one ms later is the
  // next day there, although UTC is still on the 24th.
  const std::int64_t before = 1764000000000 - 1;  // 2025-11-24T16:00:00Z - 1 ms
  EXPECT_EQ(format_utc(before + 1), "2025-11-24T16:00:00.000Z");
  EXPECT_EQ(shanghai_date(before).iso(), "2025-11-24");
  EXPECT_EQ(shanghai_date(before + 1).iso(), "2025-11-25");
}

TEST(Time, CivilDaysRoundTrip) {
  for (std::int64_t d = -800000; d < 800000; d += 997) EXPECT_EQ(days_from_civil(civil_from_days(d)), d);
  EXPECT_EQ(days_from_civil(Date{2000, 2, 29}) + 1, days_from_civil(Date{2000, 3, 1}));
}

}  // namespace
}  // namespace yc::time

namespace yc::time {
namespace {
TEST(Time, BusinessDatesParseStrictlyAndStartAtShanghaiMidnight) {
  const auto d = parse_date("2025-01-24").value();
  EXPECT_EQ(d.iso(), "2025-01-24");
  EXPECT_EQ(format_utc(shanghai_day_start_ms(d)), "2025-01-23T16:00:00.000Z");
  EXPECT_EQ(shanghai_date(shanghai_day_start_ms(d)), d);
  EXPECT_EQ(parse_date("2025-02-30", "from").error().field, "from");  // no rolling into March
  EXPECT_FALSE(parse_date("2025-1-24"));
  EXPECT_FALSE(parse_date("1999-12-31"));
}
}  // namespace
}  // namespace yc::time
