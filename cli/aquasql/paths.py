"""Where aquasql's files live: the SQL resources of the checkout and the embedded cluster's home."""

import os
from pathlib import Path

import platformdirs

from .errors import AquasqlError

# The package lives in <repo>/cli/aquasql; migrations/, sql/ and templates/ sit at <repo>.
REPO_ROOT = Path(__file__).resolve().parents[2]


def resource_dir(name: str) -> Path:
    path = Path(os.environ.get("AQUASQL_ROOT", REPO_ROOT)) / name
    if not path.is_dir():
        raise AquasqlError(
            f"the {name}/ directory was not found at {path}",
            "install aquasql from its checkout (pip install -e .) or set AQUASQL_ROOT to the checkout",
        )
    return path


def migrations_dir() -> Path:
    return resource_dir("migrations")


def sql_dir() -> Path:
    return resource_dir("sql")


def home_dir() -> Path:
    """The embedded cluster's home: AQUASQL_HOME, else the user's data dir.

    root's home is not readable by the unprivileged user that must own the cluster,
    so root gets a system location instead.
    """
    if env := os.environ.get("AQUASQL_HOME"):
        return Path(env).expanduser().resolve()
    if os.geteuid() == 0:
        return Path("/var/lib/aquasql")
    return Path(platformdirs.user_data_dir("aquasql"))
