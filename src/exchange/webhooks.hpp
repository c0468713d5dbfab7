#pragma once
// Webhooks (issue 10, item 7; docs/api/exchange.md): subscriptions of
// authorized systems, and the dispatcher that POSTs the outbox's events with
//   X-Yichuang-Event, X-Yichuang-Delivery, X-Yichuang-Timestamp and
//   X-Yichuang-Signature: sha256=<hex HMAC-SHA256(secret, timestamp "." body)>
// retrying with back-off (1 min, 5 min, 30 min, 2 h, 6 h, 12 h) and keeping
// a dead letter after the seventh failed attempt.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::exchange {

// Hex HMAC-SHA256 (RFC 2104 with SHA-256).
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// The signature header's value for a body sent at `timestamp` (seconds).
std::string signature(std::string_view secret, std::int64_t timestamp, std::string_view body);
// When attempt n (1-based) has failed: the wait before the next, or nullopt
// when it was the last.
std::optional<std::int64_t> backoff_ms(int attempts);
inline constexpr int kMaxAttempts = 7;

struct Subscription {
  std::int64_t id = 0;
  std::string name, url, unit_code, unit_name;
  std::vector<std::string> events;
  bool active = true;
  std::int64_t created_at = 0;
  int pending = 0, dead = 0;
};
struct NewSubscription {
  std::string name, url, unit_code;
  std::vector<std::string> events;
};
struct Created {
  Subscription subscription;
  std::string secret;  // shown once
};
Result<Created> subscribe(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                          const org::Scope& scope, std::int64_t by, const NewSubscription& in, std::int64_t now);
Result<std::vector<Subscription>> subscriptions(store::Tx& tx, const org::Scope& scope);
Result<void> deactivate(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id);

struct Delivery {
  std::int64_t id = 0, subscription_id = 0;
  std::string subscription_name, event, payload, state, last_error;
  int attempts = 0;
  std::optional<int> last_status;
  std::int64_t next_at = 0, created_at = 0;
  std::optional<std::int64_t> delivered_at;
};
Result<std::vector<Delivery>> deliveries(store::Tx& tx, const org::Scope& scope, const std::string& state);
// A dead letter goes back to the queue, due now.
Result<Delivery> retry(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id,
                       std::int64_t now);

// How a delivery is sent: the HTTP status, or an error for a failed connection.
struct Post {
  std::string url, body;
  std::vector<std::pair<std::string, std::string>> headers;
};
using Sender = std::function<Result<int>(const Post&)>;
// Once per process, before threads start (libcurl's global state).
void init();
// libcurl, 10 s timeout, no redirects.
Result<int> curl_post(const Post& p);

// Sends up to `limit` due deliveries; returns how many were delivered.
Result<int> dispatch(store::Database& db, const privacy::KeyRing& keys, const Sender& send, std::int64_t now,
                     int limit = 50);

}  // namespace yc::exchange
