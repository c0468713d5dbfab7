#pragma once
// Capacity planning (issue 9, item 6; beyond the policy): the Erlang C model
// of a hall, M/M/N with N open windows. From arrivals per hour and the mean
// service time it tells the share of people served within a target wait and
// how many windows reach a target such as 80% within 15 minutes, to be set
// beside the windows open and the staff on the roster (三(七): 1.2 per window).

namespace yc::staff {

// The probability that an arrival waits (Erlang C), for `servers` windows and
// an offered load of `load` Erlangs (arrivals per second x mean service
// seconds). 1 when servers <= load (the queue grows without bound).
double erlang_c(int servers, double load);

// The share of arrivals whose wait is at most target_seconds.
double service_level(int servers, double load, double service_seconds, double target_seconds);

// The mean wait of all arrivals (ASA), in seconds; infinity when unstable.
double mean_wait(int servers, double load, double service_seconds);

struct Capacity {
  int windows = 0;           // the fewest windows that reach the target
  double service_level = 0;  // with that many
  double mean_wait_seconds = 0;
  bool reachable = true;     // false when even max_windows do not
};
Capacity windows_needed(double arrivals_per_hour, double service_seconds, double target_share,
                        double target_wait_seconds, int max_windows = 200);

}  // namespace yc::staff
