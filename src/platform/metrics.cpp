#include "platform/metrics.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

namespace yc::metrics {
namespace {

enum Type { kCounter = 0, kGauge = 1, kHistogram = 2 };
constexpr const char* kTypeNames[] = {"counter", "gauge", "histogram"};

// Go's strconv.ParseFloat reads what fmt writes: integers without a point,
// the shortest round-trip form otherwise, and +Inf / -Inf / NaN.
std::string number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<std::int64_t>(v));
  return fmt::format("{}", v);
}

// HELP text escapes backslash and newline only.
std::string escape_help(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

void write_labels(std::string& out, const Labels& labels, std::string_view le = {}) {
  if (labels.empty() && le.empty()) return;
  out += '{';
  bool first = true;
  for (const auto& [k, v] : labels) {
    if (!first) out += ',';
    first = false;
    out += k;
    out += "=\"";
    out += escape_label_value(v);
    out += '"';
  }
  if (!le.empty()) {
    if (!first) out += ',';
    out += "le=\"";
    out += le;
    out += '"';
  }
  out += '}';
}

void write_header(std::string& out, std::string_view name, std::string_view help, Type type) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += escape_help(help);
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += kTypeNames[type];
  out += '\n';
}

void write_sample(std::string& out, std::string_view name, const Labels& labels, const std::string& value,
                  std::string_view le = {}) {
  out += name;
  write_labels(out, labels, le);
  out += ' ';
  out += value;
  out += '\n';
}

// "VmRSS:	   12345 kB" -> bytes.
std::optional<double> status_kb(const std::string& status, std::string_view key) {
  auto at = status.find(key);
  if (at == std::string::npos) return std::nullopt;
  const char* p = status.c_str() + at + key.size();
  char* end = nullptr;
  const auto kb = std::strtoll(p, &end, 10);
  if (end == p) return std::nullopt;
  return static_cast<double>(kb) * 1024.0;
}

std::string read_file(const char* path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)),
      counts_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {}

void Histogram::observe(double v) noexcept {
  std::size_t i = 0;
  while (i < bounds_.size() && v > bounds_[i]) ++i;
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::counts() const {
  std::vector<std::uint64_t> out(bounds_.size() + 1);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = counts_[i].load(std::memory_order_relaxed);
  return out;
}

std::vector<double> default_seconds_buckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

struct Registry::Family {
  std::string name;
  std::string help;
  Type type;
  struct Series {
    Labels labels;
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Gauge> gauge;
    std::unique_ptr<Histogram> histogram;
  };
  std::vector<Series> series;

  Series* find(const Labels& labels) {
    for (auto& s : series)
      if (s.labels == labels) return &s;
    return nullptr;
  }
};

Registry::Registry() = default;
Registry::~Registry() = default;

Registry::Family& Registry::family(std::string_view name, std::string_view help, int type) {
  for (auto& f : families_) {
    if (f->name != name) continue;
    if (f->type != type) std::abort();  // one name, one type: a programmer error
    return *f;
  }
  auto f = std::make_unique<Family>();
  f->name = std::string(name);
  f->help = std::string(help);
  f->type = static_cast<Type>(type);
  families_.push_back(std::move(f));
  return *families_.back();
}

Counter& Registry::counter(std::string_view name, std::string_view help, Labels labels) {
  std::lock_guard lock(mu_);
  auto& f = family(name, help, kCounter);
  if (auto* s = f.find(labels)) return *s->counter;
  f.series.push_back({std::move(labels), std::make_unique<Counter>(), nullptr, nullptr});
  return *f.series.back().counter;
}

Gauge& Registry::gauge(std::string_view name, std::string_view help, Labels labels) {
  std::lock_guard lock(mu_);
  auto& f = family(name, help, kGauge);
  if (auto* s = f.find(labels)) return *s->gauge;
  f.series.push_back({std::move(labels), nullptr, std::make_unique<Gauge>(), nullptr});
  return *f.series.back().gauge;
}

Histogram& Registry::histogram(std::string_view name, std::string_view help, std::vector<double> upper_bounds,
                               Labels labels) {
  std::lock_guard lock(mu_);
  auto& f = family(name, help, kHistogram);
  if (auto* s = f.find(labels)) return *s->histogram;
  f.series.push_back({std::move(labels), nullptr, nullptr, std::make_unique<Histogram>(std::move(upper_bounds))});
  return *f.series.back().histogram;
}

void Registry::render(std::string& out) const {
  std::lock_guard lock(mu_);
  for (const auto& f : families_) {
    if (f->series.empty()) continue;
    write_header(out, f->name, f->help, f->type);
    for (const auto& s : f->series) {
      switch (f->type) {
        case kCounter:
          write_sample(out, f->name, s.labels, fmt::format("{}", s.counter->value()));
          break;
        case kGauge:
          write_sample(out, f->name, s.labels, fmt::format("{}", s.gauge->value()));
          break;
        case kHistogram: {
          // One snapshot of the buckets, so _count equals the +Inf bucket.
          const auto counts = s.histogram->counts();
          const auto& bounds = s.histogram->bounds();
          const std::string bucket = f->name + "_bucket";
          std::uint64_t cumulative = 0;
          for (std::size_t i = 0; i < counts.size(); ++i) {
            cumulative += counts[i];
            write_sample(out, bucket, s.labels, fmt::format("{}", cumulative),
                         i < bounds.size() ? number(bounds[i]) : "+Inf");
          }
          write_sample(out, f->name + "_sum", s.labels, number(s.histogram->sum()));
          write_sample(out, f->name + "_count", s.labels, fmt::format("{}", cumulative));
          break;
        }
      }
    }
  }
}

Registry& process() {
  static Registry registry;
  return registry;
}

void write_gauge(std::string& out, std::string_view name, std::string_view help, double value,
                 const Labels& labels) {
  write_header(out, name, help, kGauge);
  write_sample(out, name, labels, number(value));
}

void write_counter(std::string& out, std::string_view name, std::string_view help, double value,
                   const Labels& labels) {
  write_header(out, name, help, kCounter);
  write_sample(out, name, labels, number(value));
}

void write_process_metrics(std::string& out, double start_time_seconds) {
  const std::string status = read_file("/proc/self/status");
  if (auto rss = status_kb(status, "VmRSS:"))
    write_gauge(out, "process_resident_memory_bytes", "Resident memory size in bytes.", *rss);
  if (auto vm = status_kb(status, "VmSize:"))
    write_gauge(out, "process_virtual_memory_bytes", "Virtual memory size in bytes.", *vm);
  // Fields 14 and 15 of /proc/self/stat (after the parenthesised command
  // name, which may hold spaces): user and system time in clock ticks.
  const std::string stat = read_file("/proc/self/stat");
  if (auto close = stat.rfind(')'); close != std::string::npos) {
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    long long utime = -1, stime = -1;
    for (int i = 3; fields >> field && i <= 15; ++i) {
      if (i == 14) utime = std::atoll(field.c_str());
      if (i == 15) stime = std::atoll(field.c_str());
    }
    const long ticks = sysconf(_SC_CLK_TCK);
    if (utime >= 0 && stime >= 0 && ticks > 0)
      write_counter(out, "process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
                    static_cast<double>(utime + stime) / static_cast<double>(ticks));
  }
  std::error_code ec;
  std::size_t fds = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec)) ++fds;
  if (!ec) write_gauge(out, "process_open_fds", "Number of open file descriptors.", static_cast<double>(fds));
  write_gauge(out, "process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
              start_time_seconds);
}

std::string escape_label_value(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

}  // namespace yc::metrics
