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

}  // namespace yc::hall
