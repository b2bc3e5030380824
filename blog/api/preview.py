"""Signed, expiring preview tokens scoped to one page and one revision."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

from .conf import api_setting

SALT = "skincare.content_api.preview"


@dataclass(frozen=True)
class PreviewGrant:
    """What a valid token lets its holder see."""

    page_id: int
    revision_id: int


class PreviewTokenError(Exception):
    """The token is malformed, tampered with or expired."""


def make_token(page_id: int, revision_id: int) -> str:
    return signing.dumps({"p": page_id, "r": revision_id}, salt=SALT, compress=False)


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
        return PreviewGrant(int(data["p"]), int(data["r"]))
    except (KeyError, TypeError, ValueError) as err:
        raise PreviewTokenError("This preview token is not valid.") from err


def front_end_url(token: str, page_id: int) -> str:
    """Where the admin's 'Preview in front end' link sends the editor."""
    return api_setting("SKINCARE_API_PREVIEW_URL").format(token=token, page_id=page_id)
