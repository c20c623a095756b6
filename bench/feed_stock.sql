-- Feed stock limits, measured from the stored rows: psql -f bench/feed_stock.sql DSN (after `aquasql seed`).
\pset footer off
-- 1. Fill at every lot entry: all lots of the feed container together, before that day's meals.
WITH entry AS (
    SELECT s.feed_container_id, s.entry_date, sum(p.quantity_kg) OVER (
        PARTITION BY s.feed_container_id ORDER BY s.entry_date, s.id) AS delivered_kg
    FROM inventory_feedcontainerstock AS s
    INNER JOIN inventory_feedpurchase AS p ON s.feed_purchase_id = p.id
),
fed AS (
    SELECT m.feed_container_id, e.feeding_date + e.feeding_time AS t, e.amount_kg
    FROM inventory_feedingevent AS e
    INNER JOIN aquasql.feed_container_of() AS m ON e.container_id = m.container_id
),
fill AS (
    SELECT en.feed_container_id, en.delivered_kg - coalesce((
        SELECT sum(f.amount_kg) FROM fed AS f
        WHERE f.feed_container_id = en.feed_container_id AND f.t < en.entry_date AT TIME ZONE 'UTC'), 0) AS on_hand_kg
    FROM entry AS en
)
SELECT fc.container_type, count(DISTINCT fc.id) AS containers, min(fc.capacity_kg) AS capacity_min_kg,
    max(fc.capacity_kg) AS capacity_max_kg, round(max(fill.on_hand_kg / fc.capacity_kg), 3) AS max_fill_ratio,
    count(*) FILTER (WHERE fill.on_hand_kg > fc.capacity_kg) AS entries_above_capacity
FROM fill INNER JOIN infrastructure_feedcontainer AS fc ON fill.feed_container_id = fc.id
GROUP BY fc.container_type ORDER BY 1;

-- 2. Feed drawn on or after the expiry date of its lot.
SELECT round(sum(d.kg) FILTER (WHERE d.drawn_at::date > p.expiry_date) / 1000, 3) AS t_fed_after_expiry,
    round(sum(d.kg) FILTER (WHERE d.drawn_at::date >= p.expiry_date) / 1000, 3) AS t_fed_on_or_after_expiry,
    max(d.drawn_at::date - p.expiry_date) AS max_days_past_expiry,
    round(sum(d.kg) / 1000, 1) AS t_drawn, (SELECT round(sum(amount_kg) / 1000, 1) FROM inventory_feedingevent) AS t_fed
FROM aquasql.feed_draws() AS d
INNER JOIN inventory_feedcontainerstock AS s ON d.stock_id = s.id
INNER JOIN inventory_feedpurchase AS p ON s.feed_purchase_id = p.id;

-- 3. Prices of the 4.5 mm finisher by supplier and year (EUR/kg), and the spread over all feeds.
SELECT extract(YEAR FROM p.purchase_date)::int AS year,
    round(avg(p.cost_per_kg) FILTER (WHERE p.supplier = 'BioMar' AND f.pellet_size_mm = 4.5), 2) AS biomar_45,
    round(avg(p.cost_per_kg) FILTER (WHERE p.supplier = 'Skretting' AND f.pellet_size_mm = 4.5), 2) AS skretting_45,
    round(avg(p.cost_per_kg) FILTER (WHERE p.supplier = 'Cargill' AND f.pellet_size_mm = 4.5), 2) AS cargill_45,
    min(p.cost_per_kg) AS min_all_feeds, max(p.cost_per_kg) AS max_all_feeds,
    count(DISTINCT (p.supplier, p.cost_per_kg)) FILTER (WHERE f.pellet_size_mm = 4.5) AS distinct_45_prices,
    count(*) AS purchases, round(sum(p.quantity_kg) / 1000) AS t_bought
FROM inventory_feedpurchase AS p INNER JOIN inventory_feed AS f ON p.feed_id = f.id
GROUP BY 1 ORDER BY 1;

-- 4. Stock at the run date, and lot sizes.
SELECT fc.container_type, count(*) AS lots, round(avg(p.quantity_kg)) AS avg_lot_kg, min(p.quantity_kg) AS min_lot_kg,
    max(p.quantity_kg) AS max_lot_kg, round(sum(s.quantity_kg) / 1000, 1) AS t_on_hand_at_run_date,
    count(*) FILTER (WHERE s.quantity_kg > 0) AS lots_with_stock
FROM inventory_feedcontainerstock AS s
INNER JOIN inventory_feedpurchase AS p ON s.feed_purchase_id = p.id
INNER JOIN infrastructure_feedcontainer AS fc ON s.feed_container_id = fc.id
GROUP BY 1 ORDER BY 1;

-- 5. The price function over 2019-2026 (4.5 mm finisher and 0.5 mm starter, EUR/kg, the run's seed).
SELECT y AS year,
    aquasql.feed_price(aquasql.run_seed(), 'BioMar', 4.5, y) AS biomar_45,
    aquasql.feed_price(aquasql.run_seed(), 'Skretting', 4.5, y) AS skretting_45,
    aquasql.feed_price(aquasql.run_seed(), 'Cargill', 4.5, y) AS cargill_45,
    aquasql.feed_price(aquasql.run_seed(), 'BioMar', 0.5, y) AS biomar_05
FROM generate_series(2019, 2026) AS y ORDER BY y;
