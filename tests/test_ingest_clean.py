"""Turning uploaded or fetched bytes into text, and URLs into their canonical form."""

import codecs

import pytest

from timeline.ingest import IngestError
from timeline.ingest.clean import canonical_url, content_type_for, decode, read_text

ARTICLE = "Ministère du Commerce: la règle s’applique dès lundi. “Quoted” — dash."


@pytest.mark.parametrize(
    ("data", "declared", "content_type"),
    [
        (ARTICLE.encode("utf-8"), None, "text/plain"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), None, "text/plain"),
        (ARTICLE.encode("utf-16"), None, "text/plain"),  # with its byte-order mark
        (ARTICLE.encode("cp1252"), "windows-1252", "text/plain"),  # declared by the server
        (
            b"<html><head><meta charset='windows-1252'></head><body>"
            + ARTICLE.encode("cp1252")
            + b"</body></html>",
            None,
            "text/html",
        ),
        (ARTICLE.encode("utf-8"), "us-ascii", "text/plain"),  # a wrong declaration fails over
    ],
)
def test_text_is_decoded_from_what_it_declares_then_utf8(data, declared, content_type):
    text = decode(data, declared_charset=declared, content_type=content_type)

    assert ARTICLE in text


def test_an_undeclared_legacy_encoding_is_detected():
    text = (
        "Le ministère a annoncé mardi que les entreprises étrangères devront déclarer leurs "
        "exportations de puces. Les règles entreront en vigueur à la fin du trimestre, a précisé "
        "le ministère dans un communiqué publié à Paris."
    )

    assert decode(text.encode("latin-1"), content_type="text/plain") == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"  \n\t ", "The file is empty."),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3",
            "This is a PDF document, not text or HTML; copy the article's text and paste it "
            "instead.",
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            "This is a ZIP archive or an Office document, not text or HTML; copy the article's "
            "text and paste it instead.",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "This is a PNG image, not text or HTML; copy the article's text and paste it instead.",
        ),
        (
            b"ELF\x00\x01\x02\x00\x00binary",
            "This is a binary file, not text or HTML; copy the article's text and paste it "
            "instead.",
        ),
    ],
)
def test_empty_and_binary_files_are_refused_with_a_message(data, message):
    with pytest.raises(IngestError) as error:
        decode(data, content_type="text/plain")

    assert str(error.value) == message


def test_bytes_no_encoding_reads_cleanly_are_refused():
    """Invalid UTF-8 that no single-byte table makes sense of either."""
    data = bytes(range(0x80, 0x100)) * 40 + b"\x81\x8d\x8f\x90\x9d" * 50

    with pytest.raises(IngestError) as error:
        decode(data, content_type="text/plain")

    assert "could not be recognised" in str(error.value) or "binary" in str(error.value)


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("story.txt", "text/plain"),
        ("STORY.TXT", "text/plain"),
        ("story.html", "text/html"),
        ("story.htm", "text/html"),
    ],
)
def test_text_and_html_files_are_accepted_by_name(name, content_type):
    assert content_type_for(name) == content_type


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("story.pdf", "Only .txt and .html files can be read, not .pdf files."),
        ("story", "Only .txt and .html files can be read."),
    ],
)
def test_other_files_are_refused_by_name(name, message):
    with pytest.raises(IngestError) as error:
        content_type_for(name)

    assert str(error.value) == message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "The text is empty."),
        ("   \n\n  ", "The text is empty."),
        ("\x00\x01\x02\x03\x04\x05\x06 garbage \x07\x08", "looks like binary data"),
    ],
)
def test_pasted_text_that_is_not_an_article_is_refused(raw, message):
    with pytest.raises(IngestError, match=message):
        read_text(raw, content_type="text/plain")


def test_a_pasted_article_is_read_with_its_metadata():
    raw = (
        "Agency restricts chip exports to three countries\n"
        "Published: Mar 18, 2025 09:16 PM\n\n"
        "The Commerce Department said on Tuesday that it would restrict exports of advanced "
        "chips to three countries, citing national security.\n\n"
        "The rule takes effect next month, the department said in a statement.\n"
    )

    article = read_text(raw, content_type="text/plain")

    assert article.title == "Agency restricts chip exports to three countries"
    assert article.published.isoformat() == "2025-03-18"
    assert article.text.startswith("The Commerce Department said on Tuesday")


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://News.Example.ORG/a/b?id=3#top", "https://news.example.org/a/b?id=3"),
        ("https://news.example.org:443/a", "https://news.example.org/a"),
        ("http://news.example.org:8080/a", "http://news.example.org:8080/a"),
        (
            "https://news.example.org/a?utm_source=x&id=3&fbclid=y&utm_campaign=z",
            "https://news.example.org/a?id=3",
        ),
        ("https://news.example.org", "https://news.example.org/"),
        ("https://news.example.org/Case/Matters", "https://news.example.org/Case/Matters"),
        ("", ""),
        ("javascript:alert(1)", ""),
        ("/relative/path", ""),
        ("ftp://files.example.org/a.txt", ""),
        ("http://news.example.org:99999/", ""),
    ],
)
def test_urls_are_compared_in_canonical_form(url, canonical):
    assert canonical_url(url) == canonical
