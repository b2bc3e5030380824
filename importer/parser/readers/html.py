"""HTML, a saved page or a fragment, walked into neutral lines with lxml.

Navigation, footers and sidebars become `chrome` lines (dropped later with a reason, so the
preview can show them); scripts and styles are never read at all.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from importer.parser.errors import ImportFormatError
from importer.parser.model import SourceDoc, SourceLine

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "form", "iframe", "head"})
_CHROME_TAGS = frozenset({"nav", "footer", "aside"})
_CHROME_CLASS_RE = re.compile(
    r"\b(nav|menu|breadcrumbs?|sidebar|widget|share|sharing|sharedaddy|social|comments?|"
    r"respond|related|newsletter|subscribe|cookie|site-header|site-footer|toc|"
    r"table-of-contents|ez-toc)\b",
    re.I,
)
_HEADINGS = {"h1": "h1", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
_LEAF_BLOCKS = frozenset({"p", "li", "blockquote", "figcaption", "dt", "dd", "td", "th", "pre"})
# Containers that often hold only inline markup: read whole when they do ('By X | Jan 5').
_INLINE_CONTAINERS = frozenset({"div", "section", "header", "span", "time", "address"})
_INLINE_KEEP = frozenset({"a", "strong", "b", "em", "i", "sup", "sub", "br"})
_SPACE_RE = re.compile(r"\s+")


def read(markup: str, source: str, *, fmt: str = "html", meta: dict | None = None) -> SourceDoc:
    try:
        root = lxml.html.document_fromstring(markup) if markup.strip() else None
    except (etree.ParserError, ValueError) as err:
        raise ImportFormatError(f"{source} is not readable HTML ({err}).") from err
    lines: list[SourceLine] = []
    meta = dict(meta or {})
    if root is not None:
        title = root.find(".//head/title")
        if title is not None and title.text and "html_title" not in meta:
            meta["html_title"] = _clean(title.text)
        body = root.find("body")
        _walk(body if body is not None else root, lines, chrome=False)
    return SourceDoc(source=source, lines=tuple(lines), fmt=fmt, meta=meta)


def _clean(text: str) -> str:
    return _SPACE_RE.sub(" ", text or "").strip()


def _is_chrome(el) -> bool:
    if el.tag in _CHROME_TAGS:
        return True
    marker = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
    return bool(marker.strip()) and bool(_CHROME_CLASS_RE.search(marker))


def _inner_html(el) -> str:
    """Inline markup of a leaf block, links and emphasis only (the sanitiser runs later)."""
    parts = [_escape(el.text or "")]
    for child in el:
        if not isinstance(child.tag, str):
            parts.append(_escape(child.tail or ""))
            continue
        if child.tag in _INLINE_KEEP:
            if child.tag == "br":
                parts.append(" ")
            else:
                href = child.get("href") if child.tag == "a" else None
                attrs = f' href="{_escape(href)}"' if href else ""
                parts.append(f"<{child.tag}{attrs}>{_inner_html(child)}</{child.tag}>")
        else:
            parts.append(_escape(child.text_content()))
        parts.append(_escape(child.tail or ""))
    return _SPACE_RE.sub(" ", "".join(parts)).strip()


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _has_block_child(el) -> bool:
    return any(
        isinstance(c.tag, str)
        and c.tag not in _INLINE_KEEP
        and c.tag
        not in ("span", "code", "mark", "u", "small", "abbr", "cite", "q", "time", "label", "font")
        for c in el
    )


def _emit(el, tag: str, lines: list[SourceLine], chrome: bool) -> None:
    text = _clean(el.text_content())
    if not text:
        return
    if chrome:
        lines.append(SourceLine(text, "chrome"))
    else:
        lines.append(SourceLine(text, tag, _inner_html(el) if tag in ("p", "li", "oli") else ""))


def _walk(el, lines: list[SourceLine], chrome: bool) -> None:
    for child in el:
        if not isinstance(child.tag, str) or child.tag in _SKIP:
            continue
        tag = child.tag
        child_chrome = chrome or _is_chrome(child)
        if tag == "img":
            alt = _clean(child.get("alt", ""))
            if alt:
                lines.append(SourceLine(alt, "chrome" if child_chrome else "alt"))
        elif tag in _HEADINGS:
            _emit(child, _HEADINGS[tag], lines, child_chrome)
        elif tag == "figcaption":
            _emit(child, "caption", lines, child_chrome)
        elif (tag in _LEAF_BLOCKS or tag in _INLINE_CONTAINERS) and not _has_block_child(child):
            mapped = tag
            if tag == "li":
                parent = child.getparent()
                mapped = "oli" if parent is not None and parent.tag == "ol" else "li"
            elif tag in ("td", "th"):
                mapped = "td"
            elif tag not in ("li",):
                mapped = "p"
            _emit(child, mapped, lines, child_chrome)
        elif tag == "tr":
            cell_tags = [c.tag for c in child if isinstance(c.tag, str)]
            if cell_tags and all(t == "th" for t in cell_tags):
                continue  # column headers label the rows below; each row is read whole
            cells = [_clean(c.text_content()) for c in child if isinstance(c.tag, str)]
            cells = [c for c in cells if c]
            if cells:
                lines.append(
                    SourceLine(
                        ": ".join(cells) if len(cells) == 2 else " | ".join(cells),
                        "chrome" if child_chrome else "td",
                    )
                )
        else:
            own = _clean(
                (child.text or "")
                + "".join((c.tail or "") for c in child if isinstance(c.tag, str))
            )
            if own and tag not in ("ul", "ol", "table", "tbody", "thead"):
                lines.append(SourceLine(own, "chrome" if child_chrome else "p"))
            _walk(child, lines, child_chrome)
