#pragma once
// The hall's queue (issue 7; policy 三(五)(六)): service groups of a site,
// tickets (取号), calling, the windows' state and clerk (三亮明), the site's
// settings and its kiosks. Numbers come from a per-group, per-Beijing-day
// counter row updated in the ticket's own transaction, so concurrent kiosks
// never share or skip a number. Appointments: appointments.hpp; screens and
// figures: board.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "org/scope.hpp"
#include "hall/model.hpp"
#include "platform/result.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::hall {

struct Group {
  std::int64_t id = 0, site_id = 0, version = 1;
  std::string code, name, prefix;
  std::vector<std::string> categories;
  bool active = true;
};

struct Ticket {
  std::int64_t id = 0, site_id = 0, group_id = 0;
  std::string day, label, channel, state, group_name;
  int number = 0;
  bool green = false;
  std::int64_t taken_at = 0;
  std::optional<std::int64_t> slot_start;  // a checked-in appointment's slot
};

// hall.manage over the site. The prefix is one capital letter, unique in the site.
Result<Group> add_group(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t site_id,
                        const std::string& code, const std::string& name, const std::string& prefix,
                        const std::vector<std::string>& categories, std::int64_t now);
Result<std::vector<Group>> list_groups(store::Tx& tx, std::int64_t site_id);

// A ticket of the group, numbered in the Beijing day of `now`, without the
// citizen-facing checks (a window may always issue one).
// channel: kiosk | web | appointment | window.
Result<Ticket> take_ticket(store::Tx& tx, std::int64_t site_id, const std::string& group_code,
                           const std::string& channel, bool green, std::int64_t now,
                           std::optional<std::int64_t> slot_start = std::nullopt,
                           const std::string& holder_hash = "");

// A ticket a citizen takes (kiosk, web, check-in), item 7: only within the
// site's ticket hours on a working day, only for a group that some open
// window with a clerk serves, green only where the site has the channel.
struct TicketRequest {
  std::int64_t site_id = 0;
  std::string group, channel;
  bool green = false;
  std::optional<std::int64_t> slot_start;
  std::string holder_hash;  // keyed hash of the ID number, or ""
};
Result<Ticket> issue_ticket(store::Tx& tx, const TicketRequest& in, std::int64_t now);
// 网上取号: a ticket taken on the web or phone, where the site allows it;
// one waiting ticket per mobile number and day.
Result<Ticket> remote_ticket(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t site_id,
                             const std::string& group, const std::string& phone, std::int64_t now);
// How many wait in the ticket's group ahead of it ("前面还有 N 人").
Result<int> ahead_of(store::Tx& tx, const Ticket& t);

// --- Settings (issue 7) ------------------------------------------------------------------
// The site's settings, or the defaults (version 0) when never saved.
Result<Settings> get_settings(store::Tx& tx, std::int64_t site_id);
// hall.manage over the site; `s.version` must be the stored one (0 the first time).
Result<Settings> put_settings(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, Settings s,
                              std::int64_t now);

struct GroupPatch {
  std::int64_t version = 0;
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> categories;
  std::optional<bool> active;  // false: 暂停取号
};
Result<Group> update_group(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t site_id,
                           const std::string& code, const GroupPatch& patch, std::int64_t now);

// --- Windows (issue 7, items 3, 4) -------------------------------------------------------
struct Clerk {
  std::int64_t id = 0;
  std::string name_masked, badge;
};
struct WindowState {
  std::int64_t id = 0, site_id = 0;
  int number = 0;
  std::string name;
  bool open = true;                 // false: 暂停服务
  std::vector<std::string> groups;  // codes
  std::optional<Clerk> clerk;       // signed in at the window
  std::optional<Ticket> current;    // called, not finished
  int waiting = 0;                  // in the window's groups
};
// The site's windows; the caller has checked the site is in scope.
Result<std::vector<WindowState>> window_states(store::Tx& tx, std::int64_t site_id, std::int64_t now);
Result<WindowState> window_state(store::Tx& tx, const org::Scope& scope, std::int64_t window_id, std::int64_t now);

// --- Calling (issue 7, item 3) ---------------------------------------------------------
// Who calls: the account at a window of a site in its case.intake scope.
struct Caller {
  std::int64_t account = 0;
  audit::Actor actor;
};

struct Call {
  Ticket ticket;
  int window_number = 0;
  std::string window_name;
  int recalls = 0;
};

// Finishes the window's current ticket, if any, and calls the next one by
// pick_next (green channel, due appointments, waiting time across the
// groups the window serves). kNotFound when nobody waits; kUnprocessable
// when the window is closed or serves no group. Concurrent windows never
// call the same ticket.
Result<Call> call_next(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                       std::int64_t now, const CallPolicy& policy = {});
// The window is done with its current ticket (办结/离开) without calling the next.
Result<Ticket> finish(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                      std::int64_t now);
// 重呼: the current ticket again (the screens announce it once more).
Result<Call> recall(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id);
// 过号: the holder did not come; back in the queue behind those waiting, or
// void after the site's limit. Returns the ticket as it is now.
// The limit is the site's max_skips.
Result<Ticket> skip(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                    std::int64_t now);
// The current ticket moves to another group of the site, keeping its place.
Result<Ticket> transfer(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                        const std::string& to_group);
// The caller sits at the window (三亮明: its screen shows them) and leaves
// any other; calling also signs in.
Result<WindowState> sign_in(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                            std::int64_t now);
Result<WindowState> sign_out(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                             std::int64_t now);
// 暂停服务 / 恢复服务. Pausing keeps the current ticket.
Result<WindowState> set_open(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                             bool open, std::int64_t now);
// The window's service groups (replaces them).
Result<void> set_window_groups(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                               std::int64_t window_id, const std::vector<std::string>& group_codes);

// --- Devices: kiosks (自助终端) and window device agents (窗口设备助手, issue 8) ----------
struct Device {
  std::int64_t id = 0, site_id = 0;
  std::string kind, name, printer;  // kind: kiosk | agent | pad (evaluation pad)
  bool active = true;
  std::optional<std::int64_t> last_seen_at;
  std::optional<std::int64_t> window_id;  // agents only
  std::optional<std::int64_t> window_no;
  std::string status;                     // agents: the last heartbeat's device list (JSON), or ""
  std::optional<std::int64_t> status_at;
};
struct NewDevice {
  Device device;
  std::string token;  // shown once; only its SM3 is kept
};
struct DeviceSpec {
  std::string kind = "kiosk";  // kiosk | agent | pad
  std::string name;
  std::string printer;                    // kiosks: "" or "host:port"
  std::optional<std::int64_t> window_id;  // agents and pads: a window of the site (required)
};
Result<NewDevice> register_device(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                  std::int64_t site_id, const DeviceSpec& spec, std::int64_t now);
Result<std::vector<Device>> list_devices(store::Tx& tx, std::int64_t site_id);
Result<void> revoke_device(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id);
// The active device of a token and kind (kUnauthenticated otherwise: a kiosk's
// token opens no agent route and the reverse); notes when it was seen.
Result<Device> device_by_token(store::Tx& tx, std::string_view token, std::string_view kind, std::int64_t now);
// An agent's heartbeat: keeps the devices' status (JSON text, already checked).
Result<void> record_agent_status(store::Tx& tx, std::int64_t device_id, const std::string& status_json,
                                 std::int64_t now);

}  // namespace yc::hall
