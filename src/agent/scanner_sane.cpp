// The scanner through SANE (issue 8). SANE is a process-wide C library that
// is not reentrant, so every call into it holds one mutex; the agent scans
// for one window at a time anyway. Pages are converted to 8-bit samples and
// encoded as JPEG in memory: nothing is written to disk.

#include <sane/sane.h>
#include <sane/saneopts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "agent/drivers.hpp"

namespace yc::agent {
namespace {

constexpr int kMaxPages = 50;                              // a feeder holds 50 sheets
constexpr std::size_t kMaxPageBytes = 256u * 1024 * 1024;  // raw samples of one page
constexpr std::size_t kMaxJpegBytes = 100u * 1024 * 1024;  // all pages of one scan
constexpr int kJpegQuality = 85;  // text stays crisp; a typical A4 page at 200 dpi is 0.3-0.6 MB

std::mutex& sane_mutex() {
  static std::mutex m;
  return m;
}

// sane_init once per process, under sane_mutex(). Never sane_exit: backends
// may keep threads or USB handles, and the agent lives as long as the process.
bool sane_ready_locked() {
  static bool done = false;
  static bool ok = false;
  if (!done) {
    done = true;
    SANE_Int version = 0;
    ok = sane_init(&version, nullptr) == SANE_STATUS_GOOD;
  }
  return ok;
}

Unexpected sane_error(SANE_Status st) {
  switch (st) {
    case SANE_STATUS_NO_DOCS:
      return fail(ErrorCode::kDeviceFailed, "进纸器中没有文稿");
    case SANE_STATUS_JAMMED:
      return fail(ErrorCode::kDeviceFailed, "扫描仪卡纸，请取出纸张后重试");
    case SANE_STATUS_COVER_OPEN:
      return fail(ErrorCode::kDeviceFailed, "扫描仪盖板未合上");
    case SANE_STATUS_DEVICE_BUSY:
      return fail(ErrorCode::kDeviceFailed, "扫描仪正忙，请稍后重试");
    case SANE_STATUS_IO_ERROR:
      return fail(ErrorCode::kDeviceFailed, "与扫描仪通信失败，请检查连接");
    case SANE_STATUS_NO_MEM:
      return fail(ErrorCode::kDeviceFailed, "扫描仪内存不足");
    case SANE_STATUS_ACCESS_DENIED:
      return fail(ErrorCode::kDeviceFailed, "无权访问扫描仪");
    case SANE_STATUS_CANCELLED:
      return fail(ErrorCode::kDeviceFailed, "扫描已取消");
    case SANE_STATUS_UNSUPPORTED:
    case SANE_STATUS_INVAL:
      return fail(ErrorCode::kDeviceFailed, "扫描仪不支持所选设置");
    default:
      break;
  }
  return fail(ErrorCode::kDeviceFailed, fmt::format("扫描失败（{}）", sane_strstatus(st)));
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool icontains(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i)
    if (iequals(hay.substr(i, needle.size()), needle)) return true;
  return false;
}

struct Option {
  SANE_Int index = 0;
  const SANE_Option_Descriptor* desc = nullptr;
};

// Options are looked up by name each time: setting one may reload the others
// (SANE_INFO_RELOAD_OPTIONS), which invalidates earlier descriptors.
std::optional<Option> find_option(SANE_Handle h, std::string_view name) {
  SANE_Int count = 0;
  if (sane_control_option(h, 0, SANE_ACTION_GET_VALUE, &count, nullptr) != SANE_STATUS_GOOD) return std::nullopt;
  for (SANE_Int i = 1; i < count; ++i) {
    const SANE_Option_Descriptor* d = sane_get_option_descriptor(h, i);
    if (d && d->name && name == d->name && SANE_OPTION_IS_ACTIVE(d->cap) && SANE_OPTION_IS_SETTABLE(d->cap))
      return Option{i, d};
  }
  return std::nullopt;
}

std::vector<std::string> string_choices(const Option& o) {
  std::vector<std::string> out;
  if (o.desc->type == SANE_TYPE_STRING && o.desc->constraint_type == SANE_CONSTRAINT_STRING_LIST)
    for (const SANE_String_Const* s = o.desc->constraint.string_list; *s; ++s) out.emplace_back(*s);
  return out;
}

std::optional<std::string> pick_string(const Option& o, std::initializer_list<std::string_view> wanted) {
  auto choices = string_choices(o);
  for (auto w : wanted)
    for (const auto& c : choices)
      if (iequals(c, w)) return c;
  return std::nullopt;
}

Result<void> set_string(SANE_Handle h, const Option& o, const std::string& value) {
  std::vector<char> buf(std::max<std::size_t>(static_cast<std::size_t>(o.desc->size), value.size() + 1), '\0');
  std::memcpy(buf.data(), value.data(), value.size());
  SANE_Status st = sane_control_option(h, o.index, SANE_ACTION_SET_VALUE, buf.data(), nullptr);
  if (st != SANE_STATUS_GOOD) return sane_error(st);
  return ok();
}

// Sets a numeric option (SANE_TYPE_INT, or SANE_TYPE_FIXED as resolution is on
// many backends) to the allowed value nearest `want`.
Result<void> set_number(SANE_Handle h, const Option& o, int want) {
  const bool fixed = o.desc->type == SANE_TYPE_FIXED;
  if (!fixed && o.desc->type != SANE_TYPE_INT) return fail(ErrorCode::kDeviceFailed, "扫描仪不支持所选设置");
  auto to_int = [fixed](SANE_Word w) { return fixed ? SANE_UNFIX(w) : static_cast<double>(w); };
  SANE_Word value = fixed ? SANE_FIX(want) : want;
  if (o.desc->constraint_type == SANE_CONSTRAINT_RANGE) {
    const SANE_Range* r = o.desc->constraint.range;
    value = std::clamp(value, r->min, r->max);
    if (r->quant > 0) value = r->min + (value - r->min) / r->quant * r->quant;
  } else if (o.desc->constraint_type == SANE_CONSTRAINT_WORD_LIST) {
    const SANE_Word* list = o.desc->constraint.word_list;
    double best = -1;
    for (SANE_Int i = 1; i <= list[0]; ++i) {
      double d = std::abs(to_int(list[i]) - want);
      if (best < 0 || d < best) {
        best = d;
        value = list[i];
      }
    }
  }
  SANE_Status st = sane_control_option(h, o.index, SANE_ACTION_SET_VALUE, &value, nullptr);
  if (st != SANE_STATUS_GOOD) return sane_error(st);
  return ok();
}

bool word_list_has(const Option& o, int v) {
  if (o.desc->constraint_type != SANE_CONSTRAINT_WORD_LIST) return false;
  const SANE_Word* list = o.desc->constraint.word_list;
  for (SANE_Int i = 1; i <= list[0]; ++i)
    if (list[i] == v) return true;
  return false;
}

// Closes the device on every path; sane_cancel first ends any scan in progress.
class Device {
 public:
  explicit Device(SANE_Handle h) : h_(h) {}
  ~Device() {
    sane_cancel(h_);
    sane_close(h_);
  }
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;
  SANE_Handle get() const { return h_; }

 private:
  SANE_Handle h_;
};

// Reads one frame until SANE_STATUS_EOF.
Result<std::string> read_frame(SANE_Handle h) {
  std::string data;
  std::vector<SANE_Byte> buf(64 * 1024);
  for (;;) {
    SANE_Int len = 0;
    SANE_Status st = sane_read(h, buf.data(), static_cast<SANE_Int>(buf.size()), &len);
    if (st == SANE_STATUS_EOF) break;
    if (st != SANE_STATUS_GOOD) return sane_error(st);
    data.append(reinterpret_cast<const char*>(buf.data()), static_cast<std::size_t>(len));
    if (data.size() > kMaxPageBytes) return fail(ErrorCode::kDeviceFailed, "扫描页面过大，请降低分辨率");
  }
  return data;
}

// One channel of a frame as 8-bit samples, `channels` interleaved per pixel.
// 16-bit samples come in host byte order (SANE standard 4.3.8); 1-bit samples
// are packed, most significant bit first, 1 meaning black.
std::vector<unsigned char> to_8bit(const std::string& raw, const SANE_Parameters& p, int channels, int lines) {
  const int samples = p.pixels_per_line * channels;
  std::vector<unsigned char> out(static_cast<std::size_t>(samples) * static_cast<std::size_t>(lines));
  for (int y = 0; y < lines; ++y) {
    const auto* line = reinterpret_cast<const unsigned char*>(raw.data()) +
                       static_cast<std::size_t>(y) * static_cast<std::size_t>(p.bytes_per_line);
    unsigned char* dst = out.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(samples);
    for (int i = 0; i < samples; ++i) {
      if (p.depth == 8) {
        dst[i] = line[i];
      } else if (p.depth == 16) {
        std::uint16_t v;
        std::memcpy(&v, line + 2 * i, 2);
        dst[i] = static_cast<unsigned char>(v >> 8);
      } else {
        const bool black = (line[i / 8] >> (7 - i % 8)) & 1;
        dst[i] = black ? 0 : 255;
      }
    }
  }
  return out;
}

class SaneScanner final : public Scanner {
 public:
  explicit SaneScanner(std::string device) : device_(std::move(device)) {}

  Result<std::vector<ScannedPage>> scan(const ScanRequest& request) override {
    if (request.dpi < 75 || request.dpi > 600)
      return fail(ErrorCode::kInvalidArgument, "分辨率须在 75 至 600 dpi 之间", "dpi");
    if (request.mode != "color" && request.mode != "gray" && request.mode != "lineart")
      return fail(ErrorCode::kInvalidArgument, "扫描模式须为 color、gray 或 lineart", "mode");
    if (request.source != "flatbed" && request.source != "adf")
      return fail(ErrorCode::kInvalidArgument, "纸张来源须为 flatbed 或 adf", "source");

    std::lock_guard lock(sane_mutex());
    if (!sane_ready_locked()) return fail(ErrorCode::kDeviceAbsent, "扫描服务（SANE）初始化失败");
    auto name = YC_TRY(resolve_device_locked());
    SANE_Handle handle = nullptr;
    SANE_Status st = sane_open(name.c_str(), &handle);
    if (st == SANE_STATUS_DEVICE_BUSY || st == SANE_STATUS_ACCESS_DENIED) return sane_error(st);
    if (st != SANE_STATUS_GOOD) return fail(ErrorCode::kDeviceAbsent, fmt::format("未找到扫描仪 {}", name));
    Device dev(handle);

    const bool software_lineart = YC_TRY(configure(dev.get(), request));
    const bool adf = request.source == "adf";

    std::vector<ScannedPage> pages;
    std::size_t total = 0;
    while (static_cast<int>(pages.size()) < kMaxPages) {
      st = sane_start(dev.get());
      if (st == SANE_STATUS_NO_DOCS && !pages.empty()) break;  // the feeder is empty: done
      if (st != SANE_STATUS_GOOD) return sane_error(st);
      auto page = YC_TRY(read_page(dev.get(), software_lineart));
      total += page.jpeg.size();
      if (total > kMaxJpegBytes) return fail(ErrorCode::kDeviceFailed, "扫描内容过大，请分批扫描");
      pages.push_back(std::move(page));
      if (!adf) break;
    }
    return pages;
  }

  DeviceStatus status() override {
    DeviceStatus s;
    s.device = "scanner";
    std::lock_guard lock(sane_mutex());
    if (!sane_ready_locked()) {
      s.state = DeviceState::kError;
      s.detail = "扫描服务（SANE）初始化失败";
      return s;
    }
    const SANE_Device** list = nullptr;
    if (sane_get_devices(&list, SANE_FALSE) == SANE_STATUS_GOOD && list) {
      for (const SANE_Device** d = list; *d; ++d) {
        if (device_.empty() || device_ == (*d)->name) {
          s.state = DeviceState::kReady;
          s.model = fmt::format("{} {}", (*d)->vendor, (*d)->model);
          s.detail = "扫描仪就绪";
          return s;
        }
      }
    }
    // Some backends open devices they do not list (a configured network address).
    if (!device_.empty()) {
      SANE_Handle h = nullptr;
      if (sane_open(device_.c_str(), &h) == SANE_STATUS_GOOD) {
        sane_close(h);
        s.state = DeviceState::kReady;
        s.model = device_;
        s.detail = "扫描仪就绪";
        return s;
      }
    }
    s.state = DeviceState::kAbsent;
    s.detail = device_.empty() ? "未找到扫描仪" : fmt::format("未找到扫描仪 {}", device_);
    return s;
  }

 private:
  Result<std::string> resolve_device_locked() {
    if (!device_.empty()) return device_;
    const SANE_Device** list = nullptr;
    if (sane_get_devices(&list, SANE_FALSE) != SANE_STATUS_GOOD || !list || !list[0])
      return fail(ErrorCode::kDeviceAbsent, "未找到扫描仪");
    return std::string(list[0]->name);
  }

  // Applies the request; returns true when lineart must be made from gray here
  // because the device offers neither a lineart mode nor 1-bit depth.
  static Result<bool> configure(SANE_Handle h, const ScanRequest& request) {
    bool software_lineart = false;
    if (auto mode = find_option(h, SANE_NAME_SCAN_MODE)) {
      std::optional<std::string> value;
      if (request.mode == "color") value = pick_string(*mode, {SANE_VALUE_SCAN_MODE_COLOR, "Colour", "24bit Color"});
      if (request.mode == "gray") value = pick_string(*mode, {SANE_VALUE_SCAN_MODE_GRAY, "Grayscale", "Greyscale"});
      if (request.mode == "lineart") {
        value = pick_string(*mode, {SANE_VALUE_SCAN_MODE_LINEART, "Binary", "Black & White"});
        if (!value) {
          value = pick_string(*mode, {SANE_VALUE_SCAN_MODE_GRAY, "Grayscale", "Greyscale"});
          software_lineart = true;
        }
      }
      if (!value) return fail(ErrorCode::kDeviceFailed, "扫描仪不支持所选扫描模式");
      YC_TRY_VOID(set_string(h, *mode, *value));
    }
    if (auto depth = find_option(h, SANE_NAME_BIT_DEPTH)) {
      // 8 bits per sample is what the JPEG keeps; 16 only doubles the transfer.
      if (software_lineart && word_list_has(*depth, 1)) {
        YC_TRY_VOID(set_number(h, *depth, 1));
        software_lineart = false;
      } else if (request.mode != "lineart" && word_list_has(*depth, 8)) {
        YC_TRY_VOID(set_number(h, *depth, 8));
      }
    }
    if (auto res = find_option(h, SANE_NAME_SCAN_RESOLUTION)) YC_TRY_VOID(set_number(h, *res, request.dpi));
    if (auto source = find_option(h, SANE_NAME_SCAN_SOURCE)) {
      auto choices = string_choices(*source);
      std::optional<std::string> value;
      for (const auto& c : choices) {
        const bool is_adf = icontains(c, "ADF") || icontains(c, "Automatic Document Feeder") || icontains(c, "Feeder");
        const bool is_flatbed = icontains(c, "Flatbed") || icontains(c, "Platen");
        if ((request.source == "adf" && is_adf) || (request.source == "flatbed" && is_flatbed)) {
          value = c;
          break;
        }
      }
      if (!value && request.source == "adf") return fail(ErrorCode::kDeviceFailed, "扫描仪没有自动进纸器");
      // A sheet-fed scanner has no flatbed: its only source serves a flatbed request.
      if (value) YC_TRY_VOID(set_string(h, *source, *value));
    } else if (request.source == "adf") {
      return fail(ErrorCode::kDeviceFailed, "扫描仪没有自动进纸器");
    }
    return software_lineart;
  }

  static Result<ScannedPage> read_page(SANE_Handle h, bool software_lineart) {
    SANE_Parameters p{};
    SANE_Status st = sane_get_parameters(h, &p);
    if (st != SANE_STATUS_GOOD) return sane_error(st);
    if (p.depth != 1 && p.depth != 8 && p.depth != 16)
      return fail(ErrorCode::kDeviceFailed, fmt::format("不支持的扫描位深 {}", p.depth));
    if (p.pixels_per_line <= 0 || p.bytes_per_line <= 0)
      return fail(ErrorCode::kDeviceFailed, "扫描仪返回的图像参数无效");

    std::vector<unsigned char> pixels;
    int components = 1;
    int lines = 0;
    if (p.format == SANE_FRAME_GRAY || p.format == SANE_FRAME_RGB) {
      if (p.format == SANE_FRAME_RGB && p.depth == 1) return fail(ErrorCode::kDeviceFailed, "不支持 1 位彩色扫描");
      components = p.format == SANE_FRAME_RGB ? 3 : 1;
      auto raw = YC_TRY(read_frame(h));
      // Hand scanners report lines = -1: the height is what arrived.
      lines = static_cast<int>(raw.size() / static_cast<std::size_t>(p.bytes_per_line));
      pixels = to_8bit(raw, p, components, lines);
    } else if (p.format == SANE_FRAME_RED || p.format == SANE_FRAME_GREEN || p.format == SANE_FRAME_BLUE) {
      // Three-pass colour: one frame per channel, in the device's order.
      components = 3;
      std::vector<unsigned char> planes[3];
      for (int pass = 0; pass < 3; ++pass) {
        if (pass > 0) {
          st = sane_start(h);
          if (st != SANE_STATUS_GOOD) return sane_error(st);
          st = sane_get_parameters(h, &p);
          if (st != SANE_STATUS_GOOD) return sane_error(st);
        }
        const int channel = p.format == SANE_FRAME_RED     ? 0
                            : p.format == SANE_FRAME_GREEN ? 1
                            : p.format == SANE_FRAME_BLUE  ? 2
                                                           : -1;
        if (channel < 0 || p.depth == 1) return fail(ErrorCode::kDeviceFailed, "扫描仪返回的三遍彩色图像无效");
        auto raw = YC_TRY(read_frame(h));
        const int n = static_cast<int>(raw.size() / static_cast<std::size_t>(p.bytes_per_line));
        lines = pass == 0 ? n : std::min(lines, n);
        planes[channel] = to_8bit(raw, p, 1, n);
        if (p.last_frame && pass < 2) return fail(ErrorCode::kDeviceFailed, "扫描仪返回的三遍彩色图像无效");
      }
      for (const auto& plane : planes)
        if (plane.empty()) return fail(ErrorCode::kDeviceFailed, "扫描仪返回的三遍彩色图像无效");
      const std::size_t n = static_cast<std::size_t>(p.pixels_per_line) * static_cast<std::size_t>(lines);
      pixels.resize(n * 3);
      for (std::size_t i = 0; i < n; ++i)
        for (int c = 0; c < 3; ++c) pixels[i * 3 + static_cast<std::size_t>(c)] = planes[c][i];
    } else {
      return fail(ErrorCode::kDeviceFailed, "不支持的扫描帧格式");
    }
    if (lines <= 0) return fail(ErrorCode::kDeviceFailed, "扫描仪没有返回图像");
    if (software_lineart)
      for (auto& v : pixels) v = v < 128 ? 0 : 255;

    ScannedPage page;
    page.width = p.pixels_per_line;
    page.height = lines;
    page.jpeg = YC_TRY(encode_jpeg(pixels.data(), page.width, page.height, components, kJpegQuality));
    return page;
  }

  std::string device_;
};

}  // namespace

std::unique_ptr<Scanner> make_sane_scanner(std::string device) {
  return std::make_unique<SaneScanner>(std::move(device));
}

}  // namespace yc::agent
