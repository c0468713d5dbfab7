#pragma once
// The monthly ledger as an XLSX workbook (issue 10, item 4): four sheets
// (by unit, by day, by item, 人员与培训), Chinese headers, a totals row, the
// title and header rows frozen. Written by libxlsxwriter (Debian libxlsxwriter-dev).

#include <string>

#include "platform/result.hpp"
#include "stats/service.hpp"

namespace yc::stats {

// The workbook's bytes.
Result<std::string> ledger_xlsx(const Ledger& l);

}  // namespace yc::stats
