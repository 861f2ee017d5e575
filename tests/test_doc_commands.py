"""Every command in a shell block of the README and docs/ runs as written.

Each command is run the safe way its kind allows: a make target with `make -n` (it exists and its
prerequisites resolve), a management command with exactly the environment the docs give it and
`--help` (the command exists and the settings load as written), its arguments parsed by the
command's own parser, and the commands that only touch the database run against the test
database; a benchmark with `--help`; a pytest command with `--collect-only`.
"""

import os
import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
SHELL_BLOCK = re.compile(r"^```(?:sh|bash|shell|console)\n(.*?)^```", re.M | re.S)
ASSIGNMENT = re.compile(r"^[A-Z][A-Z0-9_]*=")
# The variables a command may only have when the docs give them: the test run's own settings
# module, database and cache must not leak into a command "as written".
INHERITED = re.compile(r"^(DJANGO_|DATABASE_URL$|REDIS_URL$|PYTEST_)")
# Commands that do no harm to run here: they read or write the test database only.
RUN_AGAINST_TEST_DATABASE = {"load_demo"}
# Commands that cannot run in a test, and why. Keep this short: prefer a safe way to run one.
SKIPPED = {
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/pt_dev .venv/bin/python -m pytest -n 2 "
    "--dist loadfile": "needs a PostgreSQL server, and runs the whole suite",
}


@dataclass(frozen=True)
class Command:
    page: str
    line: int
    text: str
    env: dict[str, str]
    argv: list[str]


def _commands() -> list[Command]:
    """The commands of every shell block, with the variables set before or in front of them."""
    commands = []
    for page in PAGES:
        source = page.read_text()
        for block in SHELL_BLOCK.finditer(source):
            first_line = source.count("\n", 0, block.start(1)) + 1
            exported: dict[str, str] = {}
            for offset, line in enumerate(block.group(1).replace("\\\n", " ").splitlines()):
                words = shlex.split(line.removeprefix("$ "), comments=True)
                if not words:
                    continue
                if words[0] == "export":
                    exported.update(word.split("=", 1) for word in words[1:])
                    continue
                env = dict(exported)
                while words and ASSIGNMENT.match(words[0]):
                    name, value = words.pop(0).split("=", 1)
                    env[name] = value
                text = " ".join(shlex.split(line, comments=True))
                name = str(page.relative_to(ROOT))
                commands.append(Command(name, first_line + offset, text, env, words))
    return commands


COMMANDS = _commands()
MAKE_TARGETS = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(), re.M))


def _run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not INHERITED.match(k)} | env
    return subprocess.run(
        argv, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


def _check_management_command(command: Command) -> None:
    name, *arguments = command.argv[2:]
    started = _run([*command.argv[:3], "--help"], command.env)
    assert started.returncode == 0, started.stderr[-2000:]
    # argparse exits on a bad option; the command's own parser says whether these are right.
    parser = load_command_class("timeline", name).create_parser("manage.py", name)
    try:
        parser.parse_args(arguments)
    except (CommandError, SystemExit) as error:
        pytest.fail(f"{command.text}: {error}")
    if name in RUN_AGAINST_TEST_DATABASE:
        call_command(name, *arguments)


def test_the_docs_show_commands_and_the_skip_list_is_current():
    texts = {command.text for command in COMMANDS}
    assert len(COMMANDS) >= 10
    assert set(SKIPPED) <= texts, "a skipped command is no longer in the docs"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "command",
    [command for command in COMMANDS if command.text not in SKIPPED],
    ids=lambda command: f"{command.page}:{command.line}",
)
def test_command_runs_as_written(command: Command):
    """The command exists, takes the arguments shown, and starts with the environment shown."""
    argv = command.argv
    if argv[0] == "make":
        # A target must be a rule of the Makefile: `make -n tests` would pass on the folder.
        targets = [word for word in argv[1:] if not ASSIGNMENT.match(word)]
        assert set(targets) <= MAKE_TARGETS, command.text
        checked = _run(["make", "-n", *argv[1:]], command.env)
    elif argv[0] == ".venv/bin/python" and argv[1] == "manage.py":
        _check_management_command(command)
        return
    elif argv[0] == ".venv/bin/python" and argv[1].startswith("bench/"):
        checked = _run([*argv, "--help"], command.env)
    elif argv[:3] == [".venv/bin/python", "-m", "pytest"]:
        checked = _run([*argv, "--collect-only", "-q"], command.env)
    else:
        pytest.fail(f"{command.text}: no safe way to run it here; teach this test or skip it")
    assert checked.returncode == 0, checked.stdout[-1000:] + checked.stderr[-2000:]
