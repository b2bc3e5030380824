"""Word .docx files through python-docx; styles give headings and list items."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO

from importer.parser.errors import ImportFormatError
from importer.parser.model import SourceDoc, SourceLine

# A .docx is a zip: refuse archives that would expand past this multiple of the size bound.
EXPANSION_FACTOR = 20


def read(path: Path | BinaryIO, source: str, *, max_bytes: int) -> SourceDoc:
    import docx  # python-docx; imported here so text-only installs need not load it
    from docx.table import Table

    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as err:
        raise ImportFormatError(
            f"{source} is not a readable .docx file (not a zip archive)."
        ) from err
    if expanded > max_bytes * EXPANSION_FACTOR:
        raise ImportFormatError(f"{source} expands to {expanded:,} bytes; refused as too large.")
    try:
        document = docx.Document(str(path) if isinstance(path, Path) else path)
    except Exception as err:  # python-docx raises several unrelated types for broken files
        raise ImportFormatError(f"{source} is not a readable .docx file ({err}).") from err
    lines: list[SourceLine] = []
    props = document.core_properties
    meta = {"docx_title": props.title or "", "docx_author": props.author or ""}
    # In document order: a specs table sits under its heading, not after the last paragraph.
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                cells = [c for c in cells if c]
                if cells:
                    text = ": ".join(cells) if len(cells) == 2 else " | ".join(cells)
                    lines.append(SourceLine(text, "td"))
            continue
        text = " ".join(block.text.split())
        if not text:
            continue
        style = (block.style.name if block.style is not None else "").lower()
        lines.append(SourceLine(text, _tag_for(style)))
    return SourceDoc(source=source, lines=tuple(lines), fmt="docx", meta=meta)


def _tag_for(style: str) -> str:
    if style == "title":
        return "h1"
    if style.startswith("heading"):
        level = style.removeprefix("heading").strip()
        return {"1": "h1", "2": "h2", "3": "h3"}.get(level, "h4")
    if "list number" in style:
        return "oli"
    if "list" in style:
        return "li"
    if style == "caption":
        return "caption"
    return "p"
