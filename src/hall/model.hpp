#pragma once
// The hall's queue rules (issue 7; policy 三(五)(六): 取号 in the consultation
// and self-service areas, citizens wait little and know where to go). Pure
// code without I/O: ticket numbers per group and Beijing day, the order in
// which a window calls (green channel, due appointments, waiting time,
// across the groups it serves), and what a skipped ticket (过号) becomes.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"
#include "platform/time.hpp"

namespace yc::hall {

// A service group's prefix: one capital letter A-Z (A001, B001 ...).
Result<void> check_prefix(std::string_view prefix);
// "A001" ... "A999", then "A1000": at least three digits.
std::string ticket_label(std::string_view prefix, int number);
// Numbers restart at 00:00 Asia/Shanghai: the counter's key is the Beijing day.
std::string counter_day(std::int64_t now_ms);  // "20250124"

struct Waiting {
  std::int64_t id = 0;
  std::string group;
  bool green = false;                         // 绿色通道 (老弱病残孕, veterans)
  std::optional<std::int64_t> slot_start;     // a checked-in appointment's slot
  std::int64_t since = 0;                     // taken, checked in or re-queued (ms)
};

struct CallPolicy {
  // An appointment is due from this long before its slot starts.
  std::int64_t appointment_early_ms = 10 * 60 * 1000;
};

// The ticket a window calls next among `waiting`, or nothing: only groups
// the window serves; the green channel first; then appointments that are
// due; then whoever has waited longest, whatever group (fair across the
// groups, as waiting time is one clock for all). Ties: the smaller id.
std::optional<std::int64_t> pick_next(const std::vector<Waiting>& waiting, const std::vector<std::string>& serves,
                                      std::int64_t now, const CallPolicy& policy = {});

// 过号: a called ticket whose holder did not come. Up to `max_skips` times it
// goes back to the queue (its `since` becomes the time of the skip, so it
// waits behind those already waiting); after that it is void and the holder
// takes a new ticket.
struct SkipPolicy {
  int max_skips = 1;
};
enum class AfterSkip { kRequeue, kVoid };
AfterSkip after_skip(int skips_so_far, const SkipPolicy& policy);

// --- Ticketing hours (issue 7, item 7: no tickets outside opening hours) ----------
// "09:00-12:00,13:30-17:00": periods of a working day, Beijing time.
struct Period {
  int from_minute = 0, to_minute = 0;  // minutes after 00:00, from < to
};
// Strict: HH:MM-HH:MM, comma-separated, ascending and not overlapping;
// the error names the field.
Result<std::vector<Period>> parse_hours(std::string_view text, std::string_view field = "ticket_hours");
// Whether `now` falls in one of the periods of a working day (the calendar
// table says whether the Beijing day of `now` is one).
bool within_hours(const std::vector<Period>& periods, std::int64_t now_ms, bool working_day);


// --- A site's hall settings (issue 7) -------------------------------------------------
struct Settings {
  std::int64_t site_id = 0, version = 0;   // version 0: never saved, the defaults
  std::string ticket_hours = "08:30-12:00,13:00-17:00";  // working days
  std::string rest_day_hours;     // weekends and holidays (周末延时服务); "" = closed
  bool green_channel = true;      // 绿色通道 for 老弱病残孕 and veterans (三(六))
  bool remote_tickets = false;    // 网上取号 on the web or phone, within the hours
  int max_skips = 1;              // 过号: back in the queue this many times, then void
  int crowd_wait_minutes = 30;    // a longer wait raises the crowding alert
  int slot_minutes = 30;          // appointment slot length
  int per_window_slot = 2;        // bookings per open window and slot
  int booking_days = 7;           // how many days ahead one may book
  int no_show_limit = 3;          // no-shows within 90 days ...
  int no_show_block_days = 30;    // ... refuse bookings for this long
  std::string notice;             // the hall screen's notice (公告)
};
// Each field in its range; the error names the field.
Result<void> check_settings(const Settings& s);
// The periods of a day: ticket_hours on a working day, rest_day_hours
// (none when empty) on a weekend day or holiday.
Result<std::vector<Period>> periods_on(const Settings& s, bool working_day);
// "工作日 08:30-12:00,13:00-17:00,周末及节假日休息" for people.
std::string hours_text(const Settings& s);

// --- Appointments (预约, issue 7, item 2) -------------------------------------------
struct Slot {
  std::int64_t start = 0, end = 0;  // UTC ms
};
// The slots of a Beijing day: each period of the ticket hours cut into
// slot_minutes pieces (a last piece shorter than a slot is dropped).
std::vector<Slot> day_slots(const std::vector<Period>& periods, const time::Date& day, int slot_minutes);
// Whether `start` is one of the day's slots (a booking names a slot exactly).
std::optional<Slot> find_slot(const std::vector<Slot>& slots, std::int64_t start);

// Check-in at the kiosk: from an hour before the slot until it ends.
inline constexpr std::int64_t kCheckInEarlyMs = 60LL * 60 * 1000;
enum class CheckIn { kOk, kTooEarly, kTooLate };
CheckIn check_in_time(const Slot& slot, std::int64_t now);
// A booking not checked in this long after its slot ended is a no-show.
inline constexpr std::int64_t kNoShowGraceMs = 30LL * 60 * 1000;
// The 90 days over which no-shows count.
inline constexpr std::int64_t kNoShowWindowMs = 90LL * 86'400'000;

}  // namespace yc::hall
