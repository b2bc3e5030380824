"""The admin's rich text editor, made to open any stored value."""

from __future__ import annotations

from wagtail.admin.rich_text import DraftailRichTextArea

from .richtext import paragraphs_only, sanitise_stored


class SanitisingDraftailRichTextArea(DraftailRichTextArea):
    """Draftail, fed stored rich text through the one sanitiser first.

    Draftail's converter raises on markup it did not write (an <input> without its end tag, a
    `<![` section), which made the page editor answer 500 for content from an import or a
    script. Sanitised markup nearly always converts; what still does not (an <li> outside any
    list) opens as its plain paragraphs, so the editor can repair it instead of failing.
    """

    def format_value(self, value):
        value = sanitise_stored(value) if value else value
        try:
            return super().format_value(value)
        except Exception:  # the converter asserts; any failure gets the fallback
            return super().format_value(paragraphs_only(value))
