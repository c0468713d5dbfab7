#include "org/scope.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "org/model.hpp"

namespace yc::org {

Scope Scope::of(std::vector<std::string> paths) {
  std::sort(paths.begin(), paths.end());
  Scope s;
  for (auto& p : paths) {
    if (p.empty()) continue;
    if (!s.paths_.empty() && within(p, s.paths_.back())) continue;  // sorted: a parent comes first
    s.paths_.push_back(std::move(p));
  }
  return s;
}

bool Scope::covers(std::string_view path) const {
  return std::any_of(paths_.begin(), paths_.end(),
                     [&](const std::string& p) { return within(path, p); });
}

std::string Scope::sql(std::string_view column, std::vector<store::Param>& params) const {
  if (paths_.empty()) return "1 = 0";
  std::string out = "(";
  for (std::size_t i = 0; i < paths_.size(); ++i) {
    params.emplace_back(paths_[i] + "%");
    out += fmt::format("{}{} LIKE ${}", i == 0 ? "" : " OR ", column, params.size());
  }
  out += ")";
  return out;
}

}  // namespace yc::org
