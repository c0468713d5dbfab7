#pragma once
// The one error vocabulary of yichuang (STYLE.md §4). Every failure that
// reaches a client is an Error with a stable code; the HTTP layer maps the
// code to a status in exactly one function (http::status_for).

#include <string>
#include <string_view>

namespace yc {

// Stable wire codes. Adding one forces a decision in http::status_for,
// which switches over this enum without a default.
enum class ErrorCode {
  kInvalidJson,           // body is not well-formed JSON (or not UTF-8)
  kInvalidArgument,       // a field is missing or has a bad value
  kUnsupportedMediaType,  // wrong Content-Type for a JSON endpoint
  kPayloadTooLarge,       // body over the configured limit
  kNotFound,              // no such route or object
  kMethodNotAllowed,      // route exists, method does not
  kUnauthenticated,       // no or bad credentials
  kForbidden,             // authenticated but not allowed
  kCsrfRejected,          // unsafe method without the session's CSRF token
  kStepRequired,          // the session must finish TOTP or a password change first
  kRateLimited,           // too many requests from this address or client: retry later
  kConflict,              // unique key already taken, state does not allow
  kVersionConflict,       // optimistic version mismatch: re-read and retry
  kUnprocessable,         // well-formed but semantically refused
  kUnavailable,           // database unreachable, busy, shutting down
  kReadOnly,              // storage is read-only: reads work, writes refused
  kStorageFull,           // disk full: the write was not stored
  kDeviceAbsent,          // a window device (reader, scanner, printer) is not there
  kNoCard,                // the reader has no card on it
  kDeviceFailed,          // the device is there but the operation failed
  kInternal,              // a bug or an unexpected failure
};

// The code as it appears on the wire, e.g. "INVALID_ARGUMENT".
std::string_view code_name(ErrorCode code);

// The default Chinese message for people when the raising site has none.
std::string_view default_message(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // Chinese, for people; never contains personal data
  std::string field;    // JSON path of the field at fault, or empty
  int retry_after_s = 0;  // kRateLimited: the Retry-After header (0 = the default)

  static Error make(ErrorCode code, std::string message = {},
                    std::string field = {});
};

}  // namespace yc
