#include "org/service.hpp"

#include <fmt/format.h>

#include "audit/service.hpp"
#include "platform/time.hpp"

namespace yc::org {
namespace {

Unit unit_from(const store::Row& r) {
  return Unit{r.text(0), r.text(1), static_cast<Level>(r.int64(2)), r.text(3), r.text(4), r.int64(5)};
}

constexpr const char* kUnitColumns = "code, COALESCE(parent_code, ''), level, name, path, version";

}  // namespace

Result<Unit> get_unit(store::Tx& tx, const std::string& code) {
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} FROM org_unit WHERE code = $1", kUnitColumns), {code}));
  if (rows.rows.empty()) return fail(ErrorCode::kNotFound, "单位不存在", "code");
  return unit_from(rows.rows[0]);
}

Result<Unit> create_unit(store::Tx& tx, const audit::Actor& actor, const UnitRow& row) {
  std::optional<Unit> parent;
  if (!row.parent_code.empty()) {
    auto p = get_unit(tx, row.parent_code);
    if (!p) return fail(ErrorCode::kInvalidArgument, "上级单位不存在", "parent_code");
    parent = *p;
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
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "org.unit.create", "org_unit", u.code)));
  return u;
}

Result<std::vector<Unit>> list_units(store::Tx& tx, const std::string& scope_path) {
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT {} FROM org_unit WHERE path LIKE $1 ORDER BY path", kUnitColumns),
      {scope_path + "%"}));
  std::vector<Unit> out;
  for (const auto& r : rows.rows) out.push_back(unit_from(r));
  return out;
}

Result<Site> create_site(store::Tx& tx, const audit::Actor& actor, Site s) {
  auto unit = get_unit(tx, s.unit_code);
  if (!unit) return fail(ErrorCode::kInvalidArgument, "所属单位不存在", "unit_code");
  YC_TRY_VOID(validate_site_unit(s.kind, unit->level));
  if (s.name.empty()) return fail(ErrorCode::kInvalidArgument, "名称不能为空", "name");
  const auto now = time::now_ms();
  auto row = YC_TRY(tx.one(
      "INSERT INTO org_site (unit_code, kind, name, address, hours, phone, longitude, latitude, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
      {s.unit_code, std::string(site_kind_name(s.kind)), s.name, s.address, s.hours, s.phone,
       s.longitude ? store::Param(*s.longitude) : store::null_param(),
       s.latitude ? store::Param(*s.latitude) : store::null_param(), now}));
  s.id = row.int64(0);
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "org.site.create", "org_site", std::to_string(s.id))));
  return s;
}

Result<Window> create_window(store::Tx& tx, const audit::Actor& actor, Window w) {
  auto site = YC_TRY(tx.query("SELECT id FROM org_site WHERE id = $1", {w.site_id}));
  if (site.rows.empty()) return fail(ErrorCode::kInvalidArgument, "所属服务场所不存在", "site_id");
  if (w.number < 1 || w.number > 999) return fail(ErrorCode::kInvalidArgument, "窗口号应为 1 至 999", "number");
  if (w.name.empty()) w.name = fmt::format("{} 号窗口", w.number);
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
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "org.window.create", "org_window", std::to_string(w.id))));
  return w;
}

Result<std::vector<Window>> list_windows(store::Tx& tx, std::int64_t site_id) {
  auto rows = YC_TRY(tx.query(
      "SELECT id, site_id, number, name, kind, is_open FROM org_window WHERE site_id = $1 ORDER BY number",
      {site_id}));
  std::vector<Window> out;
  for (const auto& r : rows.rows)
    out.push_back(Window{r.int64(0), r.int64(1), static_cast<int>(r.int64(2)), r.text(3),
                         parse_window_kind(r.text(4)).value_or(WindowKind::kComprehensive), r.int64(5) != 0});
  return out;
}

Result<std::vector<ImportLine>> import_units(store::Database& db, const audit::Actor& actor,
                                             std::string_view csv) {
  std::vector<ImportLine> report;
  for (auto& parsed : parse_unit_csv(csv)) {
    ImportLine line{parsed.line, parsed.row ? parsed.row->code : "", parsed.error};
    if (parsed.row) {
      auto r = db.transact<Unit>(store::TxMode::kWrite,
                                 [&](store::Tx& tx) { return create_unit(tx, actor, *parsed.row); });
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
  auto report = YC_TRY(import_units(db, actor, kCsv));
  for (const auto& l : report)
    if (l.error) return fail(ErrorCode::kInternal, fmt::format("演示数据第 {} 行: {}", l.line, l.error->message));
  return db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    Site hall{0, "110101001", SiteKind::kHall, "东华门街道便民服务中心(演示)", "北京市东城区(演示地址)",
              "工作日 9:00—17:00", "12333", std::nullopt, std::nullopt};
    hall = YC_TRY(create_site(tx, actor, hall));
    const std::pair<int, WindowKind> windows[] = {{1, WindowKind::kComprehensive},
                                                  {2, WindowKind::kComprehensive},
                                                  {3, WindowKind::kGreen},
                                                  {4, WindowKind::kProxy}};
    for (const auto& [n, kind] : windows)
      YC_TRY_VOID(create_window(tx, actor, Window{0, hall.id, n, "", kind, true}));
    Site point{0, "110101001001", SiteKind::kPoint, "东华门第一社区服务站(演示)", "北京市东城区(演示地址)",
               "工作日 9:00—17:00", "12333", std::nullopt, std::nullopt};
    YC_TRY_VOID(create_site(tx, actor, point));
    return {};
  });
}

}  // namespace yc::org
