#include "archives/service.hpp"

#include <fmt/format.h>

#include <map>

#include "audit/service.hpp"
#include "calendar/service.hpp"
#include "platform/text.hpp"
#include "privacy/model.hpp"
#include "privacy/person.hpp"

namespace yc::archives {
namespace {

constexpr const char* kPersonContext = "archive_file";
constexpr const char* kBorrowerContext = "archive_loan.borrower_name";

constexpr const char* kLoanCols =
    "l.id, l.borrower_unit, l.borrower_name_masked, l.purpose, l.lent_day, l.due_day, l.state, "
    "COALESCE(l.returned_day, ''), l.return_note, COALESCE(la.name_masked, '')";
constexpr const char* kFileCols =
    "f.id, f.file_no, f.unit_code, u.name, f.id_masked, f.name_masked, f.gender, f.birth_year, f.resident_id, f.source, "
    "f.source_org, f.received_day, f.note, f.pages, f.room, f.cabinet, f.shelf, f.box, f.state, f.transfer_to, "
    "f.transfer_reason, COALESCE(f.transfer_day, ''), f.transfer_receipt, f.created_at, f.updated_at, f.version, "
    "f.unit_path";
constexpr std::size_t kPathCol = 26, kLoanCol = 27;
constexpr const char* kFileFrom =
    " FROM archive_file f JOIN org_unit u ON u.code = f.unit_code "
    "LEFT JOIN archive_loan l ON l.file_id = f.id AND l.state = 'open' LEFT JOIN account la ON la.id = l.lent_by ";

Loan loan_from(const store::Row& r, std::size_t i, const time::Date& today) {
  Loan l{r.int64(i), r.text(i + 1), r.text(i + 2), r.text(i + 3), r.text(i + 4), r.text(i + 5),
         r.text(i + 6), r.text(i + 7), r.text(i + 8), r.text(i + 9), false};
  l.overdue = l.state == "open" && overdue(l.due_day, today);
  return l;
}

File file_from(const store::Row& r, const time::Date& today) {
  File f;
  f.id = r.int64(0);
  f.file_no = r.text(1);
  f.unit_code = r.text(2);
  f.unit_name = r.text(3);
  f.id_masked = r.text(4);
  f.name_masked = r.text(5);
  f.gender = r.text(6);
  f.birth_year = static_cast<int>(r.int64(7));
  f.resident_id = r.opt_int64(8);
  f.source = r.text(9);
  f.source_org = r.text(10);
  f.received_day = r.text(11);
  f.note = r.text(12);
  f.pages = static_cast<int>(r.int64(13));
  f.location = Location{r.text(14), r.text(15), r.text(16), r.text(17)};
  f.state = r.text(18);
  f.transfer_to = r.text(19);
  f.transfer_reason = r.text(20);
  f.transfer_day = r.text(21);
  f.transfer_receipt = r.text(22);
  f.created_at = r.int64(23);
  f.updated_at = r.int64(24);
  f.version = r.int64(25);
  if (!r.is_null(kLoanCol)) f.loan = loan_from(r, kLoanCol, today);
  return f;
}

// In scope, else not found.
Result<File> load(store::Tx& tx, const org::Scope& scope, std::int64_t id, const time::Date& today) {
  auto row = tx.one(fmt::format("SELECT {}, {}{}WHERE f.id = $1", kFileCols, kLoanCols, kFileFrom), {id});
  if (!row || !scope.covers(row->text(kPathCol))) return fail(ErrorCode::kNotFound, "档案不存在", "id");
  return file_from(*row, today);
}

struct Street {
  std::string code, path;
};
// Files and rooms belong to a street (街道) within the scope.
Result<Street> street_of(store::Tx& tx, const org::Scope& scope, const std::string& code) {
  auto row = tx.one("SELECT path, level FROM org_unit WHERE code = $1", {code});
  if (!row || !scope.covers(row->text(0))) return fail(ErrorCode::kNotFound, "单位不存在", "unit_code");
  if (row->int64(1) != 3) return fail(ErrorCode::kInvalidArgument, "档案由街道(乡镇)保管，请选择所属街道", "unit_code");
  return Street{code, row->text(0)};
}

Result<time::Date> day_or_today(const std::string& day, const time::Date& today, const char* field) {
  if (day.empty()) return today;
  auto d = YC_TRY(time::parse_date(day, field));
  if (d.iso() > today.iso()) return fail(ErrorCode::kInvalidArgument, "日期不能晚于今天", field);
  return d;
}

Result<void> text_field(const std::string& v, std::size_t min, std::size_t max, const char* what, const char* field) {
  const auto n = utf8_length(v);
  if (n < min || n > max) {
    return fail(ErrorCode::kInvalidArgument,
                min > 0 ? fmt::format("请填写{}(不超过 {} 字)", what, max) : fmt::format("{}不超过 {} 字", what, max), field);
  }
  return {};
}

// One line of the file's history and its audit entry, in the caller's transaction.
Result<void> record(store::Tx& tx, const audit::Actor& actor, std::int64_t file, const char* kind,
                    const std::string& detail, const time::Date& day, std::int64_t by, std::int64_t now) {
  YC_TRY(tx.exec("INSERT INTO archive_event (file_id, kind, detail, day, by_account, created_at) VALUES ($1, $2, $3, $4, "
                 "$5, $6)",
                 {file, std::string(kind), detail, day.iso(), by, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, fmt::format("archive.{}", kind), "archive_file", std::to_string(file))));
  return {};
}

std::string like_escaped(std::string_view s) {
  std::string out = "%";
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

constexpr const char* kCheckCols =
    "SELECT c.id, c.unit_code, u.name, c.room, c.check_day, c.note, COALESCE(a.name_masked, ''), c.checked_at, "
    "c.temperature_x10, c.humidity_x10, c.extinguisher_ok, c.smoke_detector_ok, c.pests, c.leaks, c.flags, c.abnormal "
    "FROM archive_room_check c JOIN org_unit u ON u.code = c.unit_code LEFT JOIN account a ON a.id = c.checked_by ";

RoomCheck check_from(const store::Row& r) {
  RoomCheck c;
  c.id = r.int64(0);
  c.unit_code = r.text(1);
  c.unit_name = r.text(2);
  c.room = r.text(3);
  c.check_day = r.text(4);
  c.note = r.text(5);
  c.checked_by_name = r.text(6);
  c.checked_at = r.int64(7);
  c.reading = Reading{static_cast<int>(r.int64(8)), static_cast<int>(r.int64(9)), r.int64(10) != 0, r.int64(11) != 0,
                      r.int64(12) != 0, r.int64(13) != 0};
  c.flags = split_list(r.text(14));
  c.abnormal = r.int64(15) != 0;
  return c;
}

}  // namespace

Result<File> intake(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor, const org::Scope& scope,
                    std::int64_t by, const std::string& own_unit, const NewFile& in, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  const auto street = YC_TRY(street_of(tx, scope, in.unit_code.empty() ? own_unit : in.unit_code));
  const auto person = YC_TRY(privacy::seal_person(keys, {in.id_number, in.name, "", ""}, kPersonContext, today));
  if (!valid_source(in.source)) return fail(ErrorCode::kInvalidArgument, "请选择档案来源(转入或失业登记新建)", "source");
  if (in.source == "transfer_in") YC_TRY_VOID(text_field(in.source_org, 1, 100, "转出单位", "source_org"));
  if (in.pages < 1 || in.pages > 5000) return fail(ErrorCode::kInvalidArgument, "请填写档案页数(1 到 5000)", "pages");
  YC_TRY_VOID(text_field(in.note, 0, 500, "备注", "note"));
  YC_TRY_VOID(validate(in.location));
  const auto received = YC_TRY(day_or_today(in.received_day, today, "received_day"));
  // One file in custody per person (policy annex 一(一)): a second one comes only after a transfer out.
  if (auto held = tx.one("SELECT file_no, unit_path FROM archive_file WHERE id_hash = $1 AND state <> 'transferred'",
                         {person.id_hash})) {
    return fail(ErrorCode::kConflict,
                scope.covers(held->text(1)) ? fmt::format("该人员已有在管档案 {}，不能重复建档", held->text(0))
                                            : std::string("该人员的档案由其他街道保管，请先办理转出转入"),
                "id_number");
  }
  auto resident = tx.one("SELECT id FROM resident WHERE id_hash = $1", {person.id_hash});
  auto n = YC_TRY(tx.one("INSERT INTO archive_counter (unit_code, year, last) VALUES ($1, $2, 1) ON CONFLICT (unit_code, "
                         "year) DO UPDATE SET last = archive_counter.last + 1 RETURNING last",
                         {street.code, std::int64_t{today.year}}));
  const auto no = file_no(street.code, today.year, n.int64(0));
  const auto& l = in.location;
  auto id = YC_TRY(tx.one(
      "INSERT INTO archive_file (file_no, unit_code, unit_path, id_hash, id_sealed, id_masked, name_sealed, name_masked, "
      "gender, birth_year, resident_id, source, source_org, received_day, pages, note, room, cabinet, shelf, box, state, "
      "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
      "$17, $18, $19, $20, 'in_store', $21, $22, $22) RETURNING id",
      {no, street.code, street.path, person.id_hash, person.id_sealed, person.id_masked, person.name_sealed,
       person.name_masked, person.gender, std::int64_t{person.birth_year},
       resident ? store::Param(resident->int64(0)) : store::null_param(), in.source,
       in.source == "transfer_in" ? in.source_org : std::string(), received.iso(), std::int64_t{in.pages}, in.note,
       l.room, l.cabinet, l.shelf, l.box, by, now}))
                .int64(0);
  YC_TRY_VOID(record(tx, actor, id, "intake",
                     fmt::format("{}接收，{} 页，存放于 {}", source_name(in.source), in.pages, describe(l)), received, by,
                     now));
  return load(tx, scope, id, today);
}

Result<std::vector<File>> list(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope, const Filter& f,
                               const time::Date& today) {
  std::vector<store::Param> params;
  std::string where = scope.sql("f.unit_path", params);
  if (!f.state.empty()) {
    if (state_name(f.state).empty()) return fail(ErrorCode::kInvalidArgument, "状态不正确", "state");
    params.emplace_back(f.state);
    where += fmt::format(" AND f.state = ${}", params.size());
  }
  if (!f.unit_code.empty()) {
    auto unit = tx.one("SELECT path FROM org_unit WHERE code = $1", {f.unit_code});
    if (!unit || !scope.covers(unit->text(0))) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
    params.emplace_back(unit->text(0) + "%");
    where += fmt::format(" AND f.unit_path LIKE ${}", params.size());
  }
  if (!f.q.empty()) {
    if (utf8_length(f.q) > 50) return fail(ErrorCode::kInvalidArgument, "查询内容不超过 50 字", "q");
    const auto id = privacy::normal_resident_id(f.q);
    if (id.size() == 18 && privacy::validate_resident_id(id, today)) {
      params.emplace_back(keys.lookup_hash(id));  // a full ID number finds the person, never shown back
      where += fmt::format(" AND f.id_hash = ${}", params.size());
    } else {
      params.emplace_back(like_escaped(f.q));
      where += fmt::format(" AND (f.file_no LIKE ${0} ESCAPE '\\' OR f.name_masked LIKE ${0} ESCAPE '\\')", params.size());
    }
  }
  if (f.overdue_only) {
    params.emplace_back(today.iso());
    where += fmt::format(" AND l.due_day < ${}", params.size());
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}, {}{}WHERE {} ORDER BY f.received_day DESC, f.id DESC LIMIT 500",
                                          kFileCols, kLoanCols, kFileFrom, where),
                              params));
  std::vector<File> out;
  for (const auto& r : rows.rows) out.push_back(file_from(r, today));
  return out;
}

Result<FileDetail> get(store::Tx& tx, const org::Scope& scope, std::int64_t id, const time::Date& today) {
  FileDetail d{YC_TRY(load(tx, scope, id, today)), {}, {}};
  auto loans = YC_TRY(tx.query(fmt::format("SELECT {} FROM archive_loan l LEFT JOIN account la ON la.id = l.lent_by "
                                           "WHERE l.file_id = $1 ORDER BY l.id DESC",
                                           kLoanCols),
                               {id}));
  for (const auto& r : loans.rows) d.loans.push_back(loan_from(r, 0, today));
  auto events = YC_TRY(tx.query("SELECT e.kind, e.detail, e.day, COALESCE(a.name_masked, ''), e.created_at FROM "
                                "archive_event e LEFT JOIN account a ON a.id = e.by_account WHERE e.file_id = $1 "
                                "ORDER BY e.id",
                                {id}));
  for (const auto& r : events.rows) d.history.push_back(Event{r.text(0), r.text(1), r.text(2), r.text(3), r.int64(4)});
  return d;
}

Result<Person> reveal(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor, const org::Scope& scope,
                      std::int64_t id) {
  YC_TRY(load(tx, scope, id, time::Date{}));
  auto row = YC_TRY(tx.one("SELECT id_sealed, name_sealed FROM archive_file WHERE id = $1", {id}));
  auto p = YC_TRY(privacy::open_person(keys, {row.text(0), row.text(1), "", ""}, kPersonContext));
  YC_TRY(audit::append(tx, audit::entry_for(actor, "archive.reveal", "archive_file", std::to_string(id))));
  return Person{p.id_number, p.name};
}

Result<File> move(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by, std::int64_t id,
                  std::int64_t version, const Location& to, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto f = YC_TRY(load(tx, scope, id, today));
  YC_TRY_VOID(check(f.state, Action::kMove));
  YC_TRY_VOID(validate(to));
  if (to == f.location) return fail(ErrorCode::kInvalidArgument, "新位置与原位置相同", "room");
  YC_TRY(store::update_versioned(tx, "archive_file", "room = $1, cabinet = $2, shelf = $3, box = $4, updated_at = $5",
                                 {to.room, to.cabinet, to.shelf, to.box, now}, id, version));
  YC_TRY_VOID(record(tx, actor, id, "move", fmt::format("由 {} 移至 {}", describe(f.location), describe(to)), today, by, now));
  return load(tx, scope, id, today);
}

Result<File> lend(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor, const org::Scope& scope,
                  std::int64_t by, std::int64_t id, const NewLoan& in, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto f = YC_TRY(load(tx, scope, id, today));
  // A lent file comes back before it goes out again (policy annex 一(一)).
  YC_TRY_VOID(check(f.state, Action::kLend));
  YC_TRY_VOID(text_field(in.borrower_unit, 1, 100, "借阅单位", "borrower_unit"));
  YC_TRY_VOID(text_field(in.borrower_name, 0, 50, "借阅人姓名", "borrower_name"));
  YC_TRY_VOID(text_field(in.purpose, 2, 200, "借阅用途", "purpose"));
  const auto lent = YC_TRY(day_or_today(in.lent_day, today, "lent_day"));
  if (lent.iso() < f.received_day) return fail(ErrorCode::kInvalidArgument, "借出日期不能早于档案接收日期", "lent_day");
  const auto due = in.due_day.empty() ? YC_TRY(calendar::due_date(tx, lent, kDefaultLoanDays, false))
                                      : YC_TRY(time::parse_date(in.due_day, "due_day"));
  if (due.iso() < lent.iso()) return fail(ErrorCode::kInvalidArgument, "应还日期不能早于借出日期", "due_day");
  std::string name_sealed, name_masked;
  if (!in.borrower_name.empty()) {
    name_sealed = YC_TRY(keys.encrypt(in.borrower_name, kBorrowerContext));
    name_masked = privacy::mask_name(in.borrower_name);
  }
  auto n = YC_TRY(tx.exec("UPDATE archive_file SET state = 'lent', updated_at = $1, version = version + 1 WHERE id = $2 "
                          "AND state = 'in_store'",
                          {now, id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该档案已被他人处理，请刷新", "state");
  // The partial unique index archive_loan_open holds the same rule in the schema.
  YC_TRY(tx.exec("INSERT INTO archive_loan (file_id, borrower_unit, borrower_name_sealed, borrower_name_masked, purpose, "
                 "lent_day, due_day, state, lent_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9)",
                 {id, in.borrower_unit, name_sealed, name_masked, in.purpose, lent.iso(), due.iso(), by, now}));
  YC_TRY_VOID(record(tx, actor, id, "lend",
                     fmt::format("借给{}{}，用途：{}，应还日期 {}", in.borrower_unit,
                                 name_masked.empty() ? "" : " " + name_masked, in.purpose, due.iso()),
                     lent, by, now));
  return load(tx, scope, id, today);
}

Result<File> give_back(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                       std::int64_t id, const std::string& returned_day, const std::string& condition, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto f = YC_TRY(load(tx, scope, id, today));
  YC_TRY_VOID(check(f.state, Action::kReturn));
  if (!f.loan) return fail(ErrorCode::kConflict, "没有待归还的借阅，请刷新", "state");
  YC_TRY_VOID(text_field(condition, 1, 200, "归还时档案的完好情况", "condition"));
  const auto back = YC_TRY(day_or_today(returned_day, today, "returned_day"));
  if (back.iso() < f.loan->lent_day) return fail(ErrorCode::kInvalidArgument, "归还日期不能早于借出日期", "returned_day");
  YC_TRY(tx.exec("UPDATE archive_loan SET state = 'returned', returned_day = $1, return_note = $2, returned_by = $3, "
                 "returned_at = $4 WHERE id = $5 AND state = 'open'",
                 {back.iso(), condition, by, now, f.loan->id}));
  auto n = YC_TRY(tx.exec("UPDATE archive_file SET state = 'in_store', updated_at = $1, version = version + 1 WHERE id = $2 "
                          "AND state = 'lent'",
                          {now, id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该档案已被他人处理，请刷新", "state");
  const bool late = back.iso() > f.loan->due_day;
  YC_TRY_VOID(record(tx, actor, id, "return",
                     fmt::format("{}归还{}，{}", f.loan->borrower_unit, late ? "(逾期)" : "", condition), back, by, now));
  return load(tx, scope, id, today);
}

Result<File> transfer(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                      std::int64_t id, const Transfer& t, std::int64_t now) {
  const auto today = time::shanghai_date(now);
  auto f = YC_TRY(load(tx, scope, id, today));
  YC_TRY_VOID(check(f.state, Action::kTransfer));
  YC_TRY_VOID(text_field(t.to_org, 1, 100, "接收单位", "to_org"));
  YC_TRY_VOID(text_field(t.reason, 2, 200, "转出原因", "reason"));
  YC_TRY_VOID(text_field(t.receipt_no, 1, 50, "回执编号", "receipt_no"));
  const auto day = YC_TRY(day_or_today(t.day, today, "day"));
  if (day.iso() < f.received_day) return fail(ErrorCode::kInvalidArgument, "转出日期不能早于档案接收日期", "day");
  auto n = YC_TRY(tx.exec("UPDATE archive_file SET state = 'transferred', transfer_to = $1, transfer_reason = $2, "
                          "transfer_day = $3, transfer_receipt = $4, updated_at = $5, version = version + 1 WHERE id = $6 "
                          "AND state = 'in_store'",
                          {t.to_org, t.reason, day.iso(), t.receipt_no, now, id}));
  if (n == 0) return fail(ErrorCode::kConflict, "该档案已被他人处理，请刷新", "state");
  YC_TRY_VOID(record(tx, actor, id, "transfer",
                     fmt::format("转出至{}，原因：{}，回执编号 {}", t.to_org, t.reason, t.receipt_no), day, by, now));
  return load(tx, scope, id, today);
}

Result<RoomCheck> record_check(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t by,
                               const std::string& own_unit, const NewRoomCheck& in, std::int64_t now) {
  const auto street = YC_TRY(street_of(tx, scope, in.unit_code.empty() ? own_unit : in.unit_code));
  YC_TRY_VOID(text_field(in.room, 1, 20, "库房", "room"));
  YC_TRY_VOID(validate(in.reading));
  YC_TRY_VOID(text_field(in.note, 0, 500, "检查情况说明", "note"));
  const auto at = in.checked_at.value_or(now);
  if (at > now + 60'000) return fail(ErrorCode::kInvalidArgument, "检查时间不能晚于现在", "checked_at");
  const auto found = flags(in.reading);
  std::string list;
  for (const auto& f : found) list += (list.empty() ? "" : ",") + f;
  const auto& r = in.reading;
  const auto b = [](bool v) { return std::int64_t{v ? 1 : 0}; };
  auto id = YC_TRY(tx.one("INSERT INTO archive_room_check (unit_code, unit_path, room, checked_at, check_day, "
                          "temperature_x10, humidity_x10, extinguisher_ok, smoke_detector_ok, pests, leaks, note, flags, "
                          "abnormal, checked_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                          "$14, $15, $16) RETURNING id",
                          {street.code, street.path, in.room, at, time::shanghai_date(at).iso(),
                           std::int64_t{r.temperature_x10}, std::int64_t{r.humidity_x10}, b(r.extinguisher_ok),
                           b(r.smoke_detector_ok), b(r.pests), b(r.leaks), in.note, list, b(!found.empty()), by, now}))
                .int64(0);
  YC_TRY(audit::append(tx, audit::entry_for(actor, "archive.room_check", "archive_room_check", std::to_string(id))));
  return check_from(YC_TRY(tx.one(fmt::format("{}WHERE c.id = $1", kCheckCols), {id})));
}

Result<std::vector<RoomCheck>> checks(store::Tx& tx, const org::Scope& scope, const CheckFilter& f) {
  std::vector<store::Param> params;
  std::string where = scope.sql("c.unit_path", params);
  if (!f.unit_code.empty()) {
    auto unit = tx.one("SELECT path FROM org_unit WHERE code = $1", {f.unit_code});
    if (!unit || !scope.covers(unit->text(0))) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
    params.emplace_back(unit->text(0) + "%");
    where += fmt::format(" AND c.unit_path LIKE ${}", params.size());
  }
  if (!f.room.empty()) {
    params.emplace_back(f.room);
    where += fmt::format(" AND c.room = ${}", params.size());
  }
  if (!f.from.empty()) {
    params.emplace_back(YC_TRY(time::parse_date(f.from, "from")).iso());
    where += fmt::format(" AND c.check_day >= ${}", params.size());
  }
  if (!f.to.empty()) {
    params.emplace_back(YC_TRY(time::parse_date(f.to, "to")).iso());
    where += fmt::format(" AND c.check_day <= ${}", params.size());
  }
  if (f.abnormal_only) where += " AND c.abnormal = 1";
  auto rows = YC_TRY(tx.query(
      fmt::format("{}WHERE {} ORDER BY c.checked_at DESC, c.id DESC LIMIT 500", kCheckCols, where), params));
  std::vector<RoomCheck> out;
  for (const auto& r : rows.rows) out.push_back(check_from(r));
  return out;
}

Result<std::vector<Room>> rooms(store::Tx& tx, const org::Scope& scope) {
  std::map<std::pair<std::string, std::string>, Room> by_room;
  std::vector<store::Param> params;
  auto held = YC_TRY(tx.query(fmt::format("SELECT f.unit_code, u.name, f.room, COUNT(*) FROM archive_file f JOIN org_unit u "
                                          "ON u.code = f.unit_code WHERE f.state <> 'transferred' AND {} "
                                          "GROUP BY f.unit_code, u.name, f.room",
                                          scope.sql("f.unit_path", params)),
                              params));
  for (const auto& r : held.rows)
    by_room[{r.text(0), r.text(2)}] = Room{r.text(0), r.text(1), r.text(2), static_cast<int>(r.int64(3)), {}, "", false};
  params.clear();
  auto last = YC_TRY(tx.query(
      fmt::format("SELECT c.unit_code, u.name, c.room, c.checked_at, c.check_day, c.abnormal FROM archive_room_check c "
                  "JOIN org_unit u ON u.code = c.unit_code JOIN (SELECT unit_code, room, MAX(checked_at) AS m FROM "
                  "archive_room_check WHERE {} GROUP BY unit_code, room) l ON l.unit_code = c.unit_code AND "
                  "l.room = c.room AND l.m = c.checked_at",
                  scope.sql("unit_path", params)),
      params));
  for (const auto& r : last.rows) {
    auto& room = by_room[{r.text(0), r.text(2)}];
    room.unit_code = r.text(0);
    room.unit_name = r.text(1);
    room.room = r.text(2);
    room.last_checked_at = r.int64(3);
    room.last_check_day = r.text(4);
    room.last_abnormal = room.last_abnormal || r.int64(5) != 0;
  }
  std::vector<Room> out;
  for (auto& [key, room] : by_room) out.push_back(std::move(room));
  return out;
}

}  // namespace yc::archives
