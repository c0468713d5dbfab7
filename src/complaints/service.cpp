#include "complaints/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <openssl/crypto.h>

#include "audit/service.hpp"
#include "calendar/service.hpp"
#include "identity/secrets.hpp"
#include "platform/text.hpp"
#include "privacy/model.hpp"
#include "stats/counters.hpp"

namespace yc::complaints {
namespace {

constexpr const char* kContent = "complaint.content";
constexpr const char* kName = "complaint.reporter.name";
constexpr const char* kPhone = "complaint.reporter.phone";
constexpr const char* kId = "complaint.reporter.id";

constexpr const char* kCols =
    "c.id, c.complaint_no, c.kind, c.category, c.channel, c.state, c.anonymous, COALESCE(sc.case_no, ''), "
    "COALESCE(st.name, ''), COALESCE(sa.name_masked, ''), c.unit_code, u.name, c.window_number, c.staff_id, "
    "c.assignee_id, COALESCE(aa.name_masked, ''), c.accept_due_day, COALESCE(c.reply_due_day, ''), c.reject_reason, "
    "c.reply, c.upheld, c.callback_outcome, c.callback_note, c.received_day, c.created_at, c.version, c.accepted_at, "
    "c.replied_at, c.closed_at, c.case_id, c.site_id, COALESCE(c.close_due_day, ''), c.escalation, c.escalated_to, "
    "COALESCE(eu.name, ''), c.escalated_at, c.unit_path";
constexpr const char* kFrom =
    " FROM complaint c JOIN org_unit u ON u.code = c.unit_code LEFT JOIN service_case sc ON sc.id = c.case_id "
    "LEFT JOIN org_site st ON st.id = c.site_id LEFT JOIN account sa ON sa.id = c.staff_id "
    "LEFT JOIN account aa ON aa.id = c.assignee_id LEFT JOIN org_unit eu ON eu.code = c.escalated_to ";
constexpr std::size_t kPathCol = 36;

Complaint complaint_from(const store::Row& r, const time::Date& today) {
  Complaint c;
  c.id = r.int64(0);
  c.complaint_no = r.text(1);
  c.kind = r.text(2);
  c.category = r.text(3);
  c.channel = r.text(4);
  c.state = r.text(5);
  c.anonymous = r.int64(6) != 0;
  c.case_no = r.text(7);
  c.site_name = r.text(8);
  c.staff_name_masked = r.text(9);
  c.unit_code = r.text(10);
  c.unit_name = r.text(11);
  if (auto w = r.opt_int64(12)) c.window_number = static_cast<int>(*w);
  c.staff_id = r.opt_int64(13);
  c.assignee_id = r.opt_int64(14);
  c.assignee_name = r.text(15);
  c.accept_due_day = r.text(16);
  c.reply_due_day = r.text(17);
  c.reject_reason = r.text(18);
  c.reply = r.text(19);
  if (auto u = r.opt_int64(20)) c.upheld = *u != 0;
  c.callback_outcome = r.text(21);
  c.callback_note = r.text(22);
  c.received_day = r.text(23);
  c.created_at = r.int64(24);
  c.version = r.int64(25);
  c.accepted_at = r.opt_int64(26);
  c.replied_at = r.opt_int64(27);
  c.closed_at = r.opt_int64(28);
  c.case_id = r.opt_int64(29);
  c.site_id = r.opt_int64(30);
  c.close_due_day = r.text(31);
  c.escalation = static_cast<int>(r.int64(32));
  c.escalated_to = r.text(33);
  c.escalated_to_name = r.text(34);
  c.escalated_at = r.opt_int64(35);
  const auto t = today.iso();
  c.overdue = (c.state == "received" && t > c.accept_due_day) || (c.state == "accepted" && t > c.reply_due_day) ||
              (c.state == "replied" && !c.close_due_day.empty() && t > c.close_due_day);
  return c;
}

// In scope, and not about the viewer (the person complained about never sees it).
Result<Complaint> load(store::Tx& tx, const org::Scope& scope, std::int64_t viewer, std::int64_t id,
                       const time::Date& today) {
  auto row = tx.one(fmt::format("SELECT {}{}WHERE c.id = $1", kCols, kFrom), {id});
  if (!row || !scope.covers(row->text(kPathCol))) return fail(ErrorCode::kNotFound, "投诉不存在", "id");
  auto c = complaint_from(*row, today);
  if (c.staff_id && *c.staff_id == viewer) return fail(ErrorCode::kNotFound, "投诉不存在", "id");
  return c;
}

// The grants that make someone a possible 承办人 of the complaint at the path
// bound as $1: complaint.handle at that unit or above, on an active account.
constexpr const char* kHandlerGrants =
    " FROM role_grant g JOIN role_permission rp ON rp.role_code = g.role_code JOIN org_unit u ON u.code = g.unit_code "
    "JOIN account a ON a.id = g.account_id WHERE a.active = 1 AND rp.permission = 'complaint.handle' "
    "AND $1 LIKE u.path || '%'";

// Someone who may handle complaints of the unit at `path`, and is not the one complained about.
Result<void> check_handler(store::Tx& tx, const Complaint& c, const std::string& path, std::int64_t account) {
  if (c.staff_id && *c.staff_id == account)
    return fail(ErrorCode::kUnprocessable, "被投诉人不得办理对自己的投诉", "assignee_id");
  auto n = YC_TRY(tx.one(fmt::format("SELECT COUNT(*){} AND g.account_id = $2", kHandlerGrants), {path, account}));
  if (n.int64(0) == 0) return fail(ErrorCode::kUnprocessable, "承办人须是有投诉办理权限的人员", "assignee_id");
  return {};
}

Result<std::string> path_of(store::Tx& tx, std::int64_t id) {
  return YC_TRY(tx.one("SELECT unit_path FROM complaint WHERE id = $1", {id})).text(0);
}

Result<Complaint> reload(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope, std::int64_t viewer,
                         std::int64_t id, std::int64_t now) {
  return get(tx, keys, scope, viewer, id, time::shanghai_date(now));
}

}  // namespace

Result<Created> submit(store::Tx& tx, const privacy::KeyRing& keys, const Settings& s, const audit::Actor& actor,
                       std::optional<std::int64_t> by, const std::string& taker_unit, const NewComplaint& in,
                       std::int64_t now) {
  YC_TRY_VOID(validate(in.content, by.has_value()));
  const auto today = time::shanghai_date(now);
  std::optional<std::int64_t> case_id, site_id = in.site_id;
  std::string unit;
  if (!in.case_no.empty()) {
    auto c = tx.one("SELECT id, handling_unit_code, site_id FROM service_case WHERE case_no = $1", {in.case_no});
    if (!c) return fail(ErrorCode::kInvalidArgument, "办件编号不存在", "case_no");
    case_id = c->int64(0);
    unit = c->text(1);
    if (!site_id) site_id = c->opt_int64(2);
  }
  if (site_id) {
    auto st = tx.one("SELECT unit_code FROM org_site WHERE id = $1", {*site_id});
    if (!st) return fail(ErrorCode::kInvalidArgument, "服务场所不存在", "site_id");
    if (unit.empty()) unit = st->text(0);
  }
  if (unit.empty()) unit = taker_unit;
  if (unit.empty()) return fail(ErrorCode::kInvalidArgument, "请选择投诉涉及的服务场所或办件", "site_id");
  if (in.window_number && (*in.window_number < 1 || *in.window_number > 999))
    return fail(ErrorCode::kInvalidArgument, "窗口号不正确", "window_number");
  auto path = YC_TRY(tx.one("SELECT path FROM org_unit WHERE code = $1", {unit})).text(0);
  if (in.staff_id) {
    auto staff = tx.one("SELECT u.path FROM account a JOIN org_unit u ON u.code = a.unit_code WHERE a.id = $1", {*in.staff_id});
    if (!staff) return fail(ErrorCode::kInvalidArgument, "被投诉人不存在", "staff_id");
  }
  std::string name_sealed, phone_sealed, id_sealed;
  const auto& ct = in.content;
  if (!ct.anonymous) {
    YC_TRY_VOID(privacy::validate_contact_phone(ct.phone, "phone"));
    name_sealed = YC_TRY(keys.encrypt(ct.name, kName));
    phone_sealed = YC_TRY(keys.encrypt(ct.phone, kPhone));
    if (!ct.id_number.empty()) {
      const auto id = privacy::normal_resident_id(ct.id_number);
      YC_TRY_VOID(privacy::validate_resident_id(id, today, "id_number"));
      id_sealed = YC_TRY(keys.encrypt(id, kId));
    }
  }
  const auto content = YC_TRY(keys.encrypt(ct.content, kContent));
  const auto day = fmt::format("{:04}{:02}{:02}", today.year, today.month, today.day);
  auto n = YC_TRY(tx.one("INSERT INTO complaint_counter (day, last) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET "
                         "last = complaint_counter.last + 1 RETURNING last",
                         {day}));
  const auto no = fmt::format("TS{}-{:04}", day, n.int64(0));
  const auto code = identity::random_token(12);
  auto accept_due = YC_TRY(calendar::due_date(tx, today, s.accept_days, false));
  const auto opt = [](const auto& v) { return v ? store::Param(static_cast<std::int64_t>(*v)) : store::null_param(); };
  auto id = YC_TRY(tx.one(
      "INSERT INTO complaint (complaint_no, query_code_hash, kind, category, channel, anonymous, reporter_name_sealed, "
      "reporter_phone_sealed, reporter_id_sealed, content_sealed, case_id, site_id, window_number, staff_id, unit_code, "
      "unit_path, state, accept_due_day, received_day, created_by, created_at, citizen_id) VALUES ($1, $2, $3, $4, $5, $6, "
      "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'received', $17, $18, $19, $20, $21) RETURNING id",
      {no, privacy::sm3_hex(code), ct.kind, ct.category, ct.channel, std::int64_t{ct.anonymous ? 1 : 0}, name_sealed,
       phone_sealed, id_sealed, content, opt(case_id), opt(site_id), opt(in.window_number), opt(in.staff_id), unit,
       path, accept_due.iso(), today.iso(), opt(by), now, opt(in.citizen_id)}));
  YC_TRY_VOID(stats::add(tx, stats::Where{today, unit, path, ""}, {{stats::metric::kComplaintsReceived, 1}}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "complaint.submit", "complaint", std::to_string(id.int64(0)))));
  auto row = YC_TRY(tx.one(fmt::format("SELECT {}{}WHERE c.id = $1", kCols, kFrom), {id.int64(0)}));
  return Created{complaint_from(row, today), code};
}

Result<Complaint> public_view(store::Tx& tx, const std::string& complaint_no, const std::string& code,
                              const time::Date& today) {
  const auto not_found = [] { return fail(ErrorCode::kNotFound, "未找到投诉，请核对编号和查询码", "complaint_no"); };
  if (complaint_no.size() > 20 || code.empty() || code.size() > 64) return not_found();
  auto row = tx.one(fmt::format("SELECT {}, c.query_code_hash{}WHERE c.complaint_no = $1", kCols, kFrom), {complaint_no});
  if (!row) return not_found();
  const auto expected = row->text(kPathCol + 1);
  const auto got = privacy::sm3_hex(code);
  if (got.size() != expected.size() || CRYPTO_memcmp(got.data(), expected.data(), got.size()) != 0) return not_found();
  auto c = complaint_from(*row, today);
  // The reporter sees the steps and the answer, not the staff.
  c.staff_name_masked.clear();
  c.assignee_name.clear();
  c.callback_note.clear();
  return c;
}

Result<std::vector<Complaint>> of_citizen(store::Tx& tx, std::int64_t citizen_id, const time::Date& today) {
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}{}WHERE c.citizen_id = $1 ORDER BY c.id DESC LIMIT 100", kCols, kFrom),
                              {citizen_id}));
  std::vector<Complaint> out;
  for (const auto& r : rows.rows) {
    auto c = complaint_from(r, today);
    c.staff_name_masked.clear();
    c.assignee_name.clear();
    c.callback_note.clear();
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<Complaint>> list(store::Tx& tx, const org::Scope& scope, std::int64_t viewer, const Filter& f,
                                    const time::Date& today) {
  std::vector<store::Param> params{viewer};
  std::string where = "(c.staff_id IS NULL OR c.staff_id <> $1) AND " + scope.sql("c.unit_path", params);
  if (!f.state.empty()) {
    if (state_name(f.state).empty()) return fail(ErrorCode::kInvalidArgument, "状态不正确", "state");
    params.emplace_back(f.state);
    where += fmt::format(" AND c.state = ${}", params.size());
  }
  if (!f.unit_code.empty()) {
    auto unit = tx.one("SELECT path FROM org_unit WHERE code = $1", {f.unit_code});
    if (!unit || !scope.covers(unit->text(0))) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
    params.emplace_back(unit->text(0) + "%");
    where += fmt::format(" AND c.unit_path LIKE ${}", params.size());
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}{}WHERE {} ORDER BY c.created_at DESC, c.id DESC LIMIT 500", kCols,
                                          kFrom, where),
                              params));
  std::vector<Complaint> out;
  for (const auto& r : rows.rows) out.push_back(complaint_from(r, today));
  return out;
}

Result<Complaint> get(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope, std::int64_t viewer,
                      std::int64_t id, const time::Date& today) {
  auto c = YC_TRY(load(tx, scope, viewer, id, today));
  auto sealed = YC_TRY(tx.one("SELECT content_sealed FROM complaint WHERE id = $1", {id}));
  c.content = YC_TRY(keys.decrypt(sealed.text(0), kContent));
  return c;
}

Result<Reporter> reveal_reporter(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                                 const org::Scope& scope, std::int64_t viewer, std::int64_t id) {
  auto c = YC_TRY(load(tx, scope, viewer, id, time::Date{}));
  if (c.anonymous) return fail(ErrorCode::kNotFound, "匿名投诉没有投诉人信息", "id");
  auto row = YC_TRY(tx.one("SELECT reporter_name_sealed, reporter_phone_sealed, reporter_id_sealed FROM complaint "
                           "WHERE id = $1",
                           {id}));
  Reporter r;
  r.name = YC_TRY(keys.decrypt(row.text(0), kName));
  r.phone = YC_TRY(keys.decrypt(row.text(1), kPhone));
  if (!row.text(2).empty()) r.id_number = YC_TRY(keys.decrypt(row.text(2), kId));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "complaint.reporter.reveal", "complaint", std::to_string(id))));
  return r;
}

Result<Complaint> accept(store::Tx& tx, const privacy::KeyRing& keys, const Settings& s, const audit::Actor& actor,
                         const org::Scope& scope, std::int64_t by, std::int64_t id,
                         std::optional<std::int64_t> assignee, const std::string& category, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto c = YC_TRY(load(tx, scope, by, id, today));
  if (!can(c.state, "accept")) return fail(ErrorCode::kConflict, fmt::format("该投诉{}，不能再受理", state_name(c.state)), "state");
  if (!category.empty() && !valid_category(category)) return fail(ErrorCode::kInvalidArgument, "问题类别不正确", "category");
  const auto handler = assignee.value_or(by);
  YC_TRY_VOID(check_handler(tx, c, YC_TRY(path_of(tx, id)), handler));
  auto due = YC_TRY(calendar::due_date(tx, today, s.reply_days, false));
  auto n = YC_TRY(tx.exec("UPDATE complaint SET state = 'accepted', assignee_id = $1, reply_due_day = $2, accepted_at = $3, "
                          "category = $4, escalation_due_day = NULL, version = version + 1 WHERE id = $5 AND state = 'received'",
                          {handler, due.iso(), now, category.empty() ? c.category : category, id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该投诉已被他人处理，请刷新", "state");
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "complaint.accept", "complaint", std::to_string(id))));
  return reload(tx, keys, scope, by, id, now);
}

Result<Complaint> reject(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                         const org::Scope& scope, std::int64_t by, std::int64_t id, const std::string& reason,
                         std::int64_t now) {
  auto c = YC_TRY(load(tx, scope, by, id, time::shanghai_date(now)));
  if (!can(c.state, "reject")) return fail(ErrorCode::kConflict, fmt::format("该投诉{}，不能不予受理", state_name(c.state)), "state");
  if (utf8_length(reason) < 4 || utf8_length(reason) > 500)
    return fail(ErrorCode::kInvalidArgument, "请写明不予受理的理由和依据", "reason");
  auto n = YC_TRY(tx.exec("UPDATE complaint SET state = 'rejected', reject_reason = $1, closed_at = $2, assignee_id = $3, "
                          "version = version + 1 WHERE id = $4 AND state = 'received'",
                          {reason, now, by, id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该投诉已被他人处理，请刷新", "state");
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "complaint.reject", "complaint", std::to_string(id))));
  return reload(tx, keys, scope, by, id, now);
}

Result<Complaint> assign(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                         const org::Scope& scope, std::int64_t by, std::int64_t id, std::int64_t assignee,
                         std::int64_t now) {
  auto c = YC_TRY(load(tx, scope, by, id, time::shanghai_date(now)));
  if (!can(c.state, "assign")) return fail(ErrorCode::kConflict, fmt::format("该投诉{}，不能再交办", state_name(c.state)), "state");
  YC_TRY_VOID(check_handler(tx, c, YC_TRY(path_of(tx, id)), assignee));
  YC_TRY(tx.exec("UPDATE complaint SET assignee_id = $1, version = version + 1 WHERE id = $2", {assignee, id}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "complaint.assign", "complaint", std::to_string(id))));
  return reload(tx, keys, scope, by, id, now);
}

Result<Complaint> reply(store::Tx& tx, const privacy::KeyRing& keys, const Settings& s, const audit::Actor& actor,
                        const org::Scope& scope, std::int64_t by, std::int64_t id, const std::string& text,
                        bool upheld, std::int64_t now) {
  auto c = YC_TRY(load(tx, scope, by, id, time::shanghai_date(now)));
  if (!can(c.state, "reply")) return fail(ErrorCode::kConflict, fmt::format("该投诉{}，不能答复", state_name(c.state)), "state");
  if (!c.assignee_id || *c.assignee_id != by) return fail(ErrorCode::kForbidden, "只有承办人可以答复");
  if (utf8_length(text) < 10 || utf8_length(text) > 2000)
    return fail(ErrorCode::kInvalidArgument, "请写明调查核实情况和处理结果(10 到 2000 字)", "reply");
  auto close_due = YC_TRY(calendar::due_date(tx, time::shanghai_date(now), s.close_days, false));
  YC_TRY(tx.exec("UPDATE complaint SET state = 'replied', reply = $1, upheld = $2, replied_at = $3, close_due_day = $4, "
                 "escalation_due_day = NULL, version = version + 1 WHERE id = $5",
                 {text, std::int64_t{upheld ? 1 : 0}, now, close_due.iso(), id}));
  if (upheld) {
    auto path = YC_TRY(path_of(tx, id));
    YC_TRY_VOID(stats::add(tx, stats::Where{time::shanghai_date(now), c.unit_code, std::move(path), ""},
                           {{stats::metric::kComplaintsUpheld, 1}}));
  }
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "complaint.reply", "complaint", std::to_string(id))));
  return reload(tx, keys, scope, by, id, now);
}

Result<Complaint> close(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                        const org::Scope& scope, std::int64_t by, std::int64_t id, const std::string& outcome,
                        const std::string& note, std::int64_t now) {
  auto c = YC_TRY(load(tx, scope, by, id, time::shanghai_date(now)));
  if (!can(c.state, "close")) return fail(ErrorCode::kConflict, fmt::format("该投诉{}，不能归档", state_name(c.state)), "state");
  const bool named = !c.anonymous;
  const bool ok = named ? (outcome == "reached" || outcome == "unreachable" || outcome == "declined")
                        : outcome == "not_applicable";
  if (!ok)
    return fail(ErrorCode::kInvalidArgument,
                named ? "请记录回访结果(已联系、无法联系或拒绝回访)" : "匿名投诉无需回访，回访结果应为不适用", "outcome");
  if (utf8_length(note) > 500) return fail(ErrorCode::kInvalidArgument, "回访情况不超过 500 字", "note");
  YC_TRY(tx.exec("UPDATE complaint SET state = 'closed', callback_outcome = $1, callback_note = $2, closed_at = $3, "
                 "version = version + 1 WHERE id = $4",
                 {outcome, note, now, id}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "complaint.close", "complaint", std::to_string(id))));
  return reload(tx, keys, scope, by, id, now);
}

Result<std::vector<Assignee>> assignees(store::Tx& tx, const org::Scope& scope, std::int64_t viewer, std::int64_t id) {
  auto c = YC_TRY(load(tx, scope, viewer, id, time::Date{}));
  std::vector<store::Param> params{YC_TRY(path_of(tx, id))};
  std::string where = scope.sql("u.path", params);
  if (c.staff_id) {
    params.emplace_back(*c.staff_id);
    where += fmt::format(" AND a.id <> ${}", params.size());
  }
  // The nearest unit first: the street's officers before the district's.
  auto rows = YC_TRY(tx.query(fmt::format("SELECT a.id, a.name_masked, u.code, u.name, LENGTH(u.path){} AND {} "
                                          "ORDER BY LENGTH(u.path) DESC, a.id",
                                          kHandlerGrants, where),
                              params));
  std::vector<Assignee> out;
  for (const auto& r : rows.rows) {
    const auto account = r.int64(0);
    if (std::any_of(out.begin(), out.end(), [&](const Assignee& a) { return a.account_id == account; })) continue;
    out.push_back(Assignee{account, r.text(1), r.text(2), r.text(3)});
  }
  return out;
}

Result<std::vector<Escalated>> sweep(store::Tx& tx, const audit::Actor& actor, const Settings& s,
                                     const time::Date& today, std::int64_t now) {
  // Late steps of complaints that still have a unit above: the number of
  // levels above is the number of codes in the path less one.
  auto late = YC_TRY(tx.query(
      "SELECT id, unit_code, unit_path, state, escalation, escalated_to, CASE state WHEN 'received' THEN accept_due_day "
      "WHEN 'accepted' THEN reply_due_day ELSE close_due_day END, escalation_due_day FROM complaint "
      "WHERE ((state = 'received' AND COALESCE(escalation_due_day, accept_due_day) < $1) "
      "OR (state = 'accepted' AND COALESCE(escalation_due_day, reply_due_day) < $1) "
      "OR (state = 'replied' AND COALESCE(escalation_due_day, close_due_day) < $1)) "
      "AND escalation < LENGTH(unit_path) - LENGTH(REPLACE(unit_path, '/', '')) - 2 ORDER BY id LIMIT 1000",
      {today.iso()}));
  std::vector<Escalated> out;
  for (const auto& r : late.rows) {
    const auto id = r.int64(0);
    const auto state = r.text(3);
    const auto level = r.int64(4);
    auto step = next_escalation(r.text(2), static_cast<int>(level));
    if (!step) continue;  // at the city: it stays overdue there
    auto next_due = YC_TRY(calendar::due_date(tx, today, s.escalate_days, false));
    auto n = YC_TRY(tx.exec("UPDATE complaint SET escalation = $1, escalated_to = $2, escalated_at = $3, "
                            "escalation_due_day = $4, version = version + 1 WHERE id = $5 AND state = $6 "
                            "AND escalation = $7",
                            {std::int64_t{step->level}, step->unit_code, now, next_due.iso(), id, state, level}));
    if (n == 0) continue;
    const auto from = r.text(5).empty() ? r.text(1) : r.text(5);
    const auto passed = r.opt_text(7).value_or(r.text(6));
    YC_TRY(tx.exec("INSERT INTO complaint_event (complaint_id, kind, step, from_unit, to_unit, due_day, created_at) "
                   "VALUES ($1, 'escalated', $2, $3, $4, $5, $6)",
                   {id, std::string(waiting_step(state)), from, step->unit_code, passed, now}));
    YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "complaint.escalate", "complaint", std::to_string(id))));
    out.push_back(Escalated{id, step->unit_code});
  }
  return out;
}

}  // namespace yc::complaints
