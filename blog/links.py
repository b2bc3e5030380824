"""Links to pages inside rich text, with their URLs remembered per content generation.

Wagtail's PageLinkHandler loads the linked pages (and their specific rows) every time a
rich-text value is rendered: on the API benchmark's corpus, paragraphs with internal links
made an article page spend most of its queries and ~30% of its time there (cProfile,
benchmarks/bench_html.py --profile). A page's URL only changes when a page is published,
moved or unpublished, each of which starts a new content generation, so the URLs are read
once per generation and then come from the cache with one round trip per rich-text value.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.translation import get_language
from wagtail.rich_text.pages import PageLinkHandler

from .representation.generation import remembered

MISSING = ""  # cached for a page that does not exist, so it is not looked up again


def page_link_urls(ids: list[str]) -> dict[str, str]:
    """{page id: URL as Wagtail's handler renders it ('' when there is no such page)}."""

    def load(missing: list[str]) -> dict[str, str]:
        pages = PageLinkHandler.get_many([{"id": key.partition(":")[2]} for key in missing])
        return {
            key: (page.localized.url or MISSING) if page else MISSING
            for key, page in zip(missing, pages, strict=True)
        }

    # The language too: with WAGTAIL_I18N_ENABLED a link goes to the reader's translation.
    language = get_language()
    urls = remembered("link", [f"{language}:{page_id}" for page_id in ids], load)
    return {key.partition(":")[2]: url for key, url in urls.items()}


class CachedPageLinkHandler(PageLinkHandler):
    """Wagtail's page links, same markup, URLs from page_link_urls()."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        ids = [str(attrs.get("id", "")) for attrs in attrs_list]
        urls = page_link_urls(ids)
        return [
            f'<a href="{escape(urls[page_id])}">' if urls[page_id] else "<a>" for page_id in ids
        ]
