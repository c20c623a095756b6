-- Feed stock: purchases by the reorder rule, FIFO lots, stock never negative, feed cost =
-- the cost of the lots drawn. Small profile: 6 batches sharing 2 stations' silos and 4 sea
-- areas' barges (3 per area), so lots carry over from one batch to the next.
BEGIN;
SELECT plan(27);

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
    SELECT feed_container_id, feed_id, feeding_date AS day, sum(amount_kg) AS kg
    FROM event
    GROUP BY feed_container_id, feed_id, feeding_date
) AS c
WINDOW w AS (PARTITION BY c.feed_container_id, c.feed_id ORDER BY c.day);

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
    (SELECT count(*) FROM infrastructure_feedcontainer WHERE container_type = 'BARGE'),
    'the rings of an area are spread over all its barges'
);

SELECT is(
    (
        SELECT count(*)
        FROM (SELECT DISTINCT feed_container_id, feed_id FROM lot) AS l
        FULL JOIN (SELECT DISTINCT feed_container_id, feed_id FROM consumption) AS c
            ON l.feed_container_id = c.feed_container_id AND l.feed_id = c.feed_id
        WHERE l.feed_id IS NULL OR c.feed_id IS NULL
    ),
    0::bigint,
    'feed is bought exactly for the feed containers and feeds that are consumed'
);

SELECT is(
    (SELECT count(*) FROM inventory_feedingevent WHERE feed_cost IS NULL),
    0::bigint,
    'every feeding has a feed cost'
);

SELECT is(
    (SELECT count(*) FROM draw WHERE stock_id IS NULL),
    0::bigint,
    'the lots cover every feeding'
);

SELECT is(
    (
        SELECT count(*)
        FROM event AS e
        LEFT JOIN (SELECT feeding_event_id, sum(kg) AS kg FROM draw GROUP BY feeding_event_id) AS d
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
        WHERE l.feed_container_id <> e.feed_container_id OR l.feed_id <> e.feed_id
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
        LEFT JOIN (SELECT stock_id, sum(kg) AS kg FROM draw GROUP BY stock_id) AS d ON l.id = d.stock_id
        WHERE coalesce(d.kg, 0) > l.quantity_kg
            OR l.remaining_kg < 0
            OR abs(l.remaining_kg - (l.quantity_kg - coalesce(d.kg, 0))) > 0.005
    ),
    0::bigint,
    'no lot gives more than it held; its quantity_kg is what remains at the run date'
);

SELECT is(
    (
        WITH per_lot AS (
            SELECT l.*, sum(d.kg) AS drawn_kg, min(e.event_n) AS first_event, max(e.event_n) AS last_event
            FROM lot AS l
            LEFT JOIN draw AS d ON l.id = d.stock_id
            LEFT JOIN event AS e ON d.feeding_event_id = e.id
            GROUP BY l.id, l.feed_container_id, l.feed_id, l.purchase_date, l.entry_date, l.quantity_kg,
                l.remaining_kg, l.cost_per_kg, l.capacity_kg, l.fifo_n, l.before_kg
        )

        SELECT count(*)
        FROM per_lot AS older
        INNER JOIN per_lot AS newer
            ON older.feed_container_id = newer.feed_container_id AND older.feed_id = newer.feed_id
            AND newer.fifo_n = older.fifo_n + 1
        WHERE newer.drawn_kg IS NOT NULL
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
            SELECT feeding_event_id, round(sum(kg * cost_per_kg), 2) AS cost FROM draw GROUP BY feeding_event_id
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
        FROM consumption AS c
        CROSS JOIN LATERAL (
            SELECT coalesce(sum(l.quantity_kg), 0) AS kg
            FROM lot AS l
            WHERE l.feed_container_id = c.feed_container_id AND l.feed_id = c.feed_id
                AND l.entry_date::date <= c.day
        ) AS delivered
        INNER JOIN infrastructure_feedcontainer AS f ON c.feed_container_id = f.id
        WHERE delivered.kg - c.cum_kg NOT BETWEEN 0 AND f.capacity_kg
    ),
    0::bigint,
    'at the end of every day the stock on hand is between 0 and the capacity'
);

SELECT is(
    (SELECT count(*) FROM lot WHERE quantity_kg <> round(capacity_kg * 0.8, 2)),
    0::bigint,
    'every purchase is 80 % of the feed container''s capacity'
);

SELECT is(
    (
        SELECT count(*)
        FROM lot AS l
        INNER JOIN (
            SELECT feed_container_id, feed_id, min(day) AS first_day FROM consumption GROUP BY feed_container_id, feed_id
        ) AS c ON l.feed_container_id = c.feed_container_id AND l.feed_id = c.feed_id
        WHERE l.fifo_n = 1 AND (l.purchase_date <> c.first_day - 3 OR l.entry_date::date <> c.first_day)
    ),
    0::bigint,
    'the initial fill is ordered 3 days ahead and arrives on the first day of consumption'
);

-- The reorder rule on the stock position (delivered + ordered - consumed), R = 20 % of capacity.
SELECT is(
    (
        SELECT count(*)
        FROM lot AS l
        LEFT JOIN consumption AS c
            ON l.feed_container_id = c.feed_container_id AND l.feed_id = c.feed_id AND l.purchase_date = c.day
        WHERE l.fifo_n > 1 AND (c.day IS NULL OR l.before_kg - c.cum_kg >= 0.2 * l.capacity_kg)
    ),
    0::bigint,
    'an order is placed only on a day whose consumption takes the stock position below 20 % of capacity'
);

SELECT is(
    (
        SELECT count(*)
        FROM (
            SELECT l.*, row_number() OVER (
                PARTITION BY l.feed_container_id, l.feed_id, l.purchase_date ORDER BY l.fifo_n
            ) AS nth_of_day
            FROM lot AS l
        ) AS l
        INNER JOIN consumption AS c
            ON l.feed_container_id = c.feed_container_id AND l.feed_id = c.feed_id AND l.purchase_date = c.day
        WHERE l.fifo_n > 1 AND l.nth_of_day = 1 AND l.before_kg - c.before_kg < 0.2 * l.capacity_kg
    ),
    0::bigint,
    'before the consumption that triggers an order, the stock position was at least 20 % of capacity'
);

SELECT is(
    (
        SELECT count(*)
        FROM consumption AS c
        CROSS JOIN LATERAL (
            SELECT coalesce(sum(l.quantity_kg), 0) AS kg, max(l.capacity_kg) AS capacity_kg
            FROM lot AS l
            WHERE l.feed_container_id = c.feed_container_id AND l.feed_id = c.feed_id AND l.purchase_date <= c.day
        ) AS ordered
        WHERE c.day + 3 <= (SELECT as_of FROM aquasql.run_setting)
            AND ordered.kg - c.cum_kg < 0.2 * ordered.capacity_kg
    ),
    0::bigint,
    'no order is missing: after every day the stock position is at least 20 % of capacity'
);

SELECT is(
    (
        SELECT count(*)
        FROM lot AS l
        LEFT JOIN consumption AS c
            ON l.feed_container_id = c.feed_container_id AND l.feed_id = c.feed_id AND l.entry_date::date = c.day
        WHERE l.fifo_n > 1 AND (
            l.entry_date::date NOT BETWEEN l.purchase_date AND l.purchase_date + 3
            -- an early delivery only when the earlier lots would not cover the day
            OR (l.entry_date::date < l.purchase_date + 3 AND (c.day IS NULL OR l.before_kg >= c.cum_kg))
        )
    ),
    0::bigint,
    'an order arrives 3 days after it is placed, earlier only when the stock would not cover the day'
);

SELECT ok(
    (SELECT count(*) FROM lot WHERE fifo_n > 1 AND entry_date::date = purchase_date + 3) > 0,
    'orders normally arrive 3 days after they are placed'
);

SELECT is(
    (
        SELECT count(*)
        FROM inventory_feedpurchase AS p
        WHERE p.expiry_date <> (p.purchase_date + interval '12 months')::date
            OR p.supplier NOT IN ('BioMar', 'Skretting', 'Cargill')
            OR p.cost_per_kg NOT BETWEEN 1.2 AND 2.5
            OR p.notes <> '' OR p.batch_number = ''
    ),
    0::bigint,
    'purchases: expiry after 12 months, a known supplier, 1.20-2.50 per kg, a batch number'
);

SELECT is(
    (
        WITH price AS (
            SELECT DISTINCT extract(YEAR FROM p.purchase_date) AS y, f.pellet_size_mm, p.cost_per_kg
            FROM inventory_feedpurchase AS p
            INNER JOIN inventory_feed AS f ON p.feed_id = f.id
        )

        SELECT count(*)
        FROM price AS finer
        INNER JOIN price AS coarser
            ON finer.y = coarser.y AND (
                (finer.pellet_size_mm = coarser.pellet_size_mm AND finer.cost_per_kg <> coarser.cost_per_kg)
                OR (finer.pellet_size_mm < coarser.pellet_size_mm AND finer.cost_per_kg < coarser.cost_per_kg)
            )
    ),
    0::bigint,
    'one price per feed and year, and finer feeds are never cheaper than coarser ones that year'
);

SELECT throws_ok(
    'SELECT aquasql.generate_feed_inventory(ARRAY[1]::bigint[])',
    '22023',
    NULL,
    'the inventory cannot be generated for a subset of the batches'
);

-- Determinism: again, and after regenerating one batch's feeding, the same rows.
CREATE TEMP TABLE digest AS
SELECT
    (SELECT md5(string_agg(p::text, ',' ORDER BY p.id)) FROM inventory_feedpurchase AS p)
    || (SELECT md5(string_agg(s::text, ',' ORDER BY s.id)) FROM inventory_feedcontainerstock AS s)
    || (SELECT md5(string_agg(e.id || ':' || e.feed_cost, ',' ORDER BY e.id)) FROM inventory_feedingevent AS e)
    AS d;

SELECT aquasql.generate_feed_inventory();
SELECT is(
    (SELECT md5(string_agg(p::text, ',' ORDER BY p.id)) FROM inventory_feedpurchase AS p)
    || (SELECT md5(string_agg(s::text, ',' ORDER BY s.id)) FROM inventory_feedcontainerstock AS s)
    || (SELECT md5(string_agg(e.id || ':' || e.feed_cost, ',' ORDER BY e.id)) FROM inventory_feedingevent AS e),
    (SELECT d FROM digest),
    'generating the inventory again gives identical rows'
);

SELECT aquasql.generate_feeding(ARRAY[3]::bigint[]);
SELECT aquasql.generate_feed_inventory();
SELECT is(
    (SELECT md5(string_agg(p::text, ',' ORDER BY p.id)) FROM inventory_feedpurchase AS p)
    || (SELECT md5(string_agg(s::text, ',' ORDER BY s.id)) FROM inventory_feedcontainerstock AS s)
    || (SELECT md5(string_agg(e.id || ':' || e.feed_cost, ',' ORDER BY e.id)) FROM inventory_feedingevent AS e),
    (SELECT d FROM digest),
    'regenerating a batch''s feeding, then the inventory, gives identical rows'
);

SELECT * FROM finish();
ROLLBACK;
