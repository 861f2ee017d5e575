"""Synthetic published events for benchmarks, never mixed with real or demo data.

Everything made here is marked: every event carries the tag ``synthetic``, actors are fictional
("Trade Ministry of Arden") with ``SYNTHETIC_MARK`` as their description, topic tags end in
"(synthetic)", publishers start with "Synthetic", and source URLs live under the reserved
``.invalid`` domain. ``delete_synthetic`` removes exactly these rows.

The data is shaped like the real thing where it matters for speed: a few busy actors, tags and
publishers and a long tail (Zipf-like weights), several events per day with ties in date, mixed
precisions, one to three citations per event with shared articles, and occasional disagreement
between sources on the date. Rows are written with ``executemany`` in batches (the ORM's
per-object work would dominate at a million events) inside one transaction per batch.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from timeline.extraction.daterange import DateRange, Precision
from timeline.models import Actor, Citation, Event, EventActor, Source, Tag, max_length

SYNTHETIC_TAG = "synthetic"
SYNTHETIC_MARK = "Synthetic benchmark data (manage.py generate_events); not a real actor."
SYNTHETIC_URL = "https://synthetic.invalid/"
BATCH_SIZE = 5_000
EVENT_TITLE_LENGTH = max_length(Event, "title")
SOURCE_TITLE_LENGTH = max_length(Source, "title")

REGIONS = [
    ("Arden", "US"), ("Borovia", "CN"), ("Calder", "EU"), ("Dunmore", "GB"), ("Eskar", "JP"),
    ("Fenwick", "KR"), ("Galtria", "IN"), ("Harrowgate", "DE"), ("Istrel", "FR"),
    ("Jorvale", "NL"), ("Kestria", "TW"), ("Lunmark", "CA"), ("Merovia", "AU"),
    ("Norland", "BR"), ("Ostrava Nova", "RU"), ("Pellandia", "SG"), ("Quarrow", "IT"),
    ("Rhosmere", "ES"), ("Solvang", "SE"), ("Tarvos", "CH"), ("Ulmeria", "IL"),
    ("Valdoria", "AE"), ("Westmarch", "SA"), ("Xandria", "ZA"), ("Yarrowby", "MX"),
]  # fmt: skip
INSTITUTIONS = [
    ("Trade Ministry", Actor.Kind.GOVERNMENT),
    ("Commerce Department", Actor.Kind.GOVERNMENT),
    ("Finance Ministry", Actor.Kind.GOVERNMENT),
    ("Competition Authority", Actor.Kind.GOVERNMENT),
    ("Data Protection Office", Actor.Kind.GOVERNMENT),
    ("Export Control Bureau", Actor.Kind.GOVERNMENT),
    ("Telecoms Regulator", Actor.Kind.GOVERNMENT),
    ("Parliament", Actor.Kind.LEGISLATURE),
    ("Senate Committee on Technology", Actor.Kind.LEGISLATURE),
    ("Supreme Court", Actor.Kind.COURT),
    ("Prime Minister", Actor.Kind.PERSON),
    ("Foreign Ministry", Actor.Kind.GOVERNMENT),
]
COMPANY_STEMS = [
    "Veltrix", "Norcom", "Quantia", "Helion", "Astrel", "Brightwave", "Corvid", "Dynara",
    "Epsilon Forge", "Fathom", "Gridline", "Halcyon", "Ionis", "Junipera", "Kairo", "Lumen Arc",
    "Meridia", "Nexora", "Orbis", "Pylon", "Quillon", "Rivet", "Sablecore", "Tessel",
]  # fmt: skip
COMPANY_KINDS = [
    "Semiconductors", "Cloud", "Robotics", "Telecom", "Batteries", "AI Labs", "Networks",
    "Biotech",
]  # fmt: skip
TOPICS = [
    "advanced chips", "chipmaking tools", "AI models", "facial recognition", "drone imports",
    "cloud services", "cross-border data transfers", "battery materials", "rare earth exports",
    "gallium and germanium", "social media apps", "5G equipment", "solar panels",
    "electric vehicles", "satellite internet", "quantum computing", "genomic data",
    "undersea cables", "crypto exchanges", "app stores", "payment platforms",
    "connected cars", "smart meters", "surveillance cameras", "lidar sensors", "memory chips",
    "lithium mining", "critical minerals", "open-source models", "chatbots",
    "encryption standards", "content moderation", "online advertising", "ride-hailing",
    "shipping containers", "medical devices", "semiconductor subsidies", "data centres",
    "children's online safety", "biometric identity",
]  # fmt: skip
VERBS = {
    Event.Type.BAN: ["bans", "prohibits", "outlaws"],
    Event.Type.RESTRICTION: ["restricts", "limits", "curbs"],
    Event.Type.EXPORT_CONTROL: ["tightens export controls on", "adds licence rules for"],
    Event.Type.LEGISLATION: ["passes a bill on", "adopts a law on"],
    Event.Type.HEARING: ["holds a hearing on", "questions executives about"],
    Event.Type.STATEMENT: ["warns about", "comments on", "defends its stance on"],
    Event.Type.REPORT: ["publishes a report on", "releases findings on"],
    Event.Type.INVESTIGATION: ["opens an investigation into", "launches a probe of"],
    Event.Type.PROPOSAL: ["proposes rules for", "drafts guidance on"],
    Event.Type.AGREEMENT: ["signs an agreement on", "reaches a deal on"],
    Event.Type.LAWSUIT: ["sues over", "files a lawsuit about"],
    Event.Type.OTHER: ["reviews", "revisits"],
}
TYPE_WEIGHTS = [6, 9, 8, 7, 5, 14, 6, 8, 9, 5, 4, 3]
PUBLISHERS = [
    "Synthetic Wire", "Synthetic Ledger", "Synthetic Times", "Synthetic Post", "Synthetic Herald",
    "Synthetic Dispatch", "Synthetic Observer", "Synthetic Gazette", "Synthetic Chronicle",
    "Synthetic Tribune", "Synthetic Courier", "Synthetic Register", "Synthetic Review",
    "Synthetic Monitor", "Synthetic Bulletin", "Synthetic Record", "Synthetic Journal",
    "Synthetic Signal", "Synthetic Standard", "Synthetic Sentinel", "Synthetic Examiner",
    "Synthetic Globe", "Synthetic Mercury", "Synthetic Telegraph", "Synthetic Insider",
    "Synthetic Press", "Synthetic Bureau", "Synthetic Report", "Synthetic Times Asia",
    "Synthetic Europe Daily",
]  # fmt: skip
PRECISIONS = [
    (Precision.DAY, 70), (Precision.WEEK, 8), (Precision.MONTH, 10), (Precision.QUARTER, 5),
    (Precision.YEAR, 2), (Precision.APPROXIMATE, 5),
]  # fmt: skip
FIRST_YEAR, LAST_YEAR = 2016, 2025


@dataclass(frozen=True)
class GeneratedCounts:
    events: int
    citations: int
    sources: int
    actors: int
    tags: int


@dataclass(frozen=True)
class DeletedCounts:
    events: int
    sources: int
    actors: int
    tags: int


def zipf_weights(size: int, exponent: float = 1.07) -> list[float]:
    """Cumulative weights in which item k is about 1/k^exponent as likely as the first."""
    return list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(size)))


def generate_events(
    count: int,
    *,
    seed: int = 2025,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> GeneratedCounts:
    """Add ``count`` synthetic published events with actors, tags, sources and citations."""
    if count < 1:
        raise ValueError("The number of events must be at least 1.")
    batch = _Batch(random.Random(seed + _next_id(Event)), _synthetic_actors(), _synthetic_tags())
    totals = {"events": 0, "citations": 0, "sources": 0}
    with _search_index_paused():
        for start in range(0, count, batch_size):
            with transaction.atomic():
                written = batch.write(min(batch_size, count - start))
            totals = {name: totals[name] + written[name] for name in totals}
            if progress:
                progress(totals["events"])
    _reset_sequences()
    _analyze()
    return GeneratedCounts(**totals, actors=len(batch.actors), tags=len(batch.tags))


class _Batch:
    """Rows for a batch of events, as plain tuples for ``executemany``."""

    def __init__(self, rng: random.Random, actors: list[Actor], tags: list[Tag]) -> None:
        self.rng, self.actors, self.tags = rng, actors, tags
        self.actor_weights = zipf_weights(len(actors))
        self.tag_weights = zipf_weights(len(tags) - 1)
        self.publisher_weights = zipf_weights(len(PUBLISHERS), 0.9)
        self.country_weights = zipf_weights(len(REGIONS), 0.8)
        # Later years are busier, as coverage of the subject grows.
        self.year_weights = list(itertools.accumulate(range(1, LAST_YEAR - FIRST_YEAR + 2)))
        self.precision_weights = list(itertools.accumulate(weight for _, weight in PRECISIONS))
        self.type_weights = list(itertools.accumulate(TYPE_WEIGHTS))
        # Values in the form the driver takes, converted once rather than per row.
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.as_date = connection.ops.adapt_datefield_value

    def pick(self, items: Sequence[Any], cum_weights: list[float]) -> Any:
        return items[self.rng.choices(range(len(items)), cum_weights=cum_weights)[0]]

    def write(self, size: int) -> dict[str, int]:
        rng = self.rng
        self.event_id, self.source_id = _next_id(Event), _next_id(Source)
        self.rows: dict[Any, list[dict[str, Any]]] = {
            Event: [], Source: [], Citation: [], EventActor: [], Event.tags.through: []
        }  # fmt: skip
        self.recent_sources: list[tuple[int, date]] = []
        years = rng.choices(range(FIRST_YEAR, LAST_YEAR + 1), cum_weights=self.year_weights, k=size)
        # Ids in date order within a batch keep the index inserts close together.
        days = sorted(date(year, 1, 1) + timedelta(days=rng.randrange(365)) for year in years)
        for offset, day in enumerate(days):
            self.add_event(self.event_id + offset, day)
        for model, rows in self.rows.items():
            _insert(model, rows)
        return {
            "events": len(self.rows[Event]),
            "citations": len(self.rows[Citation]),
            "sources": len(self.rows[Source]),
        }

    def add_event(self, pk: int, day: date) -> None:
        rng = self.rng
        precision = self.pick([precision for precision, _ in PRECISIONS], self.precision_weights)
        span = _range(day, precision, rng)
        chosen = _unique_choices(
            rng, self.actors, self.actor_weights, rng.choice((1, 1, 2, 2, 3, 4))
        )
        event_type = self.pick(list(VERBS), self.type_weights)
        topic, lead = rng.choice(TOPICS), chosen[0]
        title = f"{lead.name} {rng.choice(VERBS[event_type])} {topic}"[:EVENT_TITLE_LENGTH]
        others = ", ".join(actor.name for actor in chosen[1:]) or "no other party"
        self.rows[Event].append(
            {
                "id": pk,
                "title": title,
                "summary": (
                    f"The step concerns {topic} and names {others}. Officials cited notice "
                    f"{day.year}-{rng.randrange(100000):05d}; the measure is "
                    f"{rng.choice(_MOODS)}."
                ),
                "event_type": event_type.value,
                "status": Event.Status.PUBLISHED.value,
                "date_start": self.as_date(span.start),
                "date_end": self.as_date(span.end),
                "precision": precision.value,
                "precision_rank": precision.rank,
                "date_basis": Event.DateBasis.STATED.value,
                "country": self.country(lead),
                "confidence": round(rng.uniform(0.55, 0.99), 2),
                "created_at": self.now,
                "updated_at": self.now,
            }
        )
        for position, actor in enumerate(chosen):
            role = EventActor.Role.INITIATOR if position == 0 else EventActor.Role.TARGET
            self.rows[EventActor].append({"event_id": pk, "actor_id": actor.pk, "role": role.value})
        topics = _unique_choices(rng, self.tags[1:], self.tag_weights, rng.choice((0, 1, 1, 2, 3)))
        for tag in (self.tags[0], *topics):
            self.rows[Event.tags.through].append({"event_id": pk, "tag_id": tag.pk})
        self.add_citations(pk, title, topic, lead, span)

    def add_citations(self, pk: int, title: str, topic: str, lead: Actor, span: DateRange) -> None:
        """One to three citations; about a third reuse an article of a recent event (one
        article often reports several steps), and a few state a different day."""
        rng, cited = self.rng, set()
        for number in range(rng.choice((1, 1, 2, 2, 3))):
            if self.recent_sources and rng.random() < 0.3:
                source_pk, _ = rng.choice(self.recent_sources[-50:])
            else:
                source_pk = self.source_id + len(self.rows[Source])
                publisher = self.pick(PUBLISHERS, self.publisher_weights)
                published = span.end + timedelta(days=rng.randrange(4))
                self.rows[Source].append(
                    {
                        "id": source_pk,
                        "url": f"{SYNTHETIC_URL}{slugify(publisher)}/{source_pk}",
                        "title": f"{publisher.removeprefix('Synthetic ')}: {title}"[
                            :SOURCE_TITLE_LENGTH
                        ],
                        "publisher": publisher,
                        "published_on": self.as_date(published),
                        "language": "en",
                        "origin": Source.Origin.IMPORT.value,
                        "added_at": self.now,
                    }
                )
                self.recent_sources.append((source_pk, published))
            if source_pk in cited:
                continue
            cited.add(source_pk)
            stated = span
            if number and rng.random() < 0.08:
                shifted = span.start + timedelta(days=rng.choice((-3, -2, 2, 5)))
                stated = DateRange(shifted, shifted, Precision.DAY)
            self.rows[Citation].append(
                {
                    "event_id": pk,
                    "source_id": source_pk,
                    "quote": f"{lead.name} said it {rng.choice(_QUOTES)} {topic}.",
                    "date_start": self.as_date(stated.start),
                    "date_end": self.as_date(stated.end),
                    "precision": stated.precision.value,
                    "created_at": self.now,
                }
            )

    def country(self, lead: Actor) -> str:
        """The lead actor's country; for companies a likely jurisdiction; sometimes none."""
        if self.rng.random() < 0.05:
            return ""
        return lead.country or self.pick(REGIONS, self.country_weights)[1]


_MOODS = [
    "expected to take effect next quarter",
    "subject to public comment",
    "effective immediately",
    "likely to be challenged in court",
    "part of a wider package",
    "described as temporary",
]
_QUOTES = ["would act on", "had decided on", "was reviewing", "announced measures on"]


def delete_synthetic() -> DeletedCounts:
    """Remove every synthetic row (and nothing else) with set-based deletes."""
    marker = Tag.objects.filter(slug=SYNTHETIC_TAG).first()
    tables = {
        model: model._meta.db_table
        for model in (Event, Citation, EventActor, Source, Actor, Tag, Event.tags.through)
    }
    events = Tag.events.through._meta.db_table
    deleted_events = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if marker is not None:
            ids = f"SELECT event_id FROM {events} WHERE tag_id = %s"
            cursor.execute(f"SELECT COUNT(*) FROM {events} WHERE tag_id = %s", [marker.pk])
            deleted_events = cursor.fetchone()[0]
            for model in (Citation, EventActor):
                cursor.execute(
                    f"DELETE FROM {tables[model]} WHERE event_id IN ({ids})", [marker.pk]
                )
            cursor.execute(
                f"UPDATE {tables[Event]} SET merged_into_id = NULL WHERE merged_into_id IN ({ids})",
                [marker.pk],
            )
            cursor.execute(f"CREATE TEMPORARY TABLE synthetic_event_ids AS {ids}", [marker.pk])
            cursor.execute(
                f"DELETE FROM {events} WHERE event_id IN (SELECT event_id FROM synthetic_event_ids)"
            )
            cursor.execute(
                f"DELETE FROM {tables[Event]} WHERE id IN "
                "(SELECT event_id FROM synthetic_event_ids)"
            )
            cursor.execute("DROP TABLE synthetic_event_ids")
        # Articles still cited by a real event stay.
        orphan_sources = Source.objects.filter(url__startswith=SYNTHETIC_URL, citations=None)
        sources = orphan_sources.count()
        cursor.execute(
            f"DELETE FROM {tables[Source]} WHERE url LIKE %s AND id NOT IN "
            f"(SELECT source_id FROM {tables[Citation]})",
            [SYNTHETIC_URL + "%"],
        )
    actors, _ = Actor.objects.filter(description=SYNTHETIC_MARK, event_roles=None).delete()
    tags, _ = Tag.objects.filter(_synthetic_tag_names(), events=None).delete()
    return DeletedCounts(deleted_events, sources, actors, tags)


def _synthetic_tag_names() -> models.Q:
    return models.Q(slug=SYNTHETIC_TAG) | models.Q(name__endswith=" (synthetic)")


def _synthetic_actors() -> list[Actor]:
    wanted = [
        (f"{institution} of {region}", kind, code)
        for region, code in REGIONS
        for institution, kind in INSTITUTIONS
    ]
    wanted += [
        (f"{stem} {kind} (synthetic)", Actor.Kind.COMPANY, "")
        for stem in COMPANY_STEMS
        for kind in COMPANY_KINDS
    ]
    existing = {actor.name: actor for actor in Actor.objects.filter(description=SYNTHETIC_MARK)}
    missing = [spec for spec in wanted if spec[0] not in existing]
    for name, kind, code in missing:
        existing[name] = Actor.objects.create(
            name=name, kind=kind, country=code, description=SYNTHETIC_MARK
        )
    # The same order on every run, so the same actors are the busiest (weights follow order).
    actors = [existing[name] for name, _, _ in wanted]
    random.Random(7).shuffle(actors)
    return actors


def _synthetic_tags() -> list[Tag]:
    marker, _ = Tag.objects.get_or_create(slug=SYNTHETIC_TAG, defaults={"name": SYNTHETIC_TAG})
    topics = []
    for topic in TOPICS:
        tag, _ = Tag.objects.get_or_create(name=f"{topic} (synthetic)")
        topics.append(tag)
    return [marker, *topics]


def _unique_choices(
    rng: random.Random, items: Sequence[Any], cum_weights: list[float], k: int
) -> list[Any]:
    chosen: dict[int, Any] = {}
    while len(chosen) < k:
        index = rng.choices(range(len(items)), cum_weights=cum_weights)[0]
        chosen.setdefault(index, items[index])
    return list(chosen.values())


def _range(day: date, precision: Precision, rng: random.Random) -> DateRange:
    if precision is Precision.DAY:
        return DateRange.day(day)
    if precision is Precision.WEEK:
        return DateRange.week_of(day)
    if precision is Precision.MONTH:
        return DateRange.month(day.year, day.month)
    if precision is Precision.QUARTER:
        return DateRange.quarter(day.year, (day.month - 1) // 3 + 1)
    if precision is Precision.YEAR:
        return DateRange.year(day.year)
    return DateRange(day, day + timedelta(days=rng.randrange(10, 60)), Precision.APPROXIMATE)


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1


def _insert(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """INSERT ``rows`` (values by attribute name, already adapted for the driver) with
    executemany; columns a row leaves out take the field's default."""
    if not rows:
        return
    given = set(rows[0])
    fields = [
        field
        for field in model._meta.concrete_fields
        if field.attname in given or not field.primary_key
    ]
    defaults = {
        field.attname: field.get_db_prep_save(field.get_default(), connection)
        for field in fields
        if field.attname not in given
    }
    names = [field.attname for field in fields]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {model._meta.db_table} ({columns}) VALUES ({placeholders})"
    values = [tuple(row.get(name, defaults.get(name)) for name in names) for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is several times faster than INSERTs for a bulk load.
            copy_sql = f"COPY {model._meta.db_table} ({columns}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for value in values:
                    copy.write_row(value)
        else:
            cursor.executemany(sql, values)


@contextlib.contextmanager
def _search_index_paused() -> Iterator[None]:
    """On SQLite, fill the full-text index once at the end instead of row by row.

    The insert trigger of migration 0002 is dropped for the bulk load and always recreated,
    then the FTS5 table is rebuilt from timeline_event (covering anything written meanwhile).
    """
    if connection.vendor != "sqlite":
        yield
        return
    migration = importlib.import_module("timeline.migrations.0002_event_search_index")
    trigger = next(sql for sql in migration.SQLITE_FORWARD if "fts_insert AFTER INSERT" in sql)
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS timeline_event_fts_insert")
    try:
        yield
    finally:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(trigger)
            cursor.execute("INSERT INTO timeline_event_fts(timeline_event_fts) VALUES ('rebuild')")


def _analyze() -> None:
    """Refresh the planner's statistics: after a bulk load, stale ones pick poor plans."""
    models_ = (Event, Source, Citation, EventActor, Event.tags.through, Actor, Tag)
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _reset_sequences() -> None:
    """Explicit ids leave PostgreSQL's sequences behind; move them past the new rows."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Event, Source])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
