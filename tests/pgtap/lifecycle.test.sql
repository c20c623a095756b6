-- one mode: writes no hypertable (readings are the only one aquasql writes)
-- The lifecycle engine on one full-size batch (3.5 M eggs, from 2024-01-01 to 2026-08-01, through
-- harvest): fish conserved every day and at every transfer, growth from the stored
-- temperatures, biology in the bands of the domain reference, feed from FCR, determinism.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(36);

SELECT aquasql.generate_infrastructure('full');
SELECT aquasql.generate_master_data();
SELECT aquasql.plan(
    'full', 42, '2026-08-01', 1, p_geography => 'Faroe Islands',
    p_start_date => '2024-01-01', p_eggs => 3500000
);
SELECT cmp_ok(aquasql.generate_lifecycle(), '>', 9000::bigint, 'the lifecycle writes ≈ 10 K daily states');

-- Per day: the batch's fish, deaths, mean weight over its containers, its growth curve and
-- the fish of rings harvested that day (a site is harvested ring after ring).
CREATE TEMP TABLE daily AS
SELECT
    s.batch_id,
    s.date,
    s.day_number,
    sum(s.population) AS fish,
    sum(s.mortality_count) AS deaths,
    sum(s.population * s.avg_weight_g) / sum(s.population) AS weight,
    max(d.weight_g) AS curve_weight,
    count(DISTINCT s.avg_weight_g) AS weights,
    count(*) AS containers,
    coalesce((
        SELECT sum(l.end_population) FROM aquasql.assignment_life AS l
        WHERE l.batch_id = s.batch_id AND l.stage_order = 6 AND l.departed AND l.last_day = s.date - 1
    ), 0)
        AS harvested
FROM batch_actualdailyassignmentstate AS s
INNER JOIN aquasql.batch_day AS d ON s.batch_id = d.batch_id AND s.date = d.date
GROUP BY s.batch_id, s.date, s.day_number;

-- Every ring's harvest: its fish on its last day.
CREATE TEMP TABLE harvest AS
SELECT sum(l.end_population) AS fish FROM aquasql.assignment_life AS l
WHERE l.stage_order = 6 AND l.departed;

SELECT is(
    (
        SELECT count(*) FROM batch_actualdailyassignmentstate AS s
        INNER JOIN aquasql.assignment_life AS l ON s.assignment_id = l.assignment_id
        INNER JOIN aquasql.batch_day AS d ON s.batch_id = d.batch_id AND s.date = d.date
        WHERE abs(s.avg_weight_g - d.weight_g * aquasql.container_weight_factor(
            aquasql.run_seed(), l.batch_id, l.container_id, l.stage_order, s.date - l.first_day
        )) > 0.006
    ),
    0::bigint,
    'every container''s mean weight = the batch''s growth curve x its own drifting factor'
);
SELECT ok(
    (
        SELECT count(*) FILTER (WHERE weights > 1) > 0.8 * count(*) FROM daily
        WHERE containers > 1 AND day_number > 100
    ),
    'containers of a batch differ in mean weight'
);
SELECT is(
    (SELECT count(*) FROM (
        SELECT
            d.*,
            lag(d.fish) OVER (ORDER BY d.date) AS fish_before,
            coalesce((
                SELECT sum(w.total_mortality_count) FROM batch_batchtransferworkflow AS w
                WHERE w.batch_id = d.batch_id AND w.actual_start_date = d.date
            ), 0) AS moved_dead
        FROM daily AS d
    ) AS x
    WHERE fish_before IS NOT NULL AND fish <> fish_before - deaths - moved_dead - harvested),
    0::bigint, 'every day: fish = yesterday''s fish - deaths (- transfer losses, - rings harvested)'
);
SELECT is(
    (
        SELECT count(*) FROM (
            SELECT date FROM daily
            GROUP BY date
            HAVING count(*) > 1
        ) AS x
    ), 0::bigint,
    'one batch total per day (no day counted twice)'
);
SELECT ok(
    (
        SELECT fish BETWEEN 2800000 AND 3200000 FROM daily
        WHERE day_number = 91
    ),
    'day 91: 2.8-3.2 M fish of 3.5 M eggs (no doubling on the transfer day)'
);

-- Transfers: what left the source = transferred + died; destinations start from what they got.
SELECT is(
    (SELECT count(*) FROM batch_batchtransferworkflow), 5::bigint, 'five transfer workflows'
);
SELECT is(
    (
        SELECT count(*) FROM batch_batchtransferworkflow AS w
        WHERE
            w.total_source_count <> w.total_transferred_count + w.total_mortality_count
            OR w.total_transferred_count
            <> (
                SELECT sum(a.transferred_count) FROM batch_transferaction AS a
                WHERE a.workflow_id = w.id
            )
            OR w.total_mortality_count
            <> (
                SELECT sum(a.mortality_during_transfer) FROM batch_transferaction AS a
                WHERE a.workflow_id = w.id
            )
            OR w.total_actions_planned <> (
                SELECT count(*) FROM batch_transferaction AS a
                WHERE a.workflow_id = w.id
            )
    ),
    0::bigint, 'workflow totals equal the sums of their actions'
);
SELECT is(
    (
        SELECT count(*) FROM (
            SELECT
                t.source_assignment_id,
                max(t.source_population_before) AS before,
                sum(t.transferred_count + t.mortality_during_transfer) AS left_source
            FROM batch_transferaction AS t
            GROUP BY t.source_assignment_id
        ) AS x INNER JOIN aquasql.assignment_life AS l ON x.source_assignment_id = l.assignment_id
        WHERE x.left_source <> x.before OR x.before <> l.end_population
    ), 0::bigint,
    'every source container empties: transferred + transfer deaths = its last population'
);
SELECT is(
    (
        SELECT count(*) FROM (
            SELECT
                t.dest_assignment_id,
                sum(t.transferred_count) AS received
            FROM batch_transferaction AS t
            GROUP BY t.dest_assignment_id
        ) AS x INNER JOIN batch_actualdailyassignmentstate AS s
            ON x.dest_assignment_id = s.assignment_id AND s.id = s.assignment_id * 10000
        WHERE s.population + s.mortality_count <> x.received
    ), 0::bigint,
    'every destination starts from exactly the fish moved into it'
);
SELECT ok(
    (SELECT bool_and(dead::float8 / before BETWEEN 0.001 AND 0.0051) FROM (
        SELECT
            sum(mortality_during_transfer) AS dead,
            max(source_population_before) AS before
        FROM batch_transferaction
        GROUP BY source_assignment_id
    ) AS x),
    'transfer mortality 0.1-0.5 % of each source container'
);
SELECT is(
    (
        SELECT max(s.population + s.mortality_count) FROM batch_actualdailyassignmentstate AS s
        INNER JOIN batch_lifecyclestage AS st ON s.lifecycle_stage_id = st.id
        WHERE st."order" = 6 AND s.id = s.assignment_id * 10000
    )
    <= 200000, TRUE, 'no sea ring starts with more than 200,000 fish'
);
SELECT is(
    (SELECT sum(egg_count_actual) FROM batch_creationaction), 3500000::bigint, 'the egg deliveries add up to the eggs'
);
SELECT is((SELECT count(*) FROM batch_creationaction), 10::bigint, 'ten deliveries, one per tray');

-- Growth: recompute the cube-root TGC curve from the stored temperatures, independently:
-- the stage's TGC × the batch's multiplier (× the stage's own factor in freshwater), over
-- the geography's temperatures (+ the sea area's offset at sea).
SELECT is(
    (
        SELECT count(*) FROM aquasql.batch_day AS d
        INNER JOIN aquasql.plan_batch AS p ON d.batch_id = p.batch_id
        INNER JOIN aquasql.daily_temperature AS t
            ON p.geography_id = t.geography_id AND d.stage_order = t.stage_order AND d.date = t.date
        WHERE abs(d.temp_c - t.temp_c - CASE
            WHEN d.stage_order = 6
                THEN aquasql.area_temperature_offset(aquasql.run_seed(), p.area_id)
            ELSE 0
        END) > 1e-9
    ),
    0::bigint,
    'the curve''s temperatures: the halls'', or at sea the geography''s plus the area''s offset'
);
SELECT is(
    (SELECT count(*) FROM (
        SELECT
            d.date,
            d.weight_g AS weight,
            power(cbrt(0.1) + sum(sp.tgc * p.tgc_multiplier * CASE
                WHEN d.stage_order < 6
                    THEN
                        aquasql.stage_tgc_factor(aquasql.run_seed(), 1, p.batch_index, d.stage_order)
                ELSE 1
            END
            * d.temp_c / 1000) OVER (ORDER BY d.date), 3) AS tgc_weight
        FROM aquasql.batch_day AS d
        INNER JOIN aquasql.plan_batch AS p ON d.batch_id = p.batch_id
        INNER JOIN aquasql.stage_parameter AS sp ON d.stage_order = sp.stage_order
    ) AS x
    WHERE abs(x.weight - x.tgc_weight) > 0.006 + 0.0001 * x.tgc_weight), 0::bigint,
    'the batch''s curve = (W0^1/3 + TGC/1000 x degree-days)^3 from the stored temperatures'
);
SELECT ok(
    (
        SELECT
            bool_and(f.weight_g >= sp.end_weight_g OR f.days = aquasql.param('stage_max_days'))
            AND bool_and(f.days >= aquasql.param('stage_min_days'))
            AND bool_and(f.weight_before < sp.end_weight_g OR f.days = aquasql.param('stage_min_days'))
        FROM (
            SELECT
                d.stage_order,
                count(*) AS days,
                max(d.weight_g) AS weight_g,
                max(d.weight_g - d.gain_g) FILTER (WHERE d.date < (
                    SELECT max(e.date) FROM aquasql.batch_day AS e
                    WHERE e.stage_order = d.stage_order
                )) AS weight_before
            FROM aquasql.batch_day AS d
            WHERE d.stage_order < 6
            GROUP BY d.stage_order
        ) AS f INNER JOIN aquasql.stage_parameter AS sp ON f.stage_order = sp.stage_order
    ),
    'a freshwater stage ends on the day the batch reaches the stage''s end weight'
);
SELECT ok((
    SELECT weight BETWEEN 0.1 AND 0.3 FROM daily
    WHERE day_number = 90
), 'day 90 ≈ 0.2 g');
SELECT ok((
    SELECT weight BETWEEN 4 AND 6 FROM daily
    WHERE day_number = 180
), 'day 180: 4-6 g');
SELECT ok((
    SELECT weight BETWEEN 30 AND 50 FROM daily
    WHERE day_number = 270
), 'day 270: 30-50 g');
SELECT ok((
    SELECT weight BETWEEN 90 AND 120 FROM daily
    WHERE day_number = 360
), 'day 360: 90-120 g (smolt)');
SELECT ok((
    SELECT weight BETWEEN 250 AND 350 FROM daily
    WHERE day_number = 450
), 'day 450: 250-350 g (sea transfer)');
SELECT ok(
    (
        SELECT sum(a.population_count * a.avg_weight_g) / sum(a.population_count) BETWEEN 4000 AND 6000
        FROM batch_batchcontainerassignment AS a INNER JOIN aquasql.assignment_life AS l ON a.id = l.assignment_id
        WHERE l.stage_order = 6
    ),
    'harvest weight 4-6 kg (the rings'' mean on their last day)'
);

-- Limits a farm keeps: no tank or ring above its max biomass (the planner sizes the eggs
-- for the halls), no ring above 200,000 fish.
SELECT is(
    (
        SELECT count(*) FROM batch_actualdailyassignmentstate AS s
        INNER JOIN infrastructure_container AS c ON s.container_id = c.id
        WHERE s.biomass_kg > c.max_biomass_kg OR (c.area_id IS NOT NULL AND s.population > 200000)
    ),
    0::bigint, 'no container-day above the container''s max biomass'
);

-- Survival in the domain's bands.
SELECT
    ok((
        SELECT fish / 3500000.0 BETWEEN 0.78 AND 0.88 FROM daily
        WHERE day_number = 200
    ), 'day 200 survival 0.78-0.88');
SELECT ok(
    (
        SELECT 1 - harvest.fish::float8 / first.fish BETWEEN 0.08 AND 0.20
        FROM (
            SELECT fish + deaths AS fish FROM daily
            WHERE day_number = 451
        ) AS first, harvest
    ),
    'sea-phase mortality 8-20 %'
);
SELECT ok((SELECT fish / 3500000.0 BETWEEN 0.60 AND 0.78 FROM harvest), 'full-cycle survival 0.60-0.78');

-- A freshwater stage's survival holds over the batch's own stage length; at sea, hazards are per day.
SELECT ok(
    (
        SELECT
            bool_and(
                abs(power(1 - aquasql.daily_hazard(s.stage_order, 1, d.days), d.days) - s.stage_survival) < 1e-9
            )
        FROM aquasql.stage_parameter AS s CROSS JOIN (VALUES (67), (90), (113)) AS d (days)
        WHERE s.duration_days IS NOT NULL
    ),
    'a freshwater stage of 67, 90 or 113 days keeps its stage survival'
);
SELECT
    is(
        aquasql.daily_hazard(6, 1.1, 200),
        aquasql.daily_hazard(6, 1.1),
        'the sea hazard does not depend on a stage length'
    );

-- Feed: FCR x each container's biomass gain, with the stated waste and noise, on the days
-- the fish are fed: none in their last days before a move or harvest (feed withdrawal).
CREATE TEMP TABLE fed AS
SELECT
    s.*,
    st."order" AS stage_order,
    l.last_day,
    l.departed,
    s.population * (d.weight_g * aquasql.container_weight_factor(
        aquasql.run_seed(), l.batch_id, l.container_id, l.stage_order, s.date - l.first_day
    )
    - (d.weight_g - d.gain_g) * aquasql.container_weight_factor(
        aquasql.run_seed(), l.batch_id, l.container_id, l.stage_order, s.date - l.first_day - 1
    )) / 1000 AS gain_kg
FROM batch_actualdailyassignmentstate AS s
INNER JOIN batch_lifecyclestage AS st ON s.lifecycle_stage_id = st.id
INNER JOIN aquasql.assignment_life AS l ON s.assignment_id = l.assignment_id
INNER JOIN aquasql.batch_day AS d ON s.batch_id = d.batch_id AND s.date = d.date;
SELECT is(
    (
        SELECT count(*) FROM fed
        WHERE
            stage_order > 1
            AND (feed_kg = 0) <> (departed AND date > last_day - aquasql.feed_withdrawal_days(stage_order, departed))
    ),
    0::bigint,
    'fish are fed every day but the last 2 before the move to sea and the last 7 before harvest'
);
SELECT is(
    (
        SELECT count(*) FROM batch_actualdailyassignmentstate AS s
        INNER JOIN batch_lifecyclestage AS st ON s.lifecycle_stage_id = st.id
        WHERE st."order" = 1 AND s.feed_kg <> 0
    ),
    0::bigint, 'no feed in Egg&Alevin'
);
SELECT ok(
    (SELECT bool_and(ratio BETWEEN 1.0 AND 1.04) FROM (
        SELECT
            sum(f.feed_kg) / sum(
                sp.fcr * aquasql.batch_fcr_multiplier(aquasql.run_seed(), f.batch_id) * f.gain_kg
            )::numeric AS ratio
        FROM fed AS f
        INNER JOIN aquasql.stage_parameter AS sp ON f.stage_order = sp.stage_order
        WHERE f.stage_order > 1 AND f.feed_kg > 0
        GROUP BY f.stage_order
    ) AS x),
    'per stage, feed = FCR x the batch''s FCR multiplier x biomass gain x (1 + 2 % waste) within noise'
);
SELECT ok(
    (SELECT bool_and(fcr BETWEEN 0.8 AND 1.5) FROM (
        SELECT sum(f.feed_kg) / sum(f.gain_kg)::numeric AS fcr
        FROM fed AS f
        WHERE f.stage_order > 1
        GROUP BY f.stage_order
    ) AS x),
    'observed FCR per stage 0.8-1.5'
);

-- The daily states' sources in the words of AquaMind's growth engine, which its projection
-- engine reads: the temperature bias takes the days whose sources->>'temp' is measured.
SELECT is(
    (
        SELECT count(*) FROM batch_actualdailyassignmentstate AS s
        WHERE
            s.sources ->> 'temp' IS DISTINCT FROM 'measured'
            OR s.sources ->> 'weight' NOT IN ('measured', 'tgc_computed')
            OR s.sources ->> 'mortality' <> CASE WHEN s.mortality_count > 0 THEN 'actual' ELSE 'model' END
            OR s.sources ->> 'feed' <> CASE WHEN s.feed_kg > 0 THEN 'actual' ELSE 'none' END
            OR (s.sources ? 'fcr') <> (s.observed_fcr IS NOT NULL)
            OR EXISTS (
                SELECT 1 FROM jsonb_object_keys(s.sources) AS k
                WHERE k NOT IN ('weight', 'temp', 'mortality', 'feed', 'fcr')
            )
    ), 0::bigint,
    'sources: temp measured; weight, mortality, feed and fcr as AquaMind''s growth engine words them'
);
SELECT is(
    (
        SELECT count(*) FROM batch_actualdailyassignmentstate AS s
        WHERE
            (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(s.confidence_scores) AS k)
            <> ARRAY['feed', 'mortality', 'temp', 'weight']
            OR (s.sources ->> 'weight' = 'measured') <> ((s.confidence_scores ->> 'weight')::numeric = 1)
    ), 0::bigint,
    'confidence scores under the same keys; a weighed weight is certain'
);

-- Determinism: the same seed regenerates identical rows.
SELECT tap.regenerates_identically(
    'the same seed gives identical daily states, transfers and assignments',
    '{batch_actualdailyassignmentstate,batch_transferaction,batch_batchcontainerassignment}',
    $$ SELECT aquasql.plan('full', 42, '2026-08-01', 1, p_replace => TRUE, p_geography => 'Faroe Islands',
        p_start_date => '2024-01-01', p_eggs => 3500000) $$,
    'SELECT aquasql.generate_lifecycle()'
);

SELECT * FROM finish();
ROLLBACK;
