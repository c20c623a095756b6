-- aquasql's own parameter tables: profiles (infrastructure layouts) and the biology model.
-- Rows live in sql/20_parameters.sql (re-applied when it changes); users may edit them.

-- A layout of the farm: how many of each thing, and the default schedule size.
CREATE TABLE aquasql.profile (
    name text PRIMARY KEY,
    description text NOT NULL,
    containers_per_hall integer NOT NULL CHECK (containers_per_hall > 0),
    rings_per_area integer NOT NULL CHECK (rings_per_area > 0),
    barges_per_area integer NOT NULL CHECK (barges_per_area >= 0),
    batches_per_geography integer NOT NULL CHECK (batches_per_geography > 0),
    stagger_days integer NOT NULL CHECK (stagger_days > 0),
    eggs_min integer NOT NULL CHECK (eggs_min > 0),
    eggs_max integer NOT NULL,
    CHECK (eggs_max >= eggs_min)
);

CREATE TABLE aquasql.profile_geography (
    profile text NOT NULL REFERENCES aquasql.profile (name) ON DELETE CASCADE,
    geography text NOT NULL,
    sort_order integer NOT NULL,
    station_prefix text NOT NULL,
    area_prefix text NOT NULL,
    batch_prefix text NOT NULL,
    stations integer NOT NULL CHECK (stations > 0),
    areas integer NOT NULL CHECK (areas > 0),
    PRIMARY KEY (profile, geography)
);

-- Per geography, whatever the profile: climate, coordinates, company.
CREATE TABLE aquasql.geography_parameter (
    geography text PRIMARY KEY,
    latitude numeric(9, 6) NOT NULL,
    longitude numeric(9, 6) NOT NULL,
    currency varchar(3) NOT NULL,
    sea_temp_mean double precision NOT NULL,
    sea_temp_amplitude double precision NOT NULL,
    -- day of year of the seasonal minimum
    sea_temp_coldest_day integer NOT NULL,
    sea_temp_noise_sd double precision NOT NULL,
    salinity_mean double precision NOT NULL,
    salinity_sd double precision NOT NULL
);

-- One row per lifecycle stage: where it lives and how fish grow, die and eat there.
CREATE TABLE aquasql.stage_parameter (
    stage_order integer PRIMARY KEY CHECK (stage_order BETWEEN 1 AND 6),
    name text NOT NULL UNIQUE,
    hall_letter char(1),
    container_type text NOT NULL,
    container_category text NOT NULL,
    container_volume_m3 numeric(10, 2) NOT NULL,
    max_density_kg_m3 numeric(10, 2) NOT NULL,
    silo_capacity_kg numeric(10, 2),
    -- NULL for the sea stage: it lasts until harvest
    duration_days integer,
    -- freshwater temperature band (hall-controlled); NULL at sea
    temp_mean double precision,
    temp_noise_sd double precision,
    tgc double precision NOT NULL,
    stage_survival double precision NOT NULL CHECK (stage_survival > 0 AND stage_survival <= 1),
    fcr double precision,
    expected_weight_min_g numeric(10, 2) NOT NULL,
    expected_weight_max_g numeric(10, 2) NOT NULL,
    description text NOT NULL,
    CHECK ((stage_order = 6) = (hall_letter IS NULL))
);

-- Scalar model parameters (documented in the comment column).
CREATE TABLE aquasql.model_parameter (
    name text PRIMARY KEY,
    value double precision NOT NULL,
    comment text NOT NULL
);
