// libFuzzer target for the ID card reader's parsers (issue 8): whatever a
// broken or hostile device sends over the serial line must never crash the
// agent, read out of bounds or loop. `make fuzz` runs it for a bounded time.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "agent/idcard.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace ic = yc::agent::idcard;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  // The driver's loop: parse frames off a growing buffer until it needs more.
  std::string buf(input);
  for (int guard = 0; guard < 10000 && !buf.empty(); ++guard) {
    auto p = ic::parse_reply(buf);
    if (p.result == ic::Parse::kFrame) (void)ic::decode_read(p.reply.data);
    if (p.consumed == 0) break;
    buf.erase(0, p.consumed);
  }
  buf.assign(input);
  for (int guard = 0; guard < 10000 && !buf.empty(); ++guard) {
    auto p = ic::parse_command(buf);
    if (p.consumed == 0) break;
    buf.erase(0, p.consumed);
  }
  (void)ic::decode_read(input);
  if (size >= ic::kTextBytes) (void)ic::decode_text(input.substr(0, ic::kTextBytes));
  (void)ic::ucs2le_to_utf8(input);
  (void)ic::utf8_to_ucs2le(input);
  return 0;
}
