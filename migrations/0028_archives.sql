-- 0028: 失业人员档案 (issue 12; policy annex 一(一) 失业人员档案管理服务 and
-- 三(五) 依据档案库房建设标准 … 设置专人管理): the street's register of paper
-- files of unemployed people (intake, location, moves), lending with one
-- open loan per file, transfer out, each step in the file's history, and the
-- archive room checks (temperature, humidity, fire safety, pests, leaks).
-- The person is sealed (SM4) with masked copies and the keyed ID lookup hash.

-- 档案编号 DA-<street>-<year>-NNNN: one counter per street and year.
CREATE TABLE archive_counter (
  unit_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  last BIGINT NOT NULL,
  PRIMARY KEY (unit_code, year)
);

CREATE TABLE archive_file (
  id {{id}},
  file_no TEXT NOT NULL UNIQUE,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),   -- the street that keeps it
  unit_path TEXT NOT NULL,
  id_hash TEXT NOT NULL,
  id_sealed TEXT NOT NULL,
  id_masked TEXT NOT NULL,
  name_sealed TEXT NOT NULL,
  name_masked TEXT NOT NULL,
  gender TEXT NOT NULL,                 -- M | F (from the ID number)
  birth_year INTEGER NOT NULL,
  resident_id BIGINT REFERENCES resident (id),   -- the registry row of the same person, if any
  source TEXT NOT NULL,                 -- transfer_in (转入) | registration (失业登记时新建)
  source_org TEXT NOT NULL DEFAULT '',  -- transfer_in: the unit it came from
  received_day TEXT NOT NULL,
  pages INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  room TEXT NOT NULL,
  cabinet TEXT NOT NULL,
  shelf TEXT NOT NULL,
  box TEXT NOT NULL,
  state TEXT NOT NULL,                  -- in_store | lent | transferred
  transfer_to TEXT NOT NULL DEFAULT '',
  transfer_reason TEXT NOT NULL DEFAULT '',
  transfer_day TEXT,
  transfer_receipt TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX archive_file_unit ON archive_file (unit_path, state);
-- A person has one file in custody at a time (a transferred one may come back as a new intake).
CREATE UNIQUE INDEX archive_file_held ON archive_file (id_hash) WHERE state <> 'transferred';

-- 借阅: a file is lent to one borrower at a time.
CREATE TABLE archive_loan (
  id {{id}},
  file_id BIGINT NOT NULL REFERENCES archive_file (id),
  borrower_unit TEXT NOT NULL,          -- the borrowing organisation
  borrower_name_sealed TEXT NOT NULL DEFAULT '',
  borrower_name_masked TEXT NOT NULL DEFAULT '',
  purpose TEXT NOT NULL,
  lent_day TEXT NOT NULL,
  due_day TEXT NOT NULL,
  state TEXT NOT NULL,                  -- open | returned
  returned_day TEXT,
  return_note TEXT NOT NULL DEFAULT '',
  lent_by BIGINT NOT NULL REFERENCES account (id),
  returned_by BIGINT REFERENCES account (id),
  created_at BIGINT NOT NULL,
  returned_at BIGINT
);
CREATE UNIQUE INDEX archive_loan_open ON archive_loan (file_id) WHERE state = 'open';
CREATE INDEX archive_loan_file ON archive_loan (file_id, id);

-- The file's history: intake, move, lend, return, transfer (no personal data in detail).
CREATE TABLE archive_event (
  id {{id}},
  file_id BIGINT NOT NULL REFERENCES archive_file (id),
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  day TEXT NOT NULL,
  by_account BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX archive_event_file ON archive_event (file_id, id);

-- 库房检查: readings in tenths (°C, % RH), flags as judged at the time.
CREATE TABLE archive_room_check (
  id {{id}},
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  unit_path TEXT NOT NULL,
  room TEXT NOT NULL,
  checked_at BIGINT NOT NULL,
  check_day TEXT NOT NULL,
  temperature_x10 INTEGER NOT NULL,
  humidity_x10 INTEGER NOT NULL,
  extinguisher_ok SMALLINT NOT NULL,
  smoke_detector_ok SMALLINT NOT NULL,
  pests SMALLINT NOT NULL DEFAULT 0,
  leaks SMALLINT NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  flags TEXT NOT NULL DEFAULT '',       -- comma list; '' = 正常
  abnormal SMALLINT NOT NULL,
  checked_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX archive_room_check_unit ON archive_room_check (unit_path, room, checked_at);
