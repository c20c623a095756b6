-- Helpers of the pgTAP files, loaded into each test database before they run (scripts/test.sh):
-- a digest of tables' rows, and the assertion many files make, that running a generator again
-- (or batch by batch, or in another order) leaves exactly the rows it found.
CREATE SCHEMA IF NOT EXISTS tap;

-- md5 of each table's rows (their text, in the order of that text): equal digests, equal rows.
CREATE OR REPLACE FUNCTION tap.digest(VARIADIC p_tables regclass[])
RETURNS text
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    t regclass;
    table_digest text;
    result text := '';
BEGIN
    FOREACH t IN ARRAY p_tables LOOP
        EXECUTE format('SELECT count(*) || '':'' || coalesce(md5(string_agg(x::text, '','' ORDER BY x::text)), '''')'
            || ' FROM %s AS x', t)
        INTO table_digest;
        result := result || t::text || '=' || table_digest || ' ';
    END LOOP;
    RETURN result;
END
$$;

-- Run the statements in order, then assert the tables hold the rows they held before.
CREATE OR REPLACE FUNCTION tap.regenerates_identically(p_description text, p_tables regclass[], VARIADIC p_calls text[])
RETURNS text
LANGUAGE plpgsql
AS $$
DECLARE
    before text := tap.digest(VARIADIC p_tables);
    call text;
BEGIN
    FOREACH call IN ARRAY p_calls LOOP
        EXECUTE call;
    END LOOP;
    RETURN is(tap.digest(VARIADIC p_tables), before, p_description);
END
$$;
