"""Uploads held in memory only, and carried from the preview to the import as a signed token.

The preview page sends the uploaded bytes back (compressed, signed, bound to the user), so
nothing is written to disk or cache between the two steps and the import parses exactly what
the editor saw.
"""

from __future__ import annotations

import base64
import io
import json
import zlib
from dataclasses import dataclass

from django.core import signing
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from importer import conf


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


class BoundedMemoryUploadHandler(FileUploadHandler):
    """Keeps each file in memory up to the bound; past it keeps nothing but the size.

    Django's default handlers spill files over 2.5 MB to a temporary file on disk.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        self.received = 0
        self.limit = conf.get("SKINCARE_IMPORTER_UPLOAD_MAX_BYTES")

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received <= self.limit:
            self.buffer.write(raw_data)
        else:
            self.buffer = io.BytesIO()  # over the bound: the view reports the size, keeps nothing

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def _salt(user) -> str:
    return f"importer.upload.{user.pk}"


def sign(uploads: list[Upload], user) -> str:
    payload = [
        {"name": u.name, "data": base64.b64encode(zlib.compress(u.data, 6)).decode()}
        for u in uploads
    ]
    return signing.TimestampSigner(salt=_salt(user)).sign(json.dumps(payload))


def unsign(token: str, user) -> list[Upload]:
    """The uploads of a preview; raises signing.BadSignature when tampered with or expired."""
    max_age = conf.get("SKINCARE_IMPORTER_PREVIEW_MAX_AGE")
    raw = signing.TimestampSigner(salt=_salt(user)).unsign(token, max_age=max_age)
    limit = conf.get("SKINCARE_IMPORTER_UPLOAD_MAX_BYTES")
    uploads = []
    for item in json.loads(raw):
        inflater = zlib.decompressobj()
        data = inflater.decompress(base64.b64decode(item["data"]), limit + 1)
        uploads.append(Upload(item["name"], data))
    return uploads
