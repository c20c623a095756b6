-- Sea-lice counts at sea (stage 6): weekly per ring, fortnightly when the sea is below
-- lice_weekly_min_temp_c, lice_count_fish fish per count, one row per lice type (AquaMind's
-- normalized format: lice_type_id + count_value, the legacy per-column counts 0).
--
-- Lice model, set-based: infestation pressure accumulates day by day at sea, faster in warm
-- water (lice develop faster) and ramping up over the first lice_ramp_days (smolts arrive
-- clean). Every lice_cycle_days of full pressure (at 10 °C) the adult females reach the
-- treatment threshold and the ring is deloused: cycle = floor(cumulative pressure). Within a
-- cycle adult females per fish grow exponentially from a post-treatment residue (rising with
-- every cycle: reinfestation from the surroundings) to a per-ring peak just above 0.5, so
-- exceedances are short and end with the treatment. The other stages scale with the adult
-- females; Caligus elongatus follows the temperature.

-- Parameters of the lice model, added once (a user's values survive a re-run).
INSERT INTO aquasql.model_parameter (name, value, comment) VALUES
('lice_cycle_days', 60, 'sea lice: days of full infestation pressure (at 10 °C) from one delousing to the next'),
('lice_ramp_days', 120, 'sea lice: infestation pressure ramps up over this many days after sea transfer'),
('lice_temp_base_c', 4, 'sea lice: no development below this temperature; pressure is (temp - base) / 6'),
('lice_af_peak_min', 0.55, 'sea lice: lowest adult females per fish at which a ring is deloused'),
('lice_af_peak_max', 0.70, 'sea lice: highest adult females per fish at which a ring is deloused'),
('lice_count_fish', 20, 'sea lice: fish examined per count'),
('lice_weekly_min_temp_c', 4, 'sea lice: counts are weekly at or above this temperature, fortnightly below')
ON CONFLICT (name) DO NOTHING;

-- The operator of a geography, as the master data names them (operator_<batch prefix>, else
-- operator_<geography name>); system_admin when there is none.
CREATE OR REPLACE FUNCTION aquasql.geography_operator_id(p_geography_id bigint)
RETURNS integer
LANGUAGE sql STABLE
AS $$
    SELECT coalesce(
        (
            SELECT u.id FROM auth_user AS u
            WHERE u.username = 'operator_' || (
                SELECT lower(min(pg.batch_prefix)) FROM aquasql.profile_geography AS pg WHERE pg.geography = g.name
            )
        ),
        (
            SELECT u.id FROM auth_user AS u
            WHERE u.username = 'operator_' || trim(BOTH '_' FROM lower(regexp_replace(g.name, '[^[:alnum:]]+', '_', 'g')))
        ),
        aquasql.user_id('system_admin')
    )
    FROM (SELECT max(name) AS name FROM infrastructure_geography WHERE id = p_geography_id) AS g
$$;

COMMENT ON FUNCTION aquasql.geography_operator_id(bigint) IS
'auth_user id of the farm operator of a geography (operator_<lower batch prefix>, else operator_<name>), '
'falling back to system_admin.';

-- The lice model per sea assignment-day: cycle number, true adult females per fish, and
-- whether the ring is deloused that day (the first day of a new cycle). Shared by the lice
-- counts and the health journal (treatment entries).
CREATE OR REPLACE FUNCTION aquasql.lice_days(p_batches bigint[])
RETURNS TABLE (
    state_id bigint,
    assignment_id bigint,
    batch_id bigint,
    container_id bigint,
    container_rank integer,
    date date,
    day_index integer,
    temp_c double precision,
    warmth double precision,
    ramp double precision,
    cycle integer,
    adult_female_mean double precision,
    treated boolean
)
LANGUAGE sql STABLE
AS $$
    WITH setting AS MATERIALIZED (
        SELECT
            aquasql.run_seed() AS seed,
            coalesce(aquasql.param('lice_cycle_days'), 60) AS cycle_days,
            coalesce(aquasql.param('lice_ramp_days'), 120) AS ramp_days,
            coalesce(aquasql.param('lice_temp_base_c'), 4) AS temp_base,
            coalesce(aquasql.param('lice_af_peak_min'), 0.55) AS peak_min,
            coalesce(aquasql.param('lice_af_peak_max'), 0.70) AS peak_max
    ),

    sea AS (
        SELECT
            s.id AS state_id,
            s.assignment_id,
            s.batch_id,
            s.container_id,
            l.container_rank,
            s.date,
            s.date - l.first_day AS day_index,
            s.temp_c::double precision AS temp_c,
            -- development speed: 0 at the base temperature, 1 at 6 °C above it
            greatest(coalesce(s.temp_c::double precision, 10) - st.temp_base, 0) / 6 AS warmth,
            least(1.0, (s.date - l.first_day + 1) / st.ramp_days) AS ramp,
            st.cycle_days,
            -- per ring: how exposed it is, and the count at which it is deloused
            0.85 + 0.3 * aquasql.rand_uniform(st.seed, aquasql.stream('lice'), s.assignment_id, -1) AS exposure,
            st.peak_min + (st.peak_max - st.peak_min)
            * aquasql.rand_uniform(st.seed, aquasql.stream('lice'), s.assignment_id, -2) AS peak
        FROM batch_actualdailyassignmentstate AS s
        INNER JOIN aquasql.assignment_life AS l ON s.assignment_id = l.assignment_id
        CROSS JOIN setting AS st
        WHERE l.stage_order = 6 AND l.batch_id = ANY(p_batches) AND s.batch_id = ANY(p_batches)
    ),

    pressure AS (
        SELECT
            sea.*,
            sum(sea.ramp * sea.exposure * sea.warmth)
                OVER (PARTITION BY sea.assignment_id ORDER BY sea.date) / sea.cycle_days AS p
        FROM sea
    ),

    cycled AS (
        SELECT
            pressure.*,
            floor(pressure.p)::integer AS cycle,
            pressure.p - floor(pressure.p) AS frac,
            -- adult females left after a delousing: 0.02 on fresh smolts, more every cycle
            CASE WHEN pressure.p < 1 THEN 0.02 ELSE least(0.08 + 0.02 * floor(pressure.p), 0.16) END AS residue
        FROM pressure
    )

    SELECT
        c.state_id,
        c.assignment_id,
        c.batch_id,
        c.container_id,
        c.container_rank,
        c.date,
        c.day_index,
        c.temp_c,
        c.warmth,
        c.ramp,
        c.cycle,
        c.residue * power(c.peak / c.residue, c.frac),
        c.cycle > coalesce(lag(c.cycle) OVER (PARTITION BY c.assignment_id ORDER BY c.date), 0)
    FROM cycled AS c
$$;

COMMENT ON FUNCTION aquasql.lice_days(bigint[]) IS
'The sea-lice model for every sea assignment-day of the given batches: delousing cycle, true adult female '
'lice per fish, and treated = a delousing that day (the first day of a new cycle).';

CREATE OR REPLACE FUNCTION aquasql.generate_lice_counts(p_batches bigint[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    batches bigint[] := aquasql.plan_batches(p_batches);
    seed bigint := aquasql.run_seed();
    fish integer := coalesce(aquasql.param('lice_count_fish'), 20)::integer;
    weekly_min_temp double precision := coalesce(aquasql.param('lice_weekly_min_temp_c'), 4);
    written bigint;
BEGIN
    DELETE FROM health_licecount WHERE batch_id = ANY(batches);

    INSERT INTO health_licecount (
        id, batch_id, assignment_id, container_id, user_id, count_date, adult_female_count, adult_male_count,
        juvenile_count, lice_type_id, count_value, detection_method, confidence_level, fish_sampled, notes
    )
    WITH operator AS (
        SELECT p.batch_id, aquasql.geography_operator_id(p.geography_id) AS user_id
        FROM aquasql.plan_batch AS p
        WHERE p.batch_id = ANY(batches)
    ),

    counted AS (
        -- counting day: day 2 of every week in the ring; below the minimum temperature only in
        -- even weeks
        SELECT
            d.*,
            aquasql.day_key(d.date) AS dk,
            o.user_id
        FROM aquasql.lice_days(batches) AS d
        INNER JOIN operator AS o ON d.batch_id = o.batch_id
        WHERE d.day_index % 7 = 2 AND (coalesce(d.temp_c, 10) >= weekly_min_temp OR d.day_index / 7 % 2 = 0)
    ),

    typed AS MATERIALIZED (
        -- mean lice per fish by type (slot): L. salmonis adult female, adult male, chalimus,
        -- pre-adult; Caligus elongatus adult female and male (mostly in warm water)
        SELECT
            c.*,
            t.slot,
            t.species,
            t.gender,
            t.stage,
            CASE t.slot
                WHEN 1 THEN c.adult_female_mean
                WHEN 2 THEN 0.75 * c.adult_female_mean
                WHEN 3 THEN (1.5 * c.adult_female_mean + 0.1 * c.ramp) * (0.5 + 0.5 * c.warmth)
                WHEN 4 THEN 1.1 * c.adult_female_mean + 0.03 * c.ramp
                ELSE 0.03 * c.ramp * c.warmth ^ 2
            END
            -- patchiness between counts (log-normal, mean 1)
            * exp(0.3 * aquasql.rand_normal(seed, aquasql.stream('lice_type'), c.assignment_id, c.dk, t.slot) - 0.045)
                AS per_fish
        FROM counted AS c
        CROSS JOIN (
            VALUES
            (1, 'Lepeophtheirus salmonis', 'female', 'adult'),
            (2, 'Lepeophtheirus salmonis', 'male', 'adult'),
            (3, 'Lepeophtheirus salmonis', 'female', 'chalimus'),
            (4, 'Lepeophtheirus salmonis', 'female', 'pre-adult'),
            (5, 'Caligus elongatus', 'female', 'adult'),
            (6, 'Caligus elongatus', 'male', 'adult')
        ) AS t (slot, species, gender, stage)
    ),

    drawn AS (
        SELECT
            typed.*,
            aquasql.rand_poisson(
                seed, aquasql.stream('lice'), typed.assignment_id, typed.dk, typed.slot, fish * typed.per_fish
            ) AS lice
        FROM typed
    )

    SELECT
        d.state_id * 16 + d.slot,
        d.batch_id,
        d.assignment_id,
        d.container_id,
        d.user_id,
        -- the rings of a site are counted one after another from 10:00
        (d.date + time '10:00' + (d.container_rank - 1) * interval '15 minutes') AT TIME ZONE 'UTC',
        0,
        0,
        0,
        lt.id,
        d.lice,
        'manual',
        round((0.85 + 0.1 * aquasql.rand_uniform(seed, aquasql.stream('lice_type'), d.assignment_id, d.dk, 0))::numeric, 2),
        fish,
        ''
    FROM drawn AS d
    INNER JOIN health_licetype AS lt
        ON d.species = lt.species AND d.gender = lt.gender AND d.stage = lt.development_stage
    -- Caligus is written only when some were found
    WHERE d.slot <= 4 OR d.lice > 0;
    GET DIAGNOSTICS written = ROW_COUNT;

    PERFORM aquasql.sync_identity('health_licecount');
    RETURN written;
END
$$;

COMMENT ON FUNCTION aquasql.generate_lice_counts(bigint[]) IS
'health_licecount for the sea rings of the given batches (default: all planned): weekly counts (fortnightly '
'below lice_weekly_min_temp_c) of lice_count_fish fish, one row per lice type in the normalized format '
'(L. salmonis adult female, adult male, chalimus, pre-adult; Caligus elongatus adults when found), from '
'the lice model aquasql.lice_days. id = daily-state id * 16 + type slot; user = the geography''s operator. '
'Replaces the batches'' counts; returns the rows written.';
