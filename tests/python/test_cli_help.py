"""Every command explains itself."""

import pytest
import typer.main

from aquasql.main import app
from conftest import aquasql


def all_commands(group, prefix=()):
    for name, cmd in group.commands.items():
        path = (*prefix, name)
        yield path
        if hasattr(cmd, "commands"):  # a command group
            yield from all_commands(cmd, path)


COMMANDS = [()] + list(all_commands(typer.main.get_command(app)))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "aquasql")
def test_help(command):
    result = aquasql(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage: aquasql" in result.stdout
    assert "--help" in result.stdout


def test_commands_of_this_release_are_there():
    names = {" ".join(c) for c in COMMANDS}
    assert {"db start", "db stop", "db status", "db url", "migrate"} <= names


def test_migrate_help_shows_defaults():
    text = aquasql("migrate", "--help").stdout
    assert "--dsn" in text and "DATABASE_URL" in text
    assert "[default: auto]" in text


def test_unknown_option_is_a_usage_error():
    result = aquasql("migrate", "--no-such-option")
    assert result.returncode == 2
    assert "No such option" in result.stderr
