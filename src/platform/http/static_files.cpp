#include "platform/http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace yc::http {
namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string content_type_for(const std::string& path) {
  auto dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "gif") return "image/gif";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "ttf") return "font/ttf";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "pdf") return "application/pdf";
  if (ext == "webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}

// FNV-1a, 64 bits: a stable ETag that every node computes alike.
std::string etag_of(const std::string& content) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : content) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("\"{:016x}-{:x}\"", h, content.size());
}

bool accepts_gzip(const Request& r) {
  auto ae = r.header("accept-encoding");
  return ae && ae->find("gzip") != std::string_view::npos;
}

bool etag_matches(std::string_view if_none_match, const std::string& etag) {
  if (if_none_match == "*") return true;
  std::size_t i = 0;
  while (i < if_none_match.size()) {
    auto comma = if_none_match.find(',', i);
    std::string_view tag = if_none_match.substr(i, comma - i);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == etag) return true;
    if (comma == std::string_view::npos) break;
    i = comma + 1;
  }
  return false;
}

Response not_found(const Request& r) {
  return error_response(Error::make(ErrorCode::kNotFound), r.request_id);
}

}  // namespace

Result<std::shared_ptr<const StaticSite>> StaticSite::load(const std::string& root) {
  auto site = std::make_shared<StaticSite>();
  if (root.empty()) return std::shared_ptr<const StaticSite>(site);
  std::error_code ec;
  const auto base = std::filesystem::canonical(root, ec);
  if (ec || !std::filesystem::is_directory(base))
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("server.web_root: 目录不存在: {} (先运行 make web 构建前端)", root),
                "server.web_root");
  for (auto it = std::filesystem::recursive_directory_iterator(base, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const auto rel = "/" + std::filesystem::relative(it->path(), base).generic_string();
    if (rel.size() > 3 && rel.compare(rel.size() - 3, 3, ".gz") == 0) continue;
    File f;
    f.content = read_file(it->path());
    auto gz = it->path();
    gz += ".gz";
    if (std::filesystem::is_regular_file(gz)) f.gzip = read_file(gz);
    f.etag = etag_of(f.content);
    f.content_type = content_type_for(rel);
    f.immutable = rel.rfind("/assets/", 0) == 0;
    site->files_.emplace(rel, std::move(f));
  }
  if (ec)
    return fail(ErrorCode::kInvalidArgument,
                fmt::format("server.web_root: 无法读取 {}: {}", root, ec.message()),
                "server.web_root");
  return std::shared_ptr<const StaticSite>(site);
}

const StaticSite::File* StaticSite::find(const std::string& path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

Response StaticSite::respond(const Request& r, const File& f) const {
  Response resp;
  resp.content_type = f.content_type;
  resp.header("ETag", f.etag);
  resp.header("Cache-Control",
              f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (!f.gzip.empty()) resp.header("Vary", "Accept-Encoding");
  if (auto inm = r.header("if-none-match"); inm && etag_matches(*inm, f.etag)) {
    resp.status = 304;
    resp.content_type.clear();
    return resp;
  }
  if (!f.gzip.empty() && accepts_gzip(r)) {
    resp.header("Content-Encoding", "gzip");
    resp.static_body = f.gzip;
  } else {
    resp.static_body = f.content;
  }
  return resp;
}

Response StaticSite::serve(const Request& r) const {
  // Path traversal and other tricks: decode once, then refuse anything that is
  // not a plain relative path. A refused path is 404, never a file read.
  auto decoded = percent_decode(r.path);
  if (!decoded || decoded->empty() || (*decoded)[0] != '/' ||
      decoded->find('\\') != std::string::npos || decoded->find("//") != std::string::npos ||
      decoded->find('%') != std::string::npos)
    return not_found(r);
  for (std::size_t i = 0; i < decoded->size();) {
    auto j = decoded->find('/', i + 1);
    std::string_view seg = std::string_view(*decoded).substr(i + 1, j == std::string::npos
                                                                         ? std::string::npos
                                                                         : j - i - 1);
    if (seg == ".." || seg == ".") return not_found(r);
    if (j == std::string::npos) break;
    i = j;
  }
  const std::string path = *decoded == "/" ? "/index.html" : *decoded;
  if (const File* f = find(path)) return respond(r, *f);
  // SPA fallback: a client-side route (no file extension in its last segment)
  // gets its application's page: "/<first segment>.html" when the build has
  // one (the public portal, portal.html, for /portal and /portal/...), else
  // index.html; a missing file is a 404.
  const auto last = path.substr(path.rfind('/') + 1);
  if (last.find('.') == std::string::npos) {
    const auto first = path.substr(1, path.find('/', 1) == std::string::npos ? std::string::npos : path.find('/', 1) - 1);
    if (!first.empty() && first != "index")
      if (const File* app = find("/" + first + ".html")) return respond(r, *app);
    if (const File* index = find("/index.html")) return respond(r, *index);
  }
  return not_found(r);
}

}  // namespace yc::http
