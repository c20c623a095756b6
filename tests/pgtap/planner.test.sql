-- slow: plans the full profile twice (left out by scripts/test.sh --quick)
-- one mode: the planner writes no hypertable (plan tables, batches, assignments)
-- The planner: the default full schedule, no container held twice, determinism (saturation and
-- bad input: planner_limits.test.sql, which runs beside this file).
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(23);

SELECT aquasql.generate_infrastructure('full');
SELECT aquasql.generate_master_data();

SELECT is(aquasql.plan('full', 42, '2026-11-23'), 170, 'default plan: 170 batches');
SELECT results_eq(
    $$ SELECT g.name::text, count(*) FROM aquasql.plan_batch AS p
       JOIN infrastructure_geography AS g ON g.id = p.geography_id GROUP BY 1 ORDER BY 1 $$,
    $$ VALUES ('Faroe Islands', 85::bigint), ('Scotland', 85::bigint) $$,
    '85 batches per geography'
);
SELECT is(
    (
        SELECT count(*) FROM batch_batchcontainerassignment AS a
        INNER JOIN batch_batchcontainerassignment
            AS b ON a.container_id = b.container_id AND a.id < b.id
        AND daterange(a.assignment_date, a.departure_date) && daterange(b.assignment_date, b.departure_date)
    ),
    0::bigint, 'no container holds two assignments at once'
);
SELECT ok(
    (SELECT ('2026-11-23'::date - min(start_date)) / 365.25 BETWEEN 6.9 AND 7.2 FROM batch_batch),
    'history spans about 7 years'
);
SELECT ok(
    (SELECT abs(min(start_date) - ('2026-11-23'::date - (84 * 30 + 50))) <= 90 FROM batch_batch),
    'the oldest batch starts about (batches - 1) x stagger + 50 days before the run date (its slot moves it)'
);
SELECT ok((
    SELECT count(*) FROM batch_batch
    WHERE status = 'COMPLETED'
) > 100, 'more than 100 batches completed');
SELECT ok((
    SELECT count(*) FROM batch_batch
    WHERE status = 'ACTIVE'
) > 40, 'more than 40 batches active');
SELECT is(
    (
        SELECT count(DISTINCT lifecycle_stage_id) FROM batch_batch
        WHERE status = 'ACTIVE'
    ), 6::bigint,
    'every stage is represented among active batches'
);
SELECT is(
    (
        SELECT count(*) FROM batch_batch
        WHERE status = 'COMPLETED' AND (actual_end_date IS NULL OR actual_end_date > '2026-11-23')
    ),
    0::bigint, 'completed batches end on or before the run date'
);
SELECT ok(
    (SELECT bool_and(batch_number ~ '^(FI|SCO)-20[0-9]{2}-[0-9]{3}$') FROM batch_batch),
    'batch numbers like FI-2019-001 / SCO-2019-001'
);
SELECT is(
    (SELECT count(*) FROM (
        SELECT
            a.batch_id,
            st."order",
            count(*) AS n
        FROM batch_batchcontainerassignment AS a
        INNER JOIN batch_lifecyclestage AS st ON a.lifecycle_stage_id = st.id
        WHERE st."order" < 6
        GROUP BY 1, 2
    ) AS x
    WHERE n <> 10), 0::bigint, 'every freshwater stage takes all 10 containers of a hall'
);
SELECT is(
    (
        SELECT count(*) FROM (
            SELECT
                a.batch_id,
                count(DISTINCT c.area_id) AS areas,
                count(*) AS rings
            FROM batch_batchcontainerassignment AS a
            INNER JOIN infrastructure_container AS c ON a.container_id = c.id
            WHERE c.area_id IS NOT NULL
            GROUP BY 1
        ) AS x INNER JOIN aquasql.plan_batch AS p ON x.batch_id = p.batch_id
        WHERE x.areas <> 1 OR x.rings <> p.rings
    ), 0::bigint,
    'at sea a batch takes its planned rings of one area'
);
-- Rings counted in the infrastructure, not from the planner's constant: a site is stocked
-- with one year class, so a batch at sea holds every active ring of its area, and an area
-- holds one batch at a time (from its rings' stocking to its last ring's harvest).
SELECT results_eq(
    $$ SELECT count(*) FILTER (WHERE x.areas <> 1 OR x.rings <> p.rings OR x.rings <> (
                SELECT count(*) FROM infrastructure_container AS r WHERE r.area_id = x.area_id AND r.active)),
              count(*) >= 100
       FROM (
           SELECT a.batch_id, min(c.area_id) AS area_id, count(DISTINCT c.area_id) AS areas,
                  count(DISTINCT a.container_id) AS rings
           FROM batch_batchcontainerassignment AS a
           JOIN infrastructure_container AS c ON c.id = a.container_id WHERE c.area_id IS NOT NULL GROUP BY 1
       ) AS x JOIN aquasql.plan_batch AS p USING (batch_id) $$,
    $$ VALUES (0::bigint, TRUE) $$,
    'a site takes one year class: each of over 100 batches at sea holds every active ring of one area, as planned'
);
SELECT is(
    (
        WITH held AS (
            SELECT
                a.batch_id,
                c.area_id,
                daterange(min(a.assignment_date), max(coalesce(a.departure_date, 'infinity'::date))) AS days
            FROM batch_batchcontainerassignment AS a
            INNER JOIN infrastructure_container AS c ON a.container_id = c.id
            WHERE c.area_id IS NOT NULL
            GROUP BY 1, 2
        )

        SELECT count(*) FROM held AS x INNER JOIN held AS y
            ON x.area_id = y.area_id AND x.batch_id < y.batch_id AND x.days && y.days
    ),
    0::bigint,
    'no sea area (and so no ring) is shared by two batches whose time there overlaps'
);

-- The hatchery's slots: each station's halls change over on its slots, four a year, so the
-- sea transfers fall in the smolt windows and stage lengths follow the slots.
SELECT is(
    (
        SELECT count(*) FROM batch_batchcontainerassignment AS a
        INNER JOIN batch_lifecyclestage AS st ON a.lifecycle_stage_id = st.id AND st."order" = 6
        WHERE extract(MONTH FROM a.assignment_date) NOT IN (3, 5, 9, 11)
    ), 0::bigint,
    'every sea transfer is on a slot: early or late in a smolt window (March, May, September, November)'
);
SELECT ok(
    (SELECT min(days) >= 60 AND max(days) <= 120 AND stddev_pop(days) >= 5 FROM (
        SELECT
            batch_id,
            stage_order,
            count(*) AS days
        FROM aquasql.batch_day
        WHERE
            stage_order < 6 AND batch_id IN (
                SELECT p.batch_id FROM aquasql.plan_batch AS p
                WHERE p.sea_start_date <= '2026-11-23'
            )
        GROUP BY 1, 2
    ) AS x),
    'freshwater stages last 60-120 days, from one slot to the next, and differ between batches'
);
SELECT is(
    (
        SELECT count(*) FROM aquasql.batch_day AS d
        INNER JOIN aquasql.plan_batch AS p ON d.batch_id = p.batch_id
        INNER JOIN aquasql.daily_temperature AS t
            ON p.geography_id = t.geography_id AND d.stage_order = t.stage_order AND d.date = t.date
        INNER JOIN aquasql.stage_parameter AS sp ON d.stage_order = sp.stage_order
        WHERE
            d.stage_order < 6 AND abs(d.temp_c - t.temp_c) > aquasql.param('hall_steering_share') * sp.temp_mean + 1e-9
    ),
    0::bigint,
    'a hall''s temperature is steered from its series by at most hall_steering_share of the stage''s mean'
);
SELECT is(
    (SELECT count(*) FROM (
        SELECT
            d.weight_g AS weight,
            power(cbrt(
                0.1) + sum(
                sp.tgc * p.tgc_multiplier
                * aquasql.stage_tgc_factor(42, g.sort_order, p.batch_index, d.stage_order)
                * d.temp_c / 1000
            ) OVER (PARTITION BY d.batch_id ORDER BY d.date), 3) AS tgc_weight
        FROM aquasql.batch_day AS d
        INNER JOIN aquasql.plan_batch AS p ON d.batch_id = p.batch_id
        INNER JOIN infrastructure_geography AS gg ON p.geography_id = gg.id
        INNER JOIN aquasql.profile_geography AS g ON g.profile = 'full' AND gg.name = g.geography
        INNER JOIN aquasql.stage_parameter AS sp ON d.stage_order = sp.stage_order
        WHERE d.stage_order < 6
    ) AS x
    WHERE abs(x.weight - x.tgc_weight) > 0.006 + 0.0001 * x.tgc_weight), 0::bigint,
    'steered stages still grow by the cube-root TGC model over the stored temperatures'
);
SELECT ok(
    (SELECT
        avg((EXISTS (
            SELECT 1 FROM batch_batchcontainerassignment AS a
            WHERE
                a.container_id = c.id
                AND a.assignment_date <= '2026-11-23' AND coalesce(a.departure_date, 'infinity') > '2026-11-23'
        ))::int)
        FILTER (WHERE c.hall_id IS NOT NULL) >= 0.6
        AND avg((EXISTS (
            SELECT 1
            FROM batch_batchcontainerassignment AS a
            WHERE
                a.container_id = c.id
                AND a.assignment_date <= '2026-11-23' AND coalesce(a.departure_date, 'infinity') > '2026-11-23'
        ))::int)
        FILTER (WHERE c.area_id IS NOT NULL) >= 0.7
    FROM infrastructure_container AS c
    WHERE c.active),
    'the farm is used like a farm: at the run date >= 60 % of tanks and >= 70 % of rings hold fish'
);
SELECT is(
    (
        SELECT count(*) FROM batch_batchcontainerassignment
        WHERE is_active <> (departure_date IS NULL)
    ), 0::bigint,
    'assignments still holding fish at the run date are active, the others closed'
);

-- Same seed and run date: the same plan.
SELECT tap.regenerates_identically(
    'the same seed and run date give an identical plan',
    '{batch_batch,batch_batchcontainerassignment,aquasql.plan_batch}',
    $$ SELECT aquasql.plan('full', 42, '2026-11-23', p_replace => TRUE) $$
);
SELECT ok(
    (
        SELECT
            max(eggs) <= 3800000 AND min(eggs) >= 2500000
            AND count(*) FILTER (WHERE eggs >= 3000000) >= 0.9 * count(*)
        FROM aquasql.plan_batch
    ),
    'eggs within 3.0-3.8 M, fewer only for the few fast growers whose tanks would overflow'
);
-- another seed: the small profile's plan is enough to tell (the full one takes longer)
SELECT aquasql.plan('small', 42, '2026-11-23', p_replace => TRUE);
CREATE TEMP TABLE eggs_42 AS SELECT
    batch_id,
    eggs,
    tgc_multiplier
FROM aquasql.plan_batch;
SELECT aquasql.plan('small', 7, '2026-11-23', p_replace => TRUE);
SELECT ok(
    (
        SELECT
            count(*) FILTER (WHERE p.eggs <> e.eggs) = count(*)
            AND count(*) FILTER (WHERE p.tgc_multiplier <> e.tgc_multiplier) = count(*)
            AND count(*) = (SELECT count(*) FROM eggs_42)
        FROM aquasql.plan_batch AS p INNER JOIN eggs_42 AS e ON p.batch_id = e.batch_id
    ),
    'another seed gives other egg counts and growth multipliers to every batch'
);

SELECT * FROM finish();
ROLLBACK;
