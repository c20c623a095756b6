-- Deterministic pseudo-random numbers: counter-based, keyed by (seed, stream, k1, k2, k3).
--
-- Every draw is a pure function of its key, so the same seed gives the same rows whatever the
-- number of workers or the order they run in. No random() anywhere.
--
-- Conventions shared by all functions here:
--   seed    the dataset seed (any bigint).
--   stream  which quantity is drawn: aquasql.stream('<draw>'), one stream per named draw of
--           aquasql.prng_draws() (sql/11_streams.sql), never a bare number.
--   k1..k3  the entity and time keys, e.g. k1 = container id, k2 = day number, k3 = sub-key.
--           Keys are hashed the way PostgreSQL hashes int8, which folds them to 32 bits
--           (low half XOR high half): all keys within the integer range are distinct, but
--           e.g. 2^32 + 1 is the same key as 0. Use ids and day numbers, and pass the parts of
--           a composite key as separate keys rather than packing them into one bigint.
--   lane    internal: each function draws from its own lanes, so rand_uniform, rand_normal,
--           rand_int… called with the same key are still independent of each other.
--
-- Base generator: the LOW 32 bits of hashint8extended (its high half is visibly
-- serially correlated for some seeds), keys chained through the 64-bit seed argument:
--   bits = hashint8extended(k3, hashint8extended(k2, hashint8extended(k1,
--              hashint4extended(stream, seed) # hashint4extended(lane, 0)))) & (2^32 - 1)
--
-- All functions are LANGUAGE sql, IMMUTABLE, PARALLEL SAFE and a single expression, so the
-- planner inlines them into the calling query (check with EXPLAIN VERBOSE: no aquasql.rand_*
-- left in the plan). PostgreSQL refuses to inline a function when an argument that the body
-- uses more than once costs more than 10 operators: pass keys and parameters as columns or
-- simple expressions (compute anything bigger in a subquery or LATERAL first). A call that is
-- not inlined gives the same result but runs through the SQL-function executor: rand_poisson
-- then costs about 20 us per call instead of 0.2 us.

CREATE SCHEMA IF NOT EXISTS aquasql;

CREATE OR REPLACE FUNCTION aquasql.rand_bits(
    seed bigint, stream integer, k1 bigint, k2 bigint, k3 bigint, lane integer
)
RETURNS bigint
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT hashint8extended(
        k3,
        hashint8extended(
            k2,
            hashint8extended(
                k1, hashint4extended(stream, seed) # hashint4extended(lane, 0)
            )
        )
    ) & 4294967295
$$;

COMMENT ON FUNCTION aquasql.rand_bits(bigint, integer, bigint, bigint, bigint, integer) IS
'32 pseudo-random bits as a bigint in [0, 2^32), a pure function of (seed, stream, k1, k2, k3, lane). '
'The base of every other rand_* function; lanes 0-11 are used by them.';

CREATE OR REPLACE FUNCTION aquasql.rand_uniform(
    seed bigint, stream integer, k1 bigint, k2 bigint DEFAULT 0, k3 bigint DEFAULT 0
)
RETURNS double precision
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT aquasql.rand_bits(seed, stream, k1, k2, k3, 0)::double precision / 4294967296
$$;

COMMENT ON FUNCTION aquasql.rand_uniform(bigint, integer, bigint, bigint, bigint) IS
'Uniform double in [0, 1) with 32 random bits (step 2^-32), keyed by (seed, stream, k1, k2, k3). '
'Example: aquasql.rand_uniform(p.seed, 7, c.container_id, d.day_no).';

CREATE OR REPLACE FUNCTION aquasql.rand_z(
    seed bigint, stream integer, k1 bigint, k2 bigint, k3 bigint, lane integer
)
RETURNS double precision
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT sqrt(
        -2 * ln(
            (aquasql.rand_bits(seed, stream, k1, k2, k3, lane)::double precision + 0.5)
            / 4294967296
        )
    ) * cos(
        aquasql.rand_bits(seed, stream, k1, k2, k3, lane + 1)::double precision
        * (2 * pi() / 4294967296)
    )
$$;

COMMENT ON FUNCTION aquasql.rand_z(bigint, integer, bigint, bigint, bigint, integer) IS
'Standard normal draw (Box-Muller on lanes lane and lane + 1; the radius uniform is '
'(bits + 0.5) / 2^32, never 0, so |z| < 6.8). Building block of rand_normal and the '
'normal approximations.';

CREATE OR REPLACE FUNCTION aquasql.rand_normal(
    seed bigint,
    stream integer,
    k1 bigint,
    k2 bigint DEFAULT 0,
    k3 bigint DEFAULT 0,
    mean double precision DEFAULT 0,
    sd double precision DEFAULT 1
)
RETURNS double precision
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT mean + sd * aquasql.rand_z(seed, stream, k1, k2, k3, 1)
$$;

COMMENT ON FUNCTION aquasql.rand_normal(
    bigint, integer, bigint, bigint, bigint, double precision, double precision
) IS
'Normal draw with the given mean and standard deviation (Box-Muller from two independent '
'uniforms, tails cut at 6.76 sd). '
'Example: aquasql.rand_normal(p.seed, 3, s.site_id, d.day_no, mean => 12.0, sd => 0.8).';

CREATE OR REPLACE FUNCTION aquasql.rand_int(
    seed bigint, stream integer, k1 bigint, k2 bigint, k3 bigint, lo integer, hi integer
)
RETURNS integer
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN lo <= hi THEN (
        lo + floor(
            aquasql.rand_bits(seed, stream, k1, k2, k3, 3)::double precision / 4294967296
            * (hi::double precision - lo + 1)
        )
    )::integer END
$$;

COMMENT ON FUNCTION aquasql.rand_int(bigint, integer, bigint, bigint, bigint, integer, integer) IS
'Uniform integer in [lo, hi], both inclusive; NULL when lo > hi. Each value''s probability '
'is exact to a relative (hi - lo + 1) / 2^32: 1.4e-9 for a die, 2.3e-4 for a range of 10^6.';

-- Poisson CDF table for rand_poisson, one sorted array for width_bucket:
--   positions 80 i + 1 .. 80 i + 80 (segment i = 0..30): i + P(X <= k), X ~ Poisson(i), k = 0..79;
--   positions 2480 + 14 a + 1 .. + 14 (segment 31 + a, a = 0..15): 31 + a + P(X <= k),
--   X ~ Poisson(a / 16), k = 0..13.
-- Adding the segment number keeps the whole array sorted, so width_bucket(u + segment, table)
-- minus the entries of the earlier segments inverts one CDF by binary search.
-- Computed once, at load time, in numeric arithmetic and rounded to 20 decimals, so the table
-- is bit-identical on every platform; the function returns a constant that the planner folds
-- into the calling query.
DO $$
DECLARE
    cdf text;
BEGIN
    SELECT string_agg(round(s.segment + least(s.cdf, 1), 20)::text, ',' ORDER BY s.segment, s.k)
    INTO cdf
    FROM (
        SELECT
            m.segment,
            n.k,
            sum(exp(-m.lambda) * m.lambda ^ n.k / factorial(n.k))
                OVER (PARTITION BY m.segment ORDER BY n.k) AS cdf
        FROM (
            SELECT i AS segment, i::numeric AS lambda, 80 AS entries
            FROM generate_series(0, 30) AS i
            UNION ALL
            SELECT 31 + a, a / 16.0, 14
            FROM generate_series(0, 15) AS a
        ) AS m
        INNER JOIN generate_series(0, 79) AS n (k) ON n.k < m.entries
    ) AS s;

    EXECUTE format(
        'CREATE OR REPLACE FUNCTION aquasql.poisson_table() '
        'RETURNS double precision[] LANGUAGE sql IMMUTABLE PARALLEL SAFE '
        'AS %L',
        format('SELECT %L::double precision[]', '{' || cdf || '}')
    );
END
$$;

COMMENT ON FUNCTION aquasql.poisson_table() IS
'Constant CDF table for rand_poisson: Poisson(i), i = 0..30, 80 entries each, then '
'Poisson(a / 16), a = 0..15, 14 entries each; each segment offset by its number so the array '
'is sorted (tails cut below 1e-11).';

CREATE OR REPLACE FUNCTION aquasql.rand_poisson_rem(
    seed bigint, stream integer, k1 bigint, k2 bigint, k3 bigint, lambda double precision
)
RETURNS integer
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    -- Inversion of Poisson(r), r = lambda - floor(16 lambda) / 16 in [0, 1/16), lane 7.
    -- The uniform is recomputed in every WHEN (SQL expressions have no variables), but CASE
    -- stops at the first match: 1 + r evaluations on average. X >= 5 (probability < 1e-8) is
    -- returned as 5, which moves at most 1e-10 of probability.
    SELECT CASE
        WHEN aquasql.rand_bits(seed, stream, k1, k2, k3, 7)
            * exp(lambda - floor(16 * lambda) / 16) < 4294967296 THEN 0
        WHEN aquasql.rand_bits(seed, stream, k1, k2, k3, 7)
            * exp(lambda - floor(16 * lambda) / 16)
            < 4294967296 * (1 + (lambda - floor(16 * lambda) / 16)) THEN 1
        WHEN aquasql.rand_bits(seed, stream, k1, k2, k3, 7)
            * exp(lambda - floor(16 * lambda) / 16)
            < 4294967296 * (
                1 + (lambda - floor(16 * lambda) / 16)
                * (1 + (lambda - floor(16 * lambda) / 16) / 2)
            ) THEN 2
        WHEN aquasql.rand_bits(seed, stream, k1, k2, k3, 7)
            * exp(lambda - floor(16 * lambda) / 16)
            < 4294967296 * (
                1 + (lambda - floor(16 * lambda) / 16)
                * (1 + (lambda - floor(16 * lambda) / 16) / 2
                    * (1 + (lambda - floor(16 * lambda) / 16) / 3))
            ) THEN 3
        WHEN aquasql.rand_bits(seed, stream, k1, k2, k3, 7)
            * exp(lambda - floor(16 * lambda) / 16)
            < 4294967296 * (
                1 + (lambda - floor(16 * lambda) / 16)
                * (1 + (lambda - floor(16 * lambda) / 16) / 2
                    * (1 + (lambda - floor(16 * lambda) / 16) / 3
                        * (1 + (lambda - floor(16 * lambda) / 16) / 4)))
            ) THEN 4
        WHEN lambda >= 0 THEN 5
    END
$$;

COMMENT ON FUNCTION aquasql.rand_poisson_rem(
    bigint, integer, bigint, bigint, bigint, double precision
) IS
'Poisson draw with mean lambda - floor(16 lambda) / 16 (the part of lambda below the 1/16 '
'grid of poisson_table), by inversion; a building block of rand_poisson.';

CREATE OR REPLACE FUNCTION aquasql.rand_poisson(
    seed bigint, stream integer, k1 bigint, k2 bigint, k3 bigint, lambda double precision
)
RETURNS integer
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        -- Cornish-Fisher normal approximation with the skewness term, rounded:
        -- lambda + s z + (z^2 - 1) / 6 = lambda - 1/6 + ((z + 3 s)^2 - 9 s^2) / 6, written so z
        -- is drawn once; s^2 = lambda - 5/36 makes the variance after rounding exactly lambda.
        WHEN lambda > 30 THEN greatest(
            0,
            round(
                lambda - 1.0 / 6
                + (
                    (aquasql.rand_z(seed, stream, k1, k2, k3, 8) + 3 * sqrt(lambda - 5.0 / 36)) ^ 2
                    - 9 * (lambda - 5.0 / 36)
                ) / 6
            )
        )::integer
        -- Exact, as a sum of independent Poisson draws:
        -- Poisson(floor(lambda)) + Poisson(a / 16) by table inversion (lanes 5 and 6), with
        -- a = floor(16 lambda) - 16 floor(lambda), plus the remainder below 1/16.
        WHEN lambda > 0 THEN width_bucket(
            aquasql.rand_bits(seed, stream, k1, k2, k3, 5)::double precision / 4294967296
            + floor(lambda),
            aquasql.poisson_table()
        ) - 80 * floor(lambda)::integer
        + width_bucket(
            aquasql.rand_bits(seed, stream, k1, k2, k3, 6)::double precision / 4294967296
            + 31 + floor(16 * lambda) - 16 * floor(lambda),
            aquasql.poisson_table()
        ) - 2480 - 14 * (floor(16 * lambda) - 16 * floor(lambda))::integer
        + aquasql.rand_poisson_rem(seed, stream, k1, k2, k3, lambda)
        WHEN lambda <= 0 THEN 0
    END
$$;

COMMENT ON FUNCTION aquasql.rand_poisson(
    bigint, integer, bigint, bigint, bigint, double precision
) IS
'Poisson draw with mean lambda. lambda <= 30: exact (table inversion for the integer and '
'1/16 parts, inversion for the rest); lambda > 30: Cornish-Fisher normal approximation with '
'skewness correction, rounded (mean and variance exact, total-variation distance to Poisson '
'7e-4 at lambda = 30, 1e-4 at 200); lambda <= 0: 0; NaN or infinite lambda: error. '
'Pass lambda as a column or a short expression (at most 10 operators): the body reads it many '
'times, and PostgreSQL does not inline the function for a costlier argument, which makes each '
'call about 100 times slower. '
'Example, deaths per container and day: '
'aquasql.rand_poisson(p.seed, 11, c.container_id, d.day_no, 0, c.population * d.mortality).';

CREATE OR REPLACE FUNCTION aquasql.rand_binomial(
    seed bigint, stream integer, k1 bigint, k2 bigint, k3 bigint, n integer, p double precision
)
RETURNS integer
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN n IS NULL OR p IS NULL THEN NULL
        WHEN n <= 0 OR p <= 0 THEN 0
        WHEN p >= 1 THEN n
        -- Rare events (the mortality case), or rare survivors: Poisson(n min(p, 1 - p)),
        -- capped at n, mirrored for p >= 0.9.
        WHEN p <= 0.1 OR p >= 0.9 THEN CASE WHEN p < 0.5 THEN 0 ELSE n END
        + CASE WHEN p < 0.5 THEN 1 ELSE -1 END
        * least(n, aquasql.rand_poisson(seed, stream, k1, k2, k3, n * least(p, 1 - p)))
        -- Otherwise a normal approximation, rounded (variance reduced by 1/12 to make up for
        -- the rounding) and clamped to [0, n].
        ELSE least(
            n,
            greatest(
                0,
                round(
                    n * p
                    + sqrt(greatest(n * p * (1 - p) - 1.0 / 12, 0))
                    * aquasql.rand_z(seed, stream, k1, k2, k3, 10)
                )
            )
        )::integer
    END
$$;

COMMENT ON FUNCTION aquasql.rand_binomial(
    bigint, integer, bigint, bigint, bigint, integer, double precision
) IS
'Approximate Binomial(n, p) draw, e.g. deaths among n fish that each die with probability p. '
'p <= 0.1 (or >= 0.9): Poisson(n p) capped at n (mirrored), total-variation error about '
'min(p, 1 - p), the mean exact for n >= 10; '
'otherwise a normal approximation clamped to [0, n], good when '
'n p (1 - p) >= 10. Exact at p <= 0, p >= 1, n <= 0.';

CREATE OR REPLACE FUNCTION aquasql.weights_cdf(weights double precision[])
RETURNS double precision[]
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT
        CASE
            WHEN
                count(*) > 0
                AND count(s.w) = count(*)
                AND min(s.w) >= 0
                AND max(s.w) < 'Infinity'::double precision
                AND max(s.total) > 0
                THEN array_agg(s.c / nullif(s.total, 0) ORDER BY s.i)
        END
    FROM (
        SELECT r.i, r.w, r.c, max(r.c) OVER () AS total
        FROM (
            SELECT t.i, t.w, sum(t.w) OVER (ORDER BY t.i) AS c
            FROM unnest(weights) WITH ORDINALITY AS t (w, i)
        ) AS r
    ) AS s
$$;

COMMENT ON FUNCTION aquasql.weights_cdf(double precision[]) IS
'Cumulative weights normalised to end at exactly 1, for rand_choice; NULL unless the weights '
'are non-empty, finite, non-negative and not all zero. With a constant argument the planner '
'evaluates it once per query.';

CREATE OR REPLACE FUNCTION aquasql.rand_choice(
    seed bigint, stream integer, k1 bigint, k2 bigint, k3 bigint, weights double precision[]
)
RETURNS integer
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT width_bucket(
        aquasql.rand_bits(seed, stream, k1, k2, k3, 4)::double precision / 4294967296,
        aquasql.weights_cdf(weights)
    ) + 1
$$;

COMMENT ON FUNCTION aquasql.rand_choice(
    bigint, integer, bigint, bigint, bigint, double precision[]
) IS
'1-based index into weights, chosen with probability weights[i] / sum(weights); zero weights '
'are never chosen; NULL for invalid weights (see weights_cdf). Fast when weights is a '
'constant (folded at plan time); a per-row weights array costs one weights_cdf call per row. '
'Example: aquasql.rand_choice(p.seed, 5, b.batch_id, 0, 0, ARRAY[0.6, 0.3, 0.1]).';

-- rand_choice over weights read from a table: the caller computes weights_cdf once per statement
-- (aquasql.choice_cdf) and each row costs one hash, as with constant weights.
CREATE OR REPLACE FUNCTION aquasql.rand_choice_cdf(
    seed bigint, stream integer, k1 bigint, k2 bigint, k3 bigint, cdf double precision[]
)
RETURNS integer
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT width_bucket(aquasql.rand_bits(seed, stream, k1, k2, k3, 4)::double precision / 4294967296, cdf) + 1
$$;

COMMENT ON FUNCTION aquasql.rand_choice_cdf(
    bigint, integer, bigint, bigint, bigint, double precision[]
) IS
'rand_choice with the cumulative weights given (cdf = aquasql.weights_cdf(weights)): the same index as '
'aquasql.rand_choice(seed, stream, k1, k2, k3, weights), for weights computed once per statement.';
