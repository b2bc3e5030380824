"""Where a rich-text link points, judged for placeholder spam, and money-keyword anchors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from linkcheck.placeholders.grammar import words

# RFC 2606 / RFC 6761 reserved names, plus the "yoursite.com" family themes ship with.
_RESERVED_HOSTS = frozenset({"example.com", "example.org", "example.net", "localhost"})
_RESERVED_TLDS = frozenset({"test", "invalid", "example", "localhost"})
_TEMPLATE_HOST_RE = re.compile(r"^your-?(?:domain|site|website|url|link|blog)\.[a-z]+$")
# Citations and the health bodies bloggers cite: never removed or unwrapped automatically.
_CITATION_HOSTS = words(
    """doi.org dx.doi.org pubmed.ncbi.nlm.nih.gov ncbi.nlm.nih.gov pmc.ncbi.nlm.nih.gov
    scholar.google.com jamanetwork.com nejm.org thelancet.com bmj.com nature.com
    sciencedirect.com link.springer.com springer.com onlinelibrary.wiley.com wiley.com
    academic.oup.com journals.lww.com cochranelibrary.com tandfonline.com mdpi.com
    frontiersin.org plos.org journals.plos.org karger.com jaad.org jidonline.org who.int
    aad.org bad.org.uk mayoclinic.org clevelandclinic.org my.clevelandclinic.org nhs.uk
    skincancer.org dermnetnz.org hopkinsmedicine.org health.harvard.edu medlineplus.gov
    cdc.gov fda.gov nih.gov niams.nih.gov ods.od.nih.gov nice.org.uk europepmc.org
    researchgate.net semanticscholar.org biorxiv.org medrxiv.org"""
)
_CITATION_SUFFIXES = (".gov", ".edu", ".ac.uk", ".gov.uk", ".nhs.uk", ".int", ".mil")
_DOI_PATH_RE = re.compile(r"/10\.\d{4,9}/")
_SHORTENERS = words(
    "bit.ly tinyurl.com t.co goo.gl ow.ly is.gd cutt.ly rebrand.ly shorturl.at buff.ly "
    "rb.gy tiny.cc s.id"
)
_MONEY_TLDS = words(
    "xyz top shop store click buzz loan bet casino win online site live vip club biz pw icu "
    "cyou rest bond sbs cfd"
)
_AFFILIATE_PARAMS = words(
    "aff affid aff_id affiliate affiliate_id affiliateid ref refid ref_id referral referrer_id "
    "partner partnerid partner_id clickid click_id subid sub_id irclickid aff_sub avad "
    "tracking_id trackingid"
)
_AFFILIATE_PATH_RE = re.compile(
    r"/(?:go|out|aff|affiliate|affiliates|refer|recommends|track|click|redirect|goto|visit|deal)/"
)
_STUFFED_HOST_RE = re.compile(
    r"(?:best|cheap|buy|discount|deals?|shop|store|sale|coupons?|promo|reviews?|top\d*)"
)

# Money anchors: a commercial modifier plus product words, never a brand or a title.
_MONEY_MODIFIERS = words(
    "best top cheap cheapest buy order discount discounted affordable top-rated bargain "
    "wholesale deal deals sale coupon coupons promo price prices pricing low-cost budget "
    "shop store purchase online"
)
_HIGH_RISK = words(
    "casino poker slots betting bet loans loan payday viagra cialis pharmacy cbd replica "
    "essay crypto bitcoin forex escort escorts followers"
)
_PRODUCT_WORDS = words(
    """derma dermaroller dermarollers roller rollers microneedling micro-needling needling pen
    pens serum serums cream creams retinol moisturiser moisturizer moisturisers moisturizers
    sunscreen sunscreens spf collagen supplement supplements skincare skin care product products
    kit kits device devices needle needles acne treatment treatments mask masks oil oils
    hyaluronic acid vitamin c peel peels toner toners cleanser cleansers anti-aging anti-ageing
    wrinkle wrinkles pill pills cosmetics beauty tool tools machine machines home at for in
    near me the a an and of with uk usa us canada australia online now today free shipping
    sale cheap best buy discount order price deals deal store shop"""
)
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:[-'.][A-Za-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Target:
    """What a link points at: kind is internal, same_site, self, citation, placeholder,
    external or other (mail, phone, in-page anchor)."""

    kind: str
    reason: str
    host: str


def normalise_host(host: str) -> str:
    """Host lower-cased, without port, trailing dot or leading 'www.'."""
    host = host.strip().lower().rsplit("@", 1)[-1].split(":", 1)[0].rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _split(href: str) -> tuple[str, str, str, str, str] | None:
    try:
        parts = urlsplit(href.strip())
        return (
            parts.scheme.lower(),
            normalise_host(parts.netloc),
            parts.path,
            parts.query,
            (parts.fragment),
        )
    except ValueError:  # e.g. an unbalanced "[" in an IPv6-looking host
        return None


def classify_target(
    href: str | None,
    linktype: str | None,
    *,
    page_url: str | None = None,
    site_hosts: frozenset[str] = frozenset(),
) -> Target:
    """Classify one link target; placeholders carry the reason an editor will read."""
    if linktype not in (None, "external", "email", "anchor"):
        return Target("internal", f"internal {linktype} link", "")
    raw = (href or "").strip()
    squeezed = re.sub(r"\s+", "", raw).lower()
    if not raw:
        return Target("placeholder", "link with an empty href", "")
    if squeezed in ("#", "#!", "#0"):
        return Target("placeholder", f"placeholder href '{raw}'", "")
    if squeezed.startswith(("javascript:", "about:blank")):
        return Target("placeholder", f"{squeezed.split(':', 1)[0]}: href", "")
    if squeezed.startswith(("#", "mailto:", "tel:", "sms:")):
        return Target("other", "mail, phone or in-page link", "")
    parts = _split(raw)
    if parts is None:
        return Target("placeholder", "malformed URL", "")
    scheme, host, path, query, fragment = parts
    if scheme in ("http", "https") and not host:
        return Target("placeholder", "URL with no host", "")
    if _is_reserved(host):
        return Target("placeholder", f"reserved example domain '{host}'", host)
    if page_url and not fragment and _same_page(scheme, host, path, query, page_url):
        return Target("self", "link to the page itself", host)
    if not host or host in {normalise_host(site) for site in site_hosts}:
        return Target("same_site", "same-site link", host)
    if _is_citation(host, path):
        return Target("citation", "citation or health authority", host)
    if scheme not in ("http", "https", ""):
        return Target("other", f"{scheme}: link", host)
    return Target("external", "external link", host)


def _suffixes(host: str) -> list[str]:
    """The host and each parent domain: a.b.c -> [a.b.c, b.c, c]."""
    labels = host.split(".")
    return [".".join(labels[index:]) for index in range(len(labels))]


def _is_reserved(host: str) -> bool:
    if not host:
        return False
    if not _RESERVED_HOSTS.isdisjoint(_suffixes(host)):
        return True
    return host.rsplit(".", 1)[-1] in _RESERVED_TLDS or bool(_TEMPLATE_HOST_RE.match(host))


def _same_page(scheme: str, host: str, path: str, query: str, page_url: str) -> bool:
    page = _split(page_url)
    if page is None:
        return False
    _page_scheme, page_host, page_path, page_query, _fragment = page
    if host and host != page_host:
        return False
    if not host and not path.startswith("/"):
        return False  # a relative path like "guide/" is resolved against more than we know
    return path.rstrip("/") == page_path.rstrip("/") and query == page_query


def _is_citation(host: str, path: str) -> bool:
    if host.endswith(_CITATION_SUFFIXES) or not _CITATION_HOSTS.isdisjoint(_suffixes(host)):
        return True
    return bool(_DOI_PATH_RE.search(path))


def affiliate_signals(href: str | None) -> tuple[tuple[str, int], ...]:
    """Signs that a URL is a promotion or affiliate target, each with its weight."""
    parts = _split(href or "")
    if parts is None:
        return ()
    _scheme, host, path, query, _fragment = parts
    signals: list[tuple[str, int]] = []
    keys = {key.lower() for key, _value in parse_qsl(query, keep_blank_values=True)}
    affiliate = sorted(keys & _AFFILIATE_PARAMS)
    if affiliate:
        signals.append((f"affiliate parameter '{affiliate[0]}'", 2))
    if _AFFILIATE_PATH_RE.search(path.lower() + "/"):
        signals.append(("redirect path", 2))
    if any(key.startswith("utm_") for key in keys):
        signals.append(("campaign tracking", 1))
    if host.rsplit(".", 1)[-1] in _MONEY_TLDS:
        signals.append((f"'.{host.rsplit('.', 1)[-1]}' domain", 1))
    if host in _SHORTENERS:
        signals.append(("URL shortener", 1))
    elif host.count("-") >= 2 or _STUFFED_HOST_RE.search(host.rsplit(".", 1)[0]):
        signals.append(("keyword domain", 1))
    return tuple(signals)


def is_money_anchor(text: str) -> bool:
    """Whether an anchor is a bare commercial keyword phrase ("best derma roller online")."""
    words = _WORD_RE.findall(text)
    if not 2 <= len(words) <= 8:
        return False
    lowered = [word.lower() for word in words]
    if not any(word in _MONEY_MODIFIERS or word in _HIGH_RISK for word in lowered):
        return False
    # A capitalised word outside the keyword vocabulary is a brand, model or title.
    return all(
        word.lower() in _PRODUCT_WORDS
        or word.lower() in _HIGH_RISK
        or word.lower() in _MONEY_MODIFIERS
        or (word.islower() and word.isalpha())
        for word in words
    )
