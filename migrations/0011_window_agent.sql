-- Window device agents (issue 8): a hall_device of kind 'agent' belongs to
-- one window; its heartbeat keeps the last status of the window's devices
-- (ID card reader, social-security card reader, scanner, printers) as JSON.
ALTER TABLE hall_device ADD COLUMN window_id BIGINT REFERENCES org_window (id);
ALTER TABLE hall_device ADD COLUMN status TEXT NOT NULL DEFAULT '';
ALTER TABLE hall_device ADD COLUMN status_at BIGINT;
