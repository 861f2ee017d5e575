"""Sentence splitting that survives the full stops of news prose."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extraction.sentences import MAX_SENTENCE_CHARS, split_sentences


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Senate voted on Jan. 29. The House follows.",
            ["The U.S. Senate voted on Jan. 29.", "The House follows."],
        ),
        (
            "Sen. Ada Brooks and Dr. Li met Gov. Hale. They agreed.",
            ["Sen. Ada Brooks and Dr. Li met Gov. Hale.", "They agreed."],
        ),
        (
            "Talks stalled in the U.S. The ministry then left.",
            ["Talks stalled in the U.S.", "The ministry then left."],
        ),
        (
            "Shares of Quillon Corp. fell. Acme Inc. Chief Executive Bo Lind resigned.",
            ["Shares of Quillon Corp. fell.", "Acme Inc. Chief Executive Bo Lind resigned."],
        ),
        # A name with a small first letter may open a sentence.
        (
            "The suite has three programs. iQuill has new templates. eVolt said so.",
            ["The suite has three programs.", "iQuill has new templates.", "eVolt said so."],
        ),
        (
            "He bought Acme Inc. The deal closed on Friday.",
            ["He bought Acme Inc.", "The deal closed on Friday."],
        ),
        (
            "Resolution No. 5 passed. Vote No. 6 failed.",
            ["Resolution No. 5 passed.", "Vote No. 6 failed."],
        ),
        (
            "Vice President J. D. Vance spoke. Prices rose 3.5 percent.",
            ["Vice President J. D. Vance spoke.", "Prices rose 3.5 percent."],
        ),
        (
            'The minister said: "We will act." Officials left.',
            ['The minister said: "We will act."', "Officials left."],
        ),
        (
            '"Would they ban it?" the senator asked. Nobody answered.',
            ['"Would they ban it?" the senator asked.', "Nobody answered."],
        ),
        (
            '"Is this legal?" Ada Brooks asked on Monday. The court will decide.',
            ['"Is this legal?" Ada Brooks asked on Monday.', "The court will decide."],
        ),
        (
            "Wait and see... Then the board acted. It was slow … but sure.",
            ["Wait and see...", "Then the board acted.", "It was slow … but sure."],
        ),
        (
            "Prices fell (slightly.) Markets shrugged.",
            ["Prices fell (slightly.)", "Markets shrugged."],
        ),
        (
            "The fine, set at 4 p.m. Tuesday, stands. Appeals are due by 5 p.m. on Friday.",
            ["The fine, set at 4 p.m. Tuesday, stands.", "Appeals are due by 5 p.m. on Friday."],
        ),
        ("What now? Nobody knows! Really.", ["What now?", "Nobody knows!", "Really."]),
        (
            "OSLO, May 2. /NEWSWIRE/. The ministry banned the app. It gave no reason.",
            ["OSLO, May 2. /NEWSWIRE/. The ministry banned the app.", "It gave no reason."],
        ),
    ],
    ids=[
        "us-and-month-abbreviation",
        "titles-before-names",
        "us-at-sentence-end",
        "corp-before-noun",
        "name-with-a-small-first-letter",
        "inc-at-sentence-end",
        "number-abbreviation",
        "initials-and-decimals",
        "full-stop-inside-quote",
        "question-with-attribution",
        "question-with-named-attribution",
        "ellipses",
        "bracket-close",
        "time-abbreviations",
        "question-and-exclamation",
        "wire-dateline-runs-into-its-lead",
    ],
)
def test_news_abbreviations_do_not_end_sentences(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "First paragraph has no full stop\n\nSecond paragraph starts here.",
            ["First paragraph has no full stop", "Second paragraph starts here."],
        ),
        (
            "The board met today.\nNEXT STEPS\nThe plan goes to a vote.",
            ["The board met today.", "NEXT STEPS", "The plan goes to a vote."],
        ),
        (
            "The board met on Monday and decided\nto delay the vote until June.",
            ["The board met on Monday and decided\nto delay the vote until June."],
        ),
        (
            "Key points:\n• Fares rise in May.\n• Night buses stop.",
            ["Key points:", "• Fares rise in May.", "• Night buses stop."],
        ),
    ],
    ids=["blank-line", "heading-line", "wrapped-line", "bullets"],
)
def test_paragraph_breaks_and_headings_end_sentences(text, expected):
    assert texts(text) == expected


def test_offsets_index_the_text():
    text = '  (Reuters) - The U.S. Senate voted.\n\nNEXT\n\n"Why?" he asked.  '

    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_text_without_punctuation_is_cut_into_bounded_pieces():
    text = "word " * 2000

    sentences = split_sentences(text)

    assert len(sentences) > 1
    assert all(len(sentence.text) <= MAX_SENTENCE_CHARS for sentence in sentences)
    assert " ".join(sentence.text for sentence in sentences) == text.strip()


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from("aB .?!\"'”…\n\t-UuSs()0123"), max_size=300) | st.text())
def test_any_text_splits_into_ordered_offsets_covering_every_visible_character(text):
    sentences = split_sentences(text)

    assert sentences == split_sentences(text)
    position = 0
    for sentence in sentences:
        assert position <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert not text[position : sentence.start].strip()
        position = sentence.end
    assert not text[position:].strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "She called it “a mistake.” The ministry says the service was halted by the storm.",
            2,
        ),
        ("She called it “a mistake.” The ministry said on Sunday.", 1),
        ("“We will appeal,” Acme said in a statement.", 1),
    ],
    ids=["speaker-with-a-clause", "short-attribution", "comma-quote"],
)
def test_a_speaker_with_a_clause_of_their_own_after_a_closed_quotation_starts_a_sentence(
    text, expected
):
    assert len(split_sentences(text)) == expected


def test_a_byline_and_an_embedded_posts_signature_are_pieces_apart():
    """Their dates are the page's and the post's: no sentence of the story carries them."""
    story = "The ministry fined Acme on Monday."
    byline = "By Jane Roe (March 3, 2025, 8:54 PM EDT) --"
    assert texts(f"{byline} {story}") == [byline, story]
    post = "Catch up: the senate passed the bill https://example.com/x"
    signature = "— Daily Wire (@dailywire) March 3, 2025"
    assert texts(f"{post} {signature} {story}") == [post, signature, story]
