-- Health journal (health_journalentry), written by the veterinarian (vet_01):
--   slot 0  a routine health check every journal_routine_check_days days per assignment (on day
--           journal_routine_check_day of each period: every 30 days, day 14),
--   slot 1  an 'issue' at the start of each disease episode (aquasql.assignment_life),
--   slot 2  the treatment of that episode journal_treatment_delay_days (two) days later,
--   slot 3  each sea-lice delousing of a ring (aquasql.lice_days), naming the count at or above the
--           limit that triggered it.
-- id = the daily-state id of the entry's day * 8 + slot (the daily-state id is assignment id *
-- 10000 + day index). Times of day, the check's text and the delousing method: model parameters
-- and aquasql.weighted_choice (sql/20_parameters_events.sql).

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
    check_days integer := aquasql.param('journal_routine_check_days')::integer;
    check_day integer := aquasql.param('journal_routine_check_day')::integer;
    treatment_delay integer := aquasql.param('journal_treatment_delay_days')::integer;
    routine_at interval := aquasql.param_time('journal_routine_hour');
    issue_at interval := aquasql.param_time('journal_issue_hour');
    resolved_at interval := aquasql.param_time('journal_resolution_hour');
    treatment_at interval := aquasql.param_time('journal_treatment_hour');
    delousing_at interval := aquasql.param_time('journal_lice_treatment_hour');
    -- routine check texts by where the stage lives, and the delousing methods
    incubation_checks text[] := aquasql.choice_labels('routine_check', 'incubation');
    incubation_check_cdf double precision[] := aquasql.choice_cdf('routine_check', 'incubation');
    tank_checks text[] := aquasql.choice_labels('routine_check', 'freshwater');
    tank_check_cdf double precision[] := aquasql.choice_cdf('routine_check', 'freshwater');
    sea_checks text[] := aquasql.choice_labels('routine_check', 'sea');
    sea_check_cdf double precision[] := aquasql.choice_cdf('routine_check', 'sea');
    delousing_methods text[] := aquasql.choice_labels('lice_treatment', 'sea');
    delousing_cdf double precision[] := aquasql.choice_cdf('lice_treatment', 'sea');
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
            (s.date + routine_at) AT TIME ZONE 'UTC' AS entry_date,
            'observation' AS category,
            'low' AS severity,
            CASE
                WHEN sp.incubation THEN incubation_checks[aquasql.rand_choice_cdf(
                    seed, aquasql.stream('routine_check'), s.assignment_id, aquasql.day_key(s.date), 0,
                    incubation_check_cdf
                )]
                WHEN NOT sp.at_sea THEN tank_checks[aquasql.rand_choice_cdf(
                    seed, aquasql.stream('routine_check'), s.assignment_id, aquasql.day_key(s.date), 0, tank_check_cdf
                )]
                ELSE sea_checks[aquasql.rand_choice_cdf(
                    seed, aquasql.stream('routine_check'), s.assignment_id, aquasql.day_key(s.date), 0, sea_check_cdf
                )]
            END AS description,
            TRUE AS resolved,
            (s.date + routine_at) AT TIME ZONE 'UTC' AS updated_at
        FROM batch_actualdailyassignmentstate AS s
        INNER JOIN aquasql.assignment_life AS l ON s.assignment_id = l.assignment_id
        INNER JOIN aquasql.stage_parameter AS sp ON l.stage_order = sp.stage_order
        WHERE s.batch_id = ANY(batches) AND l.batch_id = ANY(batches) AND (s.date - l.first_day) % check_days = check_day

        UNION ALL

        -- disease episodes: the issue (resolved once the episode is over or the fish moved on)
        SELECT
            (l.assignment_id * 10000 + (l.disease_start - l.first_day)) * 8 + 1,
            l.batch_id,
            l.container_id,
            l.assignment_id,
            (l.disease_start + issue_at) AT TIME ZONE 'UTC',
            'issue',
            CASE WHEN l.disease_factor > severe THEN 'high' ELSE 'medium' END,
            format(
                'Elevated mortality in %s; suspected %s. Samples sent for diagnosis.',
                c.name, di.disease
            ),
            l.disease_start + l.disease_days - 1 < l.last_day OR l.departed,
            CASE
                WHEN l.disease_start + l.disease_days - 1 < l.last_day
                    THEN (l.disease_start + l.disease_days + resolved_at) AT TIME ZONE 'UTC'
                WHEN l.departed THEN (l.last_day + resolved_at) AT TIME ZONE 'UTC'
                ELSE (l.disease_start + issue_at) AT TIME ZONE 'UTC'
            END
        FROM aquasql.assignment_life AS l
        INNER JOIN aquasql.assignment_diseases(seed, batches) AS di ON l.assignment_id = di.assignment_id
        INNER JOIN infrastructure_container AS c ON l.container_id = c.id
        WHERE l.batch_id = ANY(batches) AND l.disease_start BETWEEN l.first_day AND l.last_day

        UNION ALL

        -- disease episodes: the treatment, once the diagnosis is back
        SELECT
            (l.assignment_id * 10000 + (l.disease_start + treatment_delay - l.first_day)) * 8 + 2,
            l.batch_id,
            l.container_id,
            l.assignment_id,
            (l.disease_start + treatment_delay + treatment_at) AT TIME ZONE 'UTC',
            'treatment',
            'medium',
            format('Treatment started for %s: %s.', di.disease, aquasql.disease_treatment(di.disease)),
            TRUE,
            (l.disease_start + treatment_delay + treatment_at) AT TIME ZONE 'UTC'
        FROM aquasql.assignment_life AS l
        INNER JOIN aquasql.assignment_diseases(seed, batches) AS di ON l.assignment_id = di.assignment_id
        WHERE l.batch_id = ANY(batches) AND l.disease_start BETWEEN l.first_day AND l.last_day - treatment_delay

        UNION ALL

        -- sea-lice delousing
        SELECT
            d.state_id * 8 + 3,
            d.batch_id,
            d.container_id,
            d.assignment_id,
            (d.date + delousing_at) AT TIME ZONE 'UTC',
            'treatment',
            'medium',
            format(
                'Sea lice treatment (%s): the count of %s found %s adult female lice on %s fish, %s per fish, '
                'at or above the limit of %s per fish.',
                delousing_methods[aquasql.rand_choice_cdf(
                    seed, aquasql.stream('lice_treatment'), d.assignment_id, aquasql.day_key(d.date), 0, delousing_cdf
                )],
                to_char(d.trigger_date, 'YYYY-MM-DD'),
                d.trigger_count,
                fish,
                round(d.trigger_count::numeric / fish, 2),
                lice_limit
            ),
            TRUE,
            (d.date + delousing_at) AT TIME ZONE 'UTC'
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
'journal_routine_check_days days per assignment, an issue at the start of each disease episode and its '
'treatment journal_treatment_delay_days later, '
'and each sea-lice delousing. id = daily-state id * 8 + slot (0 routine, 1 issue, 2 treatment, 3 lice). '
'Replaces the batches'' entries; returns the rows written.';
