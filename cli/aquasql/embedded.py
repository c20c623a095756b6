"""The embedded cluster: a private PostgreSQL (+ TimescaleDB when installed) that aquasql starts itself."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import AquasqlError
from .paths import home_dir

SUPERUSER = "aquasql"
DATABASE = "aquasql"
CONF_FILE = "aquasql.conf"


def find_bindir() -> Path:
    """PostgreSQL server binaries: AQUASQL_PG_BINDIR, the newest Debian layout, then pg_config."""
    if env := os.environ.get("AQUASQL_PG_BINDIR"):
        candidates = [Path(env)]
    else:
        debian = sorted(
            Path("/usr/lib/postgresql").glob("*/bin"),
            key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
            reverse=True,
        )
        candidates = debian
        if pg_config := shutil.which("pg_config"):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
            if out.returncode == 0:
                candidates.append(Path(out.stdout.strip()))
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    raise AquasqlError(
        "no PostgreSQL server binaries (initdb, pg_ctl) were found",
        "run scripts/setup.sh, install postgresql-15, or set AQUASQL_PG_BINDIR to their directory",
    )


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bulk_load_settings(port: int, timescaledb: bool) -> dict[str, str]:
    """Settings for a throwaway, regenerable database: speed over crash safety."""
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**30
    settings = {
        "port": str(port),
        "listen_addresses": "'127.0.0.1'",
        "unix_socket_directories": "''",
        "max_connections": "50",
        "shared_buffers": f"'{max(1, min(mem_gib // 4, 8))}GB'",
        "work_mem": "'64MB'",
        "maintenance_work_mem": "'1GB'",
        # The data can always be generated again, so durability is traded for load speed.
        "fsync": "off",
        "full_page_writes": "off",
        "synchronous_commit": "off",
        "wal_level": "minimal",
        "max_wal_senders": "0",
        "max_wal_size": "'8GB'",
        "checkpoint_timeout": "'30min'",
        "jit": "off",
        "max_locks_per_transaction": "512",
        "timezone": "'UTC'",
        "logging_collector": "off",
    }
    if timescaledb:
        settings["shared_preload_libraries"] = "'timescaledb'"
        settings["timescaledb.telemetry_level"] = "off"
    return settings


@dataclass
class ClusterStatus:
    running: bool
    initialised: bool
    data_dir: Path
    port: int | None
    bindir: Path
    pg_version: str


class EmbeddedCluster:
    def __init__(self, home: Path | None = None):
        self.home = home or home_dir()
        self.data_dir = self.home / "pgdata"
        self.log_file = self.home / "log" / "postgresql.log"
        self._bindir: Path | None = None

    # -- binaries and OS user -------------------------------------------------------------
    @property
    def bindir(self) -> Path:
        if self._bindir is None:
            self._bindir = find_bindir()
        return self._bindir

    def pg_major(self) -> str:
        out = self._run([str(self.bindir / "pg_ctl"), "--version"], as_owner=False)
        match = re.search(r"(\d+)(?:\.\d+)?", out.stdout)
        return match.group(1) if match else "?"

    def timescaledb_installed(self) -> bool:
        pg_config = self.bindir / "pg_config"
        if not pg_config.is_file():
            return False
        out = subprocess.run([str(pg_config), "--pkglibdir"], capture_output=True, text=True)
        return out.returncode == 0 and any(Path(out.stdout.strip()).glob("timescaledb*.so"))

    def timescaledb_edition_on_disk(self) -> str:
        """The Community edition ships a separate TSL library; the Apache build does not."""
        out = subprocess.run([str(self.bindir / "pg_config"), "--pkglibdir"], capture_output=True, text=True)
        tsl = any(Path(out.stdout.strip()).glob("timescaledb-tsl*.so")) if out.returncode == 0 else False
        return "Community" if tsl else "Apache"

    @staticmethod
    def owner() -> str | None:
        """initdb refuses to run as root: then an unprivileged user owns the cluster."""
        if os.geteuid() != 0:
            return None
        name = os.environ.get("AQUASQL_OS_USER", "postgres")
        try:
            pwd.getpwnam(name)
        except KeyError:
            raise AquasqlError(
                f"running as root, but the OS user '{name}' that should own the cluster does not exist",
                "create it (useradd --system postgres) or set AQUASQL_OS_USER to an unprivileged user",
            ) from None
        return name

    def _run(self, cmd: list[str], as_owner: bool = True) -> subprocess.CompletedProcess:
        owner = self.owner() if as_owner else None
        if owner:
            cmd = ["runuser", "-u", owner, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True)

    # -- state ----------------------------------------------------------------------------
    def port(self) -> int | None:
        conf = self.data_dir / CONF_FILE
        if not conf.is_file():
            return None
        match = re.search(r"^port\s*=\s*(\d+)", conf.read_text(), re.M)
        return int(match.group(1)) if match else None

    def is_initialised(self) -> bool:
        return (self.data_dir / "PG_VERSION").is_file()

    def is_running(self) -> bool:
        if not self.is_initialised():
            return False
        return self._run([str(self.bindir / "pg_ctl"), "status", "-D", str(self.data_dir)]).returncode == 0

    def status(self) -> ClusterStatus:
        return ClusterStatus(
            running=self.is_running(),
            initialised=self.is_initialised(),
            data_dir=self.data_dir,
            port=self.port(),
            bindir=self.bindir,
            pg_version=self.pg_major(),
        )

    def dsn(self, database: str = DATABASE) -> str:
        port = self.port()
        if port is None:
            raise AquasqlError("the embedded cluster has not been created yet", "run: aquasql db start")
        return f"postgresql://{SUPERUSER}@127.0.0.1:{port}/{database}"

    # -- lifecycle ------------------------------------------------------------------------
    def check_data_dir(self) -> None:
        """Refuse a data directory that is not ours to use, before touching anything."""
        if self.home.exists() and not self.home.is_dir():
            raise AquasqlError(
                f"AQUASQL_HOME {self.home} exists and is not a directory", "point AQUASQL_HOME at a directory"
            )
        if not self.data_dir.exists():
            return
        if not self.data_dir.is_dir():
            raise AquasqlError(
                f"the data directory {self.data_dir} exists and is not a directory",
                "remove it or choose another AQUASQL_HOME",
            )
        if not self.is_initialised():
            if any(self.data_dir.iterdir()):
                raise AquasqlError(
                    f"the data directory {self.data_dir} is not empty and is not a PostgreSQL cluster",
                    "choose another AQUASQL_HOME, or empty that directory if it holds nothing you need",
                )
            return
        version = (self.data_dir / "PG_VERSION").read_text().strip()
        if version != self.pg_major():
            raise AquasqlError(
                f"the data directory {self.data_dir} holds a PostgreSQL {version} cluster, "
                f"but the binaries in {self.bindir} are PostgreSQL {self.pg_major()}",
                "set AQUASQL_PG_BINDIR to PostgreSQL {version}'s binaries or choose another AQUASQL_HOME",
            )
        if not (self.data_dir / CONF_FILE).is_file():
            raise AquasqlError(
                f"the data directory {self.data_dir} holds a PostgreSQL cluster that aquasql did not create",
                "choose another AQUASQL_HOME, or pass that server's DSN with --dsn",
            )

    def start(self, port: int | None = None) -> str:
        """Create the cluster if needed, start it, make sure its database exists; return the DSN."""
        self.check_data_dir()
        if port is not None and not 1024 <= port <= 65535:
            raise AquasqlError(f"--port must be between 1024 and 65535, got {port}")
        if self.is_running():
            if port is not None and port != self.port():
                raise AquasqlError(
                    f"the embedded cluster already runs on port {self.port()}, not {port}",
                    "run 'aquasql db stop' first to move it to another port",
                )
            return self.dsn()
        if port is not None and port_in_use(port):
            raise AquasqlError(
                f"port {port} on 127.0.0.1 is already in use", "choose another --port, or omit it to pick a free one"
            )
        chosen = port or self.port()
        if chosen is None or port_in_use(chosen):
            chosen = free_port()
        if not self.is_initialised():
            self._initdb()
        self._write_conf(chosen)
        self._pg_ctl_start()
        self._ensure_database()
        return self.dsn()

    def stop(self) -> bool:
        if not self.is_running():
            return False
        out = self._run([str(self.bindir / "pg_ctl"), "stop", "-D", str(self.data_dir), "-m", "fast", "-w"])
        if out.returncode != 0:
            raise AquasqlError(f"could not stop the embedded cluster: {out.stderr.strip()}")
        return True

    def _prepare_home(self) -> None:
        for d in (self.home, self.log_file.parent):
            d.mkdir(parents=True, exist_ok=True)
        if owner := self.owner():
            shutil.chown(self.home, owner)
            shutil.chown(self.log_file.parent, owner)
            if self._run(["test", "-w", str(self.home)]).returncode != 0:
                raise AquasqlError(
                    f"the cluster's owner '{owner}' cannot write to {self.home}",
                    "set AQUASQL_HOME to a directory every user can reach (e.g. under /var/lib or /tmp)",
                )

    def _initdb(self) -> None:
        self._prepare_home()
        out = self._run(
            [
                str(self.bindir / "initdb"),
                "-D",
                str(self.data_dir),
                "-U",
                SUPERUSER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-instructions",
            ]
        )
        if out.returncode != 0:
            raise AquasqlError(f"initdb failed for {self.data_dir}: {out.stderr.strip() or out.stdout.strip()}")
        conf = self.data_dir / "postgresql.conf"
        with conf.open("a") as f:
            f.write(f"\ninclude_if_exists = '{CONF_FILE}'\n")

    def _write_conf(self, port: int) -> None:
        settings = bulk_load_settings(port, self.timescaledb_installed())
        text = "# Written by aquasql on every start; edit postgresql.auto.conf to override.\n"
        text += "".join(f"{k} = {v}\n" for k, v in settings.items())
        conf = self.data_dir / CONF_FILE
        conf.write_text(text)
        if owner := self.owner():
            shutil.chown(conf, owner)

    def _pg_ctl_start(self) -> None:
        self._prepare_home()
        out = self._run(
            [
                str(self.bindir / "pg_ctl"),
                "start",
                "-D",
                str(self.data_dir),
                "-l",
                str(self.log_file),
                "-w",
                "-t",
                "60",
            ]
        )
        if out.returncode != 0:
            tail = ""
            if self.log_file.is_file():
                tail = "\n".join(self.log_file.read_text(errors="replace").splitlines()[-5:])
            raise AquasqlError(
                f"the embedded cluster did not start (data dir {self.data_dir}):\n{tail or out.stderr.strip()}",
                f"see {self.log_file}",
            )

    def _ensure_database(self) -> None:
        import psycopg

        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
            if not exists:
                conn.execute(f"CREATE DATABASE {DATABASE}")
