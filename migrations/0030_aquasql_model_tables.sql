-- Every number of the model is a row of the parameters (sql/20_parameters.sql): what the stage
-- numbers stood for becomes attributes of the stages, and the keyed families of numbers (per
-- sensor parameter, per reading hour, per lice type, per feed supplier) get tables of their own.
-- Rows live in sql/20_parameters.sql, like the other parameter tables.

-- What a stage is, instead of its number: at sea (the sea rings, until harvest), fed (first
-- feeding onwards), incubation (eggs and alevins in trays: batches are created there, not moved
-- in). Per stage numbers: the condition factor of its fish and its feed withdrawal.
ALTER TABLE aquasql.stage_parameter
ADD COLUMN at_sea boolean NOT NULL DEFAULT FALSE,
ADD COLUMN fed boolean NOT NULL DEFAULT TRUE,
ADD COLUMN incubation boolean NOT NULL DEFAULT FALSE,
ADD COLUMN condition_factor numeric NOT NULL DEFAULT 1.0 CHECK (condition_factor > 0),
ADD COLUMN feed_withdrawal_days integer NOT NULL DEFAULT 0 CHECK (feed_withdrawal_days >= 0);

-- the rows of a database migrated before: the same meaning as the stage numbers had
UPDATE aquasql.stage_parameter SET
    at_sea = hall_letter IS NULL,
    fed = fcr IS NOT NULL,
    incubation = stage_order = 1;

ALTER TABLE aquasql.stage_parameter
ADD CONSTRAINT stage_parameter_at_sea_check CHECK (at_sea = (hall_letter IS NULL)),
ADD CONSTRAINT stage_parameter_fed_check CHECK (fed = (fcr IS NOT NULL));

COMMENT ON COLUMN aquasql.stage_parameter.at_sea IS
'The sea stage: sea rings in a sea area, no hall, lasting until harvest.';
COMMENT ON COLUMN aquasql.stage_parameter.fed IS
'Fish of this stage are fed (and weighed in growth samples); false for eggs and alevins.';
COMMENT ON COLUMN aquasql.stage_parameter.incubation IS
'Eggs and alevins in incubation trays: a batch starts here (no transfer into it).';
COMMENT ON COLUMN aquasql.stage_parameter.condition_factor IS
'Fulton''s condition factor K = 100 W / L^3 of the stage''s fish (expected lengths from weights).';
COMMENT ON COLUMN aquasql.stage_parameter.feed_withdrawal_days IS
'Days without feed before the fish leave the stage (moved on, or harvested at sea).';

-- The environmental parameters the sensors measure, one row per sensor slot (the slot is part
-- of a reading's id): the master data written to AquaMind, where sensors are installed, and
-- the readings model's numbers (sql/60_readings.sql). Hall and sea variants where they differ.
CREATE TABLE aquasql.sensor_parameter (
    slot integer PRIMARY KEY CHECK (slot BETWEEN 1 AND 10),
    name text NOT NULL UNIQUE,
    unit text NOT NULL,
    description text NOT NULL,
    min_value numeric(10, 2) NOT NULL,
    max_value numeric(10, 2) NOT NULL,
    optimal_min numeric(10, 2) NOT NULL,
    optimal_max numeric(10, 2) NOT NULL,
    freshwater boolean NOT NULL,
    sea boolean NOT NULL,
    -- readings are base x exp(cycle x diurnal + sd x z) instead of base + cycle x diurnal + sd x z
    log_normal boolean NOT NULL,
    -- a rare spike of the probe is possible (not on temperature)
    spikes boolean NOT NULL,
    level_hall double precision,
    level_sea double precision,
    -- effects on the base, per unit of: temperature anomaly (C), biomass density (share of the
    -- container's maximum), the two slow waves (-1 to 1)
    temp_slope double precision NOT NULL DEFAULT 0,
    density_slope_hall double precision NOT NULL DEFAULT 0,
    density_slope_sea double precision NOT NULL DEFAULT 0,
    wave1_slope_hall double precision NOT NULL DEFAULT 0,
    wave1_slope_sea double precision NOT NULL DEFAULT 0,
    wave2_slope double precision NOT NULL DEFAULT 0,
    cycle_hall double precision NOT NULL,
    cycle_sea double precision NOT NULL,
    noise_sd_hall double precision NOT NULL,
    noise_sd_sea double precision NOT NULL,
    -- drift a day since calibration: in the parameter's units, or relative for log-normal ones
    drift_per_day double precision NOT NULL,
    CHECK (max_value >= min_value AND optimal_max >= optimal_min)
);

COMMENT ON TABLE aquasql.sensor_parameter IS
'Environmental parameters by sensor slot: master data (unit, bands), where sensors are installed, and the '
'readings model''s numbers (base level, effects, daily cycle, noise, drift); rows in sql/20_parameters.sql.';

-- The daily reading times and the diurnal factor that scales each parameter's daily cycle.
CREATE TABLE aquasql.reading_hour (
    hour_slot integer PRIMARY KEY CHECK (hour_slot BETWEEN 0 AND 5),
    hour_offset interval NOT NULL,
    diurnal double precision NOT NULL
);

COMMENT ON TABLE aquasql.reading_hour IS
'The six daily reading times (UTC offset from midnight) with their slot (part of the reading id) and diurnal '
'factor; rows in sql/20_parameters.sql.';

-- Lice types: the master data (health_licetype) and, for the types counted, the count slot (part
-- of a count's id) and the mean per fish relative to the lice model's adult females:
-- (af_ratio x adult females + ramp_level x ramp) x (warmth_floor + (1 - warmth_floor) x warmth ^ warmth_exponent).
CREATE TABLE aquasql.lice_type (
    sort_order integer PRIMARY KEY,
    species text NOT NULL,
    gender text NOT NULL,
    development_stage text NOT NULL,
    count_slot integer UNIQUE CHECK (count_slot BETWEEN 1 AND 15),
    af_ratio double precision,
    ramp_level double precision,
    warmth_floor double precision,
    warmth_exponent double precision,
    -- a count of 0 is written (else only counts that found some)
    zero_written boolean,
    UNIQUE (species, gender, development_stage),
    CHECK ((count_slot IS NULL) = (af_ratio IS NULL))
);

COMMENT ON TABLE aquasql.lice_type IS
'Lice types of the master data; the counted ones with their count slot and their model numbers; rows in '
'sql/20_parameters.sql.';

-- Feed suppliers: their shares of the yearly contracts and their price premiums.
CREATE TABLE aquasql.feed_supplier (
    supplier_no integer PRIMARY KEY,
    supplier text NOT NULL UNIQUE,
    contract_share double precision NOT NULL CHECK (contract_share >= 0),
    price_premium double precision NOT NULL
);

COMMENT ON TABLE aquasql.feed_supplier IS
'Feed suppliers: share of the yearly contracts of a silo or barge, premium over the price index; rows in '
'sql/20_parameters.sql.';

-- Parameters now columns of the tables above, and those of the earlier lice model (a fixed
-- delousing cycle), no longer read.
DELETE FROM aquasql.model_parameter
WHERE name IN (
    'lice_cycle_days', 'lice_af_peak_min', 'lice_af_peak_max',
    'feed_withdrawal_days_harvest', 'feed_withdrawal_days_sea_transfer', 'feed_withdrawal_days_tank_transfer',
    'sensor_drift_temperature_per_day', 'sensor_drift_oxygen_per_day', 'sensor_drift_ph_per_day',
    'sensor_drift_salinity_per_day', 'sensor_drift_relative_per_day',
    'feed_supplier_premium_biomar', 'feed_supplier_premium_skretting', 'feed_supplier_premium_cargill'
);

-- Functions of earlier signatures (the sql/ files create the current ones after this), and
-- functions whose result type changed (dropped so the sql/ files can create them again).
DROP FUNCTION IF EXISTS aquasql.daily_hazard(integer, double precision);
DROP FUNCTION IF EXISTS aquasql.is_growth_sample_day(integer, integer);
DROP FUNCTION IF EXISTS aquasql.is_growth_sample_day(integer, integer, date, double precision);
DROP FUNCTION IF EXISTS aquasql.assignment_hazard(
    double precision, integer, date, date, date, integer, double precision
);
DROP FUNCTION IF EXISTS aquasql.assignment_hazard(
    double precision, integer, date, date, date, integer, double precision, integer, double precision
);
DROP FUNCTION IF EXISTS aquasql.feed_price(bigint, numeric, integer);
DROP FUNCTION IF EXISTS aquasql.lice_days(bigint[]);
DROP FUNCTION IF EXISTS aquasql.disease_name(bigint, bigint, integer);
