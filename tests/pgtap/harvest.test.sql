-- one mode: writes no hypertable (readings are the only one aquasql writes)
-- Harvest events, lots and finance facts (tiny profile: one completed batch, one active).
BEGIN;
SELECT plan(26);

SELECT aquasql.generate_infrastructure('tiny');
SELECT aquasql.generate_master_data();
SELECT aquasql.plan('tiny', 42, '2026-11-23');
SELECT aquasql.generate_lifecycle();

SELECT cmp_ok(aquasql.generate_harvest(), '>', 0::bigint, 'generate_harvest writes rows');

-- The sea assignments of completed batches: what must have been harvested, each ring on
-- the day it left (its last day with fish + 1), with the ring's own weight on its last day.
CREATE TEMP TABLE harvested_ring ON COMMIT DROP AS
SELECT
    l.assignment_id,
    l.batch_id,
    l.container_id,
    l.end_population,
    l.last_day + 1 AS harvest_day,
    p.harvest_start_date,
    p.harvest_date,
    p.geography_id,
    a.avg_weight_g AS ring_weight_g
FROM aquasql.assignment_life AS l
INNER JOIN aquasql.plan_batch AS p ON l.batch_id = p.batch_id
INNER JOIN aquasql.run_setting AS r ON p.harvest_date <= r.as_of
INNER JOIN batch_batchcontainerassignment AS a ON l.assignment_id = a.id
WHERE l.stage_order = 6 AND l.departed;

SELECT cmp_ok((SELECT count(*) FROM harvested_ring), '>', 0::bigint, 'the tiny plan has a completed batch at sea');

SELECT set_eq(
    'SELECT id, assignment_id, batch_id FROM harvest_harvestevent',
    'SELECT assignment_id AS id, assignment_id, batch_id FROM harvested_ring',
    'one event per sea assignment of a completed batch (id = assignment id)'
);

SELECT is(
    (
        SELECT count(*) FROM harvest_harvestevent AS e INNER JOIN batch_batch AS b ON e.batch_id = b.id
        WHERE b.status <> 'COMPLETED' OR b.actual_end_date IS NULL
    ),
    0::bigint,
    'no harvest for active batches'
);

SELECT is(
    (
        SELECT count(*)
        FROM harvest_harvestevent AS e
        INNER JOIN harvested_ring AS h ON e.assignment_id = h.assignment_id
        WHERE
            e.event_date::date <> h.harvest_day OR e.dest_geography_id <> h.geography_id
            OR e.dest_subsidiary <> 'FM' OR e.document_ref !~ '^HRV-[A-Z]+-[0-9]{4}-[0-9]{3}-[0-9]+$'
    ),
    0::bigint,
    'events on the day the ring left, to the batch''s geography, subsidiary FM, document HRV-<batch>-<ring>'
);

SELECT ok(
    (
        SELECT
            count(DISTINCT harvest_day) > 1 AND min(harvest_day) > min(harvest_start_date)
            AND max(harvest_day) = max(harvest_date)
        FROM harvested_ring
    ),
    'a site is harvested ring after ring over the harvest window, the last ring on the harvest date'
);

SELECT ok(
    (SELECT bool_and(rate BETWEEN 100 AND 300) FROM (
        SELECT sum(l.live_weight_kg) / 1000 / (max(h.harvest_date) - max(h.harvest_start_date)) AS rate
        FROM harvested_ring AS h INNER JOIN harvest_harvestlot AS l ON h.assignment_id = l.event_id
        GROUP BY h.batch_id
    ) AS x),
    'the harvest goes at a wellboat''s pace: 100-300 t a day over the window'
);

SELECT is(
    (SELECT sum(unit_count) FROM harvest_harvestlot),
    (SELECT sum(end_population) FROM harvested_ring),
    'lot units add up to the fish harvested'
);

SELECT is(
    (
        SELECT count(*) FROM harvested_ring AS h
        WHERE h.end_population <> (
            SELECT coalesce(sum(l.unit_count), 0) FROM harvest_harvestlot AS l
            WHERE l.event_id = h.assignment_id
        )
    ),
    0::bigint,
    'every ring''s lots add up to its fish'
);

SELECT is(
    (
        SELECT count(*) FROM harvest_harvestevent AS e
        WHERE
            (
                SELECT count(DISTINCT l.product_grade_id) FROM harvest_harvestlot AS l
                WHERE l.event_id = e.id
            ) <> 5
            OR (
                SELECT count(*) FROM harvest_harvestlot AS l
                WHERE l.event_id = e.id
            ) <> 5
    ),
    0::bigint,
    'five lots per event, one per grade'
);

SELECT ok(
    (SELECT sum(live_weight_kg) / sum(unit_count) BETWEEN 4 AND 6 FROM harvest_harvestlot),
    'mean harvest weight 4-6 kg'
);

SELECT is(
    (SELECT count(*) FROM (
        SELECT h.assignment_id
        FROM harvested_ring AS h
        INNER JOIN harvest_harvestlot AS l ON h.assignment_id = l.event_id
        GROUP BY h.assignment_id, h.end_population, h.ring_weight_g
        HAVING
            abs(sum(l.live_weight_kg) - h.end_population * h.ring_weight_g / 1000)
            > 0.01 + h.end_population * 0.005 / 1000
    ) AS off),
    0::bigint,
    'live weight per ring = fish x the ring''s mean weight on its last day'
);

SELECT is(
    (
        SELECT count(*) FROM harvest_harvestlot
        WHERE live_weight_kg > 0 AND (
            gutted_weight_kg NOT BETWEEN 0.83 * live_weight_kg - 0.0005 AND 0.88 * live_weight_kg + 0.0005
            OR fillet_weight_kg NOT BETWEEN 0.52 * live_weight_kg - 0.0005 AND 0.60 * live_weight_kg + 0.0005
        )
    ),
    0::bigint,
    'gutted yield 0.83-0.88 and fillet yield 0.52-0.60 of live weight in every lot'
);

SELECT cmp_ok(
    (
        SELECT
            count(DISTINCT round(gutted_weight_kg / live_weight_kg, 3))
            + count(DISTINCT round(fillet_weight_kg / live_weight_kg, 3))
        FROM harvest_harvestlot
        WHERE live_weight_kg > 100
    ),
    '>',
    (
        SELECT count(*) FROM harvest_harvestlot
        WHERE live_weight_kg > 100
    ) / 2,
    'yields differ from lot to lot'
);

SELECT ok(
    (
        SELECT corr(ln(live_weight_kg / unit_count), fillet_weight_kg / live_weight_kg) > 0
        FROM harvest_harvestlot
        WHERE unit_count > 100
    ),
    'lots of bigger fish have higher fillet yields'
);

SELECT cmp_ok(
    (
        SELECT count(DISTINCT row(l.product_grade_id, round(l.unit_count::numeric / e.fish, 3)))
        FROM harvest_harvestlot AS l
        INNER JOIN (SELECT
            event_id,
            sum(unit_count) AS fish
        FROM harvest_harvestlot
        GROUP BY event_id) AS e
            ON l.event_id = e.event_id
    ),
    '>',
    (SELECT count(DISTINCT product_grade_id) FROM harvest_harvestlot) * 2,
    'grade shares differ between rings'
);

SELECT ok(
    (
        SELECT
            bool_and(big.share > small.share) FILTER (WHERE big.slot <= 2)
            AND bool_and(big.share < small.share) FILTER (WHERE big.slot >= 4)
            AND abs((SELECT sum(s.share) FROM aquasql.harvest_grade_shares(0.4) AS s) - 1) < 1e-9
            AND (
                SELECT bool_and(abs(s.share - g.share) < 1e-9) FROM aquasql.harvest_grade_shares(0) AS s
                INNER JOIN aquasql.harvest_grades() AS g ON s.slot = g.slot
            )
        FROM aquasql.harvest_grade_shares(aquasql.param('harvest_grade_weight_logit') * ln(6000 / 5000.0)) AS big
        INNER JOIN
            aquasql.harvest_grade_shares(aquasql.param('harvest_grade_weight_logit') * ln(4300 / 5000.0))
                AS small
            ON big.slot = small.slot
    ),
    'grade shares move with mean weight: 6 kg fish grade higher than 4.3 kg fish (0: the base shares)'
);

SELECT ok(
    (SELECT bool_and(w.mean_kg < w.prev_kg) FROM (
        SELECT
            g.code,
            sum(l.live_weight_kg) / sum(l.unit_count) AS mean_kg,
            lag(sum(l.live_weight_kg) / sum(l.unit_count), 1, 1e9) OVER (ORDER BY gr.slot) AS prev_kg
        FROM harvest_harvestlot AS l
        INNER JOIN harvest_productgrade AS g ON l.product_grade_id = g.id
        INNER JOIN aquasql.harvest_grades() AS gr ON g.code = gr.code
        GROUP BY g.code, gr.slot
    ) AS w),
    'fish are heavier in the better grades'
);

SELECT ok(
    (
        SELECT bool_and(abs(s.got / gr.share - 1) < 0.2) FROM (
            SELECT
                g.code,
                sum(l.unit_count)::double precision / (SELECT sum(unit_count) FROM harvest_harvestlot) AS got
            FROM harvest_harvestlot AS l INNER JOIN harvest_productgrade AS g ON l.product_grade_id = g.id
            GROUP BY g.code
        ) AS s INNER JOIN aquasql.harvest_grades() AS gr ON s.code = gr.code
    ),
    'grade shares within 20 % of 10/40/35/12/3 % near the reference weight'
);

SELECT is(
    (
        SELECT count(*) FROM harvest_harvestlot AS l
        LEFT JOIN finance_factharvest AS f ON l.id = f.lot_id
        INNER JOIN harvest_harvestevent AS e ON l.event_id = e.id
        WHERE
            f.fact_id IS NULL OR f.fact_id <> l.id OR f.event_id <> e.id OR f.event_date <> e.event_date
            OR f.quantity_kg <> l.live_weight_kg OR f.unit_count <> l.unit_count
            OR f.product_grade_id <> l.product_grade_id OR f.dim_batch_id <> e.batch_id
    ),
    0::bigint,
    'one finance fact per lot with its figures'
);

SELECT is(
    (SELECT count(*) FROM finance_factharvest),
    (SELECT count(*) FROM harvest_harvestlot),
    'no facts without lots'
);

SELECT is(
    (
        SELECT count(*) FROM finance_factharvest AS f
        INNER JOIN harvest_harvestevent AS e ON f.event_id = e.id
        INNER JOIN batch_batchcontainerassignment AS a ON e.assignment_id = a.id
        INNER JOIN infrastructure_container AS c ON a.container_id = c.id
        INNER JOIN finance_dimsite AS s ON f.dim_site_id = s.site_id
        INNER JOIN finance_dimcompany AS co ON f.dim_company_id = co.company_id
        WHERE
            s.source_model <> 'area' OR s.source_pk <> c.area_id
            OR co.geography_id <> e.dest_geography_id OR co.subsidiary <> 'FM'
    ),
    0::bigint,
    'facts booked to the geography''s farming company and the ring''s sea area'
);

-- Determinism: regenerating, and generating batch by batch, give the same rows.
CREATE TEMP TABLE harvest_digest ON COMMIT DROP AS
SELECT tap.digest('harvest_harvestevent', 'harvest_harvestlot', 'finance_factharvest') AS d;

SELECT tap.regenerates_identically(
    'regenerating gives identical rows',
    '{harvest_harvestevent,harvest_harvestlot,finance_factharvest}', 'SELECT aquasql.generate_harvest()'
);
SELECT ok(
    nextval(pg_get_serial_sequence('harvest_harvestlot', 'id')) > (SELECT max(id) FROM harvest_harvestlot)
    AND nextval(pg_get_serial_sequence('finance_factharvest', 'fact_id'))
    > (SELECT max(fact_id) FROM finance_factharvest),
    'identity sequences continue after the generated ids'
);

-- Batch 2 (active) alone must leave batch 1's harvest alone; then batch 1 alone restores it.
SELECT aquasql.generate_harvest(ARRAY[2]::bigint[]);
SELECT is(
    (SELECT count(*) FROM harvest_harvestevent),
    (SELECT count(*) FROM harvested_ring),
    'generating another batch keeps this batch''s harvest'
);
SELECT aquasql.generate_harvest(ARRAY[1]::bigint[]);
SELECT is(
    tap.digest('harvest_harvestevent', 'harvest_harvestlot', 'finance_factharvest'), (SELECT d FROM harvest_digest),
    'generating batch by batch gives identical rows'
);

SELECT * FROM finish();
ROLLBACK;
