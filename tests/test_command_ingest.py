"""``manage.py ingest PATH|URL ...``: the same work as the ingest page, from a terminal."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from tests.ingest_samples import ARTICLE, ARTICLE_REPASTED, NO_EVENTS, seed_paths
from timeline.models import Event, IngestJob, Source

pytestmark = pytest.mark.django_db


def run(*args, stdin=None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    try:
        call_command("ingest", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_files_are_stored_with_their_candidates_and_a_progress_bar(tmp_path):
    (tmp_path / "chips.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "page.html").write_text(
        "<html><head><title>Commission opens inquiry</title></head><body><article><p>The "
        "European Commission opened an investigation into chip supply deals on 3 March 2025, "
        "its competition office said.</p></article></body></html>",
        encoding="utf-8",
    )

    out, err, error = run(str(tmp_path / "chips.txt"), str(tmp_path / "page.html"))

    assert error is None
    assert "[############------------] 1/2" in err and "[########################] 2/2" in err
    source = Source.objects.get(title="Ministry tightens rules on chip exports")
    assert f"created    {tmp_path / 'chips.txt'}: source {source.pk}" in out
    assert "2 candidate events" in out
    assert out.rstrip().endswith("2 created, 0 skipped as duplicates, 0 without events, 0 failed.")
    assert Event.objects.filter(status="candidate").count() >= 3
    assert IngestJob.objects.get().status == IngestJob.Status.DONE


def test_duplicates_are_skipped_and_reported(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_REPASTED, encoding="utf-8")

    out, _, error = run(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))

    assert error is None
    source = Source.objects.get()
    assert f"duplicate  {tmp_path / 'b.txt'}: Already stored as “{source.title}”" in out
    assert "1 created, 1 skipped as duplicates" in out


def test_a_failed_input_makes_the_command_fail_after_the_others_are_done(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "scan.txt").write_bytes(b"\x00\x01\x02binary")

    out, err, error = run(
        str(tmp_path / "missing.txt"),
        "ftp://wire.example/a",
        str(tmp_path / "scan.txt"),
        str(tmp_path / "a.txt"),
    )

    assert str(error) == "1 created, 0 skipped as duplicates, 0 without events, 3 failed."
    assert (
        f"failed     {tmp_path / 'missing.txt'}: Cannot read it (No such file or directory)." in err
    )
    assert "failed     ftp://wire.example/a: Only http and https addresses can be fetched" in err
    assert "This is a binary file, not text or HTML" in err
    assert Source.objects.count() == 1


def test_an_article_without_events_is_reported_and_does_not_fail(tmp_path):
    (tmp_path / "plain.txt").write_text(NO_EVENTS, encoding="utf-8")

    out, _, error = run(str(tmp_path / "plain.txt"), "--published", "2025-03-01")

    assert error is None
    assert "no events  " in out and "The article states no dates" in out


def test_standard_input_and_overrides(monkeypatch, editor):
    out, _, error = run(
        "-",
        "--publisher",
        "Freedonia Gazette",
        "--published",
        "2025-03-19",
        "--url",
        "https://gazette.example/chips",
        "--user",
        "editor",
        stdin=ARTICLE,
        monkeypatch=monkeypatch,
    )

    assert error is None, out
    source = Source.objects.get()
    assert (source.publisher, source.published_on, source.url, source.added_by) == (
        "Freedonia Gazette",
        date(2025, 3, 19),
        "https://gazette.example/chips",
        editor,
    )
    assert Event.objects.get(event_type="statement").date_start == date(2025, 3, 17)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.txt", "b.txt", "--url", "https://x.example/"], "--url names one article"),
        (["a.txt", "--user", "nobody"], "There is no user called “nobody”."),
        (["a.txt", "--published", "18/03/2025"], "is not a date in the form YYYY-MM-DD"),
    ],
)
def test_bad_options_are_refused_with_a_message(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("ingest", *args, stdout=io.StringIO(), stderr=io.StringIO())


@override_settings(INGEST_FETCH_ALLOW_LOOPBACK_FOR_TESTS=True)
def test_urls_are_fetched_through_the_guard(article_server):
    out, err, error = run(
        f"{article_server}/article", f"{article_server}/redirect?to=http://10.0.0.1/"
    )

    assert f"created    {article_server}/article: source" in out
    assert "private network" in err
    assert str(error) == "1 created, 0 skipped as duplicates, 0 without events, 1 failed."
    event = Event.objects.get()
    assert (event.date_start, event.citations.get().source.url) == (
        date(2025, 3, 11),
        f"{article_server}/article",
    )


def test_the_seed_articles_are_stored_with_candidates_and_skipped_the_second_time():
    paths = [str(path) for path in seed_paths()]

    out, _, error = run(*paths)
    again, _, error_again = run(*paths)

    assert error is None and error_again is None
    assert out.count("created    ") == 2
    assert again.count("duplicate  ") == 2
    assert Source.objects.count() == 2
    published = dict(Source.objects.values_list("title", "published_on"))
    assert date(2025, 3, 18) in published.values() and date(2025, 1, 29) in published.values()
