#pragma once
// 失业人员档案 (issue 12; policy annex 一(一) 失业人员档案管理服务, 三(五) 档案库房
// 建设标准、专人管理): the states of a paper file, what each allows, its number,
// the loan deadline, and the archive room standard. Pure.

#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"
#include "platform/time.hpp"

namespace yc::archives {

// in_store --lend--> lent --return--> in_store --transfer (转出)--> transferred
// A lent file is returned before it is lent again or transferred; a
// transferred file is neither lent nor moved.
enum class Action { kLend, kReturn, kMove, kTransfer };
Result<void> check(std::string_view state, Action action);
std::string_view state_name(std::string_view state);  // "" for an unknown state

// A line of a file's history: intake | move | lend | return | transfer.
std::string_view event_name(std::string_view kind);

bool valid_source(std::string_view source);  // transfer_in (转入) | registration (失业登记时新建)
std::string_view source_name(std::string_view source);

// 档案编号: "DA-110101001-2026-0001".
std::string file_no(std::string_view street_code, int year, std::int64_t n);

struct Location {
  std::string room, cabinet, shelf, box;  // 库房, 柜, 层(架), 盒
  friend bool operator==(const Location&, const Location&) = default;
};
Result<void> validate(const Location& l);
std::string describe(const Location& l);  // "1号库房 / A柜 / 3层 / 12盒"

// Working days a loan runs when no due day is given.
inline constexpr int kDefaultLoanDays = 5;
// A loan not returned is overdue the day after its due day.
bool overdue(std::string_view due_day, const time::Date& today);

// 库房温湿度 of a paper archive room: 14–24 °C, relative humidity 45%–60%
// (JGJ 25-2010《档案馆建筑设计规范》ch. 5 档案防护, 纸质档案库). Readings in tenths.
inline constexpr int kTemperatureMinX10 = 140, kTemperatureMaxX10 = 240;
inline constexpr int kHumidityMinX10 = 450, kHumidityMaxX10 = 600;

struct Reading {
  int temperature_x10 = 0, humidity_x10 = 0;
  bool extinguisher_ok = true, smoke_detector_ok = true, pests = false, leaks = false;
};
// Plausible instrument values: -40..60 °C, 0..100 %.
Result<void> validate(const Reading& r);
// What is out of standard (temperature_low|high, humidity_low|high,
// extinguisher, smoke_detector, pests, leaks); empty = 正常.
std::vector<std::string> flags(const Reading& r);
std::string_view flag_name(std::string_view flag);

}  // namespace yc::archives
