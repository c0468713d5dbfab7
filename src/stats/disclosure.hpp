#pragma once
// 四公开 per site (issue 10, item 3; policy 三(八) 办事程序公开、办事依据公开、
// 办事时限公开、办事结果公开; 三(三) 信息公开): one public document per hall or
// point, with its items, their procedures, legal bases and time limits, the
// results of the month and the year, the staff at the windows today
// (三亮明) and the evaluation figures. No personal data beyond 三亮明.

#include <cstdint>

#include "platform/result.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

#include <boost/json/object.hpp>

namespace yc::stats {

Result<boost::json::object> disclosure(store::Tx& tx, const privacy::KeyRing& keys, std::int64_t site_id,
                                       std::int64_t now);

}  // namespace yc::stats
