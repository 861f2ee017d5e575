"""Web addresses: the one rule for which URLs are stored and which become links.

Only http and https addresses are article addresses. Django's URL fields also accept ftp and
ftps, and rows written through the ORM skip validation altogether, so output checks again:
``safe_http_url`` decides what may go into an ``href`` in pages, the Atom feed and TimelineJS.
"""

from __future__ import annotations

import re

from django.core.validators import URLValidator

_HTTP_URL = re.compile(r"https?://[^\s/?#@]+(?:[/?#]\S*)?", re.IGNORECASE | re.ASCII)
# A code of its own: forms replace the message of a model error whose code ("invalid") they
# know with their own "Enter a valid URL.", which would not say what is wrong.
_http_url_validator = URLValidator(
    schemes=["http", "https"],
    message="Enter a web address that starts with http:// or https://.",
    code="not_http",
)


def validate_http_url(value: str) -> None:
    """Model and form validator: raise ValidationError unless ``value`` is an http(s) URL."""
    _http_url_validator(value)


def safe_http_url(url: str | None) -> str:
    """``url`` when it is an absolute http(s) address, else "": only these become links.

    Anything else (javascript:, data:, ftp:, relative paths, addresses with spaces or
    credentials) is shown as text, never placed in an href.
    """
    if url and _HTTP_URL.fullmatch(url):
        return url
    return ""
