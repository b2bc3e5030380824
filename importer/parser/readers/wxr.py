"""WordPress WXR exports, streamed with lxml's iterparse so memory stays flat with size.

Untrusted XML: a DTD or entity declaration is refused outright, and the parser is also told
never to resolve entities, load a DTD or touch the network.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from importer.parser.errors import ImportFormatError
from importer.parser.model import Attachment, SourceDoc
from importer.parser.readers import html
from importer.parser.structure.markup import _plain

NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}
_DTD_RE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)
_IMG_SRC_RE = re.compile(r"""<img[^>]+src=["']([^"']+)["']""", re.I)
_IMG_RE = re.compile(r"<img\b[^>]*>", re.I)
_ATTR_RE = re.compile(r"""([\w-]+)\s*=\s*["']([^"']*)["']""")
_WP_IMAGE_RE = re.compile(r"\bwp-image-(\d+)\b")
# WordPress's resized copies: name-300x200.jpg next to the original name.jpg.
_SIZED_RE = re.compile(r"-\d+x\d+(?=\.\w+$)")


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def _text(item, tag: str) -> str:
    found = item.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _wp(item, name: str) -> str:
    # Exports from WordPress 1.0/1.1 use other namespace versions; match on the local name.
    for child in item:
        if (
            isinstance(child.tag, str)
            and child.tag.endswith("}" + name)
            and "wordpress.org/export" in child.tag
        ):
            return (child.text or "").strip()
    return ""


def read(
    stream: str | BinaryIO, head: bytes, source: str, *, folder: Path | None
) -> Iterator[SourceDoc]:
    """Posts of an export (a path or a file object); `folder` holds its attachments, if known."""
    if _DTD_RE.search(head):
        raise ImportFormatError(
            f"{source} declares a DTD or XML entities; refused (entities are never expanded)."
        )
    attachments = _attachment_index(stream)
    authors: dict[str, str] = {}
    context = etree.iterparse(
        stream,
        events=("end",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    seen_item = False
    try:
        for _event, elem in context:
            tag = elem.tag if isinstance(elem.tag, str) else ""
            if tag.endswith("}author") and "wordpress.org/export" in tag:
                login = _wp(elem, "author_login")
                authors[login] = _wp(elem, "author_display_name") or login
                elem.clear()
            elif tag == "item":
                seen_item = True
                doc = _item(elem, authors, attachments, folder, source)
                # Free the item and every finished sibling before it: this keeps memory flat.
                elem.clear()
                while elem.getprevious() is not None:
                    del elem.getparent()[0]
                if doc is not None:
                    yield doc
    except etree.XMLSyntaxError as err:
        raise ImportFormatError(f"{source} is not well-formed XML ({err.msg}).") from err
    if not seen_item:
        raise ImportFormatError(f"{source} is not a WordPress export (no <item> elements).")


def _attachment_index(stream: str | BinaryIO) -> dict[str, Attachment]:
    """Attachment items by post ID and by URL, from a first pass over the export.

    Exports list attachments anywhere, often after the posts that use them, so the posts'
    pass cannot meet them in time. Only this small index is kept; a malformed export keeps
    what came before the fault and the posts' pass reports the error.
    """
    index: dict[str, Attachment] = {}
    if not isinstance(stream, str):
        stream.seek(0)
    context = etree.iterparse(
        stream,
        events=("end",),
        tag="item",
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    try:
        for _event, elem in context:
            if _wp(elem, "post_type") == "attachment" and _wp(elem, "attachment_url"):
                found = Attachment(
                    url=_wp(elem, "attachment_url"),
                    title=_text(elem, "title"),
                    alt=_postmeta(elem).get("_wp_attachment_image_alt", ""),
                )
                index["id:" + _wp(elem, "post_id")] = found
                index["url:" + _url_key(found.url)] = found
            elem.clear()
            while elem.getprevious() is not None:
                del elem.getparent()[0]
    except etree.XMLSyntaxError:
        pass
    if not isinstance(stream, str):
        stream.seek(0)
    return index


def _postmeta(item) -> dict[str, str]:
    meta = {}
    for child in item:
        if isinstance(child.tag, str) and child.tag.endswith("}postmeta"):
            meta[_wp(child, "meta_key")] = _wp(child, "meta_value")
    return meta


def _url_key(url: str) -> str:
    return _SIZED_RE.sub("", url.split("?")[0].split("://", 1)[-1])


def _media(content: str, thumbnail_id: str, attachments: dict[str, Attachment]) -> list[Attachment]:
    """The featured image, then each inline <img> with the text just before it."""
    media = []
    featured = attachments.get("id:" + thumbnail_id) if thumbnail_id else None
    if featured is not None:
        media.append(Attachment(featured.url, featured.title, featured.alt, role="hero"))
    for match in _IMG_RE.finditer(content):
        attrs = {k.lower(): v for k, v in _ATTR_RE.findall(match.group(0))}
        if not attrs.get("src"):
            continue
        by_class = _WP_IMAGE_RE.search(attrs.get("class", ""))
        known = (attachments.get("id:" + by_class.group(1)) if by_class else None) or (
            attachments.get("url:" + _url_key(attrs["src"]))
        )
        media.append(
            Attachment(
                url=known.url if known else attrs["src"],
                title=known.title if known else "",
                alt=_plain(attrs.get("alt", "")) or (known.alt if known else ""),
                after=_plain(content[: match.start()])[-80:],
            )
        )
    return media


def _item(
    item,
    authors: dict[str, str],
    index: dict[str, Attachment],
    folder: Path | None,
    source: str,
) -> SourceDoc | None:
    post_type = _wp(item, "post_type") or "post"
    if post_type != "post":
        return None
    link = _text(item, "link")
    guid = _text(item, "guid")
    login = _text(item, _q("dc", "creator"))
    content = _text(item, _q("content", "encoded"))
    categories, tags = [], []
    for cat in item.findall("category"):
        (tags if cat.get("domain") == "post_tag" else categories).append((cat.text or "").strip())
    attachments = []
    for src in _IMG_SRC_RE.findall(content):
        local = folder / Path(src.split("?")[0]).name if folder else None
        attachments.append(str(local) if local and local.is_file() else src)
    meta = {
        "title": _text(item, "title"),
        "link": link,
        "guid": guid,
        "author": authors.get(login, login),
        "date": _wp(item, "post_date") or _text(item, "pubDate"),
        "modified": _wp(item, "post_modified"),
        "excerpt": _text(item, _q("excerpt", "encoded")),
        "status": _wp(item, "status"),
        "categories": categories,
        "tags": tags,
        "attachments": attachments,
        "media": _media(content, _postmeta(item).get("_thumbnail_id", ""), index),
    }
    # WordPress stores paragraphs as blank-line-separated text (wpautop adds <p> on display).
    if "<p" not in content.lower():
        content = "".join(
            f"<p>{part}</p>" for part in re.split(r"\n\s*\n", content) if part.strip()
        )
    item_source = f"{source}#{guid or link or meta['title']}"
    return html.read(content, item_source, fmt="wxr", meta=meta)
