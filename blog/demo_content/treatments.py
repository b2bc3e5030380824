"""Demo posts on clinic treatments and the tools that follow them home: recovery after a peel,
an LED mask and a barrier cream."""

from __future__ import annotations

from datetime import date

from .people import _citations, _p

PEEL_ARTICLE = {
    "slug": "after-a-chemical-peel",
    "title": "After a Chemical Peel: A Day-by-Day Recovery Guide",
    "dek": "Tightness, flaking, then fresh skin: what each day looks like and how to help it.",
    "summary": "A light or medium peel follows a predictable course. Knowing which day brings "
    "what keeps you from picking, over-treating or panicking.",
    "authors": ["priya-raman"],
    "reviewer": "maya-okafor",
    "reviewed": date(2026, 11, 18),
    "published": date(2026, 11, 20),
    "tags": ["chemical peels", "aftercare", "healing"],
    "palette": ((240, 214, 208), (252, 244, 240), (196, 106, 84)),
    "body": [
        {
            "type": "paragraph",
            "value": _p(
                "A chemical peel removes a controlled depth of skin so that smoother, more even "
                "skin can replace it.",
                "How you look after the first week depends mostly on the depth of the peel and "
                "on leaving the peeling skin alone.",
            ),
        },
        {
            "type": "phases",
            "value": {
                "heading": "Recovery, day by day",
                "intro": _p("For a light to medium-depth peel; deeper peels take longer."),
                "items": [
                    {
                        "name": "Tight and pink",
                        "label": "the day of the peel",
                        "start": {"value": 0, "unit": "days"},
                        "end": {"value": 1, "unit": "days"},
                        "description": _p(
                            "Skin feels like mild sunburn. Rinse with cool water, apply a "
                            "bland moisturiser and skip everything else."
                        ),
                    },
                    {
                        "name": "Peeling",
                        "label": "usually from the second day",
                        "start": {"value": 2, "unit": "days"},
                        "end": {"value": 5, "unit": "days"},
                        "description": _p(
                            "Flakes start around the mouth and spread outwards. Trim loose "
                            "edges with clean scissors; never pull them."
                        ),
                    },
                    {
                        "name": "Fresh skin",
                        "label": "by the end of the first week",
                        "start": {"value": 5, "unit": "days"},
                        "end": {"value": 14, "unit": "days"},
                        "description": _p(
                            "New skin is smooth but sensitive. Sunscreen is essential; wait for "
                            "your practitioner's go-ahead before restarting actives."
                        ),
                    },
                ],
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "professional",
                "title": "Call the clinic if",
                "body": _p(
                    "you see blisters, yellow crusts, spreading redness or pain that grows "
                    "after the second day."
                ),
            },
        },
        {
            "type": "heading",
            "value": {"text": "What to avoid for a week", "level": "h2", "anchor": ""},
        },
        {
            "type": "paragraph",
            "value": _p(
                "Hot showers, saunas and hard exercise make redness last longer.",
                "Retinoids, acids, scrubs and waxing all wait until the skin has stopped "
                "peeling, and usually a few days more.",
            ),
        },
        _citations([6]),
    ],
}

LED_REVIEW = {
    "slug": "halo-red-led-mask-review",
    "title": "Halo Red LED Mask Review",
    "dek": "Comfortable, well built and gentle. Whether it is worth the money depends on patience.",
    "summary": "We wore the Halo Red mask five times a week for ten weeks. Redness after "
    "treatments calmed faster; changes in fine lines were small.",
    "authors": ["priya-raman"],
    "reviewer": "maya-okafor",
    "reviewed": date(2026, 10, 20),
    "published": date(2026, 10, 22),
    "tags": ["LED therapy", "home devices", "reviews"],
    "palette": ((238, 206, 206), (250, 240, 238), (190, 60, 70)),
    "product": {
        "product_name": "Halo Red",
        "brand": "Lumina Home",
        "category": "led_device",
        "rating": "3.9",
        "rating_scale": 5,
        "verdict": "A comfortable, safe mask that helps skin settle after treatments. Do not "
        "expect it to replace a retinoid for lines.",
        "needle_count": None,
        "needle_length_min_mm": None,
        "needle_length_max_mm": None,
        "speed_settings": None,
        "power_source": "rechargeable",
        "price": "249.00",
        "currency": "USD",
        "pros": ["Light, flexible silicone fit", "Ten-minute sessions", "Eye shields included"],
        "cons": ["Expensive for modest results", "Battery lasts about six sessions"],
        "buy_links": [
            ("Lumina Home", "https://luminahome.example/halo-red", "Price checked 20 October 2026"),
            ("Skin Supply Co", "https://skinsupply.example/lumina-halo", ""),
        ],
    },
    "body": [
        {"type": "heading", "value": {"text": "How we tested", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": _p(
                "Three testers used the mask on clean skin five evenings a week for ten weeks.",
                "One had a light peel in the second week, so we could judge how it helps "
                "recovery; we photographed everyone in the same light every fortnight.",
            ),
        },
        {
            "type": "benefits",
            "value": {
                "heading": "What red light can do",
                "intro": "",
                "items": [
                    {
                        "title": "Calmer skin after treatments",
                        "explanation": _p(
                            "Red and near-infrared light appear to dampen inflammation; our "
                            "peel tester's redness faded a day or two sooner."
                        ),
                        "citations": "1",
                    },
                    {
                        "title": "A modest glow",
                        "explanation": _p(
                            "Testers noticed slightly smoother, brighter skin after six weeks, "
                            "but no change that photos showed clearly."
                        ),
                        "citations": "1",
                    },
                ],
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "warning",
                "title": "Check your medicines",
                "body": _p(
                    "Some drugs make skin sensitive to light. Ask a pharmacist before using any "
                    "LED device if you take one."
                ),
            },
        },
        _citations([7]),
    ],
}

BARRIER_REVIEW = {
    "slug": "ceramide-barrier-cream-review",
    "title": "Calm Barrier Ceramide Cream Review",
    "dek": "A plain, fragrance-free cream that does the unglamorous job very well.",
    "summary": "We used Calm Barrier after peels, microneedling and retinoid nights. It soothed "
    "tight skin without clogging pores, in a tub that is not quite hygienic enough.",
    "authors": ["lena-hart", "priya-raman"],
    "reviewer": "jonas-meyer",
    "reviewed": date(2026, 11, 24),
    "published": date(2026, 11, 26),
    "tags": ["skin barrier", "aftercare", "reviews"],
    "palette": ((222, 232, 214), (248, 250, 244), (110, 140, 80)),
    "product": {
        "product_name": "Calm Barrier Cream",
        "brand": "Verdance",
        "category": "moisturiser",
        "rating": "4.6",
        "rating_scale": 5,
        "verdict": "The cream we now recommend for the first days after any treatment. Buy the "
        "pump version if you can find it.",
        "needle_count": None,
        "needle_length_min_mm": None,
        "needle_length_max_mm": None,
        "speed_settings": None,
        "power_source": "",
        "price": "24.00",
        "currency": "USD",
        "pros": ["No fragrance or essential oils", "Sinks in within a minute", "Fair price"],
        "cons": ["Open tub invites fingers", "Too rich for very oily skin in summer"],
        "buy_links": [
            ("Verdance", "https://verdance.example/calm-barrier", "Price checked 24 November 2026")
        ],
    },
    "body": [
        {
            "type": "paragraph",
            "value": _p(
                "Ceramides, cholesterol and fatty acids are the mortar between skin cells.",
                "After a procedure, or during the first month of a retinoid, that mortar is "
                "thin, water escapes and skin stings.",
                "A cream that replaces them does not feel exciting, which is the point.",
            ),
        },
        {"type": "heading", "value": {"text": "Our experience", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": _p(
                "Four testers used it morning and night for six weeks, including the days after "
                "two peels and one microneedling session.",
                "Nobody reported stinging or breakouts, and the tight feeling after treatments "
                "eased within a day.",
                "The one complaint was the jar: dipping fingers into it after a procedure is not "
                "ideal, so use a clean spatula.",
            ),
        },
        {
            "type": "quote",
            "value": {
                "quote": "After a peel I want the most boring cream in the cabinet. This one is "
                "boring in the best way.",
                "attribution": "Priya Raman",
                "role": "Aesthetic nurse",
            },
        },
    ],
}
