-- Container occupancy and the assignment FK rule, by behaviour: the exclusion
-- constraint assignment_no_overlap keeps two assignments of one container apart in
-- time, and the composite FKs reject an event whose batch or container disagrees with
-- the assignment it names (also on the readings hypertable when TimescaleDB is there).
-- Master rows use negative ids so they never meet generated data; all is rolled back.
BEGIN;

SELECT plan(16);

INSERT INTO auth_user (
    id, password, last_login, is_superuser, username, first_name, last_name, email,
    is_staff, is_active, date_joined
) VALUES (
    -1, '!', NULL, FALSE, 'pgtap_user', '', '', '', FALSE, TRUE, '2020-01-01 00:00+00'
);

INSERT INTO infrastructure_geography (id, name, description, created_at, updated_at)
VALUES (-1, 'pgTAP Geography', '', '2020-01-01 00:00+00', '2020-01-01 00:00+00');

INSERT INTO infrastructure_freshwaterstation (
    id, name, station_type, geography_id, latitude, longitude, description, active,
    created_at, updated_at
) VALUES (
    -1, 'PGTAP-FW-01', 'FRESHWATER', -1, 62.0, -6.8, '', TRUE,
    '2020-01-01 00:00+00', '2020-01-01 00:00+00'
);

INSERT INTO infrastructure_hall (
    id, name, freshwater_station_id, description, area_sqm, active, created_at, updated_at
) VALUES (
    -1, 'PGTAP-FW-01-Hall-B', -1, '', NULL, TRUE, '2020-01-01 00:00+00', '2020-01-01 00:00+00'
);

INSERT INTO infrastructure_containertype (
    id, name, category, max_volume_m3, description, created_at, updated_at
) VALUES (
    -1, 'pgTAP Small Tank', 'TANK', 100, '', '2020-01-01 00:00+00', '2020-01-01 00:00+00'
);

INSERT INTO infrastructure_container (
    id, name, container_type_id, hall_id, area_id, volume_m3, max_biomass_kg,
    feed_recommendations_enabled, active, created_at, updated_at
) VALUES
    (-1, 'PGTAP-FW-01-B-C01', -1, -1, NULL, 100, 5000, TRUE, TRUE,
        '2020-01-01 00:00+00', '2020-01-01 00:00+00'),
    (-2, 'PGTAP-FW-01-B-C02', -1, -1, NULL, 100, 5000, TRUE, TRUE,
        '2020-01-01 00:00+00', '2020-01-01 00:00+00');

INSERT INTO infrastructure_sensor (
    id, name, sensor_type, container_id, serial_number, manufacturer, installation_date,
    last_calibration_date, active, created_at, updated_at
) VALUES (
    -1, 'PGTAP-FW-01-B-C01-Temperature', 'Temperature', -1, 'PGTAP-0001', 'pgTAP', NULL,
    NULL, TRUE, '2020-01-01 00:00+00', '2020-01-01 00:00+00'
);

INSERT INTO environmental_environmentalparameter (
    id, name, unit, description, min_value, max_value, optimal_min, optimal_max,
    created_at, updated_at
) VALUES (
    -1, 'pgTAP Temperature', 'C', '', 0, 20, 8, 14,
    '2020-01-01 00:00+00', '2020-01-01 00:00+00'
);

INSERT INTO batch_species (
    id, name, scientific_name, description, optimal_temperature_min,
    optimal_temperature_max, optimal_oxygen_min, optimal_ph_min, optimal_ph_max,
    created_at, updated_at
) VALUES (
    -1, 'pgTAP Salmon', 'Salmo pgtapensis', '', NULL, NULL, NULL, NULL, NULL,
    '2020-01-01 00:00+00', '2020-01-01 00:00+00'
);

INSERT INTO batch_lifecyclestage (
    id, name, species_id, "order", description, expected_weight_min_g,
    expected_weight_max_g, expected_length_min_cm, expected_length_max_cm,
    typical_duration_days, created_at, updated_at
) VALUES (
    -1, 'pgTAP Fry', -1, 2, '', 0.5, 6, NULL, NULL, 90,
    '2020-01-01 00:00+00', '2020-01-01 00:00+00'
);

INSERT INTO batch_batch (
    id, batch_number, species_id, lifecycle_stage_id, status, batch_type, start_date,
    expected_end_date, actual_end_date, notes, created_at, updated_at, pinned_scenario_id
) VALUES
    (-1, 'PGTAP-B1', -1, -1, 'ACTIVE', 'STANDARD', '2020-01-01', NULL, NULL, '',
        '2020-01-01 00:00+00', '2020-01-01 00:00+00', NULL),
    (-2, 'PGTAP-B2', -1, -1, 'ACTIVE', 'STANDARD', '2020-01-01', NULL, NULL, '',
        '2020-01-01 00:00+00', '2020-01-01 00:00+00', NULL);

-- Occupancy of container -1: [2020-01-01, 2020-04-01) by batch -1, then from
-- 2020-04-01 on (open-ended) by batch -2.
SELECT lives_ok(
    $$
        INSERT INTO batch_batchcontainerassignment (
            id, batch_id, container_id, lifecycle_stage_id, population_count, avg_weight_g,
            biomass_kg, assignment_date, departure_date, is_active, last_weighing_date,
            notes, created_at, updated_at
        ) VALUES (
            -1, -1, -1, -1, 100000, 1.00, 100.00, '2020-01-01', '2020-04-01', FALSE, NULL,
            '', '2020-01-01 00:00+00', '2020-04-01 00:00+00'
        )
    $$,
    'an assignment [2020-01-01, 2020-04-01) of an empty container is accepted'
);

SELECT throws_ok(
    $$
        INSERT INTO batch_batchcontainerassignment (
            id, batch_id, container_id, lifecycle_stage_id, population_count, avg_weight_g,
            biomass_kg, assignment_date, departure_date, is_active, last_weighing_date,
            notes, created_at, updated_at
        ) VALUES (
            -2, -2, -1, -1, 100000, 1.00, 100.00, '2020-03-01', '2020-06-01', FALSE, NULL,
            '', '2020-03-01 00:00+00', '2020-06-01 00:00+00'
        )
    $$,
    '23P01',
    'conflicting key value violates exclusion constraint "assignment_no_overlap"',
    'an overlapping assignment of the same container is rejected (assignment_no_overlap)'
);

SELECT lives_ok(
    $$
        INSERT INTO batch_batchcontainerassignment (
            id, batch_id, container_id, lifecycle_stage_id, population_count, avg_weight_g,
            biomass_kg, assignment_date, departure_date, is_active, last_weighing_date,
            notes, created_at, updated_at
        ) VALUES (
            -3, -2, -1, -1, 100000, 1.00, 100.00, '2020-04-01', NULL, TRUE, NULL,
            '', '2020-04-01 00:00+00', '2020-04-01 00:00+00'
        )
    $$,
    'a back-to-back assignment starting on the previous departure date is accepted'
);

SELECT throws_ok(
    $$
        INSERT INTO batch_batchcontainerassignment (
            id, batch_id, container_id, lifecycle_stage_id, population_count, avg_weight_g,
            biomass_kg, assignment_date, departure_date, is_active, last_weighing_date,
            notes, created_at, updated_at
        ) VALUES (
            -4, -1, -1, -1, 100000, 1.00, 100.00, '2021-01-01', '2021-02-01', FALSE, NULL,
            '', '2021-01-01 00:00+00', '2021-02-01 00:00+00'
        )
    $$,
    '23P01',
    'conflicting key value violates exclusion constraint "assignment_no_overlap"',
    'an open-ended assignment blocks any later assignment of the container'
);

SELECT throws_ok(
    $$
        INSERT INTO batch_batchcontainerassignment (
            id, batch_id, container_id, lifecycle_stage_id, population_count, avg_weight_g,
            biomass_kg, assignment_date, departure_date, is_active, last_weighing_date,
            notes, created_at, updated_at
        ) VALUES (
            -4, -1, -1, -1, 100000, 1.00, 100.00, '2019-06-01', '2020-01-02', FALSE, NULL,
            '', '2019-06-01 00:00+00', '2020-01-02 00:00+00'
        )
    $$,
    '23P01',
    'conflicting key value violates exclusion constraint "assignment_no_overlap"',
    'an assignment that ends one day into the next one is rejected'
);

SELECT lives_ok(
    $$
        INSERT INTO batch_batchcontainerassignment (
            id, batch_id, container_id, lifecycle_stage_id, population_count, avg_weight_g,
            biomass_kg, assignment_date, departure_date, is_active, last_weighing_date,
            notes, created_at, updated_at
        ) VALUES (
            -5, -1, -2, -1, 100000, 1.00, 100.00, '2020-01-01', NULL, TRUE, NULL,
            '', '2020-01-01 00:00+00', '2020-01-01 00:00+00'
        )
    $$,
    'the same dates in another container are accepted'
);

SELECT throws_ok(
    $$
        INSERT INTO batch_batchcontainerassignment (
            id, batch_id, container_id, lifecycle_stage_id, population_count, avg_weight_g,
            biomass_kg, assignment_date, departure_date, is_active, last_weighing_date,
            notes, created_at, updated_at
        ) VALUES (
            -6, -1, -1, -1, 100000, 1.00, 100.00, '2019-01-01', '2019-01-01', FALSE, NULL,
            '', '2019-01-01 00:00+00', '2019-01-01 00:00+00'
        )
    $$,
    '23514',
    'new row for relation "batch_batchcontainerassignment" violates check constraint '
    || '"batch_batchcontainerassignment_departure_date_check"',
    'an empty occupancy (departure on the assignment date) is rejected'
);

SELECT throws_ok(
    $$
        INSERT INTO batch_batchcontainerassignment (
            id, batch_id, container_id, lifecycle_stage_id, population_count, avg_weight_g,
            biomass_kg, assignment_date, departure_date, is_active, last_weighing_date,
            notes, created_at, updated_at
        ) VALUES (
            -6, -2, -1, -1, 100000, 1.00, 100.00, '2019-01-01', '2019-06-01', TRUE, NULL,
            '', '2019-01-01 00:00+00', '2019-06-01 00:00+00'
        )
    $$,
    '23505',
    'duplicate key value violates unique constraint "unique_active_batch_container"',
    'a second active assignment of one batch in one container is rejected'
);

-- Events: the denormalized batch/container must be the assignment's.
SELECT lives_ok(
    $$
        INSERT INTO batch_mortalityevent (
            id, batch_id, assignment_id, event_date, count, biomass_kg, cause, description,
            created_at, updated_at
        ) VALUES (
            -1, -1, -1, '2020-02-01', 12, 0.01, 'UNKNOWN', '',
            '2020-02-01 12:00+00', '2020-02-01 12:00+00'
        )
    $$,
    'a mortality event whose batch matches its assignment is accepted'
);

SELECT throws_ok(
    $$
        INSERT INTO batch_mortalityevent (
            id, batch_id, assignment_id, event_date, count, biomass_kg, cause, description,
            created_at, updated_at
        ) VALUES (
            -2, -2, -1, '2020-02-01', 12, 0.01, 'UNKNOWN', '',
            '2020-02-01 12:00+00', '2020-02-01 12:00+00'
        )
    $$,
    '23503',
    'insert or update on table "batch_mortalityevent" violates foreign key constraint '
    || '"batch_mortalityevent_matches_assignment_fkey"',
    'a mortality event whose batch disagrees with its assignment is rejected'
);

-- On the readings hypertable (when TimescaleDB is installed) the FKs live on chunks,
-- so only the SQLSTATE is checked: the message names the chunk.
SELECT lives_ok(
    $$
        INSERT INTO environmental_environmentalreading (
            id, parameter_id, container_id, batch_id, sensor_id,
            batch_container_assignment_id, value, reading_time, is_manual, recorded_by_id,
            notes, created_at
        ) VALUES (
            -1, -1, -1, -2, -1, -3, 11.2500, '2020-05-01 06:00+00', FALSE, NULL,
            '', '2020-05-01 06:00+00'
        )
    $$,
    'a reading whose batch and container match its assignment is accepted'
);

SELECT throws_ok(
    $$
        INSERT INTO environmental_environmentalreading (
            id, parameter_id, container_id, batch_id, sensor_id,
            batch_container_assignment_id, value, reading_time, is_manual, recorded_by_id,
            notes, created_at
        ) VALUES (
            -2, -1, -1, -1, -1, -3, 11.2500, '2020-05-01 08:00+00', FALSE, NULL,
            '', '2020-05-01 08:00+00'
        )
    $$,
    '23503',
    NULL,
    'a reading whose batch disagrees with its assignment is rejected'
);

SELECT throws_ok(
    $$
        INSERT INTO environmental_environmentalreading (
            id, parameter_id, container_id, batch_id, sensor_id,
            batch_container_assignment_id, value, reading_time, is_manual, recorded_by_id,
            notes, created_at
        ) VALUES (
            -3, -1, -2, -2, -1, -3, 11.2500, '2020-05-01 10:00+00', FALSE, NULL,
            '', '2020-05-01 10:00+00'
        )
    $$,
    '23503',
    NULL,
    'a reading whose container disagrees with its assignment is rejected'
);

SELECT lives_ok(
    $$
        INSERT INTO health_journalentry (
            id, batch_id, container_id, user_id, entry_date, category, severity,
            description, resolution_status, resolution_notes, created_at, updated_at,
            assignment_id
        ) VALUES (
            -1, -2, -1, -1, '2020-05-02 09:00+00', 'observation', NULL,
            'pgTAP', FALSE, '', '2020-05-02 09:00+00', '2020-05-02 09:00+00', -3
        )
    $$,
    'a journal entry naming its assignment''s batch and container is accepted'
);

SELECT throws_ok(
    $$
        INSERT INTO health_journalentry (
            id, batch_id, container_id, user_id, entry_date, category, severity,
            description, resolution_status, resolution_notes, created_at, updated_at,
            assignment_id
        ) VALUES (
            -2, -2, NULL, -1, '2020-05-02 09:00+00', 'observation', NULL,
            'pgTAP', FALSE, '', '2020-05-02 09:00+00', '2020-05-02 09:00+00', -3
        )
    $$,
    '23503',
    'insert or update on table "health_journalentry" violates foreign key constraint '
    || '"health_journalentry_matches_assignment_fkey"',
    'a journal entry that leaves container_id NULL is rejected (MATCH FULL)'
);

SELECT throws_ok(
    $$
        INSERT INTO batch_growthsample (
            id, assignment_id, sample_date, sample_size, avg_weight_g, avg_length_cm,
            std_deviation_weight, std_deviation_length, min_weight_g, max_weight_g,
            condition_factor, notes, created_at, updated_at
        ) VALUES (
            -1, NULL, '2020-05-03', 30, 2.50, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
            '2020-05-03 10:00+00', '2020-05-03 10:00+00'
        )
    $$,
    '23502',
    NULL,
    'a growth sample without an assignment is rejected'
);

SELECT * FROM finish();
ROLLBACK;
