#pragma once
// Idempotency-Key (issue 6, item 11): a creating POST retried with the same
// key gets the first answer; the same key with another request is refused.
// The key and the answer are stored in the same transaction as the effect,
// so a crash either keeps both or neither: a retry never doubles a case.

#include <functional>

#include "identity/service.hpp"
#include "platform/http/http.hpp"
#include "platform/result.hpp"
#include "store/database.hpp"

namespace yc::identity {

// Runs `write` in one write transaction. With the request's Idempotency-Key
// (1-100 printable ASCII characters) a stored answer is replayed (header
// Idempotent-Replayed: true); another method, path or body under the same
// key is 422 (field Idempotency-Key). Without a key: 400 when `required`,
// else the write simply runs. Only 2xx answers are stored.
Result<http::Response> idempotent(store::Database& db, const http::Request& r, const Principal& p, bool required,
                                  const std::function<Result<http::Response>(store::Tx&)>& write);

// Forgets keys older than `before` (epoch ms); returns how many.
Result<std::int64_t> prune_idempotency_keys(store::Database& db, std::int64_t before);

}  // namespace yc::identity
