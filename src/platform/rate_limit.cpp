#include "platform/rate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace yc {
namespace {

double refill(double tokens, std::int64_t from_ms, std::int64_t to_ms, const RateLimit& l) {
  if (to_ms <= from_ms) return tokens;
  return std::min(l.burst, tokens + static_cast<double>(to_ms - from_ms) * l.per_minute / 60'000.0);
}

}  // namespace

RateLimiter::RateLimiter(RateLimit limit, std::size_t max_keys) : limit_(limit), max_keys_(max_keys) {}

int RateLimiter::take(std::string_view key, std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) evict_full(now_ms);
    it = buckets_.emplace(std::string(key), Bucket{limit_.burst, now_ms}).first;
  }
  auto& b = it->second;
  b.tokens = refill(b.tokens, b.at_ms, now_ms, limit_);
  b.at_ms = std::max(b.at_ms, now_ms);
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  if (limit_.per_minute <= 0) return 3600;
  const double wait_s = (1.0 - b.tokens) * 60.0 / limit_.per_minute;
  return std::max(1, static_cast<int>(std::ceil(wait_s)));
}

// Keys whose bucket has refilled are the same as absent ones: drop them.
// When every key is still draining (a flood from many addresses), drop all:
// the limiter forgets rather than growing without bound.
void RateLimiter::evict_full(std::int64_t now_ms) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    if (refill(it->second.tokens, it->second.at_ms, now_ms, limit_) >= limit_.burst)
      it = buckets_.erase(it);
    else
      ++it;
  }
  if (buckets_.size() >= max_keys_) buckets_.clear();
}

}  // namespace yc
