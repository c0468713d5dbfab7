#pragma once
// The catalog's use cases (issue 5, items 2-4): items and their versions,
// dynamic adjustment (draft -> second-person review -> publish with an
// effective date -> withdraw), history and diff, the conformance report and
// the seeded demo catalog. Each use case is one transaction with its audit
// entry. Editing the city-wide catalog needs catalog.manage at the city.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>

#include "audit/model.hpp"
#include "catalog/model.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "store/database.hpp"

namespace yc::catalog {

struct Version {
  std::int64_t id = 0;
  std::string item_code;
  int number = 0;
  std::string status;  // draft | review | published
  Item item;
  std::string edited_by, submitted_by, reviewed_by, review_note;
  std::optional<std::int64_t> submitted_at, reviewed_at, effective_from;
  std::int64_t updated_at = 0;
  std::int64_t version = 1;  // optimistic concurrency of the row
  bool withdrawn = false;    // the item is no longer offered
};

// A version without its document, for lists and history.
struct VersionSummary {
  std::int64_t id = 0;
  std::string item_code, name, category, service_level, status;
  int number = 0;
  std::string edited_by, submitted_by, reviewed_by, review_note;
  std::optional<std::int64_t> effective_from, reviewed_at;
  std::int64_t updated_at = 0;
  bool withdrawn = false;
  // Login names of edited_by, submitted_by, reviewed_by ("" for the system).
  std::string edited_login, submitted_login, reviewed_login;
};

struct ListFilter {
  // Words (all must match) in the name, synonyms, summary, conditions or
  // materials; a word of Latin letters also matches the name's pinyin initials.
  std::string q;
  std::string category;       // employment | social_insurance | labor_relations | other
  std::string service_level;  // street | community
  std::string life_event;     // e.g. unemployment (docs/catalog-item.md)
};

// --- Public reading ----------------------------------------------------------
// The version in force at `now` of every offered item.
Result<std::vector<Version>> list_current(store::Tx& tx, const ListFilter& filter, std::int64_t now);
// The version in force of one offered item; kNotFound when none is.
Result<Version> get_current(store::Tx& tx, const std::string& code, std::int64_t now);
// Any version by id (cases read the version they started under).
Result<Version> get_version(store::Tx& tx, std::int64_t id);

// --- Editing (catalog.manage at the city) -------------------------------------
// Checks that the scope covers the city: the catalog is city-wide.
Result<void> require_city(store::Tx& tx, const org::Scope& scope);
Result<Version> create_item(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, const Item& item);
// A new draft of an existing item, starting from its newest version; one
// open draft (or version in review) per item.
Result<Version> new_draft(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, const std::string& code);
Result<Version> save_draft(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id,
                           const Item& item, std::int64_t expected_version);
// Refused (kUnprocessable) while the conformance checker finds anything.
Result<Version> submit(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id,
                       std::int64_t expected_version);
// The second person: neither the last editor nor the submitter may approve.
Result<Version> approve(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id,
                        std::int64_t effective_from, const std::string& note, std::int64_t expected_version);
Result<Version> reject(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id,
                       const std::string& note, std::int64_t expected_version);
Result<void> withdraw(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, const std::string& code,
                      const std::string& reason);
Result<void> restore(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, const std::string& code);

// Every item's newest version (any status), for the editors' list.
Result<std::vector<VersionSummary>> list_latest(store::Tx& tx, const ListFilter& filter);
Result<std::vector<VersionSummary>> history(store::Tx& tx, const std::string& code);

// --- Import (issue 5, item 8) -----------------------------------------------------
// Every row is judged first (parse and conformance); if any row is wrong,
// nothing is written and the report names each wrong row. Otherwise each row
// becomes a draft: version 1 of a new item, or the next version of an
// existing one (refused when that item already has an open draft). Drafts
// still need a second person's review to publish.
struct ImportRow {
  int row = 0;  // 1-based position in the list (a spreadsheet's data row)
  std::string code;
  std::string outcome;  // "created" | "revised" | "error"
  std::vector<Finding> problems;
};
struct ImportReport {
  bool imported = false;
  std::vector<ImportRow> rows;
};
Result<ImportReport> import_items(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                  const boost::json::array& documents);

// --- Conformance (issue 5, item 4) ------------------------------------------------
struct ItemFindings {
  std::string code, name, category, service_level;
  int number = 0;
  std::string status;
  std::vector<Finding> findings;
};
// The newest version of every item with what the checker finds in it.
Result<std::vector<ItemFindings>> conformance(store::Tx& tx);

// --- Seed (issue 5, item 5) -----------------------------------------------------------
// Publishes each item of a JSON array that is not in the catalog yet, as
// version 1 in force from `now`; every item must pass the checker. Returns
// how many were added.
Result<int> seed(store::Database& db, std::string_view json_array, std::int64_t now);

}  // namespace yc::catalog
