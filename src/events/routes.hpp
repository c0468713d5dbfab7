#pragma once
#include "events/service.hpp"
#include "platform/http/http.hpp"

namespace yc::events {

// GET /api/events?topics=a,b  (Server-Sent Events, Last-Event-ID resume)
// POST /api/events/:topic     (publish; Authorization: Bearer <events.publish_token>)
void add_routes(http::Router& router, Service& service, std::string publish_token);

}  // namespace yc::events
