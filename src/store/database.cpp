#include "store/database.hpp"

#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

#include "store/engines.hpp"

namespace yc::store {

std::string_view engine_name(Engine engine) {
  switch (engine) {
    case Engine::kSqlite: return "sqlite";
    case Engine::kPostgres: return "postgresql";
  }
  return "sqlite";
}

std::int64_t Row::int64(std::size_t i) const {
  const auto& c = cells_.at(i);
  if (!c) return 0;
  std::int64_t v = 0;
  std::from_chars(c->data(), c->data() + c->size(), v);
  return v;
}

double Row::real(std::size_t i) const {
  const auto& c = cells_.at(i);
  return c ? std::strtod(c->c_str(), nullptr) : 0.0;
}

const std::string& Row::text(std::size_t i) const {
  static const std::string kEmpty;
  const auto& c = cells_.at(i);
  return c ? *c : kEmpty;
}

std::optional<std::int64_t> Row::opt_int64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return int64(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const { return cells_.at(i); }

Result<std::int64_t> Tx::exec(std::string_view sql, const std::vector<Param>& params) {
  auto rows = YC_TRY(query(sql, params));
  return rows.affected;
}

Result<Row> Tx::one(std::string_view sql, const std::vector<Param>& params) {
  auto rows = YC_TRY(query(sql, params));
  if (rows.rows.empty()) return fail(ErrorCode::kNotFound, "记录不存在");
  return std::move(rows.rows.front());
}

Result<std::unique_ptr<Database>> Database::open(const Options& options) {
  switch (options.engine) {
    case Engine::kSqlite: return open_sqlite(options);
    case Engine::kPostgres: return open_postgres(options);
  }
  return fail(ErrorCode::kInternal, "未知的数据库类型");
}

Result<std::int64_t> update_versioned(Tx& tx, std::string_view table, std::string_view set_sql,
                                      std::vector<Param> params, std::int64_t id,
                                      std::int64_t expected_version) {
  const std::size_t k = params.size() + 1;
  const std::string sql =
      fmt::format("UPDATE {} SET {}, version = version + 1 WHERE id = ${} AND version = ${} "
                  "RETURNING version",
                  table, set_sql, k, k + 1);
  params.emplace_back(id);
  params.emplace_back(expected_version);
  auto rows = YC_TRY(tx.query(sql, params));
  if (!rows.rows.empty()) return rows.rows.front().int64(0);
  auto exists = YC_TRY(tx.query(fmt::format("SELECT version FROM {} WHERE id = $1", table), {id}));
  if (exists.rows.empty()) return fail(ErrorCode::kNotFound, "记录不存在");
  return fail(ErrorCode::kVersionConflict);
}

}  // namespace yc::store
