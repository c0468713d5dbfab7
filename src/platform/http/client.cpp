#include "platform/http/client.hpp"

#include <curl/curl.h>

#include <memory>

namespace yc::http {
namespace {

constexpr std::size_t kMaxBody = 1 << 20;

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
  auto* s = static_cast<std::string*>(out);
  if (s->size() + size * n > kMaxBody) return 0;  // too big: curl stops with an error
  s->append(data, size * n);
  return size * n;
}

}  // namespace

bool allowed_peer_url(const std::string& url) {
  return url.starts_with("https://") || url.starts_with("http://127.0.0.1") || url.starts_with("http://localhost");
}

Result<Answer> curl_fetch(const Call& call) {
  if (!allowed_peer_url(call.url)) return fail(ErrorCode::kUnavailable, "对方地址须为 https");
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return fail(ErrorCode::kInternal, "curl_easy_init");
  curl_slist* headers = nullptr;
  for (const auto& [k, v] : call.headers) headers = curl_slist_append(headers, (k + ": " + v).c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> guard(headers, curl_slist_free_all);
  Answer a;
  curl_easy_setopt(curl.get(), CURLOPT_URL, call.url.c_str());
  if (call.method == "POST") {
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, call.body.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(call.body.size()));
  }
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &a.body);
  const auto rc = curl_easy_perform(curl.get());
  if (rc != CURLE_OK) return fail(ErrorCode::kUnavailable, std::string("无法连接: ") + curl_easy_strerror(rc));
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &a.status);
  return a;
}

}  // namespace yc::http
