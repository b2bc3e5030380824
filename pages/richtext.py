"""The one sanitiser for rich text and URLs, on every path in and out.

Stored rich text can arrive by any path (the admin editor, an importer, a script, a data
migration), so nothing downstream trusts it. An allowlist sanitiser (nh3, the Rust `ammonia`,
which parses like a browser) keeps only the markup our rich-text features produce, drops
scripts, event-handler attributes and any URL scheme but http(s), mailto and tel:

- `sanitise_stored` works on Wagtail's stored ("DB") format and keeps its internal references
  (`<a linktype="page" id="3">`, `<embed embedtype="image" ...>`); it runs when content is saved.
- `sanitise_html` works on front-end HTML after Wagtail expanded those references; it runs on
  every output: site templates, feeds, both APIs.
- `safe_url` is the rule for a URL printed as a link (URL fields and URL blocks).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3
from wagtail import blocks

from .streamwalk import iter_richtext, iter_urls, rewrite_leaves

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
ALLOWED_ATTRIBUTES = {"a": frozenset({"href", "title"})}
# Wagtail's stored format adds internal links and image/media embeds by id, and the editor keys
# each block (data-block-key), which keeps comments anchored to their paragraph.
STORED_TAGS = ALLOWED_TAGS | {"embed"}
_KEYED = frozenset({"data-block-key"})
STORED_ATTRIBUTES = {
    "a": frozenset({"href", "title", "linktype", "id"}),
    "embed": frozenset({"embedtype", "id", "format", "alt", "url"}),
    **dict.fromkeys(("p", "h2", "h3", "h4", "li", "blockquote"), _KEYED),
}
# nh3 writes void elements as <br>, the editor as <br/>: the same markup.
_SELF_CLOSING_RE = re.compile(r"(<(?:br|embed)\b[^<>]*?)\s*/>")
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SAFE_LINK_SCHEMES = ("http", "https")


def _clean(markup: str, tags: frozenset[str], attributes: dict[str, frozenset[str]]) -> str:
    return nh3.clean(
        markup,
        tags=set(tags),
        attributes={tag: set(attrs) for tag, attrs in attributes.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def sanitise_html(markup: str | None) -> str:
    """Front-end HTML reduced to harmless inline and list markup; scripts never survive."""
    if not markup:
        return ""
    return _clean(markup, ALLOWED_TAGS, ALLOWED_ATTRIBUTES)


# Feed readers show a post's whole rendered body without our stylesheet: structure, images and
# tables survive, classes, ids, styles, forms and scripts do not.
FEED_TAGS = ALLOWED_TAGS | {
    "caption",
    "cite",
    "dd",
    "details",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "hr",
    "img",
    "summary",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
}
FEED_ATTRIBUTES = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "th": frozenset({"scope"}),
    "time": frozenset({"datetime"}),
}


def sanitise_feed_html(markup: str | None, page_url: str) -> str:
    """Rendered page HTML for a feed entry: the feed allowlist, and every link and image URL
    absolute (a feed reader resolves relative ones against the feed, not the page)."""
    if not markup:
        return ""
    parts = urlsplit(page_url)
    origin = f"{parts.scheme}://{parts.netloc}"

    def absolute(_tag: str, attribute: str, value: str) -> str | None:
        if attribute not in ("href", "src"):
            return value
        if value.startswith("#"):
            return page_url.split("#")[0] + value
        if value.startswith("/") and not value.startswith("//"):
            return origin + value
        return value

    return nh3.clean(
        markup,
        tags=set(FEED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(attrs) for tag, attrs in FEED_ATTRIBUTES.items()},
        attribute_filter=absolute,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def sanitise_stored(markup: str | None) -> str:
    """Stored rich text reduced to what the editor can produce, internal references intact.

    Markup that is already clean comes back as the same string, so saving editor content never
    rewrites it (and never makes a revision differ from the one before).
    """
    if not markup:
        return markup or ""
    cleaned = _clean(markup, STORED_TAGS, STORED_ATTRIBUTES)
    return markup if cleaned == _SELF_CLOSING_RE.sub(r"\1>", markup) else cleaned


def paragraphs_only(markup: str | None) -> str:
    """The text of rich text, in its paragraphs and nothing else: a last-resort form."""
    if not markup:
        return ""
    return nh3.clean(markup, tags={"p"}, attributes={}, strip_comments=True)


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


def sanitise_stream(stream_block: blocks.StreamBlock, raw: list) -> list:
    """A stream's raw data with rich text sanitised and non-http(s) URL blocks emptied.

    Returns the same list object when nothing changed (see streamwalk.rewrite_leaves).
    """
    raw, _ = rewrite_leaves(
        stream_block,
        raw,
        lambda leaf: sanitise_stored(leaf.value),
        iter_richtext(stream_block, raw),
    )
    raw, _ = rewrite_leaves(
        stream_block,
        raw,
        lambda leaf: leaf.value if safe_url(leaf.value) else "",
        (leaf for leaf in iter_urls(stream_block, raw) if leaf.value),
    )
    return raw
