"""The pure importer core: legacy posts in, `ImportedPost` out; no Django, no database."""

from importer.parser.errors import ImportFormatError
from importer.parser.model import ImportedPost, SourceDoc, SourceLine
from importer.parser.pipeline import parse, parse_many, parse_upload

__all__ = [
    "ImportFormatError",
    "ImportedPost",
    "SourceDoc",
    "SourceLine",
    "parse",
    "parse_many",
    "parse_upload",
]
