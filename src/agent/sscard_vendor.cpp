// The social-security card through the ministry-standard vendor driver
// (人社部 读卡器接口规范: iReadCardBas). Production readers of
// 3rd-generation cards need it: the driver does the PSAM mutual
// authentication that a plain PC/SC read cannot.

#include <mutex>
#include <vector>

#include <fmt/format.h>

#include "agent/os.hpp"
#include "agent/sscard.hpp"

namespace yc::agent {

namespace {

// iType 3: find the card by itself, contact interface first (1 would be
// contact only, 2 contactless only, 4 contactless first).
constexpr int kAutoContactFirst = 3;
// The standard's output buffer is 1024 bytes. We hand over more and cut at
// 1024, so that a driver writing past its contract does not overrun us.
constexpr std::size_t kOutputSize = 1024;

using ReadCardBas = long (*)(int, char*);

std::string file_name(const std::string& path) {
  auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

class VendorSsCardReader final : public SsCardReader {
 public:
  explicit VendorSsCardReader(std::string path) : path_(std::move(path)) {}

  Result<SsCard> read() override {
    std::lock_guard lock(mutex_);  // vendor drivers are not thread-safe
    YC_TRY_VOID(load());
    std::vector<char> out(kOutputSize * 4, '\0');
    const long rc = fn_(kAutoContactFirst, out.data());
    if (rc != 0) return fail(sscard::vendor_error(rc));
    out[kOutputSize - 1] = '\0';
    return sscard::parse_vendor_output(std::string_view(out.data()));
  }

  DeviceStatus status() override {
    std::lock_guard lock(mutex_);
    DeviceStatus s;
    s.device = "sscard";
    s.model = file_name(path_);
    auto loaded = load();
    if (!loaded) {
      s.state = DeviceState::kAbsent;
      s.detail = loaded.error().message;
      return s;
    }
    // The standard has no "is a reader there" call without reading a card,
    // and reading one here would touch personal data for a status light.
    s.state = DeviceState::kReady;
    s.detail = "社保卡厂商驱动已加载";
    return s;
  }

 private:
  // Loads the driver once; a failure is not cached, so installing the driver
  // later works without restarting the agent.
  Result<void> load() {
    if (fn_ != nullptr) return ok();
    if (path_.empty()) return fail(ErrorCode::kDeviceAbsent, "未配置社保卡厂商驱动");
    auto lib = os::load_library(path_);
    if (!lib) {
      return fail(ErrorCode::kDeviceAbsent,
                  fmt::format("未找到社保卡读卡器驱动：{}", lib.error().message));
    }
    void* symbol = (*lib)->symbol("iReadCardBas");
    if (symbol == nullptr) {
      return fail(ErrorCode::kDeviceAbsent,
                  fmt::format("社保卡厂商驱动 {} 中没有 iReadCardBas 接口，请确认驱动符合人社部读卡器接口规范",
                              file_name(path_)));
    }
    library_ = std::move(*lib);
    fn_ = reinterpret_cast<ReadCardBas>(symbol);
    return ok();
  }

  std::string path_;
  std::mutex mutex_;
  std::unique_ptr<os::SharedLibrary> library_;
  ReadCardBas fn_ = nullptr;
};

}  // namespace

std::unique_ptr<SsCardReader> make_vendor_sscard_reader(std::string library_path) {
  return std::make_unique<VendorSsCardReader>(std::move(library_path));
}

}  // namespace yc::agent
