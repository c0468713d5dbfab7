-- 0022: notifications to applicants (issue 11, item 4): in the portal's 消息
-- and, where a phone is known, by SMS. Written in the transaction of the
-- case step they tell of (受理, 一次性告知, 退回补正, 办结, 出件), so a step
-- is told if and only if it happened; the SMS is sent afterwards by the
-- dispatcher, retried with back-off, dead after the last attempt. The text
-- names the item and the case number only; the phone stays sealed.
CREATE TABLE notification (
  id {{id}},
  kind TEXT NOT NULL,                     -- case.accepted | case.notice | case.returned | case.ready | case.delivered
  case_no TEXT NOT NULL,
  id_hash TEXT NOT NULL,                  -- the applicant (service_case.applicant_id_hash)
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL DEFAULT '',          -- the progress page with the receipt's token
  phone_sealed TEXT NOT NULL DEFAULT '',  -- sealed as the case's applicant phone ('' = no SMS)
  sms_state TEXT NOT NULL DEFAULT 'none', -- none | pending | sent | dead
  sms_attempts INTEGER NOT NULL DEFAULT 0,
  sms_next_at BIGINT,
  sms_error TEXT NOT NULL DEFAULT '',
  sms_ref TEXT NOT NULL DEFAULT '',       -- the gateway's message id
  created_at BIGINT NOT NULL,
  sms_sent_at BIGINT,
  read_at BIGINT
);
CREATE INDEX notification_applicant ON notification (id_hash, id);
CREATE INDEX notification_sms_due ON notification (sms_state, sms_next_at);
