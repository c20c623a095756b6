-- Growth-analysis rollups: daily temperature per container (AquaMind's env_daily_temp_by_container,
-- same columns as its scripts/timescaledb/setup_temperature_cagg.sql), daily feed and deaths per
-- assignment, and weekly growth per batch.
--
-- Each is a TimescaleDB continuous aggregate where the server's edition has them
-- (SHOW timescaledb.license = 'timescale') and its source is a hypertable, else a materialized
-- view with the same name and columns (also, unless asked otherwise, in an AquaMind database: a
-- continuous aggregate puts an invalidation trigger on its source table in public). The
-- edition is a property of the server the data lands on, not of the options a script was
-- rendered with, so the choice is made here at build time
-- and the definitions below are shared by both kinds; only the bucket expression differs
-- (time_bucket for a continuous aggregate, date_trunc or the date itself otherwise, which give
-- the same buckets: UTC days, and weeks starting on Monday, time_bucket's default origin).
--
-- They live in schema aquasql, not public: public is AquaMind's schema exactly (AquaMind's own
-- migrations do not create env_daily_temp_by_container, only a manual script does), and an
-- AquaMind database keeps its public schema as it was.

-- The rollups: name, source table, time column, bucket width, the query (%1$s: the bucket
-- expression, %2$L: the temperature parameters' ids), its unique key, refresh policy offsets.
CREATE OR REPLACE FUNCTION aquasql.rollup_definitions()
RETURNS TABLE (
    rollup_name text,
    source_table text,
    time_column text,
    bucket_width interval,
    query text,
    unique_key text,
    start_offset interval,
    end_offset interval,
    schedule_interval interval,
    description text
)
LANGUAGE sql IMMUTABLE
AS $$
    VALUES
    (
        'env_daily_temp_by_container',
        'public.environmental_environmentalreading',
        'reading_time',
        INTERVAL '1 day',
        'SELECT r.container_id, %1$s AS bucket, avg(r.value) AS avg_temp_c, min(r.value) AS min_temp_c,'
        ' max(r.value) AS max_temp_c, count(*) AS reading_count'
        ' FROM public.environmental_environmentalreading AS r'
        ' WHERE r.parameter_id = ANY(%2$L::bigint[])'
        ' GROUP BY r.container_id, %1$s',
        'container_id, bucket',
        -- AquaMind's policy: the last 7 days up to an hour ago, every hour
        INTERVAL '7 days',
        INTERVAL '1 hour',
        INTERVAL '1 hour',
        'Temperature readings per container and UTC day: mean, minimum, maximum and count '
        '(AquaMind''s env_daily_temp_by_container; the temperature parameter matched case-insensitively).'
    ),
    (
        'assignment_daily_feed_mortality',
        'public.batch_actualdailyassignmentstate',
        'date',
        INTERVAL '1 day',
        'SELECT s.assignment_id, s.batch_id, s.container_id, %1$s AS bucket, sum(s.feed_kg) AS feed_kg,'
        ' sum(s.mortality_count) AS mortality_count, max(s.population) AS population,'
        ' max(s.biomass_kg) AS biomass_kg'
        ' FROM public.batch_actualdailyassignmentstate AS s'
        ' GROUP BY s.assignment_id, s.batch_id, s.container_id, %1$s',
        'assignment_id, bucket',
        INTERVAL '7 days',
        INTERVAL '1 day',
        INTERVAL '1 hour',
        'Feed (kg) and deaths per container assignment and day, with the day''s population and biomass; '
        'from the daily states, whose feed and deaths are the feeding and mortality events'' sums.'
    ),
    (
        'batch_weekly_growth',
        'public.batch_actualdailyassignmentstate',
        'date',
        INTERVAL '7 days',
        -- days: the batch holds fish on every day between its first and last of the week
        'SELECT s.batch_id, %1$s AS bucket, max(s.date) - min(s.date) + 1 AS days,'
        ' round(sum(s.population)::numeric / (max(s.date) - min(s.date) + 1), 0) AS avg_population,'
        ' round(sum(s.biomass_kg) / (max(s.date) - min(s.date) + 1), 2) AS avg_biomass_kg,'
        ' round(sum(s.biomass_kg) * 1000 / nullif(sum(s.population), 0), 2) AS avg_weight_g,'
        ' sum(s.feed_kg) AS feed_kg, sum(s.mortality_count) AS mortality_count,'
        ' round(sum(s.feed_kg / nullif(s.observed_fcr, 0)), 2) AS growth_kg,'
        ' round(sum(CASE WHEN s.observed_fcr > 0 THEN s.feed_kg END)'
        ' / nullif(sum(s.feed_kg / nullif(s.observed_fcr, 0)), 0), 3) AS fcr'
        ' FROM public.batch_actualdailyassignmentstate AS s'
        ' GROUP BY s.batch_id, %1$s',
        'batch_id, bucket',
        INTERVAL '35 days',
        INTERVAL '7 days',
        INTERVAL '1 day',
        'Per batch and week (Monday to Sunday): days with fish, mean daily population and biomass, '
        'biomass-weighted mean weight, feed, deaths, biomass gain (feed over the daily observed FCR) '
        'and the week''s FCR (feed over that gain).'
    )
$$;

-- The schema TimescaleDB is installed in, or NULL without it.
CREATE OR REPLACE FUNCTION aquasql.timescaledb_schema()
RETURNS name
LANGUAGE sql STABLE
AS $$
    SELECT n.nspname
    FROM pg_catalog.pg_extension AS e
    INNER JOIN pg_catalog.pg_namespace AS n ON e.extnamespace = n.oid
    WHERE e.extname = 'timescaledb'
$$;

-- Whether this server and database can hold a continuous aggregate over p_source: TimescaleDB
-- installed here, its community ('timescale') edition, and the source a hypertable.
CREATE OR REPLACE FUNCTION aquasql.continuous_aggregates_possible(p_source regclass)
RETURNS boolean
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    is_hypertable boolean;
BEGIN
    IF aquasql.timescaledb_schema() IS NULL
        OR coalesce(current_setting('timescaledb.license', TRUE), '') <> 'timescale' THEN
        RETURN FALSE;
    END IF;
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM timescaledb_information.hypertables AS h'
        || ' WHERE format(''%I.%I'', h.hypertable_schema, h.hypertable_name)::regclass = $1)'
    INTO is_hypertable
    USING p_source;
    RETURN is_hypertable;
END
$$;

-- What each rollup is in this database now: 'continuous aggregate', 'materialized view' or NULL.
CREATE OR REPLACE FUNCTION aquasql.rollup_kind(p_name text)
RETURNS text
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    rel regclass := to_regclass(format('aquasql.%I', p_name));
    is_cagg boolean := FALSE;
BEGIN
    IF rel IS NULL THEN
        RETURN NULL;
    END IF;
    IF (SELECT c.relkind FROM pg_class AS c WHERE c.oid = rel) = 'm' THEN
        RETURN 'materialized view';
    END IF;
    IF to_regclass('timescaledb_information.continuous_aggregates') IS NOT NULL THEN
        EXECUTE 'SELECT EXISTS (SELECT 1 FROM timescaledb_information.continuous_aggregates AS a'
            || ' WHERE a.view_schema = ''aquasql'' AND a.view_name = $1)'
        INTO is_cagg
        USING p_name;
    END IF;
    RETURN CASE WHEN is_cagg THEN 'continuous aggregate' END;
END
$$;

-- (Re)create every rollup from the data now in the tables. p_kind: 'auto' (a continuous
-- aggregate where possible), 'materialized view', or 'continuous aggregate' (refused where
-- impossible). A materialized view is filled at once. A continuous aggregate is created WITH NO
-- DATA (filling it takes transactions of its own, impossible inside a function) and real-time
-- (timescaledb.materialized_only = false), so it shows every row at once, computed from the
-- source until it is materialized; its materialization and then its refresh policy follow
-- (schedule_rollup_materialization, below).
CREATE OR REPLACE FUNCTION aquasql.build_rollups(p_kind text DEFAULT 'auto')
RETURNS TABLE (rollup text, kind text, row_count bigint)
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    d record;
    ts_schema name := aquasql.timescaledb_schema();
    temperature_ids bigint[];
    bucket text;
    on_aquamind boolean := EXISTS (SELECT 1 FROM aquasql.target AS t WHERE t.kind = 'aquamind');
BEGIN
    IF p_kind NOT IN ('auto', 'materialized view', 'continuous aggregate') THEN
        RAISE EXCEPTION 'unknown rollup kind "%"', p_kind USING
            ERRCODE = 'invalid_parameter_value',
            HINT = 'use auto, materialized view or continuous aggregate';
    END IF;
    -- AquaMind's script matches name = 'temperature'; aquasql's master data says 'Temperature'
    SELECT coalesce(array_agg(p.id ORDER BY p.id), '{}')
    INTO temperature_ids
    FROM environmental_environmentalparameter AS p
    WHERE lower(p.name) = 'temperature';

    FOR d IN SELECT * FROM aquasql.rollup_definitions() ORDER BY 1 LOOP
        rollup := d.rollup_name;
        kind := CASE
            WHEN p_kind = 'materialized view' THEN p_kind
            -- a continuous aggregate adds an invalidation trigger to its source table: not by
            -- default in an AquaMind database, whose public schema aquasql leaves as it is
            WHEN p_kind = 'auto' AND on_aquamind THEN 'materialized view'
            WHEN aquasql.continuous_aggregates_possible(d.source_table::regclass) THEN 'continuous aggregate'
            WHEN p_kind = 'continuous aggregate' THEN NULL
            ELSE 'materialized view'
        END;
        IF kind IS NULL THEN
            RAISE EXCEPTION 'rollup %: no continuous aggregate possible here', d.rollup_name USING
                ERRCODE = 'feature_not_supported',
                HINT = format('continuous aggregates need TimescaleDB''s community edition (timescaledb.license '
                    '= timescale, here %s) and %s as a hypertable',
                    coalesce(current_setting('timescaledb.license', TRUE), 'no TimescaleDB'), d.source_table);
        END IF;
        IF aquasql.rollup_kind(d.rollup_name) IS NOT NULL THEN
            EXECUTE format('DROP MATERIALIZED VIEW aquasql.%I', d.rollup_name);
        END IF;
        IF kind = 'continuous aggregate' THEN
            bucket := format('%I.time_bucket(%L::interval, %I)', ts_schema, d.bucket_width, d.time_column);
            EXECUTE format(
                'CREATE MATERIALIZED VIEW aquasql.%I WITH (timescaledb.continuous, '
                'timescaledb.materialized_only = false) AS %s WITH NO DATA',
                d.rollup_name, format(d.query, bucket, temperature_ids)
            );
            EXECUTE format('COMMENT ON VIEW aquasql.%I IS %L', d.rollup_name,
                d.description || ' TimescaleDB continuous aggregate, real-time, with a refresh policy.');
        ELSE
            bucket := CASE
                WHEN d.bucket_width = INTERVAL '1 day' AND d.time_column = 'date' THEN format('%I', d.time_column)
                WHEN d.bucket_width = INTERVAL '1 day' THEN format('date_trunc(''day'', %I, ''UTC'')', d.time_column)
                WHEN d.bucket_width = INTERVAL '7 days' AND d.time_column = 'date'
                    THEN format('date_trunc(''week'', %I::timestamp)::date', d.time_column)
            END;
            EXECUTE format('CREATE MATERIALIZED VIEW aquasql.%I AS %s WITH DATA',
                d.rollup_name, format(d.query, bucket, temperature_ids));
            EXECUTE format('CREATE UNIQUE INDEX ON aquasql.%I (%s)', d.rollup_name, d.unique_key);
            EXECUTE format('COMMENT ON MATERIALIZED VIEW aquasql.%I IS %L', d.rollup_name,
                d.description || ' Materialized view: aquasql refresh (aquasql.refresh_rollups()) brings it up to date.');
        END IF;
        EXECUTE format('SELECT count(*) FROM aquasql.%I', d.rollup_name) INTO row_count;
        RETURN NEXT;
    END LOOP;
    PERFORM aquasql.schedule_rollup_materialization();
END
$$;

-- The continuous aggregates among the rollups, by name.
CREATE OR REPLACE FUNCTION aquasql.continuous_rollups()
RETURNS SETOF text
LANGUAGE sql STABLE
AS $$
    SELECT r.rollup_name
    FROM aquasql.rollup_definitions() AS r
    WHERE aquasql.rollup_kind(r.rollup_name) = 'continuous aggregate'
    ORDER BY 1
$$;

-- A new continuous aggregate is empty, and its refresh policy must not run before it is
-- materialized over the whole history: a policy's first run materializes only its recent window
-- and moves the aggregate's watermark past the rest, which the real-time view then hides (and
-- since TimescaleDB 2.27 a policy run beside another refresh of the same aggregate fails). So the
-- policies are added only once a full refresh has run: by the caller that does that refresh
-- itself (the CLI sets aquasql.materialize_rollups = 'caller'), else by a one-time background
-- job (aquasql.materialize_rollups_job), since a full refresh cannot run inside a transaction.
-- Until then the aggregates are real-time over the whole history, so they show every row.
CREATE OR REPLACE FUNCTION aquasql.schedule_rollup_materialization()
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    ts_schema name := aquasql.timescaledb_schema();
    job_id integer;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM aquasql.continuous_rollups()) THEN
        RETURN NULL;
    END IF;
    -- one job at a time: an earlier one not run yet would only refresh the same aggregates
    PERFORM aquasql.delete_rollup_job();
    IF current_setting('aquasql.materialize_rollups', TRUE) = 'caller' THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT %I.add_job(%L::regproc, INTERVAL ''10 minutes'', initial_start => now())',
        ts_schema, 'aquasql.materialize_rollups_job')
    INTO job_id;
    RETURN job_id;
END
$$;

-- Remove a materialization job not run yet (its aggregates are rebuilt or gone).
CREATE OR REPLACE FUNCTION aquasql.delete_rollup_job()
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    deleted integer := 0;
BEGIN
    IF to_regclass('timescaledb_information.jobs') IS NOT NULL THEN
        EXECUTE format('SELECT count(%1$I.delete_job(j.job_id)) FROM timescaledb_information.jobs AS j'
            ' WHERE j.proc_schema = %2$L AND j.proc_name = %3$L',
            aquasql.timescaledb_schema(), 'aquasql', 'materialize_rollups_job')
        INTO deleted;
    END IF;
    RETURN deleted;
END
$$;

-- Each continuous aggregate's refresh policy (rollup_definitions), once it is materialized.
CREATE OR REPLACE FUNCTION aquasql.add_rollup_policies()
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    d record;
    ts_schema name := aquasql.timescaledb_schema();
    added integer := 0;
BEGIN
    FOR d IN
        SELECT r.*
        FROM aquasql.rollup_definitions() AS r
        WHERE r.rollup_name IN (SELECT aquasql.continuous_rollups())
        ORDER BY 1
    LOOP
        EXECUTE format(
            'SELECT %I.add_continuous_aggregate_policy($1, start_offset => $2, end_offset => $3, '
            'schedule_interval => $4, if_not_exists => TRUE)', ts_schema
        ) USING format('aquasql.%I', d.rollup_name)::regclass, d.start_offset, d.end_offset, d.schedule_interval;
        added := added + 1;
    END LOOP;
    RETURN added;
END
$$;

-- The one-time background job: every continuous aggregate refreshed over all its data, each in a
-- transaction of its own, then the refresh policies added and the job removed. Should a refresh
-- fail, the job runs again at its next schedule (the aggregates stay right meanwhile: real-time).
CREATE OR REPLACE PROCEDURE aquasql.materialize_rollups_job(job_id integer, config jsonb)
LANGUAGE plpgsql
AS $$
DECLARE
    rollup_name text;
BEGIN
    FOR rollup_name IN SELECT aquasql.continuous_rollups() LOOP
        COMMIT;
        -- a CALL statement, not EXECUTE: the refresh needs this procedure's non-atomic context
        PERFORM set_config('search_path', format('%I, pg_catalog', aquasql.timescaledb_schema()), TRUE);
        CALL refresh_continuous_aggregate(format('aquasql.%I', rollup_name)::regclass, NULL, NULL);
    END LOOP;
    COMMIT;
    PERFORM aquasql.add_rollup_policies();
    EXECUTE format('SELECT %I.delete_job($1)', aquasql.timescaledb_schema()) USING job_id;
END
$$;

-- Bring the rollups up to date: materialized views are refreshed; continuous aggregates are
-- real-time already and refreshed by their policies (a full refresh, CALL
-- refresh_continuous_aggregate('aquasql.NAME', NULL, NULL), must run outside a transaction:
-- `aquasql refresh` does it). Rollups not built yet are built.
--
-- After rows are removed (wipe), rebuild_rollups() builds them again in the kinds they have: a
-- continuous aggregate keeps its materialized rows until a refresh reaches them, and a new one
-- shows the tables as they are at once.
CREATE OR REPLACE FUNCTION aquasql.refresh_rollups()
RETURNS TABLE (rollup text, kind text, row_count bigint)
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    d record;
BEGIN
    IF EXISTS (SELECT 1 FROM aquasql.rollup_definitions() AS r WHERE aquasql.rollup_kind(r.rollup_name) IS NULL) THEN
        RETURN QUERY SELECT * FROM aquasql.build_rollups();
        RETURN;
    END IF;
    FOR d IN SELECT r.rollup_name FROM aquasql.rollup_definitions() AS r ORDER BY 1 LOOP
        rollup := d.rollup_name;
        kind := aquasql.rollup_kind(d.rollup_name);
        IF kind = 'materialized view' THEN
            EXECUTE format('REFRESH MATERIALIZED VIEW aquasql.%I', d.rollup_name);
        END IF;
        EXECUTE format('SELECT count(*) FROM aquasql.%I', d.rollup_name) INTO row_count;
        RETURN NEXT;
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION aquasql.rebuild_rollups()
RETURNS TABLE (rollup text, kind text, row_count bigint)
LANGUAGE plpgsql
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM aquasql.rollup_definitions() AS r WHERE aquasql.rollup_kind(r.rollup_name) IS NOT NULL) THEN
        RETURN;  -- none built yet: the next load builds them
    END IF;
    RETURN QUERY SELECT * FROM aquasql.build_rollups(
        CASE WHEN EXISTS (SELECT 1 FROM aquasql.continuous_rollups()) THEN 'auto' ELSE 'materialized view' END
    );
END
$$;

-- Drop the rollups (before AquaMind's own migrations alter or recreate their source tables,
-- which a view depending on them would block); the next load or refresh builds them again.
CREATE OR REPLACE FUNCTION aquasql.drop_rollups()
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    d record;
    dropped integer := 0;
BEGIN
    FOR d IN SELECT r.rollup_name FROM aquasql.rollup_definitions() AS r ORDER BY 1 LOOP
        IF aquasql.rollup_kind(d.rollup_name) IS NOT NULL THEN
            EXECUTE format('DROP MATERIALIZED VIEW aquasql.%I', d.rollup_name);
            dropped := dropped + 1;
        END IF;
    END LOOP;
    PERFORM aquasql.delete_rollup_job();
    RETURN dropped;
END
$$;

COMMENT ON FUNCTION aquasql.rollup_definitions() IS
'The growth-analysis rollups: name, source, bucket, query, key and refresh policy.';
COMMENT ON FUNCTION aquasql.build_rollups(text) IS
'(Re)create the rollups in schema aquasql: continuous aggregates where TimescaleDB''s community edition '
'allows them, materialized views otherwise; returns each rollup, its kind and rows.';
COMMENT ON FUNCTION aquasql.refresh_rollups() IS
'Refresh the materialized-view rollups (building missing ones); continuous aggregates are real-time.';
COMMENT ON FUNCTION aquasql.continuous_rollups() IS 'The rollups that are continuous aggregates here.';
COMMENT ON FUNCTION aquasql.schedule_rollup_materialization() IS
'Have a background job materialize the continuous aggregates over all their data, then add their '
'refresh policies (unless aquasql.materialize_rollups = caller: the caller does both); returns the job.';
COMMENT ON FUNCTION aquasql.delete_rollup_job() IS 'Remove the rollups'' materialization job if one waits.';
COMMENT ON FUNCTION aquasql.add_rollup_policies() IS
'Add each continuous aggregate''s refresh policy (once it is materialized); returns how many.';
COMMENT ON PROCEDURE aquasql.materialize_rollups_job(integer, jsonb) IS  -- noqa: LT01
'One-time TimescaleDB job: refresh every continuous aggregate over all its data, add the policies, remove itself.';
COMMENT ON FUNCTION aquasql.rebuild_rollups() IS
'Build the existing rollups again in the kinds they have (after rows were removed); none built: nothing.';
COMMENT ON FUNCTION aquasql.drop_rollups() IS
'Drop the rollups (e.g. before AquaMind''s migrations change their source tables); returns how many.';
