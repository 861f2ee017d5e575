"""``manage.py extract``: the JSON Lines contract for tools and a readable listing for people.

No test here has database access: pytest-django would fail any that touched it, which is how
"writes nothing to the database" is held.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command

from timeline.extraction.text import MAX_ARTICLE_CHARS

PAGE = (
    "Menu\nNews\nWorld\nTransport ministry bans drones from airports\n"
    "Published: Mar 20, 2025 08:00 AM\nShare\n\n"
    "The Transport Ministry banned recreational drones from all airports on Tuesday after "
    "two near-misses.\n\nAirlines welcomed the decision.\n\n"
    "More from World\nSign up for our newsletter\n"
)
CONTRACT_EVENT_KEYS = {
    "title", "summary", "event_type", "date_start", "date_end", "precision", "date_text",
    "date_basis", "sentence", "start", "end", "actors", "confidence",
}  # fmt: skip


def run_jsonl(*lines: str | bytes) -> tuple[list[dict], str, CommandError | None]:
    if any(isinstance(line, bytes) for line in lines):
        stdin = io.BytesIO(
            b"".join((line if isinstance(line, bytes) else line.encode()) + b"\n" for line in lines)
        )
    else:
        stdin = io.StringIO("".join(line + "\n" for line in lines))
    out, err = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("extract", "--jsonl", stdin=stdin, stdout=out, stderr=err)
    except CommandError as raised:
        error = raised
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    return results, err.getvalue(), error


def request(identifier: str, text: str, published: str | None = None) -> str:
    return json.dumps({"id": identifier, "text": text, "published": published})


def test_jsonl_writes_one_result_per_line_with_the_contract_fields():
    results, errors, error = run_jsonl(
        request("page", PAGE),
        request("given", "The Senate passed the drone bill on Monday.", "2025-03-20"),
    )

    assert error is None
    assert [r["id"] for r in results] == ["page", "given"]
    page, given = results
    assert set(page) == {"id", "published", "title", "publisher", "events"}
    assert page["published"] == "2025-03-20"  # detected on the page
    assert page["title"] == "Transport ministry bans drones from airports"
    assert [e["event_type"] for e in page["events"]] == ["ban"]
    event = page["events"][0]
    assert set(event) == CONTRACT_EVENT_KEYS
    assert (event["date_start"], event["date_end"], event["precision"]) == (
        "2025-03-18",
        "2025-03-18",
        "day",
    )
    assert PAGE[event["start"] : event["end"]] == event["sentence"]  # offsets index the input
    assert event["actors"] == ["Ministry of Transport"]
    assert given["published"] == "2025-03-20"
    assert given["events"][0]["date_start"] == "2025-03-17"
    assert errors == ""


def test_invalid_json_is_reported_by_line_number_and_the_other_lines_still_run():
    results, errors, error = run_jsonl(
        request("first", PAGE), '{"id": "broken", "text": ', request("third", PAGE)
    )

    assert [r["id"] for r in results] == ["first", "third"]
    assert "line 2: not valid JSON" in errors
    assert error is not None and "1 of 3 input lines could not be used" in str(error)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (request("empty", "   "), "line 1: The text is empty."),
        (request("junk", "\x00\x01\x02\x03\x04\x05\x06 abc"), "line 1: The text looks like binary"),
        (request("huge", "a" * (MAX_ARTICLE_CHARS + 1)), "line 1: The text has 1,000,001 charac"),
        (json.dumps({"id": "no-text"}), 'line 1: no "text" field.'),
        (json.dumps({"id": "number", "text": 5}), 'line 1: "text" must be a string'),
        (json.dumps(["a", "list"]), "line 1: expected a JSON object"),
        (request("bad-date", PAGE, "29/01/2025"), 'line 1: "published" is not a date'),
        (
            request("future", PAGE, (date.today() + timedelta(days=2)).isoformat()),
            "is after today",
        ),
        (b'{"id": "latin1", "text": "caf\xe9"}', "line 1: not UTF-8 text"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 30 else None,
)
def test_unusable_lines_get_a_clear_message_and_a_nonzero_exit(line, message):
    results, errors, error = run_jsonl(line)

    assert results == []
    assert message in errors
    assert "Traceback" not in errors
    assert error is not None


def test_another_language_gets_an_empty_event_list_and_a_warning_without_failing():
    results, errors, error = run_jsonl(
        request(
            "fr",
            "Le ministère des Transports a interdit mardi les drones dans tous les aéroports "
            "après deux incidents.",
            "2025-03-20",
        )
    )

    assert error is None
    assert results[0]["events"] == []
    assert "another language (fr)" in errors


def test_a_text_without_publication_date_is_usable_with_a_warning():
    results, errors, error = run_jsonl(
        request("nodate", "The Senate passed the drone bill on March 3, 2025.")
    )

    assert error is None
    assert results[0]["published"] is None
    assert [e["date_start"] for e in results[0]["events"]] == ["2025-03-03"]
    assert "no publication date" in errors


def test_files_are_listed_for_people(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(PAGE, encoding="utf-8")
    out = io.StringIO()

    call_command("extract", str(path), stdout=out, stderr=io.StringIO())

    listing = out.getvalue()
    assert "Title:      Transport ministry bans drones from airports" in listing
    assert "Published:  2025-03-20 (detected)" in listing
    assert "18 Mar 2025" in listing and "ban" in listing
    assert "actors: Ministry of Transport" in listing


def test_a_given_publication_date_overrides_the_page(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(PAGE, encoding="utf-8")
    out = io.StringIO()

    call_command("extract", str(path), "--published", "2025-03-27", stdout=out)

    assert "Published:  2025-03-27 (given)" in out.getvalue()
    assert "25 Mar 2025" in out.getvalue()  # "on Tuesday" against the given date


def test_unreadable_files_are_reported_and_the_rest_still_listed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(PAGE, encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="2 of 3 files could not be used"):
        call_command(
            "extract", str(good), str(binary), str(tmp_path / "missing.txt"), stdout=out, stderr=err
        )

    assert "Transport ministry bans drones" in out.getvalue()
    assert "image.txt: not a UTF-8 text file." in err.getvalue()
    assert "missing.txt: cannot read it" in err.getvalue()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((), "Give an article file"),
        (("--jsonl", "file.txt"), "give no file names"),
        (("file.txt", "--published", "2999-01-01"), "is after today"),
        (("file.txt", "--published", "yesterday"), "--published is not a date"),
    ],
)
def test_bad_arguments_are_refused_with_a_message(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("extract", *arguments, stdin=io.StringIO(""), stdout=io.StringIO())
