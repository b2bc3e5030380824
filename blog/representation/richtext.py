"""Rich text of a post's representation: internal links resolved in bulk, then sanitised.

The sanitiser itself is the site-wide one in `pages.richtext` (nh3 allowlist).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.html import escape
from wagtail.rich_text.rewriters import FIND_A_TAG, EmbedRewriter, LinkRewriter, extract_attrs

from pages.richtext import sanitise_html


def linked_ids(fragments: Iterable[str]) -> dict[str, set[int]]:
    """The page and document ids that rich-text fragments link to, by link type."""
    found: dict[str, set[int]] = {"page": set(), "document": set()}
    for markup in fragments:
        if not markup or "linktype" not in markup:
            continue
        for attr_string in FIND_A_TAG.findall(markup):
            attrs = extract_attrs(attr_string)
            kind = attrs.get("linktype")
            if kind in found and str(attrs.get("id", "")).isdigit():
                found[kind].add(int(attrs["id"]))
    return found


def _href_rule(urls: dict[int, str]) -> Callable[[list[dict]], list[str]]:
    def rule(attrs_list: list[dict]) -> list[str]:
        tags = []
        for attrs in attrs_list:
            raw_id = str(attrs.get("id", ""))
            url = urls.get(int(raw_id)) if raw_id.isdigit() else None
            # A link to something the public cannot see keeps its text but loses the target.
            tags.append(f'<a href="{escape(url)}">' if url else "<a>")
        return tags

    return rule


class RichTextRenderer:
    """Turns stored rich text into public, sanitised HTML, given pre-resolved link targets."""

    def __init__(self, page_urls: dict[int, str], document_urls: dict[int, str]):
        self._links = LinkRewriter(
            bulk_rules={"page": _href_rule(page_urls), "document": _href_rule(document_urls)}
        )
        # Rich text in the body has no embed features; any <embed> that got in is dropped.
        self._embeds = EmbedRewriter()

    def __call__(self, markup: str | None) -> str:
        if not markup:
            return ""
        if "linktype" in markup:
            markup = self._links(markup)
        if "<embed" in markup:
            markup = self._embeds(markup)
        return sanitise_html(markup)
