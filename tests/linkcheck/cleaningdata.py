"""Shared by the cleaner tests: spam paragraphs, bodies holding them and pages saved uncleaned."""

from django.test import override_settings

from tests.factories import make_article

CONCLUSION = "<p>Microneedling can soften scars over several sessions. Ask a licensed professional whether it suits you.</p>"
PROMO = (
    "<p>Results take months to show. Dive deeper into the subject by visiting this external resource we’ve selected for you. "
    '<a href="https://content-farm.example.net/p/12">Visit this useful source</a>, uncover extra and worthwhile data to enhance '
    "your study and understanding of the subject.</p>"
)
RELATED = (
    "<p>Discover different perspectives in the related posts we’ve chosen for you:</p>"
    '<p><a href="https://farm-one.biz/a">Dive into this impartial analysis</a></p>'
    '<p><a href="https://farm-two.biz/b">Delve into this in-depth article</a></p>'
)
SPAM_HTML = CONCLUSION + PROMO + RELATED


def body_with(html, *, nested=False):
    if nested:
        return [
            (
                "benefits",
                {
                    "heading": "B",
                    "intro": "",
                    "items": [{"title": "Firmer", "explanation": html, "citations": ""}],
                },
            )
        ]
    return [("paragraph", html)]


def make_uncleaned_article(*args, **kwargs):
    """An article whose stored content still holds spam: saved while the cleaner was off."""
    with override_settings(SKINCARE_LINKCHECK_PLACEHOLDER_MODE="off"):
        return make_article(*args, **kwargs)


def texts(page):
    return " ".join(
        str(block.value)
        if block.block_type == "paragraph"
        else str(block.value["items"][0]["explanation"])
        for block in page.body
    )
