#include "retirees/routes.hpp"

namespace yc::retirees {

void add_routes(identity::ApiRouter&, store::Database&, const privacy::KeyRing&) {}

}  // namespace yc::retirees
