"""The public XSS payload corpus (tests/fixtures/xss) and a check for active content in HTML."""

from __future__ import annotations

import json
import re
import warnings
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

# Some payloads open with <?xml ...>; they are still parsed as HTML, as a browser would.
warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "xss" / "payloads.jsonl"
SITE_SCRIPT_DIR = Path(__file__).resolve().parents[2] / "static" / "js"

# Elements that run script or load active content whatever their attributes say.
ACTIVE_TAGS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math"}
)
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
)
BAD_SCHEME_RE = re.compile(r"^(javascript|vbscript|data):", re.I)
# The URL parser (WHATWG) trims C0 controls and spaces at both ends and drops tabs and newlines
# anywhere, so " java\tscript:" is a script URL; "java\x03script:" is a relative path.
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


@cache
def payloads() -> tuple[str, ...]:
    """Every payload of the corpus, in file order."""
    with open(CORPUS, encoding="utf-8") as corpus:
        return tuple(json.loads(line)["payload"] for line in corpus if line.strip())


def batches(size: int = 50) -> list[tuple[str, ...]]:
    """The corpus cut into groups, so that one page can carry many payloads."""
    items = payloads()
    return [items[i : i + size] for i in range(0, len(items), size)]


@cache
def script_urls() -> tuple[str, ...]:
    """Distinct javascript:, vbscript: and data: URLs found in the corpus's href/src values."""
    found: dict[str, None] = {}
    for payload in payloads():
        soup = BeautifulSoup(payload, "lxml")
        candidates = [payload] + [
            value
            for tag in soup.find_all(True)
            for name, value in tag.attrs.items()
            if name in URL_ATTRIBUTES and isinstance(value, str)
        ]
        for value in candidates:
            if is_script_url(value) and "\n" not in value and len(value) < 400:
                found[value.strip()] = None
    return tuple(found)


def is_script_url(value: str) -> bool:
    return bool(BAD_SCHEME_RE.match(_TAB_OR_NEWLINE.sub("", value.strip(_C0_AND_SPACE))))


@cache
def site_scripts() -> frozenset[str]:
    """The URLs of the project's own scripts (static/js), the only ones a template includes."""
    from django.templatetags.static import static

    return frozenset(static(f"js/{path.name}") for path in SITE_SCRIPT_DIR.glob("*.js"))


def is_site_script(tag) -> bool:
    """A <script src> of one of the project's own files, with no code of its own."""
    return (
        tag.name == "script" and tag.get("src") in site_scripts() and not tag.get_text(strip=True)
    )


def active_content(html: str, *, stored_format: bool = False) -> list[str]:
    """What in an HTML document or fragment could run script: tags, handlers, script URLs.

    In Wagtail's stored format an <embed> is a reference (embedtype, id) that Wagtail replaces on
    output; it counts only if it carries a source of its own.
    """
    findings = []
    for tag in BeautifulSoup(html, "lxml").find_all(True):
        if stored_format and tag.name == "embed" and not {"src", "data", "type"} & set(tag.attrs):
            continue
        jsonld = tag.name == "script" and tag.get("type") == "application/ld+json"
        if tag.name in ACTIVE_TAGS and not jsonld and not is_site_script(tag):
            findings.append(f"<{tag.name}>")
        if tag.name == "meta" and tag.get("http-equiv", "").lower() == "refresh":
            findings.append("<meta http-equiv=refresh>")
        for name, value in tag.attrs.items():
            if name.lower().startswith("on") or name.lower() == "srcdoc":
                findings.append(f"<{tag.name} {name}>")
            elif name.lower() in URL_ATTRIBUTES and isinstance(value, str) and is_script_url(value):
                findings.append(f"<{tag.name} {name}={value[:40]!r}>")
    return findings
