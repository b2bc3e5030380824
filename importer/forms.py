"""The admin import forms: upload (files, format, parent) and confirm (the signed preview)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from blog.models import BlogIndexPage
from importer.parser.readers import FORMATS

FORMAT_CHOICES = [(f, _("Detect from the file") if f == "auto" else f) for f in FORMATS]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (the recipe in Django's file-upload docs)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class ParentMixin(forms.Form):
    parent = forms.ModelChoiceField(
        queryset=BlogIndexPage.objects.none(),
        label=_("Import under"),
        empty_label=None,
        help_text=_("The blog index the drafts are created under."),
    )

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = (
            parents if parents is not None else BlogIndexPage.objects.none()
        )


class UploadForm(ParentMixin):
    field_order = ["files", "format", "parent"]
    files = MultipleFileField(
        label=_("Files"), help_text=_("Text, HTML, Markdown, .docx or a WordPress export (WXR).")
    )
    format = forms.ChoiceField(choices=FORMAT_CHOICES, initial="auto", label=_("Format"))


class ConfirmForm(ParentMixin):
    token = forms.CharField(widget=forms.HiddenInput)
    format = forms.ChoiceField(choices=FORMAT_CHOICES, widget=forms.HiddenInput)
