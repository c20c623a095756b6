-- one mode: writes no hypertable (readings are the only one aquasql writes)
-- Growth samples (tiny profile): on the daily state's growth-sample anchors outside the egg
-- stage, on working days, weekly in freshwater and every 4-5 weeks at sea, unbiased around the
-- true mean weight, plausible spread and condition factor; with individual fish, the sample
-- row is computed from its fish.
BEGIN;
SELECT plan(27);

SELECT aquasql.generate_infrastructure('tiny');
SELECT aquasql.generate_master_data();
SELECT aquasql.plan('tiny', 42, '2026-11-23');
SELECT aquasql.generate_lifecycle();

SELECT cmp_ok(aquasql.generate_growth_samples(), '>', 0::bigint, 'generate_growth_samples writes rows');

CREATE TEMP TABLE sample ON COMMIT DROP AS
SELECT
    g.*,
    s.avg_weight_g AS true_weight_g,
    s.day_number,
    l.stage_order,
    100 * g.avg_weight_g / g.avg_length_cm ^ 3 AS k
FROM batch_growthsample AS g
INNER JOIN batch_actualdailyassignmentstate AS s ON g.id = s.id
INNER JOIN aquasql.assignment_life AS l ON g.assignment_id = l.assignment_id;

SELECT set_eq(
    'SELECT id, assignment_id, date FROM batch_actualdailyassignmentstate WHERE anchor_type = ''growth_sample''',
    'SELECT id, assignment_id, sample_date FROM batch_growthsample',
    'one sample per growth-sample anchor day (id = daily-state id)'
);

SELECT is(
    (
        SELECT count(*) FROM sample
        WHERE stage_order = 1
    ),
    0::bigint,
    'no samples in Egg&Alevin'
);

SELECT is(
    (
        SELECT count(*) FROM aquasql.assignment_life AS l
        INNER JOIN aquasql.plan_batch AS p ON l.batch_id = p.batch_id
        WHERE
            l.stage_order > 1 AND l.last_day - l.first_day >= 4
            AND NOT EXISTS (
                SELECT 1 FROM batch_growthsample AS g
                WHERE g.assignment_id = l.assignment_id
            )
    ),
    0::bigint,
    'every assignment outside Egg&Alevin holding fish for 5 days or more is sampled'
);

SELECT is(
    (
        SELECT count(*) FROM batch_growthsample
        WHERE extract(ISODOW FROM sample_date) > 5
    ),
    0::bigint,
    'samples only on working days (Mon-Fri)'
);

CREATE TEMP TABLE sample_gap ON COMMIT DROP AS
SELECT
    stage_order,
    sample_date - lag(sample_date) OVER (PARTITION BY assignment_id ORDER BY sample_date) AS gap
FROM sample;

SELECT is(
    (
        SELECT count(*) FROM sample_gap
        WHERE stage_order < 6 AND gap <> 7
    ),
    0::bigint,
    'freshwater samples are weekly within each assignment (one weekday per container)'
);

SELECT is(
    (
        SELECT count(*) FROM sample_gap
        WHERE stage_order = 6 AND (gap < 25 OR gap NOT IN (28, 35))
    ),
    0::bigint,
    'sea samples every 4 or 5 weeks (never less than 25 days apart)'
);

SELECT ok(
    (
        SELECT count(DISTINCT gap) = 2 FROM sample_gap
        WHERE stage_order = 6
    ),
    'sea intervals alternate between 4 and 5 weeks'
);

SELECT is(
    (
        SELECT count(*) FROM sample
        WHERE
            (stage_order < 6 AND sample_size <> aquasql.param('growth_sample_size_tank'))
            OR (
                stage_order = 6 AND sample_size NOT BETWEEN aquasql.param('growth_sample_size_sea_min')
                AND aquasql.param('growth_sample_size_sea_max')
            )
    ),
    0::bigint,
    'sample size 30 in freshwater, 20-30 at sea'
);

SELECT cmp_ok(
    (
        SELECT count(DISTINCT sample_size) FROM sample
        WHERE stage_order = 6
    ),
    '>',
    1::bigint,
    'sea sample sizes vary'
);

SELECT cmp_ok(
    (SELECT abs(avg(avg_weight_g / true_weight_g - 1)) FROM sample),
    '<',
    0.01,
    'sampled means are unbiased: mean relative error below 1 %'
);

SELECT cmp_ok(
    (SELECT avg(abs(avg_weight_g / true_weight_g - 1)) FROM sample),
    '<',
    0.05,
    'sampled means within a few % of the true mean on average'
);

SELECT is(
    (
        SELECT count(*) FROM sample
        WHERE
            std_deviation_weight NOT BETWEEN 0.5 * avg_weight_g * aquasql.weight_cv(day_number)::numeric - 0.005
            AND 1.5 * avg_weight_g * aquasql.weight_cv(day_number)::numeric + 0.005
    ),
    0::bigint,
    'standard deviation = mean x weight_cv(day) within +- 50 % (and rounding)'
);

SELECT is(
    (
        SELECT count(*) FROM sample
        WHERE
            NOT (min_weight_g > 0 AND min_weight_g < avg_weight_g AND avg_weight_g < max_weight_g)
            OR (avg_weight_g - min_weight_g) / std_deviation_weight NOT BETWEEN 1.5 AND 3
            OR (max_weight_g - avg_weight_g) / std_deviation_weight NOT BETWEEN 1.5 AND 3
    ),
    0::bigint,
    '0 < min < mean < max, extremes about 2-2.5 sd from the mean'
);

SELECT is(
    (
        SELECT count(*) FROM sample
        WHERE
            condition_factor NOT BETWEEN 1.0 AND 1.3 OR k NOT BETWEEN 1.0 AND 1.3
            OR abs(condition_factor - k) > 0.006
    ),
    0::bigint,
    'condition factor K = 100 W / L^3 in 1.0-1.3'
);

SELECT cmp_ok(
    (
        SELECT avg(condition_factor) FROM sample
        WHERE stage_order = 6
    ),
    '>',
    (
        SELECT avg(condition_factor) FROM sample
        WHERE stage_order = 2
    ),
    'K higher at sea than in fry'
);

SELECT is(
    (
        SELECT count(*) FROM sample
        WHERE
            avg_length_cm <= 0 OR std_deviation_length <= 0 OR notes <> ''
            OR created_at AT TIME ZONE 'UTC' <> sample_date + aquasql.param_time('growth_sample_hour')
    ),
    0::bigint,
    'lengths positive, notes blank, timestamps from the sample date'
);

SELECT set_eq(
    'SELECT a.id, max(g.sample_date) FROM batch_batchcontainerassignment AS a
        LEFT JOIN batch_growthsample AS g ON a.id = g.assignment_id GROUP BY a.id',
    'SELECT id, last_weighing_date FROM batch_batchcontainerassignment',
    'last_weighing_date = the assignment''s latest sample (NULL when never sampled)'
);

-- Determinism: regenerating, and generating batch by batch, give the same rows.
-- The assignments are digested whole: the samples set only their last_weighing_date.
SELECT tap.regenerates_identically(
    'regenerating gives identical rows and weighing dates',
    '{batch_growthsample,batch_batchcontainerassignment}', 'SELECT aquasql.generate_growth_samples()'
);

SELECT tap.regenerates_identically(
    'batch by batch, in another order, gives identical rows and weighing dates',
    '{batch_growthsample,batch_batchcontainerassignment}',
    'DELETE FROM batch_growthsample',
    'UPDATE batch_batchcontainerassignment SET last_weighing_date = NULL',
    'SELECT aquasql.generate_growth_samples(ARRAY[2]::bigint[])',
    'SELECT aquasql.generate_growth_samples(ARRAY[1]::bigint[])'
);

-- With individual fish.
SELECT is(
    aquasql.generate_growth_samples(NULL, TRUE),
    (SELECT count(*) + sum(sample_size) FROM batch_growthsample),
    'with individuals: one row per sample and per fish'
);

SELECT is(
    (
        SELECT count(*) FROM batch_growthsample AS g
        WHERE g.sample_size <> (
            SELECT count(*) FROM batch_individualgrowthobservation AS o
            WHERE o.growth_sample_id = g.id
        )
    ),
    0::bigint,
    'each sample has sample_size fish'
);

SELECT is(
    (
        SELECT count(*) FROM batch_individualgrowthobservation
        WHERE
            id <> growth_sample_id * 100 + substr(fish_identifier, 2)::integer
            OR fish_identifier !~ '^F[0-9]{2}$' OR weight_g <= 0 OR length_cm <= 0
    ),
    0::bigint,
    'fish F01.. with id = sample id * 100 + fish number, positive weight and length'
);

SELECT is(
    (
        SELECT count(*) FROM batch_growthsample AS g
        INNER JOIN (
            SELECT
                growth_sample_id,
                round(avg(weight_g), 2) AS w,
                round(stddev_pop(weight_g), 2) AS sd,
                min(weight_g) AS lo,
                max(weight_g) AS hi,
                round(avg(length_cm), 2) AS l,
                round(stddev_pop(length_cm), 2) AS sdl
            FROM batch_individualgrowthobservation
            GROUP BY growth_sample_id
        ) AS o ON g.id = o.growth_sample_id
        WHERE (
            g.avg_weight_g, g.std_deviation_weight, g.min_weight_g, g.max_weight_g, g.avg_length_cm,
            g.std_deviation_length, g.condition_factor
        )
        IS DISTINCT FROM (o.w, o.sd, o.lo, o.hi, o.l, o.sdl, round(100 * o.w / o.l ^ 3, 2))
    ),
    0::bigint,
    'the sample row is the aggregate of its fish (as GrowthSample.calculate_aggregates)'
);

SELECT cmp_ok(
    (
        SELECT abs(avg(g.avg_weight_g / s.avg_weight_g - 1)) FROM batch_growthsample AS g
        INNER JOIN batch_actualdailyassignmentstate AS s ON g.id = s.id
    ),
    '<',
    0.01,
    'with individuals, sampled means are unbiased too'
);

SELECT is(
    (
        SELECT count(*) FROM batch_growthsample
        WHERE condition_factor NOT BETWEEN 1.0 AND 1.3
    ),
    0::bigint,
    'with individuals, K in 1.0-1.3'
);

SELECT tap.regenerates_identically(
    'individual fish are deterministic',
    '{batch_individualgrowthobservation,batch_growthsample,batch_batchcontainerassignment}',
    'SELECT aquasql.generate_growth_samples(ARRAY[2]::bigint[], TRUE)',
    'SELECT aquasql.generate_growth_samples(ARRAY[1]::bigint[], TRUE)'
);

SELECT * FROM finish();
ROLLBACK;
