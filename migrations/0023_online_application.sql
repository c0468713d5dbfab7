-- 0023: online application (网上办, issue 11 item 3; policy 三(六) 线上办事为主).
-- An online application is a service_case with channel 'online' from the
-- moment it is submitted, in the same back office and on the same clock as a
-- window case. Nobody has taken it until a clerk first acts on it, so
-- intake_by may be NULL; the applicant's uploads are case files with no
-- staff uploader.
--
-- SQLite cannot drop a NOT NULL constraint with ALTER TABLE, and rebuilding
-- service_case would break the foreign keys of the tables that refer to it.
-- Removing a NOT NULL constraint does not change the stored rows, so it is
-- done the way SQLite documents for that case (ALTER TABLE, "Making Other
-- Kinds Of Table Schema Changes"): edit the CREATE TABLE text in the schema
-- table. The CREATE TABLE statements below bump the schema cookie, so every
-- other connection reloads the schema. store_test checks the result.
{{postgresql}}
ALTER TABLE service_case ALTER COLUMN intake_by DROP NOT NULL;
ALTER TABLE case_file ALTER COLUMN uploaded_by DROP NOT NULL;
{{end}}
{{sqlite}}
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'intake_by BIGINT NOT NULL REFERENCES account (id)',
                                            'intake_by BIGINT REFERENCES account (id)')
  WHERE type = 'table' AND name = 'service_case';
UPDATE sqlite_schema SET sql = replace(sql, 'uploaded_by BIGINT NOT NULL REFERENCES account (id)',
                                            'uploaded_by BIGINT REFERENCES account (id)')
  WHERE type = 'table' AND name = 'case_file';
PRAGMA writable_schema = RESET;
{{end}}

-- A file the applicant uploaded online (uploaded_by NULL).
ALTER TABLE case_file ADD COLUMN citizen_id BIGINT REFERENCES citizen (id);

-- What the applicant declared online: the way the result reaches them and
-- the promise they signed (承诺).
CREATE TABLE case_online (
  case_id BIGINT PRIMARY KEY REFERENCES service_case (id),
  citizen_id BIGINT NOT NULL REFERENCES citizen (id),
  delivery TEXT NOT NULL,               -- window | mail | online | bank
  address_sealed TEXT NOT NULL DEFAULT '',
  address_masked TEXT NOT NULL DEFAULT '',
  declaration TEXT NOT NULL,            -- the text accepted
  declared_at BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);

-- Files uploaded on the portal, waiting to be named in an application or a
-- correction, which takes them once (case_id set). Unused ones are deleted
-- after a day, dropped ones after an hour. The bytes are stored like case files (SM4, named by digest).
CREATE TABLE citizen_upload (
  id {{id}},
  citizen_id BIGINT NOT NULL REFERENCES citizen (id),
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  digest TEXT NOT NULL,
  stored_name TEXT NOT NULL,
  case_id BIGINT REFERENCES service_case (id),
  created_at BIGINT NOT NULL,
  used_at BIGINT,
  dropped_at BIGINT                     -- removed by the citizen before use
);
CREATE INDEX citizen_upload_owner ON citizen_upload (citizen_id, case_id);
CREATE INDEX citizen_upload_age ON citizen_upload (created_at);
