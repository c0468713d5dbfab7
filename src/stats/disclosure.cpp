#include "stats/disclosure.hpp"

#include <boost/json.hpp>

#include <fmt/format.h>

#include "catalog/offers.hpp"
#include "catalog/service.hpp"
#include "hall/board.hpp"
#include "org/model.hpp"
#include "org/service.hpp"
#include "stats/counters.hpp"
#include "stats/service.hpp"

namespace yc::stats {
namespace {

namespace json = boost::json;

json::object results_json(const Figures& f) {
  const auto opt = [](const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); };
  return {{"accepted", f.get(metric::kCasesAccepted)},   {"completed", f.get(metric::kCasesCompleted)},
          {"approved", f.get(metric::kCasesApproved)},   {"delivered", f.get(metric::kCasesDelivered)},
          {"on_time_rate", opt(f.on_time_rate())},       {"served", f.get(metric::kTicketsServed)},
          {"avg_wait_minutes", opt(f.avg_wait_minutes())}, {"ratings", f.get(metric::kRatingsTotal)},
          {"good_rate", opt(f.good_rate())}};
}

}  // namespace

Result<json::object> disclosure(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t site_id, std::int64_t now) {
  const auto all = org::Scope::all();
  auto site = tx.one("SELECT s.id, s.name, s.kind, s.address, s.hours, s.phone, s.unit_code, u.name FROM org_site s "
                     "JOIN org_unit u ON u.code = s.unit_code WHERE s.id = $1",
                     {site_id});
  if (!site) return fail(ErrorCode::kNotFound, "服务场所不存在", "site");
  const auto unit_code = site->text(6);

  // 办事程序、依据、时限公开: the items offered here, from the version in force.
  json::array items;
  for (const auto& offer : YC_TRY(catalog::unit_offers(tx, all, unit_code))) {
    if (offer.site_id && *offer.site_id != site_id) continue;
    auto v = catalog::get_current(tx, offer.item_code, now);
    if (!v || v->withdrawn) continue;
    const auto& it = v->item;
    json::array bases, steps;
    for (const auto& b : it.legal_basis) bases.push_back({{"law", b.law}, {"article", b.article}});
    for (const auto& s : it.process) steps.emplace_back(s.name);
    items.push_back({{"code", offer.item_code},
                     {"name", it.name},
                     {"category", it.category},
                     {"legal_basis", bases},
                     {"process", steps},
                     {"time_limit", json::object{{"kind", it.time_limit.kind},
                                                 {"legal_days", it.time_limit.legal_days},
                                                 {"promised_days", it.time_limit.promised_days}}},
                     {"windows", offer.windows}});
  }

  // 办事结果公开 and the evaluation: this month and this year, from the counters.
  const auto today = time::shanghai_date(now);
  auto month = YC_TRY(overview(tx, all, unit_code, time::Date{today.year, today.month, 1}, today));
  auto year = YC_TRY(overview(tx, all, unit_code, time::Date{today.year, 1, 1}, today));

  // 三亮明: who sits at each window today.
  json::array on_duty;
  auto windows = YC_TRY(tx.query("SELECT id FROM org_window WHERE site_id = $1 ORDER BY number", {site_id}));
  for (const auto& w : windows.rows) {
    auto board = YC_TRY(hall::window_board(tx, keys, w.int64(0), now));
    json::value clerk = nullptr;
    if (board.clerk) {
      clerk = json::object{{"name", board.clerk->name}, {"badge", board.clerk->badge}, {"has_photo", board.clerk->has_photo}};
    }
    on_duty.push_back({{"window_id", board.window_id},
                       {"number", board.number},
                       {"name", board.name},
                       {"state", board.state},
                       {"clerk", clerk}});
  }
  return json::object{
      {"site", json::object{{"id", site->int64(0)},
                            {"name", site->text(1)},
                            {"kind", site->text(2)},
                            {"address", site->text(3)},
                            {"hours", site->text(4)},
                            {"phone", site->text(5)},
                            {"unit_code", unit_code},
                            {"unit_name", site->text(7)}}},
      {"items", items},
      {"results", json::object{{"month", results_json(month.totals)},
                               {"month_from", month.from},
                               {"year", results_json(year.totals)},
                               {"year_from", year.from},
                               {"to", today.iso()}}},
      {"on_duty", on_duty}};
}

}  // namespace yc::stats
