#pragma once
// The hall API (issue 7; docs/api/hall.md): staff routes (groups, settings,
// windows, calling, figures, appointments of the day, kiosks), kiosk routes
// (Authorization: Device <token>: tickets, check-in) and public routes (the
// screens' boards, the clerk's photo, the voice, appointment booking).
// Whatever changes a screen is published on hall.<site id>.queue.

#include <string>

#include "events/service.hpp"
#include "identity/http.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::hall {

struct RouteSettings {
  std::string voice_dir;   // cached call announcements (WAV), by SM3 of the text
  std::string public_url;  // for the QR code on printed tickets; "" = from the request
};

void add_routes(identity::ApiRouter& api, store::Database& db, events::Service& events,
                const privacy::KeyRing& keys, RouteSettings settings);

// The minute sweep (board.hpp) with its events: a crowding alert is
// published on the site's topic.
Result<void> run_sweep(store::Database& db, events::Service& events);

}  // namespace yc::hall
