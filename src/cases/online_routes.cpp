// The online application API (网上办, issue 11 item 3; docs/api/citizen.md
// "Online application"): the form of an item, uploads, the submission, the
// applicant's view of the case, corrections and the result paper. Every
// route is the signed-in citizen's (cookie yc_citizen, CSRF on writes) and
// answers only for their own cases.

#include <boost/json.hpp>
#include <fmt/format.h>

#include "audit/service.hpp"
#include "cases/documents.hpp"
#include "cases/routes.hpp"
#include "catalog/service.hpp"
#include "platform/http/json_body.hpp"
#include "platform/log.hpp"

namespace yc::cases {
namespace {

namespace json = boost::json;
using http::Method;
using identity::CitizenPrincipal;


Applicant applicant_of(const http::Request& r, const CitizenPrincipal& p) {
  return Applicant{p.citizen_id, p.kind, p.id_hash, p.actor(identity::client_of(r).address)};
}

// [{idx, uploads: [id, ...]}, ...] from the body's `materials` (absent: none).
Result<std::vector<Service::MaterialFiles>> material_files(const http::JsonObject& b) {
  std::vector<Service::MaterialFiles> out;
  const auto& raw = b.raw("materials");
  if (raw.is_null()) return out;
  const auto wrong = [] { return fail(ErrorCode::kInvalidArgument, "材料格式不正确", "materials"); };
  if (!raw.is_array() || raw.as_array().size() > 100) return wrong();
  for (const auto& v : raw.as_array()) {
    if (!v.is_object()) return wrong();
    const auto& o = v.as_object();
    const auto* idx = o.if_contains("idx");
    const auto* uploads = o.if_contains("uploads");
    if (idx == nullptr || !idx->is_int64() || idx->as_int64() < 0 || idx->as_int64() > 999) return wrong();
    Service::MaterialFiles m;
    m.idx = static_cast<int>(idx->as_int64());
    if (uploads != nullptr && !uploads->is_null()) {
      if (!uploads->is_array() || uploads->as_array().size() > 20)
        return fail(ErrorCode::kInvalidArgument, "文件列表格式不正确", fmt::format("materials[{}].uploads", m.idx));
      for (const auto& u : uploads->as_array()) {
        if (!u.is_int64() || u.as_int64() <= 0)
          return fail(ErrorCode::kInvalidArgument, "文件列表格式不正确", fmt::format("materials[{}].uploads", m.idx));
        m.uploads.push_back(u.as_int64());
      }
    }
    out.push_back(std::move(m));
  }
  return out;
}

json::array labelled(const std::vector<std::string>& codes, std::string_view enumeration) {
  json::array out;
  for (const auto& c : codes)
    out.push_back(json::object{{"code", c}, {"label", std::string(catalog::label(enumeration, c))}});
  return out;
}

json::object form_json(const Service::ApplyForm& f, const CitizenPrincipal& p, std::int64_t max_bytes) {
  const auto& item = *f.item;
  json::array materials, sites, objects;
  int idx = 0;
  for (const auto& m : item.materials)
    materials.push_back(json::object{{"idx", idx++},
                                     {"name", m.name},
                                     {"kind", m.kind},
                                     {"required", m.required},
                                     {"condition", m.condition},
                                     {"form", m.form},
                                     {"form_label", std::string(catalog::label("material_form", m.form))},
                                     {"count", m.count},
                                     {"shared", m.shared},
                                     {"shared_source", m.shared_source},
                                     {"blank_form", m.blank_form},
                                     {"sample", m.sample}});
  for (const auto& s : f.sites)
    sites.push_back(json::object{{"id", s.id},
                                 {"name", s.name},
                                 {"kind", s.kind},
                                 {"address", s.address},
                                 {"unit_name", s.unit_name},
                                 {"district_name", s.district_name}});
  for (const auto& o : item.service_objects) objects.emplace_back(o);
  const std::vector<std::string> ways = item.result.delivery.empty() ? std::vector<std::string>{"window"}
                                                                      : item.result.delivery;
  return json::object{
      {"item", json::object{{"code", item.code},
                            {"name", item.name},
                            {"version_id", f.version_id},
                            {"summary", item.summary},
                            {"time_limit", json::object{{"kind", item.time_limit.kind},
                                                        {"promised_days", item.time_limit.promised_days}}},
                            {"result_name", item.result.name},
                            {"delivery", labelled(ways, "delivery")},
                            {"service_objects", std::move(objects)}}},
      {"materials", std::move(materials)},
      {"sites", std::move(sites)},
      {"applicant", json::object{{"kind", p.kind},
                                 {"name", p.name_masked},
                                 {"id_number", p.id_masked},
                                 {"phone", p.phone_masked}}},
      {"declaration", f.declaration},
      {"upload", json::object{{"max_bytes", max_bytes},
                              {"types", json::array{"image/jpeg", "image/png", "application/pdf"}}}}};
}

bool result_available(const Case& c) {
  return c.status == "rejected" || ((c.status == "delivered" || c.status == "closed") && !c.outcome.empty());
}

std::string_view outcome_label(std::string_view outcome) {
  if (outcome == "approved") return "准予办理";
  if (outcome == "refused") return "不予办理";
  if (outcome == "rejected") return "不予受理";
  return "";
}

// The applicant's view: steps and dates, no staff names or logins.
json::object applicant_json(const Detail& d, const std::string& site_name) {
  const auto& c = d.c;
  json::array materials, steps, deliveries;
  for (const auto& m : d.materials)
    materials.push_back(json::object{{"idx", m.idx},
                                     {"name", m.name},
                                     {"required", m.required},
                                     {"condition", m.condition},
                                     {"state", m.state},
                                     {"state_label", material_state_label(m.state, m.received_form)},
                                     {"reason", m.reason},
                                     {"files", m.files}});
  const Event* returned = nullptr;
  for (const auto& e : d.events) {
    if (!e.is_public) continue;
    if (e.kind == "returned") returned = &e;
    steps.push_back(json::object{{"kind", e.kind}, {"step", e.step}, {"note", e.note}, {"unit_name", e.unit_name},
                                 {"at", e.at}});
  }
  for (const auto& x : d.deliveries)
    deliveries.push_back(json::object{{"method", x.method},
                                      {"label", std::string(catalog::label("delivery", x.method))},
                                      {"tracking_no", x.tracking_no},
                                      {"at", x.delivered_at}});
  json::value correction = nullptr;
  if (c.status == "notified" && !d.notices.empty()) {
    const auto& n = d.notices.back();
    json::array lines;
    for (const auto& l : n.lines)
      lines.push_back(json::object{{"idx", l.idx}, {"name", l.name}, {"state", l.state}, {"reason", l.reason}});
    correction = json::object{{"kind", "notice"}, {"notice_no", n.notice_no}, {"at", n.issued_at}, {"note", n.note},
                              {"materials", std::move(lines)}};
  } else if (c.status == "returned" && returned != nullptr) {
    correction = json::object{{"kind", "return"}, {"at", returned->at}, {"note", returned->note}, {"materials", json::array{}}};
  }
  json::value result = nullptr;
  if (!c.outcome.empty())
    result = json::object{{"available", result_available(c)},
                          {"outcome", c.outcome},
                          {"label", std::string(outcome_label(c.outcome))},
                          {"kind", c.status == "rejected" ? "rejection" : "decision"}};
  json::value delivery = nullptr;
  if (d.online)
    delivery = json::object{{"method", d.online->delivery},
                            {"label", std::string(catalog::label("delivery", d.online->delivery))},
                            {"address", d.online->address_masked}};
  // The case's papers the applicant may download (办件文书).
  const auto base = "/api/citizen/cases/" + c.case_no;
  json::array papers;
  if (c.accepted_at) papers.push_back(json::object{{"kind", "receipt"}, {"label", "受理回执"}, {"path", base + "/receipt.pdf"}});
  if (!d.notices.empty())
    papers.push_back(json::object{{"kind", "notice"},
                                  {"label", "一次性告知书 " + d.notices.back().notice_no},
                                  {"path", base + "/notice.pdf"}});
  if (result_available(c))
    papers.push_back(json::object{{"kind", "result"},
                                  {"label", c.status == "rejected" ? "不予受理决定书" : "办理结果通知书"},
                                  {"path", base + "/result.pdf"}});
  return json::object{{"case_no", c.case_no},
                      {"papers", std::move(papers)},
                      {"item_code", c.item_code},
                      {"item_name", c.item_name},
                      {"channel", c.channel},
                      {"status", c.status},
                      {"status_name", std::string(status_label(c.status))},
                      {"outcome", c.outcome},
                      {"clock", d.clock},
                      {"created_at", c.created_at},
                      {"accepted_day", http::or_null(c.accepted_day)},
                      {"due_day", http::or_null(c.due_day)},
                      {"completed_at", http::or_null(c.completed_at)},
                      {"delivered_at", http::or_null(c.delivered_at)},
                      {"site_name", site_name},
                      {"intake_unit_name", c.intake_unit_name},
                      {"delivery", std::move(delivery)},
                      {"materials", std::move(materials)},
                      {"correction", std::move(correction)},
                      {"steps", std::move(steps)},
                      {"result", std::move(result)},
                      {"deliveries", std::move(deliveries)},
                      {"progress_path", "/progress/" + c.case_no + "?t=" + c.progress_token},
                      {"can_rate", c.status == "delivered" || c.status == "closed" || c.status == "rejected"}};
}

struct Seen {
  Detail d;
  std::string site_name;
};

Result<Seen> seen(store::Tx& tx, Detail d) {
  std::string site;
  if (d.c.site_id) {
    auto r = YC_TRY(tx.query("SELECT name FROM org_site WHERE id = $1", {*d.c.site_id}));
    if (!r.rows.empty()) site = r.rows[0].text(0);
  }
  return Seen{std::move(d), std::move(site)};
}

}  // namespace

void add_online_routes(identity::ApiRouter& api, store::Database& db, std::shared_ptr<Service> svc,
                       DocumentSettings settings) {
  api.add_citizen(Method::kGet, "/api/citizen/apply/:item_code", [&db, svc](const http::Request& r, const CitizenPrincipal& p) -> Result<http::Response> {
    const std::string code(r.param("item_code"));
    auto form = YC_TRY(db.transact<Service::ApplyForm>(store::TxMode::kRead, [&](store::Tx& tx) {
      return svc->apply_form(tx, applicant_of(r, p), code, time::now_ms());
    }));
    return http::json_response(200, form_json(form, p, svc->policy().max_file_bytes));
  });

  api.add_citizen(Method::kPost, "/api/citizen/uploads", [&db, svc](const http::Request& r, const CitizenPrincipal& p) -> Result<http::Response> {
    const auto declared = std::string(r.header("content-type").value_or(""));
    if (declared.rfind("image/jpeg", 0) != 0 && declared.rfind("image/png", 0) != 0 &&
        declared.rfind("application/pdf", 0) != 0)
      return fail(ErrorCode::kUnsupportedMediaType, "只能上传 JPEG、PNG 图片或 PDF 文件", "file");
    auto u = YC_TRY(db.transact<Service::Upload>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return svc->upload(tx, applicant_of(r, p), r.body, declared, time::now_ms());
    }));
    return http::json_response(201, json::object{{"id", u.id}, {"content_type", u.content_type}, {"size", u.size},
                                                 {"created_at", u.created_at}});
  }, svc->policy().max_file_bytes + 1);

  api.add_citizen(Method::kDelete, "/api/citizen/uploads/:id", [&db, svc](const http::Request& r, const CitizenPrincipal& p) -> Result<http::Response> {
    const auto id = YC_TRY(http::id_param(r, "id"));
    YC_TRY_VOID(db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) {
      return svc->drop_upload(tx, applicant_of(r, p), id, time::now_ms());
    }));
    http::Response resp;
    resp.status = 204;
    return resp;
  });

  api.add_citizen(Method::kPost, "/api/citizen/applications", [&db, svc](const http::Request& r, const CitizenPrincipal& p) -> Result<http::Response> {
    auto b = YC_TRY(http::JsonObject::parse(r));
    Service::OnlineInput in;
    in.item_code = YC_TRY(b.text("item_code", 16));
    in.site_id = YC_TRY(b.opt_integer("site_id")).value_or(0);
    in.phone = YC_TRY(b.opt_text("phone", 20)).value_or("");
    in.delivery = YC_TRY(b.text("delivery", 10));
    in.address = YC_TRY(b.opt_text("address", 200)).value_or("");
    in.note = YC_TRY(b.opt_text("note", 500)).value_or("");
    in.declaration = YC_TRY(b.opt_bool("declaration")).value_or(false);
    in.materials = YC_TRY(material_files(b));
    auto s = YC_TRY(db.transact<Seen>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Seen> {
      return seen(tx, YC_TRY(svc->submit_online(tx, applicant_of(r, p), in, time::now_ms())));
    }));
    return http::json_response(201, applicant_json(s.d, s.site_name));
  });

  api.add_citizen(Method::kGet, "/api/citizen/cases/:case_no", [&db, svc](const http::Request& r, const CitizenPrincipal& p) -> Result<http::Response> {
    const std::string case_no(r.param("case_no"));
    auto s = YC_TRY(db.transact<Seen>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<Seen> {
      return seen(tx, YC_TRY(svc->applicant_case(tx, applicant_of(r, p), case_no, time::now_ms())));
    }));
    return http::json_response(200, applicant_json(s.d, s.site_name));
  });

  api.add_citizen(Method::kPost, "/api/citizen/cases/:case_no/correction", [&db, svc](const http::Request& r, const CitizenPrincipal& p) -> Result<http::Response> {
    const std::string case_no(r.param("case_no"));
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto note = YC_TRY(b.opt_text("note", 500)).value_or("");
    const auto materials = YC_TRY(material_files(b));
    auto s = YC_TRY(db.transact<Seen>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Seen> {
      return seen(tx, YC_TRY(svc->correct_online(tx, applicant_of(r, p), case_no, note, materials, time::now_ms())));
    }));
    return http::json_response(200, applicant_json(s.d, s.site_name));
  });

  // The acceptance receipt and the latest one-time notice, as handed over at the window.
  const auto paper = [&api, &db, svc, settings](std::string suffix, std::string kind) {
    api.add_citizen(Method::kGet, "/api/citizen/cases/:case_no/" + suffix, [&db, svc, settings, kind](const http::Request& r, const CitizenPrincipal& p) -> Result<http::Response> {
      const std::string case_no(r.param("case_no"));
      const auto who = applicant_of(r, p);
      auto d = YC_TRY(db.transact<Detail>(store::TxMode::kRead, [&](store::Tx& tx) {
        return svc->applicant_case(tx, who, case_no, time::now_ms());
      }));
      std::string bytes;
      if (kind == "receipt") {
        if (!d.c.accepted_at) return fail(ErrorCode::kConflict, "本件尚未受理,没有受理回执", "status");
        bytes = YC_TRY(render_receipt_pdf(d, settings, r));
      } else {
        if (d.notices.empty()) return fail(ErrorCode::kNotFound, "本件没有一次性告知书", "case_no");
        bytes = YC_TRY(render_notice_pdf(d, d.notices.back(), settings));
      }
      http::Response resp;
      resp.content_type = "application/pdf";
      resp.body = std::move(bytes);
      resp.header("Content-Disposition", fmt::format("inline; filename=\"{}-{}.pdf\"", kind, d.c.case_no));
      resp.header("Cache-Control", "no-store");
      return resp;
    });
  };
  paper("receipt.pdf", "receipt");
  paper("notice.pdf", "notice");

  api.add_citizen(Method::kGet, "/api/citizen/cases/:case_no/result.pdf", [&db, svc, settings](const http::Request& r, const CitizenPrincipal& p) -> Result<http::Response> {
    const std::string case_no(r.param("case_no"));
    const auto who = applicant_of(r, p);
    // A write transaction: reading the result is audited.
    auto d = YC_TRY(db.transact<Detail>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<Detail> {
      auto found = YC_TRY(svc->applicant_case(tx, who, case_no, time::now_ms()));
      if (!result_available(found.c)) return fail(ErrorCode::kConflict, "办件尚未出件,暂无办理结果", "status");
      auto e = audit::entry_for(who.actor, "case.result.read", "service_case", found.c.case_no);
      YC_TRY_VOID(audit::append(tx, std::move(e)));
      return found;
    }));
    auto bytes = YC_TRY(d.c.status == "rejected" ? render_decision_pdf(d, settings) : render_result_pdf(d, settings));
    http::Response resp;
    resp.content_type = "application/pdf";
    resp.body = std::move(bytes);
    resp.header("Content-Disposition", fmt::format("inline; filename=\"result-{}.pdf\"", d.c.case_no));
    resp.header("Cache-Control", "no-store");
    return resp;
  });
}

Result<int> purge_uploads(store::Database& db, const privacy::KeyRing& keys, const Policy& policy) {
  Service svc(keys, policy);
  const auto now = time::now_ms();
  auto digests = YC_TRY(db.transact<std::vector<std::string>>(store::TxMode::kWrite,
                                                              [&](store::Tx& tx) { return svc.purge_uploads(tx, now); }));
  return svc.remove_orphan_files(db, digests, now);
}

}  // namespace yc::cases
