#pragma once
// Figures for the dashboards and the ledgers (issue 10, items 4-5; annex 一(四)
// 建立各项业务基础服务台账): read from the counters of counters.hpp only, so a
// year of a city costs the same whatever the number of cases.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "employment/service.hpp"
#include "org/scope.hpp"
#include "platform/result.hpp"
#include "platform/time.hpp"
#include "store/database.hpp"

namespace yc::stats {

// metric -> value, with the rates derived from them.
struct Figures {
  std::map<std::string, std::int64_t, std::less<>> values;
  std::int64_t get(std::string_view metric) const;
  void add(const Figures& other);
  std::optional<double> avg_wait_minutes() const;
  std::optional<double> avg_service_minutes() const;
  std::optional<double> on_time_rate() const;   // 按时办结率
  std::optional<double> good_rate() const;      // 好评率 (基本满意 and better)
  std::optional<double> upheld_rate() const;    // 投诉属实率
};

struct UnitRef {
  std::string code, name;
  int level = 0;
};

struct UnitFigures {
  UnitRef unit;  // code "" with name "本级": figures recorded at the unit itself
  Figures figures;
};

struct PeriodFigures {
  std::string period;  // YYYY-MM-DD or YYYY-MM
  Figures figures;
};

// 人员与培训 (issue 10, item 4 "training and staffing figures"): a snapshot
// of the staff tables under a unit, judged by the rules of src/staff
// (policy 三(七) 1.2 per window, 到岗率 98%, high-risk posts formal only and
// rotated within 5 years, incompatible posts; 三(九) 5 training days a year),
// and the training held in a period. Read from the staff tables, which are
// small: not counters.
struct StaffingFigures {
  int roster = 0;              // people with a staff profile
  int formal = 0;              // of them 编制内
  int sites = 0, windows = 0;  // halls and points, their windows
  int window_staff = 0;        // holding 综合受理 on the snapshot day
  int sites_below_ratio = 0;   // 三(七) 以每个窗口不低于1.2人, judged per site
  int on_post_days = 0, due_days = 0;  // formal staff's attendance (三(七) 到岗率)
  int high_risk_non_formal = 0;  // high-risk posts held by non-formal staff (三(七))
  int rotation_over = 0;         // high-risk posts held over 5 years (三(七))
  int rotation_due = 0;          // ... from 4 years 6 months
  int incompatible = 0;          // incompatible posts held together (三(七))
  int sessions = 0;              // training sessions held (results recorded) in the period
  int people_trained = 0;        // people with a training record in the period
  int training_days_x10 = 0;     // their training days, in tenths
  int trained_5_days = 0;        // year-to-date annual training >= 5 days (三(九))
  void add(const StaffingFigures& other);
  std::optional<double> staff_per_window() const;  // window_staff / windows
  std::optional<double> on_post_rate() const;      // null without records
  bool below_ratio() const { return sites_below_ratio > 0; }
  bool on_post_below() const;                      // under 98%
  int issues() const { return sites_below_ratio + high_risk_non_formal + rotation_over + incompatible; }
};

struct UnitStaffing {
  UnitRef unit;
  StaffingFigures figures;
};

struct Staffing {
  std::string as_of;             // the snapshot day: the period's last day, or today when earlier
  std::string from, to;          // the period of the training figures
  std::string attendance_month;  // the month of `to` (到岗率 is kept per month)
  std::vector<UnitStaffing> units;  // the rows of the figures' units (ledger.units / overview.children)
  StaffingFigures totals;
};

struct Overview {
  UnitRef unit;
  std::vector<UnitRef> path;  // from the top of the caller's scope down to unit
  std::string from, to, granularity;  // "day" | "month"
  Figures totals;
  std::vector<UnitFigures> children;
  std::vector<PeriodFigures> series;
  Staffing staffing;  // filled by add_staffing
  // 劳动力资源台账 and 就业服务 of the unit (issue 12; filled by add_employment):
  // the registry as of the month's last day (or today), the month's visits,
  // referrals, hires; empty when the unit has no registry rows below it.
  std::optional<employment::Summary> employment;
};

// unit_code "" = the top of the scope. Whole months spanning more than
// one month read the monthly counters, anything else the daily ones; at
// most 3 years.
Result<Overview> overview(store::Tx& tx, const org::Scope& scope, const std::string& unit_code, const time::Date& from,
                          const time::Date& to);

struct ItemFigures {
  std::string item_code, item_name;
  Figures figures;
};

struct Ledger {
  UnitRef unit;
  std::string month;                 // YYYY-MM
  std::vector<UnitFigures> units;    // per child unit
  std::vector<PeriodFigures> days;   // every day of the month
  std::vector<ItemFigures> items;    // cases per item
  Figures totals;
  Staffing staffing;  // filled by add_staffing
  // 劳动力资源台账 and 就业服务 of the unit (issue 12; filled by add_employment):
  // the registry as of the month's last day (or today), the month's visits,
  // referrals, hires; empty when the unit has no registry rows below it.
  std::optional<employment::Summary> employment;
};
Result<Ledger> ledger(store::Tx& tx, const org::Scope& scope, const std::string& unit_code, const std::string& month);

// Fills `staffing` with one row per row of the figures (the same units in
// the same order) and the totals. Staff sitting at the unit itself (a
// street's hall) go to 本级, which is added to the figures' rows (with no
// counters) when they have none; a community has no rows, only totals.
// today: the snapshot is never later than today.
Result<void> add_staffing(store::Tx& tx, const org::Scope& scope, Ledger& l, const time::Date& today);
Result<void> add_staffing(store::Tx& tx, const org::Scope& scope, Overview& o, const time::Date& today);
// Fills `employment` with the figures of employment::summary for the
// ledger's unit and month (aggregates only: no person is named).
Result<void> add_employment(store::Tx& tx, const org::Scope& scope, Ledger& l, std::int64_t now);

// 责任追究 (issue 10, item 6; policy 三(八) 责任追究制): per unit and per person
// in the period, what they answer for: cases that ran past their promised
// day, internal-control findings (open and closed), complaints found 属实,
// 不满意 ratings and rectifications escalated for want of an answer.
struct Accountable {
  int overdue_cases = 0, findings = 0, open_findings = 0, upheld_complaints = 0, bad_ratings = 0,
      escalated_rectifications = 0;
  int total() const { return overdue_cases + findings + upheld_complaints + bad_ratings + escalated_rectifications; }
};
struct UnitAccountability {
  std::string unit_code, unit_name;
  Accountable a;
};
struct PersonAccountability {
  std::int64_t account_id = 0;
  std::string login, name_masked, unit_name;
  Accountable a;
};
struct Accountability {
  UnitRef unit;
  std::string from, to;
  std::vector<UnitAccountability> units;     // every unit under `unit` with something, most first
  std::vector<PersonAccountability> people;  // everyone named, most first
};
Result<Accountability> accountability(store::Tx& tx, const org::Scope& scope, const std::string& unit_code,
                                      const time::Date& from, const time::Date& to);

}  // namespace yc::stats
