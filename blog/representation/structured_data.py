"""The JSON-LD graph of a post, assembled from its API representation.

Building the graph from the detail dict (not from models) is what guarantees the site's
<script type="application/ld+json"> and the API's `jsonld` field are the same document.
"""

from __future__ import annotations

import re
from typing import Any

from pages import structured_data as sd
from pages.content import html_to_text
from pages.richtext import safe_url

from .cards import largest_rendition_url
from .scope import SiteScope

_SPACES = re.compile(r"\s+")


def _text(markup: str) -> str:
    return _SPACES.sub(" ", html_to_text(markup)).strip()


def person_id(scope: SiteScope, author: dict[str, Any]) -> str:
    return (
        f"{author['url']}#person"
        if author.get("url")
        else f"{scope.base_url}/#author-{author['slug']}"
    )


def _person(scope: SiteScope, author: dict[str, Any], same_as: list[str]) -> sd.Node:
    return sd.person(
        person_id(scope, author),
        author["name"],
        url=author.get("url"),
        job_title=author.get("role") or None,
        description=author.get("credentials") or None,
        image=largest_rendition_url(author.get("avatar")),
        same_as=[url for url in (safe_url(u) for u in same_as) if url],
    )


def post_graph(
    detail: dict[str, Any], scope: SiteScope, same_as: dict[str, list[str]]
) -> dict[str, Any]:
    """Organization, WebSite, (Medical)WebPage, BlogPosting, Person, ItemList, FAQPage, and
    Review plus Product for reviews."""
    url = detail["url"]
    org_id, site_id = f"{scope.base_url}/#organization", f"{scope.base_url}/#website"
    page_id, article_id = f"{url}#webpage", f"{url}#article"
    authors = detail["authors"]
    reviewer = detail.get("medical_reviewer")
    people = {person_id(scope, a): a for a in [*authors, *([reviewer] if reviewer else [])]}
    author_ids = [person_id(scope, a) for a in authors]
    hero_url = largest_rendition_url(detail.get("hero_image"))
    body = detail.get("body", [])
    citations = [
        sd.CreativeWorkRef(
            title=item["title"],
            authors=item["authors"],
            publisher=item["publisher"],
            year=item["year"],
            url=item["url"],
        )
        for block in body
        if block["type"] == "citations"
        for item in block["items"]
    ]
    nodes: list[sd.Node] = [
        sd.organization(org_id, scope.name, scope.base_url + "/"),
        sd.website(site_id, scope.name, scope.base_url + "/", org_id),
        sd.web_page(
            page_id,
            url,
            detail["seo"]["title"],
            website_id=site_id,
            reviewed_by_id=person_id(scope, reviewer) if reviewer else None,
            last_reviewed=detail.get("last_reviewed"),
            medical=reviewer is not None,
        ),
        sd.article(
            article_id,
            title=detail["title"],
            url=url,
            page_id=page_id,
            description=detail["seo"]["description"],
            images=[hero_url] if hero_url else [],
            published=detail.get("published"),
            modified=detail.get("updated") or detail.get("published"),
            author_ids=author_ids,
            publisher_id=org_id,
            keywords=[tag["name"] for tag in detail["tags"]],
            word_count=detail.get("word_count"),
            minutes=detail.get("reading_time"),
            citations=citations,
        ),
        *(_person(scope, person, same_as.get(person["slug"], [])) for person in people.values()),
    ]
    for index, block in enumerate(b for b in body if b["type"] == "benefits"):
        nodes.append(
            sd.item_list(
                f"{url}#benefits-{index + 1}",
                block["heading"],
                [(item["title"], _text(item["explanation"])) for item in block["items"]],
            )
        )
    questions = [
        (item["question"], _text(item["answer"]))
        for block in body
        if block["type"] == "faq"
        for item in block["items"]
    ]
    if questions:
        nodes.append(sd.faq_page(f"{url}#faq", questions))
    product = detail.get("product")
    if product:
        product_id, review_id = f"{url}#product", f"{url}#review"
        nodes.append(
            sd.product(
                product_id,
                product["name"],
                brand=product["brand"],
                category=product["category_label"],
                image=hero_url,
                price=product["price"],
                currency=product["currency"],
                offer_urls=[link["url"] for link in product["buy_links"]],
                review_id=review_id,
            )
        )
        nodes.append(
            sd.review(
                review_id,
                item_id=product_id,
                rating=product["rating"],
                best=product["rating_scale"],
                author_ids=author_ids,
                body=product["verdict"],
                published=detail.get("published"),
                publisher_id=org_id,
                pros=product["pros"],
                cons=product["cons"],
                url=url,
            )
        )
    return sd.graph(nodes)
