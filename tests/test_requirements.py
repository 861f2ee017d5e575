"""The locked dependency set: a fresh install gets the tested packages, HTML reading included.

The lock files are generated (`make lock`); these tests catch a hand edit or a lock that has fallen
behind its `.in` file, and prove the HTML path works with what the lock installs.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {
    "requirements-pip.in": "requirements-pip.txt",
    "requirements.in": "requirements.txt",
    "requirements-dev.in": "requirements-dev.txt",
}
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(.*)$")


def _canonical(name: str) -> str:
    """PEP 503 normalisation: `lxml_html_clean`, `lxml-html-clean` and `LXML.html.clean` agree."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _entries(lock: str) -> list[str]:
    """The requirement entries of a lock file, each with its continuation lines joined."""
    text = (ROOT / lock).read_text().replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] not in "# "]


def _pinned(lock: str) -> dict[str, str]:
    pins = {}
    for entry in _entries(lock):
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;]+)", entry)
        assert match, f"{lock}: not pinned with ==: {entry[:80]}"
        pins[_canonical(match[1])] = match[2]
    return pins


def _direct(source: str) -> list[str]:
    names = []
    for line in (ROOT / source).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            match = REQUIREMENT.match(line)
            assert match, f"{source}: unreadable requirement {line!r}"
            names.append(_canonical(match[1]))
    return names


@pytest.mark.parametrize("lock", sorted(LOCKS.values()))
def test_every_locked_package_is_pinned_exactly_with_hashes(lock):
    entries = _entries(lock)
    assert entries
    for entry in entries:
        assert re.match(r"^[A-Za-z0-9][A-Za-z0-9._\[\]-]*==\S+", entry), entry[:80]
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), f"{lock}: no hash: {entry[:80]}"


@pytest.mark.parametrize(("source", "lock"), sorted(LOCKS.items()))
def test_every_direct_dependency_is_in_its_lock(source, lock):
    pins = _pinned(lock)
    missing = [name for name in _direct(source) if name not in pins]
    assert not missing, f"{source} lists {missing}, absent from {lock}: run `make lock`"


def test_the_development_lock_agrees_with_the_runtime_lock():
    """`make test` installs both files together, so a package in both has one version."""
    runtime, dev = _pinned("requirements.txt"), _pinned("requirements-dev.txt")
    assert {name: dev[name] for name in dev.keys() & runtime.keys()} == {
        name: runtime[name] for name in dev.keys() & runtime.keys()
    }


def test_the_runtime_lock_holds_html_cleaning_and_the_redis_client():
    """trafilatura needs lxml.html.clean, a separate project since lxml 5.2; Django's RedisCache
    (REDIS_URL) needs the redis client."""
    pins = _pinned("requirements.txt")
    assert {"lxml", "lxml-html-clean", "trafilatura", "redis"} <= pins.keys()


def test_html_cleaning_is_importable():
    from lxml.html.clean import Cleaner

    assert "<script" not in Cleaner(javascript=True).clean_html("<p>Hi<script>x()</script></p>")


def test_trafilatura_extracts_the_body_of_an_html_page():
    import trafilatura

    paragraph = (
        "The ministry of transport announced on Tuesday that the new rail safety rules take "
        "effect in March, after a consultation that lasted six months."
    )
    page = (
        "<html><head><title>Rail rules</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Rail rules</h1><p>{paragraph}</p><p>{paragraph}</p></article>"
        "</body></html>"
    )
    assert paragraph in (trafilatura.extract(page) or "")


def test_the_pip_lock_pins_a_pip_that_normalises_extra_names():
    """pip before 23.3 reads justext's `lxml[html_clean]` as an extra lxml lacks (it declares
    `html-clean`) and, once PyPI has a newer lxml than the lock, refuses the hashed install."""
    major, minor = (int(part) for part in _pinned("requirements-pip.txt")["pip"].split(".")[:2])
    assert (major, minor) >= (23, 3)
