// The social-security card over PC/SC (pcsclite on Linux, WinSCard on
// Windows: the same API). Reads EF05 and EF06 of the social-security
// application record by record; see sscard.hpp for what it can and cannot read.

#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>

#include <mutex>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "agent/sscard.hpp"

namespace yc::agent {

namespace {

using sscard::Bytes;
using sscard::Tag;

constexpr const char* kNoReader = "未找到社保卡读卡器";
constexpr const char* kNoCardMessage = "未检测到社保卡，请插卡";

std::string scard_code(LONG rv) { return fmt::format("0x{:08X}", static_cast<std::uint32_t>(rv)); }

// One mapping of PC/SC failures for every call. The SCARD code is kept in the
// message (hex) so that a support call can name it.
Error scard_error(LONG rv, std::string_view what) {
  switch (rv) {
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
      return Error::make(ErrorCode::kDeviceAbsent, fmt::format("{}（智能卡服务 pcscd 未运行）", kNoReader));
    case SCARD_E_NO_READERS_AVAILABLE:
    case SCARD_E_UNKNOWN_READER:
    case SCARD_E_READER_UNAVAILABLE:
      return Error::make(ErrorCode::kDeviceAbsent, kNoReader);
    case SCARD_E_NO_SMARTCARD:
    case SCARD_W_REMOVED_CARD:
      return Error::make(ErrorCode::kNoCard, kNoCardMessage);
    case SCARD_W_UNRESPONSIVE_CARD:
    case SCARD_W_UNPOWERED_CARD:
      return Error::make(ErrorCode::kDeviceFailed, fmt::format("社保卡无响应，请重新插卡（{}）", scard_code(rv)));
    case SCARD_E_SHARING_VIOLATION:
      return Error::make(ErrorCode::kDeviceFailed, fmt::format("社保卡读卡器正被其他程序使用（{}）", scard_code(rv)));
    default: break;
  }
  return Error::make(ErrorCode::kDeviceFailed, fmt::format("{}失败（PC/SC {}）", what, scard_code(rv)));
}

// A PC/SC context for one operation. A context per call costs one local
// socket round trip and survives pcscd restarts, which a cached one does not.
class Context {
 public:
  Context() = default;
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  ~Context() {
    if (established_) SCardReleaseContext(ctx_);
  }

  Result<void> establish() {
    LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx_);
    if (rv != SCARD_S_SUCCESS) return fail(scard_error(rv, "连接智能卡服务"));
    established_ = true;
    return ok();
  }

  // The first reader whose name contains `filter`.
  Result<std::string> find_reader(const std::string& filter) {
    DWORD size = 0;
    LONG rv = SCardListReaders(ctx_, nullptr, nullptr, &size);
    if (rv != SCARD_S_SUCCESS) return fail(scard_error(rv, "列出读卡器"));
    std::vector<char> names(size + 1, '\0');
    rv = SCardListReaders(ctx_, nullptr, names.data(), &size);
    if (rv != SCARD_S_SUCCESS) return fail(scard_error(rv, "列出读卡器"));
    // A multi-string: names separated by NUL, ended by an empty name.
    const char* end = names.data() + size;
    for (const char* p = names.data(); p < end && *p != '\0'; p += std::char_traits<char>::length(p) + 1) {
      std::string name(p);
      if (filter.empty() || name.find(filter) != std::string::npos) return name;
    }
    if (filter.empty()) return fail(ErrorCode::kDeviceAbsent, kNoReader);
    return fail(ErrorCode::kDeviceAbsent, fmt::format("{}（名称含“{}”）", kNoReader, filter));
  }

  SCARDCONTEXT get() const { return ctx_; }

 private:
  SCARDCONTEXT ctx_ = 0;
  bool established_ = false;
};

// A connected card inside a transaction, so that no other application's
// SELECT lands between ours and our READ RECORDs.
class Card {
 public:
  Card() = default;
  Card(const Card&) = delete;
  Card& operator=(const Card&) = delete;
  ~Card() {
    if (in_transaction_) SCardEndTransaction(card_, SCARD_LEAVE_CARD);
    if (connected_) SCardDisconnect(card_, SCARD_LEAVE_CARD);
  }

  Result<void> connect(SCARDCONTEXT ctx, const std::string& reader) {
    LONG rv = SCardConnect(ctx, reader.c_str(), SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
                           &card_, &protocol_);
    if (rv != SCARD_S_SUCCESS) return fail(scard_error(rv, "连接社保卡"));
    connected_ = true;
    rv = SCardBeginTransaction(card_);
    if (rv != SCARD_S_SUCCESS) return fail(scard_error(rv, "锁定社保卡"));
    in_transaction_ = true;
    return ok();
  }

  // Sends one command APDU and returns the complete response: 61xx fetches
  // the remaining data with GET RESPONSE, 6Cxx repeats the command with the
  // length the card named (both are how T=0 cards ask for the second step).
  Result<sscard::Response> transmit(Bytes apdu, std::string_view what) {
    Bytes collected;
    bool resent = false;
    for (int round = 0; round < 32; ++round) {
      auto raw = YC_TRY(transmit_raw(apdu, what));
      auto r = YC_TRY(sscard::split_response(raw));
      const unsigned sw1 = r.sw >> 8, sw2 = r.sw & 0xFF;
      if (sw1 == 0x61) {
        collected += r.data;
        apdu = sscard::get_response_apdu(static_cast<std::uint8_t>(sw2));
        continue;
      }
      if (sw1 == 0x6C && !resent && apdu.size() >= 5) {
        // Case 2 command: the last byte is Le.
        apdu.back() = static_cast<char>(sw2);
        resent = true;
        continue;
      }
      r.data = collected + r.data;
      return r;
    }
    return fail(ErrorCode::kDeviceFailed, fmt::format("{}失败：社保卡应答过长", what));
  }

 private:
  Result<Bytes> transmit_raw(const Bytes& apdu, std::string_view what) {
    // The PCI must match the protocol the reader negotiated.
    const SCARD_IO_REQUEST* pci = protocol_ == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
    unsigned char buffer[MAX_BUFFER_SIZE_EXTENDED];
    DWORD length = sizeof buffer;
    LONG rv = SCardTransmit(card_, pci, reinterpret_cast<const unsigned char*>(apdu.data()),
                            static_cast<DWORD>(apdu.size()), nullptr, buffer, &length);
    if (rv != SCARD_S_SUCCESS) return fail(scard_error(rv, what));
    return Bytes(reinterpret_cast<const char*>(buffer), length);
  }

  SCARDHANDLE card_ = 0;
  DWORD protocol_ = 0;
  bool connected_ = false;
  bool in_transaction_ = false;
};

class PcscSsCardReader final : public SsCardReader {
 public:
  explicit PcscSsCardReader(std::string filter) : filter_(std::move(filter)) {}

  Result<SsCard> read() override {
    std::lock_guard lock(mutex_);
    Context ctx;
    YC_TRY_VOID(ctx.establish());
    const std::string reader = YC_TRY(ctx.find_reader(filter_));
    Card card;
    YC_TRY_VOID(card.connect(ctx.get(), reader));

    auto select = [&](const Bytes& apdu, std::string_view what) -> Result<void> {
      auto r = YC_TRY(card.transmit(apdu, what));
      return sscard::check_status(r.sw, what);
    };
    // Reads the records of the selected file; a record the card does not
    // hold (6A83) is left out and card_from_records decides whether it mattered.
    auto read_records = [&](std::initializer_list<Tag> tags) -> Result<sscard::Records> {
      sscard::Records records;
      for (Tag tag : tags) {
        const std::string what = fmt::format("读取社保卡记录 {:02X}", static_cast<unsigned>(tag));
        auto r = YC_TRY(card.transmit(sscard::read_record_apdu(tag), what));
        if (r.sw == 0x6A83) continue;
        YC_TRY_VOID(sscard::check_status(r.sw, what));
        records[tag] = YC_TRY(sscard::parse_record(r.data, tag));
      }
      return records;
    };

    YC_TRY_VOID(select(sscard::select_application_apdu(), "选择社保应用"));
    YC_TRY_VOID(select(sscard::select_file_apdu(sscard::kEf05), "选择卡识别信息文件 EF05"));
    auto ef05 = YC_TRY(read_records({Tag::kCardId, Tag::kCardType, Tag::kVersion, Tag::kInitOrg,
                                     Tag::kIssuedOn, Tag::kValidTo, Tag::kCardNumber}));
    YC_TRY_VOID(select(sscard::select_file_apdu(sscard::kEf06), "选择持卡人信息文件 EF06"));
    auto ef06 = YC_TRY(read_records({Tag::kSocialNumber, Tag::kName, Tag::kSex, Tag::kNation,
                                     Tag::kBirthPlace, Tag::kBirth}));
    return sscard::card_from_records(ef05, ef06);
  }

  DeviceStatus status() override {
    std::lock_guard lock(mutex_);
    DeviceStatus s;
    s.device = "sscard";
    Context ctx;
    auto reader = [&]() -> Result<std::string> {
      YC_TRY_VOID(ctx.establish());
      return ctx.find_reader(filter_);
    }();
    if (!reader) {
      s.state = reader.error().code == ErrorCode::kDeviceAbsent ? DeviceState::kAbsent : DeviceState::kError;
      s.detail = reader.error().message;
      return s;
    }
    s.model = *reader;
    SCARD_READERSTATE state{};
    state.szReader = reader->c_str();
    state.dwCurrentState = SCARD_STATE_UNAWARE;
    LONG rv = SCardGetStatusChange(ctx.get(), 0, &state, 1);
    if (rv != SCARD_S_SUCCESS) {
      auto e = scard_error(rv, "查询读卡器状态");
      s.state = e.code == ErrorCode::kDeviceAbsent ? DeviceState::kAbsent : DeviceState::kError;
      s.detail = e.message;
      return s;
    }
    s.state = DeviceState::kReady;
    s.detail = (state.dwEventState & SCARD_STATE_PRESENT) != 0 ? "读卡器就绪，已插卡" : "读卡器就绪，未插卡";
    return s;
  }

 private:
  std::string filter_;
  std::mutex mutex_;
};

}  // namespace

std::unique_ptr<SsCardReader> make_pcsc_sscard_reader(std::string reader_filter) {
  return std::make_unique<PcscSsCardReader>(std::move(reader_filter));
}

}  // namespace yc::agent
