"""Text normalisation for comparing things people type or paste in different ways."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w]+")


def normalize_whitespace(text: str) -> str:
    """NFKC-normalise and collapse every run of whitespace to one space."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def content_hash(text: str) -> str:
    """SHA-256 of the text after Unicode and whitespace normalisation.

    The same article pasted twice, or once from a file with other line breaks, has one hash.
    """
    return hashlib.sha256(normalize_whitespace(text).encode("utf-8")).hexdigest()


def name_key(name: str) -> str:
    """A key under which spellings of a name meet: "U.S. Dept. of Commerce" ~ "us dept of commerce".

    Case, accents, punctuation and spacing are ignored.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", without_marks.casefold()).replace("_", " ").strip()
