-- 0009: the hall's queue (issue 7; policy 三(五)(六) 取号). A site has service
-- groups (a set of catalog categories a window can serve), each with a
-- ticket prefix; numbers restart every Beijing day; windows serve groups.
CREATE TABLE service_group (
  id {{id}},
  site_id BIGINT NOT NULL REFERENCES org_site (id),
  code TEXT NOT NULL,              -- e.g. 'employment'
  name TEXT NOT NULL,              -- e.g. '就业服务'
  prefix TEXT NOT NULL,            -- one capital letter: A001, B001 ...
  categories TEXT NOT NULL,        -- ',employment,social_insurance,'
  active SMALLINT NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (site_id, code),
  UNIQUE (site_id, prefix)
);

CREATE TABLE window_group (
  window_id BIGINT NOT NULL REFERENCES org_window (id),
  group_id BIGINT NOT NULL REFERENCES service_group (id),
  PRIMARY KEY (window_id, group_id)
);

-- The day's last number of each group ('YYYYMMDD', Asia/Shanghai).
CREATE TABLE ticket_counter (
  group_id BIGINT NOT NULL REFERENCES service_group (id),
  day TEXT NOT NULL,
  last BIGINT NOT NULL,
  PRIMARY KEY (group_id, day)
);

CREATE TABLE ticket (
  id {{id}},
  site_id BIGINT NOT NULL REFERENCES org_site (id),
  group_id BIGINT NOT NULL REFERENCES service_group (id),
  day TEXT NOT NULL,
  number INTEGER NOT NULL,
  label TEXT NOT NULL,             -- 'A015'
  channel TEXT NOT NULL,           -- kiosk | web | appointment | window
  green SMALLINT NOT NULL DEFAULT 0,
  state TEXT NOT NULL,             -- waiting | called | done | void
  skips INTEGER NOT NULL DEFAULT 0,
  since BIGINT NOT NULL,           -- queue position: taken, checked in or re-queued
  taken_at BIGINT NOT NULL,
  called_at BIGINT,
  window_id BIGINT REFERENCES org_window (id),
  called_by BIGINT REFERENCES account (id),
  finished_at BIGINT,
  case_id BIGINT REFERENCES service_case (id),
  version BIGINT NOT NULL DEFAULT 1,
  UNIQUE (group_id, day, number)
);
CREATE INDEX ticket_queue ON ticket (site_id, day, state);
