-- 0002: the audit trail (issue 4, item 5; research/security.md "Audit trail").
-- Entries form a chain: hash = SM3(prev_hash + the entry's fields), seq has no
-- gaps, and audit_head names the last entry, so a changed, removed, inserted
-- or reordered row breaks `yichuang audit verify`. Rows are only ever added.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  created_at BIGINT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  site_id TEXT NOT NULL,
  window_id TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  client_address TEXT NOT NULL,
  outcome TEXT NOT NULL,
  before_digest TEXT NOT NULL,
  after_digest TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_created_at ON audit_log (created_at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, created_at);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);

CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
