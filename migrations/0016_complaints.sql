-- 0016: 投诉举报 (issue 10, item 2; policy 三(四), annex 一(三); GB/T 36113-2018):
-- complaints and reports from any channel, named or anonymous, each with
-- its steps 受理 → 调查处置 → 答复 → 回访归档 and working-day deadlines. The
-- reporter's identity is sealed and opened only by the complaints officer
-- (audited); the person complained about never handles it nor sees it.
CREATE TABLE complaint_counter (
  day TEXT PRIMARY KEY,                -- YYYYMMDD, Beijing
  last BIGINT NOT NULL
);

CREATE TABLE complaint (
  id {{id}},
  complaint_no TEXT NOT NULL UNIQUE,    -- 'TS20261127-0001'
  query_code_hash TEXT NOT NULL,        -- SM3 of the reporter's query code
  kind TEXT NOT NULL,                   -- complaint | report
  category TEXT NOT NULL,
  channel TEXT NOT NULL,                -- window | phone | letter | web | mobile | kiosk
  anonymous SMALLINT NOT NULL,
  reporter_name_sealed TEXT NOT NULL DEFAULT '',
  reporter_phone_sealed TEXT NOT NULL DEFAULT '',
  reporter_id_sealed TEXT NOT NULL DEFAULT '',
  content_sealed TEXT NOT NULL,
  case_id BIGINT REFERENCES service_case (id),
  site_id BIGINT REFERENCES org_site (id),
  window_number INTEGER,
  staff_id BIGINT REFERENCES account (id),   -- the person complained about
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  unit_path TEXT NOT NULL,
  state TEXT NOT NULL,                  -- received | accepted | rejected | replied | closed
  assignee_id BIGINT REFERENCES account (id),
  accept_due_day TEXT NOT NULL,
  reply_due_day TEXT,
  reject_reason TEXT NOT NULL DEFAULT '',
  reply TEXT NOT NULL DEFAULT '',
  upheld SMALLINT,                      -- 属实 1, 不属实 0
  callback_outcome TEXT NOT NULL DEFAULT '',
  callback_note TEXT NOT NULL DEFAULT '',
  received_day TEXT NOT NULL,
  created_by BIGINT REFERENCES account (id),   -- NULL: the reporter online
  created_at BIGINT NOT NULL,
  accepted_at BIGINT,
  replied_at BIGINT,
  closed_at BIGINT,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX complaint_unit ON complaint (unit_path, state);
CREATE INDEX complaint_day ON complaint (received_day);

INSERT INTO role (code, name, triad, requires_totp, idle_minutes, sort_order) VALUES
  ('complaints_officer', '投诉受理专员', '', 1, 30, 65);

INSERT INTO role_permission (role_code, permission) VALUES
  ('complaints_officer', 'org.read'), ('complaints_officer', 'complaint.intake'),
  ('complaints_officer', 'complaint.read'), ('complaints_officer', 'complaint.handle'),
  ('complaints_officer', 'complaint.reveal'),
  ('window_clerk', 'complaint.intake'), ('hall_manager', 'complaint.intake'),
  ('district_admin', 'complaint.read'), ('city_admin', 'complaint.read');
