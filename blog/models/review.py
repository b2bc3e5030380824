"""Product reviews: an article plus the product, a rating, typed specs and sponsored buy links."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from blog.api_fields import ImageRenditionsField, SafeURLField
from pages.content import stream_text
from pages.validators import validate_web_url

from .article import ArticlePage
from .choices import CATEGORY_CHOICES, CURRENCY_CHOICES, POWER_CHOICES


@dataclass(frozen=True)
class Spec:
    """One product specification with its unit, for templates and the API."""

    key: str
    label: str
    value: str
    unit: str = ""


class ProductReviewPage(ArticlePage):
    """A review of a skincare product or tool."""

    product_name = models.CharField(max_length=160)
    brand = models.CharField(max_length=120, blank=True)
    category = models.CharField(max_length=40, choices=CATEGORY_CHOICES, default="other")
    rating = models.DecimalField(
        max_digits=3, decimal_places=1, validators=[MinValueValidator(Decimal(0))]
    )
    rating_scale = models.PositiveSmallIntegerField(
        choices=[(5, _("out of 5")), (10, _("out of 10"))], default=5
    )
    pros = StreamField([("point", blocks.CharBlock(max_length=200))], blank=True)
    cons = StreamField([("point", blocks.CharBlock(max_length=200))], blank=True)
    verdict = models.TextField(help_text=_("The bottom line in two or three sentences."))
    product_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The product itself, shown beside the verdict. Blank: the hero image."),
    )
    product_image_alt = models.CharField(
        max_length=250,
        blank=True,
        help_text=_("Describe the product image, e.g. 'The pen with its depth dial'."),
    )

    needle_count = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("E.g. 192 for a standard roller.")
    )
    needle_length_min_mm = models.DecimalField(
        _("shortest needle (mm)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal("5"))],
    )
    needle_length_max_mm = models.DecimalField(
        _("longest needle (mm)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(Decimal("5"))],
    )
    speed_settings = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(50)]
    )
    power_source = models.CharField(max_length=30, choices=POWER_CHOICES, blank=True)
    price = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES, default="USD")
    disclosure = models.TextField(
        blank=True,
        help_text=_("Shown with buy links. Leave blank to use the site's default disclosure."),
    )

    product_panels = [
        MultiFieldPanel(
            [
                FieldPanel("product_name"),
                FieldPanel("brand"),
                FieldPanel("category"),
                FieldPanel("product_image"),
                FieldPanel("product_image_alt"),
            ],
            heading=_("Product"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("rating"), FieldPanel("rating_scale")]),
                FieldPanel("verdict"),
            ],
            heading=_("Verdict"),
        ),
        FieldPanel("pros"),
        FieldPanel("cons"),
        MultiFieldPanel(
            [
                FieldPanel("needle_count"),
                FieldRowPanel(
                    [FieldPanel("needle_length_min_mm"), FieldPanel("needle_length_max_mm")]
                ),
                FieldPanel("speed_settings"),
                FieldPanel("power_source"),
                FieldRowPanel([FieldPanel("price"), FieldPanel("currency")]),
            ],
            heading=_("Specifications"),
        ),
        MultiFieldPanel(
            [InlinePanel("buy_links", label=_("Buy link")), FieldPanel("disclosure")],
            heading=_("Where to buy (always marked sponsored)"),
        ),
    ]
    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("product_name", boost=3),
        index.AutocompleteField("product_name"),
        index.SearchField("brand", boost=2),
        index.SearchField("verdict"),
        index.FilterField("category"),
    ]
    api_fields = [
        *ArticlePage.api_fields,
        *(
            APIField(name)
            for name in (
                "product_name",
                "brand",
                "category",
                "rating",
                "rating_scale",
                "verdict",
                "product_image_alt",
                "pros",
                "cons",
                "needle_count",
                "needle_length_min_mm",
                "needle_length_max_mm",
                "speed_settings",
                "power_source",
                "price",
                "currency",
                "disclosure",
                "buy_links",
            )
        ),
        APIField("product_image", serializer=ImageRenditionsField()),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types: list[str] = []
    JOINED_RELATIONS = (*ArticlePage.JOINED_RELATIONS, "product_image")

    class Meta:
        verbose_name = _("product review")

    def clean(self):
        errors: dict[str, list] = {}
        try:
            super().clean()
        except ValidationError as err:
            errors.update(err.update_error_dict({}))
        if self.rating is not None and self.rating > self.rating_scale:
            errors.setdefault("rating", []).append(
                _("The rating cannot be above the scale (%(scale)d).")
                % {"scale": self.rating_scale}
            )
        low, high = self.needle_length_min_mm, self.needle_length_max_mm
        if low is not None and high is not None and low > high:
            errors.setdefault("needle_length_max_mm", []).append(
                _("The longest needle cannot be shorter than the shortest.")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def shown_product_image(self):
        """The picture beside the verdict (site, API, JSON-LD): the product's, else the hero."""
        return self.product_image if self.product_image_id else self.hero_image

    @property
    def shown_product_image_alt(self) -> str:
        return self.product_image_alt if self.product_image_id else self.hero_alt

    @property
    def rating_percent(self) -> int:
        return round(float(self.rating or 0) / self.rating_scale * 100)

    @property
    def needle_length_range(self) -> str:
        low, high = self.needle_length_min_mm, self.needle_length_max_mm
        if low is None and high is None:
            return ""
        if low is None or high is None or low == high:
            return f"{(low if low is not None else high).normalize():f}"
        return f"{low.normalize():f}–{high.normalize():f}"

    def specs(self) -> list[Spec]:
        """The specifications that are filled in, in display order."""
        rows = [
            Spec("needle_count", _("Needles"), str(self.needle_count) if self.needle_count else ""),
            Spec("needle_length", _("Needle length"), self.needle_length_range, "mm"),
            Spec(
                "speed_settings",
                _("Speed settings"),
                str(self.speed_settings) if self.speed_settings else "",
            ),
            Spec(
                "power_source",
                _("Power"),
                self.get_power_source_display() if self.power_source else "",
            ),
            Spec(
                "price",
                _("Price"),
                f"{self.price:.2f}" if self.price is not None else "",
                self.currency,
            ),
        ]
        return [row for row in rows if row.value]

    def reading_texts(self) -> list[str]:
        """The body, then the verdict, pros and cons the page shows above and beside it."""
        return [
            *super().reading_texts(),
            self.verdict,
            stream_text(self.pros.raw_data, self.pros.stream_block),
            stream_text(self.cons.raw_data, self.cons.stream_block),
        ]

    def disclosure_text(self, site_default: str = "") -> str:
        return self.disclosure or site_default


ProductReviewPage.edit_handler = ProductReviewPage.tabs(
    ObjectList(ProductReviewPage.product_panels, heading=_("Product"))
)


class ReviewBuyLink(Orderable):
    """A retailer link; always rendered as sponsored and nofollow."""

    page = ParentalKey(ProductReviewPage, related_name="buy_links", on_delete=models.CASCADE)
    retailer = models.CharField(max_length=80)
    url = models.URLField(max_length=500, validators=[validate_web_url])
    price_note = models.CharField(
        max_length=60, blank=True, help_text=_("E.g. '$39 at the time of writing'.")
    )
    # Values are schema.org ItemAvailability names, so structured data states them as they are.
    availability = models.CharField(
        max_length=20,
        choices=[
            ("InStock", _("In stock")),
            ("OutOfStock", _("Out of stock")),
            ("PreOrder", _("Pre-order")),
            ("Discontinued", _("Discontinued")),
        ],
        default="InStock",
        help_text=_("As the retailer shows it; search engines read it from the page's data."),
    )

    panels = [
        FieldPanel("retailer"),
        FieldPanel("url"),
        FieldPanel("price_note"),
        FieldPanel("availability"),
    ]
    api_fields = [
        APIField("retailer"),
        APIField("url", serializer=SafeURLField()),
        APIField("price_note"),
        APIField("availability"),
    ]

    rel = "sponsored nofollow"
