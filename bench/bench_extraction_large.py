"""Extraction on one very long text: does it stay roughly linear?

    .venv/bin/python bench/bench_extraction_large.py [--megabytes 5]

The text is the development corpus (``tests/data/articles/*.txt``) repeated until it reaches
the size asked for, read as one pasted page (``read_article``) and then extracted (``extract``
with the first article's publication date). Ingestion refuses articles over
``text.MAX_ARTICLE_CHARS``; this measures the extractor itself, which has no limit, so that a
caller that skips the check still gets an answer in bounded time. Prints wall time per stage.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.extraction.events import extract  # noqa: E402
from timeline.extraction.text import read_article  # noqa: E402

ARTICLES = ROOT / "tests" / "data" / "articles"


def build(megabytes: float) -> str:
    """The corpus articles, repeated to ``megabytes`` million characters."""
    pieces = [path.read_text(encoding="utf-8") for path in sorted(ARTICLES.glob("*.txt"))]
    unit = "\n\n".join(pieces)
    target = int(megabytes * 1_000_000)
    return (unit * (target // len(unit) + 1))[:target]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    args = parser.parse_args()
    raw = build(args.megabytes)

    started = time.perf_counter()
    article = read_article(raw)
    read_seconds = time.perf_counter() - started

    started = time.perf_counter()
    result = extract(raw, date(2025, 9, 17))
    extract_seconds = time.perf_counter() - started

    print(f"{'stage':<28} {'chars':>11} {'seconds':>8}  result")
    print(f"{'read_article (page)':<28} {len(raw):>11,} {read_seconds:>8.1f}  "
          f"{len(article.text):,} chars of body")  # fmt: skip
    print(f"{'extract (whole text)':<28} {len(raw):>11,} {extract_seconds:>8.1f}  "
          f"{result.sentence_count:,} sentences, {len(result.events):,} events")  # fmt: skip


if __name__ == "__main__":
    main()
