#include "staff/erlang.hpp"

#include <cmath>
#include <limits>

namespace yc::staff {

double erlang_c(int servers, double load) {
  if (load <= 0) return 0;
  if (servers <= 0 || servers <= load) return 1;
  // Erlang B by its recursion (no factorials, no overflow for large N), then
  // C = N·B / (N − A·(1 − B)).
  double b = 1;
  for (int k = 1; k <= servers; ++k) b = load * b / (k + load * b);
  return servers * b / (servers - load * (1 - b));
}

double service_level(int servers, double load, double service_seconds, double target_seconds) {
  if (load <= 0) return 1;
  if (servers <= load) return 0;
  double c = erlang_c(servers, load);
  return 1 - c * std::exp(-(servers - load) * target_seconds / service_seconds);
}

double mean_wait(int servers, double load, double service_seconds) {
  if (load <= 0) return 0;
  if (servers <= load) return std::numeric_limits<double>::infinity();
  return erlang_c(servers, load) * service_seconds / (servers - load);
}

Capacity windows_needed(double arrivals_per_hour, double service_seconds, double target_share,
                        double target_wait_seconds, int max_windows) {
  double load = arrivals_per_hour / 3600.0 * service_seconds;
  Capacity c;
  for (int n = std::max(1, static_cast<int>(std::floor(load)) + 1); n <= max_windows; ++n) {
    double sl = service_level(n, load, service_seconds, target_wait_seconds);
    if (sl >= target_share) {
      c.windows = n;
      c.service_level = sl;
      c.mean_wait_seconds = mean_wait(n, load, service_seconds);
      return c;
    }
  }
  c.windows = max_windows;
  c.reachable = false;
  c.service_level = service_level(max_windows, load, service_seconds, target_wait_seconds);
  c.mean_wait_seconds = mean_wait(max_windows, load, service_seconds);
  return c;
}

}  // namespace yc::staff
