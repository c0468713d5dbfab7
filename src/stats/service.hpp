#pragma once
// Figures for the dashboards and the ledgers (issue 10, items 4-5; annex 一(四)
// 建立各项业务基础服务台账): read from the counters of counters.hpp only, so a
// year of a city costs the same whatever the number of cases.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

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

struct Overview {
  UnitRef unit;
  std::vector<UnitRef> path;  // from the top of the caller's scope down to unit
  std::string from, to, granularity;  // "day" | "month"
  Figures totals;
  std::vector<UnitFigures> children;
  std::vector<PeriodFigures> series;
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
};
Result<Ledger> ledger(store::Tx& tx, const org::Scope& scope, const std::string& unit_code, const std::string& month);

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
