#pragma once
// The webhook outbox (issue 10, item 7): an event is queued for every
// active subscription that wants it and whose unit covers where it
// happened, in the transaction of the change, so an event is sent if and
// only if the change committed. Payloads carry no personal data.

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "platform/result.hpp"
#include "store/database.hpp"

namespace yc::exchange {

// The events a subscription can ask for.
inline constexpr std::string_view kEvents[] = {"case.accepted", "case.completed", "case.delivered", "evaluation.rated"};
bool valid_event(std::string_view event);

Result<void> enqueue(store::Tx& tx, std::string_view event, const std::string& unit_path, boost::json::object payload,
                     std::int64_t now);

}  // namespace yc::exchange
