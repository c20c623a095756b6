-- The planner: every batch, the containers it will occupy and when, decided up front in one
-- transaction. Conflict-free by construction (stations and sea areas are handed out in date
-- order, least recently used first) and by constraint (assignment_no_overlap).

-- Remove the current plan and everything generated from it.
CREATE OR REPLACE FUNCTION aquasql.clear_plan()
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    IF aquasql.foreign_batch_count() > 0 THEN
        PERFORM aquasql.delete_generated(ARRAY(SELECT p.batch_id FROM aquasql.plan_batch AS p), TRUE);
    ELSE
        PERFORM aquasql.truncate_generated(TRUE);
    END IF;
    TRUNCATE aquasql.plan_batch, aquasql.batch_day, aquasql.daily_temperature, aquasql.assignment_life;
    DELETE FROM aquasql.run_setting;
END
$$;

-- Bring an identity sequence past ids that were written explicitly.
CREATE OR REPLACE FUNCTION aquasql.sync_identity(p_table regclass, p_column text DEFAULT 'id')
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    seq text := pg_get_serial_sequence(p_table::text, p_column);
    top bigint;
BEGIN
    EXECUTE format('SELECT max(%I) FROM %s', p_column, p_table) INTO top;
    IF top IS NOT NULL THEN
        PERFORM setval(seq, top);
    END IF;
END
$$;

-- Step 1, arguments: refuse a bad argument with one clear message naming it, before anything
-- is written; returns the profile.
CREATE OR REPLACE FUNCTION aquasql.plan_arguments(
    p_profile text,
    p_as_of date,
    p_batches integer,
    p_stagger integer,
    p_saturation double precision,
    p_geography text,
    p_start_date date,
    p_eggs integer
)
RETURNS aquasql.profile
LANGUAGE plpgsql
AS $$
DECLARE
    prof aquasql.profile;
    n integer;
BEGIN
    SELECT * INTO prof FROM aquasql.profile WHERE name = p_profile;
    IF NOT found THEN
        RAISE EXCEPTION 'unknown profile "%"', p_profile USING
            ERRCODE = 'invalid_parameter_value',
            HINT = 'known profiles: ' || (SELECT string_agg(name, ', ' ORDER BY name) FROM aquasql.profile);
    END IF;
    n := coalesce(p_batches, prof.batches_per_geography);
    IF n <= 0 THEN
        RAISE EXCEPTION 'batches per geography must be at least 1, got %', n
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_stagger IS NOT NULL AND p_saturation IS NOT NULL THEN
        RAISE EXCEPTION 'give either a stagger or a saturation, not both'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_stagger <= 0 THEN
        RAISE EXCEPTION 'stagger must be at least 1 day, got %', p_stagger
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT (p_saturation > 0 AND p_saturation <= 1) THEN
        RAISE EXCEPTION 'saturation must be in (0, 1], got %', p_saturation
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_eggs <= 0 THEN
        RAISE EXCEPTION 'eggs must be at least 1, got %', p_eggs USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_start_date > p_as_of THEN
        RAISE EXCEPTION 'the start date % lies after the run date %', p_start_date, p_as_of
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_geography IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM aquasql.profile_geography WHERE profile = p_profile AND geography = p_geography
    ) THEN
        RAISE EXCEPTION 'profile "%" has no geography "%"', p_profile, p_geography
            USING ERRCODE = 'invalid_parameter_value',
            HINT = 'its geographies: ' || (SELECT string_agg(geography, ', ' ORDER BY sort_order)
                FROM aquasql.profile_geography WHERE profile = p_profile);
    END IF;
    RETURN prof;
END
$$;

-- Step 2, prerequisites: refuse to plan without the profile's infrastructure and the master
-- data, or over batches already there unless asked to replace them (p_replace).
CREATE OR REPLACE FUNCTION aquasql.plan_prerequisites(p_profile text, p_replace boolean)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    missing text;
BEGIN
    SELECT string_agg(pg.geography, ', ') INTO missing
    FROM aquasql.profile_geography AS pg
    WHERE pg.profile = p_profile
        AND pg.stations > (
            SELECT count(*) FROM infrastructure_freshwaterstation AS s
            INNER JOIN infrastructure_geography AS g ON s.geography_id = g.id
            WHERE g.name = pg.geography AND s.station_type = 'FRESHWATER'
        );
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'the infrastructure of profile "%" is missing for %', p_profile, missing
            USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = format('generate it first: SELECT aquasql.generate_infrastructure(%L)', p_profile);
    END IF;
    IF (SELECT count(*) FROM batch_lifecyclestage) < (SELECT count(*) FROM aquasql.stage_parameter) THEN
        RAISE EXCEPTION 'master data (species, lifecycle stages) is missing'
            USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'generate it first: SELECT aquasql.generate_master_data()';
    END IF;
    IF EXISTS (SELECT 1 FROM batch_batch) AND NOT p_replace THEN
        IF aquasql.foreign_batch_count() > 0 THEN
            RAISE EXCEPTION 'the database holds % batches aquasql did not write (e.g. %)',
                aquasql.foreign_batch_count(),
                (SELECT string_agg(quote_literal(fb.batch_number), ', ') FROM (
                    SELECT f.batch_number FROM batch_batch AS f
                    WHERE NOT EXISTS (SELECT 1 FROM aquasql.plan_batch AS pb WHERE pb.batch_id = f.id)
                    ORDER BY f.id LIMIT 3) AS fb)
                USING ERRCODE = 'object_not_in_prerequisite_state',
                HINT = 'aquasql never changes them; to generate beside them, pass p_replace => true (the CLI''s '
                    || '--replace): that replaces only the batches aquasql generated';
        END IF;
        RAISE EXCEPTION 'the database already holds % batches generated by aquasql', (SELECT count(*) FROM batch_batch)
            USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'replace them (p_replace => true, the CLI''s --replace) or remove them first (aquasql wipe)';
    END IF;
END
$$;

-- Step 3, geographies (temp table plan_geo): per geography its stagger (given, the profile's,
-- or derived from the saturation) and its oldest start, so that the last batch starts in time.
CREATE OR REPLACE FUNCTION aquasql.plan_geographies(
    p_prof aquasql.profile,
    p_batches integer,
    p_geography text,
    p_stagger integer,
    p_saturation double precision,
    p_start_date date,
    p_as_of date
)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    fallow integer := aquasql.param('sea_fallow_days');
    tail integer := aquasql.param('history_tail_days');
    earliest date;
BEGIN
    DROP TABLE IF EXISTS pg_temp.plan_geo;
    CREATE TEMP TABLE pg_temp.plan_geo ON COMMIT DROP AS
    WITH fw_end AS (
        SELECT power(
            cbrt(aquasql.param('egg_weight_g')) + sum(tgc * temp_mean * duration_days) / 1000, 3
        ) AS weight_g
        FROM aquasql.stage_parameter WHERE duration_days IS NOT NULL
    ),

    geo AS (
        SELECT
            g.id AS geography_id,
            pg.sort_order,
            pg.geography,
            pg.batch_prefix,
            pg.stations,
            pg.areas,
            -- expected days at sea at the mean sea temperature
            (cbrt(aquasql.param('target_weight_g')) - cbrt(fw_end.weight_g)) * 1000
            / (SELECT tgc FROM aquasql.stage_parameter WHERE duration_days IS NULL)
            / gp.sea_temp_mean
            -- and the second half of the harvest window: a mean batch's fish at the target
            -- weight over a mean wellboat's daily capacity
            + (p_prof.eggs_min + p_prof.eggs_max) / 2.0
            * (SELECT exp(sum(ln(s.stage_survival))) FROM aquasql.stage_parameter AS s)
            * aquasql.param('target_weight_g') / 1000
            / (aquasql.param('wellboat_capacity_min_kg') + aquasql.param('wellboat_capacity_max_kg')) AS sea_days
        FROM aquasql.profile_geography AS pg
        INNER JOIN infrastructure_geography AS g ON pg.geography = g.name
        INNER JOIN aquasql.geography_parameter AS gp ON pg.geography = gp.geography
        CROSS JOIN fw_end
        WHERE pg.profile = p_prof.name AND (p_geography IS NULL OR pg.geography = p_geography)
    )

    SELECT
        geo.*,
        coalesce(
            p_stagger,
            -- a station takes a batch on at most its slots a year; the smolt windows put a year's
            -- sea transfers into 7 months of 12, and sea areas, held for over a year each, feel
            -- that peak less (sea_area_room_margin); numeric, as the stagger is rounded up
            ceil(greatest(
                365.0 / aquasql.param('hatchery_slots_per_year')::numeric / stations,
                aquasql.param('sea_area_room_margin')::numeric * (sea_days + fallow) / areas
            ) / p_saturation)::integer,
            p_prof.stagger_days
        ) AS stagger
    FROM geo;
    ALTER TABLE pg_temp.plan_geo ADD COLUMN oldest_start date;
    UPDATE pg_temp.plan_geo SET oldest_start = coalesce(p_start_date, p_as_of - ((p_batches - 1) * stagger + tail));
    SELECT min(oldest_start) INTO earliest FROM pg_temp.plan_geo;
    IF earliest < date '2000-01-01' THEN
        RAISE EXCEPTION 'run date % leaves no room for % batches per geography: the oldest would start on %',
            p_as_of, p_batches, earliest
            USING ERRCODE = 'invalid_parameter_value',
            HINT = 'histories start in 2000 or later: use a later run date, fewer batches or a shorter stagger';
    END IF;
END
$$;

-- Step 4, candidates (temp table plan_candidate): the batches of every geography, each with
-- its seeded individuality (eggs, growth and mortality multipliers, target weight, wellboat).
CREATE OR REPLACE FUNCTION aquasql.plan_candidates(
    p_seed bigint, p_prof aquasql.profile, p_batches integer, p_eggs integer
)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    DROP TABLE IF EXISTS pg_temp.plan_candidate;
    CREATE TEMP TABLE pg_temp.plan_candidate ON COMMIT DROP AS
    SELECT
        -- above every batch aquasql did not write (none: ids from 1)
        aquasql.id_base('batch_batch') + row_number() OVER (ORDER BY g.sort_order, i)::bigint AS batch_id,
        g.geography_id,
        g.sort_order,
        g.batch_prefix,
        i AS batch_index,
        g.oldest_start + i * g.stagger AS nominal_start,
        coalesce(p_eggs, p_prof.eggs_min + floor(
            aquasql.rand_uniform(p_seed, aquasql.stream('batch_eggs'), g.sort_order, i)
            * (p_prof.eggs_max - p_prof.eggs_min + 1)
        )::integer) AS eggs,
        1 + greatest(-1, least(1,
            aquasql.rand_normal(p_seed, aquasql.stream('tgc_multiplier'), g.sort_order, i)
            * aquasql.param('tgc_multiplier_sd') / aquasql.param('tgc_multiplier_max_dev')
        )) * aquasql.param('tgc_multiplier_max_dev') AS tgc_multiplier,
        1 + greatest(-1, least(1,
            aquasql.rand_normal(p_seed, aquasql.stream('mortality_multiplier'), g.sort_order, i)
            * aquasql.param('mortality_multiplier_sd') / aquasql.param('mortality_multiplier_max_dev')
        )) * aquasql.param('mortality_multiplier_max_dev') AS mortality_multiplier,
        greatest(aquasql.param('target_weight_min_g'), least(aquasql.param('target_weight_max_g'),
            aquasql.param('target_weight_g') + aquasql.param('target_weight_sd_g')
            * aquasql.rand_normal(p_seed, aquasql.stream('target_weight'), g.sort_order, i)
        )) AS target_weight_g,
        NULL::date AS start_date,
        NULL::date AS sea_start_date,
        aquasql.param('wellboat_capacity_min_kg')
        + (aquasql.param('wellboat_capacity_max_kg') - aquasql.param('wellboat_capacity_min_kg'))
        * aquasql.rand_uniform(p_seed, aquasql.stream('wellboat_capacity'), g.sort_order, i) AS wellboat_kg_per_day,
        NULL::date AS harvest_start_date,
        NULL::date AS harvest_date,
        NULL::integer AS rings,
        NULL::bigint AS station_id,
        NULL::integer AS slot_no,
        NULL::double precision AS sea_fish,
        NULL::bigint AS area_id
    FROM pg_temp.plan_geo AS g
    CROSS JOIN generate_series(0, p_batches - 1) AS i;
END
$$;

-- Step 5, hatchery slots: each candidate's start date, and with it (temp table
-- plan_slot_stage) its station and stages, so that stations and smolt windows are shared out.
-- A single-batch run or a pinned first start (p_pinned_start) keeps the stagger exactly; its
-- stages follow the fish (aquasql.plan_freshwater_growth). Otherwise every batch comes into
-- a station's hall A on one of the station's slots (aquasql.hatchery_slots), which fixes
-- its station, its stages and its sea transfer in a smolt window: the free slot before
-- the run date nearest its wanted start, within slot_reach_days (the nominal start moved
-- by a few seeded days; Scotland's half a stagger behind Faroe's, so the two geographies
-- are not twins). Batches of one station never meet in a hall: each holds a hall from one
-- slot to the next.
CREATE OR REPLACE FUNCTION aquasql.plan_hatchery_slots(p_seed bigint, p_as_of date, p_pinned_start boolean)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    b record;
    slot record;
BEGIN
    DROP TABLE IF EXISTS pg_temp.plan_slot_stage;
    CREATE TEMP TABLE pg_temp.plan_slot_stage (
        batch_id bigint, stage_order integer, first_day date, last_day date
    ) ON COMMIT DROP;
    IF p_pinned_start THEN
        UPDATE pg_temp.plan_candidate SET start_date = nominal_start;
        RETURN;
    END IF;

    DROP TABLE IF EXISTS pg_temp.plan_station_slots;
    CREATE TEMP TABLE pg_temp.plan_station_slots ON COMMIT DROP AS
    SELECT
        s.id AS station_id, s.geography_id, s.station_rank,
        ARRAY(
            SELECT h.slot_date FROM aquasql.hatchery_slots(
                p_seed, g.sort_order, s.station_rank::integer,
                extract(YEAR FROM g.oldest_start)::integer - 1, extract(YEAR FROM p_as_of)::integer + 2
            ) AS h ORDER BY h.slot_no
        ) AS dates
    FROM (
        SELECT f.*, row_number() OVER (PARTITION BY f.geography_id ORDER BY f.name) - 1 AS station_rank
        FROM infrastructure_freshwaterstation AS f
        WHERE f.station_type = 'FRESHWATER' AND f.active
    ) AS s
    INNER JOIN pg_temp.plan_geo AS g ON s.geography_id = g.geography_id;
    DROP TABLE IF EXISTS pg_temp.plan_slot;
    CREATE TEMP TABLE pg_temp.plan_slot ON COMMIT DROP AS
    SELECT
        ss.station_id, ss.geography_id, ss.station_rank, k AS slot_no,
        ss.dates[k] + aquasql.freshwater_stage_count() * aquasql.param('hall_wash_days')::integer AS entry,
        FALSE AS taken
    FROM pg_temp.plan_station_slots AS ss
    CROSS JOIN LATERAL generate_series(1, cardinality(ss.dates) - aquasql.freshwater_stage_count()) AS k;

    FOR b IN SELECT c.batch_id, c.batch_index, c.geography_id, g.geography,
            c.nominal_start + (c.sort_order - 1) * g.stagger / 2 + aquasql.rand_int(
                p_seed, aquasql.stream('start_jitter'), c.sort_order, c.batch_index, 0,
                -aquasql.param('start_jitter_days')::integer, aquasql.param('start_jitter_days')::integer
            ) AS wanted,
            greatest(1, round(365.0 / aquasql.param('hatchery_slots_per_year')::numeric / g.stagger)) AS per_round
        FROM pg_temp.plan_candidate AS c INNER JOIN pg_temp.plan_geo AS g ON c.geography_id = g.geography_id
        ORDER BY c.sort_order, wanted, c.batch_id LOOP
        -- slots of one number fall together at all stations (one smolt delivery round):
        -- a round with its share of batches already is passed over, so that sea sites
        -- are asked for evenly
        SELECT s.* INTO slot FROM pg_temp.plan_slot AS s
        WHERE s.geography_id = b.geography_id AND NOT s.taken AND s.entry < p_as_of
            AND abs(s.entry - b.wanted) <= aquasql.param('slot_reach_days')
        ORDER BY
            (SELECT count(*) FROM pg_temp.plan_slot AS t
                WHERE t.geography_id = s.geography_id AND t.slot_no = s.slot_no AND t.taken) >= b.per_round,
            abs(s.entry - b.wanted),
            s.station_rank
        LIMIT 1;
        IF NOT found THEN
            RAISE EXCEPTION '%: freshwater stations ran out: batch % (wanted start %) finds no free slot of the % stations within % days of it and before the run date %',
                b.geography, b.batch_index + 1, b.wanted,
                (SELECT count(DISTINCT s.station_id) FROM pg_temp.plan_slot AS s WHERE s.geography_id = b.geography_id),
                aquasql.param('slot_reach_days'), p_as_of
                USING ERRCODE = 'check_violation',
                HINT = 'use a longer stagger, fewer batches, or a profile with more stations';
        END IF;
        UPDATE pg_temp.plan_slot AS s SET taken = TRUE WHERE s.station_id = slot.station_id AND s.slot_no = slot.slot_no;
        UPDATE pg_temp.plan_candidate AS c SET start_date = slot.entry, station_id = slot.station_id, slot_no = slot.slot_no
        WHERE c.batch_id = b.batch_id;
    END LOOP;
    INSERT INTO pg_temp.plan_slot_stage (batch_id, stage_order, first_day, last_day)
    SELECT c.batch_id, x.stage_order, x.first_day, x.last_day
    FROM pg_temp.plan_candidate AS c
    INNER JOIN pg_temp.plan_station_slots AS ss ON c.station_id = ss.station_id
    CROSS JOIN LATERAL aquasql.slot_stages(ss.dates, c.slot_no) AS x;
END
$$;

-- Step 6, freshwater stages (temp table plan_fw_stage): the temperatures, each candidate's
-- freshwater curve stage by stage until the stage's end weight (the sea phase follows once its
-- area is known: aquasql.plan_take_area), and its stages as planned: days, the weight at the
-- stage's end, and the expected share of the eggs alive then (lucky: hazards at
-- planning_hazard_share of the expected; and as expected: mean hazards and transfer losses),
-- which size the eggs and the rings.
CREATE OR REPLACE FUNCTION aquasql.plan_freshwater_stages(p_seed bigint)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    max_sea integer := aquasql.param('max_sea_days');
BEGIN
    PERFORM aquasql.generate_temperatures(
        p_seed, (SELECT min(start_date) FROM pg_temp.plan_candidate),
        (SELECT max(start_date) FROM pg_temp.plan_candidate)
        + aquasql.freshwater_stage_count() * aquasql.param('stage_max_days')::integer + max_sea
    );

    DELETE FROM aquasql.batch_day;
    PERFORM aquasql.plan_freshwater_growth(p_seed);

    DROP TABLE IF EXISTS pg_temp.plan_fw_stage;
    CREATE TEMP TABLE pg_temp.plan_fw_stage ON COMMIT DROP AS
    SELECT
        x.*,
        sum(x.days * ln(1 - aquasql.param('planning_hazard_share') * x.hazard)) OVER w
        + (x.stage_order - 1) * ln(1 - aquasql.param('transfer_mortality_min')) AS lucky_survival_ln,
        sum(x.days * ln(1 - x.hazard)) OVER w + x.stage_order * ln(1 - (
            aquasql.param('transfer_mortality_min') + aquasql.param('transfer_mortality_max')) / 2) AS expected_survival_ln
    FROM (
        SELECT
            d.batch_id, d.stage_order, min(d.date) AS first_day, max(d.date) AS last_day, count(*) AS days,
            max(d.weight_g) AS end_weight_g,
            aquasql.daily_hazard(d.stage_order, c.mortality_multiplier, count(*)::integer) AS hazard
        FROM aquasql.batch_day AS d INNER JOIN pg_temp.plan_candidate AS c ON d.batch_id = c.batch_id
        GROUP BY d.batch_id, d.stage_order, c.mortality_multiplier
    ) AS x
    WINDOW w AS (PARTITION BY x.batch_id ORDER BY x.stage_order);
END
$$;

-- Step 7, egg sizing: fewer eggs where a station could not raise them. No freshwater hall may
-- go above its max biomass at the end of a stage, for a lucky batch in its heaviest tank
-- (container_weight_sd_tank × 2.5 above the mean); a farm orders fewer eggs for a fast-growing
-- year class rather than overstock. An egg count the caller pins (p_eggs) is kept as given.
CREATE OR REPLACE FUNCTION aquasql.plan_egg_counts(p_prof aquasql.profile, p_eggs integer)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE pg_temp.plan_candidate AS c SET eggs = floor(c.eggs * h.ratio)::integer
    FROM (
        SELECT
            f.batch_id,
            min(
                p_prof.containers_per_hall * sp.container_volume_m3 * sp.max_density_kg_m3
                / (c2.eggs * exp(f.lucky_survival_ln) * f.end_weight_g / 1000
                    * exp(aquasql.param('container_z_max') * aquasql.param('container_weight_sd_tank')))
            ) AS ratio
        FROM pg_temp.plan_fw_stage AS f
        INNER JOIN pg_temp.plan_candidate AS c2 ON f.batch_id = c2.batch_id
        INNER JOIN aquasql.stage_parameter AS sp ON f.stage_order = sp.stage_order
        GROUP BY f.batch_id
    ) AS h
    WHERE h.batch_id = c.batch_id AND h.ratio < 1 AND p_eggs IS NULL;
END
$$;

-- Step 8, sea rings: the fish each batch is expected to bring to sea, and a check that an
-- area's rings hold them (≤ ring_max_fish each, with a margin). A site is stocked with one year
-- class and fallowed after it, so the batch takes all the rings of its area, its fish split evenly.
CREATE OR REPLACE FUNCTION aquasql.plan_sea_rings(p_prof aquasql.profile, p_as_of date)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    b record;
BEGIN
    -- the last freshwater stage (Post-Smolt): its expected survival includes the transfer to sea
    UPDATE pg_temp.plan_candidate AS c SET
        sea_fish = c.eggs * exp(f.expected_survival_ln),
        rings = ceil(c.eggs * aquasql.param('ring_fill_margin') / aquasql.param('ring_max_fish') * exp(f.expected_survival_ln))
    FROM pg_temp.plan_fw_stage AS f
    WHERE f.batch_id = c.batch_id
        AND f.stage_order = (SELECT max(sp.stage_order) FROM aquasql.stage_parameter AS sp WHERE NOT sp.at_sea);
    -- only batches that go to sea within the history need their rings
    SELECT c.* INTO b FROM pg_temp.plan_candidate AS c
    WHERE c.rings > p_prof.rings_per_area AND c.sea_start_date <= p_as_of
    ORDER BY c.batch_id LIMIT 1;
    IF found THEN
        RAISE EXCEPTION 'batch % of % needs % sea rings, but a sea area of profile "%" has %',
            b.batch_index + 1, (SELECT geography FROM pg_temp.plan_geo WHERE geography_id = b.geography_id),
            b.rings, p_prof.name, p_prof.rings_per_area
            USING ERRCODE = 'check_violation', HINT = 'use a profile with larger sea areas or fewer eggs';
    END IF;
    UPDATE pg_temp.plan_candidate SET rings = p_prof.rings_per_area;
END
$$;

-- Step 9, stations and sea sites (temp tables plan_station, plan_area): hand them out in date
-- order, least recently used first, so that no two batches meet in a hall or at a site. Each
-- batch without a slot takes a station (aquasql.plan_take_station), then every batch takes a
-- sea area and grows its sea stage there (aquasql.plan_take_area).
CREATE OR REPLACE FUNCTION aquasql.plan_sites(p_seed bigint, p_as_of date)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    b record;
BEGIN
    DROP TABLE IF EXISTS pg_temp.plan_station;
    CREATE TEMP TABLE pg_temp.plan_station ON COMMIT DROP AS
    SELECT s.id, s.geography_id, s.name, NULL::date AS last_start, '{}'::date[] AS hall_free
    FROM infrastructure_freshwaterstation AS s
    WHERE s.station_type = 'FRESHWATER' AND s.active AND s.geography_id IN (SELECT geography_id FROM pg_temp.plan_geo);
    DROP TABLE IF EXISTS pg_temp.plan_area;
    CREATE TEMP TABLE pg_temp.plan_area ON COMMIT DROP AS
    SELECT a.id, a.geography_id, a.name, NULL::date AS free_from, NULL::bigint AS last_batch_id
    FROM infrastructure_area AS a
    WHERE a.active AND a.geography_id IN (SELECT geography_id FROM pg_temp.plan_geo);

    FOR b IN SELECT c.batch_id, c.station_id
        FROM pg_temp.plan_candidate AS c
        ORDER BY c.sort_order, c.start_date, c.batch_id LOOP
        -- a batch on a station's slot has its station; any other takes the first that fits
        IF b.station_id IS NULL THEN
            PERFORM aquasql.plan_take_station(b.batch_id);
        END IF;
        PERFORM aquasql.plan_take_area(p_seed, p_as_of, b.batch_id);
    END LOOP;
END
$$;

-- A batch without a hatchery slot takes the station used least recently whose halls are all
-- free by the day the batch needs each (hall_free: the day each hall's last batch leaves).
CREATE OR REPLACE FUNCTION aquasql.plan_take_station(p_batch_id bigint)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    b record;
    chosen bigint;
    earliest date;
BEGIN
    SELECT c.*, g.geography,
        (SELECT array_agg(f.first_day ORDER BY f.stage_order) FROM pg_temp.plan_fw_stage AS f WHERE f.batch_id = c.batch_id)
            AS arrive,
        (SELECT array_agg(f.last_day + 1 ORDER BY f.stage_order) FROM pg_temp.plan_fw_stage AS f WHERE f.batch_id = c.batch_id)
            AS leave
    INTO b
    FROM pg_temp.plan_candidate AS c
    INNER JOIN pg_temp.plan_geo AS g ON c.geography_id = g.geography_id
    WHERE c.batch_id = p_batch_id;

    SELECT s.id INTO chosen FROM pg_temp.plan_station AS s
    WHERE s.geography_id = b.geography_id
        AND aquasql.halls_free_by(s.hall_free, b.arrive) <= 0
    ORDER BY s.last_start NULLS FIRST, s.name LIMIT 1;
    IF chosen IS NULL THEN
        SELECT b.start_date + min(aquasql.halls_free_by(s.hall_free, b.arrive)) INTO earliest
        FROM pg_temp.plan_station AS s WHERE s.geography_id = b.geography_id;
        RAISE EXCEPTION '%: freshwater stations ran out: batch % (egg stage from %) finds all % stations busy until %, % days short',
            b.geography, b.batch_index + 1, b.start_date,
            (SELECT count(*) FROM pg_temp.plan_station AS s WHERE s.geography_id = b.geography_id),
            earliest, earliest - b.start_date
            USING ERRCODE = 'check_violation',
            HINT = 'use a longer stagger, fewer batches, or a profile with more stations';
    END IF;
    UPDATE pg_temp.plan_station SET last_start = b.start_date, hall_free = b.leave WHERE id = chosen;
    UPDATE pg_temp.plan_candidate SET station_id = chosen WHERE batch_id = p_batch_id;
END
$$;

-- A batch takes the sea area that is harvested and fallow first by its sea transfer (or has a
-- harvest moved earlier for it); its sea curve at that area's temperature decides its harvest.
CREATE OR REPLACE FUNCTION aquasql.plan_take_area(p_seed bigint, p_as_of date, p_batch_id bigint)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    fallow integer := aquasql.param('sea_fallow_days');
    b record;
    site record;
    chosen bigint;
    earliest date;
BEGIN
    SELECT c.*, g.geography INTO b
    FROM pg_temp.plan_candidate AS c
    INNER JOIN pg_temp.plan_geo AS g ON c.geography_id = g.geography_id
    WHERE c.batch_id = p_batch_id;

    SELECT a.id INTO chosen FROM pg_temp.plan_area AS a
    WHERE a.geography_id = b.geography_id AND (a.free_from IS NULL OR a.free_from <= b.sea_start_date)
    ORDER BY a.free_from NULLS FIRST, a.name LIMIT 1;
    IF chosen IS NOT NULL THEN
        -- the site's last year class grows on until the site is needed (within its limits;
        -- the smolt plan after the run date counts too: the farm knows it)
        PERFORM aquasql.plan_sea_growth(p_seed, a.last_batch_id, a.id, b.sea_start_date - fallow)
        FROM pg_temp.plan_area AS a WHERE a.id = chosen AND a.free_from < b.sea_start_date;
    ELSIF chosen IS NULL THEN
        -- no site is fallow in time: the farm harvests a site earlier, the one that
        -- comes free first among those it can: by up to harvest_advance_max_days and
        -- only fish that weigh harvest_advance_min_weight_g in the middle of the
        -- harvest; so it can stock the
        -- site with the new year class (a transfer after the run date is never written
        -- and takes the site that comes free first as it is)
        SELECT x.* INTO site FROM (
            SELECT a.*, (
                SELECT d.weight_g FROM aquasql.batch_day AS d INNER JOIN pg_temp.plan_candidate AS o ON d.batch_id = o.batch_id
                WHERE o.batch_id = a.last_batch_id
                    -- the middle of the harvest window moved earlier: its fish's mean weight
                    AND d.date = o.harvest_start_date + (o.harvest_date - o.harvest_start_date) / 2
                        - (o.harvest_date - (b.sea_start_date - fallow))
            ) AS early_weight_g
            FROM pg_temp.plan_area AS a WHERE a.geography_id = b.geography_id
        ) AS x
        WHERE b.sea_start_date > p_as_of OR (
            x.free_from - b.sea_start_date <= aquasql.param('harvest_advance_max_days')
            AND x.early_weight_g >= aquasql.param('harvest_advance_min_weight_g'))
        ORDER BY x.free_from, x.name LIMIT 1;
        IF NOT found THEN
            SELECT min(a.free_from) INTO earliest FROM pg_temp.plan_area AS a WHERE a.geography_id = b.geography_id;
            RAISE EXCEPTION '%: sea areas ran out: batch % (sea transfer on %) finds all % areas occupied or fallow until %, % days short',
                b.geography, b.batch_index + 1, b.sea_start_date,
                (SELECT count(*) FROM pg_temp.plan_area AS a WHERE a.geography_id = b.geography_id),
                earliest, earliest - b.sea_start_date
                USING ERRCODE = 'check_violation',
                HINT = 'use a longer stagger, fewer batches, or a profile with more sea areas';
        END IF;
        IF b.sea_start_date <= p_as_of THEN
            PERFORM aquasql.plan_advance_harvest(site.last_batch_id, b.sea_start_date - fallow);
        END IF;
        chosen := site.id;
    END IF;
    UPDATE pg_temp.plan_area SET free_from = aquasql.plan_sea_growth(p_seed, p_batch_id, chosen) + fallow,
        last_batch_id = p_batch_id
    WHERE id = chosen;
    UPDATE pg_temp.plan_candidate SET area_id = chosen WHERE batch_id = p_batch_id;
END
$$;

-- Step 10, writing the plan: the candidates into aquasql.plan_batch and the run's settings,
-- then the batches and assignments into AquaMind's tables; returns the batches planned.
CREATE OR REPLACE FUNCTION aquasql.plan_write(
    p_profile text, p_seed bigint, p_as_of date, p_batches integer, p_saturation double precision
)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    planned integer;
BEGIN
    INSERT INTO aquasql.plan_batch (
        batch_id, geography_id, batch_index, station_id, area_id, start_date, eggs, tgc_multiplier,
        mortality_multiplier, target_weight_g, sea_start_date, rings, harvest_start_date, harvest_date, history_end
    )
    SELECT
        batch_id, geography_id, batch_index, station_id, area_id, start_date, eggs, tgc_multiplier,
        mortality_multiplier, target_weight_g, sea_start_date, rings, harvest_start_date, harvest_date,
        least(harvest_date - 1, p_as_of)
    FROM pg_temp.plan_candidate;

    -- the run's settings first: writing the batches draws from the seed
    INSERT INTO aquasql.run_setting (profile, seed, as_of, batches_per_geography, stagger_days, saturation)
    VALUES (p_profile, p_seed, p_as_of, p_batches, (SELECT max(stagger) FROM pg_temp.plan_geo), p_saturation)
    ON CONFLICT (singleton) DO UPDATE SET
        profile = excluded.profile,
        seed = excluded.seed,
        as_of = excluded.as_of,
        batches_per_geography = excluded.batches_per_geography,
        stagger_days = excluded.stagger_days,
        saturation = excluded.saturation,
        planned_at = now();

    PERFORM aquasql.write_planned_batches(p_profile, p_as_of);
    -- the sensors of the stations and areas the plan uses: calibrated on their routine
    PERFORM aquasql.set_sensor_calibration(p_seed, p_as_of, ARRAY(
        SELECT c.id FROM infrastructure_container AS c
        LEFT JOIN infrastructure_hall AS h ON c.hall_id = h.id
        WHERE h.freshwater_station_id IN (SELECT s.id FROM pg_temp.plan_station AS s)
            OR c.area_id IN (SELECT a.id FROM pg_temp.plan_area AS a)
    ));

    SELECT count(*) INTO planned FROM aquasql.plan_batch;
    RETURN planned;
END
$$;

-- The planner's driver: the steps above in order, in one transaction (the temp tables they
-- hand on are dropped at commit).
CREATE OR REPLACE FUNCTION aquasql.plan(
    p_profile text,
    p_seed bigint,
    p_as_of date DEFAULT (now() AT TIME ZONE 'UTC')::date,  -- today in UTC, whatever the session
    p_batches integer DEFAULT NULL,
    p_stagger integer DEFAULT NULL,
    p_saturation double precision DEFAULT NULL,
    p_replace boolean DEFAULT FALSE,
    p_geography text DEFAULT NULL,
    p_start_date date DEFAULT NULL,
    p_eggs integer DEFAULT NULL
)
RETURNS integer
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    prof aquasql.profile;
    n integer;
BEGIN
    prof := aquasql.plan_arguments(
        p_profile, p_as_of, p_batches, p_stagger, p_saturation, p_geography, p_start_date, p_eggs
    );
    n := coalesce(p_batches, prof.batches_per_geography);
    PERFORM aquasql.plan_prerequisites(p_profile, p_replace);
    PERFORM aquasql.clear_plan();
    PERFORM aquasql.plan_geographies(prof, n, p_geography, p_stagger, p_saturation, p_start_date, p_as_of);
    PERFORM aquasql.plan_candidates(p_seed, prof, n, p_eggs);
    PERFORM aquasql.plan_hatchery_slots(p_seed, p_as_of, p_start_date IS NOT NULL);
    PERFORM aquasql.plan_freshwater_stages(p_seed);
    PERFORM aquasql.plan_egg_counts(prof, p_eggs);
    PERFORM aquasql.plan_sea_rings(prof, p_as_of);
    PERFORM aquasql.plan_sites(p_seed, p_as_of);
    RETURN aquasql.plan_write(p_profile, p_seed, p_as_of, n, p_saturation);
END
$$;

COMMENT ON FUNCTION aquasql.plan(
    text, bigint, date, integer, integer, double precision, boolean, text, date, integer
) IS
'Plan every batch of a profile (batches per geography, stagger days or saturation) up to the run '
'date p_as_of: writes batch_batch, batch_batchcontainerassignment and the aquasql plan tables. '
'p_geography, p_start_date and p_eggs pin one geography, the first start and the egg count '
'(single-batch runs; a pinned egg count is not reduced to fit the halls).';
COMMENT ON FUNCTION aquasql.plan_arguments(text, date, integer, integer, double precision, text, date, integer) IS
'Planner step: refuse a bad argument before anything is written; returns the profile.';
COMMENT ON FUNCTION aquasql.plan_prerequisites(text, boolean) IS
'Planner step: refuse to plan without infrastructure or master data, or over existing batches unless replacing.';
COMMENT ON FUNCTION aquasql.plan_geographies(aquasql.profile, integer, text, integer, double precision, date, date) IS
'Planner step: each geography''s stagger and oldest start (temp table plan_geo).';
COMMENT ON FUNCTION aquasql.plan_candidates(bigint, aquasql.profile, integer, integer) IS
'Planner step: the batches with their seeded eggs, multipliers and target weight (temp table plan_candidate).';
COMMENT ON FUNCTION aquasql.plan_hatchery_slots(bigint, date, boolean) IS
'Planner step: each batch''s start date, on a free hatchery slot unless pinned (temp table plan_slot_stage).';
COMMENT ON FUNCTION aquasql.plan_freshwater_stages(bigint) IS
'Planner step: temperatures, freshwater curves and each batch''s planned freshwater stages (temp table plan_fw_stage).';
COMMENT ON FUNCTION aquasql.plan_egg_counts(aquasql.profile, integer) IS
'Planner step: fewer eggs for batches whose lucky fish would overstock a hall at a stage''s end.';
COMMENT ON FUNCTION aquasql.plan_sea_rings(aquasql.profile, date) IS
'Planner step: the fish expected at sea and the rings they need; every batch takes all rings of its area.';
COMMENT ON FUNCTION aquasql.plan_sites(bigint, date) IS
'Planner step: stations and sea areas handed out in date order, least recently used first.';
COMMENT ON FUNCTION aquasql.plan_take_station(bigint) IS
'Planner step: a batch without a hatchery slot takes the least recently used station whose halls are free in time.';
COMMENT ON FUNCTION aquasql.plan_take_area(bigint, date, bigint) IS
'Planner step: a batch takes the sea area free first (or harvested earlier for it) and grows its sea stage there.';
COMMENT ON FUNCTION aquasql.plan_write(text, bigint, date, integer, double precision) IS
'Planner step: the plan into aquasql.plan_batch, the run''s settings, AquaMind''s batches and assignments.';
