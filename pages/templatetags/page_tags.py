"""Template helpers shared by every page template."""

from django import template
from django.utils.safestring import SafeString, mark_safe
from wagtail.images.image_operations import FormatOperation
from wagtail.images.models import Picture

from pages import citations
from pages.content import CitationLinks, citation_links
from pages.pictures import picture_specs
from pages.renditions import rendition, renditions
from pages.richtext import safe_url as _safe_url
from pages.richtext import sanitise_html
from pages.timeframes import span_label, timeframe_from

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Look a key up in a dict from a template: {{ anchors|get_item:block.id }}."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def sanitised_html(markup) -> SafeString:
    """Front-end HTML through the one sanitiser; Wagtail's richtext output passes through it.

    `templates/wagtailcore/shared/richtext.html` applies it, and that template is what both the
    `|richtext` filter and a RichText value's own rendering use.
    """
    # mark_safe is sound: nh3 output holds only allowlisted tags, attributes and schemes.
    return mark_safe(sanitise_html(str(markup or "")))


@register.filter
def safe_url(url) -> str:
    """An http(s) URL from data for an href, or '' (then the template prints no link)."""
    return _safe_url(str(url) if url else "")


@register.filter
def doi_url(doi) -> str:
    """The DOI resolver link readers follow (and the link checker checks)."""
    return citations.doi_url(str(doi or ""))


@register.filter
def pubmed_url(pmid) -> str:
    """The PubMed link readers follow (and the link checker checks)."""
    return citations.pubmed_url(str(pmid or ""))


@register.filter
def phase_span(phase) -> str:
    """A phase's structured timeframe for the timeline: "Day 0", "Days 2–5", "Weeks 2–12"."""
    return span_label(timeframe_from(phase.get("start")), timeframe_from(phase.get("end")))


@register.simple_tag
def citation_marks(body) -> CitationLinks:
    """Marker ids linking benefits to their references and each reference back (one pass over
    the body's raw JSON; no query)."""
    return citation_links(getattr(body, "raw_data", None) or ())


@register.simple_tag
def fitted_picture(image, specs: str, **attrs):
    """Wagtail's {% picture %} for a named picture of pages.pictures ("hero", "card") or specs
    such as "width-{640,1280} format-{webp,jpeg}", without renditions that come out as wide as
    another of their format.

    Wagtail never upscales, so an original narrower than the largest size gives several
    renditions of its own width; their repeated "1200w" candidates make the srcset invalid.
    """
    if not image:
        return ""
    kept, seen = {}, set()
    for spec, found in renditions(image, picture_specs(specs)).items():
        fmt = next((f for f in FormatOperation.supported_formats if f"format-{f}" in spec), "")
        if (fmt, found.width) not in seen:
            seen.add((fmt, found.width))
            kept[spec] = found
    return Picture(kept, attrs)


@register.simple_tag
def image_tag(image, spec: str, **attrs) -> str:
    """Wagtail's {% image image spec attr=... %} (the same <img>), through pages.renditions."""
    if not image:
        return ""
    return rendition(image, spec).img_tag(attrs)
