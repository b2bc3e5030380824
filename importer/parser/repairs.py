"""Inline repairs: missing spaces, glued link texts and badge residue; spelling is only suggested."""

from __future__ import annotations

import re

# A comma, semicolon or full stop glued to the next word ("healing,inflammatory",
# "stages.With"); digits are left alone so "1,000" and "2.5" survive, and lowercase after a
# dot is left alone so domains like "example.com" survive.
_GLUED_COMMA_RE = re.compile(r"(?<=[a-z]{2})([,;])(?=[A-Za-z]{2})")
_GLUED_STOP_RE = re.compile(r"(?<=[a-z]{2})([.!?])(?=[A-Z][a-z])")
# Two link texts run together by a copy-paste: "skin barrierSunscreen basics".
_GLUED_LINKS_RE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]{2,})")
# Glued link texts happen in running prose; a short line (a byline, a heading, a footer) is
# more likely to hold a brand name written in camel case.
_GLUED_MIN_WORDS = 8
_CAMEL_WORDS = frozenset(
    {
        "youtube",
        "wordpress",
        "pubmed",
        "linkedin",
        "tiktok",
        "javascript",
        "github",
        "skinceuticals",
        "healthline",
        "webmd",
        "iphone",
        "ipad",
        "mcdonald",
        "dermapen",
        "paypal",
        "facebook",
        "instagram",
        "hubspot",
        "mailchimp",
        "squarespace",
        "shopify",
        "doordash",
        "cerave",
        "theordinary",
        "glossier",
        "macbook",
        "eyeshadow",
        "playstation",
    }
)
_ARTIFACT_RES = (
    re.compile(r"\s*\bTrusted Source\b\s*", re.I),
    re.compile(r"\s*\(?\bOpens in a new (tab|window)\b\.?\)?\s*", re.I),
    re.compile(r"\s*\bClick to (tweet|share)\b(?!\s+on\b)\s*", re.I),
    re.compile(r"\s*\[(edit|citation needed)\]\s*", re.I),
)
# Common misspellings, offered to the editor and never applied.
MISSPELLINGS = {
    "frist": "first",
    "yoru": "your",
    "recieve": "receive",
    "seperate": "separate",
    "definately": "definitely",
    "occured": "occurred",
    "untill": "until",
    "wich": "which",
    "teh": "the",
    "alot": "a lot",
    "acheive": "achieve",
    "beleive": "believe",
    "noticable": "noticeable",
    "occassion": "occasion",
    "accomodate": "accommodate",
    "existance": "existence",
    "enviroment": "environment",
    "goverment": "government",
    "independant": "independent",
    "neccessary": "necessary",
    "occurence": "occurrence",
    "persistant": "persistent",
    "reccomend": "recommend",
    "recomend": "recommend",
    "sensitve": "sensitive",
    "moisturiser's": "moisturisers",
    "collegen": "collagen",
    "hyperpigmentaion": "hyperpigmentation",
    "treatmnet": "treatment",
    "skni": "skin",
    "procedrue": "procedure",
    "elastisity": "elasticity",
    "wrinkels": "wrinkles",
    "benifits": "benefits",
    "benifit": "benefit",
    "proccess": "process",
    "resluts": "results",
    "irritaion": "irritation",
    "sunscren": "sunscreen",
    "dermatoligist": "dermatologist",
}
_WORD_RE = re.compile(r"[A-Za-z']+")


def repair(text: str) -> tuple[str, list[str]]:
    """The text with inline artifacts removed and glued words split; plus what was changed."""
    changes: list[str] = []
    fixed = text
    for pattern in _ARTIFACT_RES:
        new = pattern.sub(" ", fixed)
        if new != fixed:
            changes.append(f"removed inline artifact: {pattern.search(fixed).group(0).strip()}")
            fixed = new
    new = _GLUED_COMMA_RE.sub(r"\1 ", fixed)
    new = _GLUED_STOP_RE.sub(r"\1 ", new)
    if new != fixed:
        changes.append("added missing space after punctuation")
        fixed = new
    new = _split_glued(fixed) if len(fixed.split()) >= _GLUED_MIN_WORDS else fixed
    if new != fixed:
        changes.append("split glued link texts")
        fixed = new
    fixed = " ".join(fixed.split())
    return fixed, changes


def _split_glued(text: str) -> str:
    def split_word(match: re.Match) -> str:
        word = match.group(0)
        if word.lower() in _CAMEL_WORDS or word.isupper():
            return word
        return _GLUED_LINKS_RE.sub(" ", word)

    return re.sub(r"[A-Za-z]{6,}", split_word, text)


def spelling_suggestions(text: str) -> list[str]:
    """'frist -> first' style suggestions for the editor."""
    found = []
    for word in _WORD_RE.findall(text):
        suggestion = MISSPELLINGS.get(word.lower())
        if suggestion:
            found.append(f"{word} -> {suggestion}")
    return found
