-- slow: plans the full profile twice and tries it twice more (left out by scripts/test.sh --quick)
-- one mode: the planner writes no hypertable (plan tables, batches, assignments)
-- The planner's limits: saturation sets the stagger, and bad input is refused before anything is
-- written, saying where and by how much a plan does not fit.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(10);

SELECT aquasql.generate_infrastructure('full');
SELECT aquasql.generate_master_data();

-- Saturation derives the stagger from the binding resource and still fits.
SELECT lives_ok(
    $$ SELECT aquasql.plan('full', 42, '2026-11-23', p_saturation => 0.85, p_replace => TRUE) $$,
    'a plan at 85 % saturation fits'
);
CREATE TEMP TABLE stagger_85 AS SELECT stagger_days FROM aquasql.run_setting;
SELECT aquasql.plan('full', 42, '2026-11-23', p_saturation => 0.6, p_replace => TRUE);
SELECT ok(
    (SELECT s.stagger_days < r.stagger_days FROM stagger_85 AS s, aquasql.run_setting AS r),
    'a higher saturation packs batches closer: 0.85 gives a shorter stagger than 0.6'
);

-- Bad input: refused with a clear message, the plan already there untouched.
CREATE TEMP TABLE plan_before AS SELECT
    count(*) AS batches,
    max(start_date) AS newest
FROM batch_batch;
SELECT throws_ok(
    $$ SELECT aquasql.plan('huge', 42, '2026-11-23', p_replace => TRUE) $$, '22023',
    'unknown profile "huge"', 'unknown profile'
);
SELECT throws_ok(
    $$ SELECT aquasql.plan('full', 42, '2026-11-23', 0, p_replace => TRUE) $$, '22023',
    'batches per geography must be at least 1, got 0', 'batches <= 0'
);
SELECT throws_ok(
    $$ SELECT aquasql.plan('full', 42, '2026-11-23', p_stagger => 0, p_replace => TRUE) $$, '22023',
    'stagger must be at least 1 day, got 0', 'stagger <= 0'
);
SELECT throws_ok(
    $$ SELECT aquasql.plan('full', 42, '2026-11-23', p_saturation => 1.5, p_replace => TRUE) $$, '22023',
    'saturation must be in (0, 1], got 1.5', 'saturation outside (0, 1]'
);
SELECT throws_like(
    $$ SELECT aquasql.plan('full', 42, '2001-06-01', p_replace => TRUE) $$,
    'run date 2001-06-01 leaves no room for 85 batches per geography%', 'run date before any possible start'
);
SELECT throws_like(
    $$ SELECT aquasql.plan('full', 42, '2026-11-23', p_stagger => 25, p_replace => TRUE) $$,
    'Faroe Islands: sea areas ran out: batch % finds all 19 areas occupied or fallow until %, % days short',
    'a plan that does not fit at sea says where and by how much'
);
SELECT throws_like(
    $$ SELECT aquasql.plan('full', 42, '2026-11-23', p_stagger => 2, p_replace => TRUE) $$,
    'Faroe Islands: freshwater stations ran out: batch % finds no free slot of the 4 stations within 183 days of it '
    'and before the run date 2026-11-23',
    'a plan that does not fit in freshwater says where and by how much'
);
SELECT results_eq(
    $$ SELECT count(*), max(start_date) FROM batch_batch $$, $$ SELECT * FROM plan_before $$,
    'failed plans leave the existing plan as it was'
);

SELECT * FROM finish();
ROLLBACK;
