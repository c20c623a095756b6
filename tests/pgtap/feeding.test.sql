-- one mode: writes no hypertable (readings are the only one aquasql writes)
-- Feeding events: two meals per fed assignment-day that add up to the daily state's feed.
BEGIN;
SELECT plan(16);

SELECT aquasql.generate_infrastructure('tiny');
SELECT aquasql.generate_master_data();
SELECT aquasql.plan('tiny', 42, '2026-11-23');
SELECT aquasql.generate_lifecycle();

CREATE TEMP TABLE written AS SELECT aquasql.generate_feeding() AS n;

SELECT ok((SELECT n FROM written) > 1000, 'feeding events are written for the tiny profile');
SELECT is(
    (SELECT n FROM written), (SELECT count(*) FROM inventory_feedingevent),
    'generate_feeding returns the number of events written'
);

SELECT is(
    (
        SELECT count(*)
        FROM batch_actualdailyassignmentstate AS s
        FULL JOIN (
            SELECT
                e.id / 2 AS state_id,
                sum(e.amount_kg) AS kg,
                count(*) AS meals
            FROM inventory_feedingevent AS e
            GROUP BY e.id / 2
        ) AS f ON s.id = f.state_id
        WHERE
            (s.feed_kg > 0 OR f.state_id IS NOT NULL)
            AND (s.id IS NULL OR f.kg IS DISTINCT FROM s.feed_kg OR f.meals <> 2)
    ),
    0::bigint,
    'the two meals of every fed assignment-day add up to its feed_kg exactly, and unfed days have none'
);

SELECT is(
    (
        SELECT count(*)
        FROM inventory_feedingevent AS e
        INNER JOIN aquasql.assignment_life AS l ON e.batch_assignment_id = l.assignment_id
        WHERE l.stage_order = 1
    ),
    0::bigint,
    'no feeding in Egg&Alevin'
);

SELECT is(
    (
        SELECT count(*) FROM inventory_feedingevent AS e
        WHERE NOT (
            (e.id % 2 = 0 AND e.feeding_time = time '00:00' + aquasql.param_time('feeding_meal_morning_hour'))
            OR (e.id % 2 = 1 AND e.feeding_time = time '00:00' + aquasql.param_time('feeding_meal_afternoon_hour'))
        )
        OR e.amount_kg < aquasql.param('feeding_min_amount_kg')
    ),
    0::bigint,
    'meal 0 (even id) in the morning, meal 1 (odd id) in the afternoon, every amount at least the minimum'
);

SELECT is(
    (
        SELECT count(*) FROM inventory_feedingevent AS e
        WHERE e.id % 2 = 0 AND e.amount_kg <> round((
            SELECT s.feed_kg FROM batch_actualdailyassignmentstate AS s
            WHERE s.id = e.id / 2
        ) / 2, 4)
    ),
    0::bigint,
    'meal 0 is round(feed_kg / 2, 4)'
);

SELECT is(
    (
        SELECT count(*)
        FROM inventory_feedingevent AS e
        INNER JOIN batch_actualdailyassignmentstate AS s ON e.id / 2 = s.id
        WHERE
            e.batch_biomass_kg <> s.biomass_kg
            OR e.feeding_percentage <> round(e.amount_kg / e.batch_biomass_kg * 100, 6)
            OR e.feeding_date <> s.date
    ),
    0::bigint,
    'batch_biomass_kg = the day''s biomass, feeding_percentage = amount / biomass x 100, date = the state''s'
);

SELECT is(
    (
        SELECT count(*)
        FROM inventory_feedingevent AS e
        INNER JOIN batch_actualdailyassignmentstate AS s ON e.id / 2 = s.id
        WHERE e.feed_id IS DISTINCT FROM aquasql.feed_for_weight(s.avg_weight_g::double precision)
    ),
    0::bigint,
    'feed_id = aquasql.feed_for_weight(the day''s mean weight)'
);

SELECT is(
    (
        SELECT count(DISTINCT e.feed_id)
        FROM inventory_feedingevent AS e
    ),
    6::bigint,
    'all six feeds are used over a full cycle'
);

SELECT is(
    (
        SELECT count(*)
        FROM inventory_feedingevent AS e
        INNER JOIN batch_batchcontainerassignment AS a ON e.batch_assignment_id = a.id
        INNER JOIN aquasql.assignment_life AS l ON a.id = l.assignment_id
        WHERE
            e.batch_id <> a.batch_id OR e.container_id <> a.container_id
            OR e.feeding_date NOT BETWEEN l.first_day AND l.last_day
    ),
    0::bigint,
    'every event''s batch and container are its assignment''s, on a day the assignment holds fish'
);

SELECT is(
    (
        SELECT count(*) FROM inventory_feedingevent AS e
        WHERE
            e.method <> 'AUTOMATIC' OR e.notes <> '' OR e.recorded_by_id IS NOT NULL OR e.feed_cost IS NOT NULL
            OR e.created_at <> (e.feeding_date + e.feeding_time)::timestamptz OR e.updated_at <> e.created_at
    ),
    0::bigint,
    'AUTOMATIC, no notes or recorder, cost left to the inventory step, timestamps = the feeding time'
);

SELECT ok(
    (
        SELECT max(e.feeding_percentage) < 5 AND min(e.feeding_percentage) > 0
        FROM inventory_feedingevent AS e
    ),
    'meals are between 0 and 5 % of the biomass'
);

SELECT ok(
    pg_sequence_last_value(pg_get_serial_sequence('inventory_feedingevent', 'id'))
    >= (SELECT max(id) FROM inventory_feedingevent),
    'the identity sequence continues after the generated ids'
);

-- Determinism: again, and batch by batch, gives the same rows; a batch's call touches only it.
SELECT tap.regenerates_identically(
    'generating again gives identical rows',
    '{inventory_feedingevent}', 'SELECT aquasql.generate_feeding()'
);

SELECT tap.regenerates_identically(
    'regenerating one batch leaves the others as they were',
    '{inventory_feedingevent}', 'SELECT aquasql.generate_feeding(ARRAY[2]::bigint[])'
);

SELECT tap.regenerates_identically(
    'batch by batch, in another order, gives identical rows',
    '{inventory_feedingevent}',
    'DELETE FROM inventory_feedingevent',
    'SELECT aquasql.generate_feeding(ARRAY[2]::bigint[])',
    'SELECT aquasql.generate_feeding(ARRAY[1]::bigint[])'
);

SELECT * FROM finish();
ROLLBACK;
