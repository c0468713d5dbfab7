-- 0008: one-window case handling (issue 6; policy 三(四) 前台综合受理、后台分类
-- 审批、综合窗口出件, 三(七) 初审/复审/审批 and 复核, 三(八) the five systems).
-- One case model serves the window, online applications and every item. A
-- case keeps the catalog version it started under. Personal data of
-- applicants and agents is sealed (SM4, privacy::KeyRing) with a masked copy
-- for screens and a keyed hash for exact lookup; it never appears in clear.

-- 首问负责: every consultation with its first clerk, who owns it until a
-- recorded hand-over.
CREATE TABLE consultation (
  id {{id}},
  channel TEXT NOT NULL,              -- 'hall' | 'phone' | 'web'
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  unit_path TEXT NOT NULL,
  site_id BIGINT REFERENCES org_site (id),
  item_code TEXT REFERENCES catalog_item (code),
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  contact_name_sealed TEXT NOT NULL,
  contact_name_masked TEXT NOT NULL,
  contact_phone_sealed TEXT NOT NULL,
  contact_phone_masked TEXT NOT NULL,
  first_clerk_id BIGINT NOT NULL REFERENCES account (id),
  owner_id BIGINT NOT NULL REFERENCES account (id),
  case_id BIGINT,                     -- the case it became, if any
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX consultation_owner ON consultation (owner_id, created_at);
CREATE INDEX consultation_unit ON consultation (unit_path, created_at);

CREATE TABLE consultation_handover (
  id {{id}},
  consultation_id BIGINT NOT NULL REFERENCES consultation (id),
  from_id BIGINT NOT NULL REFERENCES account (id),
  to_id BIGINT NOT NULL REFERENCES account (id),
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- Case numbers are sequential per Beijing day, city-wide.
CREATE TABLE case_counter (
  day TEXT PRIMARY KEY,               -- 'YYYYMMDD' (Asia/Shanghai)
  last BIGINT NOT NULL
);

CREATE TABLE service_case (
  id {{id}},
  case_no TEXT NOT NULL UNIQUE,       -- '20250124-000001'
  progress_token TEXT NOT NULL,       -- in the receipt's QR code (public progress)
  item_code TEXT NOT NULL REFERENCES catalog_item (code),
  item_version_id BIGINT NOT NULL REFERENCES catalog_version (id),
  item_name TEXT NOT NULL,
  channel TEXT NOT NULL,              -- 'window' | 'online' | 'paper'
  status TEXT NOT NULL,               -- intake | notified | rejected | review | returned | ready | delivered | closed
  outcome TEXT NOT NULL DEFAULT '',   -- '' | approved | refused | rejected
  -- Where it was taken (the hall that delivers) and who handles it (全城通办).
  intake_unit_code TEXT NOT NULL REFERENCES org_unit (code),
  intake_path TEXT NOT NULL,
  site_id BIGINT REFERENCES org_site (id),
  window_number INTEGER,
  handling_unit_code TEXT NOT NULL REFERENCES org_unit (code),
  handling_path TEXT NOT NULL,
  ticket TEXT NOT NULL DEFAULT '',
  consultation_id BIGINT REFERENCES consultation (id),
  -- The applicant: a person or an employer; and an agent (代办/全程代理).
  applicant_kind TEXT NOT NULL,       -- 'person' | 'employer'
  applicant_id_sealed TEXT NOT NULL,  -- resident ID or unified social credit code
  applicant_id_masked TEXT NOT NULL,
  applicant_id_hash TEXT NOT NULL,
  applicant_name_sealed TEXT NOT NULL,
  applicant_name_masked TEXT NOT NULL,
  applicant_phone_sealed TEXT NOT NULL,
  applicant_phone_masked TEXT NOT NULL,
  agent_kind TEXT NOT NULL DEFAULT '',  -- '' | 'agent' (代办) | 'proxy' (全程代理)
  agent_name_sealed TEXT NOT NULL DEFAULT '',
  agent_name_masked TEXT NOT NULL DEFAULT '',
  agent_id_sealed TEXT NOT NULL DEFAULT '',
  agent_id_masked TEXT NOT NULL DEFAULT '',
  agent_phone_sealed TEXT NOT NULL DEFAULT '',
  agent_phone_masked TEXT NOT NULL DEFAULT '',
  -- People: the clerk who took it (never reviews it), who accepted it.
  intake_by BIGINT NOT NULL REFERENCES account (id),
  accepted_by BIGINT REFERENCES account (id),
  entered_by BIGINT REFERENCES account (id),  -- back-entry after a paper fallback
  -- The clock (限时办结): Beijing days, working days from the calendar table.
  promised_days INTEGER NOT NULL,
  correction_suspends SMALLINT NOT NULL DEFAULT 0,
  recheck_sampled SMALLINT NOT NULL DEFAULT 0,
  chain TEXT NOT NULL DEFAULT '',     -- back-office steps fixed at acceptance, e.g. 'review_first,approve,recheck'
  accepted_at BIGINT,
  accepted_day TEXT,
  due_day TEXT,
  warn_day TEXT,
  suspended_since TEXT,               -- Beijing day the clock stopped (returned for correction)
  suspended_days INTEGER NOT NULL DEFAULT 0,
  completed_at BIGINT,
  delivered_at BIGINT,
  warned_at BIGINT,                   -- the 80% warning was raised
  overdue_at BIGINT,                  -- escalated to the hall manager
  reject_reason TEXT NOT NULL DEFAULT '',
  reject_basis TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,         -- the original time (also for back-entry)
  recorded_at BIGINT NOT NULL,        -- when the system recorded it
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX service_case_intake ON service_case (intake_path, status);
CREATE INDEX service_case_handling ON service_case (handling_path, status);
CREATE INDEX service_case_applicant ON service_case (applicant_id_hash);
CREATE INDEX service_case_due ON service_case (status, due_day);

-- The materials of the item version, each judged at the window.
CREATE TABLE case_material (
  case_id BIGINT NOT NULL REFERENCES service_case (id),
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  required SMALLINT NOT NULL,
  condition_text TEXT NOT NULL,
  expected_form TEXT NOT NULL,
  shared SMALLINT NOT NULL,
  state TEXT NOT NULL,                -- pending | received | exempt | missing | defective | not_applicable
  received_form TEXT NOT NULL DEFAULT '',  -- original | copy | original_and_copy | electronic
  reason TEXT NOT NULL DEFAULT '',    -- why missing or defective (goes on the notice)
  updated_by BIGINT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (case_id, idx)
);

-- Scans and authorization documents: the bytes live outside the database
-- (encrypted files named by their SM3 digest); this row says what they are.
CREATE TABLE case_file (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES service_case (id),
  material_idx INTEGER,               -- NULL: the agent's authorization
  purpose TEXT NOT NULL,              -- 'material' | 'authorization' | 'paper_form'
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  digest TEXT NOT NULL,               -- SM3 of the plain bytes
  stored_name TEXT NOT NULL,
  uploaded_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX case_file_case ON case_file (case_id);

-- 一次性告知: numbered notices; each lists what is missing or defective.
CREATE TABLE case_notice (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES service_case (id),
  number INTEGER NOT NULL,
  notice_no TEXT NOT NULL UNIQUE,
  items TEXT NOT NULL,                -- JSON [{idx, name, state, reason}]
  note TEXT NOT NULL,
  issued_by BIGINT NOT NULL REFERENCES account (id),
  issued_at BIGINT NOT NULL,
  UNIQUE (case_id, number)
);

-- The only way a material not told the first time may be asked for: the
-- hall manager's recorded reason.
CREATE TABLE case_notice_addition (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES service_case (id),
  material_idx INTEGER NOT NULL,
  reason TEXT NOT NULL,
  approved_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL,
  UNIQUE (case_id, material_idx)
);

-- Back-office work: one row per step taken up; open rows are the queues.
CREATE TABLE case_task (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES service_case (id),
  step TEXT NOT NULL,                 -- review_first | review_second | approve | recheck
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  unit_path TEXT NOT NULL,
  state TEXT NOT NULL,                -- open | done | cancelled
  assignee_id BIGINT REFERENCES account (id),
  action TEXT NOT NULL DEFAULT '',    -- approve | refuse | return | transfer
  opinion TEXT NOT NULL DEFAULT '',
  acted_by BIGINT REFERENCES account (id),
  created_at BIGINT NOT NULL,
  acted_at BIGINT,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX case_task_queue ON case_task (state, step, unit_path);
CREATE INDEX case_task_case ON case_task (case_id);

-- The timeline: every step, who, when and what (audit has the same, this
-- is the case's own readable history and the citizen's progress).
CREATE TABLE case_event (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES service_case (id),
  kind TEXT NOT NULL,
  step TEXT NOT NULL DEFAULT '',
  actor_id BIGINT REFERENCES account (id),
  unit_code TEXT NOT NULL DEFAULT '',
  window_number INTEGER,
  note TEXT NOT NULL DEFAULT '',
  public SMALLINT NOT NULL DEFAULT 0, -- shown on the citizen's progress page
  at BIGINT NOT NULL
);
CREATE INDEX case_event_case ON case_event (case_id, id);

-- 出件: who received what, when, how.
CREATE TABLE case_delivery (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES service_case (id),
  method TEXT NOT NULL,               -- window | post | electronic
  receiver_name_masked TEXT NOT NULL,
  receiver_name_sealed TEXT NOT NULL,
  receiver_id_masked TEXT NOT NULL,
  receiver_id_sealed TEXT NOT NULL,
  identity_checked SMALLINT NOT NULL,
  tracking_no TEXT NOT NULL,
  note TEXT NOT NULL,
  site_id BIGINT REFERENCES org_site (id),
  window_number INTEGER,
  delivered_by BIGINT NOT NULL REFERENCES account (id),
  delivered_at BIGINT NOT NULL
);
CREATE INDEX case_delivery_case ON case_delivery (case_id);

-- 回访: the follow-up after delivery.
CREATE TABLE case_followup (
  case_id BIGINT PRIMARY KEY REFERENCES service_case (id),
  due_day TEXT NOT NULL,
  state TEXT NOT NULL,                -- open | done
  outcome TEXT NOT NULL DEFAULT '',   -- satisfied | unsatisfied | unreachable | declined
  note TEXT NOT NULL DEFAULT '',
  done_by BIGINT REFERENCES account (id),
  done_at BIGINT
);
CREATE INDEX case_followup_open ON case_followup (state, due_day);

-- 责任追究: who held each overdue case, and at which step, when it fell due.
CREATE TABLE case_overdue (
  case_id BIGINT PRIMARY KEY REFERENCES service_case (id),
  due_day TEXT NOT NULL,
  step TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  person_id BIGINT REFERENCES account (id),
  recorded_at BIGINT NOT NULL
);

-- 应急处理: incidents at a hall.
CREATE TABLE incident (
  id {{id}},
  site_id BIGINT NOT NULL REFERENCES org_site (id),
  unit_path TEXT NOT NULL,
  kind TEXT NOT NULL,                 -- outage | crowding | conflict | other
  description TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT,
  resolution TEXT NOT NULL DEFAULT '',
  reported_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX incident_site ON incident (unit_path, started_at);

-- Idempotency-Key: a retried creating POST gets the first answer.
CREATE TABLE idempotency_key (
  account_id BIGINT NOT NULL,
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,         -- SM3 of method, path and body
  status INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, idem_key)
);
CREATE INDEX idempotency_key_age ON idempotency_key (created_at);

-- 编制内: high-risk items (待遇发放, 费率核定) only by formal staff (三(七)).
ALTER TABLE account ADD COLUMN formal_staff SMALLINT NOT NULL DEFAULT 0;
