#pragma once
// Account security rules (issue 4, items 2-3; research/security.md "Accounts
// and sessions"). Pure code: no I/O, no clock (times are passed in).

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace yc::identity {

// At least 10 characters from at least 3 of: upper case, lower case, digits,
// other symbols; not containing the login name; not one repeated character.
// (等保 level 3 asks for complexity without numbers; these are the
// configuration defaults of common practice.)
Result<void> check_password_policy(std::string_view password, std::string_view login_name);

struct LockoutPolicy {
  int max_failures = 5;                        // within `window`
  std::int64_t window_ms = 15 * 60 * 1000;
  std::int64_t lock_ms = 30 * 60 * 1000;
  int hourly_max = 100;                        // ASVS 2.2.1
};

// When the account is locked until, given the times of its failed logins
// (any order, at least the last hour of them), or nullopt when it is not
// locked at `now`. Five failures within 15 minutes lock for 30 minutes from
// the fifth; 100 failures within an hour lock until the oldest of them is an
// hour old.
std::optional<std::int64_t> locked_until(std::vector<std::int64_t> failures, std::int64_t now,
                                         const LockoutPolicy& policy = {});

}  // namespace yc::identity
