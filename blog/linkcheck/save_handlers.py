"""What happens after an editor saves a page or author in the admin: the placeholder scan."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .cleaning import clean_object, describe, find_spam, mode


def clean_after_save(request, obj) -> None:
    """Clean (or, in warn mode, report) spam in what was just saved, and tell the editor."""
    current = mode()
    if current == "off":
        return
    if current == "warn":
        version = obj.latest_revision.as_object() if obj.latest_revision else obj
        found = find_spam(version)
        if found:
            messages.warning(
                request,
                _("Possible placeholder spam (not removed, warn-only mode): %(items)s")
                % {"items": describe([f.as_record() for f in found])},
            )
        return
    result = clean_object(obj, user=request.user)
    if result.removed:
        messages.warning(
            request,
            ngettext(
                "Removed %(n)d placeholder spam item as a new revision: %(items)s. "
                "Revert it from the history if this was wrong.",
                "Removed %(n)d placeholder spam items as a new revision: %(items)s. "
                "Revert it from the history if this was wrong.",
                len(result.removed),
            )
            % {"n": len(result.removed), "items": describe(result.removed)},
        )
    if result.kept:
        messages.info(
            request,
            _("Kept content an editor restored after an earlier cleaning: %(items)s")
            % {"items": describe([f.as_record() for f in result.kept])},
        )
