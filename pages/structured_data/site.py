"""schema.org nodes for who publishes: Organization, WebSite, WebPage and Person."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .graph import Node, compact, iso, ref


def organization(node_id: str, name: str, url: str, logo: str | None = None) -> Node:
    return compact(
        {
            "@type": "Organization",
            "@id": node_id,
            "name": name,
            "url": url,
            "logo": {"@type": "ImageObject", "url": logo} if logo else None,
        }
    )


def website(node_id: str, name: str, url: str, publisher_id: str) -> Node:
    return compact(
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
    return compact(
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
    return compact(
        {
            "@type": "MedicalWebPage" if medical else "WebPage",
            "@id": node_id,
            "url": url,
            "name": name,
            "isPartOf": ref(website_id) if website_id else None,
            "reviewedBy": ref(reviewed_by_id) if reviewed_by_id else None,
            "lastReviewed": iso(last_reviewed),
        }
    )
