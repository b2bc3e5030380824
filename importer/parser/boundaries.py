"""What is not the post: chrome, navigation, captions, share and comment residue, newsletter
calls, teasers and spam. Each rule returns a reason, so the editor sees why a line went."""

from __future__ import annotations

import re

from importer.parser import dates

_NAV_WORDS = {
    "home",
    "blog",
    "menu",
    "search",
    "shop",
    "contact",
    "about",
    "about us",
    "categories",
    "previous post",
    "next post",
    "back to top",
    "read more",
    "share",
    "tweet",
    "pin it",
    "print",
    "email",
    "facebook",
    "twitter",
    "pinterest",
    "linkedin",
    "instagram",
    "youtube",
    "subscribe",
    "sign up",
    "log in",
    "login",
    "cart",
    "skip to content",
    "skip to main content",
    "toggle navigation",
    "reply",
    "share this",
    "share this post",
    "share this article",
    "recent posts",
    "archives",
    "x",
    "whatsapp",
    "copy link",
    "next",
    "previous",
    "news",
}
_AVATAR_RE = re.compile(r"^(author-avatar|avatar|author image|gravatar)$", re.I)
_RULES: tuple[tuple[re.Pattern, str], ...] = (
    (_AVATAR_RE, "share/comment residue"),
    (
        re.compile(
            r"^(leave a (reply|comment)|\d+ (comments?|responses?|replies)|no comments( yet)?|"
            r"cancel reply|post comment|comments?|add a comment|join the (discussion|conversation)|"
            r"like this:?|share this:?|loading\.\.\.|related|you must be logged in.*|"
            r"your email address will not be published.*|required fields are marked.*|"
            r"save my name, email.*|click to share on.*|share on (facebook|twitter|pinterest|x)|"
            r"was this (article|post) helpful\??|(yes|no)|rate this (post|article).*)$",
            re.I,
        ),
        "share/comment residue",
    ),
    (
        re.compile(
            r"(subscribe to (our|the) newsletter|sign up for (our|the) (free )?(newsletter|emails?)|"
            r"join (our|the) (mailing list|newsletter|community)|enter your email|"
            r"get (our|the) (latest|best|weekly).*(inbox|email)|delivered to your inbox|"
            r"\bunsubscribe\b)",
            re.I,
        ),
        "newsletter call",
    ),
    (
        re.compile(
            r"^(photo|image|picture|illustration|graphic)(\s+credit)?\s*(:|by|via|courtesy|©)|"
            r"^(credit|source|via)\s*:\s*(getty|shutterstock|unsplash|istock|adobe stock|pexels)|"
            r"\b(getty images|shutterstock|istock|unsplash|adobe stock)\s*$",
            re.I,
        ),
        "photo credit",
    ),
    (
        re.compile(
            r"(©|\(c\)\s*\d{4}|all rights reserved|privacy policy|terms of (use|service)|cookie (policy|settings)|"
            r"we use cookies|accept (all )?cookies)",
            re.I,
        ),
        "site chrome",
    ),
    (
        re.compile(r"^(tags?|tagged|categories|category|filed under|posted in)\s*:?\s+\S.*$", re.I),
        "post metadata",
    ),
    (re.compile(r"^\d+\s*(min|minute)s?\s+read$|^reading time\s*:?.*$", re.I), "post metadata"),
    (re.compile(r"^(home|blog)\s*(›|»|>|/|\|)\s*.+$", re.I), "navigation (breadcrumbs)"),
    # 'Beauty › Skincare › Ingredients': two or more breadcrumb arrows between short parts.
    (re.compile(r"^[^.!?›»]{1,30}(\s*[›»]\s*[^.!?›»]{1,30}){2,}$"), "navigation (breadcrumbs)"),
    (
        re.compile(
            r"^(share|follow us)( this| the)?( article| post| story| page)?\s*(:|on)?"
            r"(\s*(facebook|twitter|pinterest|x|email|linkedin|whatsapp|instagram|reddit)\W*)*$",
            re.I,
        ),
        "share/comment residue",
    ),
    # Off-topic money keywords a content farm injects; the admin's cleaner only sees links.
    (
        re.compile(
            r"\b(online casino|casino bonus|(play|free) slots|sports betting|poker|jackpot|"
            r"replica (watches|bags)|payday loans?|essay writing service|viagra|cialis|"
            r"crypto (giveaway|signals)|(buy|cheap)\b.{0,30}\b(followers|likes|views))\b",
            re.I,
        ),
        "content-farm spam",
    ),
    (
        re.compile(
            r"^(sponsored|advertisement|ad|promoted|shop now|buy now|shop the (post|look))$", re.I
        ),
        "advert",
    ),
)
TOC_RE = re.compile(
    r"^(table of contents|contents|in this (article|post|guide)|jump to( section)?|"
    r"quick links|on this page|what'?s in this (article|post))\s*:?$",
    re.I,
)
RELATED_RE = re.compile(
    r"^(related (posts|articles|reading|stories|content)|you (may|might) also (like|enjoy)|"
    r"recommended (reading|for you|posts)|more from .{1,40}|read (next|more|these next)|popular posts|"
    r"keep reading|more (articles|stories|posts) (like this|you'?ll love)|trending now|"
    r"don'?t miss|see also)\s*:?$"
    r"|^(related|read (more|next|also)|see also|also read|you (may|might) (also )?like)\s*:\s*[^.!]{3,100}$"
    r"|related (posts|articles|resources|content)\b.*:$"
    r"|^(discover|explore|check out|continue (your|exploring)|expand your|delve|dive|learn more).{0,80}"
    r"\b(related|other|more|additional|further) (posts|articles|resources|links|reading|sources|perspectives).*:$",
    re.I,
)
PROMO_BANNER_RE = re.compile(
    r"^(free shipping|limited time|sale|use code|get \d+% off|\d+% off|save \d+%|book (now|your)|"
    r"new:|announcement:|shop (our|the))\b.{0,100}$",
    re.I,
)
_TERMINAL_RE = re.compile(r"[.!?…]$")


def reason_for(text: str, tag: str) -> str | None:
    """Why this one line is not part of the post, or None if it may be."""
    if tag == "chrome":
        return "site chrome (navigation, sidebar or footer)"
    if tag == "alt":
        return "image alt text"
    if tag == "caption":
        return "image caption"
    folded = text.strip().lower().rstrip(":").strip()
    if folded in _NAV_WORDS:
        return "navigation"
    for pattern, reason in _RULES:
        if pattern.search(text.strip()):
            return reason
    if PROMO_BANNER_RE.match(text.strip()) and len(text.split()) <= 16:
        return "promo banner"
    if TOC_RE.match(text.strip()):
        return "table of contents"
    return None


def is_short_teaser(text: str) -> bool:
    """A teaser link line: a short title-like line with no sentence end (a question is fine)."""
    return len(text.split()) <= 14 and not _TERMINAL_RE.search(text.strip().rstrip("?"))


def is_avatar(text: str) -> bool:
    return bool(_AVATAR_RE.match(text.strip()))


def is_related_lead(text: str) -> bool:
    return bool(RELATED_RE.match(text.strip()))


def norm(text: str) -> str:
    text = re.sub(r"^\s*(\d{1,2}[.)]|[-•*])\s*", "", text.lower())
    return re.sub(r"[^a-z0-9 ]+", "", text).strip()


def is_meta_line(text: str) -> bool:
    """Dates and reading times above or below the body."""
    return dates.is_date_line(text)
