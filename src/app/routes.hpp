#pragma once
// Every route of the server, in one place, so `serve` and the authorization
// matrix test (tests/authz) see exactly the same table.

#include <memory>

#include "app/system_routes.hpp"
#include "cases/service.hpp"
#include "complaints/service.hpp"
#include "evaluation/service.hpp"
#include "events/service.hpp"
#include "identity/http.hpp"
#include "platform/config.hpp"
#include "platform/http/http.hpp"
#include "store/database.hpp"

namespace yc::app {

// The case rules from the configuration ([cases]).
cases::Policy case_policy(const Config& config);
// The rectification deadlines from the configuration ([evaluation]).
evaluation::Settings evaluation_settings(const Config& config);
// The complaint steps' deadlines from the configuration ([complaints]).
complaints::Settings complaints_settings(const Config& config);

// Adds all routes to `router`; the returned ApiRouter lists the gated ones
// with their access rule and must outlive the router's handlers.
std::unique_ptr<identity::ApiRouter> add_routes(http::Router& router, store::Database& db,
                                                events::Service& events, identity::Accounts& accounts,
                                                const Config& config, SystemFacts facts);

}  // namespace yc::app
