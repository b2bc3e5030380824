"""Admin panels of the blog models."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class ReviewerPanel(FieldPanel):
    """The medical reviewer as a list of the authors who can review, with a refusal that says why.

    Wagtail's snippet chooser ignores ``limit_choices_to`` and would offer every author, then
    fail with a generic "Select a valid choice".
    """

    def get_form_options(self):
        options = super().get_form_options()
        options["widgets"] = {self.field_name: forms.Select}
        options["error_messages"] = {
            self.field_name: {
                "invalid_choice": _(
                    "Only authors marked “can act as medical reviewer” can review an article; "
                    "choose one of them, or mark this author as a reviewer on their profile first."
                )
            }
        }
        return options
