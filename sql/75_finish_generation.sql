-- Work that spans batches and so runs once, after every batch is generated: identity
-- sequences past the plan-derived ids, and fresh planner statistics.
CREATE OR REPLACE FUNCTION aquasql.finish_generation()
RETURNS TABLE (family text, rows_written bigint)
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    t regclass;
BEGIN
    RETURN QUERY VALUES ('feed purchases and lots', aquasql.generate_feed_inventory());
    FOR t IN
        SELECT c.oid::regclass
        FROM pg_class AS c
        INNER JOIN pg_attribute AS a ON c.oid = a.attrelid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
            AND a.attname = 'id' AND a.attidentity <> ''
        ORDER BY c.relname
    LOOP
        PERFORM aquasql.sync_identity(t);
    END LOOP;
END
$$;

COMMENT ON FUNCTION aquasql.finish_generation() IS
'Once all batches are generated: the feed stock (purchases, FIFO lots, feeding costs) and '
'identity sequences past the generated ids.';
