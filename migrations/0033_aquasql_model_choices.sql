-- The model numbers still written in the generator's functions become rows of the parameters
-- (issue 19): the weights of the generator's categorical draws, the confidence scores the daily
-- state records, the sensor manufacturers and the feed catalog get tables of their own; their
-- rows live in sql/20_parameters_events.sql and sql/20_parameters_master.sql. Scalars are rows
-- of aquasql.model_parameter.

-- Weighted draws of a label: per family (what is drawn) and setting (where: a stage kind), the
-- options in order with their weights. The option number is the index the draw returns, so the
-- order of the options is part of the model: a new option goes last.
CREATE TABLE aquasql.weighted_choice (
    family text NOT NULL,
    setting text NOT NULL,
    option_no integer NOT NULL CHECK (option_no >= 1),
    label text NOT NULL,
    weight double precision NOT NULL CHECK (weight >= 0 AND weight < 'Infinity'::double precision),
    PRIMARY KEY (family, setting, option_no),
    UNIQUE (family, setting, label)
);

COMMENT ON TABLE aquasql.weighted_choice IS
'Weights of the generator''s categorical draws (disease of an episode, background mortality cause, routine '
'health-check text, delousing method): per family and setting, option i is drawn with probability '
'weight / sum(weights); rows in sql/20_parameters_events.sql.';

-- Confidence scores written in the daily state's confidence_scores JSON, by source. numeric keeps
-- the scale as written (1.0 stays 1.0 in the JSON text).
CREATE TABLE aquasql.confidence_score (
    source text PRIMARY KEY,
    score numeric NOT NULL CHECK (score BETWEEN 0 AND 1),
    comment text NOT NULL
);

COMMENT ON TABLE aquasql.confidence_score IS
'Confidence of each figure of the daily state (batch_actualdailyassignmentstate.confidence_scores), by its '
'source; rows in sql/20_parameters_events.sql.';

-- Sensor manufacturers, assigned round-robin over the containers' sensors.
CREATE TABLE aquasql.sensor_manufacturer (
    manufacturer_no integer PRIMARY KEY CHECK (manufacturer_no >= 1),
    name text NOT NULL UNIQUE
);

COMMENT ON TABLE aquasql.sensor_manufacturer IS
'Makers of the farm''s water-quality sensors; a sensor''s maker is number 1 + (container id + sensor slot) '
'modulo the count; rows in sql/20_parameters_master.sql.';

-- The feeds of the domain reference and the fish-weight band each serves.
CREATE TABLE aquasql.feed_catalog_item (
    name text PRIMARY KEY,
    brand text NOT NULL,
    size_category text NOT NULL,
    pellet_size_mm numeric NOT NULL,
    protein_percentage numeric NOT NULL,
    fat_percentage numeric NOT NULL,
    carbohydrate_percentage numeric NOT NULL,
    min_weight_g double precision NOT NULL,
    max_weight_g double precision,
    description text NOT NULL,
    CHECK (max_weight_g IS NULL OR max_weight_g > min_weight_g)
);

COMMENT ON TABLE aquasql.feed_catalog_item IS
'The feed catalog (master data, inventory_feed) with the fish-weight band [min_weight_g, max_weight_g) each '
'feed serves (max NULL = open); rows in sql/20_parameters_master.sql.';

-- is_growth_sample_day takes the weekday offset of the weighing (a parameter) from now on.
DROP FUNCTION IF EXISTS aquasql.is_growth_sample_day(boolean, integer, date, double precision);
