#pragma once
// Token buckets per key (an address, an API client), for the endpoints that
// anyone can reach: sign-in, public complaints and ratings, progress
// look-ups, and the API of authorized systems (research/security.md
// "Accounts and sessions": throttle by address as well as by account).
//
// Each node keeps its own buckets in memory: behind a balancer of n nodes a
// key gets at most n times the rate, which still stops guessing and floods;
// nothing here must survive a restart.

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace yc {

struct RateLimit {
  double burst = 10;          // tokens a new key starts with, and the most it holds
  double per_minute = 10;     // tokens added per minute
};

class RateLimiter {
 public:
  explicit RateLimiter(RateLimit limit, std::size_t max_keys = 100'000);

  // Takes one token for `key` at `now_ms`. Returns 0 when allowed, else the
  // whole seconds until a token is there (at least 1): the Retry-After.
  int take(std::string_view key, std::int64_t now_ms);

  const RateLimit& limit() const { return limit_; }

 private:
  struct Bucket {
    double tokens = 0;
    std::int64_t at_ms = 0;
  };
  void evict_full(std::int64_t now_ms);

  RateLimit limit_;
  std::size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace yc
