#include "identity/model.hpp"

#include <algorithm>
#include <string>

namespace yc::identity {
namespace {
Unexpected weak(std::string message) {
  return fail(ErrorCode::kInvalidArgument, std::move(message), "password");
}
}  // namespace

Result<void> check_password_policy(std::string_view password, std::string_view login_name) {
  // Count characters, not bytes: a Chinese character is one character.
  std::size_t chars = 0;
  bool upper = false, lower = false, digit = false, other = false;
  for (unsigned char c : password) {
    if ((c & 0xC0) != 0x80) ++chars;
    if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= '0' && c <= '9') digit = true;
    else if ((c & 0xC0) != 0x80) other = true;
  }
  if (chars < 10) return weak("密码至少 10 个字符");
  if (chars > 128) return weak("密码不能超过 128 个字符");
  if (int(upper) + int(lower) + int(digit) + int(other) < 3)
    return weak("密码须包含大写字母、小写字母、数字、符号中的至少三类");
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; }))
    return weak("密码不能由同一字符重复组成");
  if (!login_name.empty()) {
    std::string p(password), n(login_name);
    for (auto* s : {&p, &n})
      for (auto& c : *s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (p.find(n) != std::string::npos) return weak("密码不能包含登录名");
  }
  return {};
}

std::optional<std::int64_t> locked_until(std::vector<std::int64_t> f, std::int64_t now,
                                         const LockoutPolicy& policy) {
  std::sort(f.begin(), f.end());
  std::optional<std::int64_t> until;
  auto extend = [&until](std::int64_t t) { until = until ? std::max(*until, t) : t; };
  const auto n = static_cast<std::ptrdiff_t>(policy.max_failures);
  for (std::ptrdiff_t i = n - 1; i < static_cast<std::ptrdiff_t>(f.size()); ++i) {
    if (f[static_cast<std::size_t>(i)] > now) break;
    if (f[static_cast<std::size_t>(i)] - f[static_cast<std::size_t>(i - n + 1)] <= policy.window_ms)
      extend(f[static_cast<std::size_t>(i)] + policy.lock_ms);
  }
  // The hourly cap: count the failures of the last hour.
  const std::int64_t hour = 60 * 60 * 1000;
  std::vector<std::int64_t> recent;
  for (auto t : f)
    if (t > now - hour && t <= now) recent.push_back(t);
  if (static_cast<int>(recent.size()) >= policy.hourly_max)
    extend(recent[recent.size() - static_cast<std::size_t>(policy.hourly_max)] + hour);
  if (until && *until > now) return until;
  return std::nullopt;
}

}  // namespace yc::identity
