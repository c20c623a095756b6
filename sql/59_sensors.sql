-- Sensors as farms have them: calibrated on a routine, drifting in between, and now and then
-- out of service for a week (fouled, broken, sent for repair). Shared by the readings and by
-- the sensors' last calibration date, so the two agree.

-- Days since a sensor's last routine calibration on a day: every sensor_calibration_days,
-- from a seeded phase per sensor.
CREATE OR REPLACE FUNCTION aquasql.days_since_calibration(
    p_seed bigint, p_sensor_id bigint, p_day_key bigint, p_interval integer
)
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT ((p_day_key + floor(p_interval * aquasql.rand_uniform(
        p_seed, aquasql.stream('calibration_phase'), p_sensor_id
    ))::bigint) % p_interval)::integer
$$;

-- Whether a sensor is out of service in the week of a day (weeks counted from 2000-01-03, a
-- Monday): no readings that week.
CREATE OR REPLACE FUNCTION aquasql.sensor_out_of_service(
    p_seed bigint, p_sensor_id bigint, p_day_key bigint, p_probability double precision
)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT aquasql.rand_uniform(p_seed, aquasql.stream('sensor_outage'), p_sensor_id, (p_day_key - 2) / 7)
        < p_probability
$$;

-- A sensor's drift direction: +1 or -1, per sensor.
CREATE OR REPLACE FUNCTION aquasql.sensor_drift_sign(p_seed bigint, p_sensor_id bigint)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN aquasql.rand_uniform(p_seed, aquasql.stream('sensor_drift_sign'), p_sensor_id) < 0.5
        THEN -1.0 ELSE 1.0 END
$$;

-- Every sensor of the given containers gets its last routine calibration on or before the
-- run date (the infrastructure's own dates are placeholders until a plan knows the date).
CREATE OR REPLACE FUNCTION aquasql.set_sensor_calibration(p_seed bigint, p_as_of date, p_containers bigint[])
RETURNS void
LANGUAGE sql
AS $$
    UPDATE infrastructure_sensor AS s SET last_calibration_date = p_as_of - aquasql.days_since_calibration(
        p_seed, s.id, aquasql.day_key(p_as_of), aquasql.param('sensor_calibration_days')::integer
    )
    WHERE s.container_id = ANY(p_containers);
$$;

COMMENT ON FUNCTION aquasql.days_since_calibration(bigint, bigint, bigint, integer) IS
'Days since a sensor''s last routine calibration (every p_interval days from a seeded phase).';
COMMENT ON FUNCTION aquasql.sensor_out_of_service(bigint, bigint, bigint, double precision) IS
'Whether a sensor gives no readings in the week of a day (chance p_probability per sensor-week).';
COMMENT ON FUNCTION aquasql.sensor_drift_sign(bigint, bigint) IS 'A sensor''s drift direction: +1 or -1.';
COMMENT ON FUNCTION aquasql.set_sensor_calibration(bigint, date, bigint[]) IS
'Set the last calibration date of the given containers'' sensors to their last routine calibration by the run date.';
