#pragma once
// Use cases of the organisation: load -> model rules -> save + audit, each in
// one transaction (STYLE.md §1).

#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "org/model.hpp"
#include "org/scope.hpp"
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

// Every function takes the caller's scope for the permission it exercises:
// objects outside it are kNotFound, exactly as if they did not exist.

// A new unit under a parent in scope; the city itself only with Scope::all().
Result<Unit> create_unit(store::Tx& tx, const audit::Actor& actor, const Scope& scope,
                         const UnitRow& row);
Result<Unit> get_unit(store::Tx& tx, const Scope& scope, const std::string& code);
// The unit a view is about: `code` when the scope covers it (kNotFound,
// field "unit", otherwise), or for "" the top of the scope (the deepest unit
// above all of its paths; the city for a scope of everything).
Result<Unit> unit_or_top(store::Tx& tx, const Scope& scope, const std::string& code);
// The units from the top of the scope down to the unit at `path`, for a
// breadcrumb (the ancestors the scope does not cover are left out).
Result<std::vector<Unit>> breadcrumb(store::Tx& tx, const Scope& scope, const std::string& path);
// The units in scope, in path order.
Result<std::vector<Unit>> list_units(store::Tx& tx, const Scope& scope);
Result<Unit> rename_unit(store::Tx& tx, const audit::Actor& actor, const Scope& scope,
                         const std::string& code, const std::string& name,
                         std::int64_t expected_version);

struct SiteDetail {
  Site site;
  std::string unit_name;
  std::int64_t version = 1;
};
Result<Site> create_site(store::Tx& tx, const audit::Actor& actor, const Scope& scope, Site site);
Result<SiteDetail> get_site(store::Tx& tx, const Scope& scope, std::int64_t id);
// Where a site belongs, when the scope covers it; kNotFound on `field`
// otherwise, so a site outside the scope looks like one that does not exist.
struct SitePlace {
  std::string unit_code, unit_path;
};
Result<SitePlace> site_place(store::Tx& tx, const Scope& scope, std::int64_t site_id, std::string_view field = "site_id");
// Sites of units in scope, optionally only at and below `unit_code`.
Result<std::vector<SiteDetail>> list_sites(store::Tx& tx, const Scope& scope,
                                           const std::string& unit_code);
// Replaces the editable fields (everything but id and unit).
Result<SiteDetail> update_site(store::Tx& tx, const audit::Actor& actor, const Scope& scope,
                               const Site& site, std::int64_t expected_version);

struct WindowDetail {
  Window window;
  std::int64_t version = 1;
};
Result<Window> create_window(store::Tx& tx, const audit::Actor& actor, const Scope& scope,
                             Window window);
Result<std::vector<WindowDetail>> list_windows(store::Tx& tx, const Scope& scope,
                                               std::int64_t site_id);
struct WindowPatch {
  std::optional<std::string> name;
  std::optional<WindowKind> kind;
  std::optional<bool> open;
};
Result<WindowDetail> update_window(store::Tx& tx, const audit::Actor& actor, const Scope& scope,
                                   std::int64_t id, const WindowPatch& patch,
                                   std::int64_t expected_version);

struct ImportLine {
  int line = 0;
  std::string code;
  std::optional<Error> error;  // none: imported
};
// Imports units from CSV, each row in its own transaction: a bad row imports
// nothing of itself and is reported with its line and error; the others go in.
Result<std::vector<ImportLine>> import_units(store::Database& db, const audit::Actor& actor,
                                             const Scope& scope, std::string_view csv);

// The demo city (两区、若干街道和社区); idempotent.
Result<void> seed_demo_city(store::Database& db);

}  // namespace yc::org
