-- 0019 (issue 10, items 1-2, what was missing):
-- 投诉举报: a complaint past the deadline of the step it waits for (受理,
-- 答复, 回访归档) goes up to the unit above (street -> district -> city, never
-- above the city), recorded on its timeline (complaint_event) and audited.
-- 好差评 申诉复核: the responsible unit may appeal a bad rating it holds to be
-- mistaken or malicious; a reviewer at the unit above upholds it (the rating
-- is excluded from the figures) or rejects it (the rectification goes on; no
-- second appeal). Policy 三(四), 四(三); 国办发〔2019〕51号 practice.
ALTER TABLE complaint ADD COLUMN close_due_day TEXT;                 -- set at the reply: 回访归档 due
ALTER TABLE complaint ADD COLUMN escalation INTEGER NOT NULL DEFAULT 0;   -- 0 the unit; 1 above; 2 the one above that
ALTER TABLE complaint ADD COLUMN escalated_to TEXT NOT NULL DEFAULT '';   -- unit code, once escalated
ALTER TABLE complaint ADD COLUMN escalated_at BIGINT;
ALTER TABLE complaint ADD COLUMN escalation_due_day TEXT;            -- next check after an escalation; NULL: the step's due day
CREATE INDEX complaint_open_state ON complaint (state, escalation);

-- The complaint's timeline (escalations now; other kinds may follow).
CREATE TABLE complaint_event (
  id {{id}},
  complaint_id BIGINT NOT NULL REFERENCES complaint (id),
  kind TEXT NOT NULL,                    -- escalated
  step TEXT NOT NULL DEFAULT '',         -- accept | reply | close: the step that was late
  from_unit TEXT NOT NULL DEFAULT '',
  to_unit TEXT NOT NULL DEFAULT '',
  due_day TEXT NOT NULL DEFAULT '',      -- the deadline that passed
  actor_id BIGINT REFERENCES account (id),   -- NULL: the sweep
  created_at BIGINT NOT NULL
);
CREATE INDEX complaint_event_complaint ON complaint_event (complaint_id, id);

-- 1 once an appeal was upheld: the rating no longer counts in any figure.
ALTER TABLE evaluation ADD COLUMN excluded SMALLINT NOT NULL DEFAULT 0;

CREATE TABLE evaluation_appeal (
  id {{id}},
  rectification_id BIGINT NOT NULL UNIQUE REFERENCES rectification (id),   -- one appeal per rating, ever
  evaluation_id BIGINT NOT NULL REFERENCES evaluation (id),
  unit_code TEXT NOT NULL REFERENCES org_unit (code),       -- the appealing (responsible) unit
  unit_path TEXT NOT NULL,
  review_unit_code TEXT NOT NULL REFERENCES org_unit (code),  -- the unit above, which reviews
  review_unit_path TEXT NOT NULL,
  reason TEXT NOT NULL,                  -- mistaken | malicious | not_ours | other
  explanation TEXT NOT NULL,
  state TEXT NOT NULL,                   -- pending | upheld | rejected
  appealed_by BIGINT NOT NULL REFERENCES account (id),
  appealed_at BIGINT NOT NULL,
  reviewed_by BIGINT REFERENCES account (id),
  reviewed_at BIGINT,
  review_note TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX evaluation_appeal_review ON evaluation_appeal (review_unit_path, state);

INSERT INTO role_permission (role_code, permission) VALUES
  ('district_admin', 'evaluation.review'), ('city_admin', 'evaluation.review');
