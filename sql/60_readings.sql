-- Environmental readings: 6 per sensor per day (06, 08, 10, 14, 16, 18 UTC) for every day an
-- assignment holds fish, from every active sensor of its container. About 85 % of all rows,
-- so one INSERT … SELECT with inlined PRNG calls: one normal per reading, one uniform per
-- container-day (low-oxygen episodes), everything else derived from the daily state.
--
-- A reading is base + cycle × diurnal(hour) + sd × z (or base × exp(cycle × diurnal + sd × z)
-- for the positive water-quality parameters), where the base comes from the container-day:
-- the daily-state temperature, biomass density (biomass / max biomass), two slow waves with a
-- per-container phase, the geography's salinity and the area's rainy spells. Each probe drifts
-- from its last routine calibration and is out of service for a week now and then
-- (59_sensors.sql): no readings then. Every number of the model is a row of
-- aquasql.sensor_parameter (per sensor slot) or a reading_* parameter (20_parameters_events.sql).

-- The reading times with their slot (0-5, part of the reading id) and diurnal factor, from
-- aquasql.reading_hour (rows in sql/20_parameters_events.sql).
CREATE OR REPLACE FUNCTION aquasql.reading_hours()
RETURNS TABLE (hour_slot integer, hour_offset interval, diurnal double precision)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT h.hour_slot, h.hour_offset, h.diurnal FROM aquasql.reading_hour AS h
$$;

COMMENT ON FUNCTION aquasql.reading_hours() IS
'The daily reading times (UTC) with their slot (0-5, part of the reading id) and the diurnal factor '
'(mean 0) that scales each parameter''s daily cycle (aquasql.reading_hour).';

CREATE OR REPLACE FUNCTION aquasql.generate_readings(p_batches bigint[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    batches bigint[] := aquasql.plan_batches(p_batches);
    seed bigint := aquasql.run_seed();
    calibration_days integer := aquasql.param('sensor_calibration_days')::integer;
    outage_probability double precision := aquasql.param('sensor_outage_probability');
    rain_days double precision := aquasql.param('rain_cycle_days');
    rain_drop double precision := aquasql.param('rain_salinity_drop_sd');
    rain_sharpness double precision := aquasql.param('rain_spell_sharpness');
    salinity_min_sd double precision := aquasql.param('area_salinity_min_sd');
    salinity_max_sd double precision := aquasql.param('area_salinity_max_sd');
    density_max double precision := aquasql.param('reading_density_max');
    wave1_days double precision := aquasql.param('reading_wave1_days');
    wave2_days double precision := aquasql.param('reading_wave2_days');
    episodes_per_year double precision := aquasql.param('oxygen_episodes_per_year');
    episode_min double precision := aquasql.param('oxygen_episode_min_pct');
    episode_range double precision := aquasql.param('oxygen_episode_range_pct');
    spike_z double precision := aquasql.param('reading_spike_z');
    spike_factor double precision := aquasql.param('reading_spike_noise_factor');
    spike_log_sd double precision := aquasql.param('reading_spike_log_sd');
    written bigint;
    top_id bigint;
BEGIN
    -- Regenerating replaces the given batches' readings and nothing else.
    -- (skipped in a fresh load, where the table was emptied and its batch index set aside)
    IF NOT aquasql.fresh_load() THEN
        DELETE FROM environmental_environmentalreading WHERE batch_id = ANY(batches);
    END IF;

    INSERT INTO environmental_environmentalreading (
        id, parameter_id, container_id, batch_id, sensor_id, batch_container_assignment_id, value,
        reading_time, is_manual, recorded_by_id, notes, created_at
    )
    WITH container AS (
        -- Per container: sea or hall, capacity, phases of its slow waves, and (rings) the
        -- salinity of its sea area: the geography's mean, shifted per area by
        -- area_salinity_min_sd to area_salinity_max_sd sd (Scottish sea lochs are fresher).
        SELECT
            c.id AS container_id,
            c.area_id IS NOT NULL AS sea,
            c.max_biomass_kg::double precision AS max_biomass_kg,
            gp.sea_temp_mean,
            2 * pi() * aquasql.rand_uniform(seed, aquasql.stream('wave_phase_1'), c.id, 1) AS phase1,
            2 * pi() * aquasql.rand_uniform(seed, aquasql.stream('wave_phase_2'), c.id, 2) AS phase2,
            2 * pi() * aquasql.rand_uniform(seed, aquasql.stream('rain_phase'), coalesce(c.area_id, 0)) AS rain_phase,
            gp.salinity_mean + gp.salinity_sd * greatest(salinity_min_sd, least(salinity_max_sd,
                aquasql.rand_normal(seed, aquasql.stream('area_salinity'), coalesce(c.area_id, 0), 3)
            )) AS salinity,
            gp.salinity_sd
        FROM infrastructure_container AS c
        LEFT JOIN infrastructure_hall AS h ON c.hall_id = h.id
        LEFT JOIN infrastructure_freshwaterstation AS fs ON h.freshwater_station_id = fs.id
        LEFT JOIN infrastructure_area AS a ON c.area_id = a.id
        INNER JOIN infrastructure_geography AS g ON coalesce(fs.geography_id, a.geography_id) = g.id
        INNER JOIN aquasql.geography_parameter AS gp ON g.name = gp.geography
        WHERE c.id IN (SELECT l.container_id FROM aquasql.assignment_life AS l WHERE l.batch_id = ANY(batches))
    ),

    sensor AS (
        -- Per sensor: its slot and the numbers of its parameter, for a hall or a ring.
        SELECT
            s.id AS sensor_id,
            s.container_id,
            p.id AS parameter_id,
            sp.slot,
            sp.log_normal,
            sp.spikes,
            CASE WHEN c.sea THEN sp.level_sea ELSE sp.level_hall END AS level,
            sp.temp_slope,
            CASE WHEN c.sea THEN sp.density_slope_sea ELSE sp.density_slope_hall END AS density_slope,
            CASE WHEN c.sea THEN sp.wave1_slope_sea ELSE sp.wave1_slope_hall END AS wave1_slope,
            sp.wave2_slope,
            CASE WHEN c.sea THEN sp.cycle_sea ELSE sp.cycle_hall END AS cycle,
            CASE WHEN c.sea THEN sp.noise_sd_sea ELSE sp.noise_sd_hall END AS sd,
            sp.drift_per_day
        FROM infrastructure_sensor AS s
        INNER JOIN environmental_environmentalparameter AS p ON s.sensor_type = p.name
        INNER JOIN aquasql.sensor_parameter AS sp ON s.sensor_type = sp.name
        INNER JOIN container AS c ON s.container_id = c.container_id
        WHERE s.active
    ),

    container_day AS (
        -- OFFSET 0 keeps these per-day values from being recomputed for every reading.
        SELECT
            d.id AS state_id,
            d.assignment_id,
            d.batch_id,
            d.container_id,
            aquasql.day_key(d.date) AS day_key,
            d.date::timestamp AT TIME ZONE 'UTC' AS day_start,
            c.sea,
            c.salinity,
            c.salinity_sd,
            d.temp_c::double precision AS temp_c,
            -- the stage's usual temperature: oxygen saturation falls as the water warms
            d.temp_c::double precision - coalesce(sp.temp_mean, c.sea_temp_mean) AS temp_anomaly,
            least(density_max, d.biomass_kg::double precision / nullif(c.max_biomass_kg, 0)) AS density,
            sin(aquasql.day_key(d.date) * (2 * pi() / wave1_days) + c.phase1) AS wave1,
            sin(aquasql.day_key(d.date) * (2 * pi() / wave2_days) + c.phase2) AS wave2,
            -- rainy spells: sharp, short freshening of the sea area's surface water
            CASE WHEN c.sea THEN power(
                greatest(0, sin(aquasql.day_key(d.date) * (2 * pi() / rain_days) + c.rain_phase)), rain_sharpness
            ) ELSE 0 END AS rain,
            -- low-oxygen episode: oxygen_episodes_per_year per container; depth, first slot and
            -- length (2 h to a whole day) all come from the same uniform, rescaled (days a year)
            aquasql.rand_uniform(seed, aquasql.stream('oxygen_episode'), d.container_id, aquasql.day_key(d.date))
            * (365.0 / episodes_per_year) AS episode
        FROM batch_actualdailyassignmentstate AS d
        INNER JOIN aquasql.assignment_life AS l ON d.assignment_id = l.assignment_id
        INNER JOIN aquasql.stage_parameter AS sp ON l.stage_order = sp.stage_order
        INNER JOIN container AS c ON d.container_id = c.container_id
        WHERE d.batch_id = ANY(batches)
        -- in time order, so the readings' time-leading indexes grow at their right edge
        ORDER BY d.date, d.container_id
        OFFSET 0
    ),

    sensor_day AS (
        -- Per sensor and day: the base value, the size of the daily cycle and the noise sd.
        -- Water chemistry moves together: oxygen saturation falls with temperature and
        -- biomass and rises with photosynthesis (wave1); CO2 moves against oxygen and pH
        -- against CO2; salinity drops after rain. Each probe drifts from its last
        -- calibration (drift: in the parameter's units, or relative for the log-normal ones).
        -- The numbers are the sensor's (aquasql.sensor_parameter); the slot picks the form.
        SELECT
            cd.state_id * 64 + s.slot * 6 AS id_base,
            s.parameter_id,
            cd.container_id,
            cd.batch_id,
            s.sensor_id,
            cd.assignment_id,
            cd.day_key,
            cd.day_start,
            s.slot,
            s.log_normal,
            s.spikes,
            cd.episode,
            CASE
                -- temperature: the daily state's
                WHEN s.slot = 1 THEN cd.temp_c + drift.days * drift.sign * s.drift_per_day
                -- oxygen saturation
                WHEN s.slot = 2 THEN s.level + s.temp_slope * cd.temp_anomaly + s.density_slope * cd.density
                    + s.wave1_slope * cd.wave1 + drift.days * drift.sign * s.drift_per_day
                -- pH
                WHEN s.slot = 3 THEN s.level + s.wave1_slope * cd.wave1 + s.density_slope * cd.density
                    + drift.days * drift.sign * s.drift_per_day
                -- salinity: the sea area's, less the rain
                WHEN s.slot = 8 THEN cd.salinity + cd.salinity_sd * (s.wave2_slope * cd.wave2 - rain_drop * cd.rain)
                    + drift.days * drift.sign * s.drift_per_day
                -- CO2 and the nitrogen compounds (log-normal)
                WHEN s.log_normal THEN s.level * (1 + s.density_slope * cd.density)
                    * exp(
                        s.wave1_slope * cd.wave1 + s.wave2_slope * cd.wave2
                        + drift.days * drift.sign * s.drift_per_day
                    )
            END AS base,
            -- daily cycle (relative for the log-normal parameters) and noise
            s.cycle,
            s.sd
        FROM container_day AS cd
        INNER JOIN sensor AS s ON cd.container_id = s.container_id
        CROSS JOIN LATERAL (
            SELECT
                aquasql.days_since_calibration(seed, s.sensor_id, cd.day_key, calibration_days) AS days,
                aquasql.sensor_drift_sign(seed, s.sensor_id) AS sign
        ) AS drift
        -- a sensor out of service gives no readings that week
        WHERE NOT aquasql.sensor_out_of_service(seed, s.sensor_id, cd.day_key, outage_probability)
        OFFSET 0
    ),

    reading AS (
        SELECT
            sd.*,
            h.hour_slot,
            h.hour_offset,
            h.diurnal,
            aquasql.rand_normal(seed, aquasql.stream('reading_noise'), sd.sensor_id, sd.day_key, h.hour_slot) AS z
        FROM sensor_day AS sd
        CROSS JOIN aquasql.reading_hours() AS h
        OFFSET 0
    )

    SELECT
        r.id_base + r.hour_slot,
        r.parameter_id,
        r.container_id,
        r.batch_id,
        r.sensor_id,
        r.assignment_id,
        CASE
            -- low-oxygen episode (oxygen, slot 2): oxygen_episode_min_pct + up to
            -- oxygen_episode_range_pct for the episode's slots; the first of the 6 hour slots and
            -- the episode's length from the fractional parts of 7 and 53 times the one uniform
            WHEN r.slot = 2 AND r.episode < 1
                AND r.hour_slot >= floor(6 * (7 * r.episode - floor(7 * r.episode)))
                AND r.hour_slot <= floor(6 * (7 * r.episode - floor(7 * r.episode)))
                + floor(6 * (53 * r.episode - floor(53 * r.episode)))
                THEN episode_min + episode_range * r.episode + r.z
            -- a rare sensor spike (|z| > reading_spike_z), never on temperature: spike_factor x
            -- the noise, or for the log-normal parameters a factor of exp(spike_log_sd x z)
            WHEN r.spikes AND abs(r.z) > spike_z THEN
                CASE WHEN r.log_normal THEN r.base * exp(spike_log_sd * r.z)
                    ELSE r.base + r.cycle * r.diurnal + spike_factor * r.sd * r.z END
            WHEN r.log_normal THEN r.base * exp(r.cycle * r.diurnal + r.sd * r.z)
            ELSE r.base + r.cycle * r.diurnal + r.sd * r.z
        END,
        r.day_start + r.hour_offset,
        FALSE,
        NULL,
        '',
        r.day_start + r.hour_offset
    FROM reading AS r;
    GET DIAGNOSTICS written = ROW_COUNT;

    -- Bring the id sequence past the new ids. Computed from the daily state instead of
    -- sync_identity's max(id) over the whole table, which would be a full scan per call.
    SELECT max(d.id * 64 + sp.slot * 6 + 5) INTO top_id
    FROM batch_actualdailyassignmentstate AS d
    INNER JOIN infrastructure_sensor AS s ON d.container_id = s.container_id AND s.active
    INNER JOIN aquasql.sensor_parameter AS sp ON s.sensor_type = sp.name
    WHERE d.batch_id = ANY(batches);
    IF top_id IS NOT NULL THEN
        PERFORM setval(
            pg_get_serial_sequence('environmental_environmentalreading', 'id'),
            greatest(top_id, coalesce(
                pg_sequence_last_value(pg_get_serial_sequence('environmental_environmentalreading', 'id')::regclass),
                1
            ))
        );
    END IF;
    RETURN written;
END
$$;

COMMENT ON FUNCTION aquasql.generate_readings(bigint[]) IS
'Environmental readings of the given batches (default: all planned): 6 a day (06-18 UTC) from '
'every active sensor of each container, for every day an assignment holds fish, but for the weeks a '
'sensor is out of service (aquasql.sensor_out_of_service). Replaces the '
'batches'' existing readings; returns the rows written. Reading id = daily-state id × 64 + '
'sensor slot × 6 + hour slot.';
