"""Candidates of different articles reporting one event: one card, one published event citing
every article, a split for a wrong group, and a later article proposed as a citation."""

from dataclasses import replace
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import create_event, create_source
from tests.test_review import card_data
from timeline.editors import review
from timeline.extraction.grouping import GroupItem, Link, dates_compatible
from timeline.ingest.pipeline import ArticleInput, store_article
from timeline.models import Event, Source

pytestmark = pytest.mark.django_db

FIRST = ArticleInput(
    text="The Transport Ministry banned recreational drones from all airports on Tuesday.\n",
    title="Drones banned from airports",
    publisher="Daily One",
    published_on=date(2025, 3, 20),
)
SECOND = ArticleInput(
    text="Recreational drones were banned from airports by the Transport Ministry last week.\n",
    title="Airport drone ban",
    publisher="Weekly Two",
    published_on=date(2025, 3, 24),
)
OTHER = ArticleInput(
    text="The Senate Commerce Committee held a hearing on chatbots and children on Wednesday.\n",
    title="Chatbot hearing",
    publisher="Daily One",
    published_on=date(2025, 3, 20),
)


def only_candidate(result):
    return Event.objects.get(citations__source=result.source)


@pytest.fixture
def grouped():
    first, second = store_article(FIRST), store_article(SECOND)
    return only_candidate(first), only_candidate(second)


def test_a_second_report_of_the_same_ban_joins_the_first_ones_group(grouped):
    lead, member = grouped
    assert member.group_lead == lead
    assert lead.group_lead is None
    assert (lead.date_start, member.date_start) == (date(2025, 3, 18), date(2025, 3, 17))


def test_an_unrelated_article_is_not_grouped(grouped):
    other = only_candidate(store_article(OTHER))
    assert other.group_lead is None
    assert not other.group_members.exists()


def test_the_group_shows_as_one_card_with_each_sources_stated_date(editor_client, grouped):
    lead, member = grouped
    source = lead.citations.get().source
    page = editor_client.get(reverse("review_source", args=[source.pk])).content.decode()
    assert "Reported by 2 articles." in page
    assert "Daily One" in page
    assert "Weekly Two" in page
    assert "18 Mar 2025" in page  # as the first article dates it
    assert "week of 17 Mar 2025" in page  # as the second one does ("last week")
    member_page = reverse("review_source", args=[member.citations.get().source_id])
    assert "Grouped with another article" in editor_client.get(member_page).content.decode()


def test_accepting_the_group_publishes_one_event_citing_every_article(editor_client, grouped):
    lead, member = grouped
    response = editor_client.post(reverse("review_event", args=[lead.pk]), _accept_form(lead))
    assert response.status_code == 302
    published = Event.objects.published()
    assert list(published) == [lead]
    citations = {c.source.publisher: c for c in lead.citations.select_related("source")}
    assert set(citations) == {"Daily One", "Weekly Two"}
    assert citations["Daily One"].date_display == "18 Mar 2025"
    assert citations["Weekly Two"].precision == "week"
    member.refresh_from_db()
    assert member.merged_into == lead


def test_an_editor_splits_a_wrong_group(editor_client, grouped):
    lead, member = grouped
    url = reverse("review_event", args=[lead.pk])
    editor_client.post(url, {"action": "split", "member": member.pk})
    member.refresh_from_db()
    assert member.group_lead is None
    source = lead.citations.get().source
    page = editor_client.get(reverse("review_source", args=[source.pk])).content.decode()
    assert "Reported by" not in page
    editor_client.post(url, _accept_form(lead))
    assert lead.citations.count() == 1
    assert Event.objects.candidates().get() == member


def test_a_split_ignores_a_candidate_outside_the_group(grouped):
    lead, _ = grouped
    other = only_candidate(store_article(OTHER))
    assert review.split(lead, other.pk) is None
    assert review.split(lead, "x") is None


def test_a_later_article_about_a_published_event_is_proposed_as_its_citation(editor_client):
    published = only_candidate(store_article(FIRST))
    editor_client.post(reverse("review_event", args=[published.pk]), _accept_form(published))
    later = only_candidate(store_article(SECOND))
    assert later.proposed_for == published
    assert later.group_lead is None
    source = later.citations.get().source
    page = editor_client.get(reverse("review_source", args=[source.pk])).content.decode()
    assert "Probably the same as" in page
    assert "Attach as a source" in page
    editor_client.post(
        reverse("review_event_merge", args=[later.pk]),
        {"source": source.pk, "target": published.pk},
    )
    assert published.citations.count() == 2
    assert list(Event.objects.published()) == [published]


def test_accept_all_leaves_grouped_and_proposed_candidates_to_their_cards(editor, grouped):
    lead, member = grouped
    assert review.accept_all(member.citations.get().source, editor) == 0
    assert review.accept_all(lead.citations.get().source, editor) == 1
    lead.refresh_from_db()
    assert lead.citations.count() == 2


def _accept_form(event):
    return card_data(event, event.citations.get().source, action="accept")


FIVE_REPORTS = [
    ("The Transport Ministry banned recreational drones from all airports on Tuesday.", 20),
    ("Recreational drones were banned from airports by the Transport Ministry last week.", 24),
    ("On March 18 the Transport Ministry banned recreational drones from the airports.", 19),
    ("The Transport Ministry on Tuesday banned recreational drones from airports.", 19),
    ("The Transport Ministry banned recreational drones from airports on 18 March.", 21),
]


def test_five_reports_are_published_as_one_event_citing_five_sources_in_one_click(editor_client):
    candidates = [
        only_candidate(
            store_article(
                ArticleInput(
                    text=text,
                    title=f"Report {n}",
                    publisher=f"Outlet {n}",
                    published_on=date(2025, 3, day),
                )
            )
        )
        for n, (text, day) in enumerate(FIVE_REPORTS, start=1)
    ]
    lead = candidates[0]
    assert {event.group_lead for event in candidates[1:]} == {lead}
    source = lead.citations.get().source
    page = editor_client.get(reverse("review_source", args=[source.pk])).content.decode()
    assert "Reported by 5 articles." in page
    editor_client.post(reverse("review_event", args=[lead.pk]), _accept_form(lead))
    assert list(Event.objects.published()) == [lead]
    assert lead.citations.count() == 5
    assert not Event.objects.candidates().exists()


def test_the_group_card_costs_the_same_queries_for_two_or_five_articles(editor_client):
    def queries_for_page(reports):
        Event.objects.all().delete()
        Source.objects.all().delete()
        for n, (text, day) in enumerate(reports, start=1):
            store_article(
                ArticleInput(text=text, publisher=f"Outlet {n}", published_on=date(2025, 3, day))
            )
        source = Source.objects.order_by("pk").first()
        with CaptureQueriesContext(connection) as queries:
            page = editor_client.get(reverse("review_source", args=[source.pk]))
        assert f"Reported by {len(reports)} articles." in page.content.decode()
        return len(queries)

    assert queries_for_page(FIVE_REPORTS[:2]) == queries_for_page(FIVE_REPORTS)


def test_grouping_an_article_costs_the_same_queries_for_one_or_four_stored_reports():
    def queries_for_grouping(reports):
        Event.objects.all().delete()
        Source.objects.all().delete()
        for n, (text, day) in enumerate(reports, start=1):
            result = store_article(
                ArticleInput(text=text, publisher=f"Outlet {n}", published_on=date(2025, 3, day))
            )
        Event.objects.filter(citations__source=result.source).update(group_lead=None)
        with CaptureQueriesContext(connection) as queries:
            assert review.group_source_candidates(result.source) == (1, 0)
        return len(queries)

    assert queries_for_grouping(FIVE_REPORTS[:2]) == queries_for_grouping(FIVE_REPORTS)


def test_split_with_htmx_answers_the_card_alone(editor_client, grouped):
    lead, member = grouped
    response = editor_client.post(
        reverse("review_event", args=[lead.pk]),
        {"action": "split", "member": member.pk, "source": lead.citations.get().source_id},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert f'id="candidate-{lead.pk}"' in body
    assert "Reported by" not in body


def test_a_presidents_measure_and_the_government_enforcing_it_are_grouped():
    """The person's role is kept on the actor, so the president stands for the government."""
    first = store_article(
        ArticleInput(
            text="U.S. President Maria Olsen imposed tariffs on foreign bicycles on Wednesday, "
            "her office said.\n",
            title="Bicycle tariffs",
            publisher="Daily One",
            published_on=date(2025, 6, 5),
        )
    )
    second = store_article(
        ArticleInput(
            text="The U.S. government raised duties on bicycles and spare parts on Wednesday, "
            "officials said.\n",
            title="Tariffs on bicycles",
            publisher="Weekly Two",
            published_on=date(2025, 6, 6),
        )
    )
    lead, member = only_candidate(first), only_candidate(second)
    assert lead.event_actors.get(actor__name="Maria Olsen").actor.description == "President"
    assert member.group_lead == lead


def test_regrouping_groups_candidates_stored_before_their_group_was_known(grouped):
    """Candidates stored when grouping missed them (an older rule) join their group when the
    stored candidates are grouped again; an unrelated one stays alone."""
    lead, member = grouped
    Event.objects.update(group_lead=None)
    other = only_candidate(store_article(OTHER))
    out = StringIO()
    call_command("regroup_candidates", stdout=out)
    assert out.getvalue().strip() == (
        "1 candidate joined a group, 0 proposed as a source of a published event."
    )
    member.refresh_from_db()
    other.refresh_from_db()
    assert member.group_lead == lead
    assert other.group_lead is None
    assert review.regroup_candidates() == (0, 0)  # nothing left to group


def test_regrouping_keeps_an_editors_split_and_proposes_published_events(editor, grouped):
    lead, member = grouped
    review.split(lead, member.pk, editor)
    assert review.regroup_candidates() == (0, 0)
    member.refresh_from_db()
    assert member.group_lead is None
    # A candidate stored before its event was published is proposed as a source of it.
    third_text = SECOND.text.replace("last week", "last week, officials said")
    third = only_candidate(store_article(replace(SECOND, text=third_text, publisher="Third")))
    Event.objects.filter(pk=third.pk).update(group_lead=None)
    review.accept(lead, editor)
    assert review.regroup_candidates() == (0, 1)
    third.refresh_from_db()
    assert third.proposed_for == lead


def _links_by_dates_alone(monkeypatch):
    """Grouping's ``link`` replaced by its date rule alone, so these tests need no wording."""

    def link(first, second):
        if first.source == second.source or dates_compatible(first, second) is None:
            return None
        return Link(first.key, second.key, 1.0, ("dates",))

    monkeypatch.setattr(review, "link", link)


def _loaded_by_grouping(monkeypatch) -> set[int]:
    """The pks of every event grouping reads, filled in as it reads them."""
    loaded: set[int] = set()
    group_items_of = review.group_items_of

    def spy(events):
        found = group_items_of(events)
        loaded.update(found)
        return found

    monkeypatch.setattr(review, "group_items_of", spy)
    return loaded


def test_an_article_with_candidates_years_apart_reads_only_the_stored_events_near_each(
    monkeypatch,
):
    """One date range per run of the new candidates' dates, OR'ed in the query: the stored
    candidates and published events dated between them are never read."""
    _links_by_dates_alone(monkeypatch)
    earlier, later = create_source(), create_source()
    candidate = Event.Status.CANDIDATE
    near_first = create_event(date_start=date(2019, 5, 3), status=candidate, sources=[earlier])
    near_last = create_event(date_start=date(2024, 9, 9), status=candidate, sources=[earlier])
    between = [
        create_event(date_start=date(2019, 5, 20), status=candidate, sources=[earlier]),
        create_event(date_start=date(2021, 6, 1), status=candidate, sources=[earlier]),
        create_event(date_start=date(2022, 1, 10), sources=[earlier]),  # published
    ]
    # "in early May": a vaguer date links within NEAR_DAYS.
    new = [
        create_event(
            date_start=day,
            precision=Event.Precision.APPROXIMATE,
            status=candidate,
            sources=[later],
        )
        for day in (date(2019, 5, 1), date(2019, 5, 4), date(2024, 9, 11))
    ]
    loaded = _loaded_by_grouping(monkeypatch)

    assert review.group_source_candidates(later) == (2, 0)

    assert loaded == {near_first.pk, near_last.pk, *(event.pk for event in new)}
    assert not loaded & {event.pk for event in between}
    grouped = dict(Event.objects.filter(pk__in=loaded).values_list("pk", "group_lead"))
    assert grouped == {
        near_first.pk: None,
        near_last.pk: None,
        new[0].pk: near_first.pk,
        new[1].pk: None,  # its article is in that group already
        new[2].pk: near_last.pk,
    }


def test_the_date_ranges_grouping_reads_are_one_per_run_of_overlapping_dates():
    items = [
        GroupItem(key=n, source=1, title="", date_start=start, date_end=end)
        for n, (start, end) in enumerate(
            [
                (date(2024, 9, 11), date(2024, 9, 11)),
                (date(2019, 5, 1), date(2019, 5, 1)),
                (date(2019, 5, 8), date(2019, 5, 9)),  # within twice NEAR_DAYS: one range
                (date(9999, 12, 31), date(9999, 12, 31)),  # no day after it
            ]
        )
    ]
    ranges = [dict(part.children) for part in review.dated_near(items, longest=30).children]
    assert ranges == [
        {
            "date_start__gte": date(2019, 3, 29),  # an event of at most 30 days began after it
            "date_start__lte": date(2019, 5, 12),
            "date_end__gte": date(2019, 4, 28),
        },
        {
            "date_start__gte": date(2024, 8, 9),
            "date_start__lte": date(2024, 9, 14),
            "date_end__gte": date(2024, 9, 8),
        },
        {
            "date_start__gte": date(9999, 11, 28),
            "date_start__lte": date(9999, 12, 31),
            "date_end__gte": date(9999, 12, 28),
        },
    ]
    longest = review.dated_near(items[1:2], longest=10**6)
    assert dict(longest.children)["date_start__gte"] == date.min  # no day before it
    assert not Event.objects.filter(review.dated_near([], longest=0)).exists()


def test_grouping_reads_a_long_stored_event_that_began_long_before_the_new_dates(monkeypatch):
    """Each date range is bounded below by the longest stored event: one that began years
    before a new candidate and still runs is read, one that ended before its window is not."""
    _links_by_dates_alone(monkeypatch)
    earlier, later = create_source(), create_source()
    candidate, year = Event.Status.CANDIDATE, Event.Precision.YEAR
    long_candidate = create_event(
        date_start=date(2016, 1, 1),
        date_end=date(2024, 12, 31),
        precision=Event.Precision.APPROXIMATE,
        status=candidate,
        sources=[earlier],
    )
    long_published = create_event(
        date_start=date(2024, 1, 1), date_end=date(2024, 12, 31), precision=year, sources=[earlier]
    )
    ended = create_event(
        date_start=date(2020, 1, 1), date_end=date(2020, 12, 31), precision=year, sources=[earlier]
    )
    new = create_event(date_start=date(2024, 9, 11), status=candidate, sources=[later])
    loaded = _loaded_by_grouping(monkeypatch)

    review.group_source_candidates(later)

    assert loaded == {new.pk, long_candidate.pk, long_published.pk}
    assert ended.pk not in loaded
    new.refresh_from_db()
    assert (new.group_lead_id, new.proposed_for_id) == (None, long_published.pk)


@pytest.mark.parametrize("later_candidate", [False, True])
def test_a_candidate_joins_no_group_with_a_member_dated_too_far_from_it(
    monkeypatch, later_candidate
):
    """A group is joined only by a candidate compatible with every member, whether or not its
    article's other candidates bring the far member's dates into the ones read."""
    _links_by_dates_alone(monkeypatch)
    candidate = Event.Status.CANDIDATE
    lead = create_event(
        date_start=date(2025, 3, 1),
        date_end=date(2025, 3, 31),
        precision=Event.Precision.MONTH,
        status=candidate,
        sources=[create_source()],
    )
    create_event(
        date_start=date(2025, 3, 31), status=candidate, sources=[create_source()], group_lead=lead
    )
    article = create_source()
    new = create_event(date_start=date(2025, 3, 2), status=candidate, sources=[article])
    if later_candidate:
        create_event(date_start=date(2025, 4, 20), status=candidate, sources=[article])

    assert review.group_source_candidates(article) == (0, 0)
    new.refresh_from_db()
    assert new.group_lead is None


@pytest.mark.parametrize(
    ("other_title", "joins"),
    [
        ("Transport Ministry announces a ban on drones near airports", True),
        ("Transport Ministry announces a tax on recreational drones", False),
    ],
)
def test_a_candidate_linked_to_half_a_group_joins_it_when_compatible_with_the_rest(
    monkeypatch, other_title, joins
):
    """At ingestion as in ``group_items``: linked to the lead alone, the new candidate joins
    when nothing rules out the other member (``grouping.compatible``), not when that member
    names another kind of measure."""
    candidate, day = Event.Status.CANDIDATE, date(2025, 3, 18)
    lead = create_event(
        title="Transport Ministry bans recreational drones from airports",
        date_start=day,
        status=candidate,
        sources=[create_source()],
    )
    create_event(
        title=other_title, date_start=day, status=candidate, sources=[create_source()],
        group_lead=lead,
    )  # fmt: skip
    article = create_source()
    new = create_event(
        title="The ban on recreational drones takes effect",
        date_start=day,
        status=candidate,
        sources=[article],
        event_type=Event.Type.OTHER,
    )

    def link_to_lead(first, second):
        if {first.key, second.key} == {new.pk, lead.pk}:
            return Link(first.key, second.key, 1.0, ("the lead",))
        return None

    monkeypatch.setattr(review, "link", link_to_lead)
    assert review.group_source_candidates(article) == (int(joins), 0)
    new.refresh_from_db()
    assert new.group_lead == (lead if joins else None)


_MINE_SUSPENDED = (
    "Chile's Mining Ministry suspended the environmental permit of the Cerro Alto copper mine "
    "on Monday.\n",
    "The environmental permit of the Cerro Alto copper mine was suspended by Chile's Mining "
    "Ministry on Monday, officials said.\n",
)


@pytest.mark.parametrize(("when", "suspension_joins"), [("on Monday", True), ("this week", False)])
def test_an_articles_better_linked_candidate_of_the_same_dates_joins_the_group(
    when, suspension_joins
):
    """At ingestion as in ``group_items`` (``grouping.better_member``): the minister's statement
    comes first in the article and is linked to the group, but the ministry's suspension, of the
    same day, tells what the other reports tell and takes the article's place. Of other dates
    ("this week"), it does not, though it is linked to both: the statement stays."""
    for text, publisher in zip(_MINE_SUSPENDED, ("Daily One", "Weekly Two"), strict=True):
        store_article(
            ArticleInput(
                text=text, title="Mine permit", publisher=publisher, published_on=date(2025, 9, 10)
            )
        )
    lead = Event.objects.get(group_lead__isnull=True)
    assert Event.objects.filter(group_lead=lead).count() == 1
    result = store_article(
        ArticleInput(
            text="Chilean Mining Minister Ana Soto said on Monday that the government has "
            "suspended the Cerro Alto copper mine.\nChile's Mining Ministry suspended the "
            f"environmental permit of the Cerro Alto copper mine {when}.\n",
            title="Minister on the mine",
            publisher="Evening Three",
            published_on=date(2025, 9, 10),
        )
    )
    candidates = Event.objects.filter(citations__source=result.source)
    statement = candidates.get(event_actors__actor__name="Ana Soto")
    suspension = candidates.exclude(pk=statement.pk).get()
    assert statement.pk < suspension.pk
    dates = {(one.date_start, one.date_end) for one in (statement, suspension)}
    assert (len(dates) == 1) is suspension_joins
    joined, left = (suspension, statement) if suspension_joins else (statement, suspension)
    assert joined.group_lead == lead
    assert left.group_lead is None
