#include "hall/appointments.hpp"

#include <openssl/rand.h>

#include <map>

#include <fmt/format.h>

#include "calendar/service.hpp"
#include "hall/rows.hpp"
#include "org/service.hpp"
#include "privacy/model.hpp"
#include "platform/text.hpp"

namespace yc::hall {
namespace {

constexpr const char* kCols =
    "a.id, a.site_id, a.group_id, a.code, s.name, g.code, g.name, a.day, a.slot_start, a.slot_end, a.name_masked, "
    "a.id_masked, a.phone_masked, a.state, a.green, (SELECT label FROM ticket WHERE id = a.ticket_id), a.person_hash";
constexpr const char* kFrom =
    "FROM appointment a JOIN org_site s ON s.id = a.site_id JOIN service_group g ON g.id = a.group_id";

Appointment from(const store::Row& r) {
  Appointment a;
  a.id = r.int64(0);
  a.site_id = r.int64(1);
  a.group_id = r.int64(2);
  a.code = r.text(3);
  a.site_name = r.text(4);
  a.group = r.text(5);
  a.group_name = r.text(6);
  a.day = r.text(7);
  a.slot_start = r.int64(8);
  a.slot_end = r.int64(9);
  a.name_masked = r.text(10);
  a.id_masked = r.text(11);
  a.phone_masked = r.text(12);
  a.state = r.text(13);
  a.green = r.int64(14) != 0;
  a.ticket_label = r.opt_text(15);
  return a;
}

// "09:30": the Beijing time of day of an instant.
std::string clock_of(std::int64_t ms) {
  const auto minute = (ms - time::shanghai_day_start_ms(time::shanghai_date(ms))) / 60'000;
  return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

Unexpected not_found() { return fail(ErrorCode::kNotFound, "预约码或身份证号不正确", "code"); }

struct GroupRow {
  std::int64_t id = 0;
  bool active = true;
};

Result<GroupRow> group_of(store::Tx& tx, std::int64_t site_id, const std::string& code) {
  auto g = tx.one("SELECT id, active FROM service_group WHERE site_id = $1 AND code = $2", {site_id, code});
  if (!g) return fail(ErrorCode::kNotFound, "该场所没有这个业务分组", "group");
  return GroupRow{g->int64(0), g->int64(1) != 0};
}

// Bookings a slot can take: the open windows serving the group, each
// per_window_slot of them (capacity from the windows on duty).
Result<int> capacity_of(store::Tx& tx, std::int64_t group_id, const Settings& s) {
  auto n = YC_TRY(tx.one("SELECT COUNT(*) FROM window_group wg JOIN org_window w ON w.id = wg.window_id "
                         "WHERE wg.group_id = $1 AND w.is_open = 1",
                         {group_id}));
  return static_cast<int>(n.int64(0)) * s.per_window_slot;
}

// The slot a booking names, checked against the site's hours, the calendar
// and the booking window.
Result<Slot> bookable_slot(store::Tx& tx, const Settings& s, std::int64_t slot_start, std::int64_t now) {
  const auto day = time::shanghai_date(slot_start);
  const auto today = time::shanghai_date(now);
  const auto last = calendar::add_days(today, s.booking_days);
  if (slot_start <= now) return fail(ErrorCode::kUnprocessable, "该时段已过,请选择其他时段", "slot_start");
  if (time::days_from_civil(day) > time::days_from_civil(last))
    return fail(ErrorCode::kUnprocessable, fmt::format("只能预约 {} 天内的时段", s.booking_days), "slot_start");
  const auto periods = YC_TRY(detail::periods_of_day(tx, s, day));
  if (periods.empty()) return fail(ErrorCode::kUnprocessable, "该日休息,不能预约", "slot_start");
  auto slot = find_slot(day_slots(periods, day, s.slot_minutes), slot_start);
  if (!slot) return fail(ErrorCode::kInvalidArgument, "预约时段不存在,请重新选择", "slot_start");
  return *slot;
}

// Room in the slot. The group row is locked first, so two bookings for the
// last place cannot both see it free (PostgreSQL; SQLite writes one at a time).
Result<void> check_room(store::Tx& tx, std::int64_t group_id, const Settings& s, std::int64_t slot_start,
                        std::int64_t except_id) {
  YC_TRY_VOID(tx.exec("UPDATE service_group SET updated_at = updated_at WHERE id = $1", {group_id}));
  const int capacity = YC_TRY(capacity_of(tx, group_id, s));
  auto n = YC_TRY(tx.one("SELECT COUNT(*) FROM appointment WHERE group_id = $1 AND slot_start = $2 AND "
                         "state IN ('booked', 'checked_in') AND id <> $3",
                         {group_id, slot_start, except_id}));
  if (n.int64(0) >= capacity) return fail(ErrorCode::kConflict, "该时段已约满,请选择其他时段", "slot_start");
  return {};
}

// One booking a day per person and site.
Result<void> check_same_day(store::Tx& tx, std::int64_t site_id, const std::string& person, const std::string& day,
                            std::int64_t except_id) {
  auto held = tx.one("SELECT code FROM appointment WHERE site_id = $1 AND person_hash = $2 AND day = $3 AND "
                     "state IN ('booked', 'checked_in') AND id <> $4",
                     {site_id, person, day, except_id});
  if (held) return fail(ErrorCode::kConflict, "您当天在本场所已有预约,如需调整请修改原预约", "slot_start");
  return {};
}

Result<std::string> new_code(store::Tx& tx) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    unsigned char b[8];
    if (RAND_bytes(b, sizeof b) != 1) return fail(ErrorCode::kInternal, "无法生成预约码");
    std::string code;
    for (auto c : b) code += static_cast<char>('0' + c % 10);
    if (!tx.one("SELECT 1 FROM appointment WHERE code = $1", {code})) return code;
  }
  return fail(ErrorCode::kInternal, "无法生成预约码");
}

Result<Appointment> load(store::Tx& tx, std::int64_t id) {
  return from(YC_TRY(tx.one(fmt::format("SELECT {} {} WHERE a.id = $1", kCols, kFrom), {id})));
}

// The booking of a code, if the ID number is its holder's.
Result<store::Row> owned(store::Tx& tx, const privacy::KeyRing& keys, const std::string& code,
                         const std::string& id_number) {
  if (code.size() != 8 || code.find_first_not_of("0123456789") != std::string::npos) return not_found();
  auto row = tx.one(fmt::format("SELECT {} {} WHERE a.code = $1", kCols, kFrom), {code});
  if (!row || row->text(16) != keys.lookup_hash(privacy::normal_resident_id(id_number))) return not_found();
  return *row;
}

Unexpected not_booked(const Appointment& a) {
  if (a.state == "checked_in")
    return fail(ErrorCode::kConflict, fmt::format("该预约已签到,号码为 {}", a.ticket_label.value_or("")), "code");
  if (a.state == "cancelled") return fail(ErrorCode::kConflict, "该预约已取消", "code");
  return fail(ErrorCode::kConflict, "该预约已过期(未按时签到)", "code");
}

}  // namespace

Result<std::vector<DaySlots>> list_slots(store::Tx& tx, std::int64_t site_id, const std::string& group,
                                         const time::Date& from, int days, std::int64_t now) {
  const auto s = YC_TRY(get_settings(tx, site_id));
  const auto g = YC_TRY(group_of(tx, site_id, group));
  std::vector<DaySlots> out;
  if (!g.active) return out;
  const int capacity = YC_TRY(capacity_of(tx, g.id, s));
  const auto today = time::shanghai_date(now);
  const auto last = calendar::add_days(today, s.booking_days);
  auto day = time::days_from_civil(from) < time::days_from_civil(today) ? today : from;
  const auto days_off = YC_TRY(calendar::load(tx, day.iso(), last.iso()));
  auto booked = YC_TRY(tx.query("SELECT slot_start, COUNT(*) FROM appointment WHERE group_id = $1 AND slot_start >= $2 "
                                "AND state IN ('booked', 'checked_in') GROUP BY slot_start",
                                {g.id, time::shanghai_day_start_ms(day)}));
  std::map<std::int64_t, int> taken;
  for (const auto& r : booked.rows) taken[r.int64(0)] = static_cast<int>(r.int64(1));
  for (; time::days_from_civil(day) <= time::days_from_civil(last) && static_cast<int>(out.size()) < days;
       day = calendar::add_days(day, 1)) {
    const auto periods = YC_TRY(periods_on(s, calendar::is_working_day(day, days_off)));
    DaySlots d{day.iso(), {}};
    for (const auto& slot : day_slots(periods, day, s.slot_minutes)) {
      if (slot.start <= now) continue;
      d.slots.push_back(SlotView{slot.start, slot.end, capacity, taken.contains(slot.start) ? taken[slot.start] : 0});
    }
    if (!d.slots.empty()) out.push_back(std::move(d));
  }
  return out;
}

Result<Appointment> book(store::Tx& tx, const privacy::KeyRing& keys, const BookInput& in, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  const auto id = privacy::normal_resident_id(in.id_number);
  if (in.name.empty() || utf8_length(in.name) > 50)
    return fail(ErrorCode::kInvalidArgument, "请填写姓名(不超过 50 字)", "name");
  YC_TRY_VOID(privacy::validate_resident_id(id, today, "id_number"));
  YC_TRY_VOID(privacy::validate_mobile(in.phone, "phone"));
  YC_TRY(org::site_place(tx, org::Scope::all(), in.site_id, "site_id"));
  const auto s = YC_TRY(get_settings(tx, in.site_id));
  if (in.green && !s.green_channel) return fail(ErrorCode::kUnprocessable, "本场所未开设绿色通道", "green");
  const auto g = YC_TRY(group_of(tx, in.site_id, in.group));
  if (!g.active) return fail(ErrorCode::kUnprocessable, "该业务分组暂停预约", "group");
  const auto slot = YC_TRY(bookable_slot(tx, s, in.slot_start, now));
  const auto person = keys.lookup_hash(id);
  // 爽约: no_show_limit no-shows within 90 days block booking for
  // no_show_block_days after the latest.
  auto misses = YC_TRY(tx.one("SELECT COUNT(*), MAX(slot_end) FROM appointment WHERE person_hash = $1 AND "
                              "state = 'no_show' AND slot_end > $2",
                              {person, now - kNoShowWindowMs}));
  if (misses.int64(0) >= s.no_show_limit) {
    const auto until = *misses.opt_int64(1) + s.no_show_block_days * 86'400'000LL;
    if (until > now)
      return fail(ErrorCode::kUnprocessable,
                  fmt::format("您近期多次预约未到,{} 前暂不能在线预约,可到大厅现场取号",
                              time::shanghai_date(until).iso()),
                  "id_number");
  }
  const auto day = time::shanghai_date(slot.start).iso();
  YC_TRY_VOID(check_same_day(tx, in.site_id, person, day, 0));
  YC_TRY_VOID(check_room(tx, g.id, s, slot.start, 0));
  const auto code = YC_TRY(new_code(tx));
  auto row = YC_TRY(tx.one(
      "INSERT INTO appointment (code, site_id, group_id, day, slot_start, slot_end, person_hash, name_sealed, "
      "name_masked, id_sealed, id_masked, phone_sealed, phone_masked, green, state, booked_at) VALUES ($1, $2, $3, $4, "
      "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'booked', $15) RETURNING id",
      {code, in.site_id, g.id, day, slot.start, slot.end, person, YC_TRY(keys.encrypt(in.name, "appointment.name")),
       privacy::mask_name(in.name), YC_TRY(keys.encrypt(id, "appointment.id")), privacy::mask_id_number(id),
       YC_TRY(keys.encrypt(in.phone, "appointment.phone")), privacy::mask_phone(in.phone),
       std::int64_t{in.green ? 1 : 0}, now}));
  return load(tx, row.int64(0));
}

Result<Appointment> lookup(store::Tx& tx, const privacy::KeyRing& keys, const std::string& code,
                           const std::string& id_number) {
  return from(YC_TRY(owned(tx, keys, code, id_number)));
}

Result<Appointment> change(store::Tx& tx, const privacy::KeyRing& keys, const std::string& code,
                           const std::string& id_number, std::int64_t slot_start, std::int64_t now) {
  const auto row = YC_TRY(owned(tx, keys, code, id_number));
  const auto a = from(row);
  if (a.state != "booked") return not_booked(a);
  const auto s = YC_TRY(get_settings(tx, a.site_id));
  const auto slot = YC_TRY(bookable_slot(tx, s, slot_start, now));
  const auto day = time::shanghai_date(slot.start).iso();
  YC_TRY_VOID(check_same_day(tx, a.site_id, row.text(16), day, a.id));
  YC_TRY_VOID(check_room(tx, a.group_id, s, slot.start, a.id));
  YC_TRY_VOID(tx.exec("UPDATE appointment SET day = $1, slot_start = $2, slot_end = $3, changed_at = $4, "
                      "reminded_at = NULL, version = version + 1 WHERE id = $5",
                      {day, slot.start, slot.end, now, a.id}));
  return load(tx, a.id);
}

Result<Appointment> cancel(store::Tx& tx, const privacy::KeyRing& keys, const std::string& code,
                           const std::string& id_number, std::int64_t now) {
  const auto a = from(YC_TRY(owned(tx, keys, code, id_number)));
  if (a.state != "booked") return not_booked(a);
  YC_TRY_VOID(tx.exec("UPDATE appointment SET state = 'cancelled', changed_at = $1, version = version + 1 WHERE id = $2",
                      {now, a.id}));
  return load(tx, a.id);
}

Result<CheckedIn> check_in(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t site_id, const std::string& code,
                           const std::string& id_number, std::int64_t now) {
  if (code.empty() == id_number.empty())
    return fail(ErrorCode::kInvalidArgument, "请输入预约码或身份证号(二选一)", "code");
  std::optional<store::Row> row;
  if (!code.empty()) {
    if (code.size() != 8 || code.find_first_not_of("0123456789") != std::string::npos)
      return fail(ErrorCode::kInvalidArgument, "预约码为 8 位数字", "code");
    auto found = tx.one(fmt::format("SELECT {} {} WHERE a.code = $1 AND a.site_id = $2", kCols, kFrom), {code, site_id});
    if (!found) return fail(ErrorCode::kNotFound, "未找到该预约,请核对预约码和办理地点", "code");
    row = std::move(*found);
  } else {
    const auto id = privacy::normal_resident_id(id_number);
    YC_TRY_VOID(privacy::validate_resident_id(id, time::shanghai_date(now), "id_number"));
    // The booking at this site nearest to now, today or tomorrow (check-in
    // opens an hour before the slot, so at 23:30 a 00:00 slot is the one):
    // a booked one first, else the one already checked in.
    const auto today = time::shanghai_date(now);
    const auto tomorrow = time::civil_from_days(time::days_from_civil(today) + 1);
    auto rows = YC_TRY(tx.query(fmt::format("SELECT {} {} WHERE a.person_hash = $1 AND a.site_id = $2 AND a.day IN ($3, $4) "
                                            "AND a.state IN ('booked', 'checked_in') "
                                            "ORDER BY a.state, ABS(a.slot_start - $5), a.slot_start",
                                            kCols, kFrom),
                                {keys.lookup_hash(id), site_id, today.iso(), tomorrow.iso(), now}));
    if (rows.rows.empty()) return fail(ErrorCode::kNotFound, "未找到您今天在本场所的预约", "id_number");
    row = rows.rows.front();
  }
  auto a = from(*row);
  if (a.state != "booked") return not_booked(a);
  switch (check_in_time(Slot{a.slot_start, a.slot_end}, now)) {
    case CheckIn::kTooEarly:
      return fail(ErrorCode::kUnprocessable,
                  fmt::format("预约时段开始前 1 小时内方可签到(您的预约为 {} {})", a.day, clock_of(a.slot_start)),
                  "code");
    case CheckIn::kTooLate:
      return fail(ErrorCode::kUnprocessable, "预约时段已过,请现场取号", "code");
    case CheckIn::kOk:
      break;
  }
  TicketRequest req{site_id, a.group, "appointment", a.green, a.slot_start, row->text(16)};
  auto ticket = YC_TRY(issue_ticket(tx, req, now));
  // The state check makes a double check-in (two kiosks at once) fail.
  auto n = YC_TRY(tx.exec("UPDATE appointment SET state = 'checked_in', ticket_id = $1, version = version + 1 "
                          "WHERE id = $2 AND state = 'booked'",
                          {ticket.id, a.id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该预约已签到", "code");
  auto appointment = YC_TRY(load(tx, a.id));
  return CheckedIn{ticket, std::move(appointment)};
}

Result<std::vector<Appointment>> list_day(store::Tx& tx, std::int64_t site_id, const std::string& day) {
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} {} WHERE a.site_id = $1 AND a.day = $2 ORDER BY a.slot_start, a.id",
                                          kCols, kFrom),
                              {site_id, day}));
  std::vector<Appointment> out;
  for (const auto& r : rows.rows) out.push_back(from(r));
  return out;
}

Result<std::vector<Appointment>> of_person(store::Tx& tx, const std::string& person_hash, std::int64_t now) {
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} {} WHERE a.person_hash = $1 AND a.slot_end >= $2 "
                                          "ORDER BY a.slot_start DESC LIMIT 50",
                                          kCols, kFrom),
                              {person_hash, now - 30LL * 86'400'000}));
  std::vector<Appointment> out;
  for (const auto& r : rows.rows) out.push_back(from(r));
  return out;
}

}  // namespace yc::hall
