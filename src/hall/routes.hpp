#pragma once
// The hall API for staff (issue 7, in progress): service groups and window
// groups (hall.manage), tickets issued at a window, and calling (case.intake).
// Every call is published on the site's topic hall.<site id>.queue for the
// screens. The kiosk, appointments, screens and the voice route come next.

#include "events/service.hpp"
#include "identity/http.hpp"
#include "store/database.hpp"

namespace yc::hall {

void add_routes(identity::ApiRouter& api, store::Database& db, events::Service& events);

}  // namespace yc::hall
