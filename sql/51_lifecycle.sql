-- The lifecycle engine: for every assignment, day by day (set-based over days, looping only
-- over stages), the fish alive, their weight, deaths and feed, written to
-- batch_actualdailyassignmentstate. Fish are conserved exactly: a container starts with the
-- fish moved into it and loses only its integer deaths until the fish move on.

-- Which assignments exist, how long they hold fish in the history, and their disease episode.
CREATE OR REPLACE FUNCTION aquasql.lifecycle_prepare(p_batches bigint[])
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    seed bigint := aquasql.run_seed();
BEGIN
    DELETE FROM aquasql.assignment_life WHERE batch_id = ANY(p_batches);
    INSERT INTO aquasql.assignment_life (
        assignment_id, batch_id, container_id, stage_order, container_rank, first_day, last_day,
        departed, disease_start, disease_days, disease_factor
    )
    WITH assignment AS (
        SELECT
            a.id,
            a.batch_id,
            a.container_id,
            st."order" AS stage_order,
            row_number() OVER (PARTITION BY a.batch_id, st."order" ORDER BY c.name) AS container_rank,
            a.assignment_date AS first_day,
            least(coalesce(a.departure_date - 1, p.history_end), p.history_end) AS last_day,
            a.departure_date IS NOT NULL AS departed,
            sp.at_sea
        FROM batch_batchcontainerassignment AS a
        INNER JOIN batch_lifecyclestage AS st ON a.lifecycle_stage_id = st.id
        INNER JOIN infrastructure_container AS c ON a.container_id = c.id
        INNER JOIN aquasql.plan_batch AS p ON a.batch_id = p.batch_id
        INNER JOIN aquasql.stage_parameter AS sp ON st."order" = sp.stage_order
        WHERE a.batch_id = ANY(p_batches)
    )

    SELECT
        a.id,
        a.batch_id,
        a.container_id,
        a.stage_order,
        a.container_rank,
        a.first_day,
        a.last_day,
        a.departed,
        CASE
            WHEN aquasql.rand_uniform(seed, aquasql.stream('disease_occurs'), a.id, 1)
                < aquasql.param(CASE WHEN a.at_sea THEN 'disease_probability_sea'
                    ELSE 'disease_probability_freshwater' END)
                THEN a.first_day + floor(
                    aquasql.rand_uniform(seed, aquasql.stream('disease_start'), a.id, 2) * (a.last_day - a.first_day + 1)
                )::integer
        END,
        aquasql.rand_int(seed, aquasql.stream('disease_days'), a.id, 3, 0,
            aquasql.param('disease_days_min')::integer, aquasql.param('disease_days_max')::integer),
        aquasql.param('disease_factor_min') + aquasql.rand_uniform(seed, aquasql.stream('disease_factor'), a.id, 4)
        * (aquasql.param('disease_factor_max') - aquasql.param('disease_factor_min'))
    FROM assignment AS a;
END
$$;

-- Daily hazard of one assignment on one day: the stage's, raised on the days after a
-- transfer (handling: p_handling_days, 0 where fish were not moved in) and during a disease
-- episode. Pure, so it inlines into the row scan.
CREATE OR REPLACE FUNCTION aquasql.assignment_hazard(
    p_base double precision, p_first_day date, p_date date,
    p_disease_start date, p_disease_days integer, p_disease_factor double precision,
    p_handling_days integer, p_handling_factor double precision
)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT p_base * CASE
        WHEN p_date >= p_disease_start AND p_date < p_disease_start + p_disease_days THEN p_disease_factor
        WHEN p_date < p_first_day + p_handling_days THEN p_handling_factor
        ELSE 1
    END
$$;

-- One stage of the given batches: daily state for every assignment-day, then each
-- assignment's population at its last day.
CREATE OR REPLACE FUNCTION aquasql.lifecycle_stage_days(p_batches bigint[], p_stage integer)
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    seed bigint := aquasql.run_seed();
    feed_waste double precision := aquasql.param('feed_waste');
    feed_noise_sd double precision := aquasql.param('feed_noise_sd');
    stage_id bigint := (SELECT id FROM batch_lifecyclestage WHERE "order" = p_stage);
    this_stage aquasql.stage_parameter;
    -- eggs are delivered into the incubation stage, every other stage is moved into
    handling_days integer;
    handling_factor double precision := aquasql.param('handling_factor');
    sample_weeks double precision := aquasql.growth_sample_interval_weeks(p_stage);
    sample_week_day integer := aquasql.param('growth_sample_week_day')::integer;
    -- confidence of each figure by its source (numeric as written: the JSON keeps 1.0)
    mortality_confidence numeric := aquasql.confidence('mortality');
    sampled_weight_confidence numeric := aquasql.confidence('weight_sampled');
    modelled_weight_confidence numeric := aquasql.confidence('weight_modelled');
    temperature_confidence numeric := aquasql.confidence('temp');
    feed_confidence numeric := aquasql.confidence('feed');
    no_feed_confidence numeric := aquasql.confidence('feed_none');
    weight_sd double precision := aquasql.container_weight_sd(p_stage);
    weight_ramp double precision := aquasql.container_weight_ramp_days(p_stage);
    post_transfer_peak double precision;
    post_transfer_decay double precision := aquasql.param('post_transfer_decay_days');
    ration_min double precision := aquasql.param('feed_ration_min_share');
    written bigint;
BEGIN
    SELECT * INTO STRICT this_stage FROM aquasql.stage_parameter AS sp WHERE sp.stage_order = p_stage;
    handling_days := CASE WHEN this_stage.incubation THEN 0 ELSE aquasql.param('handling_days') END;
    post_transfer_peak := CASE WHEN this_stage.at_sea THEN aquasql.param('post_transfer_peak') ELSE 0 END;

    -- MATERIALIZED: the hazard lookups run once per assignment, not once per day
    WITH life AS MATERIALIZED (
        SELECT
            l.*,
            c.area_id,
            sp.fcr * aquasql.batch_fcr_multiplier(seed, l.batch_id) AS fcr,
            -- containers differ from each other, but together they die at the batch's rate: its
            -- mortality multiplier alone sets the batch apart (the containers hold equal shares)
            aquasql.daily_hazard(l.stage_order, p.mortality_multiplier, span.days)
            * container.hazard_factor / avg(container.hazard_factor) OVER (PARTITION BY l.batch_id)
            * CASE WHEN sp.at_sea THEN gp.sea_hazard_factor ELSE 1 END AS base_hazard,
            aquasql.container_weight_z(seed, l.batch_id, l.container_id) AS weight_z,
            -- the last day with feed: fish are starved before they are moved or harvested
            l.last_day - aquasql.feed_withdrawal_days(l.stage_order, l.departed) AS last_fed_day
        FROM aquasql.assignment_life AS l
        INNER JOIN aquasql.plan_batch AS p ON l.batch_id = p.batch_id
        INNER JOIN aquasql.stage_parameter AS sp ON l.stage_order = sp.stage_order
        INNER JOIN infrastructure_container AS c ON l.container_id = c.id
        INNER JOIN infrastructure_geography AS g ON p.geography_id = g.id
        INNER JOIN aquasql.geography_parameter AS gp ON g.name = gp.geography
        -- the batch's planned days in the stage, also where the history ends before them
        INNER JOIN aquasql.batch_stage_span(p_batches) AS span
            ON l.batch_id = span.batch_id AND l.stage_order = span.stage_order
        CROSS JOIN LATERAL (
            SELECT aquasql.container_hazard_factor(seed, l.assignment_id, l.stage_order) AS hazard_factor
        ) AS container
        WHERE l.stage_order = p_stage AND l.batch_id = ANY(p_batches)
    ),

    -- the sea areas' episode days (none in freshwater)
    episode AS MATERIALIZED (
        SELECT e.*
        FROM aquasql.site_episode_days(
            seed,
            ARRAY(SELECT DISTINCT life.area_id FROM life WHERE life.area_id IS NOT NULL),
            (SELECT min(life.first_day) FROM life),
            (SELECT max(life.last_day) FROM life)
        ) AS e
    ),

    days AS (
        -- the container's own weight: the batch's curve times its drifting factor (the gain
        -- follows from the weights of this day and the day before)
        SELECT
            life.assignment_id,
            life.batch_id,
            life.container_id,
            life.start_population,
            life.fcr,
            life.last_fed_day,
            d.date,
            d.day_number,
            d.weight_g * aquasql.weight_factor(life.weight_z, weight_sd, weight_ramp, d.date - life.first_day)
                AS weight_g,
            d.weight_g * aquasql.weight_factor(life.weight_z, weight_sd, weight_ramp, d.date - life.first_day)
            - (d.weight_g - d.gain_g)
            * aquasql.weight_factor(life.weight_z, weight_sd, weight_ramp, d.date - life.first_day - 1) AS gain_g,
            d.temp_c,
            d.date - life.first_day AS day_index,
            aquasql.assignment_hazard(
                life.base_hazard, life.first_day, d.date,
                life.disease_start, life.disease_days, life.disease_factor, handling_days, handling_factor
            ) * aquasql.post_transfer_factor(d.date - life.first_day, post_transfer_peak, post_transfer_decay)
            * coalesce(e.factor, 1) AS hazard
        FROM life
        INNER JOIN aquasql.batch_day AS d
            ON life.batch_id = d.batch_id AND d.date BETWEEN life.first_day AND life.last_day
        LEFT JOIN episode AS e ON life.area_id = e.area_id AND d.date = e.date
    ),

    expected AS (
        -- expected survivors at the start of the day × that day's hazard: the mean deaths
        SELECT
            days.*,
            days.start_population * exp(coalesce(sum(ln(1 - days.hazard)) OVER (
                PARTITION BY days.assignment_id ORDER BY days.date
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
            ), 0)) * days.hazard AS mean_deaths
        FROM days
    ),

    deaths AS (
        -- a plain column as lambda keeps rand_poisson inlinable (it reads lambda many times)
        SELECT
            expected.*,
            aquasql.rand_poisson(
                seed, aquasql.stream('deaths'), expected.assignment_id, aquasql.day_key(expected.date), 0,
                expected.mean_deaths
            ) AS deaths
        FROM expected
    ),

    alive AS (
        SELECT
            deaths.*,
            (deaths.start_population - sum(deaths.deaths) OVER (
                PARTITION BY deaths.assignment_id ORDER BY deaths.date
            ))::integer AS population
        FROM deaths
    ),

    fed AS (
        -- ration = biological FCR × the day's biomass gain, plus waste and noise
        SELECT
            alive.*,
            alive.population * alive.gain_g / 1000 AS gain_kg,
            CASE WHEN alive.fcr IS NULL OR alive.date > alive.last_fed_day THEN 0 ELSE round((
                alive.fcr * alive.population * alive.gain_g / 1000 * greatest(ration_min, 1 + feed_waste + feed_noise_sd
                    * aquasql.rand_normal(seed, aquasql.stream('feed_noise'), alive.assignment_id,
                        aquasql.day_key(alive.date)))
            )::numeric, 2) END AS feed_kg
        FROM alive
    ),

    inserted AS (
        INSERT INTO batch_actualdailyassignmentstate (
            id, assignment_id, batch_id, container_id, lifecycle_stage_id, date, day_number, avg_weight_g,
            population, biomass_kg, temp_c, mortality_count, feed_kg, observed_fcr, anchor_type, sources,
            confidence_scores, last_computed_at
        )
        SELECT
            fed.assignment_id * 10000 + fed.day_index,
            fed.assignment_id,
            fed.batch_id,
            fed.container_id,
            stage_id,
            fed.date,
            fed.day_number,
            round(fed.weight_g::numeric, 2),
            fed.population,
            round((fed.population * fed.weight_g / 1000)::numeric, 2),
            round(fed.temp_c::numeric, 2),
            fed.deaths,
            fed.feed_kg,
            CASE WHEN fed.feed_kg > 0 AND fed.gain_kg > 0 THEN round((fed.feed_kg / fed.gain_kg::numeric), 3) END,
            CASE
                WHEN aquasql.is_growth_sample_day(this_stage.fed, fed.day_index, fed.date, sample_weeks, sample_week_day)
                    THEN 'growth_sample'
                WHEN NOT this_stage.incubation AND fed.day_index = 0 THEN 'transfer'
            END,
            -- AquaMind's growth engine's keys and values, which its projection engine reads
            -- (the temperature bias takes the days whose sources->>'temp' is measured)
            jsonb_strip_nulls(jsonb_build_object(
                'weight', CASE WHEN aquasql.is_growth_sample_day(this_stage.fed, fed.day_index, fed.date, sample_weeks, sample_week_day)
                    THEN 'measured' ELSE 'tgc_computed' END,
                'temp', 'measured',
                'mortality', CASE WHEN fed.deaths > 0 THEN 'actual' ELSE 'model' END,
                'feed', CASE WHEN fed.feed_kg > 0 THEN 'actual' ELSE 'none' END,
                'fcr', CASE WHEN fed.feed_kg > 0 AND fed.gain_kg > 0 THEN 'observed' END
            )),
            jsonb_build_object(
                'weight', CASE
                    WHEN aquasql.is_growth_sample_day(this_stage.fed, fed.day_index, fed.date, sample_weeks, sample_week_day)
                        THEN sampled_weight_confidence
                    ELSE modelled_weight_confidence
                END,
                'temp', temperature_confidence,
                'mortality', mortality_confidence,
                'feed', CASE WHEN fed.feed_kg > 0 THEN feed_confidence ELSE no_feed_confidence END
            ),
            (fed.date + 1)::timestamp AT TIME ZONE 'UTC'
        FROM fed
        RETURNING assignment_id, date, population
    ),

    -- each assignment's population on its last day: what it hands on (or ends with)
    ended AS (
        UPDATE aquasql.assignment_life AS l SET end_population = i.population
        FROM inserted AS i
        WHERE i.assignment_id = l.assignment_id AND i.date = l.last_day
        RETURNING 1
    )

    SELECT count(*) INTO written FROM inserted;
    RETURN written;
END
$$;

-- Finally, every assignment row carries its population, weight and biomass on its last day
-- in the history (for active assignments: the run date).
CREATE OR REPLACE FUNCTION aquasql.lifecycle_finish_assignments(p_batches bigint[])
RETURNS void
LANGUAGE sql
AS $$
    UPDATE batch_batchcontainerassignment AS a SET
        population_count = l.end_population,
        avg_weight_g = round(w.weight_g::numeric, 2),
        biomass_kg = round((l.end_population * w.weight_g / 1000)::numeric, 2),
        updated_at = (l.last_day + 1)::timestamp AT TIME ZONE 'UTC'
    FROM aquasql.assignment_life AS l
    INNER JOIN aquasql.batch_day AS d ON l.batch_id = d.batch_id AND l.last_day = d.date
    CROSS JOIN LATERAL (
        SELECT d.weight_g * aquasql.container_weight_factor(
            aquasql.run_seed(), l.batch_id, l.container_id, l.stage_order, l.last_day - l.first_day
        ) AS weight_g
    ) AS w
    WHERE a.id = l.assignment_id AND l.batch_id = ANY(p_batches);
$$;
