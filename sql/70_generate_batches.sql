-- Everything generated per batch, in dependency order: the lifecycle first, then every event
-- family derived from it. The CLI calls this for one batch at a time from several sessions;
-- DBAs can call it for all batches at once. Feed stock spans batches: see finish_generation.
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
BEGIN
    RETURN QUERY VALUES ('daily states', aquasql.generate_lifecycle(batches));
    RETURN QUERY VALUES ('environmental readings', aquasql.generate_readings(batches));
    RETURN QUERY VALUES ('feeding events', aquasql.generate_feeding(batches));
    RETURN QUERY VALUES ('mortality events', aquasql.generate_mortality_events(batches));
    RETURN QUERY VALUES ('growth samples', aquasql.generate_growth_samples(batches, p_with_individuals));
    RETURN QUERY VALUES ('lice counts', aquasql.generate_lice_counts(batches));
    RETURN QUERY VALUES ('journal entries', aquasql.generate_journal(batches));
    RETURN QUERY VALUES ('harvest rows', aquasql.generate_harvest(batches));
    RETURN QUERY VALUES ('scenario rows', aquasql.generate_scenarios(batches));
END
$$;

COMMENT ON FUNCTION aquasql.generate_batches(bigint[], boolean) IS
'Generate the lifecycle and all per-batch event families for the given batches (default: all '
'planned); returns rows written per family.';
