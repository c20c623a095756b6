-- The PRNG draws: every random quantity the generator draws, by name, with its own stream.
--
-- One list (aquasql.prng_draws) names each draw, the stream number it draws from, the rand_*
-- function that draws it, its keys and how many call sites use it (alternative branches of
-- one CASE that draw the same quantity count separately). The generator never writes a stream
-- number: it asks aquasql.stream('name'), which fails for a name not in the list. So no two
-- draws share a stream, and with it a random number, by accident; tests/pgtap/streams.test.sql
-- checks that streams are unique, that every aquasql.stream('…') in the code is listed, with
-- the listed function and number of call sites, and that no rand_* call bypasses the list.
--
-- Numbers are never reused: changing a draw's number changes its values. Streams 9, 10, 15,
-- 24 and 28 were named in an earlier list but never drawn from; 50 (lice_delouse_peak) belonged
-- to the earlier, fixed-cycle lice model; 22 (feed_market_price) to the feed prices before the
-- yearly price index.
CREATE OR REPLACE FUNCTION aquasql.prng_draws()
RETURNS TABLE (draw text, stream integer, drawn_with text, keys text, call_sites integer, purpose text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    VALUES
    -- planner (40_planner.sql): per planned batch
    ('batch_eggs', 1, 'rand_uniform', 'geography order, batch index', 1, 'eggs a batch starts with'),
    ('tgc_multiplier', 2, 'rand_normal', 'geography order, batch index', 1, 'batch growth multiplier'),
    ('mortality_multiplier', 3, 'rand_normal', 'geography order, batch index', 1, 'batch hazard multiplier'),
    ('target_weight', 4, 'rand_normal', 'geography order, batch index', 1, 'harvest target weight'),
    ('wellboat_capacity', 98, 'rand_uniform', 'geography order, batch index', 1,
        'daily harvest capacity of a batch''s wellboat and plant'),
    ('start_jitter', 99, 'rand_int', 'geography order, batch index', 1, 'days a batch''s wanted start moves'),
    -- planned growth (38_planned_growth.sql)
    ('stage_tgc', 100, 'rand_normal', 'geography order, batch index, stage', 1,
        'a batch''s growth in one freshwater stage relative to its multiplier'),
    ('site_temperature', 101, 'rand_normal', 'area', 1, 'a sea area''s temperature offset'),
    ('hatchery_slot_jitter', 106, 'rand_int', 'geography order, station rank, year and slot', 1,
        'days a station''s slot moves inside its window'),
    -- temperatures (30_temperature.sql)
    ('temperature_noise', 5, 'rand_normal', 'geography, stage, day', 1, 'daily temperature noise'),
    ('sea_year_anomaly', 90, 'rand_normal', 'geography, year', 2,
        'warm or cold year at sea (drawn for the years on both sides of a day)'),
    -- lifecycle (51_lifecycle.sql, 52_creation.sql, 53_transfers.sql), differences (22_variation.sql)
    ('container_weight', 92, 'rand_normal', 'assignment', 1, 'a container''s growth standing in its batch'),
    ('container_hazard', 93, 'rand_normal', 'assignment', 1, 'a container''s hazard relative to its batch'),
    ('site_episode_occurs', 97, 'rand_uniform', 'area, season', 1, 'whether a sea area has an episode in a season'),
    ('site_episode_start', 94, 'rand_uniform', 'area, season', 1, 'first day of a site episode'),
    ('site_episode_days', 95, 'rand_int', 'area, season', 1, 'length of a site episode'),
    ('site_episode_factor', 96, 'rand_uniform', 'area, season', 1, 'hazard factor of a site episode'),
    ('deaths', 6, 'rand_poisson', 'assignment, day', 1, 'deaths per container and day'),
    ('transfer_mortality', 7, 'rand_uniform', 'assignment', 1, 'share of fish lost in a transfer'),
    ('feed_noise', 8, 'rand_normal', 'assignment, day', 1, 'day-to-day noise of the ration'),
    ('batch_fcr', 91, 'rand_normal', 'batch', 1, 'batch feed-efficiency multiplier (21_model.sql)'),
    ('disease_occurs', 12, 'rand_uniform', 'assignment', 1, 'whether an assignment has a disease episode'),
    ('disease_start', 30, 'rand_uniform', 'assignment', 1, 'first day of the disease episode'),
    ('disease_days', 31, 'rand_int', 'assignment', 1, 'length of the disease episode'),
    ('disease_factor', 32, 'rand_uniform', 'assignment', 1, 'hazard multiplier of the disease episode'),
    ('egg_supplier', 16, 'rand_int', 'batch', 1, 'egg supplier of a batch'),
    ('egg_price', 34, 'rand_uniform', 'batch', 1, 'external cost per thousand eggs'),
    ('dead_on_arrival', 33, 'rand_uniform', 'egg tray assignment', 1, 'share of eggs dead on arrival'),
    ('egg_quality', 35, 'rand_int', 'egg tray assignment', 1, 'egg quality score of a delivery'),
    ('egg_delivery_minutes', 36, 'rand_int', 'egg tray assignment', 1, 'duration of an egg delivery'),
    ('transfer_oxygen', 17, 'rand_uniform', 'source assignment, destination assignment', 1,
        'oxygen level during a transfer action'),
    ('transfer_weight', 37, 'rand_normal', 'source assignment, destination assignment', 1,
        'measured average weight of a transfer action'),
    ('transfer_minutes', 38, 'rand_int', 'source assignment, destination assignment', 1,
        'duration of a transfer action'),
    -- harvest (56_harvest.sql)
    ('harvest_grade_share', 23, 'rand_normal', 'harvest event, grade', 1, 'share of fish per quality grade'),
    ('harvest_condition', 70, 'rand_normal', 'harvest event', 1, 'condition (Fulton''s K) of a ring at harvest'),
    ('harvest_gutted_yield', 71, 'rand_normal', 'harvest event, grade', 1, 'gutted yield of a harvest lot'),
    ('harvest_fillet_yield', 72, 'rand_normal', 'harvest event, grade', 1, 'fillet yield of a harvest lot'),
    -- readings (60_readings.sql)
    ('wave_phase_1', 27, 'rand_uniform', 'container', 1, 'phase of the 23-day water-quality wave'),
    ('wave_phase_2', 39, 'rand_uniform', 'container', 1, 'phase of the 71-day water-quality wave'),
    ('area_salinity', 40, 'rand_normal', 'sea area', 1, 'salinity offset of a sea area'),
    ('rain_phase', 102, 'rand_uniform', 'sea area', 1, 'phase of a sea area''s rain and run-off cycle'),
    -- sensors (59_sensors.sql)
    ('calibration_phase', 103, 'rand_uniform', 'sensor', 1, 'day of a sensor''s calibration routine'),
    ('sensor_outage', 104, 'rand_uniform', 'sensor, week', 1, 'whether a sensor is out of service for a week'),
    ('sensor_drift_sign', 105, 'rand_uniform', 'sensor', 1, 'direction of a sensor''s drift'),
    ('oxygen_episode', 26, 'rand_uniform', 'container, day', 1, 'low-oxygen episode'),
    ('reading_noise', 25, 'rand_normal', 'sensor, day, hour slot', 1, 'noise of a sensor reading'),
    -- feed stock (62_feed_inventory.sql)
    ('feed_supplier_price', 62, 'rand_normal', 'supplier, year', 1, 'price deviation of a supplier in a year'),
    ('feed_price_spread', 41, 'rand_uniform', 'year, pellet size', 1, 'price deviation of one feed in a year'),
    ('feed_supplier', 18, 'rand_choice', 'feed container, year', 1, 'supplier of a feed container''s orders in a year'),
    -- mortality events (63_mortality_events.sql): one CASE branch per stage group
    ('disease_name', 42, 'rand_choice_cdf', 'assignment', 1, 'disease of an episode'),
    ('mortality_cause', 11, 'rand_choice_cdf', 'assignment, day', 1, 'cause of background deaths'),
    -- growth samples (64_growth_samples.sql)
    ('growth_sample_size', 13, 'rand_int', 'assignment, day', 1, 'fish in a sea-ring sample'),
    ('growth_sample_k', 43, 'rand_normal', 'assignment, day', 1, 'condition factor of a sample'),
    ('growth_sample_mean', 44, 'rand_normal', 'assignment, day', 1, 'sampling error of the mean weight'),
    ('growth_sample_sd', 45, 'rand_normal', 'assignment, day', 1, 'sampling error of the weight sd'),
    ('growth_sample_lo_z', 46, 'rand_uniform', 'assignment, day', 1, 'lightest fish of a sample, in sd'),
    ('growth_sample_hi_z', 47, 'rand_uniform', 'assignment, day', 1, 'heaviest fish of a sample, in sd'),
    ('fish_weight', 20, 'rand_normal', 'assignment, day, fish', 1, 'weight of one sampled fish'),
    ('fish_k', 48, 'rand_normal', 'assignment, day, fish', 1, 'condition factor of one sampled fish'),
    -- lice (65_lice.sql)
    ('lice_exposure', 49, 'rand_uniform', 'assignment', 1, 'how exposed a ring is to lice'),
    ('lice_patchiness', 21, 'rand_normal', 'assignment, day, lice type', 2,
        'patchiness between counts (adult females in lice_adult_females_counted, the other types apart)'),
    ('lice_count', 14, 'rand_poisson', 'assignment, day, lice type', 2,
        'lice counted (adult females in lice_adult_females_counted, the other types apart)'),
    ('lice_confidence', 51, 'rand_uniform', 'assignment, day', 1, 'confidence level of a count'),
    ('lice_count_user', 73, 'rand_choice', 'batch, day', 1, 'who counts a batch''s rings on a day: operator or vet'),
    ('lice_treatment_delay', 74, 'rand_int', 'assignment, day of the count', 1,
        'days from a count over the limit to the delousing'),
    ('lice_treatment_effect', 75, 'rand_uniform', 'assignment, day of the treatment', 1,
        'share of lice a delousing leaves'),
    -- health journal (66_journal.sql): one CASE branch per stage group
    ('routine_check', 19, 'rand_choice_cdf', 'assignment, day', 3, 'text of a routine health check'),
    ('lice_treatment', 29, 'rand_choice_cdf', 'assignment, day', 1, 'method of a lice treatment')
$$;

COMMENT ON FUNCTION aquasql.prng_draws() IS
'Every named PRNG draw of the generator: its stream number (unique), the rand_* function that '
'draws it, its keys, its number of call sites and what it is for.';

-- The stream of a named draw. IMMUTABLE, so with a constant name the planner folds it into
-- the calling query: an unknown name fails when that query is planned.
CREATE OR REPLACE FUNCTION aquasql.stream(name text)
RETURNS integer
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    result integer;
BEGIN
    SELECT d.stream INTO result FROM aquasql.prng_draws() AS d WHERE d.draw = stream.name;
    IF NOT found THEN
        RAISE EXCEPTION 'unknown PRNG draw "%": not in aquasql.prng_draws()', stream.name USING
            ERRCODE = 'invalid_parameter_value',
            HINT = 'add the draw, with a stream number of its own, to aquasql.prng_draws() in sql/11_streams.sql';
    END IF;
    RETURN result;
END
$$;

COMMENT ON FUNCTION aquasql.stream(text) IS
'The PRNG stream number of a named draw (see aquasql.prng_draws()); an error for an unknown name.';
