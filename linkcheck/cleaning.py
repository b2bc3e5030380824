"""Run the placeholder-spam engine over stored content and record every removal.

The engine (`placeholders.scan`) is pure; this module is the thin layer that feeds it every
rich-text value of a page or snippet, turns its findings into a new revision through
`pages.revisions.revise`, and logs what was removed so the change can be reviewed and reverted.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, Site

from pages.revisions import (
    RevisionOutcome,
    Spot,
    edit_richtext,
    revise,
    richtext_values,
    versions,
)

from .conf import setting
from .placeholders import scan

ACTION = "skincare.placeholders.clean"
MODES = ("clean", "warn", "off")


@dataclass(frozen=True)
class ObjectFinding:
    """A finding of the engine, located in an object: which field and block path."""

    spot: Spot
    kind: str
    action: str
    text: str
    href: str | None
    reason: str

    def as_record(self) -> dict:
        return {
            "field": self.spot.field,
            "path": self.spot.path,
            "kind": self.kind,
            "action": self.action,
            "text": self.text,
            "href": self.href,
            "reason": self.reason,
        }


def mode() -> str:
    value = setting("PLACEHOLDER_MODE")
    if value not in MODES:
        raise ImproperlyConfigured(
            f"SKINCARE_LINKCHECK_PLACEHOLDER_MODE must be one of {MODES}, not {value!r}."
        )
    return value


def _context(obj) -> tuple[str | None, frozenset[str]]:
    """The object's own URL (links to itself are placeholders) and this site's host names."""
    hosts = frozenset(host for host in Site.objects.values_list("hostname", flat=True) if host)
    page_url = obj.full_url if isinstance(obj, Page) else None
    if page_url:
        hosts |= {urlsplit(page_url).hostname or ""}
    return page_url, hosts


def restored_spots(obj) -> set[tuple[str, str]]:
    """(field, text) pairs an editor brought back after an earlier cleaning of this object.

    Reverting a cleaning revision is a deliberate choice: the cleaner must not undo it again,
    or the revert could never stick. Any earlier removal counts.
    """
    model = log_registry.get_log_model_for_instance(obj)
    if model is None:
        return set()
    entries = model.objects.for_instance(obj).filter(action=ACTION).values_list("data", flat=True)
    return {
        (record.get("field", ""), record.get("text", ""))
        for data in entries
        for record in (data or {}).get("changes", []) + (data or {}).get("draft_changes", [])
    }


def _transform(obj, keep: set[tuple[str, str]], sink: list[ObjectFinding] | None = None):
    page_url, hosts = _context(obj)

    def transform(spot: Spot, html: str) -> tuple[str, list[dict]]:
        result = scan(html, page_url=page_url, site_hosts=hosts)
        if not result.findings:
            return html, []
        found = [
            ObjectFinding(spot, f.kind, f.action, f.text, f.href, f.reason) for f in result.findings
        ]
        if any((spot.field, f.text) in keep for f in found):
            # Leave the whole value as the editor restored it; report it instead.
            if sink is not None:
                sink.extend(found)
            return html, []
        return result.cleaned_html, [f.as_record() for f in found]

    return transform


def find_spam(obj) -> list[ObjectFinding]:
    """Findings in the object's current content (the version given), without changing anything."""
    page_url, hosts = _context(obj)
    found: list[ObjectFinding] = []
    for spot, html in richtext_values(obj):
        for f in scan(html, page_url=page_url, site_hosts=hosts).findings:
            found.append(ObjectFinding(spot, f.kind, f.action, f.text, f.href, f.reason))
    return found


def preview_cleaning(version, keep: set[tuple[str, str]]) -> tuple[list[dict], list[ObjectFinding]]:
    """What cleaning this version would remove and keep, without changing it (the dry run).

    The same transform as `clean_object`, so a dry run and --apply agree about restored text.
    """
    kept: list[ObjectFinding] = []
    transform = _transform(version, keep, kept)
    removed = [
        record for spot, html in richtext_values(version) for record in transform(spot, html)[1]
    ]
    return removed, kept


def clean_version(version) -> tuple[str, list[dict]]:
    """Remove spam from an unsaved version in place (the hook run on every stored revision)."""
    if mode() != "clean":
        return ACTION, []
    transform = _transform(version, restored_spots(version))
    return ACTION, edit_richtext(version, transform)


@dataclass
class CleaningResult:
    """What cleaning one object did, for messages, the command and the report."""

    outcome: RevisionOutcome
    kept: list[ObjectFinding]

    @property
    def removed(self) -> list[dict]:
        return self.outcome.changes

    def records(self) -> list[dict]:
        """What was removed, each record naming the version ("live" or "draft") it was in."""
        return [{**r, "version": "live"} for r in self.outcome.live_changes] + [
            {**r, "version": "draft"} for r in self.outcome.draft_changes
        ]


@dataclass(frozen=True)
class CleaningPreview:
    """What `clean_object` would do to an object, found without changing it (a dry run)."""

    records: list[dict]
    kept: list[ObjectFinding]


def preview_object(obj) -> CleaningPreview:
    """The dry run of `clean_object`: the same versions, the same rule for restored text."""
    keep = restored_spots(obj)
    records: list[dict] = []
    kept: list[ObjectFinding] = []
    for name, version in versions(obj):
        removed, kept_here = preview_cleaning(version, keep)
        records += [{**r, "version": name} for r in removed]
        kept += kept_here
    return CleaningPreview(records, kept)


def clean_object(obj, *, user=None) -> CleaningResult:
    """Remove spam from the live and draft versions of a page or snippet, as new revisions."""
    kept: list[ObjectFinding] = []
    keep = restored_spots(obj)
    transform = _transform(obj, keep, kept)
    outcome = revise(
        obj, lambda version: edit_richtext(version, transform), action=ACTION, user=user
    )
    return CleaningResult(outcome, kept)


def shorten(text: str, limit: int = 80) -> str:
    """text cut to at most limit characters at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def unique_texts(records: list[dict]) -> list[str]:
    """Each removed text once, in order: live and draft versions often hold the same spam."""
    return list(dict.fromkeys(record.get("text", "") for record in records))


def describe(records: list[dict], limit: int = 5) -> str:
    """A short human summary of removals for admin messages: each text once, whole words."""
    texts = unique_texts(records)
    quoted = [f"“{shorten(text)}”" for text in texts[:limit]]
    more = f" and {len(texts) - limit} more" if len(texts) > limit else ""
    return ", ".join(quoted) + more
