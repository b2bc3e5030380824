"""Automatic content changes as new revisions with an audit entry, never silent edits.

Used by the placeholder cleaner and the link checker's fix actions. The rules:

- A live object is edited in its live version, which is saved as a new revision and republished.
- A newer unpublished draft is edited too and saved as a new draft revision on top, so the
  editor's pending changes stay pending (and now cleaned).
- A never-published object gets a new draft revision.
- One audit-log entry records what changed and which revisions hold the before and after, so
  the change can be reviewed and reverted from the object's history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.fields import RichTextField
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from pages.streamwalk import iter_richtext, rewrite_richtext, stream_fields


@dataclass(frozen=True)
class Spot:
    """Where a rich-text value lives in an object: a field, plus a block path inside streams."""

    field: str
    path: str = ""

    def __str__(self) -> str:
        return f"{self.field}:{self.path}" if self.path else self.field


# edit(version) mutates a version of the object in place and returns JSON-ready change records
# (an empty list when it changed nothing).
Edit = Callable[[object], list[dict]]


@dataclass
class RevisionOutcome:
    """What an automatic change did to one object."""

    live_changes: list[dict] = field(default_factory=list)
    draft_changes: list[dict] = field(default_factory=list)
    revision_before: int | None = None
    revision_after: int | None = None
    draft_revision: int | None = None
    log_entry_id: int | None = None

    @property
    def changed(self) -> bool:
        return bool(self.live_changes or self.draft_changes)

    @property
    def changes(self) -> list[dict]:
        return self.live_changes + self.draft_changes


def richtext_values(obj) -> Iterator[tuple[Spot, str]]:
    """Every rich-text value of an object: RichTextFields and rich text at any stream depth."""
    for model_field in obj._meta.get_fields():
        if isinstance(model_field, RichTextField):
            yield Spot(model_field.name), getattr(obj, model_field.name) or ""
    for stream_field in stream_fields(type(obj)):
        stream = getattr(obj, stream_field.name)
        for leaf in iter_richtext(stream_field.stream_block, stream.raw_data):
            yield Spot(stream_field.name, leaf.path), leaf.value


def edit_richtext(obj, transform: Callable[[Spot, str], tuple[str, list[dict]]]) -> list[dict]:
    """Apply transform(spot, html) -> (new_html, records) to every rich-text value of obj in place."""
    records: list[dict] = []
    for model_field in obj._meta.get_fields():
        if isinstance(model_field, RichTextField):
            spot = Spot(model_field.name)
            new_html, found = transform(spot, getattr(obj, model_field.name) or "")
            if found:
                setattr(obj, model_field.name, new_html)
                records.extend(found)
    for stream_field in stream_fields(type(obj)):
        raw = getattr(obj, stream_field.name).raw_data
        found_here: list[dict] = []

        def leaf_transform(leaf, name=stream_field.name, sink=found_here):
            new_html, found = transform(Spot(name, leaf.path), leaf.value)
            sink.extend(found)
            return new_html if found else leaf.value

        new_raw, changes = rewrite_richtext(stream_field.stream_block, list(raw), leaf_transform)
        if changes:
            setattr(obj, stream_field.name, new_raw)
        records.extend(found_here)
    return records


def _draft_version(obj):
    """The newest unpublished version, when it differs from what is live."""
    if obj.live and not obj.has_unpublished_changes:
        return None
    revision = obj.latest_revision
    return revision.as_object() if revision else None


def _publish(version, user) -> Revision:
    revision = version.save_revision(user=user, log_action=False, clean=False)
    revision.publish(user=user, log_action=False)
    return revision


@transaction.atomic
def revise(
    obj, edit: Edit, *, action: str, user=None, extra: dict | None = None
) -> RevisionOutcome:
    """Run edit over the live and draft versions of obj, saving each change as a new revision."""
    obj = obj.specific if isinstance(obj, Page) else obj
    outcome = RevisionOutcome(revision_before=obj.latest_revision_id)
    draft = _draft_version(obj)

    if obj.live:
        # The object's own row holds the live content (drafts live only in revisions).
        outcome.live_changes = edit(obj)
        if outcome.live_changes:
            outcome.revision_before = obj.live_revision_id or outcome.revision_before
            outcome.revision_after = _publish(obj, user).pk

    if draft is not None:
        outcome.draft_changes = edit(draft)
        # Republishing the live version made it the latest revision; put the draft back on top.
        if outcome.draft_changes or outcome.live_changes:
            revision = draft.save_revision(user=user, log_action=False, clean=False)
            outcome.draft_revision = revision.pk
            outcome.revision_after = outcome.revision_after or revision.pk

    if outcome.changed:
        entry = log(
            instance=obj,
            action=action,
            user=user,
            revision=Revision.objects.filter(
                pk=outcome.draft_revision or outcome.revision_after
            ).first(),
            data={
                "changes": outcome.live_changes,
                "draft_changes": outcome.draft_changes,
                "revision_before": outcome.revision_before,
                "revision_after": outcome.revision_after,
                "draft_revision": outcome.draft_revision,
                **(extra or {}),
            },
        )
        outcome.log_entry_id = entry.pk if entry else None
    return outcome
