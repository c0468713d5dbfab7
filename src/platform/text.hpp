#pragma once
// Text measured as people see it: Unicode code points of UTF-8, never bytes
// (a name like 𠮷 is one character, four bytes).

#include <cstddef>
#include <string_view>

namespace yc {

// Code points of valid UTF-8 (continuation bytes are not counted).
inline std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace yc
