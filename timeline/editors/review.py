"""Reviewing candidate events: what the review screen shows and what its buttons do.

Every decision (accept, edit, reject, add as a source of a published event) records who made it
and when, on the event (``reviewed_by``, ``reviewed_at``) and in the history (``ReviewAction``).

Candidates of different articles that report one event are grouped when an article is stored
(``group_source_candidates``, with the rules of ``extraction.grouping``): the group shows as one
card, its lead's, and accepting that card publishes one event citing every article. A candidate
that probably reports an already published event is proposed as a citation of it instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from django.core.paginator import Page
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from timeline.editors.merging import merge_events
from timeline.extraction.grouping import (
    GroupItem,
    Link,
    actor_fields,
    better_member,
    link,
    may_join,
    stored_types_compatible,
)
from timeline.extraction.similarity import NEAR_DAYS, EventSketch, Likeness, likeness
from timeline.models import Citation, Event, EventActor, ReviewAction, Source, Tag, Watch
from timeline.queries import longest_days

MATCHES_PER_CANDIDATE = 3
# How far apart a candidate's date and a published event's may be for the event to be offered
# as the one to add the candidate to: the extractor can misread a date by weeks ("on Tuesday"
# in an article published days later, a month without its year), rarely by more.
SUGGESTION_DAYS = 28
SUGGESTIONS = 10
# Cards per review page: a long article (a 1,300-candidate page took over 30 s to render)
# is reviewed a page at a time.
CANDIDATES_PER_PAGE = 25
# Candidates in the order their evidence appears in the text; the pk keeps pages stable.
TEXT_ORDER = (F("start_offset").asc(nulls_last=True), "pk")


@dataclass(frozen=True, slots=True)
class Match:
    """A published event a candidate looks like."""

    event: Event
    likeness: Likeness
    date_differs: bool
    cites_source: bool = False


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text; ``events`` are the candidates whose evidence covers it, and
    ``anchors`` those whose evidence starts here."""

    text: str
    events: tuple[int, ...] = ()
    anchors: tuple[int, ...] = ()


def sources_to_review(*, watch: Watch | None = None, tag: Tag | None = None) -> QuerySet[Source]:
    """Sources with undecided candidates, newest first, with how many each has.

    Narrowed to one story: ``watch``, the articles that watch found; ``tag``, the candidates
    with that tag (counted alone).
    """
    undecided = Q(citations__event__status=Event.Status.CANDIDATE)
    if tag is not None:
        undecided &= Q(citations__event__tags=tag)
    sources = Source.objects.all()
    if watch is not None:
        # A subquery, not a join: two links of one watch may lead to one stored article.
        sources = sources.filter(pk__in=watch.items.values("source_id"))
    return (
        sources.annotate(undecided=Count("citations", filter=undecided, distinct=True))
        .filter(undecided__gt=0)
        .order_by("-added_at", "-pk")
    )


def source_citations(source: Source) -> QuerySet[Citation]:
    """The citations of ``source`` in text order, each with its event and what a card shows.

    Slice it (a page of cards): the related rows are fetched for the slice only, in a constant
    number of queries.
    """
    return (
        source.citations.select_related(
            "event__reviewed_by", "event__merged_into", "event__proposed_for", "event__group_lead"
        )
        .prefetch_related(
            Prefetch(
                "event__group_members",
                queryset=Event.objects.candidates()
                .prefetch_related(
                    Prefetch("citations", queryset=Citation.objects.select_related("source"))
                )
                .order_by("pk"),
            ),
            Prefetch(
                "event__event_actors",
                queryset=EventActor.objects.select_related("actor").order_by("id"),
            ),
            "event__tags",
            Prefetch(
                "event__citations",
                queryset=Citation.objects.select_related("source").order_by("id"),
            ),
        )
        .order_by(*TEXT_ORDER)
    )


def page_of(source: Source, event: Event) -> int:
    """The review page (from 1) that shows ``event``'s card among ``source``'s candidates."""
    citation = source.citations.filter(event=event).order_by("pk").first()
    if citation is None:
        return 1
    if citation.start_offset is None:
        earlier = Q(start_offset__isnull=False) | Q(start_offset__isnull=True, pk__lt=citation.pk)
    else:
        earlier = Q(start_offset__lt=citation.start_offset) | Q(
            start_offset=citation.start_offset, pk__lt=citation.pk
        )
    return source.citations.filter(earlier).count() // CANDIDATES_PER_PAGE + 1


def page_segments(source: Source, page: Page) -> list[Segment]:
    """The stretch of ``source``'s text that belongs to ``page`` of its cards, with their
    evidence marked.

    Each page shows the text from its first evidence up to the next page's first evidence (the
    first page from the start, the last page to the end), so the pages together show the whole
    article once, and a page never carries a huge article in full.
    """
    text = source.text
    citations = list(page.object_list)
    start = 0
    if page.has_previous():
        first = citations[0].start_offset if citations else None
        start = len(text) if first is None else first
    end = len(text)
    if page.has_next():
        following = source.citations.order_by(*TEXT_ORDER).values_list("start_offset", flat=True)
        following_start = following[page.end_index()]
        end = len(text) if following_start is None else following_start
    start, end = min(start, len(text)), max(min(end, len(text)), start)
    spans = [
        (max(c.start_offset, start) - start, min(c.end_offset, end) - start, c.event_id)
        for c in citations
        if c.start_offset is not None and c.end_offset is not None
    ]
    return highlight(text[start:end], spans)


def highlight(text: str, spans: list[tuple[int, int, int]]) -> list[Segment]:
    """``text`` cut into segments at the evidence spans ``(start, end, event id)``.

    Spans may overlap (two events told in one sentence); spans outside the text are ignored.
    """
    spans = [(start, end, pk) for start, end, pk in spans if 0 <= start < end <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    segments: list[Segment] = []
    for start, end in pairwise(cuts):
        covering = tuple(pk for s, e, pk in spans if s <= start and end <= e)
        anchors = tuple(pk for s, _, pk in spans if s == start)
        previous = segments[-1] if segments else None
        if previous and previous.events == covering and not anchors:
            segments[-1] = Segment(previous.text + text[start:end], covering, previous.anchors)
        else:
            segments.append(Segment(text[start:end], covering, anchors))
    return segments


def similar_published(
    candidates: list[Event], *, source: Source | None = None
) -> dict[int, list[Match]]:
    """For each candidate, the published events it most looks like (best first), noting those
    that already cite ``source``.

    A constant number of queries for all candidates: the published events dated near any of them.
    """
    candidates = [event for event in candidates if event.status == Event.Status.CANDIDATE]
    if not candidates:
        return {}
    earliest = min(event.date_start for event in candidates).toordinal() - NEAR_DAYS
    latest = max(event.date_end for event in candidates).toordinal() + NEAR_DAYS
    # Day numbers clamped to the calendar: a candidate dated 31 Dec 9999 has no later days.
    earliest = date.fromordinal(max(earliest, date.min.toordinal()))
    latest = date.fromordinal(min(latest, date.max.toordinal()))
    published = list(
        Event.objects.published()
        .filter(merged_into__isnull=True, date_end__gte=earliest, date_start__lte=latest)
        .prefetch_related(
            Prefetch("event_actors", queryset=EventActor.objects.select_related("actor")),
            "citations",
        )
    )
    sketches = {event.pk: _sketch(event) for event in published}
    matches: dict[int, list[Match]] = {}
    for candidate in candidates:
        sketch = _sketch(candidate)
        found = []
        for event in published:
            if found_likeness := likeness(sketch, sketches[event.pk]):
                differs = (candidate.date_start, candidate.date_end, candidate.precision) != (
                    event.date_start,
                    event.date_end,
                    event.precision,
                )
                cites = source is not None and any(
                    citation.source_id == source.pk for citation in event.citations.all()
                )
                found.append(Match(event, found_likeness, differs, cites))
        found.sort(key=lambda match: (-match.likeness.score, match.event.pk))
        matches[candidate.pk] = found[:MATCHES_PER_CANDIDATE]
    return matches


def published_near(event: Event) -> list[Event]:
    """Published events dated within ``SUGGESTION_DAYS`` of ``event``, nearest first: where
    to add a candidate whose date may have been misread."""
    window = timedelta(days=SUGGESTION_DAYS)
    nearby = (
        Event.objects.published()
        .filter(
            merged_into__isnull=True,
            date_end__gte=_shifted(event.date_start, -window),
            date_start__lte=_shifted(event.date_end, window),
        )
        .exclude(pk=event.pk)
    )
    # The nearest on either side, each found through the timeline index.
    later = nearby.filter(date_start__gte=event.date_start).order_by("date_start", "pk")
    earlier = nearby.filter(date_start__lt=event.date_start).order_by("-date_start", "-pk")
    found = [*later[:SUGGESTIONS], *earlier[:SUGGESTIONS]]
    found.sort(key=lambda other: (abs((other.date_start - event.date_start).days), other.pk))
    return found[:SUGGESTIONS]


def _shifted(day: date, delta: timedelta) -> date:
    """``day + delta``, held within the calendar (years 1 to 9999)."""
    try:
        return day + delta
    except OverflowError:
        return date.max if delta > timedelta(0) else date.min


def _sketch(event: Event) -> EventSketch:
    return EventSketch(
        title=event.title,
        summary=event.summary,
        date_start=event.date_start,
        date_end=event.date_end,
        event_type=event.event_type,
        actors=tuple(role.actor.name for role in event.event_actors.all()),
    )


def record(event: Event, action: str, user: Any, *, target: Event | None = None) -> None:
    """Keep who did what to ``event``, and when."""
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(reviewed_by=user, reviewed_at=now)
    event.reviewed_by, event.reviewed_at = user, now
    ReviewAction.objects.create(event=event, action=action, user=user, target=target)


@transaction.atomic
def accept(event: Event, user: Any) -> None:
    """Publish a candidate; a group's lead is published as one event citing every article of
    the group, each citation keeping the date as its article states it."""
    members = list(Event.objects.candidates().filter(group_lead=event).select_for_update())
    for member in members:
        add_as_source(member, event, user)
    event.status, event.group_lead, event.proposed_for = Event.Status.PUBLISHED, None, None
    event.save(update_fields=["status", "group_lead", "proposed_for", "updated_at"])
    record(event, ReviewAction.Action.ACCEPTED, user)


@transaction.atomic
def reject(event: Event, user: Any) -> None:
    """Reject a candidate; it stays in the database, out of the timeline. The other candidates
    of its group go back to being reviewed one by one."""
    Event.objects.candidates().filter(group_lead=event).update(group_lead=None)
    event.status, event.group_lead = Event.Status.REJECTED, None
    event.save(update_fields=["status", "group_lead", "updated_at"])
    record(event, ReviewAction.Action.REJECTED, user)


@transaction.atomic
def split(lead: Event, member_pk: Any, user: Any = None) -> Event | None:
    """Take one article's candidate out of ``lead``'s group (a wrong grouping): it is reviewed
    on its own again, and regrouping leaves it alone. Returns the candidate, or None when it
    was not in the group."""
    member = Event.objects.filter(pk=member_pk if str(member_pk).isdigit() else 0).first()
    if member is None or lead.pk not in (member.group_lead_id, member.pk):
        return None
    if member.pk == lead.pk:
        # The lead leaves: its first member leads the others.
        members = list(Event.objects.filter(group_lead=lead).order_by("pk"))
        if members:
            Event.objects.filter(pk__in=[m.pk for m in members[1:]]).update(group_lead=members[0])
            Event.objects.filter(pk=members[0].pk).update(group_lead=None)
    else:
        Event.objects.filter(pk=member.pk).update(group_lead=None)
    ReviewAction.objects.create(event=member, action=ReviewAction.Action.SPLIT, user=user)
    return member


def group_items_of(events: QuerySet[Event]) -> dict[int, tuple[GroupItem, int | None]]:
    """Each of ``events`` as grouping sees it, with the lead of its group (None when it leads
    or is in no group), by pk. Plain values in three queries: the events, their first
    citations (the article and its evidence) and their actors in stored order."""
    rows = list(
        events.values_list(
            "pk",
            "group_lead_id",
            "title",
            "summary",
            "date_start",
            "date_end",
            "precision",
            "event_type",
        )
    )
    # The events again as a subquery, not as a list of thousands of ids.
    pks = events.values("pk")
    first_citations: dict[int, tuple[int, str]] = {}
    for event_pk, source_pk, quote in (
        Citation.objects.filter(event__in=pks)
        .order_by("pk")
        .values_list("event_id", "source_id", "quote")
    ):
        first_citations.setdefault(event_pk, (source_pk, quote))
    actors: dict[int, list[tuple[str, str, str, str, str]]] = defaultdict(list)
    for event_pk, name, role, office, country, kind in (
        EventActor.objects.filter(event__in=pks)
        .order_by("pk")
        .values_list(
            "event_id", "actor__name", "role", "actor__description", "actor__country", "actor__kind"
        )
    ):
        actors[event_pk].append((name, role, office, country, kind))
    items = {}
    for pk, lead, title, summary, date_start, date_end, precision, event_type in rows:
        source, sentence = first_citations.get(pk, (None, ""))
        item = GroupItem(
            key=pk,
            source=source,
            title=title,
            summary=summary,
            sentence=sentence,
            date_start=date_start,
            date_end=date_end,
            precision=precision,
            event_type=event_type,
            **actor_fields(actors[pk]),
        )
        items[pk] = item, lead
    return items


@transaction.atomic
def group_source_candidates(source: Source) -> tuple[int, int]:
    """Link ``source``'s new candidates to what other articles reported.

    A candidate that probably reports a published event is proposed as a citation of it; one
    that reports an undecided candidate of another article joins that candidate's group when it
    is linked to half its members and compatible with the others (``grouping.may_join``) and its
    article is not in the group yet. Returns how many candidates were grouped and how many
    proposed.
    """
    return _group_candidates(source, _ungrouped().filter(citations__source=source))


@transaction.atomic
def regroup_candidates() -> tuple[int, int]:
    """Group the undecided candidates already stored with today's rules, as if each article
    arrived again: candidates stored before a rule changed. Newest articles first, so a group
    is led by its oldest article, as at ingestion. Candidates already grouped, leading a group,
    proposed as a citation or split off by an editor stay as they are. Returns how many
    candidates were grouped and how many proposed."""
    grouped = proposed = 0
    sources = Source.objects.filter(citations__event__in=_ungrouped()).distinct().order_by("-pk")
    for source in sources:
        found = _group_candidates(source, _ungrouped().filter(citations__source=source))
        grouped, proposed = grouped + found[0], proposed + found[1]
    return grouped, proposed


def _ungrouped() -> QuerySet[Event]:
    """Undecided candidates in no group and proposed for no event, never split off a group."""
    return (
        Event.objects.candidates()
        .filter(group_lead__isnull=True, proposed_for__isnull=True, group_members__isnull=True)
        .exclude(review_actions__action=ReviewAction.Action.SPLIT)
    )


def _group_candidates(source: Source, candidates: QuerySet[Event]) -> tuple[int, int]:
    new = group_items_of(candidates)
    if not new:
        return 0, 0
    near = dated_near((item for item, _ in new.values()), longest=longest_event_days())
    new_types = {item.event_type for item, _ in new.values()}
    unlinkable = [
        stored
        for stored in Event.Type.values
        if not any(stored_types_compatible(one, stored) for one in new_types)
    ]
    published = group_items_of(
        Event.objects.published()
        .filter(near, merged_into__isnull=True)
        .exclude(event_type__in=unlinkable)
    )
    stored = (
        Event.objects.candidates()
        .filter(proposed_for__isnull=True)
        .exclude(event_type__in=unlinkable)
        .exclude(citations__source=source)
        # An editor said it is not the event its group reported: leave it to the editor.
        .exclude(review_actions__action=ReviewAction.Action.SPLIT)
    )
    others = group_items_of(stored.filter(near))
    # Each group by its lead: the lead itself and the candidates it leads.
    groups: dict[int, list[int]] = defaultdict(list)
    for pk, (_, lead) in others.items():
        groups[pk].append(pk)
        if lead is not None:
            groups[lead].append(pk)
    published_items = [other for other, _ in published.values()]
    proposals: dict[int, int] = {}
    links_of: dict[int, dict[int, Link]] = {}
    for pk in sorted(new):
        item = new[pk][0]
        if (best := _best_link(item, published_items)) is not None:
            proposals[pk] = best
        else:
            # The new candidates are one article's, never linked to each other: linked to the
            # stored ones alone, before any of them joins a group.
            links_of[pk] = {
                key: found for key, (other, _) in others.items() if (found := link(item, other))
            }
    # A group is joined only by a candidate compatible with every member, and a member dated far
    # from every new candidate (a group can last longer than the dates read) is not.
    reached = {_lead_of(key, others) for links in links_of.values() for key in links}
    far_members = stored.exclude(near).filter(Q(pk__in=reached) | Q(group_lead__in=reached))
    unjoinable = {lead or pk for pk, lead in far_members.values_list("pk", "group_lead")}
    for pk, best in proposals.items():
        Event.objects.filter(pk=pk).update(proposed_for=best, updated_at=timezone.now())
    grouped = 0
    for pk, links in links_of.items():
        if pk in others:  # it took a group's place of another of its article's candidates
            continue
        item = new[pk][0]
        for lead_pk in _ranked_leads(links, others):
            if lead_pk in unjoinable:
                continue
            members = groups[lead_pk]
            sources = {others[member][0].source for member in members}
            unlinked = [(item, others[member][0]) for member in members if member not in links]
            if item.source not in sources and may_join(len(members), unlinked):
                joining = _article_place(pk, members, links_of, new, others)
                Event.objects.filter(pk=joining).update(
                    group_lead=lead_pk, updated_at=timezone.now()
                )
                others[joining] = new[joining][0], lead_pk
                groups[lead_pk].append(joining)
                grouped += 1
                if joining == pk:
                    break
    return grouped, len(proposals)


def _article_place(
    pk: int,
    members: list[int],
    links_of: dict[int, dict[int, Link]],
    new: dict[int, tuple[GroupItem, int | None]],
    others: dict[int, tuple[GroupItem, int | None]],
) -> int:
    """Which of the article's new candidates takes its place in the group of ``members`` that
    ``pk`` may join: ``pk``, or another one not grouped yet that tells the event with stronger
    links to the members, as ``group_items`` decides (``grouping.better_member``: same dates,
    another sentence). The candidates are read in pk order, and the first one of an article
    that tells one event twice need not be the one the other reports tell."""
    place = pk
    members_by_key = {member: others[member][0] for member in members}
    for rival in links_of:
        if rival == place or rival in others:
            continue
        links = {
            frozenset((one, member)): links_of[one][member]
            for one in (place, rival)
            for member in members
            if member in links_of[one]
        }
        by_key = members_by_key | {place: new[place][0], rival: new[rival][0]}
        if better_member([*members, place], [rival], links, by_key) == place:
            place = rival
    return place


def dated_near(items: Iterable[GroupItem], *, longest: int) -> Q:
    """The events whose dates could link them to one of ``items`` (overlapping its dates
    widened by ``NEAR_DAYS`` on each side): one date range per run of items whose widened
    dates overlap or touch, OR'ed, so an article with candidates years apart reads the stored
    events near each of them, not every one dated in between.

    ``longest`` is the most days any event read through it lasts (``longest_event_days``): an
    event that overlaps a range starts at most that many days before it, so each range bounds
    date_start on both ends (``date_start BETWEEN start - longest AND end``) and the database
    walks only that stretch of an index that starts (status, date_start), where an overlap test
    alone (date_end >= start AND date_start <= end) walks everything before ``end``. The events
    matched are the same."""
    window = timedelta(days=NEAR_DAYS)
    spans = sorted(
        (_shifted(item.date_start, -window), _shifted(item.date_end, window)) for item in items
    )
    runs: list[list[date]] = []
    for start, end in spans:
        if runs and (start - runs[-1][1]).days <= 1:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    if not runs:
        return Q(pk__in=[])
    near = Q()
    reach = timedelta(days=longest)
    for start, end in runs:
        earliest = _shifted(start, -reach)
        near |= Q(date_start__gte=earliest, date_start__lte=end, date_end__gte=start)
    return near


def longest_event_days() -> int:
    """The most days any candidate or published event lasts: the bound ``dated_near`` needs,
    read once for each article grouped."""
    return longest_days(
        Event.objects.filter(status__in=[Event.Status.CANDIDATE, Event.Status.PUBLISHED])
    )


def _best_link(item: GroupItem, candidates: Iterable[GroupItem]) -> int | None:
    """The pk of the stored event ``item`` is most strongly linked to (the lowest pk of
    equals), or None."""
    found = [(found.score, -other.key) for other in candidates if (found := link(item, other))]
    return -max(found)[1] if found else None


def _ranked_leads(
    links: dict[int, Link], others: dict[int, tuple[GroupItem, int | None]]
) -> list[int]:
    """The groups (by their lead) that ``links`` (by the linked candidate's pk, one of
    ``others``) reach, strongest link first."""
    scored: dict[int, float] = {}
    for pk, found in links.items():
        lead = _lead_of(pk, others)
        scored[lead] = max(scored.get(lead, 0.0), found.score)
    return sorted(scored, key=lambda lead: (-scored[lead], lead))


def _lead_of(pk: int, others: dict[int, tuple[GroupItem, int | None]]) -> int:
    """The lead of the group that stored candidate ``pk`` is in: its lead, or itself."""
    return others[pk][1] or pk


@transaction.atomic
def reopen(event: Event, user: Any) -> None:
    """Send an accepted or rejected event back to the candidates, to decide again: a slip of
    the mouse, or a rejection that later reporting proved wrong. A published event leaves the
    timeline until it is accepted again. An event added to another one stays there (undo it in
    the admin)."""
    if event.is_candidate or event.merged_into_id is not None:
        return
    event.status = Event.Status.CANDIDATE
    event.save(update_fields=["status", "updated_at"])
    record(event, ReviewAction.Action.REOPENED, user)


@transaction.atomic
def add_as_source(candidate: Event, target: Event, user: Any) -> Event:
    """Fold ``candidate`` into the published ``target``: its citation (with the date as its
    source states it), actors and tags join the target; the candidate redirects there. The
    target keeps its own date."""
    for citation in candidate.citations.all():
        if citation.date_start is None:
            # The candidate's date is how this article dates the event: the citation keeps it.
            citation.date_start, citation.date_end = candidate.date_start, candidate.date_end
            citation.precision, citation.date_text = candidate.precision, candidate.date_text
            citation.save()
        _complete_citation(target, citation)
    merge_events(target, [candidate], user=user)
    candidate.refresh_from_db()
    record(candidate, ReviewAction.Action.MERGED, user, target=target)
    return target


def _complete_citation(target: Event, evidence: Citation) -> None:
    """When ``target`` already cites the same source without its evidence (an entry made by
    hand), the candidate's quote, offsets and date fill the gaps; otherwise the merge moves the
    candidate's citation over."""
    existing = target.citations.filter(source_id=evidence.source_id).first()
    if existing is None:
        return
    if not existing.quote:
        existing.quote = evidence.quote
        existing.start_offset, existing.end_offset = evidence.start_offset, evidence.end_offset
    if existing.date_start is None:
        existing.date_start, existing.date_end = evidence.date_start, evidence.date_end
        existing.precision, existing.date_text = evidence.precision, evidence.date_text
    existing.save()


def acceptable_at_once(source: Source) -> QuerySet[Event]:
    """The undecided candidates of ``source`` that "Accept all" publishes: not those grouped
    under another article's card, nor those proposed as a citation of a published event (each
    would publish the event twice)."""
    return (
        Event.objects.candidates()
        .filter(citations__source=source, proposed_for__isnull=True)
        .exclude(group_lead__isnull=False)
    )


@transaction.atomic
def accept_all(source: Source, user: Any) -> int:
    """Publish every candidate of ``source`` that ``acceptable_at_once`` lists; returns how
    many."""
    candidates = list(acceptable_at_once(source).select_for_update())
    for event in candidates:
        accept(event, user)
    return len(candidates)
