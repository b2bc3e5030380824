"""The JSON-LD graph of a post, assembled from its API representation.

Building the graph from the detail dict (not from models) is what guarantees the site's
<script type="application/ld+json"> and the API's `jsonld` field are the same document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.templatetags.static import static

from pages import structured_data as sd
from pages.content import html_to_text
from pages.richtext import safe_url

from .cards import largest_rendition_url
from .scope import SiteScope

_SPACES = re.compile(r"\s+")
# At least 112x112 px, as Google asks of an Organization logo.
LOGO = "img/logo.png"


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


def publisher_nodes(scope: SiteScope) -> tuple[sd.Node, sd.Node]:
    """The Organization (with its logo) and the WebSite every page of the site belongs to."""
    org_id, site_id = f"{scope.base_url}/#organization", f"{scope.base_url}/#website"
    logo = static(LOGO)
    logo = logo if logo.startswith(("http://", "https://")) else scope.base_url + logo
    return (
        sd.organization(org_id, scope.name, scope.base_url + "/", logo),
        sd.website(site_id, scope.name, scope.base_url + "/", org_id),
    )


def breadcrumbs(
    node_id: str, scope: SiteScope, trail: Sequence[tuple[str, str]], here: tuple[str, str]
) -> sd.Node:
    """Home, the pages between (name, absolute URL), then the page itself."""
    return sd.breadcrumb_list(node_id, [(scope.name, scope.base_url + "/"), *trail, here])


def phase_lists(url: str, body: list[dict[str, Any]]) -> list[sd.Node]:
    """Each timeline of phases as an ordered ItemList.

    Not HowTo: schema.org's HowTo is steps a reader performs to reach a result, and these are
    stages the skin goes through on its own (inflammation, repair, remodelling); an ordered list
    of named stages, each with when it happens, is what the content is.
    """
    nodes = []
    for index, block in enumerate(b for b in body if b["type"] == "phases"):
        items = [
            (item["name"], "; ".join(p for p in (item["label"], _text(item["description"])) if p))
            for item in block["items"]
        ]
        node = sd.item_list(f"{url}#phases-{index + 1}", block["heading"], items)
        if block.get("anchor"):
            node["url"] = f"{url}#{block['anchor']}"
        nodes.append(node)
    return nodes


def post_graph(
    detail: dict[str, Any],
    scope: SiteScope,
    same_as: dict[str, list[str]],
    trail: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """Organization, WebSite, (Medical)WebPage, BreadcrumbList, BlogPosting, Person, ItemLists
    (benefits, phases), FAQPage, and Review plus Product for reviews. `trail` holds the
    (name, absolute URL) of the pages between the home page and the post. Offers state each
    buy link's availability as the API gives it."""
    url = detail["url"]
    org_id, site_id = f"{scope.base_url}/#organization", f"{scope.base_url}/#website"
    page_id, article_id = f"{url}#webpage", f"{url}#article"
    crumbs_id = f"{url}#breadcrumb"
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
        *publisher_nodes(scope),
        sd.web_page(
            page_id,
            url,
            detail["seo"]["title"],
            website_id=site_id,
            breadcrumb_id=crumbs_id,
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
        breadcrumbs(crumbs_id, scope, trail, (detail["title"], url)),
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
    nodes.extend(phase_lists(url, body))
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
                image=largest_rendition_url(product.get("image")) or hero_url,
                price=product["price"],
                currency=product["currency"],
                offers=[
                    sd.OfferRef(link["url"], link["retailer"], link.get("availability", ""))
                    for link in product["buy_links"]
                ],
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


def profile_graph(
    author: dict[str, Any],
    scope: SiteScope,
    same_as: list[str],
    url: str,
    trail: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """An author's profile: ProfilePage whose main entity is the Person, with its breadcrumbs.

    The Person node has the @id the posts' graphs give their authors, so search engines join
    them into one person."""
    org, site = publisher_nodes(scope)
    page_id, crumbs_id = f"{url}#webpage", f"{url}#breadcrumb"
    person = _person(scope, author, same_as)
    return sd.graph(
        [
            org,
            site,
            sd.profile_page(
                page_id,
                url,
                author["name"],
                person_id=person["@id"],
                website_id=site["@id"],
                breadcrumb_id=crumbs_id,
            ),
            person,
            breadcrumbs(crumbs_id, scope, trail, (author["name"], url)),
        ]
    )
