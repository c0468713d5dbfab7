#include "labour/routes.hpp"

namespace yc::labour {

void add_routes(identity::ApiRouter&, store::Database&, const privacy::KeyRing&) {}

}  // namespace yc::labour
