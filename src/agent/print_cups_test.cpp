// Document printing against a private cupsd (tools/devsim/cups-sim) with the
// cups-pdf queue yc-pdf: the job's PDF lands in the sandbox's out/ directory,
// where the test finds its marker text. Needs cupsd, cups-pdf and poppler.

#include <cairo-pdf.h>
#include <cairo.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "sim_process.hpp"

#include "agent/drivers.hpp"


namespace yc::agent {
namespace {

using devsim::repo_root;
using devsim::run_command;

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// One private cupsd for the whole suite: cups-sim start runs in the
// foreground as our child; stop kills cupsd by its PID file, then the script.
class CupsSim {
 public:
  bool start() {
    dir_ = fs::temp_directory_path() / ("yc-cups-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const std::string script = repo_root() + "/tools/devsim/cups-sim";
    const std::string dir = dir_.string();
    auto env = devsim::start_until_env({"bash", script, "start", dir}, dir_ / "env", 30s, pid_);
    if (!env) return false;
    env_ = std::move(*env);
    return true;
  }

  void stop_cupsd() {
    if (pid_ <= 0) return;
    const std::string cmd = "bash '" + repo_root() + "/tools/devsim/cups-sim' stop '" + dir_.string() + "' 2>&1";
    (void)run_command(cmd);
    // The script returns once cupsd has gone; reap it, bounded.
    for (int i = 0; i < 50 && pid_ > 0; ++i) {
      int status;
      if (::waitpid(pid_, &status, WNOHANG) == pid_)
        pid_ = 0;
      else
        std::this_thread::sleep_for(100ms);
    }
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
      pid_ = 0;
    }
  }

  ~CupsSim() {
    stop_cupsd();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  std::string server() const { return env_.at("CUPS_SERVER"); }
  std::string queue() const { return env_.at("YC_CUPS_QUEUE"); }
  fs::path out() const { return env_.at("YC_CUPS_OUT"); }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
  pid_t pid_ = 0;
  std::map<std::string, std::string> env_;
};

CupsSim* sim = nullptr;

class CupsPrinting : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sim = new CupsSim;
    if (!sim->start()) {
      delete sim;
      sim = nullptr;
    }
  }
  static void TearDownTestSuite() {
    delete sim;
    sim = nullptr;
  }
  void SetUp() override { ASSERT_NE(sim, nullptr) << "tools/devsim/cups-sim did not start cupsd"; }
};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A one-page A4 PDF with `text` on it.
std::string pdf_with_text(const std::string& text) {
  std::string pdf;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(append, &pdf, 595, 842);
  cairo_t* cr = cairo_create(s);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 24);
  cairo_move_to(cr, 72, 144);
  cairo_show_text(cr, text.c_str());
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_destroy(s);
  return pdf;
}

TEST_F(CupsPrinting, ListsTheQueue) {
  auto printer = make_cups_printer(sim->server(), sim->queue());
  auto queues = printer->queues();
  ASSERT_TRUE(queues) << queues.error().message;
  bool found = false;
  for (const auto& q : *queues) {
    if (q.name != "yc-pdf") continue;
    found = true;
    EXPECT_EQ(q.info, "yichuang test PDF printer");
    EXPECT_TRUE(q.is_default);
    EXPECT_EQ(q.state, "idle");
  }
  EXPECT_TRUE(found);
  auto s = printer->status();
  EXPECT_EQ(s.state, DeviceState::kReady) << s.detail;
  EXPECT_EQ(s.model, "yc-pdf");
}

TEST_F(CupsPrinting, PrintsAPdfFromMemoryToCompletion) {
  auto printer = make_cups_printer(sim->server(), "");  // the CUPS default: yc-pdf
  const std::string marker = "YCMARK" + std::to_string(::getpid()) + "Z" +
                             std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
  auto job = printer->print_pdf("", "receipt-" + marker, pdf_with_text(marker), 1);
  ASSERT_TRUE(job) << job.error().message;
  EXPECT_GT(job->id, 0);
  EXPECT_EQ(job->queue, "yc-pdf");

  std::string state;
  for (int i = 0; i < 300 && state != "completed"; ++i) {  // at most 60 s
    auto j = printer->job(job->id);
    ASSERT_TRUE(j) << j.error().message;
    state = j->state;
    ASSERT_TRUE(state != "aborted" && state != "canceled" && state != "stopped")
        << state << "; see " << (sim->dir() / "log/error_log");
    if (state != "completed") std::this_thread::sleep_for(200ms);
  }
  ASSERT_EQ(state, "completed");

  // cups-pdf writes the file as the job finishes; it is named after the title.
  std::string found;
  for (int i = 0; i < 50 && found.empty(); ++i) {
    for (const auto& e : fs::directory_iterator(sim->out()))
      if (e.path().extension() == ".pdf" && e.path().filename().string().find(marker) != std::string::npos)
        found = e.path().string();
    if (found.empty()) std::this_thread::sleep_for(100ms);
  }
  ASSERT_FALSE(found.empty()) << "no PDF in " << sim->out();
  const std::string text = run_command("pdftotext '" + found + "' - 2>&1");
  EXPECT_NE(text.find(marker), std::string::npos) << text;
}

TEST_F(CupsPrinting, CopiesAndQueueAreValidated) {
  auto printer = make_cups_printer(sim->server(), sim->queue());
  auto unknown = printer->print_pdf("no-such-queue", "t", pdf_with_text("x"), 1);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().field, "queue");

  auto not_pdf = printer->print_pdf("", "t", "hello", 1);
  ASSERT_FALSE(not_pdf);
  EXPECT_EQ(not_pdf.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(not_pdf.error().field, "pdf");

  auto copies = printer->print_pdf("", "t", pdf_with_text("x"), 0);
  ASSERT_FALSE(copies);
  EXPECT_EQ(copies.error().field, "copies");

  auto missing = printer->job(999999);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  auto other = make_cups_printer(sim->server(), "no-such-queue");
  EXPECT_EQ(other->status().state, DeviceState::kAbsent);
}

TEST_F(CupsPrinting, StoppedSchedulerIsAbsent) {
  auto printer = make_cups_printer(sim->server(), sim->queue());
  sim->stop_cupsd();
  auto queues = printer->queues();
  ASSERT_FALSE(queues);
  EXPECT_EQ(queues.error().code, ErrorCode::kDeviceAbsent);
  EXPECT_EQ(queues.error().message, "无法连接打印服务（CUPS）");
  auto job = printer->print_pdf("", "t", pdf_with_text("x"), 1);
  ASSERT_FALSE(job);
  EXPECT_EQ(job.error().code, ErrorCode::kDeviceAbsent);
  EXPECT_EQ(printer->status().state, DeviceState::kAbsent);
  // The next test in this process gets a fresh scheduler.
  TearDownTestSuite();
  SetUpTestSuite();
}

}  // namespace
}  // namespace yc::agent
