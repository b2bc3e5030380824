"""Template helpers shared by every page template."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Look a key up in a dict from a template: {{ anchors|get_item:block.id }}."""
    if not mapping:
        return None
    return mapping.get(key)
