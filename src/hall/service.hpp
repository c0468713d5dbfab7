#pragma once
// The hall's queue (issue 7, item 1): service groups of a site and tickets
// (取号). Numbers come from a per-group, per-Beijing-day counter row updated
// in the ticket's own transaction, so concurrent kiosks never share or skip
// a number. Groundwork: calling, appointments and screens come next.

#include <cstdint>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "org/scope.hpp"
#include "hall/model.hpp"
#include "platform/result.hpp"
#include "store/database.hpp"

namespace yc::hall {

struct Group {
  std::int64_t id = 0, site_id = 0, version = 1;
  std::string code, name, prefix;
  std::vector<std::string> categories;
  bool active = true;
};

struct Ticket {
  std::int64_t id = 0, site_id = 0, group_id = 0;
  std::string day, label, channel, state;
  int number = 0;
  bool green = false;
  std::int64_t taken_at = 0;
};

// hall.manage over the site. The prefix is one capital letter, unique in the site.
Result<Group> add_group(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t site_id,
                        const std::string& code, const std::string& name, const std::string& prefix,
                        const std::vector<std::string>& categories, std::int64_t now);
Result<std::vector<Group>> list_groups(store::Tx& tx, std::int64_t site_id);

// A ticket of the group, numbered in the Beijing day of `now`.
// channel: kiosk | web | appointment | window.
Result<Ticket> take_ticket(store::Tx& tx, std::int64_t site_id, const std::string& group_code,
                           const std::string& channel, bool green, std::int64_t now);

// --- Calling (issue 7, item 3) ---------------------------------------------------------
// Who calls: the account at a window of a site in its case.intake scope.
struct Caller {
  std::int64_t account = 0;
  audit::Actor actor;
};

struct Call {
  Ticket ticket;
  int window_number = 0;
  std::string window_name;
  int recalls = 0;
};

// Finishes the window's current ticket, if any, and calls the next one by
// pick_next (green channel, due appointments, waiting time across the
// groups the window serves). kNotFound when nobody waits; kUnprocessable
// when the window is closed or serves no group. Concurrent windows never
// call the same ticket.
Result<Call> call_next(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                       std::int64_t now, const CallPolicy& policy = {});
// The window is done with its current ticket (办结/离开) without calling the next.
Result<Ticket> finish(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                      std::int64_t now);
// 重呼: the current ticket again (the screens announce it once more).
Result<Call> recall(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id);
// 过号: the holder did not come; back in the queue behind those waiting, or
// void after the site's limit. Returns the ticket as it is now.
Result<Ticket> skip(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                    std::int64_t now, const SkipPolicy& policy = {});
// The current ticket moves to another group of the site, keeping its place.
Result<Ticket> transfer(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                        const std::string& to_group);
// The window's service groups (replaces them).
Result<void> set_window_groups(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                               std::int64_t window_id, const std::vector<std::string>& group_codes);

}  // namespace yc::hall
