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
from .site import breadcrumb_list, organization, person, profile_page, web_page, website
from .works import (
    CreativeWorkRef,
    OfferRef,
    article,
    cited_work,
    faq_page,
    item_list,
    offer,
    product,
    review,
)

__all__ = [
    "HEADLINE_MAX",
    "SCHEMA_CONTEXT",
    "CreativeWorkRef",
    "Node",
    "OfferRef",
    "article",
    "breadcrumb_list",
    "cited_work",
    "faq_page",
    "graph",
    "headline",
    "iso_minutes",
    "item_list",
    "json_for_script",
    "offer",
    "organization",
    "person",
    "product",
    "profile_page",
    "ref",
    "review",
    "web_page",
    "website",
]
