"""A WXR post's images from local files: checked, made Wagtail images once, placed on the page.

The parser names the images (`ImportedPost.media`); this module finds their files beside the
export or under `--media-dir`, checks them (size bound, Pillow), and, when writing, reuses an
image with the same file hash so a re-import never duplicates one.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from importer import conf
from importer.parser.model import Attachment, ImportedPost
from importer.parser.structure.markup import _plain

# What Wagtail's image library serves everywhere; anything else Pillow opens is skipped.
IMAGE_FORMATS = frozenset({"JPEG", "PNG", "GIF", "WEBP"})
_UPLOAD_ROOTS = (Path("wp-content", "uploads"), Path("uploads"), Path())


@dataclass(frozen=True)
class Found:
    """One attachment and its checked local file, or why it cannot be used."""

    attachment: Attachment
    path: Path | None
    problem: str = ""

    @property
    def alt(self) -> str:
        """Required by the image block: the alt text, else the title, else the file name."""
        return (self.attachment.alt or self.attachment.title or self.attachment.file_name)[:250]


def _relative(url: str) -> PurePosixPath | None:
    """`YYYY/MM/name.jpg` of an uploads URL (or just the name); None if it climbs out."""
    path = unquote(urlsplit(url).path)
    for marker in ("/wp-content/uploads/", "/uploads/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    else:
        path = path.rsplit("/", 1)[-1]
    rel = PurePosixPath(path.lstrip("/"))
    if not rel.parts or ".." in rel.parts:
        return None
    return rel


def locate(attachment: Attachment, dirs: Sequence[Path]) -> Path | None:
    """The attachment's file under one of `dirs` (`uploads/...`, `wp-content/uploads/...`,
    the uploads tree itself, or the bare name beside the export)."""
    rel = _relative(attachment.url)
    if rel is None:
        return None
    for base in dirs:
        base = Path(base).resolve()
        for candidate in [base / root / rel for root in _UPLOAD_ROOTS] + [base / rel.name]:
            resolved = candidate.resolve()
            if resolved.is_file() and resolved.is_relative_to(base):
                return resolved
    return None


def check(path: Path) -> str:
    """Why this file cannot become an image ('' if it can): too large, unreadable, not an image."""
    limit = conf.get("SKINCARE_IMPORTER_UPLOAD_MAX_BYTES")
    try:
        size = path.stat().st_size
        if size > limit:
            return f"is {size:,} bytes; the limit is {limit:,} bytes"
        with PILImage.open(path) as image:
            kind = image.format
            image.verify()
    except PILImage.DecompressionBombError:
        return "has too many pixels"
    except OSError as err:  # UnidentifiedImageError is an OSError too
        return f"is not a readable image ({type(err).__name__})"
    if kind not in IMAGE_FORMATS:
        return f"is a {kind} image; only {', '.join(sorted(IMAGE_FORMATS))} are imported"
    return ""


def find(post: ImportedPost, dirs: Sequence[Path]) -> list[Found]:
    """Each image of the post with its checked file; reads files, writes nothing."""
    found = []
    for attachment in post.media:
        path = locate(attachment, dirs)
        if path is None:
            found.append(Found(attachment, None, "not found locally"))
            continue
        problem = check(path)
        found.append(Found(attachment, None if problem else path, problem))
    return found


def notes(found: Sequence[Found], *, dry_run: bool) -> list[str]:
    """One line per image for the editor: what was (or would be) imported, skipped, or needs alt."""
    lines = []
    for item in found:
        att = item.attachment
        where = "hero image" if att.role == "hero" else "image block"
        if item.path is None:
            lines.append(f"Image {att.file_name} skipped: {item.problem} ({att.url}).")
            continue
        if dry_run:
            lines.append(f"Would import {att.file_name} as the {where} from {item.path}.")
        if not att.alt:
            lines.append(
                f"Image {att.file_name} had no alt text in the export; "
                f"used {item.alt!r} for its {where}: check it describes the image."
            )
    return lines


def image_for(item: Found):
    """The Wagtail image for this file: the one already made from the same bytes, or a new one."""
    model = get_image_model()
    with item.path.open("rb") as handle:
        digest = hash_filelike(handle)
        existing = model.objects.filter(file_hash=digest).order_by("pk").first()
        if existing is not None:
            return existing
        handle.seek(0)
        image = model(
            title=(item.attachment.title or item.path.stem)[:255],
            description=item.alt,
            file=ImageFile(handle, name=item.path.name),
            # Wagtail's upload form sets these; a model saved directly must set them itself.
            file_hash=digest,
            file_size=item.path.stat().st_size,
        )
        image.save()
    return image


def place(page, post: ImportedPost, found: Sequence[Found]) -> None:
    """Hero image from the featured image; each inline image as an image block after the
    paragraph that preceded it in the export (at the end when that text did not survive)."""
    body = [dict(block) for block in post.blocks]
    for item in found:
        if item.path is None:
            continue
        image = image_for(item)
        if item.attachment.role == "hero":
            page.hero_image, page.hero_alt = image, item.alt
            continue
        block = {
            "type": "image",
            "value": {"image": image.pk, "alt_text": item.alt, "caption": "", "attribution": ""},
            # Stable across re-imports, so revisions compare block by block.
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{post.source_key}#{item.attachment.url}")),
        }
        body.insert(_position(body, item.attachment.after), block)
    page.body = body


def _position(body: list[dict], after: str) -> int:
    tail = " ".join(after.split())[-40:]
    if tail:
        for n in range(len(body)):
            value = body[n].get("value")
            if isinstance(value, str) and tail in _plain(value):
                return n + 1
    return len(body)
