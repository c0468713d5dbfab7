#include "hall/service.hpp"

#include <fmt/format.h>

#include "audit/service.hpp"
#include "calendar/service.hpp"
#include "org/service.hpp"
#include "hall/model.hpp"
#include "hall/rows.hpp"
#include "platform/text.hpp"
#include "privacy/model.hpp"
#include "stats/counters.hpp"

namespace yc::hall {

using detail::group_from;
using detail::kGroupCols;

Result<Group> add_group(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t site_id,
                        const std::string& code, const std::string& name, const std::string& prefix,
                        const std::vector<std::string>& categories, std::int64_t now) {
  YC_TRY_VOID(check_prefix(prefix));
  if (code.empty() || code.size() > 32 || code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
    return fail(ErrorCode::kInvalidArgument, "分组代码应为小写字母、数字或下划线", "code");
  if (name.empty() || utf8_length(name) > 30) return fail(ErrorCode::kInvalidArgument, "请填写分组名称(不超过 30 字)", "name");
  YC_TRY(org::site_place(tx, scope, site_id));
  std::string cats = ",";
  for (const auto& c : categories) cats += c + ",";
  auto row = YC_TRY(tx.one(fmt::format("INSERT INTO service_group (site_id, code, name, prefix, categories, created_at, "
                                       "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING {}",
                                       kGroupCols),
                           {site_id, code, name, prefix, cats, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "hall.group.create", "service_group", std::to_string(row.int64(0)))));
  return group_from(row);
}

Result<std::vector<Group>> list_groups(store::Tx& tx, std::int64_t site_id) {
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} FROM service_group WHERE site_id = $1 ORDER BY prefix", kGroupCols),
                              {site_id}));
  std::vector<Group> out;
  for (const auto& r : rows.rows) out.push_back(group_from(r));
  return out;
}

Result<Ticket> take_ticket(store::Tx& tx, std::int64_t site_id, const std::string& group_code,
                           const std::string& channel, bool green, std::int64_t now,
                           std::optional<std::int64_t> slot_start, const std::string& holder_hash) {
  if (channel != "kiosk" && channel != "web" && channel != "appointment" && channel != "window")
    return fail(ErrorCode::kInvalidArgument, "channel 应为 kiosk、web、appointment 或 window", "channel");
  auto g = tx.one("SELECT id, prefix, active, name FROM service_group WHERE site_id = $1 AND code = $2",
                  {site_id, group_code});
  if (!g) return fail(ErrorCode::kNotFound, "该场所没有这个业务分组", "group");
  if (g->int64(2) == 0) return fail(ErrorCode::kUnprocessable, "该业务分组暂停取号", "group");
  const auto group_id = g->int64(0);
  const auto day = counter_day(now);
  // One row per group and Beijing day: the upsert takes its lock, so two
  // kiosks at once get consecutive numbers, never the same one.
  auto last = YC_TRY(tx.one("INSERT INTO ticket_counter (group_id, day, last) VALUES ($1, $2, 1) ON CONFLICT (group_id, day) "
                            "DO UPDATE SET last = ticket_counter.last + 1 RETURNING last",
                            {group_id, day}));
  const int number = static_cast<int>(last.int64(0));
  Ticket t;
  t.site_id = site_id;
  t.group_id = group_id;
  t.day = day;
  t.number = number;
  t.label = ticket_label(g->text(1), number);
  t.channel = channel;
  t.state = "waiting";
  t.green = green;
  t.taken_at = now;
  t.group_name = g->text(3);
  t.slot_start = slot_start;
  auto row = YC_TRY(tx.one("INSERT INTO ticket (site_id, group_id, day, number, label, channel, green, state, since, taken_at, "
                           "slot_start, holder_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8, $8, $9, $10) "
                           "RETURNING id",
                           {site_id, group_id, day, static_cast<std::int64_t>(number), t.label, channel,
                            static_cast<std::int64_t>(green ? 1 : 0), now,
                            slot_start ? store::Param{*slot_start} : store::null_param(),
                            holder_hash.empty() ? store::null_param() : store::Param{holder_hash}}));
  t.id = row.int64(0);
  YC_TRY_VOID(detail::count_ticket(tx, site_id, day, {{stats::metric::kTicketsTaken, 1}}));
  return t;
}


Result<Ticket> issue_ticket(store::Tx& tx, const TicketRequest& in, std::int64_t now) {
  if (in.channel != "kiosk" && in.channel != "web" && in.channel != "appointment")
    return fail(ErrorCode::kInvalidArgument, "channel 应为 kiosk、web 或 appointment", "channel");
  const auto settings = YC_TRY(get_settings(tx, in.site_id));
  if (in.green && !settings.green_channel) return fail(ErrorCode::kUnprocessable, "本场所未开设绿色通道", "green");
  auto g = tx.one("SELECT id, active FROM service_group WHERE site_id = $1 AND code = $2", {in.site_id, in.group});
  if (!g) return fail(ErrorCode::kNotFound, "该场所没有这个业务分组", "group");
  if (g->int64(1) == 0) return fail(ErrorCode::kUnprocessable, "该业务分组暂停取号", "group");
  // A checked-in booking was promised its slot: it needs neither the
  // ticket hours (check-in opens an hour early) nor a window open yet.
  if (in.channel != "appointment") {
    if (!YC_TRY(detail::open_at(tx, settings, now)))
      return fail(ErrorCode::kUnprocessable, fmt::format("现在不在取号时间内(取号时间:{})", hours_text(settings)),
                  "group");
    auto open = YC_TRY(tx.one("SELECT COUNT(*) FROM window_group wg JOIN org_window w ON w.id = wg.window_id "
                              "WHERE wg.group_id = $1 AND w.is_open = 1 AND w.clerk_id IS NOT NULL",
                              {g->int64(0)}));
    if (open.int64(0) == 0)
      return fail(ErrorCode::kUnprocessable, "该业务暂无窗口办理,请咨询导办人员", "group");
  }
  if (!in.holder_hash.empty()) {
    auto held = tx.one("SELECT label FROM ticket WHERE site_id = $1 AND day = $2 AND holder_hash = $3 AND "
                       "state IN ('waiting', 'called')",
                       {in.site_id, counter_day(now), in.holder_hash});
    if (held) return fail(ErrorCode::kConflict, fmt::format("您已有等候中的号 {},请留意叫号", held->text(0)), "id_number");
  }
  return take_ticket(tx, in.site_id, in.group, in.channel, in.green, now, in.slot_start, in.holder_hash);
}

Result<Ticket> remote_ticket(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t site_id,
                             const std::string& group, const std::string& phone, std::int64_t now) {
  YC_TRY_VOID(privacy::validate_mobile(phone, "phone"));
  YC_TRY(org::site_place(tx, org::Scope::all(), site_id, "site"));
  const auto settings = YC_TRY(get_settings(tx, site_id));
  if (!settings.remote_tickets) return fail(ErrorCode::kUnprocessable, "本场所未开通网上取号,请到大厅自助终端取号", "site");
  auto t = issue_ticket(tx, TicketRequest{site_id, group, "web", false, std::nullopt, keys.lookup_hash("phone:" + phone)}, now);
  if (!t && t.error().field == "id_number") t.error().field = "phone";
  return t;
}

Result<int> ahead_of(store::Tx& tx, const Ticket& t) {
  auto since = YC_TRY(tx.one("SELECT since FROM ticket WHERE id = $1", {t.id}));
  auto n = YC_TRY(tx.one("SELECT COUNT(*) FROM ticket WHERE group_id = $1 AND day = $2 AND state = 'waiting' AND "
                         "(since < $3 OR (since = $3 AND id < $4))",
                         {t.group_id, t.day, since.int64(0), t.id}));
  return static_cast<int>(n.int64(0));
}

}  // namespace yc::hall

namespace yc::hall {
namespace detail {

Group group_from(const store::Row& r) {
  return Group{r.int64(0), r.int64(1), r.int64(7), r.text(2), r.text(3), r.text(4), split_list(r.text(5)),
               r.int64(6) != 0};
}

Result<WindowInfo> window_in_scope(store::Tx& tx, const org::Scope& scope, std::int64_t window_id) {
  auto row = tx.one("SELECT w.id, w.site_id, w.number, w.name, w.is_open, u.path FROM org_window w JOIN org_site s ON "
                    "s.id = w.site_id JOIN org_unit u ON u.code = s.unit_code WHERE w.id = $1",
                    {window_id});
  if (!row || !scope.covers(row->text(5))) return fail(ErrorCode::kNotFound, "窗口不存在", "window_id");
  return WindowInfo{row->int64(0), row->int64(1), static_cast<int>(row->int64(2)), row->text(3), row->int64(4) != 0};
}

Ticket ticket_from(const store::Row& r) {
  Ticket t;
  t.id = r.int64(0);
  t.site_id = r.int64(1);
  t.group_id = r.int64(2);
  t.day = r.text(3);
  t.label = r.text(4);
  t.channel = r.text(5);
  t.state = r.text(6);
  t.number = static_cast<int>(r.int64(7));
  t.green = r.int64(8) != 0;
  t.taken_at = r.int64(9);
  t.group_name = r.text(11);
  t.slot_start = r.opt_int64(12);
  return t;
}

Result<void> count_ticket(store::Tx& tx, std::int64_t site_id, const std::string& day,
                          const std::vector<std::pair<std::string_view, std::int64_t>>& deltas) {
  auto unit = YC_TRY(tx.one("SELECT s.unit_code, u.path FROM org_site s JOIN org_unit u ON u.code = s.unit_code "
                            "WHERE s.id = $1",
                            {site_id}));
  // The counter day is ours (hall::counter_day), always 8 digits.
  const time::Date date{std::stoi(day.substr(0, 4)), std::stoi(day.substr(4, 2)), std::stoi(day.substr(6, 2))};
  return stats::add(tx, stats::Where{date, unit.text(0), unit.text(1), ""}, deltas);
}

Result<void> finish_called(store::Tx& tx, std::int64_t window_id, std::optional<std::int64_t> only, std::int64_t now) {
  auto rows = YC_TRY(tx.query("SELECT id, site_id, day, taken_at, called_at FROM ticket WHERE window_id = $1 AND "
                              "state = 'called'",
                              {window_id}));
  for (const auto& r : rows.rows) {
    if (only && r.int64(0) != *only) continue;
    auto n = YC_TRY(tx.exec("UPDATE ticket SET state = 'done', finished_at = $1, version = version + 1 "
                            "WHERE id = $2 AND state = 'called'",
                            {now, r.int64(0)}));
    if (n == 0) continue;
    const auto called = r.opt_int64(4).value_or(now);
    namespace m = stats::metric;
    YC_TRY_VOID(count_ticket(tx, r.int64(1), r.text(2),
                             {{m::kTicketsServed, 1},
                              {m::kTicketsWaitSeconds, (called - r.int64(3)) / 1000},
                              {m::kTicketsServiceSeconds, (now - called) / 1000}}));
  }
  return {};
}

Result<std::optional<store::Row>> current(store::Tx& tx, std::int64_t window_id) {
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} FROM ticket t WHERE t.window_id = $1 AND t.state = 'called' "
                                          "ORDER BY t.called_at DESC",
                                          kTicketCols),
                              {window_id}));
  if (rows.rows.empty()) return std::optional<store::Row>{};
  return std::optional<store::Row>{rows.rows.front()};
}

Result<std::vector<Period>> periods_of_day(store::Tx& tx, const Settings& s, const time::Date& day) {
  const auto days_off = YC_TRY(calendar::load(tx, day.iso(), day.iso()));
  return periods_on(s, calendar::is_working_day(day, days_off));
}

Result<bool> open_at(store::Tx& tx, const Settings& s, std::int64_t now) {
  return within_hours(YC_TRY(periods_of_day(tx, s, time::shanghai_date(now))), now, true);
}

Result<void> take_seat(store::Tx& tx, std::int64_t account, std::int64_t window_id, std::int64_t now) {
  YC_TRY_VOID(tx.exec("UPDATE org_window SET clerk_id = NULL, clerk_since = NULL WHERE clerk_id = $1 AND id <> $2",
                      {account, window_id}));
  YC_TRY_VOID(tx.exec("UPDATE org_window SET clerk_id = $1, clerk_since = $3 WHERE id = $2 AND "
                      "(clerk_id IS NULL OR clerk_id <> $1)",
                      {account, window_id, now}));
  return {};
}

}  // namespace detail

namespace {

using namespace detail;

Unexpected nothing_called() { return fail(ErrorCode::kConflict, "本窗口当前没有正在呼叫的号", "window_id"); }

}  // namespace

Result<void> set_window_groups(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                               std::int64_t window_id, const std::vector<std::string>& group_codes) {
  auto w = YC_TRY(window_in_scope(tx, scope, window_id));
  YC_TRY_VOID(tx.exec("DELETE FROM window_group WHERE window_id = $1", {window_id}));
  for (const auto& code : group_codes) {
    auto g = tx.one("SELECT id FROM service_group WHERE site_id = $1 AND code = $2", {w.site_id, code});
    if (!g) return fail(ErrorCode::kInvalidArgument, fmt::format("该场所没有业务分组 {}", code), "groups");
    YC_TRY_VOID(tx.exec("INSERT INTO window_group (window_id, group_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                        {window_id, g->int64(0)}));
  }
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "hall.window.groups", "org_window", std::to_string(window_id))));
  return {};
}

Result<Call> call_next(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                       std::int64_t now, const CallPolicy& policy) {
  auto w = YC_TRY(window_in_scope(tx, scope, window_id));
  if (!w.open) return fail(ErrorCode::kUnprocessable, "窗口已暂停服务,请先开启窗口", "window_id");
  auto served = YC_TRY(tx.query("SELECT g.code, g.id FROM window_group wg JOIN service_group g ON g.id = wg.group_id "
                                "WHERE wg.window_id = $1 AND g.active = 1",
                                {window_id}));
  if (served.rows.empty()) return fail(ErrorCode::kUnprocessable, "本窗口未配置可办理的业务分组", "window_id");
  std::vector<std::string> serves;
  for (const auto& r : served.rows) serves.push_back(std::to_string(r.int64(1)));
  // The one being served is done once the next is called.
  YC_TRY_VOID(finish_called(tx, window_id, std::nullopt, now));
  auto waiting = YC_TRY(tx.query("SELECT t.id, t.group_id, t.green, t.since, t.slot_start FROM ticket t WHERE "
                                 "t.site_id = $1 AND t.day = $2 AND t.state = 'waiting'",
                                 {w.site_id, counter_day(now)}));
  std::vector<Waiting> queue;
  for (const auto& r : waiting.rows)
    queue.push_back(Waiting{r.int64(0), std::to_string(r.int64(1)), r.int64(2) != 0, r.opt_int64(4), r.int64(3)});
  const auto pick = pick_next(queue, serves, now, policy);
  if (!pick) return fail(ErrorCode::kNotFound, "当前没有等候的号", "window_id");
  // The state check makes the claim exclusive when two windows pick at once.
  auto n = YC_TRY(tx.exec("UPDATE ticket SET state = 'called', window_id = $1, called_by = $2, called_at = $3, "
                          "version = version + 1 WHERE id = $4 AND state = 'waiting'",
                          {window_id, who.account, now, *pick}));
  if (n == 0) return fail(ErrorCode::kConflict, "该号已被其他窗口呼叫,请重试", "window_id");
  // Whoever calls sits at the window (三亮明 on its screen).
  YC_TRY_VOID(take_seat(tx, who.account, window_id, now));
  auto row = YC_TRY(tx.one(fmt::format("SELECT {} FROM ticket t WHERE t.id = $1", kTicketCols), {*pick}));
  auto e = audit::entry_for(who.actor, "hall.call", "ticket", std::to_string(*pick));
  e.window_id = std::to_string(window_id);
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return Call{ticket_from(row), w.number, w.name, 0};
}

Result<Ticket> finish(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                      std::int64_t now) {
  YC_TRY(window_in_scope(tx, scope, window_id));
  auto cur = YC_TRY(current(tx, window_id));
  if (!cur) return nothing_called();
  const auto id = cur->int64(0);
  YC_TRY_VOID(finish_called(tx, window_id, id, now));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(who.actor, "hall.finish", "ticket", std::to_string(id))));
  return ticket_from(YC_TRY(tx.one(fmt::format("SELECT {} FROM ticket t WHERE t.id = $1", kTicketCols), {id})));
}

Result<Call> recall(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id) {
  auto w = YC_TRY(window_in_scope(tx, scope, window_id));
  auto cur = YC_TRY(current(tx, window_id));
  if (!cur) return nothing_called();
  auto e = audit::entry_for(who.actor, "hall.recall", "ticket", std::to_string(cur->int64(0)));
  e.window_id = std::to_string(window_id);
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return Call{ticket_from(*cur), w.number, w.name, 1};
}

Result<Ticket> skip(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                    std::int64_t now) {
  auto w = YC_TRY(window_in_scope(tx, scope, window_id));
  const auto settings = YC_TRY(get_settings(tx, w.site_id));
  const SkipPolicy policy{settings.max_skips};
  auto cur = YC_TRY(current(tx, window_id));
  if (!cur) return nothing_called();
  const auto id = cur->int64(0);
  const int skips = static_cast<int>(cur->int64(10));
  if (after_skip(skips, policy) == AfterSkip::kRequeue) {
    YC_TRY_VOID(tx.exec("UPDATE ticket SET state = 'waiting', skips = skips + 1, since = $1, window_id = NULL, "
                        "called_by = NULL, called_at = NULL, version = version + 1 WHERE id = $2",
                        {now, id}));
  } else {
    YC_TRY_VOID(tx.exec("UPDATE ticket SET state = 'void', skips = skips + 1, finished_at = $1, version = version + 1 "
                        "WHERE id = $2",
                        {now, id}));
  }
  YC_TRY_VOID(audit::append(tx, audit::entry_for(who.actor, "hall.skip", "ticket", std::to_string(id))));
  return ticket_from(YC_TRY(tx.one(fmt::format("SELECT {} FROM ticket t WHERE t.id = $1", kTicketCols), {id})));
}

Result<Ticket> transfer(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id,
                        const std::string& to_group) {
  auto w = YC_TRY(window_in_scope(tx, scope, window_id));
  auto cur = YC_TRY(current(tx, window_id));
  if (!cur) return nothing_called();
  auto g = tx.one("SELECT id, active FROM service_group WHERE site_id = $1 AND code = $2", {w.site_id, to_group});
  if (!g) return fail(ErrorCode::kInvalidArgument, "该场所没有这个业务分组", "to_group");
  if (g->int64(1) == 0) return fail(ErrorCode::kUnprocessable, "该业务分组已暂停", "to_group");
  const auto id = cur->int64(0);
  // It keeps its label and its place (since): the holder does not queue again.
  YC_TRY_VOID(tx.exec("UPDATE ticket SET state = 'waiting', group_id = $1, window_id = NULL, called_by = NULL, "
                      "called_at = NULL, version = version + 1 WHERE id = $2",
                      {g->int64(0), id}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(who.actor, "hall.transfer", "ticket", std::to_string(id))));
  return ticket_from(YC_TRY(tx.one(fmt::format("SELECT {} FROM ticket t WHERE t.id = $1", kTicketCols), {id})));
}

}  // namespace yc::hall
