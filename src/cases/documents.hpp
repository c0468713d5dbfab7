#pragma once
// The papers of a case (issue 6, items 3, 4 and 10): the one-time notice
// (一次性告知书), the acceptance receipt (受理回执) with the QR code to the
// citizen's progress page, the refusal decision (不予受理决定书) and the blank
// paper intake form for outages. Personal data appears only masked.

#include <string>

#include "cases/service.hpp"
#include "platform/http/http.hpp"

namespace yc::cases {

struct DocumentSettings {
  std::string public_url;  // base of the public pages; empty: from the request's Host
  std::string hotline;     // printed on every paper
  std::string authority = "人力资源和社会保障服务窗口";  // who issues the papers
};

Result<std::string> render_notice_pdf(const Detail& d, const Notice& notice, const DocumentSettings& s);
Result<std::string> render_receipt_pdf(const Detail& d, const DocumentSettings& s, const http::Request& r);
Result<std::string> render_decision_pdf(const Detail& d, const DocumentSettings& s);
// The result of a decided case (办理结果通知书): approved or refused, with the
// deciding opinion; what an online applicant downloads (网上查询/下载).
Result<std::string> render_result_pdf(const Detail& d, const DocumentSettings& s);
// The paper fallback (应急处理): a blank intake form listing the item's materials.
Result<std::string> render_blank_form_pdf(const catalog::Item& item, const DocumentSettings& s);

// The public progress URL in the receipt's QR code.
std::string progress_url(const std::string& base, const Case& c);

}  // namespace yc::cases
