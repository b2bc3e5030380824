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
    breadcrumb_id: str | None = None,
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
            "breadcrumb": ref(breadcrumb_id) if breadcrumb_id else None,
            "reviewedBy": ref(reviewed_by_id) if reviewed_by_id else None,
            "lastReviewed": iso(last_reviewed),
        }
    )


def profile_page(
    node_id: str,
    url: str,
    name: str,
    *,
    person_id: str,
    website_id: str | None = None,
    breadcrumb_id: str | None = None,
) -> Node:
    """A page about one person (an author's profile), whose main entity is that Person."""
    return compact(
        {
            "@type": "ProfilePage",
            "@id": node_id,
            "url": url,
            "name": name,
            "mainEntity": ref(person_id),
            "isPartOf": ref(website_id) if website_id else None,
            "breadcrumb": ref(breadcrumb_id) if breadcrumb_id else None,
        }
    )


def breadcrumb_list(node_id: str, crumbs: Sequence[tuple[str, str]]) -> Node:
    """The trail from the home page to this page, as (name, absolute URL) pairs."""
    return {
        "@type": "BreadcrumbList",
        "@id": node_id,
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url}
            for i, (name, url) in enumerate(crumbs, start=1)
        ],
    }
