#include "catalog/guide_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <fmt/format.h>

#include <memory>

namespace yc::catalog {
namespace {

constexpr double kPageW = 595.276;  // A4 in points
constexpr double kPageH = 841.89;
constexpr double kMargin = 48;
constexpr double kFooter = 28;
constexpr double kLabelW = 78;
constexpr double kGap = 12;
constexpr const char* kBody = "Noto Sans CJK SC 9.5";
constexpr const char* kBold = "Noto Sans CJK SC Bold 9.5";
constexpr const char* kTitle = "Noto Sans CJK SC Bold 18";
constexpr const char* kSmall = "Noto Sans CJK SC 7.5";

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};

class Writer {
 public:
  Writer(cairo_t* cr, const GuideFacts& facts) : cr_(cr), facts_(facts) {}

  // A block of wrapped text at x with the given width; returns its height.
  double text(const std::string& s, const char* font, double x, double width, bool draw, double y) {
    std::unique_ptr<PangoLayout, LayoutDeleter> layout(pango_cairo_create_layout(cr_));
    std::unique_ptr<PangoFontDescription, FontDeleter> desc(pango_font_description_from_string(font));
    pango_layout_set_font_description(layout.get(), desc.get());
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_spacing(layout.get(), static_cast<int>(2.5 * PANGO_SCALE));
    pango_layout_set_text(layout.get(), s.c_str(), static_cast<int>(s.size()));
    int w = 0, h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    if (draw) {
      cairo_move_to(cr_, x, y);
      pango_cairo_show_layout(cr_, layout.get());
    }
    return static_cast<double>(h) / PANGO_SCALE;
  }

  double bottom() const { return kPageH - kMargin - kFooter; }

  void footer() {
    cairo_set_source_rgb(cr_, 0.35, 0.35, 0.35);
    const std::string left = fmt::format("一窗 · 人力社保基层服务平台    咨询电话 {}    打印日期 {}", facts_.hotline,
                                         facts_.printed_date);
    text(left, kSmall, kMargin, kPageW - 2 * kMargin - 60, true, kPageH - kMargin - 10);
    text(fmt::format("第 {} 页", page_), kSmall, kPageW - kMargin - 40, 40, true, kPageH - kMargin - 10);
    cairo_set_source_rgb(cr_, 0, 0, 0);
  }

  void next_page() {
    footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
  }

  // One row: a bold label and its value, kept on one page when it fits.
  void field(const std::string& label, const std::string& value) {
    const double vx = kMargin + kLabelW + kGap;
    const double vw = kPageW - kMargin - vx;
    const std::string shown = value.empty() ? "无" : value;
    const double h = std::max(text(label, kBold, kMargin, kLabelW, false, 0), text(shown, kBody, vx, vw, false, 0));
    if (y_ + h > bottom() && y_ > kMargin + 1) next_page();
    cairo_set_source_rgb(cr_, 0.1, 0.25, 0.55);
    text(label, kBold, kMargin, kLabelW, true, y_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    text(shown, kBody, vx, vw, true, y_);
    y_ += h + 6;
    cairo_set_source_rgb(cr_, 0.85, 0.85, 0.85);
    cairo_set_line_width(cr_, 0.5);
    cairo_move_to(cr_, kMargin, y_ - 3);
    cairo_line_to(cr_, kPageW - kMargin, y_ - 3);
    cairo_stroke(cr_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    y_ += 3;
  }

  void qr(const std::string& url, double x, double y, double size) {
    QRcode* code = QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (code == nullptr) return;
    const int n = code->width;
    const double quiet = 2;  // modules of white border
    const double m = size / (n + 2 * quiet);
    cairo_set_source_rgb(cr_, 1, 1, 1);
    cairo_rectangle(cr_, x, y, size, size);
    cairo_fill(cr_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (int r = 0; r < n; ++r)
      for (int c = 0; c < n; ++c)
        if (code->data[r * n + c] & 1) cairo_rectangle(cr_, x + (c + quiet) * m, y + (r + quiet) * m, m, m);
    cairo_fill(cr_);
    QRcode_free(code);
  }

  double& y() { return y_; }

 private:
  cairo_t* cr_;
  const GuideFacts& facts_;
  double y_ = kMargin;
  int page_ = 1;
};

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
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, kPageW, kPageH);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, (it.name + " 办事指南").c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "一窗 yichuang");
  cairo_t* cr = cairo_create(surface);
  Writer w(cr, facts);

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
  w.footer();
  cairo_show_page(cr);

  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const auto status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return fail(ErrorCode::kInternal, fmt::format("生成 PDF 失败: {}", cairo_status_to_string(status)));
  return out;
}

}  // namespace yc::catalog
