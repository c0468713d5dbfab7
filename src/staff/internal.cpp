#include "staff/internal.hpp"

#include <fmt/format.h>

#include "audit/service.hpp"
#include "calendar/service.hpp"

namespace yc::staff {
namespace {

Result<void> holds_internal_control(store::Tx& tx, std::int64_t by, const time::Date& today) {
  auto n = YC_TRY(tx.one("SELECT COUNT(*) FROM staff_assignment WHERE account_id = $1 AND post = 'internal_control' "
                         "AND from_day <= $2 AND (to_day IS NULL OR to_day >= $2)",
                         {by, today.iso()}));
  if (n.int64(0) == 0)
    return fail(ErrorCode::kForbidden, "只有在内控岗位任职的人员可以开展内控检查（四(四)）");
  return {};
}

constexpr const char* kCheckSql =
    "SELECT c.id, c.unit_code, u.name, c.period_from, c.period_to, c.sample_size, c.created_by, c.created_at, "
    "(SELECT COUNT(*) FROM internal_check_item i WHERE i.check_id = c.id AND i.result <> 'pending'), "
    "(SELECT COUNT(*) FROM internal_finding f WHERE f.check_id = c.id), "
    "(SELECT COUNT(*) FROM internal_finding f WHERE f.check_id = c.id AND f.closed_at IS NULL) "
    "FROM internal_check c JOIN org_unit u ON u.code = c.unit_code ";

Check check_from(const store::Row& r) {
  Check c;
  c.id = r.int64(0);
  c.unit_code = r.text(1);
  c.unit_name = r.text(2);
  c.period_from = r.text(3);
  c.period_to = r.text(4);
  c.sample_size = static_cast<int>(r.int64(5));
  c.created_by = r.int64(6);
  c.created_at = r.int64(7);
  c.checked = static_cast<int>(r.int64(8));
  c.findings = static_cast<int>(r.int64(9));
  c.open_findings = static_cast<int>(r.int64(10));
  return c;
}

constexpr const char* kFindingSql =
    "SELECT f.id, f.check_id, f.item_id, f.case_id, s.case_no, f.unit_code, f.description, f.due_day, f.follow_up, "
    "f.closed_at FROM internal_finding f JOIN service_case s ON s.id = f.case_id ";

Finding finding_from(const store::Row& r) {
  return Finding{r.int64(0), r.int64(1), r.int64(2), r.int64(3), r.text(4), r.text(5),
                 r.text(6),  r.text(7),  r.text(8), r.opt_int64(9)};
}

}  // namespace

Result<Check> create_check(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                           const CheckInput& in, const time::Date& today, std::int64_t now) {
  YC_TRY_VOID(holds_internal_control(tx, by, today));
  auto unit = tx.one("SELECT path FROM org_unit WHERE code = $1", {in.unit_code});
  if (!unit || !scope.covers(unit->text(0))) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
  if (time::days_from_civil(in.to) < time::days_from_civil(in.from))
    return fail(ErrorCode::kInvalidArgument, "结束日期早于开始日期", "to");
  if (in.sample_size < 1 || in.sample_size > 50)
    return fail(ErrorCode::kInvalidArgument, "抽查件数应在 1 到 50 之间", "sample_size");
  // Finished cases handled in the unit, accepted in the period; random()
  // exists in both SQLite and PostgreSQL.
  auto picked = YC_TRY(tx.query("SELECT id FROM service_case WHERE handling_path LIKE $1 AND accepted_day >= $2 "
                                "AND accepted_day <= $3 AND status IN ('ready', 'delivered', 'closed') "
                                "ORDER BY random() LIMIT $4",
                                {unit->text(0) + "%", in.from.iso(), in.to.iso(), std::int64_t{in.sample_size}}));
  if (picked.rows.empty()) return fail(ErrorCode::kUnprocessable, "该单位在此期间没有办结的办件可抽查", "from");
  auto id = YC_TRY(tx.one("INSERT INTO internal_check (unit_code, unit_path, period_from, period_to, sample_size, "
                          "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                          {in.unit_code, unit->text(0), in.from.iso(), in.to.iso(),
                           static_cast<std::int64_t>(picked.rows.size()), by, now}));
  for (const auto& r : picked.rows) {
    YC_TRY(tx.exec("INSERT INTO internal_check_item (check_id, case_id) VALUES ($1, $2)", {id.int64(0), r.int64(0)}));
  }
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "internal.check.create", "internal_check", std::to_string(id.int64(0)))));
  return get_check(tx, scope, id.int64(0));
}

Result<std::vector<Check>> list_checks(store::Tx& tx, const org::Scope& scope) {
  std::vector<store::Param> params;
  auto rows = YC_TRY(tx.query(std::string(kCheckSql) + "WHERE " + scope.sql("c.unit_path", params) +
                                  " ORDER BY c.created_at DESC, c.id DESC LIMIT 200",
                              params));
  std::vector<Check> out;
  for (const auto& r : rows.rows) out.push_back(check_from(r));
  return out;
}

Result<Check> get_check(store::Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto row = tx.one(std::string(kCheckSql) + "WHERE c.id = $1", {id});
  if (!row) return fail(ErrorCode::kNotFound, "内控检查不存在", "id");
  auto path = YC_TRY(tx.one("SELECT unit_path FROM internal_check WHERE id = $1", {id}));
  if (!scope.covers(path.text(0))) return fail(ErrorCode::kNotFound, "内控检查不存在", "id");
  Check c = check_from(*row);
  auto items = YC_TRY(tx.query("SELECT i.id, i.case_id, s.case_no, s.item_name, s.status, s.outcome, "
                               "COALESCE(s.accepted_day, ''), i.result, i.note FROM internal_check_item i "
                               "JOIN service_case s ON s.id = i.case_id WHERE i.check_id = $1 ORDER BY i.id",
                               {id}));
  for (const auto& r : items.rows) {
    c.items.push_back(CheckItem{r.int64(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                                r.text(7), r.text(8)});
  }
  auto findings = YC_TRY(tx.query(std::string(kFindingSql) + "WHERE f.check_id = $1 ORDER BY f.id", {id}));
  for (const auto& r : findings.rows) c.finding_list.push_back(finding_from(r));
  return c;
}

Result<Check> judge_item(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                         std::int64_t check_id, std::int64_t item_id, const std::string& result,
                         const std::string& note, int due_days, const time::Date& today, std::int64_t now) {
  YC_TRY_VOID(holds_internal_control(tx, by, today));
  YC_TRY(get_check(tx, scope, check_id));
  if (result != "ok" && result != "finding")
    return fail(ErrorCode::kInvalidArgument, "检查结果只能是无问题或发现问题", "result");
  if (result == "finding" && note.empty())
    return fail(ErrorCode::kInvalidArgument, "发现问题时请写明问题", "note");
  if (due_days < 1 || due_days > 60) return fail(ErrorCode::kInvalidArgument, "整改期限应在 1 到 60 个工作日之间", "due_days");
  auto item = tx.one("SELECT i.case_id, i.result, s.handling_unit_code FROM internal_check_item i "
                     "JOIN service_case s ON s.id = i.case_id WHERE i.id = $1 AND i.check_id = $2",
                     {item_id, check_id});
  if (!item) return fail(ErrorCode::kNotFound, "抽查记录不存在", "item");
  if (item->text(1) != "pending") return fail(ErrorCode::kConflict, "该件已有检查结论", "result");
  auto n = YC_TRY(tx.exec("UPDATE internal_check_item SET result = $1, note = $2, checked_by = $3, checked_at = $4 "
                          "WHERE id = $5 AND result = 'pending'",
                          {result, note, by, now, item_id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该件已有检查结论", "result");
  if (result == "finding") {
    auto due = YC_TRY(calendar::due_date(tx, today, due_days, false));
    YC_TRY(tx.exec("INSERT INTO internal_finding (check_id, item_id, case_id, unit_code, description, due_day, created_at) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                   {check_id, item_id, item->int64(0), item->text(2), note, due.iso(), now}));
  }
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "internal.check.judge", "internal_check_item", std::to_string(item_id))));
  return get_check(tx, scope, check_id);
}

Result<Finding> close_finding(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                              std::int64_t id, const std::string& follow_up, std::int64_t now) {
  auto row = tx.one(std::string(kFindingSql) + "WHERE f.id = $1", {id});
  if (!row) return fail(ErrorCode::kNotFound, "问题不存在", "id");
  auto f = finding_from(*row);
  YC_TRY(get_check(tx, scope, f.check_id));
  if (f.closed_at) return fail(ErrorCode::kConflict, "该问题已整改销号", "follow_up");
  if (follow_up.empty()) return fail(ErrorCode::kInvalidArgument, "请写明整改情况", "follow_up");
  YC_TRY(tx.exec("UPDATE internal_finding SET follow_up = $1, closed_by = $2, closed_at = $3 WHERE id = $4 AND closed_at IS NULL",
                 {follow_up, by, now, id}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "internal.finding.close", "internal_finding", std::to_string(id))));
  f.follow_up = follow_up;
  f.closed_at = now;
  return f;
}

}  // namespace yc::staff
