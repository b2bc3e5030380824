"""The content API benchmark's corpus: seeded articles and reviews with realistic bodies."""

from __future__ import annotations

import io
import random

from benchmarks.corpus_bulk import post_dates, reset_site

WORDS = (  # noqa: SIM905 - prose, easier to edit as a string
    "skin barrier collagen elastin microneedling serum retinol niacinamide hydration redness "
    "texture pores scarring pigmentation sunscreen cleanser moisturiser ceramides peptides "
    "inflammation healing session needle depth clinic esthetician dermatologist routine "
    "gentle results weeks evidence study patients treatment aftercare irritation tone "
    "firmness fibroblasts channels repair sterile cartridge roller pen settings"
).split()
TAGS = [
    "microneedling", "collagen", "acne scars", "aftercare", "home devices", "serums",
    "sunscreen", "pigmentation", "rosacea", "retinoids", "hydration", "barrier repair",
    "reviews", "clinic treatments", "sensitive skin", "ageing", "texture", "evidence",
]  # fmt: skip


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, link_ids: list[int]) -> str:
    parts = [sentence(rng, rng.randint(12, 22)) for _ in range(rng.randint(4, 6))]
    if link_ids:
        target = rng.choice(link_ids)
        parts.insert(
            1, f'See <a linktype="page" id="{target}">our guide to {rng.choice(WORDS)}</a>.'
        )
    parts.append(
        f'<a href="https://pubmed.ncbi.nlm.nih.gov/{rng.randint(10**6, 10**7)}/">Study</a>.'
    )
    return "<p>" + " ".join(parts) + "</p>"


def html(rng: random.Random, words: int) -> str:
    return f"<p>{sentence(rng, words)}</p>"


def title(rng: random.Random, words: int) -> str:
    return sentence(rng, words).rstrip(".")


def citation(rng: random.Random) -> dict:
    return {
        "authors": f"{rng.choice(WORDS).title()} A, {rng.choice(WORDS).title()} B",
        "title": title(rng, 8),
        "publisher": f"Journal of {rng.choice(WORDS).title()} Dermatology",
        "year": rng.randint(1995, 2025),
        "doi": f"10.{rng.randint(1000, 9999)}/jd.{rng.randint(100, 999)}",
        "pmid": str(rng.randint(10**6, 10**7)),
        "url": "",
    }


def phase(rng: random.Random, name: str, label: str, start: tuple, end: tuple) -> dict:
    return {
        "name": name,
        "label": label,
        "start": {"value": start[0], "unit": start[1]},
        "end": {"value": end[0], "unit": end[1]},
        "description": html(rng, 18),
    }


def body(rng: random.Random, link_ids: list[int], images: list) -> list[tuple]:
    """Fifteen blocks of every kind an article uses, with internal and external links."""
    benefits = [
        {"title": title(rng, 3), "explanation": html(rng, 25), "citations": str(rng.randint(1, 3))}
        for _ in range(5)
    ]
    phases = [
        phase(rng, "Inflammatory", "straight away", (0, "hours"), (3, "days")),
        phase(rng, "Proliferative", "within days", (3, "days"), (3, "weeks")),
        phase(rng, "Remodelling", "over months", (3, "weeks"), (None, "months")),
    ]
    faq = [{"question": title(rng, 6) + "?", "answer": html(rng, 22)} for _ in range(3)]
    image = {
        "image": rng.choice(images),
        "alt_text": sentence(rng, 6),
        "caption": sentence(rng, 5),
        "attribution": "",
    }
    callout = {"kind": "professional", "title": "See a professional", "body": html(rng, 20)}
    return [
        ("heading", {"text": title(rng, 4), "level": "h2", "anchor": ""}),
        ("paragraph", paragraph(rng, link_ids)),
        ("paragraph", paragraph(rng, link_ids)),
        ("image", image),
        ("benefits", {"heading": "Benefits", "intro": html(rng, 14), "items": benefits}),
        ("heading", {"text": title(rng, 3), "level": "h2", "anchor": ""}),
        ("paragraph", paragraph(rng, link_ids)),
        ("phases", {"heading": "Recovery timeline", "intro": "", "items": phases}),
        ("callout", callout),
        ("heading", {"text": title(rng, 3), "level": "h3", "anchor": ""}),
        ("paragraph", paragraph(rng, link_ids)),
        ("paragraph", paragraph(rng, link_ids)),
        ("faq", {"heading": "Frequently asked questions", "items": faq}),
        ("citations", {"heading": "References", "items": [citation(rng) for _ in range(3)]}),
    ]


def png(size: tuple[int, int], colour: tuple[int, int, int]):
    from django.core.files.images import ImageFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return ImageFile(buffer, name="bench.png")


def build_corpus(articles: int, seed: int = 7) -> dict:
    """Site, authors, images and `articles` posts (every tenth a review), all published."""
    from decimal import Decimal

    from django.utils import timezone
    from wagtail.images import get_image_model

    from blog.models import ArticleAuthor, ArticlePage, Author, ProductReviewPage, ReviewBuyLink

    rng = random.Random(seed)
    Image = get_image_model()
    index = reset_site()
    heroes = [
        Image.objects.create(title=f"Hero {i}", file=png((1600, 900), (200, 120 + i, 140)))
        for i in range(40)
    ]
    authors = []
    for i in range(8):
        photo = Image.objects.create(title=f"Photo {i}", file=png((400, 400), (120, 150, 160 + i)))
        author = Author(
            name=f"Author {i}",
            slug=f"author-{i}",
            credentials="Licensed esthetician" if i % 2 else "MD",
            role="Writer",
            can_review=i < 3,
            live=True,
            bio=html(rng, 20),
            website=f"https://author{i}.example/",
            photo=photo,
        )
        author.save()
        authors.append(author)
    ids: list[int] = []
    now = timezone.now()
    for i in range(articles):
        review = i % 10 == 9
        model = ProductReviewPage if review else ArticlePage
        fields = {
            "title": f"{title(rng, rng.randint(4, 8))} ({i})",
            "slug": f"post-{i}",
            "dek": sentence(rng, 12),
            "summary": sentence(rng, 30),
            "hero_image": rng.choice(heroes),
            "hero_alt": sentence(rng, 6),
            "body": body(rng, ids[-200:], heroes),
            # Spread over past days: a day per post from 2020 ran into the future (and review
            # dates may not) past about 2,400 posts.
            "published_date": post_dates(i, articles, now.date()),
            "medical_reviewer": authors[i % 3] if i % 2 else None,
            "last_reviewed": post_dates(i, articles, now.date()) if i % 2 else None,
            "first_published_at": now,
            "last_published_at": now,
            "live": True,
        }
        if review:
            fields.update(
                product_name=f"Device {i}",
                brand="Lumen",
                category="microneedling_pen",
                rating=Decimal("4.2"),
                verdict=sentence(rng, 20),
                price=Decimal("89.00"),
            )
        page = model(**fields)
        page.article_authors = [
            ArticleAuthor(author=author, sort_order=n)
            for n, author in enumerate(rng.sample(authors, 2))
        ]
        if review:
            page.buy_links = [
                ReviewBuyLink(retailer="Shop", url=f"https://shop.example/{i}", sort_order=0)
            ]
        page.tags.set(rng.sample(TAGS, 3))
        index.add_child(instance=page)
        ids.append(page.pk)
    return {"ids": ids, "index": index}
