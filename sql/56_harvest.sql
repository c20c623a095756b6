-- Harvest: when a completed batch leaves the sea, one harvest event per ring, one lot per
-- product grade and one finance fact per lot (shared/domain.md section 5, Harvest). The
-- planner has already ended the sea assignments and completed the batch; this only writes
-- what was harvested.

-- The product grades: share of the fish and live-weight factor (relative to the mean).
CREATE OR REPLACE FUNCTION aquasql.harvest_grades()
RETURNS TABLE (slot integer, code text, share double precision, weight_factor double precision)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT g.slot, g.code, g.share, g.weight_factor FROM aquasql.harvest_grade AS g ORDER BY g.slot
$$;

COMMENT ON FUNCTION aquasql.harvest_grades() IS
'Harvest product grades with the share of fish (sums to 1) and the live-weight factor relative to the '
'mean weight; slot is the last digit of the lot id.';

-- The grade shares of a harvest, moved along the grade scale by p_shift (an ordered-logit
-- shift: each cumulative share from the top, SUPERIOR, GRADE_A, ..., moves by p_shift on the
-- logit scale). 0 gives harvest_grades()' shares; bigger, well-conditioned fish have a positive
-- shift (more of the upper grades), small or lean ones a negative one.
CREATE OR REPLACE FUNCTION aquasql.harvest_grade_shares(p_shift double precision)
RETURNS TABLE (slot integer, code text, share double precision, weight_factor double precision)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT
        c.slot,
        c.code,
        c.upper - coalesce(lag(c.upper) OVER (ORDER BY c.slot), 0),
        c.weight_factor
    FROM (
        SELECT
            g.slot,
            g.code,
            g.weight_factor,
            CASE
                WHEN g.cum >= 1 - 1e-9 THEN 1.0
                ELSE 1 / (1 + exp(-(ln(g.cum / (1 - g.cum)) + p_shift)))
            END AS upper
        FROM (SELECT h.*, sum(h.share) OVER (ORDER BY h.slot) AS cum FROM aquasql.harvest_grades() AS h) AS g
    ) AS c
$$;

COMMENT ON FUNCTION aquasql.harvest_grade_shares(double precision) IS
'The harvest grades with their share of fish moved by an ordered-logit shift (0: harvest_grades()); '
'a positive shift moves fish into the upper grades. Shares sum to 1.';

CREATE OR REPLACE FUNCTION aquasql.generate_harvest(p_batches bigint[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    batches bigint[] := aquasql.plan_batches(p_batches);
    seed bigint := aquasql.run_seed();
    -- a ring's fish leave for the wellboat at this time on the day after its last day
    leaves_at interval := aquasql.param_time('harvest_event_hour');
    -- log-normal spread of the grade shares from ring to ring
    share_sd double precision := aquasql.param('harvest_grade_share_sd');
    -- what moves the grade shares and yields: the fish's weight and condition
    reference_g double precision := aquasql.param('harvest_reference_weight_g');
    condition_sd double precision := aquasql.param('harvest_condition_sd');
    weight_logit double precision := aquasql.param('harvest_grade_weight_logit');
    condition_logit double precision := aquasql.param('harvest_grade_condition_logit');
    -- gutted and fillet yields of the live weight: at the reference weight and condition, per
    -- unit of ln(lot weight / reference) and of condition factor, spread per lot, and the band
    gutted_yield double precision := aquasql.param('harvest_gutted_yield');
    gutted_weight double precision := aquasql.param('harvest_gutted_yield_weight');
    gutted_condition double precision := aquasql.param('harvest_gutted_yield_condition');
    gutted_sd double precision := aquasql.param('harvest_gutted_yield_sd');
    gutted_min double precision := aquasql.param('harvest_gutted_yield_min');
    gutted_max double precision := aquasql.param('harvest_gutted_yield_max');
    fillet_yield double precision := aquasql.param('harvest_fillet_yield');
    fillet_weight double precision := aquasql.param('harvest_fillet_yield_weight');
    fillet_condition double precision := aquasql.param('harvest_fillet_yield_condition');
    fillet_sd double precision := aquasql.param('harvest_fillet_yield_sd');
    fillet_min double precision := aquasql.param('harvest_fillet_yield_min');
    fillet_max double precision := aquasql.param('harvest_fillet_yield_max');
    events bigint;
    lots bigint;
    facts bigint;
BEGIN
    -- Regenerating replaces the harvest of these batches only.
    DELETE FROM finance_factharvest AS f
    USING harvest_harvestevent AS e
    WHERE f.event_id = e.id AND e.batch_id = ANY(batches);
    DELETE FROM harvest_harvestlot AS l
    USING harvest_harvestevent AS e
    WHERE l.event_id = e.id AND e.batch_id = ANY(batches);
    DELETE FROM harvest_harvestevent WHERE batch_id = ANY(batches);

    -- One event per sea ring harvested within the history, on the day the ring left (the
    -- planner spreads a site's rings over weeks at the wellboat's capacity), at harvest_event_hour
    -- (06:00 UTC).
    INSERT INTO harvest_harvestevent (
        id, event_date, batch_id, assignment_id, dest_geography_id, dest_subsidiary, document_ref,
        created_at, updated_at
    )
    SELECT
        l.assignment_id,
        t.event_date,
        l.batch_id,
        l.assignment_id,
        p.geography_id,
        'FM',
        format('HRV-%s-%s', b.batch_number,
            coalesce(substring(c.name FROM 'Ring-([0-9]+)$'), lpad(l.container_rank::text, 2, '0'))),
        t.event_date,
        t.event_date
    FROM aquasql.assignment_life AS l
    INNER JOIN aquasql.plan_batch AS p ON l.batch_id = p.batch_id
    INNER JOIN batch_batch AS b ON l.batch_id = b.id
    INNER JOIN infrastructure_container AS c ON l.container_id = c.id
    CROSS JOIN LATERAL (SELECT (l.last_day + 1 + leaves_at) AT TIME ZONE 'UTC' AS event_date) AS t
    WHERE l.batch_id = ANY(batches)
        AND l.stage_order IN (SELECT s.stage_order FROM aquasql.stage_parameter AS s WHERE s.at_sea)
        AND l.departed
        AND l.end_population IS NOT NULL;
    GET DIAGNOSTICS events = ROW_COUNT;

    -- Lots: the ring's fish split over the grades by largest remainder (so the units add up
    -- to the fish harvested exactly). The shares move with the fish: heavier fish (the ring's
    -- mean weight on its last day against the reference) and a ring in better condition (its
    -- Fulton's K above what fish of that weight usually have, a draw per ring) put more fish in
    -- the upper grades; they also vary a little from ring to ring. The weight factors are
    -- rescaled per event so that the lots' live weight adds up to fish × the ring's mean
    -- weight. Gutted and fillet yields rise with the lot's fish weight and the ring's
    -- condition, with a draw per lot, kept within their bands.
    INSERT INTO harvest_harvestlot (
        id, event_id, product_grade_id, live_weight_kg, gutted_weight_kg, fillet_weight_kg,
        unit_count, created_at, updated_at
    )
    WITH fish AS (
        SELECT
            e.id AS event_id,
            e.event_date,
            l.end_population AS harvested,
            -- the ring's own mean weight on its last day
            d.weight_g * aquasql.container_weight_factor(
                seed, l.batch_id, l.container_id, l.stage_order, l.last_day - l.first_day
            )
                AS mean_weight_g,
            condition_sd * aquasql.rand_normal(seed, aquasql.stream('harvest_condition'), e.id, 0) AS condition
        FROM harvest_harvestevent AS e
        INNER JOIN aquasql.assignment_life AS l ON e.assignment_id = l.assignment_id
        INNER JOIN aquasql.batch_day AS d ON l.batch_id = d.batch_id AND l.last_day = d.date
        WHERE e.batch_id = ANY(batches)
    ),

    drawn AS (
        SELECT
            fish.*,
            g.slot,
            g.code,
            g.weight_factor,
            g.share * exp(share_sd * aquasql.rand_normal(
                seed, aquasql.stream('harvest_grade_share'), fish.event_id, g.slot
            )) AS raw_share
        FROM fish
        CROSS JOIN LATERAL aquasql.harvest_grade_shares(
            weight_logit * ln(fish.mean_weight_g / reference_g) + condition_logit * fish.condition
        ) AS g
    ),

    ideal AS (
        SELECT
            drawn.*,
            drawn.harvested * drawn.raw_share / sum(drawn.raw_share) OVER (PARTITION BY drawn.event_id) AS exact
        FROM drawn
    ),

    remainder AS (
        SELECT
            ideal.*,
            floor(ideal.exact)::integer AS base,
            ideal.harvested - sum(floor(ideal.exact)) OVER (PARTITION BY ideal.event_id) AS left_over,
            row_number() OVER (
                PARTITION BY ideal.event_id ORDER BY ideal.exact - floor(ideal.exact) DESC, ideal.slot
            ) AS remainder_rank
        FROM ideal
    ),

    units AS (
        SELECT
            remainder.*,
            remainder.base + CASE WHEN remainder.remainder_rank <= remainder.left_over THEN 1 ELSE 0 END
                AS unit_count
        FROM remainder
    ),

    weighed AS (
        SELECT
            units.*,
            round((
                units.unit_count * units.mean_weight_g / 1000 * units.weight_factor * units.harvested
                / nullif(sum(units.unit_count * units.weight_factor) OVER (PARTITION BY units.event_id), 0)
            )::numeric, 3) AS live_weight_kg,
            -- ln(mean weight of the lot's fish / reference weight)
            ln(units.mean_weight_g * units.weight_factor * units.harvested
                / nullif(sum(units.unit_count * units.weight_factor) OVER (PARTITION BY units.event_id), 0)
                / reference_g) AS size
        FROM units
    ),

    yielded AS (
        SELECT
            w.*,
            least(gutted_max, greatest(gutted_min,
                gutted_yield + gutted_weight * coalesce(w.size, 0) + gutted_condition * w.condition
                + gutted_sd * aquasql.rand_normal(seed, aquasql.stream('harvest_gutted_yield'), w.event_id, w.slot)
            ))::numeric AS gutted,
            least(fillet_max, greatest(fillet_min,
                fillet_yield + fillet_weight * coalesce(w.size, 0) + fillet_condition * w.condition
                + fillet_sd * aquasql.rand_normal(seed, aquasql.stream('harvest_fillet_yield'), w.event_id, w.slot)
            ))::numeric AS fillet
        FROM weighed AS w
    )

    SELECT
        y.event_id * 10 + y.slot,
        y.event_id,
        pg.id,
        coalesce(y.live_weight_kg, 0),
        round(coalesce(y.live_weight_kg, 0) * y.gutted, 3),
        round(coalesce(y.live_weight_kg, 0) * y.fillet, 3),
        y.unit_count,
        y.event_date,
        y.event_date
    FROM yielded AS y
    INNER JOIN harvest_productgrade AS pg ON y.code = pg.code;
    GET DIAGNOSTICS lots = ROW_COUNT;

    -- One finance fact per lot, booked to the geography's farming company and the sea area.
    INSERT INTO finance_factharvest (
        fact_id, event_id, lot_id, event_date, quantity_kg, unit_count, product_grade_id,
        dim_company_id, dim_site_id, dim_batch_id, created_at, updated_at
    )
    SELECT
        l.id,
        e.id,
        l.id,
        e.event_date,
        l.live_weight_kg,
        l.unit_count,
        l.product_grade_id,
        co.company_id,
        si.site_id,
        e.batch_id::integer,
        e.event_date,
        e.event_date
    FROM harvest_harvestlot AS l
    INNER JOIN harvest_harvestevent AS e ON l.event_id = e.id
    INNER JOIN batch_batchcontainerassignment AS a ON e.assignment_id = a.id
    INNER JOIN infrastructure_container AS c ON a.container_id = c.id
    INNER JOIN finance_dimcompany AS co ON e.dest_geography_id = co.geography_id AND co.subsidiary = 'FM'
    INNER JOIN finance_dimsite AS si ON si.source_model = 'area' AND c.area_id = si.source_pk
    WHERE e.batch_id = ANY(batches);
    GET DIAGNOSTICS facts = ROW_COUNT;

    PERFORM aquasql.sync_identity('harvest_harvestevent');
    PERFORM aquasql.sync_identity('harvest_harvestlot');
    PERFORM aquasql.sync_identity('finance_factharvest', 'fact_id');
    RETURN events + lots + facts;
END
$$;

COMMENT ON FUNCTION aquasql.generate_harvest(bigint[]) IS
'Harvest of the given batches (default: all planned) that left the sea by the run date: one event per '
'sea ring (id = assignment id), one lot per product grade (id = event id × 10 + grade slot; shares moved '
'by the fish''s weight and the ring''s condition, aquasql.harvest_grade_shares; gutted and fillet yields per '
'lot from weight, condition and a draw) and one finance fact per lot (fact id = lot id). Replaces earlier '
'harvest rows of those batches; returns the rows written.';
