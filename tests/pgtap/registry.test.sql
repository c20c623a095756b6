-- one mode: writes no hypertable (readings are the only one aquasql writes)
-- The registry (sql/12_registry.sql) is the one list of what aquasql writes: every public table
-- an aquasql function inserts into is registered (unless only the infrastructure and master
-- data write it), every registered family has a generator of the right shape, every
-- registered table and column exists, and every way the registry says to find aquasql's rows
-- runs. The code is read from the functions' source (pg_proc.prosrc of schema aquasql).
BEGIN;

SELECT plan(15);

CREATE TEMPORARY TABLE function_source ON COMMIT DROP AS
SELECT
    p.oid AS function_oid,
    -- the database's collation, as the registry's text has ("default" is a collation, not a column)
    p.proname::text COLLATE "default" AS function_name,  -- noqa: RF03
    p.prosrc AS source
FROM pg_proc AS p
WHERE p.pronamespace = 'aquasql'::regnamespace;

-- the public tables each function inserts rows into (INSERT INTO, possibly schema-qualified)
CREATE TEMPORARY TABLE inserted ON COMMIT DROP AS
SELECT DISTINCT
    s.function_name,
    lower(m[1]) AS table_name
FROM function_source AS s
CROSS JOIN LATERAL regexp_matches(s.source, 'INSERT\s+INTO\s+(?:public\.)?([a-z_0-9]+)', 'gi') AS m
WHERE to_regclass('public.' || lower(m[1])) IS NOT NULL;

SELECT isnt_empty(
    $$ SELECT * FROM inserted
       WHERE function_name = 'generate_readings' AND table_name = 'environmental_environmentalreading' $$,
    'the audit finds the public tables the generator inserts into (the readings, for one)'
);

-- the functions the setup generators call, directly or through others (their named steps)
CREATE TEMPORARY TABLE setup_function ON COMMIT DROP AS
WITH RECURSIVE reached (function_name) AS (
    SELECT substring(f.generator FROM '\.(.+)$')
    FROM aquasql.event_family() AS f
    WHERE f.scope = 'setup'
    UNION
    SELECT callee.function_name
    FROM reached
    INNER JOIN function_source AS caller ON reached.function_name = caller.function_name
    INNER JOIN function_source AS callee ON strpos(caller.source, 'aquasql.' || callee.function_name || '(') > 0
)

SELECT function_name FROM reached;

SELECT isnt_empty(
    $$ SELECT * FROM setup_function WHERE function_name LIKE 'master\_data\_%' $$,
    'the audit follows the setup generators into their steps (master data''s, for one)'
);

SELECT is_empty(
    $$ SELECT i.table_name, string_agg(i.function_name, ', ')
       FROM inserted AS i
       WHERE i.table_name NOT IN (SELECT g.table_name FROM aquasql.generated_table() AS g)
       GROUP BY i.table_name
       HAVING bool_or(i.function_name NOT IN (SELECT sf.function_name FROM setup_function AS sf)) $$,
    'every table an aquasql function inserts into is in aquasql.generated_table(), or written only by setup'
);

SELECT is_empty(
    $$ SELECT family FROM aquasql.event_family() GROUP BY family HAVING count(*) > 1
       UNION ALL
       SELECT table_name FROM aquasql.generated_table() GROUP BY table_name HAVING count(*) > 1 $$,
    'every family and every table is listed once'
);

SELECT is_empty(
    $$ SELECT family, scope FROM aquasql.event_family()
       WHERE scope NOT IN ('setup', 'plan', 'batch', 'cross-batch') OR generator IS NULL
           OR to_regproc(generator) IS NULL AND NOT EXISTS (
               SELECT 1 FROM pg_proc AS p
               WHERE p.pronamespace = 'aquasql'::regnamespace AND 'aquasql.' || p.proname = generator
           ) $$,
    'every family has a known scope and names a generator that exists'
);

SELECT is_empty(
    $$ SELECT f.family, f.generator
       FROM aquasql.event_family() AS f
       WHERE f.scope IN ('batch', 'cross-batch') AND NOT EXISTS (
           SELECT 1 FROM pg_proc AS p
           WHERE p.pronamespace = 'aquasql'::regnamespace AND 'aquasql.' || p.proname = f.generator
               AND p.prorettype = 'bigint'::regtype
               AND CASE
                   WHEN f.scope = 'cross-batch' THEN p.pronargs = p.pronargdefaults
                   WHEN f.with_individuals THEN oidvectortypes(p.proargtypes) = 'bigint[], boolean'
                   ELSE oidvectortypes(p.proargtypes) = 'bigint[]'
               END
       ) $$,
    'every batch generator takes the batches (and the individuals option if it says so), every cross-batch '
    || 'generator can be called without arguments, and both return the rows written'
);

SELECT is_empty(
    $$ SELECT g.table_name, g.family FROM aquasql.generated_table() AS g
       WHERE g.family NOT IN (SELECT f.family FROM aquasql.event_family() AS f WHERE f.scope <> 'setup') $$,
    'every table belongs to a registered family that writes history'
);

SELECT is_empty(
    $$ SELECT f.family FROM aquasql.event_family() AS f
       WHERE f.scope <> 'setup' AND NOT EXISTS (
           SELECT 1 FROM aquasql.generated_table() AS g WHERE g.family = f.family AND g.counted
       ) $$,
    'every family that writes history has a table its count covers'
);

SELECT is_empty(
    $$ SELECT g.table_name FROM aquasql.generated_table() AS g WHERE to_regclass('public.' || g.table_name) IS NULL $$,
    'every registered table exists at the default AquaMind version'
);

SELECT is_empty(
    $$ SELECT g.table_name, g.assignment_column FROM aquasql.generated_table() AS g
       WHERE g.assignment_column IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM information_schema.columns AS c
           WHERE c.table_schema = 'public' AND c.table_name = g.table_name AND c.column_name = g.assignment_column
       ) $$,
    'every assignment column exists in its table'
);

SELECT is_empty(
    $$ SELECT g.table_name FROM aquasql.generated_table() AS g
       WHERE (g.strict_name IS NOT NULL) AND (g.assignment_column IS NULL)
       UNION ALL
       SELECT strict_name FROM aquasql.generated_table() WHERE strict_name IS NOT NULL
       GROUP BY strict_name HAVING count(*) > 1 $$,
    'strict names are unique and only on tables with an assignment column'
);

-- each predicate runs against its table (an error here fails the whole file)
CREATE FUNCTION pg_temp.rows_found(p_table text, p_predicate text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM public.%I WHERE %s', p_table, p_predicate) INTO n USING '{1,2}'::bigint[];
    RETURN n;
END
$$;

SELECT is(
    (
        SELECT count(*) FROM aquasql.generated_table() AS g
        WHERE g.rows_of_batches IS NOT NULL AND pg_temp.rows_found(g.table_name, g.rows_of_batches) >= 0
    ),
    (
        SELECT count(*) FROM aquasql.generated_table() AS g
        WHERE g.rows_of_batches IS NOT NULL
    ),
    'every way of finding aquasql''s rows runs against its table'
);

SELECT is_empty(
    $$ SELECT f.family FROM aquasql.event_family() AS f
       WHERE f.volume_unit IS NOT NULL AND (
           f.volume_unit NOT IN ('sensor-day', 'fed container-day', 'container-day', 'sea container-day')
           OR f.volume_low IS NULL OR f.volume_high IS NULL OR f.volume_low > f.volume_high
           OR f.volume_expected IS NULL OR f.volume_digits IS NULL
           OR NOT EXISTS (
               SELECT 1 FROM aquasql.generated_table() AS g WHERE g.family = f.family AND g.assignment_column IS NOT NULL
           )
       ) $$,
    'every volume band has a known unit, a band, its text, and a per-container table to count'
);

SELECT ok(
    (SELECT array_agg(t::text ORDER BY t::text) FROM unnest(aquasql.index_suspended_tables()) AS t)
    = (
        SELECT array_agg(table_name ORDER BY table_name) FROM aquasql.generated_table()
        WHERE indexes_set_aside
    ),
    'the load sets aside the indexes of exactly the registry''s tables'
);

SELECT ok(
    (SELECT array_agg(t ORDER BY t) FROM aquasql.cross_batch_tables() AS t)
    @> ARRAY['inventory_feedcontainerstock', 'inventory_feedingevent', 'inventory_feedpurchase'],
    'the feed stock''s tables and the feeding events it prices wait for the cross-batch step'
);

SELECT * FROM finish();
ROLLBACK;
