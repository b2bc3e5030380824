"""What a placeholder scan reports: findings and the cleaned HTML, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("promo_sentence", "related_list", "placeholder_link", "injected_link")
ACTIONS = ("removed", "unwrapped", "flagged")


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of spam: its kind, what was done, its text and link target, and why.

    `kind` is one of KINDS; `action` is "removed", "unwrapped" (link dropped, words kept) or
    "flagged" (unwrapped, and the page needs an editor's review).
    """

    kind: str
    action: str
    text: str
    href: str | None
    reason: str

    def as_dict(self) -> dict[str, str | None]:
        """JSON-friendly form."""
        return {
            "kind": self.kind,
            "action": self.action,
            "text": self.text,
            "href": self.href,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Everything one scan found, and the HTML with it removed."""

    findings: tuple[Finding, ...]
    cleaned_html: str

    @property
    def changed(self) -> bool:
        """Whether cleaning altered the HTML (every finding edits it)."""
        return bool(self.findings)

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly form: {"findings": [{kind, action, text, href, reason}], "cleaned_html"}."""
        return {
            "findings": [finding.as_dict() for finding in self.findings],
            "cleaned_html": self.cleaned_html,
        }
