#include "identity/secrets.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <mutex>

#include <fmt/format.h>

#include "privacy/crypto.hpp"

namespace yc::identity {
namespace {

void init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no usable randomness: never run without it
    oath_init();
  });
}

std::string uri_escape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace

Result<std::string> hash_password(std::string_view password) {
  init_once();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return fail(ErrorCode::kUnavailable, "服务器繁忙,请稍后重试");  // out of memory
  return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
  init_once();
  const std::string h(hash);  // must be NUL-terminated
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view hash) {
  init_once();
  const std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

TotpSecret new_totp_secret() {
  init_once();
  std::string raw(20, '\0');
  randombytes_buf(raw.data(), raw.size());
  return totp_secret_from_raw(std::move(raw));
}

TotpSecret totp_secret_from_raw(std::string raw) {
  TotpSecret s;
  s.raw = std::move(raw);
  char* b32 = nullptr;
  size_t len = 0;
  oath_base32_encode(s.raw.data(), s.raw.size(), &b32, &len);
  s.base32.assign(b32, len);
  free(b32);  // allocated by liboath with malloc
  while (!s.base32.empty() && s.base32.back() == '=') s.base32.pop_back();
  return s;
}

std::string totp_uri(const TotpSecret& secret, std::string_view account, std::string_view issuer) {
  return fmt::format("otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30",
                     uri_escape(issuer), uri_escape(account), secret.base32, uri_escape(issuer));
}

std::string totp_code(std::string_view raw, std::int64_t unix_seconds, int digits) {
  init_once();
  char out[16] = {};
  oath_totp_generate(raw.data(), raw.size(), static_cast<time_t>(unix_seconds), OATH_TOTP_DEFAULT_TIME_STEP_SIZE,
                     OATH_TOTP_DEFAULT_START_TIME, static_cast<unsigned>(digits), out);
  return out;
}

std::optional<std::int64_t> totp_match(std::string_view raw, std::string_view code,
                                       std::int64_t unix_seconds, int digits) {
  if (code.size() != static_cast<std::size_t>(digits)) return std::nullopt;
  const std::int64_t step = unix_seconds / OATH_TOTP_DEFAULT_TIME_STEP_SIZE;
  for (std::int64_t d : {0, -1, 1}) {
    const std::string expected =
        totp_code(raw, (step + d) * OATH_TOTP_DEFAULT_TIME_STEP_SIZE, digits);
    if (expected.size() == code.size() && sodium_memcmp(expected.data(), code.data(), code.size()) == 0)
      return step + d;
  }
  return std::nullopt;
}

std::vector<std::string> new_recovery_codes(int count) {
  init_once();
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // 32 symbols
  std::vector<std::string> codes;
  for (int i = 0; i < count; ++i) {
    std::string c;
    for (int k = 0; k < 10; ++k) {
      if (k == 4 || k == 8) c += '-';
      c += kAlphabet[randombytes_uniform(32)];
    }
    codes.push_back(std::move(c));
  }
  return codes;
}

std::string recovery_digest(std::string_view code) {
  // 50 random bits per code: a plain digest suffices (no dictionary to try).
  std::string normalized;
  for (char c : code)
    if (c != '-' && c != ' ') normalized += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return privacy::sm3_hex("yichuang.recovery:" + normalized);
}

std::string random_token(std::size_t bytes) {
  init_once();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_encoded_len(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string initial_password() {
  init_once();
  // 4 upper, 4 lower, 3 digits and a symbol, shuffled: 12 characters from
  // four classes, without look-alikes (0/O, 1/l/I).
  static constexpr std::string_view kUpper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  static constexpr std::string_view kLower = "abcdefghijkmnopqrstuvwxyz";
  static constexpr std::string_view kDigit = "23456789";
  static constexpr std::string_view kSymbol = "@#%+=?";
  std::string p;
  auto pick = [&p](std::string_view from, int n) {
    for (int i = 0; i < n; ++i) p += from[randombytes_uniform(static_cast<std::uint32_t>(from.size()))];
  };
  pick(kUpper, 4);
  pick(kLower, 4);
  pick(kDigit, 3);
  pick(kSymbol, 1);
  for (std::size_t i = p.size() - 1; i > 0; --i)
    std::swap(p[i], p[randombytes_uniform(static_cast<std::uint32_t>(i + 1))]);
  return p;
}

}  // namespace yc::identity
