"""Build the demo site from `demo_content`; safe to run again (finds what exists by slug)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from pages.models import HomePage, StandardPage

from . import demo_content as content
from .demo_content import images
from .models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    AuthorProfileLink,
    BlogIndexPage,
    ProductReviewPage,
    ReviewBuyLink,
)
from .models.choices import CATEGORY_CHOICES
from .pictures import make_post_renditions

# Where `make demo` serves by default (its HOST and PORT).
DEMO_HOST = "127.0.0.1"
DEMO_PORT = 8000


@dataclass
class DemoReport:
    """What a run created, so the command can say so."""

    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    site: Site | None = None

    def note(self, created: bool, label: str) -> None:
        (self.created if created else self.existing).append(label)


def _image(title: str, png: Callable[[], bytes]):
    """The Wagtail image with this title, created from png() the first time."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")
    return image_model.objects.create(
        title=title, file=ImageFile(io.BytesIO(png()), name=f"{slug[:60]}.png")
    )


def _author(data: dict, report: DemoReport) -> Author:
    author = Author.objects.filter(slug=data["slug"]).first()
    if author:
        report.note(False, f"author {author.name}")
        return author
    author = Author(
        name=data["name"],
        slug=data["slug"],
        role=data["role"],
        credentials=data["credentials"],
        bio=data["bio"],
        website=data["website"],
        can_review=data["can_review"],
        photo=_image(
            f"Portrait of {data['name']}", lambda: images.portrait_png(data["name"], data["colour"])
        ),
    )
    author.profile_links = [AuthorProfileLink(label=label, url=url) for label, url in data["links"]]
    author.expertise.set(data["expertise"])
    author.save()
    author.save_revision().publish()
    report.note(True, f"author {author.name}")
    return author


def _home(report: DemoReport) -> HomePage:
    home = HomePage.objects.filter(depth=2).first()
    if home:
        report.note(False, "home page")
        return home
    root = Page.get_first_root_node()
    # Wagtail's migrations leave a plain "Welcome" page at /home/; the demo home replaces it.
    # Deleting it also deletes the default Site, which is recreated below.
    for welcome in root.get_children().filter(slug="home").exact_type(Page):
        welcome.delete()
    home = HomePage(
        title="Skin Notes",
        slug="home",
        hero_heading="Skin care, explained by people who treat skin",
        intro="Medically reviewed guides to treatments, healing and the tools you can use at home.",
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    report.note(True, "home page")
    return home


def _site(home: HomePage, host: str, port: int, report: DemoReport) -> Site:
    """The default Site, at the address the demo is served on.

    Wagtail builds every absolute URL from it (canonical links, sitemap, feeds, JSON-LD, the
    APIs' urls and image renditions), so it must name the host and port runserver listens on.
    """
    site, created = Site.objects.get_or_create(
        is_default_site=True,
        defaults={"hostname": host, "port": port, "root_page": home, "site_name": "Skin Notes"},
    )
    if not created and (site.hostname, site.port) != (host, port):
        site.hostname, site.port = host, port
        site.save()
        created = True
    report.note(created, f"site at {site.root_url}/")
    return site


def _child(parent: Page, model, slug: str, report: DemoReport, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        report.note(False, f"{model._meta.verbose_name} {slug}")
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    report.note(True, f"{model._meta.verbose_name} {slug}")
    return page, True


def _post(index: BlogIndexPage, data: dict, authors: dict[str, Author], report: DemoReport) -> None:
    product = data.get("product")
    model = ProductReviewPage if product else ArticlePage
    fields = {
        "title": data["title"],
        "dek": data["dek"],
        "summary": data["summary"],
        "body": data["body"],
        "published_date": data["published"],
        "medical_reviewer": authors.get(data["reviewer"]) if data["reviewer"] else None,
        "last_reviewed": data["reviewed"],
        # Abstract pictures: decorative, so their alt text is empty on purpose.
        "hero_image": _image(
            f"Hero: {data['title']}", lambda: images.hero_png(data["slug"], data["palette"])
        ),
        "hero_alt": "",
    }
    if product:
        fields.update({k: v for k, v in product.items() if k not in {"pros", "cons", "buy_links"}})
        for key in ("rating", "needle_length_min_mm", "needle_length_max_mm", "price"):
            fields[key] = Decimal(product[key]) if product[key] is not None else None
        fields["pros"] = [("point", text) for text in product["pros"]]
        fields["cons"] = [("point", text) for text in product["cons"]]
        fields["product_image"] = _image(
            f"Product: {product['product_name']}",
            lambda: images.product_png(product["category"], data["palette"]),
        )
        kind = dict(CATEGORY_CHOICES)[product["category"]]
        fields["product_image_alt"] = f"The {product['product_name']}, {str(kind).lower()}"
    page, created = _child(index, model, data["slug"], report, **fields)
    if not created:
        return
    page.article_authors = [
        ArticleAuthor(author=authors[slug], sort_order=i) for i, slug in enumerate(data["authors"])
    ]
    if product:
        page.buy_links = [
            ReviewBuyLink(retailer=retailer, url=url, price_note=note, sort_order=i)
            for i, (retailer, url, note) in enumerate(product["buy_links"])
        ]
    page.tags.set(data["tags"])
    page.save_revision().publish()
    # Made now rather than on the first visit, which would otherwise wait seconds for them.
    make_post_renditions(page)


@transaction.atomic
def load_demo(host: str = DEMO_HOST, port: int = DEMO_PORT) -> DemoReport:
    """Create the demo site served at host:port; existing objects (by slug) are left as they
    are, except the default Site's address, which follows host and port."""
    report = DemoReport()
    authors = {data["slug"]: _author(data, report) for data in content.AUTHORS}
    home = _home(report)
    report.site = _site(home, host, port, report)
    index, created = _child(
        home,
        BlogIndexPage,
        "blog",
        report,
        title="Journal",
        intro="Guides, evidence round-ups and honest reviews of skincare tools.",
        show_in_menus=True,
    )
    if created:
        index.save_revision().publish()
    for data in content.POSTS:
        _post(index, data, authors, report)
    for data in content.STANDARD_PAGES:
        page, created = _child(
            home,
            StandardPage,
            data["slug"],
            report,
            title=data["title"],
            intro=data["intro"],
            body=data["body"],
            show_in_menus=True,
        )
        if created:
            page.save_revision().publish()
    return report
