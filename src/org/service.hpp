#pragma once
// Use cases of the organisation: load -> model rules -> save + audit, each in
// one transaction (STYLE.md §1).

#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "org/model.hpp"
#include "platform/result.hpp"
#include "store/database.hpp"

namespace yc::org {

struct Unit {
  std::string code;
  std::string parent_code;  // "" for the city
  Level level = Level::kCity;
  std::string name;
  std::string path;
  std::int64_t version = 1;
};

struct Site {
  std::int64_t id = 0;
  std::string unit_code;
  SiteKind kind = SiteKind::kHall;
  std::string name, address, hours, phone;
  std::optional<double> longitude, latitude;
};

struct Window {
  std::int64_t id = 0;
  std::int64_t site_id = 0;
  int number = 0;
  std::string name;
  WindowKind kind = WindowKind::kComprehensive;
  bool open = true;
};

Result<Unit> create_unit(store::Tx& tx, const audit::Actor& actor, const UnitRow& row);
Result<Unit> get_unit(store::Tx& tx, const std::string& code);
// The unit at scope_path and everything below it, in path order.
Result<std::vector<Unit>> list_units(store::Tx& tx, const std::string& scope_path);

Result<Site> create_site(store::Tx& tx, const audit::Actor& actor, Site site);
Result<Window> create_window(store::Tx& tx, const audit::Actor& actor, Window window);
Result<std::vector<Window>> list_windows(store::Tx& tx, std::int64_t site_id);

struct ImportLine {
  int line = 0;
  std::string code;
  std::optional<Error> error;  // none: imported
};
// Imports units from CSV, each row in its own transaction: a bad row imports
// nothing of itself and is reported with its line and error; the others go in.
Result<std::vector<ImportLine>> import_units(store::Database& db, const audit::Actor& actor,
                                             std::string_view csv);

// The demo city (两区、若干街道和社区); idempotent.
Result<void> seed_demo_city(store::Database& db);

}  // namespace yc::org
