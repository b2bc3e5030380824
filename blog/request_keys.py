"""The cache key of a request, shared by the full-page cache and the API's response cache.

A key names the scheme, the validated host, the path and whatever else the caller's cache
varies on, hashed to a fixed length (cache backends warn on long keys or odd characters, and
paths may hold both). Both caches compute it on every hit, so its cost is part of every hit.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest

# What HttpRequest.get_host() and get_port() read of a request (with the scheme, which a
# request without a Host header takes its default port from): with the same values and
# settings they give the same answers. get_host()'s validation against ALLOWED_HOSTS cost 3.7 us
# of a 8 us key (timeit, 2026-11-30), about a twentieth of a full-page cache hit; a host it
# accepted is kept here.
_HOST_META = (
    "HTTP_X_FORWARDED_HOST",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "HTTP_X_FORWARDED_PORT",
)
_HOST_SETTINGS = frozenset(
    {"ALLOWED_HOSTS", "DEBUG", "USE_X_FORWARDED_HOST", "USE_X_FORWARDED_PORT"}
)
# Only hosts ALLOWED_HOSTS accepts are kept, but "*" accepts any: a bound keeps a stream of
# made-up Host headers from growing it.
_MAX_HOSTS = 256
_hosts: dict[tuple, tuple[str, str]] = {}


def _host_and_port(request: HttpRequest) -> tuple[str, str]:
    meta = request.META
    seen = (request.scheme, *(meta.get(name) for name in _HOST_META))
    found = _hosts.get(seen)
    if found is None:
        found = (request.get_host(), request.get_port())
        if len(_hosts) >= _MAX_HOSTS:
            _hosts.clear()
        _hosts[seen] = found
    return found


def request_host(request: HttpRequest) -> str:
    """request.get_host(), validated once per distinct set of host headers (it raises
    DisallowedHost for a host ALLOWED_HOSTS refuses, every time, as get_host does)."""
    return _host_and_port(request)[0]


@receiver(setting_changed)
def _forget_hosts(setting: str, **kwargs: Any) -> None:
    if setting in _HOST_SETTINGS:
        _hosts.clear()


def request_key(prefix: str, request: HttpRequest, *varies: str) -> str:
    """`prefix` and a digest of the request's scheme, host, port, path and `varies`. The port
    is named even when the host does not carry it: Wagtail tells Sites apart by host and port
    (two Sites on one name behind a proxy that passes X-Forwarded-Port)."""
    host, port = _host_and_port(request)
    raw = "|".join((request.scheme, host, port, request.path, *varies))
    return prefix + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
