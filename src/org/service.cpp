#include "org/service.hpp"
#include "platform/text.hpp"

#include <fmt/format.h>

#include <tuple>

#include "audit/service.hpp"
#include "platform/time.hpp"

namespace yc::org {
namespace {

Unit unit_from(const store::Row& r) {
  return Unit{r.text(0), r.text(1), static_cast<Level>(r.int64(2)), r.text(3), r.text(4), r.int64(5)};
}

constexpr const char* kUnitColumns = "code, COALESCE(parent_code, ''), level, name, path, version";

std::string unit_digest(const Unit& u) {
  return audit::digest({u.code, u.parent_code, std::to_string(static_cast<int>(u.level)), u.name});
}

constexpr const char* kSiteColumns =
    "s.id, s.unit_code, s.kind, s.name, s.address, s.hours, s.phone, s.longitude, s.latitude, "
    "s.version, u.name";

SiteDetail site_from(const store::Row& r) {
  SiteDetail d;
  d.site.id = r.int64(0);
  d.site.unit_code = r.text(1);
  d.site.kind = parse_site_kind(r.text(2)).value_or(SiteKind::kHall);
  d.site.name = r.text(3);
  d.site.address = r.text(4);
  d.site.hours = r.text(5);
  d.site.phone = r.text(6);
  if (!r.is_null(7)) d.site.longitude = r.real(7);
  if (!r.is_null(8)) d.site.latitude = r.real(8);
  d.version = r.int64(9);
  d.unit_name = r.text(10);
  return d;
}

std::string site_digest(const Site& s) {
  return audit::digest({std::to_string(s.id), s.unit_code, site_kind_name(s.kind), s.name, s.address,
                        s.hours, s.phone, s.longitude ? fmt::format("{}", *s.longitude) : "",
                        s.latitude ? fmt::format("{}", *s.latitude) : ""});
}

constexpr const char* kWindowColumns = "w.id, w.site_id, w.number, w.name, w.kind, w.is_open, w.version";

WindowDetail window_from(const store::Row& r) {
  return WindowDetail{Window{r.int64(0), r.int64(1), static_cast<int>(r.int64(2)), r.text(3),
                             parse_window_kind(r.text(4)).value_or(WindowKind::kComprehensive),
                             r.int64(5) != 0},
                      r.int64(6)};
}

std::string window_digest(const Window& w) {
  return audit::digest({std::to_string(w.id), std::to_string(w.site_id), std::to_string(w.number),
                        w.name, window_kind_name(w.kind), w.open ? "1" : "0"});
}

Result<void> check_text(std::string_view value, std::string_view field, std::string_view label,
                        std::size_t max_chars, bool required) {
  if (required && value.empty())
    return fail(ErrorCode::kInvalidArgument, fmt::format("{}不能为空", label), std::string(field));
  if (utf8_length(value) > max_chars)
    return fail(ErrorCode::kInvalidArgument, fmt::format("{}不能超过 {} 个字", label, max_chars),
                std::string(field));
  return {};
}

Result<void> check_site(const Site& s) {
  YC_TRY_VOID(check_text(s.name, "name", "名称", 60, true));
  YC_TRY_VOID(check_text(s.address, "address", "地址", 120, false));
  YC_TRY_VOID(check_text(s.hours, "hours", "办公时间", 60, false));
  YC_TRY_VOID(check_text(s.phone, "phone", "电话", 30, false));
  if (s.longitude && (*s.longitude < 73 || *s.longitude > 136))
    return fail(ErrorCode::kInvalidArgument, "经度应在 73 至 136 之间", "longitude");
  if (s.latitude && (*s.latitude < 3 || *s.latitude > 54))
    return fail(ErrorCode::kInvalidArgument, "纬度应在 3 至 54 之间", "latitude");
  if (s.longitude.has_value() != s.latitude.has_value())
    return fail(ErrorCode::kInvalidArgument, "经度和纬度应同时填写", s.longitude ? "latitude" : "longitude");
  return {};
}

}  // namespace

Result<Unit> get_unit(store::Tx& tx, const Scope& scope, const std::string& code) {
  std::vector<store::Param> params{code};
  const auto where = scope.sql("path", params);
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT {} FROM org_unit WHERE code = $1 AND {}", kUnitColumns, where), params));
  if (rows.rows.empty()) return fail(ErrorCode::kNotFound, "单位不存在", "code");
  return unit_from(rows.rows[0]);
}

Result<Unit> unit_or_top(store::Tx& tx, const Scope& scope, const std::string& code) {
  if (!code.empty()) {
    auto u = get_unit(tx, scope, code);
    if (!u) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
    return u;
  }
  if (scope.empty()) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
  std::vector<store::Param> params;
  std::string where = "parent_code IS NULL ORDER BY code LIMIT 1";  // the city, for a scope of everything
  if (!scope.is_all()) {
    // The deepest unit above every path of the scope.
    std::string common = scope.paths().front();
    for (const auto& p : scope.paths()) {
      std::size_t n = 0;
      while (n < common.size() && n < p.size() && common[n] == p[n]) ++n;
      common.resize(n);
    }
    common.resize(common.rfind('/') + 1);  // paths end with '/': cut back to a whole unit
    params.emplace_back(common);
    where = "path = $1";
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} FROM org_unit WHERE {}", kUnitColumns, where), params));
  if (rows.rows.empty()) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
  return unit_from(rows.rows[0]);
}

Result<std::vector<Unit>> breadcrumb(store::Tx& tx, const Scope& scope, const std::string& path) {
  std::vector<store::Param> params;
  std::string in;
  for (std::size_t at = 1; at < path.size();) {
    const auto next = path.find('/', at);
    if (next == std::string::npos) break;
    const auto prefix = path.substr(0, next + 1);
    if (scope.covers(prefix)) {
      params.emplace_back(prefix);
      in += fmt::format("{}${}", in.empty() ? "" : ", ", params.size());
    }
    at = next + 1;
  }
  std::vector<Unit> out;
  if (params.empty()) return out;
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} FROM org_unit WHERE path IN ({}) ORDER BY level", kUnitColumns, in),
                              params));
  for (const auto& r : rows.rows) out.push_back(unit_from(r));
  return out;
}

Result<Unit> create_unit(store::Tx& tx, const audit::Actor& actor, const Scope& scope,
                         const UnitRow& row) {
  std::optional<Unit> parent;
  if (!row.parent_code.empty()) {
    auto p = get_unit(tx, scope, row.parent_code);
    if (!p) return fail(ErrorCode::kNotFound, "上级单位不存在", "parent_code");
    parent = *p;
  } else if (!scope.is_all()) {
    return fail(ErrorCode::kInvalidArgument, "请选择上级单位", "parent_code");
  }
  YC_TRY_VOID(validate_unit(row.code, row.level, row.name,
                            parent ? std::optional<std::string_view>(parent->code) : std::nullopt,
                            parent ? std::optional<Level>(parent->level) : std::nullopt));
  if (!parent) {
    auto cities = YC_TRY(tx.query("SELECT code FROM org_unit WHERE level = 1"));
    if (!cities.rows.empty()) return fail(ErrorCode::kConflict, "已有市级单位,只能有一个", "code");
  }
  Unit u{row.code, row.parent_code, row.level, row.name,
         child_path(parent ? parent->path : "/", row.code), 1};
  const auto now = time::now_ms();
  auto inserted = tx.exec(
      "INSERT INTO org_unit (code, parent_code, level, name, path, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $6)",
      {u.code, u.parent_code.empty() ? store::null_param() : store::Param(u.parent_code),
       std::int64_t{static_cast<int>(u.level)}, u.name, u.path, now});
  if (!inserted) {
    if (inserted.error().code == ErrorCode::kConflict)
      return fail(ErrorCode::kConflict, fmt::format("代码 {} 已存在", u.code), "code");
    return Unexpected{inserted.error()};
  }
  auto e = audit::entry_for(actor, "org.unit.create", "org_unit", u.code);
  e.after_digest = unit_digest(u);
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return u;
}

Result<std::vector<Unit>> list_units(store::Tx& tx, const Scope& scope) {
  std::vector<store::Param> params;
  const auto where = scope.sql("path", params);
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT {} FROM org_unit WHERE {} ORDER BY path", kUnitColumns, where), params));
  std::vector<Unit> out;
  for (const auto& r : rows.rows) out.push_back(unit_from(r));
  return out;
}

Result<Unit> rename_unit(store::Tx& tx, const audit::Actor& actor, const Scope& scope,
                         const std::string& code, const std::string& name,
                         std::int64_t expected_version) {
  auto before = YC_TRY(get_unit(tx, scope, code));
  const auto chars = utf8_length(name);
  if (chars == 0 || chars > 50) return fail(ErrorCode::kInvalidArgument, "名称不能为空,且不超过 50 个字", "name");
  auto rows = YC_TRY(tx.query(
      "UPDATE org_unit SET name = $1, version = version + 1, updated_at = $2 "
      "WHERE code = $3 AND version = $4 RETURNING version",
      {name, time::now_ms(), code, expected_version}));
  if (rows.rows.empty()) return fail(ErrorCode::kVersionConflict);
  Unit after = before;
  after.name = name;
  after.version = rows.rows[0].int64(0);
  auto e = audit::entry_for(actor, "org.unit.update", "org_unit", code);
  e.before_digest = unit_digest(before);
  e.after_digest = unit_digest(after);
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return after;
}

Result<Site> create_site(store::Tx& tx, const audit::Actor& actor, const Scope& scope, Site s) {
  auto unit = get_unit(tx, scope, s.unit_code);
  if (!unit) return fail(ErrorCode::kNotFound, "所属单位不存在", "unit_code");
  YC_TRY_VOID(validate_site_unit(s.kind, unit->level));
  YC_TRY_VOID(check_site(s));
  const auto now = time::now_ms();
  auto row = YC_TRY(tx.one(
      "INSERT INTO org_site (unit_code, kind, name, address, hours, phone, longitude, latitude, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
      {s.unit_code, std::string(site_kind_name(s.kind)), s.name, s.address, s.hours, s.phone,
       s.longitude ? store::Param(*s.longitude) : store::null_param(),
       s.latitude ? store::Param(*s.latitude) : store::null_param(), now}));
  s.id = row.int64(0);
  auto e = audit::entry_for(actor, "org.site.create", "org_site", std::to_string(s.id));
  e.after_digest = site_digest(s);
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return s;
}

Result<SiteDetail> get_site(store::Tx& tx, const Scope& scope, std::int64_t id) {
  std::vector<store::Param> params{id};
  const auto where = scope.sql("u.path", params);
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT {} FROM org_site s JOIN org_unit u ON u.code = s.unit_code "
                  "WHERE s.id = $1 AND {}",
                  kSiteColumns, where),
      params));
  if (rows.rows.empty()) return fail(ErrorCode::kNotFound, "服务场所不存在", "id");
  return site_from(rows.rows[0]);
}

Result<SitePlace> site_place(store::Tx& tx, const Scope& scope, std::int64_t site_id, std::string_view field) {
  auto row = tx.one("SELECT u.code, u.path FROM org_site s JOIN org_unit u ON u.code = s.unit_code WHERE s.id = $1",
                    {site_id});
  if (!row && row.error().code != ErrorCode::kNotFound) return Unexpected{row.error()};
  if (!row || !scope.covers(row->text(1))) return fail(ErrorCode::kNotFound, "服务场所不存在", std::string(field));
  return SitePlace{row->text(0), row->text(1)};
}

Result<std::vector<SiteDetail>> list_sites(store::Tx& tx, const Scope& scope,
                                           const std::string& unit_code) {
  std::vector<store::Param> params;
  std::string where = scope.sql("u.path", params);
  if (!unit_code.empty()) {
    auto unit = YC_TRY(get_unit(tx, scope, unit_code));
    params.emplace_back(unit.path + "%");
    where += fmt::format(" AND u.path LIKE ${}", params.size());
  }
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT {} FROM org_site s JOIN org_unit u ON u.code = s.unit_code WHERE {} "
                  "ORDER BY u.path, s.kind, s.id",
                  kSiteColumns, where),
      params));
  std::vector<SiteDetail> out;
  for (const auto& r : rows.rows) out.push_back(site_from(r));
  return out;
}

Result<SiteDetail> update_site(store::Tx& tx, const audit::Actor& actor, const Scope& scope,
                               const Site& site, std::int64_t expected_version) {
  auto before = YC_TRY(get_site(tx, scope, site.id));
  Site after = site;
  after.unit_code = before.site.unit_code;
  after.kind = before.site.kind;  // a hall does not become a point; create a new site
  YC_TRY_VOID(check_site(after));
  auto version = YC_TRY(store::update_versioned(
      tx, "org_site",
      "name = $1, address = $2, hours = $3, phone = $4, longitude = $5, latitude = $6, updated_at = $7",
      {after.name, after.address, after.hours, after.phone,
       after.longitude ? store::Param(*after.longitude) : store::null_param(),
       after.latitude ? store::Param(*after.latitude) : store::null_param(), time::now_ms()},
      site.id, expected_version));
  auto e = audit::entry_for(actor, "org.site.update", "org_site", std::to_string(site.id));
  e.before_digest = site_digest(before.site);
  e.after_digest = site_digest(after);
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return SiteDetail{after, before.unit_name, version};
}

Result<Window> create_window(store::Tx& tx, const audit::Actor& actor, const Scope& scope, Window w) {
  auto site = get_site(tx, scope, w.site_id);
  if (!site) return fail(ErrorCode::kNotFound, "所属服务场所不存在", "site_id");
  if (w.number < 1 || w.number > 999) return fail(ErrorCode::kInvalidArgument, "窗口号应为 1 至 999", "number");
  if (w.name.empty()) w.name = fmt::format("{} 号窗口", w.number);
  YC_TRY_VOID(check_text(w.name, "name", "窗口名称", 30, true));
  const auto now = time::now_ms();
  auto row = tx.one(
      "INSERT INTO org_window (site_id, number, name, kind, is_open, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
      {w.site_id, std::int64_t{w.number}, w.name, std::string(window_kind_name(w.kind)),
       std::int64_t{w.open ? 1 : 0}, now});
  if (!row) {
    if (row.error().code == ErrorCode::kConflict)
      return fail(ErrorCode::kConflict, fmt::format("{} 号窗口已存在", w.number), "number");
    return Unexpected{row.error()};
  }
  w.id = row->int64(0);
  auto e = audit::entry_for(actor, "org.window.create", "org_window", std::to_string(w.id));
  e.after_digest = window_digest(w);
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return w;
}

Result<std::vector<WindowDetail>> list_windows(store::Tx& tx, const Scope& scope, std::int64_t site_id) {
  YC_TRY_VOID(get_site(tx, scope, site_id));
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT {} FROM org_window w WHERE w.site_id = $1 ORDER BY w.number", kWindowColumns),
      {site_id}));
  std::vector<WindowDetail> out;
  for (const auto& r : rows.rows) out.push_back(window_from(r));
  return out;
}

Result<WindowDetail> update_window(store::Tx& tx, const audit::Actor& actor, const Scope& scope,
                                   std::int64_t id, const WindowPatch& patch,
                                   std::int64_t expected_version) {
  std::vector<store::Param> params{id};
  const auto where = scope.sql("u.path", params);
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT {} FROM org_window w JOIN org_site s ON s.id = w.site_id "
                  "JOIN org_unit u ON u.code = s.unit_code WHERE w.id = $1 AND {}",
                  kWindowColumns, where),
      params));
  if (rows.rows.empty()) return fail(ErrorCode::kNotFound, "窗口不存在", "id");
  const auto before = window_from(rows.rows[0]);
  Window after = before.window;
  if (patch.name) after.name = *patch.name;
  if (patch.kind) after.kind = *patch.kind;
  if (patch.open) after.open = *patch.open;
  YC_TRY_VOID(check_text(after.name, "name", "窗口名称", 30, true));
  auto version = YC_TRY(store::update_versioned(
      tx, "org_window", "name = $1, kind = $2, is_open = $3, updated_at = $4",
      {after.name, std::string(window_kind_name(after.kind)), std::int64_t{after.open ? 1 : 0},
       time::now_ms()},
      id, expected_version));
  auto e = audit::entry_for(actor, "org.window.update", "org_window", std::to_string(id));
  e.before_digest = window_digest(before.window);
  e.after_digest = window_digest(after);
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return WindowDetail{after, version};
}

Result<std::vector<ImportLine>> import_units(store::Database& db, const audit::Actor& actor,
                                             const Scope& scope, std::string_view csv) {
  std::vector<ImportLine> report;
  for (auto& parsed : parse_unit_csv(csv)) {
    ImportLine line{parsed.line, parsed.row ? parsed.row->code : "", parsed.error};
    if (parsed.row) {
      auto r = db.transact<Unit>(store::TxMode::kWrite, [&](store::Tx& tx) {
        return create_unit(tx, actor, scope, *parsed.row);
      });
      if (!r) {
        if (r.error().code == ErrorCode::kUnavailable || r.error().code == ErrorCode::kStorageFull ||
            r.error().code == ErrorCode::kReadOnly || r.error().code == ErrorCode::kInternal)
          return Unexpected{r.error()};  // the database, not the row: stop
        line.error = r.error();
      }
    }
    report.push_back(std::move(line));
  }
  return report;
}

Result<void> seed_demo_city(store::Database& db) {
  // Beijing's codes and district/street names; the communities are invented
  // for the demo and say so.
  static constexpr const char* kCsv =
      "code,parent_code,level,name\n"
      "110000,,1,北京市\n"
      "110101,110000,2,东城区\n"
      "110102,110000,2,西城区\n"
      "110101001,110101,3,东华门街道\n"
      "110101002,110101,3,景山街道\n"
      "110102001,110102,3,西长安街街道\n"
      "110102003,110102,3,新街口街道\n"
      "110101001001,110101001,4,东华门第一社区(演示)\n"
      "110101001002,110101001,4,东华门第二社区(演示)\n"
      "110101002001,110101002,4,景山第一社区(演示)\n"
      "110102001001,110102001,4,西长安街第一社区(演示)\n"
      "110102003001,110102003,4,新街口第一社区(演示)\n";
  auto existing = YC_TRY(db.transact<std::int64_t>(store::TxMode::kRead, [](store::Tx& tx) -> Result<std::int64_t> {
    auto row = YC_TRY(tx.one("SELECT COUNT(*) FROM org_unit"));
    return row.int64(0);
  }));
  if (existing > 0) return {};  // an organisation exists: leave it alone
  const auto actor = audit::Actor::system();
  const auto all = Scope::all();
  auto report = YC_TRY(import_units(db, actor, all, kCsv));
  for (const auto& l : report)
    if (l.error) return fail(ErrorCode::kInternal, fmt::format("演示数据第 {} 行: {}", l.line, l.error->message));
  return db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    // Approximate places of the streets, for the portal's nearest-hall order.
    const std::tuple<const char*, const char*, double, double> halls[] = {
        {"110101001", "东华门街道便民服务中心(演示)", 116.4040, 39.9150},
        {"110102003", "新街口街道便民服务中心(演示)", 116.3670, 39.9400}};
    for (const auto& [unit, name, lon, lat] : halls) {
      Site hall{0, unit, SiteKind::kHall, name, "北京市(演示地址)", "工作日 9:00—17:00", "12333", lon, lat};
      hall = YC_TRY(create_site(tx, actor, all, hall));
      const std::pair<int, WindowKind> windows[] = {{1, WindowKind::kComprehensive},
                                                    {2, WindowKind::kComprehensive},
                                                    {3, WindowKind::kGreen},
                                                    {4, WindowKind::kProxy}};
      for (const auto& [n, kind] : windows)
        YC_TRY_VOID(create_window(tx, actor, all, Window{0, hall.id, n, "", kind, true}));
    }
    Site point{0, "110101001001", SiteKind::kPoint, "东华门第一社区服务站(演示)", "北京市(演示地址)",
               "工作日 9:00—17:00", "12333", 116.4090, 39.9180};
    YC_TRY_VOID(create_site(tx, actor, all, point));
    return {};
  });
}

}  // namespace yc::org
