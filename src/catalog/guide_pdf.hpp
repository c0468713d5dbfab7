#pragma once
// The printable guide of an item (issue 5, item 6): A4 PDF with the twelve
// unified fields, the CJK fonts embedded (subsets of Noto CJK via cairo and
// pango) and a QR code (libqrencode) pointing at the online guide, so the
// paper, the screen and the phone show one source.

#include <cstdint>
#include <string>

#include "catalog/model.hpp"
#include "platform/result.hpp"

namespace yc::catalog {

struct GuideFacts {
  std::string url;             // the online guide, encoded in the QR code
  int version_number = 0;
  std::string effective_date;  // "2026-11-26" (Asia/Shanghai)
  std::string hotline;         // e.g. 12333
  std::string printed_date;    // "2026-11-26"
};

// The PDF bytes. Errors only when cairo cannot render (kInternal).
Result<std::string> render_guide_pdf(const Item& item, const GuideFacts& facts);

}  // namespace yc::catalog
