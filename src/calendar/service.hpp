#pragma once
// The calendar table: loading exceptions, maintaining and importing them
// (calendar.manage), each change audited.

#include <string>
#include <vector>

#include "audit/model.hpp"
#include "calendar/model.hpp"
#include "platform/result.hpp"
#include "store/database.hpp"

namespace yc::calendar {

// Exceptions from `from` to `to` (ISO dates, inclusive).
Result<Exceptions> load(store::Tx& tx, const std::string& from, const std::string& to);
Result<std::vector<Day>> list_year(store::Tx& tx, int year);
Result<Day> set_day(store::Tx& tx, const audit::Actor& actor, const Day& day);
Result<void> remove_day(store::Tx& tx, const audit::Actor& actor, const std::string& day);

// CSV "date,kind,name" (kind: holiday/workday or 休/班; parse_import); all
// or nothing.
struct ImportResult {
  bool imported = false;
  std::vector<ImportLine> lines;
};
Result<ImportResult> import_csv(store::Tx& tx, const audit::Actor& actor, std::string_view csv);

// The due date of `days` working days from `start`, reading the table.
Result<time::Date> due_date(store::Tx& tx, const time::Date& start, int days, bool count_start);

}  // namespace yc::calendar
