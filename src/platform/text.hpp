#pragma once
// Text measured as people see it: Unicode code points of UTF-8, never bytes
// (a name like 𠮷 is one character, four bytes).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace yc {

// Code points of valid UTF-8 (continuation bytes are not counted).
inline std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// The non-empty parts of a list stored as text: "a,b" and ",a,b," both give
// {"a", "b"} (chains of steps, catalog categories of a service group).
inline std::vector<std::string> split_list(std::string_view s, char sep = ',') {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto j = s.find(sep, i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace yc
