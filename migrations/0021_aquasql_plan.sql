-- The plan: what the planner decided, read by every generator afterwards.

-- The settings of the current plan (one row).
CREATE TABLE aquasql.run_setting (
    singleton boolean PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    profile text NOT NULL REFERENCES aquasql.profile (name),
    seed bigint NOT NULL,
    as_of date NOT NULL,
    batches_per_geography integer NOT NULL,
    stagger_days integer NOT NULL,
    saturation double precision,
    planned_at timestamptz NOT NULL DEFAULT now()
);

-- Daily mean temperature per geography and environment (stage 1–5: that stage's halls,
-- 6: the sea), for every day of the history and the horizon of active batches.
CREATE TABLE aquasql.daily_temperature (
    geography_id bigint NOT NULL,
    stage_order smallint NOT NULL,
    date date NOT NULL,
    temp_c double precision NOT NULL,
    PRIMARY KEY (geography_id, stage_order, date)
);

-- One row per batch: where it goes and what makes it different from the others.
CREATE TABLE aquasql.plan_batch (
    batch_id bigint PRIMARY KEY,
    geography_id bigint NOT NULL,
    batch_index integer NOT NULL,
    station_id bigint NOT NULL,
    area_id bigint NOT NULL,
    start_date date NOT NULL,
    eggs integer NOT NULL,
    tgc_multiplier double precision NOT NULL,
    mortality_multiplier double precision NOT NULL,
    target_weight_g double precision NOT NULL,
    sea_start_date date NOT NULL,
    rings integer NOT NULL,
    -- the day the batch leaves the sea (may lie after the run date: then it is still active)
    harvest_date date NOT NULL,
    -- the last day with fish in the generated history
    history_end date NOT NULL,
    UNIQUE (geography_id, batch_index)
);

-- The batch-level growth curve: every day from start to harvest, with the temperature its
-- containers see and the mean weight at the end of that day (cube-root TGC).
CREATE TABLE aquasql.batch_day (
    batch_id bigint NOT NULL,
    date date NOT NULL,
    day_number integer NOT NULL,
    stage_order smallint NOT NULL,
    temp_c double precision NOT NULL,
    degree_days double precision NOT NULL,
    weight_g double precision NOT NULL,
    -- weight gained that day (g per fish): drives the ration
    gain_g double precision NOT NULL,
    PRIMARY KEY (batch_id, date)
);
