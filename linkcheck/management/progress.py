"""The commands' progress bar: one line on stderr, so stdout stays clean for --json and pipes."""

from __future__ import annotations

from django.core.management.base import OutputWrapper

WIDTH = 30


class ProgressBar:
    """Redrawn in place; a new label (a new phase of the work) starts a new line."""

    def __init__(self, stream: OutputWrapper):
        self.stream = stream
        self.label: str | None = None

    def update(self, done: int, total: int, label: str = "") -> None:
        if self.label is not None and label != self.label:
            self.stream.write("")
        self.label = label
        filled = round(WIDTH * done / total) if total else WIDTH
        bar = "#" * filled + "-" * (WIDTH - filled)
        prefix = f"{label} " if label else ""
        self.stream.write(f"\r{prefix}[{bar}] {done}/{total}", ending="", style_func=str)
        self.stream.flush()

    def finish(self) -> None:
        if self.label is not None:
            self.stream.write("")
