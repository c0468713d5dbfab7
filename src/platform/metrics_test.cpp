#include "platform/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace yc::metrics {
namespace {

bool has_line(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

TEST(Metrics, CountersAndGaugesRenderWithHelpTypeAndLabels) {
  Registry r;
  auto& get = r.counter("t_requests_total", "Requests.", {{"method", "GET"}, {"status", "2xx"}});
  r.counter("t_requests_total", "Requests.", {{"method", "POST"}, {"status", "5xx"}}).inc(2);
  get.inc();
  get.inc();
  get.inc();
  auto& g = r.gauge("t_streams", "Open streams.");
  g.add(5);
  g.add(-2);
  std::string out;
  r.render(out);
  EXPECT_TRUE(has_line(out, "# HELP t_requests_total Requests.")) << out;
  EXPECT_TRUE(has_line(out, "# TYPE t_requests_total counter")) << out;
  EXPECT_TRUE(has_line(out, "t_requests_total{method=\"GET\",status=\"2xx\"} 3")) << out;
  EXPECT_TRUE(has_line(out, "t_requests_total{method=\"POST\",status=\"5xx\"} 2")) << out;
  EXPECT_TRUE(has_line(out, "# TYPE t_streams gauge")) << out;
  EXPECT_TRUE(has_line(out, "t_streams 3")) << out;
  // HELP and TYPE once per family, not per series.
  EXPECT_EQ(out.find("# TYPE t_requests_total"), out.rfind("# TYPE t_requests_total"));
}

TEST(Metrics, TheSameNameAndLabelsGiveTheSameSeries) {
  Registry r;
  auto& a = r.counter("t_total", "x", {{"k", "v"}});
  auto& b = r.counter("t_total", "x", {{"k", "v"}});
  auto& c = r.counter("t_total", "x", {{"k", "w"}});
  EXPECT_EQ(&a, &b);
  EXPECT_NE(&a, &c);
}

TEST(Metrics, AHistogramHasCumulativeBucketsSumAndCount) {
  Registry r;
  auto& h = r.histogram("t_seconds", "Durations.", {0.25, 1});
  h.observe(0.125);
  h.observe(0.25);  // le is inclusive
  h.observe(0.5);
  h.observe(7);
  std::string out;
  r.render(out);
  EXPECT_TRUE(has_line(out, "# TYPE t_seconds histogram")) << out;
  EXPECT_TRUE(has_line(out, "t_seconds_bucket{le=\"0.25\"} 2")) << out;
  EXPECT_TRUE(has_line(out, "t_seconds_bucket{le=\"1\"} 3")) << out;
  EXPECT_TRUE(has_line(out, "t_seconds_bucket{le=\"+Inf\"} 4")) << out;
  EXPECT_TRUE(has_line(out, "t_seconds_sum 7.875")) << out;
  EXPECT_TRUE(has_line(out, "t_seconds_count 4")) << out;
}

TEST(Metrics, CountingFromManyThreadsLosesNothing) {
  Registry r;
  auto& c = r.counter("t_total", "x");
  auto& h = r.histogram("t_seconds", "x", default_seconds_buckets());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        c.inc();
        h.observe(0.001);
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value(), 40000u);
  EXPECT_EQ(h.counts().front(), 40000u);
}

TEST(Metrics, LabelValuesAreEscaped) {
  EXPECT_EQ(escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  std::string out;
  write_gauge(out, "t_info", "Build.", 1, {{"version", "1\"2"}});
  EXPECT_TRUE(has_line(out, "t_info{version=\"1\\\"2\"} 1")) << out;
}

TEST(Metrics, ProcessMetricsAreReadFromProc) {
  std::string out;
  write_process_metrics(out, 1700000000.5);
  EXPECT_NE(out.find("\nprocess_resident_memory_bytes "), std::string::npos) << out;
  EXPECT_NE(out.find("\nprocess_open_fds "), std::string::npos) << out;
  EXPECT_NE(out.find("\nprocess_cpu_seconds_total "), std::string::npos) << out;
  EXPECT_TRUE(has_line(out, "process_start_time_seconds 1700000000.5")) << out;
}

}  // namespace
}  // namespace yc::metrics
