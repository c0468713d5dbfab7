#pragma once
// The monthly work report (工作月报; issue 10, item 4, annex 一(四) 台账) as one
// A4 PDF: the month's figures, by unit, by day (a bar chart), the busiest
// items, staffing and training (policy 三(七)(九)) and 责任追究 (三(八)).
// Drawn with documents::Pdf (cairo + pango).

#include <cstdint>
#include <string>

#include "platform/result.hpp"
#include "stats/service.hpp"

namespace yc::stats {

// The report's title: "<unit>人力社保基层平台 2026年11月 工作月报".
std::string monthly_report_title(const Ledger& l);

// l: the month's ledger with its staffing (add_staffing); a: 责任追究 of the
// same unit and month; generated_at: epoch ms, printed in Beijing time.
Result<std::string> monthly_report_pdf(const Ledger& l, const Accountability& a, std::int64_t generated_at);

}  // namespace yc::stats
