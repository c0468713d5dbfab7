#include "agent/routes.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <boost/json.hpp>

#include <fmt/format.h>

#include "platform/http/json_body.hpp"

namespace yc::agent {
namespace {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

constexpr std::int64_t kMaxPrintBytes = 32 << 20;  // a long notice with scans is a few MB

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

json::object status_json(const DeviceStatus& s) {
  return {{"device", s.device}, {"state", state_name(s.state)}, {"detail", s.detail}, {"model", s.model}};
}

Response error(const Error& e, const Request& r) { return http::error_response(e, r.request_id); }

// Personal data goes to the page and nowhere else: every API answer is
// Cache-Control: no-store (the transport adds it to /api/).
Response private_json(const json::value& v) { return http::json_response(200, v); }

Result<ScanRequest> scan_request(const Request& r) {
  ScanRequest s;
  if (r.body.empty()) return s;
  auto body = YC_TRY(http::JsonObject::parse(r));
  if (auto dpi = YC_TRY(body.opt_integer("dpi")); dpi) {
    if (*dpi < 75 || *dpi > 600) return fail(ErrorCode::kInvalidArgument, "分辨率须在 75 到 600 dpi 之间", "dpi");
    s.dpi = static_cast<int>(*dpi);
  }
  if (auto mode = YC_TRY(body.opt_text("mode", 16)); mode) {
    if (*mode != "color" && *mode != "gray" && *mode != "lineart") {
      return fail(ErrorCode::kInvalidArgument, "扫描模式只能是 color、gray 或 lineart", "mode");
    }
    s.mode = *mode;
  }
  if (auto source = YC_TRY(body.opt_text("source", 16)); source) {
    if (*source != "flatbed" && *source != "adf") {
      return fail(ErrorCode::kInvalidArgument, "纸张来源只能是 flatbed（平板）或 adf（自动进纸）", "source");
    }
    s.source = *source;
  }
  return s;
}

}  // namespace

std::optional<Error> refuse(const Request& r, const std::vector<std::string>& allowed, int port) {
  // DNS rebinding: a page on evil.example resolving to 127.0.0.1 would send
  // Host: evil.example. Only the loopback names reach the devices.
  auto host = r.header("host");
  std::string h = host ? std::string(*host) : std::string();
  std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string p = fmt::format(":{}", port);
  if (h != "127.0.0.1" + p && h != "localhost" + p && h != "[::1]" + p) {
    return Error::make(ErrorCode::kForbidden, "设备助手只接受发往本机地址的请求", "Host");
  }
  auto origin = r.header("origin");
  if (!origin || std::find(allowed.begin(), allowed.end(), *origin) == allowed.end()) {
    return Error::make(ErrorCode::kForbidden, "设备助手只接受本窗口业务系统页面的请求，来源不符", "Origin");
  }
  return std::nullopt;
}

std::vector<DeviceStatus> device_statuses(Devices& d) {
  std::vector<DeviceStatus> out;
  auto add = [&](auto& device, const char* kind, const char* none) {
    if (device) {
      out.push_back(device->status());
    } else {
      out.push_back(DeviceStatus{kind, DeviceState::kDisabled, none, ""});
    }
  };
  add(d.idcard, "idcard", "本机未配置身份证阅读器");
  add(d.sscard, "sscard", "本机未启用社保卡读卡器");
  add(d.scanner, "scanner", "本机未启用扫描仪");
  add(d.printer, "printer", "本机未启用打印机");
  add(d.ticket_printer, "ticket_printer", "本机未配置票据打印机");
  return out;
}

http::Router make_agent_router(AgentContext& ctx) {
  http::Router router;
  std::vector<std::string> patterns;

  // Wraps a handler with the Origin/Host check and the CORS answer headers.
  auto add = [&](Method m, std::string pattern, http::Handler h, std::int64_t max_body = 0) {
    patterns.push_back(pattern);
    router.add(
        m, pattern,
        [&ctx, h = std::move(h)](const Request& r) {
          if (auto e = refuse(r, ctx.allowed_origins, ctx.port)) return error(*e, r);
          Response resp = h(r);
          resp.header("Access-Control-Allow-Origin", std::string(*r.header("origin")));
          resp.header("Access-Control-Expose-Headers", "X-Scan-Pages, X-Request-Id");
          resp.header("Vary", "Origin");
          return resp;
        },
        http::Execution::kWorker, max_body);
  };

  add(Method::kGet, "/api/status", [&ctx](const Request&) {
    json::array devices;
    for (const auto& s : device_statuses(ctx.devices)) devices.push_back(status_json(s));
    json::object agent{{"version", "0.1.0"}, {"paired", false}};
    if (ctx.server) {
      ServerLink l = ctx.server->link();
      agent["paired"] = l.paired;
      agent["device_name"] = l.device_name;
      agent["site_id"] = l.site_id;
      agent["site_name"] = l.site_name;
      agent["window_id"] = l.window_id;
      agent["window_no"] = l.window_no;
      agent["last_contact_ms"] = l.last_contact_ms;
      agent["problem"] = l.problem;
    } else {
      agent["problem"] = "设备助手尚未配置业务系统地址";
    }
    return http::json_response(200, json::object{{"agent", agent}, {"devices", devices}});
  });

  add(Method::kPost, "/api/idcard/read", [&ctx](const Request& r) {
    if (!ctx.devices.idcard) return error(Error::make(ErrorCode::kDeviceAbsent, "本机未配置身份证阅读器"), r);
    auto card = ctx.devices.idcard->read();
    if (!card) return error(card.error(), r);
    json::object o{{"name", card->name},          {"sex", card->sex},
                   {"sex_code", card->sex_code},  {"nation", card->nation},
                   {"nation_code", card->nation_code}, {"birth", card->birth},
                   {"address", card->address},    {"id_number", card->id_number},
                   {"issuer", card->issuer},      {"valid_from", card->valid_from},
                   {"valid_to", card->valid_to}};
    o["photo"] = card->photo_bmp.empty() ? json::value(nullptr)
                                         : json::value("data:image/bmp;base64," + base64(card->photo_bmp));
    return private_json(o);
  });

  add(Method::kPost, "/api/sscard/read", [&ctx](const Request& r) {
    if (!ctx.devices.sscard) return error(Error::make(ErrorCode::kDeviceAbsent, "本机未启用社保卡读卡器"), r);
    auto card = ctx.devices.sscard->read();
    if (!card) return error(card.error(), r);
    return private_json(json::object{{"card_number", card->card_number},
                                     {"card_type", card->card_type},
                                     {"version", card->version},
                                     {"issuer_code", card->issuer_code},
                                     {"issued_on", card->issued_on},
                                     {"valid_to", card->valid_to},
                                     {"social_number", card->social_number},
                                     {"name", card->name},
                                     {"sex", card->sex},
                                     {"nation", card->nation},
                                     {"birth_place", card->birth_place},
                                     {"birth", card->birth}});
  });

  // The pages come back in the answer and are never stored here (issue 8:
  // no personal data on the window PC's disk); the page uploads them.
  add(Method::kPost, "/api/scan", [&ctx](const Request& r) {
    if (!ctx.devices.scanner) return error(Error::make(ErrorCode::kDeviceAbsent, "本机未启用扫描仪"), r);
    auto req = scan_request(r);
    if (!req) return error(req.error(), r);
    std::string format = r.query("format").value_or("pdf");
    if (format != "pdf" && format != "jpeg") {
      return error(Error::make(ErrorCode::kInvalidArgument, "格式只能是 pdf 或 jpeg", "format"), r);
    }
    auto pages = ctx.devices.scanner->scan(*req);
    if (!pages) return error(pages.error(), r);
    if (pages->empty()) return error(Error::make(ErrorCode::kDeviceFailed, "扫描仪没有送回任何页面"), r);
    Response resp;
    resp.header("X-Scan-Pages", std::to_string(pages->size()));
    if (format == "jpeg") {
      resp.content_type = "image/jpeg";
      resp.body = std::move(pages->front().jpeg);
      return resp;
    }
    auto pdf = pages_to_pdf(*pages, req->dpi);
    if (!pdf) return error(pdf.error(), r);
    resp.content_type = "application/pdf";
    resp.body = std::move(*pdf);
    return resp;
  });

  add(Method::kGet, "/api/printers", [&ctx](const Request& r) {
    if (!ctx.devices.printer) return error(Error::make(ErrorCode::kDeviceAbsent, "本机未启用打印机"), r);
    auto queues = ctx.devices.printer->queues();
    if (!queues) return error(queues.error(), r);
    json::array list;
    for (const auto& q : *queues) {
      list.push_back({{"name", q.name}, {"info", q.info}, {"is_default", q.is_default}, {"state", q.state}});
    }
    return http::json_response(200, json::object{{"items", list}});
  });

  add(
      Method::kPost, "/api/print",
      [&ctx](const Request& r) {
        if (!ctx.devices.printer) return error(Error::make(ErrorCode::kDeviceAbsent, "本机未启用打印机"), r);
        auto type = r.header("content-type");
        if (!type || type->substr(0, 15) != "application/pdf") {
          return error(Error::make(ErrorCode::kUnsupportedMediaType, "只能打印 PDF（Content-Type: application/pdf）"), r);
        }
        int copies = 1;
        if (auto c = r.query("copies")) {
          copies = std::atoi(c->c_str());
          if (copies < 1 || copies > 20) {
            return error(Error::make(ErrorCode::kInvalidArgument, "份数须在 1 到 20 之间", "copies"), r);
          }
        }
        std::string title = r.query("title").value_or("一窗文书");
        if (title.size() > 200) title.resize(200);
        auto job = ctx.devices.printer->print_pdf(r.query("queue").value_or(""), title, r.body, copies);
        if (!job) return error(job.error(), r);
        return http::json_response(202, json::object{{"id", job->id}, {"queue", job->queue}, {"state", job->state}});
      },
      kMaxPrintBytes);

  add(Method::kGet, "/api/print/jobs/:id", [&ctx](const Request& r) {
    if (!ctx.devices.printer) return error(Error::make(ErrorCode::kDeviceAbsent, "本机未启用打印机"), r);
    auto id = http::id_param(r);
    if (!id) return error(id.error(), r);
    auto job = ctx.devices.printer->job(static_cast<int>(*id));
    if (!job) return error(job.error(), r);
    return http::json_response(200, json::object{{"id", job->id}, {"queue", job->queue}, {"state", job->state}});
  });

  add(Method::kPost, "/api/ticket/print", [&ctx](const Request& r) {
    if (!ctx.devices.ticket_printer) return error(Error::make(ErrorCode::kDeviceAbsent, "本机未配置票据打印机"), r);
    if (r.body.empty()) return error(Error::make(ErrorCode::kInvalidArgument, "没有要打印的内容", "body"), r);
    auto done = ctx.devices.ticket_printer->print(r.body);
    if (!done) return error(done.error(), r);
    return http::no_content();
  });

  // Preflight for every route: the same Origin/Host check, then the CORS
  // grant, including Chrome's Private Network Access for a public hall site
  // calling this loopback service.
  std::sort(patterns.begin(), patterns.end());
  patterns.erase(std::unique(patterns.begin(), patterns.end()), patterns.end());
  for (const auto& pattern : patterns) {
    router.add(
        Method::kOptions, pattern,
        [&ctx](const Request& r) {
          if (auto e = refuse(r, ctx.allowed_origins, ctx.port)) return error(*e, r);
          Response resp;
          resp.status = 204;
          resp.content_type.clear();
          resp.header("Access-Control-Allow-Origin", std::string(*r.header("origin")));
          resp.header("Access-Control-Allow-Methods", "GET, POST");
          resp.header("Access-Control-Allow-Headers", "Content-Type, X-Request-Id");
          resp.header("Access-Control-Max-Age", "600");
          resp.header("Vary", "Origin");
          if (r.header("access-control-request-private-network")) {
            resp.header("Access-Control-Allow-Private-Network", "true");
          }
          return resp;
        },
        http::Execution::kInline);
  }
  return router;
}

}  // namespace yc::agent
