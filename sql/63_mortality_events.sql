-- Mortality events: one row per assignment-day with deaths in the daily state, carrying that
-- day's deaths and their biomass, so the events add up to the lifecycle's mortality exactly.
-- The cause follows the same rules that raised the hazard in the lifecycle engine
-- (aquasql.assignment_hazard): DISEASE inside the assignment's disease episode, HANDLING in the
-- first handling_days days after a transfer (stages not of incubation), otherwise a draw by
-- where the stage lives (incubation, tanks, sea).

-- The disease of an assignment's episode (aquasql.assignment_life.disease_*), shared by the
-- mortality events and the health journal so that both name the same disease.
CREATE OR REPLACE FUNCTION aquasql.disease_setting(p_incubation boolean, p_at_sea boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN p_incubation THEN 'incubation' WHEN p_at_sea THEN 'sea' ELSE 'freshwater' END
$$;

COMMENT ON FUNCTION aquasql.disease_setting(boolean, boolean) IS
'The setting of a stage''s diseases in aquasql.weighted_choice: incubation, freshwater (tanks) or sea.';

CREATE OR REPLACE FUNCTION aquasql.disease_name(
    p_seed bigint, p_assignment_id bigint, p_incubation boolean, p_at_sea boolean
)
RETURNS text
LANGUAGE sql STABLE
AS $$
    -- key: the assignment (k2 = 5, as the draw has always been keyed)
    SELECT (aquasql.choice_labels('disease', x.setting))[aquasql.rand_choice_cdf(
        p_seed, aquasql.stream('disease_name'), p_assignment_id, 5, 0, aquasql.choice_cdf('disease', x.setting)
    )]
    FROM (SELECT aquasql.disease_setting(p_incubation, p_at_sea) AS setting) AS x
$$;

-- The disease of every assignment of the batches that has a disease episode: one lookup per
-- assignment, for joins from the per-day tables.
CREATE OR REPLACE FUNCTION aquasql.assignment_diseases(p_seed bigint, p_batches bigint[])
RETURNS TABLE (assignment_id bigint, disease text)
LANGUAGE sql STABLE
AS $$
    SELECT l.assignment_id, aquasql.disease_name(p_seed, l.assignment_id, sp.incubation, sp.at_sea)
    FROM aquasql.assignment_life AS l
    INNER JOIN aquasql.stage_parameter AS sp ON l.stage_order = sp.stage_order
    WHERE l.batch_id = ANY(p_batches) AND l.disease_start IS NOT NULL
$$;

COMMENT ON FUNCTION aquasql.assignment_diseases(bigint, bigint[]) IS
'The disease (aquasql.disease_name) of each assignment of the given batches with a disease episode.';

COMMENT ON FUNCTION aquasql.disease_name(bigint, bigint, boolean, boolean) IS
'The disease of an assignment''s disease episode, drawn by stage (incubation, freshwater or sea; weights in '
'aquasql.weighted_choice, family disease) and keyed by the assignment: the same name in the mortality events '
'and the health journal.';

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
    logged_at interval := aquasql.param_time('mortality_event_hour');
    -- background causes by where the stage lives (the same four labels in each setting)
    causes text[] := aquasql.choice_labels('mortality_cause', 'sea');
    sea_cdf double precision[] := aquasql.choice_cdf('mortality_cause', 'sea');
    incubation_cdf double precision[] := aquasql.choice_cdf('mortality_cause', 'incubation');
    tank_cdf double precision[] := aquasql.choice_cdf('mortality_cause', 'tank');
    written bigint;
BEGIN
    IF causes IS DISTINCT FROM aquasql.choice_labels('mortality_cause', 'incubation')
        OR causes IS DISTINCT FROM aquasql.choice_labels('mortality_cause', 'tank') THEN
        RAISE EXCEPTION 'the mortality causes of aquasql.weighted_choice differ between settings'
            USING ERRCODE = 'invalid_parameter_value',
            HINT = 'give sea, incubation and tank the same labels in the same order (a weight of 0 for none)';
    END IF;

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
    ),

    -- the disease of each assignment's episode, drawn once per assignment
    disease AS MATERIALIZED (
        SELECT d.assignment_id, d.disease FROM aquasql.assignment_diseases(seed, batches) AS d
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
                'Disease episode: ' || di.disease
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
        (s.date + logged_at) AT TIME ZONE 'UTC',
        (s.date + logged_at) AT TIME ZONE 'UTC'
    FROM batch_actualdailyassignmentstate AS s
    INNER JOIN aquasql.assignment_life AS l ON s.assignment_id = l.assignment_id
    INNER JOIN aquasql.stage_parameter AS sp ON l.stage_order = sp.stage_order
    INNER JOIN infrastructure_container AS k ON l.container_id = k.id
    LEFT JOIN episode AS e ON k.area_id = e.area_id AND s.date = e.date
    LEFT JOIN disease AS di ON s.assignment_id = di.assignment_id
    CROSS JOIN LATERAL (
        SELECT CASE
            -- same precedence as aquasql.assignment_hazard: disease before handling, then a
            -- site episode (algae, jellyfish, low oxygen)
            WHEN s.date >= l.disease_start AND s.date < l.disease_start + l.disease_days THEN 'DISEASE'
            WHEN NOT sp.incubation AND s.date < l.first_day + handling_days THEN 'HANDLING'
            WHEN e.factor IS NOT NULL THEN 'ENVIRONMENTAL'
            -- background losses: no predators indoors, seals and birds at sea
            ELSE causes[aquasql.rand_choice_cdf(
                seed, aquasql.stream('mortality_cause'), s.assignment_id, aquasql.day_key(s.date), 0,
                CASE WHEN sp.at_sea THEN sea_cdf WHEN sp.incubation THEN incubation_cdf ELSE tank_cdf END
            )]
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
