"""Signed, expiring preview tokens scoped to one page: they always show its latest draft.

A token names the page, not a revision, so an editor who saves again and refreshes the front
end sees the new draft; the short lifetime (SKINCARE_API_PREVIEW_TOKEN_MAX_AGE) bounds how long
a leaked link keeps showing drafts. Each click on the admin's preview link signs a fresh one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

from .conf import api_setting

SALT = "skincare.content_api.preview"
# The challenge sent with a 401 (RFC 6750 section 3): the token is a bearer credential.
WWW_AUTHENTICATE = 'Bearer realm="preview", error="invalid_token"'


@dataclass(frozen=True)
class PreviewGrant:
    """What a valid token lets its holder see: the latest revision of one page."""

    page_id: int


class PreviewTokenError(Exception):
    """The token is malformed, tampered with or expired."""


def make_token(page_id: int) -> str:
    return signing.dumps({"p": page_id}, salt=SALT, compress=False)


def read_token(token: str) -> PreviewGrant:
    """The grant in a token; raises PreviewTokenError when it is bad or too old."""
    try:
        data = signing.loads(
            token, salt=SALT, max_age=api_setting("SKINCARE_API_PREVIEW_TOKEN_MAX_AGE")
        )
    except signing.SignatureExpired as err:
        raise PreviewTokenError(
            "This preview link has expired; open a new one from the admin."
        ) from err
    except signing.BadSignature as err:
        raise PreviewTokenError("This preview token is not valid.") from err
    try:
        return PreviewGrant(int(data["p"]))
    except (KeyError, TypeError, ValueError) as err:
        raise PreviewTokenError("This preview token is not valid.") from err


def front_end_url(token: str, page_id: int) -> str:
    """Where the admin's 'Preview in front end' link sends the editor."""
    return api_setting("SKINCARE_API_PREVIEW_URL").format(token=token, page_id=page_id)
