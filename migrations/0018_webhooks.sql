-- 0018: webhooks for authorized systems (issue 10, item 7): subscriptions to
-- events (case accepted, completed, delivered, rated) under a unit; each
-- event is written to the outbox in the transaction of the change, then
-- delivered with an HMAC-SHA256 signature, retried with back-off, and kept
-- as a dead letter after the last attempt.
CREATE TABLE webhook_subscription (
  id {{id}},
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  secret_sealed TEXT NOT NULL,
  events TEXT NOT NULL,                -- ',case.accepted,case.completed,'
  unit_code TEXT NOT NULL REFERENCES org_unit (code),
  unit_path TEXT NOT NULL,
  active SMALLINT NOT NULL DEFAULT 1,
  created_by BIGINT NOT NULL REFERENCES account (id),
  created_at BIGINT NOT NULL
);

CREATE TABLE webhook_delivery (
  id {{id}},
  subscription_id BIGINT NOT NULL REFERENCES webhook_subscription (id),
  event TEXT NOT NULL,
  payload TEXT NOT NULL,               -- JSON; no personal data
  state TEXT NOT NULL,                 -- pending | delivered | dead
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at BIGINT NOT NULL,
  last_status INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  delivered_at BIGINT
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (state, next_at);

INSERT INTO role_permission (role_code, permission) VALUES
  ('system_admin', 'exchange.manage'), ('city_admin', 'exchange.manage');
