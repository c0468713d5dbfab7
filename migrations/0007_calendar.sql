-- 0007: the working-day calendar (policy 三(八) 限时办结; research/calendar.md).
-- Only the exceptions to Monday-Friday are stored: weekdays off (holiday)
-- and weekend days at work (workday, 调休). An administrator maintains and
-- imports each year's State Council schedule; 2025's is seeded (verified).
CREATE TABLE calendar_day (
  day TEXT PRIMARY KEY,            -- 'YYYY-MM-DD' in Asia/Shanghai
  kind TEXT NOT NULL,              -- 'holiday' | 'workday'
  name TEXT NOT NULL,              -- e.g. '春节', '春节调休上班'
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);

INSERT INTO calendar_day (day, kind, name, updated_at, updated_by) VALUES
  ('2025-01-01', 'holiday', '元旦', 0, 'seed'),
  ('2025-01-26', 'workday', '春节调休上班', 0, 'seed'),
  ('2025-01-28', 'holiday', '春节', 0, 'seed'),
  ('2025-01-29', 'holiday', '春节', 0, 'seed'),
  ('2025-01-30', 'holiday', '春节', 0, 'seed'),
  ('2025-01-31', 'holiday', '春节', 0, 'seed'),
  ('2025-02-03', 'holiday', '春节', 0, 'seed'),
  ('2025-02-04', 'holiday', '春节', 0, 'seed'),
  ('2025-02-08', 'workday', '春节调休上班', 0, 'seed'),
  ('2025-04-04', 'holiday', '清明节', 0, 'seed'),
  ('2025-04-27', 'workday', '劳动节调休上班', 0, 'seed'),
  ('2025-05-01', 'holiday', '劳动节', 0, 'seed'),
  ('2025-05-02', 'holiday', '劳动节', 0, 'seed'),
  ('2025-05-05', 'holiday', '劳动节', 0, 'seed'),
  ('2025-06-02', 'holiday', '端午节', 0, 'seed'),
  ('2025-09-28', 'workday', '国庆节调休上班', 0, 'seed'),
  ('2025-10-01', 'holiday', '国庆节、中秋节', 0, 'seed'),
  ('2025-10-02', 'holiday', '国庆节、中秋节', 0, 'seed'),
  ('2025-10-03', 'holiday', '国庆节、中秋节', 0, 'seed'),
  ('2025-10-06', 'holiday', '国庆节、中秋节', 0, 'seed'),
  ('2025-10-07', 'holiday', '国庆节、中秋节', 0, 'seed'),
  ('2025-10-08', 'holiday', '国庆节、中秋节', 0, 'seed'),
  ('2025-10-11', 'workday', '国庆节调休上班', 0, 'seed');

INSERT INTO role_permission (role_code, permission) VALUES
  ('system_admin', 'calendar.manage'), ('city_admin', 'calendar.manage');
