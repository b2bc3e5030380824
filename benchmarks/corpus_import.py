"""A synthetic WordPress export (WXR) of N skincare posts, written item by item to a file.

Posts rotate through the shapes the importer recovers (benefits list, timeline, FAQ, review
with specs) with seeded variation, plus the residue real exports carry (share blocks, related
posts, comment prompts), so parsing and writing do the work they do on a real export.
"""

from __future__ import annotations

import random
from pathlib import Path
from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" \
xmlns:content="http://purl.org/rss/1.0/modules/content/" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench Skin Blog</title><wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>ana</wp:author_login><wp:author_display_name>Ana Ruiz</wp:author_display_name></wp:author>
<wp:author><wp:author_login>team</wp:author_login>\
<wp:author_display_name>Clinic Team</wp:author_display_name></wp:author>
"""
TAIL = "</channel>\n</rss>\n"
TOPICS = [
    "microneedling",
    "retinol",
    "chemical peels",
    "LED therapy",
    "niacinamide",
    "dermaplaning",
]
BENEFITS = [
    ("Firmer skin", "New collagen makes the cheeks and jawline feel springier over a few months."),
    ("Smaller-looking pores", "As the skin thickens around them, pores look tighter."),
    ("Softer scars", "Shallow acne scars lift gradually as new tissue fills them."),
    ("Even tone", "Dark marks fade as pigmented cells are replaced more often."),
    ("Better absorption", "Serums reach deeper layers for a short window afterwards."),
]
PHASES = [
    ("Days 1–2", "Skin looks and feels like a mild sunburn; keep it clean and hydrated."),
    ("Days 3–5", "Redness fades and light flaking begins; do not pick at it."),
    ("Week 2", "Texture starts to improve as collagen forms under the surface."),
    ("Weeks 4–6", "The full result keeps developing for several months."),
]
FAQ = [
    ("Does it hurt?", "Most people describe a light scratching feeling under numbing cream."),
    ("How many sessions do I need?", "Three to six sessions, four weeks apart, suit most skin."),
    ("When can I wear makeup?", "Wait at least 24 hours so the skin can close over."),
]
RESIDUE = (
    '<div class="sharedaddy"><h3>Share this:</h3><ul><li>Facebook</li><li>X</li></ul></div>'
    "<p>Related Posts:</p><p>Spring skincare checklist</p><p>Laser hair removal myths</p>"
    "<p>Leave a Reply</p>"
)


def _content(n: int, rng: random.Random) -> tuple[str, str]:
    topic = rng.choice(TOPICS)
    shape = n % 4
    intro = (
        f"<p>{topic.capitalize()} is one of our most requested treatments, and post {n} "
        "explains what it does and what to expect afterwards.</p>"
    )
    if shape == 0:
        title = f"{len(BENEFITS)} Benefits of {topic.title()} ({n})"
        items = "".join(f"<li><strong>{t}</strong>: {e}</li>" for t, e in BENEFITS)
        body = f"<h2>Benefits of {topic}</h2><ol>{items}</ol>"
    elif shape == 1:
        title = f"{topic.title()} Recovery Timeline ({n})"
        body = "<h2>Recovery timeline</h2>" + "".join(
            f"<h3>{label}</h3><p>{text}</p>" for label, text in PHASES
        )
    elif shape == 2:
        title = f"{topic.title()} Questions We Hear Every Week ({n})"
        body = "".join(f"<h3>{q}</h3><p>{a}</p>" for q, a in FAQ)
    else:
        title = f"Aura Pen {n} Review"
        body = (
            "<p>Rating: 4/5</p><h2>Specifications</h2><ul><li>Needle length: 0.25–2.0 mm</li>"
            f"<li>Needle count: {rng.choice([12, 16, 24])}</li><li>Price: ${rng.randint(49, 199)}</li></ul>"
            "<h2>Pros</h2><ul><li>Quiet motor</li><li>Precise depth dial</li></ul>"
            "<h2>Cons</h2><ul><li>Short cable</li></ul>"
            "<h2>Verdict</h2><p>A comfortable pen with precise depth control for its price.</p>"
        )
    paragraphs = "".join(
        f"<p>Paragraph {k} about {topic}: keep the skin clean, wear sunscreen every day and "
        "follow the aftercare your clinic gives you.</p>"
        for k in range(rng.randint(3, 8))
    )
    return title, intro + body + paragraphs + RESIDUE


def write_export(path: Path, count: int, seed: int = 7) -> Path:
    """Write an export of `count` posts to `path`, one item at a time (flat memory)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(count):
            title, content = _content(n, rng)
            month, day = 1 + n % 12, 1 + n % 28
            out.write(
                f"<item><title>{escape(title)}</title>"
                f"<link>https://bench.example/post-{n}/</link>"
                f'<guid isPermaLink="false">https://bench.example/?p={n}</guid>'
                f"<dc:creator>{'ana' if n % 3 else 'team'}</dc:creator>"
                f"<wp:post_date>2024-{month:02d}-{day:02d} 09:00:00</wp:post_date>"
                "<wp:post_type>post</wp:post_type><wp:status>publish</wp:status>"
                f"<content:encoded><![CDATA[{content}]]></content:encoded></item>\n"
            )
        out.write(TAIL)
    return path
