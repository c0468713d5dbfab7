#pragma once
// Reading JSON request bodies the one way: Content-Type must be
// application/json, the body must be UTF-8 and well-formed JSON. Errors carry
// the stable codes INVALID_JSON / UNSUPPORTED_MEDIA_TYPE.

#include <boost/json/value.hpp>

#include "platform/http/http.hpp"
#include "platform/result.hpp"

namespace yc::http {

Result<boost::json::value> parse_json_body(const Request& request);

// Serializes a JSON value into a response with the given status.
Response json_response(int status, const boost::json::value& body);

}  // namespace yc::http
