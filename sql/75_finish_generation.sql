-- Work that spans batches and so runs once, after every batch is generated: the registry's
-- cross-batch families (aquasql.event_family()), then identity sequences past the generated ids.
CREATE OR REPLACE FUNCTION aquasql.finish_generation()
RETURNS TABLE (family text, rows_written bigint)
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    f record;
    t regclass;
BEGIN
    FOR f IN
        SELECT e.family, e.generator
        FROM aquasql.event_family() WITH ORDINALITY AS e
        WHERE e.scope = 'cross-batch'
        ORDER BY e.ordinality
    LOOP
        family := f.family;
        EXECUTE format('SELECT %s()', f.generator) INTO rows_written;
        RETURN NEXT;
    END LOOP;
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
