-- slow: 10^6 draws per distribution (left out by scripts/test.sh --quick)
-- one mode: the PRNG is pure functions, the same with TimescaleDB on or off
-- The deterministic PRNG (sql/10_prng.sql): properties (immutable, inlined, no random()),
-- pinned values, distributions (10^6 draws each) and serial correlation between neighbouring
-- keys. Samples use fixed seeds, so every statistic is deterministic: bounds are set at about
-- 5 standard errors (or p = 0.001 for chi-square) so that a correct generator passes with room
-- and a broken one fails.
BEGIN;

SELECT plan(68);

-- Statistics need many draws, not fast plans: JIT compiling the large inlined expressions
-- would cost more than it saves on these sample sizes.
SET LOCAL jit = off;
SET LOCAL max_parallel_workers_per_gather = 2;

-- ---------------------------------------------------------------------------------------------
-- Properties
-- ---------------------------------------------------------------------------------------------

SELECT has_function(
    'aquasql', 'rand_uniform', ARRAY['bigint', 'integer', 'bigint', 'bigint', 'bigint'],
    'rand_uniform(seed, stream, k1, k2, k3) exists'
);
SELECT has_function(
    'aquasql', 'rand_normal',
    ARRAY['bigint', 'integer', 'bigint', 'bigint', 'bigint', 'double precision', 'double precision'],
    'rand_normal(seed, stream, k1, k2, k3, mean, sd) exists'
);
SELECT has_function(
    'aquasql', 'rand_int',
    ARRAY['bigint', 'integer', 'bigint', 'bigint', 'bigint', 'integer', 'integer'],
    'rand_int(seed, stream, k1, k2, k3, lo, hi) exists'
);
SELECT has_function(
    'aquasql', 'rand_poisson',
    ARRAY['bigint', 'integer', 'bigint', 'bigint', 'bigint', 'double precision'],
    'rand_poisson(seed, stream, k1, k2, k3, lambda) exists'
);
SELECT has_function(
    'aquasql', 'rand_choice',
    ARRAY['bigint', 'integer', 'bigint', 'bigint', 'bigint', 'double precision[]'],
    'rand_choice(seed, stream, k1, k2, k3, weights) exists'
);
SELECT has_function(
    'aquasql', 'rand_binomial',
    ARRAY['bigint', 'integer', 'bigint', 'bigint', 'bigint', 'integer', 'double precision'],
    'rand_binomial(seed, stream, k1, k2, k3, n, p) exists'
);

SELECT is_empty(
    $$
    SELECT p.oid::regprocedure::text, p.provolatile, p.proparallel, l.lanname, p.proisstrict
    FROM pg_proc AS p
    INNER JOIN pg_namespace AS n ON p.pronamespace = n.oid
    INNER JOIN pg_language AS l ON p.prolang = l.oid
    WHERE
        n.nspname = 'aquasql'
        AND (p.proname LIKE 'rand\_%' OR p.proname IN ('poisson_table', 'weights_cdf'))
        AND (p.provolatile <> 'i' OR p.proparallel <> 's' OR l.lanname <> 'sql' OR p.proisstrict)
    $$,
    'PRNG functions are LANGUAGE sql IMMUTABLE PARALLEL SAFE and not STRICT (inlinable)'
);

-- Comments are stripped first, so a comment that mentions random() is no offence.
SELECT is_empty(
    $$
    SELECT p.oid::regprocedure::text
    FROM pg_proc AS p
    INNER JOIN pg_namespace AS n ON p.pronamespace = n.oid
    WHERE
        n.nspname = 'aquasql'
        AND regexp_replace(regexp_replace(p.prosrc, '/\*.*?\*/', '', 'g'), '--[^\n]*', '', 'g')
        ~* '(^|[^a-z0-9_.])(pg_catalog\.)?(random|random_normal|setseed|gen_random_uuid|uuid_generate_v4)\s*\('
    $$,
    'no function in schema aquasql calls random(), setseed() or a random UUID'
);

SELECT is(
    (
        SELECT count(*)::integer FROM pg_proc
        WHERE
            pronamespace = 'aquasql'::regnamespace
            AND (proname LIKE 'rand\_%' OR proname IN ('poisson_table', 'weights_cdf'))
            AND obj_description(oid, 'pg_proc') IS NULL
    ),
    0,
    'every PRNG function has a COMMENT'
);

-- Inlining: the plan of a query over real columns must not call any aquasql function.
CREATE FUNCTION pg_temp.plan_of(query text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || query LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END
$$;

CREATE TEMP TABLE prng_key AS
SELECT
    42::bigint AS seed,
    g AS container_id,
    g % 3650 AS day_no,
    1000 + g AS population,
    0.0004::double precision AS mortality,
    1.5::double precision AS factor,
    ARRAY[g, 1, 2]::double precision[] AS weights
FROM generate_series(1, 100) AS g;

SELECT doesnt_match(
    pg_temp.plan_of('SELECT aquasql.rand_uniform(seed, 1, container_id, day_no) FROM prng_key'),
    'aquasql\.', 'rand_uniform is inlined'
);
SELECT doesnt_match(
    pg_temp.plan_of(
        'SELECT aquasql.rand_normal(seed, 2, container_id, day_no - 1, mean => factor, sd => 0.5)'
        ' FROM prng_key'
    ),
    'aquasql\.', 'rand_normal is inlined (named mean/sd, expression key)'
);
SELECT doesnt_match(
    pg_temp.plan_of('SELECT aquasql.rand_int(seed, 3, container_id, day_no, 0, 1, 6) FROM prng_key'),
    'aquasql\.', 'rand_int is inlined'
);
SELECT doesnt_match(
    pg_temp.plan_of(
        'SELECT aquasql.rand_poisson(seed, 4, container_id, day_no, 0, population * mortality * factor)'
        ' FROM prng_key'
    ),
    'aquasql\.', 'rand_poisson is inlined (lambda a product of columns)'
);
SELECT doesnt_match(
    pg_temp.plan_of(
        'SELECT aquasql.rand_choice(seed, 5, container_id, day_no, 0, ARRAY[0.6, 0.3, 0.1])'
        ' FROM prng_key'
    ),
    'aquasql\.', 'rand_choice with constant weights is inlined and its CDF folded'
);
SELECT doesnt_match(
    pg_temp.plan_of(
        'SELECT aquasql.rand_binomial(seed, 6, container_id, day_no, 0, population, mortality * factor)'
        ' FROM prng_key'
    ),
    'aquasql\.', 'rand_binomial is inlined'
);

-- ---------------------------------------------------------------------------------------------
-- Determinism
-- ---------------------------------------------------------------------------------------------

-- Pinned values: a change here changes every generated dataset, so it must be deliberate.
SELECT is(
    ARRAY[
        aquasql.rand_bits(42, 1, 1, 0, 0, 0),
        aquasql.rand_bits(0, 0, 0, 0, 0, 0),
        aquasql.rand_bits(-1, 2147483647, -5, 9999999999, 7, 3),
        aquasql.rand_int(42, 1, 1, 0, 0, 1, 6),
        aquasql.rand_int(7, 3, 123, 45, 6, -1000, 1000),
        aquasql.rand_poisson(42, 1, 2, 0, 0, 3.5),
        aquasql.rand_poisson(7, 3, 123, 45, 6, 27.25),
        aquasql.rand_poisson(7, 3, 123, 45, 6, 1500),
        aquasql.rand_choice(42, 1, 1, 0, 0, ARRAY[1, 2, 3, 4]),
        aquasql.rand_binomial(7, 3, 123, 45, 6, 100000, 0.0001),
        aquasql.rand_binomial(7, 3, 123, 45, 6, 1000, 0.4)
    ]::bigint[],
    ARRAY[1059671311, 159262810, 2174249445, 2, -286, 5, 26, 1470, 4, 9, 377]::bigint[],
    'pinned integer draws are unchanged'
);
SELECT ok(
    aquasql.rand_uniform(42, 1, 1) = 1059671311 / 4294967296.0::double precision
    AND aquasql.rand_uniform(7, 3, 123, 45, 6) = 0.3873626843560487::double precision
    AND abs(aquasql.rand_normal(42, 1, 1) - (-1.7199650171355216)) < 1e-12
    AND abs(aquasql.rand_normal(7, 3, 123, 45, 6, 10, 2) - 7.3543000066230775) < 1e-12,
    'pinned uniform and normal draws are unchanged'
);

-- The same draws computed at plan time (constant arguments, folded) and at run time, and by
-- two differently shaped queries, agree exactly.
SELECT is(
    ARRAY[
        aquasql.rand_uniform(42, 9, 77, 5, 3),
        aquasql.rand_normal(42, 9, 77, 5, 3),
        aquasql.rand_poisson(42, 9, 77, 5, 3, 12.5)
    ],
    (
        SELECT
            ARRAY[
                aquasql.rand_uniform(42, 9, g, 5, 3),
                aquasql.rand_normal(42, 9, g, 5, 3),
                aquasql.rand_poisson(42, 9, g, 5, 3, 12.5)
            ]
        FROM generate_series(77, 77) AS g
    ),
    'plan-time (constant-folded) and run-time evaluation agree'
);

CREATE TEMP TABLE prng_draw AS
SELECT
    g AS k,
    aquasql.rand_uniform(11, 1, g, g % 7) AS u,
    aquasql.rand_normal(11, 2, g, g % 7) AS z,
    aquasql.rand_int(11, 3, g, g % 7, 0, -5, 5) AS i,
    aquasql.rand_poisson(11, 4, g, g % 7, 0, g % 400 / 10.0) AS p,
    aquasql.rand_choice(11, 5, g, g % 7, 0, ARRAY[0.2, 0.5, 0.3]) AS c,
    aquasql.rand_binomial(11, 6, g, g % 7, 0, 500, g % 10 / 10.0) AS b
FROM generate_series(1, 20000) AS g;

SELECT is_empty(
    $$
    SELECT d.k
    FROM prng_draw AS d
    INNER JOIN (
        SELECT
            k,
            aquasql.rand_uniform(11, 1, k, k % 7) AS u,
            aquasql.rand_normal(11, 2, k, k % 7) AS z,
            aquasql.rand_int(11, 3, k, k % 7, 0, -5, 5) AS i,
            aquasql.rand_poisson(11, 4, k, k % 7, 0, k % 400 / 10.0) AS p,
            aquasql.rand_choice(11, 5, k, k % 7, 0, ARRAY[0.2, 0.5, 0.3]) AS c,
            aquasql.rand_binomial(11, 6, k, k % 7, 0, 500, k % 10 / 10.0) AS b
        FROM (SELECT k FROM prng_draw ORDER BY k DESC) AS r
    ) AS again ON d.k = again.k
    WHERE (d.u, d.z, d.i, d.p, d.c, d.b) IS DISTINCT FROM (again.u, again.z, again.i, again.p, again.c, again.b)
    $$,
    'recomputing 20000 draws of every kind in another query and order gives identical values'
);

SELECT is(
    (
        SELECT count(DISTINCT v)::integer FROM (
            VALUES
            (aquasql.rand_bits(42, 1, 10, 20, 30, 0)),
            (aquasql.rand_bits(43, 1, 10, 20, 30, 0)),
            (aquasql.rand_bits(42, 2, 10, 20, 30, 0)),
            (aquasql.rand_bits(42, 1, 11, 20, 30, 0)),
            (aquasql.rand_bits(42, 1, 10, 21, 30, 0)),
            (aquasql.rand_bits(42, 1, 10, 20, 31, 0)),
            (aquasql.rand_bits(42, 1, 10, 20, 30, 1)),
            (aquasql.rand_bits(42, 1, 20, 10, 30, 0)),
            (aquasql.rand_bits(42, 1, 30, 20, 10, 0)),
            (aquasql.rand_bits(-42, 1, 10, 20, 30, 0))
        ) AS t (v)
    ),
    10,
    'changing seed, stream, any key, the lane, or swapping keys changes the draw'
);

SELECT is(
    (
        SELECT
            ARRAY[
                count(*) FILTER (WHERE aquasql.rand_uniform(42, 1, g, 3) = aquasql.rand_uniform(43, 1, g, 3)),
                count(*) FILTER (WHERE aquasql.rand_uniform(42, 1, g, 3) = aquasql.rand_uniform(42, 2, g, 3)),
                count(*) FILTER (WHERE aquasql.rand_normal(42, 1, g, 3) = aquasql.rand_normal(42, 1, g, 4)),
                count(*) FILTER (WHERE aquasql.rand_normal(42, 1, g, 3) = aquasql.rand_normal(42, 1, g + 1, 3)),
                count(*) FILTER (WHERE aquasql.rand_uniform(0, 1, g) = aquasql.rand_uniform(0, 1, g, 0, 1))
            ]::integer[]
        FROM generate_series(1, 10000) AS g
    ),
    ARRAY[0, 0, 0, 0, 0],
    'over 10^4 keys, no draw repeats under another seed, stream, k1, k2 or k3'
);

SELECT cmp_ok(
    (SELECT count(DISTINCT aquasql.rand_bits(42, 1, g, 0, 0, 0)) FROM generate_series(1, 100000) AS g),
    '>=', 99990::bigint,
    '10^5 consecutive keys give 10^5 distinct 32-bit draws (up to birthday collisions, ~1 expected)'
);

-- ---------------------------------------------------------------------------------------------
-- Uniform: 10^6 draws
-- ---------------------------------------------------------------------------------------------

CREATE TEMP TABLE uniform_bin AS
SELECT
    floor(u * 100)::integer AS bin,
    count(*) AS n,
    sum(u) AS s,
    sum(u * u) AS s2,
    min(u) AS lo,
    max(u) AS hi
FROM (SELECT aquasql.rand_uniform(42, 1, g) AS u FROM generate_series(1, 1000000) AS g) AS d
GROUP BY floor(u * 100)::integer;

CREATE TEMP TABLE uniform_stat AS
SELECT
    sum(s) / sum(n) AS mean,
    sum(s2) / sum(n) - (sum(s) / sum(n)) ^ 2 AS variance,
    min(lo) AS lo,
    max(hi) AS hi,
    sum((n - 10000.0) ^ 2 / 10000.0) AS chi2,
    count(*) AS bins
FROM uniform_bin;

SELECT ok(abs(mean - 0.5) < 0.002, format('uniform mean %s within 0.5 +- 0.002', mean)) FROM uniform_stat;
SELECT ok(
    abs(variance - 1 / 12.0) < 0.002, format('uniform variance %s within 1/12 +- 0.002', variance)
) FROM uniform_stat;
SELECT ok(lo >= 0 AND hi < 1, format('uniform draws in [0, 1): min %s, max %s', lo, hi)) FROM uniform_stat;
SELECT ok(
    bins = 100 AND chi2 < 148.2,
    format('uniform chi-square over 100 bins %s < 148.2 (df 99, p = 0.001)', round(chi2::numeric, 1))
) FROM uniform_stat;

-- ---------------------------------------------------------------------------------------------
-- Normal: 10^6 draws
-- ---------------------------------------------------------------------------------------------

CREATE TEMP TABLE normal_stat AS
SELECT
    avg(z) AS mean,
    stddev_samp(z) AS sd,
    avg((abs(z) < 1)::integer) AS within1,
    avg((abs(z) < 2)::integer) AS within2,
    avg(z ^ 3) AS m3
FROM (SELECT aquasql.rand_normal(42, 2, g) AS z FROM generate_series(1, 1000000) AS g) AS d;

SELECT ok(abs(mean) < 0.005, format('normal mean %s within 0 +- 0.005', mean)) FROM normal_stat;
SELECT ok(abs(sd - 1) < 0.005, format('normal sd %s within 1 +- 0.005', sd)) FROM normal_stat;
SELECT ok(
    abs(within1 - 0.682689) < 0.0025 AND abs(within2 - 0.954500) < 0.0012 AND abs(m3) < 0.03,
    format('normal shape: P(|z| < 1) = %s, P(|z| < 2) = %s, E[z^3] = %s', within1, within2, m3)
) FROM normal_stat;
SELECT ok(
    abs(avg(x) - 10) < 0.03 AND abs(stddev_samp(x) - 2) < 0.025,
    format('rand_normal(mean 10, sd 2): mean %s, sd %s', avg(x), stddev_samp(x))
) FROM (SELECT aquasql.rand_normal(7, 2, 5, g, mean => 10, sd => 2) AS x FROM generate_series(1, 100000) AS g) AS d;

-- ---------------------------------------------------------------------------------------------
-- rand_int
-- ---------------------------------------------------------------------------------------------

CREATE TEMP TABLE int_freq AS
SELECT
    aquasql.rand_int(42, 3, g, 0, 0, 1, 6) AS v,
    count(*) AS n
FROM generate_series(1, 600000) AS g
GROUP BY v;

SELECT is(
    (SELECT array_agg(v ORDER BY v) FROM int_freq), ARRAY[1, 2, 3, 4, 5, 6],
    'rand_int(1, 6) gives exactly the values 1..6'
);
SELECT is_empty(
    'SELECT v, n FROM int_freq WHERE abs(n - 100000) > 1500',
    'each of 1..6 drawn 100000 +- 1500 times in 600000'
);
SELECT is(
    (
        SELECT ARRAY[min(v), max(v), count(DISTINCT v)::integer]
        FROM (SELECT aquasql.rand_int(1, 3, g, 1, 0, -3, 3) AS v FROM generate_series(1, 10000) AS g) AS d
    ),
    ARRAY[-3, 3, 7],
    'rand_int(-3, 3) covers -3..3 and nothing else'
);
SELECT ok(
    bool_and(a = 5) AND bool_and(b BETWEEN -2147483648 AND 2147483647) AND count(DISTINCT b) > 99990,
    'rand_int(5, 5) is 5; rand_int over the whole integer range stays in range'
) FROM (
    SELECT
        aquasql.rand_int(1, 3, g, 2, 0, 5, 5) AS a,
        aquasql.rand_int(1, 3, g, 3, 0, -2147483648, 2147483647) AS b
    FROM generate_series(1, 100000) AS g
) AS d;
SELECT is(aquasql.rand_int(1, 3, 1, 0, 0, 6, 1), NULL, 'rand_int with lo > hi is NULL');

-- ---------------------------------------------------------------------------------------------
-- rand_poisson: mean and variance over 500000 draws per lambda, +- 5 standard errors
-- ---------------------------------------------------------------------------------------------

CREATE TEMP TABLE poisson_stat AS
SELECT
    l.lambda,
    avg(d.x) AS mean,
    var_samp(d.x) AS variance,
    min(d.x) AS lo,
    count(*) AS n
FROM (VALUES (0.5::double precision), (5), (50), (2000)) AS l (lambda)
CROSS JOIN
    LATERAL (
        SELECT aquasql.rand_poisson(42, 4, g, 0, 0, l.lambda) AS x FROM generate_series(1, 500000) AS g
    ) AS d
GROUP BY l.lambda;

SELECT ok(
    abs(mean - lambda) < 5 * sqrt(lambda / n),
    format('poisson(%s): mean %s within 5 standard errors', lambda, mean)
) FROM poisson_stat
ORDER BY lambda;
SELECT ok(
    abs(variance - lambda) < 5 * sqrt((lambda + 2 * lambda ^ 2) / n) AND lo >= 0,
    format('poisson(%s): variance %s within 5 standard errors, min %s >= 0', lambda, variance, lo)
) FROM poisson_stat
ORDER BY lambda;

-- Exact for lambda <= 30: chi-square against the Poisson pmf over the cells expecting >= 5
-- draws; critical value at p = 0.001 by the Wilson-Hilferty approximation.
CREATE TEMP TABLE poisson_fit AS
WITH l (lambda) AS (VALUES (0.999::double precision), (3.7), (17.3), (29.5)),

observed AS (
    SELECT
        l.lambda,
        aquasql.rand_poisson(5, 4, g, 1, 0, l.lambda) AS k,
        count(*) AS n
    FROM l CROSS JOIN generate_series(1, 300000) AS g
    GROUP BY l.lambda, k
),

expected AS (
    SELECT
        l.lambda,
        k.k,
        300000 * exp(
            -l.lambda + k.k * ln(l.lambda) - coalesce((SELECT sum(ln(j)) FROM generate_series(1, k.k) AS j), 0)
        ) AS e
    FROM l
    CROSS JOIN generate_series(0, 100) AS k (k)
)

SELECT
    e.lambda,
    sum((coalesce(o.n, 0) - e.e) ^ 2 / e.e) AS chi2,
    count(*) - 1 AS df
FROM expected AS e
LEFT JOIN observed AS o ON e.lambda = o.lambda AND e.k = o.k
WHERE e.e >= 5
GROUP BY e.lambda;

SELECT ok(
    chi2 < df * (1 - 2 / (9.0 * df) + 3.09 * sqrt(2 / (9.0 * df))) ^ 3,
    format('poisson(%s) matches the exact pmf: chi-square %s, df %s, p > 0.001', lambda, round(chi2::numeric, 1), df)
) FROM poisson_fit
ORDER BY lambda;

SELECT is(
    ARRAY[
        aquasql.rand_poisson(1, 4, 1, 0, 0, 0),
        aquasql.rand_poisson(1, 4, 1, 0, 0, -3),
        aquasql.rand_poisson(1, 4, 1, 0, 0, NULL)
    ],
    ARRAY[0, 0, NULL]::integer[],
    'poisson: lambda <= 0 gives 0, NULL gives NULL'
);
SELECT throws_ok(
    $$SELECT aquasql.rand_poisson(1, 4, g, 0, 0, 'NaN') FROM generate_series(1, 2) AS g$$,
    '22003', NULL, 'poisson: NaN lambda is an error, not a silent value'
);

-- The seam at lambda = 30 between the exact and the approximate method: means on both sides.
SELECT ok(
    bool_and(abs(m - lambda) < 5 * sqrt(lambda / 200000)),
    format('poisson means around the seam at 30: %s', string_agg(lambda || ' -> ' || round(m::numeric, 3), ', '))
) FROM (
    SELECT
        l.lambda,
        avg(aquasql.rand_poisson(8, 4, g, 0, 0, l.lambda)) AS m
    FROM (VALUES (29.99::double precision), (30), (30.01)) AS l (lambda)
    CROSS JOIN generate_series(1, 200000) AS g
    GROUP BY l.lambda
) AS t;

-- ---------------------------------------------------------------------------------------------
-- rand_choice
-- ---------------------------------------------------------------------------------------------

SELECT is_empty(
    $$
    SELECT c, n / 1e6 AS share
    FROM (
        SELECT aquasql.rand_choice(42, 5, g, 0, 0, ARRAY[0.5, 0.3, 0.2, 0]) AS c, count(*) AS n
        FROM generate_series(1, 1000000) AS g
        GROUP BY 1
    ) AS t
    FULL JOIN (VALUES (1, 0.5), (2, 0.3), (3, 0.2)) AS w (c, share) USING (c)
    WHERE w.share IS NULL OR t.n IS NULL OR abs(t.n / 1e6 - w.share) > 0.0025
    $$,
    'rand_choice([0.5, 0.3, 0.2, 0]) frequencies within 0.0025 of the weights; index 4 never'
);
SELECT is_empty(
    $$
    SELECT c, n
    FROM (
        SELECT aquasql.rand_choice(42, 5, 7, g, 0, ARRAY[0, 1, 0, 3]) AS c, count(*) AS n
        FROM generate_series(1, 100000) AS g
        GROUP BY 1
    ) AS t
    WHERE NOT ((c = 2 AND abs(n - 25000) < 700) OR (c = 4 AND abs(n - 75000) < 700))
    $$,
    'rand_choice([0, 1, 0, 3]): zero weights never chosen, 1:3 split otherwise'
);
SELECT is(
    (
        SELECT count(*)::integer FROM prng_key AS k
        WHERE
            aquasql.rand_choice(k.seed, 5, k.container_id, 0, 0, k.weights)
            IS DISTINCT FROM aquasql.rand_choice(42, 5, k.container_id, 0, 0, ARRAY[k.container_id, 1, 2])
    ),
    0,
    'rand_choice with per-row weights (not folded) agrees with the folded constant path'
);
SELECT is(
    ARRAY[
        aquasql.rand_choice(1, 5, 1, 0, 0, ARRAY[]::double precision[]),
        aquasql.rand_choice(1, 5, 1, 0, 0, ARRAY[0, 0]),
        aquasql.rand_choice(1, 5, 1, 0, 0, ARRAY[1, -1, 2]),
        aquasql.rand_choice(1, 5, 1, 0, 0, ARRAY[1, NULL, 2]),
        aquasql.rand_choice(1, 5, 1, 0, 0, ARRAY[1, 'Infinity'::double precision]),
        aquasql.rand_choice(1, 5, 1, 0, 0, ARRAY[0, 0, 7])
    ],
    ARRAY[NULL, NULL, NULL, NULL, NULL, 3]::integer[],
    'rand_choice: empty, all-zero, negative, NULL or infinite weights give NULL; one positive weight wins'
);

-- ---------------------------------------------------------------------------------------------
-- rand_binomial
-- ---------------------------------------------------------------------------------------------

SELECT ok(
    abs(avg(x) - n * p) < 5 * sqrt(n * p * (1 - p) / count(*))
    AND abs(var_samp(x) - n * p * (1 - p)) < 0.02 * n * p * (1 - p) + 5 * sqrt(2.0 / count(*)) * n * p
    AND min(x) >= 0 AND max(x) <= n,
    format('binomial(%s, %s): mean %s, variance %s, range [%s, %s]', n, p, avg(x), var_samp(x), min(x), max(x))
) FROM (
    SELECT
        t.n,
        t.p,
        aquasql.rand_binomial(42, 6, g, 0, 0, t.n, t.p) AS x
    FROM (VALUES (50000, 0.0002::double precision), (1000, 0.3), (200, 0.95)) AS t (n, p)
    CROSS JOIN generate_series(1, 200000) AS g
) AS d
GROUP BY n, p
ORDER BY n;

SELECT is(
    ARRAY[
        aquasql.rand_binomial(1, 6, 1, 0, 0, 100, 0),
        aquasql.rand_binomial(1, 6, 1, 0, 0, 100, 1),
        aquasql.rand_binomial(1, 6, 1, 0, 0, 0, 0.5),
        aquasql.rand_binomial(1, 6, 1, 0, 0, 100, NULL)
    ],
    ARRAY[0, 100, 0, NULL]::integer[],
    'binomial: p = 0 gives 0, p = 1 gives n, n = 0 gives 0, NULL p gives NULL'
);

-- ---------------------------------------------------------------------------------------------
-- Independence: lag-1 correlation over 10^6 neighbouring keys, |r| < 0.005 (about 5 standard
-- errors), for seeds including 0 and 7 (where hashint8extended's high bits are correlated).
-- ---------------------------------------------------------------------------------------------

SELECT ok(
    abs(r) < 0.005, format('seed %s: lag-1 correlation over consecutive k1 = %s', seed, r)
) FROM (
    SELECT
        s.seed,
        corr(aquasql.rand_uniform(s.seed, 1, g), aquasql.rand_uniform(s.seed, 1, g + 1)) AS r
    FROM (VALUES (0::bigint), (7), (42), (-4611686018427387904)) AS s (seed)
    CROSS JOIN generate_series(1, 1000000) AS g
    GROUP BY s.seed
) AS t
ORDER BY seed;

SELECT ok(
    abs(r) < 0.005, format('seed %s: lag-1 correlation over consecutive days (k2, k1 = 17) = %s', seed, r)
) FROM (
    SELECT
        s.seed,
        corr(aquasql.rand_uniform(s.seed, 1, 17, g), aquasql.rand_uniform(s.seed, 1, 17, g + 1)) AS r
    FROM (VALUES (0::bigint), (7), (42), (-4611686018427387904)) AS s (seed)
    CROSS JOIN generate_series(1, 1000000) AS g
    GROUP BY s.seed
) AS t
ORDER BY seed;

-- Further axes and pairs over 250000 keys each: |r| < 0.01 (about 5 standard errors).
SELECT ok(
    max(abs(r)) < 0.01,
    format('lag-1 correlations, other axes and draws: %s', string_agg(what || ' ' || round(r::numeric, 5), ', '))
) FROM (
    SELECT
        'k3' AS what,
        corr(aquasql.rand_uniform(0, 1, 3, 4, g), aquasql.rand_uniform(0, 1, 3, 4, g + 1)) AS r
    FROM generate_series(1, 250000) AS g
    UNION ALL
    SELECT
        'stream' AS what,
        corr(aquasql.rand_uniform(7, g, 3), aquasql.rand_uniform(7, g + 1, 3)) AS r
    FROM generate_series(1, 250000) AS g
    UNION ALL
    SELECT
        'normal k2' AS what,
        corr(aquasql.rand_normal(0, 2, 3, g), aquasql.rand_normal(0, 2, 3, g + 1)) AS r
    FROM generate_series(1, 250000) AS g
    UNION ALL
    SELECT
        'poisson(3) k1' AS what,
        corr(aquasql.rand_poisson(7, 4, g, 9, 0, 3), aquasql.rand_poisson(7, 4, g + 1, 9, 0, 3)) AS r
    FROM generate_series(1, 250000) AS g
) AS t;

SELECT ok(
    max(abs(r)) < 0.01,
    format('same key, different stream or function: %s', string_agg(what || ' ' || round(r::numeric, 5), ', '))
) FROM (
    SELECT
        'stream 1 vs 2' AS what,
        corr(aquasql.rand_uniform(0, 1, g, 5), aquasql.rand_uniform(0, 2, g, 5)) AS r
    FROM generate_series(1, 250000) AS g
    UNION ALL
    SELECT
        'uniform vs normal' AS what,
        corr(aquasql.rand_uniform(0, 1, g, 5), aquasql.rand_normal(0, 1, g, 5)) AS r
    FROM generate_series(1, 250000) AS g
    UNION ALL
    SELECT
        'uniform vs int' AS what,
        corr(aquasql.rand_uniform(0, 1, g, 5), aquasql.rand_int(0, 1, g, 5, 0, 1, 1000)) AS r
    FROM generate_series(1, 250000) AS g
    UNION ALL
    SELECT
        'uniform vs poisson' AS what,
        corr(aquasql.rand_uniform(0, 1, g, 5), aquasql.rand_poisson(0, 1, g, 5, 0, 10)) AS r
    FROM generate_series(1, 250000) AS g
    UNION ALL
    SELECT
        'k1 swapped with k2' AS what,
        corr(aquasql.rand_uniform(0, 1, g, 5), aquasql.rand_uniform(0, 1, 5, g)) AS r
    FROM generate_series(1, 250000) AS g
) AS t;

SELECT * FROM finish();
ROLLBACK;
