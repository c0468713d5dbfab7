-- 0020: authorized systems reading the API with a token (issue 10, item 7):
-- a district's data centre or the city's supervision platform reads cases
-- and figures of one unit and the units below it. The token is shown once;
-- only its SM3 hash is kept. Scopes: cases.read, stats.read.
CREATE TABLE api_client (
  id {{id}},
  name TEXT NOT NULL,
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  unit_path TEXT NOT NULL,
  scopes TEXT NOT NULL,                -- ',cases.read,stats.read,'
  token_hash TEXT NOT NULL UNIQUE,     -- hex SM3 of "yichuang.api-client:" + the token
  token_prefix TEXT NOT NULL,          -- the first characters, to tell tokens apart
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  revoked_at BIGINT,
  revoked_by BIGINT REFERENCES account (id),
  last_used_at BIGINT,
  last_used_address TEXT NOT NULL DEFAULT ''
);

-- The changes feed of cases (GET /api/open/cases) walks (updated_at, id).
CREATE INDEX service_case_updated ON service_case (updated_at, id);
