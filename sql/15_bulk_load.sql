-- Bulk-load discipline: per-row foreign-key checks cost more than generating the rows
-- (measured: most of an insert's time on the event tables), so a load sets the target
-- schema's foreign keys aside and puts them back afterwards, each validated in one set-based
-- pass. The definitions are kept in aquasql.suspended_constraint, so an interrupted load can
-- still restore them (aquasql.restore_foreign_keys(), which `aquasql seed` also calls first).

CREATE OR REPLACE FUNCTION aquasql.suspend_foreign_keys()
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    fk record;
    suspended integer := 0;
BEGIN
    FOR fk IN
        SELECT c.conrelid::regclass AS table_name, c.conname, pg_get_constraintdef(c.oid) AS definition,
            c.confrelid::regclass AS referenced_table
        FROM pg_constraint AS c
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
            -- TimescaleDB copies a hypertable's foreign keys to its chunks; the parent's count
            AND c.conparentid = 0
            AND c.conrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)
        ORDER BY 1, 2
    LOOP
        INSERT INTO aquasql.suspended_constraint (table_name, constraint_name, definition, referenced_table)
        VALUES (fk.table_name, fk.conname, fk.definition, fk.referenced_table);
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.table_name, fk.conname);
        suspended := suspended + 1;
    END LOOP;
    RETURN suspended;
END
$$;

-- Re-create one suspended foreign key, validated in one pass, and forget it. The CLI calls
-- this from parallel sessions, one key per transaction, never two at once that share a table
-- (ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE locks on both tables). False if it is not
-- suspended (restored already).
CREATE OR REPLACE FUNCTION aquasql.restore_foreign_key(p_table_name regclass, p_constraint_name name)
RETURNS boolean
LANGUAGE plpgsql
AS $$
DECLARE
    fk aquasql.suspended_constraint;
BEGIN
    SELECT * INTO fk
    FROM aquasql.suspended_constraint
    WHERE table_name = p_table_name AND constraint_name = p_constraint_name
    FOR UPDATE;
    IF NOT found THEN
        RETURN FALSE;
    END IF;
    BEGIN
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', fk.table_name, fk.constraint_name, fk.definition);
    EXCEPTION WHEN foreign_key_violation THEN
        RAISE EXCEPTION 'generated rows of % break its foreign key %: %', fk.table_name, fk.constraint_name, sqlerrm
            USING HINT = 'the keys stay suspended (aquasql.suspended_constraint); regenerate with --replace';
    END;
    DELETE FROM aquasql.suspended_constraint
    WHERE table_name = p_table_name AND constraint_name = p_constraint_name;
    RETURN TRUE;
END
$$;

CREATE OR REPLACE FUNCTION aquasql.restore_foreign_keys()
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    fk record;
    restored integer := 0;
BEGIN
    FOR fk IN
        SELECT s.table_name, s.constraint_name
        FROM aquasql.suspended_constraint AS s
        ORDER BY s.table_name::text, s.constraint_name
    LOOP
        IF aquasql.restore_foreign_key(fk.table_name, fk.constraint_name) THEN
            restored := restored + 1;
        END IF;
    END LOOP;
    RETURN restored;
END
$$;

COMMENT ON FUNCTION aquasql.suspend_foreign_keys() IS
'Drop the target schema''s foreign keys for a bulk load, remembering them in aquasql.suspended_constraint.';
COMMENT ON FUNCTION aquasql.restore_foreign_key(regclass, name) IS
'Re-create one suspended foreign key, validated in one pass. Fails, keeping it suspended, if a row breaks it.';
COMMENT ON FUNCTION aquasql.restore_foreign_keys() IS
'Re-create the suspended foreign keys; each is validated in one pass. Fails, keeping them '
'suspended, if a row breaks one.';

-- Secondary indexes cost more to maintain row by row than to build once: a load sets aside
-- those of the given tables (not primary keys or unique indexes, which guard the data) and
-- builds them again at the end. Only for tables no generator reads back during the load.
CREATE OR REPLACE FUNCTION aquasql.suspend_indexes(p_tables regclass[])
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    ix record;
    suspended integer := 0;
BEGIN
    FOR ix IN
        SELECT i.indexrelid::regclass AS index_name, i.indrelid::regclass AS table_name,
            pg_get_indexdef(i.indexrelid) AS definition
        FROM pg_index AS i
        WHERE i.indrelid = ANY(p_tables) AND NOT i.indisprimary AND NOT i.indisunique
            AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = i.indexrelid)
        ORDER BY 1
    LOOP
        INSERT INTO aquasql.suspended_index (index_name, table_name, definition)
        VALUES (ix.index_name::text, ix.table_name, ix.definition);
        EXECUTE format('DROP INDEX %s', ix.index_name);
        suspended := suspended + 1;
    END LOOP;
    RETURN suspended;
END
$$;

-- Build one suspended index again (the CLI builds several at once from parallel sessions).
CREATE OR REPLACE FUNCTION aquasql.restore_index(p_index_name name)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    ix aquasql.suspended_index;
BEGIN
    SELECT * INTO ix FROM aquasql.suspended_index WHERE index_name = p_index_name FOR UPDATE;
    IF found THEN
        EXECUTE ix.definition;
        DELETE FROM aquasql.suspended_index WHERE index_name = p_index_name;
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION aquasql.restore_indexes()
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    ix name;
    restored integer := 0;
BEGIN
    FOR ix IN SELECT index_name FROM aquasql.suspended_index ORDER BY 1 LOOP
        PERFORM aquasql.restore_index(ix);
        restored := restored + 1;
    END LOOP;
    RETURN restored;
END
$$;

-- Empty every table the per-batch generators and finish_generation write, so a generate
-- step starts from nothing (its sessions then skip their per-batch deletes). The plan
-- (batches, assignments, aquasql plan tables) stays. Where the database also holds batches
-- aquasql did not write, only aquasql's rows go, row by row.
CREATE OR REPLACE FUNCTION aquasql.clear_generated()
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    IF aquasql.foreign_batch_count() > 0 THEN
        PERFORM aquasql.delete_generated(ARRAY(SELECT p.batch_id FROM aquasql.plan_batch AS p));
    ELSE
        PERFORM aquasql.truncate_generated();
    END IF;
    TRUNCATE aquasql.assignment_life;
END
$$;

-- Whether this session loads into freshly cleared tables (set by the CLI's workers).
CREATE OR REPLACE FUNCTION aquasql.fresh_load()
RETURNS boolean
LANGUAGE sql STABLE
AS $$
    SELECT coalesce(current_setting('aquasql.fresh_load', TRUE), '') = 'on'
$$;

COMMENT ON FUNCTION aquasql.suspend_indexes(regclass[]) IS
'Drop the secondary (non-unique, non-key) indexes of the given tables for a bulk load, remembering them.';
COMMENT ON FUNCTION aquasql.restore_index(name) IS 'Build one suspended index again.';
COMMENT ON FUNCTION aquasql.restore_indexes() IS 'Build every suspended index again.';
COMMENT ON FUNCTION aquasql.clear_generated() IS
'Empty the tables written by generate_batches and finish_generation, keeping the plan.';
