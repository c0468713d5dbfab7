#include "app/routes.hpp"

#include "audit/routes.hpp"
#include "calendar/routes.hpp"
#include "cases/routes.hpp"
#include "catalog/routes.hpp"
#include "hall/routes.hpp"
#include "staff/routes.hpp"
#include "evaluation/routes.hpp"
#include "complaints/routes.hpp"
#include "stats/routes.hpp"
#include "exchange/routes.hpp"
#include "events/routes.hpp"
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
  return evaluation::Settings{config.evaluation.rectify_days, config.evaluation.escalate_days};
}

std::unique_ptr<identity::ApiRouter> add_routes(http::Router& router, store::Database& db,
                                                events::Service& events, identity::Accounts& accounts,
                                                const Config& config, SystemFacts facts) {
  const std::string facts_hotline = facts.hotline;
  add_system_routes(router, db, std::move(facts));
  events::add_routes(router, events, config.events.publish_token);
  auto api = std::make_unique<identity::ApiRouter>(
      router, accounts, identity::CookiePolicy{"yc_session", config.security.secure_cookie});
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
  complaints::add_routes(*api, db, accounts.keys(),
                         complaints::Settings{config.complaints.accept_days, config.complaints.reply_days});
  return api;
}

}  // namespace yc::app
