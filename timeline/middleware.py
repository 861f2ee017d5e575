"""Refuses requests whose parameters hold control characters, before a view or database sees them.

No form, link or keyboard sends NUL or the other C0 control characters, so a parameter holding
one is damaged or hostile. PostgreSQL cannot store NUL in text (psycopg raises ``DataError``),
XML 1.0 cannot carry most of these characters at all (the Atom feed fails mid-document), and a
filter that silently dropped them would answer a different question than the one asked. So the
request is answered 400 with a message that names the parameter, rather than cleaned and served.
Tab, line feed and carriage return pass: text areas send line breaks and pasted text holds tabs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render

# C0 controls except tab (09), line feed (0A) and carriage return (0D).
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class ControlCharacterMiddleware:
    """Answers 400 when a query-string or form parameter (name or value) holds a control
    character; JSON for the API, a page for people."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        parameters = [request.GET]
        if request.method == "POST":
            parameters.append(request.POST)
        for query in parameters:
            found = _first_control_character(query)
            if found is not None:
                return _refusal(request, *found)
        return self.get_response(request)


def _first_control_character(query: QueryDict) -> tuple[str, str] | None:
    """The first parameter name holding a control character, and that character."""
    for name, values in query.lists():
        for text in (name, *values):
            match = CONTROL_CHARACTER.search(text)
            if match:
                return name, match.group()
    return None


def _refusal(request: HttpRequest, name: str, character: str) -> HttpResponse:
    # The name may hold the character itself: it is shown as its code point.
    shown = CONTROL_CHARACTER.sub(lambda m: f"U+{ord(m.group()):04X}", name)
    message = (
        f"The parameter “{shown}” holds the control character U+{ord(character):04X}, which no "
        "form or link sends. Remove it and try again."
    )
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"error": message}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    return render(request, "400_control_character.html", {"message": message}, status=400)
