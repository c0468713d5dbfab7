#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>
#include <thread>

#include "events/service.hpp"
#include "platform/time.hpp"
#include "store/migrate.hpp"
#include "store/migrations.hpp"

namespace yc::events {
namespace {

// An in-memory EventStream that records what it was sent.
class RecordingStream : public http::EventStream {
 public:
  bool send(std::string frame) override {
    std::lock_guard lock(mu_);
    if (closed_) return false;
    frames_.push_back(std::move(frame));
    return true;
  }
  void close() override {
    std::vector<std::function<void()>> cbs;
    {
      std::lock_guard lock(mu_);
      if (closed_) return;
      closed_ = true;
      cbs.swap(on_close_);
    }
    for (auto& f : cbs) f();
  }
  bool closed() const override {
    std::lock_guard lock(mu_);
    return closed_;
  }
  void on_close(std::function<void()> fn) override {
    std::lock_guard lock(mu_);
    on_close_.push_back(std::move(fn));
  }
  std::vector<std::string> data_frames() const {
    std::lock_guard lock(mu_);
    std::vector<std::string> out;
    for (const auto& f : frames_)
      if (f.rfind("id: ", 0) == 0) out.push_back(f);
    return out;
  }

 private:
  mutable std::mutex mu_;
  bool closed_ = false;
  std::vector<std::string> frames_;
  std::vector<std::function<void()>> on_close_;
};

class EventServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("yc-events-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    store::Options o;
    o.engine = store::Engine::kSqlite;
    o.sqlite_path = (dir_ / "t.db").string();
    db_ = store::Database::open(o).value();
    ASSERT_TRUE(store::migrate(*db_, store::builtin_migrations()));
    service_ = std::make_unique<Service>(*db_, "", "test-node");
  }
  void TearDown() override {
    service_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Service> service_;
};

TEST_F(EventServiceTest, PublishReachesOnlyStreamsOfThatTopic) {
  auto hall = std::make_shared<RecordingStream>();
  auto other = std::make_shared<RecordingStream>();
  ASSERT_TRUE(service_->attach(hall, {"hall.1"}, std::nullopt));
  ASSERT_TRUE(service_->attach(other, {"hall.2"}, std::nullopt));
  auto e = service_->publish("hall.1", R"({"called":"A001"})");
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_GT(e->id, 0);
  ASSERT_EQ(hall->data_frames().size(), 1u);
  EXPECT_NE(hall->data_frames()[0].find("A001"), std::string::npos);
  EXPECT_TRUE(other->data_frames().empty());
}

TEST_F(EventServiceTest, ResumeReplaysMissedEventsInOrderThenLive) {
  auto first = service_->publish("hall.1", "1").value();
  auto second = service_->publish("hall.1", "2").value();
  service_->publish("hall.2", "3").value();
  auto third = service_->publish("hall.1", "4").value();
  auto s = std::make_shared<RecordingStream>();
  ASSERT_TRUE(service_->attach(s, {"hall.1"}, first.id));
  auto live = service_->publish("hall.1", "5").value();
  auto frames = s->data_frames();
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0].rfind("id: " + std::to_string(second.id) + "\n", 0), 0u);
  EXPECT_EQ(frames[1].rfind("id: " + std::to_string(third.id) + "\n", 0), 0u);
  EXPECT_EQ(frames[2].rfind("id: " + std::to_string(live.id) + "\n", 0), 0u);
}

// The headers of a new stream go out before it is attached: an event
// published in between is replayed from the request's arrival, once.
TEST_F(EventServiceTest, ANewStreamGetsWhatWasPublishedSinceItsRequestArrived) {
  service_->publish("hall.1", "0").value();
  std::this_thread::sleep_for(std::chrono::milliseconds(3));  // a different millisecond
  const auto arrived = time::now_ms();
  auto between = service_->publish("hall.1", "1").value();
  auto s = std::make_shared<RecordingStream>();
  ASSERT_TRUE(service_->attach(s, {"hall.1"}, std::nullopt, arrived));
  auto live = service_->publish("hall.1", "2").value();
  auto frames = s->data_frames();
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].rfind("id: " + std::to_string(between.id) + "\n", 0), 0u);
  EXPECT_EQ(frames[1].rfind("id: " + std::to_string(live.id) + "\n", 0), 0u);
}

TEST_F(EventServiceTest, ClosedStreamsAreForgotten) {
  auto s = std::make_shared<RecordingStream>();
  ASSERT_TRUE(service_->attach(s, {"a", "b"}, std::nullopt));
  EXPECT_EQ(service_->subscriber_count(), 1u);
  s->close();
  EXPECT_EQ(service_->subscriber_count(), 0u);
}

TEST_F(EventServiceTest, RejectsBadTopicsAndOversizeEventsAndStoresNothing) {
  EXPECT_EQ(service_->publish("Bad Topic", "{}").error().field, "topic");
  EXPECT_EQ(service_->publish("ok", std::string(kMaxEventBytes + 1, '1')).error().code,
            ErrorCode::kPayloadTooLarge);
  auto n = db_->transact<std::int64_t>(store::TxMode::kRead, [](store::Tx& tx) -> Result<std::int64_t> {
    auto row = YC_TRY(tx.one("SELECT COUNT(*) FROM event_log"));
    return row.int64(0);
  });
  EXPECT_EQ(*n, 0);
}

TEST_F(EventServiceTest, PruneDeletesOnlyOldEvents) {
  service_->publish("a", "1").value();
  EXPECT_EQ(*service_->prune(0), 0);
  EXPECT_EQ(*service_->prune(std::int64_t{1} << 62), 1);
}

}  // namespace
}  // namespace yc::events
