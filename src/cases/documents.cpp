#include "cases/documents.hpp"

#include <fmt/format.h>

#include "documents/pdf.hpp"

namespace yc::cases {
namespace {

using documents::kBody;
using documents::kBold;
using documents::kLarge;
using documents::kMargin;
using documents::kPageW;
using documents::kSmall;
using documents::kTitle;

std::string beijing_time(std::int64_t ms) {
  const auto d = time::shanghai_date(ms);
  const auto minutes = ((ms + 8 * 3'600'000LL) / 60'000) % (24 * 60);
  return fmt::format("{}年{}月{}日 {:02}:{:02}", d.year, d.month, d.day, minutes / 60, minutes % 60);
}

std::string beijing_day(const std::string& iso) {
  auto d = time::parse_date(iso);
  if (!d) return iso;
  return fmt::format("{}年{}月{}日", d->year, d->month, d->day);
}

std::string footer(const DocumentSettings& s, std::string_view what) {
  return fmt::format("一窗 · 人力社保基层服务平台    {}    咨询电话 {}", what, s.hotline);
}

std::string applicant(const Case& c) {
  std::string out = fmt::format("{}({}{})", c.applicant_name_masked, c.applicant_kind == "employer" ? "统一社会信用代码 " : "身份证号 ",
                                c.applicant_id_masked);
  if (!c.agent_kind.empty())
    out += fmt::format(";{}人 {}({})", c.agent_kind == "proxy" ? "全程代理" : "代办", c.agent_name_masked, c.agent_id_masked);
  return out;
}

void header(documents::Pdf& w, const std::string& title, const std::string& number) {
  w.paragraph(title, kTitle, 4, true);
  w.color(0.35, 0.35, 0.35);
  w.paragraph(number, kBody, 14, true);
  w.color(0, 0, 0);
}

void signature(documents::Pdf& w, const DocumentSettings& s, std::int64_t at) {
  w.y() += 18;
  w.text(fmt::format("{}(盖章)", s.authority), kBody, kPageW / 2, kPageW / 2 - kMargin, true, w.y());
  w.y() += 18;
  w.text(beijing_time(at), kBody, kPageW / 2, kPageW / 2 - kMargin, true, w.y());
  w.y() += 30;
}

}  // namespace

std::string progress_url(const std::string& base, const Case& c) {
  return fmt::format("{}/progress/{}?t={}", base, c.case_no, c.progress_token);
}

Result<std::string> render_notice_pdf(const Detail& d, const Notice& n, const DocumentSettings& s) {
  documents::Pdf w("一次性告知书 " + n.notice_no, footer(s, "一次性告知书"));
  header(w, "一次性告知书", "编号 " + n.notice_no);
  w.paragraph(fmt::format("{}:", d.c.applicant_name_masked), kLarge, 8);
  // 三(八) 一次性告知制: everything missing or wrong is told at once.
  w.paragraph(fmt::format("您于{}申请办理的「{}」(办件编号 {}),经审查,申请材料尚需补正。依据一次性告知制度,"
                          "现将需要补正的全部材料一次性告知如下,请补齐后携带本告知书到窗口续办,无需重新排队取号以外的额外手续。",
                          beijing_time(d.c.created_at), d.c.item_name, d.c.case_no),
              kLarge, 12);
  int i = 1;
  for (const auto& l : n.lines)
    w.field(fmt::format("{}. {}", i++, l.state == "missing" ? "缺少" : "需更正"), fmt::format("{}:{}", l.name, l.reason));
  if (!n.note.empty()) w.field("其他说明", n.note);
  w.y() += 6;
  w.paragraph("除上述材料外,本窗口不再要求补充其他材料。如对告知内容有疑问,可向大厅负责人反映或拨打咨询电话。", kBody, 8);
  w.paragraph(fmt::format("受理窗口:{}    申请人(签收):________________", d.c.window_number ? fmt::format("{} 号窗口", *d.c.window_number) : "综合窗口"),
              kBody, 4);
  signature(w, s, n.issued_at);
  return w.finish();
}

Result<std::string> render_receipt_pdf(const Detail& d, const DocumentSettings& s, const http::Request& r) {
  documents::Pdf w("受理回执 " + d.c.case_no, footer(s, "受理回执"));
  const double qr = 96;
  w.qr(progress_url(http::public_base(s.public_url, r), d.c), kPageW - kMargin - qr, kMargin - 6, qr);
  w.text("扫码查询办理进度", kSmall, kPageW - kMargin - qr + 14, qr, true, kMargin + qr - 4);
  w.paragraph("受理回执", kTitle, 4, true);
  w.color(0.35, 0.35, 0.35);
  w.paragraph("办件编号 " + d.c.case_no, kBody, 14, true);
  w.color(0, 0, 0);
  w.y() = std::max(w.y(), kMargin + qr + 12);
  w.field("申请人", applicant(d.c));
  w.field("办理事项", fmt::format("{}({})", d.c.item_name, d.c.item_code));
  w.field("受理时间", d.c.accepted_at ? beijing_time(*d.c.accepted_at) : "");
  if (d.c.status == "ready" && d.c.chain.empty()) {
    w.field("办结时限", "即办件,已当场办结");
  } else {
    w.field("承诺办结", fmt::format("{} 个工作日,于 {} 前办结{}", d.c.promised_days, beijing_day(d.c.due_day.value_or("")),
                                    d.c.correction_suspends ? "(补正材料期间不计入办结时限)" : ""));
  }
  std::string got;
  for (const auto& m : d.materials) {
    if (m.state != "received" && m.state != "exempt") continue;
    got += fmt::format("{}{}({})", got.empty() ? "" : "\n", m.name,
                       m.state == "exempt" ? "共享免提交" : std::string(catalog::label("material_form", m.received_form)));
  }
  w.field("已收材料", got);
  w.field("受理窗口", d.c.window_number ? fmt::format("{} 号窗口", *d.c.window_number) : "综合窗口");
  w.field("进度查询", "扫描右上角二维码,或在办事大厅自助终端、网上办事页面输入办件编号和证件号码查询。");
  w.field("领取结果", "办结后请凭本回执和本人身份证件到原受理窗口领取,也可选择邮寄送达。");
  signature(w, s, d.c.accepted_at.value_or(d.c.created_at));
  return w.finish();
}

Result<std::string> render_decision_pdf(const Detail& d, const DocumentSettings& s) {
  documents::Pdf w("不予受理决定书 " + d.c.case_no, footer(s, "不予受理决定书"));
  header(w, "不予受理决定书", "办件编号 " + d.c.case_no);
  w.paragraph(fmt::format("{}:", d.c.applicant_name_masked), kLarge, 8);
  w.paragraph(fmt::format("您于{}提出的「{}」申请,经审查,决定不予受理。", beijing_time(d.c.created_at), d.c.item_name), kLarge, 12);
  w.field("理由", d.c.reject_reason);
  w.field("依据", d.c.reject_basis);
  w.y() += 6;
  w.paragraph("如不服本决定,可以自收到本决定书之日起六十日内依法申请行政复议,或者在六个月内依法提起行政诉讼。", kBody, 8);
  signature(w, s, d.c.completed_at.value_or(d.c.updated_at));
  return w.finish();
}

Result<std::string> render_result_pdf(const Detail& d, const DocumentSettings& s) {
  const bool approved = d.c.outcome == "approved";
  documents::Pdf w("办理结果通知书 " + d.c.case_no, footer(s, "办理结果通知书"));
  header(w, "办理结果通知书", "办件编号 " + d.c.case_no);
  w.paragraph(fmt::format("{}:", d.c.applicant_name_masked), kLarge, 8);
  w.paragraph(fmt::format("您于{}{}提出的「{}」申请,已于{}办结,结果如下。", beijing_time(d.c.created_at),
                          d.c.channel == "online" ? "在网上" : "", d.c.item_name,
                          beijing_time(d.c.completed_at.value_or(d.c.updated_at))),
              kLarge, 12);
  w.field("申请人", applicant(d.c));
  w.field("办理事项", fmt::format("{}({})", d.c.item_name, d.c.item_code));
  if (d.c.accepted_day) w.field("受理日期", beijing_day(*d.c.accepted_day));
  w.field("办理结果", approved ? "准予办理" : "不予办理");
  // The deciding step's opinion (the last approval or refusal on the record).
  std::string opinion;
  for (const auto& e : d.events)
    if (e.kind == "refused" || e.kind == "approved") opinion = e.note;
  if (!opinion.empty()) w.field(approved ? "办理意见" : "不予办理的理由", opinion);
  w.field("办理单位", d.c.handling_unit_name);
  w.y() += 6;
  if (!approved)
    w.paragraph("如不服本决定,可以自收到本通知书之日起六十日内依法申请行政复议,或者在六个月内依法提起行政诉讼。", kBody, 8);
  w.paragraph("本通知书可在网上办事页面“我的服务”中随时查询、下载。", kBody, 8);
  signature(w, s, d.c.completed_at.value_or(d.c.updated_at));
  return w.finish();
}

Result<std::string> render_blank_form_pdf(const catalog::Item& item, const DocumentSettings& s) {
  documents::Pdf w("纸质受理单 " + item.name, footer(s, "应急纸质受理单,系统恢复后须补录"), 110);
  header(w, "人力社保业务受理单(应急)", fmt::format("{}({})", item.name, item.code));
  w.paragraph("系统故障等应急情况下使用。系统恢复后,由窗口人员按原受理时间补录,补录人和补录时间将被记录。", kBody, 10);
  for (const char* label : {"受理时间", "受理窗口 / 工号", "申请人姓名", "身份证号 / 信用代码", "联系电话", "代办人及证件号"})
    w.field(label, "\n ");
  w.paragraph("申请材料(逐项勾选:□原件 □复印件 □缺少 □有误)", kBold, 6);
  int i = 1;
  for (const auto& m : item.materials)
    w.field(fmt::format("{}. {}", i++, m.name), m.shared ? "□ 共享免提交" : "□原件  □复印件  □缺少  □有误  说明:");
  w.field("处理结果", "□ 受理    □ 一次性告知    □ 不予受理");
  w.field("申请人签字", "\n ");
  w.field("受理人签字", "\n ");
  return w.finish();
}

}  // namespace yc::cases
