"""Template tags and filters for the timeline."""

from django import template
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.template.base import FilterExpression, NodeList, Parser, Token

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


class RenderingCacheNode(template.Node):
    def __init__(
        self, nodelist: NodeList, page: FilterExpression, name: str, vary_on: list
    ) -> None:
        self.nodelist, self.page, self.name, self.vary_on = nodelist, page, name, vary_on

    def render(self, context: template.Context) -> str:
        key = make_template_fragment_key(self.name, [var.resolve(context) for var in self.vary_on])
        rendered = cache.get(key)
        if rendered is None:
            rendered = self.nodelist.render(context)
            cache.set(key, rendered, self.page.resolve(context).cache_seconds)
        return rendered


@register.tag
def cache_rendering(parser: Parser, token: Token) -> RenderingCacheNode:
    """``{% cache_rendering page name vary_on... %}…{% endcache_rendering %}``: Django's
    ``{% cache %}``, except that how long the markup is kept is asked of ``page`` once it is
    rendered (``TimelinePage.cache_seconds``): a page whose counts did not all fit in their time
    budget is kept only as long as that outcome is, so the counts show once they are ready."""
    bits = token.split_contents()
    if len(bits) < 4:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a page, a name and a key.")
    nodelist = parser.parse(("endcache_rendering",))
    parser.delete_first_token()
    vary_on = [parser.compile_filter(bit) for bit in bits[3:]]
    return RenderingCacheNode(nodelist, parser.compile_filter(bits[1]), bits[2], vary_on)
