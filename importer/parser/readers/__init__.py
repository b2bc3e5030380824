"""Readers: one per format, each turning a file into neutral `SourceDoc`s (lines + metadata).

`read()` picks the reader, enforces the size bound and turns every failure into
`ImportFormatError` with a message an editor can act on.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from importer.parser.errors import ImportFormatError
from importer.parser.model import SourceDoc
from importer.parser.readers import docx, html, markdown, text, wxr

FORMATS = ("auto", "text", "html", "markdown", "docx", "wxr")
_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".xml": "wxr",
    ".wxr": "wxr",
}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_WXR_BYTES = 512 * 1024 * 1024


def detect_format(name: str, head: bytes) -> str:
    """The format of a file, from its suffix or, failing that, its first bytes."""
    by_suffix = _BY_SUFFIX.get(Path(name).suffix.lower())
    if by_suffix:
        return by_suffix
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    start = head.lstrip()[:400].lower()
    if start.startswith(b"<?xml") and b"<rss" in head.lower():
        return "wxr"
    if start.startswith((b"<!doctype html", b"<html", b"<body", b"<article", b"<div", b"<p")):
        return "html"
    if start.startswith((b"# ", b"---\n")):
        return "markdown"
    return "text"


def read(
    path: str | Path,
    fmt: str = "auto",
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_wxr_bytes: int = DEFAULT_MAX_WXR_BYTES,
    source: str | None = None,
) -> Iterator[SourceDoc]:
    """Yield the posts in one file; WXR streams, so a large export never sits in memory."""
    path = Path(path)
    source = source or str(path)
    if fmt not in FORMATS:
        raise ImportFormatError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError as err:
        raise ImportFormatError(f"Cannot read {source}: {err.strerror or err}.") from err
    if fmt == "auto":
        fmt = detect_format(path.name, head)
    limit = max_wxr_bytes if fmt == "wxr" else max_bytes
    if size > limit:
        raise ImportFormatError(
            f"{source} is {size:,} bytes; the limit for {fmt} files is {limit:,} bytes."
        )
    if fmt == "wxr":
        yield from wxr.read(str(path), head, source, folder=path.parent)
        return
    yield from _read_whole(path.read_bytes(), fmt, source, max_bytes=max_bytes)


def read_bytes(
    data: bytes,
    name: str,
    fmt: str = "auto",
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    source: str | None = None,
) -> Iterator[SourceDoc]:
    """Yield the posts of an upload held in memory (the admin view); nothing touches the disk.

    One bound for every format here, WXR included: an export bigger than that goes through
    the import_posts command, which streams it from its file.
    """
    source = source or name
    if fmt not in FORMATS:
        raise ImportFormatError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if fmt == "auto":
        fmt = detect_format(name, data[:65536])
    if len(data) > max_bytes:
        raise ImportFormatError(
            f"{source} is {len(data):,} bytes; the limit for uploads is {max_bytes:,} bytes."
        )
    if fmt == "wxr":
        yield from wxr.read(io.BytesIO(data), data[:65536], source, folder=None)
        return
    yield from _read_whole(data, fmt, source, max_bytes=max_bytes)


def _read_whole(data: bytes, fmt: str, source: str, *, max_bytes: int) -> Iterator[SourceDoc]:
    if fmt == "docx":
        yield docx.read(io.BytesIO(data), source, max_bytes=max_bytes)
        return
    decoded = decode_text(data, source)
    if fmt == "html":
        yield html.read(decoded, source)
    elif fmt == "markdown":
        yield markdown.read(decoded, source)
    else:
        yield text.read(decoded, source)


def decode_text(raw: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) or Windows-1252 text; binary content is refused."""
    if b"\x00" in raw[:65536]:
        raise ImportFormatError(f"{source} is not a text file (it contains binary data).")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        decoded = raw.decode("cp1252")
    except UnicodeDecodeError as err:
        raise ImportFormatError(f"{source} is not readable text (unknown encoding).") from err
    controls = sum(1 for ch in decoded[:65536] if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > max(8, len(decoded[:65536]) // 100):
        raise ImportFormatError(f"{source} is not a text file (it contains binary data).")
    return decoded
