#include <gtest/gtest.h>

#include <set>

#include "identity/model.hpp"
#include "identity/secrets.hpp"

namespace yc::identity {
namespace {

constexpr std::int64_t kMin = 60 * 1000;

TEST(PasswordPolicy, AcceptsLongMixedPasswords) {
  EXPECT_TRUE(check_password_policy("Chuang-2026-yi", "zhangsan"));
  EXPECT_TRUE(check_password_policy("一窗服务Abc12345", "zhangsan"));
}

TEST(PasswordPolicy, RefusesShortSimpleRepeatedOrNameBearingPasswords) {
  EXPECT_EQ(check_password_policy("Ab1!", "u").error().field, "password");
  EXPECT_FALSE(check_password_policy("abcdefghijk", "u"));          // one class
  EXPECT_FALSE(check_password_policy("abcdefgh1234", "u"));         // two classes
  EXPECT_FALSE(check_password_policy("Zhangsan-2026", "zhangsan"));  // contains the login name
  EXPECT_FALSE(check_password_policy("一窗服务一窗服务一窗", "u"));    // 10 characters, one class
}

TEST(PasswordHash, Argon2idRoundTripAndNoPlaintext) {
  auto h = hash_password("Chuang-2026-yi");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(h->find("Chuang"), std::string::npos);
  EXPECT_TRUE(verify_password(*h, "Chuang-2026-yi"));
  EXPECT_FALSE(verify_password(*h, "chuang-2026-yi"));
  EXPECT_FALSE(verify_password("not a hash", "x"));
  EXPECT_FALSE(needs_rehash(*h));
  EXPECT_NE(*h, *hash_password("Chuang-2026-yi"));  // salted
}

TEST(Lockout, FiveFailuresInFifteenMinutesLockForThirtyFromTheFifth) {
  const std::int64_t t0 = 1'000'000'000'000;
  std::vector<std::int64_t> f = {t0, t0 + kMin, t0 + 2 * kMin, t0 + 3 * kMin};
  EXPECT_FALSE(locked_until(f, t0 + 4 * kMin));  // four are not enough
  f.push_back(t0 + 14 * kMin);                   // the fifth, within 15 minutes
  EXPECT_EQ(locked_until(f, t0 + 14 * kMin), t0 + 44 * kMin);
  EXPECT_EQ(locked_until(f, t0 + 43 * kMin), t0 + 44 * kMin);
  EXPECT_FALSE(locked_until(f, t0 + 44 * kMin));  // unlocked after 30 minutes
}

TEST(Lockout, FailuresSpreadOverMoreThanFifteenMinutesDoNotLock) {
  const std::int64_t t0 = 1'000'000'000'000;
  std::vector<std::int64_t> f;
  for (int i = 0; i < 5; ++i) f.push_back(t0 + i * 4 * kMin);  // 16 minutes from first to fifth
  EXPECT_FALSE(locked_until(f, t0 + 17 * kMin));
}

TEST(Lockout, AtMostOneHundredFailuresPerHour) {
  // Slow guessing that never trips the 15-minute rule: 4 every 15 minutes.
  const std::int64_t t0 = 1'000'000'000'000;
  LockoutPolicy p;
  p.hourly_max = 10;  // the same rule with a small number keeps the test short
  std::vector<std::int64_t> f;
  for (int i = 0; i < 10; ++i) f.push_back(t0 + (i / 4) * 16 * kMin + (i % 4) * kMin);
  const std::int64_t last = f.back();
  auto until = locked_until(f, last, p);
  ASSERT_TRUE(until);
  EXPECT_EQ(*until, f.front() + 60 * kMin);
  EXPECT_FALSE(locked_until(f, f.front() + 60 * kMin, p));
}

// RFC 6238 appendix B, SHA-1 rows (8 digits).
TEST(Totp, Rfc6238Vectors) {
  const std::string secret = "12345678901234567890";
  EXPECT_EQ(totp_code(secret, 59, 8), "94287082");
  EXPECT_EQ(totp_code(secret, 1111111109, 8), "07081804");
  EXPECT_EQ(totp_code(secret, 1111111111, 8), "14050471");
  EXPECT_EQ(totp_code(secret, 1234567890, 8), "89005924");
  EXPECT_EQ(totp_code(secret, 2000000000, 8), "69279037");
  EXPECT_EQ(totp_code(secret, 20000000000, 8), "65353130");
}

TEST(Totp, MatchesWithinOneStepAndReportsTheStepForReplayChecks) {
  const auto s = new_totp_secret();
  EXPECT_EQ(s.raw.size(), 20u);
  EXPECT_EQ(s.base32.size(), 32u);
  const std::int64_t now = 1'764'036'000;
  const auto code = totp_code(s.raw, now);
  EXPECT_EQ(totp_match(s.raw, code, now), now / 30);
  EXPECT_EQ(totp_match(s.raw, code, now + 30), now / 30);  // one step late is fine
  EXPECT_FALSE(totp_match(s.raw, code, now + 90));         // three steps late is not
  EXPECT_FALSE(totp_match(s.raw, "12345", now));
  const auto uri = totp_uri(s, "zhang.san", "一窗");
  EXPECT_EQ(uri.rfind("otpauth://totp/%E4%B8%80%E7%AA%97:zhang.san?secret=" + s.base32, 0), 0u);
}

TEST(RecoveryCodes, TenDistinctUnambiguousCodesWithStableDigests) {
  const auto codes = new_recovery_codes();
  ASSERT_EQ(codes.size(), 10u);
  std::set<std::string> unique(codes.begin(), codes.end());
  EXPECT_EQ(unique.size(), 10u);
  for (const auto& c : codes) {
    EXPECT_EQ(c.size(), 12u);
    EXPECT_EQ(c.find_first_of("01IO"), std::string::npos);
  }
  std::string lower = codes[0];
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_EQ(recovery_digest(codes[0]), recovery_digest(lower));
  EXPECT_NE(recovery_digest(codes[0]), recovery_digest(codes[1]));
}

}  // namespace
}  // namespace yc::identity
