"""Speed of the whole extraction next to naive ``dateparser.search.search_dates``, one run.

    .venv/bin/python bench/bench_extraction.py [--rounds 3] [--dev-texts DIR]

Texts: the two seed pages (read as pasted, publication date detected) and the MEANTIME English
articles (the corpus tokens joined back into text; their creation time as publication date),
from the shared folder (``POLICY_TIMELINE_SHARED`` or ``../shared``); with ``--dev-texts DIR``
also the policy-news development set (texts re-created outside the repository, publication
dates from its ``gold.json``). "Ours" is everything a
pasted article goes through: ``extract_page`` (page reading, sentences, time expressions,
actors, events). The baseline is only date search: ``search_dates`` on the same texts with the
same reference date, the call people reach for first. Figures are processor time (both are
single-threaded, and processor time is steadier than wall time on a shared machine), the best of
``--rounds`` rounds in which the two alternate, in milliseconds per 1,000 words of input.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.extraction.evaluation import parse_cat_document  # noqa: E402
from timeline.extraction.events import extract_page  # noqa: E402


@dataclass(frozen=True)
class Text:
    corpus: str
    name: str
    text: str
    published: date | None
    words: int


def shared_dir() -> Path:
    return Path(os.environ.get("POLICY_TIMELINE_SHARED") or ROOT.parent / "shared")


def load_texts(dev_texts: Path | None = None) -> list[Text]:
    shared = shared_dir()
    texts = []
    if dev_texts is not None:
        gold = json.loads((shared / "data" / "policy-news-dev" / "gold.json").read_text())
        for article in gold:
            raw = (dev_texts / f"{article['id']}.txt").read_text(encoding="utf-8")
            published = date.fromisoformat(article["published"])
            texts.append(Text("dev", article["id"], raw, published, _words(raw)))
    for path in sorted((shared / "seeds").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        texts.append(Text("seeds", path.name, raw, None, _words(raw)))
    for path in sorted((shared / "data" / "meantime-english").rglob("*.xml")):
        document = parse_cat_document(path.read_bytes(), path.stem)
        texts.append(
            Text("meantime", path.stem, document.text, document.dct, _words(document.text))
        )
    if not texts:
        raise SystemExit(f"No texts found under {shared} (set POLICY_TIMELINE_SHARED).")
    return texts


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def ours(item: Text) -> int:
    """Events found by the whole pipeline."""
    return len(extract_page(item.text, item.published).events)


def naive(item: Text) -> int:
    """Dates found by search_dates."""
    from dateparser.search import search_dates

    settings: dict[str, object] = {}
    if item.published is not None:
        settings["RELATIVE_BASE"] = datetime.combine(item.published, datetime.min.time())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return len(search_dates(item.text, languages=["en"], settings=settings) or [])
        except (ValueError, OverflowError, TypeError):
            return 0


def timed(run: Callable[[Text], int], texts: list[Text]) -> tuple[float, int]:
    """Processor seconds for all ``texts``, and how many things were found."""
    started = time.process_time()
    found = sum(run(item) for item in texts)
    return time.process_time() - started, found


def compare(texts: list[Text], rounds: int) -> tuple[float, int, float, int]:
    """Best processor time of ours and of the baseline over rounds that alternate the two."""
    ours_best = naive_best = float("inf")
    events = dates = 0
    for _ in range(rounds):
        seconds, events = timed(ours, texts)
        ours_best = min(ours_best, seconds)
        seconds, dates = timed(naive, texts)
        naive_best = min(naive_best, seconds)
    return ours_best, events, naive_best, dates


def per_thousand_words(seconds: float, words: int) -> float:
    return seconds * 1000 / (words / 1000)


def measure(rounds: int = 3) -> tuple[float, float]:
    """ms per 1,000 words over all texts: (ours, search_dates)."""
    texts = load_texts()
    _warm_up(texts)
    words = sum(item.words for item in texts)
    ours_seconds, _, naive_seconds, _ = compare(texts, rounds)
    return per_thousand_words(ours_seconds, words), per_thousand_words(naive_seconds, words)


def _warm_up(texts: list[Text]) -> None:
    """Load both libraries' lazy data before timing (dateparser builds its tables on first use)."""
    ours(texts[0])
    naive(texts[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dev-texts", type=Path, help="re-created development-set texts")
    arguments = parser.parse_args()
    rounds = arguments.rounds
    texts = load_texts(arguments.dev_texts)
    _warm_up(texts)
    header = (
        "| texts | docs | words | ours, ms/1k words | search_dates, ms/1k words | ratio | "
        "found: events (ours) / dates (search_dates) |"
    )
    print(header)
    print("|---|---:|---:|---:|---:|---:|---|")
    groups: dict[str, list[Text]] = {"dev": [], "seeds": [], "meantime": []}
    for item in texts:
        groups[item.corpus].append(item)
    groups["all"] = texts
    for name, items in groups.items():
        if not items:
            continue
        words = sum(item.words for item in items)
        ours_seconds, events, naive_seconds, dates = compare(items, rounds)
        ours_ms = per_thousand_words(ours_seconds, words)
        naive_ms = per_thousand_words(naive_seconds, words)
        print(
            f"| {name} | {len(items)} | {words:,} | {ours_ms:.1f} | {naive_ms:.1f} | "
            f"{naive_ms / ours_ms:.2f}x | {events} / {dates} |"
        )
    print(
        f"\nProcessor time, best of {rounds} alternating rounds; Python "
        f"{sys.version.split()[0]}. 'ratio' > 1: ours is faster, while doing more (page "
        "reading, sentences, actors, events, not only dates)."
    )


if __name__ == "__main__":
    main()
