#include "documents/pdf.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <fmt/format.h>

#include <algorithm>

namespace yc::documents {
namespace {

constexpr double kFooter = 28;

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

}  // namespace

Pdf::Pdf(const std::string& title, std::string footer, double label_width)
    : out_(std::make_unique<std::string>()), footer_(std::move(footer)), label_w_(label_width) {
  surface_ = cairo_pdf_surface_create_for_stream(append, out_.get(), kPageW, kPageH);
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "一窗 yichuang");
  cr_ = cairo_create(surface_);
}

Pdf::~Pdf() {
  if (cr_ != nullptr) cairo_destroy(cr_);
  if (surface_ != nullptr) cairo_surface_destroy(surface_);
}

double Pdf::bottom() const { return kPageH - kMargin - kFooter; }

double Pdf::text(const std::string& s, const char* font, double x, double width, bool draw, double y, bool center) {
  std::unique_ptr<PangoLayout, LayoutDeleter> layout(pango_cairo_create_layout(cr_));
  std::unique_ptr<PangoFontDescription, FontDeleter> desc(pango_font_description_from_string(font));
  pango_layout_set_font_description(layout.get(), desc.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_spacing(layout.get(), static_cast<int>(2.5 * PANGO_SCALE));
  if (center) pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
  pango_layout_set_text(layout.get(), s.c_str(), static_cast<int>(s.size()));
  int w = 0, h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  if (draw) {
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout.get());
  }
  return static_cast<double>(h) / PANGO_SCALE;
}

void Pdf::paragraph(const std::string& s, const char* font, double after, bool center) {
  const double h = text(s, font, kMargin, content_width(), false, 0, center);
  if (y_ + h > bottom() && y_ > kMargin + 1) next_page();
  text(s, font, kMargin, content_width(), true, y_, center);
  y_ += h + after;
}

void Pdf::field(const std::string& label, const std::string& value) {
  const double vx = kMargin + label_w_ + kGap;
  const double vw = kPageW - kMargin - vx;
  const std::string shown = value.empty() ? "无" : value;
  const double h = std::max(text(label, kBold, kMargin, label_w_, false, 0), text(shown, kBody, vx, vw, false, 0));
  if (y_ + h > bottom() && y_ > kMargin + 1) next_page();
  color(0.1, 0.25, 0.55);
  text(label, kBold, kMargin, label_w_, true, y_);
  color(0, 0, 0);
  text(shown, kBody, vx, vw, true, y_);
  y_ += h + 6;
  color(0.85, 0.85, 0.85);
  cairo_set_line_width(cr_, 0.5);
  cairo_move_to(cr_, kMargin, y_ - 3);
  cairo_line_to(cr_, kPageW - kMargin, y_ - 3);
  cairo_stroke(cr_);
  color(0, 0, 0);
  y_ += 3;
}

void Pdf::qr(const std::string& payload, double x, double y, double size) {
  QRcode* code = QRcode_encodeString(payload.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
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

void Pdf::color(double r, double g, double b) { cairo_set_source_rgb(cr_, r, g, b); }

void Pdf::footer() {
  color(0.35, 0.35, 0.35);
  text(footer_, kSmall, kMargin, kPageW - 2 * kMargin - 60, true, kPageH - kMargin - 10);
  text(fmt::format("第 {} 页", page_), kSmall, kPageW - kMargin - 40, 40, true, kPageH - kMargin - 10);
  color(0, 0, 0);
}

void Pdf::next_page() {
  footer();
  cairo_show_page(cr_);
  ++page_;
  y_ = kMargin;
}

Result<std::string> Pdf::finish() {
  if (!finished_) {
    finished_ = true;
    footer();
    cairo_show_page(cr_);
    cairo_destroy(cr_);
    cr_ = nullptr;
    cairo_surface_finish(surface_);
  }
  const auto status = cairo_surface_status(surface_);
  if (status != CAIRO_STATUS_SUCCESS)
    return fail(ErrorCode::kInternal, fmt::format("生成 PDF 失败: {}", cairo_status_to_string(status)));
  return *out_;
}

}  // namespace yc::documents
