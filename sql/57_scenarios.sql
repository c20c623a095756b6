-- Scenarios (shared/domain.md section 6): for every batch, a "From Batch (Parr)" forecast from
-- its first Parr day and a "Sea Growth Forecast" from its first sea day, each projected daily
-- until the mean weight reaches the batch's harvest target. The projection is the planning
-- model, not the batch's own curve: stage TGCs and hall temperatures in freshwater, the
-- geography's TGC model and temperature profile at sea, the mortality model's flat rate.

-- The scenario kinds: slot (last digit of the scenario id), name and the stage it starts in.
CREATE OR REPLACE FUNCTION aquasql.scenario_kinds()
RETURNS TABLE (slot integer, label text, stage_order integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    VALUES
    (1, 'From Batch (Parr)', 3),
    (2, 'Sea Growth Forecast', 6)
$$;

COMMENT ON FUNCTION aquasql.scenario_kinds() IS
'The scenarios written per batch: slot (scenario id = batch id × 10 + slot), name suffix and the stage '
'on whose first day the scenario starts.';

CREATE OR REPLACE FUNCTION aquasql.generate_scenarios(p_batches bigint[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    batches bigint[] := aquasql.plan_batches(p_batches);
    -- longest projection (projection id = scenario id × 1000 + day number)
    max_days constant integer := 900;
    admin_id integer := aquasql.user_id('system_admin');
    -- generated scenarios are recognised by their id: batch id × 10 + one of these
    slots integer[] := ARRAY(SELECT k.slot FROM aquasql.scenario_kinds() AS k);
    scenarios bigint;
    projections bigint;
BEGIN
    -- Regenerating replaces the generated scenarios of these batches only.
    UPDATE batch_batch SET pinned_scenario_id = NULL
    WHERE id = ANY(batches) AND pinned_scenario_id IS NOT NULL;
    DELETE FROM scenario_scenarioprojection AS pr
    USING scenario AS s
    WHERE pr.scenario_id = s.scenario_id AND s.batch_id = ANY(batches) AND s.scenario_id - s.batch_id * 10 = ANY(slots);
    DELETE FROM scenario AS s
    WHERE s.batch_id = ANY(batches) AND s.scenario_id - s.batch_id * 10 = ANY(slots);

    WITH start AS (
        -- every kind whose first day lies within the batch's history
        SELECT
            p.batch_id * 10 + k.slot AS scenario_id,
            format('%s %s', b.batch_number, k.label) AS name,
            p.batch_id,
            p.start_date AS batch_start,
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
        INNER JOIN aquasql.stage_offsets() AS o ON k.stage_order = o.stage_order
        INNER JOIN aquasql.batch_day AS d
            ON p.batch_id = d.batch_id AND d.day_number = o.offset_days + 1 AND d.date <= p.history_end
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
        WHERE p.batch_id = ANY(batches) AND pop.population > 0
    ),

    stage_span AS (
        SELECT o.stage_order, o.offset_days, o.offset_days + coalesce(o.duration_days, max_days) AS end_days
        FROM aquasql.stage_offsets() AS o
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
            so.stage_order,
            CASE WHEN so.stage_order = 6 THEN st.tgc_value ELSE sp.tgc END AS tgc,
            CASE WHEN so.stage_order = 6 THEN r.temperature ELSE sp.temp_mean END AS temperature
        FROM start AS st
        CROSS JOIN generate_series(1, max_days) AS n (day_number)
        INNER JOIN stage_span AS so
            ON CASE
                WHEN st.start_date + n.day_number - 1 >= st.sea_start_date THEN so.stage_order = 6
                ELSE so.stage_order < 6
                    AND st.start_date + n.day_number - 1 - st.batch_start >= so.offset_days
                    AND st.start_date + n.day_number - 1 - st.batch_start < so.end_days
            END
        INNER JOIN aquasql.stage_parameter AS sp ON so.stage_order = sp.stage_order
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
        WHERE fed.day_number <= coalesce(fed.last_day, max_days)
    ),

    -- The scenarios go in with the projections in one statement (duration_days needs the
    -- projection); the FK checks on the projections run at the end of the statement.
    new_scenario AS (
        INSERT INTO scenario (
            scenario_id, name, start_date, duration_days, initial_count, genotype, supplier,
            initial_weight, tgc_model_id, fcr_model_id, mortality_model_id, batch_id,
            biological_constraints_id, created_by_id, created_at, updated_at
        )
        SELECT
            st.scenario_id,
            st.name,
            st.start_date,
            (SELECT count(*) FROM projection AS pr WHERE pr.scenario_id = st.scenario_id),
            st.initial_count,
            st.supplier || ' Atlantic salmon',
            st.supplier,
            round(st.initial_weight::numeric, 2),
            st.tgc_model_id,
            st.fcr_model_id,
            st.mortality_model_id,
            st.batch_id,
            NULL,
            admin_id,
            st.start_date::timestamptz,
            st.start_date::timestamptz
        FROM start AS st
        RETURNING scenario_id
    )

    INSERT INTO scenario_scenarioprojection (
        projection_id, scenario_id, projection_date, day_number, average_weight, population, biomass,
        daily_feed, cumulative_feed, temperature, current_stage_id, created_at, updated_at
    )
    SELECT
        pr.scenario_id * 1000 + pr.day_number,
        pr.scenario_id,
        pr.projection_date,
        pr.day_number,
        round(pr.average_weight::numeric, 2),
        round(pr.population::numeric, 0),
        -- from the rounded figures, so that each row agrees with itself
        round(round(pr.population::numeric, 0) * round(pr.average_weight::numeric, 2) / 1000, 2),
        round(pr.daily_feed::numeric, 2),
        round(pr.cumulative_feed::numeric, 2),
        round(pr.temperature::numeric, 2),
        pr.stage_id,
        st.start_date::timestamptz,
        st.start_date::timestamptz
    FROM projection AS pr
    -- the scenario rows of new_scenario are not visible here yet; start has the same dates
    INNER JOIN start AS st ON pr.scenario_id = st.scenario_id;
    GET DIAGNOSTICS projections = ROW_COUNT;

    -- Pin each batch's latest scenario.
    UPDATE batch_batch AS b SET pinned_scenario_id = latest.scenario_id
    FROM (
        SELECT s.batch_id, max(s.scenario_id) AS scenario_id
        FROM scenario AS s
        WHERE s.batch_id = ANY(batches) AND s.scenario_id - s.batch_id * 10 = ANY(slots)
        GROUP BY s.batch_id
    ) AS latest
    WHERE b.id = latest.batch_id;

    PERFORM aquasql.sync_identity('scenario', 'scenario_id');
    PERFORM aquasql.sync_identity('scenario_scenarioprojection', 'projection_id');
    scenarios := (
        SELECT count(*) FROM scenario AS s
        WHERE s.batch_id = ANY(batches) AND s.scenario_id - s.batch_id * 10 = ANY(slots)
    );
    RETURN scenarios + projections;
END
$$;

COMMENT ON FUNCTION aquasql.generate_scenarios(bigint[]) IS
'Scenarios of the given batches (default: all planned): "From Batch (Parr)" from the first Parr day and '
'"Sea Growth Forecast" from the first sea day, where those lie within the history, each with a daily '
'projection until the batch''s target weight (at most 900 days). Scenario id = batch id × 10 + slot, '
'projection id = scenario id × 1000 + day number; pins each batch''s latest scenario. Replaces earlier '
'generated scenarios of those batches; returns the rows written.';
