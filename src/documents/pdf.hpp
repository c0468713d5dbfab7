#pragma once
// Printed documents (DESIGN.md "Documents"): A4 PDF pages with CJK text laid
// out by pango (Noto CJK subsets embedded by cairo) and QR codes from
// libqrencode. Guides, one-time notices, receipts and decisions all use it,
// so paper looks the same whichever office prints it.

#include <cairo.h>

#include <memory>
#include <string>

#include "platform/result.hpp"

namespace yc::documents {

inline constexpr double kPageW = 595.276;  // A4 in points
inline constexpr double kPageH = 841.89;
inline constexpr double kMargin = 48;
inline constexpr double kGap = 12;
inline constexpr const char* kBody = "Noto Sans CJK SC 9.5";
inline constexpr const char* kBold = "Noto Sans CJK SC Bold 9.5";
inline constexpr const char* kLarge = "Noto Sans CJK SC 11";
inline constexpr const char* kTitle = "Noto Sans CJK SC Bold 18";
inline constexpr const char* kSmall = "Noto Sans CJK SC 7.5";

class Pdf {
 public:
  // `footer` is printed at the bottom of every page with the page number.
  Pdf(const std::string& title, std::string footer, double label_width = 78);
  ~Pdf();
  Pdf(const Pdf&) = delete;
  Pdf& operator=(const Pdf&) = delete;

  cairo_t* cairo() { return cr_; }
  double& y() { return y_; }
  double bottom() const;
  double content_width() const { return kPageW - 2 * kMargin; }

  // A block of wrapped text at x with the given width; returns its height.
  double text(const std::string& s, const char* font, double x, double width, bool draw, double y,
              bool center = false);
  // Text across the page at the cursor, moving it down; a new page when full.
  void paragraph(const std::string& s, const char* font = kBody, double after = 6, bool center = false);
  // A label and its value in two columns, with a hairline under it.
  void field(const std::string& label, const std::string& value);
  void qr(const std::string& payload, double x, double y, double size);
  void color(double r, double g, double b);
  void next_page();
  // Ends the last page and returns the bytes (kInternal when cairo fails).
  Result<std::string> finish();

 private:
  void footer();

  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  std::unique_ptr<std::string> out_;
  std::string footer_;
  double label_w_;
  double y_ = kMargin;
  int page_ = 1;
  bool finished_ = false;
};

}  // namespace yc::documents
