#include "agent/idcard_reader.hpp"

#include <mutex>

#include <fmt/format.h>

#include "agent/idcard.hpp"
#include "agent/os.hpp"

namespace yc::agent {
namespace {

using namespace std::chrono_literals;

// The vendor decoders (libwlt / termb) export `int unpack(char* wlt, char* bmp,
// int save)`: 1024 bytes of WLT in, a 102x126 24-bit BMP (38862 bytes) out;
// `save` = 0 keeps it in memory (never a file: no personal data on disk).
constexpr std::size_t kBmpBytes = 38862;
using UnpackFn = int (*)(char*, char*, int);

class SerialIdCardReader final : public IdCardReader {
 public:
  explicit SerialIdCardReader(IdCardReaderOptions o) : options_(std::move(o)) {}

  Result<IdCard> read() override {
    std::lock_guard lock(mutex_);
    if (options_.port.empty()) return fail(ErrorCode::kDeviceAbsent, "本机未配置身份证阅读器");
    os::SerialPort& port = *YC_TRY(open());
    auto found = exchange(port, idcard::kCmdCard, idcard::kParaFind, "find");
    if (!found) return drop(found.error());
    if (found->sw3 != idcard::kSwFound && found->sw3 != idcard::kSwOk) {
      return fail(idcard::error_for(found->sw3, "find"));
    }
    auto selected = exchange(port, idcard::kCmdCard, idcard::kParaSelect, "select");
    if (!selected) return drop(selected.error());
    if (selected->sw3 != idcard::kSwOk) return fail(idcard::error_for(selected->sw3, "select"));
    auto text = exchange(port, idcard::kCmdRead, idcard::kParaReadBase, "read");
    if (!text) return drop(text.error());
    if (text->sw3 != idcard::kSwOk) return fail(idcard::error_for(text->sw3, "read"));
    IdCard card = YC_TRY(idcard::decode_read(text->data));
    decode_photo(card);
    return card;
  }

  DeviceStatus status() override {
    std::lock_guard lock(mutex_);
    DeviceStatus s{"idcard", DeviceState::kAbsent, "", options_.port};
    if (options_.port.empty()) {
      s.state = DeviceState::kDisabled;
      s.detail = "本机未配置身份证阅读器";
      return s;
    }
    auto port = open();
    if (!port) {
      s.detail = port.error().message;
      return s;
    }
    auto r = exchange(**port, idcard::kCmdStatus, idcard::kParaStatus, "status");
    if (!r) {
      drop(r.error());
      s.state = r.error().code == ErrorCode::kDeviceAbsent ? DeviceState::kAbsent : DeviceState::kError;
      s.detail = r.error().message;
    } else if (r->sw3 != idcard::kSwOk) {
      s.state = DeviceState::kError;
      s.detail = idcard::error_for(r->sw3, "status").message;
    } else {
      s.state = DeviceState::kReady;
      s.detail = "身份证阅读器就绪";
    }
    return s;
  }

 private:
  Result<os::SerialPort*> open() {
    if (!port_) port_ = YC_TRY(os::open_serial(options_.port, options_.baud));
    return port_.get();
  }

  // A port that failed is closed, so the next call opens it afresh (a reader
  // unplugged and plugged back in gets a new file description).
  Unexpected drop(Error e) {
    if (e.code == ErrorCode::kDeviceAbsent) port_.reset();
    return fail(std::move(e));
  }

  // Sends one command and waits for its reply frame; noise is skipped, a
  // garbled frame or a silence is retried `attempts` times in all.
  Result<idcard::Reply> exchange(os::SerialPort& port, std::uint8_t cmd, std::uint8_t para,
                                 std::string_view step) {
    std::string last_problem = "无应答";
    for (int attempt = 0; attempt < std::max(1, options_.attempts); ++attempt) {
      port.discard_input();
      YC_TRY_VOID(port.write(idcard::encode_command(cmd, para)));
      std::string buf;
      auto deadline = std::chrono::steady_clock::now() + options_.reply_timeout;
      bool bad = false;
      while (!bad) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left <= 0ms) break;
        std::string chunk = YC_TRY(port.read_some(left));
        buf += chunk;
        if (buf.size() > 2 * idcard::kMaxFrame) buf.erase(0, buf.size() - idcard::kMaxFrame);
        for (;;) {
          auto parsed = idcard::parse_reply(buf);
          buf.erase(0, parsed.consumed);
          if (parsed.result == idcard::Parse::kFrame) return parsed.reply;
          if (parsed.result == idcard::Parse::kBadFrame) {
            last_problem = parsed.problem == "checksum" ? "应答校验错误" : "应答长度错误";
            bad = true;
            break;
          }
          break;  // need more bytes
        }
      }
    }
    return fail(ErrorCode::kDeviceFailed,
                fmt::format("身份证阅读器{}（{}），请检查连接后重试",
                            step == "status" ? "自检无结果" : "通信失败", last_problem));
  }

  void decode_photo(IdCard& card) {
    if (options_.wlt_decoder.empty() || card.photo_wlt.size() != idcard::kPhotoBytes) return;
    if (!decoder_) {
      auto lib = os::load_library(options_.wlt_decoder);
      if (!lib) return;  // the photo is optional (research/devices.md)
      unpack_ = reinterpret_cast<UnpackFn>((*lib)->symbol("unpack"));
      if (unpack_ == nullptr) return;
      decoder_ = std::move(*lib);
    }
    std::string wlt = card.photo_wlt;
    std::string bmp(kBmpBytes, '\0');
    if (unpack_(wlt.data(), bmp.data(), 0) == 1 && bmp.compare(0, 2, "BM") == 0) {
      card.photo_bmp = std::move(bmp);
    }
  }

  IdCardReaderOptions options_;
  std::mutex mutex_;
  std::unique_ptr<os::SerialPort> port_;
  std::unique_ptr<os::SharedLibrary> decoder_;
  UnpackFn unpack_ = nullptr;
};

}  // namespace

std::unique_ptr<IdCardReader> make_idcard_reader(IdCardReaderOptions options) {
  return std::make_unique<SerialIdCardReader>(std::move(options));
}

}  // namespace yc::agent
