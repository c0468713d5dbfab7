-- Staff, posts and compliance (issue 9; policy 三(七)(九), 四(四)).

-- The staff profile of an account: what kind of employment (编制内 or not),
-- where they work and which item categories they may handle.
CREATE TABLE staff_profile (
  account_id BIGINT PRIMARY KEY REFERENCES account (id),
  employment TEXT NOT NULL,            -- civil_servant | institution | assistant | community_post | purchased | contract
  site_id BIGINT REFERENCES org_site (id),
  categories TEXT NOT NULL DEFAULT '', -- comma-separated catalog category codes; '' = none yet
  hired_on TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD
  version BIGINT NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL
);

-- Dated post assignments (岗位任职), never deleted: the history is what the
-- rotation rule (5 years on a high-risk post) reads.
CREATE TABLE staff_assignment (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES account (id),
  post TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',   -- '' = every category
  from_day TEXT NOT NULL,              -- YYYY-MM-DD, Beijing
  to_day TEXT,                         -- inclusive; NULL = held
  reason TEXT NOT NULL DEFAULT '',
  created_by BIGINT REFERENCES account (id),
  created_at BIGINT NOT NULL,
  ended_by BIGINT REFERENCES account (id)
);
CREATE INDEX staff_assignment_account ON staff_assignment (account_id, from_day);

-- Training (三(九)): each attendance of a course, with its days and result.
CREATE TABLE staff_training (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES account (id),
  course TEXT NOT NULL,
  kind TEXT NOT NULL,                  -- pre_post | annual
  day TEXT NOT NULL,                   -- YYYY-MM-DD
  days_x10 INTEGER NOT NULL,           -- tenths of a day (0.5 day = 5)
  passed SMALLINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX staff_training_account ON staff_training (account_id, day);

-- Attendance (到岗) by day: only days with a record count for the rate.
CREATE TABLE staff_attendance (
  account_id BIGINT NOT NULL REFERENCES account (id),
  day TEXT NOT NULL,
  status TEXT NOT NULL,                -- on_post | leave | secondment | absent
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, day)
);

INSERT INTO role_permission (role_code, permission) VALUES
  ('hall_manager', 'staff.read'), ('hall_manager', 'staff.manage'),
  ('district_admin', 'staff.read'), ('district_admin', 'staff.manage'),
  ('city_admin', 'staff.read');
