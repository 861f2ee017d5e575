"""Storing one article: its Source, candidate events, actors and citations, all or nothing.

``store_article`` is the only code that writes an ingested article to the database. The same
article twice (the same canonical URL, or the same text after Unicode and whitespace
normalisation) links to the stored source instead of making a second one; the database's unique
constraints settle the race when two editors submit it at the same moment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q

from timeline.editors import review
from timeline.extraction.events import EventCandidate, extract, reference_day
from timeline.extraction.normalize import content_hash, name_key, normalize_whitespace
from timeline.extraction.text import Article
from timeline.ingest.clean import canonical_url
from timeline.models import (
    Actor,
    ActorAlias,
    Citation,
    Event,
    EventActor,
    Source,
    max_length,
)

TITLE_FALLBACK_LENGTH = 120
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article as it will be stored: the clean text and the metadata the editor confirmed.

    ``dateline`` is the day a wire dateline states ("BEIJING, Oct. 29 (Xinhua) --"), as read;
    the story's weekdays count from it when it is a day before ``published_on``.
    """

    text: str
    title: str = ""
    publisher: str = ""
    url: str = ""
    published_on: date | None = None
    updated_on: date | None = None
    author: str = ""
    language: str = ""
    origin: str = Source.Origin.PASTE
    dateline: date | None = None

    @classmethod
    def from_article(cls, article: Article, *, origin: str, **overrides: Any) -> ArticleInput:
        """The input for an ``Article`` as read, with ``overrides`` (e.g. an edited date)."""
        fields = {
            "text": article.text,
            "title": article.title or "",
            "publisher": article.publisher or "",
            "url": article.url or "",
            "published_on": article.published,
            "updated_on": article.updated,
            "author": article.author or "",
            "language": article.language or "",
            "origin": origin,
            "dateline": article.dateline,
        }
        fields.update({name: value for name, value in overrides.items() if value is not None})
        return cls(**fields)


@dataclass(frozen=True, slots=True)
class StoreResult:
    """What became of an article: a new source, an existing one, or nothing (no events)."""

    CREATED = "created"
    DUPLICATE = "duplicate"
    EMPTY = "empty"

    status: str
    source: Source | None
    events: int
    message: str


def find_duplicate(
    *, url: str = "", text: str = "", title: str = "", publisher: str = ""
) -> Source | None:
    """The stored source this article is, if any.

    The same canonical URL or the same normalised text; or, for a source stored without its text
    (demo data, a CSV import, an admin entry), the same title and publisher. A match without text
    is completed by ``store_article`` rather than treated as a duplicate.
    """
    query = Q()
    if url.strip():
        query |= Q(url=canonical_url(url))
    if text.strip():
        query |= Q(content_hash=content_hash(text))
    if query and (found := Source.objects.filter(query).order_by("pk").first()):
        return found
    if title.strip() and publisher.strip():
        return (
            Source.objects.filter(
                text="", title__iexact=title.strip(), publisher__iexact=publisher.strip()
            )
            .order_by("pk")
            .first()
        )
    return None


def completion_message(source: Source) -> str:
    return (
        f"“{source.title}” (source {source.pk}) is stored without its text; the text and its "
        "events will be added to it."
    )


def duplicate_message(source: Source) -> str:
    return (
        f"Already stored as “{source.title}” (source {source.pk}); linked to it instead of "
        "storing it twice."
    )


def fallback_title(text: str) -> str:
    """A title for an article whose headline was not found: its opening words."""
    opening = normalize_whitespace(text)
    if len(opening) <= TITLE_FALLBACK_LENGTH:
        return opening
    return opening[: TITLE_FALLBACK_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def store_article(article: ArticleInput, *, user: Any = None) -> StoreResult:
    """Extract candidate events from ``article`` and store the source with them, atomically.

    Returns a DUPLICATE result (nothing written) when the article is already stored, and an
    EMPTY one (nothing written) when no dated event was found in it. A stored source that lacks
    its text (see ``find_duplicate``) receives the text and the candidates.
    """
    url = canonical_url(article.url)
    title = (article.title or fallback_title(article.text))[: max_length(Source, "title")]
    existing = find_duplicate(url=url, text=article.text, title=title, publisher=article.publisher)
    if existing is not None and existing.text:
        return StoreResult(StoreResult.DUPLICATE, existing, 0, duplicate_message(existing))
    # The same rule as ``extract_page`` (what ``evaluate_events`` measures), applied to the
    # publication date as confirmed, which the editor may have changed.
    day = reference_day(article.published_on, article.dateline)
    extraction = extract(article.text, day, title=title)
    if not extraction.events:
        return StoreResult(StoreResult.EMPTY, None, 0, _no_events_message(article, extraction))
    try:
        with transaction.atomic():
            if existing is None:
                source = _create_source(article, url=url, title=title, user=user)
            else:
                source = _complete_source(existing, article, url=url)
            for candidate in extraction.events:
                store_candidate(source, candidate)
            review.group_source_candidates(source)
    except (IntegrityError, _AlreadyCompleted):
        # Another request stored the same article between the check above and this write.
        winner = find_duplicate(url=url, text=article.text)
        if winner is None:
            raise
        return StoreResult(StoreResult.DUPLICATE, winner, 0, duplicate_message(winner))
    count = len(extraction.events)
    events = f"{count} candidate event{'s' if count != 1 else ''} to review"
    if existing is not None:
        message = f"Added the text to “{source.title}” (source {source.pk}), with {events}."
    else:
        message = f"Stored with {events}."
    return StoreResult(StoreResult.CREATED, source, count, message)


class _AlreadyCompleted(Exception):
    """The text-less source was given its text by another request meanwhile."""


def _create_source(article: ArticleInput, *, url: str, title: str, user: Any) -> Source:
    return Source.objects.create(
        url=url,
        title=title,
        publisher=article.publisher[: max_length(Source, "publisher")],
        author=article.author[: max_length(Source, "author")],
        published_on=article.published_on,
        updated_on=article.updated_on,
        language=(article.language or "")[: max_length(Source, "language")],
        text=article.text,
        origin=article.origin,
        added_by=user if getattr(user, "is_authenticated", False) else None,
    )


def _complete_source(source: Source, article: ArticleInput, *, url: str) -> Source:
    """Give a source stored without text its text; fill the details it lacks, keep the rest."""
    changes: dict[str, Any] = {"text": article.text, "content_hash": content_hash(article.text)}
    for name, value in (
        ("url", url),
        ("author", article.author[: max_length(Source, "author")]),
        ("published_on", article.published_on),
        ("updated_on", article.updated_on),
        ("language", (article.language or "")[: max_length(Source, "language")]),
    ):
        if value and not getattr(source, name):
            changes[name] = value
    # Only while it still has no text: the loser of a race updates nothing.
    if not Source.objects.filter(pk=source.pk, text="").update(**changes):
        raise _AlreadyCompleted
    source.refresh_from_db()
    return source


def store_candidate(source: Source, candidate: EventCandidate) -> Event:
    """One candidate event with its actors and its citation of ``source``."""
    event = Event.objects.create(
        title=candidate.title[: max_length(Event, "title")],
        summary=candidate.summary,
        event_type=_choice(candidate.event_type, Event.Type, Event.Type.OTHER),
        status=Event.Status.CANDIDATE,
        date_start=candidate.date_start,
        date_end=candidate.date_end,
        precision=_choice(candidate.precision, Event.Precision, Event.Precision.APPROXIMATE),
        date_text=(candidate.date_text or "")[: max_length(Event, "date_text")],
        date_basis=_choice(candidate.date_basis, Event.DateBasis, Event.DateBasis.STATED),
        country=_country(candidate.country),
        confidence=min(1.0, max(0.0, round(float(candidate.confidence), 3))),
    )
    seen: set[int] = set()
    for mention in candidate.actors:
        actor = resolve_actor(
            mention.name, kind=mention.kind, country=mention.country, description=mention.office
        )
        if actor is None or actor.pk in seen:
            continue
        seen.add(actor.pk)
        role = _choice(mention.role, EventActor.Role, EventActor.Role.SUBJECT)
        EventActor.objects.create(event=event, actor=actor, role=role)
    Citation.objects.create(
        event=event,
        source=source,
        quote=candidate.sentence,
        start_offset=candidate.start,
        end_offset=candidate.end,
        date_start=candidate.date_start,
        date_end=candidate.date_end,
        precision=event.precision,
        date_text=event.date_text,
    )
    return event


def resolve_actor(
    name: str, *, kind: str = "", country: str = "", description: str = ""
) -> Actor | None:
    """The actor called ``name`` (by its name or an alias, compared by ``name_key``), created
    with ``kind``, ``country`` and ``description`` (a person's role, "U.S. President") if nobody
    has that name yet. None for a name without letters."""
    name = normalize_whitespace(name)[: max_length(Actor, "name")]
    key = name_key(name)
    if not key:
        return None
    for attempt in range(2):
        if actor := _find_actor(key):
            if description and not actor.description:
                # The first article named the person without a role; this one says it.
                Actor.objects.filter(pk=actor.pk, description="").update(description=description)
                actor.description = description
            return actor
        try:
            with transaction.atomic():
                return Actor.objects.create(
                    name=name,
                    kind=_choice(kind, Actor.Kind, Actor.Kind.OTHER),
                    country=_country(country),
                    description=description,
                )
        except IntegrityError:
            # Created by a concurrent request (same key), or a slug collision: look again.
            if attempt == 1:
                raise
    return None  # pragma: no cover - the loop returns or raises


def _find_actor(key: str) -> Actor | None:
    actor = Actor.objects.filter(key=key).first()
    if actor is None:
        alias = ActorAlias.objects.filter(key=key).select_related("actor").first()
        actor = alias.actor if alias else None
    return actor


def _choice(value: str | None, choices: type, default: str) -> str:
    return value if value in choices.values else default


def _country(value: str | None) -> str:
    value = (value or "").strip().upper()
    return value if _COUNTRY_CODE.match(value) else ""


def _no_events_message(article: ArticleInput, extraction: Any) -> str:
    if article.published_on is None:
        return (
            "No dated events were found, and the publication date is unknown, so dates such as "
            "“on Tuesday” could not be resolved. Enter the publication date and ingest it "
            "again. Nothing was stored."
        )
    if not extraction.timexes:
        return "The article states no dates, so no events could be dated. Nothing was stored."
    return "No policy events were found in this article. Nothing was stored."
