#include "exchange/case_feed.hpp"

#include <fmt/format.h>

#include <charconv>

#include "platform/time.hpp"

namespace yc::exchange {
namespace {

constexpr const char* kCols =
    "c.case_no, c.item_code, c.item_name, c.channel, c.status, c.outcome, c.intake_unit_code, "
    "COALESCE((SELECT u.name FROM org_unit u WHERE u.code = c.intake_unit_code), ''), c.handling_unit_code, "
    "COALESCE((SELECT u.name FROM org_unit u WHERE u.code = c.handling_unit_code), ''), c.applicant_kind, "
    "c.applicant_name_masked, c.applicant_id_masked, c.agent_kind, c.promised_days, c.accepted_day, c.due_day, "
    "c.overdue_at, c.accepted_at, c.completed_at, c.delivered_at, c.created_at, c.updated_at, c.id";

CaseRecord record_from(const store::Row& r) {
  CaseRecord c;
  c.case_no = r.text(0);
  c.item_code = r.text(1);
  c.item_name = r.text(2);
  c.channel = r.text(3);
  c.status = r.text(4);
  c.outcome = r.text(5);
  c.intake_unit_code = r.text(6);
  c.intake_unit_name = r.text(7);
  c.handling_unit_code = r.text(8);
  c.handling_unit_name = r.text(9);
  c.applicant_kind = r.text(10);
  c.applicant_name_masked = r.text(11);
  c.applicant_id_masked = r.text(12);
  c.agent_kind = r.text(13);
  c.promised_days = static_cast<int>(r.int64(14));
  c.accepted_day = r.opt_text(15);
  c.due_day = r.opt_text(16);
  c.overdue = r.opt_int64(17).has_value();
  c.accepted_at = r.opt_int64(18);
  c.completed_at = r.opt_int64(19);
  c.delivered_at = r.opt_int64(20);
  c.created_at = r.int64(21);
  c.updated_at = r.int64(22);
  c.id = r.int64(23);
  return c;
}

bool parse_i64(std::string_view s, std::int64_t* out) {
  if (s.empty() || s.size() > 19) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && *out >= 0;
}

Result<std::pair<std::int64_t, std::int64_t>> parse_cursor(std::string_view s) {
  const auto dash = s.find('-');
  std::int64_t at = 0, id = 0;
  if (dash == std::string_view::npos || !parse_i64(s.substr(0, dash), &at) || !parse_i64(s.substr(dash + 1), &id))
    return fail(ErrorCode::kInvalidArgument, "after 应为上一页返回的 next 值", "after");
  return std::pair{at, id};
}

}  // namespace

std::string format_cursor(std::int64_t updated_at, std::int64_t id) { return fmt::format("{}-{}", updated_at, id); }

Result<FeedPage> case_feed(store::Tx& tx, const org::Scope& scope, const FeedQuery& q, std::int64_t now) {
  if (q.limit < 1 || q.limit > 500) return fail(ErrorCode::kInvalidArgument, "limit 应为 1 至 500 的整数", "limit");
  std::int64_t at = -1, id = 0;
  if (q.after) {
    std::tie(at, id) = YC_TRY(parse_cursor(*q.after));
  } else if (q.from) {
    auto day = YC_TRY(time::parse_date(*q.from, "from"));
    at = time::days_from_civil(day) * 86'400'000LL - time::kShanghaiOffsetMs - 1;
    id = std::numeric_limits<std::int64_t>::max();
  }
  std::vector<store::Param> params;
  org::Scope where_scope = scope;
  if (!q.unit.empty()) {
    auto unit = tx.one("SELECT path FROM org_unit WHERE code = $1", {q.unit});
    if (!unit || !scope.covers(unit->text(0))) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
    where_scope = org::Scope::of({unit->text(0)});
  }
  std::string where = fmt::format("({} OR {})", where_scope.sql("c.intake_path", params),
                                  where_scope.sql("c.handling_path", params));
  if (!q.status.empty()) {
    params.emplace_back(q.status);
    where += fmt::format(" AND c.status = ${}", params.size());
  }
  params.emplace_back(at);
  const auto at_i = params.size();
  params.emplace_back(id);
  where += fmt::format(" AND (c.updated_at > ${0} OR (c.updated_at = ${0} AND c.id > ${1}))", at_i, params.size());
  params.emplace_back(now - kSettleMs);
  where += fmt::format(" AND c.updated_at <= ${}", params.size());
  params.emplace_back(static_cast<std::int64_t>(q.limit) + 1);
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {} FROM service_case c WHERE {} ORDER BY c.updated_at, c.id LIMIT ${}",
                                          kCols, where, params.size()),
                              params));
  FeedPage page;
  page.more = rows.rows.size() > static_cast<std::size_t>(q.limit);
  for (std::size_t i = 0; i < rows.rows.size() && i < static_cast<std::size_t>(q.limit); ++i)
    page.items.push_back(record_from(rows.rows[i]));
  if (!page.items.empty())
    page.next = format_cursor(page.items.back().updated_at, page.items.back().id);
  else if (q.after)
    page.next = *q.after;
  else
    page.next = format_cursor(std::max<std::int64_t>(at, 0), at < 0 ? 0 : id);
  return page;
}

Result<std::pair<CaseRecord, std::vector<CaseEventRecord>>> case_record(store::Tx& tx, const org::Scope& scope,
                                                                        const std::string& case_no) {
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}, c.intake_path, c.handling_path FROM service_case c "
                                          "WHERE c.case_no = $1",
                                          kCols),
                              {case_no}));
  if (rows.rows.empty() || !(scope.covers(rows.rows[0].text(24)) || scope.covers(rows.rows[0].text(25))))
    return fail(ErrorCode::kNotFound, "办件不存在", "case_no");
  auto c = record_from(rows.rows[0]);
  auto ev = YC_TRY(tx.query("SELECT kind, step, unit_code, at FROM case_event WHERE case_id = $1 ORDER BY id", {c.id}));
  std::vector<CaseEventRecord> events;
  for (const auto& r : ev.rows) events.push_back(CaseEventRecord{r.text(0), r.text(1), r.text(2), r.int64(3)});
  return std::pair{std::move(c), std::move(events)};
}

}  // namespace yc::exchange
