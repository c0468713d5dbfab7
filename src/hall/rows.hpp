#pragma once
// Row helpers shared by the hall's service files (not part of its API).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hall/service.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "store/database.hpp"

namespace yc::hall::detail {

struct WindowInfo {
  std::int64_t id = 0, site_id = 0;
  int number = 0;
  std::string name;
  bool open = true;
};

// The window, if the scope covers its site (kNotFound otherwise).
Result<WindowInfo> window_in_scope(store::Tx& tx, const org::Scope& scope, std::int64_t window_id);

inline constexpr const char* kGroupCols = "id, site_id, code, name, prefix, categories, active, version";
Group group_from(const store::Row& r);

// Columns of a ticket `t` for ticket_from.
inline constexpr const char* kTicketCols =
    "t.id, t.site_id, t.group_id, t.day, t.label, t.channel, t.state, t.number, t.green, t.taken_at, t.skips, "
    "(SELECT name FROM service_group WHERE id = t.group_id), t.slot_start";
Ticket ticket_from(const store::Row& r);

// 台账 counters (issue 10): a ticket counts where it was taken, on its counter
// day (YYYYMMDD).
Result<void> count_ticket(store::Tx& tx, std::int64_t site_id, const std::string& day,
                          const std::vector<std::pair<std::string_view, std::int64_t>>& deltas);
// The window's called ticket (or only the one given) is done: served, with
// its wait and service time counted.
Result<void> finish_called(store::Tx& tx, std::int64_t window_id, std::optional<std::int64_t> only, std::int64_t now);

// The ticket the window has called and not finished, if any.
Result<std::optional<store::Row>> current(store::Tx& tx, std::int64_t window_id);

// The site's ticket periods on a Beijing day (the calendar says which kind).
Result<std::vector<Period>> periods_of_day(store::Tx& tx, const Settings& s, const time::Date& day);
// Whether tickets are given at `now`.
Result<bool> open_at(store::Tx& tx, const Settings& s, std::int64_t now);

// The account sits at the window and leaves any other (三亮明).
Result<void> take_seat(store::Tx& tx, std::int64_t account, std::int64_t window_id, std::int64_t now);

}  // namespace yc::hall::detail
