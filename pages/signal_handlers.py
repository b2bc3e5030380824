"""Sanitise rich text and URLs on every save, whatever path the content came in by.

The admin's editor already limits what it stores; a script, an importer or a data migration
does not. Before a model with rich text, a StreamField or a URL field is written, its rich text
goes through the one sanitiser (pages.richtext.sanitise_stored) and any URL that is not
http(s) is emptied. Clean values are left byte-for-byte as they were.
"""

from __future__ import annotations

from functools import cache

from django.apps import AppConfig
from django.db import models
from django.db.models.signals import pre_save
from wagtail.fields import RichTextField, StreamField

from .richtext import safe_url, sanitise_stored, sanitise_stream

CONTENT_FIELDS = (RichTextField, StreamField, models.URLField)


def sanitise_instance(instance: models.Model) -> None:
    """Sanitise the content fields of a model instance in place."""
    for field in content_fields(type(instance)):
        value = getattr(instance, field.name)
        if isinstance(field, StreamField):
            raw = list(value.raw_data)
            if (new_raw := sanitise_stream(field.stream_block, raw)) is not raw:
                setattr(instance, field.name, new_raw)
        elif isinstance(field, RichTextField):
            if value and (cleaned := sanitise_stored(value)) != value:
                setattr(instance, field.name, cleaned)
        elif value and not safe_url(value):
            setattr(instance, field.name, "")


@cache
def content_fields(model: type[models.Model]) -> tuple[models.Field, ...]:
    return tuple(f for f in model._meta.concrete_fields if isinstance(f, CONTENT_FIELDS))


def sanitise_before_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # fixtures (loaddata) are stored exactly as they are
        sanitise_instance(instance)


def register_sanitiser(app_config: AppConfig) -> None:
    """Sanitise on save for every model of an app that holds rich text or URLs."""
    for model in app_config.get_models():
        if content_fields(model):
            pre_save.connect(
                sanitise_before_save,
                sender=model,
                dispatch_uid=f"skincare-sanitise-{model._meta.label_lower}",
            )
