#include "hall/service.hpp"

#include <fmt/format.h>

#include "audit/service.hpp"
#include "org/service.hpp"
#include "hall/model.hpp"
#include "platform/text.hpp"

namespace yc::hall {
namespace {

Group group_from(const store::Row& r) {
  return Group{r.int64(0), r.int64(1), r.int64(7), r.text(2), r.text(3), r.text(4), split_list(r.text(5)),
               r.int64(6) != 0};
}

constexpr const char* kGroupCols = "id, site_id, code, name, prefix, categories, active, version";

}  // namespace

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
                           const std::string& channel, bool green, std::int64_t now) {
  if (channel != "kiosk" && channel != "web" && channel != "appointment" && channel != "window")
    return fail(ErrorCode::kInvalidArgument, "channel 应为 kiosk、web、appointment 或 window", "channel");
  auto g = tx.one("SELECT id, prefix, active FROM service_group WHERE site_id = $1 AND code = $2", {site_id, group_code});
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
  auto row = YC_TRY(tx.one("INSERT INTO ticket (site_id, group_id, day, number, label, channel, green, state, since, taken_at) "
                           "VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8, $8) RETURNING id",
                           {site_id, group_id, day, static_cast<std::int64_t>(number), t.label, channel,
                            static_cast<std::int64_t>(green ? 1 : 0), now}));
  t.id = row.int64(0);
  return t;
}

}  // namespace yc::hall

namespace yc::hall {
namespace {

struct WindowInfo {
  std::int64_t id = 0, site_id = 0;
  int number = 0;
  std::string name;
  bool open = true;
};

Result<WindowInfo> window_in_scope(store::Tx& tx, const org::Scope& scope, std::int64_t window_id) {
  auto row = tx.one("SELECT w.id, w.site_id, w.number, w.name, w.is_open, u.path FROM org_window w JOIN org_site s ON "
                    "s.id = w.site_id JOIN org_unit u ON u.code = s.unit_code WHERE w.id = $1",
                    {window_id});
  if (!row || !scope.covers(row->text(5))) return fail(ErrorCode::kNotFound, "窗口不存在", "window_id");
  return WindowInfo{row->int64(0), row->int64(1), static_cast<int>(row->int64(2)), row->text(3), row->int64(4) != 0};
}

constexpr const char* kTicketCols =
    "t.id, t.site_id, t.group_id, t.day, t.label, t.channel, t.state, t.number, t.green, t.taken_at, t.skips";

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
  return t;
}

// The ticket the window has called and not finished, if any.
Result<std::optional<store::Row>> current(store::Tx& tx, std::int64_t window_id) {
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} FROM ticket t WHERE t.window_id = $1 AND t.state = 'called' "
                                          "ORDER BY t.called_at DESC",
                                          kTicketCols),
                              {window_id}));
  if (rows.rows.empty()) return std::optional<store::Row>{};
  return std::optional<store::Row>{rows.rows.front()};
}

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
  YC_TRY_VOID(tx.exec("UPDATE ticket SET state = 'done', finished_at = $1, version = version + 1 "
                      "WHERE window_id = $2 AND state = 'called'",
                      {now, window_id}));
  auto waiting = YC_TRY(tx.query("SELECT t.id, t.group_id, t.green, t.since FROM ticket t WHERE t.site_id = $1 AND "
                                 "t.day = $2 AND t.state = 'waiting'",
                                 {w.site_id, counter_day(now)}));
  std::vector<Waiting> queue;
  for (const auto& r : waiting.rows)
    queue.push_back(Waiting{r.int64(0), std::to_string(r.int64(1)), r.int64(2) != 0, std::nullopt, r.int64(3)});
  const auto pick = pick_next(queue, serves, now, policy);
  if (!pick) return fail(ErrorCode::kNotFound, "当前没有等候的号", "window_id");
  // The state check makes the claim exclusive when two windows pick at once.
  auto n = YC_TRY(tx.exec("UPDATE ticket SET state = 'called', window_id = $1, called_by = $2, called_at = $3, "
                          "version = version + 1 WHERE id = $4 AND state = 'waiting'",
                          {window_id, who.account, now, *pick}));
  if (n == 0) return fail(ErrorCode::kConflict, "该号已被其他窗口呼叫,请重试", "window_id");
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
  YC_TRY_VOID(tx.exec("UPDATE ticket SET state = 'done', finished_at = $1, version = version + 1 "
                      "WHERE id = $2 AND state = 'called'",
                      {now, id}));
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

Result<Ticket> skip(store::Tx& tx, const Caller& who, const org::Scope& scope, std::int64_t window_id, std::int64_t now,
                    const SkipPolicy& policy) {
  YC_TRY(window_in_scope(tx, scope, window_id));
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
