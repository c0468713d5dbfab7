// yichuang: the server and its administrative commands. Wiring lives in
// src/app; this file only reads the command line.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>

#include "app/app.hpp"
#include "app/backup.hpp"
#include "platform/config.hpp"

int main(int argc, char** argv) {
  CLI::App cli{"一窗 (yichuang): 人力社保基层政务服务平台"};
  cli.require_subcommand(1);
  std::string config_path;
  cli.add_option("-c,--config", config_path, "配置文件 (TOML),缺省时使用 ./yichuang.toml(若存在)");
  auto* serve = cli.add_subcommand("serve", "启动服务 (启动时自动迁移数据库)");
  auto* migrate = cli.add_subcommand("migrate", "执行数据库迁移");
  auto* seed = cli.add_subcommand("seed-demo", "写入演示数据 (可重复执行)");
  auto* check = cli.add_subcommand("check-config", "校验配置并退出");
  auto* version = cli.add_subcommand("version", "显示版本");
  auto* keygen = cli.add_subcommand("keygen", "生成个人信息加密密钥文件 (已存在则不改动)");
  auto* admin = cli.add_subcommand("create-admin", "创建管理员账户并打印初始密码");
  std::string admin_login, admin_name, admin_role = "system_admin", admin_unit, admin_city;
  admin->add_option("--login", admin_login, "登录名")->required();
  admin->add_option("--name", admin_name, "姓名")->required();
  admin->add_option("--role", admin_role, "角色: system_admin | security_admin | audit_admin | city_admin ...");
  admin->add_option("--unit", admin_unit, "授权单位代码 (如市级 110000)")->required();
  admin->add_option("--city-name", admin_city, "新安装时同时创建的市级单位名称 (如 北京市)");
  auto* audit = cli.add_subcommand("audit", "审计日志");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "校验审计日志哈希链,指出第一条异常记录");
  auto* stats = cli.add_subcommand("stats", "统计台账");
  stats->require_subcommand(1);
  auto* stats_rebuild = stats->add_subcommand("rebuild", "按业务数据重算日统计 (升级后或核对时使用)");
  auto* backup = cli.add_subcommand("backup", "在线备份数据库与加密文件 (不含密钥文件)");
  std::string backup_to, restore_from;
  backup->add_option("--to", backup_to, "备份目录 (须不存在或为空)")->required();
  auto* restore = cli.add_subcommand("restore", "从备份恢复到配置的空数据库并校验");
  restore->add_option("--from", restore_from, "备份目录 (yichuang backup 写入的)")->required();
  for (auto* sub : {serve, migrate, seed, check, audit_verify, keygen, admin, stats_rebuild, backup, restore})
    sub->add_option("-c,--config", config_path, "配置文件 (TOML)");
  CLI11_PARSE(cli, argc, argv);

  if (version->parsed()) {
    std::printf("yichuang %s\n", yc::app::kVersion);
    return 0;
  }
  if (config_path.empty() && std::filesystem::exists("yichuang.toml")) config_path = "yichuang.toml";
  auto config = yc::load_config(config_path, yc::process_environment());
  if (!config) {
    std::fprintf(stderr, "yichuang: 配置错误: %s\n", config.error().message.c_str());
    return 2;
  }
  if (serve->parsed()) return yc::app::serve(*config);
  if (migrate->parsed()) return yc::app::migrate(*config);
  if (seed->parsed()) return yc::app::seed_demo(*config);
  if (audit_verify->parsed()) return yc::app::audit_verify(*config);
  if (stats_rebuild->parsed()) return yc::app::stats_rebuild(*config);
  if (backup->parsed()) return yc::app::backup(*config, backup_to);
  if (restore->parsed()) return yc::app::restore(*config, restore_from);
  if (keygen->parsed()) return yc::app::keygen(*config);
  if (admin->parsed()) return yc::app::create_admin(*config, admin_login, admin_name, admin_role, admin_unit, admin_city);
  return yc::app::check_config(*config);
}
