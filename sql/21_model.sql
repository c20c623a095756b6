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

CREATE OR REPLACE FUNCTION aquasql.param(p_name text)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT value FROM aquasql.model_parameter WHERE name = p_name
$$;

-- Daily hazard of a stage, scaled by a batch's mortality multiplier.
CREATE OR REPLACE FUNCTION aquasql.daily_hazard(p_stage_order integer, p_multiplier double precision)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT p_multiplier * (1 - power(
        s.stage_survival,
        1.0 / coalesce(s.duration_days, aquasql.param('sea_reference_days'))
    ))
    FROM aquasql.stage_parameter AS s
    WHERE s.stage_order = p_stage_order
$$;
