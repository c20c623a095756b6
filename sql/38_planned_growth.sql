-- The planner's growth curves: a schedule that follows the fish. A freshwater stage ends when
-- the batch's mean weight reaches the stage's end weight (temperature and the batch's growth
-- decide the days); the sea phase grows at its site's temperature until harvest. Both write
-- aquasql.batch_day, the curve every generator reads.

-- The smolt windows: farms put smolts to sea in spring (mid-February to May, S1 smolts) and
-- autumn (mid-August to November, S0 smolts from light-manipulated hatcheries), little in
-- between. A nominal transfer date is moved into a window: the half-year from 15 January to
-- 14 July is compressed into 15 February-31 May, the other half into 15 August-30 November,
-- keeping the order and the mean rate of transfers (and eggs arriving in most months).
CREATE OR REPLACE FUNCTION aquasql.smolt_window_date(p_nominal date)
RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT h.window_start + floor(
        (p_nominal - h.half_start)::float8 * (h.window_end - h.window_start) / (h.half_end - h.half_start)
    )::integer
    FROM (
        SELECT
            CASE
                WHEN p_nominal < make_date(y, 1, 15) THEN make_date(y - 1, 7, 15)
                WHEN p_nominal < make_date(y, 7, 15) THEN make_date(y, 1, 15)
                ELSE make_date(y, 7, 15)
            END AS half_start,
            CASE
                WHEN p_nominal < make_date(y, 1, 15) THEN make_date(y, 1, 15)
                WHEN p_nominal < make_date(y, 7, 15) THEN make_date(y, 7, 15)
                ELSE make_date(y + 1, 1, 15)
            END AS half_end,
            CASE
                WHEN p_nominal < make_date(y, 1, 15) THEN make_date(y - 1, 8, 15)
                WHEN p_nominal < make_date(y, 7, 15) THEN make_date(y, 2, 15)
                ELSE make_date(y, 8, 15)
            END AS window_start,
            CASE
                WHEN p_nominal < make_date(y, 1, 15) THEN make_date(y - 1, 12, 1)
                WHEN p_nominal < make_date(y, 7, 15) THEN make_date(y, 6, 1)
                ELSE make_date(y, 12, 1)
            END AS window_end
        FROM (SELECT extract(YEAR FROM p_nominal)::integer AS y) AS yy
    ) AS h
$$;

-- A batch's growth in one freshwater stage relative to its overall multiplier: broodstock,
-- egg quality and each hall's routine make stages of one batch differ (log-normal, ±2.5 sd).
CREATE OR REPLACE FUNCTION aquasql.stage_tgc_factor(
    p_seed bigint, p_geography_order integer, p_batch_index integer, p_stage_order integer
)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT exp(aquasql.param('stage_tgc_sd') * greatest(-2.5, least(2.5, aquasql.rand_normal(
        p_seed, aquasql.stream('stage_tgc'), p_geography_order, p_batch_index, p_stage_order
    ))))
$$;

-- A sea site's temperature relative to its geography's series: sheltered inner sites are
-- warmer in summer and fjord mouths cooler; a constant offset per area (±2 sd).
CREATE OR REPLACE FUNCTION aquasql.area_temperature_offset(p_seed bigint, p_area_id bigint)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT aquasql.param('site_temp_offset_sd') * greatest(-2.0, least(2.0,
        aquasql.rand_normal(p_seed, aquasql.stream('site_temperature'), p_area_id)))
$$;

-- Freshwater days a batch is expected to need at the halls' mean temperatures: the planner
-- counts back from its sea-transfer date with this to find its start.
CREATE OR REPLACE FUNCTION aquasql.expected_freshwater_days(
    p_seed bigint, p_geography_order integer, p_batch_index integer, p_tgc_multiplier double precision
)
RETURNS integer
LANGUAGE sql STABLE
AS $$
    SELECT round(sum(
        (cbrt(s.end_weight_g) - cbrt(s.start_weight_g)) * 1000
        / (s.tgc * p_tgc_multiplier * aquasql.stage_tgc_factor(p_seed, p_geography_order, p_batch_index, s.stage_order)
            * s.temp_mean)
    ))::integer
    FROM (
        SELECT
            sp.*,
            coalesce(lag(sp.end_weight_g) OVER (ORDER BY sp.stage_order), aquasql.param('egg_weight_g')) AS start_weight_g
        FROM aquasql.stage_parameter AS sp
        WHERE sp.duration_days IS NOT NULL
    ) AS s
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
-- stage: cube-root TGC over the running degree-days from the stage's first day until the
-- mean weight reaches the stage's end weight (within stage_min_days-stage_max_days). Sets
-- each candidate's sea_start_date to the day after its last freshwater day.
CREATE OR REPLACE FUNCTION aquasql.plan_freshwater_growth(p_seed bigint)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    st aquasql.stage_parameter;
    min_days integer := aquasql.param('stage_min_days')::integer;
    max_days integer := aquasql.param('stage_max_days')::integer;
BEGIN
    DROP TABLE IF EXISTS plan_growth;
    CREATE TEMP TABLE plan_growth ON COMMIT DROP AS
    SELECT
        c.batch_id, c.geography_id, c.sort_order, c.batch_index, c.tgc_multiplier, c.start_date AS next_day,
        0 AS days_before, cbrt(aquasql.param('egg_weight_g')) AS cbrt_weight, 0::double precision AS degree_days,
        0::double precision AS stage_multiplier
    FROM plan_candidate AS c;

    FOR st IN SELECT * FROM aquasql.stage_parameter WHERE duration_days IS NOT NULL ORDER BY stage_order LOOP
        -- the stage's growth multiplier of each batch, drawn once per batch
        UPDATE plan_growth AS g
        SET stage_multiplier = g.tgc_multiplier * aquasql.stage_tgc_factor(p_seed, g.sort_order, g.batch_index, st.stage_order);
        DROP TABLE IF EXISTS plan_stage_day;
        CREATE TEMP TABLE plan_stage_day ON COMMIT DROP AS
        WITH days AS (
            SELECT
                g.batch_id,
                i,
                g.next_day + i AS date,
                g.days_before + i + 1 AS day_number,
                t.temp_c,
                g.degree_days + sum(t.temp_c) OVER w AS degree_days,
                g.cbrt_weight + sum(st.tgc * g.stage_multiplier * t.temp_c / 1000) OVER w AS cbrt_weight,
                g.cbrt_weight AS cbrt_weight_before
            FROM plan_growth AS g
            CROSS JOIN generate_series(0, max_days - 1) AS i
            INNER JOIN aquasql.daily_temperature AS t
                ON g.geography_id = t.geography_id AND t.stage_order = st.stage_order AND t.date = g.next_day + i
            WINDOW w AS (PARTITION BY g.batch_id ORDER BY i)
        ),

        stage_end AS (
            SELECT days.batch_id, coalesce(min(days.i) FILTER (
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
        FROM plan_stage_day AS d;

        UPDATE plan_growth AS g SET
            next_day = e.date + 1, days_before = e.day_number, cbrt_weight = e.cbrt_weight, degree_days = e.degree_days
        FROM (
            SELECT DISTINCT ON (d.batch_id) d.* FROM plan_stage_day AS d ORDER BY d.batch_id, d.i DESC
        ) AS e
        WHERE g.batch_id = e.batch_id;
    END LOOP;

    UPDATE plan_candidate AS c SET sea_start_date = g.next_day FROM plan_growth AS g WHERE g.batch_id = c.batch_id;
END
$$;

-- The sea phase of one candidate batch at its sea area: growth at the geography's sea
-- temperature plus the area's offset, from the sea transfer on. Then the harvest, ring after
-- ring at the wellboat's daily capacity: the expected biomass at the target weight takes
-- `days` days, centred on the day the mean weight reaches the target (or ending after the
-- longest sea phase). Keeps the curve up to the last day with fish; sets the candidate's
-- harvest_start_date and harvest_date (the last ring's day).
CREATE OR REPLACE FUNCTION aquasql.plan_sea_growth(p_seed bigint, p_batch_id bigint, p_area_id bigint)
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
    SELECT * INTO c FROM plan_candidate WHERE batch_id = p_batch_id;
    SELECT * INTO sea FROM aquasql.stage_parameter WHERE duration_days IS NULL;

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
    -- the fish the rings are planned for, less the sea stage's background losses
    window_days := greatest(c.rings, ceil(
        c.rings * aquasql.param('ring_max_fish') / aquasql.param('ring_fill_margin') * sea.stage_survival
        * c.target_weight_g / 1000 / c.wellboat_kg_per_day
    ))::integer;
    last_day := least(coalesce(target_day, c.sea_start_date + max_sea) + window_days / 2, c.sea_start_date + max_sea);

    DELETE FROM aquasql.batch_day AS b WHERE b.batch_id = p_batch_id AND b.date >= last_day;
    UPDATE plan_candidate SET harvest_start_date = last_day - window_days, harvest_date = last_day
    WHERE batch_id = p_batch_id;
    RETURN last_day;
END
$$;

COMMENT ON FUNCTION aquasql.smolt_window_date(date) IS
'A nominal sea-transfer date moved into the smolt windows (mid-February to May, mid-August to November), '
'keeping order and rate.';
COMMENT ON FUNCTION aquasql.halls_free_by(date[], date[]) IS
'Days by which a station''s halls come free too late for a batch''s stage arrivals (<= 0: it fits).';
COMMENT ON FUNCTION aquasql.stage_tgc_factor(bigint, integer, integer, integer) IS
'A batch''s growth in one freshwater stage relative to its multiplier (log-normal, stage_tgc_sd).';
COMMENT ON FUNCTION aquasql.area_temperature_offset(bigint, bigint) IS
'A sea area''s constant temperature offset from its geography''s series (normal, site_temp_offset_sd).';
COMMENT ON FUNCTION aquasql.expected_freshwater_days(bigint, integer, integer, double precision) IS
'Days a batch is expected to spend in freshwater at the halls'' mean temperatures (stage end weights).';
COMMENT ON FUNCTION aquasql.plan_freshwater_growth(bigint) IS
'Freshwater curves of the planner''s candidates into aquasql.batch_day, each stage ending at its end weight.';
COMMENT ON FUNCTION aquasql.plan_sea_growth(bigint, bigint, bigint) IS
'Sea curve of one candidate at its area''s temperature, and its harvest window; returns the harvest date.';
