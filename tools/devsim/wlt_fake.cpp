// A stand-in for the ID card reader vendor's closed WLT photo decoder (issue
// 8): exports `int unpack(char* wlt, char* bmp, int save)` as the vendor
// libraries do, so that the agent's dlopen path is tested. It answers a
// 102x126 24-bit BMP whose pixels are the WLT bytes repeated; a WLT that
// does not start with "WL" (the simulator's marker) fails with -1.
#include <cstdint>
#include <cstring>

extern "C" __attribute__((visibility("default"))) int unpack(char* wlt, char* bmp, int save) {
  if (save != 0) return -2;  // the agent must never ask for a file
  if (wlt[0] != 'W' || wlt[1] != 'L') return -1;
  const int w = 102, h = 126, row = 308, size = 54 + row * h;  // 38862
  std::memset(bmp, 0, static_cast<std::size_t>(size));
  auto put32 = [&](int at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) bmp[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  };
  bmp[0] = 'B';
  bmp[1] = 'M';
  put32(2, static_cast<std::uint32_t>(size));
  put32(10, 54);
  put32(14, 40);
  put32(18, w);
  put32(22, h);
  bmp[26] = 1;
  bmp[28] = 24;
  put32(34, static_cast<std::uint32_t>(row * h));
  for (int i = 0; i < row * h; ++i) bmp[54 + i] = wlt[i % 1024];
  return 1;
}
