"""CPU time of other processes, from Linux /proc (benchmarks that time servers they started)."""

from __future__ import annotations

import os
from pathlib import Path


def process_cpu(pid: int) -> float | None:
    """User plus system CPU seconds of a process, None where /proc cannot tell."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    """Direct children of a process (gunicorn's workers under its master)."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def tree_cpu(pid: int) -> float | None:
    """CPU seconds of a process and its direct children, None where /proc cannot tell."""
    own = process_cpu(pid)
    if own is None:
        return None
    return own + sum(process_cpu(child) or 0.0 for child in children(pid))
