-- status: what this database holds. Rows per table of the public schema, counted exactly for
-- tables below p_exact_below bytes and estimated above (pg_class.reltuples, or the live rows of
-- pg_stat_all_tables where never analysed, summed over a hypertable's chunks or a table's
-- partitions); size on disk with indexes and TOAST; the number of chunks (or partitions).
CREATE OR REPLACE FUNCTION aquasql.table_stats(p_exact_below bigint DEFAULT 64 * 1024 * 1024)
RETURNS TABLE (
    table_name text, kind text, row_count bigint, exact boolean, total_bytes bigint, chunks integer
)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    t record;
    hypertables text[] := '{}';
BEGIN
    IF to_regclass('timescaledb_information.hypertables') IS NOT NULL THEN
        EXECUTE 'SELECT coalesce(array_agg(format(''%I.%I'', hypertable_schema, hypertable_name)::regclass::text),
            ''{}'') FROM timescaledb_information.hypertables' INTO hypertables;
    END IF;
    FOR t IN
        SELECT
            r.oid,
            r.oid::regclass::text AS name,
            r.relkind,
            -- the table itself and its chunks or partitions (one level: TimescaleDB's and declarative)
            (SELECT count(*) FROM pg_inherits AS i WHERE i.inhparent = r.oid)::integer AS children,
            -- planner statistics, or the statistics collector's live rows where never analysed
            (
                SELECT sum(greatest(c.reltuples, coalesce(st.n_live_tup, 0), 0))
                FROM pg_class AS c
                LEFT JOIN pg_stat_all_tables AS st ON c.oid = st.relid
                WHERE c.oid = r.oid OR c.oid IN (SELECT i.inhrelid FROM pg_inherits AS i WHERE i.inhparent = r.oid)
            ) AS estimate,
            pg_total_relation_size(r.oid) + coalesce((
                SELECT sum(pg_total_relation_size(i.inhrelid)) FROM pg_inherits AS i WHERE i.inhparent = r.oid
            ), 0)::bigint AS bytes
        FROM pg_class AS r
        WHERE r.relnamespace = 'public'::regnamespace AND r.relkind IN ('r', 'p') AND NOT r.relispartition
        ORDER BY 2
    LOOP
        table_name := t.name;
        kind := CASE
            WHEN t.name = ANY(hypertables) THEN 'hypertable'
            WHEN t.relkind = 'p' THEN 'partitioned'
            ELSE 'table'
        END;
        total_bytes := t.bytes;
        chunks := CASE WHEN t.children > 0 OR kind <> 'table' THEN t.children END;
        exact := t.bytes < p_exact_below;
        IF exact THEN
            EXECUTE format('SELECT count(*) FROM %s', t.oid::regclass) INTO row_count;
        ELSE
            row_count := t.estimate::bigint;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$$;

COMMENT ON FUNCTION aquasql.table_stats(bigint) IS
'Rows (exact below p_exact_below bytes, else estimated from pg_class.reltuples), size on disk and '
'chunks of every table of the public schema.';
