#include "notify/notify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include <boost/json.hpp>

#include "platform/http/client.hpp"
#include "platform/log.hpp"
#include "privacy/model.hpp"

namespace yc::notify {
namespace {

namespace json = boost::json;

// Sealed as the case's applicant phone (cases/service.cpp seal_party).
constexpr const char* kPhoneContext = "case.applicant.phone";
constexpr std::int64_t kBackoffMs[] = {60'000, 300'000, 1'800'000, 7'200'000};
constexpr int kMaxAttempts = 5;

class LoggingSender final : public SmsSender {
 public:
  std::string_view name() const override { return "log"; }
  Result<std::string> send(const Sms& sms) override {
    log::info(fmt::format("sms (development, not sent) to {}: {}", privacy::mask_phone(sms.phone), sms.text));
    return "log-" + sms.ref;
  }
};

class HttpSender final : public SmsSender {
 public:
  HttpSender(std::string url, std::string key, std::string sign)
      : url_(std::move(url)), key_(std::move(key)), sign_(std::move(sign)) {}
  std::string_view name() const override { return "http"; }
  Result<std::string> send(const Sms& sms) override {
    http::Call call{"POST", url_,
                    {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + key_}},
                    json::serialize(json::object{{"phone", sms.phone}, {"text", sms.text}, {"ref", sms.ref}, {"sign", sign_}})};
    auto a = YC_TRY(http::curl_fetch(call));
    if (a.status >= 200 && a.status < 300) {
      boost::system::error_code ec;
      auto v = json::parse(a.body, ec);
      if (!ec && v.is_object())
        if (const auto* id = v.as_object().if_contains("id"); id && id->is_string()) return std::string(id->as_string());
      return std::string();
    }
    if (a.status >= 400 && a.status < 500)
      return fail(ErrorCode::kUnprocessable, fmt::format("短信网关拒绝 (HTTP {})", a.status));
    return fail(ErrorCode::kUnavailable, fmt::format("短信网关暂时不可用 (HTTP {})", a.status));
  }

 private:
  std::string url_, key_, sign_;
};

struct Text {
  std::string title, body;
};

Text text_of(const CaseNote& n) {
  if (n.kind == "case.submitted")
    return {"已收到申请", fmt::format("您在网上提交的“{}”申请已收到(办件编号 {}),窗口预审后会通知您。", n.item_name,
                                      n.case_no)};
  if (n.kind == "case.rejected")
    return {"不予受理", fmt::format("您申请的“{}”(办件编号 {})不予受理:{}。", n.item_name, n.case_no, n.detail)};
  if (n.kind == "case.accepted")
    return {"已受理", fmt::format("您申请的“{}”(办件编号 {})已受理{}。", n.item_name, n.case_no,
                                  n.detail.empty() ? "" : "," + n.detail)};
  if (n.kind == "case.notice")
    return {"需补齐材料", fmt::format("您申请的“{}”(办件编号 {})材料不全,请按一次性告知书补齐后再办理。{}", n.item_name,
                                      n.case_no, n.detail)};
  if (n.kind == "case.returned")
    return {"需补正材料", fmt::format("您申请的“{}”(办件编号 {})需要补正:{}。补正期间不计办理时限。", n.item_name,
                                      n.case_no, n.detail)};
  if (n.kind == "case.ready")
    return {"已办结", fmt::format("您申请的“{}”(办件编号 {})已办结{},请查看结果。", n.item_name, n.case_no,
                                  n.detail.empty() ? "" : "(" + n.detail + ")")};
  if (n.kind == "case.delivered")
    return {"已出件", fmt::format("您申请的“{}”(办件编号 {})已出件:{}。欢迎对本次服务进行评价。", n.item_name, n.case_no,
                                  n.detail)};
  return {"办件动态", fmt::format("您申请的“{}”(办件编号 {})有新的进展。", n.item_name, n.case_no)};
}

}  // namespace

std::unique_ptr<SmsSender> logging_sender() { return std::make_unique<LoggingSender>(); }

std::unique_ptr<SmsSender> http_sender(std::string url, std::string key, std::string sign) {
  return std::make_unique<HttpSender>(std::move(url), std::move(key), std::move(sign));
}

Result<std::unique_ptr<SmsSender>> sender_from(const SmsConfig& c) {
  if (c.sender == "off") return std::unique_ptr<SmsSender>();
  if (c.sender == "log") return logging_sender();
  if (c.sender == "http") {
    if (!http::allowed_peer_url(c.url)) return fail(ErrorCode::kInvalidArgument, "sms.url 须为 https 地址", "sms.url");
    return http_sender(c.url, c.key, c.sign);
  }
  return fail(ErrorCode::kInvalidArgument, "sms.sender 须为 log、http 或 off", "sms.sender");
}

Result<void> enqueue_case(store::Tx& tx, const CaseNote& n, std::int64_t now) {
  if (n.id_hash.empty()) return {};
  const auto t = text_of(n);
  const bool sms = !n.phone_sealed.empty();
  YC_TRY_VOID(tx.exec(
      "INSERT INTO notification (kind, case_no, id_hash, title, body, link, phone_sealed, sms_state, sms_next_at, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      {n.kind, n.case_no, n.id_hash, t.title, t.body,
       n.progress_token.empty() ? std::string() : "/progress/" + n.case_no + "?t=" + n.progress_token, n.phone_sealed,
       std::string(sms ? "pending" : "none"), sms ? store::Param(now) : store::null_param(), now}));
  return {};
}

Result<std::vector<Notification>> of_applicant(store::Tx& tx, const std::string& id_hash, int limit) {
  auto rows = YC_TRY(tx.query("SELECT id, kind, case_no, title, body, link, sms_state, created_at, read_at FROM notification "
                              "WHERE id_hash = $1 ORDER BY id DESC LIMIT $2",
                              {id_hash, static_cast<std::int64_t>(std::clamp(limit, 1, 200))}));
  std::vector<Notification> out;
  for (const auto& r : rows.rows)
    out.push_back(Notification{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.int64(7),
                               r.opt_int64(8)});
  return out;
}

Result<int> mark_read(store::Tx& tx, const std::string& id_hash, std::int64_t up_to_id, std::int64_t now) {
  auto n = YC_TRY(tx.exec("UPDATE notification SET read_at = $1 WHERE id_hash = $2 AND id <= $3 AND read_at IS NULL",
                          {now, id_hash, up_to_id}));
  return static_cast<int>(n);
}

Result<int> dispatch(store::Database& db, const privacy::KeyRing& keys, SmsSender* sender, std::int64_t now, int batch) {
  if (sender == nullptr) return 0;
  struct Due {
    std::int64_t id;
    std::string phone_sealed, body;
    int attempts;
  };
  auto due = YC_TRY(db.transact<std::vector<Due>>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::vector<Due>> {
    auto rows = YC_TRY(tx.query("SELECT id, phone_sealed, body, sms_attempts FROM notification WHERE sms_state = 'pending' "
                                "AND sms_next_at <= $1 ORDER BY sms_next_at, id LIMIT $2",
                                {now, static_cast<std::int64_t>(batch)}));
    std::vector<Due> out;
    for (const auto& r : rows.rows) out.push_back(Due{r.int64(0), r.text(1), r.text(2), static_cast<int>(r.int64(3))});
    return out;
  }));
  int sent = 0;
  for (const auto& d : due) {
    // Claimed first (several nodes dispatch): only the node that moves
    // sms_next_at on sends it; a crash after this waits for the retry.
    const auto attempts = d.attempts + 1;
    const auto retry_at = now + kBackoffMs[std::min<std::size_t>(static_cast<std::size_t>(d.attempts), std::size(kBackoffMs) - 1)];
    auto claimed = YC_TRY(db.transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<std::int64_t> {
      return tx.exec("UPDATE notification SET sms_attempts = $1, sms_next_at = $2 WHERE id = $3 AND sms_state = 'pending' "
                     "AND sms_attempts = $4",
                     {static_cast<std::int64_t>(attempts), retry_at, d.id, static_cast<std::int64_t>(d.attempts)});
    }));
    if (claimed != 1) continue;
    Result<std::string> result = fail(ErrorCode::kInternal, "手机号无法解密");
    if (auto phone = keys.decrypt(d.phone_sealed, kPhoneContext)) result = sender->send(Sms{*phone, d.body, std::to_string(d.id)});
    YC_TRY_VOID(db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
      if (result) {
        ++sent;
        YC_TRY_VOID(tx.exec("UPDATE notification SET sms_state = 'sent', sms_ref = $1, sms_sent_at = $2, sms_error = '' "
                            "WHERE id = $3",
                            {result->substr(0, 100), now, d.id}));
        return {};
      }
      const bool give_up = attempts >= kMaxAttempts || result.error().code != ErrorCode::kUnavailable;
      YC_TRY_VOID(tx.exec("UPDATE notification SET sms_state = $1, sms_error = $2 WHERE id = $3",
                          {std::string(give_up ? "dead" : "pending"), result.error().message.substr(0, 200), d.id}));
      return {};
    }));
  }
  return sent;
}

}  // namespace yc::notify
