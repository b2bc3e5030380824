"""Find placeholder spam in stored pages and authors; with --apply, remove it as new revisions."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from blog.models import Author
from linkcheck.cleaning import clean_object, preview_object
from linkcheck.management.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Scan pages and author bios for placeholder 'related posts' spam. Dry run unless --apply."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply",
            action="store_true",
            help="Remove what is found, as new revisions with an audit entry.",
        )
        parser.add_argument("--page", type=int, metavar="ID", help="Only this page (by id).")
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON object instead of text."
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar on stderr."
        )

    def handle(self, *args, **options):
        objects = self.targets(options["page"])
        progress = ProgressBar(self.stderr)
        show_progress = not options["no_progress"] and len(objects) > 1
        report, kept = [], 0
        for done, obj in enumerate(objects, start=1):
            entry = self.process(obj, apply=options["apply"])
            kept += entry["kept_as_restored"]
            if entry["findings"]:
                report.append(entry)
            if show_progress:
                progress.update(done, len(objects))
        progress.finish()
        found = sum(len(e["findings"]) for e in report)
        if options["json"]:
            summary = {
                "scanned": len(objects),
                "objects_with_spam": len(report),
                "findings": found,
                "kept_as_restored": kept,
                "applied": options["apply"],
            }
            self.stdout.write(
                json.dumps({"summary": summary, "objects": report}, ensure_ascii=False)
            )
            return
        for entry in report:
            self.stdout.write(
                f"{entry['type']} {entry['id']} “{entry['title']}”: "
                f"{len(entry['findings'])} finding(s)"
            )
            for f in entry["findings"]:
                where = f"{f['field']}:{f['path']}" if f["path"] else f["field"]
                self.stdout.write(
                    f"  [{f['version']}] {f['action']} {f['kind']} in {where}: {f['text'][:100]!r}"
                )
        verb = "removed" if options["apply"] else "found (dry run; add --apply to remove)"
        self.stdout.write(
            f"Scanned {len(objects)} objects: {found} spam item(s) {verb} in {len(report)} object(s)."
        )
        if kept:
            self.stdout.write(f"Kept {kept} item(s) an editor restored after an earlier cleaning.")

    def targets(self, page_id: int | None) -> list:
        if page_id is not None:
            try:
                return [Page.objects.get(pk=page_id).specific]
            except Page.DoesNotExist as err:
                raise CommandError(f"There is no page with id {page_id}.") from err
        pages = Page.objects.filter(depth__gt=1).order_by("path").specific()
        return [*pages, *Author.objects.order_by("pk")]

    def process(self, obj, *, apply: bool) -> dict:
        """One object's report entry: what --apply removed, or what a dry run would."""
        entry = {
            "type": "page" if isinstance(obj, Page) else "author",
            "id": obj.pk,
            "title": str(obj.title if isinstance(obj, Page) else obj),
        }
        if apply:
            result = clean_object(obj)
            entry["findings"] = result.records()
            entry["revision_after"] = result.outcome.revision_after
        else:
            result = preview_object(obj)
            entry["findings"] = result.records
        entry["kept_as_restored"] = len(result.kept)
        return entry
