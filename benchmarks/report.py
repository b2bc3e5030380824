"""Write one benchmark's section into benchmarks/RESULTS.md without touching the others."""

from __future__ import annotations

import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADER = (
    "# Benchmark results\n\n"
    "Every figure is a ratio against a peer measured in the same run, on the same machine.\n"
    "Each section names the command that produced it; `make bench` reruns them all.\n"
)


def write_section(name: str, body: str, command: str) -> None:
    """Replace (or append) the section delimited by markers for `name`."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, Python {sys.version.split()[0]}"
    section = (
        f"<!-- bench:{name} -->\n## {name}\n\n"
        f"Command: `{command}` ({stamp}; {machine})\n\n{body.strip()}\n"
        f"<!-- /bench:{name} -->"
    )
    text = RESULTS.read_text() if RESULTS.exists() else HEADER
    pattern = re.compile(
        rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S
    )
    found = pattern.search(text)
    text = pattern.sub(lambda _m: section, text) if found else f"{text.rstrip()}\n\n{section}\n"
    RESULTS.write_text(text)
