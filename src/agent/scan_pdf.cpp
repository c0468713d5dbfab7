// Scanned pages as one PDF (issue 8): what the window uploads as a case
// material. cairo writes the PDF into memory; each page's JPEG is attached to
// its image as CAIRO_MIME_TYPE_JPEG, so cairo embeds the JPEG bytes as they
// are (DCTDecode) instead of re-compressing the pixels.
//
// The upload limit is 4 MiB. Ordinary pages (white paper, text, a stamp) at
// 200 dpi colour, quality 85, take 0.3-0.6 MB each, so the scanner's JPEGs
// pass through. Dense colour pages are larger (the SANE test pattern: 1.8 MB
// a page, 10 MB for five), so when the PDF would exceed the limit the largest
// pages are re-encoded at lower quality, step by step, rather than refusing a
// scan that the window cannot make smaller by itself.

#include <cairo-pdf.h>
#include <cairo.h>
// jpeglib.h uses size_t and FILE without including their headers.
#include <cstddef>
#include <cstdio>
#include <jpeglib.h>

#include <csetjmp>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "agent/drivers.hpp"

namespace yc::agent {
namespace {

constexpr int kFallbackQualities[] = {70, 55, 40, 30};

struct JpegError {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
};

void jpeg_error_exit(j_common_ptr cinfo) { std::longjmp(reinterpret_cast<JpegError*>(cinfo->err)->jump, 1); }

// Pixels of a decoded JPEG: 1 (gray) or 3 (RGB) samples per pixel.
struct Pixels {
  int width = 0, height = 0, components = 0;
  std::vector<unsigned char> data;
};

// libjpeg reports errors by longjmp: no C++ object with a destructor is
// created between setjmp and the end of the function (`out` lives outside).
bool decode_jpeg(const std::string& jpeg, Pixels& out) {
  jpeg_decompress_struct cinfo;
  JpegError err;
  cinfo.err = jpeg_std_error(&err.mgr);
  err.mgr.error_exit = jpeg_error_exit;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(jpeg.data()), static_cast<unsigned long>(jpeg.size()));
  jpeg_read_header(&cinfo, TRUE);
  cinfo.out_color_space = cinfo.jpeg_color_space == JCS_GRAYSCALE ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_start_decompress(&cinfo);
  out.width = static_cast<int>(cinfo.output_width);
  out.height = static_cast<int>(cinfo.output_height);
  out.components = cinfo.output_components;
  const std::size_t stride = static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.components);
  out.data.resize(stride * static_cast<std::size_t>(out.height));
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = out.data.data() + cinfo.output_scanline * stride;
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return true;
}

bool encode(const unsigned char* pixels, int width, int height, int components, int quality, unsigned char** buffer,
            unsigned long* size) {
  jpeg_compress_struct cinfo;
  JpegError err;
  cinfo.err = jpeg_std_error(&err.mgr);
  err.mgr.error_exit = jpeg_error_exit;
  if (setjmp(err.jump)) {
    jpeg_destroy_compress(&cinfo);
    return false;
  }
  jpeg_create_compress(&cinfo);
  jpeg_mem_dest(&cinfo, buffer, size);
  cinfo.image_width = static_cast<JDIMENSION>(width);
  cinfo.image_height = static_cast<JDIMENSION>(height);
  cinfo.input_components = components;
  cinfo.in_color_space = components == 3 ? JCS_RGB : JCS_GRAYSCALE;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, quality, TRUE);
  cinfo.optimize_coding = TRUE;  // a few per cent smaller, same pixels
  jpeg_start_compress(&cinfo, TRUE);
  const std::size_t stride = static_cast<std::size_t>(width) * static_cast<std::size_t>(components);
  while (cinfo.next_scanline < cinfo.image_height) {
    JSAMPROW row = const_cast<unsigned char*>(pixels + cinfo.next_scanline * stride);
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  return true;
}

// The page as a cairo image carrying its JPEG, which the PDF embeds as is.
cairo_surface_t* page_surface(const ScannedPage& page) {
  Pixels px;
  if (!decode_jpeg(page.jpeg, px) || px.width != page.width || px.height != page.height) return nullptr;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, px.width, px.height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return nullptr;
  }
  cairo_surface_flush(surface);
  unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* src = px.data.data();
  for (int y = 0; y < px.height; ++y) {
    auto* dst = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < px.width; ++x, src += px.components) {
      const std::uint32_t r = src[0];
      const std::uint32_t g = px.components == 3 ? src[1] : r;
      const std::uint32_t b = px.components == 3 ? src[2] : r;
      dst[x] = (r << 16) | (g << 8) | b;
    }
  }
  cairo_surface_mark_dirty(surface);
  // cairo keeps its own copy of the bytes until the page is written.
  auto* copy = static_cast<unsigned char*>(std::malloc(page.jpeg.size()));
  std::memcpy(copy, page.jpeg.data(), page.jpeg.size());
  cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy, page.jpeg.size(), std::free, copy);
  return surface;
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

Result<std::string> build_pdf(const std::vector<ScannedPage>& pages, int dpi) {
  const double scale = 72.0 / dpi;  // pixels to PDF points
  std::string pdf;
  cairo_surface_t* doc =
      cairo_pdf_surface_create_for_stream(append_to_string, &pdf, pages[0].width * scale, pages[0].height * scale);
  cairo_t* cr = cairo_create(doc);
  bool bad_page = false;
  for (const ScannedPage& page : pages) {
    cairo_surface_t* image = page_surface(page);
    if (!image) {
      bad_page = true;
      break;
    }
    cairo_pdf_surface_set_size(doc, page.width * scale, page.height * scale);
    cairo_save(cr);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, image, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_show_page(cr);
    cairo_surface_destroy(image);
  }
  cairo_destroy(cr);
  cairo_surface_finish(doc);
  const cairo_status_t status = cairo_surface_status(doc);
  cairo_surface_destroy(doc);
  if (bad_page) return fail(ErrorCode::kInvalidArgument, "扫描页面图像无效", "pages");
  if (status != CAIRO_STATUS_SUCCESS) return fail(ErrorCode::kInternal, "生成 PDF 失败");
  return pdf;
}

}  // namespace

Result<std::string> encode_jpeg(const unsigned char* pixels, int width, int height, int components, int quality) {
  if (width <= 0 || height <= 0 || (components != 1 && components != 3))
    return fail(ErrorCode::kInternal, "扫描图像编码失败");
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  const bool ok = encode(pixels, width, height, components, quality, &buffer, &size);
  std::string out;
  if (ok) out.assign(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  if (!ok) return fail(ErrorCode::kInternal, "扫描图像编码失败");
  return out;
}

Result<std::string> pages_to_pdf(const std::vector<ScannedPage>& pages, int dpi) {
  if (pages.empty()) return fail(ErrorCode::kInvalidArgument, "没有扫描页面", "pages");
  if (dpi < 75 || dpi > 600) return fail(ErrorCode::kInvalidArgument, "分辨率须在 75 至 600 dpi 之间", "dpi");

  auto pdf = YC_TRY(build_pdf(pages, dpi));
  if (pdf.size() <= kMaxScanPdfBytes) return pdf;

  // Too large: re-encode only the pages above an even share of the limit.
  const std::size_t share = kMaxScanPdfBytes / pages.size();
  for (int quality : kFallbackQualities) {
    std::vector<ScannedPage> smaller = pages;
    for (auto& page : smaller) {
      if (page.jpeg.size() <= share) continue;
      Pixels px;
      if (!decode_jpeg(page.jpeg, px)) return fail(ErrorCode::kInvalidArgument, "扫描页面图像无效", "pages");
      page.jpeg = YC_TRY(encode_jpeg(px.data.data(), px.width, px.height, px.components, quality));
    }
    pdf = YC_TRY(build_pdf(smaller, dpi));
    if (pdf.size() <= kMaxScanPdfBytes) return pdf;
  }
  return fail(ErrorCode::kPayloadTooLarge, "扫描文件超过 4 MB，请降低分辨率、改用灰度或分批扫描");
}

}  // namespace yc::agent
