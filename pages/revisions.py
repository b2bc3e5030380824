"""Automatic content changes as new revisions with an audit entry, never silent edits.

Used by the placeholder cleaner and the link checker's fix actions. The rules:

- The live version is read from the database (the object's row), never taken from the caller:
  after "Save draft" the in-memory object an admin hook receives is the unapproved draft.
- A live version that needs the change is saved as a new revision and republished; one that
  does not is left alone (no republish, ``last_published_at`` does not move).
- A newer unpublished draft is edited too and saved as a new draft revision on top, so the
  editor's pending changes stay pending (and now cleaned).
- A never-published object gets a new draft revision.
- One audit-log entry records what changed and which revisions hold the before and after, so
  the change can be reviewed and reverted from the object's history.

`AutoRevisionMixin` applies the registered automatic edits (the placeholder cleaner) to every
revision a content model stores or publishes, inside the same transaction, so what an editor
publishes is cleaned before it goes live and a crash leaves either nothing or everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from wagtail import hooks
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


# Hook name for automatic edits applied to every stored or published revision of a model with
# AutoRevisionMixin. A hook takes the version (mutating it in place) and returns
# (log action, change records); no records means nothing changed.
AUTOMATIC_EDITS_HOOK = "skincare_automatic_revision_edits"

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


def live_version(obj):
    """The object as it is live: its database row, read fresh (drafts live only in revisions)."""
    if isinstance(obj, Page):
        return Page.objects.get(pk=obj.pk).specific
    return type(obj)._default_manager.get(pk=obj.pk)


def _draft_version(obj):
    """The newest unpublished version, when it differs from what is live."""
    if obj.live and not obj.has_unpublished_changes:
        return None
    revision = obj.latest_revision
    return revision.as_object() if revision else None


def versions(obj) -> list[tuple[str, Any]]:
    """The versions `revise` edits, named: ("live", obj) when live, then ("draft", ...) when an
    unpublished version differs from it."""
    named = [("live", obj)] if obj.live else []
    draft = _draft_version(obj)
    if draft is not None:
        named.append(("draft", draft))
    return named


def _publish(version, user) -> Revision:
    revision = version.save_revision(user=user, log_action=False, clean=False)
    revision.publish(user=user, log_action=False)
    return revision


# revise() is itself an automatic edit: what it stores is exactly what it was asked to store.
_suspended: ContextVar[bool] = ContextVar("skincare_automatic_edits_suspended", default=False)


@contextmanager
def _automatic_edits_suspended():
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


@transaction.atomic
def revise(
    obj, edit: Edit, *, action: str, user=None, extra: dict | None = None
) -> RevisionOutcome:
    """Run edit over the live and draft versions of obj, saving each change as a new revision."""
    with _automatic_edits_suspended():
        return _revise(live_version(obj), edit, action=action, user=user, extra=extra)


def _revise(obj, edit: Edit, *, action: str, user, extra: dict | None) -> RevisionOutcome:
    outcome = RevisionOutcome(revision_before=obj.latest_revision_id)
    draft = _draft_version(obj)

    if obj.live:
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
            content_changed=True,
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


class AutoRevisionMixin:
    """A content model whose revisions pass the automatic edits before they are kept or go live.

    Put it before ``Page`` / ``RevisionMixin`` in the bases. The editor's version is stored as
    submitted (so reverting brings it back), then, when an automatic edit changes it, the edited
    version is stored on top with an audit entry and that is the revision returned, which is the
    one Wagtail's admin publishes. Publishing any other revision (scheduled publishing, a
    workflow, a script) edits it first the same way, in the publish's own transaction.
    """

    def save_revision(self, *args, **kwargs):
        with transaction.atomic():
            revision = super().save_revision(*args, **kwargs)
            user = kwargs.get("user", args[0] if args else None)
            return self._apply_automatic_edits(revision, user)

    def publish(self, revision, *args, **kwargs):
        with transaction.atomic():
            version = revision.as_object()
            revision = version._apply_automatic_edits(revision, kwargs.get("user"))
            return super().publish(revision, *args, **kwargs)

    def _apply_automatic_edits(self, revision: Revision, user) -> Revision:
        """Run each registered edit over self (the content of revision); store what changed.

        Editors' saves and publishes (a user is given) and scheduled go-lives pass the edits;
        fixtures, imports and scripts that save without a user store content as given, and
        the clean_placeholders command cleans those.
        """
        if _suspended.get() or (user is None and revision.approved_go_live_at is None):
            return revision
        for automatic_edit in hooks.get_hooks(AUTOMATIC_EDITS_HOOK):
            action, changes = automatic_edit(self)
            if not changes:
                continue
            before = revision
            # The plain save_revision: the edit just ran, running it again would find nothing.
            revision = super().save_revision(
                user=user,
                log_action=False,
                clean=False,
                approved_go_live_at=before.approved_go_live_at,
            )
            log(
                instance=self,
                action=action,
                user=user,
                revision=revision,
                content_changed=True,
                data={
                    "changes": changes,
                    "draft_changes": [],
                    "revision_before": before.pk,
                    "revision_after": revision.pk,
                },
            )
        return revision
