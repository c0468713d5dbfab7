#pragma once
// Appointments (预约, issue 7, item 2; policy 三(六) citizens wait little):
// slots per site and group with capacity from the open windows serving the
// group, booking / change / cancel by the citizen (booking code + ID number),
// no-show rules, and check-in at the kiosk that turns a booking into a
// ticket keeping its slot (due appointments are called before walk-ins).
// Names, ID numbers and phones are sealed; only masked values leave.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "hall/model.hpp"
#include "hall/service.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::hall {

struct SlotView {
  std::int64_t start = 0, end = 0;
  int capacity = 0, booked = 0;
};
struct DaySlots {
  std::string day;  // YYYY-MM-DD
  std::vector<SlotView> slots;
};
// Working days from `from` within the site's booking window (today included,
// slots already begun left out), at most `days` of them.
Result<std::vector<DaySlots>> list_slots(store::Tx& tx, std::int64_t site_id, const std::string& group,
                                         const time::Date& from, int days, std::int64_t now);

struct Appointment {
  std::int64_t id = 0, site_id = 0, group_id = 0;
  std::string code, site_name, group, group_name, day;
  std::int64_t slot_start = 0, slot_end = 0;
  std::string name_masked, id_masked, phone_masked, state;
  bool green = false;
  std::optional<std::string> ticket_label;
};

struct BookInput {
  std::int64_t site_id = 0;
  std::string group;
  std::int64_t slot_start = 0;
  std::string name, id_number, phone;
  bool green = false;
};
// 409 full slot or a booking the same day at the site; 422 a slot in the
// past or beyond booking_days, or the person is blocked after no-shows.
Result<Appointment> book(store::Tx& tx, const privacy::KeyRing& keys, const BookInput& in, std::int64_t now);
// The booking of a code and ID number; 404 when they do not match.
Result<Appointment> lookup(store::Tx& tx, const privacy::KeyRing& keys, const std::string& code,
                           const std::string& id_number);
Result<Appointment> change(store::Tx& tx, const privacy::KeyRing& keys, const std::string& code,
                           const std::string& id_number, std::int64_t slot_start, std::int64_t now);
Result<Appointment> cancel(store::Tx& tx, const privacy::KeyRing& keys, const std::string& code,
                           const std::string& id_number, std::int64_t now);

struct CheckedIn {
  Ticket ticket;
  Appointment appointment;
};
// At the site's kiosk, by booking code or by ID number (today's booking).
// 409 already checked in; 422 too early or after the slot.
Result<CheckedIn> check_in(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t site_id,
                           const std::string& code, const std::string& id_number, std::int64_t now);

// A person's bookings (the portal's 我的预约, issue 11 item 4): those still
// to come, and the last 30 days', newest slot first (≤ 50).
Result<std::vector<Appointment>> of_person(store::Tx& tx, const std::string& person_hash, std::int64_t now);

// The site's bookings of a day (staff; masked).
Result<std::vector<Appointment>> list_day(store::Tx& tx, std::int64_t site_id, const std::string& day);

}  // namespace yc::hall
