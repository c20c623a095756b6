-- Feed stock: purchases, FIFO lots in silos and barges, and the cost of every feeding.
--
-- Silos and barges are shared by consecutive batches over the years, so the stock cannot be
-- generated per batch partition: aquasql.generate_feed_inventory() runs once over ALL feeding
-- events, after every partition's feeding is written, and rewrites purchases, lots and
-- feed_cost from scratch.
--
-- Choices (domain reference section 5, "Feeding"; issue 9, "limits a farm keeps"):
-- * A feed container is one store: all its feed types share its capacity, and the reorder
--   rule watches the container's total stock. Per feed container, consumption is cut into
--   campaigns (a gap of more than feed_campaign_gap_days without feeding ends one: the batch
--   has left the hall or area) and each campaign into ordering periods of at most
--   feed_shelf_life_days - feed_lead_days days.
-- * Within a period the rule watches the stock position (on hand + ordered, not yet
--   delivered), as reorder points do: order k (k = 1, 2, ...) is placed on the first day the
--   period's cumulative consumption C(t) makes the position k·Q - C(t) fall below R (Q =
--   feed_order_share, R = feed_reorder_share of the capacity; the period's first fill is order
--   0, ordered feed_lead_days before the first day). One pass over the running sum, no loop:
--   orders placed by the end of day t = ceil((C(t) + R) / Q) - 1.
-- * Order k is needed on the first day C(t) > k·Q and feeds whole days, every feed type of
--   those days, until order k + 1 is needed: the farm orders from its feed plan, so an order
--   holds one purchase (and lot) per feed type it will feed, of exactly what it will feed. The
--   last order of a period is only what the period still needs, so every lot is used up
--   within its period, before it expires (expiry = purchase date + feed_shelf_life_days):
--   no feed is fed past its expiry date and none is written off. In the period still running
--   at the run date, the lot in use is the full k·Q slice and an order already delivered is
--   Q: that stock, of the feed in use, is what the container holds at the run date.
-- * An order arrives feed_lead_days after it is placed, or earlier when the stock on hand
--   would otherwise not cover the day (an emergency delivery at the start of the day it is
--   needed). The stock on hand after a delivery stays below R + Q <= the capacity unless a
--   single day feeds more than R: generation fails then, naming the feed container.
-- * Lots enter at 06:00 (feed_lot_entry_hour), before the first meal; several lots arriving
--   at one feed container on one day enter 5 minutes apart, in order. Orders still in transit at the run date are
--   not written (their lot would enter after the run date).
-- * Supplier: one per feed container and year (a yearly contract); its price is a yearly
--   index (EUR/kg of a 4.5 mm finisher) x the supplier's premium x a seeded deviation per
--   supplier and year x the pellet-size factor (finer feeds dearer) x a small seeded
--   deviation per feed and year.
-- * Freshwater containers draw from their hall's silo ('{hall name}-Silo'); sea rings from one
--   barge of their area: ring rank (by name) modulo the number of barges.

-- Parameters: feed_* in sql/20_parameters_events.sql, suppliers in aquasql.feed_supplier.
-- Quantities are handled in cents (hundredths of a kg, * 100): whole numbers, summed exactly.

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

-- The feed suppliers and their shares of the contracts.
CREATE OR REPLACE FUNCTION aquasql.feed_suppliers()
RETURNS TABLE (supplier_no integer, supplier text, share double precision)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT f.supplier_no, f.supplier, f.contract_share FROM aquasql.feed_supplier AS f
$$;

COMMENT ON FUNCTION aquasql.feed_suppliers() IS
'The feed suppliers (number, name) and their shares of the yearly contracts of a silo or barge.';

-- The yearly feed price index: the parameter row of the year, else of the nearest year listed.
CREATE OR REPLACE FUNCTION aquasql.feed_price_index(p_year integer)
RETURNS double precision
LANGUAGE sql STABLE
AS $$
    SELECT m.value
    FROM aquasql.model_parameter AS m
    WHERE m.name ~ '^feed_price_eur_kg_[0-9]{4}$'
    ORDER BY abs(right(m.name, 4)::integer - p_year), right(m.name, 4)::integer DESC
    LIMIT 1
$$;

COMMENT ON FUNCTION aquasql.feed_price_index(integer) IS
'EUR/kg of the reference (finisher) feed in a year: model parameter feed_price_eur_kg_<year>, '
'else the nearest year''s.';

-- Price per kg of a feed from a supplier in a year: the year's index x the supplier's premium x
-- a seeded deviation per supplier and year x the pellet-size factor (finer feeds dearer: the
-- curve 1 + exp(-(size - feed_price_size_offset_mm) / feed_price_size_scale_mm) relative to
-- the reference size) x a small seeded deviation per feed and year (feed_price_feed_spread).
CREATE OR REPLACE FUNCTION aquasql.feed_price(
    p_seed bigint, p_supplier text, p_pellet_size_mm numeric, p_year integer
)
RETURNS numeric
LANGUAGE sql STABLE
AS $$
    SELECT round((
        aquasql.feed_price_index(p_year)
        * (1 + s.price_premium)
        * (1 + aquasql.rand_normal(
            p_seed, aquasql.stream('feed_supplier_price'), s.supplier_no, p_year, 0,
            0, aquasql.param('feed_supplier_price_sd')
        ))
        -- in numeric, as the pellet size is
        * (1 + exp(-(coalesce(p_pellet_size_mm, k.default_mm) - k.offset_mm::numeric) / k.scale_mm::numeric))
        / (1 + exp(-(aquasql.param('feed_price_reference_mm') - k.offset_mm) / k.scale_mm))
        * (1 + aquasql.param('feed_price_feed_spread') * (aquasql.rand_uniform(
            -- the key: the pellet size in tenths of a mm
            p_seed, aquasql.stream('feed_price_spread'), p_year,
            round(coalesce(p_pellet_size_mm, k.default_mm) * 10)::bigint, 1
        ) - 0.5))
    )::numeric, 2)
    FROM aquasql.feed_supplier AS s
    CROSS JOIN (
        SELECT
            aquasql.param('feed_price_default_pellet_mm')::numeric AS default_mm,
            aquasql.param('feed_price_size_offset_mm') AS offset_mm,
            aquasql.param('feed_price_size_scale_mm') AS scale_mm
    ) AS k
    WHERE s.supplier = p_supplier
$$;

COMMENT ON FUNCTION aquasql.feed_price(bigint, text, numeric, integer) IS
'Seeded cost per kg (EUR) of the feed with this pellet size from this supplier in this year: the yearly index '
'(feed_price_eur_kg_<year>) x (1 + the supplier''s premium) x a deviation per supplier and year x the pellet-size '
'factor (finer feeds dearer) x a deviation per feed and year within +-1.5 %. NULL for an unknown supplier.';

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

-- Step: refuse a subset of the batches, feed-stock parameters out of range and feedings without a feed container.
CREATE OR REPLACE FUNCTION aquasql.feed_inventory_check(p_batches bigint[])
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    lead_days integer := aquasql.param('feed_lead_days')::integer;
    period_days integer := (aquasql.param('feed_shelf_life_days') - aquasql.param('feed_lead_days'))::integer;
    gap_days integer := aquasql.param('feed_campaign_gap_days')::integer;
    order_share numeric := aquasql.param('feed_order_share')::numeric;
    reorder_share numeric := aquasql.param('feed_reorder_share')::numeric;
    unfed bigint;
BEGIN
    IF p_batches IS NOT NULL AND NOT aquasql.plan_batches() <@ p_batches THEN
        RAISE EXCEPTION 'the feed inventory spans all batches and cannot be generated for a subset'
            USING ERRCODE = 'invalid_parameter_value',
            HINT = 'call aquasql.generate_feed_inventory() once, after every batch''s feeding is written';
    END IF;

    IF NOT (reorder_share > 0 AND order_share > reorder_share AND order_share + reorder_share <= 1)
        OR lead_days < 0 OR period_days < 1 OR gap_days < 1 THEN
        RAISE EXCEPTION 'feed stock parameters out of range: feed_order_share %, feed_reorder_share %, '
            'feed_lead_days %, feed_shelf_life_days %, feed_campaign_gap_days %',
            order_share, reorder_share, lead_days, period_days + lead_days, gap_days
            USING ERRCODE = 'invalid_parameter_value',
            HINT = 'needed: 0 < reorder share < order share, order + reorder share <= 1, lead days >= 0, '
            || 'shelf life > lead days, campaign gap >= 1 (aquasql.model_parameter)';
    END IF;

    SELECT count(*) INTO unfed
    FROM inventory_feedingevent AS e
    WHERE NOT EXISTS (SELECT 1 FROM aquasql.feed_container_of() AS m WHERE m.container_id = e.container_id);
    IF unfed > 0 THEN
        RAISE EXCEPTION '% feeding events are in containers without a silo or barge', unfed
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
END
$$;

COMMENT ON FUNCTION aquasql.feed_inventory_check(bigint[]) IS
'Feed stock step: errors for a batch subset (the stock spans all batches), feed-stock parameters out of range '
'and feeding events in containers without a silo or barge.';

-- Step: remove the purchases and lots aquasql wrote; returns the id after which the new ones are numbered.
CREATE OR REPLACE FUNCTION aquasql.feed_inventory_clear()
RETURNS bigint
LANGUAGE plpgsql
AS $$
BEGIN
    IF aquasql.foreign_batch_count() > 0 THEN
        DELETE FROM inventory_feedcontainerstock AS s USING aquasql.generated_id_range AS r
        WHERE r.table_name = 'inventory_feedcontainerstock' AND s.id BETWEEN r.first_id AND r.last_id;
        DELETE FROM inventory_feedpurchase AS s USING aquasql.generated_id_range AS r
        WHERE r.table_name = 'inventory_feedpurchase' AND s.id BETWEEN r.first_id AND r.last_id;
    ELSE
        -- TRUNCATE refuses tables with deferred key checks pending (AquaMind's keys are deferred)
        SET CONSTRAINTS ALL IMMEDIATE;
        TRUNCATE inventory_feedcontainerstock, inventory_feedpurchase;
    END IF;
    -- purchase and lot ids start above any rows aquasql did not write
    RETURN greatest(aquasql.id_base('inventory_feedpurchase'), aquasql.id_base('inventory_feedcontainerstock'));
END
$$;

COMMENT ON FUNCTION aquasql.feed_inventory_clear() IS
'Feed stock step: deletes the generated purchases and lots (all of them when the database holds only '
'generated batches); returns the id base of the new rows, above any rows aquasql did not write.';

-- Step: each feed container's daily consumption, campaign, ordering period and orders placed and needed.
CREATE OR REPLACE FUNCTION aquasql.feed_inventory_days()
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    period_days integer := (aquasql.param('feed_shelf_life_days') - aquasql.param('feed_lead_days'))::integer;
    gap_days integer := aquasql.param('feed_campaign_gap_days')::integer;
    order_share numeric := aquasql.param('feed_order_share')::numeric;
    reorder_share numeric := aquasql.param('feed_reorder_share')::numeric;
BEGIN
    -- Consumption per feed container, feed and day, in cents (a day's feed of an assignment is
    -- whole cents, its two meals add up to it), with the container's ordering period and, over
    -- all feeds of the container, the running sum in the period and the orders placed and
    -- needed by the end of the day.
    IF to_regclass('pg_temp.feed_inventory_day') IS NOT NULL THEN
        DROP TABLE pg_temp.feed_inventory_day;
    END IF;
    CREATE TEMP TABLE pg_temp.feed_inventory_day ON COMMIT DROP AS
    WITH consumption AS (
        SELECT m.feed_container_id, e.feed_id, e.feeding_date AS day, sum(e.amount_kg) * 100 AS c2
        FROM inventory_feedingevent AS e
        INNER JOIN aquasql.feed_container_of() AS m ON e.container_id = m.container_id
        GROUP BY m.feed_container_id, e.feed_id, e.feeding_date
    ),

    daily AS (
        SELECT
            c.feed_container_id,
            c.day,
            sum(c.c2)::bigint AS day2,
            coalesce(c.day - lag(c.day) OVER (PARTITION BY c.feed_container_id ORDER BY c.day) > gap_days, TRUE)
                AS starts_campaign,
            bool_and(c.c2 = trunc(c.c2)) AS whole_cents
        FROM consumption AS c
        GROUP BY c.feed_container_id, c.day
    ),

    campaigns AS (
        SELECT
            d.*,
            sum(d.starts_campaign::integer) OVER (PARTITION BY d.feed_container_id ORDER BY d.day) AS campaign_no
        FROM daily AS d
    ),

    periods AS (
        SELECT
            c.*,
            (c.day - min(c.day) OVER (PARTITION BY c.feed_container_id, c.campaign_no)) / period_days AS period_no
        FROM campaigns AS c
    ),

    running AS (
        SELECT
            p.feed_container_id,
            p.day,
            p.day2,
            p.whole_cents,
            min(p.day) OVER w AS period_start,
            max(p.day) OVER w AS period_end,
            (sum(p.day2) OVER (w ORDER BY p.day))::bigint AS cum2,
            floor(f.capacity_kg * order_share * 100)::bigint AS q2,
            floor(f.capacity_kg * reorder_share * 100)::bigint AS r2
        FROM periods AS p
        INNER JOIN infrastructure_feedcontainer AS f ON p.feed_container_id = f.id
        WINDOW w AS (PARTITION BY p.feed_container_id, p.campaign_no, p.period_no)
    )

    SELECT
        r.*,
        -- needed: orders k >= 1 with C > k·Q (the day is fed from order `needed`);
        -- placed: orders k >= 1 with k·Q - C < R
        (r.cum2 - 1) / r.q2 AS needed,
        (r.cum2 + r.r2 - 1) / r.q2 AS placed
    FROM running AS r;

    IF EXISTS (SELECT 1 FROM pg_temp.feed_inventory_day WHERE NOT whole_cents OR q2 <= 0) THEN
        RAISE EXCEPTION 'feed stock needs whole cents of feed per container and day and feed containers that hold '
            'at least 0.01 kg'
            USING ERRCODE = 'internal_error';
    END IF;
END
$$;

COMMENT ON FUNCTION aquasql.feed_inventory_days() IS
'Feed stock step: creates pg_temp.feed_inventory_day, consumption per feed container and day in cents of a kg '
'with its ordering period, the running sum and the orders placed and needed by the end of the day.';

-- Step: the orders (one purchase and lot per feed type), with supplier, delivery, entry time and price.
CREATE OR REPLACE FUNCTION aquasql.feed_inventory_orders(p_id_from bigint)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    seed bigint := aquasql.run_seed();
    run_date date := (SELECT as_of FROM aquasql.run_setting);
    lead_days integer := aquasql.param('feed_lead_days')::integer;
    -- delivered lots enter before the first meal, several on one day a few minutes apart
    entry_at interval := aquasql.param_time('feed_lot_entry_hour');
    entry_spacing interval := aquasql.param('feed_lot_entry_spacing_minutes') * interval '1 minute';
    entry_max_steps integer := aquasql.param('feed_lot_entry_max_steps')::integer;
BEGIN
    IF to_regclass('pg_temp.feed_inventory_order') IS NOT NULL THEN
        DROP TABLE pg_temp.feed_inventory_order;
    END IF;
    CREATE TEMP TABLE pg_temp.feed_inventory_order ON COMMIT DROP AS
    WITH days AS (
        SELECT
            d.*,
            lag(d.placed, 1, 0::bigint) OVER (PARTITION BY d.feed_container_id, d.period_start ORDER BY d.day)
                AS placed_before
        FROM pg_temp.feed_inventory_day AS d
    ),

    periods AS (
        -- open: still running at the run date
        SELECT
            d.feed_container_id,
            d.period_start,
            d.period_end,
            d.q2,
            max(d.cum2) AS total2,
            max(d.needed) AS last_needed,
            d.period_end >= run_date AS open
        FROM days AS d
        GROUP BY d.feed_container_id, d.period_start, d.period_end, d.q2
    ),

    placed AS (
        SELECT d.feed_container_id, d.period_start, k.k, d.day AS order_day
        FROM days AS d
        CROSS JOIN LATERAL generate_series(d.placed_before + 1, d.placed) AS k (k)
        UNION ALL
        SELECT p.feed_container_id, p.period_start, 0, p.period_start - lead_days
        FROM periods AS p
    ),

    needed AS (
        SELECT d.feed_container_id, d.period_start, d.needed AS k, min(d.day) AS need_day
        FROM days AS d
        GROUP BY d.feed_container_id, d.period_start, d.needed
    ),

    contents AS (
        -- what each order feeds: every feed of the days it is needed for
        SELECT m.feed_container_id, d.period_start, d.needed AS k, e.feed_id, sum(e.amount_kg) * 100 AS c2
        FROM inventory_feedingevent AS e
        INNER JOIN aquasql.feed_container_of() AS m ON e.container_id = m.container_id
        INNER JOIN pg_temp.feed_inventory_day AS d
            ON m.feed_container_id = d.feed_container_id AND e.feeding_date = d.day
        GROUP BY m.feed_container_id, d.period_start, d.needed, e.feed_id
    ),

    open_feed AS (
        -- the feed in use on the last day of an open period (the most fed, then the coarser)
        SELECT DISTINCT ON (p.feed_container_id, p.period_start)
            p.feed_container_id, p.period_start, p.q2, p.total2, p.last_needed, e.feed_id
        FROM periods AS p
        INNER JOIN aquasql.feed_container_of() AS m ON p.feed_container_id = m.feed_container_id
        INNER JOIN inventory_feedingevent AS e ON m.container_id = e.container_id AND e.feeding_date = p.period_end
        WHERE p.open
        GROUP BY p.feed_container_id, p.period_start, p.q2, p.total2, p.last_needed, e.feed_id
        ORDER BY p.feed_container_id, p.period_start, sum(e.amount_kg) DESC, e.feed_id DESC
    ),

    quantities AS (
        SELECT c.feed_container_id, c.period_start, c.k, c.feed_id, c.c2::bigint AS c2
        FROM contents AS c
        UNION ALL
        -- the open period: the order in use is the full slice up to (k + 1)·Q ...
        SELECT o.feed_container_id, o.period_start, o.last_needed, o.feed_id, (o.last_needed + 1) * o.q2 - o.total2
        FROM open_feed AS o
        UNION ALL
        -- ... and an order placed after it is Q (written if delivered by the run date)
        SELECT o.feed_container_id, o.period_start, o.last_needed + 1, o.feed_id, o.q2
        FROM open_feed AS o
    ),

    lots AS (
        SELECT q.feed_container_id, q.period_start, q.k, q.feed_id, sum(q.c2) AS c2
        FROM quantities AS q
        GROUP BY q.feed_container_id, q.period_start, q.k, q.feed_id
        HAVING sum(q.c2) > 0
    ),

    orders AS (
        SELECT
            l.feed_container_id,
            l.period_start,
            l.k,
            l.feed_id,
            p.order_day,
            CASE
                WHEN l.k = 0 THEN l.period_start
                ELSE least(p.order_day + lead_days, n.need_day)
            END AS delivery_day,
            l.c2::numeric / 100 AS quantity_kg,
            fd.pellet_size_mm
        FROM lots AS l
        INNER JOIN placed AS p
            ON l.feed_container_id = p.feed_container_id AND l.period_start = p.period_start AND l.k = p.k
        LEFT JOIN needed AS n
            ON l.feed_container_id = n.feed_container_id AND l.period_start = n.period_start AND l.k = n.k
        INNER JOIN inventory_feed AS fd ON l.feed_id = fd.id
    ),

    supplied AS (
        SELECT
            o.*,
            (SELECT s.supplier FROM aquasql.feed_suppliers() AS s WHERE s.supplier_no = aquasql.rand_choice(
                seed, aquasql.stream('feed_supplier'), o.feed_container_id, extract(YEAR FROM o.order_day)::bigint, 0,
                ARRAY(SELECT s.share FROM aquasql.feed_suppliers() AS s ORDER BY s.supplier_no)
            )) AS supplier
        FROM orders AS o
        WHERE o.delivery_day <= run_date
    )

    SELECT
        p_id_from + row_number() OVER (ORDER BY o.feed_container_id, o.period_start, o.k, o.feed_id) AS id,
        o.*,
        (o.delivery_day + entry_at + least(entry_max_steps, row_number() OVER (
            PARTITION BY o.feed_container_id, o.delivery_day ORDER BY o.period_start, o.k, o.feed_id
        ) - 1) * entry_spacing) AT TIME ZONE 'UTC' AS entry_date,
        aquasql.feed_price(seed, o.supplier, o.pellet_size_mm, extract(YEAR FROM o.order_day)::integer) AS cost_per_kg
    FROM supplied AS o;
END
$$;

COMMENT ON FUNCTION aquasql.feed_inventory_orders(bigint) IS
'Feed stock step: creates pg_temp.feed_inventory_order, one row per purchase and lot (id from p_id_from + 1) '
'delivered by the run date: feed container, period, order number, feed, order and delivery day, quantity, '
'supplier, entry time and cost per kg.';

-- Step: refuse a stock that would exceed its silo or barge, naming the container (a parameter problem).
CREATE OR REPLACE FUNCTION aquasql.feed_inventory_check_capacity()
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    overfull record;
BEGIN
    -- All lots of a feed container together stay within its capacity: the stock on hand after
    -- each day's deliveries, before its meals, within the period (the earlier periods are used up).
    SELECT f.name, s.day, s.on_hand2::numeric / 100 AS on_hand_kg, f.capacity_kg INTO overfull
    FROM (
        SELECT
            x.feed_container_id,
            x.day,
            x.kind,
            sum(x.c2) OVER (
                PARTITION BY x.feed_container_id, x.period_start ORDER BY x.day, x.kind ROWS UNBOUNDED PRECEDING
            ) AS on_hand2
        FROM (
            SELECT
                o.feed_container_id, o.period_start, o.delivery_day AS day, 0 AS kind, (o.quantity_kg * 100)::bigint AS c2
            FROM pg_temp.feed_inventory_order AS o
            UNION ALL
            SELECT d.feed_container_id, d.period_start, d.day, 1, -d.day2
            FROM pg_temp.feed_inventory_day AS d
        ) AS x
    ) AS s
    INNER JOIN infrastructure_feedcontainer AS f ON s.feed_container_id = f.id
    WHERE s.kind = 0 AND s.on_hand2 > f.capacity_kg * 100
    ORDER BY s.on_hand2 - f.capacity_kg * 100 DESC, f.name, s.day
    LIMIT 1;
    IF found THEN
        RAISE EXCEPTION 'feed container % would hold % kg on %, above its capacity of % kg',
            overfull.name, overfull.on_hand_kg, overfull.day, overfull.capacity_kg
            USING ERRCODE = 'check_violation',
            HINT = 'a day''s feed exceeds the reorder point (feed_reorder_share of the capacity): give the silos and '
            || 'barges more capacity (stage_parameter.silo_capacity_kg, model parameter barge_capacity_kg) and '
            || 'rebuild the infrastructure (aquasql wipe --all)';
    END IF;
END
$$;

COMMENT ON FUNCTION aquasql.feed_inventory_check_capacity() IS
'Feed stock step: error if the lots on hand in a feed container would exceed its capacity on a delivery day.';

-- Step: the purchases (inventory_feedpurchase), ordered in the morning; returns the rows written.
CREATE OR REPLACE FUNCTION aquasql.feed_inventory_write_purchases()
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    lead_days integer := aquasql.param('feed_lead_days')::integer;
    period_days integer := (aquasql.param('feed_shelf_life_days') - aquasql.param('feed_lead_days'))::integer;
    purchases bigint;
    ordered_at interval := aquasql.param_time('feed_order_hour');
BEGIN
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
        o.order_day + (period_days + lead_days),
        '',
        (o.order_day + ordered_at) AT TIME ZONE 'UTC',
        (o.order_day + ordered_at) AT TIME ZONE 'UTC'
    FROM pg_temp.feed_inventory_order AS o;
    GET DIAGNOSTICS purchases = ROW_COUNT;
    RETURN purchases;
END
$$;

COMMENT ON FUNCTION aquasql.feed_inventory_write_purchases() IS
'Feed stock step: writes inventory_feedpurchase from pg_temp.feed_inventory_order (expiry = purchase date + '
'shelf life); returns the rows written.';

-- Step: the lots (inventory_feedcontainerstock), full at entry; returns the rows written.
CREATE OR REPLACE FUNCTION aquasql.feed_inventory_write_lots()
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    lots bigint;
BEGIN
    -- Lots start full; the draws below bring them to what remains at the run date.
    INSERT INTO inventory_feedcontainerstock (
        id, feed_container_id, feed_purchase_id, quantity_kg, entry_date, created_at, updated_at
    )
    SELECT o.id, o.feed_container_id, o.id, o.quantity_kg, o.entry_date, o.entry_date, o.entry_date
    FROM pg_temp.feed_inventory_order AS o;
    GET DIAGNOSTICS lots = ROW_COUNT;
    RETURN lots;
END
$$;

COMMENT ON FUNCTION aquasql.feed_inventory_write_lots() IS
'Feed stock step: writes inventory_feedcontainerstock from pg_temp.feed_inventory_order, each lot full; '
'returns the rows written.';

-- Step: draw every feeding from its lots (FIFO): each feeding's cost, each lot's remainder at the run date.
CREATE OR REPLACE FUNCTION aquasql.feed_inventory_draw_lots()
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    uncovered bigint;
BEGIN
    IF to_regclass('pg_temp.feed_inventory_draw') IS NOT NULL THEN
        DROP TABLE pg_temp.feed_inventory_draw;
    END IF;
    CREATE TEMP TABLE pg_temp.feed_inventory_draw ON COMMIT DROP AS
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
        updated_at = d.last_drawn_at AT TIME ZONE 'UTC'
    FROM (
        SELECT stock_id, sum(kg) AS kg, max(drawn_at) AS last_drawn_at
        FROM pg_temp.feed_inventory_draw
        GROUP BY stock_id
    ) AS d
    WHERE s.id = d.stock_id;
END
$$;

COMMENT ON FUNCTION aquasql.feed_inventory_draw_lots() IS
'Feed stock step: creates pg_temp.feed_inventory_draw (aquasql.feed_draws), sets every feeding''s feed_cost '
'and each lot''s remaining quantity; error if the lots do not cover a feeding.';

-- Step: sequences past the ids written, and the generated id ranges (so a later run finds its rows).
CREATE OR REPLACE FUNCTION aquasql.feed_inventory_record_ids(p_id_from bigint, p_purchases bigint, p_lots bigint)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM aquasql.sync_identity('inventory_feedpurchase');
    PERFORM aquasql.sync_identity('inventory_feedcontainerstock');
    PERFORM aquasql.record_generated_ids('inventory_feedpurchase', p_id_from + 1, p_id_from + p_purchases);
    PERFORM aquasql.record_generated_ids('inventory_feedcontainerstock', p_id_from + 1, p_id_from + p_lots);
END
$$;

COMMENT ON FUNCTION aquasql.feed_inventory_record_ids(bigint, bigint, bigint) IS
'Feed stock step: moves the identity sequences of purchases and lots past the ids written and records the '
'generated id ranges.';

-- The feed stock over all batches: check, clear, daily consumption, orders, capacity check,
-- purchases and lots, FIFO draws, id bookkeeping.
CREATE OR REPLACE FUNCTION aquasql.generate_feed_inventory(p_batches bigint[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET timezone = 'UTC'
AS $$
DECLARE
    id_from bigint;
    purchases bigint;
    lots bigint;
BEGIN
    PERFORM aquasql.feed_inventory_check(p_batches);
    id_from := aquasql.feed_inventory_clear();
    PERFORM aquasql.feed_inventory_days();
    PERFORM aquasql.feed_inventory_orders(id_from);
    PERFORM aquasql.feed_inventory_check_capacity();
    purchases := aquasql.feed_inventory_write_purchases();
    lots := aquasql.feed_inventory_write_lots();
    PERFORM aquasql.feed_inventory_draw_lots();
    PERFORM aquasql.feed_inventory_record_ids(id_from, purchases, lots);
    DROP TABLE pg_temp.feed_inventory_draw;
    DROP TABLE pg_temp.feed_inventory_order;
    DROP TABLE pg_temp.feed_inventory_day;
    RETURN purchases + lots;
END
$$;

COMMENT ON FUNCTION aquasql.generate_feed_inventory(bigint[]) IS
'Feed purchases, FIFO lots (inventory_feedcontainerstock, quantity_kg = remaining at the run date) and every '
'feeding''s feed_cost, over ALL feeding events at once: silos and barges are shared by consecutive batches, so '
'run it once after every partition''s feeding is written (p_batches must be NULL or cover every planned batch). '
'Idempotent: purchases and lots are rewritten. Per feed container (all feed types together) and ordering period '
'(a campaign cut at most every shelf life - lead days): a first fill, then an order whenever the stock position '
'falls below feed_reorder_share of the capacity, arriving feed_lead_days later or earlier if the stock on hand '
'would not cover a day; each order holds, per feed type, exactly what the days until the next order feed, so '
'lots are used up before they expire. Fails if a feed container would hold more than its capacity. Returns the '
'purchase and lot rows written.';
