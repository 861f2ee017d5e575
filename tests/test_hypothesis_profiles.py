"""The property tests' profiles: CI draws the same examples every run, nightly draws many."""

import os
from pathlib import Path

from hypothesis import settings


def _loaded(name: str) -> settings:
    """The settings property tests run with under profile ``name``."""
    try:
        settings.load_profile(name)
        return settings()
    finally:
        settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def test_the_ci_profile_draws_the_same_examples_on_every_run_and_prints_how_to_replay():
    ci = _loaded("ci")

    assert ci.derandomize is True
    assert ci.database is None
    assert ci.deadline is None
    assert ci.print_blob is True
    assert ci.max_examples == _loaded("default").max_examples


def test_the_nightly_profile_draws_many_more_random_examples():
    nightly = _loaded("nightly")

    assert nightly.derandomize is False
    assert nightly.max_examples >= 20 * _loaded("default").max_examples


def test_ci_runs_both_suites_under_the_ci_profile():
    lines = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8").splitlines()

    export = lines.index("export HYPOTHESIS_PROFILE=ci")
    assert export < lines.index("make test")
    assert all(export < number for number, line in enumerate(lines) if "-m pytest" in line)
