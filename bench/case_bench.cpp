// make bench, issue 6: case transitions per second through the real case
// service on the embedded SQLite store (WAL, synchronous=FULL: every commit
// is on disk before it is acknowledged), beside a bare SQLite loop of
// BEGIN IMMEDIATE; INSERT; COMMIT with the same durability settings on the
// same disk. Rounds alternate; the means are printed as one JSON line for
// bench/run. A transition is one acknowledged write of a case: open,
// judge a material, accept, a back-office action, deliver, follow up.
//   case_bench <work dir> [seconds per round] [rounds] [clients] [postgresql:<url>]
// With a PostgreSQL URL (issue 13: the main figures on PostgreSQL too) the
// service runs on that database and the bare loop is BEGIN; INSERT; COMMIT
// over libpq on the same cluster.
#include <libpq-fe.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>
#include <cstdio>
#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "cases/service.hpp"
#include "catalog/demo.hpp"
#include "catalog/service.hpp"
#include "identity/service.hpp"
#include "org/service.hpp"
#include "store/migrate.hpp"
#include "store/migrations.hpp"

namespace {

using namespace yc;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "case_bench: %s\n", what.c_str());
  std::exit(1);
}

template <typename T>
T must(Result<T> r, const char* what) {
  if (!r) die(fmt::format("{}: {}", what, r.error().message));
  return std::move(r).value();
}
void must(Result<void> r, const char* what) {
  if (!r) die(fmt::format("{}: {}", what, r.error().message));
}

// Bare SQLite: one INSERT per committed transaction, with the store's
// settings (WAL, synchronous=FULL, wal_autocheckpoint=10000).
double bare_round(const std::string& path, double secs) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) die("sqlite3_open");
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=10000;"
                   "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER NOT NULL)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t (a, b) VALUES (?1, ?2)", -1, &ins, nullptr);
  long n = 0;
  const auto start = Clock::now();
  while (seconds_since(start) < secs) {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_text(ins, 1, "case transition", -1, SQLITE_STATIC);
    sqlite3_bind_int64(ins, 2, n);
    if (sqlite3_step(ins) != SQLITE_DONE) die("bare insert");
    sqlite3_reset(ins);
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) die("bare commit");
    ++n;
  }
  const double rate = n / seconds_since(start);
  sqlite3_finalize(ins);
  sqlite3_close(db);
  return rate;
}

// Bare PostgreSQL: the same loop over libpq, one INSERT per commit.
double bare_pg_round(const std::string& url, double secs) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) die(fmt::format("bare connect: {}", PQerrorMessage(c)));
  auto run = [&](const char* sql) {
    PGresult* res = PQexec(c, sql);
    const auto st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) die(fmt::format("bare {}: {}", sql, PQerrorMessage(c)));
    PQclear(res);
  };
  run("CREATE TABLE IF NOT EXISTS bench_bare (id BIGSERIAL PRIMARY KEY, a TEXT NOT NULL, b BIGINT NOT NULL)");
  PQclear(PQprepare(c, "ins", "INSERT INTO bench_bare (a, b) VALUES ($1, $2)", 2, nullptr));
  long n = 0;
  const auto start = Clock::now();
  while (seconds_since(start) < secs) {
    run("BEGIN");
    const std::string b = std::to_string(n);
    const char* values[2] = {"case transition", b.c_str()};
    PGresult* res = PQexecPrepared(c, "ins", 2, values, nullptr, nullptr, 0);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) die(fmt::format("bare insert: {}", PQerrorMessage(c)));
    PQclear(res);
    run("COMMIT");
    ++n;
  }
  const double rate = n / seconds_since(start);
  PQfinish(c);
  return rate;
}

struct Rig {
  std::unique_ptr<store::Database> db;
  privacy::KeyRing keys;
  std::unique_ptr<identity::Accounts> accounts;
  std::unique_ptr<cases::Service> svc;
  cases::Who clerk, first, approver;
  std::int64_t site = 0;
};

std::int64_t make_account(Rig& r, const std::string& login) {
  return must(r.accounts->create_seeded(audit::Actor::system(), identity::NewAccount{login, "压测人员", "", "110101001"},
                                        "Bench-Password-1!", false, std::nullopt, {}),
              "account");
}

// One case's whole life; returns the number of transitions.
int one_case(Rig& r, std::int64_t serial) {
  const auto all = org::Scope::all();
  const auto now = time::now_ms();
  int n = 0;
  auto write = [&](auto fn, const char* what) {
    must(r.db->transact<int>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<int> {
      YC_TRY_VOID(fn(tx));
      return 0;
    }),
         what);
    ++n;
  };
  cases::IntakeInput in;
  in.item_code = "BJ-JYCY-007";
  in.site_id = r.site;
  in.window_number = 1;
  in.ticket = fmt::format("A{:03}", serial % 1000);
  in.applicant = cases::Party{"person", "11010519491231002X", "张三", "13800138000"};
  std::int64_t id = 0;
  write([&](store::Tx& tx) -> Result<void> {
    id = YC_TRY(r.svc->open_case(tx, r.clerk, all, in, now)).c.id;
    return {};
  }, "open");
  for (int idx : {0, 2})
    write([&](store::Tx& tx) -> Result<void> {
      YC_TRY(r.svc->judge(tx, r.clerk, all, id, idx, "received", "original", ""));
      return {};
    }, "judge");
  write([&](store::Tx& tx) -> Result<void> {
    YC_TRY(r.svc->accept(tx, r.clerk, all, id, now, 99));
    return {};
  }, "accept");
  for (const auto* who : {&r.first, &r.approver})
    write([&](store::Tx& tx) -> Result<void> {
      const auto task = YC_TRY(tx.one("SELECT id FROM case_task WHERE case_id = $1 AND state = 'open'", {id})).int64(0);
      YC_TRY(r.svc->act(tx, *who, all, task, "approve", "", "", now));
      return {};
    }, "act");
  write([&](store::Tx& tx) -> Result<void> {
    cases::Service::DeliverInput d;
    d.method = "online";
    YC_TRY(r.svc->deliver(tx, r.clerk, all, id, d, now));
    return {};
  }, "deliver");
  write([&](store::Tx& tx) -> Result<void> {
    YC_TRY(r.svc->follow_up(tx, r.clerk, all, id, "satisfied", "", now));
    return {};
  }, "follow-up");
  return n;
}

// `clients` windows working at once, each running whole cases.
double case_round(Rig& r, double secs, int clients, std::atomic<std::int64_t>* serial) {
  std::atomic<long> n{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i)
    threads.emplace_back([&] {
      while (seconds_since(start) < secs) n += one_case(r, ++*serial);
    });
  for (auto& t : threads) t.join();
  return n.load() / seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) die("usage: case_bench <work dir> [seconds per round] [rounds]");
  const std::filesystem::path dir = argv[1];
  const double secs = argc > 2 ? std::stod(argv[2]) : 5;
  const int rounds = argc > 3 ? std::stoi(argv[3]) : 3;
  const int clients = argc > 4 ? std::stoi(argv[4]) : 8;
  std::filesystem::create_directories(dir);

  const std::string pg = argc > 5 && std::string_view(argv[5]).rfind("postgresql:", 0) == 0 ? argv[5] + 11 : "";
  Rig r;
  store::Options o;
  if (pg.empty()) {
    o.engine = store::Engine::kSqlite;
    o.sqlite_path = (dir / "cases.db").string();
  } else {
    o.engine = store::Engine::kPostgres;
    o.postgres_url = pg;
    o.pool_size = clients + 2;
  }
  r.db = must(store::Database::open(o), "open");
  must(store::migrate(*r.db, store::builtin_migrations()), "migrate");
  must(org::seed_demo_city(*r.db), "seed city");
  must(catalog::seed(*r.db, catalog::demo_catalog_json(), time::now_ms() - 1000), "seed catalog");
  const auto key_file = (dir / "keys").string();
  must(privacy::KeyRing::generate(key_file, "k1"), "keygen");
  r.keys = must(privacy::KeyRing::load(key_file), "keys");
  r.accounts = std::make_unique<identity::Accounts>(*r.db, r.keys);
  must(r.accounts->load_roles(), "roles");
  cases::Policy policy;
  policy.files_dir = (dir / "files").string();
  policy.recheck_sample_percent = 0;
  r.svc = std::make_unique<cases::Service>(r.keys, policy);
  r.clerk = cases::Who{make_account(r, "benchclerk"), audit::Actor::system()};
  r.first = cases::Who{make_account(r, "benchfirst"), audit::Actor::system()};
  r.approver = cases::Who{make_account(r, "benchapprover"), audit::Actor::system()};
  r.site = must(r.db->transact<std::int64_t>(store::TxMode::kRead, [](store::Tx& tx) -> Result<std::int64_t> {
    return YC_TRY(tx.one("SELECT id FROM org_site WHERE unit_code = '110101001' AND kind = 'hall'")).int64(0);
  }), "site");

  std::atomic<std::int64_t> serial{0};
  one_case(r, ++serial);  // warm-up
  auto bare_loop = [&](double s) { return pg.empty() ? bare_round((dir / "bare.db").string(), s) : bare_pg_round(pg, s); };
  bare_loop(1);
  // The bare loop against the server as a hall uses it (windows and back
  // office at once, the writes grouped into shared commits)
  // and against one window alone; rounds alternate.
  double ours = 0, single = 0, bare = 0;
  for (int i = 0; i < rounds; ++i) {
    const double b = bare_loop(secs);
    const double c = case_round(r, secs, clients, &serial);
    const double one = case_round(r, secs / 2, 1, &serial);
    std::fprintf(stderr,
                 "bench: case transitions round %d (%s): bare %.0f commits/s, cases %.0f transitions/s "
                 "(%d clients), %.0f (1 client)\n",
                 i + 1, pg.empty() ? "SQLite" : "PostgreSQL", b, c, clients, one);
    bare += b / rounds;
    ours += c / rounds;
    single += one / rounds;
  }
  std::printf("{\"transitions_per_s\": %.0f, \"single_per_s\": %.0f, \"bare_per_s\": %.0f, \"ratio\": %.2f, "
              "\"single_ratio\": %.2f, \"cases\": %lld}\n",
              ours, single, bare, ours / bare, single / bare, static_cast<long long>(serial.load()));
  return 0;
}
