-- The registry of what aquasql writes: one list of event families and one of the AquaMind
-- tables they write. Everything that needs such a list reads these two functions: the batch
-- and cross-batch drivers, clearing and wiping, aquasql's guarantees and strict constraints,
-- verify, the load's policy in the CLI, the benchmarks and the tests. Adding a family is a row
-- in each list, its generator file and its tests (tests/pgtap/registry.test.sql audits it).

-- One row per family, in the order the generators run.
--   scope: 'setup' (infrastructure and master data: kept when the history is wiped, and
--     so written by no event family), 'plan' (written by the planner), 'batch' (one call per
--     batch or set of batches: generator(batches bigint[])), 'cross-batch' (once after every
--     batch: generator()).
--   generator: the function, by name; it returns the rows it wrote in the family's tables.
--   with_individuals: the generator also takes the run's with_individuals option.
--   updates: tables of other families whose rows this family's generator changes.
--   volume_*: verify's volume band for the family's first table, rows per batch over a unit of
--     the batch's history (aquasql.verify_volumes names the units), for the batches where
--     volume_applies (an expression over the same per-batch figures) holds.
CREATE OR REPLACE FUNCTION aquasql.event_family()
RETURNS TABLE (
    family text,
    scope text,
    generator text,
    with_individuals boolean,
    updates text[],
    volume_unit text,
    volume_low numeric,
    volume_high numeric,
    volume_expected text,
    volume_digits integer,
    volume_applies text
)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    VALUES
    ('infrastructure', 'setup', 'aquasql.generate_infrastructure', FALSE, NULL::text[],
        NULL, NULL::numeric, NULL::numeric, NULL, NULL::integer, NULL),
    ('master data', 'setup', 'aquasql.generate_master_data', FALSE, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    ('plan', 'plan', 'aquasql.plan', FALSE, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    ('daily states', 'batch', 'aquasql.generate_lifecycle', FALSE, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    -- batches of 200 sensor-weeks or more: a sensor is out of service 1 week in 100, so a young
    -- tiny batch's 40 sensor-weeks lose 5 % of their readings to 2 outages in 1 of 15
    ('environmental readings', 'batch', 'aquasql.generate_readings', FALSE, NULL,
        'sensor-day', 5.7, 6.0, '6 (06 – 18 h) while occupied, less the weeks a sensor is out of service', 2,
        'sensor_days >= 1400'),
    ('feeding events', 'batch', 'aquasql.generate_feeding', FALSE, NULL,
        'fed container-day', 1.8, 2.1, '≈ 2 (two meals; none in Egg&Alevin)', 2, NULL),
    ('mortality events', 'batch', 'aquasql.generate_mortality_events', FALSE, NULL,
        'container-day', 0.5, 1.0, '0.5 – 1 (one per day with deaths)', 3, NULL),
    -- batches fed two weeks or more: a tank's first weighing is on its first weekly slot
    ('growth samples', 'batch', 'aquasql.generate_growth_samples', TRUE, NULL,
        'fed container-day', 0.05, 0.20, '0.05 – 0.20 (weekly in freshwater, every 4 – 5 weeks at sea)', 3,
        'fed_dates >= 14'),
    -- batches a week or more at sea: the first count is on a ring's first working-day slot
    ('lice counts', 'batch', 'aquasql.generate_lice_counts', FALSE, NULL,
        'sea container-day', 0.2, 1.2, '0.2 – 1.2 (weekly or fortnightly, a row per lice type)', 3,
        'sea_days >= 7 * rings'),
    ('journal entries', 'batch', 'aquasql.generate_journal', FALSE, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    ('harvest rows', 'batch', 'aquasql.generate_harvest', FALSE, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    ('scenario rows', 'batch', 'aquasql.generate_scenarios', FALSE, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    -- feed stock spans batches (FIFO lots across silos): it also prices the feeding events
    ('feed purchases and lots', 'cross-batch', 'aquasql.generate_feed_inventory', FALSE,
        ARRAY['inventory_feedingevent'], NULL, NULL, NULL, NULL, NULL, NULL)
$$;

-- One row per AquaMind table aquasql writes, listed children first so deleting in this order
-- never orphans a row.
--   family: the family whose generator writes it (aquasql.event_family()).
--   counted: its rows are in the count the family's generator returns.
--   rows_of_batches: how to find aquasql's rows of the batches $1 (bigint[]); NULL where the
--     rows are found by the id range a cross-batch step recorded (aquasql.generated_id_range).
--   assignment_column: the column naming the row's container assignment, for a per-container
--     event (aquasql's guarantee: it names one, of the row's batch and container).
--   strict_name: the per-table part of its `--strict` constraints' names (aquasql_strict_*).
--   indexes_set_aside: its secondary indexes are built once after a load rather than row by
--     row (no generator reads it back by them while batches load).
CREATE OR REPLACE FUNCTION aquasql.generated_table()
RETURNS TABLE (
    table_name text,
    family text,
    counted boolean,
    rows_of_batches text,
    assignment_column text,
    strict_name text,
    indexes_set_aside boolean
)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    VALUES
    ('environmental_environmentalreading', 'environmental readings', TRUE, 'batch_id = ANY($1)',
        'batch_container_assignment_id', 'reading', TRUE),
    ('batch_actualdailyassignmentstate', 'daily states', TRUE, 'batch_id = ANY($1)',
        'assignment_id', 'daily_state', FALSE),
    ('inventory_feedingevent', 'feeding events', TRUE, 'batch_id = ANY($1)',
        'batch_assignment_id', 'feeding', TRUE),
    ('inventory_feedcontainerstock', 'feed purchases and lots', TRUE, NULL, NULL, NULL, FALSE),
    ('inventory_feedpurchase', 'feed purchases and lots', TRUE, NULL, NULL, NULL, FALSE),
    ('batch_mortalityevent', 'mortality events', TRUE, 'batch_id = ANY($1)', 'assignment_id', 'mortality', FALSE),
    ('batch_individualgrowthobservation', 'growth samples', TRUE,
        'growth_sample_id IN (SELECT g.id FROM batch_growthsample AS g '
        || 'INNER JOIN batch_batchcontainerassignment AS a ON g.assignment_id = a.id WHERE a.batch_id = ANY($1))',
        NULL, NULL, FALSE),
    -- AquaMind's own key makes its assignment required: no strict constraint to add
    ('batch_growthsample', 'growth samples', TRUE,
        'assignment_id IN (SELECT a.id FROM batch_batchcontainerassignment AS a WHERE a.batch_id = ANY($1))',
        'assignment_id', NULL, FALSE),
    ('health_licecount', 'lice counts', TRUE, 'batch_id = ANY($1)', 'assignment_id', 'lice', FALSE),
    ('health_journalentry', 'journal entries', TRUE, 'batch_id = ANY($1)', NULL, NULL, FALSE),
    ('finance_factharvest', 'harvest rows', TRUE,
        'event_id IN (SELECT e.id FROM harvest_harvestevent AS e WHERE e.batch_id = ANY($1))', NULL, NULL, FALSE),
    ('harvest_harvestlot', 'harvest rows', TRUE,
        'event_id IN (SELECT e.id FROM harvest_harvestevent AS e WHERE e.batch_id = ANY($1))', NULL, NULL, FALSE),
    ('harvest_harvestevent', 'harvest rows', TRUE, 'batch_id = ANY($1)', 'assignment_id', 'harvest', FALSE),
    -- projection id = scenario id × 1000 + day, in both versions
    ('scenario_scenarioprojection', 'scenario rows', TRUE,
        'projection_id / 1000 IN (SELECT s.scenario_id FROM scenario AS s WHERE s.batch_id = ANY($1))',
        NULL, NULL, FALSE),
    -- cb41030 only; the generator's count leaves the runs out
    ('scenario_projection_run', 'scenario rows', FALSE,
        'scenario_id IN (SELECT s.scenario_id FROM scenario AS s WHERE s.batch_id = ANY($1))', NULL, NULL, FALSE),
    ('scenario', 'scenario rows', TRUE, 'batch_id = ANY($1)', NULL, NULL, FALSE),
    -- creation and transfer workflows are written by the lifecycle, which counts daily states
    ('batch_transferaction', 'daily states', FALSE,
        'workflow_id IN (SELECT w.id FROM batch_batchtransferworkflow AS w WHERE w.batch_id = ANY($1))',
        NULL, NULL, FALSE),
    ('batch_batchtransferworkflow', 'daily states', FALSE, 'batch_id = ANY($1)', NULL, NULL, FALSE),
    ('batch_creationaction', 'daily states', FALSE,
        'workflow_id IN (SELECT w.id FROM batch_creationworkflow AS w WHERE w.batch_id = ANY($1))', NULL, NULL, FALSE),
    ('batch_creationworkflow', 'daily states', FALSE, 'batch_id = ANY($1)', NULL, NULL, FALSE),
    ('batch_batchcontainerassignment', 'plan', TRUE, 'batch_id = ANY($1)', NULL, NULL, FALSE),
    ('batch_batch', 'plan', TRUE, 'id = ANY($1)', NULL, NULL, FALSE)
$$;

-- The tables whose secondary indexes a load sets aside (read by the CLI and aquasql.seed()).
CREATE OR REPLACE FUNCTION aquasql.index_suspended_tables()
RETURNS regclass[]
LANGUAGE sql STABLE
AS $$
    SELECT coalesce(array_agg(to_regclass('public.' || g.table_name) ORDER BY g.table_name), '{}')
    FROM aquasql.generated_table() AS g
    WHERE g.indexes_set_aside AND to_regclass('public.' || g.table_name) IS NOT NULL
$$;

-- The tables the cross-batch steps write or change: their keys and indexes wait for those steps.
CREATE OR REPLACE FUNCTION aquasql.cross_batch_tables()
RETURNS SETOF text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT g.table_name
    FROM aquasql.generated_table() AS g
    INNER JOIN aquasql.event_family() AS f ON g.family = f.family
    WHERE f.scope = 'cross-batch'
    UNION
    SELECT u.table_name
    FROM aquasql.event_family() AS f CROSS JOIN LATERAL unnest(f.updates) AS u (table_name)
    WHERE f.scope = 'cross-batch'
$$;

COMMENT ON FUNCTION aquasql.event_family() IS
'The event families aquasql generates, in run order: scope, generator, verify''s volume band.';
COMMENT ON FUNCTION aquasql.generated_table() IS
'The AquaMind tables aquasql writes, children first: family, how to find aquasql''s rows, assignment column, '
'strict-constraint name, whether a load sets its secondary indexes aside.';
