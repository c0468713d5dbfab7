// libFuzzer target for the JSON request mapping (issue 13, item 4): any body
// a client sends goes through JsonObject (Boost.JSON with its depth limit,
// strict UTF-8) and the typed field readers every route uses; none may crash,
// loop or read out of bounds, and an error always names a field or the body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "platform/http/json_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  yc::http::Request r;
  r.method = yc::http::Method::kPost;
  r.path = "/api/fuzz";
  r.body.assign(reinterpret_cast<const char*>(data), size);
  r.headers.emplace_back("content-type", "application/json");
  auto body = yc::http::JsonObject::parse(r);
  if (!body) return 0;
  // The field names the routes read, each through every reader.
  for (const char* key : {"name", "id_number", "version", "skills", "needs", "note", "status", "day"}) {
    if (auto t = body->text(key, 50); !t && t.error().field.empty()) std::abort();
    (void)body->opt_text(key, 2000);
    (void)body->integer(key);
    (void)body->opt_integer(key);
    (void)body->opt_bool(key);
    (void)body->opt_number(key);
    (void)body->raw(key);
  }
  return 0;
}
