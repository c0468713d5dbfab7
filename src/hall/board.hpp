#pragma once
// What the hall shows and measures (issue 7, items 4 and 6): the hall
// screen's board, the window screen (三亮明: the clerk's name, badge number
// and photo), the live hall figures, and the minute sweep (no-shows,
// reminders, stale sign-ins, the crowding alert that opens an incident).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hall/service.hpp"
#include "platform/result.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::hall {

struct BoardGroup {
  std::string code, name, prefix;
  int waiting = 0, open_windows = 0;
  bool active = true;
};
struct BoardCall {
  std::string label, window_name;
  int window_number = 0;
  std::int64_t at = 0;
};
struct BoardWindow {
  int number = 0;
  std::string name, state;  // serving | idle | paused | closed
  std::optional<std::string> current;
};
struct Board {
  std::int64_t site_id = 0;
  std::string site_name, notice, hours;
  bool open_now = false, green_channel = false, remote_tickets = false;
  std::vector<BoardGroup> groups;
  std::vector<BoardCall> calls;  // today's latest 8, newest first
  std::vector<BoardWindow> windows;
};
// Public: no personal data. kNotFound for an unknown site.
Result<Board> board(store::Tx& tx, std::int64_t site_id, std::int64_t now);

// Every hall and community point for the public portal (issue 11, item 1):
// where, when, and today's queue; no personal data.
struct PublicSite {
  std::int64_t id = 0;
  std::string name, kind, address, hours, phone, unit_code, unit_name, district_code, district_name;
  std::optional<double> longitude, latitude;
  bool takes_tickets = false, open_now = false;
  bool remote_tickets = false, appointments = false;  // 网上取号 allowed; some group can be booked
  int waiting = 0, open_windows = 0;
  std::optional<double> avg_service_minutes;  // today's finished tickets, called to finished
};
// `district` ("" = all) narrows to the sites of one district.
Result<std::vector<PublicSite>> public_sites(store::Tx& tx, const std::string& district, std::int64_t now);

struct WindowBoard {
  std::int64_t window_id = 0, site_id = 0;
  int number = 0;
  std::string name, site_name, state;
  std::optional<std::string> current;
  std::vector<std::string> groups;  // names
  struct Clerk {
    std::string name, badge;
    bool has_photo = false;
  };
  std::optional<Clerk> clerk;  // 三亮明: shown in full on purpose
};
Result<WindowBoard> window_board(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t window_id,
                                 std::int64_t now);

struct Photo {
  std::string content_type, bytes;
};
// The caller's own photo (JPEG or PNG, sealed at rest).
Result<void> put_photo(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t account, const std::string& content_type,
                       const std::string& bytes, std::int64_t now);
// The account's own photo; kNotFound when none.
Result<Photo> own_photo(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t account);
Result<void> remove_photo(store::Tx& tx, std::int64_t account);
// The photo of the clerk signed in at the window.
Result<Photo> window_photo(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t window_id);

struct GroupFigures {
  std::string code, name, prefix;
  int waiting = 0, served = 0;
  std::int64_t longest_wait_ms = 0;
  std::optional<std::int64_t> avg_wait_ms, avg_service_ms;
};
struct Figures {
  std::int64_t site_id = 0;
  std::string day;
  std::vector<GroupFigures> groups;
  int waiting = 0, served = 0, windows_open = 0, windows_total = 0, staff_on_duty = 0, crowd_wait_minutes = 0;
  std::int64_t longest_wait_ms = 0;
  std::optional<std::int64_t> avg_wait_ms, avg_service_ms;
  bool crowding = false;
};
Result<Figures> figures(store::Tx& tx, std::int64_t site_id, std::int64_t now);

struct CrowdingAlert {
  std::int64_t site_id = 0, incident_id = 0, longest_wait_ms = 0;
  int waiting = 0;
};
struct HallSweep {
  int no_shows = 0, reminders = 0, signed_out = 0, voided = 0;
  std::vector<CrowdingAlert> alerts;
};
// Every minute: bookings not checked in kNoShowGraceMs after their slot are
// no-shows; bookings within a day are reminded once (the reminder is
// recorded; sending it by SMS comes with the citizen channels); sign-ins and
// tickets of earlier days end; a site whose longest wait passes its
// crowd_wait_minutes gets one crowding incident a day.
Result<HallSweep> sweep(store::Tx& tx, std::int64_t now);

}  // namespace yc::hall
