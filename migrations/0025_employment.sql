-- 0025: grassroots business of the annex (issue 12): the roles of the
-- community and street labour-security workers and the archive keeper, the
-- employers of the street (by unified social credit code), the residents'
-- employment registry with follow-up visits, and job services (vacancies,
-- referrals, career guidance, training referrals, 公益性岗位 placements).
-- Personal data is sealed (SM4) with masked copies; ID numbers are found by
-- their keyed lookup hash.

INSERT INTO role (code, name, triad, requires_totp, idle_minutes, sort_order) VALUES
  ('community_worker', '社区劳动保障协管员', '', 0, 30, 66),
  ('street_worker', '街道劳动保障专员', '', 0, 30, 67),
  ('archive_keeper', '档案管理员', '', 0, 30, 68);

INSERT INTO role_permission (role_code, permission) VALUES
  ('community_worker', 'org.read'), ('community_worker', 'employment.read'), ('community_worker', 'employment.write'),
  ('community_worker', 'labour.read'), ('community_worker', 'labour.write'),
  ('community_worker', 'retiree.read'), ('community_worker', 'retiree.write'),
  ('street_worker', 'org.read'), ('street_worker', 'employment.read'), ('street_worker', 'employment.write'),
  ('street_worker', 'labour.read'), ('street_worker', 'labour.write'),
  ('street_worker', 'retiree.read'), ('street_worker', 'retiree.write'), ('street_worker', 'retiree.recheck'),
  ('street_worker', 'archive.read'),
  ('archive_keeper', 'org.read'), ('archive_keeper', 'archive.read'), ('archive_keeper', 'archive.write'),
  ('district_admin', 'employment.read'), ('district_admin', 'labour.read'), ('district_admin', 'retiree.read'),
  ('district_admin', 'archive.read'),
  ('city_admin', 'employment.read'), ('city_admin', 'labour.read'), ('city_admin', 'retiree.read'),
  ('city_admin', 'archive.read');

-- 用人单位: public registry data (code, name), the contact person sealed.
CREATE TABLE employer (
  id {{id}},
  credit_code TEXT NOT NULL UNIQUE,     -- GB 32100
  name TEXT NOT NULL,
  industry TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',     -- a business address, not personal
  unit_code TEXT NOT NULL REFERENCES org_unit (code),   -- the street or community it lies in
  unit_path TEXT NOT NULL,
  contact_name_sealed TEXT NOT NULL DEFAULT '',
  contact_name_masked TEXT NOT NULL DEFAULT '',
  contact_phone_sealed TEXT NOT NULL DEFAULT '',
  contact_phone_masked TEXT NOT NULL DEFAULT '',
  employees INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX employer_unit ON employer (unit_path);

-- 劳动力资源台账: one row per person of working age, in their community.
CREATE TABLE resident (
  id {{id}},
  unit_code TEXT NOT NULL REFERENCES org_unit (code),   -- the community
  unit_path TEXT NOT NULL,
  id_hash TEXT NOT NULL UNIQUE,
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
  household TEXT NOT NULL,              -- urban | rural (农村劳动力)
  education TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,                 -- employed | unemployed | flexible | hardship
  hardship_category TEXT NOT NULL DEFAULT '',
  registered_day TEXT,                  -- 失业登记 day (unemployed, hardship)
  skills TEXT NOT NULL DEFAULT '',      -- comma list
  needs TEXT NOT NULL DEFAULT '',       -- comma list of job | training | policy
  desired_job TEXT NOT NULL DEFAULT '',
  last_visit_day TEXT,
  next_visit_day TEXT,
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX resident_unit ON resident (unit_path, status);
CREATE INDEX resident_visit_due ON resident (next_visit_day);

-- 跟踪回访: who, when, how, what was found and agreed; notes sealed.
CREATE TABLE resident_visit (
  id {{id}},
  resident_id BIGINT NOT NULL REFERENCES resident (id),
  visit_day TEXT NOT NULL,
  method TEXT NOT NULL,                 -- home | phone | office | online
  status_before TEXT NOT NULL,
  status_after TEXT NOT NULL,
  needs TEXT NOT NULL DEFAULT '',
  note_sealed TEXT NOT NULL DEFAULT '',
  next_visit_day TEXT,
  visited_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX resident_visit_of ON resident_visit (resident_id, visit_day);

-- 岗位: from an employer of the street; welfare = 公益性岗位.
CREATE TABLE vacancy (
  id {{id}},
  employer_id BIGINT NOT NULL REFERENCES employer (id),
  unit_path TEXT NOT NULL,              -- the employer's
  title TEXT NOT NULL,
  skills TEXT NOT NULL DEFAULT '',      -- comma list
  headcount INTEGER NOT NULL,
  filled INTEGER NOT NULL DEFAULT 0,
  salary_min INTEGER,
  salary_max INTEGER,
  education TEXT NOT NULL DEFAULT '',
  location TEXT NOT NULL DEFAULT '',
  welfare SMALLINT NOT NULL DEFAULT 0,
  state TEXT NOT NULL,                  -- open | closed
  open_day TEXT NOT NULL,
  close_day TEXT,
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX vacancy_unit ON vacancy (unit_path, state);

-- 职业介绍: a person referred to a vacancy, and what came of it.
CREATE TABLE job_referral (
  id {{id}},
  resident_id BIGINT NOT NULL REFERENCES resident (id),
  vacancy_id BIGINT NOT NULL REFERENCES vacancy (id),
  state TEXT NOT NULL,                  -- referred | hired | declined | rejected | no_show
  referred_day TEXT NOT NULL,
  outcome_day TEXT,
  note TEXT NOT NULL DEFAULT '',
  referred_by BIGINT NOT NULL REFERENCES account (id),
  outcome_by BIGINT REFERENCES account (id),
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
-- One open referral of a person to a vacancy at a time.
CREATE UNIQUE INDEX job_referral_open ON job_referral (resident_id, vacancy_id) WHERE state = 'referred';
CREATE INDEX job_referral_vacancy ON job_referral (vacancy_id);

-- 职业指导 and 培训推荐.
CREATE TABLE guidance_session (
  id {{id}},
  resident_id BIGINT NOT NULL REFERENCES resident (id),
  kind TEXT NOT NULL,                   -- guidance | training
  day TEXT NOT NULL,
  topic TEXT NOT NULL,                  -- the subject, or the course
  provider TEXT NOT NULL DEFAULT '',    -- training: the school or institution
  state TEXT NOT NULL,                  -- done (guidance) | referred | enrolled | completed | dropped
  note TEXT NOT NULL DEFAULT '',
  by_account BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX guidance_of ON guidance_session (resident_id);

-- 公益性岗位安置 with the subsidy period.
CREATE TABLE welfare_placement (
  id {{id}},
  resident_id BIGINT NOT NULL REFERENCES resident (id),
  vacancy_id BIGINT NOT NULL REFERENCES vacancy (id),
  start_day TEXT NOT NULL,
  subsidy_end_day TEXT NOT NULL,
  state TEXT NOT NULL,                  -- active | ended
  end_day TEXT,
  end_reason TEXT NOT NULL DEFAULT '',
  placed_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX welfare_placement_active ON welfare_placement (resident_id) WHERE state = 'active';
