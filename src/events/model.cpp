#include "events/model.hpp"

#include <charconv>

#include <fmt/format.h>

#include "platform/time.hpp"

namespace yc::events {

bool valid_topic(std::string_view t) {
  if (t.empty() || t.size() > 64) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(t[0])) return false;
  for (char c : t)
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

Result<std::vector<std::string>> parse_topics(std::string_view csv) {
  std::vector<std::string> out;
  if (csv.empty()) return fail(ErrorCode::kInvalidArgument, "请指定要订阅的主题", "topics");
  std::size_t i = 0;
  while (i <= csv.size()) {
    auto comma = csv.find(',', i);
    std::string_view t = csv.substr(i, comma == std::string_view::npos ? std::string_view::npos
                                                                        : comma - i);
    if (!valid_topic(t))
      return fail(ErrorCode::kInvalidArgument,
                  "主题名称只能包含小写字母、数字和 . _ -,长度 1 至 64", "topics");
    bool seen = false;
    for (const auto& o : out) seen = seen || o == t;
    if (!seen) out.emplace_back(t);
    if (comma == std::string_view::npos) break;
    i = comma + 1;
  }
  if (out.size() > kMaxTopicsPerStream)
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("一次最多订阅 {} 个主题", kMaxTopicsPerStream), "topics");
  return out;
}

std::string to_json(const Event& e) {
  // topic is validated (no characters that need escaping); data is JSON.
  return fmt::format(R"({{"id":{},"topic":"{}","at":"{}","data":{}}})", e.id, e.topic,
                     time::format_utc(e.at_ms), e.data);
}

std::string sse_frame(const Event& e) {
  // Serialized JSON never contains a raw newline, so one data: line holds it.
  return fmt::format("id: {}\ndata: {}\n\n", e.id, to_json(e));
}

std::optional<std::int64_t> parse_last_event_id(std::string_view v) {
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  if (v.empty()) return std::nullopt;
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
  if (ec != std::errc() || p != v.data() + v.size() || id < 0) return std::nullopt;
  return id;
}

}  // namespace yc::events
