#include "audit/model.hpp"

#include "privacy/crypto.hpp"

namespace yc::audit {
namespace {
void put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}
}  // namespace

std::string chain_hash(const Entry& e) {
  std::string s;
  s.reserve(512);
  put(s, "yichuang.audit.v1");
  put(s, e.prev_hash);
  put(s, std::to_string(e.seq));
  put(s, std::to_string(e.created_at));
  for (const std::string* f : {&e.actor_id, &e.actor_role, &e.unit_id, &e.site_id, &e.window_id,
                               &e.action, &e.object_type, &e.object_id, &e.client_address,
                               &e.outcome, &e.before_digest, &e.after_digest})
    put(s, *f);
  return privacy::sm3_hex(s);
}

std::string digest(std::initializer_list<std::string_view> fields) {
  std::string s;
  put(s, "yichuang.object.v1");
  for (auto f : fields) put(s, f);
  return privacy::sm3_hex(s);
}

Entry entry_for(const Actor& actor, std::string action, std::string object_type,
                std::string object_id) {
  Entry e;
  e.actor_id = actor.id;
  e.actor_role = actor.role;
  e.unit_id = actor.unit_id;
  e.site_id = actor.site_id;
  e.window_id = actor.window_id;
  e.client_address = actor.client_address;
  e.action = std::move(action);
  e.object_type = std::move(object_type);
  e.object_id = std::move(object_id);
  e.outcome = "ok";
  return e;
}

}  // namespace yc::audit
