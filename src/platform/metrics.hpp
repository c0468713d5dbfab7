#pragma once
// Metrics for Prometheus (text exposition format 0.0.4, GET /metrics).
//
// Counters, gauges and histograms are atomics: recording one is a relaxed
// fetch_add, never a lock, so the request path and the store can count
// freely. A registry holds the series by name and labels; registering takes
// its mutex (at start, or once per call site through a function-local
// static), and so does rendering a scrape.
//
// process() is the registry of the process, as in every Prometheus client
// library: the facts it counts (requests answered, events published, write
// transactions failed) belong to the process, whichever object did the work,
// and the store and the event service can count without a registry being
// threaded through every constructor.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yc::metrics {

// Label names and values, in the order they are written.
using Labels = std::vector<std::pair<std::string, std::string>>;

// Only ever goes up (restarts at 0 with the process).
class Counter {
 public:
  void inc(std::uint64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// A value that goes up and down (open streams, connections on loan).
class Gauge {
 public:
  void add(std::int64_t n) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
  void set(std::int64_t v) noexcept { value_.store(v, std::memory_order_relaxed); }
  std::int64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> value_{0};
};

// Observations counted in buckets by upper bound (le), plus their sum.
class Histogram {
 public:
  // upper_bounds: ascending, finite; +Inf is implied.
  explicit Histogram(std::vector<double> upper_bounds);
  void observe(double v) noexcept;

  const std::vector<double>& bounds() const { return bounds_; }
  // Per bucket, not cumulative; the last one is +Inf.
  std::vector<std::uint64_t> counts() const;
  double sum() const noexcept { return sum_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;
  std::atomic<double> sum_{0};
};

// Request durations in seconds: Prometheus's default buckets.
std::vector<double> default_seconds_buckets();

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // The series `name{labels}`, created at first use; the same name and
  // labels give the same object, which lives as long as the registry. A
  // name keeps the type and help it was first registered with (asking for
  // it as another type is a programmer error: abort).
  Counter& counter(std::string_view name, std::string_view help, Labels labels = {});
  Gauge& gauge(std::string_view name, std::string_view help, Labels labels = {});
  Histogram& histogram(std::string_view name, std::string_view help, std::vector<double> upper_bounds,
                       Labels labels = {});

  // Appends every family (HELP, TYPE, its series) in registration order.
  void render(std::string& out) const;

 private:
  struct Family;
  Family& family(std::string_view name, std::string_view help, int type);
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<Family>> families_;
};

// The registry of this process.
Registry& process();

// Writers for values read at scrape time (not kept in a registry).
void write_gauge(std::string& out, std::string_view name, std::string_view help, double value,
                 const Labels& labels = {});
void write_counter(std::string& out, std::string_view name, std::string_view help, double value,
                   const Labels& labels = {});

// process_resident_memory_bytes, process_virtual_memory_bytes,
// process_open_fds, process_cpu_seconds_total and process_start_time_seconds
// (the Prometheus client conventions), from /proc/self. What cannot be read
// is left out.
void write_process_metrics(std::string& out, double start_time_seconds);

// A label value with backslash, double quote and newline escaped.
std::string escape_label_value(std::string_view v);

}  // namespace yc::metrics
