-- Sea mortality differs between regions beyond what the time at sea explains (warmer water,
-- more gill disease and lice pressure in Scotland): a factor on the sea stage's daily hazard.
ALTER TABLE aquasql.geography_parameter ADD COLUMN sea_hazard_factor double precision NOT NULL DEFAULT 1;

COMMENT ON COLUMN aquasql.geography_parameter.sea_hazard_factor IS
'Factor on the sea stage''s daily hazard in this geography (1: the stage''s own).';
