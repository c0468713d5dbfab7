#include <gtest/gtest.h>

#include "events/model.hpp"

namespace yc::events {
namespace {

TEST(Topics, NamesAreLowercaseDottedAndBounded) {
  EXPECT_TRUE(valid_topic("system"));
  EXPECT_TRUE(valid_topic("hall.110105001.queue"));
  EXPECT_TRUE(valid_topic("a-b_c.1"));
  EXPECT_FALSE(valid_topic(""));
  EXPECT_FALSE(valid_topic(".hidden"));
  EXPECT_FALSE(valid_topic("Hall"));
  EXPECT_FALSE(valid_topic("a b"));
  EXPECT_FALSE(valid_topic("大厅"));
  EXPECT_FALSE(valid_topic(std::string(65, 'a')));
  EXPECT_TRUE(valid_topic(std::string(64, 'a')));
}

TEST(Topics, ParsesAListWithoutDuplicates) {
  auto t = parse_topics("system,hall.1,system");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, (std::vector<std::string>{"system", "hall.1"}));
  EXPECT_EQ(parse_topics("").error().field, "topics");
  EXPECT_FALSE(parse_topics("a,,b"));
  EXPECT_FALSE(parse_topics("a,"));
  std::string many;
  for (int i = 0; i < 33; ++i) many += (i ? ",t" : "t") + std::to_string(i);
  EXPECT_FALSE(parse_topics(many));
}

TEST(Frames, OneDataLinePerEventWithItsId) {
  Event e{42, "hall.1", R"({"called":"A001"})", 1764036000123};
  EXPECT_EQ(sse_frame(e),
            "id: 42\ndata: {\"id\":42,\"topic\":\"hall.1\",\"at\":\"2025-11-25T02:00:00.123Z\","
            "\"data\":{\"called\":\"A001\"}}\n\n");
}

TEST(Frames, LastEventIdIsANonNegativeNumber) {
  EXPECT_EQ(parse_last_event_id("17"), 17);
  EXPECT_EQ(parse_last_event_id(" 17 "), 17);
  EXPECT_FALSE(parse_last_event_id(""));
  EXPECT_FALSE(parse_last_event_id("-1"));
  EXPECT_FALSE(parse_last_event_id("1a"));
}

}  // namespace
}  // namespace yc::events
