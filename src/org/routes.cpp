#include "org/routes.hpp"

#include <boost/json.hpp>

#include "org/service.hpp"
#include "platform/http/json_body.hpp"

namespace yc::org {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;

json::object unit_json(const Unit& u) {
  return json::object{{"code", u.code},   {"parent_code", u.parent_code},
                      {"level", static_cast<int>(u.level)}, {"level_label", level_label(u.level)},
                      {"name", u.name},   {"path", u.path},
                      {"version", u.version}};
}

json::value opt_number(const std::optional<double>& v) {
  if (!v) return nullptr;
  return json::value(*v);
}

json::object site_json(const SiteDetail& d) {
  const Site& s = d.site;
  return json::object{{"id", s.id},
                      {"unit_code", s.unit_code},
                      {"unit_name", d.unit_name},
                      {"kind", site_kind_name(s.kind)},
                      {"kind_label", s.kind == SiteKind::kHall ? "街道(乡镇)服务大厅" : "社区(村)服务站"},
                      {"name", s.name},
                      {"address", s.address},
                      {"hours", s.hours},
                      {"phone", s.phone},
                      {"longitude", opt_number(s.longitude)},
                      {"latitude", opt_number(s.latitude)},
                      {"version", d.version}};
}

json::object window_json(const WindowDetail& d) {
  const Window& w = d.window;
  return json::object{{"id", w.id},
                      {"site_id", w.site_id},
                      {"number", w.number},
                      {"name", w.name},
                      {"kind", window_kind_name(w.kind)},
                      {"kind_label", window_kind_label(w.kind)},
                      {"open", w.open},
                      {"version", d.version}};
}

// The editable fields of a site from a JSON body.
Result<Site> site_fields(const http::JsonObject& body, Site s) {
  s.name = YC_TRY(body.text("name", 60));
  s.address = YC_TRY(body.opt_text("address", 120)).value_or("");
  s.hours = YC_TRY(body.opt_text("hours", 60)).value_or("");
  s.phone = YC_TRY(body.opt_text("phone", 30)).value_or("");
  s.longitude = YC_TRY(body.opt_number("longitude"));
  s.latitude = YC_TRY(body.opt_number("latitude"));
  return s;
}

template <typename T>
Result<T> in_tx(store::Database& db, store::TxMode mode, const std::function<Result<T>(store::Tx&)>& fn) {
  return db.transact<T>(mode, fn);
}

}  // namespace

void add_routes(identity::ApiRouter& api, store::Database& db) {
  api.add(Method::kGet, "/api/org/units", "org.read", [&db](const http::Request&, const Principal& p) -> Result<http::Response> {
    auto units = YC_TRY(in_tx<std::vector<Unit>>(db, store::TxMode::kRead, [&](store::Tx& tx) {
      return list_units(tx, p.scope("org.read"));
    }));
    json::array items;
    for (const auto& u : units) items.push_back(unit_json(u));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  api.add(Method::kPost, "/api/org/units", "org.write", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    UnitRow row;
    row.code = YC_TRY(body.text("code", 12));
    row.parent_code = YC_TRY(body.text("parent_code", 12));
    const auto level = YC_TRY(body.integer("level"));
    if (level < 2 || level > 4) return fail(ErrorCode::kInvalidArgument, "层级应为 2(区)、3(街道乡镇)或 4(社区村)", "level");
    row.level = static_cast<Level>(level);
    row.name = YC_TRY(body.text("name", 50));
    auto unit = YC_TRY(in_tx<Unit>(db, store::TxMode::kWrite, [&](store::Tx& tx) {
      return create_unit(tx, p.actor(identity::client_of(r).address), p.scope("org.write"), row);
    }));
    return http::json_response(201, unit_json(unit));
  });

  api.add(Method::kPatch, "/api/org/units/:code", "org.write", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    auto name = YC_TRY(body.text("name", 50));
    auto version = YC_TRY(body.integer("version"));
    auto unit = YC_TRY(in_tx<Unit>(db, store::TxMode::kWrite, [&](store::Tx& tx) {
      return rename_unit(tx, p.actor(identity::client_of(r).address), p.scope("org.write"), std::string(r.param("code")), name, version);
    }));
    return http::json_response(200, unit_json(unit));
  });

  api.add(Method::kPost, "/api/org/units/import", "org.write", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    auto csv = YC_TRY(body.text("csv", 500'000));
    auto report = YC_TRY(import_units(db, p.actor(identity::client_of(r).address), p.scope("org.write"), csv));
    json::array lines;
    for (const auto& l : report) {
      json::object o{{"line", l.line}, {"code", l.code}, {"ok", !l.error}};
      if (l.error)
        o["error"] = json::object{{"code", code_name(l.error->code)}, {"message", l.error->message}, {"field", l.error->field}};
      lines.push_back(std::move(o));
    }
    return http::json_response(200, json::object{{"lines", std::move(lines)}});
  });

  api.add(Method::kGet, "/api/org/sites", "org.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto sites = YC_TRY(in_tx<std::vector<SiteDetail>>(db, store::TxMode::kRead, [&](store::Tx& tx) {
      return list_sites(tx, p.scope("org.read"), r.query("unit").value_or(""));
    }));
    json::array items;
    for (const auto& s : sites) items.push_back(site_json(s));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  api.add(Method::kPost, "/api/org/sites", "site.write", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    Site s;
    s.unit_code = YC_TRY(body.text("unit_code", 12));
    auto kind = parse_site_kind(YC_TRY(body.text("kind", 10)));
    if (!kind) return fail(ErrorCode::kInvalidArgument, "类型应为 hall(服务大厅)或 point(服务站)", "kind");
    s.kind = *kind;
    s = YC_TRY(site_fields(body, s));
    auto detail = YC_TRY(in_tx<SiteDetail>(db, store::TxMode::kWrite, [&](store::Tx& tx) -> Result<SiteDetail> {
      auto created = YC_TRY(create_site(tx, p.actor(identity::client_of(r).address), p.scope("site.write"), s));
      return get_site(tx, p.scope("site.write"), created.id);
    }));
    return http::json_response(201, site_json(detail));
  });

  api.add(Method::kGet, "/api/org/sites/:id", "org.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto id = YC_TRY(http::id_param(r));
    json::object out;
    YC_TRY_VOID(db.transact<void>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<void> {
      out = site_json(YC_TRY(get_site(tx, p.scope("org.read"), id)));
      json::array windows;
      for (const auto& w : YC_TRY(list_windows(tx, p.scope("org.read"), id))) windows.push_back(window_json(w));
      out["windows"] = std::move(windows);
      return {};
    }));
    return http::json_response(200, out);
  });

  api.add(Method::kPatch, "/api/org/sites/:id", "site.write", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto id = YC_TRY(http::id_param(r));
    auto body = YC_TRY(http::JsonObject::parse(r));
    Site s;
    s.id = id;
    s = YC_TRY(site_fields(body, s));
    auto version = YC_TRY(body.integer("version"));
    auto detail = YC_TRY(in_tx<SiteDetail>(db, store::TxMode::kWrite, [&](store::Tx& tx) {
      return update_site(tx, p.actor(identity::client_of(r).address), p.scope("site.write"), s, version);
    }));
    return http::json_response(200, site_json(detail));
  });

  api.add(Method::kPost, "/api/org/sites/:id/windows", "site.write", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto id = YC_TRY(http::id_param(r));
    auto body = YC_TRY(http::JsonObject::parse(r));
    Window w;
    w.site_id = id;
    const auto number = YC_TRY(body.integer("number"));
    if (number < 1 || number > 999) return fail(ErrorCode::kInvalidArgument, "窗口号应为 1 至 999", "number");
    w.number = static_cast<int>(number);
    w.name = YC_TRY(body.opt_text("name", 30)).value_or("");
    auto kind = parse_window_kind(YC_TRY(body.opt_text("kind", 20)).value_or("comprehensive"));
    if (!kind) return fail(ErrorCode::kInvalidArgument, "窗口类型不正确", "kind");
    w.kind = *kind;
    w.open = YC_TRY(body.opt_bool("open")).value_or(true);
    auto created = YC_TRY(in_tx<Window>(db, store::TxMode::kWrite, [&](store::Tx& tx) {
      return create_window(tx, p.actor(identity::client_of(r).address), p.scope("site.write"), w);
    }));
    return http::json_response(201, window_json(WindowDetail{created, 1}));
  });

  api.add(Method::kPatch, "/api/org/windows/:id", "site.write", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto id = YC_TRY(http::id_param(r));
    auto body = YC_TRY(http::JsonObject::parse(r));
    WindowPatch patch;
    patch.name = YC_TRY(body.opt_text("name", 30));
    if (auto k = YC_TRY(body.opt_text("kind", 20))) {
      patch.kind = parse_window_kind(*k);
      if (!patch.kind) return fail(ErrorCode::kInvalidArgument, "窗口类型不正确", "kind");
    }
    patch.open = YC_TRY(body.opt_bool("open"));
    auto version = YC_TRY(body.integer("version"));
    auto w = YC_TRY(in_tx<WindowDetail>(db, store::TxMode::kWrite, [&](store::Tx& tx) {
      return update_window(tx, p.actor(identity::client_of(r).address), p.scope("site.write"), id, patch, version);
    }));
    return http::json_response(200, window_json(w));
  });
}

}  // namespace yc::org
