"""Sample content for `load_demo`: our own writing, shaped like real skincare posts."""

from __future__ import annotations

from datetime import date

MAYA = {
    "slug": "maya-okafor",
    "name": "Dr Maya Okafor",
    "role": "Medical reviewer",
    "credentials": "MD, board-certified dermatologist",
    "bio": "<p>Maya treats acne scarring and pigmentation in a hospital clinic and reviews every "
    "procedure article on this site before it goes live.</p>",
    "website": "https://maya-okafor-dermatology.example.org/",
    "links": [("Clinic profile", "https://clinic.example.org/staff/maya-okafor")],
    "expertise": ["acne scarring", "pigmentation", "procedures"],
    "can_review": True,
    "colour": (120, 160, 190),
}
LENA = {
    "slug": "lena-hart",
    "name": "Lena Hart",
    "role": "Senior editor",
    "credentials": "Licensed esthetician",
    "bio": "<p>Lena spent ten years in treatment rooms before writing about skin. She tests the "
    "tools we review and writes our aftercare guides.</p>",
    "website": "",
    "links": [],
    "expertise": ["microneedling", "home devices", "aftercare"],
    "can_review": False,
    "colour": (200, 140, 150),
}
AUTHORS = [MAYA, LENA]

CITATIONS = [
    {
        "authors": "Fernandes D",
        "title": "Minimally invasive percutaneous collagen induction",
        "publisher": "Oral and Maxillofacial Surgery Clinics of North America",
        "year": 2005,
        "doi": "10.1016/j.coms.2004.09.004",
        "pmid": "18088764",
        "url": "",
    },
    {
        "authors": "Alster TS, Graham PM",
        "title": "Microneedling: a review and practical guide",
        "publisher": "Dermatologic Surgery",
        "year": 2018,
        "doi": "10.1097/DSS.0000000000001248",
        "pmid": "28796657",
        "url": "",
    },
    {
        "authors": "Singh A, Yadav S",
        "title": "Microneedling: advances and widening horizons",
        "publisher": "Indian Dermatology Online Journal",
        "year": 2016,
        "doi": "10.4103/2229-5178.185468",
        "pmid": "27559496",
        "url": "",
    },
]


def _p(*sentences: str) -> str:
    return "<p>" + " ".join(sentences) + "</p>"


def _citations(indexes: list[int]) -> dict:
    return {
        "type": "citations",
        "value": {"heading": "References", "items": [CITATIONS[i] for i in indexes]},
    }


BENEFITS_ARTICLE = {
    "slug": "microneedling-benefits",
    "title": "Five Benefits of Microneedling, and What the Evidence Says",
    "dek": "Collagen induction explained, benefit by benefit, with the studies behind each claim.",
    "summary": "Microneedling uses controlled micro-injuries to prompt the skin's own repair. Here is "
    "what it can do for texture, scars and pigmentation, and where the evidence is thinner.",
    "authors": ["lena-hart"],
    "reviewer": "maya-okafor",
    "reviewed": date(2026, 9, 14),
    "published": date(2026, 9, 20),
    "tags": ["microneedling", "collagen", "acne scars"],
    "body": [
        {
            "type": "heading",
            "value": {"text": "What microneedling does", "level": "h2", "anchor": ""},
        },
        {
            "type": "paragraph",
            "value": _p(
                "A microneedling session passes a grid of very fine needles over the skin.",
                "Each needle leaves a channel far narrower than a pore, and the skin treats the grid "
                "as a small, evenly spread wound.",
                "Repair brings fresh collagen and elastin, which is where the visible changes come from.",
            ),
        },
        {
            "type": "benefits",
            "value": {
                "heading": "The benefits, one by one",
                "intro": _p("Results build over several sessions spaced four to six weeks apart."),
                "items": [
                    {
                        "title": "Firmer, more elastic skin",
                        "explanation": _p(
                            "Fibroblasts respond to the micro-injuries by laying down new collagen and "
                            "elastin, the proteins that keep skin springy as it ages."
                        ),
                        "citations": "1",
                    },
                    {
                        "title": "Smoother texture",
                        "explanation": _p(
                            "Faster cell turnover and remodelled collagen soften roughness and make "
                            "enlarged pores less obvious."
                        ),
                        "citations": "2",
                    },
                    {
                        "title": "Softer acne scars",
                        "explanation": _p(
                            "Rolling and boxcar scars respond best; the new collagen lifts the floor of "
                            "the scar over a course of treatments."
                        ),
                        "citations": "2, 3",
                    },
                    {
                        "title": "More even tone",
                        "explanation": _p(
                            "Pigmented patches can fade as treated skin renews, although sun "
                            "protection matters more than any procedure."
                        ),
                        "citations": "3",
                    },
                    {
                        "title": "Better uptake of serums",
                        "explanation": _p(
                            "For a short time the channels let topical products reach deeper layers, "
                            "which is why clinics pair sessions with simple, sterile serums."
                        ),
                        "citations": "",
                    },
                ],
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "professional",
                "title": "Talk to a professional first",
                "body": _p(
                    "Active acne, eczema, a tendency to keloid scars or blood-thinning medicines "
                    "all change whether microneedling is safe for you."
                ),
            },
        },
        {
            "type": "heading",
            "value": {"text": "The bottom line", "level": "h2", "anchor": "bottom-line"},
        },
        {
            "type": "paragraph",
            "value": _p(
                "Microneedling is one of the better-studied ways to improve texture and scarring "
                "without a long recovery.",
                "Ask a licensed practitioner whether it suits your skin and how many sessions to plan for.",
            ),
        },
        {
            "type": "faq",
            "value": {
                "heading": "Frequently asked questions",
                "items": [
                    {
                        "question": "How many sessions will I need?",
                        "answer": _p(
                            "Most plans use three to six sessions, four to six weeks apart."
                        ),
                    },
                    {
                        "question": "Does it hurt?",
                        "answer": _p(
                            "With a numbing cream most people describe pressure and warmth, not pain."
                        ),
                    },
                ],
            },
        },
        _citations([0, 1, 2]),
    ],
}

PHASES_ARTICLE = {
    "slug": "skin-recovery-phases",
    "title": "How Skin Heals After Microneedling: The Three Phases",
    "dek": "From the first hour to the third month: what is happening under the surface.",
    "summary": "Healing after microneedling follows the same three phases as any wound. Knowing the "
    "timeline tells you what is normal and when to call your practitioner.",
    "authors": ["lena-hart", "maya-okafor"],
    "reviewer": "maya-okafor",
    "reviewed": date(2026, 10, 2),
    "published": date(2026, 10, 5),
    "tags": ["microneedling", "aftercare", "healing"],
    "body": [
        {
            "type": "paragraph",
            "value": _p(
                "Skin does not wait until the end of a session to start repairing itself.",
                "The response begins within minutes and carries on for months, in phases that overlap.",
            ),
        },
        {
            "type": "phases",
            "value": {
                "heading": "The healing timeline",
                "intro": "",
                "items": [
                    {
                        "name": "Inflammatory phase",
                        "label": "straight away",
                        "start": {"value": 0, "unit": "hours"},
                        "end": {"value": 3, "unit": "days"},
                        "description": _p(
                            "Blood flow rises, so redness, warmth and mild swelling are expected. "
                            "Immune cells clear debris and release signals that wake up fibroblasts."
                        ),
                    },
                    {
                        "name": "Proliferative phase",
                        "label": "within a few days",
                        "start": {"value": 2, "unit": "days"},
                        "end": {"value": 3, "unit": "weeks"},
                        "description": _p(
                            "Fibroblasts multiply and lay down new collagen and elastin. "
                            "The surface looks normal again, but the rebuilding has only started."
                        ),
                    },
                    {
                        "name": "Remodelling phase",
                        "label": "over weeks to months",
                        "start": {"value": 3, "unit": "weeks"},
                        "end": {"value": 6, "unit": "months"},
                        "description": _p(
                            "The new collagen matures and reorganises into a tighter network, which is "
                            "when firmness and scar softening become visible."
                        ),
                    },
                ],
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "warning",
                "title": "Signs that are not normal",
                "body": _p(
                    "Spreading redness after day three, pus, fever or pain that gets worse "
                    "need a call to your practitioner the same day."
                ),
            },
        },
        {
            "type": "heading",
            "value": {"text": "Aftercare that helps each phase", "level": "h2", "anchor": ""},
        },
        {
            "type": "paragraph",
            "value": _p(
                "Keep the first day simple: a gentle cleanser, a plain moisturiser and no makeup.",
                "Skip acids and retinoids for a week, and wear a broad-spectrum sunscreen every day.",
            ),
        },
        _citations([0, 1]),
    ],
}

HOME_VS_CLINIC_ARTICLE = {
    "slug": "home-vs-clinic-microneedling",
    "title": "Microneedling at Home or in a Clinic: What Actually Changes",
    "dek": "Needle length, hygiene and expectations: a plain comparison.",
    "summary": "Home rollers and clinic pens share a principle but not a depth. Here is how to choose "
    "safely, and which results each can realistically give.",
    "authors": ["lena-hart"],
    "reviewer": None,
    "reviewed": None,
    "published": date(2026, 10, 28),
    "tags": ["microneedling", "home devices"],
    "body": [
        {
            "type": "heading",
            "value": {"text": "Depth is the big difference", "level": "h2", "anchor": ""},
        },
        {
            "type": "paragraph",
            "value": _p(
                "Home tools usually stop at 0.25 to 0.5 mm, enough to help products absorb.",
                "Clinic devices reach 1 to 2.5 mm, the range used for scars, and need sterile technique.",
            ),
        },
        {
            "type": "quote",
            "value": {
                "quote": "Short needles at home, long needles in the clinic: that single rule prevents "
                "most of the problems I see.",
                "attribution": "Dr Maya Okafor",
                "role": "Dermatologist",
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "tip",
                "title": "Replace, don't reuse",
                "body": _p(
                    "Change a home roller head every few uses and disinfect it after each one."
                ),
            },
        },
        {"type": "heading", "value": {"text": "Which one suits you", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": _p(
                "If you want a glow and better serum uptake, a short home roller used carefully is reasonable.",
                "For scars or deeper lines, book a consultation: depth and hygiene are what make it work.",
            ),
        },
    ],
}

PEN_REVIEW = {
    "slug": "lumen-glide-pen-review",
    "title": "Lumen Glide Microneedling Pen Review",
    "dek": "A quiet, adjustable pen that suits careful beginners, with one real drawback.",
    "summary": "We used the Lumen Glide for eight weeks at its shortest settings. It is easy to "
    "control and clean, though the cartridges are pricey.",
    "authors": ["lena-hart"],
    "reviewer": "maya-okafor",
    "reviewed": date(2026, 11, 3),
    "published": date(2026, 11, 6),
    "tags": ["microneedling", "home devices", "reviews"],
    "product": {
        "product_name": "Lumen Glide",
        "brand": "Lumen Skin Tools",
        "category": "microneedling_pen",
        "rating": "4.2",
        "rating_scale": 5,
        "verdict": "A well-made pen with precise depth control. Stay at the short settings unless "
        "a professional is guiding you.",
        "needle_count": 12,
        "needle_length_min_mm": "0.25",
        "needle_length_max_mm": "2.50",
        "speed_settings": 6,
        "power_source": "rechargeable",
        "price": "89.00",
        "currency": "USD",
        "pros": ["Depth dial clicks firmly into place", "Quiet motor", "Sealed cartridges"],
        "cons": ["Cartridges cost more than rivals'", "No travel case"],
        "buy_links": [
            (
                "Lumen Skin Tools shop",
                "https://shop.lumenskintools.example/glide",
                "$89 at review time",
            )
        ],
    },
    "body": [
        {"type": "heading", "value": {"text": "How we tested", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": _p(
                "Two testers used the pen weekly at 0.25 mm and 0.5 mm for eight weeks, following the "
                "maker's cleaning instructions.",
                "We noted comfort, noise, redness the next day and how easy the cartridges were to change.",
            ),
        },
        {
            "type": "benefits",
            "value": {
                "heading": "What we liked",
                "intro": "",
                "items": [
                    {
                        "title": "Precise depth",
                        "explanation": _p("Each step of the dial is marked and firm."),
                        "citations": "",
                    },
                    {
                        "title": "Easy hygiene",
                        "explanation": _p("Sealed single-use cartridges snap in cleanly."),
                        "citations": "",
                    },
                ],
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "professional",
                "title": "Longer needles belong in a clinic",
                "body": _p("Settings above 0.5 mm should only be used by a trained practitioner."),
            },
        },
    ],
}

ROLLER_REVIEW = {
    "slug": "classic-192-derma-roller-review",
    "title": "Classic 192-Needle Derma Roller Review",
    "dek": "The standard roller design, tested for comfort and durability.",
    "summary": "A simple titanium roller with the usual 192 needles. Cheap and effective for "
    "product absorption, if you replace it often.",
    "authors": ["lena-hart"],
    "reviewer": "maya-okafor",
    "reviewed": date(2026, 11, 10),
    "published": date(2026, 11, 12),
    "tags": ["derma rollers", "home devices", "reviews"],
    "product": {
        "product_name": "Classic 192 Roller",
        "brand": "Dermaline",
        "category": "derma_roller",
        "rating": "3.6",
        "rating_scale": 5,
        "verdict": "Fine for a glow at 0.25 mm; the head dulls quickly, so budget for replacements.",
        "needle_count": 192,
        "needle_length_min_mm": "0.25",
        "needle_length_max_mm": "0.25",
        "speed_settings": None,
        "power_source": "manual",
        "price": "19.50",
        "currency": "USD",
        "pros": ["Inexpensive", "Light and easy to hold"],
        "cons": ["Needles dull after a few weeks", "Rolling can drag on the skin"],
        "buy_links": [],
    },
    "body": [
        {
            "type": "paragraph",
            "value": _p(
                "The roller carries 192 titanium needles on a small drum.",
                "We used the 0.25 mm version twice a week for a month before a serum.",
            ),
        },
    ],
}

POSTS = [BENEFITS_ARTICLE, PHASES_ARTICLE, HOME_VS_CLINIC_ARTICLE, PEN_REVIEW, ROLLER_REVIEW]

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
