"""Cost of the API's conditional-GET decision on a cache hit: ours against Django's helper.

`content_api.caching._respond` answers every API response, cache hits included, so the 304
decision is on the hot path. This times it against `django.utils.cache.get_conditional_response`
on the same 22 KB entry, for a 304 (matching If-None-Match) and a plain gzip 200.

    python -m benchmarks.bench_conditional
"""

from __future__ import annotations

import os
import timeit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.http import HttpResponse  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils.cache import get_conditional_response  # noqa: E402

from blog.representation.generation import Generation  # noqa: E402
from content_api import caching  # noqa: E402

CALLS = 20_000


def with_django_helper(request, entry):
    """_respond with the 304 decision left to Django (the alternative measured)."""
    response = HttpResponse(entry.body, status=entry.status)
    response.headers = entry.headers  # as ours: the stored headers, final
    return get_conditional_response(
        request, etag=entry.etag, last_modified=entry.last_modified, response=response
    )


def main() -> None:
    # The gzip entry, the one a gzip client's hit reads.
    _identity, entry = caching.build_entries(
        HttpResponse(b"x" * 22_000, content_type="application/json"),
        Generation("bench", 1_700_000_000),
        (),
        shared=True,
        compress=True,
    )
    factory = RequestFactory()
    requests = {
        "304": factory.get("/api/v1/articles/1", HTTP_IF_NONE_MATCH=entry.etag),
        "200 gzip": factory.get("/api/v1/articles/1", HTTP_ACCEPT_ENCODING="gzip"),
    }
    for name, respond in (("ours", caching._respond), ("Django", with_django_helper)):
        for label, request in requests.items():
            best = min(
                timeit.repeat(lambda: respond(request, entry), number=CALLS, repeat=5)  # noqa: B023
            )
            print(f"{name:7s} {label:9s} {best / CALLS * 1e6:6.1f} us per response")


if __name__ == "__main__":
    main()
