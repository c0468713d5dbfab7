// Online application (网上办, issue 11 item 3; policy 三(六) 线上办事为主,
// "让群众少跑腿"): a signed-in citizen applies on the portal for an item
// offered online, with uploads per material and a declaration. The case is
// opened at once (channel online) at the hall the citizen chose and from
// then on runs exactly like a window case: the hall 预审s it, the one-time
// notice and the back office's 退回补正 reach the citizen online, who
// answers with new uploads (docs/api/citizen.md).

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "cases/internal.hpp"
#include "cases/service.hpp"
#include "catalog/service.hpp"
#include "identity/citizens.hpp"
#include "org/scope.hpp"
#include "privacy/model.hpp"

namespace yc::cases {

using namespace detail;  // NOLINT(google-build-using-namespace): the library's own internals

namespace {

constexpr std::int64_t kHour = 3'600'000;
constexpr int kMaxUnusedUploads = 60;
constexpr std::size_t kMaxFilesPerMaterial = 10;

// The declaration the applicant accepts (承诺), kept with the case.
constexpr const char* kDeclaration =
    "本人承诺:所填写的信息和上传的材料真实、准确、完整,如有虚假,愿承担相应的法律责任;"
    "同意经办部门为办理本事项查询、核验本人的相关信息。";

bool offered_online(const catalog::Item& item) {
  return std::any_of(item.channels.begin(), item.channels.end(),
                     [](const std::string& c) { return c == "online" || c == "mobile"; });
}

// A citizen session is a person; an employer's is an organization (⑤ 服务对象).
bool serves(const catalog::Item& item, const std::string& kind) {
  if (item.service_objects.empty()) return true;
  const std::string object = kind == "employer" ? "organization" : "person";
  return std::find(item.service_objects.begin(), item.service_objects.end(), object) != item.service_objects.end();
}

Result<catalog::Version> online_version(Tx& tx, const Applicant& who, const std::string& item_code, std::int64_t now) {
  if (!catalog::valid_code(item_code)) return fail(ErrorCode::kNotFound, "服务事项不存在或未发布", "item_code");
  auto version = catalog::get_current(tx, item_code, now);
  if (!version) {
    if (version.error().code == ErrorCode::kNotFound)
      return fail(ErrorCode::kNotFound, "服务事项不存在或未发布", "item_code");
    return Unexpected{version.error()};
  }
  if (!offered_online(version->item))
    return fail(ErrorCode::kUnprocessable, "该事项暂不支持网上办理,请到服务大厅办理", "item_code");
  if (!serves(version->item, who.kind))
    return fail(ErrorCode::kUnprocessable,
                who.kind == "employer" ? "该事项面向个人,单位账号不能申请" : "该事项面向单位,请使用单位账号申请",
                "item_code");
  return version;
}

std::filesystem::path file_path(const std::string& dir, const std::string& digest) {
  return std::filesystem::path(dir) / digest.substr(0, 2) / (digest + ".sealed");
}

Result<std::int64_t> case_of_applicant(Tx& tx, const Applicant& who, const std::string& case_no) {
  const auto not_found = [] { return fail(ErrorCode::kNotFound, "办件不存在", "case_no"); };
  if (case_no.size() != 15 || who.id_hash.empty()) return not_found();
  auto row = tx.one("SELECT id FROM service_case WHERE case_no = $1 AND applicant_id_hash = $2", {case_no, who.id_hash});
  if (!row) {
    if (row.error().code == ErrorCode::kNotFound) return not_found();
    return Unexpected{row.error()};
  }
  return row->int64(0);
}

// Each material named once, known to the item, with at most ten uploads,
// no upload named twice.
Result<void> check_material_files(const std::vector<Material>& materials,
                                  const std::vector<Service::MaterialFiles>& files) {
  std::set<int> seen_idx;
  std::set<std::int64_t> seen_upload;
  for (const auto& f : files) {
    const auto field = fmt::format("materials[{}]", f.idx);
    if (std::none_of(materials.begin(), materials.end(), [&](const Material& m) { return m.idx == f.idx; }))
      return bad(field, "没有这项材料");
    if (!seen_idx.insert(f.idx).second) return bad(field, "同一项材料只能出现一次");
    if (f.uploads.size() > kMaxFilesPerMaterial)
      return bad(field, fmt::format("每项材料最多上传 {} 个文件", kMaxFilesPerMaterial));
    for (auto id : f.uploads)
      if (!seen_upload.insert(id).second) return bad(field + ".uploads", "同一个文件不能提交两次");
  }
  return {};
}

std::size_t count_for(const std::vector<Service::MaterialFiles>& files, int idx) {
  for (const auto& f : files)
    if (f.idx == idx) return f.uploads.size();
  return 0;
}

}  // namespace

Result<Service::ApplyForm> Service::apply_form(Tx& tx, const Applicant& who, const std::string& item_code,
                                               std::int64_t now) {
  auto version = YC_TRY(online_version(tx, who, item_code, now));
  ApplyForm form;
  form.version_id = version.id;
  form.item = std::make_shared<const catalog::Item>(std::move(version.item));
  form.declaration = kDeclaration;
  // Every hall and community point can take an online application; the
  // citizen picks where it is 预审ed and where the result waits.
  auto rows = YC_TRY(tx.query(
      "SELECT s.id, s.name, s.kind, s.address, u.name, COALESCE((SELECT d.name FROM org_unit d WHERE d.level = 2 AND "
      "u.path LIKE d.path || '%' ORDER BY d.path LIMIT 1), '') FROM org_site s JOIN org_unit u ON u.code = s.unit_code "
      "ORDER BY u.path, s.kind, s.id"));
  for (const auto& r : rows.rows)
    form.sites.push_back(ApplyForm::Site{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)});
  return form;
}

Result<Service::Upload> Service::upload(Tx& tx, const Applicant& who, std::string_view bytes,
                                        std::string_view declared_type, std::int64_t now) {
  if (bytes.empty()) return bad("file", "文件为空");
  if (static_cast<std::int64_t>(bytes.size()) > policy_.max_file_bytes)
    return fail(ErrorCode::kPayloadTooLarge, fmt::format("文件不能超过 {} MB", policy_.max_file_bytes >> 20), "file");
  const auto type = sniff(bytes);
  if (type.empty()) return fail(ErrorCode::kUnsupportedMediaType, "只能上传 JPEG、PNG 图片或 PDF 文件", "file");
  if (!declared_type.empty() && declared_type.substr(0, type.size()) != type)
    return fail(ErrorCode::kUnsupportedMediaType, "文件内容与声明的类型不符", "file");
  auto unused = YC_TRY(tx.one("SELECT COUNT(*) FROM citizen_upload WHERE citizen_id = $1 AND case_id IS NULL AND "
                              "dropped_at IS NULL",
                              {who.citizen_id}));
  if (unused.int64(0) >= kMaxUnusedUploads)
    return fail(ErrorCode::kRateLimited, "待提交的文件过多,请先提交申请或删除不需要的文件", "file");
  const auto digest = privacy::sm3_hex(bytes);
  const auto sealed = YC_TRY(keys_.encrypt(bytes, kFileContext));
  const auto stored = YC_TRY(store_file(policy_.files_dir, digest, sealed));
  auto row = YC_TRY(tx.one("INSERT INTO citizen_upload (citizen_id, content_type, size, digest, stored_name, created_at) "
                           "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                           {who.citizen_id, type, static_cast<std::int64_t>(bytes.size()), digest, stored, now}));
  return Upload{row.int64(0), type, static_cast<std::int64_t>(bytes.size()), now};
}

Result<void> Service::drop_upload(Tx& tx, const Applicant& who, std::int64_t upload_id, std::int64_t now) {
  auto n = YC_TRY(tx.exec("UPDATE citizen_upload SET dropped_at = $1 WHERE id = $2 AND citizen_id = $3 AND "
                          "case_id IS NULL AND dropped_at IS NULL",
                          {now, upload_id, who.citizen_id}));
  if (n == 0) return fail(ErrorCode::kNotFound, "文件不存在或已提交", "id");
  return {};
}

Result<std::vector<std::string>> Service::purge_uploads(Tx& tx, std::int64_t now) {
  const std::string where = "case_id IS NULL AND (created_at < $1 OR dropped_at < $2)";
  auto rows = YC_TRY(tx.query("SELECT DISTINCT digest FROM citizen_upload WHERE " + where, {now - 24 * kHour, now - kHour}));
  std::vector<std::string> digests;
  for (const auto& r : rows.rows) digests.push_back(r.text(0));
  if (!digests.empty()) YC_TRY_VOID(tx.exec("DELETE FROM citizen_upload WHERE " + where, {now - 24 * kHour, now - kHour}));
  return digests;
}

Result<int> Service::remove_orphan_files(store::Database& db, const std::vector<std::string>& digests, std::int64_t now) {
  int removed = 0;
  for (const auto& digest : digests) {
    auto refs = YC_TRY(db.transact<std::int64_t>(store::TxMode::kRead, [&](Tx& tx) -> Result<std::int64_t> {
      auto r = YC_TRY(tx.one("SELECT (SELECT COUNT(*) FROM case_file WHERE digest = $1) + "
                             "(SELECT COUNT(*) FROM citizen_upload WHERE digest = $1)",
                             {digest}));
      return r.int64(0);
    }));
    if (refs != 0) continue;
    const auto path = file_path(policy_.files_dir, digest);
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) continue;
    // store_file touches a file it finds already there: one written or
    // named again within the hour may belong to an upload not yet committed.
    if (static_cast<std::int64_t>(st.st_mtime) * 1000 > now - kHour) continue;
    if (::unlink(path.c_str()) == 0) ++removed;
  }
  return removed;
}

Result<void> Service::attach_uploads(Tx& tx, const Applicant& who, const Case& c,
                                     const std::vector<MaterialFiles>& materials, std::int64_t now) {
  for (const auto& m : materials) {
    for (auto upload_id : m.uploads) {
      const auto field = fmt::format("materials[{}].uploads", m.idx);
      auto u = tx.one("SELECT content_type, size, digest, stored_name, case_id, dropped_at FROM citizen_upload "
                      "WHERE id = $1 AND citizen_id = $2",
                      {upload_id, who.citizen_id});
      if (!u) {
        if (u.error().code == ErrorCode::kNotFound) return fail(ErrorCode::kNotFound, "文件不存在,请重新上传", field);
        return Unexpected{u.error()};
      }
      if (!u->is_null(4)) return fail(ErrorCode::kConflict, "该文件已随申请提交,请勿重复提交", field);
      if (!u->is_null(5)) return fail(ErrorCode::kNotFound, "文件已删除,请重新上传", field);
      // Taken once: of two submissions naming it, one changes the row.
      auto n = YC_TRY(tx.exec("UPDATE citizen_upload SET case_id = $1, used_at = $2 WHERE id = $3 AND case_id IS NULL",
                              {c.id, now, upload_id}));
      if (n == 0) return fail(ErrorCode::kConflict, "该文件已随申请提交,请勿重复提交", field);
      YC_TRY_VOID(tx.exec("INSERT INTO case_file (case_id, material_idx, purpose, content_type, size, digest, stored_name, "
                          "uploaded_by, citizen_id, created_at) VALUES ($1, $2, 'material', $3, $4, $5, $6, NULL, $7, $8)",
                          {c.id, static_cast<std::int64_t>(m.idx), u->text(0), u->int64(1), u->text(2), u->text(3),
                           who.citizen_id, now}));
    }
  }
  return {};
}

Result<Detail> Service::submit_online(Tx& tx, const Applicant& who, const OnlineInput& in, std::int64_t now) {
  auto version = YC_TRY(online_version(tx, who, in.item_code, now));
  const auto& item = version.item;
  if (in.site_id <= 0) return bad("site_id", "请选择办理地点");
  auto [unit, site_id] = YC_TRY(site_unit(tx, org::Scope::all(), in.site_id));
  // ⑩ 办理结果 送达方式: one of the item's ways (the window when it names none).
  const std::vector<std::string> ways = item.result.delivery.empty() ? std::vector<std::string>{"window"}
                                                                      : item.result.delivery;
  if (std::find(ways.begin(), ways.end(), in.delivery) == ways.end()) return bad("delivery", "请选择该事项提供的结果送达方式");
  std::string address_sealed, address_masked;
  if (in.delivery == "mail") {
    YC_TRY_VOID(check_text("address", in.address, 200, true, "邮寄地址"));
    address_sealed = YC_TRY(keys_.encrypt(in.address, "case.online.address"));
    address_masked = privacy::mask_address(in.address);
  } else if (!in.address.empty()) {
    return bad("address", "只有邮寄送达需要填写地址");
  }
  YC_TRY_VOID(check_text("note", in.note, 500, false, "备注"));
  if (!in.declaration) return bad("declaration", "请阅读并勾选承诺");

  const auto materials = materials_of(item);
  YC_TRY_VOID(check_material_files(materials, in.materials));
  for (const auto& m : materials) {
    // Shared data (部门共享) and conditional materials are judged at 预审.
    if (m.required && !m.shared && m.condition.empty() && count_for(in.materials, m.idx) == 0)
      return fail(ErrorCode::kUnprocessable, fmt::format("请上传“{}”", m.name), fmt::format("materials[{}]", m.idx));
  }

  auto me = YC_TRY(identity::open_citizen(tx, keys_, who.citizen_id));
  Party applicant{who.kind, me.id_number, me.name, in.phone.empty() ? me.phone : in.phone};
  if (applicant.phone.empty()) return bad("phone", "请填写联系电话");
  if (!in.phone.empty()) YC_TRY_VOID(privacy::validate_contact_phone(in.phone, "phone"));
  const auto today = time::shanghai_date(now);
  NewCase n;
  n.version_id = version.id;
  n.item = &item;
  n.channel = "online";
  n.unit = unit;
  n.site_id = site_id;
  n.applicant_kind = who.kind;
  n.applicant = YC_TRY(seal_party(keys_, applicant, who.kind == "employer", "applicant", today, "case.applicant"));
  n.created = now;
  n.now = now;
  const auto id = YC_TRY(insert_case(tx, n));
  YC_TRY_VOID(tx.exec("INSERT INTO case_online (case_id, citizen_id, delivery, address_sealed, address_masked, declaration, "
                      "declared_at, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                      {id, who.citizen_id, in.delivery, address_sealed, address_masked, std::string(kDeclaration), now,
                       in.note}));
  auto c = YC_TRY(load_case(tx, id));
  YC_TRY_VOID(attach_uploads(tx, who, c, in.materials, now));
  YC_TRY_VOID(add_event(tx, id, EventIn{"opened", "intake", std::nullopt, unit.code, std::nullopt, "申请人网上提交申请", true},
                        now));
  YC_TRY_VOID(tell(tx, "case.submitted", c, "", now));
  YC_TRY_VOID(audit_case(tx, Who{0, who.actor}, "case.open.online", c));
  return get(tx, View{org::Scope::all(), {}}, id, today.iso());
}

Result<Service::Mailing> Service::mailing(Tx& tx, const Who& who, const org::Scope& scope, std::int64_t id) {
  auto c = YC_TRY(intake_case(tx, scope, id));
  auto row = tx.one("SELECT o.delivery, o.address_sealed, c.applicant_name_sealed, c.applicant_phone_sealed "
                    "FROM case_online o JOIN service_case c ON c.id = o.case_id WHERE o.case_id = $1",
                    {id});
  if (!row) {
    if (row.error().code == ErrorCode::kNotFound) return fail(ErrorCode::kConflict, "该办件不是网上申请,没有邮寄信息", "id");
    return Unexpected{row.error()};
  }
  if (row->text(0) != "mail") return fail(ErrorCode::kConflict, "申请人没有选择邮寄送达", "delivery");
  if (c.status != "ready") return wrong_state(c, "查看邮寄信息");
  Mailing m;
  m.address = YC_TRY(keys_.decrypt(row->text(1), "case.online.address"));
  m.name = YC_TRY(keys_.decrypt(row->text(2), "case.applicant.name"));
  if (!row->text(3).empty()) m.phone = YC_TRY(keys_.decrypt(row->text(3), "case.applicant.phone"));
  YC_TRY_VOID(audit_case(tx, who, "case.mailing.read", c));
  return m;
}

Result<Detail> Service::applicant_case(Tx& tx, const Applicant& who, const std::string& case_no, std::int64_t now) {
  const auto id = YC_TRY(case_of_applicant(tx, who, case_no));
  return get(tx, View{org::Scope::all(), {}}, id, today_of(now));
}

Result<Detail> Service::correct_online(Tx& tx, const Applicant& who, const std::string& case_no, const std::string& note,
                                       const std::vector<MaterialFiles>& materials, std::int64_t now) {
  const auto id = YC_TRY(case_of_applicant(tx, who, case_no));
  auto c = YC_TRY(load_case(tx, id));
  YC_TRY_VOID(check_text("note", note, 500, false, "补正说明"));
  const auto current = YC_TRY(load_materials(tx, id));
  YC_TRY_VOID(check_material_files(current, materials));
  const Who citizen{0, who.actor};
  if (c.status == "notified") {
    // 一次性告知: everything the latest notice listed comes back at once.
    const auto notices = YC_TRY(load_notices(tx, id));
    for (const auto& l : notices.back().lines)
      if (count_for(materials, l.idx) == 0)
        return fail(ErrorCode::kUnprocessable, fmt::format("请上传“{}”", l.name), fmt::format("materials[{}]", l.idx));
    YC_TRY_VOID(attach_uploads(tx, who, c, materials, now));
    // The new files are the clerk's to judge again.
    for (const auto& m : materials)
      YC_TRY_VOID(tx.exec("UPDATE case_material SET state = 'pending', received_form = '', reason = '', updated_by = NULL, "
                          "updated_at = $1 WHERE case_id = $2 AND idx = $3",
                          {now, id, static_cast<std::int64_t>(m.idx)}));
    return resume_case(tx, citizen, std::move(c), note.empty() ? "申请人网上补正材料" : "申请人网上补正材料:" + note, now);
  }
  if (c.status == "returned") {
    std::size_t files = 0;
    for (const auto& m : materials) files += m.uploads.size();
    if (files == 0 && note.empty()) return bad("materials", "请上传补正材料或填写补正说明");
    YC_TRY_VOID(attach_uploads(tx, who, c, materials, now));
    return correct_case(tx, citizen, std::move(c), note, now);
  }
  return wrong_state(c, "补正");
}

}  // namespace yc::cases
