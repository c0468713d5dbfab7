#include "hall/service.hpp"

#include <fmt/format.h>

#include "audit/service.hpp"
#include "hall/model.hpp"
#include "platform/text.hpp"

namespace yc::hall {
namespace {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

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
  auto site = tx.one("SELECT u.path FROM org_site s JOIN org_unit u ON u.code = s.unit_code WHERE s.id = $1", {site_id});
  if (!site || !scope.covers(site->text(0))) return fail(ErrorCode::kNotFound, "服务场所不存在", "site_id");
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
