-- Feed stock: purchases, FIFO lots in silos and barges, and the cost of every feeding.
--
-- Silos and barges are shared by consecutive batches over the years, so the stock cannot be
-- generated per batch partition: aquasql.generate_feed_inventory() runs once over ALL feeding
-- events, after every partition's feeding is written, and rewrites purchases, lots and
-- feed_cost from scratch.
--
-- Choices (domain reference section 5, "Feeding"):
-- * A feed container keeps every feed type as its own stock: the capacity, the 20 % reorder
--   point and the 80 % order apply per (feed container, feed type), so the reorder rule of one
--   feed type never depends on another's.
-- * The rule watches the stock position (on hand + ordered, not yet delivered), as reorder
--   points do: order k (k = 1, 2, ...) is placed on the first day the cumulative consumption
--   C(t) makes the position k·Q - C(t) fall below R (Q = 80 %, R = 20 % of capacity; the
--   initial fill is order 0 of Q kg). That is one pass over the running sum of consumption,
--   no loop: orders placed by the end of day t = ceil((C(t) + R) / Q) - 1.
-- * An order arrives 3 days after it is placed, or earlier when the stock on hand would
--   otherwise not cover the day (an emergency delivery at the start of the day the first k lots
--   run out: C(t) > k·Q). At peak sea feeding 3 days of a barge's consumption exceed 20 % of
--   its capacity (and in the post-smolt hall a silo's), so without this stock would go negative.
--   Stock on hand at the end of a day stays below the capacity (position < R + Q).
-- * Lots enter at 06:00, before the first meal; several lots arriving on one day enter 5
--   minutes apart, in order. The initial lot arrives on the first day of consumption (ordered
--   3 days before). Orders still in transit at the run date are not written (their lot would
--   enter after the run date).
-- * Freshwater containers draw from their hall's silo ('{hall name}-Silo'); sea rings from one
--   barge of their area: ring rank (by name) modulo the number of barges.

-- Which feed container serves each container.
CREATE OR REPLACE FUNCTION aquasql.feed_container_of()
RETURNS TABLE (container_id bigint, feed_container_id bigint)
LANGUAGE sql STABLE
AS $$
    SELECT c.id, f.id
    FROM infrastructure_container AS c
    INNER JOIN infrastructure_hall AS h ON c.hall_id = h.id
    INNER JOIN infrastructure_feedcontainer AS f ON h.id = f.hall_id AND f.name = h.name || '-Silo'
    UNION ALL
    SELECT r.id, b.id
    FROM (
        SELECT c.id, c.area_id, row_number() OVER (PARTITION BY c.area_id ORDER BY c.name, c.id) - 1 AS ring_rank
        FROM infrastructure_container AS c
        WHERE c.area_id IS NOT NULL
    ) AS r
    INNER JOIN (
        SELECT
            f.id,
            f.area_id,
            row_number() OVER (PARTITION BY f.area_id ORDER BY f.name, f.id) - 1 AS barge_rank,
            count(*) OVER (PARTITION BY f.area_id) AS barges
        FROM infrastructure_feedcontainer AS f
        WHERE f.area_id IS NOT NULL AND f.container_type = 'BARGE'
    ) AS b ON r.area_id = b.area_id AND r.ring_rank % b.barges = b.barge_rank
$$;

COMMENT ON FUNCTION aquasql.feed_container_of() IS
'The feed container (silo or barge) each container is fed from: the hall''s silo ''{hall name}-Silo'' for '
'freshwater containers; for sea rings the area''s barge of rank (ring rank by name) modulo the barge count.';

-- Price per kg of a feed in a year: finer feeds dearer (base 2.50 for 0.5 mm down to 1.35 for
-- 6 mm), +3 % a year, a seeded market deviation per year shared by all feeds and a small one
-- per feed and year (within +-1.5 %, less than half the gap between neighbouring feeds, so
-- finer feeds stay dearer), kept within 1.20-2.50.
CREATE OR REPLACE FUNCTION aquasql.feed_price(p_seed bigint, p_pellet_size_mm numeric, p_year integer)
RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT round(least(2.5, greatest(1.2,
        (1.25 + 1.25 * exp(-(coalesce(p_pellet_size_mm, 3) - 0.5) / 2.2))
        * (1 + 0.03 * (p_year - 2024))
        * (1 + aquasql.rand_normal(p_seed, aquasql.stream('feed_cost'), p_year, 0, 0, 0, 0.03))
        * (1 + 0.03 * (aquasql.rand_uniform(
            p_seed, aquasql.stream('feed_cost'), p_year, round(coalesce(p_pellet_size_mm, 3) * 10)::bigint, 1
        ) - 0.5))
    ))::numeric, 2)
$$;

COMMENT ON FUNCTION aquasql.feed_price(bigint, numeric, integer) IS
'Seeded cost per kg of the feed with this pellet size in this year (1.20-2.50; finer feeds dearer, +3 % a year).';

-- The FIFO allocation of every feeding to lots, recomputed from the stored rows: per (feed
-- container, feed) the feedings, ordered by time, fill the kg axis one after another, and so do
-- the lots (original size = the purchase's quantity), ordered by entry date. Merging the
-- boundaries of both gives segments that each lie in exactly one feeding and one lot.
CREATE OR REPLACE FUNCTION aquasql.feed_draws()
RETURNS TABLE (
    feeding_event_id bigint,
    stock_id bigint,
    feed_container_id bigint,
    feed_id bigint,
    drawn_at timestamp,
    kg numeric,
    cost_per_kg numeric
)
LANGUAGE sql STABLE
AS $$
    WITH points AS (
        -- kind 0: the end of a feeding on the kg axis, kind 1: the end of a lot
        SELECT
            m.feed_container_id,
            e.feed_id,
            sum(e.amount_kg) OVER w AS pos,
            0 AS kind,
            row_number() OVER w AS n,
            e.id AS event_id,
            e.feeding_date + e.feeding_time AS drawn_at,
            NULL::bigint AS stock_id,
            NULL::numeric AS cost_per_kg
        FROM inventory_feedingevent AS e
        INNER JOIN aquasql.feed_container_of() AS m ON e.container_id = m.container_id
        WINDOW w AS (PARTITION BY m.feed_container_id, e.feed_id ORDER BY e.feeding_date, e.feeding_time, e.id)
        UNION ALL
        SELECT
            s.feed_container_id,
            p.feed_id,
            sum(p.quantity_kg) OVER w,
            1,
            row_number() OVER w,
            NULL,
            NULL,
            s.id,
            p.cost_per_kg
        FROM inventory_feedcontainerstock AS s
        INNER JOIN inventory_feedpurchase AS p ON s.feed_purchase_id = p.id
        WINDOW w AS (PARTITION BY s.feed_container_id, p.feed_id ORDER BY s.entry_date, s.id)
    ),

    segments AS (
        -- the segment ending at a point belongs to the first feeding and the first lot whose
        -- end is at or after it (at equal ends the feeding's point comes first): number them
        SELECT
            points.*,
            pos - coalesce(lag(pos) OVER w, 0) AS kg,
            count(*) FILTER (WHERE kind = 0) OVER w - (kind = 0)::integer + 1 AS event_n,
            count(*) FILTER (WHERE kind = 1) OVER w - (kind = 1)::integer + 1 AS lot_n
        FROM points
        WINDOW w AS (PARTITION BY feed_container_id, feed_id ORDER BY pos, kind, n ROWS UNBOUNDED PRECEDING)
    ),

    owned AS (
        -- a feeding's or a lot's own point leads its group: take the owner's columns from it
        SELECT
            feed_container_id,
            feed_id,
            kg,
            first_value(event_id) OVER (PARTITION BY feed_container_id, feed_id, event_n ORDER BY kind) AS event_id,
            first_value(drawn_at) OVER (PARTITION BY feed_container_id, feed_id, event_n ORDER BY kind) AS drawn_at,
            first_value(stock_id) OVER (
                PARTITION BY feed_container_id, feed_id, lot_n ORDER BY kind DESC
            ) AS stock_id,
            first_value(cost_per_kg) OVER (
                PARTITION BY feed_container_id, feed_id, lot_n ORDER BY kind DESC
            ) AS cost_per_kg
        FROM segments
    )

    -- a feeding beyond all lots (stock would be negative) comes back with stock_id NULL
    SELECT event_id, stock_id, feed_container_id, feed_id, drawn_at, kg, cost_per_kg
    FROM owned
    WHERE kg > 0 AND event_id IS NOT NULL
$$;

COMMENT ON FUNCTION aquasql.feed_draws() IS
'FIFO allocation of every feeding event to the lots of its feed container and feed, from the stored rows '
'(lot size = its purchase''s quantity_kg, order = entry_date, id; feedings by date, time, id): one row per '
'(feeding, lot) with the kg drawn and the lot''s cost per kg; stock_id NULL if the lots do not cover a feeding.';

CREATE OR REPLACE FUNCTION aquasql.generate_feed_inventory(p_batches bigint[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    seed bigint := aquasql.run_seed();
    run_date date := (SELECT as_of FROM aquasql.run_setting);
    lead_days constant integer := 3;
    purchases bigint;
    lots bigint;
    unfed bigint;
    uncovered bigint;
BEGIN
    IF p_batches IS NOT NULL AND NOT aquasql.plan_batches() <@ p_batches THEN
        RAISE EXCEPTION 'the feed inventory spans all batches and cannot be generated for a subset'
            USING ERRCODE = 'invalid_parameter_value',
            HINT = 'call aquasql.generate_feed_inventory() once, after every batch''s feeding is written';
    END IF;

    SELECT count(*) INTO unfed
    FROM inventory_feedingevent AS e
    WHERE NOT EXISTS (SELECT 1 FROM aquasql.feed_container_of() AS m WHERE m.container_id = e.container_id);
    IF unfed > 0 THEN
        RAISE EXCEPTION '% feeding events are in containers without a silo or barge', unfed
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;

    TRUNCATE inventory_feedcontainerstock, inventory_feedpurchase;

    -- working tables of this call (a second call in the same transaction replaces them)
    IF to_regclass('pg_temp.feed_inventory_order') IS NOT NULL THEN
        DROP TABLE pg_temp.feed_inventory_order;
    END IF;
    IF to_regclass('pg_temp.feed_inventory_draw') IS NOT NULL THEN
        DROP TABLE pg_temp.feed_inventory_draw;
    END IF;

    CREATE TEMP TABLE feed_inventory_order ON COMMIT DROP AS
    WITH consumption AS (
        SELECT m.feed_container_id, e.feed_id, e.feeding_date AS day, sum(e.amount_kg) AS kg
        FROM inventory_feedingevent AS e
        INNER JOIN aquasql.feed_container_of() AS m ON e.container_id = m.container_id
        GROUP BY m.feed_container_id, e.feed_id, e.feeding_date
    ),

    running AS (
        -- in units of 0.0001 kg, so that the order counts are exact integer arithmetic
        SELECT
            c.feed_container_id,
            c.feed_id,
            c.day,
            (round(f.capacity_kg * 0.8, 2) * 10000)::bigint AS q4,
            (f.capacity_kg * 0.2 * 10000)::bigint AS r4,
            (sum(c.kg) OVER w * 10000)::bigint AS c4,
            min(c.day) OVER (PARTITION BY c.feed_container_id, c.feed_id) AS first_day
        FROM consumption AS c
        INNER JOIN infrastructure_feedcontainer AS f ON c.feed_container_id = f.id
        WINDOW w AS (PARTITION BY c.feed_container_id, c.feed_id ORDER BY c.day)
    ),

    counted AS (
        -- placed: orders k >= 1 with k·Q - C < R, i.e. placed by the end of the day;
        -- needed: orders k >= 1 with C > k·Q, i.e. that must be in before the day's first meal
        SELECT
            running.*,
            (c4 + r4 - 1) / q4 AS placed,
            (c4 - 1) / q4 AS needed
        FROM running
    ),

    counted_prev AS (
        SELECT
            counted.*,
            lag(placed, 1, 0::bigint) OVER w AS placed_before,
            lag(needed, 1, 0::bigint) OVER w AS needed_before
        FROM counted
        WINDOW w AS (PARTITION BY feed_container_id, feed_id ORDER BY day)
    ),

    placed AS (
        SELECT c.feed_container_id, c.feed_id, c.q4, k.k, c.day AS order_day
        FROM counted_prev AS c
        CROSS JOIN LATERAL generate_series(c.placed_before + 1, c.placed) AS k (k)
        UNION ALL
        -- the initial fill, ordered so that it arrives on the first day of consumption
        SELECT c.feed_container_id, c.feed_id, c.q4, 0, c.first_day - lead_days
        FROM counted_prev AS c
        WHERE c.day = c.first_day
    ),

    needed AS (
        SELECT c.feed_container_id, c.feed_id, k.k, c.day AS need_day
        FROM counted_prev AS c
        CROSS JOIN LATERAL generate_series(c.needed_before + 1, c.needed) AS k (k)
    ),

    orders AS (
        SELECT
            p.feed_container_id,
            p.feed_id,
            p.k,
            p.order_day,
            p.q4::numeric / 10000 AS quantity_kg,
            least(p.order_day + lead_days, n.need_day) AS delivery_day,
            fd.pellet_size_mm
        FROM placed AS p
        INNER JOIN inventory_feed AS fd ON p.feed_id = fd.id
        LEFT JOIN needed AS n ON p.feed_container_id = n.feed_container_id AND p.feed_id = n.feed_id AND p.k = n.k
    )

    SELECT
        row_number() OVER (ORDER BY o.feed_container_id, o.feed_id, o.k) AS id,
        o.*,
        (o.delivery_day + time '06:00' + least(23, row_number() OVER (
            PARTITION BY o.feed_container_id, o.feed_id, o.delivery_day ORDER BY o.k
        ) - 1) * interval '5 minutes')::timestamptz AS entry_date,
        (ARRAY['BioMar', 'Skretting', 'Cargill'])[aquasql.rand_choice(
            seed, aquasql.stream('feed_purchase'), o.feed_container_id, o.feed_id, o.k, ARRAY[0.45, 0.35, 0.20]
        )] AS supplier,
        aquasql.feed_price(seed, o.pellet_size_mm, extract(YEAR FROM o.order_day)::integer) AS cost_per_kg
    FROM orders AS o;

    INSERT INTO inventory_feedpurchase (
        id, feed_id, purchase_date, quantity_kg, cost_per_kg, supplier, batch_number, expiry_date, notes,
        created_at, updated_at
    )
    SELECT
        o.id,
        o.feed_id,
        o.order_day,
        o.quantity_kg,
        o.cost_per_kg,
        o.supplier,
        format('%s-%s-%s', upper(left(o.supplier, 3)), to_char(o.order_day, 'YYYYMMDD'), lpad(o.id::text, 6, '0')),
        (o.order_day + interval '12 months')::date,
        '',
        (o.order_day + time '09:00')::timestamptz,
        (o.order_day + time '09:00')::timestamptz
    FROM pg_temp.feed_inventory_order AS o
    WHERE o.delivery_day <= run_date;
    GET DIAGNOSTICS purchases = ROW_COUNT;

    -- Lots start full; the draws below bring them to what remains at the run date.
    INSERT INTO inventory_feedcontainerstock (
        id, feed_container_id, feed_purchase_id, quantity_kg, entry_date, created_at, updated_at
    )
    SELECT o.id, o.feed_container_id, o.id, o.quantity_kg, o.entry_date, o.entry_date, o.entry_date
    FROM pg_temp.feed_inventory_order AS o
    WHERE o.delivery_day <= run_date;
    GET DIAGNOSTICS lots = ROW_COUNT;

    CREATE TEMP TABLE feed_inventory_draw ON COMMIT DROP AS
    SELECT * FROM aquasql.feed_draws();

    SELECT count(*) INTO uncovered FROM pg_temp.feed_inventory_draw WHERE stock_id IS NULL;
    IF uncovered > 0 THEN
        RAISE EXCEPTION 'feed stock does not cover % feeding draws', uncovered
            USING ERRCODE = 'internal_error';
    END IF;

    UPDATE inventory_feedingevent AS e SET feed_cost = c.feed_cost
    FROM (
        SELECT d.feeding_event_id, round(sum(d.kg * d.cost_per_kg), 2) AS feed_cost
        FROM pg_temp.feed_inventory_draw AS d
        GROUP BY d.feeding_event_id
    ) AS c
    WHERE e.id = c.feeding_event_id AND e.feed_cost IS DISTINCT FROM c.feed_cost;

    -- Remaining quantity at the run date, last touched by the last feeding that drew from it.
    UPDATE inventory_feedcontainerstock AS s SET
        quantity_kg = s.quantity_kg - d.kg,
        updated_at = d.last_drawn_at::timestamptz
    FROM (
        SELECT stock_id, sum(kg) AS kg, max(drawn_at) AS last_drawn_at
        FROM pg_temp.feed_inventory_draw
        GROUP BY stock_id
    ) AS d
    WHERE s.id = d.stock_id;

    PERFORM aquasql.sync_identity('inventory_feedpurchase');
    PERFORM aquasql.sync_identity('inventory_feedcontainerstock');
    RETURN purchases + lots;
END
$$;

COMMENT ON FUNCTION aquasql.generate_feed_inventory(bigint[]) IS
'Feed purchases, FIFO lots (inventory_feedcontainerstock, quantity_kg = remaining at the run date) and every '
'feeding''s feed_cost, over ALL feeding events at once: silos and barges are shared by consecutive batches, so '
'run it once after every partition''s feeding is written (p_batches must be NULL or cover every planned batch). '
'Idempotent: purchases and lots are rewritten. Per (feed container, feed): initial fill of 80 % of capacity, then '
'an 80 % order whenever the stock position falls below 20 %, arriving 3 days later or earlier if the stock on hand '
'would not cover a day. Returns the purchase and lot rows written.';
