-- AquaMind cb41030's time-series tables on TimescaleDB, as its own migrations make them in its
-- default environment (AQUAMIND_ENABLE_TIMESCALEDB_MIGRATIONS unset): four hypertables, each
-- keyed by its time column with the key AquaMind gives it, create_hypertable's time index where
-- AquaMind has one, and, where the server's edition has compression (the community edition,
-- timescaledb.license = 'timescale'), AquaMind's compression settings and policies. The daily
-- states stay a plain table, as in AquaMind's default environment. This file replaces c6cd7d5's
-- hypertables file for this version. Without TimescaleDB it changes nothing: the tables keep
-- the keys AquaMind's migrations give them without the extension.
--
-- A standalone database built by an earlier aquasql (readings and daily states hypertables,
-- readings keyed (id, reading_time)) is brought to the same keys, indexes and hypertables; its
-- daily states stay a hypertable (TimescaleDB cannot turn one back into a plain table).
DO $$
DECLARE
    ts_schema name;
    community boolean := coalesce(current_setting('timescaledb.license', TRUE), '') = 'timescale';
    t record;
BEGIN
    SELECT n.nspname
    INTO ts_schema
    FROM pg_catalog.pg_extension AS e
    INNER JOIN pg_catalog.pg_namespace AS n ON e.extnamespace = n.oid
    WHERE e.extname = 'timescaledb';
    IF ts_schema IS NULL THEN
        RETURN;
    END IF;

    ALTER TABLE environmental_environmentalreading ALTER COLUMN sensor_id SET NOT NULL;

    FOR t IN
        SELECT *
        FROM (
            VALUES
            -- table, its primary key, time column, chunk interval, create_hypertable's time index
            ('environmental_environmentalreading', 'reading_time, sensor_id', 'reading_time',
                INTERVAL '7 days', TRUE),
            ('environmental_weatherdata', '"timestamp", area_id', 'timestamp', INTERVAL '7 days', TRUE),
            ('batch_liveforwardprojection', 'id, computed_date', 'computed_date', INTERVAL '1 day', TRUE),
            ('finance_core_valuationrun', 'run_id, run_timestamp', 'run_timestamp', INTERVAL '7 days', FALSE)
        ) AS h (table_name, primary_key, time_column, chunk_interval, time_index)
    LOOP
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t.table_name, t.table_name || '_pkey');
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I PRIMARY KEY (%s)',
            t.table_name, t.table_name || '_pkey', t.primary_key);
        EXECUTE format('SELECT %I.create_hypertable($1, $2, chunk_time_interval => $3,'
            ' create_default_indexes => $4, if_not_exists => TRUE)', ts_schema)
        USING t.table_name::regclass, t.time_column::name, t.chunk_interval, t.time_index;
        IF t.time_index THEN
            -- the index create_hypertable makes; named as it names it (an earlier build lacks it)
            EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I (%I DESC)',
                t.table_name || '_' || t.time_column || '_idx', t.table_name, t.time_column);
        END IF;
    END LOOP;

    IF community THEN
        -- AquaMind's compression: segment by, order by, compress after; jobs as its migrations add them
        FOR t IN
            SELECT *
            FROM (
                VALUES
                ('environmental_environmentalreading', 'container_id, parameter_id', NULL, INTERVAL '7 days'),
                ('environmental_weatherdata', 'area_id', NULL, INTERVAL '7 days'),
                ('batch_liveforwardprojection', 'assignment_id', 'projection_date ASC, computed_date DESC',
                    INTERVAL '7 days'),
                ('finance_core_valuationrun', 'operating_unit_id', 'run_timestamp ASC', INTERVAL '30 days')
            ) AS c (table_name, segment_by, order_by, compress_after)
        LOOP
            EXECUTE format('ALTER TABLE %I SET (timescaledb.compress, timescaledb.compress_segmentby = %L%s)',
                t.table_name, t.segment_by,
                CASE WHEN t.order_by IS NOT NULL THEN format(', timescaledb.compress_orderby = %L', t.order_by) END);
            EXECUTE format('SELECT %I.add_compression_policy($1, compress_after => $2, if_not_exists => TRUE)',
                ts_schema)
            USING t.table_name::regclass, t.compress_after;
        END LOOP;
        EXECUTE format('SELECT %I.add_retention_policy($1, drop_after => $2, if_not_exists => TRUE)', ts_schema)
        USING 'batch_liveforwardprojection'::regclass, INTERVAL '90 days';
    END IF;
END
$$;
