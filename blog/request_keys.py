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

# What HttpRequest.get_host() reads of a request: with the same values (and settings) it
# gives the same host. Its validation against ALLOWED_HOSTS cost 3.7 us of a 8 us key (timeit,
# 2026-11-30), about a twentieth of a full-page cache hit; a host it accepted is kept here.
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
_hosts: dict[tuple, str] = {}


def request_host(request: HttpRequest) -> str:
    """request.get_host(), validated once per distinct set of host headers (it raises
    DisallowedHost for a host ALLOWED_HOSTS refuses, every time, as get_host does)."""
    meta = request.META
    seen = tuple(meta.get(name) for name in _HOST_META)
    host = _hosts.get(seen)
    if host is None:
        host = request.get_host()
        if len(_hosts) >= _MAX_HOSTS:
            _hosts.clear()
        _hosts[seen] = host
    return host


@receiver(setting_changed)
def _forget_hosts(setting: str, **kwargs: Any) -> None:
    if setting in _HOST_SETTINGS:
        _hosts.clear()


def request_key(prefix: str, request: HttpRequest, *varies: str) -> str:
    """`prefix` and a digest of the request's scheme, host, path and `varies`."""
    raw = "|".join((request.scheme, request_host(request), request.path, *varies))
    return prefix + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
