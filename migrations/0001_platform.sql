-- 0001: platform tables. Conventions for every migration (docs/ARCHITECTURE.md):
-- the portable subset of SQL that SQLite 3.40 and PostgreSQL 15 both run;
-- times are BIGINT UTC epoch milliseconds named *_at; booleans SMALLINT 0/1;
-- JSON as TEXT; editable rows carry version BIGINT NOT NULL DEFAULT 1;
-- {{id}} is an identity primary key. Never edit a migration once landed.

-- Live events (issue 3): the log behind SSE fan-out and Last-Event-ID resume.
CREATE TABLE event_log (
  id {{id}},
  topic TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  origin_node TEXT NOT NULL
);
CREATE INDEX event_log_created_at ON event_log (created_at);
CREATE INDEX event_log_topic_id ON event_log (topic, id);

-- Deployment settings edited by administrators (key -> text value).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL
);
