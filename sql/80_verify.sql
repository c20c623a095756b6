-- verify: does the generated history look like a salmon farm's, and do its numbers agree?
-- One row per check (domain reference section 8, plus AquaMind's own data-generation checks in
-- a form scaled to the batch): what was measured, the expected band, pass or fail, and a
-- detail naming what is out of band. Bands scale with the batch (shares of its eggs, rates per
-- container-day), so the tiny and small profiles are held to the same standard as the full one.
-- Only batches aquasql generated (aquasql.plan_batch) are checked; a database may hold others.
-- Every check is one small query; checks with nothing to measure yet (no batch reached day 91,
-- none harvested) pass with the measured value 'n/a'.

-- How a band check shows what it measured: the range of its values ('n/a' without any).
CREATE OR REPLACE FUNCTION aquasql.verify_range(p_min numeric, p_max numeric, p_digits integer)
RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT CASE
        WHEN p_min IS NULL THEN 'n/a'
        WHEN p_min = p_max THEN round(p_min, p_digits)::text
        ELSE round(p_min, p_digits) || ' – ' || round(p_max, p_digits)
    END
$$;

-- The result row of every check.
CREATE OR REPLACE FUNCTION aquasql.verify_band(
    p_name text,
    p_values numeric[],
    p_labels text[],
    p_low numeric,
    p_high numeric,
    p_expected text,
    p_digits integer DEFAULT 2,
    p_what text DEFAULT 'batches'
)
RETURNS TABLE (name text, measured text, expected text, pass boolean, detail text)
LANGUAGE sql IMMUTABLE
AS $$
    WITH v AS (
        SELECT x.val, x.label, x.val BETWEEN p_low AND p_high AS ok
        FROM unnest(p_values, p_labels) AS x (val, label)
        WHERE x.val IS NOT NULL
    )

    SELECT
        p_name,
        aquasql.verify_range(min(val), max(val), p_digits),
        p_expected,
        coalesce(bool_and(ok), TRUE),
        CASE
            WHEN count(*) = 0 THEN 'no ' || p_what || ' to measure yet'
            WHEN bool_and(ok) THEN 'in band: ' || count(*) || ' ' || p_what
            ELSE 'out of band: ' || string_agg(label || ' ' || round(val, p_digits), ', ' ORDER BY label)
                FILTER (WHERE NOT ok)
        END
    FROM v
$$;

-- A check that counts violations: passes when there are none.
CREATE OR REPLACE FUNCTION aquasql.verify_zero(
    p_name text, p_bad bigint, p_total bigint, p_what text, p_detail text DEFAULT NULL
)
RETURNS TABLE (name text, measured text, expected text, pass boolean, detail text)
LANGUAGE sql IMMUTABLE
AS $$
    SELECT
        p_name,
        format('%s of %s %s', coalesce(p_bad, 0), coalesce(p_total, 0), p_what),
        '0',
        coalesce(p_bad, 0) = 0,
        coalesce(p_detail, CASE WHEN coalesce(p_bad, 0) = 0 THEN 'none' END)
$$;

-- The generated batches, with their eggs (delivered, as the creation actions record them), the
-- status the plan gives them at the run date, and how far their history goes.
CREATE OR REPLACE FUNCTION aquasql.verify_batch()
RETURNS TABLE (
    batch_id bigint, batch_number text, geography_id bigint, eggs numeric, status text,
    planned_status text, last_stage integer, days integer
)
LANGUAGE sql STABLE
AS $$
    SELECT
        p.batch_id,
        b.batch_number,
        p.geography_id,
        coalesce((
            SELECT sum(ca.egg_count_actual)
            FROM batch_creationaction AS ca
            INNER JOIN batch_creationworkflow AS cw ON ca.workflow_id = cw.id
            WHERE cw.batch_id = p.batch_id
        ), p.eggs),
        b.status,
        CASE WHEN p.harvest_date <= r.as_of THEN 'COMPLETED' ELSE 'ACTIVE' END,
        (SELECT max(bd.stage_order) FROM aquasql.batch_day AS bd
            WHERE bd.batch_id = p.batch_id AND bd.date <= p.history_end),
        p.history_end - p.start_date + 1
    FROM aquasql.plan_batch AS p
    INNER JOIN batch_batch AS b ON p.batch_id = b.id
    CROSS JOIN aquasql.run_setting AS r
$$;

-- Daily states of the generated batches with the stage order (the per-container history).
CREATE OR REPLACE FUNCTION aquasql.verify_daily()
RETURNS TABLE (
    assignment_id bigint, batch_id bigint, container_id bigint, stage_order integer, date date,
    day_number integer, population integer, mortality_count integer, biomass_kg numeric, feed_kg numeric
)
LANGUAGE sql STABLE
AS $$
    SELECT
        d.assignment_id, d.batch_id, d.container_id, st."order", d.date, d.day_number, d.population,
        d.mortality_count, d.biomass_kg, d.feed_kg
    FROM batch_actualdailyassignmentstate AS d
    INNER JOIN batch_lifecyclestage AS st ON d.lifecycle_stage_id = st.id
    WHERE d.batch_id IN (SELECT pb.batch_id FROM aquasql.plan_batch AS pb)
$$;

-- A band for ordinary batches, with the outbreak tail a farm has (domain reference section 8:
-- a hatchery stage losing 10-30 %, a batch losing 25-40 % at sea). A batch passes in the band,
-- or beyond it when its disease outbreaks account for it: with its DISEASE deaths not counted
-- (p_without) it is in the band, and with them it is within the outbreak band. On the tiny
-- profile, 2 trays a hall and 4 rings a batch, one tray's or ring's outbreak moves the batch by
-- a half or a quarter of its toll; on the full profile by a tenth or less.
CREATE OR REPLACE FUNCTION aquasql.verify_band_outbreak(
    p_name text,
    p_values numeric[],
    p_without numeric[],
    p_labels text[],
    p_low numeric,
    p_high numeric,
    p_outbreak_low numeric,
    p_outbreak_high numeric,
    p_expected text,
    p_digits integer DEFAULT 2
)
RETURNS TABLE (name text, measured text, expected text, pass boolean, detail text)
LANGUAGE sql IMMUTABLE
AS $$
    WITH v AS (
        SELECT
            x.val, x.without, x.label,
            x.val BETWEEN p_low AND p_high AS ordinary,
            x.val BETWEEN p_outbreak_low AND p_outbreak_high AND x.without BETWEEN p_low AND p_high AS outbreak
        FROM unnest(p_values, p_without, p_labels) AS x (val, without, label)
        WHERE x.val IS NOT NULL
    )

    SELECT
        p_name,
        aquasql.verify_range(min(val), max(val), p_digits),
        p_expected || format('; with disease outbreaks %s – %s', p_outbreak_low, p_outbreak_high),
        coalesce(bool_and(ordinary OR outbreak), TRUE),
        CASE
            WHEN count(*) = 0 THEN 'no batches to measure yet'
            WHEN bool_and(ordinary OR outbreak) THEN 'in band: ' || count(*) || ' batches' || coalesce(
                ', beyond it by disease outbreaks: ' || string_agg(
                    label || ' ' || round(val, p_digits) || ' (' || round(without, p_digits) || ' without DISEASE deaths)',
                    ', ' ORDER BY label
                ) FILTER (WHERE NOT ordinary), ''
            )
            ELSE 'out of band: ' || string_agg(
                label || ' ' || round(val, p_digits) || ' (' || round(without, p_digits) || ' without DISEASE deaths)',
                ', ' ORDER BY label
            ) FILTER (WHERE NOT (ordinary OR outbreak))
        END
    FROM v
$$;

-- Survival, mortality, FCR and harvest weight: the biology.
CREATE OR REPLACE FUNCTION aquasql.verify_biology()
RETURNS TABLE (name text, measured text, expected text, pass boolean, detail text)
LANGUAGE sql STABLE
AS $$
    WITH b AS (SELECT * FROM aquasql.verify_batch()),

    daily AS (SELECT * FROM aquasql.verify_daily()),

    disease AS (
        -- deaths in disease outbreaks (cause DISEASE), by batch day and stage
        SELECT m.batch_id, m.event_date - pb.start_date + 1 AS day_number, st."order" AS stage_order, m.count
        FROM batch_mortalityevent AS m
        INNER JOIN aquasql.plan_batch AS pb ON m.batch_id = pb.batch_id
        INNER JOIN batch_batchcontainerassignment AS a ON m.assignment_id = a.id
        INNER JOIN batch_lifecyclestage AS st ON a.lifecycle_stage_id = st.id
        WHERE m.cause = 'DISEASE'
    ),

    on_day AS (
        SELECT
            o.batch_id, o.day_number, o.fish,
            o.fish + (SELECT coalesce(sum(di.count), 0) FROM disease AS di
                WHERE di.batch_id = o.batch_id AND di.day_number <= o.day_number) AS without_disease
        FROM (
            SELECT batch_id, day_number, sum(population) AS fish
            FROM daily WHERE day_number IN (91, 200) GROUP BY batch_id, day_number
        ) AS o
    ),

    sea AS (
        -- fish moved to sea and deaths at sea, for batches whose sea phase is over
        SELECT
            b.batch_id,
            b.batch_number,
            (SELECT sum(t.transferred_count) FROM batch_transferaction AS t
                INNER JOIN batch_batchcontainerassignment AS a ON t.dest_assignment_id = a.id
                INNER JOIN batch_lifecyclestage AS st ON a.lifecycle_stage_id = st.id
                WHERE a.batch_id = b.batch_id AND st."order" = 6) AS to_sea,
            (SELECT sum(d.mortality_count) FROM daily AS d
                WHERE d.batch_id = b.batch_id AND d.stage_order = 6) AS sea_deaths,
            (SELECT coalesce(sum(di.count), 0) FROM disease AS di
                WHERE di.batch_id = b.batch_id AND di.stage_order = 6) AS sea_disease
        FROM b WHERE b.status = 'COMPLETED'
    ),

    harvested AS (
        SELECT
            e.batch_id,
            sum(l.unit_count) AS fish,
            sum(l.unit_count) + (SELECT coalesce(sum(di.count), 0) FROM disease AS di
                WHERE di.batch_id = e.batch_id) AS without_disease,
            sum(l.live_weight_kg) / nullif(sum(l.unit_count), 0) AS mean_kg
        FROM harvest_harvestevent AS e
        INNER JOIN harvest_harvestlot AS l ON e.id = l.event_id
        GROUP BY e.batch_id
    ),

    per_assignment AS (
        -- feed and biomass gain of each assignment (last day's biomass less the first day's)
        SELECT DISTINCT ON (assignment_id)
            batch_id, stage_order,
            sum(feed_kg) OVER w AS feed,
            last_value(biomass_kg) OVER w - first_value(biomass_kg) OVER w AS gain,
            count(*) FILTER (WHERE feed_kg > 0) OVER w AS fed_days
        FROM daily
        WINDOW w AS (PARTITION BY assignment_id ORDER BY date ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        ORDER BY assignment_id
    ),

    per_stage AS (
        SELECT
            pa.batch_id, pa.stage_order,
            sum(pa.feed) AS feed, sum(pa.gain) AS gain, max(pa.fed_days) AS fed_days
        FROM per_assignment AS pa WHERE pa.stage_order >= 2
        GROUP BY pa.batch_id, pa.stage_order
    ),

    fcr_stage AS (
        SELECT
            ps.batch_id, ps.stage_order, ps.feed, ps.gain,
            ps.feed / nullif(ps.gain, 0) AS fcr
        -- a stage of a few weeks is all handling and post-transfer losses: farms quote FCR
        -- over a month or more
        FROM per_stage AS ps WHERE ps.fed_days >= 30
    ),

    fcr_batch AS (
        SELECT batch_id, sum(feed) / nullif(sum(gain), 0) AS fcr
        FROM fcr_stage GROUP BY batch_id
    )

    -- The outbreak bands: an egg and alevin stage losing 30 % (domain reference section 8)
    -- instead of 13 % puts day 91 at 0.70 and day 200 at 0.78 x 0.70 / 0.87 = 0.63; a sea phase
    -- losing 40 % instead of 20 % puts full-cycle survival at 0.60 x 0.60 / 0.80 = 0.45.
    SELECT v.* FROM (
        SELECT
            array_agg(o.fish / b.eggs) AS vals,
            array_agg(o.without_disease / b.eggs) AS without,
            array_agg(b.batch_number) AS labels
        FROM on_day AS o INNER JOIN b ON o.batch_id = b.batch_id WHERE o.day_number = 91
    ) AS x
    CROSS JOIN LATERAL aquasql.verify_band_outbreak(
        'day-91 population / eggs', x.vals, x.without, x.labels, 0.80, 0.92, 0.70, 0.92,
        '0.80 – 0.92 (3.5 M eggs: 2.8 – 3.2 M fish)', 3
    ) AS v
    UNION ALL
    SELECT v.* FROM (
        SELECT
            array_agg(o.fish / b.eggs * 3.5) AS vals,
            array_agg(o.without_disease / b.eggs * 3.5) AS without,
            array_agg(b.batch_number) AS labels
        FROM on_day AS o INNER JOIN b ON o.batch_id = b.batch_id WHERE o.day_number = 91
    ) AS x
    CROSS JOIN LATERAL aquasql.verify_band_outbreak(
        'aquamind: day-91 population, M fish per 3.5 M eggs', x.vals, x.without, x.labels, 2.8, 3.2, 2.45, 3.2,
        '≈ 3.0 (2.8 – 3.2; ≈ 6 would be double counting)', 2
    ) AS v
    UNION ALL
    SELECT v.* FROM (
        SELECT
            array_agg(o.fish / b.eggs) AS vals,
            array_agg(o.without_disease / b.eggs) AS without,
            array_agg(b.batch_number) AS labels
        FROM on_day AS o INNER JOIN b ON o.batch_id = b.batch_id WHERE o.day_number = 200
    ) AS x
    CROSS JOIN LATERAL aquasql.verify_band_outbreak(
        'day-200 population / eggs', x.vals, x.without, x.labels, 0.78, 0.88, 0.63, 0.88, '0.78 – 0.88', 3
    ) AS v
    UNION ALL
    SELECT v.* FROM (
        SELECT
            array_agg(sea_deaths::numeric / to_sea) AS vals,
            array_agg((sea_deaths - sea_disease)::numeric / to_sea) AS without,
            array_agg(batch_number) AS labels
        FROM sea
    ) AS x
    CROSS JOIN LATERAL aquasql.verify_band_outbreak(
        'sea-phase mortality (harvested batches)', x.vals, x.without, x.labels, 0.08, 0.20, 0.08, 0.40,
        '0.08 – 0.20 of the fish put to sea', 3
    ) AS v
    UNION ALL
    SELECT v.* FROM (
        SELECT
            array_agg(h.fish / b.eggs) AS vals,
            array_agg(h.without_disease / b.eggs) AS without,
            array_agg(b.batch_number) AS labels
        FROM b INNER JOIN harvested AS h ON b.batch_id = h.batch_id WHERE b.status = 'COMPLETED'
    ) AS x
    CROSS JOIN LATERAL aquasql.verify_band_outbreak(
        'full-cycle survival (fish harvested / eggs)', x.vals, x.without, x.labels, 0.60, 0.78, 0.45, 0.78,
        '0.60 – 0.78', 3
    ) AS v
    UNION ALL
    SELECT v.* FROM (
        SELECT
            array_agg(f.fcr) AS vals,
            array_agg(b.batch_number || ' ' || st.name) AS labels
        FROM fcr_stage AS f
        INNER JOIN b ON f.batch_id = b.batch_id
        INNER JOIN batch_lifecyclestage AS st ON f.stage_order = st."order"
    ) AS x
    CROSS JOIN LATERAL aquasql.verify_band(
        'FCR per stage (feed / biomass gain)', x.vals, x.labels, 0.8, 1.5, '0.8 – 1.5 (stages fed ≥ 30 days)', 3,
        'batch stages'
    ) AS v
    UNION ALL
    SELECT v.* FROM (
        SELECT array_agg(f.fcr) AS vals, array_agg(b.batch_number) AS labels
        FROM fcr_batch AS f INNER JOIN b ON f.batch_id = b.batch_id
    ) AS x
    CROSS JOIN LATERAL aquasql.verify_band('FCR per batch', x.vals, x.labels, 0.8, 1.5, '0.8 – 1.5', 3) AS v
    UNION ALL
    SELECT v.* FROM (
        -- a batch as a whole: its whole cycle, egg to harvest (a young batch has only fry FCRs)
        SELECT array_agg(f.fcr) AS vals, array_agg(b.batch_number) AS labels
        FROM fcr_batch AS f INNER JOIN b ON f.batch_id = b.batch_id
        WHERE b.status = 'COMPLETED'
    ) AS x
    CROSS JOIN LATERAL aquasql.verify_band(
        'aquamind: FCR per completed batch', x.vals, x.labels, 0.9, 3.0, '0.9 – 3.0 (not 10 – 70)', 3
    ) AS v
    UNION ALL
    SELECT v.* FROM (
        SELECT array_agg(h.mean_kg) AS vals, array_agg(b.batch_number) AS labels
        FROM b INNER JOIN harvested AS h ON b.batch_id = h.batch_id
    ) AS x
    CROSS JOIN LATERAL aquasql.verify_band('harvest mean weight, kg', x.vals, x.labels, 4, 6, '4 – 6 kg', 2) AS v
$$;

-- Batch statuses, stages, geographies and container use: the schedule.
CREATE OR REPLACE FUNCTION aquasql.verify_schedule()
RETURNS TABLE (name text, measured text, expected text, pass boolean, detail text)
LANGUAGE sql STABLE
AS $$
    WITH b AS (SELECT * FROM aquasql.verify_batch()),

    run AS (SELECT as_of FROM aquasql.run_setting),

    per_geography AS (
        SELECT g.name AS geography, count(*) AS batches
        FROM b INNER JOIN infrastructure_geography AS g ON b.geography_id = g.id
        GROUP BY g.name
    ),

    planned_stages AS (
        -- the stages the plan puts the active batches in at the run date
        SELECT count(DISTINCT bd.stage_order) AS n
        FROM aquasql.batch_day AS bd
        INNER JOIN b ON bd.batch_id = b.batch_id AND b.planned_status = 'ACTIVE'
        WHERE bd.date = (SELECT as_of FROM run)
    ),

    active_stages AS (
        SELECT count(DISTINCT bb.lifecycle_stage_id) AS n, string_agg(DISTINCT st.name, ', ') AS names
        FROM b
        INNER JOIN batch_batch AS bb ON b.batch_id = bb.id
        INNER JOIN batch_lifecyclestage AS st ON bb.lifecycle_stage_id = st.id
        WHERE b.status = 'ACTIVE'
    ),

    container_geography AS (
        SELECT c.id, coalesce(s.geography_id, ar.geography_id) AS geography_id
        FROM infrastructure_container AS c
        LEFT JOIN infrastructure_hall AS h ON c.hall_id = h.id
        LEFT JOIN infrastructure_freshwaterstation AS s ON h.freshwater_station_id = s.id
        LEFT JOIN infrastructure_area AS ar ON c.area_id = ar.id
        WHERE c.active
    ),

    utilisation AS (
        SELECT
            g.name AS geography,
            count(*) AS containers,
            count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM batch_batchcontainerassignment AS a
                WHERE a.container_id = cg.id AND a.is_active AND a.batch_id IN (SELECT batch_id FROM b)
            )) AS in_use
        FROM container_geography AS cg
        INNER JOIN infrastructure_geography AS g ON cg.geography_id = g.id
        WHERE cg.geography_id IN (SELECT geography_id FROM b)
        GROUP BY g.name
    )

    SELECT
        'aquamind: batches completed / active',
        format('%s / %s', count(*) FILTER (WHERE status = 'COMPLETED'), count(*) FILTER (WHERE status = 'ACTIVE')),
        format('%s / %s (the plan at the run date)', count(*) FILTER (WHERE planned_status = 'COMPLETED'),
            count(*) FILTER (WHERE planned_status = 'ACTIVE')),
        bool_and(status = planned_status),
        coalesce('status differs from the plan: '
            || string_agg(batch_number || ' ' || status, ', ' ORDER BY batch_number)
                FILTER (WHERE status <> planned_status), 'every batch as planned')
    FROM b
    UNION ALL
    SELECT
        'lifecycle stages among active batches',
        a.n::text,
        format('all 6, or as many as the plan''s active batches span (%s)', least(6, p.n)),
        a.n >= least(6, p.n),
        coalesce(a.names, 'no active batches')
    FROM active_stages AS a CROSS JOIN planned_stages AS p
    UNION ALL
    SELECT
        'geographies balanced (batches per geography)',
        string_agg(format('%s %s', geography, batches), ', ' ORDER BY geography),
        'counts differ by ≤ 10 % (or 1 batch)',
        coalesce(max(batches) - min(batches) <= greatest(1, 0.1 * max(batches)), TRUE),
        count(*) || ' geographies'
    FROM per_geography
    UNION ALL
    SELECT * FROM (
        SELECT
            'container utilisation at run date: ' || geography,
            format('%s %% (%s of %s containers)', round(100.0 * in_use / containers, 1), in_use, containers),
            'reported; ≤ 100 %',
            in_use <= containers,
            'containers with an active assignment / active containers'
        FROM utilisation ORDER BY geography
    ) AS u
$$;

-- Assignments, conservation of fish, capacity: the things that must hold exactly.
CREATE OR REPLACE FUNCTION aquasql.verify_integrity()
RETURNS TABLE (name text, measured text, expected text, pass boolean, detail text)
LANGUAGE sql STABLE
AS $$
    WITH gen AS (SELECT batch_id FROM aquasql.plan_batch),

    daily AS (SELECT * FROM aquasql.verify_daily()),

    assignment AS (
        SELECT a.*, daterange(a.assignment_date, a.departure_date, '[)') AS occupancy
        FROM batch_batchcontainerassignment AS a
    ),

    overlap AS (
        SELECT x.id AS first_id, y.id AS second_id, x.container_id
        FROM assignment AS x
        INNER JOIN assignment AS y ON x.container_id = y.container_id AND x.id < y.id AND x.occupancy && y.occupancy
        WHERE x.batch_id IN (SELECT batch_id FROM gen) OR y.batch_id IN (SELECT batch_id FROM gen)
    ),

    over_capacity AS (
        SELECT d.container_id, d.date, d.biomass_kg / nullif(c.max_biomass_kg, 0) AS fill
        FROM daily AS d INNER JOIN infrastructure_container AS c ON d.container_id = c.id
    ),

    assignment_span AS (
        SELECT assignment_id, min(date) AS first_day, max(date) AS last_day, count(*) AS days
        FROM daily GROUP BY assignment_id
    ),

    first_day AS (
        SELECT d.assignment_id, d.population + d.mortality_count AS fish
        FROM daily AS d INNER JOIN assignment_span AS s ON d.assignment_id = s.assignment_id AND d.date = s.first_day
    ),

    last_day AS (
        SELECT d.assignment_id, d.population AS fish
        FROM daily AS d INNER JOIN assignment_span AS s ON d.assignment_id = s.assignment_id AND d.date = s.last_day
    ),

    actions AS (
        SELECT t.*, w.batch_id
        FROM batch_transferaction AS t
        INNER JOIN batch_batchtransferworkflow AS w ON t.workflow_id = w.id
        WHERE w.batch_id IN (SELECT batch_id FROM gen)
    ),

    transfer_problem AS (
        -- what left each source: transferred + transfer mortality = its population before = its last day
        SELECT 'source ' || t.source_assignment_id AS what
        FROM actions AS t LEFT JOIN last_day AS l ON t.source_assignment_id = l.assignment_id
        GROUP BY t.source_assignment_id, l.fish
        HAVING sum(t.transferred_count + t.mortality_during_transfer) <> max(t.source_population_before)
            OR min(t.source_population_before) <> max(t.source_population_before)
            OR l.fish IS DISTINCT FROM max(t.source_population_before)
        UNION ALL
        -- each destination starts from exactly the fish it received
        SELECT 'destination ' || t.dest_assignment_id
        FROM actions AS t LEFT JOIN first_day AS f ON t.dest_assignment_id = f.assignment_id
        WHERE t.dest_assignment_id IS NOT NULL
        GROUP BY t.dest_assignment_id, f.fish
        HAVING f.fish IS DISTINCT FROM sum(t.transferred_count)
        UNION ALL
        -- the workflow's totals are its actions' sums
        SELECT 'workflow ' || w.workflow_number
        FROM batch_batchtransferworkflow AS w
        INNER JOIN actions AS t ON w.id = t.workflow_id
        GROUP BY w.id, w.workflow_number, w.total_transferred_count, w.total_mortality_count
        HAVING w.total_transferred_count <> sum(t.transferred_count)
            OR w.total_mortality_count <> sum(t.mortality_during_transfer)
    ),

    delivery_problem AS (
        SELECT ca.dest_assignment_id
        FROM batch_creationaction AS ca
        INNER JOIN batch_creationworkflow AS cw ON ca.workflow_id = cw.id
        LEFT JOIN first_day AS f ON ca.dest_assignment_id = f.assignment_id
        WHERE cw.batch_id IN (SELECT batch_id FROM gen)
        GROUP BY ca.dest_assignment_id, f.fish
        HAVING f.fish IS DISTINCT FROM sum(ca.egg_count_actual - ca.mortality_on_arrival)
    ),

    batch_fish AS (
        SELECT batch_id, date, sum(population) AS fish FROM daily GROUP BY batch_id, date
    ),

    increase AS (
        -- a batch's fish only ever decrease: more than the day before is fish counted twice
        SELECT batch_id, date, fish, lag(fish) OVER (PARTITION BY batch_id ORDER BY date) AS day_before
        FROM batch_fish
    ),

    span_problem AS (
        -- one daily state per day, from the assignment date, never after its departure
        SELECT s.assignment_id
        FROM assignment_span AS s INNER JOIN assignment AS a ON s.assignment_id = a.id
        WHERE s.days <> s.last_day - s.first_day + 1
            OR s.first_day <> a.assignment_date
            OR s.last_day >= a.departure_date
    ),

    mortality AS (
        SELECT m.assignment_id, m.event_date, sum(m.count) AS deaths
        FROM batch_mortalityevent AS m
        WHERE m.batch_id IN (SELECT batch_id FROM gen)
        GROUP BY m.assignment_id, m.event_date
    ),

    mortality_mismatch AS (
        SELECT 1
        FROM (SELECT * FROM daily WHERE mortality_count > 0) AS d
        FULL JOIN mortality AS m ON d.assignment_id = m.assignment_id AND d.date = m.event_date
        WHERE d.mortality_count IS DISTINCT FROM m.deaths::integer
    ),

    feeding AS (
        SELECT f.batch_assignment_id AS assignment_id, f.feeding_date, sum(f.amount_kg) AS kg
        FROM inventory_feedingevent AS f
        WHERE f.batch_id IN (SELECT batch_id FROM gen)
        GROUP BY f.batch_assignment_id, f.feeding_date
    ),

    feeding_mismatch AS (
        SELECT 1
        FROM (SELECT * FROM daily WHERE feed_kg > 0) AS d
        FULL JOIN feeding AS f ON d.assignment_id = f.assignment_id AND d.date = f.feeding_date
        WHERE abs(coalesce(d.feed_kg, 0) - coalesce(f.kg, 0)) > 0.011
    )

    SELECT v.* FROM aquasql.verify_zero(
        'no container holds two assignments at once',
        (SELECT count(*) FROM overlap),
        (SELECT count(*) FROM assignment WHERE batch_id IN (SELECT batch_id FROM gen)),
        'assignments overlap',
        (SELECT 'containers ' || string_agg(DISTINCT container_id::text, ', ') FROM overlap)
    ) AS v
    UNION ALL
    SELECT v.* FROM aquasql.verify_zero(
        'no container above its max biomass',
        (SELECT count(*) FROM over_capacity WHERE fill > 1),
        (SELECT count(*) FROM over_capacity),
        'container-days above',
        (SELECT format('peak %s %% of max biomass', round(100 * max(fill), 1)) FROM over_capacity)
    ) AS v
    UNION ALL
    SELECT v.* FROM aquasql.verify_zero(
        'fish conserved across every transfer',
        (SELECT count(*) FROM transfer_problem),
        (SELECT count(*) FROM actions),
        'transfer actions; problems (sources, destinations, workflow totals)',
        (SELECT string_agg(what, ', ') FROM (SELECT what FROM transfer_problem LIMIT 5) AS p)
    ) AS v
    UNION ALL
    SELECT v.* FROM aquasql.verify_zero(
        'egg deliveries: trays start from the eggs delivered',
        (SELECT count(*) FROM delivery_problem),
        (SELECT count(DISTINCT ca.dest_assignment_id) FROM batch_creationaction AS ca
            INNER JOIN batch_creationworkflow AS cw ON ca.workflow_id = cw.id
            WHERE cw.batch_id IN (SELECT batch_id FROM gen)),
        'trays off'
    ) AS v
    UNION ALL
    SELECT v.* FROM aquasql.verify_zero(
        'aquamind: no doubling (a batch''s fish never increase)',
        (SELECT count(*) FROM increase WHERE fish > day_before),
        (SELECT count(*) FROM increase),
        'batch-days above the day before',
        (SELECT string_agg(format('batch %s on %s', batch_id, date), ', ')
            FROM (SELECT * FROM increase WHERE fish > day_before ORDER BY batch_id, date LIMIT 3) AS i)
    ) AS v
    UNION ALL
    SELECT v.* FROM aquasql.verify_zero(
        'daily states: one per assignment-day with fish',
        (SELECT count(*) FROM span_problem),
        (SELECT count(*) FROM assignment_span),
        'assignments with gaps or days outside their occupancy'
    ) AS v
    UNION ALL
    SELECT v.* FROM aquasql.verify_zero(
        'mortality events = daily-state deaths',
        (SELECT count(*) FROM mortality_mismatch),
        (SELECT count(*) FROM mortality),
        'assignment-days differ'
    ) AS v
    UNION ALL
    SELECT v.* FROM aquasql.verify_zero(
        'feeding events = daily-state feed',
        (SELECT count(*) FROM feeding_mismatch),
        (SELECT count(*) FROM feeding),
        'assignment-days differ by > 0.01 kg'
    ) AS v
$$;

-- Every per-container event names its assignment, and its batch and container are the
-- assignment's: the registry's tables with an assignment column (aquasql.generated_table()),
-- their batch and container columns looked up, so the same check runs on every AquaMind version.
CREATE OR REPLACE FUNCTION aquasql.verify_links()
RETURNS TABLE (name text, measured text, expected text, pass boolean, detail text)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    ev record;
    link text;
    has_batch boolean;
    has_container boolean;
    bad bigint;
    total bigint;
BEGIN
    FOR ev IN
        SELECT g.table_name, g.family AS label, g.assignment_column AS link
        FROM aquasql.generated_table() WITH ORDINALITY AS g
        WHERE g.assignment_column IS NOT NULL AND to_regclass('public.' || g.table_name) IS NOT NULL
        ORDER BY g.ordinality
    LOOP
        link := ev.link;
        SELECT
            bool_or(c.column_name = 'batch_id'), bool_or(c.column_name = 'container_id')
        INTO has_batch, has_container
        FROM information_schema.columns AS c
        WHERE c.table_schema = 'public' AND c.table_name = ev.table_name;
        EXECUTE format(
            'SELECT count(*) FILTER (WHERE a.id IS NULL%s%s), count(*)
             FROM public.%I AS e LEFT JOIN batch_batchcontainerassignment AS a ON e.%I = a.id
             WHERE %s a.batch_id IN (SELECT batch_id FROM aquasql.plan_batch)',
            CASE WHEN has_batch THEN ' OR e.batch_id IS DISTINCT FROM a.batch_id' ELSE '' END,
            CASE WHEN has_container THEN ' OR e.container_id IS DISTINCT FROM a.container_id' ELSE '' END,
            ev.table_name, link,
            CASE WHEN has_batch THEN 'e.batch_id IN (SELECT batch_id FROM aquasql.plan_batch) OR' ELSE '' END
        ) INTO bad, total;
        RETURN QUERY SELECT * FROM aquasql.verify_zero(
            ev.label || ' match their assignment', bad, total, 'rows without it or naming another batch/container',
            format('%s.%s%s%s', ev.table_name, link,
                CASE WHEN has_batch THEN ', batch_id' ELSE '' END,
                CASE WHEN has_container THEN ', container_id' ELSE '' END)
        );
    END LOOP;

    RETURN QUERY
    WITH gen AS (SELECT batch_id FROM aquasql.plan_batch),

    moves AS (
        SELECT w.batch_id, t.source_assignment_id AS assignment_id
        FROM batch_transferaction AS t INNER JOIN batch_batchtransferworkflow AS w ON t.workflow_id = w.id
        UNION ALL
        SELECT w.batch_id, t.dest_assignment_id
        FROM batch_transferaction AS t INNER JOIN batch_batchtransferworkflow AS w ON t.workflow_id = w.id
        WHERE t.dest_assignment_id IS NOT NULL
        UNION ALL
        SELECT w.batch_id, c.dest_assignment_id
        FROM batch_creationaction AS c INNER JOIN batch_creationworkflow AS w ON c.workflow_id = w.id
    )

    SELECT v.* FROM aquasql.verify_zero(
        'transfer and creation actions match their assignments',
        (SELECT count(*) FROM moves AS m LEFT JOIN batch_batchcontainerassignment AS a ON m.assignment_id = a.id
            WHERE m.batch_id IN (SELECT batch_id FROM gen) AND a.batch_id IS DISTINCT FROM m.batch_id),
        (SELECT count(*) FROM moves AS m WHERE m.batch_id IN (SELECT batch_id FROM gen)),
        'assignments of another batch'
    ) AS v;

    RETURN QUERY
    SELECT v.* FROM aquasql.verify_zero(
        'journal entries name a container their batch occupies that day',
        (SELECT count(*) FROM health_journalentry AS j
            WHERE j.batch_id IN (SELECT pb.batch_id FROM aquasql.plan_batch AS pb)
                AND NOT EXISTS (
                    SELECT 1 FROM batch_batchcontainerassignment AS a
                    WHERE a.batch_id = j.batch_id AND a.container_id = j.container_id
                        AND j.entry_date::date >= a.assignment_date
                        AND (a.departure_date IS NULL OR j.entry_date::date < a.departure_date)
                )),
        (SELECT count(*) FROM health_journalentry AS j
            WHERE j.batch_id IN (SELECT pb.batch_id FROM aquasql.plan_batch AS pb)),
        'entries elsewhere'
    ) AS v;
END
$$;

-- Temperatures per geography and environment (domain reference section 5) and sea lice.
CREATE OR REPLACE FUNCTION aquasql.verify_environment()
RETURNS TABLE (name text, measured text, expected text, pass boolean, detail text)
LANGUAGE sql STABLE
AS $$
    WITH climate (geography, yearly_low, yearly_high, winter_low, winter_high, summer_low, summer_high) AS (
        -- sea: mean + amplitude × seasonal sine; Faroe ≈ 8.3 ± 1.5, Scotland ≈ 10 ± 3
        VALUES
        ('Faroe Islands', 7.9, 8.7, 6.0, 7.8, 9.0, 10.8),
        ('Scotland', 9.5, 10.5, 6.0, 8.0, 12.5, 14.5)
    ),

    band AS (
        -- the climate's bands are the region's; the readings are of the sites the batches used,
        -- in the years they were at sea. Widened by two sd of a year's anomaly (the readings of a
        -- short history may all fall in a warm or a cold year) and by the largest offset of a
        -- site from its region (2 sd, as aquasql.area_temperature_offset bounds it; sites of one
        -- region differ by 0.5 - 2 °C, Faroe Marine Research Institute station series, Marine
        -- Scotland coastal temperature network): the tiny and small profiles' one or two sites
        -- in one or two sea years are a site's climate, not the region's. The months are of
        -- different years and sites, so the coldest and warmest month of the region's calendar
        -- need only be within two sd of a year's anomaly of the coldest and warmest measured
        -- (Faroe: March is 0.5 °C colder than January, October 0.3 °C cooler than September).
        -- Measured: 385 simulated sea phases of 300-700 days at one Faroese site came within
        -- 0.98 °C of the climate's bands and 0.31 °C of its months.
        SELECT
            c.geography,
            y.sd AS month_tolerance,
            c.yearly_low - y.widen AS yearly_low, c.yearly_high + y.widen AS yearly_high,
            c.winter_low - y.widen AS winter_low, c.winter_high + y.widen AS winter_high,
            c.summer_low - y.widen AS summer_low, c.summer_high + y.widen AS summer_high
        FROM climate AS c
        CROSS JOIN (
            SELECT
                2 * aquasql.param('sea_temp_year_anomaly_sd')::numeric AS sd,
                2 * aquasql.param('sea_temp_year_anomaly_sd')::numeric
                + 2 * aquasql.param('site_temp_offset_sd')::numeric AS widen
        ) AS y
    ),

    monthly AS (
        SELECT
            g.name AS geography,
            CASE WHEN st."order" = 1 THEN 'incubation' WHEN st."order" < 6 THEN 'tanks' ELSE 'sea' END AS env,
            extract(MONTH FROM r.reading_time)::integer AS month,
            avg(r.value) AS temp
        FROM environmental_environmentalreading AS r
        INNER JOIN environmental_environmentalparameter AS p ON r.parameter_id = p.id AND p.name = 'Temperature'
        INNER JOIN batch_batchcontainerassignment AS a ON r.batch_container_assignment_id = a.id
        INNER JOIN batch_lifecyclestage AS st ON a.lifecycle_stage_id = st.id
        INNER JOIN aquasql.plan_batch AS pb ON a.batch_id = pb.batch_id
        INNER JOIN infrastructure_geography AS g ON pb.geography_id = g.id
        GROUP BY 1, 2, 3
    ),

    sea AS (
        SELECT
            m.geography,
            count(*) AS months,
            avg(m.temp) AS yearly,
            (array_agg(m.month ORDER BY m.temp))[1] AS coldest_month,
            min(m.temp) AS coldest,
            min(m.temp) FILTER (WHERE m.month IN (2, 3, 4)) AS coldest_in_season,
            (array_agg(m.month ORDER BY m.temp DESC))[1] AS warmest_month,
            max(m.temp) AS warmest,
            max(m.temp) FILTER (WHERE m.month IN (7, 8, 9)) AS warmest_in_season
        FROM monthly AS m WHERE m.env = 'sea'
        GROUP BY m.geography
    ),

    lice AS (
        -- adult female L. salmonis per fish, per count (ring and date)
        SELECT
            (sum(lc.count_value) FILTER (
                WHERE lt.species = 'Lepeophtheirus salmonis' AND lt.gender = 'female' AND lt.development_stage = 'adult'
            ) + sum(lc.adult_female_count))::numeric / nullif(max(lc.fish_sampled), 0) AS per_fish
        FROM health_licecount AS lc
        LEFT JOIN health_licetype AS lt ON lc.lice_type_id = lt.id
        WHERE lc.batch_id IN (SELECT batch_id FROM aquasql.plan_batch)
        GROUP BY lc.assignment_id, lc.container_id, lc.count_date
    )

    SELECT * FROM (
        SELECT
            'temperature, ' || m.env || ': ' || m.geography,
            format('%s – %s °C', round(min(m.temp), 2), round(max(m.temp), 2)),
            CASE m.env WHEN 'incubation' THEN '6 – 8 °C (monthly means)' ELSE '10 – 14 °C (monthly means)' END,
            bool_and(m.temp BETWEEN CASE m.env WHEN 'incubation' THEN 6 ELSE 10 END
                AND CASE m.env WHEN 'incubation' THEN 8 ELSE 14 END),
            count(*) || ' months'
        FROM monthly AS m WHERE m.env <> 'sea'
        GROUP BY m.geography, m.env ORDER BY m.geography, m.env
    ) AS freshwater
    UNION ALL
    SELECT * FROM (
        SELECT
            'temperature, sea, ' || s.what || ': ' || s.geography,
            CASE
                WHEN s.months < 12 THEN 'n/a'
                ELSE round(s.value, 2) || ' °C' || coalesce(' (' || to_char(make_date(2000, s.month, 1), 'Mon') || ')', '')
            END,
            CASE
                WHEN s.low IS NULL THEN 'no band for this geography'
                ELSE format('%s – %s °C%s', s.low, s.high, coalesce(
                    ', in ' || s.months_text || ' (or within ' || s.month_tolerance || ' °C of them)', ''
                ))
            END,
            s.months < 12 OR s.low IS NULL
            OR (s.value BETWEEN s.low AND s.high AND (
                s.month IS NULL OR s.month = ANY(s.allowed) OR abs(s.value - s.in_season) <= s.month_tolerance
            )),
            CASE
                WHEN s.months < 12 THEN format('only %s months at sea so far', s.months)
                WHEN s.month IS NOT NULL AND NOT s.month = ANY(s.allowed) THEN format(
                    '12 months; %s °C in %s, %s °C from it (within %s °C: a year''s anomaly)',
                    round(s.in_season, 2), s.months_text, round(abs(s.value - s.in_season), 2), s.month_tolerance
                )
                ELSE '12 months'
            END
        FROM (
            SELECT sea.*, bd.month_tolerance, x.*
            FROM sea
            LEFT JOIN band AS bd ON sea.geography = bd.geography
            CROSS JOIN LATERAL (VALUES
                (
                    1, 'yearly mean', sea.yearly, NULL::integer, bd.yearly_low, bd.yearly_high, NULL::integer[],
                    NULL, NULL::numeric
                ),
                (2, 'coldest month', sea.coldest, sea.coldest_month, bd.winter_low, bd.winter_high, ARRAY[2, 3, 4],
                    'Feb – Apr', sea.coldest_in_season),
                (3, 'warmest month', sea.warmest, sea.warmest_month, bd.summer_low, bd.summer_high, ARRAY[7, 8, 9],
                    'Jul – Sep', sea.warmest_in_season)
            ) AS x (ord, what, value, month, low, high, allowed, months_text, in_season)
        ) AS s
        ORDER BY s.geography, s.ord
    ) AS sea_rows
    UNION ALL
    SELECT
        'sea lice: adult females per fish below 0.5',
        coalesce(round(100.0 * count(*) FILTER (WHERE per_fish < 0.5) / nullif(count(*), 0), 1) || ' % of counts',
            'n/a'),
        '≥ 75 % of counts (mostly 0.1 – 0.8, exceedances treated)',
        coalesce(count(*) FILTER (WHERE per_fish < 0.5) >= 0.75 * count(*), TRUE),
        format('%s counts, peak %s per fish', count(*), round(max(per_fish), 2))
    FROM lice
$$;

-- Event volumes per batch, scaled per unit of its history (container-days, fed or at sea,
-- sensor-days: the tiny profile has 2 containers per hall, the full one 10): each family's band
-- is in the registry (aquasql.event_family()), counted in its table with an assignment column;
-- then per-batch counts of the workflows, harvest events and scenarios its history implies.
CREATE OR REPLACE FUNCTION aquasql.verify_volumes()
RETURNS TABLE (name text, measured text, expected text, pass boolean, detail text)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    -- one count column per family with a band, and one band row per family
    counts text;
    bands text;
BEGIN
    SELECT
        string_agg(format('(SELECT count(*) FROM public.%I WHERE %s) AS %I',
            g.table_name, replace(g.rows_of_batches, '$1', 'ARRAY[b.batch_id]'), f.family), ', '
            ORDER BY f.ordinality),
        string_agg(format(
            'SELECT v.* FROM (SELECT array_agg(%I::numeric / nullif(%s, 0)) AS vals, array_agg(batch_number) AS labels'
            ' FROM counted WHERE %s) AS x CROSS JOIN LATERAL aquasql.verify_band(%L, x.vals, x.labels, %s, %s, %L, %s) AS v',
            f.family,
            CASE f.volume_unit
                WHEN 'sensor-day' THEN 'sensor_days' WHEN 'fed container-day' THEN 'fed_days'
                WHEN 'container-day' THEN 'container_days' WHEN 'sea container-day' THEN 'sea_days'
            END,
            coalesce(f.volume_applies, 'TRUE'),
            format('aquamind volume: %s per %s', f.family, f.volume_unit),
            f.volume_low, f.volume_high, f.volume_expected, f.volume_digits
        ), ' UNION ALL ' ORDER BY f.ordinality)
    INTO counts, bands
    FROM aquasql.event_family() WITH ORDINALITY AS f
    INNER JOIN aquasql.generated_table() AS g ON f.family = g.family AND g.assignment_column IS NOT NULL
    WHERE f.volume_unit IS NOT NULL AND to_regclass('public.' || g.table_name) IS NOT NULL;

    RETURN QUERY EXECUTE format($q$
    WITH b AS (SELECT * FROM aquasql.verify_batch()),

    sensors AS (
        SELECT container_id, count(*) AS n FROM infrastructure_sensor WHERE active GROUP BY container_id
    ),

    days AS (
        SELECT
            d.batch_id,
            count(*) AS container_days,
            count(*) FILTER (WHERE sp.fed) AS fed_days,
            count(DISTINCT d.date) FILTER (WHERE sp.fed) AS fed_dates,
            count(*) FILTER (WHERE sp.at_sea) AS sea_days,
            sum(coalesce(s.n, 0)) AS sensor_days,
            max(d.stage_order) AS last_stage,
            count(DISTINCT d.assignment_id) FILTER (WHERE sp.at_sea) AS rings
        FROM aquasql.verify_daily() AS d
        INNER JOIN aquasql.stage_parameter AS sp ON d.stage_order = sp.stage_order
        LEFT JOIN sensors AS s ON d.container_id = s.container_id
        GROUP BY d.batch_id
    ),

    counted AS MATERIALIZED (
        SELECT
            b.batch_id,
            b.batch_number,
            b.status,
            d.container_days,
            d.fed_days,
            d.fed_dates,
            d.sea_days,
            d.sensor_days,
            d.last_stage,
            d.rings,
            %s,
            (SELECT count(*) FROM batch_batchtransferworkflow AS w WHERE w.batch_id = b.batch_id) AS workflows,
            (SELECT count(*) FROM harvest_harvestevent AS h WHERE h.batch_id = b.batch_id) AS harvests,
            (SELECT count(*) FROM scenario AS sc WHERE sc.batch_id = b.batch_id) AS scenarios
        FROM b INNER JOIN days AS d ON b.batch_id = d.batch_id
    )

    %s
    UNION ALL
    SELECT v.* FROM aquasql.verify_zero(
        'aquamind volume: transfer workflows = stage transitions',
        (SELECT count(*) FROM counted WHERE workflows <> last_stage - 1),
        (SELECT count(*) FROM counted),
        'batches off',
        (SELECT string_agg(format('%%s: %%s, expected %%s', batch_number, workflows, last_stage - 1), ', ')
            FROM counted WHERE workflows <> last_stage - 1)
    ) AS v
    UNION ALL
    SELECT v.* FROM aquasql.verify_zero(
        'aquamind volume: harvest events = sea rings of harvested batches',
        (SELECT count(*) FROM counted WHERE status = 'COMPLETED' AND harvests <> rings),
        (SELECT count(*) FROM counted WHERE status = 'COMPLETED'),
        'harvested batches off'
    ) AS v
    UNION ALL
    SELECT v.* FROM aquasql.verify_zero(
        'aquamind volume: scenarios (one from Parr, one at sea transfer)',
        (SELECT count(*) FROM counted AS c WHERE c.scenarios
            <> (SELECT count(*) FROM aquasql.scenario_kinds() AS k WHERE k.stage_order <= c.last_stage)),
        (SELECT count(*) FROM counted),
        'batches off'
    ) AS v
    $q$, counts, bands);
END
$$;

-- All checks. Raises when there is no generated data to check.
CREATE OR REPLACE FUNCTION aquasql.verify()
RETURNS TABLE (name text, measured text, expected text, pass boolean, detail text)
LANGUAGE plpgsql STABLE
AS $$
BEGIN
    IF to_regclass('aquasql.plan_batch') IS NULL OR NOT EXISTS (
        SELECT 1 FROM aquasql.plan_batch AS p INNER JOIN batch_batch AS b ON p.batch_id = b.id
    ) THEN
        RAISE EXCEPTION 'no generated data to verify: aquasql.plan_batch names no batch in batch_batch'
            USING ERRCODE = 'no_data_found', HINT = 'generate it first: aquasql seed';
    END IF;
    RETURN QUERY SELECT * FROM aquasql.verify_biology();
    RETURN QUERY SELECT * FROM aquasql.verify_schedule();
    RETURN QUERY SELECT * FROM aquasql.verify_integrity();
    RETURN QUERY SELECT * FROM aquasql.verify_links();
    RETURN QUERY SELECT * FROM aquasql.verify_environment();
    RETURN QUERY SELECT * FROM aquasql.verify_volumes();
END
$$;

COMMENT ON FUNCTION aquasql.verify() IS
'Quality checks over the generated batches (domain reference section 8 and AquaMind''s own checks, '
'scaled to the batch): one row per check with the measured value, expected band and pass.';
COMMENT ON FUNCTION aquasql.verify_band(text, numeric[], text[], numeric, numeric, text, integer, text) IS
'One verify row for a set of per-batch values: their range, pass when every value lies in [low, high].';
COMMENT ON FUNCTION aquasql.verify_zero(text, bigint, bigint, text, text) IS
'One verify row for a count of violations: pass when it is zero.';
