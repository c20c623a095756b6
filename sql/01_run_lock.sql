-- The key of the advisory lock that lets one aquasql run at a time work on a database: the
-- CLI's commands that write take it for their session (cli/aquasql/run_lock.py reads the key
-- from this file, since it locks before this function exists on a new database), and
-- aquasql.seed() for its transaction. The two block each other: whichever comes second is
-- refused at once, naming the first.
CREATE OR REPLACE FUNCTION aquasql.run_lock_key()
RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT 1634825569::bigint  -- run lock key: 0x61717561, "aqua"
$$;

COMMENT ON FUNCTION aquasql.run_lock_key() IS
'The advisory lock key of an aquasql run (one per database), shared by the CLI and aquasql.seed().';

-- Who holds the run lock on this database, as the refusal names it ('aquasql seed' (server pid
-- 123, since …)), or NULL when nobody does.
CREATE OR REPLACE FUNCTION aquasql.run_lock_holder()
RETURNS text
LANGUAGE sql STABLE
AS $$
    SELECT format('''%s'' (server pid %s, since %s UTC)', coalesce(nullif(a.application_name, ''), 'a session'),
        a.pid, (a.backend_start AT TIME ZONE 'UTC')::timestamp(0))
    FROM pg_locks AS l
    INNER JOIN pg_stat_activity AS a ON l.pid = a.pid
    WHERE l.locktype = 'advisory' AND l.granted AND l.database = (
        SELECT d.oid FROM pg_database AS d WHERE d.datname = current_database()
    )
        AND l.classid::bigint = aquasql.run_lock_key() >> 32
        AND l.objid::bigint = aquasql.run_lock_key() & 4294967295
        AND l.objsubid = 1
    ORDER BY a.backend_start
    LIMIT 1
$$;
