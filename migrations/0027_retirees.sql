-- 0027: 社会化管理 of retirees and of people receiving work-injury benefits
-- (issue 12, item 4; policy 附件一(二) 社会化退休人员管理服务, 享受工伤待遇人员社会化管理服务;
-- 附件二 社区协助): the registry of each community, yearly contacts (年度联系), activities,
-- and death reports with their 复核 (三(七): a high-risk step, formal staff only, the
-- checker another person than the reporter). Personal data sealed (SM4) with masked copies.
CREATE TABLE retiree (
  id {{id}},
  kind TEXT NOT NULL,                   -- retiree (退休人员) | work_injury (工伤待遇人员)
  unit_code TEXT NOT NULL REFERENCES org_unit (code),   -- the community
  unit_path TEXT NOT NULL,
  id_hash TEXT NOT NULL,
  id_sealed TEXT NOT NULL,
  id_masked TEXT NOT NULL,
  name_sealed TEXT NOT NULL,
  name_masked TEXT NOT NULL,
  phone_sealed TEXT NOT NULL DEFAULT '',
  phone_masked TEXT NOT NULL DEFAULT '',
  address_sealed TEXT NOT NULL DEFAULT '',
  address_masked TEXT NOT NULL DEFAULT '',
  gender TEXT NOT NULL,                 -- M | F (from the ID number)
  birth_year INTEGER NOT NULL,
  injury_level INTEGER,                 -- work_injury: 1..10 级 (none for 供养亲属)
  benefit_kind TEXT NOT NULL DEFAULT '',  -- work_injury: disability_allowance | nursing_care | dependant_pension
  start_day TEXT NOT NULL,              -- retirement day, or the first day of the benefit
  former_employer TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,                 -- active | death_reported | deceased
  benefits_active SMALLINT NOT NULL DEFAULT 1,
  death_day TEXT,                       -- once 复核 confirmed it
  benefit_stop_day TEXT,                -- the first day of the month after the death
  last_contact_day TEXT,
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  UNIQUE (kind, id_hash)
);
CREATE INDEX retiree_unit ON retiree (unit_path, kind, status);

-- 年度联系/走访: the note sealed.
CREATE TABLE retiree_contact (
  id {{id}},
  retiree_id BIGINT NOT NULL REFERENCES retiree (id),
  day TEXT NOT NULL,
  method TEXT NOT NULL,                 -- visit (上门) | phone (电话) | walk_in (来访) | other
  note_sealed TEXT NOT NULL DEFAULT '',
  by_account BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX retiree_contact_of ON retiree_contact (retiree_id, day);

-- 文体活动、健康讲座 ... organised by a community.
CREATE TABLE retiree_activity (
  id {{id}},
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  unit_path TEXT NOT NULL,
  kind TEXT NOT NULL,                   -- culture | health | policy | other
  title TEXT NOT NULL,
  day TEXT NOT NULL,
  place TEXT NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX retiree_activity_unit ON retiree_activity (unit_path, day);

CREATE TABLE retiree_activity_participant (
  activity_id BIGINT NOT NULL REFERENCES retiree_activity (id),
  retiree_id BIGINT NOT NULL REFERENCES retiree (id),
  PRIMARY KEY (activity_id, retiree_id)
);
CREATE INDEX retiree_activity_participant_of ON retiree_activity_participant (retiree_id);

-- 死亡报告 and its 复核 (待遇停发).
CREATE TABLE retiree_death_report (
  id {{id}},
  retiree_id BIGINT NOT NULL REFERENCES retiree (id),
  death_day TEXT NOT NULL,
  source TEXT NOT NULL,                 -- family | police | hospital | other
  note_sealed TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,                  -- open | confirmed | rejected
  reported_by BIGINT NOT NULL REFERENCES account (id),
  reported_at BIGINT NOT NULL,
  checked_by BIGINT REFERENCES account (id),
  checked_at BIGINT,
  reject_reason TEXT NOT NULL DEFAULT '',
  benefit_stop_day TEXT
);
-- One open report per person at a time.
CREATE UNIQUE INDEX retiree_death_report_open ON retiree_death_report (retiree_id) WHERE state = 'open';
CREATE INDEX retiree_death_report_of ON retiree_death_report (retiree_id);
