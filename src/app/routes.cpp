#include "app/routes.hpp"

#include <algorithm>

#include "audit/routes.hpp"
#include "calendar/routes.hpp"
#include "cases/routes.hpp"
#include "catalog/routes.hpp"
#include "hall/routes.hpp"
#include "staff/routes.hpp"
#include "evaluation/routes.hpp"
#include "complaints/routes.hpp"
#include "employment/routes.hpp"
#include "labour/routes.hpp"
#include "retirees/routes.hpp"
#include "archives/routes.hpp"
#include "stats/routes.hpp"
#include "exchange/routes.hpp"
#include "events/routes.hpp"
#include "identity/citizen_routes.hpp"
#include "identity/routes.hpp"
#include "org/routes.hpp"

namespace yc::app {

cases::Policy case_policy(const Config& config) {
  cases::Policy p;
  p.files_dir = config.cases.files_dir;
  p.max_file_bytes = static_cast<std::int64_t>(config.cases.max_file_mb) << 20;
  p.recheck_sample_percent = config.cases.recheck_sample_percent;
  p.followup_days = config.cases.followup_days;
  return p;
}

evaluation::Settings evaluation_settings(const Config& config) {
  return evaluation::Settings{config.evaluation.rectify_days, config.evaluation.escalate_days,
                              config.evaluation.appeal_days};
}

complaints::Settings complaints_settings(const Config& config) {
  const auto& c = config.complaints;
  return complaints::Settings{c.accept_days, c.reply_days, c.close_days, c.escalate_days};
}

// research/security.md "Accounts and sessions": throttle by address as well
// as by account on what anyone can reach; a paired kiosk is exempt only where
// the handler checks its device token.
void add_rate_limits(identity::ApiRouter& api, const LimitsConfig& l) {
  using http::Method;
  const auto per_minute = [](int n) { return RateLimit{static_cast<double>(n), static_cast<double>(n)}; };
  const auto per_hour = [](int n) { return RateLimit{static_cast<double>(std::max(1, n / 3)), n / 60.0}; };
  api.rate_limit(Method::kPost, "/api/auth/login", per_minute(l.login_per_minute));
  api.rate_limit(Method::kGet, "/api/citizen/login", per_minute(l.login_per_minute));
  api.rate_limit(Method::kPost, "/api/citizen/demo-login", per_minute(l.login_per_minute));
  // A kiosk complains and rates with its device token, which these handlers check.
  for (const char* p : {"/api/public/complaints", "/api/progress/:case_no/evaluations"})
    api.rate_limit(Method::kPost, p, per_hour(l.public_writes_per_hour), true);
  for (const char* p : {"/api/appointments", "/api/hall/sites/:site/remote-tickets"})
    api.rate_limit(Method::kPost, p, per_hour(l.public_writes_per_hour));
  api.rate_limit(Method::kGet, "/api/catalog/answers", per_minute(l.lookups_per_minute * 4));
  for (const char* p : {"/api/progress/:case_no", "/api/progress/:case_no/evaluations/view", "/api/appointments/:code/lookup",
                        "/api/public/complaints/:no/view"})
    api.rate_limit(Method::kPost, p, per_minute(l.lookups_per_minute));
}

std::unique_ptr<identity::ApiRouter> add_routes(http::Router& router, store::Database& db,
                                                events::Service& events, identity::Accounts& accounts,
                                                const Config& config, SystemFacts facts) {
  const std::string facts_hotline = facts.hotline;
  add_system_routes(router, db, std::move(facts));
  events::add_routes(router, events, config.events.publish_token);
  auto api = std::make_unique<identity::ApiRouter>(
      router, accounts, identity::CookiePolicy{"yc_session", config.security.secure_cookie});
  // Issue 10, item 7: authorized systems read these with their token.
  api->open_to_clients(std::make_unique<identity::ApiClients>(
                           db, RateLimit{static_cast<double>(std::max(10, config.limits.api_client_per_minute / 10)),
                                         static_cast<double>(config.limits.api_client_per_minute)}),
                       exchange::client_readable_routes());
  add_rate_limits(*api, config.limits);
  // Issue 11, item 2: citizens through the city's identity provider.
  identity::CitizenSessionPolicy citizen_policy;
  citizen_policy.idle_ms = std::int64_t{config.citizen.idle_minutes} * 60'000;
  api->open_to_citizens(std::make_unique<identity::Citizens>(db, accounts.keys(), citizen_policy));
  identity::add_citizen_routes(*api, std::make_shared<identity::OidcClient>(config.oidc),
                               identity::CitizenRouteSettings{config.server.public_url, config.oidc.redirect_url,
                                                              config.citizen.demo_accounts});
  identity::add_routes(*api);
  org::add_routes(*api, db);
  audit::add_routes(*api, db);
  calendar::add_routes(*api, db);
  catalog::add_routes(*api, db, catalog::GuideSettings{config.server.public_url, facts_hotline});
  cases::add_routes(*api, db, accounts.keys(), case_policy(config),
                    cases::DocumentSettings{config.server.public_url, facts_hotline});
  hall::add_routes(*api, db, events, accounts.keys(),
                   hall::RouteSettings{config.hall.voice_dir, config.server.public_url});
  staff::add_routes(*api, db, accounts.keys());
  evaluation::add_routes(*api, db, events, accounts.keys(), evaluation_settings(config));
  stats::add_routes(*api, db, accounts.keys());
  exchange::add_routes(*api, db, accounts.keys());
  complaints::add_routes(*api, db, accounts.keys(), complaints_settings(config));
  // Grassroots business of the annex (issue 12).
  employment::add_routes(*api, db, accounts.keys());
  labour::add_routes(*api, db, accounts.keys());
  retirees::add_routes(*api, db, accounts.keys());
  archives::add_routes(*api, db, accounts.keys());
  return api;
}

}  // namespace yc::app
