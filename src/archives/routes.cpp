#include "archives/routes.hpp"

#include <boost/json.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "archives/service.hpp"
#include "platform/http/json_body.hpp"
#include "platform/time.hpp"

namespace yc::archives {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;

constexpr const char* kRead = "archive.read";
constexpr const char* kWrite = "archive.write";

time::Date today() { return time::shanghai_date(time::now_ms()); }

json::object loan_json(const Loan& l) {
  return {{"id", l.id},
          {"borrower_unit", l.borrower_unit},
          {"borrower_name", l.borrower_name},
          {"purpose", l.purpose},
          {"lent_day", l.lent_day},
          {"due_day", l.due_day},
          {"state", l.state},
          {"state_name", l.state == "open" ? "借出中" : "已归还"},
          {"returned_day", l.returned_day},
          {"return_note", l.return_note},
          {"lent_by_name", l.lent_by_name},
          {"overdue", l.overdue}};
}

json::object file_json(const File& f) {
  return {{"id", f.id},
          {"file_no", f.file_no},
          {"unit_code", f.unit_code},
          {"unit_name", f.unit_name},
          {"id_number", f.id_masked},
          {"name", f.name_masked},
          {"gender", f.gender},
          {"gender_name", f.gender == "M" ? "男" : "女"},
          {"birth_year", f.birth_year},
          {"resident_id", http::or_null(f.resident_id)},
          {"source", f.source},
          {"source_name", source_name(f.source)},
          {"source_org", f.source_org},
          {"received_day", f.received_day},
          {"pages", f.pages},
          {"note", f.note},
          {"room", f.location.room},
          {"cabinet", f.location.cabinet},
          {"shelf", f.location.shelf},
          {"box", f.location.box},
          {"state", f.state},
          {"state_name", state_name(f.state)},
          {"transfer_to", f.transfer_to},
          {"transfer_reason", f.transfer_reason},
          {"transfer_day", f.transfer_day},
          {"transfer_receipt", f.transfer_receipt},
          {"loan", f.loan ? json::value(loan_json(*f.loan)) : json::value(nullptr)},
          {"overdue", f.loan && f.loan->overdue},
          {"created_at", f.created_at},
          {"updated_at", f.updated_at},
          {"version", f.version}};
}

json::object check_json(const RoomCheck& c) {
  json::array flags, names;
  for (const auto& f : c.flags) {
    flags.emplace_back(f);
    names.emplace_back(flag_name(f));
  }
  return {{"id", c.id},
          {"unit_code", c.unit_code},
          {"unit_name", c.unit_name},
          {"room", c.room},
          {"checked_at", c.checked_at},
          {"check_day", c.check_day},
          {"temperature", c.reading.temperature_x10 / 10.0},
          {"humidity", c.reading.humidity_x10 / 10.0},
          {"extinguisher_ok", c.reading.extinguisher_ok},
          {"smoke_detector_ok", c.reading.smoke_detector_ok},
          {"pests", c.reading.pests},
          {"leaks", c.reading.leaks},
          {"note", c.note},
          {"flags", flags},
          {"flag_names", names},
          {"abnormal", c.abnormal},
          {"checked_by_name", c.checked_by_name}};
}

// Every field is read into a local before the struct is built: g++ leaks the
// members already built when YC_TRY returns from inside a braced initializer
// (found by the injection sweep under LeakSanitizer, issue 13).
Result<Location> location_of(const http::JsonObject& b) {
  auto room = YC_TRY(b.text("room", 20));
  auto cabinet = YC_TRY(b.text("cabinet", 20));
  auto shelf = YC_TRY(b.text("shelf", 20));
  auto box = YC_TRY(b.text("box", 20));
  return Location{std::move(room), std::move(cabinet), std::move(shelf), std::move(box)};
}

// Absent text is "": the service says what is missing.
Result<std::string> opt(const http::JsonObject& b, std::string_view key, std::size_t max) {
  return YC_TRY(b.opt_text(key, max)).value_or("");
}

// A reading in tenths, from a number with at most one decimal that matters.
Result<int> tenths(const http::JsonObject& b, const char* key, const char* what) {
  auto v = YC_TRY(b.opt_number(key));
  if (!v || !std::isfinite(*v) || std::fabs(*v) > 1000)
    return fail(ErrorCode::kInvalidArgument, fmt::format("请填写{}", what), key);
  return static_cast<int>(std::lround(*v * 10));
}

Result<bool> required_bool(const http::JsonObject& b, const char* key, const char* what) {
  auto v = YC_TRY(b.opt_bool(key));
  if (!v) return fail(ErrorCode::kInvalidArgument, fmt::format("请选择{}是否正常", what), key);
  return *v;
}

}  // namespace

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys) {
  api.add(Method::kGet, "/api/archives/files", kRead, [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    Filter f{r.query("q").value_or(""), r.query("state").value_or(""), r.query("unit").value_or(""),
             r.query("overdue").value_or("") == "1"};
    auto files = YC_TRY(db.transact<std::vector<File>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return list(tx, keys, p.scope(kRead), f, today());
    }));
    json::array items;
    for (const auto& x : files) items.push_back(file_json(x));
    return http::json_response(200, json::object{{"items", items}});
  });

  api.add(Method::kPost, "/api/archives/files", kWrite, [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    NewFile in;
    in.id_number = YC_TRY(b.text("id_number", 18));
    in.name = YC_TRY(b.text("name", 50));
    in.unit_code = YC_TRY(opt(b, "unit_code", 20));
    in.source = YC_TRY(b.text("source", 20));
    in.source_org = YC_TRY(opt(b, "source_org", 100));
    in.received_day = YC_TRY(opt(b, "received_day", 10));
    in.note = YC_TRY(opt(b, "note", 500));
    in.pages = static_cast<int>(std::clamp<std::int64_t>(YC_TRY(b.integer("pages")), -1, 100000));
    in.location = YC_TRY(location_of(b));
    auto f = YC_TRY(db.transact<File>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return intake(tx, keys, p.actor(identity::client_of(r).address), p.scope(kWrite), p.account_id, p.unit_code, in,
                    time::now_ms());
    }));
    return http::json_response(201, file_json(f));
  });

  api.add(Method::kGet, "/api/archives/files/:id", kRead, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto d = YC_TRY(db.transact<FileDetail>(store::TxMode::kRead, [&](store::Tx& tx) {
      return get(tx, p.scope(kRead), id, today());
    }));
    auto o = file_json(d.file);
    json::array loans, history;
    for (const auto& l : d.loans) loans.push_back(loan_json(l));
    for (const auto& e : d.history)
      history.push_back({{"kind", e.kind}, {"kind_name", event_name(e.kind)}, {"detail", e.detail}, {"day", e.day},
                         {"by_name", e.by_name}, {"created_at", e.created_at}});
    o["loans"] = std::move(loans);
    o["history"] = std::move(history);
    return http::json_response(200, o);
  });

  api.add(Method::kPost, "/api/archives/files/:id/reveal", kWrite, [&db, &keys](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto who = YC_TRY(db.transact<Person>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return reveal(tx, keys, p.actor(identity::client_of(r).address), p.scope(kWrite), id);
    }));
    return http::json_response(200, json::object{{"id_number", who.id_number}, {"name", who.name}});
  });

  // The register's steps, each for the archive keeper (archive.write) over the file's street.
  const auto step = [&db](const http::Request& r, const Principal& p, auto&& fn) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    auto f = YC_TRY(db.transact<File>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<File> {
      return fn(tx, b, p.actor(identity::client_of(r).address), p.scope(kWrite), p.account_id, id, time::now_ms());
    }));
    return http::json_response(200, file_json(f));
  };
  using Scope = org::Scope;
  api.add(Method::kPost, "/api/archives/files/:id/move", kWrite, [step](const http::Request& r, const Principal& p) {
    return step(r, p, [&](store::Tx& tx, const http::JsonObject& b, const audit::Actor& a, const Scope& s, std::int64_t by,
                          std::int64_t id, std::int64_t now) -> Result<File> {
      return move(tx, a, s, by, id, YC_TRY(b.integer("version")), YC_TRY(location_of(b)), now);
    });
  });
  api.add(Method::kPost, "/api/archives/files/:id/lend", kWrite, [step, &keys](const http::Request& r, const Principal& p) {
    return step(r, p, [&](store::Tx& tx, const http::JsonObject& b, const audit::Actor& a, const Scope& s, std::int64_t by,
                          std::int64_t id, std::int64_t now) -> Result<File> {
      auto unit = YC_TRY(opt(b, "borrower_unit", 100));
      auto name = YC_TRY(opt(b, "borrower_name", 50));
      auto purpose = YC_TRY(opt(b, "purpose", 200));
      auto lent = YC_TRY(opt(b, "lent_day", 10));
      auto due = YC_TRY(opt(b, "due_day", 10));
      NewLoan in{std::move(unit), std::move(name), std::move(purpose), std::move(lent), std::move(due)};
      return lend(tx, keys, a, s, by, id, in, now);
    });
  });
  api.add(Method::kPost, "/api/archives/files/:id/return", kWrite, [step](const http::Request& r, const Principal& p) {
    return step(r, p, [&](store::Tx& tx, const http::JsonObject& b, const audit::Actor& a, const Scope& s, std::int64_t by,
                          std::int64_t id, std::int64_t now) -> Result<File> {
      const auto day = YC_TRY(opt(b, "returned_day", 10));
      const auto condition = YC_TRY(opt(b, "condition", 200));
      return give_back(tx, a, s, by, id, day, condition, now);
    });
  });
  api.add(Method::kPost, "/api/archives/files/:id/transfer", kWrite, [step](const http::Request& r, const Principal& p) {
    return step(r, p, [&](store::Tx& tx, const http::JsonObject& b, const audit::Actor& a, const Scope& s, std::int64_t by,
                          std::int64_t id, std::int64_t now) -> Result<File> {
      auto to_org = YC_TRY(opt(b, "to_org", 100));
      auto reason = YC_TRY(opt(b, "reason", 200));
      auto day = YC_TRY(opt(b, "day", 10));
      auto receipt = YC_TRY(opt(b, "receipt_no", 50));
      Transfer t{std::move(to_org), std::move(reason), std::move(day), std::move(receipt)};
      return transfer(tx, a, s, by, id, t, now);
    });
  });

  // 库房检查 (policy 三(五)).
  api.add(Method::kGet, "/api/archives/room-checks", kRead, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    CheckFilter f{r.query("unit").value_or(""), r.query("room").value_or(""), r.query("from").value_or(""),
                  r.query("to").value_or(""), r.query("abnormal").value_or("") == "1"};
    auto list_ = YC_TRY(db.transact<std::vector<RoomCheck>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return checks(tx, p.scope(kRead), f);
    }));
    json::array items;
    for (const auto& c : list_) items.push_back(check_json(c));
    return http::json_response(200, json::object{{"items", items}});
  });

  api.add(Method::kPost, "/api/archives/room-checks", kWrite, [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    auto unit_code = YC_TRY(opt(b, "unit_code", 20));
    auto room = YC_TRY(b.text("room", 20));
    auto note = YC_TRY(opt(b, "note", 500));
    const auto checked_at = YC_TRY(b.opt_integer("checked_at"));
    const Reading reading{YC_TRY(tenths(b, "temperature", "温度")), YC_TRY(tenths(b, "humidity", "相对湿度")),
                          YC_TRY(required_bool(b, "extinguisher_ok", "灭火器")),
                          YC_TRY(required_bool(b, "smoke_detector_ok", "烟感报警器")),
                          YC_TRY(b.opt_bool("pests")).value_or(false), YC_TRY(b.opt_bool("leaks")).value_or(false)};
    NewRoomCheck in{std::move(unit_code), std::move(room), std::move(note), checked_at, reading};
    auto c = YC_TRY(db.transact<RoomCheck>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return record_check(tx, p.actor(identity::client_of(r).address), p.scope(kWrite), p.account_id, p.unit_code, in,
                          time::now_ms());
    }));
    return http::json_response(201, check_json(c));
  });

  api.add(Method::kGet, "/api/archives/rooms", kRead, [&db](const http::Request&, const Principal& p) -> Result<http::Response> {
    auto list_ = YC_TRY(db.transact<std::vector<Room>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return rooms(tx, p.scope(kRead));
    }));
    json::array items;
    for (const auto& x : list_)
      items.push_back({{"unit_code", x.unit_code}, {"unit_name", x.unit_name}, {"room", x.room}, {"files", x.files},
                       {"last_checked_at", http::or_null(x.last_checked_at)}, {"last_check_day", x.last_check_day},
                       {"last_abnormal", x.last_abnormal}});
    return http::json_response(200, json::object{{"items", items}});
  });
}

}  // namespace yc::archives
