#include "archives/routes.hpp"

namespace yc::archives {

void add_routes(identity::ApiRouter&, store::Database&, const privacy::KeyRing&) {}

}  // namespace yc::archives
