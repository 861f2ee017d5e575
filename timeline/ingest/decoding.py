"""Bytes of an uploaded document as text, or ``None`` when no encoding reads them cleanly.

The order: a byte-order mark; UTF-16 without one (told by where its NUL bytes fall); the
encodings the upload declares; UTF-8. Then, for legacy single-byte files, Windows-1252, the
table the WHATWG Encoding Standard reads for the "latin1" and "iso-8859-1" labels and browsers
fall back to for unlabelled Western pages (https://encoding.spec.whatwg.org/#names-and-labels),
unless a detector finds the bytes read as a non-Latin script (Cyrillic, Greek, Arabic ...).
A detector alone reads a short French or German text as Central European ("ministčre"); the
price of preferring Windows-1252 is that an undeclared Central European file (Windows-1250) is
misread, so such files should be saved as UTF-8. Text with control characters is never returned.
No Django import: plain bytes in, text out.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable

import charset_normalizer

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# What text never holds: C0 controls other than whitespace, DEL and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SAMPLE = 4096
DETECTOR_SAMPLE = 200_000


def decode_text(
    data: bytes, *, declared: Iterable[str | None] = (), legacy: bool = True
) -> str | None:
    """``data`` as text (see the module docstring for the order), or ``None``.

    ``legacy=False`` reads Unicode only (byte-order marks, UTF-16, the declared encodings and
    UTF-8), for formats whose users are asked for UTF-8.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _clean(data, encoding)
    if (encoding := utf16_without_bom(data)) and (text := _clean(data, encoding)) is not None:
        return text
    if b"\x00" in data:
        return None
    for encoding in (*declared, "utf-8"):
        if encoding and (text := _clean(data, encoding)) is not None:
            return text
    return _legacy_single_byte(data) if legacy else None


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``data`` looks like UTF-16 without a byte-order
    mark: the high bytes of its two-byte units are NUL for Latin text, or a few values with NUL
    among them (the spaces) for one alphabet such as Cyrillic or Greek; the low bytes vary.

    Text in a syllabary or ideographs (Japanese, Chinese) without a byte-order mark is not told
    apart this way.
    """
    sample = data[: _SAMPLE - _SAMPLE % 2]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if _high_bytes(odd) and not _high_bytes(even):
        return "utf-16-le"
    if _high_bytes(even) and not _high_bytes(odd):
        return "utf-16-be"
    return None


def _high_bytes(side: bytes) -> bool:
    return side.count(0) >= len(side) * 0.3 or (0 in side and len(set(side)) <= 3)


def _legacy_single_byte(data: bytes) -> str | None:
    western = _clean(data, "cp1252")
    detected = charset_normalizer.from_bytes(data[:DETECTOR_SAMPLE]).best()
    guess = _clean(data, detected.encoding) if detected and detected.encoding else None
    if western is not None and (guess is None or _mostly_latin(guess)):
        return western
    return guess


def _mostly_latin(text: str) -> bool:
    letters = [char for char in text if not char.isascii() and char.isalpha()]
    latin = sum(unicodedata.name(char, "").startswith("LATIN") for char in letters)
    return latin * 2 >= len(letters)


def _clean(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return None if _CONTROL.search(text) else text
