-- `--strict`: aquasql's guarantees as constraints, for a database that is only a fixture
-- (the standalone schema aquasql built). AquaMind's own inserts break them (an event without
-- an assignment, a mixed batch at cb41030), so a database AquaMind writes to is refused.
-- Every constraint is named aquasql_strict_*; adding them validates every row.
-- The assignment's own keys and no-overlap rule, then for every per-container event table of the
-- registry with a strict name: a composite key to its assignment (with its batch, and its
-- container where it has one) and a check that it names one (MATCH FULL lets a row leave the
-- whole key empty).
CREATE OR REPLACE FUNCTION aquasql.strict_constraint()
RETURNS TABLE (table_name text, constraint_name text, definition text)
LANGUAGE sql STABLE
AS $$
    VALUES
    ('batch_batchcontainerassignment', 'aquasql_strict_assignment_batch_container',
        'UNIQUE (id, batch_id, container_id)'),
    ('batch_batchcontainerassignment', 'aquasql_strict_assignment_batch', 'UNIQUE (id, batch_id)'),
    ('batch_batchcontainerassignment', 'aquasql_strict_assignment_no_overlap',
        'EXCLUDE USING gist (container_id WITH =, daterange(assignment_date, departure_date, ''[)'') WITH &&)')
    UNION ALL
    SELECT g.table_name, k.constraint_name, k.definition
    FROM aquasql.generated_table() AS g
    CROSS JOIN LATERAL (
        SELECT EXISTS (
            SELECT 1 FROM information_schema.columns AS c
            WHERE c.table_schema = 'public' AND c.table_name = g.table_name AND c.column_name = 'container_id'
        ) AS has_container
    ) AS t
    CROSS JOIN LATERAL (VALUES
        ('aquasql_strict_' || g.strict_name || '_assignment',
            format('FOREIGN KEY (%I, batch_id%s) REFERENCES batch_batchcontainerassignment (id, batch_id%s) MATCH FULL',
                g.assignment_column,
                CASE WHEN t.has_container THEN ', container_id' ELSE '' END,
                CASE WHEN t.has_container THEN ', container_id' ELSE '' END)),
        ('aquasql_strict_' || g.strict_name || '_has_assignment', format('CHECK (%I IS NOT NULL)', g.assignment_column))
    ) AS k (constraint_name, definition)
    WHERE g.strict_name IS NOT NULL AND to_regclass('public.' || g.table_name) IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION aquasql.add_strict_constraints()
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    c record;
    added integer := 0;
BEGIN
    IF (SELECT t.kind FROM aquasql.target AS t) IS DISTINCT FROM 'standalone' THEN
        RAISE EXCEPTION 'strict constraints refused: this is an AquaMind database, and they would break '
            'AquaMind''s own inserts (events without an assignment, mixed batches)'
            USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'use --strict only on a standalone database aquasql built (a fixture)';
    END IF;
    -- the no-overlap constraint's gist operator class for bigint; kept out of schema public
    CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA aquasql;
    -- the unique keys first: the composite foreign keys reference them
    FOR c IN
        SELECT s.* FROM aquasql.strict_constraint() AS s
        ORDER BY s.definition NOT LIKE 'UNIQUE%', s.constraint_name
    LOOP
        IF NOT EXISTS (
            SELECT 1 FROM pg_constraint AS k
            WHERE k.conname = c.constraint_name AND k.conrelid = ('public.' || c.table_name)::regclass
        ) THEN
            EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', c.table_name, c.constraint_name, c.definition);
            added := added + 1;
        END IF;
    END LOOP;
    RETURN added;
END
$$;

COMMENT ON FUNCTION aquasql.add_strict_constraints() IS
'Add aquasql''s guarantees as constraints (aquasql_strict_*: assignment keys that must match batch and '
'container, no overlapping assignments) on a standalone database; refused on an AquaMind database.';
