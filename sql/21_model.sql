-- Small accessors over the parameter tables, shared by the planner and the generators.

-- First day of each stage relative to the batch start, and its length (the sea stage runs
-- until harvest).
CREATE OR REPLACE FUNCTION aquasql.stage_offsets()
RETURNS TABLE (stage_order integer, offset_days integer, duration_days integer)
LANGUAGE sql STABLE
AS $$
    SELECT
        s.stage_order,
        coalesce(sum(s.duration_days) OVER (
            ORDER BY s.stage_order ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
        ), 0)::integer,
        s.duration_days
    FROM aquasql.stage_parameter AS s
$$;

-- A model parameter by name; an error for a name not in aquasql.model_parameter (a typo would
-- otherwise turn into NULLs downstream). PL/pgSQL with a cached plan costs about as much per
-- call as the SQL function it replaces (a lookup FROM a table is never inlined either).
CREATE OR REPLACE FUNCTION aquasql.param(p_name text)
RETURNS double precision
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    result double precision;
BEGIN
    SELECT m.value INTO result FROM aquasql.model_parameter AS m WHERE m.name = p_name;
    IF NOT found THEN
        RAISE EXCEPTION 'unknown model parameter "%": not in aquasql.model_parameter', p_name USING
            ERRCODE = 'invalid_parameter_value',
            HINT = 'parameters are defined in sql/20_parameters.sql (and the generator files that add their own)';
    END IF;
    RETURN result;
END
$$;

-- Daily hazard of a stage, scaled by a batch's mortality multiplier. In freshwater the
-- stage's survival holds over the batch's own stage (p_stage_days, its planned length): the
-- hatchery steers the halls' temperature to the stage's length, and eggs and fry die by their
-- development, not by the calendar, so a long stage is not a deadlier one. At sea the hazard
-- is per day (the sea survival is over sea_reference_days).
CREATE OR REPLACE FUNCTION aquasql.daily_hazard(
    p_stage_order integer, p_multiplier double precision, p_stage_days integer DEFAULT NULL
)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT p_multiplier * (1 - power(
        s.stage_survival,
        1.0 / coalesce(CASE WHEN s.duration_days IS NOT NULL THEN p_stage_days END,
            s.duration_days, aquasql.param('sea_reference_days'))
    ))
    FROM aquasql.stage_parameter AS s
    WHERE s.stage_order = p_stage_order
$$;

-- A batch's feed efficiency: its FCR is the stage's times this multiplier (1 + a seeded
-- normal, clamped), so batches differ in FCR as farms' year classes do. The stage FCRs are
-- biological, the best a batch can do: a batch may do worse than them, never better.
-- Keyed by the batch.
CREATE OR REPLACE FUNCTION aquasql.batch_fcr_multiplier(p_seed bigint, p_batch_id bigint)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT greatest(aquasql.param('fcr_multiplier_best'), least(aquasql.param('fcr_multiplier_worst'),
        1 + aquasql.param('fcr_multiplier_sd') * aquasql.rand_normal(p_seed, aquasql.stream('batch_fcr'), p_batch_id)
    ))
$$;
