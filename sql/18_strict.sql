-- `--strict`: aquasql's guarantees as constraints, for a database that is only a fixture
-- (the standalone schema aquasql built). AquaMind's own inserts break them (an event without
-- an assignment, a mixed batch at cb41030), so a database AquaMind writes to is refused.
-- Every constraint is named aquasql_strict_*; adding them validates every row.
CREATE OR REPLACE FUNCTION aquasql.strict_constraint()
RETURNS TABLE (table_name text, constraint_name text, definition text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    VALUES
    ('batch_batchcontainerassignment', 'aquasql_strict_assignment_batch_container',
        'UNIQUE (id, batch_id, container_id)'),
    ('batch_batchcontainerassignment', 'aquasql_strict_assignment_no_overlap',
        'EXCLUDE USING gist (container_id WITH =, daterange(assignment_date, departure_date, ''[)'') WITH &&)'),
    ('environmental_environmentalreading', 'aquasql_strict_reading_assignment',
        'FOREIGN KEY (batch_container_assignment_id, batch_id, container_id) '
        || 'REFERENCES batch_batchcontainerassignment (id, batch_id, container_id) MATCH FULL'),
    ('inventory_feedingevent', 'aquasql_strict_feeding_assignment',
        'FOREIGN KEY (batch_assignment_id, batch_id, container_id) '
        || 'REFERENCES batch_batchcontainerassignment (id, batch_id, container_id) MATCH FULL'),
    ('batch_actualdailyassignmentstate', 'aquasql_strict_daily_state_assignment',
        'FOREIGN KEY (assignment_id, batch_id, container_id) '
        || 'REFERENCES batch_batchcontainerassignment (id, batch_id, container_id) MATCH FULL'),
    ('health_licecount', 'aquasql_strict_lice_assignment',
        'FOREIGN KEY (assignment_id, batch_id, container_id) '
        || 'REFERENCES batch_batchcontainerassignment (id, batch_id, container_id) MATCH FULL'),
    ('batch_mortalityevent', 'aquasql_strict_mortality_assignment',
        'FOREIGN KEY (assignment_id, batch_id) REFERENCES batch_batchcontainerassignment (id, batch_id) MATCH FULL'),
    ('harvest_harvestevent', 'aquasql_strict_harvest_assignment',
        'FOREIGN KEY (assignment_id, batch_id) REFERENCES batch_batchcontainerassignment (id, batch_id) MATCH FULL'),
    ('batch_batchcontainerassignment', 'aquasql_strict_assignment_batch', 'UNIQUE (id, batch_id)'),
    -- MATCH FULL lets a row leave the whole key empty: these make the assignment required
    ('environmental_environmentalreading', 'aquasql_strict_reading_has_assignment',
        'CHECK (batch_container_assignment_id IS NOT NULL)'),
    ('inventory_feedingevent', 'aquasql_strict_feeding_has_assignment', 'CHECK (batch_assignment_id IS NOT NULL)'),
    ('batch_mortalityevent', 'aquasql_strict_mortality_has_assignment', 'CHECK (assignment_id IS NOT NULL)'),
    ('health_licecount', 'aquasql_strict_lice_has_assignment', 'CHECK (assignment_id IS NOT NULL)'),
    ('harvest_harvestevent', 'aquasql_strict_harvest_has_assignment', 'CHECK (assignment_id IS NOT NULL)')
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
