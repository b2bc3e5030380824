"""{% fragment "name" %}...{% endfragment %}: a part of a post's page rendered once per
content generation, page revision, Site and language (blog.fragments), and afresh wherever
the page must not share it (previews, restricted pages, the cache turned off)."""

from __future__ import annotations

from django import template

from ..fragments import cached, fragment_key

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name: str, nodelist: template.NodeList):
        self.name = name
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        page = context.get("page")
        key = fragment_key(page, context.get("request")) if page is not None else None
        return cached(self.name, key, lambda: str(self.nodelist.render(context)))


@register.tag
def fragment(parser, token):
    """{% fragment "body" %}...{% endfragment %} around what only the page's content shows."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "'\"" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one quoted name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], nodelist)
