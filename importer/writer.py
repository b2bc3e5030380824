"""The database side of an import: authors matched or drafted, pages created or revised."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page

from blog.models import ArticleAuthor, ArticlePage, Author, BlogIndexPage, ProductReviewPage
from importer import media
from importer.models import ImportRecord
from importer.parser.model import ImportedPost, Person


@dataclass(frozen=True)
class WriteResult:
    record: ImportRecord
    created: bool


def default_parent() -> Page | None:
    return BlogIndexPage.objects.order_by("path").first()


def _unique_slug(model, base: str, exclude_pk=None, parent: Page | None = None) -> str:
    base = (slugify(base) or "imported")[:70]
    slug, n = base, 1
    while True:
        qs = model.objects.filter(slug=slug)
        if parent is not None:
            qs = Page.objects.child_of(parent).filter(slug=slug)
        if exclude_pk:
            qs = qs.exclude(pk=exclude_pk)
        if not qs.exists():
            return slug
        n += 1
        slug = f"{base}-{n}"


def author_for(person: Person, post: ImportedPost) -> Author:
    """An existing author by name, or a new draft author for an editor to complete."""
    found = Author.objects.filter(name__iexact=person.name).first()
    if found:
        return found
    profile = (
        post.author_profile
        if post.author_profile and post.author_profile.name.lower() == person.name.lower()
        else None
    )
    author = Author(
        name=person.name[:120],
        slug=_unique_slug(Author, person.name),
        credentials=person.credentials[:200],
        bio=f"<p>{profile.bio}</p>" if profile else "",
        website=f"https://{profile.website.lower()}" if profile and profile.website else "",
        live=False,
    )
    author.save()
    author.save_revision(log_action=True)
    return author


def write_post(
    post: ImportedPost,
    parent: Page,
    *,
    publish: bool = False,
    user=None,
    media_dirs: Sequence[Path] = (),
) -> WriteResult:
    """Create or revise the page for one post, all or nothing; its images come from local
    files under `media_dirs` (a missing or bad file is a note, never a failed post)."""
    found = media.find(post, media_dirs)
    with transaction.atomic():
        record = ImportRecord.objects.select_for_update().filter(source_key=post.source_key).first()
        authors = [author_for(p, post) for p in post.authors]
        reviewer = author_for(post.reviewer, post) if post.reviewer else None
        model = ProductReviewPage if post.kind == "review" else ArticlePage
        page = record.page.specific if record and record.page else None
        created = page is None
        if page is None:
            page = model(
                title=post.title[:255] or "Untitled import",
                slug=_unique_slug(model, post.title, parent=parent),
                live=False,
            )
            _fill(page, post, authors, reviewer)
            media.place(page, post, found)
            parent.add_child(instance=page)
        else:
            _fill(page, post, authors, reviewer)
            media.place(page, post, found)
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        record = record or ImportRecord(source_key=post.source_key)
        record.source, record.page, record.kind, record.title = (
            post.source[:500],
            page,
            post.kind,
            post.title[:255],
        )
        record.author = authors[0] if authors else None
        record.log = {
            "dropped": len(post.dropped),
            "notes": (media.notes(found, dry_run=False) + [n.text for n in post.notes])[:50],
            "blocks": len(post.blocks),
        }
        record.save()
        return WriteResult(record, created)


def _fill(page, post: ImportedPost, authors: list[Author], reviewer: Author | None) -> None:
    page.title = post.title[:255] or page.title
    page.dek = post.dek[:255]
    page.summary = (post.excerpt or "")[:500]
    page.body = list(post.blocks)
    page.published_date = post.published
    page.updated_date = post.updated
    if reviewer is not None and reviewer.can_review:
        page.medical_reviewer = reviewer
    page.article_authors = [ArticleAuthor(author=a, sort_order=n) for n, a in enumerate(authors)]
    if isinstance(page, ProductReviewPage) and post.review:
        rv = post.review
        page.product_name = rv.product[:160] or post.title[:160]
        page.rating = Decimal(str(rv.rating)) if rv.rating is not None else Decimal(0)
        page.rating_scale = rv.scale if rv.scale in (5, 10) else 5
        page.verdict = rv.verdict
        page.pros = [("point", p[:200]) for p in rv.pros]
        page.cons = [("point", c[:200]) for c in rv.cons]
        page.disclosure = post.disclosure or ""
        for spec in rv.specs:
            if spec.unit in ("USD", "GBP", "EUR", "CAD", "AUD"):
                with contextlib.suppress(ArithmeticError):
                    page.price, page.currency = Decimal(spec.value), spec.unit
            elif "length" in spec.name and spec.unit == "mm":
                low, _sep, high = spec.value.partition("-")
                page.needle_length_min_mm = Decimal(low)
                page.needle_length_max_mm = Decimal(high or low)
            elif "needle" in spec.name and spec.value.isdigit():
                page.needle_count = int(spec.value)
