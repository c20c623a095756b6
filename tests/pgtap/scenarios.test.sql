-- one mode: writes no hypertable (readings are the only one aquasql writes)
-- Scenarios and their daily projections (tiny profile: one batch through harvest, one 50
-- days old that has reached neither scenario's start).
BEGIN;
SELECT plan(17);

-- projections by scenario in both AquaMind versions (projection id = scenario id × 1000 + day)
CREATE TEMP VIEW scenario_projection AS
SELECT
    p.*,
    p.projection_id / 1000 AS scenario_id
FROM scenario_scenarioprojection AS p;

SELECT aquasql.generate_infrastructure('tiny');
SELECT aquasql.generate_master_data();
SELECT aquasql.plan('tiny', 42, '2026-11-23');
SELECT aquasql.generate_lifecycle();

SELECT cmp_ok(aquasql.generate_scenarios(), '>', 0::bigint, 'generate_scenarios writes rows');

-- Where each batch's scenarios must start: its first Parr day and its first sea day.
CREATE TEMP TABLE expected_scenario ON COMMIT DROP AS
SELECT
    p.batch_id,
    p.batch_id * 10 + k.slot AS scenario_id,
    k.label,
    d.date AS start_date,
    d.weight_g
FROM aquasql.plan_batch AS p
CROSS JOIN aquasql.scenario_kinds() AS k
INNER JOIN aquasql.batch_day AS d ON p.batch_id = d.batch_id AND k.stage_order = d.stage_order
WHERE
    d.date <= p.history_end
    AND d.date
    = (
        SELECT min(f.date) FROM aquasql.batch_day AS f
        WHERE f.batch_id = p.batch_id AND f.stage_order = k.stage_order
    );

SELECT cmp_ok(
    (
        SELECT count(DISTINCT batch_id) FROM aquasql.plan_batch
        WHERE sea_start_date <= history_end
    ),
    '>', 0::bigint, 'the tiny plan has a batch that reached the sea'
);

SELECT set_eq(
    'SELECT scenario_id, batch_id, start_date FROM scenario',
    'SELECT scenario_id, batch_id, start_date FROM expected_scenario',
    'one scenario per kind whose start lies within the batch''s history'
);

SELECT is(
    (
        SELECT count(*) FROM aquasql.plan_batch AS p
        WHERE
            p.sea_start_date <= p.history_end
            AND (
                SELECT count(*) FROM scenario AS s
                WHERE s.batch_id = p.batch_id
            ) <> 2
    ),
    0::bigint,
    'two scenarios per batch that reached the sea'
);

SELECT is(
    (
        SELECT count(*) FROM scenario AS s INNER JOIN batch_batch AS b ON s.batch_id = b.id
        WHERE s.name NOT IN (b.batch_number || ' From Batch (Parr)', b.batch_number || ' Sea Growth Forecast')
    ),
    0::bigint,
    'scenario names: <batch> From Batch (Parr) / Sea Growth Forecast'
);

SELECT is(
    (
        SELECT count(*) FROM scenario AS s
        INNER JOIN expected_scenario AS e ON s.scenario_id = e.scenario_id
        WHERE s.initial_count <> (
            SELECT sum(d.population) FROM batch_actualdailyassignmentstate AS d
            WHERE d.batch_id = s.batch_id AND d.date = s.start_date
        )
        OR abs(s.initial_weight - e.weight_g) > 0.01
        OR s.created_by_id <> aquasql.user_id('system_admin')
        OR s.genotype = '' OR s.supplier = ''
    ),
    0::bigint,
    'initial count and weight are the batch''s on the start day; created by system_admin'
);

SELECT is(
    (
        SELECT count(*) FROM scenario AS s
        WHERE
            s.duration_days <> (
                SELECT count(*) FROM scenario_projection AS p
                WHERE p.scenario_id = s.scenario_id
            )
            OR s.duration_days <> (
                SELECT
                    count(DISTINCT p.day_number) FILTER (
                        WHERE p.projection_date = s.start_date + p.day_number - 1
                        AND p.projection_id = s.scenario_id * 1000 + p.day_number
                    )
                FROM scenario_projection AS p
                WHERE p.scenario_id = s.scenario_id AND p.day_number BETWEEN 1 AND s.duration_days
            )
    ),
    0::bigint,
    'one projection row per day from the start, without gaps, duration_days long'
);

SELECT ok(
    (
        SELECT bool_and(p.average_weight BETWEEN 0.75 * h.weight_g AND 1.25 * h.weight_g)
        FROM scenario AS s
        INNER JOIN aquasql.plan_batch AS pb ON s.batch_id = pb.batch_id
        INNER JOIN aquasql.run_setting AS r ON pb.harvest_date <= r.as_of
        INNER JOIN aquasql.batch_day AS h ON pb.batch_id = h.batch_id AND pb.history_end = h.date
        INNER JOIN scenario_projection AS p
            ON s.scenario_id = p.scenario_id AND s.duration_days = p.day_number
    ),
    'the projections of a completed batch end within 25 % of the harvest weight it reached'
);

SELECT ok(
    (
        SELECT bool_and(abs(last_p.projection_date - pb.harvest_date) < 120)
        FROM scenario AS s
        INNER JOIN aquasql.plan_batch AS pb ON s.batch_id = pb.batch_id
        INNER JOIN aquasql.run_setting AS r ON pb.harvest_date <= r.as_of
        INNER JOIN scenario_projection AS last_p
            ON s.scenario_id = last_p.scenario_id AND s.duration_days = last_p.day_number
    ),
    'and reach it within four months of the real harvest'
);

SELECT is(
    (SELECT count(*) FROM (
        SELECT
            p.average_weight < lag(p.average_weight) OVER w AS shrinks,
            p.population > lag(p.population) OVER w AS grows,
            p.cumulative_feed < lag(p.cumulative_feed) OVER w AS unfeeds,
            abs(p.biomass - p.population * p.average_weight / 1000) > 0.01 AS bad_biomass
        FROM scenario_projection AS p
        WINDOW w AS (PARTITION BY p.scenario_id ORDER BY p.day_number)
    ) AS x
    WHERE shrinks OR grows OR unfeeds OR bad_biomass),
    0::bigint,
    'weight and feed only grow, population only falls, biomass = population x weight'
);

SELECT ok(
    (SELECT bool_and(x.fcr BETWEEN 0.9 AND 1.5) FROM (
        SELECT
            max(
                p.cumulative_feed) / (
                max(p.biomass) FILTER (WHERE p.day_number = s.duration_days)
                - s.initial_count * s.initial_weight / 1000
            ) AS fcr
        FROM scenario AS s INNER JOIN scenario_projection AS p ON s.scenario_id = p.scenario_id
        GROUP BY s.scenario_id, s.initial_count, s.initial_weight
    ) AS x),
    'projected FCR (feed / biomass gain) 0.9-1.5'
);

SELECT is(
    (
        SELECT count(*) FROM scenario_projection AS p
        INNER JOIN batch_lifecyclestage AS st ON p.current_stage_id = st.id
        WHERE
            (st."order" = 6 AND p.temperature NOT BETWEEN 3 AND 16)
            OR (st."order" < 6 AND p.temperature NOT BETWEEN 9 AND 15)
    ),
    0::bigint,
    'temperatures: the profile at sea, the halls in freshwater'
);

SELECT is(
    (
        SELECT count(*) FROM scenario AS s
        INNER JOIN scenario_projection AS p ON s.scenario_id = p.scenario_id
        INNER JOIN batch_lifecyclestage AS st ON p.current_stage_id = st.id
        INNER JOIN aquasql.plan_batch AS pb ON s.batch_id = pb.batch_id
        WHERE (st."order" = 6) <> (p.projection_date >= pb.sea_start_date)
    ),
    0::bigint,
    'stages follow the batch''s schedule (Adult from the sea transfer on)'
);

SELECT is(
    (
        SELECT count(*) FROM batch_batch AS b
        WHERE b.pinned_projection_run_id IS DISTINCT FROM (
            SELECT max(e.scenario_id) FROM expected_scenario AS e
            WHERE e.batch_id = b.id
        )
    ),
    0::bigint,
    'every batch with scenarios pins its latest; the others none'
);

-- Determinism: regenerating, and generating batch by batch, give the same rows.
-- The batches are digested whole: the scenarios set only their pinned scenario (c6cd7d5) or
-- projection run (cb41030).
SELECT tap.regenerates_identically(
    'regenerating gives identical rows',
    '{scenario,scenario_projection,batch_batch}', 'SELECT aquasql.generate_scenarios()'
);

SELECT tap.regenerates_identically(
    'generating batch by batch gives identical rows',
    '{scenario,scenario_projection,batch_batch}',
    'SELECT aquasql.generate_scenarios(ARRAY[2]::bigint[])',
    'SELECT aquasql.generate_scenarios(ARRAY[1]::bigint[])'
);

SELECT ok(
    nextval(pg_get_serial_sequence('scenario_scenarioprojection', 'projection_id'))
    > (SELECT max(projection_id) FROM scenario_projection)
    AND nextval(pg_get_serial_sequence('scenario', 'scenario_id')) > (SELECT max(scenario_id) FROM scenario),
    'identity sequences continue after the generated ids'
);

SELECT * FROM finish();
ROLLBACK;
