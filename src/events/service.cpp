#include "events/service.hpp"

#include <unordered_set>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "platform/log.hpp"
#include "platform/metrics.hpp"
#include "platform/time.hpp"
#include "store/notify.hpp"

namespace yc::events {
namespace {

metrics::Counter& published_counter() {
  static auto& c = metrics::process().counter("yichuang_events_published_total",
                                              "Live events published (committed) on this node.");
  return c;
}

}  // namespace

// A stream and where it stands. While the replay of missed events runs, live
// events wait in `held`; afterwards they go straight out.
struct Service::Subscriber {
  std::shared_ptr<http::EventStream> stream;
  std::mutex mu;
  bool replaying = false;
  std::vector<Event> held;
  std::unordered_set<std::int64_t> replayed;

  // `frame` is sse_frame(e), made once for all the subscribers.
  void offer(const Event& e, const std::string& frame) {
    std::lock_guard lock(mu);
    if (replaying) {
      held.push_back(e);
      return;
    }
    stream->send(frame);
  }
};

struct Service::ListenerHandle {
  std::unique_ptr<store::PgListener> listener;
};

Service::Service(store::Database& db, std::string postgres_url, std::string node_id)
    : db_(db), postgres_url_(std::move(postgres_url)), node_id_(std::move(node_id)) {
  published_counter();  // registered now, so a scrape shows it from the start
}

Service::~Service() { stop(); }

Result<void> Service::start() {
  if (db_.engine() != store::Engine::kPostgres) return {};
  auto listener = store::PgListener::open(postgres_url_, kChannel);
  if (!listener) return Unexpected{listener.error()};
  listener_handle_ = std::make_unique<ListenerHandle>();
  listener_handle_->listener = std::move(listener).value();
  running_ = true;
  listener_ = std::thread([this] { listen_loop(); });
  return {};
}

void Service::stop() {
  if (!running_.exchange(false)) return;
  listener_handle_->listener->close();
  if (listener_.joinable()) listener_.join();
}

namespace {
Result<Event> read_event(store::Tx& tx, std::int64_t id) {
  auto row = YC_TRY(tx.one("SELECT id, topic, data, created_at FROM event_log WHERE id = $1", {id}));
  return Event{row.int64(0), row.text(1), row.text(2), row.int64(3)};
}
}  // namespace

void Service::listen_loop() {
  auto& listener = *listener_handle_->listener;
  while (running_) {
    auto got = listener.wait(1000);
    if (!got) {
      if (running_) {
        log::warn(fmt::format("event=listen_failed error=\"{}\"", got.error().message));
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
      }
      continue;
    }
    for (const auto& n : *got) {
      // The payload is the whole event when it fits in a NOTIFY; otherwise
      // just {"id":N} and the row is read back.
      boost::json::error_code ec;
      auto v = boost::json::parse(n.payload, ec);
      if (ec || !v.is_object()) continue;
      const auto& o = v.as_object();
      const auto* id = o.if_contains("id");
      if (id == nullptr || !id->is_int64()) continue;
      const auto* topic = o.if_contains("topic");
      const auto* data = o.if_contains("data");
      const auto* at = o.if_contains("at");
      if (topic != nullptr && topic->is_string() && data != nullptr && at != nullptr &&
          at->is_int64()) {
        deliver(Event{id->as_int64(), std::string(topic->as_string()), boost::json::serialize(*data),
                      at->as_int64()});
        continue;
      }
      auto e = db_.transact<Event>(store::TxMode::kRead,
                                   [&](store::Tx& tx) { return read_event(tx, id->as_int64()); });
      if (e) deliver(*e);
    }
  }
}

Result<Event> Service::publish(std::string_view topic, std::string data_json) {
  if (!valid_topic(topic))
    return fail(ErrorCode::kInvalidArgument, "主题名称只能包含小写字母、数字和 . _ -,长度 1 至 64",
                "topic");
  if (data_json.size() > kMaxEventBytes)
    return fail(ErrorCode::kPayloadTooLarge,
                fmt::format("事件内容不能超过 {} 字节", kMaxEventBytes));
  Event e{0, std::string(topic), std::move(data_json), time::now_ms()};
  const bool postgres = db_.engine() == store::Engine::kPostgres;
  auto stored = db_.transact<Event>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Event> {
    auto row = YC_TRY(tx.one(
        "INSERT INTO event_log (topic, data, created_at, origin_node) VALUES ($1, $2, $3, $4) "
        "RETURNING id",
        {e.topic, e.data, e.at_ms, node_id_}));
    Event out = e;
    out.id = row.int64(0);
    if (postgres) {
      // NOTIFY payloads are limited to 8000 bytes.
      std::string payload = fmt::format(R"({{"id":{},"topic":"{}","at":{},"data":{}}})", out.id,
                                        out.topic, out.at_ms, out.data);
      if (payload.size() > 7900) payload = fmt::format(R"({{"id":{}}})", out.id);
      YC_TRY_VOID(tx.query("SELECT pg_notify($1, $2)", {std::string(kChannel), payload}));
    }
    return out;
  });
  if (!stored) return stored;
  published_counter().inc();
  if (!postgres) deliver(*stored);
  return stored;
}

void Service::deliver(const Event& e) {
  std::vector<std::shared_ptr<Subscriber>> targets;
  {
    std::lock_guard lock(mu_);
    auto [lo, hi] = by_topic_.equal_range(e.topic);
    for (auto it = lo; it != hi; ++it) targets.push_back(it->second);
  }
  if (targets.empty()) return;
  const auto frame = sse_frame(e);
  for (auto& s : targets) s->offer(e, frame);
}

Result<void> Service::attach(std::shared_ptr<http::EventStream> stream,
                             std::vector<std::string> topics,
                             std::optional<std::int64_t> last_event_id, std::optional<std::int64_t> since_ms) {
  auto sub = std::make_shared<Subscriber>();
  sub->stream = stream;
  sub->replaying = last_event_id.has_value() || since_ms.has_value();
  stream->send("retry: 3000\n: connected\n\n");
  {
    std::lock_guard lock(mu_);
    for (const auto& t : topics) by_topic_.emplace(t, sub);
  }
  std::weak_ptr<Subscriber> weak = sub;
  stream->on_close([this, weak] {
    auto s = weak.lock();
    if (!s) return;
    std::lock_guard lock(mu_);
    for (auto it = by_topic_.begin(); it != by_topic_.end();)
      it = it->second == s ? by_topic_.erase(it) : std::next(it);
  });
  if (!last_event_id && !since_ms) return {};

  // Replay from the log: topics are bound as parameters $2..$n.
  std::string sql = fmt::format("SELECT id, topic, data, created_at FROM event_log WHERE {} AND topic IN (",
                                last_event_id ? "id > $1" : "created_at >= $1");
  std::vector<store::Param> params{last_event_id ? *last_event_id : *since_ms};
  for (std::size_t i = 0; i < topics.size(); ++i) {
    sql += fmt::format("{}${}", i == 0 ? "" : ", ", i + 2);
    params.emplace_back(topics[i]);
  }
  sql += fmt::format(") ORDER BY id LIMIT {}", kReplayLimit);
  auto missed = db_.transact<std::vector<Event>>(
      store::TxMode::kRead, [&](store::Tx& tx) -> Result<std::vector<Event>> {
        auto rows = YC_TRY(tx.query(sql, params));
        std::vector<Event> out;
        for (const auto& r : rows.rows) out.push_back({r.int64(0), r.text(1), r.text(2), r.int64(3)});
        return out;
      });
  std::lock_guard lock(sub->mu);
  if (missed) {
    for (const auto& e : *missed) {
      sub->replayed.insert(e.id);
      stream->send(sse_frame(e));
    }
  }
  for (const auto& e : sub->held)
    if (!sub->replayed.count(e.id)) stream->send(sse_frame(e));
  sub->held.clear();
  sub->replayed.clear();
  sub->replaying = false;
  if (!missed) return Unexpected{missed.error()};
  return {};
}

Result<std::int64_t> Service::prune(std::int64_t older_than_ms) {
  return db_.transact<std::int64_t>(store::TxMode::kWrite, [&](store::Tx& tx) {
    return tx.exec("DELETE FROM event_log WHERE created_at < $1", {older_than_ms});
  });
}

std::size_t Service::subscriber_count() const {
  std::lock_guard lock(mu_);
  std::unordered_set<const Subscriber*> unique;
  for (const auto& [t, s] : by_topic_) unique.insert(s.get());
  return unique.size();
}

}  // namespace yc::events
