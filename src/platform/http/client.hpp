#pragma once
// Outgoing HTTP (libcurl) for the peers the server calls itself: the city's
// identity provider, an SMS gateway. https only, except http to 127.0.0.1 or
// localhost (a relay on the same host, tests); no redirects; 10 s; answers
// over 1 MiB are refused.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "platform/result.hpp"

namespace yc::http {

struct Call {
  std::string method = "GET";  // GET | POST
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};
struct Answer {
  long status = 0;
  std::string body;
};
using Fetch = std::function<Result<Answer>(const Call&)>;

bool allowed_peer_url(const std::string& url);
// kUnavailable when the peer cannot be reached (retry later).
Result<Answer> curl_fetch(const Call& call);

}  // namespace yc::http
