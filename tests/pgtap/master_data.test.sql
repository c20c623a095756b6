-- one mode: writes no hypertable (readings are the only one aquasql writes)
-- Master data (sql/26_master_data.sql, shared/domain.md section 4): exact rows, determinism,
-- idempotence (a second call changes nothing: row counts and md5 of the ordered rows of every
-- table it writes), the rows that follow the geographies (added by a later call), and the
-- feed-by-weight bands. Runs on a database with the schema and functions loaded, no data.
BEGIN;

SELECT plan(79);

-- Row count and md5 of the ordered rows (tap.digest) of every table generate_master_data writes.
CREATE FUNCTION pg_temp.master_digest()
RETURNS TABLE (tbl text, digest text)
LANGUAGE sql
AS $$
    SELECT t, tap.digest(t::regclass)
    FROM unnest(ARRAY[
        'batch_species', 'batch_lifecyclestage', 'inventory_feed', 'environmental_environmentalparameter',
        'health_licetype', 'health_mortalityreason', 'harvest_productgrade', 'broodstock_eggsupplier',
        'auth_user', 'finance_dimcompany', 'finance_dimsite', 'scenario_temperatureprofile',
        'scenario_temperaturereading', 'scenario_tgcmodel', 'scenario_fcrmodel', 'scenario_fcrmodelstage',
        'scenario_mortalitymodel'
    ]) AS t
$$;

-- Functions (5)
SELECT has_function('aquasql', 'generate_master_data', ARRAY['timestamp with time zone']);
SELECT has_function('aquasql', 'feed_for_weight', ARRAY['double precision']);
SELECT has_function('aquasql', 'feed_bands', ARRAY[]::text[]);
SELECT has_function('aquasql', 'feed_catalog', ARRAY[]::text[]);
SELECT is_empty(
    $$
        SELECT p.oid::regprocedure FROM pg_catalog.pg_proc AS p
        WHERE p.pronamespace = 'aquasql'::regnamespace
            AND p.proname IN ('generate_master_data', 'feed_for_weight', 'feed_bands', 'feed_catalog')
            AND obj_description(p.oid, 'pg_proc') IS NULL
    $$,
    'every master-data function has a comment'
);

-- First call, before any infrastructure exists (1)
SELECT lives_ok('SELECT aquasql.generate_master_data()', 'generate_master_data() runs on an empty database');

-- Species and stages (4)
SELECT results_eq(
    $$ SELECT name::text, scientific_name::text FROM batch_species $$,
    $$ VALUES ('Atlantic Salmon', 'Salmo salar') $$,
    'one species: Atlantic Salmon (Salmo salar)'
);
SELECT results_eq(
    $$
        SELECT l.name::text, l."order"::integer, l.expected_weight_min_g, l.expected_weight_max_g,
            l.typical_duration_days
        FROM batch_lifecyclestage AS l
        INNER JOIN batch_species AS s ON l.species_id = s.id AND s.name = 'Atlantic Salmon'
        ORDER BY l."order"
    $$,
    $$
        VALUES
        ('Egg&Alevin', 1, 0.05::numeric, 0.50::numeric, 90),
        ('Fry', 2, 0.50, 6.00, 90),
        ('Parr', 3, 6.00, 60.00, 90),
        ('Smolt', 4, 60.00, 180.00, 90),
        ('Post-Smolt', 5, 180.00, 500.00, 90),
        ('Adult', 6, 500.00, 7000.00, 450)
    $$,
    'six stages in order with their expected weights and typical durations'
);
SELECT is_empty(
    $$
        SELECT name FROM batch_lifecyclestage
        WHERE expected_length_min_cm IS NULL OR expected_length_max_cm IS NULL
            OR expected_length_min_cm <= 0 OR expected_length_min_cm >= expected_length_max_cm
            OR description = ''
    $$,
    'every stage has a description and an expected length range'
);
SELECT ok(
    (
        SELECT bool_and(expected_length_max_cm BETWEEN 70 AND 95) FROM batch_lifecyclestage
        WHERE name = 'Adult'
    ),
    'a 7 kg adult is 70-95 cm long'
);

-- Feeds and the weight bands (10)
SELECT results_eq(
    $$
        SELECT name::text, brand <> '', size_category::text, pellet_size_mm::text, protein_percentage::text,
            fat_percentage::text, carbohydrate_percentage::text, is_active
        FROM inventory_feed ORDER BY id
    $$,
    $$
        VALUES
        ('Starter Feed 0.5mm', TRUE, 'MICRO', '0.50', '50.00', '18.00', '20.00', TRUE),
        ('Starter Feed 1.0mm', TRUE, 'SMALL', '1.00', '48.00', '18.00', '22.00', TRUE),
        ('Grower Feed 2.0mm', TRUE, 'MEDIUM', '2.00', '45.00', '20.00', '23.00', TRUE),
        ('Grower Feed 3.0mm', TRUE, 'MEDIUM', '3.00', '43.00', '22.00', '23.00', TRUE),
        ('Finisher Feed 4.5mm', TRUE, 'LARGE', '4.50', '40.00', '24.00', '24.00', TRUE),
        ('Finisher Feed 6.0mm', TRUE, 'LARGE', '6.00', '38.00', '26.00', '24.00', TRUE)
    $$,
    'six feeds with exact names, size category, pellet size and protein/fat/carbohydrate'
);
SELECT is(
    (SELECT count(*) FROM aquasql.feed_bands() AS b INNER JOIN inventory_feed AS f ON b.feed_id = f.id), 6::bigint,
    'feed_bands() names the six generated feeds'
);
SELECT is(
    (
        SELECT pellet_size_mm FROM inventory_feed
        WHERE id = aquasql.feed_for_weight(0.9)
    ), 0.50,
    'feed_for_weight(0.9 g) is the 0.5mm feed'
);
SELECT is(
    (
        SELECT pellet_size_mm FROM inventory_feed
        WHERE id = aquasql.feed_for_weight(1)
    ), 1.00,
    'feed_for_weight(1 g) is the 1.0mm feed'
);
SELECT is(
    (
        SELECT pellet_size_mm FROM inventory_feed
        WHERE id = aquasql.feed_for_weight(5)
    ), 2.00,
    'feed_for_weight(5 g) is the 2.0mm feed'
);
SELECT is(
    (
        SELECT pellet_size_mm FROM inventory_feed
        WHERE id = aquasql.feed_for_weight(30)
    ), 3.00,
    'feed_for_weight(30 g) is the 3.0mm feed'
);
SELECT is(
    (
        SELECT pellet_size_mm FROM inventory_feed
        WHERE id = aquasql.feed_for_weight(150)
    ), 4.50,
    'feed_for_weight(150 g) is the 4.5mm feed'
);
SELECT is(
    (
        SELECT pellet_size_mm FROM inventory_feed
        WHERE id = aquasql.feed_for_weight(1500.1)
    ), 6.00,
    'feed_for_weight(1500.1 g) is the 6.0mm feed'
);
SELECT results_eq(
    $$
        SELECT (SELECT pellet_size_mm::text FROM inventory_feed WHERE id = aquasql.feed_for_weight(w))
        FROM unnest(ARRAY[0, 0.999, 4.999, 29.999, 149.999, 1499.999, 7000]::double precision[]) AS w
    $$,
    $$ VALUES ('0.50'), ('0.50'), ('1.00'), ('2.00'), ('3.00'), ('4.50'), ('6.00') $$,
    'feed_for_weight just below each band edge, at 0 g and at 7 kg'
);
SELECT ok(
    aquasql.feed_for_weight(-1) IS NULL AND aquasql.feed_for_weight(NULL) IS NULL,
    'feed_for_weight is NULL for a negative or NULL weight'
);

-- Environmental parameters (3)
SELECT results_eq(
    $$ SELECT name::text, unit::text FROM environmental_environmentalparameter ORDER BY id $$,
    $$
        VALUES
        ('Temperature', '°C'), ('Dissolved Oxygen', '% saturation'), ('pH', 'pH'), ('CO2', 'mg/L'),
        ('NO2', 'mg/L'), ('NO3', 'mg/L'), ('NH4', 'mg/L'), ('Salinity', 'psu')
    $$,
    'eight environmental parameters with their units'
);
SELECT is_empty(
    $$
        SELECT name FROM environmental_environmentalparameter
        WHERE min_value IS NULL OR max_value IS NULL OR optimal_min IS NULL OR optimal_max IS NULL
            OR NOT (min_value <= optimal_min AND optimal_min < optimal_max AND optimal_max <= max_value)
            OR description = ''
    $$,
    'every parameter has min <= optimal_min < optimal_max <= max and a description'
);
SELECT is_empty(
    $$
        SELECT s.parameter_name FROM aquasql.sensor_parameters() AS s
        WHERE NOT EXISTS (SELECT 1 FROM environmental_environmentalparameter AS e WHERE e.name = s.parameter_name)
    $$,
    'every sensor type of the infrastructure has its parameter'
);

-- Health and harvest (4)
SELECT set_eq(
    $$ SELECT species::text, gender::text, development_stage::text, is_active FROM health_licetype $$,
    $$
        VALUES
        ('Lepeophtheirus salmonis', 'female', 'copepodid', TRUE),
        ('Lepeophtheirus salmonis', 'male', 'copepodid', TRUE),
        ('Lepeophtheirus salmonis', 'female', 'chalimus', TRUE),
        ('Lepeophtheirus salmonis', 'male', 'chalimus', TRUE),
        ('Lepeophtheirus salmonis', 'female', 'pre-adult', TRUE),
        ('Lepeophtheirus salmonis', 'male', 'pre-adult', TRUE),
        ('Lepeophtheirus salmonis', 'female', 'adult', TRUE),
        ('Lepeophtheirus salmonis', 'male', 'adult', TRUE),
        ('Caligus elongatus', 'female', 'juvenile', TRUE), ('Caligus elongatus', 'male', 'juvenile', TRUE),
        ('Caligus elongatus', 'female', 'adult', TRUE), ('Caligus elongatus', 'male', 'adult', TRUE),
        ('Unknown', 'unknown', 'juvenile', TRUE), ('Unknown', 'female', 'adult', TRUE),
        ('Unknown', 'male', 'adult', TRUE)
    $$,
    'the 15 lice types'
);
SELECT results_eq(
    $$ SELECT name::text FROM health_mortalityreason ORDER BY id $$,
    $$
        VALUES ('Natural Death'), ('Disease'), ('Stress'), ('Handling'), ('Predation'), ('Environmental'),
        ('Unknown')
    $$,
    'the 7 mortality reasons'
);
SELECT results_eq(
    $$ SELECT code::text FROM harvest_productgrade ORDER BY id $$,
    $$ VALUES ('SUPERIOR'), ('GRADE_A'), ('GRADE_B'), ('GRADE_C'), ('REJECT') $$,
    'the 5 product grades'
);
SELECT results_eq(
    $$ SELECT code::text, substring(description FROM '\d-\d kg') FROM harvest_productgrade ORDER BY id $$,
    $$
        VALUES ('SUPERIOR', '5-7 kg'), ('GRADE_A', '4-6 kg'), ('GRADE_B', '3-5 kg'), ('GRADE_C', '2-4 kg'),
        ('REJECT', NULL)
    $$,
    'grade descriptions carry the weight bands'
);

-- Suppliers and users (4)
SELECT cmp_ok(
    (
        SELECT count(*) FROM broodstock_eggsupplier
        WHERE contact_details <> '' AND certifications <> ''
    ),
    '>=', 3::bigint, 'at least three egg suppliers with contact details and certifications'
);
SELECT results_eq(
    $$ SELECT username::text, is_superuser, is_staff FROM auth_user ORDER BY id $$,
    $$ VALUES ('system_admin', TRUE, TRUE), ('vet_01', FALSE, FALSE), ('manager_01', FALSE, FALSE) $$,
    'without geographies: system_admin (superuser, staff), vet_01, manager_01'
);
SELECT is_empty(
    $$
        SELECT username FROM auth_user
        WHERE password NOT LIKE '!_%' OR last_login IS NOT NULL OR NOT is_active
            OR date_joined <> '2018-01-01 00:00+00' OR email = ''
    $$,
    'users have unusable passwords, no last login, are active, joined on p_created_at'
);
SELECT is(
    (SELECT count(DISTINCT password) FROM auth_user), (SELECT count(*) FROM auth_user),
    'each user has their own password string'
);

-- Models that do not depend on geographies; nothing that does (3)
SELECT results_eq(
    $$
        SELECT l.name::text, x.fcr_value, x.duration_days
        FROM scenario_fcrmodelstage AS x
        INNER JOIN scenario_fcrmodel AS m ON x.model_id = m.model_id AND m.name = 'Standard FCR'
        INNER JOIN batch_lifecyclestage AS l ON x.stage_id = l.id
        ORDER BY l."order"
    $$,
    $$
        VALUES
        ('Egg&Alevin', 0::double precision, 90), ('Fry', 0.8, 90), ('Parr', 0.9, 90), ('Smolt', 1.0, 90),
        ('Post-Smolt', 1.05, 90), ('Adult', 1.15, 450)
    $$,
    'Standard FCR: one row per stage, Egg&Alevin 0, Adult 450 days'
);
SELECT ok(
    (
        SELECT count(*) = 1 AND bool_and(frequency = 'daily' AND rate > 0.01 AND rate < 0.1)
        FROM scenario_mortalitymodel
        WHERE name = 'Standard Mortality'
    ),
    'Standard Mortality: daily, a rate between 0.01 and 0.1 %'
);
SELECT results_eq(
    $$
        SELECT (SELECT count(*) FROM finance_dimcompany), (SELECT count(*) FROM finance_dimsite),
            (SELECT count(*) FROM scenario_temperatureprofile), (SELECT count(*) FROM scenario_tgcmodel)
    $$,
    $$ VALUES (0::bigint, 0::bigint, 0::bigint, 0::bigint) $$,
    'no companies, sites, temperature profiles or TGC models without geographies'
);

-- Deterministic timestamps (1)
SELECT is_empty(
    $$
        SELECT 'batch_species' FROM batch_species WHERE created_at <> '2018-01-01 00:00+00' OR updated_at <> created_at
        UNION ALL SELECT 'batch_lifecyclestage' FROM batch_lifecyclestage
        WHERE created_at <> '2018-01-01 00:00+00' OR updated_at <> created_at
        UNION ALL SELECT 'inventory_feed' FROM inventory_feed
        WHERE created_at <> '2018-01-01 00:00+00' OR updated_at <> created_at
        UNION ALL SELECT 'environmental_environmentalparameter' FROM environmental_environmentalparameter
        WHERE created_at <> '2018-01-01 00:00+00' OR updated_at <> created_at
        UNION ALL SELECT 'health_licetype' FROM health_licetype
        WHERE created_at <> '2018-01-01 00:00+00' OR updated_at <> created_at
        UNION ALL SELECT 'harvest_productgrade' FROM harvest_productgrade
        WHERE created_at <> '2018-01-01 00:00+00' OR updated_at <> created_at
        UNION ALL SELECT 'broodstock_eggsupplier' FROM broodstock_eggsupplier
        WHERE created_at <> '2018-01-01 00:00+00' OR updated_at <> created_at
        UNION ALL SELECT 'scenario_fcrmodel' FROM scenario_fcrmodel
        WHERE created_at <> '2018-01-01 00:00+00' OR updated_at <> created_at
        UNION ALL SELECT 'scenario_fcrmodelstage' FROM scenario_fcrmodelstage
        WHERE created_at <> '2018-01-01 00:00+00' OR updated_at <> created_at
        UNION ALL SELECT 'scenario_mortalitymodel' FROM scenario_mortalitymodel
        WHERE created_at <> '2018-01-01 00:00+00' OR updated_at <> created_at
    $$,
    'every created_at and updated_at is the default p_created_at'
);

-- A second call changes nothing (17)
CREATE TEMP TABLE digest_before AS SELECT * FROM pg_temp.master_digest();
DO $$ BEGIN PERFORM aquasql.generate_master_data(); END $$;
SELECT is(a.digest, b.digest, format('%s unchanged by a second call', a.tbl))
FROM pg_temp.master_digest() AS a
INNER JOIN digest_before AS b ON a.tbl = b.tbl
ORDER BY a.tbl;

-- Geographies appear later: a known one (tiny profile: Faroe Islands, 1 station, 2 areas)
-- and one no parameter row knows.
DO $$ BEGIN PERFORM aquasql.generate_infrastructure('tiny'); END $$;
INSERT INTO infrastructure_geography (name, description, created_at, updated_at)
VALUES ('Test Land', 'not in aquasql.geography_parameter', '2018-01-01 00:00+00', '2018-01-01 00:00+00');
INSERT INTO infrastructure_freshwaterstation (
    name, station_type, geography_id, latitude, longitude, description, active, created_at, updated_at
)
SELECT
    'TL-FW-01' AS name,
    'FRESHWATER' AS station_type,
    id AS geography_id,
    60 AS latitude,
    0 AS longitude,
    '' AS description,
    TRUE AS active,
    '2018-01-01 00:00+00' AS created_at,
    '2018-01-01 00:00+00' AS updated_at
FROM infrastructure_geography
WHERE name = 'Test Land';
DO $$ BEGIN PERFORM aquasql.generate_master_data(); END $$;

-- Rows per geography (9)
SELECT results_eq(
    $$
        SELECT g.name::text, c.subsidiary::text, c.display_name::text, c.currency::text
        FROM finance_dimcompany AS c INNER JOIN infrastructure_geography AS g ON c.geography_id = g.id
        ORDER BY g.id
    $$,
    $$
        VALUES ('Faroe Islands', 'FM', 'Faroe Islands Farming', 'EUR'), ('Test Land', 'FM', 'Test Land Farming', NULL)
    $$,
    'one farming company per geography, currency from geography_parameter'
);
SELECT set_eq(
    $$ SELECT source_model::text, source_pk::bigint, site_name::text, company_id FROM finance_dimsite $$,
    $$
        SELECT 'station', s.id, s.name::text, c.company_id
        FROM infrastructure_freshwaterstation AS s
        INNER JOIN finance_dimcompany AS c ON s.geography_id = c.geography_id AND c.subsidiary = 'FM'
        UNION ALL
        SELECT 'area', a.id, a.name::text, c.company_id
        FROM infrastructure_area AS a
        INNER JOIN finance_dimcompany AS c ON a.geography_id = c.geography_id AND c.subsidiary = 'FM'
    $$,
    'one site per station and per sea area, with its geography''s company'
);
SELECT is((SELECT count(*) FROM finance_dimsite), 4::bigint, 'sites: 2 stations + 2 sea areas');
SELECT results_eq(
    $$ SELECT username::text, last_name::text FROM auth_user WHERE username LIKE 'operator\_%' ORDER BY id $$,
    $$ VALUES ('operator_fi', 'Faroe Islands'), ('operator_test_land', 'Test Land') $$,
    'one operator per geography'
);
SELECT results_eq(
    $$
        SELECT p.name::text, count(*), min(r.day_number), max(r.day_number)
        FROM scenario_temperatureprofile AS p INNER JOIN scenario_temperaturereading AS r ON p.profile_id = r.profile_id
        GROUP BY p.name
    $$,
    $$ VALUES ('Faroe Islands Sea Temperature', 450::bigint, 1, 450) $$,
    'a 450-day temperature profile for the geography with sea-temperature parameters only'
);
SELECT results_eq(
    $$
        SELECT r.day_number, r.temperature
        FROM scenario_temperaturereading AS r
        INNER JOIN scenario_temperatureprofile AS p ON r.profile_id = p.profile_id
        WHERE p.name = 'Faroe Islands Sea Temperature' AND r.day_number IN (65, 430)
        ORDER BY r.day_number
    $$,
    $$ VALUES (65, 6.8::double precision), (430, 6.8::double precision) $$,
    'coldest on day 65 (mean 8.3 - amplitude 1.5), again a year later on day 430'
);
SELECT ok(
    (
        SELECT
            abs(max(r.temperature) - 9.8) < 0.001
            AND abs(avg(r.temperature) FILTER (WHERE r.day_number <= 365) - 8.3) < 0.01
            AND bool_and(r.temperature = d1.temperature) FILTER (WHERE r.day_number = 366)
        FROM scenario_temperaturereading AS r
        INNER JOIN scenario_temperatureprofile AS p ON r.profile_id = p.profile_id
        INNER JOIN scenario_temperaturereading AS d1 ON p.profile_id = d1.profile_id AND d1.day_number = 1
        WHERE p.name = 'Faroe Islands Sea Temperature'
    ),
    'warmest 9.8, yearly mean 8.3, day 366 = day 1 (1 January)'
);
SELECT results_eq(
    $$
        SELECT m.name::text, m.location::text, m.tgc_value, m.exponent_n, m.exponent_m, p.name::text
        FROM scenario_tgcmodel AS m INNER JOIN scenario_temperatureprofile AS p ON m.profile_id = p.profile_id
    $$,
    $$
        SELECT 'Faroe Islands Sea TGC', 'Faroe Islands', s.tgc, 0.33::double precision, 0.66::double precision,
            'Faroe Islands Sea Temperature'
        FROM aquasql.stage_parameter AS s WHERE s.name = 'Adult'
    $$,
    'a TGC model per geography with the Adult TGC and its temperature profile'
);
SELECT is_empty(
    $$
        SELECT 1 FROM scenario_temperatureprofile WHERE created_at <> '2018-01-01 00:00+00'
        UNION ALL SELECT 1 FROM scenario_temperaturereading WHERE created_at <> '2018-01-01 00:00+00'
        UNION ALL SELECT 1 FROM scenario_tgcmodel WHERE created_at <> '2018-01-01 00:00+00'
        UNION ALL SELECT 1 FROM auth_user WHERE date_joined <> '2018-01-01 00:00+00'
    $$,
    'rows added by the later call also carry p_created_at'
);

-- Again: a further call changes nothing (17)
DELETE FROM digest_before;
INSERT INTO digest_before SELECT * FROM pg_temp.master_digest();
DO $$ BEGIN PERFORM aquasql.generate_master_data(); END $$;
SELECT is(a.digest, b.digest, format('%s unchanged by a call after the infrastructure', a.tbl))
FROM pg_temp.master_digest() AS a
INNER JOIN digest_before AS b ON a.tbl = b.tbl
ORDER BY a.tbl;

-- A call with another timestamp rewrites nothing either (1)
DO $$ BEGIN PERFORM aquasql.generate_master_data('2021-06-01 00:00+00'); END $$;
SELECT is_empty(
    $$ SELECT * FROM pg_temp.master_digest() EXCEPT SELECT * FROM digest_before $$,
    'a call with another p_created_at leaves the existing rows as they are'
);

SELECT * FROM finish();
ROLLBACK;
