"""Every command explains itself: its --help lists every option with a help text, and the
README's table of commands names exactly the commands there are."""

import re

import click
import pytest
import typer.main
from typer.testing import CliRunner

from aquasql.main import app
from conftest import REPO, aquasql


def all_commands(group, prefix=()):
    for name, cmd in group.commands.items():
        path = (*prefix, name)
        yield path
        if hasattr(cmd, "commands"):  # a command group
            yield from all_commands(cmd, path)


ROOT = typer.main.get_command(app)
COMMANDS = [()] + list(all_commands(ROOT))


def help_text(command: tuple[str, ...]) -> str:
    """The command's --help, in-process (a subprocess per command costs a second or two each)."""
    result = CliRunner().invoke(app, [*command, "--help"], prog_name="aquasql", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def click_command(path: tuple[str, ...]) -> click.Command:
    cmd = ROOT
    for name in path:
        cmd = cmd.commands[name]
    return cmd


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "aquasql")
def test_help(command):
    text = help_text(command)
    assert "Usage: aquasql" in text
    assert "--help" in text


def test_help_as_a_user_runs_it():
    result = aquasql("seed", "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage: aquasql seed" in result.stdout


@pytest.mark.parametrize(
    "command", [c for c in COMMANDS if c and not hasattr(click_command(c), "commands")], ids=" ".join
)
def test_every_option_is_listed_with_its_help(command):
    text = help_text(command)
    for param in click_command(command).params:
        if not isinstance(param, click.Option) or param.hidden:
            continue
        assert (param.help or "").strip(), f"{' '.join(command)} {param.opts[0]}: no help text"
        assert param.opts[0] in text, f"{' '.join(command)} --help does not list {param.opts[0]}"


def test_the_readme_names_every_command_and_no_other():
    """The README's table of commands (| `name` | what it does |): `db start/stop/status/url` names four."""
    readme = (REPO / "README.md").read_text()
    documented = set()
    for cell in re.findall(r"^\| `([a-z /]+)` \|", readme, re.M):
        group, _, subs = cell.rpartition(" ")
        documented |= {f"{group} {s}".strip() for s in subs.split("/")}
    commands = {" ".join(c) for c in COMMANDS if c and not hasattr(click_command(c), "commands")}
    assert documented == commands


def test_migrate_help_shows_defaults():
    text = aquasql("migrate", "--help").stdout
    assert "--dsn" in text and "DATABASE_URL" in text
    assert "[default: auto]" in text


def test_unknown_option_is_a_usage_error():
    result = aquasql("migrate", "--no-such-option")
    assert result.returncode == 2
    assert "No such option" in result.stderr
