#pragma once
// Where a permission applies (issue 4, item 4): the paths of the units at
// which the caller holds it; each covers its unit and everything below.
// Services take a Scope for every query, so an object outside it is simply
// not found (404), whatever the screen shows.

#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace yc::org {

class Scope {
 public:
  Scope() = default;
  // Drops paths that lie under another, so SQL stays short.
  static Scope of(std::vector<std::string> paths);
  // Everything, including objects with no unit: commands and seeds only.
  static Scope all() { return of({"/"}); }

  bool empty() const { return paths_.empty(); }
  bool is_all() const { return paths_.size() == 1 && paths_[0] == "/"; }
  bool covers(std::string_view path) const;
  const std::vector<std::string>& paths() const { return paths_; }

  // "(col LIKE $k OR col LIKE $k+1 ...)" with the parameters appended; "1 = 0"
  // for an empty scope. Paths hold only digits and '/', so LIKE needs no escape.
  std::string sql(std::string_view column, std::vector<store::Param>& params) const;

 private:
  std::vector<std::string> paths_;
};

}  // namespace yc::org
