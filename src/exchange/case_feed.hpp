#pragma once
// Cases for authorized systems (issue 10, item 7; docs/api/exchange.md): a
// changes feed walked by (updated_at, id) with an opaque cursor, and one case
// with its timeline. Personal data only masked; no notes, no staff names.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "org/scope.hpp"
#include "platform/result.hpp"
#include "store/database.hpp"

namespace yc::exchange {

struct CaseRecord {
  std::string case_no, item_code, item_name, channel, status, outcome;
  std::string intake_unit_code, intake_unit_name, handling_unit_code, handling_unit_name;
  std::string applicant_kind, applicant_name_masked, applicant_id_masked, agent_kind;
  int promised_days = 0;
  std::optional<std::string> accepted_day, due_day;
  bool overdue = false;
  std::optional<std::int64_t> accepted_at, completed_at, delivered_at;
  std::int64_t created_at = 0, updated_at = 0, id = 0;
};

struct CaseEventRecord {
  std::string kind, step, unit_code;
  std::int64_t at = 0;
};

struct FeedQuery {
  std::optional<std::string> after;  // a `next` cursor from an earlier page
  std::optional<std::string> from;   // YYYY-MM-DD: changes from this Beijing day (first page)
  std::string unit;                  // "" = the whole scope
  std::string status;                // "" = all
  int limit = 100;                   // 1..500
};

struct FeedPage {
  std::vector<CaseRecord> items;
  std::string next;   // pass as `after` for the next page (also when items is empty)
  bool more = false;  // another page is ready now
};

// Changes newer than `settle_ms` before `now` are held back, so that a
// transaction that took its timestamp earlier but commits later (another
// node) is not skipped by a reader that already moved past it.
inline constexpr std::int64_t kSettleMs = 10'000;

Result<FeedPage> case_feed(store::Tx& tx, const org::Scope& scope, const FeedQuery& q, std::int64_t now);
// The case if the scope covers where it was taken or where it is handled;
// kNotFound otherwise, as if it did not exist.
Result<std::pair<CaseRecord, std::vector<CaseEventRecord>>> case_record(store::Tx& tx, const org::Scope& scope,
                                                                        const std::string& case_no);

std::string format_cursor(std::int64_t updated_at, std::int64_t id);

}  // namespace yc::exchange
