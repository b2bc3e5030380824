"""schema.org nodes for what is published: articles, cited works, lists, FAQs and reviews."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .graph import Node, compact, headline, iso, iso_minutes, ref


@dataclass(frozen=True)
class CreativeWorkRef:
    """A cited work (study, guideline, book)."""

    title: str
    authors: str = ""
    publisher: str = ""
    year: int | None = None
    url: str = ""


def cited_work(work: CreativeWorkRef) -> Node:
    return compact(
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
    return compact(
        {
            "@type": kind,
            "@id": node_id,
            "headline": headline(title),
            "name": title,
            "url": url,
            "mainEntityOfPage": ref(page_id),
            "description": description,
            "image": list(images),
            "datePublished": iso(published),
            "dateModified": iso(modified or published),
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
    return compact(
        {
            "@type": "ItemList",
            "@id": node_id,
            "name": name,
            "itemListOrder": "https://schema.org/ItemListOrderAscending" if ordered else None,
            "numberOfItems": len(items),
            "itemListElement": [
                compact({"@type": "ListItem", "position": i, "name": title, "description": text})
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


@dataclass(frozen=True)
class OfferRef:
    """Where the product can be bought. `availability` is a schema.org ItemAvailability name
    (InStock, OutOfStock, PreOrder, Discontinued...)."""

    url: str
    seller: str = ""
    availability: str = "InStock"


def offer(item: OfferRef, price: str | None = None, currency: str = "") -> Node:
    return compact(
        {
            "@type": "Offer",
            "url": item.url,
            "price": price,
            "priceCurrency": currency if price else "",
            "availability": f"https://schema.org/{item.availability}" if item.availability else "",
            "seller": {"@type": "Organization", "name": item.seller} if item.seller else None,
        }
    )


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
    offers: Sequence[OfferRef] = (),
    review_id: str | None = None,
) -> Node:
    return compact(
        {
            "@type": "Product",
            "@id": node_id,
            "name": name,
            "brand": {"@type": "Brand", "name": brand} if brand else None,
            "category": category,
            "description": description,
            "image": image,
            "offers": [offer(item, price, currency) for item in offers],
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

    return compact(
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
            "datePublished": iso(published),
            "publisher": ref(publisher_id) if publisher_id else None,
            "positiveNotes": notes(pros),
            "negativeNotes": notes(cons),
        }
    )
