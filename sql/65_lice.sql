-- Sea-lice counts at sea (the at_sea stage): weekly per ring on a working day, fortnightly when the sea
-- is below lice_weekly_min_temp_c, lice_count_fish fish per count, one row per lice type
-- (AquaMind's normalized format: lice_type_id + count_value, the legacy per-column counts 0),
-- counted by the geography's operator or the vet.
--
-- Lice model, set-based. Untreated, the adult females per fish of a ring follow their
-- surroundings: lice_af_reference at lice_reference_temp_c, times exp(lice_temp_effect × the
-- difference) of the sea temperature as the lice feel it (exponentially smoothed over
-- lice_smoothing_days: development takes weeks, so abundance lags the temperature and peaks in
-- early autumn), ramping up over the first lice_ramp_days (smolts arrive clean) and rising
-- with time at sea (lice_rise_per_year), scaled by the ring's exposure. A count at or above
-- lice_limit_af triggers a delousing lice_treatment_delay_min-max days later (moved off the
-- weekend), which leaves lice_treatment_residue_min-max of the lice; its effect fades as
-- lice reinfest (time constant lice_recovery_days). Treatments depend on counts and counts on
-- treatments: a recursive query walks each ring from one treatment to the next (one step per
-- treatment, all rings at once), each step finding the next count at or above the limit.
-- Parameters: lice_* in sql/20_parameters_events.sql, lice types in aquasql.lice_type.

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

-- Adult female lice per fish on a day: the untreated level (ln, log_env) less the effect of
-- the treatments so far (treatment_effect ln units right after the last one, fading with
-- time constant p_recovery_days). The lice counts and the treatment walk use the same
-- function, so a count seen by the walk is the count written.
CREATE OR REPLACE FUNCTION aquasql.lice_level(
    p_log_env double precision, p_treatment_effect double precision, p_days_since integer,
    p_recovery_days double precision
)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT exp(p_log_env - p_treatment_effect * exp(-p_days_since / p_recovery_days))
$$;

COMMENT ON FUNCTION aquasql.lice_level(double precision, double precision, integer, double precision) IS
'Adult female lice per fish: exp(untreated ln level - treatment effect × exp(-days since the last '
'treatment / recovery days)).';

-- The adult females counted on p_fish fish of a ring on a day (day key p_dk): Poisson around
-- the mean, with the patchiness of lice between counts (log-normal with sd p_patchiness_sd,
-- mean 1). Lice-type count slot 1.
CREATE OR REPLACE FUNCTION aquasql.lice_adult_females_counted(
    p_seed bigint, p_assignment_id bigint, p_dk bigint, p_fish integer, p_per_fish double precision,
    p_patchiness_sd double precision
)
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT aquasql.rand_poisson(
        p_seed, aquasql.stream('lice_count'), p_assignment_id, p_dk, 1,
        p_fish * (p_per_fish * exp(
            p_patchiness_sd * aquasql.rand_normal(p_seed, aquasql.stream('lice_patchiness'), p_assignment_id, p_dk, 1)
            - p_patchiness_sd * p_patchiness_sd / 2
        ))
    )
$$;

COMMENT ON FUNCTION aquasql.lice_adult_females_counted(
    bigint, bigint, bigint, integer, double precision, double precision
) IS
'Adult female L. salmonis counted on p_fish fish with p_per_fish per fish on average: Poisson with '
'log-normal patchiness (sd p_patchiness_sd, mean 1), keyed by assignment and day (lice-type count slot 1).';

-- The lice model per sea assignment-day: treatments so far, true adult females per fish,
-- whether the ring is counted that day (and the adult females counted) and whether it is
-- deloused (with the count that triggered it). Shared by the lice counts and the health
-- journal (treatment entries).
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
    counted boolean,
    adult_females_counted integer,
    treated boolean,
    trigger_date date,
    trigger_count integer
)
LANGUAGE sql STABLE
AS $$
    WITH RECURSIVE setting AS MATERIALIZED (
        SELECT
            aquasql.run_seed() AS seed,
            aquasql.param('lice_ramp_days') AS ramp_days,
            aquasql.param('lice_temp_base_c') AS temp_base,
            aquasql.param('lice_weekly_min_temp_c') AS weekly_min_temp,
            aquasql.param('lice_count_fish')::integer AS fish,
            ceil(aquasql.param('lice_limit_af') * aquasql.param('lice_count_fish') - 1e-9)::integer AS limit_count,
            aquasql.param('lice_af_reference') AS af_reference,
            aquasql.param('lice_reference_temp_c') AS reference_temp,
            aquasql.param('lice_temp_effect') AS temp_effect,
            aquasql.param('lice_smoothing_days') AS smoothing_days,
            aquasql.param('lice_rise_per_year') AS rise_per_year,
            aquasql.param('lice_treatment_delay_min')::integer AS delay_min,
            aquasql.param('lice_treatment_delay_max')::integer AS delay_max,
            aquasql.param('lice_treatment_residue_min') AS residue_min,
            aquasql.param('lice_treatment_residue_max') AS residue_max,
            aquasql.param('lice_recovery_days') AS recovery_days,
            aquasql.param('lice_patchiness_sd') AS patchiness_sd,
            aquasql.param('lice_exposure_min') AS exposure_min,
            aquasql.param('lice_exposure_spread') AS exposure_spread,
            aquasql.param('lice_warmth_span_c') AS warmth_span,
            aquasql.param('lice_fallback_temp_c') AS fallback_temp,
            aquasql.param('lice_count_week_day')::integer AS count_week_day
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
            coalesce(s.temp_c::double precision, st.reference_temp) AS temp,
            -- development speed: 0 at the base temperature, 1 at lice_warmth_span_c above it
            greatest(coalesce(s.temp_c::double precision, st.fallback_temp) - st.temp_base, 0) / st.warmth_span
                AS warmth,
            least(1.0, (s.date - l.first_day + 1) / st.ramp_days) AS ramp,
            -- per ring: how exposed it is
            st.exposure_min + st.exposure_spread
            * aquasql.rand_uniform(st.seed, aquasql.stream('lice_exposure'), s.assignment_id, -1) AS exposure
        FROM batch_actualdailyassignmentstate AS s
        INNER JOIN aquasql.assignment_life AS l ON s.assignment_id = l.assignment_id
        CROSS JOIN setting AS st
        WHERE l.stage_order IN (SELECT sp.stage_order FROM aquasql.stage_parameter AS sp WHERE sp.at_sea)
            AND l.batch_id = ANY(p_batches) AND s.batch_id = ANY(p_batches)
    ),

    untreated AS MATERIALIZED (
        SELECT
            x.*,
            ln(st.af_reference * x.exposure * x.ramp * (1 + st.rise_per_year * x.day_index / 365.0))
            + st.temp_effect * (x.felt_temp - st.reference_temp) AS log_env,
            x.task_day IS NOT NULL
            AND (coalesce(x.temp_c, st.fallback_temp) >= st.weekly_min_temp OR x.task_day / 7 % 2 = 0)
                AS counted
        FROM (
            SELECT
                sea.*,
                -- counting day: nominal day lice_count_week_day of every week in the ring, on a working day
                aquasql.weekly_task_day(sea.day_index, sea.date, st.count_week_day) AS task_day,
                -- the temperature as the lice feel it: exponentially weighted mean so far
                sum(exp(sea.day_index / st.smoothing_days) * sea.temp) OVER w
                / sum(exp(sea.day_index / st.smoothing_days)) OVER w AS felt_temp
            FROM sea
            CROSS JOIN setting AS st
            WINDOW w AS (PARTITION BY sea.assignment_id ORDER BY sea.date)
        ) AS x
        CROSS JOIN setting AS st
    ),

    ring AS MATERIALIZED (
        -- each ring's counting days in order, for the treatment walk
        SELECT
            u.assignment_id,
            min(u.date) AS first_day,
            max(u.date) AS last_day,
            array_agg(u.date ORDER BY u.date) FILTER (WHERE u.counted) AS count_dates,
            array_agg(u.log_env ORDER BY u.date) FILTER (WHERE u.counted) AS count_log_envs
        FROM untreated AS u
        GROUP BY u.assignment_id
    ),

    -- Treatment n of each ring (n = 0: none yet, from the day before the ring was stocked):
    -- its day, the treatment effect right after it (ln units, the earlier treatments' faded
    -- effect included) and the count that triggered it.
    treatment (assignment_id, n, treat_date, effect, trigger_date, trigger_count) AS (
        SELECT r.assignment_id, 0, r.first_day - 1, 0::double precision, NULL::date, NULL::integer
        FROM ring AS r
        UNION ALL
        SELECT
            t.assignment_id,
            t.n + 1,
            f.treat_date,
            t.effect * exp(-(f.treat_date - t.treat_date) / st.recovery_days)
            - ln(st.residue_min + (st.residue_max - st.residue_min) * aquasql.rand_uniform(
                st.seed, aquasql.stream('lice_treatment_effect'), t.assignment_id, aquasql.day_key(f.treat_date)
            )),
            f.count_date,
            f.lice
        FROM treatment AS t
        INNER JOIN ring AS r ON t.assignment_id = r.assignment_id
        CROSS JOIN setting AS st
        CROSS JOIN LATERAL (
            -- the first count after the last treatment at or above the limit, and the
            -- delousing it leads to (off the weekend: Saturday and Sunday move to Monday)
            SELECT
                c.count_date,
                c.lice,
                c.planned + CASE extract(ISODOW FROM c.planned) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END AS treat_date
            FROM (
                SELECT
                    x.count_date,
                    aquasql.lice_adult_females_counted(
                        st.seed, t.assignment_id, aquasql.day_key(x.count_date), st.fish,
                        aquasql.lice_level(x.log_env, t.effect, x.count_date - t.treat_date, st.recovery_days),
                        st.patchiness_sd
                    ) AS lice,
                    x.count_date + aquasql.rand_int(
                        st.seed, aquasql.stream('lice_treatment_delay'), t.assignment_id,
                        aquasql.day_key(x.count_date), 0, st.delay_min, st.delay_max
                    ) AS planned
                FROM unnest(r.count_dates, r.count_log_envs) AS x (count_date, log_env)
                WHERE x.count_date > t.treat_date
            ) AS c
            WHERE c.lice >= st.limit_count
            ORDER BY c.count_date
            LIMIT 1
        ) AS f
        -- a delousing after the ring's last day (harvested, or past the run date) does not happen
        WHERE f.treat_date <= r.last_day
    ),

    spell AS (
        SELECT
            t.*,
            lead(t.treat_date) OVER (PARTITION BY t.assignment_id ORDER BY t.n) AS next_treat_date
        FROM treatment AS t
    ),

    level AS (
        SELECT
            u.*,
            sp.n,
            sp.treat_date = u.date AS treated,
            CASE WHEN sp.treat_date = u.date THEN sp.trigger_date END AS trigger_date,
            CASE WHEN sp.treat_date = u.date THEN sp.trigger_count END AS trigger_count,
            aquasql.lice_level(u.log_env, sp.effect, u.date - sp.treat_date, st.recovery_days) AS af
        FROM untreated AS u
        INNER JOIN spell AS sp
            ON u.assignment_id = sp.assignment_id
            AND u.date >= sp.treat_date AND (sp.next_treat_date IS NULL OR u.date < sp.next_treat_date)
        CROSS JOIN setting AS st
    )

    SELECT
        v.state_id,
        v.assignment_id,
        v.batch_id,
        v.container_id,
        v.container_rank,
        v.date,
        v.day_index,
        v.temp_c,
        v.warmth,
        v.ramp,
        v.n,
        v.af,
        v.counted,
        CASE WHEN v.counted THEN aquasql.lice_adult_females_counted(
            st.seed, v.assignment_id, aquasql.day_key(v.date), st.fish, v.af, st.patchiness_sd
        ) END,
        v.treated,
        v.trigger_date,
        v.trigger_count
    FROM level AS v
    CROSS JOIN setting AS st
$$;

COMMENT ON FUNCTION aquasql.lice_days(bigint[]) IS
'The sea-lice model for every sea assignment-day of the given batches: treatments so far (cycle), true '
'adult female lice per fish, counted = a counting day (with the adult females counted on lice_count_fish '
'fish), treated = a delousing that day, with the date and adult females of the count at or above '
'lice_limit_af that triggered it.';

CREATE OR REPLACE FUNCTION aquasql.generate_lice_counts(p_batches bigint[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    batches bigint[] := aquasql.plan_batches(p_batches);
    seed bigint := aquasql.run_seed();
    fish integer := aquasql.param('lice_count_fish')::integer;
    vet_share double precision := aquasql.param('lice_vet_share');
    patchiness_sd double precision := aquasql.param('lice_patchiness_sd');
    confidence_min double precision := aquasql.param('lice_confidence_min');
    confidence_spread double precision := aquasql.param('lice_confidence_spread');
    first_count_at interval := aquasql.param_time('lice_count_hour');
    ring_step interval := aquasql.param('lice_count_ring_minutes') * interval '1 minute';
    vet integer := coalesce(aquasql.user_id('vet_01'), aquasql.user_id('system_admin'));
    written bigint;
BEGIN
    DELETE FROM health_licecount WHERE batch_id = ANY(batches);

    INSERT INTO health_licecount (
        id, batch_id, assignment_id, container_id, user_id, count_date, adult_female_count, adult_male_count,
        juvenile_count, lice_type_id, count_value, detection_method, confidence_level, fish_sampled, notes
    )
    WITH counter AS (
        -- who counts: the geography's operator, or the vet
        SELECT p.batch_id, ARRAY[aquasql.geography_operator_id(p.geography_id), vet] AS users
        FROM aquasql.plan_batch AS p
        WHERE p.batch_id = ANY(batches)
    ),

    counted AS (
        -- counting days (aquasql.lice_days): nominal day lice_count_week_day of every week in the ring on a
        -- working day; below the minimum temperature only in even weeks. One person counts
        -- all rings of a batch on a day.
        SELECT
            d.*,
            aquasql.day_key(d.date) AS dk,
            o.users[aquasql.rand_choice(
                seed, aquasql.stream('lice_count_user'), d.batch_id, aquasql.day_key(d.date), 0,
                ARRAY[1 - vet_share, vet_share]
            )] AS user_id
        FROM aquasql.lice_days(batches) AS d
        INNER JOIN counter AS o ON d.batch_id = o.batch_id
        WHERE d.counted
    ),

    typed AS MATERIALIZED (
        -- mean lice per fish by type (count slot, aquasql.lice_type): L. salmonis adult female,
        -- adult male, chalimus, pre-adult; Caligus elongatus adult female and male (mostly in
        -- warm water). Adult females (slot 1) are counted by the lice model itself.
        SELECT
            c.*,
            t.count_slot AS slot,
            t.id AS lice_type_id,
            t.zero_written,
            (t.af_ratio * c.adult_female_mean + t.ramp_level * c.ramp)
            * (t.warmth_floor + (1 - t.warmth_floor) * c.warmth ^ t.warmth_exponent)
            -- patchiness between counts (log-normal, mean 1; for adult females in
            -- aquasql.lice_adult_females_counted)
            * exp(
                patchiness_sd
                * aquasql.rand_normal(seed, aquasql.stream('lice_patchiness'), c.assignment_id, c.dk, t.count_slot)
                - patchiness_sd * patchiness_sd / 2
            ) AS per_fish
        FROM counted AS c
        CROSS JOIN (
            SELECT k.count_slot, k.af_ratio, k.ramp_level, k.warmth_floor, k.warmth_exponent, k.zero_written, lt.id
            FROM aquasql.lice_type AS k
            INNER JOIN health_licetype AS lt
                ON k.species = lt.species AND k.gender = lt.gender AND k.development_stage = lt.development_stage
            WHERE k.count_slot IS NOT NULL
        ) AS t
    ),

    drawn AS (
        -- adult females as the lice model counted them (the counts that trigger treatments)
        SELECT
            typed.*,
            CASE WHEN typed.slot = 1 THEN typed.adult_females_counted ELSE aquasql.rand_poisson(
                seed, aquasql.stream('lice_count'), typed.assignment_id, typed.dk, typed.slot, fish * typed.per_fish
            ) END AS lice
        FROM typed
    )

    SELECT
        d.state_id * 16 + d.slot,
        d.batch_id,
        d.assignment_id,
        d.container_id,
        d.user_id,
        -- the rings of a site are counted one after another from lice_count_hour (10:00)
        (d.date + first_count_at + (d.container_rank - 1) * ring_step) AT TIME ZONE 'UTC',
        0,
        0,
        0,
        d.lice_type_id,
        d.lice,
        'manual',
        round((confidence_min + confidence_spread
            * aquasql.rand_uniform(seed, aquasql.stream('lice_confidence'), d.assignment_id, d.dk, 0))::numeric, 2),
        fish,
        ''
    FROM drawn AS d
    -- Caligus is written only when some were found
    WHERE d.zero_written OR d.lice > 0;
    GET DIAGNOSTICS written = ROW_COUNT;

    PERFORM aquasql.sync_identity('health_licecount');
    RETURN written;
END
$$;

COMMENT ON FUNCTION aquasql.generate_lice_counts(bigint[]) IS
'health_licecount for the sea rings of the given batches (default: all planned): weekly counts on a working '
'day (fortnightly below lice_weekly_min_temp_c) of lice_count_fish fish, one row per lice type in the '
'normalized format (L. salmonis adult female, adult male, chalimus, pre-adult; Caligus elongatus adults when '
'found), from the lice model aquasql.lice_days. id = daily-state id * 16 + type slot; user = the '
'geography''s operator or the vet (lice_vet_share of the counting days). '
'Replaces the batches'' counts; returns the rows written.';
