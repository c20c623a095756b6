-- The FK rule (shared/domain.md section 2): every event that happens in one container
-- carries a NOT NULL FK to batch_batchcontainerassignment, and its denormalized
-- batch/container columns agree with that assignment. The audits read the catalog,
-- so they also judge tables added later; each ends with a self-check on deliberately
-- bad tables created (and rolled back) inside this transaction.
BEGIN;

SELECT plan(28);

-- One row per column pair of every FK constraint in public.
CREATE TEMP VIEW fk_column AS
SELECT
    k.oid AS conoid,
    k.conname,
    k.conrelid AS relid,
    k.confrelid AS ref_relid,
    k.confmatchtype,
    k.condeferrable,
    k.confupdtype,
    k.confdeltype,
    cardinality(k.conkey) AS ncols,
    u.pos,
    a.attname AS col,
    a.attnotnull AS col_not_null,
    ra.attname AS ref_col
FROM pg_catalog.pg_constraint AS k
INNER JOIN pg_catalog.pg_class AS c ON k.conrelid = c.oid
CROSS JOIN LATERAL unnest(k.conkey, k.confkey) WITH ORDINALITY AS u (attnum, ref_attnum, pos)
INNER JOIN pg_catalog.pg_attribute AS a
    ON k.conrelid = a.attrelid AND u.attnum = a.attnum
INNER JOIN pg_catalog.pg_attribute AS ra
    ON k.confrelid = ra.attrelid AND u.ref_attnum = ra.attnum
WHERE k.contype = 'f'
    AND c.relnamespace = 'public'::regnamespace;

-- Audit 1: a table with an FK to batch_batch and an FK to infrastructure_container
-- but no NOT NULL column referencing batch_batchcontainerassignment(id).
CREATE TEMP VIEW fk_audit_offender AS
SELECT c.relname::text COLLATE "default" AS tbl
FROM pg_catalog.pg_class AS c
WHERE c.relnamespace = 'public'::regnamespace
    AND c.relkind IN ('r', 'p')
    AND c.oid <> 'public.batch_batchcontainerassignment'::regclass
    AND EXISTS (
        SELECT 1 FROM fk_column AS f
        WHERE f.relid = c.oid AND f.ref_relid = 'public.batch_batch'::regclass
    )
    AND EXISTS (
        SELECT 1 FROM fk_column AS f
        WHERE f.relid = c.oid AND f.ref_relid = 'public.infrastructure_container'::regclass
    )
    AND NOT EXISTS (
        SELECT 1 FROM fk_column AS f
        WHERE f.relid = c.oid
            AND f.ref_relid = 'public.batch_batchcontainerassignment'::regclass
            AND f.ref_col = 'id'
            AND f.col_not_null
    );

-- Audit 2: a table with a NOT NULL assignment FK column and a denormalized batch or
-- container FK column, but no FK to the assignment that pairs them (assignment col ->
-- id, batch col -> batch_id, container col -> container_id). A nullable denormalized
-- column needs MATCH FULL, or a NULL would skip the check.
CREATE TEMP VIEW fk_agreement_offender AS
SELECT DISTINCT
    a.relid::regclass::text AS tbl,
    a.col::text COLLATE "default" AS assignment_col,
    d.col::text COLLATE "default" AS denormalized_col
FROM fk_column AS a
INNER JOIN fk_column AS d
    ON a.relid = d.relid
WHERE a.ref_relid = 'public.batch_batchcontainerassignment'::regclass
    AND a.ref_col = 'id'
    AND a.ncols = 1
    AND a.col_not_null
    AND a.relid <> 'public.batch_batchcontainerassignment'::regclass
    AND d.ncols = 1
    AND d.ref_relid IN (
        'public.batch_batch'::regclass, 'public.infrastructure_container'::regclass
    )
    AND NOT EXISTS (
        SELECT 1
        FROM fk_column AS x
        INNER JOIN fk_column AS y ON x.conoid = y.conoid
        WHERE x.relid = a.relid
            AND x.ref_relid = 'public.batch_batchcontainerassignment'::regclass
            AND x.col = a.col
            AND x.ref_col = 'id'
            AND y.col = d.col
            AND y.ref_col = CASE
                WHEN d.ref_relid = 'public.batch_batch'::regclass THEN 'batch_id'
                ELSE 'container_id'
            END
            AND (x.confmatchtype = 'f' OR d.col_not_null)
    );

-- Audit 3: FKs are plain: not deferrable, no ON UPDATE / ON DELETE action.
CREATE TEMP VIEW fk_style_offender AS
SELECT DISTINCT
    relid::regclass::text AS tbl,
    conname::text COLLATE "default" AS conname
FROM fk_column
WHERE condeferrable OR confupdtype <> 'a' OR confdeltype <> 'a';

-- Audit 4: every FK is indexed: some non-partial index on the table starts with the
-- FK's first column.
CREATE TEMP VIEW fk_index_offender AS
SELECT DISTINCT
    f.relid::regclass::text AS tbl,
    f.conname::text COLLATE "default" AS conname
FROM fk_column AS f
WHERE f.pos = 1
    AND NOT EXISTS (
        SELECT 1
        FROM pg_catalog.pg_index AS i
        INNER JOIN pg_catalog.pg_attribute AS ia
            ON i.indrelid = ia.attrelid AND i.indkey[0] = ia.attnum
        WHERE i.indrelid = f.relid
            AND i.indpred IS NULL
            AND ia.attname = f.col
    );

-- The schema as migrated passes all four audits.
SELECT is_empty(
    'SELECT * FROM fk_audit_offender',
    'every table with batch and container FKs has a NOT NULL FK to the container assignment'
);

SELECT is_empty(
    'SELECT * FROM fk_agreement_offender',
    'denormalized batch/container columns are tied to the assignment by a composite FK'
);

SELECT is_empty(
    'SELECT * FROM fk_style_offender',
    'no FK is deferrable or has an ON UPDATE / ON DELETE action'
);

SELECT is_empty(
    'SELECT * FROM fk_index_offender',
    'every FK column leads an index'
);

-- The per-container event tables, each with its NOT NULL assignment FK.
CREATE TEMP TABLE per_container_event (
    tbl name PRIMARY KEY,
    col name NOT NULL
);

INSERT INTO per_container_event (tbl, col) VALUES
    ('environmental_environmentalreading', 'batch_container_assignment_id'),
    ('inventory_feedingevent', 'batch_assignment_id'),
    ('batch_mortalityevent', 'assignment_id'),
    ('health_licecount', 'assignment_id'),
    ('batch_growthsample', 'assignment_id'),
    ('harvest_harvestevent', 'assignment_id'),
    ('batch_transferaction', 'source_assignment_id'),
    ('batch_creationaction', 'dest_assignment_id'),
    ('batch_actualdailyassignmentstate', 'assignment_id'),
    ('health_journalentry', 'assignment_id');

SELECT col_not_null('public', tbl, col, format('%I.%I is NOT NULL', tbl, col))
FROM per_container_event
ORDER BY tbl;

SELECT fk_ok(
    'public', tbl, ARRAY[col],
    'public', 'batch_batchcontainerassignment', ARRAY['id'::name],
    format('%I.%I references batch_batchcontainerassignment(id)', tbl, col)
)
FROM per_container_event
ORDER BY tbl;

-- Self-checks: tables that break each rule are flagged, a well-formed one is not.
CREATE TABLE public.zz_fk_audit_no_assignment (
    id bigint PRIMARY KEY,
    batch_id bigint NOT NULL REFERENCES public.batch_batch (id),
    container_id bigint NOT NULL REFERENCES public.infrastructure_container (id)
);

CREATE TABLE public.zz_fk_audit_nullable_assignment (
    id bigint PRIMARY KEY,
    batch_id bigint NOT NULL REFERENCES public.batch_batch (id),
    container_id bigint NOT NULL REFERENCES public.infrastructure_container (id),
    assignment_id bigint REFERENCES public.batch_batchcontainerassignment (id)
);

CREATE TABLE public.zz_fk_audit_unmatched (
    id bigint PRIMARY KEY,
    batch_id bigint NOT NULL REFERENCES public.batch_batch (id),
    container_id bigint REFERENCES public.infrastructure_container (id),
    assignment_id bigint NOT NULL REFERENCES public.batch_batchcontainerassignment (id),
    -- MATCH SIMPLE with a nullable container_id: a NULL would skip the check.
    FOREIGN KEY (assignment_id, batch_id, container_id)
    REFERENCES public.batch_batchcontainerassignment (id, batch_id, container_id)
);

CREATE TABLE public.zz_fk_audit_good (
    id bigint PRIMARY KEY,
    batch_id bigint NOT NULL REFERENCES public.batch_batch (id),
    container_id bigint REFERENCES public.infrastructure_container (id),
    assignment_id bigint NOT NULL REFERENCES public.batch_batchcontainerassignment (id),
    FOREIGN KEY (assignment_id, batch_id, container_id)
    REFERENCES public.batch_batchcontainerassignment (id, batch_id, container_id)
    MATCH FULL
);

CREATE INDEX ON public.zz_fk_audit_good (batch_id);
CREATE INDEX ON public.zz_fk_audit_good (container_id);
CREATE INDEX ON public.zz_fk_audit_good (assignment_id);

CREATE TABLE public.zz_fk_audit_deferrable (
    id bigint PRIMARY KEY,
    batch_id bigint NOT NULL REFERENCES public.batch_batch (id)
    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

CREATE INDEX ON public.zz_fk_audit_deferrable (batch_id);

SELECT results_eq(
    'SELECT tbl FROM fk_audit_offender ORDER BY tbl',
    ARRAY['zz_fk_audit_no_assignment', 'zz_fk_audit_nullable_assignment'],
    'self-check: the assignment audit flags tables without a NOT NULL assignment FK'
);

SELECT results_eq(
    'SELECT tbl, assignment_col, denormalized_col FROM fk_agreement_offender ORDER BY 1, 3',
    $$ VALUES ('zz_fk_audit_unmatched', 'assignment_id', 'container_id') $$,
    'self-check: the agreement audit flags a composite FK that a NULL container skips'
);

SELECT results_eq(
    'SELECT tbl, conname FROM fk_style_offender ORDER BY 1, 2',
    $$ VALUES ('zz_fk_audit_deferrable', 'zz_fk_audit_deferrable_batch_id_fkey') $$,
    'self-check: the style audit flags a deferrable ON DELETE CASCADE FK'
);

SELECT set_eq(
    'SELECT DISTINCT tbl FROM fk_index_offender',
    ARRAY[
        'zz_fk_audit_no_assignment',
        'zz_fk_audit_nullable_assignment',
        'zz_fk_audit_unmatched'
    ],
    'self-check: the index audit flags tables with unindexed FKs'
);

SELECT * FROM finish();
ROLLBACK;
