-- 0006: the service catalog (issue 5; policy 三(二)(三), 十二个统一). An item
-- is a stable code; its content lives in numbered versions, each a JSON
-- document (docs/catalog-item.md). A version goes draft -> review -> published
-- (with the date it takes effect); the one in force is the newest published
-- version whose effective_from has come. Cases keep the version id they
-- started under, so a later version never changes them.
CREATE TABLE catalog_item (
  code TEXT PRIMARY KEY,
  withdrawn_at BIGINT,
  withdrawn_reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE catalog_version (
  id {{id}},
  item_code TEXT NOT NULL REFERENCES catalog_item (code),
  number INTEGER NOT NULL,
  status TEXT NOT NULL,            -- 'draft' | 'review' | 'published'
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  service_level TEXT NOT NULL,
  document TEXT NOT NULL,
  search_text TEXT NOT NULL,       -- name, synonyms, summary, conditions, materials (search)
  initials TEXT NOT NULL,          -- pinyin initials of the name, e.g. 'sydj' (kiosk search)
  life_events TEXT NOT NULL,       -- ',unemployment,startup,' (search by life event)
  edited_by TEXT NOT NULL,         -- account id of the last editor
  submitted_by TEXT NOT NULL DEFAULT '',
  submitted_at BIGINT,
  reviewed_by TEXT NOT NULL DEFAULT '',
  reviewed_at BIGINT,
  review_note TEXT NOT NULL DEFAULT '',
  effective_from BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (item_code, number)
);
CREATE INDEX catalog_version_status ON catalog_version (status, item_code);
-- Search is LIKE '%word%' over search_text: PostgreSQL answers it from a
-- trigram index (pg_trgm, a trusted extension the database owner may
-- create); SQLite scans, which is fine for one city's few hundred items.
{{postgresql}}
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX catalog_version_search ON catalog_version USING gin (search_text gin_trgm_ops);
{{end}}

-- Implementation lists (实施清单, issue 5, item 2): which items a district,
-- street or community offers, where and when; empty address, hours and
-- phone are inherited from the site.
CREATE TABLE catalog_offer (
  id {{id}},
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  item_code TEXT NOT NULL REFERENCES catalog_item (code),
  site_id BIGINT REFERENCES org_site (id),
  windows TEXT NOT NULL,
  address TEXT NOT NULL,
  hours TEXT NOT NULL,
  phone TEXT NOT NULL,
  note TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (unit_code, item_code)
);
CREATE INDEX catalog_offer_item ON catalog_offer (item_code);

INSERT INTO role_permission (role_code, permission) VALUES
  ('city_admin', 'catalog.offer'), ('district_admin', 'catalog.offer'), ('hall_manager', 'catalog.offer');
