"""What happens after an editor saves a page or author in the admin: the placeholder scan.

Models with `AutoRevisionMixin` were already cleaned while their revision was stored (before any
publish); here the editor is told what that removed. Other pages are cleaned now, through
`clean_object`, which reads the live version from the database and leaves a draft a draft.
"""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import registry as log_registry

from pages.revisions import AutoRevisionMixin

from .cleaning import ACTION, clean_object, describe, find_spam, mode, unique_texts


def _removed_by_this_save(obj) -> list[dict]:
    """What the cleaning that produced the object's latest revision removed, if one did."""
    model = log_registry.get_log_model_for_instance(obj)
    entry = (
        model.objects.for_instance(obj)
        .filter(action=ACTION, revision_id=obj.latest_revision_id)
        .order_by("-pk")
        .first()
    )
    return entry.data.get("changes", []) if entry else []


def clean_after_save(request, obj) -> None:
    """Clean (or, in warn mode, report) spam in what was just saved, and tell the editor."""
    current = mode()
    if current == "off":
        return
    latest = obj.latest_revision.as_object() if obj.latest_revision else obj
    if current == "warn":
        found = find_spam(latest)
        if found:
            messages.warning(
                request,
                _("Possible placeholder spam (not removed, warn-only mode): %(items)s")
                % {"items": describe([f.as_record() for f in found])},
            )
        return
    if isinstance(obj, AutoRevisionMixin):
        removed = _removed_by_this_save(obj)
        # Whatever spam is left in the stored version was kept on purpose (restored text).
        kept = [f.as_record() for f in find_spam(latest)]
    else:
        result = clean_object(obj, user=request.user)
        removed = result.removed
        kept = [f.as_record() for f in result.kept]
    if removed:
        count = len(unique_texts(removed))
        messages.warning(
            request,
            ngettext(
                "Removed %(n)d placeholder spam item as a new revision: %(items)s. "
                "Revert it from the history if this was wrong.",
                "Removed %(n)d placeholder spam items as a new revision: %(items)s. "
                "Revert it from the history if this was wrong.",
                count,
            )
            % {"n": count, "items": describe(removed)},
        )
    if kept:
        messages.info(
            request,
            _("Kept content an editor restored after an earlier cleaning: %(items)s")
            % {"items": describe(kept)},
        )
