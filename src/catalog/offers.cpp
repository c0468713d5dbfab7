#include "catalog/offers.hpp"

#include <fmt/format.h>

#include "audit/service.hpp"
#include "org/service.hpp"
#include "platform/text.hpp"
#include "platform/time.hpp"

namespace yc::catalog {
namespace {

constexpr const char* kColumns =
    "o.id, o.unit_code, u.name, o.item_code, COALESCE(v.name, ''), o.site_id, COALESCE(s.name, ''), o.windows, "
    "o.address, o.hours, o.phone, o.note, COALESCE(s.address, ''), COALESCE(s.hours, ''), COALESCE(s.phone, ''), "
    "o.version";

// The newest published name of each item, for lists.
constexpr const char* kJoins =
    "FROM catalog_offer o JOIN org_unit u ON u.code = o.unit_code "
    "LEFT JOIN org_site s ON s.id = o.site_id "
    "LEFT JOIN catalog_version v ON v.item_code = o.item_code AND v.number = (SELECT MAX(v2.number) FROM "
    "catalog_version v2 WHERE v2.item_code = o.item_code AND v2.status = 'published')";

Offer offer_from(const store::Row& r) {
  Offer o;
  o.id = r.int64(0);
  o.unit_code = r.text(1);
  o.unit_name = r.text(2);
  o.item_code = r.text(3);
  o.item_name = r.text(4);
  o.site_id = r.opt_int64(5);
  o.site_name = r.text(6);
  o.windows = r.text(7);
  o.address = r.text(8);
  o.hours = r.text(9);
  o.phone = r.text(10);
  o.note = r.text(11);
  o.shown_address = o.address.empty() ? r.text(12) : o.address;
  o.shown_hours = o.hours.empty() ? r.text(13) : o.hours;
  o.shown_phone = o.phone.empty() ? r.text(14) : o.phone;
  o.version = r.int64(15);
  return o;
}

Result<void> check_input(const OfferInput& in) {
  const std::pair<const std::string*, std::pair<const char*, std::size_t>> fields[] = {
      {&in.windows, {"windows", 60}}, {&in.address, {"address", 120}}, {&in.hours, {"hours", 60}},
      {&in.phone, {"phone", 30}},     {&in.note, {"note", 200}}};
  for (const auto& [value, rule] : fields)
    if (utf8_length(*value) > rule.second)
      return fail(ErrorCode::kInvalidArgument, fmt::format("不能超过 {} 个字", rule.second), rule.first);
  return {};
}

Result<Offer> load_offer(store::Tx& tx, const std::string& unit_code, const std::string& item_code) {
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} {} WHERE o.unit_code = $1 AND o.item_code = $2", kColumns, kJoins),
                              {unit_code, item_code}));
  if (rows.rows.empty()) return fail(ErrorCode::kNotFound, "该单位未办理此事项", "item_code");
  return offer_from(rows.rows[0]);
}

}  // namespace

Result<std::vector<Offer>> unit_offers(store::Tx& tx, const org::Scope& scope, const std::string& unit_code) {
  YC_TRY_VOID(org::get_unit(tx, scope, unit_code));
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} {} WHERE o.unit_code = $1 ORDER BY o.item_code", kColumns, kJoins),
                              {unit_code}));
  std::vector<Offer> out;
  for (const auto& r : rows.rows) out.push_back(offer_from(r));
  return out;
}

Result<std::vector<Offer>> item_offers(store::Tx& tx, const std::string& item_code, const std::string& under_unit) {
  std::vector<store::Param> params{item_code};
  std::string where;
  if (!under_unit.empty()) {
    auto unit = YC_TRY(org::get_unit(tx, org::Scope::all(), under_unit));
    params.emplace_back(unit.path + "%");
    where = fmt::format(" AND u.path LIKE ${}", params.size());
  }
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT {} {} WHERE o.item_code = $1{} ORDER BY u.path", kColumns, kJoins, where), params));
  std::vector<Offer> out;
  for (const auto& r : rows.rows) out.push_back(offer_from(r));
  return out;
}

Result<Offer> set_offer(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                        const std::string& unit_code, const std::string& item_code, const OfferInput& in) {
  auto unit = YC_TRY(org::get_unit(tx, scope, unit_code));
  YC_TRY_VOID(check_input(in));
  auto item = YC_TRY(tx.query("SELECT withdrawn_at FROM catalog_item WHERE code = $1", {item_code}));
  if (item.rows.empty()) return fail(ErrorCode::kNotFound, "服务事项不存在", "item_code");
  if (!item.rows[0].is_null(0)) return fail(ErrorCode::kConflict, "该事项已停办,不能列入实施清单", "item_code");
  if (in.site_id) {
    auto site = org::get_site(tx, scope, *in.site_id);
    if (!site || !org::within(YC_TRY(org::get_unit(tx, org::Scope::all(), site->site.unit_code)).path, unit.path))
      return fail(ErrorCode::kNotFound, "服务场所不存在或不属于本单位", "site_id");
  }
  const auto now = time::now_ms();
  const store::Param site = in.site_id ? store::Param(*in.site_id) : store::null_param();
  auto existing = YC_TRY(tx.query("SELECT id FROM catalog_offer WHERE unit_code = $1 AND item_code = $2",
                                  {unit_code, item_code}));
  if (existing.rows.empty()) {
    YC_TRY_VOID(tx.exec(
        "INSERT INTO catalog_offer (unit_code, item_code, site_id, windows, address, hours, phone, note, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
        {unit_code, item_code, site, in.windows, in.address, in.hours, in.phone, in.note, now}));
  } else {
    YC_TRY_VOID(tx.exec(
        "UPDATE catalog_offer SET site_id = $1, windows = $2, address = $3, hours = $4, phone = $5, note = $6, "
        "version = version + 1, updated_at = $7 WHERE id = $8",
        {site, in.windows, in.address, in.hours, in.phone, in.note, now, existing.rows[0].int64(0)}));
  }
  auto e = audit::entry_for(actor, existing.rows.empty() ? "catalog.offer.create" : "catalog.offer.update",
                            "catalog_offer", unit_code + "/" + item_code);
  e.after_digest = audit::digest({in.site_id ? std::to_string(*in.site_id) : "", in.windows, in.address, in.hours,
                                  in.phone, in.note});
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return load_offer(tx, unit_code, item_code);
}

Result<void> remove_offer(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                          const std::string& unit_code, const std::string& item_code) {
  YC_TRY_VOID(org::get_unit(tx, scope, unit_code));
  auto n = YC_TRY(tx.exec("DELETE FROM catalog_offer WHERE unit_code = $1 AND item_code = $2", {unit_code, item_code}));
  if (n == 0) return fail(ErrorCode::kNotFound, "该单位未办理此事项", "item_code");
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "catalog.offer.remove", "catalog_offer",
                                                  unit_code + "/" + item_code)));
  return {};
}

Result<std::vector<std::string>> items_at_site(store::Tx& tx, std::int64_t site_id) {
  auto rows = YC_TRY(tx.query("SELECT DISTINCT item_code FROM catalog_offer WHERE site_id = $1 ORDER BY item_code",
                              {site_id}));
  std::vector<std::string> out;
  for (const auto& r : rows.rows) out.push_back(r.text(0));
  return out;
}

Result<std::vector<OfferFinding>> offer_findings(store::Tx& tx) {
  auto rows = YC_TRY(tx.query(fmt::format(
      "SELECT {}, u.path {} JOIN catalog_item i ON i.code = o.item_code WHERE i.withdrawn_at IS NULL ORDER BY u.path",
      kColumns, kJoins)));
  auto districts = YC_TRY(tx.query("SELECT code, name FROM org_unit WHERE level = 2"));
  std::vector<OfferFinding> out;
  for (const auto& r : rows.rows) {
    const auto o = offer_from(r);
    const auto& path = r.text(16);
    std::string dcode, dname;
    for (const auto& d : districts.rows)
      if (path.find("/" + d.text(0) + "/") != std::string::npos) dcode = d.text(0), dname = d.text(1);
    auto add = [&](std::string message) {
      out.push_back(OfferFinding{dcode, dname, o.unit_code, o.unit_name, o.item_code, o.item_name, std::move(message)});
    };
    if (o.shown_address.empty()) add("实施清单缺少办理地点");
    if (o.shown_hours.empty()) add("实施清单缺少办理时间");
    if (o.shown_phone.empty()) add("实施清单缺少咨询电话");
  }
  return out;
}

}  // namespace yc::catalog
