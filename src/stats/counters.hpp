#pragma once
// Daily aggregates (issue 10, items 4-5): every figure the ledgers and the
// dashboards show is a counter kept per Beijing day and per month, per unit
// where it happened (and per item for the case figures), incremented in the
// same transaction as the change it counts. Dashboards read these rows and
// never scan cases. `rebuild` recomputes them from the base tables (after an
// upgrade, or to check them).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/result.hpp"
#include "platform/time.hpp"
#include "store/database.hpp"

namespace yc::stats {

// The metric names (stable: they are stored).
namespace metric {
inline constexpr std::string_view kCasesAccepted = "cases.accepted";
inline constexpr std::string_view kCasesRejected = "cases.rejected";    // 不予受理
inline constexpr std::string_view kCasesCompleted = "cases.completed";  // 办结 (approved or refused)
inline constexpr std::string_view kCasesApproved = "cases.approved";
inline constexpr std::string_view kCasesRefused = "cases.refused";
inline constexpr std::string_view kCasesOnTime = "cases.on_time";       // completed by the due day
inline constexpr std::string_view kCasesDelivered = "cases.delivered";
inline constexpr std::string_view kCasesOverdue = "cases.overdue";
inline constexpr std::string_view kTicketsTaken = "tickets.taken";
inline constexpr std::string_view kTicketsServed = "tickets.served";
inline constexpr std::string_view kTicketsWaitSeconds = "tickets.wait_s";
inline constexpr std::string_view kTicketsServiceSeconds = "tickets.service_s";
inline constexpr std::string_view kRatingsTotal = "ratings.total";
inline constexpr std::string_view kRatingsGood = "ratings.good";  // 基本满意 and better
inline constexpr std::string_view kRatingsBad = "ratings.bad";    // 不满意 and worse
inline constexpr std::string_view kComplaintsReceived = "complaints.received";
inline constexpr std::string_view kComplaintsUpheld = "complaints.upheld";
}  // namespace metric

// Every metric, in the order ledgers list them.
const std::vector<std::string_view>& all_metrics();

struct Where {
  time::Date day;             // Beijing
  std::string unit_code, unit_path;
  std::string item_code;      // "" when the figure is not about an item
};

// Adds each (metric, delta) to the day's, the month's and (with an item) the
// item-month's counters, in three statements.
Result<void> add(store::Tx& tx, const Where& w, const std::vector<std::pair<std::string_view, std::int64_t>>& deltas);

// Recomputes every counter from cases, tickets, ratings and complaints, in
// one transaction; returns the number of counter rows written.
Result<std::int64_t> rebuild(store::Database& db);

}  // namespace yc::stats
