"""Surrogate keys: which published content a response shows, so a CDN can purge precisely.

The one rule for the keys, used by the site's pages, the API and the purge on publish:

- ``post-<id>``: a post's own page and its API detail, and the pages and API details of the
  posts that show it as a related card (they carry its title, dek and image);
- ``posts``: every list of posts (home, blog index, feeds, the API's lists, tags and search);
- ``tag-<slug>`` and ``author-<slug>``: lists filtered by that tag, an author's profile and
  lists filtered by that author;
- ``site-<id>``: everything served for a Wagtail Site (purging it empties the site).

Publishing or unpublishing a post purges ``PostKeys.purge`` (its page and the pages showing
its card, the lists, its tags' and authors' pages, before and after the change), never the
site key; a CDN that purges by URL gets the same set as URLs (content_api.frontend_cache).
Responses carry the keys in ``Surrogate-Key`` (space-separated: Fastly, Varnish xkey) and
``Cache-Tag`` (comma-separated: Cloudflare).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

POSTS = "posts"
REQUEST_ATTRIBUTE = "skincare_cache_keys"


def post_key(post_id: int) -> str:
    return f"post-{post_id}"


def tag_key(slug: str) -> str:
    return f"tag-{slug}"


def author_key(slug: str) -> str:
    return f"author-{slug}"


def site_key(site_id: int) -> str:
    return f"site-{site_id}"


@dataclass(frozen=True)
class PostKeys:
    """The keys of one post: its own, the lists it appears in, its tags, authors and site."""

    post: str
    lists: tuple[str, ...]
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    site: str | None

    @property
    def purge(self) -> tuple[str, ...]:
        """What publishing or unpublishing the post purges."""
        return (self.post, *self.lists, *self.tags, *self.authors)

    @property
    def response(self) -> tuple[str, ...]:
        """What the post's own page and API detail carry."""
        return (self.post, self.site) if self.site else (self.post,)


def post_keys(
    post_id: int,
    *,
    tag_slugs: Iterable[str] = (),
    author_slugs: Iterable[str] = (),
    site_id: int | None = None,
) -> PostKeys:
    return PostKeys(
        post=post_key(post_id),
        lists=(POSTS,),
        tags=tuple(tag_key(slug) for slug in sorted(set(tag_slugs))),
        authors=tuple(author_key(slug) for slug in sorted(set(author_slugs))),
        site=site_key(site_id) if site_id is not None else None,
    )


def card_keys(post_ids: Iterable[int]) -> tuple[str, ...]:
    """The keys of the related cards a post's page or API detail shows."""
    return tuple(post_key(pk) for pk in post_ids)


def list_keys(
    site_id: int | None = None, *, tags: Iterable[str] = (), author: str | None = None
) -> tuple[str, ...]:
    """A list of posts: filtered lists carry their filter's keys, the others ``posts``."""
    keys = [tag_key(slug) for slug in tags]
    if author:
        keys.append(author_key(author))
    if not keys:
        keys.append(POSTS)
    if site_id is not None:
        keys.append(site_key(site_id))
    return tuple(keys)


def add_keys(request: HttpRequest, keys: Iterable[str]) -> None:
    """Record keys for this request's response (views and API routes call it)."""
    found = getattr(request, REQUEST_ATTRIBUTE, ())
    setattr(request, REQUEST_ATTRIBUTE, (*found, *(k for k in keys if k not in found)))


def request_keys(request: HttpRequest) -> tuple[str, ...]:
    return getattr(request, REQUEST_ATTRIBUTE, ())


def response_keys(request: HttpRequest) -> tuple[str, ...]:
    """The request's keys; a response that named no content of its own (tags, search, site
    facts) changes with any publish, so it gets the list key."""
    keys = request_keys(request)
    if all(key.startswith("site-") for key in keys):
        keys = (POSTS, *keys)
    return keys


def set_headers(response: HttpResponse, keys: Iterable[str]) -> None:
    keys = tuple(dict.fromkeys(keys))
    if keys:
        response["Surrogate-Key"] = " ".join(keys)
        response["Cache-Tag"] = ",".join(keys)
