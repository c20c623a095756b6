-- Health journal (health_journalentry), written by the veterinarian (vet_01):
--   slot 0  a routine health check every 30 days per assignment (day 14 of each period),
--   slot 1  an 'issue' at the start of each disease episode (aquasql.assignment_life),
--   slot 2  the treatment of that episode two days later,
--   slot 3  each sea-lice delousing of a ring (aquasql.lice_days), naming the count at or above the
--           limit that triggered it.
-- id = the daily-state id of the entry's day * 8 + slot.

CREATE OR REPLACE FUNCTION aquasql.generate_journal(p_batches bigint[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    batches bigint[] := aquasql.plan_batches(p_batches);
    seed bigint := aquasql.run_seed();
    vet integer := coalesce(aquasql.user_id('vet_01'), aquasql.user_id('system_admin'));
    -- an episode whose hazard factor is above the middle of the range is 'high'
    severe double precision := (aquasql.param('disease_factor_min') + aquasql.param('disease_factor_max')) / 2;
    fish integer := aquasql.param('lice_count_fish')::integer;
    lice_limit numeric := aquasql.param('lice_limit_af')::numeric;
    written bigint;
BEGIN
    DELETE FROM health_journalentry WHERE batch_id = ANY(batches);

    INSERT INTO health_journalentry (
        id, batch_id, container_id, user_id, entry_date, category, severity, description, resolution_status,
        resolution_notes, created_at, updated_at
    )
    SELECT
        e.id,
        e.batch_id,
        e.container_id,
        vet,
        e.entry_date,
        e.category,
        e.severity,
        e.description,
        e.resolved,
        '',
        e.entry_date,
        e.updated_at
    FROM (
        -- routine checks
        SELECT
            s.id * 8 AS id,
            s.batch_id,
            s.container_id,
            s.assignment_id,
            (s.date + time '11:00') AT TIME ZONE 'UTC' AS entry_date,
            'observation' AS category,
            'low' AS severity,
            CASE
                WHEN sp.incubation THEN (ARRAY[
                    'Routine health check: eggs and alevins developing normally, dead eggs removed.',
                    'Routine health check: hatching on schedule, little fungal growth.',
                    'Routine health check: alevins healthy, yolk sacs normal.'
                ])[aquasql.rand_choice(
                    seed, aquasql.stream('routine_check'), s.assignment_id, aquasql.day_key(s.date), 0, ARRAY[1, 1, 1]
                )]
                WHEN NOT sp.at_sea THEN (ARRAY[
                    'Routine health check: fish active, feeding well.',
                    'Routine health check: good appetite, fins and gills normal.',
                    'Routine health check: normal behaviour, no external lesions.'
                ])[aquasql.rand_choice(
                    seed, aquasql.stream('routine_check'), s.assignment_id, aquasql.day_key(s.date), 0, ARRAY[2, 1, 1]
                )]
                ELSE (ARRAY[
                    'Routine health check: fish active, feeding well.',
                    'Routine health check: normal swimming behaviour, no wounds.',
                    'Routine health check: gills normal, good appetite, net clean.'
                ])[aquasql.rand_choice(
                    seed, aquasql.stream('routine_check'), s.assignment_id, aquasql.day_key(s.date), 0, ARRAY[2, 1, 1]
                )]
            END AS description,
            TRUE AS resolved,
            (s.date + time '11:00') AT TIME ZONE 'UTC' AS updated_at
        FROM batch_actualdailyassignmentstate AS s
        INNER JOIN aquasql.assignment_life AS l ON s.assignment_id = l.assignment_id
        INNER JOIN aquasql.stage_parameter AS sp ON l.stage_order = sp.stage_order
        WHERE s.batch_id = ANY(batches) AND l.batch_id = ANY(batches) AND (s.date - l.first_day) % 30 = 14

        UNION ALL

        -- disease episodes: the issue (resolved once the episode is over or the fish moved on)
        SELECT
            (l.assignment_id * 10000 + (l.disease_start - l.first_day)) * 8 + 1,
            l.batch_id,
            l.container_id,
            l.assignment_id,
            (l.disease_start + time '08:30') AT TIME ZONE 'UTC',
            'issue',
            CASE WHEN l.disease_factor > severe THEN 'high' ELSE 'medium' END,
            format(
                'Elevated mortality in %s; suspected %s. Samples sent for diagnosis.',
                c.name, aquasql.disease_name(seed, l.assignment_id, sp.incubation, sp.at_sea)
            ),
            l.disease_start + l.disease_days - 1 < l.last_day OR l.departed,
            CASE
                WHEN l.disease_start + l.disease_days - 1 < l.last_day
                    THEN (l.disease_start + l.disease_days + time '12:00') AT TIME ZONE 'UTC'
                WHEN l.departed THEN (l.last_day + time '12:00') AT TIME ZONE 'UTC'
                ELSE (l.disease_start + time '08:30') AT TIME ZONE 'UTC'
            END
        FROM aquasql.assignment_life AS l
        INNER JOIN aquasql.stage_parameter AS sp ON l.stage_order = sp.stage_order
        INNER JOIN infrastructure_container AS c ON l.container_id = c.id
        WHERE l.batch_id = ANY(batches) AND l.disease_start BETWEEN l.first_day AND l.last_day

        UNION ALL

        -- disease episodes: the treatment, two days in
        SELECT
            (l.assignment_id * 10000 + (l.disease_start + 2 - l.first_day)) * 8 + 2,
            l.batch_id,
            l.container_id,
            l.assignment_id,
            (l.disease_start + 2 + time '13:00') AT TIME ZONE 'UTC',
            'treatment',
            'medium',
            format(
                'Treatment started for %s: %s.',
                aquasql.disease_name(seed, l.assignment_id, sp.incubation, sp.at_sea),
                aquasql.disease_treatment(aquasql.disease_name(seed, l.assignment_id, sp.incubation, sp.at_sea))
            ),
            TRUE,
            (l.disease_start + 2 + time '13:00') AT TIME ZONE 'UTC'
        FROM aquasql.assignment_life AS l
        INNER JOIN aquasql.stage_parameter AS sp ON l.stage_order = sp.stage_order
        WHERE l.batch_id = ANY(batches) AND l.disease_start BETWEEN l.first_day AND l.last_day - 2

        UNION ALL

        -- sea-lice delousing
        SELECT
            d.state_id * 8 + 3,
            d.batch_id,
            d.container_id,
            d.assignment_id,
            (d.date + time '09:00') AT TIME ZONE 'UTC',
            'treatment',
            'medium',
            format(
                'Sea lice treatment (%s): the count of %s found %s adult female lice on %s fish, %s per fish, '
                'at or above the limit of %s per fish.',
                (ARRAY[
                    'thermal delousing', 'mechanical delousing', 'freshwater bath', 'hydrogen peroxide bath'
                ])[aquasql.rand_choice(
                    seed, aquasql.stream('lice_treatment'), d.assignment_id, aquasql.day_key(d.date), 0,
                    ARRAY[0.35, 0.30, 0.20, 0.15]
                )],
                to_char(d.trigger_date, 'YYYY-MM-DD'),
                d.trigger_count,
                fish,
                round(d.trigger_count::numeric / fish, 2),
                lice_limit
            ),
            TRUE,
            (d.date + time '09:00') AT TIME ZONE 'UTC'
        FROM aquasql.lice_days(batches) AS d
        WHERE d.treated
    ) AS e;
    GET DIAGNOSTICS written = ROW_COUNT;

    PERFORM aquasql.sync_identity('health_journalentry');
    RETURN written;
END
$$;

COMMENT ON FUNCTION aquasql.generate_journal(bigint[]) IS
'health_journalentry for the given batches (default: all planned), by vet_01: a routine observation every '
'30 days per assignment, an issue at the start of each disease episode and its treatment two days later, '
'and each sea-lice delousing. id = daily-state id * 8 + slot (0 routine, 1 issue, 2 treatment, 3 lice). '
'Replaces the batches'' entries; returns the rows written.';
