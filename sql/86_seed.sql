-- The whole seed from SQL, for DBAs: SELECT * FROM aquasql.seed('small', 42, '2026-01-01').
-- The same steps, in the same order, as `aquasql seed --workers 1` (cli/aquasql/seed_command.py,
-- load.py and orchestrate.py), so it gives the same rows: infrastructure and master data, the
-- plan, then the load (foreign keys and the readings' secondary indexes set aside, generated
-- rows cleared, each batch generated as a fresh load, the cross-batch steps, indexes and keys
-- rebuilt), aquasql's guarantees checked, and the rollups built.
--
-- A function runs in one transaction: the whole seed is atomic (an error leaves the database as
-- it was), but holds its locks and writes to the end, and no other session sees rows before.
CREATE OR REPLACE FUNCTION aquasql.seed(
    profile text DEFAULT 'full',
    seed bigint DEFAULT 42,
    as_of date DEFAULT (now() AT TIME ZONE 'UTC')::date,  -- today in UTC, as the CLI's default
    batches integer DEFAULT NULL,
    stagger integer DEFAULT NULL,
    saturation double precision DEFAULT NULL,
    replace boolean DEFAULT FALSE,
    with_individuals boolean DEFAULT FALSE
)
RETURNS TABLE (step text, item text, total bigint)
LANGUAGE plpgsql
SET timezone = 'UTC'
SET search_path = public
AS $$
DECLARE
    fresh_load_before text := current_setting('aquasql.fresh_load', TRUE);
    batch_to_load bigint;
    written jsonb := '{}';
    family_rows record;
    broken text;
BEGIN
    -- the CLI's run lock (sql/01_run_lock.sql): one aquasql run per database
    IF NOT pg_try_advisory_xact_lock(aquasql.run_lock_key()) THEN
        RAISE EXCEPTION 'another aquasql run is working on this database: %',
            coalesce(aquasql.run_lock_holder(), 'a session that has just ended') USING
            HINT = 'wait for it to finish, or stop it; two runs on one database would overwrite each other';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM aquasql.profile AS p WHERE p.name = $1) THEN
        RAISE EXCEPTION 'unknown profile "%"', $1 USING
            ERRCODE = 'invalid_parameter_value',
            HINT = 'known profiles: ' || (SELECT string_agg(p.name, ', ' ORDER BY p.name) FROM aquasql.profile AS p);
    END IF;
    -- keys and indexes an interrupted CLI load left set aside
    PERFORM aquasql.restore_indexes();
    PERFORM aquasql.restore_foreign_keys();

    RETURN QUERY SELECT 'infrastructure'::text, g.item, g.total FROM aquasql.generate_infrastructure($1) AS g;
    PERFORM aquasql.generate_master_data();
    RETURN QUERY SELECT 'plan'::text, 'batches planned'::text, aquasql.plan($1, $2, $3, $4, $5, $6, $7)::bigint;

    -- the CLI runs the steps above in transactions of their own: here their deferred key checks
    -- must fire now, as a table with pending trigger events cannot be altered or truncated
    SET CONSTRAINTS ALL IMMEDIATE;
    PERFORM aquasql.suspend_foreign_keys();
    PERFORM aquasql.clear_generated();
    PERFORM aquasql.decompress_generated_tables();
    PERFORM aquasql.suspend_indexes(aquasql.index_suspended_tables());

    -- each batch as the CLI's worker sessions load it: into freshly cleared tables
    PERFORM set_config('aquasql.fresh_load', 'on', TRUE);
    FOR batch_to_load IN SELECT p.batch_id FROM aquasql.plan_batch AS p ORDER BY p.batch_id LOOP
        FOR family_rows IN
            SELECT g.family, g.rows_written FROM aquasql.generate_batches(ARRAY[batch_to_load], $8) AS g
        LOOP
            written := written || jsonb_build_object(
                family_rows.family, coalesce((written ->> family_rows.family)::bigint, 0) + family_rows.rows_written
            );
        END LOOP;
    END LOOP;
    PERFORM set_config('aquasql.fresh_load', coalesce(fresh_load_before, ''), TRUE);
    RETURN QUERY
    SELECT 'generate'::text, w.key, w.value::bigint FROM jsonb_each_text(written) AS w
    ORDER BY w.value::bigint DESC, w.key;
    RETURN QUERY SELECT 'generate'::text, f.family, f.rows_written FROM aquasql.finish_generation() AS f;

    PERFORM aquasql.restore_indexes();
    PERFORM aquasql.restore_foreign_keys();

    SELECT string_agg(format('%s: %s rows', v.property, v.violations), '; ' ORDER BY v.property)
    INTO broken
    FROM aquasql.generated_property_violations() AS v
    WHERE v.violations > 0;
    IF broken IS NOT NULL THEN
        RAISE EXCEPTION 'the generated data breaks aquasql''s guarantees: %', broken USING
            HINT = 'this is a bug in aquasql: please report it with the call you made';
    END IF;

    RETURN QUERY SELECT 'rollups'::text, r.rollup, r.row_count FROM aquasql.build_rollups() AS r;
    RETURN QUERY SELECT 'compression'::text, 'chunks compressed as the policies would'::text,
        aquasql.compress_history()::bigint;
END
$$;

COMMENT ON FUNCTION aquasql.seed(text, bigint, date, integer, integer, double precision, boolean, boolean) IS
'The whole seed in one transaction, as `aquasql seed --workers 1` does it: infrastructure, master data, '
'plan, every batch, the cross-batch steps, keys and indexes rebuilt, guarantees checked, rollups built. '
'Returns the rows written per step and item.';
