-- 0015: 好差评 (issue 10, item 1; policy 四(三) 开展满意度调查和评价; GB/T 39734/39735-2020).
-- A service (a ticket served at a window, a case at each step the citizen
-- sees) is rated once per channel. 不满意 or worse opens a rectification
-- (整改) for the responsible unit (谁办理谁负责) with a working-day deadline,
-- a call-back (回访) and a result the citizen sees; unanswered ones go up
-- to the unit above.
CREATE TABLE evaluation (
  id {{id}},
  target_kind TEXT NOT NULL,          -- ticket | case
  target_id BIGINT NOT NULL,
  stage TEXT NOT NULL,                -- ticket: served; case: accepted | completed | delivered
  channel TEXT NOT NULL,              -- pad | kiosk | web | mobile | receipt
  level SMALLINT NOT NULL,            -- 5 非常满意 .. 1 非常不满意
  reasons TEXT NOT NULL DEFAULT '',   -- comma-separated reason codes
  comment_sealed TEXT NOT NULL DEFAULT '',   -- may hold personal data: sealed
  contact_sealed TEXT NOT NULL DEFAULT '',   -- the phone for the call-back; '' = anonymous
  contact_masked TEXT NOT NULL DEFAULT '',
  unit_code TEXT NOT NULL REFERENCES org_unit (code),   -- responsible (谁办理谁负责)
  unit_path TEXT NOT NULL,
  site_id BIGINT REFERENCES org_site (id),
  window_number INTEGER,
  staff_id BIGINT REFERENCES account (id),   -- who served; never told who rated
  item_code TEXT NOT NULL DEFAULT '',
  day TEXT NOT NULL,                  -- Beijing day of the rating
  created_at BIGINT NOT NULL,
  UNIQUE (target_kind, target_id, stage, channel)
);
CREATE INDEX evaluation_unit_day ON evaluation (unit_path, day);

CREATE TABLE rectification (
  id {{id}},
  evaluation_id BIGINT NOT NULL UNIQUE REFERENCES evaluation (id),
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  unit_path TEXT NOT NULL,
  state TEXT NOT NULL,                -- open | closed
  due_day TEXT NOT NULL,              -- working days (calendar table)
  escalation INTEGER NOT NULL DEFAULT 0,     -- 0 the unit; 1 the unit above; 2 the one above that
  escalated_to TEXT NOT NULL DEFAULT '',     -- unit code, once escalated
  escalated_at BIGINT,
  callback_outcome TEXT NOT NULL DEFAULT '', -- reached | unreachable | declined
  callback_note TEXT NOT NULL DEFAULT '',
  callback_by BIGINT REFERENCES account (id),
  callback_at BIGINT,
  result TEXT NOT NULL DEFAULT '',           -- what was done; the citizen sees it
  closed_by BIGINT REFERENCES account (id),
  closed_at BIGINT,
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX rectification_open ON rectification (state, due_day);
CREATE INDEX rectification_unit ON rectification (unit_path, state);

INSERT INTO role_permission (role_code, permission) VALUES
  ('hall_manager', 'evaluation.read'), ('hall_manager', 'evaluation.rectify'),
  ('district_admin', 'evaluation.read'), ('district_admin', 'evaluation.rectify'),
  ('city_admin', 'evaluation.read'), ('city_admin', 'evaluation.rectify');
