#pragma once
// Demo data of the employment registry (issue 12): a few people of 东华门第一
// 社区(演示) in each status, one visit due, an employer with a vacancy and a
// 公益性岗位. Once, when the registry is empty; made through the service, so
// they are sealed and audited like real ones.

#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::employment {

Result<void> seed_demo(store::Database& db, const privacy::KeyRing& keys, std::int64_t now);

}  // namespace yc::employment
