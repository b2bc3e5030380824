"""Where the checker's URLs come from: any iterable or async iterable, read in chunks.

Kept apart from the dispatcher (politeness.py) because worker processes (shards.py) read the
same way: look ahead to decide, then hand on what was read.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator

UrlSource = Iterable[str] | AsyncIterable[str]


class UrlReader:
    """Reads a URL source in chunks, with look-ahead that later reads still return.

    A generator is read on a worker thread: it may run ORM queries, which Django forbids on the
    event loop's thread. Lists and tuples are read in place, async iterables on the loop.
    """

    def __init__(self, urls: UrlSource) -> None:
        self._head: list[str] = []
        self._aiter: AsyncIterator[str] | None = None
        self._iter: Iterator[str] | None = None
        if isinstance(urls, AsyncIterable):
            self._aiter = aiter(urls)
        else:
            self._iter = iter(urls)
        self._lazy = self._iter is not None and not isinstance(urls, list | tuple)

    async def peek(self, count: int) -> int:
        """Read ahead until ``count`` URLs are held or the source ends; how many are held."""
        if len(self._head) < count:
            self._head += await self._read(count - len(self._head))
        return len(self._head)

    async def take(self, count: int) -> list[str]:
        """The next ``count`` URLs, fewer only when the source has ended."""
        chunk = self._head[:count]
        del self._head[:count]
        if len(chunk) < count:
            chunk += await self._read(count - len(chunk))
        return chunk

    async def _read(self, count: int) -> list[str]:
        if self._aiter is not None:
            chunk = []
            async for url in self._aiter:
                chunk.append(str(url))
                if len(chunk) >= count:
                    break
            return chunk
        assert self._iter is not None
        if self._lazy:
            return await asyncio.to_thread(_take_from, self._iter, count)
        return _take_from(self._iter, count)


def _take_from(iterator: Iterator[str], count: int) -> list[str]:
    return [str(url) for url in itertools.islice(iterator, count)]
