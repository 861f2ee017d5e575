"""From a pasted seed article to published events, the way an editor does it, timed.

    .venv/bin/python bench/bench_ingest_seeds.py [--shared ../shared]

Starts what ``make run`` starts (the development server and the background worker) on a fresh
SQLite database, signs in as an editor and, for each seed article, goes through the pages with
the clicks a person makes:

1. paste the article, click "Read articles" (the worker reads it; the page polls);
2. check the detected details (the URL typed in), click "Extract events" (the worker extracts);
3. click "Review N candidates";
4. decide: "Accept all", or, on a card that matches a published event, "Add as a source of ...".

Two starting points: an empty database, and the demo data ``make run`` loads (whose two sources
are the seed articles listed without their text, with their events already published). The
table gives the clicks, the seconds the machine took (the worker polls once a second), and how
many of the hand-annotated events (``seeds/gold.json``, "required") end up published with the
right date range and a link to the article.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
HOST, PORT = "127.0.0.1", 8731
BASE = f"http://{HOST}:{PORT}"
SEED_URLS = {
    "000_1bf48d3b7788dd03.txt": "https://globaltimes.cn/page/202503/1330358.shtml",
    "003_ef2d1c8b103bf44e.txt": "https://www.globalbankingandfinance.com/"
    "DEEPSEEK-DISTILLATION-194828cb-6dd5-4aa0-b7e3-719ec37075e6",
}


class Forms(HTMLParser):
    """Every form of a page: its action and the values its inputs would submit."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attributes.get("action", ""), "fields": {}})
        elif tag == "input" and self.forms and attributes.get("name"):
            kind = attributes.get("type", "text")
            if kind == "checkbox" and "checked" not in attributes:
                return
            if kind not in {"submit", "file"}:
                self.forms[-1]["fields"][attributes["name"]] = attributes.get("value") or (
                    "on" if kind == "checkbox" else ""
                )
        elif tag == "textarea" and self.forms:
            self._textarea = attributes.get("name")
            self.forms[-1]["fields"][self._textarea] = ""
        elif tag == "option" and "selected" in attributes and self.forms:
            self.forms[-1]["fields"][self._select] = attributes.get("value", "")
        elif tag == "select":
            self._select = attributes.get("name")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.forms[-1]["fields"][self._textarea] += data

    def handle_entityref(self, name: str) -> None:
        if self._textarea:
            self.forms[-1]["fields"][self._textarea] += {"lt": "<", "gt": ">", "amp": "&"}.get(
                name, ""
            )


def forms_of(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


@dataclass
class Run:
    seed: str
    clicks: int = 0
    read_seconds: float = 0.0
    extract_seconds: float = 0.0
    review_seconds: float = 0.0
    candidates: int = 0
    decisions: str = ""
    published_right: int = 0
    required: int = 0
    linked: bool = False
    notes: list[str] = field(default_factory=list)


def start_server(database: Path, *, demo: bool) -> list[subprocess.Popen]:
    env = os.environ | {
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
    }
    manage = [str(PYTHON), "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    if demo:
        subprocess.run([*manage, "load_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    password_file = database.with_suffix(".password")
    subprocess.run(
        [*manage, "create_editor", "--password-file", str(password_file)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    processes = [
        subprocess.Popen(
            [*manage, "runserver", "--noreload", f"{HOST}:{PORT}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [*manage, "db_worker", "--no-reload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]
    for _ in range(100):
        try:
            requests.get(f"{BASE}/healthz", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    return processes


def sign_in(session: requests.Session, password: str) -> None:
    page = session.get(f"{BASE}/admin/login/")
    token = forms_of(page.text)[0]["fields"]["csrfmiddlewaretoken"]
    session.post(
        f"{BASE}/admin/login/?next=/admin/",
        data={"csrfmiddlewaretoken": token, "username": "editor", "password": password},
        headers={"Referer": f"{BASE}/admin/login/"},
    ).raise_for_status()


def post(session: requests.Session, path: str, fields: dict, **extra) -> requests.Response:
    response = session.post(
        f"{BASE}{path}", data=fields | extra, headers={"Referer": f"{BASE}{path}"}
    )
    response.raise_for_status()
    return response


def wait_for(session: requests.Session, path: str, text: str) -> str:
    """Poll the job page as htmx does (once a second) until ``text`` appears."""
    for _ in range(120):
        html = session.get(f"{BASE}{path}", headers={"HX-Request": "true"}).text
        if text in html:
            return session.get(f"{BASE}{path}").text
        time.sleep(1)
    raise TimeoutError(f"{text!r} never appeared on {path}")


def ingest_seed(session: requests.Session, path: Path, gold: dict) -> Run:
    run = Run(seed=path.name)
    form = forms_of(session.get(f"{BASE}/ingest/").text)[-1]
    started = time.monotonic()
    response = post(session, "/ingest/", form["fields"], text=path.read_text(encoding="utf-8"))
    run.clicks += 1  # Read articles
    job_path = response.url.removeprefix(BASE)
    html = wait_for(session, job_path, "Check the details below")
    run.read_seconds = time.monotonic() - started

    confirm = next(f for f in forms_of(html) if f["action"].endswith("/confirm/"))
    confirm["fields"]["form-0-url"] = SEED_URLS.get(path.name, "")
    started = time.monotonic()
    post(session, confirm["action"], confirm["fields"])
    run.clicks += 1  # Extract events
    html = wait_for(session, job_path, "Finished:")
    run.extract_seconds = time.monotonic() - started
    review = re.search(r'href="(/review/sources/(\d+)/)">Review (\d+) candidate', html)
    if review is None:
        run.notes.append(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))[-300:])
        return run
    review_path, source_id, run.candidates = review[1], review[2], int(review[3])
    run.clicks += 1  # Review N candidates

    started = time.monotonic()
    html = session.get(f"{BASE}{review_path}").text
    suggestions = [
        f for f in forms_of(html) if f["action"].endswith("/merge/") and "target" in f["fields"]
    ]
    cards_with_suggestion = {}
    for suggestion in suggestions:
        cards_with_suggestion.setdefault(suggestion["action"], suggestion)
    if not cards_with_suggestion:
        accept_all = next(f for f in forms_of(html) if f["action"].endswith("/accept-all/"))
        post(session, accept_all["action"], accept_all["fields"])
        run.clicks += 1  # Accept all
        run.decisions = "accept all"
    else:
        added = accepted = 0
        for form in forms_of(html):
            action = form["action"]
            if re.fullmatch(r"/review/events/\d+/", action) and "title" in form["fields"]:
                merge_action = action + "merge/"
                if merge_action in cards_with_suggestion:
                    post(session, merge_action, cards_with_suggestion[merge_action]["fields"])
                    added += 1
                else:
                    post(session, action, form["fields"], action="accept")
                    accepted += 1
                run.clicks += 1  # Add as a source of ... / Accept
        run.decisions = f"{added} added as a source, {accepted} accepted"
    run.review_seconds = time.monotonic() - started

    run.linked = SEED_URLS[path.name] in session.get(f"{BASE}/").text
    required = [event for event in gold["events"] if event.get("required")]
    run.required = len(required)
    run.published_right = count_right(session, source_id, required)
    return run


def count_right(session: requests.Session, source_id: str, required: list[dict]) -> int:
    """Gold events published with exactly the annotated range and citing this article."""
    html = session.get(f"{BASE}/review/sources/{source_id}/").text
    published_ranges = set()
    for event_id in set(re.findall(r'href="/events/(\d+)/"', html)):
        page = session.get(f"{BASE}/api/events/{event_id}").json()
        published_ranges.add((page["date"]["start"], page["date"]["end"]))
    return sum((event["date_start"], event["date_end"]) in published_ranges for event in required)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("POLICY_TIMELINE_SHARED", ROOT.parent / "shared")),
    )
    options = parser.parse_args()
    seeds = sorted((options.shared / "seeds").glob("0*.txt"))
    if not seeds:
        sys.exit(f"No seed articles in {options.shared / 'seeds'} (use --shared).")
    gold = {
        article["file"]: article
        for article in json.loads((options.shared / "seeds" / "gold.json").read_text())["articles"]
    }
    rows = []
    for demo in (False, True):
        with tempfile.TemporaryDirectory() as folder:
            database = Path(folder) / "bench.sqlite3"
            processes = start_server(database, demo=demo)
            try:
                session = requests.Session()
                sign_in(session, database.with_suffix(".password").read_text().strip())
                for seed in seeds:
                    rows.append(
                        (
                            "demo data" if demo else "empty",
                            ingest_seed(session, seed, gold[seed.name]),
                        )
                    )
            finally:
                for process in processes:
                    process.terminate()
                    process.wait(timeout=10)
    print(f"\nPaste to published, {date.today().isoformat()} (worker polls every second)\n")
    header = (
        "| database | seed | candidates | decisions | clicks | read s | extract s | review s "
        "| total s | gold events published with the right date | article linked |"
    )
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    for database, run in rows:
        total = run.read_seconds + run.extract_seconds + run.review_seconds
        print(
            f"| {database} | {run.seed} | {run.candidates} | {run.decisions} | {run.clicks} | "
            f"{run.read_seconds:.1f} | {run.extract_seconds:.1f} | {run.review_seconds:.1f} | "
            f"{total:.1f} | {run.published_right}/{run.required} | "
            f"{'yes' if run.linked else 'no'} |"
        )
        for note in run.notes:
            print(f"  note: {note}")


if __name__ == "__main__":
    main()
