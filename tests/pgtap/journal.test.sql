-- one mode: writes no hypertable (readings are the only one aquasql writes)
-- Health journal (tiny profile): a routine check every 30 days per assignment, an issue and a
-- treatment per disease episode, a treatment entry per sea-lice delousing. Every container
-- gets a disease episode here.
BEGIN;
SELECT plan(17);

SELECT aquasql.generate_infrastructure('tiny');
SELECT aquasql.generate_master_data();
UPDATE aquasql.model_parameter SET value = 1
WHERE name IN ('disease_probability_freshwater', 'disease_probability_sea');
SELECT aquasql.plan('tiny', 42, '2026-11-23');
SELECT aquasql.generate_lifecycle();

SELECT cmp_ok(aquasql.generate_journal(), '>', 0::bigint, 'generate_journal writes rows');

CREATE TEMP TABLE life ON COMMIT DROP AS
SELECT l.*
FROM aquasql.assignment_life AS l
INNER JOIN aquasql.plan_batch AS p ON l.batch_id = p.batch_id;

-- AquaMind's journal entry names batch and container; its assignment is the one holding
-- that batch in that container on the entry's day
CREATE TEMP TABLE entry ON COMMIT DROP AS
SELECT
    j.*,
    a.id AS assignment_id,
    (j.entry_date AT TIME ZONE 'UTC')::date AS day,
    j.id % 8 AS slot
FROM health_journalentry AS j
LEFT JOIN batch_batchcontainerassignment AS a
    ON
        j.batch_id = a.batch_id AND j.container_id = a.container_id
        AND (j.entry_date AT TIME ZONE 'UTC')::date >= a.assignment_date
        AND (a.departure_date IS NULL OR (j.entry_date AT TIME ZONE 'UTC')::date < a.departure_date);

SELECT set_eq(
    'SELECT assignment_id, count(*) FROM entry WHERE category = ''observation'' GROUP BY assignment_id',
    'SELECT l.assignment_id, (l.last_day - l.first_day - k.d) / k.n + 1 FROM life AS l '
    'CROSS JOIN (SELECT aquasql.param(''journal_routine_check_day'')::integer AS d, '
    'aquasql.param(''journal_routine_check_days'')::integer AS n) AS k WHERE l.last_day - l.first_day >= k.d',
    'one routine check per 30 days per assignment (from day 14 in the container)'
);

SELECT is(
    (
        SELECT count(*) FROM entry AS e INNER JOIN life AS l ON e.assignment_id = l.assignment_id
        WHERE
            e.category = 'observation'
            AND (
                (e.day - l.first_day) % aquasql.param('journal_routine_check_days')::integer
                <> aquasql.param('journal_routine_check_day')::integer
                OR e.severity <> 'low' OR e.description !~ '^Routine health check'
            )
    ),
    0::bigint,
    'routine checks on day 14 of each 30-day period, severity low'
);

SELECT set_eq(
    'SELECT assignment_id, day FROM entry WHERE category = ''issue''',
    'SELECT assignment_id, disease_start FROM life WHERE disease_start IS NOT NULL',
    'one issue per disease episode, on its first day'
);

SELECT is(
    (
        SELECT count(*) FROM entry AS e INNER JOIN life AS l ON e.assignment_id = l.assignment_id
        INNER JOIN aquasql.stage_parameter AS sp ON l.stage_order = sp.stage_order
        WHERE
            e.category = 'issue' AND (
                e.severity NOT IN ('medium', 'high')
                OR position(
                    aquasql.disease_name(aquasql.run_seed(), l.assignment_id, sp.incubation, sp.at_sea)
                    IN e.description
                ) = 0
            )
    ),
    0::bigint,
    'issues are medium or high and name the episode''s disease'
);

SELECT cmp_ok(
    (
        SELECT count(*) FROM entry
        WHERE category = 'issue'
    ),
    '>',
    0::bigint,
    'the plan has disease episodes'
);

SELECT set_eq(
    'SELECT assignment_id, day FROM entry WHERE slot = 2',
    'SELECT assignment_id, disease_start + 2 FROM life WHERE disease_start + 2 <= last_day',
    'each episode''s treatment two days in (while the fish are there)'
);

SELECT set_eq(
    'SELECT assignment_id, day FROM entry WHERE slot = 3',
    'SELECT assignment_id, date FROM aquasql.lice_days(aquasql.plan_batches(NULL)) WHERE treated',
    'a treatment entry on every sea-lice delousing'
);

SELECT is(
    (
        SELECT count(*) FROM entry AS e INNER JOIN life AS l ON e.assignment_id = l.assignment_id
        WHERE e.slot = 3 AND (l.stage_order <> 6 OR e.category <> 'treatment')
    ),
    0::bigint,
    'delousing only at sea'
);

SELECT cmp_ok(
    (
        SELECT count(*) FROM entry
        WHERE slot = 3
    ),
    '>',
    0::bigint,
    'the completed batch was deloused'
);

-- A delousing entry names the count that triggered it: date, adult females and fish counted.
SELECT aquasql.generate_lice_counts();

SELECT is(
    (
        SELECT count(*) FROM entry AS e
        CROSS JOIN
            LATERAL regexp_match(
                e.description,
                'the count of ([0-9-]+) found ([0-9]+) adult female lice on ([0-9]+) fish, ([0-9.]+) per fish'
            ) AS m
        WHERE e.slot = 3 AND (
            m IS NULL OR m[1]::date NOT BETWEEN e.day - 6 AND e.day - 1
            OR m[2]::integer < 0.5 * m[3]::integer OR round(m[2]::numeric / m[3]::integer, 2) <> m[4]::numeric
            OR NOT EXISTS (
                SELECT 1 FROM health_licecount AS c
                INNER JOIN health_licetype AS t ON c.lice_type_id = t.id
                WHERE
                    c.assignment_id = e.assignment_id AND (c.count_date AT TIME ZONE 'UTC')::date = m[1]::date
                    AND t.species = 'Lepeophtheirus salmonis' AND t.gender = 'female' AND t.development_stage = 'adult'
                    AND c.count_value = m[2]::integer AND c.fish_sampled = m[3]::integer
            )
        )
    ),
    0::bigint,
    'each delousing entry names the count at or above 0.5 adult females per fish that triggered it, days before'
);

SELECT is(
    (
        SELECT count(*) FROM entry
        WHERE slot = 3 AND extract(ISODOW FROM day) > 5
    ),
    0::bigint,
    'delousing on working days'
);

SELECT is(
    (
        SELECT count(*) FROM entry AS e INNER JOIN life AS l ON e.assignment_id = l.assignment_id
        WHERE
            e.day NOT BETWEEN l.first_day AND l.last_day
            OR e.id / 8 <> l.assignment_id * 10000 + (e.day - l.first_day)
    ),
    0::bigint,
    'entries within the assignment''s days, id = daily-state id * 8 + slot'
);

SELECT is(
    (
        SELECT count(*) FROM entry AS e INNER JOIN batch_batchcontainerassignment AS a ON e.assignment_id = a.id
        WHERE e.batch_id <> a.batch_id OR e.container_id IS DISTINCT FROM a.container_id
    ),
    0::bigint,
    'batch and container are the assignment''s'
);

SELECT is(
    (
        SELECT count(*) FROM entry
        WHERE
            user_id <> aquasql.user_id('vet_01') OR resolution_notes <> '' OR created_at <> entry_date
            OR updated_at < created_at OR category NOT IN ('observation', 'issue', 'treatment')
    ),
    0::bigint,
    'written by vet_01, timestamps from the entry date, resolution notes blank'
);

-- Determinism: regenerating, and generating batch by batch, give the same rows.
SELECT tap.regenerates_identically(
    'regenerating gives identical rows',
    '{health_journalentry}', 'SELECT aquasql.generate_journal()'
);

SELECT tap.regenerates_identically(
    'batch by batch, in another order, gives identical rows',
    '{health_journalentry}',
    'DELETE FROM health_journalentry',
    'SELECT aquasql.generate_journal(ARRAY[2]::bigint[])',
    'SELECT aquasql.generate_journal(ARRAY[1]::bigint[])'
);

SELECT * FROM finish();
ROLLBACK;
