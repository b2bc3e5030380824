"""Admin form data for a page as stored, so a test can POST the edit form an editor would."""

from __future__ import annotations

from wagtail import blocks
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def block_form(block: blocks.Block, value):
    """Form data for one block's stored (JSON) value, walking the block definitions."""
    if isinstance(block, blocks.StreamBlock):
        return streamfield(
            [
                (child["type"], block_form(block.child_blocks[child["type"]], child["value"]))
                for child in value or []
            ]
        )
    if isinstance(block, blocks.ListBlock):
        items = [
            item["value"] if isinstance(item, dict) and "value" in item else item
            for item in value or []
        ]
        data = {
            str(i): {
                "value": block_form(block.child_block, item),
                "deleted": "",
                "order": str(i),
                "id": "",
            }
            for i, item in enumerate(items)
        }
        data["count"] = str(len(items))
        return data
    if isinstance(block, blocks.StructBlock):
        value = value or {}
        return {
            name: block_form(child, value.get(name)) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value or "")
    if isinstance(block, blocks.BooleanBlock):
        return "on" if value else ""
    return "" if value is None else str(value)


def edit_form(page) -> dict:
    """The article/review edit form as an editor would submit it unchanged."""
    body_block = type(page).body.field.stream_block
    raw = list(page.body.raw_data)
    data = {
        "title": page.title,
        "slug": page.slug,
        "dek": page.dek,
        "summary": page.summary,
        "hero_alt": "",
        "body": block_form(body_block, raw),
        "tags": "",
        "article_authors": inline_formset(
            [{"author": a.author_id} for a in page.article_authors.all()], min=1
        ),
        "medical_reviewer": page.medical_reviewer_id or "",
        "last_reviewed": "",
        "published_date": page.published_date or "",
        "updated_date": page.updated_date or "",
    }
    return nested_form_data(data)
