-- slow: the small profile's feed stock (left out by scripts/test.sh --quick)
-- one mode: writes no hypertable (readings are the only one aquasql writes)
-- Feed stock: purchases by the reorder rule, FIFO lots, stock never negative nor above the
-- capacity of its silo or barge (all feed types together), no feed fed past its expiry, feed
-- cost = the cost of the lots drawn, prices by supplier and year. Small profile: 6 batches
-- sharing 2 stations' silos and 4 sea areas' barges (3 per area).
BEGIN;
SELECT plan(31);

SELECT aquasql.generate_infrastructure('small');
SELECT aquasql.generate_master_data();
SELECT aquasql.plan('small', 42, '2026-11-23');
SELECT aquasql.generate_lifecycle();
SELECT aquasql.generate_feeding();

CREATE TEMP TABLE written AS SELECT aquasql.generate_feed_inventory() AS n;

-- Working views of what was written.
CREATE TEMP TABLE draw AS SELECT * FROM aquasql.feed_draws();

CREATE TEMP TABLE lot AS
SELECT
    s.id,
    s.feed_container_id,
    p.feed_id,
    p.purchase_date,
    s.entry_date,
    p.quantity_kg,
    s.quantity_kg AS remaining_kg,
    p.cost_per_kg,
    f.capacity_kg,
    row_number() OVER (PARTITION BY s.feed_container_id, p.feed_id ORDER BY s.entry_date, s.id) AS fifo_n,
    -- what the earlier lots of the same feed container and feed brought
    coalesce(sum(p.quantity_kg) OVER (
        PARTITION BY s.feed_container_id, p.feed_id ORDER BY s.entry_date, s.id
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    ), 0) AS before_kg
FROM inventory_feedcontainerstock AS s
INNER JOIN inventory_feedpurchase AS p ON s.feed_purchase_id = p.id
INNER JOIN infrastructure_feedcontainer AS f ON s.feed_container_id = f.id;

CREATE TEMP TABLE event AS
SELECT
    e.*,
    m.feed_container_id,
    row_number() OVER (
        PARTITION BY m.feed_container_id, e.feed_id ORDER BY e.feeding_date, e.feeding_time, e.id
    ) AS event_n
FROM inventory_feedingevent AS e
INNER JOIN aquasql.feed_container_of() AS m ON e.container_id = m.container_id;

-- Consumption per feed container, feed and day: cum_kg through the day, before_kg before it.
CREATE TEMP TABLE consumption AS
SELECT
    c.*,
    sum(c.kg) OVER w AS cum_kg,
    sum(c.kg) OVER w - c.kg AS before_kg
FROM (
    SELECT
        feed_container_id,
        feed_id,
        feeding_date AS day,
        sum(amount_kg) AS kg
    FROM event
    GROUP BY feed_container_id, feed_id, feeding_date
) AS c
WINDOW w AS (PARTITION BY c.feed_container_id, c.feed_id ORDER BY c.day);

-- Per feed container (all feed types together) and every day with a delivery or a meal: what
-- the lots that entered by that day brought, what was fed before the day and through it.
CREATE TEMP TABLE container_day AS
SELECT
    d.feed_container_id,
    d.day,
    f.capacity_kg,
    (
        SELECT coalesce(sum(l.quantity_kg), 0) FROM lot AS l
        WHERE l.feed_container_id = d.feed_container_id AND l.entry_date::date <= d.day
    ) AS delivered_kg,
    (
        SELECT coalesce(sum(c.kg), 0) FROM consumption AS c
        WHERE c.feed_container_id = d.feed_container_id AND c.day < d.day
    ) AS fed_before_kg,
    (
        SELECT coalesce(sum(c.kg), 0) FROM consumption AS c
        WHERE c.feed_container_id = d.feed_container_id AND c.day = d.day
    ) AS fed_kg
FROM (
    SELECT
        feed_container_id,
        day
    FROM consumption
    UNION
    SELECT
        feed_container_id,
        entry_date::date
    FROM lot
) AS d
INNER JOIN infrastructure_feedcontainer AS f ON d.feed_container_id = f.id;

SELECT ok((SELECT n FROM written) > 50, 'feed purchases are written');
SELECT is(
    (SELECT n FROM written),
    (SELECT count(*) FROM inventory_feedpurchase) + (SELECT count(*) FROM inventory_feedcontainerstock),
    'generate_feed_inventory returns the purchase and lot rows written'
);

SELECT is(
    (
        SELECT count(*)
        FROM inventory_feedpurchase AS p
        FULL JOIN inventory_feedcontainerstock AS s ON p.id = s.feed_purchase_id
        WHERE p.id IS NULL OR s.id IS NULL OR s.id <> p.id
    ),
    0::bigint,
    'every purchase arrives as exactly one lot (lot id = purchase id)'
);

SELECT is(
    (
        SELECT count(*)
        FROM aquasql.feed_container_of() AS m
        INNER JOIN infrastructure_container AS c ON m.container_id = c.id
        INNER JOIN infrastructure_feedcontainer AS f ON m.feed_container_id = f.id
        INNER JOIN infrastructure_hall AS h ON c.hall_id = h.id
        WHERE f.hall_id = c.hall_id AND f.name = h.name || '-Silo'
    ) + (
        SELECT count(*)
        FROM aquasql.feed_container_of() AS m
        INNER JOIN infrastructure_container AS c ON m.container_id = c.id
        INNER JOIN infrastructure_feedcontainer AS f ON m.feed_container_id = f.id
        WHERE f.area_id = c.area_id AND f.container_type = 'BARGE'
    ),
    (SELECT count(*) FROM infrastructure_container),
    'every container is fed from exactly one feed container: its hall''s silo or a barge of its area'
);

SELECT is(
    (
        SELECT count(DISTINCT m.feed_container_id)
        FROM aquasql.feed_container_of() AS m
        INNER JOIN infrastructure_container AS c ON m.container_id = c.id
        WHERE c.area_id IS NOT NULL
    ),
    (
        SELECT count(*) FROM infrastructure_feedcontainer
        WHERE container_type = 'BARGE'
    ),
    'the rings of an area are spread over all its barges'
);

SELECT is(
    (
        SELECT count(*)
        FROM (SELECT DISTINCT
            feed_container_id,
            feed_id
        FROM lot) AS l
        FULL JOIN (SELECT DISTINCT
            feed_container_id,
            feed_id
        FROM consumption) AS c
            ON l.feed_container_id = c.feed_container_id AND l.feed_id = c.feed_id
        WHERE l.feed_id IS NULL OR c.feed_id IS NULL
    ),
    0::bigint,
    'feed is bought exactly for the feed containers and feeds that are consumed'
);

SELECT is(
    (
        SELECT count(*) FROM inventory_feedingevent
        WHERE feed_cost IS NULL
    ),
    0::bigint,
    'every feeding has a feed cost'
);

SELECT is(
    (
        SELECT count(*) FROM draw
        WHERE stock_id IS NULL
    ),
    0::bigint,
    'the lots cover every feeding'
);

SELECT is(
    (
        SELECT count(*)
        FROM event AS e
        LEFT JOIN (SELECT
            feeding_event_id,
            sum(kg) AS kg
        FROM draw
        GROUP BY feeding_event_id) AS d
            ON e.id = d.feeding_event_id
        WHERE d.kg IS DISTINCT FROM e.amount_kg
    ),
    0::bigint,
    'every feeding draws exactly its amount from the lots'
);

SELECT is(
    (
        SELECT count(*)
        FROM draw AS d
        INNER JOIN event AS e ON d.feeding_event_id = e.id
        INNER JOIN lot AS l ON d.stock_id = l.id
        WHERE
            l.feed_container_id <> e.feed_container_id OR l.feed_id <> e.feed_id
            OR l.entry_date > (e.feeding_date + e.feeding_time)::timestamptz
    ),
    0::bigint,
    'feedings draw only from lots of their feed in their feed container that have already arrived '
    || '(stock never negative at any feeding)'
);

SELECT is(
    (
        SELECT count(*)
        FROM lot AS l
        LEFT JOIN (SELECT
            stock_id,
            sum(kg) AS kg
        FROM draw
        GROUP BY stock_id) AS d ON l.id = d.stock_id
        WHERE
            coalesce(d.kg, 0) > l.quantity_kg
            OR l.remaining_kg < 0
            OR abs(l.remaining_kg - (l.quantity_kg - coalesce(d.kg, 0))) > 0.005
    ),
    0::bigint,
    'no lot gives more than it held; its quantity_kg is what remains at the run date'
);

SELECT is(
    (
        WITH per_lot AS (
            SELECT
                l.*,
                sum(d.kg) AS drawn_kg,
                min(e.event_n) AS first_event,
                max(e.event_n) AS last_event
            FROM lot AS l
            LEFT JOIN draw AS d ON l.id = d.stock_id
            LEFT JOIN event AS e ON d.feeding_event_id = e.id
            GROUP BY
                l.id, l.feed_container_id, l.feed_id, l.purchase_date, l.entry_date, l.quantity_kg,
                l.remaining_kg, l.cost_per_kg, l.capacity_kg, l.fifo_n, l.before_kg
        )

        SELECT count(*)
        FROM per_lot AS older
        INNER JOIN per_lot AS newer
            ON
                older.feed_container_id = newer.feed_container_id AND older.feed_id = newer.feed_id
                AND newer.fifo_n = older.fifo_n + 1
        WHERE
            newer.drawn_kg IS NOT NULL
            AND (older.drawn_kg IS DISTINCT FROM older.quantity_kg OR older.last_event > newer.first_event)
    ),
    0::bigint,
    'FIFO: no lot is drawn before the older lot of the same feed in the same feed container is empty'
);

SELECT is(
    (
        SELECT count(*)
        FROM inventory_feedingevent AS e
        INNER JOIN (
            SELECT
                feeding_event_id,
                round(sum(kg * cost_per_kg), 2) AS cost
            FROM draw
            GROUP BY feeding_event_id
        ) AS d ON e.id = d.feeding_event_id
        WHERE e.feed_cost <> d.cost
    ),
    0::bigint,
    'every feeding''s cost = sum of kg drawn x the lot''s cost per kg'
);

SELECT ok(
    (
        SELECT abs(
            (SELECT sum(feed_cost) FROM inventory_feedingevent) - (SELECT sum(kg * cost_per_kg) FROM draw)
        ) <= 0.005 * (SELECT count(*) FROM inventory_feedingevent)
    ),
    'total feed cost = total kg drawn x cost (up to rounding per feeding)'
);

SELECT is(
    (
        SELECT count(*)
        FROM container_day
        WHERE delivered_kg - fed_before_kg > capacity_kg OR delivered_kg - fed_before_kg - fed_kg < 0
    ),
    0::bigint,
    'no silo or barge ever holds more than its capacity, all feed types together (after a day''s deliveries, '
    || 'before its meals), and none runs out (after a day''s meals)'
);

SELECT ok(
    (SELECT max((delivered_kg - fed_before_kg) / capacity_kg) FROM container_day) > 0.75,
    'silos and barges are filled to most of their capacity'
);

SELECT is(
    (
        -- an order: the lots of one feed container placed on one day and delivered together
        SELECT count(*)
        FROM (
            SELECT
                l.feed_container_id,
                l.purchase_date,
                l.entry_date::date,
                sum(l.quantity_kg) AS kg,
                max(l.capacity_kg) AS capacity_kg
            FROM lot AS l
            GROUP BY l.feed_container_id, l.purchase_date, l.entry_date::date
        ) AS o
        INNER JOIN (
            SELECT
                feed_container_id,
                max(fed_kg) AS max_day_kg
            FROM container_day
            GROUP BY feed_container_id
        ) AS d ON o.feed_container_id = d.feed_container_id
        WHERE o.kg > o.capacity_kg * aquasql.param('feed_order_share') + d.max_day_kg
    ),
    0::bigint,
    'an order holds at most 80 % of the capacity plus one day''s feed'
);

SELECT is(
    (
        SELECT count(*)
        FROM (
            SELECT
                feed_container_id,
                min(day) AS first_day
            FROM consumption
            GROUP BY feed_container_id
        ) AS c
        INNER JOIN lot AS l ON c.feed_container_id = l.feed_container_id
        WHERE
            l.entry_date::date <= c.first_day
            AND (l.purchase_date <> c.first_day - 3 OR l.entry_date::date <> c.first_day)
    ),
    0::bigint,
    'the first fill of a silo or barge is ordered 3 days ahead and arrives on its first day of feeding'
);

SELECT is(
    (SELECT sum(quantity_kg) FROM lot),
    (SELECT sum(amount_kg) FROM inventory_feedingevent) + (SELECT sum(remaining_kg) FROM lot),
    'totals add up: the feed bought is the feed fed plus the stock at the run date'
);

SELECT is(
    (
        SELECT count(*)
        FROM draw AS d
        INNER JOIN lot AS l ON d.stock_id = l.id
        INNER JOIN inventory_feedpurchase AS p ON l.id = p.id
        WHERE d.drawn_at::date >= p.expiry_date
    ),
    0::bigint,
    'no feeding draws from a lot on or after its expiry date'
);

SELECT is(
    (
        SELECT count(*)
        FROM lot AS l
        INNER JOIN inventory_feedpurchase AS p ON l.id = p.id
        WHERE l.remaining_kg > 0 AND (
            p.expiry_date <= (SELECT r.as_of FROM aquasql.run_setting AS r)
            OR NOT EXISTS (
                SELECT 1 FROM consumption AS c
                WHERE
                    c.feed_container_id = l.feed_container_id
                    AND c.day = (SELECT r.as_of FROM aquasql.run_setting AS r)
            )
        )
    ),
    0::bigint,
    'every lot is fed to the end before it expires (none written off): stock remains only in silos and barges '
    || 'still feeding at the run date, and has not expired'
);

SELECT is(
    (
        SELECT count(*)
        FROM lot AS l
        LEFT JOIN container_day AS c ON l.feed_container_id = c.feed_container_id AND l.entry_date::date = c.day
        WHERE l.entry_date::date NOT BETWEEN l.purchase_date AND l.purchase_date + 3
        -- an early delivery only when the earlier lots of the silo or barge are used up
        OR (
            l.entry_date::date < l.purchase_date + 3
            AND (c.day IS NULL OR (
                SELECT coalesce(sum(e.quantity_kg), 0) FROM lot AS e
                WHERE e.feed_container_id = l.feed_container_id AND e.entry_date::date < l.entry_date::date
            ) > c.fed_before_kg)
        )
    ),
    0::bigint,
    'an order arrives 3 days after it is placed, earlier only when the stock would not cover the day'
);

SELECT ok(
    (
        SELECT count(*) FROM lot
        WHERE fifo_n > 1 AND entry_date::date = purchase_date + 3
    ) > 0,
    'orders normally arrive 3 days after they are placed'
);

SELECT is(
    (
        SELECT count(*)
        FROM inventory_feedpurchase AS p
        WHERE
            p.expiry_date <> p.purchase_date + aquasql.param('feed_shelf_life_days')::integer
            OR p.supplier NOT IN (SELECT s.supplier FROM aquasql.feed_suppliers() AS s)
            OR p.cost_per_kg NOT BETWEEN 1.0 AND 3.5
            OR p.notes <> '' OR p.batch_number = ''
    ),
    0::bigint,
    'purchases: expiry after the shelf life (180 days), a known supplier, 1.00-3.50 EUR per kg, a batch number'
);

SELECT is(
    (
        WITH price AS (
            SELECT DISTINCT
                extract(YEAR FROM p.purchase_date) AS y,
                p.supplier,
                f.pellet_size_mm,
                p.cost_per_kg
            FROM inventory_feedpurchase AS p
            INNER JOIN inventory_feed AS f ON p.feed_id = f.id
        )

        SELECT count(*)
        FROM price AS finer
        INNER JOIN price AS coarser
            ON finer.y = coarser.y AND finer.supplier = coarser.supplier AND (
                (finer.pellet_size_mm = coarser.pellet_size_mm AND finer.cost_per_kg <> coarser.cost_per_kg)
                OR (finer.pellet_size_mm < coarser.pellet_size_mm AND finer.cost_per_kg < coarser.cost_per_kg)
            )
    ),
    0::bigint,
    'one price per supplier, feed and year, and finer feeds are never cheaper than coarser ones'
);

SELECT ok(
    (
        SELECT count(*) FROM (
            SELECT
                extract(YEAR FROM p.purchase_date) AS purchase_year,
                p.feed_id
            FROM inventory_feedpurchase AS p
            GROUP BY extract(YEAR FROM p.purchase_date), p.feed_id
            HAVING count(DISTINCT p.supplier) > 1 AND count(DISTINCT p.cost_per_kg) > 1
        ) AS x
    ) > 0
    AND (
        SELECT bool_and(n > 1) FROM (
            SELECT count(DISTINCT aquasql.feed_price(42, s.supplier, 4.5, y)) AS n
            FROM aquasql.feed_suppliers() AS s
            CROSS JOIN generate_series(2019, 2026) AS y
            GROUP BY y
        ) AS x
    ),
    'prices differ by supplier: the same feed in the same year costs more from one than another'
);

SELECT ok(
    (
        SELECT count(*) FROM (
            SELECT
                p.supplier,
                p.feed_id
            FROM inventory_feedpurchase AS p
            GROUP BY p.supplier, p.feed_id
            HAVING count(DISTINCT extract(YEAR FROM p.purchase_date)) > 1 AND count(DISTINCT p.cost_per_kg) > 1
        ) AS x
    ) > 0
    AND (
        SELECT
            bool_and(
                aquasql.feed_price(42, s.supplier, 4.5, 2022) > 1.15 * aquasql.feed_price(42, s.supplier, 4.5, 2020)
                AND aquasql.feed_price(42, s.supplier, 4.5, 2026) BETWEEN 1.2 AND 1.8
            )
        FROM aquasql.feed_suppliers() AS s
    ),
    'prices drift by year: the 2022 rise, and finisher feed at 1.2-1.8 EUR/kg'
);

SELECT throws_ok(
    'SELECT aquasql.generate_feed_inventory(ARRAY[1]::bigint[])',
    '22023',
    NULL,
    'the inventory cannot be generated for a subset of the batches'
);

-- Determinism: again, and after regenerating one batch's feeding, the same rows (the feeding
-- events' costs included).
SELECT tap.regenerates_identically(
    'generating the inventory again gives identical rows',
    '{inventory_feedpurchase,inventory_feedcontainerstock,inventory_feedingevent}',
    'SELECT aquasql.generate_feed_inventory()'
);
SELECT tap.regenerates_identically(
    'regenerating a batch''s feeding, then the inventory, gives identical rows',
    '{inventory_feedpurchase,inventory_feedcontainerstock,inventory_feedingevent}',
    'SELECT aquasql.generate_feeding(ARRAY[3]::bigint[])', 'SELECT aquasql.generate_feed_inventory()'
);

-- Barges of the old 50 t: a day's sea ration exceeds the reorder point, and the stock would
-- overflow the barge.
UPDATE infrastructure_feedcontainer SET capacity_kg = 50000
WHERE container_type = 'BARGE';
SELECT throws_like(
    'SELECT aquasql.generate_feed_inventory()',
    'feed container %-Barge-% would hold % kg on %, above its capacity of 50000.00 kg',
    'a silo or barge too small for a day''s feed is an error naming it'
);

SELECT * FROM finish();
ROLLBACK;
