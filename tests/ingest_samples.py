"""Made-up articles for ingest tests, written for the tests (no real article text)."""

from __future__ import annotations

from pathlib import Path

import pytest

# A page as a researcher copies it: navigation, byline, body, newsletter box, other headlines.
ARTICLE = """Ministry tightens rules on chip exports | Example Wire
Home > World > Technology
Ministry tightens rules on chip exports
By Jane Doe
Published: Mar 12, 2025 10:00 AM

The Ministry of Commerce of Freedonia said on Monday that it would restrict exports of advanced \
memory chips to three neighbouring countries, citing national security.

The European Commission opened an investigation into the chip supply agreements on March 3, \
according to a statement from its competition office.

Analysts said the rules could raise prices.

Subscribe to our newsletter
More from Technology
Other headline one
Other headline two
"""

# The same article pasted again from another browser: other line breaks and spacing, and
# compatibility characters (a no-break space, a ligature) that Unicode normalisation folds.
ARTICLE_REPASTED = (
    ARTICLE.replace("\n\n", "\r\n \r\n")
    .replace("Ministry of Commerce", "Ministry\u00a0of Commerce")
    .replace("office", "o\ufb03ce")
)

# An article whose body states no date at all and reports no policy action.
NO_EVENTS = """Why chips matter
By John Roe

Memory chips are small parts that store information in phones, cars and computers around the \
world, and many factories make them.

Engineers keep making them smaller, which lets each part hold more information than before.
"""

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def seed_paths() -> list[Path]:
    """The two seed articles (read at run time, never copied); skips when they are absent."""
    import os

    folder = Path(os.environ.get("POLICY_TIMELINE_SHARED", SHARED)) / "seeds"
    paths = sorted(folder.glob("0*.txt"))
    if not paths:
        pytest.skip(f"The seed articles are not in {folder}")
    return paths
