"""Prices as readers expect them in their language: one rule for specs, buy buttons and cards."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from babel.core import UnknownLocaleError
from babel.numbers import format_currency

DEFAULT_LOCALE = "en_US"


def format_price(amount, currency: str, locale: str = DEFAULT_LOCALE) -> str:
    """A price as the locale writes it: 89 USD is $89.00 in en_US, US$89.00 in en_GB; '' without
    an amount. The locale is a POSIX name ("en_US"), as django.utils.translation.to_locale gives."""
    if amount in (None, ""):
        return ""
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return ""
    try:
        return format_currency(value, currency, locale=locale)
    except (UnknownLocaleError, ValueError):
        return format_currency(value, currency, locale=DEFAULT_LOCALE)
