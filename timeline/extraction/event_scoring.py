"""Scoring extracted events against a gold file of dated policy events.

The rules are those of the shared scorer (``../shared/tools/score_events.py``), so a figure
printed here is the figure a reviewer gets: an extracted event matches a gold event when its
evidence sentence (or its date phrase) contains the gold anchor and its dates agree with the
gold dates at the gold precision; each extracted event matches at most one gold event.
Precision counts the candidates with a stated date; actor agreement is the lenient proxy
"some extracted actor shares a distinctive word with some gold actor".

Two counts are kept apart that the shared scorer merges: candidates dated after publication
that the text schedules (their sentence says "will", "takes effect", ...) and those it does
not (a misread date).

Gold is either a list of articles (``id``, ``published``, ``events``, optional
``not_events``; the text is ``<id>.txt``) or an object with ``articles`` (each with
``file``). No Django import: the management command ``evaluate_events`` reads files and prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

# Words too common in actor names to show that two names mean the same actor.
_STOP = frozenset(
    re.findall(
        r"\S+",
        "the of and for us u.s. u.s s department ministry government office committee "
        "commission authority agency national state unnamed de house senate officials "
        "official administration",
    )
)
_SCHEDULED = re.compile(
    r"\b(?:will|shall|is set to|are set to|is due to|are due to|takes? effect|goes? into effect|"
    r"effective|scheduled|starting|from)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article of the gold file with its text."""

    id: str
    text: str
    published: date
    events: tuple[dict[str, Any], ...]
    not_events: tuple[str, ...] = ()


@dataclass(slots=True)
class ArticleScore:
    """What happened on one article: the gold events missed and the errors made."""

    id: str
    gold: int = 0
    dated_right: int = 0
    stated: int = 0
    stated_matched: int = 0
    actors_agree: int = 0
    chrome: int = 0
    after_publication_scheduled: int = 0
    after_publication_unscheduled: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Score:
    """Totals over the articles, with the per-article details."""

    articles: list[ArticleScore] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(article, name) for article in self.articles)

    @property
    def recall(self) -> float:
        gold = self.total("gold")
        return self.total("dated_right") / gold if gold else 0.0

    @property
    def precision(self) -> float:
        stated = self.total("stated")
        return self.total("stated_matched") / stated if stated else 0.0

    def summary(self) -> str:
        """The figures in one line, in the shared scorer's words."""
        matched = self.total("dated_right")
        return (
            f"events dated right: {matched}/{self.total('gold')} ({self.recall:.0%}); "
            f"stated-date events matching gold {self.total('stated_matched')}/"
            f"{self.total('stated')} ({self.precision:.0%}); "
            f"chrome events {self.total('chrome')}; dated after publication "
            f"{self.total('after_publication_unscheduled')} unscheduled, "
            f"{self.total('after_publication_scheduled')} scheduled; "
            f"actors agree in {self.total('actors_agree')}/{matched}"
        )


def normalize(text: str | None) -> str:
    """Lower case with runs of white space as one space."""
    return re.sub(r"\s+", " ", text or "").strip().lower()


def load_gold(gold: Any, read_text: Callable[[str], str]) -> list[GoldArticle]:
    """The articles of a parsed gold file; ``read_text(name)`` returns a text by file name."""
    articles = []
    if isinstance(gold, dict):
        rows = [(row["file"], row["file"], row) for row in gold["articles"]]
    else:
        rows = [(row["id"], f"{row['id']}.txt", row) for row in gold]
    for ident, name, row in rows:
        articles.append(
            GoldArticle(
                id=ident,
                text=read_text(name),
                published=date.fromisoformat(row["published"]),
                events=tuple(row["events"]),
                not_events=tuple(row.get("not_events", ())),
            )
        )
    return articles


def dates_agree(event: Mapping[str, Any], gold: Mapping[str, Any], published: date) -> bool:
    """The extracted dates agree with the gold dates at the gold precision."""
    try:
        start = date.fromisoformat(event["date_start"])
        end = date.fromisoformat(event["date_end"])
    except (KeyError, TypeError, ValueError):
        return False
    gold_start = date.fromisoformat(gold["date_start"])
    gold_end = date.fromisoformat(gold["date_end"])
    precision, gold_precision = event.get("precision"), gold["precision"]
    if gold_precision == "day":
        return start == end == gold_start
    if gold_precision in {"month", "year", "quarter"}:
        return precision == gold_precision and start == gold_start and end == gold_end
    if gold_precision == "week":
        return precision == "week" and start <= gold_start <= end
    return (
        precision in {"approximate", "week", "month"}
        and start <= gold_end
        and gold_start <= end
        and end <= published + timedelta(days=1)
    )


def _tokens(name: str) -> set[str]:
    return {
        token
        for token in re.findall(r"[a-z0-9][a-z0-9.'-]*", normalize(name))
        if token not in _STOP and len(token) > 1
    }


def actors_agree(extracted: Iterable[str], gold: Iterable[str]) -> bool:
    """Some extracted actor shares a distinctive word with some gold actor."""
    gold = list(gold)
    if not gold:
        return True
    gold_tokens = set().union(*(_tokens(name) for name in gold))
    return bool(set().union(*(_tokens(name) for name in extracted)) & gold_tokens)


def score_article(article: GoldArticle, events: list[Mapping[str, Any]]) -> ArticleScore:
    """Match one article's extracted events (``extract --jsonl`` dicts) to its gold events."""
    result = ArticleScore(article.id, gold=len(article.events))
    where = [normalize(e.get("sentence")) + " | " + normalize(e.get("date_text")) for e in events]
    used: set[int] = set()
    for gold in article.events:
        anchor = normalize(gold.get("anchor"))
        hit = next(
            (
                index
                for index, event in enumerate(events)
                if index not in used
                and (anchor in where[index] if anchor else False)
                and dates_agree(event, gold, article.published)
            ),
            None,
        )
        if hit is None:
            near = [
                f"{e.get('date_text')!r} {e.get('date_start')}..{e.get('date_end')} "
                f"{e.get('precision')}"
                for index, e in enumerate(events)
                if anchor and anchor in where[index]
            ]
            kind = "wrong date" if near else "no candidate"
            result.errors.append(
                f"missed ({kind}) {gold.get('what', '')[:60]!r} anchor {gold.get('anchor')!r} "
                f"want {gold['date_start']}..{gold['date_end']} {gold['precision']}"
                + (f"; got {', '.join(near[:2])}" if near else "")
            )
            continue
        used.add(hit)
        result.dated_right += 1
        if actors_agree(events[hit].get("actors", []), gold.get("actors", [])):
            result.actors_agree += 1
        else:
            result.errors.append(
                f"actors differ for {gold.get('anchor')!r}: {events[hit].get('actors')} "
                f"vs gold {gold.get('actors')}"
            )
    for chrome in article.not_events:
        needle = normalize(chrome)
        for index in range(len(events)):
            if needle and needle in where[index]:
                result.chrome += 1
                result.errors.append(f"event from page chrome {chrome!r}")
    for index, event in enumerate(events):
        stated = event.get("date_basis", "stated") == "stated"
        if stated:
            result.stated += 1
            if index in used:
                result.stated_matched += 1
            else:
                result.errors.append(
                    f"extra {event.get('date_start')} [{event.get('date_text')}] "
                    f"{event.get('title')!r}"
                )
        try:
            start = date.fromisoformat(event["date_start"])
        except (KeyError, TypeError, ValueError):
            continue
        if start > article.published + timedelta(days=1) and stated:
            if _SCHEDULED.search(event.get("sentence") or ""):
                result.after_publication_scheduled += 1
            else:
                result.after_publication_unscheduled += 1
                result.errors.append(f"after publication, unscheduled: {event.get('title')!r}")
    return result


def score(articles: list[GoldArticle], extracted: Mapping[str, list[Mapping[str, Any]]]) -> Score:
    """Score every article; ``extracted`` maps an article id to its event dicts."""
    return Score(
        [score_article(article, list(extracted.get(article.id, []))) for article in articles]
    )
