-- The planner's growth curves: a schedule that follows the fish. In a hatchery the halls
-- change over on the station's slots, and the hall temperature is steered so the fish reach
-- the stage's end weight by then; a batch planned alone ends a stage when it reaches that
-- weight. The sea phase grows at its site's temperature until harvest. Both write
-- aquasql.batch_day, the curve every generator reads.

-- The hatchery's slots: a station runs its five halls as one pipeline, all in, all out. On a
-- slot the post-smolts go to sea and every batch behind them moves one hall on, hall after
-- hall (each hall washed for hall_wash_days first), and new eggs come into hall A. Slots lie
-- in the two smolt windows (spring, S1 smolts; autumn, S0 smolts from light-manipulated
-- halls): one early and one late in each, hatchery_slot_window_days apart; further stations
-- of a geography take theirs a few days further inside the window (one wellboat serves them
-- one after another), and each slot moves a seeded 0-2 days more.
CREATE OR REPLACE FUNCTION aquasql.hatchery_slots(
    p_seed bigint, p_geography_order integer, p_station_rank integer, p_from_year integer, p_to_year integer
)
RETURNS TABLE (slot_no bigint, slot_date date)
LANGUAGE sql STABLE
AS $$
    SELECT
        row_number() OVER (ORDER BY s.d),
        s.d
    FROM (
        SELECT
            make_date(y, 1, 1) + w.first_day - 1
            + CASE WHEN l.late THEN aquasql.param('hatchery_slot_window_days')::integer - 1 ELSE 0 END
            + CASE WHEN l.late THEN -1 ELSE 1 END * (
                (p_station_rank % 4) * aquasql.param('hatchery_slot_station_step_days')::integer
                + aquasql.rand_int(p_seed, aquasql.stream('hatchery_slot_jitter'), p_geography_order,
                    p_station_rank, y * 4 + w.window_no * 2 + l.late::integer, 0, 2)
            ) AS d
        FROM generate_series(p_from_year, p_to_year) AS y
        CROSS JOIN (VALUES
            (0, aquasql.param('hatchery_slot_spring_day')::integer),
            (1, aquasql.param('hatchery_slot_autumn_day')::integer)
        ) AS w (window_no, first_day)
        CROSS JOIN (VALUES (FALSE), (TRUE)) AS l (late)
    ) AS s
$$;

-- The freshwater stages, one hall each (A, B, …): the number of slots a batch spends in a station.
CREATE OR REPLACE FUNCTION aquasql.freshwater_stage_count()
RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT count(*)::integer FROM aquasql.stage_parameter WHERE NOT at_sea
$$;

-- A batch's stages when it comes into a station's hall A on slot p_slot_no: stage k from the
-- day it moves into hall k (slot k - 1, after the halls ahead of it are washed) to the day
-- before it moves on (slot k); the sea transfer on the slot after the last hall.
CREATE OR REPLACE FUNCTION aquasql.slot_stages(p_slot_dates date[], p_slot_no integer)
RETURNS TABLE (stage_order integer, first_day date, last_day date)
LANGUAGE sql STABLE
AS $$
    SELECT
        k,
        p_slot_dates[p_slot_no + k - 1] + (halls.n + 1 - k) * aquasql.param('hall_wash_days')::integer,
        p_slot_dates[p_slot_no + k] + (halls.n - k) * aquasql.param('hall_wash_days')::integer - 1
    FROM (SELECT aquasql.freshwater_stage_count() AS n) AS halls
    CROSS JOIN LATERAL generate_series(1, halls.n) AS k
$$;

-- A batch's growth in one freshwater stage relative to its overall multiplier: broodstock,
-- egg quality and each hall's routine make stages of one batch differ (log-normal, ±2.5 sd).
CREATE OR REPLACE FUNCTION aquasql.stage_tgc_factor(
    p_seed bigint, p_geography_order integer, p_batch_index integer, p_stage_order integer
)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT exp(aquasql.param('stage_tgc_sd') * greatest(-z.z_max, least(z.z_max, aquasql.rand_normal(
        p_seed, aquasql.stream('stage_tgc'), p_geography_order, p_batch_index, p_stage_order
    ))))
    FROM (SELECT aquasql.param('stage_tgc_z_max') AS z_max) AS z
$$;

-- A sea site's temperature relative to its geography's series: sheltered inner sites are
-- warmer in summer and fjord mouths cooler; a constant offset per area (±2 sd).
CREATE OR REPLACE FUNCTION aquasql.area_temperature_offset(p_seed bigint, p_area_id bigint)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT aquasql.param('site_temp_offset_sd') * greatest(-z.z_max, least(z.z_max,
        aquasql.rand_normal(p_seed, aquasql.stream('site_temperature'), p_area_id)))
    FROM (SELECT aquasql.param('site_temp_offset_z_max') AS z_max) AS z
$$;

-- How many days too late a station's halls come free for a batch: the largest of (day hall k
-- is free - day the batch arrives in hall k); 0 or less means the batch fits.
CREATE OR REPLACE FUNCTION aquasql.halls_free_by(p_hall_free date[], p_arrive date[])
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT coalesce(max(p_hall_free[k] - p_arrive[k]), 0) FROM generate_subscripts(p_arrive, 1) AS k
$$;

-- The freshwater curves of all planned candidates (temp table plan_candidate), stage after
-- stage: cube-root TGC over the running degree-days from the stage's first day. A batch
-- with slots (temp table plan_slot_stage) keeps its stages' planned days: the hatchery steers
-- each hall's temperature, by at most hall_steering_share of the stage's mean and within the
-- hall's band (hall_temp_min/max_*), so that the
-- batch at its known growth multiplier reaches the stage's end weight on the stage's last day;
-- the stage's own growth factor, which the farm does not know in advance, makes it miss by a
-- little. Any other batch grows at the halls' temperatures until its mean weight reaches the
-- stage's end weight (within stage_min_days-stage_max_days). Sets each candidate's
-- sea_start_date to the day after its last freshwater day.
CREATE OR REPLACE FUNCTION aquasql.plan_freshwater_growth(p_seed bigint)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    st aquasql.stage_parameter;
    min_days integer := aquasql.param('stage_min_days')::integer;
    max_days integer := aquasql.param('stage_max_days')::integer;
    steering double precision := aquasql.param('hall_steering_share');
    lowest double precision;
    highest double precision;
BEGIN
    DROP TABLE IF EXISTS pg_temp.plan_growth;
    CREATE TEMP TABLE pg_temp.plan_growth ON COMMIT DROP AS
    SELECT
        c.batch_id, c.geography_id, c.sort_order, c.batch_index, c.tgc_multiplier, c.start_date AS next_day,
        0 AS days_before, cbrt(aquasql.param('egg_weight_g')) AS cbrt_weight, 0::double precision AS degree_days,
        0::double precision AS stage_multiplier, NULL::integer AS planned_days, 0::double precision AS steer_c
    FROM pg_temp.plan_candidate AS c;

    FOR st IN SELECT * FROM aquasql.stage_parameter WHERE duration_days IS NOT NULL ORDER BY stage_order LOOP
        lowest := aquasql.param(CASE WHEN st.incubation THEN 'hall_temp_min_incubation_c' ELSE 'hall_temp_min_tank_c' END);
        highest := aquasql.param(CASE WHEN st.incubation THEN 'hall_temp_max_incubation_c' ELSE 'hall_temp_max_tank_c' END);
        -- the stage's growth multiplier of each batch, drawn once per batch, and its planned days
        UPDATE pg_temp.plan_growth AS g
        SET stage_multiplier = g.tgc_multiplier * aquasql.stage_tgc_factor(p_seed, g.sort_order, g.batch_index, st.stage_order),
            planned_days = (
                SELECT s.last_day - s.first_day + 1 FROM pg_temp.plan_slot_stage AS s
                WHERE s.batch_id = g.batch_id AND s.stage_order = st.stage_order
            );
        -- the hall temperature offset that reaches the end weight on the last planned day
        UPDATE pg_temp.plan_growth AS g
        SET steer_c = greatest(-steering * st.temp_mean, least(steering * st.temp_mean, (
            (cbrt(st.end_weight_g) - g.cbrt_weight) * 1000 / (st.tgc * g.tgc_multiplier) - (
                SELECT sum(t.temp_c) FROM aquasql.daily_temperature AS t
                WHERE t.geography_id = g.geography_id AND t.stage_order = st.stage_order
                    AND t.date BETWEEN g.next_day AND g.next_day + g.planned_days - 1
            )) / g.planned_days))
        WHERE g.planned_days IS NOT NULL;
        DROP TABLE IF EXISTS pg_temp.plan_stage_day;
        CREATE TEMP TABLE pg_temp.plan_stage_day ON COMMIT DROP AS
        WITH hall AS (
            -- a steered hall stays within its band
            SELECT
                g.*,
                i,
                CASE WHEN g.planned_days IS NULL THEN t.temp_c
                    ELSE least(highest, greatest(lowest, t.temp_c + g.steer_c)) END AS temp_c
            FROM pg_temp.plan_growth AS g
            CROSS JOIN LATERAL generate_series(0, coalesce(g.planned_days, max_days) - 1) AS i
            INNER JOIN aquasql.daily_temperature AS t
                ON g.geography_id = t.geography_id AND t.stage_order = st.stage_order AND t.date = g.next_day + i
        ),

        days AS (
            SELECT
                h.batch_id,
                h.planned_days,
                h.i,
                h.next_day + h.i AS date,
                h.days_before + h.i + 1 AS day_number,
                h.temp_c,
                h.degree_days + sum(h.temp_c) OVER w AS degree_days,
                h.cbrt_weight + sum(st.tgc * h.stage_multiplier * h.temp_c / 1000) OVER w AS cbrt_weight,
                h.cbrt_weight AS cbrt_weight_before
            FROM hall AS h
            WINDOW w AS (PARTITION BY h.batch_id ORDER BY h.i)
        ),

        stage_end AS (
            SELECT days.batch_id, coalesce(min(days.planned_days) - 1, min(days.i) FILTER (
                WHERE days.i + 1 >= min_days AND days.cbrt_weight >= cbrt(st.end_weight_g)
            ), max_days - 1) AS last_i
            FROM days GROUP BY days.batch_id
        )

        SELECT days.*
        FROM days INNER JOIN stage_end AS e ON days.batch_id = e.batch_id AND days.i <= e.last_i;

        INSERT INTO aquasql.batch_day (batch_id, date, day_number, stage_order, temp_c, degree_days, weight_g, gain_g)
        SELECT
            d.batch_id, d.date, d.day_number, st.stage_order, d.temp_c, d.degree_days, power(d.cbrt_weight, 3),
            power(d.cbrt_weight, 3) - power(coalesce(
                lag(d.cbrt_weight) OVER (PARTITION BY d.batch_id ORDER BY d.i), d.cbrt_weight_before
            ), 3)
        FROM pg_temp.plan_stage_day AS d;

        UPDATE pg_temp.plan_growth AS g SET
            next_day = e.date + 1, days_before = e.day_number, cbrt_weight = e.cbrt_weight, degree_days = e.degree_days
        FROM (
            SELECT DISTINCT ON (d.batch_id) d.* FROM pg_temp.plan_stage_day AS d ORDER BY d.batch_id, d.i DESC
        ) AS e
        WHERE g.batch_id = e.batch_id;
    END LOOP;

    UPDATE pg_temp.plan_candidate AS c SET sea_start_date = g.next_day
    FROM pg_temp.plan_growth AS g WHERE g.batch_id = c.batch_id;
END
$$;

-- The sea phase of one candidate batch at its sea area: growth at the geography's sea
-- temperature plus the area's offset, from the sea transfer on. Then the harvest, ring after
-- ring at the wellboat's daily capacity: the expected biomass at the target weight takes
-- `days` days, centred on the day the mean weight reaches the target (or ending after the
-- longest sea phase). With p_until (the day the site is next needed, less its fallow) the
-- farm keeps the fish growing and harvests them by then instead, as long as they average at
-- most harvest_delay_max_weight_g in the middle of the harvest. Keeps the curve up to the
-- last day with fish; sets the candidate's harvest_start_date and harvest_date (the last
-- ring's day).
CREATE OR REPLACE FUNCTION aquasql.plan_sea_growth(
    p_seed bigint, p_batch_id bigint, p_area_id bigint, p_until date DEFAULT NULL
)
RETURNS date
LANGUAGE plpgsql
AS $$
DECLARE
    c record;
    max_sea integer := aquasql.param('max_sea_days')::integer;
    sea aquasql.stage_parameter;
    offset_c double precision := aquasql.area_temperature_offset(p_seed, p_area_id);
    target_day date;
    window_days integer;
    last_day date;
BEGIN
    SELECT * INTO c FROM pg_temp.plan_candidate WHERE batch_id = p_batch_id;
    SELECT * INTO sea FROM aquasql.stage_parameter WHERE duration_days IS NULL;
    DELETE FROM aquasql.batch_day AS b WHERE b.batch_id = p_batch_id AND b.stage_order = sea.stage_order;

    INSERT INTO aquasql.batch_day (batch_id, date, day_number, stage_order, temp_c, degree_days, weight_g, gain_g)
    WITH fresh AS (
        SELECT b.day_number, b.degree_days, cbrt(b.weight_g) AS cbrt_weight
        FROM aquasql.batch_day AS b WHERE b.batch_id = p_batch_id AND b.date = c.sea_start_date - 1
    ),

    days AS (
        SELECT
            i,
            c.sea_start_date + i AS date,
            f.day_number + i + 1 AS day_number,
            t.temp_c + offset_c AS temp_c,
            f.degree_days + sum(t.temp_c + offset_c) OVER w AS degree_days,
            f.cbrt_weight + sum(sea.tgc * c.tgc_multiplier * (t.temp_c + offset_c) / 1000) OVER w AS cbrt_weight,
            f.cbrt_weight AS cbrt_weight_before
        FROM fresh AS f
        CROSS JOIN generate_series(0, max_sea - 1) AS i
        INNER JOIN aquasql.daily_temperature AS t
            ON t.geography_id = c.geography_id AND t.stage_order = sea.stage_order AND t.date = c.sea_start_date + i
        WINDOW w AS (ORDER BY i)
    )

    SELECT
        p_batch_id, d.date, d.day_number, sea.stage_order, d.temp_c, d.degree_days, power(d.cbrt_weight, 3),
        power(d.cbrt_weight, 3) - power(coalesce(lag(d.cbrt_weight) OVER (ORDER BY d.i), d.cbrt_weight_before), 3)
    FROM days AS d;

    SELECT min(b.date) + 1 INTO target_day FROM aquasql.batch_day AS b
    WHERE b.batch_id = p_batch_id AND b.stage_order = sea.stage_order AND b.weight_g >= c.target_weight_g;
    -- the fish expected at sea transfer, less the sea stage's background losses
    window_days := greatest(c.rings, ceil(
        c.sea_fish * sea.stage_survival * c.target_weight_g / 1000 / c.wellboat_kg_per_day
    ))::integer;
    last_day := least(coalesce(target_day, c.sea_start_date + max_sea) + window_days / 2, c.sea_start_date + max_sea);
    IF p_until > last_day THEN
        SELECT least(p_until, coalesce(min(b.date) + window_days / 2, p_until), c.sea_start_date + max_sea)
        INTO last_day
        FROM aquasql.batch_day AS b
        WHERE b.batch_id = p_batch_id AND b.stage_order = sea.stage_order
            AND b.weight_g > aquasql.param('harvest_delay_max_weight_g');
        last_day := greatest(last_day, least(coalesce(target_day, c.sea_start_date + max_sea) + window_days / 2,
            c.sea_start_date + max_sea));
    END IF;

    DELETE FROM aquasql.batch_day AS b WHERE b.batch_id = p_batch_id AND b.date >= last_day;
    UPDATE pg_temp.plan_candidate SET harvest_start_date = last_day - window_days, harvest_date = last_day
    WHERE batch_id = p_batch_id;
    RETURN last_day;
END
$$;

-- Harvest a planned batch earlier: its last day with fish moves to p_last_day, the harvest
-- window keeps its length (the sea curve after it is dropped).
CREATE OR REPLACE FUNCTION aquasql.plan_advance_harvest(p_batch_id bigint, p_last_day date)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM aquasql.batch_day WHERE batch_id = p_batch_id AND date >= p_last_day;
    UPDATE pg_temp.plan_candidate
    SET harvest_start_date = harvest_start_date - (harvest_date - p_last_day), harvest_date = p_last_day
    WHERE batch_id = p_batch_id AND harvest_date > p_last_day;
END
$$;

-- The given batches' stages on their curves: first and last day and the days between, also
-- for stages a history has not reached (the plan runs to harvest).
CREATE OR REPLACE FUNCTION aquasql.batch_stage_span(p_batches bigint[])
RETURNS TABLE (batch_id bigint, stage_order integer, first_day date, last_day date, days integer)
LANGUAGE sql STABLE
AS $$
    SELECT d.batch_id, d.stage_order::integer, min(d.date), max(d.date), count(*)::integer
    FROM aquasql.batch_day AS d
    WHERE d.batch_id = ANY(p_batches)
    GROUP BY d.batch_id, d.stage_order
$$;

COMMENT ON FUNCTION aquasql.hatchery_slots(bigint, integer, integer, integer, integer) IS
'A station''s slots from p_from_year to p_to_year: four a year, early and late in the spring and autumn smolt windows.';
COMMENT ON FUNCTION aquasql.slot_stages(date[], integer) IS
'The five freshwater stages of a batch that comes into hall A on slot p_slot_no of a station''s slots.';
COMMENT ON FUNCTION aquasql.halls_free_by(date[], date[]) IS
'Days by which a station''s halls come free too late for a batch''s stage arrivals (<= 0: it fits).';
COMMENT ON FUNCTION aquasql.stage_tgc_factor(bigint, integer, integer, integer) IS
'A batch''s growth in one freshwater stage relative to its multiplier (log-normal, stage_tgc_sd).';
COMMENT ON FUNCTION aquasql.area_temperature_offset(bigint, bigint) IS
'A sea area''s constant temperature offset from its geography''s series (normal, site_temp_offset_sd).';
COMMENT ON FUNCTION aquasql.plan_freshwater_growth(bigint) IS
'Freshwater curves of the planner''s candidates into aquasql.batch_day, each stage ending at its end weight.';
COMMENT ON FUNCTION aquasql.plan_sea_growth(bigint, bigint, bigint, date) IS
'Sea curve of one candidate at its area''s temperature, and its harvest window; returns the harvest date.';
COMMENT ON FUNCTION aquasql.plan_advance_harvest(bigint, date) IS
'Move a planned batch''s harvest earlier, so that its last day with fish is p_last_day.';
COMMENT ON FUNCTION aquasql.batch_stage_span(bigint[]) IS
'First day, last day and days of every stage of the given planned batches, from aquasql.batch_day.';
