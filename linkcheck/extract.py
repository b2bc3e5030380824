"""Every link in one version of a page or author profile, as frozen records (no writes, no I/O).

Reads the object's field values and in-memory child relations only: rich text (RichTextFields
and rich-text blocks at any StreamField depth), URL fields on the object and its child rows (buy
links, profile links), URL and embed blocks, citation URLs, DOIs and PMIDs, and references to
images and documents (foreign keys, chooser blocks, images embedded in rich text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from linkcheck.richtext import collapse, iter_links, parse_attrs
from pages.blocks import CitationBlock
from pages.citations import doi_url, pubmed_url
from pages.streamwalk import iter_leaves, stream_fields

_EMBED_RE = re.compile(r"<embed\b([^>]*)/?>", re.IGNORECASE)
_TEXT_LIMIT = 500


class Kind(StrEnum):
    """What a link points at."""

    EXTERNAL = "external"  # an http(s) URL (same-site ones are resolved, not fetched)
    PAGE = "page"
    DOCUMENT = "document"
    IMAGE = "image"


class Source(StrEnum):
    """Where a link was written, which decides how it can be fixed."""

    RICHTEXT = "richtext"  # an <a> in rich text: can be unlinked, replaced or converted
    RICHTEXT_IMAGE = "richtext_image"  # an <embed embedtype="image"> in rich text
    URL_FIELD = "url_field"  # a URLField on the object or one of its child rows
    URL_BLOCK = "url_block"  # a URLBlock in a StreamField (a citation's URL included)
    EMBED = "embed"  # an EmbedBlock's URL
    CITATION_DOI = "citation_doi"  # derived from a DOI: fixed by editing the DOI itself
    CITATION_PMID = "citation_pmid"
    IMAGE_FIELD = "image_field"
    IMAGE_BLOCK = "image_block"
    DOCUMENT_FIELD = "document_field"
    DOCUMENT_BLOCK = "document_block"
    PAGE_BLOCK = "page_block"


# Sources whose URL text is stored as written, so "replace URL" can rewrite it.
REPLACEABLE = frozenset({Source.RICHTEXT, Source.URL_FIELD, Source.URL_BLOCK, Source.EMBED})


@dataclass(frozen=True)
class FoundLink:
    """One link in one version of an object: where it is, what it points at, its visible text."""

    field: str  # model field, or "<relation>.<index>.<field>" for child rows
    path: str  # block path inside a StreamField ("" elsewhere)
    source: Source
    kind: Kind
    url: str = ""  # as written, for external links; "" for internal references
    target_id: int | None = None  # page, document or image id
    text: str = ""
    block_id: str = ""


def extract_links(obj: models.Model) -> tuple[FoundLink, ...]:
    """Every link in this version of obj, in field order."""
    return tuple(_iter_object(obj))


def _iter_object(obj: models.Model) -> Iterator[FoundLink]:
    image_model, document_model = get_image_model(), get_document_model()
    for model_field in obj._meta.concrete_fields:
        name = model_field.name
        if isinstance(model_field, RichTextField):
            yield from richtext_links(getattr(obj, name) or "", field=name)
        elif isinstance(model_field, models.URLField):
            url = (getattr(obj, name) or "").strip()
            if url:
                label = str(model_field.verbose_name)
                yield FoundLink(name, "", Source.URL_FIELD, Kind.EXTERNAL, url, text=label)
        elif isinstance(model_field, models.ForeignKey) and model_field.related_model in (
            image_model,
            document_model,
        ):
            target = getattr(obj, model_field.attname)
            if target:
                is_image = model_field.related_model is image_model
                yield FoundLink(
                    name,
                    "",
                    Source.IMAGE_FIELD if is_image else Source.DOCUMENT_FIELD,
                    Kind.IMAGE if is_image else Kind.DOCUMENT,
                    target_id=int(target),
                    text=str(model_field.verbose_name),
                )
    for stream_field in stream_fields(type(obj)):
        raw = getattr(obj, stream_field.name).raw_data
        yield from _stream_links(stream_field.name, stream_field.stream_block, raw)
    yield from _child_links(obj)


def _child_links(obj: models.Model) -> Iterator[FoundLink]:
    """URL fields on child rows (buy links, profile links), read from the in-memory relation."""
    for relation in obj._meta.related_objects:
        if not isinstance(relation.remote_field, ParentalKey):
            continue
        url_fields = [f for f in relation.related_model._meta.concrete_fields if _is_url(f)]
        if not url_fields:
            continue
        accessor = relation.get_accessor_name()
        for index, child in enumerate(getattr(obj, accessor).all()):
            for url_field in url_fields:
                url = (getattr(child, url_field.name) or "").strip()
                if url:
                    yield FoundLink(
                        f"{accessor}.{index}.{url_field.name}",
                        "",
                        Source.URL_FIELD,
                        Kind.EXTERNAL,
                        url,
                        text=_child_label(child),
                    )


def _is_url(model_field: models.Field) -> bool:
    return isinstance(model_field, models.URLField)


def _child_label(child: models.Model) -> str:
    # The row's own name for the link: a retailer, a profile label.
    for name in ("label", "retailer", "title", "name"):
        value = getattr(child, name, "")
        if value:
            return str(value)[:_TEXT_LIMIT]
    return ""


def _stream_links(field: str, stream_block: blocks.StreamBlock, raw: list) -> Iterator[FoundLink]:
    leaves = list(iter_leaves(stream_block, raw))
    # A citation's URL leaf is named after the citation's title (structs follow their leaves).
    titles = {
        leaf.path: collapse(str(leaf.value.get("title") or ""))[:_TEXT_LIMIT]
        for leaf in leaves
        if isinstance(leaf.block, CitationBlock) and isinstance(leaf.value, dict)
    }
    for leaf in leaves:
        block, value = leaf.block, leaf.value
        where = {"field": field, "path": leaf.path, "block_id": leaf.block_id}
        if isinstance(block, blocks.RichTextBlock):
            if isinstance(value, str):
                yield from richtext_links(value, **where)
        elif isinstance(block, EmbedBlock):
            if isinstance(value, str) and value.strip():
                yield FoundLink(source=Source.EMBED, kind=Kind.EXTERNAL, url=value.strip(), **where)
        elif isinstance(block, blocks.URLBlock):
            if isinstance(value, str) and value.strip():
                text = titles.get(leaf.path.rpartition(".")[0], "")
                url = value.strip()
                yield FoundLink(
                    source=Source.URL_BLOCK, kind=Kind.EXTERNAL, url=url, text=text, **where
                )
        elif isinstance(block, ImageChooserBlock | DocumentChooserBlock | blocks.PageChooserBlock):
            target = _as_id(value)
            if target is not None:
                source, kind = _chooser(block)
                yield FoundLink(source=source, kind=kind, target_id=target, **where)
        elif isinstance(block, CitationBlock) and isinstance(value, dict):
            yield from _citation_links(value, **where)


def _chooser(block: blocks.Block) -> tuple[Source, Kind]:
    if isinstance(block, ImageChooserBlock):
        return Source.IMAGE_BLOCK, Kind.IMAGE
    if isinstance(block, DocumentChooserBlock):
        return Source.DOCUMENT_BLOCK, Kind.DOCUMENT
    return Source.PAGE_BLOCK, Kind.PAGE


# A citation's DOI and PMID become the URLs readers follow (its URL is a URLBlock leaf).
_CITATION_CODES = (
    ("doi", Source.CITATION_DOI, doi_url),
    ("pmid", Source.CITATION_PMID, pubmed_url),
)


def _citation_links(value: dict, *, field: str, path: str, block_id: str) -> Iterator[FoundLink]:
    title = collapse(str(value.get("title") or ""))[:_TEXT_LIMIT]
    for key, source, url_of in _CITATION_CODES:
        if code := str(value.get(key) or "").strip():
            url = url_of(code)
            yield FoundLink(
                field, f"{path}.{key}", source, Kind.EXTERNAL, url, None, title, block_id
            )


def _as_id(value: object) -> int | None:
    if isinstance(value, dict):  # some chooser values are stored as {"id": ...}
        value = value.get("id")
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def richtext_links(
    html: str, *, field: str, path: str = "", block_id: str = ""
) -> Iterator[FoundLink]:
    """Links in one rich-text value: anchors (external, page, document) and embedded images."""
    if "<" not in html:
        return
    for link in iter_links(html):
        text = link.text[:_TEXT_LIMIT]
        if link.linktype in ("page", "document"):
            target = _as_id(link.id)
            if target is not None:
                kind = Kind.PAGE if link.linktype == "page" else Kind.DOCUMENT
                yield FoundLink(field, path, Source.RICHTEXT, kind, "", target, text, block_id)
            continue
        href = (link.href or "").strip()
        url = _checkable_url(href)
        if url:
            yield FoundLink(field, path, Source.RICHTEXT, Kind.EXTERNAL, url, None, text, block_id)
    if "<embed" in html:
        for match in _EMBED_RE.finditer(html):
            attrs = parse_attrs(match.group(1))
            if attrs.get("embedtype") != "image":
                continue
            target = _as_id(attrs.get("id"))
            if target is not None:
                alt = attrs.get("alt", "")[:_TEXT_LIMIT]
                yield FoundLink(
                    field, path, Source.RICHTEXT_IMAGE, Kind.IMAGE, "", target, alt, block_id
                )


def url_error(url: str) -> str:
    """Why an external URL cannot be checked as written ("" when it can), in an editor's words.

    Such a link is recorded with this reason instead of being fetched: ``urlsplit`` raises on a
    bracketed host that is not an IPv6 address or an out-of-range port, and nothing downstream
    should have to expect that.
    """
    if url.startswith("/") and not url.startswith("//"):
        return ""  # a path on this site, resolved rather than fetched
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError as err:
        text = str(err)
        if "IPv6" in text or "IPv4" in text:
            return "Malformed URL: invalid IPv6 address"
        if "Port" in text or "port" in text:
            return "Malformed URL: invalid port"
        return f"Malformed URL: {text}"
    if not host:
        return "Malformed URL: no host name"
    return ""


def _checkable_url(href: str) -> str:
    """The URL to record for an href: http(s) and site-relative paths; not mailto:, tel:, #."""
    lowered = href.lower()
    if lowered.startswith(("http://", "https://")):
        return href
    if href.startswith("//"):
        return "https:" + href
    if href.startswith("/"):
        return href  # a path on this site: resolved against the default site
    return ""
