"""Importer settings, one prefix, read through getattr so override_settings works."""

from __future__ import annotations

from django.conf import settings

from importer.parser.readers import DEFAULT_MAX_BYTES

DEFAULTS = {
    # One uploaded file in the admin view, held in memory only; bigger WXR exports go through
    # the import_posts command, which streams them from disk.
    "SKINCARE_IMPORTER_UPLOAD_MAX_BYTES": DEFAULT_MAX_BYTES,
    # Files in one upload.
    "SKINCARE_IMPORTER_UPLOAD_MAX_FILES": 20,
    # How long a preview may be confirmed ("Import as drafts") after the upload.
    "SKINCARE_IMPORTER_PREVIEW_MAX_AGE": 3600,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
