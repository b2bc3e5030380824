"""Front-end cache (CDN) purges on publish, beyond the post's own URL.

wagtail.contrib.frontend_cache purges a published or unpublished page's own URLs. A post
also appears in lists and on other pages: its blog index and the home page, its tags' and
authors' pages, the feeds and sitemap, the API (detail by id and slug, lists, its authors), and
the pages of the posts that show it as a related card (blog.representation.showing, the rule
that ranks the cards; those pages carry its ``post-<id>`` surrogate key, blog.cache_keys).

A change is purged from both sides: the post as readers saw it before (the previous live
revision's tags and authors, or where it lived before a move) and as they see it now, so a
removed tag's or author's pages are purged too. Each side's URLs are built for the Site that
serves the post, so another Site's hostnames are never purged for it.

The signal handler only records the states (a few queries); finding the posts that show the
card costs a query per post sharing a tag with it, so the URLs are computed in a background task
run once by the worker (not in the editor's request, nor by each web node), which sends them
through Wagtail's purge to every backend WAGTAILFRONTENDCACHE configures (nothing is queued when
it is unset).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django_tasks import task
from taggit.models import Tag
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published, page_unpublished, post_page_move

from blog.models import ArticlePage, Author, BlogIndexPage
from blog.representation.scope import SiteScope
from blog.representation.showing import posts_showing

logger = logging.getLogger(__name__)

DISPATCH_UID = "content_api:frontend_cache"
SITE_WIDE_PATHS = ("/feeds/rss/", "/feeds/atom/", "/sitemap.xml")


@dataclass(frozen=True)
class PostState:
    """A post as readers saw it at one moment: where it was served, its tags and authors
    (plain data: it is the purge task's argument)."""

    url_path: str
    parent_id: int
    tag_ids: tuple[int, ...]
    author_ids: tuple[int, ...]


@dataclass(frozen=True)
class PostFacts:
    """What the task needs of the post itself, which may be deleted by the time it runs."""

    pk: int
    review: bool
    published_date: str | None
    first_published_at: str | None

    @classmethod
    def of(cls, post: ArticlePage) -> PostFacts:
        return cls(
            pk=post.pk,
            review=hasattr(post, "product_name") or hasattr(post, "productreviewpage"),
            published_date=post.published_date.isoformat() if post.published_date else None,
            first_published_at=(
                post.first_published_at.isoformat() if post.first_published_at else None
            ),
        )

    def page(self) -> ArticlePage:
        """An unsaved stand-in: enough for its URLs and its rank among related cards."""
        return ArticlePage(
            pk=self.pk,
            published_date=date.fromisoformat(self.published_date) if self.published_date else None,
            first_published_at=(
                datetime.fromisoformat(self.first_published_at) if self.first_published_at else None
            ),
        )


def current_state(post: ArticlePage) -> PostState:
    return PostState(
        url_path=post.url_path,
        parent_id=post.get_parent().pk,
        tag_ids=tuple(sorted(post.tags.values_list("pk", flat=True))),
        author_ids=tuple(sorted(post.article_authors.values_list("author_id", flat=True))),
    )


def previous_live_state(post: ArticlePage, revision: Revision | None) -> PostState | None:
    """The post as its previous publish left it (tags and authors from that revision's
    content: the database already holds the new ones), or None for a first publish."""
    entry = (
        PageLogEntry.objects.filter(
            page_id=post.pk, action__startswith="wagtail.publish", revision__isnull=False
        )
        .exclude(revision_id=revision.pk if revision else None)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None:
        return None
    content = entry.revision.content
    # A publish can change the slug (the URL) but not the parent; a url_path elsewhere is from
    # before a move, which purged it then.
    old_path = content.get("url_path") or ""
    parent_path = post.url_path[: -len(post.slug) - 1]
    return PostState(
        url_path=old_path if old_path.startswith(parent_path) else post.url_path,
        parent_id=post.get_parent().pk,
        tag_ids=tuple(sorted({item["tag"] for item in content.get("tagged_items", ())})),
        author_ids=tuple(sorted({item["author"] for item in content.get("article_authors", ())})),
    )


def api_detail_urls(api: str, pk: int, slug: str, review: bool) -> list[str]:
    collections = ("articles", "reviews") if review else ("articles",)
    return [url for c in collections for url in (f"{api}{c}/{pk}", f"{api}{c}/by-slug/{slug}")]


def state_urls(
    post: ArticlePage, state: PostState, *, review: bool, own: bool = False
) -> tuple[Any, set[str]]:
    """(the Site serving the post in this state, the URLs showing it there). `own` adds the
    post's own page, which Wagtail's handler purges on a publish but not on a move."""
    located = copy.copy(post)
    located.url_path = state.url_path  # Wagtail finds the Site and URL from url_path
    page_url = located.get_full_url()
    if page_url is None:
        return None, set()  # not routable: no site serves it
    site = located.get_site()
    root = site.root_url
    tags = list(Tag.objects.filter(pk__in=state.tag_ids).values_list("slug", flat=True))
    authors = list(Author.objects.filter(pk__in=state.author_ids).values_list("slug", flat=True))
    urls = {root + "/", *(root + path for path in SITE_WIDE_PATHS)}
    if own:
        urls.add(page_url)
    parent = Page.objects.filter(pk=state.parent_id).first()
    index = (
        BlogIndexPage.objects.ancestor_of(parent, inclusive=True).live().last() if parent else None
    )
    if index is not None and (index_url := index.get_full_url()):
        urls.add(index_url)
        urls |= {f"{index_url}?tag={slug}" for slug in tags}
        urls |= {f"{index_url}?author={slug}" for slug in authors}
        urls |= {index_url + index.reverse_subpage("author_profile", args=[s]) for s in authors}
    api = root + "/api/v1/"
    slug = state.url_path.rstrip("/").rsplit("/", 1)[-1]  # the slug of that moment
    urls.update(api_detail_urls(api, post.pk, slug, review))
    for collection in ("articles", "reviews") if review else ("articles",):
        urls.add(f"{api}{collection}")
        urls |= {f"{api}{collection}?tag={slug}" for slug in tags}
        urls |= {f"{api}{collection}?author={slug}" for slug in authors}
    urls |= {f"{api}authors/{slug}" for slug in authors}
    urls |= {f"{api}tags", f"{api}site"}
    return site, urls


def post_urls(facts: PostFacts, states: Iterable[PostState], *, own: bool = False) -> set[str]:
    """Every URL that showed the post in any of `states`, cards included."""
    post = facts.page()
    urls: set[str] = set()
    tag_sets: dict[Any, list[tuple[int, ...]]] = {}
    for state in states:
        site, found = state_urls(post, state, review=facts.review, own=own)
        if site is not None:
            urls |= found
            tag_sets.setdefault(site, []).append(state.tag_ids)
    for site, sets in tag_sets.items():
        scope = SiteScope.for_site(site)
        api = scope.base_url + "/api/v1/"
        for shown in posts_showing(post, scope, sets):
            urls.add(scope.page_url(shown.url_path))
            urls.update(api_detail_urls(api, shown.pk, shown.slug, shown.review))
    return urls


@task()
def purge_post(facts: dict, states: list[dict], own: bool = False) -> int:
    """Purge every URL that showed the post in `states`; returns how many were sent."""
    urls = sorted(post_urls(PostFacts(**facts), [state_of(s) for s in states], own=own))
    if urls:
        purge_urls_from_cache_task.call(urls)  # Wagtail's own purge, in this worker
    return len(urls)


def state_of(data: dict) -> PostState:
    return PostState(
        url_path=data["url_path"],
        parent_id=data["parent_id"],
        tag_ids=tuple(data["tag_ids"]),
        author_ids=tuple(data["author_ids"]),
    )


def purge(post: ArticlePage, states: Iterable[PostState], *, own: bool = False) -> None:
    try:
        purge_post.enqueue(asdict(PostFacts.of(post)), [asdict(s) for s in states], own)
    except Exception:
        # A broken queue must not break publishing; the CDN's TTLs still bound staleness.
        logger.exception("Could not queue the front-end cache purge for page %s", post.pk)


def _post(instance: Page) -> ArticlePage | None:
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return None  # no CDN configured: nothing to purge, and no task to queue
    post = instance.specific_deferred
    return post if isinstance(post, ArticlePage) else None


def purge_published(sender: Any, instance: Page, revision=None, **kwargs: Any) -> None:
    if (post := _post(instance)) is not None:
        previous = previous_live_state(post, revision)
        now = current_state(post)
        renamed = previous is not None and previous.url_path != now.url_path
        purge(post, [*([previous] if previous else []), now], own=renamed)


def purge_unpublished(sender: Any, instance: Page, **kwargs: Any) -> None:
    # Also sent before a live page is deleted (Wagtail's pre_delete handler unpublishes it).
    if (post := _post(instance)) is not None:
        purge(post, [current_state(post)])


def purge_moved(
    sender: Any, instance: Page, parent_page_before: Page, url_path_before: str, **kwargs: Any
) -> None:
    post = _post(instance)
    if post is None or not post.live:
        return
    now = current_state(post)
    before = PostState(url_path_before, parent_page_before.pk, now.tag_ids, now.author_ids)
    purge(post, [before, now], own=True)


def connect() -> None:
    page_published.connect(purge_published, dispatch_uid=f"{DISPATCH_UID}:published")
    page_unpublished.connect(purge_unpublished, dispatch_uid=f"{DISPATCH_UID}:unpublished")
    post_page_move.connect(purge_moved, dispatch_uid=f"{DISPATCH_UID}:moved")
