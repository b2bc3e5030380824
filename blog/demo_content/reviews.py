"""Demo product reviews: a microneedling pen and a derma roller."""

from __future__ import annotations

from datetime import date

from .people import _p

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
    "palette": ((214, 226, 238), (245, 248, 251), (52, 104, 150)),
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
                "Price checked 3 November 2026",
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
    "palette": ((230, 226, 214), (250, 248, 242), (150, 120, 60)),
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
        {"type": "heading", "value": {"text": "What we found", "level": "h2", "anchor": ""}},
        {
            "type": "paragraph",
            "value": _p(
                "At this length the roller does not reach the layer where collagen is made, so "
                "do not expect scar or wrinkle changes.",
                "What it does well is help a hydrating serum absorb: skin looked plumper the "
                "next morning on the nights we used it.",
                "By the fourth week the needles dragged instead of gliding, a sign that the tips "
                "had dulled and it was time for a new head.",
            ),
        },
        {
            "type": "callout",
            "value": {
                "kind": "tip",
                "title": "Keep it clean",
                "body": _p(
                    "Soak the head in 70% alcohol for ten minutes after each use, let it air-dry "
                    "in its case and never share it."
                ),
            },
        },
    ],
}
