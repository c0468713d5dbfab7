#include "privacy/crypto.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#include <fmt/format.h>

namespace yc::privacy {
namespace {

constexpr std::size_t kIvBytes = 16;
constexpr std::size_t kMacBytes = 32;

std::string to_hex(const unsigned char* p, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kHex[p[i] >> 4];
    out[2 * i + 1] = kHex[p[i] & 0xf];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto v = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = v(hex[2 * i]), lo = v(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<char>(hi * 16 + lo);
  }
  return out;
}

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(std::string_view in) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const auto n = (static_cast<unsigned char>(in[i]) << 16) |
                   (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += kB64[(n >> 6) & 63];
    out += kB64[n & 63];
  }
  if (i + 1 == in.size()) {
    const auto n = static_cast<unsigned char>(in[i]) << 16;
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
  } else if (i + 2 == in.size()) {
    const auto n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += kB64[(n >> 6) & 63];
  }
  return out;
}

std::optional<std::string> unbase64url(std::string_view in) {
  std::string out;
  unsigned int acc = 0;
  int bits = 0;
  for (char c : in) {
    const char* p = std::char_traits<char>::find(kB64, 64, c);
    if (p == nullptr) return std::nullopt;
    acc = (acc << 6) | static_cast<unsigned int>(p - kB64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  // Only the canonical form: leftover bits must be zero, so that no two texts
  // decode alike (a changed last character is always a different ciphertext).
  if (in.size() % 4 == 1 || (bits > 0 && (acc & ((1u << bits) - 1)) != 0)) return std::nullopt;
  return out;
}

std::string hmac_sm3(std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sm3(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  return std::string(reinterpret_cast<const char*>(mac), len);
}

// SM4-CTR is its own inverse.
Result<std::string> sm4_ctr(std::string_view key, std::string_view iv, std::string_view in) {
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                      &EVP_CIPHER_CTX_free);
  std::string out(in.size(), '\0');
  int len = 0;
  if (!ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_sm4_ctr(), nullptr,
                         reinterpret_cast<const unsigned char*>(key.data()),
                         reinterpret_cast<const unsigned char*>(iv.data())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
                        reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size())) != 1)
    return fail(ErrorCode::kInternal, "加密组件不可用");
  return out;
}

std::string mac_input(std::string_view key_id, std::string_view context, std::string_view iv_ct) {
  std::string m = "v1.";
  m += key_id;
  m += '.';
  m += std::to_string(context.size());
  m += ':';
  m += context;
  m += iv_ct;
  return m;
}

}  // namespace

std::string sm3_hex(std::string_view data) {
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), d, &len, EVP_sm3(), nullptr);
  return to_hex(d, len);
}

std::string hmac_sm3_hex(std::string_view key, std::string_view data) {
  const std::string mac = hmac_sm3(key, data);
  return to_hex(reinterpret_cast<const unsigned char*>(mac.data()), mac.size());
}

Result<KeyRing> KeyRing::load(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return fail(ErrorCode::kInvalidArgument, fmt::format("密钥文件不存在: {}", path), "privacy.key_file");
  if ((st.st_mode & 077) != 0)
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("密钥文件 {} 的权限过宽,请执行 chmod 600", path), "privacy.key_file");
  std::ifstream in(path);
  KeyRing ring;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::istringstream words(line);
    std::string kind;
    if (!(words >> kind) || kind[0] == '#') continue;
    auto bad = [&] {
      return fail(ErrorCode::kInvalidArgument, fmt::format("密钥文件 {} 第 {} 行格式不正确", path, number),
                  "privacy.key_file");
    };
    if (kind == "lookup") {
      std::string hex;
      words >> hex;
      auto k = from_hex(hex);
      if (!k || k->size() != 32) return bad();
      ring.lookup_ = *k;
    } else if (kind == "key") {
      std::string id, enc_hex, mac_hex;
      words >> id >> enc_hex >> mac_hex;
      auto enc = from_hex(enc_hex);
      auto mac = from_hex(mac_hex);
      if (id.empty() || id.find('.') != std::string::npos || !enc || enc->size() != 16 || !mac ||
          mac->size() != kMacBytes)
        return bad();
      if (ring.current_.empty()) ring.current_ = id;
      ring.keys_[id] = Key{*enc, *mac};
    } else {
      return bad();
    }
  }
  if (ring.lookup_.empty() || ring.current_.empty())
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("密钥文件 {} 缺少 lookup 或 key 行", path), "privacy.key_file");
  return ring;
}

Result<void> KeyRing::generate(const std::string& path, std::string_view key_id) {
  unsigned char bytes[32 + 16 + 32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return fail(ErrorCode::kInternal, "无法生成随机密钥");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return fail(ErrorCode::kConflict, fmt::format("无法创建密钥文件 {} (已存在?)", path),
                "privacy.key_file");
  const std::string text = fmt::format(
      "# yichuang field keys: keep outside the database and its backups, mode 0600.\n"
      "lookup {}\nkey {} {} {}\n",
      to_hex(bytes, 32), key_id, to_hex(bytes + 32, 16), to_hex(bytes + 48, 32));
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!ok) return fail(ErrorCode::kStorageFull, fmt::format("无法写入密钥文件 {}", path));
  return {};
}

Result<std::string> KeyRing::encrypt(std::string_view plaintext, std::string_view context) const {
  const Key& key = keys_.at(current_);
  std::string iv(kIvBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(iv.data()), static_cast<int>(iv.size())) != 1)
    return fail(ErrorCode::kInternal, "无法生成随机数");
  const std::string ct = YC_TRY(sm4_ctr(key.enc, iv, plaintext));
  const std::string iv_ct = iv + ct;
  const std::string mac = hmac_sm3(key.mac, mac_input(current_, context, iv_ct));
  return "v1." + current_ + "." + base64url(iv_ct + mac);
}

Result<std::string> KeyRing::decrypt(std::string_view sealed, std::string_view context) const {
  auto refused = [] { return fail(ErrorCode::kInternal, "加密数据已损坏或密钥不匹配"); };
  if (sealed.substr(0, 3) != "v1.") return refused();
  const auto dot = sealed.find('.', 3);
  if (dot == std::string_view::npos) return refused();
  const std::string_view key_id = sealed.substr(3, dot - 3);
  const auto it = keys_.find(key_id);
  if (it == keys_.end()) return refused();
  auto raw = unbase64url(sealed.substr(dot + 1));
  if (!raw || raw->size() < kIvBytes + kMacBytes) return refused();
  const std::string iv_ct = raw->substr(0, raw->size() - kMacBytes);
  const std::string mac = raw->substr(raw->size() - kMacBytes);
  const std::string expected = hmac_sm3(it->second.mac, mac_input(key_id, context, iv_ct));
  if (CRYPTO_memcmp(mac.data(), expected.data(), kMacBytes) != 0) return refused();
  return sm4_ctr(it->second.enc, iv_ct.substr(0, kIvBytes), std::string_view(iv_ct).substr(kIvBytes));
}

std::string KeyRing::lookup_hash(std::string_view value) const { return hmac_sm3_hex(lookup_, value); }

}  // namespace yc::privacy
