-- one mode: writes no hypertable (readings are the only one aquasql writes)
-- Mortality events (tiny profile): one event per assignment-day with deaths, adding up to the
-- daily state; causes DISEASE and HANDLING exactly where the lifecycle raised the hazard.
-- Every container gets a disease episode here, so the DISEASE rule is exercised.
BEGIN;
SELECT plan(16);

SELECT aquasql.generate_infrastructure('tiny');
SELECT aquasql.generate_master_data();
UPDATE aquasql.model_parameter SET value = 1
WHERE name IN ('disease_probability_freshwater', 'disease_probability_sea');
SELECT aquasql.plan('tiny', 42, '2026-11-23');
SELECT aquasql.generate_lifecycle();

SELECT cmp_ok(aquasql.generate_mortality_events(), '>', 0::bigint, 'generate_mortality_events writes rows');

SELECT set_eq(
    'SELECT id, assignment_id, date, mortality_count FROM batch_actualdailyassignmentstate WHERE mortality_count > 0',
    'SELECT id, assignment_id, event_date, count FROM batch_mortalityevent',
    'one event per assignment-day with deaths, id = daily-state id, count = that day''s deaths'
);

SELECT is(
    (SELECT count(*) - count(DISTINCT row(assignment_id, event_date)) FROM batch_mortalityevent),
    0::bigint,
    'never two events for one assignment-day'
);

SELECT is(
    (SELECT sum(count) FROM batch_mortalityevent),
    (SELECT sum(mortality_count) FROM batch_actualdailyassignmentstate),
    'the events add up to the daily-state deaths'
);

SELECT is(
    (
        SELECT count(*) FROM batch_mortalityevent AS e
        INNER JOIN batch_batchcontainerassignment AS a ON e.assignment_id = a.id
        WHERE e.batch_id <> a.batch_id
    ),
    0::bigint,
    'every event''s batch is its assignment''s'
);

SELECT is(
    (
        SELECT count(*) FROM batch_mortalityevent AS e
        INNER JOIN aquasql.assignment_life AS l ON e.assignment_id = l.assignment_id
        WHERE e.event_date NOT BETWEEN l.first_day AND l.last_day
    ),
    0::bigint,
    'event dates within the assignment''s first_day..last_day'
);

SELECT is(
    (
        SELECT count(*) FROM batch_mortalityevent AS e
        INNER JOIN batch_actualdailyassignmentstate AS s ON e.id = s.id
        WHERE e.biomass_kg <> round(e.count * s.avg_weight_g / 1000, 2)
    ),
    0::bigint,
    'biomass_kg = count x that day''s mean weight'
);

SELECT cmp_ok(
    (
        SELECT count(*) FROM aquasql.assignment_life
        WHERE disease_start IS NOT NULL
    ),
    '>',
    0::bigint,
    'the plan has disease episodes'
);

SELECT is(
    (
        SELECT count(*) FROM batch_mortalityevent AS e
        INNER JOIN aquasql.assignment_life AS l ON e.assignment_id = l.assignment_id
        WHERE (e.cause = 'DISEASE') IS DISTINCT FROM coalesce(
            e.event_date BETWEEN l.disease_start AND l.disease_start + l.disease_days - 1, FALSE
        )
    ),
    0::bigint,
    'DISEASE exactly on the days of the assignment''s disease episode'
);

SELECT is(
    (
        SELECT count(*) FROM batch_mortalityevent AS e
        INNER JOIN aquasql.assignment_life AS l ON e.assignment_id = l.assignment_id
        WHERE (e.cause = 'HANDLING') IS DISTINCT FROM (
            l.stage_order > 1
            AND e.event_date < l.first_day + aquasql.param('handling_days')::integer
            AND NOT coalesce(e.event_date BETWEEN l.disease_start AND l.disease_start + l.disease_days - 1, FALSE)
        )
    ),
    0::bigint,
    'HANDLING exactly in the first handling_days days after a transfer (outside disease episodes)'
);

SELECT is(
    (
        SELECT count(*) FROM batch_mortalityevent AS e
        INNER JOIN aquasql.assignment_life AS l ON e.assignment_id = l.assignment_id
        WHERE
            e.cause NOT IN ('DISEASE', 'HANDLING', 'PREDATION', 'ENVIRONMENTAL', 'UNKNOWN', 'OTHER')
            OR (e.cause = 'PREDATION' AND l.stage_order < 6)
    ),
    0::bigint,
    'causes from AquaMind''s list; PREDATION only at sea'
);

SELECT ok(
    (
        SELECT count(*) FILTER (WHERE cause IN ('UNKNOWN', 'ENVIRONMENTAL'))::float / count(*)
        FROM batch_mortalityevent
        WHERE cause NOT IN ('DISEASE', 'HANDLING')
    ) > 0.7,
    'background losses are mostly UNKNOWN or ENVIRONMENTAL'
);

SELECT is(
    (
        SELECT count(*) FROM batch_mortalityevent
        WHERE
            created_at AT TIME ZONE 'UTC' <> event_date + aquasql.param_time('mortality_event_hour')
            OR updated_at <> created_at
            OR description IS NULL
    ),
    0::bigint,
    'timestamps from the event date; description never NULL'
);

-- Determinism: regenerating, and generating batch by batch, give the same rows.
SELECT tap.regenerates_identically(
    'regenerating gives identical rows',
    '{batch_mortalityevent}', 'SELECT aquasql.generate_mortality_events()'
);

SELECT tap.regenerates_identically(
    'batch by batch, in another order, gives identical rows',
    '{batch_mortalityevent}',
    'DELETE FROM batch_mortalityevent',
    'SELECT aquasql.generate_mortality_events(ARRAY[2]::bigint[])',
    'SELECT aquasql.generate_mortality_events(ARRAY[1]::bigint[])'
);

SELECT is(
    (
        SELECT count(*) FROM batch_mortalityevent
        WHERE batch_id = 2
    ),
    (
        SELECT count(*) FROM batch_actualdailyassignmentstate
        WHERE batch_id = 2 AND mortality_count > 0
    ),
    'regenerating one batch leaves the other''s events alone'
);

SELECT * FROM finish();
ROLLBACK;
