"""Bad input gets one clear message, a non-zero exit, and changes nothing."""

import socket

import psycopg
import pytest

from conftest import aquasql, make_home, scalar


def test_unreachable_dsn():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = aquasql("migrate", "--dsn", f"postgresql://nobody:secret@127.0.0.1:{port}/db")
    assert result.returncode == 1
    assert "cannot connect to postgresql://nobody:***@127.0.0.1" in result.stderr
    assert "secret" not in result.stderr
    assert result.stderr.count("error:") == 1
    assert "Traceback" not in result.stderr


@pytest.fixture
def restricted_role(admin_dsn, fresh_db):
    """A login role that may connect but not create schemas or extensions."""
    name = fresh_db.rsplit("/", 1)[1] + "_user"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {name} LOGIN")
        conn.execute(f"REVOKE CREATE ON DATABASE {fresh_db.rsplit('/', 1)[1]} FROM PUBLIC")
    user_dsn = fresh_db.replace("://aquasql@", f"://{name}@")
    yield user_dsn
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {fresh_db.rsplit('/', 1)[1]} WITH (FORCE)")
        conn.execute(f"DROP ROLE {name}")


def test_database_without_permission_to_create_extensions(restricted_role, fresh_db):
    result = aquasql("migrate", "--dsn", restricted_role)
    assert result.returncode == 1
    assert "may not create schemas or extensions" in result.stderr
    assert "GRANT CREATE ON DATABASE" in result.stderr
    assert scalar(fresh_db, "SELECT to_regnamespace('aquasql') IS NULL")
    assert scalar(fresh_db, "SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql'") == 0


def test_database_owner_without_superuser_migrates(admin_dsn, fresh_db):
    """Everything the schema needs is creatable by a plain database owner (trusted extensions)."""
    name = fresh_db.rsplit("/", 1)[1] + "_owner"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {name} LOGIN")
        conn.execute(f"ALTER DATABASE {fresh_db.rsplit('/', 1)[1]} OWNER TO {name}")
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        conn.execute(f"ALTER SCHEMA public OWNER TO {name}")
    try:
        owner_dsn = fresh_db.replace("://aquasql@", f"://{name}@")
        aquasql("migrate", "--dsn", owner_dsn, check=True)
        assert scalar(fresh_db, "SELECT count(*) FROM aquasql.schema_migrations") > 0
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {fresh_db.rsplit('/', 1)[1]} WITH (FORCE)")
            conn.execute(f"DROP ROLE {name}")


def test_bad_timescaledb_mode(fresh_db):
    result = aquasql("migrate", "--dsn", fresh_db, "--timescaledb", "maybe")
    assert result.returncode == 1
    assert "--timescaledb must be auto, on or off" in result.stderr
    assert scalar(fresh_db, "SELECT to_regnamespace('aquasql') IS NULL")


def test_db_start_port_taken():
    home = make_home()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = aquasql("db", "start", "--port", str(port), env={"AQUASQL_HOME": str(home)})
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert not (home / "pgdata").exists(), "nothing may be created"


def test_db_start_data_dir_taken():
    home = make_home()
    (home / "pgdata").mkdir()
    (home / "pgdata" / "precious.txt").write_text("keep me")
    result = aquasql("db", "start", env={"AQUASQL_HOME": str(home)})
    assert result.returncode == 1
    assert "is not empty and is not a PostgreSQL cluster" in result.stderr
    assert sorted(p.name for p in (home / "pgdata").iterdir()) == ["precious.txt"]
    assert (home / "pgdata" / "precious.txt").read_text() == "keep me"


def test_db_start_foreign_cluster_refused(admin_dsn):
    """A cluster aquasql did not create (no aquasql.conf) is not taken over."""
    home = make_home()
    data = home / "pgdata"
    data.mkdir()
    (data / "PG_VERSION").write_text("15\n")
    result = aquasql("db", "start", env={"AQUASQL_HOME": str(home)})
    assert result.returncode == 1
    assert "did not create" in result.stderr
    assert sorted(p.name for p in data.iterdir()) == ["PG_VERSION"]
