#include "exchange/outbox.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace yc::exchange {

bool valid_event(std::string_view event) {
  return std::find(std::begin(kEvents), std::end(kEvents), event) != std::end(kEvents);
}

Result<void> enqueue(store::Tx& tx, std::string_view event, const std::string& unit_path, boost::json::object payload,
                     std::int64_t now) {
  // The subscriptions are few: read them and match here rather than in SQL.
  auto subs = YC_TRY(tx.query("SELECT id, events, unit_path FROM webhook_subscription WHERE active = 1"));
  if (subs.rows.empty()) return {};
  payload["event"] = std::string(event);
  payload["at"] = now;
  const auto body = boost::json::serialize(payload);
  const auto wanted = "," + std::string(event) + ",";
  for (const auto& s : subs.rows) {
    if (s.text(1).find(wanted) == std::string::npos || unit_path.rfind(s.text(2), 0) != 0) continue;
    YC_TRY(tx.exec("INSERT INTO webhook_delivery (subscription_id, event, payload, state, next_at, created_at) "
                   "VALUES ($1, $2, $3, 'pending', $4, $4)",
                   {s.int64(0), std::string(event), body, now}));
  }
  return {};
}

}  // namespace yc::exchange
