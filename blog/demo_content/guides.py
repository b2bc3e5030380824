"""Demo guides beyond microneedling: starting a retinoid and daily sunscreen."""

from __future__ import annotations

from datetime import date

from .people import _citations, _p

RETINOID_ARTICLE = {
    "slug": "starting-a-retinoid",
    "title": "Starting a Retinoid Without the Peeling",
    "dek": "A slow, boring ramp-up beats a fast, flaky one. Here is the schedule we give friends.",
    "summary": "Retinoids are the best-studied topical for ageing skin, and the most often "
    "abandoned. A gradual start, a plain moisturiser and patience get most people through the "
    "first month.",
    "authors": ["lena-hart"],
    "reviewer": "jonas-meyer",
    "reviewed": date(2026, 8, 18),
    "published": date(2026, 8, 24),
    "tags": ["retinoids", "routines", "anti-ageing"],
    "palette": ((236, 222, 200), (250, 246, 238), (201, 146, 62)),
    "body": [
        {
            "type": "paragraph",
            "value": _p(
                "Vitamin A creams speed up how quickly skin renews itself and, over months, "
                "thicken the layer of collagen that keeps it smooth.",
                "That is why dermatologists reach for them first for fine lines, rough texture "
                "and blocked pores.",
                "It is also why the first weeks can sting: skin that renews faster sheds faster.",
            ),
        },
        {
            "type": "benefits",
            "value": {
                "heading": "What a retinoid does for you",
                "intro": _p(
                    "Expect changes in this order, the last ones after three months or more."
                ),
                "items": [
                    {
                        "title": "Clearer pores",
                        "explanation": _p(
                            "Faster turnover stops dead cells from collecting in the follicle, "
                            "so blackheads and small breakouts settle first."
                        ),
                        "citations": "2",
                    },
                    {
                        "title": "Smoother texture",
                        "explanation": _p(
                            "The surface layer becomes more even, which makes skin look fresher "
                            "and helps make-up sit flat."
                        ),
                        "citations": "1",
                    },
                    {
                        "title": "Softer fine lines",
                        "explanation": _p(
                            "New collagen builds slowly in the dermis; in trials the difference "
                            "shows after about twelve weeks of regular use."
                        ),
                        "citations": "1, 2",
                    },
                ],
            },
        },
        {
            "type": "phases",
            "value": {
                "heading": "The first three months",
                "intro": "",
                "items": [
                    {
                        "name": "Getting used to it",
                        "label": "the first fortnight",
                        "start": {"value": 0, "unit": "weeks"},
                        "end": {"value": 2, "unit": "weeks"},
                        "description": _p(
                            "Use a pea-sized amount two nights a week, over moisturiser if "
                            "your skin is dry. Some tightness and flaking is normal."
                        ),
                    },
                    {
                        "name": "Building up",
                        "label": "weeks two to six",
                        "start": {"value": 2, "unit": "weeks"},
                        "end": {"value": 6, "unit": "weeks"},
                        "description": _p(
                            "Add a night every week or so while your skin stays comfortable. "
                            "Step back a night if it burns or peels."
                        ),
                    },
                    {
                        "name": "Seeing results",
                        "label": "from about three months",
                        "start": {"value": 6, "unit": "weeks"},
                        "end": {"value": 12, "unit": "weeks"},
                        "description": _p(
                            "Most people settle on every night or every other night. Texture "
                            "and tone improve first; lines take longer."
                        ),
                    },
                ],
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "warning",
                "title": "Not during pregnancy",
                "body": _p(
                    "Stop retinoids if you are pregnant, trying to conceive or breastfeeding, "
                    "and ask your doctor about alternatives such as azelaic acid."
                ),
            },
        },
        {
            "type": "heading",
            "value": {"text": "Small habits that prevent irritation", "level": "h2", "anchor": ""},
        },
        {
            "type": "paragraph",
            "value": _p(
                "Apply to completely dry skin, twenty minutes after washing.",
                "Keep it away from the corners of the nose, the lips and the skin right under "
                "the eyes, where it irritates most.",
                "Pause exfoliating acids and scrubs until your skin has adjusted, and wear "
                "sunscreen every morning: new skin burns more easily.",
            ),
        },
        {
            "type": "faq",
            "value": {
                "heading": "Questions we get about retinoids",
                "items": [
                    {
                        "question": "Retinol or prescription tretinoin?",
                        "answer": _p(
                            "Retinol is gentler and sold over the counter; the skin converts it "
                            "to the active form. Tretinoin works faster and irritates more."
                        ),
                    },
                    {
                        "question": "Can I use it with vitamin C?",
                        "answer": _p("Yes: vitamin C in the morning, the retinoid at night."),
                    },
                ],
            },
        },
        _citations([3, 4]),
    ],
}

SUNSCREEN_ARTICLE = {
    "slug": "daily-sunscreen-you-will-wear",
    "title": "Daily Sunscreen: Choosing One You Will Actually Wear",
    "dek": "The best sunscreen is the one you put on every morning. How to find it.",
    "summary": "Daily sunscreen slows visible ageing and prevents pigmentation from coming back. "
    "Texture, finish and how much you apply matter more than the number on the tube.",
    "authors": ["lena-hart", "jonas-meyer"],
    "reviewer": "jonas-meyer",
    "reviewed": date(2025, 6, 10),
    "published": date(2025, 6, 12),
    "tags": ["sun protection", "pigmentation", "routines"],
    "palette": ((206, 226, 236), (246, 248, 250), (64, 132, 176)),
    "body": [
        {
            "type": "paragraph",
            "value": _p(
                "Sunlight drives most of the changes people call ageing: uneven colour, broken "
                "veins, loose and leathery texture.",
                "A four-year trial found that people who used sunscreen daily showed no "
                "detectable increase in skin ageing over the study, unlike those who used it "
                "when they felt like it.",
            ),
        },
        {
            "type": "benefits",
            "value": {
                "heading": "Why every day, not just on holiday",
                "intro": "",
                "items": [
                    {
                        "title": "Slower photo-ageing",
                        "explanation": _p(
                            "Daily UVA protection limits the collagen breakdown that builds up "
                            "over ordinary days of walking, driving and sitting by windows."
                        ),
                        "citations": "1",
                    },
                    {
                        "title": "Pigmentation that stays faded",
                        "explanation": _p(
                            "Melasma and dark marks return within days of unprotected exposure, "
                            "undoing months of treatment."
                        ),
                        "citations": "",
                    },
                    {
                        "title": "Safer treatments",
                        "explanation": _p(
                            "Peels, retinoids and microneedling all leave skin more sensitive to "
                            "light for a while; sunscreen is part of the aftercare."
                        ),
                        "citations": "",
                    },
                ],
            },
        },
        {
            "type": "heading",
            "value": {"text": "How to choose a formula", "level": "h2", "anchor": ""},
        },
        {
            "type": "paragraph",
            "value": _p(
                "Look for broad-spectrum protection of SPF 30 or more.",
                "Oily skin usually prefers fluids and gels; dry skin, lotions with glycerin.",
                "Mineral filters suit sensitive skin but can leave a cast on deeper skin tones; "
                "tinted versions solve that and also protect against visible light, which "
                "matters for melasma.",
            ),
        },
        {
            "type": "callout",
            "value": {
                "kind": "tip",
                "title": "Two finger lengths",
                "body": _p(
                    "Most people apply half of what the label assumes. Two finger lengths of "
                    "product cover the face and neck properly."
                ),
            },
        },
        _citations([5]),
    ],
}
