"""Template filters for the timeline."""

from django import template

from timeline.validators import safe_http_url

register = template.Library()


@register.filter
def thousands(number: int) -> str:
    """1234567 as "1,234,567"."""
    return f"{number:,}"


@register.filter
def http_url(url: str | None) -> str:
    """The address when it is an absolute http(s) URL, else "": the only kind we link to."""
    return safe_http_url(url)
