-- 0003: the organisation (issue 4, item 1; policy 三(一)): city -> district ->
-- street/township -> community/village units, the service sites that belong
-- to them (halls and points) and the windows of each site. `path` holds the
-- codes from the root, e.g. '/110000/110101/110101001/', so "everything
-- below a unit" is a prefix match that both engines index.
CREATE TABLE org_unit (
  code TEXT PRIMARY KEY,
  parent_code TEXT REFERENCES org_unit (code),
  level SMALLINT NOT NULL,
  name TEXT NOT NULL,
  path TEXT NOT NULL UNIQUE,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX org_unit_parent ON org_unit (parent_code);

CREATE TABLE org_site (
  id {{id}},
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  hours TEXT NOT NULL,
  phone TEXT NOT NULL,
  longitude DOUBLE PRECISION,
  latitude DOUBLE PRECISION,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX org_site_unit ON org_site (unit_code);

CREATE TABLE org_window (
  id {{id}},
  site_id BIGINT NOT NULL REFERENCES org_site (id),
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  is_open SMALLINT NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (site_id, number)
);
