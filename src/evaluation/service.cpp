#include "evaluation/service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "audit/service.hpp"
#include "calendar/service.hpp"
#include "platform/text.hpp"
#include "privacy/model.hpp"
#include "stats/counters.hpp"
#include "exchange/outbox.hpp"

namespace yc::evaluation {
namespace {

constexpr const char* kCommentContext = "evaluation.comment";
constexpr const char* kContactContext = "evaluation.contact";

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

// Who answers for a rated service and where it happened.
struct Target {
  std::string unit_code, unit_path, item_code;
  std::optional<std::int64_t> site_id, staff_id, window_number;
  std::string contact_sealed, contact_masked;  // from the case's applicant
};

constexpr const char* kEvalCols =
    "e.id, e.target_kind, e.target_id, e.stage, e.channel, e.level, e.reasons, e.comment_sealed, e.contact_masked, "
    "e.unit_code, u.name, COALESCE(s.name, ''), COALESCE(a.name_masked, ''), e.item_code, e.day, e.window_number, "
    "e.created_at, (SELECT r.id FROM rectification r WHERE r.evaluation_id = e.id), "
    "COALESCE((SELECT v.name FROM catalog_version v JOIN catalog_item i ON i.code = v.item_code WHERE v.item_code = "
    "e.item_code ORDER BY v.number DESC LIMIT 1), ''), e.excluded";
constexpr const char* kEvalFrom =
    " FROM evaluation e JOIN org_unit u ON u.code = e.unit_code LEFT JOIN org_site s ON s.id = e.site_id "
    "LEFT JOIN account a ON a.id = e.staff_id ";

Evaluation evaluation_from(const store::Row& r, std::size_t at = 0) {
  Evaluation e;
  e.id = r.int64(at + 0);
  e.target_kind = r.text(at + 1);
  e.target_id = r.int64(at + 2);
  e.stage = r.text(at + 3);
  e.channel = r.text(at + 4);
  e.level = static_cast<int>(r.int64(at + 5));
  e.reasons = split_list(r.text(at + 6));
  e.has_comment = !r.text(at + 7).empty();
  e.contact_masked = r.text(at + 8);
  e.unit_code = r.text(at + 9);
  e.unit_name = r.text(at + 10);
  e.site_name = r.text(at + 11);
  e.staff_name_masked = r.text(at + 12);
  e.item_code = r.text(at + 13);
  e.day = r.text(at + 14);
  if (auto w = r.opt_int64(at + 15)) e.window_number = static_cast<int>(*w);
  e.created_at = r.int64(at + 16);
  e.rectification_id = r.opt_int64(at + 17);
  e.item_name = r.text(at + 18);
  e.excluded = r.int64(at + 19) != 0;
  return e;
}
constexpr std::size_t kEvalColCount = 20;

// The state of a rectification's appeal ("" when none), as a column.
constexpr const char* kAppealStateCol =
    "COALESCE((SELECT p.state FROM evaluation_appeal p WHERE p.rectification_id = r.id), '')";

constexpr const char* kRectCols =
    "r.id, r.evaluation_id, r.unit_code, ru.name, r.state, r.due_day, r.escalation, r.escalated_to, "
    "COALESCE(eu.name, ''), r.callback_outcome, r.callback_note, r.result, r.callback_at, r.closed_at, r.escalated_at, "
    "r.created_at, r.version, COALESCE((SELECT p.state FROM evaluation_appeal p WHERE p.rectification_id = r.id), '')";
constexpr const char* kRectFrom =
    " FROM rectification r JOIN org_unit ru ON ru.code = r.unit_code LEFT JOIN org_unit eu ON eu.code = r.escalated_to ";

Rectification rect_from(const store::Row& r) {
  Rectification x;
  x.id = r.int64(0);
  x.evaluation_id = r.int64(1);
  x.unit_code = r.text(2);
  x.unit_name = r.text(3);
  x.state = r.text(4);
  x.due_day = r.text(5);
  x.escalation = static_cast<int>(r.int64(6));
  x.escalated_to = r.text(7);
  x.escalated_to_name = r.text(8);
  x.callback_outcome = r.text(9);
  x.callback_note = r.text(10);
  x.result = r.text(11);
  x.callback_at = r.opt_int64(12);
  x.closed_at = r.opt_int64(13);
  x.escalated_at = r.opt_int64(14);
  x.created_at = r.int64(15);
  x.version = r.int64(16);
  x.appeal_state = r.text(17);
  return x;
}
constexpr std::size_t kRectColCount = 18;

constexpr const char* kAppealCols =
    "p.id, p.rectification_id, p.evaluation_id, p.unit_code, pu.name, p.review_unit_code, vu.name, p.reason, "
    "p.explanation, p.state, p.appealed_by, COALESCE(aa.name_masked, ''), p.appealed_at, p.reviewed_by, "
    "COALESCE(ra.name_masked, ''), p.reviewed_at, p.review_note, p.version, p.review_unit_path";
constexpr std::size_t kAppealColCount = 19;
constexpr const char* kAppealFrom =
    " FROM evaluation_appeal p JOIN org_unit pu ON pu.code = p.unit_code JOIN org_unit vu ON vu.code = p.review_unit_code "
    "LEFT JOIN account aa ON aa.id = p.appealed_by LEFT JOIN account ra ON ra.id = p.reviewed_by "
    "JOIN evaluation e ON e.id = p.evaluation_id JOIN org_unit u ON u.code = e.unit_code "
    "LEFT JOIN org_site s ON s.id = e.site_id LEFT JOIN account a ON a.id = e.staff_id ";

Appeal appeal_from(const store::Row& r) {
  Appeal x;
  x.id = r.int64(0);
  x.rectification_id = r.int64(1);
  x.evaluation_id = r.int64(2);
  x.unit_code = r.text(3);
  x.unit_name = r.text(4);
  x.review_unit_code = r.text(5);
  x.review_unit_name = r.text(6);
  x.reason = r.text(7);
  x.explanation = r.text(8);
  x.state = r.text(9);
  x.appealed_by = r.int64(10);
  x.appellant_name = r.text(11);
  x.appealed_at = r.int64(12);
  x.reviewed_by = r.opt_int64(13);
  x.reviewer_name = r.text(14);
  x.reviewed_at = r.opt_int64(15);
  x.review_note = r.text(16);
  x.version = r.int64(17);
  x.evaluation = evaluation_from(r, kAppealColCount);
  return x;
}

Result<Evaluation> load_evaluation(store::Tx& tx, std::int64_t id) {
  auto row = tx.one(fmt::format("SELECT {}{}WHERE e.id = $1", kEvalCols, kEvalFrom), {id});
  if (!row) return fail(ErrorCode::kNotFound, "评价不存在", "id");
  return evaluation_from(*row);
}

Result<Rectification> load_rect(store::Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto row = tx.one(fmt::format("SELECT {}, r.unit_path, {}{}JOIN evaluation e ON e.id = r.evaluation_id "
                                "JOIN org_unit u ON u.code = e.unit_code LEFT JOIN org_site s ON s.id = e.site_id "
                                "LEFT JOIN account a ON a.id = e.staff_id WHERE r.id = $1",
                                kRectCols, kEvalCols, kRectFrom),
                    {id});
  if (!row || !scope.covers(row->text(kRectColCount))) return fail(ErrorCode::kNotFound, "整改任务不存在", "id");
  auto x = rect_from(*row);
  x.evaluation = evaluation_from(*row, kRectColCount + 1);
  return x;
}

// Stores one rating and, when it is bad, its rectification: one transaction.
Result<Evaluation> store_rating(store::Tx& tx, const privacy::KeyRing& keys, const Settings& s,
                                const std::string& target_kind, std::int64_t target_id, const std::string& stage,
                                const Target& t, const RatingInput& in, std::int64_t now) {
  YC_TRY_VOID(validate(in.rating));
  if (!valid_channel(in.channel)) return fail(ErrorCode::kInvalidArgument, "评价渠道不正确", "channel");
  std::string contact_sealed = t.contact_sealed, contact_masked = t.contact_masked;
  if (!in.contact.empty()) {
    YC_TRY_VOID(privacy::validate_contact_phone(in.contact, "contact"));
    contact_sealed = YC_TRY(keys.encrypt(in.contact, kContactContext));
    contact_masked = privacy::mask_phone(in.contact);
  }
  const auto comment = in.rating.comment.empty() ? std::string() : YC_TRY(keys.encrypt(in.rating.comment, kCommentContext));
  const auto today = time::shanghai_date(now);
  auto taken = YC_TRY(tx.one("SELECT COUNT(*) FROM evaluation WHERE target_kind = $1 AND target_id = $2 AND stage = $3 "
                             "AND channel = $4",
                             {target_kind, target_id, stage, in.channel}));
  if (taken.int64(0) > 0) return fail(ErrorCode::kConflict, "您已通过此渠道评价过本次服务", "channel");
  const auto opt = [](const std::optional<std::int64_t>& v) { return v ? store::Param(*v) : store::null_param(); };
  auto id = YC_TRY(tx.one(
      "INSERT INTO evaluation (target_kind, target_id, stage, channel, level, reasons, comment_sealed, contact_sealed, "
      "contact_masked, unit_code, unit_path, site_id, window_number, staff_id, item_code, day, created_at) VALUES ($1, $2, "
      "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
      {target_kind, target_id, stage, in.channel, std::int64_t{in.rating.level}, join(in.rating.reasons), comment,
       contact_sealed, contact_masked, t.unit_code, t.unit_path, opt(t.site_id), opt(t.window_number), opt(t.staff_id),
       t.item_code, today.iso(), now}));
  if (is_bad(in.rating.level)) {
    auto due = YC_TRY(calendar::due_date(tx, today, s.rectify_days, false));
    YC_TRY(tx.exec("INSERT INTO rectification (evaluation_id, unit_code, unit_path, state, due_day, created_at) "
                   "VALUES ($1, $2, $3, 'open', $4, $5)",
                   {id.int64(0), t.unit_code, t.unit_path, due.iso(), now}));
  }
  namespace m = stats::metric;
  YC_TRY_VOID(stats::add(tx, stats::Where{today, t.unit_code, t.unit_path, ""},
                         {{m::kRatingsTotal, 1}, {m::kRatingsGood, is_bad(in.rating.level) ? 0 : 1},
                          {m::kRatingsBad, is_bad(in.rating.level) ? 1 : 0}}));
  YC_TRY_VOID(exchange::enqueue(tx, "evaluation.rated", t.unit_path,
                                {{"target_kind", target_kind}, {"stage", stage}, {"channel", in.channel},
                                 {"level", in.rating.level}, {"unit_code", t.unit_code}, {"item_code", t.item_code}},
                                now));
  // The rater is the public: the audit names the rating, not the person.
  YC_TRY_VOID(audit::append(tx, audit::entry_for(audit::Actor::system(), "evaluation.rate", "evaluation",
                                                 std::to_string(id.int64(0)))));
  return load_evaluation(tx, id.int64(0));
}

Result<Target> case_target(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t case_id, const std::string& stage,
                           bool& reached) {
  auto c = YC_TRY(tx.one("SELECT c.intake_unit_code, c.intake_path, c.handling_unit_code, c.handling_path, c.site_id, "
                         "c.window_number, c.accepted_by, c.accepted_at, c.completed_at, c.delivered_at, c.item_code, "
                         "c.applicant_phone_sealed, c.applicant_phone_masked FROM service_case c WHERE c.id = $1",
                         {case_id}));
  Target t;
  t.item_code = c.text(10);
  t.site_id = c.opt_int64(4);
  t.window_number = c.opt_int64(5);
  if (!c.text(11).empty()) {
    auto phone = YC_TRY(keys.decrypt(c.text(11), "case.applicant.phone"));
    t.contact_sealed = YC_TRY(keys.encrypt(phone, kContactContext));
    t.contact_masked = c.text(12);
  }
  // 谁办理谁负责: the hall for what happens at its window, the back office for the decision.
  const auto actor_of = [&](const char* kinds) -> Result<std::optional<std::int64_t>> {
    auto row = YC_TRY(tx.query(fmt::format("SELECT actor_id FROM case_event WHERE case_id = $1 AND kind IN ({}) "
                                           "AND actor_id IS NOT NULL ORDER BY id DESC LIMIT 1",
                                           kinds),
                               {case_id}));
    if (row.rows.empty()) return std::optional<std::int64_t>{};
    return row.rows[0].opt_int64(0);
  };
  if (stage == "accepted") {
    reached = c.opt_int64(7).has_value();
    t.unit_code = c.text(0);
    t.unit_path = c.text(1);
    t.staff_id = c.opt_int64(6);
  } else if (stage == "completed") {
    reached = c.opt_int64(8).has_value();
    t.unit_code = c.text(2);
    t.unit_path = c.text(3);
    t.staff_id = YC_TRY(actor_of("'approved', 'refused', 'ready'"));
    t.window_number.reset();
  } else {
    reached = c.opt_int64(9).has_value();
    t.unit_code = c.text(0);
    t.unit_path = c.text(1);
    t.staff_id = YC_TRY(actor_of("'delivered'"));
  }
  return t;
}

}  // namespace

double Summary::good_rate() const {
  return total > 0 ? static_cast<double>(by_level[3] + by_level[4] + by_level[5]) / total : 0.0;
}

Result<std::optional<PadTicket>> pad_ticket(store::Tx& tx, std::int64_t window_id, std::int64_t now) {
  auto rows = YC_TRY(tx.query(
      "SELECT t.id, t.label, g.name, COALESCE(a.name_masked, ''), COALESCE(a.badge, ''), t.finished_at FROM ticket t "
      "JOIN service_group g ON g.id = t.group_id LEFT JOIN account a ON a.id = t.called_by "
      "WHERE t.window_id = $1 AND t.state = 'done' AND t.finished_at >= $2 AND NOT EXISTS (SELECT 1 FROM evaluation e "
      "WHERE e.target_kind = 'ticket' AND e.target_id = t.id AND e.channel = 'pad') ORDER BY t.finished_at DESC LIMIT 1",
      {window_id, now - 30 * 60'000}));
  if (rows.rows.empty()) return std::optional<PadTicket>{};
  const auto& r = rows.rows[0];
  return std::optional<PadTicket>{PadTicket{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.int64(5)}};
}

Result<Evaluation> rate_ticket(store::Tx& tx, const privacy::KeyRing& keys, const Settings& s, std::int64_t window_id,
                               std::int64_t ticket_id, const RatingInput& in, std::int64_t now) {
  auto t = tx.one("SELECT t.site_id, st.unit_code, u.path, t.called_by, w.number, COALESCE(c.item_code, ''), t.state "
                  "FROM ticket t JOIN org_site st ON st.id = t.site_id JOIN org_unit u ON u.code = st.unit_code "
                  "JOIN org_window w ON w.id = t.window_id LEFT JOIN service_case c ON c.id = t.case_id "
                  "WHERE t.id = $1 AND t.window_id = $2",
                  {ticket_id, window_id});
  if (!t || t->text(6) != "done") return fail(ErrorCode::kNotFound, "没有可评价的服务", "ticket_id");
  Target target;
  target.site_id = t->int64(0);
  target.unit_code = t->text(1);
  target.unit_path = t->text(2);
  target.staff_id = t->opt_int64(3);
  target.window_number = t->int64(4);
  target.item_code = t->text(5);
  return store_rating(tx, keys, s, "ticket", ticket_id, "served", target, in, now);
}

Result<CitizenView> citizen_view(store::Tx& tx, std::int64_t case_id) {
  auto c = YC_TRY(tx.one("SELECT accepted_at, completed_at, delivered_at FROM service_case WHERE id = $1", {case_id}));
  CitizenView v;
  auto rated = YC_TRY(tx.query("SELECT stage, channel FROM evaluation WHERE target_kind = 'case' AND target_id = $1",
                               {case_id}));
  int col = 0;
  for (const char* stage : {"accepted", "completed", "delivered"}) {
    CaseStage cs{stage, c.opt_int64(col++).has_value(), {}};
    for (const auto& r : rated.rows)
      if (r.text(0) == stage) cs.rated_channels.push_back(r.text(1));
    v.stages.push_back(std::move(cs));
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}, {}{}LEFT JOIN rectification r ON r.evaluation_id = e.id "
                                          "LEFT JOIN org_unit ru ON ru.code = r.unit_code LEFT JOIN org_unit eu ON "
                                          "eu.code = r.escalated_to WHERE e.target_kind = 'case' AND e.target_id = $1 "
                                          "ORDER BY e.id",
                                          kEvalCols,
                                          "r.id, r.evaluation_id, r.unit_code, ru.name, r.state, r.due_day, r.escalation, "
                                          "r.escalated_to, eu.name, r.callback_outcome, r.callback_note, r.result, "
                                          "r.callback_at, r.closed_at, r.escalated_at, r.created_at, r.version, " +
                                              std::string(kAppealStateCol),
                                          kEvalFrom),
                              {case_id}));
  for (const auto& r : rows.rows) {
    Rectification x;
    if (r.opt_int64(kEvalColCount)) {
      x.id = r.int64(kEvalColCount);
      x.state = r.text(kEvalColCount + 4);
      x.due_day = r.text(kEvalColCount + 5);
      x.unit_name = r.text(kEvalColCount + 3);
      x.callback_at = r.opt_int64(kEvalColCount + 12);
      x.closed_at = r.opt_int64(kEvalColCount + 13);
      // Only what was done is for the citizen; internal notes stay inside.
      if (x.closed_at) x.result = r.text(kEvalColCount + 11);
      x.appeal_state = r.text(kEvalColCount + 17);  // the review's result, never its reasons
    }
    x.evaluation = evaluation_from(r);
    x.evaluation.staff_name_masked.clear();  // the rater learns no staff name here
    v.ratings.push_back(std::move(x));
  }
  return v;
}

Result<Evaluation> rate_case(store::Tx& tx, const privacy::KeyRing& keys, const Settings& s, std::int64_t case_id,
                             const std::string& stage, const RatingInput& in, std::int64_t now) {
  if (!valid_stage("case", stage)) return fail(ErrorCode::kInvalidArgument, "评价环节不正确", "stage");
  bool reached = false;
  auto target = YC_TRY(case_target(tx, keys, case_id, stage, reached));
  if (!reached)
    return fail(ErrorCode::kUnprocessable, fmt::format("办件尚未{}，暂不能评价该环节", stage_name(stage)), "stage");
  return store_rating(tx, keys, s, "case", case_id, stage, target, in, now);
}

Result<Listing> list(store::Tx& tx, const org::Scope& scope, const Filter& f) {
  std::vector<store::Param> params;
  std::string where = scope.sql("e.unit_path", params);
  if (!f.unit_code.empty()) {
    auto unit = tx.one("SELECT path FROM org_unit WHERE code = $1", {f.unit_code});
    if (!unit || !scope.covers(unit->text(0))) return fail(ErrorCode::kNotFound, "单位不存在", "unit");
    params.emplace_back(unit->text(0) + "%");
    where += fmt::format(" AND e.unit_path LIKE ${}", params.size());
  }
  if (f.from) {
    params.emplace_back(f.from->iso());
    where += fmt::format(" AND e.day >= ${}", params.size());
  }
  if (f.to) {
    params.emplace_back(f.to->iso());
    where += fmt::format(" AND e.day <= ${}", params.size());
  }
  if (!f.channel.empty()) {
    if (!valid_channel(f.channel)) return fail(ErrorCode::kInvalidArgument, "评价渠道不正确", "channel");
    params.emplace_back(f.channel);
    where += fmt::format(" AND e.channel = ${}", params.size());
  }
  Listing out;
  // A rating taken out by an upheld appeal is listed but not counted.
  auto counts = YC_TRY(tx.query("SELECT e.level, COUNT(*) FROM evaluation e WHERE " + where +
                                    " AND e.excluded = 0 GROUP BY e.level",
                                params));
  for (const auto& r : counts.rows) {
    const auto level = r.int64(0);
    if (level >= kLevelMin && level <= kLevelMax) out.summary.by_level[level] = static_cast<int>(r.int64(1));
    out.summary.total += static_cast<int>(r.int64(1));
  }
  if (f.max_level) {
    params.emplace_back(std::int64_t{*f.max_level});
    where += fmt::format(" AND e.level <= ${}", params.size());
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}{}WHERE {} ORDER BY e.created_at DESC, e.id DESC LIMIT 500",
                                          kEvalCols, kEvalFrom, where),
                              params));
  for (const auto& r : rows.rows) out.items.push_back(evaluation_from(r));
  return out;
}

Result<std::vector<Rectification>> list_rectifications(store::Tx& tx, const org::Scope& scope, const std::string& state) {
  std::vector<store::Param> params;
  std::string where = scope.sql("r.unit_path", params);
  if (!state.empty()) {
    if (state != "open" && state != "closed" && state != "overdue")
      return fail(ErrorCode::kInvalidArgument, "状态只能是待整改、已整改或已逾期", "state");
    if (state == "overdue") {
      where += " AND r.state = 'open' AND r.escalation > 0";
    } else {
      params.emplace_back(state);
      where += fmt::format(" AND r.state = ${}", params.size());
    }
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}, {}{}JOIN evaluation e ON e.id = r.evaluation_id "
                                          "JOIN org_unit u ON u.code = e.unit_code LEFT JOIN org_site s ON s.id = e.site_id "
                                          "LEFT JOIN account a ON a.id = e.staff_id WHERE {} "
                                          "ORDER BY r.state DESC, r.due_day, r.id LIMIT 500",
                                          kRectCols, kEvalCols, kRectFrom, where),
                              params));
  std::vector<Rectification> out;
  for (const auto& r : rows.rows) {
    auto x = rect_from(r);
    x.evaluation = evaluation_from(r, kRectColCount);
    out.push_back(std::move(x));
  }
  return out;
}

Result<Rectification> get_rectification(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope,
                                        std::int64_t id) {
  auto x = YC_TRY(load_rect(tx, scope, id));
  auto sealed = YC_TRY(tx.one("SELECT comment_sealed FROM evaluation WHERE id = $1", {x.evaluation_id}));
  if (!sealed.text(0).empty()) x.evaluation.comment = YC_TRY(keys.decrypt(sealed.text(0), kCommentContext));
  auto appealed = YC_TRY(tx.query(fmt::format("SELECT {}, {}{}WHERE p.rectification_id = $1", kAppealCols, kEvalCols,
                                              kAppealFrom),
                                  {id}));
  if (!appealed.rows.empty()) x.appeal = appeal_from(appealed.rows[0]);
  return x;
}

Result<std::string> reveal_contact(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                                   const org::Scope& scope, std::int64_t id) {
  auto x = YC_TRY(load_rect(tx, scope, id));
  auto sealed = YC_TRY(tx.one("SELECT contact_sealed FROM evaluation WHERE id = $1", {x.evaluation_id}));
  if (sealed.text(0).empty()) return fail(ErrorCode::kNotFound, "评价人未留联系方式", "contact");
  auto phone = YC_TRY(keys.decrypt(sealed.text(0), kContactContext));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "evaluation.contact.reveal", "rectification", std::to_string(id))));
  return phone;
}

Result<Rectification> call_back(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                                const org::Scope& scope, std::int64_t by, std::int64_t id, const std::string& outcome,
                                const std::string& note, std::int64_t now) {
  auto x = YC_TRY(load_rect(tx, scope, id));
  if (x.state != "open") return fail(ErrorCode::kConflict, "该整改任务已办结", "id");
  if (outcome != "reached" && outcome != "unreachable" && outcome != "declined")
    return fail(ErrorCode::kInvalidArgument, "回访结果只能是已联系、无法联系或拒绝回访", "outcome");
  if (note.empty() || utf8_length(note) > 500)
    return fail(ErrorCode::kInvalidArgument, "请填写回访情况(不超过 500 字)", "note");
  YC_TRY(tx.exec("UPDATE rectification SET callback_outcome = $1, callback_note = $2, callback_by = $3, callback_at = $4, "
                 "version = version + 1 WHERE id = $5",
                 {outcome, note, by, now, id}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "evaluation.callback", "rectification", std::to_string(id))));
  return get_rectification(tx, keys, scope, id);
}

Result<Rectification> close(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor,
                            const org::Scope& scope, std::int64_t by, std::int64_t id, const std::string& result,
                            std::int64_t version, std::int64_t now) {
  auto x = YC_TRY(load_rect(tx, scope, id));
  if (x.state != "open") return fail(ErrorCode::kConflict, "该整改任务已办结", "id");
  if (result.empty() || utf8_length(result) > 1000)
    return fail(ErrorCode::kInvalidArgument, "请填写整改结果(不超过 1000 字)，评价人将看到它", "result");
  if (!x.evaluation.contact_masked.empty() && !x.callback_at)
    return fail(ErrorCode::kUnprocessable, "请先回访评价人(实名差评须 100% 回访)", "callback");
  auto n = YC_TRY(tx.exec("UPDATE rectification SET state = 'closed', result = $1, closed_by = $2, closed_at = $3, "
                          "version = version + 1 WHERE id = $4 AND version = $5 AND state = 'open'",
                          {result, by, now, id, version}));
  if (n == 0) return fail(ErrorCode::kVersionConflict, "该整改任务已被他人更新，请刷新后重试", "version");
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "evaluation.rectify", "rectification", std::to_string(id))));
  return get_rectification(tx, keys, scope, id);
}

Result<std::vector<Escalated>> sweep(store::Tx& tx, const audit::Actor& actor, const Settings& s,
                                     const time::Date& today, std::int64_t now) {
  auto due = YC_TRY(tx.query("SELECT r.id, r.unit_path, r.escalation, r.due_day FROM rectification r WHERE r.state = 'open' "
                             "AND r.due_day < $1 AND NOT EXISTS (SELECT 1 FROM evaluation_appeal p WHERE "
                             "p.rectification_id = r.id AND p.state = 'pending') ORDER BY r.id LIMIT 1000",
                             {today.iso()}));
  std::vector<Escalated> out;
  for (const auto& r : due.rows) {
    auto step = next_escalation(r.text(1), static_cast<int>(r.int64(2)));
    if (!step) continue;  // already at the top: it stays overdue there
    auto next_due = YC_TRY(calendar::due_date(tx, today, s.escalate_days, false));
    auto n = YC_TRY(tx.exec("UPDATE rectification SET escalation = $1, escalated_to = $2, escalated_at = $3, "
                            "due_day = $4, version = version + 1 WHERE id = $5 AND state = 'open' AND escalation = $6",
                            {std::int64_t{step->level}, step->unit_code, now, next_due.iso(), r.int64(0), r.int64(2)}));
    if (n == 0) continue;
    YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "evaluation.escalate", "rectification",
                                                   std::to_string(r.int64(0)))));
    out.push_back(Escalated{r.int64(0), step->unit_code});
  }
  return out;
}

namespace {

// The unit above the responsible one reviews; a city-level unit reviews itself.
struct ReviewUnit {
  std::string code, path;
};
Result<ReviewUnit> review_unit_of(store::Tx& tx, const std::string& unit_code, const std::string& unit_path) {
  auto up = next_escalation(unit_path, 0);
  if (!up) return ReviewUnit{unit_code, unit_path};
  auto row = YC_TRY(tx.one("SELECT path FROM org_unit WHERE code = $1", {up->unit_code}));
  return ReviewUnit{up->unit_code, row.text(0)};
}

Result<Appeal> load_appeal(store::Tx& tx, const org::Scope& scope, std::int64_t id) {
  auto row = tx.one(fmt::format("SELECT {}, {}{}WHERE p.id = $1", kAppealCols, kEvalCols, kAppealFrom), {id});
  if (!row || !scope.covers(row->text(kAppealColCount - 1))) return fail(ErrorCode::kNotFound, "申诉不存在", "id");
  return appeal_from(*row);
}

}  // namespace

Result<std::string> appeal_due_day(store::Tx& tx, const Settings& s, const Rectification& x) {
  auto day = YC_TRY(time::parse_date(x.evaluation.day, "day"));
  return YC_TRY(calendar::due_date(tx, day, s.appeal_days, false)).iso();
}

Result<Rectification> appeal(store::Tx& tx, const privacy::KeyRing& keys, const Settings& s, const audit::Actor& actor,
                             const org::Scope& scope, std::int64_t by, std::int64_t rectification_id,
                             const std::string& reason, const std::string& explanation, std::int64_t now) {
  // Bad input first: it changes nothing.
  if (appeal_reason_name(reason).empty())
    return fail(ErrorCode::kInvalidArgument, "请选择申诉理由(误评、恶意差评、非本单位职责或其他)", "reason");
  const auto n = utf8_length(explanation);
  if (n < 10 || n > 1000) return fail(ErrorCode::kInvalidArgument, "请写明申诉的事实和依据(10 到 1000 字)", "explanation");
  auto x = YC_TRY(load_rect(tx, scope, rectification_id));
  // 申诉 once per rating: a rejected appeal is final (no second appeal).
  if (!x.appeal_state.empty())
    return fail(ErrorCode::kConflict,
                fmt::format("该评价已申诉过({})，不能再次申诉", appeal_state_name(x.appeal_state)), "id");
  if (x.state != "open") return fail(ErrorCode::kConflict, "该整改任务已办结，不能申诉", "id");
  const auto last = YC_TRY(appeal_due_day(tx, s, x));
  if (time::shanghai_date(now).iso() > last)
    return fail(ErrorCode::kUnprocessable,
                fmt::format("已超过申诉期限(评价后 {} 个工作日内，截至 {})", s.appeal_days, last), "appeal_due_day");
  auto path = YC_TRY(tx.one("SELECT unit_path FROM rectification WHERE id = $1", {rectification_id})).text(0);
  auto up = YC_TRY(review_unit_of(tx, x.unit_code, path));
  auto id = YC_TRY(tx.one("INSERT INTO evaluation_appeal (rectification_id, evaluation_id, unit_code, unit_path, "
                          "review_unit_code, review_unit_path, reason, explanation, state, appealed_by, appealed_at) "
                          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10) RETURNING id",
                          {rectification_id, x.evaluation_id, x.unit_code, path, up.code, up.path, reason, explanation,
                           by, now}));
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, "evaluation.appeal", "evaluation_appeal",
                                                 std::to_string(id.int64(0)))));
  auto out = YC_TRY(get_rectification(tx, keys, scope, rectification_id));
  out.appeal_due_day = last;
  return out;
}

Result<std::vector<Appeal>> list_appeals(store::Tx& tx, const org::Scope& scope, const std::string& state) {
  std::vector<store::Param> params;
  std::string where = scope.sql("p.review_unit_path", params);
  if (!state.empty()) {
    if (appeal_state_name(state).empty())
      return fail(ErrorCode::kInvalidArgument, "状态只能是复核中、申诉成立或申诉不成立", "state");
    params.emplace_back(state);
    where += fmt::format(" AND p.state = ${}", params.size());
  }
  auto rows = YC_TRY(tx.query(fmt::format("SELECT {}, {}{}WHERE {} ORDER BY p.state, p.appealed_at DESC, p.id DESC "
                                          "LIMIT 500",
                                          kAppealCols, kEvalCols, kAppealFrom, where),
                              params));
  std::vector<Appeal> out;
  for (const auto& r : rows.rows) out.push_back(appeal_from(r));
  return out;
}

Result<Appeal> get_appeal(store::Tx& tx, const privacy::KeyRing& keys, const org::Scope& scope, std::int64_t id) {
  auto x = YC_TRY(load_appeal(tx, scope, id));
  auto sealed = YC_TRY(tx.one("SELECT comment_sealed FROM evaluation WHERE id = $1", {x.evaluation_id}));
  if (!sealed.text(0).empty()) x.evaluation.comment = YC_TRY(keys.decrypt(sealed.text(0), kCommentContext));
  return x;
}

Result<Appeal> review(store::Tx& tx, const privacy::KeyRing& keys, const audit::Actor& actor, const org::Scope& scope,
                      std::int64_t by, std::int64_t id, Decision decision, const std::string& note,
                      std::int64_t version, std::int64_t now) {
  const auto n = utf8_length(note);
  if (n < 2 || n > 500) return fail(ErrorCode::kInvalidArgument, "请填写复核意见(2 到 500 字)", "note");
  auto x = YC_TRY(load_appeal(tx, scope, id));
  // Separation of duties: whoever appealed does not decide it.
  if (x.appealed_by == by) return fail(ErrorCode::kForbidden, "申诉人不能复核自己提出的申诉", "id");
  if (x.state != "pending")
    return fail(ErrorCode::kConflict, fmt::format("该申诉已复核({})", appeal_state_name(x.state)), "state");
  const bool upheld = decision == Decision::kUphold;
  auto changed = YC_TRY(tx.exec("UPDATE evaluation_appeal SET state = $1, reviewed_by = $2, reviewed_at = $3, "
                                "review_note = $4, version = version + 1 WHERE id = $5 AND version = $6 AND state = 'pending'",
                                {std::string(upheld ? "upheld" : "rejected"), by, now, note, id, version}));
  if (changed == 0) return fail(ErrorCode::kVersionConflict, "该申诉已被他人更新，请刷新后重试", "version");
  if (upheld) {
    // The rating leaves the figures: the same counters its rating added,
    // taken back on its own day and unit, so `stats rebuild` (which skips
    // excluded ratings) agrees.
    auto e = YC_TRY(tx.one("SELECT day, unit_code, unit_path, level FROM evaluation WHERE id = $1 AND excluded = 0",
                           {x.evaluation_id}));
    YC_TRY(tx.exec("UPDATE evaluation SET excluded = 1 WHERE id = $1", {x.evaluation_id}));
    const bool bad = is_bad(static_cast<int>(e.int64(3)));
    namespace m = stats::metric;
    YC_TRY_VOID(stats::add(tx, stats::Where{YC_TRY(time::parse_date(e.text(0), "day")), e.text(1), e.text(2), ""},
                           {{m::kRatingsTotal, -1}, {bad ? m::kRatingsBad : m::kRatingsGood, -1}}));
    YC_TRY(tx.exec("UPDATE rectification SET state = 'closed', result = $1, closed_by = $2, closed_at = $3, "
                   "version = version + 1 WHERE id = $4 AND state = 'open'",
                   {std::string("经上级单位复核，申诉成立，该评价不计入考核"), by, now, x.rectification_id}));
  }
  YC_TRY_VOID(audit::append(tx, audit::entry_for(actor, upheld ? "evaluation.appeal.uphold" : "evaluation.appeal.reject",
                                                 "evaluation_appeal", std::to_string(id))));
  return get_appeal(tx, keys, scope, id);
}

}  // namespace yc::evaluation
