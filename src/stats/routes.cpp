#include "stats/routes.hpp"

#include <boost/json.hpp>

#include <fmt/format.h>

#include "platform/http/json_body.hpp"
#include "platform/time.hpp"
#include "stats/counters.hpp"
#include "stats/disclosure.hpp"
#include "stats/report_pdf.hpp"
#include "stats/service.hpp"
#include "stats/xlsx.hpp"

namespace yc::stats {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;


json::object figures_json(const Figures& f) {
  json::object o;
  for (auto m : all_metrics()) o[std::string(m)] = f.get(m);
  o["avg_wait_minutes"] = http::or_null(f.avg_wait_minutes());
  o["avg_service_minutes"] = http::or_null(f.avg_service_minutes());
  o["on_time_rate"] = http::or_null(f.on_time_rate());
  o["good_rate"] = http::or_null(f.good_rate());
  o["upheld_rate"] = http::or_null(f.upheld_rate());
  return o;
}

json::object unit_json(const UnitRef& u) { return {{"code", u.code}, {"name", u.name}, {"level", u.level}}; }

json::array units_json(const std::vector<UnitFigures>& units) {
  json::array out;
  for (const auto& u : units) out.push_back({{"unit", unit_json(u.unit)}, {"figures", figures_json(u.figures)}});
  return out;
}

json::array periods_json(const std::vector<PeriodFigures>& periods) {
  json::array out;
  for (const auto& p : periods) out.push_back({{"period", p.period}, {"figures", figures_json(p.figures)}});
  return out;
}

json::object staffing_figures_json(const StaffingFigures& f) {
  return {{"roster", f.roster},
          {"formal", f.formal},
          {"sites", f.sites},
          {"windows", f.windows},
          {"window_staff", f.window_staff},
          {"staff_per_window", http::or_null(f.staff_per_window())},
          {"below_ratio", f.below_ratio()},
          {"sites_below_ratio", f.sites_below_ratio},
          {"on_post_days", f.on_post_days},
          {"due_days", f.due_days},
          {"on_post_rate", http::or_null(f.on_post_rate())},
          {"on_post_below", f.on_post_below()},
          {"high_risk_non_formal", f.high_risk_non_formal},
          {"rotation_over", f.rotation_over},
          {"rotation_due", f.rotation_due},
          {"incompatible", f.incompatible},
          {"sessions", f.sessions},
          {"people_trained", f.people_trained},
          {"training_days", static_cast<double>(f.training_days_x10) / 10.0},
          {"trained_5_days", f.trained_5_days}};
}

json::object staffing_json(const Staffing& s) {
  json::array units;
  for (const auto& u : s.units) units.push_back({{"unit", unit_json(u.unit)}, {"figures", staffing_figures_json(u.figures)}});
  return {{"as_of", s.as_of},
          {"from", s.from},
          {"to", s.to},
          {"attendance_month", s.attendance_month},
          {"units", units},
          {"totals", staffing_figures_json(s.totals)}};
}

// RFC 6266 / 5987: an ASCII name and the Chinese one.
std::string attachment(const std::string& ascii, const std::string& chinese) {
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii, http::percent_encode(chinese));
}

Result<time::Date> date_query(const http::Request& r, std::string_view key, time::Date fallback) {
  auto v = r.query(key);
  if (!v || v->empty()) return fallback;
  return time::parse_date(*v, key);
}

std::string this_month() {
  const auto d = time::shanghai_date(time::now_ms());
  return fmt::format("{:04d}-{:02d}", d.year, d.month);
}

}  // namespace

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys) {
  // 四公开 (public): a hall's or point's items, procedures, bases, time limits, results and staff on duty.
  api.add_public(Method::kGet, "/api/public/sites/:site/disclosure", [&db, &keys](const http::Request& r) -> Result<http::Response> {
    const auto site = YC_TRY(http::id_param(r, "site"));
    auto doc = YC_TRY(db.transact<json::object>(store::TxMode::kRead, [&](store::Tx& tx) {
      return disclosure(tx, keys, site, time::now_ms());
    }));
    auto resp = http::json_response(200, doc);
    resp.header("Cache-Control", "public, max-age=30");
    return resp;
  });

  api.add(Method::kGet, "/api/stats/overview", "stats.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto today = time::shanghai_date(time::now_ms());
    const auto from = YC_TRY(date_query(r, "from", time::Date{today.year, today.month, 1}));
    const auto to = YC_TRY(date_query(r, "to", today));
    const std::string unit = r.query("unit").value_or("");
    auto o = YC_TRY(db.transact<Overview>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<Overview> {
      auto ov = YC_TRY(overview(tx, p.scope("stats.read"), unit, from, to));
      YC_TRY_VOID(add_staffing(tx, p.scope("stats.read"), ov, today));
      return ov;
    }));
    json::array path;
    for (const auto& u : o.path) path.push_back(unit_json(u));
    return http::json_response(200, json::object{{"unit", unit_json(o.unit)},
                                                 {"path", path},
                                                 {"from", o.from},
                                                 {"to", o.to},
                                                 {"granularity", o.granularity},
                                                 {"totals", figures_json(o.totals)},
                                                 {"children", units_json(o.children)},
                                                 {"series", periods_json(o.series)},
                                                 {"staffing", staffing_json(o.staffing)}});
  });

  api.add(Method::kGet, "/api/stats/accountability", "stats.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto today = time::shanghai_date(time::now_ms());
    const auto from = YC_TRY(date_query(r, "from", time::Date{today.year, today.month, 1}));
    const auto to = YC_TRY(date_query(r, "to", today));
    const std::string unit = r.query("unit").value_or("");
    auto a = YC_TRY(db.transact<Accountability>(store::TxMode::kRead, [&](store::Tx& tx) {
      return accountability(tx, p.scope("stats.read"), unit, from, to);
    }));
    const auto counts = [](const Accountable& x) {
      return json::object{{"overdue_cases", x.overdue_cases},
                          {"findings", x.findings},
                          {"open_findings", x.open_findings},
                          {"upheld_complaints", x.upheld_complaints},
                          {"bad_ratings", x.bad_ratings},
                          {"escalated_rectifications", x.escalated_rectifications},
                          {"total", x.total()}};
    };
    json::array units, people;
    for (const auto& u : a.units)
      units.push_back({{"unit_code", u.unit_code}, {"unit_name", u.unit_name}, {"counts", counts(u.a)}});
    for (const auto& x : a.people) {
      people.push_back({{"account_id", x.account_id},
                        {"login", x.login},
                        {"name", x.name_masked},
                        {"unit_name", x.unit_name},
                        {"counts", counts(x.a)}});
    }
    return http::json_response(200, json::object{{"unit", unit_json(a.unit)},
                                                 {"from", a.from},
                                                 {"to", a.to},
                                                 {"units", units},
                                                 {"people", people}});
  });

  // The month's ledger with its staffing figures, in one read transaction.
  const auto load_ledger = [&db](const http::Request& r, const Principal& p) -> Result<Ledger> {
    const std::string month = r.query("month").value_or(this_month());
    const std::string unit = r.query("unit").value_or("");
    return db.transact<Ledger>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<Ledger> {
      auto l = YC_TRY(ledger(tx, p.scope("stats.read"), unit, month));
      YC_TRY_VOID(add_staffing(tx, p.scope("stats.read"), l, time::shanghai_date(time::now_ms())));
      YC_TRY_VOID(add_employment(tx, p.scope("stats.read"), l, time::now_ms()));
      return l;
    });
  };

  api.add(Method::kGet, "/api/stats/ledger", "stats.read", [load_ledger](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto l = YC_TRY(load_ledger(r, p));
    json::array items;
    for (const auto& i : l.items)
      items.push_back({{"item_code", i.item_code}, {"item_name", i.item_name}, {"figures", figures_json(i.figures)}});
    return http::json_response(200, json::object{{"unit", unit_json(l.unit)},
                                                 {"month", l.month},
                                                 {"units", units_json(l.units)},
                                                 {"days", periods_json(l.days)},
                                                 {"items", items},
                                                 {"totals", figures_json(l.totals)},
                                                 {"staffing", staffing_json(l.staffing)}});
  });

  api.add(Method::kGet, "/api/stats/ledger.xlsx", "stats.read", [load_ledger](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto l = YC_TRY(load_ledger(r, p));
    http::Response resp;
    resp.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp.body = YC_TRY(ledger_xlsx(l));
    resp.header("Content-Disposition", attachment(fmt::format("ledger-{}-{}.xlsx", l.unit.code, l.month),
                                                  fmt::format("{}{}台账.xlsx", l.unit.name, l.month)));
    return resp;
  });

  // 工作月报: the month's ledger, staffing and 责任追究 of the same unit as one PDF.
  api.add(Method::kGet, "/api/stats/report.pdf", "stats.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const std::string month = r.query("month").value_or(this_month());
    const std::string unit = r.query("unit").value_or("");
    const auto now = time::now_ms();
    struct Report {
      Ledger l;
      Accountability a;
    };
    auto rep = YC_TRY(db.transact<Report>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<Report> {
      const auto scope = p.scope("stats.read");
      Report out;
      out.l = YC_TRY(ledger(tx, scope, unit, month));
      YC_TRY_VOID(add_staffing(tx, scope, out.l, time::shanghai_date(now)));
      const auto first = YC_TRY(time::parse_date(out.l.days.front().period));
      const auto last = YC_TRY(time::parse_date(out.l.days.back().period));
      out.a = YC_TRY(accountability(tx, scope, out.l.unit.code, first, last));
      return out;
    }));
    http::Response resp;
    resp.content_type = "application/pdf";
    resp.body = YC_TRY(monthly_report_pdf(rep.l, rep.a, now));
    resp.header("Content-Disposition", attachment(fmt::format("report-{}-{}.pdf", rep.l.unit.code, rep.l.month),
                                                  fmt::format("{}{}工作月报.pdf", rep.l.unit.name, rep.l.month)));
    return resp;
  });
}

}  // namespace yc::stats
