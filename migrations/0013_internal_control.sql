-- Internal control (issue 9; policy 四(四) 设立专职内控岗位, annex 一(四)
-- 开展内控监督检查): checks run by the internal-control post on a random
-- sample of finished cases, a result per case, findings with a working-day
-- deadline and their follow-up.
CREATE TABLE internal_check (
  id {{id}},
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  unit_path TEXT NOT NULL,
  period_from TEXT NOT NULL,           -- YYYY-MM-DD, Beijing (cases accepted from)
  period_to TEXT NOT NULL,
  sample_size INTEGER NOT NULL,
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX internal_check_unit ON internal_check (unit_path);

CREATE TABLE internal_check_item (
  id {{id}},
  check_id BIGINT NOT NULL REFERENCES internal_check (id),
  case_id BIGINT NOT NULL REFERENCES service_case (id),
  result TEXT NOT NULL DEFAULT 'pending',   -- pending | ok | finding
  note TEXT NOT NULL DEFAULT '',
  checked_by BIGINT REFERENCES account (id),
  checked_at BIGINT,
  UNIQUE (check_id, case_id)
);

CREATE TABLE internal_finding (
  id {{id}},
  check_id BIGINT NOT NULL REFERENCES internal_check (id),
  item_id BIGINT NOT NULL REFERENCES internal_check_item (id),
  case_id BIGINT NOT NULL REFERENCES service_case (id),
  unit_code TEXT NOT NULL REFERENCES org_unit (code),   -- the handling unit answers for it
  description TEXT NOT NULL,
  due_day TEXT NOT NULL,                -- working days from the calendar table
  follow_up TEXT NOT NULL DEFAULT '',
  closed_by BIGINT REFERENCES account (id),
  closed_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX internal_finding_check ON internal_finding (check_id);
