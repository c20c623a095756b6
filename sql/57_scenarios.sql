-- Scenarios (shared/domain.md section 6): for every batch, a "From Batch (Parr)" forecast from
-- its first Parr day and a "Sea Growth Forecast" from its first sea day, each projected daily
-- until the mean weight reaches the batch's harvest target. The projection is the planning
-- model, not the batch's own curve: stage TGCs and hall temperatures in freshwater, the
-- geography's TGC model and temperature profile at sea, the mortality model's flat rate.

-- The scenario kinds: slot (last digit of the scenario id), name and the stage it starts in.
CREATE OR REPLACE FUNCTION aquasql.scenario_kinds()
RETURNS TABLE (slot integer, label text, stage_order integer)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT k.slot, k.label, sp.stage_order
    FROM (VALUES (1, 'From Batch (Parr)', 'Parr'), (2, 'Sea Growth Forecast', NULL)) AS k (slot, label, stage)
    INNER JOIN aquasql.stage_parameter AS sp ON sp.name = k.stage OR k.stage IS NULL AND sp.at_sea
    ORDER BY k.slot
$$;

COMMENT ON FUNCTION aquasql.scenario_kinds() IS
'The scenarios written per batch: slot (scenario id = batch id × 10 + slot), name suffix and the stage '
'on whose first day the scenario starts.';

-- Step: remove the generated scenarios of these batches (with their projections and, cb41030,
-- their runs) so that regenerating replaces them; other scenarios are left alone.
CREATE OR REPLACE FUNCTION aquasql.scenario_clear(p_batches bigint[], p_slots integer[])
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM aquasql.unpin_scenarios(p_batches);
    DELETE FROM scenario_scenarioprojection AS pr
    WHERE pr.projection_id / 1000 IN (
        SELECT s.scenario_id FROM scenario AS s
        WHERE s.batch_id = ANY(p_batches) AND s.scenario_id - s.batch_id * 10 = ANY(p_slots)
    );
    IF aquasql.aquamind_version() <> 'c6cd7d5' THEN
        DELETE FROM scenario_projection_run AS r
        USING scenario AS s
        WHERE r.scenario_id = s.scenario_id AND s.batch_id = ANY(p_batches)
            AND s.scenario_id - s.batch_id * 10 = ANY(p_slots);
    END IF;
    DELETE FROM scenario AS s
    WHERE s.batch_id = ANY(p_batches) AND s.scenario_id - s.batch_id * 10 = ANY(p_slots);
END
$$;

COMMENT ON FUNCTION aquasql.scenario_clear(bigint[], integer[]) IS
'Scenario step: deletes the generated scenarios (id = batch id x 10 + one of p_slots) of the given batches, '
'with their projections and projection runs, after unpinning them.';

-- Step: every projection row of every scenario, with its scenario's figures, in one statement
-- (pg_temp.generated_projection), from which the version's tables are written.
CREATE OR REPLACE FUNCTION aquasql.scenario_project(p_batches bigint[], p_max_days integer)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    IF to_regclass('pg_temp.generated_projection') IS NOT NULL THEN
        DROP TABLE pg_temp.generated_projection;
    END IF;
    CREATE TEMP TABLE pg_temp.generated_projection ON COMMIT DROP AS
    WITH start AS (
        -- every kind whose first day lies within the batch's history
        SELECT
            p.batch_id * 10 + k.slot AS scenario_id,
            format('%s %s', b.batch_number, k.label) AS name,
            p.batch_id,
            p.sea_start_date,
            p.target_weight_g,
            d.date AS start_date,
            d.weight_g AS initial_weight,
            pop.population AS initial_count,
            tgc.model_id AS tgc_model_id,
            tgc.tgc_value,
            tgc.profile_id,
            prof.days AS profile_days,
            fcr.model_id AS fcr_model_id,
            mort.model_id AS mortality_model_id,
            mort.daily_rate,
            coalesce(sup.name, 'Unknown supplier') AS supplier
        FROM aquasql.plan_batch AS p
        INNER JOIN batch_batch AS b ON p.batch_id = b.id
        INNER JOIN infrastructure_geography AS g ON p.geography_id = g.id
        CROSS JOIN aquasql.scenario_kinds() AS k
        -- the first day of the kind's stage on the batch's curve
        INNER JOIN LATERAL (
            SELECT bd.* FROM aquasql.batch_day AS bd
            WHERE bd.batch_id = p.batch_id AND bd.stage_order = k.stage_order
            ORDER BY bd.date LIMIT 1
        ) AS d ON d.date <= p.history_end
        CROSS JOIN LATERAL (
            SELECT sum(s.population)::integer AS population
            FROM batch_actualdailyassignmentstate AS s
            WHERE s.batch_id = p.batch_id AND s.date = d.date
        ) AS pop
        CROSS JOIN LATERAL (
            SELECT m.model_id, m.tgc_value, m.profile_id
            FROM scenario_tgcmodel AS m
            ORDER BY m.location = g.name DESC, m.model_id
            LIMIT 1
        ) AS tgc
        CROSS JOIN LATERAL (
            SELECT max(r.day_number) AS days
            FROM scenario_temperaturereading AS r
            WHERE r.profile_id = tgc.profile_id
        ) AS prof
        CROSS JOIN LATERAL (
            SELECT m.model_id FROM scenario_fcrmodel AS m ORDER BY m.model_id LIMIT 1
        ) AS fcr
        CROSS JOIN LATERAL (
            -- the model's rate (percent per period) as a daily fraction
            SELECT
                m.model_id,
                1 - power(1 - m.rate / 100, 1.0 / CASE lower(m.frequency)
                    WHEN 'weekly' THEN 7 WHEN 'monthly' THEN 30 ELSE 1 END) AS daily_rate
            FROM scenario_mortalitymodel AS m
            ORDER BY m.model_id
            LIMIT 1
        ) AS mort
        LEFT JOIN LATERAL (
            SELECT e.name
            FROM batch_creationworkflow AS w
            INNER JOIN broodstock_eggsupplier AS e ON w.external_supplier_id = e.id
            WHERE w.batch_id = p.batch_id
            ORDER BY w.id
            LIMIT 1
        ) AS sup ON TRUE
        WHERE p.batch_id = ANY(p_batches) AND pop.population > 0
    ),

    days AS (
        -- the stage of a day follows the batch's schedule; freshwater days use the stage's
        -- TGC and hall temperature, sea days the TGC model and the profile (by day of year)
        SELECT
            st.scenario_id,
            st.target_weight_g,
            st.initial_weight,
            st.initial_count,
            st.daily_rate,
            st.fcr_model_id,
            n.day_number,
            st.start_date + n.day_number - 1 AS projection_date,
            sp.stage_order,
            CASE WHEN sp.at_sea THEN st.tgc_value ELSE sp.tgc END AS tgc,
            CASE WHEN sp.at_sea THEN r.temperature ELSE sp.temp_mean END AS temperature
        FROM start AS st
        CROSS JOIN generate_series(1, p_max_days) AS n (day_number)
        -- the plan's stage of that day (freshwater days are on the batch's curve)
        LEFT JOIN aquasql.batch_day AS bd
            ON st.batch_id = bd.batch_id AND bd.date = st.start_date + n.day_number - 1
            AND st.start_date + n.day_number - 1 < st.sea_start_date
        -- from the sea start on: the sea stage
        INNER JOIN aquasql.stage_parameter AS sp
            ON sp.stage_order = coalesce(
                bd.stage_order, (SELECT s.stage_order FROM aquasql.stage_parameter AS s WHERE s.at_sea)
            )
        LEFT JOIN scenario_temperaturereading AS r
            ON st.profile_id = r.profile_id
            AND r.day_number = (
                extract(DOY FROM st.start_date + n.day_number - 1)::integer - 1
            ) % st.profile_days + 1
    ),

    grown AS (
        SELECT
            days.*,
            power(cbrt(days.initial_weight) + sum(days.tgc * days.temperature / 1000) OVER w, 3) AS average_weight,
            days.initial_count * power(1 - days.daily_rate, days.day_number) AS population
        FROM days
        WINDOW w AS (PARTITION BY days.scenario_id ORDER BY days.day_number)
    ),

    fed AS (
        -- feed = the stage's FCR × the day's biomass gain of the surviving fish
        SELECT
            grown.*,
            min(CASE WHEN grown.average_weight >= grown.target_weight_g THEN grown.day_number END)
                OVER (PARTITION BY grown.scenario_id) AS last_day,
            coalesce(fs.fcr_value, 0) * grown.population / 1000 * (
                grown.average_weight - lag(grown.average_weight, 1, grown.initial_weight) OVER (
                    PARTITION BY grown.scenario_id ORDER BY grown.day_number
                )
            ) AS daily_feed
        FROM grown
        INNER JOIN batch_lifecyclestage AS ls ON grown.stage_order = ls."order"
        LEFT JOIN scenario_fcrmodelstage AS fs ON grown.fcr_model_id = fs.model_id AND ls.id = fs.stage_id
    ),

    projection AS (
        SELECT
            fed.scenario_id,
            fed.projection_date,
            fed.day_number,
            fed.average_weight,
            fed.population,
            fed.daily_feed,
            sum(fed.daily_feed) OVER (PARTITION BY fed.scenario_id ORDER BY fed.day_number) AS cumulative_feed,
            fed.temperature,
            ls.id AS stage_id
        FROM fed
        INNER JOIN batch_lifecyclestage AS ls ON fed.stage_order = ls."order"
        WHERE fed.day_number <= coalesce(fed.last_day, p_max_days)
    )

    SELECT
        pr.*,
        count(*) OVER (PARTITION BY pr.scenario_id)::integer AS duration_days,
        st.name,
        st.start_date AS scenario_start,
        st.initial_count,
        st.supplier,
        st.initial_weight,
        st.tgc_model_id,
        st.fcr_model_id,
        st.mortality_model_id,
        st.batch_id
    FROM projection AS pr
    INNER JOIN start AS st ON pr.scenario_id = st.scenario_id;
END
$$;

COMMENT ON FUNCTION aquasql.scenario_project(bigint[], integer) IS
'Scenario step: creates pg_temp.generated_projection, one row per scenario and day (at most p_max_days) of '
'the given batches: the planning model''s weight, population, feed and temperature with the scenario''s figures.';

-- Step: the scenario rows, from each projection's first day.
CREATE OR REPLACE FUNCTION aquasql.scenario_write_scenarios(p_admin_id integer)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO scenario (
        scenario_id, name, start_date, duration_days, initial_count, genotype, supplier,
        initial_weight, tgc_model_id, fcr_model_id, mortality_model_id, batch_id,
        biological_constraints_id, created_by_id, created_at, updated_at
    )
    SELECT
        g.scenario_id,
        g.name,
        g.scenario_start,
        g.duration_days,
        g.initial_count,
        g.supplier || ' Atlantic salmon',
        g.supplier,
        round(g.initial_weight::numeric, 2),
        g.tgc_model_id,
        g.fcr_model_id,
        g.mortality_model_id,
        g.batch_id,
        NULL,
        p_admin_id,
        (g.scenario_start::timestamp AT TIME ZONE 'UTC'),
        (g.scenario_start::timestamp AT TIME ZONE 'UTC')
    FROM pg_temp.generated_projection AS g
    WHERE g.day_number = 1;
END
$$;

COMMENT ON FUNCTION aquasql.scenario_write_scenarios(integer) IS
'Scenario step: writes a scenario row per scenario of pg_temp.generated_projection, created by p_admin_id.';

-- Step: the projection figures as AquaMind stores them (rounded; biomass from the rounded
-- figures, so each row agrees with itself), in pg_temp.generated_projection_row.
CREATE OR REPLACE FUNCTION aquasql.scenario_round_projections()
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    IF to_regclass('pg_temp.generated_projection_row') IS NOT NULL THEN
        DROP TABLE pg_temp.generated_projection_row;
    END IF;
    CREATE TEMP TABLE pg_temp.generated_projection_row ON COMMIT DROP AS
    SELECT
        g.scenario_id * 1000 + g.day_number AS projection_id,
        g.scenario_id,
        g.projection_date,
        g.day_number,
        round(g.average_weight::numeric, 2)::float8 AS average_weight,
        round(g.population::numeric, 0)::float8 AS population,
        -- from the rounded figures, so that each row agrees with itself
        round(round(g.population::numeric, 0) * round(g.average_weight::numeric, 2) / 1000, 2)::float8 AS biomass,
        round(g.daily_feed::numeric, 2)::float8 AS daily_feed,
        round(g.cumulative_feed::numeric, 2)::float8 AS cumulative_feed,
        round(g.temperature::numeric, 2)::float8 AS temperature,
        g.stage_id,
        g.duration_days,
        (g.scenario_start::timestamp AT TIME ZONE 'UTC') AS written_at
    FROM pg_temp.generated_projection AS g;
END
$$;

COMMENT ON FUNCTION aquasql.scenario_round_projections() IS
'Scenario step: creates pg_temp.generated_projection_row, the rounded projection rows with their ids '
'(scenario id x 1000 + day number).';

-- Step: the projection rows in the AquaMind version's tables (cb41030: under one projection
-- run per scenario); returns the projection rows written.
CREATE OR REPLACE FUNCTION aquasql.scenario_write_projections(p_admin_id integer)
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    projections bigint;
BEGIN
    IF aquasql.aquamind_version() = 'c6cd7d5' THEN
        INSERT INTO scenario_scenarioprojection (
            projection_id, scenario_id, projection_date, day_number, average_weight, population, biomass,
            daily_feed, cumulative_feed, temperature, current_stage_id, created_at, updated_at
        )
        SELECT
            r.projection_id, r.scenario_id, r.projection_date, r.day_number, r.average_weight, r.population,
            r.biomass, r.daily_feed, r.cumulative_feed, r.temperature, r.stage_id, r.written_at, r.written_at
        FROM pg_temp.generated_projection_row AS r;
    ELSE
        -- one projection run per scenario, numbered 1, with the run id = the scenario id
        INSERT INTO scenario_projection_run (
            run_id, run_date, run_number, label, parameters_snapshot, notes, total_projections,
            final_weight_g, final_biomass_kg, created_at, updated_at, created_by_id, scenario_id
        )
        SELECT
            r.scenario_id,
            r.written_at,
            1,
            'Initial projection',
            jsonb_build_object(
                'tgc_model_id', g.tgc_model_id, 'fcr_model_id', g.fcr_model_id,
                'mortality_model_id', g.mortality_model_id, 'initial_count', g.initial_count,
                'initial_weight_g', round(g.initial_weight::numeric, 2)
            ),
            '',
            r.duration_days,
            r.average_weight,
            r.biomass,
            r.written_at,
            r.written_at,
            p_admin_id,
            r.scenario_id
        FROM pg_temp.generated_projection_row AS r
        INNER JOIN pg_temp.generated_projection AS g ON r.scenario_id = g.scenario_id AND g.day_number = 1
        WHERE r.day_number = r.duration_days;

        INSERT INTO scenario_scenarioprojection (
            projection_id, projection_run_id, projection_date, day_number, average_weight, population, biomass,
            daily_feed, cumulative_feed, temperature, current_stage_id, created_at, updated_at
        )
        SELECT
            r.projection_id, r.scenario_id, r.projection_date, r.day_number, r.average_weight, r.population,
            r.biomass, r.daily_feed, r.cumulative_feed, r.temperature, r.stage_id, r.written_at, r.written_at
        FROM pg_temp.generated_projection_row AS r;
    END IF;
    GET DIAGNOSTICS projections = ROW_COUNT;
    RETURN projections;
END
$$;

COMMENT ON FUNCTION aquasql.scenario_write_projections(integer) IS
'Scenario step: writes pg_temp.generated_projection_row to scenario_scenarioprojection (cb41030: with a '
'projection run per scenario, run id = scenario id); returns the projection rows written.';

-- Step: pin each batch's latest generated scenario (cb41030: its run, whose id is the
-- scenario's), as AquaMind shows the pinned one with the batch.
CREATE OR REPLACE FUNCTION aquasql.scenario_pin_latest(p_batches bigint[], p_slots integer[])
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    IF aquasql.aquamind_version() = 'c6cd7d5' THEN
        UPDATE batch_batch AS b SET pinned_scenario_id = l.scenario_id
        FROM aquasql.latest_generated_scenarios(p_batches, p_slots) AS l
        WHERE b.id = l.batch_id;
    ELSE
        UPDATE batch_batch AS b SET pinned_projection_run_id = l.scenario_id
        FROM aquasql.latest_generated_scenarios(p_batches, p_slots) AS l
        WHERE b.id = l.batch_id;
    END IF;
END
$$;

COMMENT ON FUNCTION aquasql.scenario_pin_latest(bigint[], integer[]) IS
'Scenario step: pins each given batch''s latest generated scenario (c6cd7d5) or its projection run (cb41030).';

-- Each batch's latest generated scenario (id = batch id x 10 + one of the slots).
CREATE OR REPLACE FUNCTION aquasql.latest_generated_scenarios(p_batches bigint[], p_slots integer[])
RETURNS TABLE (batch_id bigint, scenario_id bigint)
LANGUAGE sql STABLE
AS $$
    SELECT s.batch_id, max(s.scenario_id)
    FROM scenario AS s
    WHERE s.batch_id = ANY(p_batches) AND s.scenario_id - s.batch_id * 10 = ANY(p_slots)
    GROUP BY s.batch_id
$$;

COMMENT ON FUNCTION aquasql.latest_generated_scenarios(bigint[], integer[]) IS
'Each given batch''s latest generated scenario (scenario id = batch id x 10 + one of p_slots).';

-- Step: the identity sequences past the ids written (ids are derived from the plan, not drawn).
CREATE OR REPLACE FUNCTION aquasql.scenario_sync_identities()
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM aquasql.sync_identity('scenario', 'scenario_id');
    PERFORM aquasql.sync_identity('scenario_scenarioprojection', 'projection_id');
    IF aquasql.aquamind_version() <> 'c6cd7d5' THEN
        PERFORM aquasql.sync_identity('scenario_projection_run', 'run_id');
    END IF;
END
$$;

COMMENT ON FUNCTION aquasql.scenario_sync_identities() IS
'Scenario step: moves the identity sequences of the scenario tables past the ids written.';

-- The scenarios of the given batches: clear the old ones, project, write scenarios and
-- projections, pin the latest.
CREATE OR REPLACE FUNCTION aquasql.generate_scenarios(p_batches bigint[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    batches bigint[] := aquasql.plan_batches(p_batches);
    -- longest projection (projection id = scenario id × 1000 + day number, so below 1000)
    max_days constant integer := aquasql.param('scenario_max_days')::integer;
    admin_id integer := aquasql.user_id('system_admin');
    -- generated scenarios are recognised by their id: batch id × 10 + one of these
    slots integer[] := ARRAY(SELECT k.slot FROM aquasql.scenario_kinds() AS k);
    projections bigint;
BEGIN
    IF max_days NOT BETWEEN 1 AND 999 THEN
        RAISE EXCEPTION 'scenario_max_days % out of range', max_days
            USING ERRCODE = 'invalid_parameter_value',
            HINT = 'needed: 1-999 (projection id = scenario id x 1000 + day number)';
    END IF;
    IF NOT aquasql.fresh_load() THEN
        PERFORM aquasql.scenario_clear(batches, slots);
    END IF;
    PERFORM aquasql.scenario_project(batches, max_days);
    PERFORM aquasql.scenario_write_scenarios(admin_id);
    PERFORM aquasql.scenario_round_projections();
    projections := aquasql.scenario_write_projections(admin_id);
    PERFORM aquasql.scenario_pin_latest(batches, slots);
    PERFORM aquasql.scenario_sync_identities();
    DROP TABLE pg_temp.generated_projection_row;
    DROP TABLE pg_temp.generated_projection;
    RETURN projections + (
        SELECT count(*) FROM scenario AS s
        WHERE s.batch_id = ANY(batches) AND s.scenario_id - s.batch_id * 10 = ANY(slots)
    );
END
$$;

COMMENT ON FUNCTION aquasql.generate_scenarios(bigint[]) IS
'Scenarios of the given batches (default: all planned): "From Batch (Parr)" from the first Parr day and '
'"Sea Growth Forecast" from the first sea day, where those lie within the history, each with a daily '
'projection until the batch''s target weight (at most scenario_max_days, 900 days). Scenario id = batch '
'id × 10 + slot, projection id = scenario id × 1000 + day number; pins each batch''s latest scenario. Replaces earlier '
'generated scenarios of those batches; returns the rows written.';

-- Clear the batches' pinned scenario (c6cd7d5) or projection run (cb41030).
CREATE OR REPLACE FUNCTION aquasql.unpin_scenarios(p_batches bigint[] DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    IF aquasql.aquamind_version() = 'c6cd7d5' THEN
        UPDATE batch_batch SET pinned_scenario_id = NULL
        WHERE pinned_scenario_id IS NOT NULL AND (p_batches IS NULL OR id = ANY(p_batches));
    ELSE
        UPDATE batch_batch SET pinned_projection_run_id = NULL
        WHERE pinned_projection_run_id IS NOT NULL AND (p_batches IS NULL OR id = ANY(p_batches));
    END IF;
END
$$;
