"""A corpus of up to hundreds of thousands of posts, written in bulk.

`add_child` per page costs a dozen queries and a full save (revisions, signals, search
indexing one by one): about 2,000 posts a minute. Here each batch of posts becomes one
INSERT per table, with the treebeard paths computed directly (the blog index's children get
consecutive steps: `Page._get_path`), `url_path`, locale and translation keys filled as
Wagtail fills them, and the search index written in bulk (benchmarks/corpus_index.py: the
rows Wagtail's `add_bulk` writes, several times faster on PostgreSQL). The pages are live,
routable and searchable; they have no revisions (nothing here edits them).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from benchmarks import corpus_index
from benchmarks.corpus_search import AUTHOR_NAMES, TAGS, Prose

BATCH = 1000


def post_dates(i: int, count: int, today, span_days: int = 3650):
    """Publication day of post `i` of `count`: spread over the last `span_days`, oldest
    first, never in the future (the review date equals it and may not be either)."""
    return today - timedelta(days=(count - 1 - i) * span_days // max(count, 1))


def insert_rows(model, objs: list, using: str = "default") -> None:
    """INSERT `objs` into `model`'s own table only (one level of multi-table inheritance),
    in batches the database accepts; primary keys are set by the caller."""
    from django.db import connections
    from django.db.models.sql import InsertQuery

    fields = list(model._meta.local_concrete_fields)
    size = connections[using].ops.bulk_batch_size(fields, objs) or len(objs)
    for start in range(0, len(objs), size):
        query = InsertQuery(model)
        query.insert_values(fields, objs[start : start + size])
        query.get_compiler(using=using).execute_sql()


def reset_site():
    """Empty the page tree, then one default site: a home page and the blog index it returns."""
    from wagtail.models import Page, Site

    from blog.models import BlogIndexPage
    from pages.models import HomePage

    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = root.add_child(instance=HomePage(title="Skin Notes", slug="home"))
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Skin Notes"
    )
    return home.add_child(instance=BlogIndexPage(title="Journal", slug="blog"))


def _authors(prose: Prose) -> list:
    from blog.models import Author

    authors = []
    for i, name in enumerate(AUTHOR_NAMES):
        author = Author(
            name=name,
            slug=name.lower().replace(" ", "-"),
            credentials="MD" if i % 3 == 0 else "Licensed esthetician",
            role="Writer",
            can_review=i % 3 == 0,
            live=True,
            bio=f"<p>{prose.sentence(20)}</p>",
        )
        author.save()
        authors.append(author)
    return authors


def _post(model, i: int, count: int, prose: Prose, authors: list, index, now, context) -> object:
    from wagtail.models import Page

    review = model.__name__ == "ProductReviewPage"
    title = f"{prose.title()} {i}" if i % 7 == 0 else prose.title()
    slug = f"post-{i}"
    day = post_dates(i, count, now.date())
    body = [
        ("heading", {"text": prose.title(), "level": "h2", "anchor": ""}),
        *(("paragraph", f"<p>{prose.paragraph()}</p>") for _ in range(3)),
    ]
    fields = {
        "title": title,
        "draft_title": title,
        "slug": slug,
        "path": Page._get_path(index.path, index.depth + 1, index.numchild + i + 1),
        "depth": index.depth + 1,
        "numchild": 0,
        "url_path": f"{index.url_path}{slug}/",
        "content_type_id": context["content_types"][model],
        "locale_id": index.locale_id,
        "translation_key": uuid.uuid4(),
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": now - timedelta(days=(now.date() - day).days),
        "last_published_at": now,
        "dek": prose.sentence(12),
        "summary": prose.sentence(30),
        "body": body,
        "published_date": day,
        "medical_reviewer": authors[0] if i % 2 else None,
        "last_reviewed": day if i % 2 else None,
        "word_count": 220,
        "reading_time": 1,
    }
    if review:
        fields.update(
            product_name=f"{prose.rng.choice(('Glide', 'Lumen', 'Derma', 'Nova'))} pen {i}",
            brand=prose.rng.choice(("Lumen", "Dermaroller", "Glide")),
            category="microneedling_pen",
            rating=Decimal("4.2"),
            verdict=prose.sentence(20),
            price=Decimal("89.00"),
        )
    page = model(**fields)
    page.pk = page.id = context["next_id"] + i
    for level in (model, *model._meta.get_parent_list()):
        for link in level._meta.parents.values():  # page_ptr, articlepage_ptr
            setattr(page, link.attname, page.pk)
    return page


def build_corpus(posts: int, seed: int = 7, progress: Callable[[int], None] | None = None) -> dict:
    """Site, authors and `posts` live posts (every tenth a review), indexed for search."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone
    from taggit.models import Tag
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from blog.models import ArticleAuthor, ArticlePage, ArticlePageTag, ProductReviewPage

    prose = Prose(seed)
    rng = random.Random(seed)
    index = reset_site()
    authors = _authors(prose)
    tags = [
        Tag.objects.get_or_create(name=name, defaults={"slug": name.replace(" ", "-")})[0]
        for name in TAGS
    ]
    backend = get_search_backend()
    now = timezone.now()
    context = {
        "content_types": {
            m: ContentType.objects.get_for_model(m).pk for m in (ArticlePage, ProductReviewPage)
        },
        "next_id": (Page.objects.aggregate(top=Max("id"))["top"] or 0) + 1,
    }
    ids: list[int] = []
    for start in range(0, posts, BATCH):
        with transaction.atomic():
            batch = [
                _post(
                    ProductReviewPage if i % 10 == 9 else ArticlePage,
                    i, posts, prose, authors, index, now, context,
                )
                for i in range(start, min(start + BATCH, posts))
            ]  # fmt: skip
            reviews = [page for page in batch if isinstance(page, ProductReviewPage)]
            insert_rows(Page, batch)
            insert_rows(ArticlePage, batch)
            insert_rows(ProductReviewPage, reviews)
            ArticlePageTag.objects.bulk_create(
                ArticlePageTag(tag=tag, content_object_id=page.pk)
                for page in batch
                for tag in rng.sample(tags, 3)
            )
            ArticleAuthor.objects.bulk_create(
                ArticleAuthor(page_id=page.pk, author=author, sort_order=n)
                for page in batch
                for n, author in enumerate(rng.sample(authors, 2))
            )
            batch_ids = [page.pk for page in batch]
            for model in (ArticlePage, ProductReviewPage):
                objs = model.objects.filter(pk__in=batch_ids).prefetch_related("tags")
                if model is ArticlePage:
                    objs = objs.filter(productreviewpage__isnull=True)
                corpus_index.add_bulk(backend, model, list(objs))
        ids.extend(batch_ids)
        if progress:
            progress(len(ids))
    corpus_index.finish(backend)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + posts)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Ids were given explicitly: move the sequence past them.
            for sql in connection.ops.sequence_reset_sql(no_style(), [Page]):
                cursor.execute(sql)
        # What autovacuum does after a bulk load, at once: planner statistics, and on
        # PostgreSQL the GIN indexes' pending lists merged (until then every search scans
        # them linearly: 20 ms instead of 0.5 ms for one word at 1,000 posts).
        if not connection.in_atomic_block:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    index.refresh_from_db()
    return {"ids": ids, "index": index, "authors": authors}
