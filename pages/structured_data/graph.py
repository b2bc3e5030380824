"""Generic schema.org JSON-LD builders and safe embedding (pure: no models, never imports blog).

Each builder returns a plain dict node; `graph()` wraps nodes in one `@graph` document, and
`json_for_script()` serialises it so it can sit inside <script type="application/ld+json">.
Empty values are dropped so the output only states what is known.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

SCHEMA_CONTEXT = "https://schema.org"
HEADLINE_MAX = 110  # Google truncates longer Article headlines.

# What must never appear raw inside a <script> element: "<" could start "</script>" or "<!--",
# ">" and "&" are escaped for symmetry with Django's json_script, and U+2028/U+2029 break
# pre-ES2019 JavaScript parsers. JSON parsers read the escapes back as the same characters.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}

Node = dict[str, Any]


def _compact(node: Node) -> Node:
    """Drop keys whose value is None, '' or an empty list."""
    return {k: v for k, v in node.items() if v not in (None, "", [], {})}


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def ref(node_id: str) -> Node:
    """A reference to another node of the graph by its @id."""
    return {"@id": node_id}


def graph(nodes: Iterable[Node]) -> Node:
    """One JSON-LD document holding every node."""
    return {"@context": SCHEMA_CONTEXT, "@graph": [n for n in nodes if n]}


def iso_minutes(minutes: int | None) -> str | None:
    """An ISO-8601 duration for whole minutes, e.g. 'PT7M'."""
    return f"PT{minutes}M" if minutes else None


def headline(text: str) -> str:
    """The title trimmed to what search engines show."""
    return text if len(text) <= HEADLINE_MAX else text[: HEADLINE_MAX - 1].rstrip() + "…"


def organization(node_id: str, name: str, url: str, logo: str | None = None) -> Node:
    return _compact(
        {
            "@type": "Organization",
            "@id": node_id,
            "name": name,
            "url": url,
            "logo": {"@type": "ImageObject", "url": logo} if logo else None,
        }
    )


def website(node_id: str, name: str, url: str, publisher_id: str) -> Node:
    return _compact(
        {
            "@type": "WebSite",
            "@id": node_id,
            "name": name,
            "url": url,
            "publisher": ref(publisher_id),
        }
    )


def person(
    node_id: str,
    name: str,
    *,
    url: str | None = None,
    job_title: str | None = None,
    description: str | None = None,
    image: str | None = None,
    same_as: Sequence[str] = (),
    knows_about: Sequence[str] = (),
) -> Node:
    return _compact(
        {
            "@type": "Person",
            "@id": node_id,
            "name": name,
            "url": url,
            "jobTitle": job_title,
            "description": description,
            "image": image,
            "sameAs": list(same_as),
            "knowsAbout": list(knows_about),
        }
    )


def web_page(
    node_id: str,
    url: str,
    name: str,
    *,
    website_id: str | None = None,
    reviewed_by_id: str | None = None,
    last_reviewed: date | None = None,
    medical: bool = False,
) -> Node:
    """The page itself; medical pages carry who reviewed them and when."""
    return _compact(
        {
            "@type": "MedicalWebPage" if medical else "WebPage",
            "@id": node_id,
            "url": url,
            "name": name,
            "isPartOf": ref(website_id) if website_id else None,
            "reviewedBy": ref(reviewed_by_id) if reviewed_by_id else None,
            "lastReviewed": _iso(last_reviewed),
        }
    )


@dataclass(frozen=True)
class CreativeWorkRef:
    """A cited work (study, guideline, book)."""

    title: str
    authors: str = ""
    publisher: str = ""
    year: int | None = None
    url: str = ""


def cited_work(work: CreativeWorkRef) -> Node:
    return _compact(
        {
            "@type": "CreativeWork",
            "name": work.title,
            "author": work.authors,
            "publisher": work.publisher,
            "datePublished": str(work.year) if work.year else None,
            "url": work.url,
        }
    )


def article(
    node_id: str,
    *,
    kind: str = "BlogPosting",
    title: str,
    url: str,
    page_id: str,
    description: str = "",
    images: Sequence[str] = (),
    published: date | datetime | None = None,
    modified: date | datetime | None = None,
    author_ids: Sequence[str] = (),
    publisher_id: str | None = None,
    keywords: Sequence[str] = (),
    word_count: int | None = None,
    minutes: int | None = None,
    citations: Sequence[CreativeWorkRef] = (),
) -> Node:
    return _compact(
        {
            "@type": kind,
            "@id": node_id,
            "headline": headline(title),
            "name": title,
            "url": url,
            "mainEntityOfPage": ref(page_id),
            "description": description,
            "image": list(images),
            "datePublished": _iso(published),
            "dateModified": _iso(modified or published),
            "author": [ref(i) for i in author_ids],
            "publisher": ref(publisher_id) if publisher_id else None,
            "keywords": ", ".join(keywords),
            "wordCount": word_count,
            "timeRequired": iso_minutes(minutes),
            "citation": [cited_work(c) for c in citations],
        }
    )


def item_list(
    node_id: str, name: str, items: Sequence[tuple[str, str]], *, ordered: bool = True
) -> Node:
    """A numbered list of (name, description) pairs, e.g. a post's benefits."""
    return _compact(
        {
            "@type": "ItemList",
            "@id": node_id,
            "name": name,
            "itemListOrder": "https://schema.org/ItemListOrderAscending" if ordered else None,
            "numberOfItems": len(items),
            "itemListElement": [
                _compact({"@type": "ListItem", "position": i, "name": title, "description": text})
                for i, (title, text) in enumerate(items, start=1)
            ],
        }
    )


def faq_page(node_id: str, questions: Sequence[tuple[str, str]]) -> Node:
    """Questions and plain-text answers."""
    return {
        "@type": "FAQPage",
        "@id": node_id,
        "mainEntity": [
            {
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {"@type": "Answer", "text": answer},
            }
            for question, answer in questions
        ],
    }


def product(
    node_id: str,
    name: str,
    *,
    brand: str = "",
    category: str = "",
    description: str = "",
    image: str | None = None,
    price: str | None = None,
    currency: str = "",
    offer_urls: Sequence[str] = (),
    review_id: str | None = None,
) -> Node:
    offers = [
        _compact({"@type": "Offer", "url": url, "price": price, "priceCurrency": currency})
        for url in offer_urls
    ]
    if not offers and price:
        offers = [{"@type": "Offer", "price": price, "priceCurrency": currency}]
    return _compact(
        {
            "@type": "Product",
            "@id": node_id,
            "name": name,
            "brand": {"@type": "Brand", "name": brand} if brand else None,
            "category": category,
            "description": description,
            "image": image,
            "offers": offers,
            "review": ref(review_id) if review_id else None,
        }
    )


def review(
    node_id: str,
    *,
    item_id: str,
    rating: float,
    best: int,
    worst: int = 0,
    author_ids: Sequence[str] = (),
    body: str = "",
    published: date | datetime | None = None,
    publisher_id: str | None = None,
    pros: Sequence[str] = (),
    cons: Sequence[str] = (),
    url: str | None = None,
) -> Node:
    def notes(points: Sequence[str]) -> Node | None:
        if not points:
            return None
        return {
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "position": i, "name": p} for i, p in enumerate(points, 1)
            ],
        }

    return _compact(
        {
            "@type": "Review",
            "@id": node_id,
            "url": url,
            "itemReviewed": ref(item_id),
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": rating,
                "bestRating": best,
                "worstRating": worst,
            },
            "author": [ref(i) for i in author_ids],
            "reviewBody": body,
            "datePublished": _iso(published),
            "publisher": ref(publisher_id) if publisher_id else None,
            "positiveNotes": notes(pros),
            "negativeNotes": notes(cons),
        }
    )


def json_for_script(data: Any) -> str:
    """JSON that is safe to place verbatim between <script> and </script>."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.translate(_SCRIPT_ESCAPES)
