// Document printing through CUPS (issue 8). Each call opens its own
// connection to the scheduler: an http_t is not thread-safe, the scheduler is
// on the same machine (or the hall's print server), and a fresh connection
// notices a restarted cupsd. The PDF goes from memory to the scheduler over
// IPP (Create-Job + Send-Document); the agent writes no file.

#include <cups/cups.h>
#include <cups/ipp.h>

#include <algorithm>
#include <charconv>
#include <string_view>

#include <fmt/format.h>

#include "agent/drivers.hpp"

namespace yc::agent {
namespace {

constexpr int kConnectTimeoutMs = 3000;
constexpr double kIoTimeoutSeconds = 15.0;
constexpr int kMaxCopies = 99;

const char* const kUnreachable = "无法连接打印服务（CUPS）";

// Stops a blocked read or write after kIoTimeoutSeconds instead of waiting
// forever on a scheduler that accepted the connection but hung.
int give_up(http_t*, void*) { return 0; }

struct Connection {
  http_t* http = nullptr;
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() {
    if (http) httpClose(http);
  }
};

// The error of the last libcups call on this thread. A lost connection shows
// as SERVICE_UNAVAILABLE (libcups sets it for HTTP-level failures).
Unexpected cups_error(std::string_view what) {
  const ipp_status_t st = cupsLastError();
  if (st == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE) return fail(ErrorCode::kDeviceAbsent, kUnreachable);
  const char* text = cupsLastErrorString();
  return fail(ErrorCode::kDeviceFailed, fmt::format("{}：{}", what, text && *text ? text : ippErrorString(st)));
}

std::string_view job_state_name(int state) {
  switch (state) {
    case IPP_JSTATE_PENDING:
      return "pending";
    case IPP_JSTATE_HELD:
      return "held";
    case IPP_JSTATE_PROCESSING:
      return "processing";
    case IPP_JSTATE_STOPPED:
      return "stopped";
    case IPP_JSTATE_CANCELED:
      return "canceled";
    case IPP_JSTATE_ABORTED:
      return "aborted";
    case IPP_JSTATE_COMPLETED:
      return "completed";
    default:
      return "pending";
  }
}

std::string printer_state_name(const char* state) {
  if (!state) return "idle";
  std::string_view s = state;
  if (s == "4") return "printing";
  if (s == "5") return "stopped";
  return "idle";
}

class Dests {
 public:
  Dests() = default;
  Dests(const Dests&) = delete;
  Dests& operator=(const Dests&) = delete;
  ~Dests() { cupsFreeDests(n_, dests_); }
  int n_ = 0;
  cups_dest_t* dests_ = nullptr;
};

class CupsPrinter final : public Printer {
 public:
  CupsPrinter(std::string server, std::string default_queue)
      : server_(std::move(server)), default_queue_(std::move(default_queue)) {}

  Result<std::vector<PrintQueue>> queues() override {
    Connection c;
    YC_TRY_VOID(connect(c));
    return list(c);
  }

  Result<PrintJob> print_pdf(const std::string& queue, const std::string& title, const std::string& pdf,
                             int copies) override {
    if (pdf.compare(0, 5, "%PDF-") != 0) return fail(ErrorCode::kInvalidArgument, "打印内容不是 PDF 文件", "pdf");
    if (copies < 1 || copies > kMaxCopies)
      return fail(ErrorCode::kInvalidArgument, fmt::format("份数须在 1 至 {} 之间", kMaxCopies), "copies");

    Connection c;
    YC_TRY_VOID(connect(c));
    auto queues = YC_TRY(list(c));
    std::string name = queue.empty() ? default_queue_ : queue;
    if (name.empty()) {
      for (const auto& q : queues)
        if (q.is_default) name = q.name;
      if (name.empty()) return fail(ErrorCode::kInvalidArgument, "未设置默认打印机，请选择打印队列", "queue");
    }
    bool known = false;
    for (const auto& q : queues) known = known || q.name == name;
    if (!known) return fail(ErrorCode::kInvalidArgument, fmt::format("打印队列 {} 不存在", name), "queue");

    const char* job_title = title.empty() ? "yichuang" : title.c_str();
    const int id = create_job(c, name, job_title, copies);
    if (id <= 0) return cups_error("创建打印任务失败");

    if (cupsStartDocument(c.http, name.c_str(), id, job_title, CUPS_FORMAT_PDF, 1) != HTTP_STATUS_CONTINUE) {
      auto err = cups_error("发送打印内容失败");
      cupsCancelJob2(c.http, name.c_str(), id, 0);
      return err;
    }
    constexpr std::size_t kChunk = 64 * 1024;
    for (std::size_t off = 0; off < pdf.size(); off += kChunk) {
      const std::size_t n = std::min(kChunk, pdf.size() - off);
      if (cupsWriteRequestData(c.http, pdf.data() + off, n) != HTTP_STATUS_CONTINUE) {
        auto err = cups_error("发送打印内容失败");
        cupsFinishDocument(c.http, name.c_str());
        cupsCancelJob2(c.http, name.c_str(), id, 0);
        return err;
      }
    }
    if (cupsFinishDocument(c.http, name.c_str()) > IPP_STATUS_OK_EVENTS_COMPLETE) {
      auto err = cups_error("发送打印内容失败");
      cupsCancelJob2(c.http, name.c_str(), id, 0);
      return err;
    }
    auto job = get_job(c, id);
    if (job) return job;
    // The job was accepted; its state could not be read back yet.
    return PrintJob{id, name, "pending"};
  }

  Result<PrintJob> job(int id) override {
    if (id <= 0) return fail(ErrorCode::kInvalidArgument, "打印任务编号无效", "id");
    Connection c;
    YC_TRY_VOID(connect(c));
    return get_job(c, id);
  }

  DeviceStatus status() override {
    DeviceStatus s;
    s.device = "printer";
    Connection c;
    auto connected = connect(c);
    if (!connected) {
      s.state = DeviceState::kAbsent;
      s.detail = connected.error().message;
      return s;
    }
    auto queues = list(c);
    if (!queues) {
      s.state = queues.error().code == ErrorCode::kDeviceAbsent ? DeviceState::kAbsent : DeviceState::kError;
      s.detail = queues.error().message;
      return s;
    }
    for (const auto& q : *queues) {
      if (default_queue_.empty() ? q.is_default : q.name == default_queue_) {
        s.model = q.name;
        s.state = q.state == "stopped" ? DeviceState::kError : DeviceState::kReady;
        s.detail = q.state == "stopped" ? fmt::format("打印队列 {} 已停止", q.name) : "打印机就绪";
        return s;
      }
    }
    s.state = DeviceState::kAbsent;
    s.detail = default_queue_.empty() ? "未设置默认打印机" : fmt::format("未找到打印队列 {}", default_queue_);
    return s;
  }

 private:
  Result<void> connect(Connection& c) {
    std::string host;
    int port = ippPort();
    if (server_.empty()) {
      host = cupsServer();  // CUPS_SERVER, client.conf, or the local socket
    } else {
      host = server_;
      // "host:port", "[v6]:port"; a socket path has no port.
      const auto colon = host.rfind(':');
      if (host[0] != '/' && colon != std::string::npos && host.find(']', colon) == std::string::npos) {
        int p = 0;
        auto [ptr, ec] = std::from_chars(host.data() + colon + 1, host.data() + host.size(), p);
        if (ec != std::errc{} || ptr != host.data() + host.size() || p <= 0 || p > 65535)
          return fail(ErrorCode::kInvalidArgument, "打印服务地址无效", "printer.server");
        port = p;
        host.resize(colon);
      }
      if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    }
    if (host.empty() || host[0] == '/') port = 0;
    c.http = httpConnect2(host.c_str(), port, nullptr, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, kConnectTimeoutMs,
                          nullptr);
    if (!c.http) return fail(ErrorCode::kDeviceAbsent, kUnreachable);
    httpSetTimeout(c.http, kIoTimeoutSeconds, give_up, nullptr);
    return ok();
  }

  Result<std::vector<PrintQueue>> list(Connection& c) {
    Dests d;
    d.n_ = cupsGetDests2(c.http, &d.dests_);
    // No queue at all reads as NOT_FOUND ("No destinations added"): an empty list.
    if (d.n_ == 0 && cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE && cupsLastError() != IPP_STATUS_ERROR_NOT_FOUND)
      return cups_error("读取打印队列失败");
    std::vector<PrintQueue> out;
    for (int i = 0; i < d.n_; ++i) {
      const cups_dest_t& dest = d.dests_[i];
      if (dest.instance) continue;  // lpoptions instances are the same queue
      PrintQueue q;
      q.name = dest.name;
      const char* info = cupsGetOption("printer-info", dest.num_options, dest.options);
      q.info = info ? info : "";
      q.is_default = dest.is_default != 0;
      q.state = printer_state_name(cupsGetOption("printer-state", dest.num_options, dest.options));
      out.push_back(std::move(q));
    }
    return out;
  }

  // Create-Job as a plain IPP request. cupsCreateJob() looks the queue up
  // again through cupsCopyDestInfo(), which fails ("printer does not exist")
  // when the connection is to a server other than the process default.
  static int create_job(Connection& c, const std::string& queue, const char* title, int copies) {
    ipp_t* request = ippNewRequest(IPP_OP_CREATE_JOB);
    const std::string uri = fmt::format("ipp://localhost/printers/{}", queue);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, title);
    ippAddInteger(request, IPP_TAG_JOB, IPP_TAG_INTEGER, "copies", copies);
    const std::string resource = fmt::format("/printers/{}", queue);
    ipp_t* response = cupsDoRequest(c.http, request, resource.c_str());  // frees request
    int id = 0;
    if (response && cupsLastError() <= IPP_STATUS_OK_EVENTS_COMPLETE)
      if (ipp_attribute_t* a = ippFindAttribute(response, "job-id", IPP_TAG_INTEGER)) id = ippGetInteger(a, 0);
    ippDelete(response);
    return id;
  }

  // Get-Job-Attributes: one job by id, whoever submitted it.
  Result<PrintJob> get_job(Connection& c, int id) {
    ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    const std::string uri = fmt::format("ipp://localhost/jobs/{}", id);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, uri.c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    static const char* const kAttrs[] = {"job-id", "job-state", "job-printer-uri"};
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, nullptr, kAttrs);
    ipp_t* response = cupsDoRequest(c.http, request, "/");  // frees request
    const ipp_status_t st = cupsLastError();
    if (!response || st > IPP_STATUS_OK_EVENTS_COMPLETE) {
      ippDelete(response);
      if (st == IPP_STATUS_ERROR_NOT_FOUND) return fail(ErrorCode::kNotFound, "打印任务不存在", "id");
      return cups_error("读取打印任务失败");
    }
    PrintJob job;
    job.id = id;
    if (ipp_attribute_t* a = ippFindAttribute(response, "job-state", IPP_TAG_ENUM))
      job.state = job_state_name(ippGetInteger(a, 0));
    else
      job.state = "pending";
    if (ipp_attribute_t* a = ippFindAttribute(response, "job-printer-uri", IPP_TAG_URI)) {
      std::string_view printer_uri = ippGetString(a, 0, nullptr);
      job.queue = std::string(printer_uri.substr(printer_uri.rfind('/') + 1));
    }
    ippDelete(response);
    return job;
  }

  std::string server_;
  std::string default_queue_;
};

}  // namespace

std::unique_ptr<Printer> make_cups_printer(std::string server, std::string default_queue) {
  return std::make_unique<CupsPrinter>(std::move(server), std::move(default_queue));
}

}  // namespace yc::agent
