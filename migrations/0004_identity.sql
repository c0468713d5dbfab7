-- 0004: accounts, roles with scope, sessions (issue 4, items 2-4;
-- research/security.md "Accounts and sessions").
--
-- Roles are fixed data of this release; each is granted to an account at an
-- org unit and applies to that unit and everything below it (role_grant).
-- Personal data of staff (name, phone) is stored sealed (SM4, privacy::KeyRing)
-- with a masked copy for lists.
CREATE TABLE role (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  triad TEXT NOT NULL,            -- '' | 'system' | 'security' | 'audit' (三员)
  requires_totp SMALLINT NOT NULL,
  idle_minutes INTEGER NOT NULL,
  sort_order INTEGER NOT NULL
);

CREATE TABLE role_permission (
  role_code TEXT NOT NULL REFERENCES role (code),
  permission TEXT NOT NULL,
  PRIMARY KEY (role_code, permission)
);

CREATE TABLE account (
  id {{id}},
  login TEXT NOT NULL UNIQUE,
  name_sealed TEXT NOT NULL,
  name_masked TEXT NOT NULL,
  phone_sealed TEXT NOT NULL,     -- '' when none
  phone_masked TEXT NOT NULL,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  active SMALLINT NOT NULL DEFAULT 1,
  password_hash TEXT NOT NULL,
  must_change_password SMALLINT NOT NULL DEFAULT 1,
  password_changed_at BIGINT NOT NULL,
  totp_sealed TEXT NOT NULL DEFAULT '',         -- confirmed secret
  totp_pending_sealed TEXT NOT NULL DEFAULT '', -- secret being enrolled
  totp_last_step BIGINT NOT NULL DEFAULT 0,     -- refuses a replayed code
  last_login_at BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX account_unit ON account (unit_code);

CREATE TABLE login_failure (
  account_id BIGINT NOT NULL REFERENCES account (id),
  at BIGINT NOT NULL
);
CREATE INDEX login_failure_account ON login_failure (account_id, at);

CREATE TABLE recovery_code (
  account_id BIGINT NOT NULL REFERENCES account (id),
  digest TEXT NOT NULL,
  used_at BIGINT,
  PRIMARY KEY (account_id, digest)
);

CREATE TABLE role_grant (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES account (id),
  role_code TEXT NOT NULL REFERENCES role (code),
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (account_id, role_code, unit_code)
);
CREATE INDEX role_grant_account ON role_grant (account_id);

-- The cookie carries a random token; only its SM3 digest is stored, so a
-- copy of the database cannot be used to sign in. `id` is a separate random
-- name used to list and revoke sessions.
CREATE TABLE auth_session (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  account_id BIGINT NOT NULL REFERENCES account (id),
  step TEXT NOT NULL,             -- 'totp' | 'totp_enroll' | 'change_password' | 'done'
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,     -- absolute end: created_at + 12 h
  idle_ms BIGINT NOT NULL,
  client_address TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  ended_at BIGINT,                -- logout, revocation or password change
  ended_by TEXT
);
CREATE INDEX auth_session_account ON auth_session (account_id, ended_at);

INSERT INTO role (code, name, triad, requires_totp, idle_minutes, sort_order) VALUES
  ('window_clerk', '窗口受理员', '', 0, 30, 10),
  ('first_reviewer', '初审员', '', 0, 30, 20),
  ('second_reviewer', '复审员', '', 0, 30, 30),
  ('approver', '审批员', '', 1, 30, 40),
  ('rechecker', '复核员', '', 1, 30, 50),
  ('hall_manager', '大厅负责人', '', 0, 30, 60),
  ('district_admin', '区级管理员', '', 1, 15, 70),
  ('city_admin', '市级管理员', '', 1, 15, 80),
  ('system_admin', '系统管理员', 'system', 1, 15, 90),
  ('security_admin', '安全管理员', 'security', 1, 15, 100),
  ('audit_admin', '审计管理员', 'audit', 1, 15, 110);

INSERT INTO role_permission (role_code, permission) VALUES
  ('window_clerk', 'org.read'), ('window_clerk', 'case.consult'), ('window_clerk', 'case.intake'),
  ('first_reviewer', 'org.read'), ('first_reviewer', 'case.review.first'),
  ('second_reviewer', 'org.read'), ('second_reviewer', 'case.review.second'),
  ('approver', 'org.read'), ('approver', 'case.approve'),
  ('rechecker', 'org.read'), ('rechecker', 'case.recheck'),
  ('hall_manager', 'org.read'), ('hall_manager', 'site.write'), ('hall_manager', 'account.read'),
  ('hall_manager', 'hall.manage'), ('hall_manager', 'stats.read'),
  ('district_admin', 'org.read'), ('district_admin', 'org.write'), ('district_admin', 'site.write'),
  ('district_admin', 'account.read'), ('district_admin', 'stats.read'), ('district_admin', 'catalog.manage'),
  ('city_admin', 'org.read'), ('city_admin', 'org.write'), ('city_admin', 'site.write'),
  ('city_admin', 'account.read'), ('city_admin', 'stats.read'), ('city_admin', 'catalog.manage'),
  ('system_admin', 'org.read'), ('system_admin', 'org.write'), ('system_admin', 'site.write'),
  ('system_admin', 'account.read'), ('system_admin', 'account.write'), ('system_admin', 'personal.reveal'),
  ('security_admin', 'org.read'), ('security_admin', 'account.read'), ('security_admin', 'grant.write'),
  ('security_admin', 'session.manage'), ('security_admin', 'mfa.reset'),
  ('audit_admin', 'org.read'), ('audit_admin', 'account.read'), ('audit_admin', 'audit.read');
