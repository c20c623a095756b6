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
        SELECT c.conrelid::regclass AS table_name, c.conname, pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint AS c
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
            -- TimescaleDB copies a hypertable's foreign keys to its chunks; the parent's count
            AND c.conparentid = 0
            AND c.conrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)
        ORDER BY 1, 2
    LOOP
        INSERT INTO aquasql.suspended_constraint (table_name, constraint_name, definition)
        VALUES (fk.table_name, fk.conname, fk.definition);
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.table_name, fk.conname);
        suspended := suspended + 1;
    END LOOP;
    RETURN suspended;
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
    FOR fk IN SELECT * FROM aquasql.suspended_constraint ORDER BY table_name::text, constraint_name LOOP
        BEGIN
            EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', fk.table_name, fk.constraint_name, fk.definition);
        EXCEPTION WHEN foreign_key_violation THEN
            RAISE EXCEPTION 'generated rows of % break its foreign key %: %', fk.table_name, fk.constraint_name, sqlerrm
                USING HINT = 'the keys stay suspended (aquasql.suspended_constraint); regenerate with --replace';
        END;
        DELETE FROM aquasql.suspended_constraint
        WHERE table_name = fk.table_name AND constraint_name = fk.constraint_name;
        restored := restored + 1;
    END LOOP;
    RETURN restored;
END
$$;

COMMENT ON FUNCTION aquasql.suspend_foreign_keys() IS
'Drop the target schema''s foreign keys for a bulk load, remembering them in aquasql.suspended_constraint.';
COMMENT ON FUNCTION aquasql.restore_foreign_keys() IS
'Re-create the suspended foreign keys; each is validated in one pass. Fails, keeping them '
'suspended, if a row breaks one.';
