"""Find placeholder spam in stored pages and authors; with --apply, remove it as new revisions."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from blog.models import Author
from linkcheck.cleaning import clean_object, preview_cleaning, restored_spots


def _versions(obj) -> list[tuple[str, object]]:
    """The live version and, when different, the newest draft."""
    versions = [("live", obj)] if obj.live else []
    if not obj.live or obj.has_unpublished_changes:
        revision = obj.latest_revision
        versions.append(("draft", revision.as_object() if revision else obj))
    return versions


def _progress(done: int, total: int, stream) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        stream.write("\n")
    stream.flush()


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

    def targets(self, page_id):
        if page_id is not None:
            try:
                return [Page.objects.get(pk=page_id).specific]
            except Page.DoesNotExist as err:
                raise CommandError(f"There is no page with id {page_id}.") from err
        pages = Page.objects.filter(depth__gt=1).order_by("path").specific()
        return [*pages, *Author.objects.order_by("pk")]

    def handle(self, *args, **options):
        objects = self.targets(options["page"])
        report = []
        kept = 0
        show_progress = not options["no_progress"] and len(objects) > 1
        for done, obj in enumerate(objects, start=1):
            entry = self.process(obj, apply=options["apply"])
            kept += entry["kept_as_restored"]
            if entry["findings"]:
                report.append(entry)
            if show_progress:
                _progress(done, len(objects), sys.stderr)
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
                f"{entry['type']} {entry['id']} “{entry['title']}”: {len(entry['findings'])} finding(s)"
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

    def process(self, obj, *, apply: bool) -> dict:
        entry = {
            "type": "page" if isinstance(obj, Page) else "author",
            "id": obj.pk,
            "title": str(obj.title if isinstance(obj, Page) else obj),
            "findings": [],
        }
        if apply:
            result = clean_object(obj)
            entry["findings"] = [
                {**r, "version": "live" if obj.live else "draft"}
                for r in result.outcome.live_changes
            ]
            entry["findings"] += [{**r, "version": "draft"} for r in result.outcome.draft_changes]
            entry["revision_after"] = result.outcome.revision_after
            entry["kept_as_restored"] = len(result.kept)
        else:
            # The same rule as --apply: text an editor restored after a cleaning is kept.
            keep = restored_spots(obj)
            entry["kept_as_restored"] = 0
            for version_name, version in _versions(obj):
                removed, kept = preview_cleaning(version, keep)
                entry["findings"] += [{**r, "version": version_name} for r in removed]
                entry["kept_as_restored"] += len(kept)
        return entry
