"""Where a link sits, in the words of the editor: "Body › Citations › item 1 › DOI".

Links are stored with a model field ("body", "profile_links.0.url") and a block path built by
pages.streamwalk ("7.citations.items.0.doi": stream index and block name, struct keys, list
indexes). This reads them back through the model's field and block definitions, so the report
shows the labels the editor sees in the page editor. No database access.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from wagtail import blocks
from wagtail.blocks.list_block import ListBlock
from wagtail.fields import StreamField

SEPARATOR = " › "


def describe_location(model: type[models.Model], field: str, path: str = "") -> str:
    """The editor's name for a stored (field, block path); unknown parts are kept as stored."""
    name, _, child = field.partition(".")
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return SEPARATOR.join(part for part in (field, path) if part)
    labels = [_field_label(model_field)]
    if child:
        labels += _child_row_labels(model_field, child)
    if path:
        if isinstance(model_field, StreamField):
            labels += _block_labels(model_field.stream_block, path.split("."))
        else:
            labels.append(path)
    return SEPARATOR.join(labels)


def _field_label(model_field) -> str:
    if isinstance(model_field, models.Field):
        return str(capfirst(model_field.verbose_name))
    # A reverse relation to child rows (buy links, profile links): its accessor, humanised.
    return str(capfirst(model_field.get_accessor_name().replace("_", " ")))


def _child_row_labels(relation, rest: str) -> list[str]:
    """ "0.url" on a child relation: the row's position and the field's label."""
    index, _, name = rest.partition(".")
    if not index.isdigit():
        return [rest]
    labels = [f"item {int(index) + 1}"]
    if name:
        try:
            labels.append(_field_label(relation.related_model._meta.get_field(name)))
        except FieldDoesNotExist:
            labels.append(name)
    return labels


def _block_labels(block: blocks.Block, parts: list[str]) -> list[str]:
    labels: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if isinstance(block, blocks.StreamBlock):
            # "<index>.<block name>": the name says more to an editor than the position.
            child = block.child_blocks.get(parts[i + 1]) if i + 1 < len(parts) else None
            if child is None or not part.isdigit():
                break
            labels.append(str(child.label))
            block, i = child, i + 2
        elif isinstance(block, ListBlock):
            if not part.isdigit():
                break
            labels.append(f"item {int(part) + 1}")
            block, i = block.child_block, i + 1
        elif isinstance(block, blocks.StructBlock):
            child = block.child_blocks.get(part)
            if child is None:
                break
            # A list inside a struct is named by its items ("item 1"), as the editor shows it.
            next_is_index = i + 1 < len(parts) and parts[i + 1].isdigit()
            if not (isinstance(child, ListBlock) and next_is_index):
                labels.append(str(child.label))
            block, i = child, i + 1
        else:
            break
    if i < len(parts):
        labels.append(".".join(parts[i:]))  # a block removed from the code, or a foreign path
    return labels
