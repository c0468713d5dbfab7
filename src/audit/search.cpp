#include "audit/search.hpp"

#include <fmt/format.h>

#include "platform/time.hpp"

namespace yc::audit {

Result<std::vector<Listed>> search(store::Tx& tx, const org::Scope& scope, const Filter& f) {
  std::vector<store::Param> params;
  std::string where = fmt::format("(l.unit_id IN (SELECT u.code FROM org_unit u WHERE {})", scope.sql("u.path", params));
  bool whole_city = false;
  for (const auto& p : scope.paths())
    if (p == "/" || std::count(p.begin(), p.end(), '/') == 2) whole_city = true;  // "/110000/"
  where += whole_city ? " OR l.unit_id = '')" : ")";
  auto add = [&](std::string_view sql, store::Param value) {
    params.push_back(std::move(value));
    where += fmt::format(" AND {}${}", sql, params.size());
  };
  if (f.from_ms) add("l.created_at >= ", *f.from_ms);
  if (f.to_ms) add("l.created_at < ", *f.to_ms);
  if (f.before_seq) add("l.seq < ", *f.before_seq);
  if (!f.actor_login.empty()) {
    params.emplace_back(f.actor_login);
    where += fmt::format(" AND l.actor_id IN (SELECT CAST(a2.id AS TEXT) FROM account a2 WHERE a2.login = ${})",
                         params.size());
  }
  if (!f.action.empty()) {
    std::string prefix;
    for (char c : f.action)
      if (c != '%' && c != '_' && c != '\\') prefix += c;
    add("l.action LIKE ", prefix + "%");
  }
  if (!f.object_type.empty()) add("l.object_type = ", f.object_type);
  if (!f.object_id.empty()) add("l.object_id = ", f.object_id);
  if (!f.outcome.empty()) add("l.outcome = ", f.outcome);
  const int limit = std::clamp(f.limit, 1, 100'000);
  auto rows = YC_TRY(tx.query(
      fmt::format("SELECT l.seq, l.created_at, l.actor_id, l.actor_role, l.unit_id, l.site_id, l.window_id, "
                  "l.action, l.object_type, l.object_id, l.client_address, l.outcome, l.before_digest, "
                  "l.after_digest, l.prev_hash, l.hash, COALESCE(a.login, '') FROM audit_log l "
                  "LEFT JOIN account a ON CAST(a.id AS TEXT) = l.actor_id WHERE {} ORDER BY l.seq DESC LIMIT {}",
                  where, limit),
      params));
  std::vector<Listed> out;
  out.reserve(rows.rows.size());
  for (const auto& r : rows.rows) {
    Listed l;
    Entry& e = l.entry;
    e.seq = r.int64(0);
    e.created_at = r.int64(1);
    std::string* fields[] = {&e.actor_id, &e.actor_role, &e.unit_id, &e.site_id, &e.window_id,
                             &e.action, &e.object_type, &e.object_id, &e.client_address, &e.outcome,
                             &e.before_digest, &e.after_digest, &e.prev_hash, &e.hash};
    for (std::size_t i = 0; i < std::size(fields); ++i) *fields[i] = r.text(i + 2);
    l.actor_login = r.text(16);
    out.push_back(std::move(l));
  }
  return out;
}

namespace {
void cell(std::string& out, std::string_view v) {
  std::string text(v);
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'))
    text.insert(0, "'");
  const bool quote = text.find_first_of(",\"\r\n") != std::string::npos;
  if (quote) {
    out += '"';
    for (char c : text) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  } else {
    out += text;
  }
  out += ',';
}
}  // namespace

std::string to_csv(const std::vector<Listed>& entries) {
  std::string out = "\xEF\xBB\xBF";
  out += "序号,时间(UTC),操作人ID,登录名,角色,单位,场所,窗口,操作,对象类型,对象ID,客户端地址,结果,变更前摘要,变更后摘要,哈希\r\n";
  for (const auto& l : entries) {
    const Entry& e = l.entry;
    cell(out, std::to_string(e.seq));
    cell(out, time::format_utc(e.created_at));
    for (const std::string* f : {&e.actor_id, &l.actor_login, &e.actor_role, &e.unit_id, &e.site_id, &e.window_id,
                                 &e.action, &e.object_type, &e.object_id, &e.client_address, &e.outcome,
                                 &e.before_digest, &e.after_digest, &e.hash})
      cell(out, *f);
    out.back() = '\r';
    out += '\n';
  }
  return out;
}

}  // namespace yc::audit
