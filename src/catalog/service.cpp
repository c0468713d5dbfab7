#include "catalog/service.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "audit/service.hpp"
#include "platform/time.hpp"

namespace yc::catalog {
namespace {

namespace json = boost::json;

constexpr const char* kVersionColumns =
    "v.id, v.item_code, v.number, v.status, v.document, v.edited_by, v.submitted_by, v.reviewed_by, "
    "v.review_note, v.submitted_at, v.reviewed_at, v.effective_from, v.updated_at, v.version, "
    "CASE WHEN i.withdrawn_at IS NULL THEN 0 ELSE 1 END";

constexpr const char* kSummaryColumns =
    "v.id, v.item_code, v.name, v.category, v.service_level, v.status, v.number, v.edited_by, v.submitted_by, "
    "v.reviewed_by, v.review_note, v.effective_from, v.reviewed_at, v.updated_at, "
    "CASE WHEN i.withdrawn_at IS NULL THEN 0 ELSE 1 END, "
    "(SELECT a.login FROM account a WHERE CAST(a.id AS TEXT) = v.edited_by), "
    "(SELECT a.login FROM account a WHERE CAST(a.id AS TEXT) = v.submitted_by), "
    "(SELECT a.login FROM account a WHERE CAST(a.id AS TEXT) = v.reviewed_by)";

// The current version of each item: the newest published one in force.
constexpr const char* kInForce =
    "v.status = 'published' AND v.effective_from <= $1 AND v.number = (SELECT MAX(v2.number) FROM "
    "catalog_version v2 WHERE v2.item_code = v.item_code AND v2.status = 'published' AND v2.effective_from <= $1)";

Result<Item> parse_document(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) return fail(ErrorCode::kInternal, "事项内容已损坏,无法读取");
  return parse_item(v);
}

Result<Version> version_from(const store::Row& r) {
  Version v;
  v.id = r.int64(0);
  v.item_code = r.text(1);
  v.number = static_cast<int>(r.int64(2));
  v.status = r.text(3);
  v.item = YC_TRY(parse_document(r.text(4)));
  v.edited_by = r.text(5);
  v.submitted_by = r.text(6);
  v.reviewed_by = r.text(7);
  v.review_note = r.text(8);
  v.submitted_at = r.opt_int64(9);
  v.reviewed_at = r.opt_int64(10);
  v.effective_from = r.opt_int64(11);
  v.updated_at = r.int64(12);
  v.version = r.int64(13);
  v.withdrawn = r.int64(14) != 0;
  return v;
}

VersionSummary summary_from(const store::Row& r) {
  VersionSummary s;
  s.id = r.int64(0);
  s.item_code = r.text(1);
  s.name = r.text(2);
  s.category = r.text(3);
  s.service_level = r.text(4);
  s.status = r.text(5);
  s.number = static_cast<int>(r.int64(6));
  s.edited_by = r.text(7);
  s.submitted_by = r.text(8);
  s.reviewed_by = r.text(9);
  s.review_note = r.text(10);
  s.effective_from = r.opt_int64(11);
  s.reviewed_at = r.opt_int64(12);
  s.updated_at = r.int64(13);
  s.withdrawn = r.int64(14) != 0;
  s.edited_login = r.text(15);
  s.submitted_login = r.text(16);
  s.reviewed_login = r.text(17);
  return s;
}

std::string filter_sql(const ListFilter& f, std::vector<store::Param>& params) {
  std::string where;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    const bool latin = std::all_of(word.begin(), word.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
    params.emplace_back("%" + word + "%");
    if (latin) {
      params.emplace_back("%" + pinyin_initials(word) + "%");
      where += fmt::format(" AND (v.search_text LIKE ${} OR v.initials LIKE ${})", params.size() - 1, params.size());
    } else {
      where += fmt::format(" AND v.search_text LIKE ${}", params.size());
    }
    word.clear();
  };
  for (char c : f.q) {
    if (c == ' ' || c == '\t' || c == ',' ) flush();
    else if (c != '%' && c != '_' && c != '\\') word += c;
  }
  flush();
  if (!f.life_event.empty()) {
    params.emplace_back("%," + f.life_event + ",%");
    where += fmt::format(" AND v.life_events LIKE ${}", params.size());
  }
  if (!f.category.empty()) {
    params.emplace_back(f.category);
    where += fmt::format(" AND v.category = ${}", params.size());
  }
  if (!f.service_level.empty()) {
    params.emplace_back(f.service_level);
    where += fmt::format(" AND v.service_level = ${}", params.size());
  }
  return where;
}

Result<Version> load(store::Tx& tx, std::int64_t id) {
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} FROM catalog_version v JOIN catalog_item i ON i.code = v.item_code "
                                          "WHERE v.id = $1",
                                          kVersionColumns),
                              {id}));
  if (rows.rows.empty()) return fail(ErrorCode::kNotFound, "事项版本不存在", "id");
  return version_from(rows.rows[0]);
}

std::string document_text(const Item& item) { return json::serialize(to_json(item)); }

std::string events_text(const Item& item) {
  std::string s = ",";
  for (const auto& e : item.life_events) s += e + ",";
  return s;
}

Result<void> record(store::Tx& tx, const audit::Actor& actor, const char* action, const std::string& object_id,
                    const std::string& before, const std::string& after) {
  auto e = audit::entry_for(actor, action, "catalog_version", object_id);
  if (!before.empty()) e.before_digest = audit::digest({before});
  if (!after.empty()) e.after_digest = audit::digest({after});
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return {};
}

// Moves a version on, checking its status and row version.
Result<Version> transition(store::Tx& tx, std::int64_t id, std::string_view from, std::string_view set_sql,
                           std::vector<store::Param> params, std::int64_t expected_version) {
  auto v = YC_TRY(load(tx, id));
  if (v.status != from)
    return fail(ErrorCode::kConflict, fmt::format("该版本当前为“{}”,不能执行此操作", v.status == "draft" ? "草稿"
                                                                                   : v.status == "review" ? "待审核"
                                                                                                           : "已发布"),
                "status");
  YC_TRY_VOID(store::update_versioned(tx, "catalog_version", set_sql, std::move(params), id, expected_version));
  return load(tx, id);
}

}  // namespace

Result<std::vector<Version>> list_current(store::Tx& tx, const ListFilter& filter, std::int64_t now) {
  std::vector<store::Param> params{now};
  const auto where = filter_sql(filter, params);
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} FROM catalog_version v JOIN catalog_item i ON i.code = v.item_code "
                                          "WHERE i.withdrawn_at IS NULL AND {}{} ORDER BY v.item_code",
                                          kVersionColumns, kInForce, where),
                              params));
  std::vector<Version> out;
  for (const auto& r : rows.rows) out.push_back(YC_TRY(version_from(r)));
  return out;
}

Result<Version> get_current(store::Tx& tx, const std::string& code, std::int64_t now) {
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} FROM catalog_version v JOIN catalog_item i ON i.code = v.item_code "
                                          "WHERE i.withdrawn_at IS NULL AND v.item_code = $2 AND {}",
                                          kVersionColumns, kInForce),
                              {now, code}));
  if (rows.rows.empty()) return fail(ErrorCode::kNotFound, "服务事项不存在或未发布", "code");
  return version_from(rows.rows[0]);
}

Result<Version> get_version(store::Tx& tx, std::int64_t id) { return load(tx, id); }

Result<void> require_city(store::Tx& tx, const org::Scope& scope) {
  auto city = YC_TRY(tx.query("SELECT path FROM org_unit WHERE level = 1"));
  if (scope.is_all()) return {};
  if (city.rows.empty() || !scope.covers(city.rows[0].text(0)))
    return fail(ErrorCode::kForbidden, "服务事项目录由市级统一编制,须在市级单位授权后编辑");
  return {};
}

Result<Version> create_item(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, const Item& item) {
  YC_TRY_VOID(require_city(tx, scope));
  if (!valid_code(item.code)) return fail(ErrorCode::kInvalidArgument, "事项编码应形如 BJ-JYCY-001", "code");
  if (item.name.empty()) return fail(ErrorCode::kInvalidArgument, "请填写事项名称", "name");
  const auto now = time::now_ms();
  auto inserted = tx.exec("INSERT INTO catalog_item (code, created_at, updated_at) VALUES ($1, $2, $2)", {item.code, now});
  if (!inserted) {
    if (inserted.error().code == ErrorCode::kConflict)
      return fail(ErrorCode::kConflict, fmt::format("事项编码 {} 已存在", item.code), "code");
    return Unexpected{inserted.error()};
  }
  const auto doc = document_text(item);
  auto row = YC_TRY(tx.one(
      "INSERT INTO catalog_version (item_code, number, status, name, category, service_level, document, search_text, "
      "initials, life_events, edited_by, created_at, updated_at) "
      "VALUES ($1, 1, 'draft', $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
      {item.code, item.name, item.category, item.service_level, doc, search_text(item), pinyin_initials(item.name),
       events_text(item), actor.id, now}));
  YC_TRY_VOID(record(tx, actor, "catalog.item.create", std::to_string(row.int64(0)), "", doc));
  return load(tx, row.int64(0));
}

Result<Version> new_draft(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, const std::string& code) {
  YC_TRY_VOID(require_city(tx, scope));
  auto rows = YC_TRY(tx.query(
      "SELECT id, status FROM catalog_version WHERE item_code = $1 ORDER BY number DESC LIMIT 1", {code}));
  if (rows.rows.empty()) return fail(ErrorCode::kNotFound, "服务事项不存在", "code");
  if (rows.rows[0].text(1) != "published")
    return fail(ErrorCode::kConflict, "该事项已有未发布的草稿或待审核版本,请在其上修改", "code");
  const auto latest = YC_TRY(load(tx, rows.rows[0].int64(0)));
  const auto now = time::now_ms();
  const auto doc = document_text(latest.item);
  auto row = YC_TRY(tx.one(
      "INSERT INTO catalog_version (item_code, number, status, name, category, service_level, document, search_text, "
      "initials, life_events, edited_by, created_at, updated_at) "
      "VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
      {code, std::int64_t{latest.number + 1}, latest.item.name, latest.item.category, latest.item.service_level, doc,
       search_text(latest.item), pinyin_initials(latest.item.name), events_text(latest.item), actor.id, now}));
  YC_TRY_VOID(record(tx, actor, "catalog.version.create", std::to_string(row.int64(0)), "", doc));
  return load(tx, row.int64(0));
}

Result<Version> save_draft(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id,
                           const Item& item, std::int64_t expected_version) {
  YC_TRY_VOID(require_city(tx, scope));
  auto before = YC_TRY(load(tx, id));
  if (item.code != before.item_code) return fail(ErrorCode::kInvalidArgument, "事项编码不能修改", "code");
  if (item.name.empty()) return fail(ErrorCode::kInvalidArgument, "请填写事项名称", "name");
  const auto doc = document_text(item);
  auto after = YC_TRY(transition(
      tx, id, "draft",
      "document = $1, name = $2, category = $3, service_level = $4, search_text = $5, edited_by = $6, updated_at = $7, "
      "initials = $8, life_events = $9",
      {doc, item.name, item.category, item.service_level, search_text(item), actor.id, time::now_ms(),
       pinyin_initials(item.name), events_text(item)},
      expected_version));
  YC_TRY_VOID(record(tx, actor, "catalog.version.update", std::to_string(id), document_text(before.item), doc));
  return after;
}

Result<Version> submit(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id,
                       std::int64_t expected_version) {
  YC_TRY_VOID(require_city(tx, scope));
  auto v = YC_TRY(load(tx, id));
  if (auto findings = check(v.item); !findings.empty())
    return fail(ErrorCode::kUnprocessable,
                fmt::format("还有 {} 处不符合要求(如:{}),请补全后再提交审核", findings.size(), findings[0].message),
                findings[0].path);
  auto after = YC_TRY(transition(tx, id, "draft", "status = 'review', submitted_by = $1, submitted_at = $2, updated_at = $2",
                                 {actor.id, time::now_ms()}, expected_version));
  YC_TRY_VOID(record(tx, actor, "catalog.version.submit", std::to_string(id), "", ""));
  return after;
}

Result<Version> approve(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id,
                        std::int64_t effective_from, const std::string& note, std::int64_t expected_version) {
  YC_TRY_VOID(require_city(tx, scope));
  auto v = YC_TRY(load(tx, id));
  // 审核 by a second person (issue 5, item 3): not who wrote it, not who submitted it.
  if (actor.id == v.edited_by || actor.id == v.submitted_by)
    return fail(ErrorCode::kForbidden, "须由编辑和提交者以外的另一人审核发布", "reviewed_by");
  const auto now = time::now_ms();
  // A date is 00:00 Asia/Shanghai: today means at once; an earlier day is refused.
  if (effective_from <= now - 86'400'000) return fail(ErrorCode::kInvalidArgument, "生效日期不能早于今天", "effective_from");
  auto after = YC_TRY(transition(
      tx, id, "review",
      "status = 'published', reviewed_by = $1, reviewed_at = $2, review_note = $3, effective_from = $4, updated_at = $2",
      {actor.id, now, note, std::max(effective_from, now)}, expected_version));
  YC_TRY_VOID(record(tx, actor, "catalog.version.publish", std::to_string(id), "", document_text(v.item)));
  return after;
}

Result<Version> reject(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, std::int64_t id,
                       const std::string& note, std::int64_t expected_version) {
  YC_TRY_VOID(require_city(tx, scope));
  if (note.empty()) return fail(ErrorCode::kInvalidArgument, "请写明退回原因", "note");
  auto v = YC_TRY(load(tx, id));
  if (actor.id == v.edited_by || actor.id == v.submitted_by)
    return fail(ErrorCode::kForbidden, "须由编辑和提交者以外的另一人审核", "reviewed_by");
  auto after = YC_TRY(transition(tx, id, "review",
                                 "status = 'draft', reviewed_by = $1, reviewed_at = $2, review_note = $3, updated_at = $2",
                                 {actor.id, time::now_ms(), note}, expected_version));
  YC_TRY_VOID(record(tx, actor, "catalog.version.reject", std::to_string(id), "", ""));
  return after;
}

Result<void> withdraw(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, const std::string& code,
                      const std::string& reason) {
  YC_TRY_VOID(require_city(tx, scope));
  if (reason.empty()) return fail(ErrorCode::kInvalidArgument, "请写明停办原因", "reason");
  auto n = YC_TRY(tx.exec("UPDATE catalog_item SET withdrawn_at = $1, withdrawn_reason = $2, updated_at = $1 "
                          "WHERE code = $3 AND withdrawn_at IS NULL",
                          {time::now_ms(), reason, code}));
  if (n == 0) return fail(ErrorCode::kNotFound, "服务事项不存在或已停办", "code");
  auto e = audit::entry_for(actor, "catalog.item.withdraw", "catalog_item", code);
  YC_TRY_VOID(audit::append(tx, std::move(e)));
  return {};
}

Result<void> restore(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope, const std::string& code) {
  YC_TRY_VOID(require_city(tx, scope));
  auto n = YC_TRY(tx.exec("UPDATE catalog_item SET withdrawn_at = NULL, withdrawn_reason = '', updated_at = $1 "
                          "WHERE code = $2 AND withdrawn_at IS NOT NULL",
                          {time::now_ms(), code}));
  if (n == 0) return fail(ErrorCode::kNotFound, "服务事项不存在或未停办", "code");
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "catalog.item.restore", "catalog_item", code)));
  return {};
}

Result<std::vector<VersionSummary>> list_latest(store::Tx& tx, const ListFilter& filter) {
  std::vector<store::Param> params;
  const auto where = filter_sql(filter, params);
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT {} FROM catalog_version v JOIN catalog_item i ON i.code = v.item_code WHERE v.number = "
                  "(SELECT MAX(v2.number) FROM catalog_version v2 WHERE v2.item_code = v.item_code){} "
                  "ORDER BY v.item_code",
                  kSummaryColumns, where),
      params));
  std::vector<VersionSummary> out;
  for (const auto& r : rows.rows) out.push_back(summary_from(r));
  return out;
}

Result<std::vector<VersionSummary>> history(store::Tx& tx, const std::string& code) {
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} FROM catalog_version v JOIN catalog_item i ON i.code = v.item_code "
                                          "WHERE v.item_code = $1 ORDER BY v.number DESC",
                                          kSummaryColumns),
                              {code}));
  if (rows.rows.empty()) return fail(ErrorCode::kNotFound, "服务事项不存在", "code");
  std::vector<VersionSummary> out;
  for (const auto& r : rows.rows) out.push_back(summary_from(r));
  return out;
}

Result<ImportReport> import_items(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                  const json::array& documents) {
  YC_TRY_VOID(require_city(tx, scope));
  if (documents.empty()) return fail(ErrorCode::kInvalidArgument, "没有要导入的事项", "items");
  if (documents.size() > 2000) return fail(ErrorCode::kInvalidArgument, "一次最多导入 2000 个事项", "items");
  ImportReport report;
  std::vector<Item> items;
  std::set<std::string> seen;
  bool ok = true;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    ImportRow row;
    row.row = static_cast<int>(i) + 1;
    auto item = parse_item(documents[i]);
    if (!item) {
      row.problems.push_back(Finding{"invalid", item.error().field, item.error().message});
    } else {
      row.code = item->code;
      row.problems = check(*item);
      if (!seen.insert(item->code).second)
        row.problems.push_back(Finding{"duplicate_code", "code", fmt::format("编码 {} 在本次导入中重复", item->code)});
      auto open = YC_TRY(tx.query("SELECT status FROM catalog_version WHERE item_code = $1 ORDER BY number DESC LIMIT 1",
                                  {item->code}));
      if (!open.rows.empty() && open.rows[0].text(0) != "published")
        row.problems.push_back(Finding{"open_draft", "code", "该事项已有未发布的草稿或待审核版本"});
      row.outcome = open.rows.empty() ? "created" : "revised";
      items.push_back(std::move(*item));
    }
    if (!row.problems.empty()) {
      row.outcome = "error";
      ok = false;
    }
    report.rows.push_back(std::move(row));
  }
  if (!ok) return report;  // nothing half imported
  for (const auto& item : items) {
    auto exists = YC_TRY(tx.query("SELECT code FROM catalog_item WHERE code = $1", {item.code}));
    std::int64_t id = 0;
    if (exists.rows.empty()) {
      id = YC_TRY(create_item(tx, actor, scope, item)).id;
    } else {
      const auto draft = YC_TRY(new_draft(tx, actor, scope, item.code));
      id = YC_TRY(save_draft(tx, actor, scope, draft.id, item, draft.version)).id;
    }
    (void)id;
  }
  report.imported = true;
  return report;
}

Result<std::vector<ItemFindings>> conformance(store::Tx& tx) {
  auto rows = YC_TRY(tx.query(fmt::format(
      "SELECT {} FROM catalog_version v JOIN catalog_item i ON i.code = v.item_code WHERE i.withdrawn_at IS NULL AND "
      "v.number = (SELECT MAX(v2.number) FROM catalog_version v2 WHERE v2.item_code = v.item_code) ORDER BY v.item_code",
      kVersionColumns)));
  std::vector<ItemFindings> out;
  for (const auto& r : rows.rows) {
    auto v = YC_TRY(version_from(r));
    out.push_back(ItemFindings{v.item_code, v.item.name, v.item.category, v.item.service_level, v.number, v.status,
                               check(v.item)});
  }
  return out;
}

Result<int> seed(store::Database& db, std::string_view json_array, std::int64_t now) {
  boost::system::error_code ec;
  auto parsed = json::parse(json_array, ec);
  if (ec || !parsed.is_array()) return fail(ErrorCode::kInternal, "演示事项数据不是 JSON 数组");
  std::vector<Item> items;
  for (std::size_t i = 0; i < parsed.as_array().size(); ++i) {
    auto item = parse_item(parsed.as_array()[i]);
    if (!item) return fail(ErrorCode::kInternal, fmt::format("演示事项第 {} 项: {}", i + 1, item.error().message));
    if (auto findings = check(*item); !findings.empty())
      return fail(ErrorCode::kInternal,
                  fmt::format("演示事项 {} 不合规: {} ({})", item->code, findings[0].message, findings[0].path));
    items.push_back(std::move(*item));
  }
  return db.transact<int>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<int> {
    int added = 0;
    const auto actor = audit::Actor::system();
    for (const auto& item : items) {
      auto inserted = YC_TRY(tx.exec(
          "INSERT INTO catalog_item (code, created_at, updated_at) VALUES ($1, $2, $2) ON CONFLICT (code) DO NOTHING",
          {item.code, now}));
      if (inserted == 0) continue;
      const auto doc = document_text(item);
      auto row = YC_TRY(tx.one(
          "INSERT INTO catalog_version (item_code, number, status, name, category, service_level, document, "
          "search_text, initials, life_events, edited_by, submitted_by, submitted_at, reviewed_by, reviewed_at, "
          "review_note, effective_from, created_at, updated_at) VALUES ($1, 1, 'published', $2, $3, $4, $5, $6, $8, $9, "
          "'system', 'system', $7, 'system', $7, '演示数据,须由本市审核后使用', $7, $7, $7) RETURNING id",
          {item.code, item.name, item.category, item.service_level, doc, search_text(item), now,
           pinyin_initials(item.name), events_text(item)}));
      YC_TRY_VOID(record(tx, actor, "catalog.seed", std::to_string(row.int64(0)), "", doc));
      ++added;
    }
    return added;
  });
}

}  // namespace yc::catalog
