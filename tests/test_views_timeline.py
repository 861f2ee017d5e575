"""The timeline page, its htmx fragments and the event pages."""

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import (
    create_actor,
    create_citation,
    create_event,
    create_source,
    create_tag,
)
from timeline.models import Event
from timeline.queries import Cursor

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "results"}


@pytest.fixture
def timeline_data():
    commerce = create_actor(name="Department of Commerce")
    ministry = create_actor(name="Ministry of Trade")
    chips = create_tag(name="Chips")
    wire = create_source(publisher="Wire", title="Rules tightened")
    daily = create_source(publisher="Daily", title="Ministry acts")
    create_event(
        title="Export rule published",
        summary="Licences now needed for advanced chips.",
        event_type="export_control",
        country="US",
        date_start=date(2025, 1, 15),
        actors=[commerce],
        tags=[chips],
        sources=[wire],
    )
    create_event(
        title="Import ban announced",
        summary="Drones may no longer be imported.",
        event_type="ban",
        country="CN",
        date_start=date(2025, 3, 7),
        actors=[ministry],
        sources=[daily],
    )


# (query, shown, hidden): each filter narrows the list the same way on the page and fragment.
FILTER_CASES = [
    ("q=licences", "Export rule published", "Import ban announced"),
    ("actor=ministry-of-trade", "Import ban announced", "Export rule published"),
    ("type=export_control", "Export rule published", "Import ban announced"),
    ("country=CN", "Import ban announced", "Export rule published"),
    ("country=us", "Export rule published", "Import ban announced"),
    ("tag=chips", "Export rule published", "Import ban announced"),
    ("source=Daily", "Import ban announced", "Export rule published"),
    ("start=since+March+2025", "Import ban announced", "Export rule published"),
    ("end=Q1+2025&start=2025-01", "Export rule published", None),
    ("end=February+2025", "Export rule published", "Import ban announced"),
]


@pytest.mark.parametrize(("query", "shown", "hidden"), FILTER_CASES)
def test_each_filter_narrows_the_full_page(client, timeline_data, query, shown, hidden):
    response = client.get(f"/?{query}")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith("<!doctype html>")
    assert shown in html
    if hidden:
        assert hidden not in html
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(("query", "shown", "hidden"), FILTER_CASES)
def test_each_filter_narrows_the_results_fragment(client, timeline_data, query, shown, hidden):
    response = client.get(f"/?{query}", headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<head" not in html
    assert 'id="filter-form"' in html  # the fragment is the inside of #results
    assert shown in html
    if hidden:
        assert hidden not in html
    assert "HX-Request" in response["Vary"]


def test_history_restore_gets_the_full_page(client, timeline_data):
    response = client.get(
        "/?type=ban", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )

    html = response.content.decode()
    assert "<html" in html
    assert html.count('id="results-status"') == 1
    assert "Import ban announced" in html and "Export rule published" not in html


def test_fragment_announces_the_result_count_to_screen_readers(client, timeline_data):
    html = client.get("/?type=ban", headers=HTMX).content.decode()

    assert '<p id="results-status" hx-swap-oob="innerHTML">1 event matches.</p>' in html


def test_page_shows_a_result_count_chips_and_facet_counts(client, timeline_data):
    html = client.get("/?type=ban&q=drones").content.decode()

    assert "<strong>1</strong> event matches these filters" in html
    chips = re.findall(r'<li class="chip">(.*?)</li>', html, re.S)
    assert len(chips) == 2
    assert "Search:</span> “drones”" in chips[0]
    assert 'href="/?q=drones"' in chips[1]  # removing the type keeps the search
    assert 'href="/?type=ban"' in chips[0]  # removing the search keeps the type
    # The type facet ignores the type filter: both types are offered, with counts under the
    # search.
    assert re.search(r"Ban</span>\s*<span class=\"facet-count\">1<", html)
    assert "Clear all filters" in html


def test_facet_links_toggle_one_value_and_keep_the_other_filters(client, timeline_data):
    html = client.get("/?actor=ministry-of-trade&sort=newest").content.decode()

    # The selected actor's link removes it; another actor's link is added (to the selection).
    assert 'href="/?sort=newest"' in html
    assert (
        'href="/?actor=ministry-of-trade&amp;sort=newest&amp;actor=department-of-commerce"' in html
    )
    assert 'aria-current="true"' in html


def test_event_cards_link_actors_tags_type_and_country_to_filters(client, timeline_data):
    html = client.get("/?q=export").content.decode()

    assert 'href="/?q=export&amp;actor=department-of-commerce"' in html
    assert 'href="/?q=export&amp;tag=chips"' in html
    assert 'href="/?q=export&amp;type=export_control"' in html
    assert 'href="/?q=export&amp;country=US"' in html


def test_dates_entered_in_words_are_echoed_back_normalised(client, timeline_data):
    html = client.get("/?start=since+January+2025&end=Q1+2025").content.decode()

    assert "Read as 1 Jan 2025" in html
    assert "Read as 31 Mar 2025" in html
    assert 'value="since January 2025"' in html  # the reader's words stay editable


def test_unreadable_dates_show_what_to_do_and_are_not_applied(client, timeline_data):
    html = client.get("/?start=next+blursday", headers=HTMX).content.decode()

    assert "is not a date I can read" in html
    assert "This date is not applied." in html
    assert 'aria-invalid="true"' in html
    assert "Export rule published" in html and "Import ban announced" in html


def test_the_timeline_opens_newest_first(client, timeline_data):
    html = client.get("/").content.decode()

    assert html.index("Import ban announced") < html.index("Export rule published")
    assert '<a href="/" hx-get="/" aria-current="true">Newest first</a>' in html
    assert '<a href="/?sort=oldest" hx-get="/?sort=oldest">Oldest first</a>' in html


def test_sort_newest_still_reads_newest_first(client, timeline_data):
    html = client.get("/?sort=newest").content.decode()

    assert html.index("Import ban announced") < html.index("Export rule published")


def test_oldest_first_is_one_link_away_and_stays_in_the_url(client, timeline_data):
    html = client.get("/?type=ban&type=export_control&sort=oldest").content.decode()

    assert html.index("Export rule published") < html.index("Import ban announced")
    assert 'aria-current="true">Oldest first</a>' in html
    # Searching keeps the order: the filter form carries it.
    assert '<input type="hidden" name="sort" value="oldest">' in html


def test_load_more_keeps_oldest_first(client):
    for number in range(30):
        create_event(title=f"Event {number:02d}", date_start=date(2025, 4, 1) + timedelta(number))

    first = client.get("/?sort=oldest").content.decode()
    next_url = re.search(r'href="(/\?sort=oldest&amp;after=[^"]+)"', first)[1].replace("&amp;", "&")
    more = client.get(next_url, headers={"HX-Request": "true", "HX-Target": "load-more"})

    assert "Event 24" in first and "Event 25" not in first
    assert re.findall(r"Event \d\d", more.content.decode()) == [f"Event {n}" for n in range(25, 30)]


def test_exports_and_the_api_stay_oldest_first_unless_asked(client, timeline_data):
    csv_text = b"".join(client.get("/export.csv").streaming_content).decode()
    api_titles = [event["title"] for event in client.get("/api/events").json()["results"]]

    assert csv_text.index("Export rule published") < csv_text.index("Import ban announced")
    assert api_titles == ["Export rule published", "Import ban announced"]
    newest = b"".join(client.get("/export.csv?sort=newest").streaming_content).decode()
    assert newest.index("Import ban announced") < newest.index("Export rule published")


def test_events_are_grouped_under_month_headings(client, timeline_data):
    html = client.get("/").content.decode()

    headings = re.findall(r'<h2 class="period-heading">(.*?)</h2>', html)
    assert headings == ["March 2025", "January 2025"]


def test_events_spanning_years_are_under_month_headings_and_charted_per_year(client):
    for year in (2015, 2019, 2024):
        create_event(title=f"Event of {year}", date_start=date(year, 6, 1))

    html = client.get("/").content.decode()

    headings = re.findall(r'<h2 class="period-heading">(.*?)</h2>', html)
    assert headings == ["June 2024", "June 2019", "June 2015"]
    assert "Events per year." in html
    assert 'href="/?start=2019&amp;end=2019"' in html


def test_histogram_bars_narrow_to_their_month_with_labels(client, timeline_data):
    html = client.get("/").content.decode()

    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="group"' in svg and "<desc" in svg
    # January to March: three bars, February empty (drawn as a gap, not a link).
    links = re.findall(r'<a class="bar-link" href="([^"]+)"[^>]*aria-label="([^"]+)"', svg)
    assert links == [
        ("/?start=2025-01&amp;end=2025-01", "Jan 2025: 1 event"),
        ("/?start=2025-03&amp;end=2025-03", "Mar 2025: 1 event"),
    ]
    assert 'hx-get="/?start=2025-01&amp;end=2025-01"' in svg
    assert "style=" not in svg


def test_load_more_link_works_with_and_without_htmx(client):
    for day in range(1, 31):
        create_event(title=f"Event {day:02d}", date_start=date(2025, 4, day))

    first = client.get("/?sort=oldest").content.decode()
    next_url = re.search(
        r'<div id="load-more" class="load-more">\s*<a class="button" href="([^"]+)"', first
    )
    assert next_url
    url = next_url.group(1).replace("&amp;", "&")

    # Without JavaScript: an ordinary page with the next events and a way back.
    plain = client.get(url).content.decode()
    assert "Event 26" in plain and "Event 25" not in plain
    assert "back to the first page" in plain

    # With htmx: only the next events, to append in place of the link.
    appended = client.get(url, headers={"HX-Request": "true", "HX-Target": "load-more"})
    html = appended.content.decode()
    assert "<html" not in html and 'id="filter-form"' not in html
    assert html.count('class="event"') == 5
    # April continues from the previous page: no second "April 2025" heading.
    assert "period-heading" not in html
    assert "5 more events loaded." in html
    assert "End of the timeline." in html


def test_a_damaged_page_token_shows_the_first_page_with_a_note(client, timeline_data):
    response = client.get("/?after=garbage")

    assert response.status_code == 200
    assert "Export rule published" in response.content.decode()


def test_a_page_token_past_the_end_offers_the_first_page(client, timeline_data):
    last = Event.objects.order_by("-date_start").first()
    token = Cursor.after_event(last).encode()

    html = client.get(f"/?sort=oldest&after={token}").content.decode()

    assert "No more events" in html
    assert "Go back to the first page" in html


def test_empty_states_say_what_to_do(client, timeline_data):
    html = client.get("/?q=zebra").content.decode()
    assert "No events match these filters" in html
    assert "Remove a filter above" in html

    Event.objects.all().delete()
    assert "Nothing has been published so far." in client.get("/").content.decode()


def test_only_get_is_allowed(client):
    assert client.post("/").status_code == 405


# Event pages -------------------------------------------------------------------------------


def test_event_page_shows_every_citation_with_its_evidence(client):
    event = create_event(title="Rule adopted", date_start=date(2025, 1, 29))
    create_citation(
        event=event,
        source=create_source(publisher="Wire", title="Adopted", url="https://wire.example/1"),
        quote="The rule was adopted on Wednesday.",
        date_start=date(2025, 1, 29),
    )
    create_citation(
        event=event,
        source=create_source(publisher="Wire", title="Follow-up", url="https://wire.example/2"),
        date_start=date(2025, 1, 29),
    )
    create_citation(
        event=event,
        source=create_source(publisher="Daily", title="Rule in force", url=""),
        date_start=date(2025, 1, 1),
        date_end=date(2025, 1, 31),
        precision="month",
    )

    html = client.get(f"/events/{event.pk}/").content.decode()

    assert f'<h1 class="event-title" id="event-{event.pk}-title">' in html
    assert "29 Jan 2025" in html
    assert 'href="https://wire.example/1" rel="noopener noreferrer">Adopted</a>' in html
    assert "<cite>Rule in force</cite>" in html
    assert "<blockquote>The rule was adopted on Wednesday.</blockquote>" in html
    assert "Reported by 2 publishers in 3 articles" in html
    assert "dates it Jan 2025" in html
    # Jan 2025 contains 29 Jan 2025: the sources agree.
    assert "sources disagree on the date" not in html


def test_sources_that_state_different_days_are_marked(client):
    event = create_event(title="Hearing held", date_start=date(2025, 2, 4))
    create_citation(event=event, date_start=date(2025, 2, 4))
    create_citation(event=event, date_start=date(2025, 2, 5))

    for url in ("/", f"/events/{event.pk}/"):
        html = client.get(url).content.decode()
        assert "sources disagree on the date" in html
        assert "dates it 5 Feb 2025" in html


def test_merged_event_redirects_to_the_survivor(client):
    survivor = create_event(title="Survivor")
    middle = create_event(title="Middle", merged_into=survivor, status=Event.Status.REJECTED)
    oldest = create_event(title="Oldest", merged_into=middle, status=Event.Status.REJECTED)

    response = client.get(f"/events/{oldest.pk}/")

    assert response.status_code == 301
    assert response["Location"] == f"/events/{survivor.pk}/"


def test_unpublished_events_are_not_shown_to_the_public(client):
    candidate = create_event(title="Not yet", status=Event.Status.CANDIDATE)

    assert client.get(f"/events/{candidate.pk}/").status_code == 404
    assert client.get("/events/999999/").status_code == 404


# The rendered results are cached per data version, query string, day and reader --------------


def test_readers_and_editors_each_get_their_own_page_whatever_was_rendered_first(
    timeline_data, editor
):
    """The results are rendered once and cached, but never carried from one reader to
    another: an anonymous reader after an editor gets no editor links, an editor after a
    reader gets theirs, on the full page and in the fragment alike."""
    reader, staff = Client(), Client()
    staff.force_login(editor)
    for first, second in ((staff, reader), (reader, staff), (staff, reader)):
        first.get("/")
        first.get("/", headers=HTMX)
        page, fragment = second.get("/"), second.get("/", headers=HTMX)
        signed_in = second is staff
        assert ('href="/review/"' in page.content.decode()) is signed_in
        assert ("Sign in" in page.content.decode()) is not signed_in
        assert "Export rule published" in page.content.decode()
        assert "Export rule published" in fragment.content.decode()
        assert "/review/" not in fragment.content.decode()


def test_a_cached_page_of_a_relative_period_moves_with_the_day(client, monkeypatch):
    """ "Last 7 days" is read against today: the page cached yesterday is not today's."""
    today = timezone.localdate()
    create_event(title="Five days ago", date_start=today - timedelta(days=5))
    url = "/?start=last+7+days"
    assert "Five days ago" in client.get(url, headers=HTMX).content.decode()

    monkeypatch.setattr(timezone, "localdate", lambda *args: today + timedelta(days=10))

    assert "Five days ago" not in client.get(url, headers=HTMX).content.decode()
