-- The lifecycle of the given batches (default: every planned batch), stage after stage.
CREATE OR REPLACE FUNCTION aquasql.generate_lifecycle(p_batches bigint[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    batches bigint[] := aquasql.plan_batches(p_batches);
    stage integer;
    incubation boolean;
    written bigint := 0;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM aquasql.run_setting) THEN
        RAISE EXCEPTION 'there is no plan to generate from'
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'run the planner first (aquasql seed)';
    END IF;
    PERFORM aquasql.lifecycle_prepare(batches);
    PERFORM aquasql.lifecycle_creation(batches);
    FOR stage, incubation IN
        SELECT s.stage_order, s.incubation FROM aquasql.stage_parameter AS s ORDER BY s.stage_order
    LOOP
        -- the batch starts in the incubation stage, every other stage is moved into
        IF NOT incubation THEN
            PERFORM aquasql.lifecycle_transfer(batches, stage);
        END IF;
        written := written + aquasql.lifecycle_stage_days(batches, stage);
    END LOOP;
    PERFORM aquasql.lifecycle_finish_assignments(batches);
    RETURN written;
END
$$;

COMMENT ON FUNCTION aquasql.generate_lifecycle(bigint[]) IS
'Creation, daily state, transfers and final assignment figures for the given batches (default: '
'all planned). Returns the daily-state rows written.';
