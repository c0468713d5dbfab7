#include "calendar/routes.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "calendar/service.hpp"
#include "platform/http/json_body.hpp"

namespace yc::calendar {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;

json::object day_json(const Day& d) {
  return json::object{{"day", d.day}, {"kind", d.kind == DayKind::kWorkday ? "workday" : "holiday"}, {"name", d.name}};
}

Result<int> year_of(const http::Request& r) {
  const auto y = r.query("year").value_or("");
  if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos)
    return fail(ErrorCode::kInvalidArgument, "year 应为四位年份", "year");
  const int year = std::stoi(y);
  if (year < 2000 || year > 2100) return fail(ErrorCode::kInvalidArgument, "year 应在 2000 至 2100 之间", "year");
  return year;
}

}  // namespace

void add_routes(identity::ApiRouter& api, store::Database& db) {
  // A year's holidays and 调休 workdays, and whether the year was maintained.
  api.add(Method::kGet, "/api/calendar", "org.read", [&db](const http::Request& r, const Principal&) -> Result<http::Response> {
    const int year = YC_TRY(year_of(r));
    auto days = YC_TRY(db.transact<std::vector<Day>>(store::TxMode::kRead, [&](store::Tx& tx) { return list_year(tx, year); }));
    json::array items;
    int holidays = 0, workdays = 0;
    for (const auto& d : days) {
      (d.kind == DayKind::kWorkday ? workdays : holidays) += 1;
      items.push_back(day_json(d));
    }
    // Any year has statutory holidays on weekdays; none recorded means the
    // State Council's schedule was not entered, and deadlines would be wrong.
    return http::json_response(200, json::object{{"year", year}, {"items", std::move(items)}, {"holidays", holidays},
                                                 {"workdays", workdays}, {"maintained", holidays > 0}});
  });

  // The due date of an item's time limit (限时办结), for windows and tests.
  api.add(Method::kGet, "/api/calendar/due", "org.read", [&db](const http::Request& r, const Principal&) -> Result<http::Response> {
    auto from = YC_TRY(parse_date(r.query("from").value_or(""), "from"));
    const auto d = r.query("days").value_or("");
    if (d.empty() || d.size() > 3 || d.find_first_not_of("0123456789") != std::string::npos)
      return fail(ErrorCode::kInvalidArgument, "days 应为 0 至 400 的整数", "days");
    const bool count_start = r.query("count_start").value_or("") == "true";
    auto due = YC_TRY(db.transact<time::Date>(store::TxMode::kRead, [&](store::Tx& tx) {
      return due_date(tx, from, std::stoi(d), count_start);
    }));
    return http::json_response(200, json::object{{"from", from.iso()}, {"days", std::stoi(d)},
                                                 {"count_start", count_start}, {"due", due.iso()}});
  });

  api.add(Method::kPut, "/api/calendar/days/:day", "calendar.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    const auto kind = YC_TRY(body.text("kind", 10));
    if (kind != "holiday" && kind != "workday")
      return fail(ErrorCode::kInvalidArgument, "kind 应为 holiday 或 workday", "kind");
    Day d{std::string(r.param("day")), kind == "workday" ? DayKind::kWorkday : DayKind::kHoliday,
          YC_TRY(body.text("name", 30))};
    auto saved = YC_TRY(db.transact<Day>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return set_day(tx, p.actor(identity::client_of(r).address), d);
    }));
    return http::json_response(200, day_json(saved));
  });

  api.add(Method::kDelete, "/api/calendar/days/:day", "calendar.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const std::string day(r.param("day"));
    YC_TRY_VOID(db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return remove_day(tx, p.actor(identity::client_of(r).address), day);
    }));
    return http::no_content();
  });

  api.add(Method::kPost, "/api/calendar/import", "calendar.manage", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    auto csv = YC_TRY(body.text("csv", 100'000));
    auto result = YC_TRY(db.transact<ImportResult>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return import_csv(tx, p.actor(identity::client_of(r).address), csv);
    }));
    json::array lines;
    for (const auto& l : result.lines) {
      json::object o{{"line", l.line}, {"day", l.day}, {"ok", !l.error}};
      if (l.error) o["error"] = json::object{{"code", code_name(l.error->code)}, {"message", l.error->message}, {"field", l.error->field}};
      lines.push_back(std::move(o));
    }
    return http::json_response(result.imported ? 200 : 422, json::object{{"imported", result.imported}, {"lines", std::move(lines)}});
  });
}

}  // namespace yc::calendar
