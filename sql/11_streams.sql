-- Names of the PRNG streams, so every draw says what it is for and no two uses share a
-- stream by accident. An unknown name fails when the calling query is planned.
CREATE OR REPLACE FUNCTION aquasql.stream(name text)
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE name
        WHEN 'eggs' THEN 1
        WHEN 'tgc_multiplier' THEN 2
        WHEN 'mortality_multiplier' THEN 3
        WHEN 'target_weight' THEN 4
        WHEN 'temperature' THEN 5
        WHEN 'deaths' THEN 6
        WHEN 'transfer_mortality' THEN 7
        WHEN 'feed_noise' THEN 8
        WHEN 'reading' THEN 9
        WHEN 'excursion' THEN 10
        WHEN 'mortality_cause' THEN 11
        WHEN 'disease' THEN 12
        WHEN 'growth_sample' THEN 13
        WHEN 'lice' THEN 14
        WHEN 'harvest' THEN 15
        WHEN 'creation' THEN 16
        WHEN 'transfer' THEN 17
        WHEN 'feed_purchase' THEN 18
        WHEN 'journal' THEN 19
        WHEN 'growth_individual' THEN 20
        WHEN 'lice_type' THEN 21
        WHEN 'feed_cost' THEN 22
        WHEN 'harvest_grade' THEN 23
        WHEN 'scenario' THEN 24
        WHEN 'reading_noise' THEN 25
        WHEN 'oxygen' THEN 26
        WHEN 'water_quality' THEN 27
        WHEN 'sensor' THEN 28
        WHEN 'treatment' THEN 29
        ELSE ('unknown PRNG stream: ' || name)::integer
    END
$$;

COMMENT ON FUNCTION aquasql.stream(text) IS
'The PRNG stream number for a named use of randomness (see the CASE list).';
