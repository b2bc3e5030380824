"""Validators shared by model fields and blocks."""

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# A link readers follow: http(s) only. Django's default also accepts ftp(s); javascript:, data:
# and vbscript: never pass. Output goes through pages.richtext.safe_url as well.
validate_web_url = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address starting with http:// or https://.")
)
