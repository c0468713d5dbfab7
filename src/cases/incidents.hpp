#pragma once
// 应急处理 (issue 6, item 10; policy 三(四) 投诉举报、应急处理): incidents at a
// hall (system outage, crowding, conflict), recorded when they start and
// closed with what was done. During an outage the windows take cases on the
// paper form (documents.hpp) and enter them later with the original time
// (IntakeInput::original_time).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cases/service.hpp"

namespace yc::cases {

struct Incident {
  std::int64_t id = 0, site_id = 0, version = 1;
  std::string site_name, kind, description, resolution, reported_by_login;
  std::int64_t started_at = 0, created_at = 0;
  std::optional<std::int64_t> ended_at;
};

struct IncidentInput {
  std::int64_t site_id = 0;
  std::string kind;  // outage | crowding | conflict | other
  std::string description;
  std::optional<std::int64_t> started_at;  // default: now; not in the future, at most 7 days back
};

Result<Incident> report_incident(store::Tx& tx, const Who& who, const org::Scope& scope, const IncidentInput& in,
                                 std::int64_t now);
Result<Incident> close_incident(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                                const std::string& resolution, std::int64_t now);
// Newest first; only open ones when `open_only`.
Result<std::vector<Incident>> list_incidents(store::Tx& tx, const org::Scope& scope, bool open_only, int limit);

}  // namespace yc::cases
