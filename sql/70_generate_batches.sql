-- Everything generated per batch: the registry's batch families (aquasql.event_family()) in
-- their order, the lifecycle first, then every event family derived from it. The CLI calls
-- this for one batch at a time from several sessions; DBAs can call it for all batches at
-- once. Feed stock spans batches: see finish_generation.
CREATE OR REPLACE FUNCTION aquasql.generate_batches(
    p_batches bigint[] DEFAULT NULL,
    p_with_individuals boolean DEFAULT FALSE
)
RETURNS TABLE (family text, rows_written bigint)
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    batches bigint[] := aquasql.plan_batches(p_batches);
    f record;
BEGIN
    FOR f IN
        SELECT e.family, e.generator, e.with_individuals
        FROM aquasql.event_family() WITH ORDINALITY AS e
        WHERE e.scope = 'batch'
        ORDER BY e.ordinality
    LOOP
        family := f.family;
        EXECUTE format('SELECT %s($1%s)', f.generator, CASE WHEN f.with_individuals THEN ', $2' ELSE '' END)
        INTO rows_written USING batches, p_with_individuals;
        RETURN NEXT;
    END LOOP;
END
$$;

COMMENT ON FUNCTION aquasql.generate_batches(bigint[], boolean) IS
'Generate the lifecycle and all per-batch event families for the given batches (default: all '
'planned); returns rows written per family.';
