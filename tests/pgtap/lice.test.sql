-- one mode: writes no hypertable (readings are the only one aquasql writes)
-- Sea-lice counts (tiny profile): only at sea, weekly per ring on a working day (fortnightly
-- below 4 °C), 20 fish, one row per lice type, by the operator or the vet, adult females mostly
-- at or below 0.5 per fish, more in late summer than in late winter; every delousing follows a
-- count at or above the limit and brings the lice down. Faroe water never goes below 4 °C, so
-- 100 days of the completed batch's sea stage are cooled to 3 °C.
BEGIN;
SELECT plan(27);

SELECT aquasql.generate_infrastructure('tiny');
SELECT aquasql.generate_master_data();
SELECT aquasql.plan('tiny', 42, '2026-11-23');
SELECT aquasql.generate_lifecycle();

UPDATE batch_actualdailyassignmentstate AS s SET temp_c = 3.0
FROM aquasql.assignment_life AS l
WHERE
    s.assignment_id = l.assignment_id AND l.stage_order = 6
    AND s.date BETWEEN l.first_day + 150 AND l.first_day + 249;

SELECT cmp_ok(aquasql.generate_lice_counts(), '>', 0::bigint, 'generate_lice_counts writes rows');

-- One row per count (ring and day), with the day's daily state.
CREATE TEMP TABLE lice_count ON COMMIT DROP AS
SELECT
    c.assignment_id,
    c.count_date,
    s.date,
    s.date - l.first_day AS day_index,
    s.temp_c,
    l.stage_order,
    l.first_day,
    l.last_day,
    count(*) AS type_rows,
    sum(c.count_value) FILTER (
        WHERE t.species = 'Lepeophtheirus salmonis' AND t.gender = 'female' AND t.development_stage = 'adult'
    ) AS adult_females,
    count(*) FILTER (WHERE t.species = 'Lepeophtheirus salmonis') AS salmonis_rows,
    count(*) FILTER (WHERE t.species = 'Caligus elongatus') AS caligus_rows
FROM health_licecount AS c
INNER JOIN health_licetype AS t ON c.lice_type_id = t.id
INNER JOIN batch_actualdailyassignmentstate AS s ON c.id / 16 = s.id
INNER JOIN aquasql.assignment_life AS l ON c.assignment_id = l.assignment_id
GROUP BY c.assignment_id, c.count_date, s.date, l.first_day, l.last_day, s.temp_c, l.stage_order;

SELECT is(
    (
        SELECT count(*) FROM lice_count
        WHERE stage_order <> 6
    ),
    0::bigint,
    'lice counts only at sea'
);

SELECT is(
    (
        SELECT count(*) FROM aquasql.assignment_life AS l
        INNER JOIN aquasql.plan_batch AS p ON l.batch_id = p.batch_id
        WHERE
            l.stage_order = 6
            AND NOT EXISTS (
                SELECT 1 FROM health_licecount AS c
                WHERE c.assignment_id = l.assignment_id
            )
    ),
    0::bigint,
    'every ring at sea is counted'
);

SELECT is(
    (
        SELECT count(*) FROM health_licecount AS c
        INNER JOIN batch_batchcontainerassignment AS a ON c.assignment_id = a.id
        WHERE c.batch_id <> a.batch_id OR c.container_id IS DISTINCT FROM a.container_id
    ),
    0::bigint,
    'batch and container are the assignment''s'
);

SELECT is(
    (
        SELECT count(*) FROM health_licecount AS c
        INNER JOIN batch_actualdailyassignmentstate AS s ON c.id / 16 = s.id
        WHERE
            s.assignment_id <> c.assignment_id OR s.date <> (c.count_date AT TIME ZONE 'UTC')::date
            OR c.id % 16 NOT BETWEEN 1 AND 6
    ),
    0::bigint,
    'id = daily-state id * 16 + lice-type slot, on that state''s day'
);

SELECT is(
    (
        SELECT count(*) FROM lice_count
        WHERE date NOT BETWEEN first_day AND last_day
    ),
    0::bigint,
    'counts within the assignment''s days'
);

-- The counting days, spelled out from the rule rather than from the generator's own function:
-- week k of a ring's sea stage has its count on day 2 (first day + 2 + 7k), moved to the Friday
-- before from a Saturday and to the Monday after from a Sunday, every week from
-- lice_weekly_min_temp_c and every other week (k even) below it.
SELECT set_eq(
    'SELECT assignment_id, date FROM lice_count',
    $$ SELECT s.assignment_id, s.date
       FROM aquasql.assignment_life AS l
       INNER JOIN aquasql.stage_parameter AS sp ON l.stage_order = sp.stage_order AND sp.at_sea
       CROSS JOIN LATERAL generate_series(0, (l.last_day - l.first_day) / 7 + 1) AS k
       CROSS JOIN LATERAL (SELECT l.first_day + 2 + 7 * k AS nominal) AS n
       INNER JOIN batch_actualdailyassignmentstate AS s
           ON s.assignment_id = l.assignment_id
           AND s.date = n.nominal + CASE extract(ISODOW FROM n.nominal) WHEN 6 THEN -1 WHEN 7 THEN 1 ELSE 0 END
       WHERE s.temp_c >= aquasql.param('lice_weekly_min_temp_c') OR k % 2 = 0 $$,
    'counting days: one fixed weekday per ring (day 2 of the week, moved off weekends), weekly from 4 °C, '
    'fortnightly below'
);

SELECT is(
    (
        SELECT count(*) FROM lice_count
        WHERE extract(ISODOW FROM date) > 5
    ),
    0::bigint,
    'counts only on working days (Mon-Fri)'
);

SELECT cmp_ok(
    (
        SELECT count(*) FROM lice_count
        WHERE temp_c < 4
    ),
    '>',
    0::bigint,
    'the cooled weeks are counted'
);

SELECT is(
    (SELECT count(*) FROM (
        SELECT
            temp_c,
            lag(temp_c) OVER w AS prev_temp_c,
            date - lag(date) OVER w AS gap
        FROM lice_count
        WINDOW w AS (PARTITION BY assignment_id ORDER BY date)
    ) AS x
    WHERE (temp_c >= 4 AND prev_temp_c >= 4 AND gap <> 7) OR (temp_c < 4 AND prev_temp_c < 4 AND gap <> 14)),
    0::bigint,
    'consecutive counts 7 days apart in warm water, 14 days apart below 4 °C'
);

SELECT is(
    (
        SELECT count(*) FROM health_licecount
        WHERE
            fish_sampled <> aquasql.param('lice_count_fish') OR detection_method <> 'manual'
            OR confidence_level NOT BETWEEN aquasql.param('lice_confidence_min')::numeric
            AND (aquasql.param('lice_confidence_min') + aquasql.param('lice_confidence_spread'))::numeric
            OR adult_female_count <> 0 OR adult_male_count <> 0 OR juvenile_count <> 0
            OR count_value IS NULL OR lice_type_id IS NULL OR notes <> ''
    ),
    0::bigint,
    'lice_count_fish fish, manual, confidence within lice_confidence_min + spread, normalized format (legacy '
    || 'counts 0), notes blank'
);

SELECT is(
    (
        SELECT count(*) FROM lice_count
        WHERE salmonis_rows <> 4 OR caligus_rows > 2 OR type_rows <> salmonis_rows + caligus_rows
    ),
    0::bigint,
    'each count: the 4 L. salmonis rows, Caligus rows only when found'
);

SELECT is(
    (SELECT count(*) - count(DISTINCT row(assignment_id, count_date, lice_type_id)) FROM health_licecount),
    0::bigint,
    'one row per lice type per count'
);

SELECT ok(
    (
        SELECT count(*) FROM lice_count
        WHERE caligus_rows > 0
    ) BETWEEN 1 AND (SELECT count(*) / 2 FROM lice_count
    ),
    'Caligus elongatus found sometimes'
);

SELECT cmp_ok(
    (SELECT count(*) FILTER (WHERE adult_females <= 10)::float / count(*) FROM lice_count),
    '>=',
    0.8::float,
    'adult females at or below 0.5 per fish in at least 80 % of counts'
);

SELECT cmp_ok(
    (
        SELECT count(*) FROM lice_count
        WHERE adult_females > 10
    ),
    '>',
    0::bigint,
    'occasional exceedances of 0.5 adult females per fish'
);

SELECT cmp_ok(
    (SELECT avg(adult_females) FILTER (WHERE date - first_day >= 200) FROM lice_count),
    '>',
    (SELECT avg(adult_females) FILTER (WHERE date - first_day < 100) FROM lice_count),
    'more lice after 200 days at sea than in the first 100'
);

SELECT is(
    (
        SELECT count(*) FROM health_licecount
        WHERE
            user_id NOT IN (aquasql.user_id('operator_fi'), aquasql.user_id('vet_01'))
            OR (count_date AT TIME ZONE 'UTC')::time
            NOT BETWEEN time '00:00' + aquasql.param_time('lice_count_hour') AND '15:00'
    ),
    0::bigint,
    'counted by the geography''s operator or the vet, from 10:00 UTC'
);

SELECT ok(
    (SELECT count(DISTINCT user_id) > 1 FROM health_licecount)
    AND (SELECT count(*) = 0 FROM (
        SELECT
            batch_id,
            (count_date AT TIME ZONE 'UTC')::date AS count_day
        FROM health_licecount
        GROUP BY batch_id, (count_date AT TIME ZONE 'UTC')::date
        HAVING count(DISTINCT user_id) > 1
    ) AS x),
    'counts by more than one user, one user per batch and day'
);

-- The lice model's treatments, with the counts before and after each.
CREATE TEMP TABLE treatment ON COMMIT DROP AS
SELECT
    d.assignment_id,
    d.date,
    d.trigger_date,
    d.trigger_count,
    (
        SELECT c.adult_females FROM lice_count AS c
        WHERE c.assignment_id = d.assignment_id AND c.date < d.date
        ORDER BY c.date DESC LIMIT 1
    ) AS before,
    (
        SELECT c.date FROM lice_count AS c
        WHERE c.assignment_id = d.assignment_id AND c.date < d.date
        ORDER BY c.date DESC LIMIT 1
    ) AS before_date,
    (
        SELECT c.adult_females FROM lice_count AS c
        WHERE c.assignment_id = d.assignment_id AND c.date > d.date
        ORDER BY c.date LIMIT 1
    ) AS after
FROM aquasql.lice_days(aquasql.plan_batches(NULL)) AS d
WHERE d.treated;

SELECT cmp_ok((SELECT count(*) FROM treatment), '>', 1::bigint, 'rings are deloused');

SELECT is(
    (
        SELECT count(*) FROM treatment
        WHERE
            before IS NULL OR before < 10 OR before_date <> trigger_date OR before <> trigger_count
            OR date - before_date > aquasql.param('lice_treatment_delay_max') + 2
    ),
    0::bigint,
    'every delousing follows, within the delay (+ a weekend), a count of at least 0.5 adult females per fish: '
    'the count it names'
);

SELECT is(
    (
        SELECT count(*) FROM lice_count AS c
        WHERE
            c.adult_females >= 10 AND c.date + aquasql.param('lice_treatment_delay_max')::integer + 2 <= c.last_day
            AND NOT EXISTS (
                SELECT 1 FROM treatment AS t
                WHERE t.assignment_id = c.assignment_id AND t.date BETWEEN c.date + 1 AND c.date + 7
            )
    ),
    0::bigint,
    'every count at or above the limit is followed by a delousing within a week (unless the ring''s history ends)'
);

SELECT is(
    (
        SELECT count(*) FROM treatment
        WHERE after IS NOT NULL AND after >= before
    ),
    0::bigint,
    'lice after a delousing below lice before'
);

SELECT cmp_ok(
    (
        SELECT avg(after::double precision / before) FROM treatment
        WHERE after IS NOT NULL
    ),
    '<',
    0.35::double precision,
    'a delousing takes most of the lice (next count on average below 35 % of the one before)'
);

-- (abundance lags the temperature by the weeks lice take to develop: it peaks in early
-- autumn and is lowest in early spring)
SELECT cmp_ok(
    (
        SELECT avg(adult_females) FROM lice_count
        WHERE extract(MONTH FROM date) BETWEEN 8 AND 10
    ),
    '>',
    (
        SELECT avg(adult_females) FROM lice_count
        WHERE extract(MONTH FROM date) BETWEEN 2 AND 4
    ),
    'seasonal cycle: more adult females in August-October than in February-April'
);

-- Determinism: regenerating, and generating batch by batch, give the same rows.
SELECT tap.regenerates_identically(
    'regenerating gives identical rows',
    '{health_licecount}', 'SELECT aquasql.generate_lice_counts()'
);

SELECT tap.regenerates_identically(
    'batch by batch, in another order, gives identical rows',
    '{health_licecount}',
    'DELETE FROM health_licecount',
    'SELECT aquasql.generate_lice_counts(ARRAY[2]::bigint[])',
    'SELECT aquasql.generate_lice_counts(ARRAY[1]::bigint[])'
);

SELECT * FROM finish();
ROLLBACK;
