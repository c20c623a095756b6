-- Clearing and deleting aquasql's rows in the tables it writes (aquasql.generated_table(),
-- sql/12_registry.sql), and the id ranges of rows that cross-batch steps wrote.

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

-- Delete aquasql's rows of the given batches (their events, and with p_with_plan the plan too),
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
        FROM aquasql.generated_table() WITH ORDINALITY AS g
        LEFT JOIN aquasql.generated_id_range AS r ON g.table_name = r.table_name
        WHERE to_regclass('public.' || g.table_name) IS NOT NULL AND (p_with_plan OR g.family <> 'plan')
        ORDER BY g.ordinality
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

-- Empty the generated tables (events, or the plan too) fast, where every row in them is aquasql's
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
        WHERE to_regclass('public.' || g.table_name) IS NOT NULL AND (p_with_plan OR g.family <> 'plan')
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
