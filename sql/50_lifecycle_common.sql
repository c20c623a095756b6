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

CREATE OR REPLACE FUNCTION aquasql.user_id(p_username text)
RETURNS integer
LANGUAGE sql STABLE
AS $$
    SELECT id FROM auth_user WHERE username = p_username
$$;

-- Growth samples are taken weekly, from the fourth day in a container on, outside the egg
-- stage; the daily state marks the same days as anchors.
CREATE OR REPLACE FUNCTION aquasql.is_growth_sample_day(p_stage_order integer, p_day_index integer)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT p_stage_order > 1 AND p_day_index % 7 = 3
$$;

-- Within-container weight spread (coefficient of variation) grows with age.
CREATE OR REPLACE FUNCTION aquasql.weight_cv(p_day_number integer)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT aquasql.param('weight_cv_start')
        + (aquasql.param('weight_cv_end') - aquasql.param('weight_cv_start'))
        * least(1.0, greatest(0, p_day_number - 90) / 800.0)
$$;

-- The batches of the current plan, or the given ones.
CREATE OR REPLACE FUNCTION aquasql.plan_batches(p_batches bigint[] DEFAULT NULL)
RETURNS bigint[]
LANGUAGE sql STABLE
AS $$
    SELECT coalesce(p_batches, array_agg(batch_id ORDER BY batch_id)) FROM aquasql.plan_batch
$$;
