#include "platform/rate_limit.hpp"

#include <gtest/gtest.h>

namespace yc {
namespace {

TEST(RateLimiter, ABurstIsAllowedThenTheRate) {
  RateLimiter l({.burst = 3, .per_minute = 6});  // one token every 10 s
  const std::int64_t t0 = 1'700'000'000'000;
  EXPECT_EQ(l.take("1.2.3.4", t0), 0);
  EXPECT_EQ(l.take("1.2.3.4", t0), 0);
  EXPECT_EQ(l.take("1.2.3.4", t0), 0);
  EXPECT_EQ(l.take("1.2.3.4", t0), 10);       // empty: the next token in 10 s
  EXPECT_EQ(l.take("1.2.3.4", t0 + 4'000), 6);
  EXPECT_EQ(l.take("1.2.3.4", t0 + 10'000), 0);
  EXPECT_EQ(l.take("1.2.3.4", t0 + 10'000), 10);
}

TEST(RateLimiter, KeysAreCountedApart) {
  RateLimiter l({.burst = 1, .per_minute = 1});
  EXPECT_EQ(l.take("a", 0), 0);
  EXPECT_GT(l.take("a", 0), 0);
  EXPECT_EQ(l.take("b", 0), 0);
}

TEST(RateLimiter, ABucketNeverHoldsMoreThanTheBurst) {
  RateLimiter l({.burst = 2, .per_minute = 60});
  EXPECT_EQ(l.take("k", 0), 0);
  // An idle hour refills to the burst, not to 3,600 tokens.
  EXPECT_EQ(l.take("k", 3'600'000), 0);
  EXPECT_EQ(l.take("k", 3'600'000), 0);
  EXPECT_EQ(l.take("k", 3'600'000), 1);
}

TEST(RateLimiter, ManyKeysStayBounded) {
  RateLimiter l({.burst = 1, .per_minute = 1}, 100);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(l.take("addr" + std::to_string(i), 0), 0);
  // Still limits a key it remembers, and forgets rather than grows.
  EXPECT_GT(l.take("addr999", 0), 0);
}

TEST(RateLimiter, TimeGoingBackDoesNotMintTokens) {
  RateLimiter l({.burst = 1, .per_minute = 1});
  EXPECT_EQ(l.take("k", 120'000), 0);
  EXPECT_GT(l.take("k", 0), 0);
}

}  // namespace
}  // namespace yc
