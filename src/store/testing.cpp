#include "store/testing.hpp"

#include <unistd.h>

#include <cstdlib>
#include <initializer_list>
#include <random>

namespace yc::store::testing {

std::unique_ptr<Database> open_for_test(Engine engine, std::filesystem::path* temp_dir,
                                        std::string* why_not, int pool_size) {
  Options o;
  o.engine = engine;
  o.pool_size = pool_size;
  if (engine == Engine::kSqlite) {
    *temp_dir = std::filesystem::temp_directory_path() /
                ("yc-test-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(*temp_dir);
    o.sqlite_path = (*temp_dir / "test.db").string();
  } else {
    const char* url = std::getenv("YICHUANG_TEST_PG_URL");
    if (url == nullptr || *url == '\0') {
      *why_not = std::getenv("YICHUANG_TEST_PG_OPTIONAL") != nullptr
                     ? "skip"
                     : "YICHUANG_TEST_PG_URL is not set: the PostgreSQL tests need the private "
                       "cluster (run them through ctest, or set YICHUANG_TEST_PG_OPTIONAL=1)";
      return nullptr;
    }
    o.postgres_url = url;
  }
  auto db = Database::open(o);
  if (!db) {
    *why_not = db.error().message;
    return nullptr;
  }
  return std::move(db).value();
}

Result<void> clear_domain_tables(Database& db) {
  return db.transact<void>(TxMode::kWrite, [](Tx& tx) -> Result<void> {
    YC_TRY_VOID(tx.exec("UPDATE org_window SET clerk_id = NULL"));
    // Grassroots business (issue 12), children before parents; each area's line.
    for (const char* t : {"welfare_placement", "guidance_session", "job_referral", "vacancy", "resident_visit"})
      YC_TRY_VOID(tx.exec(std::string("DELETE FROM ") + t));
    for (const char* t : std::initializer_list<const char*>{/* labour */ "labour_referral", "hazard_followup", "labour_hazard", "mediation_session", "mediation_case", "mediation_counter", "labour_survey"})
      YC_TRY_VOID(tx.exec(std::string("DELETE FROM ") + t));
    for (const char* t : std::initializer_list<const char*>{/* retirees */ "retiree_death_report", "retiree_activity_participant", "retiree_activity", "retiree_contact", "retiree"})
      YC_TRY_VOID(tx.exec(std::string("DELETE FROM ") + t));
    for (const char* t : std::initializer_list<const char*>{/* archives */ "archive_event", "archive_loan", "archive_room_check", "archive_file", "archive_counter"})
      YC_TRY_VOID(tx.exec(std::string("DELETE FROM ") + t));
    for (const char* t : {"resident", "employer"}) YC_TRY_VOID(tx.exec(std::string("DELETE FROM ") + t));
    for (const char* t : {"notification", "case_online", "citizen_upload", "api_client", "webhook_delivery", "webhook_subscription", "stat_day", "stat_month", "stat_item_month", "complaint_event", "complaint", "complaint_counter", "evaluation_appeal", "rectification", "evaluation", "staff_attendance", "staff_training", "training_enrolment", "training_session", "training_course", "internal_finding", "internal_check_item", "internal_check", "staff_assignment", "staff_profile", "appointment", "hall_alert", "hall_device", "hall_setting", "account_photo", "ticket", "ticket_counter", "window_group", "service_group", "idempotency_key", "incident", "case_overdue", "case_followup", "case_delivery", "case_event",
                          "case_task", "case_notice_addition", "case_notice", "case_file", "case_material",
                          "service_case", "citizen_session", "citizen_login", "citizen", "case_counter", "consultation_handover", "consultation", "catalog_offer", "catalog_version", "catalog_item", "auth_session", "login_failure", "recovery_code",
                          "role_grant", "account", "org_window", "org_site"})
      YC_TRY_VOID(tx.exec(std::string("DELETE FROM ") + t));
    for (int level = 4; level >= 1; --level)
      YC_TRY_VOID(tx.exec("DELETE FROM org_unit WHERE level = $1", {std::int64_t{level}}));
    YC_TRY_VOID(tx.exec("DELETE FROM audit_log"));
    YC_TRY_VOID(tx.exec("UPDATE audit_head SET seq = 0, hash = $1, anchor_seq = 0, anchor_hash = $1 WHERE id = 1", {std::string(64, '0')}));
    return {};
  });
}

}  // namespace yc::store::testing
