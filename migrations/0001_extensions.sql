-- Schema for aquasql's own functions and bookkeeping, and the extensions the target schema needs.
-- btree_gist is required: the no-overlap exclusion constraint on container assignments uses it.
-- TimescaleDB is optional. The session setting aquasql.timescaledb chooses: 'on' requires it,
-- 'off' skips it (both paths stay testable), 'auto' or unset creates it when the server has it
-- preloaded and the role may create it, and goes on without it otherwise.
CREATE SCHEMA IF NOT EXISTS aquasql;

CREATE EXTENSION IF NOT EXISTS btree_gist;

DO $$
DECLARE
    mode text := coalesce(nullif(current_setting('aquasql.timescaledb', true), ''), 'auto');
    available boolean := EXISTS (
        SELECT 1 FROM pg_catalog.pg_available_extensions WHERE name = 'timescaledb'
    );
BEGIN
    IF mode = 'on' THEN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
    ELSIF mode = 'auto' AND available THEN
        -- Not preloaded, or the role may not create it: plain tables instead.
        BEGIN
            CREATE EXTENSION IF NOT EXISTS timescaledb;
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'TimescaleDB not created (%): plain tables instead of hypertables', sqlerrm;
        END;
    END IF;
END
$$;
