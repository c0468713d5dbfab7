#pragma once
// The built SPA (web/dist), loaded into memory at start: only files that were
// there can ever be served, so no request path reaches the file system.
// Hashed assets under /assets/ are cached for a year; index.html and other
// files are revalidated with ETag. A precompressed "<file>.gz" beside a file
// is sent to clients that accept gzip.

#include <map>
#include <memory>
#include <string>

#include "platform/http/http.hpp"
#include "platform/result.hpp"

namespace yc::http {

class StaticSite {
 public:
  // Reads every regular file under root. An empty root gives an empty site.
  static Result<std::shared_ptr<const StaticSite>> load(const std::string& root);

  bool empty() const { return files_.empty(); }
  std::size_t file_count() const { return files_.size(); }

  // GET/HEAD of a non-API path. The body of the returned response refers to
  // memory owned by this site (Response::static_body).
  Response serve(const Request& request) const;

 private:
  struct File {
    std::string content;
    std::string gzip;  // empty when no precompressed copy
    std::string etag;
    std::string content_type;
    bool immutable = false;
  };
  const File* find(const std::string& decoded_path) const;
  Response respond(const Request& request, const File& file) const;

  std::map<std::string, File, std::less<>> files_;  // key: "/index.html"
};

}  // namespace yc::http
