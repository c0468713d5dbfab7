#include "hall/routes.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "hall/appointments.hpp"
#include "hall/board.hpp"
#include "hall/escpos.hpp"
#include "hall/service.hpp"
#include "hall/voice.hpp"
#include "audit/service.hpp"
#include "privacy/crypto.hpp"
#include "privacy/model.hpp"
#include "identity/citizens.hpp"
#include "identity/idempotency.hpp"
#include "platform/http/json_body.hpp"
#include "platform/log.hpp"
#include "org/service.hpp"
#include "platform/time.hpp"

namespace yc::hall {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;

json::object group_json(const Group& g) {
  json::array cats;
  for (const auto& c : g.categories) cats.emplace_back(c);
  return json::object{{"id", g.id},         {"site_id", g.site_id}, {"code", g.code},     {"name", g.name},
                      {"prefix", g.prefix}, {"categories", cats},   {"active", g.active}, {"version", g.version}};
}

json::object ticket_json(const Ticket& t) {
  return json::object{{"id", t.id},
                      {"site_id", t.site_id},
                      {"group_id", t.group_id},
                      {"group_name", t.group_name},
                      {"day", t.day},
                      {"label", t.label},
                      {"number", t.number},
                      {"channel", t.channel},
                      {"state", t.state},
                      {"green", t.green},
                      {"taken_at", t.taken_at}};
}


json::object settings_json(const Settings& s) {
  return json::object{{"site_id", s.site_id},
                      {"ticket_hours", s.ticket_hours},
                      {"rest_day_hours", s.rest_day_hours},
                      {"green_channel", s.green_channel},
                      {"remote_tickets", s.remote_tickets},
                      {"max_skips", s.max_skips},
                      {"crowd_wait_minutes", s.crowd_wait_minutes},
                      {"slot_minutes", s.slot_minutes},
                      {"per_window_slot", s.per_window_slot},
                      {"booking_days", s.booking_days},
                      {"no_show_limit", s.no_show_limit},
                      {"no_show_block_days", s.no_show_block_days},
                      {"notice", s.notice},
                      {"version", s.version}};
}

json::object window_json(const WindowState& w) {
  json::array groups;
  for (const auto& g : w.groups) groups.emplace_back(g);
  json::value clerk = nullptr;
  if (w.clerk) clerk = json::object{{"id", w.clerk->id}, {"name_masked", w.clerk->name_masked}, {"badge", w.clerk->badge}};
  return json::object{{"id", w.id},         {"site_id", w.site_id}, {"number", w.number},
                      {"name", w.name},     {"open", w.open},       {"groups", std::move(groups)},
                      {"clerk", clerk},     {"current", w.current ? json::value(ticket_json(*w.current)) : json::value(nullptr)},
                      {"waiting", w.waiting}};
}

json::object device_json(const Device& d) {
  json::object o{{"id", d.id},           {"site_id", d.site_id}, {"kind", d.kind},
                 {"name", d.name},       {"printer", d.printer}, {"active", d.active},
                 {"last_seen_at", http::or_null(d.last_seen_at)},
                 {"window_id", http::or_null(d.window_id)},
                 {"window_no", http::or_null(d.window_no)},
                 {"status_at", http::or_null(d.status_at)}};
  // The status was checked when the agent sent it; stored as JSON text.
  boost::system::error_code ec;
  auto status = d.status.empty() ? json::value(nullptr) : json::parse(d.status, ec);
  o["status"] = ec ? json::value(nullptr) : status;
  return o;
}

json::object appointment_json(const Appointment& a) {
  return json::object{{"code", a.code},
                      {"site_id", a.site_id},
                      {"site_name", a.site_name},
                      {"group", a.group},
                      {"group_name", a.group_name},
                      {"day", a.day},
                      {"slot_start", a.slot_start},
                      {"slot_end", a.slot_end},
                      {"name_masked", a.name_masked},
                      {"id_masked", a.id_masked},
                      {"phone_masked", a.phone_masked},
                      {"green", a.green},
                      {"state", a.state},
                      {"ticket_label", http::or_null(a.ticket_label)}};
}

json::object board_group_json(const BoardGroup& g) {
  return json::object{{"code", g.code},       {"name", g.name},
                      {"prefix", g.prefix},   {"waiting", g.waiting},
                      {"open_windows", g.open_windows}, {"active", g.active}};
}

json::object call_json(const Call& c) {
  return json::object{{"ticket", ticket_json(c.ticket)},
                      {"window_number", c.window_number},
                      {"window_name", c.window_name},
                      {"text", call_text(c.ticket.label, c.window_number)}};
}

Caller caller_of(const http::Request& r, const Principal& p) {
  return Caller{p.account_id, p.actor(identity::client_of(r).address)};
}

Result<std::string> string_list(const json::value& v, std::string_view field, std::vector<std::string>* out) {
  if (!v.is_array()) return fail(ErrorCode::kInvalidArgument, fmt::format("{} 应为列表", field), std::string(field));
  for (const auto& e : v.as_array()) {
    if (!e.is_string() || e.as_string().size() > 40)
      return fail(ErrorCode::kInvalidArgument, fmt::format("{} 的每一项应为文本", field), std::string(field));
    out->emplace_back(e.as_string());
  }
  return std::string();
}

// Tells the hall's screens (topic hall.<site>.queue); a failed publish is
// logged, what happened stands.
void tell(events::Service& events, std::int64_t site, json::object message) {
  auto sent = events.publish(fmt::format("hall.{}.queue", site), json::serialize(message));
  if (!sent) log::warn(fmt::format("event=hall_publish_failed site={}", site));
}

void announce(events::Service& events, const Call& c, std::string_view kind) {
  tell(events, c.ticket.site_id,
       json::object{{"kind", kind},
                    {"label", c.ticket.label},
                    {"window_number", c.window_number},
                    {"window_name", c.window_name},
                    {"text", call_text(c.ticket.label, c.window_number)}});
}

void changed(events::Service& events, std::int64_t site, std::string_view kind, int window_number = 0) {
  json::object m{{"kind", kind}};
  if (window_number > 0) m["window_number"] = window_number;
  tell(events, site, std::move(m));
}

// The kiosk of `Authorization: Device <token>` (kUnauthenticated otherwise).
Result<Device> kiosk_of(store::Tx& tx, const http::Request& r) {
  auto auth = r.header("authorization");
  if (!auth || auth->substr(0, 7) != "Device ") return fail(ErrorCode::kUnauthenticated, "终端未配对或已停用");
  return device_by_token(tx, auth->substr(7), "kiosk", time::now_ms());
}

// The ticket on the kiosk's printer; false when it has none or it did not answer.
bool print_ticket(const Device& d, const Ticket& t, int ahead, const std::string& site_name, const std::string& qr) {
  if (d.printer.empty()) return false;
  const auto colon = d.printer.rfind(':');
  const auto taken = time::format_utc(t.taken_at + time::kShanghaiOffsetMs);
  auto bytes = escpos_ticket(TicketPrint{site_name, t.label, t.group_name, ahead,
                                         taken.substr(0, 10) + " " + taken.substr(11, 5), qr});
  if (!bytes) return false;
  auto sent = send_to_printer(d.printer.substr(0, colon), std::stoi(d.printer.substr(colon + 1)), *bytes);
  if (!sent) log::warn(fmt::format("event=ticket_print_failed device={} error=\"{}\"", d.id, sent.error().message));
  return static_cast<bool>(sent);
}

// Call announcements, made once per text and kept as <dir>/<sm3>.wav.
class VoiceCache {
 public:
  explicit VoiceCache(std::string dir) : dir_(std::move(dir)) {}

  Result<std::string> get(const std::string& text) const {
    namespace fs = std::filesystem;
    const fs::path path = fs::path(dir_) / (privacy::sm3_hex(text) + ".wav");
    if (std::ifstream in{path, std::ios::binary}) {
      std::ostringstream out;
      out << in.rdbuf();
      if (out.str().size() > 44) return out.str();
    }
    auto wav = YC_TRY(synthesize(text));
    std::error_code ec;
    fs::create_directories(dir_, ec);
    // Written aside and renamed: a screen never reads half a file.
    const auto tmp = path.string() + fmt::format(".{}.tmp", std::hash<std::thread::id>{}(std::this_thread::get_id()));
    {
      std::ofstream out{tmp, std::ios::binary | std::ios::trunc};
      out.write(wav.data(), static_cast<std::streamsize>(wav.size()));
      if (!out) {
        log::warn("event=voice_cache_write_failed");
        return wav;
      }
    }
    fs::rename(tmp, path, ec);
    if (ec) fs::remove(tmp, ec);
    return wav;
  }

 private:
  std::string dir_;
};

// "A015": one capital letter and 3-4 digits.
bool ticket_label_ok(std::string_view label) {
  if (label.size() < 4 || label.size() > 5 || label[0] < 'A' || label[0] > 'Z') return false;
  return label.substr(1).find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

void add_routes(identity::ApiRouter& api, store::Database& db, events::Service& events,
                const privacy::KeyRing& keys, RouteSettings settings) {
  // --- Groups and settings ------------------------------------------------------------
  api.add(Method::kGet, "/api/hall/sites/:site/groups", "org.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto groups = YC_TRY(db.transact<std::vector<Group>>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::vector<Group>> {
      YC_TRY(org::site_place(tx, p.scope("org.read"), site, "site"));
      return list_groups(tx, site);
    }));
    json::array items;
    for (const auto& g : groups) items.push_back(group_json(g));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  api.add(Method::kPost, "/api/hall/sites/:site/groups", "hall.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto code = YC_TRY(b.text("code", 32));
    const auto name = YC_TRY(b.text("name", 30));
    const auto prefix = YC_TRY(b.text("prefix", 1));
    std::vector<std::string> categories;
    if (!b.raw("categories").is_null()) YC_TRY(string_list(b.raw("categories"), "categories", &categories));
    auto g = YC_TRY(db.transact<Group>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return add_group(tx, p.actor(identity::client_of(r).address), p.scope("hall.manage"), site, code, name, prefix,
                       categories, time::now_ms());
    }));
    return http::json_response(201, group_json(g));
  });

  api.add(Method::kPatch, "/api/hall/sites/:site/groups/:code", "hall.manage", [&db, &events](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    GroupPatch patch;
    patch.version = YC_TRY(b.integer("version"));
    patch.name = YC_TRY(b.opt_text("name", 30));
    if (!b.raw("categories").is_null()) {
      patch.categories.emplace();
      YC_TRY(string_list(b.raw("categories"), "categories", &*patch.categories));
    }
    patch.active = YC_TRY(b.opt_bool("active"));
    auto g = YC_TRY(db.transact<Group>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return update_group(tx, p.actor(identity::client_of(r).address), p.scope("hall.manage"), site,
                          std::string(r.param("code")), patch, time::now_ms());
    }));
    changed(events, site, "group");
    return http::json_response(200, group_json(g));
  });

  api.add(Method::kGet, "/api/hall/sites/:site/settings", "org.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto s = YC_TRY(db.transact<Settings>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<Settings> {
      YC_TRY(org::site_place(tx, p.scope("org.read"), site, "site"));
      return get_settings(tx, site);
    }));
    return http::json_response(200, settings_json(s));
  });

  api.add(Method::kPut, "/api/hall/sites/:site/settings", "hall.manage", [&db, &events](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    Settings s;
    s.site_id = site;
    s.version = YC_TRY(b.integer("version"));
    s.ticket_hours = YC_TRY(b.text("ticket_hours", 100));
    s.rest_day_hours = YC_TRY(b.opt_text("rest_day_hours", 100)).value_or("");
    const auto flag = YC_TRY(b.opt_bool("green_channel"));
    if (!flag) return fail(ErrorCode::kInvalidArgument, "请选择是否开设绿色通道", "green_channel");
    s.green_channel = *flag;
    s.remote_tickets = YC_TRY(b.opt_bool("remote_tickets")).value_or(false);
    const auto number = [&](std::string_view key) -> Result<int> {
      const auto v = YC_TRY(b.integer(key));
      if (v < -1'000'000 || v > 1'000'000) return fail(ErrorCode::kInvalidArgument, "数值超出范围", std::string(key));
      return static_cast<int>(v);
    };
    s.max_skips = YC_TRY(number("max_skips"));
    s.crowd_wait_minutes = YC_TRY(number("crowd_wait_minutes"));
    s.slot_minutes = YC_TRY(number("slot_minutes"));
    s.per_window_slot = YC_TRY(number("per_window_slot"));
    s.booking_days = YC_TRY(number("booking_days"));
    s.no_show_limit = YC_TRY(number("no_show_limit"));
    s.no_show_block_days = YC_TRY(number("no_show_block_days"));
    s.notice = YC_TRY(b.opt_text("notice", 500)).value_or("");
    auto saved = YC_TRY(db.transact<Settings>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return put_settings(tx, p.actor(identity::client_of(r).address), p.scope("hall.manage"), s, time::now_ms());
    }));
    changed(events, site, "settings");
    return http::json_response(200, settings_json(saved));
  });

  // --- Windows ----------------------------------------------------------------------------
  api.add(Method::kGet, "/api/hall/sites/:site/windows", "org.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto windows = YC_TRY(db.transact<std::vector<WindowState>>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::vector<WindowState>> {
      YC_TRY(org::site_place(tx, p.scope("org.read"), site, "site"));
      return window_states(tx, site, time::now_ms());
    }));
    json::array items;
    for (const auto& w : windows) items.push_back(window_json(w));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  api.add(Method::kPut, "/api/hall/windows/:window/groups", "hall.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto window = YC_TRY(http::id_param(r, "window"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    std::vector<std::string> groups;
    YC_TRY(string_list(b.raw("groups"), "groups", &groups));
    YC_TRY_VOID(db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return set_window_groups(tx, p.actor(identity::client_of(r).address), p.scope("hall.manage"), window, groups);
    }));
    return http::no_content();
  });

  api.add(Method::kGet, "/api/hall/windows/:window", "case.intake", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto window = YC_TRY(http::id_param(r, "window"));
    auto w = YC_TRY(db.transact<WindowState>(store::TxMode::kRead, [&](store::Tx& tx) {
      return window_state(tx, p.scope("case.intake"), window, time::now_ms());
    }));
    return http::json_response(200, window_json(w));
  });

  // sign-in, sign-out and pause / resume: the window screen changes.
  const auto window_action = [&api, &db, &events](std::string path, auto action) {
    api.add(Method::kPost, std::move(path), "case.intake", [&db, &events, action](const http::Request& r, const Principal& p) -> Result<http::Response> {
      const auto window = YC_TRY(http::id_param(r, "window"));
      auto w = YC_TRY(db.transact<WindowState>(store::TxMode::kWrite, [&](store::Tx& tx) {
        return action(tx, r, caller_of(r, p), p.scope("case.intake"), window);
      }));
      changed(events, w.site_id, "window", w.number);
      return http::json_response(200, window_json(w));
    });
  };
  window_action("/api/hall/windows/:window/sign-in", [](store::Tx& tx, const http::Request&, const Caller& who, const org::Scope& scope, std::int64_t window) {
    return sign_in(tx, who, scope, window, time::now_ms());
  });
  window_action("/api/hall/windows/:window/sign-out", [](store::Tx& tx, const http::Request&, const Caller& who, const org::Scope& scope, std::int64_t window) {
    return sign_out(tx, who, scope, window, time::now_ms());
  });
  window_action("/api/hall/windows/:window/open", [](store::Tx& tx, const http::Request& r, const Caller& who, const org::Scope& scope, std::int64_t window) -> Result<WindowState> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto open = YC_TRY(b.opt_bool("open"));
    if (!open) return fail(ErrorCode::kInvalidArgument, "请说明开启还是暂停窗口", "open");
    return set_open(tx, who, scope, window, *open, time::now_ms());
  });

  // --- Tickets and calling ------------------------------------------------------------------
  // A ticket issued by the window (a walk-in without the kiosk).
  api.add(Method::kPost, "/api/hall/sites/:site/tickets", "case.intake", [&db, &events](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto group = YC_TRY(b.text("group", 32));
    const bool green = YC_TRY(b.opt_bool("green")).value_or(false);
    auto resp = YC_TRY(identity::idempotent(db, r, p, true, [&](store::Tx& tx) -> Result<http::Response> {
      YC_TRY(org::site_place(tx, p.scope("case.intake"), site, "site"));
      return http::json_response(201, ticket_json(YC_TRY(take_ticket(tx, site, group, "window", green, time::now_ms()))));
    }));
    changed(events, site, "ticket");
    return resp;
  });

  api.add(Method::kPost, "/api/hall/windows/:window/call", "case.intake", [&db, &events](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto window = YC_TRY(http::id_param(r, "window"));
    auto c = YC_TRY(db.transact<Call>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return call_next(tx, caller_of(r, p), p.scope("case.intake"), window, time::now_ms());
    }));
    announce(events, c, "call");
    return http::json_response(200, call_json(c));
  });

  api.add(Method::kPost, "/api/hall/windows/:window/recall", "case.intake", [&db, &events](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto window = YC_TRY(http::id_param(r, "window"));
    auto c = YC_TRY(db.transact<Call>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return recall(tx, caller_of(r, p), p.scope("case.intake"), window);
    }));
    announce(events, c, "recall");
    return http::json_response(200, call_json(c));
  });

  // finish, skip and transfer: the ticket leaves the window.
  const auto ticket_action = [&api, &db, &events](std::string path, std::string kind, auto action) {
    api.add(Method::kPost, std::move(path), "case.intake", [&db, &events, kind, action](const http::Request& r, const Principal& p) -> Result<http::Response> {
      const auto window = YC_TRY(http::id_param(r, "window"));
      auto t = YC_TRY(db.transact<Ticket>(store::TxMode::kWrite, [&](store::Tx& tx) {
        return action(tx, r, caller_of(r, p), p.scope("case.intake"), window);
      }));
      changed(events, t.site_id, kind);
      return http::json_response(200, ticket_json(t));
    });
  };
  ticket_action("/api/hall/windows/:window/finish", "finish", [](store::Tx& tx, const http::Request&, const Caller& who, const org::Scope& scope, std::int64_t window) {
    return finish(tx, who, scope, window, time::now_ms());
  });
  ticket_action("/api/hall/windows/:window/skip", "skip", [](store::Tx& tx, const http::Request&, const Caller& who, const org::Scope& scope, std::int64_t window) {
    return skip(tx, who, scope, window, time::now_ms());
  });
  ticket_action("/api/hall/windows/:window/transfer", "transfer", [](store::Tx& tx, const http::Request& r, const Caller& who, const org::Scope& scope, std::int64_t window) -> Result<Ticket> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto group = YC_TRY(b.text("group", 32));
    return transfer(tx, who, scope, window, group);
  });

  // --- Figures, appointments of the day, kiosks, photo -----------------------------------------
  api.add(Method::kGet, "/api/hall/sites/:site/figures", "org.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto f = YC_TRY(db.transact<Figures>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<Figures> {
      YC_TRY(org::site_place(tx, p.scope("org.read"), site, "site"));
      return figures(tx, site, time::now_ms());
    }));
    json::array groups;
    for (const auto& g : f.groups)
      groups.push_back(json::object{{"code", g.code},
                                    {"name", g.name},
                                    {"prefix", g.prefix},
                                    {"waiting", g.waiting},
                                    {"longest_wait_ms", g.longest_wait_ms},
                                    {"served", g.served},
                                    {"avg_wait_ms", http::or_null(g.avg_wait_ms)},
                                    {"avg_service_ms", http::or_null(g.avg_service_ms)}});
    return http::json_response(200, json::object{{"site_id", f.site_id},
                                                  {"day", f.day},
                                                  {"groups", std::move(groups)},
                                                  {"waiting", f.waiting},
                                                  {"longest_wait_ms", f.longest_wait_ms},
                                                  {"avg_wait_ms", http::or_null(f.avg_wait_ms)},
                                                  {"avg_service_ms", http::or_null(f.avg_service_ms)},
                                                  {"served", f.served},
                                                  {"windows_open", f.windows_open},
                                                  {"windows_total", f.windows_total},
                                                  {"staff_on_duty", f.staff_on_duty},
                                                  {"crowding", f.crowding},
                                                  {"crowd_wait_minutes", f.crowd_wait_minutes}});
  });

  api.add(Method::kGet, "/api/hall/sites/:site/appointments", "org.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    const auto day = r.query("day").value_or(time::shanghai_date(time::now_ms()).iso());
    YC_TRY(time::parse_date(day, "day"));
    auto list = YC_TRY(db.transact<std::vector<Appointment>>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::vector<Appointment>> {
      YC_TRY(org::site_place(tx, p.scope("org.read"), site, "site"));
      return list_day(tx, site, std::string(day));
    }));
    json::array items;
    for (const auto& a : list) items.push_back(appointment_json(a));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  api.add(Method::kGet, "/api/hall/sites/:site/devices", "hall.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto list = YC_TRY(db.transact<std::vector<Device>>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::vector<Device>> {
      YC_TRY(org::site_place(tx, p.scope("hall.manage"), site, "site"));
      return list_devices(tx, site);
    }));
    json::array items;
    for (const auto& d : list) items.push_back(device_json(d));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  api.add(Method::kPost, "/api/hall/sites/:site/devices", "hall.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    DeviceSpec spec;
    spec.kind = YC_TRY(b.opt_text("kind", 10)).value_or("kiosk");
    spec.name = YC_TRY(b.text("name", 30));
    spec.printer = YC_TRY(b.opt_text("printer", 100)).value_or("");
    spec.window_id = YC_TRY(b.opt_integer("window_id"));
    auto d = YC_TRY(db.transact<NewDevice>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return register_device(tx, p.actor(identity::client_of(r).address), p.scope("hall.manage"), site, spec,
                             time::now_ms());
    }));
    return http::json_response(201, json::object{{"device", device_json(d.device)}, {"token", d.token}});
  });

  api.add(Method::kDelete, "/api/hall/devices/:id", "hall.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    YC_TRY_VOID(db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return revoke_device(tx, p.actor(identity::client_of(r).address), p.scope("hall.manage"), id);
    }));
    return http::no_content();
  });

  api.add_upload(Method::kPut, "/api/hall/photo", "", 256 * 1024 + 1, [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto declared = std::string(r.header("content-type").value_or(""));
    if (declared != "image/jpeg" && declared != "image/png")
      return fail(ErrorCode::kUnsupportedMediaType, "照片应为 JPEG 或 PNG 图片", "photo");
    YC_TRY_VOID(db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
      YC_TRY_VOID(put_photo(tx, keys, p.account_id, declared, r.body, time::now_ms()));
      YC_TRY_VOID(audit::append(tx, audit::entry_for(p.actor(identity::client_of(r).address), "account.photo",
                                                     "account", std::to_string(p.account_id))));
      return {};
    }));
    return http::no_content();
  });

  api.add(Method::kGet, "/api/hall/photo", "", [&db, &keys](const http::Request&, const Principal& p) -> Result<http::Response> {
    auto photo = YC_TRY(db.transact<Photo>(store::TxMode::kRead, [&](store::Tx& tx) { return own_photo(tx, keys, p.account_id); }));
    http::Response resp;
    resp.content_type = photo.content_type;
    resp.body = std::move(photo.bytes);
    resp.header("Cache-Control", "no-store");
    return resp;
  });

  api.add(Method::kDelete, "/api/hall/photo", "", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    YC_TRY_VOID(db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
      YC_TRY_VOID(remove_photo(tx, p.account_id));
      YC_TRY_VOID(audit::append(tx, audit::entry_for(p.actor(identity::client_of(r).address), "account.photo.remove",
                                                     "account", std::to_string(p.account_id))));
      return {};
    }));
    return http::no_content();
  });

  // --- Kiosk (Authorization: Device <token>) --------------------------------------------------
  api.add_public(Method::kGet, "/api/kiosk/me", [&db](const http::Request& r) -> Result<http::Response> {
    struct Answer {
      Device device;
      Board board;
    };
    auto a = YC_TRY(db.transact<Answer>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Answer> {
      auto d = YC_TRY(kiosk_of(tx, r));
      auto b = YC_TRY(board(tx, d.site_id, time::now_ms()));
      return Answer{d, std::move(b)};
    }));
    json::array groups;
    for (const auto& g : a.board.groups) groups.push_back(board_group_json(g));
    return http::json_response(200, json::object{{"device", device_json(a.device)},
                                                  {"site", json::object{{"id", a.board.site_id}, {"name", a.board.site_name}}},
                                                  {"open_now", a.board.open_now},
                                                  {"hours", a.board.hours},
                                                  {"green_channel", a.board.green_channel},
                                                  {"groups", std::move(groups)}});
  });

  // --- Window device agent (issue 8; docs/api/agent.md) ---------------------------------------
  // yichuang-agent pairs with its token and reports the window's devices.
  api.add_public(Method::kPost, "/api/agent/heartbeat", [&db](const http::Request& r) -> Result<http::Response> {
    auto auth = r.header("authorization");
    if (!auth || auth->substr(0, 7) != "Device ") return fail(ErrorCode::kUnauthenticated, "设备助手未配对或已停用");
    const std::string token(auth->substr(7));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto& list = b.raw("devices");
    if (!list.is_array() || list.as_array().size() > 10)
      return fail(ErrorCode::kInvalidArgument, "devices 应为不超过 10 项的数组", "devices");
    static const std::set<std::string> kinds = {"idcard", "sscard", "scanner", "printer", "ticket_printer"};
    static const std::set<std::string> states = {"ready", "absent", "error", "disabled"};
    json::array clean;
    for (std::size_t i = 0; i < list.as_array().size(); ++i) {
      const auto& e = list.as_array()[i];
      const std::string at = fmt::format("devices[{}]", i);
      if (!e.is_object()) return fail(ErrorCode::kInvalidArgument, "每项应为对象", at);
      http::JsonObject o(e.as_object());
      auto device = YC_TRY(o.text("device", 20));
      auto state = YC_TRY(o.text("state", 20));
      if (!kinds.contains(device)) return fail(ErrorCode::kInvalidArgument, "未知的设备类型", at + ".device");
      if (!states.contains(state)) return fail(ErrorCode::kInvalidArgument, "未知的设备状态", at + ".state");
      clean.push_back({{"device", device},
                       {"state", state},
                       {"detail", YC_TRY(o.opt_text("detail", 200)).value_or("")},
                       {"model", YC_TRY(o.opt_text("model", 200)).value_or("")}});
    }
    struct Answer {
      Device device;
      std::string site_name;
    };
    const auto now = time::now_ms();
    auto a = YC_TRY(db.transact<Answer>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Answer> {
      auto d = YC_TRY(device_by_token(tx, token, "agent", now));
      YC_TRY_VOID(record_agent_status(tx, d.id, json::serialize(clean), now));
      auto site = YC_TRY(tx.one("SELECT name FROM org_site WHERE id = $1", {d.site_id}));
      return Answer{d, site.text(0)};
    }));
    json::value window = nullptr;
    if (a.device.window_id) {
      window = json::object{{"id", *a.device.window_id}, {"no", std::to_string(a.device.window_no.value_or(0))}};
    }
    return http::json_response(200, json::object{{"device", json::object{{"id", a.device.id}, {"name", a.device.name}}},
                                                  {"site", json::object{{"id", a.device.site_id}, {"name", a.site_name}}},
                                                  {"window", window}});
  });

  const auto public_url = settings.public_url;
  // The printed ticket's QR opens the hall's queue screen on a phone.
  const auto qr_of = [public_url](const http::Request& r, std::int64_t site) {
    return http::public_base(public_url, r) + fmt::format("/screen/hall?site={}", site);
  };

  api.add_public(Method::kPost, "/api/kiosk/tickets", [&db, &events, &keys, qr_of](const http::Request& r) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto group = YC_TRY(b.text("group", 32));
    const bool green = YC_TRY(b.opt_bool("green")).value_or(false);
    const auto id_number = YC_TRY(b.opt_text("id_number", 18)).value_or("");
    struct Answer {
      Device device;
      Ticket ticket;
      int ahead = 0;
      std::string site_name;
    };
    auto a = YC_TRY(db.transact<Answer>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Answer> {
      auto d = YC_TRY(kiosk_of(tx, r));
      TicketRequest req{d.site_id, group, "kiosk", green, std::nullopt, ""};
      if (!id_number.empty()) {
        // Read from the ID card: one waiting ticket per person (item 1).
        const auto id = privacy::normal_resident_id(id_number);
        YC_TRY_VOID(privacy::validate_resident_id(id, time::shanghai_date(time::now_ms()), "id_number"));
        req.holder_hash = keys.lookup_hash(id);
      }
      auto t = YC_TRY(issue_ticket(tx, req, time::now_ms()));
      const int ahead = YC_TRY(ahead_of(tx, t));
      auto site = YC_TRY(tx.one("SELECT name FROM org_site WHERE id = $1", {d.site_id}));
      return Answer{d, t, ahead, site.text(0)};
    }));
    changed(events, a.ticket.site_id, "ticket");
    const bool printed = print_ticket(a.device, a.ticket, a.ahead, a.site_name, qr_of(r, a.ticket.site_id));
    return http::json_response(201, json::object{{"ticket", ticket_json(a.ticket)}, {"ahead", a.ahead}, {"printed", printed}});
  });

  api.add_public(Method::kPost, "/api/kiosk/check-in", [&db, &events, &keys, qr_of](const http::Request& r) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto code = YC_TRY(b.opt_text("code", 8)).value_or("");
    const auto id_number = YC_TRY(b.opt_text("id_number", 18)).value_or("");
    struct Answer {
      Device device;
      CheckedIn done;
      int ahead = 0;
    };
    auto a = YC_TRY(db.transact<Answer>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Answer> {
      auto d = YC_TRY(kiosk_of(tx, r));
      auto done = YC_TRY(check_in(tx, keys, d.site_id, code, id_number, time::now_ms()));
      const int ahead = YC_TRY(ahead_of(tx, done.ticket));
      return Answer{d, done, ahead};
    }));
    changed(events, a.done.ticket.site_id, "ticket");
    const bool printed = print_ticket(a.device, a.done.ticket, a.ahead, a.done.appointment.site_name,
                                      qr_of(r, a.done.ticket.site_id));
    return http::json_response(201, json::object{{"ticket", ticket_json(a.done.ticket)},
                                                  {"appointment", appointment_json(a.done.appointment)},
                                                  {"ahead", a.ahead},
                                                  {"printed", printed}});
  });

  // --- Public: screens, voice, remote tickets, appointments --------------------------------------
  api.add_public(Method::kPost, "/api/hall/sites/:site/remote-tickets", [&db, &events, &keys](const http::Request& r) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto group = YC_TRY(b.text("group", 32));
    const auto phone = YC_TRY(b.text("phone", 11));
    using Answer = std::pair<Ticket, int>;
    auto a = YC_TRY(db.transact<Answer>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Answer> {
      auto t = YC_TRY(remote_ticket(tx, keys, site, group, phone, time::now_ms()));
      auto ahead = YC_TRY(ahead_of(tx, t));
      return Answer{t, ahead};
    }));
    changed(events, site, "ticket");
    return http::json_response(201, json::object{{"ticket", ticket_json(a.first)}, {"ahead", a.second}});
  });


  // The public portal's list of halls and points with today's queue (issue 11, item 1).
  api.add_public(Method::kGet, "/api/public/sites", [&db](const http::Request& r) -> Result<http::Response> {
    const auto district = r.query("district").value_or("");
    auto list = YC_TRY(db.transact<std::vector<PublicSite>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return public_sites(tx, district, time::now_ms());
    }));
    json::array items;
    const auto num = [](const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); };
    for (const auto& p : list)
      items.push_back(json::object{{"id", p.id},
                                   {"name", p.name},
                                   {"kind", p.kind},
                                   {"address", p.address},
                                   {"hours", p.hours},
                                   {"phone", p.phone},
                                   {"unit_code", p.unit_code},
                                   {"unit_name", p.unit_name},
                                   {"district_code", p.district_code},
                                   {"district_name", p.district_name},
                                   {"longitude", num(p.longitude)},
                                   {"latitude", num(p.latitude)},
                                   {"takes_tickets", p.takes_tickets},
                                   {"remote_tickets", p.remote_tickets},
                                   {"appointments", p.appointments},
                                   {"open_now", p.open_now},
                                   {"waiting", p.waiting},
                                   {"open_windows", p.open_windows},
                                   {"avg_service_minutes", num(p.avg_service_minutes)}});
    auto resp = http::json_response(200, json::object{{"items", std::move(items)}});
    resp.header("Cache-Control", "public, max-age=15");
    return resp;
  });

  api.add_public(Method::kGet, "/api/hall/sites/:site/board", [&db](const http::Request& r) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto b = YC_TRY(db.transact<Board>(store::TxMode::kRead, [&](store::Tx& tx) { return board(tx, site, time::now_ms()); }));
    json::array groups, calls, windows;
    for (const auto& g : b.groups) groups.push_back(board_group_json(g));
    for (const auto& c : b.calls)
      calls.push_back(json::object{{"label", c.label}, {"window_number", c.window_number}, {"window_name", c.window_name}, {"at", c.at}});
    for (const auto& w : b.windows)
      windows.push_back(json::object{{"number", w.number}, {"name", w.name}, {"state", w.state}, {"current", http::or_null(w.current)}});
    return http::json_response(200, json::object{{"site", json::object{{"id", b.site_id}, {"name", b.site_name}}},
                                                  {"notice", b.notice},
                                                  {"open_now", b.open_now},
                                                  {"hours", b.hours},
                                                  {"green_channel", b.green_channel},
                                                  {"remote_tickets", b.remote_tickets},
                                                  {"groups", std::move(groups)},
                                                  {"calls", std::move(calls)},
                                                  {"windows", std::move(windows)}});
  });

  api.add_public(Method::kGet, "/api/hall/windows/:window/board", [&db, &keys](const http::Request& r) -> Result<http::Response> {
    const auto window = YC_TRY(http::id_param(r, "window"));
    auto b = YC_TRY(db.transact<WindowBoard>(store::TxMode::kRead, [&](store::Tx& tx) {
      return window_board(tx, keys, window, time::now_ms());
    }));
    json::array groups;
    for (const auto& g : b.groups) groups.emplace_back(g);
    json::value clerk = nullptr;
    if (b.clerk) clerk = json::object{{"name", b.clerk->name}, {"badge", b.clerk->badge}, {"has_photo", b.clerk->has_photo}};
    auto resp = http::json_response(200, json::object{{"window", json::object{{"id", b.window_id}, {"number", b.number}, {"name", b.name}}},
                                                      {"site", json::object{{"id", b.site_id}, {"name", b.site_name}}},
                                                      {"state", b.state},
                                                      {"clerk", clerk},
                                                      {"current", http::or_null(b.current)},
                                                      {"groups", std::move(groups)}});
    resp.header("Cache-Control", "no-store");
    return resp;
  });

  api.add_public(Method::kGet, "/api/hall/windows/:window/photo", [&db, &keys](const http::Request& r) -> Result<http::Response> {
    const auto window = YC_TRY(http::id_param(r, "window"));
    auto photo = YC_TRY(db.transact<Photo>(store::TxMode::kRead, [&](store::Tx& tx) { return window_photo(tx, keys, window); }));
    http::Response resp;
    resp.content_type = photo.content_type;
    resp.body = std::move(photo.bytes);
    resp.header("Cache-Control", "no-store");
    return resp;
  });

  auto voices = std::make_shared<VoiceCache>(settings.voice_dir);
  api.add_public(Method::kGet, "/api/hall/voice", [voices](const http::Request& r) -> Result<http::Response> {
    const auto label = std::string(r.query("label").value_or(""));
    const auto window = std::string(r.query("window").value_or(""));
    // Only what a call can say: the text is made from these two, nothing else.
    if (!ticket_label_ok(label)) return fail(ErrorCode::kInvalidArgument, "号码应形如 A015", "label");
    if (window.empty() || window.size() > 3 || window.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(window) < 1)
      return fail(ErrorCode::kInvalidArgument, "窗口号应为 1 到 999 的数字", "window");
    auto wav = YC_TRY(voices->get(call_text(label, std::stoi(window))));
    http::Response resp;
    resp.content_type = "audio/wav";
    resp.body = std::move(wav);
    resp.header("Cache-Control", "public, max-age=86400");
    return resp;
  });

  api.add_public(Method::kGet, "/api/hall/sites/:site/slots", [&db](const http::Request& r) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    const auto group = std::string(r.query("group").value_or(""));
    if (group.empty()) return fail(ErrorCode::kInvalidArgument, "请选择业务分组", "group");
    const auto now = time::now_ms();
    const auto from = r.query("from") ? YC_TRY(time::parse_date(*r.query("from"), "from")) : time::shanghai_date(now);
    int days = 7;
    if (auto d = r.query("days")) {
      if (d->empty() || d->size() > 2 || d->find_first_not_of("0123456789") != std::string::npos || std::stoi(std::string(*d)) < 1)
        return fail(ErrorCode::kInvalidArgument, "days 应为 1 到 30", "days");
      days = std::min(30, std::stoi(std::string(*d)));
    }
    auto list = YC_TRY(db.transact<std::vector<DaySlots>>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::vector<DaySlots>> {
      YC_TRY(org::site_place(tx, org::Scope::all(), site, "site"));
      return list_slots(tx, site, group, from, days, now);
    }));
    json::array out;
    for (const auto& d : list) {
      json::array slots;
      for (const auto& s : d.slots)
        slots.push_back(json::object{{"start", s.start}, {"end", s.end}, {"capacity", s.capacity}, {"booked", s.booked},
                                     {"left", std::max(0, s.capacity - s.booked)}});
      out.push_back(json::object{{"day", d.day}, {"slots", std::move(slots)}});
    }
    return http::json_response(200, json::object{{"days", std::move(out)}});
  });

  api.add_public(Method::kPost, "/api/appointments", [&db, &keys](const http::Request& r) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    BookInput in;
    in.site_id = YC_TRY(b.integer("site_id"));
    in.group = YC_TRY(b.text("group", 32));
    in.slot_start = YC_TRY(b.integer("slot_start"));
    in.name = YC_TRY(b.text("name", 50));
    in.id_number = YC_TRY(b.text("id_number", 18));
    in.phone = YC_TRY(b.text("phone", 20));
    in.green = YC_TRY(b.opt_bool("green")).value_or(false);
    auto a = YC_TRY(db.transact<Appointment>(store::TxMode::kWrite, [&](store::Tx& tx) { return book(tx, keys, in, time::now_ms()); }));
    return http::json_response(201, appointment_json(a));
  });

  // lookup, change and cancel: the booking code and the holder's ID number.
  const auto booking_action = [&api, &db, &keys](std::string path, auto action) {
    api.add_public(Method::kPost, std::move(path), [&db, &keys, action](const http::Request& r) -> Result<http::Response> {
      auto b = YC_TRY(http::JsonObject::parse(r));
      const auto id_number = YC_TRY(b.text("id_number", 18));
      const auto code = std::string(r.param("code"));
      auto a = YC_TRY(db.transact<Appointment>(store::TxMode::kWrite, [&](store::Tx& tx) {
        return action(tx, keys, b, code, id_number);
      }));
      return http::json_response(200, appointment_json(a));
    });
  };
  booking_action("/api/appointments/:code/lookup", [](store::Tx& tx, const privacy::KeyRing& k, const http::JsonObject&, const std::string& code, const std::string& id) {
    return lookup(tx, k, code, id);
  });
  booking_action("/api/appointments/:code/change", [](store::Tx& tx, const privacy::KeyRing& k, const http::JsonObject& b, const std::string& code, const std::string& id) -> Result<Appointment> {
    const auto slot = YC_TRY(b.integer("slot_start"));
    return change(tx, k, code, id, slot, time::now_ms());
  });
  booking_action("/api/appointments/:code/cancel", [](store::Tx& tx, const privacy::KeyRing& k, const http::JsonObject&, const std::string& code, const std::string& id) {
    return cancel(tx, k, code, id, time::now_ms());
  });

  // --- The signed-in citizen's bookings (issue 11, item 4: 我的预约) ------------------------------
  // The same rules as the public booking; name, ID number and phone come from
  // the citizen's account (the phone from the body when the account has none).
  const auto person = [&keys](store::Tx& tx, const identity::CitizenPrincipal& p) -> Result<identity::CitizenData> {
    if (p.kind != "person")
      return fail(ErrorCode::kUnprocessable, "单位账号不能预约,请经办人以个人身份登录后预约", "citizen");
    return identity::open_citizen(tx, keys, p.citizen_id);
  };
  api.add_citizen(Method::kGet, "/api/citizen/appointments", [&db](const http::Request&, const identity::CitizenPrincipal& p) -> Result<http::Response> {
    auto list = YC_TRY(db.transact<std::vector<Appointment>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return of_person(tx, p.id_hash, time::now_ms());
    }));
    json::array items;
    for (const auto& a : list) items.push_back(appointment_json(a));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });
  api.add_citizen(Method::kPost, "/api/citizen/appointments", [&db, &keys, person](const http::Request& r, const identity::CitizenPrincipal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    BookInput in;
    in.site_id = YC_TRY(b.integer("site_id"));
    in.group = YC_TRY(b.text("group", 32));
    in.slot_start = YC_TRY(b.integer("slot_start"));
    const auto phone = YC_TRY(b.opt_text("phone", 20)).value_or("");
    in.green = YC_TRY(b.opt_bool("green")).value_or(false);
    auto a = YC_TRY(db.transact<Appointment>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Appointment> {
      auto me = YC_TRY(person(tx, p));
      in.name = me.name;
      in.id_number = me.id_number;
      in.phone = phone.empty() ? me.phone : phone;
      if (in.phone.empty()) return fail(ErrorCode::kInvalidArgument, "请填写手机号码,用于接收预约提醒", "phone");
      return book(tx, keys, in, time::now_ms());
    }));
    return http::json_response(201, appointment_json(a));
  });
  api.add_citizen(Method::kPost, "/api/citizen/appointments/:code/change", [&db, &keys, person](const http::Request& r, const identity::CitizenPrincipal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto slot = YC_TRY(b.integer("slot_start"));
    const auto code = std::string(r.param("code"));
    auto a = YC_TRY(db.transact<Appointment>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Appointment> {
      return change(tx, keys, code, YC_TRY(person(tx, p)).id_number, slot, time::now_ms());
    }));
    return http::json_response(200, appointment_json(a));
  });
  api.add_citizen(Method::kPost, "/api/citizen/appointments/:code/cancel", [&db, &keys, person](const http::Request& r, const identity::CitizenPrincipal& p) -> Result<http::Response> {
    const auto code = std::string(r.param("code"));
    auto a = YC_TRY(db.transact<Appointment>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Appointment> {
      return cancel(tx, keys, code, YC_TRY(person(tx, p)).id_number, time::now_ms());
    }));
    return http::json_response(200, appointment_json(a));
  });
}

Result<void> run_sweep(store::Database& db, events::Service& events) {
  auto r = YC_TRY(db.transact<HallSweep>(store::TxMode::kWrite, [](store::Tx& tx) { return sweep(tx, time::now_ms()); }));
  for (const auto& a : r.alerts)
    tell(events, a.site_id,
         json::object{{"kind", "crowding"}, {"waiting", a.waiting}, {"longest_wait_ms", a.longest_wait_ms},
                      {"incident_id", a.incident_id}});
  if (r.no_shows + r.reminders + r.signed_out + r.voided > 0 || !r.alerts.empty())
    log::info(fmt::format("event=hall_sweep no_shows={} reminders={} signed_out={} voided={} crowding={}", r.no_shows,
                          r.reminders, r.signed_out, r.voided, r.alerts.size()));
  return {};
}

}  // namespace yc::hall
