-- slow: readings of a whole tiny history, regenerated batch by batch (left out by scripts/test.sh --quick)
-- Environmental readings (sql/60_readings.sql): 6 readings per active sensor per assignment-day,
-- carrying the assignment's batch and container, temperatures that average to the daily
-- state's, the other parameters in their bands, and the same rows whatever the batch split.
BEGIN;
SELECT plan(35);

SET LOCAL jit = off;

SELECT aquasql.generate_infrastructure('tiny');
SELECT aquasql.generate_master_data();
SELECT aquasql.plan('tiny', 42, '2026-11-23');
SELECT aquasql.generate_lifecycle();

CREATE TEMP TABLE written AS SELECT aquasql.generate_readings() AS n;

-- Readings with their parameter name, sea/freshwater and hour, for the checks below.
CREATE TEMP VIEW reading AS
SELECT
    r.*,
    p.name AS parameter,
    c.area_id IS NOT NULL AS sea,
    extract(HOUR FROM r.reading_time AT TIME ZONE 'UTC')::integer AS hour,
    (r.reading_time AT TIME ZONE 'UTC')::date AS day
FROM environmental_environmentalreading AS r
INNER JOIN environmental_environmentalparameter AS p ON r.parameter_id = p.id
INNER JOIN infrastructure_container AS c ON r.container_id = c.id;

-- share of a parameter's readings (sea or freshwater) within [lo, hi]
CREATE FUNCTION pg_temp.share_within(p_parameter text, p_sea boolean, lo numeric, hi numeric)
RETURNS numeric
LANGUAGE sql STABLE
AS $$
    SELECT avg(CASE WHEN value BETWEEN lo AND hi THEN 1 ELSE 0 END)
    FROM reading
    WHERE parameter = p_parameter AND (p_sea IS NULL OR sea = p_sea)
$$;

-- ---------------------------------------------------------------------------------------------
-- Volume and keys
-- ---------------------------------------------------------------------------------------------

SELECT ok((SELECT n FROM written) > 50000, 'readings are written for the tiny profile');
SELECT is(
    (SELECT n FROM written), (SELECT count(*) FROM environmental_environmentalreading),
    'generate_readings returns the number of rows written'
);
SELECT is(
    (SELECT count(*) FROM environmental_environmentalreading),
    (
        SELECT 6 * count(*)
        FROM batch_actualdailyassignmentstate AS d
        INNER JOIN infrastructure_sensor AS s ON d.container_id = s.container_id AND s.active
        WHERE NOT aquasql.sensor_out_of_service(
            aquasql.run_seed(), s.id, aquasql.day_key(d.date),
            aquasql.param('sensor_outage_probability')
        )
    ),
    'one reading per active sensor of the container, per assignment-day, per reading hour, '
    'but in the weeks the sensor is out of service'
);
SELECT ok(
    (
        SELECT
            count(*) FILTER (WHERE aquasql.sensor_out_of_service(
                aquasql.run_seed(), s.id, aquasql.day_key(d.date),
                aquasql.param('sensor_outage_probability')
            )) BETWEEN 0.002 * count(*) AND 0.03 * count(*)
        FROM batch_actualdailyassignmentstate AS d
        INNER JOIN infrastructure_sensor AS s ON d.container_id = s.container_id AND s.active
    ),
    'sensors are out of service now and then (about 1 % of sensor-days, whole weeks)'
);
SELECT ok(
    (SELECT avg(r_co2) < -0.1 AND avg(r_ph) > 0.1 FROM (
        SELECT
            o.container_id,
            corr(o.value, x.value) FILTER (WHERE p.name = 'CO2') AS r_co2,
            corr(o.value, x.value) FILTER (WHERE p.name = 'pH') AS r_ph
        FROM environmental_environmentalreading AS o
        INNER JOIN environmental_environmentalparameter AS op ON o.parameter_id = op.id AND op.name = 'Dissolved Oxygen'
        INNER JOIN
            environmental_environmentalreading AS x
            ON o.container_id = x.container_id AND o.reading_time = x.reading_time
        INNER JOIN environmental_environmentalparameter AS p ON x.parameter_id = p.id
        GROUP BY o.container_id
    ) AS c),
    'water chemistry: within a container CO2 falls as oxygen rises, and pH rises with it'
);
SELECT is(
    (
        SELECT count(*) FROM infrastructure_sensor AS s
        WHERE s.last_calibration_date NOT BETWEEN '2026-11-23'::date - 89 AND '2026-11-23'::date
    ),
    0::bigint,
    'every sensor was last calibrated on its routine within the 90 days before the run date'
);
SELECT is(
    (
        SELECT count(*) FROM (
            SELECT d.id
            FROM batch_actualdailyassignmentstate AS d
            INNER JOIN infrastructure_sensor AS s ON d.container_id = s.container_id AND s.active
            CROSS JOIN unnest(ARRAY[6, 8, 10, 14, 16, 18]) AS h (hour)
            WHERE
                NOT aquasql.sensor_out_of_service(
                    aquasql.run_seed(), s.id, aquasql.day_key(d.date),
                    aquasql.param('sensor_outage_probability')
                )
            EXCEPT ALL
            SELECT r.id / 64 FROM environmental_environmentalreading AS r
        ) AS missing
    ),
    0::bigint,
    'the readings of each daily-state row carry its id (reading id / 64 = state id)'
);
SELECT is(
    (SELECT count(DISTINCT id) FROM environmental_environmentalreading),
    (SELECT count(*) FROM environmental_environmentalreading),
    'reading ids are unique'
);
SELECT is(
    (
        SELECT count(*) FROM reading AS r
        INNER JOIN infrastructure_sensor AS s ON r.sensor_id = s.id
        INNER JOIN aquasql.sensor_parameters() AS sp ON s.sensor_type = sp.parameter_name
        WHERE r.id % 64 <> sp.sort_order * 6 + array_position(ARRAY[6, 8, 10, 14, 16, 18], r.hour) - 1
    ),
    0::bigint,
    'reading id = state id * 64 + sensor slot * 6 + hour slot'
);
SELECT is(
    (
        SELECT count(*) FROM reading AS r
        INNER JOIN infrastructure_sensor AS s ON r.sensor_id = s.id
        WHERE
            r.hour NOT IN (6, 8, 10, 14, 16, 18)
            OR r.reading_time <> date_trunc('hour', r.reading_time)
            OR s.container_id <> r.container_id
            OR s.sensor_type <> r.parameter
            OR r.is_manual
            OR r.recorded_by_id IS NOT NULL
            OR r.notes <> ''
            OR r.created_at <> r.reading_time
    ),
    0::bigint,
    'readings at 06, 08, 10, 14, 16, 18 UTC from a sensor of their container measuring their '
    || 'parameter; automatic, no user, no notes, created at the reading time'
);
SELECT ok(
    (
        SELECT pg_sequence_last_value(pg_get_serial_sequence('environmental_environmentalreading', 'id')::regclass)
    ) >= (SELECT max(id) FROM environmental_environmentalreading),
    'the id sequence continues after the generated ids'
);

-- ---------------------------------------------------------------------------------------------
-- Assignments
-- ---------------------------------------------------------------------------------------------

SELECT is(
    (
        SELECT count(*) FROM environmental_environmentalreading AS r
        INNER JOIN batch_batchcontainerassignment AS a ON r.batch_container_assignment_id = a.id
        WHERE a.batch_id <> r.batch_id OR a.container_id <> r.container_id
    ),
    0::bigint,
    'every reading''s batch and container are its assignment''s'
);
SELECT is(
    (
        SELECT count(*) FROM reading AS r
        LEFT JOIN aquasql.assignment_life AS l ON r.batch_container_assignment_id = l.assignment_id
        WHERE l.assignment_id IS NULL OR r.day NOT BETWEEN l.first_day AND l.last_day
    ),
    0::bigint,
    'every reading falls within its assignment''s first_day..last_day'
);
SELECT is(
    (
        SELECT count(*) FROM reading AS r
        LEFT JOIN batch_actualdailyassignmentstate AS d
            ON r.batch_container_assignment_id = d.assignment_id AND r.day = d.date
        WHERE d.id IS NULL OR d.id <> r.id / 64
    ),
    0::bigint,
    'every reading belongs to the daily-state row of its assignment and day'
);

-- ---------------------------------------------------------------------------------------------
-- Temperature
-- ---------------------------------------------------------------------------------------------

SELECT is(
    (
        SELECT count(*)
        FROM (
            SELECT
                r.id / 64 AS state_id,
                avg(r.value) AS mean_temp
            FROM reading AS r
            WHERE r.parameter = 'Temperature'
            GROUP BY r.id / 64
        ) AS t
        INNER JOIN batch_actualdailyassignmentstate AS d ON t.state_id = d.id
        WHERE abs(t.mean_temp - d.temp_c) > 0.5
    ),
    0::bigint,
    'for every container-day the mean temperature reading is within 0.5 °C of the daily state''s'
);
SELECT ok(
    (
        SELECT max(abs(t.mean_temp - d.temp_c)) < 0.3 AND avg(t.mean_temp - d.temp_c) BETWEEN -0.02 AND 0.02
        FROM (
            SELECT
                r.id / 64 AS state_id,
                avg(r.value) AS mean_temp
            FROM reading AS r
            WHERE r.parameter = 'Temperature'
            GROUP BY r.id / 64
        ) AS t
        INNER JOIN batch_actualdailyassignmentstate AS d ON t.state_id = d.id
    ),
    'daily mean temperature readings are unbiased (mean difference within 0.02 °C, all within 0.3 °C)'
);
SELECT ok(
    (
        SELECT avg(value) FILTER (WHERE hour IN (14, 16)) - avg(value) FILTER (WHERE hour = 6)
        FROM reading
        WHERE parameter = 'Temperature' AND sea
    ) BETWEEN 0.15 AND 0.5,
    'at sea the afternoon is warmer than the early morning (by about 0.3 °C)'
);
SELECT ok(
    (
        SELECT abs(avg(value) FILTER (WHERE hour IN (14, 16)) - avg(value) FILTER (WHERE hour = 6))
        FROM reading
        WHERE parameter = 'Temperature' AND NOT sea
    ) < 0.1,
    'in the halls the daily temperature cycle is nearly flat'
);
SELECT ok(
    (
        SELECT stddev_samp(r.value - d.temp_c) BETWEEN 0.08 AND 0.25
        FROM reading AS r
        INNER JOIN batch_actualdailyassignmentstate AS d ON r.id / 64 = d.id
        WHERE r.parameter = 'Temperature' AND NOT r.sea
    ),
    'temperature readings scatter around the daily mean with a sensor noise of about 0.1-0.15 °C'
);

-- ---------------------------------------------------------------------------------------------
-- Dissolved oxygen
-- ---------------------------------------------------------------------------------------------

SELECT ok(
    pg_temp.share_within('Dissolved Oxygen', NULL, 60, 110) >= 0.99,
    'at least 99 % of oxygen readings within 60-110 %'
);
SELECT ok(
    pg_temp.share_within('Dissolved Oxygen', FALSE, 85, 100) >= 0.95,
    'at least 95 % of freshwater oxygen readings within 85-100 %'
);
SELECT ok(
    pg_temp.share_within('Dissolved Oxygen', TRUE, 75, 105) >= 0.95,
    'at least 95 % of sea oxygen readings within 75-105 %'
);
SELECT ok(
    (
        SELECT avg(value) FILTER (WHERE hour IN (14, 16)) - avg(value) FILTER (WHERE hour = 6)
        FROM reading
        WHERE parameter = 'Dissolved Oxygen' AND sea
    ) > 2,
    'oxygen is lowest early in the morning and highest in the afternoon'
);
SELECT ok(
    (
        SELECT corr(o.mean_oxygen, d.temp_c)
        FROM (
            SELECT
                r.id / 64 AS state_id,
                avg(r.value) AS mean_oxygen
            FROM reading AS r
            WHERE r.parameter = 'Dissolved Oxygen' AND r.sea
            GROUP BY r.id / 64
        ) AS o
        INNER JOIN batch_actualdailyassignmentstate AS d ON o.state_id = d.id
    ) < -0.2,
    'at sea, oxygen saturation is lower on warmer days'
);
SELECT ok(
    (
        SELECT
            count(DISTINCT r.id / 64)::numeric
            / (SELECT count(*) FROM batch_actualdailyassignmentstate)
        FROM reading AS r
        WHERE r.parameter = 'Dissolved Oxygen' AND r.value < 76
    ) BETWEEN 0.002 AND 0.03,
    'low-oxygen episodes (below 76 %) are rare: a few per container and year'
);

-- ---------------------------------------------------------------------------------------------
-- pH, salinity and water quality
-- ---------------------------------------------------------------------------------------------

SELECT ok(pg_temp.share_within('pH', FALSE, 6.8, 7.5) >= 0.99, 'freshwater pH within 6.8-7.5');
SELECT ok(pg_temp.share_within('pH', TRUE, 7.8, 8.2) >= 0.99, 'sea pH within 7.8-8.2');
SELECT ok(
    (
        SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY value) FROM reading
        WHERE parameter = 'pH' AND NOT sea
    ) < (
        SELECT percentile_cont(0.01) WITHIN GROUP (ORDER BY value) FROM reading
        WHERE parameter = 'pH' AND sea
    ),
    'freshwater and sea pH are separated (99th percentile in freshwater below the 1st at sea)'
);
SELECT ok(pg_temp.share_within('Salinity', TRUE, 28, 35.5) >= 0.99, 'sea salinity within 28-35.5 psu');
SELECT is(
    (
        SELECT count(*) FROM reading
        WHERE
            (parameter = 'Salinity' AND NOT sea)
            OR (parameter IN ('CO2', 'NO2', 'NO3', 'NH4') AND sea)
    ),
    0::bigint,
    'salinity only at sea, CO2 and nitrogen compounds only in freshwater'
);
SELECT ok(
    pg_temp.share_within('CO2', FALSE, 5, 15) >= 0.95
    AND pg_temp.share_within('NO2', FALSE, 0.01, 0.1) >= 0.95
    AND pg_temp.share_within('NO3', FALSE, 5, 50) >= 0.95
    AND pg_temp.share_within('NH4', FALSE, 0.005, 0.05) >= 0.95,
    'CO2 5-15, NO2 0.01-0.1, NO3 5-50, NH4 0.005-0.05 mg/L (at least 95 % each)'
);
SELECT is(
    (
        SELECT count(*) FROM environmental_environmentalreading
        WHERE value <= 0
    ),
    0::bigint,
    'no reading is zero or negative'
);

-- ---------------------------------------------------------------------------------------------
-- Determinism
-- ---------------------------------------------------------------------------------------------

SELECT tap.regenerates_identically(
    'regenerating gives the same rows',
    '{environmental_environmentalreading}', 'SELECT aquasql.generate_readings()'
);

SELECT tap.regenerates_identically(
    'generating the batches one by one (in reverse) gives the same rows as all together',
    '{environmental_environmentalreading}',
    'DELETE FROM environmental_environmentalreading',
    'SELECT aquasql.generate_readings(ARRAY[(SELECT max(batch_id) FROM aquasql.plan_batch)])',
    'SELECT aquasql.generate_readings(ARRAY[(SELECT min(batch_id) FROM aquasql.plan_batch)])'
);

SELECT tap.regenerates_identically(
    'regenerating one batch replaces its readings and keeps the other batch''s',
    '{environmental_environmentalreading}',
    'SELECT aquasql.generate_readings(ARRAY[(SELECT max(batch_id) FROM aquasql.plan_batch)])'
);

SELECT * FROM finish();
ROLLBACK;
