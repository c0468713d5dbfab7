#include "staff/internal.hpp"

#include <boost/json.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "audit/service.hpp"
#include "calendar/service.hpp"
#include "cases/model.hpp"

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
    "(SELECT COUNT(*) FROM internal_finding f WHERE f.check_id = c.id AND f.closed_at IS NULL), c.kind "
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
  c.kind = r.text(11);
  return c;
}

std::string checklist_text(const Checklist& c) {
  return boost::json::serialize(boost::json::object{
      {"eligibility", c.eligibility}, {"standard", c.standard}, {"account", c.account}, {"approval", c.approval}});
}

std::optional<Checklist> checklist_from(const std::string& text) {
  if (text.empty()) return std::nullopt;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.as_object();
  const auto flag = [&](const char* k) { return o.contains(k) && o.at(k).is_bool() && o.at(k).as_bool(); };
  return Checklist{flag("eligibility"), flag("standard"), flag("account"), flag("approval")};
}

// 行政给付: the item versions among `ids` whose catalog type is a payment.
Result<std::vector<std::int64_t>> payment_versions(store::Tx& tx, const std::string& unit_path, const time::Date& from,
                                                   const time::Date& to) {
  auto rows = YC_TRY(tx.query("SELECT v.id, v.document FROM catalog_version v WHERE v.id IN (SELECT DISTINCT "
                              "item_version_id FROM service_case WHERE handling_path LIKE $1 AND accepted_day >= $2 "
                              "AND accepted_day <= $3)",
                              {unit_path + "%", from.iso(), to.iso()}));
  std::vector<std::int64_t> out;
  for (const auto& r : rows.rows) {
    boost::system::error_code ec;
    auto doc = boost::json::parse(r.text(1), ec);
    if (ec || !doc.is_object()) continue;
    const auto* type = doc.as_object().if_contains("type");
    if (type != nullptr && type->is_string() && type->as_string() == "administrative_payment") out.push_back(r.int64(0));
  }
  return out;
}

// Who accepted and who decided each step of the check's cases, once per
// (step, person); separation fails when one person shows up on two steps.
Result<void> add_handlers(store::Tx& tx, std::int64_t check_id, std::vector<CheckItem>& items) {
  auto rows = YC_TRY(tx.query("SELECT e.case_id, e.step, e.actor_id, a.name_masked FROM case_event e "
                              "JOIN account a ON a.id = e.actor_id JOIN internal_check_item i ON i.case_id = e.case_id "
                              "WHERE i.check_id = $1 AND e.kind IN ('accepted', 'approved', 'refused') ORDER BY e.id",
                              {check_id}));
  std::map<std::int64_t, CheckItem*> by_case;
  for (auto& i : items) by_case[i.case_id] = &i;
  for (const auto& r : rows.rows) {
    auto* item = by_case[r.int64(0)];
    if (item == nullptr) continue;
    Handler h{std::string(cases::step_label(r.text(1))), r.text(3), r.int64(2)};
    const bool seen = std::any_of(item->handlers.begin(), item->handlers.end(),
                                  [&](const Handler& x) { return x.step == h.step && x.account_id == h.account_id; });
    if (seen) continue;
    if (std::any_of(item->handlers.begin(), item->handlers.end(),
                    [&](const Handler& x) { return x.account_id == h.account_id; }))
      item->separation_ok = false;
    item->handlers.push_back(std::move(h));
  }
  return {};
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
  if (in.kind != "cases" && in.kind != "benefit_payment")
    return fail(ErrorCode::kInvalidArgument, "检查类型只能是办件复核抽查或待遇发放复核", "kind");
  // Finished cases handled in the unit, accepted in the period; random()
  // exists in both SQLite and PostgreSQL. A benefit review keeps to the
  // payment items (行政给付).
  std::vector<store::Param> params{unit->text(0) + "%", in.from.iso(), in.to.iso(), std::int64_t{in.sample_size}};
  std::string only;
  if (in.kind == "benefit_payment") {
    auto versions = YC_TRY(payment_versions(tx, unit->text(0), in.from, in.to));
    if (versions.empty())
      return fail(ErrorCode::kUnprocessable, "该单位在此期间没有待遇发放类办件可复核", "from");
    only = " AND item_version_id IN (";
    for (std::size_t i = 0; i < versions.size(); ++i) {
      params.emplace_back(versions[i]);
      only += fmt::format("{}${}", i == 0 ? "" : ", ", params.size());
    }
    only += ")";
  }
  auto picked = YC_TRY(tx.query("SELECT id FROM service_case WHERE handling_path LIKE $1 AND accepted_day >= $2 "
                                "AND accepted_day <= $3 AND status IN ('ready', 'delivered', 'closed')" + only +
                                    " ORDER BY random() LIMIT $4",
                                params));
  if (picked.rows.empty()) return fail(ErrorCode::kUnprocessable, "该单位在此期间没有办结的办件可抽查", "from");
  auto id = YC_TRY(tx.one("INSERT INTO internal_check (unit_code, unit_path, period_from, period_to, sample_size, "
                          "created_by, created_at, kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                          {in.unit_code, unit->text(0), in.from.iso(), in.to.iso(),
                           static_cast<std::int64_t>(picked.rows.size()), by, now, in.kind}));
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
                               "COALESCE(s.accepted_day, ''), i.result, i.note, i.checklist FROM internal_check_item i "
                               "JOIN service_case s ON s.id = i.case_id WHERE i.check_id = $1 ORDER BY i.id",
                               {id}));
  for (const auto& r : items.rows) {
    c.items.push_back(CheckItem{r.int64(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                                r.text(7), r.text(8), checklist_from(r.text(9)), {}, true});
  }
  YC_TRY_VOID(add_handlers(tx, id, c.items));
  auto findings = YC_TRY(tx.query(std::string(kFindingSql) + "WHERE f.check_id = $1 ORDER BY f.id", {id}));
  for (const auto& r : findings.rows) c.finding_list.push_back(finding_from(r));
  return c;
}

Result<Check> judge_item(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                         std::int64_t check_id, std::int64_t item_id, const Judgement& j, const time::Date& today,
                         std::int64_t now) {
  YC_TRY_VOID(holds_internal_control(tx, by, today));
  const auto check = YC_TRY(get_check(tx, scope, check_id));
  const auto& result = j.result;
  const auto& note = j.note;
  if (result != "ok" && result != "finding")
    return fail(ErrorCode::kInvalidArgument, "检查结果只能是无问题或发现问题", "result");
  // 待遇发放复核: all four points are judged, and the result follows them.
  if (check.kind == "benefit_payment") {
    if (!j.checklist)
      return fail(ErrorCode::kInvalidArgument, "待遇发放复核须逐项核对资格条件、标准与金额、发放账户和审批手续", "checklist");
    if (j.checklist->all() != (result == "ok"))
      return fail(ErrorCode::kInvalidArgument,
                  result == "ok" ? "有核对项不符合，结论应为发现问题" : "各核对项均符合，结论应为无问题", "checklist");
  } else if (j.checklist) {
    return fail(ErrorCode::kInvalidArgument, "办件复核抽查没有待遇核对项", "checklist");
  }
  if (result == "finding" && note.empty())
    return fail(ErrorCode::kInvalidArgument, "发现问题时请写明问题", "note");
  if (j.due_days < 1 || j.due_days > 60)
    return fail(ErrorCode::kInvalidArgument, "整改期限应在 1 到 60 个工作日之间", "due_days");
  auto item = tx.one("SELECT i.case_id, i.result, s.handling_unit_code FROM internal_check_item i "
                     "JOIN service_case s ON s.id = i.case_id WHERE i.id = $1 AND i.check_id = $2",
                     {item_id, check_id});
  if (!item) return fail(ErrorCode::kNotFound, "抽查记录不存在", "item");
  if (item->text(1) != "pending") return fail(ErrorCode::kConflict, "该件已有检查结论", "result");
  auto n = YC_TRY(tx.exec("UPDATE internal_check_item SET result = $1, note = $2, checked_by = $3, checked_at = $4, "
                          "checklist = $5 WHERE id = $6 AND result = 'pending'",
                          {result, note, by, now, j.checklist ? checklist_text(*j.checklist) : std::string(), item_id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该件已有检查结论", "result");
  if (result == "finding") {
    auto due = YC_TRY(calendar::due_date(tx, today, j.due_days, false));
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
