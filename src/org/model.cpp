#include "org/model.hpp"
#include "platform/text.hpp"

#include <fmt/format.h>

namespace yc::org {
namespace {

Unexpected invalid(std::string field, std::string message) {
  return fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

std::size_t parent_prefix(Level parent) {
  switch (parent) {
    case Level::kCity: return 2;
    case Level::kDistrict: return 6;
    case Level::kStreet: return 9;
    case Level::kCommunity: return 12;
  }
  return 0;
}

}  // namespace

std::string_view level_label(Level level) {
  switch (level) {
    case Level::kCity: return "市";
    case Level::kDistrict: return "区";
    case Level::kStreet: return "街道(乡镇)";
    case Level::kCommunity: return "社区(村)";
  }
  return "";
}

std::size_t code_length(Level level) {
  switch (level) {
    case Level::kCity:
    case Level::kDistrict: return 6;
    case Level::kStreet: return 9;
    case Level::kCommunity: return 12;
  }
  return 0;
}

Result<void> validate_unit(std::string_view code, Level level, std::string_view name,
                           std::optional<std::string_view> parent_code,
                           std::optional<Level> parent_level) {
  if (!all_digits(code) || code.size() != code_length(level))
    return invalid("code", fmt::format("{}的代码应为 {} 位数字", level_label(level), code_length(level)));
  const std::size_t chars = utf8_length(name);
  if (chars == 0 || chars > 50) return invalid("name", "名称不能为空,且不超过 50 个字");
  if (level == Level::kCity) {
    if (parent_code) return invalid("parent_code", "市级单位没有上级");
    if (code.substr(2) != "0000") return invalid("code", "市级代码应以 0000 结尾");
    return {};
  }
  if (!parent_code || !parent_level) return invalid("parent_code", "请指定上级单位");
  if (static_cast<int>(*parent_level) + 1 != static_cast<int>(level))
    return invalid("parent_code", fmt::format("{}的上级应为{}", level_label(level),
                                              level_label(static_cast<Level>(static_cast<int>(level) - 1))));
  const std::size_t prefix = parent_prefix(*parent_level);
  if (code.substr(0, prefix) != parent_code->substr(0, prefix))
    return invalid("code", fmt::format("代码应以上级代码的前 {} 位开头", prefix));
  if (code == *parent_code) return invalid("code", "代码不能与上级相同");
  return {};
}

std::string child_path(std::string_view parent_path, std::string_view code) {
  std::string p(parent_path.empty() ? "/" : parent_path);
  p += code;
  p += '/';
  return p;
}

bool within(std::string_view path, std::string_view scope_path) {
  return !scope_path.empty() && path.substr(0, scope_path.size()) == scope_path;
}

std::optional<SiteKind> parse_site_kind(std::string_view s) {
  if (s == "hall") return SiteKind::kHall;
  if (s == "point") return SiteKind::kPoint;
  return std::nullopt;
}

std::string_view site_kind_name(SiteKind k) { return k == SiteKind::kHall ? "hall" : "point"; }

Result<void> validate_site_unit(SiteKind kind, Level unit_level) {
  if (kind == SiteKind::kHall && unit_level != Level::kStreet)
    return invalid("unit_code", "服务大厅应属于街道(乡镇)");
  if (kind == SiteKind::kPoint && unit_level != Level::kCommunity)
    return invalid("unit_code", "服务站应属于社区(村)");
  return {};
}

std::optional<WindowKind> parse_window_kind(std::string_view s) {
  for (auto k : {WindowKind::kComprehensive, WindowKind::kSpecialized, WindowKind::kGreen, WindowKind::kProxy})
    if (window_kind_name(k) == s) return k;
  return std::nullopt;
}

std::string_view window_kind_name(WindowKind k) {
  switch (k) {
    case WindowKind::kComprehensive: return "comprehensive";
    case WindowKind::kSpecialized: return "specialized";
    case WindowKind::kGreen: return "green";
    case WindowKind::kProxy: return "proxy";
  }
  return "";
}

std::string_view window_kind_label(WindowKind k) {
  switch (k) {
    case WindowKind::kComprehensive: return "综合窗口";
    case WindowKind::kSpecialized: return "专业窗口";
    case WindowKind::kGreen: return "绿色通道";
    case WindowKind::kProxy: return "帮办代办";
  }
  return "";
}

Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view csv) {
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);  // Excel's UTF-8 BOM
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, field_started = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) return fail(ErrorCode::kInvalidArgument, "CSV 文件中有未闭合的引号", "file");
  if (field_started || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<RowResult> parse_unit_csv(std::string_view csv) {
  std::vector<RowResult> out;
  auto rows = parse_csv(csv);
  if (!rows) {
    out.push_back({1, std::nullopt, rows.error()});
    return out;
  }
  for (std::size_t i = 1; i < rows->size(); ++i) {  // row 0 is the header
    const auto& r = (*rows)[i];
    RowResult result;
    result.line = static_cast<int>(i) + 1;
    if (r.size() == 1 && r[0].empty()) continue;  // blank line
    if (r.size() != 4) {
      result.error = Error::make(ErrorCode::kInvalidArgument,
                                 fmt::format("应有 4 列 (代码,上级代码,层级,名称),实际 {} 列", r.size()), "row");
      out.push_back(std::move(result));
      continue;
    }
    int level = 0;
    if (r[2].size() == 1 && r[2][0] >= '1' && r[2][0] <= '4') level = r[2][0] - '0';
    if (level == 0) {
      result.error = Error::make(ErrorCode::kInvalidArgument, "层级应为 1 (市) 至 4 (社区/村)", "level");
      out.push_back(std::move(result));
      continue;
    }
    result.row = UnitRow{r[0], r[1], static_cast<Level>(level), r[3]};
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace yc::org
