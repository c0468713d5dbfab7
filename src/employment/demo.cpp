#include "employment/demo.hpp"

#include <fmt/format.h>

#include "employment/service.hpp"

namespace yc::employment {
namespace {

// A demo resident ID number: region 110101, the birth date, a sequence, and
// the GB 11643 check character.
std::string demo_id(const char* birth, int seq) {
  static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  const auto first17 = fmt::format("110101{}{:03d}", birth, seq);
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return first17 + "10X98765432"[sum % 11];
}

}  // namespace

Result<void> seed_demo(store::Database& db, const privacy::KeyRing& keys, std::int64_t now) {
  return db.transact<void>(store::TxMode::kWrite, [&](store::Tx& tx) -> Result<void> {
    if (YC_TRY(tx.one("SELECT COUNT(*) FROM resident")).int64(0) > 0) return {};
    auto worker = tx.one("SELECT id FROM account WHERE login = 'sqworker'");
    if (!worker) return {};
    const Who who{worker->int64(0), audit::Actor::system()};
    const auto all = org::Scope::all();
    struct Demo {
      const char* birth;
      int seq;  // odd: a man, even: a woman (GB 11643)
      const char* name;
      const char* status;
      const char* category;
      std::vector<std::string> skills, needs;
      const char* desired;
    };
    const Demo people[] = {
        {"19900307", 123, "刘强", "unemployed", "", {"电工", "驾驶"}, {"job", "training"}, "电工"},
        {"19850615", 122, "陈静", "flexible", "", {"家政", "育婴"}, {"policy"}, ""},
        {"19720301", 3, "赵建国", "hardship", "age_4050", {"保洁", "绿化"}, {"job"}, "保洁"},
        {"19950912", 5, "孙悦", "employed", "", {"会计"}, {}, ""},
        {"19880808", 7, "周海", "unemployed", "", {"厨师", "烹饪"}, {"job"}, "厨师"},
    };
    for (const auto& p : people) {
      ResidentInput in;
      in.id_number = demo_id(p.birth, p.seq);
      in.name = p.name;
      in.phone = fmt::format("1380013{:04d}", p.seq);
      in.address = "北京市东城区东华门大街(演示地址)";
      in.unit_code = "110101001001";
      in.status = p.status;
      in.hardship_category = p.category;
      in.skills = p.skills;
      in.needs = p.needs;
      in.desired_job = p.desired;
      // Registered a month ago, so their monthly visit is due now.
      if (std::string(p.status) == "unemployed" || std::string(p.status) == "hardship")
        in.registered_day = time::civil_from_days(time::days_from_civil(time::shanghai_date(now)) - 35).iso();
      auto r = YC_TRY(add_resident(tx, keys, who, all, in, now - 35LL * 86'400'000));
      (void)r;
    }
    auto power = YC_TRY(add_employer(tx, keys, who, all,
                                     EmployerInput{"91110108551385082Q", "北京演示电力工程有限公司", "电力、热力供应",
                                                   "东城区东华门大街(演示地址)", "110101001", "李经理", "010-65123456", 120},
                                     now));
    auto centre = YC_TRY(add_employer(tx, keys, who, all,
                                      EmployerInput{"91110000600037341L", "东华门街道社区服务中心(演示)", "公共服务",
                                                    "东城区东华门街道(演示地址)", "110101001", "", "", 30},
                                      now));
    VacancyInput electrician;
    electrician.employer_id = power.id;
    electrician.title = "电工";
    electrician.skills = {"电工", "高压电工"};
    electrician.headcount = 2;
    electrician.salary_min = 7000;
    electrician.salary_max = 9000;
    electrician.location = "东城区";
    YC_TRY(add_vacancy(tx, who, all, electrician, now));
    VacancyInput cleaner;
    cleaner.employer_id = centre.id;
    cleaner.title = "社区保洁员";
    cleaner.skills = {"保洁"};
    cleaner.headcount = 3;
    cleaner.salary_min = 2800;
    cleaner.salary_max = 2800;
    cleaner.welfare = true;
    YC_TRY(add_vacancy(tx, who, all, cleaner, now));
    return {};
  });
}

}  // namespace yc::employment
