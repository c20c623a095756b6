-- The AquaMind version the public schema is at (aquasql.target, written by the migrations
-- runner). The generator writes the columns of that version: at cb41030 projections hang off
-- projection runs and a batch pins a run; at c6cd7d5 a batch pins a scenario.
CREATE OR REPLACE FUNCTION aquasql.aquamind_version()
RETURNS text
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    version text;
BEGIN
    SELECT t.aquamind_version INTO version FROM aquasql.target AS t;
    IF version IS NULL THEN
        RAISE EXCEPTION 'aquasql.target is empty: the database was not migrated by aquasql'
            USING HINT = 'run aquasql migrate first';
    END IF;
    RETURN version;
END
$$;

-- Batches in batch_batch that aquasql did not plan: rows an AquaMind user or another tool
-- wrote. aquasql never deletes or changes them.
CREATE OR REPLACE FUNCTION aquasql.foreign_batch_count()
RETURNS bigint
LANGUAGE sql
STABLE
AS $$
    SELECT count(*) FROM batch_batch AS b
    WHERE NOT EXISTS (SELECT 1 FROM aquasql.plan_batch AS p WHERE p.batch_id = b.id)
$$;

-- Columns a version has that the generator's INSERTs do not name, with what AquaMind's own
-- code writes there (its model defaults, or the value its save() derives). An expression may
-- name the other columns of the row. The one list of version differences on insert.
CREATE OR REPLACE FUNCTION aquasql.version_column()
RETURNS TABLE (aquamind_version text, table_name text, column_name text, expression text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    VALUES
    ('cb41030', 'infrastructure_container', 'hierarchy_role', $x$'HOLDING'$x$),
    ('cb41030', 'batch_transferaction', 'allow_mixed', 'FALSE'),
    -- actions of dynamic workflows are created live, during the move, as AquaMind's crews do
    ('cb41030', 'batch_transferaction', 'created_via', $x$CASE WHEN (
        SELECT w.is_dynamic_execution FROM batch_batchtransferworkflow AS w WHERE w.id = workflow_id
    ) THEN 'DYNAMIC_LIVE' ELSE 'PLANNED' END$x$),
    ('cb41030', 'batch_transferaction', 'dest_container_id', $x$(
        SELECT a.container_id FROM batch_batchcontainerassignment AS a WHERE a.id = dest_assignment_id
    )$x$),
    ('cb41030', 'batch_transferaction', 'executed_at', $x$updated_at$x$),
    ('cb41030', 'batch_batchtransferworkflow', 'is_dynamic_execution',
        $x$aquasql.is_station_to_sea(source_lifecycle_stage_id, dest_lifecycle_stage_id)$x$),
    ('cb41030', 'batch_batchtransferworkflow', 'dynamic_route_mode', $x$CASE
        WHEN aquasql.is_station_to_sea(source_lifecycle_stage_id, dest_lifecycle_stage_id)
        THEN 'DIRECT_STATION_TO_VESSEL' END$x$),
    -- a dynamic workflow is completed explicitly, by whoever completed it
    ('cb41030', 'batch_batchtransferworkflow', 'dynamic_completed_at', $x$CASE
        WHEN aquasql.is_station_to_sea(source_lifecycle_stage_id, dest_lifecycle_stage_id) THEN updated_at END$x$),
    ('cb41030', 'batch_batchtransferworkflow', 'dynamic_completed_by_id', $x$CASE
        WHEN aquasql.is_station_to_sea(source_lifecycle_stage_id, dest_lifecycle_stage_id) THEN completed_by_id END$x$),
    ('cb41030', 'batch_batchtransferworkflow', 'estimated_total_count', $x$total_source_count$x$)
$$;

-- AquaMind's BatchTransferWorkflow.save() marks a lifecycle transition from a station stage
-- into post-smolt or adult as dynamic (actions created live by the crew).
CREATE OR REPLACE FUNCTION aquasql.is_station_to_sea(p_source_stage bigint, p_dest_stage bigint)
RETURNS boolean
LANGUAGE sql STABLE
AS $$
    SELECT coalesce((
        SELECT lower(s.name) IN ('fry', 'parr', 'smolt', 'post-smolt') AND lower(d.name) IN ('post-smolt', 'adult')
        FROM batch_lifecyclestage AS s, batch_lifecyclestage AS d
        WHERE s.id = p_source_stage AND d.id = p_dest_stage
    ), FALSE)
$$;

-- Rows for a table whose columns differ by version are first written to a staging table
-- with the target's columns and no constraints (aquasql.stage(target) creates it, named
-- staged_<table>), then copied with the version's columns filled (aquasql.insert_staged).
CREATE OR REPLACE FUNCTION aquasql.stage(p_target regclass)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    staged name := 'staged_' || (SELECT relname FROM pg_class WHERE oid = p_target);
BEGIN
    IF to_regclass(format('pg_temp.%I', staged)) IS NOT NULL THEN
        EXECUTE format('DROP TABLE pg_temp.%I', staged);
    END IF;
    EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS SELECT * FROM %s WITH NO DATA', staged, p_target);
END
$$;

CREATE OR REPLACE FUNCTION aquasql.insert_staged(p_target regclass)
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    target_name name := (SELECT relname FROM pg_class WHERE oid = p_target);
    staged name := 'staged_' || target_name;
    version text := aquasql.aquamind_version();
    target_columns text;
    staged_values text;
    ids_given boolean;
    written bigint;
BEGIN
    -- identity columns the generator left empty are filled by the target's sequence
    EXECUTE format('SELECT bool_or(id IS NOT NULL) FROM pg_temp.%I', staged) INTO ids_given;
    SELECT
        string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
        string_agg(CASE WHEN v.expression IS NULL THEN quote_ident(a.attname)
            ELSE format('coalesce(%I, %s)', a.attname, v.expression) END, ', ' ORDER BY a.attnum)
    INTO target_columns, staged_values
    FROM pg_attribute AS a
    LEFT JOIN aquasql.version_column() AS v
        ON v.aquamind_version = version AND v.table_name = target_name AND v.column_name = a.attname
    WHERE a.attrelid = p_target AND a.attnum > 0 AND NOT a.attisdropped
        AND (a.attidentity = '' OR coalesce(ids_given, FALSE));
    EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM pg_temp.%I ORDER BY ctid',
        p_target, target_columns, staged_values, staged);
    GET DIAGNOSTICS written = ROW_COUNT;
    EXECUTE format('DROP TABLE pg_temp.%I', staged);
    RETURN written;
END
$$;
