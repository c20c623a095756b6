-- one mode: writes no hypertable (readings are the only one aquasql writes)
-- The infrastructure generator: exact counts and names of the full layout, idempotence,
-- smaller profiles, and a clear error for an unknown profile.
BEGIN;
SELECT plan(23);

SELECT lives_ok($$ SELECT aquasql.generate_infrastructure('full') $$, 'full infrastructure generates');

SELECT is((SELECT count(*) FROM infrastructure_geography), 2::bigint, '2 geographies');
SELECT is((SELECT count(*) FROM infrastructure_freshwaterstation), 8::bigint, '8 freshwater stations');
SELECT is((SELECT count(*) FROM infrastructure_hall), 40::bigint, '40 halls');
SELECT is((SELECT count(*) FROM infrastructure_container), 960::bigint, '960 containers');
SELECT is((SELECT count(*) FROM infrastructure_area), 35::bigint, '35 sea areas');
SELECT is((
    SELECT count(*) FROM infrastructure_container
    WHERE area_id IS NOT NULL
), 560::bigint, '560 rings');
SELECT is((SELECT count(*) FROM infrastructure_feedcontainer), 145::bigint, '145 feed containers');
SELECT is((SELECT count(*) FROM infrastructure_sensor), 5040::bigint, '5,040 sensors');

SELECT results_eq(
    $$ SELECT g.name::text, count(*) FROM infrastructure_freshwaterstation AS s
       JOIN infrastructure_geography AS g ON g.id = s.geography_id GROUP BY 1 ORDER BY 1 $$,
    $$ VALUES ('Faroe Islands', 4::bigint), ('Scotland', 4::bigint) $$,
    'stations per geography: Faroe 4, Scotland 4'
);
SELECT results_eq(
    $$ SELECT g.name::text, count(*) FROM infrastructure_area AS a
       JOIN infrastructure_geography AS g ON g.id = a.geography_id GROUP BY 1 ORDER BY 1 $$,
    $$ VALUES ('Faroe Islands', 19::bigint), ('Scotland', 16::bigint) $$,
    'sea areas per geography: Faroe 19, Scotland 16'
);
SELECT ok(
    EXISTS (
        SELECT 1 FROM infrastructure_container
        WHERE name = 'FI-FW-01-A-C01'
    )
    AND EXISTS (
        SELECT 1 FROM infrastructure_container
        WHERE name = 'S-FW-04-E-C10'
    )
    AND EXISTS (
        SELECT 1 FROM infrastructure_container
        WHERE name = 'S-SEA-16-Ring-16'
    )
    AND EXISTS (
        SELECT 1 FROM infrastructure_hall
        WHERE name = 'FI-FW-04-Hall-E'
    ),
    'names follow the layout ({station}-{hall}-C01, {area}-Ring-16, {station}-Hall-E)'
);
SELECT results_eq(
    $$ SELECT t.name::text, c.volume_m3, c.max_biomass_kg, count(*) FROM infrastructure_container AS c
       JOIN infrastructure_containertype AS t ON t.id = c.container_type_id
       GROUP BY 1, 2, 3 ORDER BY 2 $$,
    $$ VALUES ('Incubation Tray', 10.00, 500.00, 80::bigint), ('Small Tank', 100.00, 5000.00, 80::bigint),
              ('Medium Tank', 500.00, 25000.00, 80::bigint), ('Large Tank', 1000.00, 50000.00, 80::bigint),
              ('Pre-Transfer Tank', 2000.00, 100000.00, 80::bigint), ('Sea Ring', 50000.00, 1250000.00, 560::bigint) $$,
    'container types, volumes and max biomass (50 kg/m3 in tanks, 25 kg/m3 at sea)'
);
SELECT set_eq(
    $$ SELECT sensor_type::text, count(*) FROM infrastructure_sensor GROUP BY 1 $$,
    $$ VALUES ('CO2', 400::bigint), ('Dissolved Oxygen', 960::bigint), ('NH4', 400::bigint),
              ('NO2', 400::bigint), ('NO3', 400::bigint), ('Salinity', 560::bigint), ('pH', 960::bigint),
              ('Temperature', 960::bigint) $$,
    'sensors: 7 per tank, 4 per ring'
);
SELECT results_eq(
    $$ SELECT container_type::text, capacity_kg, count(*) FROM infrastructure_feedcontainer
       GROUP BY 1, 2 ORDER BY 1, 2 $$,
    $$ VALUES ('BARGE', 450000.00, 105::bigint), ('SILO', 5000.00, 8::bigint), ('SILO', 10000.00, 8::bigint),
              ('SILO', 30000.00, 8::bigint), ('SILO', 50000.00, 8::bigint), ('SILO', 120000.00, 8::bigint) $$,
    'a silo per hall (5-120 t, sized for the hall''s ration), 3 barges of 450 t per area'
);
SELECT is(
    (
        SELECT count(*) FROM infrastructure_container
        WHERE (hall_id IS NULL) = (area_id IS NULL)
    ), 0::bigint,
    'every container is in a hall or an area, never both'
);

SELECT tap.regenerates_identically(
    'a second run succeeds and leaves exactly the same rows',
    '{infrastructure_container,infrastructure_sensor,infrastructure_feedcontainer,infrastructure_hall}',
    $$ SELECT aquasql.generate_infrastructure('full') $$
);

SELECT throws_ok(
    $$ SELECT aquasql.generate_infrastructure('huge') $$, '22023', 'unknown profile "huge"',
    'an unknown profile is refused with its name'
);

-- The profile sizes users see match what the generator builds.
SELECT results_eq(
    $$ SELECT geographies, stations, halls, containers, sea_areas, feed_containers, sensors
       FROM aquasql.profile_sizes() WHERE profile = 'full' $$,
    $$ SELECT count(DISTINCT g.id), count(DISTINCT s.id), count(DISTINCT h.id),
              (SELECT count(*) FROM infrastructure_container), (SELECT count(*) FROM infrastructure_area),
              (SELECT count(*) FROM infrastructure_feedcontainer), (SELECT count(*) FROM infrastructure_sensor)
       FROM infrastructure_geography AS g JOIN infrastructure_freshwaterstation AS s ON s.geography_id = g.id
       JOIN infrastructure_hall AS h ON h.freshwater_station_id = s.id $$,
    'profile_sizes() agrees with the generated full layout'
);

-- tiny, on an empty layout
SET LOCAL client_min_messages = warning;
-- AquaMind's keys are deferred: check the rows written so far before emptying their tables
SET CONSTRAINTS ALL IMMEDIATE;
TRUNCATE infrastructure_sensor, infrastructure_container, infrastructure_feedcontainer, infrastructure_hall,
infrastructure_freshwaterstation, infrastructure_area, infrastructure_geography CASCADE;
SELECT lives_ok($$ SELECT aquasql.generate_infrastructure('tiny') $$, 'tiny infrastructure generates');
SELECT is((SELECT count(*) FROM infrastructure_container), 18::bigint, 'tiny: 10 tanks and 8 rings');
SELECT is((SELECT count(*) FROM infrastructure_sensor), 102::bigint, 'tiny: 70 + 32 sensors');
SELECT is((SELECT count(*) FROM infrastructure_geography), 1::bigint, 'tiny: one geography');

SELECT * FROM finish();
ROLLBACK;
