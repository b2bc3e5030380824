"""Rich text for the API: internal links resolved in bulk, then sanitised on output.

Stored rich text can arrive by any path (admin editor, importer, shell, API), so the API never
trusts it: after Wagtail's link rewriting, an allowlist sanitiser (nh3, the Rust `ammonia`)
drops scripts, event-handler attributes and any URL scheme but http(s), mailto and tel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import nh3
from django.utils.html import escape
from wagtail.rich_text.rewriters import FIND_A_TAG, EmbedRewriter, LinkRewriter, extract_attrs

ALLOWED_TAGS = frozenset(
    {
        "a",
        "b",
        "blockquote",
        "br",
        "code",
        "em",
        "h2",
        "h3",
        "h4",
        "i",
        "li",
        "ol",
        "p",
        "strong",
        "sub",
        "sup",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SAFE_LINK_SCHEMES = ("http", "https")


def sanitise_html(markup: str) -> str:
    """Keep only harmless inline and list markup; scripts and handlers never survive."""
    if not markup:
        return ""
    return nh3.clean(
        markup,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def safe_url(url: str | None) -> str:
    """An absolute http(s) URL, or '' for anything else (javascript:, data:, junk)."""
    if not url:
        return ""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in SAFE_LINK_SCHEMES and parts.netloc else ""


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
