"""Small builders for page trees and admin form data shared by the test packages."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import rich_text

from blog.models import ArticleAuthor, ArticlePage, Author, BlogIndexPage, ProductReviewPage
from pages.models import HomePage


def make_site() -> tuple[HomePage, BlogIndexPage]:
    """A default site with a home page and a live blog index under it."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="test-home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    index = home.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))
    return home, index


def make_author(slug="ana", *, name=None, can_review=False, live=True, **fields) -> Author:
    author = Author.objects.create(
        name=name or slug.title(), slug=slug, can_review=can_review, live=live, **fields
    )
    author.save_revision()
    return author


def make_image(title: str = "Photo", size: tuple[int, int] = (1600, 900)):
    """A real (tiny-file) PNG, so Wagtail can make renditions."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 150, 140)).save(buffer, format="PNG")
    slug = title.lower().replace(" ", "-")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=f"{slug}.png"))


def make_dermatologist(**fields) -> Author:
    """Maya Okafor: a published dermatologist who can review, with a photo and a website; the
    author the profile page, JSON-LD and API directory tests describe (fields override)."""
    fields = {
        "name": "Maya Okafor",
        "role": "Dermatologist",
        "credentials": "MD",
        "website": "https://maya.example/",
        "can_review": True,
        **fields,
    }
    if "photo" not in fields:
        fields["photo"] = make_image("Maya", size=(300, 300))
    return make_author("maya", **fields)


def benefits_value(titles=("Calmer skin", "More hydration"), citations="") -> dict:
    return {
        "heading": "Benefits",
        "intro": "",
        "items": [
            {"title": title, "explanation": f"<p>Why: {title}.</p>", "citations": citations}
            for title in titles
        ],
    }


def phase(name, start, end=None, label=""):
    """A phase value; start/end are (value, unit) tuples or None."""
    as_tf = lambda tf: {"value": tf[0], "unit": tf[1]} if tf else {"value": None, "unit": "days"}  # noqa: E731
    return {
        "name": name,
        "label": label,
        "start": as_tf(start),
        "end": as_tf(end),
        "description": "<p>What happens.</p>",
    }


def phases_value(*phases) -> dict:
    phases = phases or (
        phase("Inflammatory", (0, "hours"), (3, "days")),
        phase("Proliferative", (2, "days"), (3, "weeks")),
        phase("Remodelling", (3, "weeks"), None),
    )
    return {"heading": "Healing timeline", "intro": "", "items": list(phases)}


def sample_body(extra=()) -> list[tuple[str, object]]:
    return [
        ("heading", {"text": "What it does", "level": "h2", "anchor": ""}),
        ("paragraph", "<p>Microneedling makes tiny channels in the skin that prompt repair.</p>"),
        ("benefits", benefits_value()),
        ("phases", phases_value()),
        *extra,
    ]


def make_article(
    index, slug="post", *, authors=(), tags=(), publish=True, model=ArticlePage, **fields
):
    fields.setdefault("title", slug.replace("-", " ").title())
    fields.setdefault("body", sample_body())
    if model is ProductReviewPage:
        fields.setdefault("product_name", "Roller")
        fields.setdefault("rating", Decimal("4.0"))
        fields.setdefault("verdict", "Good.")
    page = model(slug=slug, live=False, **fields)  # as the admin does: live only once published
    page.article_authors = [ArticleAuthor(author=a, sort_order=i) for i, a in enumerate(authors)]
    index.add_child(instance=page)
    if tags:
        page.tags.set(list(tags))
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


# --- admin form data -----------------------------------------------------------------------


def list_block(items: list[dict]) -> dict:
    """ListBlock form data for nested_form_data."""
    data = {
        str(i): {"value": item, "deleted": "", "order": str(i), "id": ""}
        for i, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def benefits_form(titles=("Calmer skin",)) -> dict:
    return {
        "heading": "Benefits",
        "intro": rich_text(""),
        "items": list_block(
            [
                {"title": t, "explanation": rich_text(f"<p>{t} explained.</p>"), "citations": ""}
                for t in titles
            ]
        ),
    }


def phase_form(name, start, end=None) -> dict:
    tf = lambda v: {"value": str(v[0]), "unit": v[1]} if v else {"value": "", "unit": "days"}  # noqa: E731
    return {
        "name": name,
        "label": "",
        "start": tf(start),
        "end": tf(end),
        "description": rich_text("<p>Notes.</p>"),
    }


def phases_form(*phases) -> dict:
    phases = phases or (
        phase_form("Inflammatory", (0, "hours"), (3, "days")),
        phase_form("Remodelling", (3, "weeks")),
    )
    return {"heading": "Timeline", "intro": rich_text(""), "items": list_block(list(phases))}


TODAY = date(2026, 11, 1)
