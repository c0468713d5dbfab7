-- 0017: daily aggregates for the ledgers (台账, annex 一(四)) and the
-- dashboards (issue 10, items 4-5). Counters per Beijing day and per month,
-- per unit where it happened; the case figures also per item and month.
-- Kept in the same transaction as what they count (src/stats/counters.hpp).
CREATE TABLE stat_day (
  day TEXT NOT NULL,               -- YYYY-MM-DD
  unit_code TEXT NOT NULL,
  unit_path TEXT NOT NULL,
  metric TEXT NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (day, unit_code, metric)
);
CREATE INDEX stat_day_path ON stat_day (unit_path, day);

CREATE TABLE stat_month (
  month TEXT NOT NULL,             -- YYYY-MM
  unit_code TEXT NOT NULL,
  unit_path TEXT NOT NULL,
  metric TEXT NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (month, unit_code, metric)
);
CREATE INDEX stat_month_path ON stat_month (unit_path, month);

CREATE TABLE stat_item_month (
  month TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  unit_path TEXT NOT NULL,
  item_code TEXT NOT NULL,
  metric TEXT NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (month, unit_code, item_code, metric)
);
CREATE INDEX stat_item_month_path ON stat_item_month (unit_path, month);

-- Set once the counters were rebuilt from the base tables (first start
-- after this migration on a database that already had data).
CREATE TABLE stat_state (
  id INTEGER PRIMARY KEY,
  rebuilt_at BIGINT
);
INSERT INTO stat_state (id, rebuilt_at) VALUES (1, NULL);
