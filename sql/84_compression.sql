-- TimescaleDB compression of the history, as the compression policies leave it. On the
-- community edition, AquaMind's migrations give its hypertables compression policies (readings
-- and weather compressed after 7 days, ...); a policy's next run may be hours away, and a load
-- writes years at once. So after a load the chunks the policies would compress are compressed
-- right away, and before a load the compressed chunks of the tables aquasql writes are
-- decompressed (a load into compressed chunks would check every key against compressed data).
-- Without TimescaleDB, or without compression policies (the Apache build), these do nothing.

-- The chunks a compression policy would compress now: wholly older than now() less the policy's
-- compress_after, not compressed yet. The policy's own rule, so the history ends as AquaMind's
-- policies leave theirs (now(), not the run date: a policy knows no run date).
CREATE OR REPLACE FUNCTION aquasql.chunks_to_compress()
RETURNS TABLE (chunk regclass, hypertable regclass, range_end timestamptz)
LANGUAGE plpgsql STABLE
AS $$
BEGIN
    IF to_regclass('timescaledb_information.jobs') IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE
        'SELECT format(''%I.%I'', c.chunk_schema, c.chunk_name)::regclass,'
        '       format(''%I.%I'', c.hypertable_schema, c.hypertable_name)::regclass, c.range_end'
        ' FROM timescaledb_information.jobs AS j'
        ' INNER JOIN timescaledb_information.chunks AS c'
        '   ON c.hypertable_schema = j.hypertable_schema AND c.hypertable_name = j.hypertable_name'
        ' WHERE j.proc_name = ''policy_compression'' AND NOT c.is_compressed'
        '   AND c.range_end <= now() - (j.config ->> ''compress_after'')::interval'
        ' ORDER BY c.range_end, 1';
END
$$;

-- Compress one chunk (the CLI compresses several at once from parallel sessions).
CREATE OR REPLACE FUNCTION aquasql.compress_history_chunk(p_chunk regclass)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format('SELECT %I.compress_chunk($1, if_not_compressed => TRUE)', aquasql.timescaledb_schema())
    USING p_chunk;
END
$$;

-- Every chunk the policies would compress, in this transaction (aquasql.seed()); returns how many.
CREATE OR REPLACE FUNCTION aquasql.compress_history()
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    c record;
    compressed integer := 0;
BEGIN
    FOR c IN SELECT * FROM aquasql.chunks_to_compress() LOOP
        PERFORM aquasql.compress_history_chunk(c.chunk);
        compressed := compressed + 1;
    END LOOP;
    RETURN compressed;
END
$$;

-- Decompress the compressed chunks of the tables aquasql writes, before a load; returns how many.
CREATE OR REPLACE FUNCTION aquasql.decompress_generated_tables()
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    c record;
    decompressed integer := 0;
BEGIN
    IF to_regclass('timescaledb_information.chunks') IS NULL THEN
        RETURN 0;
    END IF;
    FOR c IN EXECUTE
        'SELECT format(''%I.%I'', c.chunk_schema, c.chunk_name)::regclass AS chunk'
        ' FROM timescaledb_information.chunks AS c'
        ' WHERE c.is_compressed AND c.hypertable_schema = ''public'''
        '   AND c.hypertable_name IN (SELECT g.table_name FROM aquasql.generated_table() AS g)'
        ' ORDER BY 1'
    LOOP
        EXECUTE format('SELECT %I.decompress_chunk($1, if_compressed => TRUE)', aquasql.timescaledb_schema())
        USING c.chunk;
        decompressed := decompressed + 1;
    END LOOP;
    RETURN decompressed;
END
$$;

COMMENT ON FUNCTION aquasql.chunks_to_compress() IS
'The chunks the compression policies would compress now (older than now() less compress_after, not compressed).';
COMMENT ON FUNCTION aquasql.compress_history_chunk(regclass) IS 'Compress one chunk (if not compressed yet).';
COMMENT ON FUNCTION aquasql.compress_history() IS
'Compress every chunk the compression policies would compress now; returns how many.';
COMMENT ON FUNCTION aquasql.decompress_generated_tables() IS
'Decompress the compressed chunks of the tables aquasql writes (before a load); returns how many.';
