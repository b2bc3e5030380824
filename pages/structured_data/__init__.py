"""Generic schema.org JSON-LD builders and safe embedding (pure: no models, never imports blog).

Each builder returns a plain dict node; `graph()` wraps nodes in one `@graph` document, and
`json_for_script()` serialises it so it can sit inside <script type="application/ld+json">.
Empty values are dropped so the output only states what is known.
"""

from .graph import (
    HEADLINE_MAX,
    SCHEMA_CONTEXT,
    Node,
    graph,
    headline,
    iso_minutes,
    json_for_script,
    ref,
)
from .site import organization, person, web_page, website
from .works import CreativeWorkRef, article, cited_work, faq_page, item_list, product, review

__all__ = [
    "HEADLINE_MAX",
    "SCHEMA_CONTEXT",
    "CreativeWorkRef",
    "Node",
    "article",
    "cited_work",
    "faq_page",
    "graph",
    "headline",
    "iso_minutes",
    "item_list",
    "json_for_script",
    "organization",
    "person",
    "product",
    "ref",
    "review",
    "web_page",
    "website",
]
