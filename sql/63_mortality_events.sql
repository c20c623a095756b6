-- Mortality events: one row per assignment-day with deaths in the daily state, carrying that
-- day's deaths and their biomass, so the events add up to the lifecycle's mortality exactly.
-- The cause follows the same rules that raised the hazard in the lifecycle engine
-- (aquasql.assignment_hazard): DISEASE inside the assignment's disease episode, HANDLING in the
-- first handling_days days after a transfer (stages not of incubation), otherwise a draw by
-- where the stage lives (incubation, tanks, sea).

-- The disease of an assignment's episode (aquasql.assignment_life.disease_*), shared by the
-- mortality events and the health journal so that both name the same disease.
CREATE OR REPLACE FUNCTION aquasql.disease_name(
    p_seed bigint, p_assignment_id bigint, p_incubation boolean, p_at_sea boolean
)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN p_incubation THEN 'Saprolegnia (fungal infection)'
        WHEN NOT p_at_sea THEN (ARRAY[
            'Saprolegnia (fungal infection)', 'Bacterial gill disease', 'Fin rot (Flavobacterium)', 'Yersiniosis'
        ])[aquasql.rand_choice(
            p_seed, aquasql.stream('disease_name'), p_assignment_id, 5, 0, ARRAY[0.3, 0.3, 0.25, 0.15]
        )]
        ELSE (ARRAY[
            'Pancreas disease (PD)', 'Amoebic gill disease (AGD)', 'Cardiomyopathy syndrome (CMS)',
            'Winter ulcer (Moritella viscosa)'
        ])[aquasql.rand_choice(
            p_seed, aquasql.stream('disease_name'), p_assignment_id, 5, 0, ARRAY[0.35, 0.3, 0.2, 0.15]
        )]
    END
$$;

COMMENT ON FUNCTION aquasql.disease_name(bigint, bigint, boolean, boolean) IS
'The disease of an assignment''s disease episode, drawn by stage (freshwater or sea) and keyed by the '
'assignment: the same name in the mortality events and the health journal.';

-- How an episode of that disease is treated (for the journal).
CREATE OR REPLACE FUNCTION aquasql.disease_treatment(p_disease text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE p_disease
        WHEN 'Saprolegnia (fungal infection)' THEN 'bronopol bath'
        WHEN 'Bacterial gill disease' THEN 'chloramine-T bath'
        WHEN 'Fin rot (Flavobacterium)' THEN 'salt bath and lower stocking density'
        WHEN 'Yersiniosis' THEN 'medicated feed (oxolinic acid) as prescribed'
        WHEN 'Pancreas disease (PD)' THEN 'functional feed, feeding reduced, no handling'
        WHEN 'Amoebic gill disease (AGD)' THEN 'freshwater bath'
        WHEN 'Cardiomyopathy syndrome (CMS)' THEN 'no handling, feeding reduced'
        WHEN 'Winter ulcer (Moritella viscosa)' THEN 'moribund fish removed daily, functional feed'
        ELSE 'supportive care'
    END
$$;

COMMENT ON FUNCTION aquasql.disease_treatment(text) IS
'The treatment the health journal records for a disease named by aquasql.disease_name.';

CREATE OR REPLACE FUNCTION aquasql.generate_mortality_events(p_batches bigint[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    batches bigint[] := aquasql.plan_batches(p_batches);
    seed bigint := aquasql.run_seed();
    handling_days integer := aquasql.param('handling_days')::integer;
    written bigint;
BEGIN
    DELETE FROM batch_mortalityevent WHERE batch_id = ANY(batches);

    INSERT INTO batch_mortalityevent (
        id, batch_id, assignment_id, event_date, count, biomass_kg, cause, description, created_at, updated_at
    )
    -- the sea areas' episode days, as the lifecycle engine raised the hazard on them
    WITH episode AS MATERIALIZED (
        SELECT e.*
        FROM aquasql.plan_batch AS p
        CROSS JOIN LATERAL aquasql.site_episode_days(seed, ARRAY[p.area_id], p.sea_start_date, p.history_end) AS e
        WHERE p.batch_id = ANY(batches)
    )

    SELECT
        s.id,
        s.batch_id,
        s.assignment_id,
        s.date,
        s.mortality_count,
        round(s.mortality_count * s.avg_weight_g / 1000, 2),
        c.cause,
        CASE c.cause
            WHEN 'DISEASE' THEN
                'Disease episode: ' || aquasql.disease_name(seed, s.assignment_id, sp.incubation, sp.at_sea)
            WHEN 'HANDLING' THEN 'Losses after transfer and handling'
            WHEN 'PREDATION' THEN 'Seal and bird predation'
            WHEN 'ENVIRONMENTAL' THEN CASE
                WHEN sp.at_sea THEN 'Low oxygen, algae or jellyfish exposure'
                WHEN sp.incubation THEN 'Water quality in the incubator'
                ELSE 'Water quality (oxygen, CO2) stress'
            END
            WHEN 'OTHER' THEN CASE
                WHEN sp.incubation THEN 'Non-viable eggs and deformed alevins removed'
                ELSE 'Deformed or runt fish culled'
            END
            ELSE ''
        END,
        (s.date + time '16:00') AT TIME ZONE 'UTC',
        (s.date + time '16:00') AT TIME ZONE 'UTC'
    FROM batch_actualdailyassignmentstate AS s
    INNER JOIN aquasql.assignment_life AS l ON s.assignment_id = l.assignment_id
    INNER JOIN aquasql.stage_parameter AS sp ON l.stage_order = sp.stage_order
    INNER JOIN infrastructure_container AS k ON l.container_id = k.id
    LEFT JOIN episode AS e ON k.area_id = e.area_id AND s.date = e.date
    CROSS JOIN LATERAL (
        SELECT CASE
            -- same precedence as aquasql.assignment_hazard: disease before handling, then a
            -- site episode (algae, jellyfish, low oxygen)
            WHEN s.date >= l.disease_start AND s.date < l.disease_start + l.disease_days THEN 'DISEASE'
            WHEN NOT sp.incubation AND s.date < l.first_day + handling_days THEN 'HANDLING'
            WHEN e.factor IS NOT NULL THEN 'ENVIRONMENTAL'
            -- background losses: no predators indoors, seals and birds at sea
            ELSE (ARRAY['UNKNOWN', 'ENVIRONMENTAL', 'PREDATION', 'OTHER'])[CASE
                WHEN sp.at_sea THEN aquasql.rand_choice(
                    seed, aquasql.stream('mortality_cause'), s.assignment_id, aquasql.day_key(s.date), 0,
                    ARRAY[0.45, 0.30, 0.20, 0.05]
                )
                WHEN sp.incubation THEN aquasql.rand_choice(
                    seed, aquasql.stream('mortality_cause'), s.assignment_id, aquasql.day_key(s.date), 0,
                    ARRAY[0.60, 0.25, 0, 0.15]
                )
                ELSE aquasql.rand_choice(
                    seed, aquasql.stream('mortality_cause'), s.assignment_id, aquasql.day_key(s.date), 0,
                    ARRAY[0.60, 0.35, 0, 0.05]
                )
            END]
        END AS cause
    ) AS c
    WHERE s.batch_id = ANY(batches) AND l.batch_id = ANY(batches) AND s.mortality_count > 0;
    GET DIAGNOSTICS written = ROW_COUNT;

    PERFORM aquasql.sync_identity('batch_mortalityevent');
    RETURN written;
END
$$;

COMMENT ON FUNCTION aquasql.generate_mortality_events(bigint[]) IS
'batch_mortalityevent for the given batches (default: all planned): one event per assignment-day with '
'deaths in batch_actualdailyassignmentstate (id = the daily-state id, count = that day''s deaths, biomass '
'at that day''s mean weight); cause DISEASE during the assignment''s disease episode, HANDLING in the '
'first handling_days days after a transfer, otherwise drawn by stage. Replaces the batches'' events; '
'returns the rows written.';
