"""A post's full representation: load what it needs in fixed queries, then build the dict.

The same code serves live pages (fetched with `queries.with_detail_data`), draft previews (a
revision's object, whose relations live in memory) and the site's JSON-LD template tag, so
the API and the site always describe a page identically.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wagtail.documents import get_document_model
from wagtail.models import Page

from blog.models import ArticlePage, Author
from blog.representation.body import body_blocks, image_ids, rich_text_fragments
from pages.richtext import safe_url

from ..conf import blog_setting
from .cards import (
    ApiContext,
    author_ref,
    live_authors_of,
    post_card,
    related_card,
    tags_of,
)
from .generation import remembered
from .queries import public_pages, remembered_related_posts
from .relations import attach_detail_relations, is_review, profile_urls
from .richtext import RichTextRenderer, linked_ids
from .scope import SiteScope
from .structured_data import post_graph


@dataclass
class LoadedPost:
    """A post and everything its representation reads, fetched up front."""

    page: ArticlePage
    review: Any | None
    authors: list[Author]
    reviewer: Author | None
    related: list[dict]
    body_images: dict[int, Any]
    buy_links: list
    render: RichTextRenderer
    same_as: dict[str, list[str]]
    # (title, url_path) of the pages between the site root and the post, top first.
    ancestors: list[tuple[str, str]]


def _buy_links(review) -> list:
    if review is None:
        return []
    links = getattr(review, "api_buy_links", None)
    return links if links is not None else list(review.buy_links.all())


def ancestors_of(page: ArticlePage, scope: SiteScope) -> list[tuple[str, str]]:
    """(title, url_path) of the pages between the site's root and `page`, for breadcrumbs."""
    # A new page being previewed has no path yet, so no trail beyond the home page.
    step = page.steplen
    parent = page.path[:-step]
    if len(parent) <= len(scope.root_path):
        return []

    def load(keys: list[str]) -> dict[str, list[tuple[str, str]]]:
        trails = {}
        for key in keys:
            path = key.partition(":")[2]
            paths = [path[:end] for end in range(len(scope.root_path) + step, len(path) + 1, step)]
            rows = Page.objects.filter(path__in=paths).order_by("path")
            trails[key] = list(rows.values_list("title", "url_path"))
        return trails

    # Titles and paths change only with a publish or a move, which start a new generation.
    key = f"{scope.site_id}:{parent}"
    return remembered("trail", [key], load)[key]


def public_page_urls(ids, scope: SiteScope) -> dict[int, str]:
    """{page id: absolute URL} of the public pages of the site among `ids`."""

    def load(keys: list[str]) -> dict[str, str]:
        pks = [int(key.partition(":")[2]) for key in keys]
        pages = public_pages(Page, scope).filter(pk__in=pks).values_list("pk", "url_path")
        urls = {f"{scope.site_id}:{pk}": scope.page_url(url_path) for pk, url_path in pages}
        return {key: urls.get(key, "") for key in keys}

    found = remembered("page-url", [f"{scope.site_id}:{pk}" for pk in ids], load)
    return {int(key.partition(":")[2]): url for key, url in found.items() if url}


def renderer_for(fragments, scope: SiteScope) -> RichTextRenderer:
    """A rich-text renderer whose page and document links are resolved in one query each."""
    ids = linked_ids(fragments)
    page_urls = public_page_urls(ids["page"], scope) if ids["page"] else {}
    document_urls: dict[int, str] = {}
    if ids["document"]:
        documents = get_document_model().objects.filter(pk__in=ids["document"])
        document_urls = {doc.pk: scope.absolute(doc.url) for doc in documents}
    return RichTextRenderer(page_urls, document_urls)


def load_post(page: ArticlePage, ctx: ApiContext, *, live: bool = True) -> LoadedPost:
    """Everything a detail reads. `live` pages come from the database; a draft's relations
    (from a revision) live in memory and are read through the page's own managers."""
    review = page if hasattr(page, "product_name") else None
    if review is None and is_review(page):
        review = page.productreviewpage
    if live:
        attach_detail_relations(page, review)
    authors = live_authors_of(page)
    reviewer = page.medical_reviewer if page.medical_reviewer_id else None
    if reviewer is not None and not reviewer.live:
        reviewer = None
    people = [*authors, *([reviewer] if reviewer else [])]
    # sameAs links for the JSON-LD Person nodes, for every person in one query.
    links = profile_urls(person.pk for person in people) if people else {}
    same_as = {
        person.slug: [*([person.website] if person.website else []), *links.get(person.pk, [])]
        for person in people
    }
    related = remembered_related_posts(
        page,
        ctx.scope,
        [tag_id for tag_id, _name, _slug in tags_of(page)],
        blog_setting("SKINCARE_BLOG_RELATED_LIMIT"),
    )
    raw = page.body.raw_data
    # Every image the detail shows, with its renditions, in one query.
    wanted = {
        page.hero_image_id,
        page.social_image_id,
        review.product_image_id if review is not None else None,
        *(person.photo_id for person in people),
        *image_ids(raw),
        *(row["hero_image_id"] for row in related),
    }
    ctx.load_images(wanted, ctx.all_specs)
    body_images = ctx.known_images
    return LoadedPost(
        page=page,
        review=review,
        authors=authors,
        reviewer=reviewer,
        related=related,
        body_images=body_images,
        buy_links=_buy_links(review),
        same_as=same_as,
        render=renderer_for(rich_text_fragments(raw), ctx.scope),
        ancestors=ancestors_of(page, ctx.scope),
    )


def product_dict(post: LoadedPost, ctx: ApiContext) -> dict[str, Any]:
    review, scope = post.review, ctx.scope
    links = [
        {
            "retailer": link.retailer,
            "url": url,
            "price_note": link.price_note,
            "availability": link.availability,
        }
        for link in post.buy_links
        if (url := safe_url(link.url))
    ]
    return {
        "name": review.product_name,
        "brand": review.brand,
        "category": review.category,
        "category_label": str(review.get_category_display()),
        "rating": float(review.rating or 0),
        "rating_scale": review.rating_scale,
        "verdict": review.verdict,
        # The product's own picture, else the hero (as the page shows it beside the verdict).
        "image": ctx.image(
            ctx.image_of(review, "product_image" if review.product_image_id else "hero_image"),
            review.shown_product_image_alt,
            ctx.hero_specs,
        ),
        "pros": [str(point.value) for point in review.pros],
        "cons": [str(point.value) for point in review.cons],
        "specs": [
            {"key": s.key, "label": str(s.label), "value": s.value, "unit": s.unit}
            for s in review.specs()
        ],
        "price": f"{review.price:.2f}" if review.price is not None else None,
        "currency": review.currency,
        "buy_links": links,
        "disclosure": review.disclosure_text(scope.default_disclosure) if links else "",
    }


def post_detail(post: LoadedPost, ctx: ApiContext) -> dict[str, Any]:
    """The detail dict (ArticleDetailOut / ReviewDetailOut), JSON-LD included."""
    page, scope = post.page, ctx.scope
    detail = post_card(page, ctx)
    hero = detail["hero_image"]

    def body_image(image_id: int | None, alt: str) -> dict[str, Any] | None:
        return ctx.image(post.body_images.get(image_id), alt, ctx.hero_specs)

    raw = page.body.raw_data
    detail.update(
        {
            "body": body_blocks(raw, post.render, body_image),
            "toc": [
                {"text": e.text, "anchor": e.anchor, "level": e.level}
                for e in page.table_of_contents
            ],
            "medical_reviewer": author_ref(post.reviewer, ctx) if post.reviewer else None,
            "last_reviewed": page.last_reviewed if post.reviewer else None,
            "citation_count": page.citation_count(),
            "related": [related_card(p, ctx) for p in post.related],
            "seo": {
                "title": page.seo_title or page.title,
                "description": page.get_meta_description(),
                "canonical_url": safe_url(page.canonical_url) or detail["url"],
                "noindex": page.noindex,
                "social_image": ctx.image(
                    ctx.image_of(page, "social_image"), page.hero_alt, ctx.hero_specs
                )
                if page.social_image_id
                else hero,
            },
        }
    )
    if post.review is not None:
        detail["product"] = product_dict(post, ctx)
    crumbs = [(title, scope.page_url(url_path)) for title, url_path in post.ancestors]
    detail["jsonld"] = post_graph(detail, scope, post.same_as, crumbs)
    return detail
