"""Uploaded bytes read as the text their author wrote, whatever the encoding, or refused."""

import codecs

import pytest

from timeline.imports.csv import read_csv
from timeline.ingest.decoding import decode_text, utf16_without_bom
from timeline.ingest.jobs import file_item

FRENCH = "Le ministère a annoncé une règle."
GERMAN = "Die Behörde hat am Dienstag ein Verbot für Geräte erlassen."
QUOTES = "The minister said “no comment” — twice, at 9 a.m. (€5 fine)."
RUSSIAN = "Министерство объявило о запрете на экспорт микросхем во вторник."
GREEK = "Το υπουργείο ανακοίνωσε την απαγόρευση των εξαγωγών την Τρίτη."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (FRENCH, "latin-1"),  # read as Central European ("ministčre") before
        (GERMAN, "latin-1"),
        (QUOTES, "cp1252"),
        (FRENCH, "utf-8"),
        (RUSSIAN, "utf-8"),
        (RUSSIAN, "cp1251"),
        (GREEK, "cp1253"),
    ],
)
def test_undeclared_text_reads_as_written(text, encoding):
    assert decode_text(text.encode(encoding)) == text


@pytest.mark.parametrize("text", [FRENCH, QUOTES, RUSSIAN, GREEK, "title,date_start\n"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_recognised(text, encoding):
    data = (text * 3).encode(encoding)

    assert utf16_without_bom(data) == encoding
    assert decode_text(data) == text * 3


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_a_byte_order_mark_decides_and_is_dropped(bom, encoding):
    assert decode_text(bom + FRENCH.encode(encoding)) == FRENCH


def test_a_declared_encoding_comes_before_guessing():
    data = "Žluťoučký kůň úpěl ďábelské ódy.".encode("cp1250")

    assert decode_text(data, declared=["windows-1250"]) == "Žluťoučký kůň úpěl ďábelské ódy."


def test_unicode_only_refuses_legacy_bytes_and_reads_utf16():
    assert decode_text(FRENCH.encode("latin-1"), legacy=False) is None
    assert decode_text(FRENCH.encode("utf-16-le"), legacy=False) == FRENCH


@pytest.mark.parametrize(
    "data",
    [
        b"ELF\x00\x01\x02\x00\x00binary",
        bytes(range(0x80, 0x100)) * 40 + b"\x81\x8d\x8f\x90\x9d" * 50,
        b"text with a bell \x07 in it",
        b"\x00" * 64,
    ],
    ids=["binary", "no-table-fits", "control-character", "nul-bytes"],
)
def test_bytes_that_no_encoding_reads_cleanly_give_nothing(data):
    assert decode_text(data) is None


def test_a_latin1_text_upload_keeps_its_accents():
    item = file_item("note.txt", f"{FRENCH}\n{GERMAN}\n".encode("latin-1"))

    assert item.raw == f"{FRENCH}\n{GERMAN}\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_a_utf16_csv_is_read_with_its_columns(encoding):
    csv = read_csv("title,date_start\nCafé hearing,2025-03-07\n".encode(encoding))

    assert csv.columns == ("title", "date_start")
    assert [row for _, row in csv.rows] == [{"title": "Café hearing", "date_start": "2025-03-07"}]
