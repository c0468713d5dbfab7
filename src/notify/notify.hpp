#pragma once
// Telling applicants what happened to their case (issue 11, item 4): a
// notification row in the transaction of the step (the portal's 消息), and an
// SMS through a pluggable sender, sent after commit by `dispatch`.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/config.hpp"
#include "platform/result.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::notify {

// --- Senders ---------------------------------------------------------------------------------

struct Sms {
  std::string phone;  // the full number: only ever held in memory for the send
  std::string text;
  std::string ref;    // our notification id, for the gateway's de-duplication
};

class SmsSender {
 public:
  virtual ~SmsSender() = default;
  virtual std::string_view name() const = 0;
  // The gateway's message id on success; kUnavailable to retry later.
  virtual Result<std::string> send(const Sms& sms) = 0;
};

// Development: writes one log line per message with the number masked.
std::unique_ptr<SmsSender> logging_sender();
// An HTTP gateway: POST {phone, text, ref, sign} as JSON to `url` with
// `Authorization: Bearer <key>`; 2xx is sent (the body's "id", if any, is the
// message id), 4xx is refused (not retried), anything else is retried.
std::unique_ptr<SmsSender> http_sender(std::string url, std::string key, std::string sign);
// From [sms]: sender = "log" | "http" | "off" (nullptr).
Result<std::unique_ptr<SmsSender>> sender_from(const SmsConfig& config);

// --- Notifications -----------------------------------------------------------------------------

struct CaseNote {
  std::string kind;    // case.submitted | case.accepted | case.notice | case.rejected | case.returned | case.ready | case.delivered
  std::string case_no, item_name, id_hash, progress_token, phone_sealed;
  std::string detail;  // e.g. the due day, what to bring, how it was delivered; no personal data
};

// The row for the applicant, in the caller's transaction; an SMS is queued
// when the case has a phone.
Result<void> enqueue_case(store::Tx& tx, const CaseNote& note, std::int64_t now);

struct Notification {
  std::int64_t id = 0;
  std::string kind, case_no, title, body, link, sms_state;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> read_at;
};
Result<std::vector<Notification>> of_applicant(store::Tx& tx, const std::string& id_hash, int limit);
Result<int> mark_read(store::Tx& tx, const std::string& id_hash, std::int64_t up_to_id, std::int64_t now);

// Sends what is due (at most `batch`); returns how many were sent. Failures
// wait 1 min, 5 min, 30 min, 2 h; the fifth failure is dead. Without a
// sender, queued messages stay queued.
Result<int> dispatch(store::Database& db, const privacy::KeyRing& keys, SmsSender* sender, std::int64_t now,
                     int batch = 50);

}  // namespace yc::notify
