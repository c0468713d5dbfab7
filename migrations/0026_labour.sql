-- 0026: 劳动关系 (issue 12; policy annex 一(三)): the yearly survey of the
-- employers of the street (用工单位统计调查), labour-dispute mediation
-- (劳动争议预防和调解; 劳动争议调解仲裁法 第十四条: fifteen days from the
-- application), the search for hidden dispute risks (矛盾隐患排查) with
-- follow-ups, and referrals to labour inspection (协助监督检查, 移送劳动保障
-- 监察). Employers are read from `employer` (0025); the worker of a case is
-- sealed (SM4) with masked copies, the claim and the agreement too.

-- 用工单位统计调查: one form per employer and year, editable (version).
CREATE TABLE labour_survey (
  id {{id}},
  employer_id BIGINT NOT NULL REFERENCES employer (id),
  year INTEGER NOT NULL,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),   -- the employer's, at the last save
  unit_path TEXT NOT NULL,
  employees INTEGER NOT NULL,           -- 年末职工人数
  local_employees INTEGER NOT NULL,     -- 本市户籍
  nonlocal_employees INTEGER NOT NULL,  -- 外埠
  contracts INTEGER NOT NULL,           -- 签订劳动合同人数
  hired INTEGER NOT NULL,               -- 本年招用
  left_count INTEGER NOT NULL,          -- 本年离职
  vacancies INTEGER NOT NULL,           -- 空缺岗位
  wage_arrears SMALLINT NOT NULL,       -- 是否存在欠薪
  insured INTEGER NOT NULL,             -- 参加社会保险人数
  needs TEXT NOT NULL DEFAULT '',       -- 用工需求与意见
  submitted_by BIGINT NOT NULL REFERENCES account (id),
  submitted_at BIGINT NOT NULL,
  updated_by BIGINT NOT NULL REFERENCES account (id),
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  UNIQUE (employer_id, year)
);
CREATE INDEX labour_survey_year ON labour_survey (year, unit_path);

-- 调解案件编号: per mediating unit and Beijing day ('TJ20261127-0001').
CREATE TABLE mediation_counter (
  unit_code TEXT NOT NULL,
  day TEXT NOT NULL,                    -- YYYYMMDD
  last BIGINT NOT NULL,
  PRIMARY KEY (unit_code, day)
);

CREATE TABLE mediation_case (
  id {{id}},
  case_no TEXT NOT NULL,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),   -- the mediating street or community
  unit_path TEXT NOT NULL,
  worker_id_hash TEXT NOT NULL,
  worker_id_sealed TEXT NOT NULL,
  worker_id_masked TEXT NOT NULL,
  worker_name_sealed TEXT NOT NULL,
  worker_name_masked TEXT NOT NULL,
  worker_phone_sealed TEXT NOT NULL DEFAULT '',
  worker_phone_masked TEXT NOT NULL DEFAULT '',
  employer_id BIGINT REFERENCES employer (id),          -- a registered employer, else name + code below
  employer_name TEXT NOT NULL DEFAULT '',
  employer_credit_code TEXT NOT NULL DEFAULT '',
  claim_kind TEXT NOT NULL,             -- wages | contract | social_insurance | injury | dismissal | other
  claim_sealed TEXT NOT NULL,
  claim_amount_fen BIGINT,
  received_day TEXT NOT NULL,
  due_day TEXT NOT NULL,                -- received_day + 15 calendar days
  mediator_id BIGINT NOT NULL REFERENCES account (id),
  state TEXT NOT NULL,                  -- open | agreed | failed | withdrawn
  agreement_sealed TEXT NOT NULL DEFAULT '',
  agreed_amount_fen BIGINT,
  performance_due_day TEXT,
  outcome_note TEXT NOT NULL DEFAULT '',
  late SMALLINT NOT NULL DEFAULT 0,     -- agreed after the due day, the parties having agreed to go on
  closed_day TEXT,
  closed_by BIGINT REFERENCES account (id),
  closed_at BIGINT,
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  UNIQUE (unit_code, case_no)
);
CREATE INDEX mediation_case_unit ON mediation_case (unit_path, state, due_day);

CREATE TABLE mediation_session (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES mediation_case (id),
  day TEXT NOT NULL,
  attendees TEXT NOT NULL,
  notes_sealed TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL,                 -- progress | deadlock | absent
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX mediation_session_of ON mediation_session (case_id, day);

-- 矛盾隐患排查.
CREATE TABLE labour_hazard (
  id {{id}},
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  unit_path TEXT NOT NULL,
  employer_id BIGINT REFERENCES employer (id),
  employer_name TEXT NOT NULL DEFAULT '',   -- when not registered
  kind TEXT NOT NULL,                   -- wage_arrears | mass_dispute | contract | social_insurance | other
  risk TEXT NOT NULL,                   -- low | medium | high
  description TEXT NOT NULL,
  people INTEGER NOT NULL DEFAULT 0,    -- 涉及人数
  measures TEXT NOT NULL DEFAULT '',
  found_day TEXT NOT NULL,
  next_followup_day TEXT,
  last_followup_day TEXT,
  state TEXT NOT NULL,                  -- open | resolved
  resolved_day TEXT,
  result TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX labour_hazard_unit ON labour_hazard (unit_path, state);

CREATE TABLE hazard_followup (
  id {{id}},
  hazard_id BIGINT NOT NULL REFERENCES labour_hazard (id),
  day TEXT NOT NULL,
  note TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX hazard_followup_of ON hazard_followup (hazard_id, day);

-- 移送劳动保障监察: from a hazard, a mediation case or a complaint (by its
-- number, e.g. a 12333 work order); sent -> acknowledged -> closed.
CREATE TABLE labour_referral (
  id {{id}},
  source_kind TEXT NOT NULL,            -- hazard | mediation | complaint
  source_id BIGINT,                     -- hazard and mediation
  source_ref TEXT NOT NULL DEFAULT '',  -- complaint: its number
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  unit_path TEXT NOT NULL,
  reason TEXT NOT NULL,
  referred_day TEXT NOT NULL,
  state TEXT NOT NULL,                  -- sent | acknowledged | closed
  inspection_ref TEXT NOT NULL DEFAULT '',  -- 监察机构受理编号
  acknowledged_day TEXT,
  closed_day TEXT,
  result TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX labour_referral_unit ON labour_referral (unit_path, state);
-- One referral of a record under way at a time.
CREATE UNIQUE INDEX labour_referral_open ON labour_referral (source_kind, source_id) WHERE state <> 'closed';
