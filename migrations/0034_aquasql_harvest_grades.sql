-- The harvest's product grades become rows of the parameters (sql/20_parameters_events.sql)
-- instead of a list in the harvest generator.
CREATE TABLE aquasql.harvest_grade (
    slot integer PRIMARY KEY CHECK (slot BETWEEN 1 AND 9),
    code text NOT NULL UNIQUE,
    share double precision NOT NULL CHECK (share > 0 AND share <= 1),
    weight_factor double precision NOT NULL CHECK (weight_factor > 0),
    comment text NOT NULL
);

COMMENT ON TABLE aquasql.harvest_grade IS
'Harvest product grades (AquaMind''s harvest_productgrade codes): share of the fish (sums to 1) and '
'live-weight factor relative to the mean; slot is the last digit of the lot id.';
