// libFuzzer target for what an upload goes through before any database
// (issue 13, items 4 and 5): the content sniffing of scans (src/cases/sniff)
// and the CSV parsers of the unit import and the calendar import
// (src/org/model, src/calendar/model). Whatever a client sends must never
// crash, read out of bounds or loop; a type is accepted only with its magic
// number in front; a refused row or file always names the field at fault, so
// the report can point at it; a day the calendar import keeps passes the
// same check as a day entered by hand.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "calendar/model.hpp"
#include "cases/sniff.hpp"
#include "org/model.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool names_a_field(const yc::Error& e) { return !e.field.empty() && !e.message.empty(); }

void sniffed(std::string_view input) {
  const auto type = yc::cases::sniff(input);
  if (type.empty()) return;
  if (type == "image/jpeg") check(starts_with(input, std::string_view("\xFF\xD8\xFF", 3)));
  else if (type == "image/png") check(starts_with(input, std::string_view("\x89PNG\r\n\x1a\n", 8)));
  else if (type == "application/pdf") check(starts_with(input, "%PDF-"));
  else check(false);  // only the three types the upload routes take
}

void units(std::string_view input) {
  namespace org = yc::org;
  auto rows = org::parse_csv(input);
  if (!rows) {
    check(rows.error().field == "file");
    return;
  }
  std::size_t bytes = 0;
  for (const auto& row : *rows)
    for (const auto& field : row) bytes += field.size();
  check(bytes <= input.size());  // every byte of a field comes from the input
  for (const auto& r : org::parse_unit_csv(input)) {
    check(r.line >= 1);
    check(r.row.has_value() != r.error.has_value());
    if (r.error) {
      check(names_a_field(*r.error));
      continue;
    }
    const auto level = r.row->level;
    check(level >= org::Level::kCity && level <= org::Level::kCommunity);
    std::optional<std::string_view> parent;
    std::optional<org::Level> parent_level;
    if (!r.row->parent_code.empty()) parent = r.row->parent_code;
    if (level != org::Level::kCity) parent_level = static_cast<org::Level>(static_cast<int>(level) - 1);
    if (auto v = org::validate_unit(r.row->code, level, r.row->name, parent, parent_level); !v)
      check(names_a_field(v.error()));
    else
      check(r.row->code.size() == org::code_length(level));
  }
}

void calendar(std::string_view input) {
  namespace cal = yc::calendar;
  auto parsed = cal::parse_import(input);
  if (!parsed) {
    check(parsed.error().field == "file");
    return;
  }
  bool any_error = false;
  for (const auto& l : parsed->lines) {
    check(l.line >= 1);
    if (l.error) {
      any_error = true;
      check(names_a_field(*l.error));
    }
  }
  check(parsed->ok == !any_error);
  check(parsed->days.size() <= parsed->lines.size());
  for (const auto& d : parsed->days) {
    check(cal::check_day(d).has_value());
    check(cal::parse_date(d.day, "day").has_value());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  sniffed(input);
  units(input);
  calendar(input);
  return 0;
}
