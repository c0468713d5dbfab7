-- 0024: complaints filed by a signed-in citizen on the portal (issue 11,
-- item 4: 我的投诉). The reporter's data stays sealed as for any complaint;
-- the link lets them follow their complaints without the query code.
ALTER TABLE complaint ADD COLUMN citizen_id BIGINT REFERENCES citizen (id);
CREATE INDEX complaint_citizen ON complaint (citizen_id);
