"""Find and remove content-farm 'related posts' spam from Wagtail's stored rich text.

`scan()` is pure (stored HTML in, `ScanResult` out) and edits the source string in place, so
every byte outside a removed span survives and clean input comes back unchanged. Modules:
`grammar` (anchor vocabulary, folding, sentence splitting), `families` (the one table of
the boilerplate's phrase families), `sentences` (promotional runs and lead-ins), `targets`
(where links point), `triggers` (the cheap precheck), `document` and `edits` (source-offset views and splicing),
`scanner` (the rules) and `findings` (the result types).
"""

from linkcheck.placeholders.findings import ACTIONS, KINDS, Finding, ScanResult
from linkcheck.placeholders.scanner import scan

__all__ = ["ACTIONS", "KINDS", "Finding", "ScanResult", "scan"]
