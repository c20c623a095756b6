-- Growth samples: weighings on the daily-state rows marked anchor_type 'growth_sample'
-- (stages >= 2, on working days: weekly in freshwater, every 4-5 weeks at sea; see
-- aquasql.is_growth_sample_day). The true mean weight is the daily state's; a sample of n fish sees it with
-- sampling error cv / sqrt(n) and the within-container spread aquasql.weight_cv(day_number).
-- Lengths follow from Fulton's condition factor K = 100 W / L^3, drawn per sample in 1.0-1.3
-- and rising slightly with size (lean fry, well-conditioned salmon at sea). Sample sizes, the K
-- curve and the spreads are model parameters growth_sample_* (sql/20_parameters_events.sql).

-- One row per sample to take: its id (= the daily-state id), size, true mean, spread and K.
CREATE OR REPLACE FUNCTION aquasql.growth_sample_plan(p_batches bigint[])
RETURNS TABLE (
    id bigint,
    assignment_id bigint,
    sample_date date,
    day_key bigint,
    stage_order integer,
    sample_size integer,
    true_weight_g double precision,
    cv double precision,
    k double precision
)
LANGUAGE sql STABLE
AS $$
    WITH setting AS MATERIALIZED (
        SELECT
            aquasql.run_seed() AS seed,
            aquasql.param('growth_sample_size_tank')::integer AS size_tank,
            aquasql.param('growth_sample_size_sea_min')::integer AS size_sea_min,
            aquasql.param('growth_sample_size_sea_max')::integer AS size_sea_max,
            aquasql.param('growth_sample_k_base') AS k_base,
            aquasql.param('growth_sample_k_base_weight_g') AS k_base_weight,
            aquasql.param('growth_sample_k_rise') AS k_rise,
            -- in numeric, as ln(10000.0) was: the same double precision divisor
            ln(aquasql.param('growth_sample_k_rise_span')::numeric) AS ln_k_span,
            aquasql.param('growth_sample_k_sd') AS k_sd,
            aquasql.param('growth_sample_k_min') AS k_min,
            aquasql.param('growth_sample_k_max') AS k_max
    ),

    base AS MATERIALIZED (
        SELECT
            s.id,
            s.assignment_id,
            s.date,
            s.day_number,
            aquasql.day_key(s.date) AS dk,
            l.stage_order::integer AS stage_order,
            sp.at_sea,
            s.avg_weight_g::double precision AS w,
            r.*
        FROM batch_actualdailyassignmentstate AS s
        INNER JOIN aquasql.assignment_life AS l ON s.assignment_id = l.assignment_id
        INNER JOIN aquasql.stage_parameter AS sp ON l.stage_order = sp.stage_order
        CROSS JOIN setting AS r
        WHERE s.batch_id = ANY(p_batches) AND l.batch_id = ANY(p_batches) AND s.anchor_type = 'growth_sample'
    ),

    -- weight_cv reads parameters: once per distinct age, not once per sample
    spread AS MATERIALIZED (
        SELECT d.day_number, aquasql.weight_cv(d.day_number) AS cv
        FROM (SELECT DISTINCT base.day_number FROM base) AS d
    )

    SELECT
        b.id,
        b.assignment_id,
        b.date,
        b.dk,
        b.stage_order,
        -- a fixed number from a tank; fewer from a sea ring (crowding a ring is harder)
        CASE
            WHEN b.at_sea THEN aquasql.rand_int(
                b.seed, aquasql.stream('growth_sample_size'), b.assignment_id, b.dk, 1, b.size_sea_min, b.size_sea_max
            )
            ELSE b.size_tank
        END,
        b.w,
        c.cv,
        -- K ≈ 1.02 at 0.5 g rising to ≈ 1.22 at 5 kg, sd 0.03, kept inside 1.03-1.26 so that K
        -- recomputed from the rounded mean weight and length stays within 1.0-1.3
        least(b.k_max, greatest(b.k_min,
            b.k_base + b.k_rise * least(1.0, greatest(0.0, ln(b.w / b.k_base_weight) / b.ln_k_span))
            + b.k_sd * aquasql.rand_normal(b.seed, aquasql.stream('growth_sample_k'), b.assignment_id, b.dk, 6)
        ))
    FROM base AS b
    INNER JOIN spread AS c ON b.day_number = c.day_number
$$;

COMMENT ON FUNCTION aquasql.growth_sample_plan(bigint[]) IS
'The growth samples of the given batches before drawing the fish: id (= daily-state id), assignment, date, '
'PRNG day key, stage, sample size, true mean weight (daily state), within-container CV and condition factor K.';

CREATE OR REPLACE FUNCTION aquasql.generate_growth_samples(
    p_batches bigint[] DEFAULT NULL, p_with_individuals boolean DEFAULT FALSE
)
RETURNS bigint
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    batches bigint[] := aquasql.plan_batches(p_batches);
    seed bigint := aquasql.run_seed();
    weighed_at interval := aquasql.param_time('growth_sample_hour');
    -- relative measuring error of a length (numeric, squared as the literal was)
    length_cv numeric := aquasql.param('growth_sample_length_cv')::numeric;
    sd_min_share double precision := aquasql.param('growth_sample_sd_min_share');
    min_z double precision := aquasql.param('growth_sample_min_z');
    min_z_spread double precision := aquasql.param('growth_sample_min_z_spread');
    max_z double precision := aquasql.param('growth_sample_max_z');
    max_z_spread double precision := aquasql.param('growth_sample_max_z_spread');
    min_share double precision := aquasql.param('growth_sample_min_share');
    fish_k_sd double precision := aquasql.param('growth_fish_k_sd');
    samples bigint;
    fish bigint := 0;
BEGIN
    DELETE FROM batch_individualgrowthobservation AS o
    USING batch_growthsample AS g, batch_batchcontainerassignment AS a
    WHERE o.growth_sample_id = g.id AND g.assignment_id = a.id AND a.batch_id = ANY(batches);
    DELETE FROM batch_growthsample AS g
    USING batch_batchcontainerassignment AS a
    WHERE g.assignment_id = a.id AND a.batch_id = ANY(batches);

    IF NOT p_with_individuals THEN
        -- Summary statistics only, drawn directly: the sample mean with its sampling error, the
        -- sample sd with its own (relative sd 1 / sqrt(2 (n - 1))), and extremes about 2 sd out,
        -- a little further above the mean than below (weights are right-skewed).
        INSERT INTO batch_growthsample (
            id, assignment_id, sample_date, sample_size, avg_weight_g, avg_length_cm, std_deviation_weight,
            std_deviation_length, min_weight_g, max_weight_g, condition_factor, notes, created_at, updated_at
        )
        SELECT
            d.id,
            d.assignment_id,
            d.sample_date,
            d.sample_size,
            d.mean_r,
            d.length_r,
            round(d.sd::numeric, 2),
            -- relative length spread = a third of the weight's (L ~ W^(1/3)), plus the measuring error
            round((d.length * sqrt((d.sd / d.mean / 3) ^ 2 + length_cv ^ 2))::numeric, 2),
            -- 0.01: the smallest weight the column records
            greatest(0.01, round(greatest(d.mean - d.sd * d.lo_z, min_share * d.mean)::numeric, 2)),
            round((d.mean + d.sd * d.hi_z)::numeric, 2),
            -- as AquaMind's GrowthSample.calculate_condition_factor: from the rounded means
            round(100 * d.mean_r / d.length_r ^ 3, 2),
            '',
            (d.sample_date + weighed_at) AT TIME ZONE 'UTC',
            (d.sample_date + weighed_at) AT TIME ZONE 'UTC'
        FROM (
            SELECT
                m.*,
                round(m.mean::numeric, 2) AS mean_r,
                power(100 * round(m.mean::numeric, 2)::double precision / m.k, 1.0 / 3) AS length,
                round(power(100 * round(m.mean::numeric, 2)::double precision / m.k, 1.0 / 3)::numeric, 2)
                    AS length_r
            FROM (
                SELECT
                    p.*,
                    p.true_weight_g * (1 + p.cv / sqrt(p.sample_size) * aquasql.rand_normal(
                        seed, aquasql.stream('growth_sample_mean'), p.assignment_id, p.day_key, 2
                    )) AS mean,
                    p.true_weight_g * p.cv * greatest(sd_min_share, 1 + aquasql.rand_normal(
                        seed, aquasql.stream('growth_sample_sd'), p.assignment_id, p.day_key, 3
                    ) / sqrt(2 * (p.sample_size - 1))) AS sd,
                    min_z + min_z_spread * aquasql.rand_uniform(
                        seed, aquasql.stream('growth_sample_lo_z'), p.assignment_id, p.day_key, 4
                    ) AS lo_z,
                    max_z + max_z_spread * aquasql.rand_uniform(
                        seed, aquasql.stream('growth_sample_hi_z'), p.assignment_id, p.day_key, 5
                    ) AS hi_z
                FROM aquasql.growth_sample_plan(batches) AS p
            ) AS m
        ) AS d;
        GET DIAGNOSTICS samples = ROW_COUNT;
    ELSE
        -- Every fish drawn: weight log-normal around the true mean (mean exactly the true mean,
        -- CV as in the container), its own K around the sample's, length from weight and K. The
        -- sample row is computed from its fish as AquaMind's GrowthSample.calculate_aggregates
        -- does (Avg, population StdDev, Min, Max; K from the mean weight and length). Fish K is
        -- lowered by exp(-sigma^2 / 3), the bias of K from mean length, so the sample's K comes
        -- out as drawn.
        CREATE TEMPORARY TABLE pg_temp.growth_fish ON COMMIT DROP AS
        SELECT
            p.id AS growth_sample_id,
            p.assignment_id,
            p.sample_date,
            p.sample_size,
            f.fish_no,
            w.weight_g,
            round(power(100 * w.weight_g::double precision / (
                p.k * exp(-x.sigma2 / 3) * exp(fish_k_sd * aquasql.rand_normal(
                    -- keys 1001-1099: apart from the fish's weight draws (keys 1-99)
                    seed, aquasql.stream('fish_k'), p.assignment_id, p.day_key, 1000 + f.fish_no
                ) - fish_k_sd * fish_k_sd / 2)
            ), 1.0 / 3)::numeric, 2) AS length_cm
        FROM aquasql.growth_sample_plan(batches) AS p
        CROSS JOIN LATERAL (SELECT ln(1 + p.cv ^ 2) AS sigma2) AS x
        CROSS JOIN LATERAL generate_series(1, p.sample_size) AS f (fish_no)
        CROSS JOIN LATERAL (
            SELECT greatest(0.01, round((p.true_weight_g * exp(sqrt(x.sigma2) * aquasql.rand_normal(
                seed, aquasql.stream('fish_weight'), p.assignment_id, p.day_key, f.fish_no
            ) - x.sigma2 / 2))::numeric, 2)) AS weight_g
        ) AS w;

        INSERT INTO batch_growthsample (
            id, assignment_id, sample_date, sample_size, avg_weight_g, avg_length_cm, std_deviation_weight,
            std_deviation_length, min_weight_g, max_weight_g, condition_factor, notes, created_at, updated_at
        )
        SELECT
            a.growth_sample_id,
            a.assignment_id,
            a.sample_date,
            a.sample_size,
            a.avg_weight_g,
            a.avg_length_cm,
            a.std_deviation_weight,
            a.std_deviation_length,
            a.min_weight_g,
            a.max_weight_g,
            round(100 * a.avg_weight_g / a.avg_length_cm ^ 3, 2),
            '',
            (a.sample_date + weighed_at) AT TIME ZONE 'UTC',
            (a.sample_date + weighed_at) AT TIME ZONE 'UTC'
        FROM (
            SELECT
                g.growth_sample_id,
                g.assignment_id,
                g.sample_date,
                count(*)::integer AS sample_size,
                round(avg(g.weight_g), 2) AS avg_weight_g,
                round(avg(g.length_cm), 2) AS avg_length_cm,
                round(stddev_pop(g.weight_g), 2) AS std_deviation_weight,
                round(stddev_pop(g.length_cm), 2) AS std_deviation_length,
                min(g.weight_g) AS min_weight_g,
                max(g.weight_g) AS max_weight_g
            FROM pg_temp.growth_fish AS g
            GROUP BY g.growth_sample_id, g.assignment_id, g.sample_date
        ) AS a;
        GET DIAGNOSTICS samples = ROW_COUNT;

        INSERT INTO batch_individualgrowthobservation (
            id, growth_sample_id, fish_identifier, weight_g, length_cm, created_at, updated_at
        )
        SELECT
            -- id: 100 fish numbers per sample (samples hold at most 99 fish)
            g.growth_sample_id * 100 + g.fish_no,
            g.growth_sample_id,
            'F' || lpad(g.fish_no::text, 2, '0'),
            g.weight_g,
            g.length_cm,
            (g.sample_date + weighed_at) AT TIME ZONE 'UTC',
            (g.sample_date + weighed_at) AT TIME ZONE 'UTC'
        FROM pg_temp.growth_fish AS g;
        GET DIAGNOSTICS fish = ROW_COUNT;
        DROP TABLE pg_temp.growth_fish;
        PERFORM aquasql.sync_identity('batch_individualgrowthobservation');
    END IF;

    -- Each assignment was last weighed on its latest sample (NULL: never sampled, e.g. eggs).
    UPDATE batch_batchcontainerassignment AS a SET last_weighing_date = x.last_date
    FROM (
        SELECT b.id, max(g.sample_date) AS last_date
        FROM batch_batchcontainerassignment AS b
        LEFT JOIN batch_growthsample AS g ON b.id = g.assignment_id
        WHERE b.batch_id = ANY(batches)
        GROUP BY b.id
    ) AS x
    WHERE a.id = x.id AND a.last_weighing_date IS DISTINCT FROM x.last_date;

    PERFORM aquasql.sync_identity('batch_growthsample');
    RETURN samples + fish;
END
$$;

COMMENT ON FUNCTION aquasql.generate_growth_samples(bigint[], boolean) IS
'batch_growthsample for the given batches (default: all planned) on every daily-state row with anchor_type '
'''growth_sample'' (stages >= 2 on working days, weekly in freshwater and every 4-5 weeks at sea; id = the '
'daily-state id): growth_sample_size_tank fish in freshwater (30), growth_sample_size_sea_min to _max at sea '
'(20-30), mean weight = true mean with sampling error, sd from aquasql.weight_cv, lengths from a condition '
'factor of 1.0-1.3. With p_with_individuals, also one batch_individualgrowthobservation per fish (id = sample id * 100 '
'+ fish number) and the sample statistics computed from them. Sets last_weighing_date on the assignments. '
'Replaces the batches'' samples; returns the rows written (samples + fish).';
