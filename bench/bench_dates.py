"""Speed of the time-expression finder next to naive ``dateparser.search``, same texts, same run.

    .venv/bin/python bench/bench_dates.py [--shared PATH] [--repeat 3]

Texts: the seed articles (publication dates 2025-03-18 and 2025-01-29) and every MEANTIME article
(whole text, its creation date as the publication date). Prints milliseconds per 1,000 words for
``find_timexes`` and for ``dateparser.search.search_dates`` with RELATIVE_BASE set to the same
date. No Django: the finder is plain Python.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.extraction.dates import find_timexes  # noqa: E402
from timeline.extraction.evaluation import parse_cat_document  # noqa: E402

SEED_DATES = {
    "000_1bf48d3b7788dd03.txt": date(2025, 3, 18),
    "003_ef2d1c8b103bf44e.txt": date(2025, 1, 29),
}


def load_texts(shared: Path) -> dict[str, list[tuple[str, date | None]]]:
    seeds = [
        ((shared / "seeds" / name).read_text(encoding="utf-8"), dct)
        for name, dct in SEED_DATES.items()
        if (shared / "seeds" / name).is_file()
    ]
    meantime = [
        (document.text, document.dct)
        for path in sorted((shared / "data" / "meantime-english").rglob("*.xml"))
        for document in [parse_cat_document(path.read_bytes(), path.stem)]
    ]
    return {"seeds": seeds, "MEANTIME": meantime}


def naive(text: str, dct: date | None) -> list:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime(dct.year, dct.month, dct.day)} if dct else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return search_dates(text, languages=["en"], settings=settings) or []


def timed(finder: Callable, texts: list[tuple[str, date | None]], repeat: int) -> tuple[float, int]:
    """Best wall time over ``repeat`` runs (seconds) and the number of expressions found."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = sum(len(finder(text, dct)) for text, dct in texts)
        best = min(best, time.perf_counter() - start)
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_shared = os.environ.get("POLICY_TIMELINE_SHARED") or str(ROOT.parent / "shared")
    parser.add_argument("--shared", type=Path, default=Path(default_shared))
    parser.add_argument("--repeat", type=int, default=3, help="Runs per finder; best is kept.")
    arguments = parser.parse_args()
    corpora = load_texts(arguments.shared)
    if not any(corpora.values()):
        sys.exit(f"No texts under {arguments.shared} (seeds/ and data/meantime-english/).")
    naive("warm up dateparser's language data", date(2025, 1, 1))
    find_timexes("warm up on 29 January 2025", date(2025, 1, 1))

    print(
        f"{'texts':<10} {'docs':>5} {'words':>7}  {'finder':<11} {'found':>6} {'ms/1k words':>12}"
    )
    print("-" * 58)
    for name, texts in corpora.items():
        words = sum(len(text.split()) for text, _ in texts)
        for label, finder, repeat in (
            ("ours", find_timexes, arguments.repeat),
            ("dateparser", naive, 1),
        ):
            seconds, found = timed(finder, texts, repeat)
            print(
                f"{name:<10} {len(texts):>5} {words:>7}  {label:<11} {found:>6} "
                f"{seconds * 1000 / words * 1000:>12.2f}"
            )


if __name__ == "__main__":
    main()
