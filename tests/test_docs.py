"""The README and docs/ stay true to the code: every module, variable and link accounted for."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").rglob("*.md"))
# How the code reads the environment: settings.py's helpers and os.environ / os.getenv in
# timeline/; ${NAME} in the deployment files; dj-database-url reads DATABASE_URL itself.
ENV_READ = re.compile(
    r"(?:os\.environ\.get|os\.getenv|env_bool|env_list|os\.environ\[)\(?\s*[\"']([A-Z][A-Z0-9_]+)"
)
SHELL_VAR = re.compile(r"\$\{?([A-Z][A-Z0-9_]+)")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _modules() -> set[str]:
    """Every module and package of timeline/, as docs/development.md names them."""
    names = set()
    for path in (ROOT / "timeline").rglob("*.py"):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts[:-1]:
            continue
        if path.name == "__init__.py" and relative.parent.name != "timeline":
            names.add(f"{relative.parent.as_posix()}/")
        else:
            names.add(relative.as_posix())
    return names | {"timeline/migrations/"}


def _environment_variables() -> set[str]:
    names = set()
    for path in (ROOT / "timeline").rglob("*.py"):
        names.update(ENV_READ.findall(path.read_text()))
        if "dj_database_url.config(" in path.read_text():
            names.add("DATABASE_URL")
    for path in (ROOT / "deploy").iterdir():
        names.update(SHELL_VAR.findall(path.read_text()))
    return names


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(), flags=re.DOTALL)
    return {_anchor(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


def test_every_module_of_timeline_is_named_once_in_the_layout():
    table = re.findall(
        r"^\| `(timeline/[^`]+)` \|", (ROOT / "docs/development.md").read_text(), re.M
    )
    assert sorted(set(table)) == sorted(table), "a module is listed twice"
    assert set(table) == _modules()


def test_every_environment_variable_the_code_reads_is_in_the_readme_table():
    table = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", README.read_text(), re.M))
    variables = _environment_variables()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "PORT"} <= variables
    assert variables - table == set()


@pytest.mark.parametrize("page", [README, *DOCS], ids=lambda path: str(path.relative_to(ROOT)))
def test_every_relative_link_resolves(page):
    text = re.sub(r"```.*?```", "", page.read_text(), flags=re.DOTALL)
    for target in LINK.findall(text):
        if re.match(r"^[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        linked = (page.parent / file).resolve() if file else page
        assert linked.exists(), f"{page.name}: {target}"
        if anchor:
            assert anchor in _anchors(linked), f"{page.name}: {target}"


def test_the_readme_is_short():
    # Issue 16's bound: a newcomer reads it in five minutes; depth belongs in docs/.
    assert README.stat().st_size < 12_000
