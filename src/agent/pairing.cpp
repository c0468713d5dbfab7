#include "agent/pairing.hpp"

#include <curl/curl.h>

#include <boost/json.hpp>
#include <chrono>

#include <fmt/format.h>

namespace yc::agent {
namespace {

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
  auto* s = static_cast<std::string*>(out);
  if (s->size() + size * n > (1u << 20)) return 0;  // an answer this big is not ours
  s->append(data, size * n);
  return size * n;
}

std::once_flag g_curl_once;

}  // namespace

ServerClient::ServerClient(std::string server_url, std::string token)
    : url_(std::move(server_url)), token_(std::move(token)) {
  while (!url_.empty() && url_.back() == '/') url_.pop_back();
  std::call_once(g_curl_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

ServerLink ServerClient::link() const {
  std::lock_guard lock(mutex_);
  return link_;
}

Result<ServerLink> ServerClient::heartbeat(const std::vector<DeviceStatus>& devices) {
  auto record_problem = [&](std::string problem) {
    std::lock_guard lock(mutex_);
    link_.problem = problem;
    return fail(ErrorCode::kUnavailable, std::move(problem));
  };
  if (url_.empty() || token_.empty()) return record_problem("设备助手尚未与业务系统配对（yichuang-agent pair）");

  boost::json::array list;
  for (const auto& d : devices) {
    list.push_back({{"device", d.device}, {"state", state_name(d.state)}, {"detail", d.detail}, {"model", d.model}});
  }
  std::string body = boost::json::serialize(boost::json::object{{"version", "0.1.0"}, {"devices", list}});

  CURL* curl = curl_easy_init();
  if (curl == nullptr) return record_problem("无法初始化网络连接");
  std::string answer, auth = "Authorization: Device " + token_;
  curl_slist* headers = curl_slist_append(nullptr, auth.c_str());
  headers = curl_slist_append(headers, "Content-Type: application/json");
  std::string endpoint = url_ + "/api/agent/heartbeat";
  curl_easy_setopt(curl, CURLOPT_URL, endpoint.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    return record_problem(fmt::format("无法连接业务系统 {}（{}）", url_, curl_easy_strerror(rc)));
  }
  if (status == 401) return record_problem("业务系统不认可本设备助手的配对令牌，请重新配对");
  if (status != 200) return record_problem(fmt::format("业务系统返回 HTTP {}", status));

  boost::system::error_code ec;
  auto v = boost::json::parse(answer, ec);
  if (ec || !v.is_object()) return record_problem("业务系统的应答无法解析");
  ServerLink l;
  try {
    const auto& o = v.as_object();
    l.paired = true;
    l.device_name = std::string(o.at("device").at("name").as_string());
    l.site_id = o.at("site").at("id").to_number<std::int64_t>();
    l.site_name = std::string(o.at("site").at("name").as_string());
    if (const auto* w = o.if_contains("window"); w != nullptr && w->is_object()) {
      l.window_id = w->at("id").to_number<std::int64_t>();
      l.window_no = std::string(w->at("no").as_string());
    }
  } catch (const std::exception&) {
    return record_problem("业务系统的应答缺少字段");
  }
  l.last_contact_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  std::lock_guard lock(mutex_);
  link_ = l;
  return l;
}

}  // namespace yc::agent
