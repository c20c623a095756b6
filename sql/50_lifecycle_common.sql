-- Small helpers shared by the lifecycle engine and the event generators.

CREATE OR REPLACE FUNCTION aquasql.run_seed()
RETURNS bigint
LANGUAGE sql STABLE
AS $$
    SELECT seed FROM aquasql.run_setting
$$;

-- A calendar day as a PRNG key: the same date gives the same key in every run.
CREATE OR REPLACE FUNCTION aquasql.day_key(p_date date)
RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT (p_date - date '2000-01-01')::bigint
$$;

-- The auth_user id of a user the master data creates; an error for an unknown username.
CREATE OR REPLACE FUNCTION aquasql.user_id(p_username text)
RETURNS integer
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    result integer;
BEGIN
    SELECT u.id INTO result FROM auth_user AS u WHERE u.username = p_username;
    IF NOT found THEN
        RAISE EXCEPTION 'unknown user "%": not in auth_user', p_username USING
            ERRCODE = 'invalid_parameter_value',
            HINT = 'aquasql.generate_master_data() creates the users the generator names';
    END IF;
    RETURN result;
END
$$;

-- Weekly work on a farm happens on working days. A weekly task falls nominally on day
-- p_offset of every week in a container (day index ≡ p_offset mod 7, so on one fixed weekday
-- per container); a nominal Saturday moves to the Friday before, a nominal Sunday to the
-- Monday after. Returns the nominal day index of the task held on this day, else NULL.
CREATE OR REPLACE FUNCTION aquasql.weekly_task_day(p_day_index integer, p_date date, p_offset integer)
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    -- ((p_offset - p_day_index) % 7 + 10) % 7 - 3: days from here to the nearest nominal day
    SELECT CASE ((p_offset - p_day_index) % 7 + 10) % 7 - 3
        WHEN 0 THEN CASE WHEN extract(ISODOW FROM p_date) < 6 THEN p_day_index END
        WHEN 1 THEN CASE WHEN extract(ISODOW FROM p_date) = 5 THEN p_day_index + 1 END
        WHEN -1 THEN CASE WHEN extract(ISODOW FROM p_date) = 1 AND p_day_index >= 1 THEN p_day_index - 1 END
    END
$$;

COMMENT ON FUNCTION aquasql.weekly_task_day(integer, date, integer) IS
'The nominal day index (≡ p_offset mod 7) of a weekly task held on this day, with nominal Saturdays moved '
'to Friday and Sundays to Monday; NULL when the day holds no such task.';

-- Growth samples of fed fish (p_fed: not in the egg stage), on working days: weekly on nominal
-- day p_week_day of each week in a container (growth_sample_week_day: 3, from the fourth day on),
-- and at sea only every p_interval_weeks weeks (4.5: alternately 5 and 4 weeks apart). The daily
-- state marks the same days as anchors.
CREATE OR REPLACE FUNCTION aquasql.is_growth_sample_day(
    p_fed boolean, p_day_index integer, p_date date, p_interval_weeks double precision, p_week_day integer
)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT p_fed AND coalesce(
        floor((aquasql.weekly_task_day(p_day_index, p_date, p_week_day) / 7)::double precision / p_interval_weeks)
        <> floor((aquasql.weekly_task_day(p_day_index, p_date, p_week_day) / 7 - 1)::double precision / p_interval_weeks),
        FALSE
    )
$$;

COMMENT ON FUNCTION aquasql.is_growth_sample_day(boolean, integer, date, double precision, integer) IS
'Whether a container is weighed on this day: fed stages only (p_fed), on working days, in every '
'p_interval_weeks-th week (aquasql.growth_sample_interval_weeks) on nominal day p_week_day of the week '
'(growth_sample_week_day).';

-- Weeks between growth samples in a stage: weekly in freshwater tanks, every 4-5 weeks in
-- sea rings (crowding a ring to weigh fish stresses them; farms weigh about monthly).
CREATE OR REPLACE FUNCTION aquasql.growth_sample_interval_weeks(p_stage_order integer)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT aquasql.param(CASE WHEN s.at_sea THEN 'growth_sample_weeks_sea' ELSE 'growth_sample_weeks_freshwater' END)
    FROM aquasql.stage_parameter AS s
    WHERE s.stage_order = p_stage_order
$$;

-- Within-container weight spread (coefficient of variation) grows with age.
CREATE OR REPLACE FUNCTION aquasql.weight_cv(p_day_number integer)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT aquasql.param('weight_cv_start')
        + (aquasql.param('weight_cv_end') - aquasql.param('weight_cv_start'))
        * least(1.0, greatest(0, p_day_number - aquasql.param('weight_cv_start_day'))
            / aquasql.param('weight_cv_ramp_days'))
$$;

-- The batches of the current plan, or the given ones.
CREATE OR REPLACE FUNCTION aquasql.plan_batches(p_batches bigint[] DEFAULT NULL)
RETURNS bigint[]
LANGUAGE sql STABLE
AS $$
    SELECT coalesce(p_batches, array_agg(batch_id ORDER BY batch_id)) FROM aquasql.plan_batch
$$;
