#include "cases/service.hpp"
#include "cases/internal.hpp"
#include "staff/model.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <openssl/crypto.h>

#include "audit/service.hpp"
#include "calendar/service.hpp"
#include "catalog/service.hpp"
#include "identity/secrets.hpp"
#include "org/service.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"
#include "privacy/model.hpp"
#include "stats/counters.hpp"
#include "exchange/outbox.hpp"
#include "notify/notify.hpp"

namespace yc::cases {

// Catalog versions never change once a case refers to them, so their parsed
// items are kept (a bounded cache; cleared when full).
class ItemCache {
 public:
  Result<std::shared_ptr<const catalog::Item>> get(store::Tx& tx, std::int64_t version_id) {
    {
      std::lock_guard lock(mu_);
      if (auto it = items_.find(version_id); it != items_.end()) return it->second;
    }
    auto v = YC_TRY(catalog::get_version(tx, version_id));
    auto item = std::make_shared<const catalog::Item>(std::move(v.item));
    std::lock_guard lock(mu_);
    if (items_.size() >= 1024) items_.clear();
    items_.emplace(version_id, item);
    return item;
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::int64_t, std::shared_ptr<const catalog::Item>> items_;
};


namespace detail {

namespace json = boost::json;
using store::Param;
using store::Row;
using store::Tx;

constexpr const char* kCaseCols =
    "c.id, c.version, c.case_no, c.item_code, c.item_name, c.item_version_id, c.channel, c.status, c.outcome, "
    "c.intake_unit_code, c.intake_path, c.handling_unit_code, c.handling_path, c.site_id, c.window_number, "
    "c.ticket, c.consultation_id, c.applicant_kind, c.applicant_id_masked, c.applicant_name_masked, "
    "c.applicant_phone_masked, c.agent_kind, c.agent_name_masked, c.agent_id_masked, c.agent_phone_masked, "
    "c.intake_by, c.accepted_by, c.entered_by, c.promised_days, c.correction_suspends, c.recheck_sampled, "
    "c.chain, c.accepted_day, c.due_day, c.warn_day, c.suspended_since, c.suspended_days, c.accepted_at, "
    "c.completed_at, c.delivered_at, c.warned_at, c.overdue_at, c.reject_reason, c.reject_basis, "
    "c.created_at, c.recorded_at, c.updated_at, c.progress_token, "
    "COALESCE((SELECT u.name FROM org_unit u WHERE u.code = c.intake_unit_code), ''), "
    "COALESCE((SELECT u.name FROM org_unit u WHERE u.code = c.handling_unit_code), '')";
constexpr std::size_t kCaseColCount = 50;

std::string join_chain(const std::vector<std::string>& chain) {
  std::string out;
  for (const auto& s : chain) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::optional<int> opt_int(const Row& r, std::size_t i) {
  auto v = r.opt_int64(i);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

Case case_from(const Row& r, std::size_t o = 0) {
  Case c;
  c.id = r.int64(o + 0);
  c.version = r.int64(o + 1);
  c.case_no = r.text(o + 2);
  c.item_code = r.text(o + 3);
  c.item_name = r.text(o + 4);
  c.item_version_id = r.int64(o + 5);
  c.channel = r.text(o + 6);
  c.status = r.text(o + 7);
  c.outcome = r.text(o + 8);
  c.intake_unit_code = r.text(o + 9);
  c.intake_path = r.text(o + 10);
  c.handling_unit_code = r.text(o + 11);
  c.handling_path = r.text(o + 12);
  c.site_id = r.opt_int64(o + 13);
  c.window_number = opt_int(r, o + 14);
  c.ticket = r.text(o + 15);
  c.consultation_id = r.opt_int64(o + 16);
  c.applicant_kind = r.text(o + 17);
  c.applicant_id_masked = r.text(o + 18);
  c.applicant_name_masked = r.text(o + 19);
  c.applicant_phone_masked = r.text(o + 20);
  c.agent_kind = r.text(o + 21);
  c.agent_name_masked = r.text(o + 22);
  c.agent_id_masked = r.text(o + 23);
  c.agent_phone_masked = r.text(o + 24);
  c.intake_by = r.opt_int64(o + 25).value_or(0);  // 0: an online case nobody has taken yet
  c.accepted_by = r.opt_int64(o + 26);
  c.entered_by = r.opt_int64(o + 27);
  c.promised_days = static_cast<int>(r.int64(o + 28));
  c.correction_suspends = r.int64(o + 29) != 0;
  c.recheck_sampled = r.int64(o + 30) != 0;
  c.chain = split_list(r.text(o + 31));
  c.accepted_day = r.opt_text(o + 32);
  c.due_day = r.opt_text(o + 33);
  c.warn_day = r.opt_text(o + 34);
  c.suspended_since = r.opt_text(o + 35);
  c.suspended_days = static_cast<int>(r.int64(o + 36));
  c.accepted_at = r.opt_int64(o + 37);
  c.completed_at = r.opt_int64(o + 38);
  c.delivered_at = r.opt_int64(o + 39);
  c.warned_at = r.opt_int64(o + 40);
  c.overdue_at = r.opt_int64(o + 41);
  c.reject_reason = r.text(o + 42);
  c.reject_basis = r.text(o + 43);
  c.created_at = r.int64(o + 44);
  c.recorded_at = r.int64(o + 45);
  c.updated_at = r.int64(o + 46);
  c.progress_token = r.text(o + 47);
  c.intake_unit_name = r.text(o + 48);
  c.handling_unit_name = r.text(o + 49);
  return c;
}

Result<Case> load_case(Tx& tx, std::int64_t id) {
  auto row = tx.one(fmt::format("SELECT {} FROM service_case c WHERE c.id = $1", kCaseCols), {id});
  if (!row) {
    if (row.error().code == ErrorCode::kNotFound) return fail(ErrorCode::kNotFound, "办件不存在", "id");
    return Unexpected{row.error()};
  }
  return case_from(*row);
}

// The case, if the scope covers the hall where it was taken; else 404.
Result<Case> intake_case(Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto c = YC_TRY(load_case(tx, id));
  if (!scope.covers(c.intake_path)) return fail(ErrorCode::kNotFound, "办件不存在", "id");
  return c;
}

bool visible(const View& v, const Case& c) { return v.intake.covers(c.intake_path) || v.handling.covers(c.handling_path); }

Unexpected wrong_state(const Case& c, std::string_view doing) {
  return fail(ErrorCode::kConflict,
              fmt::format("办件当前为“{}”,不能{}", status_label(c.status), doing), "status");
}

Unexpected bad(std::string field, std::string message) {
  return fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

Result<void> check_text(std::string_view field, const std::string& value, std::size_t max, bool required,
                        std::string_view what) {
  if (required && value.empty()) return bad(std::string(field), fmt::format("请填写{}", what));
  if (utf8_length(value) > max) return bad(std::string(field), fmt::format("{}不超过 {} 字", what, max));
  return {};
}

// The case's row moves on: one writer wins, the other sees 409.
Result<void> bump(Tx& tx, Case& c, std::string_view set_sql, std::vector<Param> params, std::int64_t now) {
  params.emplace_back(now);
  const auto set = fmt::format("{}{}updated_at = ${}", set_sql, set_sql.empty() ? "" : ", ", params.size());
  auto v = store::update_versioned(tx, "service_case", set, std::move(params), c.id, c.version);
  if (!v) {
    if (v.error().code == ErrorCode::kVersionConflict) {
      auto now_case = load_case(tx, c.id);
      return fail(ErrorCode::kConflict,
                  fmt::format("办件已被他人更新,当前为“{}”,请刷新后再试",
                              now_case ? status_label(now_case->status) : std::string_view("未知")),
                  "version");
    }
    return Unexpected{v.error()};
  }
  c.version = *v;
  c.updated_at = now;
  return {};
}

Result<void> add_event(Tx& tx, std::int64_t case_id, const EventIn& e, std::int64_t at) {
  YC_TRY_VOID(tx.exec(
      "INSERT INTO case_event (case_id, kind, step, actor_id, unit_code, window_number, note, public, at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {case_id, e.kind, e.step, e.actor ? Param{*e.actor} : store::null_param(), e.unit_code,
       e.window_number ? Param{static_cast<std::int64_t>(*e.window_number)} : store::null_param(), e.note,
       static_cast<std::int64_t>(e.is_public ? 1 : 0), at}));
  return {};
}

Result<void> audit_case(Tx& tx, const Who& who, std::string action, const Case& c, std::string outcome) {
  auto e = audit::entry_for(who.actor, std::move(action), "service_case", c.case_no);
  e.outcome = std::move(outcome);
  e.after_digest = audit::digest({c.case_no, c.status, std::to_string(c.version)});
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return {};
}

Result<UnitInfo> load_unit(Tx& tx, const std::string& code, std::string_view field) {
  auto row = tx.one("SELECT code, path, name, level, parent_code FROM org_unit WHERE code = $1", {code});
  if (!row) {
    if (row.error().code == ErrorCode::kNotFound) return fail(ErrorCode::kInvalidArgument, "单位不存在", std::string(field));
    return Unexpected{row.error()};
  }
  return UnitInfo{row->text(0), row->text(1), row->text(2), static_cast<int>(row->int64(3)), row->text(4)};
}

Result<calendar::Exceptions> exceptions_from(Tx& tx, const time::Date& from) {
  // Two years ahead covers any time limit (legal limits are at most 365 days).
  return calendar::load(tx, from.iso(), time::Date{from.year + 2, 12, 31}.iso());
}

std::string today_of(std::int64_t now) { return time::shanghai_date(now).iso(); }

Result<std::shared_ptr<const catalog::Item>> item_of(ItemCache& cache, Tx& tx, const Case& c) {
  return cache.get(tx, c.item_version_id);
}

Result<std::vector<Material>> load_materials(Tx& tx, std::int64_t case_id) {
  auto rows = YC_TRY(tx.query(
      "SELECT m.idx, m.name, m.required, m.condition_text, m.expected_form, m.shared, m.state, m.received_form, "
      "m.reason, (SELECT COUNT(*) FROM case_file f WHERE f.case_id = m.case_id AND f.material_idx = m.idx) "
      "FROM case_material m WHERE m.case_id = $1 ORDER BY m.idx",
      {case_id}));
  std::vector<Material> out;
  for (const auto& r : rows.rows) {
    Material m;
    m.idx = static_cast<int>(r.int64(0));
    m.name = r.text(1);
    m.required = r.int64(2) != 0;
    m.condition = r.text(3);
    m.expected_form = r.text(4);
    m.shared = r.int64(5) != 0;
    m.state = r.text(6);
    m.received_form = r.text(7);
    m.reason = r.text(8);
    m.files = static_cast<int>(r.int64(9));
    out.push_back(std::move(m));
  }
  return out;
}

Result<std::vector<Notice>> load_notices(Tx& tx, std::int64_t case_id) {
  auto rows = YC_TRY(tx.query(
      "SELECT n.id, n.number, n.notice_no, n.note, a.login, n.items, n.issued_at FROM case_notice n "
      "JOIN account a ON a.id = n.issued_by WHERE n.case_id = $1 ORDER BY n.number",
      {case_id}));
  std::vector<Notice> out;
  for (const auto& r : rows.rows) {
    Notice n;
    n.id = r.int64(0);
    n.number = static_cast<int>(r.int64(1));
    n.notice_no = r.text(2);
    n.note = r.text(3);
    n.issued_by_login = r.text(4);
    n.issued_at = r.int64(6);
    const json::value items = json::parse(r.text(5));
    for (const auto& l : items.as_array()) {
      const auto& o = l.as_object();
      n.lines.push_back(Notice::Line{static_cast<int>(o.at("idx").as_int64()), std::string(o.at("name").as_string()),
                                     std::string(o.at("state").as_string()),
                                     std::string(o.at("reason").as_string())});
    }
    out.push_back(std::move(n));
  }
  return out;
}

Result<std::set<int>> load_additions(Tx& tx, std::int64_t case_id) {
  auto rows = YC_TRY(tx.query("SELECT material_idx FROM case_notice_addition WHERE case_id = $1", {case_id}));
  std::set<int> out;
  for (const auto& r : rows.rows) out.insert(static_cast<int>(r.int64(0)));
  return out;
}

constexpr const char* kTaskCols =
    "t.id, t.case_id, t.version, t.step, t.unit_code, u.name, t.state, t.action, t.opinion, t.assignee_id, "
    "t.acted_by, t.acted_at, COALESCE(sa.login, ''), COALESCE(sb.login, ''), t.created_at";
constexpr const char* kTaskJoins =
    "FROM case_task t JOIN org_unit u ON u.code = t.unit_code LEFT JOIN account sa ON sa.id = t.assignee_id "
    "LEFT JOIN account sb ON sb.id = t.acted_by";
constexpr std::size_t kTaskColCount = 15;

Task task_from(const Row& r) {
  Task t;
  t.id = r.int64(0);
  t.case_id = r.int64(1);
  t.version = r.int64(2);
  t.step = r.text(3);
  t.unit_code = r.text(4);
  t.unit_name = r.text(5);
  t.state = r.text(6);
  t.action = r.text(7);
  t.opinion = r.text(8);
  t.assignee_id = r.opt_int64(9);
  t.acted_by = r.opt_int64(10);
  t.acted_at = r.opt_int64(11);
  t.assignee_login = r.text(12);
  t.acted_login = r.text(13);
  t.created_at = r.int64(14);
  return t;
}

Result<Task> load_task(Tx& tx, std::int64_t id) {
  auto row = tx.one(fmt::format("SELECT {} {} WHERE t.id = $1", kTaskCols, kTaskJoins), {id});
  if (!row) {
    if (row.error().code == ErrorCode::kNotFound) return fail(ErrorCode::kNotFound, "待办不存在", "id");
    return Unexpected{row.error()};
  }
  return task_from(*row);
}

Result<std::int64_t> open_task(Tx& tx, const Case& c, const std::string& step, const std::string& unit_code,
                               const std::string& unit_path, std::int64_t now) {
  auto row = YC_TRY(tx.one(
      "INSERT INTO case_task (case_id, step, unit_code, unit_path, state, created_at) "
      "VALUES ($1, $2, $3, $4, 'open', $5) RETURNING id",
      {c.id, step, unit_code, unit_path, now}));
  YC_TRY_VOID(add_event(tx, c.id, EventIn{"task_opened", step, std::nullopt, unit_code, std::nullopt, "", true}, now));
  return row.int64(0);
}

// Writes the sealed bytes as <dir>/<aa>/<digest>.sealed, durably, before
// the row that names them commits. The same content is stored once.
// A filesystem error as the client should see it: a full disk or a
// read-only one is the server's passing state (503), not a fault of the
// request (issue 13, item 3).
Error file_error(int err) {
  if (err == ENOSPC || err == EDQUOT) return Error::make(ErrorCode::kStorageFull, "存储空间不足,文件未保存");
  if (err == EROFS) return Error::make(ErrorCode::kReadOnly);
  return Error::make(ErrorCode::kInternal, "无法写入文件");
}

Result<std::string> store_file(const std::string& dir, const std::string& digest, const std::string& sealed) {
  namespace fs = std::filesystem;
  const fs::path sub = fs::path(dir) / digest.substr(0, 2);
  const fs::path path = sub / (digest + ".sealed");
  std::error_code ec;
  fs::create_directories(sub, ec);
  if (ec) return Unexpected{file_error(ec.value())};
  if (fs::exists(path, ec)) {
    // Named again: the touch keeps the unused-upload purge from removing it
    // while the row that names it is on its way (remove_orphan_files).
    fs::last_write_time(path, fs::file_time_type::clock::now(), ec);
    return path.filename().string();
  }
  // One temporary name per write: two uploads of the same bytes at once
  // must not write into each other's file.
  static std::atomic<std::uint64_t> serial{0};
  const fs::path tmp = sub / fmt::format("{}.tmp.{}.{}", digest, ::getpid(), ++serial);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Unexpected{file_error(errno)};
  auto give_up = [&](int err) -> Result<std::string> {
    ::close(fd);
    ::unlink(tmp.c_str());
    return Unexpected{file_error(err)};
  };
  std::size_t done = 0;
  while (done < sealed.size()) {
    const auto n = ::write(fd, sealed.data() + done, sealed.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return give_up(errno);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return give_up(errno);
  ::close(fd);
  fs::rename(tmp, path, ec);
  if (ec) {
    ::unlink(tmp.c_str());
    return Unexpected{file_error(ec.value())};
  }
  const int dfd = ::open(sub.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return path.filename().string();
}

}  // namespace detail
using namespace detail;  // NOLINT(google-build-using-namespace): this file defines them

Service::Service(const privacy::KeyRing& keys, Policy policy)
    : keys_(keys), policy_(std::move(policy)), items_(std::make_shared<ItemCache>()) {}

// --- Consultations ------------------------------------------------------------------------

namespace detail {
constexpr const char* kConsultCols =
    "k.id, k.channel, k.unit_code, k.site_id, COALESCE(k.item_code, ''), COALESCE(v.name, ''), k.question, "
    "k.answer, k.contact_name_masked, k.contact_phone_masked, k.first_clerk_id, a1.login, k.owner_id, a2.login, "
    "k.case_id, k.created_at, k.version";
constexpr const char* kConsultJoins =
    "FROM consultation k JOIN account a1 ON a1.id = k.first_clerk_id JOIN account a2 ON a2.id = k.owner_id "
    "LEFT JOIN catalog_version v ON v.item_code = k.item_code AND v.number = "
    "(SELECT MAX(v2.number) FROM catalog_version v2 WHERE v2.item_code = k.item_code AND v2.status = 'published')";

Consultation consultation_from(const Row& r) {
  Consultation k;
  k.id = r.int64(0);
  k.channel = r.text(1);
  k.unit_code = r.text(2);
  k.site_id = r.opt_int64(3);
  k.item_code = r.text(4);
  k.item_name = r.text(5);
  k.question = r.text(6);
  k.answer = r.text(7);
  k.contact_name_masked = r.text(8);
  k.contact_phone_masked = r.text(9);
  k.first_clerk_id = r.int64(10);
  k.first_clerk_login = r.text(11);
  k.owner_id = r.int64(12);
  k.owner_login = r.text(13);
  k.case_id = r.opt_int64(14);
  k.created_at = r.int64(15);
  k.version = r.int64(16);
  return k;
}

Result<Consultation> load_consultation(Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto row = tx.one(fmt::format("SELECT {}, k.unit_path {} WHERE k.id = $1", kConsultCols, kConsultJoins), {id});
  if (!row) {
    if (row.error().code == ErrorCode::kNotFound) return fail(ErrorCode::kNotFound, "咨询记录不存在", "id");
    return Unexpected{row.error()};
  }
  if (!scope.covers(row->text(17))) return fail(ErrorCode::kNotFound, "咨询记录不存在", "id");
  auto k = consultation_from(*row);
  auto hs = YC_TRY(tx.query(
      "SELECT f.login, t.login, h.reason, h.created_at FROM consultation_handover h JOIN account f ON f.id = "
      "h.from_id JOIN account t ON t.id = h.to_id WHERE h.consultation_id = $1 ORDER BY h.id",
      {id}));
  for (const auto& r : hs.rows) k.handovers.push_back({r.text(0), r.text(1), r.text(2), r.int64(3)});
  return k;
}

// The unit of a site, if the scope covers it.
Result<std::pair<UnitInfo, std::int64_t>> site_unit(Tx& tx, const org::Scope& scope, std::int64_t site_id) {
  const auto place = YC_TRY(org::site_place(tx, scope, site_id));
  return std::make_pair(YC_TRY(load_unit(tx, place.unit_code, "site_id")), site_id);
}

}  // namespace detail

Result<Consultation> Service::consult(Tx& tx, const Who& who, const org::Scope& scope, const ConsultInput& in) {
  if (in.channel != "hall" && in.channel != "phone" && in.channel != "web")
    return bad("channel", "channel 应为 hall、phone 或 web");
  YC_TRY_VOID(check_text("question", in.question, 1000, true, "咨询内容"));
  YC_TRY_VOID(check_text("answer", in.answer, 2000, true, "答复内容"));
  YC_TRY_VOID(check_text("contact_name", in.contact_name, 50, false, "联系人"));
  if (!in.contact_phone.empty()) YC_TRY_VOID(privacy::validate_contact_phone(in.contact_phone, "contact_phone"));
  // The clerk's own unit, or the site's when one is named.
  auto me = YC_TRY(tx.one("SELECT a.unit_code FROM account a WHERE a.id = $1", {who.account}));
  UnitInfo unit = YC_TRY(load_unit(tx, me.text(0), "unit"));
  if (in.site_id) unit = YC_TRY(site_unit(tx, scope, *in.site_id)).first;
  if (!scope.covers(unit.path)) return fail(ErrorCode::kForbidden, "您无权在该单位登记咨询", "site_id");
  if (!in.item_code.empty()) {
    auto item = tx.one("SELECT code FROM catalog_item WHERE code = $1", {in.item_code});
    if (!item) return bad("item_code", "服务事项不存在");
  }
  const auto now = time::now_ms();
  const auto name_sealed = in.contact_name.empty() ? std::string() : YC_TRY(keys_.encrypt(in.contact_name, "consultation.name"));
  const auto phone_sealed = in.contact_phone.empty() ? std::string() : YC_TRY(keys_.encrypt(in.contact_phone, "consultation.phone"));
  auto row = YC_TRY(tx.one(
      "INSERT INTO consultation (channel, unit_code, unit_path, site_id, item_code, question, answer, "
      "contact_name_sealed, contact_name_masked, contact_phone_sealed, contact_phone_masked, first_clerk_id, "
      "owner_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $13) "
      "RETURNING id",
      {in.channel, unit.code, unit.path, in.site_id ? Param{*in.site_id} : store::null_param(),
       in.item_code.empty() ? store::null_param() : Param{in.item_code}, in.question, in.answer, name_sealed,
       in.contact_name.empty() ? std::string() : privacy::mask_name(in.contact_name), phone_sealed,
       in.contact_phone.empty() ? std::string() : privacy::mask_phone(in.contact_phone), who.account, now}));
  const auto id = row.int64(0);
  YC_TRY_VOID(audit::append(tx, audit::entry_for(who.actor, "consultation.create", "consultation", std::to_string(id))));
  return load_consultation(tx, scope, id);
}

Result<std::vector<Consultation>> Service::consultations(Tx& tx, const Who& who, const org::Scope& scope, bool mine,
                                                         int limit) {
  std::vector<Param> params;
  std::string where = scope.sql("k.unit_path", params);
  if (mine) {
    params.emplace_back(who.account);
    where += fmt::format(" AND k.owner_id = ${}", params.size());
  }
  params.emplace_back(static_cast<std::int64_t>(std::clamp(limit, 1, 500)));
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} {} WHERE {} ORDER BY k.id DESC LIMIT ${}", kConsultCols,
                                          kConsultJoins, where, params.size()),
                              params));
  std::vector<Consultation> out;
  for (const auto& r : rows.rows) out.push_back(consultation_from(r));
  return out;
}

Result<Consultation> Service::hand_over(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                                        const std::string& to_login, const std::string& reason) {
  auto k = YC_TRY(load_consultation(tx, scope, id));
  // 首问负责: only the owner lets go, and only to a named colleague.
  if (k.owner_id != who.account) return fail(ErrorCode::kForbidden, "只有当前负责人可以移交", "id");
  YC_TRY_VOID(check_text("reason", reason, 200, true, "移交原因"));
  auto to = tx.one("SELECT a.id, u.path FROM account a JOIN org_unit u ON u.code = a.unit_code "
                   "WHERE a.login = $1 AND a.active = 1",
                   {to_login});
  if (!to || !scope.covers(to->text(1))) return bad("to_login", "接收人不存在或不在本单位范围内");
  if (to->int64(0) == who.account) return bad("to_login", "不能移交给自己");
  const auto now = time::now_ms();
  auto n = YC_TRY(tx.exec("UPDATE consultation SET owner_id = $1, updated_at = $2, version = version + 1 "
                          "WHERE id = $3 AND owner_id = $4",
                          {to->int64(0), now, id, who.account}));
  if (n == 0) return fail(ErrorCode::kConflict, "咨询已被移交,请刷新", "id");
  YC_TRY_VOID(tx.exec("INSERT INTO consultation_handover (consultation_id, from_id, to_id, reason, created_at) "
                      "VALUES ($1, $2, $3, $4, $5)",
                      {id, who.account, to->int64(0), reason, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(who.actor, "consultation.handover", "consultation", std::to_string(id))));
  return load_consultation(tx, scope, id);
}

// --- Intake -------------------------------------------------------------------------------------

namespace detail {

Result<Sealed> seal_party(const privacy::KeyRing& keys, const Party& p, bool employer, std::string_view field,
                          const time::Date& today, std::string_view context) {
  const auto f = [&](std::string_view k) { return fmt::format("{}.{}", field, k); };
  Sealed s;
  if (employer) {
    YC_TRY_VOID(privacy::validate_credit_code(p.id_number, f("id_number")));
    YC_TRY_VOID(check_text(f("name"), p.name, 100, true, "单位名称"));
    // An employer's code and name are public registry data, not personal.
    s.id_masked = p.id_number;
    s.name_masked = p.name;
  } else {
    const auto id = privacy::normal_resident_id(p.id_number);
    YC_TRY_VOID(privacy::validate_resident_id(id, today, f("id_number")));
    YC_TRY_VOID(check_text(f("name"), p.name, 50, true, "姓名"));
    s.id_masked = privacy::mask_id_number(id);
    s.name_masked = privacy::mask_name(p.name);
  }
  if (!p.phone.empty()) {
    YC_TRY_VOID(privacy::validate_contact_phone(p.phone, f("phone")));
    s.phone_masked = privacy::mask_phone(p.phone);
    s.phone_sealed = YC_TRY(keys.encrypt(p.phone, fmt::format("{}.phone", context)));
  }
  const auto id = employer ? p.id_number : privacy::normal_resident_id(p.id_number);
  s.id_sealed = YC_TRY(keys.encrypt(id, fmt::format("{}.id", context)));
  s.id_hash = keys.lookup_hash(id);
  s.name_sealed = YC_TRY(keys.encrypt(p.name, fmt::format("{}.name", context)));
  return s;
}

}  // namespace detail

namespace detail {

// 台账 counters (issue 10): a case counts where it was taken (accepted,
// rejected, delivered) or where it is handled (decided, overdue).
Result<void> count_case(Tx& tx, const Case& c, bool at_handling,
                        const std::vector<std::pair<std::string_view, std::int64_t>>& deltas, std::int64_t now) {
  return stats::add(tx,
                    stats::Where{time::shanghai_date(now), at_handling ? c.handling_unit_code : c.intake_unit_code,
                                 at_handling ? c.handling_path : c.intake_path, c.item_code},
                    deltas);
}

// Webhooks (issue 10, item 7): the event for authorized systems, no personal data.
Result<void> announce(Tx& tx, std::string_view event, const Case& c, bool at_handling, std::int64_t now,
                      boost::json::object extra = {}) {
  extra["case_no"] = c.case_no;
  extra["item_code"] = c.item_code;
  extra["unit_code"] = at_handling ? c.handling_unit_code : c.intake_unit_code;
  return exchange::enqueue(tx, event, at_handling ? c.handling_path : c.intake_path, std::move(extra), now);
}

// The applicant hears of the step (issue 11, item 4): the portal's 消息 and,
// with a phone on the case, an SMS queued in this transaction.
Result<void> tell(Tx& tx, std::string_view kind, const Case& c, std::string detail, std::int64_t now) {
  auto row = YC_TRY(tx.one("SELECT applicant_id_hash, applicant_phone_sealed, progress_token FROM service_case WHERE id = $1",
                           {c.id}));
  return notify::enqueue_case(tx,
                              notify::CaseNote{std::string(kind), c.case_no, c.item_name, row.text(0), row.text(2),
                                               row.text(1), std::move(detail)},
                              now);
}

// A decision (办结) and whether it came by the promised day.
Result<void> count_decision(Tx& tx, const Case& c, std::string_view outcome, std::int64_t now) {
  namespace m = stats::metric;
  const bool on_time = !c.due_day || time::shanghai_date(now).iso() <= *c.due_day;
  YC_TRY_VOID(announce(tx, "case.completed", c, true, now, {{"outcome", std::string(outcome)}, {"on_time", on_time}}));
  YC_TRY_VOID(tell(tx, "case.ready", c, outcome == "approved" ? "准予办理" : "不予办理,理由见决定书", now));
  return count_case(tx, c, true,
                    {{m::kCasesCompleted, 1}, {outcome == "approved" ? m::kCasesApproved : m::kCasesRefused, 1},
                     {m::kCasesOnTime, on_time ? 1 : 0}},
                    now);
}

}  // namespace detail

namespace detail {

Result<std::int64_t> insert_case(Tx& tx, const NewCase& n) {
  // The back office of the hall's street: a community point's cases go to its street.
  UnitInfo handling = n.unit;
  if (n.unit.level == 4 && !n.unit.parent_code.empty()) handling = YC_TRY(load_unit(tx, n.unit.parent_code, "site_id"));
  const auto day = time::shanghai_date(n.created);
  const auto day_key = fmt::format("{:04}{:02}{:02}", day.year, day.month, day.day);
  auto seq = YC_TRY(tx.one("INSERT INTO case_counter (day, last) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE "
                           "SET last = case_counter.last + 1 RETURNING last",
                           {day_key}));
  const auto case_no = case_number(day, seq.int64(0));
  const auto& item = *n.item;
  const auto opt = [](const std::optional<std::int64_t>& v) { return v ? Param{*v} : store::null_param(); };
  auto row = YC_TRY(tx.one(
      "INSERT INTO service_case (case_no, progress_token, item_code, item_version_id, item_name, channel, status, "
      "intake_unit_code, intake_path, site_id, window_number, handling_unit_code, handling_path, ticket, "
      "consultation_id, applicant_kind, applicant_id_sealed, applicant_id_masked, applicant_id_hash, "
      "applicant_name_sealed, applicant_name_masked, applicant_phone_sealed, applicant_phone_masked, agent_kind, "
      "agent_name_sealed, agent_name_masked, agent_id_sealed, agent_id_masked, agent_phone_sealed, "
      "agent_phone_masked, intake_by, entered_by, promised_days, correction_suspends, created_at, recorded_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'intake', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, "
      "$18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $35) RETURNING id",
      {case_no, identity::random_token(16), item.code, n.version_id, item.name, n.channel, n.unit.code, n.unit.path,
       n.site_id,
       n.window_number ? Param{static_cast<std::int64_t>(*n.window_number)} : store::null_param(), handling.code,
       handling.path, n.ticket, opt(n.consultation_id), n.applicant_kind, n.applicant.id_sealed,
       n.applicant.id_masked, n.applicant.id_hash, n.applicant.name_sealed, n.applicant.name_masked,
       n.applicant.phone_sealed, n.applicant.phone_masked, n.agent_kind, n.agent.name_sealed, n.agent.name_masked,
       n.agent.id_sealed, n.agent.id_masked, n.agent.phone_sealed, n.agent.phone_masked, opt(n.intake_by),
       opt(n.entered_by), static_cast<std::int64_t>(item.time_limit.promised_days),
       static_cast<std::int64_t>(item.time_limit.correction_suspends ? 1 : 0), n.created, n.now}));
  const auto id = row.int64(0);
  for (const auto& m : materials_of(item)) {
    YC_TRY_VOID(tx.exec(
        "INSERT INTO case_material (case_id, idx, name, required, condition_text, expected_form, shared, state, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {id, static_cast<std::int64_t>(m.idx), m.name, static_cast<std::int64_t>(m.required ? 1 : 0), m.condition,
         m.expected_form, static_cast<std::int64_t>(m.shared ? 1 : 0), m.state, n.now}));
  }
  return id;
}

}  // namespace detail

Result<Detail> Service::open_case(Tx& tx, const Who& who, const org::Scope& scope, const IntakeInput& in,
                                  std::int64_t now) {
  if (in.channel != "window" && in.channel != "paper") return bad("channel", "channel 应为 window 或 paper");
  std::int64_t created = now;
  if (in.channel == "paper") {
    // 应急处理: back-entry of a paper intake keeps its original time.
    if (!in.original_time) return bad("original_time", "补录纸质受理单须填写原受理时间");
    if (*in.original_time > now || *in.original_time < now - 30LL * 86'400'000)
      return bad("original_time", "原受理时间应在最近 30 天内且不晚于现在");
    created = *in.original_time;
  } else if (in.original_time) {
    return bad("original_time", "只有补录纸质受理单可以填写原受理时间");
  }
  YC_TRY_VOID(check_text("ticket", in.ticket, 20, false, "排队号"));
  auto [unit, site_id] = YC_TRY(site_unit(tx, scope, in.site_id));
  if (in.window_number) {
    auto w = tx.one("SELECT id FROM org_window WHERE site_id = $1 AND number = $2",
                    {site_id, static_cast<std::int64_t>(*in.window_number)});
    if (!w) return bad("window_number", "该场所没有这个窗口");
  }
  // The version in force when the applicant came (for a paper case, then).
  auto version = catalog::get_current(tx, in.item_code, created);
  if (!version) {
    if (version.error().code != ErrorCode::kNotFound) return Unexpected{version.error()};
    if (created != now && catalog::get_current(tx, in.item_code, now))
      return bad("original_time", "该事项在原受理时间尚未施行,请核对原受理时间");
    return bad("item_code", "服务事项不存在或未发布");
  }
  const auto today = time::shanghai_date(now);
  if (in.applicant.kind != "person" && in.applicant.kind != "employer")
    return bad("applicant.kind", "申请人类型应为 person 或 employer");
  auto applicant = YC_TRY(seal_party(keys_, in.applicant, in.applicant.kind == "employer", "applicant", today,
                                     "case.applicant"));
  Sealed agent;
  if (in.agent) {
    if (in.agent->kind != "agent" && in.agent->kind != "proxy") return bad("agent.kind", "代办类型应为 agent 或 proxy");
    agent = YC_TRY(seal_party(keys_, *in.agent, false, "agent", today, "case.agent"));
  }
  if (in.consultation_id) {
    auto k = YC_TRY(load_consultation(tx, scope, *in.consultation_id));
    if (k.case_id) return bad("consultation_id", "该咨询已转为办件");
  }
  NewCase n;
  n.version_id = version->id;
  n.item = &version->item;
  n.channel = in.channel;
  n.unit = unit;
  n.site_id = site_id;
  n.window_number = in.window_number;
  n.ticket = in.ticket;
  n.consultation_id = in.consultation_id;
  n.applicant_kind = in.applicant.kind;
  n.applicant = std::move(applicant);
  n.agent_kind = in.agent ? in.agent->kind : std::string();
  n.agent = std::move(agent);
  n.intake_by = who.account;
  if (in.channel == "paper") n.entered_by = who.account;
  n.created = created;
  n.now = now;
  const auto id = YC_TRY(insert_case(tx, n));
  if (in.consultation_id)
    YC_TRY_VOID(tx.exec("UPDATE consultation SET case_id = $1, updated_at = $2 WHERE id = $3",
                        {id, now, *in.consultation_id}));
  YC_TRY_VOID(add_event(tx, id, EventIn{"opened", "intake", who.account, unit.code, in.window_number, "", true}, created));
  if (in.channel == "paper")
    YC_TRY_VOID(add_event(tx, id, EventIn{"back_entry", "intake", who.account, unit.code, in.window_number,
                                          "应急补录纸质受理单", false}, now));
  auto c = YC_TRY(load_case(tx, id));
  YC_TRY_VOID(audit_case(tx, who, in.channel == "paper" ? "case.back_entry" : "case.open", c));
  return get(tx, View{org::Scope::all(), {}}, id, today.iso());
}

Result<Detail> Service::get(Tx& tx, const View& view, std::int64_t id, const std::string& today) {
  Detail d;
  d.c = YC_TRY(load_case(tx, id));
  if (!visible(view, d.c)) return fail(ErrorCode::kNotFound, "办件不存在", "id");
  d.clock = std::string(clock_state(d.c.status, d.c.due_day, d.c.warn_day, d.c.suspended_since.has_value(), today));
  d.delivery_methods = YC_TRY(item_of(*items_, tx, d.c))->result.delivery;
  d.materials = YC_TRY(load_materials(tx, id));
  auto files = YC_TRY(tx.query("SELECT id, material_idx, purpose, content_type, digest, size, created_at, "
                               "CASE WHEN citizen_id IS NULL THEN 0 ELSE 1 END FROM case_file WHERE case_id = $1 ORDER BY id",
                               {id}));
  for (const auto& r : files.rows)
    d.files.push_back(FileMeta{r.int64(0), opt_int(r, 1), r.text(2), r.text(3), r.text(4), r.int64(5), r.int64(6),
                               r.int64(7) != 0});
  if (d.c.channel == "online") {
    auto o = YC_TRY(tx.query("SELECT delivery, address_masked, declared_at, note FROM case_online WHERE case_id = $1", {id}));
    if (!o.rows.empty())
      d.online = OnlineInfo{o.rows[0].text(0), o.rows[0].text(1), o.rows[0].int64(2), o.rows[0].text(3)};
  }
  d.notices = YC_TRY(load_notices(tx, id));
  const auto additions = YC_TRY(load_additions(tx, id));
  d.additions.assign(additions.begin(), additions.end());
  auto tasks = YC_TRY(tx.query(fmt::format("SELECT {} {} WHERE t.case_id = $1 ORDER BY t.id", kTaskCols, kTaskJoins), {id}));
  for (const auto& r : tasks.rows) d.tasks.push_back(task_from(r));
  auto events = YC_TRY(tx.query(
      "SELECT e.id, e.kind, e.step, COALESCE(a.login, ''), e.unit_code, e.note, e.window_number, e.public, e.at, "
      "e.actor_id, COALESCE(u.name, '') FROM case_event e LEFT JOIN account a ON a.id = e.actor_id "
      "LEFT JOIN org_unit u ON u.code = e.unit_code WHERE e.case_id = $1 ORDER BY e.id",
      {id}));
  for (const auto& r : events.rows) {
    Event e{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), opt_int(r, 6),
            r.int64(7) != 0, r.int64(8), r.opt_int64(9), r.text(10)};
    d.events.push_back(std::move(e));
  }
  auto deliveries = YC_TRY(tx.query(
      "SELECT d.method, d.receiver_name_masked, d.receiver_id_masked, d.tracking_no, d.note, d.identity_checked, "
      "d.window_number, a.login, d.delivered_at FROM case_delivery d JOIN account a ON a.id = d.delivered_by "
      "WHERE d.case_id = $1 ORDER BY d.id",
      {id}));
  for (const auto& r : deliveries.rows)
    d.deliveries.push_back(Delivery{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.int64(5) != 0,
                                    opt_int(r, 6), r.text(7), r.int64(8)});
  auto f = YC_TRY(tx.query("SELECT f.due_day, f.state, f.outcome, f.note, COALESCE(a.login, ''), f.done_at FROM "
                           "case_followup f LEFT JOIN account a ON a.id = f.done_by WHERE f.case_id = $1",
                           {id}));
  if (!f.rows.empty()) {
    const auto& r = f.rows[0];
    d.followup = Followup{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.opt_int64(5)};
  }
  return d;
}

Result<std::vector<Case>> Service::list(Tx& tx, const Who& who, const View& view, const CaseFilter& f) {
  std::vector<Param> params;
  std::string where = fmt::format("({} OR {})", view.intake.sql("c.intake_path", params),
                                  view.handling.sql("c.handling_path", params));
  if (!f.status.empty()) {
    if (!valid_status(f.status)) return bad("status", "未知的办件状态");
    params.emplace_back(f.status);
    where += fmt::format(" AND c.status = ${}", params.size());
  }
  if (!f.channel.empty()) {
    if (f.channel != "window" && f.channel != "online" && f.channel != "paper")
      return bad("channel", "channel 应为 window、online 或 paper");
    params.emplace_back(f.channel);
    where += fmt::format(" AND c.channel = ${}", params.size());
  }
  if (!f.q.empty()) {
    if (f.q.size() == 18) {
      params.emplace_back(keys_.lookup_hash(privacy::normal_resident_id(f.q)));
      where += fmt::format(" AND c.applicant_id_hash = ${}", params.size());
    } else {
      if (f.q.find_first_not_of("0123456789-") != std::string::npos) return bad("q", "请输入办件编号或完整的证件号码");
      params.emplace_back(f.q + "%");
      where += fmt::format(" AND c.case_no LIKE ${}", params.size());
    }
  }
  if (f.mine) {
    params.emplace_back(who.account);
    where += fmt::format(" AND c.intake_by = ${}", params.size());
  }
  const std::string today = f.today.empty() ? today_of(time::now_ms()) : f.today;
  if (f.clock == "warning") {
    params.emplace_back(today);
    where += fmt::format(" AND c.status = 'review' AND c.suspended_since IS NULL AND c.warn_day <= ${0} "
                         "AND c.due_day >= ${0}",
                         params.size());
  } else if (f.clock == "overdue") {
    params.emplace_back(today);
    where += fmt::format(" AND c.status IN ('review', 'returned') AND c.suspended_since IS NULL AND c.due_day < ${}",
                         params.size());
  } else if (f.clock == "suspended") {
    where += " AND c.status = 'returned' AND c.suspended_since IS NOT NULL";
  } else if (!f.clock.empty()) {
    return bad("clock", "clock 应为 warning、overdue 或 suspended");
  }
  params.emplace_back(static_cast<std::int64_t>(std::clamp(f.limit, 1, 500)));
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} FROM service_case c WHERE {} ORDER BY c.id DESC LIMIT ${}",
                                          kCaseCols, where, params.size()),
                              params));
  std::vector<Case> out;
  for (const auto& r : rows.rows) out.push_back(case_from(r));
  return out;
}

Result<Material> Service::judge(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id, int idx,
                                const std::string& state, const std::string& form, const std::string& reason) {
  auto c = YC_TRY(intake_case(tx, scope, id));
  if (c.status != "intake") return wrong_state(c, "核验材料");
  YC_TRY_VOID(take(tx, who, c, time::now_ms()));
  auto materials = YC_TRY(load_materials(tx, id));
  auto it = std::find_if(materials.begin(), materials.end(), [&](const Material& m) { return m.idx == idx; });
  if (it == materials.end()) return fail(ErrorCode::kNotFound, "没有这项材料", "idx");
  YC_TRY_VOID(check_judgement(*it, state, form, reason));
  auto notices = YC_TRY(load_notices(tx, id));
  std::set<int> told;
  for (const auto& n : notices)
    for (const auto& l : n.lines) told.insert(l.idx);
  YC_TRY_VOID(check_notice_growth(idx, state, told, YC_TRY(load_additions(tx, id)), !notices.empty()));
  const auto now = time::now_ms();
  YC_TRY_VOID(tx.exec("UPDATE case_material SET state = $1, received_form = $2, reason = $3, updated_by = $4, "
                      "updated_at = $5 WHERE case_id = $6 AND idx = $7",
                      {state, state == "received" ? form : std::string(), reason, who.account, now, id,
                       static_cast<std::int64_t>(idx)}));
  YC_TRY_VOID(bump(tx, c, "", {}, now));
  YC_TRY_VOID(add_event(tx, id, EventIn{"judged", "intake", who.account, c.intake_unit_code, std::nullopt,
                                        fmt::format("{}:{}", it->name, material_state_label(state, form)), false}, now));
  it->state = state;
  it->received_form = state == "received" ? form : "";
  it->reason = reason;
  return *it;
}

Result<FileMeta> Service::attach(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                                 std::optional<int> material_idx, std::string_view bytes,
                                 std::string_view declared_type) {
  auto c = YC_TRY(intake_case(tx, scope, id));
  if (c.status != "intake" && c.status != "notified" && c.status != "returned") return wrong_state(c, "上传材料");
  if (bytes.empty()) return bad("file", "文件为空");
  if (static_cast<std::int64_t>(bytes.size()) > policy_.max_file_bytes)
    return fail(ErrorCode::kPayloadTooLarge, fmt::format("文件不能超过 {} MB", policy_.max_file_bytes >> 20), "file");
  const auto type = sniff(bytes);
  if (type.empty()) return fail(ErrorCode::kUnsupportedMediaType, "只能上传 JPEG、PNG 图片或 PDF 文件", "file");
  // Checked before anything is stored: a refused upload leaves no file behind.
  if (!declared_type.empty() && declared_type.substr(0, type.size()) != type)
    return fail(ErrorCode::kUnsupportedMediaType, "文件内容与声明的类型不符", "file");
  if (material_idx) {
    auto m = tx.one("SELECT idx FROM case_material WHERE case_id = $1 AND idx = $2",
                    {id, static_cast<std::int64_t>(*material_idx)});
    if (!m) return fail(ErrorCode::kNotFound, "没有这项材料", "material");
  } else if (c.agent_kind.empty()) {
    return bad("material", "没有代办人,无需上传授权委托书");
  }
  const auto digest = privacy::sm3_hex(bytes);
  const auto sealed = YC_TRY(keys_.encrypt(bytes, kFileContext));
  const auto stored = YC_TRY(store_file(policy_.files_dir, digest, sealed));
  const auto now = time::now_ms();
  const std::string purpose = material_idx ? "material" : "authorization";
  auto row = YC_TRY(tx.one(
      "INSERT INTO case_file (case_id, material_idx, purpose, content_type, size, digest, stored_name, uploaded_by, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
      {id, material_idx ? Param{static_cast<std::int64_t>(*material_idx)} : store::null_param(), purpose, type,
       static_cast<std::int64_t>(bytes.size()), digest, stored, who.account, now}));
  YC_TRY_VOID(bump(tx, c, "", {}, now));
  YC_TRY_VOID(add_event(tx, id, EventIn{"file", "intake", who.account, c.intake_unit_code, std::nullopt,
                                        fmt::format("{},{:.1f} KB", type == "application/pdf" ? "PDF 文件" : type == "image/png" ? "PNG 图片" : "JPEG 图片",
                                                    static_cast<double>(bytes.size()) / 1024),
                                        false}, now));
  YC_TRY_VOID(audit_case(tx, who, "case.file.upload", c));
  return FileMeta{row.int64(0), material_idx, purpose, type, digest, static_cast<std::int64_t>(bytes.size()), now};
}

Result<std::pair<FileMeta, std::string>> Service::read_file(Tx& tx, const Who& who, const View& view, std::int64_t id,
                                                            std::int64_t file_id) {
  auto c = YC_TRY(load_case(tx, id));
  if (!visible(view, c)) return fail(ErrorCode::kNotFound, "办件不存在", "id");
  auto r = tx.one("SELECT id, material_idx, purpose, content_type, digest, size, created_at, stored_name FROM case_file "
                  "WHERE id = $1 AND case_id = $2",
                  {file_id, id});
  if (!r) return fail(ErrorCode::kNotFound, "文件不存在", "file_id");
  FileMeta meta{r->int64(0), opt_int(*r, 1), r->text(2), r->text(3), r->text(4), r->int64(5), r->int64(6)};
  const auto path = std::filesystem::path(policy_.files_dir) / meta.digest.substr(0, 2) / r->text(7);
  std::string sealed;
  {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(ErrorCode::kInternal, "文件已丢失,请联系管理员", "file_id");
    char buf[65536];
    for (;;) {
      const auto n = ::read(fd, buf, sizeof buf);
      if (n <= 0) break;
      sealed.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
  }
  auto plain = YC_TRY(keys_.decrypt(sealed, kFileContext));
  if (privacy::sm3_hex(plain) != meta.digest) return fail(ErrorCode::kInternal, "文件校验失败,请联系管理员", "file_id");
  auto e = audit::entry_for(who.actor, "case.file.read", "service_case", c.case_no);
  e.after_digest = meta.digest;
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return std::make_pair(std::move(meta), std::move(plain));
}

Result<Notice> Service::issue_notice(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                                     const std::string& note) {
  auto c = YC_TRY(intake_case(tx, scope, id));
  if (c.status != "intake") return wrong_state(c, "出具一次性告知书");
  YC_TRY_VOID(take(tx, who, c, time::now_ms()));
  YC_TRY_VOID(check_text("note", note, 500, false, "备注"));
  auto materials = YC_TRY(load_materials(tx, id));
  const auto list = notice_list(materials);
  if (list.empty()) return fail(ErrorCode::kUnprocessable, "没有缺少或有误的材料,无需出具一次性告知书", "materials");
  auto count = YC_TRY(tx.one("SELECT COUNT(*) FROM case_notice WHERE case_id = $1", {id}));
  const int number = static_cast<int>(count.int64(0)) + 1;
  json::array items;
  for (const auto* m : list)
    items.push_back(json::object{{"idx", m->idx}, {"name", m->name}, {"state", m->state}, {"reason", m->reason}});
  const auto now = time::now_ms();
  const auto no = notice_number(c.case_no, number);
  YC_TRY_VOID(tx.exec("INSERT INTO case_notice (case_id, number, notice_no, items, note, issued_by, issued_at) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                      {id, static_cast<std::int64_t>(number), no, json::serialize(items), note, who.account, now}));
  YC_TRY_VOID(bump(tx, c, "status = 'notified'", {}, now));
  c.status = "notified";
  YC_TRY_VOID(add_event(tx, id, EventIn{"notice", "intake", who.account, c.intake_unit_code, c.window_number,
                                        fmt::format("一次性告知书 {},需补正 {} 项材料", no, list.size()), true}, now));
  {
    std::string missing;
    for (const auto* m : list) missing += (missing.empty() ? "需补齐:" : "、") + m->name;
    YC_TRY_VOID(tell(tx, "case.notice", c, missing, now));
  }
  YC_TRY_VOID(audit_case(tx, who, "case.notice", c));
  auto notices = YC_TRY(load_notices(tx, id));
  return notices.back();
}

Result<Detail> Service::resume(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id) {
  auto c = YC_TRY(intake_case(tx, scope, id));
  return resume_case(tx, who, std::move(c), "申请人携补正材料返回", time::now_ms());
}

namespace {
// The timeline's actor: the clerk, or nobody for the applicant online.
std::optional<std::int64_t> actor_of(const Who& who) {
  return who.account != 0 ? std::optional<std::int64_t>(who.account) : std::nullopt;
}
}  // namespace

Result<void> Service::take(Tx& tx, const Who& who, Case& c, std::int64_t now) {
  if (c.intake_by != 0 || who.account == 0) return {};
  // Exactly one clerk takes it; the version check of the step that follows
  // refuses the other.
  YC_TRY_VOID(tx.exec("UPDATE service_case SET intake_by = $1 WHERE id = $2 AND intake_by IS NULL", {who.account, c.id}));
  c.intake_by = who.account;
  return add_event(tx, c.id, EventIn{"taken", "intake", who.account, c.intake_unit_code, std::nullopt, "网上申报,窗口预审", false},
                   now);
}

Result<Detail> Service::resume_case(Tx& tx, const Who& who, Case c, const std::string& note, std::int64_t now) {
  if (c.status != "notified") return wrong_state(c, "补正续办");
  YC_TRY_VOID(bump(tx, c, "status = 'intake'", {}, now));
  YC_TRY_VOID(add_event(tx, c.id, EventIn{"resumed", "intake", actor_of(who), c.intake_unit_code, c.window_number, note, true},
                        now));
  YC_TRY_VOID(audit_case(tx, who, "case.resume", c));
  return get(tx, View{org::Scope::all(), {}}, c.id, today_of(now));
}

Result<void> Service::allow_addition(Tx& tx, const Who& who, const org::Scope& hall_scope, std::int64_t id, int idx,
                                     const std::string& reason) {
  auto c = YC_TRY(intake_case(tx, hall_scope, id));
  if (c.status != "intake" && c.status != "notified") return wrong_state(c, "登记补充告知");
  YC_TRY_VOID(check_text("reason", reason, 500, true, "补充告知的理由"));
  auto m = tx.one("SELECT name FROM case_material WHERE case_id = $1 AND idx = $2", {id, static_cast<std::int64_t>(idx)});
  if (!m) return fail(ErrorCode::kNotFound, "没有这项材料", "idx");
  auto existing = YC_TRY(load_additions(tx, id));
  if (existing.contains(idx)) return fail(ErrorCode::kConflict, "该材料已登记补充告知", "idx");
  const auto now = time::now_ms();
  YC_TRY_VOID(tx.exec("INSERT INTO case_notice_addition (case_id, material_idx, reason, approved_by, created_at) "
                      "VALUES ($1, $2, $3, $4, $5)",
                      {id, static_cast<std::int64_t>(idx), reason, who.account, now}));
  YC_TRY_VOID(bump(tx, c, "", {}, now));
  YC_TRY_VOID(add_event(tx, id, EventIn{"addition", "intake", who.account, c.intake_unit_code, std::nullopt,
                                        fmt::format("大厅负责人同意补充告知「{}」:{}", m->text(0), reason), false}, now));
  YC_TRY_VOID(audit_case(tx, who, "case.notice.addition", c));
  return {};
}

Result<Detail> Service::route(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                              const std::string& unit_code, const std::string& reason) {
  auto c = YC_TRY(intake_case(tx, scope, id));
  if (c.status != "intake" && c.status != "notified") return wrong_state(c, "转办");
  YC_TRY_VOID(take(tx, who, c, time::now_ms()));
  YC_TRY_VOID(check_text("reason", reason, 200, true, "转办原因"));
  auto item = YC_TRY(item_of(*items_, tx, c));
  if (!item->citywide) return fail(ErrorCode::kUnprocessable, "该事项不支持全城通办", "unit_code");
  auto unit = YC_TRY(load_unit(tx, unit_code, "unit_code"));
  if (unit.level != 2 && unit.level != 3) return bad("unit_code", "只能转至区或街道(乡镇)的后台");
  if (unit.code == c.handling_unit_code) return bad("unit_code", "已由该单位办理");
  const auto now = time::now_ms();
  YC_TRY_VOID(bump(tx, c, "handling_unit_code = $1, handling_path = $2", {unit.code, unit.path}, now));
  YC_TRY_VOID(add_event(tx, id, EventIn{"routed", "intake", who.account, unit.code, std::nullopt,
                                        fmt::format("全城通办:转{}后台办理。{}", unit.name, reason), true}, now));
  YC_TRY_VOID(audit_case(tx, who, "case.route", c));
  return get(tx, View{scope, {}}, id, today_of(now));
}

Result<Detail> Service::accept(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id, std::int64_t now,
                               int roll) {
  auto c = YC_TRY(intake_case(tx, scope, id));
  if (c.status != "intake") return wrong_state(c, "受理");
  YC_TRY_VOID(take(tx, who, c, time::now_ms()));
  YC_TRY_VOID(check_acceptable(YC_TRY(load_materials(tx, id))));
  if (!c.agent_kind.empty()) {
    auto auth = YC_TRY(tx.one("SELECT COUNT(*) FROM case_file WHERE case_id = $1 AND purpose = 'authorization'", {id}));
    if (auth.int64(0) == 0)
      return fail(ErrorCode::kUnprocessable,
                  c.agent_kind == "proxy" ? "全程代理须上传授权委托书" : "代办须上传授权委托书", "authorization");
  }
  auto item = YC_TRY(item_of(*items_, tx, c));
  const bool sampled = drawn_for_recheck(*item, policy_.recheck_sample_percent, roll);
  const auto chain = chain_of(*item, sampled);
  const auto day = time::shanghai_date(c.channel == "paper" ? c.created_at : now);
  const auto ex = YC_TRY(exceptions_from(tx, day));
  const auto clock = clock_for(day, c.promised_days, ex);
  const bool immediate = chain.empty();
  YC_TRY_VOID(bump(tx, c,
                   "status = $1, outcome = $2, accepted_by = $3, accepted_at = $4, accepted_day = $5, due_day = $6, "
                   "warn_day = $7, chain = $8, recheck_sampled = $9, completed_at = $10",
                   {std::string(immediate ? "ready" : "review"), std::string(immediate ? "approved" : ""), who.account,
                    now, clock.accepted.iso(), clock.due.iso(), clock.warn.iso(), join_chain(chain),
                    static_cast<std::int64_t>(sampled ? 1 : 0), immediate ? Param{now} : store::null_param()},
                   now));
  c.status = immediate ? "ready" : "review";
  YC_TRY_VOID(add_event(tx, id, EventIn{"accepted", "intake", who.account, c.intake_unit_code, c.window_number,
                                        immediate ? "即办件,当场办结" : fmt::format("承诺 {} 前办结", clock.due.iso()), true},
                        now));
  YC_TRY_VOID(count_case(tx, c, false, {{stats::metric::kCasesAccepted, 1}}, now));
  YC_TRY_VOID(announce(tx, "case.accepted", c, false, now, {{"due_day", clock.due.iso()}}));
  if (!immediate) YC_TRY_VOID(tell(tx, "case.accepted", c, fmt::format("承诺 {} 前办结", clock.due.iso()), now));
  if (immediate) {
    YC_TRY_VOID(add_event(tx, id, EventIn{"ready", "", who.account, c.intake_unit_code, c.window_number, "办结", true}, now));
    YC_TRY_VOID(count_decision(tx, c, "approved", now));
  } else {
    auto unit = YC_TRY(load_unit(tx, c.handling_unit_code, "handling_unit_code"));
    YC_TRY_VOID(open_task(tx, c, chain.front(), unit.code, unit.path, now));
  }
  YC_TRY_VOID(audit_case(tx, who, "case.accept", c));
  return get(tx, View{scope, {}}, id, today_of(now));
}

Result<Detail> Service::reject(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                               const std::string& reason, const std::string& basis) {
  auto c = YC_TRY(intake_case(tx, scope, id));
  if (c.status != "intake" && c.status != "notified") return wrong_state(c, "不予受理");
  YC_TRY_VOID(take(tx, who, c, time::now_ms()));
  YC_TRY_VOID(check_text("reason", reason, 500, true, "不予受理的理由"));
  YC_TRY_VOID(check_text("basis", basis, 500, true, "不予受理的依据"));
  const auto now = time::now_ms();
  YC_TRY_VOID(bump(tx, c, "status = 'rejected', outcome = 'rejected', reject_reason = $1, reject_basis = $2, "
                          "completed_at = $3",
                   {reason, basis, now}, now));
  c.status = "rejected";
  YC_TRY_VOID(add_event(tx, id, EventIn{"rejected", "intake", who.account, c.intake_unit_code, c.window_number, reason, true},
                        now));
  YC_TRY_VOID(count_case(tx, c, false, {{stats::metric::kCasesRejected, 1}}, now));
  YC_TRY_VOID(tell(tx, "case.rejected", c, reason, now));
  YC_TRY_VOID(audit_case(tx, who, "case.reject", c));
  return get(tx, View{scope, {}}, id, today_of(now));
}

// --- Back office ----------------------------------------------------------------------------

Result<std::vector<std::pair<Task, Case>>> Service::queue(Tx& tx, const std::string& step, const org::Scope& scope,
                                                          bool mine, std::int64_t account) {
  if (!is_back_office_step(step)) return bad("step", "step 应为 review_first、review_second、approve 或 recheck");
  std::vector<Param> params{step};
  std::string where = "t.state = 'open' AND t.step = $1 AND " + scope.sql("t.unit_path", params);
  if (mine) {
    params.emplace_back(account);
    where += fmt::format(" AND t.assignee_id = ${}", params.size());
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}, {} {} JOIN service_case c ON c.id = t.case_id WHERE {} "
                                          "ORDER BY c.due_day, t.id LIMIT 500",
                                          kTaskCols, kCaseCols, kTaskJoins, where),
                              params));
  std::vector<std::pair<Task, Case>> out;
  for (const auto& r : rows.rows) out.emplace_back(task_from(r), case_from(r, kTaskColCount));
  return out;
}

namespace {

Result<std::vector<DoneStep>> done_steps(Tx& tx, std::int64_t case_id) {
  auto rows = YC_TRY(tx.query("SELECT step, acted_by FROM case_task WHERE case_id = $1 AND acted_by IS NOT NULL", {case_id}));
  std::vector<DoneStep> out;
  for (const auto& r : rows.rows) out.push_back(DoneStep{r.text(0), r.int64(1)});
  return out;
}

// 三(七) 严格授权管理 (issue 9): someone on the staff roster acts on a step
// only while holding that step's post for the item's category. People not on
// the roster yet are left to their role; the compliance view lists them.
Result<void> holds_post(Tx& tx, const Who& who, const std::string& category, std::string_view step,
                        std::int64_t now) {
  if (!tx.one("SELECT 1 FROM staff_profile WHERE account_id = $1", {who.account})) return {};
  const auto post = step == "review_first"    ? staff::Post::kFirstReview
                    : step == "review_second" ? staff::Post::kSecondReview
                    : step == "approve"       ? staff::Post::kApproval
                                              : staff::Post::kRecheck;
  const auto today = today_of(now);
  auto held = YC_TRY(tx.one("SELECT COUNT(*) FROM staff_assignment WHERE account_id = $1 AND post = $2 "
                            "AND (category = '' OR category = $3) AND from_day <= $4 AND (to_day IS NULL OR to_day >= $4)",
                            {who.account, std::string(staff::post_code(post)), category, today}));
  if (held.int64(0) > 0) return {};
  return fail(ErrorCode::kForbidden,
              fmt::format("您未在{}岗位任职（本事项类别），不能办理此环节（三(七) 严格授权管理）", staff::post_name(post)));
}

Result<void> separation(ItemCache& items, Tx& tx, const Who& who, const Case& c, const Task& t, std::int64_t now) {
  auto item = YC_TRY(item_of(items, tx, c));
  auto formal = YC_TRY(tx.one("SELECT formal_staff FROM account WHERE id = $1", {who.account}));
  YC_TRY_VOID(check_separation(t.step, who.account, c.intake_by, c.accepted_by, YC_TRY(done_steps(tx, c.id)),
                               !item->high_risk.empty(), formal.int64(0) != 0));
  return holds_post(tx, who, item->category, t.step, now);
}

Unexpected task_taken(const Task& t) {
  if (t.state != "open")
    return fail(ErrorCode::kConflict,
                fmt::format("本环节已办理完毕(当前:{}),请刷新", t.action.empty() ? "已关闭" : t.action == "approve" ? "已通过"
                                                                    : t.action == "refuse"  ? "已不予批准"
                                                                    : t.action == "return"  ? "已退回补正"
                                                                                            : "已转办"),
                "task");
  return fail(ErrorCode::kConflict, fmt::format("本环节已由 {} 领取办理", t.assignee_login), "task");
}

}  // namespace

Result<Task> Service::claim(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t task_id) {
  auto t = YC_TRY(load_task(tx, task_id));
  auto path = YC_TRY(tx.one("SELECT unit_path FROM case_task WHERE id = $1", {task_id}));
  if (!scope.covers(path.text(0))) return fail(ErrorCode::kNotFound, "待办不存在", "id");
  if (t.state != "open" || (t.assignee_id && *t.assignee_id != who.account)) return task_taken(t);
  auto c = YC_TRY(load_case(tx, t.case_id));
  const auto now = time::now_ms();
  YC_TRY_VOID(separation(*items_, tx, who, c, t, now));
  auto n = YC_TRY(tx.exec("UPDATE case_task SET assignee_id = $1, version = version + 1 WHERE id = $2 AND state = 'open' "
                          "AND (assignee_id IS NULL OR assignee_id = $1)",
                          {who.account, task_id}));
  if (n == 0) return task_taken(YC_TRY(load_task(tx, task_id)));
  YC_TRY_VOID(add_event(tx, c.id, EventIn{"claimed", t.step, who.account, t.unit_code, std::nullopt, "", false}, now));
  return load_task(tx, task_id);
}

Result<Detail> Service::act(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t task_id,
                            const std::string& action, const std::string& opinion, const std::string& to_unit,
                            std::int64_t now) {
  if (!valid_action(action)) return bad("action", "action 应为 approve、refuse、return、transfer 或 comment");
  YC_TRY_VOID(check_text("opinion", opinion, 1000, action != "approve", "意见"));
  auto t = YC_TRY(load_task(tx, task_id));
  auto path = YC_TRY(tx.one("SELECT unit_path FROM case_task WHERE id = $1", {task_id}));
  if (!scope.covers(path.text(0))) return fail(ErrorCode::kNotFound, "待办不存在", "id");
  if (t.state != "open" || (t.assignee_id && *t.assignee_id != who.account)) return task_taken(t);
  auto c = YC_TRY(load_case(tx, t.case_id));
  if (c.status != "review") return wrong_state(c, "审核");
  YC_TRY_VOID(separation(*items_, tx, who, c, t, now));
  if (action == "comment") {
    // An opinion for the record (加注意见): the step stays open and unclaimed by it.
    YC_TRY_VOID(bump(tx, c, "", {}, now));
    YC_TRY_VOID(add_event(tx, c.id, EventIn{"commented", t.step, who.account, t.unit_code, std::nullopt, opinion, false}, now));
    YC_TRY_VOID(audit_case(tx, who, fmt::format("case.{}.comment", t.step), c));
    return get(tx, View{org::Scope::all(), {}}, c.id, time::shanghai_date(now).iso());
  }
  std::optional<UnitInfo> target;
  if (action == "transfer") {
    if (to_unit.empty()) return bad("to_unit", "请选择转办单位");
    target = YC_TRY(load_unit(tx, to_unit, "to_unit"));
    if (target->level != 2 && target->level != 3) return bad("to_unit", "只能转至区或街道(乡镇)的后台");
    if (target->code == t.unit_code) return bad("to_unit", "已由该单位办理");
  }
  // The step closes once: of concurrent actors exactly one changes the row.
  auto n = YC_TRY(tx.exec("UPDATE case_task SET state = 'done', action = $1, opinion = $2, acted_by = $3, acted_at = $4, "
                          "assignee_id = $3, version = version + 1 WHERE id = $5 AND state = 'open'",
                          {action, opinion, who.account, now, task_id}));
  if (n == 0) return task_taken(YC_TRY(load_task(tx, task_id)));
  const auto today = time::shanghai_date(now);
  const auto step_name = std::string(step_label(t.step));
  if (action == "approve") {
    auto pos = std::find(c.chain.begin(), c.chain.end(), t.step);
    const bool last = pos == c.chain.end() || pos + 1 == c.chain.end();
    YC_TRY_VOID(add_event(tx, c.id, EventIn{"approved", t.step, who.account, t.unit_code, std::nullopt,
                                            opinion.empty() ? step_name + "通过" : opinion, true}, now));
    if (last) {
      YC_TRY_VOID(bump(tx, c, "status = 'ready', outcome = 'approved', completed_at = $1", {now}, now));
      YC_TRY_VOID(add_event(tx, c.id, EventIn{"ready", t.step, who.account, t.unit_code, std::nullopt, "办结,待出件", true}, now));
      YC_TRY_VOID(count_decision(tx, c, "approved", now));
    } else {
      YC_TRY_VOID(bump(tx, c, "", {}, now));
      auto unit = YC_TRY(load_unit(tx, c.handling_unit_code, "handling_unit_code"));
      YC_TRY_VOID(open_task(tx, c, *(pos + 1), unit.code, unit.path, now));
    }
  } else if (action == "refuse") {
    YC_TRY_VOID(bump(tx, c, "status = 'ready', outcome = 'refused', completed_at = $1", {now}, now));
    YC_TRY_VOID(add_event(tx, c.id, EventIn{"refused", t.step, who.account, t.unit_code, std::nullopt, opinion, true}, now));
    YC_TRY_VOID(count_decision(tx, c, "refused", now));
  } else if (action == "return") {
    if (c.correction_suspends)
      YC_TRY_VOID(bump(tx, c, "status = 'returned', suspended_since = $1", {today.iso()}, now));
    else
      YC_TRY_VOID(bump(tx, c, "status = 'returned'", {}, now));
    YC_TRY_VOID(add_event(tx, c.id, EventIn{"returned", t.step, who.account, t.unit_code, std::nullopt, opinion, true}, now));
    YC_TRY_VOID(tell(tx, "case.returned", c, opinion, now));
  } else {
    YC_TRY_VOID(bump(tx, c, "handling_unit_code = $1, handling_path = $2", {target->code, target->path}, now));
    YC_TRY_VOID(add_event(tx, c.id, EventIn{"transferred", t.step, who.account, target->code, std::nullopt,
                                            fmt::format("转{}办理:{}", target->name, opinion), true}, now));
    YC_TRY_VOID(open_task(tx, c, t.step, target->code, target->path, now));
  }
  YC_TRY_VOID(audit_case(tx, who, fmt::format("case.{}.{}", t.step, action), c));
  return get(tx, View{org::Scope::all(), {}}, c.id, today.iso());
}

Result<Detail> Service::correct(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id, const std::string& note,
                                std::int64_t now) {
  auto c = YC_TRY(intake_case(tx, scope, id));
  YC_TRY_VOID(check_text("note", note, 500, false, "补正说明"));
  return correct_case(tx, who, std::move(c), note, now);
}

Result<Detail> Service::correct_case(Tx& tx, const Who& who, Case c, const std::string& note, std::int64_t now) {
  if (c.status != "returned") return wrong_state(c, "补正");
  const auto id = c.id;
  auto last = YC_TRY(tx.one("SELECT step FROM case_task WHERE case_id = $1 AND action = 'return' ORDER BY id DESC", {id}));
  const auto today = time::shanghai_date(now);
  int suspended = 0;
  std::string due = c.due_day.value_or(""), warn = c.warn_day.value_or("");
  if (c.suspended_since && c.due_day && c.warn_day) {
    // The days waiting for the citizen do not count (issue 6, item 8).
    const auto since = YC_TRY(time::parse_date(*c.suspended_since, "suspended_since"));
    const auto ex = YC_TRY(exceptions_from(tx, since));
    suspended = calendar::working_days_between(since, today, ex);
    const Clock moved = extend(Clock{since, YC_TRY(time::parse_date(*c.due_day)), YC_TRY(time::parse_date(*c.warn_day))},
                               suspended, ex);
    due = moved.due.iso();
    warn = moved.warn.iso();
  }
  YC_TRY_VOID(bump(tx, c, "status = 'review', suspended_since = NULL, suspended_days = suspended_days + $1, "
                          "due_day = $2, warn_day = $3, warned_at = NULL",
                   {static_cast<std::int64_t>(suspended), due, warn}, now));
  std::string said = c.channel == "online" && who.account == 0 ? "申请人网上补正" : "已补正";
  if (suspended) said += fmt::format(",暂停 {} 个工作日,承诺办结日顺延至 {}", suspended, due);
  if (who.account == 0 && !note.empty()) said += ":" + note;
  YC_TRY_VOID(add_event(tx, id, EventIn{"corrected", "intake", actor_of(who), c.intake_unit_code, c.window_number, said, true},
                        now));
  auto unit = YC_TRY(load_unit(tx, c.handling_unit_code, "handling_unit_code"));
  YC_TRY_VOID(open_task(tx, c, last.text(0), unit.code, unit.path, now));
  YC_TRY_VOID(audit_case(tx, who, "case.correct", c));
  return get(tx, View{org::Scope::all(), {}}, id, today.iso());
}

Result<Detail> Service::deliver(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id, const DeliverInput& in,
                                std::int64_t now) {
  auto c = YC_TRY(intake_case(tx, scope, id));
  if (c.status != "ready") return wrong_state(c, "出件");
  const auto today = time::shanghai_date(now);
  std::string name_sealed, name_masked, id_sealed, id_masked;
  bool checked = false;
  if (in.method == "window") {
    // At the window the receiver shows an identity document; it is recorded.
    YC_TRY_VOID(check_text("receiver_name", in.receiver_name, 50, true, "领取人姓名"));
    const auto rid = privacy::normal_resident_id(in.receiver_id_number);
    YC_TRY_VOID(privacy::validate_resident_id(rid, today, "receiver_id_number"));
    id_sealed = YC_TRY(keys_.encrypt(rid, "case.receiver.id"));
    id_masked = privacy::mask_id_number(rid);
    checked = true;
  } else if (in.method == "mail") {
    YC_TRY_VOID(check_text("receiver_name", in.receiver_name, 50, true, "收件人姓名"));
    YC_TRY_VOID(check_text("tracking_no", in.tracking_no, 40, true, "邮寄单号"));
  } else if (in.method != "online" && in.method != "bank") {
    return bad("method", "method 应为 window、mail、online 或 bank");
  }
  // Only the ways the item's guide offers (⑩ 办理结果 送达方式).
  auto item = YC_TRY(item_of(*items_, tx, c));
  if (!item->result.delivery.empty() &&
      std::find(item->result.delivery.begin(), item->result.delivery.end(), in.method) == item->result.delivery.end())
    return bad("method", fmt::format("该事项不提供“{}”方式", catalog::label("delivery", in.method)));
  YC_TRY_VOID(check_text("note", in.note, 500, false, "备注"));
  if (!in.receiver_name.empty()) {
    name_sealed = YC_TRY(keys_.encrypt(in.receiver_name, "case.receiver.name"));
    name_masked = privacy::mask_name(in.receiver_name);
  }
  const auto window = in.window_number ? in.window_number : c.window_number;
  YC_TRY_VOID(tx.exec(
      "INSERT INTO case_delivery (case_id, method, receiver_name_masked, receiver_name_sealed, receiver_id_masked, "
      "receiver_id_sealed, identity_checked, tracking_no, note, site_id, window_number, delivered_by, delivered_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
      {id, in.method, name_masked, name_sealed, id_masked, id_sealed, static_cast<std::int64_t>(checked ? 1 : 0),
       in.tracking_no, in.note, c.site_id ? Param{*c.site_id} : store::null_param(),
       window ? Param{static_cast<std::int64_t>(*window)} : store::null_param(), who.account, now}));
  const auto ex = YC_TRY(exceptions_from(tx, today));
  const auto followup_due = calendar::add_working_days(today, policy_.followup_days, ex, false);
  YC_TRY_VOID(tx.exec("INSERT INTO case_followup (case_id, due_day, state) VALUES ($1, $2, 'open')",
                      {id, followup_due.iso()}));
  YC_TRY_VOID(bump(tx, c, "status = 'delivered', delivered_at = $1", {now}, now));
  c.status = "delivered";
  const auto how = std::string(catalog::label("delivery", in.method));
  YC_TRY_VOID(add_event(tx, id, EventIn{"delivered", "deliver", who.account, c.intake_unit_code, window,
                                        in.method == "mail" ? fmt::format("{},单号 {}", how, in.tracking_no) : how, true},
                        now));
  YC_TRY_VOID(count_case(tx, c, false, {{stats::metric::kCasesDelivered, 1}}, now));
  YC_TRY_VOID(announce(tx, "case.delivered", c, false, now, {{"method", in.method}}));
  YC_TRY_VOID(tell(tx, "case.delivered", c, how, now));
  YC_TRY_VOID(audit_case(tx, who, "case.deliver", c));
  return get(tx, View{scope, {}}, id, today.iso());
}

Result<Detail> Service::follow_up(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id,
                                  const std::string& outcome, const std::string& note, std::int64_t now) {
  auto c = YC_TRY(intake_case(tx, scope, id));
  if (c.status != "delivered") return wrong_state(c, "回访");
  if (outcome != "satisfied" && outcome != "unsatisfied" && outcome != "unreachable" && outcome != "declined")
    return bad("outcome", "outcome 应为 satisfied、unsatisfied、unreachable 或 declined");
  YC_TRY_VOID(check_text("note", note, 1000, outcome == "unsatisfied", "回访记录"));
  YC_TRY_VOID(tx.exec("UPDATE case_followup SET state = 'done', outcome = $1, note = $2, done_by = $3, done_at = $4 "
                      "WHERE case_id = $5",
                      {outcome, note, who.account, now, id}));
  YC_TRY_VOID(bump(tx, c, "status = 'closed'", {}, now));
  c.status = "closed";
  YC_TRY_VOID(add_event(tx, id, EventIn{"followed_up", "", who.account, c.intake_unit_code, std::nullopt, "已回访", true}, now));
  YC_TRY_VOID(audit_case(tx, who, "case.followup", c));
  return get(tx, View{scope, {}}, id, today_of(now));
}

// --- The clock -----------------------------------------------------------------------------------

namespace {
// The units above and at a case's hall and back office, from their paths
// ("/110000/110101/110101001/" -> 110101, 110101001); the city is left out.
std::set<std::string> units_of(const Case& c) {
  std::set<std::string> out;
  for (const auto* path : {&c.intake_path, &c.handling_path}) {
    std::size_t i = 1, n = 0;
    while (i < path->size()) {
      const auto j = path->find('/', i);
      if (j == std::string::npos) break;
      if (n++ > 0) out.insert(path->substr(i, j - i));
      i = j + 1;
    }
  }
  return out;
}
}  // namespace

Result<Service::SweepResult> Service::sweep(Tx& tx, std::int64_t now) {
  SweepResult out;
  const auto today = today_of(now);
  const Who system{0, audit::Actor::system()};
  auto warn = YC_TRY(tx.query(fmt::format("SELECT {} FROM service_case c WHERE c.status = 'review' AND "
                                          "c.suspended_since IS NULL AND c.warned_at IS NULL AND c.warn_day <= $1 "
                                          "AND c.due_day >= $1",
                                          kCaseCols),
                              {today}));
  for (const auto& r : warn.rows) {
    auto c = case_from(r);
    // Marked once, whichever node sweeps first (the other's UPDATE finds it marked).
    if (YC_TRY(tx.exec("UPDATE service_case SET warned_at = $1 WHERE id = $2 AND warned_at IS NULL", {now, c.id})) == 0)
      continue;
    YC_TRY_VOID(add_event(tx, c.id, EventIn{"warning", "", std::nullopt, c.handling_unit_code, std::nullopt,
                                            fmt::format("已用时限 80%,承诺 {} 前办结", c.due_day.value_or("")), false},
                          now));
    ++out.warned;
    for (const auto& u : units_of(c)) ++out.by_unit[u].first;
  }
  auto late = YC_TRY(tx.query(fmt::format("SELECT {} FROM service_case c WHERE c.status IN ('review', 'returned') AND "
                                          "c.suspended_since IS NULL AND c.overdue_at IS NULL AND c.due_day < $1",
                                          kCaseCols),
                              {today}));
  for (const auto& r : late.rows) {
    auto c = case_from(r);
    // 责任追究: the step open when the time ran out and who held it.
    std::string step = "correction", unit = c.intake_unit_code;
    std::optional<std::int64_t> person = c.accepted_by;
    auto open = YC_TRY(tx.query("SELECT step, unit_code, assignee_id FROM case_task WHERE case_id = $1 AND state = 'open' "
                                "ORDER BY id DESC",
                                {c.id}));
    if (!open.rows.empty()) {
      step = open.rows[0].text(0);
      unit = open.rows[0].text(1);
      person = open.rows[0].opt_int64(2);
    }
    if (YC_TRY(tx.exec("UPDATE service_case SET overdue_at = $1 WHERE id = $2 AND overdue_at IS NULL", {now, c.id})) == 0)
      continue;
    YC_TRY_VOID(tx.exec("INSERT INTO case_overdue (case_id, due_day, step, unit_code, person_id, recorded_at) "
                        "VALUES ($1, $2, $3, $4, $5, $6)",
                        {c.id, c.due_day.value_or(""), step, unit, person ? Param{*person} : store::null_param(), now}));
    YC_TRY_VOID(add_event(tx, c.id, EventIn{"overdue", step, person, unit, std::nullopt,
                                            fmt::format("超过承诺办结日 {},已提醒大厅负责人", c.due_day.value_or("")),
                                            false},
                          now));
    YC_TRY_VOID(count_case(tx, c, true, {{stats::metric::kCasesOverdue, 1}}, now));
    YC_TRY_VOID(audit_case(tx, system, "case.overdue", c));
    ++out.overdue;
    for (const auto& u : units_of(c)) ++out.by_unit[u].second;
  }
  return out;
}

Result<std::vector<Service::OverdueRow>> Service::accountability(Tx& tx, const org::Scope& scope, const std::string& from,
                                                                 const std::string& to) {
  std::vector<Param> params{from, to};
  const auto in_scope = fmt::format("({} OR {})", scope.sql("c.intake_path", params), scope.sql("c.handling_path", params));
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT {}, o.step, o.unit_code, u.name, COALESCE(a.login, ''), COALESCE(a.name_masked, ''), o.due_day, "
                  "o.recorded_at FROM case_overdue o JOIN service_case c ON c.id = o.case_id JOIN org_unit u ON "
                  "u.code = o.unit_code LEFT JOIN account a ON a.id = o.person_id WHERE o.due_day >= $1 AND "
                  "o.due_day <= $2 AND {} ORDER BY o.due_day, c.case_no",
                  kCaseCols, in_scope),
      params));
  std::vector<OverdueRow> out;
  for (const auto& r : rows.rows) {
    OverdueRow o;
    o.c = case_from(r);
    const auto k = kCaseColCount;
    o.step = r.text(k);
    o.unit_code = r.text(k + 1);
    o.unit_name = r.text(k + 2);
    o.person_login = r.text(k + 3);
    o.person_name_masked = r.text(k + 4);
    o.due_day = r.text(k + 5);
    o.recorded_at = r.int64(k + 6);
    out.push_back(std::move(o));
  }
  return out;
}

Result<std::int64_t> citizen_case(Tx& tx, const privacy::KeyRing& keys, const std::string& case_no,
                                  const std::string& token, const std::string& id_number) {
  const auto not_found = [] { return fail(ErrorCode::kNotFound, "未找到办件,请核对办件编号和证件号码", "case_no"); };
  if (case_no.size() != 15 || token.size() > 64 || id_number.size() > 18) return not_found();
  auto row = tx.one("SELECT id, progress_token, applicant_id_hash FROM service_case WHERE case_no = $1", {case_no});
  if (!row) return not_found();
  bool ok = false;
  if (!token.empty()) {
    const auto& expected = row->text(1);
    ok = token.size() == expected.size() && CRYPTO_memcmp(token.data(), expected.data(), token.size()) == 0;
  } else if (!id_number.empty()) {
    ok = keys.lookup_hash(privacy::normal_resident_id(id_number)) == row->text(2);
  }
  if (!ok) return not_found();
  return row->int64(0);
}

Result<std::vector<CitizenCase>> cases_of_applicant(Tx& tx, const std::string& id_hash, int limit) {
  if (id_hash.empty()) return std::vector<CitizenCase>{};
  auto rows = YC_TRY(tx.query(
      "SELECT c.case_no, c.item_code, c.item_name, c.channel, c.status, c.outcome, "
      "COALESCE((SELECT u.name FROM org_unit u WHERE u.code = c.intake_unit_code), ''), c.accepted_day, c.due_day, "
      "c.completed_at, c.delivered_at, c.created_at, c.progress_token FROM service_case c "
      "WHERE c.applicant_id_hash = $1 ORDER BY c.id DESC LIMIT $2",
      {id_hash, static_cast<std::int64_t>(std::clamp(limit, 1, 200))}));
  std::vector<CitizenCase> out;
  for (const auto& r : rows.rows)
    out.push_back(CitizenCase{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                              r.opt_text(7), r.opt_text(8), r.opt_int64(9), r.opt_int64(10), r.int64(11), r.text(12)});
  return out;
}

Result<Service::Progress> Service::progress(Tx& tx, const std::string& case_no, const std::string& token,
                                            const std::string& id_number, const std::string& today) {
  const auto id = YC_TRY(citizen_case(tx, keys_, case_no, token, id_number));
  auto row = YC_TRY(tx.one(fmt::format("SELECT {} FROM service_case c WHERE c.id = $1", kCaseCols), {id}));
  auto c = case_from(row);
  Progress p;
  p.case_no = c.case_no;
  p.item_name = c.item_name;
  p.status = c.status;
  p.outcome = c.outcome;
  p.clock = std::string(clock_state(c.status, c.due_day, c.warn_day, c.suspended_since.has_value(), today));
  p.accepted_day = c.accepted_day;
  p.due_day = c.due_day;
  auto events = YC_TRY(tx.query("SELECT e.id, e.kind, e.step, e.unit_code, e.note, e.window_number, e.at, "
                                "COALESCE(u.name, '') FROM case_event e LEFT JOIN org_unit u ON u.code = e.unit_code "
                                "WHERE e.case_id = $1 AND e.public = 1 ORDER BY e.id",
                                {c.id}));
  for (const auto& r : events.rows) {
    Event e;
    e.id = r.int64(0);
    e.kind = r.text(1);
    e.step = r.text(2);
    e.unit_code = r.text(3);
    e.note = r.text(4);
    e.window_number = opt_int(r, 5);
    e.is_public = true;
    e.at = r.int64(6);
    e.unit_name = r.text(7);
    p.steps.push_back(std::move(e));
  }
  return p;
}

}  // namespace yc::cases
