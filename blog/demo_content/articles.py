"""Demo articles: benefits, healing phases, and a home-versus-clinic comparison."""

from __future__ import annotations

from datetime import date

from .people import _citations, _p

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
    "palette": ((214, 228, 226), (247, 244, 239), (29, 107, 99)),
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
    "palette": ((232, 216, 226), (249, 244, 246), (150, 80, 120)),
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
    "palette": ((226, 222, 238), (246, 245, 250), (96, 86, 160)),
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
