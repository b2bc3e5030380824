"""Sample content for `load_demo`: our own writing, shaped like real skincare posts."""

from .articles import BENEFITS_ARTICLE, HOME_VS_CLINIC_ARTICLE, PHASES_ARTICLE
from .guides import RETINOID_ARTICLE, SUNSCREEN_ARTICLE
from .people import AUTHORS, CITATIONS, LENA, MAYA, _p
from .reviews import PEN_REVIEW, ROLLER_REVIEW
from .treatments import BARRIER_REVIEW, LED_REVIEW, PEEL_ARTICLE

__all__ = ["AUTHORS", "CITATIONS", "LENA", "MAYA", "POSTS", "STANDARD_PAGES"]

POSTS = [
    BENEFITS_ARTICLE,
    PHASES_ARTICLE,
    HOME_VS_CLINIC_ARTICLE,
    PEN_REVIEW,
    ROLLER_REVIEW,
    RETINOID_ARTICLE,
    SUNSCREEN_ARTICLE,
    PEEL_ARTICLE,
    LED_REVIEW,
    BARRIER_REVIEW,
]

STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "About Skin Notes",
        "intro": "Independent, medically reviewed writing about skin treatments and the tools people use at home.",
        "body": [
            {
                "type": "paragraph",
                "value": _p(
                    "Every procedure article is reviewed by a board-certified dermatologist before it goes live.",
                    "We say when evidence is thin, and we mark every affiliate link.",
                ),
            }
        ],
    },
]
