-- AquaMind's two time-series tables as TimescaleDB hypertables, when the extension is installed
-- in this database; without it they stay plain tables with the same columns, keys and indexes.
-- create_hypertable is called through EXECUTE so that this file parses without TimescaleDB.
-- create_default_indexes => FALSE: the indexes are AquaMind's own, the same with or without
-- TimescaleDB. The primary keys ((id, reading_time) and (id, date)) already hold the time column,
-- as a hypertable requires.
DO $$
DECLARE
    ts_schema name;
    create_hypertable_sql text;
BEGIN
    SELECT n.nspname
    INTO ts_schema
    FROM pg_catalog.pg_extension AS e
    INNER JOIN pg_catalog.pg_namespace AS n ON e.extnamespace = n.oid
    WHERE e.extname = 'timescaledb';

    IF ts_schema IS NOT NULL THEN
        create_hypertable_sql := 'SELECT ' || quote_ident(ts_schema)
            || '.create_hypertable($1, $2, chunk_time_interval => $3,'
            || ' create_default_indexes => FALSE)';

        EXECUTE create_hypertable_sql
        USING
            'environmental_environmentalreading'::regclass,
            'reading_time'::name,
            INTERVAL '7 days';

        EXECUTE create_hypertable_sql
        USING
            'batch_actualdailyassignmentstate'::regclass,
            'date'::name,
            INTERVAL '14 days';
    END IF;
END
$$;
