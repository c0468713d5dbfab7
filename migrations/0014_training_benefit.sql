-- Training courses and sessions (issue 9; policy 三(九) 每人每年不少于5天、
-- 先培训后上岗) and the benefit-payment kind of internal check (四(四) 内控;
-- 待遇发放复核). A session's recorded results write the attendees' training
-- records (staff_training), which the rules of 0012 read.
CREATE TABLE training_course (
  id {{id}},
  title TEXT NOT NULL,
  kind TEXT NOT NULL,                  -- pre_post | annual
  days_x10 INTEGER NOT NULL,           -- tenths of a day
  pass_score INTEGER NOT NULL,         -- 0..100
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  unit_path TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL
);

CREATE TABLE training_session (
  id {{id}},
  course_id BIGINT NOT NULL REFERENCES training_course (id),
  day TEXT NOT NULL,                   -- YYYY-MM-DD, Beijing
  place TEXT NOT NULL,
  trainer TEXT NOT NULL DEFAULT '',
  capacity INTEGER NOT NULL,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  unit_path TEXT NOT NULL,
  recorded_by BIGINT REFERENCES account (id),
  recorded_at BIGINT,                  -- NULL = open for enrolment
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX training_session_day ON training_session (day);

CREATE TABLE training_enrolment (
  session_id BIGINT NOT NULL REFERENCES training_session (id),
  account_id BIGINT NOT NULL REFERENCES account (id),
  attended SMALLINT,                   -- NULL until recorded
  score INTEGER,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (session_id, account_id)
);

ALTER TABLE staff_training ADD COLUMN session_id BIGINT REFERENCES training_session (id);
ALTER TABLE staff_training ADD COLUMN score INTEGER;

-- cases | benefit_payment (行政给付 items, judged on four points).
ALTER TABLE internal_check ADD COLUMN kind TEXT NOT NULL DEFAULT 'cases';
-- JSON {eligibility, standard, account, approval} for a benefit item; '' otherwise.
ALTER TABLE internal_check_item ADD COLUMN checklist TEXT NOT NULL DEFAULT '';
