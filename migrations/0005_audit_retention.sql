-- 0005: audit retention (issue 4, item 5; research/security.md: keep at
-- least six months, configurable). Pruning removes the oldest entries up to
-- an anchor and records itself as an entry ("audit.prune", object_id = the
-- anchor's seq); verification then starts at the anchor's hash and demands
-- that entry, so moving the anchor by hand breaks the chain.
ALTER TABLE audit_head ADD COLUMN anchor_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_head ADD COLUMN anchor_hash TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000';
