-- A batch's sea site is harvested ring after ring over weeks, at its wellboat's daily
-- capacity: the plan keeps the first harvest day (harvest_date stays the last one).
ALTER TABLE aquasql.plan_batch ADD COLUMN harvest_start_date date;

COMMENT ON COLUMN aquasql.plan_batch.harvest_start_date IS
'First day of the batch''s harvest (its first ring leaves then); the last ring leaves on harvest_date.';
