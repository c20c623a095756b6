-- The AquaMind tables aquasql writes for its batches, and how to find its rows in each: one
-- list, read to clear a load, to replace a plan and to tell aquasql's rows from others'.
-- `plan` rows (batches, assignments) are written by the planner, `event` rows by the batch
-- generators and the cross-batch steps. $1 is the array of aquasql's batch ids.
-- Listed children first, so deleting in this order never orphans a row.
CREATE OR REPLACE FUNCTION aquasql.generated_table()
RETURNS TABLE (table_name text, part text, rows_of_batches text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    VALUES
    ('environmental_environmentalreading', 'event', 'batch_id = ANY($1)'),
    ('batch_actualdailyassignmentstate', 'event', 'batch_id = ANY($1)'),
    ('inventory_feedingevent', 'event', 'batch_id = ANY($1)'),
    ('inventory_feedcontainerstock', 'event', NULL),
    ('inventory_feedpurchase', 'event', NULL),
    ('batch_mortalityevent', 'event', 'batch_id = ANY($1)'),
    ('batch_individualgrowthobservation', 'event', 'growth_sample_id IN (SELECT g.id FROM batch_growthsample AS g '
        || 'INNER JOIN batch_batchcontainerassignment AS a ON g.assignment_id = a.id WHERE a.batch_id = ANY($1))'),
    ('batch_growthsample', 'event',
        'assignment_id IN (SELECT a.id FROM batch_batchcontainerassignment AS a WHERE a.batch_id = ANY($1))'),
    ('health_licecount', 'event', 'batch_id = ANY($1)'),
    ('health_journalentry', 'event', 'batch_id = ANY($1)'),
    ('finance_factharvest', 'event', 'event_id IN (SELECT e.id FROM harvest_harvestevent AS e WHERE e.batch_id = ANY($1))'),
    ('harvest_harvestlot', 'event', 'event_id IN (SELECT e.id FROM harvest_harvestevent AS e WHERE e.batch_id = ANY($1))'),
    ('harvest_harvestevent', 'event', 'batch_id = ANY($1)'),
    -- projection id = scenario id × 1000 + day, in both versions
    ('scenario_scenarioprojection', 'event',
        'projection_id / 1000 IN (SELECT s.scenario_id FROM scenario AS s WHERE s.batch_id = ANY($1))'),
    ('scenario_projection_run', 'event', 'scenario_id IN (SELECT s.scenario_id FROM scenario AS s WHERE s.batch_id = ANY($1))'),
    ('scenario', 'event', 'batch_id = ANY($1)'),
    ('batch_transferaction', 'event',
        'workflow_id IN (SELECT w.id FROM batch_batchtransferworkflow AS w WHERE w.batch_id = ANY($1))'),
    ('batch_batchtransferworkflow', 'event', 'batch_id = ANY($1)'),
    ('batch_creationaction', 'event', 'workflow_id IN (SELECT w.id FROM batch_creationworkflow AS w WHERE w.batch_id = ANY($1))'),
    ('batch_creationworkflow', 'event', 'batch_id = ANY($1)'),
    ('batch_batchcontainerassignment', 'plan', 'batch_id = ANY($1)'),
    ('batch_batch', 'plan', 'id = ANY($1)')
$$;

-- The largest id in a table now: generated ids start above it, so they never meet rows
-- aquasql did not write (0 in a table that holds none).
CREATE OR REPLACE FUNCTION aquasql.id_base(p_table regclass, p_column text DEFAULT 'id')
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    top bigint;
BEGIN
    EXECUTE format('SELECT max(%I) FROM %s', p_column, p_table) INTO top;
    RETURN coalesce(top, 0);
END
$$;

-- Remember the ids a cross-batch step wrote (see aquasql.generated_id_range).
CREATE OR REPLACE FUNCTION aquasql.record_generated_ids(p_table regclass, p_first bigint, p_last bigint)
RETURNS void
LANGUAGE sql
AS $$
    DELETE FROM aquasql.generated_id_range WHERE table_name = p_table::text;
    INSERT INTO aquasql.generated_id_range (table_name, first_id, last_id)
    SELECT p_table::text, p_first, p_last WHERE p_last >= p_first;
$$;

-- Delete aquasql's rows of the given part ('event', or 'plan' too) for the given batches,
-- row by row: the way to remove them where other rows must stay. Returns the rows deleted.
CREATE OR REPLACE FUNCTION aquasql.delete_generated(p_batches bigint[], p_with_plan boolean DEFAULT FALSE)
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    t record;
    n bigint;
    deleted bigint := 0;
BEGIN
    PERFORM aquasql.unpin_scenarios(p_batches);
    FOR t IN
        SELECT g.table_name, g.rows_of_batches, r.first_id, r.last_id
        FROM aquasql.generated_table() WITH ORDINALITY AS g (table_name, part, rows_of_batches, n)
        LEFT JOIN aquasql.generated_id_range AS r ON g.table_name = r.table_name
        WHERE to_regclass('public.' || g.table_name) IS NOT NULL AND (p_with_plan OR g.part = 'event')
        ORDER BY g.n
    LOOP
        IF t.rows_of_batches IS NOT NULL THEN
            EXECUTE format('DELETE FROM public.%I WHERE %s', t.table_name, t.rows_of_batches) USING p_batches;
        ELSIF t.first_id IS NOT NULL THEN
            EXECUTE format('DELETE FROM public.%I WHERE id BETWEEN $1 AND $2', t.table_name)
            USING t.first_id, t.last_id;
        ELSE
            CONTINUE;
        END IF;
        GET DIAGNOSTICS n = ROW_COUNT;
        deleted := deleted + n;
    END LOOP;
    DELETE FROM aquasql.generated_id_range;
    RETURN deleted;
END
$$;

-- Empty the generated tables of the given part fast, where every row in them is aquasql's
-- (no batch aquasql did not plan): TRUNCATE. Tables of AquaMind's that reference them by a
-- foreign key are truncated with them only while they are empty; if one holds rows (someone's
-- records about aquasql's batches), aquasql's rows go row by row instead, and the keys decide.
CREATE OR REPLACE FUNCTION aquasql.truncate_generated(p_with_plan boolean DEFAULT FALSE)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    tables regclass[];
    referencing regclass[];
    t regclass;
    occupied boolean := FALSE;
BEGIN
    IF aquasql.foreign_batch_count() > 0 THEN
        RAISE EXCEPTION 'the database holds batches aquasql did not write; their rows must stay'
            USING HINT = 'use aquasql.delete_generated(batches) instead';
    END IF;
    tables := ARRAY(
        SELECT to_regclass('public.' || g.table_name) FROM aquasql.generated_table() AS g
        WHERE to_regclass('public.' || g.table_name) IS NOT NULL AND (p_with_plan OR g.part = 'event')
    );
    -- every table that references these, directly or through another
    WITH RECURSIVE ref (relid) AS (
        SELECT k.conrelid FROM pg_constraint AS k WHERE k.contype = 'f' AND k.confrelid = ANY(tables)
        UNION
        SELECT k.conrelid FROM pg_constraint AS k INNER JOIN ref ON k.confrelid = ref.relid WHERE k.contype = 'f'
    )
    SELECT array_agg(DISTINCT ref.relid::regclass) INTO referencing
    FROM ref
    INNER JOIN pg_class AS c ON ref.relid = c.oid
    WHERE ref.relid <> ALL(tables) AND c.relnamespace = 'public'::regnamespace;
    FOREACH t IN ARRAY coalesce(referencing, '{}') LOOP
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s)', t) INTO occupied;
        EXIT WHEN occupied;
    END LOOP;
    IF occupied THEN
        PERFORM aquasql.delete_generated(ARRAY(SELECT p.batch_id FROM aquasql.plan_batch AS p), p_with_plan);
        RETURN;
    END IF;
    PERFORM aquasql.unpin_scenarios();
    -- TRUNCATE refuses tables with deferred key checks pending (AquaMind's keys are deferred)
    SET CONSTRAINTS ALL IMMEDIATE;
    EXECUTE 'TRUNCATE ' || array_to_string(tables || coalesce(referencing, '{}'), ', ');
    DELETE FROM aquasql.generated_id_range;
END
$$;
