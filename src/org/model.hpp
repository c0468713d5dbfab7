#pragma once
// The organisation's rules (issue 4, item 1; policy 三(一), 三(五)): the
// four levels of units, their codes, sites and windows. Pure code, no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace yc::org {

// 市 -> 区 -> 街道(乡镇) -> 社区(村)
enum class Level { kCity = 1, kDistrict = 2, kStreet = 3, kCommunity = 4 };
std::string_view level_label(Level level);  // "市", "区", "街道(乡镇)", "社区(村)"

// Codes follow the statistical division codes (GB/T 2260 and the 统计用区划代码
// that extend it): 6 digits for a city or district, 9 for a street or
// township, 12 for a community or village. A child's code starts with its
// parent's meaningful prefix (2 digits of a city's, 6 of a district's, 9 of
// a street's).
std::size_t code_length(Level level);
Result<void> validate_unit(std::string_view code, Level level, std::string_view name,
                           std::optional<std::string_view> parent_code,
                           std::optional<Level> parent_level);

// "/110000/110101/" for a child of "/110000/".
std::string child_path(std::string_view parent_path, std::string_view code);

// Scope (issue 4, item 4): a grant at a unit covers it and everything below.
bool within(std::string_view path, std::string_view scope_path);

enum class SiteKind { kHall, kPoint };  // 街道(乡镇)服务大厅, 社区(村)服务站
std::optional<SiteKind> parse_site_kind(std::string_view s);  // "hall" | "point"
std::string_view site_kind_name(SiteKind k);
// Halls belong to streets, points to communities (policy 三(一)).
Result<void> validate_site_unit(SiteKind kind, Level unit_level);

// 综合窗口, 专业窗口, 绿色通道, 帮办代办
enum class WindowKind { kComprehensive, kSpecialized, kGreen, kProxy };
std::optional<WindowKind> parse_window_kind(std::string_view s);
std::string_view window_kind_name(WindowKind k);
std::string_view window_kind_label(WindowKind k);

// One row of a unit import: code,parent_code,level,name (UTF-8 CSV, RFC 4180
// quoting, a header row). Each row is judged on its own: a bad row imports
// nothing of itself and its report line names the row and the error.
struct UnitRow {
  std::string code;
  std::string parent_code;
  Level level = Level::kCity;
  std::string name;
};
struct RowResult {
  int line = 0;          // 1-based line in the file (the header is line 1)
  std::optional<UnitRow> row;
  std::optional<Error> error;
};
std::vector<RowResult> parse_unit_csv(std::string_view csv);

// RFC 4180 fields of one CSV text, row by row.
Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view csv);

}  // namespace yc::org
