#include "employment/routes.hpp"

namespace yc::employment {

void add_routes(identity::ApiRouter&, store::Database&, const privacy::KeyRing&) {}

}  // namespace yc::employment
