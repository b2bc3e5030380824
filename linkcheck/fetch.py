"""The pure fetcher (``linkcheck.checker.fetch``) with this project's settings.

Settings are read on the calling thread (``override_settings`` in tests is per thread), then
handed to the pure checker as a ``LinkcheckSettings`` snapshot.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable

from aiohttp.abc import AbstractResolver

from linkcheck import conf
from linkcheck.checker import fetch
from linkcheck.checker.fetch import Progress
from linkcheck.checker.politeness import UrlSource, host_key
from linkcheck.checker.settings import LinkcheckSettings
from linkcheck.checker.status import LinkResult

__all__ = ["check_url", "check_urls", "check_urls_sync", "host_key", "iter_check_urls"]


def iter_check_urls(
    urls: UrlSource,
    *,
    settings: LinkcheckSettings | None = None,
    resolver: AbstractResolver | None = None,
    progress: Progress | None = None,
) -> AsyncIterator[LinkResult]:
    return fetch.iter_check_urls(
        urls, settings=settings or conf.load(), resolver=resolver, progress=progress
    )


async def check_urls(
    urls: Iterable[str],
    *,
    settings: LinkcheckSettings | None = None,
    resolver: AbstractResolver | None = None,
    progress: Progress | None = None,
) -> list[LinkResult]:
    return await fetch.check_urls(
        urls, settings=settings or conf.load(), resolver=resolver, progress=progress
    )


def check_urls_sync(
    urls: Iterable[str],
    *,
    settings: LinkcheckSettings | None = None,
    resolver: AbstractResolver | None = None,
    progress: Progress | None = None,
) -> list[LinkResult]:
    return fetch.check_urls_sync(
        urls, settings=settings or conf.load(), resolver=resolver, progress=progress
    )


def check_url(
    url: str,
    *,
    settings: LinkcheckSettings | None = None,
    resolver: AbstractResolver | None = None,
) -> LinkResult:
    return fetch.check_url(url, settings=settings or conf.load(), resolver=resolver)
