// The Erlang C capacity model (issue 9, item 6) against published values.
#include <gtest/gtest.h>

#include <cmath>

#include "staff/erlang.hpp"

namespace yc::staff {
namespace {

// Call Centre Helper, "Erlang C Formula - Made Simple with an Easy Worked
// Example": 100 calls in 30 minutes, average handling time 180 s (10
// Erlangs), 11 agents: probability of waiting 68.21%, average speed of
// answer 122.8 s.
TEST(ErlangC, MatchesThePublishedWorkedExample) {
  double load = 100.0 / 1800.0 * 180.0;
  EXPECT_NEAR(load, 10.0, 1e-12);
  EXPECT_NEAR(erlang_c(11, load), 0.6821, 5e-5);
  EXPECT_NEAR(mean_wait(11, load, 180), 122.8, 0.05);
}

// The textbook M/M/m exercise (120 arrivals an hour, 3 minutes each, 10
// servers: 6 Erlangs): "from the Erlang C curve, the probability of waiting
// is about 0.10". The exact value is 0.1013.
TEST(ErlangC, MatchesTheTextbookCurveReading) {
  EXPECT_NEAR(erlang_c(10, 6.0), 0.1013, 5e-5);
  // One server is M/M/1: the probability of waiting is the utilisation.
  EXPECT_NEAR(erlang_c(1, 0.75), 0.75, 1e-12);
}

TEST(ErlangC, AnOverloadedHallAlwaysWaitsAndAnEmptyOneNever) {
  EXPECT_EQ(erlang_c(5, 5.0), 1.0);
  EXPECT_EQ(erlang_c(3, 4.0), 1.0);
  EXPECT_EQ(erlang_c(3, 0.0), 0.0);
  EXPECT_EQ(service_level(3, 4.0, 600, 900), 0.0);
  EXPECT_TRUE(std::isinf(mean_wait(3, 4.0, 600)));
}

TEST(ErlangC, LargeHallsDoNotOverflow) {
  double c = erlang_c(500, 480.0);
  EXPECT_GT(c, 0.0);
  EXPECT_LT(c, 1.0);
}

// 80% within 15 minutes for 36 people an hour at 10 minutes each (6 Erlangs):
// the fewest windows that reach it, and one fewer does not.
TEST(ErlangC, WindowsNeededIsTheFewestThatReachTheTarget) {
  auto c = windows_needed(36, 600, 0.80, 900);
  ASSERT_TRUE(c.reachable);
  EXPECT_GE(c.service_level, 0.80);
  EXPECT_LT(service_level(c.windows - 1, 6.0, 600, 900), 0.80);
  EXPECT_EQ(c.windows, 7);
  auto never = windows_needed(3600, 600, 0.8, 900, 20);
  EXPECT_FALSE(never.reachable);
}

}  // namespace
}  // namespace yc::staff
