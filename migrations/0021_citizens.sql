-- 0021: citizens and employers on the public portal (issue 11, item 2). They
-- sign in through the city's unified identity provider (OpenID Connect,
-- authorization code + PKCE); the provider vouches for the ID number (or the
-- unified social credit code), which links them to their cases by the same
-- keyed hash the cases use (service_case.applicant_id_hash). Personal data
-- sealed, masked copies for lists.
CREATE TABLE citizen (
  id {{id}},
  subject_hash TEXT NOT NULL UNIQUE,     -- keyed hash of issuer + "|" + sub ("demo|<key>" for demo citizens)
  kind TEXT NOT NULL,                    -- person | employer
  id_hash TEXT NOT NULL,                 -- keyed hash of the ID number / credit code
  id_sealed TEXT NOT NULL,
  id_masked TEXT NOT NULL,
  name_sealed TEXT NOT NULL,
  name_masked TEXT NOT NULL,
  phone_sealed TEXT NOT NULL DEFAULT '',
  phone_masked TEXT NOT NULL DEFAULT '',
  demo SMALLINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  last_login_at BIGINT NOT NULL
);
CREATE INDEX citizen_id_hash ON citizen (id_hash);

-- An authorization request on its way: state, nonce and the PKCE verifier,
-- taken once by the callback within ten minutes.
CREATE TABLE citizen_login (
  state_hash TEXT PRIMARY KEY,
  nonce TEXT NOT NULL,
  verifier_sealed TEXT NOT NULL,
  next_path TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX citizen_login_age ON citizen_login (created_at);

CREATE TABLE citizen_session (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  citizen_id BIGINT NOT NULL REFERENCES citizen (id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ended_at BIGINT,
  ended_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX citizen_session_citizen ON citizen_session (citizen_id);
