#include "events/routes.hpp"

#include <boost/json/serialize.hpp>
#include <openssl/crypto.h>

#include "platform/http/json_body.hpp"

namespace yc::events {
namespace {

bool token_ok(const http::Request& r, const std::string& token) {
  auto auth = r.header("authorization");
  if (!auth || auth->substr(0, 7) != "Bearer ") return false;
  auto given = auth->substr(7);
  return given.size() == token.size() &&
         CRYPTO_memcmp(given.data(), token.data(), token.size()) == 0;
}

}  // namespace

void add_routes(http::Router& router, Service& service, std::string publish_token) {
  router.add_stream(
      "/api/events",
      [](const http::Request& r) -> std::optional<Error> {
        auto topics = parse_topics(r.query("topics").value_or(""));
        if (!topics) return topics.error();
        return std::nullopt;
      },
      [&service](const http::Request& r, std::shared_ptr<http::EventStream> stream) {
        auto topics = parse_topics(r.query("topics").value_or("")).value();
        std::optional<std::int64_t> last;
        if (auto h = r.header("last-event-id")) last = parse_last_event_id(*h);
        // A client that cannot send headers may resume with ?last_event_id=.
        if (!last) last = parse_last_event_id(r.query("last_event_id").value_or(""));
        // A new stream also gets what was published since its request arrived.
        (void)service.attach(std::move(stream), std::move(topics), last,
                             last ? std::nullopt : std::optional<std::int64_t>(r.received_at_ms));
      });

  router.add(http::Method::kPost, "/api/events/:topic",
             [&service, publish_token](const http::Request& r) -> http::Response {
               if (publish_token.empty())
                 return http::error_response(
                     Error::make(ErrorCode::kForbidden, "事件发布接口未启用"), r.request_id);
               if (!token_ok(r, publish_token))
                 return http::error_response(
                     Error::make(ErrorCode::kUnauthenticated, "发布令牌无效"), r.request_id);
               auto body = http::parse_json_body(r);
               if (!body) return http::error_response(body.error(), r.request_id);
               auto e = service.publish(r.param("topic"), boost::json::serialize(*body));
               if (!e) return http::error_response(e.error(), r.request_id);
               return http::json_response(202, boost::json::value{{"id", e->id}});
             });
}

}  // namespace yc::events
