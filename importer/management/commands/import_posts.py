"""import_posts: legacy posts in, typed draft pages out (or a JSON report with --dry-run)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from importer import media
from importer.parser import ImportFormatError, parse_many
from importer.parser.readers import FORMATS
from importer.services import clean_rich_text
from importer.writer import default_parent, write_post


class Command(BaseCommand):
    help = "Import legacy posts (text, HTML, Markdown, .docx, WordPress WXR) as draft pages."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files to import.")
        parser.add_argument(
            "--format",
            default="auto",
            choices=FORMATS,
            help="Input format (default: by file name and content).",
        )
        parser.add_argument(
            "--parent", help="ID or URL path of the parent page (default: the first blog index)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Parse only; write nothing.")
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON object: {posts, errors}."
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish instead of leaving drafts."
        )
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="Where a WXR export's uploads are (searched before the export's own folder, "
            "for uploads/YYYY/MM/name, wp-content/uploads/YYYY/MM/name or YYYY/MM/name).",
        )

    def handle(
        self, *args, paths, format, parent, dry_run, json: bool, publish, media_dir, **options
    ):
        parent_page = None if dry_run else self._parent(parent)
        posts, errors = [], []
        done = 0
        for path in paths:
            media_dirs = [d for d in (media_dir, Path(path).parent) if d is not None]
            try:
                for post in parse_many(path, format, cleaner=clean_rich_text):
                    if dry_run:
                        posts.append(_preview(post, media_dirs))
                    else:
                        try:
                            result = write_post(
                                post, parent_page, publish=publish, media_dirs=media_dirs
                            )
                            posts.append(
                                {
                                    "source": post.source,
                                    "page": result.record.page_id,
                                    "created": result.created,
                                    "title": post.title,
                                }
                            )
                        except Exception as err:  # one bad post must not stop the others
                            errors.append(
                                {"source": post.source, "message": f"{type(err).__name__}: {err}"}
                            )
                    done += 1
                    if not json:
                        self._progress(done, post.title)
            except ImportFormatError as err:
                errors.append({"source": path, "message": str(err)})
        if json:
            self.stdout.write(_dumps({"posts": posts, "errors": errors}))
            return
        self.stderr.write("")
        for post in posts:
            verb = "would import" if dry_run else ("created" if post.get("created") else "updated")
            self.stdout.write(f"{verb}: {post['source']} -> {post['title']}")
        for error in errors:
            self.stdout.write(self.style.ERROR(f"failed: {error['source']}: {error['message']}"))
        self.stdout.write(f"{len(posts)} imported, {len(errors)} failed.")

    def _parent(self, ident: str | None) -> Page:
        if ident is None:
            found = default_parent()
            if found is None:
                raise CommandError("No blog index page exists; create one or pass --parent.")
            return found
        page = (
            Page.objects.filter(pk=int(ident)).first()
            if ident.isdigit()
            else Page.objects.filter(url_path__endswith=ident.rstrip("/") + "/").first()
        )
        if page is None:
            raise CommandError(f"No page {ident!r} to import under.")
        return page.specific

    def _progress(self, done: int, title: str) -> None:
        stream = self.stderr._out if hasattr(self.stderr, "_out") else sys.stderr
        stream.write(f"\r[{'#' * min(done, 40):<40}] {done} posts  {title[:40]:<40}")
        stream.flush()


def _preview(post, media_dirs: list[Path]) -> dict:
    """The dry-run shape of a post, with which images would be imported (as media notes)."""
    shown = post.as_dict()
    found = media.find(post, media_dirs)
    shown["notes"] += [{"kind": "media", "text": t} for t in media.notes(found, dry_run=True)]
    return shown


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
