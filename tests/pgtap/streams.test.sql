-- one mode: reads the functions' source only
-- One stream per draw (sql/11_streams.sql): every random quantity the generator draws is named
-- in aquasql.prng_draws() with a stream of its own, and the code reaches streams only through
-- aquasql.stream(name). A rand_* function draws from fixed lanes of its own, so two draws
-- could only share a random number through the same (stream, lane) and keys; with unique
-- streams no two named draws share (stream, lane) whatever their keys. The code is checked
-- from the functions' source (pg_proc.prosrc of schema aquasql). Also: lookups by name
-- (stream, param, user_id) fail for an unknown name instead of returning NULL.
BEGIN;

SELECT plan(17);

SELECT has_function('aquasql', 'prng_draws', 'the list of draws exists');
SELECT has_function('aquasql', 'stream', ARRAY['text'], 'stream(name) exists');

-- ---------------------------------------------------------------------------------------------
-- The list
-- ---------------------------------------------------------------------------------------------

SELECT is_empty(
    $$ SELECT draw FROM aquasql.prng_draws() GROUP BY draw HAVING count(*) > 1 $$,
    'every draw is listed once'
);

SELECT is_empty(
    $$ SELECT stream, string_agg(draw, ', ' ORDER BY draw) FROM aquasql.prng_draws()
       GROUP BY stream HAVING count(*) > 1 $$,
    'no two draws share a stream (and so no (stream, lane) for the same keys)'
);

SELECT is_empty(
    $$ SELECT draw FROM aquasql.prng_draws()
       WHERE stream IS NULL OR stream < 1 OR call_sites IS NULL OR call_sites < 1
           OR drawn_with NOT IN ('rand_uniform', 'rand_normal', 'rand_int', 'rand_poisson',
               'rand_binomial', 'rand_choice', 'rand_choice_cdf')
           OR coalesce(keys, '') = '' OR coalesce(purpose, '') = '' $$,
    'every draw has a positive stream, a rand_* function, keys, call sites and a purpose'
);

SELECT is_empty(
    $$ SELECT draw FROM aquasql.prng_draws() WHERE aquasql.stream(draw) IS DISTINCT FROM stream $$,
    'stream(name) returns the listed stream of every draw'
);

SELECT isnt(
    aquasql.stream('egg_price'), aquasql.stream('dead_on_arrival'),
    'the egg price and the dead-on-arrival share no longer share a stream'
);

-- ---------------------------------------------------------------------------------------------
-- The code: every rand_* call of the generator names its draw
-- ---------------------------------------------------------------------------------------------

CREATE TEMPORARY TABLE generator_source ON COMMIT DROP AS
SELECT
    p.oid::regprocedure::text AS function_name,
    p.prosrc AS source
FROM pg_proc AS p
WHERE p.pronamespace = 'aquasql'::regnamespace
-- the PRNG library itself draws on the streams it is given
AND p.proname NOT LIKE 'rand\_%' AND p.proname NOT IN ('poisson_table', 'weights_cdf');

-- rand_<function>(<seed>, aquasql.stream('<draw>') …: the seed is a column, a variable or
-- aquasql.run_seed(), never an expression with a comma.
CREATE TEMPORARY TABLE draw_use ON COMMIT DROP AS
SELECT
    s.function_name,
    m[1] AS drawn_with,
    m[2] AS draw
FROM generator_source AS s
CROSS JOIN LATERAL regexp_matches(
    s.source, 'aquasql\.(rand_[a-z_]+)\(\s*[^,]+,\s*aquasql\.stream\(''([a-z0-9_]+)''\)', 'g'
) AS m;

SELECT cmp_ok(
    (SELECT count(*) FROM draw_use), '>=', (SELECT sum(call_sites) FROM aquasql.prng_draws()),
    'the source scan finds the draws'
);

SELECT is_empty(
    $$ SELECT s.function_name, count(*)
       FROM generator_source AS s
       CROSS JOIN LATERAL regexp_matches(s.source, 'aquasql\.rand_[a-z_]+\(', 'g') AS m
       GROUP BY s.function_name
       HAVING count(*) <> (SELECT count(*) FROM draw_use AS u WHERE u.function_name = s.function_name) $$,
    'every rand_* call outside the PRNG library takes its stream from aquasql.stream(''<draw>'')'
);

SELECT is_empty(
    $$ SELECT u.function_name, u.draw FROM draw_use AS u
       WHERE NOT EXISTS (SELECT 1 FROM aquasql.prng_draws() AS d WHERE d.draw = u.draw) $$,
    'every draw named in the code is in the list'
);

SELECT is_empty(
    $$ SELECT u.function_name, u.draw, u.drawn_with, d.drawn_with AS listed
       FROM draw_use AS u
       INNER JOIN aquasql.prng_draws() AS d ON u.draw = d.draw
       WHERE u.drawn_with <> d.drawn_with $$,
    'every draw is drawn with the rand_* function the list names'
);

SELECT is_empty(
    $$ SELECT d.draw, d.call_sites, count(u.draw) AS found
       FROM aquasql.prng_draws() AS d
       LEFT JOIN draw_use AS u ON d.draw = u.draw
       GROUP BY d.draw, d.call_sites
       HAVING count(u.draw) <> d.call_sites $$,
    'every draw has as many call sites as listed: none reused elsewhere, none unused'
);

-- ---------------------------------------------------------------------------------------------
-- Unknown names fail
-- ---------------------------------------------------------------------------------------------

SELECT throws_ok(
    $$ SELECT aquasql.stream('no_such_draw') $$,
    '22023', 'unknown PRNG draw "no_such_draw": not in aquasql.prng_draws()',
    'an unknown stream is an error naming it and the list'
);

SELECT throws_ok(
    $$ SELECT aquasql.rand_uniform(42, aquasql.stream('no_such_draw'), g) FROM generate_series(1, 0) AS g $$,
    '22023', 'unknown PRNG draw "no_such_draw": not in aquasql.prng_draws()',
    'an unknown stream fails when the query is planned, even if it draws nothing'
);

SELECT throws_ok(
    $$ SELECT aquasql.param('no_such_parameter') $$,
    '22023', 'unknown model parameter "no_such_parameter": not in aquasql.model_parameter',
    'an unknown model parameter is an error naming it and its table'
);

SELECT is(aquasql.param('egg_weight_g'), 0.1::double precision, 'a known parameter has its value');

SELECT throws_ok(
    $$ SELECT aquasql.user_id('no_such_user') $$,
    '22023', 'unknown user "no_such_user": not in auth_user',
    'an unknown username is an error naming it and its table'
);

SELECT * FROM finish();
ROLLBACK;
