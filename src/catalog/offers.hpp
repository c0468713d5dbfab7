#pragma once
// Implementation lists (实施清单, issue 5, item 2): each district, street and
// community says which catalog items it handles, with its own site, windows,
// address, hours and phone; everything else is inherited from the item.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "catalog/model.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "store/database.hpp"

namespace yc::catalog {

struct Offer {
  std::int64_t id = 0;
  std::string unit_code, unit_name, item_code, item_name;
  std::optional<std::int64_t> site_id;
  std::string site_name;
  std::string windows, address, hours, phone, note;
  // After inheritance from the site: what the guide shows.
  std::string shown_address, shown_hours, shown_phone;
  std::int64_t version = 1;
};

struct OfferInput {
  std::optional<std::int64_t> site_id;
  std::string windows, address, hours, phone, note;
};

// The offers of one unit (in `scope`), by item code.
Result<std::vector<Offer>> unit_offers(store::Tx& tx, const org::Scope& scope, const std::string& unit_code);
// Where an item is offered (public), optionally only at and below a unit.
Result<std::vector<Offer>> item_offers(store::Tx& tx, const std::string& item_code, const std::string& under_unit);
// Adds or replaces the unit's offer of an item (catalog.offer in scope). The
// site must belong to the unit or a unit below it.
Result<Offer> set_offer(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                        const std::string& unit_code, const std::string& item_code, const OfferInput& in);
Result<void> remove_offer(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                          const std::string& unit_code, const std::string& item_code);
// Item codes offered at a site (GET /api/catalog/items?site=).
Result<std::vector<std::string>> items_at_site(store::Tx& tx, std::int64_t site_id);

// Offers that lack what a citizen needs after inheritance (address, hours,
// phone), by district: the implementation-list part of the conformance report.
struct OfferFinding {
  std::string district_code, district_name, unit_code, unit_name, item_code, item_name, message;
};
Result<std::vector<OfferFinding>> offer_findings(store::Tx& tx);

}  // namespace yc::catalog
