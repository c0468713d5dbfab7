#include "stats/counters.hpp"

#include <fmt/format.h>

namespace yc::stats {

const std::vector<std::string_view>& all_metrics() {
  using namespace metric;
  static const std::vector<std::string_view> kAll = {
      kTicketsTaken,   kTicketsServed,  kTicketsWaitSeconds, kTicketsServiceSeconds, kCasesAccepted,
      kCasesRejected,  kCasesCompleted, kCasesApproved,      kCasesRefused,          kCasesOnTime,
      kCasesDelivered, kCasesOverdue,   kRatingsTotal,       kRatingsGood,           kRatingsBad,
      kComplaintsReceived, kComplaintsUpheld};
  return kAll;
}

Result<void> add(store::Tx& tx, const Where& w, const std::vector<std::pair<std::string_view, std::int64_t>>& deltas) {
  if (deltas.empty()) return {};
  const auto day = w.day.iso();
  const auto month = day.substr(0, 7);
  // One multi-row upsert per table: (key..., metric, value) rows.
  const auto upsert = [&](const std::string& table, const std::string& key_cols, std::vector<store::Param> key,
                          const std::string& conflict) -> Result<void> {
    std::vector<store::Param> params;
    std::string values;
    for (const auto& [name, delta] : deltas) {
      values += values.empty() ? "(" : ", (";
      for (const auto& k : key) {
        params.push_back(k);
        values += fmt::format("${}, ", params.size());
      }
      params.emplace_back(std::string(name));
      params.emplace_back(delta);
      values += fmt::format("${}, ${})", params.size() - 1, params.size());
    }
    YC_TRY(tx.exec(fmt::format("INSERT INTO {} ({}, metric, value) VALUES {} ON CONFLICT ({}, metric) DO UPDATE SET "
                               "value = {}.value + excluded.value",
                               table, key_cols, values, conflict, table),
                   params));
    return {};
  };
  YC_TRY_VOID(upsert("stat_day", "day, unit_code, unit_path", {day, w.unit_code, w.unit_path}, "day, unit_code"));
  YC_TRY_VOID(upsert("stat_month", "month, unit_code, unit_path", {month, w.unit_code, w.unit_path}, "month, unit_code"));
  if (!w.item_code.empty()) {
    YC_TRY_VOID(upsert("stat_item_month", "month, unit_code, unit_path, item_code",
                       {month, w.unit_code, w.unit_path, w.item_code}, "month, unit_code, item_code"));
  }
  return {};
}

namespace {

// The Beijing day (YYYY-MM-DD) of an epoch-millisecond column, per engine.
std::string day_of(store::Engine e, const std::string& col) {
  if (e == store::Engine::kSqlite) return fmt::format("date({} / 1000 + 28800, 'unixepoch')", col);
  return fmt::format("to_char(to_timestamp({} / 1000.0) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')", col);
}

// (day, unit_code, unit_path, item_code, metric, value) rows from the base tables.
std::string facts_sql(store::Engine e) {
  const auto completed = day_of(e, "c.completed_at");
  const auto delivered = day_of(e, "c.delivered_at");
  const auto overdue = day_of(e, "o.recorded_at");
  const auto replied = day_of(e, "x.replied_at");
  const auto ticket_day = std::string("substr(t.day, 1, 4) || '-' || substr(t.day, 5, 2) || '-' || substr(t.day, 7, 2)");
  return fmt::format(
      // Cases: accepted and rejected where they were taken, decided where handled.
      "SELECT c.accepted_day AS day, c.intake_unit_code AS unit_code, c.intake_path AS unit_path, c.item_code AS item, "
      "'cases.accepted' AS metric, COUNT(*) AS value FROM service_case c WHERE c.accepted_at IS NOT NULL "
      "GROUP BY c.accepted_day, c.intake_unit_code, c.intake_path, c.item_code "
      "UNION ALL SELECT {0}, c.intake_unit_code, c.intake_path, c.item_code, 'cases.rejected', COUNT(*) FROM service_case c "
      "WHERE c.status = 'rejected' AND c.completed_at IS NOT NULL GROUP BY {0}, c.intake_unit_code, c.intake_path, c.item_code "
      "UNION ALL SELECT {0}, c.handling_unit_code, c.handling_path, c.item_code, 'cases.completed', COUNT(*) FROM service_case c "
      "WHERE c.outcome IN ('approved', 'refused') AND c.completed_at IS NOT NULL "
      "GROUP BY {0}, c.handling_unit_code, c.handling_path, c.item_code "
      "UNION ALL SELECT {0}, c.handling_unit_code, c.handling_path, c.item_code, 'cases.' || c.outcome, COUNT(*) "
      "FROM service_case c WHERE c.outcome IN ('approved', 'refused') AND c.completed_at IS NOT NULL "
      "GROUP BY {0}, c.handling_unit_code, c.handling_path, c.item_code, c.outcome "
      "UNION ALL SELECT {0}, c.handling_unit_code, c.handling_path, c.item_code, 'cases.on_time', COUNT(*) FROM service_case c "
      "WHERE c.outcome IN ('approved', 'refused') AND c.completed_at IS NOT NULL AND c.due_day IS NOT NULL AND {0} <= c.due_day "
      "GROUP BY {0}, c.handling_unit_code, c.handling_path, c.item_code "
      "UNION ALL SELECT {1}, c.intake_unit_code, c.intake_path, c.item_code, 'cases.delivered', COUNT(*) FROM service_case c "
      "WHERE c.delivered_at IS NOT NULL GROUP BY {1}, c.intake_unit_code, c.intake_path, c.item_code "
      "UNION ALL SELECT {2}, c.handling_unit_code, c.handling_path, c.item_code, 'cases.overdue', COUNT(*) "
      "FROM case_overdue o JOIN service_case c ON c.id = o.case_id "
      "GROUP BY {2}, c.handling_unit_code, c.handling_path, c.item_code "
      // Tickets: where they were taken, on their counter day.
      "UNION ALL SELECT {4}, s.unit_code, u.path, '', 'tickets.taken', COUNT(*) FROM ticket t JOIN org_site s ON s.id = "
      "t.site_id JOIN org_unit u ON u.code = s.unit_code GROUP BY {4}, s.unit_code, u.path "
      "UNION ALL SELECT {4}, s.unit_code, u.path, '', 'tickets.served', COUNT(*) FROM ticket t JOIN org_site s ON s.id = "
      "t.site_id JOIN org_unit u ON u.code = s.unit_code WHERE t.state = 'done' AND t.called_at IS NOT NULL AND "
      "t.finished_at IS NOT NULL GROUP BY {4}, s.unit_code, u.path "
      "UNION ALL SELECT {4}, s.unit_code, u.path, '', 'tickets.wait_s', SUM((t.called_at - t.taken_at) / 1000) FROM ticket t "
      "JOIN org_site s ON s.id = t.site_id JOIN org_unit u ON u.code = s.unit_code WHERE t.state = 'done' AND t.called_at "
      "IS NOT NULL AND t.finished_at IS NOT NULL GROUP BY {4}, s.unit_code, u.path "
      "UNION ALL SELECT {4}, s.unit_code, u.path, '', 'tickets.service_s', SUM((t.finished_at - t.called_at) / 1000) FROM "
      "ticket t JOIN org_site s ON s.id = t.site_id JOIN org_unit u ON u.code = s.unit_code WHERE t.state = 'done' AND "
      "t.called_at IS NOT NULL AND t.finished_at IS NOT NULL GROUP BY {4}, s.unit_code, u.path "
      // Ratings and complaints: where they are answered for.
      // A rating excluded by an upheld appeal (申诉成立) counts nowhere.
      "UNION ALL SELECT e.day, e.unit_code, e.unit_path, '', 'ratings.total', COUNT(*) FROM evaluation e "
      "WHERE e.excluded = 0 GROUP BY e.day, e.unit_code, e.unit_path "
      "UNION ALL SELECT e.day, e.unit_code, e.unit_path, '', 'ratings.good', COUNT(*) FROM evaluation e WHERE e.level >= 3 "
      "AND e.excluded = 0 "
      "GROUP BY e.day, e.unit_code, e.unit_path "
      "UNION ALL SELECT e.day, e.unit_code, e.unit_path, '', 'ratings.bad', COUNT(*) FROM evaluation e WHERE e.level <= 2 "
      "AND e.excluded = 0 "
      "GROUP BY e.day, e.unit_code, e.unit_path "
      "UNION ALL SELECT x.received_day, x.unit_code, x.unit_path, '', 'complaints.received', COUNT(*) FROM complaint x "
      "GROUP BY x.received_day, x.unit_code, x.unit_path "
      "UNION ALL SELECT {3}, x.unit_code, x.unit_path, '', 'complaints.upheld', COUNT(*) FROM complaint x "
      "WHERE x.upheld = 1 AND x.replied_at IS NOT NULL GROUP BY {3}, x.unit_code, x.unit_path",
      completed, delivered, overdue, replied, ticket_day);
}

}  // namespace

Result<std::int64_t> rebuild(store::Database& db) {
  return db.transact<std::int64_t>(store::TxMode::kWrite, [](store::Tx& tx) -> Result<std::int64_t> {
    for (const char* t : {"stat_item_month", "stat_month", "stat_day"}) YC_TRY(tx.exec(std::string("DELETE FROM ") + t));
    // The facts once (each base table scanned once per metric), then the
    // three tables from them.
    YC_TRY(tx.exec("CREATE TEMP TABLE IF NOT EXISTS stat_facts (day TEXT, unit_code TEXT, unit_path TEXT, item TEXT, "
                   "metric TEXT, value BIGINT)"));
    YC_TRY(tx.exec("DELETE FROM stat_facts"));
    YC_TRY(tx.exec("INSERT INTO stat_facts (day, unit_code, unit_path, item, metric, value) SELECT f.day, f.unit_code, "
                   "f.unit_path, f.item, f.metric, f.value FROM (" + facts_sql(tx.engine()) + ") f WHERE f.day IS NOT NULL"));
    auto days = YC_TRY(tx.exec("INSERT INTO stat_day (day, unit_code, unit_path, metric, value) SELECT day, unit_code, "
                               "unit_path, metric, SUM(value) FROM stat_facts GROUP BY day, unit_code, unit_path, metric"));
    YC_TRY(tx.exec("INSERT INTO stat_month (month, unit_code, unit_path, metric, value) SELECT substr(day, 1, 7), "
                   "unit_code, unit_path, metric, SUM(value) FROM stat_day GROUP BY substr(day, 1, 7), unit_code, "
                   "unit_path, metric"));
    YC_TRY(tx.exec("INSERT INTO stat_item_month (month, unit_code, unit_path, item_code, metric, value) SELECT "
                   "substr(day, 1, 7), unit_code, unit_path, item, metric, SUM(value) FROM stat_facts WHERE item <> '' "
                   "GROUP BY substr(day, 1, 7), unit_code, unit_path, item, metric"));
    YC_TRY(tx.exec("DROP TABLE stat_facts"));
    YC_TRY(tx.exec("UPDATE stat_state SET rebuilt_at = $1 WHERE id = 1", {time::now_ms()}));
    return days;
  });
}

}  // namespace yc::stats
