#include "hall/board.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "audit/service.hpp"
#include "calendar/service.hpp"
#include "hall/appointments.hpp"
#include "hall/rows.hpp"

namespace yc::hall {
namespace {

using namespace detail;

std::string window_state_of(bool open, bool clerk, bool serving) {
  if (!open) return "paused";
  if (!clerk) return "closed";
  return serving ? "serving" : "idle";
}

std::optional<std::int64_t> average(std::int64_t sum, int n) {
  if (n == 0) return std::nullopt;
  return sum / n;
}

}  // namespace

Result<Board> board(store::Tx& tx, std::int64_t site_id, std::int64_t now) {
  auto site = tx.one("SELECT name FROM org_site WHERE id = $1", {site_id});
  if (!site) return fail(ErrorCode::kNotFound, "场所不存在", "site");
  const auto s = YC_TRY(get_settings(tx, site_id));
  const auto day = counter_day(now);
  Board b;
  b.site_id = site_id;
  b.site_name = site->text(0);
  b.notice = s.notice;
  b.hours = hours_text(s);
  b.open_now = YC_TRY(open_at(tx, s, now));
  b.green_channel = s.green_channel;
  b.remote_tickets = s.remote_tickets;
  auto groups = YC_TRY(tx.query(
      "SELECT g.code, g.name, g.prefix, g.active, (SELECT COUNT(*) FROM ticket t WHERE t.group_id = g.id AND t.day = $2 "
      "AND t.state = 'waiting'), (SELECT COUNT(*) FROM window_group wg JOIN org_window w ON w.id = wg.window_id WHERE "
      "wg.group_id = g.id AND w.is_open = 1 AND w.clerk_id IS NOT NULL) FROM service_group g WHERE g.site_id = $1 "
      "ORDER BY g.prefix",
      {site_id, day}));
  for (const auto& r : groups.rows)
    b.groups.push_back(BoardGroup{r.text(0), r.text(1), r.text(2), static_cast<int>(r.int64(4)),
                                  static_cast<int>(r.int64(5)), r.int64(3) != 0});
  auto calls = YC_TRY(tx.query("SELECT t.label, w.number, w.name, t.called_at FROM ticket t JOIN org_window w ON "
                               "w.id = t.window_id WHERE t.site_id = $1 AND t.day = $2 AND t.called_at IS NOT NULL "
                               "ORDER BY t.called_at DESC, t.id DESC LIMIT 8",
                               {site_id, day}));
  for (const auto& r : calls.rows)
    b.calls.push_back(BoardCall{r.text(0), r.text(2), static_cast<int>(r.int64(1)), r.int64(3)});
  for (const auto& w : YC_TRY(window_states(tx, site_id, now))) {
    b.windows.push_back(BoardWindow{w.number, w.name, window_state_of(w.open, w.clerk.has_value(), w.current.has_value()),
                                    w.current ? std::optional<std::string>(w.current->label) : std::nullopt});
  }
  return b;
}

Result<std::vector<PublicSite>> public_sites(store::Tx& tx, const std::string& district, std::int64_t now) {
  if (!district.empty() && (district.size() != 6 || district.find_first_not_of("0123456789") != std::string::npos))
    return fail(ErrorCode::kInvalidArgument, "district 应为 6 位区县代码", "district");
  const auto day = counter_day(now);
  std::map<std::string, std::string> districts;
  for (const auto& r : YC_TRY(tx.query("SELECT code, name FROM org_unit WHERE level = 2")).rows) districts[r.text(0)] = r.text(1);
  auto rows = YC_TRY(tx.query(
      "SELECT s.id, s.name, s.kind, s.address, s.hours, s.phone, s.unit_code, u.name, u.path, s.longitude, s.latitude, "
      "(SELECT COUNT(*) FROM service_group g WHERE g.site_id = s.id AND g.active = 1), "
      "(SELECT COUNT(*) FROM ticket t WHERE t.site_id = s.id AND t.day = $1 AND t.state = 'waiting'), "
      "(SELECT COUNT(*) FROM org_window w WHERE w.site_id = s.id AND w.is_open = 1 AND w.clerk_id IS NOT NULL), "
      "(SELECT COUNT(*) FROM ticket t WHERE t.site_id = s.id AND t.day = $1 AND t.state = 'done' "
      "AND t.called_at IS NOT NULL AND t.finished_at IS NOT NULL), "
      "(SELECT COALESCE(SUM(t.finished_at - t.called_at), 0) FROM ticket t WHERE t.site_id = s.id AND t.day = $1 "
      "AND t.state = 'done' AND t.called_at IS NOT NULL AND t.finished_at IS NOT NULL) "
      "FROM org_site s JOIN org_unit u ON u.code = s.unit_code ORDER BY u.path, s.kind, s.id",
      {day}));
  std::vector<PublicSite> out;
  for (const auto& r : rows.rows) {
    PublicSite p;
    p.id = r.int64(0);
    p.name = r.text(1);
    p.kind = r.text(2);
    p.address = r.text(3);
    p.hours = r.text(4);
    p.phone = r.text(5);
    p.unit_code = r.text(6);
    p.unit_name = r.text(7);
    // "/110000/110101/..." : the district is the second level of the path.
    const auto path = r.text(8);
    if (auto a = path.find('/', 1); a != std::string::npos)
      if (auto b = path.find('/', a + 1); b != std::string::npos) p.district_code = path.substr(a + 1, b - a - 1);
    if (!district.empty() && p.district_code != district) continue;
    if (auto it = districts.find(p.district_code); it != districts.end()) p.district_name = it->second;
    if (!r.is_null(9)) p.longitude = r.real(9);
    if (!r.is_null(10)) p.latitude = r.real(10);
    p.takes_tickets = r.int64(11) > 0;
    p.waiting = static_cast<int>(r.int64(12));
    p.open_windows = static_cast<int>(r.int64(13));
    if (r.int64(14) > 0) p.avg_service_minutes = static_cast<double>(r.int64(15)) / static_cast<double>(r.int64(14)) / 60'000.0;
    if (p.takes_tickets) {
      const auto settings = YC_TRY(get_settings(tx, p.id));
      p.open_now = YC_TRY(open_at(tx, settings, now));
      p.remote_tickets = settings.remote_tickets;
      p.appointments = settings.booking_days > 0;
    }
    out.push_back(std::move(p));
  }
  return out;
}

Result<WindowBoard> window_board(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t window_id,
                                 std::int64_t now) {
  auto row = tx.one("SELECT w.id, w.site_id, w.number, w.name, s.name, w.is_open, w.clerk_id, a.name_sealed, a.badge, "
                    "(SELECT COUNT(*) FROM account_photo p WHERE p.account_id = w.clerk_id) FROM org_window w JOIN "
                    "org_site s ON s.id = w.site_id LEFT JOIN account a ON a.id = w.clerk_id WHERE w.id = $1",
                    {window_id});
  if (!row) return fail(ErrorCode::kNotFound, "窗口不存在", "window");
  WindowBoard b;
  b.window_id = row->int64(0);
  b.site_id = row->int64(1);
  b.number = static_cast<int>(row->int64(2));
  b.name = row->text(3);
  b.site_name = row->text(4);
  if (row->opt_int64(6)) {
    // 三亮明 (亮身份): the clerk's real name is shown above the window on purpose.
    b.clerk = WindowBoard::Clerk{YC_TRY(keys.decrypt(row->text(7), "account.name")), row->text(8),
                                 row->int64(9) > 0};
  }
  if (auto cur = YC_TRY(current(tx, window_id))) b.current = cur->text(4);
  b.state = window_state_of(row->int64(5) != 0, b.clerk.has_value(), b.current.has_value());
  auto groups = YC_TRY(tx.query("SELECT g.name FROM window_group wg JOIN service_group g ON g.id = wg.group_id "
                                "WHERE wg.window_id = $1 ORDER BY g.prefix",
                                {window_id}));
  for (const auto& r : groups.rows) b.groups.push_back(r.text(0));
  (void)now;
  return b;
}

Result<void> put_photo(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t account, const std::string& content_type,
                       const std::string& bytes, std::int64_t now) {
  const bool jpeg = content_type == "image/jpeg" && bytes.size() > 3 && bytes.compare(0, 3, "\xFF\xD8\xFF") == 0;
  const bool png = content_type == "image/png" && bytes.size() > 8 && bytes.compare(0, 8, "\x89PNG\r\n\x1A\n") == 0;
  if (!jpeg && !png) return fail(ErrorCode::kInvalidArgument, "照片应为 JPEG 或 PNG 图片", "photo");
  if (bytes.size() > 256 * 1024) return fail(ErrorCode::kInvalidArgument, "照片不超过 256 KB", "photo");
  const auto sealed = YC_TRY(keys.encrypt(bytes, "account.photo"));
  YC_TRY_VOID(tx.exec("INSERT INTO account_photo (account_id, content_type, data_sealed, updated_at) VALUES ($1, $2, $3, $4) "
                      "ON CONFLICT (account_id) DO UPDATE SET content_type = excluded.content_type, "
                      "data_sealed = excluded.data_sealed, updated_at = excluded.updated_at",
                      {account, content_type, sealed, now}));
  return {};
}

Result<Photo> own_photo(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t account) {
  auto row = tx.one("SELECT content_type, data_sealed FROM account_photo WHERE account_id = $1", {account});
  if (!row) return fail(ErrorCode::kNotFound, "尚未上传照片", "photo");
  auto bytes = YC_TRY(keys.decrypt(row->text(1), "account.photo"));
  return Photo{row->text(0), std::move(bytes)};
}

Result<void> remove_photo(store::Tx& tx, std::int64_t account) {
  YC_TRY_VOID(tx.exec("DELETE FROM account_photo WHERE account_id = $1", {account}));
  return {};
}

Result<Photo> window_photo(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t window_id) {
  auto row = tx.one("SELECT p.content_type, p.data_sealed FROM org_window w JOIN account_photo p ON "
                    "p.account_id = w.clerk_id WHERE w.id = $1",
                    {window_id});
  if (!row) return fail(ErrorCode::kNotFound, "该窗口暂无工作人员照片", "window");
  auto bytes = YC_TRY(keys.decrypt(row->text(1), "account.photo"));
  return Photo{row->text(0), std::move(bytes)};
}

Result<Figures> figures(store::Tx& tx, std::int64_t site_id, std::int64_t now) {
  const auto s = YC_TRY(get_settings(tx, site_id));
  Figures f;
  f.site_id = site_id;
  f.day = counter_day(now);
  f.crowd_wait_minutes = s.crowd_wait_minutes;
  auto groups = YC_TRY(tx.query("SELECT id, code, name, prefix FROM service_group WHERE site_id = $1 ORDER BY prefix",
                                {site_id}));
  std::map<std::int64_t, std::size_t> index;
  for (const auto& r : groups.rows) {
    index[r.int64(0)] = f.groups.size();
    GroupFigures g;
    g.code = r.text(1);
    g.name = r.text(2);
    g.prefix = r.text(3);
    f.groups.push_back(std::move(g));
  }
  struct Sums {
    std::int64_t wait = 0, service = 0;
    int waited = 0, serviced = 0;
  };
  std::vector<Sums> sums(f.groups.size());
  Sums all;
  auto tickets = YC_TRY(tx.query("SELECT group_id, state, taken_at, since, called_at, finished_at FROM ticket "
                                 "WHERE site_id = $1 AND day = $2",
                                 {site_id, f.day}));
  for (const auto& r : tickets.rows) {
    auto it = index.find(r.int64(0));
    if (it == index.end()) continue;
    auto& g = f.groups[it->second];
    auto& sum = sums[it->second];
    const auto state = r.text(1);
    if (state == "waiting") {
      ++g.waiting;
      g.longest_wait_ms = std::max(g.longest_wait_ms, now - r.int64(3));
    }
    if (auto called = r.opt_int64(4)) {
      sum.wait += *called - r.int64(2);
      ++sum.waited;
    }
    if (state == "done") {
      ++g.served;
      if (auto called = r.opt_int64(4); called && r.opt_int64(5)) {
        sum.service += *r.opt_int64(5) - *called;
        ++sum.serviced;
      }
    }
  }
  for (std::size_t i = 0; i < f.groups.size(); ++i) {
    auto& g = f.groups[i];
    g.avg_wait_ms = average(sums[i].wait, sums[i].waited);
    g.avg_service_ms = average(sums[i].service, sums[i].serviced);
    f.waiting += g.waiting;
    f.served += g.served;
    f.longest_wait_ms = std::max(f.longest_wait_ms, g.longest_wait_ms);
    all.wait += sums[i].wait;
    all.waited += sums[i].waited;
    all.service += sums[i].service;
    all.serviced += sums[i].serviced;
  }
  f.avg_wait_ms = average(all.wait, all.waited);
  f.avg_service_ms = average(all.service, all.serviced);
  auto windows = YC_TRY(tx.query("SELECT COUNT(*), SUM(CASE WHEN is_open = 1 AND clerk_id IS NOT NULL THEN 1 ELSE 0 END), "
                                 "COUNT(DISTINCT clerk_id) FROM org_window WHERE site_id = $1",
                                 {site_id}));
  f.windows_total = static_cast<int>(windows.rows.front().int64(0));
  f.windows_open = static_cast<int>(windows.rows.front().opt_int64(1).value_or(0));
  f.staff_on_duty = static_cast<int>(windows.rows.front().int64(2));
  f.crowding = f.longest_wait_ms > s.crowd_wait_minutes * 60'000LL;
  return f;
}

Result<HallSweep> sweep(store::Tx& tx, std::int64_t now) {
  HallSweep out;
  const auto today = time::shanghai_date(now);
  const auto day = counter_day(now);
  out.no_shows = static_cast<int>(YC_TRY(tx.exec("UPDATE appointment SET state = 'no_show', version = version + 1 "
                                                 "WHERE state = 'booked' AND slot_end < $1",
                                                 {now - kNoShowGraceMs})));
  out.reminders = static_cast<int>(YC_TRY(tx.exec("UPDATE appointment SET reminded_at = $1 WHERE state = 'booked' AND "
                                                  "reminded_at IS NULL AND slot_start > $1 AND slot_start <= $2",
                                                  {now, now + 86'400'000})));
  out.signed_out = static_cast<int>(YC_TRY(tx.exec("UPDATE org_window SET clerk_id = NULL, clerk_since = NULL WHERE "
                                                   "clerk_id IS NOT NULL AND clerk_since < $1",
                                                   {time::shanghai_day_start_ms(today)})));
  out.voided = static_cast<int>(YC_TRY(tx.exec("UPDATE ticket SET state = 'void', version = version + 1 WHERE "
                                               "state IN ('waiting', 'called') AND day < $1",
                                               {day})));
  auto waiting = YC_TRY(tx.query("SELECT t.site_id, COUNT(*), MIN(t.since) FROM ticket t WHERE t.day = $1 AND "
                                 "t.state = 'waiting' AND NOT EXISTS (SELECT 1 FROM hall_alert a WHERE "
                                 "a.site_id = t.site_id AND a.day = $1 AND a.kind = 'crowding') GROUP BY t.site_id",
                                 {day}));
  for (const auto& r : waiting.rows) {
    const auto site = r.int64(0);
    const auto longest = now - r.int64(2);
    const auto s = YC_TRY(get_settings(tx, site));
    if (longest <= s.crowd_wait_minutes * 60'000LL) continue;
    const int count = static_cast<int>(r.int64(1));
    auto place = YC_TRY(tx.one("SELECT u.path FROM org_site s JOIN org_unit u ON u.code = s.unit_code WHERE s.id = $1",
                               {site}));
    auto incident = YC_TRY(tx.one(
        "INSERT INTO incident (site_id, unit_path, kind, description, started_at, reported_by, created_at) VALUES "
        "($1, $2, 'crowding', $3, $4, NULL, $4) RETURNING id",
        {site, place.text(0),
         fmt::format("大厅拥挤预警(系统自动):当前等候 {} 人,最长已等候 {} 分钟,超过设定的 {} 分钟。请增开窗口或安排导办分流。",
                     count, longest / 60'000, s.crowd_wait_minutes),
         now}));
    YC_TRY_VOID(tx.exec("INSERT INTO hall_alert (site_id, day, kind, incident_id, at) VALUES ($1, $2, 'crowding', $3, $4)",
                        {site, day, incident.int64(0), now}));
    YC_TRY_VOID(audit::append(tx, audit::entry_for(audit::Actor::system(), "hall.crowding", "incident",
                                                   std::to_string(incident.int64(0)))));
    out.alerts.push_back(CrowdingAlert{site, incident.int64(0), longest, count});
  }
  return out;
}

}  // namespace yc::hall
