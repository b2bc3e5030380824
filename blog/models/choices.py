"""The fixed choices of a product review's fields (also the API's filter values)."""

from django.utils.translation import gettext_lazy as _

CATEGORY_CHOICES = [
    ("derma_roller", _("Derma roller")),
    ("microneedling_pen", _("Microneedling pen")),
    ("led_device", _("LED device")),
    ("serum", _("Serum")),
    ("moisturiser", _("Moisturiser")),
    ("sunscreen", _("Sunscreen")),
    ("cleanser", _("Cleanser")),
    ("other", _("Other")),
]
POWER_CHOICES = [
    ("manual", _("Manual (no power)")),
    ("corded", _("Corded (mains)")),
    ("rechargeable", _("Rechargeable battery")),
    ("corded_rechargeable", _("Corded or rechargeable")),
    ("battery", _("Replaceable batteries")),
]
CURRENCY_CHOICES = [("USD", "USD"), ("EUR", "EUR"), ("GBP", "GBP"), ("CAD", "CAD"), ("AUD", "AUD")]
