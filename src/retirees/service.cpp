#include "retirees/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/service.hpp"
#include "platform/text.hpp"

namespace yc::retirees {
namespace {

constexpr const char* kPerson = "retiree";  // seal_person's context: retiree.id, retiree.name, ...
constexpr const char* kContactNote = "retiree_contact.note";
constexpr const char* kDeathNote = "retiree_death_report.note";

constexpr const char* kCols =
    "r.id, r.kind, r.unit_code, u.name, r.id_masked, r.name_masked, r.phone_masked, r.address_masked, r.gender, "
    "r.birth_year, r.injury_level, r.benefit_kind, r.start_day, r.former_employer, r.status, r.benefits_active, "
    "r.death_day, r.benefit_stop_day, r.last_contact_day, r.created_at, r.version, r.unit_path";
constexpr const char* kFrom = " FROM retiree r JOIN org_unit u ON u.code = r.unit_code ";
constexpr std::size_t kPathCol = 21;

Retiree retiree_from(const store::Row& r, const time::Date& today) {
  Retiree x;
  x.id = r.int64(0);
  x.kind = r.text(1);
  x.unit_code = r.text(2);
  x.unit_name = r.text(3);
  x.id_masked = r.text(4);
  x.name_masked = r.text(5);
  x.phone_masked = r.text(6);
  x.address_masked = r.text(7);
  x.gender = r.text(8);
  x.birth_year = static_cast<int>(r.int64(9));
  if (auto l = r.opt_int64(10)) x.injury_level = static_cast<int>(*l);
  x.benefit_kind = r.text(11);
  x.start_day = r.text(12);
  x.former_employer = r.text(13);
  x.status = r.text(14);
  x.benefits_active = r.int64(15) != 0;
  x.death_day = r.opt_text(16);
  x.benefit_stop_day = r.opt_text(17);
  x.last_contact_day = r.opt_text(18);
  x.created_at = r.int64(19);
  x.version = r.int64(20);
  x.uncontacted = uncontacted_this_year(x.status, x.last_contact_day, today);
  return x;
}

Result<Retiree> load(store::Tx& tx, const org::Scope& scope, std::int64_t id, const time::Date& today) {
  auto row = tx.one(fmt::format("SELECT {}{}WHERE r.id = $1", kCols, kFrom), {id});
  if (!row || !scope.covers(row->text(kPathCol))) return fail(ErrorCode::kNotFound, "人员不存在", "id");
  return retiree_from(*row, today);
}

// A community (社区/村) within the scope; "" is an error too.
Result<std::string> community_path(store::Tx& tx, const org::Scope& scope, const std::string& code) {
  auto unit = tx.one("SELECT path, level FROM org_unit WHERE code = $1", {code});
  if (!unit || !scope.covers(unit->text(0))) return fail(ErrorCode::kNotFound, "社区不存在或不在您的管辖范围内", "unit_code");
  if (unit->int64(1) != 4) return fail(ErrorCode::kInvalidArgument, "请选择人员所在的社区(村)", "unit_code");
  return unit->text(0);
}

Result<std::vector<Activity>> activities_where(store::Tx& tx, const std::string& where,
                                               const std::vector<store::Param>& params) {
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT a.id, a.unit_code, u.name, a.kind, a.title, a.day, a.place, a.content, a.created_at, "
                  "(SELECT COUNT(*) FROM retiree_activity_participant p WHERE p.activity_id = a.id) FROM retiree_activity a "
                  "JOIN org_unit u ON u.code = a.unit_code WHERE {} ORDER BY a.day DESC, a.id DESC LIMIT 500",
                  where),
      params));
  std::vector<Activity> out;
  for (const auto& r : rows.rows)
    out.push_back(Activity{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7),
                           static_cast<int>(r.int64(9)), {}, r.int64(8)});
  return out;
}

Result<Detail> detail(store::Tx& tx, const privacy::KeyRing& keys, const Retiree& r) {
  Detail d{r, {}, {}, {}};
  auto contacts = YC_TRY(tx.query("SELECT c.id, c.day, c.method, c.note_sealed, a.name_masked, c.created_at FROM "
                                  "retiree_contact c JOIN account a ON a.id = c.by_account WHERE c.retiree_id = $1 "
                                  "ORDER BY c.day DESC, c.id DESC LIMIT 200",
                                  {r.id}));
  for (const auto& c : contacts.rows) {
    auto note = c.text(3).empty() ? std::string() : YC_TRY(keys.decrypt(c.text(3), kContactNote));
    d.contacts.push_back(Contact{c.int64(0), c.text(1), c.text(2), std::move(note), c.text(4), c.int64(5)});
  }
  d.activities = YC_TRY(activities_where(
      tx, "a.id IN (SELECT activity_id FROM retiree_activity_participant WHERE retiree_id = $1)", {r.id}));
  auto reports = YC_TRY(tx.query(
      "SELECT d.id, d.death_day, d.source, d.note_sealed, d.state, d.reported_by, ra.name_masked, d.reported_at, "
      "d.checked_by, COALESCE(ca.name_masked, ''), d.checked_at, d.reject_reason, d.benefit_stop_day FROM "
      "retiree_death_report d JOIN account ra ON ra.id = d.reported_by LEFT JOIN account ca ON ca.id = d.checked_by "
      "WHERE d.retiree_id = $1 ORDER BY d.id DESC",
      {r.id}));
  for (const auto& x : reports.rows) {
    DeathReport dr;
    dr.id = x.int64(0);
    dr.death_day = x.text(1);
    dr.source = x.text(2);
    if (!x.text(3).empty()) dr.note = YC_TRY(keys.decrypt(x.text(3), kDeathNote));
    dr.state = x.text(4);
    dr.reported_by = x.int64(5);
    dr.reported_by_name = x.text(6);
    dr.reported_at = x.int64(7);
    dr.checked_by = x.opt_int64(8);
    dr.checked_by_name = x.text(9);
    dr.checked_at = x.opt_int64(10);
    dr.reject_reason = x.text(11);
    dr.benefit_stop_day = x.opt_text(12);
    d.death_reports.push_back(std::move(dr));
  }
  return d;
}

Result<Detail> reload(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope, std::int64_t id,
                      std::int64_t now) {
  return detail(tx, keys, YC_TRY(load(tx, scope, id, time::shanghai_date(now))));
}

Result<bool> formal_staff(store::Tx& tx, std::int64_t account) {
  return YC_TRY(tx.one("SELECT formal_staff FROM account WHERE id = $1", {account})).int64(0) != 0;
}

}  // namespace

Result<Retiree> add(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor, const org::Scope& scope,
                    std::int64_t by, const NewRetiree& in, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  const auto path = YC_TRY(community_path(tx, scope, in.unit_code));
  YC_TRY_VOID(validate(in.entry, today));
  const auto p = YC_TRY(privacy::seal_person(keys, in.person, kPerson, today));
  const auto& e = in.entry;
  // One entry per person and kind: a retiree may also draw a work-injury benefit.
  if (tx.one("SELECT id FROM retiree WHERE kind = $1 AND id_hash = $2", {e.kind, p.id_hash}))
    return fail(ErrorCode::kConflict, fmt::format("该身份证号已登记为{}(可能在其他社区)", kind_name(e.kind)), "id_number");
  const auto level = e.injury_level ? store::Param(std::int64_t{*e.injury_level}) : store::null_param();
  auto id = YC_TRY(tx.one(
      "INSERT INTO retiree (kind, unit_code, unit_path, id_hash, id_sealed, id_masked, name_sealed, name_masked, "
      "phone_sealed, phone_masked, address_sealed, address_masked, gender, birth_year, injury_level, benefit_kind, "
      "start_day, former_employer, status, benefits_active, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, "
      "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 'active', 1, $19, $20, $20) RETURNING id",
      {e.kind, in.unit_code, path, p.id_hash, p.id_sealed, p.id_masked, p.name_sealed, p.name_masked, p.phone_sealed,
       p.phone_masked, p.address_sealed, p.address_masked, p.gender, std::int64_t{p.birth_year}, level, e.benefit_kind,
       e.start_day, e.former_employer, by, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "retiree.add", "retiree", std::to_string(id.int64(0)))));
  return load(tx, scope, id.int64(0), today);
}

Result<std::vector<Retiree>> list(store::Tx& tx, const org::Scope& scope, const Filter& f, const time::Date& today) {
  std::vector<store::Param> params;
  std::string where = scope.sql("r.unit_path", params);
  const auto and_ = [&](std::string_view cond, store::Param v) {
    params.push_back(std::move(v));
    where += fmt::format(" AND {}${}", cond, params.size());
  };
  if (!f.unit_code.empty()) {
    auto unit = tx.one("SELECT path FROM org_unit WHERE code = $1", {f.unit_code});
    if (!unit || !scope.covers(unit->text(0))) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
    and_("r.unit_path LIKE ", unit->text(0) + "%");
  }
  if (!f.kind.empty()) {
    if (kind_name(f.kind).empty()) return fail(ErrorCode::kInvalidArgument, "人员类别不正确", "kind");
    and_("r.kind = ", f.kind);
  }
  if (!f.status.empty()) {
    if (status_name(f.status).empty()) return fail(ErrorCode::kInvalidArgument, "状态不正确", "status");
    and_("r.status = ", f.status);
  }
  if (f.uncontacted) {
    and_("r.status <> 'deceased' AND (r.last_contact_day IS NULL OR r.last_contact_day < ", time::Date{today.year, 1, 1}.iso());
    where += ")";
  }
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT {}{}WHERE {} ORDER BY r.created_at DESC, r.id DESC LIMIT 500", kCols, kFrom, where), params));
  std::vector<Retiree> out;
  for (const auto& r : rows.rows) out.push_back(retiree_from(r, today));
  return out;
}

Result<Detail> get(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope, std::int64_t id,
                   const time::Date& today) {
  return detail(tx, keys, YC_TRY(load(tx, scope, id, today)));
}

Result<privacy::PersonInput> reveal(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                                    const org::Scope& scope, std::int64_t id) {
  YC_TRY(load(tx, scope, id, time::Date{}));
  auto row = YC_TRY(tx.one("SELECT id_sealed, name_sealed, phone_sealed, address_sealed FROM retiree WHERE id = $1", {id}));
  auto person = YC_TRY(privacy::open_person(keys, {row.text(0), row.text(1), row.text(2), row.text(3)}, kPerson));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "retiree.reveal", "retiree", std::to_string(id))));
  return person;
}

Result<Detail> add_contact(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                           const org::Scope& scope, std::int64_t by, std::int64_t id, const NewContact& in,
                           std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto r = YC_TRY(load(tx, scope, id, today));
  if (r.status == "deceased") return fail(ErrorCode::kConflict, "该人员已故，不再联系", "status");
  const auto day = YC_TRY(parse_past_day(in.day, today, "day")).iso();
  if (contact_method_name(in.method).empty()) return fail(ErrorCode::kInvalidArgument, "请选择联系方式", "method");
  if (utf8_length(in.note) > 500) return fail(ErrorCode::kInvalidArgument, "联系情况不超过 500 字", "note");
  const auto note = in.note.empty() ? std::string() : YC_TRY(keys.encrypt(in.note, kContactNote));
  auto cid = YC_TRY(tx.one("INSERT INTO retiree_contact (retiree_id, day, method, note_sealed, by_account, created_at) "
                           "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                           {id, day, in.method, note, by, now}));
  YC_TRY(tx.exec("UPDATE retiree SET last_contact_day = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND "
                 "(last_contact_day IS NULL OR last_contact_day < $1)",
                 {day, now, id}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "retiree.contact", "retiree_contact", std::to_string(cid.int64(0)))));
  return reload(tx, keys, scope, id, now);
}

Result<Activity> add_activity(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                              const NewActivity& in, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  const auto path = YC_TRY(community_path(tx, scope, in.unit_code));
  if (activity_kind_name(in.kind).empty()) return fail(ErrorCode::kInvalidArgument, "请选择活动类别", "kind");
  if (in.title.empty() || utf8_length(in.title) > 100) return fail(ErrorCode::kInvalidArgument, "请填写活动名称(100 字以内)", "title");
  const auto day = YC_TRY(parse_past_day(in.day, today, "day")).iso();
  if (in.place.empty() || utf8_length(in.place) > 100) return fail(ErrorCode::kInvalidArgument, "请填写活动地点(100 字以内)", "place");
  if (utf8_length(in.content) > 2000) return fail(ErrorCode::kInvalidArgument, "活动内容不超过 2000 字", "content");
  auto people = in.participants;
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  if (people.size() > 500) return fail(ErrorCode::kInvalidArgument, "参加人员不超过 500 人", "participants");
  for (auto p : people) {
    auto row = tx.one("SELECT unit_path FROM retiree WHERE id = $1", {p});
    if (!row || !scope.covers(row->text(0)))
      return fail(ErrorCode::kInvalidArgument, "参加人员不存在或不在您的管辖范围内", "participants");
  }
  auto id = YC_TRY(tx.one("INSERT INTO retiree_activity (unit_code, unit_path, kind, title, day, place, content, created_by, "
                          "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                          {in.unit_code, path, in.kind, in.title, day, in.place, in.content, by, now}))
                .int64(0);
  for (auto p : people)
    YC_TRY(tx.exec("INSERT INTO retiree_activity_participant (activity_id, retiree_id) VALUES ($1, $2)", {id, p}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "retiree.activity.add", "retiree_activity", std::to_string(id))));
  return activity(tx, scope, id, today);
}

Result<std::vector<Activity>> activities(store::Tx& tx, const org::Scope& scope, const std::string& unit_code) {
  std::vector<store::Param> params;
  std::string where = scope.sql("a.unit_path", params);
  if (!unit_code.empty()) {
    auto unit = tx.one("SELECT path FROM org_unit WHERE code = $1", {unit_code});
    if (!unit || !scope.covers(unit->text(0))) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
    params.emplace_back(unit->text(0) + "%");
    where += fmt::format(" AND a.unit_path LIKE ${}", params.size());
  }
  return activities_where(tx, where, params);
}

Result<Activity> activity(store::Tx& tx, const org::Scope& scope, std::int64_t id, const time::Date& today) {
  auto path = tx.one("SELECT unit_path FROM retiree_activity WHERE id = $1", {id});
  if (!path || !scope.covers(path->text(0))) return fail(ErrorCode::kNotFound, "活动不存在", "id");
  auto a = YC_TRY(activities_where(tx, "a.id = $1", {id}));
  auto out = std::move(a.at(0));
  // Participants the caller may see; one registered elsewhere since stays counted.
  std::vector<store::Param> params{id};
  const auto where = scope.sql("r.unit_path", params);
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}{}JOIN retiree_activity_participant p ON p.retiree_id = r.id "
                                          "WHERE p.activity_id = $1 AND {} ORDER BY r.id",
                                          kCols, kFrom, where),
                              params));
  for (const auto& r : rows.rows) out.participants.push_back(retiree_from(r, today));
  return out;
}

Result<Detail> report_death(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                            const org::Scope& scope, std::int64_t by, std::int64_t id, const NewDeathReport& in,
                            std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto r = YC_TRY(load(tx, scope, id, today));
  YC_TRY_VOID(check_death_step(DeathStep::kReport, YC_TRY(formal_staff(tx, by)), by));
  if (r.status != "active")
    return fail(ErrorCode::kConflict, fmt::format("该人员状态为{}，不能再报告死亡", status_name(r.status)), "status");
  const auto death = YC_TRY(parse_past_day(in.death_day, today, "death_day"));
  if (death.year < r.birth_year) return fail(ErrorCode::kInvalidArgument, "死亡日期早于出生日期", "death_day");
  if (death_source_name(in.source).empty()) return fail(ErrorCode::kInvalidArgument, "请选择信息来源", "source");
  if (utf8_length(in.note) > 500) return fail(ErrorCode::kInvalidArgument, "情况说明不超过 500 字", "note");
  const auto note = in.note.empty() ? std::string() : YC_TRY(keys.encrypt(in.note, kDeathNote));
  auto n = YC_TRY(tx.exec("UPDATE retiree SET status = 'death_reported', updated_at = $1, version = version + 1 WHERE "
                          "id = $2 AND status = 'active'",
                          {now, id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该人员已有待复核的死亡报告，请刷新", "status");
  auto rid = YC_TRY(tx.one("INSERT INTO retiree_death_report (retiree_id, death_day, source, note_sealed, state, "
                           "reported_by, reported_at) VALUES ($1, $2, $3, $4, 'open', $5, $6) RETURNING id",
                           {id, death.iso(), in.source, note, by, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "retiree.death.report", "retiree_death_report",
                                                 std::to_string(rid.int64(0)))));
  return reload(tx, keys, scope, id, now);
}

Result<Detail> recheck_death(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                             const org::Scope& scope, std::int64_t by, std::int64_t id, Decision decision,
                             const std::string& reason, std::int64_t now) {
  YC_TRY(load(tx, scope, id, time::shanghai_date(now)));
  auto open = tx.one("SELECT id, death_day, reported_by FROM retiree_death_report WHERE retiree_id = $1 AND state = 'open'",
                     {id});
  if (!open) return fail(ErrorCode::kConflict, "该人员没有待复核的死亡报告", "status");
  const auto report = open->int64(0);
  YC_TRY_VOID(check_death_step(DeathStep::kRecheck, YC_TRY(formal_staff(tx, by)), by, open->int64(2)));
  if (decision == Decision::kReject) {
    if (utf8_length(reason) < 4 || utf8_length(reason) > 500)
      return fail(ErrorCode::kInvalidArgument, "请写明退回的理由(4 到 500 字)", "reason");
    auto n = YC_TRY(tx.exec("UPDATE retiree_death_report SET state = 'rejected', checked_by = $1, checked_at = $2, "
                            "reject_reason = $3 WHERE id = $4 AND state = 'open'",
                            {by, now, reason, report}));
    if (n == 0) return fail(ErrorCode::kConflict, "该报告已被他人复核，请刷新", "status");
    YC_TRY(tx.exec("UPDATE retiree SET status = 'active', updated_at = $1, version = version + 1 WHERE id = $2",
                   {now, id}));
    YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "retiree.death.reject", "retiree_death_report",
                                                   std::to_string(report))));
    return reload(tx, keys, scope, id, now);
  }
  const auto death = YC_TRY(parse_past_day(open->text(1), time::Date{2100, 12, 31}, "death_day"));
  const auto stop = benefit_stop_day(death).iso();
  auto n = YC_TRY(tx.exec("UPDATE retiree_death_report SET state = 'confirmed', checked_by = $1, checked_at = $2, "
                          "benefit_stop_day = $3 WHERE id = $4 AND state = 'open'",
                          {by, now, stop, report}));
  if (n == 0) return fail(ErrorCode::kConflict, "该报告已被他人复核，请刷新", "status");
  YC_TRY(tx.exec("UPDATE retiree SET status = 'deceased', benefits_active = 0, death_day = $1, benefit_stop_day = $2, "
                 "updated_at = $3, version = version + 1 WHERE id = $4",
                 {death.iso(), stop, now, id}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "retiree.death.confirm", "retiree_death_report",
                                                 std::to_string(report))));
  return reload(tx, keys, scope, id, now);
}

}  // namespace yc::retirees
