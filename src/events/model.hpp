#pragma once
// Live events: pure rules (topic names, the SSE wire format). No I/O.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace yc::events {

struct Event {
  std::int64_t id = 0;
  std::string topic;
  std::string data;      // serialized JSON value
  std::int64_t at_ms = 0;
};

inline constexpr std::size_t kMaxTopicsPerStream = 32;
inline constexpr std::size_t kMaxEventBytes = 64 * 1024;

// Topics look like "system" or "hall.110105001.queue": 1..64 characters of
// a-z 0-9 . _ -, starting with a letter or digit.
bool valid_topic(std::string_view topic);

// "a,b,c" -> {"a","b","c"}, de-duplicated, in order. field names the query
// parameter for the error.
Result<std::vector<std::string>> parse_topics(std::string_view csv);

// The event as the JSON object clients receive:
// {"id":12,"topic":"system","at":"2026-11-25T02:00:00.123Z","data":{...}}
std::string to_json(const Event& e);

// One SSE message: "id: 12\ndata: <to_json>\n\n".
std::string sse_frame(const Event& e);

// Last-Event-ID header value -> id; nullopt when absent or not a number.
std::optional<std::int64_t> parse_last_event_id(std::string_view value);

}  // namespace yc::events
