"""Shared by the placeholder-engine tests: the labelled corpus, its scan options and findings."""

from __future__ import annotations

import json
from pathlib import Path

from linkcheck.placeholders import ScanResult

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "placeholders"
SITE = {"site_hosts": frozenset({"skinnotes.com"})}


def load(name: str) -> list[dict]:
    """One labelled corpus file, a JSON object per line."""
    with (FIXTURES / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def options(case: dict) -> dict:
    """scan() keyword arguments stored with a corpus case."""
    stored = case.get("options", {})
    return {
        "page_url": stored.get("page_url"),
        "site_hosts": frozenset(stored.get("site_hosts", ())),
    }


def kinds(result: ScanResult) -> set[str]:
    """The kinds of finding a scan reported."""
    return {finding.kind for finding in result.findings}
