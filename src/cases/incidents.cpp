#include "cases/incidents.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "audit/service.hpp"
#include "org/service.hpp"
#include "platform/text.hpp"

namespace yc::cases {
namespace {

constexpr const char* kCols =
    "i.id, i.site_id, s.name, i.kind, i.description, i.resolution, COALESCE(a.login, 'system'), i.started_at, i.created_at, i.ended_at, "
    "i.version";
constexpr const char* kJoins = "FROM incident i JOIN org_site s ON s.id = i.site_id LEFT JOIN account a ON a.id = i.reported_by";

Incident from(const store::Row& r) {
  Incident i;
  i.id = r.int64(0);
  i.site_id = r.int64(1);
  i.site_name = r.text(2);
  i.kind = r.text(3);
  i.description = r.text(4);
  i.resolution = r.text(5);
  i.reported_by_login = r.text(6);
  i.started_at = r.int64(7);
  i.created_at = r.int64(8);
  i.ended_at = r.opt_int64(9);
  i.version = r.int64(10);
  return i;
}

Result<Incident> load(store::Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto row = tx.one(fmt::format("SELECT {}, i.unit_path {} WHERE i.id = $1", kCols, kJoins), {id});
  if (!row || !scope.covers(row->text(11))) return fail(ErrorCode::kNotFound, "应急事件不存在", "id");
  return from(*row);
}

}  // namespace

Result<Incident> report_incident(store::Tx& tx, const Who& who, const org::Scope& scope, const IncidentInput& in,
                                 std::int64_t now) {
  if (in.kind != "outage" && in.kind != "crowding" && in.kind != "conflict" && in.kind != "other")
    return fail(ErrorCode::kInvalidArgument, "kind 应为 outage、crowding、conflict 或 other", "kind");
  if (in.description.empty() || utf8_length(in.description) > 1000)
    return fail(ErrorCode::kInvalidArgument, "请填写事件经过(不超过 1000 字)", "description");
  const auto started = in.started_at.value_or(now);
  if (started > now + 60'000 || started < now - 7LL * 86'400'000)
    return fail(ErrorCode::kInvalidArgument, "开始时间应在最近 7 天内且不晚于现在", "started_at");
  const auto place = YC_TRY(org::site_place(tx, scope, in.site_id));
  auto row = YC_TRY(tx.one("INSERT INTO incident (site_id, unit_path, kind, description, started_at, reported_by, created_at) "
                           "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                           {in.site_id, place.unit_path, in.kind, in.description, started, who.account, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(who.actor, "incident.report", "incident", std::to_string(row.int64(0)))));
  return load(tx, org::Scope::all(), row.int64(0));
}

Result<Incident> close_incident(store::Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                                const std::string& resolution, std::int64_t now) {
  auto i = YC_TRY(load(tx, scope, id));
  if (i.ended_at) return fail(ErrorCode::kConflict, "该事件已处置完毕", "id");
  if (resolution.empty() || utf8_length(resolution) > 1000)
    return fail(ErrorCode::kInvalidArgument, "请填写处置结果(不超过 1000 字)", "resolution");
  auto n = YC_TRY(tx.exec("UPDATE incident SET ended_at = $1, resolution = $2, version = version + 1 "
                          "WHERE id = $3 AND ended_at IS NULL",
                          {now, resolution, id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该事件已处置完毕", "id");
  YC_TRY_VOID(audit::append(tx, audit::entry_for(who.actor, "incident.close", "incident", std::to_string(id))));
  return load(tx, scope, id);
}

Result<std::vector<Incident>> list_incidents(store::Tx& tx, const org::Scope& scope, bool open_only, int limit) {
  std::vector<store::Param> params;
  std::string where = scope.sql("i.unit_path", params);
  if (open_only) where += " AND i.ended_at IS NULL";
  params.emplace_back(static_cast<std::int64_t>(std::clamp(limit, 1, 500)));
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT {} {} WHERE {} ORDER BY i.started_at DESC, i.id DESC LIMIT ${}", kCols, kJoins, where, params.size()),
      params));
  std::vector<Incident> out;
  for (const auto& r : rows.rows) out.push_back(from(r));
  return out;
}

}  // namespace yc::cases
