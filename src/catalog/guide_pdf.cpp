#include "catalog/guide_pdf.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "documents/pdf.hpp"

namespace yc::catalog {
namespace {

using documents::kBody;
using documents::kGap;
using documents::kMargin;
using documents::kPageW;
using documents::kSmall;
using documents::kTitle;

std::string labels(std::string_view enumeration, const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : "、") + std::string(label(enumeration, c));
  return out;
}

std::string numbered(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) out += fmt::format("{}{}. {}", i ? "\n" : "", i + 1, lines[i]);
  return out;
}

}  // namespace

Result<std::string> render_guide_pdf(const Item& it, const GuideFacts& facts) {
  documents::Pdf w(it.name + " 办事指南", fmt::format("一窗 · 人力社保基层服务平台    咨询电话 {}    打印日期 {}",
                                                    facts.hotline, facts.printed_date));
  cairo_t* cr = w.cairo();

  // Header: the name, the item's identity and the QR code to the online guide.
  const double qr_size = 84;
  const double head_w = kPageW - 2 * kMargin - qr_size - kGap;
  w.qr(facts.url, kPageW - kMargin - qr_size, kMargin - 6, qr_size);
  w.text("扫码查看网上指南", kSmall, kPageW - kMargin - qr_size + 8, qr_size, true, kMargin + qr_size - 4);
  double y = kMargin;
  y += w.text(it.name + " 办事指南", kTitle, kMargin, head_w, true, y) + 6;
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  y += w.text(fmt::format("事项编码 {}    第 {} 版    {} 起施行", it.code, facts.version_number, facts.effective_date),
              kBody, kMargin, head_w, true, y) + 4;
  y += w.text(fmt::format("{} · {}{}", label("category", it.category), label("service_level", it.service_level),
                          it.citywide ? " · 全城通办" : ""),
              kBody, kMargin, head_w, true, y) + 4;
  cairo_set_source_rgb(cr, 0, 0, 0);
  if (it.demo) {
    cairo_set_source_rgb(cr, 0.7, 0.2, 0.1);
    y += w.text("演示内容:依据公开资料编写的示例,以本市正式发布的办事指南为准。", kBody, kMargin, head_w, true, y) + 4;
    cairo_set_source_rgb(cr, 0, 0, 0);
  }
  w.y() = std::max(y, kMargin + qr_size + 10) + 6;

  // The twelve unified fields (十二个统一), in the policy's order.
  w.field("事项名称", it.name);
  w.field("事项类型", std::string(label("type", it.type)));
  std::vector<std::string> basis;
  for (const auto& b : it.legal_basis)
    basis.push_back(b.law + (b.article.empty() ? "" : " " + b.article) + (b.text.empty() ? "" : ":" + b.text));
  w.field("设定依据", numbered(basis));
  w.field("行使层级", labels("level", it.levels));
  w.field("服务对象", labels("service_object", it.service_objects));
  const auto& t = it.time_limit;
  w.field("办结时限", t.kind == "immediate"
                          ? std::string("即办件:材料齐全、符合条件的,当场办结")
                          : fmt::format("承诺件:法定 {} 个工作日,承诺 {} 个工作日", t.legal_days, t.promised_days));
  w.field("受理条件", numbered(it.conditions));
  std::vector<std::string> materials;
  for (const auto& m : it.materials) {
    std::string s = fmt::format("{}({},{} 份;{})", m.name, label("material_form", m.form), m.count,
                                m.required ? "必需" : "以下情形需要:" + m.condition);
    if (m.shared) s += fmt::format(";免于提交,由{}共享获取", m.shared_source);
    if (!m.blank_form.empty()) s += fmt::format(";空白表格:{}", m.blank_form);
    if (!m.sample.empty()) s += fmt::format(";填写样表:{}", m.sample);
    materials.push_back(std::move(s));
  }
  w.field("申请材料", numbered(materials));
  std::vector<std::string> steps;
  for (const auto& s : it.process)
    steps.push_back((s.name.empty() ? std::string(label("step", s.step)) : s.name) +
                    (s.description.empty() ? "" : ":" + s.description));
  w.field("办理流程", numbered(steps));
  w.field("办理结果", fmt::format("{}({});送达方式:{}", it.result.name, label("result_kind", it.result.kind),
                                  labels("delivery", it.result.delivery)));
  w.field("收费标准", it.fee.free ? std::string("不收费") : fmt::format("{}(依据:{})", it.fee.amount, it.fee.basis));
  w.field("实施主体", it.body);
  w.field("办理渠道", labels("channel", it.channels));
  w.field("咨询电话", facts.hotline);
  return w.finish();
}

}  // namespace yc::catalog
