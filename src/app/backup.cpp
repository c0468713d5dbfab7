#include "app/backup.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <vector>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "app/app.hpp"
#include "audit/service.hpp"
#include "platform/time.hpp"
#include "store/backup.hpp"
#include "store/database.hpp"

extern char** environ;

namespace yc::app {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr const char* kManifest = "manifest.json";
constexpr const char* kSqliteFile = "yichuang.db";
constexpr const char* kPgDumpFile = "yichuang.dump";
constexpr const char* kFilesDir = "files";
constexpr int kManifestFormat = 1;
// 256 pages of 4 KiB: each step is a millisecond or so of copying.
constexpr int kPagesPerStep = 256;

void say_error(const std::string& message) { std::fprintf(stderr, "yichuang: %s\n", message.c_str()); }

int failed(const Error& e) {
  say_error(e.message);
  return 1;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The database as of one snapshot: what the manifest records and what a
// restore is checked against.
struct Snapshot {
  int level = 0;
  std::map<std::string, std::int64_t> tables;  // name -> rows
  std::int64_t head_seq = 0;
  std::string head_hash;

  std::int64_t rows() const {
    std::int64_t n = 0;
    for (const auto& [name, count] : tables) n += count;
    return n;
  }
};

Result<Snapshot> read_snapshot(store::Tx& tx) {
  Snapshot s;
  const char* list = tx.engine() == store::Engine::kSqlite
                         ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                           "ORDER BY name"
                         : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename";
  auto names = YC_TRY(tx.query(list));
  for (const auto& row : names.rows) {
    const auto& name = row.text(0);
    // The name comes from the catalog, not from input; quoted as an identifier.
    std::string quoted = "\"";
    for (char ch : name) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    quoted += '"';
    s.tables[name] = YC_TRY(tx.one("SELECT COUNT(*) FROM " + quoted)).int64(0);
  }
  if (s.tables.count("schema_migrations") > 0)
    s.level = static_cast<int>(YC_TRY(tx.one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")).int64(0));
  if (s.tables.count("audit_head") > 0) {
    auto head = YC_TRY(tx.query("SELECT seq, hash FROM audit_head WHERE id = 1"));
    if (!head.rows.empty()) {
      s.head_seq = head.rows[0].int64(0);
      s.head_hash = head.rows[0].text(1);
    }
  }
  return s;
}

store::Options options_for_sqlite_file(const Config& c, const std::string& path) {
  auto o = store_options(c);
  o.sqlite_path = path;
  o.pool_size = 1;
  return o;
}

Result<std::string> file_sha256(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::kUnavailable, fmt::format("无法读取 {}", path.string()));
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return fail(ErrorCode::kUnavailable, fmt::format("读取 {} 时出错", path.string()));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

Result<void> fsync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return fail(ErrorCode::kUnavailable, fmt::format("无法打开 {}: {}", path.string(), std::strerror(errno)));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return fail(ErrorCode::kUnavailable, fmt::format("无法写入 {}: {}", path.string(), std::strerror(err)));
  return {};
}

// A real copy (never a hard link: the backup may be on another file system
// and must not share inodes with the live data), written under a temporary
// name, flushed, then renamed into place.
Result<void> copy_durably(const fs::path& from, const fs::path& to) {
  const fs::path tmp = to.string() + ".tmp";
  std::error_code ec;
  fs::copy_file(from, tmp, fs::copy_options::overwrite_existing, ec);
  if (ec)
    return fail(ec == std::errc::no_space_on_device ? ErrorCode::kStorageFull : ErrorCode::kUnavailable,
                fmt::format("无法复制 {} 到 {}: {}", from.string(), tmp.string(), ec.message()));
  YC_TRY_VOID(fsync_path(tmp, O_RDONLY));
  fs::rename(tmp, to, ec);
  if (ec) return fail(ErrorCode::kUnavailable, fmt::format("无法重命名 {}: {}", tmp.string(), ec.message()));
  return fsync_path(to.parent_path().empty() ? fs::path(".") : to.parent_path(), O_RDONLY | O_DIRECTORY);
}

struct FileTally {
  std::int64_t copied = 0;
  std::int64_t skipped = 0;  // already there, same size
  std::int64_t bytes = 0;
};

// Copies the sealed files (<aa>/<digest>.sealed) of one files directory into
// another. They are immutable and named by their digest, so one already
// there with the same size is the same file and is not copied again. A file
// that vanishes meanwhile (an unused upload purged) is passed over.
Result<FileTally> copy_sealed_files(const fs::path& from, const fs::path& to) {
  FileTally tally;
  std::error_code ec;
  if (!fs::exists(from, ec)) return tally;
  for (auto it = fs::recursive_directory_iterator(from, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != ".sealed") continue;
    const auto rel = fs::relative(it->path(), from, ec);
    if (ec) break;
    const fs::path target = to / rel;
    const auto size = it->file_size(ec);
    if (ec) {
      ec.clear();
      continue;
    }
    std::error_code there;
    if (fs::exists(target, there) && fs::file_size(target, there) == size) {
      ++tally.skipped;
      continue;
    }
    fs::create_directories(target.parent_path(), ec);
    if (ec) break;
    auto copied = copy_durably(it->path(), target);
    if (!copied) {
      if (!fs::exists(it->path(), there)) continue;
      return Unexpected{copied.error()};
    }
    ++tally.copied;
    tally.bytes += static_cast<std::int64_t>(size);
  }
  if (ec) return fail(ErrorCode::kUnavailable, fmt::format("无法读取文件目录 {}: {}", from.string(), ec.message()));
  return tally;
}

// A PostgreSQL client program: on PATH, else PostgreSQL 15's directory.
std::string pg_tool(const char* name) {
  if (const char* path = std::getenv("PATH"); path != nullptr) {
    std::string_view rest = path;
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      const auto dir = rest.substr(0, colon);
      const fs::path candidate = fs::path(dir.empty() ? "." : std::string(dir)) / name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  const fs::path fallback = fs::path("/usr/lib/postgresql/15/bin") / name;
  if (::access(fallback.c_str(), X_OK) == 0) return fallback.string();
  return {};
}

// Runs a program to its end with the password in PGPASSWORD (not on its
// command line, where `ps` would show it). Its standard error is kept for the
// message when it fails.
Result<void> run_pg_tool(const std::string& program, std::vector<std::string> args, const std::string& password) {
  std::vector<std::string> env_text;
  for (char** e = environ; *e != nullptr; ++e)
    if (std::strncmp(*e, "PGPASSWORD=", 11) != 0) env_text.emplace_back(*e);
  if (!password.empty()) env_text.push_back("PGPASSWORD=" + password);
  std::vector<char*> envp;
  for (auto& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);
  args.insert(args.begin(), program);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int err[2];
  if (::pipe2(err, O_CLOEXEC) != 0) return fail(ErrorCode::kUnavailable, "无法启动 " + program);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, err[1], STDERR_FILENO);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, program.c_str(), &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  ::close(err[1]);
  if (rc != 0) {
    ::close(err[0]);
    return fail(ErrorCode::kUnavailable, fmt::format("无法启动 {}: {}", program, std::strerror(rc)));
  }
  std::string output;
  char buf[4096];
  for (;;) {
    const auto n = ::read(err[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (output.size() < 8192) output.append(buf, static_cast<std::size_t>(n));
  }
  ::close(err[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  // Belt and braces: the tools do not echo the password, but never print it.
  if (!password.empty())
    for (auto at = output.find(password); at != std::string::npos; at = output.find(password))
      output.replace(at, password.size(), "***");
  while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
  const auto name = fs::path(program).filename().string();
  return fail(ErrorCode::kUnavailable,
              WIFEXITED(status) ? fmt::format("{} 失败 (退出码 {}): {}", name, WEXITSTATUS(status), output)
                                : fmt::format("{} 异常终止: {}", name, output));
}

json::object snapshot_json(const Snapshot& s) {
  json::object tables;
  for (const auto& [name, count] : s.tables) tables[name] = count;
  return json::object{{"migration_level", s.level},
                      {"tables", std::move(tables)},
                      {"rows", s.rows()},
                      {"audit_head", json::object{{"seq", s.head_seq}, {"hash", s.head_hash}}}};
}

struct Manifest {
  std::string kind;  // "sqlite" | "postgresql"
  std::string database_file;
  std::string sha256;
  std::string created_at;
  Snapshot snapshot;
};

Result<Manifest> read_manifest(const fs::path& dir) {
  const fs::path path = dir / kManifest;
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::kNotFound, fmt::format("{} 不存在: 这不是一个完整的备份目录", path.string()));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    const auto doc = json::parse(text).as_object();
    if (doc.at("format").to_number<int>() != kManifestFormat)
      return fail(ErrorCode::kUnprocessable, fmt::format("{} 的格式版本不受支持", path.string()));
    Manifest m;
    m.kind = json::value_to<std::string>(doc.at("kind"));
    m.database_file = json::value_to<std::string>(doc.at("database_file"));
    m.sha256 = json::value_to<std::string>(doc.at("database_sha256"));
    m.created_at = json::value_to<std::string>(doc.at("created_at"));
    m.snapshot.level = doc.at("migration_level").to_number<int>();
    for (const auto& [name, count] : doc.at("tables").as_object())
      m.snapshot.tables[std::string(name)] = count.to_number<std::int64_t>();
    const auto& head = doc.at("audit_head").as_object();
    m.snapshot.head_seq = head.at("seq").to_number<std::int64_t>();
    m.snapshot.head_hash = json::value_to<std::string>(head.at("hash"));
    if (m.database_file != kSqliteFile && m.database_file != kPgDumpFile)
      return fail(ErrorCode::kUnprocessable, fmt::format("{} 中的 database_file 无效", path.string()));
    return m;
  } catch (const std::exception&) {
    return fail(ErrorCode::kUnprocessable, fmt::format("{} 无法解析或缺少字段", path.string()));
  }
}

Result<void> write_manifest(const fs::path& dir, const json::object& doc) {
  const fs::path path = dir / kManifest;
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << json::serialize(doc) << '\n';
    if (!out) return fail(ErrorCode::kUnavailable, fmt::format("无法写入 {}", tmp.string()));
  }
  YC_TRY_VOID(fsync_path(tmp, O_RDONLY));
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return fail(ErrorCode::kUnavailable, fmt::format("无法写入 {}: {}", path.string(), ec.message()));
  return fsync_path(dir, O_RDONLY | O_DIRECTORY);
}

// The differences between two snapshots, in words; empty when they agree.
std::vector<std::string> differences(const Snapshot& want, const Snapshot& got) {
  std::vector<std::string> out;
  for (const auto& [name, count] : want.tables) {
    auto it = got.tables.find(name);
    if (it == got.tables.end())
      out.push_back(fmt::format("表 {} 缺失", name));
    else if (it->second != count)
      out.push_back(fmt::format("表 {}: 备份时 {} 行,恢复后 {} 行", name, count, it->second));
  }
  for (const auto& [name, count] : got.tables)
    if (want.tables.count(name) == 0) out.push_back(fmt::format("多出表 {} ({} 行)", name, count));
  if (want.level != got.level)
    out.push_back(fmt::format("迁移版本: 备份时 {},恢复后 {}", want.level, got.level));
  if (want.head_seq != got.head_seq || want.head_hash != got.head_hash)
    out.push_back(fmt::format("审计链头: 备份时第 {} 条,恢复后第 {} 条", want.head_seq, got.head_seq));
  return out;
}

Result<void> ensure_empty_dir(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec))
      return fail(ErrorCode::kInvalidArgument, fmt::format("备份位置 {} 已存在且不是目录", dir.string()), "--to");
    if (!fs::is_empty(dir, ec))
      return fail(ErrorCode::kInvalidArgument,
                  fmt::format("备份目录 {} 不为空: 请指定一个新的或空的目录,以免覆盖已有备份", dir.string()), "--to");
    return {};
  }
  fs::create_directories(dir, ec);
  if (ec) return fail(ErrorCode::kUnavailable, fmt::format("无法创建备份目录 {}: {}", dir.string(), ec.message()));
  // The copy holds sealed personal data: readable by this user only.
  fs::permissions(dir, fs::perms::owner_all, ec);
  return {};
}

Result<Snapshot> backup_sqlite(const Config& c, const fs::path& dir) {
  const fs::path copy = dir / kSqliteFile;
  if (!fs::exists(c.database.sqlite_path))
    return fail(ErrorCode::kNotFound, fmt::format("数据库文件 {} 不存在", c.database.sqlite_path),
                "database.sqlite_path");
  YC_TRY_VOID(store::sqlite_online_copy(c.database.sqlite_path, copy.string(), kPagesPerStep,
                                        c.database.busy_timeout_ms));
  YC_TRY_VOID(store::sqlite_integrity_check(copy.string()));
  YC_TRY_VOID(fsync_path(copy, O_RDONLY));
  // The counts are read from the copy itself: exactly what a restore gets.
  auto db = YC_TRY(store::Database::open(options_for_sqlite_file(c, copy.string())));
  return db->transact<Snapshot>(store::TxMode::kRead, read_snapshot);
}

Result<Snapshot> backup_postgres(const Config& c, const fs::path& dir) {
  const auto pg_dump = pg_tool("pg_dump");
  if (pg_dump.empty()) return fail(ErrorCode::kNotFound, "找不到 pg_dump: 请安装 PostgreSQL 客户端 (postgresql-client-15)");
  const auto conn = YC_TRY(store::split_pg_password(c.database.postgres_url));
  auto db = YC_TRY(store::Database::open(store_options(c)));
  // Counts and dump from one snapshot: this transaction exports it and
  // pg_dump adopts it (--snapshot), while the transaction stays open.
  return db->transact<Snapshot>(store::TxMode::kRead, [&](store::Tx& tx) -> Result<Snapshot> {
    YC_TRY_VOID(tx.exec_script("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
    const auto snapshot_id = YC_TRY(tx.one("SELECT pg_export_snapshot()")).text(0);
    auto s = YC_TRY(read_snapshot(tx));
    YC_TRY_VOID(run_pg_tool(pg_dump,
                            {"--format=custom", "--no-owner", "--snapshot=" + snapshot_id,
                             "--file=" + (dir / kPgDumpFile).string(), "--dbname=" + conn.without_password},
                            conn.password));
    return s;
  });
}

void remove_contents(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) fs::remove_all(entry.path(), ec);
}

}  // namespace

int backup(const Config& c, const std::string& to) {
  const auto started = std::chrono::steady_clock::now();
  const fs::path dir = to;
  if (auto empty = ensure_empty_dir(dir); !empty) return failed(empty.error());
  const bool sqlite = c.database.kind == "sqlite";
  const auto created_at = time::now_ms();
  auto snapshot = sqlite ? backup_sqlite(c, dir) : backup_postgres(c, dir);
  // After the snapshot: every file a row of it names was written (durably)
  // before that row committed, so it is there to copy now.
  Result<FileTally> files = snapshot ? copy_sealed_files(c.cases.files_dir, dir / kFilesDir)
                                     : Result<FileTally>(Unexpected{snapshot.error()});
  const fs::path database_file = dir / (sqlite ? kSqliteFile : kPgDumpFile);
  Result<std::string> digest = files ? file_sha256(database_file) : Result<std::string>(Unexpected{files.error()});
  if (!digest) {
    remove_contents(dir);
    say_error(digest.error().message);
    say_error(fmt::format("备份失败,{} 中未留下任何内容", dir.string()));
    return 1;
  }
  const double seconds = seconds_since(started);
  json::object doc{{"format", kManifestFormat},
                   {"kind", sqlite ? "sqlite" : "postgresql"},
                   {"created_at", time::format_utc(created_at)},
                   {"version", kVersion},
                   {"node", node_id(c)},
                   {"database_file", database_file.filename().string()},
                   {"database_sha256", *digest},
                   {"files", json::object{{"dir", kFilesDir}, {"count", files->copied}, {"bytes", files->bytes}}},
                   {"seconds", seconds}};
  for (auto& [key, value] : snapshot_json(*snapshot)) doc[key] = value;
  if (auto written = write_manifest(dir, doc); !written) {
    remove_contents(dir);
    return failed(written.error());
  }
  std::printf("备份完成: %s\n", dir.string().c_str());
  std::printf("  数据库 %s,迁移版本 %d,%zu 张表共 %lld 行,审计链头第 %lld 条\n", sqlite ? "SQLite" : "PostgreSQL",
              snapshot->level, snapshot->tables.size(), static_cast<long long>(snapshot->rows()),
              static_cast<long long>(snapshot->head_seq));
  std::printf("  %s SHA-256 %s\n", database_file.filename().c_str(), digest->c_str());
  std::printf("  加密文件 %lld 个 (%.1f MB),用时 %.2f 秒\n", static_cast<long long>(files->copied),
              static_cast<double>(files->bytes) / 1e6, seconds);
  std::printf("提醒: 密钥文件 %s 不在备份中。它是解开个人信息的钥匙,请与备份分开另行妥善保管;恢复时须把它放回原处,"
              "否则加密的个人信息无法读取。\n",
              c.security.key_file.c_str());
  return 0;
}

int restore(const Config& c, const std::string& from) {
  const auto started = std::chrono::steady_clock::now();
  const fs::path dir = from;
  auto manifest = read_manifest(dir);
  if (!manifest) return failed(manifest.error());
  if (manifest->kind != c.database.kind) {
    say_error(fmt::format("备份的数据库类型为 {},而配置的是 {} (database.kind)", manifest->kind, c.database.kind));
    return 1;
  }
  const fs::path database_file = dir / manifest->database_file;
  auto digest = file_sha256(database_file);
  if (!digest) return failed(digest.error());
  if (*digest != manifest->sha256) {
    say_error(fmt::format("{} 的 SHA-256 与清单不符: 备份已损坏或被改动,未恢复", database_file.string()));
    return 1;
  }
  const bool sqlite = c.database.kind == "sqlite";
  std::unique_ptr<store::Database> db;
  if (sqlite) {
    const fs::path target = c.database.sqlite_path;
    std::error_code ec;
    const bool occupied = (fs::exists(target, ec) && fs::file_size(target, ec) > 0) ||
                          fs::exists(target.string() + "-wal", ec);
    if (occupied) {
      say_error(fmt::format("数据库文件 {} 已存在: 恢复只写入新的位置,请先移走它或改用新的 database.sqlite_path",
                            target.string()));
      return 1;
    }
    if (!target.parent_path().empty()) fs::create_directories(target.parent_path(), ec);
    if (auto copied = copy_durably(database_file, target); !copied) return failed(copied.error());
    auto opened = store::Database::open(options_for_sqlite_file(c, target.string()));
    if (!opened) return failed(opened.error());
    db = std::move(opened).value();
  } else {
    const auto pg_restore = pg_tool("pg_restore");
    if (pg_restore.empty()) {
      say_error("找不到 pg_restore: 请安装 PostgreSQL 客户端 (postgresql-client-15)");
      return 1;
    }
    auto conn = store::split_pg_password(c.database.postgres_url);
    if (!conn) return failed(conn.error());
    auto opened = store::Database::open(store_options(c));
    if (!opened) return failed(opened.error());
    db = std::move(opened).value();
    auto tables = db->transact<std::int64_t>(store::TxMode::kRead, [](store::Tx& tx) -> Result<std::int64_t> {
      return YC_TRY(tx.one("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()")).int64(0);
    });
    if (!tables) return failed(tables.error());
    if (*tables > 0) {
      say_error(fmt::format("目标数据库不是空的 (已有 {} 张表): 恢复只写入新建的空数据库 (database.postgres_url)", *tables));
      return 1;
    }
    // One transaction: a failed restore leaves the database empty.
    auto restored = run_pg_tool(pg_restore,
                                {"--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                                 "--dbname=" + conn->without_password, database_file.string()},
                                conn->password);
    if (!restored) return failed(restored.error());
  }
  auto files = copy_sealed_files(dir / kFilesDir, c.cases.files_dir);
  if (!files) return failed(files.error());

  // The checks: the same counts and head as the manifest, and a whole chain
  // (what `yichuang audit verify` runs).
  auto got = db->transact<Snapshot>(store::TxMode::kRead, [](store::Tx& tx) -> Result<Snapshot> {
    if (tx.engine() == store::Engine::kPostgres)
      YC_TRY_VOID(tx.exec_script("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
    return read_snapshot(tx);
  });
  if (!got) return failed(got.error());
  const auto diffs = differences(manifest->snapshot, *got);
  for (const auto& d : diffs) say_error(d);
  auto chain = audit::verify(*db);
  if (!chain) return failed(chain.error());
  if (!chain->ok)
    say_error(fmt::format("审计日志校验失败: 第 {} 条: {}", chain->bad_seq, chain->reason));
  if (!diffs.empty() || !chain->ok) {
    if (sqlite) {
      // Nobody should start a server on it: the restored file goes again.
      db.reset();
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(c.database.sqlite_path + suffix, ec);
      say_error(fmt::format("恢复后的数据与备份清单不符,已删除恢复出的 {}", c.database.sqlite_path));
    } else {
      say_error("恢复后的数据与备份清单不符: 请勿使用目标数据库,清空 (重建) 后再试");
    }
    return 1;
  }
  std::printf("恢复完成并已校验: %s (备份于 %s)\n", dir.string().c_str(), manifest->created_at.c_str());
  std::printf("  数据库 %s,迁移版本 %d,%zu 张表共 %lld 行,与备份清单一致\n", sqlite ? "SQLite" : "PostgreSQL",
              got->level, got->tables.size(), static_cast<long long>(got->rows()));
  std::printf("  审计日志完整: %lld 条记录,哈希链校验通过\n", static_cast<long long>(chain->entries));
  std::printf("  加密文件复制 %lld 个,已存在 %lld 个;用时 %.2f 秒\n", static_cast<long long>(files->copied),
              static_cast<long long>(files->skipped), seconds_since(started));
  if (!fs::exists(c.security.key_file))
    std::printf("提醒: 密钥文件 %s 尚不存在。请把备份时另行保管的密钥文件放到这里,再启动服务。\n",
                c.security.key_file.c_str());
  std::printf("启动服务 (yichuang serve) 时会照常迁移到当前版本。\n");
  return 0;
}

}  // namespace yc::app
