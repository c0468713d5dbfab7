#pragma once
// Live events (issue 3, DESIGN.md "Live screens"): publish -> event_log row ->
// every node's subscribers. With SQLite the fan-out is in-process after the
// commit; with PostgreSQL the publishing transaction also NOTIFYs, and each
// node's listener thread fans out what arrives, so a publish on node A
// reaches a stream held by node B. Last-Event-ID resume replays from
// event_log.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "events/model.hpp"
#include "platform/http/http.hpp"
#include "platform/result.hpp"
#include "store/database.hpp"

namespace yc::events {

inline constexpr const char* kChannel = "yichuang_events";
inline constexpr int kReplayLimit = 1000;

class Service {
 public:
  Service(store::Database& db, std::string postgres_url, std::string node_id);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Starts the PostgreSQL listener thread (no-op with SQLite).
  Result<void> start();
  // Stops the listener; streams are closed by the HTTP server.
  void stop();

  // Publishes one event in its own transaction. data_json must be valid JSON.
  Result<Event> publish(std::string_view topic, std::string data_json);

  // Attaches a stream to topics; with last_event_id, first replays what it
  // missed (at most kReplayLimit events, oldest first). Without it, events
  // created at or after since_ms are replayed: the stream's headers go out
  // before it is attached, so an event published in between is not lost.
  Result<void> attach(std::shared_ptr<http::EventStream> stream, std::vector<std::string> topics,
                      std::optional<std::int64_t> last_event_id, std::optional<std::int64_t> since_ms = {});

  // Deletes events older than the cutoff; returns how many.
  Result<std::int64_t> prune(std::int64_t older_than_ms);

  std::size_t subscriber_count() const;

 private:
  struct Subscriber;
  void deliver(const Event& e);
  void listen_loop();

  store::Database& db_;
  std::string postgres_url_;
  std::string node_id_;
  mutable std::mutex mu_;
  std::multimap<std::string, std::shared_ptr<Subscriber>> by_topic_;
  std::atomic<bool> running_{false};
  std::thread listener_;
  struct ListenerHandle;
  std::unique_ptr<ListenerHandle> listener_handle_;
};

}  // namespace yc::events
