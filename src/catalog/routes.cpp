#include "catalog/routes.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "catalog/answers.hpp"
#include "catalog/guide_pdf.hpp"
#include "catalog/offers.hpp"
#include "catalog/opendata.hpp"
#include "catalog/service.hpp"
#include "platform/http/json_body.hpp"
#include "platform/time.hpp"

namespace yc::catalog {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;

json::value opt_time(const std::optional<std::int64_t>& ms) {
  if (!ms) return nullptr;
  return json::value(time::format_utc(*ms));
}

std::string time_limit_text(const TimeLimit& t) {
  if (t.kind == "immediate") return "即办件(当场办结)";
  if (t.kind.empty()) return "";
  return fmt::format("承诺 {} 个工作日(法定 {} 个工作日)", t.promised_days, t.legal_days);
}

// The public card of an item: what lists and searches show.
json::object card(const Version& v) {
  const Item& it = v.item;
  json::array channels;
  for (const auto& c : it.channels) channels.push_back(json::value(label("channel", c)));
  return json::object{{"code", it.code},
                      {"name", it.name},
                      {"summary", it.summary},
                      {"category", it.category},
                      {"category_label", label("category", it.category)},
                      {"service_level", it.service_level},
                      {"service_level_label", label("service_level", it.service_level)},
                      {"time_limit_text", time_limit_text(it.time_limit)},
                      {"channels", std::move(channels)},
                      {"citywide", it.citywide},
                      {"demo", it.demo}};
}

json::object version_meta(const Version& v) {
  return json::object{{"id", v.id},
                      {"number", v.number},
                      {"status", v.status},
                      {"effective_from", opt_time(v.effective_from)},
                      {"edited_by", v.edited_by},
                      {"submitted_by", v.submitted_by},
                      {"reviewed_by", v.reviewed_by},
                      {"review_note", v.review_note},
                      {"reviewed_at", opt_time(v.reviewed_at)},
                      {"updated_at", time::format_utc(v.updated_at)},
                      {"row_version", v.version},
                      {"withdrawn", v.withdrawn}};
}

// The whole item with Chinese labels beside each code, for guides and editors.
json::object full(const Version& v) {
  json::object o = card(v);
  o["version"] = version_meta(v);
  o["document"] = to_json(v.item);
  json::object labels;
  const Item& it = v.item;
  labels["type"] = label("type", it.type);
  json::array levels, objects;
  for (const auto& l : it.levels) levels.push_back(json::value(label("level", l)));
  for (const auto& s : it.service_objects) objects.push_back(json::value(label("service_object", s)));
  labels["levels"] = std::move(levels);
  labels["service_objects"] = std::move(objects);
  labels["time_limit"] = time_limit_text(it.time_limit);
  json::array materials;
  for (const auto& m : it.materials)
    materials.push_back(json::object{{"kind", label("material_kind", m.kind)}, {"form", label("material_form", m.form)}});
  labels["materials"] = std::move(materials);
  json::array steps;
  for (const auto& s : it.process) steps.push_back(json::value(label("step", s.step)));
  labels["process"] = std::move(steps);
  labels["result_kind"] = label("result_kind", it.result.kind);
  json::array delivery;
  for (const auto& d : it.result.delivery) delivery.push_back(json::value(label("delivery", d)));
  labels["delivery"] = std::move(delivery);
  labels["high_risk"] = it.high_risk.empty() ? "" : std::string(label("high_risk", it.high_risk));
  json::array events;
  for (const auto& e : it.life_events) events.push_back(json::value(label("life_event", e)));
  labels["life_events"] = std::move(events);
  o["labels"] = std::move(labels);
  return o;
}

json::object summary_json(const VersionSummary& s) {
  return json::object{{"id", s.id},
                      {"code", s.item_code},
                      {"name", s.name},
                      {"number", s.number},
                      {"status", s.status},
                      {"category", s.category},
                      {"category_label", label("category", s.category)},
                      {"service_level", s.service_level},
                      {"service_level_label", label("service_level", s.service_level)},
                      {"edited_by", s.edited_by},
                      {"submitted_by", s.submitted_by},
                      {"reviewed_by", s.reviewed_by},
                      {"edited_login", s.edited_login},
                      {"submitted_login", s.submitted_login},
                      {"reviewed_login", s.reviewed_login},
                      {"review_note", s.review_note},
                      {"effective_from", opt_time(s.effective_from)},
                      {"reviewed_at", opt_time(s.reviewed_at)},
                      {"updated_at", time::format_utc(s.updated_at)},
                      {"withdrawn", s.withdrawn}};
}

Result<ListFilter> filter_of(const http::Request& r) {
  ListFilter f;
  f.q = r.query("q").value_or("");
  if (f.q.size() > 100) return fail(ErrorCode::kInvalidArgument, "查询词不能超过 100 个字符", "q");
  f.category = r.query("category").value_or("");
  if (!f.category.empty() && label("category", f.category) == f.category)
    return fail(ErrorCode::kInvalidArgument, "类别不正确", "category");
  f.life_event = r.query("event").value_or("");
  if (!f.life_event.empty() && label("life_event", f.life_event) == f.life_event)
    return fail(ErrorCode::kInvalidArgument, "人生事件不正确", "event");
  f.service_level = r.query("level").value_or("");
  if (!f.service_level.empty() && label("service_level", f.service_level) == f.service_level)
    return fail(ErrorCode::kInvalidArgument, "服务层面不正确", "level");
  return f;
}

Result<Item> document_of(const http::JsonObject& body) {
  if (!body.has("document")) return fail(ErrorCode::kInvalidArgument, "缺少字段 document", "document");
  return parse_item(body.raw("document"));
}

// "YYYY-MM-DD" as 00:00 of that day in Asia/Shanghai; empty: now.
Result<std::int64_t> effective_of(const std::optional<std::string>& text) {
  if (!text || text->empty()) return time::now_ms();
  return time::shanghai_day_start_ms(YC_TRY(time::parse_date(*text, "effective_from")));
}


template <typename T>
Result<T> read(store::Database& db, const std::function<Result<T>(store::Tx&)>& fn) {
  return db.transact<T>(store::TxMode::kRead, fn);
}

// Rendered guides by version id: a version never changes once published.
// Without server.public_url the QR code follows the request's Host, so a few
// hosts are kept per version; past that the first is served, so made-up Host
// headers cannot make the server render PDFs without end.
class PdfCache {
 public:
  static constexpr std::size_t kHostsPerVersion = 4;
  std::optional<std::string> get(std::int64_t id, const std::string& url) {
    std::lock_guard lock(mu_);
    auto it = pdfs_.find(id);
    if (it == pdfs_.end()) return std::nullopt;
    for (const auto& [u, pdf] : it->second)
      if (u == url) return pdf;
    if (it->second.size() >= kHostsPerVersion) return it->second.front().second;
    return std::nullopt;
  }
  void put(std::int64_t id, const std::string& url, std::string pdf) {
    std::lock_guard lock(mu_);
    if (pdfs_.size() >= 500) pdfs_.clear();
    auto& list = pdfs_[id];
    if (list.size() < kHostsPerVersion) list.emplace_back(url, std::move(pdf));
  }

 private:
  std::mutex mu_;
  std::map<std::int64_t, std::vector<std::pair<std::string, std::string>>> pdfs_;
};

// Public answers by request (path and query) for a few seconds: every channel
// (phones, screens, kiosks) reads the same guides, and they change rarely. A
// write on this node clears it; other nodes' writes show within kTtlMs.
class AnswerCache {
 public:
  static constexpr std::int64_t kTtlMs = 5'000;
  std::optional<std::string> get(const std::string& key, std::int64_t now) {
    std::lock_guard lock(mu_);
    auto it = answers_.find(key);
    if (it == answers_.end() || it->second.until <= now) return std::nullopt;
    return it->second.body;
  }
  void put(const std::string& key, std::string body, std::int64_t until) {
    std::lock_guard lock(mu_);
    if (answers_.size() >= 2'000) answers_.clear();
    answers_[key] = Entry{std::move(body), until};
  }
  void clear() {
    std::lock_guard lock(mu_);
    answers_.clear();
  }

 private:
  struct Entry {
    std::string body;
    std::int64_t until;
  };
  std::mutex mu_;
  std::map<std::string, Entry> answers_;
};

// A catalog write; the public answers cached on this node are dropped after it.
template <typename T>
Result<T> write(store::Database& db, AnswerCache& answers, const std::function<Result<T>(store::Tx&)>& fn) {
  auto r = db.transact<T>(store::TxMode::kWrite, fn);
  if (r) answers.clear();
  return r;
}

std::string shanghai_day(std::int64_t ms) { return time::shanghai_date(ms).iso(); }

// The base URL of the public pages, for the QR code.
std::string public_base(const GuideSettings& g, const http::Request& r) { return http::public_base(g.public_url, r); }

json::object offer_json(const Offer& o) {
  return json::object{{"id", o.id},
                      {"unit_code", o.unit_code},
                      {"unit_name", o.unit_name},
                      {"item_code", o.item_code},
                      {"item_name", o.item_name},
                      {"site_id", o.site_id ? json::value(*o.site_id) : json::value(nullptr)},
                      {"site_name", o.site_name},
                      {"windows", o.windows},
                      {"address", o.address},
                      {"hours", o.hours},
                      {"phone", o.phone},
                      {"note", o.note},
                      {"shown_address", o.shown_address},
                      {"shown_hours", o.shown_hours},
                      {"shown_phone", o.shown_phone},
                      {"version", o.version}};
}

json::object offers_json(const std::vector<Offer>& list) {
  json::array items;
  for (const auto& o : list) items.push_back(offer_json(o));
  return json::object{{"items", std::move(items)}};
}

}  // namespace

void add_routes(identity::ApiRouter& api, store::Database& db, GuideSettings guides) {
  auto cache = std::make_shared<PdfCache>();
  // The printable A4 guide with the QR code to /guides/:code (issue 5, item 6).
  api.add_public(Method::kGet, "/api/catalog/items/:code/guide.pdf", [&db, guides, cache](const http::Request& r) -> Result<http::Response> {
    const std::string code(r.param("code"));
    auto v = YC_TRY(read<Version>(db, [&](store::Tx& tx) { return get_current(tx, code, time::now_ms()); }));
    const std::string url = public_base(guides, r) + "/guides/" + code;
    auto pdf = cache->get(v.id, url);
    if (!pdf) {
      GuideFacts facts{url, v.number, shanghai_day(v.effective_from.value_or(0)), guides.hotline,
                       shanghai_day(time::now_ms())};
      pdf = YC_TRY(render_guide_pdf(v.item, facts));
      cache->put(v.id, url, *pdf);
    }
    http::Response resp;
    resp.content_type = "application/pdf";
    resp.body = std::move(*pdf);
    resp.header("Content-Disposition", fmt::format("inline; filename=\"guide-{}-v{}.pdf\"", code, v.number));
    return resp;
  });

  // --- Public: the guide's data on every channel (issue 5, items 6 and 9) ------
  auto answers = std::make_shared<AnswerCache>();
  api.add_public(Method::kGet, "/api/catalog/items", [&db, answers](const http::Request& r) -> Result<http::Response> {
    const auto now = time::now_ms();
    const std::string key = "list?" + r.raw_query;
    if (auto hit = answers->get(key, now)) return http::json_response(200, std::move(*hit));
    auto f = YC_TRY(filter_of(r));
    std::optional<std::int64_t> site;
    if (auto s = r.query("site"); s && !s->empty()) {
      if (s->size() > 18 || s->find_first_not_of("0123456789") != std::string::npos)
        return fail(ErrorCode::kInvalidArgument, "site 应为服务场所编号", "site");
      site = std::stoll(*s);
    }
    std::vector<std::string> at_site;
    auto list = YC_TRY(read<std::vector<Version>>(db, [&](store::Tx& tx) -> Result<std::vector<Version>> {
      if (site) at_site = YC_TRY(items_at_site(tx, *site));
      return list_current(tx, f, now);
    }));
    json::array items;
    for (const auto& v : list)
      if (!site || std::find(at_site.begin(), at_site.end(), v.item_code) != at_site.end()) items.push_back(card(v));
    auto body = json::serialize(json::object{{"items", std::move(items)}});
    answers->put(key, body, now + AnswerCache::kTtlMs);
    return http::json_response(200, std::move(body));
  });

  // Answer search (issue 11, item 5): a question as people ask it -> the
  // items whose guide answers it, with the lines to read out.
  api.add_public(Method::kGet, "/api/catalog/answers", [&db, answers](const http::Request& r) -> Result<http::Response> {
    const auto q = r.query("q").value_or("");
    if (q.empty() || q.size() > 300) return fail(ErrorCode::kInvalidArgument, "请输入问题(不超过 100 个字)", "q");
    const auto now = time::now_ms();
    const std::string key = "answers?" + q;
    if (auto hit = answers->get(key, now)) return http::json_response(200, std::move(*hit));
    auto list = YC_TRY(read<std::vector<Version>>(db, [&](store::Tx& tx) { return list_current(tx, ListFilter{}, now); }));
    std::vector<Item> items;
    for (const auto& v : list) items.push_back(v.item);
    json::array out;
    for (const auto& a : search_answers(items, q, 8)) {
      json::array lines;
      for (const auto& l : a.lines)
        lines.push_back(json::object{{"field", l.field}, {"label", l.label}, {"text", l.text}});
      out.push_back(json::object{{"code", a.code}, {"name", a.name}, {"score", a.score}, {"lines", std::move(lines)}});
    }
    auto body = json::serialize(json::object{{"items", std::move(out)}});
    answers->put(key, body, now + AnswerCache::kTtlMs);
    return http::json_response(200, std::move(body));
  });

  api.add_public(Method::kGet, "/api/catalog/items/:code", [&db, answers](const http::Request& r) -> Result<http::Response> {
    const auto now = time::now_ms();
    const std::string code(r.param("code"));
    const std::string key = "item/" + code;
    if (auto hit = answers->get(key, now)) return http::json_response(200, std::move(*hit));
    auto v = YC_TRY(read<Version>(db, [&](store::Tx& tx) { return get_current(tx, code, now); }));
    auto body = json::serialize(full(v));
    answers->put(key, body, now + AnswerCache::kTtlMs);
    return http::json_response(200, std::move(body));
  });

  // Exports (issue 5, item 8): the items in force as our JSON, and as open
  // data in EU CPSV-AP JSON-LD or schema.org GovernmentService.
  api.add_public(Method::kGet, "/api/catalog/export", [&db, guides](const http::Request& r) -> Result<http::Response> {
    const auto format = r.query("format").value_or("json");
    if (format != "json" && format != "cpsv-ap" && format != "schema.org")
      return fail(ErrorCode::kInvalidArgument, "format 应为 json、cpsv-ap 或 schema.org", "format");
    const auto now = time::now_ms();
    auto list = YC_TRY(read<std::vector<Version>>(db, [&](store::Tx& tx) { return list_current(tx, ListFilter{}, now); }));
    std::vector<Item> items;
    for (const auto& v : list) items.push_back(v.item);
    const auto base = public_base(guides, r);
    http::Response resp;
    if (format == "json") {
      json::array out;
      for (const auto& v : list)
        out.push_back(json::object{{"version", v.number}, {"effective_from", opt_time(v.effective_from)},
                                   {"document", to_json(v.item)}});
      resp = http::json_response(200, json::object{{"generated_at", time::format_utc(now)}, {"items", std::move(out)}});
    } else {
      resp = http::json_response(200, format == "cpsv-ap" ? to_cpsv_ap(items, base) : to_schema_org(items, base, "北京市"));
      resp.content_type = "application/ld+json; charset=utf-8";
    }
    resp.header("Content-Disposition",
                fmt::format("attachment; filename=\"catalog-{}-{}.json{}\"", format, shanghai_day(now),
                            format == "json" ? "" : "ld"));
    return resp;
  });

  // Where an item is handled (implementation lists), for the guide page.
  api.add_public(Method::kGet, "/api/catalog/items/:code/offers", [&db](const http::Request& r) -> Result<http::Response> {
    const std::string code(r.param("code"));
    auto list = YC_TRY(read<std::vector<Offer>>(db, [&](store::Tx& tx) {
      return item_offers(tx, code, r.query("unit").value_or(""));
    }));
    return http::json_response(200, offers_json(list));
  });

  // --- Implementation lists (issue 5, item 2) --------------------------------------
  api.add(Method::kGet, "/api/catalog/offers", "org.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto unit = r.query("unit").value_or("");
    if (unit.empty()) return fail(ErrorCode::kInvalidArgument, "请指定单位", "unit");
    auto list = YC_TRY(read<std::vector<Offer>>(db, [&](store::Tx& tx) { return unit_offers(tx, p.scope("org.read"), unit); }));
    return http::json_response(200, offers_json(list));
  });

  api.add(Method::kPut, "/api/catalog/offers/:unit/:item", "catalog.offer", [&db, answers](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    OfferInput in;
    in.site_id = YC_TRY(body.opt_integer("site_id"));
    in.windows = YC_TRY(body.opt_text("windows", 60)).value_or("");
    in.address = YC_TRY(body.opt_text("address", 120)).value_or("");
    in.hours = YC_TRY(body.opt_text("hours", 60)).value_or("");
    in.phone = YC_TRY(body.opt_text("phone", 30)).value_or("");
    in.note = YC_TRY(body.opt_text("note", 200)).value_or("");
    const std::string unit(r.param("unit")), item(r.param("item"));
    auto o = YC_TRY(write<Offer>(db, *answers, [&](store::Tx& tx) {
      return set_offer(tx, p.actor(identity::client_of(r).address), p.scope("catalog.offer"), unit, item, in);
    }));
    return http::json_response(200, offer_json(o));
  });

  api.add(Method::kDelete, "/api/catalog/offers/:unit/:item", "catalog.offer", [&db, answers](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const std::string unit(r.param("unit")), item(r.param("item"));
    YC_TRY_VOID(write<bool>(db, *answers, [&](store::Tx& tx) -> Result<bool> {
      YC_TRY_VOID(remove_offer(tx, p.actor(identity::client_of(r).address), p.scope("catalog.offer"), unit, item));
      return true;
    }));
    return http::no_content();
  });

  // --- Editors (catalog.manage; writes need it at the city) ---------------------
  api.add(Method::kGet, "/api/catalog/admin/items", "catalog.manage", [&db](const http::Request& r, const Principal&) -> Result<http::Response> {
    auto f = YC_TRY(filter_of(r));
    auto list = YC_TRY(read<std::vector<VersionSummary>>(db, [&](store::Tx& tx) { return list_latest(tx, f); }));
    json::array items;
    for (const auto& s : list) items.push_back(summary_json(s));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  api.add(Method::kPost, "/api/catalog/admin/items", "catalog.manage", [&db, answers](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    auto item = YC_TRY(document_of(body));
    auto v = YC_TRY(write<Version>(db, *answers, [&](store::Tx& tx) {
      return create_item(tx, p.actor(identity::client_of(r).address), p.scope("catalog.manage"), item);
    }));
    return http::json_response(201, full(v));
  });

  // Import (issue 5, item 8): documents as JSON (the editor's page turns a
  // spreadsheet's rows into them); all or nothing, with a report per row.
  api.add(Method::kPost, "/api/catalog/admin/import", "catalog.manage", [&db, answers](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto body = YC_TRY(http::JsonObject::parse(r));
    const auto& items = body.raw("items");
    if (!items.is_array()) return fail(ErrorCode::kInvalidArgument, "items 应为事项列表", "items");
    auto report = YC_TRY(write<ImportReport>(db, *answers, [&](store::Tx& tx) {
      return import_items(tx, p.actor(identity::client_of(r).address), p.scope("catalog.manage"), items.as_array());
    }));
    json::array rows;
    for (const auto& row : report.rows) {
      json::array problems;
      for (const auto& f : row.problems)
        problems.push_back(json::object{{"rule", f.rule}, {"path", f.path}, {"message", f.message}});
      rows.push_back(json::object{{"row", row.row}, {"code", row.code}, {"outcome", row.outcome},
                                  {"problems", std::move(problems)}});
    }
    return http::json_response(report.imported ? 200 : 422,
                               json::object{{"imported", report.imported}, {"rows", std::move(rows)}});
  });

  api.add(Method::kGet, "/api/catalog/admin/items/:code/versions", "catalog.manage", [&db](const http::Request& r, const Principal&) -> Result<http::Response> {
    const std::string code(r.param("code"));
    auto list = YC_TRY(read<std::vector<VersionSummary>>(db, [&](store::Tx& tx) { return history(tx, code); }));
    json::array items;
    for (const auto& s : list) items.push_back(summary_json(s));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  });

  api.add(Method::kPost, "/api/catalog/admin/items/:code/drafts", "catalog.manage", [&db, answers](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const std::string code(r.param("code"));
    auto v = YC_TRY(write<Version>(db, *answers, [&](store::Tx& tx) {
      return new_draft(tx, p.actor(identity::client_of(r).address), p.scope("catalog.manage"), code);
    }));
    return http::json_response(201, full(v));
  });

  api.add(Method::kPost, "/api/catalog/admin/items/:code/withdraw", "catalog.manage", [&db, answers](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const std::string code(r.param("code"));
    auto body = YC_TRY(http::JsonObject::parse(r));
    auto reason = YC_TRY(body.text("reason", 200));
    YC_TRY_VOID(write<bool>(db, *answers, [&](store::Tx& tx) -> Result<bool> {
      YC_TRY_VOID(withdraw(tx, p.actor(identity::client_of(r).address), p.scope("catalog.manage"), code, reason));
      return true;
    }));
    return http::no_content();
  });

  api.add(Method::kPost, "/api/catalog/admin/items/:code/restore", "catalog.manage", [&db, answers](const http::Request& r, const Principal& p) -> Result<http::Response> {
    const std::string code(r.param("code"));
    YC_TRY_VOID(write<bool>(db, *answers, [&](store::Tx& tx) -> Result<bool> {
      YC_TRY_VOID(restore(tx, p.actor(identity::client_of(r).address), p.scope("catalog.manage"), code));
      return true;
    }));
    return http::no_content();
  });

  api.add(Method::kGet, "/api/catalog/versions/:id", "catalog.manage", [&db](const http::Request& r, const Principal&) -> Result<http::Response> {
    auto id = YC_TRY(http::id_param(r));
    auto v = YC_TRY(read<Version>(db, [&](store::Tx& tx) { return get_version(tx, id); }));
    auto o = full(v);
    json::array findings;
    for (const auto& f : check(v.item))
      findings.push_back(json::object{{"rule", f.rule}, {"path", f.path}, {"message", f.message}});
    o["findings"] = std::move(findings);
    return http::json_response(200, o);
  });

  api.add(Method::kPut, "/api/catalog/versions/:id", "catalog.manage", [&db, answers](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto id = YC_TRY(http::id_param(r));
    auto body = YC_TRY(http::JsonObject::parse(r));
    auto item = YC_TRY(document_of(body));
    auto expected = YC_TRY(body.integer("row_version"));
    auto v = YC_TRY(write<Version>(db, *answers, [&](store::Tx& tx) {
      return save_draft(tx, p.actor(identity::client_of(r).address), p.scope("catalog.manage"), id, item, expected);
    }));
    return http::json_response(200, full(v));
  });

  api.add(Method::kPost, "/api/catalog/versions/:id/submit", "catalog.manage", [&db, answers](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto id = YC_TRY(http::id_param(r));
    auto body = YC_TRY(http::JsonObject::parse(r));
    auto expected = YC_TRY(body.integer("row_version"));
    auto v = YC_TRY(write<Version>(db, *answers, [&](store::Tx& tx) {
      return submit(tx, p.actor(identity::client_of(r).address), p.scope("catalog.manage"), id, expected);
    }));
    return http::json_response(200, full(v));
  });

  api.add(Method::kPost, "/api/catalog/versions/:id/approve", "catalog.manage", [&db, answers](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto id = YC_TRY(http::id_param(r));
    auto body = YC_TRY(http::JsonObject::parse(r));
    auto expected = YC_TRY(body.integer("row_version"));
    auto effective = YC_TRY(effective_of(YC_TRY(body.opt_text("effective_from", 10))));
    auto note = YC_TRY(body.opt_text("note", 200)).value_or("");
    auto v = YC_TRY(write<Version>(db, *answers, [&](store::Tx& tx) {
      return approve(tx, p.actor(identity::client_of(r).address), p.scope("catalog.manage"), id, effective, note, expected);
    }));
    return http::json_response(200, full(v));
  });

  api.add(Method::kPost, "/api/catalog/versions/:id/reject", "catalog.manage", [&db, answers](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto id = YC_TRY(http::id_param(r));
    auto body = YC_TRY(http::JsonObject::parse(r));
    auto expected = YC_TRY(body.integer("row_version"));
    auto note = YC_TRY(body.text("note", 200));
    auto v = YC_TRY(write<Version>(db, *answers, [&](store::Tx& tx) {
      return reject(tx, p.actor(identity::client_of(r).address), p.scope("catalog.manage"), id, note, expected);
    }));
    return http::json_response(200, full(v));
  });

  api.add(Method::kGet, "/api/catalog/versions/:id/diff", "catalog.manage", [&db](const http::Request& r, const Principal&) -> Result<http::Response> {
    auto id = YC_TRY(http::id_param(r));
    std::optional<std::int64_t> against;
    if (auto a = r.query("against"); a && !a->empty()) {
      if (a->size() > 18 || a->find_first_not_of("0123456789") != std::string::npos)
        return fail(ErrorCode::kInvalidArgument, "against 应为版本编号", "against");
      against = std::stoll(*a);
    }
    json::object out;
    YC_TRY_VOID(read<bool>(db, [&](store::Tx& tx) -> Result<bool> {
      auto after = YC_TRY(get_version(tx, id));
      std::optional<Version> before;
      if (against) {
        before = YC_TRY(get_version(tx, *against));
        if (before->item_code != after.item_code)
          return fail(ErrorCode::kInvalidArgument, "只能比较同一事项的版本", "against");
      } else {
        auto hist = YC_TRY(history(tx, after.item_code));
        for (const auto& h : hist)
          if (h.number < after.number) {
            before = YC_TRY(get_version(tx, h.id));
            break;
          }
      }
      json::array changes;
      if (before)
        for (const auto& c : diff(before->item, after.item))
          changes.push_back(json::object{{"path", c.path}, {"label", c.label}, {"before", c.before}, {"after", c.after}});
      out = json::object{{"from", before ? json::value(before->number) : json::value(nullptr)},
                         {"to", after.number},
                         {"changes", std::move(changes)}};
      return true;
    }));
    return http::json_response(200, out);
  });

  // --- Conformance (issue 5, item 4) -----------------------------------------------
  api.add(Method::kGet, "/api/catalog/conformance", "catalog.manage", [&db](const http::Request&, const Principal&) -> Result<http::Response> {
    std::vector<OfferFinding> offer_problems;
    auto report = YC_TRY(read<std::vector<ItemFindings>>(db, [&](store::Tx& tx) -> Result<std::vector<ItemFindings>> {
      offer_problems = YC_TRY(offer_findings(tx));
      return conformance(tx);
    }));
    json::array items;
    std::map<std::string, std::pair<int, int>> per_category;  // items, items with findings
    int failing = 0;
    for (const auto& it : report) {
      auto& c = per_category[it.category];
      ++c.first;
      if (it.findings.empty()) continue;
      ++c.second;
      ++failing;
      json::array findings;
      for (const auto& f : it.findings)
        findings.push_back(json::object{{"rule", f.rule}, {"path", f.path}, {"message", f.message}});
      items.push_back(json::object{{"code", it.code}, {"name", it.name}, {"number", it.number}, {"status", it.status},
                                   {"category_label", label("category", it.category)},
                                   {"findings", std::move(findings)}});
    }
    json::array counts;
    for (const auto& [cat, c] : per_category)
      counts.push_back(json::object{{"category", cat}, {"category_label", label("category", cat)},
                                    {"items", c.first}, {"failing", c.second}});
    json::array offers;
    std::map<std::pair<std::string, std::string>, int> per_district;
    for (const auto& f : offer_problems) {
      ++per_district[{f.district_code, f.district_name}];
      offers.push_back(json::object{{"district_code", f.district_code}, {"district_name", f.district_name},
                                    {"unit_code", f.unit_code}, {"unit_name", f.unit_name},
                                    {"item_code", f.item_code}, {"item_name", f.item_name}, {"message", f.message}});
    }
    json::array districts;
    for (const auto& [d, n] : per_district)
      districts.push_back(json::object{{"district_code", d.first}, {"district_name", d.second}, {"findings", n}});
    return http::json_response(200, json::object{{"checked", report.size()}, {"failing", failing},
                                                 {"items", std::move(items)}, {"by_category", std::move(counts)},
                                                 {"offers", std::move(offers)}, {"by_district", std::move(districts)}});
  });
}

}  // namespace yc::catalog
