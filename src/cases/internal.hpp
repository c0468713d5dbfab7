#pragma once
// The pieces of case handling that the window (service.cpp) and the online
// channel (online.cpp) share: loading a case, moving it on under its
// version, its timeline and audit, the applicant's sealed data, and the
// encrypted file store. Internal to the cases library.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cases/service.hpp"
#include "cases/sniff.hpp"
#include "catalog/model.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "platform/time.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::cases::detail {

using store::Param;
using store::Row;
using store::Tx;

// Case files are sealed under this context.
constexpr std::string_view kFileContext = "case.file";

Result<Case> load_case(Tx& tx, std::int64_t id);
// The case, if the scope covers the hall where it was taken; else 404.
Result<Case> intake_case(Tx& tx, const org::Scope& scope, std::int64_t id);
Unexpected wrong_state(const Case& c, std::string_view doing);
Unexpected bad(std::string field, std::string message);
Result<void> check_text(std::string_view field, const std::string& value, std::size_t max, bool required,
                        std::string_view what);
// The case's row moves on under its version: one writer wins, the other sees 409.
Result<void> bump(Tx& tx, Case& c, std::string_view set_sql, std::vector<Param> params, std::int64_t now);

struct EventIn {
  std::string kind, step;
  std::optional<std::int64_t> actor;  // none: the applicant online, or the system
  std::string unit_code;
  std::optional<int> window_number;
  std::string note;
  bool is_public = false;
};
Result<void> add_event(Tx& tx, std::int64_t case_id, const EventIn& e, std::int64_t at);
Result<void> audit_case(Tx& tx, const Who& who, std::string action, const Case& c, std::string outcome = "ok");

struct UnitInfo {
  std::string code, path, name;
  int level = 0;
  std::string parent_code;
};
Result<UnitInfo> load_unit(Tx& tx, const std::string& code, std::string_view field);
// The site's unit, if the scope covers it.
Result<std::pair<UnitInfo, std::int64_t>> site_unit(Tx& tx, const org::Scope& scope, std::int64_t site_id);

std::string today_of(std::int64_t now);
Result<std::shared_ptr<const catalog::Item>> item_of(ItemCache& cache, Tx& tx, const Case& c);
Result<std::vector<Material>> load_materials(Tx& tx, std::int64_t case_id);
Result<std::vector<Notice>> load_notices(Tx& tx, std::int64_t case_id);

// The applicant (or agent) sealed: masked copies, lookup hash, ciphertexts.
struct Sealed {
  std::string id_sealed, id_masked, id_hash, name_sealed, name_masked, phone_sealed, phone_masked;
};
Result<Sealed> seal_party(const privacy::KeyRing& keys, const Party& p, bool employer, std::string_view field,
                          const time::Date& today, std::string_view context);

// A new case row and its materials (the item version's checklist, all
// pending). Returns the id. The caller writes the timeline and the audit.
struct NewCase {
  std::int64_t version_id = 0;
  const catalog::Item* item = nullptr;
  std::string channel;  // window | paper | online
  UnitInfo unit;        // where it is taken
  std::int64_t site_id = 0;
  std::optional<int> window_number;
  std::string ticket;
  std::optional<std::int64_t> consultation_id;
  std::string applicant_kind;
  Sealed applicant;
  std::string agent_kind;
  Sealed agent;
  std::optional<std::int64_t> intake_by, entered_by;
  std::int64_t created = 0, now = 0;
};
Result<std::int64_t> insert_case(Tx& tx, const NewCase& n);

// The applicant hears of the step: 消息 and, with a phone, an SMS.
Result<void> tell(Tx& tx, std::string_view kind, const Case& c, std::string detail, std::int64_t now);

// Writes the sealed bytes under dir, named by the digest, durably, before the
// row that names them commits. The same content is stored once.
Result<std::string> store_file(const std::string& dir, const std::string& digest, const std::string& sealed);

}  // namespace yc::cases::detail
