-- Everything generated per batch, in dependency order: the lifecycle first, then every event
-- family derived from it. The CLI calls this for one batch at a time from several sessions;
-- DBAs can call it for all batches at once.
CREATE OR REPLACE FUNCTION aquasql.generate_batches(
    p_batches bigint[] DEFAULT NULL,
    p_with_individuals boolean DEFAULT FALSE
)
RETURNS TABLE (family text, rows_written bigint)
LANGUAGE plpgsql
AS $$
DECLARE
    batches bigint[] := aquasql.plan_batches(p_batches);
BEGIN
    family := 'daily states';
    rows_written := aquasql.generate_lifecycle(batches);
    RETURN NEXT;
END
$$;

COMMENT ON FUNCTION aquasql.generate_batches(bigint[], boolean) IS
'Generate the lifecycle and all per-batch event families for the given batches (default: all planned); returns rows written per family.';
