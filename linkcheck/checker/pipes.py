"""Length-prefixed pickle messages over OS pipes, for the link checker's worker processes.

Only ever between this process and children it forked itself (shards.py): pickle is safe
here because both ends are the same program.
"""

from __future__ import annotations

import asyncio
import pickle
import struct
from typing import IO, Any

_FRAME = struct.Struct("!I")


class Drain(asyncio.Protocol):
    """Flow control for a write pipe: ``drain`` waits while the pipe is full."""

    def __init__(self) -> None:
        self._resumed: asyncio.Future[None] | None = None

    def pause_writing(self) -> None:
        self._resumed = asyncio.get_running_loop().create_future()

    def resume_writing(self) -> None:
        if self._resumed is not None and not self._resumed.done():
            self._resumed.set_result(None)
        self._resumed = None

    def connection_lost(self, exc: Exception | None) -> None:
        self.resume_writing()

    async def drain(self) -> None:
        if self._resumed is not None:
            await self._resumed


async def open_reader(pipe: IO[bytes]) -> asyncio.StreamReader:
    """A stream reading the pipe on the running loop."""
    loop = asyncio.get_running_loop()
    stream = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stream), pipe)
    return stream


def write_frame(writer: asyncio.WriteTransport, message: object) -> None:
    """Send one message."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    writer.write(_FRAME.pack(len(data)) + data)


async def read_frame(stream: asyncio.StreamReader) -> Any:
    """The next message, or None once the other end has closed."""
    try:
        size = _FRAME.unpack(await stream.readexactly(_FRAME.size))[0]
        return pickle.loads(await stream.readexactly(size))  # noqa: S301 - our own child's
    except asyncio.IncompleteReadError:
        return None
