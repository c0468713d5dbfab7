// The hall's settings, groups, windows (state and clerk) and kiosks
// (issue 7; policy 三(五)(六)).
#include <fmt/format.h>

#include "audit/service.hpp"
#include "hall/rows.hpp"
#include "hall/service.hpp"
#include "identity/secrets.hpp"
#include "org/service.hpp"
#include "platform/text.hpp"
#include "privacy/crypto.hpp"

namespace yc::hall {
namespace {

using namespace detail;

constexpr const char* kSettingCols =
    "site_id, ticket_hours, rest_day_hours, green_channel, remote_tickets, max_skips, crowd_wait_minutes, slot_minutes, per_window_slot, "
    "booking_days, no_show_limit, no_show_block_days, notice, version";

Settings settings_from(const store::Row& r) {
  Settings s;
  s.site_id = r.int64(0);
  s.ticket_hours = r.text(1);
  s.rest_day_hours = r.text(2);
  s.green_channel = r.int64(3) != 0;
  s.remote_tickets = r.int64(4) != 0;
  s.max_skips = static_cast<int>(r.int64(5));
  s.crowd_wait_minutes = static_cast<int>(r.int64(6));
  s.slot_minutes = static_cast<int>(r.int64(7));
  s.per_window_slot = static_cast<int>(r.int64(8));
  s.booking_days = static_cast<int>(r.int64(9));
  s.no_show_limit = static_cast<int>(r.int64(10));
  s.no_show_block_days = static_cast<int>(r.int64(11));
  s.notice = r.text(12);
  s.version = r.int64(13);
  return s;
}

constexpr const char* kDeviceCols =
    "d.id, d.site_id, d.kind, d.name, d.printer, d.active, d.last_seen_at, d.window_id, w.number, d.status, d.status_at";
constexpr const char* kDeviceFrom = "hall_device d LEFT JOIN org_window w ON w.id = d.window_id";

Device device_from(const store::Row& r) {
  return Device{r.int64(0), r.int64(1), r.text(2),      r.text(3),       r.text(4),     r.int64(5) != 0,
                r.opt_int64(6), r.opt_int64(7), r.opt_int64(8), r.text(9), r.opt_int64(10)};
}

// "host:port": a host name or address and a port 1-65535.
Result<void> check_printer(const std::string& printer) {
  if (printer.empty()) return {};
  const auto colon = printer.rfind(':');
  const auto bad = [] { return fail(ErrorCode::kInvalidArgument, "打印机地址应形如 192.168.1.20:9100", "printer"); };
  if (colon == std::string::npos || colon == 0 || colon + 1 == printer.size() || printer.size() > 100) return bad();
  const auto host = printer.substr(0, colon), port = printer.substr(colon + 1);
  if (host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != std::string::npos)
    return bad();
  if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return bad();
  const int p = std::stoi(port);
  if (p < 1 || p > 65535) return bad();
  return {};
}

}  // namespace

// --- Settings ----------------------------------------------------------------------------

Result<Settings> get_settings(store::Tx& tx, std::int64_t site_id) {
  auto row = tx.one(fmt::format("SELECT {} FROM hall_setting WHERE site_id = $1", kSettingCols), {site_id});
  if (row) return settings_from(*row);
  Settings s;
  s.site_id = site_id;
  return s;
}

Result<Settings> put_settings(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, Settings s,
                              std::int64_t now) {
  YC_TRY(org::site_place(tx, scope, s.site_id));
  YC_TRY_VOID(check_settings(s));
  const auto stored = YC_TRY(get_settings(tx, s.site_id));
  if (stored.version != s.version)
    return fail(ErrorCode::kConflict, "设置已被他人修改,请刷新后重试", "version");
  const std::vector<store::Param> values{s.site_id,
                                         s.ticket_hours,
                                         s.rest_day_hours,
                                         std::int64_t{s.green_channel ? 1 : 0},
                                         std::int64_t{s.remote_tickets ? 1 : 0},
                                         std::int64_t{s.max_skips},
                                         std::int64_t{s.crowd_wait_minutes},
                                         std::int64_t{s.slot_minutes},
                                         std::int64_t{s.per_window_slot},
                                         std::int64_t{s.booking_days},
                                         std::int64_t{s.no_show_limit},
                                         std::int64_t{s.no_show_block_days},
                                         s.notice,
                                         now,
                                         s.version};
  if (s.version == 0) {
    // Two first saves at once: the primary key lets one in.
    YC_TRY_VOID(tx.exec("INSERT INTO hall_setting (site_id, ticket_hours, rest_day_hours, green_channel, remote_tickets, "
                        "max_skips, crowd_wait_minutes, slot_minutes, per_window_slot, booking_days, no_show_limit, "
                        "no_show_block_days, notice, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                        "$10, $11, $12, $13, $14, $15 + 1)",
                        values));
  } else {
    auto n = YC_TRY(tx.exec("UPDATE hall_setting SET ticket_hours = $2, rest_day_hours = $3, green_channel = $4, "
                            "remote_tickets = $5, max_skips = $6, crowd_wait_minutes = $7, slot_minutes = $8, "
                            "per_window_slot = $9, booking_days = $10, no_show_limit = $11, no_show_block_days = $12, "
                            "notice = $13, updated_at = $14, version = version + 1 WHERE site_id = $1 AND version = $15",
                            values));
    if (n == 0) return fail(ErrorCode::kConflict, "设置已被他人修改,请刷新后重试", "version");
  }
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "hall.settings", "org_site", std::to_string(s.site_id))));
  return get_settings(tx, s.site_id);
}

Result<Group> update_group(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t site_id,
                           const std::string& code, const GroupPatch& patch, std::int64_t now) {
  YC_TRY(org::site_place(tx, scope, site_id));
  auto row = tx.one(fmt::format("SELECT {} FROM service_group WHERE site_id = $1 AND code = $2", kGroupCols),
                    {site_id, code});
  if (!row) return fail(ErrorCode::kNotFound, "该场所没有这个业务分组", "code");
  auto g = group_from(*row);
  if (g.version != patch.version) return fail(ErrorCode::kConflict, "分组已被他人修改,请刷新后重试", "version");
  if (patch.name) {
    if (patch.name->empty() || utf8_length(*patch.name) > 30)
      return fail(ErrorCode::kInvalidArgument, "请填写分组名称(不超过 30 字)", "name");
    g.name = *patch.name;
  }
  if (patch.categories) g.categories = *patch.categories;
  if (patch.active) g.active = *patch.active;
  std::string cats = ",";
  for (const auto& c : g.categories) cats += c + ",";
  auto n = YC_TRY(tx.exec("UPDATE service_group SET name = $1, categories = $2, active = $3, updated_at = $4, "
                          "version = version + 1 WHERE id = $5 AND version = $6",
                          {g.name, cats, std::int64_t{g.active ? 1 : 0}, now, g.id, g.version}));
  if (n == 0) return fail(ErrorCode::kConflict, "分组已被他人修改,请刷新后重试", "version");
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "hall.group.update", "service_group", std::to_string(g.id))));
  return group_from(YC_TRY(tx.one(fmt::format("SELECT {} FROM service_group WHERE id = $1", kGroupCols), {g.id})));
}

// --- Windows -----------------------------------------------------------------------------

Result<std::vector<WindowState>> window_states(store::Tx& tx, std::int64_t site_id, std::int64_t now) {
  auto rows = YC_TRY(tx.query("SELECT w.id, w.site_id, w.number, w.name, w.is_open, w.clerk_id, a.name_masked, a.badge "
                              "FROM org_window w LEFT JOIN account a ON a.id = w.clerk_id WHERE w.site_id = $1 "
                              "ORDER BY w.number",
                              {site_id}));
  auto served = YC_TRY(tx.query("SELECT wg.window_id, g.code, g.id FROM window_group wg JOIN service_group g ON "
                                "g.id = wg.group_id JOIN org_window w ON w.id = wg.window_id WHERE w.site_id = $1 "
                                "ORDER BY g.prefix",
                                {site_id}));
  auto waiting = YC_TRY(tx.query("SELECT group_id, COUNT(*) FROM ticket WHERE site_id = $1 AND day = $2 AND "
                                 "state = 'waiting' GROUP BY group_id",
                                 {site_id, counter_day(now)}));
  auto called = YC_TRY(tx.query(fmt::format("SELECT {}, t.window_id FROM ticket t WHERE t.site_id = $1 AND t.day = $2 "
                                            "AND t.state = 'called' ORDER BY t.called_at",
                                            kTicketCols),
                                {site_id, counter_day(now)}));
  std::vector<WindowState> out;
  for (const auto& r : rows.rows) {
    WindowState w;
    w.id = r.int64(0);
    w.site_id = r.int64(1);
    w.number = static_cast<int>(r.int64(2));
    w.name = r.text(3);
    w.open = r.int64(4) != 0;
    if (auto clerk = r.opt_int64(5)) w.clerk = Clerk{*clerk, r.text(6), r.text(7)};
    for (const auto& s : served.rows) {
      if (s.int64(0) != w.id) continue;
      w.groups.push_back(s.text(1));
      for (const auto& c : waiting.rows)
        if (c.int64(0) == s.int64(2)) w.waiting += static_cast<int>(c.int64(1));
    }
    for (const auto& c : called.rows)
      if (c.opt_int64(13) == w.id) w.current = ticket_from(c);
    out.push_back(std::move(w));
  }
  return out;
}

Result<WindowState> window_state(store::Tx& tx, const org::Scope& scope, std::int64_t window_id, std::int64_t now) {
  const auto w = YC_TRY(window_in_scope(tx, scope, window_id));
  for (auto& s : YC_TRY(window_states(tx, w.site_id, now)))
    if (s.id == window_id) return std::move(s);
  return fail(ErrorCode::kNotFound, "窗口不存在", "window_id");
}

Result<WindowState> sign_in(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                            std::int64_t now) {
  YC_TRY(window_in_scope(tx, scope, window_id));
  YC_TRY_VOID(take_seat(tx, who.account, window_id, now));
  auto e = audit::entry_for(who.actor, "hall.sign_in", "org_window", std::to_string(window_id));
  e.window_id = std::to_string(window_id);
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return window_state(tx, scope, window_id, now);
}

Result<WindowState> sign_out(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                             std::int64_t now) {
  YC_TRY(window_in_scope(tx, scope, window_id));
  YC_TRY_VOID(tx.exec("UPDATE org_window SET clerk_id = NULL, clerk_since = NULL WHERE id = $1", {window_id}));
  auto e = audit::entry_for(who.actor, "hall.sign_out", "org_window", std::to_string(window_id));
  e.window_id = std::to_string(window_id);
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return window_state(tx, scope, window_id, now);
}

Result<WindowState> set_open(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                             bool open, std::int64_t now) {
  YC_TRY(window_in_scope(tx, scope, window_id));
  YC_TRY_VOID(tx.exec("UPDATE org_window SET is_open = $1, updated_at = $2, version = version + 1 WHERE id = $3",
                      {std::int64_t{open ? 1 : 0}, now, window_id}));
  auto e = audit::entry_for(who.actor, open ? "hall.window.resume" : "hall.window.pause", "org_window",
                            std::to_string(window_id));
  e.window_id = std::to_string(window_id);
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return window_state(tx, scope, window_id, now);
}

// --- Kiosks ------------------------------------------------------------------------------

Result<NewDevice> register_device(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                  std::int64_t site_id, const DeviceSpec& spec, std::int64_t now) {
  YC_TRY(org::site_place(tx, scope, site_id));
  if (spec.kind != "kiosk" && spec.kind != "agent" && spec.kind != "pad")
    return fail(ErrorCode::kInvalidArgument, "设备类型只能是自助终端、窗口设备助手或窗口评价器", "kind");
  if (spec.name.empty() || utf8_length(spec.name) > 30)
    return fail(ErrorCode::kInvalidArgument, "请填写设备名称(不超过 30 字)", "name");
  std::optional<std::int64_t> window;
  if (spec.kind == "agent" || spec.kind == "pad") {
    // 三(五): the readers sit at a window, and so does the evaluation pad
    // (四(三) 好差评, rated after each service): each is that window's.
    if (!spec.window_id) return fail(ErrorCode::kInvalidArgument, "请选择设备所在的窗口", "window_id");
    auto w = tx.one("SELECT id FROM org_window WHERE id = $1 AND site_id = $2", {*spec.window_id, site_id});
    if (!w) return fail(ErrorCode::kInvalidArgument, "该窗口不属于本大厅", "window_id");
    if (!spec.printer.empty()) return fail(ErrorCode::kInvalidArgument, "窗口设备不连接取号打印机", "printer");
    window = spec.window_id;
  } else {
    YC_TRY_VOID(check_printer(spec.printer));
  }
  NewDevice out;
  out.token = identity::random_token(32);
  auto id = YC_TRY(tx.one("INSERT INTO hall_device (site_id, kind, name, token_hash, printer, created_at, window_id) "
                          "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                          {site_id, spec.kind, spec.name, privacy::sm3_hex(out.token), spec.printer, now,
                           window ? store::Param(*window) : store::null_param()}));
  auto row = YC_TRY(tx.one(fmt::format("SELECT {} FROM {} WHERE d.id = $1", kDeviceCols, kDeviceFrom), {id.int64(0)}));
  out.device = device_from(row);
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "hall.device.register", "hall_device", std::to_string(out.device.id))));
  return out;
}

Result<std::vector<Device>> list_devices(store::Tx& tx, std::int64_t site_id) {
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} FROM {} WHERE d.site_id = $1 ORDER BY d.id", kDeviceCols, kDeviceFrom),
                              {site_id}));
  std::vector<Device> out;
  for (const auto& r : rows.rows) out.push_back(device_from(r));
  return out;
}

Result<void> revoke_device(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id) {
  auto row = tx.one("SELECT site_id FROM hall_device WHERE id = $1", {id});
  if (!row) return fail(ErrorCode::kNotFound, "终端不存在", "id");
  YC_TRY(org::site_place(tx, scope, row->int64(0), "id"));
  YC_TRY_VOID(tx.exec("UPDATE hall_device SET active = 0 WHERE id = $1", {id}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "hall.device.revoke", "hall_device", std::to_string(id))));
  return {};
}

Result<Device> device_by_token(store::Tx& tx, std::string_view token, std::string_view kind, std::int64_t now) {
  if (token.empty() || token.size() > 100) return fail(ErrorCode::kUnauthenticated, "终端未配对或已停用");
  auto row = tx.one(fmt::format("SELECT {} FROM {} WHERE d.token_hash = $1 AND d.active = 1 AND d.kind = $2",
                                kDeviceCols, kDeviceFrom),
                    {privacy::sm3_hex(token), std::string(kind)});
  if (!row) return fail(ErrorCode::kUnauthenticated, "终端未配对或已停用");
  auto d = device_from(*row);
  // At most one write a minute per kiosk for "last seen".
  if (!d.last_seen_at || now - *d.last_seen_at > 60'000) {
    YC_TRY_VOID(tx.exec("UPDATE hall_device SET last_seen_at = $1 WHERE id = $2", {now, d.id}));
    d.last_seen_at = now;
  }
  return d;
}

Result<void> record_agent_status(store::Tx& tx, std::int64_t device_id, const std::string& status_json,
                                 std::int64_t now) {
  YC_TRY(tx.exec("UPDATE hall_device SET status = $1, status_at = $2, last_seen_at = $2 WHERE id = $3 AND kind = 'agent'",
                 {status_json, now, device_id}));
  return {};
}

}  // namespace yc::hall
