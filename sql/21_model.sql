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

-- A time of day given as a model parameter in hours after midnight (8.5: 08:30), as an
-- interval to add to a date.
CREATE OR REPLACE FUNCTION aquasql.param_time(p_name text)
RETURNS interval
LANGUAGE sql STABLE
AS $$
    SELECT aquasql.param(p_name) * interval '1 hour'
$$;

COMMENT ON FUNCTION aquasql.param_time(text) IS
'A model parameter holding a time of day in hours after midnight (8.5 = 08:30), as an interval.';

-- The options of a weighted draw (aquasql.weighted_choice) in order: their labels, and their
-- cumulative weights for aquasql.rand_choice_cdf. Read once per statement (both are STABLE
-- lookups, not inlined), never per row. An error for a family and setting without rows.
CREATE OR REPLACE FUNCTION aquasql.choice_labels(p_family text, p_setting text)
RETURNS text[]
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    result text[];
BEGIN
    SELECT array_agg(c.label ORDER BY c.option_no) INTO result
    FROM aquasql.weighted_choice AS c
    WHERE c.family = p_family AND c.setting = p_setting;
    IF result IS NULL THEN
        RAISE EXCEPTION 'no weighted choice "%" for setting "%" in aquasql.weighted_choice', p_family, p_setting
            USING ERRCODE = 'invalid_parameter_value', HINT = 'the rows are in sql/20_parameters_events.sql';
    END IF;
    RETURN result;
END
$$;

COMMENT ON FUNCTION aquasql.choice_labels(text, text) IS
'The labels of a weighted draw (aquasql.weighted_choice) by option number; an error if there are none.';

CREATE OR REPLACE FUNCTION aquasql.choice_cdf(p_family text, p_setting text)
RETURNS double precision[]
LANGUAGE sql STABLE
AS $$
    SELECT aquasql.weights_cdf(array_agg(c.weight ORDER BY c.option_no))
    FROM aquasql.weighted_choice AS c
    WHERE c.family = p_family AND c.setting = p_setting
$$;

COMMENT ON FUNCTION aquasql.choice_cdf(text, text) IS
'The cumulative weights of a weighted draw (aquasql.weighted_choice) for aquasql.rand_choice_cdf.';

-- A confidence score of the daily state by its source (aquasql.confidence_score), numeric as
-- written.
CREATE OR REPLACE FUNCTION aquasql.confidence(p_source text)
RETURNS numeric
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    result numeric;
BEGIN
    SELECT c.score INTO result FROM aquasql.confidence_score AS c WHERE c.source = p_source;
    IF NOT found THEN
        RAISE EXCEPTION 'unknown confidence source "%": not in aquasql.confidence_score', p_source
            USING ERRCODE = 'invalid_parameter_value', HINT = 'the rows are in sql/20_parameters_events.sql';
    END IF;
    RETURN result;
END
$$;

COMMENT ON FUNCTION aquasql.confidence(text) IS
'The confidence score of a daily-state figure by its source (aquasql.confidence_score); an error if unknown.';

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
