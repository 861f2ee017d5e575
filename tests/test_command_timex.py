"""``manage.py timex`` and ``manage.py evaluate_dates``: the command-line contracts.

JSON Lines in and out for tools (one output line per usable input line, errors on stderr with
the line number, non-zero exit only for unusable input), a readable table for files, and the
MEANTIME scorer run on a small corpus written here.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command


def run_timex(stdin: str | bytes, *args: str) -> tuple[list[dict], str, CommandError | None]:
    """Run ``timex --jsonl``; return the output lines, stderr and the error raised, if any."""
    out, err = io.StringIO(), io.StringIO()
    stream = io.BytesIO(stdin) if isinstance(stdin, bytes) else io.StringIO(stdin)
    error = None
    try:
        call_command("timex", "--jsonl", *args, stdin=stream, stdout=out, stderr=err)
    except CommandError as raised:
        error = raised
    lines = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    return lines, err.getvalue(), error


def line(**fields) -> str:
    return json.dumps(fields) + "\n"


def test_jsonl_writes_one_line_per_input_with_the_contract_fields():
    stdin = line(id="a", text="Mao Ning said on Tuesday it will act.", dct="2025-03-18") + line(
        id="b", text="Nothing to date here.", dct="2025-03-18"
    )
    lines, stderr, error = run_timex(stdin)
    assert error is None and stderr == ""
    assert lines == [
        {
            "id": "a",
            "timexes": [
                {
                    "start": 17,
                    "end": 24,
                    "text": "Tuesday",
                    "type": "DATE",
                    "value": "2025-03-18",
                    "precision": "day",
                    "date_start": "2025-03-18",
                    "date_end": "2025-03-18",
                }
            ],
        },
        {"id": "b", "timexes": []},
    ]


def test_jsonl_durations_have_null_dates():
    lines, _, error = run_timex(line(id="d", text="It lasted three months.", dct="2025-03-18"))
    assert error is None
    (timex,) = lines[0]["timexes"]
    assert (timex["type"], timex["value"], timex["precision"], timex["date_start"]) == (
        "DURATION",
        "P3M",
        None,
        None,
    )


def test_empty_text_gives_an_empty_list():
    lines, stderr, error = run_timex(line(id="e", text="", dct="2025-03-18"))
    assert (lines, stderr, error) == ([{"id": "e", "timexes": []}], "", None)


def test_bad_json_is_reported_with_its_line_number_and_other_lines_are_kept():
    stdin = line(id="a", text="on Monday", dct="2025-03-18") + "{not json\n"
    stdin += line(id="c", text="in July", dct="2025-03-18")
    lines, stderr, error = run_timex(stdin)
    assert [item["id"] for item in lines] == ["a", "c"]
    assert "line 2: not valid JSON" in stderr
    assert error is not None and "1 of 3 input lines could not be used" in str(error)


@pytest.mark.parametrize(
    ("dct", "message"),
    [
        ("18/03/2025", "not a date in the form YYYY-MM-DD"),
        ("2025-02-30", "not a calendar date"),
        (20250318, "must be a"),
    ],
)
def test_bad_dct_is_an_unusable_line(dct, message):
    lines, stderr, error = run_timex(line(id="a", text="on Monday", dct=dct))
    assert lines == []
    assert "line 1:" in stderr and message in stderr
    assert error is not None


def test_missing_dct_is_a_warning_and_relative_dates_stay_unresolved():
    lines, stderr, error = run_timex(line(id="a", text="They met on Monday."))
    assert error is None
    assert 'line 1: no "dct"' in stderr
    (timex,) = lines[0]["timexes"]
    assert (timex["value"], timex["date_start"]) == ("XXXX-WXX-1", None)


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (b"\xff\xfe\x00junk\x81\n", "line 1: not UTF-8"),
        ('["a list"]\n', "line 1: expected a JSON object"),
        ('{"id": "a", "dct": "2025-03-18"}\n', 'line 1: no "text"'),
        ('{"id": "a", "text": 42, "dct": "2025-03-18"}\n', 'line 1: "text" must be a string'),
    ],
)
def test_unusable_lines_get_a_clear_message_and_no_traceback(stdin, message):
    lines, stderr, error = run_timex(stdin)
    assert lines == []
    assert message in stderr
    assert "Traceback" not in stderr
    assert error is not None


def test_blank_lines_are_skipped():
    lines, stderr, error = run_timex("\n" + line(id="a", text="today", dct="2025-03-18") + "\n")
    assert [item["id"] for item in lines] == ["a"] and error is None and stderr == ""


def test_large_text_is_processed_with_offsets_into_it():
    """A 5 MB text is read whole; the date at its very end has the right offsets."""
    text = "lorem ipsum " * 420_000 + "signed on 29 January 2025"
    assert len(text.encode()) > 5_000_000
    lines, _, error = run_timex(line(id="big", text=text, dct="2025-03-18"))
    assert error is None
    (timex,) = lines[0]["timexes"]
    assert text[timex["start"] : timex["end"]] == "29 January 2025" == timex["text"]


def test_text_in_another_language_yields_no_dates():
    text = "Le ministre a déclaré mardi que l'interdiction restait en vigueur."
    lines, _, error = run_timex(line(id="fr", text=text, dct="2025-03-18"))
    assert lines == [{"id": "fr", "timexes": []}] and error is None


def test_file_mode_prints_a_table(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Officials said on Tuesday they met in recent weeks.\n", encoding="utf-8")
    out = io.StringIO()
    call_command("timex", str(article), "--dct", "2025-03-18", stdout=out, stderr=io.StringIO())
    table = out.getvalue().splitlines()
    assert table[0].split() == ["start", "end", "type", "value", "precision", "dates", "text"]
    assert table[1].split() == ["18", "25", "DATE", "2025-03-18", "day", "2025-03-18", "Tuesday"]
    assert "2025-02-18..2025-03-18" in table[2] and "recent weeks" in table[2]


def test_file_mode_refuses_a_bad_dct_and_reports_unreadable_files(tmp_path):
    with pytest.raises(CommandError, match="--dct is not a date"):
        call_command("timex", str(tmp_path / "a.txt"), "--dct", "March 18")
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff")
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 of 2 files could not be read"):
        call_command(
            "timex",
            str(binary),
            str(tmp_path / "missing.txt"),
            "--dct",
            "2025-03-18",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "image.bin: not a UTF-8 text file" in err.getvalue()
    assert "missing.txt: cannot read it" in err.getvalue()


def test_no_input_at_all_explains_the_two_forms():
    with pytest.raises(CommandError, match="--jsonl"):
        call_command("timex")


# --- evaluate_dates on a corpus written here (CAT XML, the MEANTIME format) ------------------

CAT_DOCUMENT = """<?xml version="1.0" ?>
<Document doc_id="1" doc_name="ministry_review">
<token t_id="1" sentence="0" number="0">Ministry</token>
<token t_id="2" sentence="0" number="1">opens</token>
<token t_id="3" sentence="0" number="2">review</token>
<token t_id="4" sentence="1" number="3">March</token>
<token t_id="5" sentence="1" number="4">18</token>
<token t_id="6" sentence="1" number="5">,</token>
<token t_id="7" sentence="1" number="6">2025</token>
<token t_id="8" sentence="2" number="7">The</token>
<token t_id="9" sentence="2" number="8">ministry</token>
<token t_id="10" sentence="2" number="9">said</token>
<token t_id="11" sentence="2" number="10">on</token>
<token t_id="12" sentence="2" number="11">Monday</token>
<token t_id="13" sentence="2" number="12">the</token>
<token t_id="14" sentence="2" number="13">review</token>
<token t_id="15" sentence="2" number="14">lasts</token>
<token t_id="16" sentence="2" number="15">three</token>
<token t_id="17" sentence="2" number="16">months</token>
<token t_id="18" sentence="2" number="17">.</token>
<token t_id="19" sentence="3" number="18">It</token>
<token t_id="20" sentence="3" number="19">ends</token>
<token t_id="21" sentence="3" number="20">in</token>
<token t_id="22" sentence="3" number="21">June</token>
<token t_id="23" sentence="3" number="22">.</token>
<Markables>
<TIMEX3 m_id="1" type="DATE" value="2025-03-18" functionInDocument="CREATION_TIME">
<token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/><token_anchor t_id="7"/>
</TIMEX3>
<TIMEX3 m_id="2" type="DATE" value="2025-03-17" functionInDocument="NONE">
<token_anchor t_id="12"/>
</TIMEX3>
<TIMEX3 m_id="3" type="DURATION" value="P3M" functionInDocument="NONE">
<token_anchor t_id="16"/><token_anchor t_id="17"/>
</TIMEX3>
<TIMEX3 m_id="4" type="DATE" value="2058" functionInDocument="NONE"/>
</Markables>
</Document>
"""


def test_cat_document_is_rebuilt_as_news_text_with_gold_offsets():
    """Tokens are joined as a page writes them; sentences after the last annotation are not
    scored; the creation time is the dct; implicit expressions (no tokens) are left out."""
    from datetime import date

    from timeline.extraction.evaluation import parse_cat_document

    document = parse_cat_document(CAT_DOCUMENT)
    assert document.text == (
        "Ministry opens review\nMarch 18, 2025\n"
        "The ministry said on Monday the review lasts three months. It ends in June."
    )
    assert document.dct == date(2025, 3, 18)
    assert [(g.text, g.type, g.value) for g in document.gold] == [
        ("Monday", "DATE", "2025-03-17"),
        ("three months", "DURATION", "P3M"),
    ]
    assert document.text[document.scored_end - 1] == "."
    assert document.text[: document.scored_end].endswith("three months.")


def test_dateline_is_the_creation_date_when_none_is_annotated():
    """A document whose dateline is annotated as a plain DATE still resolves against it."""
    from datetime import date

    from timeline.extraction.evaluation import parse_cat_document

    without = CAT_DOCUMENT.replace(
        'functionInDocument="CREATION_TIME"', 'functionInDocument="NONE"'
    )
    document = parse_cat_document(without)
    assert document.dct == date(2025, 3, 18)
    assert document.dct_span is None  # the dateline stays a scored expression
    assert ("March 18, 2025", "DATE", "2025-03-18") in [
        (g.text, g.type, g.value) for g in document.gold
    ]


def test_document_without_dateline_or_creation_time_has_no_dct():
    from timeline.extraction.evaluation import parse_cat_document

    without = CAT_DOCUMENT.replace(
        'functionInDocument="CREATION_TIME"', 'functionInDocument="NONE"'
    )
    without = (
        without.replace(">March<", ">Report<").replace(">18<", ">on<").replace(">2025<", ">it<")
    )
    assert parse_cat_document(without).dct is None


def test_evaluate_dates_prints_one_table_for_both_finders(tmp_path):
    (tmp_path / "doc.xml").write_text(CAT_DOCUMENT, encoding="utf-8")
    (tmp_path / "broken.xml").write_text("<Document>", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "evaluate_dates", "--corpus", str(tmp_path), "--show-errors", stdout=out, stderr=err
    )
    report = out.getvalue()
    assert "1 documents, 2 annotated expressions" in report
    rows = {tuple(row.split()[:2]): row.split() for row in report.splitlines() if row.strip()}
    # Ours finds both annotated expressions with the right values; "June" is not scored.
    assert rows[("ours", "DATE")][2:8] == ["1", "1", "1.000", "1.000", "1.000", "1.000"]
    assert rows[("ours", "DURATION")][2:4] == ["1", "1"]
    assert rows[("ours", "ALL")][11] == "1.000"  # value F1: both found with the right value
    assert ("dateparser", "DATE") in rows
    assert "broken.xml: skipped" in err.getvalue()


def test_evaluate_dates_without_a_corpus_says_where_it_looked(tmp_path):
    with pytest.raises(CommandError, match="No corpus folder at"):
        call_command("evaluate_dates", "--corpus", str(tmp_path / "nowhere"))


def test_value_f1_counts_missed_and_spurious_expressions_value_accuracy_does_not():
    """TempEval-3's value F1: right values over all predictions and over all gold expressions."""
    from timeline.extraction.evaluation import TypeScore

    score = TypeScore(gold=4, predicted=5, relaxed_found=2, value_correct=2)
    assert score.value_accuracy == 1.0
    assert score.value_f1 == pytest.approx(2 * (2 / 5) * (2 / 4) / (2 / 5 + 2 / 4))
    assert TypeScore(gold=3).value_f1 is None  # nothing predicted: no precision
    assert TypeScore(gold=3, predicted=2).value_f1 == 0.0
