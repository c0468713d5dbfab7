-- 0010: the hall's service (issue 7; policy 三(五)(六)): per-site settings,
-- kiosks, the clerk at each window (三亮明), appointments (预约) and the
-- crowding alert, which opens an incident without a reporting person.

CREATE TABLE hall_setting (
  site_id BIGINT PRIMARY KEY REFERENCES org_site (id),
  ticket_hours TEXT NOT NULL,             -- '08:30-12:00,13:00-17:00', Beijing time, working days
  rest_day_hours TEXT NOT NULL,           -- the same on weekends and holidays; '' = closed
  green_channel SMALLINT NOT NULL,        -- 绿色通道: priority for 老弱病残孕 and veterans
  remote_tickets SMALLINT NOT NULL,       -- 网上取号 (web / phone) allowed
  max_skips INTEGER NOT NULL,             -- 过号: times back in the queue before void
  crowd_wait_minutes INTEGER NOT NULL,    -- crowding alert threshold
  slot_minutes INTEGER NOT NULL,          -- appointment slot length
  per_window_slot INTEGER NOT NULL,       -- bookings per open window and slot
  booking_days INTEGER NOT NULL,          -- how far ahead one may book
  no_show_limit INTEGER NOT NULL,         -- no-shows within 90 days before booking is refused
  no_show_block_days INTEGER NOT NULL,
  notice TEXT NOT NULL,                   -- the hall screen's notice
  version BIGINT NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL
);

-- A kiosk (自助终端). The token is shown once; only its SM3 is kept.
CREATE TABLE hall_device (
  id {{id}},
  site_id BIGINT NOT NULL REFERENCES org_site (id),
  kind TEXT NOT NULL,                     -- kiosk
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  printer TEXT NOT NULL DEFAULT '',       -- 'host:port' of its ESC/POS printer
  active SMALLINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT
);
CREATE INDEX hall_device_site ON hall_device (site_id);

-- Who sits at the window now (三亮明: name, badge and photo on its screen).
ALTER TABLE org_window ADD COLUMN clerk_id BIGINT REFERENCES account (id);
ALTER TABLE org_window ADD COLUMN clerk_since BIGINT;
ALTER TABLE account ADD COLUMN badge TEXT NOT NULL DEFAULT '';   -- 工号

-- The clerk's photo for the window screen, sealed like other personal data.
CREATE TABLE account_photo (
  account_id BIGINT PRIMARY KEY REFERENCES account (id),
  content_type TEXT NOT NULL,
  data_sealed TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE appointment (
  id {{id}},
  code TEXT NOT NULL UNIQUE,              -- 预约码, 8 digits
  site_id BIGINT NOT NULL REFERENCES org_site (id),
  group_id BIGINT NOT NULL REFERENCES service_group (id),
  day TEXT NOT NULL,                      -- 'YYYY-MM-DD', Beijing
  slot_start BIGINT NOT NULL,
  slot_end BIGINT NOT NULL,
  person_hash TEXT NOT NULL,              -- keyed hash of the ID number
  name_sealed TEXT NOT NULL,
  name_masked TEXT NOT NULL,
  id_sealed TEXT NOT NULL,
  id_masked TEXT NOT NULL,
  phone_sealed TEXT NOT NULL,
  phone_masked TEXT NOT NULL,
  green SMALLINT NOT NULL DEFAULT 0,
  state TEXT NOT NULL,                    -- booked | checked_in | cancelled | no_show
  ticket_id BIGINT REFERENCES ticket (id),
  booked_at BIGINT NOT NULL,
  changed_at BIGINT,
  reminded_at BIGINT,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX appointment_slot ON appointment (site_id, group_id, slot_start, state);
CREATE INDEX appointment_person ON appointment (person_hash, state);
CREATE INDEX appointment_day ON appointment (site_id, day);

-- A checked-in booking waits with its slot (due appointments go first); a
-- ticket taken with an ID card or a phone carries the holder's keyed hash.
ALTER TABLE ticket ADD COLUMN slot_start BIGINT;
ALTER TABLE ticket ADD COLUMN holder_hash TEXT;

-- An incident the system opened itself (a crowding alert) has no reporter.
{{postgresql}}
ALTER TABLE incident ALTER COLUMN reported_by DROP NOT NULL;
{{end}}
{{sqlite}}
CREATE TABLE incident_new (
  id {{id}},
  site_id BIGINT NOT NULL REFERENCES org_site (id),
  unit_path TEXT NOT NULL,
  kind TEXT NOT NULL,
  description TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT,
  resolution TEXT NOT NULL DEFAULT '',
  reported_by BIGINT REFERENCES account (id),
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
INSERT INTO incident_new SELECT id, site_id, unit_path, kind, description, started_at, ended_at, resolution,
  reported_by, created_at, version FROM incident;
DROP TABLE incident;
ALTER TABLE incident_new RENAME TO incident;
CREATE INDEX incident_site ON incident (unit_path, started_at);
{{end}}

-- One crowding alert per site and Beijing day.
CREATE TABLE hall_alert (
  site_id BIGINT NOT NULL REFERENCES org_site (id),
  day TEXT NOT NULL,
  kind TEXT NOT NULL,                     -- crowding
  incident_id BIGINT REFERENCES incident (id),
  at BIGINT NOT NULL,
  PRIMARY KEY (site_id, day, kind)
);
