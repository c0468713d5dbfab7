#pragma once
// Reading the audit trail for the audit administrator (issue 4, item 5):
// filters, pages newest first, CSV export. Entries are visible when the
// actor's unit lies in the caller's scope; entries of no unit (the system,
// anonymous sign-in attempts) only to a scope that covers a whole city.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "store/database.hpp"

namespace yc::audit {

struct Filter {
  std::optional<std::int64_t> from_ms, to_ms;  // [from, to)
  std::string actor_login;
  std::string action;        // prefix, e.g. "session." or "org.unit.create"
  std::string object_type, object_id, outcome;
  std::optional<std::int64_t> before_seq;      // paging: entries with seq below
  int limit = 100;
};

struct Listed {
  Entry entry;
  std::string actor_login;
};

Result<std::vector<Listed>> search(store::Tx& tx, const org::Scope& scope, const Filter& filter);

// RFC 4180 CSV with a UTF-8 BOM and a Chinese header row; cells that a
// spreadsheet would run as a formula are prefixed with an apostrophe.
std::string to_csv(const std::vector<Listed>& entries);

}  // namespace yc::audit
